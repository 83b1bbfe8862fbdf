//! Goroutines as data: an explicit frame stack over one value stack (`runtime/runtime2.go`'s
//! `g`, without the scheduler fields that come with the G-M-P model).
//!
//! A goroutine is never a Rust thread or a Rust call stack: calling a Go function pushes a
//! [`Frame`], returning pops it, so any number of goroutines can be interleaved step by step
//! and cloned for checkpoints. Invariant: `frames` is non-empty while the goroutine is not
//! [`GStatus::Dead`]; each frame's slots are `stack[base..base + num_slots]` and its operands
//! lie above them, below the next frame's base.

use crate::value::Value;
use lang::bytecode::FuncId;

/// Goroutine id, printed as `g1`, `g2`, ... (`goid`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct GoId(pub u64);

impl std::fmt::Display for GoId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "g{}", self.0)
    }
}

/// Goroutine states (`_Grunnable`, `_Grunning`, `_Gwaiting`, `_Gdead` in runtime2.go).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GStatus {
    Runnable,
    Running,
    Waiting,
    Dead,
}

/// One activation of a function.
#[derive(Clone, Debug, PartialEq)]
pub struct Frame {
    pub func: FuncId,
    /// Index of the next instruction.
    pub pc: u32,
    /// Index in the goroutine's value stack of slot 0.
    pub base: u32,
    /// The captured-variable list of a closure.
    pub env: Option<crate::heap::ObjRef>,
    /// Deferred calls (function value and arguments), run LIFO when the function returns.
    pub defers: Vec<(Value, Vec<Value>)>,
    /// This frame runs a deferred call (so `recover` may stop a panic here).
    pub deferred: bool,
    /// A native (`sort.Slice`, fmt calling `String()`) suspended while this frame runs Go code
    /// for it; resumed when that call returns (see `natives`).
    pub pending: Option<Box<crate::natives::Pending>>,
}

/// A goroutine (`g`).
#[derive(Clone, Debug)]
pub struct Goroutine {
    pub id: GoId,
    pub status: GStatus,
    pub frames: Vec<Frame>,
    /// Slots and operands of all frames.
    pub stack: Vec<Value>,
    /// The panic being raised (value, message, recovered), if any (`_panic` list head).
    pub panicking: Option<(Value, String, bool)>,
    /// Earlier panics replaced by a panic in a deferred call, printed as Go does.
    pub earlier_panics: Vec<(String, bool)>,
}

impl Goroutine {
    pub fn new(id: GoId) -> Goroutine {
        Goroutine {
            id,
            status: GStatus::Runnable,
            frames: Vec::new(),
            stack: Vec::new(),
            panicking: None,
            earlier_panics: Vec::new(),
        }
    }

    pub fn pop(&mut self) -> Value {
        self.stack.pop().unwrap_or_default()
    }

    pub fn push(&mut self, v: Value) {
        self.stack.push(v);
    }

    /// Pops the top `n` values, in push order.
    pub fn pop_n(&mut self, n: usize) -> Vec<Value> {
        let at = self.stack.len().saturating_sub(n);
        self.stack.split_off(at)
    }
}
