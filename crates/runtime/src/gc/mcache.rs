//! `mcache` (`runtime/mcache.go`): each P's cache of one span per size class, so the common
//! allocation takes no lock. When the cached span is full, `refill` gives it back to the
//! mcentral and takes another. At mark termination every mcache is flushed
//! (`prepareForSweep`), so the spans it held get swept like the others.

use crate::gc::mspan::NONE;
use crate::gc::sizeclass::NUM_SIZE_CLASSES;
use crate::gc::view::SpanOwner;

/// One P's cache.
#[derive(Clone, Debug)]
pub struct MCache {
    /// The cached span of each class, or [`NONE`].
    pub alloc: Vec<u32>,
    /// The tiny allocator's current block: span, slot, bytes used (see `tiny`).
    pub tiny: Option<(u32, u32, u64)>,
}

impl Default for MCache {
    fn default() -> Self {
        MCache {
            alloc: vec![NONE; NUM_SIZE_CLASSES],
            tiny: None,
        }
    }
}

impl crate::heap::Heap {
    /// A slot of `class` from P `p`'s mcache, refilling it when its span is full.
    pub(crate) fn mcache_slot(&mut self, p: usize, class: u8) -> (u32, u32) {
        if self.gc.caches.len() <= p {
            self.gc.caches.resize(p + 1, MCache::default());
        }
        let mut s = self.gc.caches[p].alloc[class as usize];
        if s == NONE || !self.gc.span_valid(s) || self.gc.spans[s as usize].is_full() {
            if s != NONE && self.gc.span_valid(s) {
                self.uncache_span(s);
            }
            s = self.cache_span(class);
            self.gc.spans[s as usize].owner = SpanOwner::Mcache(p);
            self.gc.caches[p].alloc[class as usize] = s;
        }
        let span = &mut self.gc.spans[s as usize];
        let slot = span.next_free().unwrap_or(0);
        (s, slot)
    }

    /// Every P's cached spans go back to their mcentral (mark termination).
    pub(crate) fn flush_mcaches(&mut self) {
        for p in 0..self.gc.caches.len() {
            let spans: Vec<u32> = self.gc.caches[p]
                .alloc
                .iter_mut()
                .map(|s| std::mem::replace(s, NONE))
                .filter(|&s| s != NONE)
                .collect();
            self.gc.caches[p].tiny = None;
            for s in spans {
                if self.gc.span_valid(s) {
                    self.uncache_span(s);
                }
            }
        }
    }
}
