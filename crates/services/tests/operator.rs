//! Acceptance tests of the operator lab (issue 9): convergence, chaos, 409s, finalizers,
//! schema messages through kubectl, and a reconcile's trace.

use services::operator::{self, Cluster, Event, Input, LAB_CRD, SAMPLE_DB, SEED_CRD, convergence};
use sim::Recorder;

fn files(crd: &str, db: &str) -> Vec<(String, String)> {
    vec![
        ("crd.yaml".into(), crd.into()),
        ("db.yaml".into(), db.into()),
    ]
}

/// A script from `(time, line)` pairs over the lab's files.
fn script(files: &[(String, String)], lines: &[(u64, &str)]) -> Vec<Input> {
    lines
        .iter()
        .map(|(at, line)| operator::input(*at, line, files).unwrap())
        .collect()
}

fn run(lines: &[(u64, &str)], seed: u64) -> Recorder<Cluster> {
    operator::run_to_end(script(&files(LAB_CRD, SAMPLE_DB), lines), seed)
}

/// What the console printed, command by command.
fn console(rec: &Recorder<Cluster>) -> String {
    rec.events()
        .iter()
        .filter_map(|e| match e {
            Event::Console { line, output, .. } => Some(format!("$ {line}\n{output}\n")),
            _ => None,
        })
        .collect()
}

/// Every API request line of the trace, for assertions.
fn lines(rec: &Recorder<Cluster>) -> Vec<String> {
    rec.events().iter().map(|e| e.to_string()).collect()
}

fn converged_at_end(rec: &Recorder<Cluster>) {
    let cluster = rec.current();
    assert_eq!(
        convergence(&cluster.api).map(|_| ()),
        Ok(()),
        "{}",
        rec.trace()
    );
}

const SETUP: [(u64, &str); 2] = [
    (0, "kubectl apply -f crd.yaml"),
    (10, "kubectl apply -f db.yaml"),
];

