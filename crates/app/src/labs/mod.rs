//! Lazy labs: each lab is its own wasm module, fetched only when a learner opens it.
//!
//! The main page (Playground, views, Gallery) must load fast, and a lab can be large — the
//! API lab carries a protobuf compiler. So a lab is built as a separate bin of this crate
//! (`src/bin/lab_<slug>.rs`, named `goscope-lab-<slug>` in Cargo.toml), which links only the
//! lab's components; the main bin (`goscope-web`) never references them, so the linker drops
//! them from the main wasm. `cargo xtask labs` (run by trunk as a post-build hook) builds
//! every `goscope-lab-*` bin with wasm-bindgen (`--target web`) into
//! `dist/labs/<slug>-<hash>/lab.js` and writes a `<meta name="goscope-lab">` tag per lab into
//! `index.html`, so the page finds each module's hashed (cache-busted) address without a
//! manifest request.
//!
//! - `loader.rs` — page side: the [`LazyLab`](loader::LazyLab) component imports the module,
//!   calls its `mount`, forwards language changes, and tears it down when the route leaves.
//! - `host.rs` — lab side: [`host::mount`] renders a lab's root component into an element
//!   with the language context, behind a [`host::LabHandle`] the page drives.
//!
//! A lab's module may also export `mount_widget`, its embedded widget (embed mode,
//! `pages/widget.rs` renders `<LazyLab widget=true>`); the Saga lab does.
//!
//! To add a lab: a [`LabId`] variant, a `[[bin]] goscope-lab-<slug>` in Cargo.toml with a
//! `src/bin/lab_<slug>.rs` that exports `mount` (copy `lab_saga.rs`: three lines), and a route
//! that renders `<LazyLab lab={LabId::…} />`. Browser tests mount the lab's component
//! directly with [`host::mount`].
//!
//! Invariant: nothing in the main bin's call graph names a lab's components (checked by
//! `xtask/tests/architecture.rs` for `router.rs`).

pub mod api;
pub mod console;
pub mod host;
pub mod loader;
pub mod modules;
pub mod operator;

pub use loader::LazyLab;

/// The labs built as lazily loaded modules.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum LabId {
    /// The Saga & TCC lab (issue 8): `pages/saga*.rs`.
    Saga,
    /// The API lab (issue 7): `labs/api/`.
    Api,
    /// The operator lab (issue 9): `labs/operator/`.
    Operator,
    /// The Go modules / MVS lab (issue 12): `labs/modules/`.
    Modules,
}

impl LabId {
    pub const ALL: [LabId; 4] = [LabId::Saga, LabId::Api, LabId::Operator, LabId::Modules];

    /// The lab's name in its bin (`goscope-lab-<slug>`), its directory under `labs/` and
    /// its `<meta name="goscope-lab" data-lab="<slug>">` tag.
    pub fn slug(self) -> &'static str {
        match self {
            LabId::Saga => "saga",
            LabId::Api => "api",
            LabId::Operator => "operator",
            LabId::Modules => "modules",
        }
    }

    /// The lab with this slug (an embed link names labs by slug: `lab=saga`).
    pub fn from_slug(slug: &str) -> Option<LabId> {
        LabId::ALL.into_iter().find(|l| l.slug() == slug)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    /// Each lab has its bin, named as `cargo xtask labs` expects.
    #[wasm_bindgen_test(unsupported = test)]
    fn every_lab_has_a_bin() {
        let manifest = include_str!("../../Cargo.toml");
        for lab in LabId::ALL {
            let bin = format!("name = \"goscope-lab-{}\"", lab.slug());
            let path = format!("path = \"src/bin/lab_{}.rs\"", lab.slug());
            assert!(manifest.contains(&bin), "Cargo.toml lacks {bin}");
            assert!(manifest.contains(&path), "Cargo.toml lacks {path}");
        }
    }
}
