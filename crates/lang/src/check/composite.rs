//! Expressions over composite types: selectors (fields and methods, through embedded fields
//! and automatic dereference), index and slice expressions, `&x` and `*p`, composite literals,
//! function literals and type assertions (`types2/selection.go`, `index.go`, `expr.go`
//! `exprInternal` for `CompositeLit`/`FuncLit`/`AssertExpr`/`StarExpr`).

use super::operand::{Mode, Operand};
use super::typexpr::Selection;
use super::{Checker, LitInfo, ObjKind};
use crate::ast::*;
use crate::constant::ConstValue;
use crate::types::{BasicKind, Type};
use std::rc::Rc;

impl Checker<'_> {
    /// `x.sel` on a value or a type (a method expression, see `method_value`).
    pub(crate) fn value_selector(&mut self, e: &Expr, b: Operand, sel: &Ident, x: &mut Operand) {
        if b.mode == Mode::TypeExpr {
            self.method_expr(e, b, sel, x);
            return;
        }
        let found = match self.lookup_selection(&b.ty, &sel.name) {
            Ok(found) => found,
            Err(_) => {
                self.error(
                    sel.span,
                    format!("ambiguous selector {}.{}", b.expr, sel.name),
                );
                return;
            }
        };
        let Some(found) = found else {
            if self.promoted_pkg_method(e, &b, sel, x) {
                return;
            }
            let what = if b.ty.is_interface() && !matches!(b.ty.underlying(), Type::Pointer(_)) {
                "method"
            } else if let Type::Pointer(inner) = b.ty.underlying()
                && inner.is_interface()
            {
                self.error(
                    sel.span,
                    format!(
                        "{}.{} undefined (type {} is pointer to interface, not interface)",
                        b.expr, sel.name, b.ty
                    ),
                );
                return;
            } else {
                "field or method"
            };
            self.error(
                sel.span,
                format!(
                    "{}.{} undefined (type {} has no {what} {})",
                    b.expr, sel.name, b.ty, sel.name
                ),
            );
            return;
        };
        match &found {
            Selection::Field { ty, path } => {
                // Addressable if the base is, or if any step dereferences a pointer.
                let through_ptr = matches!(b.ty.underlying(), Type::Pointer(_))
                    || self.path_has_pointer(&b.ty, path);
                x.mode = if b.mode == Mode::Variable || through_ptr {
                    Mode::Variable
                } else {
                    Mode::Value
                };
                x.ty = ty.clone();
            }
            Selection::Method { method, .. } => {
                let is_ptr = matches!(b.ty.underlying(), Type::Pointer(_))
                    || self.embeds_pointer(&b.ty, found.path());
                if method.ptr_recv && !is_ptr && b.mode != Mode::Variable {
                    self.error(
                        e.span,
                        format!("cannot call pointer method {} on {}", sel.name, b.ty),
                    );
                    return;
                }
                x.mode = Mode::Value;
                x.ty = Type::Func(method.sig.clone());
            }
            Selection::IfaceMethod { sig, .. } => {
                x.mode = Mode::Value;
                x.ty = Type::Func(sig.clone());
            }
        }
        self.info.selections.insert(e.id, found);
    }

    /// Does following embedded-field `path` from a value of type `t` go through a pointer?
    fn path_has_pointer(&self, t: &Type, path: &[u32]) -> bool {
        let mut cur = t.clone();
        for (i, idx) in path.iter().enumerate() {
            let s = match cur.underlying() {
                Type::Pointer(e) => {
                    if i > 0 {
                        return true;
                    }
                    e.underlying()
                }
                u => u,
            };
            let Type::Struct(fs) = s else { return false };
            let Some(f) = fs.get(*idx as usize) else {
                return false;
            };
            cur = f.ty.clone();
            if i + 1 < path.len() && matches!(cur.underlying(), Type::Pointer(_)) {
                return true;
            }
        }
        false
    }

    /// `x[i]` on strings, slices, arrays, pointers to arrays and maps.
    pub(crate) fn index_expr(&mut self, e: &Expr, base: &Expr, index: &Expr, x: &mut Operand) {
        let b = self.expr(base);
        if b.is_invalid() {
            self.expr(index);
            return;
        }
        let u = b.ty.underlying();
        if let Type::Map(k, v) = &u {
            let mut i = self.expr(index);
            if i.is_invalid() {
                return;
            }
            self.assignment(&mut i, k, "map index", index);
            if i.is_invalid() {
                return;
            }
            x.mode = Mode::MapIndex;
            x.ty = (**v).clone();
            return;
        }
        let (len, elem, mode) = match &u {
            Type::Basic(k) if k.is_string() => {
                let n = match &b.val {
                    Some(ConstValue::String(s)) => Some(s.len() as i128),
                    _ => None,
                };
                (n, Type::Basic(BasicKind::Uint8), Mode::Value)
            }
            Type::Slice(el) => (None, (**el).clone(), Mode::Variable),
            Type::Array(n, el) => (Some(*n as i128), (**el).clone(), b.mode),
            Type::Pointer(p) => match p.underlying() {
                Type::Array(n, el) => (Some(n as i128), (*el).clone(), Mode::Variable),
                _ => {
                    self.expr(index);
                    self.error(e.span, format!("invalid operation: cannot index {b}"));
                    return;
                }
            },
            _ => {
                self.expr(index);
                self.error(e.span, format!("invalid operation: cannot index {b}"));
                return;
            }
        };
        let mut i = self.expr(index);
        if i.is_invalid() || !self.index_value(&mut i, index) {
            return;
        }
        if let (Some(ConstValue::Int(n)), Some(len)) = (&i.val, len)
            && *n >= len
        {
            self.error_op(
                &i,
                format!("invalid argument: index {} out of bounds [0:{len}]", i.expr),
            );
            return;
        }
        if b.ty.is_untyped() {
            self.convert_untyped(&b, &Type::STRING, base);
        }
        x.mode = if mode == Mode::Variable {
            Mode::Variable
        } else {
            Mode::Value
        };
        x.ty = elem;
    }

    /// `x[lo:hi:max]`.
    pub(crate) fn slice_expr(&mut self, e: &Expr, x: &mut Operand) {
        let ExprKind::Slice {
            x: base,
            lo,
            hi,
            max,
        } = &e.kind
        else {
            return;
        };
        let mut b = self.expr(base);
        let bounds = [lo, hi, max];
        if b.is_invalid() {
            for i in bounds.into_iter().flatten() {
                self.expr(i);
            }
            return;
        }
        let u = b.ty.underlying();
        let (len, result) = match &u {
            Type::Basic(k) if k.is_string() => {
                if max.is_some() {
                    self.error(e.span, "invalid operation: 3-index slice of string");
                    return;
                }
                let n = match &b.val {
                    Some(ConstValue::String(s)) => Some(s.len() as i128),
                    _ => None,
                };
                if b.ty.is_untyped() {
                    self.convert_operand(&mut b, &Type::STRING, base);
                    (n, Type::STRING)
                } else {
                    (n, b.ty.clone())
                }
            }
            Type::Slice(_) => (None, b.ty.clone()),
            Type::Array(n, el) => {
                if b.mode != Mode::Variable {
                    self.error(
                        e.span,
                        format!(
                            "invalid operation: {} (slice of unaddressable value)",
                            self.es(e)
                        ),
                    );
                    return;
                }
                (Some(*n as i128), Type::Slice(el.clone()))
            }
            Type::Pointer(p) => match p.underlying() {
                Type::Array(n, el) => (Some(n as i128), Type::Slice(el.clone())),
                _ => {
                    self.error(e.span, format!("cannot slice {b}"));
                    return;
                }
            },
            _ => {
                self.error(e.span, format!("cannot slice {b}"));
                return;
            }
        };
        let mut consts: Vec<i128> = Vec::new();
        for i in bounds.into_iter().flatten() {
            let mut o = self.expr(i);
            if o.is_invalid() || !self.index_value(&mut o, i) {
                return;
            }
            if let Some(ConstValue::Int(v)) = o.val {
                if let Some(len) = len
                    && v > len
                {
                    self.error_op(
                        &o,
                        format!(
                            "invalid argument: index {} out of bounds [0:{}]",
                            o.expr,
                            len + 1
                        ),
                    );
                    return;
                }
                if let Some(prev) = consts.last()
                    && v < *prev
                {
                    self.error_op(&o, format!("invalid slice indices: {v} < {prev}"));
                    return;
                }
                consts.push(v);
            }
        }
        x.mode = Mode::Value;
        x.ty = result;
    }

    /// `&x`.
    pub(crate) fn address_of(&mut self, e: &Expr, inner: &Expr, x: &mut Operand) {
        if let ExprKind::CompositeLit { .. } = &inner.unparen().kind {
            let y = self.expr(inner);
            if y.is_invalid() {
                return;
            }
            x.mode = Mode::Value;
            x.ty = Type::Pointer(Rc::new(y.ty));
            return;
        }
        let y = self.expr(inner);
        if y.is_invalid() {
            return;
        }
        if y.mode != Mode::Variable {
            self.error(
                e.span,
                format!("invalid operation: cannot take address of {y}"),
            );
            return;
        }
        x.mode = Mode::Value;
        x.ty = Type::Pointer(Rc::new(y.ty));
    }

    /// `*x`: a dereference, or a pointer type.
    pub(crate) fn star(&mut self, e: &Expr, inner: &Expr, x: &mut Operand) {
        let y = self.raw_expr(inner);
        if y.is_invalid() {
            return;
        }
        if y.mode == Mode::TypeExpr {
            x.mode = Mode::TypeExpr;
            x.ty = Type::Pointer(Rc::new(y.ty));
            return;
        }
        let y = self.single_value(y);
        if y.is_invalid() {
            return;
        }
        if y.ty == Type::Basic(BasicKind::UntypedNil) {
            self.error(e.span, "invalid operation: cannot indirect nil");
            return;
        }
        let Type::Pointer(t) = y.ty.underlying() else {
            self.error(e.span, format!("invalid operation: cannot indirect {y}"));
            return;
        };
        x.mode = Mode::Variable;
        x.ty = (*t).clone();
    }

    /// `T{...}` (the type may be elided inside another literal: `hint`).
    pub(crate) fn composite_lit(&mut self, e: &Expr, hint: Option<&Type>, x: &mut Operand) {
        let ExprKind::CompositeLit { ty, elems, rbrace } = &e.kind else {
            return;
        };
        let t = match (ty, hint) {
            (Some(te), _) => {
                if let ExprKind::ArrayType { len: Some(l), elem } = &te.kind
                    && matches!(l.kind, ExprKind::Dots(_) | ExprKind::Bad)
                {
                    // `[...]T{...}`: the length is the number of elements.
                    let et = self.type_expr(elem);
                    Type::Array(elems.len() as u64, Rc::new(et))
                } else {
                    self.type_expr(te)
                }
            }
            (None, Some(h)) => match h.underlying() {
                Type::Pointer(p) => (*p).clone(),
                _ => h.clone(),
            },
            (None, None) => {
                self.error(e.span, "invalid composite literal type: missing type");
                return;
            }
        };
        if t.is_invalid() {
            for el in elems {
                self.lit_elem_value(el, None);
            }
            return;
        }
        match t.underlying() {
            Type::Struct(fields) => {
                if elems.is_empty() {
                } else if elems
                    .iter()
                    .all(|el| matches!(el.kind, ExprKind::KeyValue(..)))
                {
                    let mut seen: Vec<String> = Vec::new();
                    for el in elems {
                        let ExprKind::KeyValue(k, v) = &el.kind else {
                            continue;
                        };
                        let ExprKind::Name(name) = &k.kind else {
                            self.error(
                                k.span,
                                format!("invalid field name {} in struct literal", self.es(k)),
                            );
                            self.lit_elem_value(v, None);
                            continue;
                        };
                        let Some(fi) = fields.iter().position(|f| &f.name == name) else {
                            self.error(
                                k.span,
                                format!("unknown field {name} in struct literal of type {t}"),
                            );
                            self.lit_elem_value(v, None);
                            continue;
                        };
                        if seen.contains(name) {
                            self.error(
                                k.span,
                                format!("duplicate field name {name} in struct literal"),
                            );
                        }
                        seen.push(name.clone());
                        let ft = fields[fi].ty.clone();
                        self.lit_elem_assign(v, &ft, "struct literal");
                    }
                } else {
                    for (i, el) in elems.iter().enumerate() {
                        if let ExprKind::KeyValue(k, v) = &el.kind {
                            self.error(
                                k.span,
                                "mixture of field:value and value elements in struct literal",
                            );
                            self.lit_elem_value(v, None);
                            continue;
                        }
                        let Some(f) = fields.get(i) else {
                            self.error(
                                el.span,
                                format!("too many values in struct literal of type {t}"),
                            );
                            break;
                        };
                        let ft = f.ty.clone();
                        self.lit_elem_assign(el, &ft, "struct literal");
                    }
                    if elems.len() < fields.len()
                        && !elems
                            .iter()
                            .any(|el| matches!(el.kind, ExprKind::KeyValue(..)))
                    {
                        self.error_at(
                            *rbrace,
                            format!("too few values in struct literal of type {t}"),
                        );
                    }
                }
            }
            Type::Array(n, el) => {
                self.indexed_elems(elems, &el, Some(n as i128), "array or slice literal");
            }
            Type::Slice(el) => {
                self.indexed_elems(elems, &el, None, "array or slice literal");
            }
            Type::Map(k, v) => {
                for el in elems {
                    let ExprKind::KeyValue(ke, ve) = &el.kind else {
                        self.error(el.span, "missing key in map literal");
                        self.lit_elem_value(el, None);
                        continue;
                    };
                    self.lit_elem_assign(ke, &k, "map literal");
                    self.lit_elem_assign(ve, &v, "map literal");
                }
            }
            _ => {
                self.error(e.span, format!("invalid composite literal type {t}"));
                return;
            }
        }
        x.mode = Mode::Value;
        x.ty = t;
    }

    fn indexed_elems(&mut self, elems: &[Expr], el: &Type, len: Option<i128>, ctx: &str) {
        let mut idx: i128 = 0;
        for e in elems {
            let v = if let ExprKind::KeyValue(k, v) = &e.kind {
                let mut ko = self.expr(k);
                if !ko.is_invalid() && self.index_value(&mut ko, k) {
                    match ko.val {
                        Some(ConstValue::Int(n)) => idx = n,
                        _ => self
                            .error_op(&ko, format!("index {} must be integer constant", ko.expr)),
                    }
                }
                v.as_ref()
            } else {
                e
            };
            if let Some(n) = len
                && idx >= n
            {
                self.error(v.span, format!("index {idx} out of bounds [0:{n}]"));
            }
            self.lit_elem_assign(v, el, ctx);
            idx += 1;
        }
    }

    /// An element of a composite literal: nested literals may omit their type.
    fn lit_elem_assign(&mut self, v: &Expr, t: &Type, ctx: &str) {
        if let Some(mut y) = self.lit_elem_value(v, Some(t)) {
            self.assignment(&mut y, t, ctx, v);
        }
    }

    fn lit_elem_value(&mut self, v: &Expr, hint: Option<&Type>) -> Option<Operand> {
        if let (ExprKind::CompositeLit { ty: None, .. }, Some(h)) = (&v.kind, hint) {
            let mut x = Operand::invalid(v.id, self.es(v));
            if let Some(slot) = self.spans.get_mut(v.id.0 as usize) {
                *slot = v.span;
            }
            self.composite_lit(v, Some(h), &mut x);
            if matches!(h.underlying(), Type::Pointer(_)) && !x.is_invalid() {
                x.ty = h.clone();
            }
            self.finish(v, &x);
            return (!x.is_invalid()).then_some(x);
        }
        if let (
            ExprKind::Unary {
                op: crate::token::Op::And,
                x: inner,
            },
            Some(h),
        ) = (&v.kind, hint)
            && let ExprKind::CompositeLit { ty: None, .. } = &inner.kind
        {
            let _ = h;
        }
        let y = self.expr(v);
        (!y.is_invalid()).then_some(y)
    }

    /// `func(params) results { body }`.
    pub(crate) fn func_lit(&mut self, e: &Expr, ft: &FuncType, body: &Block, x: &mut Operand) {
        let sig = self.signature(ft);
        // The literal's body is checked in its own function context, inside the current scopes.
        let (params, results) = self.func_body(ft, &sig, body);
        self.info.lits.insert(
            e.id,
            LitInfo {
                sig: sig.clone(),
                params,
                results,
            },
        );
        x.mode = Mode::Value;
        x.ty = Type::Func(sig);
    }

    /// `x.(T)`.
    pub(crate) fn type_assert(
        &mut self,
        e: &Expr,
        inner: &Expr,
        t: Option<&Expr>,
        x: &mut Operand,
    ) {
        let y = self.expr(inner);
        let Some(te) = t else {
            self.error(
                e.span,
                "invalid syntax tree: use of .(type) outside type switch",
            );
            return;
        };
        let t = self.type_expr(te);
        if y.is_invalid() || t.is_invalid() {
            return;
        }
        if !y.ty.is_interface() {
            self.error_op(
                &y,
                format!("invalid operation: {} is not an interface", y.expr),
            );
            return;
        }
        self.check_assertable(&y.ty, &t, te.span, &y.expr);
        x.mode = Mode::CommaOk;
        x.ty = t;
    }

    /// A concrete type in an assertion or type switch must implement the interface.
    pub(crate) fn check_assertable(&mut self, iface: &Type, t: &Type, span: Span, what: &str) {
        if t.is_interface() {
            return;
        }
        if let Some(why) = self.missing_method(t, iface) {
            let s = self.not_implements(t, iface, why);
            let reason = s
                .split_once(" does not implement ")
                .map_or(s.clone(), |(_, r)| {
                    r.split_once(' ')
                        .map_or(r.to_string(), |(_, r)| r.to_string())
                });
            self.error(
                span,
                format!("impossible type assertion: {what}.({t})\n\t{t} does not implement {iface} {reason}"),
            );
        }
    }

    /// Is `obj` a type name (for conversions like `Celsius(x)` written as calls)?
    pub(crate) fn is_type_name(&self, e: &Expr) -> bool {
        matches!(&e.kind, ExprKind::Name(_))
            && self
                .info
                .obj_of(e.id)
                .is_some_and(|o| matches!(self.obj(o).kind, ObjKind::TypeName))
    }
}
