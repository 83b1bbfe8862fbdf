//! Observability (chapter 4.1's three pillars), on the virtual clock.
//!
//! - **Metrics** in the Prometheus text exposition format (version 0.0.4), as
//!   `promhttp.Handler()` serves them: `http_requests_total{method,status}` (a counter),
//!   `http_request_duration_seconds{method}` (a histogram with client_golang's default buckets,
//!   cumulative `_bucket{le=...}`, `_sum`, `_count`), and for gRPC calls
//!   `grpc_server_handled_total{grpc_method,grpc_code}` as go-grpc-prometheus names it.
//!   Series are kept in `BTreeMap`s, so the exposition is sorted by label values.
//! - **Logs** as `log/slog`'s JSONHandler writes them: `time`, `level`, `msg`, then attributes
//!   in the order they were added; `trace_id`/`span_id` only when the logging middleware ran
//!   inside the tracing middleware (the context it saw carried a span).
//! - **Traces**: spans with W3C trace-context ids (32 / 16 lowercase hex digits), parent links,
//!   start and end on the virtual clock; [`Waterfall`] lays a trace out as rows for the page.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use super::json::{self, Json};

/// client_golang's `prometheus.DefBuckets`, in seconds.
pub const BUCKETS: [f64; 11] = [
    0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0,
];

/// One histogram series.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Histogram {
    /// Non-cumulative counts per bucket, then +Inf.
    pub counts: [u64; BUCKETS.len() + 1],
    pub sum_us: u64,
    pub count: u64,
}

impl Histogram {
    pub fn observe(&mut self, us: u64) {
        let secs = us as f64 / 1e6;
        let i = BUCKETS
            .iter()
            .position(|b| secs <= *b)
            .unwrap_or(BUCKETS.len());
        self.counts[i] += 1;
        self.sum_us += us;
        self.count += 1;
    }
}

/// The server's metrics.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Metrics {
    pub requests: BTreeMap<(String, u16), u64>,
    pub durations: BTreeMap<String, Histogram>,
    pub grpc_handled: BTreeMap<(String, String), u64>,
}

impl Metrics {
    /// Records one finished request. `status` 0 means the connection was aborted.
    pub fn record(&mut self, method: &str, status: u16, us: u64, grpc: Option<(&str, &str)>) {
        *self
            .requests
            .entry((method.to_string(), status))
            .or_default() += 1;
        self.durations
            .entry(method.to_string())
            .or_default()
            .observe(us);
        if let Some((m, code)) = grpc {
            *self
                .grpc_handled
                .entry((m.to_string(), code.to_string()))
                .or_default() += 1;
        }
    }

    /// The text exposition format.
    pub fn exposition(&self) -> String {
        let mut out = String::new();
        out.push_str("# HELP http_requests_total Total HTTP requests by method and status code.\n");
        out.push_str("# TYPE http_requests_total counter\n");
        for ((method, status), n) in &self.requests {
            let _ = writeln!(
                out,
                "http_requests_total{{method=\"{method}\",status=\"{status}\"}} {n}"
            );
        }
        out.push_str("# HELP http_request_duration_seconds HTTP request latency in seconds.\n");
        out.push_str("# TYPE http_request_duration_seconds histogram\n");
        for (method, h) in &self.durations {
            let mut cumulative = 0;
            for (i, b) in BUCKETS.iter().enumerate() {
                cumulative += h.counts[i];
                let _ = writeln!(
                    out,
                    "http_request_duration_seconds_bucket{{method=\"{method}\",le=\"{b}\"}} {cumulative}"
                );
            }
            let _ = writeln!(
                out,
                "http_request_duration_seconds_bucket{{method=\"{method}\",le=\"+Inf\"}} {}",
                h.count
            );
            let _ = writeln!(
                out,
                "http_request_duration_seconds_sum{{method=\"{method}\"}} {}",
                seconds(h.sum_us)
            );
            let _ = writeln!(
                out,
                "http_request_duration_seconds_count{{method=\"{method}\"}} {}",
                h.count
            );
        }
        if !self.grpc_handled.is_empty() {
            out.push_str("# HELP grpc_server_handled_total Total RPCs completed on the server, by method and code.\n");
            out.push_str("# TYPE grpc_server_handled_total counter\n");
            for ((m, code), n) in &self.grpc_handled {
                let _ = writeln!(
                    out,
                    "grpc_server_handled_total{{grpc_code=\"{code}\",grpc_method=\"{m}\"}} {n}"
                );
            }
        }
        out
    }
}

