//! `go get`: version queries, `-u` / `-u=patch`, upgrades, downgrades and removals, and the
//! go.mod the go command writes afterwards (cmd/go/internal/modget, modload/edit.go,
//! modload/buildlist.go for go 1.16 "unpruned" main modules).
//!
//! 1. Each argument `path[@query]` resolves to a version: an exact version, a prefix (`v1.7`),
//!    `latest` (the highest release not excluded or retracted), `upgrade` (latest unless the
//!    selected version is already higher — the default), `patch` (the highest `vX.Y.*` of the
//!    selected version — the default with `-u=patch`) or `none` (remove).
//! 2. `-u` and `-u=patch` also upgrade every module that provides a package imported, directly or
//!    not, by the named packages — here, since each fixture module's package imports the
//!    packages of the modules its go.mod requires, the modules reachable from the named ones
//!    through the selected versions' requirements. That closure is recomputed after each round
//!    of upgrades until nothing moves.
//! 3. The resolved versions must all be selected exactly: versions below the current selection
//!    go through [`mvs::downgrade`], the rest are added as roots and MVS runs again; a module
//!    that pulls a requested path higher is a conflict.
//! 4. go.mod's new requirements are Algorithm R over the new build list, keeping as roots the
//!    named modules and the old roots whose version did not change or that are direct; a
//!    requirement is `// indirect` unless the old go.mod had it direct.
//! 5. The report is the go command's: `go: upgraded p v1 => v2`, `added`, `downgraded`,
//!    `removed`, by module path.

use super::gomod::{GoMod, ModuleVersion, Require, Retract};
use super::graph::{Graph, Registry};
use super::mvs::{self, BuildList};
use super::semver;
use std::cmp::Ordering;
use std::collections::{BTreeMap, BTreeSet};

/// `-u`'s mode.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UpgradeMode {
    None,
    Minor,
    Patch,
}

/// What a `go get` did: the new go.mod and the build lists before and after.
#[derive(Debug, Clone)]
pub struct GetResult {
    pub go_mod: GoMod,
    pub before: BuildList,
    pub after: BuildList,
    /// The `go: upgraded ...` lines.
    pub report: String,
}

/// Versions a query may pick: listed, not excluded by the main module, not retracted by the
/// module's latest go.mod.
fn allowed<'a>(graph: &Graph<'a>, path: &str) -> Vec<&'a str> {
    graph
        .registry
        .versions(path)
        .into_iter()
        .filter(|v| !graph.is_excluded(&ModuleVersion::new(path, v)))
        .filter(|v| retraction(graph, path, v).is_none())
        .collect()
}

/// The retraction covering `path@version`, read from the module's latest go.mod (as the go
/// command reads retractions from `@latest`).
fn retraction<'a>(graph: &Graph<'a>, path: &str, version: &str) -> Option<&'a Retract> {
    let latest = graph.registry.versions(path).last().copied()?;
    let gm = graph.registry.entry(path, latest)?.parsed.as_ref().ok()?;
    gm.retract.iter().find(|r| {
        semver::compare(version, &r.lo) != Ordering::Less
            && semver::compare(version, &r.hi) != Ordering::Greater
    })
}

fn highest<'a>(vs: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    let vs: Vec<&str> = vs.collect();
    vs.iter()
        .rev()
        .find(|v| semver::prerelease(v).is_empty())
        .or_else(|| vs.last())
        .copied()
}

