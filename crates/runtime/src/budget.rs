//! Resource budgets beyond steps and output: live goroutines and heap bytes. A runaway program
//! (`for { go f() }`, `for { s = append(s, make([]byte, 1<<20)) }`) ends with a clear
//! `goscope: ...` message and exit status 2 instead of exhausting the browser tab's memory.
//!
//! Real Go has no such limits (it grows until the OS kills it, or `runtime: goroutine stack
//! exceeds` / `fatal error: runtime: out of memory`); these are goscope's own, checked by
//! [`crate::Execution`] every [`CHECK_EVERY`] steps, so a program overshoots a budget by at
//! most what that many instructions can allocate.
//!
//! The heap budget counts live Go bytes ([`crate::heap::Heap::live`], from the objects' Go
//! sizes; what the collector frees no longer counts). It is far below Go's own reach because the
//! simulation costs more than Go: every element of a slice is a [`crate::value::Value`]
//! (32 bytes), so 1 MiB of `[]byte` costs about 32 MiB of real memory.

use crate::machine::Machine;
use crate::sched::GStatus;

/// Live (not dead) goroutines allowed at once.
pub const MAX_GOROUTINES: usize = 100_000;

/// Live Go bytes the program may hold (see the module docs for why this is not larger).
pub const MAX_HEAP_BYTES: u64 = 32 << 20;

/// Steps between two budget checks.
pub const CHECK_EVERY: u64 = 64;

/// The `goscope: ...` message of the first budget `machine` exceeds, if any.
pub fn exceeded(machine: &Machine) -> Option<String> {
    let heap = machine.heap().live;
    if heap > MAX_HEAP_BYTES {
        return Some(format!(
            "goscope: program allocated more than {} MiB (its memory budget)",
            MAX_HEAP_BYTES >> 20
        ));
    }
    let records = machine.scheduler().goroutines();
    // The record count bounds the live count; only count when it could be over.
    if records.len() > MAX_GOROUTINES
        && records.iter().filter(|r| r.status != GStatus::Dead).count() > MAX_GOROUTINES
    {
        return Some(format!(
            "goscope: program has more than {MAX_GOROUTINES} live goroutines (its goroutine budget)"
        ));
    }
    None
}
