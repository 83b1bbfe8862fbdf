//! Browser tests of the heap and GC views: open the lost-object example from its Gallery
//! link, jump to the first write-barrier shade and check that the heap view shows the shaded
//! object with its cause, as `Machine::gc_view` says at that step; turn the barrier off and
//! see the checker's report; move the GOGC slider and see another heap goal; and the `gc`
//! widget at a requested step.
//! Run: `CHROMEDRIVER=/usr/bin/chromedriver cargo test -p app --target wasm32-unknown-unknown --test gc`.

mod common;

use app::views::{HeapAtStep, heap};
use common::{Mounted, sleep};
use runtime::gc::view::GcView;
use runtime::inspect::{EventKind, start_machine};
use runtime::{Machine, RunConfig};
use sim::{Chooser, Recorder};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

const LOST: &str = include_str!("../src/examples/gc_lost_object.go");

/// The core's own recording of the example (seed 1, GOMAXPROCS 4, barrier on), and the
/// step of its first write-barrier shade.
fn core() -> (Recorder<Machine>, u64) {
    let machine = start_machine("prog.go", LOST, &RunConfig::default()).expect("compiles");
    // Within a memory budget, as the page records: a checkpoint of this heap is megabytes.
    let mut r = Recorder::new(machine, Chooser::new(1), 1 << 14).with_memory_budget(64 << 20);
    r.run(u64::MAX);
    let i = r
        .events()
        .iter()
        .position(|e| EventKind::of(e) == EventKind::WriteBarrier)
        .expect("the example's store runs the write barrier");
    let step = r.event_step(i);
    (r, step)
}

fn step_shown(m: &Mounted) -> u64 {
    let text = m.text_of("step-pos");
    text.split(|c: char| !c.is_ascii_digit())
        .find(|s| !s.is_empty())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no step in {text:?}"))
}

/// Like `Mounted::wait_until`, for runs of millions of steps (a debug build records the
/// example in tens of seconds).
async fn wait_long(m: &Mounted, what: &str, cond: impl Fn(&Mounted) -> bool) {
    for _ in 0..1200 {
        if cond(m) {
            return;
        }
        sleep(100).await;
    }
    panic!("timed out waiting for {what}: {}", m.text());
}

fn check(m: &Mounted, testid: &str, on: bool) {
    let input: web_sys::HtmlInputElement = m.get(testid).unchecked_into();
    input.set_checked(on);
    input
        .dispatch_event(&web_sys::Event::new("change").unwrap())
        .unwrap();
}

/// The heap view's shade lines and the graph's ringed nodes agree with the core's view.
fn assert_shades_shown(m: &Mounted, gc: &GcView) {
    assert!(!gc.shades.is_empty());
    for s in &gc.shades {
        let line = m
            .query(&format!(
                "[data-testid=gc-shade][data-obj='{}'][data-cause='{}']",
                s.object,
                heap::cause_code(s.cause)
            ))
            .unwrap_or_else(|| panic!("no line for {s:?} in {}", m.text_of("heap-view")));
        assert!(
            line.text_content()
                .unwrap_or_default()
                .contains(&format!("o{}", s.object))
        );
    }
    let first = &gc.shades[0];
    // An SVG element, not an HtmlElement: queried on the root directly.
    let node = m
        .root
        .query_selector(&format!(".gc-obj.gc-shaded[data-obj='{}']", first.object))
        .unwrap()
        .expect("the shaded object ringed in the graph");
    assert!(
        node.text_content()
            .unwrap_or_default()
            .contains(&first.object.to_string()),
        "{:?}",
        node.text_content()
    );
}

