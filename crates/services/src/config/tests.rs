use expect_test::expect;

use super::*;
use crate::api::Contract;
use crate::api::grpc::Code;
use crate::api::load::{self, ClientConfig, LoadPlan};
use crate::api::server::Request;

const BLOCKING: Mode = Mode::Blocking { wait_us: 5_000_000 };
const POLLING: Mode = Mode::Polling {
    interval_us: 2_000_000,
};
const RPS: &str = "config/service-a/dev/rate_limit_rps";

fn trace(c: &ConfigCentre) -> String {
    c.timeline.iter().map(|e| format!("{e}\n")).collect()
}

#[test]
fn blocking_watch_reloads_a_put_within_a_round_trip() {
    let mut c = ConfigCentre::new(Env::Dev, BLOCKING, 1);
    c.advance_to(1_000_000);
    assert_eq!(c.config().rate_limit_rps, 100);
    assert_eq!(c.config().timeout_ms, 2000, "dev's value, not the default");
    c.put(RPS, "5", 1_000_000);
    c.advance_to(1_000_999);
    assert_eq!(
        c.config().rate_limit_rps,
        100,
        "the answer is still on the wire"
    );
    c.advance_to(1_001_000);
    assert_eq!(c.config().rate_limit_rps, 5);
    c.advance_to(12_000_000);
    expect![[r#"
        [   0.000s] watch sent ?index=0
        [   0.002s] returned X-Consul-Index 5 (changed)
        [   0.002s] decoded config at index 5
        [   0.002s] config v1 swapped in: timeout_ms=2000, feature_flags=new-ui, log_level=debug
        [   0.002s] watch sent ?index=5
        [   1.000s] PUT config/service-a/dev/rate_limit_rps = "5" -> ModifyIndex 16
        [   1.001s] returned X-Consul-Index 16 (changed)
        [   1.001s] decoded config at index 16
        [   1.001s] config v2 swapped in: rate_limit_rps=5
        [   1.001s] watch sent ?index=16
        [   6.237s] wait elapsed: same X-Consul-Index 16
        [   6.237s] watch sent ?index=16
        [  11.551s] wait elapsed: same X-Consul-Index 16
        [  11.551s] watch sent ?index=16
    "#]]
    .assert_eq(&trace(&c));
}

#[test]
fn polling_sees_a_put_only_at_the_next_tick() {
    let mut c = ConfigCentre::new(Env::Dev, POLLING, 1);
    c.put(RPS, "5", 500_000);
    c.advance_to(1_999_999);
    assert_eq!(c.config().rate_limit_rps, 100, "no tick since the PUT");
    c.advance_to(2_004_000);
    assert_eq!(c.config().rate_limit_rps, 5);
    c.advance_to(4_500_000);
    expect![[r#"
        [   0.000s] poll sent
        [   0.002s] returned X-Consul-Index 5 (changed)
        [   0.002s] decoded config at index 5
        [   0.002s] config v1 swapped in: timeout_ms=2000, feature_flags=new-ui, log_level=debug
        [   0.500s] PUT config/service-a/dev/rate_limit_rps = "5" -> ModifyIndex 16
        [   2.002s] poll sent
        [   2.004s] returned X-Consul-Index 16 (changed)
        [   2.004s] decoded config at index 16
        [   2.004s] config v2 swapped in: rate_limit_rps=5
        [   4.004s] poll sent
        [   4.006s] returned X-Consul-Index 16 (unchanged)
    "#]]
    .assert_eq(&trace(&c));
}

#[test]
fn a_bad_update_keeps_the_old_config_and_records_the_error() {
    let mut c = ConfigCentre::new(Env::Dev, BLOCKING, 1);
    c.put(RPS, "7", 1_000_000);
    c.advance_to(1_500_000);
    let before = c.config().clone();
    let version = c.watcher.version;
    c.put(RPS, "fast", 2_000_000);
    c.advance_to(2_500_000);
    assert_eq!(c.config(), &before, "old config kept");
    assert_eq!(c.watcher.version, version, "no swap");
    let err = c.watcher.last_error.clone().expect("an error is recorded");
    assert_eq!(err.key, RPS);
    assert!(err.reason.contains("invalid syntax"), "{}", err.reason);
    assert!(trace(&c).contains(
        "decode failed: config/service-a/dev/rate_limit_rps: strconv.ParseUint: parsing \"fast\": invalid syntax; old config kept"
    ));
    // Out of range is refused the same way; a good value then clears the error.
    c.put(RPS, "0", 3_000_000);
    c.advance_to(3_500_000);
    assert_eq!(c.config().rate_limit_rps, 7);
    assert!(
        c.watcher
            .last_error
            .as_ref()
            .unwrap()
            .reason
            .contains("out of range")
    );
    c.put(RPS, "9", 4_000_000);
    c.advance_to(4_500_000);
    assert_eq!(c.config().rate_limit_rps, 9);
    assert_eq!(c.watcher.last_error, None);
}

#[test]
fn a_service_reads_only_its_environment() {
    let mut c = ConfigCentre::new(Env::Dev, BLOCKING, 1);
    c.advance_to(100_000);
    let held_since = c.timeline.len();
    c.put("config/service-a/prod/rate_limit_rps", "1", 200_000);
    c.put("config/service-a/staging/rate_limit_rps", "abc", 200_000);
    c.advance_to(1_000_000);
    assert_eq!(c.config().rate_limit_rps, 100);
    assert_eq!(
        c.watcher.last_error, None,
        "staging's bad value is not ours"
    );
    // The held query was not released by other environments' writes.
    assert!(
        c.timeline[held_since..]
            .iter()
            .all(|e| matches!(e, ConfigEvent::Put { .. })),
        "{}",
        trace(&c)
    );
    // Moving the service to prod reads prod's tree.
    c.set_env(Env::Prod, 1_000_000);
    c.advance_to(1_100_000);
    assert_eq!(c.config().rate_limit_rps, 1);
    assert_eq!(c.config().timeout_ms, 500);
}

#[test]
fn an_unreachable_agent_backs_off_then_recovers() {
    let mut c = ConfigCentre::new(Env::Dev, BLOCKING, 1);
    c.advance_to(100_000);
    c.set_available(false, 200_000);
    c.advance_to(30_000_000);
    let errors: Vec<u64> = c
        .timeline
        .iter()
        .filter_map(|e| match e {
            ConfigEvent::WatchError { t, .. } => Some(*t),
            _ => None,
        })
        .collect();
    // 5 s · failures²: the gaps grow 5 s, 20 s.
    assert_eq!(errors, [201_000, 5_203_000, 25_205_000]);
    c.put(RPS, "3", 26_000_000);
    c.set_available(true, 26_000_000);
    c.advance_to(70_000_000);
    assert_eq!(
        c.config().rate_limit_rps,
        100,
        "still backing off: 45 s after the third error"
    );
    c.advance_to(70_300_000);
    assert_eq!(c.config().rate_limit_rps, 3);
    assert_eq!(c.watcher.failures, 0);
}

#[test]
fn an_index_going_backwards_resets_the_loop() {
    let mut c = ConfigCentre::new(Env::Dev, BLOCKING, 1);
    c.advance_to(100_000);
    // A snapshot restore: a fresh store with a lower index, then a write wakes the query.
    let mut restored = KvStore::default();
    restored.put(RPS, b"42", 0, None);
    c.kv = restored;
    c.put(RPS, "42", 200_000);
    c.advance_to(300_000);
    let t = trace(&c);
    assert!(
        t.contains("index went backwards (5 -> 2): reset to 0"),
        "{t}"
    );
    assert_eq!(c.config().rate_limit_rps, 42);
}

/// The end-to-end: the same load against the API lab's server before and after a PUT of the
/// rate limit, with no restart in between.
#[test]
fn a_rate_limit_put_changes_the_next_load_run_s_429s() {
    let mut server = Server::new(Contract::user_service(), 1);
    let mut c = ConfigCentre::new(Env::Dev, BLOCKING, 1);
    c.advance_to(10_000);
    c.apply(&mut server);
    let run = |server: &mut Server, start: u64| {
        let plan = LoadPlan {
            requests: 200,
            per_second: 100,
            start_us: start,
            request: Request::rest("GET", "/v1/users/1", "").with_header(
                "authorization",
                &format!(
                    "Bearer {}",
                    crate::api::jwt::sign(
                        &crate::api::jwt::claims(
                            "ada",
                            "admin",
                            crate::api::observe::EPOCH_SECONDS,
                            36_000
                        ),
                        crate::api::middleware::DEFAULT_SECRET.as_bytes()
                    )
                ),
            ),
        };
        let r = load::run(server, &plan, &ClientConfig::default(), 1);
        let limited = r
            .calls
            .iter()
            .filter(|c| c.code == Code::ResourceExhausted)
            .count();
        (limited, r.end)
    };
    let (before, end) = run(&mut server, 100_000);
    assert_eq!(before, 0, "100/s against a 100/s limit");
    let at = end + 1_000_000;
    c.put(RPS, "20", at);
    c.put("config/service-a/dev/rate_limit_burst", "5", at);
    c.advance_to(at + 10_000);
    c.apply(&mut server);
    assert_eq!(server.live.last().map(|l| l.rate_per_second), Some(20));
    let (after, _) = run(&mut server, at + 20_000);
    // 2 s at 100/s against 20/s with a burst of 5: about 200 - (5 + 40) limited.
    assert!((150..=160).contains(&after), "after: {after}");
    // A malformed PUT changes nothing for the service.
    c.put(RPS, "lots", at + 5_000_000);
    c.advance_to(at + 5_010_000);
    c.apply(&mut server);
    assert_eq!(server.live.last().map(|l| l.rate_per_second), Some(20));
}

#[test]
fn the_config_s_timeout_bounds_the_handler() {
    let mut server = Server::new(Contract::user_service(), 1);
    server.chain.clear();
    // A slow method: 5 ms more in the handler.
    server.rules.insert(
        "GetUser".into(),
        crate::api::mock::MethodRule {
            latency_us: 5_000,
            fail: None,
            fail_percent: 0,
            canned: None,
        },
    );
    let mut c = ConfigCentre::new(Env::Dev, BLOCKING, 1);
    c.put("config/service-a/dev/timeout_ms", "3", 0);
    c.advance_to(10_000);
    c.apply(&mut server);
    let ex = server.handle(Request::rest("GET", "/v1/users/1", ""), 20_000);
    assert_eq!(ex.response.code, Code::DeadlineExceeded);
    assert_eq!(ex.response.status, 504);
    assert_eq!(ex.end - ex.start, 3_000);
    c.put("config/service-a/dev/timeout_ms", "50", 30_000);
    c.advance_to(40_000);
    c.apply(&mut server);
    let ex = server.handle(Request::rest("GET", "/v1/users/1", ""), 50_000);
    assert_eq!(ex.response.code, Code::Ok);
}
