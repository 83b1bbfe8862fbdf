//! The server end to end: REST and gRPC through the default chain, and the effects of the
//! middlewares' order as trace snapshots.

use super::*;
use crate::api::middleware::DEFAULT_SECRET;

fn token(role: &str) -> String {
    jwt::sign(
        &jwt::claims("ada", role, EPOCH_SECONDS, 3600),
        DEFAULT_SECRET.as_bytes(),
    )
}

fn server(chain: &[&str]) -> Server {
    let mut s = Server::new(Contract::user_service(), 7);
    s.chain = chain
        .iter()
        .map(|n| Middleware::from_name(n).unwrap())
        .collect();
    s
}

fn trace(ex: &Exchange) -> String {
    ex.events.iter().map(|e| format!("{e}\n")).collect()
}

#[test]
fn rest_get_through_the_default_chain() {
    let mut s = Server::new(Contract::user_service(), 7);
    let ex = s.handle(
        Request::rest("GET", "/v1/users/1", "")
            .with_header("authorization", &format!("Bearer {}", token("member"))),
        0,
    );
    expect_test::expect![[r#"
        [     0.000ms] #1 REST GET /v1/users/1
        [     0.005ms] #1 enter request-id
        [     0.005ms] #1   request-id: X-Request-Id 60e97375261fedd8
        [     0.020ms] #1 enter tracing
        [     0.020ms] #1   tracing: no valid traceparent: new trace e59ca156ef16e6f064891e32ae60058d
        [     0.035ms] #1 enter logging
        [     0.040ms] #1 enter recovery
        [     0.045ms] #1 enter cors
        [     0.045ms] #1   cors: no Origin header: not a cross-origin request
        [     0.050ms] #1 enter rate-limit
        [     0.050ms] #1   rate-limit: token taken (19 left)
        [     0.090ms] #1 enter auth
        [     0.090ms] #1   auth: token ok: sub=ada role=member
        [     0.110ms] #1   route GET /v1/users/{id} → /user.v1.UserService/GetUser
        [     0.110ms] #1   body: none
        [     0.110ms] #1   path {id} = "1" → id = "1"
        [     0.110ms] #1   request message {"id":"1"}
        [     0.110ms] #1 handler UserService/GetUser: get User
        [     1.060ms] #1   downstream store.get User took 0.800ms
        [     1.080ms] #1   response user.v1.GetUserResponse → JSON
        [     1.085ms] #1 leave auth (200)
        [     1.090ms] #1 leave rate-limit (200)
        [     1.095ms] #1 leave cors (200)
        [     1.100ms] #1 leave recovery (200)
        [     1.105ms] #1 leave logging (200)
        [     1.110ms] #1 leave tracing (200)
        [     1.115ms] #1 leave request-id (200)
        [     1.115ms] #1 respond 200 OK after 1.115ms
    "#]]
    .assert_eq(&trace(&ex));
    expect_test::expect![[r#"
        {
          "user": {
            "id": "1",
            "name": "Ada Lovelace",
            "email": "ada@example.com",
            "age": 36,
            "role": "ROLE_ADMIN"
          }
        }"#]]
    .assert_eq(&ex.response.body_text());
    assert_eq!(s.logs.len(), 1);
    // Logging runs outside auth: the access log has no user.
    expect_test::expect![[r#"{"time":"2026-01-01T00:00:00.001Z","level":"INFO","msg":"request","request_id":"60e97375261fedd8","trace_id":"e59ca156ef16e6f064891e32ae60058d","method":"GET","path":"/v1/users/1","status":200,"duration_ms":1.105}"#]]
        .assert_eq(&s.logs[0].json());
    let w = super::super::observe::Waterfall::of(&s.spans, ex.trace_id.as_deref().unwrap());
    expect_test::expect![[r#"
        |========================================|    1.090ms GET /v1/users/{id}
        |========================================|    1.085ms   middleware logging
        |========================================|    1.065ms     middleware recovery
        |======================================= |    1.055ms       middleware cors
        |======================================= |    1.045ms         middleware rate-limit
        | ====================================== |    1.035ms           middleware auth
        |   ===================================  |    0.950ms             UserService/GetUser
        |        ==============================  |    0.800ms               store.get User
    "#]]
    .assert_eq(&w.text(40));
}

/// A compact view of one request: its middleware path and the response status.
fn path_of(ex: &Exchange) -> String {
    let mut parts = Vec::new();
    for e in &ex.events {
        match e {
            ApiEvent::Enter { mw, .. } => parts.push(format!(">{mw}")),
            ApiEvent::Leave { mw, .. } => parts.push(format!("<{mw}")),
            ApiEvent::Unwind { mw, .. } => parts.push(format!("~{mw}")),
            ApiEvent::Reject { mw, status, .. } => parts.push(format!("!{mw}={status}")),
            ApiEvent::Handler { .. } => parts.push("handler".into()),
            ApiEvent::Panic { .. } => parts.push("PANIC".into()),
            ApiEvent::Recovered { .. } => parts.push("recovered".into()),
            ApiEvent::Aborted { .. } => parts.push("DROPPED".into()),
            ApiEvent::Respond { status, code, .. } => parts.push(format!("→ {status} {code}")),
            _ => {}
        }
    }
    parts.join(" ")
}

fn logs(s: &Server) -> String {
    s.logs.iter().map(|l| format!("{}\n", l.json())).collect()
}

#[test]
fn auth_before_or_after_logging() {
    // Logging outside auth: the rejected request is in the access log (WARN, 401).
    let mut a = server(&["request-id", "logging", "auth"]);
    let ex = a.handle(Request::rest("GET", "/v1/users/1", ""), 0);
    expect_test::expect![
        "
        >request-id >logging >auth !auth=401 <auth <logging <request-id → 401 UNAUTHENTICATED"
    ]
    .assert_eq(&path_of(&ex));
    expect_test::expect![[r#"
        {"time":"2026-01-01T00:00:00.000Z","level":"WARN","msg":"request","request_id":"60e97375261fedd8","method":"GET","path":"/v1/users/1","status":401,"duration_ms":0.070}
    "#]]
    .assert_eq(&logs(&a));
    // Auth outside logging: the attacker's request never reaches the log.
    let mut b = server(&["request-id", "auth", "logging"]);
    let ex = b.handle(Request::rest("GET", "/v1/users/1", ""), 0);
    expect_test::expect![">request-id >auth !auth=401 <auth <request-id → 401 UNAUTHENTICATED"]
        .assert_eq(&path_of(&ex));
    assert_eq!(logs(&b), "");
    // With a valid token and logging inside auth, the log line names the user.
    let ok = Request::rest("GET", "/v1/users/1", "")
        .with_header("authorization", &format!("Bearer {}", token("member")));
    b.handle(ok, 10_000);
    assert!(logs(&b).contains(r#""user":"ada""#), "{}", logs(&b));
}

#[test]
fn logging_sees_the_trace_only_inside_tracing() {
    let mut outside = server(&["logging", "tracing"]);
    outside.handle(Request::rest("GET", "/v1/users/2", ""), 0);
    let mut inside = server(&["tracing", "logging"]);
    inside.handle(Request::rest("GET", "/v1/users/2", ""), 0);
    assert!(!logs(&outside).contains("trace_id"), "{}", logs(&outside));
    assert!(logs(&inside).contains("trace_id"), "{}", logs(&inside));
    // An incoming traceparent is continued, not replaced.
    let tp = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
    let ex = inside.handle(
        Request::rest("GET", "/v1/users/2", "").with_header("traceparent", tp),
        10_000,
    );
    assert_eq!(
        ex.trace_id.as_deref(),
        Some("4bf92f3577b34da6a3ce929d0e0e4736")
    );
    let root = inside
        .spans
        .iter()
        .find(|s| s.trace_id == "4bf92f3577b34da6a3ce929d0e0e4736" && s.name.starts_with("GET"))
        .unwrap();
    assert_eq!(root.parent.as_deref(), Some("00f067aa0ba902b7"));
}

#[test]
fn a_panic_with_and_without_recovery() {
    use crate::api::chaos::{Fault, Scope, Target};
    let panic = Experiment::new(
        Target::Handler,
        Fault::Panic { percent: 100 },
        Scope::Requests(1),
    );
    let mut with = server(&["logging", "tracing", "recovery"]);
    with.chaos.push(panic.clone());
    let ex = with.handle(Request::rest("GET", "/v1/users/1", ""), 0);
    expect_test::expect![">logging >tracing >recovery handler PANIC recovered <recovery <tracing <logging → 500 INTERNAL"].assert_eq(&path_of(&ex));
    assert!(logs(&with).contains(r#""level":"ERROR","msg":"panic recovered""#));
    assert!(logs(&with).contains(r#""status":500"#));
    // Recovery outermost... and missing: the panic unwinds through logging, nothing is logged.
    let mut without = server(&["logging", "tracing"]);
    without.chaos.push(panic);
    let ex = without.handle(Request::rest("GET", "/v1/users/1", ""), 0);
    expect_test::expect![
        ">logging >tracing handler PANIC ~tracing ~logging DROPPED → 0 UNAVAILABLE"
    ]
    .assert_eq(&path_of(&ex));
    assert_eq!(logs(&without), "");
    assert!(without.spans.iter().all(|s| s.error.is_some()));
    assert!(
        without
            .metrics
            .exposition()
            .contains("http_requests_total{method=\"GET\",status=\"0\"} 1")
    );
}

#[test]
fn cors_must_come_before_auth() {
    let preflight = || {
        Request::rest("OPTIONS", "/v1/users/1", "")
            .with_header("origin", "https://app.example.com")
            .with_header("access-control-request-method", "DELETE")
    };
    let mut good = server(&["cors", "auth"]);
    let ex = good.handle(preflight(), 0);
    expect_test::expect![">cors !cors=204 <cors → 204 OK"].assert_eq(&path_of(&ex));
    assert!(
        ex.response
            .head()
            .contains("access-control-allow-origin: https://app.example.com")
    );
    let mut bad = server(&["auth", "cors"]);
    let ex = bad.handle(preflight(), 0);
    expect_test::expect![">auth !auth=401 <auth → 401 UNAUTHENTICATED"].assert_eq(&path_of(&ex));
    let evil = Request::rest("OPTIONS", "/v1/users/1", "")
        .with_header("origin", "https://evil.example")
        .with_header("access-control-request-method", "GET");
    assert_eq!(good.handle(evil, 1_000).response.status, 403);
}

#[test]
fn jwt_accept_and_reject_through_the_chain() {
    let mut s = server(&["auth"]);
    let secret = DEFAULT_SECRET.as_bytes();
    let claims = |role: &str, ttl: i64| jwt::claims("ada", role, EPOCH_SECONDS, ttl);
    let cases: Vec<(&str, Option<String>, &str)> = vec![
        ("missing header", None, "GET"),
        ("not bearer", Some("Basic YWRhOnB3".into()), "GET"),
        (
            "alg none",
            Some(format!(
                "Bearer {}",
                jwt::forge_unsigned(&claims("admin", 60))
            )),
            "GET",
        ),
        (
            "other key",
            Some(format!(
                "Bearer {}",
                jwt::sign(&claims("admin", 60), b"guess")
            )),
            "GET",
        ),
        (
            "expired",
            Some(format!(
                "Bearer {}",
                jwt::sign(&claims("admin", -1), secret)
            )),
            "GET",
        ),
        (
            "member deletes",
            Some(format!(
                "Bearer {}",
                jwt::sign(&claims("member", 60), secret)
            )),
            "DELETE",
        ),
        (
            "member reads",
            Some(format!(
                "Bearer {}",
                jwt::sign(&claims("member", 60), secret)
            )),
            "GET",
        ),
        (
            "admin deletes",
            Some(format!(
                "Bearer {}",
                jwt::sign(&claims("admin", 60), secret)
            )),
            "DELETE",
        ),
    ];
    let mut out = String::new();
    for (i, (name, auth, method)) in cases.into_iter().enumerate() {
        let mut r = Request::rest(method, "/v1/users/2", "");
        if let Some(a) = auth {
            r = r.with_header("authorization", &a);
        }
        let ex = s.handle(r, i as u64 * 1000);
        out.push_str(&format!(
            "{name}: {} {} {}\n",
            ex.response.status, ex.response.code, ex.response.message
        ));
    }
    expect_test::expect![[r#"
        missing header: 401 UNAUTHENTICATED missing Authorization header
        not bearer: 401 UNAUTHENTICATED Authorization header is not "Bearer <token>"
        alg none: 401 UNAUTHENTICATED token is unverifiable: 'none' signature type is not allowed
        other key: 401 UNAUTHENTICATED token signature is invalid: signature is invalid
        expired: 401 UNAUTHENTICATED token has invalid claims: token is expired (exp 1767225599, now 1767225600, 1s ago)
        member deletes: 403 PERMISSION_DENIED DeleteUser requires role admin; ada has role "member"
        member reads: 200 OK 
        admin deletes: 200 OK 
    "#]]
    .assert_eq(&out);
}

#[test]
fn grpc_call_on_the_wire() {
    let mut s = server(&["request-id"]);
    let c = s.contract.clone();
    let (req, enc) = Request::grpc(&c, "/user.v1.UserService/GetUser", r#"{"id": "2"}"#).unwrap();
    assert_eq!(wire::hex(&req.body), "00 00 00 00 03 0a 01 32");
    assert_eq!(
        enc.annotated(),
        "0000  0a 01 32                             1 LEN id = \"2\"\n"
    );
    let ex = s.handle(req, 0);
    expect_test::expect![[r#"
        :method: POST
        :scheme: http
        :path: /user.v1.UserService/GetUser
        content-type: application/grpc
        te: trailers
    "#]]
    .assert_eq(&ex.request.head());
    assert_eq!(ex.response.status, 200);
    assert_eq!(ex.response.trailers[0], ("grpc-status".into(), "0".into()));
    let frame = &ex.response.body;
    assert_eq!(frame[0], 0);
    let len = u32::from_be_bytes([frame[1], frame[2], frame[3], frame[4]]) as usize;
    assert_eq!(len + 5, frame.len());
    assert_eq!(&frame[5..], &ex.response_wire.as_ref().unwrap().bytes[..]);
    // Errors travel in trailers, HTTP status stays 200.
    let (missing, _) =
        Request::grpc(&c, "/user.v1.UserService/GetUser", r#"{"id": "42"}"#).unwrap();
    let ex = s.handle(missing, 10_000);
    assert_eq!(
        (ex.response.status, ex.response.code),
        (200, Code::NotFound)
    );
    assert_eq!(
        ex.response.trailers[1],
        ("grpc-message".into(), "user \"42\" not found".into())
    );
    // The same over REST: 404 with grpc-gateway's status body.
    let ex = s.handle(Request::rest("GET", "/v1/users/42", ""), 20_000);
    assert_eq!(ex.response.status, 404);
    assert_eq!(
        json::parse(&ex.response.body_text()).unwrap().to_compact(),
        r#"{"code":5,"message":"user \"42\" not found","details":[]}"#
    );
}

#[test]
fn bad_input_gets_clear_errors() {
    let mut s = server(&["recovery"]);
    let c = s.contract.clone();
    let mut out = String::new();
    let mut send = |r: Request, out: &mut String| {
        let ex = s.handle(r, 0);
        out.push_str(&format!(
            "{} {}: {}\n",
            ex.response.status, ex.response.code, ex.response.message
        ));
    };
    send(
        Request::rest("POST", "/v1/users", r#"{"name": "Ada",}"#),
        &mut out,
    );
    send(
        Request::rest("POST", "/v1/users", r#"{"name": 5}"#),
        &mut out,
    );
    send(Request::rest("GET", "/v2/users", ""), &mut out);
    send(Request::rest("PUT", "/v1/users/1", "{}"), &mut out);
    send(
        Request::rest(
            "POST",
            "/v1/users",
            &format!("{{\"name\": \"{}\"}}", "x".repeat(70_000)),
        ),
        &mut out,
    );
    let (mut g, _) = Request::grpc(&c, "/user.v1.UserService/GetUser", "{}").unwrap();
    g.target = "/user.v1.UserService/GetUsr".into();
    send(g.clone(), &mut out);
    g.target = "/user.v2.Nope/GetUser".into();
    send(g.clone(), &mut out);
    g.target = "/user.v1.UserService/GetUser".into();
    g.body = vec![0, 0, 0, 0, 9, 0x0a];
    send(g.clone(), &mut out);
    g.body = vec![0, 0, 0, 0, 2, 0x0a, 0x05];
    send(g.clone(), &mut out);
    g.body = vec![0, 0, 0x48, 0, 1];
    send(g, &mut out);
    expect_test::expect![[r#"
        400 INVALID_ARGUMENT: malformed JSON body at 1:16: expected a string key
        400 INVALID_ARGUMENT: user.name: expected a string, got a number
        404 NOT_FOUND: Not Found: no route matches GET /v2/users
        405 UNIMPLEMENTED: Method Not Allowed: PUT /v1/users/1 (allowed: GET, PATCH, DELETE)
        413 RESOURCE_EXHAUSTED: http: request body too large (70012 bytes > 65536)
        200 UNIMPLEMENTED: unknown method GetUsr for service user.v1.UserService
        200 UNIMPLEMENTED: unknown service user.v2.Nope
        200 INTERNAL: grpc: truncated frame: 1 bytes, the prefix wants 9
        200 INTERNAL: grpc: error unmarshalling request: failed to decode Protobuf message: buffer underflow
        200 RESOURCE_EXHAUSTED: grpc: received message larger than max (4718593 vs. 4194304)
    "#]]
    .assert_eq(&out);
    assert!(
        Request::grpc(&c, "/user.v1.UserService/GetUser", "{\"id\": 1}")
            .unwrap_err()
            .contains("id: expected a string")
    );
}

#[test]
fn the_rate_limiter_answers_429_past_the_burst() {
    let mut s = server(&[]);
    s.chain = vec![Middleware::RateLimit {
        per_second: 20,
        burst: 10,
    }];
    let statuses: Vec<u16> = (0..12)
        .map(|i| {
            s.handle(Request::rest("GET", "/v1/users/1", ""), i * 1000)
                .response
                .status
        })
        .collect();
    assert_eq!(
        statuses,
        [200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 429, 429]
    );
    // 20/s refills one token every 50 ms.
    assert_eq!(
        s.handle(Request::rest("GET", "/v1/users/1", ""), 70_000)
            .response
            .status,
        200
    );
    let ex = s.handle(Request::rest("GET", "/v1/users/1", ""), 70_000);
    assert!(ex.response.head().contains("retry-after: 1"));
}

#[test]
fn history_is_bounded_metrics_are_not() {
    let mut s = server(&["tracing", "logging"]);
    for i in 0..(MAX_LOGS as u64 + 10) {
        s.handle(Request::rest("GET", "/v1/users/1", ""), i * 2_000);
    }
    assert_eq!(s.logs.len(), MAX_LOGS);
    assert!(s.events.len() <= MAX_EVENTS && s.spans.len() <= MAX_SPANS);
    // The newest are kept: the last log line is the last request's.
    assert_eq!(s.logs.last().unwrap().req, MAX_LOGS as u64 + 10);
    let n = MAX_LOGS + 10;
    assert!(s.metrics.exposition().contains(&format!(
        "http_requests_total{{method=\"GET\",status=\"200\"}} {n}"
    )));
}
