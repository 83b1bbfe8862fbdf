//! The Saga pattern (Garcia-Molina & Salem, "Sagas", SIGMOD 1987): a long transaction split
//! into local steps T1..Tn, each with a compensation C1..Cn, such that the system ends in
//! either T1..Tn (committed) or T1..Tj Cj..C1 (compensated) — never half-way.
//!
//! The order saga is the course's (chapter 4.2, `OrderSagaDefinition`): reserveInventory /
//! cancelInventory, chargePayment / refundPayment, then awardPoints / revokePoints and the
//! pivot `confirm` (reserved stock becomes sold). A step after which the saga can no longer be
//! undone is the *pivot*: `confirm` has no compensation, so once started it is retried until
//! it succeeds (or fails outright, with no effect).
//!
//! Two ways to run it:
//! - `orchestrator.rs` — one coordinator (in the order service) tells each service what to do
//!   and writes every decision to a durable log first; after a crash it replays the log and
//!   carries on (Temporal's event history, Seata's saga state machine).
//! - `choreography.rs` — no coordinator: each service reacts to the previous service's event
//!   and publishes its own through a durable outbox (at-least-once delivery, deduplicated by
//!   the consumers' idempotency keys).
//!
//! Invariant of both: compensations run in the reverse order of the steps, each at most once
//! in effect, and only for steps that may have taken effect.

pub mod choreography;
pub mod orchestrator;

use std::fmt;

use crate::services::{Action, Service};

/// One step of the saga definition.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StepDef {
    pub service: Service,
    pub forward: Action,
    /// `None` for the pivot.
    pub compensation: Option<Action>,
}

/// The order saga, in order.
pub const STEPS: [StepDef; 4] = [
    StepDef {
        service: Service::Inventory,
        forward: Action::ReserveInventory,
        compensation: Some(Action::CancelInventory),
    },
    StepDef {
        service: Service::Payment,
        forward: Action::ChargePayment,
        compensation: Some(Action::RefundPayment),
    },
    StepDef {
        service: Service::Points,
        forward: Action::AwardPoints,
        compensation: Some(Action::RevokePoints),
    },
    StepDef {
        service: Service::Inventory,
        forward: Action::Confirm,
        compensation: None,
    },
];

/// A domain event of the choreographed saga.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum ChoreoEvent {
    /// The fact that makes step `i` run (`OrderCreated` for step 0, then the previous step's
    /// success).
    Execute(u8),
    /// The fact that makes step `i` compensate (the step after it failed or was undone).
    Compensate(u8),
    /// The last step succeeded: the order is confirmed.
    Completed,
    /// Step 0 was undone (or failed): the order is cancelled.
    Aborted,
}

impl ChoreoEvent {
    /// The service that consumes the event.
    pub fn consumer(self) -> Service {
        match self {
            ChoreoEvent::Execute(i) | ChoreoEvent::Compensate(i) => STEPS
                .get(usize::from(i))
                .map_or(Service::Order, |s| s.service),
            ChoreoEvent::Completed | ChoreoEvent::Aborted => Service::Order,
        }
    }

    /// The step the event is about (for the fault plan): the consumer's step, or the last.
    pub fn step(self) -> u8 {
        match self {
            ChoreoEvent::Execute(i) | ChoreoEvent::Compensate(i) => i,
            ChoreoEvent::Completed | ChoreoEvent::Aborted => STEPS.len() as u8,
        }
    }
}

impl fmt::Display for ChoreoEvent {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ChoreoEvent::Execute(i) => f.write_str(
                [
                    "OrderCreated",
                    "InventoryReserved",
                    "PaymentCharged",
                    "PointsAwarded",
                ]
                .get(usize::from(*i))
                .copied()
                .unwrap_or("?"),
            ),
            ChoreoEvent::Compensate(i) => write!(
                f,
                "Rollback({})",
                STEPS.get(usize::from(*i)).map_or("?", |s| s.forward.name())
            ),
            ChoreoEvent::Completed => f.write_str("OrderCompleted"),
            ChoreoEvent::Aborted => f.write_str("OrderRolledBack"),
        }
    }
}
