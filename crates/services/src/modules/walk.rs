//! The lab's view of a build-list walk: what is known after the first `k` steps of the
//! [`Step`] log (the module being visited, the visited set, each path's maximum so far, the
//! excluded and replaced modules), the graph's nodes arranged one row per module path, and
//! a line diff of go.mod before and after a command.
//!
//! Invariant: [`WalkState::at`] for the whole log gives exactly the build list
//! ([`BuildList::list`]) as its maxima — the lab's player ends where `go list -m all` does
//! (checked by the tests below).

use super::gomod::ModuleVersion;
use super::mvs::{BuildList, Step};
use super::semver;
use std::collections::{BTreeMap, BTreeSet};

/// The walk after some steps.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct WalkState {
    /// The module whose go.mod is being read.
    pub current: Option<ModuleVersion>,
    pub visited: BTreeSet<ModuleVersion>,
    /// The highest version seen per path (the main module excluded).
    pub max: BTreeMap<String, String>,
    /// Requirements ignored because the main module excludes them.
    pub excluded: BTreeSet<ModuleVersion>,
    /// Modules whose go.mod comes from a replacement, and the replacement.
    pub replaced: BTreeMap<ModuleVersion, String>,
    /// The requirement edge the last step looked at.
    pub edge: Option<(ModuleVersion, ModuleVersion)>,
    pub done: bool,
}

impl WalkState {
    /// The state after the first `k` steps of `steps`.
    pub fn at(steps: &[Step], k: usize) -> WalkState {
        let mut s = WalkState::default();
        for step in &steps[..k.min(steps.len())] {
            s.edge = None;
            match step {
                Step::Visit { module } => {
                    s.visited.insert(module.clone());
                    s.current = Some(module.clone());
                }
                Step::Replaced { module, with } => {
                    s.replaced.insert(module.clone(), with.clone());
                }
                Step::Raise { from, to, .. } => {
                    s.max.insert(to.path.clone(), to.version.clone());
                    s.edge = Some((from.clone(), to.clone()));
                }
                Step::Keep { from, to, .. } => s.edge = Some((from.clone(), to.clone())),
                Step::Excluded { from, to } => {
                    s.excluded.insert(to.clone());
                    s.edge = Some((from.clone(), to.clone()));
                }
                Step::Done => {
                    s.current = None;
                    s.done = true;
                }
            }
        }
        s
    }

    /// Whether `m` is the maximum of its path so far.
    pub fn is_max(&self, m: &ModuleVersion) -> bool {
        self.max.get(&m.path) == Some(&m.version)
    }
}

/// The graph's nodes, one row per module path (the main module first), versions in order.
pub fn rows(bl: &BuildList) -> Vec<(String, Vec<String>)> {
    let main = bl.list.first().map(|m| m.path.clone()).unwrap_or_default();
    let mut by_path: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut note = |m: &ModuleVersion| {
        if m.path != main {
            by_path
                .entry(m.path.clone())
                .or_default()
                .insert(m.version.clone());
        }
    };
    for (from, reqs) in &bl.edges {
        note(from);
        reqs.iter().for_each(&mut note);
    }
    for s in &bl.steps {
        if let Step::Excluded { to, .. } = s {
            note(to);
        }
    }
    let mut out = vec![(main, vec![String::new()])];
    for (path, versions) in by_path {
        let mut vs: Vec<String> = versions.into_iter().collect();
        vs.sort_by(|a, b| semver::compare(a, b));
        out.push((path, vs));
    }
    out
}

/// One line of a diff.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DiffLine {
    Same(String),
    Removed(String),
    Added(String),
}

/// A line diff (longest common subsequence; go.mod files are a few dozen lines).
pub fn diff(before: &str, after: &str) -> Vec<DiffLine> {
    let a: Vec<&str> = before.lines().collect();
    let b: Vec<&str> = after.lines().collect();
    let mut lcs = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for i in (0..a.len()).rev() {
        for j in (0..b.len()).rev() {
            lcs[i][j] = if a[i] == b[j] {
                lcs[i + 1][j + 1] + 1
            } else {
                lcs[i + 1][j].max(lcs[i][j + 1])
            };
        }
    }
    let (mut i, mut j, mut out) = (0, 0, Vec::new());
    while i < a.len() || j < b.len() {
        if i < a.len() && j < b.len() && a[i] == b[j] {
            out.push(DiffLine::Same(a[i].to_string()));
            i += 1;
            j += 1;
        } else if j < b.len() && (i == a.len() || lcs[i][j + 1] >= lcs[i + 1][j]) {
            out.push(DiffLine::Added(b[j].to_string()));
            j += 1;
        } else {
            out.push(DiffLine::Removed(a[i].to_string()));
            i += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::modules::{Project, fixture};

    #[test]
    fn the_last_step_shows_the_build_list() {
        for main in [
            fixture::MAIN,
            &format!("{}\nexclude golang.org/x/sys v0.11.0\n", fixture::MAIN),
        ] {
            let (_, bl) = Project::new(fixture::registry(), main)
                .build_list()
                .unwrap();
            let end = WalkState::at(&bl.steps, bl.steps.len());
            assert!(end.done);
            let from_walk: Vec<ModuleVersion> = end
                .max
                .iter()
                .map(|(p, v)| ModuleVersion::new(p, v))
                .collect();
            assert_eq!(from_walk, bl.deps());
            // Half-way, fewer modules are known and the walk is still going.
            let mid = WalkState::at(&bl.steps, bl.steps.len() / 2);
            assert!(!mid.done && mid.current.is_some() && mid.max.len() < end.max.len());
        }
    }

    #[test]
    fn rows_hold_every_node_once() {
        let (_, bl) = Project::new(fixture::registry(), fixture::MAIN)
            .build_list()
            .unwrap();
        let rows = rows(&bl);
        assert_eq!(rows[0].0, "example.com/myapp");
        let sys = rows.iter().find(|(p, _)| p == "golang.org/x/sys").unwrap();
        assert_eq!(sys.1, vec!["v0.11.0".to_string()]);
    }

    #[test]
    fn diff_marks_changed_lines() {
        let d = diff("a\nb\nc\n", "a\nB\nc\nd\n");
        assert_eq!(
            d,
            vec![
                DiffLine::Same("a".into()),
                DiffLine::Added("B".into()),
                DiffLine::Removed("b".into()),
                DiffLine::Same("c".into()),
                DiffLine::Added("d".into()),
            ]
        );
    }
}
