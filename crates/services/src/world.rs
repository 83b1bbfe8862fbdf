//! The [`World`]: four services, a network, the coordinator's durable log and the fault plan,
//! as one [`sim::Simulation`].
//!
//! One step pops the earliest item of the event queue (a message delivery or a timer) and
//! handles it; the very first step starts the transaction. After every step the invariants
//! are checked and the first violation is kept with its step number. The run ends when the
//! queue is empty or the next item lies beyond [`HORIZON_MS`]; the [`Outcome`] is then
//! *committed* (everything done), *compensated* (everything undone), *stuck* (still pending:
//! a human must look) or *inconsistent* (an invariant broke, or the end state is neither).
//!
//! The machinery shared by the strategies lives here: calls (a request awaiting its reply or
//! an event awaiting its ack) with timeouts, exponential backoff and retry limits; crashes
//! and recoveries; the service side of a request. The strategies themselves are
//! `saga/orchestrator.rs`, `saga/choreography.rs` and `tcc/mod.rs`.
//!
//! Invariants: what survives a crash is exactly what a real system would keep on disk — the
//! services' state, the coordinator's log, the choreography outboxes — while the
//! orchestrator's in-flight calls and timers are lost and rebuilt from the log.

use std::fmt;

use sim::{Chooser, Recorder, Simulation, Status};

use crate::event::{Event, GuardKind};
use crate::faults::{CRASH_DOWNTIME_MS, FaultPlan, SLOW_MS, StepFault};
use crate::invariants::{Invariant, Violation};
use crate::net::{Body, CallKey, Envelope, Item, NetConfig, Network, Timer};
use crate::saga::{ChoreoEvent, STEPS};
use crate::services::{Guards, Handled, OrderStatus, Service, Services, Unguarded};
use crate::tcc::BRANCHES;
use crate::{INITIAL_BALANCE, INITIAL_STOCK, ORDER_POINTS, ORDER_PRICE, ORDER_QTY};

/// No item after this virtual time is handled: a run still pending then is stuck.
pub const HORIZON_MS: u64 = 5_000;
/// How long a caller waits for an answer.
pub const TIMEOUT_MS: u64 = 60;
/// First backoff; doubles per attempt up to [`MAX_BACKOFF_MS`].
pub const BACKOFF_MS: u64 = 20;
pub const MAX_BACKOFF_MS: u64 = 320;
/// Attempts of a saga step before it counts as failed.
pub const STEP_ATTEMPTS: u32 = 4;
/// Attempts of a compensation before the saga is stuck (a compensation must not give up
/// lightly: it is the only way back).
pub const COMPENSATION_ATTEMPTS: u32 = 10;
/// Steps after which the recorder stops whatever happens (the horizon comes first).
pub const MAX_STEPS: u64 = 20_000;

/// How the order is run.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Strategy {
    SagaOrchestrated,
    SagaChoreographed,
    Tcc,
}

impl Strategy {
    pub const ALL: [Strategy; 3] = [
        Strategy::SagaOrchestrated,
        Strategy::SagaChoreographed,
        Strategy::Tcc,
    ];

    /// Steps (saga) or branches (TCC) a fault can be injected at.
    pub fn step_count(self) -> usize {
        match self {
            Strategy::Tcc => BRANCHES.len(),
            _ => STEPS.len(),
        }
    }

    /// Stable code, for links.
    pub fn code(self) -> &'static str {
        match self {
            Strategy::SagaOrchestrated => "orchestrated",
            Strategy::SagaChoreographed => "choreographed",
            Strategy::Tcc => "tcc",
        }
    }

    pub fn from_code(code: &str) -> Option<Strategy> {
        Strategy::ALL.into_iter().find(|s| s.code() == code)
    }
}

impl fmt::Display for Strategy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Strategy::SagaOrchestrated => "saga (orchestrated)",
            Strategy::SagaChoreographed => "saga (choreographed)",
            Strategy::Tcc => "tcc",
        })
    }
}

/// Everything a run depends on besides the seed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Config {
    pub strategy: Strategy,
    pub plan: FaultPlan,
    pub guards: Guards,
    pub net: NetConfig,
}

