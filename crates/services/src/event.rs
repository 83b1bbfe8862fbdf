//! The typed trace of a run: one [`Event`] per notable thing, each with a stable one-line
//! `Display` (`[  24ms] deliver #3 order → payment chargePayment#1`).
//!
//! The trace is the product: the sequence diagram, the state tables, the state machine and
//! the invariant panel are all views of the world at a step, and the tests compare traces as
//! text snapshots. Changing a line's wording changes every snapshot — on purpose.
//!
//! Invariant: every line starts with the virtual time `[{t:>4}ms]` (except the run header),
//! and times never decrease along a trace.

use std::fmt;

use crate::faults::FaultPlan;
use crate::invariants::Violation;
use crate::net::{Body, CallKey};
use crate::services::{Action, Change, Guards, Handled, Service};
use crate::world::{LogRecord, Outcome, Strategy, TxState};

/// Why a message copy never arrived.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DropReason {
    /// The network lost it (`net.loss`).
    Lost,
    /// The sender or recipient was partitioned.
    Partition,
    /// The recipient was down.
    Crashed,
}

impl fmt::Display for DropReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            DropReason::Lost => "lost",
            DropReason::Partition => "partition",
            DropReason::Crashed => "recipient down",
        })
    }
}

/// The three TCC anomalies the barrier guards against.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GuardKind {
    /// 空回滚: Cancel with no Try.
    EmptyRollback,
    /// 悬挂: Try after Cancel.
    Suspension,
    /// 幂等: the same request twice.
    Idempotency,
}

impl fmt::Display for GuardKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            GuardKind::EmptyRollback => "empty rollback",
            GuardKind::Suspension => "suspension",
            GuardKind::Idempotency => "idempotency",
        })
    }
}

/// One line of the trace.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Event {
    /// The run header: what runs, with which faults and guards.
    Begin {
        strategy: Strategy,
        plan: FaultPlan,
        guards: Guards,
    },
    Sent {
        t: u64,
        id: u32,
        from: Service,
        to: Service,
        body: Body,
        arrive: u64,
    },
    Delivered {
        t: u64,
        id: u32,
        from: Service,
        to: Service,
        body: Body,
    },
    Dropped {
        t: u64,
        id: u32,
        from: Service,
        to: Service,
        body: Body,
        why: DropReason,
    },
    /// Message `id` will also arrive as `copy`.
    Duplicated {
        t: u64,
        id: u32,
        copy: u32,
        arrive: u64,
    },
    StepStarted {
        t: u64,
        step: u8,
        action: Action,
        attempt: u32,
    },
    StepSucceeded {
        t: u64,
        step: u8,
        action: Action,
    },
    StepFailed {
        t: u64,
        step: u8,
        action: Action,
    },
    /// A call got no answer in time.
    TimedOut {
        t: u64,
        owner: Service,
        key: CallKey,
        attempt: u32,
    },
    /// The next attempt will go out at `at` (exponential backoff).
    Retry {
        t: u64,
        owner: Service,
        key: CallKey,
        attempt: u32,
        at: u64,
    },
    /// The retry limit is reached.
    GaveUp {
        t: u64,
        owner: Service,
        key: CallKey,
    },
    CompensationStarted {
        t: u64,
        step: u8,
        action: Action,
    },
    Compensated {
        t: u64,
        step: u8,
        action: Action,
    },
    /// A service handled a request.
    Handled {
        t: u64,
        service: Service,
        action: Action,
        handled: Handled,
    },
    /// A guard was off where it would have acted: the anomaly went through.
    Unguarded {
        t: u64,
        service: Service,
        action: Action,
        anomaly: GuardKind,
    },
    /// A service's columns changed.
    Changed {
        t: u64,
        service: Service,
        changes: Vec<Change>,
    },
    /// The orchestrator / coordinator appended to its durable log.
    Logged {
        t: u64,
        record: LogRecord,
    },
    Crash {
        t: u64,
        node: Service,
    },
    Recovered {
        t: u64,
        node: Service,
        records: usize,
    },
    /// The transaction's state machine moved.
    State {
        t: u64,
        state: TxState,
    },
    /// An invariant broke (the first time).
    Broken {
        t: u64,
        violation: Violation,
    },
    /// The run ended.
    Finished {
        t: u64,
        outcome: Outcome,
    },
}

