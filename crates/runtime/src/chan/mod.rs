//! Channels and `select`, modelled on `runtime/chan.go` and `runtime/select.go`.
//!
//! [`Channels`] is the program's table of channels (a channel value is a [`ChanId`]; the nil
//! channel is `None`). Each operation takes the acting goroutine, does what Go does, pushes
//! its [`SchedEvent`]s and returns what the Machine must do next:
//!
//! - `Done` / `Chosen` — the operation completed; a partner may have been woken, returned as
//!   a [`Wake`]: the Machine delivers the partner's result (the value received, `ok`, the
//!   select case — Go copies it straight onto the partner's stack) and calls
//!   `Scheduler::ready(partner, Waker::G { g, p })`, which puts it in the waker's runnext;
//! - `Block(reason)` — the goroutine is now on the channel's wait queue(s); the Machine calls
//!   `Scheduler::park(p, reason)`. It resumes when a partner's operation returns its `Wake`;
//! - `Panic` — Go's panic, with Go's exact message.
//!
//! The nil channel blocks forever (`chan send (nil chan)`, `chan receive (nil chan)`), and
//! panics on close (`close of nil channel`). Nothing here reads a clock or randomness except
//! `select`'s poll order, drawn through the `sim::Chooser` (label `"select"`).
//!
//! Invariants (checked by [`Channels::check_invariants`]): each channel's own (see
//! `channel.rs`); a goroutine blocked in a select has exactly one sudog per non-nil case and
//! none once woken; a plain blocked operation has exactly one sudog.

mod channel;
mod select;
mod waitq;

pub use channel::Channel;
pub use select::{SelectCase, SelectResult};
pub use waitq::{Sudog, WaitQueue};

use crate::goroutine::GoId;
use crate::sched::{RecvHow, SchedEvent, SendHow, WaitReason};
use channel::{TryRecv, TrySend};
use std::collections::BTreeMap;
use std::fmt;

/// A channel's identity, printed `c1`, `c2`, ... in creation order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ChanId(pub u32);

impl fmt::Display for ChanId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "c{}", self.0)
    }
}

/// The panics of channel misuse. Go raises them as `plainError` (a `runtime.Error` printed
/// without the `runtime error: ` prefix): `panic: send on closed channel`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ChanPanic {
    SendOnClosed,
    CloseOfClosed,
    CloseOfNil,
}

impl ChanPanic {
    /// Go's message, byte for byte.
    pub fn message(self) -> &'static str {
        match self {
            ChanPanic::SendOnClosed => "send on closed channel",
            ChanPanic::CloseOfClosed => "close of closed channel",
            ChanPanic::CloseOfNil => "close of nil channel",
        }
    }
}

impl fmt::Display for ChanPanic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.message())
    }
}

/// A blocked goroutine's operation completed by someone else: what to deliver before
/// readying it.
#[derive(Clone, Debug, PartialEq)]
pub struct Wake<V> {
    pub g: GoId,
    /// Receivers: the value received (the zero value if woken by `close`). Senders: `None`.
    pub value: Option<V>,
    /// Receivers: the comma-ok result. Senders: false when woken by `close` — the sender must
    /// panic `send on closed channel` when it resumes (Go's `!mysg.success`).
    pub ok: bool,
    /// The `select` case that completed, if the goroutine was in a select.
    pub case: Option<usize>,
}

/// The result of a send.
#[derive(Clone, Debug, PartialEq)]
pub enum SendResult<V> {
    Done { woke: Option<Wake<V>> },
    Block(WaitReason),
    Panic(ChanPanic),
}

/// The result of a receive.
#[derive(Clone, Debug, PartialEq)]
pub enum RecvResult<V> {
    Done {
        value: V,
        ok: bool,
        woke: Option<Wake<V>>,
    },
    Block(WaitReason),
}

/// The program's channels (see the module docs).
#[derive(Clone, Debug)]
pub struct Channels<V> {
    chans: Vec<Channel<V>>,
    /// Goroutines blocked in a select → the channels they wait on (to withdraw the losers).
    selects: BTreeMap<GoId, Vec<ChanId>>,
    /// Whether events carry the `%v` text of the values moved (see
    /// [`Channels::set_describe_values`]).
    describe: bool,
}

impl<V> Channels<V> {
    /// Every value the channels hold — buffered elements, blocked senders' values, each
    /// channel's zero value — for the collector's roots.
    pub fn for_each_value(&self, f: &mut dyn FnMut(&V)) {
        for c in &self.chans {
            for v in c.buf.iter().flatten() {
                f(v);
            }
            for s in c.sendq.iter().chain(c.recvq.iter()) {
                if let Some(v) = &s.elem {
                    f(v);
                }
            }
            f(&c.zero);
        }
    }
}

impl<V> Default for Channels<V> {
    fn default() -> Self {
        Channels {
            chans: Vec::new(),
            selects: BTreeMap::new(),
            describe: true,
        }
    }
}

