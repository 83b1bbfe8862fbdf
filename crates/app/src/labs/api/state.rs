//! The API lab's state and reducer. Holds no logic of its own: every action calls
//! `services::api` (compile, handle, sign, run load) and keeps the result for the views.

use std::rc::Rc;

use services::api::chaos::{Experiment, Fault, Scope, Target};
use services::api::event::Protocol;
use services::api::grpc::Code;
use services::api::json_map::skeleton;
use services::api::load::{self, BreakerConfig, ClientConfig, LoadPlan, LoadReport};
use services::api::middleware::{DEFAULT_SECRET, Middleware};
use services::api::mock::MethodRule;
use services::api::observe::EPOCH_SECONDS;
use services::api::server::{Exchange, Request, Server};
use services::api::{Contract, ContractError, USER_PROTO, jwt};
use services::config::kv::KvReply;
use services::config::{ConfigCentre, Env, Mode, watch};
use yew::prelude::*;

/// The seed of the server's chooser (ids, chaos draws).
pub const SEED: u64 = 1;
/// Virtual time between two console requests.
pub const CONSOLE_GAP_US: u64 = 250_000;

/// The config centre's editor: which environment's key, and the value to PUT.
#[derive(Clone, Debug, PartialEq)]
pub struct ConfigForm {
    pub env: Env,
    pub key: String,
    pub value: String,
}

/// The watcher's two modes as the page offers them: a 5 s blocking wait, a 2 s poll.
pub const BLOCKING: Mode = Mode::Blocking { wait_us: 5_000_000 };
pub const POLLING: Mode = Mode::Polling {
    interval_us: 2_000_000,
};

/// The request console's fields.
#[derive(Clone, Debug, PartialEq)]
pub struct Console {
    pub protocol: Protocol,
    pub method: String,
    pub target: String,
    pub body: String,
    /// gRPC: the RPC's path and its JSON message.
    pub grpc_path: String,
    pub grpc_json: String,
    pub use_token: bool,
    pub origin: String,
}

/// The token tool's fields and output.
#[derive(Clone, Debug, PartialEq)]
pub struct TokenTool {
    pub sub: String,
    pub role: String,
    pub ttl: i64,
    pub token: String,
}

/// The chaos and load form.
#[derive(Clone, Debug, PartialEq)]
pub struct ChaosForm {
    pub target: Target,
    /// "latency", "error", "abort", "panic".
    pub fault: String,
    pub delay_ms: u64,
    pub jitter_ms: u64,
    pub correlation: u8,
    pub percent: u8,
    pub code: Code,
    pub from_ms: u64,
    pub until_ms: u64,
    /// Scope: the window above (0), or the next `count` requests from `from_ms` on.
    pub count: u32,
    pub requests: u32,
    pub per_second: u32,
    pub timeout_ms: u64,
    pub attempts: u32,
    pub breaker: bool,
}

impl Default for ChaosForm {
    fn default() -> ChaosForm {
        ChaosForm {
            target: Target::Downstream,
            fault: "latency".into(),
            delay_ms: 120,
            jitter_ms: 60,
            correlation: 50,
            percent: 50,
            code: Code::Unavailable,
            from_ms: 2000,
            until_ms: 4000,
            count: 0,
            requests: 300,
            per_second: 50,
            timeout_ms: 200,
            attempts: 1,
            breaker: false,
        }
    }
}

impl ChaosForm {
    fn fault(&self) -> Fault {
        match self.fault.as_str() {
            "error" => Fault::Error {
                code: self.code,
                percent: self.percent,
            },
            "abort" => Fault::Abort {
                percent: self.percent,
            },
            "panic" => Fault::Panic {
                percent: self.percent,
            },
            _ => Fault::Latency {
                delay_us: self.delay_ms * 1000,
                jitter_us: self.jitter_ms * 1000,
                correlation: self.correlation,
            },
        }
    }
}

