//! The orchestrated saga: one coordinator in the order service drives the steps.
//!
//! The orchestrator is a *workflow replayed from its log*, as Temporal's workers replay the
//! event history: [`World::saga_advance`] looks only at the durable log (and at which calls
//! are in flight) to decide what to do next, so running normally and recovering from a crash
//! are the same code. Before a request goes out, `started X` is logged; when the answer comes,
//! `done X` or `failed X`. After a crash the in-flight calls are gone; on recovery the log says
//! `started chargePayment` without `done`, so the request is sent again **with the same
//! idempotency key** — and the payment service's barrier answers the stored result instead of
//! charging twice.
//!
//! Retries: a step is retried after a timeout with exponential backoff (20, 40, 80 ms...) up to
//! [`STEP_ATTEMPTS`](crate::world::STEP_ATTEMPTS) attempts; then it counts as failed *without
//! an answer* (it may have taken effect), so compensation starts with that very step.
//! Compensations run one at a time, in reverse order, each retried up to
//! [`COMPENSATION_ATTEMPTS`](crate::world::COMPENSATION_ATTEMPTS) times; if one still gets no
//! answer the saga is *stuck* and needs a human. The pivot (`confirm`) is retried until it
//! answers.

use sim::Chooser;

use crate::event::Event;
use crate::net::CallKey;
use crate::saga::STEPS;
use crate::services::{Action, OrderStatus, Service};
use crate::world::{LogRecord, TxState, World};

impl World {
    pub(crate) fn saga_start(&mut self, chooser: &mut Chooser, events: &mut Vec<Event>) {
        self.append(events, LogRecord::Begin);
        self.saga_advance(chooser, events);
        if self.crash_due(0) {
            self.crash(events, Service::Order);
        }
    }

    /// Decides the next move from the log alone; see the module docs.
    pub(crate) fn saga_advance(&mut self, chooser: &mut Chooser, events: &mut Vec<Event>) {
        if self.down.contains(&Service::Order)
            || self.logged(LogRecord::Committed)
            || self.logged(LogRecord::Aborted)
        {
            return;
        }
        let failed = self.log.iter().find_map(|r| match *r {
            LogRecord::StepFailed { step, uncertain } => Some((step, uncertain)),
            _ => None,
        });
        if let Some((failed, uncertain)) = failed {
            let next = (0..=failed).rev().find(|&j| {
                (j < failed || uncertain)
                    && STEPS[usize::from(j)].compensation.is_some()
                    && !self.logged(LogRecord::CompensationDone(j))
            });
            let Some(j) = next else {
                self.append(events, LogRecord::Aborted);
                self.services.order = OrderStatus::Cancelled;
                self.set_state(events, TxState::Compensated);
                return;
            };
            let Some(action) = STEPS[usize::from(j)].compensation else {
                return;
            };
            if !self.logged(LogRecord::CompensationStarted(j)) {
                self.append(events, LogRecord::CompensationStarted(j));
                events.push(Event::CompensationStarted {
                    t: self.now,
                    step: j,
                    action,
                });
            }
            self.set_state(events, TxState::Compensating(j));
            let key = CallKey::Request { step: j, action };
            if !self.calls.contains_key(&(Service::Order, key)) {
                self.call(chooser, events, Service::Order, key, 1);
            }
            return;
        }
        let done = self
            .log
            .iter()
            .filter(|r| matches!(r, LogRecord::StepDone(_)))
            .count();
        let Some(def) = STEPS.get(done) else {
            self.append(events, LogRecord::Committed);
            self.services.order = OrderStatus::Confirmed;
            self.set_state(events, TxState::Committed);
            return;
        };
        let step = done as u8;
        self.set_state(events, TxState::Running(step));
        if !self.logged(LogRecord::StepStarted(step)) {
            self.append(events, LogRecord::StepStarted(step));
        }
        let key = CallKey::Request {
            step,
            action: def.forward,
        };
        if !self.calls.contains_key(&(Service::Order, key)) {
            events.push(Event::StepStarted {
                t: self.now,
                step,
                action: def.forward,
                attempt: 1,
            });
            self.call(chooser, events, Service::Order, key, 1);
        }
    }

    pub(crate) fn saga_reply(
        &mut self,
        chooser: &mut Chooser,
        events: &mut Vec<Event>,
        step: u8,
        action: Action,
        ok: bool,
    ) {
        let Some(def) = STEPS.get(usize::from(step)) else {
            return;
        };
        let t = self.now;
        let forward = def.forward == action;
        match (forward, ok) {
            (true, true) => {
                self.append(events, LogRecord::StepDone(step));
                events.push(Event::StepSucceeded { t, step, action });
            }
            (true, false) => {
                self.append(
                    events,
                    LogRecord::StepFailed {
                        step,
                        uncertain: false,
                    },
                );
                events.push(Event::StepFailed { t, step, action });
            }
            (false, true) => {
                self.append(events, LogRecord::CompensationDone(step));
                events.push(Event::Compensated { t, step, action });
            }
            // A compensation cannot fail by design; ask again.
            (false, false) => {}
        }
        self.saga_advance(chooser, events);
        if forward && ok && self.crash_due(usize::from(step) + 1) {
            self.crash(events, Service::Order);
        }
    }

    pub(crate) fn saga_gave_up(
        &mut self,
        chooser: &mut Chooser,
        events: &mut Vec<Event>,
        key: CallKey,
    ) {
        let CallKey::Request { step, action } = key else {
            return;
        };
        let forward = STEPS
            .get(usize::from(step))
            .is_some_and(|d| d.forward == action);
        if forward {
            self.append(
                events,
                LogRecord::StepFailed {
                    step,
                    uncertain: true,
                },
            );
            events.push(Event::StepFailed {
                t: self.now,
                step,
                action,
            });
            self.saga_advance(chooser, events);
        } else {
            self.set_state(events, TxState::Stuck);
        }
    }
}
