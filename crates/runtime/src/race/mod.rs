//! The memory model: happens-before with vector clocks (go.dev/ref/mem), a FastTrack-style
//! race detector (Flanagan & Freund 2009) reporting in ThreadSanitizer's Go format, and racy
//! loads that may observe any store happens-before does not rule out.
//!
//! - [`vclock`]: vector clocks and epochs;
//! - [`shadow`]: per-location shadow state and store history;
//! - [`detector`]: the clocks of goroutines and sync objects, every edge of the memory model;
//! - [`report`]: `WARNING: DATA RACE` reports and `Found N data race(s)`;
//! - `hooks`: the one-call-per-access/edge entry points the VM calls when `RunConfig::race`
//!   is set. With race detection off the machine holds `None` and every hook is skipped by a
//!   single `is_some()` test at the call site.

pub mod detector;
mod hooks;
pub mod report;
pub mod shadow;
pub mod vclock;

use std::collections::BTreeMap;
use std::collections::BTreeSet;

/// Race-detection state carried by a [`Machine`](crate::Machine) when enabled.
#[derive(Clone, Debug, Default)]
pub struct RaceState {
    pub detector: detector::Detector,
    /// Creation stack of each goroutine (by index), for `Goroutine N (...) created at:`.
    created: BTreeMap<usize, shadow::Stack>,
    /// Reported pairs of (function, line) sites, unordered: one report per pair, as Go
    /// deduplicates by PCs.
    reported: BTreeSet<((String, u32), (String, u32))>,
    /// Races reported so far.
    pub count: usize,
}

impl RaceState {
    pub fn new() -> RaceState {
        RaceState {
            detector: detector::Detector::new(),
            ..Default::default()
        }
    }
}
