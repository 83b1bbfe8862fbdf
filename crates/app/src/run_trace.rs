//! A recorded run: the Playground's `sim::Recorder<runtime::Machine>` and what the player
//! needs to move through it.
//!
//! Recording (not just executing) is what makes stepping back cheap: the recorder keeps a
//! checkpoint every [`CHECKPOINT_EVERY`] instructions, so any step is one clone plus at most
//! that many replayed instructions away. The cost is memory — one machine clone per
//! checkpoint — which is why a recorded run has its own, smaller step budget
//! ([`RECORD_MAX_STEPS`]) than a plain run.
//!
//! Everything here is plain Rust over the core (natively testable); the page only renders
//! what [`RunTrace::inspect`] and friends return.

use std::rc::Rc;

use runtime::Machine;
use runtime::inspect::{EventKind, GoroutineTimeline, HbGraph, Inspection, Timeline};
use runtime::race::fix::Variant;
use sim::Recorder;

use crate::player::Track;
use crate::views::{GcChart, HeapAtStep};

/// Instructions between two checkpoints at the start of a run: a seek replays fewer than
/// this many. The interval doubles whenever the checkpoints reach [`RECORD_MEMORY_BUDGET`].
pub const CHECKPOINT_EVERY: u64 = 1024;
/// Memory the checkpoints may hold (estimated by `Machine::approx_bytes`). A 1,000-goroutine
/// worker pool is ~0.8 MB a machine: at a fixed 1024-instruction interval its run would need
/// gigabytes, past what a wasm32 tab can allocate; within this budget the interval grows
/// instead, and a seek replays more instructions (through the VM's burst path: ~1 ms median
/// natively for that run, see BENCHMARKS.md).
pub const RECORD_MEMORY_BUDGET: usize = 192 << 20;
/// Step budget of a recorded run (every step's events and a checkpoint per
/// [`CHECKPOINT_EVERY`] are kept in memory).
pub const RECORD_MAX_STEPS: u64 = 5_000_000;
/// At most this many markers of one kind are drawn on the scrubber.
const MAX_MARKERS: usize = 400;

/// A finished (or stopped) recording, shared by the page's state values.
pub struct RunTrace {
    pub recorder: Recorder<Machine>,
    /// `kinds[i]` is the kind of the `i`-th event.
    pub kinds: Vec<EventKind>,
    pub timeline: Rc<Timeline>,
    /// Per goroutine: running, runnable, waiting over the run.
    pub goroutines: Rc<GoroutineTimeline>,
    /// The happens-before graph (empty unless the run was in race mode).
    pub hb: Rc<HbGraph>,
    /// The run was made with `-race`.
    pub race: bool,
    /// Fix variants of the program for its races (see [`RunTrace::with_fixes`]).
    pub fixes: Rc<[Variant]>,
    /// The collector's phases, pauses and heap curve over the run.
    pub gc: Rc<GcChart>,
    /// The tri-colour checker's report over the run: `(cycle, object)` left white though
    /// reachable at a mark termination — freed while in use (the barrier-off bug).
    pub gc_lost: Rc<[(u32, u32)]>,
    /// The run's profiles, when it was profiled (the profile view was open).
    pub profile: Option<Rc<crate::run_profile::RunProfile>>,
}

impl RunTrace {
    pub fn new(recorder: Recorder<Machine>) -> RunTrace {
        let kinds = recorder.events().iter().map(EventKind::of).collect();
        let end = recorder.steps();
        let events = || {
            (0..recorder.events().len()).map(|i| (recorder.event_step(i), &recorder.events()[i]))
        };
        let timeline = Rc::new(Timeline::of(events(), end));
        let goroutines = Rc::new(GoroutineTimeline::of(events(), end));
        let hb = Rc::new(HbGraph::of(events()));
        let race = recorder.current().race_state().is_some();
        let gc = Rc::new(GcChart::of(events(), end));
        let gc_lost = Rc::from(recorder.current().heap().gc.lost.as_slice());
        let profile = crate::run_profile::RunProfile::of(recorder.current());
        RunTrace {
            recorder,
            kinds,
            timeline,
            goroutines,
            hb,
            race,
            fixes: Rc::from(Vec::new()),
            gc,
            gc_lost,
            profile,
        }
    }

    /// Computes the fix variants of `source` for the run's races. Each variant is checked by
    /// running it a few times with `-race` (see `runtime::race::fix`), within a step budget
    /// scaled to this run so that checking never costs much more than the run itself.
    pub fn with_fixes(mut self, source: &str) -> RunTrace {
        if !self.hb.races.is_empty() {
            // At most 12 checking runs of 1M steps: a long racy program gets no variant
            // rather than a frozen page.
            let budget = (self.recorder.steps() * 4).clamp(100_000, 1_000_000);
            self.fixes = runtime::race::fix::variants(source, &self.hb.races, budget).into();
        }
        self
    }

    /// The scheduler's and the collector's view models at `step`, from one restored machine.
    pub fn inspect_with_gc(&self, step: u64) -> (Inspection, HeapAtStep) {
        let m = self.recorder.state_at(step);
        (Inspection::of(&m), HeapAtStep::of(&m))
    }

