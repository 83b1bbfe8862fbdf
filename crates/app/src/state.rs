//! The Playground's state and its one reducer: the only place the page talks to the core.
//!
//! Shaped like yew's `function_todomvc`: a [`PlaygroundState`], an [`Action`] enum and a
//! [`Reducible`] impl. Components hold no logic; they render the state and dispatch actions.
//!
//! A run is a *session* around a `sim::Recorder<runtime::Machine>` (see [`crate::run_trace`]),
//! an explicit state machine the page drives in slices: `Run` compiles and executes a first
//! slice, then each `Tick` executes another until the program finishes. The finished (or
//! stopped) recording stays, and the player moves through it: each move recomputes the
//! `runtime::inspect` view model at the new step, which is all the views render. The page schedules the ticks with `Timeout(0)`, so
//! the browser paints and handles clicks (Stop!) between slices and never freezes, however
//! long the program runs. The slice size adapts so that one slice takes about
//! [`TARGET_SLICE_MS`] of wall-clock time — the UI may look at the clock; the core never does.
//!
//! Invariant: `session.is_some()` ⇔ `run.phase == Phase::Running`.

use std::cell::{OnceCell, RefCell};
use std::ops::Range;
use std::rc::Rc;

use runtime::inspect::{Inspection, MemoryView, start_machine};
use runtime::{Machine, RunConfig, RunOutput};
use sim::{Chooser, Recorder};
use yew::prelude::*;

use crate::examples::DEFAULT_PROGRAM;
use crate::explorer_run::{ExplorerRun, page_config};
use crate::player::{PlayerAction, PlayerState};
use crate::run_trace::{
    CHECKPOINT_EVERY, Printed, RECORD_MAX_STEPS, RECORD_MEMORY_BUDGET, RunTrace,
};
use crate::share::{GcSettings, ShareState, Subject};
use crate::text;

/// The file name diagnostics are reported against, like the Go Playground's.
pub const FILENAME: &str = "prog.go";
/// Steps executed by the first slice: enough for small programs to finish at once.
pub const FIRST_SLICE: u64 = 200_000;
const MIN_SLICE: u64 = 10_000;
const MAX_SLICE: u64 = 50_000_000;
/// Wall-clock budget of one slice: well under a 60 Hz frame's worth of blocking.
pub const TARGET_SLICE_MS: f64 = 12.0;
/// At most this much of stdout and of stderr is kept for display (the tail).
pub const MAX_OUTPUT_BYTES: usize = 256 * 1024;

/// Where a run is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    /// Nothing run yet.
    Idle,
    Running,
    /// The program ended with this exit code (0: success; 2: panic; ...).
    Exited(i32),
    /// Compile errors: see `RunView::diagnostics`.
    BuildFailed,
    /// The learner pressed Stop.
    Stopped,
}

/// A compile diagnostic as the UI shows it (our own type, so props can compare it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DiagnosticView {
    /// 1-based line and byte column.
    pub line: u32,
    pub col: u32,
    /// Byte range in the source that was run.
    pub span: Range<usize>,
    pub message: String,
    /// `prog.go:L:C: message`, exactly as `go run` prints it.
    pub rendered: String,
}

impl From<&lang::Diagnostic> for DiagnosticView {
    fn from(d: &lang::Diagnostic) -> Self {
        DiagnosticView {
            line: d.line,
            col: d.col,
            span: d.span.clone(),
            message: d.message.clone(),
            rendered: d.render(FILENAME),
        }
    }
}

/// What the output panel shows about the latest run.
#[derive(Debug, Clone, PartialEq)]
pub struct RunView {
    pub phase: Phase,
    /// Tail of stdout (see [`MAX_OUTPUT_BYTES`]); `stdout_cut` says if the head was dropped.
    pub stdout: AttrValue,
    pub stdout_cut: bool,
    pub stderr: AttrValue,
    pub steps: u64,
    /// Trace events recorded (0 for a run that was not recorded).
    pub events: usize,
    pub diagnostics: Rc<[DiagnosticView]>,
    /// The program text this run compiled: diagnostics point into it.
    pub source: AttrValue,
}

