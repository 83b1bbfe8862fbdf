//! The mock behind the contract: an in-memory store that gives CRUD methods real behaviour,
//! plus per-method canned responses and latency/error rules (what Mock Service Worker and
//! WireMock let a front-end developer do, here for a gRPC service).
//!
//! Which store operation a method performs follows the AIP standard-method names
//! (google.aip.dev/131..135): `Get<R>`, `List<R>s`, `Create<R>`, `Update<R>`, `Delete<R>`,
//! and `Count<R>s` (answers the first integer field of the output). The resource `R` is the
//! message named so in the contract's package; its key is its `id` (or `name`) field, and a
//! request names it with a field of the same name (`GetUserRequest.id`) or carries the whole
//! resource (`CreateUserRequest.user`, or the request *is* the resource). A method matching
//! none of these answers its canned response, or an empty output message.
//!
//! Collections are vectors in insertion order; new keys are "1", "2", ... per collection.
//! Nothing here draws randomness: rules with a failure percentage ask the server's chooser.

use std::collections::BTreeMap;

use prost_reflect::{
    DynamicMessage, FieldDescriptor, Kind, MessageDescriptor, ReflectMessage, Value,
};

use super::contract::{Contract, Rpc};
use super::grpc::Code;
use super::json::{self, Json};
use super::json_map::{merge_json, message_from_json, message_to_json};

/// What a method does in the store.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Operation {
    Get(String),
    List(String),
    Create(String),
    Update(String),
    Delete(String),
    Count(String),
    /// No store operation: canned response or empty output.
    Canned,
}

impl Operation {
    /// The operation of `rpc` in `contract`.
    pub fn of(contract: &Contract, rpc: &Rpc) -> Operation {
        let name = rpc.name.as_str();
        let split = [
            ("Get", 0),
            ("List", 1),
            ("Create", 2),
            ("Update", 3),
            ("Delete", 4),
            ("Count", 5),
        ];
        for (prefix, op) in split {
            let Some(rest) = name.strip_prefix(prefix) else {
                continue;
            };
            let resource = if op == 1 || op == 5 {
                singular(rest)
            } else {
                rest.to_string()
            };
            let full = if contract.package.is_empty() {
                resource.clone()
            } else {
                format!("{}.{resource}", contract.package)
            };
            if contract.pool.get_message_by_name(&full).is_none() {
                return Operation::Canned;
            }
            return match op {
                0 => Operation::Get(full),
                1 => Operation::List(full),
                2 => Operation::Create(full),
                3 => Operation::Update(full),
                4 => Operation::Delete(full),
                _ => Operation::Count(full),
            };
        }
        Operation::Canned
    }

    pub fn label(&self) -> String {
        match self {
            Operation::Get(r) => format!("get {}", short(r)),
            Operation::List(r) => format!("list {}", short(r)),
            Operation::Create(r) => format!("create {}", short(r)),
            Operation::Update(r) => format!("update {}", short(r)),
            Operation::Delete(r) => format!("delete {}", short(r)),
            Operation::Count(r) => format!("count {}", short(r)),
            Operation::Canned => "canned response".into(),
        }
    }
}

fn short(full: &str) -> &str {
    full.rsplit('.').next().unwrap_or(full)
}

fn singular(plural: &str) -> String {
    if let Some(s) = plural.strip_suffix("ies") {
        format!("{s}y")
    } else if let Some(s) = plural.strip_suffix('s') {
        s.to_string()
    } else {
        plural.to_string()
    }
}

/// A rule for one method: extra latency, a failure, a canned response.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MethodRule {
    pub latency_us: u64,
    /// Fail with this code and message ...
    pub fail: Option<(Code, String)>,
    /// ... in this percentage of calls (100 = always).
    pub fail_percent: u8,
    /// A JSON response that replaces the store's answer.
    pub canned: Option<String>,
}

/// An error answer of the mock.
pub type Status = (Code, String);

/// The in-memory store: collections by resource type.
#[derive(Clone, Debug, Default)]
pub struct Store {
    pub collections: BTreeMap<String, Vec<DynamicMessage>>,
    pub next_id: BTreeMap<String, u64>,
}

