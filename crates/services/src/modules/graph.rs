//! The lab's "proxy": a registry of module versions and their go.mod files, and the module
//! requirement graph seen from a main module (`mvs.Reqs` in cmd/go/internal/mvs,
//! `modload.mvsReqs` in cmd/go/internal/modload).
//!
//! A [`Registry`] is written as a txtar-like text, one go.mod per `-- path@version --` header
//! (a local directory for `replace m => ./dir` is `-- ./dir --`). Versions are kept in semver
//! order per path, which is the order `$GOPROXY/<path>/@v/list` gives the go command.
//!
//! [`Graph`] answers `Required(m)` for the main module's view of the world: the main module's
//! `replace` directives substitute another module's (or directory's) go.mod for `m`'s, and
//! its `exclude` directives drop requirements on excluded versions (Go ≥ 1.16 semantics: the
//! requirement is ignored, not bumped). Every dependency in the fixture declares `go 1.16`,
//! so the graph is never pruned (Go 1.17's lazy loading applies only to dependencies whose
//! go.mod says `go 1.17` or later) — the lab says so and the comparison cases rely on it.

use super::gomod::{self, GoMod, ModError, ModuleVersion, ReplaceTarget};
use super::semver;
use std::collections::BTreeMap;

/// One module version in the registry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub version: String,
    /// The go.mod text as the learner wrote it.
    pub text: String,
    /// The parsed go.mod, or its errors.
    pub parsed: Result<GoMod, Vec<ModError>>,
}

/// All module versions the lab's proxy serves, by path, versions in semver order.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Registry {
    pub modules: BTreeMap<String, Vec<Entry>>,
}

/// A registry text that could not be split into files.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegistryError {
    pub line: usize,
    pub message: String,
}

impl Registry {
    /// Splits `-- path@version --` sections; each go.mod is parsed (errors are kept in the
    /// entry, so one broken file does not hide the others).
    pub fn parse(text: &str) -> Result<Registry, RegistryError> {
        let mut reg = Registry::default();
        let mut current: Option<(String, String, String)> = None;
        let flush = |reg: &mut Registry, cur: Option<(String, String, String)>| {
            if let Some((path, version, body)) = cur {
                reg.insert(&path, &version, &body);
            }
        };
        for (i, line) in text.lines().enumerate() {
            if let Some(h) = line.strip_prefix("-- ").and_then(|l| l.strip_suffix(" --")) {
                flush(&mut reg, current.take());
                let (path, version) = match h.split_once('@') {
                    Some((p, v)) => (p.to_string(), v.to_string()),
                    None if h.starts_with("./") || h.starts_with("../") => {
                        (h.to_string(), String::new())
                    }
                    None => {
                        return Err(RegistryError {
                            line: i + 1,
                            message: format!("header {h:?}: want path@version"),
                        });
                    }
                };
                if !version.is_empty()
                    && let Err(e) = semver::check_path_version(&path, &version)
                {
                    return Err(RegistryError {
                        line: i + 1,
                        message: format!("{path}@{version}: {e}"),
                    });
                }
                current = Some((path, version, String::new()));
            } else if let Some((_, _, body)) = current.as_mut() {
                body.push_str(line);
                body.push('\n');
            } else if !line.trim().is_empty() {
                return Err(RegistryError {
                    line: i + 1,
                    message: "text before the first -- path@version -- header".into(),
                });
            }
        }
        flush(&mut reg, current);
        Ok(reg)
    }

    /// Adds or replaces one module version's go.mod.
    pub fn insert(&mut self, path: &str, version: &str, text: &str) {
        let entries = self.modules.entry(path.to_string()).or_default();
        let entry = Entry {
            version: version.to_string(),
            text: text.to_string(),
            parsed: gomod::parse(text),
        };
        match entries.iter().position(|e| e.version == version) {
            Some(i) => entries[i] = entry,
            None => {
                entries.push(entry);
                entries.sort_by(|a, b| semver::compare(&a.version, &b.version));
            }
        }
    }

