//! Package-level work: the universe scope, collecting package objects and imports, lazily
//! checking package-level declarations (`objDecl`), function bodies with `missing return` and
//! unused variables, and unused imports (`types2/resolver.go`, `decl.go`, `stmt.go` `funcBody`,
//! `universe.go`).

use super::*;

impl Checker<'_> {
    pub(crate) fn universe(&mut self) {
        self.scopes.push(Scope::default());
        use BasicKind::*;
        let types: [(&str, Type); 20] = [
            ("bool", Type::Basic(Bool)),
            ("int", Type::Basic(Int)),
            ("int8", Type::Basic(Int8)),
            ("int16", Type::Basic(Int16)),
            ("int32", Type::Basic(Int32)),
            ("rune", Type::Basic(Int32)),
            ("int64", Type::Basic(Int64)),
            ("uint", Type::Basic(Uint)),
            ("uint8", Type::Basic(Uint8)),
            ("byte", Type::Basic(Uint8)),
            ("uint16", Type::Basic(Uint16)),
            ("uint32", Type::Basic(Uint32)),
            ("uint64", Type::Basic(Uint64)),
            ("uintptr", Type::Basic(Uintptr)),
            ("float32", Type::Basic(Float32)),
            ("float64", Type::Basic(Float64)),
            ("string", Type::Basic(String)),
            ("any", Type::Interface),
            ("error", Type::Error),
            ("comparable", Type::Interface),
        ];
        for (name, ty) in types {
            let id = self.new_object(name, ObjKind::TypeName, ty, 0);
            self.scopes[0].names.insert(name.to_string(), id);
        }
        let consts = [
            ("true", ConstValue::Bool(true), Type::Basic(UntypedBool)),
            ("false", ConstValue::Bool(false), Type::Basic(UntypedBool)),
            ("iota", ConstValue::Int(0), Type::Basic(UntypedInt)),
        ];
        for (name, v, ty) in consts {
            let id = self.new_object(name, ObjKind::Const(v), ty, 0);
            self.scopes[0].names.insert(name.to_string(), id);
        }
        let nil = self.new_object("nil", ObjKind::Nil, Type::Basic(UntypedNil), 0);
        self.scopes[0].names.insert("nil".into(), nil);
        use Builtin::*;
        for b in [
            Append, Cap, Clear, Close, Complex, Copy, Delete, Imag, Len, Make, Max, Min, New,
            Panic, Print, Println, Real, Recover,
        ] {
            let id = self.new_object(b.name(), ObjKind::Builtin(b), Type::Invalid, 0);
            self.scopes[0].names.insert(b.name().to_string(), id);
        }
    }

    /// Collects package-level objects into the package scope and imports into the file scope.
    pub(crate) fn collect_objects(&mut self) {
        let file = self.file;
        self.scopes.push(Scope::default()); // package
        for (i, d) in file.decls.iter().enumerate() {
            match d {
                Decl::Func(f) => {
                    let fi = self.info.funcs.len() as u32;
                    let obj = self.new_object(
                        &f.name.name,
                        ObjKind::Func(fi),
                        Type::Invalid,
                        f.name.span.start,
                    );
                    self.info.funcs.push(FuncInfo {
                        name: f.name.name.clone(),
                        obj,
                        sig: Rc::new(Signature {
                            params: vec![],
                            results: vec![],
                            variadic: false,
                        }),
                        decl: i,
                        params: vec![],
                        results: vec![],
                        recv: None,
                    });
                    if f.recv.is_some() {
                        // Methods are attached to their receiver's type, not declared.
                        self.record_obj(f.name.id, obj);
                        continue;
                    }
                    self.pkg_decls.insert(
                        obj,
                        PkgDecl {
                            decl: i,
                            state: DeclState::Unchecked,
                        },
                    );
                    if f.name.name == "init" || f.name.name == "main" && f.name.name == "_" {
                        self.record_obj(f.name.id, obj);
                    } else {
                        self.declare(&f.name, obj);
                    }
                }
                Decl::Var(spec) | Decl::Const(spec) => {
                    let is_const = matches!(d, Decl::Const(_));
                    for name in &spec.names {
                        let kind = if is_const {
                            ObjKind::Const(ConstValue::Int(0))
                        } else {
                            let g = self.info.globals.len() as u32;
                            ObjKind::Var {
                                global: Some(g),
                                param: false,
                            }
                        };
                        let obj = self.new_object(&name.name, kind, Type::Invalid, name.span.start);
                        if !is_const {
                            self.info.globals.push(obj);
                        }
                        self.pkg_decls.insert(
                            obj,
                            PkgDecl {
                                decl: i,
                                state: DeclState::Unchecked,
                            },
                        );
                        self.declare(name, obj);
                    }
                }
                Decl::Type(spec) => {
                    let ty = if spec.alias {
                        Type::Invalid
                    } else {
                        Type::Named(self.new_named(&spec.name.name))
                    };
                    let obj = self.new_object(
                        &spec.name.name,
                        ObjKind::TypeName,
                        ty,
                        spec.name.span.start,
                    );
                    self.pkg_decls.insert(
                        obj,
                        PkgDecl {
                            decl: i,
                            state: DeclState::Unchecked,
                        },
                    );
                    self.declare(&spec.name, obj);
                }
            }
        }
        self.scopes.push(Scope::default()); // file
        for imp in &file.imports {
            let Some(path_lit) = &imp.path else { continue };
            let ExprKind::Lit { raw, .. } = &path_lit.kind else {
                continue;
            };
            let path = String::from_utf8_lossy(&crate::constant::unquote(raw)).into_owned();
            let Some(pkg) = std_package(&path) else {
                self.error(path_lit.span, format!("package {path} is not in std"));
                continue;
            };
            let name = imp
                .name
                .as_ref()
                .map_or(pkg.name.to_string(), |n| n.name.clone());
            let obj = self.new_object(
                &name,
                ObjKind::PkgName(pkg),
                Type::Invalid,
                path_lit.span.start,
            );
            self.imports.push((obj, path_lit.span, pkg.path));
            if name != "_" {
                let ident = Ident {
                    id: imp.name.as_ref().map_or(path_lit.id, |n| n.id),
                    name,
                    span: imp.name.as_ref().map_or(path_lit.span, |n| n.span),
                };
                self.declare(&ident, obj);
            }
        }
    }

    /// Checks all package-level declarations in source order.
    pub(crate) fn package_objects(&mut self) {
        let objs: Vec<ObjId> = self.pkg_decls.keys().copied().collect();
        // Types first (their users need the underlying types), then methods, then the rest.
        for &obj in &objs {
            if matches!(self.obj(obj).kind, ObjKind::TypeName) {
                self.obj_decl(obj);
            }
        }
        self.collect_methods();
        for obj in objs {
            self.obj_decl(obj);
        }
        // Initialization order: package vars in the order their declarations finished checking
        // (dependencies first), which is what types2's initOrder gives for var → var references.
    }

    /// Ensures the package-level object `obj` has its type (types2 `objDecl`).
    pub(crate) fn obj_decl(&mut self, obj: ObjId) {
        let Some(pd) = self.pkg_decls.get(&obj).copied() else {
            return;
        };
        match pd.state {
            DeclState::Done => return,
            DeclState::InProgress => {
                let (name, pos) = (self.obj(obj).name.clone(), self.obj(obj).pos);
                if matches!(self.obj(obj).kind, ObjKind::TypeName) {
                    if !self.obj(obj).ty.is_named() {
                        self.error_at(pos, format!("invalid recursive type alias {name}"));
                    }
                    return;
                }
                if !matches!(self.obj(obj).kind, ObjKind::Func(_)) {
                    self.error_at(
                        pos,
                        format!("initialization cycle or invalid recursive reference to {name}"),
                    );
                    self.obj_mut(obj).ty = Type::Invalid;
                }
                return;
            }
            DeclState::Unchecked => {}
        }
        // Mark all objects of the same declaration as in progress.
        let same: Vec<ObjId> = self
            .pkg_decls
            .iter()
            .filter(|(_, d)| d.decl == pd.decl)
            .map(|(o, _)| *o)
            .collect();
        for o in &same {
            if let Some(d) = self.pkg_decls.get_mut(o) {
                d.state = DeclState::InProgress;
            }
        }
        // Package-level declarations are checked in the package scope (plus file scope),
        // not inside whatever function body referenced them.
        let saved_scopes = self.scopes.split_off(3.min(self.scopes.len()));
        let saved_func = self.func.take();
        let file = self.file;
        match &file.decls[pd.decl] {
            Decl::Func(f) => {
                let fi = match self.obj(obj).kind {
                    ObjKind::Func(i) => i as usize,
                    _ => 0,
                };
                let sig = self.signature(&f.sig);
                self.obj_mut(obj).ty = Type::Func(sig.clone());
                self.info.funcs[fi].sig = sig;
                if f.body.is_none() {
                    self.error(f.name.span, "missing function body");
                }
                if f.name.name == "main" && (!f.sig.params.is_empty() || !f.sig.results.is_empty())
                {
                    self.error(
                        f.name.span,
                        "func main must have no arguments and no return values",
                    );
                }
            }
            Decl::Const(spec) => self.const_spec(spec, true),
            Decl::Var(spec) => {
                self.var_spec(spec, true);
                self.info.init_order.push(pd.decl);
            }
            Decl::Type(spec) => {
                if spec.alias {
                    let t = self.type_expr(&spec.ty);
                    self.obj_mut(obj).ty = t;
                } else if let Type::Named(n) = self.obj(obj).ty.clone() {
                    let u = self.type_expr(&spec.ty).underlying();
                    *n.underlying.borrow_mut() = u;
                }
            }
        }
        self.scopes.extend(saved_scopes);
        self.func = saved_func;
        for o in same {
            if let Some(d) = self.pkg_decls.get_mut(&o) {
                d.state = DeclState::Done;
            }
        }
    }

    /// The signature of a function type (parameters are not declared here).
    pub(crate) fn signature(&mut self, ft: &FuncType) -> Rc<Signature> {
        let mut params = Vec::new();
        let mut variadic = false;
        for f in &ft.params {
            let ty = self.type_expr(&f.ty);
            params.push((f.name.as_ref().map(|n| n.name.clone()), ty));
            variadic |= f.dots;
        }
        let mut results = Vec::new();
        for f in &ft.results {
            let ty = self.type_expr(&f.ty);
            results.push((f.name.as_ref().map(|n| n.name.clone()), ty));
        }
        Rc::new(Signature {
            params,
            results,
            variadic,
        })
    }

    pub(crate) fn function_bodies(&mut self) {
        let file = self.file;
        for fi in 0..self.info.funcs.len() {
            if self.rep.stopped {
                return;
            }
            let decl = self.info.funcs[fi].decl;
            let Decl::Func(f) = &file.decls[decl] else {
                continue;
            };
            let Some(body) = &f.body else { continue };
            let sig = self.info.funcs[fi].sig.clone();
            let ft = match &f.recv {
                Some(r) => {
                    let mut ft = f.sig.clone();
                    ft.params.insert(0, r.clone());
                    ft
                }
                None => f.sig.clone(),
            };
            if f.recv.is_some() && self.info.funcs[fi].recv.is_none() {
                continue;
            }
            let (params, results) = self.func_body(&ft, &sig, body);
            self.info.funcs[fi].params = params;
            self.info.funcs[fi].results = results;
        }
    }

    /// Checks a function body; returns the parameter and result objects.
    pub(crate) fn func_body(
        &mut self,
        ft: &FuncType,
        sig: &Rc<Signature>,
        body: &Block,
    ) -> (Vec<ObjId>, Vec<ObjId>) {
        self.open_scope(true);
        let mut params = Vec::new();
        for (f, (_, ty)) in ft.params.iter().zip(sig.params.iter()) {
            let (name, pos) = match &f.name {
                Some(n) => (n.name.clone(), n.span.start),
                None => ("_".to_string(), f.ty.span.start),
            };
            let ty = if f.dots {
                Type::Slice(Rc::new(ty.clone()))
            } else {
                ty.clone()
            };
            let obj = self.new_object(
                &name,
                ObjKind::Var {
                    global: None,
                    param: true,
                },
                ty,
                pos,
            );
            if let Some(n) = &f.name {
                self.declare(n, obj);
            }
            params.push(obj);
        }
        let mut results = Vec::new();
        for (f, (_, ty)) in ft.results.iter().zip(sig.results.iter()) {
            let (name, pos) = match &f.name {
                Some(n) => (n.name.clone(), n.span.start),
                None => ("".to_string(), f.ty.span.start),
            };
            let obj = self.new_object(
                &name,
                ObjKind::Var {
                    global: None,
                    param: true,
                },
                ty.clone(),
                pos,
            );
            if let Some(n) = &f.name {
                self.declare(n, obj);
            }
            results.push(obj);
        }
        let saved = self.func.replace(FuncContext {
            sig: sig.clone(),
            results: results.clone(),
        });
        let mut pending = Vec::new();
        self.stmt_list(&body.stmts, &mut pending);
        if !sig.results.is_empty() && !stmt::is_terminating_list(&body.stmts) {
            self.error_at(body.rbrace, "missing return");
        }
        self.close_scope(&mut pending);
        self.func = saved;
        // Unused variables, sorted by position (types2 `usage`).
        let mut unused: Vec<(u32, String)> = pending
            .iter()
            .map(|o| self.obj(*o))
            .filter(|o| !o.used && o.name != "_")
            .map(|o| (o.pos, o.name.clone()))
            .collect();
        unused.sort();
        for (pos, name) in unused {
            let len = name.len() as u32;
            self.error(
                Span::new(pos, pos + len),
                format!("declared and not used: {name}"),
            );
        }
        (params, results)
    }

    /// Resolves method receivers and signatures and attaches the methods to their types.
    fn collect_methods(&mut self) {
        let file = self.file;
        for fi in 0..self.info.funcs.len() {
            let Decl::Func(f) = &file.decls[self.info.funcs[fi].decl] else {
                continue;
            };
            let Some(recv) = &f.recv else { continue };
            let (base, ptr) = match &recv.ty.unparen().kind {
                ExprKind::Star(x) => (x.as_ref(), true),
                _ => (&recv.ty, false),
            };
            let rt = self.type_expr(base);
            if rt.is_invalid() {
                continue;
            }
            let Type::Named(named) = &rt else {
                self.error(
                    base.span,
                    format!("cannot define new methods on non-local type {rt}"),
                );
                continue;
            };
            if matches!(named.underlying.borrow().clone(), Type::Pointer(_)) || rt.is_interface() {
                self.error(
                    base.span,
                    format!("invalid receiver type {rt} (pointer or interface type)"),
                );
                continue;
            }
            let msig = self.signature(&f.sig);
            let dup = named
                .methods
                .borrow()
                .iter()
                .find(|m| m.name == f.name.name)
                .map(|m| m.func);
            if let Some(other) = dup {
                let od = self.info.funcs[other as usize].decl;
                let opos = match &file.decls[od] {
                    Decl::Func(g) => g.name.span.start,
                    _ => 0,
                };
                let (line, col) = self.rep.line_index().line_col(opos as usize);
                self.error(
                    f.name.span,
                    format!(
                        "method {}.{} already declared at prog.go:{line}:{col}",
                        named.name, f.name.name
                    ),
                );
                continue;
            }
            if let Type::Struct(fs) = named.underlying.borrow().clone()
                && fs.iter().any(|x| x.name == f.name.name)
            {
                self.error(
                    f.name.span,
                    format!("field and method with the same name {}", f.name.name),
                );
                continue;
            }
            named.methods.borrow_mut().push(crate::types::Method {
                name: f.name.name.clone(),
                sig: msig.clone(),
                ptr_recv: ptr,
                func: fi as u32,
            });
            let mut full = (*msig).clone();
            let recv_ty = if ptr {
                Type::Pointer(Rc::new(rt.clone()))
            } else {
                rt.clone()
            };
            full.params
                .insert(0, (recv.name.as_ref().map(|n| n.name.clone()), recv_ty));
            self.info.funcs[fi].sig = Rc::new(full);
            self.info.funcs[fi].recv = Some((named.clone(), ptr));
            self.info.funcs[fi].name = format!(
                "{}.{}",
                if ptr {
                    format!("(*{})", named.name)
                } else {
                    named.name.clone()
                },
                f.name.name
            );
        }
    }

    pub(crate) fn unused_imports(&mut self) {
        let imports = self.imports.clone();
        for (obj, span, path) in imports {
            if !self.obj(obj).used {
                let name = &self.obj(obj).name;
                let msg = if name != path
                    && name != "_"
                    && std_package(path).is_some_and(|p| p.name != name)
                {
                    format!("\"{path}\" imported as {name} and not used")
                } else {
                    format!("\"{path}\" imported and not used")
                };
                if name != "_" {
                    self.error(span, msg);
                }
            }
        }
    }
}
