//! Bad input never panics the API lab: random and mutated text through every entry point
//! that takes user input — the contract compiler, JSON, path templates, the transcoder, the
//! server (REST and gRPC bytes), and the JWT verifier. Each must answer (an error is fine).

use proptest::prelude::*;
use services::api::server::{Request, Server};
use services::api::{Contract, PathTemplate, USER_PROTO, json, jwt, transcode};

/// Text built from the characters these parsers care about.
fn noisy() -> impl Strategy<Value = String> {
    proptest::collection::vec(
        prop_oneof![
            Just("{"),
            Just("}"),
            Just("["),
            Just("]"),
            Just("\""),
            Just(":"),
            Just(","),
            Just("/"),
            Just("*"),
            Just("**"),
            Just("="),
            Just("."),
            Just("%"),
            Just("%2F"),
            Just("?"),
            Just("&"),
            Just("id"),
            Just("user"),
            Just("1"),
            Just("-"),
            Just("e9"),
            Just("\\u"),
            Just(" "),
            Just("\n"),
            Just("é"),
            Just("rpc"),
            Just("message"),
            Just(";"),
            Just("option"),
            Just("null"),
            Just("true"),
        ],
        0..40,
    )
    .prop_map(|parts| parts.concat())
}

/// The default contract with a random slice replaced by noise.
fn mutated_proto() -> impl Strategy<Value = String> {
    (0..USER_PROTO.len(), 0usize..40, noisy()).prop_map(|(at, len, noise)| {
        let at = USER_PROTO.floor_char_boundary(at);
        let end = USER_PROTO.floor_char_boundary((at + len).min(USER_PROTO.len()));
        format!("{}{}{}", &USER_PROTO[..at], noise, &USER_PROTO[end..])
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn the_compiler_answers_mutated_contracts(src in mutated_proto()) {
        match Contract::compile(&src) {
            Ok(c) => prop_assert!(!c.rpcs.is_empty()),
            Err(e) => prop_assert!(e.line >= 1 && e.col >= 1 && !e.message.is_empty()),
        }
    }

    #[test]
    fn parsers_answer_noise(text in noisy()) {
        if let Err(e) = json::parse(&text) {
            prop_assert!(e.line >= 1 && e.col >= 1);
        }
        let _ = PathTemplate::parse(&text);
        let _ = PathTemplate::parse(&format!("/{text}"));
        let _ = jwt::verify(&text, b"k", 0);
        let _ = jwt::verify(&format!("{text}.{text}.{text}"), b"k", 0);
    }

    #[test]
    fn the_server_answers_any_rest_request(path in noisy(), body in noisy(), m in 0usize..6) {
        let method = ["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"][m];
        let c = Contract::user_service();
        let _ = transcode::transcode(&c, method, &format!("/v1/{path}"), &body);
        let mut s = Server::new(c, 1);
        // No auth in the way: every request reaches the transcoder and the handler.
        s.chain.clear();
        let ex = s.handle(Request::rest(method, &format!("/v1/users/{path}"), &body), 0);
        prop_assert!(ex.end >= ex.start);
    }

    #[test]
    fn the_server_answers_any_grpc_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..64), m in 0usize..5) {
        let c = Contract::user_service();
        let path = c.rpcs[m].grpc_path();
        let (mut r, _) = Request::grpc(&c, &path, "{}").unwrap();
        r.body = bytes;
        let mut s = Server::new(c, 1);
        s.chain.clear();
        let ex = s.handle(r, 0);
        prop_assert_eq!(ex.response.status, 200);
    }
}
