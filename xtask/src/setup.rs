//! `cargo xtask setup`: install every tool goscope needs, skipping what is already present
//! at the right version. The versions and traps are those of ../shared/design/TOOLCHAIN.md:
//! trunk 0.21.14 (0.22 needs a newer rustc), wasm-bindgen-cli at exactly the Cargo.lock
//! version (trunk downloads from GitHub otherwise), wasm-opt from npm binaryen 132 (Debian's
//! binaryen cannot read current rustc output), Debian chromium + chromium-driver.

use crate::util::{self, Result, cmd, output, run};
use std::path::PathBuf;
use std::process::Command;

pub const TRUNK_VERSION: &str = "0.21.14";
pub const BINARYEN_VERSION: &str = "132.0.0";
pub const PLAYWRIGHT_VERSION: &str = "1.65";

/// Paths of the browser tools found or installed.
pub struct Tools {
    pub chromium: PathBuf,
    pub chromedriver: PathBuf,
}

pub fn setup() -> Result<Tools> {
    wasm_target()?;
    trunk()?;
    wasm_bindgen()?;
    npm_tools()?;
    let tools = browser()?;
    // Trunk runs offline (it must never download), so every crate must already be here.
    run(cmd("cargo").args(["fetch", "--locked"]))?;
    eprintln!("xtask: setup complete");
    Ok(tools)
}

fn wasm_target() -> Result {
    let installed =
        output(Command::new("rustup").args(["target", "list", "--installed"])).unwrap_or_default();
    if installed
        .lines()
        .any(|l| l.trim() == "wasm32-unknown-unknown")
    {
        return skip("wasm32-unknown-unknown target");
    }
    run(Command::new("rustup").args(["target", "add", "wasm32-unknown-unknown"]))
}

fn trunk() -> Result {
    if version_of("trunk").is_some_and(|v| v.contains(TRUNK_VERSION)) {
        return skip(&format!("trunk {TRUNK_VERSION}"));
    }
    // LTO off and many codegen units: trunk is a build tool, a faster install beats a faster binary.
    let install = |locked: bool| {
        let mut c = cmd("cargo");
        c.args(["install", "trunk", "--version", TRUNK_VERSION])
            .env("CARGO_PROFILE_RELEASE_LTO", "false")
            .env("CARGO_PROFILE_RELEASE_CODEGEN_UNITS", "16");
        if locked {
            c.arg("--locked");
        }
        run(&mut c)
    };
    // `--locked` can name a crate version the registry mirror lacks; tools may then float.
    install(true).or_else(|_| install(false))
}

/// The wasm-bindgen version pinned in Cargo.lock: the CLI must match it exactly.
pub fn locked_wasm_bindgen_version() -> Result<String> {
    let lock = std::fs::read_to_string(util::root().join("Cargo.lock"))
        .map_err(|e| format!("cannot read Cargo.lock: {e}"))?;
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line.trim() == "name = \"wasm-bindgen\""
            && let Some(v) = lines
                .next()
                .and_then(|l| l.trim().strip_prefix("version = "))
        {
            return Ok(v.trim_matches('"').to_string());
        }
    }
    Err("wasm-bindgen is not in Cargo.lock".into())
}

fn wasm_bindgen() -> Result {
    let want = locked_wasm_bindgen_version()?;
    let have_cli =
        version_of("wasm-bindgen").is_some_and(|v| v.split_whitespace().nth(1) == Some(&want));
    let have_runner = version_of("wasm-bindgen-test-runner")
        .is_some_and(|v| v.split_whitespace().nth(1) == Some(&want));
    if have_cli && have_runner {
        return skip(&format!("wasm-bindgen-cli {want}"));
    }
    // Without --locked: the locked set wants a webpki-roots the registry here does not serve.
    run(cmd("cargo").args(["install", "wasm-bindgen-cli", "--force", "--version", &want]))
}

fn npm_tools() -> Result {
    let dir = util::tools_dir();
    let bin = dir.join("node_modules/.bin");
    let wasm_opt_ok =
        output(Command::new(bin.join("wasm-opt")).arg("--version")).is_some_and(|v| {
            v.contains(&format!(
                "version {}",
                BINARYEN_VERSION.split('.').next().unwrap_or("")
            ))
        });
    let playwright_ok =
        std::fs::read_to_string(dir.join("node_modules/playwright-core/package.json"))
            .is_ok_and(|p| p.contains(&format!("\"version\": \"{PLAYWRIGHT_VERSION}")));
    if wasm_opt_ok && playwright_ok {
        return skip(&format!(
            "wasm-opt (binaryen {BINARYEN_VERSION}) and playwright-core {PLAYWRIGHT_VERSION}"
        ));
    }
    if version_of("npm").is_none() {
        return Err(
            "npm is missing: install Node.js 20 and npm (apt-get install nodejs npm)".into(),
        );
    }
    std::fs::create_dir_all(&dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    if !dir.join("package.json").exists() {
        std::fs::write(
            dir.join("package.json"),
            "{\"name\":\"goscope-tools\",\"private\":true}\n",
        )
        .map_err(|e| e.to_string())?;
    }
    run(cmd("npm")
        .current_dir(&dir)
        .args(["install", "--no-audit", "--no-fund"])
        .arg(format!("binaryen@{BINARYEN_VERSION}"))
        .arg(format!("playwright-core@~{PLAYWRIGHT_VERSION}.0")))
}

/// A CJK font, so that headless screenshots show 中文 instead of boxes (learners read Chinese).
const CJK_FONT: &str = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc";

fn browser() -> Result<Tools> {
    let find = |names: &[&str]| names.iter().map(PathBuf::from).find(|p| p.exists());
    let chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"];
    let driver = ["/usr/bin/chromedriver"];
    let font = std::path::Path::new(CJK_FONT).exists();
    if let (Some(c), Some(d), true) = (find(&chromium), find(&driver), font) {
        skip("chromium, chromedriver and a CJK font")?;
        return Ok(Tools {
            chromium: c,
            chromedriver: d,
        });
    }
    if !util::is_root() {
        return Err("Chromium (or the CJK font) is missing. Install them with:\n  \
             sudo apt-get update && sudo apt-get install -y chromium chromium-driver fonts-wqy-microhei"
            .into());
    }
    run(Command::new("apt-get").arg("update"))?;
    run(Command::new("apt-get")
        .args(["install", "-y", "--no-install-recommends"])
        .args(["chromium", "chromium-driver", "fonts-wqy-microhei"])
        .env("DEBIAN_FRONTEND", "noninteractive"))?;
    match (find(&chromium), find(&driver)) {
        (Some(c), Some(d)) => Ok(Tools {
            chromium: c,
            chromedriver: d,
        }),
        _ => Err(
            "apt-get installed chromium but /usr/bin/chromium or /usr/bin/chromedriver is missing"
                .into(),
        ),
    }
}

fn version_of(tool: &str) -> Option<String> {
    output(cmd(tool).arg("--version"))
}

fn skip(what: &str) -> Result {
    eprintln!("xtask: {what}: present, skipping");
    Ok(())
}
