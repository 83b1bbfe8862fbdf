//! `select` (`runtime/select.go`'s `selectgo`).
//!
//! 1. **Poll order**: a random permutation of the cases, built as `selectgo` builds it — for
//!    each case with a non-nil channel, in source order, draw `j` in `0..=k` (k = cases placed
//!    so far) and insert the case at `j`, moving the occupant to the end. Each draw goes through
//!    the `sim::Chooser` with label `"select"` (the first is among one option and records
//!    nothing), so a seed picks the order and a schedule replays it. Nil-channel cases never
//!    enter the order: they can never proceed.
//! 2. **Pass 1**: the first case in poll order that can proceed wins — a receive from a
//!    waiting sender, a buffered value or a closed channel; a send to a waiting receiver or
//!    into buffer room; a send on a closed channel panics.
//! 3. If none can and there is a `default`, take it.
//! 4. **Pass 2**: enqueue a sudog on every case's channel and park (`select`; a `select {}`
//!    with no cases parks as `select (no cases)`). The first partner that dequeues one of them
//!    completes that case and wakes the goroutine; the other sudogs are withdrawn (pass 3).
//!
//! Lock order (by channel address) is irrelevant here: nothing runs concurrently between two
//! instructions. Invariant: a goroutine blocked in a select has exactly one sudog per
//! non-nil case, and none after it is woken.

use super::channel::TrySend;
use super::{ChanId, ChanPanic, Channels, Sudog, Wake};
use crate::goroutine::GoId;
use crate::sched::{CaseChan, SchedEvent, SendHow, WaitReason};
use sim::Chooser;
use std::fmt;

/// One `case` of a select.
#[derive(Clone, Debug, PartialEq)]
pub enum SelectCase<V> {
    /// `case c <- value:`
    Send { chan: Option<ChanId>, value: V },
    /// `case v, ok := <-c:`
    Recv { chan: Option<ChanId> },
}

impl<V> SelectCase<V> {
    fn chan(&self) -> Option<ChanId> {
        match self {
            SelectCase::Send { chan, .. } | SelectCase::Recv { chan } => *chan,
        }
    }
}

/// The result of a select.
#[derive(Clone, Debug, PartialEq)]
pub enum SelectResult<V> {
    /// Case `case` proceeded; for a receive, the value and `ok`; a woken partner, if any.
    Chosen {
        case: usize,
        received: Option<(V, bool)>,
        woke: Option<Wake<V>>,
    },
    /// No case could proceed; the default case runs.
    Default,
    /// Enqueued on every case; park with this reason.
    Block(WaitReason),
    /// A send case on a closed channel was polled: `send on closed channel`.
    Panic { case: usize, panic: ChanPanic },
}

impl<V: Clone + fmt::Display> Channels<V> {
    /// `selectgo` for goroutine `g` (see the module docs).
    pub fn select(
        &mut self,
        g: GoId,
        cases: &[SelectCase<V>],
        has_default: bool,
        chooser: &mut Chooser,
        events: &mut Vec<SchedEvent>,
    ) -> SelectResult<V> {
        if cases.is_empty() {
            return if has_default {
                SelectResult::Default
            } else {
                events.push(SchedEvent::SelectBlock { g, of: 0 });
                SelectResult::Block(WaitReason::SelectNoCases)
            };
        }
        let order = poll_order(cases, chooser);
        let of = cases.len();
        // Pass 1: the first case in poll order that can proceed.
        for &i in &order {
            let Some(c) = cases[i].chan() else { continue };
            let mut op_events = Vec::new();
            let result = match &cases[i] {
                SelectCase::Recv { .. } => {
                    self.try_recv_event(c, g, &mut op_events)
                        .map(|(v, ok, woke)| SelectResult::Chosen {
                            case: i,
                            received: Some((v, ok)),
                            woke,
                        })
                }
                SelectCase::Send { value, .. } => {
                    self.try_send_case(c, g, i, value, &mut op_events)
                }
            };
            if let Some(result) = result {
                events.push(SchedEvent::SelectChoose {
                    g,
                    case: i,
                    of,
                    order: order.clone(),
                    cases: case_chans(cases),
                });
                events.append(&mut op_events);
                return result;
            }
        }
        if has_default {
            events.push(SchedEvent::SelectDefault {
                g,
                order,
                cases: case_chans(cases),
            });
            return SelectResult::Default;
        }
        // Pass 2: wait on every case.
        let mut waiting_on = Vec::new();
        for (i, case) in cases.iter().enumerate() {
            let Some(ch) = case.chan().and_then(|c| self.get_mut(c)) else {
                continue;
            };
            let (queue, elem) = match case {
                SelectCase::Send { value, .. } => (&mut ch.sendq, Some(value.clone())),
                SelectCase::Recv { .. } => (&mut ch.recvq, None),
            };
            queue.enqueue(Sudog {
                g,
                elem,
                select_case: Some(i),
            });
            waiting_on.push(ch.id);
        }
        if !waiting_on.is_empty() {
            self.selects.insert(g, waiting_on);
        }
        events.push(SchedEvent::SelectBlock { g, of });
        SelectResult::Block(WaitReason::Select)
    }

    /// Pass 1 for a send case: `Some` if it proceeds (or panics).
    fn try_send_case(
        &mut self,
        c: ChanId,
        g: GoId,
        case: usize,
        value: &V,
        events: &mut Vec<SchedEvent>,
    ) -> Option<SelectResult<V>> {
        let describe = self.describe;
        let ch = self.get_mut(c)?;
        let text = Self::text(describe, value);
        match ch.try_send(value.clone()) {
            TrySend::WouldBlock(_) => None,
            TrySend::Closed(_) => {
                let panic = ChanPanic::SendOnClosed;
                events.push(SchedEvent::ChanPanic {
                    c: Some(c),
                    g,
                    message: panic.message(),
                });
                Some(SelectResult::Panic { case, panic })
            }
            TrySend::Buffered => {
                let (count, cap) = (ch.len(), ch.cap());
                events.push(SchedEvent::ChanSend {
                    c,
                    g,
                    value: text,
                    how: SendHow::Buffered { count, cap },
                });
                Some(SelectResult::Chosen {
                    case,
                    received: None,
                    woke: None,
                })
            }
            TrySend::ToReceiver(r, v) => {
                events.push(SchedEvent::ChanSend {
                    c,
                    g,
                    value: text,
                    how: SendHow::Direct { to: r.g },
                });
                let woke = self.woken(r, Some(v), true);
                Some(SelectResult::Chosen {
                    case,
                    received: None,
                    woke: Some(woke),
                })
            }
        }
    }
}

/// `selectgo`'s poll order: inside-out Fisher–Yates over the non-nil cases.
/// Each case's channel and direction, for the event the views read.
fn case_chans<V>(cases: &[SelectCase<V>]) -> Vec<CaseChan> {
    cases
        .iter()
        .map(|c| CaseChan {
            chan: c.chan(),
            send: matches!(c, SelectCase::Send { .. }),
        })
        .collect()
}

fn poll_order<V>(cases: &[SelectCase<V>], chooser: &mut Chooser) -> Vec<usize> {
    let mut order: Vec<usize> = Vec::with_capacity(cases.len());
    for (i, case) in cases.iter().enumerate() {
        if case.chan().is_none() {
            continue;
        }
        let j = chooser.choose("select", order.len() + 1);
        order.push(i);
        let last = order.len() - 1;
        order.swap(j, last);
    }
    order
}