#[test]
fn a_database_converges_scales_to_five_and_heals_a_deleted_pod() {
    let mut lines_in = SETUP.to_vec();
    lines_in.extend([
        (8_000, "kubectl get db,sts,pods"),
        (8_001, "kubectl scale db my-db --replicas=5"),
        (20_000, "kubectl delete pod my-db-1"),
        (20_001, "kubectl get pods"),
        (30_000, "kubectl get db,pods"),
    ]);
    let rec = run(&lines_in, 1);
    converged_at_end(&rec);
    let last = rec.current().samples.last().copied().unwrap();
    assert_eq!(
        (last.desired, last.statefulset, last.pods, last.ready),
        (5, 5, 5, 5)
    );
    expect_test::expect![[r#"
        $ kubectl apply -f crd.yaml
        customresourcedefinition.apiextensions.k8s.io/databases.example.com created
        $ kubectl apply -f db.yaml
        database.example.com/my-db created
        $ kubectl get db,sts,pods
        NAME    REPLICAS   READY   PHASE     AGE
        my-db   3          3       Running   7s

        NAME    READY   AGE
        my-db   3/3     7s

        NAME      READY   STATUS    RESTARTS   AGE
        my-db-0   1/1     Running   0          7s
        my-db-1   1/1     Running   0          6s
        my-db-2   1/1     Running   0          5s
        $ kubectl scale db my-db --replicas=5
        database.example.com/my-db scaled
        $ kubectl delete pod my-db-1
        pod "my-db-1" deleted
        $ kubectl get pods
        NAME      READY   STATUS    RESTARTS   AGE
        my-db-0   1/1     Running   0          19s
        my-db-2   1/1     Running   0          17s
        my-db-3   1/1     Running   0          11s
        my-db-4   1/1     Running   0          10s
        $ kubectl get db,pods
        NAME    REPLICAS   READY   PHASE     AGE
        my-db   5          5       Running   29s

        NAME      READY   STATUS    RESTARTS   AGE
        my-db-0   1/1     Running   0          29s
        my-db-1   1/1     Running   0          9s
        my-db-2   1/1     Running   0          27s
        my-db-3   1/1     Running   0          21s
        my-db-4   1/1     Running   0          20s
    "#]]
    .assert_eq(&console(&rec));
}

#[test]
fn the_first_reconcile_creates_the_owned_objects() {
    let rec = run(&SETUP, 1);
    let first: String = rec
        .events()
        .iter()
        .skip_while(|e| !matches!(e, Event::ReconcileStart { .. }))
        .take_while(|e| !matches!(e, Event::ReconcileEnd { .. }))
        .map(|e| format!("{e}\n"))
        .collect();
    expect_test::expect![[r#"
        [    13ms] reconcile default/my-db begins
        [    13ms] operator: add finalizer databases.example.com/cleanup
        [    13ms] operator PUT Database default/my-db → ok rv=3
        [    13ms] operator: Secret default/my-db-credentials missing: create it
        [    13ms] operator POST Secret default/my-db-credentials → ok rv=4
        [    13ms] operator: Service default/my-db missing: create it
        [    13ms] operator POST Service default/my-db → ok rv=5
        [    13ms] operator: StatefulSet default/my-db missing: create it with 3 replicas
        [    13ms] operator POST StatefulSet default/my-db → ok rv=6
        [    13ms] operator: status: 0/3 ready, phase Provisioning
        [    13ms] operator PUT status Database default/my-db → ok rv=7
    "#]]
    .assert_eq(&first);
}

#[test]
fn conflicts_and_errors_are_retried_with_exponential_backoff() {
    let mut lines_in = SETUP.to_vec();
    lines_in.extend([
        (8_000, "chaos conflict 2"),
        (8_001, "chaos error 2"),
        (8_002, "kubectl scale db my-db --replicas=4"),
    ]);
    let rec = run(&lines_in, 3);
    converged_at_end(&rec);
    let all = lines(&rec);
    let failures: Vec<&String> = all
        .iter()
        .filter(|l| l.contains("failed:") || l.contains("(injected)"))
        .collect();
    expect_test::expect![[r#"
        [  8005ms] operator PUT StatefulSet default/my-db → 500 InternalError (injected)
        [  8005ms] reconcile default/my-db failed: Internal error occurred: etcdserver: request timed out; requeue in 5ms
        [  8011ms] operator PUT StatefulSet default/my-db → 500 InternalError (injected)
        [  8011ms] reconcile default/my-db failed: Internal error occurred: etcdserver: request timed out; requeue in 10ms
        [  8022ms] operator PUT StatefulSet default/my-db → 409 Conflict (injected)
        [  8022ms] reconcile default/my-db failed: Operation cannot be fulfilled on statefulsets.apps "my-db": the object has been modified; please apply your changes to the latest version and try again; requeue in 20ms
        [  8043ms] operator PUT StatefulSet default/my-db → 409 Conflict (injected)
        [  8043ms] reconcile default/my-db failed: Operation cannot be fulfilled on statefulsets.apps "my-db": the object has been modified; please apply your changes to the latest version and try again; requeue in 40ms
    "#]]
    .assert_eq(&failures.iter().map(|l| format!("{l}\n")).collect::<String>());
}

#[test]
fn a_stale_resource_version_gets_409_from_the_api_server() {
    use services::operator::{ApiError, ApiServer, Object, Value};
    let mut api = ApiServer::default();
    let mut sts = Object::new("apps/v1", "StatefulSet", "default", "web");
    sts.body.set_at(&["spec", "replicas"], Value::Int(1));
    let created = api.create(sts, 0).unwrap();
    let mut a = created.clone();
    let mut b = created.clone();
    a.body.set_at(&["spec", "replicas"], Value::Int(2));
    b.body.set_at(&["spec", "replicas"], Value::Int(3));
    let a = api.update(a).unwrap();
    assert_eq!((a.meta.resource_version, a.meta.generation), (2, 2));
    let err = api.update(b.clone()).unwrap_err();
    assert_eq!(err.code(), 409);
    assert_eq!(
        err.kubectl(""),
        "Error from server (Conflict): Operation cannot be fulfilled on statefulsets.apps \"web\": the object has been modified; please apply your changes to the latest version and try again"
    );
    // Re-read, re-apply: the controller's answer to a conflict.
    let mut b = api.get(&created.key()).unwrap().clone();
    b.body.set_at(&["spec", "replicas"], Value::Int(3));
    assert_eq!(api.update(b).unwrap().spec_i64(&["replicas"]), Some(3));
    // Status writes neither need nor bump the generation.
    let mut s = api.get(&created.key()).unwrap().clone();
    s.status.set("readyReplicas", Value::Int(3));
    let s = api.update_status(s).unwrap();
    assert_eq!(s.meta.generation, 3);
    assert!(matches!(
        api.update_status(created),
        Err(ApiError::Conflict { .. })
    ));
}

#[test]
fn deleting_a_database_runs_its_finalizer_and_removes_what_it_owned() {
    let mut lines_in = SETUP.to_vec();
    lines_in.extend([
        (8_000, "operator stop"),
        (8_001, "kubectl delete db my-db"),
        (8_002, "kubectl get db"),
        (9_000, "operator start"),
        (12_000, "kubectl get db,sts,svc,secrets,pods"),
    ]);
    let rec = run(&lines_in, 2);
    converged_at_end(&rec);
    let cluster = rec.current();
    let kinds: Vec<&str> = cluster
        .api
        .objects
        .keys()
        .map(|k| k.kind.as_str())
        .collect();
    assert_eq!(kinds, ["CustomResourceDefinition"]);
    let out = console(&rec);
    assert!(out.contains("$ kubectl delete db my-db\ndatabase.example.com \"my-db\" deleted\n$ kubectl get db\nNAME    REPLICAS   READY   PHASE     AGE\nmy-db   3          3       Running   7s\n"), "{out}");
    assert!(out.ends_with("$ kubectl get db,sts,svc,secrets,pods\nNo resources found in default namespace.\nNo resources found in default namespace.\nNo resources found in default namespace.\nNo resources found in default namespace.\nNo resources found in default namespace.\n"), "{out}");
    let all = lines(&rec).join("\n");
    for needle in [
        "operator: Database default/my-db is being deleted: clean up, then remove the finalizer",
        "operator DELETE StatefulSet default/my-db → ok",
        "operator DELETE Service default/my-db → ok",
        "operator DELETE Secret default/my-db-credentials → ok",
        "garbage-collector DELETE Pod default/my-db-0 → ok",
    ] {
        assert!(all.contains(needle), "{needle}\n{all}");
    }
}

#[test]
fn schema_violations_read_like_kubectl() {
    let bad = |spec: &str| SAMPLE_DB.replace("  replicas: 3\n", spec);
    let cases = [
        (
            LAB_CRD,
            bad("  replicas: 11\n"),
            "The Database \"my-db\" is invalid: spec.replicas: Invalid value: 11: spec.replicas in body should be less than or equal to 10",
        ),
        (
            SEED_CRD,
            bad("  replicas: 0\n"),
            "The Database \"my-db\" is invalid: spec.replicas: Invalid value: 0: spec.replicas in body should be greater than or equal to 1",
        ),
        (
            SEED_CRD,
            bad("  replicas: \"3\"\n"),
            "The Database \"my-db\" is invalid: spec.replicas: Invalid value: \"string\": spec.replicas in body must be of type integer: \"string\"",
        ),
        (
            LAB_CRD,
            bad("  version: \"13\"\n"),
            "The Database \"my-db\" is invalid: \n* spec.replicas: Required value\n* spec.version: Unsupported value: \"13\": supported values: \"14\", \"15\", \"16\"",
        ),
        (
            SEED_CRD,
            bad("  replicas: 3\n  size: 10Gi\n"),
            "Error from server (BadRequest): error when creating \"db.yaml\": Database in version \"v1\" cannot be handled as a Database: strict decoding error: unknown field \"spec.size\"",
        ),
        (
            SEED_CRD,
            bad("  replicas: [3\n"),
            "error: error parsing db.yaml: yaml: line 8:1: while parsing a flow sequence, expected ',' or ']'",
        ),
    ];
    for (crd, db, want) in cases {
        let rec = operator::run_to_end(
            script(
                &files(crd, &db),
                &[
                    (0, "kubectl apply -f crd.yaml"),
                    (1, "kubectl apply -f db.yaml"),
                ],
            ),
            0,
        );
        let out = console(&rec);
        let got = out
            .split("$ kubectl apply -f db.yaml\n")
            .nth(1)
            .unwrap_or("")
            .trim_end();
        assert_eq!(got, want);
        assert!(rec.current().api.list("Database", "").is_empty());
    }
    // Before the CRD exists, a Database has no resource.
    let rec = run(&[(0, "kubectl apply -f db.yaml")], 0);
    assert_eq!(
        console(&rec).trim_end(),
        "$ kubectl apply -f db.yaml\nerror: resource mapping not found for name: \"my-db\" namespace: \"default\" from \"db.yaml\": no matches for kind \"Database\" in version \"example.com/v1\"\nensure CRDs are installed first"
    );
}

#[test]
fn the_seed_crd_works_without_a_status_subresource() {
    let rec = operator::run_to_end(script(&files(SEED_CRD, SAMPLE_DB), &SETUP), 4);
    converged_at_end(&rec);
    assert!(
        lines(&rec)
            .iter()
            .any(|l| l.contains("operator PUT Database default/my-db") && l.contains("ok"))
    );
    assert!(
        !lines(&rec)
            .iter()
            .any(|l| l.contains("PUT status Database"))
    );
}

#[test]
fn drift_is_put_back() {
    let mut lines_in = SETUP.to_vec();
    lines_in.extend([
        (8_000, "kubectl scale sts my-db --replicas=1"),
        (
            8_001,
            r#"kubectl patch svc my-db -p '{"spec":{"selector":{"app":"other"}}}'"#,
        ),
        (8_002, "kubectl delete secret my-db-credentials"),
    ]);
    let rec = run(&lines_in, 5);
    converged_at_end(&rec);
    let all = lines(&rec).join("\n");
    assert!(
        all.contains("operator: desired 3 replicas, StatefulSet default/my-db has 1: update it"),
        "{all}"
    );
    assert!(
        all.contains("operator: Service default/my-db drifted from the desired spec: put it back"),
        "{all}"
    );
}

#[test]
fn lost_events_converge_at_the_next_resync() {
    let mut lines_in = SETUP.to_vec();
    // Every watch event of the drift is lost: only the resync's relist can notice it.
    lines_in.extend([
        (8_000, "chaos lose-events 10"),
        (8_001, "kubectl scale sts my-db --replicas=2"),
    ]);
    let rec = run(&lines_in, 6);
    converged_at_end(&rec);
    let all = lines(&rec);
    let lost = all
        .iter()
        .position(|l| l.contains("LOST"))
        .expect("an event was lost");
    let resync = all
        .iter()
        .position(|l| l.contains("resync: relisted") && !l.contains(" 0 differed"))
        .expect("the resync saw the difference");
    let fixed = all
        .iter()
        .position(|l| l.contains("has 2: update it"))
        .expect("the operator put it back");
    assert!(lost < resync && resync < fixed, "{}", rec.trace());
    assert!(all[fixed].starts_with("[ 20001ms]"), "{}", all[fixed]);
}

#[test]
fn a_stopped_operator_misses_events_and_catches_up_on_start() {
    let mut lines_in = SETUP.to_vec();
    lines_in.extend([
        (8_000, "operator stop"),
        (8_001, "kubectl scale db my-db --replicas=2"),
        (12_000, "operator start"),
    ]);
    let rec = run(&lines_in, 7);
    converged_at_end(&rec);
    let all = lines(&rec).join("\n");
    assert!(
        all.contains("watch MODIFIED Database default/my-db rv="),
        "{all}"
    );
    assert!(all.contains("(operator stopped)"), "{all}");
    assert!(
        all.contains("[ 12000ms] resync: relisted 4 objects, 4 differed from the cache"),
        "{all}"
    );
}

#[test]
fn seeking_back_shows_what_running_forward_showed() {
    let rec = run(&SETUP, 8);
    let fresh = run(&SETUP, 8);
    assert_eq!(rec.trace(), fresh.trace(), "deterministic");
    for step in 0..=rec.steps() {
        let mut replay = operator::record(rec.current().script.clone(), 8);
        replay.run(step);
        assert_eq!(rec.state_at(step), *replay.current(), "step {step}");
    }
}
