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
