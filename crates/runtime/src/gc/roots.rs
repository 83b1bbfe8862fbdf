//! The collector's roots (`runtime/mgcmark.go`'s `markroot`): every [`Value`] the machine
//! holds outside the heap. One method per kind of root, and [`Machine::visit_roots`] calling
//! them all — the only place that must know every part of the machine's state that can hold a
//! pointer; the property test (`tests/gc_props.rs`: every reachable object survives every
//! cycle) is what proves it complete.
//!
//! Kinds: globals (Go's data/bss); goroutine stacks — the value stack, each frame's closure
//! environment, deferred calls and parked native continuation, the panic value; runtime
//! tables (channel buffers and blocked senders' values, `AfterFunc` functions, context
//! values and causes, `context.Canceled`/`DeadlineExceeded`, and in `-race` mode the race
//! detector's store histories, from which a racy load may still return an old value). Go keeps those runtime tables in
//! heap objects (`hchan`, `timer`, `cancelCtx`) reached from stacks; goscope keeps them beside
//! the heap, so they are roots, scanned at the start of mark and again at mark termination.

use crate::Machine;
use crate::heap::{ObjData, ObjRef};
use crate::value::Value;

/// Which root a reference came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Root {
    /// A global, by index.
    Global(usize),
    /// A goroutine's stack, by goroutine index (id − 1).
    Stack(usize),
    /// The runtime's tables (channels, timers, contexts).
    Runtime,
}

/// Every object reference inside `v`.
#[inline]
pub fn value_refs<F: FnMut(ObjRef) + ?Sized>(v: &Value, f: &mut F) {
    match v {
        Value::Ptr(p) => f(p.obj),
        Value::Slice(s) => f(s.obj),
        Value::Map(m) => f(*m),
        Value::Func(_, Some(env)) => f(*env),
        Value::Agg(vs) => vs.iter().for_each(|v| value_refs(v, f)),
        Value::Iface(b) => value_refs(&b.1, f),
        _ => {}
    }
}

/// Every object reference inside an object's data (its outgoing edges).
pub fn data_refs<F: FnMut(ObjRef) + ?Sized>(d: &ObjData, f: &mut F) {
    match d {
        ObjData::Cells(vs) => vs.iter().for_each(|v| value_refs(v, f)),
        ObjData::Map(m) => {
            for (k, v) in m.values() {
                value_refs(k, f);
                value_refs(v, f);
            }
        }
        ObjData::MapIter { map, .. } => {
            if map.0 != u32::MAX {
                f(*map)
            }
        }
    }
}

impl Machine {
    /// Visits every object reference held outside the heap, with the root holding it.
    pub fn visit_roots(&self, f: &mut dyn FnMut(Root, ObjRef)) {
        self.visit_globals(&mut |i, r| f(Root::Global(i), r));
        for gi in 0..self.goroutines.len() {
            self.visit_stack(gi, &mut |r| f(Root::Stack(gi), r));
        }
        self.visit_runtime_roots(&mut |r| f(Root::Runtime, r));
    }

    pub(crate) fn visit_globals(&self, f: &mut dyn FnMut(usize, ObjRef)) {
        for (i, v) in self.globals.iter().enumerate() {
            value_refs(v, &mut |r| f(i, r));
        }
    }

    /// Goroutine `gi`'s stack: values, frames' environments, defers, parked continuations.
    pub(crate) fn visit_stack(&self, gi: usize, f: &mut dyn FnMut(ObjRef)) {
        let Some(g) = self.goroutines.get(gi) else {
            return;
        };
        for v in &g.stack {
            value_refs(v, f);
        }
        for fr in &g.frames {
            if let Some(env) = fr.env {
                f(env);
            }
            for (callee, args) in &fr.defers {
                value_refs(callee, f);
                args.iter().for_each(|v| value_refs(v, f));
            }
            if let Some(p) = &fr.pending {
                p.for_each_value(&mut |v| value_refs(v, f));
            }
        }
        if let Some((v, _, _)) = &g.panicking {
            value_refs(v, f);
        }
    }

    /// The runtime tables (see the module docs).
    pub(crate) fn visit_runtime_roots(&self, f: &mut dyn FnMut(ObjRef)) {
        self.chans.for_each_value(&mut |v| value_refs(v, f));
        for t in &self.program_timers {
            if let Some(v) = t.func() {
                value_refs(v, f);
            }
        }
        for c in &self.contexts {
            c.for_each_value(&mut |v| value_refs(v, f));
        }
        for v in self.context_errs.iter().flatten() {
            value_refs(v, f);
        }
        if let Some(race) = &self.race {
            race.detector.for_each_value(&mut |v| value_refs(v, f));
        }
    }

    /// Stack-scan size of goroutine `gi` in bytes (8 per slot), the work a scan costs.
    pub(crate) fn stack_bytes(&self, gi: usize) -> u64 {
        self.goroutines
            .get(gi)
            .map_or(0, |g| 8 * (g.stack.len() + 2 * g.frames.len()) as u64)
    }
}
