//! `cargo xtask fuzz [--seconds N] [TARGET...]`: runs the cargo-fuzz (libFuzzer) targets of
//! `fuzz/`, each for N seconds (default 60), and prints a table of executions, corpus size and
//! crashes.
//!
//! - cargo-fuzz is installed from crates.io on first use (it is not needed by the test suite).
//! - libFuzzer's instrumentation flags are nightly-only; `RUSTC_BOOTSTRAP=1` lets the pinned
//!   stable toolchain accept them (no nightly download, which these machines cannot do).
//!   `--sanitizer none`: goscope has no unsafe code, so ASan would only slow the search; the
//!   oracles are panics, determinism and the generated-program checks in each target.
//! - Text targets start from the Go conformance and litmus corpora (`tests/go`,
//!   `tests/litmus`), copied into `fuzz/corpus/<target>/` when it is empty.
//! - A crash leaves its input in `fuzz/artifacts/<target>/`; fix it, then add the input as a
//!   regression test (`tests/fuzz/`, run by `crates/runtime/tests/fuzz_regressions.rs`).

use crate::util::{Result, cmd, output, root, run};
use std::path::Path;

const TARGETS: &[(&str, bool)] = &[
    // (target, seeded with the Go corpora)
    ("lang_compile", true),
    ("vm_run", true),
    ("vm_generated", false),
    ("api_request", false),
    ("share_link", false),
];

pub fn fuzz(args: &[String]) -> Result {
    let mut seconds = 60u64;
    let mut chosen: Vec<String> = Vec::new();
    let mut it = args.iter();
    while let Some(a) = it.next() {
        if a == "--seconds" {
            seconds = it
                .next()
                .and_then(|s| s.parse().ok())
                .ok_or("--seconds needs a number")?;
        } else if TARGETS.iter().any(|(t, _)| t == a) {
            chosen.push(a.clone());
        } else {
            return Err(format!("unknown fuzz target or flag `{a}`"));
        }
    }
    if chosen.is_empty() {
        chosen = TARGETS.iter().map(|(t, _)| t.to_string()).collect();
    }
    ensure_cargo_fuzz()?;
    let fuzz_dir = root().join("fuzz");
    let mut rows = Vec::new();
    for target in &chosen {
        let seeded = TARGETS.iter().any(|(t, s)| t == target && *s);
        let corpus = fuzz_dir.join("corpus").join(target);
        std::fs::create_dir_all(&corpus).map_err(|e| e.to_string())?;
        if seeded && dir_len(&corpus) == 0 {
            for dir in ["tests/go", "tests/litmus"] {
                copy_go_files(&root().join(dir), &corpus)?;
            }
        }
        let log = fuzz_dir.join(format!("{target}.log"));
        let status = cmd("cargo")
            .current_dir(&fuzz_dir)
            .env("RUSTC_BOOTSTRAP", "1")
            .args(["fuzz", "run", "--sanitizer", "none", "-O", target])
            .arg("--")
            .arg(format!("-max_total_time={seconds}"))
            .args(["-timeout=30", "-rss_limit_mb=4096", "-print_final_stats=1"])
            .stderr(std::fs::File::create(&log).map_err(|e| e.to_string())?)
            .status()
            .map_err(|e| format!("cargo fuzz: {e}"))?;
        let text = std::fs::read_to_string(&log).unwrap_or_default();
        let execs = text
            .lines()
            .filter_map(|l| l.strip_prefix("stat::number_of_executed_units: "))
            .next_back()
            .unwrap_or("?")
            .trim()
            .to_string();
        let crashes = dir_len(&fuzz_dir.join("artifacts").join(target));
        rows.push((
            target.clone(),
            execs,
            dir_len(&corpus),
            crashes,
            status.success(),
        ));
        if !status.success() {
            eprintln!(
                "xtask: {target} stopped with a finding; see {}",
                log.display()
            );
        }
    }
    println!("| target | seconds | executions | corpus | crash inputs | result |");
    println!("|---|---:|---:|---:|---:|---|");
    for (t, execs, corpus, crashes, ok) in &rows {
        let result = if *ok { "clean" } else { "FINDING" };
        println!("| {t} | {seconds} | {execs} | {corpus} | {crashes} | {result} |");
    }
    if rows.iter().all(|r| r.4) {
        Ok(())
    } else {
        Err("a fuzz target found a crash (inputs in fuzz/artifacts/)".into())
    }
}

fn ensure_cargo_fuzz() -> Result {
    if output(cmd("cargo").args(["fuzz", "--version"])).is_some() {
        return Ok(());
    }
    run(cmd("cargo").args(["install", "cargo-fuzz", "--locked"]))
}

fn dir_len(dir: &Path) -> usize {
    std::fs::read_dir(dir).map_or(0, |d| d.count())
}

fn copy_go_files(from: &Path, to: &Path) -> Result {
    let Ok(entries) = std::fs::read_dir(from) else {
        return Ok(());
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.extension().is_some_and(|e| e == "go") {
            let name = path.file_name().unwrap_or_default();
            std::fs::copy(&path, to.join(name)).map_err(|e| e.to_string())?;
        }
    }
    Ok(())
}
