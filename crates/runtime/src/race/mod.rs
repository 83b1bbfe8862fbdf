//! The memory model: happens-before with vector clocks (go.dev/ref/mem), a FastTrack-style
//! race detector (Flanagan & Freund 2009) reporting in ThreadSanitizer's Go format, and racy
//! loads that may observe any store happens-before does not rule out.
//!
//! - [`vclock`]: vector clocks and epochs;
//! - [`shadow`]: per-location shadow state and store history;
//! - [`detector`]: the clocks of goroutines and sync objects, every edge of the memory model;
//! - [`hb_log`]: the happens-before event log (edges and accesses) for views and tests;
//! - [`view`]: the views' models — clocks at a step, the happens-before graph of a run;
//! - [`fix`]: mutex / atomic / channel variants of a racy program, verified race-free;
//! - [`report`]: `WARNING: DATA RACE` reports and `Found N data race(s)`;
//! - `hooks`: the one-call-per-access/edge entry points the VM calls when `RunConfig::race`
//!   is set. With race detection off the machine holds `None` and every hook is skipped by a
//!   single `is_some()` test at the call site.

pub mod detector;
pub mod fix;
pub mod hb_log;
mod hooks;
pub mod report;
pub mod shadow;
pub mod vclock;
pub mod view;

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
    /// Happens-before log entries not yet passed to the event sink (only while recording).
    pub(crate) pending: Vec<hb_log::HbEvent>,
    /// Per goroutine index: its last logged access (location, write, line, clock), so that a
    /// loop re-reading one location within one epoch is logged once.
    /// The running sync call is a Once's `f` returning: the goroutines it wakes waited in `Do`.
    pub(crate) waking_once: bool,
    pub(crate) last_access: Vec<Option<(shadow::Loc, bool, u32, u32)>>,
}

impl RaceState {
    pub fn new() -> RaceState {
        RaceState {
            detector: detector::Detector::new(),
            ..Default::default()
        }
    }
}
