//! Seek benchmark for the player (issue 4): how long does it take to show any step of a
//! recorded run, and how much memory does the recording hold?
//!
//! Records `FILE.go` into a `sim::Recorder<Machine>` with a checkpoint every 1024
//! instructions within a 192 MB budget — exactly as the Playground does (`crates/app/src/run_trace.rs`) — until it
//! holds `EVENTS` events or the program ends, then seeks to 201 steps spread over the run in a
//! seeded order, building the views' model (`inspect::Inspection`) at each, as a player seek
//! does. Prints one line of `key=value` pairs; `cargo xtask bench` runs it and fills the table.
//!
//! usage: cargo run --release -p runtime --example seek_bench -- FILE.go EVENTS

use std::time::Instant;

use runtime::RunConfig;
use runtime::inspect::{Inspection, start_machine};
use sim::{Chooser, Recorder, Status};

const CHECKPOINT_EVERY: u64 = 1024;
/// The Playground's recorder memory budget (`RECORD_MEMORY_BUDGET` in
/// `crates/app/src/run_trace.rs`).
const MEMORY_BUDGET: usize = 192 << 20;
const SEEKS: usize = 201;

/// Resident set size in bytes (Linux), for the memory the recording holds.
fn rss() -> u64 {
    std::fs::read_to_string("/proc/self/statm")
        .ok()
        .and_then(|s| s.split_whitespace().nth(1)?.parse::<u64>().ok())
        .map_or(0, |pages| pages * 4096)
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(file), Some(events)) = (args.first(), args.get(1).and_then(|n| n.parse().ok()))
    else {
        eprintln!("usage: seek_bench FILE.go EVENTS");
        std::process::exit(2);
    };
    let events: usize = events;
    let source = std::fs::read_to_string(file).unwrap_or_else(|e| {
        eprintln!("{file}: {e}");
        std::process::exit(2)
    });
    let config = RunConfig::default();
    let machine = start_machine("prog.go", &source, &config).unwrap_or_else(|out| {
        eprintln!("{}", out.stderr);
        std::process::exit(2)
    });
    let rss_before = rss();
    let started = Instant::now();
    let mut recorder = Recorder::new(machine, Chooser::unlogged(config.seed), CHECKPOINT_EVERY)
        .with_memory_budget(MEMORY_BUDGET);
    while recorder.events().len() < events && recorder.run(4096) == Status::Running {}
    let record_ms = started.elapsed().as_secs_f64() * 1e3;
    let held = rss().saturating_sub(rss_before);
    let steps = recorder.steps();
    let recorded = recorder.events().len();

    // Seek targets: spread over the run, visited in a seeded order (not monotonically, as a
    // learner dragging the scrubber back and forth would).
    let mut chooser = Chooser::new(7);
    let mut targets: Vec<u64> = (0..SEEKS as u64)
        .map(|i| i * steps / SEEKS as u64)
        .collect();
    for i in (1..targets.len()).rev() {
        let j = chooser.choose("shuffle", i + 1);
        targets.swap(i, j);
    }
    let mut seek_us = Vec::with_capacity(SEEKS);
    let mut inspect_us = Vec::with_capacity(SEEKS);
    let mut check = 0usize;
    for &t in &targets {
        let t0 = Instant::now();
        let state = recorder.state_at(t);
        let t1 = Instant::now();
        let view = Inspection::of(&state);
        let t2 = Instant::now();
        check += view.goroutines.len();
        seek_us.push((t1 - t0).as_secs_f64() * 1e6);
        inspect_us.push((t2 - t0).as_secs_f64() * 1e6);
    }
    let mut sorted = inspect_us.clone();
    sorted.sort_by(f64::total_cmp);
    let p95 = sorted[sorted.len() * 95 / 100];
    println!(
        "events={recorded} steps={steps} checkpoints={} checkpoint_every={} estimate_mb={:.1} record_ms={record_ms:.0} held_mb={:.1} mb_per_million_events={:.1} seek_median_us={:.0} seek_inspect_median_us={:.0} seek_inspect_p95_us={p95:.0} check={check}",
        recorder.checkpoint_count(),
        recorder.checkpoint_every(),
        recorder.checkpoint_bytes() as f64 / 1048576.0,
        held as f64 / 1048576.0,
        held as f64 / 1048576.0 / (recorded.max(1) as f64 / 1e6),
        median(seek_us),
        median(inspect_us),
    );
}
