//! The contract: one `.proto` file compiled in the browser, and the HTTP rules it declares.
//!
//! Chapter 3.1's "契约先行": the `.proto` is the single source of the gRPC service, the REST
//! routes and the OpenAPI document. It is compiled by protox (a protobuf compiler written in
//! Rust: parser, name resolution, option interpretation — what `protoc` does, no C++) into a
//! prost-reflect `DescriptorPool`, which gives dynamic messages for any type the learner
//! writes. The `google.api.http` option is decoded from each method's options with the pool
//! itself, because the pool knows the extension from `google/api/annotations.proto` — which
//! goscope writes itself (`proto/google/api/`), as the HTTP rule's published definition.
//!
//! Every problem is a [`ContractError`] at line:col of the learner's file: protox's own
//! diagnostics (syntax, unknown types, duplicate numbers) and the HTTP rules' (a template that
//! does not parse, a path variable naming no field, a GET with a body), the latter placed at
//! the template's string in the source.
//!
//! Invariant: compiling never panics; the same source gives the same contract (the pool's
//! order is the file's declaration order).

use std::fmt;

use prost_reflect::{DescriptorPool, FieldDescriptor, Kind, MessageDescriptor, Value};
use protox::file::{ChainFileResolver, File, FileResolver, GoogleFileResolver};

use super::path_template::PathTemplate;

/// The name the learner's file compiles under (what errors are reported against).
pub const MAIN_FILE: &str = "service.proto";
/// The default contract: the seed's `UserService` (chapter 3.1), with its CRUD siblings.
pub const USER_PROTO: &str = include_str!("proto/user/v1/user.proto");
/// `google/api/http.proto`, written for goscope.
pub const HTTP_PROTO: &str = include_str!("proto/google/api/http.proto");
/// `google/api/annotations.proto`, written for goscope.
pub const ANNOTATIONS_PROTO: &str = include_str!("proto/google/api/annotations.proto");
/// A contract larger than this is refused before compiling.
pub const MAX_SOURCE: usize = 256 * 1024;

/// A problem in the contract, at 1-based line:col of `file`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ContractError {
    pub file: String,
    pub line: usize,
    pub col: usize,
    pub message: String,
}

impl fmt::Display for ContractError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}",
            self.file, self.line, self.col, self.message
        )
    }
}

/// Where the HTTP body goes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BodyRule {
    /// No body: every unbound field is a query parameter.
    None,
    /// `body: "*"`: the body is the whole request (minus path variables); no query parameters.
    Whole,
    /// `body: "field"`: the body is that top-level field.
    Field(String),
}

/// One HTTP binding of an RPC: the primary rule or one of its `additional_bindings`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Binding {
    /// `GET`, `POST`, ... (a custom rule's kind, upper-cased).
    pub method: String,
    pub template: PathTemplate,
    pub body: BodyRule,
    /// `response_body`: the output field sent as the HTTP body instead of the whole message.
    pub response_body: Option<String>,
    /// 0 for the primary rule, `k` for the k-th additional binding.
    pub index: usize,
}

/// One RPC of the contract.
#[derive(Clone, Debug)]
pub struct Rpc {
    /// The service's full name (`user.v1.UserService`).
    pub service: String,
    pub name: String,
    pub input: MessageDescriptor,
    pub output: MessageDescriptor,
    pub client_streaming: bool,
    pub server_streaming: bool,
    pub bindings: Vec<Binding>,
}

impl Rpc {
    /// The gRPC `:path`: `/user.v1.UserService/GetUser`.
    pub fn grpc_path(&self) -> String {
        format!("/{}/{}", self.service, self.name)
    }
}

/// A compiled contract.
#[derive(Clone, Debug)]
pub struct Contract {
    pub source: String,
    pub pool: DescriptorPool,
    pub package: String,
    pub rpcs: Vec<Rpc>,
}

/// Serves the learner's file and goscope's annotation files to protox.
struct Sources {
    main: String,
}

