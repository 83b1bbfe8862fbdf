//! Statements and declarations inside function bodies (`types2/stmt.go`, `assignments.go`,
//! `decl.go`, `return.go`).

use super::operand::{Mode, Operand};
use super::{Checker, ObjId, ObjKind};
use crate::ast::*;
use crate::token::Op;
use crate::types::Type;

impl<'a> Checker<'a> {
    pub(crate) fn stmt_list(&mut self, stmts: &[Stmt], pending: &mut Vec<ObjId>) {
        for s in stmts {
            if self.rep.stopped {
                return;
            }
            self.stmt(s, pending);
        }
    }

    pub(crate) fn block(&mut self, b: &Block, pending: &mut Vec<ObjId>) {
        self.open_scope(false);
        self.stmt_list(&b.stmts, pending);
        self.close_scope(pending);
    }

    pub(crate) fn stmt(&mut self, s: &Stmt, pending: &mut Vec<ObjId>) {
        match &s.kind {
            StmtKind::Empty => {}
            StmtKind::Expr(e) => {
                let x = self.raw_expr(e);
                if x.is_invalid() {
                    return;
                }
                if let ExprKind::Unary {
                    op: crate::token::Op::Recv,
                    ..
                } = e.unparen().kind
                {
                    // A receive may stand alone as a statement.
                    return;
                }
                let is_call = matches!(e.unparen().kind, ExprKind::Call { .. });
                if x.mode == Mode::NoValue
                    || (is_call && !matches!(x.mode, Mode::TypeExpr | Mode::Constant))
                {
                    // Calls of functions and of statement built-ins may be used as statements.
                    if is_call
                        && let ExprKind::Call { fun, .. } = &e.unparen().kind
                        && let Some(o) = self.info.obj_of(fun.id)
                        && let ObjKind::Builtin(b) = self.obj(o).kind
                        && x.mode != Mode::NoValue
                        // The spec lets `copy` and `recover` stand alone as statements.
                        && !matches!(b, super::Builtin::Copy | super::Builtin::Recover)
                    {
                        self.error(
                            e.span,
                            format!("{} (value of type {}) is not used", x.expr, x.ty),
                        );
                    }
                    return;
                }
                let x = self.single_value(x);
                if !x.is_invalid() {
                    self.error(e.span, format!("{x} is not used"));
                }
            }
            StmtKind::IncDec { x, op } => {
                let mut l = self.expr(x);
                if l.is_invalid() {
                    return;
                }
                if !l.ty.is_numeric() {
                    let ops = if *op == Op::Add { "++" } else { "--" };
                    self.error(
                        s.span,
                        format!(
                            "invalid operation: {}{ops} (non-numeric type {})",
                            l.expr, l.ty
                        ),
                    );
                    return;
                }
                let _ = &mut l;
            }
            StmtKind::Assign {
                lhs,
                rhs,
                op: Some(op),
                ..
            } => {
                let (Some(le), Some(re)) = (lhs.first(), rhs.first()) else {
                    return;
                };
                let l = self.expr(le);
                let r = self.expr(re);
                if l.is_invalid() || r.is_invalid() {
                    return;
                }
                let fake = Expr {
                    id: le.id,
                    span: s.span,
                    kind: ExprKind::Binary {
                        op: *op,
                        x: Box::new(le.clone()),
                        y: Box::new(re.clone()),
                        op_pos: s.span.start,
                    },
                };
                let mut result = Operand::invalid(le.id, self.es(le));
                let before = self.info.types[le.id.0 as usize].clone();
                self.binary_assign_op(&fake, *op, le, re, l, r, &mut result);
                // The binary check may have recorded the result type on the lhs id; restore it.
                self.info.types[le.id.0 as usize] = before;
                if result.is_invalid() {
                    return;
                }
                let lt = self
                    .info
                    .type_of(le.id)
                    .map(|t| t.ty.clone())
                    .unwrap_or_default();
                self.assignment(&mut result, &lt, "assignment", re);
            }
            StmtKind::Assign {
                lhs,
                rhs,
                define: true,
                pos,
                ..
            } => self.short_var_decl(lhs, rhs, *pos, pending),
            StmtKind::Assign { lhs, rhs, .. } => self.assign_vars(lhs, rhs, s),
            StmtKind::Var(spec) => self.var_spec(spec, false),
            StmtKind::Const(spec) => self.const_spec(spec, false),
            StmtKind::Type(spec) => self.local_type_decl(spec),
            StmtKind::Block(b) => {
                if b.lbrace == b.rbrace && b.lbrace == s.span.start && !b.stmts.is_empty() {
                    // A declaration group: no new scope.
                    self.stmt_list(&b.stmts, pending);
                } else {
                    self.block(b, pending);
                }
            }
            StmtKind::If {
                init,
                cond,
                then,
                els,
            } => {
                self.open_scope(false);
                if let Some(init) = init {
                    self.stmt(init, pending);
                }
                if let Some(cond) = cond {
                    self.condition(cond, "if statement");
                }
                self.block(then, pending);
                if let Some(els) = els {
                    self.stmt(els, pending);
                }
                self.close_scope(pending);
            }
            StmtKind::For {
                init,
                cond,
                post,
                body,
            } => {
                self.open_scope(false);
                if let Some(init) = init {
                    self.stmt(init, pending);
                }
                if let Some(cond) = cond {
                    self.condition(cond, "for statement");
                }
                if let Some(post) = post {
                    self.stmt(post, pending);
                }
                self.block(body, pending);
                self.close_scope(pending);
            }
            StmtKind::Return { results } => self.return_stmt(s, results),
            StmtKind::Branch { .. } => {}
            StmtKind::Labeled { stmt, .. } => self.stmt(stmt, pending),
            StmtKind::Switch {
                init,
                tag:
                    Some(Expr {
                        kind: ExprKind::Assert(x, None),
                        ..
                    }),
                bind,
                clauses,
                ..
            } => self.type_switch(init.as_deref(), x, bind.as_ref(), clauses, pending),
            StmtKind::Switch {
                init, tag, clauses, ..
            } => {
                self.open_scope(false);
                if let Some(init) = init {
                    self.stmt(init, pending);
                }
                let mut tagop = match tag {
                    Some(t) => {
                        let mut x = self.expr(t);
                        self.default_operand(&mut x, t);
                        Some(x)
                    }
                    None => None,
                };
                for c in clauses {
                    for ce in &c.exprs {
                        let mut v = self.expr(ce);
                        match &mut tagop {
                            Some(t) if !t.is_invalid() && !v.is_invalid() => {
                                let tt = t.ty.clone();
                                if v.ty.is_untyped() {
                                    self.convert_operand(&mut v, &tt, ce);
                                }
                                if !v.is_invalid() && v.ty != tt && !self.assignable_to(&v, &tt) {
                                    let tag_text = t.expr.clone();
                                    self.error(
                                        ce.span,
                                        format!(
                                            "invalid case {} in switch on {tag_text} (mismatched types {} and {})",
                                            v.expr, v.ty, tt
                                        ),
                                    );
                                }
                            }
                            None if !v.is_invalid() => {
                                if v.ty.is_untyped() {
                                    self.convert_operand(&mut v, &Type::BOOL, ce);
                                }
                                if !v.is_invalid() && !v.ty.is_boolean() {
                                    self.error(
                                        ce.span,
                                        format!("invalid case {} in switch (mismatched types {} and bool)", v.expr, v.ty),
                                    );
                                }
                            }
                            _ => {}
                        }
                    }
                    self.open_scope(false);
                    self.stmt_list(&c.body, pending);
                    self.close_scope(pending);
                }
                let _ = &mut tagop;
                self.close_scope(pending);
            }
            StmtKind::Range {
                key,
                value,
                define,
                x,
                body,
            } => self.range_stmt(s, key.as_ref(), value.as_ref(), *define, x, body, pending),
            StmtKind::Select { clauses, .. } => self.select_stmt(clauses, pending),
            StmtKind::GoDefer { go, call } => {
                let what = if *go { "go" } else { "defer" };
                let ExprKind::Call { .. } = &call.unparen().kind else {
                    self.raw_expr(call);
                    self.error(
                        call.span,
                        format!("expression in {what} must be function call"),
                    );
                    return;
                };
                let x = self.raw_expr(call);
                if x.is_invalid() {
                    return;
                }
                if let ExprKind::Call { fun, .. } = &call.unparen().kind {
                    if x.mode == Mode::TypeExpr || self.is_type_name(fun) {
                        self.error(
                            call.span,
                            format!("{what} requires function call, not conversion"),
                        );
                    } else if let Some(o) = self.info.obj_of(fun.id)
                        && let ObjKind::Builtin(b) = self.obj(o).kind
                        && !matches!(
                            b,
                            super::Builtin::Panic
                                | super::Builtin::Print
                                | super::Builtin::Println
                                | super::Builtin::Recover
                                | super::Builtin::Delete
                                | super::Builtin::Copy
                                | super::Builtin::Close
                        )
                    {
                        self.error(call.span, format!("{what} discards result of {x}"));
                    }
                }
            }
            StmtKind::Send { ch, value } => self.send_stmt(ch, value),
        }
    }

