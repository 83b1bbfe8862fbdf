//! Browser tests of the operator lab (`#/labs/operator`, issue 9), mounted as its lazily
//! loaded module mounts it: apply the seed's CRD and a Database with 3 replicas, scale to 5,
//! delete a pod, and see the cluster converge each time.
//! Run: `CHROMEDRIVER=/usr/bin/chromedriver cargo test -p app --target wasm32-unknown-unknown --test operator`.

mod common;

use common::Mounted;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

async fn lab() -> Mounted {
    let m = Mounted::lab::<app::labs::operator::OperatorLab>().await;
    m.wait_until("the lab", |m| m.find("op-console-input").is_some())
        .await;
    m
}

/// Types `line` into the console and presses Run, as a learner would.
fn run(m: &Mounted, line: &str) {
    let input: web_sys::HtmlInputElement = m.get("op-console-input").dyn_into().unwrap();
    input.set_value(line);
    m.click("op-run");
}

/// Jumps the player to the end of the run and waits for the cluster to say it converged.
async fn converged(m: &Mounted, what: &str) {
    m.click("step-last");
    m.wait_until(what, |m| {
        m.find("op-converged")
            .and_then(|e| e.get_attribute("data-ok"))
            .as_deref()
            == Some("true")
    })
    .await;
}

#[wasm_bindgen_test]
async fn the_seed_crd_a_database_scale_to_five_and_a_deleted_pod_converge() {
    let m = lab().await;
    // The course's own CRD, exactly as chapter 4.3 gives it.
    m.click("op-crd-variant");
    m.wait_until("the seed CRD in the editor", |m| {
        let t: web_sys::HtmlTextAreaElement = m.get("op-yaml").dyn_into().unwrap();
        t.value()
            .contains("replicas: { type: integer, minimum: 1, maximum: 10 }")
            && !t.value().contains("subresources")
    })
    .await;
    m.click("op-apply-crd");
    m.wait_until("the CRD created", |m| {
        m.text_of("op-console")
            .contains("customresourcedefinition.apiextensions.k8s.io/databases.example.com created")
    })
    .await;
    m.click("op-apply-db");
    m.wait_until("the Database created", |m| {
        m.text_of("op-console")
            .contains("database.example.com/my-db created")
    })
    .await;
    converged(&m, "3 replicas to converge").await;
    let tree = m.text_of("op-tree");
    for name in ["my-db-0", "my-db-1", "my-db-2", "my-db-credentials"] {
        assert!(tree.contains(name), "{name} missing from the tree: {tree}");
    }
    assert!(!tree.contains("my-db-3"), "{tree}");

    run(
        &m,
        "kubectl patch db my-db --type=merge -p '{\"spec\":{\"replicas\":5}}'",
    );
    m.wait_until("the patch", |m| {
        m.text_of("op-console")
            .contains("database.example.com/my-db patched")
    })
    .await;
    converged(&m, "5 replicas to converge").await;
    assert!(
        m.text_of("op-tree").contains("my-db-4"),
        "{}",
        m.text_of("op-tree")
    );
    assert!(
        m.text_of("op-tree").contains("replicas 5 · Running"),
        "{}",
        m.text_of("op-tree")
    );

    run(&m, "kubectl delete pod my-db-1");
    m.wait_until("the delete", |m| {
        m.text_of("op-console").contains("pod \"my-db-1\" deleted")
    })
    .await;
    // Right after the delete the world differs from the spec...
    m.wait_until("the divergence", |m| {
        m.find("op-converged")
            .and_then(|e| e.get_attribute("data-ok"))
            .as_deref()
            == Some("false")
    })
    .await;
    // ...and by the end of the run it is back.
    converged(&m, "the deleted pod to come back").await;
    let trace = m.text_of("op-trace");
    assert!(
        m.text_of("op-tree").contains("my-db-1"),
        "{}",
        m.text_of("op-tree")
    );
    assert!(m.text_of("op-loop").contains("Reconcile") || !trace.is_empty());
    // Each step says in words what it shows.
    m.click("step-back");
    m.wait_until("an explanation", |m| !m.text_of("op-why").is_empty())
        .await;

    run(&m, "kubectl get pods");
    m.wait_until("the pod table", |m| {
        let c = m.text_of("op-console");
        c.contains("NAME      READY   STATUS    RESTARTS   AGE")
            && c.contains("my-db-4   1/1     Running")
    })
    .await;
}

