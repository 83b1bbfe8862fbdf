//! Acceptance tests of the distributed-transactions lab (issue 8).

use expect_test::expect;
use services::faults::Partition;
use services::{
    Config, FaultPlan, Guards, Invariant, NetConfig, Outcome, Service, StepFault, Strategy,
    run_to_end,
};
use sim::{Chooser, Schedule};

fn outcome(config: Config, seed: u64) -> (Outcome, String) {
    let rec = run_to_end(config, seed);
    (rec.current().outcome.unwrap_or(Outcome::Stuck), rec.trace())
}

/// Every single-fault injection point, for every strategy.
fn single_faults(strategy: Strategy) -> Vec<FaultPlan> {
    let mut plans = vec![FaultPlan::none()];
    for step in 0..strategy.step_count() {
        for fault in [StepFault::Fail, StepFault::Timeout, StepFault::Duplicate] {
            plans.push(FaultPlan::at(step, fault));
        }
    }
    for k in 0..=strategy.step_count() as u8 {
        plans.push(FaultPlan {
            crash_after: Some(k),
            ..FaultPlan::none()
        });
    }
    for service in Service::ALL {
        for (from_ms, until_ms) in [(0, 150), (20, 400), (10, 2000)] {
            plans.push(FaultPlan {
                partition: Some(Partition {
                    service,
                    from_ms,
                    until_ms,
                }),
                ..FaultPlan::none()
            });
        }
    }
    plans
}

#[test]
fn every_single_fault_ends_consistent() {
    for strategy in Strategy::ALL {
        for plan in single_faults(strategy) {
            for seed in 0..6 {
                let (outcome, trace) = outcome(Config::new(strategy, plan), seed);
                assert!(
                    outcome.is_consistent(),
                    "{strategy} with {plan} seed {seed} ended {outcome}:\n{trace}"
                );
            }
        }
    }
}

#[test]
fn a_failing_step_is_compensated_in_reverse_order() {
    let config = Config::new(
        Strategy::SagaOrchestrated,
        FaultPlan::at(2, StepFault::Fail),
    );
    let rec = run_to_end(config, 1);
    assert_eq!(rec.current().outcome, Some(Outcome::Compensated));
    let comps: Vec<String> = rec
        .events()
        .iter()
        .filter_map(|e| match e {
            services::Event::Compensated { action, .. } => Some(action.to_string()),
            _ => None,
        })
        .collect();
    assert_eq!(comps, ["refundPayment", "cancelInventory"]);
}

#[test]
fn crash_recovery_resumes_from_the_log_without_double_charging() {
    // Crash right after step 1 (reserveInventory) is logged and chargePayment is in flight:
    // the reply reaches a dead orchestrator; on recovery the log says "started
    // chargePayment", so it is sent again with the same idempotency key.
    let plan = FaultPlan {
        crash_after: Some(1),
        ..FaultPlan::none()
    };
    let rec = run_to_end(Config::new(Strategy::SagaOrchestrated, plan), 3);
    let world = rec.current();
    assert_eq!(world.outcome, Some(Outcome::Committed), "{}", rec.trace());
    assert_eq!(world.services.payment.charged, 30);
    assert_eq!(world.services.payment.balance, 70);
    let trace = rec.trace();
    assert!(trace.contains("CRASH order"), "{trace}");
    assert!(trace.contains("order recovered, replayed"), "{trace}");
    assert!(
        trace.contains("payment chargePayment: duplicate ignored"),
        "the resent charge must hit the idempotency key:\n{trace}"
    );
    assert_eq!(
        trace.matches("payment: balance 100→70").count(),
        1,
        "charged exactly once:\n{trace}"
    );
}

#[test]
fn the_crashed_tcc_coordinator_presumes_abort_or_resumes_its_decision() {
    for (k, expected) in [(1, Outcome::Compensated), (3, Outcome::Committed)] {
        let plan = FaultPlan {
            crash_after: Some(k),
            ..FaultPlan::none()
        };
        let rec = run_to_end(Config::new(Strategy::Tcc, plan), 2);
        assert_eq!(rec.current().outcome, Some(expected), "{}", rec.trace());
    }
}

/// A TCC run with one guard off.
fn tcc_without(plan: FaultPlan, guards: Guards, seed: u64) -> services::World {
    let mut config = Config::new(Strategy::Tcc, plan);
    config.guards = guards;
    run_to_end(config, seed).current().clone()
}

const ALL_ON: Guards = Guards {
    empty_rollback: true,
    suspension: true,
    idempotency: true,
};

#[test]
fn empty_rollback_guard() {
    // payment's Try is held back past the timeout: the coordinator cancels, and Cancel
    // reaches payment before any Try ran.
    let plan = FaultPlan::at(1, StepFault::Timeout);
    let good = tcc_without(plan, ALL_ON, 1);
    assert_eq!(good.outcome, Some(Outcome::Compensated));
    let broken = tcc_without(
        plan,
        Guards {
            empty_rollback: false,
            ..ALL_ON
        },
        1,
    );
    let v = broken
        .violation
        .expect("naive Cancel must break an invariant");
    assert_eq!(v.invariant, Invariant::MoneyConserved, "{v}");
    assert_eq!(broken.outcome, Some(Outcome::Inconsistent));
}

