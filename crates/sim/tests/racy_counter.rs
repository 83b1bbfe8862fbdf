//! The kernel end to end on the smallest interesting concurrent program: two "threads" each
//! increment a shared counter with a racy read-modify-write,
//!
//! ```text
//! thread T0: r0 = counter; counter = r0 + 1      thread T1: r1 = counter; counter = r1 + 1
//! ```
//!
//! so the final counter is 2 when the increments do not overlap and 1 when they do (the lost
//! update). Which one happens is decided only by the chooser's `sched` choices.

use std::collections::BTreeSet;
use std::fmt;

use expect_test::expect;
use sim::{Chooser, Recorder, Schedule, Simulation, Status};

/// Where a thread is in its two-instruction program.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Pc {
    Load,
    Store,
    Done,
}

#[derive(Clone, Debug, PartialEq, Eq)]
struct RacyCounter {
    counter: u32,
    /// Per thread: program counter and register.
    threads: Vec<(Pc, u32)>,
}

impl RacyCounter {
    fn new(threads: usize) -> RacyCounter {
        RacyCounter {
            counter: 0,
            threads: vec![(Pc::Load, 0); threads],
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum Event {
    Load { thread: usize, value: u32 },
    Store { thread: usize, value: u32 },
    Exit { counter: u32 },
}

impl fmt::Display for Event {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Event::Load { thread, value } => write!(f, "T{thread} load counter -> r = {value}"),
            Event::Store { thread, value } => write!(f, "T{thread} store counter <- {value}"),
            Event::Exit { counter } => write!(f, "exit counter = {counter}"),
        }
    }
}

impl Simulation for RacyCounter {
    type Event = Event;

    fn step(&mut self, chooser: &mut Chooser, events: &mut Vec<Event>) -> Status {
        let runnable: Vec<usize> = (0..self.threads.len())
            .filter(|&t| self.threads[t].0 != Pc::Done)
            .collect();
        if runnable.is_empty() {
            events.push(Event::Exit {
                counter: self.counter,
            });
            return Status::Finished;
        }
        let thread = runnable[chooser.choose("sched", runnable.len())];
        let (pc, register) = &mut self.threads[thread];
        match *pc {
            Pc::Load => {
                *register = self.counter;
                *pc = Pc::Store;
                events.push(Event::Load {
                    thread,
                    value: *register,
                });
            }
            Pc::Store => {
                self.counter = *register + 1;
                *pc = Pc::Done;
                events.push(Event::Store {
                    thread,
                    value: self.counter,
                });
            }
            Pc::Done => {}
        }
        Status::Running
    }
}

fn record(chooser: Chooser) -> Recorder<RacyCounter> {
    let mut recorder = Recorder::new(RacyCounter::new(2), chooser, 2);
    recorder.run(1_000);
    recorder
}

#[test]
fn trace_snapshot() {
    let recorder = record(Chooser::new(42));
    assert_eq!(recorder.status(), Status::Finished);
    expect![[r#"
        1      T1 load counter -> r = 0
        2      T0 load counter -> r = 0
        3      T0 store counter <- 1
        4      T1 store counter <- 1
        5      exit counter = 1
    "#]]
    .assert_eq(&recorder.trace());
    expect!["goscope-schedule v1 seed=42 sched:1/2 sched:0/2*2"]
        .assert_eq(&recorder.schedule().to_string());
}

#[test]
fn replay_from_a_printed_schedule_is_byte_identical() {
    for seed in 0..50 {
        let original = record(Chooser::new(seed));
        let line = original.schedule().to_string();
        let parsed: Schedule = line.parse().expect("a printed schedule parses");
        let replayed = record(Chooser::replay(&parsed));
        assert_eq!(replayed.trace(), original.trace(), "seed {seed}: {line}");
        assert_eq!(replayed.schedule().to_string(), line);
        assert_eq!(replayed.chooser().divergence(), None);
    }
}

#[test]
fn seek_rebuilds_every_state() {
    let recorder = record(Chooser::new(7));
    let mut fresh = RacyCounter::new(2);
    let mut chooser = Chooser::new(7);
    for step in 0..=recorder.steps() {
        assert_eq!(recorder.state_at(step), fresh, "step {step}");
        fresh.step(&mut chooser, &mut Vec::new());
    }
    // Seeking backwards after the end, and out of order, changes nothing.
    assert_eq!(recorder.state_at(3), recorder.state_at(3));
    assert_eq!(recorder.state_at(0), RacyCounter::new(2));
    assert_eq!(recorder.state_at(999), *recorder.current());
}

#[test]
fn litmus_seeds_find_exactly_both_outcomes() {
    let outcomes: BTreeSet<u32> = (0..200)
        .map(|seed| record(Chooser::new(seed)).current().counter)
        .collect();
    assert_eq!(outcomes, BTreeSet::from([1, 2]));
}

#[test]
fn litmus_exhaustive_exploration_visits_each_interleaving_once() {
    // Two threads of two instructions interleave in C(4, 2) = 6 ways.
    let mut runs = Vec::new();
    let mut prefix = Some(Schedule::new(0));
    while let Some(next) = prefix {
        let recorder = record(Chooser::explore(&next));
        runs.push((recorder.current().counter, recorder.schedule().to_string()));
        prefix = recorder.schedule().next_branch();
    }
    let outcomes: BTreeSet<u32> = runs.iter().map(|(counter, _)| *counter).collect();
    assert_eq!(outcomes, BTreeSet::from([1, 2]));
    let listing: String = runs
        .iter()
        .map(|(counter, schedule)| format!("{counter}  {schedule}\n"))
        .collect();
    expect![[r#"
        2  goscope-schedule v1 seed=0 sched:0/2*2
        1  goscope-schedule v1 seed=0 sched:0/2 sched:1/2 sched:0/2
        1  goscope-schedule v1 seed=0 sched:0/2 sched:1/2*2
        1  goscope-schedule v1 seed=0 sched:1/2 sched:0/2*2
        1  goscope-schedule v1 seed=0 sched:1/2 sched:0/2 sched:1/2
        2  goscope-schedule v1 seed=0 sched:1/2*2
    "#]]
    .assert_eq(&listing);
    // Every listed schedule replays to its outcome.
    for (counter, schedule) in &runs {
        let replayed = record(Chooser::replay(&schedule.parse().unwrap()));
        assert_eq!(replayed.current().counter, *counter, "{schedule}");
    }
}

#[test]
fn three_threads_can_lose_one_or_two_updates() {
    let outcomes: BTreeSet<u32> = (0..500)
        .map(|seed| {
            let mut recorder = Recorder::new(RacyCounter::new(3), Chooser::new(seed), 3);
            recorder.run(1_000);
            recorder.current().counter
        })
        .collect();
    assert_eq!(outcomes, BTreeSet::from([1, 2, 3]));
}
