//! The code editor: a plain `<textarea>` over a highlighted picture of the same text.
//!
//! Why not a code-editor library: they are hundreds of KB of JS and the site must stay
//! small and work offline. The trick used instead (as in react-simple-code-editor):
//!
//! ```text
//!  .editor (scrolls)
//!   └ .editor-inner (grid: gutter | code)
//!      ├ .gutter      line numbers, error marks          (sticky on horizontal scroll)
//!      └ .code        position: relative
//!         ├ pre.code-layer   highlighted lines, in flow: it gives .code its size
//!         └ textarea         absolutely covering the pre; transparent text, visible caret
//! ```
//!
//! The textarea never scrolls by itself (it is exactly as big as the text); the `.editor`
//! box scrolls both layers and the gutter together, so they cannot drift apart. Both layers
//! share font, size, line height, padding and tab size in CSS — if those ever differ, the
//! caret no longer sits on the letters.
//!
//! Highlighting is a list of yew nodes built from `lang::highlight` byte spans
//! (`code_view::build_lines`): text always reaches the DOM as text nodes, never as HTML.
//! Diagnostics of the last run are drawn in place: a tinted line, a mark in the gutter, a
//! squiggle under the span and the message after the line (like an "error lens").
//!
//! Keys: Tab inserts a tab (Shift+Tab still leaves the editor, so keyboard users are not
//! trapped); Enter keeps the indentation; Ctrl/⌘+Enter runs.

use std::rc::Rc;

use wasm_bindgen::JsCast;
use web_sys::{HtmlTextAreaElement, KeyboardEvent};
use yew::prelude::*;

use crate::code_view::{LineView, build_lines};
use crate::components::code_block::render_segments;
use crate::i18n::{Msg, use_lang};
use crate::state::{CaretRequest, DiagnosticView};
use crate::text;

#[derive(Properties, PartialEq)]
pub struct EditorProps {
    /// The program text.
    pub value: AttrValue,
    /// Diagnostics to draw inline (empty when they do not belong to this text).
    pub diagnostics: Rc<[DiagnosticView]>,
    /// A request to move the caret (e.g. a click on a diagnostic in the output).
    #[prop_or_default]
    pub caret: Option<CaretRequest>,
    pub on_input: Callback<String>,
    pub on_run: Callback<()>,
    /// Goroutines' current lines, from the player's step: `(line, "g1 g3", followed)`.
    #[prop_or_default]
    pub marks: Rc<[(u32, AttrValue, bool)]>,
}

#[component(Editor)]
pub fn editor(props: &EditorProps) -> Html {
    let lang = use_lang().lang;
    let textarea = use_node_ref();
    let root = use_node_ref();

    // Re-highlight only when the text or the diagnostics change.
    let lines: Rc<Vec<LineView>> = use_memo(
        (props.value.clone(), props.diagnostics.clone()),
        |(source, diagnostics)| {
            let highlights: Vec<_> = lang::highlight(source)
                .into_iter()
                .map(|h| (h.span, h.class.css_class()))
                .collect();
            let errors: Vec<_> = diagnostics.iter().map(|d| d.span.clone()).collect();
            build_lines(source, &highlights, &errors)
        },
    );

    // The first diagnostic of each line, by 0-based line index.
    let mut line_errors: Vec<Option<&DiagnosticView>> = vec![None; lines.len()];
    for diag in props.diagnostics.iter() {
        let index = (diag.line.max(1) - 1) as usize;
        if let Some(slot @ None) = line_errors.get_mut(index) {
            *slot = Some(diag);
        }
    }

    // Honour caret requests: select, focus without the browser's own jump, then scroll the
    // line into the middle of the view.
    {
        let textarea = textarea.clone();
        let root = root.clone();
        let value = props.value.clone();
        use_effect_with(props.caret, move |caret| {
            if let Some(caret) = caret {
                place_caret(&textarea, &root, &value, caret.byte);
            }
        });
    }

    let oninput = {
        let on_input = props.on_input.clone();
        Callback::from(move |e: InputEvent| {
            let area: HtmlTextAreaElement = e.target_unchecked_into();
            on_input.emit(area.value());
        })
    };
    let onkeydown = {
        let on_input = props.on_input.clone();
        let on_run = props.on_run.clone();
        Callback::from(move |e: KeyboardEvent| on_key(&e, &on_input, &on_run))
    };

    let source = props.value.as_str();
    html! {
        <div class="editor" ref={root}>
            <div class="editor-inner">
                <div class="gutter" aria-hidden="true">
                    { for line_errors.iter().enumerate().map(|(i, error)| html! {
                        <div
                            class={classes!("ln", error.is_some().then_some("ln-error"), mark_class(&props.marks, i))}
                            data-line={(i + 1).to_string()}
                            title={error.map(|d| AttrValue::from(d.rendered.clone()))}
                        >{ i + 1 }</div>
                    }) }
                </div>
                <div class="code">
                    <pre class="code-layer" aria-hidden="true">
                        { for lines.iter().zip(&line_errors).enumerate().map(|(i, (line, error))| {
                            let mark = props.marks.iter().find(|m| m.0 as usize == i + 1);
                            render_line(source, line, *error, mark)
                        }) }
                    </pre>
                    <textarea
                        ref={textarea}
                        class="code-input"
                        data-testid="editor"
                        aria-label={lang.t(Msg::EditorLabel)}
                        spellcheck="false"
                        autocapitalize="off"
                        autocomplete="off"
                        autocorrect="off"
                        translate="no"
                        wrap="off"
                        value={props.value.clone()}
                        {oninput}
                        {onkeydown}
                    />
                </div>
            </div>
        </div>
    }
}

