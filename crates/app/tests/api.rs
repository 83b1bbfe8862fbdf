//! Browser tests of the API lab (`#/labs/api`), mounted as its lazily loaded module mounts it:
//! edit the proto, add an RPC, send a REST request to it and see the response; a bad proto
//! shows its error at line:col; gRPC shows the frame and trailers.
//! Run: `CHROMEDRIVER=/usr/bin/chromedriver cargo test -p app --target wasm32-unknown-unknown --test api`.

mod common;

use common::Mounted;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

async fn lab() -> Mounted {
    let m = Mounted::lab::<app::labs::api::ApiLab>().await;
    m.wait_until("the lab", |m| m.find("api-send").is_some())
        .await;
    m
}

/// The RPC added inside the service, and its messages added at the end of the file.
const NEW_RPC: &str = "\n  rpc CountUsers(CountUsersRequest) returns (CountUsersResponse) {\n    option (google.api.http) = { get: \"/v1/users:count\" };\n  }";
const NEW_MESSAGES: &str =
    "\nmessage CountUsersRequest {}\n\nmessage CountUsersResponse {\n  int32 total = 1;\n}\n";

#[wasm_bindgen_test]
async fn edit_the_proto_add_an_rpc_and_call_it_over_rest() {
    let m = lab().await;
    assert!(m.text_of("api-proto-ok").contains("5 RPCs"));
    // Add an RPC at the end of the service.
    let proto: web_sys::HtmlTextAreaElement = m.get("api-proto").dyn_into().unwrap();
    let source = proto.value();
    let at = source
        .find("\n}\n\nenum Role")
        .expect("the service's closing brace");
    let edited = format!("{}{NEW_RPC}{}{NEW_MESSAGES}", &source[..at], &source[at..]);
    m.input("api-proto", &edited);
    m.wait_until("the new contract", |m| {
        m.text_of("api-proto-ok").contains("6 RPCs")
    })
    .await;
    assert!(m.text_of("api-routes").contains("/v1/users:count"));
    // Send it as REST.
    m.change("api-method", "GET");
    m.input("api-target", "/v1/users:count");
    m.click("api-send");
    m.wait_until("the response", |m| {
        m.text_of("api-response").contains("\"total\"")
    })
    .await;
    let response = m.text_of("api-response");
    assert!(response.contains("HTTP 200 OK"), "{response}");
    assert!(response.contains("\"total\": 2"), "{response}");
    assert!(
        m.text_of("api-steps")
            .contains("route GET /v1/users:count → /user.v1.UserService/CountUsers")
    );
    assert!(m.text_of("api-events").contains("enter auth"));
    assert!(
        m.text_of("api-metrics")
            .contains("http_requests_total{method=\"GET\",status=\"200\"} 1")
    );
    assert!(
        m.find("api-waterfall").is_some(),
        "the request's trace is shown"
    );
}

#[wasm_bindgen_test]
async fn a_broken_proto_shows_line_and_column() {
    let m = lab().await;
    m.input(
        "api-proto",
        "syntax = \"proto3\";\nmessage A {\n  string a = 1\n}\n",
    );
    m.wait_until("the error", |m| m.find("api-proto-error").is_some())
        .await;
    assert_eq!(
        m.text_of("api-proto-error"),
        "service.proto:4:1: expected ';' or '[', but found '}'"
    );
    // The last good contract keeps serving.
    m.click("api-send");
    m.wait_until("the response", |m| {
        m.text_of("api-status").contains("HTTP 200")
    })
    .await;
}

#[wasm_bindgen_test]
async fn grpc_shows_the_frame_and_trailers_and_auth_rejects_alg_none() {
    let m = lab().await;
    m.change("api-protocol", "grpc");
    m.wait_until("the gRPC fields", |m| m.find("api-grpc-json").is_some())
        .await;
    m.click("api-send");
    m.wait_until("the response", |m| {
        m.text_of("api-response").contains("grpc-status: 0")
    })
    .await;
    let request = m.text_of("api-exchange");
    assert!(
        request.contains(":path: /user.v1.UserService/GetUser"),
        "{request}"
    );
    assert!(request.contains("00 | 00 00 00 03 | 0a 01 31"), "{request}");
    assert!(m.text_of("api-wire").contains("1 LEN id = \"1\""));
    // A forged unsigned token is refused with 401 semantics (gRPC: UNAUTHENTICATED).
    m.click("api-forge");
    m.click("api-send");
    m.wait_until("the rejection", |m| {
        m.text_of("api-status").contains("UNAUTHENTICATED")
    })
    .await;
    assert!(m.text_of("api-response").contains("none"));
}

#[wasm_bindgen_test]
async fn the_form_fills_the_body_of_a_create() {
    let m = lab().await;
    // Route 3 is POST /v1/users with body "user".
    m.click("api-try-3");
    m.wait_until("the form", |m| m.find("api-form-name").is_some())
        .await;
    m.change("api-form-name", "Linus");
    m.change("api-form-role", "ROLE_MEMBER");
    m.wait_until("the body", |m| {
        m.get("api-body")
            .dyn_into::<web_sys::HtmlTextAreaElement>()
            .unwrap()
            .value()
            .contains("Linus")
    })
    .await;
    m.click("api-send");
    m.wait_until("the created user", |m| {
        m.text_of("api-response").contains("\"id\": \"3\"")
    })
    .await;
    let response = m.text_of("api-response");
    assert!(response.contains("\"name\": \"Linus\""), "{response}");
    assert!(response.contains("ROLE_MEMBER"), "{response}");
}

