//! The span grid: where the allocator's spans are, per size class — cached by a P
//! (`mcache`, the lock-free fast path of `mallocgc`), in the `mcentral` of their class
//! (partial and full span sets, shared by all Ps) or back in the `mheap` (free pages and
//! large objects, class 0). Models `runtime/mcache.go`, `mcentral.go` and `mheap.go`.
//!
//! One row per size class present, one column per owner (P0…Pn's mcache, mcentral, mheap).
//! A span is a small box filled in proportion to `allocated / nelems`; an unswept span (the
//! sweeper has not reached it this cycle) is drawn dashed. Invariant: a span appears in
//! exactly one cell, the one of its owner and class; the order in a cell is the model's.

use runtime::gc::view::{GcView, SpanOwner, SpanView};
use yew::prelude::*;

use super::heap::bytes;
use super::svg::{el, num, st, txt};
use crate::i18n::{Lang, Msg};

/// Spans drawn per cell before `+N`.
const CELL_MAX: usize = 12;
const BOX: u32 = 12;
const GAP: u32 = 3;

/// The grid of `gc`'s spans; `procs` is GOMAXPROCS (one mcache column each).
pub fn span_view(lang: Lang, gc: &GcView, procs: usize) -> Html {
    // Classes present, in order; columns: mcache 0..procs, mcentral, mheap.
    let mut classes: Vec<(u8, u64)> = Vec::new();
    for s in &gc.spans {
        if let Err(at) = classes.binary_search_by_key(&s.class, |c| c.0) {
            classes.insert(at, (s.class, s.elem_size));
        }
    }
    let procs = procs.max(
        gc.spans
            .iter()
            .filter_map(|s| match s.owner {
                SpanOwner::Mcache(p) => Some(p + 1),
                _ => None,
            })
            .max()
            .unwrap_or(0),
    );
    let column = |o: SpanOwner| match o {
        SpanOwner::Mcache(p) => p,
        SpanOwner::Mcentral => procs,
        SpanOwner::Mheap => procs + 1,
    };
    let heads: Vec<String> = (0..procs)
        .map(|p| format!("P{p} mcache"))
        .chain(["mcentral".to_owned(), "mheap".to_owned()])
        .collect();
    html! {
        <section class="panel span-view" data-testid="span-view" aria-label={lang.t(Msg::SpansTitle)}>
            <h2 class="panel-title">{ lang.t(Msg::SpansTitle) }</h2>
            if gc.spans.is_empty() {
                <p class="muted">{ lang.t(Msg::GcNoSpans) }</p>
            } else {
                <div class="lanes-scroll">
                    <table class="span-grid">
                        <thead><tr>
                            <th>{ lang.t(Msg::GcSizeClass) }</th>
                            { for heads.iter().map(|h| html! { <th>{ h.clone() }</th> }) }
                        </tr></thead>
                        <tbody>
                            { for classes.iter().map(|&(class, size)| {
                                let name = if class == 0 {
                                    lang.t(Msg::GcLarge).to_owned()
                                } else {
                                    format!("{} · {}", lang.fill(Msg::GcClass, &class.to_string()), bytes(size))
                                };
                                html! {
                                    <tr data-class={class.to_string()}>
                                        <th scope="row">{ name }</th>
                                        { for (0..procs + 2).map(|col| {
                                            let spans: Vec<&SpanView> = gc.spans.iter()
                                                .filter(|s| s.class == class && column(s.owner) == col)
                                                .collect();
                                            html! { <td>{ cell(lang, &spans) }</td> }
                                        }) }
                                    </tr>
                                }
                            }) }
                        </tbody>
                    </table>
                </div>
                <p class="legend-note">{ lang.t(Msg::SpansNote) }</p>
            }
        </section>
    }
}

/// The spans of one (class, owner) cell as boxes filled by occupancy.
fn cell(lang: Lang, spans: &[&SpanView]) -> Html {
    if spans.is_empty() {
        return html! {};
    }
    let shown = spans.len().min(CELL_MAX) as u32;
    let width = shown * (BOX + GAP);
    let boxes = spans.iter().take(CELL_MAX).enumerate().map(|(i, s)| {
        let x = i as u32 * (BOX + GAP) + 1;
        let fill = if s.nelems == 0 {
            0
        } else {
            (s.allocated.min(s.nelems) * (BOX - 2)).div_ceil(s.nelems)
        };
        let title = lang
            .t(Msg::SpanTitle)
            .replace("{id}", &s.id.to_string())
            .replace("{a}", &s.allocated.to_string())
            .replace("{n}", &s.nelems.to_string())
            .replace("{p}", &s.npages.to_string());
        el(
            "g",
            &[
                (
                    "class",
                    st(if s.swept {
                        "span-box"
                    } else {
                        "span-box unswept"
                    }),
                ),
                ("data-span", AttrValue::from(s.id.to_string())),
            ],
            vec![
                el("title", &[], vec![txt(title)], None),
                el(
                    "rect",
                    &[
                        ("class", st("span-frame")),
                        ("x", num(x)),
                        ("y", num(1)),
                        ("width", num(BOX - 1)),
                        ("height", num(BOX - 1)),
                    ],
                    vec![],
                    None,
                ),
                el(
                    "rect",
                    &[
                        ("class", st("span-fill")),
                        ("x", num(x + 1)),
                        ("y", num(BOX - fill)),
                        ("width", num(BOX - 3)),
                        ("height", num(fill)),
                    ],
                    vec![],
                    None,
                ),
            ],
            None,
        )
    });
    let more = spans.len().saturating_sub(CELL_MAX);
    html! {
        <span class="span-cell">
            <svg width={width.to_string()} height={(BOX + 2).to_string()}
                viewBox={format!("0 0 {width} {}", BOX + 2)}>{ for boxes }</svg>
            if more > 0 {
                <span class="muted">{ format!("+{more}") }</span>
            }
        </span>
    }
}
