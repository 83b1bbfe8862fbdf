//! Statements: control flow (`if`, `for`, `switch`, `break`/`continue` with labels), assignments
//! and declarations, compiled to jumps and stores.

use super::*;

impl Compiler<'_> {
    pub(crate) fn stmts(&mut self, list: &[Stmt]) {
        for s in list {
            self.stmt(s, None);
        }
    }

    pub(crate) fn stmt(&mut self, s: &Stmt, label: Option<&str>) {
        self.at(s.span.start);
        match &s.kind {
            StmtKind::Empty | StmtKind::Const(_) | StmtKind::Type(_) => {}
            StmtKind::Expr(e) => {
                let n = self.expr_multi(e);
                for _ in 0..n {
                    self.emit(Op::Pop);
                }
            }
            StmtKind::IncDec { x, op } => {
                let t = self.ty(x);
                self.expr(x);
                if t.is_float() {
                    self.emit(Op::Float(1.0));
                    self.emit(if *op == TOp::Add { Op::FAdd } else { Op::FSub });
                } else {
                    self.emit(Op::Int(1));
                    self.emit(if *op == TOp::Add { Op::Add } else { Op::Sub });
                    if let Some(k) = int_kind(&t) {
                        self.emit(Op::Wrap(k));
                    }
                }
                self.store(x);
            }
            StmtKind::Assign {
                lhs,
                rhs,
                op: Some(op),
                ..
            } => {
                let (Some(l), Some(r)) = (lhs.first(), rhs.first()) else {
                    return;
                };
                let t = self.ty(l);
                self.expr(l);
                self.expr(r);
                self.binary_op(*op, &t);
                self.store(l);
            }
            StmtKind::Assign { lhs, rhs, .. } => {
                if rhs.len() == 1 && lhs.len() > 1 {
                    self.expr_multi(&rhs[0]);
                } else {
                    for r in rhs {
                        self.expr(r);
                    }
                }
                for l in lhs.iter().rev() {
                    self.store(l);
                }
            }
            StmtKind::Var(spec) => self.var_spec(spec),
            StmtKind::Block(b) => self.stmts(&b.stmts),
            StmtKind::If {
                init,
                cond,
                then,
                els,
            } => {
                if let Some(init) = init {
                    self.stmt(init, None);
                }
                let mut jf = None;
                if let Some(cond) = cond {
                    self.expr(cond);
                    self.at(cond.span.start);
                    jf = Some(self.emit(Op::JumpIfFalse(0)));
                }
                self.stmts(&then.stmts);
                match els {
                    Some(els) => {
                        let j = self.emit(Op::Jump(0));
                        if let Some(jf) = jf {
                            let h = self.here();
                            self.patch(jf, h);
                        }
                        self.stmt(els, None);
                        let h = self.here();
                        self.patch(j, h);
                    }
                    None => {
                        if let Some(jf) = jf {
                            let h = self.here();
                            self.patch(jf, h);
                        }
                    }
                }
            }
            StmtKind::For {
                init,
                cond,
                post,
                body,
            } => {
                if let Some(init) = init {
                    self.stmt(init, None);
                }
                let top = self.here();
                let mut exit = None;
                if let Some(cond) = cond {
                    self.expr(cond);
                    self.at(cond.span.start);
                    exit = Some(self.emit(Op::JumpIfFalse(0)));
                }
                self.f.targets.push(BranchTarget {
                    label: label.map(str::to_string),
                    is_loop: true,
                    breaks: vec![],
                    continues: vec![],
                });
                self.stmts(&body.stmts);
                let cont = self.here();
                if let Some(post) = post {
                    self.stmt(post, None);
                }
                self.at(s.span.start);
                self.emit(Op::Jump(top));
                let end = self.here();
                if let Some(exit) = exit {
                    self.patch(exit, end);
                }
                if let Some(t) = self.f.targets.pop() {
                    for b in t.breaks {
                        self.patch(b, end);
                    }
                    for c in t.continues {
                        self.patch(c, cont);
                    }
                }
            }
            StmtKind::Switch {
                init, tag, clauses, ..
            } => self.switch(init.as_deref(), tag.as_ref(), clauses, label),
            StmtKind::Return { results } => {
                if results.is_empty() {
                    for s in self.f.result_slots.clone() {
                        self.emit(Op::Load(s));
                    }
                } else if results.len() == 1 && self.f.result_slots.len() > 1 {
                    self.expr_multi(&results[0]);
                } else {
                    for r in results {
                        self.expr(r);
                    }
                }
                self.at(s.span.start);
                self.emit(Op::Return);
            }
            StmtKind::Branch {
                kind,
                label: target,
            } => {
                let j = self.emit(Op::Jump(0));
                if *kind == BranchKind::Goto {
                    let name = target.as_ref().map_or(String::new(), |l| l.name.clone());
                    self.f.gotos.push((j, name));
                    return;
                }
                let name = target.as_ref().map(|l| l.name.as_str());
                let want_loop = *kind == BranchKind::Continue;
                let t = self.f.targets.iter_mut().rev().find(|t| match name {
                    Some(n) => t.label.as_deref() == Some(n),
                    None => t.is_loop || !want_loop,
                });
                if let Some(t) = t {
                    if want_loop {
                        t.continues.push(j)
                    } else {
                        t.breaks.push(j)
                    }
                }
            }
            StmtKind::Labeled { label, stmt } => {
                let here = self.here();
                self.f.labels.insert(label.name.clone(), here);
                self.stmt(stmt, Some(&label.name))
            }
            StmtKind::Range { .. } | StmtKind::GoDefer { .. } | StmtKind::Send { .. } => {}
        }
    }

    pub(crate) fn switch(
        &mut self,
        init: Option<&Stmt>,
        tag: Option<&Expr>,
        clauses: &[CaseClause],
        label: Option<&str>,
    ) {
        if let Some(init) = init {
            self.stmt(init, None);
        }
        let tag_slot = tag.map(|t| {
            self.expr(t);
            let s = self.temp_slot();
            self.emit(Op::Store(s));
            s
        });
        // Tests: for each clause, jump to its body when a case matches.
        let mut body_jumps: Vec<Vec<usize>> = Vec::new();
        for c in clauses {
            let mut js = Vec::new();
            for e in &c.exprs {
                self.at(e.span.start);
                match tag_slot {
                    Some(s) => {
                        self.emit(Op::Load(s));
                        self.expr(e);
                        self.emit(Op::Eq);
                    }
                    None => self.expr(e),
                }
                js.push(self.emit(Op::JumpIfTrue(0)));
            }
            body_jumps.push(js);
        }
        let to_default = self.emit(Op::Jump(0));
        self.f.targets.push(BranchTarget {
            label: label.map(str::to_string),
            is_loop: false,
            breaks: vec![],
            continues: vec![],
        });
        let mut ends = Vec::new();
        let mut fallthrough_from: Option<usize> = None;
        let mut default_start = None;
        for (i, c) in clauses.iter().enumerate() {
            let start = self.here();
            if let Some(f) = fallthrough_from.take() {
                self.patch(f, start);
            }
            for j in &body_jumps[i] {
                self.patch(*j, start);
            }
            if c.default {
                default_start = Some(start);
            }
            let falls = matches!(
                c.body.last(),
                Some(Stmt {
                    kind: StmtKind::Branch {
                        kind: BranchKind::Fallthrough,
                        ..
                    },
                    ..
                })
            );
            let body = if falls {
                &c.body[..c.body.len() - 1]
            } else {
                &c.body[..]
            };
            self.stmts(body);
            let j = self.emit(Op::Jump(0));
            if falls {
                fallthrough_from = Some(j)
            } else {
                ends.push(j)
            }
        }
        let end = self.here();
        self.patch(to_default, default_start.unwrap_or(end));
        for j in ends {
            self.patch(j, end);
        }
        if let Some(f) = fallthrough_from {
            self.patch(f, end);
        }
        if let Some(t) = self.f.targets.pop() {
            for b in t.breaks {
                self.patch(b, end);
            }
        }
    }

    pub(crate) fn var_spec(&mut self, spec: &ValueSpec) {
        if spec.values.is_empty() {
            for n in &spec.names {
                let t = self
                    .info
                    .obj_of(n.id)
                    .map(|o| self.info.object(o).ty.clone())
                    .unwrap_or_default();
                let z = zero_value(&t);
                let z = self.zero_op(z);
                self.emit(z);
                self.store_ident(n);
            }
            return;
        }
        if spec.values.len() == 1 && spec.names.len() > 1 {
            self.expr_multi(&spec.values[0]);
        } else {
            for v in &spec.values {
                self.expr(v);
            }
        }
        for n in spec.names.iter().rev() {
            self.store_ident(n);
        }
    }

    pub(crate) fn store_ident(&mut self, n: &Ident) {
        match self.info.obj_of(n.id) {
            Some(o) if n.name != "_" => self.store_obj(o),
            _ => {
                self.emit(Op::Pop);
            }
        }
    }

    pub(crate) fn store_obj(&mut self, o: ObjId) {
        match self.info.object(o).kind {
            ObjKind::Var {
                global: Some(g), ..
            } => self.emit(Op::StoreGlobal(g)),
            _ => {
                let s = self.slot_for(o);
                self.emit(Op::Store(s))
            }
        };
    }

    /// Pops the top of the stack into the location `lhs`.
    pub(crate) fn store(&mut self, lhs: &Expr) {
        match &lhs.unparen().kind {
            ExprKind::Name(n) if n != "_" => match self.info.obj_of(lhs.unparen().id) {
                Some(o) => self.store_obj(o),
                None => {
                    self.emit(Op::Pop);
                }
            },
            _ => {
                self.emit(Op::Pop);
            }
        }
    }
}