/// Resolves `query` for `path` given the currently selected version (or "none").
pub fn resolve(graph: &Graph, path: &str, query: &str, current: &str) -> Result<String, String> {
    let vs = allowed(graph, path);
    if !graph.registry.modules.contains_key(path) {
        return Err(format!(
            "go: module {path}: no matching versions for query \"{query}\""
        ));
    }
    let latest = || highest(vs.iter().copied()).map(str::to_string);
    let no_match = || format!("go: {path}@{query}: no matching versions for query \"{query}\"");
    match query {
        "none" => Ok("none".into()),
        "latest" => latest().ok_or_else(no_match),
        "upgrade" => {
            let l = latest().ok_or_else(no_match)?;
            Ok(
                if current != "none" && semver::compare(current, &l) == Ordering::Greater {
                    current.to_string()
                } else {
                    l
                },
            )
        }
        "patch" => {
            if current == "none" {
                return latest().ok_or_else(no_match);
            }
            let mm = semver::major_minor(current);
            let best = highest(vs.iter().copied().filter(|v| semver::major_minor(v) == mm))
                .unwrap_or(current);
            Ok(if semver::compare(current, best) == Ordering::Greater {
                current.to_string()
            } else {
                best.to_string()
            })
        }
        q if semver::is_canonical(q) => {
            if graph.registry.entry(path, q).is_none() {
                return Err(format!(
                    "go: {path}@{q}: invalid version: unknown revision {q}"
                ));
            }
            semver::check_path_version(path, q).map_err(|e| format!("go: {path}@{q}: {e}"))?;
            Ok(q.to_string())
        }
        q if semver::is_valid(q) => {
            // A prefix: v1 or v1.7 — the highest release with that prefix.
            let c = semver::canonical(q);
            let prefix_ok = |v: &&str| {
                if q.matches('.').count() == 1 {
                    semver::major_minor(v) == q
                } else {
                    semver::major(v) == semver::major(&c)
                }
            };
            highest(vs.iter().copied().filter(prefix_ok))
                .map(str::to_string)
                .ok_or_else(no_match)
        }
        q => Err(format!(
            "go: {path}@{q}: invalid version: unknown revision {q}"
        )),
    }
}

/// One round of `-u` (modget's findAndUpgradeImports): walk the packages imported by the named
/// modules' packages through the build list `bl`; a module not fixed by an argument whose
/// query (`upgrade` or `patch`, relative to its selected version) gives a newer version is an
/// upgrade, and its imports are not followed this round (they may change with it).
fn upgrades_of_imports(
    graph: &Graph,
    bl: &BuildList,
    named: &[String],
    must: &BTreeMap<String, String>,
    query: &str,
) -> Result<Vec<ModuleVersion>, String> {
    let mut seen: BTreeSet<String> = named.iter().cloned().collect();
    let mut stack: Vec<String> = named.to_vec();
    let mut upgrades = Vec::new();
    while let Some(p) = stack.pop() {
        let v = bl.selected(&p);
        if v == "none" {
            continue;
        }
        for r in graph
            .required(&ModuleVersion::new(&p, v))
            .unwrap_or_default()
        {
            if r.path == graph.main.module || !seen.insert(r.path.clone()) {
                continue;
            }
            let cur = bl.selected(&r.path).to_string();
            if !must.contains_key(&r.path) && cur != "none" {
                let up = resolve(graph, &r.path, query, &cur)?;
                if up != cur {
                    upgrades.push(ModuleVersion::new(&r.path, &up));
                    continue;
                }
            }
            stack.push(r.path.clone());
        }
    }
    upgrades.sort();
    Ok(upgrades)
}

/// The build list after adding `add` (upgrades that may still move) to `bl` and then making
/// every version in `must` selected exactly (modload.EditBuildList).
fn edit(
    graph: &Graph,
    bl: &BuildList,
    add: &[ModuleVersion],
    must: &BTreeMap<String, String>,
) -> Result<BuildList, String> {
    let mut roots = bl.deps().to_vec();
    for a in add {
        match roots.iter_mut().find(|m| m.path == a.path) {
            Some(m) => m.version = semver::max(&m.version, &a.version).to_string(),
            None => roots.push(a.clone()),
        }
    }
    let bl = if add.is_empty() {
        bl.clone()
    } else {
        mvs::build_list(graph, Some(&roots))?
    };
    let downs: Vec<ModuleVersion> = must
        .iter()
        .filter(|(p, v)| {
            let cur = bl.selected(p);
            cur != "none" && (*v == "none" || semver::compare(v, cur) == Ordering::Less)
        })
        .map(|(p, v)| ModuleVersion::new(p, v))
        .collect();
    let mut roots = if downs.is_empty() {
        bl.deps().to_vec()
    } else {
        mvs::downgrade(graph, &bl, &downs)?
    };
    for (p, v) in must {
        if v == "none" {
            continue;
        }
        match roots.iter_mut().find(|m| &m.path == p) {
            Some(m) => m.version = v.clone(),
            None => roots.push(ModuleVersion::new(p, v)),
        }
    }
    let after = mvs::build_list(graph, Some(&roots))?;
    let mut conflicts = Vec::new();
    for (p, v) in must {
        let sel = after.selected(p);
        if sel != v {
            // Who pulls p above the requested version?
            let source = after
                .edges
                .iter()
                .find(|(from, reqs)| {
                    !from.version.is_empty()
                        && reqs.iter().any(|r| &r.path == p && r.version == sel)
                })
                .map(|(from, _)| from.to_string())
                .unwrap_or_default();
            conflicts.push(format!("go: {source} requires {p}@{sel}, not {p}@{v}"));
        }
    }
    if !conflicts.is_empty() {
        return Err(conflicts.join("\n"));
    }
    Ok(after)
}