impl<V: Clone + fmt::Display> Channels<V> {
    pub fn new() -> Channels<V> {
        Channels::default()
    }

    /// Off: events leave the values' text empty. Only for runs whose events nobody reads
    /// (`Machine::set_recording(false)`): formatting every value sent is the dearest part
    /// of a channel operation.
    pub fn set_describe_values(&mut self, on: bool) {
        self.describe = on;
    }

    /// The `%v` text of a value for an event, if events are described.
    fn text(describe: bool, v: &V) -> String {
        if describe {
            v.to_string()
        } else {
            String::new()
        }
    }

    /// `make(chan T, cap)` with `T`'s zero value.
    pub fn make(&mut self, cap: usize, zero: V, events: &mut Vec<SchedEvent>) -> ChanId {
        let c = ChanId(self.chans.len() as u32 + 1);
        self.chans.push(Channel::new(c, cap, zero));
        events.push(SchedEvent::ChanMake { c, cap });
        c
    }

    pub fn get(&self, c: ChanId) -> Option<&Channel<V>> {
        (c.0 as usize)
            .checked_sub(1)
            .and_then(|i| self.chans.get(i))
    }

    pub(crate) fn get_mut(&mut self, c: ChanId) -> Option<&mut Channel<V>> {
        (c.0 as usize)
            .checked_sub(1)
            .and_then(|i| self.chans.get_mut(i))
    }

    /// Every channel, in creation order.
    pub fn iter(&self) -> impl Iterator<Item = &Channel<V>> {
        self.chans.iter()
    }

    /// `len(c)`; 0 for nil.
    pub fn len(&self, c: Option<ChanId>) -> usize {
        c.and_then(|c| self.get(c)).map_or(0, Channel::len)
    }

    /// `cap(c)`; 0 for nil.
    pub fn cap(&self, c: Option<ChanId>) -> usize {
        c.and_then(|c| self.get(c)).map_or(0, Channel::cap)
    }

    /// `c <- v` by `g`.
    pub fn send(
        &mut self,
        c: Option<ChanId>,
        g: GoId,
        v: V,
        events: &mut Vec<SchedEvent>,
    ) -> SendResult<V> {
        let describe = self.describe;
        let Some(ch) = c.and_then(|c| self.get_mut(c)) else {
            return SendResult::Block(WaitReason::ChanSendNilChan);
        };
        let c = ch.id;
        let value = Self::text(describe, &v);
        match ch.try_send(v) {
            TrySend::Closed(_) => {
                let p = ChanPanic::SendOnClosed;
                events.push(SchedEvent::ChanPanic {
                    c: Some(c),
                    g,
                    message: p.message(),
                });
                SendResult::Panic(p)
            }
            TrySend::ToReceiver(r, v) => {
                events.push(SchedEvent::ChanSend {
                    c,
                    g,
                    value,
                    how: SendHow::Direct { to: r.g },
                });
                let woke = self.woken(r, Some(v), true);
                SendResult::Done { woke: Some(woke) }
            }
            TrySend::Buffered => {
                let (count, cap) = (ch.len(), ch.cap());
                events.push(SchedEvent::ChanSend {
                    c,
                    g,
                    value,
                    how: SendHow::Buffered { count, cap },
                });
                SendResult::Done { woke: None }
            }
            TrySend::WouldBlock(v) => {
                ch.sendq.enqueue(Sudog {
                    g,
                    elem: Some(v),
                    select_case: None,
                });
                let waiting = ch.sendq.len();
                events.push(SchedEvent::ChanSend {
                    c,
                    g,
                    value,
                    how: SendHow::Blocked { waiting },
                });
                SendResult::Block(WaitReason::ChanSend)
            }
        }
    }

    /// `<-c` (and `v, ok := <-c`) by `g`.
    pub fn recv(
        &mut self,
        c: Option<ChanId>,
        g: GoId,
        events: &mut Vec<SchedEvent>,
    ) -> RecvResult<V> {
        let Some(c) = c.filter(|&c| self.get(c).is_some()) else {
            return RecvResult::Block(WaitReason::ChanReceiveNilChan);
        };
        if let Some((value, ok, woke)) = self.try_recv_event(c, g, events) {
            return RecvResult::Done { value, ok, woke };
        }
        let Some(ch) = self.get_mut(c) else {
            return RecvResult::Block(WaitReason::ChanReceiveNilChan);
        };
        ch.recvq.enqueue(Sudog {
            g,
            elem: None,
            select_case: None,
        });
        let waiting = ch.recvq.len();
        events.push(SchedEvent::ChanRecv {
            c,
            g,
            how: RecvHow::Blocked { waiting },
        });
        RecvResult::Block(WaitReason::ChanReceive)
    }

