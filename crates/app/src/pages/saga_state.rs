//! The Saga/TCC lab's state and its one reducer: the only place the page talks to
//! `services`.
//!
//! `Run` builds a [`sim::Recorder`] over a `services::World` from the controls (strategy,
//! seed, fault plan, guards, network) and runs it to the end — a run is a few hundred steps
//! at most, so it fits in one frame. The player then only moves `step`; the views ask the
//! recorder for the world at that step (checkpoint + replay). The explorer runs many seeds
//! and keeps the report; `Load` copies one explored run's seed and config into the controls
//! and runs it.
//!
//! Invariant: `step <= run.steps()` whenever a run exists.

use std::rc::Rc;

use services::explore::{ExploreReport, RunSummary, explore};
use services::faults::Partition;
use services::sim::Recorder;
use services::world::World;
use services::{Config, FaultPlan, GuardKind, Guards, NetConfig, Service, StepFault, Strategy};
use yew::prelude::*;

/// The partition window the page's control injects.
pub const PARTITION_WINDOW: (u64, u64) = (20, 420);

/// Everything the lab shows.
#[derive(Clone)]
pub struct SagaLab {
    pub strategy: Strategy,
    pub seed: u64,
    pub plan: FaultPlan,
    pub guards: Guards,
    pub flaky: bool,
    pub run: Option<Rc<Recorder<World>>>,
    pub step: u64,
    pub playing: bool,
    /// How many seeds the explorer runs.
    pub explore_seeds: u64,
    pub report: Option<Rc<ExploreReport>>,
}

impl PartialEq for SagaLab {
    fn eq(&self, other: &Self) -> bool {
        self.config() == other.config()
            && self.seed == other.seed
            && self.step == other.step
            && self.playing == other.playing
            && self.explore_seeds == other.explore_seeds
            && match (&self.run, &other.run) {
                (Some(a), Some(b)) => Rc::ptr_eq(a, b),
                (None, None) => true,
                _ => false,
            }
            && match (&self.report, &other.report) {
                (Some(a), Some(b)) => Rc::ptr_eq(a, b),
                (None, None) => true,
                _ => false,
            }
    }
}

/// What the page can ask for.
#[derive(Clone, Debug, PartialEq)]
pub enum SagaAction {
    SetStrategy(Strategy),
    SetSeed(u64),
    AnotherSeed,
    SetFault(usize, StepFault),
    SetCrash(Option<u8>),
    SetPartition(Option<Service>),
    ToggleGuard(GuardKind),
    ToggleFlaky,
    Run,
    /// Move the player by this many steps (clamped).
    StepBy(i64),
    Seek(u64),
    TogglePlay,
    /// Play or pause (an embedded widget's host page asks for one, not a toggle).
    SetPlaying(bool),
    /// One tick of play: a step forward, pausing at the end.
    Tick,
    SetExploreSeeds(u64),
    Explore,
    /// Load an explored run into the controls and the player.
    Load(Box<RunSummary>),
    /// A share link's scenario: set the controls from its parameters, run, open at the step.
    Open(Vec<(String, String)>, u64),
}

impl Default for SagaLab {
    fn default() -> Self {
        SagaLab {
            strategy: Strategy::SagaOrchestrated,
            seed: 1,
            plan: FaultPlan::none(),
            guards: Guards::default(),
            flaky: false,
            run: None,
            step: 0,
            playing: false,
            explore_seeds: 50,
            report: None,
        }
    }
}

impl SagaLab {
    /// The run's configuration, from the controls.
    pub fn config(&self) -> Config {
        Config {
            strategy: self.strategy,
            plan: self.plan,
            guards: self.guards,
            net: if self.flaky {
                NetConfig::FLAKY
            } else {
                NetConfig::default()
            },
        }
    }

    /// The last step of the run (0 without one).
    pub fn last_step(&self) -> u64 {
        self.run.as_ref().map_or(0, |r| r.steps())
    }

    /// The world at the current step.
    pub fn world(&self) -> Option<World> {
        self.run.as_ref().map(|r| r.state_at(self.step))
    }

    fn stale(&mut self) {
        self.run = None;
        self.step = 0;
        self.playing = false;
    }

    fn start(&mut self) {
        let recorder = services::run_to_end(self.config(), self.seed);
        self.run = Some(Rc::new(recorder));
        self.step = 0;
        self.playing = false;
    }

