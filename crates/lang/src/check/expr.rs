//! Expressions: identifiers, literals, operators, untyped constants and implicit conversions
//! (`types2/expr.go`, `const.go`, `typexpr.go`).
//!
//! Untyped constants stay untyped (exact values) until they meet a typed operand or a typed
//! context; [`Checker::convert_untyped`] then records the final type on the expression and all
//! its untyped sub-expressions, so the compiler sees only typed values.

use super::operand::{Mode, Operand};
use super::{Checker, ObjKind, TypeAndValue};
use crate::ast::*;
use crate::constant::{
    ConstValue, NotRepresentable, parse_float, parse_int, representable, rune_value, unquote,
};
use crate::printer::expr_string;
use crate::token::{LitKind, Op};
use crate::types::{BasicKind, Type};

/// Why an implicit conversion failed.
pub(crate) enum ConvError {
    Truncated,
    Overflows,
    Cannot,
}

impl<'a> Checker<'a> {
    pub(crate) fn es(&self, e: &Expr) -> String {
        expr_string(e, self.src)
    }

    /// Evaluates a single-valued expression (errors for tuples and no-value calls).
    pub(crate) fn expr(&mut self, e: &Expr) -> Operand {
        let x = self.raw_expr(e);
        self.single_value(x)
    }

    pub(crate) fn single_value(&mut self, mut x: Operand) -> Operand {
        match x.mode {
            Mode::NoValue => {
                self.error_op(&x, format!("{x} used as value"));
                x.mode = Mode::Invalid;
            }
            Mode::Builtin => {
                self.error_op(&x, format!("{} (built-in) must be called", x.expr));
                x.mode = Mode::Invalid;
            }
            Mode::TypeExpr => {
                self.error_op(&x, format!("{} (type) is not an expression", x.expr));
                x.mode = Mode::Invalid;
            }
            Mode::Package => {
                self.error_op(&x, format!("use of package {} without selector", x.expr));
                x.mode = Mode::Invalid;
            }
            _ => {
                if let Type::Tuple(_) = x.ty {
                    self.error_op(&x, format!("multiple-value {x} in single-value context"));
                    x.mode = Mode::Invalid;
                }
            }
        }
        x
    }

    /// Reports at the operand's expression start.
    pub(crate) fn error_op(&mut self, x: &Operand, msg: String) {
        let span = self.span_of(x.id);
        self.error(span, msg);
    }

    /// The span of a node, found through the recorded start (kept in a side table).
    pub(crate) fn span_of(&self, id: NodeId) -> Span {
        self.spans.get(id.0 as usize).copied().unwrap_or_default()
    }

    /// Records the result of evaluating `e`.
    pub(crate) fn finish(&mut self, e: &Expr, x: &Operand) {
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
    }

    /// Evaluates `e`, which may be a tuple-valued call, a type, or a package name.
    pub(crate) fn raw_expr(&mut self, e: &Expr) -> Operand {
        if let Some(slot) = self.spans.get_mut(e.id.0 as usize) {
            *slot = e.span;
        }
        let x = self.raw_expr_inner(e);
        self.finish(e, &x);
        x
    }

