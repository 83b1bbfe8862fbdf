//! The interleaving explorer: systematic concurrency testing of one program, in the manner of
//! CHESS and loom — a depth-first search over the tree of the `sim::Chooser`'s choices.
//!
//! Every nondeterministic decision of a run (which P runs the next burst `sched`, which P is
//! robbed `steal`, which ready case a `select` takes, which visible store a racy `load` reads,
//! map iteration order `mapiter`) is a node of a choice tree, and a run is one path, its
//! [`Schedule`]. The explorer runs with [`Chooser::explore`] (replay a prefix, then option 0),
//! records the schedule and takes the next branch depth-first, so every path is visited once.
//!
//! Two things keep the tree small enough to walk:
//! - **Scheduling points at shared accesses.** Runs are made in race mode with access points
//!   on (`Execution::with_access_points`): a burst ends after every access to shared memory,
//!   so goroutines interleave between any two accesses (what matters to the memory model) and
//!   not at every instruction. Race mode also lets racy loads read any store happens-before
//!   does not rule out, which is how weak outcomes (store buffering's `0 0`) appear.
//! - **Bounds.** A *deviation bound* (a schedule takes at most `max_deviations` non-default
//!   options, like CHESS's preemption bound / delay bounding: few-deviation schedules find most
//!   bugs), a *depth bound* (only the first `max_depth` choices of a run are branched on), a
//!   per-run step budget and a total `max_schedules`. When a bound cut a branch the search is
//!   reported *bounded*, not exhaustive, and the rest of the run budget goes to random runs
//!   (seeds), which reach deep schedules the bounded search skips.
//!
//! Runs are grouped by [`Outcome`]; for each the count and the first schedule producing it are
//! kept, and [`replay`] reproduces that outcome from the schedule. [`Explorer::advance`] works in
//! step slices, so a page can run a search a few milliseconds at a time and show its progress.
//! No hash maps, clocks or threads: an exploration is as deterministic as a run.

use crate::execution::{BUDGET_EXIT_CODE, Execution, RunConfig, RunOutput, SIMULATED_NUM_CPU};
use sim::{Chooser, Schedule};
use std::fmt;

/// Bounds of a search.
#[derive(Clone, Debug)]
pub struct ExploreConfig {
    /// GOMAXPROCS of every run.
    pub gomaxprocs: usize,
    /// Runs in total (systematic and random).
    pub max_schedules: usize,
    /// Step budget of each run (a spinning run ends as a budget outcome).
    pub max_steps: u64,
    /// Choices per run that are branched on; later ones always take option 0.
    pub max_depth: usize,
    /// Non-default options (picked > 0) per schedule.
    pub max_deviations: usize,
    /// Seed of the generator behind explored schedules and the first random run.
    pub seed: u64,
}

impl Default for ExploreConfig {
    fn default() -> Self {
        ExploreConfig {
            gomaxprocs: SIMULATED_NUM_CPU,
            max_schedules: 2_000,
            max_steps: 20_000,
            max_depth: 400,
            max_deviations: 3,
            seed: 0,
        }
    }
}

impl ExploreConfig {
    // `..default()` keeps this compiling when RunConfig gains options.
    #[allow(clippy::needless_update)]
    fn run_config(&self, seed: u64) -> RunConfig {
        RunConfig {
            seed,
            max_steps: self.max_steps,
            gomaxprocs: self.gomaxprocs,
            race: true,
            ..RunConfig::default()
        }
    }
}

/// How a run ended, as far as a learner can tell outcomes apart.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Outcome {
    pub stdout: String,
    pub exit_code: i32,
    /// The first stderr line outside race reports (`panic: ...`, `fatal error: ...`, the
    /// budget message), empty if none.
    pub stderr_line: String,
    /// Whether a data race was reported.
    pub race: bool,
}

impl Outcome {
    /// The outcome of a finished run.
    pub fn of(out: &RunOutput) -> Outcome {
        let mut in_report = false;
        let mut stderr_line = String::new();
        for line in out.stderr.lines() {
            if line == "==================" {
                in_report = !in_report;
            } else if !in_report && !line.starts_with("Found ") && !line.is_empty() {
                stderr_line = line.to_string();
                break;
            }
        }
        Outcome {
            stdout: out.stdout.clone(),
            exit_code: out.exit_code,
            stderr_line,
            race: out.stderr.contains("WARNING: DATA RACE"),
        }
    }

