//! Browser tests of the Saga & TCC lab (`#/labs/saga`), mounted as its lazily loaded module
//! mounts it.
//! Run: `CHROMEDRIVER=/usr/bin/chromedriver cargo test -p app --target wasm32-unknown-unknown --test saga`.

mod common;

use common::Mounted;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

async fn lab() -> Mounted {
    let m = Mounted::lab::<app::pages::SagaLabPage>().await;
    m.wait_until("the lab", |m| m.find("saga-run").is_some())
        .await;
    m
}

fn invariants_ok(m: &Mounted) -> Option<String> {
    m.find("invariants")
        .and_then(|e| e.get_attribute("data-ok"))
}

/// Without `dist/` (as in these tests) the route says the lab is not in this build instead
/// of waiting forever; with it, the e2e check sees the module load.
#[wasm_bindgen_test]
async fn the_lab_route_reports_a_build_without_the_module() {
    let m = Mounted::at("#/labs/saga", &[("goscope.lang", "en")]).await;
    m.wait_until("the missing-module notice", |m| {
        m.find("lab-missing").is_some()
    })
    .await;
    assert!(
        m.text_of("lab-missing")
            .contains("does not include this lab")
    );
}

#[wasm_bindgen_test]
async fn labs_page_links_to_the_saga_lab() {
    let m = Mounted::at("#/labs", &[("goscope.lang", "en")]).await;
    m.wait_until("the lab card link", |m| m.find("open-saga-lab").is_some())
        .await;
    assert_eq!(
        m.get("open-saga-lab").get_attribute("href").as_deref(),
        Some("#/labs/saga")
    );
}

#[wasm_bindgen_test]
async fn a_failed_payment_is_compensated_and_stays_consistent() {
    let m = lab().await;
    m.change("fault-2", "fail");
    m.click("saga-run");
    m.wait_until("the player", |m| m.find("player").is_some())
        .await;
    m.click("step-last");
    m.wait_until("the end of the run", |m| {
        m.text_of("outcome").contains("compensated")
    })
    .await;
    let trace = m.text_of("trace");
    assert!(trace.contains("chargePayment FAILED"), "{trace}");
    assert!(
        trace.contains("compensated step 1 (cancelInventory)"),
        "{trace}"
    );
    assert_eq!(invariants_ok(&m).as_deref(), Some("true"));
    assert!(m.text_of("sequence").contains("cancelInventory#1"));
    assert_eq!(m.text_of("order-status"), "cancelled");
    // Time travel: back to the first step, the order is still pending.
    m.click("step-first");
    m.wait_until("step 0", |m| m.text_of("order-status") == "pending")
        .await;
}

#[wasm_bindgen_test]
async fn switching_off_a_tcc_guard_turns_the_invariant_panel_red() {
    let m = lab().await;
    m.change("strategy", "tcc");
    m.wait_until("the guards", |m| m.find("guard-suspension").is_some())
        .await;
    m.change("fault-2", "timeout");
    m.click("saga-run");
    m.wait_until("the player", |m| m.find("player").is_some())
        .await;
    m.click("step-last");
    m.wait_until("the end", |m| m.text_of("outcome").contains("compensated"))
        .await;
    assert_eq!(invariants_ok(&m).as_deref(), Some("true"));
    assert!(m.text_of("trace").contains("empty rollback recorded"));

    m.click("guard-suspension");
    m.wait_until("the run to be forgotten", |m| m.find("player").is_none())
        .await;
    m.click("saga-run");
    m.wait_until("the player", |m| m.find("player").is_some())
        .await;
    m.click("step-last");
    m.wait_until("the red panel", |m| {
        invariants_ok(m).as_deref() == Some("false")
    })
    .await;
    assert!(m.text_of("invariant-broken").contains("Broken at step"));
}

#[wasm_bindgen_test]
async fn the_explorer_counts_and_loads_a_seed() {
    let m = lab().await;
    m.change("explore-seeds", "20");
    m.click("explore");
    m.wait_until("the table", |m| m.find("explore-table").is_some())
        .await;
    let button = m
        .query("[data-testid^=\"load-tcc-\"]")
        .expect("a TCC run that did not commit");
    button.click();
    m.wait_until("the loaded run", |m| m.find("player").is_some())
        .await;
}
