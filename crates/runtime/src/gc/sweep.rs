//! Sweeping (`runtime/mgcsweep.go`): after mark termination every span is unswept (its
//! `sweepgen` is behind). Sweeping a span frees its white objects — their slots become free
//! and their indices go to the heap's free list — and resets the survivors to white for the
//! next cycle. Three sweepers, as in Go: the background sweeper (`bgsweep`, a span per
//! [`SWEEP_NS_PER_SPAN`] of virtual time), the lazy sweep of an allocating goroutine whose
//! mcache refill meets an unswept span (`mcentral.cacheSpan`), and sweep termination, which
//! finishes whatever is left before the next cycle marks (`finishsweep_m`).

use crate::gc::event::GcEvent;
use crate::gc::mspan::NONE;
use crate::gc::view::Colour;
use crate::heap::Heap;

/// Virtual time the background sweeper spends per span.
pub const SWEEP_NS_PER_SPAN: u64 = 1_000;

impl Heap {
    /// Sweeps span `s` (`mspan.sweep`); returns the objects freed.
    pub(crate) fn sweep_span(&mut self, s: u32, lazy: bool) -> u32 {
        let sweepgen = self.gc.sweepgen;
        let Some(span) = self.gc.spans.get(s as usize) else {
            return 0;
        };
        if !span.in_use || span.sweepgen == sweepgen {
            return 0;
        }
        let nelems = span.slots.len();
        let mut freed = 0u32;
        let mut survivors: Vec<u32> = Vec::new();
        for slot in 0..nelems {
            let head = self.gc.spans[s as usize].slots[slot];
            if head == NONE {
                continue;
            }
            survivors.clear();
            let mut cur = head;
            while cur != NONE {
                let Some(o) = self.objects.get_mut(cur as usize) else {
                    break;
                };
                let next = o.gc.next;
                if o.gc.colour == Colour::White {
                    self.free_object(cur);
                    freed += 1;
                } else {
                    o.gc.colour = Colour::White;
                    survivors.push(cur);
                }
                cur = next;
            }
            for w in 0..survivors.len() {
                let next = survivors.get(w + 1).copied().unwrap_or(NONE);
                self.objects[survivors[w] as usize].gc.next = next;
            }
            let span = &mut self.gc.spans[s as usize];
            match survivors.first() {
                Some(&first) => span.slots[slot] = first,
                // `heap_live` was reset to the marked bytes at mark termination: a freed
                // (white) object was never counted in it again.
                None => {
                    span.slots[slot] = NONE;
                    span.alloc_count -= 1;
                }
            }
        }
        let span = &mut self.gc.spans[s as usize];
        span.sweepgen = sweepgen;
        span.free_index = 0;
        if span.class == 0 && span.alloc_count == 0 {
            self.gc.free_span(s);
        }
        if freed > 0 {
            self.gc.emit(GcEvent::SweepSpan {
                span: s,
                freed,
                lazy,
            });
        }
        freed
    }

    /// The background sweeper: up to `n` unswept spans. Returns true when none is left.
    pub(crate) fn sweep_some(&mut self, mut n: u64) -> bool {
        while self.gc.sweep_cursor < self.gc.spans.len() {
            let s = self.gc.sweep_cursor as u32;
            let span = &self.gc.spans[s as usize];
            if span.in_use && span.sweepgen != self.gc.sweepgen {
                if n == 0 {
                    return false;
                }
                n -= 1;
                self.sweep_span(s, false);
            }
            self.gc.sweep_cursor += 1;
        }
        true
    }

    /// Sweeps everything left (`finishsweep_m`).
    pub(crate) fn sweep_all(&mut self) {
        self.sweep_some(u64::MAX);
    }
}
