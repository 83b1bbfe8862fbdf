//! The machine: the whole simulated state of a running Go program, and its [`Simulation`]
//! implementation.
//!
//! **What a step is.** One step executes one VM instruction of the running goroutine (a call,
//! a return, an addition, a `fmt.Println`...). Steps are the unit of the trace, of time travel
//! and of the step budget; when the G-M-P scheduler arrives, the scheduler's decisions (which G
//! runs on which P) happen between instructions, so one instruction stays the finest
//! interleaving. `RunOutput::steps` counts instructions.
//!
//! **State.** The program (shared, immutable), the globals and the goroutines; *not* the output:
//! output is reported by [`Event::Stdout`]/[`Event::Stderr`] events and accumulated by whoever
//! drives the machine ([`Execution`](crate::Execution), or a `sim::Recorder`), so a checkpoint
//! clone never copies megabytes of output. Invariant: `Clone` is a snapshot — no interior
//! mutability is shared between clones. Goroutines and the heap's object chunks *are* shared,
//! copy-on-write ([`crate::shared`], [`crate::heap_arena`]): a clone costs a pointer per
//! goroutine and per chunk, and each machine copies one only when it first writes it.

use crate::event::Event;
use crate::goroutine::{Frame, GoId, Goroutine};
use crate::shared::Shared;
use crate::value::Value;
use crate::vm::Sink;
use lang::bytecode::{FuncId, Op, Program};
use sim::{Chooser, Simulation, Status};
use std::rc::Rc;

/// How many frames a goroutine may have before `fatal error: stack overflow`. Go's limit is
/// 1 GB of stack; goscope counts frames instead (its frames are not laid out in bytes), and
/// keeps the count small enough for a browser tab.
pub const MAX_FRAMES: usize = 100_000;

/// Why the program ended.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// `main` returned or `os.Exit` was called.
    Exit(i32),
    /// An unrecovered panic (exit status 2).
    Panic,
    /// A fatal runtime error such as stack overflow (exit status 2).
    Fatal,
}

/// The simulated Go program.
#[derive(Clone, Debug)]
pub struct Machine {
    pub(crate) program: Rc<Program>,
    /// File name used in tracebacks.
    pub(crate) file: Rc<str>,
    /// Function names for events, indexed like `program.functions`.
    pub(crate) names: Rc<[Rc<str>]>,
    pub(crate) globals: Vec<Value>,
    /// Copy-on-write (`shared`): checkpoints share the goroutines that have not run since.
    pub(crate) goroutines: Vec<Shared<Goroutine>>,
    /// Index in `goroutines` of the goroutine executing instructions (its id minus one):
    /// the one the scheduler runs on `running_p`.
    pub(crate) current: usize,
    /// The G-M-P scheduler (which goroutine each P runs; statuses and wait reasons).
    pub(crate) sched: crate::sched::Scheduler,
    /// The program's channels.
    pub(crate) chans: crate::chan::Channels<Value>,
    /// `sync` objects (WaitGroup, Mutex, RWMutex, Once), by handle minus one (`vm_sync`).
    pub(crate) syncs: Vec<crate::vm_sync::SyncObj>,
    /// Program timers (`time.After`): each one's channel, by token (`vm_time`).
    pub(crate) program_timers: Vec<crate::vm_time::ProgramTimer>,
    /// The context tree (`vm_context`); slot 0 is Background once any context is used.
    pub(crate) contexts: Vec<crate::vm_context::Ctx>,
    /// The `context.Canceled` / `DeadlineExceeded` values, made on first use.
    pub(crate) context_errs: [Option<Value>; 2],
    /// Scheduler/channel events not yet passed to the event sink.
    pub(crate) sched_events: Vec<crate::sched::SchedEvent>,
    /// The P whose goroutine `current` is, while a burst runs (see `vm_sched`).
    pub(crate) running_p: Option<crate::sched::PId>,
    /// Instructions left in the current burst before the next P is picked.
    pub(crate) burst_left: u64,
    /// Instructions run in this burst and not yet accounted to the scheduler's clock.
    pub(crate) unaccounted: u64,
    pub(crate) started: bool,
    pub(crate) outcome: Option<Outcome>,
    /// Exit status once finished.
    pub(crate) exit_code: Option<i32>,
    pub(crate) steps: u64,
    /// Emit `call`/`return` events (on by default).
    pub(crate) trace_calls: bool,
    /// Report every event (on by default); off, only output (see [`Machine::set_recording`]).
    pub(crate) record: bool,
    /// The program's heap (see [`crate::heap`]).
    pub(crate) heap: crate::heap::Heap,
    /// Every itab built so far (`itabTable`, see [`crate::itab`]).
    pub(crate) itabs: crate::itab::ItabTable,
    /// The seeded chooser of this run (map iteration order; later the scheduler).
    pub(crate) chooser: Chooser,
    /// The traceback captured when the current panic started.
    pub(crate) panic_trace: String,
    /// Race detection (`-race`), off unless [`Machine::set_race`] turned it on.
    pub(crate) race: Option<Box<crate::race::RaceState>>,
    /// Explorer mode (see `explore`): every shadowed memory access (race mode) ends the burst,
    /// so the next P is chosen between any two accesses to shared memory.
    pub(crate) access_points: bool,
    /// Set by an access in explorer mode: the burst ends before the next instruction.
    pub(crate) yield_now: bool,
    /// Explorer mode: the goroutine (index) that last re-read a location with no store since
    /// it chose a value — a spinner, offered last by the next pick (`Scheduler::pick_fair`);
    /// cleared by any store.
    pub(crate) spinner: Option<usize>,
    /// Explorer mode: per goroutine index, the location it last read since the last store.
    pub(crate) spin_probe: Vec<Option<crate::race::shadow::Loc>>,
    /// Profiles being collected (`RunConfig::profile`), off unless asked (see `profile`).
    pub(crate) profile: Option<Box<crate::profile::Profiler>>,
}

