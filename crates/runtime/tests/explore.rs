//! The interleaving explorer against the litmus corpus (tests/litmus): run exhaustively (or
//! within its bounds), it must find exactly `NAME.allowed`, the outcome set the Go memory model
//! allows — every weak outcome of the racy programs and nothing forbidden for race-free ones.
//! Outcomes are written as in `NAME.outcomes`: stdout with newlines as spaces.

use runtime::explore::{ExploreConfig, Explorer, Outcome, replay};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

fn litmus(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/litmus")
        .join(name)
}

fn label(o: &Outcome) -> String {
    if o.is_budget() {
        "budget".to_string()
    } else {
        o.stdout.trim_end().replace('\n', " ")
    }
}

/// Small bounds: these programs are short, so this keeps debug tests fast.
fn config() -> ExploreConfig {
    ExploreConfig {
        max_schedules: 300,
        max_steps: 5_000,
        ..ExploreConfig::default()
    }
}

fn check(name: &str) -> Explorer {
    let src = std::fs::read_to_string(litmus(&format!("{name}.go"))).expect("source");
    let allowed = std::fs::read_to_string(litmus(&format!("{name}.allowed"))).expect("allowed");
    let want: BTreeSet<String> = allowed.lines().map(str::to_string).collect();
    let mut explorer = Explorer::new("prog.go", &src, config());
    explorer.run_to_end();
    let got: BTreeSet<String> = explorer
        .outcomes()
        .iter()
        .map(|f| label(&f.outcome))
        .collect();
    assert_eq!(got, want, "{name}");
    // Every listed outcome replays from its schedule.
    for f in explorer.outcomes() {
        let out = replay("prog.go", &src, &config(), &f.schedule);
        assert_eq!(Outcome::of(&out), f.outcome, "{name}: {}", f.schedule);
    }
    explorer
}

#[test]
fn store_buffering_allows_every_outcome_including_1_1() {
    let e = check("store_buffer");
    assert!(e.outcomes().iter().all(|f| f.outcome.race));
}

#[test]
fn message_passing_through_a_channel_allows_only_42() {
    let e = check("mp_chan");
    assert!(e.outcomes().iter().all(|f| !f.outcome.race));
}

#[test]
fn racy_counter_loses_an_increment() {
    check("counter_racy");
}

#[test]
fn race_free_programs_have_one_outcome() {
    for name in [
        "once",
        "double_checked",
        "waitgroup",
        "mutex_handoff",
        "semaphore",
    ] {
        check(name);
    }
}

#[test]
fn search_is_sliceable_and_deterministic() {
    let src = std::fs::read_to_string(litmus("store_buffer.go")).expect("source");
    let mut whole = Explorer::new("prog.go", &src, config());
    whole.run_to_end();
    let mut sliced = Explorer::new("prog.go", &src, config());
    let mut slices = 0;
    while !sliced.advance(500).done {
        slices += 1;
    }
    assert!(slices > 10);
    let show = |e: &Explorer| {
        e.outcomes()
            .iter()
            .map(|f| format!("{} {} {}", f.outcome, f.count, f.schedule))
            .collect::<Vec<_>>()
    };
    assert_eq!(show(&whole), show(&sliced));
}

#[test]
fn a_spinning_reader_yields_to_the_writer_in_the_default_schedule() {
    // Fairness (`Scheduler::pick_fair`): without it the first schedule ran the spinner alone
    // until the step budget; now the default schedule lets the writer run and ends "done".
    // Reading the stale value forever stays a possible outcome (a hoisted load).
    let src = std::fs::read_to_string(litmus("done_flag.go")).expect("source");
    let mut explorer = Explorer::new("prog.go", &src, config());
    explorer.run_to_end();
    let first = &explorer.outcomes()[0];
    assert_eq!(first.outcome.stdout, "done\n");
    assert!(
        first.schedule.choices.iter().all(|c| c.picked == 0),
        "{}",
        first.schedule
    );
    let labels: BTreeSet<String> = explorer
        .outcomes()
        .iter()
        .map(|f| label(&f.outcome))
        .collect();
    assert_eq!(
        labels,
        BTreeSet::from(["done".to_string(), "budget".to_string()])
    );
    assert!(explorer.outcomes().iter().all(|f| f.outcome.race));
}
