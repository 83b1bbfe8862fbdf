//! The public way to run a program: [`run`] for a whole run, [`Execution`] to run in slices
//! (so a UI can show progress and stop a runaway program).
//!
//! Exit statuses follow `go build` + running the binary: compile errors exit 1 with
//! `# command-line-arguments` and the diagnostics on stderr (paths as `./prog.go:6:2`); panics
//! and fatal errors exit 2; `os.Exit(n)` exits n. stderr holds exactly what the program binary
//! writes: `go run` adds an `exit status N` line of its own, which is the CLI's business.
//!
//! Resource budgets (live goroutines, heap bytes) are checked between chunks of steps and end
//! the run the same way, with a `goscope: ...` line (see [`crate::budget`]).
//!
//! Step budget: when `max_steps` instructions have run and the program is still going, the
//! run ends with `goscope: program exceeded its budget of N steps (infinite loop?)` on stderr
//! and exit status 2 ([`BUDGET_EXIT_CODE`]).

use crate::event::Event;
use crate::machine::Machine;
use lang::Diagnostic;
use std::rc::Rc;

/// Exit status when the step budget is exhausted (like a crash: 2).
pub const BUDGET_EXIT_CODE: i32 = 2;

/// Output budget (stdout and stderr together): a program printing more is stopped with
/// `goscope: program output exceeded N bytes`, exit status 2, so a runaway printer cannot
/// exhaust the browser's memory.
pub const MAX_OUTPUT_BYTES: usize = 16 << 20;

/// An output stream decoded incrementally: bytes become text as soon as they form complete
/// UTF-8 sequences (invalid bytes become U+FFFD, as `String::from_utf8_lossy` would).
#[derive(Clone, Debug, Default)]
struct Output {
    text: String,
    /// Bytes of an incomplete UTF-8 sequence at the end.
    pending: Vec<u8>,
    total: usize,
}

impl Output {
    fn push(&mut self, bytes: &[u8]) {
        self.total += bytes.len();
        self.pending.extend_from_slice(bytes);
        loop {
            match std::str::from_utf8(&self.pending) {
                Ok(s) => {
                    self.text.push_str(s);
                    self.pending.clear();
                    return;
                }
                Err(e) => {
                    let valid = e.valid_up_to();
                    self.text
                        .push_str(std::str::from_utf8(&self.pending[..valid]).unwrap_or(""));
                    match e.error_len() {
                        // Incomplete sequence at the end: wait for more bytes.
                        None => {
                            self.pending.drain(..valid);
                            return;
                        }
                        Some(n) => {
                            self.text.push('\u{FFFD}');
                            self.pending.drain(..valid + n);
                        }
                    }
                }
            }
        }
    }

    /// The text including a trailing incomplete sequence (as U+FFFD).
    fn finish(mut self) -> String {
        if !self.pending.is_empty() {
            self.text.push_str(&String::from_utf8_lossy(&self.pending));
        }
        self.text
    }
}

/// How many events [`Execution::trace`] keeps (the rest are counted, not stored).
pub const MAX_TRACE_EVENTS: usize = 20_000;

/// Options of a run.
#[derive(Clone, Debug)]
pub struct RunConfig {
    /// Seed of the `sim::Chooser` deciding every nondeterministic choice.
    pub seed: u64,
    /// Step (instruction) budget.
    pub max_steps: u64,
    /// Number of Ps (`GOMAXPROCS`). Go's default is the machine's CPU count; goscope simulates
    /// a machine with [`SIMULATED_NUM_CPU`] CPUs, so that is the default.
    pub gomaxprocs: usize,
    /// How long a goroutine may run before the scheduler preempts it, in virtual ns: Go's
    /// `forcePreemptNS`, 10 ms. Shorter slices show preemption in short programs.
    pub time_slice_ns: u64,
    /// Race detection (`go run -race`): happens-before tracking, `WARNING: DATA RACE`
    /// reports, racy loads choosing among visible stores, exit status 66 (see `race`).
    pub race: bool,
    /// The collector's settings (GOGC, GOMEMLIMIT, gctrace, the write-barrier toggle).
    pub gc: GcConfig,
    /// Collect CPU, allocation and scheduler-latency profiles (`goscope run -cpuprofile`);
    /// `None`, the default, costs nothing. Never changes the run (see `profile`).
    pub profile: Option<crate::profile::ProfileConfig>,
}