    pub(crate) fn raw_expr_inner(&mut self, e: &Expr) -> Operand {
        let text = self.es(e);
        let mut x = Operand::invalid(e.id, text);
        match &e.kind {
            ExprKind::Bad => {}
            ExprKind::Name(name) => self.ident(e, name, &mut x),
            ExprKind::Lit { kind, raw } => {
                let (ty, val) = match kind {
                    LitKind::Int => match parse_int(raw) {
                        Some(v) => (BasicKind::UntypedInt, ConstValue::Int(v)),
                        None => {
                            self.error(e.span, format!("integer constant overflow: {raw}"));
                            return x;
                        }
                    },
                    LitKind::Float => match crate::constant::parse_float_exact(raw)
                        .or(parse_float(raw).map(ConstValue::Float))
                    {
                        Some(v) => (BasicKind::UntypedFloat, v),
                        None => {
                            self.error(e.span, format!("malformed constant: {raw}"));
                            return x;
                        }
                    },
                    LitKind::Imag => {
                        self.error(e.span, "complex numbers are not supported by goscope");
                        return x;
                    }
                    LitKind::Rune => (BasicKind::UntypedRune, ConstValue::Int(rune_value(raw))),
                    LitKind::String => (BasicKind::UntypedString, ConstValue::String(unquote(raw))),
                };
                x.mode = Mode::Constant;
                x.ty = Type::Basic(ty);
                x.val = Some(val);
            }
            ExprKind::Paren(inner) => {
                let y = self.raw_expr(inner);
                x.mode = y.mode;
                x.ty = y.ty;
                x.val = y.val;
            }
            ExprKind::Selector(base, sel) => self.selector(e, base, sel, &mut x),
            ExprKind::Call { .. } => return self.call(e),
            ExprKind::Unary {
                op: Op::And,
                x: inner,
            } => self.address_of(e, inner, &mut x),
            ExprKind::Unary {
                op: Op::Recv,
                x: inner,
            } => {
                let y = self.expr(inner);
                self.recv_expr(y, &mut x);
            }
            ExprKind::Unary { op, x: inner } => {
                let y = self.expr(inner);
                self.unary(e, *op, y, &mut x);
            }
            ExprKind::Binary {
                op, x: lhs, y: rhs, ..
            } => {
                let l = self.expr(lhs);
                let r = self.expr(rhs);
                self.binary(e, *op, lhs, rhs, l, r, &mut x);
            }
            ExprKind::Index(base, index) => self.index_expr(e, base, index, &mut x),
            ExprKind::Slice { .. } => self.slice_expr(e, &mut x),
            ExprKind::Star(inner) => self.star(e, inner, &mut x),
            ExprKind::CompositeLit { .. } => self.composite_lit(e, None, &mut x),
            ExprKind::FuncLit(ft, body) => self.func_lit(e, ft, body, &mut x),
            ExprKind::Assert(inner, t) => self.type_assert(e, inner, t.as_deref(), &mut x),
            ExprKind::KeyValue(..) => {
                self.error(e.span, "unexpected key:value expression");
            }
            ExprKind::ArrayType { .. }
            | ExprKind::MapType(..)
            | ExprKind::ChanType { .. }
            | ExprKind::FuncType(_)
            | ExprKind::StructType(_)
            | ExprKind::InterfaceType(_)
            | ExprKind::Dots(_) => {
                let t = self.type_expr(e);
                if !t.is_invalid() {
                    x.mode = Mode::TypeExpr;
                    x.ty = t;
                }
            }
        }
        x
    }

    /// An index must be a non-negative integer (constant: representable as int).
    pub(crate) fn index_value(&mut self, i: &mut Operand, e: &Expr) -> bool {
        if i.ty.is_untyped() && !self.convert_untyped(i, &Type::INT, e) {
            return false;
        }
        if !i.ty.is_integer() {
            self.error_op(i, format!("invalid argument: index {i} must be integer"));
            return false;
        }
        if let Some(ConstValue::Int(n)) = i.val
            && n < 0
        {
            self.error_op(
                i,
                format!(
                    "invalid argument: index {} (constant of type int) must not be negative",
                    i.expr
                ),
            );
            return false;
        }
        true
    }

    pub(crate) fn ident(&mut self, e: &Expr, name: &str, x: &mut Operand) {
        if name == "_" {
            self.error(e.span, "cannot use _ as value");
            return;
        }
        let Some(obj) = self.lookup(name) else {
            self.error(e.span, format!("undefined: {name}"));
            return;
        };
        self.record_obj(e.id, obj);
        self.obj_decl(obj);
        let o = self.obj(obj).clone();
        match o.kind {
            ObjKind::Var { .. } => {
                self.obj_mut(obj).used = true;
                x.mode = Mode::Variable;
                x.ty = o.ty;
            }
            ObjKind::Const(v) => {
                if o.ty.is_invalid() {
                    return;
                }
                x.mode = Mode::Constant;
                x.ty = o.ty;
                x.val = Some(if name == "iota" && o.pos == 0 {
                    match self.iota {
                        Some(i) => ConstValue::Int(i as i128),
                        None => {
                            self.error(e.span, "cannot use iota outside constant declaration");
                            x.mode = Mode::Invalid;
                            return;
                        }
                    }
                } else {
                    v
                });
            }
            ObjKind::TypeName => {
                x.mode = Mode::TypeExpr;
                x.ty = o.ty;
            }
            ObjKind::Func(_) => {
                self.obj_mut(obj).used = true;
                x.mode = Mode::Value;
                x.ty = o.ty;
            }
            ObjKind::Builtin(_) => {
                x.mode = Mode::Builtin;
            }
            ObjKind::PkgName(_) => {
                self.obj_mut(obj).used = true;
                x.mode = Mode::Package;
            }
            ObjKind::Nil => {
                x.mode = Mode::Value;
                x.ty = Type::Basic(BasicKind::UntypedNil);
            }
        }
    }

