//! The simulated server: one request in, one [`Exchange`] out — everything the request went
//! through, on the virtual clock.
//!
//! `handle(request, at)` runs the middleware onion (`middleware.rs`), then the handler:
//! transcoding (REST) or unframing and decoding (gRPC), chaos and method rules, the downstream
//! store call, and the response mapped back (JSON with the status from the gRPC→HTTP table,
//! or a frame with `grpc-status` trailers). It records typed [`ApiEvent`]s, spans, slog lines
//! and metrics, all keyed by the request number. Each step costs fixed virtual time (see the
//! constants), so a trace is a pure function of the server's state, the request and the
//! chooser: ids (`X-Request-Id`, trace and span ids) and every chaos draw are chooser choices.
//!
//! Metrics are recorded outside the whole chain, as `promhttp.InstrumentHandler*` wrapping the
//! mux would: every request counts, whatever the middlewares did.

use std::collections::BTreeMap;

use prost_reflect::DynamicMessage;
use sim::Chooser;

use super::chaos::{Effect, Experiment, Target};
use super::contract::{Binding, Contract, Rpc};
use super::event::{ApiEvent, Protocol};
use super::grpc::{self, Code};
use super::json::{self, Json};
use super::json_map::message_to_json;
use super::jwt::{self, JwtError};
use super::middleware::{Bucket, CorsDecision, Middleware, cors};
use super::mock::{MethodRule, Operation, Store, canned};
use super::observe::{
    EPOCH_SECONDS, Level, LogLine, Metrics, Span, parse_traceparent, traceparent,
};
use super::transcode::{self, Step, status_body};
use super::wire::{self, Encoded};

/// Routing and transcoding or decoding.
pub const DECODE_US: u64 = 20;
/// The handler's own work.
pub const HANDLER_US: u64 = 150;
/// The store call (the "database").
pub const DOWNSTREAM_US: u64 = 800;
/// Encoding the response.
pub const ENCODE_US: u64 = 20;
/// A middleware's after part.
pub const AFTER_US: u64 = 5;
/// grpc-go's default maximum received message size.
pub const GRPC_MAX_RECV: usize = 4 * 1024 * 1024;
/// The server keeps at most this many of its newest events, log lines and spans (a long load
/// run must not make every later page update slower); metrics are counters and stay whole.
pub const MAX_EVENTS: usize = 20_000;
pub const MAX_LOGS: usize = 2_000;
pub const MAX_SPANS: usize = 10_000;

/// Drops the oldest entries past `cap`.
fn keep_newest<T>(v: &mut Vec<T>, cap: usize) {
    if v.len() > cap {
        v.drain(..v.len() - cap);
    }
}

/// A request as it reaches the server.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Request {
    pub protocol: Protocol,
    pub method: String,
    /// REST: path and query; gRPC: the `:path`.
    pub target: String,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Request {
    /// A REST request with a JSON body (empty for none).
    pub fn rest(method: &str, target: &str, body: &str) -> Request {
        let mut headers = Vec::new();
        if !body.is_empty() {
            headers.push(("content-type".into(), "application/json".into()));
        }
        Request {
            protocol: Protocol::Rest,
            method: method.to_ascii_uppercase(),
            target: target.to_string(),
            headers,
            body: body.as_bytes().to_vec(),
        }
    }

    /// A gRPC unary call, encoded as a client would: the JSON message mapped to the method's
    /// input type, encoded, framed; the HTTP/2 request headers. Returns the annotated
    /// encoding too.
    pub fn grpc(
        contract: &Contract,
        path: &str,
        message_json: &str,
    ) -> Result<(Request, Encoded), String> {
        let rpc = contract
            .rpc_by_path(path)
            .ok_or_else(|| format!("the contract has no method {path}"))?;
        let text = if message_json.trim().is_empty() {
            "{}"
        } else {
            message_json
        };
        let j = json::parse(text).map_err(|e| format!("message JSON at {e}"))?;
        let msg = super::json_map::message_from_json(&rpc.input, &j).map_err(|e| e.to_string())?;
        let encoded = wire::encode(&msg);
        Ok((
            Request {
                protocol: Protocol::Grpc,
                method: "POST".into(),
                target: path.to_string(),
                headers: vec![
                    ("content-type".into(), "application/grpc".into()),
                    ("te".into(), "trailers".into()),
                ],
                body: grpc::frame(&encoded.bytes),
            },
            encoded,
        ))
    }

    /// Adds a header.
    pub fn with_header(mut self, name: &str, value: &str) -> Request {
        self.headers
            .push((name.to_ascii_lowercase(), value.to_string()));
        self
    }

    /// A header's value (names are case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// The request line and headers as HTTP/1.1 or HTTP/2 pseudo-headers would show them.
    pub fn head(&self) -> String {
        let mut s = match self.protocol {
            Protocol::Rest => format!("{} {} HTTP/1.1\n", self.method, self.target),
            Protocol::Grpc => format!(":method: POST\n:scheme: http\n:path: {}\n", self.target),
        };
        for (k, v) in &self.headers {
            s.push_str(&format!("{k}: {v}\n"));
        }
        s
    }
}

