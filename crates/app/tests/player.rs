//! Browser tests of the Playground's player and runtime views: run the worker pool on two Ps,
//! step to the first work steal, and check that the scheduler and channel views show what
//! `runtime::inspect` says about that step; stepping back then forward shows the same DOM.
//! Run: `CHROMEDRIVER=/usr/bin/chromedriver cargo test -p app --target wasm32-unknown-unknown --test player`.

mod common;

use common::{Mounted, sleep};
use runtime::RunConfig;
use runtime::inspect::{EventKind, Inspection, start_machine};
use sim::{Chooser, Recorder};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

const POOL: &str = include_str!("../../../tests/go/sync_worker_pool.go");

/// The core's own recording of the same run (seed 1, GOMAXPROCS 2).
fn core_recording() -> Recorder<runtime::Machine> {
    let config = RunConfig {
        seed: 1,
        gomaxprocs: 2,
        ..RunConfig::default()
    };
    let machine = start_machine("prog.go", POOL, &config).expect("compiles");
    let mut r = Recorder::new(machine, Chooser::new(1), 256);
    r.run(u64::MAX);
    r
}

fn step_shown(m: &Mounted) -> u64 {
    // "Step 42 / 805"
    let text = m.text_of("step-pos");
    text.split_whitespace()
        .nth(1)
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no step in {text:?}"))
}

/// `(g, data-where, class)` of every goroutine chip, in DOM order.
fn chips(m: &Mounted) -> Vec<(String, String, String)> {
    let list = m.root.query_selector_all(".chip").unwrap();
    (0..list.length())
        .filter_map(|i| list.item(i)?.dyn_into::<web_sys::Element>().ok())
        .map(|e| {
            (
                e.get_attribute("data-g").unwrap_or_default(),
                e.get_attribute("data-where").unwrap_or_default(),
                e.get_attribute("class").unwrap_or_default(),
            )
        })
        .collect()
}

/// The scheduler and channel views agree with the core's inspection at `step`.
fn assert_views_match(m: &Mounted, core: &Recorder<runtime::Machine>, step: u64) {
    let v = Inspection::of(&core.state_at(step));
    let chips = chips(m);
    let where_of = |g: u64| {
        chips
            .iter()
            .find(|c| c.0 == g.to_string())
            .map(|c| c.1.clone())
    };
    for p in &v.procs {
        if let Some(g) = p.running {
            assert_eq!(where_of(g), Some(format!("P{} run", p.id)), "step {step}");
        }
        if let Some(g) = p.runnext {
            assert_eq!(where_of(g), Some(format!("P{} next", p.id)), "step {step}");
        }
        for (j, g) in p.runq.iter().enumerate() {
            assert_eq!(where_of(*g), Some(format!("P{} q{j}", p.id)), "step {step}");
        }
    }
    for (j, g) in v.global.iter().enumerate() {
        assert_eq!(where_of(*g), Some(format!("global {j}")), "step {step}");
    }
    for g in &v.goroutines {
        let chip = chips.iter().find(|c| c.0 == g.id.to_string());
        if let Some(chip) = chip {
            assert!(
                chip.2.contains(app::views::state_class(g)),
                "{chip:?} vs {g:?}"
            );
        }
    }
    assert_eq!(
        m.count(".chan"),
        v.chans.len() as u32,
        "channels at step {step}"
    );
    for c in &v.chans {
        let text = m.text_of(&format!("chan-c{}", c.id));
        assert!(
            text.contains(&format!("cap {} · len {}", c.cap, c.len)),
            "{text}"
        );
        for value in c.slots.iter().flatten() {
            assert!(text.contains(value.as_str()), "{value} not in {text}");
        }
        for w in c.sendq.iter().chain(&c.recvq) {
            assert!(
                text.contains(&format!("g{}", w.g)),
                "g{} not in {text}",
                w.g
            );
        }
    }
}

