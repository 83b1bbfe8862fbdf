//! Run queues (`runtime/proc.go`: `runqput`, `runqget`, `runqgrab`, `runqputbatch`,
//! `globrunqput`, `globrunqputhead`, `globrunqget`, `globrunqgetbatch`; `runtime2.go`: `p.runq`,
//! `schedt.runq`).
//!
//! Each P owns a [`LocalRunQueue`]: a ring of 256 slots indexed by free-running `head` and
//! `tail` counters (`tail - head` is the length; a slot is `counter % 256`), exactly the shape of
//! Go's lock-free `p.runq`. The owner pushes at the tail and pops at the head; a thief grabs
//! half from the head. The [`GlobalRunQueue`] (`sched.runq`) is an unbounded FIFO shared by all
//! Ps, used for overflow, preempted and yielding goroutines, and goroutines that leave a
//! syscall without finding a P.
//!
//! Invariants: a local queue holds at most [`LOCAL_RUNQ_SIZE`] goroutines; a goroutine is in
//! at most one run queue (checked by `Scheduler::check_invariants`); ring slots outside
//! `head..tail` are empty.

use crate::goroutine::GoId;
use std::collections::VecDeque;

/// Capacity of a P's local run queue (`len(p.runq)`).
pub const LOCAL_RUNQ_SIZE: usize = 256;

/// A P's bounded ring of runnable goroutines (`p.runq`, `runqhead`, `runqtail`).
#[derive(Clone, Debug)]
#[doc(alias = "runq")]
pub struct LocalRunQueue {
    /// Index of the next G to run; only ever increases (wrapping).
    head: u32,
    /// Index of the next free slot; only ever increases (wrapping).
    tail: u32,
    slots: Box<[Option<GoId>]>,
}

impl Default for LocalRunQueue {
    fn default() -> Self {
        LocalRunQueue {
            head: 0,
            tail: 0,
            slots: vec![None; LOCAL_RUNQ_SIZE].into_boxed_slice(),
        }
    }
}

impl PartialEq for LocalRunQueue {
    /// Two queues are equal when they hold the same goroutines in the same order.
    fn eq(&self, other: &Self) -> bool {
        self.iter().eq(other.iter())
    }
}

fn slot(i: u32) -> usize {
    i as usize % LOCAL_RUNQ_SIZE
}

impl LocalRunQueue {
    pub fn new() -> LocalRunQueue {
        LocalRunQueue::default()
    }

    pub fn len(&self) -> usize {
        self.tail.wrapping_sub(self.head) as usize
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn is_full(&self) -> bool {
        self.len() >= LOCAL_RUNQ_SIZE
    }

    /// The ring's head counter (`runqhead`), for the views.
    pub fn head(&self) -> u32 {
        self.head
    }

    /// The ring's tail counter (`runqtail`), for the views.
    pub fn tail(&self) -> u32 {
        self.tail
    }

    /// The ring's raw slots (a view can draw the ring; stale slots are `None`).
    pub fn slots(&self) -> &[Option<GoId>] {
        &self.slots
    }

    /// Appends at the tail; gives `g` back if the ring is full (the caller then takes the
    /// `runqputslow` path).
    pub fn push_back(&mut self, g: GoId) -> Result<(), GoId> {
        if self.is_full() {
            return Err(g);
        }
        self.slots[slot(self.tail)] = Some(g);
        self.tail = self.tail.wrapping_add(1);
        Ok(())
    }

    /// Pops from the head (the owner's `runqget`).
    pub fn pop_front(&mut self) -> Option<GoId> {
        if self.is_empty() {
            return None;
        }
        let g = self.slots[slot(self.head)].take();
        self.head = self.head.wrapping_add(1);
        g
    }

    /// Pops from the tail (`procresize` drains a destroyed P from the tail).
    pub fn pop_back(&mut self) -> Option<GoId> {
        if self.is_empty() {
            return None;
        }
        self.tail = self.tail.wrapping_sub(1);
        self.slots[slot(self.tail)].take()
    }

    /// Takes the first `n` goroutines from the head, in order.
    pub fn take_front(&mut self, n: usize) -> Vec<GoId> {
        (0..n.min(self.len()))
            .filter_map(|_| self.pop_front())
            .collect()
    }

    /// `runqgrab`'s share: half of the queue, rounded up (`n - n/2`), from the head.
    pub fn grab_half(&mut self) -> Vec<GoId> {
        let n = self.len();
        self.take_front(n - n / 2)
    }

    /// Appends as many of `gs` as fit (`runqputbatch`); returns the ones that did not.
    pub fn push_batch(&mut self, gs: impl IntoIterator<Item = GoId>) -> Vec<GoId> {
        let mut rest = Vec::new();
        for g in gs {
            if let Err(g) = self.push_back(g) {
                rest.push(g);
            }
        }
        rest
    }

    /// Goroutines from head to tail.
    pub fn iter(&self) -> impl Iterator<Item = GoId> + '_ {
        (0..self.len() as u32).filter_map(move |i| self.slots[slot(self.head.wrapping_add(i))])
    }

