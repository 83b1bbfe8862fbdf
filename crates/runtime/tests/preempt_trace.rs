//! Snapshot trace of preemption in a Go program (`runtime/proc.go`'s sysmon `retake` →
//! `preemptone`, `gopreempt_m`): a goroutine that runs past its 10 ms time slice goes to the
//! global queue. `UPDATE_EXPECT=1 cargo test -p runtime --test preempt_trace` updates it.
//! Call and return lines are left out.

use expect_test::expect;
use runtime::{Execution, RunConfig};

/// main spins for about 13 M instructions (13 ms of virtual time at 1 ns each), g2 for less.
const SPIN: &str = "package main

import \"fmt\"

func spin(id, n int) {
	s := 0
	for i := 0; i < n; i++ {
		s += i
	}
	fmt.Println(\"done\", id)
}

func main() {
	go spin(2, 300000)
	spin(1, 1000000)
}
";

#[test]
fn a_goroutine_past_its_time_slice_is_preempted() {
    // GOMAXPROCS 1. At 10 ms main is preempted to the global queue; g2 runs from runnext and
    // inherits main's slice — already used up — so it is preempted after one burst (64
    // instructions) and goes to the global queue behind main (the 61st-tick check is not
    // due, so P0 takes a batch: main runs, g2 waits in P0's local queue). main finishes its
    // loop and returns before g2 runs again: g2 never prints, as in Go.
    let config = RunConfig {
        seed: 1,
        gomaxprocs: 1,
        ..Default::default()
    };
    let mut e = Execution::start("prog.go", SPIN, &config).expect("compiles");
    while !e.advance(1_000_000) {}
    let trace: String = e
        .trace()
        .lines()
        .filter(|l| !l.contains(" call ") && !l.contains(" return "))
        .map(|l| format!("{l}\n"))
        .collect();
    assert_eq!(e.stdout(), "done 1\n");
    expect![[r#"
        1      g1 start main.main
        4      P0 runnext <- g2 (created by g1)
        4      g2 start main.spin
        10000005 P0 preempt g1 -> global
        10000005 P0 run g2 on M0 (runnext, schedtick 1)
        10000069 P0 preempt g2 -> global
        10000069 P0 global -> runq 1: g2
        10000069 P0 run g1 on M0 (global runq, schedtick 2)
        13000084 g1 stdout "done 1\n"
        13000088 g1 exit 0
    "#]]
    .assert_eq(&trace);
}

/// `RunConfig::time_slice_ns` (the Playground's "time slice", `goscope run --time-slice`):
/// with a 100 µs slice the same program is preempted every ~100 µs of virtual time, and the
/// goroutines take turns — g2 now finishes first — where Go's 10 ms slice never preempts it
/// before main returns. The setting survives GOMAXPROCS (which rebuilds the scheduler).
#[test]
fn a_shorter_time_slice_preempts_sooner() {
    let run = |time_slice_ns: u64| {
        let config = RunConfig {
            seed: 1,
            gomaxprocs: 1,
            time_slice_ns,
            ..Default::default()
        };
        let mut e = Execution::start("prog.go", SPIN, &config).expect("compiles");
        while !e.advance(1_000_000) {}
        let steps: Vec<u64> = e
            .trace()
            .lines()
            .filter(|l| l.contains(" preempt "))
            .map(|l| l.split_whitespace().next().unwrap().parse().unwrap())
            .collect();
        (e.stdout().to_owned(), steps)
    };
    let (out, preempts) = run(100_000);
    assert_eq!(out, "done 2\ndone 1\n", "g2 gets turns and finishes first");
    assert!(preempts.len() > 20, "{} preemptions", preempts.len());
    // The first comes one slice (plus the burst in progress) into the run, and no goroutine
    // then runs for much more than a slice unpreempted (a preemption that finds the queue
    // empty lets the same goroutine run on for a second slice).
    assert!(preempts[0] <= 100_000 + 64, "{preempts:?}");
    assert!(
        preempts
            .windows(2)
            .all(|w| w[1] - w[0] <= 2 * (100_000 + 64)),
        "{preempts:?}"
    );
    let (out, preempts) = run(runtime::sched::DEFAULT_TIME_SLICE_NS);
    assert_eq!(out, "done 1\n");
    assert_eq!(preempts.len(), 2);
}
