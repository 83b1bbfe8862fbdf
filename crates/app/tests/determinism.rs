//! Browser half of the determinism check: the same FNV-1a 64 trace fingerprints as the native
//! `crates/runtime/tests/determinism.rs`, computed by the core compiled to wasm32 — the same
//! program, seed and GOMAXPROCS must give the same event trace on both targets.
//! Run: `CHROMEDRIVER=/usr/bin/chromedriver cargo test -p app --target wasm32-unknown-unknown --test determinism`.

use runtime::fingerprint::{fnv1a64, trace_fingerprint};
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

const POOL: &str = include_str!("../../../tests/go/sync_worker_pool.go");
const SIEVE: &str = include_str!("../../../tests/go/conc_prime_sieve.go");

#[wasm_bindgen_test]
fn fnv1a64_matches_native() {
    assert_eq!(fnv1a64(b"foobar"), 0x8594_4171_f739_67e8);
}

#[wasm_bindgen_test]
fn worker_pool_trace_fingerprint_matches_native() {
    assert_eq!(trace_fingerprint(POOL, 1, 2), Some(0xdea8_4243_b1cd_7f83));
}

#[wasm_bindgen_test]
fn prime_sieve_trace_fingerprint_matches_native() {
    assert_eq!(trace_fingerprint(SIEVE, 1, 2), Some(0x1b1d_bea4_df2d_83e9));
}
