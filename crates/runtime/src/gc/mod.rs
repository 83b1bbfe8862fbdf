//! The program's heap allocator and garbage collector, modelled on Go's runtime (issue 6).
//!
//! Allocation (`malloc.go`): [`malloc`] picks the path (tiny / small / large) and the size
//! class from [`sizeclass`] (Go's table as data); a slot comes from the P's [`mcache`], which
//! refills from the class's [`mcentral`], which grows from the [`mheap`] in 8 KB pages;
//! [`mspan`] is a span of slots. Collection (`mgc.go`): [`cycle`] runs Go's phases — sweep
//! termination (STW), concurrent mark with background workers (25% of GOMAXPROCS, as mark
//! work per unit of virtual time) and assists charged to allocating goroutines, mark
//! termination (STW), then concurrent and lazy [`sweep`]; [`mark`] is the grey queue, shade and
//! scan; [`roots`] visits every value outside the heap; [`barrier`] is the hybrid write
//! barrier; [`pacer`] sets the heap goal from GOGC and GOMEMLIMIT; [`gctrace`] prints
//! `GODEBUG=gctrace=1` lines; [`invariant`] checks the tri-colour invariant and that no
//! reachable object is freed; [`view`] is the views' data model.
//!
//! Architecture invariants: the collector's decisions read only machine state and the virtual
//! clock (no wall clock, no hash-map order), never the trace, so a recorded run and a plain one
//! are the same run; a program that never reaches the first heap goal (4 MB) never starts a
//! cycle, so its trace is unchanged by the collector.

pub mod barrier;
pub mod cycle;
pub mod event;
pub mod gctrace;
pub mod invariant;
pub mod malloc;
pub mod mark;
pub mod mcache;
pub mod mcentral;
pub mod mheap;
pub mod mspan;
pub mod pacer;
pub mod roots;
pub mod sizeclass;
pub mod sweep;
pub mod tiny;
pub mod view;
mod view_build;
mod view_focus;

use event::GcEvent;
use view::{GcPhase, Shade};

/// `runtime.MemStats`' counters goscope keeps.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct MemStats {
    pub num_gc: u32,
    pub mallocs: u64,
    pub frees: u64,
    /// Cycles started by `runtime.GC()`.
    pub num_forced_gc: u32,
    /// Stop-the-world time so far (`PauseTotalNs`).
    pub pause_total_ns: u64,
    /// Objects shaded by the collector so far (allocated-black ones not counted).
    pub marked_objects: u64,
}

/// The collector's and allocator's whole state (part of the heap, so a machine clone is a
/// snapshot of it too).
#[derive(Clone, Debug)]
pub struct Gc {
    pub phase: GcPhase,
    /// Cycles started so far (the current one's number during a cycle).
    pub cycle: u32,
    /// Incremented at each mark termination: a span with an older `sweepgen` is unswept.
    pub sweepgen: u32,
    pub spans: Vec<mspan::MSpan>,
    pub(crate) free_spans: Vec<u32>,
    pub central: Vec<mcentral::MCentral>,
    pub caches: Vec<mcache::MCache>,
    pub pages_in_use: u64,
    /// Slot bytes in use (`heapLive`).
    pub heap_live: u64,
    /// Slot bytes the last allocation added to `heap_live` (0 inside a tiny block).
    pub(crate) last_alloc_bytes: u64,
    /// Bytes marked this cycle (shaded or allocated black).
    pub marked_bytes: u64,
    pub pacer: pacer::Pacer,
    /// Grey objects to scan (a LIFO work list, as `gcWork`'s buffers mostly are).
    pub grey: Vec<u32>,
    /// Root jobs of this cycle: globals scanned; runtime tables scanned; next goroutine
    /// (index) whose stack the workers scan.
    pub(crate) globals_done: bool,
    pub(crate) runtime_done: bool,
    pub(crate) stack_cursor: usize,
    /// The cycle in which each goroutine's stack (by index) was scanned.
    pub(crate) stack_scanned: Vec<u32>,
    /// The write barrier may run (false: the lost-object scenario's toggle).
    pub barrier_enabled: bool,
    /// Assist credit in scan bytes by goroutine index (negative = debt).
    pub(crate) assist_credit: Vec<i64>,
    /// Background work not yet claimed by assists (`bgScanCredit`).
    pub(crate) bg_credit: i64,
    /// Scan work per allocated byte this cycle (`assistWorkPerByte`).
    pub(crate) assist_ratio: f64,
    /// Virtual time of the last background tick.
    pub(crate) last_tick_ns: u64,
    /// Next span id the background sweeper looks at.
    pub(crate) sweep_cursor: usize,
    pub stats: MemStats,
    /// `GODEBUG=gctrace=1`.
    pub gctrace: bool,
    /// Check at each mark termination that every reachable object is marked (tests).
    pub check: bool,
    /// Objects the check found reachable but white at a mark termination: (cycle, id).
    pub lost: Vec<(u32, u32)>,
    /// The current cycle's figures for gctrace.
    pub(crate) trace: gctrace::CycleTimes,
    pub(crate) gc_cpu_ns: u64,
    /// Recording on: build events and shadings.
    pub(crate) record: bool,
    /// Events not yet passed to the trace, each with the step that made it (a pointer store
    /// does not end a burst, so its shade reaches the trace at the next flush).
    pub(crate) events: Vec<(u64, GcEvent)>,
    /// Shadings of the step `shades_step`.
    pub(crate) shades: Vec<Shade>,
    pub(crate) shades_step: u64,
    /// The step being executed (kept by the VM's dispatch loop, as its trace `Sink::now` is).
    pub(crate) step: u64,
    /// Scratch buffer for scanning.
    pub(crate) scratch: Vec<u32>,
}

impl Default for Gc {
    fn default() -> Self {
        Gc {
            phase: GcPhase::Off,
            cycle: 0,
            sweepgen: 0,
            spans: Vec::new(),
            free_spans: Vec::new(),
            central: vec![mcentral::MCentral::default(); sizeclass::NUM_SIZE_CLASSES],
            caches: Vec::new(),
            pages_in_use: 0,
            heap_live: 0,
            last_alloc_bytes: 0,
            marked_bytes: 0,
            pacer: pacer::Pacer::default(),
            grey: Vec::new(),
            globals_done: false,
            runtime_done: false,
            stack_cursor: 0,
            stack_scanned: Vec::new(),
            barrier_enabled: true,
            assist_credit: Vec::new(),
            bg_credit: 0,
            assist_ratio: 0.0,
            last_tick_ns: 0,
            sweep_cursor: 0,
            stats: MemStats::default(),
            gctrace: false,
            check: false,
            lost: Vec::new(),
            trace: gctrace::CycleTimes::default(),
            gc_cpu_ns: 0,
            record: true,
            events: Vec::new(),
            shades: Vec::new(),
            shades_step: 0,
            step: 0,
            scratch: Vec::new(),
        }
    }
}

impl Gc {
    pub(crate) fn emit(&mut self, e: GcEvent) {
        if self.record {
            self.events.push((self.step, e));
        }
    }

    pub(crate) fn note_shade(&mut self, s: Shade) {
        if !self.record {
            return;
        }
        if self.shades_step != self.step {
            self.shades.clear();
            self.shades_step = self.step;
        }
        // Bounded: a big scan in one step keeps the first shadings only.
        if self.shades.len() < 4096 {
            self.shades.push(s);
        }
    }

    /// Is the write barrier on now?
    pub fn write_barrier_on(&self) -> bool {
        self.phase == GcPhase::Mark && self.barrier_enabled
    }
}
