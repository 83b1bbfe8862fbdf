//! Browser tests of the site shell: routing, navigation, language switch, theme toggle.
//! Run: `CHROMEDRIVER=/usr/bin/chromedriver cargo test -p app --target wasm32-unknown-unknown`.

mod common;

use common::{Mounted, html_attr, stored};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

const NAV: [&str; 4] = ["nav-playground", "nav-labs", "nav-gallery", "nav-embed"];

fn nav_labels(m: &Mounted) -> Vec<String> {
    NAV.iter().map(|id| m.text_of(id)).collect()
}

#[wasm_bindgen_test]
async fn playground_is_the_default_page() {
    let m = Mounted::at("", &[("goscope.lang", "en")]).await;
    m.wait_until("the editor", |m| m.find("editor").is_some())
        .await;
    assert_eq!(
        m.get("nav-playground")
            .get_attribute("aria-current")
            .as_deref(),
        Some("page")
    );
    assert_eq!(m.get("nav-labs").get_attribute("aria-current"), None);
}

#[wasm_bindgen_test]
async fn language_switch_translates_and_is_remembered() {
    let m = Mounted::at("#/", &[("goscope.lang", "zh")]).await;
    assert_eq!(nav_labels(&m), ["演练场", "实验室", "示例库", "嵌入"]);
    assert_eq!(html_attr("lang").as_deref(), Some("zh-CN"));
    assert_eq!(m.text_of("run"), "运行");

    m.click("lang-switch");
    m.wait_until("English labels", |m| {
        m.text_of("nav-playground") == "Playground"
    })
    .await;
    assert_eq!(nav_labels(&m), ["Playground", "Labs", "Gallery", "Embed"]);
    assert_eq!(m.text_of("run"), "Run");
    assert_eq!(html_attr("lang").as_deref(), Some("en"));
    assert_eq!(stored("goscope.lang").as_deref(), Some("en"));
    // No Chinese left anywhere in the English UI except the program itself ("hello, 世界")
    // and the switch's own label (简体中文, the language it offers).
    let text = m.text().replace("hello, 世界", "").replace("简体中文", "");
    assert!(
        !text.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
        "untranslated text in: {text}"
    );

    m.click("lang-switch");
    m.wait_until("Chinese labels", |m| {
        m.text_of("nav-playground") == "演练场"
    })
    .await;
    assert_eq!(stored("goscope.lang").as_deref(), Some("zh"));
}

#[wasm_bindgen_test]
async fn theme_toggle_flips_data_theme_and_is_remembered() {
    let m = Mounted::at("#/", &[("goscope.theme", "light")]).await;
    m.wait_until("light theme applied", |_| {
        html_attr("data-theme").as_deref() == Some("light")
    })
    .await;
    m.click("theme-toggle");
    m.wait_until("dark theme applied", |_| {
        html_attr("data-theme").as_deref() == Some("dark")
    })
    .await;
    assert_eq!(stored("goscope.theme").as_deref(), Some("dark"));
    m.click("theme-toggle");
    m.wait_until("light theme again", |_| {
        html_attr("data-theme").as_deref() == Some("light")
    })
    .await;
    assert_eq!(stored("goscope.theme").as_deref(), Some("light"));
}

#[wasm_bindgen_test]
async fn nav_links_route_by_fragment() {
    let m = Mounted::at("#/", &[("goscope.lang", "en")]).await;
    for (id, href) in NAV.iter().zip(["#/", "#/labs", "#/gallery", "#/embed"]) {
        assert_eq!(m.get(id).get_attribute("href").as_deref(), Some(href));
    }
    m.click("nav-labs");
    m.wait_until("the labs page", |m| m.text().contains("Coming soon"))
        .await;
    assert_eq!(
        web_sys::window().unwrap().location().hash().unwrap(),
        "#/labs"
    );
    assert_eq!(
        m.get("nav-labs").get_attribute("aria-current").as_deref(),
        Some("page")
    );
    assert!(m.find("editor").is_none());

    m.click("nav-embed");
    m.wait_until("the embed page", |m| {
        m.text().contains("Embed goscope in your course pages")
    })
    .await;
    m.click("nav-playground");
    m.wait_until("the playground", |m| m.find("editor").is_some())
        .await;
}

#[wasm_bindgen_test]
async fn unknown_fragment_shows_not_found() {
    let m = Mounted::at("#/no/such/page", &[("goscope.lang", "en")]).await;
    m.wait_until("the not-found page", |m| {
        m.text().contains("Page not found")
    })
    .await;
    m.click("back-home");
    m.wait_until("the playground", |m| m.find("editor").is_some())
        .await;
}

