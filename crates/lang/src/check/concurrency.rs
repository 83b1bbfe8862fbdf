//! Channel operations and `go` statements (`types2/stmt.go`'s send statement, `expr.go`'s
//! receive operator, `builtins.go`'s `close`), with Go's messages:
//! `invalid operation: cannot send to receive-only channel c (variable of type <-chan int)`.
//!
//! A receive `<-c` is a [`Mode::CommaOk`] operand, so `v, ok := <-c` goes through the same
//! comma-ok path as map indexing and type assertions (the compiler then emits the two-result
//! receive).

use super::Checker;
use super::operand::{Mode, Operand};
use crate::ast::Expr;
use crate::types::Type;

impl Checker<'_> {
    /// `<-y`.
    pub(crate) fn recv_expr(&mut self, y: Operand, x: &mut Operand) {
        if y.is_invalid() {
            return;
        }
        let Type::Chan(dir, elem) = y.ty.underlying() else {
            self.error_op(
                &y,
                format!(
                    "invalid operation: cannot receive from non-channel {} {y}",
                    y.ty
                ),
            );
            return;
        };
        if dir == 1 {
            self.error_op(
                &y,
                format!(
                    "invalid operation: cannot receive from send-only channel {} {y}",
                    y.ty
                ),
            );
            return;
        }
        x.mode = Mode::CommaOk;
        x.ty = (*elem).clone();
    }

    /// `ch <- value`.
    pub(crate) fn send_stmt(&mut self, ch: &Expr, value: &Expr) {
        let c = self.expr(ch);
        let mut v = self.expr(value);
        if c.is_invalid() || v.is_invalid() {
            return;
        }
        let Type::Chan(dir, elem) = c.ty.underlying() else {
            self.error_op(
                &c,
                format!("invalid operation: cannot send to non-channel {} {c}", c.ty),
            );
            return;
        };
        if dir == 2 {
            self.error_op(
                &c,
                format!(
                    "invalid operation: cannot send to receive-only channel {} {c}",
                    c.ty
                ),
            );
            return;
        }
        self.assignment(&mut v, &elem, "send", value);
    }

    /// `close(c)`.
    pub(crate) fn close_builtin(&mut self, arg: &Expr, x: &mut Operand) {
        let c = self.expr(arg);
        if c.is_invalid() {
            return;
        }
        match c.ty.underlying() {
            Type::Chan(2, _) => {
                self.error_op(
                    &c,
                    format!("invalid operation: cannot close receive-only channel {c}"),
                );
                return;
            }
            Type::Chan(..) => {}
            _ => {
                self.error_op(
                    &c,
                    format!("invalid operation: cannot close non-channel {c}"),
                );
                return;
            }
        }
        x.mode = Mode::NoValue;
        x.ty = Type::Tuple(Vec::new().into());
    }
}