#[wasm_bindgen_test]
async fn step_to_a_steal_and_back_matches_the_core() {
    let core = core_recording();
    let steal_event = core
        .events()
        .iter()
        .position(|e| EventKind::of(e) == EventKind::Steal)
        .expect("the worker pool steals on 2 Ps");
    let steal_step = core.event_step(steal_event);

    let m = Mounted::playground().await;
    m.type_program(POOL);
    m.change("gomaxprocs", "2");
    m.click("run");
    m.wait_until("the player", |m| m.find("player").is_some())
        .await;
    assert_eq!(step_shown(&m), 0);
    assert_views_match(&m, &core, 0);

    // The default "jump to" kind is steal.
    m.click("kind-forward");
    m.wait_until("the first steal", |m| step_shown(m) == steal_step)
        .await;
    sleep(30).await;
    assert_views_match(&m, &core, steal_step);
    assert!(
        m.text_of("explain").contains("stole"),
        "{}",
        m.text_of("explain")
    );
    assert!(
        m.count(".lane-hot") >= 2,
        "thief and victim lanes highlighted"
    );
    // The URL follows once the step settles (debounced: replaceState is slow).
    m.wait_until("the step in the URL", |_| {
        let hash = web_sys::window().unwrap().location().hash().unwrap();
        hash.contains(&format!("step={steal_step}"))
    })
    .await;

    let sched = m.text_of("sched-view");
    let chans = m.text_of("chan-view");
    let placed = chips(&m);

    m.click("event-back");
    m.wait_until("a step back", |m| step_shown(m) < steal_step)
        .await;
    let back = step_shown(&m);
    sleep(30).await;
    assert_views_match(&m, &core, back);

    m.click("event-forward");
    m.wait_until("forward again", |m| step_shown(m) == steal_step)
        .await;
    sleep(30).await;
    assert_eq!(m.text_of("sched-view"), sched);
    assert_eq!(m.text_of("chan-view"), chans);
    assert_eq!(chips(&m), placed);
}

#[wasm_bindgen_test]
async fn keys_drive_the_player_but_not_inside_the_editor() {
    let m = Mounted::playground().await;
    m.type_program(POOL);
    m.click("run");
    m.wait_until("the player", |m| m.find("player").is_some())
        .await;
    let key = |target: &web_sys::EventTarget, key: &str| {
        let init = web_sys::KeyboardEventInit::new();
        init.set_key(key);
        init.set_bubbles(true);
        init.set_cancelable(true);
        let e =
            web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap();
        target.dispatch_event(&e).unwrap();
    };
    let body: web_sys::EventTarget = common::document().body().unwrap().into();
    // The player's key listener is installed by an effect after its first render.
    sleep(100).await;
    key(&body, "End");
    m.wait_until("End", |m| {
        let text = m.text_of("step-pos");
        text.rsplit(' ').next().and_then(|n| n.parse().ok()) == Some(step_shown(m))
    })
    .await;
    key(&body, "Home");
    m.wait_until("Home", |m| step_shown(m) == 0).await;
    key(&body, "ArrowRight");
    m.wait_until("→", |m| step_shown(m) > 0).await;
    let here = step_shown(&m);
    let editor: web_sys::EventTarget = m.editor().into();
    key(&editor, "ArrowRight");
    sleep(60).await;
    assert_eq!(step_shown(&m), here, "keys typed in the editor stay there");
}

/// A `select` step shows every case in the seeded poll order and why the chosen one won:
/// the cases polled before it were not ready, the rest were not polled.
#[wasm_bindgen_test]
async fn a_select_step_shows_every_case_and_why() {
    const SELECT: &str = include_str!("../../../tests/go/select_quit.go");
    let config = RunConfig::default();
    let machine = start_machine("prog.go", SELECT, &config).expect("compiles");
    let mut core = Recorder::new(machine, Chooser::new(config.seed), 256);
    core.run(u64::MAX);
    let (step, case, order, cases) = core
        .events()
        .iter()
        .enumerate()
        .find_map(|(i, e)| match e {
            runtime::Event::Sched(runtime::sched::SchedEvent::SelectChoose {
                case,
                order,
                cases,
                ..
            }) => Some((core.event_step(i), *case, order.clone(), cases.clone())),
            _ => None,
        })
        .expect("the program selects");
    // Each case names its channel as the channel cards do.
    let op = |i: usize| match cases[i] {
        runtime::sched::CaseChan {
            chan: Some(c),
            send: false,
        } => format!("<-{c}"),
        runtime::sched::CaseChan {
            chan: Some(c),
            send: true,
        } => format!("{c}<-"),
        _ => "nil".to_owned(),
    };

    let m = Mounted::playground().await;
    m.type_program(SELECT);
    m.click("run");
    m.wait_until("the player", |m| m.find("player").is_some())
        .await;
    m.change("kind", "select");
    m.click("kind-forward");
    m.wait_until("the first select", |m| step_shown(m) == step)
        .await;
    sleep(30).await;
    let why = m.text_of("select-why");
    let pos = order.iter().position(|&i| i == case).unwrap();
    assert!(
        why.contains(&format!("case {case} {}: ready → chosen", op(case))),
        "{why}"
    );
    for &i in &order[..pos] {
        assert!(
            why.contains(&format!("case {i} {}: not ready", op(i))),
            "{why}"
        );
    }
    for &i in &order[pos + 1..] {
        assert!(
            why.contains(&format!("case {i} {}: not polled", op(i))),
            "{why}"
        );
    }
    assert_eq!(
        m.count("[data-testid=select-why] .select-case"),
        order.len() as u32
    );
}

