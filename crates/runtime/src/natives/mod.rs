//! The standard library's functions, implemented in Rust (`fmt`, `errors`, `strings`,
//! `strconv`, `sort`, `os`), and the **native continuation** mechanism that lets them call Go.
//!
//! Most natives are plain functions of their arguments. Some must run Go code: `sort.Slice`
//! calls the `less` closure, fmt calls the `String()`/`Error()` methods of user types, and
//! `errors.Is`/`As`/`Unwrap` call user `Unwrap()`/`Is()` methods. A native never calls the
//! interpreter recursively (a goroutine's frame stack must stay its only call stack, so the
//! scheduler can switch goroutines between any two instructions and a checkpoint can clone
//! it). Instead a native is a small state machine returning a [`Step`]:
//!
//! - [`Step::Done`] — push the results (or drop them, for a deferred call) and carry on;
//! - [`Step::Call`] — "call this Go function value with these arguments and give me back its
//!   results": the VM stores the [`Cont`] (the native's state) in the *calling* frame's
//!   [`Frame::pending`](crate::goroutine::Frame::pending), pushes an ordinary frame for the
//!   callee and returns to the dispatch loop. When the callee returns, its results land on the
//!   caller's operand stack; before executing the caller's next instruction the loop sees the
//!   pending continuation, pops those results and calls [`Machine::resume_native`], which
//!   yields the next `Step`. A `sort.Slice` over n elements is thus a sequence of ordinary Go
//!   calls of `less` interleaved with Rust steps, visible in the trace like any other call.
//! - [`Step::Panic`] / [`Step::Exit`] — a run-time panic with Go's message, or `os.Exit`.
//!
//! Invariant: a frame has at most one pending continuation, and only while a frame it called
//! for the native is above it. A panic unwinding that callee abandons the continuation when
//! the callee's frame is popped ([`Machine::abandon_pending`]; a `Once.Do` is then done, as
//! in Go), so the caller's deferred calls and a `recover` there run without it.

mod errors;
mod nested_methods;
mod panic_value;
mod print;
mod render;
mod sort;
pub mod strconv;
pub mod strings;
pub(crate) mod time_values;

use crate::event::Event;
use crate::goroutine::GoId;
use crate::machine::{MAX_FRAMES, Machine, Outcome};
use crate::value::Value;
use crate::vm::Sink;
use lang::bytecode::Program;
use lang::packages::Native;

/// What a native asks the VM to do next.
pub(crate) enum Step {
    /// Finished: these are its results.
    Done(Vec<Value>),
    /// Call `callee` (a Go function value) with `args`, then resume `then` with its results.
    Call {
        callee: Value,
        args: Vec<Value>,
        then: Cont,
    },
    /// Panic with a run-time error message (`strings: negative Repeat count`).
    Panic(String),
    /// Panic with value `.0`, printed as `.1` (its `Error()`/`String()`, see `panic_value`).
    PanicWith(Value, String),
    /// `os.Exit(code)`.
    Exit(i32),
}

/// The suspended state of a native waiting for a Go call's results.
#[derive(Clone, Debug, PartialEq)]
pub enum Cont {
    Print(print::PrintState),
    Sort(sort::SortState),
    Errors(errors::ErrorsState),
    /// `panic(v)` waiting for `v.Error()` / `v.String()`.
    Panic(Value),
    /// `once.Do(f)` waiting for `f` to return (the index of the `Once` object).
    Once(usize),
}

/// A continuation parked in the frame that called the native.
#[derive(Clone, Debug, PartialEq)]
pub struct Pending {
    pub(crate) cont: Cont,
    /// How many results the Go callee returns.
    pub(crate) results: u32,
    /// The native itself runs as a deferred call: its results are dropped.
    pub(crate) deferred: bool,
}

