//! TCC — Try / Confirm / Cancel — as DTM and Seata implement it.
//!
//! Phase one: the coordinator (in the order service) sends **Try** to every branch
//! (inventory, payment, points) at once; each branch *reserves* (stock → reserved, balance →
//! frozen, points → pending) without using anything. If every Try answers ok, the coordinator
//! logs the decision `confirm` and phase two sends **Confirm** (use the reservation);
//! otherwise — a Try failed or did not answer within the timeout — it logs `cancel` and sends
//! **Cancel** (release it) to *every* branch, including those that never answered. Phase-two
//! messages are retried until acknowledged: once decided, the decision is final.
//!
//! That last rule is where the anomalies come from, and the branch barrier
//! (`services.rs`) is where they are handled:
//! - **empty rollback (空回滚)**: a Try was delayed, the coordinator timed out and cancelled;
//!   Cancel reaches a branch that never saw the Try. It must record the Cancel and succeed
//!   without releasing anything.
//! - **suspension (悬挂)**: the delayed Try arrives *after* that Cancel. It must be refused, or it
//!   reserves resources that no Confirm or Cancel will ever release.
//! - **idempotency (幂等)**: Confirm and Cancel are retried and may be delivered twice; the
//!   second must change nothing.
//!
//! Recovery: the decision is logged before phase two starts. A coordinator that crashes before
//! deciding rolls back on restart (presumed abort); after deciding, it resumes phase two.
//! [`World::tcc_table`] is the transaction-status table the page shows, one row per branch.

use sim::Chooser;

use crate::event::Event;
use crate::net::CallKey;
use crate::services::{Action, OrderStatus, Service};
use crate::world::{LogRecord, TxState, World};

/// The branches, in order.
pub const BRANCHES: [Service; 3] = [Service::Inventory, Service::Payment, Service::Points];

/// Phase one of a branch, as the coordinator knows it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TryStatus {
    /// Sent, no answer yet.
    Pending,
    Ok,
    /// Failed, or no answer in time.
    Failed,
}

/// Phase two of a branch, as the coordinator knows it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SecondPhase {
    /// Not decided yet.
    Undecided,
    Confirming,
    Confirmed,
    Cancelling,
    Cancelled,
}

/// One row of the transaction-status table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BranchRow {
    pub service: Service,
    pub try_status: TryStatus,
    pub second: SecondPhase,
}

impl World {
    pub(crate) fn tcc_start(&mut self, chooser: &mut Chooser, events: &mut Vec<Event>) {
        self.append(events, LogRecord::Begin);
        self.set_state(events, TxState::Trying);
        for branch in 0..BRANCHES.len() as u8 {
            events.push(Event::StepStarted {
                t: self.now,
                step: branch,
                action: Action::Try,
                attempt: 1,
            });
            let key = CallKey::Request {
                step: branch,
                action: Action::Try,
            };
            self.call(chooser, events, Service::Order, key, 1);
        }
        if self.crash_due(0) {
            self.crash(events, Service::Order);
        }
    }

    pub(crate) fn tcc_reply(
        &mut self,
        chooser: &mut Chooser,
        events: &mut Vec<Event>,
        branch: u8,
        action: Action,
        ok: bool,
    ) {
        let t = self.now;
        match action {
            Action::Try => {
                self.append(events, LogRecord::TryResult { branch, ok });
                events.push(if ok {
                    Event::StepSucceeded {
                        t,
                        step: branch,
                        action,
                    }
                } else {
                    Event::StepFailed {
                        t,
                        step: branch,
                        action,
                    }
                });
                self.tcc_advance(chooser, events);
                let oks = self
                    .log
                    .iter()
                    .filter(|r| matches!(r, LogRecord::TryResult { ok: true, .. }))
                    .count();
                if ok && self.crash_due(oks) {
                    self.crash(events, Service::Order);
                }
            }
            _ if ok => {
                self.append(events, LogRecord::BranchDone(branch));
                events.push(if action == Action::TccCancel {
                    Event::Compensated {
                        t,
                        step: branch,
                        action,
                    }
                } else {
                    Event::StepSucceeded {
                        t,
                        step: branch,
                        action,
                    }
                });
                self.tcc_advance(chooser, events);
            }
            // Phase two cannot fail by design; ask again.
            _ => self.tcc_advance(chooser, events),
        }
    }