    #[allow(clippy::too_many_arguments)]
    pub(crate) fn binary_assign_op(
        &mut self,
        e: &Expr,
        op: Op,
        le: &Expr,
        re: &Expr,
        l: Operand,
        r: Operand,
        x: &mut Operand,
    ) {
        // Like `binary`, but mismatches read `x += "a" (mismatched types ...)`.
        let mut l2 = l.clone();
        let mut r2 = r.clone();
        if !matches!(op, Op::Shl | Op::Shr) {
            if !self.match_types(&mut l2, &mut r2, le, re) {
                return;
            }
            if l2.ty != r2.ty {
                let msg = format!(
                    "invalid operation: {} {op}= {} (mismatched types {} and {})",
                    self.es(le),
                    self.es(re),
                    l2.ty,
                    r2.ty
                );
                self.error(le.span, msg);
                return;
            }
        }
        self.binary(e, op, le, re, l, r, x);
    }

    #[allow(clippy::too_many_arguments)]
    fn range_stmt(
        &mut self,
        s: &Stmt,
        key: Option<&Expr>,
        value: Option<&Expr>,
        define: bool,
        x: &Expr,
        body: &Block,
        pending: &mut Vec<ObjId>,
    ) {
        self.open_scope(false);
        let mut xo = self.expr(x);
        let (kt, vt): (Type, Option<Type>) = if xo.is_invalid() {
            (Type::Invalid, Some(Type::Invalid))
        } else {
            let u = match xo.ty.underlying() {
                Type::Pointer(p) if matches!(p.underlying(), Type::Array(..)) => p.underlying(),
                u => u,
            };
            match u {
                Type::Basic(k) if k.is_integer() => {
                    if xo.ty.is_untyped() {
                        self.convert_operand(&mut xo, &Type::INT, x);
                    }
                    (xo.ty.clone(), None)
                }
                Type::Basic(k) if k.is_string() => {
                    self.default_operand(&mut xo, x);
                    (Type::INT, Some(Type::Basic(crate::types::BasicKind::Int32)))
                }
                Type::Slice(e) | Type::Array(_, e) => (Type::INT, Some((*e).clone())),
                Type::Map(k, v) => ((*k).clone(), Some((*v).clone())),
                Type::Chan(_, e) => ((*e).clone(), None),
                _ => {
                    self.error_op(&xo, format!("cannot range over {xo}"));
                    (Type::Invalid, Some(Type::Invalid))
                }
            }
        };
        if vt.is_none()
            && let Some(v) = value
        {
            self.error(
                v.span,
                format!("range over {xo} permits only one iteration variable"),
            );
        }
        let pairs = [(key, kt), (value, vt.unwrap_or(Type::Invalid))];
        if define {
            let mut any_new = false;
            for (e, t) in pairs.iter() {
                let Some(e) = e else { continue };
                let ExprKind::Name(name) = &e.kind else {
                    self.error(
                        e.span,
                        format!("non-name {} on left side of :=", self.es(e)),
                    );
                    continue;
                };
                any_new |= name != "_";
                let obj = self.new_object(
                    name,
                    ObjKind::Var {
                        global: None,
                        param: false,
                    },
                    t.clone(),
                    e.span.start,
                );
                if t.is_invalid() {
                    self.obj_mut(obj).used = true;
                }
                self.record(
                    e.id,
                    super::TypeAndValue {
                        mode: Mode::Variable,
                        ty: t.clone(),
                        val: None,
                    },
                );
                let ident = Ident {
                    id: e.id,
                    name: name.clone(),
                    span: e.span,
                };
                self.declare(&ident, obj);
            }
            let _ = any_new;
        } else {
            for (e, t) in pairs.iter() {
                let Some(e) = e else { continue };
                if let Some(lt) = self.lhs_var(e)
                    && !lt.is_invalid()
                    && !t.is_invalid()
                {
                    let mut op = Operand {
                        mode: Mode::Value,
                        ty: t.clone(),
                        val: None,
                        id: e.id,
                        expr: self.es(e),
                    };
                    self.assignment(&mut op, &lt, "range", e);
                }
            }
        }
        let _ = s;
        self.block(body, pending);
        self.close_scope(pending);
    }

