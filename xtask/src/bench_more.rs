//! The sections of `cargo xtask bench` beyond interpreter throughput (issues 4, 5, 6 and 11):
//!
//! - **Race detection overhead**: each bench program with `-race` and without, for goscope
//!   (`goscope run -race`) and for real Go (`go build -race` binary), in the same run. Go's
//!   documentation puts its own overhead at 2–20× in time.
//! - **Seeking in a recorded run**: `crates/runtime/examples/seek_bench.rs` records a program
//!   the way the Playground does (a checkpoint every 1024 instructions, the interval doubling
//!   whenever the checkpoints reach the memory budget; see `crates/app/src/run_trace.rs`) and
//!   seeks to 201 steps in a seeded order, building the views' model at each: median and p95 seek time,
//!   memory held, per 10^4, 10^5, 10^6 events of a channel ping-pong and for the whole
//!   1,000-goroutine worker pool.
//! - **GC mark rate** (issue 6): `crates/runtime/examples/gc_bench.rs` — objects the simulated
//!   collector marks per second (wall and CPU), a whole cycle timed.

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
    let bin = runtime_example("seek_bench")?;
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
        let get = |key: &str| value_of(&out, key);
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

/// The simulated collector's mark rate (issue 6): `crates/runtime/examples/gc_bench.rs` on
/// `tests/bench/gc/heap.go`, native release build. Target ≥ 5 million objects/s.
pub fn gc_mark() -> Result<String> {
    let bin = runtime_example("gc_bench")?;
    eprintln!("bench gc mark");
    let out = util::output(Command::new(&bin).arg(util::root().join("tests/bench/gc/heap.go")))
        .ok_or("gc_bench failed")?;
    let get = |key: &str| value_of(&out, key);
    Ok(format!(
        "| heap objects | marked | cycle ms (wall) | objects/s (wall) | cycle ms (CPU) | objects/s (CPU) |\n\
         |---:|---:|---:|---:|---:|---:|\n\
         | {} | {} | {} | {} | {} | {} |\n",
        get("objects"),
        get("marked"),
        get("ms"),
        get("rate"),
        get("cpu_ms"),
        get("cpu_rate"),
    ))
}

/// Builds one of the runtime crate's examples (release) and returns its binary's path.
fn runtime_example(name: &str) -> Result<PathBuf> {
    util::run(util::cmd("cargo").args(["build", "--release", "-p", "runtime", "--example", name]))?;
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| util::root().join("target"));
    Ok(target.join("release/examples").join(name))
}

/// The value of `key` in a line of `key=value` pairs, or `?`.
fn value_of(out: &str, key: &str) -> String {
    out.split_whitespace()
        .find_map(|kv| kv.strip_prefix(key)?.strip_prefix('='))
        .unwrap_or("?")
        .to_string()
}

/// The `BENCH key=value ...` lines of a browser run, as maps.
fn bench_lines(text: &str, kind: &str) -> Vec<Vec<(String, String)>> {
    text.lines()
        .filter_map(|l| l.trim().strip_prefix("BENCH "))
        .filter_map(|l| l.strip_prefix(kind)?.strip_prefix(' '))
        .map(|l| {
            l.split_whitespace()
                .filter_map(|kv| kv.split_once('='))
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect()
        })
        .collect()
}

fn field<'a>(row: &'a [(String, String)], key: &str) -> &'a str {
    row.iter().find(|(k, _)| k == key).map_or("?", |(_, v)| v)
}