    pub(crate) fn tcc_gave_up(
        &mut self,
        chooser: &mut Chooser,
        events: &mut Vec<Event>,
        key: CallKey,
    ) {
        if let CallKey::Request {
            step,
            action: Action::Try,
        } = key
        {
            self.append(
                events,
                LogRecord::TryResult {
                    branch: step,
                    ok: false,
                },
            );
            events.push(Event::StepFailed {
                t: self.now,
                step,
                action: Action::Try,
            });
            self.tcc_advance(chooser, events);
        }
    }

    /// Presumed abort: undecided after a crash means cancel.
    pub(crate) fn tcc_recover(&mut self, chooser: &mut Chooser, events: &mut Vec<Event>) {
        if self.decision().is_none() {
            self.append(events, LogRecord::Decision { commit: false });
        }
        self.tcc_advance(chooser, events);
    }

    fn decision(&self) -> Option<bool> {
        self.log.iter().find_map(|r| match *r {
            LogRecord::Decision { commit } => Some(commit),
            _ => None,
        })
    }

    fn try_result(&self, branch: u8) -> Option<bool> {
        self.log.iter().find_map(|r| match *r {
            LogRecord::TryResult { branch: b, ok } if b == branch => Some(ok),
            _ => None,
        })
    }

    fn tcc_advance(&mut self, chooser: &mut Chooser, events: &mut Vec<Event>) {
        if self.down.contains(&Service::Order) || self.logged(LogRecord::End) {
            return;
        }
        let commit = match self.decision() {
            Some(commit) => commit,
            None => {
                let results: Vec<Option<bool>> = (0..BRANCHES.len() as u8)
                    .map(|b| self.try_result(b))
                    .collect();
                let commit = if results.contains(&Some(false)) {
                    false
                } else if results.iter().all(|r| *r == Some(true)) {
                    true
                } else {
                    return; // still waiting for Try answers
                };
                self.append(events, LogRecord::Decision { commit });
                commit
            }
        };
        // Decided: late Try answers no longer matter.
        self.calls.retain(|(_, key), _| {
            !matches!(
                key,
                CallKey::Request {
                    action: Action::Try,
                    ..
                }
            )
        });
        self.set_state(
            events,
            if commit {
                TxState::Confirming
            } else {
                TxState::Cancelling
            },
        );
        let action = if commit {
            Action::TccConfirm
        } else {
            Action::TccCancel
        };
        let mut all_done = true;
        for branch in 0..BRANCHES.len() as u8 {
            if self.logged(LogRecord::BranchDone(branch)) {
                continue;
            }
            all_done = false;
            let key = CallKey::Request {
                step: branch,
                action,
            };
            if !self.calls.contains_key(&(Service::Order, key)) {
                if !commit {
                    events.push(Event::CompensationStarted {
                        t: self.now,
                        step: branch,
                        action,
                    });
                }
                self.call(chooser, events, Service::Order, key, 1);
            }
        }
        if all_done {
            self.append(events, LogRecord::End);
            self.services.order = if commit {
                OrderStatus::Confirmed
            } else {
                OrderStatus::Cancelled
            };
            self.set_state(
                events,
                if commit {
                    TxState::Committed
                } else {
                    TxState::Compensated
                },
            );
        }
    }

    /// The coordinator's transaction-status table: one row per branch.
    pub fn tcc_table(&self) -> Vec<BranchRow> {
        let decision = self.decision();
        (0..BRANCHES.len() as u8)
            .map(|b| BranchRow {
                service: BRANCHES[usize::from(b)],
                try_status: match self.try_result(b) {
                    None => TryStatus::Pending,
                    Some(true) => TryStatus::Ok,
                    Some(false) => TryStatus::Failed,
                },
                second: match (decision, self.logged(LogRecord::BranchDone(b))) {
                    (None, _) => SecondPhase::Undecided,
                    (Some(true), false) => SecondPhase::Confirming,
                    (Some(true), true) => SecondPhase::Confirmed,
                    (Some(false), false) => SecondPhase::Cancelling,
                    (Some(false), true) => SecondPhase::Cancelled,
                },
            })
            .collect()
    }
}
