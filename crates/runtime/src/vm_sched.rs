//! The VM's side of the G-M-P scheduler and the channels: bursts, `go` statements, channel
//! operations, wake-ups and deadlock (`runtime/proc.go`'s `schedule`/`newproc`/`goexit`,
//! `runtime/chan.go`'s `chansend`/`chanrecv`/`closechan`, `proc.go`'s `checkdead`).
//!
//! # Bursts: when the next P is picked
//!
//! Ps run in parallel in Go; goscope interleaves them. Choosing, through the `Chooser`, which
//! running P executes *each* instruction would record one choice per instruction whenever two
//! Ps are busy — schedules of millions of entries. Instead a P runs its goroutine for a
//! **burst** of at most [`BURST`] instructions, and the next P is picked (label `"sched"`)
//! only at scheduling-relevant points: when the burst is used up, or when the goroutine did
//! something another goroutine can observe or that changes who runs — a `go` statement, a
//! channel send/receive/close, blocking, exiting (and, as they arrive, select, sync, atomics,
//! `Gosched`, `time.Sleep`). Between bursts the scheduler's `schedule` lets every P without a
//! goroutine find one. With a single running P nothing is recorded (a choice among one option
//! records nothing), so GOMAXPROCS=1 schedules hold only the real decisions.
//!
//! A burst's instructions are accounted to its P's time slice and to the virtual clock when it
//! ends (`Scheduler::account`), so preemption and timers are exact to within one burst.
//! Bursts carry over between `run_slice` calls, so running step by step or in big slices
//! gives the same trace.
//!
//! # Wake-ups
//!
//! A blocked goroutine records what it waits for ([`Blocked`]); the partner whose operation
//! completes it pushes the result onto the sleeper's stack (Go copies it through the sudog)
//! and readies it into the partner's P's `runnext`.

use crate::event::Event;
use crate::goroutine::{Blocked, GoId, Goroutine};
use crate::machine::{Machine, Outcome};
use crate::panic::traceback;
use crate::sched::{Deadlock, GStatus, IdleOutcome, PId, Waker};
use crate::value::Value;
use crate::vm::Sink;
use lang::bytecode::{Op, Program};
use std::rc::Rc;

/// Instructions a P runs before the next P is picked, unless its goroutine synchronises
/// first (see the module docs). 64 is long enough to keep schedules short (one choice per
/// burst at most) and short enough that seeds show different interleavings of busy loops.
pub const BURST: u64 = 64;

/// Package `runtime`'s functions, run by the VM itself (they talk to the scheduler).
pub(crate) fn is_runtime_native(n: lang::packages::Native) -> bool {
    use lang::packages::Native::*;
    matches!(
        n,
        RuntimeGosched
            | RuntimeNumGoroutine
            | RuntimeNumCPU
            | RuntimeGOMAXPROCS
            | RuntimeGC
            | RuntimeReadMemStats
            | DebugSetGCPercent
            | DebugSetMemoryLimit
    )
}

/// The channel of a channel value (`None`: the nil channel).
pub(crate) fn chan_id(v: &Value) -> Option<crate::chan::ChanId> {
    match v {
        Value::Chan(c) => Some(*c),
        _ => None,
    }
}

impl Machine {
    /// Passes pending scheduler and channel events to the sink.
    pub(crate) fn flush_sched(&mut self, events: &mut Sink<'_>) {
        if self.profile.is_some() {
            self.profile_sched();
            self.profile_sched_drained();
        }
        if !self.record {
            self.sched_events.clear();
            return;
        }
        // The collector's events first, at the steps that made them (no later than now), so
        // the trace's steps stay in order.
        let now = events.now;
        for (step, e) in self.heap.gc.events.drain(..) {
            events.now = step.min(now);
            events.push(Event::Gc(e));
        }
        events.now = now;
        for e in self.sched_events.drain(..) {
            events.push(Event::Sched(e));
        }
        if self.race.is_some() {
            self.flush_hb(events);
        }
    }

    /// The P running the current goroutine.
    pub(crate) fn p(&self) -> PId {
        self.running_p.unwrap_or(PId(0))
    }

    /// Ends the current burst: its work goes to the clock and the P's time slice (which may
    /// preempt the goroutine); timers that fell due fire.
    fn end_burst(&mut self, events: &mut Sink<'_>) {
        if self.profile.is_some() {
            // Decisions of the burst happened before its work moves the clock.
            self.profile_sched();
        }
        if let Some(p) = self.running_p
            && self.unaccounted > 0
        {
            let ns = self.unaccounted * self.sched.config().instruction_ns;
            self.sched.account(p, ns, &mut self.sched_events);
        }
        self.unaccounted = 0;
        self.burst_left = 0;
        self.fire_program_timers(events);
        self.gc_tick(events);
    }