    /// A receive that does not block: `Some((value, ok, woken sender))` or `None`.
    pub(super) fn try_recv_event(
        &mut self,
        c: ChanId,
        g: GoId,
        events: &mut Vec<SchedEvent>,
    ) -> Option<(V, bool, Option<Wake<V>>)> {
        let describe = self.describe;
        let ch = self.get_mut(c)?;
        let (count, cap) = (ch.len(), ch.cap());
        match ch.try_recv() {
            TryRecv::WouldBlock => None,
            TryRecv::Closed(zero) => {
                events.push(SchedEvent::ChanRecv {
                    c,
                    g,
                    how: RecvHow::Closed {
                        zero: Self::text(describe, &zero),
                    },
                });
                Some((zero, false, None))
            }
            TryRecv::FromSender(v, s) => {
                events.push(SchedEvent::ChanRecv {
                    c,
                    g,
                    how: RecvHow::Direct {
                        value: Self::text(describe, &v),
                        from: s.g,
                    },
                });
                Some((v, true, Some(self.woken(s, None, true))))
            }
            TryRecv::FromBuffer(v, s) => {
                let count = if s.is_some() { count } else { count - 1 };
                events.push(SchedEvent::ChanRecv {
                    c,
                    g,
                    how: RecvHow::Buffered {
                        value: Self::text(describe, &v),
                        count,
                        cap,
                        refill: s.as_ref().map(|s| s.g),
                    },
                });
                Some((v, true, s.map(|s| self.woken(s, None, true))))
            }
        }
    }

    /// `close(c)` by `g`. Wakes receivers (zero value, `ok == false`) then senders (who will
    /// panic), returned in the order Go readies them: `closechan` pushes them on a `gList`
    /// stack and pops, so the last sender is readied first and the first receiver last —
    /// which leaves the first receiver in the closer's runnext.
    pub fn close(
        &mut self,
        c: Option<ChanId>,
        g: GoId,
        events: &mut Vec<SchedEvent>,
    ) -> Result<Vec<Wake<V>>, ChanPanic> {
        let panic = |p: ChanPanic, c, events: &mut Vec<SchedEvent>| {
            events.push(SchedEvent::ChanPanic {
                c,
                g,
                message: p.message(),
            });
            Err(p)
        };
        let Some(ch) = c.and_then(|c| self.get_mut(c)) else {
            return panic(ChanPanic::CloseOfNil, None, events);
        };
        if ch.closed {
            return panic(ChanPanic::CloseOfClosed, c, events);
        }
        let zero = ch.zero.clone();
        let (receivers, senders) = ch.close_and_drain();
        events.push(SchedEvent::ChanClose {
            c: ch.id,
            g,
            receivers: receivers.iter().map(|s| s.g).collect(),
            senders: senders.iter().map(|s| s.g).collect(),
        });
        let mut woken: Vec<Wake<V>> = Vec::new();
        for r in receivers {
            woken.push(self.woken(r, Some(zero.clone()), false));
        }
        for s in senders {
            woken.push(self.woken(s, None, false));
        }
        woken.reverse();
        Ok(woken)
    }

    /// Builds the wake for a dequeued sudog; a select's other sudogs are withdrawn.
    pub(super) fn woken(&mut self, s: Sudog<V>, value: Option<V>, ok: bool) -> Wake<V> {
        if s.is_select() {
            self.withdraw_select(s.g);
        }
        Wake {
            g: s.g,
            value,
            ok,
            case: s.select_case,
        }
    }

    /// Removes every sudog of `g`'s select from the queues it waits on.
    pub(super) fn withdraw_select(&mut self, g: GoId) {
        for c in self.selects.remove(&g).unwrap_or_default() {
            if let Some(ch) = self.get_mut(c) {
                ch.recvq.remove_g(g);
                ch.sendq.remove_g(g);
            }
        }
    }

    /// Every channel's invariants, and the sudog accounting of the module docs.
    pub fn check_invariants(&self) -> Result<(), String> {
        for ch in &self.chans {
            ch.check_invariants()?;
        }
        let mut count: BTreeMap<GoId, (usize, usize)> = BTreeMap::new();
        for ch in &self.chans {
            for s in ch.recvq.iter().chain(ch.sendq.iter()) {
                let e = count.entry(s.g).or_default();
                if s.is_select() {
                    e.1 += 1;
                } else {
                    e.0 += 1;
                }
            }
        }
        for (g, (plain, selecting)) in count {
            let expected = self.selects.get(&g).map_or(0, Vec::len);
            if !(plain == 1 && selecting == 0 || plain == 0 && selecting == expected) {
                return Err(format!(
                    "{g} has {plain} plain and {selecting} select sudogs (select on {expected})"
                ));
            }
        }
        Ok(())
    }

    /// The goroutines waiting on any channel queue (each once), for the invariant checks.
    pub fn waiters(&self) -> Vec<GoId> {
        let mut gs: Vec<GoId> = self
            .chans
            .iter()
            .flat_map(|ch| ch.recvq.iter().chain(ch.sendq.iter()).map(|s| s.g))
            .collect();
        gs.sort();
        gs.dedup();
        gs
    }
}
