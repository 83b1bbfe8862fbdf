//! Observability (metrics in the exposition format, slog lines — clicking one opens its trace —
//! and the trace waterfall) and the chaos + load panel (experiment, client, p50/p95/p99 per
//! phase, breaker transitions, a latency plot).

use services::api::chaos::Target;
use services::api::grpc::Code;
use services::api::load::Phase;
use services::api::observe::{Waterfall, millis};
use yew::prelude::*;

use super::msg::ApiMsg;
use super::state::{ApiAction, ApiState, ChaosForm};
use super::value_of;
use crate::i18n::Lang;

type D = UseReducerDispatcher<ApiState>;

/// At most this many log lines are listed (the newest).
const LOG_LINES: usize = 60;

pub fn observability(lang: Lang, s: &ApiState, d: &D) -> Html {
    let logs = &s.server.logs;
    let start = logs.len().saturating_sub(LOG_LINES);
    let waterfall = s
        .selected_trace
        .as_ref()
        .map(|t| Waterfall::of(&s.server.spans, t));
    html! {
        <section class="panel lab-panel lab-wide" aria-label={lang.t(ApiMsg::ApiObservability)}>
            <h2 class="lab-subtitle">{ lang.t(ApiMsg::ApiObservability) }</h2>
            <div class="api-columns">
                <div>
                    <h3 class="api-h3">{ lang.t(ApiMsg::ApiMetrics) }</h3>
                    <pre class="api-pre api-metrics" data-testid="api-metrics">{ s.server.metrics.exposition() }</pre>
                </div>
                <div>
                    <h3 class="api-h3">{ lang.t(ApiMsg::ApiLogs) }</h3>
                    <p class="lab-hint">{ lang.t(ApiMsg::ApiLogsHint) }</p>
                    <ol class="trace-list api-logs" data-testid="api-logs">
                        { for logs[start..].iter().rev().map(|l| {
                            let text = l.json();
                            match &l.trace_id {
                                Some(t) => {
                                    let d = d.clone();
                                    let t2 = t.clone();
                                    let onclick = Callback::from(move |_| d.dispatch(ApiAction::SelectTrace(Some(t2.clone()))));
                                    let selected = s.selected_trace.as_deref() == Some(t.as_str());
                                    html! { <li><button class={classes!("api-log", selected.then_some("api-log-selected"))} {onclick}>{ text }</button></li> }
                                }
                                None => html! { <li class="api-log-plain">{ text }</li> },
                            }
                        }) }
                    </ol>
                </div>
            </div>
            <h3 class="api-h3">{ lang.t(ApiMsg::ApiTrace) }</h3>
            { match waterfall {
                Some(w) if !w.rows.is_empty() => {
                    let total = w.total.max(1) as f64;
                    html! {
                        <div class="api-waterfall" data-testid="api-waterfall">
                            <p class="lab-hint"><code>{ format!("trace_id {}", w.trace_id) }</code>{ format!(" · {}ms", millis(w.total)) }</p>
                            { for w.rows.iter().map(|r| {
                                let left = r.offset as f64 * 100.0 / total;
                                let width = (r.duration as f64 * 100.0 / total).max(0.5);
                                html! {
                                    <div class="api-wf-row">
                                        // Classes and SVG geometry, not inline styles: the site runs
                                        // under a strict CSP (style-src 'self').
                                        <span class={format!("api-wf-name api-wf-d{}", r.depth.min(7))}>{ r.name.clone() }</span>
                                        <svg class="api-wf-track" aria-hidden="true">
                                            <rect class={classes!("api-wf-bar", r.error.then_some("api-wf-error"))}
                                                x={format!("{left:.2}%")} width={format!("{width:.2}%")} height="100%" rx="3" />
                                        </svg>
                                        <span class="api-wf-time">{ format!("{}ms", millis(r.duration)) }</span>
                                    </div>
                                }
                            }) }
                        </div>
                    }
                }
                _ => html! { <p class="lab-hint">{ lang.t(ApiMsg::ApiNoTrace) }</p> },
            } }
        </section>
    }
}

fn num_field(lang: Lang, label: ApiMsg, value: u64, d: &D, f: fn(&mut ChaosForm, u64)) -> Html {
    let d = d.clone();
    let onchange = Callback::from(move |e: Event| {
        let v = value_of(&e).trim().parse::<u64>().unwrap_or(0);
        d.dispatch(ApiAction::Chaos(Box::new(move |c| f(c, v))))
    });
    html! {
        <label class="lab-field">
            <span class="lab-field-label">{ lang.t(label) }</span>
            <input type="number" min="0" class="api-num" value={value.to_string()} {onchange} />
        </label>
    }
}

