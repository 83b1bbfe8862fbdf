//! `goscope run --trace FILE.json`: the run's events as JSON, written by hand so neither the
//! core nor the CLI needs serde (the core stays small for wasm).
//!
//! Schema (version 1, stable: fields are only ever added):
//!
//! ```json
//! {"version":1,"file":"./prog.go","seed":1,"gomaxprocs":4,"exit_code":0,"steps":1234,
//!  "dropped_events":0,
//!  "events":[{"step":0,"kind":"GoStart","g":"g1","p":"","x":"","text":"g1 start main.main"}, ...]}
//! ```
//!
//! `kind` is the event's variant (`Sched.ChanSend`, `Sync.Mutex`, `Stdout`, ...); `g`, `p`
//! and `x` are the facts the views use (`runtime::inspect::EventFacts`: goroutine, P or
//! channel, and a detail), empty when they do not apply; `text` is the event's one-line
//! `Display`, the same line `goscope trace` prints.

use runtime::event::Event;
use runtime::inspect::EventFacts;
use std::fmt::Write;

/// A JSON string literal.
pub fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The variant name of an event: `Stdout`, or `Sched.ChanSend` for nested enums.
pub fn kind(e: &Event) -> String {
    let variant = |d: String| -> String {
        d.split(|c: char| !c.is_alphanumeric() && c != '_')
            .next()
            .unwrap_or("")
            .to_string()
    };
    match e {
        Event::Sched(s) => format!("Sched.{}", variant(format!("{s:?}"))),
        Event::Sync(s) => format!("Sync.{}", variant(format!("{s:?}"))),
        Event::Race(h) => format!("Race.{}", variant(format!("{h:?}"))),
        Event::Gc(s) => format!("Gc.{}", variant(format!("{s:?}"))),
        Event::Iface(s) => format!("Iface.{}", variant(format!("{s:?}"))),
        e => variant(format!("{e:?}")),
    }
}

/// What the header of the document says about the run.
pub struct RunInfo<'a> {
    pub file: &'a str,
    pub seed: u64,
    pub gomaxprocs: usize,
    pub exit_code: i32,
    pub steps: u64,
    pub dropped_events: u64,
}

/// The whole document.
pub fn document(info: &RunInfo<'_>, events: &[(u64, Event)]) -> String {
    let mut out = String::new();
    let _ = write!(
        out,
        "{{\"version\":1,\"file\":{},\"seed\":{},\"gomaxprocs\":{},\"exit_code\":{},\
         \"steps\":{},\"dropped_events\":{},\"events\":[",
        quote(info.file),
        info.seed,
        info.gomaxprocs,
        info.exit_code,
        info.steps,
        info.dropped_events
    );
    for (i, (step, e)) in events.iter().enumerate() {
        let facts = EventFacts::of(e);
        let _ = write!(
            out,
            "{}\n{{\"step\":{step},\"kind\":{},\"g\":{},\"p\":{},\"x\":{},\"text\":{}}}",
            if i == 0 { "" } else { "," },
            quote(&kind(e)),
            quote(&facts.g),
            quote(&facts.p),
            quote(&facts.x),
            quote(&e.to_string()),
        );
    }
    out.push_str("\n]}\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_are_escaped() {
        assert_eq!(quote("a\"b\\\n\u{1}"), "\"a\\\"b\\\\\\n\\u0001\"");
    }
}