/// Markdown for the browser tables: the wasm build's throughput and seek (a wasm-bindgen
/// test in headless Chromium, release profile), and what a learner feels on the built site
/// (tests/e2e/bench.mjs: page load, frame times while playing, scrubber seeks).
pub fn browser(native_ms: &[(String, f64, u64)]) -> Result<String> {
    let root = util::root();
    let tools = crate::setup::setup()?;
    let out = util::cmd("cargo")
        .args([
            "test",
            "-p",
            "app",
            "--target",
            "wasm32-unknown-unknown",
            "--release",
        ])
        .args([
            "--test",
            "bench_wasm",
            "--",
            "--include-ignored",
            "--nocapture",
        ])
        .env("CHROMEDRIVER", &tools.chromedriver)
        .env("WASM_BINDGEN_TEST_TIMEOUT", "900")
        .output()
        .map_err(|e| format!("cargo test bench_wasm: {e}"))?;
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    if !out.status.success() {
        return Err(format!(
            "bench_wasm failed:\n{text}{}",
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    let mut s = String::from(
        "| program | steps | wasm ms (events off) | M instr/s | wasm / native | recorded as the Playground does: ms, M instr/s |\n\
         |---|---:|---:|---:|---:|---:|\n",
    );
    for row in bench_lines(&text, "throughput") {
        let name = field(&row, "program");
        let steps: f64 = field(&row, "steps").parse().unwrap_or(0.0);
        let off: f64 = field(&row, "off_ms").parse().unwrap_or(f64::NAN);
        let on: f64 = field(&row, "on_ms").parse().unwrap_or(f64::NAN);
        let native = native_ms
            .iter()
            .find(|(n, _, _)| n == name)
            .map_or(f64::NAN, |r| r.1);
        s.push_str(&format!(
            "| {name} | {steps:.0} | {off:.0} | {:.1} | {:.1}× | {on:.0}, {:.1} |\n",
            steps / off / 1e3,
            off / native,
            steps / on / 1e3
        ));
    }
    s.push_str(
        "\n| recorded run (wasm) | events | steps | record ms | checkpoints (every N instr) | seek median | seek p95 |\n\
         |---|---:|---:|---:|---:|---:|---:|\n",
    );
    for row in bench_lines(&text, "seek") {
        s.push_str(&format!(
            "| {} | {} | {} | {} | {} ({}) | {} ms | {} ms |\n",
            field(&row, "program"),
            field(&row, "events"),
            field(&row, "steps"),
            field(&row, "record_ms"),
            field(&row, "checkpoints"),
            field(&row, "checkpoint_every"),
            field(&row, "seek_median_ms"),
            field(&row, "seek_p95_ms"),
        ));
    }
    for row in bench_lines(&text, "gc") {
        s.push_str(&format!(
            "\nGC mark rate (wasm, `gc_mark`): {} heap objects, {} marked, a whole cycle {} ms: {} objects/s.\n",
            field(&row, "objects"),
            field(&row, "marked"),
            field(&row, "ms"),
            field(&row, "rate"),
        ));
    }

    crate::build::build_only()?;
    let page = util::cmd("node")
        .arg(root.join("tests/e2e/bench.mjs"))
        .env("NODE_PATH", util::tools_dir().join("node_modules"))
        .env("GOSCOPE_DIST", root.join("dist"))
        .env("CHROMIUM", &tools.chromium)
        .output()
        .map_err(|e| format!("node bench.mjs: {e}"))?;
    let text = String::from_utf8_lossy(&page.stdout).into_owned();
    if !page.status.success() {
        return Err(format!(
            "bench.mjs failed:\n{text}{}",
            String::from_utf8_lossy(&page.stderr)
        ));
    }
    s.push_str(
        "\n| page | cold: first render | cold: interactive | warm: first render | warm: interactive |\n\
         |---|---:|---:|---:|---:|\n",
    );
    for row in bench_lines(&text, "load") {
        s.push_str(&format!(
            "| {} | {} ms | {} ms | {} ms | {} ms |\n",
            field(&row, "page"),
            field(&row, "cold_render_ms"),
            field(&row, "cold_interactive_ms"),
            field(&row, "warm_render_ms"),
            field(&row, "warm_interactive_ms"),
        ));
    }
    for row in bench_lines(&text, "play") {
        s.push_str(&format!(
            "\nPlaying a 1,000-goroutine worker pool ({} events, {} steps, recorded in {} ms; the \
             module's memory grew from {} MB to {} MB while recording) at the fastest speed for \
             4 s: {} frames, frame time median {} ms, p95 {} ms, max {} ms.\n",
            field(&row, "events"),
            field(&row, "steps"),
            field(&row, "record_ms"),
            field(&row, "wasm_mb_before"),
            field(&row, "wasm_mb_after"),
            field(&row, "frames"),
            field(&row, "frame_median_ms"),
            field(&row, "frame_p95_ms"),
            field(&row, "frame_max_ms"),
        ));
    }
    for row in bench_lines(&text, "uiseek") {
        s.push_str(&format!(
            "Seeking from the scrubber in that run, {} seeks each starting just after a frame: \
             the seek's work (input event → the new step in the DOM, its style and layout done, \
             views included) median {} ms (of which {} ms before style and layout), p95 {} ms; \
             on screen at the very next frame: {} of \
             {}; input → the first frame showing the step, median {} ms (a frame comes every \
             16.7 ms at 60 Hz, so this includes the wait for it).\n",
            field(&row, "seeks"),
            field(&row, "seek_median_ms"),
            field(&row, "dom_median_ms"),
            field(&row, "seek_p95_ms"),
            field(&row, "next_frame"),
            field(&row, "seeks"),
            field(&row, "to_frame_median_ms"),
        ));
    }
    Ok(s)
}
