//! Channel semantics against `runtime/chan.go` and `select.go`: hand-off, buffering, close,
//! nil channels, every misuse panic with Go's message, and select's blocking path.

mod sched_support;

use expect_test::expect;
use runtime::chan::{ChanPanic, SelectCase};
use runtime::goroutine::GoId;
use runtime::sched::{GStatus, PId, WaitReason};
use sched_support::{Op, World};

const P0: PId = PId(0);

fn status(w: &World, g: GoId) -> (GStatus, Option<WaitReason>) {
    let r = w.sched.goroutine(g).unwrap();
    (r.status, r.wait_reason)
}

#[test]
fn panic_messages_are_gos() {
    assert_eq!(
        ChanPanic::SendOnClosed.to_string(),
        "send on closed channel"
    );
    assert_eq!(
        ChanPanic::CloseOfClosed.to_string(),
        "close of closed channel"
    );
    assert_eq!(ChanPanic::CloseOfNil.to_string(), "close of nil channel");
}

#[test]
fn send_on_a_closed_channel_panics() {
    let mut w = World::new(1, 0);
    let c = w.make(1);
    assert_eq!(w.close(P0, Some(c)), Op::Done);
    assert_eq!(
        w.send(P0, Some(c), 1),
        Op::Panicked(ChanPanic::SendOnClosed)
    );
    expect![[r#"
        chan c1 make cap 1
        chan c1 close by g1
        chan c1 panic in g1: send on closed channel
        P0 g1 exit
    "#]]
    .assert_eq(&w.trace());
}

#[test]
fn close_of_a_closed_channel_panics() {
    let mut w = World::new(1, 0);
    let c = w.make(0);
    w.close(P0, Some(c));
    assert_eq!(w.close(P0, Some(c)), Op::Panicked(ChanPanic::CloseOfClosed));
}

#[test]
fn close_of_a_nil_channel_panics() {
    let mut w = World::new(1, 0);
    assert_eq!(w.close(P0, None), Op::Panicked(ChanPanic::CloseOfNil));
    assert!(
        w.trace()
            .contains("chan nil panic in g1: close of nil channel")
    );
}

#[test]
fn a_select_send_case_on_a_closed_channel_panics() {
    let mut w = World::new(1, 0);
    let c = w.make(0);
    w.close(P0, Some(c));
    let cases = [SelectCase::Send {
        chan: Some(c),
        value: 1,
    }];
    assert_eq!(
        w.select(P0, &cases, true),
        Op::Panicked(ChanPanic::SendOnClosed)
    );
}

#[test]
fn a_blocked_sender_panics_when_the_channel_is_closed() {
    let mut w = World::new(1, 0);
    let c = w.make(0);
    let g2 = w.go(P0);
    w.recv(P0, None); // main blocks forever on a nil channel
    w.schedule();
    assert_eq!(w.send(P0, Some(c), 5), Op::Blocked);
    assert_eq!(
        status(&w, g2),
        (GStatus::Waiting, Some(WaitReason::ChanSend))
    );
    // A third goroutine closes the channel.
    let _ = w.sched.ready(
        GoId(1),
        runtime::sched::Waker::Timer { p: P0 },
        &mut w.events,
    );
    w.schedule();
    w.close(P0, Some(c));
    let wake = &w.delivered[&g2];
    assert!(!wake.ok, "a sender woken by close must panic on resume");
    assert_eq!(status(&w, g2), (GStatus::Runnable, None));
    w.check();
}

#[test]
fn nil_channels_block_forever_with_gos_reasons() {
    let mut w = World::new(1, 0);
    let g2 = w.go(P0);
    assert_eq!(w.recv(P0, None), Op::Blocked);
    w.schedule();
    assert_eq!(w.send(P0, None, 1), Op::Blocked);
    assert_eq!(
        status(&w, GoId(1)).1.map(|r| r.to_string()).as_deref(),
        Some("chan receive (nil chan)")
    );
    assert_eq!(
        status(&w, g2).1.map(|r| r.to_string()).as_deref(),
        Some("chan send (nil chan)")
    );
    w.schedule();
    w.check();
    assert_eq!(
        w.idle(),
        runtime::sched::IdleOutcome::Deadlock(runtime::sched::Deadlock::AllAsleep)
    );
}

#[test]
fn unbuffered_send_hands_off_directly_to_a_waiting_receiver() {
    let mut w = World::new(1, 0);
    let c = w.make(0);
    let g2 = w.go(P0);
    assert_eq!(w.recv(P0, Some(c)), Op::Blocked);
    w.schedule();
    assert_eq!(w.g(P0), g2);
    assert_eq!(w.send(P0, Some(c), 42), Op::Done);
    let wake = &w.delivered[&GoId(1)];
    assert_eq!((wake.value, wake.ok), (Some(42), true));
    assert_eq!(
        w.chans.get(c).unwrap().len(),
        0,
        "a hand-off never touches the buffer"
    );
    w.check();
}

#[test]
fn a_full_buffer_blocks_and_a_receive_refills_it_from_the_first_sender() {
    let mut w = World::new(1, 0);
    let c = w.make(2);
    assert_eq!(w.send(P0, Some(c), 1), Op::Done);
    assert_eq!(w.send(P0, Some(c), 2), Op::Done);
    let g2 = w.go(P0);
    let g3 = w.go(P0);
    assert_eq!(w.send(P0, Some(c), 3), Op::Blocked); // g1
    w.schedule();
    assert_eq!(w.g(P0), g3);
    assert_eq!(w.send(P0, Some(c), 4), Op::Blocked); // g3
    w.schedule();
    assert_eq!(w.g(P0), g2);
    w.check();
    let ch = w.chans.get(c).unwrap();
    assert_eq!(ch.sendq().goroutines(), [GoId(1), g3]);
    assert_eq!(ch.buffered(), [1, 2]);
    assert_eq!(w.recv(P0, Some(c)), Op::Received(1, true));
    let ch = w.chans.get(c).unwrap();
    assert_eq!(
        ch.buffered(),
        [2, 3],
        "g1's value moved into the freed slot"
    );
    assert_eq!((ch.recvx(), ch.sendx()), (1, 1));
    assert_eq!(w.recv(P0, Some(c)), Op::Received(2, true));
    assert_eq!(w.recv(P0, Some(c)), Op::Received(3, true));
    assert_eq!(w.recv(P0, Some(c)), Op::Received(4, true));
    w.check();
    let t = w.trace();
    let recvs: Vec<&str> = t.lines().filter(|l| l.contains(" recv ")).collect();
    expect![[r#"
        chan c1 recv g2 1 from buffer 2/2, g1's value moves in
        chan c1 recv g2 2 from buffer 2/2, g3's value moves in
        chan c1 recv g2 3 from buffer 1/2
        chan c1 recv g2 4 from buffer 0/2"#]]
    .assert_eq(&recvs.join("\n"));
}

#[test]
fn close_wakes_every_receiver_with_the_zero_value_first_receiver_in_runnext() {
    let mut w = World::new(1, 0);
    let c = w.make(0);
    let gs: Vec<GoId> = (0..3).map(|_| w.go(P0)).collect();
    // Each goroutine blocks receiving; main last... main closes.
    w.sched.gosched(P0, &mut w.events);
    w.schedule();
    for _ in 0..3 {
        assert_eq!(w.recv(P0, Some(c)), Op::Blocked);
        w.schedule();
    }
    assert_eq!(w.g(P0), GoId(1));
    let waiting = w.chans.get(c).unwrap().recvq().goroutines();
    w.close(P0, Some(c));
    for g in &gs {
        let wake = &w.delivered[g];
        assert_eq!((wake.value, wake.ok), (Some(0), false));
    }
    assert_eq!(w.sched.processors()[0].runnext, Some(waiting[0]));
    assert_eq!(w.recv(P0, Some(c)), Op::Received(0, false));
    w.check();
}

#[test]
fn a_blocked_select_is_woken_by_one_case_and_withdrawn_from_the_others() {
    let mut w = World::new(1, 0);
    let a = w.make(0);
    let b = w.make(0);
    let g2 = w.go(P0);
    let cases = [
        SelectCase::Recv { chan: Some(a) },
        SelectCase::Send {
            chan: Some(b),
            value: 9,
        },
        SelectCase::Recv { chan: None },
    ];
    assert_eq!(w.select(P0, &cases, false), Op::Blocked);
    assert_eq!(
        status(&w, GoId(1)),
        (GStatus::Waiting, Some(WaitReason::Select))
    );
    w.check();
    w.schedule();
    assert_eq!(w.g(P0), g2);
    assert_eq!(w.recv(P0, Some(b)), Op::Received(9, true));
    let wake = &w.delivered[&GoId(1)];
    assert_eq!((wake.case, wake.ok), (Some(1), true));
    assert!(
        w.chans.get(a).unwrap().recvq().is_empty(),
        "withdrawn from a"
    );
    w.check();
    expect![[r#"
        chan c1 make cap 0
        chan c2 make cap 0
        P0 runnext <- g2 (created by g1)
        select g1 blocks on 3 cases
        g1 block select
        P0 run g2 on M0 (runnext, schedtick 1)
        chan c2 recv g2 9 direct from g1
        g2 ready g1 -> P0 runnext
    "#]]
    .assert_eq(&w.trace());
}

#[test]
fn select_default_and_empty_select() {
    let mut w = World::new(1, 0);
    let c = w.make(0);
    assert_eq!(
        w.select(P0, &[SelectCase::Recv { chan: Some(c) }], true),
        Op::Default
    );
    assert_eq!(w.select(P0, &[], false), Op::Blocked);
    assert_eq!(
        status(&w, GoId(1)).1.unwrap().to_string(),
        "select (no cases)"
    );
}

#[test]
fn a_select_may_wait_to_send_and_receive_on_the_same_channel() {
    // Go's hchan comment: the one exception to "at least one of sendq and recvq is empty".
    let mut w = World::new(1, 0);
    let c = w.make(0);
    let cases = [
        SelectCase::Send {
            chan: Some(c),
            value: 1,
        },
        SelectCase::Recv { chan: Some(c) },
    ];
    assert_eq!(w.select(P0, &cases, false), Op::Blocked);
    let ch = w.chans.get(c).unwrap();
    assert_eq!((ch.sendq().len(), ch.recvq().len()), (1, 1));
    w.check();
}
