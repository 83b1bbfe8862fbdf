//! `Machine::gc_view`: the views' model (see [`super::view`]) read off the machine.

use crate::Machine;
use crate::gc::roots::Root;
use crate::gc::view::{Colour, GcView, ObjectView, RootKind, SpanView};
use crate::heap::ObjRef;

impl Machine {
    /// The GC views' model at this step (see [`super::view`]); at most `limit` objects (the
    /// lowest ids) are listed, with their edges and the roots pointing at them.
    pub fn gc_view(&self, limit: usize) -> GcView {
        let heap = &self.heap;
        let gc = &heap.gc;
        let mut objects: Vec<ObjectView> = Vec::new();
        for (i, o) in heap.objects.iter().enumerate() {
            if objects.len() >= limit {
                break;
            }
            if o.gc.free {
                continue;
            }
            objects.push(self.object_view(i as u32));
        }
        if !objects.is_empty() {
            let last = objects.last().map_or(0, |o| o.id);
            let names = &self.program.globals;
            self.visit_roots(&mut |root, r: ObjRef| {
                if r.0 > last {
                    return;
                }
                let kind = match root {
                    Root::Global(i) => RootKind::Global(
                        names
                            .get(i)
                            .cloned()
                            .unwrap_or_else(|| format!("global{i}")),
                    ),
                    Root::Stack(gi) => RootKind::Stack(gi as u64 + 1),
                    Root::Runtime => return,
                };
                if let Ok(at) = objects.binary_search_by_key(&r.0, |o| o.id)
                    && !objects[at].roots.contains(&kind)
                {
                    objects[at].roots.push(kind);
                }
            });
        }
        let spans = gc
            .spans_in_use()
            .map(|(id, s)| SpanView {
                id,
                class: s.class,
                elem_size: s.elem_size,
                npages: s.npages,
                nelems: s.nelems,
                allocated: s.alloc_count,
                swept: s.sweepgen == gc.sweepgen,
                owner: s.owner,
            })
            .collect();
        let records = self.sched.goroutines();
        let stacks = (0..self.goroutines.len())
            .filter(|&gi| {
                records
                    .get(gi)
                    .is_none_or(|r| r.status != crate::sched::GStatus::Dead)
            })
            .map(|gi| {
                let c = if gc.phase != crate::gc::view::GcPhase::Mark {
                    Colour::White
                } else if self.stack_grey(gi) {
                    Colour::Grey
                } else {
                    Colour::Black
                };
                (gi as u64 + 1, c)
            })
            .collect();
        let assists = gc
            .assist_credit
            .iter()
            .enumerate()
            .filter(|(_, c)| **c != 0)
            .map(|(gi, c)| (gi as u64 + 1, *c))
            .collect();
        GcView {
            phase: gc.phase,
            cycle: gc.cycle,
            objects,
            total_objects: heap.live_objects(),
            grey_queue: gc.grey.clone(),
            spans,
            heap_live: gc.heap_live,
            heap_goal: gc.pacer.goal,
            gogc: gc.pacer.gogc,
            memory_limit: gc.pacer.memory_limit,
            write_barrier_on: gc.write_barrier_on(),
            barrier_enabled: gc.barrier_enabled,
            stacks,
            assists,
            shades: if gc.shades_step == self.steps {
                gc.shades.clone()
            } else {
                Vec::new()
            },
        }
    }
}
