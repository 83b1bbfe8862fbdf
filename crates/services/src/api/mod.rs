//! The API lab (chapters 3.1, 3.2, 4.1 and 4.4): one `.proto` contract served as REST and
//! gRPC by an in-memory mock, behind an editable middleware onion, observed through
//! Prometheus metrics, slog-style logs and trace spans, and broken on purpose by chaos
//! experiments under a load generator.
//!
//! The request path, which the page shows step by step:
//!
//! ```text
//! REST: GET /v1/users/1 ──routes──▶ binding ──transcode──▶ request message ─┐
//! gRPC: :path /user.v1.UserService/GetUser + 5-byte frame ──decode──────────┤
//!                                                                           ▼
//!   middleware onion (request id ▸ tracing ▸ logging ▸ recovery ▸ rate limit ▸ CORS ▸ JWT)
//!                                                                           ▼
//!                  mock handler (in-memory store, canned responses, rules, chaos)
//!                                                                           ▼
//!   response message ──▶ JSON (REST, status via the gRPC→HTTP table) or frame + trailers
//! ```
//!
//! Codemap: `contract.rs` (protox compile, HTTP rules, errors at line:col), `path_template.rs`,
//! `json.rs` (JSON text with positions), `json_map.rs` (the proto3 JSON mapping), `routes.rs`
//! and `transcode.rs` (HttpRule transcoding), `wire.rs` (protobuf binary encoding, annotated),
//! `grpc.rs` (framing, status codes and the HTTP table), `openapi.rs`.
//!
//! # Architecture invariants
//!
//! - Deterministic: time is a virtual clock in microseconds; every random draw (ids, jitter,
//!   chaos) is a labelled [`sim::Chooser`] choice; no hash map decides any output (prost-reflect
//!   keeps map fields in a `HashMap`, so every printer here sorts map entries by key).
//! - Bad input never panics: a contract, a path, a body or a token that does not make sense
//!   gets an error that says where and why.
//! - No DOM, no I/O: `crates/app` renders these types.

pub mod chaos;
pub mod contract;
pub mod event;
pub mod grpc;
pub mod json;
pub mod json_map;
pub mod jwt;
pub mod load;
pub mod middleware;
pub mod mock;
pub mod observe;
pub mod openapi;
pub mod path_template;
pub mod server;
pub mod transcode;
pub mod wire;

pub use contract::{Binding, BodyRule, Contract, ContractError, Rpc, USER_PROTO};
pub use json::{Json, JsonError};
pub use path_template::PathTemplate;
/// prost-reflect, re-exported so that the page names descriptor kinds without its own dependency.
pub use prost_reflect;

/// goscope's test contract (`proto/test/kinds.proto`): every kind and every HttpRule form.
pub const KINDS_PROTO: &str = include_str!("proto/test/kinds.proto");

#[cfg(test)]
pub(crate) fn kinds() -> Contract {
    Contract::compile(KINDS_PROTO).unwrap_or_else(|e| panic!("{e}"))
}
