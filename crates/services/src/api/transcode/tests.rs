//! Table-driven: every HttpRule form of `proto/test/kinds.proto` and of the default contract,
//! and every way a request can be refused.

use super::*;
use crate::api::kinds;

fn run(contract: &Contract, cases: &[(&str, &str, &str)]) -> String {
    let mut out = String::new();
    for (method, target, body) in cases {
        out.push_str(&format!("{method} {target} {body}\n"));
        match transcode(contract, method, target, body) {
            Ok(t) => {
                for s in &t.steps {
                    out.push_str(&format!("  {s}\n"));
                }
            }
            Err((e, _)) => {
                out.push_str(&format!("  ERROR {e}"));
                if !e.allow.is_empty() {
                    out.push_str(&format!(" [Allow: {}]", e.allow.join(", ")));
                }
                out.push('\n');
            }
        }
    }
    out
}

#[test]
fn every_http_rule_form() {
    let c = kinds();
    let cases = [
        // {field} plus query parameters: scalar, nested, repeated, enum by name.
        (
            "GET",
            "/v1/things/a%2Fb?limit=5&tags=x&tags=y+z&color=RED&nested.n=3",
            "",
        ),
        // {field=**} with a nested field path and a verb; %2F stays encoded in a multi-segment variable.
        ("GET", "/v1/shelves/s1/files/a/b%2Fc.txt:read", ""),
        ("GET", "/v1/shelves/s1/files:read", ""),
        // body "*" with a path variable overriding the body.
        (
            "PUT",
            "/v1/all/7",
            r#"{"i32": 1, "text": "hi", "packed": [1, 2]}"#,
        ),
        // additional bindings: POST with body "*", custom verb REPORT.
        ("POST", "/v1/all:put", r#"{"word": "w"}"#),
        ("REPORT", "/v1/all/9/report", ""),
        // body "field".
        (
            "PATCH",
            "/v1/things/t1?update_mask=text",
            r#"{"text": "new", "i64": "5"}"#,
        ),
        ("DELETE", "/v1/things/t1", ""),
    ];
    expect_test::expect![[r#"
        GET /v1/things/a%2Fb?limit=5&tags=x&tags=y+z&color=RED&nested.n=3 
          route GET /v1/things/{id} → /kinds.v1.Kinds/Get
          body: none
          path {id} = "a/b" → id = "a/b"
          query limit = 5
          query tags = x
          query tags = y z
          query color = RED
          query nested.n = 3
          request message {"id":"a/b","limit":5,"tags":["x","y z"],"color":"RED","nested":{"n":3}}
        GET /v1/shelves/s1/files/a/b%2Fc.txt:read 
          route GET /v1/{shelf.name=shelves/*}/files/{path=**}:read → /kinds.v1.Kinds/Read
          body: none
          path {shelf.name} = "shelves/s1" → shelf.name = "shelves/s1"
          path {path} = "a/b%2Fc.txt" → path = "a/b%2Fc.txt"
          request message {"shelf":{"name":"shelves/s1"},"path":"a/b%2Fc.txt"}
        GET /v1/shelves/s1/files:read 
          route GET /v1/{shelf.name=shelves/*}/files/{path=**}:read → /kinds.v1.Kinds/Read
          body: none
          path {shelf.name} = "shelves/s1" → shelf.name = "shelves/s1"
          path {path} = "" → path = ""
          request message {"shelf":{"name":"shelves/s1"}}
        PUT /v1/all/7 {"i32": 1, "text": "hi", "packed": [1, 2]}
          route PUT /v1/all/{i32} → /kinds.v1.Kinds/Put
          body "*" → whole message {"i32":1,"text":"hi","packed":[1,2]}
          path {i32} = "7" → i32 = 7 (overrides the body)
          request message {"i32":7,"text":"hi","packed":[1,2]}
        POST /v1/all:put {"word": "w"}
          route POST /v1/all:put → /kinds.v1.Kinds/Put (additional binding 1)
          body "*" → whole message {"word":"w"}
          request message {"word":"w"}
        REPORT /v1/all/9/report 
          route REPORT /v1/all/{i32}/report → /kinds.v1.Kinds/Put (additional binding 2)
          body: none
          path {i32} = "9" → i32 = 9
          request message {"i32":9}
        PATCH /v1/things/t1?update_mask=text {"text": "new", "i64": "5"}
          route PATCH /v1/things/{id} → /kinds.v1.Kinds/Patch
          body "thing" → field thing = {"text":"new","i64":"5"}
          path {id} = "t1" → id = "t1"
          query update_mask = text
          request message {"id":"t1","thing":{"i64":"5","text":"new"},"updateMask":"text"}
        DELETE /v1/things/t1 
          route DELETE /v1/things/{id} → /kinds.v1.Kinds/Remove
          body: none
          path {id} = "t1" → id = "t1"
          request message {"id":"t1"}
    "#]]
    .assert_eq(&run(&c, &cases));
}

#[test]
fn refused_requests_say_why() {
    let c = kinds();
    let big = format!("{{\"text\": \"{}\"}}", "x".repeat(MAX_BODY));
    let cases = [
        ("GET", "/v2/nothing", ""),
        ("POST", "/v1/things/t1", "{}"),
        ("PUT", "/v1/all/7", r#"{"i32": 1 "text": "x"}"#),
        ("PUT", "/v1/all/7", r#"{"nope": 1}"#),
        ("PUT", "/v1/all/x", "{}"),
        ("PUT", "/v1/all/7?text=a", "{}"),
        ("GET", "/v1/things/t1?unknown=1", ""),
        ("GET", "/v1/things/t1?id=2", ""),
        ("GET", "/v1/things/t1?limit=many", ""),
        ("GET", "/v1/things/t1?nested=1", ""),
        ("GET", "/v1/things/t1", "{\"a\":1}"),
        ("PATCH", "/v1/things/t1?thing.text=x", "{}"),
        ("PATCH", "/v1/things/t1", "[1]"),
        ("PUT", "/v1/all/7", big.as_str()),
    ];
    let out = run(&c, &cases).replace(&"x".repeat(MAX_BODY), "x…");
    expect_test::expect![[r#"
        GET /v2/nothing 
          ERROR 404 NOT_FOUND: Not Found: no route matches GET /v2/nothing
        POST /v1/things/t1 {}
          ERROR 405 UNIMPLEMENTED: Method Not Allowed: POST /v1/things/t1 (allowed: GET, PATCH, DELETE) [Allow: GET, PATCH, DELETE]
        PUT /v1/all/7 {"i32": 1 "text": "x"}
          ERROR 400 INVALID_ARGUMENT: malformed JSON body at 1:11: expected ',' or '}'
        PUT /v1/all/7 {"nope": 1}
          ERROR 400 INVALID_ARGUMENT: unknown field "nope" in kinds.v1.All
        PUT /v1/all/x {}
          ERROR 400 INVALID_ARGUMENT: i32: "x" is not a valid int32
        PUT /v1/all/7?text=a {}
          ERROR 400 INVALID_ARGUMENT: query parameters are not allowed: body "*" maps every field
        GET /v1/things/t1?unknown=1 
          ERROR 400 INVALID_ARGUMENT: unknown query parameter "unknown": no field "unknown" in kinds.v1.Lookup
        GET /v1/things/t1?id=2 
          ERROR 400 INVALID_ARGUMENT: query parameter "id" is already bound by the path
        GET /v1/things/t1?limit=many 
          ERROR 400 INVALID_ARGUMENT: limit: "many" is not a valid int32
        GET /v1/things/t1?nested=1 
          ERROR 400 INVALID_ARGUMENT: query parameter "nested" names a message field
        GET /v1/things/t1 {"a":1}
          ERROR 400 INVALID_ARGUMENT: GET /v1/things/{id} takes no body, but one was sent
        PATCH /v1/things/t1?thing.text=x {}
          ERROR 400 INVALID_ARGUMENT: query parameter "thing.text" is already bound by the body
        PATCH /v1/things/t1 [1]
          ERROR 400 INVALID_ARGUMENT: thing: expected an object for kinds.v1.All, got an array
        PUT /v1/all/7 {"text": "x…"}
          ERROR 413 RESOURCE_EXHAUSTED: http: request body too large (65548 bytes > 65536)
    "#]]
    .assert_eq(&out);
}

#[test]
fn the_default_contract_routes_and_maps_responses() {
    let c = Contract::user_service();
    let cases = [
        ("GET", "/v1/users/1", ""),
        ("POST", "/v1/users:search", r#"{"id": "2"}"#),
        ("GET", "/v1/users?page_size=10&filter=role%3DADMIN", ""),
        (
            "POST",
            "/v1/users",
            r#"{"name": "Ada", "role": "ROLE_ADMIN"}"#,
        ),
        ("PATCH", "/v1/users/3", r#"{"id": "9", "email": "a@b.c"}"#),
    ];
    expect_test::expect![[r#"
        GET /v1/users/1 
          route GET /v1/users/{id} → /user.v1.UserService/GetUser
          body: none
          path {id} = "1" → id = "1"
          request message {"id":"1"}
        POST /v1/users:search {"id": "2"}
          route POST /v1/users:search → /user.v1.UserService/GetUser (additional binding 1)
          body "*" → whole message {"id":"2"}
          request message {"id":"2"}
        GET /v1/users?page_size=10&filter=role%3DADMIN 
          route GET /v1/users → /user.v1.UserService/ListUsers
          body: none
          query page_size = 10
          query filter = role=ADMIN
          request message {"pageSize":10,"filter":"role=ADMIN"}
        POST /v1/users {"name": "Ada", "role": "ROLE_ADMIN"}
          route POST /v1/users → /user.v1.UserService/CreateUser
          body "user" → field user = {"name":"Ada","role":"ROLE_ADMIN"}
          request message {"user":{"name":"Ada","role":"ROLE_ADMIN"}}
        PATCH /v1/users/3 {"id": "9", "email": "a@b.c"}
          route PATCH /v1/users/{user.id} → /user.v1.UserService/UpdateUser
          body "user" → field user = {"id":"9","email":"a@b.c"}
          path {user.id} = "3" → user.id = "3" (overrides the body)
          request message {"user":{"id":"3","email":"a@b.c"}}
    "#]]
    .assert_eq(&run(&c, &cases));
    let t = transcode(&c, "PATCH", "/v1/users/3", "{}").unwrap();
    assert_eq!(routes(&c).len(), 6);
    assert_eq!(
        response_json(&t.binding, &t.message).to_compact(),
        r#"{"user":{"id":"3"}}"#
    );
}
