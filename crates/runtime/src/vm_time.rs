//! Package `time` on the virtual clock (`time/sleep.go`, `runtime/time.go`): `Sleep` parks
//! the goroutine on a scheduler timer; `After` creates a channel with a one-value buffer and
//! a program timer whose effect — sending the current time on that channel, without
//! blocking, as `sendTime` does — runs when the timer fires, attributed to the P that set it;
//! `Now`/`Since` read the virtual clock. `NewTimer`/`NewTicker`/`Tick` (`time/sleep.go`,
//! `time/tick.go`) are the same program timer behind a `*Timer`/`*Ticker` whose hidden handle
//! names it; a ticker re-arms itself each time it fires. `Stop`/`Reset` cancel the pending
//! scheduler timer and, as since Go 1.23, discard a value not yet received, so no stale tick
//! is seen after them. When every P is idle the scheduler jumps the clock
//! to the next timer, so `time.Sleep(time.Hour)` costs nothing real.
//!
//! A `time.Time` is the handle struct of `lang::pkgtypes` holding nanoseconds since the
//! program started; a `time.Duration` is an `int64` that fmt prints with
//! `clock::duration_string` (`1.5s`).

use crate::chan::{ChanId, SendResult};
use crate::clock::TimerId;
use crate::event::Event;
use crate::goroutine::Goroutine;
use crate::goroutine::{Blocked, GoId};
use crate::heap::ObjData;
use crate::machine::Machine;
use crate::natives::time_values::{time_ns, time_value, zero_time};
use crate::sched::{PId, Waker};
use crate::value::{Ptr, Value};
use crate::vm::Sink;
use lang::packages::Native;
use std::rc::Rc;

/// A program timer: the channel it sends on, its period (tickers), its pending scheduler
/// timer. Its index is the token the scheduler hands back when it fires.
#[derive(Clone, Debug)]
pub(crate) struct ProgramTimer {
    /// The channel it sends the time on; `None` for `AfterFunc` (its `C` is nil).
    chan: Option<ChanId>,
    /// `AfterFunc`'s function, started in its own goroutine when the timer fires.
    func: Option<Value>,
    period: u64,
    pending: Option<TimerId>,
    /// The context a deadline timer cancels instead of sending (`vm_context`); 0 if none.
    ctx: usize,
}

impl ProgramTimer {
    /// `AfterFunc`'s function, the only value a timer holds (collector roots).
    pub(crate) fn func(&self) -> Option<&Value> {
        self.func.as_ref()
    }
}

/// Is `n` a `time` function run by the VM (it talks to the scheduler's clock)?
pub(crate) fn is_time_native(n: Native) -> bool {
    use Native::*;
    matches!(
        n,
        TimeSleep
            | TimeAfter
            | TimeNow
            | TimeSince
            | TimeNewTimer
            | TimeNewTicker
            | TimeTick
            | TimeTimerStop
            | TimeTimerReset
            | TimeTickerStop
            | TimeTickerReset
            | TimeUntil
            | TimeAfterFunc
    )
}

impl Machine {
    fn now_ns(&self) -> i64 {
        self.sched.now().0 as i64
    }

