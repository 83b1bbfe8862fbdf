//! Property tests of the Recorder and of replay over randomly generated simulations.
//!
//! Each case builds a random little concurrent program (threads of random instructions over
//! shared registers, some of which ask the chooser for a coin flip among several options), runs
//! it under a random seed with a random checkpoint spacing in random slices, then checks:
//! - `state_at(k)` equals a fresh copy stepped `k` times, for every `k` in `0..=steps()`;
//! - the event log partitions by step (`events_between`) and matches the fresh run's events;
//! - replaying the printed schedule, or any prefix of it, reproduces the trace byte for byte.
//!
//! Cases are drawn from a `Chooser` used as a plain generator, so the tests are themselves
//! deterministic and need no property-testing dependency.

use std::fmt;

use sim::{Chooser, Recorder, Schedule, Simulation, Status};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Op {
    /// `local = shared[r]`
    Load(usize),
    /// `shared[r] = local`
    Store(usize),
    /// `local += k`
    Add(u64),
    /// `local = local * 3 + chooser.choose("coin", n)`
    Coin(usize),
    /// Emit `n` events without changing state.
    Say(usize),
}

#[derive(Clone, Debug, PartialEq, Eq)]
struct Thread {
    ops: Vec<Op>,
    pc: usize,
    local: u64,
}

#[derive(Clone, Debug, PartialEq, Eq)]
struct RandomSim {
    shared: Vec<u64>,
    threads: Vec<Thread>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
struct Event(String);

impl fmt::Display for Event {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl Simulation for RandomSim {
    type Event = Event;

