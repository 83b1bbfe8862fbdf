//! One channel (`runtime/chan.go`'s `hchan`, `chansend`, `chanrecv`, `closechan`, `send`,
//! `recv`).
//!
//! A channel is a ring buffer of `dataqsiz` slots (`buf`, with `qcount` values from `recvx`
//! to `sendx`), a closed flag, and two FIFO wait queues of blocked goroutines: `recvq` and
//! `sendq`. The operations here are the single-channel steps shared by plain operations and
//! `select`; blocking, events and the select bookkeeping live in [`super::Channels`].
//!
//! - **send**: on a closed channel, panic; to a waiting receiver, hand the value over directly
//!   (it never touches the buffer); into the buffer if there is room; else block.
//! - **receive**: from a waiting sender — on an unbuffered channel take its value directly; on
//!   a (necessarily full) buffered one take the buffer's head and move the sender's value
//!   into the freed tail slot, so FIFO order holds; else from the buffer; else, if closed, the
//!   zero value with `ok == false`; else block.
//! - **close**: panic if already closed; wake every receiver (zero value, `ok == false`) and
//!   every sender (which will panic).
//!
//! Invariants: `qcount <= dataqsiz`; slots `recvx..recvx+qcount` (mod `dataqsiz`) are full
//! and the others empty; at least one of `sendq` and `recvq` is empty — except on an
//! unbuffered channel where one goroutine's `select` waits to both send and receive (Go's
//! `hchan` comment states the same exception); a closed channel has no waiters.

use super::ChanId;
use super::waitq::{Sudog, WaitQueue};

/// A channel (`hchan`), generic over the element value so the VM can choose its `Value`.
#[derive(Clone, Debug, PartialEq)]
#[doc(alias = "hchan")]
pub struct Channel<V> {
    pub(super) id: ChanId,
    /// The ring (`buf`), `dataqsiz` slots; empty slots are `None`.
    pub(super) buf: Vec<Option<V>>,
    pub(super) qcount: usize,
    pub(super) sendx: usize,
    pub(super) recvx: usize,
    pub(super) closed: bool,
    pub(super) recvq: WaitQueue<V>,
    pub(super) sendq: WaitQueue<V>,
    /// The element type's zero value, received from a closed channel.
    pub(super) zero: V,
}

/// What a sender found (before any blocking).
pub(super) enum TrySend<V> {
    Closed(V),
    /// Hand `V` to this waiting receiver.
    ToReceiver(Sudog<V>, V),
    Buffered,
    WouldBlock(V),
}

/// What a receiver found (before any blocking).
pub(super) enum TryRecv<V> {
    /// From an unbuffered channel's waiting sender.
    FromSender(V, Sudog<V>),
    /// From the buffer's head; if `Some`, a waiting sender's value moved into the buffer.
    FromBuffer(V, Option<Sudog<V>>),
    Closed(V),
    WouldBlock,
}

impl<V: Clone> Channel<V> {
    pub(super) fn new(id: ChanId, cap: usize, zero: V) -> Channel<V> {
        Channel {
            id,
            buf: vec![None; cap],
            qcount: 0,
            sendx: 0,
            recvx: 0,
            closed: false,
            recvq: WaitQueue::new(),
            sendq: WaitQueue::new(),
            zero,
        }
    }

    // ---- read-only state for the views ----

    pub fn id(&self) -> ChanId {
        self.id
    }

    /// `cap(c)` (`dataqsiz`).
    pub fn cap(&self) -> usize {
        self.buf.len()
    }

    /// `len(c)` (`qcount`).
    pub fn len(&self) -> usize {
        self.qcount
    }

    pub fn is_empty(&self) -> bool {
        self.qcount == 0
    }

    /// The ring's slots as laid out (empty ones `None`).
    pub fn slots(&self) -> &[Option<V>] {
        &self.buf
    }

    /// Buffered values from the next to be received to the last sent.
    pub fn buffered(&self) -> Vec<V> {
        (0..self.qcount)
            .filter_map(|i| self.buf[(self.recvx + i) % self.cap()].clone())
            .collect()
    }

    /// Next slot a send fills (`sendx`).
    pub fn sendx(&self) -> usize {
        self.sendx
    }

    /// Next slot a receive empties (`recvx`).
    pub fn recvx(&self) -> usize {
        self.recvx
    }

