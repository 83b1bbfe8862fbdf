//! Property test of the collector over random mutator programs: for each seed a generator
//! writes a Go program that builds, links, unlinks and drops objects through locals,
//! globals, struct fields, slices, maps, closures, channels (buffered, and handed between
//! goroutines) while allocating garbage, under GOGC=1 — a 40 KB heap minimum, so it runs
//! many short GC cycles — beside a 1,000-node ballast list that keeps each mark phase long.
//!
//! Properties, checked at every step: the weak tri-colour invariant holds during mark
//! (`gc::invariant::tricolour_violations`); no reachable reference points to a freed object
//! (`gc::invariant::dangling`: at every step of a sweep, where frees happen, and every 16
//! steps otherwise) — every reachable object survived every cycle so far, which is also what
//! proves `visit_roots` complete. At the end: no mark termination left a reachable object
//! white (`Gc::lost`), and stdout and stderr equal the same program's with the collector off
//! (GOGC=off): collection never changes what a program computes. A failing seed prints the
//! generated program. Also run in `-race` mode, where the race detector's store histories
//! are roots and reused indices forget the freed object's shadow state.

use runtime::gc::invariant::{dangling, tricolour_violations};
use runtime::gc::view::GcPhase;
use runtime::{Execution, GcConfig, RunConfig};
use sim::Chooser;
use std::fmt::Write;

const VARS: [&str; 6] = ["a", "b", "c", "g0", "g1", "g2"];

/// A random mutator program for `seed`.
fn program(seed: u64, ops: usize) -> String {
    let mut ch = Chooser::new(seed);
    let mut pick = |n: usize| ch.choose("gen", n);
    let mut body = String::new();
    let mut buffered = 0usize;
    for k in 0..ops {
        let x = VARS[pick(VARS.len())];
        let y = VARS[pick(VARS.len())];
        let line = match pick(16) {
            0 | 1 => format!("{x} = mk({k})"),
            2 => format!("if {x} != nil {{ {x}.l = {y} }}"),
            3 => format!("if {x} != nil {{ {x}.r = {y} }}"),
            4 => format!("if {y} != nil {{ {x} = {y}.l }}"),
            5 => format!("if {x} != nil {{ {x}.s = append({x}.s, {y}) }}"),
            6 => format!(
                "if {x} != nil {{ if {x}.m == nil {{ {x}.m = map[int]*T{{}} }}; {x}.m[{}] = {y} }}",
                k % 5
            ),
            7 => format!(
                "if {x} != nil && {x}.m != nil {{ delete({x}.m, {}) }}",
                k % 5
            ),
            8 if buffered < 4 => {
                buffered += 1;
                format!("ch <- {y}; {y} = nil")
            }
            8 | 9 if buffered > 0 => {
                buffered -= 1;
                format!("{x} = <-ch")
            }
            10 => format!("{x} = nil"),
            11 => format!("{{ f := func() *T {{ return {y} }}; {y} = nil; {x} = f() }}"),
            12 => format!("go func(p *T) {{ hand <- p }}({y}); {y} = nil; {x} = <-hand"),
            13 => {
                format!("if t := {x}; t != nil && len(t.s) > 0 {{ {y} = t.s[0]; t.s = t.s[1:] }}")
            }
            14 => "runtime.GC()".to_string(),
            _ => format!("garbage({})", 20 + pick(200)),
        };
        let _ = writeln!(body, "\t{line}");
        if pick(6) == 0 {
            let _ = writeln!(body, "\tfmt.Println({k}, sum({x}, 5))");
        }
    }
    format!(
        r#"package main

import (
	"fmt"
	"runtime"
)

type T struct {{
	v    int
	l, r *T
	s    []*T
	m    map[int]*T
}}

var g0, g1, g2 *T
var junk []byte
var ballast *T

func mk(v int) *T {{ return &T{{v: v}} }}

func garbage(n int) {{
	for i := 0; i < n; i++ {{
		junk = make([]byte, 48)
	}}
}}

func sum(t *T, d int) int {{
	if t == nil || d == 0 {{
		return 0
	}}
	x := t.v + sum(t.l, d-1) + sum(t.r, d-1)
	for _, c := range t.s {{
		if c != nil {{
			x += c.v
		}}
	}}
	for k, c := range t.m {{
		x += k
		if c != nil {{
			x += c.v
		}}
	}}
	return x
}}

func main() {{
	for i := 0; i < 1000; i++ {{
		ballast = &T{{v: i, l: ballast}}
	}}
	var a, b, c *T
	ch := make(chan *T, 4)
	hand := make(chan *T)
	_, _ = ch, hand
{body}	fmt.Println(sum(a, 6), sum(b, 6), sum(c, 6), sum(g0, 6), sum(g1, 6), sum(g2, 6))
}}
"#
    )
}

fn config(gogc: i32, race: bool) -> RunConfig {
    RunConfig {
        race,
        max_steps: 3_000_000,
        // Two Ps: half a background worker, so each mark phase spans many steps.
        gomaxprocs: 2,
        gc: GcConfig {
            gogc,
            check: true,
            ..GcConfig::default()
        },
        ..RunConfig::default()
    }
}

#[test]
fn every_reachable_object_survives_every_cycle() {
    check_seeds(0..16, false);
}

/// In `-race` mode the race detector's store histories are roots too (a racy load may return
/// an old value), and a reused index must not inherit the freed object's shadow state.
#[test]
fn every_reachable_object_survives_under_race_detection() {
    check_seeds(100..104, true);
}

fn check_seeds(seeds: std::ops::Range<u64>, race: bool) {
    let mut cycles = 0;
    let mut marking_steps = 0u64;
    let n = seeds.end - seeds.start;
    for seed in seeds {
        let src = program(seed, 60);
        let reference = runtime::run("main.go", &src, &config(-1, race));
        assert_eq!(reference.exit_code, 0, "seed {seed}:\n{src}\n{reference:?}");
        let mut e = Execution::start("main.go", &src, &config(1, race))
            .unwrap_or_else(|o| panic!("seed {seed} does not compile: {o:?}\n{src}"));
        loop {
            let done = e.advance(1);
            let m = e.machine();
            let v = tricolour_violations(m);
            assert!(
                v.is_empty(),
                "seed {seed} step {}: tri-colour {v:?}\n{src}",
                e.steps()
            );
            // Frees happen only while sweeping (and in `runtime.GC()`): check then at every
            // step, and every 16 steps otherwise (each check walks the heap).
            let phase = m.heap().gc.phase;
            if phase == GcPhase::Sweep || e.steps().is_multiple_of(16) || done {
                let d = dangling(m);
                assert!(
                    d.is_empty(),
                    "seed {seed} step {}: dangling {d:?}\n{src}",
                    e.steps()
                );
            }
            if phase == GcPhase::Mark {
                marking_steps += 1;
            }
            if done {
                break;
            }
        }
        let m = e.machine();
        assert_eq!(m.heap().gc.lost, vec![], "seed {seed}\n{src}");
        assert_eq!(e.stdout(), reference.stdout, "seed {seed}\n{src}");
        assert_eq!(e.stderr(), reference.stderr, "seed {seed}\n{src}");
        cycles += m.heap().gc.stats.num_gc;
    }
    // The test must exercise the collector: many cycles, many steps inside a mark phase.
    assert!(cycles as u64 > 6 * n, "only {cycles} cycles");
    assert!(
        marking_steps > 1_000 * n,
        "only {marking_steps} steps during mark"
    );
    eprintln!("{cycles} cycles, {marking_steps} steps during mark");
}
