//! The middleware chain (chapter 3.2's 中间件链): an ordered list, outermost first, run as an
//! onion — each middleware's "before" part in order, the handler, then each "after" part in
//! reverse — exactly `func(next http.Handler) http.Handler` composition in Go.
//!
//! Order matters, and the lab makes that visible: a middleware sees only what the middlewares
//! *outside* it put in the request context, so logging outside tracing logs no `trace_id`;
//! auth outside logging means rejected requests are never logged; CORS inside auth rejects
//! every browser preflight (preflights carry no `Authorization`); a panic unwinds through every
//! middleware between the handler and the recovery middleware, skipping their "after" parts —
//! and with no recovery at all, the connection is dropped (net/http's per-connection recover).
//!
//! The kinds, modelled on the usual Go packages: request ID (chi's `middleware.RequestID`,
//! `X-Request-Id`), tracing (otelhttp: a server span, W3C `traceparent` in and out), logging
//! (an slog access log), recovery, a token-bucket rate limiter (`golang.org/x/time/rate`: `rate`
//! tokens per second, `burst` capacity, one bucket for the server), CORS (rs/cors: allowed
//! origins, preflight answered with 204) and JWT auth (HS256; some methods admin-only → 403).

use std::fmt;

/// One middleware and its settings.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Middleware {
    RequestId,
    Tracing,
    Logging,
    Recovery,
    RateLimit {
        per_second: u32,
        burst: u32,
    },
    Cors {
        origins: Vec<String>,
    },
    Auth {
        secret: String,
        admin_only: Vec<String>,
    },
}

/// The secret the default chain's auth middleware and the token tool share.
pub const DEFAULT_SECRET: &str = "goscope-demo-secret";

impl Middleware {
    /// Stable short name (trace lines, the page's chips, links).
    pub fn name(&self) -> &'static str {
        match self {
            Middleware::RequestId => "request-id",
            Middleware::Tracing => "tracing",
            Middleware::Logging => "logging",
            Middleware::Recovery => "recovery",
            Middleware::RateLimit { .. } => "rate-limit",
            Middleware::Cors { .. } => "cors",
            Middleware::Auth { .. } => "auth",
        }
    }

    /// Every kind with default settings, in the page's palette order.
    pub fn palette() -> Vec<Middleware> {
        vec![
            Middleware::RequestId,
            Middleware::Tracing,
            Middleware::Logging,
            Middleware::Recovery,
            Middleware::Cors {
                origins: vec!["https://app.example.com".into()],
            },
            // Above the load generator's default 50/s: raise the load to see 429s.
            Middleware::RateLimit {
                per_second: 100,
                burst: 20,
            },
            Middleware::Auth {
                secret: DEFAULT_SECRET.into(),
                admin_only: vec!["DeleteUser".into()],
            },
        ]
    }

    /// The default chain: the palette, in this order (request id outermost, auth innermost).
    pub fn default_chain() -> Vec<Middleware> {
        Middleware::palette()
    }

    /// Virtual time one pass through the "before" part costs, in µs (auth verifies an HMAC).
    pub fn cost_us(&self) -> u64 {
        match self {
            Middleware::Auth { .. } => 40,
            Middleware::Tracing | Middleware::Logging => 15,
            _ => 5,
        }
    }

    pub fn from_name(name: &str) -> Option<Middleware> {
        Middleware::palette().into_iter().find(|m| m.name() == name)
    }
}

impl fmt::Display for Middleware {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Middleware::RateLimit { per_second, burst } => {
                write!(f, "rate-limit({per_second}/s burst {burst})")
            }
            Middleware::Cors { origins } => write!(f, "cors({})", origins.join(" ")),
            Middleware::Auth { admin_only, .. } => {
                write!(f, "auth(admin: {})", admin_only.join(" "))
            }
            other => f.write_str(other.name()),
        }
    }
}

/// A chain written on one line: `request-id > tracing > logging`.
pub fn chain_line(chain: &[Middleware]) -> String {
    chain
        .iter()
        .map(Middleware::name)
        .collect::<Vec<_>>()
        .join(" > ")
}

/// A token bucket on the virtual clock, in thousandths of a token so refills stay exact.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Bucket {
    pub milli: u64,
    pub last_us: u64,
    pub started: bool,
}

impl Bucket {
    /// Takes a token at `now` if one is there; else `Err(wait_us)` until the next one.
    pub fn take(&mut self, now: u64, per_second: u32, burst: u32) -> Result<(), u64> {
        let cap = u64::from(burst.max(1)) * 1000;
        if !self.started {
            // A new bucket starts full, as rate.NewLimiter's does.
            *self = Bucket {
                milli: cap,
                last_us: now,
                started: true,
            };
        }
        let elapsed = now.saturating_sub(self.last_us);
        self.milli = (self.milli + elapsed * u64::from(per_second) / 1000).min(cap);
        self.last_us = now;
        if self.milli >= 1000 {
            self.milli -= 1000;
            Ok(())
        } else if per_second == 0 {
            Err(u64::MAX)
        } else {
            Err((1000 - self.milli) * 1000 / u64::from(per_second))
        }
    }
}

/// What CORS does with a request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CorsDecision {
    /// No `Origin`: not a cross-origin browser request.
    NotCors,
    /// A preflight from an allowed origin: answer 204 now.
    Preflight,
    /// A preflight from another origin: 403.
    PreflightDenied,
    /// An actual request from an allowed origin: add `Access-Control-Allow-Origin`.
    Allow,
    /// From another origin: served, but without the header, so the browser hides the answer.
    Deny,
}

pub fn cors(
    origins: &[String],
    method: &str,
    origin: Option<&str>,
    preflight: bool,
) -> CorsDecision {
    let Some(origin) = origin else {
        return CorsDecision::NotCors;
    };
    let ok = origins.iter().any(|o| o == "*" || o == origin);
    match (method == "OPTIONS" && preflight, ok) {
        (true, true) => CorsDecision::Preflight,
        (true, false) => CorsDecision::PreflightDenied,
        (false, true) => CorsDecision::Allow,
        (false, false) => CorsDecision::Deny,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bucket_refills_on_the_virtual_clock() {
        let mut b = Bucket::default();
        // 2 per second, burst 2: two at once, the third waits 500 ms.
        assert_eq!(b.take(0, 2, 2), Ok(()));
        assert_eq!(b.take(0, 2, 2), Ok(()));
        assert_eq!(b.take(0, 2, 2), Err(500_000));
        assert_eq!(b.take(250_000, 2, 2), Err(250_000));
        assert_eq!(b.take(500_000, 2, 2), Ok(()));
        // Idle for long: refills up to the burst only.
        assert_eq!(b.take(60_000_000, 2, 2), Ok(()));
        assert_eq!(b.take(60_000_000, 2, 2), Ok(()));
        assert!(b.take(60_000_000, 2, 2).is_err());
    }

    #[test]
    fn cors_decisions() {
        let o = vec!["https://app.example.com".to_string()];
        assert_eq!(cors(&o, "GET", None, false), CorsDecision::NotCors);
        assert_eq!(
            cors(&o, "OPTIONS", Some("https://app.example.com"), true),
            CorsDecision::Preflight
        );
        assert_eq!(
            cors(&o, "OPTIONS", Some("https://evil.example"), true),
            CorsDecision::PreflightDenied
        );
        assert_eq!(
            cors(&o, "GET", Some("https://evil.example"), false),
            CorsDecision::Deny
        );
        assert_eq!(
            chain_line(&Middleware::default_chain()),
            "request-id > tracing > logging > recovery > cors > rate-limit > auth"
        );
    }
}