impl Config {
    pub fn new(strategy: Strategy, plan: FaultPlan) -> Config {
        Config {
            strategy,
            plan,
            guards: Guards::default(),
            net: NetConfig::default(),
        }
    }
}

/// How a run ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Outcome {
    /// Every step done: stock sold, money charged, points awarded, order confirmed.
    Committed,
    /// Every step undone: the world is as before, the order cancelled.
    Compensated,
    /// Still pending at the horizon, or the coordinator gave up: needs a human.
    Stuck,
    /// An invariant broke, or the end state is neither committed nor compensated.
    Inconsistent,
}

impl Outcome {
    /// Committed or compensated.
    pub fn is_consistent(self) -> bool {
        matches!(self, Outcome::Committed | Outcome::Compensated)
    }
}

impl fmt::Display for Outcome {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Outcome::Committed => "committed",
            Outcome::Compensated => "compensated",
            Outcome::Stuck => "stuck",
            Outcome::Inconsistent => "INCONSISTENT",
        })
    }
}

/// A record of the coordinator's durable log (the order service's database).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LogRecord {
    Begin,
    StepStarted(u8),
    StepDone(u8),
    /// `uncertain`: no answer came (it may have taken effect), so it is compensated too.
    StepFailed {
        step: u8,
        uncertain: bool,
    },
    CompensationStarted(u8),
    CompensationDone(u8),
    Committed,
    Aborted,
    /// TCC: a branch's Try answered (or timed out: `ok == false`).
    TryResult {
        branch: u8,
        ok: bool,
    },
    /// TCC: the global decision.
    Decision {
        commit: bool,
    },
    /// TCC: a branch acknowledged Confirm / Cancel.
    BranchDone(u8),
    /// TCC: every branch finished phase two.
    End,
}

impl fmt::Display for LogRecord {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let name = |i: u8| STEPS.get(usize::from(i)).map_or("?", |s| s.forward.name());
        let branch = |i: u8| BRANCHES.get(usize::from(i)).map_or(Service::Order, |b| *b);
        match *self {
            LogRecord::Begin => f.write_str("begin order-1"),
            LogRecord::StepStarted(i) => write!(f, "started {}", name(i)),
            LogRecord::StepDone(i) => write!(f, "done {}", name(i)),
            LogRecord::StepFailed { step, uncertain } => write!(
                f,
                "failed {}{}",
                name(step),
                if uncertain { " (no answer)" } else { "" }
            ),
            LogRecord::CompensationStarted(i) => write!(f, "compensating {}", name(i)),
            LogRecord::CompensationDone(i) => write!(f, "compensated {}", name(i)),
            LogRecord::Committed => f.write_str("committed"),
            LogRecord::Aborted => f.write_str("aborted"),
            LogRecord::TryResult { branch: b, ok } => {
                write!(f, "try {} {}", branch(b), if ok { "ok" } else { "failed" })
            }
            LogRecord::Decision { commit } => {
                write!(f, "decision {}", if commit { "confirm" } else { "cancel" })
            }
            LogRecord::BranchDone(b) => write!(f, "branch {} done", branch(b)),
            LogRecord::End => f.write_str("end"),
        }
    }
}

/// The transaction's state machine, as the page draws it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TxState {
    Started,
    /// Saga: step `i` running.
    Running(u8),
    /// Saga: compensating step `i`.
    Compensating(u8),
    /// TCC phase one.
    Trying,
    /// TCC phase two, commit.
    Confirming,
    /// TCC phase two, rollback.
    Cancelling,
    Committed,
    Compensated,
    Stuck,
}

impl fmt::Display for TxState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let name = |i: u8| STEPS.get(usize::from(i)).map_or("?", |s| s.forward.name());
        match *self {
            TxState::Started => f.write_str("started"),
            TxState::Running(i) => write!(f, "running {}", name(i)),
            TxState::Compensating(i) => write!(f, "compensating {}", name(i)),
            TxState::Trying => f.write_str("trying"),
            TxState::Confirming => f.write_str("confirming"),
            TxState::Cancelling => f.write_str("cancelling"),
            TxState::Committed => f.write_str("committed"),
            TxState::Compensated => f.write_str("compensated"),
            TxState::Stuck => f.write_str("stuck"),
        }
    }
}