/// A response as the client receives it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Response {
    /// HTTP status; 0 when the connection was dropped.
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
    pub trailers: Vec<(String, String)>,
    /// The status the client sees (for gRPC from `grpc-status`, or derived from HTTP).
    pub code: Code,
    pub message: String,
}

impl Response {
    pub fn body_text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    fn dropped() -> Response {
        Response {
            status: 0,
            headers: Vec::new(),
            body: Vec::new(),
            trailers: Vec::new(),
            code: Code::Unavailable,
            message: "EOF: the server closed the connection without a response".into(),
        }
    }

    /// An error answer in the request's protocol: grpc-gateway's JSON status, or a gRPC
    /// Trailers-Only response.
    fn error(protocol: Protocol, code: Code, message: &str) -> Response {
        match protocol {
            Protocol::Rest => Response {
                status: code.http_status(),
                headers: vec![("content-type".into(), "application/json".into())],
                body: status_body(code, message).to_pretty().into_bytes(),
                trailers: Vec::new(),
                code,
                message: message.to_string(),
            },
            Protocol::Grpc => Response {
                status: 200,
                headers: vec![("content-type".into(), "application/grpc".into())],
                body: Vec::new(),
                trailers: vec![
                    ("grpc-status".into(), code.number().to_string()),
                    ("grpc-message".into(), grpc::encode_grpc_message(message)),
                ],
                code,
                message: message.to_string(),
            },
        }
    }

    /// A plain HTTP answer from in front of the service (a proxy's 503, a CORS 403): a gRPC
    /// client maps the HTTP status with the spec's table.
    fn plain(protocol: Protocol, status: u16, text: &str) -> Response {
        Response {
            status,
            headers: vec![("content-type".into(), "text/plain".into())],
            body: text.as_bytes().to_vec(),
            trailers: Vec::new(),
            code: match protocol {
                Protocol::Grpc => Code::from_http(status),
                Protocol::Rest if status < 400 => Code::Ok,
                Protocol::Rest => Code::from_http(status),
            },
            message: text.to_string(),
        }
    }

    /// Status line, headers, trailers, as the page shows them.
    pub fn head(&self) -> String {
        if self.status == 0 {
            return "(no response: connection closed)\n".into();
        }
        let mut s = format!("HTTP {} {}\n", self.status, grpc::reason(self.status));
        for (k, v) in &self.headers {
            s.push_str(&format!("{k}: {v}\n"));
        }
        s
    }
}

/// The settings a running service reads from its live config (the config centre, `config/`),
/// from `since_us` on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Live {
    pub since_us: u64,
    /// The handler's deadline: a slower handler answers DEADLINE_EXCEEDED at the deadline.
    pub timeout_us: u64,
    /// The rate-limit middleware's rate and burst (the bucket keeps its tokens, as
    /// `rate.Limiter.SetLimit` does).
    pub rate_per_second: u32,
    pub rate_burst: u32,
}

/// Everything one request went through.
#[derive(Clone, Debug)]
pub struct Exchange {
    pub req: u64,
    pub start: u64,
    pub end: u64,
    pub request: Request,
    pub rpc: Option<String>,
    pub steps: Vec<Step>,
    pub request_wire: Option<Encoded>,
    pub response_wire: Option<Encoded>,
    /// The response message as JSON (REST body, or the decoded gRPC message).
    pub response_json: Option<String>,
    pub response: Response,
    pub trace_id: Option<String>,
    pub events: Vec<ApiEvent>,
}

/// What a middleware sees of the request context (set by the middlewares outside it).
#[derive(Clone, Debug, Default)]
struct Ctx {
    request_id: Option<String>,
    /// Trace id and the current span's index in the request's spans.
    trace: Option<(String, usize)>,
    user: Option<String>,
}

/// The handler's result before the onion unwinds.
enum Outcome {
    Answer(Response),
    Panic(String),
}

/// The simulated server.
#[derive(Clone, Debug)]
pub struct Server {
    pub contract: Contract,
    pub chain: Vec<Middleware>,
    pub store: Store,
    pub rules: BTreeMap<String, MethodRule>,
    pub chaos: Vec<Experiment>,
    pub metrics: Metrics,
    pub logs: Vec<LogLine>,
    pub spans: Vec<Span>,
    pub events: Vec<ApiEvent>,
    /// Configs from the config centre, oldest first: a request uses the one in effect at its
    /// arrival (rate limit, handler timeout). Empty: the chain's own settings, no timeout.
    pub live: Vec<Live>,
    bucket: Bucket,
    chooser: Chooser,
    next_req: u64,
}

