//! The API lab's input panels: the contract editor, the routes table with the OpenAPI
//! download, the request console, the middleware chain editor, the token tool and the mock's
//! rules.

use services::api::event::Protocol;
use services::api::grpc::Code;
use services::api::middleware::Middleware;
use services::api::{jwt, openapi, transcode};
use yew::prelude::*;

use super::msg::ApiMsg;
use super::state::{ApiAction, ApiState};
use super::value_of;
use crate::i18n::Lang;

type D = UseReducerDispatcher<ApiState>;

pub fn contract(lang: Lang, s: &ApiState, d: &D) -> Html {
    let oninput = {
        let d = d.clone();
        Callback::from(move |e: InputEvent| d.dispatch(ApiAction::EditSource(value_of(&e))))
    };
    let reset = {
        let d = d.clone();
        Callback::from(move |_| d.dispatch(ApiAction::ResetSource))
    };
    let status = match &s.error {
        Some(e) => {
            html! { <p class="api-error" role="alert" data-testid="api-proto-error">{ e.to_string() }</p> }
        }
        None => html! {
            <p class="api-ok" data-testid="api-proto-ok">
                { lang.fill(ApiMsg::ApiCompiled, &s.server.contract.rpcs.len().to_string()) }
            </p>
        },
    };
    html! {
        <section class="panel lab-panel lab-wide" aria-label={lang.t(ApiMsg::ApiContract)}>
            <h2 class="lab-subtitle">{ lang.t(ApiMsg::ApiContract) }</h2>
            <p class="lab-hint">{ lang.t(ApiMsg::ApiContractHint) }</p>
            <textarea class="api-editor" data-testid="api-proto" spellcheck="false"
                aria-label={lang.t(ApiMsg::ApiContract)} value={s.source.clone()} {oninput} />
            <div class="lab-row">
                { status }
                <button class="button" onclick={reset}>{ lang.t(ApiMsg::ApiResetContract) }</button>
            </div>
        </section>
    }
}

/// `data:` URL of a JSON text (for the download link; the text never becomes markup).
fn data_url(json: &str) -> String {
    let encoded: String = js_sys::encode_uri_component(json).into();
    format!("data:application/json;charset=utf-8,{encoded}")
}

pub fn routes(lang: Lang, s: &ApiState, d: &D) -> Html {
    let routes = transcode::routes(&s.server.contract);
    let grpc_only: Vec<String> = s
        .server
        .contract
        .rpcs
        .iter()
        .filter(|r| r.bindings.is_empty())
        .map(|r| r.grpc_path())
        .collect();
    let doc = openapi::document(&s.server.contract).to_pretty();
    html! {
        <section class="panel lab-panel lab-wide" aria-label={lang.t(ApiMsg::ApiRoutes)}>
            <h2 class="lab-subtitle">{ lang.t(ApiMsg::ApiRoutes) }</h2>
            <div class="api-scroll">
            <table class="svc-table api-routes" data-testid="api-routes">
                <thead><tr>
                    <th>{ lang.t(ApiMsg::ApiMethod) }</th><th>{ lang.t(ApiMsg::ApiPath) }</th>
                    <th>{ "gRPC" }</th><th>{ lang.t(ApiMsg::ApiBody) }</th><th></th>
                </tr></thead>
                <tbody>
                    { for routes.iter().enumerate().map(|(i, r)| {
                        let d = d.clone();
                        let onclick = Callback::from(move |_| d.dispatch(ApiAction::UseRoute(i)));
                        html! {
                            <tr>
                                <td><code>{ r.method.clone() }</code></td>
                                <td><code>{ r.template.clone() }</code></td>
                                <td><code>{ r.grpc_path.clone() }</code></td>
                                <td><code>{ r.body.clone() }</code></td>
                                <td><button class="button api-small" data-testid={format!("api-try-{i}")} {onclick}>{ lang.t(ApiMsg::ApiTry) }</button></td>
                            </tr>
                        }
                    }) }
                    { for grpc_only.iter().map(|p| html! {
                        <tr><td>{ "—" }</td><td class="lab-hint">{ lang.t(ApiMsg::ApiGrpcOnly) }</td><td><code>{ p.clone() }</code></td><td></td><td></td></tr>
                    }) }
                </tbody>
            </table>
            </div>
            <div class="lab-row">
                <a class="button" download="openapi.json" href={data_url(&doc)} data-testid="api-openapi">
                    { lang.t(ApiMsg::ApiDownloadOpenapi) }
                </a>
            </div>
            <details class="api-details">
                <summary>{ "openapi.json" }</summary>
                <pre class="api-pre">{ doc }</pre>
            </details>
        </section>
    }
}

