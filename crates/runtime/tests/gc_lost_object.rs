//! The lost-object scenario (`crates/app/src/examples/gc_lost_object.go`): with the hybrid
//! write barrier the node survives and the program prints what real Go prints; with the
//! barrier switched off the collector frees the node while `p` still points to it, the
//! mark-termination checker reports it, and `p.val` reads the object that reused the slot.
//! Along the way the tri-colour invariant is checked every 4,999 steps of the mark phase (each
//! check walks the 50,000-object heap; the small random programs of `gc_props.rs` check it at
//! every step).

use runtime::gc::invariant::{dangling, tricolour_violations};
use runtime::gc::view::GcPhase;
use runtime::{Execution, GcConfig, RunConfig};

const SRC: &str = include_str!("../../app/src/examples/gc_lost_object.go");
/// Real Go's output (`go build` + run, go1.27.3).
const GO_OUTPUT: &str = "p.val = 42 true\n";

fn run(barrier: bool) -> (String, Vec<(u32, u32)>, u64, usize) {
    let config = RunConfig {
        gc: GcConfig {
            write_barrier: barrier,
            check: true,
            ..GcConfig::default()
        },
        ..RunConfig::default()
    };
    let mut e = Execution::start("main.go", SRC, &config).expect("compiles");
    let mut violations = 0;
    let mut marked_steps = 0;
    loop {
        let marking = e.machine().heap().gc.phase == GcPhase::Mark;
        let done = e.advance(if marking { 4_999 } else { 20_011 });
        let m = e.machine();
        if m.heap().gc.phase == GcPhase::Mark {
            marked_steps += 1;
            if barrier {
                let v = tricolour_violations(m);
                assert!(v.is_empty(), "step {}: {v:?}", e.steps());
                assert!(dangling(m).is_empty());
            } else {
                violations += tricolour_violations(m).len();
            }
        }
        if done {
            break;
        }
    }
    let m = e.machine();
    assert!(m.heap().gc.stats.num_gc >= 2, "{:?}", m.heap().gc.stats);
    (
        e.stdout().to_string(),
        m.heap().gc.lost.clone(),
        marked_steps,
        violations,
    )
}

#[test]
fn with_the_barrier_the_node_survives() {
    let (out, lost, marked, _) = run(true);
    assert_eq!(out, GO_OUTPUT);
    assert_eq!(lost, vec![]);
    assert!(marked > 2, "the mark phase was observed {marked} times");
}

#[test]
fn without_the_barrier_a_reachable_object_is_freed_and_reported() {
    let (out, lost, _, violations) = run(false);
    assert_eq!(
        lost.len(),
        1,
        "the checker reports exactly the node: {lost:?}"
    );
    assert_eq!(
        out, "p.val = 7 true\n",
        "p reads the object that reused the node's slot"
    );
    assert!(
        violations > 0,
        "the tri-colour invariant breaks once a.f is cleared"
    );
}
