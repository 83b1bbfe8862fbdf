//! The Go modules lab as a lazily loaded module (see `app::labs`): the page imports it when
//! `#/labs/modules` is opened and calls `mount`.

use wasm_bindgen::prelude::*;

/// Renders the lab into `root` in the language with this code.
#[wasm_bindgen]
pub fn mount(root: web_sys::Element, lang: &str) -> app::labs::host::LabHandle {
    app::labs::host::mount::<app::labs::modules::ModulesLab>(root, lang)
}

fn main() {}