/// The collector's settings for a run (see [`crate::gc`]).
#[derive(Clone, Debug, PartialEq)]
pub struct GcConfig {
    /// GOGC (`-1` = off).
    pub gogc: i32,
    /// GOMEMLIMIT in bytes.
    pub memory_limit: Option<u64>,
    /// `GODEBUG=gctrace=1`.
    pub gctrace: bool,
    /// The hybrid write barrier; off only to show the object it then loses.
    pub write_barrier: bool,
    /// Check at every mark termination that no reachable object is left white (tests; a
    /// full heap traversal per cycle). Findings: `machine().heap().gc.lost`.
    pub check: bool,
}

impl Default for GcConfig {
    fn default() -> Self {
        GcConfig {
            gogc: 100,
            memory_limit: None,
            gctrace: false,
            write_barrier: true,
            check: false,
        }
    }
}

/// `runtime.NumCPU()` of the simulated machine, and the default GOMAXPROCS: 4 — enough Ps to
/// show parallelism, stealing and idle Ps in a view, few enough to draw.
pub const SIMULATED_NUM_CPU: usize = 4;

impl Default for RunConfig {
    fn default() -> Self {
        RunConfig {
            seed: 1,
            max_steps: 50_000_000,
            gomaxprocs: SIMULATED_NUM_CPU,
            time_slice_ns: crate::sched::DEFAULT_TIME_SLICE_NS,
            race: false,
            gc: GcConfig::default(),
            profile: None,
        }
    }
}

/// What a finished run printed and how it ended.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RunOutput {
    pub stdout: String,
    pub stderr: String,
    pub exit_code: i32,
    /// Compile errors (empty if the program compiled).
    pub diagnostics: Vec<Diagnostic>,
    /// Instructions executed.
    pub steps: u64,
}

/// Formats compile errors as `go build` does.
pub fn compile_error_output(filename: &str, diagnostics: Vec<Diagnostic>) -> RunOutput {
    let mut stderr = String::new();
    // `go build` reports a missing std package itself, without the compiler's header.
    let go_command = diagnostics.iter().all(|d| {
        d.message.contains("is not in std") || d.message.starts_with("expected 'package'")
    });
    let path =
        if filename.starts_with('/') || filename.starts_with("./") || filename.starts_with("../") {
            filename.to_string()
        } else {
            format!("./{filename}")
        };
    if !go_command {
        stderr.push_str("# command-line-arguments\n");
    }
    for d in &diagnostics {
        if go_command {
            stderr.push_str(&d.render(filename));
        } else {
            stderr.push_str(&d.render(&path));
        }
        stderr.push('\n');
    }
    RunOutput {
        stdout: String::new(),
        stderr,
        exit_code: 1,
        diagnostics,
        steps: 0,
    }
}

/// Compiles and runs `source` to completion (or until the budget is used). Nobody reads its
/// events, so the machine records none but the output (see `Machine::set_recording`).
pub fn run(filename: &str, source: &str, config: &RunConfig) -> RunOutput {
    match Execution::start(filename, source, config) {
        Ok(e) => {
            let mut e = e.without_trace();
            while !e.advance(1 << 20) {}
            e.finish()
        }
        Err(out) => out,
    }
}

