//! The operator lab's main property (issue 9): whatever sequence of spec edits, drift and
//! faults a learner throws at the cluster, once the faults stop the world converges to the
//! spec — level-triggered reconciliation with retries and resyncs.
//!
//! Each case is a random script of console commands at random times, then `chaos calm` and
//! `operator start`; the cluster then runs its usual window (45 s of virtual time, two
//! resyncs) and must end converged: every Database's StatefulSet, Service, Secret, pods and
//! status match its spec, and nothing is left orphaned.

use proptest::prelude::*;
use services::operator::{self, LAB_CRD, SAMPLE_DB, convergence};

/// One learner action, as a console line.
fn action() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => (1..=6i64).prop_map(|r| format!("kubectl scale db my-db --replicas={r}")),
        1 => prop::sample::select(vec!["14", "15", "16"])
            .prop_map(|v| format!(r#"kubectl patch db my-db -p '{{"spec":{{"version":"{v}"}}}}'"#)),
        3 => (0..6i64).prop_map(|i| format!("kubectl delete pod my-db-{i}")),
        2 => (0..8i64).prop_map(|r| format!("kubectl scale sts my-db --replicas={r}")),
        1 => Just(r#"kubectl patch svc my-db -p '{"spec":{"selector":{"app":"x"}}}'"#.to_string()),
        1 => Just("kubectl delete secret my-db-credentials".to_string()),
        1 => Just("kubectl delete sts my-db".to_string()),
        1 => Just("kubectl delete db my-db".to_string()),
        1 => Just("kubectl apply -f db.yaml".to_string()),
        2 => (1..5u32).prop_map(|n| format!("chaos conflict {n}")),
        2 => (1..5u32).prop_map(|n| format!("chaos error {n}")),
        2 => (1..8u32).prop_map(|n| format!("chaos lose-events {n}")),
        1 => (10..60u32).prop_map(|p| format!("chaos flaky {p}")),
        1 => Just("operator stop".to_string()),
        1 => Just("operator start".to_string()),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn the_world_converges_once_faults_stop(
        actions in prop::collection::vec((1..4_000u64, action()), 1..12),
        seed in 0..1_000u64,
    ) {
        let files = vec![("crd.yaml".to_string(), LAB_CRD.to_string()), ("db.yaml".to_string(), SAMPLE_DB.to_string())];
        let mut t = 10;
        let mut script = vec![
            operator::input(0, "kubectl apply -f crd.yaml", &files).unwrap(),
            operator::input(t, "kubectl apply -f db.yaml", &files).unwrap(),
        ];
        for (gap, line) in &actions {
            t += gap;
            script.push(operator::input(t, line, &files).unwrap());
        }
        script.push(operator::input(t + 1, "chaos calm", &files).unwrap());
        script.push(operator::input(t + 2, "operator start", &files).unwrap());
        let rec = operator::run_to_end(script, seed);
        let verdict = convergence(&rec.current().api);
        prop_assert!(verdict.is_ok(), "{:?}\n{}", verdict, rec.trace());
        prop_assert!(rec.current().chaos.is_quiet());
    }
}
