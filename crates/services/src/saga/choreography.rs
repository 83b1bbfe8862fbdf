//! The choreographed saga: no orchestrator, only events.
//!
//! The order service publishes `OrderCreated`; inventory reserves and publishes
//! `InventoryReserved`; payment charges and publishes `PaymentCharged`; points awards and
//! publishes `PointsAwarded`; inventory confirms (the pivot) and publishes `OrderCompleted`,
//! which the order service turns into a confirmed order. When a step fails, its service
//! publishes `Rollback(previous step)`, the previous service compensates and passes the
//! rollback on, back to `OrderRolledBack` at the order service.
//!
//! Each service publishes through a **transactional outbox**: the event is stored with the
//! state change and re-sent (timeout, exponential backoff, no limit) until the consumer acks —
//! at-least-once delivery. Consumers deduplicate by idempotency key (the barrier), and a
//! service never publishes the same event twice (`World::published`). A crash loses nothing:
//! on recovery the service re-sends its unacknowledged outbox.
//!
//! What choreography lacks, visibly: nobody watches the whole flow. A partition that outlasts
//! the horizon leaves the order pending (stuck) with no one to time it out.

use sim::Chooser;

use crate::event::Event;
use crate::net::CallKey;
use crate::saga::{ChoreoEvent, STEPS};
use crate::services::{Handled, OrderStatus, Service};
use crate::world::{TxState, World};

impl World {
    pub(crate) fn choreo_start(&mut self, chooser: &mut Chooser, events: &mut Vec<Event>) {
        self.set_state(events, TxState::Running(0));
        self.publish(chooser, events, Service::Order, ChoreoEvent::Execute(0));
        if self.crash_due(0) {
            self.crash(events, Service::Order);
        }
    }

    fn publish(
        &mut self,
        chooser: &mut Chooser,
        events: &mut Vec<Event>,
        owner: Service,
        event: ChoreoEvent,
    ) {
        if !self.published.contains(&(owner, event)) {
            self.published.push((owner, event));
            self.call(chooser, events, owner, CallKey::Publish(event), 1);
        }
    }

    /// `service` consumes `event` (already acked).
    pub(crate) fn choreo_consume(
        &mut self,
        chooser: &mut Chooser,
        events: &mut Vec<Event>,
        service: Service,
        event: ChoreoEvent,
    ) {
        let t = self.now;
        match event {
            ChoreoEvent::Execute(i) => {
                let Some(def) = STEPS.get(usize::from(i)) else {
                    return;
                };
                let fail = self.config.plan.step(i) == crate::faults::StepFault::Fail;
                let handled = self.serve_handled(events, service, def.forward, fail);
                let fresh = !matches!(handled, Handled::Duplicate(_));
                if handled.ok() {
                    if fresh {
                        self.set_state(events, TxState::Running(i));
                        events.push(Event::StepSucceeded {
                            t,
                            step: i,
                            action: def.forward,
                        });
                    }
                    let next = if usize::from(i) + 1 < STEPS.len() {
                        ChoreoEvent::Execute(i + 1)
                    } else {
                        ChoreoEvent::Completed
                    };
                    self.publish(chooser, events, service, next);
                    if fresh && self.crash_due(usize::from(i) + 1) {
                        self.crash(events, service);
                    }
                } else {
                    if fresh {
                        events.push(Event::StepFailed {
                            t,
                            step: i,
                            action: def.forward,
                        });
                    }
                    let back = match i {
                        0 => ChoreoEvent::Aborted,
                        _ => ChoreoEvent::Compensate(i - 1),
                    };
                    self.publish(chooser, events, service, back);
                }
            }
            ChoreoEvent::Compensate(i) => {
                let Some(action) = STEPS.get(usize::from(i)).and_then(|d| d.compensation) else {
                    return;
                };
                self.set_state(events, TxState::Compensating(i));
                events.push(Event::CompensationStarted { t, step: i, action });
                self.serve_handled(events, service, action, false);
                events.push(Event::Compensated { t, step: i, action });
                let back = match i {
                    0 => ChoreoEvent::Aborted,
                    _ => ChoreoEvent::Compensate(i - 1),
                };
                self.publish(chooser, events, service, back);
            }
            ChoreoEvent::Completed => {
                self.services.order = OrderStatus::Confirmed;
                self.set_state(events, TxState::Committed);
            }
            ChoreoEvent::Aborted => {
                self.services.order = OrderStatus::Cancelled;
                self.set_state(events, TxState::Compensated);
            }
        }
    }

    /// After a crash: re-send every unacknowledged outbox event of `node`.
    pub(crate) fn choreo_recover(
        &mut self,
        chooser: &mut Chooser,
        events: &mut Vec<Event>,
        node: Service,
    ) {
        let pending: Vec<(CallKey, u32)> = self
            .calls
            .iter()
            .filter(|((owner, _), _)| *owner == node)
            .map(|(&(_, key), &attempt)| (key, attempt))
            .collect();
        for (key, attempt) in pending {
            self.call(chooser, events, node, key, attempt + 1);
        }
    }
}
