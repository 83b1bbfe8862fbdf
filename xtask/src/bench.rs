//! `cargo xtask bench`: the performance benchmark of issue 3 — tests/bench/*.go run by the
//! `native` profile's build of the `goscope` CLI (release at opt-level 3, see Cargo.toml), by
//! real Go (`go build`, then the binary) and, when installed, by yaegi (`yaegi run`), in the
//! same run.
//!
//! Each program prints a checksum, so the outputs are compared with Go's: a wrong answer is
//! reported instead of a fast one. Each command runs [`REPS`] times and the median wall time is
//! kept (the machines are shared and noisy; a median is steadier than a mean). goscope's
//! simulated instruction rate is its step count (`goscope run --stats`) divided by that median.
//! "events kept" runs again with `--trace /dev/null`, which keeps the run's first events and
//! writes them as JSON — the cost of recording on top of the plain run (the machine always
//! produces typed events; a plain run only takes stdout/stderr from them).
//!
//! `cargo xtask bench --write` also writes BENCHMARKS.md (table, machine, how to reproduce).
//! Not part of `cargo xtask test`: timings are not pass/fail.

use crate::util::{self, Result};
use std::path::PathBuf;
use std::process::Command;
use std::time::Instant;

/// Repetitions of every command; the median is reported.
const REPS: usize = 5;

/// Far above any benchmark's step count (the CLI's default budget is 50 million).
const MAX_STEPS: &str = "100000000000";

/// One program's measurements (milliseconds; None when the tool is missing or failed).
struct Row {
    name: String,
    goscope_ms: f64,
    /// CPU time (user + system) of the same runs, median.
    goscope_cpu_ms: f64,
    goscope_traced_ms: f64,
    go_ms: f64,
    yaegi_ms: Option<f64>,
    steps: u64,
    /// Empty when every tool printed what Go printed.
    mismatch: String,
}

pub fn bench(args: &[String]) -> Result {
    let write = args.iter().any(|a| a == "--write");
    let root = util::root();
    util::run(util::cmd("cargo").args(["build", "--profile", "native", "-p", "cli"]))?;
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("target"));
    let goscope = target.join("native/goscope");
    let work = target.join("bench");
    std::fs::create_dir_all(&work).map_err(|e| format!("{}: {e}", work.display()))?;
    let yaegi = util::output(Command::new("yaegi").arg("version")).is_some();
    if !yaegi {
        eprintln!("(yaegi not found: `apt-get install yaegi` adds a column)");
    }

    let mut programs: Vec<PathBuf> = std::fs::read_dir(root.join("tests/bench"))
        .map_err(|e| format!("tests/bench: {e}"))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "go"))
        .collect();
    programs.sort();

    let mut rows = Vec::new();
    for prog in &programs {
        let name = prog.file_stem().unwrap().to_string_lossy().into_owned();
        eprintln!("bench {name}");
        let bin = work.join(&name);
        util::run(util::cmd("go").args(["build", "-o"]).arg(&bin).arg(prog))?;
        let (go_ms, go_out) = measure(Command::new(&bin).current_dir(&root))?;
        let mut run = Command::new(&goscope);
        run.args(["run", "--stats", "--max-steps", MAX_STEPS])
            .arg(prog)
            .current_dir(&root);
        let (goscope_ms, goscope_cpu_ms, out) = measure_cpu(&mut run)?;
        let mut traced = Command::new(&goscope);
        traced
            .args(["run", "--max-steps", MAX_STEPS, "--trace", "/dev/null"])
            .arg(prog)
            .current_dir(&root);
        let (goscope_traced_ms, traced_out) = measure(&mut traced)?;
        let steps = steps_of(&out.stderr);
        let mut mismatch = Vec::new();
        if out.stdout != go_out.stdout || traced_out.stdout != go_out.stdout {
            mismatch.push("goscope");
        }
        let yaegi_ms = if yaegi {
            let (ms, y) = measure(Command::new("yaegi").arg("run").arg(prog))?;
            if y.stdout != go_out.stdout {
                mismatch.push("yaegi");
            }
            Some(ms)
        } else {
            None
        };
        rows.push(Row {
            name,
            goscope_ms,
            goscope_cpu_ms,
            goscope_traced_ms,
            go_ms,
            yaegi_ms,
            steps,
            mismatch: mismatch.join(", "),
        });
    }

    let mut table = table(&rows);
    println!("{table}");
    let race = crate::bench_more::race_overhead(&programs, &goscope, &work)?;
    println!("{race}");
    let seek = crate::bench_more::seek()?;
    println!("{seek}");
    let gc = crate::bench_more::gc_mark()?;
    println!("{gc}");
    let native: Vec<(String, f64, u64)> = rows
        .iter()
        .map(|r| (r.name.clone(), r.goscope_ms, r.steps))
        .collect();
    let browser = if args.iter().any(|a| a == "--skip-browser") {
        String::from("(skipped: --skip-browser)\n")
    } else {
        crate::bench_more::browser(&native)?
    };
    println!("{browser}");
    table.push_str(&format!(
        "\n## Race detection overhead\n\n{race}\n\
         Same programs, `-race` on and off, median of {REPS} runs each: goscope's happens-before \
         tracking (vector clocks, shadow memory) against the Go race detector (ThreadSanitizer; \
         Go documents 2–20× in time).\n\n\
         ## Seeking in a recorded run (the player)\n\n{seek}\n\
         `crates/runtime/examples/seek_bench.rs`: recorded as the Playground records (checkpoint \
         every 1024 instructions, interval doubled whenever the checkpoints reach the memory \
         budget), then 201 seeks in a seeded order, each building the views' model \
         (`inspect::Inspection`). Native release build.\n\n\
         ## The simulated garbage collector's mark rate\n\n{gc}\n\
         `crates/runtime/examples/gc_bench.rs`: `tests/bench/gc/heap.go` builds its heap with \
         GOGC=off, then `Machine::collect_now` runs whole cycles (sweep termination, mark from \
         the roots, mark termination, sweep), median of 7; the CPU columns divide by the \
         thread's CPU time (the machines are shared). Target: 5 million objects/s.\n\n\
         ## In the browser (headless Chromium)\n\n{browser}\n\
         wasm: `crates/app/tests/bench_wasm.rs` (release build, wasm-bindgen-test); the native \
         column is the goscope ms of the first table (it includes process start). Page: \
         `tests/e2e/bench.mjs` on the built site served from loopback (median of 5 loads; warm = \
         reload in the same browser context).\n"
    ));
    if write {
        let doc = document(&table);
        let path = root.join("BENCHMARKS.md");
        std::fs::write(&path, doc).map_err(|e| format!("{}: {e}", path.display()))?;
        eprintln!("wrote {}", path.display());
    }
    if rows.iter().any(|r| !r.mismatch.is_empty()) {
        return Err("some output differs from Go's (see the table)".into());
    }
    Ok(())
}

