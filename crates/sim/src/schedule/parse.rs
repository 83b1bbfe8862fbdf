//! Reading a schedule back from its text form: what a learner pastes or a link carries.
//!
//! The grammar is in the parent module's documentation. This half is the defensive one: the
//! text comes from URLs typed by people, so
//! - parsing never panics: every malformed input is a [`ParseScheduleError`] naming the
//!   offending word (clipped to 40 characters) and what is wrong with it;
//! - parsing never allocates without bound: at most [`MAX_PARSED_CHOICES`] choices are
//!   accepted, however large a `*k` repeat says;
//! - there is one spelling per schedule (digits only, no `+`; labels only as printed), so a
//!   parsed line prints back canonically.

use std::fmt;
use std::str::FromStr;

use super::{Choice, SCHEDULE_MAGIC, SCHEDULE_VERSION, Schedule, is_plain_label_byte};

/// The most choices [`Schedule::from_str`] accepts, so a hostile `*4000000000` cannot exhaust
/// memory in the browser tab.
pub const MAX_PARSED_CHOICES: usize = 1 << 20;

/// Why a line is not a schedule. Every message names the offending word, clipped to a few
/// dozen characters so a pasted novel does not become an error message.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ParseScheduleError {
    /// The text is empty or only whitespace.
    Empty,
    /// The first word is not `goscope-schedule`.
    NotASchedule {
        /// The first word, clipped.
        found: String,
    },
    /// The text stops after `goscope-schedule`.
    MissingVersion,
    /// The version word is not one this build reads.
    UnsupportedVersion {
        /// The version word, clipped.
        found: String,
    },
    /// The text stops before `seed=N`.
    MissingSeed,
    /// The third word is not `seed=` followed by a decimal `u64`.
    BadSeed {
        /// The seed word, clipped.
        found: String,
    },
    /// A choice word is malformed.
    BadChoice {
        /// Which choice word (1-based, counting words after the seed; a `*k` word counts once).
        position: usize,
        /// The word, clipped.
        found: String,
        /// What is wrong with it.
        reason: &'static str,
    },
    /// The schedule would hold more than [`MAX_PARSED_CHOICES`] choices.
    TooLong {
        /// The limit that was exceeded.
        limit: usize,
    },
}

impl fmt::Display for ParseScheduleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ParseScheduleError::Empty => write!(
                f,
                "empty schedule: expected `{SCHEDULE_MAGIC} {SCHEDULE_VERSION} seed=N ...`"
            ),
            ParseScheduleError::NotASchedule { found } => write!(
                f,
                "not a schedule: expected it to start with `{SCHEDULE_MAGIC}`, found `{found}`"
            ),
            ParseScheduleError::MissingVersion => write!(
                f,
                "schedule is missing its version: expected `{SCHEDULE_MAGIC} {SCHEDULE_VERSION}`"
            ),
            ParseScheduleError::UnsupportedVersion { found } => write!(
                f,
                "unsupported schedule version `{found}`: this build reads `{SCHEDULE_VERSION}`"
            ),
            ParseScheduleError::MissingSeed => {
                write!(
                    f,
                    "schedule is missing its seed: expected `seed=N` after the version"
                )
            }
            ParseScheduleError::BadSeed { found } => write!(
                f,
                "bad seed `{found}`: expected `seed=` followed by a number from 0 to {}",
                u64::MAX
            ),
            ParseScheduleError::BadChoice {
                position,
                found,
                reason,
            } => write!(f, "bad choice {position} `{found}`: {reason}"),
            ParseScheduleError::TooLong { limit } => {
                write!(
                    f,
                    "schedule is too long: at most {limit} choices are accepted"
                )
            }
        }
    }
}

impl std::error::Error for ParseScheduleError {}

/// Parses the text form; see the module documentation. Never panics.
impl FromStr for Schedule {
    type Err = ParseScheduleError;

