//! Browser tests of the memory-model views (issue 5): the done-flag race from the gallery
//! with -race — the happens-before graph highlights both accesses at the lines the core
//! reports, seeking away and back shows the same views, the mutex fix runs race-free and
//! "back to the original" restores the program — and the explorer on store buffering: its
//! outcome set, and "replay" running that schedule in the Playground with that output.
//! Run: `CHROMEDRIVER=/usr/bin/chromedriver cargo test -p app --target wasm32-unknown-unknown --test race_views`.

mod common;

use std::collections::BTreeSet;

use common::{Mounted, sleep};
use runtime::inspect::HbGraph;
use runtime::{Execution, RunConfig};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

const STORE_BUFFER: &str = include_str!("../../../tests/litmus/store_buffer.go");

/// The lines of the race's two accesses as the core reports them for the Playground's
/// default settings (seed 1, GOMAXPROCS 4, -race).
fn core_race(source: &str) -> (u64, BTreeSet<u32>) {
    let config = RunConfig {
        race: true,
        ..RunConfig::default()
    };
    let mut e = Execution::start("prog.go", source, &config).unwrap();
    while !e.advance(1 << 16) {}
    let g = HbGraph::of(e.events().iter().map(|(s, e)| (*s, e)));
    let r = &g.races[0];
    let lines = [&r.now, &r.prev]
        .iter()
        .map(|s| s.stack.first().unwrap().line)
        .collect();
    (r.step, lines)
}

fn scrubber(m: &Mounted) -> u64 {
    let s: web_sys::HtmlInputElement = m.get("scrubber").dyn_into().unwrap();
    s.value().parse().unwrap()
}

fn racy_dot_lines(m: &Mounted) -> BTreeSet<u32> {
    let dots = m.root.query_selector_all("[data-testid=hb-racy]").unwrap();
    (0..dots.length())
        .filter_map(|i| dots.item(i))
        .filter_map(|n| n.dyn_into::<web_sys::Element>().ok())
        .filter_map(|e| e.get_attribute("data-line")?.parse().ok())
        .collect()
}

fn html_of(m: &Mounted, testid: &str) -> String {
    m.get(testid).inner_html()
}

#[wasm_bindgen_test]
async fn done_flag_race_views_fix_and_back() {
    let m = Mounted::at(
        "#/gallery",
        &[("goscope.lang", "en"), ("goscope.theme", "light")],
    )
    .await;
    // The example's link opens it with -race and runs it.
    m.click("open-seed-done-flag-race");
    m.wait_until("the Playground with the example", |m| {
        m.find("editor").is_some() && m.editor().value().contains("var done bool")
    })
    .await;
    let original = m.editor().value();
    m.click("view-clocks");
    m.wait_until("the race panel", |m| m.find("race-item").is_some())
        .await;
    m.wait_until("the race report", |m| {
        m.text_of("output").contains("WARNING: DATA RACE")
    })
    .await;

    // Both accesses are highlighted, at the lines the core reports, and named with file:line.
    let (race_step, lines) = core_race(&original);
    assert_eq!(lines.len(), 2, "{lines:?}");
    m.click("jump-race");
    m.wait_until("the player at the race", |m| scrubber(m) == race_step)
        .await;
    m.wait_until("both racing accesses drawn", |m| racy_dot_lines(m) == lines)
        .await;
    let sides = m.text_of("race-panel");
    for l in &lines {
        assert!(sides.contains(&format!("prog.go:{l}")), "{sides}");
    }
    assert!(m.text_of("race-explain").contains("No happens-before edge"));
    assert!(
        m.count("[data-testid=clock-row]") >= 2,
        "the clocks table: {}",
        m.text_of("clocks")
    );

    // Clicking an access seeks the player to its step.
    let dots = m.root.query_selector_all("circle[data-step]").unwrap();
    let dot = (0..dots.length())
        .filter_map(|i| dots.item(i)?.dyn_into::<web_sys::Element>().ok())
        .find(|d| d.get_attribute("data-step") != Some(race_step.to_string()));
    assert!(dot.is_some(), "an access drawn before the race");
    if let Some(dot) = dot {
        let at: u64 = dot.get_attribute("data-step").unwrap().parse().unwrap();
        let init = web_sys::EventInit::new();
        init.set_bubbles(true);
        let click = web_sys::Event::new_with_event_init_dict("click", &init).unwrap();
        dot.dispatch_event(&click).unwrap();
        m.wait_until("the player at the clicked access", |m| scrubber(m) == at)
            .await;
        m.click("jump-race");
        m.wait_until("the player back at the race", |m| scrubber(m) == race_step)
            .await;
    }

    // Away and back: the same graph, clocks and step.
    let step = scrubber(&m);
    let (hb, clocks) = (html_of(&m, "hb"), html_of(&m, "clocks"));
    m.input("scrubber", &(step / 2).to_string());
    m.wait_until("the step to move", |m| {
        html_of(m, "clocks") != clocks || html_of(m, "hb") != hb
    })
    .await;
    m.input("scrubber", &step.to_string());
    m.wait_until("the step to come back", |m| html_of(m, "hb") == hb)
        .await;
    sleep(100).await;
    assert_eq!(html_of(&m, "clocks"), clocks);
    assert_eq!(html_of(&m, "hb"), hb);

    // The mutex fix: the editor gets the variant, which runs without a race.
    m.click("fix-mutex");
    m.wait_until("the variant in the editor", |m| {
        m.editor().value().contains("mu.Lock()")
    })
    .await;
    m.wait_until("the fixed run", |m| m.find("no-race").is_some())
        .await;
    assert!(
        !m.text_of("stderr").contains("DATA RACE"),
        "{}",
        m.text_of("stderr")
    );
    m.click("fix-back");
    m.wait_until("the original program", |m| m.editor().value() == original)
        .await;
    m.wait_until("the original's race again", |m| {
        m.find("race-item").is_some()
    })
    .await;
}

