//! The player's controls: buttons, the scrubber with event markers, speed and "jump to"
//! kind, plus the three things only a component can do — the play timer, the keyboard
//! (space, ←/→, Home/End; shift+←/→ jumps by kind) and mirroring the step into the URL
//! fragment (`#/?step=42`, so a link reopens the same moment).
//!
//! Keys are ignored while focus is in a text field (the editor!) or a select, so typing a
//! space in the program never starts playback.

use std::rc::Rc;

use gloo::events::{EventListener, EventListenerOptions};
use gloo::timers::callback::{Interval, Timeout};
use runtime::inspect::EventKind;
use wasm_bindgen::JsCast;
use web_sys::{HtmlInputElement, HtmlSelectElement, KeyboardEvent};
use yew::prelude::*;

use super::{PlayerAction, PlayerState, SPEEDS, fragment_with_step};
use crate::i18n::{Msg, use_lang};
use crate::views::kind_msg;

/// Quiet time after the last step change before the URL is updated.
const URL_DELAY_MS: u32 = 250;

#[derive(Properties, PartialEq)]
pub struct PlayerProps {
    pub state: PlayerState,
    pub last: u64,
    /// Steps of the events of the chosen kind, drawn on the scrubber.
    pub markers: Rc<[u64]>,
    pub on_action: Callback<PlayerAction>,
    /// Embed mode's minimal player: one row of buttons and the scrubber, no speed or kind.
    #[prop_or_default]
    pub compact: bool,
}