/// The key field of a resource (`id`, else `name`).
pub fn key_field(resource: &MessageDescriptor) -> Option<FieldDescriptor> {
    resource
        .get_field_by_name("id")
        .or_else(|| resource.get_field_by_name("name"))
        .filter(|f| !f.is_list() && !matches!(f.kind(), Kind::Message(_)))
}

fn key_text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => super::json_map::single_to_json(&Kind::String, other)
            .to_compact()
            .trim_matches('"')
            .to_string(),
    }
}

impl Store {
    /// A store seeded for `contract`: two users when the contract has a `User` with an `id`.
    pub fn seeded(contract: &Contract) -> Store {
        let mut store = Store::default();
        let full = format!("{}.User", contract.package);
        if let Some(user) = contract.pool.get_message_by_name(&full) {
            for seed in [
                r#"{"id":"1","name":"Ada Lovelace","email":"ada@example.com","age":36,"role":"ROLE_ADMIN"}"#,
                r#"{"id":"2","name":"Grace Hopper","email":"grace@example.com","age":85,"role":"ROLE_MEMBER"}"#,
            ] {
                let Ok(Json::Object(members)) = json::parse(seed) else {
                    continue;
                };
                // Only the fields this User has (the learner may have changed it).
                let kept: Vec<(String, Json)> = members
                    .into_iter()
                    .filter(|(k, _)| user.get_field_by_name(k).is_some())
                    .collect();
                if let Ok(m) = message_from_json(&user, &Json::Object(kept)) {
                    store.collections.entry(full.clone()).or_default().push(m);
                }
            }
            let n = store.collections.get(&full).map_or(0, Vec::len) as u64;
            store.next_id.insert(full, n + 1);
        }
        store
    }

