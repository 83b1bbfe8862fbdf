//! The values view (seed 2.4): the frames of the goroutine that ran the step, their named
//! locals, and every interface value drawn as Go lays it out — two words, `tab` (an iface:
//! pointer to the itab of its static interface type and dynamic type, with `fun[]`) or `_type`
//! (an eface, `any`: the type descriptor), and `data` — with arrows to the itab or type box
//! and to the data. At a method call through an interface the `fun[i]` slot used is
//! highlighted; at a type assertion or type-switch case the comparisons are listed in order.
//!
//! Everything shown comes from `runtime::values` (the model) and the step's
//! `runtime::iface_event`s; this file only places it. One SVG per interface value, built as
//! VNodes through `svg::el`; colours are `web/style.css` variables via the `vals-*` classes.

use runtime::Event;
use runtime::iface_event::IfaceEvent;
use runtime::inspect::Inspection;
use runtime::values::{DataWord, FrameValues, IfaceWords, LocalValue, switch_cases};
use yew::prelude::*;

use super::explain::{case_result, iface_sentence};
use super::svg::{el, num, st, txt};
use crate::i18n::{Lang, Msg};

/// Row height and character width (12 px monospace) of the boxes, in SVG units.
const ROW: u32 = 20;
const CH: u32 = 8;
/// Width of the two-word box and the gap the arrows cross.
const WORDS_W: u32 = 96;
const GAP: u32 = 44;

/// The values view at the current step. `all` is the whole event log and `end` the end of
/// the current step's events in it (a type switch's earlier cases are read back from there).
pub fn values_view(
    lang: Lang,
    view: &Inspection,
    events: &[Event],
    all: &[Event],
    end: usize,
) -> Html {
    let dispatch = events.iter().find_map(|e| match e {
        Event::Iface(IfaceEvent::Dispatch {
            inter, typ, index, ..
        }) => Some((inter.to_string(), typ.to_string(), *index as usize)),
        _ => None,
    });
    let ops: Vec<Html> = events
        .iter()
        .filter_map(|e| match e {
            Event::Iface(x) => Some(html! {
                <p class="vals-op" data-testid="vals-op">{ iface_sentence(lang, x) }</p>
            }),
            _ => None,
        })
        .collect();
    let case_g = events.iter().rev().find_map(|e| match e {
        Event::Iface(c @ IfaceEvent::Case { .. }) => Some(c.g()),
        _ => None,
    });
    let cases = case_g
        .map(|g| switch_cases(all, end, g))
        .unwrap_or_default();
    html! {
        <section class="panel vals-view" data-testid="values-view" aria-label={lang.t(Msg::ValuesTitle)}>
            <h2 class="panel-title">{ lang.t(Msg::ValuesTitle) }</h2>
            { for ops }
            if !cases.is_empty() {
                <div class="vals-cases">
                    <b>{ lang.t(Msg::ValuesCases) }</b>
                    <ol data-testid="vals-cases">
                        { for cases.iter().map(|c| case_item(lang, c)) }
                    </ol>
                </div>
            }
            <p class="muted">{ lang.fill(Msg::ValuesGoroutine, &view.frames_g.to_string()) }</p>
            if view.frames.is_empty() {
                <p class="muted">{ lang.t(Msg::ValuesNoFrames) }</p>
            }
            { for view.frames.iter().map(|f| frame(lang, f, dispatch.as_ref())) }
        </section>
    }
}

fn case_item(lang: Lang, c: &IfaceEvent) -> Html {
    let IfaceEvent::Case {
        case,
        target,
        matched,
        ..
    } = c
    else {
        return Html::default();
    };
    html! {
        <li class={classes!("vals-case", matched.then_some("vals-case-hit"))}>
            { format!("case {case} {target}: {}", lang.t(case_result(c))) }
        </li>
    }
}

fn frame(lang: Lang, f: &FrameValues, dispatch: Option<&(String, String, usize)>) -> Html {
    html! {
        <div class="vals-frame" data-testid="vals-frame">
            <h3 class="vals-func">
                { f.func.clone() }
                <span class="muted">{ " · " }{ lang.fill(Msg::ValuesLine, &f.line.to_string()) }</span>
            </h3>
            if f.locals.is_empty() {
                <p class="muted">{ lang.t(Msg::ValuesNoLocals) }</p>
            } else {
                <table class="vals-locals">
                    <thead><tr>
                        <th>{ lang.t(Msg::ValuesName) }</th>
                        <th>{ lang.t(Msg::ValuesType) }</th>
                        <th>{ lang.t(Msg::ValuesValue) }</th>
                    </tr></thead>
                    <tbody>
                        { for f.locals.iter().map(|l| local(lang, l, dispatch)) }
                    </tbody>
                </table>
            }
        </div>
    }
}

fn local(lang: Lang, l: &LocalValue, dispatch: Option<&(String, String, usize)>) -> Html {
    html! {
        <>
            <tr data-testid={format!("local-{}", l.name)} data-slot={l.slot.to_string()}>
                <td class="vals-name">{ l.name.clone() }</td>
                <td class="vals-type">{ l.ty.clone() }</td>
                <td class="vals-text">{ l.text.clone() }</td>
            </tr>
            if let Some(w) = &l.iface {
                <tr class="vals-words-row"><td colspan="3">{ words(lang, w, dispatch) }</td></tr>
            }
        </>
    }
}

/// The width of `s` in SVG units: CJK characters are about twice as wide as ASCII ones.
fn text_w(s: &str) -> u32 {
    s.chars()
        .map(|c| if (c as u32) >= 0x2E80 { 2 * CH } else { CH })
        .sum()
}

