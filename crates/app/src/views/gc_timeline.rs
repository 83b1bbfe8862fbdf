//! The GC timeline: the collector's phases and its stop-the-world pauses across the P lanes,
//! and the live heap against the heap goal over the run — on the same virtual clock as the
//! scheduler's timeline (x is steps, `W` wide, the player's cursor on both), so a pause lines
//! up with the goroutines it stopped.
//!
//! What it models: a cycle starts when the live heap reaches the goal that the pacer set at
//! the end of the previous cycle (`runtime/mgcpacer.go`: goal = marked heap × (1 + GOGC/100),
//! capped by GOMEMLIMIT); sweep termination and mark termination stop the world (every P);
//! marking runs concurrently with the program; sweeping is lazy.
//!
//! Speed: everything drawn depends only on the recording, so [`GcChart::of`] turns the
//! recorded `GcTimeline` into its SVG geometry once, when the run is kept; each step then
//! renders the same strings plus a cursor. Long runs have more samples than pixels: the
//! curves keep one point per pixel column (its highest live heap, so peaks survive).

use runtime::Event;
use runtime::gc::event::GcEvent;
use runtime::gc::view::{GcPhase, GcTimeline};
use yew::prelude::*;

use super::heap::{bytes, phase_class, phase_msg};
use super::svg::{el, num, st, txt};
use crate::i18n::{Lang, Msg};

/// Width of the SVG's coordinate system (the scheduler timeline's).
const W: f64 = 1000.0;
const ROW_H: u32 = 14;
/// Height of the heap chart.
const CHART_H: f64 = 90.0;

/// The geometry of a recorded GC timeline, computed once per recording.
#[derive(Clone, Debug, PartialEq)]
pub struct GcChart {
    /// The last step: the x axis is `0..=end`.
    pub end: u64,
    /// `(from, to, phase)` in steps, consecutive samples of one phase merged; `Off` left out.
    pub phases: Vec<(u64, u64, GcPhase)>,
    /// Stop-the-world windows `(from, to)` in steps, with their length in virtual ns (the
    /// world is stopped, so few or no instructions run during one: the window is drawn at
    /// least a hairline wide and titled with its real length).
    pub stw: Vec<(u64, u64, u64)>,
    /// `points` of the live-heap and heap-goal polylines.
    pub live: AttrValue,
    pub goal: AttrValue,
    /// The y axis' top, in bytes.
    pub max: u64,
    pub cycles: usize,
    /// `(step, live, goal)`, one per pixel column: what the polylines are drawn from (the
    /// GOGC comparison redraws them on a shared scale).
    pub points: Vec<(u64, u64, u64)>,
}

/// The `points` attributes of the live and goal polylines of `points` on a `W`×`h` box
/// whose axes end at `end` steps and `max` bytes.
pub fn polylines(points: &[(u64, u64, u64)], end: u64, max: u64, h: f64) -> (AttrValue, AttrValue) {
    let y = |b: u64| h - 2.0 - (b as f64 * (h - 6.0) / max.max(1) as f64);
    let (mut live, mut goal) = (String::new(), String::new());
    for &(step, l, g) in points {
        let x = step as f64 * W / end.max(1) as f64;
        live.push_str(&format!("{x:.0},{:.1} ", y(l)));
        goal.push_str(&format!("{x:.0},{:.1} ", y(g)));
    }
    (
        AttrValue::from(live.trim_end().to_owned()),
        AttrValue::from(goal.trim_end().to_owned()),
    )
}

