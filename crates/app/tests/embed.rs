//! Browser tests of share links and embed mode: a link made by `app::share` reopens the
//! Playground in the same state, and a widget renders one view at its step, without chrome,
//! with its language from the link; views this build lacks show their notice.
//! Run: `CHROMEDRIVER=/usr/bin/chromedriver cargo test -p app --target wasm32-unknown-unknown`.

mod common;

use app::share::{self, ShareState, Subject};
use common::{Mounted, html_attr};
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

const PROGRAM: &str = "package main\n\nimport \"fmt\"\n\nfunc main() {\n\tch := make(chan int, 2)\n\tgo func() {\n\t\tch <- 1\n\t\tch <- 2\n\t\tclose(ch)\n\t}()\n\tfor v := range ch {\n\t\tfmt.Println(\"分享\", v)\n\t}\n}\n";

fn step_of(m: &Mounted) -> Option<u64> {
    let text = m.text_of("step-pos");
    text.split(|c: char| !c.is_ascii_digit())
        .find(|s| !s.is_empty())
        .and_then(|s| s.parse().ok())
}

#[wasm_bindgen_test]
async fn a_share_link_reopens_program_settings_and_step() {
    let state = ShareState {
        seed: 9,
        gomaxprocs: 2,
        step: 30,
        views: vec!["scheduler".into(), "channels".into()],
        ..ShareState::new(Subject::Source(PROGRAM.into()))
    };
    let m = Mounted::at(
        &format!("#/?s={}", share::encode(&state)),
        &[("goscope.lang", "en")],
    )
    .await;
    m.wait_until("the player at step 30", |m| step_of(m) == Some(30))
        .await;
    assert_eq!(m.editor().value(), PROGRAM);
    let seed: web_sys::HtmlInputElement = wasm_bindgen::JsCast::unchecked_into(m.get("seed"));
    assert_eq!(seed.value(), "9");
    let procs: web_sys::HtmlSelectElement =
        wasm_bindgen::JsCast::unchecked_into(m.get("gomaxprocs"));
    assert_eq!(procs.value(), "2");
    // The timeline was not in the link's views; the other two are open.
    assert!(m.find("chan-view").is_some() && m.find("sched-view").is_some());
    assert!(m.find("timeline").is_none());
    // The page's own share state is the same state (the link round-trips).
    m.click("share");
    m.wait_until("the share link", |m| m.find("share-link").is_some())
        .await;
    let link: web_sys::HtmlInputElement = wasm_bindgen::JsCast::unchecked_into(m.get("share-link"));
    let again = share::from_fragment(&link.value()).unwrap().unwrap();
    assert_eq!(again.subject, state.subject);
    assert_eq!(
        (
            again.seed,
            again.gomaxprocs,
            again.step,
            again.views.clone()
        ),
        (9, 2, 30, state.views.clone())
    );
}

#[wasm_bindgen_test]
async fn a_malformed_or_newer_link_is_a_visible_message() {
    let m = Mounted::at("#/?s=1.%%%", &[("goscope.lang", "en")]).await;
    m.wait_until("the link error", |m| m.find("link-error").is_some())
        .await;
    assert!(m.text_of("link-error").contains("cannot be read"));
    let m = Mounted::at("#/?s=4.AAAA", &[("goscope.lang", "en")]).await;
    m.wait_until("the link error", |m| m.find("link-error").is_some())
        .await;
    assert!(m.text_of("link-error").contains("v4"));
}

#[wasm_bindgen_test]
async fn a_widget_shows_one_view_at_its_step_without_chrome() {
    let m =
        Mounted::widget("#/embed/channels?program=seed-producer-consumer&step=44&lang=zh").await;
    m.wait_until("the widget at step 44", |m| step_of(m) == Some(44))
        .await;
    assert!(
        m.find("lang-switch").is_none(),
        "no site header in a widget"
    );
    assert!(m.find("editor").is_none());
    assert_eq!(html_attr("lang").as_deref(), Some("zh-CN"));
    assert!(m.find("chan-view").is_some() && m.find("sched-view").is_none());
    assert!(m.text().contains("在 goscope 中打开"), "{}", m.text());
    let open = m
        .get("embed-open")
        .get_attribute("href")
        .unwrap_or_default();
    assert!(open.starts_with("./#/?s=1."), "{open}");
    let back = share::from_fragment(&open[2..]).unwrap().unwrap();
    assert_eq!(back.step, 44);
    assert_eq!(
        back.subject,
        Subject::Example("seed-producer-consumer".into())
    );
}

