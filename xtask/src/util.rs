//! Small process helpers shared by the xtask commands.

use std::path::{Path, PathBuf};
use std::process::Command;

pub type Result<T = ()> = std::result::Result<T, String>;

/// The workspace root (the parent of this crate's directory).
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask lives one level below the workspace root")
        .to_path_buf()
}

/// Where npm-installed tools live (wasm-opt from binaryen, playwright-core). Outside the
/// checkout so that a fresh clone on the same machine reuses them; `GOSCOPE_TOOLS` overrides.
pub fn tools_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("GOSCOPE_TOOLS") {
        return PathBuf::from(dir);
    }
    match std::env::var_os("HOME") {
        Some(home) => PathBuf::from(home).join(".cache/goscope/tools"),
        None => root().join("target/tools"),
    }
}

/// The cargo bin directory where `cargo install` puts trunk and wasm-bindgen.
pub fn cargo_bin_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("CARGO_HOME") {
        return PathBuf::from(dir).join("bin");
    }
    match std::env::var_os("HOME") {
        Some(home) => PathBuf::from(home).join(".cargo/bin"),
        None => PathBuf::from("/root/.cargo/bin"),
    }
}

/// PATH with our tool folders first, so an old Debian `wasm-opt` can never shadow binaryen 132.
pub fn tool_path() -> std::ffi::OsString {
    let mut dirs = vec![tools_dir().join("node_modules/.bin"), cargo_bin_dir()];
    if let Some(path) = std::env::var_os("PATH") {
        dirs.extend(std::env::split_paths(&path));
    }
    std::env::join_paths(dirs).unwrap_or_default()
}

/// A command with the tool PATH and the workspace root as working directory.
pub fn cmd(program: &str) -> Command {
    let mut c = Command::new(program);
    c.env("PATH", tool_path()).current_dir(root());
    c
}

/// Runs a command to completion, echoing it first; a non-zero exit is an error.
pub fn run(c: &mut Command) -> Result {
    eprintln!("$ {}", show(c));
    let status = c
        .status()
        .map_err(|e| format!("could not start `{}`: {e}", show(c)))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("`{}` failed ({status})", show(c)))
    }
}

/// Runs a command and returns its stdout, or None if it could not run or failed.
pub fn output(c: &mut Command) -> Option<String> {
    let out = c.output().ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}

fn show(c: &Command) -> String {
    let mut s = c.get_program().to_string_lossy().into_owned();
    for a in c.get_args() {
        s.push(' ');
        s.push_str(&a.to_string_lossy());
    }
    s
}

/// Whether we run as root (and may use apt-get).
pub fn is_root() -> bool {
    output(Command::new("id").arg("-u")).is_some_and(|s| s.trim() == "0")
}