/// The whole lab.
#[derive(Clone, Debug)]
pub struct ApiState {
    pub source: String,
    pub error: Option<ContractError>,
    pub server: Server,
    pub clock: u64,
    pub console: Console,
    pub last: Option<Exchange>,
    pub token: TokenTool,
    pub selected_trace: Option<String>,
    pub chaos: ChaosForm,
    pub report: Option<LoadReport>,
    pub rule_method: String,
    pub rule_error: Option<String>,
    /// The rule form: rpc, latency ms, failure code, percent, canned JSON.
    pub rule_form: (String, String, String, String, String),
    /// The config centre (mock Consul + the service's watcher) the server reads its rate
    /// limit and timeout from.
    pub config: ConfigCentre,
    pub config_form: ConfigForm,
    /// The last answer of the KV API to the editor.
    pub config_reply: Option<KvReply>,
}

impl PartialEq for ApiState {
    fn eq(&self, other: &ApiState) -> bool {
        // A new state is always a change (the reducer only returns new states on actions).
        std::ptr::eq(self, other)
    }
}

impl Default for ApiState {
    fn default() -> ApiState {
        let contract = Contract::user_service();
        let mut s = ApiState {
            source: USER_PROTO.to_string(),
            error: None,
            server: Server::new(contract, SEED),
            clock: 0,
            console: Console {
                protocol: Protocol::Rest,
                method: "GET".into(),
                target: "/v1/users/1".into(),
                body: String::new(),
                grpc_path: "/user.v1.UserService/GetUser".into(),
                grpc_json: "{\n  \"id\": \"1\"\n}".into(),
                use_token: true,
                origin: String::new(),
            },
            last: None,
            token: TokenTool {
                sub: "ada".into(),
                role: "admin".into(),
                ttl: 3600,
                token: String::new(),
            },
            selected_trace: None,
            chaos: ChaosForm::default(),
            report: None,
            rule_method: String::new(),
            rule_error: None,
            rule_form: (
                String::new(),
                "0".into(),
                String::new(),
                "100".into(),
                String::new(),
            ),
            config: ConfigCentre::new(Env::Dev, BLOCKING, SEED),
            config_form: ConfigForm {
                env: Env::Dev,
                key: "rate_limit_rps".into(),
                value: "5".into(),
            },
            config_reply: None,
        };
        s.sign();
        // The service reads its config once before serving (ReadRemoteConfig), then watches.
        s.settle_config();
        s
    }
}

/// What the page can do.
pub enum ApiAction {
    EditSource(String),
    ResetSource,
    Console(Box<dyn FnOnce(&mut Console)>),
    /// Fill the console from a route (index into the routes table).
    UseRoute(usize),
    /// Fill the gRPC console with this RPC's path and a skeleton message.
    UseRpc(String),
    Send,
    MoveMiddleware(usize, i32),
    RemoveMiddleware(usize),
    AddMiddleware(String),
    Token(Box<dyn FnOnce(&mut TokenTool)>),
    Sign,
    ForgeNone,
    Tamper,
    SelectTrace(Option<String>),
    Chaos(Box<dyn FnOnce(&mut ChaosForm)>),
    RunLoad,
    SetRule {
        method: String,
        latency_ms: u64,
        fail: Option<Code>,
        percent: u8,
        canned: String,
    },
    ClearRules,
    RuleForm(usize, String),
    ConfigForm(Box<dyn FnOnce(&mut ConfigForm)>),
    /// PUT the editor's value, DELETE its key, or GET the service's prefix raw.
    ConfigPut,
    ConfigDelete,
    ConfigGet,
    ConfigMode(Mode),
    /// The environment the running service reads (a restart with another `ENV`).
    ConfigServiceEnv(Env),
    /// Let virtual time pass (to watch blocking queries time out and polls tick).
    ConfigWait(u64),
    /// Stop or start the Consul agent.
    ConfigAvailable(bool),
}

impl ApiState {
    fn now_seconds(&self) -> i64 {
        EPOCH_SECONDS + (self.clock / 1_000_000) as i64
    }

    fn sign(&mut self) {
        let claims = jwt::claims(
            &self.token.sub,
            &self.token.role,
            self.now_seconds(),
            self.token.ttl,
        );
        self.token.token = jwt::sign(&claims, self.secret().as_bytes());
    }