impl RunView {
    fn idle() -> Self {
        RunView {
            phase: Phase::Idle,
            stdout: AttrValue::default(),
            stdout_cut: false,
            stderr: AttrValue::default(),
            steps: 0,
            events: 0,
            diagnostics: Rc::from(Vec::new()),
            source: AttrValue::default(),
        }
    }

    fn capture(&mut self, stdout: &str, stderr: &str, steps: u64) {
        let (out, cut) = text::tail_for_display(stdout, MAX_OUTPUT_BYTES);
        if self.stdout.as_str() != out {
            self.stdout = AttrValue::from(out.to_owned());
        }
        self.stdout_cut = cut;
        let (err, _) = text::tail_for_display(stderr, MAX_OUTPUT_BYTES);
        if self.stderr.as_str() != err {
            self.stderr = AttrValue::from(err.to_owned());
        }
        self.steps = steps;
    }

    fn finished(output: &RunOutput, source: AttrValue) -> Self {
        let diagnostics: Vec<DiagnosticView> = output
            .diagnostics
            .iter()
            .map(DiagnosticView::from)
            .collect();
        let phase = if diagnostics.is_empty() {
            Phase::Exited(output.exit_code)
        } else {
            Phase::BuildFailed
        };
        let mut view = RunView {
            phase,
            diagnostics: Rc::from(diagnostics),
            source,
            ..RunView::idle()
        };
        view.capture(&output.stdout, &output.stderr, output.steps);
        view
    }
}

/// Asks the editor to put its caret at a byte offset; `seq` makes repeated requests for the
/// same place distinct, so clicking the same diagnostic twice still moves the caret.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CaretRequest {
    pub seq: u64,
    pub byte: usize,
}

/// The recorder and what it printed so far.
type Recording = (Recorder<Machine>, Printed);

/// A program being recorded. Shared (`Rc`) because the reducer hands out new state values
/// while the recorder itself is one mutable object.
#[derive(Clone)]
struct Session {
    id: u64,
    recording: Rc<RefCell<Option<Recording>>>,
    slice: u64,
}

/// The recorded run the player moves through, and what the views show at its step.
///
/// A seek restores one machine and builds the scheduler's model from it (every view under the
/// player reads it). The memory model's and the collector's models are built from the same
/// machine only when a view asks for them ([`Replay::memory`], [`Replay::gc`]), once per
/// step: a seek with the heap view closed never walks the heap.
#[derive(Clone)]
pub struct Replay {
    pub trace: Rc<RunTrace>,
    pub player: PlayerState,
    pub view: Rc<Inspection>,
    /// Indices of the events of the current step (see [`Replay::events`]).
    pub event_range: Range<usize>,
    /// Scrubber markers for the player's chosen kind.
    pub markers: Rc<[u64]>,
    pub timeline: Rc<runtime::inspect::Timeline>,
    /// The machine at the step and the models built from it so far (shared by the state
    /// values the reducer hands out for the same step).
    at: Rc<AtStep>,
}

/// The machine at the player's step and the models built from it on demand.
struct AtStep {
    machine: Machine,
    memory: OnceCell<Rc<MemoryView>>,
    gc: OnceCell<Rc<crate::views::HeapAtStep>>,
}

impl Replay {
    fn new(trace: RunTrace, step: u64) -> Replay {
        let player = PlayerState {
            step: step.min(crate::player::Track::last(&trace)),
            ..PlayerState::default()
        };
        let (view, at) = AtStep::restore(&trace, player.step);
        Replay {
            markers: trace.markers(player.kind),
            event_range: AtStep::events(&trace, player.step),
            timeline: trace.timeline.clone(),
            trace: Rc::new(trace),
            view,
            at,
            player,
        }
    }

    /// Moves to `step` and recomputes the scheduler's view model there.
    fn seek(&mut self, step: u64) {
        self.player.step = step.min(crate::player::Track::last(&*self.trace));
        (self.view, self.at) = AtStep::restore(&self.trace, self.player.step);
        self.event_range = AtStep::events(&self.trace, self.player.step);
    }

