//! `mcentral` (`runtime/mcentral.go`): per size class, the spans no mcache holds. `partial`
//! spans may have free slots (or are unswept: mark termination moves every span here), `full`
//! ones are swept and full. `cacheSpan` takes a partial span — sweeping it first if this
//! cycle's sweep has not reached it (the *lazy* sweep) — or grows the class by a fresh span
//! from the mheap.

use crate::gc::sizeclass::{class_nelems, class_npages, class_size};
use crate::gc::view::SpanOwner;

/// One class's central lists.
#[derive(Clone, Debug, Default)]
pub struct MCentral {
    pub partial: Vec<u32>,
    pub full: Vec<u32>,
}

impl crate::heap::Heap {
    /// `mcentral.cacheSpan`: a swept span of `class` with a free slot.
    pub(crate) fn cache_span(&mut self, class: u8) -> u32 {
        let c = class as usize;
        while let Some(s) = self.gc.central[c].partial.pop() {
            if !self.gc.span_valid(s) {
                continue;
            }
            if self.gc.spans[s as usize].sweepgen != self.gc.sweepgen {
                self.sweep_span(s, true);
            }
            if self.gc.spans[s as usize].is_full() {
                self.gc.central[c].full.push(s);
                continue;
            }
            return s;
        }
        self.gc.alloc_span(
            class,
            class_size(class),
            class_npages(class),
            class_nelems(class),
        )
    }

    /// `mcentral.uncacheSpan`: a span an mcache gives back.
    pub(crate) fn uncache_span(&mut self, s: u32) {
        let Some(span) = self.gc.spans.get_mut(s as usize) else {
            return;
        };
        span.owner = SpanOwner::Mcentral;
        let c = span.class as usize;
        if span.is_full() && span.sweepgen == self.gc.sweepgen {
            self.gc.central[c].full.push(s);
        } else {
            self.gc.central[c].partial.push(s);
        }
    }
}
