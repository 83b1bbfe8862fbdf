//! `goscope`: the native command line, like `go run` but on goscope's simulated runtime.
//!
//! ```text
//! goscope run [-race] [--seed N] [--gomaxprocs N] [--max-steps N] [--trace FILE.json] FILE.go
//!                                     run a program: its stdout, stderr, exit status
//!   (-cpuprofile FILE, -memprofile FILE: write pprof profiles, see `runtime::profile`)
//!   (-race: detect data races as `go run -race` does; reports in its format, exit status 66)
//! goscope trace [--seed N] [--gomaxprocs N] [--max-steps N] FILE.go   print the run's event log (the trace) instead
//! goscope explore [--max-schedules N] [--gomaxprocs N] [--seed N] [--max-steps N] FILE.go
//!                                     run it under many schedules, list the distinct outcomes
//! goscope run --schedule "goscope-schedule v1 ..." FILE.go   replay one of those schedules
//! ```
//!
//! `explore` drives `runtime::explore::Explorer` to the end (a progress line on stderr when it is
//! a terminal) and prints every distinct outcome — runs, exit status, race verdict, the output
//! (indented, at most [`SHOWN_LINES`] lines of [`SHOWN_CHARS`] characters), the first schedule
//! that produced it and the `goscope run --schedule '...'` command replaying it — then whether
//! the search was exhaustive or which bounds it stopped at. `run --schedule` replays exactly as
//! the explorer ran (race mode, a scheduling point at every shared access, the schedule's seed,
//! the explorer's step budget unless `--max-steps` is given) and warns on stderr if the program
//! asked for different choices than the schedule recorded.
//!
//! `--trace FILE.json` also writes the events as JSON (schema in `json_trace.rs`).
//! `--stats` prints `goscope: N steps` on stderr after the run (for `cargo xtask bench`, which
//! divides it by the wall time to get simulated instructions per second).
//! `GODEBUG=schedtrace=X` prints `SCHED ...` lines on stderr, as `runtime/proc.go`'s
//! `schedtrace` does, each time X ms of *virtual* time have passed (checked after every
//! instruction; when the clock jumps over several periods while every P is idle,
//! one line is printed for the jump, not one per period).
//! `GODEBUG=gctrace=1` prints a `gc N @...` line per simulated GC cycle on stderr in Go's
//! format; `GOGC` (a percentage or `off`) and `GOMEMLIMIT` (bytes, or with a `KiB`/`MiB`/`GiB`
//! suffix) set the simulated collector's pacer as they set Go's.
//!
//! Exit status: a compile error exits 1 after printing `./FILE.go:LINE:COL: message` lines
//! (as `go build`/`go run` do); otherwise goscope exits with the program's own status (2 after a
//! panic or deadlock), and, like `go run`, says `exit status N` on stderr when that is not 0.
//! Unlike `go run`, which turns every failure into 1, the status is kept so scripts can tell
//! a panic (2) from a compile error (1).

use runtime::explore::{ExploreConfig, Explorer, Found};
use std::io::{IsTerminal, Write};
use std::process::ExitCode;

mod json_trace;

