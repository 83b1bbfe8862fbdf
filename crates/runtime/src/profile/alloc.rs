//! The allocation profile: every heap allocation, by call path (`runtime/pprof`'s heap
//! profile, the `alloc_objects` / `alloc_space` sample types).
//!
//! Go samples allocations, one per `runtime.MemProfileRate` bytes on average (512 KiB), and
//! scales the counts back up. goscope records **every** allocation — `MemProfileRate = 1` —
//! because a simulated program allocates little and exactness costs nothing here: the
//! profile's totals are exactly the objects and bytes the program allocated (what
//! `Heap::allocated` counts), and its period is 1.
//!
//! How an allocation gets its stack: `Heap::alloc` appends `(size, site)` to a log when
//! profiling is on (the only line of profiling in the heap); the machine drains the log after
//! each stretch of one frame's instructions (`Machine::execute`), when the caller frames of
//! the allocating one are exactly those it had during the stretch (a stretch ends at any
//! call or return). The innermost frame is the allocation site itself, at its line.
//!
//! Not modelled: `inuse_*` (what is still live) needs the GC's frees; when the collector
//! frees objects, an in-use view is the alloc tree minus the freed objects' stacks.

use super::tree::{CallTree, ProfFrame};
use lang::bytecode::FuncId;

/// One logged allocation: bytes and `(function, pc)` of the allocating instruction.
pub(crate) type AllocRecord = (u64, (FuncId, u32));

/// `[objects, bytes]` by call path.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AllocProfiler {
    pub(crate) tree: CallTree,
}

impl AllocProfiler {
    /// `[objects, bytes]` by call path.
    pub fn tree(&self) -> &CallTree {
        &self.tree
    }

    /// Records one allocation of `bytes` at `stack` (outermost first).
    pub(crate) fn record(&mut self, stack: impl IntoIterator<Item = ProfFrame>, bytes: u64) {
        self.tree.add(stack, [1, bytes]);
    }
}
