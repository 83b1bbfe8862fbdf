//! The collector's trace events (`Event::Gc`): one per cycle start, phase change, stop-the-world
//! window edge, write-barrier shading, mark assist and span sweep — never one per allocation
//! (the view model carries the heap). Built only while recording is on
//! (`Machine::set_recording`); no decision reads them.

use crate::gc::view::GcPhase;
use std::fmt;

/// Why a cycle started (`runtime/mgc.go`'s `gcTrigger` kinds).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GcReason {
    /// The heap reached the pacer's trigger (`gcTriggerHeap`).
    Heap,
    /// `runtime.GC()` (`gcTriggerCycle`), printed `(forced)` by gctrace.
    Forced,
}

/// One collector event.
#[derive(Clone, Debug, PartialEq)]
pub enum GcEvent {
    /// Cycle `n` starts (sweep termination begins).
    CycleStart {
        n: u32,
        reason: GcReason,
        time_ns: u64,
        heap_live: u64,
        heap_goal: u64,
    },
    /// The collector entered `phase` (cycle `n`).
    Phase {
        n: u32,
        phase: GcPhase,
        time_ns: u64,
        heap_live: u64,
        heap_goal: u64,
    },
    /// Every P stopped for `phase`.
    StwStart {
        n: u32,
        phase: GcPhase,
        time_ns: u64,
    },
    /// The world restarted after `phase`.
    StwEnd {
        n: u32,
        phase: GcPhase,
        time_ns: u64,
    },
    /// The hybrid write barrier shaded `obj` (`old`: the overwritten pointer, else the new one)
    /// on a store by goroutine `g`.
    BarrierShade { g: u64, obj: u32, old: bool },
    /// Goroutine `g` in allocation debt did `work` bytes of mark work, charged `ns`.
    Assist { g: u64, work: u64, ns: u64 },
    /// Span `span` was swept, freeing `freed` objects (`lazy`: by an allocating goroutine).
    SweepSpan { span: u32, freed: u32, lazy: bool },
}

impl fmt::Display for GcPhase {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            GcPhase::Off => "off",
            GcPhase::SweepTermination => "sweep termination",
            GcPhase::Mark => "mark",
            GcPhase::MarkTermination => "mark termination",
            GcPhase::Sweep => "sweep",
        })
    }
}

impl fmt::Display for GcEvent {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            GcEvent::CycleStart {
                n,
                reason,
                time_ns,
                heap_live,
                heap_goal,
            } => {
                let why = match reason {
                    GcReason::Heap => "heap",
                    GcReason::Forced => "forced",
                };
                write!(
                    f,
                    "gc {n} start ({why}) @{time_ns}ns live={heap_live} goal={heap_goal}"
                )
            }
            GcEvent::Phase {
                n,
                phase,
                time_ns,
                heap_live,
                ..
            } => write!(f, "gc {n} {phase} @{time_ns}ns live={heap_live}"),
            GcEvent::StwStart { n, phase, time_ns } => {
                write!(f, "gc {n} stop the world ({phase}) @{time_ns}ns")
            }
            GcEvent::StwEnd { n, phase, time_ns } => {
                write!(f, "gc {n} start the world ({phase}) @{time_ns}ns")
            }
            GcEvent::BarrierShade { g, obj, old } => write!(
                f,
                "g{g} write barrier shades o{obj} ({})",
                if *old { "old" } else { "new" }
            ),
            GcEvent::Assist { g, work, ns } => {
                write!(f, "g{g} mark assist {work} bytes ({ns}ns)")
            }
            GcEvent::SweepSpan { span, freed, lazy } => write!(
                f,
                "sweep span {span} freed {freed}{}",
                if *lazy { " (lazy)" } else { "" }
            ),
        }
    }
}