    /// Between bursts: every idle-handed P schedules, then one running P is picked for the
    /// next burst; with none running, the clock jumps to the next timer or the program
    /// deadlocks. Returns false if the program ended.
    pub(crate) fn next_burst(&mut self, events: &mut Sink<'_>) -> bool {
        self.end_burst(events);
        // Each idle round fires at least one deadline; the bound only guards a broken
        // invariant from looping forever.
        for _ in 0..1_000_000 {
            self.sched
                .schedule(&mut self.chooser, &mut self.sched_events);
            let yielded = self.spinner.map(|gi| GoId(gi as u64 + 1));
            if let Some((p, g)) = self.sched.pick_fair(&mut self.chooser, yielded) {
                let gi = (g.0 as usize).saturating_sub(1);
                if gi >= self.goroutines.len() {
                    break;
                }
                self.running_p = Some(p);
                self.current = gi;
                self.burst_left = BURST;
                self.flush_sched(events);
                return true;
            }
            self.running_p = None;
            if self.profile.is_some() {
                self.profile_sched(); // before an idle jump moves the clock
            }
            match self.sched.idle(&mut self.sched_events) {
                IdleOutcome::Advanced { .. } => {
                    self.fire_program_timers(events);
                    self.gc_tick(events);
                }
                IdleOutcome::Deadlock(d) => {
                    self.flush_sched(events);
                    self.deadlock(d, events);
                    return false;
                }
                IdleOutcome::Busy => {}
            }
        }
        self.flush_sched(events);
        self.fatal("goscope: scheduler found no goroutine to run", events);
        false
    }

    /// The current goroutine's function returned (`goexit0`).
    pub(crate) fn goroutine_exit(&mut self, events: &mut Sink<'_>) {
        if self.goroutines[self.current].waitgroup.is_some() {
            self.waitgroup_go_done(events);
        }
        let p = self.p();
        self.sched.goexit(p, &mut self.sched_events);
        self.burst_left = 0;
        self.flush_sched(events);
    }

    /// Parks the current goroutine (`gopark`); the burst ends.
    pub(crate) fn park(&mut self, blocked: Blocked, reason: crate::sched::WaitReason) {
        let gi = self.current;
        self.goroutines[gi].blocked = Some(blocked);
        let p = self.p();
        self.sched.park(p, reason, &mut self.sched_events);
        self.burst_left = 0;
    }

    /// Completes a sleeper's operation: delivers its result and readies it (`goready`) into
    /// the waker's P.
    pub(crate) fn wake(&mut self, w: crate::chan::Wake<Value>, by: GoId) {
        let p = self.p();
        self.wake_by(w, Waker::G { g: by, p });
    }

    /// [`Self::wake`] by a goroutine or a timer.
    pub(crate) fn wake_by(&mut self, w: crate::chan::Wake<Value>, waker: Waker) {
        if let Some(g) = self.goroutines.get_mut((w.g.0 as usize).saturating_sub(1)) {
            match g.blocked.take() {
                Some(Blocked::Recv { comma_ok }) => {
                    g.push(w.value.unwrap_or_default());
                    if comma_ok {
                        g.push(Value::Bool(w.ok));
                    }
                }
                Some(Blocked::Send) if !w.ok => {
                    g.resume_panic = Some(crate::chan::ChanPanic::SendOnClosed.message());
                }
                Some(Blocked::Select) if w.value.is_none() && !w.ok => {
                    // A send case woken by `close`: `send on closed channel` on resuming.
                    g.resume_panic = Some(crate::chan::ChanPanic::SendOnClosed.message());
                }
                Some(Blocked::Select) => {
                    g.push(Value::Int(w.case.map_or(-1, |c| c as i64)));
                    g.push(w.value.unwrap_or_default());
                    g.push(Value::Bool(w.ok));
                }
                _ => {}
            }
        }
        self.sched.ready(w.g, waker, &mut self.sched_events);
    }