impl Pending {
    /// The values a parked native continuation holds (collector roots).
    pub(crate) fn for_each_value(&self, f: &mut dyn FnMut(&Value)) {
        match &self.cont {
            Cont::Print(s) => s.for_each_value(f),
            Cont::Sort(s) => s.for_each_value(f),
            Cont::Errors(s) => s.for_each_value(f),
            Cont::Panic(v) => f(v),
            Cont::Once(_) => {}
        }
    }
}

/// The bytes of argument `i` (a string), or empty.
pub(crate) fn arg_bytes(args: &[Value], i: usize) -> &[u8] {
    args.get(i).map_or(&[][..], Value::as_bytes)
}

/// Integer argument `i`, or 0.
pub(crate) fn arg_int(args: &[Value], i: usize) -> i64 {
    args.get(i).map_or(0, Value::as_int)
}

/// The underlying value of an interface argument (natives receive `any` parameters boxed).
pub(crate) fn unboxed(v: &Value) -> &Value {
    match v {
        Value::Iface(b) => &b.1,
        v => v,
    }
}

impl Machine {
    /// Runs `native` called by the current frame. Returns true if the program ended.
    pub(crate) fn call_native(
        &mut self,
        program: &Program,
        native: Native,
        args: Vec<Value>,
        deferred: bool,
        gid: GoId,
        events: &mut Sink<'_>,
    ) -> bool {
        let step = self.native_step(native, args, gid, events);
        self.apply_step(program, step, deferred, gid, events)
    }

    /// The first step of a native.
    fn native_step(
        &mut self,
        native: Native,
        args: Vec<Value>,
        gid: GoId,
        events: &mut Sink<'_>,
    ) -> Step {
        use Native::*;
        match native {
            FmtPrint | FmtPrintln | FmtPrintf | FmtSprint | FmtSprintln | FmtSprintf
            | FmtErrorf => self.print_start(native, args, gid, events),
            // Join's message is its errors' Error() texts, which may be Go methods.
            ErrorsJoin => {
                let errs: Vec<Value> = args
                    .into_iter()
                    .filter(|e| !matches!(e, Value::Nil))
                    .collect();
                if errs.is_empty() {
                    return Step::Done(vec![Value::Nil]);
                }
                self.print_start(native, errs, gid, events)
            }
            ErrorsNew | ErrorsIs | ErrorsAs | ErrorsUnwrap => self.errors_start(native, args),
            SortInts | SortStrings | SortSlice => self.sort_start(native, args),
            OsExit => Step::Exit(arg_int(&args, 0) as i32),
            _ if let Some(results) = time_values::call(native, &args) => Step::Done(results),
            _ => self.pure_native(native, &args),
        }
    }

    /// Resumes the continuation parked in the current frame with the callee's results.
    /// Returns true if the program ended.
    pub(crate) fn resume_native(
        &mut self,
        program: &Program,
        gid: GoId,
        events: &mut Sink<'_>,
    ) -> bool {
        let gi = self.current;
        let Some(p) = self.goroutines[gi]
            .frames
            .last_mut()
            .and_then(|f| f.pending.take())
        else {
            return false;
        };
        let results = self.goroutines[gi].pop_n(p.results as usize);
        let step = match p.cont {
            Cont::Print(s) => self.print_resume(s, results, gid, events),
            Cont::Sort(s) => self.sort_resume(s, results),
            Cont::Errors(s) => self.errors_resume(s, results),
            Cont::Panic(v) => self.panic_resume(v, results),
            Cont::Once(i) => {
                self.once_done(i, gid, events);
                Step::Done(Vec::new())
            }
        };
        let ended = self.apply_step(program, step, p.deferred, gid, events);
        let parked = self.goroutines[gi]
            .frames
            .last()
            .is_some_and(|f| f.pending.is_some());
        if !ended && p.deferred && !parked && self.goroutines[gi].panicking.is_some() {
            // A deferred native finished while panicking: keep unwinding.
            return self.continue_unwind(program, gid, events);
        }
        ended
    }

