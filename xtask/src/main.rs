//! `cargo xtask`: goscope's build and test automation, in Rust instead of shell scripts.
//!
//! ```text
//! cargo xtask setup    install the tools the site needs (idempotent: skips what is present at the right version)
//! cargo xtask serve    setup, then `trunk serve` on http://127.0.0.1:8080
//! cargo xtask build    setup, then a release build of the static site into dist/ (sizes printed, budget checked)
//! cargo xtask labs     build each lab's lazily loaded wasm module (trunk runs this as a post-build hook)
//! cargo xtask test     setup, then every test: tidy, native, wasm in headless Chromium, end-to-end on dist/
//! cargo xtask tidy     rustfmt check, clippy -D warnings (native and wasm32), architecture invariants
//! cargo xtask fuzz     run the cargo-fuzz targets of fuzz/ (--seconds N each), print executions and findings
//! cargo xtask bench    goscope vs go (and yaegi) on tests/bench/*.go: median times, instructions/s
//! cargo xtask screenshot  build, then capture screenshots of the site (docs/screenshot.png and more)
//! ```
//!
//! Invariant: no command here downloads a binary from anywhere but crates.io, npm or apt.
//! Trunk runs `--offline` with the tools this file installed on PATH, so a version
//! mismatch is a loud error instead of a download from GitHub (which fails on these machines).

mod bench;
mod bench_more;
mod build;
mod fuzz;
mod labs;
mod release;
mod setup;
mod test;
mod util;

use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (cmd, rest) = match args.split_first() {
        Some((c, r)) => (c.as_str(), r),
        None => ("help", &[][..]),
    };
    let result = match cmd {
        "setup" => setup::setup().map(|_| ()),
        "serve" => build::serve(rest),
        "build" => build::build().map(|_| ()),
        "labs" => labs::labs(rest),
        "test" => test::test(rest),
        "tidy" => test::tidy(),
        "fuzz" => fuzz::fuzz(rest),
        "bench" => bench::bench(rest),
        "screenshot" => build::build().and_then(|_| test::screenshots()),
        "help" | "--help" | "-h" => {
            println!("{}", HELP);
            Ok(())
        }
        other => Err(format!("unknown command `{other}`\n\n{HELP}")),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("xtask: error: {e}");
            ExitCode::FAILURE
        }
    }
}

const HELP: &str = "usage: cargo xtask <command>

commands:
  setup       install missing tools (wasm32 target, trunk, wasm-bindgen-cli, wasm-opt, chromium, playwright-core)
  serve       setup + serve the site on http://127.0.0.1:8080 with live reload
  build       setup + release build of the static site into dist/
  labs        build the labs' wasm modules into dist/labs/ (trunk's post-build hook; --release, --out DIR)
  test        setup + every test (tidy, native, wasm in headless Chromium, end-to-end)
              flags: --skip-wasm, --skip-e2e, --skip-tidy
  tidy        rustfmt check, clippy -D warnings, architecture invariants
  fuzz        run each cargo-fuzz target for N seconds (--seconds N, default 60; or name targets)
  bench       goscope (release) vs go vs yaegi on tests/bench/*.go, 5 runs each, medians
              flags: --write (also write BENCHMARKS.md), --skip-browser (native tables only)
  screenshot  build + screenshots of the site into docs/";
