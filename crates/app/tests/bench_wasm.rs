//! The wasm half of `cargo xtask bench` (issues 4 and 11), in headless Chromium: the same
//! programs and seeks as the native benchmark, compiled to wasm and timed in the browser.
//! Ignored by the test suite (timings are not pass/fail); `cargo xtask bench` runs it with
//! `--release -- --include-ignored --nocapture` and reads the `BENCH` lines it logs.
//!
//! - throughput: each tests/bench program through `runtime::run` (events only for output),
//!   and recorded into a `sim::Recorder` as the Playground does (every event kept);
//! - seek: a recording of ~1,000,000 events (channel ping-pong) and of the whole
//!   1,000-goroutine worker pool, then 201 seeks in a seeded order, each building the views'
//!   model, as a player seek does;
//! - gc: the simulated collector's mark rate (objects marked per second, a whole cycle timed).

use app::run_trace::{CHECKPOINT_EVERY, RECORD_MEMORY_BUDGET};
use runtime::RunConfig;
use runtime::inspect::{Inspection, start_machine};
use sim::{Chooser, Recorder, Status};
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

const PROGRAMS: &[(&str, &str)] = &[
    (
        "arith_loop",
        include_str!("../../../tests/bench/arith_loop.go"),
    ),
    (
        "chan_pingpong",
        include_str!("../../../tests/bench/chan_pingpong.go"),
    ),
    (
        "prime_sieve",
        include_str!("../../../tests/bench/prime_sieve.go"),
    ),
    (
        "worker_pool",
        include_str!("../../../tests/bench/worker_pool.go"),
    ),
];

fn now_ms() -> f64 {
    js_sys::Date::now()
}

fn log(line: String) {
    web_sys::console::log_1(&line.into());
}

fn record(source: &str, max_events: usize) -> (Recorder<runtime::Machine>, f64) {
    let config = RunConfig::default();
    let machine = start_machine("prog.go", source, &config).expect("bench programs compile");
    let t0 = now_ms();
    let mut recorder = Recorder::new(machine, Chooser::unlogged(config.seed), CHECKPOINT_EVERY)
        .with_memory_budget(RECORD_MEMORY_BUDGET);
    while recorder.events().len() < max_events && recorder.run(4096) == Status::Running {}
    (recorder, now_ms() - t0)
}

#[wasm_bindgen_test]
#[ignore]
fn throughput() {
    for &(name, source) in PROGRAMS {
        let config = RunConfig {
            max_steps: 100_000_000_000,
            ..RunConfig::default()
        };
        let t0 = now_ms();
        let out = runtime::run("prog.go", source, &config);
        let off_ms = now_ms() - t0;
        assert_eq!(out.exit_code, 0, "{name}: {}", out.stderr);
        let (recorder, on_ms) = record(source, usize::MAX);
        log(format!(
            "BENCH throughput program={name} steps={} off_ms={off_ms:.0} on_ms={on_ms:.0} recorded_steps={} events={}",
            out.steps,
            recorder.steps(),
            recorder.events().len()
        ));
    }
}

#[wasm_bindgen_test]
#[ignore]
fn seek() {
    for &(name, events) in &[
        ("chan_pingpong", 1_000_000usize),
        ("worker_pool", usize::MAX),
    ] {
        let source = PROGRAMS.iter().find(|p| p.0 == name).map(|p| p.1).unwrap();
        let (recorder, record_ms) = record(source, events);
        let steps = recorder.steps();
        let mut chooser = Chooser::new(7);
        let mut targets: Vec<u64> = (0..201u64).map(|i| i * steps / 201).collect();
        for i in (1..targets.len()).rev() {
            let j = chooser.choose("shuffle", i + 1);
            targets.swap(i, j);
        }
        let mut times = Vec::new();
        let mut check = 0;
        for &t in &targets {
            let t0 = now_ms();
            check += Inspection::of(&recorder.state_at(t)).goroutines.len();
            times.push(now_ms() - t0);
        }
        times.sort_by(f64::total_cmp);
        log(format!(
            "BENCH seek program={name} events={} steps={steps} record_ms={record_ms:.0} checkpoints={} checkpoint_every={} seek_median_ms={:.1} seek_p95_ms={:.1} check={check}",
            recorder.events().len(),
            recorder.checkpoint_count(),
            recorder.checkpoint_every(),
            times[times.len() / 2],
            times[times.len() * 95 / 100],
        ));
    }
}

/// The simulated collector's mark rate in wasm (issue 6): the heap of `tests/bench/gc/heap.go`
/// built with GOGC=off, then whole cycles (`Machine::collect_now`) timed, median of 7 — the
/// same measurement as `crates/runtime/examples/gc_bench.rs` natively.
#[wasm_bindgen_test]
#[ignore]
fn gc_mark() {
    let config = RunConfig {
        max_steps: 100_000_000_000,
        gc: runtime::GcConfig {
            gogc: -1,
            ..runtime::GcConfig::default()
        },
        ..RunConfig::default()
    };
    let source = include_str!("../../../tests/bench/gc/heap.go");
    let mut e = runtime::Execution::start("prog.go", source, &config)
        .expect("compiles")
        .without_trace();
    while !e.advance(1 << 20) {}
    let machine = e.machine().clone();
    let mut times = Vec::new();
    let mut marked = 0;
    // An untimed cycle first: it frees the garbage and unshares the clone's heap chunks
    // (copy-on-write), so the timed cycles measure the collector alone (as gc_bench.rs does).
    let mut m = machine.clone();
    m.collect_now();
    for _ in 0..7 {
        let t0 = now_ms();
        marked = m.collect_now();
        times.push(now_ms() - t0);
    }
    times.sort_by(f64::total_cmp);
    let ms = times[times.len() / 2];
    log(format!(
        "BENCH gc objects={} marked={marked} ms={ms:.0} rate={:.1}M/s",
        machine.heap().live_objects(),
        marked as f64 / ms / 1e3
    ));
}
