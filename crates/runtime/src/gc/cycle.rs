//! The GC cycle (`runtime/mgc.go`), driven by the machine:
//!
//! 1. **Trigger** — an allocation finds `heap_live ≥ trigger` (the pacer's), or the program
//!    calls `runtime.GC()`.
//! 2. **Sweep termination** (STW, [`STW_SWEEP_TERM_NS`] on the virtual clock for every P):
//!    finish the previous cycle's sweep; reset the mark state.
//! 3. **Mark** (concurrent): the write barrier is on and new objects are allocated black.
//!    Background workers — 25% of GOMAXPROCS (`gcBackgroundUtilization`) — do
//!    [`MARK_BYTES_PER_NS`] of mark work per worker per virtual nanosecond, at every burst end
//!    and clock jump (`gc_tick`). An allocating goroutine is charged `assist_ratio` scan bytes
//!    per byte it allocates; in debt, it first takes background credit, then does the work
//!    itself (at least `gcOverAssistWork` = 64 KB) and is charged the time it takes.
//! 4. **Mark termination** (STW, [`STW_MARK_TERM_NS`]): rescan the runtime tables and drain;
//!    the pacer computes the next goal from the marked heap; mcaches are flushed; every span
//!    becomes unswept; the gctrace line is printed.
//! 5. **Sweep** (concurrent): the background and lazy sweepers free the white objects; once
//!    every span is swept the phase is `Off`.
//!
//! Invariant: no cycle starts while another marks; the mark phase ends only between two
//! instructions (at a burst end or a clock jump), never inside one.

use crate::Machine;
use crate::event::Event;
use crate::gc::event::{GcEvent, GcReason};
use crate::gc::roots::data_refs;
use crate::gc::view::{GcPhase, ObjKind, ShadeCause};
use crate::heap::{ObjData, ObjRef};
use crate::vm::Sink;
use lang::bytecode::FuncId;

/// Mark work one background worker does per virtual nanosecond (bytes).
pub const MARK_BYTES_PER_NS: u64 = 1;
/// Sweep termination's stop-the-world window.
pub const STW_SWEEP_TERM_NS: u64 = 10_000;
/// Mark termination's stop-the-world window.
pub const STW_MARK_TERM_NS: u64 = 20_000;
/// The least work an assist does once in debt (`gcOverAssistWork`).
pub const OVER_ASSIST_WORK: u64 = 64 << 10;

impl Machine {
    fn gc_now_ns(&self) -> u64 {
        self.sched.now().nanos()
    }

    fn procs(&self) -> u64 {
        self.sched.gomaxprocs() as u64
    }

    /// Allocates an object for the current goroutine (`mallocgc`): places it, then triggers
    /// a cycle, or — during mark — shades its contents while the stack is grey and charges
    /// the assist.
    pub(crate) fn gc_alloc(
        &mut self,
        data: ObjData,
        size: u64,
        site: (FuncId, u32),
        kind: ObjKind,
    ) -> ObjRef {
        let p = self.p().index();
        let reused = !self.heap.free_ids.is_empty();
        let r = self.heap.alloc_on(p, data, size, site, kind);
        if reused && let Some(race) = &mut self.race {
            race.detector.forget_object(r.0);
        }
        let added = self.heap.gc.last_alloc_bytes;
        match self.heap.gc.phase {
            GcPhase::Mark => {
                if self.heap.gc.barrier_enabled && self.stack_grey(self.current) {
                    let mut refs = Vec::new();
                    if let Some(o) = self.heap.get(r) {
                        data_refs(&o.data, &mut |x| refs.push(x));
                    }
                    let g = self.goroutines.get(self.current).map(|g| g.id.0);
                    for x in refs {
                        self.heap.shade(x, ShadeCause::BarrierNew, g);
                    }
                }
                self.assist(added);
            }
            GcPhase::Off | GcPhase::Sweep
                if self.heap.gc.heap_live >= self.heap.gc.pacer.trigger =>
            {
                self.gc_start(GcReason::Heap);
            }
            _ => {}
        }
        r
    }

