//! `select` statements (`types2/stmt.go`'s `SelectStmt` case): each clause's communication
//! must be a send, a receive, or an assignment/definition of a receive
//! (`select case must be send or receive (possibly with assignment)`); each clause is its own scope, so
//! `v, ok := <-c` declares `v` and `ok` for that clause's body only.

use super::Checker;
use super::ObjId;
use crate::ast::{CommClause, Expr, ExprKind, Stmt, StmtKind};
use crate::token::Op;

/// Is `e` (parenthesized or not) a receive `<-x`?
pub(crate) fn is_recv(e: &Expr) -> bool {
    matches!(e.unparen().kind, ExprKind::Unary { op: Op::Recv, .. })
}

/// Is `s` a valid select communication (Go's `valid` in the `SelectStmt` case)?
pub(crate) fn valid_comm(s: &Stmt) -> bool {
    match &s.kind {
        StmtKind::Send { .. } => true,
        StmtKind::Expr(e) => is_recv(e),
        StmtKind::Assign {
            rhs, op: None, lhs, ..
        } => rhs.len() == 1 && lhs.len() <= 2 && is_recv(&rhs[0]),
        _ => false,
    }
}

/// Where Go's syntax tree places statement `s` (an assignment or binary expression at its
/// operator), for the error's position.
fn syntax_pos(s: &Stmt) -> u32 {
    match &s.kind {
        StmtKind::Assign { pos, .. } => *pos,
        StmtKind::Expr(Expr {
            kind: ExprKind::Binary { op_pos, .. },
            ..
        }) => *op_pos,
        _ => s.span.start,
    }
}

impl Checker<'_> {
    /// `select { ... }`.
    pub(crate) fn select_stmt(&mut self, clauses: &[CommClause], pending: &mut Vec<ObjId>) {
        for c in clauses {
            if let Some(comm) = &c.comm
                && !valid_comm(comm)
            {
                self.error_at(
                    syntax_pos(comm),
                    "select case must be send or receive (possibly with assignment)",
                );
                continue;
            }
            self.open_scope(false);
            if let Some(comm) = &c.comm {
                self.stmt(comm, pending);
            }
            self.stmt_list(&c.body, pending);
            self.close_scope(pending);
        }
    }
}
