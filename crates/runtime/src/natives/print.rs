//! Package `fmt`'s printing functions (`fmt/print.go`): operands as fmt sees them.
//!
//! fmt works on `any` operands: it looks at each one's dynamic type. Here that is the part
//! `fmt.rs` (which formats basic values with flags, widths and verbs) cannot see:
//! - `handleMethods`: for the verbs `%v %s %q %x %X` (and `%w` in Errorf), not `%#v`, an
//!   operand whose type has `Error() string` (first) or `String() string` is replaced by the
//!   method's result — a Go call made through the native continuation (see `natives`), one
//!   operand at a time ([`PrintState::next`]). A value method reached through a nil pointer
//!   prints `<nil>`, as fmt's `catchPanic` does.
//! - `%T` prints the run-time type name (`main.Rect`, `*main.Circle`, `[]int`, `func()`).
//! - composite values (`printValue`): structs `{1 2}`, `%+v` `{X:1 Y:2}`, `%#v`
//!   `main.P{X:1, Y:2}`; a pointer to a struct, array, slice or map prints `&{...}` at the top
//!   level and as an address inside; maps print their keys sorted (`internal/fmtsort`: the
//!   heap's canonical key order is numeric for ints and floats, bytewise for strings, false
//!   before true, field by field for structs).
//! - addresses are deterministic fakes: `0xc000010000 + 16 × ObjRef + 8 × element index`, so
//!   a trace is the same on every run (real Go prints a different address each run anyway).
//!
//! - methods of values nested inside composites (exported fields, elements, map entries) are
//!   called too, in a collect / call / replay sequence (see `nested_methods`).
//! - a nil pointer operand or element whose type has the method prints `<nil>` without the
//!   call (Go calls it and prints `<nil>` only if it panics: a method that handles a nil
//!   receiver itself is a known gap).
//!
//! Not yet: `Formatter`/`GoStringer`, `%v` of channels.

use super::{Cont, Step, unboxed};
use crate::event::Event;
use crate::fmt::{self, Directive};
use crate::goroutine::GoId;
use crate::machine::Machine;
use crate::value::Value;
use crate::vm::Sink;
use lang::bytecode::{RKind, well_known};
use lang::packages::Native;

/// How `printValue` renders composites.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum Mode {
    /// `%v`
    Plain,
    /// `%+v`: field names.
    Plus,
    /// `%#v`: Go syntax.
    Sharp,
}

/// A suspended fmt call waiting for a `String()`/`Error()` result.
#[derive(Clone, Debug, PartialEq)]
pub struct PrintState {
    native: Native,
    /// The format of Printf/Sprintf/Errorf.
    format: Vec<u8>,
    /// The operands as passed (Errorf wraps the original `%w` operand).
    orig: Vec<Value>,
    /// The operands, with method results substituted.
    args: Vec<Value>,
    /// Operand i was replaced by its `String()`/`Error()` result.
    replaced: Vec<bool>,
    /// The directives of a Printf-style format.
    dirs: Vec<Directive>,
    /// The next operand to examine.
    next: usize,
    /// The operand whose method is being called.
    at: usize,
    /// Method calls of values nested in operand `at` still to make (see `nested_methods`),
    /// next first, and the results so far; `nested_mode` is how the operand is printed.
    nested_calls: Vec<(Value, Value)>,
    nested_texts: Vec<Vec<u8>>,
    nested_mode: Option<Mode>,
}

impl PrintState {
    /// The values this suspended print holds (collector roots).
    pub(crate) fn for_each_value(&self, f: &mut dyn FnMut(&Value)) {
        self.orig.iter().chain(&self.args).for_each(&mut *f);
        for (a, b) in &self.nested_calls {
            f(a);
            f(b);
        }
    }
}

fn is_printf(n: Native) -> bool {
    matches!(
        n,
        Native::FmtPrintf | Native::FmtSprintf | Native::FmtErrorf
    )
}

