//! Minimal Version Selection, after Russ Cox's "Minimal Version Selection"
//! (research.swtch.com/vgo-mvs) and `cmd/go/internal/mvs` — with a step log for the lab.
//!
//! - **Build list** (Algorithm 1, [`build_list`]): walk the requirement graph breadth-first from
//!   the main module, visiting every reachable module version once; the build list holds, for
//!   each module path, the *maximum* version seen. The main module comes first, the rest in
//!   path order. Each move is a [`Step`] so the lab can replay it: a visit, a requirement found,
//!   a new maximum taken (or a lower version kept below the maximum), a requirement skipped
//!   because the main module excludes that version, a module whose go.mod comes from a
//!   replacement.
//! - **Minimal requirements** (Algorithm R, [`req`]): the smallest set of roots whose build list
//!   is the same, always keeping the `base` paths; what `go get` writes into go.mod.
//! - **Downgrade** (Algorithm 4, [`downgrade`]): to lower or remove a module, every module
//!   version that (transitively) requires a higher version of it is itself replaced by its next
//!   lower version (`Previous`), or removed when none fits.
//!
//! Invariant: outputs are sorted or follow the graph's deterministic BFS order; maps are
//! `BTreeMap`s; nothing here panics on a broken graph (an unreadable go.mod is an error).

use super::gomod::ModuleVersion;
use super::graph::{Graph, ReqError};
use super::semver;
use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::fmt;

/// One move of the build-list walk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    /// The walk takes `module` off the queue and reads its go.mod.
    Visit { module: ModuleVersion },
    /// `module`'s go.mod is the replacement's.
    Replaced { module: ModuleVersion, with: String },
    /// `from` requires `to`; `to` becomes the maximum for its path (`previous` was).
    Raise {
        from: ModuleVersion,
        to: ModuleVersion,
        previous: String,
    },
    /// `from` requires `to`, below or at the maximum already seen (`max`).
    Keep {
        from: ModuleVersion,
        to: ModuleVersion,
        max: String,
    },
    /// `from` requires `to`, which the main module excludes: the requirement is ignored.
    Excluded {
        from: ModuleVersion,
        to: ModuleVersion,
    },
    /// The walk is over: the maxima are the build list.
    Done,
}

impl fmt::Display for Step {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Step::Visit { module } => write!(f, "visit {module}"),
            Step::Replaced { module, with } => write!(f, "replace {module} => {with}"),
            Step::Raise { from, to, previous } => write!(
                f,
                "{from} requires {to}: max {} {previous} -> {}",
                to.path, to.version
            ),
            Step::Keep { from, to, max } => {
                write!(f, "{from} requires {to}: keep max {} {max}", to.path)
            }
            Step::Excluded { from, to } => write!(f, "{from} requires {to}: excluded, ignored"),
            Step::Done => write!(f, "done"),
        }
    }
}

/// The result of the walk: the build list, the graph's edges and the step log.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct BuildList {
    /// The main module (version "") first, then the selected versions by path.
    pub list: Vec<ModuleVersion>,
    /// `(from, requirements)` for every visited module version, in breadth-first order:
    /// `go mod graph`'s lines.
    pub edges: Vec<(ModuleVersion, Vec<ModuleVersion>)>,
    pub steps: Vec<Step>,
}

impl BuildList {
    /// The selected version of `path`, or "none".
    pub fn selected(&self, path: &str) -> &str {
        self.list
            .iter()
            .find(|m| m.path == path)
            .map_or("none", |m| m.version.as_str())
    }

    /// The non-main part of the list.
    pub fn deps(&self) -> &[ModuleVersion] {
        self.list.get(1..).unwrap_or(&[])
    }
}