    /// A goroutine or channel instruction (see `lang::bytecode`). The pc is saved.
    pub(crate) fn concurrency_op(
        &mut self,
        program: &Program,
        op: &Op,
        gid: GoId,
        events: &mut Sink<'_>,
    ) {
        let gi = self.current;
        match op {
            Op::Go { argc } => self.go_statement(program, *argc as usize, events),
            Op::MakeChan => {
                let cap = self.goroutines[gi].pop().as_int();
                let zero = self.goroutines[gi].pop();
                if !(0..=1 << 30).contains(&cap) {
                    self.start_panic(
                        gid,
                        Value::Nil,
                        "makechan: size out of range".into(),
                        events,
                    );
                    return;
                }
                let c = self.chans.make(cap as usize, zero, &mut self.sched_events);
                self.goroutines[gi].push(Value::Chan(c));
            }
            Op::ChanLen | Op::ChanCap => {
                let c = chan_id(&self.goroutines[gi].pop());
                let n = if matches!(op, Op::ChanLen) {
                    self.chans.len(c)
                } else {
                    self.chans.cap(c)
                };
                self.goroutines[gi].push(Value::Int(n as i64));
            }
            Op::ChanSend => {
                let v = self.goroutines[gi].pop();
                let c = chan_id(&self.goroutines[gi].pop());
                self.burst_left = 0;
                self.barrier_send(&v);
                use crate::chan::SendResult;
                match self.chans.send(c, gid, v, &mut self.sched_events) {
                    SendResult::Done { woke } => {
                        if self.race.is_some() {
                            self.race_send(c, gi, woke.as_ref());
                        }
                        if let Some(w) = woke {
                            self.wake(w, gid);
                        }
                    }
                    SendResult::Block(reason) => self.park(Blocked::Send, reason),
                    SendResult::Panic(x) => {
                        self.flush_sched(events);
                        self.start_panic(gid, Value::Nil, x.message().into(), events);
                    }
                }
            }
            Op::ChanRecv { comma_ok } => {
                let c = chan_id(&self.goroutines[gi].pop());
                self.burst_left = 0;
                use crate::chan::RecvResult;
                match self.chans.recv(c, gid, &mut self.sched_events) {
                    RecvResult::Done { value, ok, woke } => {
                        self.barrier_recv(&value);
                        if self.race.is_some() {
                            self.race_recv(c, gi, ok, woke.as_ref());
                        }
                        self.goroutines[gi].push(value);
                        if *comma_ok {
                            self.goroutines[gi].push(Value::Bool(ok));
                        }
                        if let Some(w) = woke {
                            self.wake(w, gid);
                        }
                    }
                    RecvResult::Block(reason) => self.park(
                        Blocked::Recv {
                            comma_ok: *comma_ok,
                        },
                        reason,
                    ),
                }
            }
            Op::ChanClose => {
                let c = chan_id(&self.goroutines[gi].pop());
                self.burst_left = 0;
                match self.chans.close(c, gid, &mut self.sched_events) {
                    Ok(woken) => {
                        if self.race.is_some() {
                            self.race_close(c, gi, &woken);
                        }
                        for w in woken {
                            self.wake(w, gid);
                        }
                    }
                    Err(x) => {
                        self.flush_sched(events);
                        self.start_panic(gid, Value::Nil, x.message().into(), events);
                    }
                }
            }
            Op::Select { n, has_default } => self.select_op(*n as usize, *has_default, gid, events),
            _ => {}
        }
        self.flush_sched(events);
    }

    /// `runtime.Gosched`, `NumGoroutine`, `NumCPU`, `GOMAXPROCS` (`proc.go`, `debug.go`).
    pub(crate) fn runtime_native(
        &mut self,
        native: lang::packages::Native,
        args: &[Value],
        events: &mut Sink<'_>,
    ) {
        use lang::packages::Native::*;
        let gi = self.current;
        let p = self.p();
        match native {
            RuntimeGosched => {
                self.sched.gosched(p, &mut self.sched_events);
                self.burst_left = 0;
            }
            RuntimeNumGoroutine => {
                let n = self
                    .sched
                    .goroutines()
                    .iter()
                    .filter(|r| r.status != GStatus::Dead)
                    .count();
                self.goroutines[gi].push(Value::Int(n as i64));
            }
            RuntimeNumCPU => {
                let n = crate::execution::SIMULATED_NUM_CPU as i64;
                self.goroutines[gi].push(Value::Int(n));
            }
            RuntimeGC => {
                self.gc_forced(events);
                self.burst_left = 0;
            }
            RuntimeReadMemStats => {
                let fields = self.mem_stats();
                if let Some(p) = args.first() {
                    // A nil *MemStats faults in Go too.
                    if let Err(msg) = self.store_ptr(p, Value::Agg(fields.into())) {
                        let gid = self.goroutines[gi].id;
                        self.start_panic(gid, Value::Nil, msg, events);
                    }
                }
            }
            DebugSetGCPercent => {
                let n = args.first().map_or(100, Value::as_int);
                let old = self
                    .heap
                    .gc
                    .pacer
                    .set_gogc(n.clamp(-1, i32::MAX as i64) as i32);
                self.goroutines[gi].push(Value::Int(old as i64));
                self.gc_maybe_start();
            }
            DebugSetMemoryLimit => {
                let n = args.first().map_or(-1, Value::as_int);
                let old = self.heap.gc.pacer.set_memory_limit(n);
                self.goroutines[gi].push(Value::Int(old));
                self.gc_maybe_start();
            }
            RuntimeGOMAXPROCS => {
                let n = args.first().map_or(0, Value::as_int);
                let (old, now) = self.sched.procresize(p, n, &mut self.sched_events);
                self.running_p = Some(now);
                self.goroutines[gi].push(Value::Int(old as i64));
                if n > 0 {
                    self.burst_left = 0;
                }
            }
            _ => {}
        }
        self.flush_sched(events);
    }