#[wasm_bindgen_test]
async fn typos_and_invalid_objects_are_reported_not_run() {
    let m = lab().await;
    run(&m, "kubectl frobnicate");
    m.wait_until("the typo", |m| {
        m.text_of("op-console")
            .contains("error: unknown command \"frobnicate\"")
    })
    .await;
    m.click("op-apply-crd");
    run(&m, "kubectl patch db nope -p '{}'");
    m.wait_until("the not-found", |m| {
        m.text_of("op-console")
            .contains("Error from server (NotFound): databases.example.com \"nope\" not found")
    })
    .await;
}

#[wasm_bindgen_test]
async fn chaos_shows_in_the_queue_and_still_converges() {
    let m = lab().await;
    m.click("op-apply-crd");
    m.click("op-apply-db");
    m.wait_until("the Database created", |m| {
        m.text_of("op-console")
            .contains("database.example.com/my-db created")
    })
    .await;
    converged(&m, "the first convergence").await;
    m.click("op-errors");
    m.wait_until("the armed fault", |m| {
        m.text_of("op-armed").contains("500 ×3")
    })
    .await;
    m.click("op-drift");
    m.wait_until("the drift", |m| {
        m.text_of("op-console")
            .contains("statefulset.apps/my-db scaled")
    })
    .await;
    converged(&m, "convergence after the drift").await;
    // The injected 500s were retried with backoff before the drift was put back.
    let all = m.text_of("op-trace");
    assert!(
        all.contains("converged: Database default/my-db 3/3 ready"),
        "{all}"
    );
    m.click("op-toggle-operator");
    m.wait_until("the stopped controller", |m| {
        m.text_of("op-running").contains("stopped")
    })
    .await;
}

#[wasm_bindgen_test]
async fn labs_page_links_to_the_operator_lab() {
    let m = Mounted::at("#/labs", &[("goscope.lang", "en")]).await;
    m.wait_until("the lab card link", |m| {
        m.find("open-operator-lab").is_some()
    })
    .await;
    assert_eq!(
        m.get("open-operator-lab").get_attribute("href").as_deref(),
        Some("#/labs/operator")
    );
}

/// Issue 11: an edited YAML file survives a reload (autosave).
#[wasm_bindgen_test]
async fn an_edited_yaml_file_survives_a_reload() {
    let edited = {
        let m = lab().await;
        m.click("op-file-1");
        m.wait_until("the Database file", |m| {
            let yaml: web_sys::HtmlTextAreaElement = m.get("op-yaml").dyn_into().unwrap();
            yaml.value().contains("kind: Database")
        })
        .await;
        let yaml: web_sys::HtmlTextAreaElement = m.get("op-yaml").dyn_into().unwrap();
        let edited = format!("{}# keep me\n", yaml.value());
        m.input("op-yaml", &edited);
        common::sleep(100).await;
        edited
    };
    let m = Mounted::lab_keeping_storage::<app::labs::operator::OperatorLab>().await;
    m.wait_until("the lab", |m| m.find("op-file-1").is_some())
        .await;
    m.click("op-file-1");
    m.wait_until("the edited file back", |m| {
        let yaml: web_sys::HtmlTextAreaElement = m.get("op-yaml").dyn_into().unwrap();
        yaml.value() == edited
    })
    .await;
}

#[wasm_bindgen_test]
async fn a_widget_link_opens_the_lab_at_its_script_and_step() {
    // What the operator widget's "Open in goscope" writes: its console script and step.
    let link = app::share::lab_link(
        "operator",
        &[(
            "commands".to_owned(),
            "kubectl apply -f database-crd.yaml|kubectl apply -f my-db.yaml".to_owned(),
        )],
        12,
    );
    let m = Mounted::lab_at::<app::labs::operator::OperatorLab>(&link).await;
    m.wait_until("the lab", |m| m.find("op-console-input").is_some())
        .await;
    assert!(
        m.text_of("step-pos").starts_with("Step 12 / "),
        "{}",
        m.text_of("step-pos")
    );
    let console = m.text_of("op-console");
    assert!(
        console.contains("databases.example.com created")
            && console.contains("database.example.com/my-db created"),
        "{console}"
    );
    converged(&m, "the script's Database converged").await;
}