    pub(crate) fn selector(&mut self, e: &Expr, base: &Expr, sel: &Ident, x: &mut Operand) {
        if let ExprKind::Name(name) = &base.kind
            && let Some(obj) = self.lookup(name)
            && let ObjKind::PkgName(pkg) = self.obj(obj).kind
        {
            self.obj_mut(obj).used = true;
            self.record_obj(base.id, obj);
            match pkg.member(&sel.name) {
                Some(native) => {
                    x.mode = Mode::Value;
                    x.ty = native.func_type();
                }
                None if let Some((t, v)) = crate::pkgtypes::constant(pkg.path, &sel.name) => {
                    x.mode = Mode::Constant;
                    x.ty = t;
                    x.val = Some(crate::constant::ConstValue::Int(v as i128));
                }
                None if let Some(native) = crate::pkgtypes::var(pkg.path, &sel.name) => {
                    x.mode = Mode::Value;
                    x.ty = native.signature().results[0].1.clone();
                }
                None if let Some(t) = crate::pkgtypes::lookup(pkg.path, &sel.name) => {
                    x.mode = Mode::TypeExpr;
                    x.ty = t;
                }
                None => {
                    let exported = sel.name.starts_with(|c: char| c.is_uppercase());
                    if pkg.is_unsupported(&sel.name) {
                        self.error(
                            sel.span,
                            format!("goscope does not support {name}.{} yet", sel.name),
                        );
                    } else if exported {
                        self.error(sel.span, format!("undefined: {name}.{}", sel.name));
                    } else {
                        self.error(
                            sel.span,
                            format!("name {} not exported by package {}", sel.name, pkg.name),
                        );
                    }
                }
            }
            return;
        }
        let b = self.raw_expr(base);
        if b.is_invalid() {
            return;
        }
        if b.mode == Mode::TypeExpr {
            self.value_selector(e, b, sel, x);
            return;
        }
        let b = self.single_value(b);
        if b.is_invalid() || self.pkg_method_selector(e, &b, sel, x) {
            return;
        }
        self.value_selector(e, b, sel, x);
    }

    /// `implicitTypeAndValue`: the value of untyped `x` converted to `target`.
    pub(crate) fn implicit_type_and_value(
        &self,
        x: &Operand,
        target: &Type,
    ) -> Result<(Type, Option<ConstValue>), ConvError> {
        if x.is_invalid() || !x.ty.is_untyped() || target.is_invalid() {
            return Ok((x.ty.clone(), x.val.clone()));
        }
        let xk = x.ty.basic().unwrap_or(BasicKind::UntypedNil);
        if xk == BasicKind::UntypedNil {
            return if target.is_nillable() {
                Ok((Type::Basic(BasicKind::UntypedNil), None))
            } else {
                Err(ConvError::Cannot)
            };
        }
        let under = target.underlying();
        match &under {
            Type::Basic(tk) => {
                if let Some(v) = &x.val {
                    match representable(v, *tk) {
                        Ok(v) => {
                            // Also the kinds must be compatible (numeric/string/bool).
                            let ok = (xk.is_numeric() && tk.is_numeric())
                                || (xk.is_string() && tk.is_string())
                                || (xk.is_boolean() && tk.is_boolean());
                            if !ok {
                                return Err(ConvError::Cannot);
                            }
                            Ok((target.clone(), Some(v)))
                        }
                        Err(NotRepresentable::Truncated) => Err(ConvError::Truncated),
                        Err(NotRepresentable::Overflows) => Err(ConvError::Overflows),
                        Err(NotRepresentable::Mismatch) => Err(ConvError::Cannot),
                    }
                } else {
                    // Non-constant untyped value (bool from comparisons, untyped shifts).
                    let ok = (xk.is_boolean() && tk.is_boolean())
                        || (xk.is_numeric() && tk.is_numeric())
                        || (xk.is_string() && tk.is_string());
                    if ok {
                        Ok((target.clone(), None))
                    } else {
                        Err(ConvError::Cannot)
                    }
                }
            }
            Type::Interface => Ok((x.ty.default_type(), x.val.clone())),
            Type::Error | Type::Iface(_) => Err(ConvError::Cannot),
            _ => Err(ConvError::Cannot),
        }
    }

