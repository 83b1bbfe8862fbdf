//! Calls: function calls with Go's argument-count messages (`have (...)` / `want (...)`),
//! conversions `T(x)`, and the built-in functions (`types2/call.go`, `builtins.go`,
//! `conversions.go`).

use super::operand::{Mode, Operand};
use super::{Builtin, Checker, ObjKind, TypeAndValue};
use crate::ast::*;
use crate::constant::{ConstValue, representable};
use crate::types::{BasicKind, Signature, Type};

impl<'a> Checker<'a> {
    pub(crate) fn call(&mut self, e: &Expr) -> Operand {
        let ExprKind::Call {
            fun,
            args,
            dots,
            rparen,
        } = &e.kind
        else {
            return Operand::invalid(e.id, self.es(e));
        };
        let text = self.es(e);
        let f = self.raw_expr(fun);
        let mut x = Operand::invalid(e.id, text);
        match f.mode {
            Mode::Invalid => {
                // Still check the arguments for errors.
                for a in args {
                    self.raw_expr(a);
                }
            }
            Mode::TypeExpr => {
                self.conversion(e, &f.ty, args, &mut x);
            }
            Mode::Builtin => {
                let b = match self.info.obj_of(fun.id).map(|o| self.obj(o).kind.clone()) {
                    Some(ObjKind::Builtin(b)) => b,
                    _ => return x,
                };
                self.builtin(e, b, args, *dots, *rparen, &mut x);
            }
            Mode::Package => {
                self.error(
                    fun.span,
                    format!("use of package {} without selector", f.expr),
                );
            }
            _ => {
                let Type::Func(sig) = f.ty.underlying().clone() else {
                    if !f.ty.is_invalid() {
                        self.error(
                            fun.span,
                            format!(
                                "invalid operation: cannot call {f}: {} is not a function",
                                f.ty
                            ),
                        );
                    }
                    for a in args {
                        self.raw_expr(a);
                    }
                    return x;
                };
                let name = self.es(fun);
                self.arguments(e, &name, &sig, args, *dots, &mut x);
                match sig.results.len() {
                    0 => {
                        x.mode = Mode::NoValue;
                        x.ty = Type::Tuple(Vec::new().into());
                    }
                    _ => {
                        x.mode = Mode::Value;
                        x.ty = sig.result_tuple();
                    }
                }
            }
        }
        if x.mode != Mode::Invalid {
            self.record(
                e.id,
                TypeAndValue {
                    mode: x.mode,
                    ty: x.ty.clone(),
                    val: x.val.clone(),
                },
            );
        }
        x
    }

    /// Evaluates call arguments, expanding a single tuple-valued call `f(g())`.
    pub(crate) fn arg_operands(&mut self, args: &[Expr]) -> Vec<(Operand, usize)> {
        if args.len() == 1 {
            let x = self.raw_expr(&args[0]);
            if let (Mode::Value, Type::Tuple(ts)) = (x.mode, &x.ty) {
                return ts
                    .iter()
                    .map(|t| {
                        (
                            Operand {
                                mode: Mode::Value,
                                ty: t.clone(),
                                val: None,
                                id: x.id,
                                expr: x.expr.clone(),
                            },
                            0,
                        )
                    })
                    .collect();
            }
            let x = self.single_value(x);
            return vec![(x, 0)];
        }
        args.iter()
            .enumerate()
            .map(|(i, a)| (self.expr(a), i))
            .collect()
    }