/// Algorithm 1: the build list of the main module, whose requirements are `roots` (its go.mod's
/// unless overridden: `go get` computes candidate lists this way).
pub fn build_list(graph: &Graph, roots: Option<&[ModuleVersion]>) -> Result<BuildList, ReqError> {
    let target = ModuleVersion::new(&graph.main.module, "");
    let mut out = BuildList::default();
    let mut max: BTreeMap<String, String> = BTreeMap::new();
    let mut seen: BTreeSet<ModuleVersion> = BTreeSet::from([target.clone()]);
    let mut queue = VecDeque::from([target.clone()]);
    while let Some(m) = queue.pop_front() {
        out.steps.push(Step::Visit { module: m.clone() });
        let reqs: Vec<(ModuleVersion, bool)> = if m == target {
            // The go command keeps the main module's requirements sorted by path.
            let mut r = match roots {
                Some(r) => r.iter().map(|r| (r.clone(), false)).collect(),
                None => graph.required_with_excluded(&m)?,
            };
            r.sort();
            r
        } else {
            if let Some(with) = graph.replacement(&m) {
                out.steps.push(Step::Replaced {
                    module: m.clone(),
                    with: with.to_string(),
                });
            }
            graph.required_with_excluded(&m)?
        };
        let mut kept = Vec::new();
        for (r, excluded) in reqs {
            if excluded {
                out.steps.push(Step::Excluded {
                    from: m.clone(),
                    to: r,
                });
                continue;
            }
            let previous = max.get(&r.path).cloned().unwrap_or_else(|| "none".into());
            if semver::max(&previous, &r.version) == previous && previous != "none" {
                out.steps.push(Step::Keep {
                    from: m.clone(),
                    to: r.clone(),
                    max: previous,
                });
            } else {
                max.insert(r.path.clone(), r.version.clone());
                out.steps.push(Step::Raise {
                    from: m.clone(),
                    to: r.clone(),
                    previous,
                });
            }
            if r.version != "none" && seen.insert(r.clone()) {
                queue.push_back(r.clone());
            }
            kept.push(r);
        }
        out.edges.push((m, kept));
    }
    out.steps.push(Step::Done);
    out.list.push(target.clone());
    out.list.extend(
        max.into_iter()
            .filter(|(p, v)| *p != target.path && v != "none")
            .map(|(p, v)| ModuleVersion {
                path: p,
                version: v,
            }),
    );
    Ok(out)
}

/// Algorithm R (`mvs.Req`): the minimal requirement list whose build list is `list` (the main
/// module requiring exactly `list`), always including the paths in `base`.
pub fn req(
    graph: &Graph,
    list: &[ModuleVersion],
    base: &[String],
) -> Result<Vec<ModuleVersion>, ReqError> {
    let full = build_list(graph, Some(list))?;
    // Postorder over the graph below the selected versions, requirements cached.
    let mut cache: BTreeMap<ModuleVersion, Vec<ModuleVersion>> = BTreeMap::new();
    let mut postorder = Vec::new();
    fn walk(
        graph: &Graph,
        m: &ModuleVersion,
        cache: &mut BTreeMap<ModuleVersion, Vec<ModuleVersion>>,
        post: &mut Vec<ModuleVersion>,
    ) -> Result<(), ReqError> {
        if cache.contains_key(m) || m.version == "none" {
            return Ok(());
        }
        let reqs = graph.required(m)?;
        cache.insert(m.clone(), reqs.clone());
        for r in &reqs {
            walk(graph, r, cache, post)?;
        }
        post.push(m.clone());
        Ok(())
    }
    for m in full.deps() {
        walk(graph, m, &mut cache, &mut postorder)?;
    }
    let max: BTreeMap<&str, &str> = full
        .deps()
        .iter()
        .map(|m| (m.path.as_str(), m.version.as_str()))
        .collect();
    let mut have: BTreeSet<ModuleVersion> = BTreeSet::new();
    fn mark(
        m: &ModuleVersion,
        cache: &BTreeMap<ModuleVersion, Vec<ModuleVersion>>,
        have: &mut BTreeSet<ModuleVersion>,
    ) {
        if !have.insert(m.clone()) {
            return;
        }
        for r in cache.get(m).into_iter().flatten() {
            mark(r, cache, have);
        }
    }
    let mut min = Vec::new();
    let mut have_base = BTreeSet::new();
    for path in base {
        let Some(v) = max.get(path.as_str()) else {
            continue;
        };
        if !have_base.insert(path.clone()) {
            continue;
        }
        let m = ModuleVersion::new(path, v);
        mark(&m, &cache, &mut have);
        min.push(m);
    }
    for m in postorder.iter().rev() {
        if max.get(m.path.as_str()) != Some(&m.version.as_str()) {
            continue;
        }
        if !have.contains(m) {
            mark(m, &cache, &mut have);
            min.push(m.clone());
        }
    }
    min.sort();
    Ok(min)
}