impl Server {
    pub fn new(contract: Contract, seed: u64) -> Server {
        Server {
            store: Store::seeded(&contract),
            contract,
            chain: Middleware::default_chain(),
            rules: BTreeMap::new(),
            chaos: Vec::new(),
            metrics: Metrics::default(),
            logs: Vec::new(),
            spans: Vec::new(),
            events: Vec::new(),
            live: Vec::new(),
            bucket: Bucket::default(),
            chooser: Chooser::unlogged(seed),
            next_req: 1,
        }
    }

    /// Swaps the contract (the store is seeded anew; observations are kept).
    pub fn set_contract(&mut self, contract: Contract) {
        self.store = Store::seeded(&contract);
        self.contract = contract;
    }

    fn hex_id(&mut self, digits: usize) -> String {
        let mut s = String::with_capacity(digits);
        for i in 0..digits {
            // A W3C id must not be all zeros: the first digit is 1..f.
            let d = if i == 0 {
                1 + self.chooser.choose("id", 15)
            } else {
                self.chooser.choose("id", 16)
            };
            s.push(char::from_digit(d as u32, 16).unwrap_or('0'));
        }
        s
    }

    /// Handles one request arriving at `at` (µs on the virtual clock).
    pub fn handle(&mut self, request: Request, at: u64) -> Exchange {
        let req = self.next_req;
        self.next_req += 1;
        let mut t = at;
        let mut ev = vec![ApiEvent::Received {
            t,
            req,
            protocol: request.protocol,
            method: request.method.clone(),
            target: request.target.clone(),
        }];
        let (path, _) = request
            .target
            .split_once('?')
            .unwrap_or((&request.target, ""));
        let routed: Option<(String, String)> = match request.protocol {
            Protocol::Rest => transcode::route(&self.contract, &request.method, path)
                .ok()
                .map(|(rpc, b, _)| (rpc.name.clone(), b.template.text.clone())),
            Protocol::Grpc => self
                .contract
                .rpc_by_path(path)
                .map(|r| (r.name.clone(), r.grpc_path())),
        };
        let rpc_name = routed.as_ref().map(|(n, _)| n.clone());
        let mut spans: Vec<Span> = Vec::new();
        let mut extra_headers: Vec<(String, String)> = Vec::new();
        let mut ctx = Ctx::default();
        let mut entered: Vec<(usize, Ctx, Option<usize>)> = Vec::new();
        let mut outcome = None;
        let chain = self.chain.clone();
        let live = self.live.iter().rev().find(|l| l.since_us <= at).cloned();
        for (i, mw) in chain.iter().enumerate() {
            t += mw.cost_us();
            ev.push(ApiEvent::Enter {
                t,
                req,
                mw: mw.name(),
            });
            let seen = ctx.clone();
            let mut span = None;
            let note = |ev: &mut Vec<ApiEvent>, text: String| {
                ev.push(ApiEvent::Note {
                    t,
                    req,
                    mw: mw.name(),
                    text,
                })
            };
            let mut reject: Option<Response> = None;
            match mw {
                Middleware::RequestId => {
                    let id = match request.header("x-request-id") {
                        Some(id) if !id.is_empty() && id.len() <= 64 => id.to_string(),
                        _ => self.hex_id(16),
                    };
                    note(&mut ev, format!("X-Request-Id {id}"));
                    extra_headers.push(("x-request-id".into(), id.clone()));
                    ctx.request_id = Some(id);
                }
                Middleware::Tracing => {
                    let incoming = request.header("traceparent").and_then(parse_traceparent);
                    let (trace_id, parent) = match incoming {
                        Some((tid, parent)) => {
                            note(
                                &mut ev,
                                format!(
                                    "continues trace {tid} from traceparent (parent span {parent})"
                                ),
                            );
                            (tid, Some(parent))
                        }
                        None => {
                            let tid = self.hex_id(32);
                            note(&mut ev, format!("no valid traceparent: new trace {tid}"));
                            (tid, None)
                        }
                    };
                    let span_id = self.hex_id(16);
                    let name = match (&routed, request.protocol) {
                        (Some((_, route)), Protocol::Rest) => format!("{} {route}", request.method),
                        (Some((_, route)), Protocol::Grpc) => {
                            route.trim_start_matches('/').to_string()
                        }
                        (None, _) => format!("{} (unrouted)", request.method),
                    };
                    extra_headers.push(("traceparent".into(), traceparent(&trace_id, &span_id)));
                    spans.push(Span {
                        trace_id: trace_id.clone(),
                        span_id,
                        parent,
                        name,
                        start: t,
                        end: t,
                        attrs: vec![("http.request.method".into(), request.method.clone())],
                        error: None,
                    });
                    span = Some(spans.len() - 1);
                    ctx.trace = Some((trace_id, spans.len() - 1));
                }
                Middleware::Logging | Middleware::Recovery => {}
                Middleware::RateLimit { per_second, burst } => {
                    let (per_second, burst) = match &live {
                        Some(l) => (&l.rate_per_second, &l.rate_burst),
                        None => (per_second, burst),
                    };
                    if let Err(wait) = self.bucket.take(t, *per_second, *burst) {
                        let secs = wait.div_ceil(1_000_000).max(1);
                        let msg = format!(
                            "rate limit exceeded ({per_second}/s, burst {burst}); retry in {secs}s"
                        );
                        let mut r =
                            Response::error(request.protocol, Code::ResourceExhausted, &msg);
                        r.headers.push(("retry-after".into(), secs.to_string()));
                        reject = Some(r);
                    } else {
                        note(
                            &mut ev,
                            format!("token taken ({} left)", self.bucket.milli / 1000),
                        );
                    }
                }
                Middleware::Cors { origins } => {
                    let origin = request.header("origin");
                    let pre = request.header("access-control-request-method").is_some();
                    match cors(origins, &request.method, origin, pre) {
                        CorsDecision::NotCors => note(&mut ev, "no Origin header: not a cross-origin request".into()),
                        CorsDecision::Preflight => {
                            let mut r = Response::plain(request.protocol, 204, "");
                            r.code = Code::Ok;
                            r.headers = vec![
                                ("access-control-allow-origin".into(), origin.unwrap_or("").into()),
                                ("access-control-allow-methods".into(), "GET, POST, PUT, PATCH, DELETE".into()),
                                ("access-control-allow-headers".into(), "authorization, content-type, traceparent".into()),
                                ("access-control-max-age".into(), "600".into()),
                                ("vary".into(), "Origin".into()),
                            ];
                            note(&mut ev, "preflight from an allowed origin: 204".into());
                            reject = Some(r);
                        }
                        CorsDecision::PreflightDenied => {
                            reject = Some(Response::plain(request.protocol, 403, "CORS: origin not allowed"));
                        }
                        CorsDecision::Allow => {
                            extra_headers.push(("access-control-allow-origin".into(), origin.unwrap_or("").into()));
                            extra_headers.push(("vary".into(), "Origin".into()));
                            note(&mut ev, "allowed origin: Access-Control-Allow-Origin set".into());
                        }
                        CorsDecision::Deny => note(
                            &mut ev,
                            "origin not allowed: no Access-Control-Allow-Origin, the browser will hide the response".into(),
                        ),
                    }
                }
                Middleware::Auth { secret, admin_only } => {
                    let now = EPOCH_SECONDS + (t / 1_000_000) as i64;
                    let token = match request.header("authorization") {
                        None => Err(JwtError::Missing),
                        Some(h) => match h
                            .strip_prefix("Bearer ")
                            .or_else(|| h.strip_prefix("bearer "))
                        {
                            Some(tok) => jwt::verify(tok.trim(), secret.as_bytes(), now),
                            None => Err(JwtError::NotBearer),
                        },
                    };
                    match token {
                        Err(e) => {
                            let mut r = Response::error(
                                request.protocol,
                                Code::Unauthenticated,
                                &e.to_string(),
                            );
                            r.headers.push(("www-authenticate".into(), "Bearer".into()));
                            reject = Some(r);
                        }
                        Ok(claims) => {
                            let text = |k: &str| match claims.get(k) {
                                Some(Json::String(s)) => s.clone(),
                                _ => String::new(),
                            };
                            let (sub, role) = (text("sub"), text("role"));
                            note(&mut ev, format!("token ok: sub={sub} role={role}"));
                            if let Some(rpc) = &rpc_name
                                && admin_only.contains(rpc)
                                && role != "admin"
                            {
                                let msg =
                                    format!("{rpc} requires role admin; {sub} has role {role:?}");
                                reject = Some(Response::error(
                                    request.protocol,
                                    Code::PermissionDenied,
                                    &msg,
                                ));
                            }
                            ctx.user = Some(sub);
                        }
                    }
                }
            }
            // A middleware inside the tracing one gets its own child span.
            if span.is_none()
                && let Some((tid, parent)) = seen.trace.clone()
            {
                let span_id = self.hex_id(16);
                spans.push(Span {
                    trace_id: tid.clone(),
                    span_id,
                    parent: Some(spans[parent].span_id.clone()),
                    name: format!("middleware {}", mw.name()),
                    start: t - mw.cost_us(),
                    end: t,
                    attrs: Vec::new(),
                    error: None,
                });
                span = Some(spans.len() - 1);
                ctx.trace = Some((tid, spans.len() - 1));
            }
            entered.push((i, seen, span));
            if let Some(r) = reject {
                ev.push(ApiEvent::Reject {
                    t,
                    req,
                    mw: mw.name(),
                    status: r.status,
                    message: r.message.clone(),
                });
                outcome = Some(Outcome::Answer(r));
                break;
            }
        }
        let mut ex = Exchange {
            req,
            start: at,
            end: at,
            request: request.clone(),
            rpc: rpc_name.clone(),
            steps: Vec::new(),
            request_wire: None,
            response_wire: None,
            response_json: None,
            response: Response::dropped(),
            trace_id: ctx.trace.as_ref().map(|(tid, _)| tid.clone()),
            events: Vec::new(),
        };
        let outcome = match outcome {
            Some(o) => o,
            None => {
                let began = t;
                let o = self.handler(&mut ex, &mut t, &ctx, &mut spans, &mut ev);
                match &live {
                    // context.WithTimeout around the handler: past the deadline the client
                    // gets DEADLINE_EXCEEDED at the deadline, whatever the handler did.
                    Some(l) if t - began > l.timeout_us => {
                        t = began + l.timeout_us;
                        let msg = format!(
                            "context deadline exceeded (handler timeout {}ms from config)",
                            l.timeout_us / 1000
                        );
                        ev.push(ApiEvent::Step {
                            t,
                            req,
                            text: msg.clone(),
                        });
                        Outcome::Answer(Response::error(
                            request.protocol,
                            Code::DeadlineExceeded,
                            &msg,
                        ))
                    }
                    _ => o,
                }
            }
        };
        // Unwind the onion.
        let mut panicking = None;
        let mut response = match outcome {
            Outcome::Answer(r) => Some(r),
            Outcome::Panic(m) => {
                panicking = Some(m);
                None
            }
        };
        for (i, seen, span) in entered.into_iter().rev() {
            let mw = &chain[i];
            if let Some(msg) = &panicking {
                if *mw == Middleware::Recovery {
                    ev.push(ApiEvent::Recovered { t, req });
                    self.log(
                        t,
                        Level::Error,
                        "panic recovered",
                        &seen,
                        req,
                        vec![("error".into(), Json::str(format!("panic: {msg}")))],
                    );
                    response = Some(Response::error(
                        request.protocol,
                        Code::Internal,
                        "internal error",
                    ));
                    panicking = None;
                } else {
                    ev.push(ApiEvent::Unwind {
                        t,
                        req,
                        mw: mw.name(),
                    });
                    if let Some(s) = span {
                        spans[s].end = t;
                        spans[s].error = Some(format!("panic: {msg}"));
                    }
                    continue;
                }
            }
            t += AFTER_US;
            let status = response.as_ref().map_or(0, |r| r.status);
            if *mw == Middleware::Logging
                && let Some(r) = &response
            {
                let level = match r.code {
                    Code::Ok => Level::Info,
                    c if c.http_status() >= 500 => Level::Error,
                    _ => Level::Warn,
                };
                let mut attrs = vec![
                    ("method".to_string(), Json::str(request.method.clone())),
                    ("path".to_string(), Json::str(request.target.clone())),
                    ("status".to_string(), Json::num(r.status)),
                ];
                if request.protocol == Protocol::Grpc {
                    attrs.push(("grpc_code".into(), Json::str(r.code.name())));
                }
                attrs.push((
                    "duration_ms".into(),
                    Json::Number(super::observe::millis(t - at)),
                ));
                self.log(t, level, "request", &seen, req, attrs);
            }
            if let Some(s) = span {
                spans[s].end = t;
                if let Some(r) = &response
                    && (r.status >= 500 || r.status == 0 || r.code.http_status() >= 500)
                {
                    spans[s].error = Some(r.message.clone());
                }
                if spans[s].parent.is_none() || *mw == Middleware::Tracing {
                    spans[s]
                        .attrs
                        .push(("http.response.status_code".into(), status.to_string()));
                }
            }
            ev.push(ApiEvent::Leave {
                t,
                req,
                mw: mw.name(),
                status,
            });
        }
        let mut response = match response {
            Some(r) if panicking.is_none() => r,
            _ => {
                let what = panic_text(&ev).unwrap_or_else(|| "no response".into());
                let why =
                    format!("the handler panicked ({what}) and no recovery middleware caught it");
                ev.push(ApiEvent::Aborted { t, req, why });
                Response::dropped()
            }
        };
        if response.status != 0 {
            for h in extra_headers {
                response.headers.push(h);
            }
        }
        ev.push(ApiEvent::Respond {
            t,
            req,
            status: response.status,
            code: response.code,
            us: t - at,
        });
        let grpc_label = (request.protocol == Protocol::Grpc).then(|| {
            (
                rpc_name.clone().unwrap_or_else(|| "unknown".into()),
                response.code.name(),
            )
        });
        self.metrics.record(
            &request.method,
            response.status,
            t - at,
            grpc_label.as_ref().map(|(m, c)| (m.as_str(), *c)),
        );
        self.spans.extend(spans);
        self.events.extend(ev.iter().cloned());
        keep_newest(&mut self.spans, MAX_SPANS);
        keep_newest(&mut self.events, MAX_EVENTS);
        keep_newest(&mut self.logs, MAX_LOGS);
        ex.end = t;
        ex.response = response;
        ex.events = ev;
        ex
    }