    /// Runs `time` function `n`; results are pushed unless `deferred`. Returns the message
    /// of a panic it raises (a non-positive ticker interval).
    pub(crate) fn time_native(
        &mut self,
        n: Native,
        args: &[Value],
        deferred: bool,
    ) -> Option<String> {
        use Native::*;
        let gi = self.current;
        let p = self.p();
        let arg = args.first().cloned().unwrap_or(Value::Nil);
        let result = match n {
            TimeSleep => {
                self.burst_left = 0;
                if self
                    .sched
                    .sleep(p, arg.as_int(), &mut self.sched_events)
                    .is_some()
                {
                    self.goroutines[gi].blocked = Some(Blocked::Other);
                }
                None
            }
            TimeAfter | TimeTick => {
                let period = if n == TimeTick { arg.as_int() } else { 0 };
                let (_, c) = self.new_program_timer(p, arg.as_int(), period, true);
                Some(c)
            }
            TimeNewTimer | TimeNewTicker => {
                if n == TimeNewTicker && arg.as_int() <= 0 {
                    return Some("non-positive interval for NewTicker".into());
                }
                let period = if n == TimeNewTicker { arg.as_int() } else { 0 };
                let (h, c) = self.new_program_timer(p, arg.as_int(), period, true);
                Some(self.timer_object(h, c))
            }
            TimeAfterFunc => {
                let (h, c) = self.new_program_timer(p, arg.as_int(), 0, false);
                self.program_timers[h].func = Some(args.get(1).cloned().unwrap_or_default());
                if self.race.is_some() {
                    self.race_timer_arm(h, gi);
                }
                Some(self.timer_object(h, c))
            }
            TimeTimerStop | TimeTickerStop | TimeTimerReset | TimeTickerReset
                if self.load_ptr(&arg).is_err() =>
            {
                // A method of a nil *Timer/*Ticker reads its fields: a nil dereference.
                return Some(crate::vm_data::NIL_DEREF.into());
            }
            TimeTimerStop | TimeTickerStop => {
                let active = self.stop_program_timer(&arg);
                (n == TimeTimerStop).then_some(Value::Bool(active))
            }
            TimeTimerReset | TimeTickerReset => {
                let d = args.get(1).map_or(0, Value::as_int);
                if n == TimeTickerReset && d <= 0 {
                    return Some("non-positive interval for Ticker.Reset".into());
                }
                let active = self.stop_program_timer(&arg);
                if let Some(h) = self.timer_handle(&arg) {
                    let t = &mut self.program_timers[h];
                    if n == TimeTickerReset {
                        t.period = d as u64;
                    }
                    let id = self.sched.add_timer(p, d.max(0) as u64, h as u64);
                    self.program_timers[h].pending = Some(id);
                    if self.race.is_some() && self.program_timers[h].func.is_some() {
                        self.race_timer_arm(h, gi);
                    }
                }
                (n == TimeTimerReset).then_some(Value::Bool(active))
            }
            TimeNow => Some(time_value(self.now_ns())),
            TimeUntil => Some(Value::Int(time_ns(&arg).saturating_sub(self.now_ns()))),
            TimeSince => Some(Value::Int(self.now_ns().saturating_sub(time_ns(&arg)))),
            _ => None,
        };
        if let Some(v) = result
            && !deferred
        {
            self.goroutines[gi].push(v);
        }
        None
    }

    /// A program timer firing after `d` (then every `period` if positive) and, if `chan`, the
    /// channel with a one-value buffer it sends on: its index and the channel value (nil
    /// without one).
    fn new_program_timer(
        &mut self,
        p: crate::sched::PId,
        d: i64,
        period: i64,
        chan: bool,
    ) -> (usize, Value) {
        self.burst_left = 0;
        let c = chan.then(|| self.chans.make(1, zero_time(), &mut self.sched_events));
        let token = self.program_timers.len();
        let id = self.sched.add_timer(p, d.max(0) as u64, token as u64);
        self.program_timers.push(ProgramTimer {
            chan: c,
            func: None,
            period: period.max(0) as u64,
            pending: Some(id),
            ctx: 0,
        });
        (token, c.map_or(Value::Nil, Value::Chan))
    }

    /// The heap-allocated `*Timer`/`*Ticker` `{handle, C}` of program timer `h`.
    fn timer_object(&mut self, h: usize, c: Value) -> Value {
        let cell = Value::Agg(vec![Value::Int(h as i64 + 1), c].into());
        let site = self.site();
        let obj = self.gc_alloc(
            ObjData::Cells(vec![cell]),
            80,
            site,
            crate::gc::view::ObjKind::Struct,
        );
        Value::Ptr(Ptr {
            obj,
            path: vec![0].into(),
        })
    }

    /// A deadline timer cancelling context `h` after `d`: its index.
    pub(crate) fn arm_context_timer(&mut self, p: crate::sched::PId, d: i64, h: usize) -> usize {
        let (t, _) = self.new_program_timer(p, d, 0, false);
        self.program_timers[t].ctx = h;
        t
    }

    /// Stops deadline timer `t` (its context was cancelled first: `cancelCtx.cancel` stops
    /// `timerCtx.timer`).
    pub(crate) fn stop_context_timer(&mut self, t: usize) {
        if let Some(id) = self
            .program_timers
            .get_mut(t)
            .and_then(|t| t.pending.take())
        {
            self.sched.cancel_timer(id);
        }
    }

