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
                    {
                        self.error(
                            e.span,
                            format!("{} (value of type {}) is not used", x.expr, x.ty),
                        );
                        let _ = b;
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
            StmtKind::Type(spec) => self.error(
                spec.name.span,
                "type declarations are not supported by goscope yet",
            ),
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
            StmtKind::Range { .. } | StmtKind::GoDefer { .. } | StmtKind::Send { .. } => {
                let what = match &s.kind {
                    StmtKind::Range { .. } => "range loops",
                    StmtKind::GoDefer { go: true, .. } => "go statements",
                    StmtKind::GoDefer { .. } => "defer statements",
                    _ => "channel sends",
                };
                self.error(s.span, format!("goscope does not support {what} yet"));
            }
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
        _ => false,
    }
}
