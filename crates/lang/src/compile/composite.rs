//! Composite expressions and calls: selectors, index and slice expressions, `&x`/`*p`,
//! composite literals, closures, type assertions, conversions, built-ins, calls of functions,
//! methods, interface methods and function values (with variadic packing), `defer` and
//! `for range`.

use super::place::Loc;
use super::*;
use crate::check::{Mode, Selection};
use crate::types::Signature;
use std::rc::Rc;

impl Compiler<'_> {
    /// Expressions not handled by `expr_multi` itself; returns the number of values pushed.
    pub(crate) fn composite_expr(&mut self, e: &Expr) -> usize {
        self.at(e.span.start);
        match &e.kind {
            ExprKind::Index(x, i) => {
                let xt = self.ty(x);
                match xt.underlying() {
                    Type::Map(_, v) => {
                        let kt = match xt.underlying() {
                            Type::Map(k, _) => (*k).clone(),
                            _ => Type::Invalid,
                        };
                        self.expr(x);
                        self.expr_to(i, &kt);
                        let zero = self.rtype(&v);
                        let comma_ok = self.info.comma_ok.contains(&e.id);
                        self.at(e.span.start);
                        self.emit(Op::MapIndex { zero, comma_ok });
                        return if comma_ok { 2 } else { 1 };
                    }
                    Type::Basic(_) => {
                        self.expr(x);
                        self.expr(i);
                        self.at(e.span.start);
                        self.emit(Op::IndexString);
                    }
                    Type::Slice(_) => {
                        self.expr(x);
                        self.expr(i);
                        self.at(e.span.start);
                        self.emit(Op::IndexSlice);
                    }
                    Type::Pointer(_) => {
                        self.expr(x);
                        self.expr(i);
                        self.at(e.span.start);
                        self.emit(Op::IndexAddr);
                        self.emit(Op::Deref);
                    }
                    _ => {
                        self.expr(x);
                        self.expr(i);
                        self.at(e.span.start);
                        self.emit(Op::IndexArray);
                    }
                }
                1
            }
            ExprKind::Slice { x, lo, hi, max } => {
                let xt = self.ty(x);
                if matches!(xt.underlying(), Type::Array(..)) {
                    self.addr(x);
                } else {
                    self.expr(x);
                }
                for b in [lo, hi, max].into_iter().flatten() {
                    self.expr(b);
                }
                self.at(e.span.start);
                self.emit(Op::SliceExpr {
                    lo: lo.is_some(),
                    hi: hi.is_some(),
                    max: max.is_some(),
                });
                1
            }
            ExprKind::Star(x) => {
                self.expr(x);
                self.at(e.span.start);
                self.emit(Op::Deref);
                1
            }
            ExprKind::Unary {
                op: TOp::And, x, ..
            } => {
                if let ExprKind::CompositeLit { .. } = &x.unparen().kind {
                    let t = self.ty(x);
                    let t = match t.underlying() {
                        Type::Pointer(p) => (*p).clone(),
                        _ => t,
                    };
                    self.composite_lit(x, &t);
                    let tid = self.rtype(&t);
                    self.emit(Op::Box(tid));
                } else {
                    self.addr(x);
                }
                1
            }
            ExprKind::Selector(x, sel) => {
                if let Some(o) = self.info.obj_of(x.id)
                    && let ObjKind::PkgName(pkg) = self.info.object(o).kind
                    && let Some(native) = crate::pkgtypes::var(pkg.path, &sel.name)
                {
                    self.emit(Op::CallNative { native, argc: 0 });
                    return 1;
                }
                // A package type's method value, promoted ones included (their selection
                // records the path to the embedded field).
                if self.info.native_methods.contains_key(&e.id) {
                    self.method_value(e);
                    return 1;
                }
                let Some(Selection::Field { path, .. }) = self.info.selections.get(&e.id).cloned()
                else {
                    self.method_value(e);
                    return 1;
                };
                let xt = self.ty(x);
                self.expr(x);
                self.at(e.span.start);
                self.walk_path(&xt, &path, false);
                1
            }
            ExprKind::CompositeLit { .. } => {
                let t = self.ty(e);
                if let Type::Pointer(p) = t.underlying() {
                    let inner = (*p).clone();
                    self.composite_lit(e, &inner);
                    let tid = self.rtype(&inner);
                    self.emit(Op::Box(tid));
                } else {
                    self.composite_lit(e, &t);
                }
                1
            }
            ExprKind::FuncLit(_, body) => {
                self.func_lit(e, body);
                1
            }
            ExprKind::Assert(x, Some(_)) => {
                let t = self.ty(e);
                let xt = self.ty(x);
                self.expr(x);
                let tid = self.rtype(&t);
                let src = self.rtype(&xt);
                let comma_ok = self.info.comma_ok.contains(&e.id);
                self.at(e.span.start);
                self.emit(Op::Assert {
                    t: tid,
                    comma_ok,
                    src,
                    bind: false,
                });
                if comma_ok { 2 } else { 1 }
            }
            _ => {
                self.emit(Op::Nil);
                1
            }
        }
    }

    /// Follows embedded/selected field `path` from a value of type `t` on the stack. Leaves the
    /// field's value, or with `want_ptr` a pointer to it (an embedded pointer field's own value
    /// when the path ends on one). Returns the type of what it leaves.
    pub(crate) fn walk_path(&mut self, t: &Type, path: &[u32], want_ptr: bool) -> Type {
        let mut cur = t.clone();
        // `addr`: the stack holds the address of a location of type `cur`, not its value.
        let mut addr = false;
        for idx in path {
            let is_ptr = matches!(cur.underlying(), Type::Pointer(_));
            let st = match cur.underlying() {
                Type::Pointer(p) => p.underlying(),
                u => u,
            };
            let ft = match &st {
                Type::Struct(fs) => fs
                    .get(*idx as usize)
                    .map(|f| f.ty.clone())
                    .unwrap_or_default(),
                _ => Type::Invalid,
            };
            if addr && is_ptr {
                self.emit(Op::Deref);
            }
            if addr || is_ptr {
                self.emit(Op::FieldAddr(*idx));
                addr = true;
            } else {
                self.emit(Op::Field(*idx));
            }
            cur = ft;
        }
        if want_ptr {
            if addr && matches!(cur.underlying(), Type::Pointer(_)) {
                self.emit(Op::Deref);
                return cur;
            }
            if addr {
                return Type::Pointer(Rc::new(cur));
            }
            return cur;
        }
        if addr {
            self.emit(Op::Deref);
        }
        cur
    }

    /// Pushes the value of a composite literal of type `t`.
    pub(crate) fn composite_lit(&mut self, e: &Expr, t: &Type) {
        let ExprKind::CompositeLit { elems, .. } = &e.kind else {
            self.expr(e);
            return;
        };
        match t.underlying() {
            Type::Struct(fs) => {
                let keyed = elems
                    .iter()
                    .any(|el| matches!(el.kind, ExprKind::KeyValue(..)));
                for (i, f) in fs.iter().enumerate() {
                    let el = if keyed {
                        elems.iter().find_map(|el| match &el.kind {
                            ExprKind::KeyValue(k, v)
                                if matches!(&k.kind, ExprKind::Name(n) if *n == f.name) =>
                            {
                                Some(&**v)
                            }
                            _ => None,
                        })
                    } else {
                        elems.get(i)
                    };
                    match el {
                        Some(v) => self.elem(v, &f.ty),
                        None => self.zero(&f.ty),
                    }
                }
                self.emit(Op::Agg(fs.len() as u32));
            }
            Type::Array(n, et) => {
                let slots = self.indexed(elems, Some(n as usize));
                for s in &slots {
                    match s {
                        Some(v) => self.elem(v, &et),
                        None => self.zero(&et),
                    }
                }
                self.emit(Op::Agg(n as u32));
            }
            Type::Slice(et) => {
                let slots = self.indexed(elems, None);
                for s in &slots {
                    match s {
                        Some(v) => self.elem(v, &et),
                        None => self.zero(&et),
                    }
                }
                let tid = self.rtype(&et);
                self.emit(Op::SliceLit {
                    elem: tid,
                    n: slots.len() as u32,
                });
            }
            Type::Map(kt, vt) => {
                let tid = self.rtype(t);
                self.emit(Op::MakeMap(tid));
                let tmp = self.temp_slot();
                self.emit(Op::Store(tmp));
                for el in elems {
                    if let ExprKind::KeyValue(k, v) = &el.kind {
                        self.elem(v, &vt);
                        self.emit(Op::Load(tmp));
                        self.elem(k, &kt);
                        self.emit(Op::MapStore);
                    }
                }
                self.emit(Op::Load(tmp));
            }
            _ => {
                self.emit(Op::Nil);
            }
        }
    }

    /// The element expressions of an array or slice literal by index.
    fn indexed<'e>(&self, elems: &'e [Expr], len: Option<usize>) -> Vec<Option<&'e Expr>> {
        let mut out: Vec<Option<&Expr>> = Vec::new();
        let mut idx = 0usize;
        for el in elems {
            let v = if let ExprKind::KeyValue(k, v) = &el.kind {
                if let Some(tv) = self.info.type_of(k.id)
                    && let Some(c) = &tv.val
                    && let Some(n) = c.as_int()
                {
                    idx = n.clamp(0, 1 << 20) as usize;
                }
                &**v
            } else {
                el
            };
            if out.len() <= idx {
                out.resize(idx + 1, None);
            }
            out[idx] = Some(v);
            idx += 1;
        }
        if let Some(n) = len {
            out.resize(n, None);
        }
        out
    }

    /// An element of a composite literal (nested literals may have elided types).
    fn elem(&mut self, v: &Expr, t: &Type) {
        if let ExprKind::CompositeLit { ty: None, .. } = &v.kind {
            let lt = match t.underlying() {
                Type::Pointer(p) => (*p).clone(),
                _ => t.clone(),
            };
            self.composite_lit(v, &lt);
            if matches!(t.underlying(), Type::Pointer(_)) {
                let tid = self.rtype(&lt);
                self.emit(Op::Box(tid));
            }
            return;
        }
        self.expr_to(v, t);
    }

    /// A function literal: compiles its body as a new function and pushes the closure.
    fn func_lit(&mut self, e: &Expr, body: &Block) {
        let Some(lit) = self.info.lits.get(&e.id).cloned() else {
            self.emit(Op::Nil);
            return;
        };
        // Free variables: locals declared outside the literal, referenced inside it.
        let mut caps: Vec<ObjId> = Vec::new();
        let span = e.span;
        let info = self.info;
        super::place::walk_stmts(&body.stmts, &mut |x| {
            if let ExprKind::Name(_) = &x.kind
                && let Some(o) = info.obj_of(x.id)
                && let ObjKind::Var { global: None, .. } = info.object(o).kind
                && !(span.start <= info.object(o).pos && info.object(o).pos < span.end)
                && !caps.contains(&o)
            {
                caps.push(o);
            }
        });
        for c in &caps {
            self.var_addr(*c);
        }
        self.lit_count += 1;
        let name = format!("{}.func{}", self.f_name, self.lit_count);
        let saved = std::mem::take(&mut self.f);
        self.f.captures = caps.clone();
        self.escape_analysis(&body.stmts, &lit.params);
        let named = lit.sig.results.iter().any(|r| r.0.is_some());
        let f = self.function_body(
            name,
            e.span.start,
            &lit.params,
            &lit.results,
            named,
            Some(body),
        );
        self.f = saved;
        let id = FuncId(self.program.functions.len() as u32);
        self.program.functions.push(f);
        self.at(e.span.start);
        self.emit(Op::Closure {
            func: id,
            n: caps.len() as u32,
        });
    }

    /// Pushes arguments for a Go function with signature `sig`, packing variadic ones into a
    /// slice. Returns the number of values pushed.
    pub(crate) fn args_for(&mut self, args: &[Expr], sig: &Signature, dots: bool) -> usize {
        let np = sig.params.len();
        if args.len() == 1 && np > 1 {
            return self.expr_multi(&args[0]);
        }
        if args.len() == 1
            && let Some(tv) = self.info.type_of(args[0].id)
            && let Type::Tuple(ts) = &tv.ty
            && ts.len() > 1
        {
            return self.expr_multi(&args[0]);
        }
        if !sig.variadic || dots {
            for (i, a) in args.iter().enumerate() {
                let pt = match sig.params.get(i) {
                    Some(p) if sig.variadic && dots && i + 1 == np => {
                        Type::Slice(Rc::new(p.1.clone()))
                    }
                    Some(p) => p.1.clone(),
                    None => Type::Invalid,
                };
                self.expr_to(a, &pt);
            }
            return args.len();
        }
        for (i, a) in args.iter().take(np - 1).enumerate() {
            let pt = sig.params[i].1.clone();
            self.expr_to(a, &pt);
        }
        let et = sig.params[np - 1].1.clone();
        let extra = args.len().saturating_sub(np - 1);
        if extra == 0 {
            self.emit(Op::Nil);
        } else {
            for a in &args[np - 1..] {
                self.expr_to(a, &et);
            }
            let tid = self.rtype(&et);
            self.emit(Op::SliceLit {
                elem: tid,
                n: extra as u32,
            });
        }
        np
    }

    /// Pushes the receiver of a method call `x.m(...)` selected through `path`.
    pub(crate) fn receiver(&mut self, x: &Expr, path: &[u32], want_ptr: bool) {
        let xt = self.ty(x);
        let x_ptr = matches!(xt.underlying(), Type::Pointer(_));
        if want_ptr || !path.is_empty() {
            if x_ptr {
                self.expr(x);
            } else {
                self.addr(x);
            }
            let pt = if x_ptr {
                xt.clone()
            } else {
                Type::Pointer(Rc::new(xt.clone()))
            };
            self.walk_path(&pt, path, true);
            if !want_ptr {
                self.emit(Op::Deref);
            }
        } else {
            self.expr(x);
            if x_ptr {
                self.emit(Op::Deref);
            }
        }
    }

    pub(crate) fn call_expr(&mut self, e: &Expr) -> usize {
        let ExprKind::Call {
            fun, args, dots, ..
        } = &e.kind
        else {
            return 0;
        };
        let fun_tv = self.info.type_of(fun.id).cloned();
        if let Some(tv) = &fun_tv
            && tv.mode == Mode::TypeExpr
        {
            let to = tv.ty.clone();
            let Some(arg) = args.first() else { return 0 };
            self.conversion(arg, &to);
            return 1;
        }
        let f = fun.unparen();
        let callee = match &f.kind {
            ExprKind::Name(_) => self
                .info
                .obj_of(f.id)
                .map(|o| self.info.object(o).kind.clone()),
            _ => None,
        };
        if let Some(ObjKind::Builtin(b)) = &callee {
            return self.builtin(e, *b, args, *dots);
        }
        if let Some(ObjKind::Func(fi)) = callee {
            let sig = self.info.funcs[fi as usize].sig.clone();
            self.args_for(args, &sig, *dots);
            self.at(e.span.start);
            self.emit(Op::Call(FuncId(fi)));
            return sig.results.len();
        }
        if let ExprKind::Selector(base, sel) = &f.kind {
            if let Some(o) = self.info.obj_of(base.id)
                && let ObjKind::PkgName(pkg) = self.info.object(o).kind
                && let Some(native) = pkg.member(&sel.name)
            {
                let sig = native.signature();
                let argc = self.native_args(args, &sig, *dots);
                self.at(e.span.start);
                if *dots {
                    self.emit(Op::CallNativeSpread {
                        native,
                        argc: argc as u32,
                    });
                } else {
                    self.emit(Op::CallNative {
                        native,
                        argc: argc as u32,
                    });
                }
                return sig.results.len();
            }
            if let Some(native) = self.info.native_methods.get(&f.id).copied() {
                // A package type's method: the receiver's address (its value for the
                // read-only methods of Duration, Time, Timespec), then the arguments.
                let path = self.native_receiver_path(f);
                self.receiver(base, &path, !crate::pkgtypes::takes_value(native));
                let sig = native.signature();
                let argc = self.native_args(args, &sig, false) + 1;
                self.at(e.span.start);
                self.emit(Op::CallNative {
                    native,
                    argc: argc as u32,
                });
                return sig.results.len();
            }
            // `T.M(x, ...)` is a call of a method expression: a function value.
            let method_expr = self
                .info
                .type_of(base.id)
                .is_some_and(|tv| tv.mode == Mode::TypeExpr);
            match self.info.selections.get(&f.id).cloned() {
                _ if method_expr => {}
                Some(Selection::Method { path, method, .. }) => {
                    self.receiver(base, &path, method.ptr_recv);
                    let n = self.args_for(args, &method.sig, *dots);
                    let _ = n;
                    self.at(e.span.start);
                    self.emit(Op::Call(FuncId(method.func)));
                    return method.sig.results.len();
                }
                Some(Selection::IfaceMethod { path, name, sig }) => {
                    let bt = self.ty(base);
                    self.expr(base);
                    let it = self.walk_path(&bt, &path, false);
                    let inter = self.rtype(&it);
                    let argc = self.args_for(args, &sig, *dots);
                    let name = self.intern(name.as_bytes());
                    self.at(e.span.start);
                    self.emit(Op::CallIface {
                        name,
                        argc: argc as u32,
                        inter,
                    });
                    return sig.results.len();
                }
                _ => {}
            }
        }
        // A function value.
        let ft = self.ty(fun);
        let Type::Func(sig) = ft.underlying() else {
            return 0;
        };
        self.expr(fun);
        let argc = self.args_for(args, &sig, *dots);
        self.at(e.span.start);
        self.emit(Op::CallValue { argc: argc as u32 });
        sig.results.len()
    }

    /// Arguments of a native: flat, each converted to its parameter type.
    fn native_args(&mut self, args: &[Expr], sig: &Signature, dots: bool) -> usize {
        if args.len() == 1
            && let Some(tv) = self.info.type_of(args[0].id)
            && let Type::Tuple(ts) = &tv.ty
            && ts.len() > 1
        {
            return self.expr_multi(&args[0]);
        }
        let np = sig.params.len();
        for (i, a) in args.iter().enumerate() {
            let pt = if dots && i + 1 == args.len() {
                self.ty(a)
            } else {
                sig.params
                    .get(i.min(np.saturating_sub(1)))
                    .map(|p| p.1.clone())
                    .unwrap_or_default()
            };
            self.expr_to(a, &pt);
        }
        args.len()
    }

    /// `T(x)`.
    fn conversion(&mut self, arg: &Expr, to: &Type) {
        let from = self.ty(arg);
        self.expr(arg);
        let elem_kind = |t: &Type| match t.underlying() {
            Type::Slice(e) => e.basic(),
            _ => None,
        };
        if to.is_interface() {
            self.convert_for(&from, to);
        } else if to.is_float() && from.is_integer() {
            self.emit(Op::Convert(Conversion::IntToFloat));
        } else if to.is_integer() && from.is_float() {
            self.emit(Op::Convert(Conversion::FloatToInt));
            if let Some(k) = int_kind(to) {
                self.emit(Op::Wrap(k));
            }
        } else if to.is_string() && from.is_integer() {
            self.emit(Op::Convert(Conversion::RuneToString));
        } else if to.is_string() && elem_kind(&from) == Some(BasicKind::Uint8) {
            self.emit(Op::Convert(Conversion::BytesToString));
        } else if to.is_string() && elem_kind(&from) == Some(BasicKind::Int32) {
            self.emit(Op::Convert(Conversion::RunesToString));
        } else if from.is_string() && elem_kind(to) == Some(BasicKind::Uint8) {
            self.emit(Op::Convert(Conversion::StringToBytes));
        } else if from.is_string() && elem_kind(to) == Some(BasicKind::Int32) {
            self.emit(Op::Convert(Conversion::StringToRunes));
        } else if to.is_integer()
            && let Some(k) = int_kind(to)
        {
            self.emit(Op::Wrap(k));
        }
    }

    fn builtin(&mut self, e: &Expr, b: Builtin, args: &[Expr], dots: bool) -> usize {
        match b {
            Builtin::Len | Builtin::Cap => {
                let Some(a) = args.first() else { return 0 };
                let at = self.ty(a);
                if matches!(at.underlying(), Type::Chan(..)) {
                    self.expr(a);
                    self.at(e.span.start);
                    self.emit(if b == Builtin::Len {
                        Op::ChanLen
                    } else {
                        Op::ChanCap
                    });
                    return 1;
                }
                if matches!(at.underlying(), Type::Array(..)) && self.is_addressable_var(a) {
                    self.addr(a);
                } else {
                    self.expr(a);
                }
                self.at(e.span.start);
                self.emit(if b == Builtin::Len { Op::Len } else { Op::Cap });
                1
            }
            Builtin::Append => {
                let st = self.ty(e);
                let et = match st.underlying() {
                    Type::Slice(el) => (*el).clone(),
                    _ => Type::Invalid,
                };
                let tid = self.rtype(&et);
                self.expr(&args[0]);
                if dots {
                    if let Some(a) = args.get(1) {
                        self.expr(a);
                    }
                    self.at(e.span.start);
                    self.emit(Op::AppendSlice(tid));
                } else {
                    for a in &args[1..] {
                        self.expr_to(a, &et);
                    }
                    self.at(e.span.start);
                    self.emit(Op::Append {
                        elem: tid,
                        n: (args.len() - 1) as u32,
                    });
                }
                1
            }
            Builtin::Make => {
                let t = self.ty(e);
                let tid = self.rtype(&t);
                match t.underlying() {
                    Type::Chan(_, el) => {
                        self.zero(&el);
                        match args.get(1) {
                            Some(a) => self.expr_to(a, &Type::INT),
                            None => {
                                self.emit(Op::Int(0));
                            }
                        }
                        self.at(e.span.start);
                        self.emit(Op::MakeChan);
                    }
                    Type::Slice(el) => {
                        let etid = self.rtype(&el);
                        match args.len() {
                            3 => {
                                self.expr(&args[1]);
                                self.expr(&args[2]);
                            }
                            _ => {
                                self.expr(&args[1]);
                                let tmp = self.temp_slot();
                                self.emit(Op::Store(tmp));
                                self.emit(Op::Load(tmp));
                                self.emit(Op::Load(tmp));
                            }
                        }
                        self.at(e.span.start);
                        self.emit(Op::MakeSlice(etid));
                    }
                    _ => {
                        if let Some(a) = args.get(1) {
                            self.expr(a);
                            self.emit(Op::Pop);
                        }
                        self.at(e.span.start);
                        self.emit(Op::MakeMap(tid));
                    }
                }
                1
            }
            Builtin::New => {
                let t = match self.ty(e).underlying() {
                    Type::Pointer(p) => (*p).clone(),
                    _ => Type::Invalid,
                };
                self.zero(&t);
                let tid = self.rtype(&t);
                self.at(e.span.start);
                self.emit(Op::Box(tid));
                1
            }
            Builtin::Delete => {
                let mt = self.ty(&args[0]);
                let kt = match mt.underlying() {
                    Type::Map(k, _) => (*k).clone(),
                    _ => Type::Invalid,
                };
                self.expr(&args[0]);
                self.expr_to(&args[1], &kt);
                self.at(e.span.start);
                self.emit(Op::MapDelete);
                0
            }
            Builtin::Copy => {
                self.expr(&args[0]);
                self.expr(&args[1]);
                self.at(e.span.start);
                self.emit(Op::Copy);
                1
            }
            Builtin::Recover => {
                self.at(e.span.start);
                self.emit(Op::Recover);
                1
            }
            Builtin::Close => {
                if let Some(a) = args.first() {
                    self.expr(a);
                }
                self.at(e.span.start);
                self.emit(Op::ChanClose);
                0
            }
            Builtin::Panic => {
                if let Some(a) = args.first() {
                    self.expr_to(a, &Type::Interface);
                }
                self.at(e.span.start);
                self.emit(Op::Panic);
                0
            }
            Builtin::Print | Builtin::Println => {
                let argc = self.args(args);
                self.at(e.span.start);
                self.emit(Op::Print {
                    argc: argc as u32,
                    newline: b == Builtin::Println,
                });
                0
            }
            _ => 0,
        }
    }

    fn is_addressable_var(&self, e: &Expr) -> bool {
        matches!(e.unparen().kind, ExprKind::Name(_))
    }

    /// `defer f(args)` / `go f(args)`: the function value and the arguments are evaluated now.
    pub(crate) fn defer_or_go(&mut self, call: &Expr, go: bool) {
        let op = |argc: usize| {
            if go {
                Op::Go { argc: argc as u32 }
            } else {
                Op::Defer { argc: argc as u32 }
            }
        };
        let ExprKind::Call {
            fun, args, dots, ..
        } = &call.unparen().kind
        else {
            return;
        };
        let f = fun.unparen();
        let callee = match &f.kind {
            ExprKind::Name(_) => self
                .info
                .obj_of(f.id)
                .map(|o| self.info.object(o).kind.clone()),
            _ => None,
        };
        let argc = match callee {
            Some(ObjKind::Builtin(crate::check::Builtin::Close)) if !go => {
                // `defer close(ch)`: the channel is evaluated now, the close runs later.
                self.emit(Op::NativeValue(crate::packages::Native::BuiltinClose));
                if let Some(a) = args.first() {
                    self.expr(a);
                }
                1
            }
            Some(ObjKind::Builtin(b)) => {
                self.defer_builtin(call, b, args, go);
                return;
            }
            Some(ObjKind::Func(fi)) => {
                self.emit(Op::FuncValue(FuncId(fi)));
                let sig = self.info.funcs[fi as usize].sig.clone();
                self.args_for(args, &sig, *dots)
            }
            _ => {
                if let ExprKind::Selector(base, sel) = &f.kind {
                    if let Some(o) = self.info.obj_of(base.id)
                        && let ObjKind::PkgName(pkg) = self.info.object(o).kind
                        && let Some(native) = pkg.member(&sel.name)
                    {
                        self.emit(Op::NativeValue(native));
                        let sig = native.signature();
                        let n = self.native_args(args, &sig, false);
                        self.at(call.span.start);
                        self.emit(op(n));
                        return;
                    }
                    let method_expr = self
                        .info
                        .type_of(base.id)
                        .is_some_and(|tv| tv.mode == Mode::TypeExpr);
                    if let Some(native) = self.info.native_methods.get(&f.id).copied() {
                        self.emit(Op::NativeValue(native));
                        let path = self.native_receiver_path(f);
                        self.receiver(base, &path, !crate::pkgtypes::takes_value(native));
                        let n = self.native_args(args, &native.signature(), false);
                        self.at(call.span.start);
                        self.emit(op(n + 1));
                        return;
                    }
                    if let Some(Selection::Method { path, method, .. }) =
                        self.info.selections.get(&f.id).cloned()
                        && !method_expr
                    {
                        self.emit(Op::FuncValue(FuncId(method.func)));
                        self.receiver(base, &path, method.ptr_recv);
                        let n = self.args_for(args, &method.sig, *dots);
                        self.at(call.span.start);
                        self.emit(op(n + 1));
                        return;
                    }
                }
                let ft = self.ty(fun);
                let Type::Func(sig) = ft.underlying() else {
                    return;
                };
                self.expr(fun);
                self.args_for(args, &sig, *dots)
            }
        };
        self.at(call.span.start);
        self.emit(op(argc));
    }

    /// Defines (`:=`) or assigns the loop variable `e` from the value on top of the stack.
    pub(crate) fn range_assign(&mut self, e: Option<&Expr>, define: bool) {
        match e {
            None => {
                self.emit(Op::Pop);
            }
            Some(e) => {
                if define {
                    match (self.info.obj_of(e.id), &e.kind) {
                        (Some(o), ExprKind::Name(n)) if n != "_" => self.define_var(o),
                        _ => {
                            self.emit(Op::Pop);
                        }
                    }
                } else {
                    self.store(e);
                }
            }
        }
    }

    pub(crate) fn range(
        &mut self,
        key: Option<&Expr>,
        value: Option<&Expr>,
        define: bool,
        x: &Expr,
        body: &Block,
        label: Option<&str>,
    ) {
        let xt = self.ty(x);
        let u = xt.underlying();
        self.at(x.span.start);
        let xs = self.temp_slot();
        let idx = self.temp_slot();
        let n = self.temp_slot();
        if matches!(u, Type::Chan(..)) {
            return self.range_chan(key, define, x, body, label);
        }
        let is_map = matches!(u, Type::Map(..));
        let is_string = matches!(&u, Type::Basic(k) if k.is_string());
        let is_int = matches!(&u, Type::Basic(k) if !k.is_string());
        if is_map {
            self.expr(x);
            self.emit(Op::MapIter);
            self.emit(Op::Store(xs));
        } else {
            self.expr(x);
            self.emit(Op::Store(xs));
            self.emit(Op::Int(0));
            self.emit(Op::Store(idx));
            if is_int {
                self.emit(Op::Load(xs));
            } else {
                self.emit(Op::Load(xs));
                self.emit(Op::Len);
            }
            self.emit(Op::Store(n));
        }
        let top = self.here();
        let exit;
        let width = self.temp_slot();
        if is_map {
            self.emit(Op::Load(xs));
            exit = self.emit(Op::MapNext { end: 0 });
            self.range_assign(value, define);
            self.range_assign(key, define);
            self.emit(Op::Store(xs));
        } else {
            self.emit(Op::Load(idx));
            self.emit(Op::Load(n));
            self.emit(Op::Lt);
            exit = self.emit(Op::JumpIfFalse(0));
            if is_string {
                self.emit(Op::Load(xs));
                self.emit(Op::Load(idx));
                self.emit(Op::DecodeRune);
                self.emit(Op::Store(width));
                self.range_assign(value, define);
            } else if value.is_some() {
                self.emit(Op::Load(xs));
                self.emit(Op::Load(idx));
                match &u {
                    Type::Slice(_) => self.emit(Op::IndexSlice),
                    Type::Pointer(_) => {
                        self.emit(Op::IndexAddr);
                        self.emit(Op::Deref)
                    }
                    _ => self.emit(Op::IndexArray),
                };
                self.range_assign(value, define);
            }
            if key.is_some() {
                self.emit(Op::Load(idx));
                self.range_assign(key, define);
            }
        }
        self.f.targets.push(BranchTarget {
            label: label.map(str::to_string),
            is_loop: true,
            breaks: vec![],
            continues: vec![],
        });
        self.stmts(&body.stmts);
        let cont = self.here();
        if !is_map {
            self.emit(Op::Load(idx));
            if is_string {
                self.emit(Op::Load(width));
            } else {
                self.emit(Op::Int(1));
            }
            self.emit(Op::Add);
            self.emit(Op::Store(idx));
        }
        self.emit(Op::Jump(top));
        let end = self.here();
        match self.f.code.get_mut(exit) {
            Some(Op::MapNext { end: t }) => *t = end,
            _ => self.patch(exit, end),
        }
        if let Some(t) = self.f.targets.pop() {
            for b in t.breaks {
                self.patch(b, end);
            }
            for c in t.continues {
                self.patch(c, cont);
            }
        }
        let _ = Loc::Slot(0);
    }
}