/// Outstanding calls, `(owner, key)` → current attempt: a handful at a time, so a `Vec` with
/// map-like methods (a `BTreeMap` would cost more wasm than it saves time).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Calls(Vec<((Service, CallKey), u32)>);

impl Calls {
    pub fn get(&self, key: &(Service, CallKey)) -> Option<&u32> {
        self.0.iter().find(|(k, _)| k == key).map(|(_, a)| a)
    }

    pub fn contains_key(&self, key: &(Service, CallKey)) -> bool {
        self.get(key).is_some()
    }

    pub fn insert(&mut self, key: (Service, CallKey), attempt: u32) {
        match self.0.iter_mut().find(|(k, _)| *k == key) {
            Some(slot) => slot.1 = attempt,
            None => self.0.push((key, attempt)),
        }
    }

    pub fn remove(&mut self, key: &(Service, CallKey)) -> Option<u32> {
        let i = self.0.iter().position(|(k, _)| k == key)?;
        Some(self.0.remove(i).1)
    }

    pub fn retain(&mut self, mut keep: impl FnMut(&(Service, CallKey), &u32) -> bool) {
        self.0.retain(|(k, a)| keep(k, a));
    }

    pub fn iter(&self) -> impl Iterator<Item = (&(Service, CallKey), &u32)> {
        self.0.iter().map(|(k, a)| (k, a))
    }
}

/// The whole simulated world; see the module docs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct World {
    pub config: Config,
    /// Virtual time, ms.
    pub now: u64,
    /// Steps taken (as the `Recorder` counts them).
    pub steps: u64,
    pub net: Network,
    pub services: Services,
    /// The coordinator's durable log.
    pub log: Vec<LogRecord>,
    pub state: TxState,
    /// Nodes currently crashed.
    pub down: Vec<Service>,
    pub crashed_once: bool,
    /// Outstanding calls: `(owner, key)` → current attempt.
    pub calls: Calls,
    /// Choreography: every event ever published (the outbox's dedupe).
    pub published: Vec<(Service, ChoreoEvent)>,
    pub violation: Option<Violation>,
    pub outcome: Option<Outcome>,
}

impl World {
    pub fn new(config: Config) -> World {
        World {
            config,
            now: 0,
            steps: 0,
            net: Network::new(config.net),
            services: Services::new(INITIAL_STOCK, INITIAL_BALANCE),
            log: Vec::new(),
            state: TxState::Started,
            down: Vec::new(),
            crashed_once: false,
            calls: Calls::default(),
            published: Vec::new(),
            violation: None,
            outcome: None,
        }
    }

    pub(crate) fn set_state(&mut self, events: &mut Vec<Event>, state: TxState) {
        if self.state != state {
            self.state = state;
            events.push(Event::State { t: self.now, state });
        }
    }

    pub(crate) fn append(&mut self, events: &mut Vec<Event>, record: LogRecord) {
        self.log.push(record);
        events.push(Event::Logged {
            t: self.now,
            record,
        });
    }

    pub(crate) fn logged(&self, record: LogRecord) -> bool {
        self.log.contains(&record)
    }

    /// Where a call's message goes.
    fn destination(&self, key: CallKey) -> Service {
        match key {
            CallKey::Request { step, .. } => match self.config.strategy {
                Strategy::Tcc => BRANCHES.get(usize::from(step)).copied(),
                _ => STEPS.get(usize::from(step)).map(|s| s.service),
            }
            .unwrap_or(Service::Order),
            CallKey::Publish(event) => event.consumer(),
        }
    }

    /// Whether the message of `key` is the step's forward action (what "fail" and "timeout"
    /// faults hit).
    fn is_forward(&self, key: CallKey) -> bool {
        match key {
            CallKey::Request { step, action } => match self.config.strategy {
                Strategy::Tcc => action == crate::services::Action::Try,
                _ => STEPS
                    .get(usize::from(step))
                    .is_some_and(|s| s.forward == action),
            },
            CallKey::Publish(event) => matches!(event, ChoreoEvent::Execute(_)),
        }
    }

    fn key_step(key: CallKey) -> u8 {
        match key {
            CallKey::Request { step, .. } => step,
            CallKey::Publish(event) => event.step(),
        }
    }

