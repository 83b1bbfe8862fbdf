//! A fingerprint of a run: FNV-1a 64 over [`Execution::trace`]'s text, so native and wasm
//! builds can be compared by a constant instead of by megabytes of trace.
//!
//! Determinism is an architecture invariant (same program, seed and GOMAXPROCS give the same
//! event trace everywhere); `crates/runtime/tests/determinism.rs` and the browser test
//! `crates/app/tests/determinism.rs` assert the *same* constants, so a difference between
//! targets — a `usize` width leak, float formatting, iteration order — fails one of them.
//! FNV-1a is written out here rather than taken from a crate: ten lines, no dependency, and
//! `std`'s hashers are not specified to be stable across targets or releases.

use crate::execution::{Execution, RunConfig};

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;

/// FNV-1a, 64-bit (http://www.isthe.com/chongo/tech/comp/fnv/).
pub fn fnv1a64(bytes: &[u8]) -> u64 {
    let mut h = FNV_OFFSET;
    for &b in bytes {
        h ^= b as u64;
        h = h.wrapping_mul(FNV_PRIME);
    }
    h
}

/// Runs `source` to the end with `seed` and `gomaxprocs` and hashes its trace text.
/// `None` if it does not compile.
pub fn trace_fingerprint(source: &str, seed: u64, gomaxprocs: usize) -> Option<u64> {
    let config = RunConfig {
        seed,
        gomaxprocs,
        ..RunConfig::default()
    };
    let mut e = Execution::start("prog.go", source, &config).ok()?;
    while !e.advance(4096) {}
    Some(fnv1a64(e.trace().as_bytes()))
}