    /// The auth middleware's secret (the default one if auth is not in the chain).
    pub fn secret(&self) -> String {
        self.server
            .chain
            .iter()
            .find_map(|m| match m {
                Middleware::Auth { secret, .. } => Some(secret.clone()),
                _ => None,
            })
            .unwrap_or_else(|| DEFAULT_SECRET.to_string())
    }

    fn request(&self) -> Result<Request, String> {
        let c = &self.console;
        let mut r = match c.protocol {
            Protocol::Rest => Request::rest(&c.method, &c.target, &c.body),
            Protocol::Grpc => Request::grpc(&self.server.contract, &c.grpc_path, &c.grpc_json)?.0,
        };
        if c.use_token && !self.token.token.is_empty() {
            r = r.with_header("authorization", &format!("Bearer {}", self.token.token));
        }
        if !c.origin.trim().is_empty() {
            r = r.with_header("origin", c.origin.trim());
            if c.protocol == Protocol::Rest && c.method == "OPTIONS" {
                r = r.with_header("access-control-request-method", "GET");
            }
        }
        Ok(r)
    }
}

impl ApiState {
    /// Brings the config centre to the lab's clock and hands its configs to the server.
    fn sync_config(&mut self) {
        self.config.advance_to(self.clock);
        self.config.apply(&mut self.server);
    }

    /// After a write: let the watcher react (at most one poll interval later), move the clock
    /// there, hand the result to the server.
    fn settle_config(&mut self) {
        let slack = match self.config.watcher.mode {
            Mode::Polling { interval_us } => interval_us,
            Mode::Blocking { .. } => 0,
        } + 20_000;
        self.clock = self.config.settle(self.clock + slack).max(self.clock);
        self.config.apply(&mut self.server);
    }

    /// A widget's scenario from its link's `p.KEY` parameters, with the request sent:
    /// `request` (`GET /v1/users/1`), `body` (JSON), `protocol` (`grpc` then `rpc` — the
    /// method's path — and `message`), `token` (`0`: send none).
    pub fn scenario(params: &[(String, String)]) -> ApiState {
        let mut s = ApiState::default();
        for (k, v) in params {
            let c = &mut s.console;
            match k.as_str() {
                "request" => {
                    let (m, t) = v.trim().split_once(' ').unwrap_or(("GET", v.trim()));
                    c.method = m.to_ascii_uppercase();
                    c.target = t.trim().to_string();
                }
                "body" => c.body = v.clone(),
                "protocol" if v == "grpc" => c.protocol = Protocol::Grpc,
                "rpc" => c.grpc_path = v.clone(),
                "message" => c.grpc_json = v.clone(),
                "token" => c.use_token = v != "0",
                _ => {}
            }
        }
        let s = std::rc::Rc::new(s).reduce(ApiAction::Send);
        (*s).clone()
    }

    /// The full key the editor names.
    pub fn config_key(&self) -> String {
        format!(
            "{}{}",
            watch::prefix(services::config::SERVICE, self.config_form.env),
            self.config_form.key.trim()
        )
    }

    /// The lab as the learner left it: the autosaved proto (compiled; an invalid one shows
    /// its error as it did), else the seed's contract.
    pub fn restored() -> ApiState {
        let mut s = ApiState::default();
        if let Some(source) = crate::storage::get(crate::storage::API_PROTO_KEY)
            && source != s.source
        {
            match Contract::compile(&source) {
                Ok(c) => s.server.set_contract(c),
                Err(e) => s.error = Some(e),
            }
            s.source = source;
        }
        s
    }
}

impl Reducible for ApiState {
    type Action = ApiAction;

