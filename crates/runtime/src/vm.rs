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
use std::rc::Rc;

/// Where events go, each labelled with the step (instruction number, 1-based) that produced it.
pub(crate) struct Sink<'a> {
    pub(crate) events: &'a mut Vec<Event>,
    pub(crate) steps: Option<&'a mut Vec<u64>>,
    /// The step being executed.
    pub(crate) now: u64,
    /// Every event, or only output (see `Machine::set_recording`).
    pub(crate) record: bool,
}

impl Sink<'_> {
    pub(crate) fn push(&mut self, e: Event) {
        if !self.record && !matches!(e, Event::Stdout { .. } | Event::Stderr { .. }) {
            return;
        }
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
            _ => out.extend_from_slice(b"0xc000010000"),
        }
    }
    if newline {
        out.push(b'\n');
    }
    out
}

/// How many operands a data instruction (handled by `vm_data`) pops; None for the others.
fn data_arity(op: &Op) -> Option<usize> {
    Some(match op {
        Op::Zero(_) => 0,
        Op::Agg(n) => *n as usize,
        Op::Field(_) | Op::FieldAddr(_) | Op::Box(_) | Op::Deref => 1,
        Op::StoreDeref => 2,
        Op::IndexArray | Op::IndexAddr | Op::IndexSlice => 2,
        Op::SliceLit { n, .. } => *n as usize,
        Op::MakeSlice(_) => 2,
        Op::Append { n, .. } => *n as usize + 1,
        Op::AppendSlice(_) => 2,
        Op::Len | Op::Cap => 1,
        Op::SliceExpr { lo, hi, max } => 1 + *lo as usize + *hi as usize + *max as usize,
        Op::Copy => 2,
        Op::MakeMap(_) => 0,
        Op::MapIndex { .. } => 2,
        Op::MapStore => 3,
        Op::MapDelete => 2,
        Op::DecodeRune => 2,
        Op::ToIface { .. } | Op::IsType { .. } | Op::Assert { .. } => 1,
        Op::EqDeep => 2,
        Op::Convert(
            Conversion::StringToBytes
            | Conversion::StringToRunes
            | Conversion::BytesToString
            | Conversion::RunesToString,
        ) => 1,
        _ => return None,
    })
}

/// Data instructions that may allocate a heap object: the frame's pc is saved before them,
/// so that the object's allocation site is exact (the loop keeps the pc in a local).
fn may_allocate(op: &Op) -> bool {
    matches!(
        op,
        Op::SliceLit { .. }
            | Op::MakeSlice(_)
            | Op::Append { .. }
            | Op::AppendSlice(_)
            | Op::Box(_)
            | Op::MakeMap(_)
            | Op::SliceExpr { .. }
            | Op::Convert(_)
    )
}

/// The message of a standard-library error value (`Agg[message, wrapped]`).
pub(crate) fn native_error_text(v: &Value) -> String {
    match v {
        Value::Agg(vs) => vs
            .first()
            .map(|m| String::from_utf8_lossy(m.as_bytes()).into_owned())
            .unwrap_or_default(),
        v => String::from_utf8_lossy(v.as_bytes()).into_owned(),
    }
}

impl Machine {
    pub(crate) fn execute(&mut self, budget: u64, events: &mut Sink<'_>) -> u64 {
        let program: Rc<Program> = Rc::clone(&self.program);
        let mut executed: u64 = 0;
        while executed < budget && self.exit_code.is_none() {
            // What happens before the next instruction (a scheduler pick, resuming a native)
            // belongs to the step that executes it: the same label whether the run goes one
            // step at a time or in a batch (the recorder relies on it).
            events.now = self.steps + executed + 1;
            // The collector labels its shades and events with the step being executed.
            self.heap.gc.step = events.now;
            // A burst runs one goroutine on one P; between bursts the scheduler decides
            // (see `vm_sched`).
            if (self.burst_left == 0 || self.running_p.is_none()) && !self.next_burst(events) {
                break;
            }
            let before = executed;
            let mut limit = budget.min(executed + self.burst_left);
            // Profiling: stop at the instruction the next CPU sample falls in (see
            // `profile::cpu`); ending a stretch early is like ending a slice, it changes nothing.
            let profiled = self.profile.is_some().then(|| {
                let p = self.p().index();
                let runway = self.profile_before_run(p);
                limit = limit.min(executed.saturating_add(runway));
                (p, self.goroutines[self.current].frames.len())
            });
            let exit = self.run_function(&program, limit, &mut executed, events);
            let ran = executed - before;
            if let Some((p, depth)) = profiled {
                self.profile_after_run(p, ran, depth);
            }
            self.burst_left = self.burst_left.saturating_sub(ran);
            self.unaccounted += ran;
            if let Exit::Done = exit {
                break;
            }
        }
        self.steps += executed;
        executed
    }

