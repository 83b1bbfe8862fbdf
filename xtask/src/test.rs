//! `cargo xtask test` and `tidy`: every check goscope has, in the order that fails fastest.
//!
//! 1. tidy: rustfmt, clippy -D warnings (native crates and the wasm32 app);
//! 2. native: `cargo test` over the default members (all logic, the Go conformance corpus,
//!    the architecture invariants in xtask/tests);
//! 3. wasm: wasm-bindgen-test in headless Chromium (mounts the app, types, clicks Run);
//! 4. end-to-end: a release build of the site served from dist/ under a sub-path and
//!    driven by playwright-core in Chromium, failing on any console error.

use crate::build;
use crate::setup::{self, Tools};
use crate::util::{Result, cmd, root, run, tools_dir};

pub fn test(args: &[String]) -> Result {
    let skip = |what: &str| args.iter().any(|a| a == &format!("--skip-{what}"));
    if let Some(bad) = args
        .iter()
        .find(|a| !["--skip-tidy", "--skip-wasm", "--skip-e2e"].contains(&a.as_str()))
    {
        return Err(format!("unknown flag {bad}"));
    }
    let started = std::time::Instant::now();
    let tools = setup::setup()?;
    if !skip("tidy") {
        tidy_checks()?;
    }
    run(cmd("cargo").args(["test", "--locked"]))?;
    if !skip("wasm") {
        wasm_tests(&tools)?;
    }
    if !skip("e2e") {
        build::build_only()?;
        end_to_end(&tools, "check")?;
    }
    eprintln!(
        "xtask: all tests passed in {:.0} s",
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

pub fn tidy() -> Result {
    setup::setup()?;
    tidy_checks()?;
    // The architecture invariants are an ordinary test so `cargo test` checks them too.
    run(cmd("cargo").args(["test", "--locked", "-p", "xtask", "--test", "architecture"]))
}

fn tidy_checks() -> Result {
    run(cmd("cargo").args(["fmt", "--all", "--", "--check"]))?;
    run(cmd("cargo").args([
        "clippy",
        "--locked",
        "--all-targets",
        "--",
        "-D",
        "warnings",
    ]))?;
    run(cmd("cargo").args([
        "clippy",
        "--locked",
        "-p",
        "app",
        "--target",
        "wasm32-unknown-unknown",
        "--all-targets",
        "--",
        "-D",
        "warnings",
    ]))
}

fn wasm_tests(tools: &Tools) -> Result {
    run(cmd("cargo")
        .args([
            "test",
            "--locked",
            "-p",
            "app",
            "--target",
            "wasm32-unknown-unknown",
        ])
        .env("CHROMEDRIVER", &tools.chromedriver)
        // The runner's own timeout is 20 s per test file; UI tests that run programs need more on 2 cores.
        .env("WASM_BINDGEN_TEST_TIMEOUT", "120"))
}

/// Runs tests/e2e/e2e.mjs against dist/. `mode` is "check" (assertions) or "screenshots".
fn end_to_end(tools: &Tools, mode: &str) -> Result {
    run(cmd("node")
        .arg(root().join("tests/e2e/e2e.mjs"))
        .arg(mode)
        .env("NODE_PATH", tools_dir().join("node_modules"))
        .env("GOSCOPE_DIST", root().join("dist"))
        .env("CHROMIUM", &tools.chromium))
}

pub fn screenshots() -> Result {
    let tools = setup::setup()?;
    end_to_end(&tools, "screenshots")
}
