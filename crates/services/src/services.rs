//! The four services of the order flow and their local state: order, inventory, payment,
//! points. Each owns its data (database-per-service) and handles requests idempotently.
//!
//! Every request carries the transaction id and an [`Action`]; the service runs it behind a
//! *branch barrier*, the table DTM calls `barrier` (gid, branch, op) and Seata calls
//! `tcc_fence_log`: one row per (transaction, [`Phase`]) already handled. The barrier is the
//! idempotency-key dedupe table and guards against the three TCC anomalies:
//!
//! - **idempotency (幂等)**: a row for (tx, phase) already exists → return the stored result,
//!   change nothing (a duplicate Confirm/Cancel or retried request has no second effect);
//! - **empty rollback (空回滚)**: an Undo (Cancel / compensation) arrives and no successful
//!   Forward (Try / action) row exists → record the Undo and succeed without releasing
//!   anything;
//! - **suspension (悬挂)**: a Forward arrives after an Undo row exists → refuse it, so a late
//!   Try cannot reserve resources nobody will ever confirm or cancel.
//!
//! Each guard can be switched off ([`Guards`]); the service then runs the naive SQL a first
//! implementation would (`stock = stock + 2, reserved = reserved - 2`) and the invariants in
//! `invariants.rs` show the damage.
//!
//! Invariant (with all guards on): for each service, stock + reserved + sold and balance +
//! frozen + charged − refunded never change, and no column goes below zero.

use std::fmt;

use crate::{ORDER_POINTS, ORDER_PRICE, ORDER_QTY};

/// A service (a node of the network). The orchestrator / TCC coordinator lives in `Order`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Service {
    Order,
    Inventory,
    Payment,
    Points,
}

impl Service {
    /// Every service, in lifeline order.
    pub const ALL: [Service; 4] = [
        Service::Order,
        Service::Inventory,
        Service::Payment,
        Service::Points,
    ];

    /// Index in [`Service::ALL`].
    pub fn index(self) -> usize {
        self as usize
    }

    /// Base one-way latency between the order service and this one, in ms.
    pub fn base_latency(self) -> u64 {
        match self {
            Service::Order => 0,
            Service::Inventory => 8,
            Service::Payment => 12,
            Service::Points => 6,
        }
    }
}

impl fmt::Display for Service {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Service::Order => "order",
            Service::Inventory => "inventory",
            Service::Payment => "payment",
            Service::Points => "points",
        })
    }
}

/// What a request asks a service to do.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Action {
    /// Saga: move stock to reserved (inventory).
    ReserveInventory,
    /// Saga compensation: release the reservation.
    CancelInventory,
    /// Saga: take the money (payment).
    ChargePayment,
    /// Saga compensation: give it back.
    RefundPayment,
    /// Saga: add points (points).
    AwardPoints,
    /// Saga compensation: take them back.
    RevokePoints,
    /// Saga's last step (the pivot): reserved becomes sold (inventory).
    Confirm,
    /// TCC phase 1: reserve the resource.
    Try,
    /// TCC phase 2, commit: use the reservation.
    TccConfirm,
    /// TCC phase 2, rollback: release the reservation.
    TccCancel,
}

impl Action {
    /// The barrier phase this action belongs to.
    pub fn phase(self) -> Phase {
        match self {
            Action::ReserveInventory
            | Action::ChargePayment
            | Action::AwardPoints
            | Action::Try => Phase::Forward,
            Action::CancelInventory
            | Action::RefundPayment
            | Action::RevokePoints
            | Action::TccCancel => Phase::Undo,
            Action::Confirm | Action::TccConfirm => Phase::Commit,
        }
    }

