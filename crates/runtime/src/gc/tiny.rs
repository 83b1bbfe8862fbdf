//! The tiny allocator (`mallocgc`'s tiny path, `runtime/malloc.go`): noscan objects smaller
//! than 16 bytes are packed into the P's current 16-byte block (a class-2 slot), aligned to
//! 8, 4 or 2 bytes by their size as Go aligns them. The block is one slot: the sweeper frees
//! it only when every object in it is dead, which is why a tiny object can keep its
//! neighbours alive (Go's documented cost of the tiny allocator).

use crate::gc::sizeclass::{TINY_SIZE, TINY_SIZE_CLASS};
use crate::heap::Heap;

impl Heap {
    /// Places a tiny object of `size` bytes (object `id`) for P `p`: (span, slot, heap bytes
    /// added — 16 when a new block was started, else 0).
    pub(crate) fn tiny_slot(&mut self, p: usize, size: u64, id: u32) -> (u32, u32, u64) {
        let _ = id;
        if self.gc.caches.len() <= p {
            self.gc.caches.resize(p + 1, Default::default());
        }
        let align = if size & 7 == 0 {
            8
        } else if size & 3 == 0 {
            4
        } else if size & 1 == 0 {
            2
        } else {
            1
        };
        if let Some((s, slot, off)) = self.gc.caches[p].tiny {
            let off = off.next_multiple_of(align);
            if off + size <= TINY_SIZE
                && self.gc.span_valid(s)
                && self.gc.spans[s as usize].slots[slot as usize] != crate::gc::mspan::NONE
            {
                self.gc.caches[p].tiny = Some((s, slot, off + size));
                return (s, slot, 0);
            }
        }
        let (s, slot) = self.mcache_slot(p, TINY_SIZE_CLASS);
        self.gc.caches[p].tiny = Some((s, slot, size));
        (s, slot, TINY_SIZE)
    }
}
