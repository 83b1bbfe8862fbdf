//! Seeking in a recorded Go run, as the Playground's player does: `sim::Recorder<Machine>`
//! under a memory budget small enough to thin its checkpoints many times, replaying through
//! the VM's burst path (`Simulation::step_many`). Every seek must show exactly the state a
//! fresh machine reaches by single steps.

use runtime::RunConfig;
use runtime::inspect::{Inspection, start_machine};
use sim::{Chooser, Recorder, Simulation, Status};

const POOL: &str = r#"package main

import (
	"fmt"
	"sync"
)

func main() {
	jobs := make(chan int, 4)
	results := make(chan int, 4)
	var wg sync.WaitGroup
	for w := 0; w < 6; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				results <- j * j
			}
		}()
	}
	go func() {
		for i := 0; i < 40; i++ {
			jobs <- i
		}
		close(jobs)
	}()
	go func() {
		wg.Wait()
		close(results)
	}()
	sum := 0
	for r := range results {
		sum += r
	}
	fmt.Println(sum)
}
"#;

#[test]
fn seeks_under_a_tight_memory_budget_match_single_steps() {
    let config = RunConfig {
        gomaxprocs: 2,
        ..RunConfig::default()
    };
    let machine = start_machine("prog.go", POOL, &config).unwrap();
    // A few machines' worth: the checkpoints are thinned (K doubled) several times.
    let budget = machine.approx_bytes() * 6;
    let mut recorder = Recorder::new(machine.clone(), Chooser::unlogged(config.seed), 16)
        .with_memory_budget(budget);
    while recorder.run(100) == Status::Running {}
    assert!(
        recorder.checkpoint_every() >= 64,
        "never thinned: K = {}",
        recorder.checkpoint_every()
    );
    assert!(recorder.checkpoint_bytes() <= budget);
    assert!(
        recorder.trace().contains("20540"),
        "the program ran to its end"
    );

    let mut fresh = machine;
    let mut chooser = Chooser::unlogged(config.seed);
    let mut events = Vec::new();
    let steps = recorder.steps();
    // Every 7th step plus the last few: checkpoint boundaries, mid-interval and the end.
    let mut at = 0;
    for target in (0..steps).step_by(7).chain(steps.saturating_sub(3)..=steps) {
        while at < target {
            fresh.step(&mut chooser, &mut events);
            at += 1;
        }
        assert_eq!(
            Inspection::of(&recorder.state_at(target)),
            Inspection::of(&fresh),
            "step {target} of {steps}"
        );
    }
}

/// Recording in batches (the VM's `run_slice_marked` up to each checkpoint) labels every
/// event with the same step as recording one instruction at a time.
#[test]
fn batched_recording_labels_events_like_single_steps() {
    for (gomaxprocs, seed) in [(1, 1), (2, 5), (4, 9)] {
        let config = RunConfig {
            gomaxprocs,
            seed,
            ..RunConfig::default()
        };
        let machine = start_machine("prog.go", POOL, &config).unwrap();
        let mut batched = Recorder::new(machine.clone(), Chooser::unlogged(seed), 1024);
        while batched.run(5000) == Status::Running {}

        let mut fresh = machine;
        let mut chooser = Chooser::unlogged(seed);
        let mut trace = String::new();
        let mut events = Vec::new();
        let mut step = 0u64;
        loop {
            events.clear();
            step += 1;
            let status = fresh.step(&mut chooser, &mut events);
            for e in &events {
                trace.push_str(&format!("{step:<6} {e}\n"));
            }
            if status == Status::Finished {
                break;
            }
        }
        assert_eq!(batched.steps(), step);
        assert_eq!(
            batched.trace(),
            trace,
            "GOMAXPROCS={gomaxprocs} seed={seed}"
        );
    }
}
