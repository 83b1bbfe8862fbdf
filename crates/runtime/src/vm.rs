//! The interpreter: the dispatch loop over [`Op`]s (the instruction set is documented in
//! `lang::bytecode`).
//!
//! The loop keeps the current function's code and pc in locals and writes the pc back to the
//! frame whenever it leaves the function (call, return, panic, end of the slice), so the
//! goroutine is always resumable: there is no Rust recursion per Go call.

use crate::event::Event;
use crate::fmt;
use crate::goroutine::GoId;
use crate::machine::{MAX_FRAMES, Machine, Outcome};
use crate::panic::{RuntimeError, panic_value_text, traceback};
use crate::value::Value;
use lang::bytecode::{Conversion, IntKind, Op, Program};
use lang::packages::Native;
use std::rc::Rc;

/// Where events go, each labelled with the step (instruction number, 1-based) that produced it.
pub(crate) struct Sink<'a> {
    pub(crate) events: &'a mut Vec<Event>,
    pub(crate) steps: Option<&'a mut Vec<u64>>,
    /// The step being executed.
    pub(crate) now: u64,
}

impl Sink<'_> {
    pub(crate) fn push(&mut self, e: Event) {
        self.events.push(e);
        if let Some(s) = self.steps.as_mut() {
            s.push(self.now);
        }
    }
}

/// What interrupted the inner loop.
enum Exit {
    /// Budget used up or control left the function (call/return): re-enter.
    Continue,
    /// The program ended.
    Done,
}

fn wrap(v: i64, k: IntKind) -> i64 {
    match k {
        IntKind::Int8 => v as i8 as i64,
        IntKind::Int16 => v as i16 as i64,
        IntKind::Int32 => v as i32 as i64,
        IntKind::Uint8 => v as u8 as i64,
        IntKind::Uint16 => v as u16 as i64,
        IntKind::Uint32 => v as u32 as i64,
    }
}

fn compare(a: &Value, b: &Value) -> std::cmp::Ordering {
    use std::cmp::Ordering;
    match (a, b) {
        (Value::Int(x), Value::Int(y)) => x.cmp(y),
        (Value::Str(x), Value::Str(y)) => x.cmp(y),
        (Value::Bool(x), Value::Bool(y)) => x.cmp(y),
        (Value::Float(x), Value::Float(y)) => x.partial_cmp(y).unwrap_or(Ordering::Less),
        _ => Ordering::Equal,
    }
}

fn float_eq(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Float(x), Value::Float(y)) => x == y,
        _ => a == b,
    }
}

/// The built-in `print`/`println` formatting (runtime/print.go).
fn builtin_print(args: &[Value], newline: bool) -> Vec<u8> {
    let mut out = Vec::new();
    for (i, a) in args.iter().enumerate() {
        if newline && i > 0 {
            out.push(b' ');
        }
        match a {
            Value::Nil => out.extend_from_slice(b"(0x0,0x0)"),
            Value::Int(v) => out.extend_from_slice(v.to_string().as_bytes()),
            Value::Float(_) => out.extend_from_slice(&fmt::format_value(a)),
            Value::Bool(b) => out.extend_from_slice(if *b { b"true" } else { b"false" }),
            Value::Str(s) => out.extend_from_slice(s),
        }
    }
    if newline {
        out.push(b'\n');
    }
    out
}

impl Machine {
    pub(crate) fn execute(&mut self, budget: u64, events: &mut Sink<'_>) -> u64 {
        let program: Rc<Program> = Rc::clone(&self.program);
        let mut executed: u64 = 0;
        while executed < budget && self.exit_code.is_none() {
            match self.run_function(&program, budget, &mut executed, events) {
                Exit::Continue => {}
                Exit::Done => break,
            }
        }
        self.steps += executed;
        executed
    }

