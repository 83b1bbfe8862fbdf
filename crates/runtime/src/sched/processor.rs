//! P, the processor: the right to run Go code (`runtime/runtime2.go`'s `p`; `proc.go`'s
//! `runqput`, `runqputslow`, `runqget`, `runqgrab`).
//!
//! There are exactly GOMAXPROCS Ps. An M (thread) must hold a P to run a goroutine; the P
//! carries the scheduling state that makes that cheap: a [`LocalRunQueue`], the `runnext`
//! slot, and the `schedtick` counter that drives the 61-tick fairness check and the time slice.
//!
//! `runnext` is a one-goroutine fast lane: a goroutine created by `go` or readied by a channel
//! operation on this P runs next, *inheriting* the rest of the current time slice (so two
//! goroutines ping-ponging through a channel cannot starve the queue behind them: they share
//! one slice and are preempted together). Whatever sat in `runnext` before is kicked to the
//! tail of the local queue.
//!
//! Invariants: a P is [`PStatus::Running`] exactly when an M holds it; an idle P has no M and
//! sits in the scheduler's idle list; a P in [`PStatus::Syscall`] has no M (its M is in the
//! syscall, remembering the P as `oldp`); `runnext` is not also in `runq`.

use super::runqueue::{LOCAL_RUNQ_SIZE, LocalRunQueue};
use super::thread::MId;
use crate::clock::VirtualTime;
use crate::goroutine::GoId;
use std::fmt;

/// A P's index in `allp`, printed `P0`, `P1`, ...
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PId(pub u32);

impl fmt::Display for PId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "P{}", self.0)
    }
}

impl PId {
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

/// `p.status`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum PStatus {
    /// Not used by any M; in the idle list (`_Pidle`).
    #[doc(alias = "_Pidle")]
    Idle,
    /// Held by an M, running Go code or looking for some (`_Prunning`).
    #[doc(alias = "_Prunning")]
    Running,
    /// Its M is in a system call; sysmon may retake it (`_Psyscall`).
    #[doc(alias = "_Psyscall")]
    Syscall,
}

impl fmt::Display for PStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            PStatus::Idle => "idle",
            PStatus::Running => "running",
            PStatus::Syscall => "syscall",
        })
    }
}

/// What [`Processor::runqput`] did with the goroutine it was given.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RunqPut {
    /// Put in `runnext`; `kicked` is the previous `runnext`, now at the local queue's tail.
    Runnext { kicked: Option<GoId> },
    /// Appended to the local queue.
    Tail,
    /// The local queue was full: half of it plus the goroutine went to the global queue, in
    /// this order (`runqputslow`). The caller moves them.
    Overflow { to_global: Vec<GoId> },
}

/// A processor (`p`).
#[derive(Clone, Debug)]
#[doc(alias = "p")]
pub struct Processor {
    pub id: PId,
    pub status: PStatus,
    /// The M holding this P (`p.m`); `None` when idle or in a syscall.
    pub m: Option<MId>,
    /// The goroutine to run next, ahead of `runq` (`p.runnext`).
    pub runnext: Option<GoId>,
    pub runq: LocalRunQueue,
    /// Incremented on every schedule that does not inherit the time slice (`p.schedtick`).
    pub schedtick: u64,
    /// Incremented on every syscall (`p.syscalltick`).
    pub syscalltick: u64,
    /// Virtual nanoseconds run since `schedtick` last changed: sysmon preempts at the time
    /// slice (`sysmontick.schedwhen`, measured as work done rather than wall time).
    pub slice_used_ns: u64,
    /// When the current syscall started (`sysmontick.syscallwhen`).
    pub syscall_when: VirtualTime,
}

impl Processor {
    pub fn new(id: PId) -> Processor {
        Processor {
            id,
            status: PStatus::Idle,
            m: None,
            runnext: None,
            runq: LocalRunQueue::new(),
            schedtick: 0,
            syscalltick: 0,
            slice_used_ns: 0,
            syscall_when: VirtualTime::ZERO,
        }
    }