impl FileResolver for Sources {
    fn open_file(&self, name: &str) -> Result<File, protox::Error> {
        match name {
            MAIN_FILE => File::from_source(name, &self.main),
            "google/api/http.proto" => File::from_source(name, HTTP_PROTO),
            "google/api/annotations.proto" => File::from_source(name, ANNOTATIONS_PROTO),
            _ => Err(protox::Error::file_not_found(name)),
        }
    }
}

/// 1-based line and column (in characters) of byte `offset` in `text`.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..text.floor_char_boundary(offset.min(text.len()))];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
    (line, col)
}

impl Contract {
    /// Compiles `source` as [`MAIN_FILE`].
    pub fn compile(source: &str) -> Result<Contract, ContractError> {
        let at = |offset: usize, message: String| {
            let (line, col) = line_col(source, offset);
            ContractError {
                file: MAIN_FILE.to_string(),
                line,
                col,
                message,
            }
        };
        if source.len() > MAX_SOURCE {
            return Err(at(
                0,
                format!(
                    "the contract is {} bytes; the limit is {MAX_SOURCE}",
                    source.len()
                ),
            ));
        }
        let mut chain = ChainFileResolver::new();
        chain.add(Sources {
            main: source.to_string(),
        });
        chain.add(GoogleFileResolver::new());
        let mut compiler = protox::Compiler::with_file_resolver(chain);
        compiler.include_imports(true);
        if let Err(e) = compiler.open_file(MAIN_FILE) {
            use miette::Diagnostic;
            let offset = e.labels().and_then(|mut l| l.next()).map(|l| l.offset());
            let file = e.file().unwrap_or(MAIN_FILE).to_string();
            let (line, col) = match offset {
                Some(o) if file == MAIN_FILE => line_col(source, o),
                _ => (1, 1),
            };
            return Err(ContractError {
                file,
                line,
                col,
                message: e.to_string(),
            });
        }
        let pool = compiler.descriptor_pool();
        let Some(file) = pool.get_file_by_name(MAIN_FILE) else {
            return Err(at(0, "the compiler produced no descriptor".into()));
        };
        let http = pool.get_extension_by_name("google.api.http");
        let mut rpcs = Vec::new();
        let mut search_from = 0;
        for service in file.services() {
            for method in service.methods() {
                let rpc_at = source[search_from..]
                    .find(&format!("rpc {}", method.name()))
                    .map_or(search_from, |i| i + search_from);
                search_from = rpc_at;
                let mut rpc = Rpc {
                    service: service.full_name().to_string(),
                    name: method.name().to_string(),
                    input: method.input(),
                    output: method.output(),
                    client_streaming: method.is_client_streaming(),
                    server_streaming: method.is_server_streaming(),
                    bindings: Vec::new(),
                };
                if let Some(ext) = &http {
                    let options = method.options();
                    if options.has_extension(ext)
                        && let Value::Message(rule) = &*options.get_extension(ext)
                    {
                        let place = |template: &str| {
                            source[rpc_at..]
                                .find(&format!("\"{template}\""))
                                .map_or(rpc_at, |i| i + rpc_at + 1)
                        };
                        rpc.bindings = read_rule(&rpc, rule, 0, &place)
                            .map_err(|(offset, message)| at(offset, message))?;
                    }
                }
                rpcs.push(rpc);
            }
        }
        if rpcs.is_empty() {
            return Err(at(0, "the contract declares no service with an rpc".into()));
        }
        Ok(Contract {
            source: source.to_string(),
            package: file.package_name().to_string(),
            pool,
            rpcs,
        })
    }

    /// The default contract (always compiles).
    pub fn user_service() -> Contract {
        match Contract::compile(USER_PROTO) {
            Ok(c) => c,
            Err(e) => unreachable!("the default contract does not compile: {e}"),
        }
    }

    /// An RPC by its gRPC path (`/pkg.Service/Method`).
    pub fn rpc_by_path(&self, path: &str) -> Option<&Rpc> {
        self.rpcs.iter().find(|r| r.grpc_path() == path)
    }