    pub fn contains(&self, g: GoId) -> bool {
        self.iter().any(|x| x == g)
    }
}

/// The global run queue (`sched.runq`): unbounded FIFO.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[doc(alias = "globrunq")]
pub struct GlobalRunQueue {
    queue: VecDeque<GoId>,
}

impl GlobalRunQueue {
    pub fn new() -> GlobalRunQueue {
        GlobalRunQueue::default()
    }

    /// `globrunqput`: at the tail.
    pub fn push_back(&mut self, g: GoId) {
        self.queue.push_back(g);
    }

    /// `globrunqputhead`: at the head (`procresize` uses it so a destroyed P's goroutines keep
    /// their turn).
    pub fn push_front(&mut self, g: GoId) {
        self.queue.push_front(g);
    }

    /// `globrunqget`: one goroutine from the head.
    pub fn pop_front(&mut self) -> Option<GoId> {
        self.queue.pop_front()
    }

    /// `globrunqgetbatch(max)`: `min(max, size, size/gomaxprocs + 1)` goroutines from the head;
    /// the first is to run now, the rest go to the caller's local queue.
    pub fn pop_batch(&mut self, max: usize, gomaxprocs: usize) -> Vec<GoId> {
        let size = self.queue.len();
        let n = max.min(size).min(size / gomaxprocs.max(1) + 1);
        self.queue.drain(..n).collect()
    }

    pub fn len(&self) -> usize {
        self.queue.len()
    }

    pub fn is_empty(&self) -> bool {
        self.queue.is_empty()
    }

    /// Goroutines from head to tail.
    pub fn iter(&self) -> impl Iterator<Item = GoId> + '_ {
        self.queue.iter().copied()
    }

    pub fn contains(&self, g: GoId) -> bool {
        self.queue.contains(&g)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_ring_wraps_and_keeps_order() {
        let mut q = LocalRunQueue::new();
        for round in 0..3u64 {
            for i in 0..200 {
                q.push_back(GoId(round * 1000 + i)).unwrap();
            }
            let got: Vec<u64> = (0..200).map(|_| q.pop_front().unwrap().0).collect();
            assert_eq!(got, (0..200).map(|i| round * 1000 + i).collect::<Vec<_>>());
        }
        assert!(q.is_empty());
        assert_eq!(q.head(), 600);
    }

    #[test]
    fn full_queue_refuses_and_grab_takes_half_rounded_up() {
        let mut q = LocalRunQueue::new();
        for i in 0..LOCAL_RUNQ_SIZE as u64 {
            q.push_back(GoId(i)).unwrap();
        }
        assert_eq!(q.push_back(GoId(999)), Err(GoId(999)));
        assert_eq!(q.grab_half().len(), 128);
        let mut three = LocalRunQueue::new();
        three.push_batch([GoId(1), GoId(2), GoId(3)]);
        assert_eq!(three.grab_half(), [GoId(1), GoId(2)]);
        assert_eq!(three.pop_back(), Some(GoId(3)));
    }

    #[test]
    fn global_batches_are_shared_between_ps() {
        let mut g = GlobalRunQueue::new();
        for i in 1..=10 {
            g.push_back(GoId(i));
        }
        // 10 Gs, 4 Ps: 10/4 + 1 = 3 each.
        assert_eq!(g.pop_batch(128, 4), [GoId(1), GoId(2), GoId(3)]);
        assert_eq!(g.pop_batch(2, 1), [GoId(4), GoId(5)]);
        g.push_front(GoId(99));
        assert_eq!(g.pop_front(), Some(GoId(99)));
    }
}