#[test]
fn suspension_guard() {
    // Same delayed Try: it arrives after the (empty) Cancel. Refused with the guard; without
    // it, it freezes money nobody will ever release.
    let plan = FaultPlan::at(1, StepFault::Timeout);
    let broken = tcc_without(
        plan,
        Guards {
            suspension: false,
            ..ALL_ON
        },
        1,
    );
    let v = broken
        .violation
        .expect("a suspended Try must break an invariant");
    assert_eq!(v.invariant, Invariant::NothingHanging, "{v}");
    assert_eq!(broken.services.payment.frozen, 30);
}

#[test]
fn idempotency_guard() {
    // Every payment message is delivered twice: the second Confirm must change nothing.
    let plan = FaultPlan::at(1, StepFault::Duplicate);
    let good = tcc_without(plan, ALL_ON, 4);
    assert_eq!(good.outcome, Some(Outcome::Committed));
    assert_eq!(good.services.payment.charged, 30);
    let broken = tcc_without(
        plan,
        Guards {
            idempotency: false,
            ..ALL_ON
        },
        4,
    );
    assert!(
        broken.violation.is_some(),
        "a duplicate without the guard must break an invariant"
    );
    assert_eq!(broken.outcome, Some(Outcome::Inconsistent));
}

#[test]
fn same_seed_same_trace_and_replay_from_the_printed_schedule() {
    let mut config = Config::new(
        Strategy::SagaOrchestrated,
        FaultPlan::at(1, StepFault::Timeout),
    );
    config.net = NetConfig::FLAKY;
    for strategy in Strategy::ALL {
        config.strategy = strategy;
        let a = run_to_end(config, 77);
        let b = run_to_end(config, 77);
        assert_eq!(a.trace(), b.trace());
        let printed = a.schedule().to_string();
        let schedule: Schedule = printed.parse().unwrap();
        let mut replay = services::record(config, Chooser::replay(&schedule));
        replay.run(u64::MAX);
        assert_eq!(replay.trace(), a.trace());
        assert!(replay.chooser().divergence().is_none());
        // Seeking back gives the same state as running forward.
        let mid = a.steps() / 2;
        assert_eq!(a.state_at(mid).steps, mid);
    }
}

#[test]
fn trace_of_a_failed_payment() {
    let config = Config::new(
        Strategy::SagaOrchestrated,
        FaultPlan::at(1, StepFault::Fail),
    );
    expect![[r#"
        1      begin saga (orchestrated) faults: fail@2; guards: empty-rollback on suspension on idempotency on
        1      [   0ms] log: begin order-1
        1      [   0ms] state → running reserveInventory
        1      [   0ms] log: started reserveInventory
        1      [   0ms] step 1 reserveInventory attempt 1
        1      [   0ms] send #1 order → inventory reserveInventory#1 (due 12ms)
        2      [  12ms] deliver #1 order → inventory reserveInventory#1
        2      [  12ms] inventory reserveInventory: applied
        2      [  12ms] inventory: stock 10→8 reserved 0→2
        2      [  12ms] send #2 inventory → order reserveInventory#1 ok (due 32ms)
        3      [  32ms] deliver #2 inventory → order reserveInventory#1 ok
        3      [  32ms] log: done reserveInventory
        3      [  32ms] step 1 reserveInventory succeeded
        3      [  32ms] state → running chargePayment
        3      [  32ms] log: started chargePayment
        3      [  32ms] step 2 chargePayment attempt 1
        3      [  32ms] send #3 order → payment chargePayment#1 (due 44ms)
        4      [  44ms] deliver #3 order → payment chargePayment#1
        4      [  44ms] payment chargePayment: rejected (business failure)
        4      [  44ms] send #4 payment → order chargePayment#1 failed (due 56ms)
        5      [  56ms] deliver #4 payment → order chargePayment#1 failed
        5      [  56ms] log: failed chargePayment
        5      [  56ms] step 2 chargePayment FAILED
        5      [  56ms] log: compensating reserveInventory
        5      [  56ms] compensate step 1 with cancelInventory
        5      [  56ms] state → compensating reserveInventory
        5      [  56ms] send #5 order → inventory cancelInventory#1 (due 64ms)
        6      [  64ms] deliver #5 order → inventory cancelInventory#1
        6      [  64ms] inventory cancelInventory: applied
        6      [  64ms] inventory: stock 8→10 reserved 2→0
        6      [  64ms] send #6 inventory → order cancelInventory#1 ok (due 76ms)
        7      [  76ms] deliver #6 inventory → order cancelInventory#1 ok
        7      [  76ms] log: compensated reserveInventory
        7      [  76ms] compensated step 1 (cancelInventory)
        7      [  76ms] log: aborted
        7      [  76ms] state → compensated
        8      [ 116ms] end: compensated
    "#]]
    .assert_eq(&run_to_end(config, 5).trace());
}
