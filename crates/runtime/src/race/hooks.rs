//! The VM's entry points into the detector: one call per shadowed load/store and per
//! synchronisation edge, each guarded at its call site by `self.race.is_some()` so that a run
//! without `-race` pays one branch. Locations come from the operands the instruction popped
//! (see [`super::shadow`]); stacks are taken from the goroutine's frames, with the running
//! function's pc passed in because the dispatch loop keeps it in a local.

use super::detector::{Race, SyncKey};
use super::hb_log::{HbEvent, RaceSide, SyncObj, SyncOp};
use super::report::{self, Creation, Side};
use super::shadow::{Loc, Stack, StackFrame};
use crate::chan::{ChanId, SelectCase, Wake};
use crate::event::Event;
use crate::goroutine::GoId;
use crate::machine::Machine;
use crate::value::{Ptr, Value};
use crate::vm::Sink;
use lang::bytecode::Op;
use lang::packages::Native;

fn cell(p: &Ptr) -> Loc {
    Loc::Cell {
        obj: p.obj.0,
        path: p.path.clone(),
    }
}

fn gi(g: GoId) -> usize {
    (g.0 as usize).saturating_sub(1)
}

impl Machine {
    /// Turns race detection on (before the program starts) or off.
    pub fn set_race(&mut self, on: bool) {
        self.race = on.then(|| Box::new(super::RaceState::new()));
    }

    /// Races reported so far, if race detection is on.
    pub fn races_found(&self) -> Option<usize> {
        self.race.as_ref().map(|r| r.count)
    }

    /// The race-detection state (for views: clocks), if on.
    pub fn race_state(&self) -> Option<&super::RaceState> {
        self.race.as_deref()
    }

    /// Queues a happens-before log entry (only while recording: see `hb_log`).
    fn hb(&mut self, e: HbEvent) {
        if self.record
            && let Some(st) = self.race.as_mut()
        {
            st.pending.push(e);
        }
    }

    /// Passes queued happens-before entries to the sink.
    pub(crate) fn flush_hb(&mut self, events: &mut Sink<'_>) {
        if let Some(st) = self.race.as_mut()
            && !st.pending.is_empty()
        {
            for e in st.pending.drain(..) {
                events.push(Event::Race(e));
            }
        }
    }

    /// An acquire edge, logged when it learned something.
    fn hb_acquire(&mut self, g: usize, obj: SyncObj, op: SyncOp, from: Vec<(usize, u32)>) {
        if !from.is_empty() {
            self.hb(HbEvent::Acquire { g, obj, op, from });
        }
    }

    /// A location's readable name: a global's name, otherwise its address.
    fn loc_name(&self, loc: &Loc) -> std::rc::Rc<str> {
        match loc {
            Loc::Global(i) => match self.program.globals.get(*i as usize) {
                Some(name) => std::rc::Rc::from(name.as_str()),
                None => format!("0x{:012x}", loc.address()).into(),
            },
            _ => format!("0x{:012x}", loc.address()).into(),
        }
    }

    /// Logs a shared access, unless it repeats the goroutine's previous one (same location,
    /// kind and line, no synchronisation in between).
    fn hb_access(&mut self, loc: &Loc, write: bool, stack: &Stack) {
        let g = self.current;
        let (func, line) = stack
            .first()
            .map_or(("?".into(), 0), |f| (f.func.clone(), f.line));
        // Line 0: the compiler's own zero-initialisation of globals, not the learner's code.
        if !self.record || line == 0 {
            return;
        }
        let name = self.loc_name(loc);
        let Some(st) = self.race.as_mut() else {
            return;
        };
        let clock = st.detector.clock_of(g);
        let key = (loc.clone(), write, line, clock);
        if st.last_access.len() <= g {
            st.last_access.resize(g + 1, None);
        }
        if st.last_access[g].as_ref() == Some(&key) {
            return;
        }
        st.last_access[g] = Some(key);
        st.pending.push(HbEvent::Access {
            g,
            clock,
            loc: loc.clone(),
            name,
            write,
            func,
            line,
        });
    }