    /// The program timer a `*Timer`/`*Ticker` receiver designates.
    fn timer_handle(&self, recv: &Value) -> Option<usize> {
        let h = match self.load_ptr(recv).ok()? {
            Value::Agg(fs) => fs.first().map_or(0, Value::as_int),
            _ => 0,
        };
        (h > 0 && (h as usize) <= self.program_timers.len()).then(|| h as usize - 1)
    }

    /// `Stop`: cancels the pending timer and discards an unreceived value; true if the
    /// timer was still pending.
    fn stop_program_timer(&mut self, recv: &Value) -> bool {
        self.burst_left = 0;
        let Some(h) = self.timer_handle(recv) else {
            return false;
        };
        let t = &mut self.program_timers[h];
        let c = t.chan;
        let active = t
            .pending
            .take()
            .is_some_and(|id| self.sched.cancel_timer(id));
        if c.is_some() && self.chans.len(c) > 0 {
            let _ = self.chans.recv(c, GoId(0), &mut self.sched_events);
        }
        active
    }

    /// Performs the effects of program timers that fired (`take_fired_timers`): each sends
    /// the time it fired at on its channel if the buffer has room (`sendTime` never blocks),
    /// waking a receiver into the timer's P; an `AfterFunc` timer starts its function in a
    /// new goroutine (`goFunc`).
    pub(crate) fn fire_program_timers(&mut self, events: &mut Sink<'_>) {
        for t in self.sched.take_fired_timers() {
            let Some(pt) = self.program_timers.get_mut(t.token as usize) else {
                continue;
            };
            let c = pt.chan;
            pt.pending = None;
            if pt.ctx != 0 {
                let h = pt.ctx;
                self.cancel_ctx(h, 2, Err(t.p));
                continue;
            }
            if let Some(f) = pt.func.clone() {
                self.timer_goroutine(t.token as usize, f, t.p, events);
                continue;
            }
            let Some(c) = c else { continue };
            if pt.period > 0 {
                // A ticker re-arms for the next period (`time/tick.go`).
                let id = self.sched.add_timer(t.p, pt.period, t.token);
                self.program_timers[t.token as usize].pending = Some(id);
            }
            self.timer_send(c, t.at.0 as i64, t.p);
        }
    }

    /// `go f()` from a fired `AfterFunc` timer: a goroutine created by `g0` on the timer's P
    /// (see `Scheduler::newproc_from_timer`); its traceback ends `created by time.goFunc`.
    fn timer_goroutine(&mut self, token: usize, f: Value, owner: PId, events: &mut Sink<'_>) {
        let (id, _) = self.sched.newproc_from_timer(owner, &mut self.sched_events);
        if self.goroutines.len() + 1 != id.0 as usize {
            self.fatal("goscope: goroutine table out of step", events);
            return;
        }
        let mut g = Goroutine::new(id);
        // Go 1.27's `goFunc` is at time/sleep.go:182 (`go arg.(func())()`).
        g.created_by = Some((GoId(0), Rc::from("time.goFunc"), 182));
        g.stack.push(f);
        self.goroutines.push(crate::shared::Shared::new(g));
        if self.race.is_some() {
            self.race_timer_fire(token, id.0 as usize - 1);
        }
        self.flush_sched(events);
        let func = match self.goroutines[id.0 as usize - 1].stack.first() {
            Some(Value::Func(f, _)) => self.names.get(f.0 as usize).cloned(),
            _ => None,
        };
        events.push(Event::GoStart {
            g: id,
            func: func.unwrap_or_else(|| Rc::from("nil")),
        });
        let (saved, program) = (self.current, self.program.clone());
        self.current = id.0 as usize - 1;
        self.call_value(&program, 0, false, id, events);
        self.current = saved;
    }

    fn timer_send(&mut self, c: ChanId, at: i64, p: crate::sched::PId) {
        if self.chans.len(Some(c)) >= self.chans.cap(Some(c)) {
            return;
        }
        let r = self
            .chans
            .send(Some(c), GoId(0), time_value(at), &mut self.sched_events);
        if let SendResult::Done { woke: Some(w) } = r {
            self.wake_by(w, Waker::Timer { p });
        }
    }
}
