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
                    Some((
                        _,
                        ObjKind::Var {
                            global: Some(g), ..
                        },
                    )) => {
                        self.emit(Op::LoadGlobal(g));
                    }
                    Some((o, ObjKind::Var { .. })) => {
                        let s = self.slot_for(o);
                        self.emit(Op::Load(s));
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
                let t = self.ty(x);
                self.expr(x);
                self.expr(y);
                self.at(*op_pos);
                self.binary_op(*op, &t);
                1
            }
            ExprKind::Call { .. } => self.call(e),
            ExprKind::Index(x, i) => {
                self.expr(x);
                self.expr(i);
                self.at(e.span.start);
                self.emit(Op::IndexString);
                1
            }
            _ => {
                self.emit(Op::Nil);
                1
            }
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
        let ExprKind::Call { fun, args, .. } = &e.kind else {
            return 0;
        };
        let fun_tv = self.info.type_of(fun.id).cloned();
        // Conversion T(x).
        if let Some(tv) = &fun_tv
            && tv.mode == crate::check::Mode::TypeExpr
        {
            let to = tv.ty.clone();
            let Some(arg) = args.first() else { return 0 };
            let from = self.ty(arg);
            self.expr(arg);
            self.at(e.span.start);
            if to.is_float() && from.is_integer() {
                self.emit(Op::Convert(Conversion::IntToFloat));
            } else if to.is_integer() && from.is_float() {
                self.emit(Op::Convert(Conversion::FloatToInt));
                if let Some(k) = int_kind(&to) {
                    self.emit(Op::Wrap(k));
                }
            } else if to.is_string() && from.is_integer() {
                self.emit(Op::Convert(Conversion::RuneToString));
            } else if to.is_integer()
                && let Some(k) = int_kind(&to)
            {
                self.emit(Op::Wrap(k));
            }
            return 1;
        }
        // Built-ins.
        let callee = match &fun.unparen().kind {
            ExprKind::Name(_) => self
                .info
                .obj_of(fun.unparen().id)
                .map(|o| self.info.object(o).kind.clone()),
            _ => None,
        };
        if let Some(ObjKind::Builtin(b)) = &callee {
            let argc = self.args(args);
            self.at(e.span.start);
            return match b {
                Builtin::Len => {
                    self.emit(Op::LenString);
                    1
                }
                Builtin::Print | Builtin::Println => {
                    self.emit(Op::Print {
                        argc: argc as u32,
                        newline: *b == Builtin::Println,
                    });
                    0
                }
                Builtin::Panic => {
                    self.emit(Op::Panic);
                    0
                }
                _ => 0,
            };
        }
        if let Some(ObjKind::Func(fi)) = callee {
            self.args(args);
            self.at(e.span.start);
            self.emit(Op::Call(FuncId(fi)));
            return self
                .info
                .funcs
                .get(fi as usize)
                .map_or(0, |f| f.sig.results.len());
        }
        // Package members: fmt.Println etc.
        if let ExprKind::Selector(base, sel) = &fun.unparen().kind
            && let Some(o) = self.info.obj_of(base.id)
            && let ObjKind::PkgName(pkg) = self.info.object(o).kind
            && let Some(native) = pkg.member(&sel.name)
        {
            let argc = self.args(args);
            self.at(e.span.start);
            self.emit(Op::CallNative {
                native,
                argc: argc as u32,
            });
            return native.signature().results.len();
        }
        0
    }

    /// Pushes call arguments (expanding a single multi-value call); returns their number.
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
