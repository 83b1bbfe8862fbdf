//! A machine's approximate memory footprint: what one more clone of it would hold.
//!
//! The Playground's recorder keeps a clone of the [`Machine`] every few thousand instructions
//! and must stay within a memory budget (`sim::Recorder::with_memory_budget`), in a wasm32 tab
//! that cannot grow past 4 GB. A 1,000-goroutine worker pool's state is ~1 MB natively, a
//! two-goroutine ping-pong's a few KB, so a fixed checkpoint interval is either wasteful or
//! fatal; this estimate is what lets the recorder adapt. It counts capacities (what the
//! allocator really holds) of the growing parts — goroutine stacks and frames, the heap's
//! objects and the allocator's spans, channel buffers, globals, the scheduler's per-G records —
//! and ignores what a clone always shares (`Rc` program, names). Within a factor of two is the
//! goal, not an exact figure.
//!
//! Goroutines and the heap's object chunks are copy-on-write ([`Shared`],
//! [`crate::heap_arena`]): a clone shares each with the machine it was cloned from until
//! either writes it. [`Machine::approx_bytes_unshared`] counts only those not shared with an
//! earlier checkpoint — the one before it in the recorder — so a checkpoint of a pool of
//! parked workers costs what the few that ran hold. Sharing follows the run: a value untouched
//! from checkpoint `a` to checkpoint `c` is the same allocation in every checkpoint between, so
//! comparing with the previous one alone counts each allocation once.

use std::mem::size_of;

use crate::goroutine::{Frame, Goroutine};
use crate::heap::{ObjData, Object};
use crate::machine::Machine;
use crate::shared::Shared;
use crate::value::Value;

/// A goroutine's own allocation (with `Rc`'s two counts), its stack and its frames.
fn goroutine_bytes(g: &Goroutine) -> usize {
    2 * size_of::<usize>()
        + size_of::<Goroutine>()
        + g.stack.capacity() * size_of::<Value>()
        + g.frames.capacity() * size_of::<Frame>()
}

/// A heap object and its data.
fn object_bytes(o: &Object) -> usize {
    let value = size_of::<Value>();
    size_of::<Object>()
        + match &o.data {
            ObjData::Cells(cells) => cells.capacity() * value,
            // A B-tree node entry per element: key bytes, two values, overhead.
            ObjData::Map(map) => map
                .keys()
                .map(|k| k.capacity() + 2 * value + 16)
                .sum::<usize>(),
            ObjData::MapIter { keys, .. } => keys.iter().map(|k| k.capacity() + 24).sum::<usize>(),
        }
}

/// `bytes` of every value that is not the same allocation as the one at the same index in
/// `before` (every one without `before`).
fn unshared<T>(now: &[Shared<T>], before: Option<&[Shared<T>]>, bytes: fn(&T) -> usize) -> usize {
    now.iter()
        .enumerate()
        .filter(|(i, v)| {
            before
                .and_then(|b| b.get(*i))
                .is_none_or(|b| !Shared::ptr_eq(b, v))
        })
        .map(|(_, v)| bytes(v))
        .sum()
}

impl Machine {
    /// Roughly how many bytes a clone of this machine holds; see the module docs.
    pub fn approx_bytes(&self) -> usize {
        self.footprint(None)
    }

    /// Roughly how many bytes a clone of this machine holds that a clone of `previous`, an
    /// earlier state of the same run, does not share: the goroutines and heap chunks written
    /// since, and the rest as [`approx_bytes`](Machine::approx_bytes) counts it.
    pub fn approx_bytes_unshared(&self, previous: &Machine) -> usize {
        self.footprint(Some(previous))
    }

    fn footprint(&self, previous: Option<&Machine>) -> usize {
        let value = size_of::<Value>();
        // The vectors of pointers to goroutines and to chunks are the machine's own.
        let goroutines = self.goroutines.capacity() * size_of::<Shared<Goroutine>>()
            + unshared(
                &self.goroutines,
                previous.map(|p| &p.goroutines[..]),
                goroutine_bytes,
            );
        let chunks = self.heap.objects.chunks();
        let heap = size_of_val(chunks)
            + unshared(chunks, previous.map(|p| p.heap.objects.chunks()), |chunk| {
                chunk.iter().map(object_bytes).sum()
            });
        let chans: usize = self
            .chans
            .iter()
            .map(|c| size_of::<crate::chan::Channel<Value>>() + c.cap() * 2 * value)
            .sum();
        // The scheduler's per-goroutine record and queue slots: about 64 bytes per G.
        let sched = self.goroutines.len() * 64;
        // The allocator's spans (a slot table each) and the collector's work lists.
        let gc = &self.heap.gc;
        let spans: usize = gc
            .spans
            .iter()
            .map(|s| size_of::<crate::gc::mspan::MSpan>() + s.slots.capacity() * 4)
            .sum::<usize>()
            + gc.grey.capacity() * 4
            + self.heap.free_ids.capacity() * 4;
        let profile = self.profile.as_ref().map_or(0, |p| p.approx_bytes());
        size_of::<Machine>()
            + self.globals.capacity() * value
            + goroutines
            + heap
            + chans
            + sched
            + spans
            + profile
    }
}
