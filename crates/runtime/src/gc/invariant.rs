//! The collector's checkers, for tests and the lost-object scenario.
//!
//! - [`tricolour_violations`]: the weak tri-colour invariant the hybrid barrier keeps during
//!   mark — every white object a black object (or a scanned stack, or the scanned globals)
//!   points to is still *grey-protected*: reachable through white objects from a grey object,
//!   an unscanned stack, unscanned globals or the runtime tables (which mark termination
//!   rescans).
//! - [`reachable_white`]: at mark termination, reachable objects still white — the ones the
//!   sweep would free although the program can reach them. The machine records them in
//!   `Gc::lost` when `Gc::check` is on ([`crate::Machine::set_gc_check`]).
//! - [`dangling`]: reachable references to freed objects, at any step.

use crate::Machine;
use crate::gc::roots::{Root, data_refs};
use crate::gc::view::{Colour, GcPhase};
use crate::heap::ObjRef;

/// Objects reachable from the roots (by index).
pub fn reachable(m: &Machine) -> Vec<bool> {
    let heap = m.heap();
    let mut seen = vec![false; heap.objects.len()];
    let mut work: Vec<u32> = Vec::new();
    m.visit_roots(&mut |_, r| work.push(r.0));
    while let Some(id) = work.pop() {
        let i = id as usize;
        if i >= seen.len() || seen[i] {
            continue;
        }
        seen[i] = true;
        if let Some(o) = heap.get(ObjRef(id)) {
            data_refs(&o.data, &mut |r| work.push(r.0));
        }
    }
    seen
}

/// Reachable objects that are white (see the module docs), ascending.
pub fn reachable_white(m: &Machine) -> Vec<u32> {
    let heap = m.heap();
    reachable(m)
        .iter()
        .enumerate()
        .filter(|&(i, &r)| {
            r && heap.objects[i].gc.colour == Colour::White && !heap.objects[i].gc.free
        })
        .map(|(i, _)| i as u32)
        .collect()
}

/// Reachable references to freed objects: `(holder, freed id)`, holder `None` for a root.
pub fn dangling(m: &Machine) -> Vec<(Option<u32>, u32)> {
    let heap = m.heap();
    let mut out = Vec::new();
    m.visit_roots(&mut |_, r| {
        if heap.objects.get(r.0 as usize).is_some_and(|o| o.gc.free) {
            out.push((None, r.0));
        }
    });
    let seen = reachable(m);
    for (i, o) in heap.objects.iter().enumerate() {
        if seen[i] && !o.gc.free {
            data_refs(&o.data, &mut |r| {
                if heap.objects.get(r.0 as usize).is_some_and(|o| o.gc.free) {
                    out.push((Some(i as u32), r.0));
                }
            });
        }
    }
    out
}

/// Violations of the weak tri-colour invariant during mark: `(holder, white id)`, holder
/// `None` for a scanned root. Empty outside the mark phase.
pub fn tricolour_violations(m: &Machine) -> Vec<(Option<u32>, u32)> {
    let heap = m.heap();
    let gc = &heap.gc;
    if gc.phase != GcPhase::Mark {
        return Vec::new();
    }
    let white = |id: u32| {
        heap.objects
            .get(id as usize)
            .is_some_and(|o| !o.gc.free && o.gc.colour == Colour::White)
    };
    // Grey-protected whites: reachable through whites from the grey frontier.
    let mut protected = vec![false; heap.objects.len()];
    let mut work: Vec<u32> = Vec::new();
    for (i, o) in heap.objects.iter().enumerate() {
        if !o.gc.free && o.gc.colour == Colour::Grey {
            data_refs(&o.data, &mut |r| work.push(r.0));
            let _ = i;
        }
    }
    m.visit_roots(&mut |root, r| {
        let grey_root = match root {
            Root::Global(_) => !gc.globals_done,
            Root::Stack(gi) => m.stack_grey(gi),
            Root::Runtime => true,
        };
        if grey_root {
            work.push(r.0);
        }
    });
    while let Some(id) = work.pop() {
        if !white(id) || protected[id as usize] {
            continue;
        }
        protected[id as usize] = true;
        if let Some(o) = heap.get(ObjRef(id)) {
            data_refs(&o.data, &mut |r| work.push(r.0));
        }
    }
    let mut out = Vec::new();
    for (i, o) in heap.objects.iter().enumerate() {
        if !o.gc.free && o.gc.colour == Colour::Black {
            data_refs(&o.data, &mut |r| {
                if white(r.0) && !protected[r.0 as usize] {
                    out.push((Some(i as u32), r.0));
                }
            });
        }
    }
    m.visit_roots(&mut |root, r| {
        let black_root = match root {
            Root::Global(_) => gc.globals_done,
            Root::Stack(gi) => !m.stack_grey(gi),
            Root::Runtime => false,
        };
        if black_root && white(r.0) && !protected[r.0 as usize] {
            out.push((None, r.0));
        }
    });
    out
}
