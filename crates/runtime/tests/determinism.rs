//! Native half of the determinism check: FNV-1a 64 fingerprints of the traces of two
//! goroutine-heavy corpus programs (seed 1, GOMAXPROCS 2). `crates/app/tests/determinism.rs`
//! asserts the same constants in the browser (wasm32); if a change alters the traces on
//! purpose, update both files.

use runtime::fingerprint::{fnv1a64, trace_fingerprint};

const POOL: &str = include_str!("../../../tests/go/sync_worker_pool.go");
const SIEVE: &str = include_str!("../../../tests/go/conc_prime_sieve.go");

#[test]
fn fnv1a64_reference_values() {
    // Published FNV-1a 64 test vectors.
    assert_eq!(fnv1a64(b""), 0xcbf2_9ce4_8422_2325);
    assert_eq!(fnv1a64(b"a"), 0xaf63_dc4c_8601_ec8c);
    assert_eq!(fnv1a64(b"foobar"), 0x8594_4171_f739_67e8);
}

#[test]
fn worker_pool_trace_fingerprint() {
    assert_eq!(trace_fingerprint(POOL, 1, 2), Some(0xdea8_4243_b1cd_7f83));
}

#[test]
fn prime_sieve_trace_fingerprint() {
    assert_eq!(trace_fingerprint(SIEVE, 1, 2), Some(0x1b1d_bea4_df2d_83e9));
}
