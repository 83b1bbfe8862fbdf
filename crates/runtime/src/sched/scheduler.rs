//! The scheduler state (`runtime/runtime2.go`'s `schedt`, `allp`, `allm`, `allgs`) and the
//! goroutine lifecycle transitions of `runtime/proc.go`: `newproc`, `execute`, `gopark`,
//! `goready`, `gosched_m`, `gopreempt_m`, `goexit0`, `wakep`, `startm`, `stopm`.
//!
//! The scheduler owns no code: it is told what the running goroutines do ("g blocked on a
//! channel", "g ran 1 instruction", "g called `go`") and decides where every goroutine goes.
//! The `Machine` executes instructions; this decides which goroutine each P runs.
//!
//! Finding work (`findRunnable`, stealing) is in `findrunnable.rs`, syscalls and sysmon in
//! `syscall.rs`, timers, the idle clock jump and deadlock detection in `idle.rs`, GOMAXPROCS
//! changes in `procresize.rs`, the invariant checker in `invariants.rs`.
//!
//! Invariants (checked by [`Scheduler::check_invariants`]): every goroutine is in exactly one
//! place matching its status — running on exactly one M that holds a P, in a syscall on
//! exactly one M without a P, in exactly one run queue (a runnext slot, a local queue, the
//! global queue), or nowhere (waiting, dead); `nmspinning` counts the spinning Ms; the idle
//! lists hold exactly the idle Ps and Ms.

use super::event::{RunSource, SchedEvent, Waker};
use super::gstatus::{GStatus, GoroutineRecord, WaitReason};
use super::processor::{PId, PStatus, Processor, RunqPut};
use super::runqueue::GlobalRunQueue;
use super::thread::{MId, Thread};
use super::{SchedConfig, Wakeup};
use crate::clock::{Clock, VirtualTime};
use crate::goroutine::GoId;
use sim::Chooser;

/// The whole scheduler: Ps, Ms, goroutine records, the global queue, the clock. See the
/// module docs.
#[derive(Clone, Debug)]
#[doc(alias = "schedt")]
#[doc(alias = "sched")]
pub struct Scheduler {
    pub(super) config: SchedConfig,
    pub(super) allp: Vec<Processor>,
    pub(super) allm: Vec<Thread>,
    /// Indexed by goid - 1 (goids are handed out in order, never reused).
    pub(super) allg: Vec<GoroutineRecord>,
    pub(super) runq: GlobalRunQueue,
    /// Idle Ps, a LIFO stack: the last element is the list head (`sched.pidle`).
    pub(super) pidle: Vec<PId>,
    /// Idle Ms, a LIFO stack (`sched.midle`).
    pub(super) midle: Vec<MId>,
    pub(super) nmspinning: u32,
    pub(super) clock: Clock<Wakeup>,
    /// Work not yet turned into clock time (see `account`).
    pub(super) work_carry: u64,
    /// When sysmon next looks at the Ps.
    pub(super) next_sysmon: VirtualTime,
    /// User timers that fired and await the Machine (see `take_fired_timers`).
    pub(super) fired: Vec<super::FiredTimer>,
}

impl Scheduler {
    /// The state when `main.main` starts: `config.gomaxprocs` Ps, P0 held by M0 running
    /// goroutine 1 (main), the other Ps idle (`schedinit` + `procresize` + `newproc(main)`).
    pub fn new(config: SchedConfig) -> Scheduler {
        let n = config.gomaxprocs.max(1);
        let allp: Vec<Processor> = (0..n as u32).map(|i| Processor::new(PId(i))).collect();
        let mut s = Scheduler {
            config: SchedConfig {
                gomaxprocs: n,
                ..config
            },
            allp,
            allm: vec![Thread::new(MId(0))],
            allg: Vec::new(),
            runq: GlobalRunQueue::new(),
            // procresize pushes P(n-1) first, so P1 is the head and is taken first.
            pidle: (1..n as u32).rev().map(PId).collect(),
            midle: Vec::new(),
            nmspinning: 0,
            clock: Clock::new(),
            work_carry: 0,
            next_sysmon: VirtualTime::ZERO.after(config.sysmon_tick_ns),
            fired: Vec::new(),
        };
        let main = s.alloc_g(None);
        let p0 = &mut s.allp[0];
        p0.status = PStatus::Running;
        p0.m = Some(MId(0));
        p0.schedtick = 1;
        s.allm[0].p = Some(PId(0));
        s.allm[0].curg = Some(main);
        s.g_mut(main).status = GStatus::Running;
        s.g_mut(main).runs = 1;
        s
    }

