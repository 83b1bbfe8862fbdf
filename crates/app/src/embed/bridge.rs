//! The widget's side of the postMessage API between an embedded goscope and its host page.
//!
//! Messages are plain objects tagged `goscope: 1` (the API's version), sent with target
//! origin `"*"`: they carry step numbers only, nothing private, and the host page may live on
//! any origin. Documented for course authors in the guide (`#/embed`) and in
//! `web/goscope-embed.js`, which turns them into DOM events on the widget element.
//!
//! Host → widget (accepted only from the parent window):
//! `{goscope: 1, type: "goto", step: 42}`, `{goscope: 1, type: "play"}`, `{goscope: 1, type: "pause"}`.
//!
//! Widget → host: `{goscope: 1, type: "ready", view, last}` once the run is recorded,
//! `{type: "step", step, last}` whenever the step changes, `{type: "finished", step}` when
//! the player reaches the end, `{type: "resize", height}` whenever the content's height
//! changes (the loader sets the iframe's height from it).

use gloo::events::EventListener;
use js_sys::{Object, Reflect};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use yew::prelude::*;

/// What the host page may ask.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Command {
    Goto(u64),
    Play,
    Pause,
}

fn field(data: &JsValue, key: &str) -> JsValue {
    Reflect::get(data, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

/// Reads a host message; anything else (other scripts' messages, bad steps) is `None`.
pub fn parse_command(data: &JsValue) -> Option<Command> {
    if field(data, "goscope").as_f64() != Some(1.0) {
        return None;
    }
    match field(data, "type").as_string()?.as_str() {
        "goto" => {
            let step = field(data, "step").as_f64()?;
            (step.is_finite() && step >= 0.0).then_some(Command::Goto(step as u64))
        }
        "play" => Some(Command::Play),
        "pause" => Some(Command::Pause),
        _ => None,
    }
}

/// The parent window, when this page is inside a frame.
fn parent() -> Option<web_sys::Window> {
    let window = web_sys::window()?;
    let parent = window.parent().ok().flatten()?;
    (!Object::is(&parent, &window)).then_some(parent)
}

/// Posts `{goscope: 1, type: kind, ...fields}` to the host page (nothing when not framed).
pub fn post(kind: &str, fields: &[(&str, JsValue)]) {
    let Some(parent) = parent() else {
        return;
    };
    let msg = Object::new();
    let _ = Reflect::set(&msg, &"goscope".into(), &JsValue::from(1));
    let _ = Reflect::set(&msg, &"type".into(), &JsValue::from_str(kind));
    for (k, v) in fields {
        let _ = Reflect::set(&msg, &JsValue::from_str(k), v);
    }
    let _ = parent.post_message(&msg, "*");
}

/// Reports the player's position to the host page: `step`, and `finished` at the end.
pub fn report_step(step: u64, last: u64) {
    let (s, l) = (JsValue::from(step as f64), JsValue::from(last as f64));
    post("step", &[("step", s.clone()), ("last", l)]);
    if step >= last {
        post("finished", &[("step", s)]);
    }
}

/// Hands the host page's commands to `on_command` (only messages from the parent window).
#[hook]
pub fn use_commands(on_command: Callback<Command>) {
    let latest = use_mut_ref(|| on_command.clone());
    *latest.borrow_mut() = on_command;
    use_effect_with((), move |_| {
        let listener = web_sys::window().map(|window| {
            EventListener::new(&window, "message", move |e| {
                let Some(e) = e.dyn_ref::<web_sys::MessageEvent>() else {
                    return;
                };
                let from_parent = match (e.source(), parent()) {
                    (Some(source), Some(parent)) => Object::is(&source, &parent),
                    _ => false,
                };
                if from_parent && let Some(command) = parse_command(&e.data()) {
                    latest.borrow().emit(command);
                }
            })
        });
        move || drop(listener)
    });
}

/// Reports the height of `root` to the host page whenever it changes (a lab module mounted
/// inside it changes it too).
#[hook]
pub fn use_height_report(root: NodeRef) {
    use_effect_with((), move |_| {
        let observer = root.cast::<web_sys::Element>().and_then(|element| {
            let target = element.clone();
            let report = Closure::<dyn FnMut()>::new(move || {
                let height = target.get_bounding_client_rect().height().ceil();
                post("resize", &[("height", JsValue::from(height))]);
            });
            let observer = web_sys::ResizeObserver::new(report.as_ref().unchecked_ref()).ok()?;
            observer.observe(&element);
            Some((observer, report))
        });
        move || {
            if let Some((observer, _report)) = observer {
                observer.disconnect();
            }
        }
    });
}
