//! The `Recorder`: runs a simulation, keeps its event log, and travels back in time.
//!
//! Modelled on rr's checkpoint-and-replay: instead of storing every state, the recorder stores
//! a checkpoint (a clone of the simulation plus the chooser's position) every `K` steps, and
//! reaches any other step by restoring the checkpoint at or before it and replaying at most
//! `K - 1` steps. Because every nondeterministic decision went through the [`Chooser`], and the
//! checkpoint holds the chooser exactly as it was, the replay makes the same choices as the
//! original run and arrives at the same state.
//!
//! # Invariants
//!
//! - *Checkpoint 0 is always the initial state*, and checkpoint `i` is the state after `i * K`
//!   steps, so finding the checkpoint for a step is a division.
//! - `state_at(k)` equals the state reached by running a fresh copy of the initial state `k`
//!   steps with the same chooser, for every `k` in `0..=steps()` (property-tested in
//!   `tests/recorder_properties.rs`).
//! - The event log is stored once: `events[i]` was produced by step `event_steps[i]`, and
//!   `event_steps` never decreases.
//! - Checkpoint choosers keep no log of past choices, so a checkpoint costs one clone of the
//!   simulation plus O(1), not O(choices so far).
//! - *Memory budget* ([`Recorder::with_memory_budget`]): when the checkpoints' estimated size
//!   passes the budget, every odd checkpoint is dropped and `K` doubles — the first invariant
//!   still holds with the new `K`. The estimate counts what each checkpoint adds to the one
//!   before it ([`Simulation::approx_bytes_unshared`]; checkpoint 0 counts in full), so a
//!   simulation whose clones share unchanged parts (the Go VM's parked goroutines) pays only
//!   for what changed; `checkpoint_bytes` is always the sum of the held checkpoints' `bytes`,
//!   each measured against the checkpoint now before it (thinning re-measures the survivors). Memory stays within about the
//!   budget whatever the run's length and state size, and a seek replays at most `K - 1` steps
//!   with `K` growing only as fast as the run outgrows the budget (a 1,000-goroutine worker pool's
//!   state is ~0.8 MB; at a fixed `K` of 1024 its 20 M steps would need 15 GB).
//!
//! Step numbering is the one of [`Simulation`]: step `n` takes the state after `n - 1` steps to
//! the state after `n` steps, and the events it pushes are labelled `n`.

use std::fmt::Write as _;
use std::ops::Range;

use crate::chooser::Chooser;
use crate::schedule::Schedule;
use crate::simulation::{Simulation, Status};

/// Runs a [`Simulation`] in slices, records its events and seeks to any past step.
#[derive(Clone)]
pub struct Recorder<S: Simulation> {
    current: S,
    chooser: Chooser,
    steps: u64,
    status: Status,
    events: Vec<S::Event>,
    /// `event_steps[i]` is the step that produced `events[i]`.
    event_steps: Vec<u64>,
    /// Checkpoint `i` is the state after `i * checkpoint_every` steps.
    checkpoints: Vec<Checkpoint<S>>,
    checkpoint_every: u64,
    /// Sum of the checkpoints' `bytes`.
    checkpoint_bytes: usize,
    /// Thin the checkpoints out when `checkpoint_bytes` passes this.
    memory_budget: Option<usize>,
    /// Reused buffer for one batch's events, so a simulation cannot disturb the log.
    scratch: Vec<S::Event>,
    /// Reused buffer for the batch's event step marks (see [`Simulation::step_many`]).
    marks: Vec<u64>,
}

/// The simulation and its chooser as they were after some number of steps.
#[derive(Clone)]
struct Checkpoint<S> {
    step: u64,
    sim: S,
    chooser: Chooser,
    /// What this checkpoint holds beyond the one before it: `sim.approx_bytes_unshared` of
    /// the previous checkpoint's `sim`, or `sim.approx_bytes()` for checkpoint 0.
    bytes: usize,
}

