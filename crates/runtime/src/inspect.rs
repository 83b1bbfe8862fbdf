//! `inspect`: what the views draw, as plain data computed from a [`Machine`] at one step.
//!
//! The UI holds no logic: the scheduler, channel and source views render an [`Inspection`]
//! and nothing else. It is a *view model* — ids as numbers, values as their `%v` text, enums
//! the scheduler already has — so it is `PartialEq` and a test can say "seeking back then
//! forward shows exactly the same thing" without a browser (`tests/inspect.rs`).
//!
//! Also here, because they are facts about the trace rather than about pixels:
//! - [`EventKind`]: the classifier behind "jump to the next steal / block / hand-off";
//! - [`EventFacts`]: an event's kind and its actors (`g`, `p`, one more), which the app's
//!   i18n table turns into a one-line zh/en explanation;
//! - [`Timeline`]: which goroutine each P ran over the run (`go tool trace`'s lanes), measured
//!   in steps: one step is one instruction, i.e. `instruction_ns` of work on its P;
//! - [`GoroutineTimeline`] (re-exported from `goroutine_timeline`): per goroutine, when it
//!   was runnable, running or waiting;
//! - [`MemoryView`] and [`HbGraph`] (from `race::view`): vector clocks at a step and the
//!   happens-before graph of a race-mode run.
//!
//! Absent on purpose: anything about layout, colours or language.

pub use crate::goroutine_timeline::{GSpan, GoroutineLane, GoroutineTimeline};
pub use crate::race::view::{
    ClockRow, HbAccess, HbEdge, HbGraph, HbRace, HbRaceSide, MemoryView, SyncRow,
};

use crate::chan::ChanId;
use crate::event::Event;
use crate::goroutine::GoId;
use crate::machine::Machine;
use crate::sched::{GStatus, MState, PStatus, SchedEvent, WaitReason};

/// Everything the views show at one step.
#[derive(Clone, Debug, PartialEq)]
pub struct Inspection {
    /// Instructions executed so far.
    pub step: u64,
    /// The scheduler's virtual clock, in ns.
    pub now_ns: u64,
    /// One lane per P, by id.
    pub procs: Vec<ProcView>,
    /// The global run queue, head first.
    pub global: Vec<u64>,
    /// Every M started, by id.
    pub threads: Vec<ThreadView>,
    /// Idle Ps, in the order `pidleget` takes them.
    pub idle_ps: Vec<u32>,
    /// `sched.nmspinning`.
    pub spinning: u32,
    /// Every goroutine ever created, by id (dead ones included).
    pub goroutines: Vec<GoroutineView>,
    pub chans: Vec<ChanView>,
    /// The goroutine that ran the step (`Machine::current`) and its frames, innermost first,
    /// with their named locals and interface values' words (see [`crate::values`]).
    pub frames_g: u64,
    pub frames: Vec<crate::values::FrameValues>,
}

/// A P's lane.
#[derive(Clone, Debug, PartialEq)]
pub struct ProcView {
    pub id: u32,
    pub status: PStatus,
    /// The M holding it.
    pub m: Option<u32>,
    /// The goroutine its M runs.
    pub running: Option<u64>,
    pub runnext: Option<u64>,
    /// The local run queue, head first.
    pub runq: Vec<u64>,
    pub schedtick: u64,
}

/// An M.
#[derive(Clone, Debug, PartialEq)]
pub struct ThreadView {
    pub id: u32,
    pub state: MState,
    pub p: Option<u32>,
    pub g: Option<u64>,
}

/// A goroutine and where it is in the source.
#[derive(Clone, Debug, PartialEq)]
pub struct GoroutineView {
    pub id: u64,
    pub status: GStatus,
    pub wait: Option<WaitReason>,
    pub created_by: Option<u64>,
    /// Function of its top frame (empty once dead).
    pub func: String,
    /// 1-based source line and column of its top frame's current instruction (0 if none).
    pub line: u32,
    pub col: u32,
}

