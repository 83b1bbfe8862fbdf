//! The fault plan: what the learner (or the explorer) breaks on purpose.
//!
//! Per step (saga step or TCC branch) one of:
//! - **fail** — the service answers the forward action (saga step / TCC Try) with a business
//!   failure (out of stock, card declined): no effect, and the flow must roll back;
//! - **timeout** — the first request of the step is held in the network for
//!   [`SLOW_MS`], far longer than the caller's timeout: the caller gives up or retries, and the
//!   late original arrives afterwards (the recipe for empty rollback and suspension);
//! - **duplicate** — every request of the step is delivered twice (idempotency).
//!
//! And for the whole run: **crash** the orchestrator (the TCC coordinator; in choreography,
//! the service that just finished the step) right after step `k` (0 = right after the start),
//! for [`CRASH_DOWNTIME_MS`]; **partition** a service for a window of virtual time: every
//! message to or from it that is sent or arrives inside the window is dropped.
//!
//! A plan is plain data: printed in the trace's first line, chosen in the page's controls, or
//! drawn by [`FaultPlan::random`] from a [`sim::Chooser`] seeded by the explorer.

use std::fmt;

use sim::Chooser;

use crate::services::Service;
use crate::world::Strategy;

/// How long a "timeout" fault holds the first request back.
pub const SLOW_MS: u64 = 500;
/// How long a crashed node stays down.
pub const CRASH_DOWNTIME_MS: u64 = 150;

/// What happens to one step.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum StepFault {
    #[default]
    None,
    Fail,
    Timeout,
    Duplicate,
}

impl StepFault {
    /// Every kind, in the order the page offers them.
    pub const ALL: [StepFault; 4] = [
        StepFault::None,
        StepFault::Fail,
        StepFault::Timeout,
        StepFault::Duplicate,
    ];
}

impl fmt::Display for StepFault {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            StepFault::None => "none",
            StepFault::Fail => "fail",
            StepFault::Timeout => "timeout",
            StepFault::Duplicate => "duplicate",
        })
    }
}

/// A service cut off from the network during `[from_ms, until_ms)`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Partition {
    pub service: Service,
    pub from_ms: u64,
    pub until_ms: u64,
}

/// Everything injected into one run.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct FaultPlan {
    /// Per step (saga: 4 steps; TCC: 3 branches, the 4th entry unused).
    pub steps: [StepFault; 4],
    /// Crash after step `k` (0 = right after the start).
    pub crash_after: Option<u8>,
    pub partition: Option<Partition>,
}

impl FaultPlan {
    /// No faults.
    pub fn none() -> FaultPlan {
        FaultPlan::default()
    }

    /// One fault at one step.
    pub fn at(step: usize, fault: StepFault) -> FaultPlan {
        let mut plan = FaultPlan::none();
        if let Some(slot) = plan.steps.get_mut(step) {
            *slot = fault;
        }
        plan
    }

    /// The fault at `step` (none past the end).
    pub fn step(&self, step: u8) -> StepFault {
        self.steps
            .get(usize::from(step))
            .copied()
            .unwrap_or_default()
    }

    /// Whether `service` is cut off at time `t`.
    pub fn partitioned(&self, service: Service, t: u64) -> bool {
        self.partition
            .is_some_and(|p| p.service == service && p.from_ms <= t && t < p.until_ms)
    }

    /// A random plan for `strategy`, every draw through `chooser`: each step has a 3 in 8
    /// chance of a fault, a crash and a partition each 1 in 3.
    pub fn random(chooser: &mut Chooser, strategy: Strategy) -> FaultPlan {
        let mut plan = FaultPlan::none();
        let n = strategy.step_count();
        for slot in plan.steps.iter_mut().take(n) {
            *slot = match chooser.choose("fault.step", 8) {
                0 => StepFault::Fail,
                1 => StepFault::Timeout,
                2 => StepFault::Duplicate,
                _ => StepFault::None,
            };
        }
        if chooser.choose("fault.crash", 3) == 0 {
            plan.crash_after = Some(chooser.choose("fault.crash.after", n + 1) as u8);
        }
        if chooser.choose("fault.partition", 3) == 0 {
            let service = Service::ALL[chooser.choose("fault.partition.service", 4)];
            let from_ms = 10 * chooser.choose("fault.partition.from", 10) as u64;
            let length = [100, 400, 1500, 8000][chooser.choose("fault.partition.length", 4)];
            plan.partition = Some(Partition {
                service,
                from_ms,
                until_ms: from_ms + length,
            });
        }
        plan
    }
}

impl fmt::Display for FaultPlan {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut any = false;
        for (i, fault) in self.steps.iter().enumerate() {
            if *fault != StepFault::None {
                write!(f, "{}{fault}@{}", if any { " " } else { "" }, i + 1)?;
                any = true;
            }
        }
        if let Some(k) = self.crash_after {
            write!(f, "{}crash@{k}", if any { " " } else { "" })?;
            any = true;
        }
        if let Some(p) = self.partition {
            write!(
                f,
                "{}partition({} {}..{}ms)",
                if any { " " } else { "" },
                p.service,
                p.from_ms,
                p.until_ms
            )?;
            any = true;
        }
        if !any {
            f.write_str("none")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plans_print_on_one_line() {
        assert_eq!(FaultPlan::none().to_string(), "none");
        let mut plan = FaultPlan::at(1, StepFault::Fail);
        plan.crash_after = Some(2);
        plan.partition = Some(Partition {
            service: Service::Payment,
            from_ms: 20,
            until_ms: 420,
        });
        assert_eq!(
            plan.to_string(),
            "fail@2 crash@2 partition(payment 20..420ms)"
        );
        assert!(plan.partitioned(Service::Payment, 20));
        assert!(!plan.partitioned(Service::Payment, 420));
        assert!(!plan.partitioned(Service::Order, 100));
    }

    #[test]
    fn random_plans_are_reproducible() {
        let a = FaultPlan::random(&mut Chooser::new(9), Strategy::Tcc);
        let b = FaultPlan::random(&mut Chooser::new(9), Strategy::Tcc);
        assert_eq!(a, b);
        assert_eq!(a.steps[3], StepFault::None);
    }
}