/// What a command printed.
pub(crate) struct Printed {
    stdout: Vec<u8>,
    stderr: String,
}

/// Runs `c` [`REPS`] times; the median wall time in ms and the last run's output.
pub(crate) fn measure(c: &mut Command) -> Result<(f64, Printed)> {
    measure_cpu(c).map(|(wall, _, out)| (wall, out))
}

/// CPU time (user + system, ms) used so far by this process's waited-for children.
fn children_cpu_ms() -> f64 {
    // SAFETY: getrusage only writes the struct it is given.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    if unsafe { libc::getrusage(libc::RUSAGE_CHILDREN, &mut usage) } != 0 {
        return 0.0;
    }
    let ms = |t: libc::timeval| t.tv_sec as f64 * 1000.0 + t.tv_usec as f64 / 1000.0;
    ms(usage.ru_utime) + ms(usage.ru_stime)
}

/// [`measure`] plus the median CPU time (user + system) of the runs: on a shared machine the
/// wall time also counts waiting for a core, the CPU time only the program's own work.
pub(crate) fn measure_cpu(c: &mut Command) -> Result<(f64, f64, Printed)> {
    let mut times = Vec::new();
    let mut cpu = Vec::new();
    let mut last = None;
    for _ in 0..REPS {
        let start = Instant::now();
        let cpu_before = children_cpu_ms();
        let out = c
            .output()
            .map_err(|e| format!("could not start {:?}: {e}", c.get_program()))?;
        times.push(start.elapsed().as_secs_f64() * 1000.0);
        cpu.push(children_cpu_ms() - cpu_before);
        if !out.status.success() {
            return Err(format!(
                "{:?} {:?} failed ({}): {}",
                c.get_program(),
                c.get_args().collect::<Vec<_>>(),
                out.status,
                String::from_utf8_lossy(&out.stderr)
            ));
        }
        last = Some(Printed {
            stdout: out.stdout,
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        });
    }
    times.sort_by(f64::total_cmp);
    cpu.sort_by(f64::total_cmp);
    Ok((times[REPS / 2], cpu[REPS / 2], last.expect("REPS > 0")))
}