    /// A panic unwound the Go call the current frame's native was waiting for: the native is
    /// abandoned, as Go's own frames of it unwind. A `Once.Do` still completes — once.go's
    /// deferred `done.Store(1)` and `Unlock` run during the panic — so later and waiting
    /// callers return without calling `f`.
    pub(crate) fn abandon_pending(&mut self, gid: GoId, events: &mut Sink<'_>) {
        let gi = self.current;
        let pending = self.goroutines[gi]
            .frames
            .last_mut()
            .and_then(|f| f.pending.take());
        if let Some(p) = pending
            && let Cont::Once(i) = p.cont
        {
            self.once_done(i, gid, events);
        }
    }

    /// Carries out a step. Returns true if the program ended.
    pub(crate) fn apply_step(
        &mut self,
        program: &Program,
        step: Step,
        deferred: bool,
        gid: GoId,
        events: &mut Sink<'_>,
    ) -> bool {
        let gi = self.current;
        match step {
            Step::Done(results) => {
                if !deferred {
                    self.goroutines[gi].stack.extend(results);
                }
                false
            }
            Step::Exit(code) => {
                self.finish(Outcome::Exit(code), code);
                events.push(Event::Exit { g: gid, code });
                true
            }
            Step::Panic(msg) => {
                self.start_panic(gid, Value::Nil, msg, events);
                self.exit_code.is_some()
            }
            Step::PanicWith(v, msg) => {
                self.start_panic(gid, v, msg, events);
                self.exit_code.is_some()
            }
            Step::Call { callee, args, then } => {
                let Value::Func(f, env) = callee else {
                    self.start_panic(gid, Value::Nil, crate::vm_data::NIL_DEREF.into(), events);
                    return self.exit_code.is_some();
                };
                if self.goroutines[gi].frames.len() >= MAX_FRAMES {
                    self.stack_overflow(gid, events);
                    return true;
                }
                let results = program.function(f).num_results;
                if let Some(fr) = self.goroutines[gi].frames.last_mut() {
                    fr.pending = Some(Box::new(Pending {
                        cont: then,
                        results,
                        deferred,
                    }));
                }
                self.goroutines[gi].stack.extend(args);
                Machine::push_frame(program, &mut self.goroutines[gi], f);
                if let Some(fr) = self.goroutines[gi].frames.last_mut() {
                    fr.env = env;
                }
                false
            }
        }
    }

    /// Finds method `name` of the dynamic type of interface value `v` and returns the function
    /// value to call and its receiver argument (`runtime/iface.go`'s itab lookup). Methods of
    /// value receivers reached through a pointer dereference it first; a nil pointer there is
    /// `Err` with the nil-dereference message.
    pub(crate) fn method_of(
        &self,
        v: &Value,
        name: &str,
    ) -> Option<Result<(Value, Value), String>> {
        let Value::Iface(b) = v else { return None };
        let m = self
            .program
            .rtype(b.0)
            .methods
            .iter()
            .find(|m| m.name == name)?;
        let recv = if m.deref {
            match self.load_ptr(&b.1) {
                Ok(x) => x,
                Err(e) => return Some(Err(e)),
            }
        } else {
            b.1.clone()
        };
        Some(Ok((Value::Func(m.func, None), recv)))
    }

    /// Does method `func` have the shape `func() T` (one receiver, one result)?
    pub(crate) fn is_nullary_method(&self, func: &Value) -> bool {
        match func {
            Value::Func(f, _) => {
                let f = self.program.function(*f);
                f.num_params == 1 && f.num_results == 1
            }
            _ => false,
        }
    }

    /// A new `[]string` from byte strings.
    pub(crate) fn string_slice(&mut self, parts: Vec<Vec<u8>>) -> Value {
        let n = parts.len();
        let elems = parts.into_iter().map(|p| Value::Str(p.into())).collect();
        self.new_slice(elems, n, 16)
    }