const USAGE: &str = "usage: goscope run [-race] [-cpuprofile FILE] [-memprofile FILE] [--seed N] [--gomaxprocs N] [--time-slice D] [--max-steps N] [--trace FILE.json] FILE.go
       goscope trace [--seed N] [--gomaxprocs N] [--max-steps N] FILE.go
       goscope explore [--max-schedules N] [--gomaxprocs N] [--seed N] [--max-steps N] FILE.go
       goscope run --schedule \"goscope-schedule v1 ...\" [--gomaxprocs N] FILE.go

  run      compile and run FILE.go on the simulated Go runtime, printing its output like `go run`
  trace    run it and print the event log (one event per line) instead of its output
  explore  run it under many schedules (depth-first, bounded) and list its distinct outcomes,
           each with a schedule that `run --schedule` replays

  --trace FILE.json  also write the run's events as JSON
  -cpuprofile FILE   write a CPU profile (pprof format, virtual time) for `go tool pprof`
  -memprofile FILE   write an allocation profile (every allocation) for `go tool pprof`
  --time-slice D     preempt a goroutine after D of virtual time (default 10ms, Go's
                     forcePreemptNS; e.g. 20us to see preemption in a short program)
  --stats            print the number of instructions executed on stderr
  --schedule LINE    replay a schedule printed by `goscope explore` (race mode)
  --max-schedules N  explore: runs in all (default 2000)
  GODEBUG=schedtrace=X  print SCHED lines every X ms of virtual time, like Go
  GODEBUG=gctrace=1     print a gc line per simulated GC cycle, like Go
  GOGC, GOMEMLIMIT      the simulated collector's pacer settings, like Go's";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match parse(&args) {
        Ok(Command::Help) => {
            println!("{USAGE}");
            ExitCode::SUCCESS
        }
        Ok(Command::Explore { file, config }) => explore(&file, &config),
        Ok(Command::Run {
            file,
            config,
            trace,
            json,
            stats,
            schedule,
            profiles,
        }) => {
            let (code, steps) = run(
                &file,
                &config,
                trace,
                json.as_deref(),
                schedule.as_ref(),
                &profiles,
            );
            if stats {
                eprintln!("goscope: {steps} steps");
            }
            code
        }
        Err(msg) => {
            eprintln!("goscope: {msg}\n\n{USAGE}");
            ExitCode::from(2)
        }
    }
}

/// Where `-cpuprofile` / `-memprofile` write (the flag names of `go test`).
#[derive(Default)]
struct Profiles {
    cpu: Option<String>,
    mem: Option<String>,
}

enum Command {
    Help,
    Run {
        file: String,
        config: runtime::RunConfig,
        trace: bool,
        /// `--trace FILE.json`.
        json: Option<String>,
        /// `--stats`.
        stats: bool,
        /// `--schedule LINE`: replay it as the explorer ran it.
        schedule: Option<sim::Schedule>,
        /// `-cpuprofile FILE`, `-memprofile FILE`.
        profiles: Profiles,
    },
    Explore {
        file: String,
        config: ExploreConfig,
    },
}

fn parse(args: &[String]) -> Result<Command, String> {
    let Some((verb, rest)) = args.split_first() else {
        return Ok(Command::Help);
    };
    let trace = match verb.as_str() {
        "run" => false,
        "trace" => true,
        "explore" => return parse_explore(rest),
        "help" | "-h" | "--help" => return Ok(Command::Help),
        other => return Err(format!("unknown command {other:?}")),
    };
    let mut config = runtime::RunConfig::default();
    let mut file = None;
    let mut json = None;
    let mut stats = false;
    let mut schedule: Option<sim::Schedule> = None;
    let mut seed_given = false;
    let mut max_steps_given = false;
    let mut profiles = Profiles::default();
    let mut it = rest.iter();
    while let Some(arg) = it.next() {
        let mut num = |name: &str| number(&mut it, name);
        match arg.as_str() {
            "--seed" => {
                config.seed = num("--seed")?;
                seed_given = true;
            }
            "--schedule" => {
                let line = it.next().ok_or("--schedule needs a schedule line")?;
                let parsed = line.parse::<sim::Schedule>().map_err(|e| {
                    format!(
                        "--schedule: not a schedule line ({e}): {line:?}\n  \
                         (copy the `schedule:` line `goscope explore` printed, in quotes)"
                    )
                })?;
                schedule = Some(parsed);
            }
            "--trace" => {
                let f = it.next().ok_or("--trace needs a file name")?;
                json = Some(f.clone());
            }
            "--max-steps" => {
                config.max_steps = num("--max-steps")?;
                max_steps_given = true;
            }
            // `go run -race`: race reports on stderr, `Found N data race(s)`, exit status 66.
            "-race" | "--race" => config.race = true,
            "--stats" => stats = true,
            "-cpuprofile" | "--cpuprofile" => {
                profiles.cpu = Some(it.next().ok_or("-cpuprofile needs a file name")?.clone());
            }
            "-memprofile" | "--memprofile" => {
                profiles.mem = Some(it.next().ok_or("-memprofile needs a file name")?.clone());
            }
            "--gomaxprocs" => config.gomaxprocs = gomaxprocs(num("--gomaxprocs")?)?,
            "--time-slice" => {
                let d = it
                    .next()
                    .ok_or("--time-slice needs a duration, e.g. 20us")?;
                config.time_slice_ns = duration_ns(d)?;
            }
            a if a.starts_with('-') => return Err(format!("unknown flag {a}")),
            a if file.is_none() => file = Some(a.to_string()),
            a => return Err(format!("only one file can be run, got {a:?} too")),
        }
    }
    let file = file.ok_or("no .go file given")?;
    if profiles.cpu.is_some() || profiles.mem.is_some() {
        config.profile = Some(runtime::profile::ProfileConfig::default());
    }
    if let Some(s) = &schedule {
        if seed_given && config.seed != s.seed {
            return Err(format!(
                "--seed {} contradicts the schedule's seed={} (the schedule line carries its seed; drop --seed)",
                config.seed, s.seed
            ));
        }
        // Exactly as the explorer ran it.
        config.seed = s.seed;
        config.race = true;
        if !max_steps_given {
            config.max_steps = ExploreConfig::default().max_steps;
        }
    }
    Ok(Command::Run {
        file,
        config,
        trace,
        json,
        stats,
        schedule,
        profiles,
    })
}

