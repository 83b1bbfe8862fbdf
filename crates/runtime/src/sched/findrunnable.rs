//! Finding the next goroutine for a P (`runtime/proc.go`: `schedule`, `findRunnable`,
//! `stealWork`, `runqsteal`, `runqgrab`, `resetspinning`).
//!
//! The order is Go's:
//! 1. every 61st `schedtick`, one goroutine from the global queue first, so a P whose local
//!    queue never empties cannot starve the global queue;
//! 2. `runnext`, then the local queue's head;
//! 3. a batch from the global queue (`min(128, n, n/GOMAXPROCS + 1)`): the first runs, the
//!    rest go to the local queue;
//! 4. stealing, if this M is spinning or fewer than half the busy Ps have a spinning M:
//!    half of a victim's local queue (rounded up); the last stolen goroutine runs, the others
//!    join the thief's queue. Only when no victim has anything in its queue may a `runnext`
//!    be stolen (Go's last of four passes, after a 3 µs pause that gives the victim the chance
//!    to run it);
//! 5. nothing: the P goes idle and the M parks.
//!
//! **The victim order.** Go enumerates Ps from a random start with a random stride coprime to
//! GOMAXPROCS (`stealOrder`), taking the first P that has something. goscope draws the victim
//! directly, uniformly among the Ps that have something to steal (label `"steal"`; no draw when
//! there is at most one). Every victim Go could pick can be picked, and a schedule records one
//! small choice per steal instead of an enumeration start that mostly does not matter — which
//! keeps exhaustive exploration of small programs tractable.
//!
//! Netpoll, GC workers, trace readers and timer stealing are absent: goscope has no network,
//! the GC model schedules its own work, and timers are global (see `clock.rs`).

use super::event::{RunSource, SchedEvent};
use super::processor::{PId, PStatus};
use super::scheduler::Scheduler;
use sim::Chooser;

/// `schedtick` period of the global-queue fairness check.
pub const GLOBAL_CHECK_PERIOD: u64 = 61;

impl Scheduler {
    /// `schedule` for every P whose M holds it without running a goroutine (after a park,
    /// exit, yield or preemption, or a `wakep`), in P order until none is left: each either
    /// runs a goroutine or goes idle. Call after any transition, before picking the next
    /// instruction.
    pub fn schedule(&mut self, chooser: &mut Chooser, events: &mut Vec<SchedEvent>) {
        while let Some(p) = self.allp.iter().map(|p| p.id).find(|&p| {
            let pp = &self.allp[p.index()];
            pp.status == PStatus::Running && self.current(p).is_none()
        }) {
            self.find_runnable(p, chooser, events);
        }
    }

    /// `findRunnable` + `execute` for `p` (see the module docs).
    fn find_runnable(&mut self, p: PId, chooser: &mut Chooser, events: &mut Vec<SchedEvent>) {
        let pp = &self.allp[p.index()];
        // 1. Fairness: the global queue first, once in a while.
        if pp.schedtick.is_multiple_of(GLOBAL_CHECK_PERIOD)
            && let Some(g) = self.runq.pop_front()
        {
            return self.found(p, g, RunSource::GlobalFairness, events);
        }
        // 2. Local: runnext, then the queue.
        if let Some((g, inherit)) = self.allp[p.index()].runqget() {
            let source = if inherit {
                RunSource::Runnext
            } else {
                RunSource::Local
            };
            return self.found(p, g, source, events);
        }
        // 3. A batch from the global queue.
        let batch = self
            .runq
            .pop_batch(super::runqueue::LOCAL_RUNQ_SIZE / 2, self.allp.len());
        if let Some((&g, rest)) = batch.split_first() {
            if !rest.is_empty() {
                self.allp[p.index()].runq.push_batch(rest.iter().copied());
                events.push(SchedEvent::GlobalBatch {
                    p,
                    gs: rest.to_vec(),
                });
            }
            return self.found(p, g, RunSource::Global, events);
        }
        // 4. Steal, if this M spins or too few do.
        let m = self.m_of(p);
        let spinning = m.is_some_and(|m| self.allm[m.index()].spinning);
        let npidle = self.pidle.len() as u32;
        let busy = self.allp.len() as u32 - npidle;
        if spinning || 2 * self.nmspinning < busy {
            if !spinning && let Some(m) = m {
                self.allm[m.index()].spinning = true;
                self.nmspinning += 1;
            }
            if let Some(g) = self.steal(p, chooser, events) {
                return self.found(p, g, RunSource::Stolen, events);
            }
        }
        // 5. Nothing anywhere.
        self.idle_p(p, events);
    }

    /// Runs `g` on `p`; a spinning M stops spinning and, as the last spinner, wakes another
    /// P in case there is more work (`resetspinning`).
    fn found(
        &mut self,
        p: PId,
        g: crate::goroutine::GoId,
        source: RunSource,
        events: &mut Vec<SchedEvent>,
    ) {
        let m = self.m_of(p);
        let was_spinning = m.is_some_and(|m| self.allm[m.index()].spinning);
        if let (Some(m), true) = (m, was_spinning) {
            self.allm[m.index()].spinning = false;
            self.nmspinning -= 1;
        }
        self.execute(p, g, source, events);
        if was_spinning {
            self.wakep(events);
        }
    }

    /// `stealWork`: pick a victim among the non-idle Ps that have queued goroutines (or,
    /// failing that, a runnext), grab half, run the last one.
    fn steal(
        &mut self,
        thief: PId,
        chooser: &mut Chooser,
        events: &mut Vec<SchedEvent>,
    ) -> Option<crate::goroutine::GoId> {
        let others = || {
            self.allp
                .iter()
                .filter(move |v| v.id != thief && v.status != PStatus::Idle)
        };
        // Counted, then drawn by index: no list is allocated on this hot path.
        let mut take_runnext = false;
        let mut n = others().filter(|v| !v.runq.is_empty()).count();
        if n == 0 {
            n = others().filter(|v| v.runnext.is_some()).count();
            take_runnext = true;
        }
        if n == 0 {
            return None;
        }
        let i = chooser.choose("steal", n);
        let victim = others()
            .filter(|v| match take_runnext {
                false => !v.runq.is_empty(),
                true => v.runnext.is_some(),
            })
            .nth(i)?
            .id;
        let batch = self.allp[victim.index()].runqgrab(take_runnext);
        let last = batch.split_last().map(|(&g, rest)| {
            self.allp[thief.index()]
                .runq
                .push_batch(rest.iter().copied());
            g
        });
        events.push(SchedEvent::Steal {
            thief,
            victim,
            gs: batch,
        });
        last
    }
}
