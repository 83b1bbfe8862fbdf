//! Operators on operands: unary and binary arithmetic, comparisons, shifts, constant folding
//! and overflow, and the implicit conversions that bring untyped operands to a common type
//! (`types2/expr.go`: `unary`, `binary`, `matchTypes`, `comparison`, `shift`, `overflow`).

use super::Checker;
use super::operand::{Mode, Operand};
use crate::ast::*;
use crate::constant::{ConstValue, representable};
use crate::token::Op;
use crate::types::{BasicKind, Type};

impl Checker<'_> {
    pub(crate) fn unary(&mut self, e: &Expr, op: Op, y: Operand, x: &mut Operand) {
        if y.is_invalid() {
            return;
        }
        let ok = match op {
            Op::Add | Op::Sub => y.ty.is_numeric(),
            Op::Not => y.ty.is_boolean(),
            Op::Xor => y.ty.is_integer(),
            _ => {
                self.error(
                    e.span,
                    format!("goscope does not support the {op} operator yet"),
                );
                return;
            }
        };
        if !ok {
            self.error_op(
                &y,
                format!("invalid operation: operator {op} not defined on {y}"),
            );
            return;
        }
        x.ty = y.ty.clone();
        if let Some(v) = &y.val {
            let r = match (op, v) {
                (Op::Add, v) => Some(v.clone()),
                (Op::Sub, ConstValue::Int(i)) => i.checked_neg().map(ConstValue::Int),
                (Op::Sub, ConstValue::Float(f)) => Some(ConstValue::Float(-f)),
                (Op::Sub, ConstValue::Rat(n, d)) => n.checked_neg().map(|n| ConstValue::Rat(n, *d)),
                (Op::Not, ConstValue::Bool(b)) => Some(ConstValue::Bool(!b)),
                (Op::Xor, ConstValue::Int(i)) => Some(ConstValue::Int(!i)),
                _ => None,
            };
            x.mode = Mode::Constant;
            x.val = r;
            self.overflow(x, e.span.start, "negation");
        } else {
            x.mode = Mode::Value;
        }
    }

    /// Typed constants must stay representable in their type after each operation.
    pub(crate) fn overflow(&mut self, x: &mut Operand, pos: u32, opname: &str) {
        let Some(v) = &x.val else {
            self.error_at(pos, format!("constant {opname} overflow"));
            x.mode = Mode::Invalid;
            return;
        };
        if let Type::Basic(k) = x.ty
            && !k.is_untyped()
        {
            match representable(v, k) {
                Ok(v) => x.val = Some(v),
                Err(_) => {
                    let msg = format!("{x} overflows {}", x.ty);
                    self.error_op(x, msg);
                    x.mode = Mode::Invalid;
                }
            }
        }
    }

    /// May untyped `x` be converted to the type of `y` in a binary operation (`mayConvert`)?
    pub(crate) fn may_convert(x: &Operand, y: &Operand) -> bool {
        if !x.ty.is_untyped() && !y.ty.is_untyped() {
            return false;
        }
        if y.ty.is_interface() && x.ty.is_untyped() || x.ty.is_interface() && y.ty.is_untyped() {
            return true;
        }
        if x.ty.is_numeric() != y.ty.is_numeric() {
            return false;
        }
        if x.ty.is_boolean() != y.ty.is_boolean() {
            return false;
        }
        if x.ty.is_string() != y.ty.is_string() {
            return false;
        }
        true
    }

    /// Brings untyped operands of a binary operation to a common type (`matchTypes`).
    pub(crate) fn match_types(
        &mut self,
        l: &mut Operand,
        r: &mut Operand,
        le: &Expr,
        re: &Expr,
    ) -> bool {
        if Self::may_convert(l, r) {
            if l.ty.is_untyped() && r.ty.is_untyped() {
                // Both untyped: the "larger" numeric kind wins.
                let (lk, rk) = (
                    l.ty.basic().unwrap_or(BasicKind::UntypedInt),
                    r.ty.basic().unwrap_or(BasicKind::UntypedInt),
                );
                if lk.is_numeric() && rk.is_numeric() {
                    let k = lk.max(rk);
                    let t = Type::Basic(k);
                    if lk != k {
                        l.ty = t.clone();
                        l.val = l.val.as_ref().and_then(|v| representable(v, k).ok());
                    }
                    if rk != k {
                        r.ty = t;
                        r.val = r.val.as_ref().and_then(|v| representable(v, k).ok());
                    }
                }
                return true;
            }
            let rt = r.ty.clone();
            if !self.convert_operand(l, &rt, le) {
                return false;
            }
            if l.is_invalid() {
                return false;
            }
            let lt = l.ty.clone();
            if !self.convert_operand(r, &lt, re) {
                return false;
            }
            if r.is_invalid() {
                return false;
            }
        }
        true
    }

    #[allow(clippy::too_many_arguments)]
    pub(crate) fn binary(
        &mut self,
        e: &Expr,
        op: Op,
        le: &Expr,
        re: &Expr,
        mut l: Operand,
        mut r: Operand,
        x: &mut Operand,
    ) {
        if l.is_invalid() || r.is_invalid() {
            return;
        }
        let text = self.es(e);
        if matches!(op, Op::Shl | Op::Shr) {
            self.shift(e, op, le, re, l, r, x);
            return;
        }
        if !self.match_types(&mut l, &mut r, le, re) {
            return;
        }
        if op.is_comparison() {
            self.comparison(e, op, le, re, l, r, x);
            return;
        }
        if l.ty != r.ty {
            if !l.ty.is_invalid() && !r.ty.is_invalid() {
                self.error(
                    e.span,
                    format!(
                        "invalid operation: {text} (mismatched types {} and {})",
                        l.ty, r.ty
                    ),
                );
            }
            return;
        }
        let defined = match op {
            Op::Add => l.ty.is_numeric() || l.ty.is_string(),
            Op::Sub | Op::Mul | Op::Div => l.ty.is_numeric(),
            Op::Rem | Op::And | Op::Or | Op::Xor | Op::AndNot => l.ty.is_integer(),
            Op::AndAnd | Op::OrOr => l.ty.is_boolean(),
            _ => false,
        };
        if !defined {
            self.error(
                e.span,
                format!("invalid operation: operator {op} not defined on {l}"),
            );
            return;
        }
        if matches!(op, Op::Div | Op::Rem)
            && (l.is_const() || l.ty.is_integer())
            && let Some(v) = &r.val
            && v.as_f64() == Some(0.0)
        {
            self.error_op(&r, "invalid operation: division by zero".into());
            return;
        }
        x.ty = l.ty.clone();
        if let (Some(a), Some(b)) = (&l.val, &r.val) {
            x.mode = Mode::Constant;
            let integer = l.ty.is_integer();
            x.val = const_binary(op, a, b, integer);
            let name = match op {
                Op::Add => "addition",
                Op::Sub => "subtraction",
                Op::Mul => "multiplication",
                _ => "",
            };
            let pos = match &e.kind {
                ExprKind::Binary { op_pos, .. } => *op_pos,
                _ => e.span.start,
            };
            self.overflow(x, pos, name);
        } else {
            x.mode = Mode::Value;
            self.default_operand(&mut l, le);
            self.default_operand(&mut r, re);
        }
    }

    #[allow(clippy::too_many_arguments)]
    pub(crate) fn comparison(
        &mut self,
        e: &Expr,
        op: Op,
        le: &Expr,
        re: &Expr,
        mut l: Operand,
        mut r: Operand,
        x: &mut Operand,
    ) {
        let text_x = self.es(le);
        let text_y = self.es(re);
        let assignable = self.assignable_to(&l, &r.ty) || self.assignable_to(&r, &l.ty);
        let mut cause = String::new();
        let mut err_at = &r;
        if !assignable {
            cause = format!("mismatched types {} and {}", l.ty, r.ty);
        } else if matches!(op, Op::Eql | Op::Neq) {
            let nil = Type::Basic(BasicKind::UntypedNil);
            let only_nil = |t: &Type| {
                matches!(
                    t.underlying(),
                    Type::Slice(_) | Type::Map(..) | Type::Func(_)
                )
            };
            if l.ty == nil || r.ty == nil {
                // Comparison with nil: any nillable type.
            } else if only_nil(&l.ty) {
                err_at = &l;
                let what = match l.ty.underlying() {
                    Type::Slice(_) => "slice",
                    Type::Map(..) => "map",
                    _ => "func",
                };
                cause = format!("{what} can only be compared to nil");
            } else if only_nil(&r.ty) {
                let what = match r.ty.underlying() {
                    Type::Slice(_) => "slice",
                    Type::Map(..) => "map",
                    _ => "func",
                };
                cause = format!("{what} can only be compared to nil");
            } else if !l.ty.is_comparable() {
                err_at = &l;
                cause = format!("operator {op} not defined on {}", kind_string(&l.ty));
            } else if !r.ty.is_comparable() {
                cause = format!("operator {op} not defined on {}", kind_string(&r.ty));
            }
        } else if !l.ty.basic().is_some_and(BasicKind::is_ordered) {
            err_at = &l;
            cause = format!("operator {op} not defined on {}", kind_string(&l.ty));
        } else if !r.ty.basic().is_some_and(BasicKind::is_ordered) {
            cause = format!("operator {op} not defined on {}", kind_string(&r.ty));
        }
        if !cause.is_empty() {
            let span = self.span_of(err_at.id);
            self.error(
                span,
                format!("invalid operation: {text_x} {op} {text_y} ({cause})"),
            );
            return;
        }
        x.ty = Type::Basic(BasicKind::UntypedBool);
        if let (Some(a), Some(b)) = (&l.val, &r.val) {
            x.mode = Mode::Constant;
            x.val = const_compare(op, a, b).map(ConstValue::Bool);
        } else {
            x.mode = Mode::Value;
            self.default_operand(&mut l, le);
            self.default_operand(&mut r, re);
        }
        let _ = e;
    }

    #[allow(clippy::too_many_arguments)]
    pub(crate) fn shift(
        &mut self,
        e: &Expr,
        op: Op,
        le: &Expr,
        re: &Expr,
        mut l: Operand,
        mut r: Operand,
        x: &mut Operand,
    ) {
        // The shift count.
        if let Some(v) = &r.val {
            match v.as_int() {
                Some(n) if n < 0 => {
                    self.error_op(&r, format!("invalid operation: negative shift count {r}"));
                    return;
                }
                Some(_) => {}
                None => {
                    let msg = if r.ty.is_numeric() {
                        format!("{r} truncated to uint")
                    } else {
                        format!("invalid operation: shift count {r} must be integer")
                    };
                    self.error_op(&r, msg);
                    return;
                }
            }
            if r.ty.is_untyped() {
                self.convert_operand(&mut r, &Type::Basic(BasicKind::Uint), re);
                // The count's representation at run time is an int.
                self.update_expr_type(re, &Type::INT, None);
                r.ty = Type::INT;
            }
        } else if !r.ty.is_integer() {
            self.error_op(
                &r,
                format!("invalid operation: shift count {r} must be integer"),
            );
            return;
        }
        // The shifted operand.
        if l.ty.is_untyped() {
            match l.val.as_ref().and_then(ConstValue::as_int) {
                Some(i) if l.val.is_some() => {
                    l.val = Some(ConstValue::Int(i));
                    if l.ty != Type::Basic(BasicKind::UntypedRune) {
                        l.ty = Type::Basic(BasicKind::UntypedInt);
                    }
                }
                _ => {
                    self.error_op(
                        &l,
                        format!("invalid operation: shifted operand {l} must be integer"),
                    );
                    return;
                }
            }
        } else if !l.ty.is_integer() {
            self.error_op(
                &l,
                format!("invalid operation: shifted operand {l} must be integer"),
            );
            return;
        }
        if let (Some(a), Some(b)) = (&l.val, &r.val) {
            let (a, b) = (a.as_int().unwrap_or(0), b.as_int().unwrap_or(0));
            x.ty = l.ty.clone();
            x.mode = Mode::Constant;
            if b > 1023 {
                self.error_op(&r, format!("invalid shift count {}", r.expr));
                return;
            }
            x.val = if op == Op::Shl {
                if a == 0 {
                    Some(ConstValue::Int(0))
                } else if b >= 127 || (a.unsigned_abs().leading_zeros() as i128) <= b {
                    None
                } else {
                    Some(ConstValue::Int(a << b))
                }
            } else {
                Some(ConstValue::Int(if b >= 127 {
                    if a < 0 { -1 } else { 0 }
                } else {
                    a >> b
                }))
            };
            let pos = match &e.kind {
                ExprKind::Binary { op_pos, .. } => *op_pos,
                _ => e.span.start,
            };
            self.overflow(x, pos, "shift");
            return;
        }
        // Non-constant shift: an untyped constant operand takes its default type (int).
        if l.ty.is_untyped() {
            let t = l.ty.default_type();
            self.convert_operand(&mut l, &t, le);
        }
        self.default_operand(&mut r, re);
        x.mode = Mode::Value;
        x.ty = l.ty.clone();
    }

    /// `assignableTo`.
    pub(crate) fn assignable_to(&self, x: &Operand, t: &Type) -> bool {
        self.assignable_cause(x, t).is_ok()
    }
}

