//! An OpenAPI 3.0 document generated from the contract, in the manner of grpc-gateway's
//! `protoc-gen-openapiv2` (which writes Swagger 2.0; this writes the same content as OpenAPI
//! 3.0.3): one operation per binding (`operationId` `Service_Method`, suffixed `_k` for the
//! k-th additional binding), path variables as required path parameters, the fields bound
//! neither by path nor body as query parameters (nested ones dotted, as the transcoder reads
//! them), the body as `requestBody`, the output (or its `response_body` field) as the 200
//! response and `rpcStatus` — grpc-gateway's error body — as the default response. Schemas
//! follow the proto3 JSON mapping: 64-bit integers are strings, enums are their names,
//! Timestamps `date-time` strings.
//!
//! Verbs OpenAPI cannot describe (a custom `REPORT`) are left out, and say so in
//! `x-goscope-skipped`.

use std::collections::BTreeSet;

use prost_reflect::{FieldDescriptor, Kind, MessageDescriptor};

use super::contract::{BodyRule, Contract};
use super::json::Json;
use super::path_template::Segment;

fn obj(members: Vec<(&str, Json)>) -> Json {
    Json::Object(
        members
            .into_iter()
            .map(|(k, v)| (k.to_string(), v))
            .collect(),
    )
}

fn reference(name: &str) -> Json {
    obj(vec![(
        "$ref",
        Json::str(format!("#/components/schemas/{name}")),
    )])
}

/// The OpenAPI path of a template: variables as `{field.path}`, the verb kept.
pub fn openapi_path(template: &super::PathTemplate) -> String {
    let mut s = String::new();
    for seg in &template.segments {
        s.push('/');
        match seg {
            Segment::Literal(l) => s.push_str(l),
            Segment::Any => s.push('*'),
            Segment::Rest => s.push_str("**"),
            Segment::Variable { field, .. } => {
                s.push('{');
                s.push_str(&field.join("."));
                s.push('}');
            }
        }
    }
    if let Some(v) = &template.verb {
        s.push(':');
        s.push_str(v);
    }
    s
}

/// The schema of one value of `kind`; message types are collected into `refs`.
fn kind_schema(kind: &Kind, refs: &mut BTreeSet<String>) -> Json {
    let t = |ty: &str, format: Option<&str>| {
        let mut m = vec![("type", Json::str(ty))];
        if let Some(f) = format {
            m.push(("format", Json::str(f)));
        }
        obj(m)
    };
    match kind {
        Kind::Double => t("number", Some("double")),
        Kind::Float => t("number", Some("float")),
        Kind::Int32 | Kind::Sint32 | Kind::Sfixed32 => t("integer", Some("int32")),
        Kind::Uint32 | Kind::Fixed32 => t("integer", Some("int64")),
        Kind::Int64 | Kind::Sint64 | Kind::Sfixed64 => t("string", Some("int64")),
        Kind::Uint64 | Kind::Fixed64 => t("string", Some("uint64")),
        Kind::Bool => t("boolean", None),
        Kind::String => t("string", None),
        Kind::Bytes => t("string", Some("byte")),
        Kind::Enum(e) => obj(vec![
            ("type", Json::str("string")),
            (
                "enum",
                Json::Array(e.values().map(|v| Json::str(v.name())).collect()),
            ),
        ]),
        Kind::Message(m) => match m.full_name() {
            "google.protobuf.Timestamp" => t("string", Some("date-time")),
            "google.protobuf.Duration" | "google.protobuf.FieldMask" => t("string", None),
            "google.protobuf.Int32Value" | "google.protobuf.UInt32Value" => t("integer", None),
            "google.protobuf.Int64Value"
            | "google.protobuf.UInt64Value"
            | "google.protobuf.StringValue" => t("string", None),
            "google.protobuf.BoolValue" => t("boolean", None),
            "google.protobuf.DoubleValue" | "google.protobuf.FloatValue" => t("number", None),
            "google.protobuf.BytesValue" => t("string", Some("byte")),
            name => {
                refs.insert(name.to_string());
                reference(name)
            }
        },
    }
}

fn field_schema(f: &FieldDescriptor, refs: &mut BTreeSet<String>) -> Json {
    if f.is_map()
        && let Kind::Message(entry) = f.kind()
    {
        let v = kind_schema(&entry.map_entry_value_field().kind(), refs);
        return obj(vec![
            ("type", Json::str("object")),
            ("additionalProperties", v),
        ]);
    }
    let one = kind_schema(&f.kind(), refs);
    if f.is_list() {
        obj(vec![("type", Json::str("array")), ("items", one)])
    } else {
        one
    }
}

fn message_schema(m: &MessageDescriptor, refs: &mut BTreeSet<String>) -> Json {
    let props: Vec<(String, Json)> = m
        .fields()
        .map(|f| (f.json_name().to_string(), field_schema(&f, refs)))
        .collect();
    obj(vec![
        ("type", Json::str("object")),
        ("properties", Json::Object(props)),
    ])
}