#[wasm_bindgen_test]
async fn unknown_views_and_missing_lab_modules_say_so() {
    // Every documented view is in this build now; a name goscope does not know is a notice.
    let m = Mounted::widget("#/embed/nosuch?program=hello&lang=en").await;
    m.wait_until("the notice", |m| m.find("embed-unavailable").is_some())
        .await;
    assert_eq!(
        m.text_of("embed-unavailable"),
        "goscope has no view by this name."
    );
    drop(m);
    // A lab's widget whose module the site does not have (these tests run without dist/)
    // says so instead of failing.
    let m = Mounted::widget("#/embed/api?lab=api&step=3&lang=en").await;
    m.wait_until("the lab notice", |m| m.find("lab-missing").is_some())
        .await;
    // In the built site the Saga widget is the lab module's `mount_widget`; here it is
    // mounted directly, as that function does, with the widget's link in the fragment.
    let m = Mounted::lab_at::<app::pages::SagaWidget>(
        "#/embed/saga?lab=saga&p.faults=none,fail,none,none&step=5",
    )
    .await;
    m.wait_until("the saga widget at step 5", |m| step_of(m) == Some(5))
        .await;
    assert!(m.text_of("outcome").contains("Outcome"));
}

/// Issue 10's lab widgets: the API lab's (one REST request through the real server, its
/// transcoding steps, the chain up to the link's step and, at the end, the response) and the
/// operator lab's (the reconcile loop at a step), mounted as their modules' `mount_widget`
/// exports mount them.
#[wasm_bindgen_test]
async fn the_api_widget_shows_the_real_exchange_at_its_step() {
    let m = Mounted::lab_at::<app::labs::api::ApiWidget>(
        "#/embed/api?lab=api&p.request=GET%20/v1/users/1&step=3",
    )
    .await;
    m.wait_until("the api widget at step 3", |m| step_of(m) == Some(3))
        .await;
    let steps = m.text_of("api-steps");
    assert!(
        steps.contains("route GET /v1/users/{id} → /user.v1.UserService/GetUser"),
        "{steps}"
    );
    assert_eq!(m.count("[data-testid=api-events] li"), 3);
    assert!(m.find("api-response").is_none(), "not yet at the end");
    // To the end: the response of the real server.
    let last = m.text_of("step-pos");
    let last: u64 = last.rsplit(' ').next().unwrap().parse().unwrap();
    m.input("api-widget-seek", &last.to_string());
    m.wait_until("the response", |m| m.find("api-response").is_some())
        .await;
    let response = m.text_of("api-response");
    assert!(response.contains("HTTP 200 OK"), "{response}");
    assert!(
        response.contains("\"name\": \"Ada Lovelace\""),
        "{response}"
    );
}

#[wasm_bindgen_test]
async fn the_operator_widget_shows_the_loop_at_its_step() {
    let m = Mounted::lab_at::<app::labs::operator::OperatorWidget>(
        "#/embed/operator?lab=operator&step=8",
    )
    .await;
    m.wait_until("the operator widget at its step", |m| step_of(m) == Some(8))
        .await;
    // The default script (apply the CRD, then the Database): step 8 is the reconcile that
    // creates what is missing.
    let step = m.text_of("op-loop");
    assert!(
        step.contains("operator: StatefulSet default/my-db missing: create it with 3 replicas"),
        "{step}"
    );
    let tree = m.text_of("op-tree");
    assert!(tree.contains("StatefulSet"), "{tree}");
}