/// Issue 11: what the learner typed survives a reload (autosave), and reset forgets it.
#[wasm_bindgen_test]
async fn the_edited_proto_survives_a_reload() {
    let edited = {
        let m = lab().await;
        let proto: web_sys::HtmlTextAreaElement = m.get("api-proto").dyn_into().unwrap();
        let edited = proto
            .value()
            .replace("service UserService", "service PeopleService");
        m.input("api-proto", &edited);
        m.wait_until("the renamed service", |m| {
            m.text_of("api-routes").contains("PeopleService")
        })
        .await;
        edited
    };
    let m = Mounted::lab_keeping_storage::<app::labs::api::ApiLab>().await;
    m.wait_until("the lab", |m| m.find("api-send").is_some())
        .await;
    let proto: web_sys::HtmlTextAreaElement = m.get("api-proto").dyn_into().unwrap();
    assert_eq!(proto.value(), edited);
    assert!(m.text_of("api-routes").contains("PeopleService"));
}

/// Issue 12: the config centre. A PUT of `rate_limit_rps` reaches the service through the
/// watcher and its next requests are limited at the new rate, with no restart; a malformed
/// value is refused with its key and reason and the old config stays.
#[wasm_bindgen_test]
async fn a_config_put_reloads_the_rate_limit_and_a_bad_value_keeps_the_old_one() {
    let m = lab().await;
    m.wait_until("the first read", |m| {
        m.text_of("config-current-rate_limit_rps") == "100"
    })
    .await;
    // rate_limit_burst = 1, then rate_limit_rps = 1: the second request in a row is limited.
    m.change("config-key", "rate_limit_burst");
    m.input("config-value", "1");
    m.click("config-put");
    m.wait_until("the burst reload", |m| {
        m.text_of("config-current-rate_limit_burst") == "1"
    })
    .await;
    m.change("config-key", "rate_limit_rps");
    m.input("config-value", "1");
    m.click("config-put");
    m.wait_until("the rate reload", |m| {
        m.text_of("config-current-rate_limit_rps") == "1"
    })
    .await;
    assert!(m.text_of("config-reply").contains("true"));
    let events = m.text_of("config-events");
    assert!(
        events.contains("config v3 swapped in: rate_limit_rps=1"),
        "{events}"
    );
    assert!(
        m.text_of("config-server")
            .contains("rate-limit 1/s burst 1")
    );
    // Two requests 250 ms apart: the first takes the only token, the second is limited.
    m.click("api-send");
    m.wait_until("the first answer", |m| {
        m.text_of("api-status").contains("HTTP 200")
    })
    .await;
    m.click("api-send");
    m.wait_until("the 429", |m| m.text_of("api-status").contains("429"))
        .await;
    assert!(
        m.text_of("api-response")
            .contains("rate limit exceeded (1/s, burst 1)")
    );
    assert!(
        m.text_of("config-events")
            .contains("service now using rate_limit_rps=1")
    );
    // A malformed value: refused, the old config kept, the error shown.
    m.input("config-value", "fast");
    m.click("config-put");
    m.wait_until("the error", |m| m.find("config-error").is_some())
        .await;
    let error = m.text_of("config-error");
    assert!(
        error.contains("config/service-a/dev/rate_limit_rps: strconv.ParseUint: parsing \"fast\": invalid syntax"),
        "{error}"
    );
    assert_eq!(m.text_of("config-current-rate_limit_rps"), "1");
    assert!(
        m.text_of("config-tree").contains("fast"),
        "the store has it"
    );
    // Another environment's key does not reach a dev service.
    m.change("config-env", "prod");
    m.input("config-value", "500");
    m.click("config-put");
    m.click("config-wait");
    assert_eq!(m.text_of("config-current-rate_limit_rps"), "1");
    // Polling: the same PUT shows up only at the next tick.
    m.change("config-mode", "polling");
    m.change("config-env", "dev");
    m.input("config-value", "7");
    m.click("config-put");
    m.wait_until("the polled reload", |m| {
        m.text_of("config-current-rate_limit_rps") == "7"
    })
    .await;
    assert!(m.text_of("config-events").contains("poll sent"));
    assert!(
        m.find("config-error").is_none(),
        "a good value clears the error"
    );
}

#[wasm_bindgen_test]
async fn a_widget_link_opens_the_lab_with_its_request_sent() {
    // What the API widget's "Open in goscope" writes: the request it shows.
    let link = app::share::lab_link(
        "api",
        &[("request".to_owned(), "GET /v1/users/2".to_owned())],
        3,
    );
    let m = Mounted::lab_at::<app::labs::api::ApiLab>(&link).await;
    m.wait_until("the lab", |m| m.find("api-send").is_some())
        .await;
    let target: web_sys::HtmlInputElement = m.get("api-target").dyn_into().unwrap();
    assert_eq!(target.value(), "/v1/users/2");
    m.wait_until("the link's request already sent", |m| {
        m.text_of("api-exchange").contains("GET /v1/users/2")
    })
    .await;
}
