//! goscope's web UI: the only crate that knows the DOM.
//!
//! A yew (client-side rendering) app over the deterministic core: `lang` highlights and
//! compiles, `runtime` executes; this crate renders, remembers and dispatches — no logic of
//! its own beyond arranging text for display.
//!
//! Codemap:
//! - `app.rs` — root component: language/theme providers, hash router, page chrome.
//! - `router.rs` — the pages and their `#/...` addresses.
//! - `i18n.rs` — every visible string, 简体中文 and English; the language context.
//! - `theme.rs` — light/dark, `<html data-theme>`; colours themselves are in `web/style.css`.
//! - `storage.rs` — local storage that never fails (falls back to memory).
//! - `state.rs` — the Playground's `PlaygroundState` + `Action` reducer, driving
//!   `runtime::Execution` in slices.
//! - `text.rs`, `code_view.rs` — pure text helpers (byte/UTF-16/line:col; highlighted lines).
//! - `examples.rs` — the Gallery's programs (until the `gallery` crate exists).
//! - `components/` — header, editor, output, icons. `pages/` — one module per page.
//! - `player/` — the player shared by the views (state, reducer, controls, keys, URL step);
//!   `run_trace.rs` — a recorded run (`sim::Recorder<runtime::Machine>`) the player moves in;
//!   `views/` — scheduler lanes, per-P timeline, channels, heap/GC/spans, explanations;
//!   `gc_runs.rs` — the latest runs' GC charts under different settings (GOGC side by side).
//! - `labs/` — lazy labs: each lab is its own wasm module (`src/bin/lab_*.rs`), fetched
//!   when its route opens; `LazyLab` loads it, `labs::host::mount` renders it.
//! - `share.rs` — share links: the page's whole state in the fragment (versioned, deflated);
//!   `embed/` — widget view names, snippets and the postMessage bridge; `pages/widget.rs`
//!   renders a widget, `pages/embed.rs` is the course author's guide.
//! - `panic.rs` — a visible notice instead of a silently dead page, should anything panic.
//!
//! Architecture invariants: user text (programs, their output, diagnostics) reaches the DOM
//! only as text nodes — no `inner_html` anywhere in this crate. Nothing here may unwrap a
//! browser API that can fail (storage, media queries, `execCommand`): each has a fallback.
//!
//! Built by trunk through the `goscope-web` bin target (`src/main.rs` calls [`start`]).
//! Tests: pure helpers carry `#[wasm_bindgen_test(unsupported = test)]`, so they run both
//! natively (`cargo test -p app --lib`) and in the browser; `tests/*.rs` mount the App in
//! headless Chromium (`cargo test -p app --target wasm32-unknown-unknown`).

pub mod app;
pub mod code_view;
pub mod components;
pub mod embed;
pub mod examples;
pub mod explorer_run;
pub mod gc_runs;
pub mod i18n;
pub mod labs;
pub mod pages;
pub mod panic;
pub mod player;
pub mod router;
pub mod run_profile;
pub mod run_trace;
pub mod share;
pub mod state;
pub mod storage;
pub mod text;
pub mod theme;
pub mod views;

pub use app::App;

/// The id of the element the site mounts into (see `index.html`).
pub const ROOT_ID: &str = "app";

/// Starts the site: installs the panic notice and mounts the App into `#app` (or `<body>`
/// if the page has no such element), replacing the static loading message.
pub fn start() {
    panic::install_hook();
    panic::offer_reopen_links();
    router::install_fragment_guard();
    register_service_worker();
    let document = web_sys::window().and_then(|w| w.document());
    let root = document.as_ref().and_then(|d| d.get_element_by_id(ROOT_ID));
    match root {
        Some(root) => {
            root.set_text_content(None);
            yew::Renderer::<App>::with_root(root).render();
        }
        None => {
            yew::Renderer::<App>::new().render();
        }
    }
}

/// Registers `sw.js` (see `web/sw.js`) so a visited site works offline. Release builds
/// only: under `trunk serve` a worker would serve stale development builds. Where service
/// workers are missing or refused (an insecure origin, a sandboxed iframe) the site simply
/// stays online-only; the rejection is caught so it is not an error in the console.
fn register_service_worker() {
    if cfg!(debug_assertions) {
        return;
    }
    let Some(navigator) = web_sys::window().map(|w| w.navigator()) else {
        return;
    };
    if !js_sys::Reflect::has(&navigator, &"serviceWorker".into()).unwrap_or(false) {
        return;
    }
    let ignore = wasm_bindgen::closure::Closure::<dyn FnMut(wasm_bindgen::JsValue)>::new(|_| {});
    let _ = navigator.service_worker().register("sw.js").catch(&ignore);
    ignore.forget();
}

/// Mounts the App into `root` (for tests and, later, embed hosts) and returns its handle.
pub fn mount(root: web_sys::Element) -> yew::AppHandle<App> {
    panic::install_hook();
    panic::offer_reopen_links();
    router::install_fragment_guard();
    yew::Renderer::<App>::with_root(root).render()
}

#[cfg(test)]
wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);
