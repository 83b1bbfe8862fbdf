//! The runtime views drawn under the Playground's player: the scheduler (one SVG lane per
//! P), the per-P and per-goroutine timelines, the channels, the heap and GC (object graph,
//! GC phases and heap size, span grid), and the explanation of what just happened; for
//! race-mode runs the vector clocks, the happens-before graph with each race explained and its
//! fixes; and the interleaving explorer's outcome table.
//!
//! Every view is a plain function of a `runtime::inspect::Inspection` (or the recorded
//! timeline) returning `Html` — not a component, because each yew component costs several KB
//! of generic code and the site has a size budget (the one exception, `TimelineRows`, exists
//! so that yew can skip the timelines' thousands of rects on every step). It renders — no logic beyond placing things. Colours are the goroutine-state palette of
//! `web/style.css` (`--g-running`, `--g-runnable`, `--g-waiting`, `--g-blocked`, `--g-dead`),
//! applied through the `st-*` classes from [`state_class`]. SVG is built as yew VNodes, never
//! as markup text.

mod chans;
mod clocks;
mod explain;
mod explorer;
mod gc_settings;
mod gc_timeline;
mod hb_graph;
pub mod heap;
mod profile;
mod race_help;
mod sched;
mod spans;
mod svg;
mod timeline;
mod values;

pub use chans::{MAX_WAITERS, channel_view};
pub use clocks::{MAX_CLOCK_GS, clocks_view};
pub use explain::{explanation, kind_msg};
pub use explorer::explorer_view;
pub use gc_settings::gc_settings;
pub use gc_timeline::{GcChart, gc_compare_view, gc_timeline_view};
pub use hb_graph::{MAX_COLS, hb_graph_view};
pub use heap::{GC_SAMPLE, GRAPH_MAX, HeapAtStep, heap_view, layout};
pub use profile::{TOP_ROWS, profile_view};
pub use race_help::race_panel;
pub use sched::{ROW_CHIPS, scheduler_view};
pub use spans::span_view;
pub use timeline::{G_ROWS, timeline_view};
pub use values::values_view;

use runtime::inspect::GoroutineView;
use runtime::sched::{GStatus, MState, WaitReason};

use crate::i18n::{Lang, Msg};

/// The palette class of a goroutine: blocked on a channel or lock is `blocked`, parked for
/// another reason (sleep, WaitGroup, syscall) is `waiting`.
pub fn state_class(g: &GoroutineView) -> &'static str {
    status_class(g.status, g.wait)
}

/// [`state_class`] of a status and wait reason (the goroutine timeline's spans).
pub fn status_class(status: GStatus, wait: Option<WaitReason>) -> &'static str {
    match status {
        GStatus::Running => "st-running",
        GStatus::Runnable => "st-runnable",
        GStatus::Waiting if wait.is_some_and(is_blocking) => "st-blocked",
        GStatus::Waiting | GStatus::Syscall => "st-waiting",
        GStatus::Dead | GStatus::Idle => "st-dead",
    }
}

fn is_blocking(r: WaitReason) -> bool {
    r.is_channel()
        || matches!(
            r,
            WaitReason::SyncMutexLock
                | WaitReason::SyncRWMutexLock
                | WaitReason::SyncRWMutexRLock
                | WaitReason::ChanReceiveNilChan
                | WaitReason::ChanSendNilChan
                | WaitReason::SelectNoCases
        )
}

/// A goroutine status in the UI language (wait reasons stay Go's own strings).
pub fn status_text(lang: Lang, s: GStatus) -> &'static str {
    lang.t(match s {
        GStatus::Running => Msg::GRunning,
        GStatus::Runnable => Msg::GRunnable,
        GStatus::Waiting => Msg::GWaiting,
        GStatus::Syscall => Msg::GSyscall,
        GStatus::Dead | GStatus::Idle => Msg::GDead,
    })
}

pub fn m_state_text(lang: Lang, s: MState) -> &'static str {
    lang.t(match s {
        MState::Running => Msg::MRunning,
        MState::Spinning | MState::Scheduling => Msg::MSpinning,
        MState::Syscall => Msg::GSyscall,
        MState::Idle => Msg::MIdle,
    })
}

/// `g5 · waiting · chan receive · main.worker 12:3`: a chip's hover text.
pub fn goroutine_title(lang: Lang, g: &GoroutineView) -> String {
    let mut t = String::from("g");
    t.push_str(&g.id.to_string());
    t.push_str(" · ");
    t.push_str(status_text(lang, g.status));
    if let Some(r) = g.wait {
        t.push_str(" · ");
        t.push_str(r.as_str());
    }
    if g.line > 0 {
        t.push_str(" · ");
        t.push_str(&g.func);
        t.push(' ');
        t.push_str(&g.line.to_string());
        t.push(':');
        t.push_str(&g.col.to_string());
    }
    t
}
