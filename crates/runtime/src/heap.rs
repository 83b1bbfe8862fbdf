//! The program's heap: an arena of Go objects addressed by index (`runtime/malloc.go`'s
//! objects; size classes, spans and the collector are in [`crate::gc`]).
//!
//! Design (it matters for later work): every mutable Go object that outlives an instruction —
//! escaping variables and `new`/`&T{}` cells, slices' backing arrays, maps, closures' captured
//! variable lists, map iterators — lives here, inside the [`Machine`](crate::Machine), and
//! values refer to it by [`ObjRef`] index. Nothing mutable is shared through `Rc<RefCell<..>>`:
//! the player seeks by restoring checkpoints that *clone* the whole machine, and a shared cell
//! would let the live machine corrupt a checkpoint. Immutable data (strings, code) may be
//! `Rc`-shared, and so is the arena, in copy-on-write chunks ([`crate::heap_arena`]): a
//! clone shares each chunk until one of the machines writes it, which copies it first. Each object records its Go size in bytes and its allocation site (function and
//! pc) for the allocator/GC views: the GC marks from the goroutines' stacks and the globals
//! through [`Value`]s that hold `ObjRef`s, and sweeps by freeing slots (a free list reuses
//! indices); no per-allocation event is emitted.
//!
//! Invariants: an `ObjRef` held by a value reachable from the roots is always a live object
//! (the collector frees only unreachable ones, when its write barrier is on; a freed slot reads
//! as empty and its index may be reused); a map's entries are keyed by a canonical byte encoding of the key ([`key_bytes`]),
//! so equal Go keys (including `+0`/`-0`) collide and iteration has a total base order that the
//! randomized start (`mapiter` choice) then rotates.

use crate::gc::view::{Colour, ObjKind};
use crate::value::Value;
use lang::bytecode::FuncId;
use std::collections::BTreeMap;

/// Index of a heap object.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ObjRef(pub u32);

/// What an object holds.
#[derive(Clone, Debug, PartialEq)]
pub enum ObjData {
    /// A variable cell (one value) or an array / slice backing store (the elements).
    Cells(Vec<Value>),
    /// A map: canonical key → (key, value).
    Map(BTreeMap<Vec<u8>, (Value, Value)>),
    /// A `for range` iterator over a map: the remaining keys, in visiting order.
    MapIter {
        map: ObjRef,
        keys: Vec<Vec<u8>>,
        pos: usize,
    },
}

/// A heap object.
#[derive(Clone, Debug, PartialEq)]
pub struct Object {
    pub data: ObjData,
    /// Size in bytes as Go would allocate it (before size-class rounding).
    pub size: u64,
    /// Allocation site: function and pc.
    pub site: (FuncId, u32),
    /// Where the allocator placed it and its mark state (see [`crate::gc`]).
    pub gc: ObjMeta,
}

/// An object's allocator and collector state.
#[derive(Clone, Debug, PartialEq)]
pub struct ObjMeta {
    pub kind: ObjKind,
    /// Size class (the tiny block's class 2 for a tiny object), 0 for a large object.
    pub class: u8,
    pub span: u32,
    pub slot: u32,
    /// The next object in the same tiny block, or `gc::mspan::NONE`.
    pub next: u32,
    pub colour: Colour,
    /// Holds no pointers.
    pub noscan: bool,
    /// Placed by the tiny allocator.
    pub tiny: bool,
    /// Freed by the sweeper: the slot's index may be reused by a later allocation.
    pub free: bool,
}

/// The heap arena.
#[derive(Clone, Debug, Default)]
pub struct Heap {
    /// In copy-on-write chunks that checkpoints share (`crate::heap_arena`).
    pub objects: crate::heap_arena::ObjArena,
    /// Go bytes allocated so far (`MemStats.TotalAlloc`).
    pub allocated: u64,
    /// Go bytes in objects not yet freed (what the memory budget counts).
    pub live: u64,
    /// Freed object indices, reused last-freed first.
    pub(crate) free_ids: Vec<u32>,
    /// The allocator's spans and caches and the collector's state.
    pub gc: crate::gc::Gc,
    /// Every allocation since the profiler last looked, when profiling (`crate::profile::alloc`).
    pub(crate) alloc_log: Option<Vec<crate::profile::alloc::AllocRecord>>,
}