    /// The vector clocks at the step (empty unless the run was in race mode).
    pub fn memory(&self) -> Rc<MemoryView> {
        let at = &self.at;
        at.memory
            .get_or_init(|| Rc::new(MemoryView::of(&at.machine)))
            .clone()
    }

    /// The collector's view model at the step (`Machine::gc_view`, `gc_focus`).
    pub fn gc(&self) -> Rc<crate::views::HeapAtStep> {
        let at = &self.at;
        at.gc
            .get_or_init(|| Rc::new(crate::views::HeapAtStep::of(&at.machine)))
            .clone()
    }

    /// The events produced by the current step (what just happened), borrowed from the log.
    pub fn events(&self) -> &[runtime::Event] {
        self.trace
            .recorder
            .events()
            .get(self.event_range.clone())
            .unwrap_or_default()
    }

    fn apply(&mut self, action: PlayerAction) -> bool {
        let before = self.player;
        if !self.player.apply(action, &*self.trace) {
            return false;
        }
        if before.kind != self.player.kind {
            self.markers = self.trace.markers(self.player.kind);
        }
        if before.step != self.player.step {
            let step = self.player.step;
            self.seek(step);
        }
        true
    }
}

impl AtStep {
    /// The machine at `step` of `trace`, and the scheduler's model of it.
    fn restore(trace: &RunTrace, step: u64) -> (Rc<Inspection>, Rc<AtStep>) {
        let machine = trace.recorder.state_at(step);
        let view = Rc::new(Inspection::of(&machine));
        let at = AtStep {
            machine,
            memory: OnceCell::new(),
            gc: OnceCell::new(),
        };
        (view, Rc::new(at))
    }

    /// Indices of the events step `step` produced.
    fn events(trace: &RunTrace, step: u64) -> Range<usize> {
        trace.recorder.event_range(step.saturating_sub(1), step)
    }
}

/// The runtime views a page can open under the player, by their names in links.
pub const VIEWS: [&str; 9] = [
    "scheduler",
    "timeline",
    "channels",
    "clocks",
    "hb",
    "explorer",
    "heap",
    "profile",
    "values",
];

/// Everything the Playground page shows.
#[derive(Clone)]
pub struct PlaygroundState {
    /// The program in the editor.
    pub source: AttrValue,
    /// The latest run (or the one in progress).
    pub run: RunView,
    /// Bumped after every slice that did not finish: the page schedules the next tick on it.
    pub tick: u64,
    pub caret: Option<CaretRequest>,
    /// Seed and GOMAXPROCS of the next run.
    pub config: RunConfig,
    /// The latest recording, once it finished or was stopped.
    pub replay: Option<Replay>,
    /// The goroutine the learner follows (its line is marked in the editor).
    pub followed: Option<u64>,
    /// A step to show once the next run is recorded (from the URL).
    pub pending_step: Option<u64>,
    /// Which of [`VIEWS`] are open under the player.
    pub views: [bool; VIEWS.len()],
    /// The interleaving explorer's search, if one was started.
    pub explorer: Option<ExplorerRun>,
    /// The schedule the next run replays (an explorer outcome), with race mode and a
    /// scheduling point at every shared access, as the explorer ran it.
    pub replaying: Option<Rc<sim::Schedule>>,
    /// The program before a fix variant replaced it ("back to the original").
    pub original: Option<AttrValue>,
    /// GOGC, GOMEMLIMIT and the write barrier of the next run.
    pub gc: GcSettings,
    /// The latest runs' GC charts by settings, and a planned GOGC comparison.
    pub gc_runs: crate::gc_runs::GcRuns,
    /// The profile view's choices (CPU or allocations, the flame graph's zoom).
    pub profile_ui: crate::run_profile::ProfileUi,
    session: Option<Session>,
    next_session: u64,
}