    fn from_str(text: &str) -> Result<Schedule, ParseScheduleError> {
        let mut words = text.split_ascii_whitespace();
        let magic = words.next().ok_or(ParseScheduleError::Empty)?;
        if magic != SCHEDULE_MAGIC {
            return Err(ParseScheduleError::NotASchedule { found: clip(magic) });
        }
        let version = words.next().ok_or(ParseScheduleError::MissingVersion)?;
        if version != SCHEDULE_VERSION {
            return Err(ParseScheduleError::UnsupportedVersion {
                found: clip(version),
            });
        }
        let seed_word = words.next().ok_or(ParseScheduleError::MissingSeed)?;
        let seed = seed_word
            .strip_prefix("seed=")
            .and_then(parse_decimal::<u64>)
            .ok_or_else(|| ParseScheduleError::BadSeed {
                found: clip(seed_word),
            })?;

        let mut choices = Vec::new();
        for (index, word) in words.enumerate() {
            let (choice, repeat) =
                parse_choice_word(word).map_err(|reason| ParseScheduleError::BadChoice {
                    position: index + 1,
                    found: clip(word),
                    reason,
                })?;
            let total = usize::try_from(repeat)
                .ok()
                .and_then(|repeat| choices.len().checked_add(repeat))
                .filter(|&total| total <= MAX_PARSED_CHOICES)
                .ok_or(ParseScheduleError::TooLong {
                    limit: MAX_PARSED_CHOICES,
                })?;
            choices.resize(total, choice);
        }
        Ok(Schedule { seed, choices })
    }
}

/// Parses `label:picked/of` or `label:picked/of*k`.
fn parse_choice_word(word: &str) -> Result<(Choice, u32), &'static str> {
    let (label, rest) = word
        .split_once(':')
        .ok_or("expected `label:picked/of`, e.g. `sched:1/3`")?;
    let (fraction, repeat) = match rest.split_once('*') {
        Some((fraction, repeat)) => {
            let repeat = parse_decimal::<u32>(repeat)
                .ok_or("expected a repeat count after `*`, e.g. `sched:0/2*5`")?;
            if repeat == 0 {
                return Err("a repeat count must be at least 1");
            }
            (fraction, repeat)
        }
        None => (rest, 1),
    };
    let (picked, of) = fraction
        .split_once('/')
        .ok_or("expected `picked/of` after the label, e.g. `sched:1/3`")?;
    let picked = parse_decimal::<u32>(picked)
        .ok_or("the picked option must be a number from 0 to 4294967294")?;
    let of =
        parse_decimal::<u32>(of).ok_or("the option count must be a number from 1 to 4294967295")?;
    if picked >= of {
        return Err("the picked option must be less than the option count");
    }
    let label = decode_label(label)?;
    Ok((Choice::new(label, picked, of), repeat))
}

/// Digits only: `str::parse` would also take a leading `+`, which would make two spellings of
/// one schedule.
fn parse_decimal<T: FromStr>(digits: &str) -> Option<T> {
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok()
}

fn decode_label(text: &str) -> Result<String, &'static str> {
    const BAD_BYTE: &str = "a label may only hold letters, digits, `_`, `-`, `.` and `%XX` escapes";
    let mut bytes = Vec::with_capacity(text.len());
    let mut rest = text.as_bytes();
    while let Some((&byte, tail)) = rest.split_first() {
        if is_plain_label_byte(byte) {
            bytes.push(byte);
            rest = tail;
        } else if byte == b'%' {
            let hex = tail
                .get(..2)
                .ok_or("`%` in a label must be followed by two hex digits")?;
            let hex = std::str::from_utf8(hex).map_err(|_| BAD_BYTE)?;
            let value = u8::from_str_radix(hex, 16)
                .ok()
                .filter(|_| hex.bytes().all(|b| b.is_ascii_hexdigit()))
                .ok_or("`%` in a label must be followed by two hex digits")?;
            bytes.push(value);
            rest = &tail[2..];
        } else {
            return Err(BAD_BYTE);
        }
    }
    String::from_utf8(bytes).map_err(|_| "a label's `%XX` escapes must spell UTF-8")
}

