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