/// What can happen on the Playground.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// The learner edited the program.
    Edit(String),
    /// Back to the default program.
    Reset,
    /// Compile and start running the program in the editor.
    Run,
    /// Execute one more slice of the session with this id (stale ids are ignored).
    Tick(u64),
    /// Drop the running execution.
    Stop,
    /// Put the editor's caret at the n-th diagnostic of the latest run.
    JumpTo(usize),
    /// Move the player.
    Player(PlayerAction),
    SetGomaxprocs(usize),
    /// The scheduler's time slice of the next run, in virtual ns.
    SetTimeSlice(u64),
    SetSeed(u64),
    /// Run with the race detector (`-race`).
    SetRace(bool),
    /// Pick a new seed and run again: another interleaving.
    AnotherSeed,
    /// Follow a goroutine (again to stop following).
    Follow(u64),
    /// Show this step once the run is recorded.
    ShowStep(u64),
    /// Open or close the n-th of [`VIEWS`].
    ToggleView(usize),
    /// A click in the profile view.
    Profile(crate::run_profile::ProfileAction),
    /// Load a shared link's program and settings and run it, opening at its step.
    Open(Box<ShareState>, AttrValue),
    /// Explore the editor's program's interleavings (`runtime::explore`).
    ExploreStart,
    /// One more slice of the search with this id.
    ExploreTick(u64),
    ExploreStop,
    /// Load the n-th outcome's program and schedule into the Playground and run it.
    ExploreReplay(usize),
    /// Replace the program by the n-th fix variant of the run's races, and run it.
    ApplyFix(usize),
    /// Back to the program a fix variant replaced.
    BackToOriginal,
    /// New GC settings: the program runs again with them (the sliders, the barrier toggle).
    SetGc(GcSettings),
    /// Run the program with GOGC 50, 100 and 200, one after the other, to compare them.
    CompareGogc,
}

impl PlaygroundState {
    pub fn new(source: impl Into<AttrValue>) -> Self {
        PlaygroundState {
            source: source.into(),
            run: RunView::idle(),
            tick: 0,
            caret: None,
            config: RunConfig {
                max_steps: RECORD_MAX_STEPS,
                ..RunConfig::default()
            },
            replay: None,
            followed: None,
            pending_step: None,
            // The clocks, the heap views, the profile and the values only when asked for (a
            // race run, a GC example, a link, the toggle): the profile costs a profiled run
            // (see `start`).
            views: VIEWS.map(|v| !matches!(v, "clocks" | "heap" | "profile" | "values")),
            explorer: None,
            replaying: None,
            original: None,
            gc: GcSettings::default(),
            gc_runs: Default::default(),
            profile_ui: Default::default(),
            session: None,
            next_session: 1,
        }
    }

    /// The state a share link of this page carries: the program of the recording shown
    /// (or the editor's, before any run), the run's settings, the open views, the step.
    pub fn share(&self) -> ShareState {
        let (source, step) = match &self.replay {
            Some(r) => (self.run.source.to_string(), r.player.step),
            None => (self.source.to_string(), 0),
        };
        ShareState {
            seed: self.config.seed,
            gomaxprocs: self.config.gomaxprocs,
            race: self.config.race,
            views: VIEWS
                .iter()
                .zip(self.views)
                .filter(|(_, open)| *open)
                .map(|(v, _)| (*v).to_owned())
                .collect(),
            step,
            gc: self.gc,
            slice_ns: self.config.time_slice_ns,
            ..ShareState::new(Subject::Source(source))
        }
    }

    /// The id of the running session, if any: what the page's tick scheduler watches.
    pub fn session_id(&self) -> Option<u64> {
        self.session.as_ref().map(|s| s.id)
    }

    pub fn is_running(&self) -> bool {
        self.session.is_some()
    }

    /// Diagnostics to draw in the editor: only while the editor still holds the text they
    /// were made for, since after an edit their positions would point at the wrong code.
    pub fn inline_diagnostics(&self) -> Rc<[DiagnosticView]> {
        if self.run.source == self.source {
            self.run.diagnostics.clone()
        } else {
            Rc::from(Vec::new())
        }
    }

    /// Whether the view named `name` (one of [`VIEWS`]) is open.
    pub fn view_open(&self, name: &str) -> bool {
        VIEWS
            .iter()
            .zip(self.views)
            .any(|(v, open)| *v == name && open)
    }

