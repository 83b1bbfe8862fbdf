//! The last request, step by step: the request as sent, the transcoding steps, the protobuf
//! encoding as annotated hex, the gRPC frame, the path through the middleware chain with
//! virtual times, and the response with the gRPC → HTTP status mapping.

use services::api::event::Protocol;
use services::api::grpc::Code;
use services::api::wire::hex;
use yew::prelude::*;

use super::msg::ApiMsg;
use super::state::ApiState;
use crate::i18n::Lang;

/// A frame as `flag | length | message` hex.
fn frame_text(frame: &[u8]) -> String {
    if frame.len() < 5 {
        return hex(frame);
    }
    format!(
        "{} | {} | {}",
        hex(&frame[..1]),
        hex(&frame[1..5]),
        hex(&frame[5..])
    )
}

pub fn exchange(lang: Lang, s: &ApiState) -> Html {
    let Some(ex) = &s.last else {
        return html! {
            <section class="panel lab-panel" aria-label={lang.t(ApiMsg::ApiExchange)}>
                <h2 class="lab-subtitle">{ lang.t(ApiMsg::ApiExchange) }</h2>
                <p class="lab-hint">{ lang.t(ApiMsg::ApiNothingYet) }</p>
            </section>
        };
    };
    let r = &ex.response;
    let grpc = ex.request.protocol == Protocol::Grpc;
    let request_body = if grpc {
        frame_text(&ex.request.body)
    } else {
        String::from_utf8_lossy(&ex.request.body).into_owned()
    };
    let response_body = if grpc && !r.body.is_empty() {
        format!(
            "{}\n\n{}",
            frame_text(&r.body),
            ex.response_json.clone().unwrap_or_default()
        )
    } else {
        r.body_text()
    };
    let trailers: String = r
        .trailers
        .iter()
        .map(|(k, v)| format!("{k}: {v}\n"))
        .collect();
    let mapping = if r.status == 0 {
        lang.t(ApiMsg::ApiDropped).to_string()
    } else if grpc {
        format!(
            "grpc-status {} ({}) · HTTP {}",
            r.code.number(),
            r.code,
            r.status
        )
    } else {
        format!("gRPC {} ({}) → HTTP {}", r.code, r.code.number(), r.status)
    };
    let status_class = if r.status == 0 || r.code.http_status() >= 500 {
        "api-status api-status-bad"
    } else if r.code.number() != 0 {
        "api-status api-status-warn"
    } else {
        "api-status api-status-ok"
    };
    html! {
        <section class="panel lab-panel lab-wide" aria-label={lang.t(ApiMsg::ApiExchange)} data-testid="api-exchange">
            <h2 class="lab-subtitle">{ lang.fill(ApiMsg::ApiExchangeN, &ex.req.to_string()) }</h2>
            <p class={status_class} data-testid="api-status">{ mapping }</p>
            <div class="api-columns">
                <div>
                    <h3 class="api-h3">{ lang.t(ApiMsg::ApiRequest) }</h3>
                    <pre class="api-pre">{ ex.request.head() }{ "\n" }{ request_body }</pre>
                    if !ex.steps.is_empty() {
                        <h3 class="api-h3">{ lang.t(ApiMsg::ApiTranscoding) }</h3>
                        <ol class="trace-list api-steps" data-testid="api-steps">
                            { for ex.steps.iter().map(|st| html! { <li>{ st.to_string() }</li> }) }
                        </ol>
                    }
                    if let Some(w) = &ex.request_wire {
                        <h3 class="api-h3">{ lang.fill(ApiMsg::ApiProtobuf, &w.bytes.len().to_string()) }</h3>
                        <pre class="api-pre api-hex" data-testid="api-wire">{ if w.records.is_empty() { "(0 bytes)".to_string() } else { w.annotated() } }</pre>
                    }
                </div>
                <div>
                    <h3 class="api-h3">{ lang.t(ApiMsg::ApiResponse) }</h3>
                    <pre class="api-pre" data-testid="api-response">{ r.head() }{ "\n" }{ response_body }{ if trailers.is_empty() { String::new() } else { format!("\n\ntrailers:\n{trailers}") } }</pre>
                    if let Some(w) = &ex.response_wire {
                        <h3 class="api-h3">{ lang.fill(ApiMsg::ApiProtobuf, &w.bytes.len().to_string()) }</h3>
                        <pre class="api-pre api-hex">{ if w.records.is_empty() { "(0 bytes)".to_string() } else { w.annotated() } }</pre>
                    }
                </div>
            </div>
            <details class="api-details">
                <summary>{ lang.t(ApiMsg::ApiStatusTable) }</summary>
                <table class="svc-table api-codes">
                    <thead><tr><th>{ "gRPC" }</th><th>{ "#" }</th><th>{ "HTTP" }</th></tr></thead>
                    <tbody>
                        { for Code::ALL.iter().map(|c| html! {
                            <tr class={classes!((*c == r.code).then_some("api-code-current"))}>
                                <td><code>{ c.name() }</code></td><td>{ c.number() }</td><td>{ c.http_status() }</td>
                            </tr>
                        }) }
                    </tbody>
                </table>
            </details>
            <h3 class="api-h3">{ lang.t(ApiMsg::ApiChainPath) }</h3>
            <ol class="trace-list" data-testid="api-events">
                { for ex.events.iter().map(|e| html! { <li>{ e.to_string() }</li> }) }
            </ol>
        </section>
    }
}
