//! The API lab's embedded widget (`#/embed/api?lab=api&p.request=GET%20/v1/users/1&step=3`):
//! one request of the link's scenario through the real server — the request as sent, the
//! REST → gRPC transcoding steps, the path through the middleware chain up to the link's step
//! (one event per step) and, at the last step, the response with its status mapping.
//!
//! Exported by the lab's module as `mount_widget` (`src/bin/lab_api.rs`), so the main page
//! links none of it; the widget page around it draws the bar and "Open in goscope". A small
//! stepper of its own instead of the shared `Player`: the player's labels are in the site's
//! string table, which this module does not link (see `msg.rs`).

use gloo::timers::callback::Timeout;
use wasm_bindgen::JsValue;
use yew::prelude::*;

use super::msg::ApiMsg;
use super::state::ApiState;
use crate::embed::bridge::{Command, post, report_step, use_commands};
use crate::i18n::use_lang;
use crate::share::lab_params;

/// One step per this many ms while playing.
const PLAY_MS: u32 = 400;
/// The chain's events shown: the step's and the ones just before it.
const SHOWN_EVENTS: usize = 10;

/// The request's head with a bearer token cut short (the widget is small; the lab shows it all).
fn short_head(head: &str) -> String {
    head.lines()
        .map(|l| match l.split_once("Bearer ") {
            Some((h, tok)) if tok.len() > 20 => format!("{h}Bearer {}…\n", &tok[..20]),
            _ => format!("{l}\n"),
        })
        .collect()
}

#[component(ApiWidget)]
pub fn api_widget() -> Html {
    let lang = use_lang().lang;
    // The link's plain parameters only (`p.KEY=`, `step=`: what the loader writes from
    // `data-*`): an `s=` payload would link the share-link inflater into this module, and the
    // API lab has no Share panel that makes one. The widget page reads `lang`/`theme`.
    let scenario = use_memo((), |_| {
        let hash = crate::share::page_fragment();
        let (params, step) = lab_params(&hash).unwrap_or_default();
        (ApiState::scenario(&params), step)
    });
    let state = &scenario.0;
    let last = state.last.as_ref().map_or(0, |ex| ex.events.len() as u64);
    let step = use_state(|| scenario.1.min(last));
    let playing = use_state(|| false);
    {
        let (step, playing) = (step.clone(), playing.clone());
        use_commands(Callback::from(move |c| match c {
            Command::Goto(s) => step.set(s.min(last)),
            Command::Play => playing.set(true),
            Command::Pause => playing.set(false),
        }));
    }
    use_effect_with((), move |_| {
        post(
            "ready",
            &[
                ("view", JsValue::from_str("api")),
                ("last", JsValue::from(last as f64)),
            ],
        );
    });
    use_effect_with(*step, move |&s| report_step(s, last));
    {
        let (step, playing) = (step.clone(), playing.clone());
        use_effect_with((*playing, *step), move |&(on, s)| {
            let timer = on.then(|| {
                Timeout::new(PLAY_MS, move || {
                    if s >= last {
                        playing.set(false);
                    } else {
                        step.set(s + 1);
                    }
                })
            });
            move || drop(timer)
        });
    }
    let Some(ex) = &state.last else {
        let why = state.rule_error.clone().unwrap_or_default();
        return html! { <p class="api-error" role="alert" data-testid="api-widget-error">{ why }</p> };
    };
    let go = |to: u64| {
        let step = step.clone();
        Callback::from(move |_: MouseEvent| step.set(to.min(last)))
    };
    let toggle = {
        let playing = playing.clone();
        let step = step.clone();
        Callback::from(move |_: MouseEvent| {
            if !*playing && *step >= last {
                step.set(0);
            }
            playing.set(!*playing)
        })
    };
    let s = *step;
    let upto = (s as usize).min(ex.events.len());
    let shown = &ex.events[upto.saturating_sub(SHOWN_EVENTS)..upto];
    let r = &ex.response;
    html! {
        <div class="embed-lab api-lab api-widget" data-testid="api-widget">
            <div class="lab-row api-stepper">
                <button class="button" aria-label={lang.t(ApiMsg::ApiWidgetBack)} onclick={go(s.saturating_sub(1))}>{ "◀" }</button>
                <button class="button" data-testid="api-widget-play" aria-label={lang.t(ApiMsg::ApiWidgetPlay)} onclick={toggle}>
                    { if *playing { "⏸" } else { "▶" } }
                </button>
                <button class="button" aria-label={lang.t(ApiMsg::ApiWidgetForward)} onclick={go(s + 1)}>{ "▶▶" }</button>
                <input type="range" class="api-grow" data-testid="api-widget-seek" min="0" max={last.to_string()} value={s.to_string()}
                    aria-label={lang.t(ApiMsg::ApiWidgetStep)}
                    oninput={{
                        let step = step.clone();
                        Callback::from(move |e: InputEvent| {
                            let v = super::value_of(&e).parse::<u64>().unwrap_or(0);
                            step.set(v.min(last));
                        })
                    }} />
                <span class="lab-hint" data-testid="step-pos">{ format!("{s} / {last}") }</span>
            </div>
            <div class="api-columns">
                <div>
                    <h3 class="api-h3">{ lang.t(ApiMsg::ApiRequest) }</h3>
                    <pre class="api-pre">{ short_head(&ex.request.head()) }{ String::from_utf8_lossy(&ex.request.body).into_owned() }</pre>
                    if !ex.steps.is_empty() {
                        <h3 class="api-h3">{ lang.t(ApiMsg::ApiTranscoding) }</h3>
                        <ol class="trace-list api-steps" data-testid="api-steps">
                            { for ex.steps.iter().map(|st| html! { <li>{ st.to_string() }</li> }) }
                        </ol>
                    }
                </div>
                <div>
                    <h3 class="api-h3">{ lang.t(ApiMsg::ApiChainPath) }</h3>
                    <ol class="trace-list" data-testid="api-events">
                        { for shown.iter().enumerate().map(|(i, e)| html! {
                            <li class={classes!((i + 1 == shown.len()).then_some("api-log-selected"))}>{ e.to_string() }</li>
                        }) }
                    </ol>
                    if s >= last {
                        <h3 class="api-h3">{ lang.t(ApiMsg::ApiResponse) }</h3>
                        <pre class="api-pre" data-testid="api-response">{ r.head() }{ "\n" }{ r.body_text() }</pre>
                    } else {
                        <p class="lab-hint">{ lang.t(ApiMsg::ApiWidgetPending) }</p>
                    }
                </div>
            </div>
        </div>
    }
}