/// Algorithm 4 (`mvs.Downgrade`): the build list after lowering each `(path, version)` in
/// `downgrades` to at most that version (`"none"` removes the path).
pub fn downgrade(
    graph: &Graph,
    current: &BuildList,
    downgrades: &[ModuleVersion],
) -> Result<Vec<ModuleVersion>, ReqError> {
    let list = current.deps().to_vec();
    let mut max: BTreeMap<String, String> = list
        .iter()
        .map(|m| (m.path.clone(), m.version.clone()))
        .collect();
    for d in downgrades {
        let below = max
            .get(&d.path)
            .is_none_or(|v| semver::max(v, &d.version) != d.version || d.version == "none");
        if below {
            max.insert(d.path.clone(), d.version.clone());
        }
    }
    let mut st = DownState {
        added: BTreeSet::new(),
        rdeps: BTreeMap::new(),
        excluded: BTreeSet::new(),
    };
    let mut downgraded = Vec::new();
    'list: for r0 in &list {
        let mut r = r0.clone();
        st.add(graph, &max, &r);
        while st.excluded.contains(&r) {
            let mut p = ModuleVersion::new(&r.path, &graph.previous(&r));
            if let Some(v) = max.get(&r.path)
                && v != "none"
                && semver::max(v, &r.version) != *v
                && (p.version == "none" || semver::max(&p.version, v) != p.version)
            {
                p.version = v.clone();
            }
            if p.version == "none" {
                continue 'list;
            }
            st.add(graph, &max, &p);
            r = p;
        }
        downgraded.push(r);
    }
    // Recompute with the versions MVS actually selects from the downgraded list, for the
    // paths of the original list only: a downgraded module's new requirements on paths that
    // nothing else needs must not come back as roots.
    let actual = build_list(graph, Some(&downgraded))?;
    let roots: Vec<ModuleVersion> = list
        .iter()
        .filter_map(|m| match actual.selected(&m.path) {
            "none" => None,
            v => Some(ModuleVersion::new(&m.path, v)),
        })
        .collect();
    Ok(build_list(graph, Some(&roots))?.deps().to_vec())
}

struct DownState {
    added: BTreeSet<ModuleVersion>,
    rdeps: BTreeMap<ModuleVersion, Vec<ModuleVersion>>,
    excluded: BTreeSet<ModuleVersion>,
}

impl DownState {
    fn exclude(&mut self, m: &ModuleVersion) {
        if !self.excluded.insert(m.clone()) {
            return;
        }
        for p in self.rdeps.get(m).cloned().unwrap_or_default() {
            self.exclude(&p);
        }
    }

    fn add(&mut self, graph: &Graph, max: &BTreeMap<String, String>, m: &ModuleVersion) {
        if !self.added.insert(m.clone()) {
            return;
        }
        if let Some(v) = max.get(&m.path)
            && (v == "none" || semver::max(&m.version, v) != v.as_str())
        {
            self.exclude(m);
            return;
        }
        let Ok(reqs) = graph.required(m) else {
            self.exclude(m);
            return;
        };
        for r in reqs {
            self.add(graph, max, &r);
            if self.excluded.contains(&r) {
                self.exclude(m);
                return;
            }
            self.rdeps.entry(r).or_default().push(m.clone());
        }
    }
}

/// `go list -m all`: the build list, replacements shown with `=>`.
pub fn list_m_all(graph: &Graph, bl: &BuildList) -> String {
    let mut out = String::new();
    for (i, m) in bl.list.iter().enumerate() {
        if i == 0 {
            out.push_str(&m.path);
        } else {
            out.push_str(&format!("{} {}", m.path, m.version));
            if let Some(r) = graph.replacement(m) {
                out.push_str(&format!(" => {r}"));
            }
        }
        out.push('\n');
    }
    out
}

/// `go mod graph`: one `from to` line per requirement edge, modules in breadth-first order;
/// the main module's requirements sorted, with its `go@` version among them.
pub fn mod_graph(graph: &Graph, bl: &BuildList) -> String {
    let mut out = String::new();
    for (i, (from, reqs)) in bl.edges.iter().enumerate() {
        let mut reqs = reqs.clone();
        if i == 0 {
            if let Some(go) = &graph.main.go {
                reqs.push(ModuleVersion::new("go", go));
            }
            // By path, then version: `go-toml` before `go-toml/v2`.
            reqs.sort();
        }
        for r in reqs {
            out.push_str(&format!("{from} {r}\n"));
        }
    }
    out
}
