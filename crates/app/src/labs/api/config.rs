//! The config centre panel (chapter 3.3): the Consul KV editor with its raw answers, the KV
//! tree with CreateIndex/ModifyIndex, the service's watcher (environment, blocking or polling,
//! the typed config it runs with, the last refused update) and the watch timeline drawn on
//! the virtual clock. Plain functions of `ApiState`; every decision is in `services::config`.

use services::config::timeline::{ConfigEvent, seconds};
use services::config::{Env, Mode, watch};
use yew::prelude::*;

use super::msg::ApiMsg;
use super::state::{ApiAction, ApiState, BLOCKING, POLLING};
use super::value_of;
use crate::i18n::Lang;

type D = UseReducerDispatcher<ApiState>;

/// How much virtual time the timeline shows: up to the lab's clock and a little after it, so
/// the latest marks are not on the edge.
const WINDOW_US: u64 = 12_000_000;
const AFTER_NOW_US: u64 = 800_000;
/// The timeline's lanes: learner writes, the watcher's requests, decoding, the service.
const LANES: [ApiMsg; 4] = [
    ApiMsg::ApiCfgLaneWrites,
    ApiMsg::ApiCfgLaneWatch,
    ApiMsg::ApiCfgLaneReload,
    ApiMsg::ApiCfgLaneService,
];
const LANE_H: f64 = 24.0;
const W: f64 = 600.0;

fn env_options(current: Env) -> Html {
    html! { <>{ for Env::ALL.iter().map(|e| html! {
        <option value={e.name()} selected={*e == current}>{ e.name() }</option>
    }) }</> }
}