    /// The current goroutine's stack, innermost first; `top_pc` is the running function's pc.
    fn race_stack(&self, top_pc: Option<usize>) -> Stack {
        let Some(g) = self.goroutines.get(self.current) else {
            return Stack::from(Vec::new());
        };
        let n = g.frames.len();
        g.frames
            .iter()
            .enumerate()
            .rev()
            .map(|(k, f)| {
                let pc = match top_pc {
                    Some(pc) if k + 1 == n => pc,
                    _ => f.pc as usize,
                };
                let func = self.program.function(f.func);
                let line = func
                    .pos
                    .get(pc.saturating_sub(1))
                    .map_or(func.decl.line, |p| p.line);
                let name = self
                    .names
                    .get(f.func.0 as usize)
                    .cloned()
                    .unwrap_or_else(|| "?".into());
                StackFrame { func: name, line }
            })
            .collect()
    }

    /// A data instruction's access (`Deref`, `StoreDeref`, slice index, map ops, `copy`).
    /// Returns the location when the instruction is a racy load whose value is to be chosen.
    pub(crate) fn race_data(
        &mut self,
        op: &Op,
        args: &[Value],
        pc: usize,
        events: &mut Sink<'_>,
    ) -> Option<Loc> {
        let (loc, store) = match (op, args) {
            (Op::Deref, [Value::Ptr(p)]) => (cell(p), None),
            (Op::StoreDeref, [v, pv @ Value::Ptr(p)]) => {
                (cell(p), Some((self.load_ptr(pv).ok(), v.clone())))
            }
            (Op::IndexSlice, [Value::Slice(s), i]) if (0..s.len as i64).contains(&i.as_int()) => {
                let path = [s.off + i.as_int() as u32];
                let loc = Loc::Cell {
                    obj: s.obj.0,
                    path: path[..].into(),
                };
                (loc, None)
            }
            (Op::MapIndex { .. }, [Value::Map(m), _]) => {
                self.race_access(Loc::Map(m.0), None, false, pc, events);
                return None;
            }
            (Op::MapStore, [_, Value::Map(m), _]) | (Op::MapDelete, [Value::Map(m), _]) => {
                self.race_access(Loc::Map(m.0), None, true, pc, events);
                return None;
            }
            (Op::Copy, [dst, src]) => {
                let n = self.len_of(dst).min(self.len_of(src)).max(0) as u32;
                for (v, write) in [(src, false), (dst, true)] {
                    if let Value::Slice(s) = v {
                        for k in 0..n {
                            let path = [s.off + k];
                            let loc = Loc::Cell {
                                obj: s.obj.0,
                                path: path[..].into(),
                            };
                            self.race_access(loc, None, write, pc, events);
                        }
                    }
                }
                return None;
            }
            _ => return None,
        };
        let write = store.is_some();
        self.race_access(loc, store, write, pc, events)
    }

    /// A load of global `i` (returns the location if the load is racy).
    pub(crate) fn race_load_global(
        &mut self,
        i: u32,
        pc: usize,
        events: &mut Sink<'_>,
    ) -> Option<Loc> {
        self.race_access(Loc::Global(i), None, false, pc, events)
    }

    /// A store of `v` to global `i`.
    pub(crate) fn race_store_global(&mut self, i: u32, v: &Value, pc: usize, ev: &mut Sink<'_>) {
        let old = self.globals.get(i as usize).cloned();
        self.race_access(Loc::Global(i), Some((old, v.clone())), true, pc, ev);
    }

