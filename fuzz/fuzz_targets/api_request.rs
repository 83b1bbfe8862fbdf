//! The API lab's request path on arbitrary input: REST requests (any method, target, query
//! and JSON body) transcoded against the seed's `UserService`, gRPC calls from arbitrary
//! message JSON, raw gRPC bodies (broken framing, bad protobuf), and a contract edited into
//! arbitrary proto text. Every input must end in a response or a clear error — never a panic.
//! Also: JSON parsing, and the same request on a fresh server with the same seed gives the
//! same exchange (determinism).
#![no_main]

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use services::api::event::Protocol;
use services::api::server::{Request, Server};
use services::api::{Contract, json};

#[derive(Arbitrary, Debug)]
enum Input {
    Rest {
        method: u8,
        target: String,
        body: String,
        headers: Vec<(String, String)>,
    },
    Grpc {
        method: u8,
        message: String,
    },
    RawGrpc {
        method: u8,
        body: Vec<u8>,
    },
    Proto {
        text: String,
        target: String,
        body: String,
    },
    Json(String),
}

const METHODS: [&str; 7] = ["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "HEAD"];

fn both(contract: &Contract, request: Request) {
    let a = Server::new(contract.clone(), 7).handle(request.clone(), 0);
    let b = Server::new(contract.clone(), 7).handle(request, 0);
    assert_eq!(
        format!("{a:?}"),
        format!("{b:?}"),
        "same request, same seed, different exchange"
    );
}

fuzz_target!(|input: Input| {
    let contract = Contract::user_service();
    let paths: Vec<String> = contract.rpcs.iter().map(|r| r.grpc_path()).collect();
    match input {
        Input::Rest {
            method,
            target,
            body,
            headers,
        } => {
            let mut request =
                Request::rest(METHODS[method as usize % METHODS.len()], &target, &body);
            for (k, v) in headers.into_iter().take(8) {
                request = request.with_header(&k, &v);
            }
            both(&contract, request);
        }
        Input::Grpc { method, message } => {
            let path = &paths[method as usize % paths.len()];
            if let Ok((request, _encoded)) = Request::grpc(&contract, path, &message) {
                both(&contract, request);
            }
        }
        Input::RawGrpc { method, body } => {
            let path = &paths[method as usize % paths.len()];
            let request = Request {
                protocol: Protocol::Grpc,
                method: "POST".into(),
                target: path.clone(),
                headers: vec![("content-type".into(), "application/grpc".into())],
                body,
            };
            both(&contract, request);
        }
        Input::Proto { text, target, body } => {
            if let Ok(edited) = Contract::compile(&text) {
                both(&edited, Request::rest("POST", &target, &body));
            }
        }
        Input::Json(text) => {
            if let Ok(j) = json::parse(&text) {
                // What parses must print and parse back to the same value.
                let again = json::parse(&j.to_compact()).expect("printed JSON parses");
                assert_eq!(j, again);
            }
        }
    }
});