/// A box of text rows at (`x`, `y`): the first row is its header; `hit` is highlighted.
fn boxed(x: u32, y: u32, w: u32, rows: &[String], hit: Option<usize>, test: &'static str) -> Html {
    let mut out = vec![el(
        "rect",
        &[
            ("x", num(x)),
            ("y", num(y)),
            ("width", num(w)),
            ("height", num(ROW * rows.len() as u32)),
            ("class", st("vals-box")),
        ],
        vec![],
        None,
    )];
    for (i, r) in rows.iter().enumerate() {
        let ry = y + ROW * i as u32;
        let class = match (i, hit) {
            (0, _) => Some("vals-head"),
            (i, Some(h)) if i == h => Some("vals-hit"),
            _ => None,
        };
        if let Some(class) = class {
            let mut attrs = vec![
                ("x", num(x)),
                ("y", num(ry)),
                ("width", num(w)),
                ("height", num(ROW)),
                ("class", st(class)),
            ];
            if class == "vals-hit" {
                attrs.push(("data-testid", st("fun-hit")));
            }
            out.push(el("rect", &attrs, vec![], None));
        }
        out.push(el(
            "text",
            &[("x", num(x + 6)), ("y", num(ry + 14))],
            vec![txt(r.clone())],
            None,
        ));
    }
    el("g", &[("data-testid", st(test))], out, None)
}

/// An arrow from (`x1`, `y1`) to (`x2`, `y2`), bending halfway.
fn arrow(x1: u32, y1: u32, x2: u32, y2: u32) -> Html {
    let mid = (x1 + x2) / 2;
    let d = format!("M{x1} {y1} H{mid} V{y2} H{}", x2 - 6);
    let head = format!("{},{} {},{} {x2},{y2}", x2 - 7, y2 - 4, x2 - 7, y2 + 4);
    html! {
        <>
            { el("path", &[("d", d.into()), ("class", st("vals-arrow"))], vec![], None) }
            { el("polygon", &[("points", head.into()), ("class", st("vals-arrowhead"))], vec![], None) }
        </>
    }
}

fn words(lang: Lang, w: &IfaceWords, dispatch: Option<&(String, String, usize)>) -> Html {
    let first = if w.eface { "_type" } else { "tab" };
    let nil = w.dynamic.is_none();
    let word_rows = [
        format!("{} {}", if w.eface { "eface" } else { "iface" }, w.inter),
        format!("{first}  {}", if nil { "nil" } else { "●" }),
        format!("data  {}", if nil { "nil" } else { "●" }),
    ];
    let words_w = WORDS_W.max(text_w(&word_rows[0]) + 12);
    let mut parts = vec![boxed(0, 0, words_w, &word_rows, None, "words")];
    let right = words_w + GAP;
    let mut width = words_w;
    let mut height = ROW * 3;
    let mut notes: Vec<Html> = Vec::new();
    if let (Some(t), Some(data)) = (&w.dynamic, &w.data) {
        let (rows, hit) = match &w.itab {
            Some(tab) => {
                let mut rows = vec![
                    "itab".to_string(),
                    format!("inter  {}", tab.inter),
                    format!("_type  {} ({}, {} B)", tab.typ, t.kind, t.size),
                    format!("hash   {:#010x}", tab.hash),
                ];
                for (i, f) in tab.fun.iter().enumerate() {
                    rows.push(format!("fun[{i}] {} → {}", f.method, f.func));
                }
                let hit = dispatch
                    .filter(|(i, ty, _)| *i == tab.inter && *ty == tab.typ)
                    .map(|(_, _, n)| 4 + n);
                if !tab.cached {
                    notes.push(
                        html! { <p class="muted vals-note">{ lang.t(Msg::ValuesBuilt) }</p> },
                    );
                }
                (rows, hit)
            }
            None => (
                vec![
                    "_type".to_string(),
                    format!("name  {}", t.name),
                    format!("kind  {}", t.kind),
                    format!("size  {} B", t.size),
                    format!("hash  {:#010x}", t.hash),
                ],
                None,
            ),
        };
        let tw = rows.iter().map(|r| text_w(r)).max().unwrap_or(CH) + 12;
        let test = if w.itab.is_some() { "itab" } else { "type" };
        parts.push(boxed(right, 0, tw, &rows, hit, test));
        parts.push(arrow(words_w, ROW + ROW / 2, right, ROW / 2));
        let dy = ROW * rows.len() as u32 + 12;
        let (value, note) = match data {
            DataWord::Direct(a) => (a.clone(), Msg::ValuesDirect),
            DataWord::Boxed(v) => (v.clone(), Msg::ValuesBoxed),
        };
        let drows = [format!("data: {}", lang.t(note)), value];
        let dw = drows.iter().map(|r| text_w(r)).max().unwrap_or(CH) + 12;
        parts.push(boxed(right, dy, dw, &drows, None, "data"));
        parts.push(arrow(words_w, 2 * ROW + ROW / 2, right, dy + ROW / 2));
        width = right + tw.max(dw);
        height = dy + 2 * ROW;
    } else {
        notes.push(html! { <p class="muted vals-note">{ lang.t(Msg::ValuesNil) }</p> });
    }
    let view_box = format!("0 0 {} {}", width + 2, height + 2);
    html! {
        <div class="vals-words">
            { el("svg", &[
                ("class", st("vals-svg")),
                ("viewBox", view_box.into()),
                ("width", num(width + 2)),
                ("role", st("img")),
            ], parts, None) }
            { for notes }
        </div>
    }
}
