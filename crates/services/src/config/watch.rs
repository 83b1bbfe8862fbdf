//! The service's side: a Viper-like watcher that keeps a typed [`ServiceConfig`] in step with
//! the keys under `config/<service>/<env>/`.
//!
//! Chapter 3.3 registers Consul with `viper.AddRemoteProvider("consul", addr,
//! "config/service-a/")`, reads once with `ReadRemoteConfig()`, watches with
//! `WatchRemoteConfigOnChannel()` and reloads the struct with `viper.Unmarshal(&cfg)`. Under
//! the hood that is a loop of Consul requests, modelled on `consul/api/watch/plan.go`:
//!
//! - **Blocking** (long polling): `GET ?recurse&index=N&wait=W`. An answer with the same index
//!   is no change (the wait elapsed); a newer index is decoded; an index that went *backwards*
//!   (`WaitIndexVal.Next`) resets N to 0, so the next request returns at once. An error backs
//!   off `5s · failures²`, at most 180 s, as plan.go does.
//! - **Polling**: a plain GET every `interval`; a change shows up on the next tick, so a PUT
//!   takes up to one interval to reach the service (the timeline shows the gap).
//!
//! Reloading is all-or-nothing: every key is decoded into a *new* struct and validated; only a
//! struct that passes replaces the running one, in one store (Go: `atomic.Pointer[Config]`),
//! so a request sees either the old config or the new one, never half of each. A malformed
//! value (not a number, out of range, an unknown log level) keeps the old config and records
//! the key and the reason. Keys the struct does not name are ignored, as `Unmarshal` ignores
//! them. The service reads only its own environment's prefix: dev, staging and prod are
//! separate trees, so a PUT under `prod/` never reaches a `dev` service.

use std::fmt;

/// A deployment environment: the second path segment after the service.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Env {
    Dev,
    Staging,
    Prod,
}

impl Env {
    pub const ALL: [Env; 3] = [Env::Dev, Env::Staging, Env::Prod];

    pub fn name(self) -> &'static str {
        match self {
            Env::Dev => "dev",
            Env::Staging => "staging",
            Env::Prod => "prod",
        }
    }

    pub fn from_name(s: &str) -> Option<Env> {
        Env::ALL.into_iter().find(|e| e.name() == s)
    }
}

/// The key prefix a service in `env` reads: `config/<service>/<env>/`.
pub fn prefix(service: &str, env: Env) -> String {
    format!("config/{service}/{}/", env.name())
}

/// How the watcher learns of changes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// Blocking queries held by Consul for up to `wait_us`.
    Blocking { wait_us: u64 },
    /// A plain read every `interval_us`.
    Polling { interval_us: u64 },
}

/// `log_level` values, slog's levels.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum LogLevel {
    Debug,
    Info,
    Warn,
    Error,
}

impl LogLevel {
    pub fn name(self) -> &'static str {
        match self {
            LogLevel::Debug => "debug",
            LogLevel::Info => "info",
            LogLevel::Warn => "warn",
            LogLevel::Error => "error",
        }
    }
}

/// The typed config the service runs with (the struct `viper.Unmarshal` fills).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ServiceConfig {
    /// The handler's deadline (`context.WithTimeout`), 1..=60000.
    pub timeout_ms: u64,
    /// Token bucket: tokens per second, 1..=10000 (`rate.Limiter.SetLimit`).
    pub rate_limit_rps: u32,
    /// Bucket capacity, 1..=10000 (`SetBurst`).
    pub rate_limit_burst: u32,
    /// Comma-separated names in the key, `[a-z0-9_-]+` each.
    pub feature_flags: Vec<String>,
    pub log_level: LogLevel,
}

impl Default for ServiceConfig {
    /// The compiled-in defaults the service starts with before the first read.
    fn default() -> ServiceConfig {
        ServiceConfig {
            timeout_ms: 1000,
            rate_limit_rps: 100,
            rate_limit_burst: 20,
            feature_flags: Vec::new(),
            log_level: LogLevel::Info,
        }
    }
}

/// The keys the struct reads, in the order the page lists them.
pub const KEYS: [&str; 5] = [
    "timeout_ms",
    "rate_limit_rps",
    "rate_limit_burst",
    "feature_flags",
    "log_level",
];

impl ServiceConfig {
    /// The value of one field as text (the page, the change list).
    pub fn get(&self, key: &str) -> String {
        match key {
            "timeout_ms" => self.timeout_ms.to_string(),
            "rate_limit_rps" => self.rate_limit_rps.to_string(),
            "rate_limit_burst" => self.rate_limit_burst.to_string(),
            "feature_flags" => self.feature_flags.join(","),
            "log_level" => self.log_level.name().to_string(),
            _ => String::new(),
        }
    }

    /// `key=value` for every field that differs from `old`.
    pub fn changes_from(&self, old: &ServiceConfig) -> Vec<String> {
        KEYS.iter()
            .filter(|k| self.get(k) != old.get(k))
            .map(|k| format!("{k}={}", self.get(k)))
            .collect()
    }
}

/// Why a key did not decode.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DecodeError {
    pub key: String,
    pub reason: String,
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.key, self.reason)
    }
}

fn number(key: &str, text: &str, lo: u64, hi: u64) -> Result<u64, DecodeError> {
    let err = |reason: String| DecodeError {
        key: key.to_string(),
        reason,
    };
    let t = text.trim();
    // strconv.ParseUint's message, then the range the struct's validation allows.
    let n: u64 = t
        .parse()
        .map_err(|_| err(format!("strconv.ParseUint: parsing {t:?}: invalid syntax")))?;
    if n < lo || n > hi {
        return Err(err(format!("{n} out of range [{lo}, {hi}]")));
    }
    Ok(n)
}

