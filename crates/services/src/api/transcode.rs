//! HTTP/JSON ⇄ gRPC transcoding, as grpc-gateway and Envoy's gRPC-JSON transcoder do it.
//!
//! A REST request is routed to one binding of one RPC (the routes table: every binding of every
//! RPC; among the templates matching the path, the one with the most literal segments wins,
//! then declaration order; a path that matches only under other verbs is 405 with `Allow`).
//! Then the request message is built in grpc-gateway's order, each step recorded for the page:
//!
//! 1. the body: `body: "*"` fills the whole message, `body: "field"` that one field, none
//!    leaves it empty;
//! 2. the path variables, converted to their field's type (`{user.id}` sets `user.id`, and
//!    *overrides* what the body said — noted in the step);
//! 3. the query parameters, for fields bound neither by the path nor the body (`?a.b=1`,
//!    repeated fields by repeating the key); none are allowed with `body: "*"`.
//!
//! The response goes back as the whole output message or its `response_body` field, and an
//! error as grpc-gateway's JSON status `{"code": 5, "message": "...", "details": []}` with the
//! HTTP status from [`Code::http_status`].

use std::fmt;

use prost_reflect::{DynamicMessage, ReflectMessage, Value};

use super::contract::{Binding, BodyRule, Contract, Rpc, resolve_scalar_path};
use super::grpc::Code;
use super::json::{self, Json};
use super::json_map::{self, merge_json, message_to_json, scalar_from_text, single_from_json};
use super::path_template::{Bindings, percent_decode};

/// Bodies larger than this are refused with 413.
pub const MAX_BODY: usize = 64 * 1024;

/// One row of the routes table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Route {
    pub method: String,
    pub template: String,
    pub rpc: String,
    pub grpc_path: String,
    /// `*`, a field name, or empty.
    pub body: String,
    pub binding: usize,
}

/// Every binding of every RPC, in declaration order.
pub fn routes(contract: &Contract) -> Vec<Route> {
    contract
        .rpcs
        .iter()
        .flat_map(|rpc| {
            rpc.bindings.iter().map(move |b| Route {
                method: b.method.clone(),
                template: b.template.text.clone(),
                rpc: rpc.name.clone(),
                grpc_path: rpc.grpc_path(),
                body: match &b.body {
                    BodyRule::None => String::new(),
                    BodyRule::Whole => "*".into(),
                    BodyRule::Field(f) => f.clone(),
                },
                binding: b.index,
            })
        })
        .collect()
}

/// A request the transcoder could not turn into a message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HttpError {
    pub status: u16,
    pub code: Code,
    pub message: String,
    /// `Allow` for a 405.
    pub allow: Vec<String>,
}

impl HttpError {
    pub fn new(code: Code, message: impl Into<String>) -> HttpError {
        HttpError {
            status: code.http_status(),
            code,
            message: message.into(),
            allow: Vec::new(),
        }
    }

    /// grpc-gateway's error body.
    pub fn body(&self) -> Json {
        status_body(self.code, &self.message)
    }
}

impl fmt::Display for HttpError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}: {}", self.status, self.code, self.message)
    }
}

/// `{"code": 5, "message": "...", "details": []}`.
pub fn status_body(code: Code, message: &str) -> Json {
    Json::Object(vec![
        ("code".into(), Json::num(code.number())),
        ("message".into(), Json::str(message)),
        ("details".into(), Json::Array(Vec::new())),
    ])
}

/// What one transcoding step did.
#[derive(Clone, Debug, PartialEq)]
pub enum Step {
    Route {
        method: String,
        template: String,
        grpc_path: String,
        binding: usize,
    },
    Body {
        rule: String,
        json: String,
    },
    PathVar {
        field: String,
        raw: String,
        value: String,
        overrides: bool,
    },
    Query {
        name: String,
        value: String,
    },
    Message {
        json: String,
    },
}

impl fmt::Display for Step {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Step::Route {
                method,
                template,
                grpc_path,
                binding,
            } => {
                write!(f, "route {method} {template} → {grpc_path}")?;
                if *binding > 0 {
                    write!(f, " (additional binding {binding})")?;
                }
                Ok(())
            }
            Step::Body { rule, json } => match rule.as_str() {
                "" => f.write_str("body: none"),
                "*" => write!(f, "body \"*\" → whole message {json}"),
                field => write!(f, "body \"{field}\" → field {field} = {json}"),
            },
            Step::PathVar {
                field,
                raw,
                value,
                overrides,
            } => {
                write!(f, "path {{{field}}} = \"{raw}\" → {field} = {value}")?;
                if *overrides {
                    f.write_str(" (overrides the body)")?;
                }
                Ok(())
            }
            Step::Query { name, value } => write!(f, "query {name} = {value}"),
            Step::Message { json } => write!(f, "request message {json}"),
        }
    }
}