impl GcChart {
    /// The chart of a recording's `(step, event)` log, `end` steps long.
    pub fn of<'a, I>(events: I, end: u64) -> GcChart
    where
        I: Iterator<Item = (u64, &'a Event)> + Clone,
    {
        let t = GcTimeline::build(events.clone());
        let end = end.max(1);
        let mut stw = Vec::new();
        let mut open: Option<(u64, u64)> = None;
        for (step, e) in events {
            match e {
                Event::Gc(GcEvent::StwStart { time_ns, .. }) => open = Some((step, *time_ns)),
                Event::Gc(GcEvent::StwEnd { time_ns, .. }) => {
                    if let Some((from, ns)) = open.take() {
                        stw.push((from, step.max(from), time_ns.saturating_sub(ns)));
                    }
                }
                _ => {}
            }
        }
        let mut phases: Vec<(u64, u64, GcPhase)> = Vec::new();
        for (i, s) in t.samples.iter().enumerate() {
            let to = t.samples.get(i + 1).map_or(end, |n| n.step);
            match phases.last_mut() {
                Some(last) if last.2 == s.phase => last.1 = to,
                _ => phases.push((s.step, to, s.phase)),
            }
        }
        phases.retain(|p| p.2 != GcPhase::Off);
        let max = t
            .samples
            .iter()
            .map(|s| s.heap_live.max(s.heap_goal))
            .max()
            .unwrap_or(0)
            .max(1);
        // One point per pixel column: its highest live heap and its last goal; the heap is
        // empty at step 0, under the first cycle's goal.
        let mut points: Vec<(u64, u64, u64)> = Vec::new();
        if let Some(first) = t.samples.first() {
            points.push((0, 0, first.heap_goal));
        }
        let column = |step: u64| (step as f64 * W / end as f64).round() as i64;
        for s in &t.samples {
            match points.last_mut() {
                Some(p) if column(p.0) == column(s.step) => {
                    p.1 = p.1.max(s.heap_live);
                    p.2 = s.heap_goal;
                }
                _ => points.push((s.step, s.heap_live, s.heap_goal)),
            }
        }
        if let Some(&(_, l, g)) = points.last() {
            points.push((end, l, g)); // held to the end of the run
        }
        let (live, goal) = polylines(&points, end, max, CHART_H);
        GcChart {
            end,
            phases,
            stw,
            live,
            goal,
            max,
            points,
            cycles: t.cycles.len(),
        }
    }
}

/// The chart at `step`, with one lane per P (`procs`); a click asks `on_seek` for a step.
pub fn gc_timeline_view(
    lang: Lang,
    chart: &GcChart,
    procs: usize,
    step: u64,
    on_seek: &Callback<u64>,
) -> Html {
    let end = chart.end as f64;
    let sx = |s: u64| s as f64 * W / end;
    let rect = |class: &'static str, y: u32, h: u32, from: u64, to: u64, title: Option<String>| {
        let x = sx(from);
        // A pause takes virtual time but (almost) no steps: at least 2‰ wide to be seen.
        let w = (sx(to) - x).max(if class == "gc-stw" { 2.0 } else { 0.8 });
        let title = title.map(|t| el("title", &[], vec![txt(t)], None));
        el(
            "rect",
            &[
                ("class", st(class)),
                ("x", AttrValue::from(format!("{x:.1}"))),
                ("y", num(y)),
                ("width", AttrValue::from(format!("{w:.1}"))),
                ("height", num(h)),
            ],
            title.into_iter().collect(),
            None,
        )
    };
    let rows = procs.max(1) as u32 + 1;
    let height = rows * ROW_H;
    // Row 0: the phase band; rows 1..: the P lanes, with the marking phase faint on every P
    // and the stop-the-world windows solid across all of them.
    let mut lanes: Vec<Html> = Vec::new();
    for p in 0..procs as u32 {
        lanes.push(rect(
            "gc-lane",
            (p + 1) * ROW_H + 2,
            ROW_H - 4,
            0,
            chart.end,
            None,
        ));
    }
    for &(from, to, phase) in &chart.phases {
        let title = Some(lang.t(phase_msg(phase)).to_owned());
        lanes.push(rect(phase_class(phase), 2, ROW_H - 4, from, to, title));
        if phase == GcPhase::Mark {
            lanes.push(rect("gc-marking", ROW_H, height - ROW_H, from, to, None));
        }
    }
    for &(from, to, ns) in &chart.stw {
        let title = format!("{} · {}", lang.t(Msg::GcStwKey), duration(ns));
        lanes.push(rect("gc-stw", 0, height, from, to, Some(title)));
    }
    let names: Vec<String> = std::iter::once("GC".to_owned())
        .chain((0..procs).map(|p| format!("P{p}")))
        .collect();
    let on_click = super::svg::seek_on_click(on_seek, chart.end);
    let x = format!("{:.1}", sx(step.min(chart.end)));
    html! {
        <section class="panel timeline gc-timeline" data-testid="gc-timeline" aria-label={lang.t(Msg::GcTimelineTitle)}>
            <h2 class="panel-title">{ lang.t(Msg::GcTimelineTitle) }</h2>
            if chart.cycles == 0 && chart.phases.is_empty() {
                <p class="muted" data-testid="gc-no-cycles">{ lang.t(Msg::GcNoCycles) }</p>
            }
            <div class="timeline-charts">
                <div class="timeline-body" data-testid="gc-lanes">
                    <div class="timeline-names" aria-hidden="true">
                        { for names.into_iter().map(|n| html! { <div>{ n }</div> }) }
                    </div>
                    <div class="timeline-plot" onclick={on_click.clone()}>
                        <svg class="timeline-svg" viewBox={format!("0 0 {W} {height}")} preserveAspectRatio="none"
                            height={height.to_string()}>
                            { for lanes }
                        </svg>
                    </div>
                </div>
                <h3 class="timeline-sub">{ lang.t(Msg::GcHeapChart) }</h3>
                <div class="timeline-body" data-testid="gc-heap-chart">
                    <div class="timeline-names gc-axis" aria-hidden="true">
                        <div>{ bytes(chart.max) }</div>
                    </div>
                    <div class="timeline-plot" onclick={on_click}>
                        <svg class="timeline-svg" viewBox={format!("0 0 {W} {CHART_H}")} preserveAspectRatio="none"
                            height={CHART_H.to_string()}>
                            <polyline class="gc-goal" points={chart.goal.clone()} />
                            <polyline class="gc-live" points={chart.live.clone()} />
                        </svg>
                    </div>
                </div>
                <svg class="tl-cursor" viewBox={format!("0 0 {W} 1")} preserveAspectRatio="none" aria-hidden="true">
                    <line class="cursor" x1={x.clone()} x2={x} y1="0" y2="1" />
                </svg>
            </div>
            <p class="sched-legend">
                <span class="gc-key gc-key-live">{ lang.t(Msg::GcLiveKey) }</span>
                <span class="gc-key gc-key-goal">{ lang.t(Msg::GcGoalKey) }</span>
                <span class="gc-key gc-key-stw">{ lang.t(Msg::GcStwKey) }</span>
                <span class="gc-key ph-mark">{ lang.t(phase_msg(GcPhase::Mark)) }</span>
                <span class="gc-key ph-sweep">{ lang.t(phase_msg(GcPhase::Sweep)) }</span>
                <span class="muted">{ lang.fill(Msg::GcCycles, &chart.cycles.to_string()) }</span>
            </p>
        </section>
    }
}