    fn start(&mut self) {
        let source = self.source.clone();
        // The tri-colour checker (a heap walk per cycle) is on: it is what reports the object
        // lost when the barrier is off.
        self.config.gc = runtime::GcConfig {
            gogc: self.gc.gogc,
            memory_limit: self.gc.memlimit,
            write_barrier: self.gc.barrier,
            check: true,
            gctrace: false,
        };
        self.caret = None;
        self.replay = None;
        let replaying = self.replaying.take();
        if replaying.is_none() {
            self.config.max_steps = RECORD_MAX_STEPS;
        }
        // Profile only when the profile view is open: a plain run pays nothing for it.
        self.config.profile = self
            .view_open("profile")
            .then(runtime::profile::ProfileConfig::default);
        self.profile_ui = Default::default();
        match start_machine(FILENAME, &source, &self.config) {
            Err(output) => {
                self.run = RunView::finished(&output, source);
            }
            Ok(mut machine) => {
                if let Some(schedule) = &replaying {
                    // As `runtime::explore::replay` runs it; the log stays off (checkpoints).
                    let mut chooser = Chooser::replay(schedule);
                    chooser.stop_logging();
                    machine.set_chooser(chooser);
                    machine.set_access_points(true);
                }
                self.replaying = replaying;
                let id = self.next_session;
                self.next_session += 1;
                let recorder =
                    Recorder::new(machine, Chooser::new(self.config.seed), CHECKPOINT_EVERY)
                        .with_memory_budget(RECORD_MEMORY_BUDGET);
                self.session = Some(Session {
                    id,
                    recording: Rc::new(RefCell::new(Some((recorder, Printed::default())))),
                    slice: FIRST_SLICE,
                });
                self.run = RunView {
                    phase: Phase::Running,
                    source,
                    ..RunView::idle()
                };
                self.advance();
            }
        }
    }

    /// Executes one slice of the session and records what it printed.
    fn advance(&mut self) {
        let Some(session) = self.session.as_mut() else {
            return;
        };
        let Ok(mut cell) = session.recording.try_borrow_mut() else {
            return;
        };
        let Some((recorder, printed)) = cell.as_mut() else {
            return;
        };
        let started = now_ms();
        let max_steps = self.config.max_steps;
        let slice = session
            .slice
            .min(max_steps.saturating_sub(recorder.steps()));
        recorder.run(slice);
        printed.collect(recorder);
        session.slice = next_slice(session.slice, now_ms() - started);
        let over_output =
            printed.stdout.len() + printed.stderr.len() > runtime::execution::MAX_OUTPUT_BYTES;
        let finished =
            recorder.status().is_finished() || recorder.steps() >= max_steps || over_output;
        if finished {
            let taken = cell.take();
            drop(cell);
            self.session = None;
            if let Some((recorder, mut printed)) = taken {
                let machine = recorder.current();
                let exit_code = match machine.exit_code() {
                    // `racefini`, as `runtime::Execution` does: the summary and exit status 66.
                    Some(code)
                        if matches!(machine.outcome(), Some(runtime::Outcome::Exit(_)))
                            && machine.races_found().is_some_and(|n| n > 0) =>
                    {
                        let n = machine.races_found().unwrap_or(0);
                        let summary = runtime::race::report::summary(n);
                        printed.stderr.extend_from_slice(summary.as_bytes());
                        let _ = code;
                        runtime::race::report::RACE_EXIT_CODE
                    }
                    Some(code) => code,
                    None => {
                        let msg = if over_output {
                            "goscope: program output exceeded its budget\n".to_owned()
                        } else {
                            format!(
                                "goscope: program exceeded its budget of {max_steps} steps (infinite loop?)\n"
                            )
                        };
                        printed.stderr.extend_from_slice(msg.as_bytes());
                        runtime::BUDGET_EXIT_CODE
                    }
                };
                let output = RunOutput {
                    stdout: String::from_utf8_lossy(&printed.stdout).into_owned(),
                    stderr: String::from_utf8_lossy(&printed.stderr).into_owned(),
                    exit_code,
                    diagnostics: Vec::new(),
                    steps: recorder.steps(),
                };
                self.run = RunView::finished(&output, self.run.source.clone());
                self.run.events = recorder.events().len();
                self.keep(recorder);
                self.next_gc_run();
            }
        } else {
            let (out, err) = (
                String::from_utf8_lossy(&printed.stdout),
                String::from_utf8_lossy(&printed.stderr),
            );
            self.run.capture(&out, &err, recorder.steps());
            drop(cell);
            self.tick += 1;
        }
    }

