//! Chaos experiments (chapter 4.4's 混沌工程), shaped like Chaos Mesh's NetworkChaos and
//! Istio's fault injection: a fault — latency with jitter and correlation, an error status, an
//! abort (the proxy answers 503 and the service never sees the call), a panic — aimed at the
//! handler or at its downstream call (the store, standing in for a database), for the next N
//! requests or for a window of virtual time, optionally for one method only.
//!
//! Latency jitter follows `tc netem delay D J C%`: each draw is uniform in `[-J, +J]`, then
//! blended with the previous one, `next = (1 - C)·draw + C·previous`, so a high correlation
//! gives slow drifts instead of noise. Every draw is a labelled [`sim::Chooser`] choice
//! (`chaos.jitter`, `chaos.hit`), so an experiment replays identically from its seed.

use std::fmt;

use sim::Chooser;

use super::grpc::Code;

/// Where the fault is injected.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Target {
    Handler,
    Downstream,
}

impl fmt::Display for Target {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Target::Handler => "handler",
            Target::Downstream => "downstream",
        })
    }
}

/// What is injected.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fault {
    Latency {
        delay_us: u64,
        jitter_us: u64,
        /// 0..=100.
        correlation: u8,
    },
    /// Answer with `code` in `percent` of the calls.
    Error { code: Code, percent: u8 },
    /// The proxy answers 503 and drops the call, in `percent` of the calls.
    Abort { percent: u8 },
    /// The handler panics, in `percent` of the calls.
    Panic { percent: u8 },
}

impl fmt::Display for Fault {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Fault::Latency {
                delay_us,
                jitter_us,
                correlation,
            } => write!(
                f,
                "latency {}ms ±{}ms corr {correlation}%",
                delay_us / 1000,
                jitter_us / 1000
            ),
            Fault::Error { code, percent } => write!(f, "error {code} {percent}%"),
            Fault::Abort { percent } => write!(f, "abort 503 {percent}%"),
            Fault::Panic { percent } => write!(f, "panic {percent}%"),
        }
    }
}

/// For how long.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    /// The next `n` matching requests.
    Requests(u32),
    /// Requests arriving in `[from_us, until_us)`.
    Window { from_us: u64, until_us: u64 },
}

impl fmt::Display for Scope {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Scope::Requests(n) => write!(f, "next {n} requests"),
            Scope::Window { from_us, until_us } => {
                write!(f, "{}ms..{}ms", from_us / 1000, until_us / 1000)
            }
        }
    }
}

/// One experiment and its running state.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Experiment {
    pub target: Target,
    pub fault: Fault,
    pub scope: Scope,
    /// Only this RPC (by name), or every one.
    pub method: Option<String>,
    /// Requests it applied to so far.
    pub applied: u32,
    /// The last latency offset (netem correlation), in µs.
    pub last_jitter: i64,
}

impl Experiment {
    pub fn new(target: Target, fault: Fault, scope: Scope) -> Experiment {
        Experiment {
            target,
            fault,
            scope,
            method: None,
            applied: 0,
            last_jitter: 0,
        }
    }

    /// Whether a request for `rpc` arriving at `at` falls in the experiment.
    pub fn covers(&self, at: u64, rpc: &str) -> bool {
        if self.method.as_deref().is_some_and(|m| m != rpc) {
            return false;
        }
        match self.scope {
            Scope::Requests(n) => self.applied < n,
            Scope::Window { from_us, until_us } => from_us <= at && at < until_us,
        }
    }

    /// Applies the experiment to one call: what happens, drawn from `chooser`.
    pub fn strike(&mut self, chooser: &mut Chooser) -> Effect {
        self.applied += 1;
        let hit = |chooser: &mut Chooser, percent: u8| {
            chooser.choose("chaos.hit", 100) < usize::from(percent.min(100))
        };
        match self.fault {
            Fault::Latency {
                delay_us,
                jitter_us,
                correlation,
            } => {
                let draw = if jitter_us == 0 {
                    0
                } else {
                    let k = chooser.choose("chaos.jitter", 201) as i64 - 100;
                    k * jitter_us as i64 / 100
                };
                let c = i64::from(correlation.min(100));
                let offset = ((100 - c) * draw + c * self.last_jitter) / 100;
                self.last_jitter = offset;
                Effect::Delay((delay_us as i64 + offset).max(0) as u64)
            }
            Fault::Error { code, percent } => {
                if hit(chooser, percent) {
                    Effect::Fail(code)
                } else {
                    Effect::None
                }
            }
            Fault::Abort { percent } => {
                if hit(chooser, percent) {
                    Effect::Abort
                } else {
                    Effect::None
                }
            }
            Fault::Panic { percent } => {
                if hit(chooser, percent) {
                    Effect::Panic
                } else {
                    Effect::None
                }
            }
        }
    }
}

impl fmt::Display for Experiment {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} on {}, {}", self.fault, self.target, self.scope)?;
        if let Some(m) = &self.method {
            write!(f, ", {m} only")?;
        }
        Ok(())
    }
}

/// What an experiment did to one call.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Effect {
    None,
    Delay(u64),
    Fail(Code),
    Abort,
    Panic,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn correlated_jitter_is_reproducible_and_smoother() {
        let run = |corr: u8, seed: u64| {
            let mut e = Experiment::new(
                Target::Downstream,
                Fault::Latency {
                    delay_us: 100_000,
                    jitter_us: 50_000,
                    correlation: corr,
                },
                Scope::Requests(200),
            );
            let mut c = Chooser::new(seed);
            (0..200)
                .map(|_| match e.strike(&mut c) {
                    Effect::Delay(d) => d as i64,
                    _ => 0,
                })
                .collect::<Vec<i64>>()
        };
        assert_eq!(run(0, 7), run(0, 7));
        assert_ne!(run(0, 7), run(0, 8));
        let steps = |v: &[i64]| v.windows(2).map(|w| (w[1] - w[0]).abs()).sum::<i64>();
        assert!(steps(&run(90, 7)) * 3 < steps(&run(0, 7)));
        assert!(run(0, 7).iter().all(|d| (50_000..=150_000).contains(d)));
    }

    #[test]
    fn scopes() {
        let mut e = Experiment::new(
            Target::Handler,
            Fault::Abort { percent: 100 },
            Scope::Requests(2),
        );
        let mut c = Chooser::new(1);
        assert!(e.covers(0, "GetUser"));
        assert_eq!(e.strike(&mut c), Effect::Abort);
        assert_eq!(e.strike(&mut c), Effect::Abort);
        assert!(!e.covers(0, "GetUser"));
        let mut w = Experiment::new(
            Target::Handler,
            Fault::Error {
                code: Code::Unavailable,
                percent: 50,
            },
            Scope::Window {
                from_us: 1_000,
                until_us: 2_000,
            },
        );
        w.method = Some("GetUser".into());
        assert!(
            !w.covers(999, "GetUser") && w.covers(1_000, "GetUser") && !w.covers(2_000, "GetUser")
        );
        assert!(!w.covers(1_500, "ListUsers"));
        assert_eq!(
            w.to_string(),
            "error UNAVAILABLE 50% on handler, 1ms..2ms, GetUser only"
        );
    }
}