    /// A cycle starts if the heap already passed a (new) trigger (`SetGCPercent` lowering
    /// GOGC triggers at once, as Go's `gcControllerCommit` + `gcStart` check does).
    pub(crate) fn gc_maybe_start(&mut self) {
        let gc = &self.heap.gc;
        if matches!(gc.phase, GcPhase::Off | GcPhase::Sweep) && gc.heap_live >= gc.pacer.trigger {
            self.gc_start(GcReason::Heap);
        }
    }

    /// Charges `bytes` of allocation to the current goroutine's assist credit and pays a
    /// debt with mark work (`gcAssistAlloc`).
    fn assist(&mut self, bytes: u64) {
        let gi = self.current;
        let gc = &mut self.heap.gc;
        if gc.assist_credit.len() <= gi {
            gc.assist_credit.resize(gi + 1, 0);
        }
        gc.assist_credit[gi] -= (bytes as f64 * gc.assist_ratio) as i64;
        if gc.assist_credit[gi] >= 0 {
            return;
        }
        // Steal background credit first (`bgScanCredit`).
        let steal = gc.bg_credit.min(-gc.assist_credit[gi]);
        if steal > 0 {
            gc.bg_credit -= steal;
            gc.assist_credit[gi] += steal;
        }
        if gc.assist_credit[gi] >= 0 {
            return;
        }
        let want = (-gc.assist_credit[gi] as u64).max(OVER_ASSIST_WORK);
        let g = self.goroutines.get(gi).map(|g| g.id.0);
        let done = self.mark_work(want, ShadeCause::Assist, g, Some(gi));
        if done == 0 {
            return;
        }
        self.heap.gc.assist_credit[gi] += done as i64;
        let ns = done / MARK_BYTES_PER_NS;
        self.heap.gc.trace.assist_ns += ns;
        self.heap.gc.gc_cpu_ns += ns;
        // The goroutine's P spends the time: it counts as instructions not yet accounted.
        self.unaccounted += ns.div_ceil(self.sched.config().instruction_ns.max(1));
        self.heap.gc.emit(GcEvent::Assist {
            g: g.unwrap_or(0),
            work: done,
            ns,
        });
    }

    /// Starts cycle n+1: sweep termination, then the mark phase (`gcStart`).
    pub(crate) fn gc_start(&mut self, reason: GcReason) {
        let now = self.gc_now_ns();
        let gc = &mut self.heap.gc;
        let n = gc.cycle + 1;
        gc.emit(GcEvent::CycleStart {
            n,
            reason,
            time_ns: now,
            heap_live: gc.heap_live,
            heap_goal: gc.pacer.goal,
        });
        gc.emit(GcEvent::StwStart {
            n,
            phase: GcPhase::SweepTermination,
            time_ns: now,
        });
        gc.phase = GcPhase::SweepTermination;
        self.heap.sweep_all();
        let procs = self.procs();
        let heap_live = self.heap.gc.heap_live;
        let gc = &mut self.heap.gc;
        gc.cycle = n;
        gc.marked_bytes = 0;
        gc.globals_done = false;
        gc.runtime_done = false;
        gc.stack_cursor = 0;
        gc.grey.clear();
        gc.bg_credit = 0;
        gc.assist_credit.clear();
        let expected = if gc.pacer.heap_marked > 0 {
            gc.pacer.heap_marked
        } else {
            heap_live
        };
        let runway = gc.pacer.goal.saturating_sub(heap_live).max(64 << 10);
        gc.assist_ratio = expected as f64 / runway as f64;
        gc.trace = crate::gc::gctrace::CycleTimes {
            t_sweep_term: now,
            t_mark: now + STW_SWEEP_TERM_NS,
            heap0: heap_live,
            procs,
            forced: reason == GcReason::Forced,
            ..Default::default()
        };
        gc.gc_cpu_ns += STW_SWEEP_TERM_NS * procs;
        gc.stats.pause_total_ns += STW_SWEEP_TERM_NS;
        if reason == GcReason::Forced {
            gc.stats.num_forced_gc += 1;
        }
        self.sched.stop_the_world(STW_SWEEP_TERM_NS);
        let now = self.gc_now_ns();
        let gc = &mut self.heap.gc;
        gc.phase = GcPhase::Mark;
        gc.last_tick_ns = now;
        gc.emit(GcEvent::StwEnd {
            n,
            phase: GcPhase::SweepTermination,
            time_ns: now,
        });
        gc.emit(GcEvent::Phase {
            n,
            phase: GcPhase::Mark,
            time_ns: now,
            heap_live: gc.heap_live,
            heap_goal: gc.pacer.goal,
        });
    }