    /// Keeps a recording for the player, at the step the URL asked for if any.
    fn keep(&mut self, recorder: Recorder<Machine>) {
        let step = self.pending_step.take().unwrap_or(0);
        self.followed = None;
        let trace = RunTrace::new(recorder).with_fixes(&self.run.source);
        self.replay = Some(Replay::new(trace, step));
    }

    /// Files the finished run's GC chart and starts the next run of a planned comparison.
    fn next_gc_run(&mut self) {
        if let Some(r) = &self.replay {
            // The settings the collector ended with (a program may set its own GOGC).
            let end = r.trace.recorder.current().gc_view(0);
            let settings = GcSettings {
                gogc: end.gogc,
                memlimit: end.memory_limit,
                barrier: end.barrier_enabled,
            };
            self.gc_runs
                .record(&self.run.source, settings, r.trace.gc.clone());
        }
        if let Some(gogc) = self.gc_runs.next_planned() {
            self.gc.gogc = gogc;
            self.start();
        }
    }

    fn stop(&mut self) {
        self.gc_runs.abandon_plan();
        let Some(session) = self.session.take() else {
            return;
        };
        let recording = session
            .recording
            .try_borrow_mut()
            .ok()
            .and_then(|mut cell| cell.take());
        if let Some((recorder, printed)) = recording {
            let (out, err) = (
                String::from_utf8_lossy(&printed.stdout),
                String::from_utf8_lossy(&printed.stderr),
            );
            self.run.capture(&out, &err, recorder.steps());
            self.run.events = recorder.events().len();
            // What ran before Stop can still be stepped through.
            self.keep(recorder);
        }
        self.run.phase = Phase::Stopped;
    }
}