    fn type_switch(
        &mut self,
        init: Option<&Stmt>,
        x: &Expr,
        bind: Option<&Ident>,
        clauses: &[CaseClause],
        pending: &mut Vec<ObjId>,
    ) {
        self.open_scope(false);
        if let Some(init) = init {
            self.stmt(init, pending);
        }
        let xo = self.expr(x);
        let valid = !xo.is_invalid();
        if valid && !xo.ty.is_interface() {
            self.error_op(
                &xo,
                format!(
                    "{} (variable of type {}) is not an interface",
                    xo.expr, xo.ty
                ),
            );
        }
        let mut bind_objs = Vec::new();
        for c in clauses {
            let mut single: Option<Type> = None;
            for (i, ce) in c.exprs.iter().enumerate() {
                let is_nil = matches!(&ce.kind, ExprKind::Name(n) if n == "nil")
                    && self
                        .lookup("nil")
                        .is_some_and(|o| matches!(self.obj(o).kind, ObjKind::Nil));
                let t = if is_nil {
                    self.raw_expr(ce);
                    Type::Basic(crate::types::BasicKind::UntypedNil)
                } else {
                    let t = self.type_expr(ce);
                    if valid && !t.is_invalid() && xo.ty.is_interface() {
                        self.check_assertable(&xo.ty, &t, ce.span, &xo.expr);
                    }
                    t
                };
                if i == 0 && c.exprs.len() == 1 && !is_nil {
                    single = Some(t);
                }
            }
            self.open_scope(false);
            if let Some(b) = bind {
                let t = single.unwrap_or_else(|| if valid { xo.ty.clone() } else { Type::Invalid });
                let obj = self.new_object(
                    &b.name,
                    ObjKind::Var {
                        global: None,
                        param: false,
                    },
                    t,
                    b.span.start,
                );
                if let Some(sc) = self.scopes.last_mut() {
                    sc.names.insert(b.name.clone(), obj);
                }
                self.info.implicits.insert(c.span.start, obj);
                bind_objs.push(obj);
            }
            self.stmt_list(&c.body, pending);
            self.close_scope(pending);
        }
        if let Some(b) = bind {
            self.record_obj(b.id, bind_objs.first().copied().unwrap_or(super::ObjId(0)));
            if b.name != "_" && !bind_objs.iter().any(|o| self.obj(*o).used) {
                self.error(b.span, format!("declared and not used: {}", b.name));
            }
            if b.name == "_" {
                self.error(b.span, "no new variable on left side of :=");
            }
        }
        self.close_scope(pending);
    }

