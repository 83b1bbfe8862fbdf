//! The input wiring the command-line labs share (the operator lab's `kubectl` console and the
//! modules lab's `go` console): a command line that runs on Enter or on its Run button and
//! then clears, a text area that sends every edit, and a range input (the labs' step
//! scrubbers) that sends its value. Each takes the callback to hand the text or value to, so
//! a lab only says which action it becomes.

use std::str::FromStr;

use wasm_bindgen::JsCast;
use web_sys::{HtmlInputElement, HtmlTextAreaElement};
use yew::prelude::*;

/// The command line in `input`: its text goes to `on_command` on Enter (the key press's
/// default is prevented) or on a click of the Run button, and the line is cleared.
pub fn command_line(
    input: &NodeRef,
    on_command: Callback<String>,
) -> (Callback<KeyboardEvent>, Callback<MouseEvent>) {
    let submit = {
        let input = input.clone();
        move || {
            if let Some(el) = input.cast::<HtmlInputElement>() {
                let line = el.value();
                el.set_value("");
                on_command.emit(line);
            }
        }
    };
    let on_key = {
        let submit = submit.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Enter" {
                e.prevent_default();
                submit();
            }
        })
    };
    (on_key, Callback::from(move |_: MouseEvent| submit()))
}

/// A text area's `input` listener: its whole text goes to `on_text` on every edit.
pub fn text_edits(on_text: Callback<String>) -> Callback<InputEvent> {
    Callback::from(move |e: InputEvent| {
        if let Some(t) = e
            .target()
            .and_then(|t| t.dyn_into::<HtmlTextAreaElement>().ok())
        {
            on_text.emit(t.value());
        }
    })
}

/// A range input's `input` listener: its value, parsed, goes to `on_value` (a value that
/// does not parse is ignored).
pub fn range_value<T: FromStr + 'static>(on_value: Callback<T>) -> Callback<InputEvent> {
    Callback::from(move |e: InputEvent| {
        if let Some(v) = e
            .target()
            .and_then(|t| t.dyn_into::<HtmlInputElement>().ok())
            .and_then(|i| i.value().parse::<T>().ok())
        {
            on_value.emit(v);
        }
    })
}