/// A REST request turned into an RPC call.
#[derive(Clone, Debug)]
pub struct Transcoded {
    pub rpc: Rpc,
    pub binding: Binding,
    pub message: DynamicMessage,
    pub steps: Vec<Step>,
}

/// A routed request: the RPC, the binding, the path variables' values.
pub type Routed<'c> = (&'c Rpc, &'c Binding, Bindings);

/// Routes `method path` (no query string).
pub fn route<'c>(
    contract: &'c Contract,
    method: &str,
    path: &str,
) -> Result<Routed<'c>, HttpError> {
    let mut best: Option<Routed<'c>> = None;
    let mut allow: Vec<String> = Vec::new();
    for rpc in &contract.rpcs {
        for b in &rpc.bindings {
            let Some(vars) = b.template.matches(path) else {
                continue;
            };
            if b.method != method {
                if !allow.contains(&b.method) {
                    allow.push(b.method.clone());
                }
                continue;
            }
            if best
                .as_ref()
                .is_none_or(|(_, cur, _)| b.template.literals() > cur.template.literals())
            {
                best = Some((rpc, b, vars));
            }
        }
    }
    match best {
        Some(found) => Ok(found),
        None if !allow.is_empty() => Err(HttpError {
            status: 405,
            code: Code::Unimplemented,
            message: format!(
                "Method Not Allowed: {method} {path} (allowed: {})",
                allow.join(", ")
            ),
            allow,
        }),
        None => Err(HttpError::new(
            Code::NotFound,
            format!("Not Found: no route matches {method} {path}"),
        )),
    }
}

/// Transcodes a REST request (`target` is the path with its query string).
pub fn transcode(
    contract: &Contract,
    method: &str,
    target: &str,
    body: &str,
) -> Result<Transcoded, (HttpError, Vec<Step>)> {
    let mut steps = Vec::new();
    let (path, query) = target.split_once('?').unwrap_or((target, ""));
    let (rpc, binding, vars) = route(contract, method, path).map_err(|e| (e, Vec::new()))?;
    steps.push(Step::Route {
        method: method.to_string(),
        template: binding.template.text.clone(),
        grpc_path: rpc.grpc_path(),
        binding: binding.index,
    });
    let bad =
        |m: String, steps: &Vec<Step>| (HttpError::new(Code::InvalidArgument, m), steps.clone());
    if body.len() > MAX_BODY {
        return Err((
            HttpError::new(
                Code::ResourceExhausted,
                format!(
                    "http: request body too large ({} bytes > {MAX_BODY})",
                    body.len()
                ),
            )
            .with_status(413),
            steps,
        ));
    }
    let mut msg = DynamicMessage::new(rpc.input.clone());
    let mut body_fields: Vec<String> = Vec::new();
    let rule = match &binding.body {
        BodyRule::None => String::new(),
        BodyRule::Whole => "*".to_string(),
        BodyRule::Field(f) => f.clone(),
    };
    if binding.body == BodyRule::None {
        if !body.trim().is_empty() {
            return Err(bad(
                format!(
                    "{method} {} takes no body, but one was sent",
                    binding.template
                ),
                &steps,
            ));
        }
        steps.push(Step::Body {
            rule,
            json: String::new(),
        });
    } else {
        let text = if body.trim().is_empty() { "{}" } else { body };
        let parsed =
            json::parse(text).map_err(|e| bad(format!("malformed JSON body at {e}"), &steps))?;
        match &binding.body {
            BodyRule::Whole => {
                merge_json(&mut msg, &parsed, "").map_err(|e| bad(e.to_string(), &steps))?;
                body_fields = rpc.input.fields().map(|f| f.name().to_string()).collect();
            }
            BodyRule::Field(name) => {
                if let Some(field) = rpc.input.get_field_by_name(name) {
                    let v = if field.is_list() {
                        let Json::Array(items) = &parsed else {
                            return Err(bad(
                                format!("{name}: expected an array, got {}", parsed.kind()),
                                &steps,
                            ));
                        };
                        let mut list = Vec::new();
                        for (i, item) in items.iter().enumerate() {
                            list.push(
                                single_from_json(&field.kind(), item, &format!("{name}[{i}]"))
                                    .map_err(|e| bad(e.to_string(), &steps))?,
                            );
                        }
                        Value::List(list)
                    } else {
                        single_from_json(&field.kind(), &parsed, name)
                            .map_err(|e| bad(e.to_string(), &steps))?
                    };
                    msg.set_field(&field, v);
                }
                body_fields.push(name.clone());
            }
            BodyRule::None => {}
        }
        steps.push(Step::Body {
            rule,
            json: parsed.to_compact(),
        });
    }
    for (field_path, raw) in &vars {
        let fields = resolve_scalar_path(&rpc.input, field_path).map_err(|m| bad(m, &steps))?;
        let Some(last) = fields.last() else { continue };
        let value = scalar_from_text(&last.kind(), raw, field_path)
            .map_err(|e| bad(e.to_string(), &steps))?;
        let overrides = body_fields
            .iter()
            .any(|b| field_path == b || field_path.starts_with(&format!("{b}.")));
        let shown = json_map::single_to_json(&last.kind(), &value).to_compact();
        set_path(&mut msg, &fields, value);
        steps.push(Step::PathVar {
            field: field_path.clone(),
            raw: raw.clone(),
            value: shown,
            overrides,
        });
    }
    if !query.is_empty() {
        if binding.body == BodyRule::Whole {
            return Err(bad(
                "query parameters are not allowed: body \"*\" maps every field".to_string(),
                &steps,
            ));
        }
        for pair in query.split('&').filter(|p| !p.is_empty()) {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            let plus = |s: &str| s.replace('+', " ");
            let (Some(name), Some(value)) = (
                percent_decode(&plus(k), false),
                percent_decode(&plus(v), false),
            ) else {
                return Err(bad(format!("malformed query parameter \"{pair}\""), &steps));
            };
            if vars.iter().any(|(f, _)| *f == name) {
                return Err(bad(
                    format!("query parameter \"{name}\" is already bound by the path"),
                    &steps,
                ));
            }
            if body_fields
                .iter()
                .any(|b| name == *b || name.starts_with(&format!("{b}.")))
            {
                return Err(bad(
                    format!("query parameter \"{name}\" is already bound by the body"),
                    &steps,
                ));
            }
            set_query(&mut msg, &rpc.input, &name, &value).map_err(|m| bad(m, &steps))?;
            steps.push(Step::Query { name, value });
        }
    }
    steps.push(Step::Message {
        json: message_to_json(&msg).to_compact(),
    });
    Ok(Transcoded {
        rpc: rpc.clone(),
        binding: binding.clone(),
        message: msg,
        steps,
    })
}