    /// Checks the arguments of a call against `sig` (`types2 arguments`).
    fn arguments(
        &mut self,
        call: &Expr,
        name: &str,
        sig: &Signature,
        args: &[Expr],
        dots: bool,
        x: &mut Operand,
    ) {
        let mut ops = self.arg_operands(args);
        if ops.iter().any(|(o, _)| o.is_invalid()) {
            return;
        }
        let nargs = ops.len();
        let npars = sig.params.len();
        let ok = if sig.variadic {
            nargs + 1 >= npars
        } else {
            nargs == npars
        };
        if dots {
            if !sig.variadic {
                let at = self.span_of(ops[nargs - 1].0.id);
                self.error(
                    at,
                    format!("have (...) arguments but {name} is not variadic: cannot use ... in call to non-variadic {name}"),
                );
                return;
            }
            if nargs != npars {
                let have = types_summary(ops.iter().map(|(o, _)| o.ty.clone()).collect(), false);
                let want = types_summary(sig.params.iter().map(|p| p.1.clone()).collect(), true);
                let q = if nargs > npars {
                    "too many"
                } else {
                    "not enough"
                };
                self.error(
                    call.span,
                    format!("{q} arguments in call to {name}\n\thave {have}\n\twant {want}"),
                );
                return;
            }
            let context = format!("argument to {name}");
            for (i, (op, ai)) in ops.iter_mut().enumerate() {
                let pt = if i + 1 == npars {
                    Type::Slice(std::rc::Rc::new(sig.params[npars - 1].1.clone()))
                } else {
                    sig.params[i].1.clone()
                };
                let e = &args[(*ai).min(args.len() - 1)];
                self.assignment(op, &pt, &context, e);
            }
            return;
        }
        if !ok {
            let (qualifier, at) = if nargs > npars {
                ("too many", ops[npars].0.id)
            } else if nargs > 0 {
                ("not enough", ops[nargs - 1].0.id)
            } else {
                ("not enough", call.id)
            };
            let have = types_summary(ops.iter().map(|(o, _)| o.ty.clone()).collect(), false);
            let want = types_summary(
                sig.params.iter().map(|p| p.1.clone()).collect(),
                sig.variadic,
            );
            let span = if at == call.id {
                call.span
            } else {
                self.span_of(at)
            };
            self.error(
                span,
                format!("{qualifier} arguments in call to {name}\n\thave {have}\n\twant {want}"),
            );
            let _ = x;
            return;
        }
        let context = format!("argument to {name}");
        for (i, (op, ai)) in ops.iter_mut().enumerate() {
            let pt = if sig.variadic && i + 1 >= npars {
                sig.params[npars - 1].1.clone()
            } else {
                sig.params[i].1.clone()
            };
            let e = &args[(*ai).min(args.len() - 1)];
            self.assignment(op, &pt, &context, e);
        }
    }

    /// `T(x)`.
    fn conversion(&mut self, e: &Expr, t: &Type, args: &[Expr], x: &mut Operand) {
        if args.len() != 1 {
            let msg = if args.is_empty() {
                format!("missing argument in conversion to {t}")
            } else {
                format!("too many arguments in conversion to {t}")
            };
            self.error(e.span, msg);
            return;
        }
        let mut y = self.expr(&args[0]);
        if y.is_invalid() || t.is_invalid() {
            return;
        }
        let tk = t.basic();
        // Constant conversions.
        if let (Some(v), Some(tk)) = (&y.val, tk) {
            let yk = y.ty.basic().unwrap_or(BasicKind::UntypedNil);
            let result = if tk.is_string() && yk.is_integer() {
                let c = v
                    .as_int()
                    .and_then(|i| u32::try_from(i).ok())
                    .and_then(char::from_u32)
                    .unwrap_or('\u{FFFD}');
                Some(ConstValue::String(c.to_string().into_bytes()))
            } else if (tk.is_numeric() && yk.is_numeric())
                || (tk.is_string() && yk.is_string())
                || (tk.is_boolean() && yk.is_boolean())
            {
                match representable(v, tk) {
                    Ok(v) => Some(v),
                    Err(why) => {
                        let suffix = match why {
                            crate::constant::NotRepresentable::Truncated => " (truncated)",
                            crate::constant::NotRepresentable::Overflows => " (overflows)",
                            _ => "",
                        };
                        self.error_op(&y, format!("cannot convert {y} to type {t}{suffix}"));
                        return;
                    }
                }
            } else {
                None
            };
            if let Some(v) = result {
                if yk.is_untyped() {
                    let target = if tk.is_string() && yk.is_integer() {
                        y.ty.default_type()
                    } else {
                        t.clone()
                    };
                    self.convert_operand(&mut y, &target, &args[0]);
                }
                x.mode = Mode::Constant;
                x.ty = t.clone();
                x.val = Some(v);
                return;
            }
        }
        if y.ty == Type::Basic(BasicKind::UntypedNil) && t.is_nillable() {
            self.convert_operand(&mut y, t, &args[0]);
            x.mode = Mode::Value;
            x.ty = t.clone();
            return;
        }
        if y.ty.is_untyped() && tk.is_some() {
            let d = y.ty.default_type();
            self.convert_operand(&mut y, &d, &args[0]);
        }
        let ok = self.convertible(&y, t);
        if !ok {
            self.error_op(&y, format!("cannot convert {y} to type {t}"));
            return;
        }
        if y.ty.is_untyped() {
            let d = y.ty.default_type();
            self.convert_operand(&mut y, &d, &args[0]);
        }
        x.mode = Mode::Value;
        x.ty = t.clone();
    }

