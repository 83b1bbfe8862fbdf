//! The API lab's typed trace: one [`ApiEvent`] per thing a request went through, each with a
//! stable one-line `Display` (`[    0.045ms] #1 enter auth`). Times are the virtual clock in
//! µs, printed as milliseconds with three decimals. Tests snapshot these lines; the page lists
//! them as "the request's path through the chain".

use std::fmt;

use super::grpc::Code;
use super::observe::millis;

/// REST (HTTP/1.1 + JSON) or gRPC (HTTP/2 + protobuf).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Protocol {
    Rest,
    Grpc,
}

impl fmt::Display for Protocol {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Protocol::Rest => "REST",
            Protocol::Grpc => "gRPC",
        })
    }
}

/// One line of the trace.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ApiEvent {
    Received {
        t: u64,
        req: u64,
        protocol: Protocol,
        method: String,
        target: String,
    },
    Enter {
        t: u64,
        req: u64,
        mw: &'static str,
    },
    /// What a middleware did (`request id 9f...`, `token ok: sub=ada`).
    Note {
        t: u64,
        req: u64,
        mw: &'static str,
        text: String,
    },
    /// A middleware answered without calling the next one.
    Reject {
        t: u64,
        req: u64,
        mw: &'static str,
        status: u16,
        message: String,
    },
    /// A transcoding step or a wire step (decode, encode).
    Step {
        t: u64,
        req: u64,
        text: String,
    },
    Handler {
        t: u64,
        req: u64,
        rpc: String,
        op: String,
    },
    Downstream {
        t: u64,
        req: u64,
        name: String,
        us: u64,
    },
    Chaos {
        t: u64,
        req: u64,
        what: String,
    },
    Panic {
        t: u64,
        req: u64,
        message: String,
    },
    /// A panic passed through a middleware: its after part did not run.
    Unwind {
        t: u64,
        req: u64,
        mw: &'static str,
    },
    Recovered {
        t: u64,
        req: u64,
    },
    Leave {
        t: u64,
        req: u64,
        mw: &'static str,
        status: u16,
    },
    Respond {
        t: u64,
        req: u64,
        status: u16,
        code: Code,
        us: u64,
    },
    /// The connection was dropped (no response).
    Aborted {
        t: u64,
        req: u64,
        why: String,
    },
}

impl ApiEvent {
    pub fn time(&self) -> u64 {
        match self {
            ApiEvent::Received { t, .. }
            | ApiEvent::Enter { t, .. }
            | ApiEvent::Note { t, .. }
            | ApiEvent::Reject { t, .. }
            | ApiEvent::Step { t, .. }
            | ApiEvent::Handler { t, .. }
            | ApiEvent::Downstream { t, .. }
            | ApiEvent::Chaos { t, .. }
            | ApiEvent::Panic { t, .. }
            | ApiEvent::Unwind { t, .. }
            | ApiEvent::Recovered { t, .. }
            | ApiEvent::Leave { t, .. }
            | ApiEvent::Respond { t, .. }
            | ApiEvent::Aborted { t, .. } => *t,
        }
    }

    pub fn req(&self) -> u64 {
        match self {
            ApiEvent::Received { req, .. }
            | ApiEvent::Enter { req, .. }
            | ApiEvent::Note { req, .. }
            | ApiEvent::Reject { req, .. }
            | ApiEvent::Step { req, .. }
            | ApiEvent::Handler { req, .. }
            | ApiEvent::Downstream { req, .. }
            | ApiEvent::Chaos { req, .. }
            | ApiEvent::Panic { req, .. }
            | ApiEvent::Unwind { req, .. }
            | ApiEvent::Recovered { req, .. }
            | ApiEvent::Leave { req, .. }
            | ApiEvent::Respond { req, .. }
            | ApiEvent::Aborted { req, .. } => *req,
        }
    }
}

impl fmt::Display for ApiEvent {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "[{:>10}ms] #{} ", millis(self.time()), self.req())?;
        match self {
            ApiEvent::Received {
                protocol,
                method,
                target,
                ..
            } => write!(f, "{protocol} {method} {target}"),
            ApiEvent::Enter { mw, .. } => write!(f, "enter {mw}"),
            ApiEvent::Note { mw, text, .. } => write!(f, "  {mw}: {text}"),
            ApiEvent::Reject {
                mw,
                status,
                message,
                ..
            } => write!(f, "  {mw} answers {status}: {message}"),
            ApiEvent::Step { text, .. } => write!(f, "  {text}"),
            ApiEvent::Handler { rpc, op, .. } => write!(f, "handler {rpc}: {op}"),
            ApiEvent::Downstream { name, us, .. } => {
                write!(f, "  downstream {name} took {}ms", millis(*us))
            }
            ApiEvent::Chaos { what, .. } => write!(f, "  CHAOS {what}"),
            ApiEvent::Panic { message, .. } => write!(f, "  PANIC {message}"),
            ApiEvent::Unwind { mw, .. } => {
                write!(f, "unwind through {mw} (its after part is skipped)")
            }
            ApiEvent::Recovered { .. } => {
                f.write_str("  recovery: recovered the panic, answering 500")
            }
            ApiEvent::Leave { mw, status, .. } => write!(f, "leave {mw} ({status})"),
            ApiEvent::Respond {
                status, code, us, ..
            } => {
                write!(f, "respond {status} {code} after {}ms", millis(*us))
            }
            ApiEvent::Aborted { why, .. } => write!(f, "CONNECTION DROPPED: {why}"),
        }
    }
}
