//! Variables and places: which variables live in heap cells, how variables are loaded and
//! stored, how addressable expressions become pointers, and the run-time type table.
//!
//! A local variable lives in its frame slot unless it *escapes* — its address is taken (`&x`,
//! a pointer-method call on it), a function literal captures it, or it is a struct or array
//! (whose fields are updated in place through pointers). An escaping variable's slot holds a
//! pointer to a heap cell (`Op::Box`), created anew each time its declaration runs, which
//! gives Go 1.22's per-iteration loop variables for free; closures capture the pointers. This
//! is coarser than `cmd/compile/internal/escape` (which keeps non-escaping structs on the
//! stack), so the heap views show more allocations than Go would make.

use super::*;
use crate::bytecode::{RField, RKind, RMethod, RType, TypeId, well_known};
use crate::check::Selection;
use std::collections::BTreeSet;

/// Where a variable lives.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Loc {
    Slot(u32),
    /// The slot holds a pointer to the variable's heap cell.
    Boxed(u32),
    /// Captured variable `i` of the running closure (a pointer).
    Capture(u32),
    Global(u32),
}

/// Calls `f` on every expression of a statement list (nested function literals included).
pub(crate) fn walk_stmts(list: &[Stmt], f: &mut dyn FnMut(&Expr)) {
    for s in list {
        walk_stmt(s, f);
    }
}

pub(crate) fn walk_stmt(s: &Stmt, f: &mut dyn FnMut(&Expr)) {
    match &s.kind {
        StmtKind::Empty | StmtKind::Branch { .. } | StmtKind::Type(_) | StmtKind::Const(_) => {}
        StmtKind::Expr(e) => walk_expr(e, f),
        StmtKind::IncDec { x, .. } => walk_expr(x, f),
        StmtKind::Assign { lhs, rhs, .. } => {
            lhs.iter().chain(rhs).for_each(|e| walk_expr(e, f));
        }
        StmtKind::Var(spec) => spec.values.iter().for_each(|e| walk_expr(e, f)),
        StmtKind::Block(b) => walk_stmts(&b.stmts, f),
        StmtKind::If {
            init,
            cond,
            then,
            els,
        } => {
            if let Some(i) = init {
                walk_stmt(i, f);
            }
            if let Some(c) = cond {
                walk_expr(c, f);
            }
            walk_stmts(&then.stmts, f);
            if let Some(e) = els {
                walk_stmt(e, f);
            }
        }
        StmtKind::For {
            init,
            cond,
            post,
            body,
        } => {
            if let Some(i) = init {
                walk_stmt(i, f);
            }
            if let Some(c) = cond {
                walk_expr(c, f);
            }
            if let Some(p) = post {
                walk_stmt(p, f);
            }
            walk_stmts(&body.stmts, f);
        }
        StmtKind::Range {
            key,
            value,
            x,
            body,
            ..
        } => {
            key.iter().chain(value.iter()).for_each(|e| walk_expr(e, f));
            walk_expr(x, f);
            walk_stmts(&body.stmts, f);
        }
        StmtKind::Switch {
            init, tag, clauses, ..
        } => {
            if let Some(i) = init {
                walk_stmt(i, f);
            }
            if let Some(t) = tag {
                walk_expr(t, f);
            }
            for c in clauses {
                c.exprs.iter().for_each(|e| walk_expr(e, f));
                walk_stmts(&c.body, f);
            }
        }
        StmtKind::Send { ch, value } => {
            walk_expr(ch, f);
            walk_expr(value, f);
        }
        StmtKind::Return { results } => results.iter().for_each(|e| walk_expr(e, f)),
        StmtKind::Labeled { stmt, .. } => walk_stmt(stmt, f),
        StmtKind::GoDefer { call, .. } => walk_expr(call, f),
        StmtKind::Select { clauses, .. } => {
            for c in clauses {
                if let Some(comm) = &c.comm {
                    walk_stmt(comm, f);
                }
                walk_stmts(&c.body, f);
            }
        }
    }
}

