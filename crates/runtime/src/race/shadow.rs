//! Shadow memory: per Go-visible location, the accesses that a later access must be ordered
//! after (FastTrack's `W_x` epoch and `R_x` epoch-or-vector), plus a short history of the
//! stores so that a racy load may return any store the Go memory model (go.dev/ref/mem) does
//! not rule out.
//!
//! Locations are what a Go program can share: globals, heap cells (escaping variables,
//! captured variables, `new`/`&T{}` objects, slice and array elements) addressed by object and
//! path, and maps as a whole (Go's race detector instruments `mapaccess`/`mapassign` on the
//! map header the same way). The VM's operand stack and non-escaping locals are private to a
//! goroutine and have no shadow. Granularity is the path: `*p = v` (path `[0]`) and `p.x = 1`
//! (path `[0, 1]`) are different locations, a simplification of Go's 8-byte shadow words that
//! can miss a race between a whole-struct store and a field store, never invent one.

use super::vclock::{Epoch, VClock};
use crate::value::Value;
use std::rc::Rc;

/// A Go-visible memory location.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Loc {
    Global(u32),
    /// A heap object and the element/field path inside it.
    Cell {
        obj: u32,
        path: Rc<[u32]>,
    },
    /// A map (all its entries), as `runtime/map.go`'s race hooks see it.
    Map(u32),
}

impl Loc {
    /// A deterministic fake address in Go's form (globals in the data segment near
    /// `0x00000060a000`, heap objects in the `0x00c000...` arena).
    pub fn address(&self) -> u64 {
        match self {
            Loc::Global(i) => 0x0000_0060_a000 + 8 * *i as u64,
            Loc::Cell { obj, path } => {
                let off: u64 = path.iter().map(|i| 8 * *i as u64).sum();
                0x00c0_0001_0000 + 0x100 * *obj as u64 + off
            }
            Loc::Map(obj) => 0x00c0_0001_0000 + 0x100 * *obj as u64,
        }
    }
}

/// One frame of a recorded stack: function name and line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StackFrame {
    pub func: Rc<str>,
    pub line: u32,
}

/// A stack, innermost frame first.
pub type Stack = Rc<[StackFrame]>;

/// A recorded access: when (epoch) and where (stack), for the report of a later race.
#[derive(Clone, Debug)]
pub struct Access {
    pub epoch: Epoch,
    pub stack: Stack,
}

/// A store kept for racy loads: its value, the storing goroutine and its clock then.
/// `init` marks the value the location held before any recorded store (the zero value or the
/// allocation's contents), which happens before everything.
#[derive(Clone, Debug)]
pub struct Store {
    pub seq: u64,
    pub value: Value,
    pub g: usize,
    pub vc: VClock,
    pub init: bool,
}

impl Store {
    /// Does this store happen before `other`?
    fn before_store(&self, other: &Store) -> bool {
        self.init || (!other.init && self.vc.get(self.g) <= other.vc.get(self.g))
    }

    /// Does this store happen before the step of a goroutine with clock `vc`?
    pub fn before(&self, vc: &VClock) -> bool {
        self.init || self.vc.get(self.g) <= vc.get(self.g)
    }
}

/// How many stores a location remembers: enough for the litmus tests' handful of writes.
pub const HISTORY: usize = 4;

/// The shadow state of one location.
#[derive(Clone, Debug, Default)]
pub struct Shadow {
    /// The last write (FastTrack's `W_x`).
    pub write: Option<Access>,
    /// Reads since the last write not yet known to be ordered: one epoch while reads are
    /// totally ordered, one per goroutine once they are concurrent (`R_x` read-shared).
    pub reads: Vec<Access>,
    /// The last stores, oldest first (only for globals and cells, whose values loads return).
    pub history: Vec<Store>,
    pub next_seq: u64,
}

impl Shadow {
    /// Records a store of `value` (with `old`, the value before it, as the initial store if
    /// the history is empty).
    pub fn push_store(&mut self, old: Option<Value>, value: Value, g: usize, vc: &VClock) {
        if self.history.is_empty()
            && let Some(old) = old
        {
            self.history.push(Store {
                seq: self.next_seq,
                value: old,
                g,
                vc: VClock::default(),
                init: true,
            });
            self.next_seq += 1;
        }
        self.history.push(Store {
            seq: self.next_seq,
            value,
            g,
            vc: vc.clone(),
            init: false,
        });
        self.next_seq += 1;
        if self.history.len() > HISTORY {
            self.history.remove(0);
        }
    }

    /// The stores a load by a goroutine with clock `vc` may observe (oldest first): those not
    /// overwritten by a store that itself happens before the load (go.dev/ref/mem: "a read r
    /// is allowed to observe a write w if ... there is no write w' such that w happens before
    /// w' and w' happens before r").
    pub fn visible(&self, vc: &VClock) -> Vec<&Store> {
        self.history
            .iter()
            .filter(|s| {
                !self
                    .history
                    .iter()
                    .any(|w| w.seq != s.seq && w.before(vc) && s.before_store(w))
            })
            .collect()
    }
}