    /// Starts (or restarts) a call: sends attempt `attempt` and arms its timeout.
    pub(crate) fn call(
        &mut self,
        chooser: &mut Chooser,
        events: &mut Vec<Event>,
        owner: Service,
        key: CallKey,
        attempt: u32,
    ) {
        self.calls.insert((owner, key), attempt);
        self.transmit(chooser, events, owner, key, attempt);
    }

    fn transmit(
        &mut self,
        chooser: &mut Chooser,
        events: &mut Vec<Event>,
        owner: Service,
        key: CallKey,
        attempt: u32,
    ) {
        let to = self.destination(key);
        let step = World::key_step(key);
        let fault = self.config.plan.step(step);
        let body = match key {
            CallKey::Request { step, action } => Body::Request {
                step,
                action,
                attempt,
            },
            CallKey::Publish(event) => Body::Publish { event, attempt },
        };
        let slow = fault == StepFault::Timeout && attempt == 1 && self.is_forward(key);
        let cut = self.config.plan.partitioned(owner, self.now)
            || self.config.plan.partitioned(to, self.now);
        self.net.send(
            chooser,
            events,
            self.now,
            (owner, to, body),
            cut,
            if slow { SLOW_MS } else { 0 },
            fault == StepFault::Duplicate,
        );
        self.net.schedule(
            self.now + TIMEOUT_MS,
            Item::Timer(Timer::Timeout {
                owner,
                key,
                attempt,
            }),
        );
    }

    /// Sends a reply or ack: fire and forget.
    fn respond(
        &mut self,
        chooser: &mut Chooser,
        events: &mut Vec<Event>,
        from: Service,
        to: Service,
        body: Body,
    ) {
        let cut = self.config.plan.partitioned(from, self.now)
            || self.config.plan.partitioned(to, self.now);
        self.net
            .send(chooser, events, self.now, (from, to, body), cut, 0, false);
    }

    /// How many attempts a call gets (`None`: until it succeeds).
    fn attempt_limit(&self, key: CallKey) -> Option<u32> {
        match (self.config.strategy, key) {
            (Strategy::SagaOrchestrated, CallKey::Request { step, action }) => {
                let def = STEPS.get(usize::from(step))?;
                if def.forward == action {
                    def.compensation.map(|_| STEP_ATTEMPTS)
                } else {
                    Some(COMPENSATION_ATTEMPTS)
                }
            }
            (Strategy::Tcc, CallKey::Request { action, .. }) => {
                (action == crate::services::Action::Try).then_some(1)
            }
            _ => None,
        }
    }

    /// Crashes `node` now (at most once per run).
    pub(crate) fn crash(&mut self, events: &mut Vec<Event>, node: Service) {
        if self.crashed_once {
            return;
        }
        self.crashed_once = true;
        if !self.down.contains(&node) {
            self.down.push(node);
        }
        events.push(Event::Crash { t: self.now, node });
        if self.config.strategy != Strategy::SagaChoreographed {
            // In-flight calls and timers live in memory: gone.
            self.calls.retain(|&(owner, _), _| owner != node);
        }
        self.net.schedule(
            self.now + CRASH_DOWNTIME_MS,
            Item::Timer(Timer::Recover(node)),
        );
    }

    /// Whether the plan crashes something after step `k` (1-based count of finished steps).
    pub(crate) fn crash_due(&self, k: usize) -> bool {
        !self.crashed_once && self.config.plan.crash_after.map(usize::from) == Some(k)
    }

    fn start(&mut self, chooser: &mut Chooser, events: &mut Vec<Event>) {
        events.push(Event::Begin {
            strategy: self.config.strategy,
            plan: self.config.plan,
            guards: self.config.guards,
        });
        match self.config.strategy {
            Strategy::SagaOrchestrated => self.saga_start(chooser, events),
            Strategy::SagaChoreographed => self.choreo_start(chooser, events),
            Strategy::Tcc => self.tcc_start(chooser, events),
        }
    }

