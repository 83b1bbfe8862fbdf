//! The per-goroutine timeline against recorded runs of the corpus's goroutine programs:
//! its rows are well formed, and wherever a row says a goroutine was running, runnable or
//! waiting, the view model at a step inside that span says the same.

use runtime::inspect::{GoroutineTimeline, Inspection, start_machine};
use runtime::sched::GStatus;
use runtime::{Machine, RunConfig};
use sim::{Chooser, Recorder};

const PROGRAMS: [&str; 6] = [
    "sync_worker_pool",
    "conc_pipeline",
    "conc_fanin",
    "select_quit",
    "syscall_handoff",
    "time_afterfunc",
];

fn record(name: &str, seed: u64, gomaxprocs: usize) -> Recorder<Machine> {
    let path = format!("{}/../../tests/go/{name}.go", env!("CARGO_MANIFEST_DIR"));
    let source = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let config = RunConfig {
        seed,
        gomaxprocs,
        ..Default::default()
    };
    let m = start_machine("prog.go", &source, &config)
        .unwrap_or_else(|out| panic!("{name} does not compile:\n{}", out.stderr));
    let mut r = Recorder::new(m, Chooser::new(seed), 100);
    r.run(2_000_000);
    assert!(r.status().is_finished(), "{name} did not finish");
    r
}

fn timeline(r: &Recorder<Machine>) -> GoroutineTimeline {
    let events = (0..r.events().len()).map(|i| (r.event_step(i), &r.events()[i]));
    GoroutineTimeline::of(events, r.steps())
}

#[test]
fn rows_are_ordered_disjoint_and_agree_with_the_view() {
    for name in PROGRAMS {
        let r = record(name, 7, 2);
        let t = timeline(&r);
        let last = Inspection::of(&r.state_at(r.steps()));
        assert_eq!(
            t.lanes.len(),
            last.goroutines.len(),
            "{name}: one row per goroutine"
        );
        for (i, lane) in t.lanes.iter().enumerate() {
            assert_eq!(lane.g, i as u64 + 1);
            for s in &lane.spans {
                assert!(s.from < s.to, "{name} g{} empty {s:?}", lane.g);
            }
            for w in lane.spans.windows(2) {
                assert!(w[0].to <= w[1].from, "{name} g{} overlap {w:?}", lane.g);
                assert!(
                    (w[0].status, w[0].wait) != (w[1].status, w[1].wait) || w[0].to < w[1].from,
                    "{name} g{}: an unchanged state starts no new span {w:?}",
                    lane.g
                );
            }
            let ran: u64 = lane
                .spans
                .iter()
                .filter(|s| s.status == GStatus::Running)
                .map(|s| s.to - s.from)
                .sum();
            assert_eq!(ran, lane.running, "{name} g{}", lane.g);
        }
        // Inside a span (away from its edges, where one step's several events land), the
        // view model shows the goroutine in the span's state.
        let mut checked = 0;
        for lane in &t.lanes {
            for s in lane.spans.iter().filter(|s| s.to > s.from + 2).take(6) {
                let mid = s.from + (s.to - s.from) / 2;
                let v = Inspection::of(&r.state_at(mid));
                let g = v.goroutine(lane.g).expect("goroutine in view");
                assert_eq!(g.status, s.status, "{name} g{} {s:?} at {mid}", lane.g);
                if s.status == GStatus::Waiting {
                    assert_eq!(g.wait, s.wait, "{name} g{} {s:?} at {mid}", lane.g);
                }
                checked += 1;
            }
        }
        assert!(checked > 3, "{name}: only {checked} spans checked");
    }
}

#[test]
fn busiest_sorts_by_running_time() {
    let r = record("sync_worker_pool", 3, 4);
    let t = timeline(&r);
    let top = t.busiest(3);
    assert_eq!(top.len(), 3.min(t.lanes.len()));
    for w in top.windows(2) {
        assert!(w[0].running >= w[1].running);
    }
    let max = t.lanes.iter().map(|l| l.running).max().unwrap_or(0);
    assert_eq!(top[0].running, max);
    assert!(top[0].running > 0);
}