pub fn console(lang: Lang, s: &ApiState, d: &D) -> Html {
    let c = &s.console;
    let set = |f: fn(&mut super::state::Console, String)| {
        let d = d.clone();
        Callback::from(move |e: Event| {
            let v = value_of(&e);
            d.dispatch(ApiAction::Console(Box::new(move |c| f(c, v))))
        })
    };
    let input = |f: fn(&mut super::state::Console, String)| {
        let d = d.clone();
        Callback::from(move |e: InputEvent| {
            let v = value_of(&e);
            d.dispatch(ApiAction::Console(Box::new(move |c| f(c, v))))
        })
    };
    let send = {
        let d = d.clone();
        Callback::from(move |_| d.dispatch(ApiAction::Send))
    };
    let pick_rpc = {
        let d = d.clone();
        Callback::from(move |e: Event| d.dispatch(ApiAction::UseRpc(value_of(&e))))
    };
    let toggle_token = {
        let d = d.clone();
        Callback::from(move |_: Event| {
            d.dispatch(ApiAction::Console(Box::new(|c| c.use_token = !c.use_token)))
        })
    };
    let fields = match c.protocol {
        Protocol::Rest => html! {
            <>
            <div class="lab-row">
                <label class="lab-field">
                    <span class="lab-field-label">{ lang.t(ApiMsg::ApiMethod) }</span>
                    <select data-testid="api-method" onchange={set(|c, v| c.method = v)}>
                        { for ["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"].iter().map(|m| html! {
                            <option value={*m} selected={c.method == *m}>{ *m }</option>
                        }) }
                    </select>
                </label>
                <label class="lab-field api-grow">
                    <span class="lab-field-label">{ lang.t(ApiMsg::ApiPath) }</span>
                    <input data-testid="api-target" value={c.target.clone()} spellcheck="false"
                        oninput={input(|c, v| c.target = v)} />
                </label>
            </div>
            <label class="lab-field">
                <span class="lab-field-label">{ lang.t(ApiMsg::ApiBody) }</span>
                <textarea class="api-json" data-testid="api-body" spellcheck="false" value={c.body.clone()}
                    oninput={input(|c, v| c.body = v)} />
            </label>
            </>
        },
        Protocol::Grpc => html! {
            <>
            <label class="lab-field">
                <span class="lab-field-label">{ "gRPC :path" }</span>
                <select data-testid="api-grpc-method" onchange={pick_rpc}>
                    { for s.server.contract.rpcs.iter().map(|r| {
                        let p = r.grpc_path();
                        html! { <option value={p.clone()} selected={p == c.grpc_path}>{ p.clone() }</option> }
                    }) }
                </select>
            </label>
            <label class="lab-field">
                <span class="lab-field-label">{ lang.t(ApiMsg::ApiMessage) }</span>
                <textarea class="api-json" data-testid="api-grpc-json" spellcheck="false" value={c.grpc_json.clone()}
                    oninput={input(|c, v| c.grpc_json = v)} />
            </label>
            </>
        },
    };
    html! {
        <section class="panel lab-panel" aria-label={lang.t(ApiMsg::ApiConsole)}>
            <h2 class="lab-subtitle">{ lang.t(ApiMsg::ApiConsole) }</h2>
            <div class="lab-row">
                <label class="lab-field">
                    <span class="lab-field-label">{ lang.t(ApiMsg::ApiProtocol) }</span>
                    <select data-testid="api-protocol" onchange={set(|c, v| c.protocol = if v == "grpc" { Protocol::Grpc } else { Protocol::Rest })}>
                        <option value="rest" selected={c.protocol == Protocol::Rest}>{ "REST (HTTP/1.1 + JSON)" }</option>
                        <option value="grpc" selected={c.protocol == Protocol::Grpc}>{ "gRPC (HTTP/2 + protobuf)" }</option>
                    </select>
                </label>
            </div>
            { fields }
            { form(lang, s, d) }
            <div class="lab-row">
                <label class="lab-check">
                    <input type="checkbox" checked={c.use_token} onchange={toggle_token} data-testid="api-use-token" />
                    <span>{ lang.t(ApiMsg::ApiAttachToken) }</span>
                </label>
                <label class="lab-field api-grow">
                    <span class="lab-field-label">{ "Origin" }</span>
                    <input value={c.origin.clone()} placeholder="https://app.example.com" spellcheck="false"
                        oninput={input(|c, v| c.origin = v)} />
                </label>
            </div>
            <div class="lab-row">
                <button class="button button-primary" data-testid="api-send" onclick={send}>{ lang.t(ApiMsg::ApiSend) }</button>
                if let Some(e) = &s.rule_error {
                    <span class="api-error">{ e.clone() }</span>
                }
            </div>
        </section>
    }
}