    /// An RPC by its method name.
    pub fn rpc(&self, name: &str) -> Option<&Rpc> {
        self.rpcs.iter().find(|r| r.name == name)
    }
}

type RuleError = (usize, String);

/// Reads one `HttpRule` (and its additional bindings) of `rpc`; `place` finds a template's
/// offset in the source.
fn read_rule(
    rpc: &Rpc,
    rule: &prost_reflect::DynamicMessage,
    index: usize,
    place: &dyn Fn(&str) -> usize,
) -> Result<Vec<Binding>, RuleError> {
    let text = |name: &str| {
        rule.get_field_by_name(name)
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default()
    };
    let mut pattern = None;
    for verb in ["get", "put", "post", "delete", "patch"] {
        if rule.has_field_by_name(verb) {
            pattern = Some((verb.to_ascii_uppercase(), text(verb)));
        }
    }
    if let Some(custom) = rule.get_field_by_name("custom")
        && let Some(c) = custom.as_message()
        && rule.has_field_by_name("custom")
    {
        let kind = c
            .get_field_by_name("kind")
            .and_then(|v| v.as_str().map(str::to_ascii_uppercase))
            .unwrap_or_default();
        let path = c
            .get_field_by_name("path")
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default();
        pattern = Some((kind, path));
    }
    let Some((method, path)) = pattern else {
        return Err((
            place(""),
            format!(
                "rpc {}: the google.api.http rule needs one of get, put, post, delete, patch or custom",
                rpc.name
            ),
        ));
    };
    let offset = place(&path);
    let fail = |message: String| Err((offset, format!("rpc {}: {message}", rpc.name)));
    let template = match PathTemplate::parse(&path) {
        Ok(t) => t,
        Err(e) => {
            return Err((
                offset + e.offset,
                format!("rpc {}: {}", rpc.name, e.message),
            ));
        }
    };
    for var in template.variables() {
        if let Err(m) = resolve_scalar_path(&rpc.input, &var) {
            let at = offset + path.find(&format!("{{{var}")).unwrap_or(0);
            return Err((
                at,
                format!("rpc {}: path variable {{{var}}}: {m}", rpc.name),
            ));
        }
    }
    let body = match text("body").as_str() {
        "" => BodyRule::None,
        "*" => BodyRule::Whole,
        field => {
            match rpc.input.get_field_by_name(field) {
                Some(f) if !f.is_map() => {}
                Some(_) => return fail(format!("body \"{field}\" is a map field")),
                None => {
                    return fail(format!(
                        "body \"{field}\": no field \"{field}\" in {}",
                        rpc.input.full_name()
                    ));
                }
            }
            BodyRule::Field(field.to_string())
        }
    };
    if method == "GET" && body != BodyRule::None {
        return fail("a GET binding must not have a body".into());
    }
    let response_body = match text("response_body").as_str() {
        "" => None,
        field => {
            if rpc.output.get_field_by_name(field).is_none() {
                return fail(format!(
                    "response_body \"{field}\": no field \"{field}\" in {}",
                    rpc.output.full_name()
                ));
            }
            Some(field.to_string())
        }
    };
    let mut bindings = vec![Binding {
        method,
        template,
        body,
        response_body,
        index,
    }];
    if let Some(list) = rule.get_field_by_name("additional_bindings")
        && let Some(items) = list.as_list()
    {
        for item in items {
            let Some(inner) = item.as_message() else {
                continue;
            };
            if index > 0 {
                return fail("additional_bindings must not nest".into());
            }
            let next = bindings.len();
            bindings.extend(read_rule(rpc, inner, next, place)?);
        }
    }
    Ok(bindings)
}

