//! Browser test of the values view (seed 2.4): open the interface-costs example from the
//! Gallery's link (it runs at once), jump by the "interface op" kind to the first method call
//! through an interface, and check that the view draws the iface's itab with the `fun[i]` slot
//! the call used highlighted — the same itab, slot and locals as the core's inspection at that
//! step. Run: `CHROMEDRIVER=/usr/bin/chromedriver cargo test -p app --target
//! wasm32-unknown-unknown --test values`.

mod common;

use common::Mounted;
use runtime::iface_event::IfaceEvent;
use runtime::inspect::{Inspection, start_machine};
use runtime::{Event, RunConfig};
use sim::{Chooser, Recorder};
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

const SOURCE: &str = include_str!("../src/examples/interface_costs.go");

fn core_recording() -> Recorder<runtime::Machine> {
    let machine = start_machine("prog.go", SOURCE, &RunConfig::default()).expect("compiles");
    let mut r = Recorder::new(machine, Chooser::new(1), 256);
    r.run(u64::MAX);
    r
}

fn step_shown(m: &Mounted) -> u64 {
    let text = m.text_of("step-pos");
    text.split_whitespace()
        .nth(1)
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no step in {text:?}"))
}

#[wasm_bindgen_test]
async fn an_interface_call_highlights_its_itab_slot() {
    let core = core_recording();
    let (i, index) = core
        .events()
        .iter()
        .enumerate()
        .find_map(|(i, e)| match e {
            Event::Iface(IfaceEvent::Dispatch { index, .. }) => Some((i, *index)),
            _ => None,
        })
        .expect("the example calls through an interface");
    let call_step = core.event_step(i);
    let view = Inspection::of(&core.state_at(call_step));
    // The caller's frame (below the callee's) holds `s`, the iface.
    let s = view.frames[1]
        .locals
        .iter()
        .find(|l| l.name == "s")
        .expect("main has s");
    let tab = s
        .iface
        .as_ref()
        .and_then(|w| w.itab.as_ref())
        .expect("an itab");
    let used = &tab.fun[index as usize];
    assert_eq!(used.func, "main.Rect.Area");

    let m = Mounted::at("#/?program=seed-interface-costs&views=values&lang=en", &[]).await;
    m.wait_until("the player", |m| m.find("player").is_some())
        .await;
    m.wait_until("the values view", |m| m.find("values-view").is_some())
        .await;
    m.change("kind", "iface");
    for _ in 0..8 {
        if step_shown(&m) >= call_step {
            break;
        }
        let before = step_shown(&m);
        m.click("kind-forward");
        m.wait_until("the next interface op", |m| step_shown(m) != before)
            .await;
    }
    assert_eq!(
        step_shown(&m),
        call_step,
        "jumped to the first interface call"
    );

    let view_el = m.get("values-view");
    let text = view_el.text_content().unwrap_or_default();
    // The one-line explanation of the dispatch.
    assert!(
        text.contains(&format!("loads itab.fun[{index}] and calls main.Rect.Area")),
        "{text}"
    );
    // The itab box with every fun[] slot the core lists, and the used one highlighted.
    let itab = view_el
        .query_selector("[data-testid=local-s] + tr [data-testid=itab]")
        .ok()
        .flatten()
        .expect("s's itab box");
    let itab_text = itab.text_content().unwrap_or_default();
    assert!(
        itab_text.contains(&format!("inter  {}", tab.inter)),
        "{itab_text}"
    );
    for (k, f) in tab.fun.iter().enumerate() {
        let row = format!("fun[{k}] {} → {}", f.method, f.func);
        assert!(itab_text.contains(&row), "{row} not in {itab_text}");
    }
    let hits = itab.query_selector_all("[data-testid=fun-hit]").unwrap();
    assert_eq!(hits.length(), 1, "exactly one highlighted slot");
    // The highlighted rect is the row of fun[index]: header + inter, _type, hash rows.
    let hit = hits.item(0).unwrap();
    let el: &web_sys::Element = wasm_bindgen::JsCast::unchecked_ref(&hit);
    let y: u32 = el
        .get_attribute("y")
        .and_then(|y| y.parse().ok())
        .unwrap_or(0);
    assert_eq!(y, 20 * (4 + index), "the highlighted row is fun[{index}]");
    // Locals agree with the core, slot by slot, in both frames.
    let rows = view_el.query_selector_all("tr[data-slot]").unwrap();
    let core_rows: Vec<String> = view
        .frames
        .iter()
        .flat_map(|f| &f.locals)
        .map(|l| format!("{}{}{}", l.name, l.ty, l.text))
        .collect();
    let dom_rows: Vec<String> = (0..rows.length())
        .map(|i| rows.item(i).unwrap().text_content().unwrap_or_default())
        .collect();
    assert_eq!(dom_rows, core_rows);
}

#[wasm_bindgen_test]
async fn the_type_switch_example_lists_its_comparisons_in_chinese() {
    let m = Mounted::at("#/?program=type-switch&views=values&lang=zh", &[]).await;
    m.wait_until("the values view", |m| m.find("values-view").is_some())
        .await;
    m.change("kind", "iface");
    // Jump through interface ops until a type-switch case matched.
    for _ in 0..12 {
        if m.find("vals-cases").is_some() && m.text_of("vals-cases").contains("命中") {
            break;
        }
        let before = step_shown(&m);
        m.click("kind-forward");
        m.wait_until("the next interface op", |m| step_shown(m) != before)
            .await;
    }
    let cases = m.text_of("vals-cases");
    // describe(42): case 1 (int) matches after comparing hashes and types.
    assert!(
        cases.contains("case 1 int: 哈希相等，类型相等 → 命中"),
        "{cases}"
    );
    assert!(m.text_of("values-view").contains("变量与接口值"));
}