impl Heap {
    /// The object `r`, unless freed.
    pub fn get(&self, r: ObjRef) -> Option<&Object> {
        self.objects.get(r.0 as usize).filter(|o| !o.gc.free)
    }

    /// Live (allocated, not freed) objects.
    pub fn live_objects(&self) -> usize {
        self.objects.len() - self.free_ids.len()
    }

    pub fn cells(&self, r: ObjRef) -> &[Value] {
        match self.objects.get(r.0 as usize).map(|o| &o.data) {
            Some(ObjData::Cells(c)) => c,
            _ => &[],
        }
    }

    pub fn cells_mut(&mut self, r: ObjRef) -> Option<&mut Vec<Value>> {
        match self.objects.get_mut(r.0 as usize).map(|o| &mut o.data) {
            Some(ObjData::Cells(c)) => Some(c),
            _ => None,
        }
    }

    pub fn map(&self, r: ObjRef) -> Option<&BTreeMap<Vec<u8>, (Value, Value)>> {
        match self.objects.get(r.0 as usize).map(|o| &o.data) {
            Some(ObjData::Map(m)) => Some(m),
            _ => None,
        }
    }

    pub fn map_mut(&mut self, r: ObjRef) -> Option<&mut BTreeMap<Vec<u8>, (Value, Value)>> {
        match self.objects.get_mut(r.0 as usize).map(|o| &mut o.data) {
            Some(ObjData::Map(m)) => Some(m),
            _ => None,
        }
    }
}

/// The canonical encoding of a map key: equal Go values encode equally; ints and strings
/// order naturally.
pub fn key_bytes(v: &Value, out: &mut Vec<u8>) {
    match v {
        Value::Nil => out.push(0),
        Value::Bool(b) => {
            out.push(1);
            out.push(*b as u8);
        }
        Value::Int(i) => {
            out.push(2);
            out.extend_from_slice(&((*i as u64) ^ (1 << 63)).to_be_bytes());
        }
        Value::Float(f) => {
            out.push(3);
            let f = if *f == 0.0 { 0.0 } else { *f };
            let bits = f.to_bits();
            let ord = if bits >> 63 == 1 {
                !bits
            } else {
                bits | (1 << 63)
            };
            out.extend_from_slice(&ord.to_be_bytes());
        }
        Value::Str(s) => {
            out.push(4);
            out.extend_from_slice(s);
            out.push(0);
            out.extend_from_slice(&(s.len() as u32).to_be_bytes());
        }
        Value::Agg(vs) => {
            out.push(5);
            for v in vs.iter() {
                key_bytes(v, out);
            }
        }
        Value::Ptr(p) => {
            out.push(6);
            out.extend_from_slice(&p.obj.0.to_be_bytes());
            for i in p.path.iter() {
                out.extend_from_slice(&i.to_be_bytes());
            }
        }
        Value::Iface(b) => {
            out.push(7);
            out.extend_from_slice(&b.0.0.to_be_bytes());
            key_bytes(&b.1, out);
        }
        Value::Slice(s) => {
            out.push(8);
            out.extend_from_slice(&s.obj.0.to_be_bytes());
        }
        Value::Map(m) => {
            out.push(9);
            out.extend_from_slice(&m.0.to_be_bytes());
        }
        Value::Chan(c) => {
            out.push(12);
            out.extend_from_slice(&c.0.to_be_bytes());
        }
        Value::Func(f, _) => {
            out.push(10);
            out.extend_from_slice(&f.0.to_be_bytes());
        }
        Value::Native(_) => out.push(11),
        Value::Cancel(h) => {
            out.push(13);
            out.extend_from_slice(&h.to_be_bytes());
        }
    }
}
