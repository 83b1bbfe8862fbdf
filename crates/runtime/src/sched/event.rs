//! Scheduler and channel events: one typed event per decision, each with a stable one-line
//! `Display` (the trace is the product: views animate these, tests snapshot them).
//!
//! Lines name the actors the way the views draw them — `P0`, `M1`, `g5`, `c1` — and say what
//! moved where: `P0 runnext <- g5 (created by g1)`, `P1 steal 2 from P0: g3 g4`,
//! `g1 ready g5 -> P0 runnext`, `chan c1 send g1 7 buffered 1/2`. Changing a line's shape breaks
//! snapshots and the views' explanations, so extend with new variants rather than rewording.

use super::gstatus::WaitReason;
use super::processor::PId;
use super::thread::MId;
use crate::chan::ChanId;
use crate::clock::VirtualTime;
use crate::goroutine::GoId;
use std::fmt;

/// Where a goroutine put on a P came from (`findRunnable`'s branches).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RunSource {
    /// `p.runnext`: inherits the current time slice (schedtick unchanged).
    Runnext,
    /// The head of the P's local queue.
    Local,
    /// The global queue, taken first because `schedtick % 61 == 0` (fairness).
    GlobalFairness,
    /// The global queue, as the first of a batch (`globrunqgetbatch`).
    Global,
    /// The last goroutine of a batch stolen from another P (`runqsteal`).
    Stolen,
}

impl fmt::Display for RunSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            RunSource::Runnext => "runnext",
            RunSource::Local => "local runq",
            RunSource::GlobalFairness => "global runq, 61st tick",
            RunSource::Global => "global runq",
            RunSource::Stolen => "stolen",
        })
    }
}

/// Who made a goroutine runnable again.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Waker {
    /// A goroutine running on `p` (channel operation, unlock, ...): `goready` puts the woken
    /// goroutine in `p`'s runnext.
    G { g: GoId, p: PId },
    /// A timer owned by `p` fired (`time.Sleep` ending).
    Timer { p: PId },
}

/// How a goroutine left its syscall (`exitsyscall`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SyscallExit {
    /// Its old P was still in `_Psyscall`: taken back, the goroutine keeps running.
    Reacquired(PId),
    /// The old P was retaken; an idle P was acquired.
    IdleP(PId),
    /// No P: the goroutine goes to the global queue and the M parks (`exitsyscall0`).
    NoP,
}

/// One scheduler or channel decision.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SchedEvent {
    /// `go` statement: `g` created by `by`, placed in `p`'s runnext (`newproc`).
    GoCreate { g: GoId, by: GoId, p: PId },
    /// `goready`: `g` made runnable, placed in `p`'s runnext or the global queue.
    Ready { g: GoId, by: Waker, p: Option<PId> },
    /// The previous runnext of `p` moved to its local queue's tail.
    Kick { p: PId, g: GoId },
    /// `runqputslow`: `p`'s local queue was full; these moved to the global queue.
    Overflow { p: PId, gs: Vec<GoId> },
    /// `execute`: `p` (held by `m`) runs `g`.
    Run {
        p: PId,
        m: MId,
        g: GoId,
        source: RunSource,
        schedtick: u64,
    },
    /// The rest of a global batch moved into `p`'s local queue.
    GlobalBatch { p: PId, gs: Vec<GoId> },
    /// `runqsteal`: `thief` took `gs` from `victim` (the last one runs).
    Steal {
        thief: PId,
        victim: PId,
        gs: Vec<GoId>,
    },
    /// `gopark`: `g` blocks.
    Block { p: PId, g: GoId, reason: WaitReason },
    /// Time slice used up: `g` preempted to the global queue (`gopreempt_m`).
    Preempt { p: PId, g: GoId },
    /// `runtime.Gosched`: `g` yields to the global queue (`gosched_m`).
    Gosched { p: PId, g: GoId },
    /// `goexit0`: `g` finished.
    GoExit { p: PId, g: GoId },
    /// `wakep`/`startm`: `m` starts spinning on idle `p` to look for work.
    Wakep { p: PId, m: MId },
    /// Nothing to run: `p` goes idle and `m` parks (`pidleput` + `stopm`).
    Idle { p: PId, m: MId },
    /// `entersyscall`: `g` enters a syscall on `m`; `p` is left in `_Psyscall`.
    EnterSyscall { p: PId, m: MId, g: GoId },
    /// sysmon `retake` + `handoffp`: `p` is taken from the syscall of `g` and given to `to`
    /// (an M started for it) or put on the idle list.
    Handoff { p: PId, g: GoId, to: Option<MId> },
    /// `exitsyscall`.
    ExitSyscall { g: GoId, m: MId, how: SyscallExit },
    /// `procresize`.
    GoMaxProcs { from: usize, to: usize },
    /// `(*p).destroy`: a P beyond the new GOMAXPROCS moved its runnable goroutines to the
    /// head of the global queue (listed in their new global order).
    Destroy { p: PId, gs: Vec<GoId> },
    /// Nothing could run: the clock jumped to the next deadline.
    ClockJump { from: VirtualTime, to: VirtualTime },
    /// A `time.Sleep` timer fired.
    TimerFire { at: VirtualTime, g: GoId },
    /// `make(chan T, cap)`.
    ChanMake { c: ChanId, cap: usize },
    /// A send on `c` by `g` of `value` (its `%v` text).
    ChanSend {
        c: ChanId,
        g: GoId,
        value: String,
        how: SendHow,
    },
    /// A receive on `c` by `g`.
    ChanRecv { c: ChanId, g: GoId, how: RecvHow },
    /// `close(c)` by `g`, waking receivers then senders.
    ChanClose {
        c: ChanId,
        g: GoId,
        receivers: Vec<GoId>,
        senders: Vec<GoId>,
    },
    /// A channel misuse panic, with Go's message.
    ChanPanic {
        c: Option<ChanId>,
        g: GoId,
        message: &'static str,
    },
    /// `select`: case `case` of `of` chosen; `order` is the poll order; `cases` names each
    /// case's channel and direction (for the views; not part of the trace text).
    SelectChoose {
        g: GoId,
        case: usize,
        of: usize,
        order: Vec<usize>,
        cases: Vec<CaseChan>,
    },
    /// `select` took its default case.
    SelectDefault {
        g: GoId,
        order: Vec<usize>,
        cases: Vec<CaseChan>,
    },
    /// `select` blocks on all its cases.
    SelectBlock { g: GoId, of: usize },
}

