//! A simulated network on a virtual clock (milliseconds).
//!
//! Nothing here is real time: the world advances by popping the earliest item of one event
//! queue kept sorted by `(time, sequence)`, so two items at the same millisecond run in
//! the order they were scheduled — the queue is deterministic by construction. Items are
//! message deliveries and timers (request timeouts, retry backoff, crash recovery).
//!
//! Every message gets a latency: the link's base latency (the sum of both ends'
//! [`Service::base_latency`]) plus a jitter of 0, 4, 8 or 12 ms drawn from the chooser
//! (`net.jitter`). Different jitters reorder messages. With a [`NetConfig`] loss or duplication
//! rate, each message is also dropped (`net.loss`) or delivered twice (`net.dup`) by a chooser
//! draw. Partitions and crashes are decided by the world (the fault plan), which tells
//! [`Network::send`] whether the link is cut.
//!
//! Invariant: a message is delivered at most once per copy, never before it was sent, and
//! every copy's fate (delivered or dropped, and why) appears in the trace.

use std::fmt;

use sim::Chooser;

use crate::event::{DropReason, Event};
use crate::saga::ChoreoEvent;
use crate::services::{Action, Service};

/// Loss and duplication rates of the network, in percent (0 = reliable).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct NetConfig {
    pub loss_pct: u8,
    pub dup_pct: u8,
}

impl NetConfig {
    /// A flaky network: 5% loss, 5% duplication.
    pub const FLAKY: NetConfig = NetConfig {
        loss_pct: 5,
        dup_pct: 5,
    };
}

/// What a message says.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Body {
    /// Do `action` (step `step` of the flow; the idempotency key is `order-1/{action}`).
    Request {
        step: u8,
        action: Action,
        attempt: u32,
    },
    /// The answer to a request.
    Reply {
        step: u8,
        action: Action,
        attempt: u32,
        ok: bool,
    },
    /// Choreography: a domain event published through an outbox.
    Publish { event: ChoreoEvent, attempt: u32 },
    /// Choreography: the consumer got the event (the outbox may forget it).
    Ack { event: ChoreoEvent },
}

impl fmt::Display for Body {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Body::Request {
                action, attempt, ..
            } => write!(f, "{action}#{attempt}"),
            Body::Reply {
                action,
                attempt,
                ok,
                ..
            } => write!(f, "{action}#{attempt} {}", if ok { "ok" } else { "failed" }),
            Body::Publish { event, attempt } => write!(f, "{event}#{attempt}"),
            Body::Ack { event } => write!(f, "ack {event}"),
        }
    }
}

/// A message in flight.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Envelope {
    pub id: u32,
    pub from: Service,
    pub to: Service,
    pub body: Body,
}

/// What a call (a request awaiting its reply, or an event awaiting its ack) is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum CallKey {
    Request { step: u8, action: Action },
    Publish(ChoreoEvent),
}

/// A timer on the virtual clock.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Timer {
    /// The `attempt` of `key` by `owner` has waited long enough.
    Timeout {
        owner: Service,
        key: CallKey,
        attempt: u32,
    },
    /// Backoff is over: send `attempt` of `key`.
    Retry {
        owner: Service,
        key: CallKey,
        attempt: u32,
    },
    /// A crashed node comes back.
    Recover(Service),
}

/// An entry of the event queue.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Item {
    Deliver(Envelope),
    Timer(Timer),
}

/// The event queue and the message counter. The queue is a `Vec` kept sorted by
/// `(time, sequence)` — the same order a `BTreeMap` would give, for a few dozen items, at a
/// fraction of the wasm size.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Network {
    pub queue: Vec<((u64, u64), Item)>,
    seq: u64,
    next_id: u32,
    pub config: NetConfig,
}

impl Network {
    pub fn new(config: NetConfig) -> Network {
        Network {
            config,
            ..Network::default()
        }
    }

