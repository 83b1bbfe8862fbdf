//! `goscope`: the native command line, like `go run` but on goscope's simulated runtime.
//!
//! ```text
//! goscope run [-race] [--seed N] [--gomaxprocs N] [--max-steps N] [--trace FILE.json] FILE.go
//!                                     run a program: its stdout, stderr, exit status
//!   (-race: detect data races as `go run -race` does; reports in its format, exit status 66)
//! goscope trace [--seed N] [--gomaxprocs N] [--max-steps N] FILE.go   print the run's event log (the trace) instead
//! ```
//!
//! `--trace FILE.json` also writes the events as JSON (schema in `json_trace.rs`).
//! `--stats` prints `goscope: N steps` on stderr after the run (for `cargo xtask bench`, which
//! divides it by the wall time to get simulated instructions per second).
//! `GODEBUG=schedtrace=X` prints `SCHED ...` lines on stderr, as `runtime/proc.go`'s
//! `schedtrace` does, each time X ms of *virtual* time have passed (checked after every
//! instruction; when the clock jumps over several periods while every P is idle,
//! one line is printed for the jump, not one per period).
//!
//! Exit status: a compile error exits 1 after printing `./FILE.go:LINE:COL: message` lines
//! (as `go build`/`go run` do); otherwise goscope exits with the program's own status (2 after a
//! panic or deadlock), and, like `go run`, says `exit status N` on stderr when that is not 0.
//! Unlike `go run`, which turns every failure into 1, the status is kept so scripts can tell
//! a panic (2) from a compile error (1).

use std::io::Write;
use std::process::ExitCode;

mod json_trace;

const USAGE: &str = "usage: goscope run [-race] [--seed N] [--gomaxprocs N] [--max-steps N] [--trace FILE.json] FILE.go
       goscope trace [--seed N] [--gomaxprocs N] [--max-steps N] FILE.go

  run    compile and run FILE.go on the simulated Go runtime, printing its output like `go run`
  trace  run it and print the event log (one event per line) instead of its output

  --trace FILE.json  also write the run's events as JSON
  --stats            print the number of instructions executed on stderr
  GODEBUG=schedtrace=X  print SCHED lines every X ms of virtual time, like Go";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match parse(&args) {
        Ok(Command::Help) => {
            println!("{USAGE}");
            ExitCode::SUCCESS
        }
        Ok(Command::Run {
            file,
            config,
            trace,
            json,
            stats,
        }) => {
            let (code, steps) = run(&file, &config, trace, json.as_deref());
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
    },
}

fn parse(args: &[String]) -> Result<Command, String> {
    let Some((verb, rest)) = args.split_first() else {
        return Ok(Command::Help);
    };
    let trace = match verb.as_str() {
        "run" => false,
        "trace" => true,
        "help" | "-h" | "--help" => return Ok(Command::Help),
        other => return Err(format!("unknown command {other:?}")),
    };
    let mut config = runtime::RunConfig::default();
    let mut file = None;
    let mut json = None;
    let mut stats = false;
    let mut it = rest.iter();
    while let Some(arg) = it.next() {
        let mut number = |name: &str| -> Result<u64, String> {
            let v = it.next().ok_or(format!("{name} needs a value"))?;
            v.parse()
                .map_err(|_| format!("{name}: not a number: {v:?}"))
        };
        match arg.as_str() {
            "--seed" => config.seed = number("--seed")?,
            "--trace" => {
                let f = it.next().ok_or("--trace needs a file name")?;
                json = Some(f.clone());
            }
            "--max-steps" => config.max_steps = number("--max-steps")?,
            // `go run -race`: race reports on stderr, `Found N data race(s)`, exit status 66.
            "-race" | "--race" => config.race = true,
            "--stats" => stats = true,
            "--gomaxprocs" => {
                let n = number("--gomaxprocs")?;
                if n == 0 || n > runtime::sched::MAX_GOMAXPROCS as u64 {
                    return Err(format!(
                        "--gomaxprocs: must be 1..={}",
                        runtime::sched::MAX_GOMAXPROCS
                    ));
                }
                config.gomaxprocs = n as usize;
            }
            a if a.starts_with('-') => return Err(format!("unknown flag {a}")),
            a if file.is_none() => file = Some(a.to_string()),
            a => return Err(format!("only one file can be run, got {a:?} too")),
        }
    }
    let file = file.ok_or("no .go file given")?;
    Ok(Command::Run {
        file,
        config,
        trace,
        json,
        stats,
    })
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

/// Runs the file; the exit status and the number of instructions executed.
fn run(
    path: &str,
    config: &runtime::RunConfig,
    trace: bool,
    json: Option<&str>,
) -> (ExitCode, u64) {
    let source = match std::fs::read(path) {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(s) => s,
            Err(_) => {
                eprintln!("{path}: invalid UTF-8 encoding");
                return (ExitCode::from(1), 0);
            }
        },
        Err(e) => {
            eprintln!("goscope: open {path}: {e}");
            return (ExitCode::from(1), 0);
        }
    };
    let name = display_name(path);
    let schedtrace = schedtrace_ms();
    let out = if trace || json.is_some() || schedtrace.is_some() {
        match runtime::Execution::start(&name, &source, config) {
            Ok(mut exec) => {
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
    (ExitCode::from(code), out.steps)
}

/// The name Go prints in positions: a relative path gets `./` in front, as the go command does.
fn display_name(path: &str) -> String {
    if path.starts_with('/') || path.starts_with("./") || path.starts_with("../") {
        path.to_string()
    } else {
        format!("./{path}")
    }
}
