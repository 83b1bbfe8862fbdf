//! The API lab (`#/labs/api`, issue 7): one `.proto` served as REST and gRPC in the browser,
//! its middleware onion, observability and chaos. A lazily loaded module: it carries protox.
//!
//! [`ApiLab`] holds one [`ApiState`] reducer (`state.rs`), which calls `services::api`; the
//! panels (`panels.rs`, `exchange.rs`, `observe.rs`) are plain functions of the state and a
//! dispatcher, so this crate holds no logic beyond arranging text.

mod config;
mod exchange;
pub mod msg;
mod observe;
mod panels;
pub mod state;
mod widget;

use yew::prelude::*;

use crate::i18n::use_lang;
use msg::ApiMsg;
pub use state::{ApiAction, ApiState};
pub use widget::ApiWidget;

/// The value of the `<input>`, `<textarea>` or `<select>` an event came from.
pub(crate) fn value_of(e: &Event) -> String {
    use wasm_bindgen::JsCast;
    let Some(t) = e.target() else {
        return String::new();
    };
    if let Some(i) = t.dyn_ref::<web_sys::HtmlInputElement>() {
        i.value()
    } else if let Some(a) = t.dyn_ref::<web_sys::HtmlTextAreaElement>() {
        a.value()
    } else if let Some(s) = t.dyn_ref::<web_sys::HtmlSelectElement>() {
        s.value()
    } else {
        String::new()
    }
}

/// The lab's root component.
#[component(ApiLab)]
pub fn api_lab() -> Html {
    let lang = use_lang().lang;
    // Opened from a link (a widget's "Open in goscope"): the link's scenario; otherwise the
    // learner's own lab as they left it.
    let state = use_reducer(|| {
        let hash = crate::share::page_fragment();
        match crate::share::lab_params(&hash) {
            Some((params, _)) => ApiState::scenario(&params),
            None => ApiState::restored(),
        }
    });
    let d = state.dispatcher();
    html! {
        <div class="page api-lab" data-testid="api-lab">
            <h1 class="page-title">{ lang.t(ApiMsg::ApiTitle) }</h1>
            <p class="page-lead">{ lang.t(ApiMsg::ApiIntro) }</p>
            <div class="lab-grid">
                { panels::contract(lang, &state, &d) }
                { panels::routes(lang, &state, &d) }
                { panels::console(lang, &state, &d) }
                { panels::chain(lang, &state, &d) }
                { panels::token(lang, &state, &d) }
                { panels::rules(lang, &state, &d) }
                { exchange::exchange(lang, &state) }
                { observe::observability(lang, &state, &d) }
                { observe::chaos(lang, &state, &d) }
                { config::config_centre(lang, &state, &d) }
            </div>
        </div>
    }
}