impl Machine {
    /// A machine about to run `program`'s `main.main` (after `main.init`) on goroutine 1.
    pub fn new(program: Rc<Program>, file: &str) -> Machine {
        let names: Rc<[Rc<str>]> = program
            .functions
            .iter()
            .map(|f| Rc::from(f.name.as_str()))
            .collect();
        let globals = program
            .global_zero
            .iter()
            .map(|z| match z {
                Op::Int(i) => Value::Int(*i),
                Op::Float(f) => Value::Float(*f),
                Op::Bool(b) => Value::Bool(*b),
                Op::Str(s) => Value::Str(
                    program
                        .strings
                        .get(*s as usize)
                        .cloned()
                        .unwrap_or_else(|| Rc::from(&b""[..])),
                ),
                _ => Value::Nil,
            })
            .collect();
        let mut g = Goroutine::new(GoId(1));
        let mut m = Machine {
            program: program.clone(),
            file: Rc::from(file),
            names,
            globals,
            goroutines: Vec::new(),
            current: 0,
            sched: crate::sched::Scheduler::new(crate::sched::SchedConfig {
                gomaxprocs: crate::execution::SIMULATED_NUM_CPU,
                ..Default::default()
            }),
            chans: crate::chan::Channels::new(),
            syncs: Vec::new(),
            program_timers: Vec::new(),
            contexts: Vec::new(),
            context_errs: [None, None],
            sched_events: Vec::new(),
            running_p: None,
            burst_left: 0,
            unaccounted: 0,
            started: false,
            outcome: None,
            exit_code: None,
            steps: 0,
            trace_calls: true,
            record: true,
            heap: crate::heap::Heap::default(),
            itabs: crate::itab::ItabTable::default(),
            chooser: Chooser::new(1),
            panic_trace: String::new(),
            race: None,
            access_points: false,
            yield_now: false,
            spinner: None,
            spin_probe: Vec::new(),
            profile: None,
        };
        if (program.entry.0 as usize) < program.functions.len() {
            Machine::push_frame(&program, &mut g, program.entry);
            if let Some(init) = program.init {
                Machine::push_frame(&program, &mut g, init);
            }
        }
        m.goroutines.push(Shared::new(g));
        m
    }

    /// Seeds the machine's chooser (map iteration order).
    pub fn set_seed(&mut self, seed: u64) {
        self.chooser = Chooser::new(seed);
    }

    /// Replaces the chooser (before the program runs): the explorer and replays answer every
    /// choice from a recorded schedule instead of a fresh seed.
    pub fn set_chooser(&mut self, chooser: Chooser) {
        self.chooser = chooser;
    }

    /// The schedule of the choices made so far: replaying it reproduces this run.
    pub fn schedule(&self) -> sim::Schedule {
        self.chooser.schedule()
    }

    /// Explorer mode: with race detection on, every access to shared memory becomes a
    /// scheduling point (see `explore`); off by default, as it makes schedules longer.
    pub fn set_access_points(&mut self, on: bool) {
        self.access_points = on;
    }

