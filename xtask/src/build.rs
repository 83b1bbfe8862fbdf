//! `cargo xtask build` and `serve`: the static site through trunk, plus its size report.
//!
//! The site budget (gzipped, whole `dist/`) is checked after every release build so a
//! dependency that doubles the wasm fails the test suite instead of slipping through.

use crate::setup;
use crate::util::{Result, cmd, root, run};
use std::io::Write;
use std::path::Path;

/// Budget for the whole site, gzipped. Issue 2 set ≤ 400 KB for the first slice (it measured
/// 254.5 KB). The full language, the scheduler, the race detector and the Saga lab brought it
/// to 433.8 KB, and the Playground's player with its scheduler and channel views (a
/// `sim::Recorder<Machine>` alone costs ~11 KB) to ~470 KB. Raised to 500 KB, a documented step
/// until the labs and views are split into lazily loaded wasm modules (issue 11 re-sets this
/// from measurement).
pub const SITE_BUDGET_GZIP: u64 = 500 * 1024;

pub fn serve(args: &[String]) -> Result {
    setup::setup()?;
    let mut c = trunk();
    c.arg("serve");
    c.args(args);
    eprintln!("xtask: serving on http://127.0.0.1:8080/ (Ctrl+C to stop)");
    run(&mut c)
}

/// Release build into dist/; returns the size report.
pub fn build() -> Result<SiteSize> {
    setup::setup()?;
    build_only()
}

pub fn build_only() -> Result<SiteSize> {
    let started = std::time::Instant::now();
    run(trunk().args(["build", "--release"]))?;
    let secs = started.elapsed().as_secs_f64();
    let size = site_size(&root().join("dist"))?;
    eprintln!("xtask: release build took {secs:.1} s");
    eprintln!("{size}");
    if size.total_gzip > SITE_BUDGET_GZIP {
        return Err(format!(
            "site is {} gzipped, over the budget of {}",
            kb(size.total_gzip),
            kb(SITE_BUDGET_GZIP)
        ));
    }
    Ok(size)
}

fn trunk() -> std::process::Command {
    let mut c = cmd("trunk");
    c.env("TRUNK_SKIP_VERSION_CHECK", "true");
    c
}

/// Sizes of the built site, raw and gzipped (level 9, as a static host would serve it).
pub struct SiteSize {
    pub files: Vec<(String, u64, u64)>,
    pub total_raw: u64,
    pub total_gzip: u64,
}

impl std::fmt::Display for SiteSize {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        writeln!(f, "{:<48} {:>10} {:>10}", "file", "raw", "gzip")?;
        for (name, raw, gz) in &self.files {
            writeln!(f, "{:<48} {:>10} {:>10}", name, kb(*raw), kb(*gz))?;
        }
        write!(
            f,
            "{:<48} {:>10} {:>10}  (budget {})",
            "total",
            kb(self.total_raw),
            kb(self.total_gzip),
            kb(SITE_BUDGET_GZIP)
        )
    }
}

fn kb(bytes: u64) -> String {
    format!("{:.1} KB", bytes as f64 / 1024.0)
}

pub fn site_size(dist: &Path) -> Result<SiteSize> {
    let mut files = Vec::new();
    let mut stack = vec![dist.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let entries = std::fs::read_dir(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            let bytes = std::fs::read(&path).map_err(|e| format!("{}: {e}", path.display()))?;
            let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
            gz.write_all(&bytes).map_err(|e| e.to_string())?;
            let gz = gz.finish().map_err(|e| e.to_string())?;
            let name = path
                .strip_prefix(dist)
                .unwrap_or(&path)
                .display()
                .to_string();
            files.push((name, bytes.len() as u64, gz.len() as u64));
        }
    }
    files.sort();
    let total_raw = files.iter().map(|f| f.1).sum();
    let total_gzip = files.iter().map(|f| f.2).sum();
    Ok(SiteSize {
        files,
        total_raw,
        total_gzip,
    })
}