/// The value after flag `name`, as a number.
fn number(it: &mut std::slice::Iter<'_, String>, name: &str) -> Result<u64, String> {
    let v = it.next().ok_or(format!("{name} needs a value"))?;
    v.parse()
        .map_err(|_| format!("{name}: not a number: {v:?}"))
}

fn gomaxprocs(n: u64) -> Result<usize, String> {
    if n == 0 || n > runtime::sched::MAX_GOMAXPROCS as u64 {
        return Err(format!(
            "--gomaxprocs: must be 1..={}",
            runtime::sched::MAX_GOMAXPROCS
        ));
    }
    Ok(n as usize)
}

fn parse_explore(args: &[String]) -> Result<Command, String> {
    let mut config = ExploreConfig::default();
    let mut file = None;
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--max-schedules" => {
                let n = number(&mut it, "--max-schedules")?;
                if n == 0 {
                    return Err("--max-schedules: must be at least 1".to_string());
                }
                config.max_schedules = usize::try_from(n).unwrap_or(usize::MAX);
            }
            "--gomaxprocs" => config.gomaxprocs = gomaxprocs(number(&mut it, "--gomaxprocs")?)?,
            "--seed" => config.seed = number(&mut it, "--seed")?,
            "--max-steps" => {
                config.max_steps = number(&mut it, "--max-steps")?;
                if config.max_steps == 0 {
                    return Err("--max-steps: must be at least 1".to_string());
                }
            }
            "-race" | "--race" => {} // explore always runs in race mode
            a if a.starts_with('-') => {
                return Err(format!(
                    "explore: unknown flag {a} (explore takes --max-schedules, --gomaxprocs, --seed, --max-steps)"
                ));
            }
            a if file.is_none() => file = Some(a.to_string()),
            a => return Err(format!("only one file can be explored, got {a:?} too")),
        }
    }
    let file = file.ok_or("no .go file given")?;
    Ok(Command::Explore { file, config })
}

/// A Go duration with one unit (`20us`, `1.5ms`, `10ms`, `500ns`, `100µs`) in ns, at least
/// 1 µs (the scheduler checks slices at burst ends, a few dozen instructions apart).
fn duration_ns(text: &str) -> Result<u64, String> {
    let bad = || format!("--time-slice: {text:?} is not a duration like 20us, 1ms or 10ms");
    let at = text
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .ok_or_else(bad)?;
    let (number, unit) = text.split_at(at);
    let scale = match unit {
        "ns" => 1.0,
        "us" | "µs" => 1e3,
        "ms" => 1e6,
        "s" => 1e9,
        _ => return Err(bad()),
    };
    let value: f64 = number.parse().map_err(|_| bad())?;
    let ns = (value * scale).round();
    if !(1_000.0..=1e12).contains(&ns) {
        return Err(format!("--time-slice: {text} is outside 1us..1000s"));
    }
    Ok(ns as u64)
}

