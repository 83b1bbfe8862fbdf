//! The collector seen from outside: `GODEBUG=gctrace=1` lines (snapshots, in Go's format,
//! GOGC 50/100/200 side by side), the `Event::Gc` trace and the `GcTimeline` built from it,
//! `Machine::gc_view`, and recording parity — a recorded run and a plain one of each GC
//! gallery program give the same output, exit status and steps.

use expect_test::{Expect, expect};
use runtime::gc::view::{Colour, GcPhase, GcTimeline, ShadeCause};
use runtime::{Event, Execution, GcConfig, RunConfig};

fn example(name: &str) -> String {
    let path = format!(
        "{}/../app/src/examples/{name}.go",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read_to_string(path).expect("example exists")
}

fn gctrace(src: &str) -> String {
    let config = RunConfig {
        gc: GcConfig {
            gctrace: true,
            ..GcConfig::default()
        },
        ..RunConfig::default()
    };
    let out = runtime::run("main.go", src, &config);
    assert_eq!(out.exit_code, 0, "{out:?}");
    out.stderr
}

fn check_gogc(gogc: u32, expect: Expect) {
    let src = example("gc_gogc").replace("SetGCPercent(100)", &format!("SetGCPercent({gogc})"));
    expect.assert_eq(&gctrace(&src));
}

#[test]
fn gctrace_gogc_50() {
    check_gogc(
        50,
        expect![[r#"
        gc 1 @0.000s 48%: 0.010+0.065+0.020 ms clock, 0.040+0.065/0.065/0+0.080 ms cpu, 1->1->1 MB, 2 MB goal, 0 MB stacks, 0 MB globals, 4 P
        gc 2 @0.000s 41%: 0.010+0.065+0.020 ms clock, 0.040+0.065/0.065/0+0.080 ms cpu, 2->2->2 MB, 2 MB goal, 0 MB stacks, 0 MB globals, 4 P
        gc 3 @0.000s 34%: 0.010+0.065+0.020 ms clock, 0.040+0.065/0.065/0+0.080 ms cpu, 2->2->2 MB, 3 MB goal, 0 MB stacks, 0 MB globals, 4 P
        gc 4 @0.000s 31%: 0.010+0.065+0.020 ms clock, 0.040+0.065/0.065/0+0.080 ms cpu, 2->2->2 MB, 3 MB goal, 0 MB stacks, 0 MB globals, 4 P
        gc 5 @0.000s 29%: 0.010+0.065+0.020 ms clock, 0.040+0.065/0.065/0+0.080 ms cpu, 2->2->2 MB, 3 MB goal, 0 MB stacks, 0 MB globals, 4 P
        gc 6 @0.001s 29%: 0.010+0.065+0.020 ms clock, 0.040+0.065/0.065/0+0.080 ms cpu, 2->2->2 MB, 3 MB goal, 0 MB stacks, 0 MB globals, 4 P
        gc 7 @0.001s 28%: 0.010+0.065+0.020 ms clock, 0.040+0.065/0.065/0+0.080 ms cpu, 2->2->2 MB, 3 MB goal, 0 MB stacks, 0 MB globals, 4 P
        gc 8 @0.001s 28%: 0.010+0.065+0.020 ms clock, 0.040+0.065/0.065/0+0.080 ms cpu, 2->2->2 MB, 3 MB goal, 0 MB stacks, 0 MB globals, 4 P
        gc 9 @0.001s 27%: 0.010+0.065+0.020 ms clock, 0.040+0.065/0.065/0+0.080 ms cpu, 2->2->2 MB, 3 MB goal, 0 MB stacks, 0 MB globals, 4 P
        gc 10 @0.002s 27%: 0.010+0.065+0.020 ms clock, 0.040+0.065/0.065/0+0.080 ms cpu, 2->2->2 MB, 3 MB goal, 0 MB stacks, 0 MB globals, 4 P
        gc 11 @0.002s 27%: 0.010+0.065+0.020 ms clock, 0.040+0.065/0.065/0+0.080 ms cpu, 2->2->2 MB, 3 MB goal, 0 MB stacks, 0 MB globals, 4 P
    "#]],
    );
}

#[test]
fn gctrace_gogc_100() {
    check_gogc(
        100,
        expect![[r#"
        gc 1 @0.000s 16%: 0.010+0.065+0.020 ms clock, 0.040+0.065/0.065/0+0.080 ms cpu, 3->3->2 MB, 4 MB goal, 0 MB stacks, 0 MB globals, 4 P
        gc 2 @0.000s 16%: 0.010+0.065+0.020 ms clock, 0.040+0.065/0.065/0+0.080 ms cpu, 3->3->2 MB, 4 MB goal, 0 MB stacks, 0 MB globals, 4 P
        gc 3 @0.001s 16%: 0.010+0.065+0.020 ms clock, 0.040+0.065/0.065/0+0.080 ms cpu, 3->3->2 MB, 4 MB goal, 0 MB stacks, 0 MB globals, 4 P
        gc 4 @0.001s 15%: 0.010+0.065+0.020 ms clock, 0.040+0.065/0.065/0+0.080 ms cpu, 3->3->2 MB, 4 MB goal, 0 MB stacks, 0 MB globals, 4 P
        gc 5 @0.001s 15%: 0.010+0.065+0.020 ms clock, 0.040+0.065/0.065/0+0.080 ms cpu, 3->3->2 MB, 4 MB goal, 0 MB stacks, 0 MB globals, 4 P
    "#]],
    );
}

#[test]
fn gctrace_gogc_200() {
    check_gogc(
        200,
        expect![[r#"
        gc 1 @0.000s 6%: 0.010+0.065+0.020 ms clock, 0.040+0.065/0.065/0+0.080 ms cpu, 7->7->2 MB, 8 MB goal, 0 MB stacks, 0 MB globals, 4 P
    "#]],
    );
}

#[test]
fn gctrace_forced_cycle() {
    expect![[r#"
        gc 1 @0.000s 92%: 0.010+0.002+0.020 ms clock, 0.040+0.002/0.002/0+0.080 ms cpu, 3->3->3 MB, 4 MB goal, 0 MB stacks, 0 MB globals, 4 P
        gc 2 @0.000s 90%: 0.010+0.004+0.020 ms clock, 0.040+0/0.004/0+0.080 ms cpu, 6->6->6 MB, 7 MB goal, 0 MB stacks, 0 MB globals, 4 P (forced)
    "#]].assert_eq(&gctrace(&example("gc_leak")));
}

#[test]
fn small_programs_never_collect() {
    let out = gctrace(
        "package main\n\nimport \"fmt\"\n\nfunc main() {\n\tx := []int{1, 2, 3}\n\tfmt.Println(x)\n}\n",
    );
    assert_eq!(out, "");
}

/// Runs `src` recorded (all events kept) and returns the execution.
fn recorded(src: &str) -> Execution {
    let mut e = Execution::start("main.go", src, &RunConfig::default()).expect("compiles");
    while !e.advance(100_000) {}
    e
}

#[test]
fn recorded_and_plain_runs_agree() {
    for name in ["gc_lost_object", "gc_mark_assist", "gc_gogc", "gc_leak"] {
        let src = example(name);
        let plain = runtime::run("main.go", &src, &RunConfig::default());
        let e = recorded(&src);
        assert_eq!(e.stdout(), plain.stdout, "{name}");
        assert_eq!(e.stderr(), plain.stderr, "{name}");
        assert_eq!(e.steps(), plain.steps, "{name}");
        assert_eq!(e.machine().exit_code(), Some(plain.exit_code), "{name}");
    }
}

#[test]
fn timeline_from_the_trace() {
    let e = recorded(&example("gc_mark_assist"));
    let num_gc = e.machine().heap().gc.stats.num_gc as usize;
    assert!(num_gc >= 2, "{num_gc}");
    let events = e.events().iter().map(|(s, ev)| (*s, ev));
    let t = GcTimeline::build(events);
    assert_eq!(t.cycles.len(), num_gc);
    // Two stop-the-world windows per cycle, in order, each of positive length.
    assert_eq!(t.stw.len(), 2 * num_gc);
    assert!(t.stw.iter().all(|(a, b, _)| a < b));
    assert!(t.stw.windows(2).all(|w| w[0].1 <= w[1].0));
    assert_eq!(t.stw[0].2, GcPhase::SweepTermination);
    assert_eq!(t.stw[1].2, GcPhase::MarkTermination);
    assert!(t.samples.iter().any(|s| s.phase == GcPhase::Mark));
    // The fast allocator assisted.
    let assists = e
        .events()
        .iter()
        .filter(|(_, ev)| matches!(ev, Event::Gc(runtime::gc::event::GcEvent::Assist { .. })))
        .count();
    assert!(assists > 0);
    // The first events of cycle 1, as the trace shows them.
    let first: Vec<String> = e
        .events()
        .iter()
        .filter(|(_, ev)| matches!(ev, Event::Gc(g) if !matches!(g, runtime::gc::event::GcEvent::SweepSpan { .. } | runtime::gc::event::GcEvent::Assist { .. } | runtime::gc::event::GcEvent::BarrierShade { .. })))
        .take(4)
        .map(|(_, ev)| ev.to_string())
        .collect();
    expect![[r#"
        [
            "gc 1 start (heap) @906880ns live=3670016 goal=4194304",
            "gc 1 stop the world (sweep termination) @906880ns",
            "gc 1 start the world (sweep termination) @916880ns",
            "gc 1 mark @916880ns live=3670016",
        ]
    "#]]
    .assert_debug_eq(&first);
}

#[test]
fn the_view_during_mark() {
    let mut e = Execution::start("main.go", &example("gc_mark_assist"), &RunConfig::default())
        .expect("compiles");
    let mut seen_grey = false;
    let mut seen_assist = false;
    while !e.advance(997) {
        let m = e.machine();
        if m.heap().gc.phase != GcPhase::Mark {
            continue;
        }
        let v = m.gc_view(50);
        assert!(v.objects.len() <= 50);
        assert!(v.objects.windows(2).all(|w| w[0].id < w[1].id));
        assert!(v.write_barrier_on && v.barrier_enabled);
        assert!(v.total_objects > 40_000);
        assert!(!v.spans.is_empty());
        assert!(v.heap_live > 0 && v.heap_goal > 0);
        assert_eq!(v.gogc, 100);
        seen_grey |= !v.grey_queue.is_empty() || v.objects.iter().any(|o| o.colour == Colour::Grey);
        seen_assist |= v.assists.iter().any(|(_, c)| *c != 0)
            || v.shades.iter().any(|s| s.cause == ShadeCause::Assist);
        if seen_grey && seen_assist {
            break;
        }
    }
    assert!(seen_grey, "no grey object seen during mark");
    assert!(seen_assist, "no assist seen");
}
