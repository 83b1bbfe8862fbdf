//! Goroutines as data: an explicit frame stack over one value stack (`runtime/runtime2.go`'s
//! `g`; its status and wait reason are the scheduler's, `sched::GoroutineRecord`).
//!
//! A goroutine is never a Rust thread or a Rust call stack: calling a Go function pushes a
//! [`Frame`], returning pops it, so any number of goroutines can be interleaved step by step
//! and cloned for checkpoints. Invariant: `frames` is non-empty while the goroutine is not
//! dead; each frame's slots are `stack[base..base + num_slots]` and its operands
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

/// What a parked goroutine waits for, so that the partner that wakes it can deliver the
/// result onto its stack (Go copies it through the sudog's `elem`).
#[derive(Clone, Debug, PartialEq)]
pub enum Blocked {
    /// `<-c`: push the value, and `ok` if `comma_ok`.
    Recv { comma_ok: bool },
    /// `c <- v`: nothing to push; woken by `close` it panics `send on closed channel`.
    Send,
    /// `select`: push the chosen case's index, then the value and `ok` of a receive case.
    Select,
    /// `time.Sleep`, `sync` waits: nothing to deliver.
    Other,
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
#[derive(Debug)]
pub struct Goroutine {
    pub id: GoId,
    pub frames: Vec<Frame>,
    /// Slots and operands of all frames.
    pub stack: Vec<Value>,
    /// The panic being raised (value, message, recovered), if any (`_panic` list head).
    pub panicking: Option<(Value, String, bool)>,
    /// Earlier panics replaced by a panic in a deferred call, printed as Go does.
    pub earlier_panics: Vec<(String, bool)>,
    /// Set while parked (status and wait reason live in the scheduler's record).
    pub blocked: Option<Blocked>,
    /// A panic to raise when the goroutine resumes (a sender woken by `close`).
    pub resume_panic: Option<&'static str>,
    /// Where its `go` statement ran: creator, function name and line (tracebacks end with
    /// `created by main.main in goroutine 1`).
    pub created_by: Option<(GoId, std::rc::Rc<str>, u32)>,
    /// Started by `WaitGroup.Go` on this sync object: `Done` when the goroutine returns.
    pub waitgroup: Option<usize>,
}

/// Keeps the stack's and frames' capacities. Machines share goroutines copy-on-write
/// (`crate::shared`), so a goroutine is copied only when the live machine writes one that a
/// checkpoint shares, and the copy is the one that goes on running: a tight copy (what a
/// derived `Clone` makes) would reallocate at its next push or call, once per checkpoint
/// interval, and measured 1.6x slower replays on a 1,000-goroutine pool.
impl Clone for Goroutine {
    fn clone(&self) -> Self {
        let mut stack = Vec::with_capacity(self.stack.capacity());
        stack.extend_from_slice(&self.stack);
        let mut frames = Vec::with_capacity(self.frames.capacity());
        frames.extend_from_slice(&self.frames);
        Goroutine {
            id: self.id,
            frames,
            stack,
            panicking: self.panicking.clone(),
            earlier_panics: self.earlier_panics.clone(),
            blocked: self.blocked.clone(),
            resume_panic: self.resume_panic,
            created_by: self.created_by.clone(),
            waitgroup: self.waitgroup,
        }
    }
}

impl Goroutine {
    pub fn new(id: GoId) -> Goroutine {
        Goroutine {
            id,
            frames: Vec::new(),
            stack: Vec::new(),
            panicking: None,
            earlier_panics: Vec::new(),
            blocked: None,
            resume_panic: None,
            created_by: None,
            waitgroup: None,
        }
    }

    pub fn pop(&mut self) -> Value {
        self.stack.pop().unwrap_or_default()
    }

    // The interpreter's hot paths read and write scalars in place. Moving a whole `Value` out
    // of the stack and back goes through a temporary whose payload starts at byte 1 (the
    // layout of this enum), and reading it back stalls on store forwarding: measured at
    // 1.7x on a tight integer loop.

    /// `pop().as_int()`, reading the integer in place (an `Int` owns nothing to drop).
    #[inline]
    pub fn pop_int(&mut self) -> i64 {
        match self.stack.last() {
            Some(&Value::Int(i)) => {
                self.stack.truncate(self.stack.len() - 1);
                i
            }
            _ => self.pop().as_int(),
        }
    }

    /// Pushes a copy of stack slot `i` (`Nil` if out of range); scalars are written straight
    /// into the new slot instead of through a temporary.
    #[inline]
    pub fn push_copy_of(&mut self, i: usize) {
        match self.stack.get(i) {
            Some(&Value::Int(x)) => self.stack.push(Value::Int(x)),
            Some(v) => {
                let v = v.clone();
                self.stack.push(v);
            }
            None => self.stack.push(Value::Nil),
        }
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
