//! The simulated Go runtime: a bytecode VM whose goroutines are explicit frame stacks.
//!
//! Codemap:
//! - [`value`]: runtime values; [`goroutine`]: `g` as data (frames over a value stack);
//! - [`machine`]: the whole program state, implementing `sim::Simulation` (one step = one
//!   instruction); `vm`: the dispatch loop; [`panic`](mod@panic): Go-style panics and tracebacks;
//! - [`fmt`](mod@fmt): Go's `fmt` verbs; [`event`]: the typed trace;
//! - [`execution`]: the public API ([`run`], [`Execution`]).
//!
//! Architecture invariants: deterministic (no clocks, threads, OS randomness or hash-order
//! iteration; every choice goes through `sim::Chooser`), no Rust recursion per Go call (wasm32
//! cannot switch stacks; later many goroutines are interleaved by a simulated G-M-P scheduler),
//! and no Rust panic for any input program.

//! Growth path (issue 3), so later work extends rather than replaces:
//! - **Goroutines and the G-M-P scheduler**: `Machine::goroutines` already holds many
//!   [`goroutine::Goroutine`]s and `Machine::current` says which runs; the scheduler becomes a
//!   `scheduler.rs` with `Processor`s (local run queue + runnext) and `Thread`s (Ms) choosing
//!   `current` between instructions through the `sim::Chooser`. `go f(x)` becomes an opcode that
//!   creates a `Goroutine` with one frame (the callee's arguments moved to its stack).
//! - **Heap-allocated things** (channels, slices, maps, pointers, closures' captured variables)
//!   become `Value` variants holding an index into a `heap.rs` arena owned by the machine, so a
//!   clone stays a snapshot and the GC can mark and sweep it.
//! - **defer/panic/recover**: a per-frame defer list; `Machine::panic_with` unwinds frames running
//!   deferred calls instead of exiting at once.
//! - **Interfaces**: `Value::Nil`'s neighbour `Iface(TypeId, Box<Value>)` carries dynamic types for
//!   `%T`, `%v` of named types and type switches.
//!
#![forbid(unsafe_code)]

pub mod budget;
pub mod chan;
pub mod clock;
pub mod event;
pub mod execution;
pub mod explore;
pub mod fingerprint;
pub mod fmt;
mod footprint;
pub mod gc;
pub mod goroutine;
pub mod goroutine_timeline;
pub mod heap;
pub mod heap_arena;
pub mod iface_event;
pub mod inspect;
pub mod itab;
pub mod machine;
pub mod natives;
pub mod panic;
pub mod profile;
pub mod race;
pub mod sched;
pub mod shared;
pub mod sync_event;
pub mod value;
pub mod values;
mod vm;
mod vm_atomic;
mod vm_context;
mod vm_data;
pub mod vm_iface;
mod vm_sched;
mod vm_select;
mod vm_sync;
mod vm_syscall;
mod vm_time;

pub use event::Event;
pub use execution::{
    BUDGET_EXIT_CODE, Execution, GcConfig, RunConfig, RunOutput, SIMULATED_NUM_CPU, run,
};
pub use machine::{MAX_FRAMES, Machine, Outcome};
pub use value::Value;