impl Machine {
    pub(super) fn print_start(
        &mut self,
        native: Native,
        args: Vec<Value>,
        gid: GoId,
        events: &mut Sink<'_>,
    ) -> Step {
        let (format, dirs, operands) = if is_printf(native) {
            let f = args
                .first()
                .map(|f| f.as_bytes().to_vec())
                .unwrap_or_default();
            let dirs = fmt::directives(&f);
            (f, dirs, args.get(1..).unwrap_or(&[]).to_vec())
        } else {
            (Vec::new(), Vec::new(), args)
        };
        let s = PrintState {
            native,
            format,
            orig: operands.clone(),
            replaced: vec![false; operands.len()],
            args: operands,
            dirs,
            next: 0,
            at: 0,
            nested_calls: Vec::new(),
            nested_texts: Vec::new(),
            nested_mode: None,
        };
        self.print_next(s, gid, events)
    }

    pub(super) fn print_resume(
        &mut self,
        mut s: PrintState,
        results: Vec<Value>,
        gid: GoId,
        events: &mut Sink<'_>,
    ) -> Step {
        let r = results.into_iter().next().unwrap_or_default();
        if let Some(mode) = s.nested_mode {
            s.nested_texts.push(unboxed(&r).as_bytes().to_vec());
            if let Some(step) = Self::next_nested_call(&mut s) {
                return step;
            }
            let texts = std::mem::take(&mut s.nested_texts);
            let text = self.render_replay(&s.args[s.at], mode, texts);
            s.args[s.at] = Value::Str(text.into());
            s.replaced[s.at] = true;
            s.nested_mode = None;
            return self.print_next(s, gid, events);
        }
        if let Some(a) = s.args.get_mut(s.at) {
            *a = Value::Str(unboxed(&r).as_bytes().into());
            s.replaced[s.at] = true;
        }
        self.print_next(s, gid, events)
    }

    /// The verb operand i gets (`v` for Print/Println and for EXTRA operands).
    fn verb_of(s: &PrintState, i: usize) -> (char, bool, bool) {
        s.dirs
            .iter()
            .find(|d| d.arg == i)
            .map_or(('v', false, false), |d| (d.verb, d.plus, d.sharp))
    }

    /// Calls the next nested `String()`/`Error()` of operand `s.at`, if any is left.
    fn next_nested_call(s: &mut PrintState) -> Option<Step> {
        let (callee, recv) = s.nested_calls.pop()?;
        Some(Step::Call {
            callee,
            args: vec![recv],
            then: Cont::Print(s.clone()),
        })
    }

    fn print_next(&mut self, mut s: PrintState, gid: GoId, events: &mut Sink<'_>) -> Step {
        while s.next < s.args.len() {
            let i = s.next;
            s.next += 1;
            let (verb, plus, sharp) = Self::verb_of(&s, i);
            // Methods of nested values (for `%v`, `%+v` and `%s` of composites), once the
            // operand itself has none.
            let nested = |m: &Machine, s: &PrintState| {
                if s.replaced[i] || sharp || !matches!(verb, 'v' | 's') || m.is_basic(&s.args[i]) {
                    return None;
                }
                let mode = if plus && verb == 'v' {
                    Mode::Plus
                } else {
                    Mode::Plain
                };
                let mut calls = m.nested_calls(&s.args[i], mode);
                if calls.is_empty() {
                    return None;
                }
                calls.reverse();
                Some((mode, calls))
            };
            let calls = matches!(verb, 's' | 'q' | 'x' | 'X' | 'w') || (verb == 'v' && !sharp);
            if !calls {
                continue;
            }
            // fmt's catchPanic: a method panicking on a nil pointer receiver prints `<nil>`.
            if let Value::Iface(b) = &s.args[i]
                && matches!(b.1, Value::Nil)
                && matches!(self.program.rtype(b.0).kind, RKind::Pointer(_))
            {
                continue;
            }
            // time.Duration's String method (`1.5s`).
            if let Value::Iface(b) = &s.args[i]
                && self.program.rtype(b.0).name == "time.Duration"
            {
                let text = crate::clock::duration_string(b.1.as_int());
                s.args[i] = Value::string(&text);
                s.replaced[i] = true;
                continue;
            }
            // time.Time's String method, on the virtual clock (see `time_values`).
            if let Value::Iface(b) = &s.args[i]
                && self.program.rtype(b.0).name == "time.Time"
            {
                let ns = super::time_values::time_ns(&b.1);
                s.args[i] = Value::string(&super::time_values::time_string(ns));
                s.replaced[i] = true;
                continue;
            }
            for name in ["Error", "String"] {
                match self.method_of(&s.args[i], name) {
                    Some(Ok((f, recv))) if self.is_nullary_method(&f) => {
                        s.at = i;
                        return Step::Call {
                            callee: f,
                            args: vec![recv],
                            then: Cont::Print(s),
                        };
                    }
                    Some(Err(_)) => {
                        s.args[i] = Value::string("<nil>");
                        s.replaced[i] = true;
                        break;
                    }
                    _ => {}
                }
            }
            if let Some((mode, calls)) = nested(self, &s) {
                s.at = i;
                s.nested_mode = Some(mode);
                s.nested_calls = calls;
                s.nested_texts.clear();
                if let Some(step) = Self::next_nested_call(&mut s) {
                    return step;
                }
            }
        }
        self.print_finish(s, gid, events)
    }