#[component(Player)]
pub fn player(props: &PlayerProps) -> Html {
    let lang = use_lang().lang;
    let state = props.state;

    // The latest callback, for the long-lived listeners below.
    let latest = use_mut_ref(|| props.on_action.clone());
    *latest.borrow_mut() = props.on_action.clone();

    {
        let latest = latest.clone();
        use_effect_with((state.playing, state.speed), move |&(playing, speed)| {
            let ms = 1000 / SPEEDS[speed.min(SPEEDS.len() - 1)];
            let timer = playing
                .then(|| Interval::new(ms, move || latest.borrow().emit(PlayerAction::Tick)));
            move || drop(timer)
        });
    }
    {
        let latest = latest.clone();
        use_effect_with((), move |_| {
            let listener = web_sys::window().and_then(|w| w.document()).map(|doc| {
                let options = EventListenerOptions::enable_prevent_default();
                EventListener::new_with_options(&doc, "keydown", options, move |e| {
                    let Some(e) = e.dyn_ref::<KeyboardEvent>() else {
                        return;
                    };
                    if let Some(action) = key_action(e) {
                        e.prevent_default();
                        latest.borrow().emit(action);
                    }
                })
            });
            move || drop(listener)
        });
    }
    // The URL follows the step once it settles: `history.replaceState` costs ~10 ms a call
    // in Chromium (and is throttled past 100 calls in 10 s), which playing at 100 events/s
    // or dragging the scrubber would pay on every frame.
    // The fragment is read when the step changes and must be unchanged when the timer fires:
    // a page that navigated meanwhile (or a newer app) keeps its own URL.
    use_effect_with(state.step, |&step| {
        let seen = web_sys::window().and_then(|w| w.location().hash().ok());
        let timer = Timeout::new(URL_DELAY_MS, move || {
            if let Some(window) = web_sys::window()
                && let Ok(hash) = window.location().hash()
                && seen.as_ref() == Some(&hash)
                && let Ok(history) = window.history()
            {
                let url = fragment_with_step(&hash, step);
                let _ =
                    history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
            }
        });
        move || drop(timer)
    });

    let send = |a: PlayerAction| props.on_action.reform(move |_: MouseEvent| a);
    let on_scrub = props.on_action.reform(|e: InputEvent| {
        let input: HtmlInputElement = e.target_unchecked_into();
        PlayerAction::Seek(input.value().parse().unwrap_or(0))
    });
    let on_speed = props.on_action.reform(|e: Event| {
        let s: HtmlSelectElement = e.target_unchecked_into();
        PlayerAction::SetSpeed(s.value().parse().unwrap_or(2))
    });
    let on_kind = props.on_action.reform(|e: Event| {
        let s: HtmlSelectElement = e.target_unchecked_into();
        let kind = EventKind::JUMPABLE
            .into_iter()
            .find(|k| k.code() == s.value())
            .unwrap_or(EventKind::Steal);
        PlayerAction::SetKind(kind)
    });
    let last = props.last.max(1);
    let button = |id: &'static str, msg: Msg, glyph: &'static str, a: PlayerAction| {
        html! {
            <button type="button" class="button" data-testid={id} title={lang.t(msg)}
                aria-label={lang.t(msg)} onclick={send(a)}>{ glyph }</button>
        }
    };
    html! {
        <section class="panel player" data-testid="player" aria-label={lang.t(Msg::PlayerLabel)}>
            <div class="player-row">
                { button("step-first", Msg::StepFirst, "|◀", PlayerAction::First) }
                { button("event-back", Msg::EventBack, "◀", PlayerAction::StepEvent(-1)) }
                <button type="button" class="button button-primary" data-testid="play"
                    title={lang.t(if state.playing { Msg::Pause } else { Msg::Play })}
                    onclick={send(PlayerAction::TogglePlay)}>
                    { if state.playing { "❙❙" } else { "▶" } }
                </button>
                { button("event-forward", Msg::EventForward, "▶", PlayerAction::StepEvent(1)) }
                { button("step-last", Msg::StepLast, "▶|", PlayerAction::Last) }
                <span class="player-pos" data-testid="step-pos">
                    { lang.fill(Msg::StepOf, &state.step.to_string()) }{ " / " }{ props.last }
                </span>
            </div>
            <div class="scrubber">
                <input class="player-scrubber" type="range" min="0" max={props.last.to_string()}
                    value={state.step.to_string()} data-testid="scrubber" oninput={on_scrub}
                    aria-label={lang.t(Msg::Scrubber)} />
                <svg class="markers" height="6" aria-hidden="true">
                    { for props.markers.iter().map(|&s| html! {
                        <rect class="marker" x={format!("{}%", s * 100 / last)} width="2" height="6" />
                    }) }
                </svg>
            </div>
            if !props.compact {
            <div class="player-row">
                { button("kind-back", Msg::PrevOfKind, "⇤", PlayerAction::StepKind(-1)) }
                <label class="player-field">
                    <span>{ lang.t(Msg::JumpTo) }</span>
                    <select data-testid="kind" onchange={on_kind}>
                        { for EventKind::JUMPABLE.into_iter().map(|k| html! {
                            <option value={k.code()} selected={k == state.kind}>{ lang.t(kind_msg(k)) }</option>
                        }) }
                    </select>
                </label>
                { button("kind-forward", Msg::NextOfKind, "⇥", PlayerAction::StepKind(1)) }
                <label class="player-field">
                    <span>{ lang.t(Msg::Speed) }</span>
                    <select data-testid="speed" onchange={on_speed}>
                        { for SPEEDS.iter().enumerate().map(|(i, s)| html! {
                            <option value={i.to_string()} selected={i == state.speed}>{ lang.fill(Msg::PerSecond, &s.to_string()) }</option>
                        }) }
                    </select>
                </label>
            </div>
            }
        </section>
    }
}

/// The player action for a key press, unless focus is in a field that wants the key.
fn key_action(e: &KeyboardEvent) -> Option<PlayerAction> {
    if e.ctrl_key() || e.meta_key() || e.alt_key() {
        return None;
    }
    let in_field = e
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .is_some_and(|el| matches!(el.tag_name().as_str(), "TEXTAREA" | "INPUT" | "SELECT"));
    if in_field {
        return None;
    }
    let by = |d: i8| {
        if e.shift_key() {
            PlayerAction::StepKind(d)
        } else {
            PlayerAction::StepEvent(d)
        }
    };
    Some(match e.key().as_str() {
        " " => PlayerAction::TogglePlay,
        "ArrowLeft" => by(-1),
        "ArrowRight" => by(1),
        "Home" => PlayerAction::First,
        "End" => PlayerAction::Last,
        _ => return None,
    })
}
