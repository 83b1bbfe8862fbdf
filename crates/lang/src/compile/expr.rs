//! Expressions: constants (folded by the checker), variables, operators with the kind-specific
//! opcodes, short-circuit `&&`/`||`, calls of declared functions, built-ins, natives and
//! conversions.

use super::*;

impl Compiler<'_> {
    pub(crate) fn constant(&mut self, v: &ConstValue, t: &Type) {
        let op = match v {
            ConstValue::Bool(b) => Op::Bool(*b),
            ConstValue::String(s) => Op::Str(self.intern(s)),
            ConstValue::Int(i) if t.is_float() => Op::Float(*i as f64),
            ConstValue::Int(i) => Op::Int(*i as i64),
            ConstValue::Float(f) if t.is_integer() => Op::Int(*f as i64),
            ConstValue::Float(f) => Op::Float(*f),
            ConstValue::Rat(n, d) if t.is_integer() => Op::Int((n / d) as i64),
            ConstValue::Rat(..) => Op::Float(v.as_f64().unwrap_or(0.0)),
        };
        self.emit(op);
    }

    /// Compiles `e`, pushing exactly one value.
    pub(crate) fn expr(&mut self, e: &Expr) {
        let n = self.expr_multi(e);
        // A no-value or multi-value expression in a single-value position cannot pass the
        // checker; keep the stack balanced anyway.
        if n == 0 {
            self.emit(Op::Nil);
        }
        for _ in 1..n.max(1) {
            self.emit(Op::Pop);
        }
    }

    /// Compiles `e`; returns how many values it pushed (calls may push 0 or several).
    pub(crate) fn expr_multi(&mut self, e: &Expr) -> usize {
        if let Some(tv) = self.info.type_of(e.id)
            && let Some(v) = &tv.val
        {
            let (v, t) = (v.clone(), tv.ty.clone());
            self.at(e.span.start);
            self.constant(&v, &t);
            return 1;
        }
        match &e.kind {
            ExprKind::Paren(x) => self.expr_multi(x),
            ExprKind::Name(_) => {
                match self
                    .info
                    .obj_of(e.id)
                    .map(|o| (o, self.info.object(o).kind.clone()))
                {
                    Some((o, ObjKind::Var { .. })) => {
                        self.load_var(o);
                    }
                    Some((_, ObjKind::Func(fi))) => {
                        self.emit(Op::FuncValue(FuncId(fi)));
                    }
                    Some((_, ObjKind::Nil)) => {
                        self.emit(Op::Nil);
                    }
                    _ => {
                        self.emit(Op::Nil);
                    }
                }
                1
            }
            // `&x` takes an address (or boxes a composite literal): see `composite_expr`.
            ExprKind::Unary { op: TOp::And, .. } => self.composite_expr(e),
            ExprKind::Unary { op: TOp::Recv, x } => self.recv_expr(e, x),
            ExprKind::Unary { op, x } => {
                let t = self.ty(x);
                self.expr(x);
                self.at(e.span.start);
                match op {
                    TOp::Sub if t.is_float() => {
                        self.emit(Op::FNeg);
                    }
                    TOp::Sub => {
                        self.emit(Op::Neg);
                        if let Some(k) = int_kind(&t) {
                            self.emit(Op::Wrap(k));
                        }
                    }
                    TOp::Not => {
                        self.emit(Op::Not);
                    }
                    TOp::Xor => {
                        self.emit(Op::Compl);
                        if let Some(k) = int_kind(&t) {
                            self.emit(Op::Wrap(k));
                        }
                    }
                    _ => {}
                }
                1
            }
            ExprKind::Binary {
                op: TOp::AndAnd,
                x,
                y,
                ..
            } => {
                self.expr(x);
                let j = self.emit(Op::JumpIfFalse(0));
                self.expr(y);
                let j2 = self.emit(Op::Jump(0));
                let f = self.here();
                self.patch(j, f);
                self.emit(Op::Bool(false));
                let end = self.here();
                self.patch(j2, end);
                1
            }
            ExprKind::Binary {
                op: TOp::OrOr,
                x,
                y,
                ..
            } => {
                self.expr(x);
                let j = self.emit(Op::JumpIfTrue(0));
                self.expr(y);
                let j2 = self.emit(Op::Jump(0));
                let t = self.here();
                self.patch(j, t);
                self.emit(Op::Bool(true));
                let end = self.here();
                self.patch(j2, end);
                1
            }
            ExprKind::Binary { op, x, y, op_pos } => {
                let (tx, ty) = (self.ty(x), self.ty(y));
                // Mixed interface/concrete comparisons compare as interfaces.
                let t = if ty.is_interface() && !tx.is_interface() {
                    ty.clone()
                } else {
                    tx.clone()
                };
                self.expr_to(x, &t);
                self.expr_to(y, &t);
                self.at(*op_pos);
                self.binary_op(*op, &t);
                1
            }
            ExprKind::Call { .. } => self.call(e),
            _ => self.composite_expr(e),
        }
    }

    /// Emits the operator `op` for operands of type `t`.
    pub(crate) fn binary_op(&mut self, op: TOp, t: &Type) {
        let float = t.is_float();
        let code = match op {
            TOp::Add if t.is_string() => Op::Concat,
            TOp::Add if float => Op::FAdd,
            TOp::Sub if float => Op::FSub,
            TOp::Mul if float => Op::FMul,
            TOp::Div if float => Op::FDiv,
            TOp::Add => Op::Add,
            TOp::Sub => Op::Sub,
            TOp::Mul => Op::Mul,
            TOp::Div => Op::Div,
            TOp::Rem => Op::Rem,
            TOp::And => Op::And,
            TOp::Or => Op::Or,
            TOp::Xor => Op::Xor,
            TOp::AndNot => Op::AndNot,
            TOp::Shl => Op::Shl,
            TOp::Shr => Op::Shr,
            TOp::Eql | TOp::Neq if !matches!(t.underlying(), Type::Basic(_)) => {
                self.emit(Op::EqDeep);
                if op == TOp::Neq {
                    self.emit(Op::Not);
                }
                return;
            }
            TOp::Eql => Op::Eq,
            TOp::Neq => Op::Ne,
            TOp::Lss => Op::Lt,
            TOp::Leq => Op::Le,
            TOp::Gtr => Op::Gt,
            TOp::Geq => Op::Ge,
            _ => Op::Pop,
        };
        let arith = matches!(
            code,
            Op::Add | Op::Sub | Op::Mul | Op::Div | Op::Shl | Op::Compl | Op::Neg
        );
        self.emit(code);
        if arith && let Some(k) = int_kind(t) {
            self.emit(Op::Wrap(k));
        }
    }

    pub(crate) fn call(&mut self, e: &Expr) -> usize {
        self.call_expr(e)
    }
}

impl Compiler<'_> {
    /// Pushes call arguments as they are (expanding a single multi-value call); returns their
    /// number.
    pub(crate) fn args(&mut self, args: &[Expr]) -> usize {
        if args.len() == 1 {
            return self.expr_multi(&args[0]);
        }
        for a in args {
            self.expr(a);
        }
        args.len()
    }
}
