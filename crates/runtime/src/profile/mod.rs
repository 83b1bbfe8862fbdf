//! Profiles of the simulated program, as `go tool pprof` shows a real one (chapter 2.2,
//! "pprof first, not more machines"): CPU by function and line ([`cpu`]), allocations by site
//! and stack ([`alloc`]), and the scheduler latency histogram ([`latency`]); [`report`] turns
//! them into pprof's top table, per-line counts and flame-graph rows, [`pprof`] into
//! `profile.proto` bytes that the real `go tool pprof` opens.
//!
//! On only when asked (`RunConfig::profile`, `goscope run -cpuprofile`): the machine then
//! holds a boxed [`Profiler`]; off, every hook is one `is_some()` test outside the
//! instruction loop and `Heap::alloc` logs nothing. *Invariant*: profiling observes and never
//! decides — a profiled run prints, exits and counts steps exactly as an unprofiled one
//! (`tests/recording.rs` checks the corpus), and the same program and seed give the same
//! profile.
//!
//! Everything is in virtual time: a sample is a point of a P's virtual CPU clock, a latency
//! a difference of the virtual clock. That is what makes the profiles exact and repeatable,
//! and what differs from Go, whose profiles sample real time on real threads.

pub mod alloc;
pub mod cpu;
pub mod latency;
pub mod pprof;
pub mod report;
pub mod tree;

pub use cpu::DEFAULT_PERIOD_NS;
pub use latency::{Histogram, SchedLatency};
pub use tree::{CallTree, Node, ProfFrame};

use crate::machine::Machine;
use lang::bytecode::Program;

/// What to profile (`RunConfig::profile`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ProfileConfig {
    /// CPU sampling period in virtual nanoseconds of a P's CPU time.
    pub cpu_period_ns: u64,
}

impl Default for ProfileConfig {
    fn default() -> Self {
        ProfileConfig {
            cpu_period_ns: DEFAULT_PERIOD_NS,
        }
    }
}

/// The profiles being collected, inside the machine (so a checkpoint clone holds the
/// profile up to its step, and seeking shows the profile so far).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Profiler {
    pub cpu: cpu::CpuProfiler,
    pub alloc: alloc::AllocProfiler,
    pub latency: SchedLatency,
    /// Scheduler events already passed to `latency` (an index into `Machine::sched_events`).
    sched_seen: usize,
}

impl Profiler {
    pub fn new(config: ProfileConfig) -> Profiler {
        Profiler {
            cpu: cpu::CpuProfiler::new(config.cpu_period_ns),
            alloc: alloc::AllocProfiler::default(),
            latency: SchedLatency::default(),
            sched_seen: 0,
        }
    }

    /// Rough heap bytes (for `Machine::approx_bytes`).
    pub fn approx_bytes(&self) -> usize {
        self.cpu.tree.approx_bytes() + self.alloc.tree.approx_bytes() + self.latency.approx_bytes()
    }
}

/// The line a frame is at: the instruction at `pc` for the innermost frame (about to run, or
/// allocating), the call before the return address `pc` for a caller.
fn frame_at(
    program: &Program,
    func: lang::bytecode::FuncId,
    pc: u32,
    innermost: bool,
) -> ProfFrame {
    let f = program.function(func);
    let at = if innermost { pc } else { pc.saturating_sub(1) };
    let line = f.pos.get(at as usize).map_or(f.decl.line, |p| p.line);
    ProfFrame { func, line }
}

impl Machine {
    /// Turns profiling on (before the program runs) or off.
    pub fn set_profiling(&mut self, config: Option<ProfileConfig>) {
        self.profile = config.map(|c| Box::new(Profiler::new(c)));
        self.heap.alloc_log = config.map(|_| Vec::new());
    }

    /// The profiles so far, if profiling is on.
    pub fn profiler(&self) -> Option<&Profiler> {
        self.profile.as_deref()
    }

