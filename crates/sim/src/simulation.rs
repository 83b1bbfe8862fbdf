//! The `Simulation` trait: a deterministic state machine advanced one step at a time.
//!
//! Everything goscope shows — the Go runtime's Gs, Ms and Ps, a channel's queues, a GC cycle, a
//! saga's compensations — is a value implementing this trait. There are no threads, coroutines
//! or stack switching (wasm32 cannot switch stacks): a goroutine is data inside the state, and
//! "running concurrently" means the [`Chooser`] picks whose step comes next.
//!
//! # Contract
//!
//! - **Determinism.** `step` depends only on `self` and the chooser's answers: no wall clock, no
//!   OS randomness, no threads, no `HashMap`/`HashSet` iteration order (use `BTreeMap` or `Vec`).
//!   Every nondeterministic decision is a [`Chooser::choose`] call.
//! - **Clone is a snapshot.** A clone shares no mutable state with the original (no `Rc<RefCell>`
//!   reaching back into it), because the [`Recorder`](crate::Recorder) keeps clones as
//!   checkpoints and replays from them. Sharing *immutable* parts is fine and encouraged
//!   (copy-on-write: `Rc` written only through `Rc::make_mut`); report it through
//!   [`approx_bytes_unshared`](Simulation::approx_bytes_unshared).
//! - **Events are the trace.** Each step pushes the events it produced; an event's `Display` is
//!   one stable line, because traces are compared as text snapshots and shown to learners.
//! - A step that returns [`Status::Finished`] is still a step: its events belong to it. Once
//!   finished, a simulation is not stepped again by the `Recorder`.
//!
//! Step numbers count transitions: step `n` is the `n`-th call to `step`, taking the state after
//! `n - 1` steps to the state after `n` steps. The initial state is "after 0 steps".

use crate::chooser::Chooser;

/// A deterministic state machine advanced by [`step`](Simulation::step); see the module docs.
pub trait Simulation: Clone {
    /// What a step reports; its `Display` is one stable line of the trace.
    type Event: Clone + std::fmt::Display;

    /// Advance by one step, pushing any events it produced into `events`.
    ///
    /// Every nondeterministic decision goes through `chooser`.
    fn step(&mut self, chooser: &mut Chooser, events: &mut Vec<Self::Event>) -> Status;

    /// Advances up to `n` steps exactly as `n` calls of [`step`](Simulation::step) would,
    /// stopping after a step that returns [`Status::Finished`]; returns the steps taken and
    /// the last status. With `marks`, pushes for each event pushed the 1-based index (within
    /// this call) of the step that produced it. The [`Recorder`](crate::Recorder) records and
    /// replays through it, so a simulation with a cheaper batch path (the Go VM runs
    /// instructions in bursts) overrides it.
    fn step_many(
        &mut self,
        chooser: &mut Chooser,
        n: u64,
        events: &mut Vec<Self::Event>,
        mut marks: Option<&mut Vec<u64>>,
    ) -> (u64, Status) {
        let mut taken = 0;
        let mut status = Status::Running;
        while taken < n {
            let before = events.len();
            taken += 1;
            status = self.step(chooser, events);
            if let Some(marks) = marks.as_deref_mut() {
                marks.extend(std::iter::repeat_n(taken, events.len() - before));
            }
            if status.is_finished() {
                break;
            }
        }
        (taken, status)
    }

    /// Roughly how many bytes a clone of this state holds (heap included). The
    /// [`Recorder`](crate::Recorder) sums it over its checkpoints to stay within a memory
    /// budget; within a factor of two is good enough. The default counts only the value itself.
    fn approx_bytes(&self) -> usize {
        std::mem::size_of::<Self>()
    }

    /// Roughly how many bytes a clone of this state holds that a clone of `previous` (an
    /// earlier state of the same run) does not share with it: what keeping both costs beyond
    /// keeping `previous`. A state that shares unchanged parts between clones (copy-on-write)
    /// counts only the parts written since; the default shares nothing and is
    /// [`approx_bytes`](Simulation::approx_bytes).
    fn approx_bytes_unshared(&self, previous: &Self) -> usize {
        let _ = previous;
        self.approx_bytes()
    }
}

/// Whether a simulation can take more steps.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Status {
    /// More steps may follow.
    Running,
    /// The simulation is over (the program exited, deadlocked, hit a budget...); the step that
    /// returned this was the last one.
    Finished,
}

impl Status {
    /// Whether this is [`Status::Finished`].
    pub fn is_finished(self) -> bool {
        self == Status::Finished
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A countdown whose every step subtracts 1 or 2, chosen by the chooser.
    #[derive(Clone, Debug, PartialEq)]
    struct Countdown(u32);

    impl Simulation for Countdown {
        type Event = String;

        fn step(&mut self, chooser: &mut Chooser, events: &mut Vec<String>) -> Status {
            let by = 1 + chooser.choose("by", 2) as u32;
            self.0 = self.0.saturating_sub(by);
            events.push(format!("-{by} = {}", self.0));
            if self.0 == 0 {
                Status::Finished
            } else {
                Status::Running
            }
        }
    }

    #[test]
    fn a_simulation_is_driven_by_its_chooser() {
        let run = |chooser: &mut Chooser| {
            let mut sim = Countdown(10);
            let mut events = Vec::new();
            while !sim.step(chooser, &mut events).is_finished() {}
            events
        };
        let mut first = Chooser::new(1);
        let events = run(&mut first);
        assert_eq!(
            events
                .last()
                .map(String::as_str)
                .and_then(|e| e.split(" = ").nth(1)),
            Some("0")
        );
        assert_eq!(run(&mut Chooser::replay(&first.schedule())), events);
        assert!(Status::Finished.is_finished());
        assert!(!Status::Running.is_finished());
    }
}