    pub(crate) fn condition(&mut self, cond: &Expr, what: &str) {
        let mut x = self.expr(cond);
        if x.is_invalid() {
            return;
        }
        if !x.ty.is_boolean() {
            self.error(cond.span, format!("non-boolean condition in {what}"));
            return;
        }
        self.default_operand(&mut x, cond);
    }
}

/// Is the statement list terminating (Go spec "Terminating statements")?
pub(crate) fn is_terminating_list(stmts: &[Stmt]) -> bool {
    // Trailing empty statements are ignored.
    stmts
        .iter()
        .rev()
        .find(|s| !matches!(s.kind, StmtKind::Empty))
        .is_some_and(|s| is_terminating(s, ""))
}

fn is_terminating(s: &Stmt, label: &str) -> bool {
    match &s.kind {
        StmtKind::Return { .. } => true,
        StmtKind::Branch {
            kind: BranchKind::Goto | BranchKind::Fallthrough,
            ..
        } => true,
        StmtKind::Expr(e) => {
            // A call to panic.
            matches!(&e.unparen().kind, ExprKind::Call { fun, .. } if matches!(&fun.kind, ExprKind::Name(n) if n == "panic"))
        }
        StmtKind::Block(b) => is_terminating_list(&b.stmts),
        StmtKind::If {
            els: Some(els),
            then,
            ..
        } => is_terminating_list(&then.stmts) && is_terminating(els, ""),
        StmtKind::For {
            cond: None, body, ..
        } => !has_break(&body.stmts, label, true),
        StmtKind::Labeled { label: l, stmt } => is_terminating(stmt, &l.name),
        StmtKind::Select { clauses, .. } => clauses
            .iter()
            .all(|c| is_terminating_list(&c.body) && !has_break(&c.body, label, true)),
        StmtKind::Switch { clauses, .. } => {
            clauses.iter().any(|c| c.default)
                && clauses.iter().all(|c| {
                    (is_terminating_list(&c.body)
                        || matches!(
                            c.body.last(),
                            Some(Stmt {
                                kind: StmtKind::Branch {
                                    kind: BranchKind::Fallthrough,
                                    ..
                                },
                                ..
                            })
                        ))
                        && !has_break(&c.body, label, true)
                })
        }
        _ => false,
    }
}

