//! Package `errors` (`errors/errors.go`, `wrap.go`, `join.go`) and the standard-library error
//! values: `*errors.errorString`, `*fmt.wrapError`, `*errors.joinError`, `*strconv.NumError`.
//!
//! Layout of a standard error's value (its dynamic type is an `RKind::NativeError`):
//! `Agg[message, wrapped error or nil, identity pointer, joined errors...]`. The identity
//! pointer is a fresh heap cell per error, because these are pointer types in Go: two
//! `errors.New("x")` are different errors, and `err == ErrNotFound` compares identities.
//!
//! `Is`, `As` and `Unwrap` walk the wrap chain depth-first as `errors.is`/`errors.as` do
//! (`Unwrap() []error` trees in order); a user type's `Is(error) bool` and `Unwrap()` methods
//! are Go calls made through the native continuation (see `natives`), so the walk is a state
//! machine: [`ErrorsState`] holds the errors still to visit.

use super::{Cont, Step, unboxed};
use crate::heap::ObjData;
use crate::machine::Machine;
use crate::value::{Ptr, Value};
use lang::bytecode::{RKind, TypeId, well_known};
use lang::packages::Native;

/// What the walk is for.
#[derive(Clone, Debug, PartialEq)]
pub enum Goal {
    /// `errors.Is(err, target)`.
    Is(Value),
    /// `errors.As(err, target)`: the pointer target and its element type.
    As(Value, TypeId),
    /// `errors.Unwrap(err)`: one step only.
    Unwrap,
}

/// The Go call the walk waits for.
#[derive(Clone, Debug, PartialEq)]
pub enum Awaiting {
    /// `err.Is(target)` of this error.
    IsMethod(Value),
    /// `err.Unwrap()`.
    UnwrapMethod,
}

/// A suspended `errors.Is` / `As` / `Unwrap`.
#[derive(Clone, Debug, PartialEq)]
pub struct ErrorsState {
    goal: Goal,
    /// Errors still to visit, the next on top.
    stack: Vec<Value>,
    awaiting: Awaiting,
}

impl ErrorsState {
    /// The values this suspended walk holds (collector roots).
    pub(crate) fn for_each_value(&self, f: &mut dyn FnMut(&Value)) {
        match &self.goal {
            Goal::Is(v) | Goal::As(v, _) => f(v),
            Goal::Unwrap => {}
        }
        self.stack.iter().for_each(&mut *f);
        if let Awaiting::IsMethod(v) = &self.awaiting {
            f(v);
        }
    }
}

impl Machine {
    /// A new standard error value of type `t`.
    pub(crate) fn std_error(
        &mut self,
        t: TypeId,
        msg: &[u8],
        wrapped: Value,
        joined: Vec<Value>,
    ) -> Value {
        let site = self.site();
        let id = self.gc_alloc(
            ObjData::Cells(vec![Value::Nil]),
            16,
            site,
            crate::gc::view::ObjKind::Cell,
        );
        let mut fields = vec![
            Value::Str(msg.into()),
            wrapped,
            Value::Ptr(Ptr {
                obj: id,
                path: vec![0].into(),
            }),
        ];
        fields.extend(joined);
        Value::Iface(Box::new((t, Value::Agg(fields.into()))))
    }

    /// A `*strconv.NumError` wrapping `strconv.ErrSyntax`/`ErrRange` (as an errorString).
    pub(crate) fn num_error(&mut self, msg: &str, reason: &str) -> Value {
        let inner = self.std_error(
            well_known::ERROR_STRING,
            reason.as_bytes(),
            Value::Nil,
            Vec::new(),
        );
        self.std_error(well_known::NUM_ERROR, msg.as_bytes(), inner, Vec::new())
    }

    pub(super) fn errors_start(&mut self, native: Native, args: Vec<Value>) -> Step {
        let err = args.first().cloned().unwrap_or_default();
        match native {
            Native::ErrorsNew => {
                let msg = super::arg_bytes(&args, 0).to_vec();
                Step::Done(vec![self.std_error(
                    well_known::ERROR_STRING,
                    &msg,
                    Value::Nil,
                    Vec::new(),
                )])
            }
            Native::ErrorsIs => {
                let target = args.get(1).cloned().unwrap_or_default();
                if matches!(err, Value::Nil) || matches!(target, Value::Nil) {
                    return Step::Done(vec![Value::Bool(err == target)]);
                }
                self.errors_walk(ErrorsState {
                    goal: Goal::Is(target),
                    stack: vec![err],
                    awaiting: Awaiting::UnwrapMethod,
                })
            }
            Native::ErrorsAs => {
                let target = args.get(1).cloned().unwrap_or_default();
                let elem = match &target {
                    Value::Iface(b) if matches!(b.1, Value::Ptr(_)) => {
                        match self.program.rtype(b.0).kind {
                            RKind::Pointer(e) => e,
                            _ => {
                                return Step::Panic(
                                    "errors: target must be a non-nil pointer".into(),
                                );
                            }
                        }
                    }
                    _ => return Step::Panic("errors: target must be a non-nil pointer".into()),
                };
                let et = self.program.rtype(elem);
                if !matches!(et.kind, RKind::Interface(_))
                    && !et.methods.iter().any(|m| m.name == "Error")
                {
                    return Step::Panic(
                        "errors: *target must be interface or implement error".into(),
                    );
                }
                if matches!(err, Value::Nil) {
                    return Step::Done(vec![Value::Bool(false)]);
                }
                let ptr = unboxed(&target).clone();
                self.errors_walk(ErrorsState {
                    goal: Goal::As(ptr, elem),
                    stack: vec![err],
                    awaiting: Awaiting::UnwrapMethod,
                })
            }
            _ => {
                // errors.Unwrap: one step of `Unwrap() error`.
                if let Value::Iface(b) = &err
                    && matches!(self.program.rtype(b.0).kind, RKind::NativeError)
                {
                    let w = if b.0 == well_known::JOIN_ERROR {
                        Value::Nil
                    } else {
                        native_field(&b.1, 1)
                    };
                    return Step::Done(vec![w]);
                }
                match self.method_of(&err, "Unwrap") {
                    Some(Ok((f, recv))) if self.is_nullary_method(&f) => Step::Call {
                        callee: f,
                        args: vec![recv],
                        then: Cont::Errors(ErrorsState {
                            goal: Goal::Unwrap,
                            stack: Vec::new(),
                            awaiting: Awaiting::UnwrapMethod,
                        }),
                    },
                    Some(Err(msg)) => Step::Panic(msg),
                    _ => Step::Done(vec![Value::Nil]),
                }
            }
        }
    }

