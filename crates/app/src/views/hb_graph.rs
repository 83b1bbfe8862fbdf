//! The happens-before graph of a race-mode run (`runtime::inspect::HbGraph`): one lane per
//! goroutine, time left to right, synchronisation edges as arrows from a release to the
//! acquire it orders, shared accesses as dots (filled: write, hollow: read), the two accesses
//! of each reported race in the danger colour joined by a dashed line, and the player's step
//! as a cursor. Below it, each race with both stacks, a plain explanation and its fixes
//! (`views::race_help`).
//!
//! The x axis is *logical*: one column per step that has a happens-before event, so a
//! thousand steps of sleeping take no room and a rendezvous at one step is one column. Long
//! runs: at most [`MAX_COLS`] columns are drawn, a window centred on the player's step (the
//! player, or "go to this race", moves it), and the SVG scrolls sideways. Clicking a dot
//! seeks the player to its step (one listener on the SVG reads the dot's `data-step`).

use runtime::inspect::HbGraph;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::svg::{el, num, st, txt};
use crate::i18n::{Lang, Msg};

/// Columns drawn at most (a window around the player's step).
pub const MAX_COLS: usize = 240;
/// The narrowest column spacing.
const COL_W: u32 = 26;
const LANE_H: u32 = 34;
/// Left margin for the lane names.
const LEFT: u32 = 34;

/// Every step that has an event, ascending, deduplicated.
fn columns(g: &HbGraph) -> Vec<u64> {
    let mut cols: Vec<u64> = g.accesses.iter().map(|a| a.step).collect();
    cols.extend(g.edges.iter().flat_map(|e| [e.from_step, e.to_step]));
    cols.sort_unstable();
    cols.dedup();
    cols
}

/// The graph at the player's `step`; `on_seek` gets the step of a clicked access.
pub fn hb_graph_view(lang: Lang, g: &HbGraph, step: u64, on_seek: &Callback<u64>) -> Html {
    let cols = columns(g);
    let body = if cols.is_empty() {
        html! { <p class="panel-note">{ lang.t(Msg::HbNoEvents) }</p> }
    } else {
        graph(lang, g, &cols, step, on_seek)
    };
    html! {
        <section class="panel hb" data-testid="hb" aria-label={lang.t(Msg::HbTitle)}>
            <h2 class="panel-title">{ lang.t(Msg::HbTitle) }</h2>
            { body }
            <p class="panel-note">{ lang.t(Msg::HbNote) }</p>
        </section>
    }
}

