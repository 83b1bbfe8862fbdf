//! Race reports in the form of ThreadSanitizer's Go reports (`compiler-rt`'s
//! `tsan_report.cpp` as printed for `go run -race`):
//!
//! ```text
//! ==================
//! WARNING: DATA RACE
//! Write at 0x00c000010108 by goroutine 2:
//!   main.main.func1()
//!       prog.go:10
//!
//! Previous read at 0x00c000010108 by main goroutine:
//!   main.main()
//!       prog.go:13
//!
//! Goroutine 2 (running) created at:
//!   main.main()
//!       prog.go:9
//! ==================
//! ```
//!
//! Differences from Go, on purpose: file paths are the ones goscope was given (Go prints the
//! absolute path), frames have no `+0x..` pc offsets (goscope has no machine code; the line is
//! what a learner needs), addresses are deterministic fakes ([`Loc::address`]), and goroutine
//! ids are goscope's (Go's user goroutines start after its runtime's own, e.g. at 6 or 7).

use super::shadow::{Loc, Stack};
use std::fmt::Write;

/// One side of a report: the access kind, its goroutine (0-based index) and stack.
pub struct Side<'a> {
    pub write: bool,
    pub g: usize,
    pub stack: &'a Stack,
}

/// A goroutine named in the report: index, whether it is still running, its creation stack.
pub struct Creation<'a> {
    pub g: usize,
    pub running: bool,
    pub stack: &'a Stack,
}

fn who(g: usize) -> String {
    if g == 0 {
        "main goroutine".to_string()
    } else {
        format!("goroutine {}", g + 1)
    }
}

fn frames(out: &mut String, file: &str, stack: &Stack) {
    for f in stack.iter() {
        // The program's functions are `main.*`; others are the standard library's.
        let file = if f.func.starts_with("main.") {
            file
        } else {
            crate::panic::std_file(&f.func)
        };
        let _ = writeln!(out, "  {}()\n      {}:{}", f.func, file, f.line);
    }
}

/// The report text, from `==================` to `==================`.
pub fn format(
    file: &str,
    loc: &Loc,
    now: Side<'_>,
    prev: Side<'_>,
    created: &[Creation<'_>],
) -> String {
    let addr = loc.address();
    let mut out = String::from("==================\nWARNING: DATA RACE\n");
    let kind = |w: bool| if w { "Write" } else { "Read" };
    let _ = writeln!(
        out,
        "{} at 0x{addr:012x} by {}:",
        kind(now.write),
        who(now.g)
    );
    frames(&mut out, file, now.stack);
    let _ = writeln!(
        out,
        "\nPrevious {} at 0x{addr:012x} by {}:",
        kind(prev.write).to_lowercase(),
        who(prev.g)
    );
    frames(&mut out, file, prev.stack);
    for c in created {
        let status = if c.running { "running" } else { "finished" };
        let _ = writeln!(out, "\nGoroutine {} ({status}) created at:", c.g + 1);
        frames(&mut out, file, c.stack);
    }
    out.push_str("==================\n");
    out
}

/// The line printed at exit when races were found (`racefini`), before exit status 66.
pub fn summary(n: usize) -> String {
    format!("Found {n} data race(s)\n")
}

/// The exit status of a racy program that would otherwise have exited 0 (`racefini`).
pub const RACE_EXIT_CODE: i32 = 66;
