//! Remembering small things across visits: the language, the theme, the program being edited.
//!
//! Local storage is not guaranteed: private windows, blocked third-party storage inside an
//! iframe (embed mode) or a full quota all make it throw. None of that may break the page,
//! so every call here is infallible: each value is also kept in an in-memory map, which is
//! what reads fall back to when the browser refuses. The page then works for the session
//! and simply forgets on reload — silently, because there is nothing the learner can do.

use std::cell::RefCell;
use std::collections::BTreeMap;

thread_local! {
    /// The fallback when local storage is unavailable (wasm is single-threaded).
    static MEMORY: RefCell<BTreeMap<String, String>> = const { RefCell::new(BTreeMap::new()) };
}

/// The browser's local storage, if it exists and may be used.
fn local() -> Option<web_sys::Storage> {
    // `local_storage()` throws (SecurityError) when storage is blocked, and returns
    // `None` in some embedded contexts; both mean "not available".
    web_sys::window()?.local_storage().ok().flatten()
}

/// The stored value for `key`, from local storage when readable, else from memory.
pub fn get(key: &str) -> Option<String> {
    if let Some(storage) = local()
        && let Ok(value) = storage.get_item(key)
    {
        return value;
    }
    MEMORY.with(|m| m.try_borrow().ok()?.get(key).cloned())
}

/// Stores `value` under `key`; never fails (a full or blocked storage keeps it in memory).
pub fn set(key: &str, value: &str) {
    MEMORY.with(|m| {
        if let Ok(mut m) = m.try_borrow_mut() {
            m.insert(key.to_owned(), value.to_owned());
        }
    });
    if let Some(storage) = local() {
        let _ = storage.set_item(key, value);
    }
}

/// Forgets `key` everywhere.
pub fn remove(key: &str) {
    MEMORY.with(|m| {
        if let Ok(mut m) = m.try_borrow_mut() {
            m.remove(key);
        }
    });
    if let Some(storage) = local() {
        let _ = storage.remove_item(key);
    }
}

/// Where the Playground keeps the program being edited. Versioned so that a later
/// change of format can ignore old values instead of misreading them.
const PROGRAM_KEY: &str = "goscope.program.v1";

/// The program the learner was last editing, if any.
pub fn load_program() -> Option<String> {
    get(PROGRAM_KEY)
}

/// Saves the program being edited (the Playground debounces calls to this).
pub fn save_program(source: &str) {
    set(PROGRAM_KEY, source);
}

/// Every key this module writes, so tests can start from a clean slate.
pub const ALL_KEYS: &[&str] = &[PROGRAM_KEY, "goscope.lang", "goscope.theme"];

#[cfg(test)]
mod tests {
    use wasm_bindgen_test::wasm_bindgen_test;

    use super::*;

    #[wasm_bindgen_test]
    fn values_round_trip_and_can_be_removed() {
        set("goscope.test.key", "值 value");
        assert_eq!(get("goscope.test.key").as_deref(), Some("值 value"));
        remove("goscope.test.key");
        assert_eq!(get("goscope.test.key"), None);
    }

    #[wasm_bindgen_test]
    fn program_round_trips() {
        save_program("package main\n");
        assert_eq!(load_program().as_deref(), Some("package main\n"));
        remove(PROGRAM_KEY);
        assert_eq!(load_program(), None);
    }
}