/// The message the console's JSON editor holds: the REST body's type, or the gRPC input.
fn body_message(s: &ApiState) -> Option<services::api::prost_reflect::MessageDescriptor> {
    use services::api::prost_reflect::Kind;
    let c = &s.console;
    let contract = &s.server.contract;
    match c.protocol {
        Protocol::Grpc => contract.rpc_by_path(&c.grpc_path).map(|r| r.input.clone()),
        Protocol::Rest => {
            let path = c.target.split('?').next().unwrap_or("");
            let (rpc, binding, _) = transcode::route(contract, &c.method, path).ok()?;
            match &binding.body {
                services::api::BodyRule::None => None,
                services::api::BodyRule::Whole => Some(rpc.input.clone()),
                services::api::BodyRule::Field(f) => match rpc.input.get_field_by_name(f)?.kind() {
                    Kind::Message(m) => Some(m),
                    _ => None,
                },
            }
        }
    }
}

/// A form over the console's JSON: one input per scalar field; editing one rewrites the JSON.
fn form(lang: Lang, s: &ApiState, d: &D) -> Html {
    use services::api::json::Json;
    use services::api::json_map::{FormKind, form_fields, form_value, get_in_json, set_in_json};
    let Some(desc) = body_message(s) else {
        return html! {};
    };
    let grpc = s.console.protocol == Protocol::Grpc;
    let text = if grpc {
        s.console.grpc_json.clone()
    } else {
        s.console.body.clone()
    };
    let fields = form_fields(&desc);
    if fields.is_empty() {
        return html! {};
    }
    html! {
        <details class="api-details api-form" open=true>
            <summary>{ lang.fill(ApiMsg::ApiForm, desc.full_name()) }</summary>
            <div class="lab-row">
                { for fields.into_iter().map(|f| {
                    let current = match get_in_json(&text, &f.path) {
                        Some(Json::String(v)) => v,
                        Some(Json::Null) | None => String::new(),
                        Some(other) => other.to_compact(),
                    };
                    let d = d.clone();
                    let (path, kind) = (f.path.clone(), f.kind.clone());
                    let onchange = Callback::from(move |e: Event| {
                        let v = value_of(&e);
                        let (path, kind) = (path.clone(), kind.clone());
                        d.dispatch(ApiAction::Console(Box::new(move |c| {
                            let slot = if grpc { &mut c.grpc_json } else { &mut c.body };
                            if let Ok(t) = set_in_json(slot, &path, form_value(&kind, &v)) {
                                *slot = t;
                            }
                        })))
                    });
                    let testid = format!("api-form-{}", f.path);
                    let input = match &f.kind {
                        FormKind::Enum(values) => html! {
                            <select data-testid={testid} {onchange}>
                                <option value="" selected={current.is_empty()}>{ "—" }</option>
                                { for values.iter().map(|v| html! { <option value={v.clone()} selected={*v == current}>{ v.clone() }</option> }) }
                            </select>
                        },
                        FormKind::Bool => html! {
                            <select data-testid={testid} {onchange}>
                                <option value="false" selected={current != "true"}>{ "false" }</option>
                                <option value="true" selected={current == "true"}>{ "true" }</option>
                            </select>
                        },
                        _ => html! { <input data-testid={testid} value={current} spellcheck="false" {onchange} /> },
                    };
                    html! {
                        <label class="lab-field">
                            <span class="lab-field-label"><code>{ f.path.clone() }</code></span>
                            { input }
                        </label>
                    }
                }) }
            </div>
        </details>
    }
}

