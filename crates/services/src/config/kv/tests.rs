use expect_test::expect;
use sim::Chooser;

use super::*;

fn get(store: &mut KvStore, target: &str) -> KvReply {
    let req = parse("GET", target, b"").unwrap();
    store.serve(&req)
}

fn put(store: &mut KvStore, target: &str, body: &str) -> String {
    let req = parse("PUT", target, body.as_bytes()).unwrap();
    store.serve(&req).body
}

#[test]
fn entries_carry_consul_indexes_and_base64_values() {
    let mut s = KvStore::default();
    assert_eq!(put(&mut s, "/v1/kv/config/a/dev/rps", "50"), "true");
    assert_eq!(put(&mut s, "/v1/kv/config/a/dev/empty", ""), "true");
    // An identical PUT is still a write: a new index.
    assert_eq!(put(&mut s, "/v1/kv/config/a/dev/rps", "50"), "true");
    let r = get(&mut s, "/v1/kv/config/a/dev/?recurse");
    expect![[r#"
        HTTP 200
        X-Consul-Index: 3

        [
          {
            "LockIndex": 0,
            "Key": "config/a/dev/empty",
            "Flags": 0,
            "Value": null,
            "CreateIndex": 2,
            "ModifyIndex": 2
          },
          {
            "LockIndex": 0,
            "Key": "config/a/dev/rps",
            "Flags": 0,
            "Value": "NTA=",
            "CreateIndex": 1,
            "ModifyIndex": 3
          }
        ]"#]]
    .assert_eq(&r.text());
    assert_eq!(get(&mut s, "/v1/kv/config/a/dev/rps?raw").body, "50");
    let missing = get(&mut s, "/v1/kv/config/a/prod/rps");
    assert_eq!((missing.status, missing.index), (404, Some(3)));
}

#[test]
fn keys_roll_up_at_the_separator() {
    let mut s = KvStore::default();
    for k in [
        "config/a/dev/x",
        "config/a/dev/y",
        "config/a/prod/x",
        "config/b/dev/x",
    ] {
        put(&mut s, &format!("/v1/kv/{k}"), "1");
    }
    let r = get(&mut s, "/v1/kv/config/a/?keys&separator=/");
    assert_eq!(r.body, "[\n  \"config/a/dev/\",\n  \"config/a/prod/\"\n]");
    let r = get(&mut s, "/v1/kv/config/a/dev/?keys");
    assert_eq!(r.body, "[\n  \"config/a/dev/x\",\n  \"config/a/dev/y\"\n]");
}

#[test]
fn cas_writes_only_at_the_expected_index() {
    let mut s = KvStore::default();
    assert_eq!(put(&mut s, "/v1/kv/k?cas=0", "a"), "true");
    assert_eq!(
        put(&mut s, "/v1/kv/k?cas=0", "b"),
        "false",
        "cas=0 creates only"
    );
    assert_eq!(
        put(&mut s, "/v1/kv/k?cas=7", "b"),
        "false",
        "stale ModifyIndex"
    );
    assert_eq!(put(&mut s, "/v1/kv/k?cas=1", "b"), "true");
    assert_eq!(s.entries["k"].text(), "b");
    let req = parse("DELETE", "/v1/kv/k?cas=1", b"").unwrap();
    assert_eq!(s.serve(&req).body, "false");
    let req = parse("DELETE", "/v1/kv/k?cas=2", b"").unwrap();
    assert_eq!(s.serve(&req).body, "true");
    assert!(s.entries.is_empty());
}

#[test]
fn a_deletion_leaves_a_tombstone_that_moves_the_prefix_index() {
    let mut s = KvStore::default();
    put(&mut s, "/v1/kv/config/a/dev/x", "1");
    put(&mut s, "/v1/kv/other", "1");
    let req = parse("DELETE", "/v1/kv/config/a/?recurse", b"").unwrap();
    s.serve(&req);
    put(&mut s, "/v1/kv/other", "2");
    let r = get(&mut s, "/v1/kv/config/a/?recurse");
    // Not the table's 4: the tombstone's 3.
    assert_eq!((r.status, r.index), (404, Some(3)));
}

#[test]
fn bad_requests_are_400s_with_consul_s_words() {
    assert_eq!(
        parse("PUT", "/v1/kv/", b"").unwrap_err().body,
        "Missing key name"
    );
    assert_eq!(
        parse("GET", "/v1/kv/k?index=x", b"").unwrap_err().body,
        "Invalid index: \"x\""
    );
    assert_eq!(
        parse("GET", "/v1/kv/k?index=1&wait=soon", b"")
            .unwrap_err()
            .status,
        400
    );
    assert_eq!(parse("POST", "/v1/kv/k", b"").unwrap_err().status, 405);
    let r = parse("GET", "/v1/kv/k?index=3&wait=2h", b"").unwrap();
    assert_eq!(r.wait_us, MAX_WAIT_US, "wait is capped at 10 minutes");
    assert_eq!(parse_wait("250ms"), Some(250_000));
    assert_eq!(parse_wait("5m"), Some(300_000_000));
}

#[test]
fn a_blocking_query_returns_at_once_when_its_index_is_stale() {
    let mut s = KvStore::default();
    put(&mut s, "/v1/kv/config/a/dev/x", "1");
    put(&mut s, "/v1/kv/config/a/dev/x", "2");
    let mut ch = Chooser::unlogged(1);
    let stale = parse("GET", "/v1/kv/config/a/dev/?recurse&index=1&wait=5s", b"").unwrap();
    match s.begin(&stale, 0, &mut ch) {
        Begin::Now(r) => assert_eq!(r.index, Some(2)),
        other => panic!("expected an immediate answer, got {other:?}"),
    }
    // index=0 never blocks.
    let zero = parse("GET", "/v1/kv/config/a/dev/?recurse&index=0", b"").unwrap();
    assert!(matches!(s.begin(&zero, 0, &mut ch), Begin::Now(_)));
}

#[test]
fn a_current_blocking_query_waits_with_at_most_a_sixteenth_of_jitter() {
    let mut s = KvStore::default();
    put(&mut s, "/v1/kv/config/a/dev/x", "1");
    let req = parse("GET", "/v1/kv/config/a/dev/?recurse&index=1&wait=16s", b"").unwrap();
    for seed in 0..20 {
        let mut ch = Chooser::unlogged(seed);
        match s.begin(&req, 1_000, &mut ch) {
            Begin::Wait { deadline } => {
                assert!((17_000_000..=18_000_000).contains(&(deadline + 1_000_000 - 1_000)))
            }
            other => panic!("expected to wait, got {other:?}"),
        }
    }
    // A write elsewhere does not concern it; one under the prefix does.
    assert!(!KvStore::watches(&req, "config/a/prod/x"));
    assert!(KvStore::watches(&req, "config/a/dev/y"));
    // Timed out: the same index comes back.
    assert_eq!(s.read(&req).index, Some(1));
}