    fn log(
        &mut self,
        t: u64,
        level: Level,
        msg: &str,
        seen: &Ctx,
        req: u64,
        attrs: Vec<(String, Json)>,
    ) {
        let mut all = Vec::new();
        if let Some(id) = &seen.request_id {
            all.push(("request_id".to_string(), Json::str(id.clone())));
        }
        let trace_id = seen.trace.as_ref().map(|(tid, _)| tid.clone());
        if let Some(tid) = &trace_id {
            all.push(("trace_id".to_string(), Json::str(tid.clone())));
        }
        if let Some(u) = &seen.user {
            all.push(("user".to_string(), Json::str(u.clone())));
        }
        all.extend(attrs);
        self.logs.push(LogLine {
            t,
            level,
            msg: msg.to_string(),
            attrs: all,
            req,
            trace_id,
        });
    }
}

/// The message of the request's panic, for the dropped-connection line.
fn panic_text(ev: &[ApiEvent]) -> Option<String> {
    ev.iter().rev().find_map(|e| match e {
        ApiEvent::Panic { message, .. } => Some(format!("panic: {message}")),
        _ => None,
    })
}

impl Server {
    /// The innermost handler: decode, chaos and rules, the store, the response.
    fn handler(
        &mut self,
        ex: &mut Exchange,
        t: &mut u64,
        ctx: &Ctx,
        spans: &mut Vec<Span>,
        ev: &mut Vec<ApiEvent>,
    ) -> Outcome {
        let req = ex.req;
        let request = ex.request.clone();
        let protocol = request.protocol;
        *t += DECODE_US;
        let contract = self.contract.clone();
        let (rpc, binding, message): (Rpc, Option<Binding>, DynamicMessage) = match protocol {
            Protocol::Rest => {
                let body = String::from_utf8_lossy(&request.body).into_owned();
                match transcode::transcode(&contract, &request.method, &request.target, &body) {
                    Err((e, steps)) => {
                        for s in &steps {
                            ev.push(ApiEvent::Step {
                                t: *t,
                                req,
                                text: s.to_string(),
                            });
                        }
                        ex.steps = steps;
                        let mut r = Response::error(protocol, e.code, &e.message);
                        r.status = e.status;
                        if !e.allow.is_empty() {
                            r.headers.push(("allow".into(), e.allow.join(", ")));
                        }
                        return Outcome::Answer(r);
                    }
                    Ok(tc) => {
                        for s in &tc.steps {
                            ev.push(ApiEvent::Step {
                                t: *t,
                                req,
                                text: s.to_string(),
                            });
                        }
                        ex.steps = tc.steps.clone();
                        (tc.rpc, Some(tc.binding), tc.message)
                    }
                }
            }
            Protocol::Grpc => {
                if request
                    .header("content-type")
                    .is_none_or(|c| !c.starts_with("application/grpc"))
                {
                    return Outcome::Answer(Response::plain(
                        protocol,
                        415,
                        "invalid gRPC request content-type",
                    ));
                }
                let Some(rpc) = contract.rpc_by_path(&request.target).cloned() else {
                    let (svc, m) = request
                        .target
                        .trim_start_matches('/')
                        .rsplit_once('/')
                        .unwrap_or(("", &request.target));
                    let msg = if contract.rpcs.iter().any(|r| r.service == svc) {
                        format!("unknown method {m} for service {svc}")
                    } else {
                        format!("unknown service {svc}")
                    };
                    return Outcome::Answer(Response::error(protocol, Code::Unimplemented, &msg));
                };
                let bytes = match grpc::unframe(&request.body, GRPC_MAX_RECV) {
                    Ok(b) => b,
                    Err(e) => {
                        return Outcome::Answer(Response::error(
                            protocol,
                            e.code(),
                            &e.to_string(),
                        ));
                    }
                };
                ev.push(ApiEvent::Step {
                    t: *t,
                    req,
                    text: format!(
                        "unframe: flag 0, length {} → {}",
                        bytes.len(),
                        rpc.grpc_path()
                    ),
                });
                match DynamicMessage::decode(rpc.input.clone(), bytes) {
                    Ok(m) => {
                        ev.push(ApiEvent::Step {
                            t: *t,
                            req,
                            text: format!(
                                "decode {}: {}",
                                rpc.input.full_name(),
                                message_to_json(&m).to_compact()
                            ),
                        });
                        (rpc, None, m)
                    }
                    Err(e) => {
                        let msg = format!("grpc: error unmarshalling request: {e}");
                        return Outcome::Answer(Response::error(protocol, Code::Internal, &msg));
                    }
                }
            }
        };
        ex.request_wire = Some(wire::encode(&message));
        if rpc.client_streaming || rpc.server_streaming {
            return Outcome::Answer(Response::error(
                protocol,
                Code::Unimplemented,
                "goscope does not simulate streaming RPCs",
            ));
        }
        let op = Operation::of(&contract, &rpc);
        ev.push(ApiEvent::Handler {
            t: *t,
            req,
            rpc: format!("{}/{}", short_service(&rpc.service), rpc.name),
            op: op.label(),
        });
        let handler_span = ctx.trace.as_ref().map(|(tid, parent)| {
            let span_id = self.hex_id(16);
            spans.push(Span {
                trace_id: tid.clone(),
                span_id,
                parent: Some(spans[*parent].span_id.clone()),
                name: format!("{}/{}", short_service(&rpc.service), rpc.name),
                start: *t,
                end: *t,
                attrs: vec![("rpc.method".into(), rpc.name.clone())],
                error: None,
            });
            spans.len() - 1
        });
        let result = self.run_handler(&rpc, &op, &message, ex, t, ctx, spans, handler_span, ev);
        if let Some(s) = handler_span {
            spans[s].end = *t;
        }
        let output = match result {
            Err(outcome) => {
                if let Some(s) = handler_span {
                    spans[s].error = Some(match &outcome {
                        Outcome::Answer(r) => format!("{}: {}", r.code, r.message),
                        Outcome::Panic(m) => format!("panic: {m}"),
                    });
                }
                return outcome;
            }
            Ok(m) => m,
        };
        *t += ENCODE_US;
        let encoded = wire::encode(&output);
        let r = match protocol {
            Protocol::Rest => {
                let body = match &binding {
                    Some(b) => transcode::response_json(b, &output),
                    None => message_to_json(&output),
                };
                let text = body.to_pretty();
                ex.response_json = Some(text.clone());
                ev.push(ApiEvent::Step {
                    t: *t,
                    req,
                    text: format!("response {} → JSON", output.descriptor_name()),
                });
                Response {
                    status: 200,
                    headers: vec![("content-type".into(), "application/json".into())],
                    body: text.into_bytes(),
                    trailers: Vec::new(),
                    code: Code::Ok,
                    message: String::new(),
                }
            }
            Protocol::Grpc => {
                ex.response_json = Some(message_to_json(&output).to_pretty());
                ev.push(ApiEvent::Step {
                    t: *t,
                    req,
                    text: format!(
                        "encode {}: {} bytes, framed",
                        output.descriptor_name(),
                        encoded.bytes.len()
                    ),
                });
                Response {
                    status: 200,
                    headers: vec![("content-type".into(), "application/grpc".into())],
                    body: grpc::frame(&encoded.bytes),
                    trailers: vec![
                        ("grpc-status".into(), "0".into()),
                        ("grpc-message".into(), String::new()),
                    ],
                    code: Code::Ok,
                    message: String::new(),
                }
            }
        };
        ex.response_wire = Some(encoded);
        Outcome::Answer(r)
    }