/// N of the `goscope: N steps` line `--stats` prints.
fn steps_of(stderr: &str) -> u64 {
    stderr
        .lines()
        .find_map(|l| l.strip_prefix("goscope: ")?.strip_suffix(" steps"))
        .and_then(|n| n.parse().ok())
        .unwrap_or(0)
}

fn table(rows: &[Row]) -> String {
    let mut s = String::from(
        "| program | goscope ms | go ms | yaegi ms | goscope/go | goscope M instr/s | goscope CPU: ms, M instr/s | events kept: ms, M instr/s | steps |\n\
         |---|---:|---:|---:|---:|---:|---:|---:|---:|\n",
    );
    for r in rows {
        let rate = |ms: f64| r.steps as f64 / (ms / 1000.0) / 1e6;
        let yaegi = r.yaegi_ms.map_or("—".to_string(), |ms| format!("{ms:.0}"));
        let name = if r.mismatch.is_empty() {
            r.name.clone()
        } else {
            format!("{} (OUTPUT DIFFERS: {})", r.name, r.mismatch)
        };
        s.push_str(&format!(
            "| {name} | {:.0} | {:.1} | {yaegi} | {:.0}× | {:.1} | {:.0}, {:.1} | {:.0}, {:.1} | {} |\n",
            r.goscope_ms,
            r.go_ms,
            r.goscope_ms / r.go_ms,
            rate(r.goscope_ms),
            r.goscope_cpu_ms,
            rate(r.goscope_cpu_ms),
            r.goscope_traced_ms,
            rate(r.goscope_traced_ms),
            r.steps,
        ));
    }
    s
}

/// BENCHMARKS.md: the table, the machine it was measured on, how to reproduce.
fn document(table: &str) -> String {
    let sh = |cmd: &str, args: &[&str]| {
        util::output(Command::new(cmd).args(args))
            .map(|s| s.trim().to_string())
            .unwrap_or_else(|| "?".into())
    };
    let os = std::fs::read_to_string("/etc/os-release")
        .ok()
        .and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix("PRETTY_NAME="))
                .map(|v| v.trim_matches('"').to_string())
        })
        .unwrap_or_else(|| "?".into());
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix("model name"))
                .map(|v| v.trim_start_matches([' ', '\t', ':']).to_string())
        })
        .unwrap_or_else(|| "?".into());
    format!(
        "# Benchmarks\n\n\
         Measured {date} by `cargo xtask bench --write` on {cores} cores ({cpu}), {os}, {rustc}, \
         {go}, yaegi {yaegi}. Wall times are the median of {REPS} runs of each command, \
         including process start; the machine is shared, so expect ±10–20 % between runs.\n\n\
         {table}\n\
         - **goscope ms**: `goscope run --stats FILE.go` (`--profile native` build); **go ms**: the binary \
         of `go build FILE.go`; **yaegi ms**: `yaegi run FILE.go` (a Go interpreter, for scale).\n\
         - **M instr/s**: simulated VM instructions (steps) per second of wall time, \
         event recording off (a plain run keeps only stdout/stderr from the machine's events). \
         **goscope CPU**: the same runs' CPU time (user + system, median), which on this shared \
         machine is what the run itself costs; the wall time also counts waiting for a core. \
         **events kept**: the same run with `--trace /dev/null` (first 20,000 events kept and \
         written as JSON).\n\
         - Every program prints a checksum; the bench fails if goscope's or yaegi's output \
         differs from Go's.\n\
         - Optimised since the first measurement (chan_pingpong 5.2, prime_sieve 10.0, \
         arith_loop 55.4, worker_pool 35.9 M instr/s): a plain run builds no events but the \
         output and logs no schedule (`Machine::set_recording`), the scheduler allocates \
         nothing per round, the VM reads integers and locals in place, and the CLI is built \
         at opt-level 3 (`--profile native`). Traces with recording on are byte-identical.\n\n\
         Reproduce: `cargo xtask bench` (table only) or `cargo xtask bench --write` (this file). \
         Programs: [tests/bench/](tests/bench/).\n",
        date = sh("date", &["-u", "+%Y-%m-%d"]),
        cores = sh("nproc", &[]),
        rustc = sh("rustc", &["-V"]),
        go = sh("go", &["version"]),
        yaegi = sh("yaegi", &["version"]),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps_line_is_parsed() {
        assert_eq!(steps_of("exit status 2\ngoscope: 1234 steps\n"), 1234);
        assert_eq!(steps_of("nothing"), 0);
    }

    #[test]
    fn bench_programs_exist() {
        let dir = util::root().join("tests/bench");
        let n = std::fs::read_dir(&dir).map_or(0, |d| d.count());
        assert!(n >= 4, "tests/bench has {n} programs");
    }
}
