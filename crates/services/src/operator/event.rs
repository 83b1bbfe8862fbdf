//! The operator lab's trace: one [`Event`] per notable thing, each a stable line
//! (`[ 1204ms] operator PUT StatefulSet default/my-db → 409 Conflict`).
//!
//! The reconcile loop's step-through, the queue view and the timeline are views of these
//! events and of the cluster at a step; tests compare traces as text snapshots.
//!
//! Invariant: every line starts with the virtual time `[{t:>6}ms]`; times never decrease.

use std::fmt;

use super::apiserver::WatchType;
use super::object::ObjectKey;
use super::queue::Added;

/// Who sent an API request.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Actor {
    Kubectl,
    /// The Database operator (the controller this lab is about).
    Operator,
    StatefulSetController,
    Kubelet,
    GarbageCollector,
}

impl fmt::Display for Actor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Actor::Kubectl => "kubectl",
            Actor::Operator => "operator",
            Actor::StatefulSetController => "statefulset-controller",
            Actor::Kubelet => "kubelet",
            Actor::GarbageCollector => "garbage-collector",
        })
    }
}

/// An API request's verb.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verb {
    Create,
    Update,
    UpdateStatus,
    Patch,
    Delete,
}

impl fmt::Display for Verb {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Verb::Create => "POST",
            Verb::Update => "PUT",
            Verb::UpdateStatus => "PUT status",
            Verb::Patch => "PATCH",
            Verb::Delete => "DELETE",
        })
    }
}

/// What happened to a watch event on its way to the operator's informer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Delivery {
    Delivered,
    /// Lost on purpose (chaos).
    Lost,
    /// The operator was stopped: nobody was watching.
    NobodyWatching,
}

/// One line of the trace.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Event {
    /// A console command and what it printed.
    Console {
        t: u64,
        line: String,
        output: String,
    },
    /// An API request and its answer: `Ok(resourceVersion)` or `Err((code, reason))`.
    Api {
        t: u64,
        actor: Actor,
        verb: Verb,
        key: ObjectKey,
        result: Result<u64, (u16, String)>,
        injected: bool,
    },
    /// A watch event reaching (or not) the operator's informer.
    Watch {
        t: u64,
        ty: WatchType,
        key: ObjectKey,
        rv: u64,
        delivery: Delivery,
    },
    /// A key offered to the work queue, and why.
    Enqueued {
        t: u64,
        key: String,
        why: String,
        added: Added,
    },
    /// A key left the backoff wait and is ready again.
    Due {
        t: u64,
        key: String,
    },
    ReconcileStart {
        t: u64,
        key: String,
        failures: u32,
    },
    /// What the reconciler saw and decided (`desired 5 replicas, StatefulSet has 3`).
    Note {
        t: u64,
        actor: Actor,
        text: String,
    },
    /// The reconcile ended: `Ok` or the error, with the backoff before the retry.
    ReconcileEnd {
        t: u64,
        key: String,
        result: Result<(), (String, u64)>,
    },
    /// The informer listed everything again and re-queued every Database.
    Resync {
        t: u64,
        listed: usize,
        repaired: usize,
    },
    ControllerStopped {
        t: u64,
    },
    ControllerStarted {
        t: u64,
    },
    /// A fault armed from the console.
    Chaos {
        t: u64,
        text: String,
    },
    /// The cluster matches (or stops matching) every Database's spec.
    Converged {
        t: u64,
        yes: bool,
        detail: String,
    },
}

impl Event {
    pub fn time(&self) -> u64 {
        match self {
            Event::Console { t, .. }
            | Event::Api { t, .. }
            | Event::Watch { t, .. }
            | Event::Enqueued { t, .. }
            | Event::Due { t, .. }
            | Event::ReconcileStart { t, .. }
            | Event::Note { t, .. }
            | Event::ReconcileEnd { t, .. }
            | Event::Resync { t, .. }
            | Event::ControllerStopped { t }
            | Event::ControllerStarted { t }
            | Event::Chaos { t, .. }
            | Event::Converged { t, .. } => *t,
        }
    }
}

impl fmt::Display for Event {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "[{:>6}ms] ", self.time())?;
        match self {
            Event::Console { line, output, .. } => {
                write!(f, "$ {line}")?;
                match output.lines().next() {
                    Some(first) if !first.is_empty() => write!(f, " ⇒ {first}"),
                    _ => Ok(()),
                }
            }
            Event::Api {
                actor,
                verb,
                key,
                result,
                injected,
                ..
            } => {
                write!(f, "{actor} {verb} {key} → ")?;
                match result {
                    Ok(rv) => write!(f, "ok rv={rv}")?,
                    Err((code, reason)) => write!(f, "{code} {reason}")?,
                }
                if *injected {
                    f.write_str(" (injected)")?;
                }
                Ok(())
            }
            Event::Watch {
                ty,
                key,
                rv,
                delivery,
                ..
            } => {
                write!(f, "watch {ty} {key} rv={rv}")?;
                match delivery {
                    Delivery::Delivered => f.write_str(" → informer"),
                    Delivery::Lost => f.write_str(" LOST"),
                    Delivery::NobodyWatching => f.write_str(" (operator stopped)"),
                }
            }
            Event::Enqueued {
                key, why, added, ..
            } => match added {
                Added::Queued => write!(f, "queue add {key} ({why})"),
                Added::Deduplicated => write!(f, "queue has {key} already ({why})"),
            },
            Event::Due { key, .. } => write!(f, "queue: backoff of {key} over"),
            Event::ReconcileStart { key, failures, .. } => {
                write!(f, "reconcile {key} begins")?;
                if *failures > 0 {
                    write!(f, " (after {failures} failures)")?;
                }
                Ok(())
            }
            Event::Note { actor, text, .. } => write!(f, "{actor}: {text}"),
            Event::ReconcileEnd { key, result, .. } => match result {
                Ok(()) => write!(f, "reconcile {key} done"),
                Err((error, backoff)) => {
                    write!(f, "reconcile {key} failed: {error}; requeue in {backoff}ms")
                }
            },
            Event::Resync {
                listed, repaired, ..
            } => {
                write!(
                    f,
                    "resync: relisted {listed} objects, {repaired} differed from the cache"
                )
            }
            Event::ControllerStopped { .. } => f.write_str("operator stopped"),
            Event::ControllerStarted { .. } => f.write_str("operator started"),
            Event::Chaos { text, .. } => write!(f, "chaos: {text}"),
            Event::Converged { yes, detail, .. } => {
                if *yes {
                    write!(f, "converged: {detail}")
                } else {
                    write!(f, "diverged: {detail}")
                }
            }
        }
    }
}
