//! Package `sync` on the simulated scheduler: `WaitGroup` (`sync/waitgroup.go`), `Mutex`
//! (`sync/mutex.go`), `RWMutex` (`sync/rwmutex.go`), `Once` (`sync/once.go`), with the
//! semaphore queue of `runtime/sema.go` reduced to its simple case: a FIFO of parked
//! goroutines per object.
//!
//! A value of one of these types holds a handle (see `lang::pkgtypes`); handle 0 is the zero
//! value, which gets an object here on first use. Blocking parks the goroutine with Go's wait
//! reason (`sync.WaitGroup.Wait`, `sync.Mutex.Lock`, `sync.RWMutex.RLock`,
//! `sync.RWMutex.Lock`), so deadlock detection reports it like Go. Unlocking a contended
//! mutex hands it to the first waiter (Go's starvation-mode hand-off), which keeps the
//! outcome independent of which goroutine the scheduler runs next. Every method is a
//! synchronisation point: the burst ends. Each call emits a [`SyncEvent`].
//!
//! `Once.Do` runs `f` as a native continuation (`natives::Cont::Once`): until `f` returns,
//! concurrent callers park as they would on once.go's doSlow mutex; when it returns the Once
//! is done and they continue. If `f` panics, Go's deferred `done.Store(1)` and `Unlock` still
//! run: the unwinding marks the Once done and wakes the parked callers
//! (`Machine::abandon_pending`), and no later `Do` calls its `f`.

use crate::event::Event;
use crate::goroutine::{Blocked, GoId};
use crate::machine::Machine;
use crate::natives::{Cont, Step};
use crate::sched::{WaitReason, Waker};
use crate::sync_event::{LockOp, OnceHow, SyncEvent};
use crate::value::Value;
use crate::vm::Sink;
use lang::bytecode::Program;
use lang::packages::Native;
use std::collections::VecDeque;

/// What a parked goroutine waits for on a sync object.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Want {
    Wait,
    Lock,
    RLock,
}

/// The state of one `WaitGroup`, `Mutex`, `RWMutex` or `Once`.
#[derive(Clone, Debug, Default)]
pub(crate) struct SyncObj {
    /// WaitGroup counter.
    count: i64,
    /// Mutex/RWMutex write lock held; Once done.
    locked: bool,
    /// RWMutex readers holding the lock.
    readers: i64,
    /// Once: `f` is running.
    running: bool,
    /// Parked goroutines, first come first served.
    waiters: VecDeque<(GoId, Want)>,
}

/// Is `n` a method of a `sync` type (run by the VM, as it talks to the scheduler)?
pub(crate) fn is_sync_native(n: Native) -> bool {
    use Native::*;
    crate::vm_time::is_time_native(n)
        || crate::vm_context::is_context_native(n)
        || crate::vm_syscall::is_syscall_native(n)
        || crate::vm_atomic::is_atomic_native(n)
        || matches!(
            n,
            SyncWaitGroupAdd
                | SyncWaitGroupDone
                | SyncWaitGroupWait
                | SyncWaitGroupGo
                | SyncMutexLock
                | SyncMutexUnlock
                | SyncMutexTryLock
                | SyncRWMutexLock
                | SyncRWMutexUnlock
                | SyncRWMutexRLock
                | SyncRWMutexRUnlock
                | SyncOnceDo
        )
}

impl Machine {
    /// The object the receiver pointer `p` designates, created on first use.
    fn sync_obj(&mut self, p: &Value) -> Result<usize, String> {
        let v = self.load_ptr(p)?;
        let h = match &v {
            Value::Agg(fs) => fs.first().map_or(0, Value::as_int),
            _ => 0,
        };
        if h > 0 && (h as usize) <= self.syncs.len() {
            return Ok(h as usize - 1);
        }
        self.syncs.push(SyncObj::default());
        let h = self.syncs.len();
        self.store_ptr(p, Value::Agg(vec![Value::Int(h as i64)].into()))?;
        Ok(h - 1)
    }

    /// Readies a goroutine parked on a sync object into the current P (`semrelease` →
    /// `goready`).
    fn sync_ready(&mut self, g: GoId, by: GoId) {
        if self.race.is_some() {
            self.race_sync_ready(g);
        }
        if let Some(gr) = self.goroutines.get_mut((g.0 as usize).saturating_sub(1)) {
            gr.blocked = None;
        }
        let p = self.p();
        self.sched
            .ready(g, Waker::G { g: by, p }, &mut self.sched_events);
    }

