//! The last line of defence: what happens if Rust code panics in the browser.
//!
//! The goal is that nothing panics — bad programs get diagnostics, runaway programs hit
//! budgets. But if a bug slips through, a wasm panic aborts the module and the page stops
//! responding without a word. The hook logs the panic to the console (with its message,
//! via `console_error_panic_hook`) and puts an error report on the page instead: a notice in
//! both languages (the language state may be what broke), the panic's message, and — when
//! the Playground's editor holds a program — a share link that reopens exactly that program
//! in a fresh page, so the learner loses nothing and a bug report can carry the link. Every
//! part is built with `textContent` and attributes, never as HTML.

use std::sync::{Once, OnceLock};

use crate::i18n::{Lang, messages};
use crate::share::{ShareState, Subject, encode};

// The report's own table: every module links this hook, and a key of the site's `Msg` here
// would link the whole site table into every lab's wasm.
messages! {
    CrashMsg;
    CrashReopen => (
        "在新页面中重新打开这段程序（分享链接）",
        "Reopen this program in a fresh page (share link)"
    ),
    CrashNotice => (
        "goscope 遇到内部错误，请刷新页面。",
        "goscope hit an internal error. Please reload the page."
    ),
}

/// Installs the hook once (tests mount the app many times).
pub fn install_hook() {
    static INSTALL: Once = Once::new();
    INSTALL.call_once(|| {
        std::panic::set_hook(Box::new(|info| {
            console_error_panic_hook::hook(info);
            show_report(&info.to_string());
        }));
    });
}

/// How to turn the editor's program into a reopening link, when this module is the main
/// page's: set by [`offer_reopen_links`]. A lab module never sets it, so the share-link
/// encoder is not linked into every lab's wasm (they have no editor to save anyway).
static REOPEN: OnceLock<fn(&str) -> String> = OnceLock::new();

/// Makes error reports offer a link that reopens the Playground's program (main page only).
pub fn offer_reopen_links() {
    let _ = REOPEN.set(reopen_fragment);
}

/// The fragment that reopens `program` in the Playground.
pub fn reopen_fragment(program: &str) -> String {
    format!(
        "#/?s={}",
        encode(&ShareState::new(Subject::Source(program.to_owned())))
    )
}

/// The program in the Playground's editor, if the page has one.
fn editor_program(document: &web_sys::Document) -> Option<String> {
    use wasm_bindgen::JsCast;
    let editor = document
        .query_selector("[data-testid=editor]")
        .ok()??
        .dyn_into::<web_sys::HtmlTextAreaElement>()
        .ok()?;
    Some(editor.value()).filter(|p| !p.trim().is_empty())
}

/// Puts the error report on the page (once); see the module docs. Public for the browser test.
pub fn show_report(message: &str) {
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
    let _ = notice.set_attribute("data-testid", "crash-notice");
    let append = |tag: &str, text: &str, attrs: &[(&str, &str)]| {
        if let Ok(el) = document.create_element(tag) {
            el.set_text_content(Some(text));
            for (k, v) in attrs {
                let _ = el.set_attribute(k, v);
            }
            let _ = notice.append_child(&el);
        }
    };
    append(
        "p",
        &format!(
            "{} {}",
            Lang::Zh.t(CrashMsg::CrashNotice),
            Lang::En.t(CrashMsg::CrashNotice)
        ),
        &[],
    );
    let short: String = message.chars().take(400).collect();
    append("pre", &short, &[("class", "crash-message")]);
    if let (Some(reopen), Some(program)) = (REOPEN.get(), editor_program(&document)) {
        let href = reopen(&program);
        let text = format!(
            "{} · {}",
            Lang::Zh.t(CrashMsg::CrashReopen),
            Lang::En.t(CrashMsg::CrashReopen)
        );
        append(
            "a",
            &text,
            &[
                ("href", &href),
                ("class", "crash-link"),
                ("data-testid", "crash-link"),
            ],
        );
    }
    let _ = body.append_child(&notice);
}

#[cfg(test)]
mod tests {
    use wasm_bindgen_test::wasm_bindgen_test;

    use super::*;

    #[wasm_bindgen_test(unsupported = test)]
    fn the_reopen_link_carries_the_program() {
        let program = "package main\n\nfunc main() {\n\tpanic(\"x\")\n}\n";
        let fragment = reopen_fragment(program);
        let state = crate::share::from_fragment(&fragment).unwrap().unwrap();
        assert_eq!(state.subject, Subject::Source(program.to_owned()));
    }
}