impl<S: Simulation> Recorder<S> {
    /// Starts recording `sim` from its current state, answering choices with `chooser`, and
    /// checkpointing every `checkpoint_every` steps. `checkpoint_every == 0` keeps only the
    /// initial checkpoint (least memory; every seek replays from the start).
    pub fn new(sim: S, chooser: Chooser, checkpoint_every: u64) -> Self {
        let initial = Checkpoint {
            step: 0,
            bytes: sim.approx_bytes(),
            sim: sim.clone(),
            chooser: chooser.unrecorded_copy(),
        };
        Recorder {
            current: sim,
            chooser,
            steps: 0,
            status: Status::Running,
            events: Vec::new(),
            event_steps: Vec::new(),
            checkpoint_bytes: initial.bytes,
            checkpoints: vec![initial],
            checkpoint_every,
            memory_budget: None,
            scratch: Vec::new(),
            marks: Vec::new(),
        }
    }

    /// Keeps the checkpoints within about `bytes` (see the module docs): past it, every odd
    /// checkpoint is dropped and the interval doubles.
    pub fn with_memory_budget(mut self, bytes: usize) -> Self {
        self.memory_budget = Some(bytes);
        self.thin_to_budget();
        self
    }

    /// Steps between two checkpoints now (doubles each time the memory budget is reached).
    pub fn checkpoint_every(&self) -> u64 {
        self.checkpoint_every
    }

    /// The checkpoints' estimated size in bytes.
    pub fn checkpoint_bytes(&self) -> usize {
        self.checkpoint_bytes
    }

    fn thin_to_budget(&mut self) {
        let Some(budget) = self.memory_budget else {
            return;
        };
        while self.checkpoint_bytes > budget && self.checkpoints.len() > 1 {
            // Checkpoint i is at step i*K; keeping the even ones leaves checkpoint j at step
            // j*2K, so doubling K keeps "finding the checkpoint is a division" true.
            let mut index = 0;
            self.checkpoints.retain(|_| {
                index += 1;
                (index - 1) % 2 == 0
            });
            self.checkpoint_every = self.checkpoint_every.saturating_mul(2);
            // A survivor's parts that were first counted in a dropped checkpoint must now be
            // counted in it: re-measure each survivor against its new predecessor.
            let remeasured: Vec<usize> = self
                .checkpoints
                .windows(2)
                .map(|pair| pair[1].sim.approx_bytes_unshared(&pair[0].sim))
                .collect();
            for (checkpoint, bytes) in self.checkpoints.iter_mut().skip(1).zip(remeasured) {
                checkpoint.bytes = bytes;
            }
            self.checkpoint_bytes = self.checkpoints.iter().map(|c| c.bytes).sum();
        }
    }

    /// Advances up to `max_steps` more steps, stopping early when the simulation finishes.
    /// Callable repeatedly, so a UI can run a long program in slices between frames.
    pub fn run(&mut self, max_steps: u64) -> Status {
        let mut budget = max_steps;
        while budget > 0 && self.status == Status::Running {
            // In batches up to the next checkpoint, through the simulation's batch path.
            let n = match self.checkpoint_every {
                0 => budget,
                every => budget.min(every - self.steps % every),
            };
            self.scratch.clear();
            self.marks.clear();
            let (taken, status) = self.current.step_many(
                &mut self.chooser,
                n,
                &mut self.scratch,
                Some(&mut self.marks),
            );
            let base = self.steps;
            self.event_steps.extend(self.marks.iter().map(|m| base + m));
            self.events.append(&mut self.scratch);
            self.steps += taken;
            budget = budget.saturating_sub(taken);
            self.status = status;
            if self.checkpoint_every > 0
                && taken > 0
                && self.steps.is_multiple_of(self.checkpoint_every)
            {
                let bytes = match self.checkpoints.last() {
                    Some(previous) => self.current.approx_bytes_unshared(&previous.sim),
                    None => self.current.approx_bytes(),
                };
                self.checkpoint_bytes += bytes;
                self.checkpoints.push(Checkpoint {
                    step: self.steps,
                    sim: self.current.clone(),
                    chooser: self.chooser.unrecorded_copy(),
                    bytes,
                });
                self.thin_to_budget();
            }
            if taken == 0 {
                // A simulation that takes no step would loop forever; treat it as finished.
                self.status = Status::Finished;
            }
        }
        self.status
    }