    /// `WaitGroup.Add(delta)` on object `i` by `gid`: wakes the waiters at zero. Returns
    /// true if the counter went negative (the goroutine is now panicking).
    fn waitgroup_add(&mut self, i: usize, delta: i64, gid: GoId, events: &mut Sink<'_>) -> bool {
        let s = &mut self.syncs[i];
        s.count += delta;
        let counter = s.count;
        let woken: Vec<GoId> = if counter == 0 {
            s.waiters.drain(..).map(|(g, _)| g).collect()
        } else {
            Vec::new()
        };
        events.push(Event::Sync(SyncEvent::WaitGroupAdd {
            g: gid,
            obj: i as u32 + 1,
            delta,
            counter,
            woken: woken.clone(),
        }));
        if counter < 0 {
            self.flush_sched(events);
            // waitgroup.go panics with this string: recover() returns it.
            let msg = "sync: negative WaitGroup counter";
            let v = Value::Iface(Box::new((
                lang::bytecode::well_known::STRING,
                Value::string(msg),
            )));
            self.start_panic(gid, v, msg.into(), events);
            return true;
        }
        for g in woken {
            self.sync_ready(g, gid);
        }
        false
    }

    /// A goroutine started by `WaitGroup.Go` returned: its deferred `wg.Done()`.
    pub(crate) fn waitgroup_go_done(&mut self, events: &mut Sink<'_>) {
        let gi = self.current;
        let Some(i) = self.goroutines[gi].waitgroup.take() else {
            return;
        };
        let gid = self.goroutines[gi].id;
        if self.race.is_some() {
            self.race_sync(Native::SyncWaitGroupDone, i, &[], gi);
        }
        self.waitgroup_add(i, -1, gid, events);
    }

    fn sync_park(&mut self, i: usize, gid: GoId, want: Want, reason: WaitReason) {
        self.syncs[i].waiters.push_back((gid, want));
        self.park(Blocked::Other, reason);
    }

    /// Runs method `n` of a sync type; `args[0]` is the receiver pointer.
    pub(crate) fn sync_native(
        &mut self,
        program: &Program,
        n: Native,
        args: Vec<Value>,
        deferred: bool,
        gid: GoId,
        events: &mut Sink<'_>,
    ) {
        use Native::*;
        if crate::vm_atomic::is_atomic_native(n) {
            if self.race.is_some() {
                self.race_atomic(&args, self.current);
            }
            self.atomic_native(n, &args, deferred, gid, events);
            self.flush_sched(events);
            return;
        }
        if crate::vm_context::is_context_native(n) {
            self.context_native(n, &args, deferred, gid);
            self.flush_sched(events);
            return;
        }
        if crate::vm_syscall::is_syscall_native(n) {
            self.syscall_native(n, &args, deferred);
            self.flush_sched(events);
            return;
        }
        if crate::vm_time::is_time_native(n) {
            let panic = self.time_native(n, &args, deferred);
            self.flush_sched(events);
            if let Some(msg) = panic {
                self.start_panic(gid, Value::Nil, msg, events);
            }
            return;
        }
        self.burst_left = 0;
        let gi = self.current;
        let recv = args.first().cloned().unwrap_or(Value::Nil);
        let i = match self.sync_obj(&recv) {
            Ok(i) => i,
            Err(msg) => {
                self.start_panic(gid, Value::Nil, msg, events);
                return;
            }
        };
        let obj = i as u32 + 1;
        let ev = |e: SyncEvent| Event::Sync(e);
        let lock_ev = |op: LockOp, blocked: Option<usize>| {
            ev(SyncEvent::Mutex {
                g: gid,
                obj,
                op,
                blocked,
            })
        };
        if self.race.is_some() {
            self.race_sync(n, i, &args, gi);
        }
        match n {
            SyncWaitGroupAdd | SyncWaitGroupDone => {
                let delta = if n == SyncWaitGroupDone {
                    -1
                } else {
                    args.get(1).map_or(0, Value::as_int)
                };
                self.waitgroup_add(i, delta, gid, events);
            }
            SyncWaitGroupGo => {
                // `wg.Add(1); go func() { f(); wg.Done() }()` (sync/waitgroup.go): the new
                // goroutine remembers the WaitGroup and calls Done when f returns
                // (`waitgroup_go_done`); if f panics, Go 1.25+ does not call Done.
                if self.waitgroup_add(i, 1, gid, events) {
                    return;
                }
                let f = args.get(1).cloned().unwrap_or(Value::Nil);
                self.goroutines[gi].push(f);
                self.go_statement(program, 0, events);
                if let Some(g) = self.goroutines.last_mut()
                    && g.id != gid
                {
                    g.waitgroup = Some(i);
                    // Its `go` statement is in sync/waitgroup.go (Go 1.27: line 238).
                    g.created_by = Some((gid, "sync.(*WaitGroup).Go".into(), 238));
                    let child = g.id.0 as usize - 1;
                    if self.race.is_some() {
                        self.race_created_via(child, "sync.(*WaitGroup).Go", 238);
                    }
                }
            }
            SyncWaitGroupWait => {
                let counter = self.syncs[i].count;
                events.push(ev(SyncEvent::WaitGroupWait {
                    g: gid,
                    obj,
                    counter,
                }));
                if counter > 0 {
                    self.sync_park(i, gid, Want::Wait, WaitReason::SyncWaitGroupWait);
                }
            }
            SyncMutexLock | SyncRWMutexLock => {
                let s = &mut self.syncs[i];
                if !s.locked && s.readers == 0 {
                    s.locked = true;
                    events.push(lock_ev(LockOp::Lock, None));
                } else {
                    let reason = if n == SyncMutexLock {
                        WaitReason::SyncMutexLock
                    } else {
                        WaitReason::SyncRWMutexLock
                    };
                    events.push(lock_ev(LockOp::Lock, Some(s.waiters.len() + 1)));
                    self.sync_park(i, gid, Want::Lock, reason);
                }
            }
            SyncMutexTryLock => {
                let s = &mut self.syncs[i];
                let ok = !s.locked;
                s.locked = true;
                events.push(lock_ev(LockOp::TryLock(ok), None));
                if !deferred {
                    self.goroutines[gi].push(Value::Bool(ok));
                }
            }
            SyncRWMutexRLock => {
                let s = &mut self.syncs[i];
                // A waiting writer blocks new readers (rwmutex.go's readerCount < 0).
                let writer_waiting = s.waiters.iter().any(|w| w.1 == Want::Lock);
                if !s.locked && !writer_waiting {
                    s.readers += 1;
                    events.push(lock_ev(LockOp::RLock, None));
                } else {
                    events.push(lock_ev(LockOp::RLock, Some(s.waiters.len() + 1)));
                    self.sync_park(i, gid, Want::RLock, WaitReason::SyncRWMutexRLock);
                }
            }
            SyncMutexUnlock | SyncRWMutexUnlock => {
                if !self.syncs[i].locked {
                    let msg = if n == SyncMutexUnlock {
                        "sync: unlock of unlocked mutex"
                    } else {
                        "sync: Unlock of unlocked RWMutex"
                    };
                    self.flush_sched(events);
                    self.fatal(msg, events);
                    return;
                }
                self.syncs[i].locked = false;
                events.push(lock_ev(LockOp::Unlock, None));
                self.sync_grant(i, gid, events);
            }
            SyncRWMutexRUnlock => {
                if self.syncs[i].readers <= 0 {
                    self.flush_sched(events);
                    self.fatal("sync: RUnlock of unlocked RWMutex", events);
                    return;
                }
                self.syncs[i].readers -= 1;
                events.push(lock_ev(LockOp::RUnlock, None));
                self.sync_grant(i, gid, events);
            }
            SyncOnceDo => {
                let s = &mut self.syncs[i];
                let how = if s.locked {
                    OnceHow::Done
                } else if s.running {
                    OnceHow::Wait
                } else {
                    OnceHow::Run
                };
                events.push(ev(SyncEvent::Once { g: gid, obj, how }));
                match how {
                    OnceHow::Done => {}
                    OnceHow::Wait => {
                        self.sync_park(i, gid, Want::Wait, WaitReason::SyncMutexLock);
                    }
                    OnceHow::Run => {
                        self.syncs[i].running = true;
                        let callee = args.get(1).cloned().unwrap_or(Value::Nil);
                        let step = Step::Call {
                            callee,
                            args: Vec::new(),
                            then: Cont::Once(i),
                        };
                        self.apply_step(program, step, deferred, gid, events);
                    }
                }
            }
            _ => {}
        }
        self.flush_sched(events);
    }

