//! Assignments and declarations: `=`, `:=`, `var`, `const` and `return`, with Go's count and
//! assignability messages (`types2/assignments.go`, `decl.go`, `stmt.go` for returns).

use super::operand::{Mode, Operand};
use super::{Checker, ObjId, ObjKind, TypeAndValue};
use crate::ast::*;
use crate::constant::ConstValue;
use crate::types::{BasicKind, Type};

impl Checker<'_> {
    /// Evaluates the left-hand side of a plain assignment: returns its type, or None.
    pub(crate) fn lhs_var(&mut self, lhs: &Expr) -> Option<Type> {
        if let ExprKind::Name(name) = &lhs.kind {
            if name == "_" {
                self.record(
                    lhs.id,
                    TypeAndValue {
                        mode: Mode::Variable,
                        ty: Type::Invalid,
                        val: None,
                    },
                );
                return Some(Type::Invalid);
            }
            // Assignment alone does not count as a use.
            if let Some(obj) = self.lookup(name)
                && let ObjKind::Var { .. } = self.obj(obj).kind
            {
                let used = self.obj(obj).used;
                let x = self.expr(lhs);
                self.obj_mut(obj).used = used;
                return if x.is_invalid() { None } else { Some(x.ty) };
            }
        }
        let x = self.expr(lhs);
        if x.is_invalid() {
            return None;
        }
        if x.mode != Mode::Variable && x.mode != Mode::MapIndex {
            let msg = format!(
                "cannot assign to {} (neither addressable nor a map index expression)",
                x.expr
            );
            self.error(lhs.span, msg);
            return None;
        }
        Some(x.ty)
    }

    /// Evaluates right-hand sides for `nlhs` targets (`initVars`/`assignVars`): a single call
    /// may provide several values. Returns None after reporting a count mismatch.
    pub(crate) fn rhs_operands(
        &mut self,
        nlhs: usize,
        rhs: &[Expr],
        _at: Span,
        _is_decl: bool,
    ) -> Option<Vec<Operand>> {
        let is_call = rhs.len() == 1 && matches!(rhs[0].unparen().kind, ExprKind::Call { .. });
        if nlhs == rhs.len() && !is_call {
            let ops: Vec<Operand> = rhs.iter().map(|r| self.expr(r)).collect();
            return Some(ops);
        }
        if rhs.len() != 1 {
            let ops: Vec<Operand> = rhs.iter().map(|r| self.expr(r)).collect();
            if ops.iter().all(|o| !o.is_invalid()) {
                self.assign_error(rhs, nlhs, rhs.len());
            }
            return None;
        }
        let x = self.raw_expr(&rhs[0]);
        if x.is_invalid() {
            return None;
        }
        if nlhs == 2 && matches!(x.mode, Mode::MapIndex | Mode::CommaOk) {
            self.info.comma_ok.insert(rhs[0].unparen().id);
            let ok = Operand {
                mode: Mode::Value,
                ty: Type::Basic(BasicKind::UntypedBool),
                val: None,
                id: x.id,
                expr: x.expr.clone(),
            };
            return Some(vec![x, ok]);
        }
        let ops: Vec<Operand> = match (&x.mode, &x.ty) {
            (Mode::Value, Type::Tuple(ts)) => ts
                .iter()
                .map(|t| Operand {
                    mode: Mode::Value,
                    ty: t.clone(),
                    val: None,
                    id: x.id,
                    expr: x.expr.clone(),
                })
                .collect(),
            _ => {
                let x = self.single_value(x);
                if x.is_invalid() {
                    return None;
                }
                vec![x]
            }
        };
        if ops.len() == nlhs {
            return Some(ops);
        }
        self.assign_error(rhs, nlhs, ops.len());
        None
    }

    /// `assignment mismatch: 2 variables but f returns 1 value`, at the first right-hand side.
    pub(crate) fn assign_error(&mut self, rhs: &[Expr], l: usize, r: usize) {
        let Some(rhs0) = rhs.first() else { return };
        if rhs.len() == 1
            && let ExprKind::Call { fun, .. } = &rhs0.unparen().kind
        {
            let f = self.es(fun);
            self.error(
                rhs0.span,
                format!(
                    "assignment mismatch: {} but {f} returns {}",
                    vars(l),
                    values(r)
                ),
            );
            return;
        }
        self.error(
            rhs0.span,
            format!("assignment mismatch: {} but {}", vars(l), values(r)),
        );
    }

    pub(crate) fn assign_vars(&mut self, lhs: &[Expr], rhs: &[Expr], s: &Stmt) {
        let at = match &s.kind {
            StmtKind::Assign { pos, .. } => Span::new(*pos, *pos + 1),
            _ => s.span,
        };
        let mut ltypes = Vec::new();
        for l in lhs {
            ltypes.push(self.lhs_var(l));
        }
        let Some(mut ops) =
            self.rhs_operands(lhs.len(), rhs, lhs.first().map_or(at, |l| l.span), false)
        else {
            // Errors: the variables count as used to avoid follow-up errors.
            self.mark_used(lhs);
            return;
        };
        for (i, op) in ops.iter_mut().enumerate() {
            let e = &rhs[i.min(rhs.len() - 1)];
            match &ltypes[i] {
                Some(Type::Invalid) => {
                    // Blank identifier: untyped values take their default type.
                    if op.ty == Type::Basic(BasicKind::UntypedNil) {
                        self.error_op(op, "use of untyped nil in assignment".into());
                    } else {
                        self.default_operand(op, e);
                    }
                }
                Some(t) => {
                    let t = t.clone();
                    self.assignment(op, &t, "assignment", e);
                }
                None => {}
            }
        }
    }

    pub(crate) fn mark_used(&mut self, lhs: &[Expr]) {
        for l in lhs {
            if let ExprKind::Name(n) = &l.kind
                && let Some(o) = self.lookup(n)
            {
                self.obj_mut(o).used = true;
            }
        }
    }

    pub(crate) fn short_var_decl(
        &mut self,
        lhs: &[Expr],
        rhs: &[Expr],
        pos: u32,
        pending: &mut Vec<ObjId>,
    ) {
        // Determine which names are new.
        let mut new_vars: Vec<Option<(Ident, ObjId)>> = Vec::new();
        let mut any_new = false;
        let mut bad = false;
        let mut seen: Vec<String> = Vec::new();
        for l in lhs {
            let ExprKind::Name(name) = &l.kind else {
                self.raw_expr(l);
                self.error(
                    l.span,
                    format!("non-name {} on left side of :=", self.es(l)),
                );
                bad = true;
                new_vars.push(None);
                continue;
            };
            if seen.contains(name) && name != "_" {
                self.error(l.span, format!("{name} repeated on left side of :="));
                bad = true;
                new_vars.push(None);
                continue;
            }
            seen.push(name.clone());
            let existing = self
                .scopes
                .last()
                .and_then(|s| s.names.get(name.as_str()).copied());
            match existing {
                Some(obj) => {
                    self.record_obj(l.id, obj);
                    new_vars.push(None);
                }
                None => {
                    if name != "_" {
                        any_new = true;
                    }
                    let ident = Ident {
                        id: l.id,
                        name: name.clone(),
                        span: l.span,
                    };
                    let obj = self.new_object(
                        name,
                        ObjKind::Var {
                            global: None,
                            param: false,
                        },
                        Type::Invalid,
                        l.span.start,
                    );
                    new_vars.push(Some((ident, obj)));
                }
            }
        }
        if !any_new && !bad {
            self.error_at(pos, "no new variables on left side of :=");
        }
        // Right-hand sides are evaluated before the new variables are in scope.
        let ops = self.rhs_operands(
            lhs.len(),
            rhs,
            lhs.first().map_or(Span::new(pos, pos), |l| l.span),
            true,
        );
        for (i, l) in lhs.iter().enumerate() {
            let Some(op) = ops.as_ref().and_then(|o| o.get(i)).cloned() else {
                if let Some((_, obj)) = &new_vars[i] {
                    self.obj_mut(*obj).used = true;
                }
                continue;
            };
            let mut op = op;
            let e = &rhs[i.min(rhs.len() - 1)];
            match &new_vars[i] {
                Some((_, obj)) => {
                    if op.ty == Type::Basic(BasicKind::UntypedNil) {
                        self.error_op(&op, "use of untyped nil in assignment".into());
                        self.obj_mut(*obj).used = true;
                        continue;
                    }
                    if op.ty.is_untyped() {
                        let d = op.ty.default_type();
                        self.assignment(&mut op, &d, "assignment", e);
                    }
                    let t = if op.is_invalid() {
                        Type::Invalid
                    } else {
                        op.ty.clone()
                    };
                    if t.is_invalid() {
                        self.obj_mut(*obj).used = true;
                    }
                    self.obj_mut(*obj).ty = t.clone();
                    self.record(
                        l.id,
                        TypeAndValue {
                            mode: Mode::Variable,
                            ty: t,
                            val: None,
                        },
                    );
                }
                None => {
                    if let ExprKind::Name(name) = &l.kind {
                        if name == "_" {
                            self.default_operand(&mut op, e);
                            continue;
                        }
                        if let Some(obj) = self.lookup(name) {
                            let t = self.obj(obj).ty.clone();
                            self.record(
                                l.id,
                                TypeAndValue {
                                    mode: Mode::Variable,
                                    ty: t.clone(),
                                    val: None,
                                },
                            );
                            self.assignment(&mut op, &t, "assignment", e);
                        }
                    }
                }
            }
        }
        for (ident, obj) in new_vars.into_iter().flatten() {
            self.declare(&ident, obj);
        }
        let _ = pending;
    }

    /// `var` declarations (package-level when `global`).
    pub(crate) fn var_spec(&mut self, spec: &ValueSpec, global: bool) {
        let ty = spec.ty.as_ref().map(|t| self.type_expr(t));
        let n = spec.names.len();
        let mut types: Vec<Type> = vec![ty.clone().unwrap_or(Type::Invalid); n];
        if !spec.values.is_empty() {
            let at = spec.names.first().map_or(spec.span, |n| n.span);
            let single = if n == 1 && spec.values.len() == 1 {
                let x = self.expr(&spec.values[0]);
                if x.is_invalid() { None } else { Some(vec![x]) }
            } else {
                self.rhs_operands(n, &spec.values, at, true)
            };
            if let Some(mut ops) = single {
                for (i, op) in ops.iter_mut().enumerate() {
                    let e = &spec.values[i.min(spec.values.len() - 1)];
                    match &ty {
                        Some(t) => {
                            self.assignment(op, t, "variable declaration", e);
                        }
                        None => {
                            if op.ty == Type::Basic(BasicKind::UntypedNil) {
                                self.error_op(
                                    op,
                                    "use of untyped nil in variable declaration".into(),
                                );
                                op.mode = Mode::Invalid;
                            } else if op.ty.is_untyped() {
                                let d = op.ty.default_type();
                                self.assignment(op, &d, "variable declaration", e);
                            }
                            types[i] = if op.is_invalid() {
                                Type::Invalid
                            } else {
                                op.ty.clone()
                            };
                        }
                    }
                }
            }
        }
        for (i, name) in spec.names.iter().enumerate() {
            if global {
                if let Some(obj) = self.info.obj_of(name.id) {
                    self.obj_mut(obj).ty = types[i].clone();
                    if types[i].is_invalid() {
                        self.obj_mut(obj).used = true;
                    }
                }
                continue;
            }
            let obj = self.new_object(
                &name.name,
                ObjKind::Var {
                    global: None,
                    param: false,
                },
                types[i].clone(),
                name.span.start,
            );
            if types[i].is_invalid() {
                self.obj_mut(obj).used = true;
            }
            self.declare(name, obj);
        }
        for name in &spec.names {
            if let Some(obj) = self.info.obj_of(name.id) {
                let t = self.obj(obj).ty.clone();
                self.record(
                    name.id,
                    TypeAndValue {
                        mode: Mode::Variable,
                        ty: t,
                        val: None,
                    },
                );
            }
        }
    }

    /// `const` declarations.
    pub(crate) fn const_spec(&mut self, spec: &ValueSpec, global: bool) {
        let saved = self.iota.replace(spec.iota);
        let ty = spec.ty.as_ref().map(|t| self.type_expr(t));
        let n = spec.names.len();
        let mut vals: Vec<Option<(Type, ConstValue)>> = vec![None; n];
        if spec.values.is_empty() {
            if let Some(name) = spec.names.first() {
                self.error(name.span, "missing init expr for const declaration");
            }
        } else if spec.values.len() != n {
            for v in &spec.values {
                self.raw_expr(v);
            }
            let at = spec.names.first().map_or(spec.span, |n| n.span);
            let msg = if spec.values.len() < n {
                "missing init expr for const declaration"
            } else {
                "extra init expr"
            };
            self.error(at, msg);
        } else {
            for (i, v) in spec.values.iter().enumerate() {
                let mut x = self.expr(v);
                if x.is_invalid() {
                    continue;
                }
                if x.mode != Mode::Constant {
                    self.error_op(&x, format!("{x} is not constant"));
                    continue;
                }
                if let Some(t) = &ty {
                    self.assignment(&mut x, t, "constant declaration", v);
                    if x.is_invalid() {
                        continue;
                    }
                }
                if let Some(val) = x.val.clone() {
                    vals[i] = Some((x.ty.clone(), val));
                }
            }
        }
        self.iota = saved;
        for (i, name) in spec.names.iter().enumerate() {
            let (t, v) = vals[i]
                .clone()
                .unwrap_or((Type::Invalid, ConstValue::Int(0)));
            if global {
                if let Some(obj) = self.info.obj_of(name.id) {
                    let o = self.obj_mut(obj);
                    o.ty = t;
                    o.kind = ObjKind::Const(v);
                }
                continue;
            }
            let obj = self.new_object(&name.name, ObjKind::Const(v), t, name.span.start);
            self.declare(name, obj);
        }
    }

    pub(crate) fn return_stmt(&mut self, s: &Stmt, results: &[Expr]) {
        let Some(ctx) = self.func.clone() else { return };
        let want = &ctx.sig.results;
        if results.is_empty() {
            if !want.is_empty() && want[0].0.is_none() {
                let w =
                    super::call::types_summary(want.iter().map(|r| r.1.clone()).collect(), false);
                self.error(
                    s.span,
                    format!("not enough return values\n\thave ()\n\twant {w}"),
                );
            }
            for r in &ctx.results {
                self.obj_mut(*r).used = true;
            }
            return;
        }
        let ops = if results.len() == 1 && want.len() != 1 {
            let x = self.raw_expr(&results[0]);
            if x.is_invalid() {
                return;
            }
            match (&x.mode, &x.ty) {
                (Mode::Value, Type::Tuple(ts)) => ts
                    .iter()
                    .map(|t| Operand {
                        mode: Mode::Value,
                        ty: t.clone(),
                        val: None,
                        id: x.id,
                        expr: x.expr.clone(),
                    })
                    .collect(),
                _ => {
                    let x = self.single_value(x);
                    if x.is_invalid() {
                        return;
                    }
                    vec![x]
                }
            }
        } else {
            let ops: Vec<Operand> = results.iter().map(|r| self.expr(r)).collect();
            if ops.iter().any(|o| o.is_invalid()) {
                return;
            }
            ops
        };
        if ops.len() != want.len() {
            let have =
                super::call::types_summary(ops.iter().map(|o| o.ty.clone()).collect(), false);
            let w = super::call::types_summary(want.iter().map(|r| r.1.clone()).collect(), false);
            let (q, at) = if ops.len() > want.len() {
                ("too many", self.span_of(ops[want.len()].id))
            } else {
                ("not enough", self.span_of(ops[ops.len() - 1].id))
            };
            self.error(at, format!("{q} return values\n\thave {have}\n\twant {w}"));
            return;
        }
        for (i, mut op) in ops.into_iter().enumerate() {
            let e = &results[i.min(results.len() - 1)];
            self.assignment(&mut op, &want[i].1, "return statement", e);
        }
    }
}

fn vars(n: usize) -> String {
    if n == 1 {
        "1 variable".into()
    } else {
        format!("{n} variables")
    }
}

fn values(n: usize) -> String {
    if n == 1 {
        "1 value".into()
    } else {
        format!("{n} values")
    }
}
