//! The lab's console: a few go commands over a [`Project`] (the registry plus the main module's
//! go.mod), printing what the go command prints.
//!
//! - `go list -m all` — the build list; `go mod graph` — the requirement edges;
//! - `go get [-u | -u=patch] path[@query]...` — rewrites go.mod, reports `go: upgraded ...` on
//!   stderr (`-u=minor` is not a go flag: the go command rejects it, and so does this console);
//! - `go mod edit -require=path@v -droprequire=path -exclude=path@v -dropexclude=path@v
//!   -replace=old[@v]=new[@v] -dropreplace=old[@v]`;
//! - `cat go.mod`.
//!
//! Invariant: a command never panics; errors print as the go command's `go: ...` lines with a
//! non-zero exit status, and leave go.mod unchanged.

use super::get::{self, UpgradeMode};
use super::gomod::{self, GoMod, ModuleVersion, Replace, ReplaceTarget, Require};
use super::graph::{Graph, Registry};
use super::mvs::{self, BuildList};
use super::semver;

/// What a command printed.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Output {
    pub stdout: String,
    pub stderr: String,
    pub exit: i32,
}

impl Output {
    fn ok(stdout: String) -> Self {
        Output {
            stdout,
            ..Output::default()
        }
    }
    fn err(stderr: impl Into<String>) -> Self {
        let mut stderr = stderr.into();
        if !stderr.ends_with('\n') {
            stderr.push('\n');
        }
        Output {
            stderr,
            exit: 1,
            ..Output::default()
        }
    }
}

/// The lab's world: the proxy's modules and the main module.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Project {
    pub registry: Registry,
    /// The main module's go.mod text (rewritten by `go get` and `go mod edit`).
    pub main: String,
}

impl Project {
    pub fn new(registry: Registry, main: &str) -> Self {
        Project {
            registry,
            main: main.to_string(),
        }
    }

    /// The parsed main go.mod, or its errors as the go command prints them.
    pub fn main_mod(&self) -> Result<GoMod, String> {
        gomod::parse(&self.main).map_err(|errs| {
            let mut s = String::from("go: errors parsing go.mod:\n");
            for e in errs {
                s.push_str(&e.to_string());
                s.push('\n');
            }
            s
        })
    }

    /// The current build list, with its step log.
    pub fn build_list(&self) -> Result<(GoMod, BuildList), String> {
        let main = self.main_mod()?;
        let bl = mvs::build_list(&Graph::new(&self.registry, &main), None)
            .map_err(|e| format!("go: {e}"))?;
        Ok((main, bl))
    }

    /// Runs one console line.
    pub fn run(&mut self, line: &str) -> Output {
        let words: Vec<&str> = line.split_whitespace().collect();
        match words.as_slice() {
            [] => Output::default(),
            ["cat", "go.mod"] => Output::ok(self.main.clone()),
            ["go", "list", "-m", "all"] => match self.build_list() {
                Ok((main, bl)) => {
                    Output::ok(mvs::list_m_all(&Graph::new(&self.registry, &main), &bl))
                }
                Err(e) => Output::err(e),
            },
            ["go", "mod", "graph"] => match self.build_list() {
                Ok((main, bl)) => {
                    Output::ok(mvs::mod_graph(&Graph::new(&self.registry, &main), &bl))
                }
                Err(e) => Output::err(e),
            },
            ["go", "get", rest @ ..] => self.get(rest),
            ["go", "mod", "edit", rest @ ..] => self.edit(rest),
            _ => Output::err(format!(
                "goscope: this console knows go list -m all, go mod graph, go get, go mod edit, cat go.mod (not {line:?})"
            )),
        }
    }

    fn get(&mut self, words: &[&str]) -> Output {
        let mut mode = UpgradeMode::None;
        let mut args = Vec::new();
        for w in words {
            match *w {
                "-u" => mode = UpgradeMode::Minor,
                "-u=patch" => mode = UpgradeMode::Patch,
                w if w.starts_with("-u=") => {
                    return Output::err(format!("go: unknown upgrade flag {w}"));
                }
                w if w.starts_with('-') => {
                    return Output::err(format!("flag provided but not defined: {w}"));
                }
                w => args.push(w),
            }
        }
        let main = match self.main_mod() {
            Ok(m) => m,
            Err(e) => return Output::err(e),
        };
        if args.is_empty() {
            // `go get` alone means the package in the current directory: the main module's,
            // whose imports this lab does not model — nothing changes.
            return Output::default();
        }
        match get::go_get(&self.registry, &main, mode, &args) {
            Ok(r) => {
                self.main = r.go_mod.format();
                Output {
                    stdout: String::new(),
                    stderr: r.report,
                    exit: 0,
                }
            }
            Err(e) => Output::err(e),
        }
    }

    fn edit(&mut self, words: &[&str]) -> Output {
        let mut main = match self.main_mod() {
            Ok(m) => m,
            Err(e) => return Output::err(e),
        };
        let split_at = |s: &str| -> (String, String) {
            match s.split_once('@') {
                Some((p, v)) => (p.to_string(), v.to_string()),
                None => (s.to_string(), String::new()),
            }
        };
        for w in words {
            let Some((flag, value)) = w.split_once('=') else {
                return Output::err(format!("go: go mod edit: unknown flag {w}"));
            };
            match flag {
                "-require" | "-exclude" | "-dropexclude" => {
                    let (p, v) = split_at(value);
                    if let Err(e) = semver::check_path_version(&p, &v) {
                        return Output::err(format!("go: {flag}={value}: {e}"));
                    }
                    let mv = ModuleVersion::new(&p, &v);
                    match flag {
                        "-require" => match main.require.iter_mut().find(|r| r.module.path == p) {
                            Some(r) => r.module.version = v,
                            None => main.require.push(Require {
                                module: mv,
                                indirect: false,
                                line: 0,
                            }),
                        },
                        "-exclude" if !main.exclude.contains(&mv) => main.exclude.push(mv),
                        "-dropexclude" => main.exclude.retain(|e| *e != mv),
                        _ => {}
                    }
                }
                "-droprequire" => main.require.retain(|r| r.module.path != value),
                "-replace" => {
                    let Some((old, new)) = value.split_once('=') else {
                        return Output::err(format!(
                            "go: -replace={value}: need old[@v]=new[@w] (missing =)"
                        ));
                    };
                    let (op, ov) = split_at(old);
                    let target = if new.starts_with("./")
                        || new.starts_with("../")
                        || new.starts_with('/')
                    {
                        ReplaceTarget::Dir(new.to_string())
                    } else {
                        let (np, nv) = split_at(new);
                        if nv.is_empty() {
                            return Output::err(format!(
                                "go: -replace={value}: unversioned new path must be local directory"
                            ));
                        }
                        ReplaceTarget::Module(ModuleVersion::new(&np, &nv))
                    };
                    main.replace
                        .retain(|r| !(r.old.path == op && r.old.version == ov));
                    main.replace.push(Replace {
                        old: ModuleVersion::new(&op, &ov),
                        new: target,
                    });
                }
                "-dropreplace" => {
                    let (op, ov) = split_at(value);
                    main.replace
                        .retain(|r| !(r.old.path == op && r.old.version == ov));
                }
                _ => return Output::err(format!("go: go mod edit: unknown flag {flag}")),
            }
        }
        self.main = main.format();
        Output::default()
    }
}
