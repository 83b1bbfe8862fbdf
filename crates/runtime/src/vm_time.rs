//! Package `time` on the virtual clock (`time/sleep.go`, `runtime/time.go`): `Sleep` parks
//! the goroutine on a scheduler timer; `After` creates a channel with a one-value buffer and
//! a program timer whose effect — sending the current time on that channel, without
//! blocking, as `sendTime` does — runs when the timer fires, attributed to the P that set it;
//! `Now`/`Since` read the virtual clock. When every P is idle the scheduler jumps the clock
//! to the next timer, so `time.Sleep(time.Hour)` costs nothing real.
//!
//! A `time.Time` is the handle struct of `lang::pkgtypes` holding nanoseconds since the
//! program started; a `time.Duration` is an `int64` that fmt prints with
//! `clock::duration_string` (`1.5s`).

use crate::chan::{ChanId, SendResult};
use crate::goroutine::{Blocked, GoId};
use crate::machine::Machine;
use crate::sched::Waker;
use crate::value::Value;
use lang::packages::Native;

/// Is `n` a `time` function run by the VM (it talks to the scheduler's clock)?
pub(crate) fn is_time_native(n: Native) -> bool {
    use Native::*;
    matches!(n, TimeSleep | TimeAfter | TimeNow | TimeSince)
}

/// A `time.Time` value: nanoseconds on the virtual clock.
fn time_value(ns: i64) -> Value {
    Value::Agg(vec![Value::Int(ns)].into())
}

impl Machine {
    fn now_ns(&self) -> i64 {
        self.sched.now().0 as i64
    }

    /// Runs `time` function `n`; results are pushed unless `deferred`.
    pub(crate) fn time_native(&mut self, n: Native, args: &[Value], deferred: bool) {
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
            TimeAfter => {
                self.burst_left = 0;
                let c = self.chans.make(1, time_value(0), &mut self.sched_events);
                let token = self.program_timers.len() as u64;
                self.program_timers.push(c);
                self.sched.add_timer(p, arg.as_int().max(0) as u64, token);
                Some(Value::Chan(c))
            }
            TimeNow => Some(time_value(self.now_ns())),
            TimeSince => {
                let t = match &arg {
                    Value::Agg(fs) => fs.first().map_or(0, Value::as_int),
                    _ => 0,
                };
                Some(Value::Int(self.now_ns() - t))
            }
            _ => None,
        };
        if let Some(v) = result
            && !deferred
        {
            self.goroutines[gi].push(v);
        }
    }

    /// Performs the effects of program timers that fired (`take_fired_timers`): each sends
    /// the time it fired at on its channel if the buffer has room (`sendTime` never blocks),
    /// waking a receiver into the timer's P.
    pub(crate) fn fire_program_timers(&mut self) {
        for t in self.sched.take_fired_timers() {
            let Some(&c) = self.program_timers.get(t.token as usize) else {
                continue;
            };
            self.timer_send(c, t.at.0 as i64, t.p);
        }
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