    /// What the program had printed after `step` instructions: (stdout, stderr).
    pub fn printed_upto(&self, step: u64) -> (String, String) {
        let (mut out, mut err) = (Vec::new(), Vec::new());
        let end = self.recorder.event_range(0, step).end;
        for e in &self.recorder.events()[..end.min(self.recorder.events().len())] {
            match e {
                runtime::Event::Stdout { text, .. } => out.extend_from_slice(text),
                runtime::Event::Stderr { text, .. } => err.extend_from_slice(text),
                _ => {}
            }
        }
        (
            String::from_utf8_lossy(&out).into_owned(),
            String::from_utf8_lossy(&err).into_owned(),
        )
    }

    /// The steps of the events of `kind`, thinned out to at most [`MAX_MARKERS`].
    pub fn markers(&self, kind: EventKind) -> Rc<[u64]> {
        let all: Vec<u64> = self
            .kinds
            .iter()
            .enumerate()
            .filter(|(_, k)| **k == kind)
            .map(|(i, _)| self.recorder.event_step(i))
            .collect();
        let every = all.len().div_ceil(MAX_MARKERS).max(1);
        all.into_iter().step_by(every).collect()
    }
}

impl Track for RunTrace {
    fn last(&self) -> u64 {
        self.recorder.steps()
    }

    fn events_upto(&self, step: u64) -> usize {
        self.recorder.event_range(0, step).end
    }

    fn event_count(&self) -> usize {
        self.kinds.len()
    }

    fn event_step(&self, index: usize) -> u64 {
        self.recorder.event_step(index)
    }

    fn kind(&self, index: usize) -> EventKind {
        self.kinds.get(index).copied().unwrap_or(EventKind::Other)
    }
}

/// What a recording printed so far, gathered from its output events since `seen`.
#[derive(Clone, Default)]
pub struct Printed {
    pub stdout: Vec<u8>,
    pub stderr: Vec<u8>,
    /// Events already looked at.
    pub seen: usize,
}

impl Printed {
    pub fn collect(&mut self, recorder: &Recorder<Machine>) {
        for e in &recorder.events()[self.seen.min(recorder.events().len())..] {
            match e {
                runtime::Event::Stdout { text, .. } => self.stdout.extend_from_slice(text),
                runtime::Event::Stderr { text, .. } => self.stderr.extend_from_slice(text),
                _ => {}
            }
        }
        self.seen = recorder.events().len();
    }
}

#[cfg(test)]
mod tests {
    use runtime::RunConfig;
    use runtime::gc::view::ShadeCause;
    use runtime::inspect::{EventKind, start_machine};
    use sim::{Chooser, Recorder};
    use wasm_bindgen_test::wasm_bindgen_test;

    use super::*;
    use crate::player::step_event;

    /// 160,000 list nodes, then a 2 MB buffer crosses the first heap goal: a cycle starts,
    /// and main's store into the global `junk`... is a pointer store while marking.
    const BIG_HEAP: &str = "package main\n\nimport \"fmt\"\n\ntype Node struct {\n\tval  int\n\tnext *Node\n}\n\nvar junk *Node\nvar buf []byte\n\nfunc main() {\n\tfor i := 0; i < 160000; i++ {\n\t\tjunk = &Node{val: i, next: junk}\n\t}\n\tbuf = make([]byte, 2<<20)\n\tn := 0\n\tfor p := junk; p != nil; p = p.next {\n\t\tn++\n\t}\n\tfmt.Println(n)\n}\n";

    fn record(source: &str) -> RunTrace {
        let config = RunConfig {
            max_steps: RECORD_MAX_STEPS,
            ..RunConfig::default()
        };
        let machine = start_machine("prog.go", source, &config).expect("compiles");
        let mut recorder = Recorder::new(machine, Chooser::new(1), CHECKPOINT_EVERY)
            .with_memory_budget(RECORD_MEMORY_BUDGET);
        while !recorder.status().is_finished() {
            recorder.run(1 << 20);
        }
        RunTrace::new(recorder)
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn a_big_heap_is_aggregated_with_the_shaded_object_in_focus() {
        let trace = record(BIG_HEAP);
        assert!(
            trace.gc.cycles + trace.gc.phases.len() > 0,
            "a GC cycle ran"
        );
        // "Next GC phase" and "next write-barrier shade" are kinds the player jumps to.
        let gc_step = step_event(&trace, 0, 1, Some(EventKind::GcPhase));
        assert!(gc_step > 0);
        let step = step_event(&trace, 0, 1, Some(EventKind::WriteBarrier));
        assert!(step >= gc_step, "the barrier shades while marking");
        let (_, heap) = trace.inspect_with_gc(step);
        let shade = heap
            .view
            .shades
            .first()
            .expect("a shade at the barrier's step");
        assert!(matches!(
            shade.cause,
            ShadeCause::BarrierNew | ShadeCause::BarrierOld
        ));
        // Too many objects to draw: aggregated, and the focus has the shaded object.
        assert!(heap.view.total_objects > crate::views::GRAPH_MAX);
        assert!(heap.view.objects.len() <= crate::views::GC_SAMPLE);
        assert!(
            heap.focus.iter().any(|o| o.id == shade.object),
            "shaded o{} not in the focus",
            shade.object
        );
        assert!(heap.focus.len() <= crate::views::heap::FOCUS_MAX);
        // The step before shows no shade: shades are the step's own.
        let (_, before) = trace.inspect_with_gc(step - 1);
        assert!(before.view.shades.iter().all(|s| s != shade) || before.view.shades.is_empty());
    }
}