/// The kind of a type, for `operator < not defined on bool`-style messages.
pub(crate) fn kind_string(t: &Type) -> String {
    match t.underlying() {
        Type::Func(_) => "func".into(),
        Type::Interface | Type::Error | Type::Iface(_) => "interface".into(),
        Type::Basic(k) if k.is_boolean() => "bool".into(),
        Type::Struct(_) => "struct".into(),
        Type::Pointer(_) => "pointer".into(),
        Type::Slice(_) => "slice".into(),
        Type::Map(..) => "map".into(),
        Type::Array(..) => "array".into(),
        _ => t.to_string(),
    }
}

/// Constant arithmetic; `None` on overflow of the internal representation.
pub(crate) fn const_binary(
    op: Op,
    a: &ConstValue,
    b: &ConstValue,
    integer: bool,
) -> Option<ConstValue> {
    use ConstValue::*;
    Some(match (a, b) {
        (Int(x), Int(y)) => Int(match op {
            Op::Add => x.checked_add(*y)?,
            Op::Sub => x.checked_sub(*y)?,
            Op::Mul => x.checked_mul(*y)?,
            Op::Div if integer => x.checked_div(*y)?,
            Op::Div => return crate::constant::rat(*x, *y),
            Op::Rem => x.checked_rem(*y)?,
            Op::And => x & y,
            Op::Or => x | y,
            Op::Xor => x ^ y,
            Op::AndNot => x & !y,
            _ => return None,
        }),
        (String(x), String(y)) if op == Op::Add => {
            let mut s = x.clone();
            s.extend_from_slice(y);
            String(s)
        }
        (Bool(x), Bool(y)) => Bool(match op {
            Op::AndAnd => *x && *y,
            Op::OrOr => *x || *y,
            _ => return None,
        }),
        _ if !integer && a.as_rat().is_some() && b.as_rat().is_some() => {
            let ((an, ad), (bn, bd)) = (a.as_rat()?, b.as_rat()?);
            let exact = match op {
                Op::Add => an
                    .checked_mul(bd)
                    .zip(bn.checked_mul(ad))
                    .and_then(|(x, y)| x.checked_add(y))
                    .zip(ad.checked_mul(bd)),
                Op::Sub => an
                    .checked_mul(bd)
                    .zip(bn.checked_mul(ad))
                    .and_then(|(x, y)| x.checked_sub(y))
                    .zip(ad.checked_mul(bd)),
                Op::Mul => an.checked_mul(bn).zip(ad.checked_mul(bd)),
                Op::Div => an.checked_mul(bd).zip(ad.checked_mul(bn)),
                _ => None,
            };
            match exact.and_then(|(n, d)| crate::constant::rat(n, d)) {
                Some(v) => v,
                None => {
                    let (x, y) = (a.as_f64()?, b.as_f64()?);
                    Float(match op {
                        Op::Add => x + y,
                        Op::Sub => x - y,
                        Op::Mul => x * y,
                        Op::Div => x / y,
                        _ => return None,
                    })
                }
            }
        }
        _ => {
            let (x, y) = (a.as_f64()?, b.as_f64()?);
            Float(match op {
                Op::Add => x + y,
                Op::Sub => x - y,
                Op::Mul => x * y,
                Op::Div => x / y,
                _ => return None,
            })
        }
    })
}

