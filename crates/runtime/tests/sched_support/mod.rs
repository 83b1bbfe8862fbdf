//! A small stand-in for the Machine: drives the scheduler and the channels the way the VM will
//! (operations of the goroutine running on a P, wakes turned into `ready`, blocks into `park`),
//! and prints the event trace. Shared by the `sched_*` and `chan_*` tests.

#![allow(dead_code)]

use runtime::chan::{
    ChanId, ChanPanic, Channels, RecvResult, SelectCase, SelectResult, SendResult, Wake,
};
use runtime::goroutine::GoId;
use runtime::sched::{IdleOutcome, PId, SchedConfig, SchedEvent, Scheduler, Waker};
use sim::Chooser;
use std::collections::BTreeMap;

pub struct World {
    pub sched: Scheduler,
    pub chans: Channels<i64>,
    pub chooser: Chooser,
    pub events: Vec<SchedEvent>,
    /// What each woken goroutine was handed (the Machine would push it on its stack).
    pub delivered: BTreeMap<GoId, Wake<i64>>,
    /// Goroutines that panicked (and were ended).
    pub panicked: Vec<(GoId, ChanPanic)>,
}

/// What an operation did to the goroutine that ran it.
#[derive(Debug, PartialEq)]
pub enum Op {
    Done,
    Received(i64, bool),
    Chose(usize),
    Default,
    Blocked,
    Panicked(ChanPanic),
}

impl World {
    pub fn new(gomaxprocs: usize, seed: u64) -> World {
        World::with_config(
            SchedConfig {
                gomaxprocs,
                ..SchedConfig::default()
            },
            seed,
        )
    }

    pub fn with_config(config: SchedConfig, seed: u64) -> World {
        World {
            sched: Scheduler::new(config),
            chans: Channels::new(),
            chooser: Chooser::new(seed),
            events: Vec::new(),
            delivered: BTreeMap::new(),
            panicked: Vec::new(),
        }
    }

    /// The event lines, one per line.
    pub fn trace(&self) -> String {
        let mut s = String::new();
        for e in &self.events {
            s.push_str(&e.to_string());
            s.push('\n');
        }
        s
    }

    pub fn g(&self, p: PId) -> GoId {
        self.sched
            .current(p)
            .unwrap_or_else(|| panic!("{p} runs nothing"))
    }

    pub fn schedule(&mut self) {
        self.sched.schedule(&mut self.chooser, &mut self.events);
    }

    pub fn idle(&mut self) -> IdleOutcome {
        self.sched.idle(&mut self.events)
    }

    pub fn go(&mut self, p: PId) -> GoId {
        self.sched.newproc(p, &mut self.events)
    }

    pub fn make(&mut self, cap: usize) -> ChanId {
        self.chans.make(cap, 0, &mut self.events)
    }

    fn wake(&mut self, p: PId, w: Wake<i64>) {
        let g = self.g_or_main(p);
        let woken = w.g;
        self.delivered.insert(woken, w);
        self.sched.ready(woken, Waker::G { g, p }, &mut self.events);
    }

    fn g_or_main(&self, p: PId) -> GoId {
        self.sched.current(p).unwrap_or(GoId(1))
    }

    fn panic(&mut self, p: PId, panic: ChanPanic) -> Op {
        let g = self.g(p);
        self.panicked.push((g, panic));
        self.sched.goexit(p, &mut self.events);
        Op::Panicked(panic)
    }

    pub fn send(&mut self, p: PId, c: Option<ChanId>, v: i64) -> Op {
        let g = self.g(p);
        match self.chans.send(c, g, v, &mut self.events) {
            SendResult::Done { woke } => {
                if let Some(w) = woke {
                    self.wake(p, w);
                }
                Op::Done
            }
            SendResult::Block(reason) => {
                self.sched.park(p, reason, &mut self.events);
                Op::Blocked
            }
            SendResult::Panic(x) => self.panic(p, x),
        }
    }

    pub fn recv(&mut self, p: PId, c: Option<ChanId>) -> Op {
        let g = self.g(p);
        match self.chans.recv(c, g, &mut self.events) {
            RecvResult::Done { value, ok, woke } => {
                if let Some(w) = woke {
                    self.wake(p, w);
                }
                Op::Received(value, ok)
            }
            RecvResult::Block(reason) => {
                self.sched.park(p, reason, &mut self.events);
                Op::Blocked
            }
        }
    }

    pub fn close(&mut self, p: PId, c: Option<ChanId>) -> Op {
        let g = self.g(p);
        match self.chans.close(c, g, &mut self.events) {
            Ok(woken) => {
                for w in woken {
                    self.wake(p, w);
                }
                Op::Done
            }
            Err(x) => self.panic(p, x),
        }
    }

    pub fn select(&mut self, p: PId, cases: &[SelectCase<i64>], default: bool) -> Op {
        let g = self.g(p);
        match self
            .chans
            .select(g, cases, default, &mut self.chooser, &mut self.events)
        {
            SelectResult::Chosen { case, woke, .. } => {
                if let Some(w) = woke {
                    self.wake(p, w);
                }
                Op::Chose(case)
            }
            SelectResult::Default => Op::Default,
            SelectResult::Block(reason) => {
                self.sched.park(p, reason, &mut self.events);
                Op::Blocked
            }
            SelectResult::Panic { panic, .. } => self.panic(p, panic),
        }
    }

    pub fn exit(&mut self, p: PId) {
        self.sched.goexit(p, &mut self.events);
    }

    /// Runs `n` instructions' worth of work on `p`.
    pub fn work(&mut self, p: PId, n: u64) {
        for _ in 0..n {
            if self.sched.current(p).is_none() {
                break;
            }
            let ns = self.sched.config().instruction_ns;
            self.sched.account(p, ns, &mut self.events);
        }
    }

    /// Panics with the broken invariant, scheduler and channels, cross-checked.
    pub fn check(&self) {
        if let Err(e) = self.sched.check_invariants() {
            panic!("scheduler invariant: {e}\n{}", self.trace());
        }
        if let Err(e) = self.chans.check_invariants() {
            panic!("channel invariant: {e}\n{}", self.trace());
        }
        // A goroutine is on a channel wait queue exactly when it waits on a non-nil channel.
        let waiters = self.chans.waiters();
        for r in self.sched.goroutines() {
            let on_queue = waiters.binary_search(&r.id).is_ok();
            let blocked_on_chan = r.wait_reason.is_some_and(|w| w.is_channel());
            // A select whose cases are all nil waits with reason `select` on no queue.
            if on_queue != blocked_on_chan
                && !(blocked_on_chan
                    && !on_queue
                    && r.wait_reason == Some(runtime::sched::WaitReason::Select))
            {
                panic!(
                    "{} waits ({:?}) but on a queue: {on_queue}\n{}",
                    r.id,
                    r.wait_reason,
                    self.trace()
                );
            }
        }
    }
}