    /// How many steps have been taken.
    pub fn steps(&self) -> u64 {
        self.steps
    }

    /// Whether the simulation can take more steps.
    pub fn status(&self) -> Status {
        self.status
    }

    /// The state after [`steps`](Recorder::steps) steps.
    pub fn current(&self) -> &S {
        &self.current
    }

    /// The chooser, as it is after the last step (for its [`divergence`](Chooser::divergence)).
    pub fn chooser(&self) -> &Chooser {
        &self.chooser
    }

    /// Every event so far, in order.
    pub fn events(&self) -> &[S::Event] {
        &self.events
    }

    /// The step that produced the `event_index`-th event; an index past the end yields
    /// [`steps`](Recorder::steps) rather than panicking.
    pub fn event_step(&self, event_index: usize) -> u64 {
        self.event_steps
            .get(event_index)
            .copied()
            .unwrap_or(self.steps)
    }

    /// The indices of the events produced by steps `step_a + 1 ..= step_b`: what happened
    /// between the state at `step_a` and the state at `step_b`. Empty when `step_b <= step_a`.
    pub fn event_range(&self, step_a: u64, step_b: u64) -> Range<usize> {
        let start = self.event_steps.partition_point(|&s| s <= step_a);
        let end = self.event_steps.partition_point(|&s| s <= step_b);
        start..end.max(start)
    }

    /// The events produced by steps `step_a + 1 ..= step_b`; see
    /// [`event_range`](Recorder::event_range). `events_between(n - 1, n)` is step `n`'s events.
    pub fn events_between(&self, step_a: u64, step_b: u64) -> &[S::Event] {
        &self.events[self.event_range(step_a, step_b)]
    }

    /// The state after `step` steps (clamped to [`steps`](Recorder::steps)): restores the
    /// nearest checkpoint at or before `step` and replays from it with the chooser saved there.
    pub fn state_at(&self, step: u64) -> S {
        let target = step.min(self.steps);
        if target == self.steps {
            return self.current.clone();
        }
        let index = match self.checkpoint_every {
            0 => 0,
            every => usize::try_from(target / every).unwrap_or(usize::MAX),
        };
        let Some(checkpoint) = self.checkpoints.get(index).or(self.checkpoints.first()) else {
            // Unreachable: `new` always stores checkpoint 0. Degrade rather than panic.
            return self.current.clone();
        };
        let mut sim = checkpoint.sim.clone();
        let mut chooser = checkpoint.chooser.clone();
        let mut events = Vec::new();
        let mut at = checkpoint.step;
        while at < target {
            events.clear();
            // In slices, so the discarded events never pile up.
            let (taken, status) =
                sim.step_many(&mut chooser, (target - at).min(4096), &mut events, None);
            at += taken;
            if status.is_finished() || taken == 0 {
                break;
            }
        }
        sim
    }

    /// How many checkpoints are held (at least 1: the initial state).
    pub fn checkpoint_count(&self) -> usize {
        self.checkpoints.len()
    }

    /// The seed and every choice made so far: replaying it reproduces this run.
    pub fn schedule(&self) -> Schedule {
        self.chooser.schedule()
    }