    /// The name as the seed's saga definition spells it (`reserveInventory`).
    pub fn name(self) -> &'static str {
        match self {
            Action::ReserveInventory => "reserveInventory",
            Action::CancelInventory => "cancelInventory",
            Action::ChargePayment => "chargePayment",
            Action::RefundPayment => "refundPayment",
            Action::AwardPoints => "awardPoints",
            Action::RevokePoints => "revokePoints",
            Action::Confirm => "confirm",
            Action::Try => "try",
            Action::TccConfirm => "confirm",
            Action::TccCancel => "cancel",
        }
    }
}

impl fmt::Display for Action {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The three kinds of barrier rows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Phase {
    /// Try, or a saga step's action.
    Forward,
    /// Confirm, or the saga's pivot.
    Commit,
    /// Cancel, or a compensation.
    Undo,
}

impl fmt::Display for Phase {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Phase::Forward => "try",
            Phase::Commit => "confirm",
            Phase::Undo => "cancel",
        })
    }
}

/// Which barrier guards are on. All on is the correct implementation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Guards {
    pub empty_rollback: bool,
    pub suspension: bool,
    pub idempotency: bool,
}

impl Default for Guards {
    fn default() -> Self {
        Guards {
            empty_rollback: true,
            suspension: true,
            idempotency: true,
        }
    }
}

/// How a service answered a request.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Handled {
    /// Done, with effect.
    Applied,
    /// Business failure (out of stock, card declined): no effect.
    Rejected,
    /// Idempotency: the barrier already had this row; the stored answer, no effect.
    Duplicate(bool),
    /// Empty rollback: an Undo with no successful Forward; recorded, no effect.
    EmptyRollback,
    /// Suspension: a Forward after an Undo; refused.
    Suspended,
}

impl Handled {
    /// Whether the caller should see success.
    pub fn ok(self) -> bool {
        match self {
            Handled::Applied | Handled::EmptyRollback => true,
            Handled::Rejected | Handled::Suspended => false,
            Handled::Duplicate(ok) => ok,
        }
    }
}

/// What an anomaly looked like when its guard was off (for the trace).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unguarded {
    None,
    EmptyRollback,
    Suspension,
    Duplicate,
}

/// The barrier table of one service: one row per phase handled (one order per run, so the
/// transaction id is implicit), with the result given. Indexed by phase (a plain array keeps
/// the wasm small).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Barrier {
    slots: [Option<bool>; 3],
}

impl Barrier {
    fn get(&self, phase: Phase) -> Option<bool> {
        self.slots[phase as usize]
    }

    fn insert(&mut self, phase: Phase, ok: bool) {
        self.slots[phase as usize] = Some(ok);
    }

    /// The rows, in phase order: `(phase, result)`.
    pub fn rows(&self) -> Vec<(Phase, bool)> {
        [Phase::Forward, Phase::Commit, Phase::Undo]
            .into_iter()
            .filter_map(|p| self.get(p).map(|ok| (p, ok)))
            .collect()
    }

    /// Runs `effect` behind the guards. Returns what happened and, if a guard was off where it
    /// would have acted, which anomaly went through.
    pub fn guarded<S>(
        &mut self,
        state: &mut S,
        phase: Phase,
        guards: Guards,
        effect: impl FnOnce(&mut S) -> bool,
    ) -> (Handled, Unguarded) {
        let mut unguarded = Unguarded::None;
        if let Some(ok) = self.get(phase) {
            if guards.idempotency {
                return (Handled::Duplicate(ok), Unguarded::None);
            }
            unguarded = Unguarded::Duplicate;
        }
        match phase {
            Phase::Forward if self.get(Phase::Undo).is_some() => {
                if guards.suspension {
                    self.insert(phase, false);
                    return (Handled::Suspended, Unguarded::None);
                }
                unguarded = Unguarded::Suspension;
            }
            Phase::Undo if self.get(Phase::Forward) != Some(true) => {
                if guards.empty_rollback {
                    self.insert(phase, true);
                    return (Handled::EmptyRollback, Unguarded::None);
                }
                if unguarded == Unguarded::None {
                    unguarded = Unguarded::EmptyRollback;
                }
            }
            _ => {}
        }
        let ok = effect(state);
        self.insert(phase, ok);
        (
            if ok {
                Handled::Applied
            } else {
                Handled::Rejected
            },
            unguarded,
        )
    }
}