/// Query parameters: every scalar leaf not under `bound` (dotted paths).
fn query_params(
    m: &MessageDescriptor,
    prefix: &str,
    bound: &[String],
    out: &mut Vec<Json>,
    depth: usize,
) {
    if depth > 3 {
        return;
    }
    for f in m.fields() {
        let path = if prefix.is_empty() {
            f.name().to_string()
        } else {
            format!("{prefix}.{}", f.name())
        };
        if bound
            .iter()
            .any(|b| *b == path || path.starts_with(&format!("{b}.")))
            || f.is_map()
        {
            continue;
        }
        match f.kind() {
            Kind::Message(inner) if !super::json_map::is_scalar_like(inner.full_name()) => {
                if !f.is_list() {
                    query_params(&inner, &path, bound, out, depth + 1);
                }
            }
            kind => {
                let mut refs = BTreeSet::new();
                let mut schema = kind_schema(&kind, &mut refs);
                if f.is_list() {
                    schema = obj(vec![("type", Json::str("array")), ("items", schema)]);
                }
                out.push(obj(vec![
                    ("name", Json::str(path)),
                    ("in", Json::str("query")),
                    ("required", Json::Bool(false)),
                    ("schema", schema),
                ]));
            }
        }
    }
}

/// The document.
pub fn document(contract: &Contract) -> Json {
    let mut refs: BTreeSet<String> = BTreeSet::new();
    let mut paths: Vec<(String, Json)> = Vec::new();
    let mut skipped = Vec::new();
    let services: BTreeSet<String> = contract.rpcs.iter().map(|r| r.service.clone()).collect();
    for rpc in &contract.rpcs {
        let short = rpc.service.rsplit('.').next().unwrap_or(&rpc.service);
        for b in &rpc.bindings {
            let verb = b.method.to_ascii_lowercase();
            if ![
                "get", "put", "post", "delete", "patch", "head", "options", "trace",
            ]
            .contains(&verb.as_str())
            {
                skipped.push(Json::str(format!(
                    "{} {} ({})",
                    b.method, b.template, rpc.name
                )));
                continue;
            }
            let vars = b.template.variables();
            let mut params: Vec<Json> = Vec::new();
            for v in &vars {
                let schema = super::contract::resolve_scalar_path(&rpc.input, v)
                    .ok()
                    .and_then(|fs| fs.last().map(|f| kind_schema(&f.kind(), &mut refs)))
                    .unwrap_or(Json::Null);
                params.push(obj(vec![
                    ("name", Json::str(v.clone())),
                    ("in", Json::str("path")),
                    ("required", Json::Bool(true)),
                    ("schema", schema),
                ]));
            }
            let mut op = vec![
                (
                    "operationId",
                    Json::str(if b.index == 0 {
                        format!("{short}_{}", rpc.name)
                    } else {
                        format!("{short}_{}_{}", rpc.name, b.index)
                    }),
                ),
                ("tags", Json::Array(vec![Json::str(short)])),
            ];
            let mut bound = vars.clone();
            match &b.body {
                BodyRule::None => query_params(&rpc.input, "", &bound, &mut params, 0),
                BodyRule::Whole => {
                    refs.insert(rpc.input.full_name().to_string());
                }
                BodyRule::Field(f) => {
                    bound.push(f.clone());
                    query_params(&rpc.input, "", &bound, &mut params, 0);
                }
            }
            op.push(("parameters", Json::Array(params)));
            let body_schema = match &b.body {
                BodyRule::None => None,
                BodyRule::Whole => Some(reference(rpc.input.full_name())),
                BodyRule::Field(f) => rpc
                    .input
                    .get_field_by_name(f)
                    .map(|fd| field_schema(&fd, &mut refs)),
            };
            if let Some(schema) = body_schema {
                op.push((
                    "requestBody",
                    obj(vec![
                        ("required", Json::Bool(true)),
                        (
                            "content",
                            obj(vec![("application/json", obj(vec![("schema", schema)]))]),
                        ),
                    ]),
                ));
            }
            let out_schema = match &b.response_body {
                Some(f) => rpc
                    .output
                    .get_field_by_name(f)
                    .map_or(Json::Null, |fd| field_schema(&fd, &mut refs)),
                None => kind_schema(&Kind::Message(rpc.output.clone()), &mut refs),
            };
            let content =
                |schema: Json| obj(vec![("application/json", obj(vec![("schema", schema)]))]);
            op.push((
                "responses",
                obj(vec![
                    (
                        "200",
                        obj(vec![
                            ("description", Json::str("A successful response.")),
                            ("content", content(out_schema)),
                        ]),
                    ),
                    (
                        "default",
                        obj(vec![
                            ("description", Json::str("An unexpected error response.")),
                            ("content", content(reference("rpcStatus"))),
                        ]),
                    ),
                ]),
            ));
            let path = openapi_path(&b.template);
            let op = obj(op);
            match paths.iter_mut().find(|(p, _)| *p == path) {
                Some((_, Json::Object(ops))) => ops.push((verb, op)),
                _ => paths.push((path, Json::Object(vec![(verb, op)]))),
            }
        }
    }
    // Close the set of referenced messages.
    let mut schemas: Vec<(String, Json)> = Vec::new();
    let mut done: BTreeSet<String> = BTreeSet::new();
    while let Some(name) = refs.iter().find(|r| !done.contains(*r)).cloned() {
        done.insert(name.clone());
        if let Some(m) = contract.pool.get_message_by_name(&name) {
            let s = message_schema(&m, &mut refs);
            schemas.push((name, s));
        }
    }
    schemas.sort_by(|a, b| a.0.cmp(&b.0));
    schemas.push((
        "rpcStatus".into(),
        obj(vec![
            ("type", Json::str("object")),
            (
                "properties",
                obj(vec![
                    (
                        "code",
                        obj(vec![
                            ("type", Json::str("integer")),
                            ("format", Json::str("int32")),
                        ]),
                    ),
                    ("message", obj(vec![("type", Json::str("string"))])),
                    (
                        "details",
                        obj(vec![
                            ("type", Json::str("array")),
                            ("items", obj(vec![("type", Json::str("object"))])),
                        ]),
                    ),
                ]),
            ),
        ]),
    ));
    let title = services
        .iter()
        .map(|s| s.as_str())
        .collect::<Vec<_>>()
        .join(", ");
    let mut doc = vec![
        ("openapi", Json::str("3.0.3")),
        (
            "info",
            obj(vec![
                ("title", Json::str(title)),
                (
                    "version",
                    Json::str(if contract.package.is_empty() {
                        "v1"
                    } else {
                        contract.package.as_str()
                    }),
                ),
                (
                    "description",
                    Json::str(
                        "Generated by goscope from the .proto contract's google.api.http rules.",
                    ),
                ),
            ]),
        ),
        ("paths", Json::Object(paths)),
        ("components", obj(vec![("schemas", Json::Object(schemas))])),
    ];
    if !skipped.is_empty() {
        doc.push(("x-goscope-skipped", Json::Array(skipped)));
    }
    obj(doc)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::kinds;

    #[test]
    fn the_user_service_document() {
        let doc = document(&Contract::user_service());
        let paths: Vec<String> = match doc.get("paths") {
            Some(Json::Object(p)) => p
                .iter()
                .map(|(path, ops)| match ops {
                    Json::Object(o) => format!(
                        "{path}: {}",
                        o.iter()
                            .map(|(v, _)| v.as_str())
                            .collect::<Vec<_>>()
                            .join(" ")
                    ),
                    _ => String::new(),
                })
                .collect(),
            _ => Vec::new(),
        };
        expect_test::expect![[r#"
            /v1/users/{id}: get delete
            /v1/users:search: post
            /v1/users: get post
            /v1/users/{user.id}: patch"#]]
        .assert_eq(&paths.join("\n"));
        let text = doc.to_pretty();
        assert!(crate::api::json::parse(&text).is_ok());
        let list = doc
            .get("paths")
            .and_then(|p| p.get("/v1/users"))
            .and_then(|p| p.get("get"))
            .unwrap();
        expect_test::expect![[r#"[{"name":"page_size","in":"query","required":false,"schema":{"type":"integer","format":"int32"}},{"name":"filter","in":"query","required":false,"schema":{"type":"string"}}]"#]]
            .assert_eq(&list.get("parameters").unwrap().to_compact());
        let user = doc
            .get("components")
            .and_then(|c| c.get("schemas"))
            .and_then(|s| s.get("user.v1.User"))
            .unwrap();
        expect_test::expect![[r#"{"type":"object","properties":{"id":{"type":"string"},"name":{"type":"string"},"email":{"type":"string"},"age":{"type":"integer","format":"int32"},"role":{"type":"string","enum":["ROLE_UNSPECIFIED","ROLE_MEMBER","ROLE_ADMIN"]},"tags":{"type":"array","items":{"type":"string"}}}}"#]]
            .assert_eq(&user.to_compact());
    }

    #[test]
    fn every_form_is_described_or_skipped() {
        let doc = document(&kinds());
        assert_eq!(
            doc.get("x-goscope-skipped").unwrap().to_compact(),
            r#"["REPORT /v1/all/{i32}/report (Put)"]"#
        );
        let read = doc
            .get("paths")
            .and_then(|p| p.get("/v1/{shelf.name}/files/{path}:read"))
            .unwrap();
        assert!(read.to_compact().contains(r#""operationId":"Kinds_Read""#));
        let put1 = doc.get("paths").and_then(|p| p.get("/v1/all:put")).unwrap();
        assert!(put1.to_compact().contains(r#""operationId":"Kinds_Put_1""#));
    }
}
