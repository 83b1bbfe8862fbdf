//! Checkpoints share the goroutines that did not run (copy-on-write, `runtime::shared`), and
//! sharing never lets one machine see another's writes.
//!
//! A program parks 200 workers on a channel while `main` computes, so between two checkpoints
//! only `main` runs: every worker (and its closure's environment on the heap) must be the same
//! allocation in both, the recorder's memory estimate must count each worker once, and waking
//! the workers in the live machine must leave every restored state exactly as a fresh run
//! reaches it.

use runtime::Machine;
use runtime::RunConfig;
use runtime::inspect::start_machine;
use runtime::shared::Shared;
use sim::{Chooser, Recorder, Simulation, Status};

const WORKERS: usize = 200;

const PARKED: &str = r#"package main

import (
	"fmt"
	"sync"
)

func main() {
	park := make(chan int)
	var wg sync.WaitGroup
	for w := 0; w < 200; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for n := range park {
				_ = n
			}
		}()
	}
	sum := 0
	for i := 0; i < 20000; i++ {
		sum += i % 7
	}
	close(park)
	wg.Wait()
	fmt.Println(sum)
}
"#;

const EVERY: u64 = 512;

fn machine() -> (Machine, RunConfig) {
    let config = RunConfig::default();
    (start_machine("prog.go", PARKED, &config).unwrap(), config)
}

/// How many goroutines `a` and `b` hold as the same allocation.
fn shared(a: &Machine, b: &Machine) -> usize {
    a.goroutines()
        .iter()
        .zip(b.goroutines())
        .filter(|(x, y)| Shared::ptr_eq(x, y))
        .count()
}

#[test]
fn a_checkpoint_shares_the_goroutines_that_did_not_run() {
    let (machine, config) = machine();
    let mut recorder = Recorder::new(machine, Chooser::unlogged(config.seed), EVERY);
    // Into `main`'s loop: every worker has started and parked.
    recorder.run(40 * EVERY);
    let (a, b) = (recorder.state_at(30 * EVERY), recorder.state_at(31 * EVERY));
    assert_eq!(a.goroutines().len(), WORKERS + 1);
    assert!(
        shared(&a, &b) >= WORKERS,
        "only main ran between the checkpoints, yet {} of {} goroutines are shared",
        shared(&a, &b),
        WORKERS + 1
    );
    // So do their closures' environments on the heap, written once when each was made (all
    // but the arena's last chunk, which `main` may still allocate into).
    let objects = a.heap().objects.len();
    let shared_objects = b.heap().objects.shared_with(&a.heap().objects);
    assert!(
        objects >= WORKERS && shared_objects + runtime::heap_arena::CHUNK >= objects,
        "{shared_objects} of {objects} heap objects shared"
    );
    // The estimate pays for a worker once, not once per checkpoint.
    let full = b.approx_bytes();
    let unshared = b.approx_bytes_unshared(&a);
    assert!(
        unshared * 3 < full,
        "a checkpoint adds {unshared} of a full {full} bytes"
    );
    assert!(
        recorder.checkpoint_bytes() < full * recorder.checkpoint_count() / 3,
        "{} bytes for {} checkpoints of {full}",
        recorder.checkpoint_bytes(),
        recorder.checkpoint_count()
    );
    // A seek's clone shares with its checkpoint too, until it runs.
    let c = recorder.state_at(30 * EVERY);
    assert_eq!(shared(&a, &c), WORKERS + 1);
}

#[test]
fn writes_to_a_shared_goroutine_never_reach_another_machine() {
    let (machine, config) = machine();
    let mut recorder = Recorder::new(machine.clone(), Chooser::unlogged(config.seed), EVERY);
    recorder.run(40 * EVERY);
    // Mid-interval, so the restored state replays past its checkpoint too.
    let target = 35 * EVERY + EVERY / 2;
    let held = recorder.state_at(target);
    let before = format!("{held:?}");
    // Closing `park` wakes and ends every worker in the live machine: it writes each one the
    // checkpoints and `held` share.
    while recorder.run(10_000) == Status::Running {}
    assert!(
        recorder.trace().contains("59997"),
        "the program ran to its end"
    );
    assert_eq!(format!("{held:?}"), before, "a restored state changed");
    assert_eq!(format!("{:?}", recorder.state_at(target)), before);

    let mut fresh = machine;
    let mut chooser = Chooser::unlogged(config.seed);
    for _ in 0..target {
        fresh.step(&mut chooser, &mut Vec::new());
    }
    assert_eq!(
        before,
        format!("{fresh:?}"),
        "state_at differs from a fresh run"
    );
}