impl Reducible for PlaygroundState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            Action::Edit(source) => {
                if self.source == source {
                    return self; // no re-render for a no-op
                }
                next.source = AttrValue::from(source);
            }
            Action::Reset => next.source = AttrValue::Static(DEFAULT_PROGRAM),
            Action::Run => {
                if self.is_running() {
                    return self; // Ctrl+Enter pressed again while running: keep going
                }
                next.start();
            }
            Action::Tick(id) => {
                if self.session_id() != Some(id) {
                    return self; // a tick scheduled for a stopped or finished session
                }
                next.advance();
            }
            Action::Stop => next.stop(),
            Action::JumpTo(index) => {
                let Some(diag) = self.run.diagnostics.get(index) else {
                    return self;
                };
                let byte = text::line_col_to_byte(&self.source, diag.line, diag.col);
                let seq = self.caret.map_or(1, |c| c.seq + 1);
                next.caret = Some(CaretRequest { seq, byte });
            }
            Action::Player(a) => {
                let Some(replay) = next.replay.as_mut() else {
                    return self;
                };
                if !replay.apply(a) {
                    return self;
                }
            }
            Action::SetGomaxprocs(n) => next.config.gomaxprocs = n.clamp(1, 8),
            Action::SetTimeSlice(ns) => next.config.time_slice_ns = ns.max(1_000),
            Action::SetSeed(seed) => next.config.seed = seed,
            Action::SetRace(on) => next.config.race = on,
            Action::AnotherSeed => {
                if self.is_running() {
                    return self;
                }
                // An LCG step: deterministic, and far from the previous seed.
                next.config.seed = next
                    .config
                    .seed
                    .wrapping_mul(6_364_136_223_846_793_005)
                    .wrapping_add(1_442_695_040_888_963_407)
                    % 1_000_000;
                next.start();
            }
            Action::Profile(a) => next.profile_ui.apply(a),
            Action::Follow(g) => {
                next.followed = (self.followed != Some(g)).then_some(g);
            }
            Action::ToggleView(i) => {
                if let Some(open) = next.views.get_mut(i) {
                    *open = !*open;
                }
            }
            Action::Open(share, source) => {
                if self.is_running() {
                    next.stop();
                }
                next.source = source;
                next.config.seed = share.seed;
                next.config.gomaxprocs = share.gomaxprocs.clamp(1, 8);
                next.config.time_slice_ns = share.slice_ns;
                next.config.race = share.race;
                next.gc = share.gc;
                if !share.views.is_empty() {
                    next.views = VIEWS.map(|v| share.views.iter().any(|s| s == v));
                }
                next.pending_step = Some(share.step);
                next.start();
            }
            Action::ExploreStart => {
                next.next_session += 1;
                let config = page_config(self.config.gomaxprocs);
                let run = ExplorerRun::start(self.next_session, self.source.clone(), config);
                next.explorer = Some(run);
            }
            Action::ExploreTick(id) => match next.explorer.as_mut() {
                Some(e) if e.id == id && e.running() => e.advance(),
                _ => return self,
            },
            Action::ExploreStop => match next.explorer.as_mut() {
                Some(e) if e.running() => e.stop(),
                _ => return self,
            },
            Action::ExploreReplay(i) => {
                let Some(e) = &self.explorer else {
                    return self;
                };
                let Some(found) = e.outcomes.get(i) else {
                    return self;
                };
                if self.is_running() {
                    next.stop();
                }
                next.source = e.source.clone();
                next.config.race = true;
                next.config.gomaxprocs = e.config.gomaxprocs;
                next.config.seed = found.schedule.seed;
                next.config.max_steps = e.config.max_steps;
                next.replaying = Some(Rc::new(found.schedule.clone()));
                next.start();
            }
            Action::ApplyFix(i) => {
                let Some(fix) = self.replay.as_ref().and_then(|r| r.trace.fixes.get(i)) else {
                    return self;
                };
                if next.original.is_none() {
                    next.original = Some(self.run.source.clone());
                }
                next.source = AttrValue::from(fix.source.clone());
                next.start();
            }
            Action::BackToOriginal => {
                let Some(original) = next.original.take() else {
                    return self;
                };
                next.source = original;
                next.start();
            }
            Action::SetGc(gc) => {
                if self.gc == gc {
                    return self;
                }
                next.gc = gc;
                next.session = None; // a run in progress is dropped for the new one
                next.pending_step = None;
                next.start();
            }
            Action::CompareGogc => {
                next.gc.gogc = next.gc_runs.plan_compare();
                next.session = None;
                next.pending_step = None;
                next.start();
            }
            Action::ShowStep(step) => match next.replay.as_mut() {
                Some(replay) => {
                    replay.apply(PlayerAction::Seek(step));
                }
                None => next.pending_step = Some(step),
            },
        }
        Rc::new(next)
    }
}

/// The next slice size, scaled so that a slice takes about [`TARGET_SLICE_MS`].
/// Scaling is bounded per step (×½ … ×4) so one slow slice (a GC pause in the browser,
/// a background tab) does not collapse the speed.
pub fn next_slice(slice: u64, elapsed_ms: f64) -> u64 {
    let factor = if elapsed_ms.is_finite() && elapsed_ms > 0.5 {
        (TARGET_SLICE_MS / elapsed_ms).clamp(0.5, 4.0)
    } else {
        4.0
    };
    ((slice as f64 * factor) as u64).clamp(MIN_SLICE, MAX_SLICE)
}

/// Wall-clock milliseconds (only for slice sizing; not available natively, where it is 0).
pub(crate) fn now_ms() -> f64 {
    #[cfg(target_arch = "wasm32")]
    {
        js_sys::Date::now()
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        0.0
    }
}

#[cfg(test)]
mod tests {
    use wasm_bindgen_test::wasm_bindgen_test;

    use super::*;

    fn reduce(state: PlaygroundState, action: Action) -> PlaygroundState {
        (*Rc::new(state).reduce(action)).clone()
    }

