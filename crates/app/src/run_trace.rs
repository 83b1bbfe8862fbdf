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
use runtime::inspect::{EventKind, GoroutineTimeline, Inspection, Timeline};
use sim::Recorder;

use crate::player::Track;

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
        let profile = crate::run_profile::RunProfile::of(recorder.current());
        RunTrace {
            recorder,
            kinds,
            timeline,
            goroutines,
            profile,
        }
    }

    /// The view model at `step`.
    pub fn inspect(&self, step: u64) -> Inspection {
        Inspection::of(&self.recorder.state_at(step))
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