    /// Runs `op` for `request`; the output message or an error status.
    pub fn apply(
        &mut self,
        contract: &Contract,
        rpc: &Rpc,
        op: &Operation,
        request: &DynamicMessage,
    ) -> Result<DynamicMessage, Status> {
        let resource_of = |name: &str| contract.pool.get_message_by_name(name);
        match op {
            Operation::Canned => Ok(DynamicMessage::new(rpc.output.clone())),
            Operation::Get(r) | Operation::Delete(r) => {
                let desc = resource_of(r).ok_or_else(|| internal(r))?;
                let key = request_key(request, &desc)?;
                let items = self.collections.entry(r.clone()).or_default();
                let kf = key_field(&desc).ok_or_else(|| internal(r))?;
                let Some(pos) = items
                    .iter()
                    .position(|m| key_text(&m.get_field(&kf)) == key)
                else {
                    return Err((
                        Code::NotFound,
                        format!("{} \"{key}\" not found", short(r).to_lowercase()),
                    ));
                };
                if matches!(op, Operation::Delete(_)) {
                    items.remove(pos);
                    return Ok(DynamicMessage::new(rpc.output.clone()));
                }
                Ok(wrap(&rpc.output, items[pos].clone()))
            }
            Operation::List(r) => {
                let items = self.collections.get(r).cloned().unwrap_or_default();
                let limit = request
                    .get_field_by_name("page_size")
                    .and_then(|v| v.as_i32())
                    .filter(|n| *n > 0)
                    .map_or(items.len(), |n| n as usize);
                let mut out = DynamicMessage::new(rpc.output.clone());
                if let Some(f) = rpc.output.fields().find(|f| {
                    f.is_list() && matches!(f.kind(), Kind::Message(m) if m.full_name() == r)
                }) {
                    out.set_field(
                        &f,
                        Value::List(items.into_iter().take(limit).map(Value::Message).collect()),
                    );
                }
                Ok(out)
            }
            Operation::Count(r) => {
                let n = self.collections.get(r).map_or(0, Vec::len);
                let mut out = DynamicMessage::new(rpc.output.clone());
                if let Some(f) = rpc.output.fields().find(|f| !f.is_list()) {
                    match f.kind() {
                        Kind::Int32 | Kind::Sint32 | Kind::Sfixed32 => {
                            out.set_field(&f, Value::I32(n as i32))
                        }
                        Kind::Int64 | Kind::Sint64 | Kind::Sfixed64 => {
                            out.set_field(&f, Value::I64(n as i64))
                        }
                        Kind::Uint32 | Kind::Fixed32 => out.set_field(&f, Value::U32(n as u32)),
                        Kind::Uint64 | Kind::Fixed64 => out.set_field(&f, Value::U64(n as u64)),
                        _ => {}
                    }
                }
                Ok(out)
            }
            Operation::Create(r) | Operation::Update(r) => {
                let desc = resource_of(r).ok_or_else(|| internal(r))?;
                let kf = key_field(&desc).ok_or_else(|| internal(r))?;
                let mut resource = carried_resource(request, &desc).ok_or_else(|| {
                    (
                        Code::InvalidArgument,
                        format!("the request carries no {}", short(r)),
                    )
                })?;
                let items = self.collections.entry(r.clone()).or_default();
                let key = key_text(&resource.get_field(&kf));
                if matches!(op, Operation::Create(_)) {
                    if key.is_empty() {
                        let next = self.next_id.entry(r.clone()).or_insert(1);
                        let id = next.to_string();
                        *next += 1;
                        if let Ok(v) = super::json_map::scalar_from_text(&kf.kind(), &id, kf.name())
                        {
                            resource.set_field(&kf, v);
                        }
                    } else if items.iter().any(|m| key_text(&m.get_field(&kf)) == key) {
                        return Err((
                            Code::AlreadyExists,
                            format!("{} \"{key}\" already exists", short(r).to_lowercase()),
                        ));
                    }
                    items.push(resource.clone());
                    return Ok(wrap(&rpc.output, resource));
                }
                let Some(pos) = items
                    .iter()
                    .position(|m| key_text(&m.get_field(&kf)) == key)
                else {
                    return Err((
                        Code::NotFound,
                        format!("{} \"{key}\" not found", short(r).to_lowercase()),
                    ));
                };
                let mask: Vec<String> = request
                    .get_field_by_name("update_mask")
                    .and_then(|m| {
                        m.as_message()
                            .and_then(|m| m.get_field_by_name("paths"))
                            .and_then(|p| {
                                p.as_list().map(|l| {
                                    l.iter()
                                        .filter_map(|v| v.as_str().map(str::to_string))
                                        .collect()
                                })
                            })
                    })
                    .unwrap_or_default();
                let stored = &mut items[pos];
                for (field, value) in resource.fields() {
                    let named = mask.is_empty() || mask.iter().any(|p| p == field.name());
                    if named && !value.is_default_for_field(&field) {
                        stored.set_field(&field, value.clone());
                    }
                }
                for path in &mask {
                    if let Some(f) = desc.get_field_by_name(path)
                        && !resource.has_field(&f)
                    {
                        stored.clear_field(&f);
                    }
                }
                Ok(wrap(&rpc.output, stored.clone()))
            }
        }
    }

    /// The store as JSON, for the page: `{"user.v1.User": [...]}`.
    pub fn json(&self) -> Json {
        Json::Object(
            self.collections
                .iter()
                .map(|(k, v)| {
                    (
                        k.clone(),
                        Json::Array(v.iter().map(message_to_json).collect()),
                    )
                })
                .collect(),
        )
    }
}

fn internal(r: &str) -> Status {
    (Code::Internal, format!("{r} has no id or name field"))
}

/// The key a Get/Delete request names.
fn request_key(request: &DynamicMessage, resource: &MessageDescriptor) -> Result<String, Status> {
    let kf = key_field(resource).ok_or_else(|| internal(resource.full_name()))?;
    if let Some(f) = request.descriptor().get_field_by_name(kf.name())
        && !matches!(f.kind(), Kind::Message(_))
    {
        let key = key_text(&request.get_field(&f));
        if key.is_empty() {
            return Err((Code::InvalidArgument, format!("{} is required", kf.name())));
        }
        return Ok(key);
    }
    match carried_resource(request, resource) {
        Some(m) => Ok(key_text(&m.get_field(&kf))),
        None => Err((
            Code::InvalidArgument,
            format!("the request names no {}", kf.name()),
        )),
    }
}