    fn step(&mut self, chooser: &mut Chooser, events: &mut Vec<Event>) -> Status {
        let runnable: Vec<usize> = (0..self.threads.len())
            .filter(|&t| self.threads[t].pc < self.threads[t].ops.len())
            .collect();
        if runnable.is_empty() {
            events.push(Event(format!("exit shared={:?}", self.shared)));
            return Status::Finished;
        }
        let t = runnable[chooser.choose("sched", runnable.len())];
        let thread = &mut self.threads[t];
        let op = thread.ops[thread.pc];
        thread.pc += 1;
        match op {
            Op::Load(r) => thread.local = self.shared[r],
            Op::Store(r) => self.shared[r] = thread.local,
            Op::Add(k) => thread.local = thread.local.wrapping_add(k),
            Op::Coin(n) => {
                let coin = chooser.choose("coin", n) as u64;
                thread.local = thread.local.wrapping_mul(3).wrapping_add(coin);
            }
            Op::Say(n) => {
                for i in 0..n {
                    events.push(Event(format!("T{t} says {i}")));
                }
                return Status::Running;
            }
        }
        if t.is_multiple_of(2) {
            events.push(Event(format!("T{t} {op:?} local={}", thread.local)));
        }
        Status::Running
    }
}

/// Draws a random program with `draw` as the source of randomness.
fn random_sim(draw: &mut Chooser) -> RandomSim {
    let registers = 1 + draw.choose("gen", 3);
    let threads = (0..1 + draw.choose("gen", 4))
        .map(|_| Thread {
            ops: (0..draw.choose("gen", 12))
                .map(|_| match draw.choose("gen", 5) {
                    0 => Op::Load(draw.choose("gen", registers)),
                    1 => Op::Store(draw.choose("gen", registers)),
                    2 => Op::Add(1 + draw.choose("gen", 9) as u64),
                    3 => Op::Coin(1 + draw.choose("gen", 4)),
                    _ => Op::Say(draw.choose("gen", 3)),
                })
                .collect(),
            pc: 0,
            local: 0,
        })
        .collect();
    RandomSim {
        shared: vec![0; registers],
        threads,
    }
}

/// Runs `sim` to completion with `chooser` in random slices.
fn record(sim: RandomSim, chooser: Chooser, every: u64, draw: &mut Chooser) -> Recorder<RandomSim> {
    let mut recorder = Recorder::new(sim, chooser, every);
    while recorder.run(1 + draw.choose("gen", 7) as u64) == Status::Running {}
    recorder
}

#[test]
fn state_at_matches_a_fresh_run_at_every_step() {
    let mut draw = Chooser::new(0xC0FFEE);
    for case in 0..300 {
        let initial = random_sim(&mut draw);
        let seed = draw.choose("gen", 1 << 20) as u64;
        let every = [0, 1, 2, 3, 5, 8, 64][draw.choose("gen", 7)];
        let mut recorder = record(initial.clone(), Chooser::new(seed), every, &mut draw);
        assert_eq!(recorder.status(), Status::Finished);
        // Half the cases re-record under a memory budget of a few states, so the checkpoints
        // are thinned (K doubled) several times along the run: seeks must not notice.
        let budgeted = case % 2 == 1 && every > 0;
        if budgeted {
            let budget = std::mem::size_of::<RandomSim>() * (2 + draw.choose("gen", 4));
            let mut thin = Recorder::new(initial.clone(), Chooser::new(seed), every)
                .with_memory_budget(budget);
            while thin.run(1 + draw.choose("gen", 7) as u64) == Status::Running {}
            assert!(thin.checkpoint_bytes() <= budget.max(std::mem::size_of::<RandomSim>()));
            assert_eq!(thin.steps(), recorder.steps());
            recorder = thin;
        }

        let mut fresh = initial;
        let mut chooser = Chooser::new(seed);
        let mut fresh_events = Vec::new();
        for step in 0..=recorder.steps() {
            assert_eq!(
                recorder.state_at(step),
                fresh,
                "case {case}, step {step}, every {every}"
            );
            let before = fresh_events.len();
            if step < recorder.steps() {
                fresh.step(&mut chooser, &mut fresh_events);
                assert_eq!(
                    recorder.events_between(step, step + 1),
                    &fresh_events[before..],
                    "case {case}, events of step {}",
                    step + 1
                );
            }
        }
        assert_eq!(recorder.events(), fresh_events.as_slice(), "case {case}");
        assert_eq!(recorder.schedule(), chooser.schedule(), "case {case}");
        let steps: Vec<u64> = (0..recorder.events().len())
            .map(|i| recorder.event_step(i))
            .collect();
        assert!(
            steps.windows(2).all(|w| w[0] <= w[1]),
            "case {case}: {steps:?}"
        );
    }
}

#[test]
fn replaying_a_schedule_or_any_prefix_reproduces_the_trace() {
    let mut draw = Chooser::new(0xBEEF);
    for case in 0..200 {
        let initial = random_sim(&mut draw);
        let seed = draw.choose("gen", 1 << 20) as u64;
        let original = record(initial.clone(), Chooser::new(seed), 4, &mut draw);
        let trace = original.trace();
        let schedule = original.schedule();

        let parsed: Schedule = schedule
            .to_string()
            .parse()
            .expect("printed schedules parse");
        let replayed = record(initial.clone(), Chooser::replay(&parsed), 3, &mut draw);
        assert_eq!(replayed.trace(), trace, "case {case}: {schedule}");
        assert_eq!(replayed.chooser().divergence(), None, "case {case}");

        let keep = draw.choose("gen", schedule.len() + 1);
        let prefix = schedule.truncated(keep);
        let continued = record(initial, Chooser::replay(&prefix), 5, &mut draw);
        assert_eq!(continued.trace(), trace, "case {case}: prefix {prefix}");
        assert_eq!(continued.schedule(), schedule, "case {case}");
    }
}

#[test]
fn exploration_finds_every_outcome_that_random_seeds_find() {
    let mut draw = Chooser::new(0xD1CE);
    let mut explored_cases = 0;
    for case in 0..60 {
        let initial = random_sim(&mut draw);
        let mut explored = std::collections::BTreeSet::new();
        let mut prefix = Some(Schedule::new(0));
        let mut runs = 0;
        while let Some(next) = prefix {
            runs += 1;
            if runs > 2_000 {
                break;
            }
            let recorder = record(initial.clone(), Chooser::explore(&next), 0, &mut draw);
            explored.insert(recorder.current().shared.clone());
            prefix = recorder.schedule().next_branch();
        }
        if runs > 2_000 {
            continue; // too many interleavings to enumerate in a test
        }
        explored_cases += 1;
        for seed in 0..30 {
            let recorder = record(initial.clone(), Chooser::new(seed), 0, &mut draw);
            assert!(
                explored.contains(&recorder.current().shared),
                "case {case}, seed {seed}: {:?} not among {explored:?}",
                recorder.current().shared
            );
        }
    }
    assert!(
        explored_cases > 20,
        "only {explored_cases} cases were small enough"
    );
}
