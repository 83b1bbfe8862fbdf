//! Wait queues of blocked channel operations (`runtime/chan.go`'s `waitq`,
//! `runtime2.go`'s `sudog`).
//!
//! A goroutine blocked on a channel is represented on that channel's `recvq` or `sendq` by a
//! [`Sudog`] ("pseudo-g"): which goroutine, the value it is sending (senders only), and — if
//! it is blocked in a `select` — which case this entry stands for. A goroutine blocked in a
//! `select` has one sudog per case, on as many queues; the first partner to dequeue one of
//! them wins, and the others are withdrawn at once (Go marks the select done with a CAS on
//! `g.selectDone` and removes the others when the goroutine resumes; withdrawing them
//! immediately is observably the same, since a done select's sudogs are skipped anyway).
//!
//! Invariant: FIFO — the goroutine that blocked first is served first.

use crate::goroutine::GoId;
use std::collections::VecDeque;

/// A goroutine waiting on a channel (`sudog`).
#[derive(Clone, Debug, PartialEq)]
#[doc(alias = "sudog")]
pub struct Sudog<V> {
    pub g: GoId,
    /// The value being sent (`sudog.elem` of a sender); `None` for receivers.
    pub elem: Option<V>,
    /// The `select` case this entry stands for (`sudog.isSelect` + the case index).
    pub select_case: Option<usize>,
}

impl<V> Sudog<V> {
    /// `sudog.isSelect`.
    pub fn is_select(&self) -> bool {
        self.select_case.is_some()
    }
}

/// A FIFO of sudogs (`waitq`).
#[derive(Clone, Debug, PartialEq)]
#[doc(alias = "waitq")]
pub struct WaitQueue<V> {
    queue: VecDeque<Sudog<V>>,
}

impl<V> Default for WaitQueue<V> {
    fn default() -> Self {
        WaitQueue {
            queue: VecDeque::new(),
        }
    }
}

impl<V> WaitQueue<V> {
    pub fn new() -> WaitQueue<V> {
        WaitQueue::default()
    }

    /// `enqueue`: at the tail.
    pub fn enqueue(&mut self, s: Sudog<V>) {
        self.queue.push_back(s);
    }

    /// `dequeue`: from the head.
    pub fn dequeue(&mut self) -> Option<Sudog<V>> {
        self.queue.pop_front()
    }

    /// Withdraws every entry of `g` (`dequeueSudoG`); returns how many.
    pub fn remove_g(&mut self, g: GoId) -> usize {
        let before = self.queue.len();
        self.queue.retain(|s| s.g != g);
        before - self.queue.len()
    }

    pub fn len(&self) -> usize {
        self.queue.len()
    }

    pub fn is_empty(&self) -> bool {
        self.queue.is_empty()
    }

    /// Entries from head to tail, for the views (who waits, with what value).
    pub fn iter(&self) -> impl Iterator<Item = &Sudog<V>> {
        self.queue.iter()
    }

    /// The waiting goroutines, head first.
    pub fn goroutines(&self) -> Vec<GoId> {
        self.queue.iter().map(|s| s.g).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fifo_and_withdrawal() {
        let mut q = WaitQueue::new();
        for g in [3, 4, 3, 5] {
            q.enqueue(Sudog {
                g: GoId(g),
                elem: Some(g * 10),
                select_case: None,
            });
        }
        assert_eq!(q.remove_g(GoId(3)), 2);
        assert_eq!(q.goroutines(), [GoId(4), GoId(5)]);
        assert_eq!(q.dequeue().and_then(|s| s.elem), Some(40));
        assert!(!q.iter().any(Sudog::is_select));
    }
}