/// A goroutine waiting on a channel (a `sudog`).
#[derive(Clone, Debug, PartialEq)]
pub struct WaiterView {
    pub g: u64,
    /// The value a sender offers (`%v`); `None` for receivers.
    pub value: Option<String>,
    /// The `select` case it stands for.
    pub select_case: Option<usize>,
}

/// A channel (`hchan`).
#[derive(Clone, Debug, PartialEq)]
pub struct ChanView {
    pub id: u32,
    pub cap: usize,
    pub len: usize,
    /// The ring, slot by slot (`None`: empty), values as `%v`.
    pub slots: Vec<Option<String>>,
    pub sendx: usize,
    pub recvx: usize,
    pub closed: bool,
    pub sendq: Vec<WaiterView>,
    pub recvq: Vec<WaiterView>,
}

impl Inspection {
    /// The view model of `m` as it is now.
    pub fn of(m: &Machine) -> Inspection {
        let s = m.scheduler();
        let gid = |g: GoId| g.0;
        let procs = s
            .processors()
            .iter()
            .map(|p| ProcView {
                id: p.id.0,
                status: p.status,
                m: p.m.map(|m| m.0),
                running: s.current(p.id).map(gid),
                runnext: p.runnext.map(gid),
                runq: p.runq.iter().map(gid).collect(),
                schedtick: p.schedtick,
            })
            .collect();
        let threads = s
            .threads()
            .iter()
            .map(|t| ThreadView {
                id: t.id.0,
                state: t.state(),
                p: t.p.map(|p| p.0),
                g: t.curg.map(gid),
            })
            .collect();
        let program = m.program();
        let goroutines = s
            .goroutines()
            .iter()
            .map(|r| {
                // The VM keeps goroutine `n` at index `n - 1`.
                let top = (r.id.0 as usize)
                    .checked_sub(1)
                    .and_then(|i| m.goroutines().get(i))
                    .filter(|_| r.status != GStatus::Dead)
                    .and_then(|g| g.frames.last());
                let (func, line, col) = match top {
                    Some(fr) => {
                        let f = program.function(fr.func);
                        // `pc` is the next instruction to run: that is the line the goroutine
                        // is "at" (blocked on, or about to execute).
                        let pos = f.pos.get(fr.pc as usize).or(f.pos.last());
                        let (l, c) = pos.map_or((f.decl.line, f.decl.col), |p| (p.line, p.col));
                        (f.name.clone(), l, c)
                    }
                    None => (String::new(), 0, 0),
                };
                GoroutineView {
                    id: r.id.0,
                    status: r.status,
                    wait: r.wait_reason,
                    created_by: r.created_by.map(gid),
                    func,
                    line,
                    col,
                }
            })
            .collect();
        let waiters = |q: &crate::chan::WaitQueue<crate::Value>| {
            q.iter()
                .map(|w| WaiterView {
                    g: w.g.0,
                    value: w.elem.as_ref().map(|v| v.to_string()),
                    select_case: w.select_case,
                })
                .collect()
        };
        let chans = m
            .channels()
            .iter()
            .map(|c| ChanView {
                id: c.id().0,
                cap: c.cap(),
                len: c.len(),
                slots: c
                    .slots()
                    .iter()
                    .map(|v| v.as_ref().map(|v| v.to_string()))
                    .collect(),
                sendx: c.sendx(),
                recvx: c.recvx(),
                closed: c.is_closed(),
                sendq: waiters(c.sendq()),
                recvq: waiters(c.recvq()),
            })
            .collect();
        Inspection {
            step: m.steps(),
            now_ns: s.now().nanos(),
            procs,
            global: s.global_queue().map(gid).collect(),
            threads,
            idle_ps: s.idle_ps().map(|p| p.0).collect(),
            spinning: s.spinning_ms(),
            goroutines,
            chans,
            frames_g: m.current as u64 + 1,
            frames: m.frame_values(GoId(m.current as u64 + 1)),
        }
    }

