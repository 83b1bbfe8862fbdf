//! The GC views' data model: what the Playground's heap, span and GC-cycle views draw.
//!
//! Plain `Clone + PartialEq + Debug` data, built from a [`Machine`](crate::Machine) by
//! `Machine::gc_view(limit)` (cost proportional to `limit` plus the spans and goroutines, so a
//! small `limit` is cheap on a big heap) and from the recorded trace by [`GcTimeline::build`],
//! the way `runtime::inspect::Timeline` is built: feed it the recorder's `(step, Event)` log
//! (`Recorder::events()`); it reads the `Event::Gc(..)` records (cycle start, phase changes, STW
//! windows with their virtual times, heap samples at each phase change) and nothing else.
//!
//! Contract with the views (branch `gcview`): these types are extended, never renamed. Ids are
//! `ObjRef.0` for objects and span indices for spans; a freed object's id may be reused by a
//! later allocation, so the views key by id *within one view*, never across cycles.

/// The collector's phase (`runtime/mgc.go`'s `gcphase` plus sweep as a phase of its own).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum GcPhase {
    /// `_GCoff` with nothing left to sweep.
    #[default]
    Off,
    /// Stop-the-world sweep termination, before the mark phase starts.
    SweepTermination,
    /// `_GCmark`: concurrent mark, write barrier on.
    Mark,
    /// `_GCmarktermination`: stop-the-world mark termination.
    MarkTermination,
    /// `_GCoff` with unswept spans: the concurrent (background and lazy) sweep.
    Sweep,
}

/// Tri-colour marking state of an object (or of a goroutine's stack).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Colour {
    /// Not (yet) marked: freed at the end of the cycle if still white.
    #[default]
    White,
    /// Marked, on the grey queue, its pointers not yet scanned.
    Grey,
    /// Marked and scanned.
    Black,
}

/// What kind of Go object a heap object is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ObjKind {
    /// An escaping variable / `new(T)` cell of a non-aggregate type.
    Cell,
    /// A `&T{}` / escaping struct.
    Struct,
    /// An escaping array variable.
    Array,
    /// A slice's backing array.
    Slice,
    Map,
    /// Not produced yet: goscope's strings are immutable shared bytes outside the heap.
    String,
    /// A closure's captured-variable list.
    Closure,
    /// Not produced yet: channels live in the machine's channel table (GC roots).
    Chan,
    /// Map iterators, runtime-internal objects.
    Other,
}

/// Why an object is reachable directly (a root reference).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RootKind {
    /// A package-level variable, by name.
    Global(String),
    /// A goroutine's stack (its frames, operand stack and runtime state), by goroutine id.
    Stack(u64),
}

/// One live heap object.
#[derive(Clone, Debug, PartialEq)]
pub struct ObjectView {
    /// `ObjRef.0`.
    pub id: u32,
    pub kind: ObjKind,
    /// Go size in bytes, before rounding to the size class.
    pub size: u64,
    /// Size class (`runtime/sizeclasses.go`), 0 for a large object (> 32 KB) or a tiny block.
    pub class: u8,
    /// Index of the span holding the object.
    pub span: u32,
    pub colour: Colour,
    /// Allocation site, `file.go:line`.
    pub site: String,
    /// Objects this one points to, by id, ascending, without duplicates.
    pub edges: Vec<u32>,
    /// The roots pointing at this object directly.
    pub roots: Vec<RootKind>,
    /// Holds no pointers (never scanned; tiny-allocator candidate when small).
    pub noscan: bool,
}

/// Who holds a span (`mcache.alloc[spc]`, `mcentral.partial/full`, `mheap`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SpanOwner {
    /// Cached by the P of this index.
    Mcache(usize),
    Mcentral,
    /// A large object's span, or one with no class owner.
    Mheap,
}

/// One in-use span (`runtime/mheap.go`'s `mspan`).
#[derive(Clone, Debug, PartialEq)]
pub struct SpanView {
    pub id: u32,
    /// Size class, 0 for a large-object span.
    pub class: u8,
    pub elem_size: u64,
    /// Pages of 8 KB.
    pub npages: u32,
    pub nelems: u32,
    /// Slots in use (`allocCount`).
    pub allocated: u32,
    /// `sweepgen` says this span has been swept this cycle.
    pub swept: bool,
    pub owner: SpanOwner,
}

