//! The operator lab as a lazily loaded module (see `app::labs`): the page imports it when
//! `#/labs/operator` is opened and calls `mount`.

use wasm_bindgen::prelude::*;

/// Renders the lab into `root` in the language with this code.
#[wasm_bindgen]
pub fn mount(root: web_sys::Element, lang: &str) -> app::labs::host::LabHandle {
    app::labs::host::mount::<app::labs::operator::OperatorLab>(root, lang)
}

/// Renders the lab's embedded widget (`#/embed/operator?...`, see
/// `app::labs::operator::OperatorWidget`).
#[wasm_bindgen]
pub fn mount_widget(root: web_sys::Element, lang: &str) -> app::labs::host::LabHandle {
    app::labs::host::mount::<app::labs::operator::OperatorWidget>(root, lang)
}

fn main() {}
