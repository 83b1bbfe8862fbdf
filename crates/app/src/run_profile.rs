//! The profile of a recorded Playground run, arranged for the profile view
//! (`views/profile.rs`): pprof's top table, the flame graph's tree, per-line counts for the
//! annotated source, the scheduler-latency histogram and the two `.pb.gz` downloads.
//!
//! Built once when a run is kept (from the final machine's `runtime::profile::Profiler`), so
//! moving the player re-renders without recomputing anything. Plain Rust over the core,
//! natively testable; the view only draws what is here.

use std::rc::Rc;

use runtime::Machine;
use runtime::profile::report::{Flame, TopRow, Unit, lines, top};
use runtime::profile::{CallTree, SchedLatency, pprof};

/// CPU or allocations: which profile the view shows (pprof's `-sample_index`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ProfileKind {
    /// CPU time (`cpu` nanoseconds).
    #[default]
    Cpu,
    /// Bytes allocated (`alloc_space`).
    Alloc,
}

/// What the learner chose in the profile view: which profile, and the flame graph's zoom
/// (a `Flame` node; 0 is the root). Kept by the Playground's reducer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ProfileUi {
    pub kind: ProfileKind,
    pub focus: usize,
}

/// A click in the profile view.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProfileAction {
    Kind(ProfileKind),
    /// Zoom the flame graph to a node (0: back to the root).
    Focus(usize),
}

impl ProfileUi {
    pub fn apply(&mut self, action: ProfileAction) {
        match action {
            ProfileAction::Kind(kind) => {
                // Another profile has another tree: its node numbers mean something else.
                self.focus = if kind == self.kind { self.focus } else { 0 };
                self.kind = kind;
            }
            ProfileAction::Focus(node) => self.focus = node,
        }
    }
}

/// One profile (CPU or allocations) ready to draw.
#[derive(Debug, Clone, PartialEq)]
pub struct ProfileTable {
    pub unit: Unit,
    /// Sum of all samples' values (ns or bytes), and their count (samples or objects).
    pub total: u64,
    pub count: u64,
    pub rows: Vec<TopRow>,
    pub flame: Flame,
    /// `(flat, cum)` by source line number (index 0 unused; shorter than the program when
    /// its last lines have no samples).
    pub lines: Vec<(u64, u64)>,
    /// `data:` URL of the gzipped `profile.proto`.
    pub download: String,
}

impl ProfileTable {
    fn of(tree: &CallTree, machine: &Machine, unit: Unit, proto: Vec<u8>) -> ProfileTable {
        let program = machine.program();
        let [count, total] = tree.total();
        ProfileTable {
            unit,
            total,
            count,
            rows: top(tree, program, 1),
            flame: Flame::of(tree, program, 1),
            lines: lines(tree, 1),
            download: data_url(&proto),
        }
    }
}

/// Everything the profile view shows.
#[derive(Debug, Clone, PartialEq)]
pub struct RunProfile {
    pub cpu: ProfileTable,
    pub alloc: ProfileTable,
    pub latency: SchedLatency,
    /// The CPU sampling period (virtual ns).
    pub period_ns: u64,
}

impl RunProfile {
    /// The profile of `machine`'s run so far, if it was profiled.
    pub fn of(machine: &Machine) -> Option<Rc<RunProfile>> {
        let p = machine.profiler()?;
        let cpu = ProfileTable::of(
            p.cpu.tree(),
            machine,
            Unit::Nanoseconds,
            machine.cpu_pprof()?,
        );
        let alloc = ProfileTable::of(p.alloc.tree(), machine, Unit::Bytes, machine.alloc_pprof()?);
        Some(Rc::new(RunProfile {
            cpu,
            alloc,
            latency: p.latency.clone(),
            period_ns: p.cpu.period_ns(),
        }))
    }

    pub fn table(&self, kind: ProfileKind) -> &ProfileTable {
        match kind {
            ProfileKind::Cpu => &self.cpu,
            ProfileKind::Alloc => &self.alloc,
        }
    }
}

/// A gzipped profile as a `data:` URL (the site's CSP allows `data:` downloads).
fn data_url(proto: &[u8]) -> String {
    let gz = pprof::gzip(&crate::share::pack::deflate(proto), proto);
    format!("data:application/gzip;base64,{}", base64(&gz))
}

/// Standard base64 with padding (`data:` URLs do not take the URL-safe alphabet).
pub fn base64(data: &[u8]) -> String {
    const A: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(data.len().div_ceil(3) * 4);
    for chunk in data.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = u32::from(b[0]) << 16 | u32::from(b[1]) << 8 | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(A[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use wasm_bindgen_test::wasm_bindgen_test;

    use super::*;

    #[wasm_bindgen_test(unsupported = test)]
    fn base64_matches_the_standard() {
        assert_eq!(base64(b""), "");
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foo"), "Zm9v");
        assert_eq!(base64(&[0xfb, 0xff]), "+/8=");
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn a_profiled_machine_gives_tables_and_downloads() {
        let source = crate::examples::by_id("seed-pprof-hot")
            .expect("example")
            .source;
        let config = runtime::RunConfig {
            profile: Some(runtime::profile::ProfileConfig::default()),
            ..runtime::RunConfig::default()
        };
        let mut machine = runtime::inspect::start_machine("prog.go", source, &config).unwrap();
        let mut events = Vec::new();
        while !machine.finished() {
            machine.run_slice(1 << 20, &mut events);
        }
        let p = RunProfile::of(&machine).expect("profiled");
        assert_eq!(p.cpu.rows[0].name, "main.spin");
        assert_eq!(p.cpu.total, p.cpu.count * p.period_ns);
        assert!(
            p.cpu
                .download
                .starts_with("data:application/gzip;base64,H4sI")
        );
        assert!(p.alloc.total > 0);
        assert!(p.latency.overall.total > 0);
        // Unprofiled runs have no profile.
        let plain =
            runtime::inspect::start_machine("prog.go", source, &runtime::RunConfig::default())
                .unwrap();
        assert!(RunProfile::of(&plain).is_none());
    }
}
