//! The scheduler view: one SVG lane per P — its M, the goroutine it runs, its `runnext`
//! slot and its local run queue — then the global run queue and the parked goroutines, and
//! a line of Ms (running / spinning / idle / in a syscall).
//!
//! Goroutine chips are one keyed list in goroutine-id order, each placed with a CSS
//! `transform`: when a step moves g5 from P0's queue to P1 (a steal), the same element's
//! transform changes and the CSS transition slides it there, so nothing jumps. The ids in
//! DOM order never change, so the keyed diff never re-inserts (which would cancel the
//! transition). Past [`ANIMATE_MAX`] live goroutines nothing slides, and the chips are an
//! unkeyed list in place order instead, so a seek patches the chips already drawn. Lanes of
//! Ps involved in the current step's steal, hand-off or wake-up are highlighted.

use runtime::Event;
use runtime::inspect::{EventFacts, EventKind, Inspection};
use runtime::sched::{GStatus, PStatus};
use wasm_bindgen::JsCast;
use yew::prelude::*;
use yew::virtual_dom::Key;

use super::svg::{el, num, st, txt};
use super::{goroutine_title, m_state_text, state_class};
use crate::i18n::{Lang, Msg};

const LABEL_W: u32 = 92;
const CHIP_W: u32 = 40;
const GAP: u32 = 6;
const LANE_H: u32 = 34;
/// Run-queue chips drawn per lane (and per row of the global/waiting rows) before `+N`.
const MAX_ROW: usize = 16;
/// Chips drawn in the global-queue and parked rows before `+N`.
pub const ROW_CHIPS: usize = MAX_ROW + 2;

/// Live goroutines up to which chips slide between places (CSS transitions).
const ANIMATE_MAX: usize = 64;

/// x of the `i`-th chip slot of a row.
fn slot_x(i: usize) -> u32 {
    LABEL_W + i as u32 * (CHIP_W + GAP)
}

