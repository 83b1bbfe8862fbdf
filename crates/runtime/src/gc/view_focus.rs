//! `Machine::gc_focus`: the part of a big heap worth drawing as a graph.
//!
//! `gc_view(limit)` lists the lowest ids; on a heap of 100,000 objects the views aggregate
//! those by size class, and the object a step is about (the one the write barrier just
//! shaded, say, allocated after a long list) is not among them. The focus is a small
//! subgraph around what matters at this step: BFS from this step's shaded objects, the head
//! of the grey queue, then the objects the roots point at (globals in order, then stacks),
//! each explored at most [`FOCUS_DEPTH`] edges deep and [`FOCUS_FANOUT`] edges wide, at most
//! `max` objects in all. A long list shows its first hops and stops; a wide slice its first
//! elements.
//!
//! Invariant: deterministic — seeds and edges in the machine's own order, ids ascending in
//! the result, no hash-map iteration.

use crate::Machine;
use crate::gc::roots::{Root, data_refs};
use crate::gc::view::{ObjectView, RootKind};
use crate::heap::ObjRef;

/// Edges followed from a seed.
pub const FOCUS_DEPTH: usize = 3;
/// Edges followed out of one object.
pub const FOCUS_FANOUT: usize = 6;
/// Grey-queue entries used as seeds.
const GREY_SEEDS: usize = 4;

impl Machine {
    /// Up to `max` live objects around this step's shades, the grey queue's head and the roots
    /// (see the module docs), by id ascending, with their edges and roots as in `gc_view`.
    pub fn gc_focus(&self, max: usize) -> Vec<ObjectView> {
        let heap = &self.heap;
        let gc = &heap.gc;
        let live = |id: u32| heap.objects.get(id as usize).is_some_and(|o| !o.gc.free);
        let mut seeds: Vec<u32> = Vec::new();
        if gc.shades_step == self.steps {
            seeds.extend(gc.shades.iter().map(|s| s.object));
        }
        seeds.extend(gc.grey.iter().rev().take(GREY_SEEDS));
        let mut rooted: Vec<(Root, u32)> = Vec::new();
        self.visit_roots(&mut |root, r: ObjRef| {
            if !matches!(root, Root::Runtime) {
                rooted.push((root, r.0));
            }
        });
        // Globals before stacks, each in visiting order.
        rooted.sort_by_key(|(root, _)| matches!(root, Root::Stack(_)));
        seeds.extend(rooted.iter().map(|(_, id)| *id));

        // BFS, `depth` per object; `seen` is sorted for lookups.
        let mut order: Vec<(u32, usize)> = Vec::new();
        let mut seen: Vec<u32> = Vec::new();
        let mut visit = |id: u32, depth: usize, order: &mut Vec<(u32, usize)>| {
            if order.len() < max
                && live(id)
                && let Err(at) = seen.binary_search(&id)
            {
                seen.insert(at, id);
                order.push((id, depth));
            }
        };
        for &s in &seeds {
            // Expand what this seed adds before the next seed, so each keeps its context.
            let mut head = order.len();
            visit(s, 0, &mut order);
            while head < order.len() && order.len() < max {
                let (id, depth) = order[head];
                head += 1;
                if depth >= FOCUS_DEPTH {
                    continue;
                }
                let mut edges = Vec::new();
                data_refs(&heap.objects[id as usize].data, &mut |r| edges.push(r.0));
                edges.sort_unstable();
                edges.dedup();
                for e in edges.into_iter().take(FOCUS_FANOUT) {
                    visit(e, depth + 1, &mut order);
                }
            }
        }
        let mut ids: Vec<u32> = order.iter().map(|(id, _)| *id).collect();
        ids.sort_unstable();
        let mut objects: Vec<ObjectView> = ids.iter().map(|&id| self.object_view(id)).collect();
        let names = &self.program.globals;
        for (root, id) in rooted {
            let kind = match root {
                Root::Global(i) => RootKind::Global(
                    names
                        .get(i)
                        .cloned()
                        .unwrap_or_else(|| format!("global{i}")),
                ),
                Root::Stack(gi) => RootKind::Stack(gi as u64 + 1),
                Root::Runtime => continue,
            };
            if let Ok(at) = objects.binary_search_by_key(&id, |o| o.id)
                && !objects[at].roots.contains(&kind)
            {
                objects[at].roots.push(kind);
            }
        }
        objects
    }

    /// One live object as the views show it (roots left empty).
    pub(super) fn object_view(&self, id: u32) -> ObjectView {
        let o = &self.heap.objects[id as usize];
        let mut edges = Vec::new();
        data_refs(&o.data, &mut |r| edges.push(r.0));
        edges.sort_unstable();
        edges.dedup();
        let (func, pc) = o.site;
        let line = self
            .program
            .functions
            .get(func.0 as usize)
            .and_then(|f| f.pos.get(pc as usize).copied())
            .map_or(0, |p| p.line);
        ObjectView {
            id,
            kind: o.gc.kind,
            size: o.size,
            class: o.gc.class,
            span: o.gc.span,
            colour: o.gc.colour,
            site: format!("{}:{line}", self.file),
            edges,
            roots: Vec::new(),
            noscan: o.gc.noscan,
        }
    }
}
