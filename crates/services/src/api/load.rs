//! The load generator and a resilient client: N requests at R per second of virtual time
//! against the [`Server`], each call with a timeout, retries with exponential backoff and a
//! circuit breaker — then p50/p95/p99 latency and the error rate before, during and after the
//! chaos window (chapter 4.4: 稳态假设, inject, observe, compare).
//!
//! A small discrete-event simulation: a queue of (time, sequence) items — attempts and their
//! completions — so retries, timeouts and the breaker interleave with new arrivals exactly as
//! they would in time. The server handles an attempt when it starts (its clock is the
//! attempt's start); a client whose timeout passes first records DEADLINE_EXCEEDED at the
//! timeout while the server goes on (its log still shows the late 200: the classic
//! "succeeded but the client gave up" mismatch).
//!
//! - Retries (gRPC's retry policy / AWS's "exponential backoff and jitter"): only codes that
//!   are retryable (UNAVAILABLE, DEADLINE_EXCEEDED, RESOURCE_EXHAUSTED, ABORTED); backoff
//!   `min(base · multiplier^(n-1), max)`, with full jitter drawn from the chooser (`backoff`).
//! - Circuit breaker (sony/gobreaker's states): closed → open after `threshold` consecutive
//!   failures; open fails calls at once (`circuit breaker is open`) for `open_us`; then
//!   half-open lets one probe through — success closes, failure opens again.
//!
//! Latency percentiles are nearest-rank over the calls of the phase (a call's latency spans all
//! its attempts and backoffs); a call is an error unless its final code is OK.

use std::fmt;

use sim::Chooser;

use super::chaos::Scope;
use super::event::ApiEvent;
use super::grpc::Code;
use super::observe::millis;
use super::server::{Request, Server};

/// Retries.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RetryPolicy {
    /// 1 = no retries.
    pub max_attempts: u32,
    pub base_us: u64,
    /// Percent: 200 doubles.
    pub multiplier_pct: u64,
    pub max_backoff_us: u64,
    pub jitter: bool,
}

/// The breaker's settings.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BreakerConfig {
    pub threshold: u32,
    pub open_us: u64,
}

/// The client.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ClientConfig {
    pub timeout_us: u64,
    pub retry: RetryPolicy,
    pub breaker: Option<BreakerConfig>,
}

impl Default for ClientConfig {
    fn default() -> ClientConfig {
        ClientConfig {
            timeout_us: 200_000,
            retry: RetryPolicy {
                max_attempts: 1,
                base_us: 20_000,
                multiplier_pct: 200,
                max_backoff_us: 500_000,
                jitter: true,
            },
            breaker: None,
        }
    }
}

/// The breaker's state.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Breaker {
    Closed { failures: u32 },
    Open { until: u64 },
    HalfOpen { probing: bool },
}

impl fmt::Display for Breaker {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Breaker::Closed { .. } => f.write_str("closed"),
            Breaker::Open { until } => write!(f, "open until {}ms", millis(*until)),
            Breaker::HalfOpen { .. } => f.write_str("half-open"),
        }
    }
}

/// Before, during or after the chaos window.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Phase {
    Before,
    During,
    After,
}

impl Phase {
    pub const ALL: [Phase; 3] = [Phase::Before, Phase::During, Phase::After];
}

impl fmt::Display for Phase {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(match self {
            Phase::Before => "before",
            Phase::During => "during",
            Phase::After => "after",
        })
    }
}

/// What to send.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LoadPlan {
    pub requests: u32,
    pub per_second: u32,
    /// Virtual time of the first arrival.
    pub start_us: u64,
    pub request: Request,
}

/// One call's outcome.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Call {
    pub arrival: u64,
    pub latency: u64,
    pub code: Code,
    pub attempts: u32,
    pub phase: Phase,
    /// Failed by the open breaker without reaching the server.
    pub fast_failed: bool,
}

/// One phase's numbers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PhaseStats {
    pub phase: Phase,
    pub calls: u32,
    pub errors: u32,
    pub p50: u64,
    pub p95: u64,
    pub p99: u64,
}

impl PhaseStats {
    /// Errors in thousandths of the calls.
    pub fn error_permille(&self) -> u32 {
        (self.errors * 1000).checked_div(self.calls).unwrap_or(0)
    }
}