pub(crate) fn const_compare(op: Op, a: &ConstValue, b: &ConstValue) -> Option<bool> {
    use std::cmp::Ordering;
    let ord = match (a, b) {
        (ConstValue::Int(x), ConstValue::Int(y)) => x.cmp(y),
        (ConstValue::String(x), ConstValue::String(y)) => x.cmp(y),
        (ConstValue::Rat(..), _) | (_, ConstValue::Rat(..))
            if a.as_rat().is_some() && b.as_rat().is_some() =>
        {
            let ((an, ad), (bn, bd)) = (a.as_rat()?, b.as_rat()?);
            match (an.checked_mul(bd), bn.checked_mul(ad)) {
                (Some(x), Some(y)) => x.cmp(&y),
                _ => a.as_f64()?.partial_cmp(&b.as_f64()?)?,
            }
        }
        (ConstValue::Bool(x), ConstValue::Bool(y)) => {
            return match op {
                Op::Eql => Some(x == y),
                Op::Neq => Some(x != y),
                _ => None,
            };
        }
        _ => a.as_f64()?.partial_cmp(&b.as_f64()?)?,
    };
    Some(match op {
        Op::Eql => ord == Ordering::Equal,
        Op::Neq => ord != Ordering::Equal,
        Op::Lss => ord == Ordering::Less,
        Op::Leq => ord != Ordering::Greater,
        Op::Gtr => ord == Ordering::Greater,
        Op::Geq => ord != Ordering::Less,
        _ => return None,
    })
}