    /// `f` of Once `i` returned: the Once is done and the callers waiting for it continue.
    pub(crate) fn once_done(&mut self, i: usize, gid: GoId, events: &mut Sink<'_>) {
        let Some(s) = self.syncs.get_mut(i) else {
            return;
        };
        s.locked = true;
        s.running = false;
        if self.race.is_some() {
            self.race_once_done(i, gid);
        }
        let Some(s) = self.syncs.get_mut(i) else {
            return;
        };
        let woken: Vec<GoId> = s.waiters.drain(..).map(|(g, _)| g).collect();
        events.push(Event::Sync(SyncEvent::OnceDone {
            g: gid,
            obj: i as u32 + 1,
            woken: woken.clone(),
        }));
        for g in woken {
            self.sync_ready(g, gid);
        }
        self.flush_sched(events);
    }

    /// After an unlock: hand the lock to the first waiting writer, or let every waiting
    /// reader in (`rwmutex.go`'s Unlock releases all readers).
    fn sync_grant(&mut self, i: usize, by: GoId, events: &mut Sink<'_>) {
        let s = &mut self.syncs[i];
        if s.locked {
            return;
        }
        let mut woken = Vec::new();
        match s.waiters.front().map(|w| w.1) {
            Some(Want::Lock) if s.readers == 0 => {
                if let Some((g, _)) = s.waiters.pop_front() {
                    s.locked = true;
                    woken.push(g);
                }
            }
            Some(Want::RLock) => {
                while let Some(&(g, Want::RLock)) = s.waiters.front() {
                    s.waiters.pop_front();
                    s.readers += 1;
                    woken.push(g);
                }
            }
            _ => {}
        }
        if !woken.is_empty() {
            events.push(Event::Sync(SyncEvent::Handoff {
                obj: i as u32 + 1,
                to: woken.clone(),
            }));
        }
        for g in woken {
            self.sync_ready(g, by);
        }
    }
}
