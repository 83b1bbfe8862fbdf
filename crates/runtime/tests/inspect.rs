//! Properties of `runtime::inspect` over recorded runs of the corpus's goroutine programs:
//! the view model at a step is the same however the step is reached — running forwards, or
//! seeking back then forwards through the `sim::Recorder` — and the event classifier and the
//! timeline agree with the trace.

use runtime::inspect::{EventKind, Inspection, Timeline, start_machine};
use runtime::{Machine, RunConfig};
use sim::{Chooser, Recorder, Simulation};

const PROGRAMS: [&str; 8] = [
    "sync_worker_pool",
    "conc_pipeline",
    "conc_fanin",
    "conc_prime_sieve",
    "select_quit",
    // Goroutines moved outside the VM's own instructions: syscalls, timers, WaitGroup.Go.
    "syscall_handoff",
    "time_afterfunc",
    "sync_wg_go",
];

fn source(name: &str) -> String {
    let path = format!("{}/../../tests/go/{name}.go", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn machine(name: &str, seed: u64, gomaxprocs: usize) -> Machine {
    let config = RunConfig {
        seed,
        gomaxprocs,
        ..Default::default()
    };
    start_machine("prog.go", &source(name), &config)
        .unwrap_or_else(|out| panic!("{name} does not compile:\n{}", out.stderr))
}

fn record(name: &str, seed: u64, gomaxprocs: usize, every: u64) -> Recorder<Machine> {
    let mut r = Recorder::new(machine(name, seed, gomaxprocs), Chooser::new(seed), every);
    r.run(2_000_000);
    assert!(r.status().is_finished(), "{name} did not finish");
    r
}

#[test]
fn seeking_reproduces_the_forward_view_at_every_step() {
    for name in PROGRAMS {
        for (seed, procs) in [(1, 2), (7, 4), (42, 1)] {
            let r = record(name, seed, procs, 37);
            let mut fresh = machine(name, seed, procs);
            let mut chooser = Chooser::new(seed);
            let stride = (r.steps() / 300).max(1);
            for step in 0..=r.steps() {
                if step % stride == 0 || step == r.steps() {
                    let forward = Inspection::of(&fresh);
                    let seeked = Inspection::of(&r.state_at(step));
                    assert_eq!(forward, seeked, "{name} seed {seed} P{procs} step {step}");
                    assert_eq!(seeked.step, step);
                }
                if step < r.steps() {
                    fresh.step(&mut chooser, &mut Vec::new());
                }
            }
        }
    }
}

#[test]
fn back_then_forward_gives_identical_views() {
    for name in PROGRAMS {
        for seed in [3, 11] {
            let r = record(name, seed, 2, 64);
            let n = r.steps();
            // A deterministic walk of seeks: far forward, back, forward again.
            let mut a = 0u64;
            for i in 0..40u64 {
                let b = (a * 7 + i * 131 + 17) % (n + 1);
                let at_a = Inspection::of(&r.state_at(a));
                let _ = Inspection::of(&r.state_at(b));
                assert_eq!(Inspection::of(&r.state_at(a)), at_a, "{name} {a} via {b}");
                a = b;
            }
        }
    }
}

#[test]
fn the_view_agrees_with_the_scheduler_invariants() {
    let r = record("sync_worker_pool", 1, 4, 50);
    for step in (0..=r.steps()).step_by(7) {
        let v = Inspection::of(&r.state_at(step));
        assert_eq!(v.procs.len(), 4);
        for p in &v.procs {
            if let Some(g) = p.running {
                let g = v.goroutine(g).expect("running goroutine exists");
                assert_eq!(g.status, runtime::sched::GStatus::Running);
                // (Once the program has exited, main has no frames left.)
                if step < r.steps() {
                    assert!(
                        g.line > 0,
                        "a running goroutine is at a line: {g:?} at {step}"
                    );
                }
            }
            for g in p.runq.iter().chain(p.runnext.iter()).chain(&v.global) {
                let g = v.goroutine(*g).expect("queued goroutine exists");
                assert_eq!(g.status, runtime::sched::GStatus::Runnable);
            }
        }
        for g in &v.goroutines {
            assert_eq!(
                g.wait.is_some(),
                g.status == runtime::sched::GStatus::Waiting
            );
        }
        for c in &v.chans {
            assert_eq!(c.slots.len(), c.cap);
            assert_eq!(c.slots.iter().flatten().count(), c.len);
            assert!(c.sendq.is_empty() || c.recvq.is_empty());
        }
    }
}

#[test]
fn a_worker_pool_on_two_ps_steals_and_the_classifier_finds_it() {
    let r = record("sync_worker_pool", 1, 2, 100);
    let kinds: Vec<EventKind> = r.events().iter().map(EventKind::of).collect();
    for kind in [
        EventKind::GoCreate,
        EventKind::Run,
        EventKind::Block,
        EventKind::Ready,
        EventKind::ChanSend,
        EventKind::ChanRecv,
        EventKind::ChanClose,
        EventKind::GoExit,
        EventKind::Output,
        EventKind::Steal,
    ] {
        assert!(kinds.contains(&kind), "no {kind:?} event");
    }
    for (e, k) in r.events().iter().zip(&kinds) {
        let line = e.to_string();
        if *k == EventKind::Steal {
            assert!(line.contains(" steal "), "{line}");
        }
        if line.contains(" steal ") {
            assert_eq!(*k, EventKind::Steal, "{line}");
        }
    }
}

#[test]
fn the_timeline_has_no_overlaps_and_matches_runs() {
    for name in PROGRAMS {
        let r = record(name, 5, 3, 100);
        let events = (0..r.events().len()).map(|i| (r.event_step(i), &r.events()[i]));
        let t = Timeline::of(events, r.steps());
        assert_eq!(t.end, r.steps());
        assert!(!t.spans.is_empty());
        for w in t.spans.windows(2) {
            assert!(w[0].from <= w[0].to, "{name} {:?}", w[0]);
            if w[0].p == w[1].p {
                assert!(w[0].to <= w[1].from, "{name} overlap {:?} {:?}", w[0], w[1]);
            }
        }
        // Wherever a span says P ran g, the view at a step inside it agrees.
        for s in t.spans.iter().filter(|s| s.to > s.from + 1).take(40) {
            let mid = s.from + (s.to - s.from) / 2;
            let v = Inspection::of(&r.state_at(mid));
            assert_eq!(
                v.procs[s.p as usize].running,
                Some(s.g),
                "{name} {s:?} at {mid}"
            );
        }
    }
}
