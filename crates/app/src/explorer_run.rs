//! The Playground's interleaving explorer: a `runtime::explore::Explorer` over the editor's
//! program, driven in slices like a run (`Action::ExploreTick` after a `Timeout(0)`), so the
//! page paints and Stop works between slices however long the search is.
//!
//! Plain data for the view: the bounds, the progress after the last slice and a snapshot of
//! the distinct outcomes found so far (each with its schedule, which "replay" loads into the
//! Playground — see `PlaygroundState`'s `Action::ExploreReplay`).

use std::cell::RefCell;
use std::rc::Rc;

use runtime::explore::{ExploreConfig, Explorer, Found, Progress};
use yew::AttrValue;

use crate::state::{FILENAME, next_slice};

/// Steps of the first slice (the explorer's runs are short: a few thousand steps each).
const FIRST_SLICE: u64 = 20_000;

/// The bounds the page searches with: small enough to finish in seconds in a browser tab.
pub fn page_config(gomaxprocs: usize) -> ExploreConfig {
    ExploreConfig {
        gomaxprocs,
        max_schedules: 500,
        max_steps: 20_000,
        ..ExploreConfig::default()
    }
}

/// A search in progress or finished.
#[derive(Clone)]
pub struct ExplorerRun {
    /// Ticks for another id are stale (a stopped or replaced search).
    pub id: u64,
    /// The program explored (replays load this text, not the editor's current one).
    pub source: AttrValue,
    pub config: ExploreConfig,
    pub progress: Progress,
    pub outcomes: Rc<[Found]>,
    /// Stopped by the learner before the search ended.
    pub stopped: bool,
    /// Slices run so far: the page schedules the next tick whenever it changes.
    pub ticks: u64,
    explorer: Rc<RefCell<Explorer>>,
    slice: u64,
}

impl PartialEq for ExplorerRun {
    fn eq(&self, other: &Self) -> bool {
        self.id == other.id
            && self.progress == other.progress
            && self.stopped == other.stopped
            && self.ticks == other.ticks
            && Rc::ptr_eq(&self.outcomes, &other.outcomes)
    }
}

impl ExplorerRun {
    pub fn start(id: u64, source: AttrValue, config: ExploreConfig) -> ExplorerRun {
        let explorer = Explorer::new(FILENAME, &source, config.clone());
        let progress = explorer.progress();
        let mut run = ExplorerRun {
            id,
            source,
            config,
            progress,
            outcomes: Rc::from(Vec::new()),
            stopped: false,
            ticks: 0,
            explorer: Rc::new(RefCell::new(explorer)),
            slice: FIRST_SLICE,
        };
        run.advance();
        run
    }

    /// Still searching (the page schedules another tick).
    pub fn running(&self) -> bool {
        !self.progress.done && !self.stopped
    }

    /// One slice of the search, sized to take about a frame's worth of time.
    pub fn advance(&mut self) {
        if !self.running() {
            return;
        }
        let Ok(mut explorer) = self.explorer.try_borrow_mut() else {
            return;
        };
        self.ticks += 1;
        let started = crate::state::now_ms();
        self.progress = explorer.advance(self.slice);
        self.slice = next_slice(self.slice, crate::state::now_ms() - started);
        // Counts change on every slice: a fresh snapshot (a handful of rows).
        self.outcomes = Rc::from(explorer.outcomes().to_vec());
    }

    pub fn stop(&mut self) {
        self.stopped = true;
    }
}