    /// The scenario as a share link's lab parameters (`crate::share::Subject::Lab`):
    /// `strategy`, `seed`, `faults` (one per step), `crash`, `partition`, `guards`, `flaky`.
    pub fn to_params(&self) -> Vec<(String, String)> {
        let faults: Vec<String> = self.plan.steps.iter().map(|f| f.to_string()).collect();
        let bit = |b: bool| if b { '1' } else { '0' };
        let g = &self.guards;
        [
            ("strategy", self.strategy.code().to_owned()),
            ("seed", self.seed.to_string()),
            ("faults", faults.join(",")),
            (
                "crash",
                self.plan
                    .crash_after
                    .map_or_else(String::new, |k| k.to_string()),
            ),
            (
                "partition",
                self.plan
                    .partition
                    .map_or_else(String::new, |p| p.service.to_string()),
            ),
            (
                "guards",
                [bit(g.empty_rollback), bit(g.suspension), bit(g.idempotency)]
                    .iter()
                    .collect(),
            ),
            ("flaky", bit(self.flaky).to_string()),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v))
        .collect()
    }

    /// Sets the controls from lab parameters; missing or unreadable ones keep their value.
    pub fn set_params(&mut self, params: &[(String, String)]) {
        use crate::share::param;
        if let Some(s) = param(params, "strategy").and_then(Strategy::from_code) {
            self.strategy = s;
        }
        if let Some(seed) = param(params, "seed").and_then(|s| s.parse().ok()) {
            self.seed = seed;
        }
        if let Some(faults) = param(params, "faults") {
            for (slot, f) in self.plan.steps.iter_mut().zip(faults.split(',')) {
                if let Some(f) = StepFault::ALL.into_iter().find(|x| x.to_string() == f) {
                    *slot = f;
                }
            }
            self.plan.steps[self.strategy.step_count()..].fill(StepFault::None);
        }
        if let Some(k) = param(params, "crash") {
            self.plan.crash_after = k
                .parse::<u8>()
                .ok()
                .filter(|&k| usize::from(k) <= self.strategy.step_count());
        }
        if let Some(p) = param(params, "partition") {
            self.plan.partition =
                Service::ALL
                    .into_iter()
                    .find(|s| s.to_string() == p)
                    .map(|service| Partition {
                        service,
                        from_ms: PARTITION_WINDOW.0,
                        until_ms: PARTITION_WINDOW.1,
                    });
        }
        if let Some(g) = param(params, "guards").map(|g| g.as_bytes())
            && g.len() == 3
        {
            self.guards = Guards {
                empty_rollback: g[0] == b'1',
                suspension: g[1] == b'1',
                idempotency: g[2] == b'1',
            };
        }
        if let Some(f) = param(params, "flaky") {
            self.flaky = f == "1";
        }
        self.stale();
    }

    /// Applies one action (pure; the `Reducible` impl wraps it).
    pub fn apply(mut self, action: SagaAction) -> SagaLab {
        match action {
            SagaAction::SetStrategy(s) => {
                self.strategy = s;
                self.plan.steps[s.step_count()..].fill(StepFault::None);
                if let Some(k) = self.plan.crash_after
                    && usize::from(k) > s.step_count()
                {
                    self.plan.crash_after = None;
                }
                self.stale();
            }
            SagaAction::SetSeed(seed) => {
                self.seed = seed;
                self.stale();
            }
            SagaAction::AnotherSeed => {
                // An LCG step: deterministic, and far from the previous seed.
                self.seed = (self
                    .seed
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407)
                    >> 33)
                    % 100_000;
                self.start();
            }
            SagaAction::SetFault(step, fault) => {
                if let Some(slot) = self.plan.steps.get_mut(step) {
                    *slot = fault;
                }
                self.stale();
            }
            SagaAction::SetCrash(k) => {
                self.plan.crash_after = k;
                self.stale();
            }
            SagaAction::SetPartition(service) => {
                self.plan.partition = service.map(|service| Partition {
                    service,
                    from_ms: PARTITION_WINDOW.0,
                    until_ms: PARTITION_WINDOW.1,
                });
                self.stale();
            }
            SagaAction::ToggleGuard(kind) => {
                let g = &mut self.guards;
                match kind {
                    GuardKind::EmptyRollback => g.empty_rollback = !g.empty_rollback,
                    GuardKind::Suspension => g.suspension = !g.suspension,
                    GuardKind::Idempotency => g.idempotency = !g.idempotency,
                }
                self.stale();
            }
            SagaAction::ToggleFlaky => {
                self.flaky = !self.flaky;
                self.stale();
            }
            SagaAction::Run => self.start(),
            SagaAction::StepBy(delta) => {
                let target = self.step.saturating_add_signed(delta);
                self.step = target.min(self.last_step());
                self.playing = false;
            }
            SagaAction::Seek(step) => {
                self.step = step.min(self.last_step());
                self.playing = false;
            }
            SagaAction::TogglePlay => {
                if self.run.is_some() {
                    if !self.playing && self.step >= self.last_step() {
                        self.step = 0;
                    }
                    self.playing = !self.playing;
                }
            }
            SagaAction::SetPlaying(on) => {
                if on != self.playing {
                    return self.apply(SagaAction::TogglePlay);
                }
            }
            SagaAction::Tick => {
                if self.playing {
                    self.step = (self.step + 1).min(self.last_step());
                    self.playing = self.step < self.last_step();
                }
            }
            SagaAction::SetExploreSeeds(n) => self.explore_seeds = n.clamp(1, 500),
            SagaAction::Explore => {
                let net = if self.flaky {
                    NetConfig::FLAKY
                } else {
                    NetConfig::default()
                };
                self.report = Some(Rc::new(explore(0..self.explore_seeds, net)));
            }
            SagaAction::Open(params, step) => {
                self.set_params(&params);
                self.start();
                self.step = step.min(self.last_step());
            }
            SagaAction::Load(summary) => {
                self.strategy = summary.strategy;
                self.seed = summary.seed;
                self.plan = summary.config.plan;
                self.guards = summary.config.guards;
                self.flaky = summary.config.net != NetConfig::default();
                self.start();
            }
        }
        self
    }
}