    pub fn is_closed(&self) -> bool {
        self.closed
    }

    pub fn recvq(&self) -> &WaitQueue<V> {
        &self.recvq
    }

    pub fn sendq(&self) -> &WaitQueue<V> {
        &self.sendq
    }

    pub fn zero(&self) -> &V {
        &self.zero
    }

    // ---- the single-channel steps ----

    fn push(&mut self, v: V) {
        let cap = self.cap();
        self.buf[self.sendx] = Some(v);
        self.sendx = (self.sendx + 1) % cap;
        self.qcount += 1;
    }

    fn pop(&mut self) -> V {
        let cap = self.cap();
        let v = self.buf[self.recvx].take();
        self.recvx = (self.recvx + 1) % cap;
        self.qcount -= 1;
        v.unwrap_or_else(|| self.zero.clone())
    }

    /// `chansend`'s non-blocking part (also `select`'s send case in pass 1).
    pub(super) fn try_send(&mut self, v: V) -> TrySend<V> {
        if self.closed {
            return TrySend::Closed(v);
        }
        if let Some(receiver) = self.recvq.dequeue() {
            return TrySend::ToReceiver(receiver, v);
        }
        if self.qcount < self.cap() {
            self.push(v);
            return TrySend::Buffered;
        }
        TrySend::WouldBlock(v)
    }

    /// `chanrecv`'s non-blocking part (also `select`'s receive case in pass 1).
    pub(super) fn try_recv(&mut self) -> TryRecv<V> {
        if let Some(mut sender) = self.sendq.dequeue() {
            let sent = sender.elem.take().unwrap_or_else(|| self.zero.clone());
            if self.cap() == 0 {
                return TryRecv::FromSender(sent, sender);
            }
            // Full buffer: take the head, the sender's value goes to the tail (which is the
            // slot just freed: the ring is full, so sendx == recvx).
            let v = self.pop();
            self.push(sent);
            return TryRecv::FromBuffer(v, Some(sender));
        }
        if self.qcount > 0 {
            return TryRecv::FromBuffer(self.pop(), None);
        }
        if self.closed {
            return TryRecv::Closed(self.zero.clone());
        }
        TryRecv::WouldBlock
    }

    /// `closechan`'s state change: marks closed and takes every waiter (receivers, senders).
    pub(super) fn close_and_drain(&mut self) -> (Vec<Sudog<V>>, Vec<Sudog<V>>) {
        self.closed = true;
        let mut receivers = Vec::new();
        while let Some(s) = self.recvq.dequeue() {
            receivers.push(s);
        }
        let mut senders = Vec::new();
        while let Some(s) = self.sendq.dequeue() {
            senders.push(s);
        }
        (receivers, senders)
    }

    /// This channel's invariants (see the module docs).
    pub fn check_invariants(&self) -> Result<(), String> {
        let c = self.id;
        if self.qcount > self.cap() {
            return Err(format!("{c}: qcount {} > cap {}", self.qcount, self.cap()));
        }
        for i in 0..self.cap() {
            let offset = (i + self.cap() - self.recvx) % self.cap();
            let should_be_full = offset < self.qcount;
            if self.buf[i].is_some() != should_be_full {
                return Err(format!("{c}: slot {i} full={}", self.buf[i].is_some()));
            }
        }
        if self.cap() > 0 && (self.recvx + self.qcount) % self.cap() != self.sendx {
            return Err(format!("{c}: recvx+qcount != sendx"));
        }
        if !self.sendq.is_empty() && !self.recvq.is_empty() {
            let one_select =
                self.cap() == 0
                    && self.sendq.iter().chain(self.recvq.iter()).all(|s| {
                        s.is_select() && Some(s.g) == self.sendq.iter().next().map(|s| s.g)
                    });
            if !one_select {
                return Err(format!("{c}: both sendq and recvq hold goroutines"));
            }
        }
        if self.closed && !(self.sendq.is_empty() && self.recvq.is_empty()) {
            return Err(format!("{c}: closed with waiters"));
        }
        if !self.sendq.is_empty() && self.qcount < self.cap() {
            return Err(format!("{c}: senders wait while the buffer has room"));
        }
        if !self.recvq.is_empty() && self.qcount > 0 {
            return Err(format!("{c}: receivers wait while the buffer has values"));
        }
        Ok(())
    }
}
