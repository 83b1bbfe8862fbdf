//! Virtual time and `checkdead`: sleeping costs nothing real, timers and syscalls keep a
//! program alive, and a program whose goroutines are all blocked forever gets Go's fatal
//! error.

mod sched_support;

use expect_test::expect;
use runtime::clock::VirtualTime;
use runtime::goroutine::GoId;
use runtime::sched::{Deadlock, IdleOutcome, PId, WaitReason};
use sched_support::{Op, World};

const P0: PId = PId(0);

#[test]
fn main_blocked_alone_is_a_deadlock() {
    let mut w = World::new(2, 0);
    let c = w.make(0);
    assert_eq!(w.recv(P0, Some(c)), Op::Blocked);
    w.schedule();
    assert_eq!(w.sched.check_dead(), Some(Deadlock::AllAsleep));
    let IdleOutcome::Deadlock(d) = w.idle() else {
        panic!("not a deadlock")
    };
    assert_eq!(
        d.to_string(),
        "fatal error: all goroutines are asleep - deadlock!"
    );
    let blocked: Vec<String> = w
        .sched
        .goroutines()
        .iter()
        .map(|r| format!("goroutine {} [{}]:", r.id.0, r.traceback_status()))
        .collect();
    assert_eq!(blocked, ["goroutine 1 [chan receive]:"]);
}

#[test]
fn main_exiting_through_goexit_with_nobody_left() {
    let mut w = World::new(1, 0);
    w.exit(P0);
    w.schedule();
    assert_eq!(w.idle(), IdleOutcome::Deadlock(Deadlock::NoGoroutines));
    assert_eq!(
        Deadlock::NoGoroutines.message(),
        "no goroutines (main called runtime.Goexit) - deadlock!"
    );
}

#[test]
fn a_sleep_jumps_the_clock_instead_of_deadlocking() {
    let mut w = World::new(1, 0);
    let g2 = w.go(P0);
    w.sched.sleep(P0, 1_000_000_000, &mut w.events);
    w.schedule();
    assert_eq!(w.g(P0), g2);
    let c = w.make(0);
    w.recv(P0, Some(c)); // g2 blocks forever
    w.schedule();
    assert_eq!(
        w.sched.check_dead(),
        None,
        "a pending timer keeps the program alive"
    );
    assert_eq!(
        w.idle(),
        IdleOutcome::Advanced {
            to: VirtualTime(1_000_000_000)
        }
    );
    w.schedule();
    assert_eq!(w.g(P0), GoId(1));
    w.exit(P0);
    w.schedule();
    assert_eq!(w.idle(), IdleOutcome::Deadlock(Deadlock::AllAsleep));
    expect![[r#"
        P0 runnext <- g2 (created by g1)
        g1 block sleep
        P0 run g2 on M0 (runnext, schedtick 1)
        chan c1 make cap 0
        chan c1 recv g2 blocks (recvq 1)
        g2 block chan receive
        P0 idle, M0 parks
        clock 0s -> 1s (all Ps idle)
        timer at 1s wakes g1
        timer ready g1 -> P0 runnext
        P0 run g1 on M0 (runnext, schedtick 1)
        P0 g1 exit
        P0 idle, M0 parks
    "#]]
    .assert_eq(&w.trace());
}

#[test]
fn a_goroutine_in_a_syscall_is_not_asleep() {
    let mut w = World::new(1, 0);
    let g2 = w.go(P0);
    w.recv(P0, None);
    w.schedule();
    assert_eq!(w.g(P0), g2);
    w.sched.entersyscall(P0, 50_000, &mut w.events);
    w.schedule();
    assert_eq!(w.sched.check_dead(), None);
    // The syscall returns at 50µs and g2 carries on; then it blocks too.
    while w.sched.current(P0).is_none() {
        assert!(matches!(w.idle(), IdleOutcome::Advanced { .. }));
        w.schedule();
    }
    assert_eq!(w.g(P0), g2);
    assert_eq!(w.sched.now(), VirtualTime(50_000));
    w.recv(P0, None);
    w.schedule();
    assert_eq!(w.idle(), IdleOutcome::Deadlock(Deadlock::AllAsleep));
    let reasons: Vec<WaitReason> = w.sched.waiting().map(|(_, r)| r).collect();
    assert_eq!(
        reasons,
        [
            WaitReason::ChanReceiveNilChan,
            WaitReason::ChanReceiveNilChan
        ]
    );
    w.check();
}

#[test]
fn program_timers_fire_back_to_the_machine() {
    let mut w = World::new(1, 0);
    let id = w.sched.add_timer(P0, 5_000, 77);
    let other = w.sched.add_timer(P0, 9_000, 78);
    assert!(w.sched.cancel_timer(other));
    assert!(!w.sched.cancel_timer(other));
    w.recv(P0, None);
    w.schedule();
    assert_eq!(
        w.idle(),
        IdleOutcome::Advanced {
            to: VirtualTime(5_000)
        }
    );
    let fired = w.sched.take_fired_timers();
    assert_eq!(fired.len(), 1);
    assert_eq!(
        (fired[0].token, fired[0].p, fired[0].at),
        (77, P0, VirtualTime(5_000))
    );
    let _ = id;
    assert_eq!(w.idle(), IdleOutcome::Deadlock(Deadlock::AllAsleep));
}

#[test]
fn busy_ps_share_the_clock() {
    // Two Ps each doing 1,000 ns of work move the clock by about 1,000 ns, not 2,000.
    let mut w = World::new(2, 0);
    w.go(PId(0));
    w.schedule();
    for _ in 0..1_000 {
        w.work(PId(0), 1);
        w.work(PId(1), 1);
    }
    assert_eq!(w.sched.now(), VirtualTime(1_000));
}