/// One `select` case as the views name it: its channel (`None`: a nil channel, never ready)
/// and whether it sends or receives.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CaseChan {
    pub chan: Option<ChanId>,
    pub send: bool,
}

/// How a send went.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SendHow {
    /// Copied straight to a waiting receiver (`send` → `sendDirect`).
    Direct { to: GoId },
    /// Stored in the buffer, which now holds `count` of `cap`.
    Buffered { count: usize, cap: usize },
    /// Parked on the sendq, which now holds `waiting` senders.
    Blocked { waiting: usize },
}

/// How a receive went.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RecvHow {
    /// Taken from the head of the buffer (now `count` of `cap`); if a sender was waiting, its
    /// value moved into the freed slot and it was woken.
    Buffered {
        value: String,
        count: usize,
        cap: usize,
        refill: Option<GoId>,
    },
    /// Taken straight from a waiting sender of an unbuffered channel.
    Direct { value: String, from: GoId },
    /// The channel is closed and drained: zero value, `ok == false`.
    Closed { zero: String },
    /// Parked on the recvq, which now holds `waiting` receivers.
    Blocked { waiting: usize },
}

fn ids(f: &mut fmt::Formatter<'_>, gs: &[GoId]) -> fmt::Result {
    for (i, g) in gs.iter().enumerate() {
        if i > 0 {
            f.write_str(" ")?;
        }
        write!(f, "{g}")?;
    }
    Ok(())
}

fn order(f: &mut fmt::Formatter<'_>, order: &[usize]) -> fmt::Result {
    for (i, c) in order.iter().enumerate() {
        if i > 0 {
            f.write_str(",")?;
        }
        write!(f, "{c}")?;
    }
    Ok(())
}