/// `X` of `GODEBUG=...,schedtrace=X,...` (milliseconds), if set and positive.
fn schedtrace_ms() -> Option<u64> {
    let godebug = std::env::var("GODEBUG").ok()?;
    godebug
        .split(',')
        .find_map(|kv| kv.strip_prefix("schedtrace="))
        .and_then(|v| v.parse().ok())
        .filter(|&ms| ms > 0)
}

/// The collector's settings from `GODEBUG=gctrace=1`, `GOGC` and `GOMEMLIMIT`.
fn gc_env(config: &runtime::RunConfig) -> runtime::RunConfig {
    let mut config = config.clone();
    if let Ok(godebug) = std::env::var("GODEBUG") {
        config.gc.gctrace = godebug
            .split(',')
            .any(|kv| kv.strip_prefix("gctrace=").is_some_and(|v| v != "0"));
    }
    if let Ok(gogc) = std::env::var("GOGC") {
        if gogc == "off" {
            config.gc.gogc = -1;
        } else if let Ok(n) = gogc.parse::<i32>() {
            config.gc.gogc = n;
        }
    }
    if let Ok(limit) = std::env::var("GOMEMLIMIT") {
        let (digits, unit) = match limit.find(|c: char| !c.is_ascii_digit()) {
            Some(i) => limit.split_at(i),
            None => (limit.as_str(), ""),
        };
        let mult: u64 = match unit {
            "" | "B" => 1,
            "KiB" => 1 << 10,
            "MiB" => 1 << 20,
            "GiB" => 1 << 30,
            "TiB" => 1 << 40,
            _ => 0,
        };
        if let Ok(n) = digits.parse::<u64>()
            && mult > 0
        {
            config.gc.memory_limit = Some(n.saturating_mul(mult));
        }
    }
    config
}

/// Runs the file; the exit status and the number of instructions executed.
fn run(
    path: &str,
    config: &runtime::RunConfig,
    trace: bool,
    json: Option<&str>,
    schedule: Option<&sim::Schedule>,
    profiles: &Profiles,
) -> (ExitCode, u64) {
    let Some(source) = read_source(path) else {
        return (ExitCode::from(1), 0);
    };
    let name = display_name(path);
    let config = &gc_env(config);
    let schedtrace = schedtrace_ms();
    let mut divergence = None;
    let events = trace || json.is_some() || schedtrace.is_some() || schedule.is_some();
    let out = if events || config.profile.is_some() {
        match runtime::Execution::start(&name, &source, config) {
            Ok(exec) => {
                let exec = if events { exec } else { exec.without_trace() };
                let mut exec = match schedule {
                    Some(s) => exec
                        .with_chooser(sim::Chooser::replay(s))
                        .with_access_points(),
                    None => exec,
                };
                // One instruction at a time under schedtrace, so a line is printed as soon as its
                // virtual moment is passed.
                let slice = if schedtrace.is_some() { 1 } else { 1_000_000 };
                let mut next_ms = 0;
                loop {
                    if let Some(period) = schedtrace {
                        let sched = exec.machine().scheduler();
                        let now_ms = sched.now().nanos() / 1_000_000;
                        if now_ms >= next_ms {
                            eprintln!("{}", sched.schedtrace_line());
                            next_ms = (now_ms / period + 1) * period;
                        }
                    }
                    if exec.advance(slice) {
                        break;
                    }
                }
                if let Some(s) = schedule {
                    divergence = diverged(s, &exec.schedule());
                }
                if trace {
                    print!("{}", exec.trace());
                }
                if let Some(file) = json {
                    let doc = json_trace::document(
                        &json_trace::RunInfo {
                            file: &name,
                            seed: config.seed,
                            gomaxprocs: exec.machine().scheduler().gomaxprocs(),
                            exit_code: exec.machine().exit_code().unwrap_or(0),
                            steps: exec.steps(),
                            dropped_events: exec.dropped_events(),
                        },
                        exec.events(),
                    );
                    if let Err(e) = std::fs::write(file, doc) {
                        eprintln!("goscope: write {file}: {e}");
                        return (ExitCode::from(1), exec.steps());
                    }
                }
                for (file, bytes) in [
                    (&profiles.cpu, exec.machine().cpu_pprof()),
                    (&profiles.mem, exec.machine().alloc_pprof()),
                ] {
                    if let (Some(file), Some(bytes)) = (file, bytes)
                        && let Err(e) = write_gzip(file, &bytes)
                    {
                        eprintln!("goscope: write {file}: {e}");
                        return (ExitCode::from(1), exec.steps());
                    }
                }
                exec.finish()
            }
            Err(out) => out,
        }
    } else {
        runtime::run(&name, &source, config)
    };
    if !trace {
        let _ = std::io::stdout().write_all(out.stdout.as_bytes());
    }
    let _ = std::io::stdout().flush();
    let _ = std::io::stderr().write_all(out.stderr.as_bytes());
    let code = out.exit_code.clamp(0, 255) as u8;
    if code != 0 && out.diagnostics.is_empty() {
        eprintln!("exit status {code}");
    }
    if let Some(d) = divergence {
        eprintln!(
            "goscope: warning: the run did not follow the schedule: {d}\n\
             goscope: (was it recorded for another program, --gomaxprocs or --max-steps?)"
        );
    }
    (ExitCode::from(code), out.steps)
}