#[wasm_bindgen_test]
async fn explorer_finds_store_buffering_outcomes_and_replays_one() {
    let m = Mounted::playground().await;
    m.type_program(STORE_BUFFER);
    m.click("explore-start");
    m.wait_until("the search to end", |m| m.find("explorer-status").is_some())
        .await;
    let rows = m
        .root
        .query_selector_all("[data-testid=outcome-stdout]")
        .unwrap();
    let outs: Vec<String> = (0..rows.length())
        .filter_map(|i| rows.item(i)?.text_content())
        .collect();
    let set: BTreeSet<&str> = outs.iter().map(|s| s.trim_end()).collect();
    assert_eq!(
        set,
        BTreeSet::from(["0 0", "0 1", "1 0", "1 1"]),
        "{outs:?}"
    );
    assert!(m.text_of("explorer-bounds").contains("500"));

    // Replay the weak outcome: the Playground runs that schedule and prints it.
    let weak = outs.iter().position(|o| o.trim_end() == "0 0").unwrap();
    let buttons = m
        .root
        .query_selector_all("[data-testid=outcome-replay]")
        .unwrap();
    buttons
        .item(weak as u32)
        .unwrap()
        .dyn_into::<web_sys::HtmlElement>()
        .unwrap()
        .click();
    m.wait_until("the replayed run", |m| m.find("replaying").is_some())
        .await;
    m.wait_until("its output", |m| m.text_of("stdout") == "0 0\n")
        .await;
    assert!(m.text_of("stderr").contains("WARNING: DATA RACE"));
}

#[wasm_bindgen_test]
async fn race_widget_shows_the_happens_before_view_at_its_step() {
    let m = Mounted::widget("#/embed/race?program=seed-done-flag-race&seed=3&step=1018").await;
    m.wait_until("the graph", |m| m.count("[data-testid=hb-svg]") == 1)
        .await;
    m.wait_until("the step", |m| m.text_of("step-pos").contains("1018"))
        .await;
    assert_eq!(
        m.count("[data-testid=hb-racy]"),
        2,
        "both accesses highlighted"
    );
    assert!(m.find("race-item").is_some());
    assert!(m.find("fix-mutex").is_none(), "no fixes in a widget");
    assert!(m.text_of("embed-output").contains("WARNING: DATA RACE"));
    assert!(m.count("[data-testid=clock-row]") >= 2);
}
