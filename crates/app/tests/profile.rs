//! Browser tests of the profile view (issue 12): the chapter 2.2 gallery entry, run with the
//! view open, shows the core's profile — the hot function on top of the top table with the
//! core's numbers, a flame graph that zooms on click, the allocation profile, the scheduler
//! latency histogram's buckets and a `.pb.gz` download — in English and in Chinese.
//! Run: `CHROMEDRIVER=/usr/bin/chromedriver cargo test -p app --target wasm32-unknown-unknown --test profile`.

mod common;

use app::run_profile::RunProfile;
use common::Mounted;
use runtime::profile::report::{label, scale};
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

const EXAMPLE: &str = "seed-pprof-hot";

/// The profile the core computes for the example, as the Playground runs it.
fn core_profile() -> std::rc::Rc<RunProfile> {
    let source = app::examples::by_id(EXAMPLE).unwrap().source;
    let config = runtime::RunConfig {
        max_steps: app::run_trace::RECORD_MAX_STEPS,
        profile: Some(runtime::profile::ProfileConfig::default()),
        ..runtime::RunConfig::default()
    };
    let mut machine = runtime::inspect::start_machine("prog.go", source, &config).unwrap();
    let mut events = Vec::new();
    while !machine.finished() {
        machine.run_slice(1 << 20, &mut events);
    }
    RunProfile::of(&machine).expect("profiled")
}

/// Opens the example from the Gallery: its link opens the profile view and runs it.
async fn run_example(lang: &str) -> Mounted {
    let m = Mounted::at(
        "#/gallery",
        &[("goscope.lang", lang), ("goscope.theme", "light")],
    )
    .await;
    let open = format!("open-{EXAMPLE}");
    m.wait_until("the gallery", |m| m.find(&open).is_some())
        .await;
    m.click(&open);
    m.wait_until("the profile", |m| m.find("profile-top").is_some())
        .await;
    m
}

fn cells(row: &web_sys::Element) -> Vec<String> {
    let tds = row.query_selector_all("td").unwrap();
    (0..tds.length())
        .map(|i| tds.item(i).unwrap().text_content().unwrap_or_default())
        .collect()
}

#[wasm_bindgen_test]
async fn the_hot_function_tops_the_profile_and_the_flame_graph_zooms() {
    let m = run_example("en").await;
    let core = core_profile();
    let cpu = &core.cpu;
    let sc = scale(cpu.unit, &cpu.rows, cpu.total);

    // The top table's first row: main.spin, with the core's flat value; the summary gives
    // the core's sample count.
    let first = m.query("[data-testid=top-row]").expect("a row");
    let row = cells(&first);
    assert_eq!(row[5], "main.spin", "{row:?}");
    assert_eq!(cpu.rows[0].name, "main.spin");
    assert_eq!(row[0], label(cpu.rows[0].flat, sc), "{row:?}");
    let summary = m.text_of("profile-summary");
    assert!(
        summary.starts_with(&format!("{} samples", app::i18n::group_digits(cpu.count))),
        "summary: {summary}"
    );
    assert!(
        cpu.rows[0].flat * 10 > cpu.total * 8,
        "spin holds over 80% of the CPU"
    );

    // The annotated source marks spin's loop body as hot.
    let hot =
        m.count("[data-testid=profile-source] tr.heat-3, [data-testid=profile-source] tr.heat-4");
    assert!(hot >= 1, "no hot line");

    // Click spin's frame: the graph zooms to it (full width) and offers to reset.
    // SVG elements are not `HtmlElement`s: query the document for them.
    let svg = |sel: &str| common::document().query_selector(sel).unwrap();
    let spin =
        svg("[data-testid=flame-bar][data-name=\"main.spin\"]").expect("spin in the flame graph");
    spin.dispatch_event(&web_sys::MouseEvent::new("click").unwrap())
        .unwrap();
    m.wait_until("the zoom", |m| m.find("flame-reset").is_some())
        .await;
    let width = svg("[data-testid=flame-bar][data-name=\"main.spin\"] rect")
        .unwrap()
        .get_attribute("width");
    assert_eq!(width.as_deref(), Some("1000"), "spin spans the graph");
    assert!(
        svg("[data-testid=flame-bar][data-name=\"main.collect\"]").is_none(),
        "a sibling left the zoom"
    );
    m.click("flame-reset");
    m.wait_until("the reset", |m| m.find("flame-reset").is_none())
        .await;

    // The latency histogram has buckets, and counts what the core counted.
    assert!(
        common::document()
            .query_selector_all("[data-testid=latency-bar]")
            .unwrap()
            .length()
            >= 1
    );
    let waits = m.text_of("latency-summary");
    let want = format!("{} waits", core.latency.overall.total);
    assert!(waits.starts_with(&want), "{waits} (want {want})");
    assert!(m.count("[data-testid=latency-row]") >= 1);

    // The allocation profile: collect on top, in bytes.
    m.click("profile-alloc");
    m.wait_until("the alloc profile", |m| {
        m.query("[data-testid=top-row] td.fn")
            .is_some_and(|c| c.text_content().unwrap_or_default() == "main.collect")
    })
    .await;
    assert!(m.text_of("profile-summary").contains("objects"));

    // The download is a gzip data URL.
    let link = m.get("profile-download");
    let href = link.get_attribute("href").unwrap_or_default();
    assert!(
        href.starts_with("data:application/gzip;base64,H4sI"),
        "{}",
        &href[..40.min(href.len())]
    );
    assert_eq!(link.get_attribute("download").as_deref(), Some("mem.pb.gz"));
}

#[wasm_bindgen_test]
async fn the_view_speaks_chinese_and_asks_for_a_profiled_run() {
    let m = Mounted::at("#/", &[("goscope.lang", "zh"), ("goscope.theme", "dark")]).await;
    m.type_program("package main\n\nfunc main() {\n\tgo func() {}()\n}\n");
    // Run without the view, then open it: the run was not profiled.
    m.click("run");
    m.wait_until("the recording", |m| {
        m.find("player").is_some() || m.find("step-pos").is_some()
    })
    .await;
    m.click("view-profile");
    m.wait_until("the profile view", |m| {
        m.find("profile-run-again").is_some()
    })
    .await;
    assert!(m.text_of("profile-view").contains("性能剖析"));
    // Run again with the view open: a profile, with Chinese headings.
    m.click("run");
    m.wait_until("the profile", |m| m.find("profile-summary").is_some())
        .await;
    let text = m.text_of("profile-view");
    assert!(text.contains("调度延迟"), "{text}");
}