/// The inventory of the one item: stock on the shelf, reserved for orders, sold.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Inventory {
    pub stock: i64,
    pub reserved: i64,
    pub sold: i64,
    pub barrier: Barrier,
}

/// The buyer's account: balance, money frozen by TCC Try, charged and refunded totals.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Payment {
    pub balance: i64,
    pub frozen: i64,
    pub charged: i64,
    pub refunded: i64,
    pub barrier: Barrier,
}

/// The buyer's points: awarded, and pending (TCC Try).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Points {
    pub points: i64,
    pub pending: i64,
    pub barrier: Barrier,
}

/// The order as the order service stores it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OrderStatus {
    Pending,
    Confirmed,
    Cancelled,
}

impl fmt::Display for OrderStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            OrderStatus::Pending => "pending",
            OrderStatus::Confirmed => "confirmed",
            OrderStatus::Cancelled => "cancelled",
        })
    }
}

/// The state of all four services.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Services {
    pub order: OrderStatus,
    pub inventory: Inventory,
    pub payment: Payment,
    pub points: Points,
}

/// A column that changed, for the trace: `(name, before, after)`.
pub type Change = (&'static str, i64, i64);

impl Services {
    /// The world before the order.
    pub fn new(stock: i64, balance: i64) -> Services {
        Services {
            order: OrderStatus::Pending,
            inventory: Inventory {
                stock,
                reserved: 0,
                sold: 0,
                barrier: Barrier::default(),
            },
            payment: Payment {
                balance,
                frozen: 0,
                charged: 0,
                refunded: 0,
                barrier: Barrier::default(),
            },
            points: Points {
                points: 0,
                pending: 0,
                barrier: Barrier::default(),
            },
        }
    }

    /// The numeric columns of a service, for tables and the trace.
    pub fn columns(&self, service: Service) -> Vec<(&'static str, i64)> {
        match service {
            Service::Order => vec![],
            Service::Inventory => vec![
                ("stock", self.inventory.stock),
                ("reserved", self.inventory.reserved),
                ("sold", self.inventory.sold),
            ],
            Service::Payment => vec![
                ("balance", self.payment.balance),
                ("frozen", self.payment.frozen),
                ("charged", self.payment.charged),
                ("refunded", self.payment.refunded),
            ],
            Service::Points => vec![
                ("points", self.points.points),
                ("pending", self.points.pending),
            ],
        }
    }

    /// The barrier rows of a service.
    pub fn barrier(&self, service: Service) -> Option<&Barrier> {
        match service {
            Service::Order => None,
            Service::Inventory => Some(&self.inventory.barrier),
            Service::Payment => Some(&self.payment.barrier),
            Service::Points => Some(&self.points.barrier),
        }
    }

    /// Handles `action` at `service`; `fail` makes a forward action a business failure (the
    /// fault plan's "fail"). Returns the answer, the anomaly let through, and what changed.
    pub fn handle(
        &mut self,
        service: Service,
        action: Action,
        guards: Guards,
        fail: bool,
    ) -> (Handled, Unguarded, Vec<Change>) {
        let before = self.columns(service);
        let phase = action.phase();
        let (handled, unguarded) = match service {
            Service::Order => (Handled::Rejected, Unguarded::None),
            Service::Inventory => {
                let inv = &mut self.inventory;
                let mut barrier = std::mem::take(&mut inv.barrier);
                let r = barrier.guarded(inv, phase, guards, |s| match phase {
                    Phase::Forward => {
                        if fail || s.stock < ORDER_QTY {
                            return false;
                        }
                        s.stock -= ORDER_QTY;
                        s.reserved += ORDER_QTY;
                        true
                    }
                    Phase::Commit => {
                        if fail {
                            return false;
                        }
                        s.reserved -= ORDER_QTY;
                        s.sold += ORDER_QTY;
                        true
                    }
                    Phase::Undo => {
                        s.reserved -= ORDER_QTY;
                        s.stock += ORDER_QTY;
                        true
                    }
                });
                inv.barrier = barrier;
                r
            }
            Service::Payment => {
                let pay = &mut self.payment;
                let mut barrier = std::mem::take(&mut pay.barrier);
                let r = barrier.guarded(pay, phase, guards, |s| match (action, phase) {
                    (_, Phase::Forward) if fail || s.balance < ORDER_PRICE => false,
                    (Action::ChargePayment, _) => {
                        s.balance -= ORDER_PRICE;
                        s.charged += ORDER_PRICE;
                        true
                    }
                    (Action::RefundPayment, _) => {
                        s.balance += ORDER_PRICE;
                        s.refunded += ORDER_PRICE;
                        true
                    }
                    (_, Phase::Forward) => {
                        s.balance -= ORDER_PRICE;
                        s.frozen += ORDER_PRICE;
                        true
                    }
                    (_, Phase::Commit) => {
                        s.frozen -= ORDER_PRICE;
                        s.charged += ORDER_PRICE;
                        true
                    }
                    (_, Phase::Undo) => {
                        s.frozen -= ORDER_PRICE;
                        s.balance += ORDER_PRICE;
                        true
                    }
                });
                pay.barrier = barrier;
                r
            }
            Service::Points => {
                let pts = &mut self.points;
                let mut barrier = std::mem::take(&mut pts.barrier);
                let r = barrier.guarded(pts, phase, guards, |s| match (action, phase) {
                    (_, Phase::Forward) if fail => false,
                    (Action::AwardPoints, _) => {
                        s.points += ORDER_POINTS;
                        true
                    }
                    (Action::RevokePoints, _) => {
                        s.points -= ORDER_POINTS;
                        true
                    }
                    (_, Phase::Forward) => {
                        s.pending += ORDER_POINTS;
                        true
                    }
                    (_, Phase::Commit) => {
                        s.pending -= ORDER_POINTS;
                        s.points += ORDER_POINTS;
                        true
                    }
                    (_, Phase::Undo) => {
                        s.pending -= ORDER_POINTS;
                        true
                    }
                });
                pts.barrier = barrier;
                r
            }
        };
        let after = self.columns(service);
        let changes = before
            .iter()
            .zip(&after)
            .filter(|(b, a)| b.1 != a.1)
            .map(|(b, a)| (b.0, b.1, a.1))
            .collect();
        (handled, unguarded, changes)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn barrier_guards_the_three_anomalies() {
        let mut s = Services::new(10, 100);
        let g = Guards::default();
        // Empty rollback: Cancel before any Try.
        let (h, _, c) = s.handle(Service::Payment, Action::TccCancel, g, false);
        assert_eq!(h, Handled::EmptyRollback);
        assert!(c.is_empty());
        // Suspension: the late Try is refused.
        let (h, _, c) = s.handle(Service::Payment, Action::Try, g, false);
        assert_eq!(h, Handled::Suspended);
        assert!(c.is_empty());
        // Idempotency: a second Cancel changes nothing.
        let (h, _, _) = s.handle(Service::Payment, Action::TccCancel, g, false);
        assert_eq!(h, Handled::Duplicate(true));
        assert_eq!(s.payment.balance, 100);
    }

    #[test]
    fn without_guards_the_naive_sql_runs() {
        let mut s = Services::new(10, 100);
        let off = Guards {
            empty_rollback: false,
            suspension: false,
            idempotency: false,
        };
        let (h, u, _) = s.handle(Service::Inventory, Action::TccCancel, off, false);
        assert_eq!((h, u), (Handled::Applied, Unguarded::EmptyRollback));
        assert_eq!((s.inventory.stock, s.inventory.reserved), (12, -2));
    }
}
