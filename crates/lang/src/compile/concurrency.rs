//! Compiling channel operations: `c <- v`, `<-c` (and `v, ok := <-c`), `for v := range c`.
//! `go f(x)` shares `defer_or_go` with `defer`: the function value and the arguments are
//! evaluated by the caller, as Go's spec requires, then `Op::Go` hands them to a new goroutine.

use super::*;
use crate::ast::{Block, Expr};

impl Compiler<'_> {
    /// `<-x`: one result, or two (`v, ok`) when the checker recorded a comma-ok use.
    pub(crate) fn recv_expr(&mut self, e: &Expr, x: &Expr) -> usize {
        let comma_ok = self.info.comma_ok.contains(&e.id);
        self.expr(x);
        self.at(e.span.start);
        self.emit(Op::ChanRecv { comma_ok });
        if comma_ok { 2 } else { 1 }
    }

    /// `ch <- value`, the value converted to the element type (an interface element boxes it).
    pub(crate) fn send_stmt(&mut self, ch: &Expr, value: &Expr) {
        let elem = match self.ty(ch).underlying() {
            Type::Chan(_, el) => (*el).clone(),
            _ => Type::Invalid,
        };
        self.expr(ch);
        self.expr_to(value, &elem);
        self.at(ch.span.start);
        self.emit(Op::ChanSend);
    }

    /// `for v := range c`: receive until the channel is closed and drained.
    pub(crate) fn range_chan(
        &mut self,
        key: Option<&Expr>,
        define: bool,
        x: &Expr,
        body: &Block,
        label: Option<&str>,
    ) {
        let xs = self.temp_slot();
        self.expr(x);
        self.emit(Op::Store(xs));
        let top = self.here();
        self.emit(Op::Load(xs));
        self.at(x.span.start);
        self.emit(Op::ChanRecv { comma_ok: true });
        let exit = self.emit(Op::JumpIfFalse(0));
        self.range_assign(key, define);
        self.f.targets.push(BranchTarget {
            label: label.map(str::to_string),
            is_loop: true,
            breaks: vec![],
            continues: vec![],
        });
        self.stmts(&body.stmts);
        self.emit(Op::Jump(top));
        // The zero value received from the closed channel is still on the stack.
        let drop = self.here();
        self.emit(Op::Pop);
        let end = self.here();
        self.patch(exit, drop);
        if let Some(t) = self.f.targets.pop() {
            for b in t.breaks {
                self.patch(b, end);
            }
            for c in t.continues {
                self.patch(c, top);
            }
        }
    }
}
