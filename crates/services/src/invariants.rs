//! The invariants of the order world, checked after every step of every run.
//!
//! 1. **Stock conserved**: stock + reserved + sold = the initial stock, and no column is
//!    negative (an item cannot be released twice or sold out of thin air).
//! 2. **Money conserved**: balance + frozen + charged − refunded = the initial balance, and
//!    balance and frozen are never negative.
//! 3. **Charged at most once**: 0 ≤ charged − refunded ≤ the order's price (no double charge,
//!    no refund of money never taken).
//! 4. **Never paid and cancelled**: a cancelled order has a net charge of zero.
//! 5. **Nothing left hanging**: once the order is confirmed or cancelled, no reservation is left
//!    (no reserved stock, frozen money or pending points) — what suspension (悬挂) breaks.
//!
//! A saga is allowed to be *temporarily* inconsistent between steps (that is what makes it
//! "eventually consistent"): these invariants are the ones that must hold at *every* step.
//! The world records the first violation with its step; the page turns the panel red there.

use std::fmt;

use crate::services::{OrderStatus, Services};
use crate::{INITIAL_BALANCE, INITIAL_STOCK, ORDER_PRICE};

/// One of the invariants, in panel order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Invariant {
    StockConserved,
    MoneyConserved,
    ChargedOnce,
    PaidXorCancelled,
    NothingHanging,
}

impl Invariant {
    pub const ALL: [Invariant; 5] = [
        Invariant::StockConserved,
        Invariant::MoneyConserved,
        Invariant::ChargedOnce,
        Invariant::PaidXorCancelled,
        Invariant::NothingHanging,
    ];

    /// Whether the invariant holds in `s`; if not, a one-line explanation.
    pub fn check(self, s: &Services) -> Result<(), String> {
        let inv = &s.inventory;
        let pay = &s.payment;
        let net = pay.charged - pay.refunded;
        match self {
            Invariant::StockConserved => {
                let sum = inv.stock + inv.reserved + inv.sold;
                if sum != INITIAL_STOCK || inv.stock < 0 || inv.reserved < 0 || inv.sold < 0 {
                    return Err(format!(
                        "stock {} + reserved {} + sold {} = {sum} (must be {INITIAL_STOCK}, none negative)",
                        inv.stock, inv.reserved, inv.sold
                    ));
                }
            }
            Invariant::MoneyConserved => {
                let sum = pay.balance + pay.frozen + pay.charged - pay.refunded;
                if sum != INITIAL_BALANCE || pay.balance < 0 || pay.frozen < 0 {
                    return Err(format!(
                        "balance {} + frozen {} + charged {} − refunded {} = {sum} (must be {INITIAL_BALANCE}, none negative)",
                        pay.balance, pay.frozen, pay.charged, pay.refunded
                    ));
                }
            }
            Invariant::ChargedOnce => {
                if !(0..=ORDER_PRICE).contains(&net) {
                    return Err(format!(
                        "charged {} − refunded {} = {net} (must be 0..={ORDER_PRICE})",
                        pay.charged, pay.refunded
                    ));
                }
            }
            Invariant::PaidXorCancelled => {
                if s.order == OrderStatus::Cancelled && net != 0 {
                    return Err(format!("order cancelled but {net} still charged"));
                }
            }
            Invariant::NothingHanging => {
                let ended = s.order != OrderStatus::Pending;
                if ended && (inv.reserved != 0 || pay.frozen != 0 || s.points.pending != 0) {
                    return Err(format!(
                        "order {} but reserved {}, frozen {}, pending points {} left hanging",
                        s.order, inv.reserved, pay.frozen, s.points.pending
                    ));
                }
            }
        }
        Ok(())
    }

    /// The first invariant broken in `s`, with its explanation.
    pub fn first_broken(s: &Services) -> Option<(Invariant, String)> {
        Invariant::ALL
            .iter()
            .find_map(|&i| i.check(s).err().map(|why| (i, why)))
    }
}

impl fmt::Display for Invariant {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Invariant::StockConserved => "stock conserved",
            Invariant::MoneyConserved => "money conserved",
            Invariant::ChargedOnce => "charged at most once",
            Invariant::PaidXorCancelled => "never paid and cancelled",
            Invariant::NothingHanging => "nothing left hanging",
        })
    }
}

/// The first violation of a run: which invariant, at which step, why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Violation {
    pub invariant: Invariant,
    /// The step of the world (as the `Recorder` counts) after which it first failed.
    pub step: u64,
    pub detail: String,
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} at step {}: {}",
            self.invariant, self.step, self.detail
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fresh_world_is_consistent_and_a_negative_column_is_not() {
        let mut s = Services::new(INITIAL_STOCK, INITIAL_BALANCE);
        assert_eq!(Invariant::first_broken(&s), None);
        s.inventory.stock += 2;
        s.inventory.reserved -= 2;
        let (which, why) = Invariant::first_broken(&s).unwrap();
        assert_eq!(which, Invariant::StockConserved);
        assert!(why.contains("reserved -2"), "{why}");
    }
}