/// Height of one chart of the comparison.
const SMALL_H: f64 = 48.0;

/// The heap curves of several runs of one program, one small chart per run on shared axes
/// (steps and bytes), labelled with their settings, cycles and peak.
pub fn gc_compare_view(lang: Lang, runs: &[&crate::gc_runs::GcRun]) -> Html {
    let end = runs.iter().map(|r| r.chart.end).max().unwrap_or(1);
    let max = runs.iter().map(|r| r.chart.max).max().unwrap_or(1);
    html! {
        <section class="panel timeline gc-compare" data-testid="gc-compare-view" aria-label={lang.t(Msg::GcCompareTitle)}>
            <h2 class="panel-title">{ lang.t(Msg::GcCompareTitle) }</h2>
            { for runs.iter().map(|r| {
                let (live, goal) = polylines(&r.chart.points, end, max, SMALL_H);
                let gogc = if r.settings.gogc < 0 { "off".to_owned() } else { r.settings.gogc.to_string() };
                let peak = r.chart.points.iter().map(|p| p.1).max().unwrap_or(0);
                let mut label = format!("GOGC={gogc}");
                if let Some(limit) = r.settings.memlimit {
                    label.push_str(&format!(" GOMEMLIMIT={}", bytes(limit)));
                }
                if !r.settings.barrier {
                    label.push_str(" wb=off");
                }
                html! {
                    <div class="gc-compare-row" data-testid="gc-compare-row" data-gogc={r.settings.gogc.to_string()}
                        data-cycles={r.chart.cycles.to_string()}>
                        <p class="timeline-sub">
                            { label }{ " · " }{ lang.fill(Msg::GcCycles, &r.chart.cycles.to_string()) }
                            { " · " }{ lang.fill(Msg::GcPeak, &bytes(peak)) }
                        </p>
                        <svg class="timeline-svg" viewBox={format!("0 0 {W} {SMALL_H}")} preserveAspectRatio="none"
                            height={SMALL_H.to_string()}>
                            <polyline class="gc-goal" points={goal} />
                            <polyline class="gc-live" points={live} />
                        </svg>
                    </div>
                }
            }) }
        </section>
    }
}