    /// Applies a run's settings but the seed (which `Execution::start` logs and
    /// `inspect::start_machine` does not) before the program starts: the one place both entry
    /// points share, so a setting cannot reach one and not the other.
    pub fn configure(&mut self, config: &crate::RunConfig) {
        self.set_gomaxprocs(config.gomaxprocs);
        self.set_time_slice(config.time_slice_ns);
        self.set_race(config.race);
        self.set_gogc(config.gc.gogc);
        self.set_memory_limit(config.gc.memory_limit);
        self.set_gctrace(config.gc.gctrace);
        self.set_write_barrier(config.gc.write_barrier);
        self.set_gc_check(config.gc.check);
        self.set_profiling(config.profile);
    }

    /// The scheduler's time slice (`forcePreemptNS`) before the program starts, at least
    /// 1 µs; ignored once it runs.
    pub fn set_time_slice(&mut self, ns: u64) {
        if !self.started {
            self.sched.set_time_slice(ns.max(1_000));
        }
    }

    /// Sets GOMAXPROCS (the number of Ps) before the program starts; clamped to
    /// `1..=MAX_GOMAXPROCS`. Ignored once it runs (the program uses `runtime.GOMAXPROCS`).
    pub fn set_gomaxprocs(&mut self, n: usize) {
        if self.started {
            return;
        }
        self.sched = crate::sched::Scheduler::new(crate::sched::SchedConfig {
            gomaxprocs: n.clamp(1, crate::sched::MAX_GOMAXPROCS),
            ..*self.sched.config()
        });
    }

    /// The scheduler (Ps, Ms, goroutine states, the virtual clock).
    pub fn scheduler(&self) -> &crate::sched::Scheduler {
        &self.sched
    }

    /// The program's channels.
    pub fn channels(&self) -> &crate::chan::Channels<Value> {
        &self.chans
    }

    /// The heap.
    pub fn heap(&self) -> &crate::heap::Heap {
        &self.heap
    }

    /// GOGC (`-1` = off) before the program runs, as the `GOGC` environment variable sets it.
    pub fn set_gogc(&mut self, gogc: i32) {
        self.heap.gc.pacer.set_gogc(gogc);
    }

    /// GOMEMLIMIT in bytes (None: no limit), as the environment variable sets it.
    pub fn set_memory_limit(&mut self, limit: Option<u64>) {
        self.heap
            .gc
            .pacer
            .set_memory_limit(limit.map_or(i64::MAX, |l| l.min(i64::MAX as u64) as i64));
    }

    /// The hybrid write barrier on (default) or off — off only for the lost-object scenario,
    /// where it lets the collector free a reachable object.
    pub fn set_write_barrier(&mut self, on: bool) {
        self.heap.gc.barrier_enabled = on;
    }

    /// `GODEBUG=gctrace=1`: a Go-format `gc N @...` line on standard error per cycle.
    pub fn set_gctrace(&mut self, on: bool) {
        self.heap.gc.gctrace = on;
    }

    /// Checks at every mark termination that no reachable object is left white (recorded in
    /// `heap().gc.lost`; see `gc::invariant`). Costs a full heap traversal per cycle.
    pub fn set_gc_check(&mut self, on: bool) {
        self.heap.gc.check = on;
    }

    /// The itab table (see [`crate::itab`]).
    pub fn itabs(&self) -> &crate::itab::ItabTable {
        &self.itabs
    }

    /// Turns `call`/`return` events on or off (output, panics and exits are always reported).
    pub fn set_trace_calls(&mut self, on: bool) {
        self.trace_calls = on;
    }

    /// Recording off: the machine reports only what the program writes
    /// ([`Event::Stdout`]/[`Event::Stderr`]); scheduler, channel, sync, call and exit events are
    /// not even built (no `%v` text of every value sent, no argument lists), which is most of
    /// the cost of a channel-heavy run. The run itself is unchanged — every choice, the output,
    /// the exit status and the step count — because no decision reads the trace: events are
    /// reports, never state. Off also stops logging the chooser's answers
    /// (`sim::Chooser::stop_logging`, answers unchanged), so [`Machine::schedule`] is then only
    /// the seed. [`crate::run`] runs this way; anything that shows or compares a trace or a
    /// schedule keeps it on (the default).
    pub fn set_recording(&mut self, on: bool) {
        self.record = on;
        self.heap.gc.record = on;
        self.chans.set_describe_values(on);
        if !on {
            self.chooser.stop_logging();
        }
    }