impl Event {
    /// The virtual time of the event (0 for the header).
    pub fn time(&self) -> u64 {
        match *self {
            Event::Begin { .. } => 0,
            Event::Sent { t, .. }
            | Event::Delivered { t, .. }
            | Event::Dropped { t, .. }
            | Event::Duplicated { t, .. }
            | Event::StepStarted { t, .. }
            | Event::StepSucceeded { t, .. }
            | Event::StepFailed { t, .. }
            | Event::TimedOut { t, .. }
            | Event::Retry { t, .. }
            | Event::GaveUp { t, .. }
            | Event::CompensationStarted { t, .. }
            | Event::Compensated { t, .. }
            | Event::Handled { t, .. }
            | Event::Unguarded { t, .. }
            | Event::Changed { t, .. }
            | Event::Logged { t, .. }
            | Event::Crash { t, .. }
            | Event::Recovered { t, .. }
            | Event::State { t, .. }
            | Event::Broken { t, .. }
            | Event::Finished { t, .. } => t,
        }
    }
}

impl fmt::Display for CallKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CallKey::Request { step, action } => write!(f, "step {} {action}", step + 1),
            CallKey::Publish(event) => write!(f, "event {event}"),
        }
    }
}

impl fmt::Display for Event {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Event::Begin {
            strategy,
            plan,
            guards,
        } = self
        {
            let flag = |on: bool| if on { "on" } else { "OFF" };
            return write!(
                f,
                "begin {strategy} faults: {plan}; guards: empty-rollback {} suspension {} idempotency {}",
                flag(guards.empty_rollback),
                flag(guards.suspension),
                flag(guards.idempotency)
            );
        }
        write!(f, "[{:>4}ms] ", self.time())?;
        match self {
            Event::Begin { .. } => Ok(()),
            Event::Sent {
                id,
                from,
                to,
                body,
                arrive,
                ..
            } => write!(f, "send #{id} {from} → {to} {body} (due {arrive}ms)"),
            Event::Delivered {
                id, from, to, body, ..
            } => write!(f, "deliver #{id} {from} → {to} {body}"),
            Event::Dropped {
                id,
                from,
                to,
                body,
                why,
                ..
            } => write!(f, "drop #{id} {from} → {to} {body}: {why}"),
            Event::Duplicated {
                id, copy, arrive, ..
            } => write!(f, "duplicate #{id} as #{copy} (due {arrive}ms)"),
            Event::StepStarted {
                step,
                action,
                attempt,
                ..
            } => write!(f, "step {} {action} attempt {attempt}", step + 1),
            Event::StepSucceeded { step, action, .. } => {
                write!(f, "step {} {action} succeeded", step + 1)
            }
            Event::StepFailed { step, action, .. } => {
                write!(f, "step {} {action} FAILED", step + 1)
            }
            Event::TimedOut {
                owner,
                key,
                attempt,
                ..
            } => write!(f, "{owner}: {key} attempt {attempt} timed out"),
            Event::Retry {
                owner,
                key,
                attempt,
                at,
                ..
            } => write!(f, "{owner}: retry {key} as attempt {attempt} at {at}ms"),
            Event::GaveUp { owner, key, .. } => write!(f, "{owner}: gave up on {key}"),
            Event::CompensationStarted { step, action, .. } => {
                write!(f, "compensate step {} with {action}", step + 1)
            }
            Event::Compensated { step, action, .. } => {
                write!(f, "compensated step {} ({action})", step + 1)
            }
            Event::Handled {
                service,
                action,
                handled,
                ..
            } => {
                write!(f, "{service} {action}: ")?;
                match handled {
                    Handled::Applied => f.write_str("applied"),
                    Handled::Rejected => f.write_str("rejected (business failure)"),
                    Handled::Duplicate(ok) => write!(
                        f,
                        "duplicate ignored (idempotency key seen, answer {})",
                        if *ok { "ok" } else { "failed" }
                    ),
                    Handled::EmptyRollback => {
                        f.write_str("empty rollback recorded, nothing to undo")
                    }
                    Handled::Suspended => {
                        f.write_str("refused: already cancelled (suspension guard)")
                    }
                }
            }
            Event::Unguarded {
                service,
                action,
                anomaly,
                ..
            } => write!(f, "{service} {action}: {anomaly} guard is OFF, ran anyway"),
            Event::Changed {
                service, changes, ..
            } => {
                write!(f, "{service}:")?;
                for (name, before, after) in changes {
                    write!(f, " {name} {before}→{after}")?;
                }
                Ok(())
            }
            Event::Logged { record, .. } => write!(f, "log: {record}"),
            Event::Crash { node, .. } => write!(f, "CRASH {node}"),
            Event::Recovered { node, records, .. } => {
                write!(f, "{node} recovered, replayed {records} log records")
            }
            Event::State { state, .. } => write!(f, "state → {state}"),
            Event::Broken { violation, .. } => write!(f, "INVARIANT BROKEN: {violation}"),
            Event::Finished { outcome, .. } => write!(f, "end: {outcome}"),
        }
    }
}