    fn race_access(
        &mut self,
        loc: Loc,
        store: Option<(Option<Value>, Value)>,
        write: bool,
        pc: usize,
        events: &mut Sink<'_>,
    ) -> Option<Loc> {
        let stack = self.race_stack(Some(pc));
        let g = self.current;
        // Explorer mode: another goroutine may run between any two shared accesses.
        self.yield_now |= self.access_points;
        if self.record && self.race.is_some() {
            self.hb_access(&loc, write, &stack);
            self.flush_hb(events);
        }
        if self.access_points {
            self.note_spin(g, &loc, write);
        }
        let st = self.race.as_mut()?;
        let (racy, race) = if write {
            (false, st.detector.write(&loc, g, &stack, store))
        } else {
            st.detector.read(&loc, g, &stack)
        };
        if let Some(race) = race {
            self.race_report(race, &stack, events);
        }
        (racy && !matches!(loc, Loc::Map(_))).then_some(loc)
    }

    /// Explorer fairness: a goroutine reading the location it last read, with no store by
    /// anyone since, is spinning (`for !done {}`); any store ends every spin.
    fn note_spin(&mut self, g: usize, loc: &Loc, write: bool) {
        if write {
            self.spinner = None;
            self.spin_probe.clear();
            return;
        }
        if self.spin_probe.len() <= g {
            self.spin_probe.resize(g + 1, None);
        }
        if self.spin_probe[g].as_ref() == Some(loc) {
            self.spinner = Some(g);
        } else {
            self.spin_probe[g] = Some(loc.clone());
        }
    }

    /// The value a racy load returns: one of the visible stores, picked by the chooser
    /// (label `load`), or `v` (the latest store) when there is no choice.
    pub(crate) fn race_load_value(&mut self, loc: Loc, v: Value) -> Value {
        let g = self.current;
        let Some(st) = self.race.as_mut() else {
            return v;
        };
        match st.detector.load_candidates(&loc, g) {
            Err(chosen) => {
                // Re-reading with nothing new to see: in explorer mode, a spin (fairness).
                if self.access_points {
                    self.spinner = Some(g);
                }
                chosen
            }
            Ok(c) if c.is_empty() => v,
            Ok(mut c) => {
                // Explorer mode offers the newest store first, so the default schedule reads
                // what a sequentially consistent run would and stale values are deviations.
                if self.access_points {
                    c.reverse();
                }
                let k = self.chooser.choose("load", c.len()).min(c.len() - 1);
                let (seq, value) = c[k].clone();
                if let Some(st) = self.race.as_mut() {
                    st.detector.observe(&loc, g, seq);
                }
                value
            }
        }
    }

