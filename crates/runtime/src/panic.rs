//! Panics and fatal errors, printed the way the Go runtime prints them (`runtime/panic.go`,
//! `runtime/traceback.go`): `panic: <value>`, a blank line, `goroutine 1 [running]:`, then one
//! `func(...)` / `\tfile:line` pair per frame, innermost first. Addresses (`+0x1d`) are omitted.

use crate::goroutine::Goroutine;
use crate::value::Value;
use lang::bytecode::Program;

/// Run-time errors (`runtime.Error`): the message after `panic: runtime error: `.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RuntimeError {
    IntegerDivideByZero,
    NegativeShiftAmount,
    IndexOutOfRange { index: i64, len: i64 },
}

impl RuntimeError {
    pub fn message(&self) -> String {
        match self {
            RuntimeError::IntegerDivideByZero => "runtime error: integer divide by zero".into(),
            RuntimeError::NegativeShiftAmount => "runtime error: negative shift amount".into(),
            RuntimeError::IndexOutOfRange { index, len } => {
                format!("runtime error: index out of range [{index}] with length {len}")
            }
        }
    }
}

/// The text after `panic: ` for a value passed to `panic` (`printpanicval`).
pub fn panic_value_text(v: &Value) -> String {
    match v {
        Value::Nil => "nil".into(),
        Value::Str(s) => String::from_utf8_lossy(s).into_owned(),
        Value::Float(x) => {
            String::from_utf8_lossy(&crate::fmt::format_value(&Value::Float(*x))).into_owned()
        }
        v => v.to_string(),
    }
}

/// The goroutine's traceback: `goroutine 1 [running]:` and its frames, innermost first.
/// With more than `max_frames` frames, the middle is elided as Go does.
pub fn traceback(g: &Goroutine, program: &Program, file: &str, max_frames: usize) -> String {
    let mut out = format!("goroutine {} [running]:\n", g.id.0);
    let n = g.frames.len();
    let frames: Vec<usize> = (0..n).rev().collect();
    let (head, tail) = if n > max_frames {
        (max_frames / 2, max_frames / 2)
    } else {
        (n, 0)
    };
    let write_frame = |out: &mut String, i: usize| {
        let fr = &g.frames[i];
        let func = program.function(fr.func);
        // The pc has already advanced past the faulting instruction, except in the innermost
        // frame of a fatal error raised before execution; use the instruction before it.
        let pc = fr.pc.saturating_sub(1) as usize;
        let line = func.pos.get(pc).map_or(func.decl.line, |p| p.line);
        let args = if func.num_params > 0 { "(...)" } else { "()" };
        out.push_str(&format!("{}{}\n\t{}:{}\n", func.name, args, file, line));
    };
    for &i in frames.iter().take(head) {
        write_frame(&mut out, i);
    }
    if tail > 0 {
        out.push_str(&format!("...{} frames elided...\n", n - head - tail));
        for &i in frames.iter().skip(n - tail) {
            write_frame(&mut out, i);
        }
    }
    if g.waitgroup.is_some() {
        // The wrapper WaitGroup.Go runs f in (Go 1.27's sync/waitgroup.go).
        out.push_str("sync.(*WaitGroup).Go.func1()\n\tsync/waitgroup.go:258\n");
    }
    // Creators in the standard library (`time.goFunc`, `sync.(*WaitGroup).Go`) are printed
    // the way `-trimpath` binaries print them; g0 (a timer) is not named as a goroutine.
    if let Some((by, func, line)) = &g.created_by {
        let at = if func.starts_with("main.") {
            file
        } else {
            std_file(func)
        };
        out.push_str(&format!("created by {func}"));
        if by.0 != 0 {
            out.push_str(&format!(" in goroutine {}", by.0));
        }
        out.push_str(&format!("\n\t{at}:{line}\n"));
    }
    out
}

/// The source file of a standard-library function that creates goroutines.
pub(crate) fn std_file(func: &str) -> &'static str {
    match func {
        "time.goFunc" => "time/sleep.go",
        "sync.(*WaitGroup).Go" => "sync/waitgroup.go",
        _ => "runtime/proc.go",
    }
}
