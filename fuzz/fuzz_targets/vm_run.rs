//! The VM on mutated programs: libFuzzer starts from the Go conformance corpus
//! (tests/go/*.go, copied in as seeds by `cargo xtask fuzz`) and mutates the text; whatever
//! compiles runs under a small step budget, twice, and must neither panic nor differ
//! between the two runs (same seed ⇒ same output: the determinism invariant).
#![no_main]

use libfuzzer_sys::fuzz_target;
use runtime::RunConfig;

fuzz_target!(|data: &[u8]| {
    let Ok(source) = std::str::from_utf8(data) else {
        return;
    };
    if lang::compile(source).is_err() {
        return;
    }
    let config = RunConfig {
        seed: data.len() as u64,
        max_steps: 200_000,
        gomaxprocs: 1 + data.first().map_or(0, |b| usize::from(b % 4)),
        race: data.last().is_some_and(|b| b % 2 == 0),
        profile: None,
    };
    let first = runtime::run("prog.go", source, &config);
    let second = runtime::run("prog.go", source, &config);
    assert_eq!(first, second, "same program and seed, different runs");
});
