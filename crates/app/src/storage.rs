//! Remembering small things across visits: the language, the theme, the program being edited.
//!
//! Local storage is not guaranteed: private windows, blocked third-party storage inside an
//! iframe (embed mode) or a full quota all make it throw. None of that may break the page,
//! so every call here is infallible: each value is also kept in an in-memory map, which is
//! what reads fall back to when the browser refuses. The page then works for the session
//! and simply forgets on reload — silently, because there is nothing the learner can do.
//!
//! Integrity: a stored value can be damaged (a browser extension, a user editing storage in
//! devtools, a write cut short). Values are written as `v1:<fnv1a64 hex>:<value>`; a read whose
//! envelope or checksum does not match is ignored — the key is removed and remembered, and the
//! App shows a notice ([`take_damaged`]) instead of loading garbage into the editor. A value
//! without the envelope (written before it existed) is accepted as it is and re-enveloped on
//! its next save.

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

thread_local! {
    /// Keys whose stored value was damaged and ignored, not yet reported.
    static DAMAGED: RefCell<Vec<String>> = const { RefCell::new(Vec::new()) };
}

const ENVELOPE: &str = "v1:";

/// `value` as stored: `v1:<16 hex digits of FNV-1a 64>:<value>`.
pub fn seal(value: &str) -> String {
    format!(
        "{ENVELOPE}{:016x}:{value}",
        runtime::fingerprint::fnv1a64(value.as_bytes())
    )
}

/// The value inside a stored string, or `None` when its envelope or checksum is damaged. A
/// string without the envelope is a value written before the envelope existed and is
/// returned as it is.
pub fn unseal(stored: &str) -> Option<String> {
    let Some(rest) = stored.strip_prefix(ENVELOPE) else {
        return Some(stored.to_owned());
    };
    let (hex, value) = rest.split_once(':')?;
    let sum = u64::from_str_radix(hex, 16).ok()?;
    (hex.len() == 16 && sum == runtime::fingerprint::fnv1a64(value.as_bytes()))
        .then(|| value.to_owned())
}

/// Keys whose stored value was damaged and ignored since the last call (each reported once).
pub fn take_damaged() -> Vec<String> {
    DAMAGED.with(|d| {
        d.try_borrow_mut()
            .map(|mut d| std::mem::take(&mut *d))
            .unwrap_or_default()
    })
}

/// The stored value for `key`, from local storage when readable, else from memory. A damaged
/// value reads as absent (and is reported by [`take_damaged`]).
pub fn get(key: &str) -> Option<String> {
    if let Some(storage) = local()
        && let Ok(value) = storage.get_item(key)
    {
        let stored = value?;
        return match unseal(&stored) {
            Some(value) => Some(value),
            None => {
                let _ = storage.remove_item(key);
                DAMAGED.with(|d| {
                    if let Ok(mut d) = d.try_borrow_mut() {
                        d.push(key.to_owned());
                    }
                });
                None
            }
        };
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
        let _ = storage.set_item(key, &seal(value));
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

/// Where the labs keep what the learner typed (autosaved on every edit, restored on the next
/// visit or after a crash; "reset" forgets it). Versioned like the program.
pub const API_PROTO_KEY: &str = "goscope.lab.api.proto.v1";
/// The operator lab's YAML files, one key per file name.
pub const OPERATOR_FILE_KEY_PREFIX: &str = "goscope.lab.operator.file.v1.";
/// The operator lab's file names (kept here so tests can clear them).
pub const OPERATOR_FILE_KEYS: &[&str] = &[
    "goscope.lab.operator.file.v1.database-crd.yaml",
    "goscope.lab.operator.file.v1.my-db.yaml",
];

/// Every key this module writes, so tests can start from a clean slate.
pub const ALL_KEYS: &[&str] = &[
    PROGRAM_KEY,
    "goscope.lang",
    "goscope.theme",
    API_PROTO_KEY,
    OPERATOR_FILE_KEYS[0],
    OPERATOR_FILE_KEYS[1],
];

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

    #[wasm_bindgen_test(unsupported = test)]
    fn seals_and_detects_damage() {
        for value in [
            "",
            "en",
            "package main\n\nfunc main() {}\n",
            "v1:looks like an envelope",
            "值:值",
        ] {
            assert_eq!(unseal(&seal(value)).as_deref(), Some(value));
        }
        // Written before the envelope: accepted as is.
        assert_eq!(unseal("zh").as_deref(), Some("zh"));
        let sealed = seal("package main\n");
        // One character changed in the value, in the checksum, or a cut-short write.
        assert!(unseal(&sealed.replace("main", "mainx")).is_none());
        assert!(unseal(&format!("v1:0{}", &sealed[4..])).is_none());
        assert!(unseal(&sealed[..sealed.len() - 3]).is_none());
        assert!(unseal("v1:nothex:value").is_none());
        assert!(unseal("v1:").is_none());
    }

    #[wasm_bindgen_test]
    fn a_damaged_value_reads_as_absent_and_is_reported_once() {
        let raw = web_sys::window().unwrap().local_storage().unwrap().unwrap();
        raw.set_item("goscope.test.damaged", "v1:0000000000000000:package main")
            .unwrap();
        let _ = take_damaged();
        assert_eq!(get("goscope.test.damaged"), None);
        assert_eq!(take_damaged(), vec!["goscope.test.damaged".to_string()]);
        assert!(take_damaged().is_empty());
        assert_eq!(raw.get_item("goscope.test.damaged").unwrap(), None);
    }

    #[wasm_bindgen_test]
    fn program_round_trips() {
        save_program("package main\n");
        assert_eq!(load_program().as_deref(), Some("package main\n"));
        remove(PROGRAM_KEY);
        assert_eq!(load_program(), None);
    }
}