/// One line of the picture: styled segments, an end-of-line error mark, the message.
fn render_line(
    source: &str,
    line: &LineView,
    error: Option<&DiagnosticView>,
    mark: Option<&(u32, AttrValue, bool)>,
) -> Html {
    html! {
        <div class={classes!("code-line", error.is_some().then_some("has-error"), mark.map(|m| if m.2 { "has-g g-followed" } else { "has-g" }))}>
            { render_segments(source, line) }
            if let Some(m) = mark {
                <span class="g-mark" data-testid="g-mark">{ m.1.clone() }</span>
            }
            if line.error_at_end {
                <span class="squiggle-eol"></span>
            }
            if let Some(diag) = error {
                // The first line only: continuation lines (`\tother declaration of x`) are in the output.
                <span class="inline-diagnostic">{ diag.message.lines().next().unwrap_or_default().to_owned() }</span>
            }
        </div>
    }
}

/// Keyboard behaviour of the textarea; see the module docs.
fn on_key(e: &KeyboardEvent, on_input: &Callback<String>, on_run: &Callback<()>) {
    // While an input method is composing (pinyin!), Enter and Tab belong to it.
    if e.is_composing() || e.key_code() == 229 {
        return;
    }
    let Some(area) = e
        .target()
        .and_then(|t| t.dyn_into::<HtmlTextAreaElement>().ok())
    else {
        return;
    };
    let modifier = e.ctrl_key() || e.meta_key();
    match e.key().as_str() {
        "Enter" if modifier => {
            e.prevent_default();
            on_run.emit(());
        }
        "Enter" if !e.shift_key() && !e.alt_key() => {
            let value = area.value();
            let start = area.selection_start().ok().flatten().unwrap_or(0);
            let before = &value[..text::utf16_to_byte(&value, start)];
            e.prevent_default();
            insert_text(&area, &text::newline_with_indent(before), on_input);
        }
        "Tab" if !modifier && !e.shift_key() && !e.alt_key() => {
            e.prevent_default();
            insert_text(&area, "\t", on_input);
        }
        _ => {}
    }
}

/// Replaces the selection with `text`. `execCommand("insertText")` keeps the browser's undo
/// history and fires `input` itself; where it is unsupported, splice the value directly.
fn insert_text(area: &HtmlTextAreaElement, text: &str, on_input: &Callback<String>) {
    let document = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.dyn_into::<web_sys::HtmlDocument>().ok());
    if let Some(document) = document
        && document.exec_command_with_show_ui_and_value("insertText", false, text) == Ok(true)
    {
        return;
    }
    let start = area.selection_start().ok().flatten().unwrap_or(0);
    let end = area.selection_end().ok().flatten().unwrap_or(start);
    if area
        .set_range_text_with_start_and_end_and_mode(text, start, end, "end")
        .is_ok()
    {
        on_input.emit(area.value());
    }
}

/// Puts the caret at `byte` of `value` and brings its line into view.
fn place_caret(textarea: &NodeRef, root: &NodeRef, value: &str, byte: usize) {
    let Some(area) = textarea.cast::<HtmlTextAreaElement>() else {
        return;
    };
    let at = text::byte_to_utf16(value, byte);
    let _ = area.set_selection_range(at, at);
    let options = web_sys::FocusOptions::new();
    options.set_prevent_scroll(true);
    let _ = area.focus_with_options(&options);
    let line = text::line_of_byte(value, byte) + 1;
    let marker = root.cast::<web_sys::Element>().and_then(|root| {
        root.query_selector(&format!(".ln[data-line=\"{line}\"]"))
            .ok()
            .flatten()
    });
    if let Some(marker) = marker {
        let options = web_sys::ScrollIntoViewOptions::new();
        options.set_block(web_sys::ScrollLogicalPosition::Center);
        options.set_inline(web_sys::ScrollLogicalPosition::Nearest);
        marker.scroll_into_view_with_scroll_into_view_options(&options);
    }
}

/// The gutter class of 0-based line `i` if a goroutine is there.
fn mark_class(marks: &[(u32, AttrValue, bool)], i: usize) -> Option<&'static str> {
    let m = marks.iter().find(|m| m.0 as usize == i + 1)?;
    Some(if m.2 { "ln-g ln-followed" } else { "ln-g" })
}
