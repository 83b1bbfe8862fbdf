//! Chaos under load: reproducible by seed, and the client's defences change the numbers.

use super::*;
use crate::api::Contract;
use crate::api::chaos::{Experiment, Fault, Target};
use crate::api::middleware::Middleware;

fn server(seed: u64, fault: Fault, target: Target) -> Server {
    let mut s = Server::new(Contract::user_service(), seed);
    s.chain = vec![
        Middleware::RequestId,
        Middleware::Tracing,
        Middleware::Logging,
        Middleware::Recovery,
    ];
    s.chaos.push(Experiment::new(
        target,
        fault,
        Scope::Window {
            from_us: 2_000_000,
            until_us: 4_000_000,
        },
    ));
    s
}

fn plan() -> LoadPlan {
    LoadPlan {
        requests: 300,
        per_second: 50,
        start_us: 0,
        request: Request::rest("GET", "/v1/users/1", ""),
    }
}

fn latency() -> Fault {
    Fault::Latency {
        delay_us: 120_000,
        jitter_us: 60_000,
        correlation: 50,
    }
}

#[test]
fn latency_chaos_shows_in_the_during_phase_only() {
    let mut s = server(3, latency(), Target::Downstream);
    let r = run(&mut s, &plan(), &ClientConfig::default(), 3);
    expect_test::expect![[r#"
        before calls  100  errors   0.0%  p50     1.050ms  p95     1.050ms  p99     1.050ms
        during calls  100  errors   0.0%  p50   115.037ms  p95   152.919ms  p99   160.329ms
        after  calls  100  errors   0.0%  p50     1.050ms  p95     1.050ms  p99     1.050ms
        server attempts 300
    "#]]
    .assert_eq(&r.summary());
}

#[test]
fn chaos_runs_are_reproducible_by_seed() {
    let go = |seed: u64| {
        let mut s = server(seed, latency(), Target::Downstream);
        let r = run(&mut s, &plan(), &ClientConfig::default(), seed);
        let trace: String = s.events.iter().map(|e| format!("{e}\n")).collect();
        (r.summary(), trace, s.metrics.exposition())
    };
    assert_eq!(go(11), go(11));
    assert_ne!(go(11).0, go(12).0);
}

#[test]
fn timeouts_retries_and_the_breaker() {
    let abort = Fault::Abort { percent: 60 };
    let mut plain = server(5, abort, Target::Handler);
    let no_retry = run(&mut plain, &plan(), &ClientConfig::default(), 5);
    let mut retried = server(5, abort, Target::Handler);
    let mut client = ClientConfig::default();
    client.retry.max_attempts = 4;
    let with_retry = run(&mut retried, &plan(), &client, 5);
    let during = |r: &LoadReport| r.phases[1];
    // Retries turn most aborted calls into successes, at the price of latency and load.
    assert!(
        during(&with_retry).errors * 4 < during(&no_retry).errors,
        "{}\n{}",
        no_retry.summary(),
        with_retry.summary()
    );
    assert!(with_retry.attempts > no_retry.attempts);
    assert!(during(&with_retry).p99 > during(&no_retry).p99);

    // A slow downstream past the client's timeout: DEADLINE_EXCEEDED, and the breaker opens,
    // fails calls fast, probes half-open, and closes once the window is over.
    let slow = Fault::Latency {
        delay_us: 400_000,
        jitter_us: 0,
        correlation: 0,
    };
    let mut s = server(9, slow, Target::Downstream);
    let client = ClientConfig {
        breaker: Some(BreakerConfig {
            threshold: 5,
            open_us: 500_000,
        }),
        ..ClientConfig::default()
    };
    let r = run(&mut s, &plan(), &client, 9);
    expect_test::expect![[r#"
        before calls  100  errors   0.0%  p50     1.050ms  p95     1.050ms  p99     1.050ms
        during calls  100  errors 100.0%  p50     0.000ms  p95   200.000ms  p99   200.000ms
        after  calls  100  errors   9.0%  p50     1.050ms  p95     1.050ms  p99     1.050ms
        server attempts 208
        [  2280.000ms] breaker → open until 2780.000ms
        [  2780.000ms] breaker → half-open
        [  2980.000ms] breaker → open until 3480.000ms
        [  3480.000ms] breaker → half-open
        [  3680.000ms] breaker → open until 4180.000ms
        [  4180.000ms] breaker → half-open
        [  4181.050ms] breaker → closed
    "#]]
    .assert_eq(&r.summary());
    assert!(r.calls.iter().any(|c| c.fast_failed));
    assert!(
        r.calls
            .iter()
            .filter(|c| c.phase == Phase::During)
            .all(|c| c.code != Code::Ok)
    );
    // The server still logged the late successes the client had given up on.
    assert!(
        s.logs.iter().any(
            |l| l.json().contains("\"status\":200") && l.json().contains("\"duration_ms\":401")
        )
    );
}

#[test]
fn percentiles_are_nearest_rank() {
    let v: Vec<u64> = (1..=100).collect();
    assert_eq!(
        (percentile(&v, 50), percentile(&v, 95), percentile(&v, 99)),
        (50, 95, 99)
    );
    assert_eq!(percentile(&[7], 99), 7);
    assert_eq!(percentile(&[], 50), 0);
}

#[test]
fn a_count_scoped_experiment_has_its_phase_where_it_struck() {
    let mut s = Server::new(Contract::user_service(), 4);
    s.chain = vec![Middleware::Recovery];
    // The next 20 matching calls are aborted; the phases follow the calls it struck.
    let mut e = Experiment::new(
        Target::Handler,
        Fault::Abort { percent: 100 },
        Scope::Requests(20),
    );
    e.method = Some("ListUsers".into());
    s.chaos.push(e);
    let mut p = plan();
    p.requests = 100;
    let r = run(&mut s, &p, &ClientConfig::default(), 4);
    // ListUsers is never called: the experiment never strikes, there is no window.
    assert_eq!(r.window, None);
    assert_eq!(r.phases[0].calls, 100);
    s.chaos[0].method = None;
    let r = run(&mut s, &p, &ClientConfig::default(), 4);
    assert_eq!(
        (r.phases[0].calls, r.phases[1].calls, r.phases[2].calls),
        (0, 20, 80)
    );
    assert_eq!((r.phases[1].errors, r.phases[2].errors), (20, 0));
}