    /// Whether the run was stopped by the step budget (a spin that never ended).
    pub fn is_budget(&self) -> bool {
        self.exit_code == BUDGET_EXIT_CODE && self.stderr_line.starts_with("goscope: program")
    }
}

/// `stdout "0 1\n", exit 66, race` (stdout quoted with escapes, then the rest).
impl fmt::Display for Outcome {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "stdout {:?}, exit {}", self.stdout, self.exit_code)?;
        if !self.stderr_line.is_empty() {
            write!(f, ", stderr {:?}", self.stderr_line)?;
        }
        if self.race {
            write!(f, ", race")?;
        }
        Ok(())
    }
}

/// One distinct outcome: how many runs ended so and the first schedule that did.
#[derive(Clone, Debug)]
pub struct Found {
    pub outcome: Outcome,
    pub count: u64,
    pub schedule: Schedule,
}

/// Where a search stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Progress {
    /// Runs made so far.
    pub explored: usize,
    /// `max_schedules`.
    pub bound: usize,
    /// The search has ended.
    pub done: bool,
    /// The systematic search visited every schedule (no bound cut a branch).
    pub exhaustive: bool,
}

/// What the next run is.
#[derive(Clone, Debug)]
enum Next {
    /// A depth-first prefix.
    Systematic(Schedule),
    /// A random run with this seed.
    Random(u64),
    Done,
}

/// A search in progress; see the module docs.
pub struct Explorer {
    filename: String,
    source: String,
    config: ExploreConfig,
    next: Next,
    current: Option<(Execution, bool)>,
    explored: usize,
    /// A bound cut some branch of the systematic search.
    pruned: bool,
    found: Vec<Found>,
}

impl Explorer {
    pub fn new(filename: &str, source: &str, config: ExploreConfig) -> Explorer {
        let first = Schedule::new(config.seed);
        Explorer {
            filename: filename.to_string(),
            source: source.to_string(),
            config,
            next: Next::Systematic(first),
            current: None,
            explored: 0,
            pruned: false,
            found: Vec::new(),
        }
    }

    /// Runs about `step_budget` more steps of the search (at least one step when not done), so
    /// a caller can interleave a search with drawing. Returns where the search stands.
    pub fn advance(&mut self, step_budget: u64) -> Progress {
        let mut left = step_budget.max(1);
        while left > 0 && !matches!(self.next, Next::Done) {
            if self.current.is_none() && !self.start_next() {
                continue;
            }
            let Some((exec, _)) = self.current.as_mut() else {
                continue;
            };
            let before = exec.steps();
            let finished = exec.advance(left);
            left = left.saturating_sub((exec.steps() - before).max(1));
            if finished && let Some((exec, systematic)) = self.current.take() {
                self.record(exec, systematic);
            }
        }
        self.progress()
    }

    /// Runs the whole search.
    pub fn run_to_end(&mut self) -> Progress {
        while !self.progress().done {
            self.advance(1 << 20);
        }
        self.progress()
    }

    pub fn progress(&self) -> Progress {
        Progress {
            explored: self.explored,
            bound: self.config.max_schedules,
            done: matches!(self.next, Next::Done),
            exhaustive: self.exhaustive(),
        }
    }

    /// Whether the systematic search ended having visited every schedule.
    pub fn exhaustive(&self) -> bool {
        !self.pruned && matches!(self.next, Next::Done)
    }

    /// The distinct outcomes in the order they were first seen.
    pub fn outcomes(&self) -> &[Found] {
        &self.found
    }

    /// Starts the next run; false when there is none (the search is then done).
    fn start_next(&mut self) -> bool {
        if self.explored >= self.config.max_schedules {
            self.pruned |= matches!(self.next, Next::Systematic(_));
            self.next = Next::Done;
            return false;
        }
        let (chooser, systematic, seed) = match &self.next {
            Next::Systematic(prefix) => (Chooser::explore(prefix), true, prefix.seed),
            Next::Random(seed) => (Chooser::new(*seed), false, *seed),
            Next::Done => return false,
        };
        let config = self.config.run_config(seed);
        match Execution::start(&self.filename, &self.source, &config) {
            Ok(exec) => {
                let exec = exec.with_chooser(chooser).with_access_points();
                self.current = Some((exec, systematic));
                true
            }
            Err(out) => {
                // A compile error: the one outcome there is.
                self.explored += 1;
                self.note(Outcome::of(&out), Schedule::new(seed));
                self.next = Next::Done;
                false
            }
        }
    }