/// Runs `go get` with these flags and arguments against the main module.
pub fn go_get(
    registry: &Registry,
    main: &GoMod,
    mode: UpgradeMode,
    args: &[&str],
) -> Result<GetResult, String> {
    let graph = Graph::new(registry, main);
    let before = mvs::build_list(&graph, None).map_err(|e| format!("go: {e}"))?;
    let default_query = if mode == UpgradeMode::Patch {
        "patch"
    } else {
        "upgrade"
    };
    let mut must: BTreeMap<String, String> = BTreeMap::new();
    let mut named = Vec::new();
    for arg in args {
        let (path, query) = arg.split_once('@').unwrap_or((arg, default_query));
        if path == main.module {
            return Err(format!(
                "go: can't request explicit version \"{query}\" of main module ({path})"
            ));
        }
        let v = resolve(&graph, path, query, before.selected(path))?;
        must.insert(path.to_string(), v);
        named.push(path.to_string());
    }
    let mut after = edit(&graph, &before, &[], &must)?;
    if mode != UpgradeMode::None {
        let query = if mode == UpgradeMode::Patch {
            "patch"
        } else {
            "upgrade"
        };
        loop {
            let ups = upgrades_of_imports(&graph, &after, &named, &must, query)?;
            if ups.is_empty() {
                break;
            }
            after = edit(&graph, &after, &ups, &must)?;
        }
    }
    // go.mod: Algorithm R over the new list.
    let direct: BTreeSet<&str> = main
        .require
        .iter()
        .filter(|r| !r.indirect)
        .map(|r| r.module.path.as_str())
        .collect();
    let mut base: Vec<String> = must
        .iter()
        .filter(|(_, v)| *v != "none")
        .map(|(p, _)| p.clone())
        .collect();
    for m in after.deps() {
        if let Some(r) = main.required(&m.path)
            && (r.module.version == m.version || direct.contains(m.path.as_str()))
        {
            base.push(m.path.clone());
        }
    }
    let min = mvs::req(&graph, after.deps(), &base).map_err(|e| format!("go: {e}"))?;
    let mut go_mod = main.clone();
    go_mod.require = min
        .into_iter()
        .map(|m| Require {
            indirect: !direct.contains(m.path.as_str()),
            module: m,
            line: 0,
        })
        .collect();
    let mut report = String::new();
    for (p, v) in &must {
        if let Some(r) = retraction(&graph, p, v) {
            let why = if r.rationale.is_empty() {
                String::new()
            } else {
                format!(": {}", r.rationale)
            };
            report.push_str(&format!(
                "go: warning: {p}@{v}: retracted by module author{why}\ngo: to switch to the latest unretracted version, run:\n\tgo get {p}@latest\n"
            ));
        }
    }
    report.push_str(&self::report(&before, &after, &must, main, &go_mod));
    Ok(GetResult {
        go_mod,
        before,
        after,
        report,
    })
}

/// `go: added/upgraded/downgraded/removed` lines, by path (modget's reportChanges): the
/// modules the arguments resolved, the old go.mod's requirements and the new go.mod's — not
/// every module whose selected version moved.
pub fn report(
    before: &BuildList,
    after: &BuildList,
    must: &BTreeMap<String, String>,
    old: &GoMod,
    new: &GoMod,
) -> String {
    let mut paths: BTreeSet<&str> = must.keys().map(String::as_str).collect();
    paths.extend(old.require.iter().map(|r| r.module.path.as_str()));
    paths.extend(new.require.iter().map(|r| r.module.path.as_str()));
    let mut out = String::new();
    for p in paths {
        let (old, new) = (before.selected(p), after.selected(p));
        let line = match (old, new) {
            (o, n) if o == n => continue,
            ("none", n) => format!("go: added {p} {n}"),
            (o, "none") => format!("go: removed {p} {o}"),
            (o, n) if semver::compare(n, o) == Ordering::Greater => {
                format!("go: upgraded {p} {o} => {n}")
            }
            (o, n) => format!("go: downgraded {p} {o} => {n}"),
        };
        out.push_str(&line);
        out.push('\n');
    }
    out
}