/// Each explanation links to the seed chapter that teaches it: a steal is the scheduler's
/// (2.2), and the link opens that chapter's section of the Gallery, scrolled into view.
#[wasm_bindgen_test]
async fn explanations_link_to_their_chapter() {
    let m = Mounted::playground().await;
    m.type_program(POOL);
    m.change("gomaxprocs", "2");
    m.click("run");
    m.wait_until("the player", |m| m.find("player").is_some())
        .await;
    // The default "jump to" kind is steal.
    m.click("kind-forward");
    m.wait_until("an explanation with a chapter link", |m| {
        m.query("[data-testid=explain] .chapter-link").is_some()
    })
    .await;
    let link = m
        .query("[data-testid=explain] .chapter-link")
        .expect("a chapter link");
    assert_eq!(
        link.get_attribute("href").as_deref(),
        Some("#/gallery?chapter=2.2")
    );
    assert_eq!(link.text_content().as_deref(), Some("§2.2"));
    link.click();
    m.wait_until("the scheduler chapter's section", |m| {
        m.find("chapter-2.2").is_some()
    })
    .await;
    m.wait_until("the section scrolled into view", |m| {
        m.find("chapter-2.2")
            .is_some_and(|e| e.get_bounding_client_rect().top() < 200.0)
    })
    .await;
    assert!(
        m.query("[data-testid=\"chapter-2.2\"] [data-testid=open-seed-worker-pool]")
            .is_some(),
        "the worker pool is one of its examples"
    );
    web_sys::window().unwrap().location().set_hash("/").unwrap();
    sleep(200).await;
}

/// The time-slice setting: Go's 10 ms never preempts this short CPU-bound program; at 20 µs
/// the player finds preemptions, at the steps the core records for that setting.
#[wasm_bindgen_test]
async fn a_shorter_time_slice_shows_preemption() {
    const SPIN: &str = "package main\n\nimport \"fmt\"\n\nfunc spin(id, n int) {\n\ts := 0\n\tfor i := 0; i < n; i++ {\n\t\ts += i\n\t}\n\tfmt.Println(\"done\", id)\n}\n\nfunc main() {\n\tgo spin(2, 30000)\n\tspin(1, 100000)\n}\n";
    let config = RunConfig {
        gomaxprocs: 1,
        time_slice_ns: 20_000,
        ..RunConfig::default()
    };
    let machine = start_machine("prog.go", SPIN, &config).expect("compiles");
    let mut core = Recorder::new(machine, Chooser::new(config.seed), 256);
    core.run(u64::MAX);
    let first = core
        .events()
        .iter()
        .enumerate()
        .find(|(_, e)| runtime::inspect::EventFacts::of(e).kind == EventKind::Preempt)
        .map(|(i, _)| core.event_step(i))
        .expect("a 20 µs slice preempts");

    let m = Mounted::playground().await;
    m.type_program(SPIN);
    m.change("gomaxprocs", "1");
    m.change("time-slice", "20000");
    m.click("run");
    m.wait_until("the player", |m| m.find("player").is_some())
        .await;
    m.change("kind", "preempt");
    m.click("kind-forward");
    m.wait_until("the first preemption", |m| step_shown(m) == first)
        .await;
    sleep(30).await;
    assert!(
        m.text_of("explain").contains("preempted"),
        "{}",
        m.text_of("explain")
    );
}