pub fn config_centre(lang: Lang, s: &ApiState, d: &D) -> Html {
    let c = &s.config;
    let form = &s.config_form;
    let on = |a: fn() -> ApiAction| {
        let d = d.clone();
        Callback::from(move |_: MouseEvent| d.dispatch(a()))
    };
    let form_env = {
        let d = d.clone();
        Callback::from(move |e: Event| {
            let v = value_of(&e);
            d.dispatch(ApiAction::ConfigForm(Box::new(move |f| {
                f.env = Env::from_name(&v).unwrap_or(Env::Dev)
            })))
        })
    };
    let form_key = {
        let d = d.clone();
        Callback::from(move |e: Event| {
            let v = value_of(&e);
            d.dispatch(ApiAction::ConfigForm(Box::new(move |f| f.key = v)))
        })
    };
    let form_value = {
        let d = d.clone();
        Callback::from(move |e: InputEvent| {
            let v = value_of(&e);
            d.dispatch(ApiAction::ConfigForm(Box::new(move |f| f.value = v)))
        })
    };
    let service_env = {
        let d = d.clone();
        Callback::from(move |e: Event| {
            if let Some(env) = Env::from_name(&value_of(&e)) {
                d.dispatch(ApiAction::ConfigServiceEnv(env))
            }
        })
    };
    let mode = {
        let d = d.clone();
        Callback::from(move |e: Event| {
            let m = if value_of(&e) == "polling" {
                POLLING
            } else {
                BLOCKING
            };
            d.dispatch(ApiAction::ConfigMode(m))
        })
    };
    let consul = {
        let d = d.clone();
        let up = c.available;
        Callback::from(move |_: MouseEvent| d.dispatch(ApiAction::ConfigAvailable(!up)))
    };
    let polling = matches!(c.watcher.mode, Mode::Polling { .. });
    let rate_limited = s.server.chain.iter().any(|m| m.name() == "rate-limit");
    let cfg = c.config();
    let uses = format!(
        "rate-limit {}/s burst {}, timeout {}ms",
        cfg.rate_limit_rps, cfg.rate_limit_burst, cfg.timeout_ms
    );
    html! {
        <section class="panel lab-panel lab-wide" aria-label={lang.t(ApiMsg::ApiCfgTitle)} data-testid="config-centre">
            <h2 class="lab-subtitle">{ lang.t(ApiMsg::ApiCfgTitle) }</h2>
            <p class="lab-hint">{ lang.t(ApiMsg::ApiCfgIntro) }</p>
            <div class="api-columns">
                <div>
                    <h3 class="api-h3">{ lang.t(ApiMsg::ApiCfgEditor) }</h3>
                    <div class="lab-row">
                        <label class="lab-field">
                            <span class="lab-field-label">{ lang.t(ApiMsg::ApiCfgEnv) }</span>
                            <select data-testid="config-env" onchange={form_env}>{ env_options(form.env) }</select>
                        </label>
                        <label class="lab-field">
                            <span class="lab-field-label">{ lang.t(ApiMsg::ApiCfgKey) }</span>
                            <select data-testid="config-key" onchange={form_key}>
                                { for watch::KEYS.iter().map(|k| html! {
                                    <option value={*k} selected={form.key == *k}>{ *k }</option>
                                }) }
                            </select>
                        </label>
                        <label class="lab-field api-grow">
                            <span class="lab-field-label">{ lang.t(ApiMsg::ApiCfgValue) }</span>
                            <input data-testid="config-value" value={form.value.clone()} oninput={form_value} />
                        </label>
                    </div>
                    <p class="lab-hint cfg-path"><code>{ format!("/v1/kv/{}", s.config_key()) }</code></p>
                    <div class="lab-row">
                        <button class="button button-primary" data-testid="config-put" onclick={on(|| ApiAction::ConfigPut)}>{ lang.t(ApiMsg::ApiCfgPut) }</button>
                        <button class="button" data-testid="config-delete" onclick={on(|| ApiAction::ConfigDelete)}>{ lang.t(ApiMsg::ApiCfgDelete) }</button>
                        <button class="button" data-testid="config-get" onclick={on(|| ApiAction::ConfigGet)}>{ lang.t(ApiMsg::ApiCfgGet) }</button>
                    </div>
                    if let Some(r) = &s.config_reply {
                        <pre class="api-pre api-json-small" data-testid="config-reply">{ r.text() }</pre>
                    }
                </div>
                <div>
                    <h3 class="api-h3">{ lang.t(ApiMsg::ApiCfgWatcher) }</h3>
                    <div class="lab-row">
                        <label class="lab-field">
                            <span class="lab-field-label">{ lang.t(ApiMsg::ApiCfgServiceEnv) }</span>
                            <select data-testid="config-service-env" onchange={service_env}>{ env_options(c.watcher.env) }</select>
                        </label>
                        <label class="lab-field">
                            <span class="lab-field-label">{ lang.t(ApiMsg::ApiCfgMode) }</span>
                            <select data-testid="config-mode" onchange={mode}>
                                <option value="blocking" selected={!polling}>{ lang.t(ApiMsg::ApiCfgBlocking) }</option>
                                <option value="polling" selected={polling}>{ lang.t(ApiMsg::ApiCfgPolling) }</option>
                            </select>
                        </label>
                    </div>
                    <div class="lab-row">
                        <button class="button" data-testid="config-wait" onclick={on(|| ApiAction::ConfigWait(5_000_000))}>{ lang.t(ApiMsg::ApiCfgWait) }</button>
                        <button class="button" data-testid="config-consul" onclick={consul}>
                            { lang.t(if c.available { ApiMsg::ApiCfgConsulDown } else { ApiMsg::ApiCfgConsulUp }) }
                        </button>
                    </div>
                    <p class="lab-hint">{ lang.fill(ApiMsg::ApiCfgCurrent, &c.watcher.version.to_string()) }</p>
                    <table class="svc-table" data-testid="config-current">
                        <tbody>
                            { for watch::KEYS.iter().map(|k| html! {
                                <tr><th><code>{ *k }</code></th><td data-testid={format!("config-current-{k}")}>{ cfg.get(k) }</td></tr>
                            }) }
                        </tbody>
                    </table>
                    if let Some(e) = &c.watcher.last_error {
                        <p class="api-error" role="alert" data-testid="config-error">
                            { lang.fill(ApiMsg::ApiCfgLastError, &e.to_string()) }
                        </p>
                    }
                    <p class="api-ok" data-testid="config-server">{ lang.fill(ApiMsg::ApiCfgServerUses, &uses) }</p>
                    if !rate_limited {
                        <p class="lab-hint">{ lang.t(ApiMsg::ApiCfgNoRateLimit) }</p>
                    }
                </div>
            </div>
            { tree(lang, s) }
            { timeline(lang, s) }
        </section>
    }
}

fn tree(lang: Lang, s: &ApiState) -> Html {
    let c = &s.config;
    let mine = c.watcher.prefix();
    html! {
        <details class="api-details" open=true>
            <summary>{ lang.fill(ApiMsg::ApiCfgTree, &c.kv.index.to_string()) }</summary>
            <div class="api-scroll">
            <table class="svc-table cfg-tree" data-testid="config-tree">
                <thead><tr>
                    <th>{ lang.t(ApiMsg::ApiCfgKey) }</th><th>{ lang.t(ApiMsg::ApiCfgValue) }</th>
                    <th>{ "CreateIndex" }</th><th>{ "ModifyIndex" }</th>
                </tr></thead>
                <tbody>
                    { for c.kv.entries.values().map(|e| html! {
                        <tr class={classes!(e.key.starts_with(&mine).then_some("cfg-mine"))}>
                            <td><code>{ e.key.clone() }</code></td>
                            <td><code>{ e.text() }</code></td>
                            <td>{ e.create_index }</td>
                            <td>{ e.modify_index }</td>
                        </tr>
                    }) }
                </tbody>
            </table>
            </div>
        </details>
    }
}

/// x of a time in the window, in viewBox units.
fn x_of(t: u64, t0: u64) -> f64 {
    (t.saturating_sub(t0)) as f64 * W / WINDOW_US as f64
}

