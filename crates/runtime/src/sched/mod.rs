//! The G-M-P scheduler, modelled on `runtime/proc.go` and `runtime/runtime2.go`.
//!
//! - **G** — a goroutine. The VM holds its frames; the scheduler holds its
//!   [`GoroutineRecord`]: status ([`GStatus`]) and wait reason ([`WaitReason`]), Go's strings.
//! - **M** — an OS thread, [`Thread`] (doc alias `m`). It runs Go code only while holding a P.
//! - **P** — a [`Processor`]: the right to run Go code, GOMAXPROCS of them, each with a local
//!   run queue of 256 and a `runnext` slot. Plus the global queue, idle lists and the spinning
//!   count: the [`Scheduler`] (`schedt`).
//!
//! # How the Machine drives it
//!
//! The scheduler never executes code; it is told what happened and decides where goroutines
//! go. Between two instructions:
//!
//! 1. [`Scheduler::schedule`] — every P whose goroutine stopped (blocked, exited, yielded, was
//!    preempted) or that `wakep` just started runs `findRunnable`;
//! 2. [`Scheduler::pick`] — which running P executes the next instruction (label `"sched"`);
//!    if none, [`Scheduler::idle`] jumps the clock to the next timer or reports the deadlock;
//! 3. the Machine executes one instruction of that P's goroutine, reporting `go` statements
//!    ([`Scheduler::newproc`]), blocking ([`Scheduler::park`]), wake-ups
//!    ([`Scheduler::ready`]), `Gosched`, exits, syscalls, `time.Sleep`, GOMAXPROCS;
//! 4. [`Scheduler::account`] — the instruction's cost in virtual time; may preempt.
//!
//! # Virtual time
//!
//! Each instruction costs `instruction_ns` of work on its P. Ps run in parallel, so the
//! global clock advances by the work divided among the Ps running at that moment (with the
//! remainder carried): k busy Ps each doing 1 ns of work move the clock by about 1 ns, not k.
//! The time slice is measured per P in its own work, as sysmon measures it per P
//! (`schedwhen`), reset whenever `schedtick` changes — so a goroutine run from `runnext`
//! inherits the rest of its predecessor's slice, as in Go.
//!
//! # Absent, on purpose
//!
//! Netpoll, GC workers, locked threads (`LockOSThread`), cgo, the `_Gscan`/`_Gcopystack`
//! states, per-P goid caches (goids are 1, 2, 3... in creation order), per-P timer heaps (one
//! global heap whose timers remember their P) and sysmon's own M (a periodic check instead).
//! Each absence is explained where it would have been.
//!
//! No `HashMap`, no threads, no wall clock: randomness only through `sim::Chooser` (labels
//! `"sched"`, `"steal"`), so a run is a pure function of the program and the schedule.

mod event;
mod findrunnable;
mod gstatus;
mod idle;
mod invariants;
mod processor;
mod procresize;
mod runqueue;
mod schedtrace;
mod scheduler;
mod syscall;
mod thread;

pub use event::{CaseChan, RecvHow, RunSource, SchedEvent, SendHow, SyscallExit, Waker};
pub use findrunnable::GLOBAL_CHECK_PERIOD;
pub use gstatus::{GStatus, GoroutineRecord, WaitReason, traceback_status};
pub use idle::{Deadlock, IdleOutcome};
pub use processor::{PId, PStatus, Processor, RunqPut};
pub use procresize::MAX_GOMAXPROCS;
pub use runqueue::{GlobalRunQueue, LOCAL_RUNQ_SIZE, LocalRunQueue};
pub use scheduler::Scheduler;
pub use syscall::RETAKE_IDLE_NS;
pub use thread::{MId, MState, Thread};

use crate::clock::VirtualTime;
use crate::goroutine::GoId;

/// Go's time slice, `forcePreemptNS`: 10 ms.
pub const DEFAULT_TIME_SLICE_NS: u64 = 10_000_000;

/// Scheduler parameters; the defaults are Go's.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SchedConfig {
    /// Number of Ps (`GOMAXPROCS`), at least 1.
    pub gomaxprocs: usize,
    /// Time slice before preemption (`forcePreemptNS`, 10 ms).
    pub time_slice_ns: u64,
    /// Virtual cost of one VM instruction (1 ns: a simple Go statement compiles to a few
    /// machine instructions, at a few per nanosecond; a bytecode op is roughly one statement
    /// part, so 1 ns keeps loops' simulated durations in the right order of magnitude).
    pub instruction_ns: u64,
    /// Sysmon's period and the minimum syscall age before a retake (20 µs).
    pub sysmon_tick_ns: u64,
}

impl Default for SchedConfig {
    fn default() -> Self {
        SchedConfig {
            gomaxprocs: 1,
            time_slice_ns: DEFAULT_TIME_SLICE_NS,
            instruction_ns: 1,
            sysmon_tick_ns: 20_000,
        }
    }
}

/// What a scheduler timer does when it fires.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Wakeup {
    /// `time.Sleep` ends: ready `g` on `p` (the P it slept on).
    Sleep { g: GoId, p: PId },
    /// A syscall of `g` returns: `exitsyscall`.
    SyscallExit { g: GoId },
    /// A program timer (`time.After`, tickers, ...): handed to the Machine.
    Program { token: u64, p: PId },
}

impl Wakeup {
    /// The goroutine whose timer this is, if it belongs to one.
    pub fn goroutine(&self) -> Option<GoId> {
        match *self {
            Wakeup::Sleep { g, .. } | Wakeup::SyscallExit { g } => Some(g),
            Wakeup::Program { .. } => None,
        }
    }
}

/// A program timer that fired (see [`Scheduler::take_fired_timers`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FiredTimer {
    pub token: u64,
    /// The P that set it: run its effect as code on that P.
    pub p: PId,
    pub at: VirtualTime,
}
