//! Snapshot traces of the scheduler's signature behaviours (`UPDATE_EXPECT=1` to update after
//! checking the new trace against `runtime/proc.go`).

mod sched_support;

use expect_test::expect;
use runtime::chan::SelectCase;
use runtime::sched::{IdleOutcome, PId, SchedConfig};
use sched_support::{Op, World};

const P0: PId = PId(0);
const P1: PId = PId(1);
const P2: PId = PId(2);

#[test]
fn go_puts_the_new_goroutine_in_runnext_and_kicks_the_old_one() {
    let mut w = World::new(1, 0);
    let c = w.make(0);
    let g2 = w.go(P0);
    let g3 = w.go(P0);
    assert_eq!(w.sched.processors()[0].runnext, Some(g3));
    assert_eq!(
        w.sched.processors()[0].runq.iter().collect::<Vec<_>>(),
        [g2]
    );
    // main blocks: the newest goroutine runs next, inheriting the slice (schedtick stays 1).
    assert_eq!(w.recv(P0, Some(c)), Op::Blocked);
    w.schedule();
    assert_eq!(w.g(P0), g3);
    w.exit(P0);
    w.schedule();
    assert_eq!(w.g(P0), g2);
    assert_eq!(w.send(P0, Some(c), 7), Op::Done);
    w.exit(P0);
    w.schedule();
    expect![[r#"
        chan c1 make cap 0
        P0 runnext <- g2 (created by g1)
        P0 runnext <- g3 (created by g1)
        P0 runnext g2 -> runq tail
        chan c1 recv g1 blocks (recvq 1)
        g1 block chan receive
        P0 run g3 on M0 (runnext, schedtick 1)
        P0 g3 exit
        P0 run g2 on M0 (local runq, schedtick 2)
        chan c1 send g2 7 direct to g1
        g2 ready g1 -> P0 runnext
        P0 g2 exit
        P0 run g1 on M0 (runnext, schedtick 2)
    "#]]
    .assert_eq(&w.trace());
    w.check();
}

#[test]
fn every_61st_tick_the_global_queue_goes_first() {
    let mut w = World::new(1, 0);
    for _ in 0..70 {
        w.go(P0);
    }
    // main yields to the global queue behind 70 local goroutines.
    w.sched.gosched(P0, &mut w.events);
    w.schedule();
    while w.g(P0).0 != 1 {
        w.exit(P0);
        w.schedule();
        w.check();
    }
    let trace = w.trace();
    let runs: Vec<&str> = trace.lines().filter(|l| l.contains(" run ")).collect();
    // g71 from runnext (inheriting schedtick 1), then g2.. from the queue; once schedtick is
    // 61, main comes from the global queue, ahead of the 9 goroutines still queued locally.
    expect![[r#"
        P0 run g71 on M0 (runnext, schedtick 1)
        P0 run g2 on M0 (local runq, schedtick 2)
        P0 run g61 on M0 (local runq, schedtick 61)
        P0 run g1 on M0 (global runq, 61st tick, schedtick 62)
    "#]]
    .assert_eq(&format!(
        "{}\n{}\n{}\n{}\n",
        runs[0],
        runs[1],
        runs[runs.len() - 2],
        runs[runs.len() - 1]
    ));
    assert_eq!(w.sched.processors()[0].runq.len(), 9);
}

/// P0 and P1 both have queued goroutines; idle P2 is woken and steals half of one of them,
/// chosen by the seed.
fn steal_scenario(seed: u64) -> String {
    let mut w = World::new(3, seed);
    // g1 on P0 starts g2; P1 is woken (wakep) and steals g2 from P0's runnext; the same for
    // g3 and P2.
    w.go(P0);
    w.schedule();
    w.go(P0);
    w.schedule();
    assert_eq!(w.sched.running().len(), 3);
    // g1 on P0 and g2 on P1 each start 4 goroutines; no P is idle, so nobody steals.
    for _ in 0..4 {
        w.go(P0);
        w.go(P1);
        w.schedule();
    }
    w.check();
    w.events.clear();
    // g3 on P2 blocks forever; P2 has nothing queued and picks a victim.
    let c = w.make(0);
    w.recv(P2, Some(c));
    w.schedule();
    w.check();
    w.trace()
}

#[test]
fn a_spinning_p_steals_half_of_a_seeded_victim() {
    expect![[r#"
        chan c1 make cap 0
        chan c1 recv g3 blocks (recvq 1)
        g3 block chan receive
        P2 steal 2 from P1: g5 g7
        P2 run g7 on M2 (stolen, schedtick 2)
    "#]]
    .assert_eq(&steal_scenario(1));
    let victims: std::collections::BTreeSet<String> = (0..16)
        .map(|seed| {
            let t = steal_scenario(seed);
            t.lines()
                .find(|l| l.contains("steal"))
                .unwrap_or("")
                .to_string()
        })
        .collect();
    assert!(
        victims.len() >= 2,
        "the seed never changes the victim: {victims:?}"
    );
    assert_eq!(steal_scenario(5), steal_scenario(5));
}

#[test]
fn sysmon_retakes_a_p_stuck_in_a_syscall_and_hands_it_off() {
    let mut w = World::new(1, 0);
    let g2 = w.go(P0);
    // main enters a 1 ms syscall, leaving g2 stranded in P0's runnext.
    w.sched.entersyscall(P0, 1_000_000, &mut w.events);
    w.schedule();
    assert_eq!(
        w.idle(),
        IdleOutcome::Advanced {
            to: runtime::clock::VirtualTime(20_000)
        }
    );
    w.schedule();
    assert_eq!(w.g(P0), g2);
    w.check();
    w.work(P0, 100);
    w.exit(P0);
    w.schedule();
    // Nothing runs until the syscall returns; main finds P0 idle and takes it.
    assert!(matches!(w.idle(), IdleOutcome::Advanced { .. }));
    w.schedule();
    w.check();
    expect![[r#"
        P0 runnext <- g2 (created by g1)
        g1 enter syscall on M0, P0 in syscall
        clock 0s -> 20µs (all Ps idle)
        P0 handoff (g1 in syscall) -> M1
        P0 run g2 on M1 (runnext, schedtick 1)
        P0 g2 exit
        P0 idle, M1 parks
        clock 20.1µs -> 1ms (all Ps idle)
        g1 exit syscall on M0: acquire idle P0
    "#]]
    .assert_eq(&w.trace());
}

#[test]
fn a_goroutine_past_its_time_slice_is_preempted_to_the_global_queue() {
    let config = SchedConfig {
        gomaxprocs: 1,
        time_slice_ns: 1_000,
        ..SchedConfig::default()
    };
    let mut w = World::with_config(config, 0);
    w.go(P0);
    w.work(P0, 1_000);
    w.schedule();
    // g2 came from runnext and inherits what is left of the slice: nothing.
    w.work(P0, 1);
    w.schedule();
    w.work(P0, 10);
    w.check();
    expect![[r#"
        P0 runnext <- g2 (created by g1)
        P0 preempt g1 -> global
        P0 run g2 on M0 (runnext, schedtick 1)
        P0 preempt g2 -> global
        P0 global -> runq 1: g2
        P0 run g1 on M0 (global runq, schedtick 2)
    "#]]
    .assert_eq(&w.trace());
}

fn select_scenario(seed: u64) -> (usize, String) {
    let mut w = World::new(1, seed);
    let cs: Vec<_> = (0..3).map(|_| w.make(1)).collect();
    for (i, &c) in cs.iter().enumerate() {
        w.send(P0, Some(c), 10 * i as i64);
    }
    w.events.clear();
    let cases: Vec<SelectCase<i64>> = cs
        .iter()
        .map(|&c| SelectCase::Recv { chan: Some(c) })
        .collect();
    let Op::Chose(case) = w.select(P0, &cases, false) else {
        panic!("no case chosen")
    };
    (case, w.trace())
}

#[test]
fn select_with_several_ready_cases_follows_the_seed() {
    let traces: Vec<String> = (0..4).map(|seed| select_scenario(seed).1).collect();
    expect![[r#"
        select g1 chose case 0 of 3 (poll order 0,2,1)
        chan c1 recv g1 0 from buffer 0/1
        select g1 chose case 0 of 3 (poll order 0,1,2)
        chan c1 recv g1 0 from buffer 0/1
        select g1 chose case 0 of 3 (poll order 0,1,2)
        chan c1 recv g1 0 from buffer 0/1
        select g1 chose case 1 of 3 (poll order 1,0,2)
        chan c2 recv g1 10 from buffer 0/1
    "#]]
    .assert_eq(&traces.concat());
    let chosen: std::collections::BTreeSet<usize> = (0..32).map(|s| select_scenario(s).0).collect();
    assert_eq!(chosen.len(), 3, "every ready case must be choosable");
    for seed in 0..8 {
        assert_eq!(select_scenario(seed), select_scenario(seed));
    }
}

#[test]
fn gomaxprocs_shrink_moves_a_destroyed_ps_work_to_the_global_head() {
    let mut w = World::new(2, 0);
    w.go(P0);
    w.schedule();
    for _ in 0..3 {
        w.go(P1);
    }
    w.check();
    w.events.clear();
    let (old, here) = w.sched.procresize(P0, 1, &mut w.events);
    assert_eq!((old, here), (2, P0));
    w.check();
    w.schedule();
    expect![[r#"
        P1 preempt g2 -> global
        GOMAXPROCS 2 -> 1
        P1 destroyed, 3 -> global head: g5 g3 g4
    "#]]
    .assert_eq(&w.trace());
    let global: Vec<u64> = w.sched.global_queue().map(|g| g.0).collect();
    assert_eq!(global, [5, 3, 4, 2]);
}
