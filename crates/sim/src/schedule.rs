//! A `Schedule`: the seed plus every choice a run made, printable and replayable.
//!
//! Modelled on loom's and shuttle's `Schedule`: a run of a simulation is a pure function of its
//! input and of the answers the [`Chooser`](crate::Chooser) gave, so the list of answers *is* the
//! run. Printing it gives a line a learner can paste into a link, a bug report or a test, and
//! [`Chooser::replay`](crate::Chooser::replay) turns the line back into the same run.
//!
//! # Text form (version 1)
//!
//! ```text
//! goscope-schedule v1 seed=42 sched:1/3 select:0/2 sched:0/2*4
//! ```
//!
//! - the magic word `goscope-schedule` and the format version `v1`;
//! - `seed=N`, the decimal seed of the generator used once the recorded choices run out;
//! - one word per choice, `label:picked/of`, meaning option `picked` of `of` (counting from 0)
//!   was taken where the simulation chose a `label`;
//! - `word*k` stands for `k` identical consecutive choices, which keeps long spins and
//!   round-robin runs short in a URL.
//!
//! Words are separated by any ASCII whitespace. Labels are printed as letters, digits, `_`,
//! `-` and `.`; any other byte is written as `%XX`, so every label round-trips.
//!
//! # Invariants
//!
//! - `s.to_string().parse::<Schedule>() == Ok(s)` for every schedule whose choices have
//!   `picked < of` (property-tested below); [`Display`](fmt::Display) is canonical (it always
//!   compresses runs), so printing a parsed line prints its canonical form.
//! - Parsing (in `schedule/parse.rs`) never panics and never allocates without bound: the text
//!   comes from URLs typed by people, so every malformed input is a [`ParseScheduleError`], and
//!   at most [`MAX_PARSED_CHOICES`] choices are accepted however large a `*k` says.
//! - The version word changes whenever the meaning of a line would change (including the
//!   generator stream in `rng.rs`); old versions are then rejected with a clear message rather
//!   than replayed wrongly.

use std::borrow::Cow;
use std::fmt;

mod parse;

pub use parse::{MAX_PARSED_CHOICES, ParseScheduleError};

/// The first word of every printed schedule.
pub const SCHEDULE_MAGIC: &str = "goscope-schedule";

/// The format version this build prints and parses.
pub const SCHEDULE_VERSION: &str = "v1";

/// One recorded decision: option `picked` of `of` was taken at a choice point named `label`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Choice {
    /// What was being chosen (`"sched"`, `"select"`, `"steal"`, ...). Borrowed from the
    /// simulation's `&'static str` when recorded, so recording allocates nothing per choice;
    /// owned when parsed.
    pub label: Cow<'static, str>,
    /// The option taken, counting from 0; below `of` in every well-formed choice.
    pub picked: u32,
    /// How many options there were (at least 2 when recorded by a `Chooser`).
    pub of: u32,
}

impl Choice {
    /// A choice of option `picked` of `of` at the choice point `label`.
    pub fn new(label: impl Into<Cow<'static, str>>, picked: u32, of: u32) -> Choice {
        Choice {
            label: label.into(),
            picked,
            of,
        }
    }
}

/// `label:picked/of`, with the label escaped as in the schedule text form.
impl fmt::Display for Choice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_label(f, &self.label)?;
        write!(f, ":{}/{}", self.picked, self.of)
    }
}

/// A seed and the choices made so far: everything needed to replay a run.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Schedule {
    /// Seeds the generator that answers choices beyond the recorded ones.
    pub seed: u64,
    /// The recorded choices, in the order they were made.
    pub choices: Vec<Choice>,
}

impl Schedule {
    /// A schedule with no recorded choices: replaying it is the same as a fresh run with `seed`.
    pub fn new(seed: u64) -> Schedule {
        Schedule {
            seed,
            choices: Vec::new(),
        }
    }

    /// How many choices are recorded.
    pub fn len(&self) -> usize {
        self.choices.len()
    }

    /// Whether no choice is recorded.
    pub fn is_empty(&self) -> bool {
        self.choices.is_empty()
    }

    /// The first `len` choices (all of them if there are fewer) with the same seed.
    pub fn truncated(&self, len: usize) -> Schedule {
        Schedule {
            seed: self.seed,
            choices: self.choices[..len.min(self.choices.len())].to_vec(),
        }
    }

    /// The next prefix of a depth-first enumeration of all schedules, or `None` when this one
    /// was the last: drop trailing choices that already took their last option and take the
    /// next option of the choice before them.
    ///
    /// Replaying each prefix with [`Chooser::explore`](crate::Chooser::explore) (which takes
    /// option 0 at every choice beyond the prefix) starting from `Schedule::new(seed)` visits
    /// every complete schedule of a deterministic simulation exactly once, as loom's DPOR-free
    /// exhaustive mode does.
    pub fn next_branch(&self) -> Option<Schedule> {
        let last = self
            .choices
            .iter()
            .rposition(|c| c.picked.saturating_add(1) < c.of)?;
        let mut choices = self.choices[..=last].to_vec();
        choices[last].picked += 1;
        Some(Schedule {
            seed: self.seed,
            choices,
        })
    }
}

