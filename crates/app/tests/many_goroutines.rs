//! Browser tests of the runtime views with thousands of goroutines: 2,000 goroutines parked
//! on one channel. The page stays responsive, the views aggregate (the channel's recvq and
//! the scheduler's parked row draw a few chips and say `+N` for the rest, matching the
//! core's counts), and the goroutine timeline shows the busiest rows with "show more".
//! Run: `CHROMEDRIVER=/usr/bin/chromedriver cargo test -p app --target wasm32-unknown-unknown --test many_goroutines`.

mod common;

use common::{Mounted, sleep};
use runtime::RunConfig;
use runtime::inspect::{EventKind, Inspection, start_machine};
use runtime::sched::GStatus;
use sim::{Chooser, Recorder};
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

const MANY: &str = r#"package main

import (
	"fmt"
	"sync"
)

func main() {
	start := make(chan int)
	var wg sync.WaitGroup
	for i := 0; i < 2000; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
		}()
	}
	close(start)
	wg.Wait()
	fmt.Println("done")
}
"#;

fn core_recording() -> Recorder<runtime::Machine> {
    let config = RunConfig::default();
    let machine = start_machine("prog.go", MANY, &config).expect("compiles");
    let mut r = Recorder::new(machine, Chooser::new(config.seed), 4096);
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

fn seek(m: &Mounted, step: u64) {
    m.input("scrubber", &step.to_string());
}

fn now() -> f64 {
    js_sys::Date::now()
}

#[wasm_bindgen_test]
async fn two_thousand_parked_goroutines_aggregate_and_stay_responsive() {
    let core = core_recording();
    // Just before `close(start)`: every worker waits in the channel's recvq.
    let close = core
        .events()
        .iter()
        .position(|e| EventKind::of(e) == EventKind::ChanClose)
        .expect("the program closes start");
    let step = core.event_step(close) - 1;
    let v = Inspection::of(&core.state_at(step));
    let recvq = v.chans[0].recvq.len();
    assert!(recvq > 1900, "core: {recvq} receivers");
    let parked = v
        .goroutines
        .iter()
        .filter(|g| g.status == GStatus::Waiting)
        .count();

    let m = Mounted::playground().await;
    m.type_program(MANY);
    m.click("run");
    m.wait_until("the player", |m| m.find("player").is_some())
        .await;
    let t0 = now();
    seek(&m, step);
    m.wait_until("the seek", |m| step_shown(m) == step).await;
    let took = now() - t0;
    sleep(30).await;

    // The channel: 24 receiver chips and "+N" for the rest.
    let chan = m.get("chan-c1");
    let chips = chan
        .query_selector_all("[data-testid=recvq] .qchip")
        .unwrap()
        .length() as usize;
    assert_eq!(chips, app::views::MAX_WAITERS);
    let more = chan
        .query_selector("[data-testid=recvq] .more")
        .unwrap()
        .and_then(|e| e.text_content())
        .unwrap_or_default();
    assert_eq!(more, format!("+{}", recvq - app::views::MAX_WAITERS));

    // The scheduler: a bounded number of chips, and the parked row's "+N".
    assert!(m.count("[data-testid=sched-view] [data-g]") < 200);
    let sched = m.text_of("sched-view");
    let hidden = parked - app::views::ROW_CHIPS;
    assert!(
        sched.contains(&format!("+{hidden}")),
        "no +{hidden} in {sched}"
    );

    // The goroutine timeline: the busiest rows, then more on request.
    let rows = |m: &Mounted| m.count("[data-testid=timeline-gs] .timeline-names > div") as usize;
    assert_eq!(rows(&m), app::views::G_ROWS);
    m.click("timeline-more");
    m.wait_until("more rows", |m| rows(m) > app::views::G_ROWS)
        .await;

    // Responsive: a seek among 2,000 goroutines is well under a frame budget's multiple
    // even in a debug build (the release figures are in the bench).
    assert!(took < 1000.0, "seek took {took:.0} ms");
}
