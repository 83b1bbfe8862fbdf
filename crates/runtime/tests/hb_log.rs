//! The happens-before log (`runtime::race::hb_log`) against the litmus corpus: each program's
//! edges (acquires with the releases they learned) and shared accesses as text snapshots; the
//! graph (`inspect::HbGraph`) built from it; the clocks view (`inspect::MemoryView`); and that
//! a run without `-race` logs nothing.

use expect_test::{Expect, expect};
use runtime::inspect::{HbGraph, MemoryView};
use runtime::race::hb_log::SyncOp;
use runtime::{Event, Execution, RunConfig};
use std::path::Path;

fn litmus(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/litmus")
        .join(format!("{name}.go"));
    std::fs::read_to_string(path).expect("litmus program")
}

fn run(source: &str, seed: u64, race: bool) -> Execution {
    let config = RunConfig {
        seed,
        race,
        gomaxprocs: 2,
        ..RunConfig::default()
    };
    let mut e = Execution::start("prog.go", source, &config).expect("compiles");
    while !e.advance(1 << 16) {}
    e
}

/// The happens-before lines of a race-mode run, one per event.
fn hb_lines(e: &Execution) -> String {
    let mut out = String::new();
    for (_, ev) in e.events() {
        if let Event::Race(h) = ev {
            out.push_str(&h.to_string());
            out.push('\n');
        }
    }
    out
}

fn check(name: &str, expect: Expect) {
    expect.assert_eq(&hb_lines(&run(&litmus(name), 1, true)));
}

fn graph(e: &Execution) -> HbGraph {
    HbGraph::of(e.events().iter().map(|(s, e)| (*s, e)))
}

#[test]
fn message_passing_has_the_go_and_rendezvous_edges() {
    check(
        "mp_chan",
        expect![[r#"
            hb g1 release go g2 (go) @1
            hb g2 acquire go g2 (start) from g1@1
            hb g2 write data at main.main.func1:11 @1
            hb g2 read 0x00c000010000 at main.main.func1:12 @1
            hb g1 read 0x00c000010000 at main.main:14 @2
            hb g2 release c1 (send) @1
            hb g1 release c1 (recv) @2
            hb g1 acquire c1 (recv) from g2@1
            hb g2 acquire c1 (send) from g1@2
            hb g1 read data at main.main:15 @3
        "#]],
    );
    // As edges: go → start, and the unbuffered rendezvous both ways; no race.
    let g = graph(&run(&litmus("mp_chan"), 1, true));
    let ops: Vec<_> = g.edges.iter().map(|e| (e.from_g, e.to_g, e.ops)).collect();
    assert_eq!(
        ops,
        [
            (0, 1, (SyncOp::Go, SyncOp::Start)),
            (1, 0, (SyncOp::Send, SyncOp::Recv)),
            (0, 1, (SyncOp::Recv, SyncOp::Send)),
        ]
    );
    assert!(g.races.is_empty());
    assert!(g.edges.iter().all(|e| e.from_step <= e.to_step));
}

#[test]
fn the_done_flag_race_names_both_accesses() {
    let e = run(&litmus("done_flag"), 1, true);
    let g = graph(&e);
    assert_eq!(g.lanes, [0, 1]);
    let [race] = &g.races[..] else {
        panic!("one race: {:?}", g.races)
    };
    assert_eq!(race.name, "done");
    let line =
        |s: &runtime::inspect::HbRaceSide| s.stack.first().map(|f| (f.func.to_string(), f.line));
    assert_eq!(line(&race.now), Some(("main.main".into(), 15)));
    assert!(!race.now.write);
    assert_eq!(line(&race.prev), Some(("main.main.func1".into(), 13)));
    assert!(race.prev.write);
    // Both accesses are in the graph, at steps, marked racy.
    let racy: Vec<_> = g
        .accesses
        .iter()
        .filter(|a| a.racy)
        .map(|a| a.line)
        .collect();
    assert_eq!(racy, [13, 15]);
    assert!(race.now.step.is_some() && race.prev.step < race.now.step);
    // No edge orders g2's write before g1's read: the go edge starts before the write.
    assert!(g.edges.iter().all(|e| e.to_g != 0));
}

#[test]
fn waitgroup_done_edges_reach_wait() {
    let g = graph(&run(&litmus("waitgroup"), 1, true));
    let waits = g
        .edges
        .iter()
        .filter(|e| e.ops == (SyncOp::Done, SyncOp::Wait))
        .count();
    assert_eq!(waits, 3, "{:?}", g.edges);
    let g = graph(&run(&litmus("mutex_handoff"), 1, true));
    assert!(
        g.edges
            .iter()
            .any(|e| e.ops == (SyncOp::Unlock, SyncOp::Lock))
    );
    let g = graph(&run(&litmus("once"), 1, true));
    assert!(
        g.edges
            .iter()
            .any(|e| e.ops == (SyncOp::OnceDone, SyncOp::OnceDo))
    );
    let g = graph(&run(&litmus("atomic_flag"), 1, true));
    assert!(
        g.edges
            .iter()
            .any(|e| e.ops == (SyncOp::Atomic, SyncOp::Atomic))
    );
    // k-th receive → (k+C)-th send on the semaphore (capacity 1).
    let g = graph(&run(&litmus("semaphore"), 1, true));
    assert!(
        g.edges
            .iter()
            .any(|e| e.ops == (SyncOp::Recv, SyncOp::Send)),
        "{:?}",
        g.edges
    );
}

#[test]
fn clocks_at_the_end_of_message_passing() {
    let e = run(&litmus("mp_chan"), 1, true);
    let m = MemoryView::of(e.machine());
    assert!(m.race);
    let rows: Vec<_> = m
        .goroutines
        .iter()
        .map(|r| (r.id, r.clock.clone(), r.epoch))
        .collect();
    // g1 learned g2's send (g2@1); g2 learned g1's receive (g1@2) and moved on to 2.
    assert_eq!(rows, [(1, vec![3, 1], 3), (2, vec![2, 2], 2)]);
    let plain = run(&litmus("mp_chan"), 1, false);
    assert_eq!(MemoryView::of(plain.machine()), MemoryView::default());
    assert_eq!(hb_lines(&plain), "", "no happens-before log without -race");
}