/// Why an object turned grey (or black) during this step.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ShadeCause {
    /// Marked from a root (globals, a stack scan).
    Root,
    /// Found while scanning a grey object.
    Scan,
    /// The hybrid write barrier shaded the overwritten pointer.
    BarrierOld,
    /// The hybrid write barrier shaded the new pointer (the writer's stack was grey).
    BarrierNew,
    /// Allocated black during mark.
    AllocBlack,
    /// Scanned by a mark assist.
    Assist,
}

/// One shading event.
#[derive(Clone, Debug, PartialEq)]
pub struct Shade {
    pub object: u32,
    pub cause: ShadeCause,
    /// The goroutine whose write, allocation or assist shaded it (None for background work).
    pub goroutine: Option<u64>,
}

/// The whole GC state at one step.
#[derive(Clone, Debug, PartialEq)]
pub struct GcView {
    pub phase: GcPhase,
    /// Completed + current cycles (`NumGC` after this cycle finishes).
    pub cycle: u32,
    /// Live objects, by id ascending; at most `limit` of them.
    pub objects: Vec<ObjectView>,
    /// Live objects in all.
    pub total_objects: usize,
    /// Grey objects waiting to be scanned, in queue order.
    pub grey_queue: Vec<u32>,
    /// In-use spans, by id.
    pub spans: Vec<SpanView>,
    /// Bytes in live (allocated, not yet freed) objects, size-class rounded.
    pub heap_live: u64,
    pub heap_goal: u64,
    /// GOGC (`-1` = off).
    pub gogc: i32,
    /// GOMEMLIMIT, if set.
    pub memory_limit: Option<u64>,
    /// The write barrier is on now (mark phase).
    pub write_barrier_on: bool,
    /// The toggle: false when the run disabled the barrier (the lost-object scenario).
    pub barrier_enabled: bool,
    /// Each live goroutine's stack colour (grey until scanned this cycle, then black).
    pub stacks: Vec<(u64, Colour)>,
    /// Goroutines' assist credit in bytes (negative = in debt).
    pub assists: Vec<(u64, i64)>,
    /// Shadings made by the last step.
    pub shades: Vec<Shade>,
}

/// The heap at one GC event, for the heap-size chart.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct HeapSample {
    pub step: u64,
    pub time_ns: u64,
    pub heap_live: u64,
    pub heap_goal: u64,
    pub phase: GcPhase,
}

/// The run's GC history, built from the recorded `Event::Gc` records.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct GcTimeline {
    pub samples: Vec<HeapSample>,
    /// Stop-the-world windows: start ns, end ns, phase (`SweepTermination` / `MarkTermination`).
    pub stw: Vec<(u64, u64, GcPhase)>,
    /// Cycles: start ns, end ns (end of mark termination).
    pub cycles: Vec<(u64, u64)>,
}

impl GcTimeline {
    /// Builds the timeline from a recorded trace (`Recorder::events()` as `(step, &Event)`):
    /// a heap sample at each cycle start and phase change, the STW windows from their
    /// start/end pairs, and each cycle from its start to the end of its mark termination.
    pub fn build<'a>(events: impl IntoIterator<Item = (u64, &'a crate::Event)>) -> GcTimeline {
        use crate::gc::event::GcEvent;
        let mut t = GcTimeline::default();
        let mut stw_open: Option<(u64, GcPhase)> = None;
        let mut cycle_open: Option<u64> = None;
        for (step, e) in events {
            let crate::Event::Gc(e) = e else { continue };
            match e {
                GcEvent::CycleStart {
                    time_ns,
                    heap_live,
                    heap_goal,
                    ..
                } => {
                    cycle_open = Some(*time_ns);
                    t.samples.push(HeapSample {
                        step,
                        time_ns: *time_ns,
                        heap_live: *heap_live,
                        heap_goal: *heap_goal,
                        phase: GcPhase::SweepTermination,
                    });
                }
                GcEvent::Phase {
                    phase,
                    time_ns,
                    heap_live,
                    heap_goal,
                    ..
                } => {
                    t.samples.push(HeapSample {
                        step,
                        time_ns: *time_ns,
                        heap_live: *heap_live,
                        heap_goal: *heap_goal,
                        phase: *phase,
                    });
                    if *phase == GcPhase::Sweep
                        && let Some(start) = cycle_open.take()
                    {
                        t.cycles.push((start, *time_ns));
                    }
                }
                GcEvent::StwStart { phase, time_ns, .. } => stw_open = Some((*time_ns, *phase)),
                GcEvent::StwEnd { time_ns, .. } => {
                    if let Some((start, phase)) = stw_open.take() {
                        t.stw.push((start, *time_ns, phase));
                    }
                }
                _ => {}
            }
        }
        t
    }
}
