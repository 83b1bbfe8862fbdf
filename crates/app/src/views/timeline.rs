//! Which goroutine each P ran when, like `go tool trace`'s proc lanes, with the player's
//! position as a cursor. The x axis is steps (instructions: each costs one virtual
//! nanosecond of work on its P). Clicking a lane seeks there.
//!
//! Long runs have more spans than pixels: spans narrower than a thousandth of the run are
//! skipped, so the SVG stays small whatever the run's length.

use runtime::inspect::Timeline;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::svg::{el, num};
use crate::i18n::{Lang, Msg};

/// Width of the SVG's coordinate system (scaled to the box).
const W: f64 = 1000.0;
const ROW_H: u32 = 14;
/// Spans per lane beyond which narrow ones are dropped.
const MAX_SPANS: usize = 1500;

/// The lanes of `t` with a cursor at `step`; a click asks `on_seek` for the step under it.
pub fn timeline_view(lang: Lang, t: &Timeline, step: u64, on_seek: &Callback<u64>) -> Html {
    let end = t.end.max(1) as f64;
    let lanes = t.spans.iter().map(|s| s.p + 1).max().unwrap_or(1);
    let min_w = if t.spans.len() > MAX_SPANS {
        end / W
    } else {
        0.0
    };
    let height = lanes * ROW_H;
    let on_click = {
        let on_seek = on_seek.clone();
        let last = t.end;
        Callback::from(move |e: MouseEvent| {
            let Some(svg) = e
                .current_target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            else {
                return;
            };
            let rect = svg.get_bounding_client_rect();
            if rect.width() > 0.0 {
                let f = ((e.client_x() as f64 - rect.left()) / rect.width()).clamp(0.0, 1.0);
                on_seek.emit((f * last as f64).round() as u64);
            }
        })
    };
    let spans = t
        .spans
        .iter()
        .filter(|s| (s.to - s.from) as f64 >= min_w)
        .map(|s| {
            let x = s.from as f64 * W / end;
            let w = ((s.to - s.from) as f64 * W / end).max(0.6);
            let attrs = [
                ("class", AttrValue::from(format!("span sp{}", s.g % 4))),
                ("x", AttrValue::from(format!("{x:.1}"))),
                ("y", num(s.p * ROW_H + 2)),
                ("width", AttrValue::from(format!("{w:.1}"))),
                ("height", num(ROW_H - 4)),
            ];
            el("rect", &attrs, vec![], None)
        });
    let cursor = step as f64 * W / end;
    html! {
        <section class="panel timeline" data-testid="timeline" aria-label={lang.t(Msg::TimelineTitle)}>
            <h2 class="panel-title">{ lang.t(Msg::TimelineTitle) }</h2>
            <div class="timeline-body">
                <div class="timeline-names" aria-hidden="true">
                    { for (0..lanes).map(|p| html! { <div>{ format!("P{p}") }</div> }) }
                </div>
                <svg class="timeline-svg" viewBox={format!("0 0 {W} {height}")} preserveAspectRatio="none"
                    height={height.to_string()} onclick={on_click}>
                    { for spans }
                    <line class="cursor" x1={format!("{cursor:.1}")} x2={format!("{cursor:.1}")} y1="0" y2={height.to_string()} />
                </svg>
            </div>
            <p class="timeline-note">{ lang.t(Msg::TimelineNote) }</p>
        </section>
    }
}
