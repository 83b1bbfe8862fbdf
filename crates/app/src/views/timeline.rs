//! The timelines, like `go tool trace` but in virtual time: per P, which goroutine it ran
//! when; per goroutine, when it was running, runnable or waiting (the scheduler view's state
//! colours). The x axis is steps (instructions: each costs one virtual nanosecond of work on
//! its P); the player's position is a cursor; clicking seeks there.
//!
//! Speed: the rows depend only on the recording, never on the step, so they are drawn by one
//! component ([`TimelineRows`]) whose props are the recording's `Rc`s — equal on every step,
//! so yew skips it and a step re-renders nothing but the cursor: one SVG line laid over the
//! plots (an attribute, not an inline style, which a strict CSP refuses). Long runs have more spans than pixels: spans narrower
//! than a thousandth of the run are dropped. Many goroutines: the busiest [`G_ROWS`] are
//! shown (by time running), and "show more" adds rows in pages, so the DOM stays bounded.

use std::rc::Rc;

use runtime::inspect::{GoroutineTimeline, Timeline};
use runtime::sched::GStatus;
use yew::prelude::*;

use super::status_class;
use super::svg::{el, num};
use crate::i18n::{Lang, Msg};

/// Width of the SVG's coordinate system (scaled to the box).
const W: f64 = 1000.0;
const ROW_H: u32 = 14;
/// Spans per chart beyond which narrow ones are dropped.
const MAX_SPANS: usize = 1500;
/// Goroutine rows shown at first, and added by each "show more".
pub const G_ROWS: usize = 16;

/// Both timelines of a recording with the cursor at `step`; a click asks `on_seek` for the
/// step under it.
pub fn timeline_view(
    lang: Lang,
    procs: &Rc<Timeline>,
    goroutines: &Rc<GoroutineTimeline>,
    step: u64,
    on_seek: &Callback<u64>,
) -> Html {
    let x = format!("{:.1}", step as f64 * W / procs.end.max(1) as f64);
    html! {
        <section class="panel timeline" data-testid="timeline" aria-label={lang.t(Msg::TimelineTitle)}>
            <h2 class="panel-title">{ lang.t(Msg::TimelineTitle) }</h2>
            <div class="timeline-charts">
                <TimelineRows {lang} procs={procs.clone()} goroutines={goroutines.clone()} on_seek={on_seek.clone()} />
                <svg class="tl-cursor" viewBox={format!("0 0 {W} 1")} preserveAspectRatio="none" aria-hidden="true">
                    <line class="cursor" x1={x.clone()} x2={x} y1="0" y2="1" />
                </svg>
            </div>
            <p class="timeline-note">{ lang.t(Msg::TimelineNote) }</p>
        </section>
    }
}

#[derive(Properties)]
pub struct TimelineRowsProps {
    pub lang: Lang,
    pub procs: Rc<Timeline>,
    pub goroutines: Rc<GoroutineTimeline>,
    pub on_seek: Callback<u64>,
}

/// Same recording, same rows: the seek callback is re-created by every page render but
/// always dispatches to the same reducer, so it is left out of the comparison.
impl PartialEq for TimelineRowsProps {
    fn eq(&self, other: &Self) -> bool {
        self.lang == other.lang
            && Rc::ptr_eq(&self.procs, &other.procs)
            && Rc::ptr_eq(&self.goroutines, &other.goroutines)
    }
}

#[component(TimelineRows)]
fn timeline_rows(props: &TimelineRowsProps) -> Html {
    let lang = props.lang;
    let shown = use_state(|| G_ROWS);
    let t = &props.procs;
    let gt = &props.goroutines;
    let end = t.end.max(1) as f64;
    let on_click = super::svg::seek_on_click(&props.on_seek, t.end);
    let rect = |class: &'static str, row: u32, from: u64, to: u64| {
        let x = from as f64 * W / end;
        let w = ((to - from) as f64 * W / end).max(0.6);
        let attrs = [
            ("class", AttrValue::from(class)),
            ("x", AttrValue::from(format!("{x:.1}"))),
            ("y", num(row * ROW_H + 2)),
            ("width", AttrValue::from(format!("{w:.1}"))),
            ("height", num(ROW_H - 4)),
        ];
        el("rect", &attrs, vec![], None)
    };

    // Per P.
    let p_rows = t.spans.iter().map(|s| s.p + 1).max().unwrap_or(1);
    let min_w = if t.spans.len() > MAX_SPANS {
        end / W
    } else {
        0.0
    };
    let p_spans = t
        .spans
        .iter()
        .filter(|s| (s.to - s.from) as f64 >= min_w)
        .map(|s| rect(P_CLASSES[(s.g % 4) as usize], s.p, s.from, s.to));
    let p_names: Vec<String> = (0..p_rows).map(|p| format!("P{p}")).collect();

    // Per goroutine: the busiest `shown`, in that order.
    let rows = gt.busiest(*shown);
    let g_total: usize = rows.iter().map(|l| l.spans.len()).sum();
    let min_w = if g_total > MAX_SPANS { end / W } else { 0.0 };
    let g_spans = rows.iter().enumerate().flat_map(|(row, lane)| {
        lane.spans
            .iter()
            .filter(move |s| (s.to - s.from) as f64 >= min_w && s.status != GStatus::Dead)
            .map(move |s| rect(status_class(s.status, s.wait), row as u32, s.from, s.to))
    });
    let g_names: Vec<String> = rows.iter().map(|l| format!("g{}", l.g)).collect();
    let hidden = gt.lanes.len().saturating_sub(rows.len());
    let on_more = {
        let shown = shown.clone();
        Callback::from(move |_: MouseEvent| shown.set(*shown + G_ROWS * 4))
    };
    let chart = |testid: &'static str, names: Vec<String>, spans: Vec<Html>| {
        let height = names.len().max(1) as u32 * ROW_H;
        html! {
            <div class="timeline-body" data-testid={testid}>
                <div class="timeline-names" aria-hidden="true">
                    { for names.into_iter().map(|n| html! { <div>{ n }</div> }) }
                </div>
                <div class="timeline-plot" onclick={on_click.clone()}>
                    <svg class="timeline-svg" viewBox={format!("0 0 {W} {height}")} preserveAspectRatio="none"
                        height={height.to_string()}>
                        { for spans }
                    </svg>
                </div>
            </div>
        }
    };
    html! {
        <>
            { chart("timeline-procs", p_names, p_spans.collect()) }
            <h3 class="timeline-sub">{ lang.fill(Msg::GTimelineTitle, &gt.lanes.len().to_string()) }</h3>
            { chart("timeline-gs", g_names, g_spans.collect()) }
            if hidden > 0 {
                <button type="button" class="button timeline-more" data-testid="timeline-more" onclick={on_more}>
                    { lang.fill(Msg::ShowMoreGs, &hidden.to_string()) }
                </button>
            }
        </>
    }
}

/// Per-P spans alternate shades by goroutine so neighbours stay apart.
const P_CLASSES: [&str; 4] = ["span sp0", "span sp1", "span sp2", "span sp3"];
