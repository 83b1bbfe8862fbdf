//! `mheap` (`runtime/mheap.go`): the page heap. It hands out spans — a class's span of
//! `CLASS_TO_NPAGES` pages to an mcentral, or a large object's span of its own — and takes
//! large objects' spans back when the sweeper frees them. goscope counts pages rather than
//! laying them out; span ids are reused through a free list, as Go reuses `mspan` structs.
//! (A small-object span stays with its mcentral once made, even when empty: a gap beside Go,
//! which returns empty spans to the heap.)

use crate::gc::Gc;
use crate::gc::mspan::{MSpan, NONE};

impl Gc {
    /// `mheap.alloc`: a new in-use span.
    pub(crate) fn alloc_span(
        &mut self,
        class: u8,
        elem_size: u64,
        npages: u32,
        nelems: u32,
    ) -> u32 {
        self.pages_in_use += npages as u64;
        let span = MSpan::new(class, elem_size, npages, nelems, self.sweepgen);
        match self.free_spans.pop() {
            Some(id) => {
                self.spans[id as usize] = span;
                id
            }
            None => {
                self.spans.push(span);
                (self.spans.len() - 1) as u32
            }
        }
    }

    /// `mheap.freeSpan`: a large object's span goes back to the heap.
    pub(crate) fn free_span(&mut self, id: u32) {
        if let Some(s) = self.spans.get_mut(id as usize)
            && s.in_use
        {
            s.in_use = false;
            s.slots = Vec::new();
            s.alloc_count = 0;
            self.pages_in_use = self.pages_in_use.saturating_sub(s.npages as u64);
            self.free_spans.push(id);
        }
    }

    /// Spans in use, by id.
    pub fn spans_in_use(&self) -> impl Iterator<Item = (u32, &MSpan)> {
        self.spans
            .iter()
            .enumerate()
            .filter(|(_, s)| s.in_use)
            .map(|(i, s)| (i as u32, s))
    }

    pub(crate) fn span_valid(&self, id: u32) -> bool {
        id != NONE && self.spans.get(id as usize).is_some_and(|s| s.in_use)
    }
}
