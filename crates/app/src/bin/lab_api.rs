//! The API lab as a lazily loaded module (see `app::labs`): the page imports it when
//! `#/labs/api` is opened and calls `mount`. It carries protox, which the main page must not.

use wasm_bindgen::prelude::*;

/// Renders the lab into `root` in the language with this code.
#[wasm_bindgen]
pub fn mount(root: web_sys::Element, lang: &str) -> app::labs::host::LabHandle {
    app::labs::host::mount::<app::labs::api::ApiLab>(root, lang)
}

fn main() {}