pub fn chain(lang: Lang, s: &ApiState, d: &D) -> Html {
    let chain = &s.server.chain;
    let missing: Vec<Middleware> = Middleware::palette()
        .into_iter()
        .filter(|m| !chain.iter().any(|c| c.name() == m.name()))
        .collect();
    let add = {
        let d = d.clone();
        Callback::from(move |e: Event| {
            let v = value_of(&e);
            if !v.is_empty() {
                d.dispatch(ApiAction::AddMiddleware(v));
            }
        })
    };
    let n = chain.len();
    html! {
        <section class="panel lab-panel" aria-label={lang.t(ApiMsg::ApiMiddleware)}>
            <h2 class="lab-subtitle">{ lang.t(ApiMsg::ApiMiddleware) }</h2>
            <p class="lab-hint">{ lang.t(ApiMsg::ApiMiddlewareHint) }</p>
            <ol class="api-chain" data-testid="api-chain">
                { for chain.iter().enumerate().map(|(i, m)| {
                    let btn = |action: ApiAction, label: &'static str, title: ApiMsg, disabled: bool| {
                        let d = d.clone();
                        let cell = std::cell::Cell::new(Some(action));
                        let onclick = Callback::from(move |_| {
                            if let Some(a) = cell.take() { d.dispatch(a) }
                        });
                        html! { <button class="button api-small" title={lang.t(title)} aria-label={lang.t(title)} {disabled} {onclick}>{ label }</button> }
                    };
                    html! {
                        <li class={format!("api-chip api-depth-{}", i.min(7))}>
                            <span class="api-chip-name">{ m.to_string() }</span>
                            { btn(ApiAction::MoveMiddleware(i, -1), "↑", ApiMsg::ApiMoveUp, i == 0) }
                            { btn(ApiAction::MoveMiddleware(i, 1), "↓", ApiMsg::ApiMoveDown, i + 1 == n) }
                            { btn(ApiAction::RemoveMiddleware(i), "✕", ApiMsg::ApiRemove, false) }
                        </li>
                    }
                }) }
                <li class="api-chip api-chip-handler">{ lang.t(ApiMsg::ApiHandler) }</li>
            </ol>
            if !missing.is_empty() {
                <label class="lab-field">
                    <span class="lab-field-label">{ lang.t(ApiMsg::ApiAdd) }</span>
                    <select data-testid="api-add-mw" onchange={add}>
                        <option value="" selected=true>{ "—" }</option>
                        { for missing.iter().map(|m| html! { <option value={m.name()}>{ m.name() }</option> }) }
                    </select>
                </label>
            }
        </section>
    }
}

pub fn token(lang: Lang, s: &ApiState, d: &D) -> Html {
    let t = &s.token;
    let on = |f: fn(&mut super::state::TokenTool, String)| {
        let d = d.clone();
        Callback::from(move |e: Event| {
            let v = value_of(&e);
            d.dispatch(ApiAction::Token(Box::new(move |t| f(t, v))));
            d.dispatch(ApiAction::Sign);
        })
    };
    let click = |a: fn() -> ApiAction| {
        let d = d.clone();
        Callback::from(move |_| d.dispatch(a()))
    };
    let decoded = match jwt::decode_parts(&t.token) {
        Ok((h, c, _)) => format!("{}\n{}", h.to_compact(), c.to_pretty()),
        Err(e) => e.to_string(),
    };
    html! {
        <section class="panel lab-panel" aria-label={lang.t(ApiMsg::ApiToken)}>
            <h2 class="lab-subtitle">{ lang.t(ApiMsg::ApiToken) }</h2>
            <div class="lab-row">
                <label class="lab-field">
                    <span class="lab-field-label">{ "sub" }</span>
                    <input value={t.sub.clone()} onchange={on(|t, v| t.sub = v)} />
                </label>
                <label class="lab-field">
                    <span class="lab-field-label">{ "role" }</span>
                    <select data-testid="api-role" onchange={on(|t, v| t.role = v)}>
                        { for ["admin", "member"].iter().map(|r| html! { <option value={*r} selected={t.role == *r}>{ *r }</option> }) }
                    </select>
                </label>
                <label class="lab-field">
                    <span class="lab-field-label">{ lang.t(ApiMsg::ApiExpiry) }</span>
                    <select data-testid="api-ttl" onchange={on(|t, v| t.ttl = v.parse().unwrap_or(3600))}>
                        { for [(3600i64, "1h"), (60, "60s"), (-60, "expired")].iter().map(|(v, l)| html! {
                            <option value={v.to_string()} selected={t.ttl == *v}>{ *l }</option>
                        }) }
                    </select>
                </label>
            </div>
            <div class="lab-row">
                <button class="button" onclick={click(|| ApiAction::Sign)}>{ lang.t(ApiMsg::ApiSign) }</button>
                <button class="button" data-testid="api-forge" onclick={click(|| ApiAction::ForgeNone)}>{ lang.t(ApiMsg::ApiForgeNone) }</button>
                <button class="button" onclick={click(|| ApiAction::Tamper)}>{ lang.t(ApiMsg::ApiTamper) }</button>
            </div>
            <pre class="api-pre api-token" data-testid="api-token">{ t.token.clone() }</pre>
            <pre class="api-pre">{ decoded }</pre>
        </section>
    }
}