/// A program being run in slices.
pub struct Execution {
    machine: Machine,
    chooser: sim::Chooser,
    config: RunConfig,
    stdout: Output,
    stderr: Output,
    events: Vec<(u64, Event)>,
    dropped_events: u64,
    scratch: Vec<Event>,
    scratch_steps: Vec<u64>,
    /// Keep events (the first [`MAX_TRACE_EVENTS`]); off after [`Execution::without_trace`].
    keep_trace: bool,
    finished: bool,
    exit_code: i32,
}

impl Execution {
    /// Compiles `source`; on compile errors returns the `go build`-style output.
    pub fn start(filename: &str, source: &str, config: &RunConfig) -> Result<Execution, RunOutput> {
        let program = lang::compile(source).map_err(|d| compile_error_output(filename, d))?;
        let mut machine = Machine::new(Rc::new(program), filename);
        machine.set_seed(config.seed);
        machine.configure(config);
        Ok(Execution {
            machine,
            chooser: sim::Chooser::new(config.seed),
            config: config.clone(),
            stdout: Output::default(),
            stderr: Output::default(),
            events: Vec::new(),
            dropped_events: 0,
            scratch: Vec::new(),
            scratch_steps: Vec::new(),
            keep_trace: true,
            finished: false,
            exit_code: 0,
        })
    }

    /// Answers every choice with `chooser` instead of the seed's (call before the first
    /// [`advance`](Execution::advance)): how the explorer runs a schedule prefix and how a
    /// recorded schedule is replayed (`sim::Chooser::replay`).
    pub fn with_chooser(mut self, chooser: sim::Chooser) -> Execution {
        self.machine.set_chooser(chooser);
        self
    }

    /// Keeps no trace: the machine reports only output (`Machine::set_recording(false)`), so
    /// [`events`](Execution::events) and [`trace`](Execution::trace) stay empty, and no
    /// schedule ([`schedule`](Execution::schedule) is only the seed). The run's output, exit
    /// status and steps are the same as with the trace.
    pub fn without_trace(mut self) -> Execution {
        self.machine.set_recording(false);
        self.keep_trace = false;
        self
    }

    /// Explorer mode (see `explore`): every shared-memory access is a scheduling point.
    pub fn with_access_points(mut self) -> Execution {
        self.machine.set_access_points(true);
        self
    }

    /// The choices made so far, with the seed: replaying it reproduces this run.
    pub fn schedule(&self) -> sim::Schedule {
        self.machine.schedule()
    }

    /// Runs up to `max_steps` more steps. Returns true once the program has finished (exit,
    /// panic, fatal error or budget exhausted).
    pub fn advance(&mut self, max_steps: u64) -> bool {
        if self.finished {
            return true;
        }
        let remaining = self.config.max_steps.saturating_sub(self.machine.steps());
        let slice = max_steps.min(remaining);
        let _ = &mut self.chooser; // all choices of later slices go through it
        // In chunks, so a runaway program is stopped near a resource budget (see `budget`).
        let end = self.machine.steps() + slice;
        let over = loop {
            let chunk = (end - self.machine.steps()).min(crate::budget::CHECK_EVERY);
            self.machine
                .run_slice_marked(chunk, &mut self.scratch, Some(&mut self.scratch_steps));
            // Taken after every chunk, so the scratch buffers stay small and hot in the cache.
            self.take_scratch();
            let over = crate::budget::exceeded(&self.machine);
            if over.is_some() || self.machine.finished() || self.machine.steps() >= end {
                break over;
            }
        };
        let step = self.machine.steps();
        if let Some(code) = self.machine.exit_code() {
            self.finished = true;
            self.exit_code = code;
            if let Some(n) = self.machine.races_found().filter(|n| *n > 0)
                && matches!(self.machine.outcome(), Some(crate::Outcome::Exit(_)))
            {
                // `racefini`: the summary, and exit status 66 for a racy program.
                self.stderr.push(crate::race::report::summary(n).as_bytes());
                self.exit_code = crate::race::report::RACE_EXIT_CODE;
            }
        } else if let Some(msg) = over {
            self.finished = true;
            self.exit_code = BUDGET_EXIT_CODE;
            self.stderr.push(format!("{msg}\n").as_bytes());
            if self.keep_trace && self.events.len() < MAX_TRACE_EVENTS {
                self.events.push((step, Event::Fatal { message: msg }));
            }
        } else if self.stdout.total + self.stderr.total > MAX_OUTPUT_BYTES {
            self.finished = true;
            self.exit_code = BUDGET_EXIT_CODE;
            let msg = format!("goscope: program output exceeded {MAX_OUTPUT_BYTES} bytes\n");
            self.stderr.push(msg.as_bytes());
            if self.keep_trace && self.events.len() < MAX_TRACE_EVENTS {
                self.events.push((
                    step,
                    Event::Fatal {
                        message: "output budget exhausted".into(),
                    },
                ));
            }
        } else if self.machine.steps() >= self.config.max_steps {
            self.finished = true;
            self.exit_code = BUDGET_EXIT_CODE;
            let msg = format!(
                "goscope: program exceeded its budget of {} steps (infinite loop?)\n",
                self.config.max_steps
            );
            self.stderr.push(msg.as_bytes());
            let ev = Event::Fatal {
                message: format!("step budget of {} exhausted", self.config.max_steps),
            };
            if self.keep_trace && self.events.len() < MAX_TRACE_EVENTS {
                self.events.push((step, ev));
            }
        }
        self.finished
    }

