//! The `Chooser`: the one oracle for every nondeterministic decision of a simulation.
//!
//! Which goroutine runs next, which ready `select` case wins, which P is robbed, which visible
//! store a racy load reads, the order a map is iterated in, whether a fault is injected: a
//! simulation never decides these itself. It asks [`Chooser::choose`] with a label and a number
//! of options, and the chooser answers and records the answer. This is shuttle's and loom's
//! design, where the scheduler is "an oracle for every choice"; it is what makes a run a pure
//! function of (input, seed) and lets a [`Schedule`] stand for a whole run.
//!
//! A chooser answers in one of three ways:
//! - [`Chooser::new`]: from a seeded SplitMix64 generator (see `rng.rs`);
//! - [`Chooser::replay`]: from a recorded schedule, in order; once the recorded choices run out,
//!   from the generator seeded with `schedule.seed`;
//! - [`Chooser::explore`]: from a recorded prefix, then option 0 every time; with
//!   [`Schedule::next_branch`] this enumerates every schedule depth-first.
//!
//! # Invariants
//!
//! - *A replayed Chooser makes the same choices as the one that recorded the schedule*, as long
//!   as the simulation asks the same questions (same label, same option count) in the same order.
//! - The generator advances on every recorded choice, replayed or not. So replaying any prefix
//!   of a seeded run's schedule continues exactly as the seeded run did: a truncated link still
//!   reproduces the original run, not some other random one.
//! - A choice among fewer than two options is answered 0 without recording anything or
//!   advancing the generator: schedules stay short and only hold real decisions.
//! - `choose` never panics. If a replayed choice does not match the question (the program or the
//!   simulation changed since the schedule was recorded), the first mismatch is kept as a
//!   [`Divergence`] and the recorded option is used modulo the new option count. What is
//!   recorded is what was actually picked, so the new schedule replays the new run faithfully.

use std::borrow::Cow;
use std::fmt;
use std::sync::Arc;

use crate::rng::SplitMix64;
use crate::schedule::{Choice, Schedule};

/// Answers and records every nondeterministic choice of a simulation. See the module docs.
#[derive(Clone, Debug)]
pub struct Chooser {
    seed: u64,
    rng: SplitMix64,
    /// Choices to serve before falling back; shared, so cloning a replaying chooser into every
    /// checkpoint does not copy the script.
    script: Arc<[Choice]>,
    after_script: Fallback,
    /// Choices answered so far; also the cursor into `script`.
    made: usize,
    /// Every choice answered so far, unless `recording` is off (checkpoint copies).
    log: Vec<Choice>,
    recording: bool,
    divergence: Option<Divergence>,
}

/// How a chooser answers once its script is exhausted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Fallback {
    /// Draw from the generator.
    Random,
    /// Take option 0 (depth-first exploration).
    Lowest,
}

impl Chooser {
    /// A chooser answering every choice from a generator seeded with `seed`.
    pub fn new(seed: u64) -> Chooser {
        Chooser::with_script(seed, Arc::from([]), Fallback::Random)
    }

    /// Like [`new`](Chooser::new) — the same answers — but keeping no log of them, so its
    /// [`schedule`](Chooser::schedule) is only the seed. For a simulation that owns its chooser
    /// and is recorded by a [`Recorder`](crate::Recorder): every checkpoint clones the
    /// simulation, and a growing log would make checkpoints cost O(steps²) memory.
    pub fn unlogged(seed: u64) -> Chooser {
        let mut chooser = Chooser::new(seed);
        chooser.recording = false;
        chooser
    }

    /// From now on keeps no log, like [`unlogged`](Chooser::unlogged), and drops the log so far;
    /// the answers do not change. For a run whose schedule nobody will ask for: a long
    /// concurrent run makes millions of choices, and logging them is memory and time.
    pub fn stop_logging(&mut self) {
        self.recording = false;
        self.log = Vec::new();
    }

    /// A chooser serving `schedule.choices` in order; when they run out it continues with the
    /// generator seeded from `schedule.seed`, advanced past the replayed choices, so replaying a
    /// prefix of a seeded run continues that very run.
    pub fn replay(schedule: &Schedule) -> Chooser {
        Chooser::with_script(
            schedule.seed,
            Arc::from(schedule.choices.as_slice()),
            Fallback::Random,
        )
    }

