//! `Shared<T>`: a value that clones of the machine share until one of them changes it
//! (copy-on-write, structural sharing).
//!
//! The player's recorder keeps a clone of the [`Machine`](crate::Machine) every few thousand
//! instructions and restores one on every seek. In a program with many goroutines most of
//! them are parked between two checkpoints, so cloning each one's frames and stack again,
//! and dropping them again when a restored machine goes away, is wasted work and memory. A
//! `Shared<T>` clone is one reference-count increment; the first write through it after a
//! clone copies the value (as `Rc::make_mut` would), later writes find the count at 1 and copy
//! nothing.
//!
//! Invariants:
//! - *A clone is still a snapshot* (the `sim::Simulation` contract): the shared value is
//!   never written while shared — `DerefMut` is the only way to a `&mut T`, and it unshares
//!   first. There is no interior mutability and no `Weak`.
//! - *Transparent*: equality and `Debug` are the value's, so sharing can change no trace,
//!   snapshot or comparison; only [`Shared::ptr_eq`] can tell two equal values apart (the
//!   memory accounting in `footprint.rs` uses it).
//! - A `&mut Shared<T>` taken only to read still unshares on the first `DerefMut`: read
//!   through `&` (`iter`, `get`, `[i]` in a read position) so that parked values stay shared.

use std::ops::{Deref, DerefMut};
use std::rc::Rc;

/// A copy-on-write `T`; see the module docs.
pub struct Shared<T>(Rc<T>);

impl<T> Shared<T> {
    pub fn new(value: T) -> Self {
        Shared(Rc::new(value))
    }

    /// Whether `a` and `b` are the same allocation: a clone neither has written since.
    pub fn ptr_eq(a: &Self, b: &Self) -> bool {
        Rc::ptr_eq(&a.0, &b.0)
    }
}

impl<T> Clone for Shared<T> {
    /// One reference-count increment, whatever `T` holds.
    fn clone(&self) -> Self {
        Shared(Rc::clone(&self.0))
    }
}

impl<T> Deref for Shared<T> {
    type Target = T;

    #[inline]
    fn deref(&self) -> &T {
        &self.0
    }
}

impl<T: Clone> DerefMut for Shared<T> {
    /// Copies the value first if another clone still shares it.
    ///
    /// The interpreter writes its goroutine through here several times per instruction, so
    /// the unshared case must inline to a count check: `Rc::make_mut` was not inlined (its
    /// copy path is large) and cost 60% on a tight loop. So the copy is out of line, and the
    /// second `get_mut` folds into the first on the unshared path.
    #[inline(always)]
    fn deref_mut(&mut self) -> &mut T {
        if Rc::get_mut(&mut self.0).is_none() {
            unshare(&mut self.0);
        }
        match Rc::get_mut(&mut self.0) {
            Some(value) => value,
            // `unshare` left the only reference, and no `Weak` is ever made. (Falling back to
            // `make_mut` here is what the borrow checker cannot accept yet.)
            None => unreachable!("Shared: a fresh copy is unique"),
        }
    }
}

/// Replaces `rc` with a reference to a fresh copy of its value (the copy-on-write copy).
#[cold]
#[inline(never)]
fn unshare<T: Clone>(rc: &mut Rc<T>) {
    *rc = Rc::new(T::clone(rc));
}

impl<T: PartialEq> PartialEq for Shared<T> {
    fn eq(&self, other: &Self) -> bool {
        Shared::ptr_eq(self, other) || *self.0 == *other.0
    }
}

impl<T: std::fmt::Debug> std::fmt::Debug for Shared<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        (*self.0).fmt(f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_clone_shares_until_written() {
        let a = Shared::new(vec![1, 2, 3]);
        let mut b = a.clone();
        assert!(Shared::ptr_eq(&a, &b));
        assert_eq!(b.len(), 3, "reading does not unshare");
        assert!(Shared::ptr_eq(&a, &b));
        b.push(4);
        assert!(!Shared::ptr_eq(&a, &b));
        assert_eq!(*a, [1, 2, 3], "the original is a snapshot");
        assert_eq!(*b, [1, 2, 3, 4]);
        let before = std::ptr::from_ref::<Vec<i32>>(&b);
        b.push(5);
        assert_eq!(
            std::ptr::from_ref::<Vec<i32>>(&b),
            before,
            "an unshared value is written in place"
        );
    }

    #[test]
    fn equality_and_debug_are_the_values() {
        let a = Shared::new(7);
        let b = Shared::new(7);
        assert!(!Shared::ptr_eq(&a, &b));
        assert_eq!(a, b);
        assert_ne!(a, Shared::new(8));
        assert_eq!(format!("{a:?}"), "7");
    }
}