    // ---- read-only accessors for the views and the Machine ----

    pub fn config(&self) -> &SchedConfig {
        &self.config
    }

    /// Sets the time slice (`forcePreemptNS`) before any goroutine has run.
    pub fn set_time_slice(&mut self, ns: u64) {
        self.config.time_slice_ns = ns;
    }

    /// The world stops for `ns` (a GC stop-the-world window): the clock moves on for every P.
    pub fn stop_the_world(&mut self, ns: u64) {
        self.clock.advance(ns);
    }

    pub fn gomaxprocs(&self) -> usize {
        self.allp.len()
    }

    /// All Ps, by id (`allp`).
    pub fn processors(&self) -> &[Processor] {
        &self.allp
    }

    /// All Ms ever started, by id (`allm`).
    pub fn threads(&self) -> &[Thread] {
        &self.allm
    }

    /// Every goroutine ever created, by id (`allgs`), dead ones included.
    pub fn goroutines(&self) -> &[GoroutineRecord] {
        &self.allg
    }

    pub fn goroutine(&self, g: GoId) -> Option<&GoroutineRecord> {
        (g.0 as usize).checked_sub(1).and_then(|i| self.allg.get(i))
    }

    /// The global run queue, head first.
    pub fn global_queue(&self) -> impl Iterator<Item = GoId> + '_ {
        self.runq.iter()
    }

    /// Idle Ps, in the order `pidleget` would take them.
    pub fn idle_ps(&self) -> impl Iterator<Item = PId> + '_ {
        self.pidle.iter().rev().copied()
    }

    /// Idle Ms, in the order `mget` would take them.
    pub fn idle_ms(&self) -> impl Iterator<Item = MId> + '_ {
        self.midle.iter().rev().copied()
    }

    /// `sched.nmspinning`.
    pub fn spinning_ms(&self) -> u32 {
        self.nmspinning
    }

    pub fn now(&self) -> VirtualTime {
        self.clock.now()
    }

    pub fn clock(&self) -> &Clock<Wakeup> {
        &self.clock
    }

    /// The goroutine running on `p`, if any.
    pub fn current(&self, p: PId) -> Option<GoId> {
        let m = self.allp.get(p.index())?.m?;
        self.allm[m.index()].curg
    }

    /// The P a goroutine is running on.
    pub fn p_of(&self, g: GoId) -> Option<PId> {
        self.allm
            .iter()
            .find(|m| m.curg == Some(g) && m.p.is_some())
            .and_then(|m| m.p)
    }

    /// Ps running a goroutine, by P id: the candidates for the next instruction.
    pub fn running(&self) -> Vec<(PId, GoId)> {
        self.running_iter().collect()
    }

    /// [`running`](Scheduler::running) without collecting: it is asked between every two
    /// bursts, so it must not allocate.
    fn running_iter(&self) -> impl Iterator<Item = (PId, GoId)> + '_ {
        self.allp
            .iter()
            .filter_map(|p| self.current(p.id).map(|g| (p.id, g)))
    }

    /// Picks which running P executes the next instruction (label `"sched"`), or `None` if no
    /// P runs anything (then call [`idle`](Scheduler::idle)).
    pub fn pick(&self, chooser: &mut Chooser) -> Option<(PId, GoId)> {
        let n = self.running_iter().count();
        if n == 0 {
            return None;
        }
        self.running_iter().nth(chooser.choose("sched", n))
    }

    /// [`pick`](Scheduler::pick) with fairness for systematic exploration (CHESS's fair
    /// scheduling, Musuvathi & Qadeer 2008): the P running `yielded` — a goroutine that made no
    /// progress, e.g. re-read a location nobody wrote since — is offered last, so the default
    /// option lets another goroutine run instead of letting a spinner eat the run's budget.
    /// Same label and option count as `pick`: only the order of the options changes.
    pub fn pick_fair(&self, chooser: &mut Chooser, yielded: Option<GoId>) -> Option<(PId, GoId)> {
        let Some(y) = yielded else {
            return self.pick(chooser);
        };
        let mut order: Vec<(PId, GoId)> = self.running_iter().collect();
        if order.is_empty() {
            return None;
        }
        if let Some(i) = order.iter().position(|(_, g)| *g == y) {
            let last = order.remove(i);
            order.push(last);
        }
        let k = chooser.choose("sched", order.len());
        order.get(k).copied()
    }

    // ---- internal helpers ----

    pub(super) fn g_mut(&mut self, g: GoId) -> &mut GoroutineRecord {
        let i = (g.0 as usize).saturating_sub(1);
        &mut self.allg[i]
    }

    pub(super) fn status(&self, g: GoId) -> Option<GStatus> {
        self.goroutine(g).map(|r| r.status)
    }

    fn alloc_g(&mut self, created_by: Option<GoId>) -> GoId {
        let id = GoId(self.allg.len() as u64 + 1);
        self.allg.push(GoroutineRecord {
            id,
            status: GStatus::Idle,
            wait_reason: None,
            created_by,
            runs: 0,
        });
        id
    }

    /// The M holding `p`. Panics only on a broken invariant (never for any input program).
    pub(super) fn m_of(&self, p: PId) -> Option<MId> {
        self.allp.get(p.index()).and_then(|p| p.m)
    }

    /// Takes the running goroutine off `p`'s M, leaving the M to schedule.
    fn take_curg(&mut self, p: PId) -> Option<GoId> {
        let m = self.m_of(p)?;
        self.allm[m.index()].curg.take()
    }

    /// `runqput` plus the events and the global overflow.
    pub(super) fn runqput(&mut self, p: PId, g: GoId, next: bool, events: &mut Vec<SchedEvent>) {
        match self.allp[p.index()].runqput(g, next) {
            RunqPut::Runnext { kicked } => {
                if let Some(k) = kicked {
                    events.push(SchedEvent::Kick { p, g: k });
                }
            }
            RunqPut::Tail => {}
            RunqPut::Overflow { to_global } => {
                for &x in &to_global {
                    self.runq.push_back(x);
                }
                events.push(SchedEvent::Overflow { p, gs: to_global });
            }
        }
    }

    /// `execute`: runs `g` on `p`. A fresh schedule (not inheriting from runnext) increments
    /// `schedtick` and restarts the time slice.
    pub(super) fn execute(
        &mut self,
        p: PId,
        g: GoId,
        source: RunSource,
        events: &mut Vec<SchedEvent>,
    ) {
        let inherit = source == RunSource::Runnext;
        let Some(m) = self.m_of(p) else { return };
        let pp = &mut self.allp[p.index()];
        if !inherit {
            pp.schedtick += 1;
            pp.slice_used_ns = 0;
        }
        let schedtick = pp.schedtick;
        self.allm[m.index()].curg = Some(g);
        let r = self.g_mut(g);
        r.status = GStatus::Running;
        r.wait_reason = None;
        r.runs += 1;
        events.push(SchedEvent::Run {
            p,
            m,
            g,
            source,
            schedtick,
        });
    }

    // ---- transitions driven by the running goroutine ----

    /// `newproc`: the `go` statement run by the goroutine on `p`. The new goroutine goes to
    /// `p`'s runnext (the old runnext to the queue's tail), then `wakep` may start a spinning
    /// M to steal it. Returns the new goroutine's id.
    pub fn newproc(&mut self, p: PId, events: &mut Vec<SchedEvent>) -> GoId {
        let by = self.current(p).unwrap_or(GoId(1));
        self.newproc_by(p, by, events)
    }

    /// `newproc` from a fired timer (`time.AfterFunc`'s `goFunc`): Go runs timers on the M's
    /// scheduling stack, so the creator is `g0`. The goroutine goes to the runnext of the
    /// timer's P if it runs, else of an idle P given an M (as `ready` does for a timer's
    /// wake-up), else of any running P. Returns the new goroutine and its P.
    pub fn newproc_from_timer(&mut self, owner: PId, events: &mut Vec<SchedEvent>) -> (GoId, PId) {
        let p = self
            .timer_p(owner)
            .or_else(|| self.running().first().map(|r| r.0))
            .unwrap_or(owner);
        (self.newproc_by(p, GoId(0), events), p)
    }

    fn newproc_by(&mut self, p: PId, by: GoId, events: &mut Vec<SchedEvent>) -> GoId {
        let g = self.alloc_g(Some(by));
        self.g_mut(g).status = GStatus::Runnable;
        events.push(SchedEvent::GoCreate { g, by, p });
        self.runqput(p, g, true, events);
        self.wakep(events);
        g
    }

    /// `gopark`: the goroutine running on `p` blocks for `reason`. `p` must then
    /// [`schedule`](Scheduler::schedule). Returns the parked goroutine.
    pub fn park(
        &mut self,
        p: PId,
        reason: WaitReason,
        events: &mut Vec<SchedEvent>,
    ) -> Option<GoId> {
        let g = self.take_curg(p)?;
        let r = self.g_mut(g);
        r.status = GStatus::Waiting;
        r.wait_reason = Some(reason);
        events.push(SchedEvent::Block { p, g, reason });
        Some(g)
    }

    /// `goready`: makes waiting `g` runnable. A goroutine waker puts it in its own P's
    /// runnext (it runs next on the waker's P, inheriting the slice); a timer puts it on the
    /// timer's P if that P runs, else on an idle P started for it, else the global queue.
    /// Then `wakep`. Returns false (and does nothing) if `g` was not waiting.
    pub fn ready(&mut self, g: GoId, by: Waker, events: &mut Vec<SchedEvent>) -> bool {
        if self.status(g) != Some(GStatus::Waiting) {
            return false;
        }
        let r = self.g_mut(g);
        r.status = GStatus::Runnable;
        r.wait_reason = None;
        let target = match by {
            Waker::G { p, .. } if self.allp.get(p.index()).and_then(|x| x.m).is_some() => Some(p),
            Waker::G { p, .. } | Waker::Timer { p } => self.timer_p(p),
        };
        events.push(SchedEvent::Ready { g, by, p: target });
        match target {
            Some(p) => self.runqput(p, g, true, events),
            None => self.runq.push_back(g),
        }
        self.wakep(events);
        true
    }

    /// Where work found by a timer goes: the owning P if an M holds it; else an idle P,
    /// given an M (as Go's M sleeping in `netpoll` wakes, takes a P and runs the timers);
    /// else `None` (global queue).
    fn timer_p(&mut self, owner: PId) -> Option<PId> {
        if self
            .allp
            .get(owner.index())
            .is_some_and(|pp| pp.status == PStatus::Running)
        {
            return Some(owner);
        }
        let p = self.pidleget_preferring(owner)?;
        self.startm(p, false);
        Some(p)
    }

    /// `gosched_m`: `runtime.Gosched()`; the goroutine on `p` goes to the global queue.
    pub fn gosched(&mut self, p: PId, events: &mut Vec<SchedEvent>) -> Option<GoId> {
        let g = self.take_curg(p)?;
        self.g_mut(g).status = GStatus::Runnable;
        self.runq.push_back(g);
        events.push(SchedEvent::Gosched { p, g });
        Some(g)
    }

    /// `gopreempt_m`: the goroutine on `p` used up its slice; to the global queue.
    pub fn preempt(&mut self, p: PId, events: &mut Vec<SchedEvent>) -> Option<GoId> {
        let g = self.take_curg(p)?;
        self.g_mut(g).status = GStatus::Runnable;
        self.runq.push_back(g);
        events.push(SchedEvent::Preempt { p, g });
        Some(g)
    }

    /// `goexit0`: the goroutine on `p` returned from its function.
    pub fn goexit(&mut self, p: PId, events: &mut Vec<SchedEvent>) -> Option<GoId> {
        let g = self.take_curg(p)?;
        self.g_mut(g).status = GStatus::Dead;
        self.clock.timers.retain(|w| w.goroutine() != Some(g));
        events.push(SchedEvent::GoExit { p, g });
        Some(g)
    }

    /// Accounts `ns` of work done by the goroutine on `p` (one instruction costs
    /// `config.instruction_ns`). Moves the clock (see the module docs of [`super`]), preempts
    /// the goroutine if its P's time slice is used up (sysmon's `preemptone`), fires due
    /// timers and runs sysmon. Returns true if the goroutine was preempted.
    pub fn account(&mut self, p: PId, ns: u64, events: &mut Vec<SchedEvent>) -> bool {
        let running = self.running_iter().count().max(1) as u64;
        self.work_carry += ns;
        let advance = self.work_carry / running;
        self.work_carry -= advance * running;
        self.clock.advance(advance);
        let mut preempted = false;
        if let Some(pp) = self.allp.get_mut(p.index()) {
            pp.slice_used_ns = pp.slice_used_ns.saturating_add(ns);
            if pp.slice_used_ns >= self.config.time_slice_ns && self.current(p).is_some() {
                preempted = self.preempt(p, events).is_some();
            }
        }
        self.poll(events);
        preempted
    }

    // ---- Ps and Ms ----

    /// `wakep`: if no M is spinning and a P is idle, start a spinning M on it so that new
    /// work gets picked up (by stealing) in parallel.
    pub(super) fn wakep(&mut self, events: &mut Vec<SchedEvent>) {
        if self.nmspinning != 0 {
            return;
        }
        let Some(p) = self.pidle.pop() else { return };
        let m = self.startm(p, true);
        events.push(SchedEvent::Wakep { p, m });
    }

    /// `startm`: attaches an idle (or new) M to `p` and marks `p` running.
    pub(super) fn startm(&mut self, p: PId, spinning: bool) -> MId {
        let m = match self.midle.pop() {
            Some(m) => m,
            None => {
                let m = MId(self.allm.len() as u32);
                self.allm.push(Thread::new(m));
                m
            }
        };
        let t = &mut self.allm[m.index()];
        t.p = Some(p);
        t.spinning = spinning;
        let pp = &mut self.allp[p.index()];
        pp.status = PStatus::Running;
        pp.m = Some(m);
        if spinning {
            self.nmspinning += 1;
        }
        m
    }

    /// `pidleput` + `stopm`: `p` goes idle, its M parks.
    pub(super) fn idle_p(&mut self, p: PId, events: &mut Vec<SchedEvent>) {
        let Some(m) = self.m_of(p) else { return };
        let t = &mut self.allm[m.index()];
        if t.spinning {
            t.spinning = false;
            self.nmspinning -= 1;
        }
        t.p = None;
        self.midle.push(m);
        let pp = &mut self.allp[p.index()];
        pp.m = None;
        pp.status = PStatus::Idle;
        self.pidle.push(p);
        events.push(SchedEvent::Idle { p, m });
    }

    /// `pidleget`, preferring `want` if it is idle (a timer's own P).
    pub(super) fn pidleget_preferring(&mut self, want: PId) -> Option<PId> {
        match self.pidle.iter().position(|&p| p == want) {
            Some(i) => Some(self.pidle.remove(i)),
            None => self.pidle.pop(),
        }
    }
}
