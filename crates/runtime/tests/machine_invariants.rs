//! The scheduler's and the channels' invariants hold while real programs run, not only
//! under the random actions of `sched_props.rs`: every compiling program of the conformance
//! corpus (tests/go) runs under GOMAXPROCS 1, 2 and 8, and after every 61 instructions the
//! machine's `Scheduler::check_invariants` (no goroutine lost or on two Ps at once, each in
//! exactly one place matching its status; syscalls hold an M without a P) and
//! `Channels::check_invariants` (at least one of sendq/recvq empty, the buffer count within
//! capacity) must pass, and during a GC mark phase the weak tri-colour invariant
//! (`gc::invariant::tricolour_violations`; the corpus's `gc_*` programs collect). The syscall,
//! AfterFunc and WaitGroup.Go programs exercise the paths that move goroutines outside the
//! VM's own instructions.

use runtime::{Execution, RunConfig};
use std::path::Path;

/// Steps per program and configuration: enough for every corpus program to finish or to
/// get well into its steady state.
const MAX_STEPS: u64 = 3_000_000;

#[test]
fn corpus_programs_keep_the_scheduler_and_channel_invariants() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/go");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .expect("tests/go exists")
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            e.file_name()
                .to_str()?
                .strip_suffix(".go")
                .map(String::from)
        })
        .filter(|n| !dir.join(format!("{n}.compile")).exists())
        .collect();
    names.sort();
    assert!(names.len() > 100, "corpus too small: {}", names.len());
    let mut checked = 0u64;
    for name in &names {
        let src = std::fs::read_to_string(dir.join(format!("{name}.go"))).expect("readable");
        for gomaxprocs in [1, 2, 8] {
            let config = RunConfig {
                seed: 3,
                gomaxprocs,
                max_steps: MAX_STEPS,
                ..Default::default()
            };
            let Ok(mut e) = Execution::start("prog.go", &src, &config) else {
                panic!("{name} does not compile");
            };
            loop {
                let done = e.advance(61);
                let m = e.machine();
                let broken = m
                    .scheduler()
                    .check_invariants()
                    .err()
                    .or_else(|| m.channels().check_invariants().err())
                    .or_else(|| {
                        let v = runtime::gc::invariant::tricolour_violations(m);
                        (!v.is_empty()).then(|| format!("tri-colour invariant broken: {v:?}"))
                    });
                if let Some(why) = broken {
                    panic!("{name}, GOMAXPROCS {gomaxprocs}, step {}: {why}", e.steps());
                }
                checked += 1;
                if done || e.steps() >= MAX_STEPS {
                    break;
                }
            }
        }
    }
    assert!(checked > 10_000, "only {checked} checks ran");
}
