//! The sections of `cargo xtask bench` beyond interpreter throughput (issues 4, 5 and 11):
//!
//! - **Race detection overhead**: each bench program with `-race` and without, for goscope
//!   (`goscope run -race`) and for real Go (`go build -race` binary), in the same run. Go's
//!   documentation puts its own overhead at 2–20× in time.
//! - **Seeking in a recorded run**: `crates/runtime/examples/seek_bench.rs` records a program
//!   the way the Playground does (a checkpoint every 1024 instructions, the interval doubling
//!   whenever the checkpoints reach the memory budget; see `crates/app/src/run_trace.rs`) and
//!   seeks to 201
//!   steps in a seeded order, building the views' model at each: median and p95 seek time,
//!   memory held, per 10^4, 10^5, 10^6 events of a channel ping-pong and for the whole
//!   1,000-goroutine worker pool.

use crate::bench::measure;
use crate::util::{self, Result};
use std::path::{Path, PathBuf};
use std::process::Command;

/// Markdown for the race-overhead table.
pub fn race_overhead(programs: &[PathBuf], goscope: &Path, work: &Path) -> Result<String> {
    let root = util::root();
    let mut s = String::from(
        "| program | goscope ms | goscope -race ms | goscope overhead | go ms | go -race ms | go overhead |\n\
         |---|---:|---:|---:|---:|---:|---:|\n",
    );
    for prog in programs {
        let name = prog.file_stem().unwrap_or_default().to_string_lossy();
        eprintln!("bench race {name}");
        let plain = work.join(format!("{name}"));
        let raced = work.join(format!("{name}.race"));
        util::run(util::cmd("go").args(["build", "-o"]).arg(&plain).arg(prog))?;
        util::run(
            util::cmd("go")
                .env("CGO_ENABLED", "1")
                .args(["build", "-race", "-o"])
                .arg(&raced)
                .arg(prog),
        )?;
        let (go_ms, _) = measure(Command::new(&plain).current_dir(&root))?;
        let (go_race_ms, _) = measure(Command::new(&raced).current_dir(&root))?;
        let gs = |race: bool| {
            let mut c = Command::new(goscope);
            c.arg("run").args(["--max-steps", "100000000000"]);
            if race {
                c.arg("-race");
            }
            c.arg(prog).current_dir(&root);
            c
        };
        let (gs_ms, _) = measure(&mut gs(false))?;
        let (gs_race_ms, _) = measure(&mut gs(true))?;
        s.push_str(&format!(
            "| {name} | {gs_ms:.0} | {gs_race_ms:.0} | {:.1}× | {go_ms:.1} | {go_race_ms:.1} | {:.1}× |\n",
            gs_race_ms / gs_ms,
            go_race_ms / go_ms
        ));
    }
    Ok(s)
}

/// Markdown for the recorder seek table.
pub fn seek() -> Result<String> {
    let root = util::root();
    util::run(util::cmd("cargo").args([
        "build",
        "--release",
        "-p",
        "runtime",
        "--example",
        "seek_bench",
    ]))?;
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("target"));
    let bin = target.join("release/examples/seek_bench");
    let cases: &[(&str, u64)] = &[
        ("chan_pingpong", 10_000),
        ("chan_pingpong", 100_000),
        ("chan_pingpong", 1_000_000),
        ("worker_pool", u64::MAX),
    ];
    let mut s = String::from(
        "| program | events | steps | checkpoints (every N instr) | record ms | memory held | seek median | seek p95 |\n\
         |---|---:|---:|---:|---:|---:|---:|---:|\n",
    );
    for &(name, events) in cases {
        eprintln!("bench seek {name} {events}");
        let out = util::output(
            Command::new(&bin)
                .arg(root.join(format!("tests/bench/{name}.go")))
                .arg(events.to_string()),
        )
        .ok_or_else(|| format!("seek_bench {name} failed"))?;
        let get = |key: &str| {
            out.split_whitespace()
                .find_map(|kv| kv.strip_prefix(key)?.strip_prefix('='))
                .unwrap_or("?")
                .to_string()
        };
        s.push_str(&format!(
            "| {name} | {} | {} | {} ({}) | {} | {} MB | {} µs | {} µs |\n",
            get("events"),
            get("steps"),
            get("checkpoints"),
            get("checkpoint_every"),
            get("record_ms"),
            get("held_mb"),
            get("seek_inspect_median_us"),
            get("seek_inspect_p95_us"),
        ));
    }
    Ok(s)
}