    fn race_report(&mut self, race: Race, stack: &Stack, events: &mut Sink<'_>) {
        let g = self.current;
        let site = |s: &Stack| {
            s.first()
                .map_or((String::new(), 0), |f| (f.func.to_string(), f.line))
        };
        let (a, b) = (site(stack), site(&race.prev.stack));
        let key = if a <= b { (a, b) } else { (b, a) };
        let running = |k: usize| self.goroutines.get(k).is_some_and(|g| !g.frames.is_empty());
        let (run_now, run_prev) = (running(g), running(race.prev.epoch.g));
        let name = self.record.then(|| self.loc_name(&race.loc));
        let Some(st) = self.race.as_mut() else {
            return;
        };
        if !st.reported.insert(key) {
            return;
        }
        if let Some(name) = name {
            let side = |g: usize, write: bool, stack: &Stack| RaceSide {
                g,
                write,
                stack: stack.clone(),
            };
            events.push(Event::Race(HbEvent::Race {
                loc: race.loc.clone(),
                name,
                now: side(g, race.write, stack),
                prev: side(race.prev.epoch.g, race.prev_write, &race.prev.stack),
            }));
        }
        st.count += 1;
        let prev_g = race.prev.epoch.g;
        let mut created = Vec::new();
        for (k, run) in [(g, run_now), (prev_g, run_prev)] {
            if let Some(s) = st.created.get(&k)
                && !created.iter().any(|c: &Creation<'_>| c.g == k)
            {
                created.push(Creation {
                    g: k,
                    running: run,
                    stack: s,
                });
            }
        }
        let text = report::format(
            &self.file,
            &race.loc,
            Side {
                write: race.write,
                g,
                stack,
            },
            Side {
                write: race.prev_write,
                g: prev_g,
                stack: &race.prev.stack,
            },
            &created,
        );
        let id = self.goroutines.get(g).map_or(GoId(1), |g| g.id);
        events.push(Event::Stderr {
            g: id,
            text: text.into_bytes(),
        });
    }

    /// `go` statement: goroutine index `parent` created `child` (the parent's pc is saved).
    pub(crate) fn race_go(&mut self, parent: usize, child: usize) {
        let stack = self.race_stack(None);
        if let Some(st) = self.race.as_mut() {
            st.created.insert(child, stack);
            let clock = st.detector.go_start(parent, child);
            let obj = SyncObj::Go(child);
            self.hb(HbEvent::Release {
                g: parent,
                clock,
                obj: obj.clone(),
                op: SyncOp::Go,
            });
            self.hb_acquire(child, obj, SyncOp::Start, vec![(parent, clock)]);
        }
    }

    fn chan_cap(&self, c: Option<ChanId>) -> u64 {
        self.chans.cap(c) as u64
    }

    /// A send by goroutine index `g` on `c` completed; `woke` is the receiver it handed to.
    pub(crate) fn race_send(&mut self, c: Option<ChanId>, g: usize, woke: Option<&Wake<Value>>) {
        let cap = self.chan_cap(c);
        let (Some(c), Some(st)) = (c, self.race.as_mut()) else {
            return;
        };
        let d = &mut st.detector;
        match woke {
            Some(w) if cap == 0 => {
                let (a, b) = d.pair(g, gi(w.g));
                self.hb_rendezvous(c.0, (g, a), (gi(w.g), b));
            }
            Some(w) => {
                let s = d.chan_send(c.0, cap, g);
                let r = d.chan_recv(c.0, cap, gi(w.g));
                self.hb_slot(g, SyncOp::Send, s);
                self.hb_slot(gi(w.g), SyncOp::Recv, r);
            }
            None => {
                let s = d.chan_send(c.0, cap, g);
                self.hb_slot(g, SyncOp::Send, s);
            }
        }
    }

    /// A buffered channel operation: the slot's acquire (edges learned) then its release.
    fn hb_slot(&mut self, g: usize, op: SyncOp, (key, from, clock): super::detector::ChanSync) {
        let obj = SyncObj::Key(key);
        self.hb_acquire(g, obj.clone(), op, from);
        self.hb(HbEvent::Release { g, clock, obj, op });
    }

    /// An unbuffered send `(sender, clock)` met its receive `(receiver, clock)`: edges both ways.
    fn hb_rendezvous(&mut self, c: u32, (s, sc): (usize, u32), (r, rc): (usize, u32)) {
        let obj = SyncObj::Rendezvous(c);
        for (g, clock, op) in [(s, sc, SyncOp::Send), (r, rc, SyncOp::Recv)] {
            let obj = obj.clone();
            self.hb(HbEvent::Release { g, clock, obj, op });
        }
        self.hb_acquire(r, obj.clone(), SyncOp::Recv, vec![(s, sc)]);
        self.hb_acquire(s, obj, SyncOp::Send, vec![(r, rc)]);
    }

    /// A receive by `g` on `c` completed (`ok` false: because closed); `woke` is a sender
    /// whose send completed with it.
    pub(crate) fn race_recv(
        &mut self,
        c: Option<ChanId>,
        g: usize,
        ok: bool,
        woke: Option<&Wake<Value>>,
    ) {
        let cap = self.chan_cap(c);
        let (Some(c), Some(st)) = (c, self.race.as_mut()) else {
            return;
        };
        let d = &mut st.detector;
        if !ok {
            let key = SyncKey::ChanClose(c.0);
            let from = d.acquire(&key, g);
            self.hb_acquire(g, SyncObj::Key(key), SyncOp::RecvClosed, from);
            return;
        }
        match woke {
            Some(w) if cap == 0 => {
                let (a, b) = d.pair(gi(w.g), g);
                self.hb_rendezvous(c.0, (gi(w.g), a), (g, b));
            }
            Some(w) => {
                let r = d.chan_recv(c.0, cap, g);
                let s = d.chan_send(c.0, cap, gi(w.g));
                self.hb_slot(g, SyncOp::Recv, r);
                self.hb_slot(gi(w.g), SyncOp::Send, s);
            }
            None => {
                let r = d.chan_recv(c.0, cap, g);
                self.hb_slot(g, SyncOp::Recv, r);
            }
        }
    }

    /// `close(c)` by `g`, waking `woken` (receivers get the zero value).
    pub(crate) fn race_close(&mut self, c: Option<ChanId>, g: usize, woken: &[Wake<Value>]) {
        let (Some(c), Some(st)) = (c, self.race.as_mut()) else {
            return;
        };
        let key = SyncKey::ChanClose(c.0);
        let clock = st.detector.release(key.clone(), g);
        let mut learned = Vec::new();
        for w in woken.iter().filter(|w| w.value.is_some()) {
            learned.push((gi(w.g), st.detector.acquire(&key, gi(w.g))));
        }
        let obj = SyncObj::Key(key);
        self.hb(HbEvent::Release {
            g,
            clock,
            obj: obj.clone(),
            op: SyncOp::Close,
        });
        for (w, from) in learned {
            self.hb_acquire(w, obj.clone(), SyncOp::RecvClosed, from);
        }
    }

    /// A `select` by `g` completed `case`.
    pub(crate) fn race_select(
        &mut self,
        case: Option<&SelectCase<Value>>,
        g: usize,
        ok: bool,
        woke: Option<&Wake<Value>>,
    ) {
        match case {
            Some(SelectCase::Send { chan, .. }) => self.race_send(*chan, g, woke),
            Some(SelectCase::Recv { chan }) => self.race_recv(*chan, g, ok, woke),
            None => {}
        }
    }

    /// A `sync` method `n` on object `i` by `g` (before it runs): releases and acquires.
    pub(crate) fn race_sync(&mut self, n: Native, i: usize, args: &[Value], g: usize) {
        use Native::*;
        let Some(st) = self.race.as_mut() else {
            return;
        };
        st.waking_once = false;
        let d = &mut st.detector;
        d.current_sync = Some(i);
        let key = SyncKey::Sync(i);
        let obj = SyncObj::Key(key.clone());
        match n {
            SyncWaitGroupAdd if args.get(1).is_some_and(|v| v.as_int() >= 0) => {}
            // Its Add(1) releases nothing; the go statement's edge is `race_go`.
            SyncWaitGroupGo => {}
            SyncMutexUnlock | SyncRWMutexUnlock | SyncRWMutexRUnlock | SyncWaitGroupAdd
            | SyncWaitGroupDone => {
                let clock = d.release(key, g);
                let op = match n {
                    SyncMutexUnlock | SyncRWMutexUnlock => SyncOp::Unlock,
                    SyncRWMutexRUnlock => SyncOp::RUnlock,
                    _ => SyncOp::Done,
                };
                self.hb(HbEvent::Release { g, clock, obj, op });
            }
            _ => {
                let from = d.acquire(&key, g);
                self.hb_acquire(g, obj, sync_acquire_op(n), from);
            }
        }
    }

    /// Goroutine index `g` armed program timer `t` (`AfterFunc`, `Reset`): released into
    /// the timer (`racerelease` in `time.go`'s `newTimer`/`modify`).
    pub(crate) fn race_timer_arm(&mut self, t: usize, g: usize) {
        if let Some(st) = self.race.as_mut() {
            let clock = st.detector.release(SyncKey::Timer(t), g);
            let obj = SyncObj::Key(SyncKey::Timer(t));
            let op = SyncOp::TimerArm;
            self.hb(HbEvent::Release { g, clock, obj, op });
        }
    }

    /// Goroutine index `child` was created by a standard-library function (`WaitGroup.Go`):
    /// its report names only that frame, as Go 1.27's does.
    pub(crate) fn race_created_via(&mut self, child: usize, func: &str, line: u32) {
        if let Some(st) = self.race.as_mut() {
            let frame = StackFrame {
                func: func.into(),
                line,
            };
            st.created.insert(child, Stack::from(vec![frame]));
        }
    }

    /// Timer `t` fired and started goroutine index `child` to run its function; its report
    /// says it was `created at: time.goFunc()`, as Go's does.
    pub(crate) fn race_timer_fire(&mut self, t: usize, child: usize) {
        if let Some(st) = self.race.as_mut() {
            let from = st.detector.timer_start(&SyncKey::Timer(t), child);
            let frame = StackFrame {
                func: "time.goFunc".into(),
                line: 182,
            };
            st.created.insert(child, Stack::from(vec![frame]));
            let obj = SyncObj::Key(SyncKey::Timer(t));
            self.hb_acquire(child, obj, SyncOp::TimerFire, from);
        }
    }

    /// `f` of Once `i` returned in goroutine `g`: "f returns → every Do returns".
    pub(crate) fn race_once_done(&mut self, i: usize, g: GoId) {
        if let Some(st) = self.race.as_mut() {
            st.detector.current_sync = Some(i);
            st.waking_once = true;
            let clock = st.detector.release(SyncKey::Sync(i), gi(g));
            let obj = SyncObj::Key(SyncKey::Sync(i));
            let op = SyncOp::OnceDone;
            self.hb(HbEvent::Release {
                g: gi(g),
                clock,
                obj,
                op,
            });
        }
    }

    /// Goroutine `g` woken by the running `sync` call acquires its object.
    pub(crate) fn race_sync_ready(&mut self, g: GoId) {
        if let Some(st) = self.race.as_mut()
            && let Some(i) = st.detector.current_sync
        {
            let from = st.detector.acquire(&SyncKey::Sync(i), gi(g));
            let once = st.waking_once;
            use crate::sched::WaitReason as W;
            let reason = self
                .sched
                .goroutines()
                .get(gi(g))
                .and_then(|r| r.wait_reason);
            let op = match reason {
                Some(W::SyncWaitGroupWait) => SyncOp::Wait,
                Some(W::SyncRWMutexRLock) => SyncOp::RLock,
                // A Once's waiters park on its mutex (once.go's doSlow).
                _ if once => SyncOp::OnceDo,
                _ => SyncOp::Lock,
            };
            self.hb_acquire(gi(g), SyncObj::Key(SyncKey::Sync(i)), op, from);
        }
    }

    /// An atomic operation by `g` on `*args[0]`: acquire and release the location's clock.
    pub(crate) fn race_atomic(&mut self, args: &[Value], g: usize) {
        let (Some(Value::Ptr(p)), Some(st)) = (args.first(), self.race.as_mut()) else {
            return;
        };
        let key = SyncKey::Atomic(cell(p));
        let from = st.detector.acquire(&key, g);
        let clock = st.detector.release(key.clone(), g);
        let obj = SyncObj::Key(key);
        self.hb_acquire(g, obj.clone(), SyncOp::Atomic, from);
        let op = SyncOp::Atomic;
        self.hb(HbEvent::Release { g, clock, obj, op });
    }
}

/// The acquiring operation of a `sync` method.
fn sync_acquire_op(n: Native) -> SyncOp {
    match n {
        Native::SyncRWMutexRLock => SyncOp::RLock,
        Native::SyncWaitGroupWait => SyncOp::Wait,
        Native::SyncOnceDo => SyncOp::OnceDo,
        _ => SyncOp::Lock,
    }
}
