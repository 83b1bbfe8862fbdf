//! Go modules (chapter 2.5 of the course): go.mod files, semantic versions and Minimal Version
//! Selection, as the go command implements them — deterministic and steppable for the lab.
//!
//! A learner edits the go.mod of each module version in a small "proxy" (the [`Registry`]) and
//! of the main module, then runs `go list -m all`, `go mod graph`, `go get ...` and
//! `go mod edit ...` in a console ([`Project::run`]) and steps through the build-list walk.
//!
//! Codemap: `semver.rs` (Go's semver: order, canonical forms, pseudo-versions, major-version
//! suffixes), `gomod.rs` (the go.mod parser and writer, errors at line:col), `graph.rs` (the
//! registry and `Required(m)` with replace/exclude), `mvs.rs` (build list with a step log,
//! Algorithm R, downgrade, `go list -m all` / `go mod graph` output), `get.rs` (`go get`:
//! queries, `-u`, `-u=patch`, `@none`, go.mod rewrite), `commands.rs` (the console),
//! `fixture.rs` (the seed's graph and the cases checked against the real go command),
//! `walk.rs` (the lab's view: the walk after k steps, graph rows, go.mod diff).
//!
//! # Architecture invariants
//!
//! - **The real go command is the oracle**: `tests/modules/*.txt` hold what go1.27.3 printed
//!   for each [`fixture::CASES`] entry against a `file://` GOPROXY built from
//!   [`fixture::REGISTRY`]; `tests/modules.rs` compares this model with them.
//! - **Unpruned graphs only**: every module in the fixture (and the main module) says
//!   `go 1.16`, so Go 1.17's graph pruning never applies; go.mod files with `go 1.17` or later
//!   are parsed, but the model still walks their full graph (a known gap).
//! - **Deterministic and total**: `BTreeMap`s and sorted vectors only; bad input is an error
//!   with the go command's wording, never a panic.
//!
//! What is absent: packages (the import graph is taken to follow the requirements), go.sum and
//! checksums, the `go`/`toolchain` lines' upgrades, version queries with comparisons
//! (`@<v1.2.0`), and workspaces.

pub mod commands;
pub mod fixture;
pub mod get;
pub mod gomod;
pub mod graph;
pub mod mvs;
pub mod semver;
pub mod walk;

pub use commands::{Output, Project};
pub use gomod::{GoMod, ModError, ModuleVersion};
pub use graph::{Graph, Registry};
pub use mvs::{BuildList, Step};