pub fn chaos(lang: Lang, s: &ApiState, d: &D) -> Html {
    let c = &s.chaos;
    let sel = |f: fn(&mut ChaosForm, String)| {
        let d = d.clone();
        Callback::from(move |e: Event| {
            let v = value_of(&e);
            d.dispatch(ApiAction::Chaos(Box::new(move |c| f(c, v))))
        })
    };
    let run = {
        let d = d.clone();
        Callback::from(move |_| d.dispatch(ApiAction::RunLoad))
    };
    let toggle_breaker = {
        let d = d.clone();
        Callback::from(move |_: Event| {
            d.dispatch(ApiAction::Chaos(Box::new(|c| c.breaker = !c.breaker)))
        })
    };
    let latency = c.fault == "latency";
    html! {
        <section class="panel lab-panel lab-wide" aria-label={lang.t(ApiMsg::ApiChaos)}>
            <h2 class="lab-subtitle">{ lang.t(ApiMsg::ApiChaos) }</h2>
            <p class="lab-hint">{ lang.t(ApiMsg::ApiChaosHint) }</p>
            <div class="lab-row">
                <label class="lab-field">
                    <span class="lab-field-label">{ lang.t(ApiMsg::ApiTarget) }</span>
                    <select onchange={sel(|c, v| c.target = if v == "handler" { Target::Handler } else { Target::Downstream })}>
                        <option value="downstream" selected={c.target == Target::Downstream}>{ lang.t(ApiMsg::ApiDownstream) }</option>
                        <option value="handler" selected={c.target == Target::Handler}>{ lang.t(ApiMsg::ApiHandler) }</option>
                    </select>
                </label>
                <label class="lab-field">
                    <span class="lab-field-label">{ lang.t(ApiMsg::ApiFault) }</span>
                    <select data-testid="api-fault" onchange={sel(|c, v| c.fault = v)}>
                        { for [("latency", ApiMsg::ApiFaultLatency), ("error", ApiMsg::ApiFaultError), ("abort", ApiMsg::ApiFaultAbort), ("panic", ApiMsg::ApiFaultPanic)].iter().map(|(v, m)| html! {
                            <option value={*v} selected={c.fault == *v}>{ lang.t(*m) }</option>
                        }) }
                    </select>
                </label>
                if latency {
                    { num_field(lang, ApiMsg::ApiDelay, c.delay_ms, d, |c, v| c.delay_ms = v) }
                    { num_field(lang, ApiMsg::ApiJitter, c.jitter_ms, d, |c, v| c.jitter_ms = v) }
                    { num_field(lang, ApiMsg::ApiCorrelation, u64::from(c.correlation), d, |c, v| c.correlation = v.min(100) as u8) }
                } else {
                    { num_field(lang, ApiMsg::ApiPercent, u64::from(c.percent), d, |c, v| c.percent = v.min(100) as u8) }
                }
                if c.fault == "error" {
                    <label class="lab-field">
                        <span class="lab-field-label">{ lang.t(ApiMsg::ApiCode) }</span>
                        <select onchange={sel(|c, v| c.code = Code::from_name(&v).unwrap_or(Code::Unavailable))}>
                            { for Code::ALL.iter().skip(1).map(|k| html! { <option value={k.name()} selected={*k == c.code}>{ k.name() }</option> }) }
                        </select>
                    </label>
                }
                { num_field(lang, ApiMsg::ApiCount, u64::from(c.count), d, |c, v| c.count = v.min(100_000) as u32) }
                if c.count == 0 {
                    { num_field(lang, ApiMsg::ApiFrom, c.from_ms, d, |c, v| c.from_ms = v) }
                    { num_field(lang, ApiMsg::ApiUntil, c.until_ms, d, |c, v| c.until_ms = v) }
                }
            </div>
            <div class="lab-row">
                { num_field(lang, ApiMsg::ApiRequests, u64::from(c.requests), d, |c, v| c.requests = v.min(2000) as u32) }
                { num_field(lang, ApiMsg::ApiRate, u64::from(c.per_second), d, |c, v| c.per_second = v.min(1000) as u32) }
                { num_field(lang, ApiMsg::ApiTimeout, c.timeout_ms, d, |c, v| c.timeout_ms = v) }
                { num_field(lang, ApiMsg::ApiAttempts, u64::from(c.attempts), d, |c, v| c.attempts = v.clamp(1, 10) as u32) }
                <label class="lab-check">
                    <input type="checkbox" checked={c.breaker} onchange={toggle_breaker} />
                    <span>{ lang.t(ApiMsg::ApiBreaker) }</span>
                </label>
                <button class="button button-primary" data-testid="api-run-load" onclick={run}>{ lang.t(ApiMsg::ApiRunLoad) }</button>
            </div>
            { report(lang, s) }
        </section>
    }
}