    pub fn program(&self) -> &Program {
        &self.program
    }

    pub fn goroutines(&self) -> &[Shared<Goroutine>] {
        &self.goroutines
    }

    pub fn globals(&self) -> &[Value] {
        &self.globals
    }

    /// Instructions executed so far.
    pub fn steps(&self) -> u64 {
        self.steps
    }

    pub fn finished(&self) -> bool {
        self.exit_code.is_some()
    }

    /// The exit status, once finished.
    pub fn exit_code(&self) -> Option<i32> {
        self.exit_code
    }

    pub fn outcome(&self) -> Option<&Outcome> {
        self.outcome.as_ref()
    }

    /// Pushes a frame for `func` whose parameters are already on `g`'s stack.
    pub(crate) fn push_frame(program: &Program, g: &mut Goroutine, func: FuncId) {
        let f = program.function(func);
        let base = g.stack.len().saturating_sub(f.num_params as usize);
        let extra = (f.num_slots as usize).saturating_sub(f.num_params as usize);
        g.stack.extend(std::iter::repeat_n(Value::Nil, extra));
        g.frames.push(Frame {
            func,
            pc: 0,
            base: base as u32,
            env: None,
            defers: Vec::new(),
            deferred: false,
            pending: None,
        });
    }

    pub(crate) fn finish(&mut self, outcome: Outcome, code: i32) {
        self.outcome = Some(outcome);
        self.exit_code = Some(code);
    }

    /// Runs up to `budget` instructions, appending events; returns how many ran. Equivalent to
    /// `budget` calls of [`Simulation::step`] (stopping early when the program ends), without
    /// the per-step overhead.
    pub fn run_slice(&mut self, budget: u64, events: &mut Vec<Event>) -> u64 {
        self.run_slice_marked(budget, events, None)
    }

    /// Like [`run_slice`](Machine::run_slice), also recording in `steps` the step that
    /// produced each event (parallel to `events`).
    pub fn run_slice_marked(
        &mut self,
        budget: u64,
        events: &mut Vec<Event>,
        steps: Option<&mut Vec<u64>>,
    ) -> u64 {
        let mut sink = Sink {
            events,
            steps,
            now: self.steps + 1,
            record: self.record,
        };
        let events = &mut sink;
        if !self.started {
            self.started = true;
            if let Some(g) = self.goroutines.first() {
                let func = g
                    .frames
                    .first()
                    .map(|f| self.names[f.func.0 as usize].clone())
                    .unwrap_or_else(|| Rc::from("main.main"));
                events.push(Event::GoStart { g: g.id, func });
            }
            if self.goroutines.first().is_none_or(|g| g.frames.is_empty()) {
                self.finish(Outcome::Exit(0), 0);
                events.push(Event::Exit {
                    g: GoId(1),
                    code: 0,
                });
                return 0;
            }
        }
        if self.finished() {
            return 0;
        }
        self.execute(budget, events)
    }
}

impl Simulation for Machine {
    type Event = Event;

    /// One VM instruction (see the module docs).
    fn step(&mut self, _chooser: &mut Chooser, events: &mut Vec<Event>) -> Status {
        self.run_slice(1, events);
        if self.finished() {
            Status::Finished
        } else {
            Status::Running
        }
    }

    /// The VM's burst path: `run_slice` is equivalent to `n` single steps (see there), without
    /// the per-step overhead — it is what makes a seek's replay fast.
    fn step_many(
        &mut self,
        _chooser: &mut Chooser,
        n: u64,
        events: &mut Vec<Event>,
        marks: Option<&mut Vec<u64>>,
    ) -> (u64, Status) {
        let taken = match marks {
            None => self.run_slice(n, events),
            Some(marks) => {
                // run_slice_marked labels events with the machine's own step count.
                let base = self.steps;
                let start = marks.len();
                let taken = self.run_slice_marked(n, events, Some(marks));
                for m in &mut marks[start..] {
                    *m -= base;
                }
                taken
            }
        };
        let status = if self.finished() {
            Status::Finished
        } else {
            Status::Running
        };
        (taken, status)
    }

    /// See `footprint.rs`: lets the Playground's recorder keep its checkpoints in budget.
    fn approx_bytes(&self) -> usize {
        Machine::approx_bytes(self)
    }

    /// See `footprint.rs`: a checkpoint pays only for the goroutines that ran since the last.
    fn approx_bytes_unshared(&self, previous: &Machine) -> usize {
        Machine::approx_bytes_unshared(self, previous)
    }
}