    /// The registry as text again (`parse(to_text())` is the same registry).
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        for (path, entries) in &self.modules {
            for e in entries {
                if e.version.is_empty() {
                    out.push_str(&format!("-- {path} --\n"));
                } else {
                    out.push_str(&format!("-- {path}@{} --\n", e.version));
                }
                out.push_str(&e.text);
            }
        }
        out
    }

    pub fn entry(&self, path: &str, version: &str) -> Option<&Entry> {
        self.modules
            .get(path)?
            .iter()
            .find(|e| e.version == version)
    }

    /// The versions `@v/list` would list: releases and prereleases, no pseudo-versions.
    pub fn versions(&self, path: &str) -> Vec<&str> {
        self.modules
            .get(path)
            .map(|es| {
                es.iter()
                    .map(|e| e.version.as_str())
                    .filter(|v| !v.is_empty() && !semver::is_pseudo(v))
                    .collect()
            })
            .unwrap_or_default()
    }

    /// Every `path@version`, in order.
    pub fn all(&self) -> Vec<ModuleVersion> {
        self.modules
            .iter()
            .flat_map(|(p, es)| es.iter().map(move |e| ModuleVersion::new(p, &e.version)))
            .collect()
    }
}

/// Why a module's requirements could not be read.
pub type ReqError = String;

/// The requirement graph from the main module's point of view.
#[derive(Debug, Clone)]
pub struct Graph<'a> {
    pub registry: &'a Registry,
    pub main: &'a GoMod,
}

impl<'a> Graph<'a> {
    pub fn new(registry: &'a Registry, main: &'a GoMod) -> Self {
        Graph { registry, main }
    }

    /// The replacement for `m`, if the main module has one: an exact `path version` line wins
    /// over a path-wide one (modload.Replacement).
    pub fn replacement(&self, m: &ModuleVersion) -> Option<&'a ReplaceTarget> {
        let exact = self
            .main
            .replace
            .iter()
            .find(|r| r.old.path == m.path && r.old.version == m.version);
        exact
            .or_else(|| {
                self.main
                    .replace
                    .iter()
                    .find(|r| r.old.path == m.path && r.old.version.is_empty())
            })
            .map(|r| &r.new)
    }

    pub fn is_excluded(&self, m: &ModuleVersion) -> bool {
        self.main.exclude.iter().any(|e| e == m)
    }

    /// The go.mod that defines `m`'s requirements (the replacement's, if replaced).
    pub fn go_mod(&self, m: &ModuleVersion) -> Result<&'a GoMod, ReqError> {
        let (path, version) = match self.replacement(m) {
            Some(ReplaceTarget::Module(r)) => (r.path.as_str(), r.version.as_str()),
            Some(ReplaceTarget::Dir(d)) => (d.as_str(), ""),
            None => (m.path.as_str(), m.version.as_str()),
        };
        let Some(entry) = self.registry.entry(path, version) else {
            return Err(if version.is_empty() {
                format!("{m}: replacement directory {path} does not exist")
            } else {
                format!(
                    "{path}@{version}: reading {path}/@v/{version}.mod: no such file or directory"
                )
            });
        };
        let parsed = entry.parsed.as_ref().map_err(|errs| {
            let first = errs.first().map(|e| e.to_string()).unwrap_or_default();
            format!("{path}@{version}: parsing {first}")
        })?;
        if parsed.module != m.path && parsed.module != path {
            return Err(format!(
                "{path}@{version}: parsing go.mod:\n\tmodule declares its path as: {}\n\t        but was required as: {}",
                parsed.module, m.path
            ));
        }
        Ok(parsed)
    }

    /// `Required(m)`: the requirements in `m`'s go.mod (the main module's own for the main
    /// module), with requirements on excluded versions dropped.
    pub fn required(&self, m: &ModuleVersion) -> Result<Vec<ModuleVersion>, ReqError> {
        let gm = if m.path == self.main.module && m.version.is_empty() {
            self.main
        } else {
            self.go_mod(m)?
        };
        Ok(gm
            .require
            .iter()
            .map(|r| r.module.clone())
            .filter(|r| !self.is_excluded(r))
            .collect())
    }

    /// Requirements including the excluded ones, for the step log.
    pub fn required_with_excluded(
        &self,
        m: &ModuleVersion,
    ) -> Result<Vec<(ModuleVersion, bool)>, ReqError> {
        let gm = if m.path == self.main.module && m.version.is_empty() {
            self.main
        } else {
            self.go_mod(m)?
        };
        Ok(gm
            .require
            .iter()
            .map(|r| (r.module.clone(), self.is_excluded(&r.module)))
            .collect())
    }

    /// The version of `m.path` immediately below `m.version` that is not excluded, or "none"
    /// (`mvsReqs.Previous`).
    pub fn previous(&self, m: &ModuleVersion) -> String {
        self.registry
            .versions(&m.path)
            .into_iter()
            .rev()
            .find(|v| {
                semver::compare(v, &m.version) == std::cmp::Ordering::Less
                    && !self.is_excluded(&ModuleVersion::new(&m.path, v))
            })
            .map_or_else(|| "none".to_string(), str::to_string)
    }
}
