//! The share-link decoder on arbitrary fragments (issue 10's links arrive from anywhere: course
//! pages, chat, hand edits). Decoding must answer with a state or a `ShareError`, never
//! panic or allocate without bound (inflating stops at `MAX_BODY`); whatever decodes must
//! encode and decode again to the same state (the link a learner re-shares shows the same view).
#![no_main]

use app::share::{decode, encode, from_fragment};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    // As a whole fragment (`#/?s=...&step=...`) and as a bare `VERSION.DATA` payload.
    if let Ok(Some(state)) = from_fragment(text) {
        assert_eq!(
            decode(&encode(&state)),
            Ok(state.clone()),
            "fragment {text:?}"
        );
    }
    if let Ok(state) = decode(text) {
        assert_eq!(decode(&encode(&state)), Ok(state), "payload {text:?}");
    }
    // A valid version prefix in front of the fuzzer's bytes reaches the inflater.
    let _ = decode(&format!("1.{text}"));
});