/// Does the list contain a `break` referring to the enclosing statement (unlabeled at the top
/// level, or labeled with `label`)?
fn has_break(stmts: &[Stmt], label: &str, top: bool) -> bool {
    stmts.iter().any(|s| has_break_stmt(s, label, top))
}

fn has_break_stmt(s: &Stmt, label: &str, top: bool) -> bool {
    match &s.kind {
        StmtKind::Branch {
            kind: BranchKind::Break,
            label: l,
        } => match l {
            None => top,
            Some(l) => l.name == label,
        },
        StmtKind::Block(b) => has_break(&b.stmts, label, top),
        StmtKind::If { then, els, .. } => {
            has_break(&then.stmts, label, top)
                || els.as_ref().is_some_and(|e| has_break_stmt(e, label, top))
        }
        StmtKind::Labeled { stmt, .. } => has_break_stmt(stmt, label, top),
        StmtKind::For { body, .. } | StmtKind::Range { body, .. } => {
            !label.is_empty() && has_break(&body.stmts, label, false)
        }
        StmtKind::Switch { clauses, .. } => {
            !label.is_empty() && clauses.iter().any(|c| has_break(&c.body, label, false))
        }
        StmtKind::Select { clauses, .. } => {
            !label.is_empty() && clauses.iter().any(|c| has_break(&c.body, label, false))
        }
        _ => false,
    }
}
