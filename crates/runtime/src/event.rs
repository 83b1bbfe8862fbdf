//! Events: what each step of the machine reports. The trace is the product: every event has a
//! stable one-line `Display` (`g1 call main.fib(20)`, `g1 stdout "hello, 世界\n"`).
//!
//! Economy: not every instruction produces an event. Goroutine start/exit, calls and returns,
//! output, panics and fatal errors do; the scheduler, channel and GC events of the next slices
//! extend this enum.

use crate::goroutine::GoId;
use crate::value::Value;
use lang::constant::quote_bytes;
use std::fmt;
use std::rc::Rc;

#[derive(Clone, Debug, PartialEq)]
pub enum Event {
    /// A goroutine was created and starts at `func`.
    GoStart { g: GoId, func: Rc<str> },
    /// A call of a declared function with its arguments.
    Call {
        g: GoId,
        func: Rc<str>,
        args: Vec<Value>,
    },
    /// A return with the results.
    Return {
        g: GoId,
        func: Rc<str>,
        results: Vec<Value>,
    },
    /// Bytes written to standard output.
    Stdout { g: GoId, text: Vec<u8> },
    /// Bytes written to standard error (by `print`/`println`).
    Stderr { g: GoId, text: Vec<u8> },
    /// A panic started, with its message (`runtime error: integer divide by zero`).
    Panic { g: GoId, message: String },
    /// The program exited with a status code.
    Exit { g: GoId, code: i32 },
    /// The runtime gave up: stack overflow, step budget.
    Fatal { message: String },
    /// A scheduler, channel or timer decision (`P0 runnext <- g2`, `chan c1 send g1 7 ...`).
    Sched(crate::sched::SchedEvent),
    /// A `sync` method call (`g3 mutex s1 lock blocked (2 waiting)`).
    Sync(crate::sync_event::SyncEvent),
    /// A happens-before edge end or shared access, in race mode only (`hb g2 acquire c1 slot 0
    /// (recv) from g1@2`; see `race::hb_log`).
    Race(crate::race::hb_log::HbEvent),
    /// A garbage-collector event (`gc 1 start (heap) ...`, `gc 1 stop the world (mark termination)`).
    Gc(crate::gc::event::GcEvent),
    /// An interface operation: itab lookup, dispatch, assertion, type-switch case
    /// (`g1 dispatch main.Shape.Area: itab(main.Shape,main.Circle).fun[0] = main.Circle.Area`).
    Iface(crate::iface_event::IfaceEvent),
}

fn list(f: &mut fmt::Formatter<'_>, vals: &[Value]) -> fmt::Result {
    for (i, v) in vals.iter().enumerate() {
        if i > 0 {
            f.write_str(", ")?;
        }
        match v {
            Value::Str(s) => f.write_str(&quote_bytes(s))?,
            v => write!(f, "{v}")?,
        }
    }
    Ok(())
}

impl fmt::Display for Event {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Event::GoStart { g, func } => write!(f, "{g} start {func}"),
            Event::Call { g, func, args } => {
                write!(f, "{g} call {func}(")?;
                list(f, args)?;
                f.write_str(")")
            }
            Event::Return { g, func, results } => {
                write!(f, "{g} return {func}")?;
                if !results.is_empty() {
                    f.write_str(" ")?;
                    list(f, results)?;
                }
                Ok(())
            }
            Event::Stdout { g, text } => write!(f, "{g} stdout {}", quote_bytes(text)),
            Event::Stderr { g, text } => write!(f, "{g} stderr {}", quote_bytes(text)),
            Event::Panic { g, message } => {
                write!(f, "{g} panic {}", quote_bytes(message.as_bytes()))
            }
            Event::Exit { g, code } => write!(f, "{g} exit {code}"),
            Event::Fatal { message } => write!(f, "fatal {}", quote_bytes(message.as_bytes())),
            Event::Sched(e) => write!(f, "{e}"),
            Event::Sync(e) => write!(f, "{e}"),
            Event::Race(e) => write!(f, "{e}"),
            Event::Gc(e) => write!(f, "{e}"),
            Event::Iface(e) => write!(f, "{e}"),
        }
    }
}