    /// Runs to completion the way the page does: Run, then Tick while running.
    fn run_to_end(mut state: PlaygroundState) -> PlaygroundState {
        state = reduce(state, Action::Run);
        for _ in 0..10_000 {
            let Some(id) = state.session_id() else { break };
            state = reduce(state, Action::Tick(id));
        }
        state
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn hello_runs_and_prints() {
        let state = run_to_end(PlaygroundState::new(DEFAULT_PROGRAM));
        assert_eq!(state.run.phase, Phase::Exited(0));
        assert_eq!(state.run.stdout.as_str(), "hello, 世界\n");
        assert!(!state.is_running());
        assert!(state.run.diagnostics.is_empty());
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn compile_errors_become_diagnostics_and_a_caret_request() {
        let source = "package main\n\nfunc main() {\n\tx := \n}\n";
        let state = run_to_end(PlaygroundState::new(source));
        assert_eq!(state.run.phase, Phase::BuildFailed);
        let first = state
            .run
            .diagnostics
            .first()
            .cloned()
            .expect("a diagnostic");
        assert!(first.rendered.starts_with("prog.go:"), "{}", first.rendered);
        assert!(!state.inline_diagnostics().is_empty());

        let state = reduce(state, Action::JumpTo(0));
        let caret = state.caret.expect("caret request");
        assert_eq!(
            caret.byte,
            text::line_col_to_byte(source, first.line, first.col)
        );
        let again = reduce(state, Action::JumpTo(0))
            .caret
            .expect("caret request");
        assert_ne!(again.seq, caret.seq, "a repeated click is a new request");

        // Editing hides the inline markers (their positions are stale) but keeps the list.
        let edited = reduce(
            reduce(PlaygroundState::new(source), Action::Run),
            Action::Edit(format!("{source}// edit\n")),
        );
        assert!(edited.inline_diagnostics().is_empty());
        assert_eq!(edited.run.phase, Phase::BuildFailed);
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn edit_reset_and_stale_actions() {
        let state = PlaygroundState::new("x");
        let edited = reduce(state, Action::Edit("package main\n".into()));
        assert_eq!(edited.source.as_str(), "package main\n");
        let reset = reduce(edited, Action::Reset);
        assert_eq!(reset.source.as_str(), DEFAULT_PROGRAM);
        // Ticks for sessions that do not exist, Stop when idle and jumps to missing
        // diagnostics change nothing.
        let same = reduce(
            reduce(reduce(reset, Action::Tick(42)), Action::Stop),
            Action::JumpTo(3),
        );
        assert_eq!(same.run.phase, Phase::Idle);
        assert_eq!(same.caret, None);
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn gc_settings_rerun_the_program_and_travel_in_the_link() {
        let mut state = run_to_end(PlaygroundState::new(DEFAULT_PROGRAM));
        let gc = GcSettings {
            gogc: 50,
            memlimit: Some(8 << 20),
            barrier: false,
        };
        state = reduce(state, Action::SetGc(gc));
        for _ in 0..10_000 {
            let Some(id) = state.session_id() else { break };
            state = reduce(state, Action::Tick(id));
        }
        assert_eq!(state.run.phase, Phase::Exited(0));
        // The new run's collector has the settings...
        let view = &state.replay.as_ref().expect("recorded").gc().view;
        assert_eq!(
            (view.gogc, view.memory_limit, view.barrier_enabled),
            (50, Some(8 << 20), false)
        );
        // ...and the page's link carries them.
        assert_eq!(state.share().gc, gc);
        // The same settings again change nothing.
        let again = reduce(state.clone(), Action::SetGc(gc));
        assert!(!again.is_running());
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn slices_adapt_within_bounds() {
        assert_eq!(next_slice(100_000, 24.0), 50_000);
        assert_eq!(next_slice(100_000, 6.0), 200_000);
        assert_eq!(
            next_slice(100_000, 1000.0),
            50_000,
            "at most halved per slice"
        );
        assert_eq!(next_slice(100_000, 0.0), 400_000, "a free slice grows by 4");
        assert_eq!(next_slice(MIN_SLICE, 1e9), MIN_SLICE);
        assert_eq!(next_slice(MAX_SLICE, 0.0), MAX_SLICE);
        assert_eq!(next_slice(100_000, f64::NAN), 400_000);
    }
}