    /// Runs instructions of the innermost frame until the budget is used, or control leaves it.
    #[allow(clippy::collapsible_match)]
    fn run_function(
        &mut self,
        program: &Program,
        budget: u64,
        executed: &mut u64,
        events: &mut Sink<'_>,
    ) -> Exit {
        let gi = self.current;
        let gid = self.goroutines[gi].id;
        // The innermost frame's position only: cloning the frame (its defer list, a pending
        // native) on every entry would cost an allocation per deferred call.
        let Some((frame_func, frame_base, frame_pc, pending)) = self.goroutines[gi]
            .frames
            .last()
            .map(|f| (f.func, f.base, f.pc, f.pending.is_some()))
        else {
            if gid != GoId(1) {
                // A goroutine whose body was a native call (`go fmt.Println(x)`) has no frame.
                self.goroutine_exit(events);
                return Exit::Continue;
            }
            self.finish(Outcome::Exit(0), 0);
            events.push(Event::Exit { g: gid, code: 0 });
            return Exit::Done;
        };
        if let Some(msg) = self.goroutines[gi].resume_panic.take() {
            // A sender woken by `close` (chan.go's `!mysg.success`).
            self.start_panic(gid, Value::Nil, msg.into(), events);
            return if self.finished() {
                Exit::Done
            } else {
                Exit::Continue
            };
        }
        if pending {
            // A native called Go code from this frame and it has returned: resume the native.
            return if self.resume_native(program, gid, events) {
                Exit::Done
            } else {
                Exit::Continue
            };
        }
        let func = program.function(frame_func);
        let code = &func.code;
        let base = frame_base as usize;
        let mut pc = frame_pc as usize;
        // The running goroutine. Writing through it checks that no checkpoint shares it
        // (`Shared`): arms that touch only the goroutine bind `&mut *g!()` once, so the
        // check runs once per instruction rather than once per push and pop.
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
                let g = &mut *g!();
                let b = g.pop_int();
                let a = g.pop_int();
                g.push(Value::Int($f(a, b)));
            }};
        }
        macro_rules! binop_float {
            ($f:expr) => {{
                let g = &mut *g!();
                let b = g.pop().as_float();
                let a = g.pop().as_float();
                g.push(Value::Float($f(a, b)));
            }};
        }
        macro_rules! runtime_panic {
            ($err:expr) => {{
                save_pc!();
                self.start_panic(gid, Value::Nil, $err.message(), events);
                return Exit::Continue;
            }};
        }
        loop {
            if *executed >= budget || self.yield_now {
                // `yield_now`: explorer mode ended the burst at a shared-memory access.
                if std::mem::take(&mut self.yield_now) {
                    self.burst_left = 0;
                }
                save_pc!();
                return Exit::Continue;
            }
            *executed += 1;
            events.now = self.steps + *executed;
            self.heap.gc.step = events.now;
            let Some(op) = code.get(pc) else {
                // Falling off the end of code: only possible in malformed programs. Return.
                save_pc!();
                self.do_return(program, gid, events);
                return Exit::Continue;
            };
            pc += 1;
            if let Some(n) = data_arity(op) {
                if may_allocate(op) {
                    save_pc!(); // the allocation's site is this instruction (`Machine::site`)
                }
                let mut args = g!().pop_n(n);
                let racy = match self.race.is_some() {
                    true => self.race_data(op, &args, pc, events),
                    false => None,
                };
                let result = match op {
                    Op::ToIface { .. } | Op::IsType { .. } | Op::Assert { .. } => {
                        self.iface_op(op, &mut args, gid, events)
                    }
                    _ => self.data_op(op, &mut args),
                };
                match result {
                    Ok(Some(v)) => {
                        g!().stack.extend(args);
                        let v = match racy {
                            Some(loc) => self.race_load_value(loc, v),
                            None => v,
                        };
                        g!().push(v);
                    }
                    Ok(None) => g!().stack.extend(args),
                    Err(msg) => {
                        save_pc!();
                        self.start_panic(gid, Value::Nil, msg, events);
                        return Exit::Continue;
                    }
                }
                continue;
            }
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
                Op::Load(s) => g!().push_copy_of(base + *s as usize),
                Op::Store(s) => {
                    let g = &mut *g!();
                    let v = g.pop();
                    if let Some(slot) = g.stack.get_mut(base + *s as usize) {
                        *slot = v;
                    }
                }
                Op::LoadGlobal(i) => {
                    let mut v = self.globals.get(*i as usize).cloned().unwrap_or_default();
                    if self.race.is_some()
                        && let Some(loc) = self.race_load_global(*i, pc, events)
                    {
                        v = self.race_load_value(loc, v);
                    }
                    g!().push(v);
                }
                Op::StoreGlobal(i) => {
                    let v = g!().pop();
                    if self.race.is_some() {
                        self.race_store_global(*i, &v, pc, events);
                    }
                    if self.heap.gc.write_barrier_on() {
                        let old = self.globals.get(*i as usize).cloned().unwrap_or_default();
                        self.write_barrier(&old, &v);
                    }
                    if let Some(slot) = self.globals.get_mut(*i as usize) {
                        *slot = v;
                    }
                }
                Op::Add => binop_int!(i64::wrapping_add),
                Op::Sub => binop_int!(i64::wrapping_sub),
                Op::Mul => binop_int!(i64::wrapping_mul),
                Op::Div | Op::Rem => {
                    let g = &mut *g!();
                    let b = g.pop_int();
                    let a = g.pop_int();
                    if b == 0 {
                        runtime_panic!(RuntimeError::IntegerDivideByZero);
                    }
                    let r = if matches!(op, Op::Div) {
                        a.wrapping_div(b)
                    } else {
                        a.wrapping_rem(b)
                    };
                    g.push(Value::Int(r));
                }
                Op::And => binop_int!(|a, b| a & b),
                Op::Or => binop_int!(|a, b| a | b),
                Op::Xor => binop_int!(|a, b| a ^ b),
                Op::AndNot => binop_int!(|a: i64, b: i64| a & !b),
                Op::Shl | Op::Shr => {
                    let g = &mut *g!();
                    let b = g.pop_int();
                    let a = g.pop_int();
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
                    g.push(Value::Int(r));
                }
                Op::Neg => {
                    let g = &mut *g!();
                    let a = g.pop_int();
                    g.push(Value::Int(a.wrapping_neg()));
                }
                Op::Compl => {
                    let g = &mut *g!();
                    let a = g.pop_int();
                    g.push(Value::Int(!a));
                }
                Op::Wrap(k) => {
                    let a = g!().pop_int();
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
                    let g = &mut *g!();
                    let b = g.pop();
                    let a = g.pop();
                    let mut s = Vec::with_capacity(a.as_bytes().len() + b.as_bytes().len());
                    s.extend_from_slice(a.as_bytes());
                    s.extend_from_slice(b.as_bytes());
                    g.push(Value::Str(s.into()));
                }
                Op::Eq | Op::Ne => {
                    let g = &mut *g!();
                    let b = g.pop();
                    let a = g.pop();
                    let eq = float_eq(&a, &b);
                    g.push(Value::Bool(if matches!(op, Op::Eq) { eq } else { !eq }));
                }
                Op::Lt | Op::Le | Op::Gt | Op::Ge => {
                    let g = &mut *g!();
                    let b = g.pop();
                    let a = g.pop();
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
                    g.push(Value::Bool(r));
                }
                Op::Not => {
                    let g = &mut *g!();
                    let a = g.pop().as_bool();
                    g.push(Value::Bool(!a));
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
                    let g = &mut *g!();
                    let s = g.pop();
                    g.push(Value::Int(s.as_bytes().len() as i64));
                }
                Op::IndexString => {
                    let i = g!().pop_int();
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
                        _ => v,
                    };
                    g!().push(r);
                }
                Op::Print { argc, newline } => {
                    let args = g!().pop_n(*argc as usize);
                    let text = builtin_print(&args, *newline);
                    events.push(Event::Stderr { g: gid, text });
                }
                Op::CallNative { native, argc } if crate::vm_sync::is_sync_native(*native) => {
                    let args = g!().pop_n(*argc as usize);
                    save_pc!();
                    self.sync_native(program, *native, args, false, gid, events);
                    return Exit::Continue;
                }
                Op::CallNative { native, argc } if crate::vm_sched::is_runtime_native(*native) => {
                    let args = g!().pop_n(*argc as usize);
                    save_pc!();
                    self.runtime_native(*native, &args, events);
                    return Exit::Continue;
                }
                Op::CallNative { native, argc } => {
                    let args = g!().pop_n(*argc as usize);
                    save_pc!();
                    // The native may have pushed a frame for a Go call (see `natives`).
                    return if self.call_native(program, *native, args, false, gid, events) {
                        Exit::Done
                    } else {
                        Exit::Continue
                    };
                }
                Op::Panic => {
                    let v = g!().pop();
                    save_pc!();
                    self.panic_value(program, v, gid, events);
                    return Exit::Continue;
                }
                Op::Call(f) => {
                    save_pc!();
                    let callee = program.function(*f);
                    if g!().frames.len() >= MAX_FRAMES {
                        self.stack_overflow(gid, events);
                        return Exit::Done;
                    }
                    if self.trace_calls && self.record {
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
                    // Deferred calls first (LIFO); the Return runs again after each.
                    let next = g!().frames.last_mut().and_then(|f| f.defers.pop());
                    if let Some((fv, args)) = next {
                        pc -= 1;
                        save_pc!();
                        g!().push(fv);
                        let argc = args.len();
                        g!().stack.extend(args);
                        self.call_value(program, argc, true, gid, events);
                        return Exit::Continue;
                    }
                    save_pc!();
                    return if self.do_return(program, gid, events) {
                        Exit::Done
                    } else {
                        Exit::Continue
                    };
                }
                Op::FuncValue(f) => g!().push(Value::Func(*f, None)),
                Op::NativeValue(n) => g!().push(Value::Native(*n)),
                Op::Closure { func, n } => {
                    save_pc!();
                    let caps = g!().pop_n(*n as usize);
                    let site = self.site();
                    let env = self.gc_alloc(
                        crate::heap::ObjData::Cells(caps),
                        8 * (*n as u64 + 1),
                        site,
                        crate::gc::view::ObjKind::Closure,
                    );
                    g!().push(Value::Func(*func, Some(env)));
                }
                Op::LoadCapture(i) => {
                    let env = g!().frames.last().and_then(|f| f.env);
                    let v = env
                        .and_then(|e| self.heap.cells(e).get(*i as usize).cloned())
                        .unwrap_or_default();
                    g!().push(v);
                }
                Op::CallValue { argc } => {
                    save_pc!();
                    if g!().frames.len() >= MAX_FRAMES {
                        self.stack_overflow(gid, events);
                        return Exit::Done;
                    }
                    self.call_value(program, *argc as usize, false, gid, events);
                    return Exit::Continue;
                }
                Op::CallIface { name, argc, inter } => {
                    save_pc!();
                    let at = g!().stack.len().saturating_sub(*argc as usize + 1);
                    let recv = g!().stack.get(at).cloned().unwrap_or_default();
                    let Value::Iface(b) = recv else {
                        self.start_panic(gid, Value::Nil, crate::vm_data::NIL_DEREF.into(), events);
                        return Exit::Continue;
                    };
                    let name = program.strings.get(*name as usize).cloned();
                    let name = name.as_deref().unwrap_or_default();
                    let (func, deref) = match self.iface_target(*inter, b.0, name, gid, events) {
                        crate::vm_iface::Target::Method { func, deref } => (func, deref),
                        crate::vm_iface::Target::NativeError => {
                            g!().stack.truncate(at);
                            let msg = native_error_text(&b.1);
                            g!().push(Value::string(&msg));
                            continue;
                        }
                        crate::vm_iface::Target::None => {
                            self.start_panic(
                                gid,
                                Value::Nil,
                                crate::vm_data::NIL_DEREF.into(),
                                events,
                            );
                            return Exit::Continue;
                        }
                    };
                    let mut v = b.1;
                    if deref {
                        match self.load_ptr(&v) {
                            Ok(x) => v = x,
                            Err(msg) => {
                                self.start_panic(gid, Value::Nil, msg, events);
                                return Exit::Continue;
                            }
                        }
                    }
                    g!().stack[at] = v;
                    Machine::push_frame(program, &mut self.goroutines[gi], func);
                    return Exit::Continue;
                }
                Op::Defer { argc } => {
                    let args = g!().pop_n(*argc as usize);
                    let fv = g!().pop();
                    if let Some(f) = g!().frames.last_mut() {
                        f.defers.push((fv, args));
                    }
                }
                Op::Recover => {
                    let deferred = g!().frames.last().is_some_and(|f| f.deferred);
                    let mut out = Value::Nil;
                    if deferred
                        && let Some(p) = g!().panicking.as_mut()
                        && !p.2
                    {
                        p.2 = true;
                        out = p.0.clone();
                    }
                    g!().push(out);
                }
                Op::MapIter => {
                    save_pc!();
                    let m = g!().pop();
                    let mut chooser = std::mem::replace(&mut self.chooser, sim::Chooser::new(0));
                    let mut start = |n: usize| chooser.choose("mapiter", n);
                    let it = self.map_iter(m, &mut start);
                    self.chooser = chooser;
                    g!().push(it);
                }
                Op::MapNext { end } => {
                    let it = g!().pop();
                    let Value::Map(r) = it else {
                        pc = *end as usize;
                        continue;
                    };
                    match self.map_next(r) {
                        Some((k, v)) => {
                            g!().push(it);
                            g!().push(k);
                            g!().push(v);
                        }
                        None => pc = *end as usize,
                    }
                }
                Op::Go { .. }
                | Op::MakeChan
                | Op::ChanSend
                | Op::ChanRecv { .. }
                | Op::ChanClose
                | Op::ChanLen
                | Op::ChanCap
                | Op::Select { .. } => {
                    save_pc!();
                    self.concurrency_op(program, op, gid, events);
                    return if self.finished() {
                        Exit::Done
                    } else {
                        Exit::Continue
                    };
                }
                Op::CallNativeSpread { native, argc } => {
                    let mut args = g!().pop_n(*argc as usize);
                    let last = args.pop().unwrap_or_default();
                    args.extend(self.slice_elems(&last));
                    save_pc!();
                    return if self.call_native(program, *native, args, false, gid, events) {
                        Exit::Done
                    } else {
                        Exit::Continue
                    };
                }
                _ => {}
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
        let base = frame.base as usize + func.num_params as usize;
        let mut results: Vec<Value> = Vec::with_capacity(func.num_results as usize);
        for i in 0..func.num_results as usize {
            let v = self.goroutines[gi]
                .stack
                .get(base + i)
                .cloned()
                .unwrap_or_default();
            let v = if func.result_boxed.get(i).copied().unwrap_or(false) {
                self.load_ptr(&v).unwrap_or_default()
            } else {
                v
            };
            results.push(v);
        }
        self.goroutines[gi].stack.truncate(frame.base as usize);
        if frame.deferred {
            // A deferred call's results are discarded.
            results.clear();
            if self.goroutines[gi].panicking.is_some() {
                let recovered = self.goroutines[gi].panicking.as_ref().is_some_and(|p| p.2);
                if recovered {
                    // The function that deferred the call returns normally.
                    self.goroutines[gi].panicking = None;
                    self.goroutines[gi].earlier_panics.clear();
                    if let Some(f) = self.goroutines[gi].frames.last_mut() {
                        let ret = program.function(f.func).ret_pc;
                        f.pc = ret;
                        // A native waiting in this frame was unwound by the panic.
                        f.pending = None;
                    }
                } else {
                    return self.unwind(program, gid, events);
                }
            }
        }
        if self.trace_calls && self.record && func.name != "main.init" {
            events.push(Event::Return {
                g: gid,
                func: self.names[frame.func.0 as usize].clone(),
                results: results.clone(),
            });
        }
        self.goroutines[gi].stack.extend(results);
        if self.goroutines[gi].frames.is_empty() && gid != GoId(1) {
            // A goroutine's function returned (`goexit`); other goroutines carry on.
            self.goroutines[gi].stack.clear();
            self.goroutine_exit(events);
            return false;
        }
        if self.goroutines[gi].frames.is_empty() {
            // main.main returned: the program exits with status 0, even if other goroutines
            // still run (as in Go).
            self.finish(Outcome::Exit(0), 0);
            events.push(Event::Exit { g: gid, code: 0 });
            return true;
        }
        false
    }

    /// Calls the function value below the top `argc` arguments.
    pub(crate) fn call_value(
        &mut self,
        program: &Program,
        argc: usize,
        deferred: bool,
        gid: GoId,
        events: &mut Sink<'_>,
    ) {
        let gi = self.current;
        let at = self.goroutines[gi].stack.len().saturating_sub(argc + 1);
        let len = self.goroutines[gi].stack.len();
        if len == 0 {
            return;
        }
        let fv = self.goroutines[gi].stack.remove(at.min(len - 1));
        match fv {
            Value::Func(f, env) => {
                Machine::push_frame(program, &mut self.goroutines[gi], f);
                if let Some(fr) = self.goroutines[gi].frames.last_mut() {
                    fr.env = env;
                    fr.deferred = deferred;
                }
            }
            Value::Native(lang::packages::Native::BuiltinClose) => {
                // `defer close(ch)`: the channel is already on the stack.
                // Like a deferred native, it completes at once (the `Return` or the unwinding
                // that ran it carries on).
                self.concurrency_op(program, &Op::ChanClose, gid, events);
            }
            Value::Native(n) if crate::vm_sync::is_sync_native(n) => {
                let args = self.goroutines[gi].pop_n(argc);
                self.sync_native(program, n, args, deferred, gid, events);
            }
            Value::Native(n) => {
                let args = self.goroutines[gi].pop_n(argc);
                self.call_native(program, n, args, deferred, gid, events);
            }
            Value::Cancel(h) => {
                // A CancelCauseFunc also takes the cause.
                let n = lang::packages::Native::ContextCancel;
                let mut args = vec![Value::Int(h as i64)];
                args.extend(self.goroutines[gi].pop_n(argc));
                self.sync_native(program, n, args, deferred, gid, events);
            }
            _ => {
                self.start_panic(gid, Value::Nil, crate::vm_data::NIL_DEREF.into(), events);
            }
        }
    }

    /// The text after `panic: ` for a panic value (`printpanicval`): errors print their
    /// message, other values as `print` would, with `main.T(...)` for defined basic types.
    pub(crate) fn panic_text(&self, v: &Value) -> String {
        match v {
            Value::Iface(b) => {
                let rt = self.program.rtype(b.0);
                if matches!(rt.kind, lang::bytecode::RKind::NativeError) {
                    return native_error_text(&b.1);
                }
                let inner = panic_value_text(&b.1);
                match (&b.1, rt.named) {
                    (Value::Str(_), true) => format!("{}(\"{inner}\")", rt.name),
                    (Value::Int(_) | Value::Float(_) | Value::Bool(_), true) => {
                        format!("{}({inner})", rt.name)
                    }
                    (Value::Str(_) | Value::Int(_) | Value::Float(_) | Value::Bool(_), false) => {
                        if rt.name == "string"
                            || rt.name == "int"
                            || rt.name == "float64"
                            || rt.name == "bool"
                        {
                            inner
                        } else {
                            format!("{}({inner})", rt.name)
                        }
                    }
                    _ => format!("({}) {}", rt.name, Machine::panic_addr(&b.1)),
                }
            }
            v => panic_value_text(v),
        }
    }

    /// Starts panicking: runs deferred calls frame by frame (`gopanic`).
    pub(crate) fn start_panic(
        &mut self,
        gid: GoId,
        value: Value,
        message: String,
        events: &mut Sink<'_>,
    ) {
        let gi = self.current;
        let value = if matches!(value, Value::Nil) {
            // A run-time error: its value is a runtime.Error whose Error() is the message.
            Value::Iface(Box::new((
                lang::bytecode::well_known::RUNTIME_ERROR,
                Value::Agg(vec![Value::string(&message), Value::Nil].into()),
            )))
        } else {
            value
        };
        // The traceback is the stack at the (first) panic, before deferred calls unwind it.
        if self.goroutines[gi].panicking.is_none() || self.panic_trace.is_empty() {
            self.panic_trace = traceback(&self.goroutines[gi], &self.program, &self.file, 100);
        }
        if let Some((_, old, rec)) = self.goroutines[gi].panicking.take() {
            self.goroutines[gi].earlier_panics.push((old, rec));
        }
        self.goroutines[gi].panicking = Some((value, message, false));
        let program = Rc::clone(&self.program);
        self.unwind(&program, gid, events);
    }

    /// Continues a panic after a deferred native finished (see `natives`).
    pub(crate) fn continue_unwind(
        &mut self,
        program: &Program,
        gid: GoId,
        events: &mut Sink<'_>,
    ) -> bool {
        self.unwind(program, gid, events)
    }

    /// Continues a panic: the next deferred call, or the next frame, or the report.
    fn unwind(&mut self, program: &Program, gid: GoId, events: &mut Sink<'_>) -> bool {
        let gi = self.current;
        loop {
            let next = self.goroutines[gi]
                .frames
                .last_mut()
                .and_then(|f| f.defers.pop());
            if let Some((fv, args)) = next {
                let depth = self.goroutines[gi].frames.len();
                self.goroutines[gi].push(fv);
                let argc = args.len();
                self.goroutines[gi].stack.extend(args);
                self.call_value(program, argc, true, gid, events);
                let waiting = self.goroutines[gi].frames.len() > depth
                    || self.goroutines[gi]
                        .frames
                        .last()
                        .is_some_and(|f| f.pending.is_some());
                if self.finished() || waiting || self.goroutines[gi].panicking.is_none() {
                    return self.finished();
                }
                // A deferred native ran to completion: run the next deferred call.
                continue;
            }
            if self.goroutines[gi].frames.len() <= 1 {
                let (_, msg, _) = self.goroutines[gi].panicking.clone().unwrap_or_default();
                let earlier = std::mem::take(&mut self.goroutines[gi].earlier_panics);
                self.panic_with(gid, msg, earlier, events);
                return true;
            }
            if let Some(f) = self.goroutines[gi].frames.pop() {
                self.goroutines[gi].stack.truncate(f.base as usize);
                // A native the caller waits in for this frame's results unwinds with it.
                self.abandon_pending(gid, events);
            }
        }
    }

    /// An unrecovered panic: print `panic: msg` and the traceback, exit status 2.
    pub(crate) fn panic_with(
        &mut self,
        gid: GoId,
        message: String,
        earlier: Vec<(String, bool)>,
        events: &mut Sink<'_>,
    ) {
        events.push(Event::Panic {
            g: gid,
            message: message.clone(),
        });
        let g = &self.goroutines[self.current];
        let mut text = String::new();
        for (i, (m, rec)) in earlier.iter().enumerate() {
            if i > 0 {
                text.push('\t');
            }
            text.push_str(&format!("panic: {m}"));
            if *rec {
                text.push_str(" [recovered]");
            }
            text.push('\n');
        }
        if !earlier.is_empty() {
            text.push('\t');
        }
        text.push_str(&format!("panic: {message}"));
        if g.waitgroup.is_some() {
            // WaitGroup.Go's wrapper recovers f's panic and panics again with it (so that
            // Done is not called), which Go marks on the report.
            text.push_str(" [recovered, repanicked]");
        }
        if message.starts_with("runtime error: ") && message.contains("nil pointer dereference") {
            // Go reports the hardware fault behind a nil dereference.
            text.push_str("\n[signal SIGSEGV: segmentation violation code=0x1 addr=0x0 pc=0x0]");
        }
        text.push_str("\n\n");
        if self.panic_trace.is_empty() {
            text.push_str(&traceback(g, &self.program, &self.file, 100));
        } else {
            text.push_str(&self.panic_trace);
        }
        events.push(Event::Stderr {
            g: gid,
            text: text.into_bytes(),
        });
        self.finish(Outcome::Panic, 2);
        events.push(Event::Exit { g: gid, code: 2 });
    }

    pub(crate) fn stack_overflow(&mut self, gid: GoId, events: &mut Sink<'_>) {
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