    /// The event log in its stable text form, one line per event: `{step:<6} {event}`.
    ///
    /// The step column is left-aligned so that no line starts with spaces: `expect_test`
    /// strips a snapshot's common indentation, which would eat a right-aligned column.
    pub fn trace(&self) -> String {
        let mut out = String::new();
        for (event, step) in self.events.iter().zip(&self.event_steps) {
            // Writing to a String cannot fail.
            let _ = writeln!(out, "{step:<6} {event}");
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Counts up; every step emits 0, 1 or 2 events (chosen), and finishes at `limit`.
    #[derive(Clone, Debug, PartialEq)]
    struct Ticker {
        count: u64,
        limit: u64,
    }

    impl Simulation for Ticker {
        type Event = String;

        fn step(&mut self, chooser: &mut Chooser, events: &mut Vec<String>) -> Status {
            self.count += 1;
            for i in 0..chooser.choose("events", 3) {
                events.push(format!("tick {} #{i}", self.count));
            }
            if self.count >= self.limit {
                Status::Finished
            } else {
                Status::Running
            }
        }
    }

    fn recorded(limit: u64, every: u64) -> Recorder<Ticker> {
        let mut recorder = Recorder::new(Ticker { count: 0, limit }, Chooser::new(3), every);
        recorder.run(u64::MAX);
        recorder
    }

    #[test]
    fn runs_in_slices_and_stops_when_finished() {
        let mut recorder = Recorder::new(
            Ticker {
                count: 0,
                limit: 10,
            },
            Chooser::new(3),
            4,
        );
        assert_eq!(recorder.run(0), Status::Running);
        assert_eq!(recorder.steps(), 0);
        assert_eq!(recorder.run(3), Status::Running);
        assert_eq!(recorder.steps(), 3);
        assert_eq!(recorder.run(100), Status::Finished);
        assert_eq!(recorder.steps(), 10);
        assert_eq!(recorder.run(100), Status::Finished);
        assert_eq!(
            recorder.steps(),
            10,
            "a finished simulation is not stepped again"
        );
        assert_eq!(recorder.status(), Status::Finished);
        // Checkpoints at steps 0, 4 and 8.
        assert_eq!(recorder.checkpoint_count(), 3);
        assert_eq!(
            recorder.trace(),
            recorded(10, 4).trace(),
            "slicing changes nothing"
        );
    }

    #[test]
    fn events_know_their_steps() {
        let recorder = recorded(30, 7);
        let events = recorder.events();
        assert!(!events.is_empty());
        for (i, event) in events.iter().enumerate() {
            let step = recorder.event_step(i);
            assert!(
                event.starts_with(&format!("tick {step} ")),
                "{event} at {step}"
            );
        }
        assert_eq!(recorder.event_step(events.len()), recorder.steps());
        let mut total = 0;
        for step in 1..=recorder.steps() {
            let here = recorder.events_between(step - 1, step);
            assert!(here.iter().all(|e| e.starts_with(&format!("tick {step} "))));
            total += here.len();
        }
        assert_eq!(total, events.len());
        assert_eq!(
            recorder.events_between(0, recorder.steps()).len(),
            events.len()
        );
        assert!(recorder.events_between(9, 3).is_empty());
        assert!(recorder.events_between(0, 0).is_empty());
        assert_eq!(
            recorder.events_between(5, u64::MAX),
            &events[recorder.event_range(5, 99)]
        );
    }

    #[test]
    fn trace_lines_start_with_their_left_aligned_step() {
        let recorder = recorded(3, 2);
        let trace = recorder.trace();
        assert_eq!(trace.lines().count(), recorder.events().len());
        for (i, line) in trace.lines().enumerate() {
            let step = recorder.event_step(i).to_string();
            assert!(line.starts_with(&step), "{line:?}");
            let rest = &line[step.len()..];
            let event = rest.trim_start();
            assert!(rest.len() - event.len() >= 1, "{line:?}");
            assert!(event.starts_with(&format!("tick {step} ")), "{line:?}");
        }
    }

    #[test]
    fn seeks_every_step_with_every_spacing() {
        for every in [0, 1, 2, 5, 100] {
            let recorder = recorded(23, every);
            let mut fresh = Ticker {
                count: 0,
                limit: 23,
            };
            let mut chooser = Chooser::new(3);
            for step in 0..=recorder.steps() {
                assert_eq!(recorder.state_at(step), fresh, "step {step}, every {every}");
                fresh.step(&mut chooser, &mut Vec::new());
            }
            assert_eq!(recorder.state_at(u64::MAX), *recorder.current());
        }
    }
}
