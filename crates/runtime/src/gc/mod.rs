//! The garbage collector and allocator of the simulated heap (issue 6), modelled on Go's
//! `runtime/malloc.go`, `mheap.go`, `mgc.go` and friends.

pub mod event;
pub mod view;

use crate::Machine;
use view::{GcPhase, GcView};

impl Machine {
    /// The GC views' model at this step (see [`view`]); at most `limit` objects are listed.
    pub fn gc_view(&self, limit: usize) -> GcView {
        let _ = limit;
        GcView {
            phase: GcPhase::Off,
            cycle: 0,
            objects: Vec::new(),
            total_objects: self.heap.objects.len(),
            grey_queue: Vec::new(),
            spans: Vec::new(),
            heap_live: self.heap.allocated,
            heap_goal: 4 << 20,
            gogc: 100,
            memory_limit: None,
            write_barrier_on: false,
            barrier_enabled: true,
            stacks: Vec::new(),
            assists: Vec::new(),
            shades: Vec::new(),
        }
    }
}