    /// A chooser serving `prefix.choices` in order and then always option 0.
    ///
    /// Start from `Schedule::new(seed)`, run the simulation to completion, take the recorded
    /// [`schedule`](Chooser::schedule), and go on with its
    /// [`next_branch`](Schedule::next_branch) until there is none: every distinct run of a
    /// deterministic simulation is visited exactly once.
    pub fn explore(prefix: &Schedule) -> Chooser {
        Chooser::with_script(
            prefix.seed,
            Arc::from(prefix.choices.as_slice()),
            Fallback::Lowest,
        )
    }

    fn with_script(seed: u64, script: Arc<[Choice]>, after_script: Fallback) -> Chooser {
        Chooser {
            seed,
            rng: SplitMix64::new(seed),
            script,
            after_script,
            made: 0,
            log: Vec::new(),
            recording: true,
            divergence: None,
        }
    }

    /// Picks one of `n` options and returns its index in `0..n`.
    ///
    /// `label` names what is being chosen (`"sched"`, `"select"`, `"steal"`, `"mapiter"`, ...);
    /// it is recorded, printed in schedules and checked on replay. `n <= 1` returns 0 and records
    /// nothing. `n` above `u32::MAX` is treated as `u32::MAX` options so schedules mean the same
    /// on 32- and 64-bit targets.
    pub fn choose(&mut self, label: &'static str, n: usize) -> usize {
        let of = u32::try_from(n).unwrap_or(u32::MAX);
        if of <= 1 {
            return 0;
        }
        // Drawn even when replaying: see the module invariants.
        let drawn = self.rng.below(of);
        let picked = match self.script.get(self.made) {
            Some(recorded) => {
                let matches = recorded.label == label && recorded.of == of && recorded.picked < of;
                let picked = recorded.picked % of;
                if !matches && self.divergence.is_none() {
                    self.divergence = Some(Divergence {
                        index: self.made,
                        recorded: recorded.clone(),
                        label,
                        of,
                        picked,
                    });
                }
                picked
            }
            None => match self.after_script {
                Fallback::Random => drawn,
                Fallback::Lowest => 0,
            },
        };
        self.made += 1;
        if self.recording {
            self.log.push(Choice {
                label: Cow::Borrowed(label),
                picked,
                of,
            });
        }
        // `picked < of <= n`, so this widening never truncates.
        picked as usize
    }

    /// The seed plus every choice made so far; replaying it reproduces this run.
    pub fn schedule(&self) -> Schedule {
        Schedule {
            seed: self.seed,
            choices: self.log.clone(),
        }
    }

    /// How many choices (among two or more options) have been made.
    pub fn choices_made(&self) -> usize {
        self.made
    }

    /// The first replayed choice whose label or option count did not match the question, if any.
    pub fn divergence(&self) -> Option<&Divergence> {
        self.divergence.as_ref()
    }

    /// The seed of the generator.
    pub fn seed(&self) -> u64 {
        self.seed
    }

    /// Whether recorded choices remain to be served.
    pub fn is_replaying(&self) -> bool {
        self.made < self.script.len()
    }

    /// A copy that answers exactly as `self` would from here on but keeps no log: what a
    /// checkpoint stores, so that checkpoints cost O(1) each rather than O(choices so far).
    pub(crate) fn unrecorded_copy(&self) -> Chooser {
        Chooser {
            seed: self.seed,
            rng: self.rng,
            script: Arc::clone(&self.script),
            after_script: self.after_script,
            made: self.made,
            log: Vec::new(),
            recording: false,
            divergence: self.divergence.clone(),
        }
    }
}

/// A replayed choice that did not match what the simulation asked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Divergence {
    /// Index of the choice (0-based, counting only recorded choices).
    pub index: usize,
    /// What the schedule had recorded there.
    pub recorded: Choice,
    /// The label the simulation asked with.
    pub label: &'static str,
    /// The option count the simulation asked with.
    pub of: u32,
    /// The option taken instead: `recorded.picked % of`.
    pub picked: u32,
}

impl fmt::Display for Divergence {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "schedule diverged at choice {}: it recorded `{}` but the run asked for `{}` \
             with {} options, so option {} was taken",
            self.index, self.recorded, self.label, self.of, self.picked
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use expect_test::expect;

