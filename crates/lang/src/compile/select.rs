//! Compiling `select` (`cmd/compile/internal/walk/select.go`): the cases' channels and send
//! values are evaluated once, in source order, before the select runs (as Go's spec
//! requires); `Op::Select` then picks a case (`runtime/select.go`'s `selectgo`) and leaves
//! `case, value, ok` on the stack, and a chain of index tests jumps to the chosen clause,
//! which assigns the received value (for `v, ok := <-c` / `v = <-c`) before its body.

use super::*;
use crate::ast::{CommClause, Expr, ExprKind, StmtKind};
use crate::token::Op as TOp;

/// A clause's communication, reduced to what the compiler needs.
enum Comm<'a> {
    Send {
        ch: &'a Expr,
        value: &'a Expr,
    },
    Recv {
        ch: &'a Expr,
        lhs: &'a [Expr],
        define: bool,
    },
}

/// The channel operand of a receive `<-x`.
fn recv_operand(e: &Expr) -> Option<&Expr> {
    match &e.unparen().kind {
        ExprKind::Unary { op: TOp::Recv, x } => Some(x),
        _ => None,
    }
}

fn comm(c: &CommClause) -> Option<Comm<'_>> {
    match &c.comm.as_deref()?.kind {
        StmtKind::Send { ch, value } => Some(Comm::Send { ch, value }),
        StmtKind::Expr(e) => Some(Comm::Recv {
            ch: recv_operand(e)?,
            lhs: &[],
            define: false,
        }),
        StmtKind::Assign {
            lhs, rhs, define, ..
        } => Some(Comm::Recv {
            ch: recv_operand(rhs.first()?)?,
            lhs,
            define: *define,
        }),
        _ => None,
    }
}

impl Compiler<'_> {
    /// `select { clauses }`.
    pub(crate) fn select_stmt(&mut self, pos: u32, clauses: &[CommClause], label: Option<&str>) {
        // Evaluate every case's operands; `index[i]` is clause i's case number (None: default).
        let mut index: Vec<Option<i64>> = Vec::with_capacity(clauses.len());
        let mut n = 0u32;
        let mut has_default = false;
        for c in clauses {
            match comm(c) {
                Some(Comm::Send { ch, value }) => {
                    let elem = match self.ty(ch).underlying() {
                        Type::Chan(_, el) => (*el).clone(),
                        _ => Type::Invalid,
                    };
                    self.expr(ch);
                    self.expr_to(value, &elem);
                    self.emit(Op::Int(1));
                    index.push(Some(n as i64));
                    n += 1;
                }
                Some(Comm::Recv { ch, .. }) => {
                    self.expr(ch);
                    self.emit(Op::Int(0));
                    index.push(Some(n as i64));
                    n += 1;
                }
                None => {
                    has_default |= c.comm.is_none();
                    index.push(None);
                }
            }
        }
        self.at(pos);
        self.emit(Op::Select { n, has_default });
        let (case, value, ok) = (self.temp_slot(), self.temp_slot(), self.temp_slot());
        self.emit(Op::Store(ok));
        self.emit(Op::Store(value));
        self.emit(Op::Store(case));
        self.f.targets.push(BranchTarget {
            label: label.map(str::to_string),
            is_loop: false,
            breaks: vec![],
            continues: vec![],
        });
        let mut ends = Vec::new();
        for (c, i) in clauses.iter().zip(&index) {
            if i.is_none() && c.comm.is_some() {
                continue;
            }
            self.emit(Op::Load(case));
            self.emit(Op::Int(i.unwrap_or(-1)));
            self.emit(Op::Eq);
            let next = self.emit(Op::JumpIfFalse(0));
            if let Some(Comm::Recv { ch, lhs, define }) = comm(c) {
                self.select_assign(ch, lhs, define, value, ok);
            }
            self.stmts(&c.body);
            ends.push(self.emit(Op::Jump(0)));
            let here = self.here();
            self.patch(next, here);
        }
        let end = self.here();
        for j in ends {
            self.patch(j, end);
        }
        if let Some(t) = self.f.targets.pop() {
            for b in t.breaks {
                self.patch(b, end);
            }
        }
    }

    /// `v := <-c`, `v, ok := <-c`, `v = <-c`: store the received value (and `ok`).
    fn select_assign(&mut self, ch: &Expr, lhs: &[Expr], define: bool, value: u32, ok: u32) {
        let elem = match self.ty(ch).underlying() {
            Type::Chan(_, el) => (*el).clone(),
            _ => Type::Invalid,
        };
        for (k, l) in lhs.iter().enumerate().rev() {
            if matches!(&l.kind, ExprKind::Name(n) if n == "_") {
                continue;
            }
            self.emit(Op::Load(if k == 0 { value } else { ok }));
            if define
                && let ExprKind::Name(_) = &l.kind
                && let Some(o) = self.info.obj_of(l.id)
                && self.info.object(o).pos == l.span.start
            {
                self.define_var(o);
                continue;
            }
            if k == 0 {
                let lt = self.ty(l);
                if !lt.is_invalid() {
                    self.convert_for(&elem, &lt);
                }
            }
            self.store(l);
        }
    }
}
