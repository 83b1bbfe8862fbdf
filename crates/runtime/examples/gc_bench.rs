//! Mark-rate benchmark of the simulated collector (issue 6): objects marked per second of
//! host time. Runs `FILE.go` with the collector off (GOGC=off) to build its heap, then times
//! `Machine::collect_now` — a full cycle: sweep termination, mark of every reachable object
//! from the roots, mark termination and the whole sweep — `REPS` times, and prints one line of
//! `key=value` pairs (median). The rate counts the sweep's time too, so it is a lower bound
//! on the marking rate; `cpu_rate` divides by this thread's CPU time instead of wall time.
//! `cargo xtask bench` runs it on `tests/bench/gc/heap.go`.
//!
//! usage: cargo run --release -p runtime --example gc_bench -- FILE.go

use runtime::{Execution, GcConfig, RunConfig};
use std::time::Instant;

const REPS: usize = 7;

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

/// This thread's CPU time in nanoseconds (Linux `schedstat`; 0 elsewhere): the machines are
/// shared, so wall time alone would measure the neighbours.
fn cpu_ns() -> u64 {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next()?.parse().ok())
        .unwrap_or(0)
}

fn main() {
    let Some(file) = std::env::args().nth(1) else {
        eprintln!("usage: gc_bench FILE.go");
        std::process::exit(2);
    };
    let source = std::fs::read_to_string(&file).unwrap_or_else(|e| {
        eprintln!("{file}: {e}");
        std::process::exit(2)
    });
    let config = RunConfig {
        max_steps: u64::MAX,
        gc: GcConfig {
            gogc: -1,
            ..GcConfig::default()
        },
        ..RunConfig::default()
    };
    let mut e = Execution::start("prog.go", &source, &config)
        .unwrap_or_else(|out| {
            eprintln!("{}", out.stderr);
            std::process::exit(2)
        })
        .without_trace();
    while !e.advance(1 << 20) {}
    let machine = e.machine().clone();
    let objects = machine.heap().live_objects();
    let mut times = Vec::new();
    let mut cpu = Vec::new();
    let mut marked = 0;
    // One untimed cycle first, on a clone of the built heap: it frees the garbage, and its
    // writes give the clone its own copy of every heap chunk it shared with `machine`
    // (copy-on-write; see `heap_arena`), so the timed cycles measure the collector alone.
    // The heap is not mutated between cycles, so each one marks the same live objects.
    let mut m = machine.clone();
    m.collect_now();
    for _ in 0..REPS {
        let (t, c) = (Instant::now(), cpu_ns());
        marked = m.collect_now();
        cpu.push((cpu_ns() - c) as f64 / 1e9);
        times.push(t.elapsed().as_secs_f64());
    }
    let secs = median(times);
    let cpu_secs = median(cpu);
    println!(
        "objects={objects} marked={marked} ms={:.2} rate={:.1}M/s cpu_ms={:.2} cpu_rate={:.1}M/s",
        secs * 1e3,
        marked as f64 / secs / 1e6,
        cpu_secs * 1e3,
        marked as f64 / cpu_secs / 1e6
    );
}