    /// The CPU profile so far as `profile.proto` bytes (not gzipped; see [`pprof`]).
    pub fn cpu_pprof(&self) -> Option<Vec<u8>> {
        let p = self.profile.as_deref()?;
        let kind = pprof::Kind::Cpu {
            period_ns: p.cpu.period_ns(),
        };
        let now = self.sched.now().nanos();
        Some(pprof::encode(
            &p.cpu.tree,
            &self.program,
            &self.file,
            kind,
            now,
        ))
    }

    /// The allocation profile so far as `profile.proto` bytes (not gzipped).
    pub fn alloc_pprof(&self) -> Option<Vec<u8>> {
        let p = self.profile.as_deref()?;
        let now = self.sched.now().nanos();
        Some(pprof::encode(
            &p.alloc.tree,
            &self.program,
            &self.file,
            pprof::Kind::Alloc,
            now,
        ))
    }

    /// Before running instructions of the current goroutine on `p`: takes the CPU samples
    /// due at the next instruction and attributes allocations made outside any goroutine's
    /// instructions (timers); returns how many instructions may run before the next sample.
    pub(crate) fn profile_before_run(&mut self, p: usize) -> u64 {
        let ins = self.sched.config().instruction_ns;
        let program = self.program.clone();
        self.profile_allocs(&program, usize::MAX);
        let Some(prof) = self.profile.as_deref_mut() else {
            return u64::MAX;
        };
        let n = prof.cpu.due(p, ins);
        if n > 0
            && let Some(g) = self.goroutines.get(self.current)
        {
            let last = g.frames.len().saturating_sub(1);
            let stack = g
                .frames
                .iter()
                .enumerate()
                .map(|(i, f)| frame_at(&program, f.func, f.pc, i == last));
            prof.cpu.sample(stack, n);
        }
        prof.cpu.runway(p, ins).max(1)
    }

    /// After `ran` instructions on `p`, which began with `depth` frames: the CPU clock moves,
    /// the stretch's allocations get their stacks.
    pub(crate) fn profile_after_run(&mut self, p: usize, ran: u64, depth: usize) {
        let ins = self.sched.config().instruction_ns;
        if let Some(prof) = self.profile.as_deref_mut() {
            prof.cpu.ran(p, ran, ins);
        }
        let program = self.program.clone();
        self.profile_allocs(&program, depth.saturating_sub(1));
    }

    /// Moves logged allocations into the profile: each at its site, under the current
    /// goroutine's first `callers` frames (none for `usize::MAX`: made by the runtime).
    fn profile_allocs(&mut self, program: &Program, callers: usize) {
        let Some(log) = self.heap.alloc_log.as_mut().filter(|l| !l.is_empty()) else {
            return;
        };
        let log = std::mem::take(log);
        let Some(prof) = self.profile.as_deref_mut() else {
            return;
        };
        let outer: Vec<ProfFrame> = match self.goroutines.get(self.current) {
            Some(g) if callers != usize::MAX => g.frames[..callers.min(g.frames.len())]
                .iter()
                .map(|f| frame_at(program, f.func, f.pc, false))
                .collect(),
            _ => Vec::new(),
        };
        for (bytes, (func, pc)) in &log {
            let site = frame_at(program, *func, *pc, true);
            prof.alloc
                .record(outer.iter().copied().chain(std::iter::once(site)), *bytes);
        }
        // Keep the buffer's capacity for the next stretch.
        if let Some(l) = self.heap.alloc_log.as_mut() {
            let mut log = log;
            log.clear();
            *l = log;
        }
    }

    /// Passes the scheduler decisions made since the last call to the latency histogram, at
    /// the current virtual time (called before the clock moves and before events are drained).
    pub(crate) fn profile_sched(&mut self) {
        let Some(prof) = self.profile.as_deref_mut() else {
            return;
        };
        let new = self.sched_events.get(prof.sched_seen..).unwrap_or_default();
        prof.latency.observe(new, self.sched.now());
        prof.sched_seen = self.sched_events.len();
    }

    /// The scheduler's events were drained: start over at index 0.
    pub(crate) fn profile_sched_drained(&mut self) {
        if let Some(prof) = self.profile.as_deref_mut() {
            prof.sched_seen = 0;
        }
    }
}
