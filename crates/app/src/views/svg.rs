//! A tiny element builder for the views' SVG: one non-generic function instead of an
//! `html!` expansion per element, because the site has a size budget and a lane, a chip or
//! a timeline span is drawn many times with only its numbers changing. Text still reaches
//! the DOM as text nodes; nothing is ever parsed as markup.

use yew::prelude::*;
use yew::virtual_dom::{Key, VTag, VText};

/// `<name attrs...>children</name>`, with an optional key for keyed lists.
pub fn el(
    name: &'static str,
    attrs: &[(&'static str, AttrValue)],
    children: Vec<Html>,
    key: Option<Key>,
) -> Html {
    let mut tag = VTag::new(name);
    for (k, v) in attrs {
        tag.add_attribute(k, v.clone());
    }
    tag.add_children(children);
    tag.key = key;
    tag.into()
}

/// A text node.
pub fn txt(s: impl Into<AttrValue>) -> Html {
    VText::new(s.into()).into()
}

/// A number as an attribute value.
pub fn num(n: u32) -> AttrValue {
    AttrValue::from(n.to_string())
}

/// A static attribute value.
pub const fn st(s: &'static str) -> AttrValue {
    AttrValue::Static(s)
}

/// A click handler for a timeline drawn over steps `0..=last`: the click's horizontal position
/// in the SVG picks the step to seek to.
pub fn seek_on_click(on_seek: &Callback<u64>, last: u64) -> Callback<MouseEvent> {
    use wasm_bindgen::JsCast;
    let on_seek = on_seek.clone();
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
}
