//! `mspan` (`runtime/mheap.go`): a run of 8 KB pages cut into equal slots of one size class
//! (or holding one large object). Each slot holds one object, or — for a tiny block — a chain
//! of tiny objects (`Object::gc.next`).
//!
//! Invariants: `alloc_count` is the number of slots whose chain is non-empty; `sweepgen ==
//! Gc::sweepgen` means swept this cycle (mark bits already turned into free slots); a span
//! handed to an mcache is always swept, so allocation never lands in an unswept span.

use crate::gc::view::SpanOwner;

/// "No object" / "no span" index.
pub const NONE: u32 = u32::MAX;

#[derive(Clone, Debug)]
pub struct MSpan {
    /// Size class, 0 for a large object's span.
    pub class: u8,
    pub elem_size: u64,
    pub npages: u32,
    pub nelems: u32,
    /// Slots in use (`allocCount`).
    pub alloc_count: u32,
    /// The first object of each slot's chain, or [`NONE`] when the slot is free.
    pub slots: Vec<u32>,
    /// No slot below this one is free (`freeindex`).
    pub free_index: u32,
    /// The sweep generation this span was last swept in.
    pub sweepgen: u32,
    pub owner: SpanOwner,
    /// False once the span went back to the heap (its id may be reused).
    pub in_use: bool,
}

impl MSpan {
    pub fn new(class: u8, elem_size: u64, npages: u32, nelems: u32, sweepgen: u32) -> MSpan {
        MSpan {
            class,
            elem_size,
            npages,
            nelems,
            alloc_count: 0,
            slots: vec![NONE; nelems as usize],
            free_index: 0,
            sweepgen,
            owner: crate::gc::view::SpanOwner::Mheap,
            in_use: true,
        }
    }

    pub fn is_full(&self) -> bool {
        self.alloc_count >= self.nelems
    }

    /// The next free slot (`nextFreeIndex`), advancing `free_index`.
    pub fn next_free(&mut self) -> Option<u32> {
        while (self.free_index as usize) < self.slots.len() {
            if self.slots[self.free_index as usize] == NONE {
                return Some(self.free_index);
            }
            self.free_index += 1;
        }
        None
    }
}
