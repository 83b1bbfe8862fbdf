//! Snapshot traces of goroutines and channels running in the VM (`UPDATE_EXPECT=1 cargo test
//! -p runtime --test goroutine_trace` to update): `go` puts the new goroutine in the creator's
//! P's runnext, an unbuffered receive blocks, the sender hands the value over directly and
//! readies the receiver into its own runnext.

use expect_test::{Expect, expect};
use runtime::{Execution, RunConfig};

fn trace(src: &str, seed: u64, gomaxprocs: usize) -> String {
    let config = RunConfig {
        seed,
        gomaxprocs,
        ..Default::default()
    };
    let mut e = match Execution::start("prog.go", src, &config) {
        Ok(e) => e,
        Err(out) => panic!("does not compile:\n{}", out.stderr),
    };
    while !e.advance(1000) {}
    e.trace()
}

fn check(src: &str, gomaxprocs: usize, expect: Expect) {
    expect.assert_eq(&trace(src, 1, gomaxprocs));
}

const PING: &str = "package main

import \"fmt\"

func main() {
	ch := make(chan int)
	go func() {
		ch <- 42
	}()
	fmt.Println(<-ch)
}
";

#[test]
fn go_and_unbuffered_channel_on_one_p() {
    check(
        PING,
        1,
        expect![[r#"
            1      g1 start main.main
            3      chan c1 make cap 0
            8      P0 runnext <- g2 (created by g1)
            8      g2 start main.main.func1
            11     chan c1 recv g1 blocks (recvq 1)
            11     g1 block chan receive
            12     P0 run g2 on M0 (runnext, schedtick 1)
            15     chan c1 send g2 42 direct to g1
            15     g2 ready g1 -> P0 runnext
            16     g2 return main.main.func1
            16     P0 g2 exit
            17     P0 run g1 on M0 (runnext, schedtick 1)
            18     g1 stdout "42\n"
            21     g1 return main.main
            21     g1 exit 0
        "#]],
    );
}

#[test]
fn go_and_unbuffered_channel_on_two_ps() {
    check(
        PING,
        2,
        expect![[r#"
            1      g1 start main.main
            3      chan c1 make cap 0
            8      P0 runnext <- g2 (created by g1)
            8      wakep M1 spinning on P1
            8      g2 start main.main.func1
            9      P1 steal 1 from P0: g2
            9      P1 run g2 on M1 (stolen, schedtick 1)
            12     chan c1 send g2 42 blocks (sendq 1)
            12     g2 block chan send
            13     P1 idle, M1 parks
            15     chan c1 recv g1 42 direct from g2
            15     g1 ready g2 -> P0 runnext
            15     wakep M1 spinning on P1
            16     P1 steal 1 from P0: g2
            16     P1 run g2 on M1 (stolen, schedtick 2)
            16     g2 return main.main.func1
            16     P1 g2 exit
            17     P1 idle, M1 parks
            18     g1 stdout "42\n"
            21     g1 return main.main
            21     g1 exit 0
        "#]],
    );
}

#[test]
fn seeds_choose_different_interleavings() {
    let src = "package main

func spin(n int, done chan bool) {
	s := 0
	for i := 0; i < n; i++ {
		s += i
	}
	done <- s > 0
}

func main() {
	done := make(chan bool)
	for i := 0; i < 4; i++ {
		go spin(2000, done)
	}
	for i := 0; i < 4; i++ {
		<-done
	}
}
";
    let traces: Vec<String> = (0..6).map(|seed| trace(src, seed, 4)).collect();
    let mut distinct = traces.clone();
    distinct.sort();
    distinct.dedup();
    assert!(distinct.len() > 1, "every seed gave the same trace");
    // Same seed, same trace.
    assert_eq!(trace(src, 3, 4), traces[3]);
}

#[test]
fn deadlock_reports_every_blocked_goroutine() {
    let src = "package main

func main() {
	ch := make(chan int)
	go func() {
		ch <- 1
		ch <- 2
	}()
	<-ch
	var nilch chan int
	<-nilch
}
";
    let out = runtime::run("prog.go", src, &RunConfig::default());
    assert_eq!(out.exit_code, 2);
    expect![[r#"
        fatal error: all goroutines are asleep - deadlock!

        goroutine 1 [chan receive (nil chan)]:
        main.main()
        	prog.go:11

        goroutine 2 [chan send]:
        main.main.func1()
        	prog.go:7
        created by main.main in goroutine 1
        	prog.go:5
    "#]]
    .assert_eq(&out.stderr);
}