    /// The goroutine with id `g`.
    pub fn goroutine(&self, g: u64) -> Option<&GoroutineView> {
        (g as usize)
            .checked_sub(1)
            .and_then(|i| self.goroutines.get(i))
    }
}

/// What kind of thing an event is, for "jump to the next ..." and for explanations.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum EventKind {
    /// `go` statement (`newproc`).
    GoCreate,
    /// A P starts running a goroutine (`execute`).
    Run,
    /// Work stealing (`runqsteal`).
    Steal,
    /// A goroutine parks (`gopark`), including blocking channel operations and selects.
    Block,
    /// A goroutine made runnable again (`goready`, timers).
    Ready,
    /// sysmon takes a P from a syscall (`handoffp`), or a syscall enters/leaves.
    Handoff,
    /// Time slice used up, or `runtime.Gosched`.
    Preempt,
    /// A goroutine finished.
    GoExit,
    /// Ps going idle, Ms spinning, run queue spills and refills.
    Idle,
    ChanSend,
    ChanRecv,
    ChanClose,
    /// A `select` chose a case or its default.
    Select,
    /// Program output.
    Output,
    /// The collector starts a cycle, changes phase, stops or restarts the world.
    GcPhase,
    /// The write barrier shaded an object.
    WriteBarrier,
    /// A goroutine did mark assist work before allocating.
    GcAssist,
    /// An interface operation: itab lookup, dispatch through `fun[i]`, type assertion,
    /// type-switch case (`crate::iface_event`).
    Iface,
    /// Start, calls, returns, panics, exit and everything else.
    Other,
}

impl EventKind {
    /// The kinds a learner can jump to, in the order the player offers them.
    pub const JUMPABLE: [EventKind; 17] = [
        EventKind::Steal,
        EventKind::Block,
        EventKind::Ready,
        EventKind::Handoff,
        EventKind::Preempt,
        EventKind::GoCreate,
        EventKind::GoExit,
        EventKind::Run,
        EventKind::ChanSend,
        EventKind::ChanRecv,
        EventKind::ChanClose,
        EventKind::Select,
        EventKind::Output,
        EventKind::GcPhase,
        EventKind::WriteBarrier,
        EventKind::GcAssist,
        EventKind::Iface,
    ];

    /// Stable code for URLs and CSS classes.
    pub fn code(self) -> &'static str {
        match self {
            EventKind::GoCreate => "go",
            EventKind::Run => "run",
            EventKind::Steal => "steal",
            EventKind::Block => "block",
            EventKind::Ready => "ready",
            EventKind::Handoff => "handoff",
            EventKind::Preempt => "preempt",
            EventKind::GoExit => "exit",
            EventKind::Idle => "idle",
            EventKind::ChanSend => "send",
            EventKind::ChanRecv => "recv",
            EventKind::ChanClose => "close",
            EventKind::Select => "select",
            EventKind::Output => "output",
            EventKind::GcPhase => "gc",
            EventKind::WriteBarrier => "barrier",
            EventKind::GcAssist => "assist",
            EventKind::Iface => "iface",
            EventKind::Other => "other",
        }
    }

    /// The kind of `event`.
    pub fn of(event: &Event) -> EventKind {
        EventFacts::of(event).kind
    }
}

/// An event's kind and actors, as text ready for an explanation template: `g` is the
/// goroutine it is about, `p` the P where it happened, `x` one more fact (the victim P, the
/// channel, the wait reason, the value...). Empty strings when a kind has no such actor.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EventFacts {
    pub kind: EventKind,
    pub g: String,
    pub p: String,
    pub x: String,
}

