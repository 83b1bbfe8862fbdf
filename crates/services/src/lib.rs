//! goscope's service labs: a small deterministic world of services on a simulated network.
//!
//! Chapter 4.2 of the course: an order touches inventory, payment and points, each a service
//! with its own state, and the network between them loses, delays, duplicates and reorders
//! messages. This crate runs that order three ways and lets a learner break it on purpose:
//!
//! - [`Strategy::SagaOrchestrated`] — the Saga pattern of Garcia-Molina & Salem (1987): a
//!   sequence of local steps, each with a compensation, driven by an orchestrator that
//!   persists its progress in a durable log (as Temporal's event history does) and recovers
//!   from it after a crash; retries with exponential backoff, idempotency keys, compensation
//!   in reverse order.
//! - [`Strategy::SagaChoreographed`] — the same steps with no orchestrator: each service reacts
//!   to the previous service's event and publishes its own through a durable outbox.
//! - [`Strategy::Tcc`] — Try/Confirm/Cancel as DTM and Seata implement it: reservations in
//!   the Try phase, a coordinator with a transaction-status table, and the branch barrier that
//!   guards against the three classic anomalies (empty rollback 空回滚, suspension 悬挂,
//!   idempotency 幂等) — each guard can be switched off to watch the invariants break.
//!
//! Codemap: `net.rs` (the network on a virtual clock), `services.rs` (the four services and
//! their barrier tables), `saga/` and `tcc/` (the strategies), `faults.rs` (the fault plan),
//! `invariants.rs` (checked after every step), `world.rs` (the [`World`], a
//! [`sim::Simulation`]), `event.rs` (the trace), `sequence.rs` (the sequence diagram's model),
//! `explore.rs` (many seeds, many faults, outcome counts). The other labs: `api/` (REST + gRPC
//! from one .proto), `config/` (a mock Consul KV and a Viper-like watcher), `operator/`.
//!
//! # Architecture invariants
//!
//! - **Deterministic.** No clock, threads, OS randomness or `HashMap`: time is a virtual clock
//!   in milliseconds, every nondeterministic decision (latency jitter, loss, duplication,
//!   random faults) goes through a labelled [`sim::Chooser`] draw, and the event queue is a
//!   vector kept sorted by `(time, sequence)`. Same seed + fault plan ⇒ same trace, byte for byte.
//! - **The trace is the product**: every step emits typed [`Event`]s with a stable one-line
//!   `Display`; views render the [`World`] at step N through a [`sim::Recorder`].
//! - **No panics**: every input (seed, fault plan) yields a run that ends.
//!
//! What is absent: no real I/O, no persistence beyond the simulated durable log, one order per
//! run.

#![forbid(unsafe_code)]

pub mod api;
pub mod config;
pub mod event;
pub mod explore;
pub mod faults;
pub mod invariants;
pub mod modules;
pub mod net;
pub mod operator;
pub mod saga;
pub mod sequence;
pub mod services;
pub mod tcc;
pub mod world;

pub use event::{DropReason, Event, GuardKind};
pub use explore::{ExploreReport, RunSummary, explore};
pub use faults::{FaultPlan, Partition, StepFault};
pub use invariants::{Invariant, Violation};
pub use net::{Body, NetConfig};
pub use services::{Action, Guards, Service};
/// The simulation kernel, re-exported so that users name `Recorder<World>` without a second dependency.
pub use sim;
pub use world::{Config, Outcome, Strategy, World, record, run_to_end};

/// How many items the order buys.
pub const ORDER_QTY: i64 = 2;
/// What the order costs (in yuan).
pub const ORDER_PRICE: i64 = 30;
/// Points awarded for the order.
pub const ORDER_POINTS: i64 = 30;
/// Stock of the item before the order.
pub const INITIAL_STOCK: i64 = 10;
/// The buyer's balance before the order.
pub const INITIAL_BALANCE: i64 = 100;