    /// Converts untyped `x` to `target`, reporting failures like `convertUntyped`. Returns false
    /// on error (and marks nothing else).
    pub(crate) fn convert_untyped(&mut self, x: &Operand, target: &Type, e: &Expr) -> bool {
        match self.implicit_type_and_value(x, target) {
            Ok((ty, val)) => {
                if x.ty.is_untyped() && ty != x.ty {
                    self.update_expr_type(e, &ty, val.as_ref());
                }
                true
            }
            Err(err) => {
                let msg = match err {
                    ConvError::Truncated => format!("{x} truncated to {target}"),
                    ConvError::Overflows => format!("{x} overflows {target}"),
                    ConvError::Cannot => format!("cannot convert {x} to type {target}"),
                };
                self.error_op(x, msg);
                false
            }
        }
    }

    /// Converts operand `x` (of expression `e`) in place.
    pub(crate) fn convert_operand(&mut self, x: &mut Operand, target: &Type, e: &Expr) -> bool {
        if !x.ty.is_untyped() {
            return true;
        }
        match self.implicit_type_and_value(x, target) {
            Ok((ty, val)) => {
                if ty != x.ty {
                    self.update_expr_type(e, &ty, val.as_ref());
                }
                x.ty = ty;
                if x.mode == Mode::Constant {
                    x.val = val;
                }
                true
            }
            Err(_) => {
                let ok = self.convert_untyped(x, target, e);
                x.mode = Mode::Invalid;
                ok
            }
        }
    }

    /// Records the final type of an untyped expression and its untyped operands.
    pub(crate) fn update_expr_type(&mut self, e: &Expr, ty: &Type, val: Option<&ConstValue>) {
        let Some(Some(old)) = self.info.types.get(e.id.0 as usize).cloned() else {
            return;
        };
        if !old.ty.is_untyped() {
            return;
        }
        match &e.kind {
            ExprKind::Paren(x) => self.update_expr_type(x, ty, None),
            ExprKind::Unary { op, x } if *op != Op::Not || ty.is_boolean() => {
                self.update_expr_type(x, ty, None)
            }
            ExprKind::Binary { op, x, y, .. } => {
                if op.is_comparison() {
                    // The operands keep their own (defaulted) types.
                } else if matches!(op, Op::Shl | Op::Shr) {
                    self.update_expr_type(x, ty, None);
                } else {
                    self.update_expr_type(x, ty, None);
                    self.update_expr_type(y, ty, None);
                }
            }
            _ => {}
        }
        let val = match (val, &old.val, ty) {
            (Some(v), _, _) => Some(v.clone()),
            (None, Some(v), Type::Basic(k)) => representable(v, *k).ok().or(Some(v.clone())),
            (None, v, _) => v.clone(),
        };
        let final_ty = if ty.is_interface() {
            old.ty.default_type()
        } else {
            ty.clone()
        };
        self.record(
            e.id,
            TypeAndValue {
                mode: old.mode,
                ty: final_ty,
                val,
            },
        );
    }

    /// Untyped operands in a non-constant context take their default type.
    pub(crate) fn default_operand(&mut self, x: &mut Operand, e: &Expr) {
        if x.ty.is_untyped() && x.ty != Type::Basic(BasicKind::UntypedNil) {
            let t = x.ty.default_type();
            self.convert_operand(x, &t, e);
        }
    }
}
