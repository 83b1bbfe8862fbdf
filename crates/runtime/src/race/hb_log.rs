//! The happens-before event log: what the race detector did, as typed trace events, so that a
//! view can draw goroutine lanes with synchronisation edges and shared accesses
//! (`Event::Race(HbEvent)`), and a test can assert the edges of a litmus program.
//!
//! - A [`HbEvent::Release`] is a goroutine publishing its clock into a sync object (the epoch
//!   `(g, clock)` it released at); an [`HbEvent::Acquire`] is a goroutine joining an object's
//!   clock and lists the releases it *learned* from — direct releases into that object by other
//!   goroutines that its clock did not already cover. An acquire that learns nothing is not
//!   logged, so every `Acquire` is one or more edges `release → acquire` of go.dev/ref/mem.
//! - An [`HbEvent::Access`] is a shadowed read or write (globals, heap cells, maps). Repeated
//!   accesses of one goroutine to one location at one line within one epoch (a spin loop with
//!   no synchronisation) are logged once: they are ordered identically to the first.
//! - A [`HbEvent::Race`] carries both sides of a reported race, with their stacks.
//!
//! *Invariant*: the log is built only while the machine records (`Machine::set_recording`) and
//! races are on; nothing reads it back, so a run's output, exit status and steps do not depend
//! on it (`tests/recording.rs`).

use super::detector::SyncKey;
use super::shadow::{Loc, Stack};
use std::fmt;
use std::rc::Rc;

/// The operation behind a release or an acquire (the two ends of an edge name its kind:
/// `send → recv`, `unlock → lock`, `done → wait`, ...).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum SyncOp {
    /// `go f()` (release by the parent) and the new goroutine's start (acquire).
    Go,
    Start,
    Send,
    Recv,
    Close,
    /// A receive that returned the zero value because the channel is closed.
    RecvClosed,
    Unlock,
    Lock,
    RUnlock,
    RLock,
    /// `WaitGroup.Done` / `Add` with a negative delta.
    Done,
    Wait,
    /// `Once.Do`'s function returned.
    OnceDone,
    OnceDo,
    Atomic,
    TimerArm,
    TimerFire,
}

impl SyncOp {
    pub fn as_str(self) -> &'static str {
        match self {
            SyncOp::Go => "go",
            SyncOp::Start => "start",
            SyncOp::Send => "send",
            SyncOp::Recv => "recv",
            SyncOp::Close => "close",
            SyncOp::RecvClosed => "recv-closed",
            SyncOp::Unlock => "unlock",
            SyncOp::Lock => "lock",
            SyncOp::RUnlock => "runlock",
            SyncOp::RLock => "rlock",
            SyncOp::Done => "done",
            SyncOp::Wait => "wait",
            SyncOp::OnceDone => "once-done",
            SyncOp::OnceDo => "once-do",
            SyncOp::Atomic => "atomic",
            SyncOp::TimerArm => "timer-arm",
            SyncOp::TimerFire => "timer-fire",
        }
    }
}

/// What synchronised: a sync object's clock, or the `go` statement's direct hand-over.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum SyncObj {
    Key(SyncKey),
    /// The clock handed from a `go` statement to goroutine `child` (0-based index).
    Go(usize),
    /// An unbuffered channel's rendezvous (both sides join, `racesync`).
    Rendezvous(u32),
}

impl fmt::Display for SyncObj {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SyncObj::Key(SyncKey::Sync(i)) => write!(f, "s{}", i + 1),
            SyncObj::Key(SyncKey::Atomic(loc)) => write!(f, "atomic 0x{:012x}", loc.address()),
            SyncObj::Key(SyncKey::ChanSlot(c, k)) => write!(f, "c{c} slot {k}"),
            SyncObj::Key(SyncKey::ChanClose(c)) => write!(f, "c{c} close"),
            SyncObj::Key(SyncKey::Timer(t)) => write!(f, "timer {t}"),
            SyncObj::Go(child) => write!(f, "go g{}", child + 1),
            SyncObj::Rendezvous(c) => write!(f, "c{c}"),
        }
    }
}

/// One side of a reported race.
#[derive(Clone, Debug, PartialEq)]
pub struct RaceSide {
    /// Goroutine index (0-based; goroutine id minus one).
    pub g: usize,
    pub write: bool,
    pub stack: Stack,
}

/// A happens-before log entry (see the module docs). Goroutines are 0-based indices.
#[derive(Clone, Debug, PartialEq)]
pub enum HbEvent {
    Release {
        g: usize,
        /// `g`'s own clock component at the release: the epoch acquirers learn.
        clock: u32,
        obj: SyncObj,
        op: SyncOp,
    },
    Acquire {
        g: usize,
        obj: SyncObj,
        op: SyncOp,
        /// The releases learned: `(goroutine, clock)`, goroutines ascending.
        from: Vec<(usize, u32)>,
    },
    Access {
        g: usize,
        clock: u32,
        loc: Loc,
        /// A readable name: the global's name, or the location's address.
        name: Rc<str>,
        write: bool,
        func: Rc<str>,
        line: u32,
    },
    Race {
        loc: Loc,
        name: Rc<str>,
        now: RaceSide,
        prev: RaceSide,
    },
}

impl HbEvent {
    /// The goroutine index the event belongs to (a race: the access that found it).
    pub fn g(&self) -> usize {
        match self {
            HbEvent::Release { g, .. } | HbEvent::Acquire { g, .. } | HbEvent::Access { g, .. } => {
                *g
            }
            HbEvent::Race { now, .. } => now.g,
        }
    }
}

fn rw(write: bool) -> &'static str {
    if write { "write" } else { "read" }
}

fn top(s: &Stack) -> String {
    s.first()
        .map_or_else(String::new, |f| format!("{}:{}", f.func, f.line))
}

/// `hb g1 release go g2 (go) @1`, `hb g2 acquire c1 slot 0 (recv) from g1@2`,
/// `hb g2 write main.data at main.main.func1:11 @1`,
/// `hb race main.x write g2 main.main.func1:10 / read g1 main.main:13`.
impl fmt::Display for HbEvent {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            HbEvent::Release { g, clock, obj, op } => {
                write!(f, "hb g{} release {obj} ({}) @{clock}", g + 1, op.as_str())
            }
            HbEvent::Acquire { g, obj, op, from } => {
                write!(f, "hb g{} acquire {obj} ({}) from", g + 1, op.as_str())?;
                for (h, c) in from {
                    write!(f, " g{}@{c}", h + 1)?;
                }
                Ok(())
            }
            HbEvent::Access {
                g,
                clock,
                name,
                write,
                func,
                line,
                ..
            } => write!(
                f,
                "hb g{} {} {name} at {func}:{line} @{clock}",
                g + 1,
                rw(*write)
            ),
            HbEvent::Race {
                name, now, prev, ..
            } => write!(
                f,
                "hb race {name} {} g{} {} / {} g{} {}",
                rw(now.write),
                now.g + 1,
                top(&now.stack),
                rw(prev.write),
                prev.g + 1,
                top(&prev.stack)
            ),
        }
    }
}
