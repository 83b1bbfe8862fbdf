//! The memory-model views' models, as plain `PartialEq` data (like `inspect::Inspection`):
//!
//! - [`MemoryView`]: at one step, each goroutine's vector clock and epoch and the clocks of
//!   the sync objects (channel slots and closes, mutexes, WaitGroups, Onces, atomics, timers)
//!   — the detector's own state, read, never recomputed;
//! - [`HbGraph`]: over a recorded run, the happens-before log (`Event::Race`) arranged for
//!   drawing: goroutine lanes, edges from a release's step to an acquire's step, shared
//!   accesses, and each reported race with the steps of both of its accesses.
//!
//! Absent on purpose: layout, colours, language.

use super::hb_log::{HbEvent, SyncOp};
use super::shadow::Stack;
use crate::event::Event;
use crate::machine::Machine;

/// One goroutine's clock: `clock[i]` is what it knows of goroutine index `i`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClockRow {
    /// Goroutine id (index + 1).
    pub id: u64,
    pub clock: Vec<u32>,
    /// Its own component: the epoch of its next access.
    pub epoch: u32,
}

/// A sync object's clock (`c1 slot 0`, `s2`, `atomic 0x...`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SyncRow {
    pub name: String,
    pub clock: Vec<u32>,
}

/// The memory-model state at one step (empty when the run is not in race mode).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MemoryView {
    pub race: bool,
    pub goroutines: Vec<ClockRow>,
    pub syncs: Vec<SyncRow>,
}

impl MemoryView {
    pub fn of(m: &Machine) -> MemoryView {
        let Some(st) = m.race_state() else {
            return MemoryView::default();
        };
        let d = &st.detector;
        let goroutines = d
            .clocks()
            .iter()
            .enumerate()
            .take(m.scheduler().goroutines().len().max(1))
            .map(|(i, vc)| ClockRow {
                id: i as u64 + 1,
                clock: vc.components().to_vec(),
                epoch: vc.get(i),
            })
            .collect();
        let syncs = d
            .sync_clocks()
            .map(|(k, vc)| SyncRow {
                name: super::hb_log::SyncObj::Key(k.clone()).to_string(),
                clock: vc.components().to_vec(),
            })
            .collect();
        MemoryView {
            race: true,
            goroutines,
            syncs,
        }
    }
}

/// A synchronisation edge: from a release (step, goroutine index) to an acquire.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HbEdge {
    pub from_step: u64,
    pub from_g: usize,
    pub to_step: u64,
    pub to_g: usize,
    /// The operations at both ends (`send → recv`, `unlock → lock`).
    pub ops: (SyncOp, SyncOp),
    /// The object (`c1 slot 0`, `s1`, `go g2`).
    pub obj: String,
}

/// A shared access.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HbAccess {
    pub step: u64,
    pub g: usize,
    pub write: bool,
    pub name: String,
    pub func: String,
    pub line: u32,
    /// One side of a reported race.
    pub racy: bool,
}

/// One side of a race in the graph: the access's step (if logged) and stack.
#[derive(Clone, Debug, PartialEq)]
pub struct HbRaceSide {
    pub step: Option<u64>,
    pub g: usize,
    pub write: bool,
    pub stack: Stack,
}

/// A reported race: the location and both accesses.
#[derive(Clone, Debug, PartialEq)]
pub struct HbRace {
    /// The step the race was reported at (the later access).
    pub step: u64,
    pub name: String,
    pub now: HbRaceSide,
    pub prev: HbRaceSide,
}

/// The happens-before graph of a recorded run.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct HbGraph {
    /// Goroutine indices with at least one logged event, ascending.
    pub lanes: Vec<usize>,
    pub edges: Vec<HbEdge>,
    pub accesses: Vec<HbAccess>,
    pub races: Vec<HbRace>,
}

impl HbGraph {
    /// Arranges the `Event::Race` entries of a recorded log (each with its step).
    pub fn of<'a>(events: impl IntoIterator<Item = (u64, &'a Event)>) -> HbGraph {
        let mut g = HbGraph::default();
        // (goroutine, clock) → step of that release: where an acquire's edges start.
        let mut releases: Vec<(usize, u32, u64, SyncOp)> = Vec::new();
        for (step, e) in events {
            let Event::Race(h) = e else { continue };
            if let Err(k) = g.lanes.binary_search(&h.g()) {
                g.lanes.insert(k, h.g());
            }
            match h {
                HbEvent::Release {
                    g: r, clock, op, ..
                } => releases.push((*r, *clock, step, *op)),
                HbEvent::Acquire {
                    g: a,
                    obj,
                    op,
                    from,
                } => {
                    for (h, c) in from {
                        let rel = releases.iter().rev().find(|r| r.0 == *h && r.1 == *c);
                        if let Some(&(from_g, _, from_step, from_op)) = rel {
                            g.edges.push(HbEdge {
                                from_step,
                                from_g,
                                to_step: step,
                                to_g: *a,
                                ops: (from_op, *op),
                                obj: obj.to_string(),
                            });
                        }
                    }
                }
                HbEvent::Access {
                    g: a,
                    name,
                    write,
                    func,
                    line,
                    ..
                } => g.accesses.push(HbAccess {
                    step,
                    g: *a,
                    write: *write,
                    name: name.to_string(),
                    func: func.to_string(),
                    line: *line,
                    racy: false,
                }),
                HbEvent::Race {
                    name, now, prev, ..
                } => {
                    let mut side = |s: &super::hb_log::RaceSide| {
                        let line = s.stack.first().map_or(0, |f| f.line);
                        let found = g.accesses.iter_mut().rev().find(|a| {
                            a.g == s.g && a.write == s.write && a.line == line && a.name == **name
                        });
                        let step = found.map(|a| {
                            a.racy = true;
                            a.step
                        });
                        HbRaceSide {
                            step,
                            g: s.g,
                            write: s.write,
                            stack: s.stack.clone(),
                        }
                    };
                    let (now, prev) = (side(now), side(prev));
                    g.races.push(HbRace {
                        step,
                        name: name.to_string(),
                        now,
                        prev,
                    });
                }
            }
        }
        g
    }
}