/// Microseconds as decimal seconds without trailing zeros (`0.0125`).
pub fn seconds(us: u64) -> String {
    let s = format!("{}.{:06}", us / 1_000_000, us % 1_000_000);
    let s = s.trim_end_matches('0').trim_end_matches('.');
    s.to_string()
}

/// Microseconds as milliseconds with three decimals (`12.345`).
pub fn millis(us: u64) -> String {
    format!("{}.{:03}", us / 1000, us % 1000)
}

/// The Unix time the virtual clock starts at: 2026-01-01T00:00:00Z.
pub const EPOCH_SECONDS: i64 = 1_767_225_600;

/// RFC 3339 with milliseconds, as slog prints `time`.
pub fn timestamp(us: u64) -> String {
    let secs = EPOCH_SECONDS + (us / 1_000_000) as i64;
    let nanos = ((us % 1_000_000) * 1000) as i32;
    let full = super::json_map::rfc3339(secs, 0);
    // Always three fraction digits, as Go's RFC3339Milli-style slog output.
    format!("{}.{:03}Z", full.trim_end_matches('Z'), nanos / 1_000_000)
}

/// slog's levels.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Level {
    Info,
    Warn,
    Error,
}

impl Level {
    pub fn name(self) -> &'static str {
        match self {
            Level::Info => "INFO",
            Level::Warn => "WARN",
            Level::Error => "ERROR",
        }
    }
}

/// One structured log record.
#[derive(Clone, Debug, PartialEq)]
pub struct LogLine {
    pub t: u64,
    pub level: Level,
    pub msg: String,
    pub attrs: Vec<(String, Json)>,
    /// The request it belongs to.
    pub req: u64,
    pub trace_id: Option<String>,
}

impl LogLine {
    /// The line as slog's JSONHandler writes it.
    pub fn json(&self) -> String {
        let mut members = vec![
            ("time".to_string(), Json::str(timestamp(self.t))),
            ("level".to_string(), Json::str(self.level.name())),
            ("msg".to_string(), Json::str(self.msg.clone())),
        ];
        members.extend(self.attrs.iter().cloned());
        Json::Object(members).to_compact()
    }
}

/// One span.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Span {
    pub trace_id: String,
    pub span_id: String,
    pub parent: Option<String>,
    pub name: String,
    pub start: u64,
    pub end: u64,
    pub attrs: Vec<(String, String)>,
    /// `Error` status with its message.
    pub error: Option<String>,
}

/// A `traceparent` header value: `00-{trace_id}-{span_id}-01`.
pub fn traceparent(trace_id: &str, span_id: &str) -> String {
    format!("00-{trace_id}-{span_id}-01")
}

/// Parses a `traceparent` (version 00): trace id and parent span id. Invalid → `None`
/// (the W3C spec says: start a new trace).
pub fn parse_traceparent(v: &str) -> Option<(String, String)> {
    let p: Vec<&str> = v.trim().split('-').collect();
    let hex = |s: &str, n: usize| {
        s.len() == n
            && s.bytes()
                .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
    };
    if p.len() != 4 || p[0] != "00" || !hex(p[1], 32) || !hex(p[2], 16) || !hex(p[3], 2) {
        return None;
    }
    if p[1].bytes().all(|b| b == b'0') || p[2].bytes().all(|b| b == b'0') {
        return None;
    }
    Some((p[1].to_string(), p[2].to_string()))
}

/// A row of the trace waterfall.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Row {
    pub depth: usize,
    pub name: String,
    /// Offset from the trace's start and duration, in µs.
    pub offset: u64,
    pub duration: u64,
    pub error: bool,
    pub span_id: String,
}

/// A trace laid out for display: spans in depth-first order under their parents.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Waterfall {
    pub trace_id: String,
    pub total: u64,
    pub rows: Vec<Row>,
}

