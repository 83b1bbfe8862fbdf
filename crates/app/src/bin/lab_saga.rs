//! The Saga & TCC lab as a lazily loaded module (see `app::labs`): the page imports it when
//! `#/labs/saga` is opened and calls `mount`, or when a widget `#/embed/saga?…` is opened and
//! calls `mount_widget`.

use wasm_bindgen::prelude::*;

/// Renders the lab into `root` in the language with this code.
#[wasm_bindgen]
pub fn mount(root: web_sys::Element, lang: &str) -> app::labs::host::LabHandle {
    app::labs::host::mount::<app::pages::SagaLabPage>(root, lang)
}

/// Renders the lab's embedded widget (`#/embed/saga?...`, see `app::pages::SagaWidget`).
#[wasm_bindgen]
pub fn mount_widget(root: web_sys::Element, lang: &str) -> app::labs::host::LabHandle {
    app::labs::host::mount::<app::pages::SagaWidget>(root, lang)
}

fn main() {}