fn phase_msg(p: Phase) -> ApiMsg {
    match p {
        Phase::Before => ApiMsg::ApiBefore,
        Phase::During => ApiMsg::ApiDuring,
        Phase::After => ApiMsg::ApiAfter,
    }
}

fn report(lang: Lang, s: &ApiState) -> Html {
    let Some(r) = &s.report else {
        return html! {};
    };
    // Latency per call as a polyline; the chaos window shaded.
    let (w, h) = (600.0_f64, 120.0_f64);
    let n = r.calls.len().max(1) as f64;
    let max = r.calls.iter().map(|c| c.latency).max().unwrap_or(1).max(1) as f64;
    let points: String = r
        .calls
        .iter()
        .enumerate()
        .map(|(i, c)| {
            format!(
                "{:.1},{:.1} ",
                i as f64 * w / n,
                h - c.latency as f64 * (h - 4.0) / max
            )
        })
        .collect();
    let window = r.window.and_then(|(lo, hi)| {
        let first = r.calls.iter().position(|c| c.arrival >= lo)?;
        let last = r.calls.iter().rposition(|c| c.arrival < hi)?;
        Some((first as f64 * w / n, (last + 1 - first) as f64 * w / n))
    });
    let errors: Vec<(f64, f64)> = r
        .calls
        .iter()
        .enumerate()
        .filter(|(_, c)| c.code != Code::Ok)
        .map(|(i, c)| (i as f64 * w / n, h - c.latency as f64 * (h - 4.0) / max))
        .collect();
    html! {
        <div data-testid="api-report">
            <div class="api-scroll">
            <table class="svc-table api-phases">
                <thead><tr>
                    <th></th><th>{ lang.t(ApiMsg::ApiCalls) }</th><th>{ lang.t(ApiMsg::ApiErrorRate) }</th>
                    <th>{ "p50" }</th><th>{ "p95" }</th><th>{ "p99" }</th>
                </tr></thead>
                <tbody>
                    { for r.phases.iter().map(|p| {
                        let e = p.error_permille();
                        html! {
                            <tr>
                                <th>{ lang.t(phase_msg(p.phase)) }</th>
                                <td>{ p.calls }</td>
                                <td>{ format!("{}.{}%", e / 10, e % 10) }</td>
                                <td>{ format!("{}ms", millis(p.p50)) }</td>
                                <td>{ format!("{}ms", millis(p.p95)) }</td>
                                <td>{ format!("{}ms", millis(p.p99)) }</td>
                            </tr>
                        }
                    }) }
                </tbody>
            </table>
            </div>
            <p class="lab-hint">{ lang.fill(ApiMsg::ApiAttemptsMade, &r.attempts.to_string()) }</p>
            <svg class="api-plot" viewBox={format!("0 0 {w} {h}")} preserveAspectRatio="none" role="img"
                aria-label={lang.t(ApiMsg::ApiLatencyPlot)}>
                if let Some((x, width)) = window {
                    <rect class="api-plot-window" x={format!("{x:.1}")} y="0" width={format!("{width:.1}")} height={h.to_string()} />
                }
                <polyline class="api-plot-line" points={points} />
                { for errors.iter().map(|(x, y)| html! { <circle class="api-plot-error" cx={format!("{x:.1}")} cy={format!("{y:.1}")} r="2" /> }) }
            </svg>
            if !r.breaker.is_empty() {
                <h3 class="api-h3">{ lang.t(ApiMsg::ApiBreakerLog) }</h3>
                <ol class="trace-list">
                    { for r.breaker.iter().map(|(t, st)| html! { <li>{ format!("[{:>10}ms] {st}", millis(*t)) }</li> }) }
                </ol>
            }
        </div>
    }
}