    /// `runqput(pp, gp, next)`: `next` puts `g` in `runnext` (kicking the old one to the tail);
    /// otherwise `g` goes to the tail; a full queue overflows half to the global queue.
    pub fn runqput(&mut self, g: GoId, next: bool) -> RunqPut {
        let mut g = g;
        let mut kicked = None;
        if next {
            match self.runnext.replace(g) {
                None => return RunqPut::Runnext { kicked: None },
                Some(old) => {
                    kicked = Some(old);
                    g = old;
                }
            }
        }
        match self.runq.push_back(g) {
            Ok(()) if next => RunqPut::Runnext { kicked },
            Ok(()) => RunqPut::Tail,
            Err(g) => {
                // runqputslow: the first half of the ring, then g, move to the global queue.
                let mut to_global = self.runq.take_front(LOCAL_RUNQ_SIZE / 2);
                to_global.push(g);
                RunqPut::Overflow { to_global }
            }
        }
    }

    /// `runqget`: `runnext` first (inheriting the time slice), else the queue's head.
    pub fn runqget(&mut self) -> Option<(GoId, bool)> {
        if let Some(g) = self.runnext.take() {
            return Some((g, true));
        }
        self.runq.pop_front().map(|g| (g, false))
    }

    /// `runqgrab`: half the local queue (rounded up), or, when the queue is empty and
    /// `steal_runnext` is set, the `runnext` goroutine.
    pub fn runqgrab(&mut self, steal_runnext: bool) -> Vec<GoId> {
        let batch = self.runq.grab_half();
        if !batch.is_empty() {
            return batch;
        }
        if steal_runnext && let Some(g) = self.runnext.take() {
            return vec![g];
        }
        Vec::new()
    }

    /// `runqempty`: nothing in `runnext` nor in the queue.
    pub fn runq_is_empty(&self) -> bool {
        self.runnext.is_none() && self.runq.is_empty()
    }

    /// Runnable goroutines on this P: `runnext` (if any) then the queue from head to tail.
    pub fn runnable(&self) -> impl Iterator<Item = GoId> + '_ {
        self.runnext.into_iter().chain(self.runq.iter())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runnext_kicks_the_previous_one_to_the_tail() {
        let mut p = Processor::new(PId(0));
        assert_eq!(p.runqput(GoId(2), true), RunqPut::Runnext { kicked: None });
        assert_eq!(p.runqput(GoId(3), false), RunqPut::Tail);
        assert_eq!(
            p.runqput(GoId(4), true),
            RunqPut::Runnext {
                kicked: Some(GoId(2))
            }
        );
        assert_eq!(
            p.runnable().collect::<Vec<_>>(),
            [GoId(4), GoId(3), GoId(2)]
        );
        assert_eq!(p.runqget(), Some((GoId(4), true)));
        assert_eq!(p.runqget(), Some((GoId(3), false)));
    }

    #[test]
    fn a_full_queue_overflows_half_plus_one() {
        let mut p = Processor::new(PId(0));
        for i in 0..LOCAL_RUNQ_SIZE as u64 {
            assert_eq!(p.runqput(GoId(i + 10), false), RunqPut::Tail);
        }
        let RunqPut::Overflow { to_global } = p.runqput(GoId(1), false) else {
            panic!("no overflow")
        };
        assert_eq!(to_global.len(), 129);
        assert_eq!(to_global[0], GoId(10));
        assert_eq!(to_global[128], GoId(1));
        assert_eq!(p.runq.len(), 128);
    }

    #[test]
    fn runnext_is_grabbed_only_when_allowed_and_the_queue_is_empty() {
        let mut p = Processor::new(PId(1));
        p.runqput(GoId(7), true);
        assert!(p.runqgrab(false).is_empty());
        assert_eq!(p.runqgrab(true), [GoId(7)]);
        assert!(p.runq_is_empty());
    }
}