impl HttpError {
    fn with_status(mut self, status: u16) -> HttpError {
        self.status = status;
        self
    }
}

/// Sets a field through a path of singular message fields, creating them as needed.
fn set_path(msg: &mut DynamicMessage, fields: &[prost_reflect::FieldDescriptor], value: Value) {
    match fields {
        [] => {}
        [last] => msg.set_field(last, value),
        [first, rest @ ..] => {
            if let Value::Message(inner) = msg.get_field_mut(first) {
                set_path(inner, rest, value);
            }
        }
    }
}

/// One query parameter: a dotted path to a scalar or a repeated scalar (appended).
fn set_query(
    msg: &mut DynamicMessage,
    desc: &prost_reflect::MessageDescriptor,
    name: &str,
    value: &str,
) -> Result<(), String> {
    let parts: Vec<&str> = name.split('.').collect();
    let mut fields = Vec::new();
    let mut current = desc.clone();
    for (i, part) in parts.iter().enumerate() {
        let field = current
            .get_field_by_name(part)
            .or_else(|| current.get_field_by_json_name(part))
            .ok_or_else(|| {
                format!(
                    "unknown query parameter \"{name}\": no field \"{part}\" in {}",
                    current.full_name()
                )
            })?;
        let last = i + 1 == parts.len();
        match field.kind() {
            prost_reflect::Kind::Message(m) if last && json_map::is_scalar_like(m.full_name()) => {}
            prost_reflect::Kind::Message(m) if !last && !field.is_list() => current = m,
            prost_reflect::Kind::Message(_) => {
                return Err(format!("query parameter \"{name}\" names a message field"));
            }
            _ if !last => {
                return Err(format!(
                    "query parameter \"{name}\": \"{part}\" is not a message"
                ));
            }
            _ if field.is_map() => {
                return Err(format!("query parameter \"{name}\" names a map field"));
            }
            _ => {}
        }
        fields.push(field);
    }
    let Some(last) = fields.last().cloned() else {
        return Ok(());
    };
    let v = match last.kind() {
        // A well-known type's JSON string form (`update_mask=name,email`).
        prost_reflect::Kind::Message(_) => single_from_json(&last.kind(), &Json::str(value), name),
        kind => scalar_from_text(&kind, value, name),
    }
    .map_err(|e| e.to_string())?;
    let mut target = msg;
    for f in &fields[..fields.len() - 1] {
        match target.get_field_mut(f) {
            Value::Message(m) => target = m,
            _ => return Ok(()),
        }
    }
    if last.is_list() {
        if let Value::List(list) = target.get_field_mut(&last) {
            list.push(v);
        }
    } else {
        target.set_field(&last, v);
    }
    Ok(())
}

/// The HTTP response body for an RPC's output message: the whole message, or its
/// `response_body` field.
pub fn response_json(binding: &Binding, output: &DynamicMessage) -> Json {
    let whole = message_to_json(output);
    match &binding.response_body {
        None => whole,
        Some(field) => {
            let Some(fd) = output.descriptor().get_field_by_name(field) else {
                return whole;
            };
            whole.get(fd.json_name()).cloned().unwrap_or(Json::Null)
        }
    }
}

#[cfg(test)]
mod tests;
