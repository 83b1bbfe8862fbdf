//! The VM's side of `select` (`runtime/select.go`'s `selectgo`, reached from the code
//! `cmd/compile/internal/walk/select.go` generates): the operands `Op::Select` pops become
//! [`SelectCase`]s, `Channels::select` picks one with the seeded poll order, and the result
//! — or, after parking, the partner's [`crate::chan::Wake`] — leaves `case, value, ok` on the
//! goroutine's stack for the compiled clause dispatch.

use crate::chan::{SelectCase, SelectResult};
use crate::goroutine::{Blocked, GoId};
use crate::machine::Machine;
use crate::value::Value;
use crate::vm::Sink;
use crate::vm_sched::chan_id;

impl Machine {
    /// `Op::Select { n, has_default }`: a synchronisation point, so the burst ends.
    pub(crate) fn select_op(
        &mut self,
        n: usize,
        has_default: bool,
        gid: GoId,
        events: &mut Sink<'_>,
    ) {
        let gi = self.current;
        self.burst_left = 0;
        let mut cases = Vec::with_capacity(n);
        for _ in 0..n {
            let kind = self.goroutines[gi].pop().as_int();
            let case = if kind == 1 {
                let value = self.goroutines[gi].pop();
                let chan = chan_id(&self.goroutines[gi].pop());
                self.barrier_send(&value);
                SelectCase::Send { chan, value }
            } else {
                let chan = chan_id(&self.goroutines[gi].pop());
                SelectCase::Recv { chan }
            };
            cases.push(case);
        }
        cases.reverse();
        let result = self.chans.select(
            gid,
            &cases,
            has_default,
            &mut self.chooser,
            &mut self.sched_events,
        );
        match result {
            SelectResult::Chosen {
                case,
                received,
                woke,
            } => {
                let (value, ok) = received.unwrap_or((Value::Nil, false));
                self.barrier_recv(&value);
                if self.race.is_some() {
                    self.race_select(cases.get(case), gi, ok, woke.as_ref());
                }
                let g = &mut self.goroutines[gi];
                g.push(Value::Int(case as i64));
                g.push(value);
                g.push(Value::Bool(ok));
                if let Some(w) = woke {
                    self.wake(w, gid);
                }
            }
            SelectResult::Default => {
                let g = &mut self.goroutines[gi];
                g.push(Value::Int(-1));
                g.push(Value::Nil);
                g.push(Value::Bool(false));
            }
            SelectResult::Block(reason) => self.park(Blocked::Select, reason),
            SelectResult::Panic { panic, .. } => {
                self.flush_sched(events);
                self.start_panic(gid, Value::Nil, panic.message().into(), events);
            }
        }
    }
}