/// `850ns`, `12.5µs`, `1.2ms`.
fn duration(ns: u64) -> String {
    match ns {
        0..1000 => format!("{ns}ns"),
        1000..1_000_000 => format!("{:.1}µs", ns as f64 / 1e3),
        _ => format!("{:.1}ms", ns as f64 / 1e6),
    }
}

#[cfg(test)]
mod tests {
    use runtime::Event;
    use runtime::gc::event::{GcEvent, GcReason};
    use runtime::gc::view::GcPhase;
    use wasm_bindgen_test::wasm_bindgen_test;

    use super::*;

    fn phase(n: u32, phase: GcPhase, live: u64) -> Event {
        Event::Gc(GcEvent::Phase {
            n,
            phase,
            time_ns: 0,
            heap_live: live,
            heap_goal: 4 << 20,
        })
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn one_cycle_becomes_phases_pauses_and_curves() {
        let stw = |start: bool, p: GcPhase, ns: u64| {
            Event::Gc(if start {
                GcEvent::StwStart {
                    n: 1,
                    phase: p,
                    time_ns: ns,
                }
            } else {
                GcEvent::StwEnd {
                    n: 1,
                    phase: p,
                    time_ns: ns,
                }
            })
        };
        let log = [
            (
                100,
                Event::Gc(GcEvent::CycleStart {
                    n: 1,
                    reason: GcReason::Heap,
                    time_ns: 1000,
                    heap_live: 4 << 20,
                    heap_goal: 4 << 20,
                }),
            ),
            (100, stw(true, GcPhase::SweepTermination, 1000)),
            (100, stw(false, GcPhase::SweepTermination, 31_000)),
            (100, phase(1, GcPhase::Mark, 4 << 20)),
            (400, phase(1, GcPhase::MarkTermination, 5 << 20)),
            (400, stw(true, GcPhase::MarkTermination, 90_000)),
            (401, stw(false, GcPhase::MarkTermination, 150_000)),
            (401, phase(1, GcPhase::Sweep, 2 << 20)),
            (700, phase(1, GcPhase::Off, 2 << 20)),
        ];
        let c = GcChart::of(log.iter().map(|(s, e)| (*s, e)), 1000);
        assert_eq!(
            c.phases,
            [
                (100, 100, GcPhase::SweepTermination),
                (100, 400, GcPhase::Mark),
                (400, 401, GcPhase::MarkTermination),
                (401, 700, GcPhase::Sweep),
            ]
        );
        // Pauses in steps, with their virtual length.
        assert_eq!(c.stw, [(100, 100, 30_000), (400, 401, 60_000)]);
        assert_eq!(c.max, 5 << 20);
        assert_eq!(c.cycles, 1);
        // From an empty heap at 0, one point per pixel column (step 100's three samples are
        // one), held to the end.
        let points = c.live.split(' ').count();
        assert_eq!(points, 6, "{}", c.live);
        assert_eq!(c.points[1], (100, 4 << 20, 4 << 20));
        assert!(
            c.live.ends_with(&format!(
                "1000,{:.1}",
                CHART_H - 2.0 - (2.0 / 5.0) * (CHART_H - 6.0)
            )),
            "{}",
            c.live
        );
        assert_eq!(duration(30_000), "30.0µs");
    }
}