impl Reducible for SagaLab {
    type Action = SagaAction;

    fn reduce(self: Rc<Self>, action: SagaAction) -> Rc<Self> {
        Rc::new((*self).clone().apply(action))
    }
}

#[cfg(test)]
mod tests {
    use wasm_bindgen_test::wasm_bindgen_test;

    use super::*;

    #[wasm_bindgen_test(unsupported = test)]
    fn scenarios_round_trip_through_link_parameters() {
        let lab = SagaLab::default()
            .apply(SagaAction::SetStrategy(Strategy::Tcc))
            .apply(SagaAction::SetSeed(77))
            .apply(SagaAction::SetFault(1, StepFault::Timeout))
            .apply(SagaAction::SetCrash(Some(2)))
            .apply(SagaAction::SetPartition(Some(Service::Payment)))
            .apply(SagaAction::ToggleGuard(GuardKind::Suspension))
            .apply(SagaAction::ToggleFlaky);
        let mut back = SagaLab::default();
        back.set_params(&lab.to_params());
        assert_eq!(back.config(), lab.config());
        assert_eq!(back.seed, 77);
        // Nonsense values change nothing and do not panic.
        let mut same = SagaLab::default();
        same.set_params(&[
            ("strategy".into(), "x".into()),
            ("guards".into(), "1".into()),
            ("faults".into(), ",,zzz".into()),
        ]);
        assert_eq!(same.config(), SagaLab::default().config());
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn run_then_step_to_the_end() {
        let lab = SagaLab::default()
            .apply(SagaAction::SetFault(1, StepFault::Fail))
            .apply(SagaAction::Run);
        assert_eq!(lab.step, 0);
        let end = lab.last_step();
        assert!(end > 5);
        let lab = lab.apply(SagaAction::StepBy(i64::MAX));
        assert_eq!(lab.step, end);
        let world = lab.world().unwrap();
        assert_eq!(world.outcome, Some(services::Outcome::Compensated));
        let lab = lab.apply(SagaAction::StepBy(-3));
        assert_eq!(lab.step, end - 3);
        // Changing a control forgets the run.
        let lab = lab.apply(SagaAction::ToggleFlaky);
        assert!(lab.run.is_none());
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn play_stops_at_the_end_and_load_replays_an_explored_run() {
        let mut lab = SagaLab::default().apply(SagaAction::Run);
        lab = lab.apply(SagaAction::TogglePlay);
        for _ in 0..10_000 {
            lab = lab.apply(SagaAction::Tick);
        }
        assert!(!lab.playing);
        assert_eq!(lab.step, lab.last_step());
        let lab = lab
            .apply(SagaAction::SetExploreSeeds(10))
            .apply(SagaAction::Explore);
        let report = lab.report.clone().unwrap();
        let run = report.strategies[2].runs[3].clone();
        let lab = lab.apply(SagaAction::Load(Box::new(run.clone())));
        assert_eq!(lab.strategy, Strategy::Tcc);
        assert_eq!(lab.seed, run.seed);
        let end = lab.run.as_ref().unwrap().current().outcome;
        assert_eq!(end, Some(run.outcome));
    }
}