impl fmt::Display for SchedEvent {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use SchedEvent::*;
        match self {
            GoCreate { g, by, p } => write!(f, "{p} runnext <- {g} (created by {by})"),
            Ready { g, by, p } => {
                match by {
                    Waker::G { g: w, .. } => write!(f, "{w} ready {g}")?,
                    Waker::Timer { .. } => write!(f, "timer ready {g}")?,
                }
                match p {
                    Some(p) => write!(f, " -> {p} runnext"),
                    None => f.write_str(" -> global"),
                }
            }
            Kick { p, g } => write!(f, "{p} runnext {g} -> runq tail"),
            Overflow { p, gs } => {
                write!(f, "{p} runq full, {} -> global: ", gs.len())?;
                ids(f, gs)
            }
            Run {
                p,
                m,
                g,
                source,
                schedtick,
            } => write!(f, "{p} run {g} on {m} ({source}, schedtick {schedtick})"),
            GlobalBatch { p, gs } => {
                write!(f, "{p} global -> runq {}: ", gs.len())?;
                ids(f, gs)
            }
            Steal { thief, victim, gs } => {
                write!(f, "{thief} steal {} from {victim}: ", gs.len())?;
                ids(f, gs)
            }
            Block { g, reason, .. } => write!(f, "{g} block {reason}"),
            Preempt { p, g } => write!(f, "{p} preempt {g} -> global"),
            Gosched { p, g } => write!(f, "{p} gosched {g} -> global"),
            GoExit { p, g } => write!(f, "{p} {g} exit"),
            Wakep { p, m } => write!(f, "wakep {m} spinning on {p}"),
            Idle { p, m } => write!(f, "{p} idle, {m} parks"),
            EnterSyscall { p, m, g } => write!(f, "{g} enter syscall on {m}, {p} in syscall"),
            Handoff { p, g, to } => {
                write!(f, "{p} handoff ({g} in syscall) -> ")?;
                match to {
                    Some(m) => write!(f, "{m}"),
                    None => f.write_str("idle"),
                }
            }
            ExitSyscall { g, m, how } => {
                write!(f, "{g} exit syscall on {m}: ")?;
                match how {
                    SyscallExit::Reacquired(p) => write!(f, "reacquire {p}"),
                    SyscallExit::IdleP(p) => write!(f, "acquire idle {p}"),
                    SyscallExit::NoP => write!(f, "no P, {g} -> global, {m} parks"),
                }
            }
            GoMaxProcs { from, to } => write!(f, "GOMAXPROCS {from} -> {to}"),
            Destroy { p, gs } => {
                write!(f, "{p} destroyed, {} -> global head: ", gs.len())?;
                ids(f, gs)
            }
            ClockJump { from, to } => write!(f, "clock {from} -> {to} (all Ps idle)"),
            TimerFire { at, g } => write!(f, "timer at {at} wakes {g}"),
            ChanMake { c, cap } => write!(f, "chan {c} make cap {cap}"),
            ChanSend { c, g, value, how } => {
                write!(f, "chan {c} send {g} {value} ")?;
                match how {
                    SendHow::Direct { to } => write!(f, "direct to {to}"),
                    SendHow::Buffered { count, cap } => write!(f, "buffered {count}/{cap}"),
                    SendHow::Blocked { waiting } => write!(f, "blocks (sendq {waiting})"),
                }
            }
            ChanRecv { c, g, how } => {
                write!(f, "chan {c} recv {g} ")?;
                match how {
                    RecvHow::Buffered {
                        value,
                        count,
                        cap,
                        refill,
                    } => {
                        write!(f, "{value} from buffer {count}/{cap}")?;
                        match refill {
                            Some(s) => write!(f, ", {s}'s value moves in"),
                            None => Ok(()),
                        }
                    }
                    RecvHow::Direct { value, from } => write!(f, "{value} direct from {from}"),
                    RecvHow::Closed { zero } => write!(f, "{zero}, ok=false (closed)"),
                    RecvHow::Blocked { waiting } => write!(f, "blocks (recvq {waiting})"),
                }
            }
            ChanClose {
                c,
                g,
                receivers,
                senders,
            } => {
                write!(f, "chan {c} close by {g}")?;
                if !receivers.is_empty() {
                    f.write_str(", wakes receivers ")?;
                    ids(f, receivers)?;
                }
                if !senders.is_empty() {
                    f.write_str(", wakes senders ")?;
                    ids(f, senders)?;
                }
                Ok(())
            }
            ChanPanic { c, g, message } => match c {
                Some(c) => write!(f, "chan {c} panic in {g}: {message}"),
                None => write!(f, "chan nil panic in {g}: {message}"),
            },
            SelectChoose {
                g,
                case,
                of,
                order: o,
                ..
            } => {
                write!(f, "select {g} chose case {case} of {of} (poll order ")?;
                order(f, o)?;
                f.write_str(")")
            }
            SelectDefault { g, order: o, .. } => {
                write!(f, "select {g} default (poll order ")?;
                order(f, o)?;
                f.write_str(")")
            }
            SelectBlock { g, of } => write!(f, "select {g} blocks on {of} cases"),
        }
    }
}
