//! `cargo xtask labs`: builds each lab as its own lazily loaded wasm module.
//!
//! Trunk builds the main page (`goscope-web`); this command, run by trunk as a `post_build`
//! hook (Trunk.toml), builds every `goscope-lab-<slug>` bin of crates/app the same way trunk
//! would — cargo for wasm32, wasm-bindgen `--target web`, and in release wasm-opt with the
//! flags `index.html` gives trunk — into `<staging>/labs/<slug>-<hash>/lab.js` (+
//! `lab_bg.wasm`, snippets), then writes one `<meta name="goscope-lab" data-lab="<slug>"
//! content="labs/<slug>-<hash>/lab.js">` per lab into the staged `index.html`. The hash of the
//! module's files makes each lab cache-busted like trunk's own assets; the page reads the
//! tags (crates/app/src/labs/loader.rs) so it needs no manifest request.
//!
//! Outside trunk (`cargo xtask labs [--release] [--out DIR]`) it writes into `dist/`.

use crate::util::{Result, cmd, root, run};
use std::path::{Path, PathBuf};

/// The lab bins declared in crates/app/Cargo.toml: `(slug, bin name)`.
pub fn lab_bins() -> Result<Vec<(String, String)>> {
    let manifest = std::fs::read_to_string(root().join("crates/app/Cargo.toml"))
        .map_err(|e| format!("crates/app/Cargo.toml: {e}"))?;
    Ok(manifest
        .lines()
        .filter_map(|l| l.trim().strip_prefix("name = \"goscope-lab-"))
        .filter_map(|rest| rest.strip_suffix('"'))
        .map(|slug| (slug.to_string(), format!("goscope-lab-{slug}")))
        .collect())
}

pub fn labs(args: &[String]) -> Result {
    let staging = std::env::var_os("TRUNK_STAGING_DIR").map(PathBuf::from);
    let release = std::env::var("TRUNK_PROFILE").is_ok_and(|p| p == "release")
        || args.iter().any(|a| a == "--release");
    let out = match args.iter().position(|a| a == "--out") {
        Some(i) => PathBuf::from(args.get(i + 1).ok_or("--out needs a directory")?),
        None => staging.unwrap_or_else(|| root().join("dist")),
    };
    build_labs(&out, release)
}

fn build_labs(out: &Path, release: bool) -> Result {
    let bins = lab_bins()?;
    if bins.is_empty() {
        return Ok(());
    }
    let mut build = cmd("cargo");
    build.args(["build", "-p", "app", "--target", "wasm32-unknown-unknown"]);
    if release {
        build.arg("--release");
    }
    for (_, bin) in &bins {
        build.args(["--bin", bin]);
    }
    run(&mut build)?;

    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join("target"));
    let profile_dir =
        target
            .join("wasm32-unknown-unknown")
            .join(if release { "release" } else { "debug" });
    let labs_dir = out.join("labs");
    // A rebuild replaces every lab (old hashes would otherwise pile up under `trunk serve`).
    if labs_dir.exists() {
        std::fs::remove_dir_all(&labs_dir).map_err(|e| format!("{}: {e}", labs_dir.display()))?;
    }
    let mut metas = String::new();
    for (slug, bin) in &bins {
        let tmp = labs_dir.join(format!("{slug}.tmp"));
        run(cmd("wasm-bindgen")
            .args([
                "--target",
                "web",
                "--no-typescript",
                "--out-name",
                "lab",
                "--out-dir",
            ])
            .arg(&tmp)
            .arg(profile_dir.join(format!("{bin}.wasm"))))?;
        let wasm = tmp.join("lab_bg.wasm");
        if release {
            run(cmd("wasm-opt")
                .arg("-Oz")
                .args(wasm_opt_params()?.split_whitespace())
                .arg(&wasm)
                .arg("-o")
                .arg(&wasm))?;
        }
        let hash = hash_dir(&tmp)?;
        let dir_name = format!("{slug}-{hash:016x}");
        let dir = labs_dir.join(&dir_name);
        std::fs::rename(&tmp, &dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        metas.push_str(&format!(
            "<meta name=\"goscope-lab\" data-lab=\"{slug}\" content=\"labs/{dir_name}/lab.js\">\n"
        ));
    }
    write_metas(&out.join("index.html"), &metas)
}

/// The wasm-opt flags trunk gets from `index.html`, so labs and page are optimised alike.
fn wasm_opt_params() -> Result<String> {
    let html = std::fs::read_to_string(root().join("index.html"))
        .map_err(|e| format!("index.html: {e}"))?;
    let key = "data-wasm-opt-params=\"";
    let start = html
        .find(key)
        .ok_or("index.html has no data-wasm-opt-params")?
        + key.len();
    let len = html[start..]
        .find('"')
        .ok_or("unterminated data-wasm-opt-params")?;
    Ok(html[start..start + len].to_string())
}

/// Replaces the lab tags in `index.html` (none after a fresh trunk build; old ones if rerun).
fn write_metas(index: &Path, metas: &str) -> Result {
    let mut html =
        std::fs::read_to_string(index).map_err(|e| format!("{}: {e}", index.display()))?;
    const TAG: &str = "<meta name=\"goscope-lab\"";
    while let Some(start) = html.find(TAG) {
        let len = html[start..]
            .find('>')
            .ok_or("unterminated goscope-lab tag")?
            + 1;
        let end = start + len;
        let end = if html[end..].starts_with('\n') {
            end + 1
        } else {
            end
        };
        html.replace_range(start..end, "");
    }
    let at = html.find("</head>").ok_or("index.html has no </head>")?;
    html.insert_str(at, metas);
    std::fs::write(index, html).map_err(|e| format!("{}: {e}", index.display()))
}

/// FNV-1a over the files of a directory (sorted by path): a stable content hash for
/// cache-busting, not a security property.
fn hash_dir(dir: &Path) -> Result<u64> {
    let mut files = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).map_err(|e| format!("{}: {e}", d.display()))? {
            let path = entry.map_err(|e| e.to_string())?.path();
            if path.is_dir() {
                stack.push(path);
            } else {
                files.push(path);
            }
        }
    }
    files.sort();
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for f in files {
        let name = f
            .strip_prefix(dir)
            .unwrap_or(&f)
            .to_string_lossy()
            .into_owned();
        let bytes = std::fs::read(&f).map_err(|e| format!("{}: {e}", f.display()))?;
        for b in name.bytes().chain(bytes) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    Ok(h)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_saga_lab_bin() {
        let bins = lab_bins().unwrap();
        assert!(bins.contains(&("saga".to_string(), "goscope-lab-saga".to_string())));
    }

    #[test]
    fn metas_replace_old_ones_and_land_in_head() {
        let dir = std::env::temp_dir().join(format!("xtask-labs-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let index = dir.join("index.html");
        std::fs::write(
            &index,
            "<html><head><link rel=\"preload\"><meta name=\"goscope-lab\" data-lab=\"old\" content=\"x\"></head><body></body></html>\n",
        )
        .unwrap();
        write_metas(
            &index,
            "<meta name=\"goscope-lab\" data-lab=\"saga\" content=\"labs/saga-1/lab.js\">\n",
        )
        .unwrap();
        let html = std::fs::read_to_string(&index).unwrap();
        assert!(!html.contains("data-lab=\"old\""));
        let meta = html.find("data-lab=\"saga\"").unwrap();
        assert!(meta < html.find("</head>").unwrap());
        assert!(html.starts_with(
            "<html><head><link rel=\"preload\"><meta name=\"goscope-lab\" data-lab=\"saga\""
        ));
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
