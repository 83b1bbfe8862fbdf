//! Marking (`runtime/mgcmark.go`): shade turns a white object grey (onto the grey queue) —
//! or straight black when it holds no pointers, as `greyobject` does for noscan spans — and
//! scan takes a grey object, shades everything it points to and turns it black. Mark work
//! is counted in bytes scanned (`scanWork`): an object's size, a stack's slots.
//!
//! The work order is `gcDrain`'s: root jobs first (runtime tables, globals, then each
//! goroutine's stack, `markroot`), then the grey queue. Invariant: a goroutine's stack is
//! never scanned while that goroutine is in the middle of an instruction (an assist skips its
//! own stack), since values popped by the instruction are not on the stack then.

use crate::Machine;
use crate::gc::roots::data_refs;
use crate::gc::view::{Colour, GcPhase, Shade, ShadeCause};
use crate::heap::{Heap, ObjRef};

impl Heap {
    /// Shades object `r`; returns true if it was white.
    #[inline]
    pub(crate) fn shade(&mut self, r: ObjRef, cause: ShadeCause, g: Option<u64>) -> bool {
        // Looked at through `get` first: most shades find the object already shaded, and a
        // `get_mut` would copy its chunk if a checkpoint shares it (`heap_arena`).
        let Some(o) = self.objects.get(r.0 as usize) else {
            return false;
        };
        if o.gc.free || o.gc.colour != Colour::White {
            return false;
        }
        let bytes = if o.gc.tiny {
            o.size
        } else {
            crate::gc::sizeclass::class_size(o.gc.class).max(o.size)
        };
        let Some(o) = self.objects.get_mut(r.0 as usize) else {
            return false;
        };
        if o.gc.noscan {
            o.gc.colour = Colour::Black;
        } else {
            o.gc.colour = Colour::Grey;
            self.gc.grey.push(r.0);
        }
        self.gc.marked_bytes += bytes;
        self.gc.stats.marked_objects += 1;
        if self.gc.record {
            self.gc.note_shade(Shade {
                object: r.0,
                cause,
                goroutine: g,
            });
        }
        true
    }

    /// Scans one grey object (`scanobject`); returns the work done, or None if the queue is
    /// empty.
    pub(crate) fn scan_one(&mut self, cause: ShadeCause, g: Option<u64>) -> Option<u64> {
        let id = self.gc.grey.pop()?;
        let mut refs = std::mem::take(&mut self.gc.scratch);
        refs.clear();
        let mut work = 8;
        if let Some(o) = self.objects.get_mut(id as usize)
            && !o.gc.free
        {
            data_refs(&o.data, &mut |r| refs.push(r.0));
            o.gc.colour = Colour::Black;
            work = o.size.max(8);
        }
        let cause = if cause == ShadeCause::Assist {
            ShadeCause::Assist
        } else {
            ShadeCause::Scan
        };
        for &r in &refs {
            self.shade(ObjRef(r), cause, g);
        }
        self.gc.scratch = refs;
        Some(work)
    }
}

impl Machine {
    /// Is goroutine `gi`'s stack grey (not yet scanned in this mark phase)?
    pub(crate) fn stack_grey(&self, gi: usize) -> bool {
        let gc = &self.heap.gc;
        gc.phase == GcPhase::Mark && gc.stack_scanned.get(gi) != Some(&gc.cycle)
    }

    /// Scans goroutine `gi`'s stack (`scanstack`): shades what it references, turns it black.
    pub(crate) fn scan_stack(&mut self, gi: usize, cause: ShadeCause, g: Option<u64>) -> u64 {
        let mut refs = std::mem::take(&mut self.heap.gc.scratch);
        refs.clear();
        self.visit_stack(gi, &mut |r| refs.push(r.0));
        for &r in &refs {
            self.heap.shade(ObjRef(r), cause, g);
        }
        self.heap.gc.scratch = refs;
        let cycle = self.heap.gc.cycle;
        let scanned = &mut self.heap.gc.stack_scanned;
        if scanned.len() <= gi {
            scanned.resize(gi + 1, 0);
        }
        scanned[gi] = cycle;
        self.stack_bytes(gi)
    }

    /// Shades every object the runtime tables reference (a root job, redone at mark
    /// termination).
    pub(crate) fn scan_runtime_roots(&mut self) -> u64 {
        let mut refs = Vec::new();
        self.visit_runtime_roots(&mut |r| refs.push(r.0));
        for &r in &refs {
            self.heap.shade(ObjRef(r), ShadeCause::Root, None);
        }
        8 * refs.len() as u64 + 64
    }

    /// Up to `budget` bytes of mark work (`gcDrain`): root jobs, then grey objects. An assist
    /// passes `skip` = its own goroutine index (see the module docs). Returns the work done.
    pub(crate) fn mark_work(
        &mut self,
        budget: u64,
        cause: ShadeCause,
        g: Option<u64>,
        skip: Option<usize>,
    ) -> u64 {
        let mut done = 0u64;
        if !self.heap.gc.runtime_done {
            self.heap.gc.runtime_done = true;
            done += self.scan_runtime_roots();
        }
        if !self.heap.gc.globals_done {
            self.heap.gc.globals_done = true;
            let mut refs = Vec::new();
            self.visit_globals(&mut |_, r| refs.push(r.0));
            for &r in &refs {
                self.heap.shade(ObjRef(r), ShadeCause::Root, g);
            }
            done += 8 * self.globals.len() as u64;
        }
        let root_cause = ShadeCause::Root;
        while done < budget {
            if let Some(gi) = self.next_grey_stack(skip) {
                done += self.scan_stack(gi, root_cause, g);
                continue;
            }
            match self.heap.scan_one(cause, g) {
                Some(w) => done += w,
                None => break,
            }
        }
        done
    }

    /// The next goroutine whose stack is still grey, other than `skip`; advances the cursor
    /// over scanned stacks.
    fn next_grey_stack(&mut self, skip: Option<usize>) -> Option<usize> {
        let n = self.goroutines.len();
        while self.heap.gc.stack_cursor < n && !self.stack_grey(self.heap.gc.stack_cursor) {
            self.heap.gc.stack_cursor += 1;
        }
        let mut gi = self.heap.gc.stack_cursor;
        while gi < n {
            if Some(gi) != skip && self.stack_grey(gi) {
                return Some(gi);
            }
            gi += 1;
        }
        None
    }

    /// Is the mark phase's work all done (roots scanned, grey queue empty)?
    pub(crate) fn mark_complete(&mut self) -> bool {
        let gc = &self.heap.gc;
        gc.runtime_done
            && gc.globals_done
            && gc.grey.is_empty()
            && self.next_grey_stack(None).is_none()
    }
}