    /// Moves the machine's new events into the output streams and the kept trace.
    fn take_scratch(&mut self) {
        for (e, at) in self.scratch.drain(..).zip(self.scratch_steps.drain(..)) {
            match &e {
                Event::Stdout { text, .. } => self.stdout.push(text),
                Event::Stderr { text, .. } => self.stderr.push(text),
                _ => {}
            }
            if !self.keep_trace {
                continue;
            }
            if self.events.len() < MAX_TRACE_EVENTS {
                self.events.push((at, e));
            } else {
                self.dropped_events += 1;
            }
        }
    }

    pub fn stdout(&self) -> &str {
        &self.stdout.text
    }

    pub fn stderr(&self) -> &str {
        &self.stderr.text
    }

    /// Instructions executed so far.
    pub fn steps(&self) -> u64 {
        self.machine.steps()
    }

    pub fn finished(&self) -> bool {
        self.finished
    }

    /// The profiles collected so far (when `RunConfig::profile` asked for them).
    pub fn profiler(&self) -> Option<&crate::profile::Profiler> {
        self.machine.profiler()
    }

    /// The machine (for views).
    pub fn machine(&self) -> &Machine {
        &self.machine
    }

    pub fn finish(mut self) -> RunOutput {
        if !self.finished {
            // Not finished: report what happened so far as a budget stop.
            let max = self.machine.steps();
            self.config.max_steps = max;
            self.advance(0);
        }
        RunOutput {
            stdout: self.stdout.finish(),
            stderr: self.stderr.finish(),
            exit_code: self.exit_code,
            diagnostics: Vec::new(),
            steps: self.machine.steps(),
        }
    }

    /// The kept events with the step each happened at (at most [`MAX_TRACE_EVENTS`]).
    pub fn events(&self) -> &[(u64, Event)] {
        &self.events
    }

    /// Events produced but not kept.
    pub fn dropped_events(&self) -> u64 {
        self.dropped_events
    }

    /// The event log: one line per event, `{step:<6} {event}` (the `sim::Recorder` format).
    pub fn trace(&self) -> String {
        let mut out = String::new();
        for (step, e) in &self.events {
            out.push_str(&format!("{step:<6} {e}\n"));
        }
        if self.dropped_events > 0 {
            out.push_str(&format!(
                "... {} more events not kept\n",
                self.dropped_events
            ));
        }
        out
    }
}
