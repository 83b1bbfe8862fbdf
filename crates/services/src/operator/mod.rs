//! The operator lab (chapter 4.3 of the course): a CRD, an API server, an informer, a work
//! queue and a reconcile loop that converges under chaos — a Kubernetes control plane in
//! miniature, deterministic and steppable.
//!
//! A learner applies the seed's `databases.example.com` CRD and a `Database`; the operator's
//! reconciler turns `spec.replicas` into a StatefulSet, a headless Service and a Secret; the
//! StatefulSet controller and the kubelet turn the StatefulSet into pods that take time to be
//! Ready. Then the learner breaks things — deletes a pod, scales the StatefulSet by hand,
//! makes the API server answer 409 or 500, stops the operator, loses watch events — and
//! watches the loop bring the world back to the spec: level-triggered, so even missed
//! events converge after the next resync.
//!
//! Codemap: `yaml.rs` (YAML → [`Value`]), `object.rs` (objects and metadata), `schema.rs`
//! (CRDs, openAPIV3Schema validation with the API server's messages), `manifests.rs` (the
//! seed's CRD, the lab's), `apiserver.rs` (the store: optimistic concurrency, status
//! subresource, watch events, finalizers), `status.rs` (errors as the server and kubectl
//! report them),
//! `informer.rs` (cache, handlers, resync), `queue.rs` (de-duplicating, rate-limited work
//! queue), `reconciler.rs` (the Database reconciler and the convergence judge), `kube.rs`
//! (StatefulSet controller, kubelet, garbage collector), `console.rs` (kubectl and chaos
//! commands), `printers.rs` (kubectl's tables, `-o yaml`, `describe`), `cluster.rs` (the [`Cluster`], a [`sim::Simulation`]), `event.rs` (the trace).
//!
//! # Architecture invariants
//!
//! - **Deterministic**: virtual time in ms, an agenda sorted by `(time, seq)`, `BTreeMap`s and
//!   vectors only; pod start-up times, passwords and random faults are labelled
//!   [`sim::Chooser`] draws. Same script + seed ⇒ same trace, byte for byte.
//! - **The console is part of the state**: commands are an [`Input`] script played at their
//!   virtual times, so a [`sim::Recorder`] can seek anywhere and replay.
//! - **No panics** on any input: YAML, commands and objects are parsed into errors with
//!   kubectl's messages (YAML errors with `line:col`).
//!
//! What is absent: namespaces as objects, RBAC, admission webhooks, leader election, server-
//! side apply's field managers (apply is a merge patch here), pod restarts and probes beyond
//! "Ready after a start-up time", the informer's resync replaying its cache (ours relists).

pub mod apiserver;
pub mod cluster;
pub mod console;
pub mod event;
pub mod informer;
pub mod kube;
pub mod manifests;
pub mod object;
pub mod printers;
pub mod queue;
pub mod reconciler;
pub mod schema;
pub mod status;
pub mod yaml;

pub use apiserver::{ApiError, ApiServer, WatchEvent, WatchType};
pub use cluster::{Chaos, Cluster, Input, Sample, Task};
pub use console::{ChaosCommand, Command, parse};
pub use event::{Actor, Delivery, Event, Verb};
pub use manifests::{LAB_CRD, SAMPLE_DB, SEED_CRD};
pub use object::{Object, ObjectKey};
pub use reconciler::convergence;
pub use yaml::Value;

use sim::{Chooser, Recorder};

/// A recorder over a fresh cluster playing `script` (checkpoint every 32 steps), not yet run.
pub fn record(script: Vec<Input>, seed: u64) -> Recorder<Cluster> {
    Recorder::new(Cluster::new(script), Chooser::new(seed), 32)
}

/// Plays `script` with `seed` to the end of its run window.
pub fn run_to_end(script: Vec<Input>, seed: u64) -> Recorder<Cluster> {
    let mut recorder = record(script, seed);
    recorder.run(cluster::MAX_STEPS + 1);
    recorder
}

/// A script entry from a console line (`files` for `-f`); a line that does not parse is an
/// error for the console to show, never part of a run.
pub fn input(at: u64, line: &str, files: &[(String, String)]) -> Result<Input, String> {
    Ok(Input {
        at,
        line: line.to_string(),
        command: parse(line, files)?,
    })
}