#[wasm_bindgen_test]
async fn gallery_example_opens_in_the_playground() {
    let m = Mounted::at("#/gallery", &[("goscope.lang", "en")]).await;
    m.wait_until("the gallery", |m| m.find("example-fib").is_some())
        .await;
    m.click("open-fib");
    m.wait_until("the playground with the example", |m| {
        m.find("editor").is_some() && m.editor().value().contains("func fib(n int) int")
    })
    .await;
    m.wait_until("its run", |m| m.find("player").is_some())
        .await;
}

/// An example opens with its own settings and views, already run: the worker pool on four
/// Ps with the scheduler, timeline and channel views.
#[wasm_bindgen_test]
async fn gallery_example_opens_with_its_settings_and_views() {
    let m = Mounted::at("#/gallery", &[("goscope.lang", "en")]).await;
    m.wait_until("the gallery", |m| m.find("open-seed-worker-pool").is_some())
        .await;
    m.click("open-seed-worker-pool");
    m.wait_until("the run's player and views", |m| {
        m.find("player").is_some()
            && m.find("chan-view").is_some()
            && m.editor().value().contains("func worker(")
    })
    .await;
    assert_eq!(
        m.count("[data-testid=sched-view] [data-testid^=lane-]"),
        4,
        "four Ps"
    );
    assert!(m.find("timeline").is_some(), "the timeline view is open");
}

#[wasm_bindgen_test]
async fn hand_typed_fragments_do_not_break_the_router() {
    let m = Mounted::at("#/", &[("goscope.lang", "en")]).await;
    // `#gallery` (no slash) would make the router's history throw; it is rewritten instead.
    web_sys::window()
        .unwrap()
        .location()
        .set_hash("gallery")
        .unwrap();
    m.wait_until("the gallery", |m| m.find("example-hello").is_some())
        .await;
    assert_eq!(
        web_sys::window().unwrap().location().hash().unwrap(),
        "#/gallery"
    );
    web_sys::window().unwrap().location().set_hash("").unwrap();
    m.wait_until("the playground", |m| m.find("editor").is_some())
        .await;
    m.click("nav-labs");
    m.wait_until("the labs page, so the app is still alive", |m| {
        m.text().contains("Coming soon")
    })
    .await;
}

/// Issue 11: a damaged saved program is detected, ignored (the default program loads) and
/// reported once with a notice the learner can dismiss.
#[wasm_bindgen_test]
async fn a_damaged_saved_program_is_ignored_with_a_notice() {
    let m = Mounted::at(
        "#/",
        &[
            ("goscope.lang", "en"),
            // A checksum that does not match its value.
            (
                "goscope.program.v1",
                "v1:0123456789abcdef:package main\n\nfunc main() { garbage",
            ),
        ],
    )
    .await;
    m.wait_until("the notice", |m| m.find("storage-notice").is_some())
        .await;
    assert!(m.text_of("storage-notice").contains("goscope.program.v1"));
    assert_eq!(m.editor().value(), app::examples::DEFAULT_PROGRAM);
    m.get("storage-notice")
        .query_selector("button")
        .unwrap()
        .unwrap()
        .dyn_into::<web_sys::HtmlElement>()
        .unwrap()
        .click();
    m.wait_until("the notice to go", |m| m.find("storage-notice").is_none())
        .await;
}

/// Issue 11: should Rust panic, the page shows an error report with the message and a share
/// link that reopens the program being edited.
#[wasm_bindgen_test]
async fn a_panic_report_offers_a_link_to_reopen_the_program() {
    let m = Mounted::at("#/", &[("goscope.lang", "en")]).await;
    let program = "package main\n\nfunc main() {\n\tprintln(\"kept\")\n}\n";
    m.type_program(program);
    app::panic::show_report("panicked at crates/app/src/x.rs:1:1: test");
    let notice = common::document()
        .get_element_by_id("goscope-crash")
        .expect("the report");
    assert!(notice.text_content().unwrap().contains("panicked at"));
    let link = notice
        .query_selector("[data-testid=crash-link]")
        .unwrap()
        .expect("the reopen link");
    let href = link.get_attribute("href").unwrap();
    let state = app::share::from_fragment(&href).unwrap().unwrap();
    assert_eq!(
        state.subject,
        app::share::Subject::Source(program.to_owned())
    );
    notice.remove();
}