fn tick(class: &'static str, x: f64, lane: usize, title: String) -> Html {
    let y = lane as f64 * LANE_H;
    html! {
        <line class={class} x1={format!("{x:.1}")} x2={format!("{x:.1}")}
            y1={format!("{:.1}", y + 4.0)} y2={format!("{:.1}", y + LANE_H - 4.0)}>
            <title>{ title }</title>
        </line>
    }
}

fn timeline(lang: Lang, s: &ApiState) -> Html {
    let events = &s.config.timeline;
    let now = s.clock.max(s.config.now);
    let t1 = (now + AFTER_NOW_US).max(WINDOW_US);
    let t0 = t1 - WINDOW_US;
    let h = LANE_H * LANES.len() as f64;
    // Requests as bars: from sent to the answer (or to now, still held).
    let mut bars: Vec<(u64, u64, &'static str)> = Vec::new();
    let mut open: Option<u64> = None;
    for e in events {
        match e {
            ConfigEvent::WatchSent { t, .. } => open = Some(*t),
            ConfigEvent::WatchReturned { t, changed, .. } => {
                if let Some(s0) = open.take() {
                    bars.push((
                        s0,
                        *t,
                        if *changed {
                            "cfg-bar-changed"
                        } else {
                            "cfg-bar"
                        },
                    ));
                }
            }
            ConfigEvent::WatchTimeout { t, .. } => {
                if let Some(s0) = open.take() {
                    bars.push((s0, *t, "cfg-bar"));
                }
            }
            ConfigEvent::WatchError { t, .. } | ConfigEvent::IndexReset { t, .. } => {
                if let Some(s0) = open.take() {
                    bars.push((s0, *t, "cfg-bar-error"));
                }
            }
            _ => {}
        }
    }
    if let Some(s0) = open {
        bars.push((s0, now, "cfg-bar-held"));
    }
    let shown = events.iter().filter(|e| e.t() >= t0);
    let marks = shown.clone().filter_map(|e| {
        let x = x_of(e.t(), t0);
        let title = e.to_string();
        match e {
            ConfigEvent::Put { .. } | ConfigEvent::Delete { .. } => {
                Some(tick("cfg-mark-write", x, 0, title))
            }
            ConfigEvent::DecodeOk { .. } => Some(tick("cfg-mark-ok", x, 2, title)),
            ConfigEvent::DecodeFailed { .. } => Some(tick("cfg-mark-bad", x, 2, title)),
            ConfigEvent::Swapped { .. } => Some(tick("cfg-mark-swap", x, 3, title)),
            ConfigEvent::ServiceUsing { .. } => Some(tick("cfg-mark-use", x, 3, title)),
            _ => None,
        }
    });
    let recent: Vec<&ConfigEvent> = events.iter().rev().take(14).collect();
    html! {
        <div data-testid="config-timeline">
            <h3 class="api-h3">{ lang.t(ApiMsg::ApiCfgTimeline) }</h3>
            <p class="lab-hint">{ lang.t(ApiMsg::ApiCfgTimelineHint) }</p>
            <div class="cfg-tl">
                <div class="cfg-tl-labels">
                    { for LANES.iter().map(|m| html! { <span class="cfg-tl-label">{ lang.t(*m) }</span> }) }
                </div>
                <svg class="cfg-tl-plot" viewBox={format!("0 0 {W} {h}")} preserveAspectRatio="none" role="img"
                    aria-label={lang.t(ApiMsg::ApiCfgTimeline)}>
                    { for (1..LANES.len()).map(|i| {
                        let y = format!("{:.1}", i as f64 * LANE_H);
                        html! { <line class="cfg-tl-rule" x1="0" x2={W.to_string()} y1={y.clone()} y2={y} /> }
                    }) }
                    { for bars.iter().filter(|(_, e, _)| *e >= t0).map(|(a, b, class)| {
                        let x = x_of(*a, t0);
                        let w = (x_of(*b, t0) - x).max(1.5);
                        html! {
                            <rect class={*class} x={format!("{x:.1}")} y={format!("{:.1}", LANE_H + 6.0)}
                                width={format!("{w:.1}")} height={format!("{:.1}", LANE_H - 12.0)}>
                                <title>{ format!("{} → {}", seconds(*a), seconds(*b)) }</title>
                            </rect>
                        }
                    }) }
                    { for marks }
                    <line class="cfg-tl-now" x1={format!("{:.1}", x_of(now, t0))} x2={format!("{:.1}", x_of(now, t0))}
                        y1="0" y2={h.to_string()} />
                </svg>
            </div>
            <div class="cfg-tl-axis"><span>{ seconds(t0) }</span><span>{ seconds(t1) }</span></div>
            <ol class="trace-list" data-testid="config-events">
                { for recent.iter().rev().map(|e| html! {
                    <li class={format!("cfg-ev-{}", e.kind())}>{ e.to_string() }</li>
                }) }
            </ol>
        </div>
    }
}