    /// Chaos, rules, the store. `Err` carries the early outcome.
    #[allow(clippy::too_many_arguments)]
    fn run_handler(
        &mut self,
        rpc: &Rpc,
        op: &Operation,
        message: &DynamicMessage,
        ex: &mut Exchange,
        t: &mut u64,
        ctx: &Ctx,
        spans: &mut Vec<Span>,
        handler_span: Option<usize>,
        ev: &mut Vec<ApiEvent>,
    ) -> Result<DynamicMessage, Outcome> {
        let req = ex.req;
        let protocol = ex.request.protocol;
        let fail =
            |code: Code, msg: &str| Err(Outcome::Answer(Response::error(protocol, code, msg)));
        let mut downstream_delay = 0;
        let mut downstream_effect = Effect::None;
        let start = ex.start;
        for i in 0..self.chaos.len() {
            if !self.chaos[i].covers(start, &rpc.name) {
                continue;
            }
            let target = self.chaos[i].target;
            let effect = self.chaos[i].strike(&mut self.chooser);
            let what = format!("{} → {}", self.chaos[i], effect_text(effect));
            if effect != Effect::None {
                ev.push(ApiEvent::Chaos { t: *t, req, what });
            }
            match (target, effect) {
                (_, Effect::None) => {}
                (Target::Handler, Effect::Delay(d)) => *t += d,
                (Target::Handler, Effect::Fail(code)) => {
                    return fail(code, &format!("chaos: injected {code}"));
                }
                (Target::Handler, Effect::Abort) => {
                    return Err(Outcome::Answer(Response::plain(
                        protocol,
                        503,
                        "upstream connect error or disconnect/reset before headers. reset reason: connection termination",
                    )));
                }
                (Target::Handler, Effect::Panic) => {
                    let m =
                        "runtime error: invalid memory address or nil pointer dereference (chaos)"
                            .to_string();
                    ev.push(ApiEvent::Panic {
                        t: *t,
                        req,
                        message: m.clone(),
                    });
                    return Err(Outcome::Panic(m));
                }
                (Target::Downstream, Effect::Delay(d)) => downstream_delay += d,
                (Target::Downstream, e) => downstream_effect = e,
            }
        }
        let rule = self.rules.get(&rpc.name).cloned().unwrap_or_default();
        if rule.latency_us > 0 {
            *t += rule.latency_us;
            ev.push(ApiEvent::Note {
                t: *t,
                req,
                mw: "rule",
                text: format!("+{}ms latency", rule.latency_us / 1000),
            });
        }
        if let Some((code, msg)) = &rule.fail
            && (rule.fail_percent >= 100
                || self.chooser.choose("rule.fail", 100) < usize::from(rule.fail_percent))
        {
            *t += HANDLER_US;
            return fail(*code, msg);
        }
        *t += HANDLER_US;
        // The downstream call: the store, or the canned response.
        let down_start = *t;
        let dur = DOWNSTREAM_US + downstream_delay;
        *t += dur;
        let name = if rule.canned.is_some() {
            "canned response".to_string()
        } else {
            format!("store.{}", op.label())
        };
        if let (Some((tid, _)), Some(h)) = (&ctx.trace, handler_span) {
            let span_id = self.hex_id(16);
            spans.push(Span {
                trace_id: tid.clone(),
                span_id,
                parent: Some(spans[h].span_id.clone()),
                name: name.clone(),
                start: down_start,
                end: *t,
                attrs: Vec::new(),
                error: match downstream_effect {
                    Effect::None | Effect::Delay(_) => None,
                    e => Some(effect_text(e)),
                },
            });
        }
        ev.push(ApiEvent::Downstream {
            t: *t,
            req,
            name,
            us: dur,
        });
        match downstream_effect {
            Effect::Fail(code) => return fail(code, &format!("downstream: {}", code_text(code))),
            Effect::Abort => {
                return fail(Code::Unavailable, "downstream: connection reset by peer");
            }
            Effect::Panic => {
                let m = "downstream driver panicked (chaos)".to_string();
                ev.push(ApiEvent::Panic {
                    t: *t,
                    req,
                    message: m.clone(),
                });
                return Err(Outcome::Panic(m));
            }
            _ => {}
        }
        if let Some(text) = &rule.canned {
            return canned(rpc, text).or_else(|m| fail(Code::Internal, &m));
        }
        let contract = self.contract.clone();
        self.store
            .apply(&contract, rpc, op, message)
            .or_else(|(code, msg)| fail(code, &msg))
    }
}

fn code_text(code: Code) -> &'static str {
    match code {
        Code::Unavailable => "connection refused",
        Code::DeadlineExceeded => "context deadline exceeded",
        _ => "injected failure",
    }
}

fn effect_text(e: Effect) -> String {
    match e {
        Effect::None => "no effect".into(),
        Effect::Delay(d) => format!("+{}ms", super::observe::millis(d)),
        Effect::Fail(code) => format!("fails with {code}"),
        Effect::Abort => "aborted".into(),
        Effect::Panic => "panics".into(),
    }
}

fn short_service(full: &str) -> &str {
    full.rsplit('.').next().unwrap_or(full)
}

trait DescriptorName {
    fn descriptor_name(&self) -> String;
}

impl DescriptorName for DynamicMessage {
    fn descriptor_name(&self) -> String {
        use prost_reflect::ReflectMessage;
        self.descriptor().full_name().to_string()
    }
}

#[cfg(test)]
mod tests;