    /// Runs instructions of the innermost frame until the budget is used, or control leaves it.
    fn run_function(
        &mut self,
        program: &Program,
        budget: u64,
        executed: &mut u64,
        events: &mut Sink<'_>,
    ) -> Exit {
        let gi = self.current;
        let gid = self.goroutines[gi].id;
        let Some(frame) = self.goroutines[gi].frames.last().cloned() else {
            self.finish(Outcome::Exit(0), 0);
            events.push(Event::Exit { g: gid, code: 0 });
            return Exit::Done;
        };
        let func = program.function(frame.func);
        let code = &func.code;
        let base = frame.base as usize;
        let mut pc = frame.pc as usize;
        macro_rules! g {
            () => {
                self.goroutines[gi]
            };
        }
        macro_rules! save_pc {
            () => {
                if let Some(f) = g!().frames.last_mut() {
                    f.pc = pc as u32;
                }
            };
        }
        macro_rules! binop_int {
            ($f:expr) => {{
                let b = g!().pop().as_int();
                let a = g!().pop().as_int();
                g!().push(Value::Int($f(a, b)));
            }};
        }
        macro_rules! binop_float {
            ($f:expr) => {{
                let b = g!().pop().as_float();
                let a = g!().pop().as_float();
                g!().push(Value::Float($f(a, b)));
            }};
        }
        macro_rules! runtime_panic {
            ($err:expr) => {{
                save_pc!();
                self.panic_with(gid, $err.message(), events);
                return Exit::Done;
            }};
        }
        loop {
            if *executed >= budget {
                save_pc!();
                return Exit::Continue;
            }
            *executed += 1;
            events.now = self.steps + *executed;
            let Some(op) = code.get(pc) else {
                // Falling off the end of code: only possible in malformed programs. Return.
                save_pc!();
                self.do_return(program, gid, events);
                return Exit::Continue;
            };
            pc += 1;
            match op {
                Op::Int(i) => g!().push(Value::Int(*i)),
                Op::Float(f) => g!().push(Value::Float(*f)),
                Op::Bool(b) => g!().push(Value::Bool(*b)),
                Op::Str(s) => {
                    let v = program
                        .strings
                        .get(*s as usize)
                        .cloned()
                        .unwrap_or_else(|| Rc::from(&b""[..]));
                    g!().push(Value::Str(v));
                }
                Op::Nil => g!().push(Value::Nil),
                Op::Pop => {
                    g!().pop();
                }
                Op::Load(s) => {
                    let v = g!()
                        .stack
                        .get(base + *s as usize)
                        .cloned()
                        .unwrap_or_default();
                    g!().push(v);
                }
                Op::Store(s) => {
                    let v = g!().pop();
                    if let Some(slot) = g!().stack.get_mut(base + *s as usize) {
                        *slot = v;
                    }
                }
                Op::LoadGlobal(i) => {
                    let v = self.globals.get(*i as usize).cloned().unwrap_or_default();
                    g!().push(v);
                }
                Op::StoreGlobal(i) => {
                    let v = g!().pop();
                    if let Some(slot) = self.globals.get_mut(*i as usize) {
                        *slot = v;
                    }
                }
                Op::Add => binop_int!(i64::wrapping_add),
                Op::Sub => binop_int!(i64::wrapping_sub),
                Op::Mul => binop_int!(i64::wrapping_mul),
                Op::Div | Op::Rem => {
                    let b = g!().pop().as_int();
                    let a = g!().pop().as_int();
                    if b == 0 {
                        runtime_panic!(RuntimeError::IntegerDivideByZero);
                    }
                    let r = if matches!(op, Op::Div) {
                        a.wrapping_div(b)
                    } else {
                        a.wrapping_rem(b)
                    };
                    g!().push(Value::Int(r));
                }
                Op::And => binop_int!(|a, b| a & b),
                Op::Or => binop_int!(|a, b| a | b),
                Op::Xor => binop_int!(|a, b| a ^ b),
                Op::AndNot => binop_int!(|a: i64, b: i64| a & !b),
                Op::Shl | Op::Shr => {
                    let b = g!().pop().as_int();
                    let a = g!().pop().as_int();
                    if b < 0 {
                        runtime_panic!(RuntimeError::NegativeShiftAmount);
                    }
                    let r = if matches!(op, Op::Shl) {
                        if b >= 64 { 0 } else { a.wrapping_shl(b as u32) }
                    } else if b >= 64 {
                        if a < 0 { -1 } else { 0 }
                    } else {
                        a >> b
                    };
                    g!().push(Value::Int(r));
                }
                Op::Neg => {
                    let a = g!().pop().as_int();
                    g!().push(Value::Int(a.wrapping_neg()));
                }
                Op::Compl => {
                    let a = g!().pop().as_int();
                    g!().push(Value::Int(!a));
                }
                Op::Wrap(k) => {
                    let a = g!().pop().as_int();
                    g!().push(Value::Int(wrap(a, *k)));
                }
                Op::FAdd => binop_float!(|a, b| a + b),
                Op::FSub => binop_float!(|a, b| a - b),
                Op::FMul => binop_float!(|a, b| a * b),
                Op::FDiv => binop_float!(|a, b| a / b),
                Op::FNeg => {
                    let a = g!().pop().as_float();
                    g!().push(Value::Float(-a));
                }
                Op::Concat => {
                    let b = g!().pop();
                    let a = g!().pop();
                    let mut s = Vec::with_capacity(a.as_bytes().len() + b.as_bytes().len());
                    s.extend_from_slice(a.as_bytes());
                    s.extend_from_slice(b.as_bytes());
                    g!().push(Value::Str(s.into()));
                }
                Op::Eq | Op::Ne => {
                    let b = g!().pop();
                    let a = g!().pop();
                    let eq = float_eq(&a, &b);
                    g!().push(Value::Bool(if matches!(op, Op::Eq) { eq } else { !eq }));
                }
                Op::Lt | Op::Le | Op::Gt | Op::Ge => {
                    let b = g!().pop();
                    let a = g!().pop();
                    let r = match (&a, &b) {
                        (Value::Float(x), Value::Float(y)) => match op {
                            Op::Lt => x < y,
                            Op::Le => x <= y,
                            Op::Gt => x > y,
                            _ => x >= y,
                        },
                        _ => {
                            let o = compare(&a, &b);
                            match op {
                                Op::Lt => o.is_lt(),
                                Op::Le => o.is_le(),
                                Op::Gt => o.is_gt(),
                                _ => o.is_ge(),
                            }
                        }
                    };
                    g!().push(Value::Bool(r));
                }
                Op::Not => {
                    let a = g!().pop().as_bool();
                    g!().push(Value::Bool(!a));
                }
                Op::Jump(t) => pc = *t as usize,
                Op::JumpIfFalse(t) => {
                    if !g!().pop().as_bool() {
                        pc = *t as usize;
                    }
                }
                Op::JumpIfTrue(t) => {
                    if g!().pop().as_bool() {
                        pc = *t as usize;
                    }
                }
                Op::LenString => {
                    let s = g!().pop();
                    g!().push(Value::Int(s.as_bytes().len() as i64));
                }
                Op::IndexString => {
                    let i = g!().pop().as_int();
                    let s = g!().pop();
                    let b = s.as_bytes();
                    if i < 0 || i as usize >= b.len() {
                        runtime_panic!(RuntimeError::IndexOutOfRange {
                            index: i,
                            len: b.len() as i64
                        });
                    }
                    let v = b[i as usize] as i64;
                    g!().push(Value::Int(v));
                }
                Op::Convert(c) => {
                    let v = g!().pop();
                    let r = match c {
                        Conversion::IntToFloat => Value::Float(v.as_int() as f64),
                        Conversion::FloatToInt => Value::Int(v.as_float() as i64),
                        Conversion::RuneToString => {
                            let c = u32::try_from(v.as_int())
                                .ok()
                                .and_then(char::from_u32)
                                .unwrap_or('\u{FFFD}');
                            Value::string(c.encode_utf8(&mut [0; 4]))
                        }
                    };
                    g!().push(r);
                }
                Op::Print { argc, newline } => {
                    let args = g!().pop_n(*argc as usize);
                    let text = builtin_print(&args, *newline);
                    events.push(Event::Stderr { g: gid, text });
                }
                Op::CallNative { native, argc } => {
                    let args = g!().pop_n(*argc as usize);
                    save_pc!();
                    if self.native(*native, args, gid, events) {
                        return Exit::Done;
                    }
                }
                Op::Panic => {
                    let v = g!().pop();
                    save_pc!();
                    self.panic_with(gid, panic_value_text(&v), events);
                    return Exit::Done;
                }
                Op::Call(f) => {
                    save_pc!();
                    let callee = program.function(*f);
                    if g!().frames.len() >= MAX_FRAMES {
                        self.stack_overflow(gid, events);
                        return Exit::Done;
                    }
                    if self.trace_calls {
                        let n = callee.num_params as usize;
                        let len = g!().stack.len();
                        let args = g!().stack[len.saturating_sub(n)..].to_vec();
                        events.push(Event::Call {
                            g: gid,
                            func: self.names[f.0 as usize].clone(),
                            args,
                        });
                    }
                    Machine::push_frame(program, &mut self.goroutines[gi], *f);
                    return Exit::Continue;
                }
                Op::Return => {
                    save_pc!();
                    return if self.do_return(program, gid, events) {
                        Exit::Done
                    } else {
                        Exit::Continue
                    };
                }
            }
        }
    }

