//! Changing GOMAXPROCS (`runtime/proc.go`: `procresize`, `GOMAXPROCS` → `stopTheWorld`,
//! `(*p).destroy`, `startTheWorld`).
//!
//! `runtime.GOMAXPROCS(n)` stops the world, resizes `allp` and starts the world again:
//! - every other running goroutine is preempted to the global queue (what stopping the
//!   world does to them through `gopreempt_m`), and Ps in syscalls are taken back;
//! - each destroyed P (id ≥ n) drains into the *head* of the global queue — its queue from the
//!   tail, then its runnext — so its goroutines keep their turn;
//! - the caller keeps its P if it survives, else moves to P0;
//! - the other Ps become idle (pushed from the highest id down, so the lowest is taken first)
//!   or, if they still hold work, get an M.
//!
//! Invariant: afterwards `allp.len() == n` and every P is idle, running (the caller's), or
//! held by an M about to schedule.

use super::event::SchedEvent;
use super::processor::{PId, PStatus, Processor};
use super::scheduler::Scheduler;
use crate::goroutine::GoId;

/// Go's upper bound on GOMAXPROCS (`_MaxGomaxprocs`).
pub const MAX_GOMAXPROCS: usize = 1 << 10;

impl Scheduler {
    /// `runtime.GOMAXPROCS(n)` called by the goroutine on `caller`; `n < 1` only queries.
    /// Returns the previous value and the P the caller runs on afterwards.
    pub fn procresize(
        &mut self,
        caller: PId,
        n: i64,
        events: &mut Vec<SchedEvent>,
    ) -> (usize, PId) {
        let old = self.allp.len();
        if n < 1 {
            return (old, caller);
        }
        let n = (n as usize).min(MAX_GOMAXPROCS);
        let me = self.current(caller);
        // Stop the world: everyone else off their Ps.
        for i in 0..old {
            let p = PId(i as u32);
            if p != caller && self.current(p).is_some() {
                self.preempt(p, events);
            }
        }
        events.push(SchedEvent::GoMaxProcs { from: old, to: n });
        // Destroyed Ps drain into the head of the global queue.
        for i in n..old {
            let pp = &mut self.allp[i];
            let mut moved: Vec<GoId> = Vec::new();
            while let Some(g) = pp.runq.pop_back() {
                moved.push(g);
            }
            if let Some(g) = pp.runnext.take() {
                moved.push(g);
            }
            for &g in &moved {
                self.runq.push_front(g);
            }
            if !moved.is_empty() {
                moved.reverse();
                events.push(SchedEvent::Destroy {
                    p: PId(i as u32),
                    gs: moved,
                });
            }
        }
        // Every M lets go of its P (the caller's M re-acquires below); Ms in syscalls lose
        // theirs (it was "retaken" by the stop).
        let caller_m = self.m_of(caller);
        for t in &mut self.allm {
            if t.p.is_none() && t.curg.is_some() {
                // In a syscall: its P was taken by the stop, so it will need another.
                t.oldp = None;
            }
            if t.p.is_some() && Some(t.id) != caller_m {
                t.p = None;
                t.curg = None;
                if t.spinning {
                    t.spinning = false;
                }
                self.midle.push(t.id);
            }
        }
        self.nmspinning = 0;
        self.allp.truncate(n);
        for i in old..n {
            self.allp.push(Processor::new(PId(i as u32)));
        }
        for pp in &mut self.allp {
            pp.status = PStatus::Idle;
            pp.m = None;
        }
        // The caller keeps its P, or moves to P0.
        let here = if caller.index() < n { caller } else { PId(0) };
        if let Some(m) = caller_m {
            let t = &mut self.allm[m.index()];
            t.p = Some(here);
            t.curg = me;
            let pp = &mut self.allp[here.index()];
            pp.status = PStatus::Running;
            pp.m = Some(m);
        }
        // The rest: idle, or started if they hold work.
        self.pidle.clear();
        let mut runnable = Vec::new();
        for i in (0..n).rev() {
            let p = PId(i as u32);
            if p == here {
                continue;
            }
            if self.allp[i].runq_is_empty() {
                self.pidle.push(p);
            } else {
                runnable.push(p);
            }
        }
        for p in runnable.into_iter().rev() {
            self.startm(p, false);
        }
        self.config.gomaxprocs = n;
        // startTheWorld wakes a P if there is global work to share.
        if !self.runq.is_empty() {
            self.wakep(events);
        }
        (old, here)
    }
}