    /// `go f(args)` (`newproc`): the function value and arguments, evaluated by the caller,
    /// move to a new goroutine's stack and its first frame is pushed; the new goroutine goes
    /// to the caller's P's `runnext`.
    pub(crate) fn go_statement(&mut self, program: &Program, argc: usize, events: &mut Sink<'_>) {
        let gi = self.current;
        let p = self.p();
        let id = self.sched.newproc(p, &mut self.sched_events);
        let mut g = Goroutine::new(id);
        if let Some(fr) = self.goroutines[gi].frames.last() {
            let f = program.function(fr.func);
            let line = f
                .pos
                .get((fr.pc as usize).saturating_sub(1))
                .map_or(f.decl.line, |p| p.line);
            let name = self.names.get(fr.func.0 as usize).cloned();
            g.created_by = name.map(|n| (self.goroutines[gi].id, n, line));
        }
        let at = self.goroutines[gi].stack.len().saturating_sub(argc + 1);
        g.stack = self.goroutines[gi].stack.split_off(at);
        let func: Rc<str> = match g.stack.first() {
            Some(Value::Func(f, _)) => self
                .names
                .get(f.0 as usize)
                .cloned()
                .unwrap_or_else(|| Rc::from("?")),
            Some(Value::Native(n)) => Rc::from(format!("{n:?}").as_str()),
            Some(Value::Cancel(_)) => Rc::from("context.(*cancelCtx).cancel"),
            _ => Rc::from("nil"),
        };
        if self.goroutines.len() + 1 != id.0 as usize {
            // Goroutine ids and `goroutines` indices agree by construction.
            self.fatal("goscope: goroutine table out of step", events);
            return;
        }
        self.goroutines.push(crate::shared::Shared::new(g));
        if self.race.is_some() {
            self.race_go(gi, id.0 as usize - 1);
        }
        self.flush_sched(events);
        events.push(Event::GoStart { g: id, func });
        self.current = id.0 as usize - 1;
        self.call_value(program, argc, false, id, events);
        self.current = gi;
        self.burst_left = 0;
    }

    /// `fatal error: all goroutines are asleep - deadlock!` and every blocked goroutine's
    /// traceback with its wait reason, exit status 2 (`checkdead` + `fatal`).
    fn deadlock(&mut self, d: Deadlock, events: &mut Sink<'_>) {
        let message = d.message();
        events.push(Event::Fatal {
            message: message.into(),
        });
        let mut text = format!("fatal error: {message}\n");
        for r in self.sched.goroutines() {
            if r.status != GStatus::Waiting {
                continue;
            }
            let Some(g) = self.goroutines.get((r.id.0 as usize).saturating_sub(1)) else {
                continue;
            };
            let tb = traceback(g, &self.program, &self.file, 100);
            text.push('\n');
            text.push_str(&tb.replacen("[running]", &format!("[{}]", r.traceback_status()), 1));
        }
        events.push(Event::Stderr {
            g: GoId(1),
            text: text.into_bytes(),
        });
        self.finish(Outcome::Fatal, 2);
        events.push(Event::Exit {
            g: GoId(1),
            code: 2,
        });
    }

    /// A fatal error of goscope itself (a broken invariant), reported instead of a Rust panic.
    pub(crate) fn fatal(&mut self, message: &str, events: &mut Sink<'_>) {
        events.push(Event::Fatal {
            message: message.into(),
        });
        events.push(Event::Stderr {
            g: GoId(1),
            text: format!("fatal error: {message}\n").into_bytes(),
        });
        self.finish(Outcome::Fatal, 2);
        events.push(Event::Exit {
            g: GoId(1),
            code: 2,
        });
    }
}