/// At most 40 characters of user input in an error message.
fn clip(word: &str) -> String {
    const LIMIT: usize = 40;
    match word.char_indices().nth(LIMIT) {
        Some((end, _)) => format!("{}...", &word[..end]),
        None => word.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rng::SplitMix64;
    use crate::schedule::tests::random_schedule;
    use expect_test::{Expect, expect};

    fn parse_error(text: &str) -> String {
        match text.parse::<Schedule>() {
            Ok(schedule) => format!("parsed: {schedule}"),
            Err(error) => error.to_string(),
        }
    }

    fn check(text: &str, expected: Expect) {
        expected.assert_eq(&parse_error(text));
    }

    #[test]
    fn parses_loose_whitespace_and_repeats() {
        let parsed: Schedule = "  goscope-schedule\tv1 seed=7\n\nsched:1/2*3   steal:0/4 "
            .parse()
            .unwrap();
        assert_eq!(parsed.seed, 7);
        assert_eq!(parsed.len(), 4);
        assert_eq!(parsed.choices[2], Choice::new("sched", 1, 2));
        assert_eq!(parsed.choices[3].label, "steal");
        expect!["goscope-schedule v1 seed=7 sched:1/2*3 steal:0/4"].assert_eq(&parsed.to_string());
    }

    #[test]
    fn reports_malformed_input() {
        check(
            "",
            expect!["empty schedule: expected `goscope-schedule v1 seed=N ...`"],
        );
        check(
            "   \n",
            expect!["empty schedule: expected `goscope-schedule v1 seed=N ...`"],
        );
        check(
            "https://example.org/?s=1",
            expect![
                "not a schedule: expected it to start with `goscope-schedule`, found `https://example.org/?s=1`"
            ],
        );
        check(
            "goscope-schedule",
            expect!["schedule is missing its version: expected `goscope-schedule v1`"],
        );
        check(
            "goscope-schedule v2 seed=1",
            expect!["unsupported schedule version `v2`: this build reads `v1`"],
        );
        check(
            "goscope-schedule v1",
            expect!["schedule is missing its seed: expected `seed=N` after the version"],
        );
        check(
            "goscope-schedule v1 seed=",
            expect![
                "bad seed `seed=`: expected `seed=` followed by a number from 0 to 18446744073709551615"
            ],
        );
        check(
            "goscope-schedule v1 seed=+5",
            expect![
                "bad seed `seed=+5`: expected `seed=` followed by a number from 0 to 18446744073709551615"
            ],
        );
        check(
            "goscope-schedule v1 seed=18446744073709551616",
            expect![
                "bad seed `seed=18446744073709551616`: expected `seed=` followed by a number from 0 to 18446744073709551615"
            ],
        );
        check(
            "goscope-schedule v1 seed=1 sched",
            expect!["bad choice 1 `sched`: expected `label:picked/of`, e.g. `sched:1/3`"],
        );
        check(
            "goscope-schedule v1 seed=1 sched:1",
            expect![
                "bad choice 1 `sched:1`: expected `picked/of` after the label, e.g. `sched:1/3`"
            ],
        );
        check(
            "goscope-schedule v1 seed=1 sched:a/2",
            expect![
                "bad choice 1 `sched:a/2`: the picked option must be a number from 0 to 4294967294"
            ],
        );
        check(
            "goscope-schedule v1 seed=1 sched:0/4294967296",
            expect![
                "bad choice 1 `sched:0/4294967296`: the option count must be a number from 1 to 4294967295"
            ],
        );
        check(
            "goscope-schedule v1 seed=1 sched:2/2",
            expect![
                "bad choice 1 `sched:2/2`: the picked option must be less than the option count"
            ],
        );
        check(
            "goscope-schedule v1 seed=1 sched:0/0",
            expect![
                "bad choice 1 `sched:0/0`: the picked option must be less than the option count"
            ],
        );
        check(
            "goscope-schedule v1 seed=1 sched:0/2 sched:0/2*",
            expect![
                "bad choice 2 `sched:0/2*`: expected a repeat count after `*`, e.g. `sched:0/2*5`"
            ],
        );
        check(
            "goscope-schedule v1 seed=1 sched:0/2*0",
            expect!["bad choice 1 `sched:0/2*0`: a repeat count must be at least 1"],
        );
        check(
            "goscope-schedule v1 seed=1 sc/hed:0/2",
            expect![
                "bad choice 1 `sc/hed:0/2`: a label may only hold letters, digits, `_`, `-`, `.` and `%XX` escapes"
            ],
        );
        check(
            "goscope-schedule v1 seed=1 sched%:0/2",
            expect!["bad choice 1 `sched%:0/2`: `%` in a label must be followed by two hex digits"],
        );
        check(
            "goscope-schedule v1 seed=1 sched%zz:0/2",
            expect![
                "bad choice 1 `sched%zz:0/2`: `%` in a label must be followed by two hex digits"
            ],
        );
        check(
            "goscope-schedule v1 seed=1 sched%FF:0/2",
            expect!["bad choice 1 `sched%FF:0/2`: a label's `%XX` escapes must spell UTF-8"],
        );
        check(
            "goscope-schedule v1 seed=1 调度:0/2",
            expect![
                "bad choice 1 `调度:0/2`: a label may only hold letters, digits, `_`, `-`, `.` and `%XX` escapes"
            ],
        );
        check(
            "goscope-schedule v1 seed=1 sched:0/2*4294967295",
            expect!["schedule is too long: at most 1048576 choices are accepted"],
        );
        check(
            &format!("{} {}", "x".repeat(100), "y"),
            expect![
                "not a schedule: expected it to start with `goscope-schedule`, found `xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx...`"
            ],
        );
    }

    #[test]
    fn parse_allows_exactly_the_limit() {
        let text = format!("goscope-schedule v1 seed=1 s:0/2*{MAX_PARSED_CHOICES}");
        assert_eq!(
            text.parse::<Schedule>().map(|s| s.len()),
            Ok(MAX_PARSED_CHOICES)
        );
        let text = format!("{text} s:1/2");
        assert_eq!(
            text.parse::<Schedule>(),
            Err(ParseScheduleError::TooLong {
                limit: MAX_PARSED_CHOICES
            })
        );
    }

    #[test]
    fn never_panics_on_mangled_input() {
        // Mutate valid lines byte by byte (delete, duplicate, replace with a nasty byte) and
        // parse them all: every outcome must be Ok or Err, and Ok must print canonically.
        const NASTY: [&str; 10] = [":", "/", "*", "%", " ", "9", "0", "é", "%4", "*99999999"];
        let mut rng = SplitMix64::new(1);
        for _ in 0..300 {
            let text = random_schedule(&mut rng).to_string();
            let cut = rng.below(text.len() as u32 + 1) as usize;
            let cut = (0..=cut)
                .rev()
                .find(|&i| text.is_char_boundary(i))
                .unwrap_or(0);
            let nasty = NASTY[rng.below(NASTY.len() as u32) as usize];
            let skip = (cut + 1..=text.len())
                .find(|&i| text.is_char_boundary(i))
                .unwrap_or(text.len());
            for mangled in [
                format!("{}{}", &text[..cut], &text[skip..]),
                format!("{}{nasty}{}", &text[..cut], &text[cut..]),
                format!("{}{nasty}{}", &text[..cut], &text[skip..]),
            ] {
                if let Ok(schedule) = mangled.parse::<Schedule>() {
                    let again = schedule.to_string().parse::<Schedule>();
                    assert_eq!(again, Ok(schedule), "{mangled}");
                }
            }
        }
    }
}