    fn builtin(
        &mut self,
        e: &Expr,
        b: Builtin,
        args: &[Expr],
        dots: bool,
        rparen: u32,
        x: &mut Operand,
    ) {
        let name = b.name();
        if dots && b != Builtin::Append {
            self.error(
                e.span,
                format!("invalid operation: invalid use of ... with built-in {name}"),
            );
            return;
        }
        let (min, max): (usize, Option<usize>) = match b {
            Builtin::Len | Builtin::Cap => (1, Some(1)),
            Builtin::Print | Builtin::Println => (0, None),
            Builtin::Panic => (1, Some(1)),
            Builtin::Append => (1, None),
            Builtin::Make => (1, Some(3)),
            Builtin::New => (1, Some(1)),
            Builtin::Delete | Builtin::Copy => (2, Some(2)),
            Builtin::Recover => (0, Some(0)),
            Builtin::Close => (1, Some(1)),
            _ => {
                self.error(
                    e.span,
                    format!("goscope does not support the built-in {name} yet"),
                );
                return;
            }
        };
        let n = args.len();
        if n < min || max.is_some_and(|m| n > m) {
            let (q, span) = if n < min {
                ("not enough", Span::new(rparen, rparen + 1))
            } else {
                ("too many", args[max.unwrap_or(0)].span)
            };
            let text = self.es(e);
            for a in args {
                self.raw_expr(a);
            }
            self.error(
                span,
                format!("{q} arguments for {text} (expected {min}, found {n})"),
            );
            return;
        }
        match b {
            Builtin::Len | Builtin::Cap => {
                let mut y = self.expr(&args[0]);
                if y.is_invalid() {
                    return;
                }
                let u = match y.ty.underlying() {
                    Type::Pointer(p) if matches!(p.underlying(), Type::Array(..)) => p.underlying(),
                    u => u,
                };
                let ok = match &u {
                    Type::Basic(k) => k.is_string() && b == Builtin::Len,
                    Type::Slice(_) | Type::Array(..) => true,
                    Type::Map(..) => b == Builtin::Len,
                    Type::Chan(..) => true,
                    _ => false,
                };
                if !ok {
                    self.error_op(&y, format!("invalid argument: {y} for built-in {name}"));
                    return;
                }
                x.ty = Type::INT;
                x.mode = Mode::Value;
                if let Some(ConstValue::String(s)) = &y.val {
                    x.mode = Mode::Constant;
                    x.val = Some(ConstValue::Int(s.len() as i128));
                } else if let Type::Array(n, _) = u
                    && !matches!(args[0].unparen().kind, ExprKind::Call { .. })
                {
                    x.mode = Mode::Constant;
                    x.val = Some(ConstValue::Int(n as i128));
                }
                self.default_operand(&mut y, &args[0]);
            }
            Builtin::Append => {
                let mut s0 = self.expr(&args[0]);
                if s0.is_invalid() {
                    for a in &args[1..] {
                        self.expr(a);
                    }
                    return;
                }
                if s0.ty == Type::Basic(BasicKind::UntypedNil) {
                    self.error_op(
                        &s0,
                        "first argument to append must be a typed slice; have untyped nil".into(),
                    );
                    return;
                }
                let Type::Slice(el) = s0.ty.underlying() else {
                    self.error_op(
                        &s0,
                        format!(
                            "invalid argument: {} (variable of type {}) is not a slice",
                            s0.expr, s0.ty
                        ),
                    );
                    for a in &args[1..] {
                        self.expr(a);
                    }
                    return;
                };
                self.default_operand(&mut s0, &args[0]);
                let context = "argument to append".to_string();
                if dots {
                    if args.len() != 2 {
                        self.error(e.span, "can only use ... with final argument in list");
                        return;
                    }
                    let mut y = self.expr(&args[1]);
                    if y.is_invalid() {
                        return;
                    }
                    let bytes_from_string =
                        el.basic() == Some(BasicKind::Uint8) && y.ty.is_string();
                    if bytes_from_string {
                        self.default_operand(&mut y, &args[1]);
                    } else {
                        let st = Type::Slice(el.clone());
                        self.assignment(&mut y, &st, &context, &args[1]);
                    }
                } else {
                    for a in &args[1..] {
                        let mut y = self.expr(a);
                        self.assignment(&mut y, &el, &context, a);
                    }
                }
                x.mode = Mode::Value;
                x.ty = s0.ty.clone();
            }
            Builtin::Make => {
                let t = self.type_expr(&args[0]);
                if t.is_invalid() {
                    return;
                }
                let (min, max) = match t.underlying() {
                    Type::Slice(_) => (2, 3),
                    Type::Map(..) | Type::Chan(..) => (1, 2),
                    _ => {
                        self.error(args[0].span, format!("invalid argument: cannot make {}; type must be slice, map, or channel", self.es(&args[0])));
                        return;
                    }
                };
                if args.len() < min {
                    self.error(
                        e.span,
                        format!(
                            "invalid operation: {} expects {min} or {max} arguments; found {}",
                            self.es(e),
                            args.len()
                        ),
                    );
                    return;
                }
                if args.len() > max {
                    self.error(
                        e.span,
                        format!(
                            "invalid operation: {} expects {min} or {max} arguments; found {}",
                            self.es(e),
                            args.len()
                        ),
                    );
                    return;
                }
                let mut consts = Vec::new();
                for a in &args[1..] {
                    let mut y = self.expr(a);
                    if y.is_invalid() {
                        return;
                    }
                    if y.ty.is_untyped() && !self.convert_operand(&mut y, &Type::INT, a) {
                        return;
                    }
                    if !y.ty.is_integer() {
                        self.error_op(&y, format!("cannot convert {y} to type int"));
                        return;
                    }
                    if let Some(ConstValue::Int(n)) = y.val {
                        if n < 0 {
                            self.error_op(&y, format!("invalid argument: index {} (constant of type int) must not be negative", y.expr));
                            return;
                        }
                        consts.push(n);
                    }
                }
                if consts.len() == 2 && consts[0] > consts[1] {
                    self.error(
                        args[1].span,
                        "invalid argument: length and capacity swapped",
                    );
                    return;
                }
                x.mode = Mode::Value;
                x.ty = t;
            }
            Builtin::New => {
                let t = self.type_expr(&args[0]);
                if t.is_invalid() {
                    return;
                }
                x.mode = Mode::Value;
                x.ty = Type::Pointer(std::rc::Rc::new(t));
            }
            Builtin::Delete => {
                let m = self.expr(&args[0]);
                let mut k = self.expr(&args[1]);
                if m.is_invalid() || k.is_invalid() {
                    return;
                }
                let Type::Map(kt, _) = m.ty.underlying() else {
                    self.error_op(&m, format!("invalid argument: {m} is not a map"));
                    return;
                };
                self.assignment(&mut k, &kt, "argument to delete", &args[1]);
                x.mode = Mode::NoValue;
                x.ty = Type::Tuple(Vec::new().into());
            }
            Builtin::Copy => {
                let d = self.expr(&args[0]);
                let mut sv = self.expr(&args[1]);
                if d.is_invalid() || sv.is_invalid() {
                    return;
                }
                let Type::Slice(de) = d.ty.underlying() else {
                    self.error_op(
                        &d,
                        format!(
                            "invalid argument: copy expects slice arguments; found {d} and {sv}"
                        ),
                    );
                    return;
                };
                let ok = match sv.ty.underlying() {
                    Type::Slice(se) => se == de,
                    Type::Basic(k) => k.is_string() && de.basic() == Some(BasicKind::Uint8),
                    _ => false,
                };
                if !ok {
                    self.error(
                        e.span,
                        format!(
                            "invalid argument: copy expects slice arguments; found {d} and {sv}"
                        ),
                    );
                    return;
                }
                self.default_operand(&mut sv, &args[1]);
                x.mode = Mode::Value;
                x.ty = Type::INT;
            }
            Builtin::Recover => {
                x.mode = Mode::Value;
                x.ty = Type::Interface;
            }
            Builtin::Print | Builtin::Println => {
                let context = format!("argument to built-in {name}");
                let mut ops = self.arg_operands(args);
                for (op, i) in ops.iter_mut() {
                    if op.is_invalid() {
                        continue;
                    }
                    let e = &args[(*i).min(args.len().saturating_sub(1))];
                    if op.ty.is_untyped() {
                        if op.ty == Type::Basic(BasicKind::UntypedNil) {
                            self.error_op(op, format!("use of untyped nil in {context}"));
                            continue;
                        }
                        let d = op.ty.default_type();
                        self.assignment(op, &d, &context, e);
                    }
                }
                x.mode = Mode::NoValue;
                x.ty = Type::Tuple(Vec::new().into());
            }
            Builtin::Close => self.close_builtin(&args[0], x),
            Builtin::Panic => {
                let mut y = self.expr(&args[0]);
                if y.is_invalid() {
                    return;
                }
                self.assignment(&mut y, &Type::Interface, "argument to panic", &args[0]);
                x.mode = Mode::NoValue;
                x.ty = Type::Tuple(Vec::new().into());
            }
            _ => {}
        }
    }

