//! Architecture invariants of ARCHITECTURE.md, checked on every `cargo test`.
//!
//! The deterministic core (sim, lang, runtime, and later services, gallery) must not know the
//! DOM, the wall clock, threads, OS randomness or HashMap iteration order; only `app` knows
//! the DOM. These are checked on the source text and the manifests, so a violation fails
//! here with the file and line, long before it shows up as a replay that differs.

use std::path::{Path, PathBuf};

const CORE: &[&str] = &["sim", "lang", "runtime", "services", "gallery"];

/// Source patterns the core must not contain, with the reason shown on failure.
const FORBIDDEN_SOURCE: &[(&str, &str)] = &[
    ("web_sys", "the DOM belongs to crates/app"),
    ("js_sys", "the DOM belongs to crates/app"),
    ("wasm_bindgen", "the DOM belongs to crates/app"),
    ("gloo", "the DOM belongs to crates/app"),
    (
        "std::time::Instant",
        "the wall clock breaks determinism (and panics on wasm32)",
    ),
    (
        "std::time::SystemTime",
        "the wall clock breaks determinism (and panics on wasm32)",
    ),
    ("Instant::now", "the wall clock breaks determinism"),
    ("SystemTime::now", "the wall clock breaks determinism"),
    ("std::thread", "goroutines are simulated, never OS threads"),
    (
        "thread_rng",
        "all randomness goes through the seeded sim::Chooser",
    ),
    (
        "getrandom",
        "all randomness goes through the seeded sim::Chooser",
    ),
    (
        "rand::",
        "all randomness goes through the seeded sim::Chooser",
    ),
    (
        "HashMap",
        "iteration order is random: use BTreeMap or a Vec",
    ),
    (
        "HashSet",
        "iteration order is random: use BTreeSet or a Vec",
    ),
];

/// Dependencies the core manifests must not have.
const FORBIDDEN_DEPS: &[&str] = &[
    "web-sys",
    "js-sys",
    "wasm-bindgen",
    "gloo",
    "yew",
    "getrandom",
    "rand",
    "tokio",
    "rayon",
];

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf()
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// Whether `code` contains `pat` as a whole path segment (so `operand::` is not `rand::`).
fn mentions(code: &str, pat: &str) -> bool {
    code.match_indices(pat).any(|(i, _)| {
        !code[..i]
            .chars()
            .next_back()
            .is_some_and(|c| c.is_alphanumeric() || c == '_')
    })
}

fn core_crates() -> Vec<(String, PathBuf)> {
    CORE.iter()
        .map(|c| (c.to_string(), root().join("crates").join(c)))
        .filter(|(_, p)| p.exists())
        .collect()
}

#[test]
fn core_crates_exist() {
    let names: Vec<_> = core_crates().into_iter().map(|(n, _)| n).collect();
    for required in ["sim", "lang", "runtime"] {
        assert!(
            names.iter().any(|n| n == required),
            "crates/{required} is missing"
        );
    }
}

#[test]
fn core_source_is_deterministic_and_dom_free() {
    let mut violations = Vec::new();
    for (_, dir) in core_crates() {
        let mut files = Vec::new();
        rust_files(&dir.join("src"), &mut files);
        for file in files {
            let text = std::fs::read_to_string(&file).unwrap();
            for (n, line) in text.lines().enumerate() {
                let code = line.split("//").next().unwrap_or("");
                for (pat, why) in FORBIDDEN_SOURCE {
                    if mentions(code, pat) {
                        violations.push(format!(
                            "{}:{}: `{pat}`: {why}",
                            file.strip_prefix(root()).unwrap().display(),
                            n + 1
                        ));
                    }
                }
            }
        }
    }
    assert!(
        violations.is_empty(),
        "architecture invariants broken:\n{}",
        violations.join("\n")
    );
}

#[test]
fn core_manifests_have_no_dom_or_os_dependencies() {
    let mut violations = Vec::new();
    for (name, dir) in core_crates() {
        let manifest = std::fs::read_to_string(dir.join("Cargo.toml")).unwrap();
        let mut in_deps = false;
        for line in manifest.lines() {
            let t = line.trim();
            if t.starts_with('[') {
                // dev-dependencies may use test tooling; normal and build dependencies may not.
                in_deps = t == "[dependencies]" || t == "[build-dependencies]";
                continue;
            }
            if !in_deps {
                continue;
            }
            let dep = t.split(['=', '.', ' ']).next().unwrap_or("");
            if FORBIDDEN_DEPS.contains(&dep) {
                violations.push(format!("crates/{name}/Cargo.toml depends on `{dep}`"));
            }
        }
    }
    assert!(
        violations.is_empty(),
        "core crates must not depend on:\n{}",
        violations.join("\n")
    );
}

#[test]
fn only_app_depends_on_yew() {
    let Ok(entries) = std::fs::read_dir(root().join("crates")) else {
        return;
    };
    for e in entries.flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        let Ok(manifest) = std::fs::read_to_string(e.path().join("Cargo.toml")) else {
            continue;
        };
        if name != "app" {
            assert!(
                !manifest.lines().any(|l| l.trim_start().starts_with("yew")),
                "crates/{name} depends on yew; only crates/app may know the DOM"
            );
        }
    }
}

#[test]
fn the_checker_itself_catches_a_violation() {
    // Guard against a scanner that silently finds nothing.
    let line = "let t = std::time::Instant::now(); // clock";
    let code = line.split("//").next().unwrap();
    assert!(FORBIDDEN_SOURCE.iter().any(|(p, _)| mentions(code, p)));
    assert!(mentions("use rand::Rng;", "rand::"));
    assert!(!mentions("let operand::x = 1;", "rand::"));
}

/// The lazy-labs invariant (crates/app/src/labs/mod.rs): the component a lab bin mounts
/// (`host::mount::<Component>` in `src/bin/lab_*.rs`) is never named by the main page's
/// code paths — the router, the App, the main bin — or it would be linked into the main wasm.
#[test]
fn lab_components_stay_out_of_the_main_page() {
    let app = root().join("crates/app/src");
    let mut bins = Vec::new();
    rust_files(&app.join("bin"), &mut bins);
    let mut labs = Vec::new();
    for bin in &bins {
        let code = std::fs::read_to_string(bin).unwrap();
        let start = code
            .find("mount::<")
            .unwrap_or_else(|| panic!("{} mounts no component", bin.display()));
        let path = &code[start + "mount::<".len()..];
        let path = &path[..path.find('>').unwrap()];
        labs.push(path.rsplit("::").next().unwrap().trim().to_string());
    }
    assert!(labs.iter().any(|c| c == "SagaLabPage"), "found {labs:?}");
    for main_file in ["router.rs", "app.rs", "main.rs", "lib.rs"] {
        let code = std::fs::read_to_string(app.join(main_file)).unwrap();
        for component in &labs {
            assert!(
                !mentions(&code, component),
                "crates/app/src/{main_file} names {component}, which must load lazily (see labs/mod.rs)"
            );
        }
    }
}