/// The canonical text form, e.g. `goscope-schedule v1 seed=42 sched:1/3 sched:0/2*3`.
impl fmt::Display for Schedule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{SCHEDULE_MAGIC} {SCHEDULE_VERSION} seed={}", self.seed)?;
        let mut rest = self.choices.as_slice();
        while let Some(first) = rest.first() {
            let run = rest.iter().take_while(|c| *c == first).count();
            write!(f, " {first}")?;
            if run > 1 {
                write!(f, "*{run}")?;
            }
            rest = &rest[run..];
        }
        Ok(())
    }
}

/// Bytes printed as themselves in a label; everything else is `%XX`.
pub(crate) fn is_plain_label_byte(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || matches!(byte, b'_' | b'-' | b'.')
}

fn write_label(f: &mut fmt::Formatter<'_>, label: &str) -> fmt::Result {
    for &byte in label.as_bytes() {
        if is_plain_label_byte(byte) {
            write!(f, "{}", char::from(byte))?;
        } else {
            write!(f, "%{byte:02X}")?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rng::SplitMix64;
    use expect_test::expect;

    #[test]
    fn prints_the_canonical_form() {
        let schedule = Schedule {
            seed: 42,
            choices: vec![
                Choice::new("sched", 1, 3),
                Choice::new("select", 0, 2),
                Choice::new("sched", 0, 2),
                Choice::new("sched", 0, 2),
                Choice::new("sched", 0, 2),
                Choice::new("sched", 1, 2),
                Choice::new("load x", 2, 3),
            ],
        };
        expect![
            "goscope-schedule v1 seed=42 sched:1/3 select:0/2 sched:0/2*3 sched:1/2 load%20x:2/3"
        ]
        .assert_eq(&schedule.to_string());
        assert_eq!(schedule.to_string().parse::<Schedule>(), Ok(schedule));
        expect!["goscope-schedule v1 seed=0"].assert_eq(&Schedule::new(0).to_string());
    }

    #[test]
    fn escaped_labels_round_trip() {
        for label in [
            "load x",
            "a:b/c*d",
            "%",
            "调度",
            "",
            "tab\there",
            "-_.09AZaz",
        ] {
            let schedule = Schedule {
                seed: 3,
                choices: vec![Choice::new(label.to_owned(), 1, 2)],
            };
            let text = schedule.to_string();
            assert_eq!(text.split_ascii_whitespace().count(), 4, "{text}");
            assert_eq!(text.parse::<Schedule>(), Ok(schedule), "{text}");
        }
    }

    /// A random well-formed schedule, labels drawn from a pool that includes awkward ones.
    pub(super) fn random_schedule(rng: &mut SplitMix64) -> Schedule {
        const LABELS: [&str; 7] = ["sched", "select", "steal", "mapiter", "a b", "x:1/2*3", ""];
        let len = rng.below(40) as usize;
        let mut choices: Vec<Choice> = Vec::with_capacity(len);
        for _ in 0..len {
            // Repeat the previous choice often, so runs (`*k`) are exercised.
            if let (Some(previous), 0) = (choices.last(), rng.below(3)) {
                choices.push(previous.clone());
                continue;
            }
            let of = match rng.below(4) {
                0 => u32::MAX - rng.below(3),
                _ => 1 + rng.below(6),
            };
            let label = LABELS[rng.below(LABELS.len() as u32) as usize];
            choices.push(Choice::new(label, rng.below(of), of));
        }
        let seed = match rng.below(3) {
            0 => u64::MAX - u64::from(rng.below(2)),
            _ => rng.next_u64(),
        };
        Schedule { seed, choices }
    }

    #[test]
    fn round_trips_random_schedules() {
        let mut rng = SplitMix64::new(0x5EED);
        for case in 0..2_000 {
            let schedule = random_schedule(&mut rng);
            let text = schedule.to_string();
            let parsed = text.parse::<Schedule>();
            assert_eq!(parsed.as_ref(), Ok(&schedule), "case {case}: {text}");
            assert_eq!(
                parsed.unwrap().to_string(),
                text,
                "case {case}: not canonical"
            );
        }
    }

    #[test]
    fn truncates_and_enumerates_branches() {
        let schedule: Schedule = "goscope-schedule v1 seed=9 a:0/2 b:2/3 c:1/2"
            .parse()
            .unwrap();
        assert_eq!(
            schedule.truncated(1).to_string(),
            "goscope-schedule v1 seed=9 a:0/2"
        );
        assert_eq!(schedule.truncated(99), schedule);
        let next = schedule.next_branch().unwrap();
        assert_eq!(next.to_string(), "goscope-schedule v1 seed=9 a:1/2");
        assert_eq!(next.next_branch(), None);
        assert_eq!(Schedule::new(1).next_branch(), None);
        // A hand-built, ill-formed choice must not overflow.
        let odd = Schedule {
            seed: 0,
            choices: vec![Choice::new("x", u32::MAX, 2)],
        };
        assert_eq!(odd.next_branch(), None);
    }
}
