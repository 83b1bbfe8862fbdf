//! "What could go wrong": run many seeds with random faults per strategy and count outcomes.
//!
//! For each seed and strategy, a fault plan is drawn by [`FaultPlan::random`] from a chooser
//! seeded with the seed (so the plan is a function of the seed), and the world runs with the
//! same seed over a flaky or reliable network. Each run is summarised with its seed and plan,
//! which is all the page needs to load it into the player and replay it exactly.
//!
//! Invariant: `explore(seeds, net)` is a pure function; the counts of a strategy add up to the
//! number of seeds.

use std::ops::Range;

use sim::{Chooser, Simulation};

use crate::faults::FaultPlan;
use crate::net::NetConfig;
use crate::world::{Config, MAX_STEPS, Outcome, Strategy, World};

/// One explored run.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RunSummary {
    pub strategy: Strategy,
    pub seed: u64,
    pub config: Config,
    pub outcome: Outcome,
    /// The first broken invariant, if any.
    pub violation: Option<String>,
}

/// The counts of one strategy, with its runs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StrategyReport {
    pub strategy: Strategy,
    pub committed: usize,
    pub compensated: usize,
    pub stuck: usize,
    pub inconsistent: usize,
    pub runs: Vec<RunSummary>,
}

impl StrategyReport {
    /// Committed or compensated.
    pub fn consistent(&self) -> usize {
        self.committed + self.compensated
    }
}

/// The explorer's answer: one report per strategy, in [`Strategy::ALL`] order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExploreReport {
    pub strategies: Vec<StrategyReport>,
}

/// The config the explorer uses for `seed`: a random fault plan over `net`.
pub fn random_config(strategy: Strategy, seed: u64, net: NetConfig) -> Config {
    // A different stream from the run's own, so the plan does not correlate with latencies.
    let mut chooser = Chooser::new(seed ^ 0x5eed_fa17);
    let mut config = Config::new(strategy, FaultPlan::random(&mut chooser, strategy));
    config.net = net;
    config
}

/// Runs `config` with `seed` to the end without recording (fast).
pub fn outcome_of(config: Config, seed: u64) -> (Outcome, Option<String>) {
    let mut world = World::new(config);
    let mut chooser = Chooser::new(seed);
    let mut events = Vec::new();
    for _ in 0..=MAX_STEPS {
        events.clear();
        if world.step(&mut chooser, &mut events).is_finished() {
            break;
        }
    }
    (
        world.outcome.unwrap_or(Outcome::Stuck),
        world.violation.map(|v| v.to_string()),
    )
}

/// Explores `seeds` for every strategy.
pub fn explore(seeds: Range<u64>, net: NetConfig) -> ExploreReport {
    let strategies = Strategy::ALL
        .into_iter()
        .map(|strategy| {
            let mut report = StrategyReport {
                strategy,
                committed: 0,
                compensated: 0,
                stuck: 0,
                inconsistent: 0,
                runs: Vec::new(),
            };
            for seed in seeds.clone() {
                let config = random_config(strategy, seed, net);
                let (outcome, violation) = outcome_of(config, seed);
                match outcome {
                    Outcome::Committed => report.committed += 1,
                    Outcome::Compensated => report.compensated += 1,
                    Outcome::Stuck => report.stuck += 1,
                    Outcome::Inconsistent => report.inconsistent += 1,
                }
                report.runs.push(RunSummary {
                    strategy,
                    seed,
                    config,
                    outcome,
                    violation,
                });
            }
            report
        })
        .collect();
    ExploreReport { strategies }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_add_up_and_the_guarded_strategies_never_break_an_invariant() {
        let report = explore(0..40, NetConfig::FLAKY);
        for s in &report.strategies {
            assert_eq!(s.consistent() + s.stuck + s.inconsistent, 40);
            assert_eq!(
                s.inconsistent,
                0,
                "{:?}",
                s.runs.iter().find(|r| r.outcome == Outcome::Inconsistent)
            );
            assert!(s.consistent() > 0);
        }
        assert_eq!(report, explore(0..40, NetConfig::FLAKY), "deterministic");
    }
}