    /// Natives that neither allocate errors nor call Go: `strings`, `strconv`.
    fn pure_native(&mut self, native: Native, args: &[Value]) -> Step {
        use Native::*;
        let s = arg_bytes(args, 0);
        let t = arg_bytes(args, 1);
        let str_ = |b: Vec<u8>| Step::Done(vec![Value::Str(b.into())]);
        match native {
            StringsContains => Step::Done(vec![Value::Bool(strings::index(s, t) >= 0)]),
            StringsHasPrefix => Step::Done(vec![Value::Bool(s.starts_with(t))]),
            StringsHasSuffix => Step::Done(vec![Value::Bool(s.ends_with(t))]),
            StringsIndex => Step::Done(vec![Value::Int(strings::index(s, t))]),
            StringsLastIndex => Step::Done(vec![Value::Int(strings::last_index(s, t))]),
            StringsCount => Step::Done(vec![Value::Int(strings::count(s, t))]),
            StringsSplit => {
                let parts = strings::split(s, t);
                Step::Done(vec![self.string_slice(parts)])
            }
            StringsFields => {
                let parts = strings::fields(s);
                Step::Done(vec![self.string_slice(parts)])
            }
            StringsJoin => {
                let elems: Vec<Vec<u8>> = args
                    .first()
                    .map(|v| self.slice_elems(v))
                    .unwrap_or_default()
                    .iter()
                    .map(|e| e.as_bytes().to_vec())
                    .collect();
                str_(strings::join(&elems, t))
            }
            StringsRepeat => {
                let n = arg_int(args, 1);
                if n < 0 {
                    return Step::Panic("strings: negative Repeat count".into());
                }
                let total = (s.len() as u128) * (n as u128);
                if total > (1 << 24) {
                    return Step::Panic(format!(
                        "goscope: memory budget exceeded (strings.Repeat of {total} bytes)"
                    ));
                }
                str_(strings::repeat(s, n as usize))
            }
            StringsReplace => str_(strings::replace(s, t, arg_bytes(args, 2), arg_int(args, 3))),
            StringsReplaceAll => str_(strings::replace(s, t, arg_bytes(args, 2), -1)),
            StringsToUpper => str_(strings::map_case(s, true)),
            StringsToLower => str_(strings::map_case(s, false)),
            StringsTrimSpace => str_(strings::trim_space(s).to_vec()),
            StringsTrim => str_(strings::trim(s, t)),
            StringsTrimPrefix => str_(s.strip_prefix(t).unwrap_or(s).to_vec()),
            StringsTrimSuffix => str_(s.strip_suffix(t).unwrap_or(s).to_vec()),
            StrconvItoa => str_(arg_int(args, 0).to_string().into_bytes()),
            StrconvFormatInt => {
                let base = arg_int(args, 1);
                if !(2..=36).contains(&base) {
                    return Step::Panic("strconv: illegal AppendInt/FormatInt base".into());
                }
                str_(strconv::format_int(arg_int(args, 0), base as u32).into_bytes())
            }
            StrconvFormatBool => str_(
                if args.first().is_some_and(Value::as_bool) {
                    &b"true"[..]
                } else {
                    &b"false"[..]
                }
                .to_vec(),
            ),
            StrconvQuote => str_(lang::constant::quote_bytes(s).into_bytes()),
            StrconvAtoi | StrconvParseInt => {
                let (func, base, bits) = if native == StrconvAtoi {
                    ("Atoi", 10, 0)
                } else {
                    ("ParseInt", arg_int(args, 1), arg_int(args, 2))
                };
                let (v, err) = strconv::parse_int(s, base, bits);
                let err = match err {
                    None => Value::Nil,
                    Some(e) => self.num_error(&e.message(func, s), &e.reason()),
                };
                Step::Done(vec![Value::Int(v), err])
            }
            StrconvParseBool => match strconv::parse_bool(s) {
                Some(b) => Step::Done(vec![Value::Bool(b), Value::Nil]),
                None => {
                    let e = strconv::NumErr::Syntax;
                    let err = self.num_error(&e.message("ParseBool", s), &e.reason());
                    Step::Done(vec![Value::Bool(false), err])
                }
            },
            // Every other native is dispatched before this point.
            _ => Step::Done(Vec::new()),
        }
    }
}
