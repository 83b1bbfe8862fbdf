//! Statements: control flow (`if`, `for`, `switch`, `break`/`continue` with labels), assignments
//! and declarations, compiled to jumps and stores.

use super::place::Loc;
use super::*;

impl Compiler<'_> {
    pub(crate) fn stmts(&mut self, list: &[Stmt]) {
        for s in list {
            self.stmt(s, None);
        }
    }

    pub(crate) fn stmt(&mut self, s: &Stmt, label: Option<&str>) {
        let first_slot = self.f.slot_names.len();
        self.stmt_kind(s, label);
        // Variables declared inside a compound statement go out of scope at its end.
        if matches!(
            s.kind,
            StmtKind::Block(_)
                | StmtKind::If { .. }
                | StmtKind::For { .. }
                | StmtKind::Switch { .. }
                | StmtKind::Range { .. }
                | StmtKind::Select { .. }
                | StmtKind::Labeled { .. }
        ) {
            self.close_scope(first_slot);
        }
    }

    fn stmt_kind(&mut self, s: &Stmt, label: Option<&str>) {
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
            StmtKind::Assign {
                lhs, rhs, define, ..
            } => {
                if rhs.len() == 1 && lhs.len() > 1 {
                    self.expr_multi(&rhs[0]);
                } else {
                    for (l, r) in lhs.iter().zip(rhs) {
                        let lt = self.ty(l);
                        if lt.is_invalid() || *define {
                            self.expr(r);
                        } else {
                            self.expr_to(r, &lt);
                        }
                    }
                }
                for l in lhs.iter().rev() {
                    if *define
                        && let ExprKind::Name(_) = &l.kind
                        && let Some(o) = self.info.obj_of(l.id)
                        && self.info.object(o).pos == l.span.start
                    {
                        self.define_var(o);
                        continue;
                    }
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
                // Go 1.22: each iteration has its own copy of the loop variables; escaping ones
                // get a fresh cell holding the current value before the post statement.
                if let Some(init) = init
                    && let StmtKind::Assign {
                        lhs, define: true, ..
                    } = &init.kind
                {
                    for l in lhs {
                        if let Some(o) = self.info.obj_of(l.id)
                            && let Loc::Boxed(slot) = self.loc(o)
                        {
                            let t = self.info.object(o).ty.clone();
                            let tid = self.rtype(&t);
                            self.emit(Op::Load(slot));
                            self.emit(Op::Deref);
                            self.emit(Op::Box(tid));
                            self.emit(Op::Store(slot));
                        }
                    }
                }
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
                let objs = self.f.result_objs.clone();
                if results.is_empty() {
                } else if results.len() == 1 && objs.len() > 1 {
                    self.expr_multi(&results[0]);
                } else {
                    for (r, o) in results.iter().zip(&objs) {
                        let t = self.info.object(*o).ty.clone();
                        self.expr_to(r, &t);
                    }
                }
                if !results.is_empty() {
                    for o in objs.iter().rev() {
                        self.store_var(*o);
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
            StmtKind::Range {
                key,
                value,
                define,
                x,
                body,
            } => self.range(key.as_ref(), value.as_ref(), *define, x, body, label),
            StmtKind::GoDefer { go, call } => self.defer_or_go(call, *go),
            StmtKind::Send { ch, value } => self.send_stmt(ch, value),
            StmtKind::Select { clauses, .. } => self.select_stmt(s.span.start, clauses, label),
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
        let type_switch = matches!(tag.map(|t| &t.kind), Some(ExprKind::Assert(_, None)));
        let tag_type = tag.map(|t| match &t.kind {
            ExprKind::Assert(x, None) => self.ty(x),
            _ => self.ty(t),
        });
        let tag_slot = tag.map(|t| {
            match &t.kind {
                ExprKind::Assert(x, None) => self.expr(x),
                _ => self.expr(t),
            }
            let s = self.temp_slot();
            self.emit(Op::Store(s));
            s
        });
        let tt = tag_type.clone().unwrap_or_default();
        // Tests: for each clause, jump to its body when a case matches.
        let mut body_jumps: Vec<Vec<usize>> = Vec::new();
        let mut case = 0;
        for c in clauses {
            let mut js = Vec::new();
            for e in &c.exprs {
                self.at(e.span.start);
                match tag_slot {
                    Some(s) if type_switch => {
                        self.emit(Op::Load(s));
                        let ct = self.ty(e);
                        if matches!(&e.kind, ExprKind::Name(n) if n == "nil")
                            && !ct.is_named()
                            && ct.basic().is_none_or(|k| k == BasicKind::UntypedNil)
                            && self
                                .info
                                .obj_of(e.id)
                                .is_some_and(|o| matches!(self.info.object(o).kind, ObjKind::Nil))
                        {
                            self.emit(Op::Nil);
                            self.emit(Op::EqDeep);
                        } else {
                            let tid = self.rtype(&ct);
                            self.emit(Op::IsType { t: tid, case });
                        }
                    }
                    Some(s) => {
                        self.emit(Op::Load(s));
                        self.expr_to(e, &tt);
                        self.binary_op(TOp::Eql, &tt);
                    }
                    None => self.expr(e),
                }
                case += 1;
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
            let clause_slots = self.f.slot_names.len();
            if type_switch
                && let (Some(o), Some(s)) =
                    (self.info.implicits.get(&c.span.start).copied(), tag_slot)
            {
                self.emit(Op::Load(s));
                let vt = self.info.object(o).ty.clone();
                if !vt.is_interface() && !vt.is_invalid() {
                    let tid = self.rtype(&vt);
                    let src = self.rtype(&tt);
                    self.emit(Op::Assert {
                        t: tid,
                        comma_ok: false,
                        src,
                        bind: true,
                    });
                }
                self.define_var(o);
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
            self.close_scope(clause_slots);
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
                self.zero(&t);
                self.store_ident(n);
            }
            return;
        }
        if spec.values.len() == 1 && spec.names.len() > 1 {
            self.expr_multi(&spec.values[0]);
        } else {
            for (v, n) in spec.values.iter().zip(&spec.names) {
                let t = self
                    .info
                    .obj_of(n.id)
                    .map(|o| self.info.object(o).ty.clone())
                    .unwrap_or_default();
                self.expr_to(v, &t);
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
        self.define_var(o);
    }
}
