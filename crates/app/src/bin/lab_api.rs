//! The API lab as a lazily loaded module (see `app::labs`): the page imports it when
//! `#/labs/api` is opened and calls `mount`, or when a widget `#/embed/api?…` is opened and
//! calls `mount_widget`. It carries protox, which the main page must not.

use wasm_bindgen::prelude::*;

/// Renders the lab into `root` in the language with this code.
#[wasm_bindgen]
pub fn mount(root: web_sys::Element, lang: &str) -> app::labs::host::LabHandle {
    app::labs::host::mount::<app::labs::api::ApiLab>(root, lang)
}

/// Renders the lab's embedded widget (`#/embed/api?...`, see `app::labs::api::ApiWidget`).
#[wasm_bindgen]
pub fn mount_widget(root: web_sys::Element, lang: &str) -> app::labs::host::LabHandle {
    app::labs::host::mount::<app::labs::api::ApiWidget>(root, lang)
}

fn main() {}