    fn reduce(self: Rc<Self>, action: ApiAction) -> Rc<Self> {
        let mut s = (*self).clone();
        match action {
            ApiAction::EditSource(text) => {
                crate::storage::set(crate::storage::API_PROTO_KEY, &text);
                s.source = text;
                match Contract::compile(&s.source) {
                    Ok(c) => {
                        s.error = None;
                        s.server.set_contract(c);
                    }
                    Err(e) => s.error = Some(e),
                }
            }
            ApiAction::ResetSource => {
                crate::storage::remove(crate::storage::API_PROTO_KEY);
                s.source = USER_PROTO.to_string();
                s.error = None;
                s.server.set_contract(Contract::user_service());
            }
            ApiAction::Console(f) => f(&mut s.console),
            ApiAction::UseRoute(i) => {
                let routes = services::api::transcode::routes(&s.server.contract);
                if let Some(r) = routes.get(i) {
                    let rpc = s.server.contract.rpc(&r.rpc).cloned();
                    s.console.protocol = Protocol::Rest;
                    s.console.method = r.method.clone();
                    s.console.target = sample_path(&r.template);
                    s.console.body = match (r.body.as_str(), rpc) {
                        ("", _) | (_, None) => String::new(),
                        ("*", Some(rpc)) => skeleton(&rpc.input).to_pretty(),
                        (field, Some(rpc)) => rpc
                            .input
                            .get_field_by_name(field)
                            .and_then(|f| match f.kind() {
                                services::api::prost_reflect::Kind::Message(m) => {
                                    Some(skeleton(&m).to_pretty())
                                }
                                _ => None,
                            })
                            .unwrap_or_else(|| "\"\"".into()),
                    };
                }
            }
            ApiAction::UseRpc(path) => {
                if let Some(rpc) = s.server.contract.rpc_by_path(&path) {
                    s.console.protocol = Protocol::Grpc;
                    s.console.grpc_json = skeleton(&rpc.input).to_pretty();
                    s.console.grpc_path = path;
                }
            }
            ApiAction::Send => match s.request() {
                Ok(r) => {
                    s.rule_error = None;
                    s.sync_config();
                    s.config.note_use(s.clock);
                    let ex = s.server.handle(r, s.clock);
                    s.clock = ex.end + CONSOLE_GAP_US;
                    s.selected_trace = ex.trace_id.clone();
                    s.last = Some(ex);
                }
                Err(e) => {
                    s.last = None;
                    s.rule_error = Some(e);
                }
            },
            ApiAction::MoveMiddleware(i, d) => {
                let j = i as i32 + d;
                if j >= 0 && (j as usize) < s.server.chain.len() && i < s.server.chain.len() {
                    s.server.chain.swap(i, j as usize);
                }
            }
            ApiAction::RemoveMiddleware(i) => {
                if i < s.server.chain.len() {
                    s.server.chain.remove(i);
                }
            }
            ApiAction::AddMiddleware(name) => {
                if let Some(m) = Middleware::from_name(&name)
                    && !s.server.chain.iter().any(|x| x.name() == m.name())
                {
                    s.server.chain.push(m);
                }
            }
            ApiAction::Token(f) => f(&mut s.token),
            ApiAction::Sign => s.sign(),
            ApiAction::ForgeNone => {
                let claims = jwt::claims(&s.token.sub, &s.token.role, s.now_seconds(), s.token.ttl);
                s.token.token = jwt::forge_unsigned(&claims);
            }
            ApiAction::Tamper => {
                // Flip the last signature character: the HMAC no longer matches.
                let mut t = s.token.token.clone();
                if let Some(c) = t.pop() {
                    t.push(if c == 'A' { 'B' } else { 'A' });
                }
                s.token.token = t;
            }
            ApiAction::SelectTrace(t) => s.selected_trace = t,
            ApiAction::Chaos(f) => f(&mut s.chaos),
            ApiAction::RunLoad => {
                s.sync_config();
                s.config.note_use(s.clock);
                let form = s.chaos.clone();
                let start = s.clock;
                let scope = if form.count > 0 {
                    Scope::Requests(form.count)
                } else {
                    Scope::Window {
                        from_us: start + form.from_ms * 1000,
                        until_us: start + form.until_ms.max(form.from_ms) * 1000,
                    }
                };
                let e = Experiment::new(form.target, form.fault(), scope);
                let kept = std::mem::replace(&mut s.server.chaos, vec![e]);
                let request = s
                    .request()
                    .unwrap_or_else(|_| Request::rest("GET", "/v1/users/1", ""));
                let plan = LoadPlan {
                    requests: form.requests.clamp(1, 2000),
                    per_second: form.per_second.clamp(1, 1000),
                    start_us: start,
                    request,
                };
                let client = ClientConfig {
                    timeout_us: form.timeout_ms.max(1) * 1000,
                    retry: load::RetryPolicy {
                        max_attempts: form.attempts.clamp(1, 10),
                        ..ClientConfig::default().retry
                    },
                    breaker: form.breaker.then_some(BreakerConfig {
                        threshold: 5,
                        open_us: 500_000,
                    }),
                };
                let report = load::run(&mut s.server, &plan, &client, SEED);
                s.server.chaos = kept;
                s.clock = report.end + 1_000_000;
                s.report = Some(report);
                s.sync_config();
            }
            ApiAction::SetRule {
                method,
                latency_ms,
                fail,
                percent,
                canned,
            } => {
                s.rule_error = None;
                let canned = canned.trim().to_string();
                if !canned.is_empty()
                    && let Some(rpc) = s.server.contract.rpc(&method)
                    && let Err(e) = services::api::mock::canned(rpc, &canned)
                {
                    s.rule_error = Some(e);
                    return Rc::new(s);
                }
                s.rule_method = method.clone();
                s.server.rules.insert(
                    method,
                    MethodRule {
                        latency_us: latency_ms * 1000,
                        fail: fail.map(|c| (c, format!("mock rule: {c}"))),
                        fail_percent: percent,
                        canned: (!canned.is_empty()).then_some(canned),
                    },
                );
            }
            ApiAction::ClearRules => s.server.rules.clear(),
            ApiAction::ConfigForm(f) => f(&mut s.config_form),
            ApiAction::ConfigPut => {
                let key = s.config_key();
                let value = s.config_form.value.clone();
                s.config_reply = Some(s.config.put(&key, &value, s.clock));
                s.settle_config();
            }
            ApiAction::ConfigDelete => {
                let key = s.config_key();
                s.config_reply =
                    Some(
                        s.config
                            .http("DELETE", &format!("/v1/kv/{key}"), "", s.clock),
                    );
                s.settle_config();
            }
            ApiAction::ConfigGet => {
                let prefix = watch::prefix(services::config::SERVICE, s.config_form.env);
                s.config_reply =
                    Some(
                        s.config
                            .http("GET", &format!("/v1/kv/{prefix}?recurse"), "", s.clock),
                    );
            }
            ApiAction::ConfigMode(m) => {
                s.config.set_mode(m, s.clock);
                s.settle_config();
            }
            ApiAction::ConfigServiceEnv(e) => {
                s.config.set_env(e, s.clock);
                s.settle_config();
            }
            ApiAction::ConfigAvailable(on) => {
                s.config.set_available(on, s.clock);
                s.settle_config();
            }
            ApiAction::ConfigWait(us) => {
                s.clock += us;
                s.sync_config();
            }
            ApiAction::RuleForm(i, v) => match i {
                0 => s.rule_form.0 = v,
                1 => s.rule_form.1 = v,
                2 => s.rule_form.2 = v,
                3 => s.rule_form.3 = v,
                _ => s.rule_form.4 = v,
            },
        }
        Rc::new(s)
    }
}

/// A request path for a template: variables filled with sample values.
pub fn sample_path(template: &str) -> String {
    let mut out = String::new();
    let mut depth = 0;
    let mut var = String::new();
    for c in template.chars() {
        match c {
            '{' => {
                depth += 1;
                var.clear();
            }
            '}' => {
                depth -= 1;
                let pattern = var.split_once('=').map(|(_, p)| p).unwrap_or("*");
                out.push_str(&pattern.replace("**", "a/b").replace('*', "1"));
            }
            c if depth > 0 => var.push(c),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    #[wasm_bindgen_test(unsupported = test)]
    fn sample_paths() {
        assert_eq!(sample_path("/v1/users/{id}"), "/v1/users/1");
        assert_eq!(
            sample_path("/v1/{name=shelves/*}/files/{path=**}:read"),
            "/v1/shelves/1/files/a/b:read"
        );
    }
}