    fn deliver(&mut self, chooser: &mut Chooser, events: &mut Vec<Event>, env: Envelope) {
        let Envelope { id, from, to, body } = env;
        let why = if self.down.contains(&to) {
            Some(crate::event::DropReason::Crashed)
        } else if self.config.plan.partitioned(to, self.now)
            || self.config.plan.partitioned(from, self.now)
        {
            Some(crate::event::DropReason::Partition)
        } else {
            None
        };
        if let Some(why) = why {
            events.push(Event::Dropped {
                t: self.now,
                id,
                from,
                to,
                body,
                why,
            });
            return;
        }
        events.push(Event::Delivered {
            t: self.now,
            id,
            from,
            to,
            body,
        });
        match body {
            Body::Request {
                step,
                action,
                attempt,
            } => {
                let fail = self.config.plan.step(step) == StepFault::Fail
                    && self.is_forward(CallKey::Request { step, action });
                let ok = self.serve_handled(events, to, action, fail).ok();
                self.respond(
                    chooser,
                    events,
                    to,
                    from,
                    Body::Reply {
                        step,
                        action,
                        attempt,
                        ok,
                    },
                );
            }
            Body::Reply {
                step, action, ok, ..
            } => {
                let key = CallKey::Request { step, action };
                if self.calls.remove(&(to, key)).is_some() {
                    match self.config.strategy {
                        Strategy::Tcc => self.tcc_reply(chooser, events, step, action, ok),
                        _ => self.saga_reply(chooser, events, step, action, ok),
                    }
                }
            }
            Body::Publish { event, .. } => {
                self.respond(chooser, events, to, from, Body::Ack { event });
                self.choreo_consume(chooser, events, to, event);
            }
            Body::Ack { event } => {
                self.calls.remove(&(to, CallKey::Publish(event)));
            }
        }
    }

    /// The service side: run `action` at `service` behind its barrier; returns the answer.
    pub(crate) fn serve_handled(
        &mut self,
        events: &mut Vec<Event>,
        service: Service,
        action: crate::services::Action,
        fail: bool,
    ) -> Handled {
        let (handled, unguarded, changes) =
            self.services
                .handle(service, action, self.config.guards, fail);
        let t = self.now;
        let anomaly = match unguarded {
            Unguarded::None => None,
            Unguarded::EmptyRollback => Some(GuardKind::EmptyRollback),
            Unguarded::Suspension => Some(GuardKind::Suspension),
            Unguarded::Duplicate => Some(GuardKind::Idempotency),
        };
        if let Some(anomaly) = anomaly {
            events.push(Event::Unguarded {
                t,
                service,
                action,
                anomaly,
            });
        }
        events.push(Event::Handled {
            t,
            service,
            action,
            handled,
        });
        if !changes.is_empty() {
            events.push(Event::Changed {
                t,
                service,
                changes,
            });
        }
        handled
    }

    fn timer(&mut self, chooser: &mut Chooser, events: &mut Vec<Event>, timer: Timer) {
        match timer {
            Timer::Timeout {
                owner,
                key,
                attempt,
            } => {
                if self.down.contains(&owner) || self.calls.get(&(owner, key)) != Some(&attempt) {
                    return; // answered meanwhile, or forgotten in a crash
                }
                events.push(Event::TimedOut {
                    t: self.now,
                    owner,
                    key,
                    attempt,
                });
                if self
                    .attempt_limit(key)
                    .is_some_and(|limit| attempt >= limit)
                {
                    self.calls.remove(&(owner, key));
                    events.push(Event::GaveUp {
                        t: self.now,
                        owner,
                        key,
                    });
                    match self.config.strategy {
                        Strategy::Tcc => self.tcc_gave_up(chooser, events, key),
                        _ => self.saga_gave_up(chooser, events, key),
                    }
                    return;
                }
                let backoff = (BACKOFF_MS << (attempt - 1).min(8)).min(MAX_BACKOFF_MS);
                let at = self.now + backoff;
                self.calls.insert((owner, key), attempt + 1);
                events.push(Event::Retry {
                    t: self.now,
                    owner,
                    key,
                    attempt: attempt + 1,
                    at,
                });
                self.net.schedule(
                    at,
                    Item::Timer(Timer::Retry {
                        owner,
                        key,
                        attempt: attempt + 1,
                    }),
                );
            }
            Timer::Retry {
                owner,
                key,
                attempt,
            } => {
                if !self.down.contains(&owner) && self.calls.get(&(owner, key)) == Some(&attempt) {
                    if let CallKey::Request { step, action } = key
                        && self.config.strategy == Strategy::SagaOrchestrated
                        && self.is_forward(key)
                    {
                        events.push(Event::StepStarted {
                            t: self.now,
                            step,
                            action,
                            attempt,
                        });
                    }
                    self.transmit(chooser, events, owner, key, attempt);
                }
            }
            Timer::Recover(node) => {
                self.down.retain(|&n| n != node);
                let records = if self.config.strategy == Strategy::SagaChoreographed {
                    0
                } else {
                    self.log.len()
                };
                events.push(Event::Recovered {
                    t: self.now,
                    node,
                    records,
                });
                match self.config.strategy {
                    Strategy::SagaOrchestrated => self.saga_advance(chooser, events),
                    Strategy::SagaChoreographed => self.choreo_recover(chooser, events, node),
                    Strategy::Tcc => self.tcc_recover(chooser, events),
                }
            }
        }
    }

