//! The hybrid write barrier (`runtime/mbarrier.go`, Go 1.8+): during the mark phase every
//! pointer store into memory the collector does not rescan — heap objects, globals —
//! shades the pointer it overwrites (Yuasa's deletion barrier) and, while the storing
//! goroutine's stack is still grey, the pointer it writes (Dijkstra's insertion barrier).
//! Stack writes have no barrier; that is what lets Go scan each stack once, without a
//! stop-the-world rescan.
//!
//! goscope also applies it where values cross between goroutines through channels: a sent
//! value is shaded while the sender's stack is grey, a received one always (it is deleted from
//! the buffer or the blocked sender), as the `typedmemmove`/`sendDirect` barriers do in Go.
//! New objects are allocated black; their initial contents are shaded while the allocating
//! stack is grey (the barrier on the initializing stores).
//!
//! `RunConfig::gc_write_barrier = false` turns it off: the lost-object scenario
//! (`examples/gc_lost_object.go`) then frees a reachable object, and
//! `gc::invariant` reports it.

use crate::Machine;
use crate::gc::event::GcEvent;
use crate::gc::roots::value_refs;
use crate::gc::view::ShadeCause;
use crate::heap::ObjRef;
use crate::value::Value;

impl Machine {
    /// The barrier before `slot = new` where `old` is the slot's value.
    #[inline]
    pub(crate) fn write_barrier(&mut self, old: &Value, new: &Value) {
        if self.heap.gc.write_barrier_on() {
            self.write_barrier_slow(Some(old), new);
        }
    }

    /// The barrier for a store whose old value is not a pointer (a fresh append slot).
    #[inline]
    pub(crate) fn write_barrier_new(&mut self, new: &Value) {
        if self.heap.gc.write_barrier_on() {
            self.write_barrier_slow(None, new);
        }
    }

    #[inline(never)]
    fn write_barrier_slow(&mut self, old: Option<&Value>, new: &Value) {
        let g = self.goroutines.get(self.current).map(|g| g.id.0);
        if let Some(old) = old {
            self.shade_refs(old, ShadeCause::BarrierOld, g);
        }
        if self.stack_grey(self.current) {
            self.shade_refs(new, ShadeCause::BarrierNew, g);
        }
    }

    /// Shades every object `v` references (a barrier's shade).
    pub(crate) fn shade_refs(&mut self, v: &Value, cause: ShadeCause, g: Option<u64>) {
        let mut refs: Vec<ObjRef> = Vec::new();
        value_refs(v, &mut |r| refs.push(r));
        for r in refs {
            if self.heap.shade(r, cause, g) {
                self.heap.gc.emit(GcEvent::BarrierShade {
                    g: g.unwrap_or(0),
                    obj: r.0,
                    old: cause == ShadeCause::BarrierOld,
                });
            }
        }
    }

    /// A value sent on a channel (see the module docs).
    #[inline]
    pub(crate) fn barrier_send(&mut self, v: &Value) {
        if self.heap.gc.write_barrier_on() && self.stack_grey(self.current) {
            let g = self.goroutines.get(self.current).map(|g| g.id.0);
            self.shade_refs(v, ShadeCause::BarrierNew, g);
        }
    }

    /// A value received from a channel.
    #[inline]
    pub(crate) fn barrier_recv(&mut self, v: &Value) {
        if self.heap.gc.write_barrier_on() {
            let g = self.goroutines.get(self.current).map(|g| g.id.0);
            self.shade_refs(v, ShadeCause::BarrierOld, g);
        }
    }
}
