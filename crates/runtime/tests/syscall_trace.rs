//! Snapshot traces of blocking system calls made by programs (`syscall.Nanosleep`), through
//! the scheduler's `entersyscall` / sysmon `retake` + `handoffp` / `exitsyscall`
//! (`runtime/proc.go`). `UPDATE_EXPECT=1 cargo test -p runtime --test syscall_trace` updates
//! them. Call and return lines are left out: the scheduler's decisions are the point.

use expect_test::{Expect, expect};
use runtime::{Execution, RunConfig};

fn trace(src: &str, gomaxprocs: usize) -> (String, String) {
    let config = RunConfig {
        seed: 1,
        gomaxprocs,
        ..Default::default()
    };
    let mut e = match Execution::start("prog.go", src, &config) {
        Ok(e) => e,
        Err(out) => panic!("does not compile:\n{}", out.stderr),
    };
    while !e.advance(1000) {}
    let lines: String = e
        .trace()
        .lines()
        .filter(|l| !l.contains(" call ") && !l.contains(" return "))
        .map(|l| format!("{l}\n"))
        .collect();
    (lines, e.stdout().to_string())
}

fn check(src: &str, gomaxprocs: usize, stdout: &str, expect: Expect) {
    let (trace, out) = trace(src, gomaxprocs);
    assert_eq!(out, stdout);
    expect.assert_eq(&trace);
}

/// main makes a 50 µs syscall while g2, which needs about 260 µs of work, waits in P0's
/// runnext.
const HANDOFF: &str = "package main

import (
	\"fmt\"
	\"syscall\"
)

func main() {
	done := make(chan int)
	go func() {
		n := 0
		for i := 0; i < 20000; i++ {
			n += i
		}
		done <- n
	}()
	syscall.Nanosleep(&syscall.Timespec{Nsec: 50000}, nil)
	fmt.Println(\"back\")
	fmt.Println(<-done)
}
";

#[test]
fn long_syscall_hands_the_p_off_and_returns_to_the_global_queue() {
    // GOMAXPROCS 1: main enters the syscall, P0 sits in _Psyscall with g2 queued; nothing
    // runs, so the clock jumps to sysmon's first look (20 µs), which retakes P0 and hands it
    // to a new M1 that runs g2. At 50 µs the syscall returns; P0 is M1's now and there is no
    // other P, so main goes to the global queue and M0 parks (exitsyscall0). main runs again
    // only when g2 blocks.
    check(
        HANDOFF,
        1,
        "back\n199990000\n",
        expect![[r#"
            1      g1 start main.main
            3      chan c1 make cap 0
            8      P0 runnext <- g2 (created by g1)
            8      g2 start main.main.func1
            14     g1 enter syscall on M0, P0 in syscall
            15     clock 14ns -> 20.008µs (all Ps idle)
            15     P0 handoff (g1 in syscall) -> M1
            15     P0 run g2 on M1 (runnext, schedtick 1)
            30031  g1 exit syscall on M0: no P, g1 -> global, M0 parks
            260026 chan c1 send g2 199990000 blocks (sendq 1)
            260026 g2 block chan send
            260027 P0 run g1 on M1 (global runq, schedtick 2)
            260030 g1 stdout "back\n"
            260035 chan c1 recv g1 199990000 direct from g2
            260035 g1 ready g2 -> P0 runnext
            260037 g1 stdout "199990000\n"
            260040 g1 exit 0
        "#]],
    );
}

#[test]
fn with_an_idle_p_the_syscall_returns_onto_it() {
    // GOMAXPROCS 2: g2 was stolen by P1. With nothing queued on P0 and no idle or spinning
    // P (P1 is busy), sysmon still retakes P0 at its first look; handoffp finds no work, so
    // the new M2 spins, finds nothing and parks, leaving P0 idle. When the syscall returns,
    // main acquires the idle P0 and carries on while g2 is still computing.
    check(
        HANDOFF,
        2,
        "back\n199990000\n",
        expect![[r#"
            1      g1 start main.main
            3      chan c1 make cap 0
            8      P0 runnext <- g2 (created by g1)
            8      wakep M1 spinning on P1
            8      g2 start main.main.func1
            9      P1 steal 1 from P0: g2
            9      P1 run g2 on M1 (stolen, schedtick 1)
            206    g1 enter syscall on M0, P0 in syscall
            40143  P0 handoff (g1 in syscall) -> M2
            40143  P0 idle, M2 parks
            50255  g1 exit syscall on M0: acquire idle P0
            50258  g1 stdout "back\n"
            50263  chan c1 recv g1 blocks (recvq 1)
            50263  g1 block chan receive
            50264  P0 idle, M0 parks
            260035 chan c1 send g2 199990000 direct to g1
            260035 g2 ready g1 -> P1 runnext
            260035 wakep M0 spinning on P0
            260036 P0 steal 1 from P1: g1
            260036 P0 run g1 on M0 (stolen, schedtick 2)
            260036 P1 g2 exit
            260037 P1 idle, M1 parks
            260038 g1 stdout "199990000\n"
            260041 g1 exit 0
        "#]],
    );
}

#[test]
fn short_syscall_takes_its_own_p_back() {
    // 5 µs is shorter than sysmon's 20 µs tick: nobody retakes P0, and exitsyscall's fast
    // path finds it still in _Psyscall and reacquires it.
    check(
        "package main

import (
	\"fmt\"
	\"syscall\"
)

func main() {
	err := syscall.Nanosleep(&syscall.Timespec{Nsec: 5000}, nil)
	fmt.Println(err)
}
",
        1,
        "<nil>\n",
        expect![[r#"
            1      g1 start main.main
            6      g1 enter syscall on M0, P0 in syscall
            7      clock 6ns -> 5µs (all Ps idle)
            7      g1 exit syscall on M0: reacquire P0
            9      g1 stdout "<nil>\n"
            12     g1 exit 0
        "#]],
    );
}