/// Resolves a dotted field path to a singular scalar field, through singular message fields.
pub fn resolve_scalar_path(
    message: &MessageDescriptor,
    path: &str,
) -> Result<Vec<FieldDescriptor>, String> {
    let mut fields = Vec::new();
    let mut current = message.clone();
    let parts: Vec<&str> = path.split('.').collect();
    for (i, part) in parts.iter().enumerate() {
        let Some(field) = current.get_field_by_name(part) else {
            return Err(format!("no field \"{part}\" in {}", current.full_name()));
        };
        let last = i + 1 == parts.len();
        if field.is_list() || field.is_map() {
            return Err(format!("field \"{part}\" is repeated"));
        }
        match field.kind() {
            Kind::Message(m) if !last => current = m,
            Kind::Message(_) => {
                return Err(format!("field \"{part}\" is a message, not a scalar"));
            }
            _ if !last => return Err(format!("field \"{part}\" is not a message")),
            _ => {}
        }
        fields.push(field);
    }
    Ok(fields)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(src: &str) -> String {
        Contract::compile(src).unwrap_err().to_string()
    }

    const HEAD: &str = "syntax = \"proto3\";\npackage t;\nimport \"google/api/annotations.proto\";\nmessage R { string id = 1; S s = 2; repeated string tags = 3; }\nmessage S { string id = 1; }\n";

    #[test]
    fn the_default_contract_compiles_with_its_rules() {
        let c = Contract::user_service();
        let lines: Vec<String> = c
            .rpcs
            .iter()
            .flat_map(|r| {
                r.bindings.iter().map(move |b| {
                    format!(
                        "{} {} {} body={:?}",
                        r.grpc_path(),
                        b.method,
                        b.template,
                        b.body
                    )
                })
            })
            .collect();
        expect_test::expect![[r#"
            /user.v1.UserService/GetUser GET /v1/users/{id} body=None
            /user.v1.UserService/GetUser POST /v1/users:search body=Whole
            /user.v1.UserService/ListUsers GET /v1/users body=None
            /user.v1.UserService/CreateUser POST /v1/users body=Field("user")
            /user.v1.UserService/UpdateUser PATCH /v1/users/{user.id} body=Field("user")
            /user.v1.UserService/DeleteUser DELETE /v1/users/{id} body=None"#]]
        .assert_eq(&lines.join("\n"));
    }

    #[test]
    fn syntax_and_type_errors_are_placed() {
        assert_eq!(
            err("syntax = \"proto3\";\nmessage A {\n  string a = 1\n}\n"),
            "service.proto:4:1: expected ';' or '[', but found '}'"
        );
        assert_eq!(
            err("syntax = \"proto3\";\nmessage A {\n  Missing a = 1;\n}\n"),
            "service.proto:3:3: name 'Missing' is not defined"
        );
        assert_eq!(
            err("syntax = \"proto3\";\nmessage A { string a = 1; }\n"),
            "service.proto:1:1: the contract declares no service with an rpc"
        );
    }

    #[test]
    fn http_rule_errors_are_placed_at_the_template() {
        let svc = |rule: &str| {
            format!(
                "{HEAD}service X {{\n  rpc M(R) returns (S) {{\n    option (google.api.http) = {{ {rule} }};\n  }}\n}}\n"
            )
        };
        assert_eq!(
            err(&svc("get: \"/v1/{idx}\"")),
            "service.proto:8:44: rpc M: path variable {idx}: no field \"idx\" in t.R"
        );
        assert_eq!(
            err(&svc("get: \"/v1/{tags}\"")),
            "service.proto:8:44: rpc M: path variable {tags}: field \"tags\" is repeated"
        );
        assert_eq!(
            err(&svc("get: \"/v1/x\" body: \"*\"")),
            "service.proto:8:40: rpc M: a GET binding must not have a body"
        );
        assert_eq!(
            err(&svc("post: \"/v1/x\" body: \"nope\"")),
            "service.proto:8:41: rpc M: body \"nope\": no field \"nope\" in t.R"
        );
        assert_eq!(
            err(&svc("get: \"/v1/**/x\"")),
            "service.proto:8:41: rpc M: '**' must be the last segment of a path template"
        );
        assert_eq!(
            err(&svc(
                "get: \"/v1/{s.id}\" additional_bindings { get: \"/x\" additional_bindings { get: \"/y\" } }"
            )),
            "service.proto:8:80: rpc M: additional_bindings must not nest"
        );
    }
}