pub fn rules(lang: Lang, s: &ApiState, d: &D) -> Html {
    let rpcs: Vec<String> = s
        .server
        .contract
        .rpcs
        .iter()
        .map(|r| r.name.clone())
        .collect();
    let form = &s.rule_form;
    let set = |i: usize| {
        let d = d.clone();
        Callback::from(move |e: Event| {
            let v = value_of(&e);
            d.dispatch(ApiAction::RuleForm(i, v));
        })
    };
    let method = if form.0.is_empty() {
        rpcs.first().cloned().unwrap_or_default()
    } else {
        form.0.clone()
    };
    let apply = {
        let d = d.clone();
        let f = form.clone();
        let method = method.clone();
        Callback::from(move |_| {
            d.dispatch(ApiAction::SetRule {
                method: method.clone(),
                latency_ms: f.1.trim().parse().unwrap_or(0),
                fail: Code::from_name(&f.2),
                percent: f.3.trim().parse().unwrap_or(100),
                canned: f.4.clone(),
            })
        })
    };
    let clear = {
        let d = d.clone();
        Callback::from(move |_| d.dispatch(ApiAction::ClearRules))
    };
    html! {
        <section class="panel lab-panel" aria-label={lang.t(ApiMsg::ApiRules)}>
            <h2 class="lab-subtitle">{ lang.t(ApiMsg::ApiRules) }</h2>
            <p class="lab-hint">{ lang.t(ApiMsg::ApiRulesHint) }</p>
            <div class="lab-row">
                <label class="lab-field">
                    <span class="lab-field-label">{ "rpc" }</span>
                    <select onchange={set(0)}>
                        { for rpcs.iter().map(|r| html! { <option value={r.clone()} selected={*r == method}>{ r.clone() }</option> }) }
                    </select>
                </label>
                <label class="lab-field">
                    <span class="lab-field-label">{ lang.t(ApiMsg::ApiDelay) }</span>
                    <input type="number" min="0" value={form.1.clone()} onchange={set(1)} class="api-num" />
                </label>
                <label class="lab-field">
                    <span class="lab-field-label">{ lang.t(ApiMsg::ApiCode) }</span>
                    <select onchange={set(2)}>
                        <option value="" selected={form.2.is_empty()}>{ "—" }</option>
                        { for Code::ALL.iter().skip(1).map(|c| html! { <option value={c.name()} selected={form.2 == c.name()}>{ c.name() }</option> }) }
                    </select>
                </label>
                <label class="lab-field">
                    <span class="lab-field-label">{ "%" }</span>
                    <input type="number" min="0" max="100" value={form.3.clone()} onchange={set(3)} class="api-num" />
                </label>
            </div>
            <label class="lab-field">
                <span class="lab-field-label">{ lang.t(ApiMsg::ApiCanned) }</span>
                <textarea class="api-json api-json-small" spellcheck="false" value={form.4.clone()} onchange={set(4)} />
            </label>
            <div class="lab-row">
                <button class="button" onclick={apply}>{ lang.t(ApiMsg::ApiApplyRule) }</button>
                <button class="button" onclick={clear}>{ lang.t(ApiMsg::ApiClearRules) }</button>
            </div>
            <ul class="api-rules">
                { for s.server.rules.iter().map(|(m, r)| html! {
                    <li><code>{ format!("{m}: +{}ms{}{}", r.latency_us / 1000,
                        r.fail.as_ref().map(|(c, _)| format!(", {c} {}%", r.fail_percent)).unwrap_or_default(),
                        if r.canned.is_some() { ", canned" } else { "" }) }</code></li>
                }) }
            </ul>
            <details class="api-details">
                <summary>{ lang.t(ApiMsg::ApiStore) }</summary>
                <pre class="api-pre">{ s.server.store.json().to_pretty() }</pre>
            </details>
        </section>
    }
}