    pub(super) fn errors_resume(&mut self, mut s: ErrorsState, results: Vec<Value>) -> Step {
        let r = results.into_iter().next().unwrap_or_default();
        match (&s.goal, s.awaiting.clone()) {
            (Goal::Unwrap, _) => Step::Done(vec![if matches!(r, Value::Iface(_)) {
                r
            } else {
                Value::Nil
            }]),
            (_, Awaiting::IsMethod(err)) => {
                if r.as_bool() {
                    return Step::Done(vec![Value::Bool(true)]);
                }
                match self.unwrap_into(&mut s, &err) {
                    Some(step) => step,
                    None => self.errors_walk(s),
                }
            }
            (_, Awaiting::UnwrapMethod) => {
                match r {
                    Value::Iface(_) => s.stack.push(r),
                    v @ Value::Slice(_) => {
                        let mut kids = self.slice_elems(&v);
                        kids.reverse();
                        s.stack
                            .extend(kids.into_iter().filter(|k| !matches!(k, Value::Nil)));
                    }
                    _ => {}
                }
                self.errors_walk(s)
            }
        }
    }

    /// Visits the errors on the stack until the goal is met or a Go call is needed.
    fn errors_walk(&mut self, mut s: ErrorsState) -> Step {
        while let Some(err) = s.stack.pop() {
            match &s.goal {
                Goal::Is(target) => {
                    if self.deep_eq(&err, target).unwrap_or(false) {
                        return Step::Done(vec![Value::Bool(true)]);
                    }
                    match self.method_of(&err, "Is") {
                        Some(Ok((f, recv))) => {
                            let target = target.clone();
                            s.awaiting = Awaiting::IsMethod(err);
                            return Step::Call {
                                callee: f,
                                args: vec![recv, target],
                                then: Cont::Errors(s),
                            };
                        }
                        Some(Err(msg)) => return Step::Panic(msg),
                        None => {}
                    }
                }
                Goal::As(ptr, elem) => {
                    let elem = *elem;
                    let fits = match self.program.rtype(elem).kind {
                        RKind::Interface(_) => self.has_type(&err, elem),
                        _ => matches!(&err, Value::Iface(b) if b.0 == elem),
                    };
                    if fits {
                        let v = match self.program.rtype(elem).kind {
                            RKind::Interface(_) => err.clone(),
                            _ => unboxed(&err).clone(),
                        };
                        let ptr = ptr.clone();
                        return match self.store_ptr(&ptr, v) {
                            Ok(()) => Step::Done(vec![Value::Bool(true)]),
                            Err(msg) => Step::Panic(msg),
                        };
                    }
                }
                Goal::Unwrap => {}
            }
            if let Some(step) = self.unwrap_into(&mut s, &err) {
                return step;
            }
        }
        Step::Done(vec![Value::Bool(false)])
    }

    /// Pushes what `err` wraps onto the stack, or returns the step that calls its `Unwrap`
    /// method (or the panic of a nil receiver).
    fn unwrap_into(&mut self, s: &mut ErrorsState, err: &Value) -> Option<Step> {
        if let Value::Iface(b) = err
            && matches!(self.program.rtype(b.0).kind, RKind::NativeError)
        {
            if b.0 == well_known::JOIN_ERROR {
                if let Value::Agg(fs) = &b.1 {
                    s.stack.extend(fs.iter().skip(3).rev().cloned());
                }
            } else {
                let w = native_field(&b.1, 1);
                if !matches!(w, Value::Nil) {
                    s.stack.push(w);
                }
            }
            return None;
        }
        match self.method_of(err, "Unwrap") {
            Some(Ok((f, recv))) if self.is_nullary_method(&f) => {
                s.awaiting = Awaiting::UnwrapMethod;
                Some(Step::Call {
                    callee: f,
                    args: vec![recv],
                    then: Cont::Errors(s.clone()),
                })
            }
            Some(Err(msg)) => Some(Step::Panic(msg)),
            _ => None,
        }
    }
}

/// Field `i` of a standard error's value.
fn native_field(v: &Value, i: usize) -> Value {
    match v {
        Value::Agg(fs) => fs.get(i).cloned().unwrap_or_default(),
        _ => Value::Nil,
    }
}