#[wasm_bindgen_test]
async fn the_lost_object_example_shows_its_barrier_shade_then_loses_the_object_without_it() {
    let (core, barrier_step) = core();
    let expected = HeapAtStep::of(&core.state_at(barrier_step));

    let m = Mounted::at(
        "#/?program=gc-lost-object&views=heap",
        &[("goscope.lang", "en"), ("goscope.theme", "light")],
    )
    .await;
    wait_long(&m, "the player", |m| m.find("player").is_some()).await;
    assert!(m.find("heap-view").is_some() && m.find("gc-timeline").is_some());
    assert!(m.find("span-view").is_some());
    m.change("kind", EventKind::WriteBarrier.code());
    m.click("kind-forward");
    m.wait_until("the first barrier shade", |m| step_shown(m) == barrier_step)
        .await;
    sleep(30).await;
    assert_shades_shown(&m, &expected.view);
    assert!(
        m.text_of("explain").contains("turned grey — write barrier"),
        "{}",
        m.text_of("explain")
    );
    assert!(m.text_of("gc-barrier").contains("on"));
    assert_eq!(
        m.get("gc-status").get_attribute("data-phase").as_deref(),
        Some("mark")
    );

    // "Next GC phase" moves on from the shade to the cycle's next phase change.
    m.change("kind", EventKind::GcPhase.code());
    m.click("kind-forward");
    m.wait_until("the next GC phase", |m| step_shown(m) > barrier_step)
        .await;

    // No barrier: the run again, and the checker reports the object freed while in use.
    assert!(m.find("gc-lost").is_none());
    check(&m, "write-barrier", false);
    wait_long(&m, "the checker's report", |m| m.find("gc-lost").is_some()).await;
    assert!(
        m.text_of("gc-lost")
            .contains("still reachable but left white"),
        "{}",
        m.text_of("gc-lost")
    );
    assert!(m.text_of("gc-barrier").contains("disabled"));
}

#[wasm_bindgen_test]
async fn the_gogc_slider_reruns_with_another_heap_goal_and_compare_runs_three() {
    // The core at the end of the run under GOGC=50 (a plain run: no recording needed).
    let config = RunConfig {
        gc: runtime::GcConfig {
            gogc: 50,
            ..runtime::GcConfig::default()
        },
        ..RunConfig::default()
    };
    let mut e = runtime::Execution::start("prog.go", LOST, &config).expect("compiles");
    while !e.advance(1 << 20) {}
    let goal_50 = e.machine().gc_view(0).heap_goal;
    drop(e);

    let m = Mounted::at(
        "#/?program=gc-lost-object&views=heap",
        &[("goscope.lang", "en"), ("goscope.theme", "light")],
    )
    .await;
    wait_long(&m, "the player", |m| m.find("player").is_some()).await;
    m.click("step-last");
    let heap_100 = {
        m.wait_until("the end", |m| m.find("gc-heap").is_some())
            .await;
        m.text_of("gc-heap")
    };
    m.change("gogc", "50");
    m.wait_until("GOGC=50 shown", |m| m.text_of("gogc-value") == "50")
        .await;
    wait_long(&m, "the new run", |m| m.find("player").is_some()).await;
    m.click("step-last");
    let want = heap::bytes(goal_50);
    m.wait_until("the GOGC=50 goal", |m| {
        m.text_of("gc-heap").ends_with(&format!("/ {want}"))
    })
    .await;
    assert_ne!(m.text_of("gc-heap"), heap_100);
    // The share link carries it.
    assert!(m.text_of("gc-status").contains("GOGC=50"));

    m.click("gc-compare");
    wait_long(&m, "three runs side by side", |m| {
        m.count("[data-testid=gc-compare-row]") == 3
    })
    .await;
    let rows = m
        .root
        .query_selector_all("[data-testid=gc-compare-row]")
        .unwrap();
    let gogc: Vec<String> = (0..rows.length())
        .filter_map(|i| rows.item(i)?.dyn_into::<web_sys::Element>().ok())
        .filter_map(|e| e.get_attribute("data-gogc"))
        .collect();
    assert_eq!(gogc, ["50", "100", "200"]);
}

#[wasm_bindgen_test]
async fn the_gc_widget_opens_at_the_requested_step() {
    let (core, barrier_step) = core();
    let expected = HeapAtStep::of(&core.state_at(barrier_step));
    let m = Mounted::widget(&format!(
        "#/embed/gc?program=gc-lost-object&step={barrier_step}&lang=en"
    ))
    .await;
    wait_long(&m, "the widget at the barrier's step", |m| {
        m.find("step-pos").is_some() && step_shown(m) == barrier_step
    })
    .await;
    sleep(30).await;
    assert!(m.find("embed-unavailable").is_none());
    assert_shades_shown(&m, &expected.view);
    assert!(m.find("gc-timeline").is_some());
}