    fn record(&mut self, exec: Execution, systematic: bool) {
        self.explored += 1;
        let schedule = exec.schedule();
        let out = exec.finish();
        self.note(Outcome::of(&out), schedule.clone());
        self.next = match (&self.next, systematic) {
            (Next::Random(seed), _) => Next::Random(seed.wrapping_add(1)),
            (_, true) => {
                let (next, pruned) = next_bounded(&schedule, &self.config);
                self.pruned |= pruned;
                match next {
                    Some(prefix) => Next::Systematic(prefix),
                    // Bounded: spend the remaining runs on random schedules.
                    None if self.pruned => Next::Random(self.config.seed.wrapping_add(1)),
                    None => Next::Done,
                }
            }
            (next, false) => next.clone(),
        };
    }

    fn note(&mut self, outcome: Outcome, schedule: Schedule) {
        match self.found.iter_mut().find(|f| f.outcome == outcome) {
            Some(f) => f.count += 1,
            None => self.found.push(Found {
                outcome,
                count: 1,
                schedule,
            }),
        }
    }
}

/// The next depth-first prefix within the bounds (`Schedule::next_branch` restricted to the
/// first `max_depth` choices and to prefixes with at most `max_deviations` non-zero picks),
/// and whether a bound cut some branch of `schedule`.
fn next_bounded(schedule: &Schedule, config: &ExploreConfig) -> (Option<Schedule>, bool) {
    let choices = &schedule.choices;
    let depth = choices.len().min(config.max_depth);
    let mut pruned = choices[depth..].iter().any(|c| c.of > 1);
    // deviations[i]: non-zero picks among choices[..i].
    let mut deviations = Vec::with_capacity(depth + 1);
    deviations.push(0usize);
    for c in &choices[..depth] {
        let last = deviations.last().copied().unwrap_or(0);
        deviations.push(last + usize::from(c.picked > 0));
    }
    for i in (0..depth).rev() {
        let c = &choices[i];
        if c.picked.saturating_add(1) >= c.of {
            continue;
        }
        if deviations[i] + 1 > config.max_deviations {
            pruned = true;
            continue;
        }
        let mut prefix = schedule.truncated(i + 1);
        if let Some(last) = prefix.choices.last_mut() {
            last.picked += 1;
        }
        return (Some(prefix), pruned);
    }
    (None, pruned)
}

/// Runs `source` under `schedule` exactly as the explorer did (race mode, access points), so
/// the outcome it was listed with is reproduced.
pub fn replay(
    filename: &str,
    source: &str,
    config: &ExploreConfig,
    schedule: &Schedule,
) -> RunOutput {
    let run_config = config.run_config(schedule.seed);
    match Execution::start(filename, source, &run_config) {
        Ok(exec) => {
            let mut exec = exec
                .with_chooser(Chooser::replay(schedule))
                .with_access_points();
            while !exec.advance(1 << 20) {}
            exec.finish()
        }
        Err(out) => out,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn schedule(text: &str) -> Schedule {
        text.parse().unwrap_or_default()
    }

    #[test]
    fn bounded_branches_respect_depth_and_deviations() {
        let config = ExploreConfig {
            max_depth: 2,
            max_deviations: 1,
            ..ExploreConfig::default()
        };
        let s = schedule("goscope-schedule v1 seed=0 a:0/2 b:0/2 c:0/2");
        let (next, pruned) = next_bounded(&s, &config);
        assert_eq!(
            next,
            Some(schedule("goscope-schedule v1 seed=0 a:0/2 b:1/2"))
        );
        assert!(pruned, "c is beyond the depth bound");
        let s = schedule("goscope-schedule v1 seed=0 a:0/2 b:1/2");
        let (next, pruned) = next_bounded(&s, &config);
        assert_eq!(next, Some(schedule("goscope-schedule v1 seed=0 a:1/2")));
        assert!(!pruned);
        let s = schedule("goscope-schedule v1 seed=0 a:1/2 b:0/2");
        let (next, pruned) = next_bounded(&s, &config);
        assert_eq!(next, None);
        assert!(pruned, "a:1 b:1 has two deviations");
    }

    #[test]
    fn a_compile_error_is_one_exhaustive_outcome() {
        let mut e = Explorer::new(
            "p.go",
            "package main\nfunc main() { x }\n",
            Default::default(),
        );
        let p = e.run_to_end();
        assert!(p.done && p.exhaustive);
        assert_eq!(e.outcomes().len(), 1);
        assert_eq!(e.outcomes()[0].outcome.exit_code, 1);
    }
}