/// Writes a profile gzipped, as `runtime/pprof` does.
fn write_gzip(path: &str, bytes: &[u8]) -> std::io::Result<()> {
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(bytes)?;
    std::fs::write(path, gz.finish()?)
}

/// The file's text, or `None` after saying why not.
fn read_source(path: &str) -> Option<String> {
    match std::fs::read(path) {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(s) => Some(s),
            Err(_) => {
                eprintln!("{path}: invalid UTF-8 encoding");
                None
            }
        },
        Err(e) => {
            eprintln!("goscope: open {path}: {e}");
            None
        }
    }
}

/// Where a replay left `wanted`: the first choice the run made differently, or the run ended
/// before using every recorded choice. `None` when it followed the schedule.
fn diverged(wanted: &sim::Schedule, made: &sim::Schedule) -> Option<String> {
    let at = wanted
        .choices
        .iter()
        .zip(&made.choices)
        .position(|(w, m)| w != m);
    match at {
        Some(i) => Some(format!(
            "at choice {i} it recorded `{}` but the run made `{}`",
            wanted.choices[i], made.choices[i]
        )),
        None if made.len() < wanted.len() => Some(format!(
            "the run ended after {} of its {} choices",
            made.len(),
            wanted.len()
        )),
        None => None,
    }
}

/// Output lines shown per outcome by `explore`, and characters per line.
const SHOWN_LINES: usize = 12;
const SHOWN_CHARS: usize = 160;