impl EventFacts {
    pub fn of(event: &Event) -> EventFacts {
        use SchedEvent as S;
        let t = |v: &dyn std::fmt::Display| v.to_string();
        let none = String::new;
        let facts = |kind, g: String, p: String, x: String| EventFacts { kind, g, p, x };
        let chan = |c: &ChanId| t(c);
        match event {
            Event::Stdout { g, .. } | Event::Stderr { g, .. } => {
                facts(EventKind::Output, t(g), none(), none())
            }
            Event::Sched(e) => match e {
                S::GoCreate { g, by, p } => facts(EventKind::GoCreate, t(g), t(p), t(by)),
                S::Run { p, g, source, .. } => facts(EventKind::Run, t(g), t(p), t(source)),
                S::Steal { thief, victim, gs } => {
                    let list: Vec<String> = gs.iter().map(|g| g.to_string()).collect();
                    facts(EventKind::Steal, list.join(" "), t(thief), t(victim))
                }
                S::Block { p, g, reason } => facts(EventKind::Block, t(g), t(p), t(reason)),
                S::SelectBlock { g, of } => facts(EventKind::Block, t(g), none(), t(of)),
                S::Ready { g, by, p } => {
                    let waker = match by {
                        crate::sched::Waker::G { g, .. } => t(g),
                        crate::sched::Waker::Timer { .. } => "timer".into(),
                    };
                    let p = p.map_or_else(|| "global".into(), |p| t(&p));
                    facts(EventKind::Ready, t(g), p, waker)
                }
                S::TimerFire { g, .. } => facts(EventKind::Ready, t(g), none(), "timer".into()),
                S::Handoff { p, g, .. } => facts(EventKind::Handoff, t(g), t(p), none()),
                S::EnterSyscall { p, g, .. } => facts(EventKind::Handoff, t(g), t(p), none()),
                S::ExitSyscall { g, m, .. } => facts(EventKind::Handoff, t(g), none(), t(m)),
                S::Preempt { p, g } | S::Gosched { p, g } => {
                    facts(EventKind::Preempt, t(g), t(p), none())
                }
                S::GoExit { p, g } => facts(EventKind::GoExit, t(g), t(p), none()),
                S::Kick { p, g } => facts(EventKind::Idle, t(g), t(p), none()),
                S::Overflow { p, .. } | S::GlobalBatch { p, .. } | S::Destroy { p, .. } => {
                    facts(EventKind::Idle, none(), t(p), none())
                }
                S::Wakep { p, m } | S::Idle { p, m } => facts(EventKind::Idle, none(), t(p), t(m)),
                S::ChanSend { c, g, value, .. } => {
                    facts(EventKind::ChanSend, t(g), chan(c), value.clone())
                }
                S::ChanRecv { c, g, .. } => facts(EventKind::ChanRecv, t(g), chan(c), none()),
                S::ChanClose { c, g, .. } => facts(EventKind::ChanClose, t(g), chan(c), none()),
                S::SelectChoose { g, case, .. } => facts(EventKind::Select, t(g), none(), t(case)),
                S::SelectDefault { g, .. } => {
                    facts(EventKind::Select, t(g), none(), "default".into())
                }
                _ => facts(EventKind::Other, none(), none(), none()),
            },
            // `g`: the goroutine (or the cycle's number), `p`: the object, `x`: one fact.
            Event::Gc(e) => {
                use crate::gc::event::GcEvent as G;
                match e {
                    G::CycleStart { n, heap_live, .. } => {
                        facts(EventKind::GcPhase, t(n), none(), t(heap_live))
                    }
                    G::Phase { n, phase, .. }
                    | G::StwStart { n, phase, .. }
                    | G::StwEnd { n, phase, .. } => {
                        facts(EventKind::GcPhase, t(n), none(), t(phase))
                    }
                    G::BarrierShade { g, obj, old } => facts(
                        EventKind::WriteBarrier,
                        format!("g{g}"),
                        format!("o{obj}"),
                        (if *old { "old" } else { "new" }).into(),
                    ),
                    G::Assist { g, work, .. } => {
                        facts(EventKind::GcAssist, format!("g{g}"), none(), t(work))
                    }
                    G::SweepSpan { span, freed, .. } => {
                        facts(EventKind::Other, none(), t(span), t(freed))
                    }
                }
            }
            // No `x`: the app words interface events from their fields (`explain.rs`), and
            // formatting the trace line here would put its formatter in the site.
            Event::Iface(e) => facts(EventKind::Iface, t(&e.g()), none(), none()),
            _ => facts(EventKind::Other, none(), none(), none()),
        }
    }
}

