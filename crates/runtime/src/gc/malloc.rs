//! `mallocgc` (`runtime/malloc.go`): every object the VM makes gets a size class and a slot.
//! Three paths, as in Go: *tiny* (noscan and < 16 bytes: packed into a 16-byte block, see
//! `tiny`), *small* (≤ 32 KB: a slot of the size class from the P's mcache), *large* (a span
//! of its own straight from the mheap). During the mark phase a new object is allocated
//! black (`gcmarknewobject`): it survives the cycle that saw it born.
//!
//! Accounting (`heap_live`) counts slot bytes — class size, 16 per tiny block, whole pages for
//! a large object — as Go's `heapLive` counts span bytes; mark termination resets it to the
//! bytes marked (`gcController.resetLive`), so the sweep's frees never subtract from it.
//! `Heap::live` counts Go sizes for the memory budget. A zero-size object (a map iterator) takes an 8-byte slot: Go would return
//! `zerobase`, but goscope's arena needs an object.

use crate::gc::mspan::NONE;
use crate::gc::sizeclass::{MAX_SMALL_SIZE, PAGE_SIZE, TINY_SIZE, large_npages, size_to_class};
use crate::gc::view::{Colour, GcPhase, ObjKind, SpanOwner};
use crate::heap::{Heap, ObjData, ObjMeta, ObjRef, Object};
use crate::value::Value;
use lang::bytecode::FuncId;

/// Does `data` hold no pointers? Values are dynamically typed and a slot only ever holds
/// values of its type, so scalars now (the zero value included) mean a scalar type.
pub fn noscan(data: &ObjData) -> bool {
    match data {
        ObjData::Cells(vs) => vs.iter().all(scalar),
        _ => false,
    }
}

fn scalar(v: &Value) -> bool {
    match v {
        Value::Int(_) | Value::Float(_) | Value::Bool(_) => true,
        Value::Agg(vs) => vs.iter().all(scalar),
        _ => false,
    }
}

impl Heap {
    /// Allocates an object on P `p`'s mcache (`mallocgc`).
    pub fn alloc_on(
        &mut self,
        p: usize,
        data: ObjData,
        size: u64,
        site: (FuncId, u32),
        kind: ObjKind,
    ) -> ObjRef {
        if let Some(log) = &mut self.alloc_log {
            log.push((size, site));
        }
        let noscan = noscan(&data);
        let asize = size.max(1);
        let id = match self.free_ids.pop() {
            Some(id) => id,
            None => self.objects.len() as u32,
        };
        let (class, span, slot, tiny, added) = if asize > MAX_SMALL_SIZE {
            let npages = large_npages(asize);
            let s = self.gc.alloc_span(0, npages as u64 * PAGE_SIZE, npages, 1);
            (0, s, 0, false, npages as u64 * PAGE_SIZE)
        } else if noscan && asize < TINY_SIZE {
            let (s, slot, added) = self.tiny_slot(p, asize, id);
            (crate::gc::sizeclass::TINY_SIZE_CLASS, s, slot, true, added)
        } else {
            let class = size_to_class(asize);
            let (s, slot) = self.mcache_slot(p, class);
            (
                class,
                s,
                slot,
                false,
                crate::gc::sizeclass::class_size(class),
            )
        };
        let colour = if self.gc.phase == GcPhase::Mark {
            Colour::Black
        } else {
            Colour::White
        };
        // Chain into the slot (a tiny block may already hold objects).
        let sp = &mut self.gc.spans[span as usize];
        let next = sp.slots[slot as usize];
        if next == NONE {
            sp.alloc_count += 1;
        }
        sp.slots[slot as usize] = id;
        if class == 0 {
            sp.owner = SpanOwner::Mheap;
        }
        let object = Object {
            data,
            size,
            site,
            gc: ObjMeta {
                kind,
                class,
                span,
                slot,
                next,
                colour,
                noscan,
                tiny,
                free: false,
            },
        };
        if id as usize == self.objects.len() {
            self.objects.push(object);
        } else {
            self.objects[id as usize] = object;
        }
        self.allocated = self.allocated.saturating_add(size);
        self.live = self.live.saturating_add(size);
        self.gc.heap_live += added;
        self.gc.last_alloc_bytes = added;
        self.gc.stats.mallocs += 1;
        if colour == Colour::Black {
            self.gc.marked_bytes += added.max(1);
        }
        ObjRef(id)
    }

    /// Frees object `id` (the sweeper found it white): its data is dropped and its index
    /// goes to the free list. The slot chain is the caller's business.
    pub(crate) fn free_object(&mut self, id: u32) {
        let Some(o) = self.objects.get_mut(id as usize) else {
            return;
        };
        if o.gc.free {
            return;
        }
        o.gc.free = true;
        o.gc.colour = Colour::White;
        o.data = ObjData::Cells(Vec::new());
        self.live = self.live.saturating_sub(o.size);
        self.gc.stats.frees += 1;
        self.free_ids.push(id);
    }
}
