//! The shared simulation kernel of goscope: deterministic, steppable, replayable, seekable.
//!
//! Everything goscope shows is a [`Simulation`]: an explicit state machine advanced by `step`.
//! This crate holds what all of them share:
//!
//! - [`Chooser`] — the one oracle for every nondeterministic decision (which goroutine runs,
//!   which `select` case wins, which P is robbed, map iteration order, injected faults). It
//!   answers from a seeded generator or from a recorded [`Schedule`], and records every answer.
//! - [`Schedule`] — a seed plus the choices of one run, printable as one line
//!   (`goscope-schedule v1 seed=42 sched:1/3 select:0/2`) and parsed back, so a run can be shared
//!   as a link and replayed exactly.
//! - [`Recorder`] — runs a simulation in slices, keeps the event log and checkpoints, and
//!   rebuilds the state at any past step (time travel by checkpoint + replay, as rr does).
//!
//! # Architecture invariants
//!
//! - **Deterministic.** Nothing here reads a clock, spawns a thread, touches OS randomness or
//!   iterates a `HashMap`; the generator is written out by hand so its stream can never change
//!   under a dependency upgrade. Same simulation + same seed (or schedule) gives the same trace,
//!   byte for byte, on native and on wasm32.
//! - **No panics on bad input.** Schedules come from URLs typed by people: parsing returns a
//!   [`ParseScheduleError`]; replaying a schedule that no longer fits the program records a
//!   [`Divergence`] and carries on.
//! - **No dependencies.** The kernel is plain `std`, so it builds for any target in seconds.
//!
//! What is absent: no knowledge of Go, of the DOM or of any particular simulation.
//!
//! # Example
//!
//! ```
//! use sim::{Chooser, Recorder, Schedule, Simulation, Status};
//!
//! /// Flips coins until two heads in a row.
//! #[derive(Clone)]
//! struct Coins { heads_in_a_row: u32 }
//!
//! impl Simulation for Coins {
//!     type Event = &'static str;
//!     fn step(&mut self, chooser: &mut Chooser, events: &mut Vec<&'static str>) -> Status {
//!         if chooser.choose("coin", 2) == 1 {
//!             self.heads_in_a_row += 1;
//!             events.push("heads");
//!         } else {
//!             self.heads_in_a_row = 0;
//!             events.push("tails");
//!         }
//!         if self.heads_in_a_row == 2 { Status::Finished } else { Status::Running }
//!     }
//! }
//!
//! let mut recorder = Recorder::new(Coins { heads_in_a_row: 0 }, Chooser::new(42), 16);
//! assert_eq!(recorder.run(10_000), Status::Finished);
//!
//! // The run as one shareable line, and back.
//! let line = recorder.schedule().to_string();
//! assert!(line.starts_with("goscope-schedule v1 seed=42 coin:"));
//! let schedule: Schedule = line.parse().unwrap();
//! let mut replayed = Recorder::new(Coins { heads_in_a_row: 0 }, Chooser::replay(&schedule), 16);
//! replayed.run(10_000);
//! assert_eq!(replayed.trace(), recorder.trace());
//!
//! // Time travel: the state after the first step, and what the last step did.
//! let _first = recorder.state_at(1);
//! let last = recorder.steps();
//! assert_eq!(recorder.events_between(last - 1, last), ["heads"]);
//! ```

#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod chooser;
mod recorder;
mod rng;
mod schedule;
mod simulation;

pub use chooser::{Chooser, Divergence};
pub use recorder::Recorder;
pub use schedule::{
    Choice, MAX_PARSED_CHOICES, ParseScheduleError, SCHEDULE_MAGIC, SCHEDULE_VERSION, Schedule,
};
pub use simulation::{Simulation, Status};