    fn print_finish(&mut self, s: PrintState, gid: GoId, events: &mut Sink<'_>) -> Step {
        let text = match s.native {
            Native::ErrorsJoin => {
                let mut out = Vec::new();
                for (i, a) in s.args.iter().enumerate() {
                    if i > 0 {
                        out.push(b'\n');
                    }
                    out.extend_from_slice(&self.value_text(a, Mode::Plain));
                }
                out
            }
            Native::FmtPrint | Native::FmtSprint | Native::FmtPrintln | Native::FmtSprintln => {
                let ln = matches!(s.native, Native::FmtPrintln | Native::FmtSprintln);
                let mut out = Vec::new();
                for (i, a) in s.args.iter().enumerate() {
                    let is_str = |v: &Value| matches!(v, Value::Iface(b) if matches!(self.program.rtype(b.0).kind, RKind::String));
                    if i > 0 && (ln || (!is_str(&s.orig[i]) && !is_str(&s.orig[i - 1]))) {
                        out.push(b' ');
                    }
                    if s.replaced[i] {
                        out.extend_from_slice(a.as_bytes());
                    } else {
                        out.extend_from_slice(&self.value_text(a, Mode::Plain));
                    }
                }
                if ln {
                    out.push(b'\n');
                }
                out
            }
            _ => self.printf_text(&s),
        };
        match s.native {
            Native::FmtPrint | Native::FmtPrintln | Native::FmtPrintf => {
                let n = text.len() as i64;
                events.push(Event::Stdout { g: gid, text });
                Step::Done(vec![Value::Int(n), Value::Nil])
            }
            Native::ErrorsJoin => {
                let e = self.std_error(well_known::JOIN_ERROR, &text, Value::Nil, s.orig);
                Step::Done(vec![e])
            }
            Native::FmtErrorf => {
                let wrapped: Vec<Value> = s
                    .dirs
                    .iter()
                    .filter(|d| d.verb == 'w')
                    .filter_map(|d| s.orig.get(d.arg))
                    .filter(|v| self.is_error(v))
                    .cloned()
                    .collect();
                let e = match wrapped.len() {
                    0 => self.std_error(well_known::ERROR_STRING, &text, Value::Nil, Vec::new()),
                    1 => {
                        let w = wrapped.into_iter().next().unwrap_or_default();
                        self.std_error(well_known::WRAP_ERROR, &text, w, Vec::new())
                    }
                    _ => self.std_error(well_known::JOIN_ERROR, &text, Value::Nil, wrapped),
                };
                Step::Done(vec![e])
            }
            _ => Step::Done(vec![Value::Str(text.into())]),
        }
    }