/// The view at one step: `events` are that step's (for highlights); `followed` is the
/// goroutine being followed; clicking a chip asks `on_follow` to follow it.
pub fn scheduler_view(
    lang: Lang,
    v: &Inspection,
    events: &[Event],
    followed: Option<u64>,
    on_follow: &Callback<u64>,
) -> Html {
    // Where each goroutine sits: (x, y) by id; `None` hides it (dead, or past a row's cap).
    // `data-where` says it in words (`P1 run`, `P0 next`, `P0 q2`, `global 0`, `parked`),
    // for tests and for anyone reading the DOM.
    let mut place: Vec<Option<(u32, u32, String)>> = vec![None; v.goroutines.len() + 1];
    let mut put = |g: u64, x: u32, y: u32, at: String| {
        if let Some(slot) = place.get_mut(g as usize) {
            *slot = Some((x, y, at));
        }
    };
    let mut overflow: Vec<(u32, usize)> = Vec::new(); // (y, hidden count)
    for (i, p) in v.procs.iter().enumerate() {
        let y = i as u32 * LANE_H + 6;
        if let Some(g) = p.running {
            put(g, slot_x(0), y, format!("P{} run", p.id));
        }
        if let Some(g) = p.runnext {
            put(g, slot_x(1), y, format!("P{} next", p.id));
        }
        for (j, g) in p.runq.iter().enumerate().take(MAX_ROW) {
            put(*g, slot_x(2 + j), y, format!("P{} q{j}", p.id));
        }
        if p.runq.len() > MAX_ROW {
            overflow.push((y, p.runq.len() - MAX_ROW));
        }
    }
    let global_y = v.procs.len() as u32 * LANE_H + 10;
    for (j, g) in v.global.iter().enumerate().take(ROW_CHIPS) {
        put(*g, slot_x(j), global_y, format!("global {j}"));
    }
    if v.global.len() > ROW_CHIPS {
        overflow.push((global_y, v.global.len() - ROW_CHIPS));
    }
    let parked: Vec<u64> = v
        .goroutines
        .iter()
        .filter(|g| matches!(g.status, GStatus::Waiting | GStatus::Syscall))
        .map(|g| g.id)
        .collect();
    let wait_y = global_y + LANE_H + 4;
    for (j, g) in parked.iter().enumerate().take(ROW_CHIPS) {
        put(*g, slot_x(j), wait_y, "parked".to_owned());
    }
    if parked.len() > ROW_CHIPS {
        overflow.push((wait_y, parked.len() - ROW_CHIPS));
    }
    let widest = v
        .procs
        .iter()
        .map(|p| p.runq.len().min(MAX_ROW) + 2)
        .chain([
            v.global.len().min(ROW_CHIPS),
            parked.len().min(ROW_CHIPS),
            6,
        ])
        .max()
        .unwrap_or(6);
    let width = slot_x(widest + 1);
    let height = wait_y + LANE_H;

    // Ps and goroutines the current step's scheduling events are about.
    let mut hot_ps: Vec<String> = Vec::new();
    let mut hot_gs: Vec<u64> = Vec::new();
    for e in events {
        let f = EventFacts::of(e);
        if matches!(
            f.kind,
            EventKind::Steal | EventKind::Handoff | EventKind::Ready | EventKind::Preempt
        ) {
            hot_ps.push(f.p.clone());
            if f.kind == EventKind::Steal {
                hot_ps.push(f.x.clone());
            }
            hot_gs.extend(
                f.g.split(' ')
                    .filter_map(|g| g.strip_prefix('g')?.parse::<u64>().ok()),
            );
        }
    }

    let lane_w = num(width);
    let lanes = v.procs.iter().enumerate().map(|(i, p)| {
        let y = i as u32 * LANE_H;
        let name = format!("P{}", p.id);
        let m = p.m.map_or_else(|| "—".to_owned(), |m| format!("M{m}"));
        let mut class = String::from("lane");
        if p.status == PStatus::Idle {
            class.push_str(" lane-idle");
        }
        if hot_ps.contains(&name) {
            class.push_str(" lane-hot");
        }
        let children = vec![
            el(
                "rect",
                &[
                    ("class", st("lane-bg")),
                    ("width", lane_w.clone()),
                    ("height", st("32")),
                    ("rx", st("6")),
                ],
                vec![],
                None,
            ),
            el(
                "text",
                &[("class", st("lane-name")), ("x", st("8")), ("y", st("15"))],
                vec![txt(name)],
                None,
            ),
            el(
                "text",
                &[("class", st("lane-sub")), ("x", st("8")), ("y", st("28"))],
                vec![txt(format!("{m} · {}", p_status_text(lang, p.status)))],
                None,
            ),
            el(
                "rect",
                &[
                    ("class", st("slot slot-runnext")),
                    ("x", num(slot_x(1))),
                    ("y", st("6")),
                    ("width", st("40")),
                    ("height", st("22")),
                    ("rx", st("5")),
                ],
                vec![],
                None,
            ),
        ];
        let attrs = [
            ("class", AttrValue::from(class)),
            ("transform", AttrValue::from(format!("translate(0 {y})"))),
            ("data-testid", AttrValue::from(format!("lane-{}", p.id))),
        ];
        el("g", &attrs, children, Some(Key::from(u64::from(p.id))))
    });
    let row_label = |y: u32, msg: Msg| {
        el(
            "text",
            &[
                ("class", st("row-name")),
                ("x", st("8")),
                ("y", num(y + 15)),
            ],
            vec![txt(lang.t(msg))],
            None,
        )
    };
    // Sliding chips are for following a handful of goroutines; with many, each step moves
    // dozens at once and the transitions only cost frames.
    let live = v
        .goroutines
        .iter()
        .filter(|g| g.status != GStatus::Dead)
        .count();
    let animate = live <= ANIMATE_MAX;
    let mut placed: Vec<_> = v
        .goroutines
        .iter()
        .filter_map(|g| {
            let (x, y, at) = place.get(g.id as usize).cloned().flatten()?;
            Some((g, x, y, at))
        })
        .collect();
    // Without transitions nothing needs a chip to stay the same element: unkeyed, in place
    // order, a seek between far steps patches the chips already drawn rather than removing
    // a hundred and creating a hundred.
    if !animate {
        placed.sort_by_key(|&(_, x, y, _)| (y, x));
    }
    let chips = placed.into_iter().map(|(g, x, y, at)| {
        let id = g.id;
        let mut class = String::from("chip ");
        class.push_str(state_class(g));
        if hot_gs.contains(&id) {
            class.push_str(" chip-hot");
        }
        if followed == Some(id) {
            class.push_str(" chip-followed");
        }
        let children = vec![
            el("title", &[], vec![txt(goroutine_title(lang, g))], None),
            el(
                "rect",
                &[("width", st("40")), ("height", st("22")), ("rx", st("5"))],
                vec![],
                None,
            ),
            el(
                "text",
                &[("x", st("20")), ("y", st("15"))],
                vec![txt(format!("g{id}"))],
                None,
            ),
        ];
        let attrs = [
            ("class", AttrValue::from(class)),
            // The SVG attribute, not an inline `style`: a strict Content-Security-Policy
            // (`style-src 'self'`) refuses style attributes, and CSS still transitions it.
            ("transform", AttrValue::from(format!("translate({x} {y})"))),
            ("data-g", AttrValue::from(id.to_string())),
            ("data-where", AttrValue::from(at)),
        ];
        el("g", &attrs, children, animate.then(|| Key::from(id)))
    });
    // One listener for every chip: the clicked chip's `data-g` says whom to follow.
    let on_click = {
        let on_follow = on_follow.clone();
        Callback::from(move |e: MouseEvent| {
            let g = e
                .target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                .and_then(|t| t.closest("[data-g]").ok().flatten())
                .and_then(|chip| chip.get_attribute("data-g")?.parse().ok());
            if let Some(g) = g {
                on_follow.emit(g);
            }
        })
    };
    let overflow = overflow.iter().map(|&(y, n)| {
        el(
            "text",
            &[
                ("class", st("more")),
                ("x", num(slot_x(ROW_CHIPS))),
                ("y", num(y + 15)),
            ],
            vec![txt(format!("+{n}"))],
            None,
        )
    });
    // The SVG's children are diffed by position: the lanes (as many as Ps) in one group, the
    // chips in one, then the `+N` labels, whose number changes from step to step, last, so a
    // new label never shifts the chips' group into another element's place (which would
    // rebuild every chip).
    let svg_children = vec![
        el("g", &[], lanes.collect(), None),
        row_label(global_y, Msg::GlobalQueue),
        row_label(wait_y, Msg::Parked),
        el("g", &[("class", st("chips"))], chips.collect(), None),
        el("g", &[], overflow.collect(), None),
    ];
    let svg = el(
        "svg",
        &[
            (
                "class",
                st(if animate { "lanes" } else { "lanes lanes-many" }),
            ),
            ("width", num(width)),
            ("height", num(height)),
            ("viewBox", AttrValue::from(format!("0 0 {width} {height}"))),
            ("role", st("img")),
            ("aria-label", st(lang.t(Msg::SchedulerTitle))),
        ],
        svg_children,
        None,
    );
    let threads = v.threads.iter().map(|t| {
        let p = t.p.map(|p| format!(" P{p}")).unwrap_or_default();
        html! {
            <span class={m_class(t.state)} data-testid={format!("m-{}", t.id)}>
                { format!("M{}", t.id) }{ p }{ " · " }{ m_state_text(lang, t.state) }
            </span>
        }
    });
    html! {
        <section class="panel sched-view" data-testid="sched-view" aria-label={lang.t(Msg::SchedulerTitle)}>
            <h2 class="panel-title">{ lang.t(Msg::SchedulerTitle) }</h2>
            <div class="lanes-scroll" onclick={on_click}>
                { svg }
            </div>
            <div class="sched-legend">
                <span class="legend-title">{ lang.t(Msg::Threads) }</span>
                { for threads }
                <span class="mchip">{ lang.fill(Msg::SpinningCount, &v.spinning.to_string()) }</span>
                <span class="mchip" data-testid="idle-ps">
                    { lang.t(Msg::IdlePs) }{ ": " }
                    { v.idle_ps.iter().map(|p| format!("P{p}")).collect::<Vec<_>>().join(" ") }
                </span>
            </div>
            <div class="sched-legend" aria-hidden="true">
                { for [("dot st-running", Msg::GRunning), ("dot st-runnable", Msg::GRunnable), ("dot st-waiting", Msg::GWaiting), ("dot st-blocked", Msg::GBlocked), ("legend-note", Msg::RunnextHint)]
                    .into_iter().map(|(c, m)| el("span", &[("class", st(c))], vec![txt(lang.t(m))], None)) }
            </div>
        </section>
    }
}

fn m_class(s: runtime::sched::MState) -> &'static str {
    use runtime::sched::MState;
    match s {
        MState::Running => "mchip m-running",
        MState::Spinning | MState::Scheduling => "mchip m-spinning",
        MState::Syscall => "mchip m-syscall",
        MState::Idle => "mchip m-idle",
    }
}

fn p_status_text(lang: Lang, s: PStatus) -> &'static str {
    lang.t(match s {
        PStatus::Running => Msg::MRunning,
        PStatus::Idle => Msg::MIdle,
        PStatus::Syscall => Msg::GSyscall,
    })
}