impl Waterfall {
    /// Lays out the spans of `trace_id` (spans whose parent is not among them are roots).
    pub fn of(spans: &[Span], trace_id: &str) -> Waterfall {
        let mine: Vec<&Span> = spans.iter().filter(|s| s.trace_id == trace_id).collect();
        let start = mine.iter().map(|s| s.start).min().unwrap_or(0);
        let end = mine.iter().map(|s| s.end).max().unwrap_or(0);
        let mut rows = Vec::new();
        let is_root = |s: &&&Span| {
            s.parent
                .as_ref()
                .is_none_or(|p| !mine.iter().any(|o| &o.span_id == p))
        };
        let mut stack: Vec<(&Span, usize)> =
            mine.iter().filter(is_root).rev().map(|s| (*s, 0)).collect();
        while let Some((s, depth)) = stack.pop() {
            rows.push(Row {
                depth,
                name: s.name.clone(),
                offset: s.start - start,
                duration: s.end - s.start,
                error: s.error.is_some(),
                span_id: s.span_id.clone(),
            });
            let children: Vec<&Span> = mine
                .iter()
                .filter(|c| c.parent.as_deref() == Some(s.span_id.as_str()))
                .copied()
                .collect();
            for c in children.into_iter().rev() {
                stack.push((c, depth + 1));
            }
        }
        Waterfall {
            trace_id: trace_id.to_string(),
            total: end - start,
            rows,
        }
    }

    /// A text rendering (for tests and the CLI): a bar of `width` cells per row.
    pub fn text(&self, width: usize) -> String {
        let mut out = String::new();
        let total = self.total.max(1);
        for r in &self.rows {
            let from = (r.offset as u128 * width as u128 / total as u128) as usize;
            let len =
                ((r.duration as u128 * width as u128).div_ceil(total as u128) as usize).max(1);
            let bar: String = (0..width)
                .map(|i| {
                    if i >= from && i < from + len {
                        if r.error { '!' } else { '=' }
                    } else {
                        ' '
                    }
                })
                .collect();
            let _ = writeln!(
                out,
                "|{bar}| {:>8}ms {}{}",
                millis(r.duration),
                "  ".repeat(r.depth),
                r.name
            );
        }
        out
    }
}

/// Renders a log attribute value the slog way (used by tests and the page).
pub fn attr(v: impl Into<String>) -> Json {
    Json::str(v)
}

/// Parses a log line back (the page's log view filters by trace id).
pub fn log_trace_id(line: &str) -> Option<String> {
    match json::parse(line).ok()?.get("trace_id") {
        Some(Json::String(s)) => Some(s.clone()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exposition_format() {
        let mut m = Metrics::default();
        m.record("GET", 200, 1_200, None);
        m.record("GET", 404, 30_000, None);
        m.record("POST", 200, 2_000_000, Some(("GetUser", "OK")));
        let text = m.exposition();
        assert!(text.contains("http_requests_total{method=\"GET\",status=\"404\"} 1\n"));
        assert!(
            text.contains("http_request_duration_seconds_bucket{method=\"GET\",le=\"0.005\"} 1\n")
        );
        assert!(
            text.contains("http_request_duration_seconds_bucket{method=\"GET\",le=\"0.05\"} 2\n")
        );
        assert!(
            text.contains("http_request_duration_seconds_bucket{method=\"POST\",le=\"1\"} 0\n")
        );
        assert!(
            text.contains("http_request_duration_seconds_bucket{method=\"POST\",le=\"2.5\"} 1\n")
        );
        assert!(text.contains("http_request_duration_seconds_sum{method=\"GET\"} 0.0312\n"));
        assert!(
            text.contains(
                "grpc_server_handled_total{grpc_code=\"OK\",grpc_method=\"GetUser\"} 1\n"
            )
        );
    }

    #[test]
    fn traceparent_round_trip_and_rejects() {
        let tp = traceparent("4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7");
        assert_eq!(
            tp,
            "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"
        );
        assert!(parse_traceparent(&tp).is_some());
        assert!(
            parse_traceparent("00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01").is_none()
        );
        assert!(
            parse_traceparent("00-00000000000000000000000000000000-00f067aa0ba902b7-01").is_none()
        );
        assert!(parse_traceparent("garbage").is_none());
        assert_eq!(timestamp(1_234_567), "2026-01-01T00:00:01.234Z");
        assert_eq!(millis(12_345), "12.345");
    }
}