    /// Background GC work for the virtual time since the last tick (burst ends, clock jumps):
    /// mark workers, then mark termination when the work is done; or the background sweeper.
    pub(crate) fn gc_tick(&mut self, events: &mut Sink<'_>) {
        let phase = self.heap.gc.phase;
        if phase == GcPhase::Off {
            return;
        }
        let now = self.gc_now_ns();
        let dt = now.saturating_sub(self.heap.gc.last_tick_ns);
        self.heap.gc.last_tick_ns = now;
        match phase {
            GcPhase::Mark => {
                // 25% of the Ps' time, in worker-nanoseconds.
                let worker_ns = dt * self.procs() / 4;
                let budget = worker_ns * MARK_BYTES_PER_NS;
                let done = self.mark_work(budget.max(1), ShadeCause::Scan, None, None);
                let gc = &mut self.heap.gc;
                gc.bg_credit += done as i64;
                gc.trace.background_ns += worker_ns;
                gc.gc_cpu_ns += worker_ns;
                if self.mark_complete() {
                    self.mark_termination(events);
                }
            }
            GcPhase::Sweep
                if self
                    .heap
                    .sweep_some(dt / crate::gc::sweep::SWEEP_NS_PER_SPAN + 1) =>
            {
                self.sweep_done();
            }
            _ => {}
        }
    }

    fn sweep_done(&mut self) {
        let now = self.gc_now_ns();
        let gc = &mut self.heap.gc;
        gc.phase = GcPhase::Off;
        gc.emit(GcEvent::Phase {
            n: gc.cycle,
            phase: GcPhase::Off,
            time_ns: now,
            heap_live: gc.heap_live,
            heap_goal: gc.pacer.goal,
        });
    }

    /// Mark termination (`gcMarkDone` + `gcMarkTermination`), between two instructions.
    pub(crate) fn mark_termination(&mut self, events: &mut Sink<'_>) {
        let now = self.gc_now_ns();
        let n = self.heap.gc.cycle;
        self.heap.gc.emit(GcEvent::StwStart {
            n,
            phase: GcPhase::MarkTermination,
            time_ns: now,
        });
        self.heap.gc.phase = GcPhase::MarkTermination;
        self.heap.gc.trace.t_mark_term = now;
        // The runtime tables are rescanned (see `roots`); everything grey is drained.
        self.heap.gc.phase = GcPhase::Mark;
        self.scan_runtime_roots();
        self.mark_work(u64::MAX, ShadeCause::Scan, None, None);
        self.heap.gc.phase = GcPhase::MarkTermination;
        if self.heap.gc.check {
            let lost = crate::gc::invariant::reachable_white(self);
            self.heap.gc.lost.extend(lost.into_iter().map(|id| (n, id)));
        }
        let procs = self.procs();
        self.sched.stop_the_world(STW_MARK_TERM_NS);
        let end = self.gc_now_ns();
        self.heap.flush_mcaches();
        let gc = &mut self.heap.gc;
        for c in &mut gc.central {
            let full = std::mem::take(&mut c.full);
            c.partial.extend(full);
        }
        gc.sweepgen += 1;
        gc.sweep_cursor = 0;
        gc.pacer.heap_marked = gc.marked_bytes;
        gc.trace.heap1 = gc.heap_live;
        gc.trace.heap2 = gc.marked_bytes;
        // `gcController.resetLive`: what is live now is what was marked; the sweep's frees
        // are of objects this count no longer includes.
        gc.heap_live = gc.marked_bytes;
        gc.trace.goal = gc.pacer.goal;
        gc.trace.t_end = end;
        gc.pacer.commit();
        gc.stats.num_gc += 1;
        gc.gc_cpu_ns += STW_MARK_TERM_NS * procs;
        gc.stats.pause_total_ns += STW_MARK_TERM_NS;
        gc.assist_credit.clear();
        gc.grey.clear();
        gc.phase = GcPhase::Sweep;
        gc.last_tick_ns = end;
        if gc.gctrace {
            let util = (gc.gc_cpu_ns * 100).checked_div(end * procs).unwrap_or(0);
            let line = crate::gc::gctrace::line(n, &gc.trace, util);
            let g = self
                .goroutines
                .get(self.current)
                .map_or(crate::goroutine::GoId(1), |g| g.id);
            events.push(Event::Stderr {
                g,
                text: line.into_bytes(),
            });
        }
        let gc = &mut self.heap.gc;
        gc.emit(GcEvent::StwEnd {
            n,
            phase: GcPhase::MarkTermination,
            time_ns: end,
        });
        gc.emit(GcEvent::Phase {
            n,
            phase: GcPhase::Sweep,
            time_ns: end,
            heap_live: gc.heap_live,
            heap_goal: gc.pacer.goal,
        });
    }

