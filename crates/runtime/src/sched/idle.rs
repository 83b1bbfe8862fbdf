//! Timers, the idle clock jump and deadlock detection (`runtime/time.go`'s timer firing,
//! `proc.go`'s `checkdead`, and the `netpoll(delay)` sleep of the last idle M).
//!
//! When no P runs anything, real Go parks its Ms; one of them sleeps until the earliest timer.
//! goscope does the same in one move: [`Scheduler::idle`] jumps the clock to the next deadline
//! (a timer, the end of a syscall, a sysmon retake), fires what is due, and lets the Ps
//! schedule again. If there is no deadline at all, nothing can ever happen again: with
//! goroutines still blocked that is Go's `fatal error: all goroutines are asleep - deadlock!`
//! (`checkdead`: no M running, none in a syscall, no timers).
//!
//! Invariant: `idle` only moves the clock forward, and only when no P runs a goroutine.

use super::event::{SchedEvent, Waker};
use super::gstatus::{GStatus, WaitReason};
use super::processor::PId;
use super::scheduler::Scheduler;
use super::{FiredTimer, Wakeup};
use crate::clock::{TimerId, VirtualTime};
use crate::goroutine::GoId;
use std::fmt;

/// What [`Scheduler::idle`] did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum IdleOutcome {
    /// Something is still running; nothing was done.
    Busy,
    /// The clock jumped to the next deadline and what was due fired.
    Advanced { to: VirtualTime },
    /// Nothing can ever run again.
    Deadlock(Deadlock),
}

/// Go's two `checkdead` verdicts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Deadlock {
    /// Goroutines remain, all blocked forever.
    AllAsleep,
    /// No goroutine remains (main called `runtime.Goexit` and the others finished).
    NoGoroutines,
}

impl Deadlock {
    /// The text after `fatal error: `.
    pub fn message(self) -> &'static str {
        match self {
            Deadlock::AllAsleep => "all goroutines are asleep - deadlock!",
            Deadlock::NoGoroutines => "no goroutines (main called runtime.Goexit) - deadlock!",
        }
    }
}

impl fmt::Display for Deadlock {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "fatal error: {}", self.message())
    }
}

impl Scheduler {
    /// `time.Sleep(d)` by the goroutine on `p`: parks it with reason `sleep` and arms a timer
    /// on `p`. A non-positive duration only yields, as Go's `timeSleep` returns at once for
    /// `d <= 0` (the caller should then do nothing; this returns `None`).
    pub fn sleep(&mut self, p: PId, ns: i64, events: &mut Vec<SchedEvent>) -> Option<TimerId> {
        if ns <= 0 {
            return None;
        }
        let g = self.park(p, WaitReason::Sleep, events)?;
        let when = self.clock.now().after(ns as u64);
        Some(self.clock.timers.add(when, Wakeup::Sleep { g, p }))
    }

    /// Arms a program timer (`time.After`, `time.NewTimer`, tickers, context deadlines) set by
    /// code running on `p`. When it fires it is handed back by
    /// [`take_fired_timers`](Self::take_fired_timers) with its `token`.
    pub fn add_timer(&mut self, p: PId, ns: u64, token: u64) -> TimerId {
        let when = self.clock.now().after(ns);
        self.clock.timers.add(when, Wakeup::Program { token, p })
    }

    /// `Timer.Stop`: true if the timer was still pending.
    pub fn cancel_timer(&mut self, id: TimerId) -> bool {
        self.clock.timers.cancel(id).is_some()
    }

    /// Program timers fired since the last call, in firing order. The Machine performs each
    /// (a send on a `time.After` channel, ...) as code running on `FiredTimer::p`, readying
    /// woken goroutines with [`Waker::Timer`].
    pub fn take_fired_timers(&mut self) -> Vec<FiredTimer> {
        std::mem::take(&mut self.fired)
    }

    /// Fires every due timer, then runs sysmon if its tick is due.
    pub(super) fn poll(&mut self, events: &mut Vec<SchedEvent>) {
        while let Some((at, _, wakeup)) = self.clock.pop_due() {
            match wakeup {
                Wakeup::Sleep { g, p } => {
                    events.push(SchedEvent::TimerFire { at, g });
                    self.ready(g, Waker::Timer { p }, events);
                }
                Wakeup::SyscallExit { g } => {
                    self.exitsyscall(g, events);
                }
                Wakeup::Program { token, p } => self.fired.push(FiredTimer { token, p, at }),
            }
        }
        self.sysmon(events);
    }

    /// The earliest moment something can happen without any P running: a timer, or a
    /// retake of a P in a syscall.
    pub fn next_deadline(&self) -> Option<VirtualTime> {
        let retake = (0..self.allp.len())
            .filter_map(|i| self.retake_deadline(PId(i as u32)))
            .map(|t| t.max(self.next_sysmon));
        self.clock
            .timers
            .next_deadline()
            .into_iter()
            .chain(retake)
            .min()
    }

    /// Call when [`pick`](Self::pick) finds no running P (after [`schedule`](Self::schedule)):
    /// jumps the clock to the next deadline and fires what is due, or reports the deadlock.
    /// The caller then calls `schedule` again.
    pub fn idle(&mut self, events: &mut Vec<SchedEvent>) -> IdleOutcome {
        if !self.running().is_empty() {
            return IdleOutcome::Busy;
        }
        match self.next_deadline() {
            Some(to) => {
                let from = self.clock.now();
                if to > from {
                    events.push(SchedEvent::ClockJump { from, to });
                    self.clock.advance_to(to);
                }
                self.work_carry = 0;
                self.poll(events);
                IdleOutcome::Advanced { to }
            }
            None => match self.check_dead() {
                Some(d) => IdleOutcome::Deadlock(d),
                // Runnable goroutines but no running P cannot happen (a P only idles after
                // finding every queue empty); report it as a deadlock rather than spin.
                None => IdleOutcome::Deadlock(Deadlock::AllAsleep),
            },
        }
    }

    /// `checkdead`: with nothing running, in a syscall or pending on the clock, are the
    /// remaining goroutines all blocked?
    pub fn check_dead(&self) -> Option<Deadlock> {
        if !self.running().is_empty() || self.next_deadline().is_some() {
            return None;
        }
        let live: Vec<GStatus> = self
            .allg
            .iter()
            .map(|r| r.status)
            .filter(|&s| s != GStatus::Dead)
            .collect();
        if live.is_empty() {
            return Some(Deadlock::NoGoroutines);
        }
        if live
            .iter()
            .all(|&s| s == GStatus::Waiting || s == GStatus::Idle)
        {
            Some(Deadlock::AllAsleep)
        } else {
            None
        }
    }

    /// Goroutines blocked forever in a deadlock, for the report's tracebacks.
    pub fn waiting(&self) -> impl Iterator<Item = (GoId, WaitReason)> + '_ {
        self.allg
            .iter()
            .filter_map(|r| r.wait_reason.map(|w| (r.id, w)))
    }
}
