//! GOGC side by side: the heap curves of the latest runs of one program under different GC
//! settings, so a learner sees GOGC=50 collect twice as often as GOGC=100 at half the peak,
//! and GOGC=200 the other way round (`runtime/mgcpacer.go`: goal = marked × (1 + GOGC/100)).
//!
//! Plain Rust in the Playground's state: each recorded run adds its chart under the settings
//! it ended with — the collector's own, so a program calling `debug.SetGCPercent(50)` is
//! filed as GOGC=50 whatever the slider said — replacing an older run with the same
//! settings. A small edit (changing `SetGCPercent(100)` to 200, as the GOGC example invites)
//! keeps the comparison; another program starts over. "Compare"
//! plans a series of runs — the page runs the first, and each kept recording starts the next
//! ([`GcRuns::next_planned`]) — so the three runs go through the ordinary sliced sessions and
//! the page never freezes. Stop abandons the plan.

use std::rc::Rc;

use yew::AttrValue;

use crate::share::GcSettings;
use crate::views::GcChart;

/// Runs kept for the comparison.
pub const KEEP: usize = 3;
/// The settings "compare" runs, in order.
pub const COMPARE_GOGC: [i32; 3] = [50, 100, 200];

/// One recorded run's settings and GC chart.
#[derive(Clone, Debug, PartialEq)]
pub struct GcRun {
    pub settings: GcSettings,
    pub chart: Rc<GcChart>,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct GcRuns {
    /// The program these runs ran.
    source: AttrValue,
    /// Oldest first, at most [`KEEP`].
    pub runs: Vec<GcRun>,
    /// GOGC values still to run, next last.
    planned: Vec<i32>,
}

impl GcRuns {
    /// Keeps a finished run of `source`.
    pub fn record(&mut self, source: &AttrValue, settings: GcSettings, chart: Rc<GcChart>) {
        if !small_edit(&self.source, source) {
            self.runs.clear();
        }
        self.source = source.clone();
        self.runs.retain(|r| r.settings != settings);
        self.runs.push(GcRun { settings, chart });
        if self.runs.len() > KEEP {
            self.runs.remove(0);
        }
    }

    /// Plans the comparison; returns the GOGC to run first (the rest follow one per run).
    pub fn plan_compare(&mut self) -> i32 {
        self.planned = COMPARE_GOGC.iter().rev().copied().collect();
        self.planned.pop().unwrap_or(100)
    }

    /// The next planned GOGC, if a comparison is under way.
    pub fn next_planned(&mut self) -> Option<i32> {
        self.planned.pop()
    }

    pub fn abandon_plan(&mut self) {
        self.planned.clear();
    }

    /// The runs to draw side by side, by GOGC: only when there are two or more.
    pub fn comparable(&self) -> Vec<&GcRun> {
        let mut runs: Vec<&GcRun> = self.runs.iter().collect();
        if runs.len() < 2 {
            return Vec::new();
        }
        runs.sort_by_key(|r| (r.settings.gogc < 0, r.settings.gogc));
        runs
    }
}

/// Characters a "small edit" may change: enough for a number or two.
const SMALL_EDIT: usize = 12;

/// `a` and `b` differ only in one stretch of at most [`SMALL_EDIT`] bytes on each side.
fn small_edit(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    let prefix = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let suffix = a[prefix..]
        .iter()
        .rev()
        .zip(b[prefix..].iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    a.len() - prefix - suffix <= SMALL_EDIT && b.len() - prefix - suffix <= SMALL_EDIT
}

#[cfg(test)]
mod tests {
    use wasm_bindgen_test::wasm_bindgen_test;

    use super::*;

    fn chart(cycles: usize) -> Rc<GcChart> {
        Rc::new(GcChart {
            cycles,
            ..GcChart::of(std::iter::empty::<(u64, &runtime::Event)>(), 10)
        })
    }

    fn gogc(g: i32) -> GcSettings {
        GcSettings {
            gogc: g,
            ..GcSettings::default()
        }
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn keeps_the_latest_runs_of_one_program_by_settings() {
        let mut r = GcRuns::default();
        let a = AttrValue::from("a");
        r.record(&a, gogc(100), chart(1));
        assert!(r.comparable().is_empty(), "one run compares with nothing");
        r.record(&a, gogc(200), chart(2));
        r.record(&a, gogc(100), chart(3)); // replaces the first GOGC=100 run
        let by: Vec<(i32, usize)> = r
            .comparable()
            .iter()
            .map(|x| (x.settings.gogc, x.chart.cycles))
            .collect();
        assert_eq!(by, [(100, 3), (200, 2)]);
        r.record(&a, gogc(-1), chart(0));
        r.record(&a, gogc(50), chart(6));
        let by: Vec<i32> = r.comparable().iter().map(|x| x.settings.gogc).collect();
        assert_eq!(by, [50, 100, -1], "at most KEEP, oldest dropped, off last");
        r.record(&AttrValue::from("b"), gogc(50), chart(1));
        assert_eq!(
            r.runs.len(),
            KEEP,
            "a one-character edit keeps the comparison"
        );
        r.record(
            &AttrValue::from("package main // another program"),
            gogc(50),
            chart(1),
        );
        assert!(r.comparable().is_empty(), "another program starts over");
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn small_edits_are_a_changed_number_not_another_program() {
        let src = "debug.SetGCPercent(100) // try 50 and 200\nfor i := 0; i < 60000; i++ {";
        assert!(small_edit(src, &src.replace("(100)", "(50)")));
        assert!(small_edit(src, src));
        assert!(!small_edit(src, "package main\n\nfunc main() {}\n"));
        // Two numbers 30 characters apart: one stretch of 30, not a small edit.
        let two = src.replace("(100)", "(50)").replace("60000", "70000");
        assert!(!small_edit(src, &two));
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn a_comparison_runs_fifty_then_hundred_then_two_hundred() {
        let mut r = GcRuns::default();
        assert_eq!(r.plan_compare(), 50);
        assert_eq!(r.next_planned(), Some(100));
        assert_eq!(r.next_planned(), Some(200));
        assert_eq!(r.next_planned(), None);
        r.plan_compare();
        r.abandon_plan();
        assert_eq!(r.next_planned(), None);
    }
}