    /// The end state judged against the two allowed ones.
    fn judge(&self) -> Outcome {
        if self.violation.is_some() {
            return Outcome::Inconsistent;
        }
        let s = &self.services;
        let untouched = s.inventory.stock == INITIAL_STOCK
            && s.inventory.reserved == 0
            && s.inventory.sold == 0
            && s.payment.balance == INITIAL_BALANCE
            && s.payment.frozen == 0
            && s.points.points == 0
            && s.points.pending == 0;
        let done = s.inventory.stock == INITIAL_STOCK - ORDER_QTY
            && s.inventory.reserved == 0
            && s.inventory.sold == ORDER_QTY
            && s.payment.balance == INITIAL_BALANCE - ORDER_PRICE
            && s.payment.frozen == 0
            && s.payment.charged - s.payment.refunded == ORDER_PRICE
            && s.points.points == ORDER_POINTS
            && s.points.pending == 0;
        match s.order {
            OrderStatus::Confirmed if done => Outcome::Committed,
            OrderStatus::Cancelled if untouched => Outcome::Compensated,
            OrderStatus::Pending => Outcome::Stuck,
            _ => Outcome::Inconsistent,
        }
    }
}

impl Simulation for World {
    type Event = Event;

    fn step(&mut self, chooser: &mut Chooser, events: &mut Vec<Event>) -> Status {
        if self.outcome.is_some() {
            return Status::Finished;
        }
        self.steps += 1;
        if self.steps == 1 {
            self.start(chooser, events);
        } else {
            // Stale timers (answered calls) change nothing: skip them, so that every step
            // of the player shows something happening.
            let before = events.len();
            while events.len() == before
                && self.net.next_time().is_some_and(|t| t <= HORIZON_MS)
                && let Some((at, item)) = self.net.pop()
            {
                self.now = at;
                match item {
                    Item::Deliver(env) => self.deliver(chooser, events, env),
                    Item::Timer(timer) => self.timer(chooser, events, timer),
                }
            }
        }
        if self.violation.is_none()
            && let Some((invariant, detail)) = Invariant::first_broken(&self.services)
        {
            let violation = Violation {
                invariant,
                step: self.steps,
                detail,
            };
            events.push(Event::Broken {
                t: self.now,
                violation: violation.clone(),
            });
            self.violation = Some(violation);
        }
        let over = self.net.next_time().is_none_or(|t| t > HORIZON_MS) || self.steps >= MAX_STEPS;
        if over {
            let outcome = self.judge();
            if outcome == Outcome::Stuck && self.state != TxState::Stuck {
                self.set_state(events, TxState::Stuck);
            }
            self.outcome = Some(outcome);
            events.push(Event::Finished {
                t: self.now,
                outcome,
            });
            return Status::Finished;
        }
        Status::Running
    }
}

/// A recorder over a fresh world (checkpoint every 16 steps), not yet run.
pub fn record(config: Config, chooser: Chooser) -> Recorder<World> {
    Recorder::new(World::new(config), chooser, 16)
}

/// Runs `config` with `seed` to the end.
pub fn run_to_end(config: Config, seed: u64) -> Recorder<World> {
    let mut recorder = record(config, Chooser::new(seed));
    recorder.run(MAX_STEPS + 1);
    recorder
}