/// Decodes the keys under `prefix` (full key, value text) over the defaults, then validates.
pub fn decode(prefix: &str, entries: &[(String, String)]) -> Result<ServiceConfig, DecodeError> {
    let mut c = ServiceConfig::default();
    for (full, value) in entries {
        let Some(key) = full.strip_prefix(prefix) else {
            continue;
        };
        match key {
            "timeout_ms" => c.timeout_ms = number(full, value, 1, 60_000)?,
            "rate_limit_rps" => c.rate_limit_rps = number(full, value, 1, 10_000)? as u32,
            "rate_limit_burst" => c.rate_limit_burst = number(full, value, 1, 10_000)? as u32,
            "feature_flags" => {
                let mut flags = Vec::new();
                for f in value.split(',').map(str::trim).filter(|f| !f.is_empty()) {
                    if !f.chars().all(|c| {
                        c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '-'
                    }) {
                        return Err(DecodeError {
                            key: full.clone(),
                            reason: format!("bad flag name {f:?}: use [a-z0-9_-]"),
                        });
                    }
                    flags.push(f.to_string());
                }
                c.feature_flags = flags;
            }
            "log_level" => {
                let v = value.trim().to_ascii_lowercase();
                c.log_level = [
                    LogLevel::Debug,
                    LogLevel::Info,
                    LogLevel::Warn,
                    LogLevel::Error,
                ]
                .into_iter()
                .find(|l| l.name() == v)
                .ok_or_else(|| DecodeError {
                    key: full.clone(),
                    reason: format!("unknown level {value:?}: debug, info, warn or error"),
                })?;
            }
            _ => {}
        }
    }
    if c.rate_limit_burst < 1 {
        return Err(DecodeError {
            key: format!("{prefix}rate_limit_burst"),
            reason: "must be at least 1".into(),
        });
    }
    Ok(c)
}

/// plan.go's back-off after `failures` consecutive errors: 5 s · failures², at most 180 s.
pub fn backoff_us(failures: u32) -> u64 {
    let f = u64::from(failures);
    (5_000_000 * f * f).min(180_000_000)
}

/// The watcher's state between requests.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Watcher {
    pub service: String,
    pub env: Env,
    pub mode: Mode,
    /// The index to send next (`lastParamVal`); 0 before the first answer or after a reset.
    pub index: u64,
    /// The config the service runs with now, and how many swaps made it.
    pub config: ServiceConfig,
    pub version: u64,
    pub last_error: Option<DecodeError>,
    pub failures: u32,
    /// The values of the last answer, to skip a reload when nothing under the prefix changed.
    pub last_values: Option<Vec<(String, String)>>,
}

impl Watcher {
    pub fn new(service: &str, env: Env, mode: Mode) -> Watcher {
        Watcher {
            service: service.to_string(),
            env,
            mode,
            index: 0,
            config: ServiceConfig::default(),
            version: 0,
            last_error: None,
            failures: 0,
            last_values: None,
        }
    }

    pub fn prefix(&self) -> String {
        prefix(&self.service, self.env)
    }

    /// The request the watcher sends next.
    pub fn target(&self) -> String {
        match self.mode {
            Mode::Blocking { wait_us } if self.index > 0 => format!(
                "/v1/kv/{}?recurse&index={}&wait={}ms",
                self.prefix(),
                self.index,
                wait_us / 1000
            ),
            _ => format!("/v1/kv/{}?recurse", self.prefix()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kv(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(k, v)| (format!("config/a/dev/{k}"), v.to_string()))
            .collect()
    }

    #[test]
    fn decodes_over_defaults_and_ignores_unknown_keys() {
        let c = decode(
            "config/a/dev/",
            &kv(&[
                ("rate_limit_rps", " 5 "),
                ("feature_flags", "new-ui, beta"),
                ("log_level", "WARN"),
                ("db.url", "postgres://x"),
            ]),
        )
        .unwrap();
        assert_eq!(c.rate_limit_rps, 5);
        assert_eq!(c.timeout_ms, 1000);
        assert_eq!(c.feature_flags, ["new-ui", "beta"]);
        assert_eq!(c.log_level, LogLevel::Warn);
        assert_eq!(
            c.changes_from(&ServiceConfig::default()),
            [
                "rate_limit_rps=5",
                "feature_flags=new-ui,beta",
                "log_level=warn"
            ]
        );
    }

    #[test]
    fn malformed_values_name_the_key_and_the_reason() {
        let e = |k, v| {
            decode("config/a/dev/", &kv(&[(k, v)]))
                .unwrap_err()
                .to_string()
        };
        assert_eq!(
            e("rate_limit_rps", "fast"),
            "config/a/dev/rate_limit_rps: strconv.ParseUint: parsing \"fast\": invalid syntax"
        );
        assert_eq!(
            e("timeout_ms", "0"),
            "config/a/dev/timeout_ms: 0 out of range [1, 60000]"
        );
        assert_eq!(
            e("log_level", "loud"),
            "config/a/dev/log_level: unknown level \"loud\": debug, info, warn or error"
        );
        assert!(e("feature_flags", "a b").contains("bad flag name"));
    }

    #[test]
    fn backoff_is_plan_go_s() {
        assert_eq!(backoff_us(1), 5_000_000);
        assert_eq!(backoff_us(2), 20_000_000);
        assert_eq!(backoff_us(6), 180_000_000);
    }
}