/// The resource a request carries: itself, or its first field of the resource's type.
fn carried_resource(
    request: &DynamicMessage,
    resource: &MessageDescriptor,
) -> Option<DynamicMessage> {
    if request.descriptor() == *resource {
        return Some(request.clone());
    }
    let f = request
        .descriptor()
        .fields()
        .find(|f| !f.is_list() && matches!(f.kind(), Kind::Message(m) if m == *resource))?;
    Some(request.get_field(&f).as_message()?.clone())
}

/// The output for a resource: the resource itself, or an output with a field of its type.
fn wrap(output: &MessageDescriptor, resource: DynamicMessage) -> DynamicMessage {
    if resource.descriptor() == *output {
        return resource;
    }
    let mut out = DynamicMessage::new(output.clone());
    if let Some(f) = output.fields().find(|f| {
        !f.is_list() && matches!(f.kind(), Kind::Message(m) if m == resource.descriptor())
    }) {
        out.set_field(&f, Value::Message(resource));
    }
    out
}

/// A canned response parsed for `rpc` (errors say where in the JSON).
pub fn canned(rpc: &Rpc, text: &str) -> Result<DynamicMessage, String> {
    let j = json::parse(text).map_err(|e| format!("canned response for {}: {e}", rpc.name))?;
    let mut m = DynamicMessage::new(rpc.output.clone());
    merge_json(&mut m, &j, "").map_err(|e| format!("canned response for {}: {e}", rpc.name))?;
    Ok(m)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::json_map::message_from_json;

    fn call(store: &mut Store, c: &Contract, rpc: &str, body: &str) -> String {
        let rpc = c.rpc(rpc).unwrap();
        let op = Operation::of(c, rpc);
        let req = message_from_json(&rpc.input, &json::parse(body).unwrap()).unwrap();
        match store.apply(c, rpc, &op, &req) {
            Ok(m) => format!("{} → {}", op.label(), message_to_json(&m).to_compact()),
            Err((code, msg)) => format!("{} → {code}: {msg}", op.label()),
        }
    }

    #[test]
    fn crud_on_users() {
        let c = Contract::user_service();
        let mut s = Store::seeded(&c);
        let lines = [
            call(&mut s, &c, "GetUser", r#"{"id":"1"}"#),
            call(&mut s, &c, "GetUser", r#"{"id":"9"}"#),
            call(&mut s, &c, "GetUser", r#"{}"#),
            call(&mut s, &c, "CreateUser", r#"{"user":{"name":"Linus"}}"#),
            call(
                &mut s,
                &c,
                "CreateUser",
                r#"{"user":{"id":"1","name":"Dup"}}"#,
            ),
            call(
                &mut s,
                &c,
                "UpdateUser",
                r#"{"user":{"id":"3","email":"l@k.org"}}"#,
            ),
            call(&mut s, &c, "DeleteUser", r#"{"id":"2"}"#),
            call(&mut s, &c, "DeleteUser", r#"{"id":"2"}"#),
            call(&mut s, &c, "ListUsers", r#"{"page_size":5}"#),
        ];
        expect_test::expect![[r#"
            get User → {"user":{"id":"1","name":"Ada Lovelace","email":"ada@example.com","age":36,"role":"ROLE_ADMIN"}}
            get User → NOT_FOUND: user "9" not found
            get User → INVALID_ARGUMENT: id is required
            create User → {"id":"3","name":"Linus"}
            create User → ALREADY_EXISTS: user "1" already exists
            update User → {"id":"3","name":"Linus","email":"l@k.org"}
            delete User → {}
            delete User → NOT_FOUND: user "2" not found
            list User → {"users":[{"id":"1","name":"Ada Lovelace","email":"ada@example.com","age":36,"role":"ROLE_ADMIN"},{"id":"3","name":"Linus","email":"l@k.org"}]}"#]]
        .assert_eq(&lines.join("\n"));
    }
}