impl fmt::Display for PhaseStats {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let e = self.error_permille();
        write!(
            f,
            "{:<6} calls {:>4}  errors {:>3}.{}%  p50 {:>9}ms  p95 {:>9}ms  p99 {:>9}ms",
            self.phase,
            self.calls,
            e / 10,
            e % 10,
            millis(self.p50),
            millis(self.p95),
            millis(self.p99)
        )
    }
}

/// The run's results.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LoadReport {
    pub calls: Vec<Call>,
    pub phases: Vec<PhaseStats>,
    /// `(time, new state)` each time the breaker moved.
    pub breaker: Vec<(u64, String)>,
    /// Attempts that reached the server.
    pub attempts: u32,
    pub window: Option<(u64, u64)>,
    pub end: u64,
}

impl LoadReport {
    /// The summary table and breaker transitions, one line each.
    pub fn summary(&self) -> String {
        let mut s = String::new();
        for p in &self.phases {
            s.push_str(&format!("{p}\n"));
        }
        s.push_str(&format!("server attempts {}\n", self.attempts));
        for (t, state) in &self.breaker {
            s.push_str(&format!("[{:>10}ms] breaker → {state}\n", millis(*t)));
        }
        s
    }
}

/// Nearest-rank percentile of sorted values.
pub fn percentile(sorted: &[u64], p: u64) -> u64 {
    if sorted.is_empty() {
        return 0;
    }
    let rank = (p * sorted.len() as u64).div_ceil(100).max(1) as usize;
    sorted[rank.min(sorted.len()) - 1]
}

#[derive(Clone, Copy, Debug)]
enum Item {
    Attempt {
        call: usize,
        n: u32,
    },
    Done {
        call: usize,
        n: u32,
        code: Code,
        probe: bool,
    },
}