    /// Pops the current frame, passing its results to the caller. Returns true if the program
    /// ended (main returned).
    fn do_return(&mut self, program: &Program, gid: GoId, events: &mut Sink<'_>) -> bool {
        let gi = self.current;
        let Some(frame) = self.goroutines[gi].frames.pop() else {
            return true;
        };
        let func = program.function(frame.func);
        let results = self.goroutines[gi].pop_n(func.num_results as usize);
        self.goroutines[gi].stack.truncate(frame.base as usize);
        if self.trace_calls && func.name != "main.init" {
            events.push(Event::Return {
                g: gid,
                func: self.names[frame.func.0 as usize].clone(),
                results: results.clone(),
            });
        }
        self.goroutines[gi].stack.extend(results);
        if self.goroutines[gi].frames.is_empty() {
            // main.main returned: the program exits with status 0.
            self.finish(Outcome::Exit(0), 0);
            events.push(Event::Exit { g: gid, code: 0 });
            return true;
        }
        false
    }

    /// Runs a native function. Returns true if the program ended.
    fn native(
        &mut self,
        native: Native,
        args: Vec<Value>,
        gid: GoId,
        events: &mut Sink<'_>,
    ) -> bool {
        let gi = self.current;
        let out = |text: Vec<u8>, events: &mut Sink<'_>, g: &mut crate::goroutine::Goroutine| {
            let n = text.len() as i64;
            events.push(Event::Stdout { g: gid, text });
            g.push(Value::Int(n));
            g.push(Value::Nil);
        };
        let g = &mut self.goroutines[gi];
        match native {
            Native::FmtPrint => out(fmt::sprint(&args), events, g),
            Native::FmtPrintln => out(fmt::sprintln(&args), events, g),
            Native::FmtPrintf => {
                let (f, rest) = args
                    .split_first()
                    .map_or((Value::Nil, &[][..]), |(f, r)| (f.clone(), r));
                out(fmt::sprintf(f.as_bytes(), rest), events, g)
            }
            Native::FmtSprint => g.push(Value::Str(fmt::sprint(&args).into())),
            Native::FmtSprintln => g.push(Value::Str(fmt::sprintln(&args).into())),
            Native::FmtSprintf => {
                let (f, rest) = args
                    .split_first()
                    .map_or((Value::Nil, &[][..]), |(f, r)| (f.clone(), r));
                g.push(Value::Str(fmt::sprintf(f.as_bytes(), rest).into()))
            }
            Native::OsExit => {
                let code = args.first().map_or(0, Value::as_int) as i32;
                self.finish(Outcome::Exit(code), code);
                events.push(Event::Exit { g: gid, code });
                return true;
            }
        }
        false
    }

    /// An unrecovered panic: print `panic: msg` and the traceback, exit status 2.
    pub(crate) fn panic_with(&mut self, gid: GoId, message: String, events: &mut Sink<'_>) {
        events.push(Event::Panic {
            g: gid,
            message: message.clone(),
        });
        let g = &self.goroutines[self.current];
        let mut text = format!("panic: {message}");
        if message.starts_with("runtime error: ") && message.contains("divide by zero") {
            // Go adds the signal line for hardware faults only; integer division is checked.
        }
        text.push_str("\n\n");
        text.push_str(&traceback(g, &self.program, &self.file, 100));
        events.push(Event::Stderr {
            g: gid,
            text: text.into_bytes(),
        });
        self.finish(Outcome::Panic, 2);
        events.push(Event::Exit { g: gid, code: 2 });
    }

    fn stack_overflow(&mut self, gid: GoId, events: &mut Sink<'_>) {
        let message = "stack overflow".to_string();
        events.push(Event::Fatal {
            message: message.clone(),
        });
        let g = &self.goroutines[self.current];
        let text = format!(
            "runtime: goroutine stack exceeds 1000000000-byte limit\nfatal error: {message}\n\n{}",
            traceback(g, &self.program, &self.file, 100)
        );
        events.push(Event::Stderr {
            g: gid,
            text: text.into_bytes(),
        });
        self.finish(Outcome::Fatal, 2);
        events.push(Event::Exit { g: gid, code: 2 });
    }
}
