//! The last line of defence: what happens if Rust code panics in the browser.
//!
//! The goal is that nothing panics — bad programs get diagnostics, runaway programs hit
//! budgets. But if a bug slips through, a wasm panic aborts the module and the page stops
//! responding without a word. The hook logs the panic to the console (with its message,
//! via `console_error_panic_hook`) and puts a visible notice on the page asking for a reload,
//! in both languages because the language state may be what broke. The notice is set with
//! `textContent`, never as HTML.

use std::sync::Once;

use crate::i18n::{Lang, Msg};

/// Installs the hook once (tests mount the app many times).
pub fn install_hook() {
    static INSTALL: Once = Once::new();
    INSTALL.call_once(|| {
        std::panic::set_hook(Box::new(|info| {
            console_error_panic_hook::hook(info);
            show_notice();
        }));
    });
}

fn show_notice() {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Some(body) = document.body() else { return };
    if document.get_element_by_id("goscope-crash").is_some() {
        return;
    }
    let Ok(notice) = document.create_element("div") else {
        return;
    };
    notice.set_id("goscope-crash");
    let _ = notice.set_attribute("role", "alert");
    let _ = notice.set_attribute("class", "crash-notice");
    notice.set_text_content(Some(&format!(
        "{} {}",
        Lang::Zh.t(Msg::CrashNotice),
        Lang::En.t(Msg::CrashNotice)
    )));
    let _ = body.append_child(&notice);
}