pub(crate) fn walk_expr(e: &Expr, f: &mut dyn FnMut(&Expr)) {
    f(e);
    match &e.kind {
        ExprKind::Paren(x)
        | ExprKind::Selector(x, _)
        | ExprKind::Unary { x, .. }
        | ExprKind::Star(x)
        | ExprKind::Dots(x) => walk_expr(x, f),
        ExprKind::Assert(x, _) => walk_expr(x, f),
        ExprKind::Index(x, i) => {
            walk_expr(x, f);
            walk_expr(i, f);
        }
        ExprKind::Slice { x, lo, hi, max } => {
            walk_expr(x, f);
            for b in [lo, hi, max].into_iter().flatten() {
                walk_expr(b, f);
            }
        }
        ExprKind::Call { fun, args, .. } => {
            walk_expr(fun, f);
            args.iter().for_each(|a| walk_expr(a, f));
        }
        ExprKind::Binary { x, y, .. } | ExprKind::KeyValue(x, y) => {
            walk_expr(x, f);
            walk_expr(y, f);
        }
        ExprKind::CompositeLit { elems, .. } => elems.iter().for_each(|a| walk_expr(a, f)),
        ExprKind::FuncLit(_, body) => walk_stmts(&body.stmts, f),
        _ => {}
    }
}