/// `goscope explore`: the search, then its outcomes.
fn explore(path: &str, config: &ExploreConfig) -> ExitCode {
    let Some(source) = read_source(path) else {
        return ExitCode::from(1);
    };
    let name = display_name(path);
    // A compile error is reported as `go run` would, not as an outcome.
    // `..default()` keeps this compiling when RunConfig gains options.
    #[allow(clippy::needless_update)]
    let run_config = runtime::RunConfig {
        seed: config.seed,
        max_steps: config.max_steps,
        gomaxprocs: config.gomaxprocs,
        race: true,
        ..runtime::RunConfig::default()
    };
    if let Err(out) = runtime::Execution::start(&name, &source, &run_config) {
        let _ = std::io::stderr().write_all(out.stderr.as_bytes());
        return ExitCode::from(out.exit_code.clamp(0, 255) as u8);
    }
    let mut explorer = Explorer::new(&name, &source, config.clone());
    let tty = std::io::stderr().is_terminal();
    let mut shown = std::time::Instant::now();
    let progress = loop {
        let p = explorer.advance(200_000);
        if p.done {
            break p;
        }
        if tty && shown.elapsed().as_millis() >= 250 {
            shown = std::time::Instant::now();
            eprint!(
                "\rgoscope: explored {}/{} schedules, {} outcomes",
                p.explored,
                p.bound,
                explorer.outcomes().len()
            );
        }
    };
    if tty {
        eprint!("\r\x1b[K");
    }
    let found = explorer.outcomes();
    let mut out = String::new();
    out.push_str(&format!(
        "{name}: {} run{}, {} distinct outcome{} (GOMAXPROCS {}, race mode, a scheduling point at every shared access)\n",
        progress.explored,
        if progress.explored == 1 { "" } else { "s" },
        found.len(),
        if found.len() == 1 { "" } else { "s" },
        config.gomaxprocs,
    ));
    for (i, f) in found.iter().enumerate() {
        out.push('\n');
        out.push_str(&describe(i + 1, found.len(), f, path, config));
    }
    out.push('\n');
    if progress.exhaustive {
        out.push_str(&format!(
            "exhaustive: every schedule was run ({} in all), so these are all the outcomes.\n",
            progress.explored
        ));
    } else {
        out.push_str(&format!(
            "bounded, not exhaustive: the search stopped at --max-schedules {} runs.\n\
             (The depth-first search branches on the first {} choices of a run and takes at most {}\n\
             non-default choices per schedule; runs left once a bound cut it go to random\n\
             schedules.) Other outcomes may exist: raise --max-schedules to search further.\n",
            config.max_schedules, config.max_depth, config.max_deviations,
        ));
    }
    if found.iter().any(|f| f.outcome.is_budget()) {
        out.push_str(&format!(
            "some runs hit the per-run step budget (--max-steps {}): they spin or run long.\n",
            config.max_steps
        ));
    }
    let _ = std::io::stdout().write_all(out.as_bytes());
    let _ = std::io::stdout().flush();
    ExitCode::SUCCESS
}

/// One outcome of `explore`.
fn describe(n: usize, of: usize, f: &Found, path: &str, config: &ExploreConfig) -> String {
    let o = &f.outcome;
    let mut s = format!(
        "outcome {n} of {of}: {} run{}, exit status {}, {}\n",
        f.count,
        if f.count == 1 { "" } else { "s" },
        o.exit_code,
        if o.race { "data race" } else { "no race" },
    );
    if o.stdout.is_empty() {
        s.push_str("  stdout: (empty)\n");
    } else {
        s.push_str("  stdout:\n");
        let lines: Vec<&str> = o.stdout.lines().collect();
        for line in lines.iter().take(SHOWN_LINES) {
            s.push_str("    ");
            let mut chars = line.chars();
            s.extend(chars.by_ref().take(SHOWN_CHARS));
            if chars.next().is_some() {
                s.push_str(" …");
            }
            s.push('\n');
        }
        if lines.len() > SHOWN_LINES {
            s.push_str(&format!(
                "    … ({} more lines)\n",
                lines.len() - SHOWN_LINES
            ));
        }
        if !o.stdout.ends_with('\n') {
            s.push_str("    (no newline at the end)\n");
        }
    }
    if !o.stderr_line.is_empty() {
        s.push_str(&format!("  stderr: {}\n", o.stderr_line));
    }
    s.push_str(&format!("  schedule: {}\n", f.schedule));
    let defaults = ExploreConfig::default();
    let mut flags = String::new();
    if config.gomaxprocs != defaults.gomaxprocs {
        flags.push_str(&format!(" --gomaxprocs {}", config.gomaxprocs));
    }
    if config.max_steps != defaults.max_steps {
        flags.push_str(&format!(" --max-steps {}", config.max_steps));
    }
    s.push_str(&format!(
        "  replay: goscope run --schedule '{}'{flags} {path}\n",
        f.schedule
    ));
    s
}

/// The name Go prints in positions: a relative path gets `./` in front, as the go command does.
fn display_name(path: &str) -> String {
    if path.starts_with('/') || path.starts_with("./") || path.starts_with("../") {
        path.to_string()
    } else {
        format!("./{path}")
    }
}