    /// Asks a fixed sequence of questions and returns the answers.
    fn answers(chooser: &mut Chooser, questions: &[(&'static str, usize)]) -> Vec<usize> {
        questions
            .iter()
            .map(|&(label, n)| chooser.choose(label, n))
            .collect()
    }

    const QUESTIONS: [(&str, usize); 8] = [
        ("sched", 3),
        ("select", 2),
        ("sched", 1),
        ("steal", 4),
        ("mapiter", 8),
        ("sched", 3),
        ("sched", 0),
        ("select", 5),
    ];

    #[test]
    fn seeded_choices_are_pinned() {
        // The first choices for seed 42: changing them breaks every shared link.
        let mut chooser = Chooser::new(42);
        let picks: Vec<usize> = (0..32)
            .map(|i| chooser.choose("sched", 2 + i % 5))
            .collect();
        expect!["[1, 0, 1, 1, 0, 1, 0, 3, 1, 3, 0, 1, 2, 2, 3, 0, 0, 1, 0, 4, 1, 0, 2, 3, 0, 0, 2, 3, 4, 4, 1, 2]"].assert_eq(&format!("{picks:?}"));
        expect!["goscope-schedule v1 seed=42 sched:1/2 sched:0/3 sched:1/4 sched:1/5 sched:0/6 sched:1/2 sched:0/3 sched:3/4 sched:1/5 sched:3/6 sched:0/2 sched:1/3 sched:2/4 sched:2/5 sched:3/6 sched:0/2 sched:0/3 sched:1/4 sched:0/5 sched:4/6 sched:1/2 sched:0/3 sched:2/4 sched:3/5 sched:0/6 sched:0/2 sched:2/3 sched:3/4 sched:4/5 sched:4/6 sched:1/2 sched:2/3"].assert_eq(&chooser.schedule().to_string());
    }

    #[test]
    fn single_options_record_nothing() {
        let mut chooser = Chooser::new(5);
        assert_eq!(chooser.choose("sched", 1), 0);
        assert_eq!(chooser.choose("sched", 0), 0);
        assert_eq!(chooser.choices_made(), 0);
        assert!(chooser.schedule().is_empty());
        // ... and do not advance the generator.
        let mut fresh = Chooser::new(5);
        assert_eq!(chooser.choose("x", 1000), fresh.choose("x", 1000));
    }

    #[test]
    fn answers_stay_in_range() {
        let mut chooser = Chooser::new(11);
        for n in 1..100 {
            assert!(chooser.choose("n", n) < n);
        }
        assert!(chooser.choose("huge", usize::MAX) < u32::MAX as usize);
    }

    #[test]
    fn same_seed_same_choices_different_seed_different_choices() {
        let run = |seed| answers(&mut Chooser::new(seed), &QUESTIONS);
        assert_eq!(run(1), run(1));
        let distinct: std::collections::BTreeSet<Vec<usize>> = (0..20).map(run).collect();
        assert!(
            distinct.len() > 10,
            "seeds barely change the answers: {distinct:?}"
        );
    }

    #[test]
    fn replay_makes_the_recorded_choices() {
        let mut original = Chooser::new(77);
        let first = answers(&mut original, &QUESTIONS);
        let schedule = original.schedule();
        assert_eq!(schedule.len(), original.choices_made());
        assert_eq!(schedule.len(), 6, "{schedule}");

        let parsed = schedule.to_string().parse().unwrap();
        let mut replayed = Chooser::replay(&parsed);
        assert!(replayed.is_replaying());
        assert_eq!(answers(&mut replayed, &QUESTIONS), first);
        assert!(!replayed.is_replaying());
        assert_eq!(replayed.divergence(), None);
        assert_eq!(replayed.schedule(), schedule);
    }

    #[test]
    fn replaying_a_prefix_continues_the_seeded_run() {
        let questions: Vec<(&'static str, usize)> = (0..50).map(|i| ("sched", 2 + i % 7)).collect();
        let mut original = Chooser::new(2024);
        let expected = answers(&mut original, &questions);
        for keep in [0, 1, 10, 30, 49] {
            let prefix = original.schedule().truncated(keep);
            let mut replayed = Chooser::replay(&prefix);
            assert_eq!(
                answers(&mut replayed, &questions),
                expected,
                "prefix of {keep}"
            );
        }
    }

    #[test]
    fn a_changed_program_diverges_without_panicking() {
        let schedule: Schedule = "goscope-schedule v1 seed=3 sched:2/3 select:1/2 sched:0/2"
            .parse()
            .unwrap();
        let mut chooser = Chooser::replay(&schedule);
        assert_eq!(chooser.choose("sched", 3), 2);
        assert_eq!(chooser.divergence(), None);
        // The program changed: where `select:1/2` was recorded, a `sched` among 2 is asked.
        assert_eq!(chooser.choose("sched", 2), 1);
        let divergence = chooser.divergence().cloned().unwrap();
        expect!["schedule diverged at choice 1: it recorded `select:1/2` but the run asked for `sched` with 2 options, so option 1 was taken"].assert_eq(&divergence.to_string());
        // Later mismatches keep the first divergence and still answer in range.
        assert_eq!(chooser.choose("steal", 5), 0);
        assert_eq!(chooser.divergence(), Some(&divergence));
        // What was recorded is what was picked, so the new schedule replays without divergence.
        let mut again = Chooser::replay(&chooser.schedule());
        assert_eq!(again.choose("sched", 3), 2);
        assert_eq!(again.choose("sched", 2), 1);
        assert_eq!(again.choose("steal", 5), 0);
        assert_eq!(again.divergence(), None);
    }

    #[test]
    fn ill_formed_recorded_choices_are_answered_in_range() {
        let schedule = Schedule {
            seed: 0,
            choices: vec![Choice::new("sched", 7, 3)],
        };
        let mut chooser = Chooser::replay(&schedule);
        assert_eq!(chooser.choose("sched", 3), 1);
        assert_eq!(chooser.divergence().map(|d| d.index), Some(0));
    }

    #[test]
    fn explore_takes_option_zero_after_the_prefix() {
        let prefix: Schedule = "goscope-schedule v1 seed=0 a:1/2".parse().unwrap();
        let mut chooser = Chooser::explore(&prefix);
        assert_eq!(
            answers(&mut chooser, &[("a", 2), ("b", 3), ("c", 4)]),
            [1, 0, 0]
        );
        expect!["goscope-schedule v1 seed=0 a:1/2 b:0/3 c:0/4"]
            .assert_eq(&chooser.schedule().to_string());
    }

    #[test]
    fn explore_enumerates_every_answer_sequence_once() {
        // A "simulation" that asks 2 questions, then a third only if the first answer was 1:
        // runs are (a,b) in 2*3 plus (1,b,c) in 3*2 extra leaves = 3 + 3*2 = 9 leaves.
        let mut prefix = Some(Schedule::new(0));
        let mut leaves = Vec::new();
        while let Some(next) = prefix {
            let mut chooser = Chooser::explore(&next);
            let a = chooser.choose("a", 2);
            let b = chooser.choose("b", 3);
            let c = if a == 1 { chooser.choose("c", 2) } else { 9 };
            leaves.push((a, b, c));
            prefix = chooser.schedule().next_branch();
        }
        expect!["[(0, 0, 9), (0, 1, 9), (0, 2, 9), (1, 0, 0), (1, 0, 1), (1, 1, 0), (1, 1, 1), (1, 2, 0), (1, 2, 1)]"].assert_eq(&format!("{leaves:?}"));
        let distinct: std::collections::BTreeSet<_> = leaves.iter().collect();
        assert_eq!(distinct.len(), leaves.len());
    }

    #[test]
    fn unrecorded_copies_answer_like_the_original() {
        let mut original = Chooser::replay(&"goscope-schedule v1 seed=8 a:1/2".parse().unwrap());
        original.choose("a", 2);
        let mut copy = original.unrecorded_copy();
        let from_original = answers(&mut original, &QUESTIONS);
        assert_eq!(answers(&mut copy, &QUESTIONS), from_original);
        assert_eq!(copy.choices_made(), original.choices_made());
        assert!(copy.schedule().is_empty(), "a checkpoint copy keeps no log");
    }

    #[test]
    fn a_chooser_that_stops_logging_answers_alike() {
        for mut c in [Chooser::new(5), Chooser::explore(&Schedule::new(5))] {
            let mut same = c.clone();
            c.choose("x", 3);
            same.choose("x", 3);
            c.stop_logging();
            for n in [2, 5, 9, 100] {
                assert_eq!(c.choose("y", n), same.choose("y", n));
            }
            assert!(c.schedule().choices.is_empty());
            assert_eq!(c.choices_made(), same.choices_made());
        }
    }

    #[test]
    fn an_unlogged_chooser_answers_alike_and_keeps_no_log() {
        let mut logged = Chooser::new(9);
        let mut unlogged = Chooser::unlogged(9);
        for n in 2..40 {
            assert_eq!(logged.choose("x", n), unlogged.choose("x", n));
        }
        assert_eq!(unlogged.choices_made(), logged.choices_made());
        assert!(unlogged.schedule().choices.is_empty());
        assert_eq!(unlogged.schedule().seed, 9);
    }
}