impl Compiler<'_> {
    /// The variable an addressable expression is rooted in (`x` of `x.a[3].b`), following only
    /// steps that stay inside the variable (fields of structs, elements of arrays).
    fn root_var(&self, e: &Expr) -> Option<ObjId> {
        match &e.kind {
            ExprKind::Paren(x) => self.root_var(x),
            ExprKind::Name(_) => self.info.obj_of(e.id),
            ExprKind::Selector(x, _) => {
                if matches!(self.ty(x).underlying(), Type::Pointer(_)) {
                    return None;
                }
                self.root_var(x)
            }
            ExprKind::Index(x, _) => match self.ty(x).underlying() {
                Type::Array(..) => self.root_var(x),
                _ => None,
            },
            _ => None,
        }
    }

    /// Adds to `boxed_globals` every package-level variable that escapes in some function
    /// body or package-level initializer (the same rules as for locals, see
    /// [`Self::escape_analysis`]).
    pub(crate) fn escaping_globals(&mut self, file: &File) {
        let mut escaping = BTreeSet::new();
        for decl in &file.decls {
            match decl {
                Decl::Func(d) => {
                    let body = d.body.as_ref().map_or(&[][..], |b| &b.stmts[..]);
                    self.escape_analysis(body, &[]);
                    escaping.extend(std::mem::take(&mut self.f.boxed));
                }
                Decl::Var(spec) => spec.values.iter().for_each(|v| {
                    walk_expr(v, &mut |e| {
                        if let ExprKind::Unary {
                            op: TOp::And, x, ..
                        } = &e.kind
                            && let Some(o) = self.root_var(x)
                        {
                            escaping.insert(o);
                        }
                    })
                }),
                _ => {}
            }
        }
        for o in escaping {
            if let ObjKind::Var {
                global: Some(g), ..
            } = self.info.object(o).kind
            {
                self.boxed_globals.insert(g);
            }
        }
    }

    /// Computes the escaping variables of a function body (and its nested literals).
    pub(crate) fn escape_analysis(&mut self, body: &[Stmt], params: &[ObjId]) {
        let mut boxed: BTreeSet<ObjId> = BTreeSet::new();
        let mut lits: Vec<Span> = Vec::new();
        let mut names: Vec<(ObjId, u32)> = Vec::new();
        walk_stmts(body, &mut |e| match &e.kind {
            ExprKind::Unary {
                op: TOp::And, x, ..
            } => {
                if let Some(o) = self.root_var(x) {
                    boxed.insert(o);
                }
            }
            ExprKind::Call { fun, .. } => {
                if let ExprKind::Selector(x, _) = &fun.unparen().kind
                    && let Some(Selection::Method { method, path, .. }) =
                        self.info.selections.get(&fun.unparen().id)
                    && method.ptr_recv
                    && path.is_empty()
                    && let Some(o) = self.root_var(x)
                {
                    boxed.insert(o);
                }
                // A package type's method takes its receiver's address (`wg.Add`).
                if let ExprKind::Selector(x, _) = &fun.unparen().kind
                    && let Some(&m) = self.info.native_methods.get(&fun.unparen().id)
                    && !crate::pkgtypes::takes_value(m)
                    && let Some(o) = self.root_var(x)
                {
                    boxed.insert(o);
                }
            }
            // A package type's method value binds its receiver's address (`f := wg.Done`).
            ExprKind::Selector(x, _)
                if self
                    .info
                    .native_methods
                    .get(&e.id)
                    .is_some_and(|&m| !crate::pkgtypes::takes_value(m)) =>
            {
                if let Some(o) = self.root_var(x) {
                    boxed.insert(o);
                }
            }
            // Slicing an array variable shares its storage: the array lives on the heap.
            ExprKind::Slice { x, .. } if matches!(self.ty(x).underlying(), Type::Array(..)) => {
                if let Some(o) = self.root_var(x) {
                    boxed.insert(o);
                }
            }
            ExprKind::FuncLit(..) => lits.push(e.span),
            ExprKind::Name(_) => {
                if let Some(o) = self.info.obj_of(e.id) {
                    names.push((o, e.span.start));
                }
            }
            _ => {}
        });
        // Variables declared anywhere in the body (or parameters) referenced from inside a
        // literal that does not contain their declaration are captured.
        for (o, at) in names {
            let obj = self.info.object(o);
            if !matches!(obj.kind, ObjKind::Var { global: None, .. }) {
                continue;
            }
            if lits
                .iter()
                .any(|l| l.start <= at && at < l.end && !(l.start <= obj.pos && obj.pos < l.end))
            {
                boxed.insert(o);
            }
        }
        let _ = params;
        self.f.boxed = boxed;
    }

    /// Is the variable kept in a heap cell?
    pub(crate) fn is_boxed(&self, o: ObjId) -> bool {
        if self.f.boxed.contains(&o) {
            return true;
        }
        let obj = self.info.object(o);
        matches!(obj.kind, ObjKind::Var { .. })
            && matches!(obj.ty.underlying(), Type::Struct(_) | Type::Array(..))
    }

    pub(crate) fn loc(&mut self, o: ObjId) -> Loc {
        if let ObjKind::Var {
            global: Some(g), ..
        } = self.info.object(o).kind
        {
            return Loc::Global(g);
        }
        if let Some(i) = self.f.captures.iter().position(|c| *c == o) {
            return Loc::Capture(i as u32);
        }
        let s = self.slot_for(o);
        if self.is_boxed(o) {
            Loc::Boxed(s)
        } else {
            Loc::Slot(s)
        }
    }

    /// Pushes the value of variable `o`.
    pub(crate) fn load_var(&mut self, o: ObjId) {
        match self.loc(o) {
            Loc::Slot(s) => {
                self.emit(Op::Load(s));
            }
            Loc::Boxed(s) => {
                self.emit(Op::Load(s));
                self.emit(Op::Deref);
            }
            Loc::Capture(i) => {
                self.emit(Op::LoadCapture(i));
                self.emit(Op::Deref);
            }
            Loc::Global(g) => {
                self.emit(Op::LoadGlobal(g));
                if self.global_boxed(g) {
                    self.emit(Op::Deref);
                }
            }
        }
    }

    /// Pushes a pointer to variable `o` (it must be boxed).
    pub(crate) fn var_addr(&mut self, o: ObjId) {
        match self.loc(o) {
            Loc::Slot(s) | Loc::Boxed(s) => self.emit(Op::Load(s)),
            Loc::Capture(i) => self.emit(Op::LoadCapture(i)),
            Loc::Global(g) => self.emit(Op::LoadGlobal(g)),
        };
    }

    pub(crate) fn global_boxed(&self, g: u32) -> bool {
        self.boxed_globals.contains(&g)
    }

    /// Declares variable `o` with the value on top of the stack (a fresh cell if it escapes).
    pub(crate) fn define_var(&mut self, o: ObjId) {
        match self.loc(o) {
            Loc::Boxed(s) => {
                let t = self.info.object(o).ty.clone();
                let tid = self.rtype(&t);
                self.emit(Op::Box(tid));
                self.emit(Op::Store(s));
            }
            _ => self.store_var(o),
        }
    }

    /// Pops the top of the stack into variable `o`.
    pub(crate) fn store_var(&mut self, o: ObjId) {
        match self.loc(o) {
            Loc::Slot(s) => {
                self.emit(Op::Store(s));
            }
            Loc::Boxed(s) => {
                self.emit(Op::Load(s));
                self.emit(Op::StoreDeref);
            }
            Loc::Capture(i) => {
                self.emit(Op::LoadCapture(i));
                self.emit(Op::StoreDeref);
            }
            Loc::Global(g) => {
                if self.global_boxed(g) {
                    self.emit(Op::LoadGlobal(g));
                    self.emit(Op::StoreDeref);
                } else {
                    self.emit(Op::StoreGlobal(g));
                }
            }
        }
    }

    /// Pushes a pointer to the addressable expression `e` (or the map and key of `m[k]`;
    /// returns true in that case).
    pub(crate) fn addr(&mut self, e: &Expr) -> bool {
        match &e.kind {
            ExprKind::Paren(x) => return self.addr(x),
            ExprKind::Name(_) => {
                if let Some(o) = self.info.obj_of(e.id) {
                    self.var_addr(o);
                } else {
                    self.emit(Op::Nil);
                }
            }
            ExprKind::Star(x) => self.expr(x),
            ExprKind::Selector(x, _) => {
                let sel = self.info.selections.get(&e.id).cloned();
                let Some(Selection::Field { path, .. }) = sel else {
                    self.emit(Op::Nil);
                    return false;
                };
                let xt = self.ty(x);
                if matches!(xt.underlying(), Type::Pointer(_)) {
                    self.expr(x);
                } else {
                    self.addr(x);
                }
                self.at(e.span.start);
                for idx in &path {
                    self.emit(Op::FieldAddr(*idx));
                }
            }
            ExprKind::Index(x, i) => {
                let xt = self.ty(x);
                match xt.underlying() {
                    Type::Map(..) => {
                        self.expr(x);
                        let kt = match xt.underlying() {
                            Type::Map(k, _) => (*k).clone(),
                            _ => Type::Invalid,
                        };
                        self.expr_to(i, &kt);
                        return true;
                    }
                    Type::Array(..) => {
                        self.addr(x);
                    }
                    _ => self.expr(x),
                }
                self.expr(i);
                self.at(e.span.start);
                self.emit(Op::IndexAddr);
            }
            _ => {
                // A composite literal (`&T{}`) or any value: box a copy.
                let t = self.ty(e);
                self.expr(e);
                let tid = self.rtype(&t);
                self.emit(Op::Box(tid));
            }
        }
        false
    }

    /// Pops the top of the stack into the place `lhs`.
    pub(crate) fn store(&mut self, lhs: &Expr) {
        let l = lhs.unparen();
        match &l.kind {
            ExprKind::Name(n) if n == "_" => {
                self.emit(Op::Pop);
            }
            ExprKind::Name(_) => match self.info.obj_of(l.id) {
                Some(o) => self.store_var(o),
                None => {
                    self.emit(Op::Pop);
                }
            },
            _ => {
                let map = self.addr(l);
                self.at(l.span.start);
                self.emit(if map { Op::MapStore } else { Op::StoreDeref });
            }
        }
    }

    /// Compiles `e` for a destination of type `target`: concrete values become interfaces.
    pub(crate) fn expr_to(&mut self, e: &Expr, target: &Type) {
        self.expr(e);
        let t = self.ty(e);
        self.convert_for(&t, target);
    }

    /// Converts the value on top of the stack from type `from` for a destination of type `to`.
    pub(crate) fn convert_for(&mut self, from: &Type, to: &Type) {
        if to.is_interface()
            && !from.is_interface()
            && *from != Type::Basic(BasicKind::UntypedNil)
            && !from.is_invalid()
        {
            let tid = self.rtype(&from.default_type());
            let inter = self.rtype(to);
            self.emit(Op::ToIface { t: tid, inter });
        }
    }

    /// Interns the run-time descriptor of `t`.
    pub(crate) fn rtype(&mut self, t: &Type) -> TypeId {
        let t = if *t == Type::Basic(BasicKind::UntypedNil) {
            Type::Interface
        } else {
            t.default_type()
        };
        let name = t.runtime_name();
        if let Some(id) = self.type_ids.get(&name) {
            return *id;
        }
        let id = TypeId(self.program.types.len() as u32);
        self.type_ids.insert(name.clone(), id);
        self.program.types.push(RType {
            name: name.clone(),
            kind: RKind::Bool,
            methods: Vec::new(),
            named: t.is_named(),
            size: 8,
        });
        let kind = match t.underlying() {
            Type::Basic(k) if k.is_boolean() => RKind::Bool,
            Type::Basic(k) if k.is_string() => RKind::String,
            Type::Basic(k) if k.is_float() => RKind::Float,
            Type::Basic(k) if k.is_unsigned() => RKind::Uint(k.bits()),
            Type::Basic(k) => RKind::Int(k.bits()),
            Type::Pointer(e) => RKind::Pointer(self.rtype(&e)),
            Type::Slice(e) => RKind::Slice(self.rtype(&e)),
            Type::Array(n, e) => RKind::Array(n, self.rtype(&e)),
            Type::Map(k, v) => RKind::Map(self.rtype(&k), self.rtype(&v)),
            Type::Struct(fs) => RKind::Struct(
                fs.iter()
                    .map(|f| RField {
                        name: f.name.clone(),
                        ty: self.rtype(&f.ty),
                        embedded: f.embedded,
                    })
                    .collect(),
            ),
            Type::Interface | Type::Error | Type::Iface(_) => {
                RKind::Interface(t.iface_methods().into_iter().map(|m| m.name).collect())
            }
            _ => RKind::Func,
        };
        let size = match &kind {
            RKind::Bool => 1,
            RKind::Int(b) | RKind::Uint(b) => b / 8,
            RKind::String | RKind::Interface(_) => 16,
            RKind::Slice(_) => 24,
            RKind::Array(n, e) => (*n as u32).saturating_mul(self.program.rtype(*e).size),
            RKind::Struct(fs) => fs
                .iter()
                .map(|f| self.program.rtype(f.ty).size)
                .fold(0u32, u32::saturating_add),
            _ => 8,
        };
        // The method set: value receivers for T; all methods for *T.
        let mut methods = Vec::new();
        let (named, is_ptr) = match &t {
            Type::Named(n) => (Some(n.clone()), false),
            Type::Pointer(e) => match &**e {
                Type::Named(n) => (Some(n.clone()), true),
                _ => (None, false),
            },
            _ => (None, false),
        };
        if let Some(n) = named {
            for m in n.methods.borrow().iter() {
                if m.ptr_recv && !is_ptr {
                    continue;
                }
                methods.push(RMethod {
                    name: m.name.clone(),
                    func: FuncId(m.func),
                    deref: is_ptr && !m.ptr_recv,
                });
            }
        }
        // Methods promoted from embedded fields, through wrappers (see `promoted`).
        if matches!(t.underlying(), Type::Struct(_))
            || matches!(&t, Type::Pointer(e) if matches!(e.underlying(), Type::Struct(_)))
        {
            methods.extend(self.promoted_rmethods(&t));
        }
        methods.sort_by(|a, b| a.name.cmp(&b.name));
        let r = &mut self.program.types[id.0 as usize];
        r.kind = kind;
        r.size = size;
        r.methods = methods;
        id
    }

    /// Reserves the well-known type ids (see `bytecode::well_known`).
    pub(crate) fn well_known_types(&mut self) {
        for (name, kind) in [
            ("*errors.errorString", RKind::NativeError),
            ("*fmt.wrapError", RKind::NativeError),
            ("runtime.Error", RKind::NativeError),
            ("*strconv.NumError", RKind::NativeError),
            ("*errors.joinError", RKind::NativeError),
        ] {
            let id = TypeId(self.program.types.len() as u32);
            self.type_ids.insert(name.to_string(), id);
            self.program.types.push(RType {
                name: name.into(),
                kind,
                methods: Vec::new(),
                named: true,
                size: 16,
            });
        }
        for t in [Type::INT, Type::STRING, Type::BOOL, Type::FLOAT64] {
            self.rtype(&t);
        }
        debug_assert_eq!(self.program.types.len() as u32, well_known::COUNT);
    }
}