    /// `%q`, `%x`, `%d`... of a slice or array of basic values: fmt applies the verb to each
    /// element (`["a" "b"]`).
    fn elementwise(&self, a: &Value, d: &Directive) -> Option<Vec<u8>> {
        let Value::Iface(b) = a else { return None };
        let (elem, elems) = match &self.program.rtype(b.0).kind {
            RKind::Slice(e) => (*e, self.slice_elems(&b.1)),
            RKind::Array(_, e) => match &b.1 {
                Value::Agg(vs) => (*e, vs.to_vec()),
                _ => return None,
            },
            _ => return None,
        };
        let basic = matches!(
            self.program.rtype(elem).kind,
            RKind::Bool | RKind::Int(_) | RKind::Uint(_) | RKind::Float | RKind::String
        );
        if !basic || matches!(d.verb, 'v' | 'T' | 'w') {
            return None;
        }
        let verb = format!("%{}", d.verb);
        let mut out = vec![b'['];
        for (i, e) in elems.into_iter().enumerate() {
            if i > 0 {
                out.push(b' ');
            }
            let ev = Value::Iface(Box::new((elem, e)));
            out.extend_from_slice(&fmt::sprintf(verb.as_bytes(), &[self.basic_operand(&ev)]));
        }
        out.push(b']');
        Some(out)
    }

    /// Does `v` hold a value whose type implements `error`?
    fn is_error(&self, v: &Value) -> bool {
        match v {
            Value::Iface(b) => {
                let rt = self.program.rtype(b.0);
                matches!(rt.kind, RKind::NativeError)
                    || rt.methods.iter().any(|m| m.name == "Error")
            }
            _ => false,
        }
    }

    /// Printf/Sprintf/Errorf: rewrites the directives whose operands need the run-time type
    /// (`%T`, `%+v`, `%#v`, composites) into `%s` of pre-rendered text, then formats.
    fn printf_text(&self, s: &PrintState) -> Vec<u8> {
        let format = &s.format;
        let mut out_fmt = Vec::with_capacity(format.len());
        let mut args: Vec<Value> = s
            .args
            .iter()
            .enumerate()
            .map(|(i, a)| {
                if s.replaced[i] {
                    a.clone()
                } else {
                    self.basic_operand(a)
                }
            })
            .collect();
        let mut last = 0;
        for d in &s.dirs {
            out_fmt.extend_from_slice(&format[last.min(d.start)..d.start]);
            last = d.end;
            let directive = &format[d.start..d.end];
            let Some(a) = s.args.get(d.arg) else {
                out_fmt.extend_from_slice(directive);
                continue;
            };
            let as_s = |out: &mut Vec<u8>| {
                out.push(b'%');
                if d.minus {
                    out.push(b'-');
                }
                if let Some(w) = d.width {
                    out.extend_from_slice(w.to_string().as_bytes());
                }
                out.push(b's');
            };
            if s.replaced[d.arg] {
                if d.verb == 'w' {
                    as_s(&mut out_fmt);
                } else {
                    out_fmt.extend_from_slice(directive);
                }
                continue;
            }
            let mode = match (d.plus, d.sharp) {
                (_, true) => Mode::Sharp,
                (true, _) => Mode::Plus,
                _ => Mode::Plain,
            };
            let composite = !self.is_basic(a);
            if d.verb == 'T' {
                args[d.arg] = Value::string(&self.type_name(a));
                as_s(&mut out_fmt);
            } else if matches!(d.verb, 'v' | 'w') && (composite || mode != Mode::Plain) {
                args[d.arg] = Value::Str(self.value_text(a, mode).into());
                as_s(&mut out_fmt);
            } else if let Some(text) = self.elementwise(a, d) {
                args[d.arg] = Value::Str(text.into());
                as_s(&mut out_fmt);
            } else if composite && matches!(d.verb, 's' | 'd') {
                args[d.arg] = Value::Str(self.value_text(a, Mode::Plain).into());
                as_s(&mut out_fmt);
            } else {
                out_fmt.extend_from_slice(directive);
            }
        }
        out_fmt.extend_from_slice(&format[last.min(format.len())..]);
        fmt::sprintf(&out_fmt, &args)
    }
}