/// Runs the load against `server`; every client-side draw from `seed`.
pub fn run(server: &mut Server, plan: &LoadPlan, client: &ClientConfig, seed: u64) -> LoadReport {
    let mut chooser = Chooser::unlogged(seed);
    let gap = 1_000_000 / u64::from(plan.per_second.max(1));
    let mut queue: Vec<(u64, u64, Item)> = Vec::new();
    let mut seq = 0u64;
    let mut push = |queue: &mut Vec<(u64, u64, Item)>, t: u64, item: Item| {
        seq += 1;
        // Kept sorted by (time, sequence), latest first, so pop() takes the earliest.
        let key = (t, seq);
        let at = queue.partition_point(|(qt, qs, _)| (*qt, *qs) > key);
        queue.insert(at, (t, seq, item));
    };
    let n = plan.requests as usize;
    let mut calls: Vec<Call> = (0..n)
        .map(|i| Call {
            arrival: plan.start_us + i as u64 * gap,
            latency: 0,
            code: Code::Ok,
            attempts: 0,
            phase: Phase::Before,
            fast_failed: false,
        })
        .collect();
    for (i, c) in calls.iter().enumerate() {
        push(&mut queue, c.arrival, Item::Attempt { call: i, n: 1 });
    }
    let mut breaker = Breaker::Closed { failures: 0 };
    let mut transitions = Vec::new();
    let mut attempts = 0;
    let mut struck: Vec<u64> = Vec::new();
    let mut end = plan.start_us;
    while let Some((t, _, item)) = queue.pop() {
        end = end.max(t);
        match item {
            Item::Attempt { call, n } => {
                calls[call].attempts = n;
                let mut probe = false;
                if client.breaker.is_some() {
                    match breaker {
                        Breaker::Open { until } if t < until => {
                            push(
                                &mut queue,
                                t,
                                Item::Done {
                                    call,
                                    n,
                                    code: Code::Unavailable,
                                    probe: false,
                                },
                            );
                            calls[call].fast_failed = true;
                            continue;
                        }
                        Breaker::Open { .. } => {
                            breaker = Breaker::HalfOpen { probing: true };
                            transitions.push((t, breaker.to_string()));
                            probe = true;
                        }
                        Breaker::HalfOpen { probing: true } => {
                            push(
                                &mut queue,
                                t,
                                Item::Done {
                                    call,
                                    n,
                                    code: Code::Unavailable,
                                    probe: false,
                                },
                            );
                            calls[call].fast_failed = true;
                            continue;
                        }
                        Breaker::HalfOpen { probing: false } => {
                            breaker = Breaker::HalfOpen { probing: true };
                            probe = true;
                        }
                        Breaker::Closed { .. } => {}
                    }
                }
                calls[call].fast_failed = false;
                attempts += 1;
                let ex = server.handle(plan.request.clone(), t);
                if ex
                    .events
                    .iter()
                    .any(|e| matches!(e, ApiEvent::Chaos { .. }))
                {
                    struck.push(calls[call].arrival);
                }
                let took = ex.end - t;
                let (done_at, code) = if took > client.timeout_us {
                    (t + client.timeout_us, Code::DeadlineExceeded)
                } else {
                    (ex.end, ex.response.code)
                };
                push(
                    &mut queue,
                    done_at,
                    Item::Done {
                        call,
                        n,
                        code,
                        probe,
                    },
                );
            }
            Item::Done {
                call,
                n,
                code,
                probe,
            } => {
                let fast = calls[call].fast_failed;
                if let Some(cfg) = client.breaker
                    && !fast
                {
                    let failed = code != Code::Ok
                        && (code.http_status() >= 500 || code == Code::ResourceExhausted);
                    let before = breaker;
                    breaker = match (breaker, failed) {
                        (Breaker::HalfOpen { .. }, false) if probe => {
                            Breaker::Closed { failures: 0 }
                        }
                        (Breaker::HalfOpen { .. }, true) if probe => Breaker::Open {
                            until: t + cfg.open_us,
                        },
                        (Breaker::Closed { .. }, false) => Breaker::Closed { failures: 0 },
                        (Breaker::Closed { failures }, true) if failures + 1 >= cfg.threshold => {
                            Breaker::Open {
                                until: t + cfg.open_us,
                            }
                        }
                        (Breaker::Closed { failures }, true) => Breaker::Closed {
                            failures: failures + 1,
                        },
                        (other, _) => other,
                    };
                    if std::mem::discriminant(&before) != std::mem::discriminant(&breaker) {
                        transitions.push((t, breaker.to_string()));
                    }
                }
                let retry = code.is_retryable() && n < client.retry.max_attempts && !fast;
                if retry {
                    let r = client.retry;
                    let mut backoff = r.base_us;
                    for _ in 1..n {
                        backoff = (backoff * r.multiplier_pct / 100).min(r.max_backoff_us);
                    }
                    backoff = backoff.min(r.max_backoff_us);
                    if r.jitter && backoff > 0 {
                        // Full jitter: uniform in [0, backoff], at 1% resolution.
                        backoff = backoff * chooser.choose("backoff", 101) as u64 / 100;
                    }
                    push(&mut queue, t + backoff, Item::Attempt { call, n: n + 1 });
                } else {
                    let c = &mut calls[call];
                    c.latency = t - c.arrival;
                    c.code = if fast { Code::Unavailable } else { code };
                }
            }
        }
    }
    let window = chaos_window(server).or_else(|| {
        let lo = struck.iter().min()?;
        let hi = struck.iter().max()?;
        Some((*lo, hi + 1))
    });
    for c in &mut calls {
        c.phase = match window {
            Some((lo, _)) if c.arrival < lo => Phase::Before,
            Some((_, hi)) if c.arrival >= hi => Phase::After,
            Some(_) => Phase::During,
            None => Phase::Before,
        };
    }
    let phases = Phase::ALL
        .iter()
        .map(|&phase| {
            let mine: Vec<&Call> = calls.iter().filter(|c| c.phase == phase).collect();
            let mut lat: Vec<u64> = mine.iter().map(|c| c.latency).collect();
            lat.sort_unstable();
            PhaseStats {
                phase,
                calls: mine.len() as u32,
                errors: mine.iter().filter(|c| c.code != Code::Ok).count() as u32,
                p50: percentile(&lat, 50),
                p95: percentile(&lat, 95),
                p99: percentile(&lat, 99),
            }
        })
        .collect();
    LoadReport {
        calls,
        phases,
        breaker: transitions,
        attempts,
        window,
        end,
    }
}

/// The union of the server's windowed experiments.
fn chaos_window(server: &Server) -> Option<(u64, u64)> {
    let windows: Vec<(u64, u64)> = server
        .chaos
        .iter()
        .filter_map(|e| match e.scope {
            Scope::Window { from_us, until_us } => Some((from_us, until_us)),
            Scope::Requests(_) => None,
        })
        .collect();
    let lo = windows.iter().map(|w| w.0).min()?;
    let hi = windows.iter().map(|w| w.1).max()?;
    Some((lo, hi))
}

#[cfg(test)]
mod tests;