    /// Puts `item` in the queue at time `at`, after everything already there at `at`.
    pub fn schedule(&mut self, at: u64, item: Item) {
        self.seq += 1;
        let key = (at, self.seq);
        let index = self.queue.partition_point(|(k, _)| *k < key);
        self.queue.insert(index, (key, item));
    }

    /// The earliest item, removed.
    pub fn pop(&mut self) -> Option<(u64, Item)> {
        if self.queue.is_empty() {
            return None;
        }
        let ((at, _), item) = self.queue.remove(0);
        Some((at, item))
    }

    /// The time of the earliest item.
    pub fn next_time(&self) -> Option<u64> {
        self.queue.first().map(|&((at, _), _)| at)
    }

    fn latency(&self, chooser: &mut Chooser, from: Service, to: Service) -> u64 {
        let base = (from.base_latency() + to.base_latency()).max(4);
        base + 4 * chooser.choose("net.jitter", 4) as u64
    }

    /// Sends a message at `now`. `cut` says the link is partitioned now; `extra_delay` holds
    /// the message back (the fault plan's "timeout"); `duplicate` forces a second copy.
    #[allow(clippy::too_many_arguments)]
    pub fn send(
        &mut self,
        chooser: &mut Chooser,
        events: &mut Vec<Event>,
        now: u64,
        envelope: (Service, Service, Body),
        cut: bool,
        extra_delay: u64,
        duplicate: bool,
    ) {
        let (from, to, body) = envelope;
        self.next_id += 1;
        let id = self.next_id;
        let arrive = now + self.latency(chooser, from, to) + extra_delay;
        events.push(Event::Sent {
            t: now,
            id,
            from,
            to,
            body,
            arrive,
        });
        let why = if cut {
            Some(DropReason::Partition)
        } else if self.config.loss_pct > 0
            && chooser.choose("net.loss", 100) < usize::from(self.config.loss_pct)
        {
            Some(DropReason::Lost)
        } else {
            None
        };
        if let Some(why) = why {
            events.push(Event::Dropped {
                t: now,
                id,
                from,
                to,
                body,
                why,
            });
            return;
        }
        let envelope = Envelope { id, from, to, body };
        self.schedule(arrive, Item::Deliver(envelope));
        let dup = duplicate
            || (self.config.dup_pct > 0
                && chooser.choose("net.dup", 100) < usize::from(self.config.dup_pct));
        if dup {
            self.next_id += 1;
            let copy = self.next_id;
            let arrive = now + self.latency(chooser, from, to) + 1;
            events.push(Event::Duplicated {
                t: now,
                id,
                copy,
                arrive,
            });
            self.schedule(
                arrive,
                Item::Deliver(Envelope {
                    id: copy,
                    ..envelope
                }),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn queue_pops_in_time_then_sequence_order() {
        let mut net = Network::new(NetConfig::default());
        let t = |s| Item::Timer(Timer::Recover(s));
        net.schedule(20, t(Service::Order));
        net.schedule(10, t(Service::Payment));
        net.schedule(10, t(Service::Points));
        assert_eq!(net.next_time(), Some(10));
        assert_eq!(net.pop(), Some((10, t(Service::Payment))));
        assert_eq!(net.pop(), Some((10, t(Service::Points))));
        assert_eq!(net.pop(), Some((20, t(Service::Order))));
        assert_eq!(net.pop(), None);
    }

    #[test]
    fn lossy_network_drops_through_the_chooser() {
        let mut net = Network::new(NetConfig {
            loss_pct: 100,
            dup_pct: 0,
        });
        let mut events = Vec::new();
        let body = Body::Ack {
            event: ChoreoEvent::Completed,
        };
        let mut chooser = Chooser::new(1);
        net.send(
            &mut chooser,
            &mut events,
            0,
            (Service::Order, Service::Payment, body),
            false,
            0,
            false,
        );
        assert!(net.queue.is_empty());
        assert!(matches!(
            events[1],
            Event::Dropped {
                why: DropReason::Lost,
                ..
            }
        ));
        assert!(chooser.schedule().to_string().contains("net.loss"));
    }
}