fn graph(lang: Lang, g: &HbGraph, cols: &[u64], step: u64, on_seek: &Callback<u64>) -> Html {
    // The cursor's column: the last with a step at or before the player's.
    let cursor = cols.partition_point(|s| *s <= step);
    let lo = cursor
        .saturating_sub(MAX_COLS / 2)
        .min(cols.len().saturating_sub(MAX_COLS));
    let hi = (lo + MAX_COLS).min(cols.len());
    let window = &cols[lo..hi];
    let col = |s: u64| window.binary_search(&s).ok();
    // A short run spreads over the panel; a long one scrolls at the narrowest spacing.
    let col_w = (900 / window.len().max(1) as u32).clamp(COL_W, 90);
    let x = |c: usize| LEFT + c as u32 * col_w + col_w / 2;
    let lane = |gi: usize| g.lanes.binary_search(&gi).unwrap_or(0) as u32;
    let y = |gi: usize| lane(gi) * LANE_H + LANE_H / 2;
    let width = LEFT + window.len() as u32 * col_w + col_w;
    let height = g.lanes.len() as u32 * LANE_H;

    let mut nodes = vec![el(
        "defs",
        &[],
        vec![el(
            "marker",
            &[
                ("id", st("hb-arrow")),
                ("viewBox", st("0 0 8 8")),
                ("refX", st("7")),
                ("refY", st("4")),
                ("markerWidth", st("7")),
                ("markerHeight", st("7")),
                ("orient", st("auto")),
            ],
            vec![el(
                "path",
                &[("d", st("M0,0 L8,4 L0,8 z")), ("class", st("hb-arrowhead"))],
                vec![],
                None,
            )],
            None,
        )],
        None,
    )];
    for (i, gi) in g.lanes.iter().enumerate() {
        let ly = num(i as u32 * LANE_H + LANE_H / 2);
        nodes.push(el(
            "line",
            &[
                ("class", st("hb-lane")),
                ("x1", num(LEFT)),
                ("x2", num(width)),
                ("y1", ly.clone()),
                ("y2", ly.clone()),
            ],
            vec![],
            None,
        ));
        nodes.push(el(
            "text",
            &[
                ("class", st("hb-name")),
                ("x", st("2")),
                ("y", num(i as u32 * LANE_H + LANE_H / 2 + 4)),
            ],
            vec![txt(format!("g{}", gi + 1))],
            None,
        ));
    }
    for e in &g.edges {
        let (Some(a), Some(b)) = (col(e.from_step), col(e.to_step)) else {
            continue;
        };
        let title = format!("{} → {} · {}", e.ops.0.as_str(), e.ops.1.as_str(), e.obj);
        nodes.push(el(
            "line",
            &[
                ("class", st("hb-edge")),
                ("x1", num(x(a))),
                ("y1", num(y(e.from_g))),
                ("x2", num(x(b))),
                ("y2", num(y(e.to_g))),
                ("marker-end", st("url(#hb-arrow)")),
            ],
            vec![el("title", &[], vec![txt(title)], None)],
            None,
        ));
    }
    for r in &g.races {
        if let (Some(a), Some(b)) = (r.prev.step.and_then(col), r.now.step.and_then(col)) {
            nodes.push(el(
                "line",
                &[
                    ("class", st("hb-race-link")),
                    ("x1", num(x(a))),
                    ("y1", num(y(r.prev.g))),
                    ("x2", num(x(b))),
                    ("y2", num(y(r.now.g))),
                ],
                vec![],
                None,
            ));
        }
    }
    for a in &g.accesses {
        let Some(c) = col(a.step) else { continue };
        let class = match (a.write, a.racy) {
            (true, true) => "hb-dot hb-w hb-racy",
            (false, true) => "hb-dot hb-r hb-racy",
            (true, false) => "hb-dot hb-w",
            (false, false) => "hb-dot hb-r",
        };
        let kind = lang.t(if a.write {
            Msg::RaceWrote
        } else {
            Msg::RaceRead
        });
        let title = format!(
            "g{} {kind} {} · {}:{} · {}",
            a.g + 1,
            a.name,
            a.func,
            a.line,
            a.step
        );
        nodes.push(el(
            "circle",
            &[
                ("class", AttrValue::Static(class)),
                ("cx", num(x(c))),
                ("cy", num(y(a.g))),
                ("r", st(if a.racy { "5.5" } else { "4" })),
                ("data-step", AttrValue::from(a.step.to_string())),
                ("data-line", num(a.line)),
                (
                    "data-testid",
                    st(if a.racy { "hb-racy" } else { "hb-access" }),
                ),
            ],
            vec![el("title", &[], vec![txt(title)], None)],
            None,
        ));
    }
    let cx = LEFT + (cursor.saturating_sub(lo)) as u32 * col_w;
    nodes.push(el(
        "line",
        &[
            ("class", st("cursor")),
            ("x1", num(cx)),
            ("x2", num(cx)),
            ("y1", st("0")),
            ("y2", num(height)),
        ],
        vec![],
        None,
    ));
    let onclick = {
        let on_seek = on_seek.clone();
        Callback::from(move |e: MouseEvent| {
            let step = e
                .target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                .and_then(|el| el.get_attribute("data-step"))
                .and_then(|s| s.parse().ok());
            if let Some(step) = step {
                on_seek.emit(step);
            }
        })
    };
    let cut = cols.len() > window.len();
    html! {
        <>
            <div class="hb-scroll">
                <svg class="hb-svg" data-testid="hb-svg" width={width.to_string()} height={height.to_string()}
                    viewBox={format!("0 0 {width} {height}")} {onclick}>
                    { for nodes }
                </svg>
            </div>
            if cut {
                <p class="panel-note">{ lang.fill(Msg::HbCut, &MAX_COLS.to_string()) }</p>
            }
        </>
    }
}