/// One stretch of a P running one goroutine: steps `from + 1 ..= to` ran `g` on `p`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Span {
    pub p: u32,
    pub g: u64,
    pub from: u64,
    pub to: u64,
}

/// Which goroutine each P ran when, from a trace: `(step, event)` pairs in order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Timeline {
    pub spans: Vec<Span>,
    /// The last step of the trace (the x-axis end).
    pub end: u64,
}

impl Timeline {
    /// Builds the lanes; a span still open at the end of the trace closes at `end`.
    pub fn of<'a>(events: impl IntoIterator<Item = (u64, &'a Event)>, end: u64) -> Timeline {
        // The goroutine 1 runs on P0 from the start (`Scheduler::new`). Spans are kept per
        // P, each list in time order, and concatenated: no sort needed (and none linked).
        let mut open: Vec<Option<(u64, u64)>> = vec![Some((1, 0))];
        let mut lanes: Vec<Vec<Span>> = vec![Vec::new()];
        let close = |open: &mut Vec<Option<(u64, u64)>>, lanes: &mut Vec<Vec<Span>>, p: u32, at| {
            if let Some(Some((g, from))) = open.get_mut(p as usize).map(Option::take)
                && let Some(lane) = lanes.get_mut(p as usize)
            {
                lane.push(Span { p, g, from, to: at });
            }
        };
        for (step, e) in events {
            let Event::Sched(e) = e else { continue };
            // An event labelled step n happened during step n: a stop ends the span after
            // it, a start begins before it.
            match e {
                SchedEvent::Run { p, g, .. } => {
                    close(&mut open, &mut lanes, p.0, step.saturating_sub(1));
                    let i = p.0 as usize;
                    if open.len() <= i {
                        open.resize(i + 1, None);
                        lanes.resize(i + 1, Vec::new());
                    }
                    open[i] = Some((g.0, step.saturating_sub(1)));
                }
                SchedEvent::Block { p, .. }
                | SchedEvent::Preempt { p, .. }
                | SchedEvent::Gosched { p, .. }
                | SchedEvent::GoExit { p, .. }
                | SchedEvent::EnterSyscall { p, .. }
                | SchedEvent::Idle { p, .. } => close(&mut open, &mut lanes, p.0, step),
                _ => {}
            }
        }
        for p in 0..open.len() {
            close(&mut open, &mut lanes, p as u32, end);
        }
        let spans = lanes.concat();
        Timeline { spans, end }
    }
}

/// A machine ready to run `source` with `config`'s seed and GOMAXPROCS, for a
/// `sim::Recorder` (its chooser keeps no log, so `Machine::schedule` is only the seed) (the player records a run instead of streaming it like
/// [`Execution`](crate::Execution)); compile errors come back as `go build`'s output.
pub fn start_machine(
    filename: &str,
    source: &str,
    config: &crate::RunConfig,
) -> Result<Machine, crate::RunOutput> {
    let program =
        lang::compile(source).map_err(|d| crate::execution::compile_error_output(filename, d))?;
    let mut machine = Machine::new(std::rc::Rc::new(program), filename);
    // Same answers as `set_seed`, without a log: the recorder clones the machine into every
    // checkpoint, and a log of every choice so far would make that quadratic in memory.
    machine.set_chooser(sim::Chooser::unlogged(config.seed));
    // Every other setting (`-race`, the time slice, the collector's...) as `Execution::start`.
    machine.configure(config);
    Ok(machine)
}