    /// `runtime.ReadMemStats`: the fields of `lang::pkgtypes::MEMSTATS_FIELDS`, in order.
    pub(crate) fn mem_stats(&self) -> Vec<crate::value::Value> {
        use crate::value::Value::Int;
        let heap = &self.heap;
        let gc = &heap.gc;
        let pages = (gc.pages_in_use * crate::gc::sizeclass::PAGE_SIZE) as i64;
        let v = [
            gc.heap_live as i64,
            heap.allocated as i64,
            pages,
            gc.stats.mallocs as i64,
            gc.stats.frees as i64,
            gc.heap_live as i64,
            pages,
            0,
            pages,
            heap.live_objects() as i64,
            gc.pacer.goal.min(i64::MAX as u64) as i64,
            gc.stats.pause_total_ns as i64,
            gc.stats.num_gc as i64,
            gc.stats.num_forced_gc as i64,
        ];
        debug_assert_eq!(v.len(), lang::pkgtypes::MEMSTATS_FIELDS.len());
        v.into_iter().map(Int).collect()
    }

    /// A whole cycle between two steps, as `runtime.GC()` runs one — for benchmarks and tools
    /// (the GC view's "collect now"). Returns the objects it marked.
    pub fn collect_now(&mut self) -> u64 {
        let before = self.heap.gc.stats.marked_objects;
        let mut events = Vec::new();
        let mut sink = Sink {
            events: &mut events,
            steps: None,
            now: self.steps,
            record: false,
        };
        self.gc_forced(&mut sink);
        self.heap.gc.stats.marked_objects - before
    }

    /// `runtime.GC()`: finishes a cycle in progress, runs a full one, and sweeps everything
    /// before returning, as Go's does. The caller is inside a native call with no operands
    /// popped, so its own stack may be scanned.
    pub(crate) fn gc_forced(&mut self, events: &mut Sink<'_>) {
        if self.heap.gc.phase == GcPhase::Mark {
            self.mark_work(u64::MAX, ShadeCause::Scan, None, None);
            self.mark_termination(events);
        }
        self.gc_start(GcReason::Forced);
        let work = self.mark_work(u64::MAX, ShadeCause::Scan, None, None);
        // The caller waits while the workers mark: the clock moves by the work spread over
        // the background workers.
        let ns = work / MARK_BYTES_PER_NS / (self.procs() / 4).max(1);
        self.sched.stop_the_world(ns);
        self.heap.gc.trace.background_ns += ns * (self.procs() / 4).max(1);
        self.heap.gc.gc_cpu_ns += ns * (self.procs() / 4).max(1);
        self.mark_termination(events);
        self.heap.sweep_all();
        self.sweep_done();
        self.heap.gc.last_tick_ns = self.gc_now_ns();
    }
}