    /// Checks that `x` can be assigned to a `t` in `context`, converting untyped constants
    /// (`types2 assignment`). Marks `x` invalid on error.
    pub(crate) fn assignment(&mut self, x: &mut Operand, t: &Type, context: &str, e: &Expr) {
        if x.is_invalid() {
            return;
        }
        if x.ty.is_untyped() {
            let is_nil = x.ty == Type::Basic(BasicKind::UntypedNil);
            let target = if t.is_interface() && !is_nil {
                x.ty.default_type()
            } else {
                t.clone()
            };
            if x.ty == Type::Basic(BasicKind::UntypedNil) && !t.is_nillable() {
                self.error_op(x, format!("cannot use nil as {t} value in {context}"));
                x.mode = Mode::Invalid;
                return;
            }
            match self.implicit_type_and_value(x, &target) {
                Ok(_) => {
                    self.convert_operand(x, &target, e);
                }
                Err(err) => {
                    let mut msg = format!("cannot use {x} as {target} value in {context}");
                    match err {
                        super::expr::ConvError::Truncated => msg.push_str(" (truncated)"),
                        super::expr::ConvError::Overflows => msg.push_str(" (overflows)"),
                        super::expr::ConvError::Cannot => {}
                    }
                    self.error_op(x, msg);
                    x.mode = Mode::Invalid;
                    return;
                }
            }
        }
        if let Err(cause) = self.assignable_cause(x, t) {
            let msg = format!("cannot use {x} as {t} value in {context}{cause}");
            self.error_op(x, msg);
            x.mode = Mode::Invalid;
        }
    }
}

/// `typesSummary`: `(number, string)`, `(int, ...any)`.
pub(crate) fn types_summary(list: Vec<Type>, variadic: bool) -> String {
    let n = list.len();
    let parts: Vec<String> = list
        .into_iter()
        .enumerate()
        .map(|(i, t)| {
            let s = match &t {
                Type::Invalid => "unknown type".to_string(),
                Type::Basic(k) if k.is_untyped() => {
                    if k.is_numeric() {
                        "number".to_string()
                    } else {
                        k.name().replace("untyped ", "")
                    }
                }
                t => t.to_string(),
            };
            if variadic && i + 1 == n {
                if t == Type::Interface {
                    "...any".to_string()
                } else {
                    format!("...{s}")
                }
            } else {
                s
            }
        })
        .collect();
    format!("({})", parts.join(", "))
}
