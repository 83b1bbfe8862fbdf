//! The sequence diagram's model: the messages of a trace as arrows on the virtual clock.
//!
//! The page draws one lifeline per service and one arrow per message copy, from the sender
//! at its send time to the recipient at its arrival time; a dropped copy ends in a cross
//! (lost on the way, cut by a partition, or refused by a crashed node). Crashes, recoveries
//! and the first broken invariant are marks on a lifeline. Built from the events alone, so
//! the diagram at step N is exactly the trace up to step N.
//!
//! Invariant: one arrow per `Sent` or `Duplicated` event, in the order sent; an arrow whose
//! fate is not known yet at step N is `InFlight`.

use crate::event::{DropReason, Event};
use crate::services::Service;

/// What became of a message copy.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fate {
    InFlight,
    Delivered,
    Dropped(DropReason),
}

/// One message copy.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Arrow {
    pub id: u32,
    pub from: Service,
    pub to: Service,
    pub label: String,
    pub sent: u64,
    /// Arrival (or drop, or planned arrival while in flight) time.
    pub arrive: u64,
    pub fate: Fate,
    /// A copy made by duplication.
    pub duplicate: bool,
}

/// What a mark on a lifeline says.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MarkKind {
    Crash,
    Recover,
    Broken,
}

/// A mark on a lifeline.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Mark {
    pub t: u64,
    pub node: Service,
    pub kind: MarkKind,
}

/// The diagram of `events`.
pub fn sequence(events: &[Event]) -> (Vec<Arrow>, Vec<Mark>) {
    let mut arrows: Vec<Arrow> = Vec::new();
    let mut marks = Vec::new();
    for event in events {
        match event {
            Event::Sent {
                t,
                id,
                from,
                to,
                body,
                arrive,
            } => arrows.push(Arrow {
                id: *id,
                from: *from,
                to: *to,
                label: body.to_string(),
                sent: *t,
                arrive: *arrive,
                fate: Fate::InFlight,
                duplicate: false,
            }),
            Event::Duplicated {
                id, copy, arrive, ..
            } => {
                if let Some(original) = arrows.iter().rev().find(|a| a.id == *id) {
                    let mut arrow = original.clone();
                    arrow.id = *copy;
                    arrow.arrive = *arrive;
                    arrow.fate = Fate::InFlight;
                    arrow.duplicate = true;
                    arrows.push(arrow);
                }
            }
            Event::Delivered { t, id, .. } => {
                if let Some(a) = arrows.iter_mut().rev().find(|a| a.id == *id) {
                    a.fate = Fate::Delivered;
                    a.arrive = *t;
                }
            }
            Event::Dropped { t, id, why, .. } => {
                if let Some(a) = arrows.iter_mut().rev().find(|a| a.id == *id) {
                    a.fate = Fate::Dropped(*why);
                    // Dropped on arrival: ends there; dropped when sent: keeps its planned path.
                    if *t > a.sent {
                        a.arrive = *t;
                    }
                }
            }
            Event::Crash { t, node } => marks.push(Mark {
                t: *t,
                node: *node,
                kind: MarkKind::Crash,
            }),
            Event::Recovered { t, node, .. } => marks.push(Mark {
                t: *t,
                node: *node,
                kind: MarkKind::Recover,
            }),
            Event::Broken { t, .. } => marks.push(Mark {
                t: *t,
                node: Service::Order,
                kind: MarkKind::Broken,
            }),
            _ => {}
        }
    }
    (arrows, marks)
}
