//! Recording off changes nothing but the trace: `runtime::run` (the machine reports only
//! output, see `Machine::set_recording`) must print, exit and count steps exactly as a run
//! that records every event — for every corpus and litmus program, with and without `-race`,
//! under several seeds and GOMAXPROCS. Events are reports, never state; this is the check.

use runtime::{Execution, RunConfig, RunOutput};
use std::path::{Path, PathBuf};

fn programs(dir: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .join(dir);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("corpus directory exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "go"))
        .collect();
    files.sort();
    files
}

fn recorded(source: &str, config: &RunConfig) -> (RunOutput, usize) {
    match Execution::start("prog.go", source, config) {
        Ok(mut e) => {
            while !e.advance(4096) {}
            let events = e.events().len();
            (e.finish(), events)
        }
        Err(out) => (out, 0),
    }
}

#[test]
fn run_without_trace_matches_recorded_run() {
    let mut files = programs("tests/go");
    files.extend(programs("tests/litmus"));
    assert!(files.len() > 50, "corpus too small: {}", files.len());
    let mut recorded_events = 0;
    for path in &files {
        let source = std::fs::read_to_string(path).unwrap();
        for (seed, gomaxprocs, race) in [(1, 4, false), (7, 1, false), (3, 2, true)] {
            let config = RunConfig {
                seed,
                gomaxprocs,
                race,
                max_steps: 5_000_000,
                ..RunConfig::default()
            };
            let quiet = runtime::run("prog.go", &source, &config);
            let (full, events) = recorded(&source, &config);
            recorded_events += events;
            assert_eq!(
                quiet,
                full,
                "{} (seed {seed}, GOMAXPROCS {gomaxprocs}, race {race})",
                path.display()
            );
        }
    }
    // The recorded runs did record: the comparison is between two different paths.
    assert!(
        recorded_events > 10_000,
        "{recorded_events} events recorded"
    );
}

#[test]
fn without_trace_keeps_no_events() {
    let source = "package main\n\nimport \"fmt\"\n\nfunc main() {\n\tc := make(chan int, 1)\n\tc <- 1\n\tfmt.Println(<-c)\n}\n";
    let mut e = Execution::start("prog.go", source, &RunConfig::default())
        .unwrap()
        .without_trace();
    while !e.advance(100) {}
    assert!(e.events().is_empty());
    assert_eq!(e.trace(), "");
    assert_eq!(e.stdout(), "1\n");
}

/// Profiling observes and never decides (see `runtime::profile`): a profiled run prints,
/// exits and counts steps exactly as a plain one, and records the same trace — for every
/// corpus and litmus program, with and without `-race`. The profile is not empty.
#[test]
fn profiling_changes_nothing() {
    let mut files = programs("tests/go");
    files.extend(programs("tests/litmus"));
    let mut samples = 0;
    for path in &files {
        let source = std::fs::read_to_string(path).unwrap();
        for (seed, gomaxprocs, race) in [(1, 4, false), (3, 2, true)] {
            let plain = RunConfig {
                seed,
                gomaxprocs,
                race,
                max_steps: 5_000_000,
                ..RunConfig::default()
            };
            let profiled = RunConfig {
                profile: Some(runtime::profile::ProfileConfig { cpu_period_ns: 997 }),
                ..plain.clone()
            };
            let what = format!(
                "{} (seed {seed}, GOMAXPROCS {gomaxprocs}, race {race})",
                path.display()
            );
            assert_eq!(
                runtime::run("prog.go", &source, &plain),
                runtime::run("prog.go", &source, &profiled),
                "{what}"
            );
            let traced = |config: &RunConfig| match Execution::start("prog.go", &source, config) {
                Ok(mut e) => {
                    while !e.advance(4096) {}
                    let samples = e.profiler().map_or(0, |p| p.cpu.tree().total()[0]);
                    (e.trace(), samples)
                }
                Err(out) => (out.stderr, 0),
            };
            if race {
                continue; // the slowest mode: its output is compared above
            }
            let (with, n) = traced(&profiled);
            assert_eq!(traced(&plain).0, with, "{what}: trace");
            samples += n;
        }
    }
    assert!(samples > 1_000, "{samples} CPU samples taken");
}
