//! Types: type expressions (`[]T`, `[N]T`, `map[K]V`, `*T`, `struct{...}`, `interface{...}`,
//! `func(...)`), type declarations (defined types and aliases) with their methods, field and
//! method lookup through embedded fields, method sets, `implements` and assignability
//! (`types2/typexpr.go`, `decl.go` `typeDecl`, `lookup.go`, `methodset.go`, `operand.go`
//! `assignableTo`, `instantiate.go` `implements`).
//!
//! Invariants: a defined type is a [`Named`] whose underlying type is set once its declaration
//! is checked (package-level type declarations are checked before everything else, so their
//! users always see the underlying type); methods are attached to the `Named` when the
//! package's method declarations are collected, before any body is checked.

use super::operand::{Mode, Operand};
use super::{Checker, ObjKind, TypeAndValue};
use crate::ast::*;
use crate::constant::ConstValue;
use crate::types::{BasicKind, FieldType, IfaceMethod, Method, Named, Signature, Type};
use std::cell::RefCell;
use std::rc::Rc;

/// What a selector `x.name` denotes (`types2.Selection`).
#[derive(Clone, Debug, PartialEq)]
pub enum Selection {
    /// A struct field reached through the embedded fields `path` (field indices, the last is
    /// the field itself).
    Field { path: Vec<u32>, ty: Type },
    /// A method of a defined type, reached through the embedded fields `path`.
    Method {
        path: Vec<u32>,
        method: Method,
        named: Rc<Named>,
    },
    /// A method of an interface (the receiver, after `path`, is an interface value).
    IfaceMethod {
        path: Vec<u32>,
        name: String,
        sig: Rc<Signature>,
    },
}

impl Selection {
    pub fn path(&self) -> &[u32] {
        match self {
            Selection::Field { path, .. }
            | Selection::Method { path, .. }
            | Selection::IfaceMethod { path, .. } => path,
        }
    }
}

/// Why a type does not implement an interface (the text after `does not implement I `).
pub(crate) enum Missing {
    Method(String),
    PointerReceiver(String),
    WrongType {
        name: String,
        have: Rc<Signature>,
        want: Rc<Signature>,
    },
}

impl Checker<'_> {
    /// A fresh defined type.
    pub(crate) fn new_named(&mut self, name: &str) -> Rc<Named> {
        self.named_count += 1;
        Rc::new(Named {
            id: self.named_count,
            name: name.to_string(),
            underlying: RefCell::new(Type::Invalid),
            methods: RefCell::new(Vec::new()),
        })
    }

    /// `type Name T` / `type Name = T` inside a function body.
    pub(crate) fn local_type_decl(&mut self, spec: &TypeSpec) {
        if spec.alias {
            let t = self.type_expr(&spec.ty);
            let obj = self.new_object(&spec.name.name, ObjKind::TypeName, t, spec.name.span.start);
            self.declare(&spec.name, obj);
            return;
        }
        let named = self.new_named(&spec.name.name);
        let obj = self.new_object(
            &spec.name.name,
            ObjKind::TypeName,
            Type::Named(named.clone()),
            spec.name.span.start,
        );
        self.declare(&spec.name, obj);
        let u = self.type_expr(&spec.ty).underlying();
        *named.underlying.borrow_mut() = u;
    }

    /// Evaluates a type expression.
    pub(crate) fn type_expr(&mut self, e: &Expr) -> Type {
        let t = self.type_expr_inner(e);
        if !t.is_invalid() {
            self.record(
                e.id,
                TypeAndValue {
                    mode: Mode::TypeExpr,
                    ty: t.clone(),
                    val: None,
                },
            );
        }
        t
    }

    fn type_expr_inner(&mut self, e: &Expr) -> Type {
        match &e.kind {
            ExprKind::Name(name) => {
                let Some(obj) = self.lookup(name) else {
                    self.error(e.span, format!("undefined: {name}"));
                    return Type::Invalid;
                };
                self.record_obj(e.id, obj);
                let o = self.obj(obj);
                if !matches!(o.kind, ObjKind::TypeName) {
                    let msg = format!("{name} is not a type");
                    self.error(e.span, msg);
                    return Type::Invalid;
                }
                let t = o.ty.clone();
                self.obj_mut(obj).used = true;
                if let Type::Basic(k) = t
                    && matches!(
                        k,
                        BasicKind::Uint
                            | BasicKind::Uint64
                            | BasicKind::Uintptr
                            | BasicKind::Float32
                    )
                {
                    self.error(e.span, format!("goscope does not support type {name} yet"));
                    return Type::Invalid;
                }
                t
            }
            ExprKind::Paren(inner) => self.type_expr(inner),
            ExprKind::Star(inner) => {
                let t = self.type_expr(inner);
                if t.is_invalid() {
                    return t;
                }
                Type::Pointer(Rc::new(t))
            }
            ExprKind::ArrayType { len: None, elem } => {
                let t = self.type_expr(elem);
                if t.is_invalid() {
                    return t;
                }
                Type::Slice(Rc::new(t))
            }
            ExprKind::ArrayType {
                len: Some(len),
                elem,
            } => {
                let n = self.expr(len);
                let t = self.type_expr(elem);
                if n.is_invalid() || t.is_invalid() {
                    return Type::Invalid;
                }
                match (&n.val, n.mode) {
                    (Some(ConstValue::Int(v)), Mode::Constant) if *v >= 0 && n.ty.is_integer() => {
                        self.update_expr_type(len, &Type::INT, None);
                        Type::Array(*v as u64, Rc::new(t))
                    }
                    (Some(ConstValue::Int(_)), Mode::Constant) if n.ty.is_integer() => {
                        self.error_op(&n, format!("invalid array length {}", n.expr));
                        Type::Invalid
                    }
                    _ => {
                        self.error_op(&n, format!("array length {n} must be constant"));
                        Type::Invalid
                    }
                }
            }
            ExprKind::MapType(k, v) => {
                let kt = self.type_expr(k);
                let vt = self.type_expr(v);
                if kt.is_invalid() || vt.is_invalid() {
                    return Type::Invalid;
                }
                if !kt.is_comparable() {
                    self.error(k.span, format!("invalid map key type {kt}"));
                    return Type::Invalid;
                }
                Type::Map(Rc::new(kt), Rc::new(vt))
            }
            ExprKind::FuncType(ft) => Type::Func(self.signature(ft)),
            ExprKind::StructType(fields) => {
                let mut out: Vec<FieldType> = Vec::new();
                for f in fields {
                    let t = self.type_expr(&f.ty);
                    let (name, embedded) = match &f.name {
                        Some(n) => (n.name.clone(), false),
                        None => (embedded_name(&f.ty), true),
                    };
                    if name != "_" && out.iter().any(|o| o.name == name) {
                        let span = f.name.as_ref().map_or(f.ty.span, |n| n.span);
                        self.error(span, format!("{name} redeclared"));
                        continue;
                    }
                    out.push(FieldType {
                        name,
                        ty: t,
                        embedded,
                    });
                }
                Type::Struct(out.into())
            }
            ExprKind::InterfaceType(methods) => {
                let mut out: Vec<IfaceMethod> = Vec::new();
                let mut any = false;
                for m in methods {
                    match (&m.name, &m.ty.kind) {
                        (Some(n), ExprKind::FuncType(ft)) => {
                            let sig = self.signature(ft);
                            if out.iter().any(|o| o.name == n.name) {
                                self.error(n.span, format!("duplicate method {}", n.name));
                                continue;
                            }
                            out.push(IfaceMethod {
                                name: n.name.clone(),
                                sig,
                            });
                        }
                        _ => {
                            any = true;
                            let t = self.type_expr(&m.ty);
                            if t.is_invalid() {
                                continue;
                            }
                            if !t.is_interface() {
                                self.error(
                                    m.ty.span,
                                    format!("cannot use {t} as interface (not an interface)"),
                                );
                                continue;
                            }
                            for im in t.iface_methods() {
                                if !out.iter().any(|o| o.name == im.name) {
                                    out.push(im);
                                }
                            }
                        }
                    }
                }
                if out.is_empty() {
                    let _ = any;
                    return Type::Interface;
                }
                out.sort_by(|a, b| a.name.cmp(&b.name));
                if out.len() == 1 && out[0].name == "Error" && *out[0].sig == error_sig() {
                    return Type::Error;
                }
                Type::Iface(out.into())
            }
            ExprKind::ChanType { dir, elem } => {
                let t = self.type_expr(elem);
                if t.is_invalid() {
                    return Type::Invalid;
                }
                Type::Chan(*dir, Rc::new(t))
            }
            ExprKind::Selector(..) if let Some(t) = self.pkg_type_expr(e) => t,
            ExprKind::Selector(..) => {
                self.error(
                    e.span,
                    format!("goscope does not support type {} yet", self.es(e)),
                );
                Type::Invalid
            }
            ExprKind::Bad => Type::Invalid,
            _ => {
                self.error(e.span, format!("{} is not a type", self.es(e)));
                Type::Invalid
            }
        }
    }

    /// Finds field or method `name` of a value of type `t` (`LookupFieldOrMethod`): the
    /// shallowest embedding depth wins; at equal depth two candidates are ambiguous (None).
    pub(crate) fn lookup_field_or_method(&self, t: &Type, name: &str) -> Option<Selection> {
        self.lookup_selection(t, name).ok().flatten()
    }

    /// [`Self::lookup_field_or_method`], telling an ambiguous selector apart from a missing one.
    pub(crate) fn lookup_selection(
        &self,
        t: &Type,
        name: &str,
    ) -> Result<Option<Selection>, super::embedding::Ambiguous> {
        // A pointer to a defined struct type: look inside it (its methods include both kinds).
        let start = match t {
            Type::Pointer(e) => (**e).clone(),
            Type::Named(_) => t.clone(),
            t => match t.underlying() {
                Type::Pointer(e) if !t.is_named() => (*e).clone(),
                _ => t.clone(),
            },
        };
        let mut level: Vec<(Type, Vec<u32>)> = vec![(start, Vec::new())];
        for _depth in 0..8 {
            let mut found: Vec<Selection> = Vec::new();
            let mut next: Vec<(Type, Vec<u32>)> = Vec::new();
            for (ty, path) in &level {
                let ty = match ty {
                    Type::Pointer(e) => (**e).clone(),
                    t => t.clone(),
                };
                if let Type::Named(n) = &ty
                    && let Some(m) = n.methods.borrow().iter().find(|m| m.name == name)
                {
                    found.push(Selection::Method {
                        path: path.clone(),
                        method: m.clone(),
                        named: n.clone(),
                    });
                    continue;
                }
                match ty.underlying() {
                    Type::Struct(fs) => {
                        for (i, f) in fs.iter().enumerate() {
                            let mut p = path.clone();
                            p.push(i as u32);
                            if f.name == name {
                                found.push(Selection::Field {
                                    path: p.clone(),
                                    ty: f.ty.clone(),
                                });
                            } else if f.embedded {
                                next.push((f.ty.clone(), p));
                            }
                        }
                    }
                    u @ (Type::Iface(_) | Type::Error) => {
                        if let Some(m) = u.iface_methods().into_iter().find(|m| m.name == name) {
                            found.push(Selection::IfaceMethod {
                                path: path.clone(),
                                name: m.name,
                                sig: m.sig,
                            });
                        }
                    }
                    _ => {}
                }
            }
            match found.len() {
                0 => {}
                1 => return Ok(found.pop()),
                _ => return Err(super::embedding::Ambiguous),
            }
            if next.is_empty() {
                return Ok(None);
            }
            level = next;
        }
        Ok(None)
    }

    /// Does type `t` implement interface `iface`? (`implements` / `missingMethod`).
    pub(crate) fn missing_method(&self, t: &Type, iface: &Type) -> Option<Missing> {
        for m in iface.iface_methods() {
            if t.is_interface() {
                match t.iface_methods().into_iter().find(|x| x.name == m.name) {
                    None => return Some(Missing::Method(m.name)),
                    Some(x) if !sig_identical(&x.sig, &m.sig) => {
                        return Some(Missing::WrongType {
                            name: m.name,
                            have: x.sig,
                            want: m.sig,
                        });
                    }
                    _ => continue,
                }
            }
            let is_ptr = matches!(t, Type::Pointer(_));
            match self.lookup_field_or_method(t, &m.name) {
                Some(Selection::Method { method, path, .. }) => {
                    if !sig_identical(&method.sig, &m.sig) {
                        return Some(Missing::WrongType {
                            name: m.name,
                            have: method.sig,
                            want: m.sig,
                        });
                    }
                    if method.ptr_recv && !is_ptr && !self.embeds_pointer(t, &path) {
                        return Some(Missing::PointerReceiver(m.name));
                    }
                }
                Some(Selection::IfaceMethod { sig, .. }) => {
                    if !sig_identical(&sig, &m.sig) {
                        return Some(Missing::WrongType {
                            name: m.name,
                            have: sig,
                            want: m.sig,
                        });
                    }
                }
                _ => return Some(Missing::Method(m.name)),
            }
        }
        None
    }

    /// `T does not implement I (missing method M)` and its variants.
    pub(crate) fn not_implements(&self, t: &Type, iface: &Type, why: Missing) -> String {
        let reason = match why {
            Missing::Method(m) => format!("(missing method {m})"),
            Missing::PointerReceiver(m) => format!("(method {m} has pointer receiver)"),
            Missing::WrongType { name, have, want } => {
                let mut h = String::new();
                let mut w = String::new();
                let _ = crate::types::write_signature_to(&mut h, &have);
                let _ = crate::types::write_signature_to(&mut w, &want);
                format!("(wrong type for method {name})\n\t\thave {name}{h}\n\t\twant {name}{w}")
            }
        };
        format!("{t} does not implement {iface} {reason}")
    }

    /// `assignableTo` (without the untyped-constant part, done by the caller). On failure
    /// returns the cause to append to `cannot use ...` messages (may be empty).
    pub(crate) fn assignable_cause(&self, x: &Operand, t: &Type) -> Result<(), String> {
        let v = &x.ty;
        if v.is_invalid() || t.is_invalid() || v == t {
            return Ok(());
        }
        if *v == Type::Basic(BasicKind::UntypedNil) {
            return if t.is_nillable() {
                Ok(())
            } else {
                Err(String::new())
            };
        }
        if v.is_untyped() {
            return if self.implicit_type_and_value(x, t).is_ok() {
                Ok(())
            } else {
                Err(String::new())
            };
        }
        let (vu, tu) = (v.underlying(), t.underlying());
        if vu == tu && (!v.is_named() || !t.is_named()) && !matches!(vu, Type::Basic(_)) {
            return Ok(());
        }
        // A bidirectional channel is assignable to a directional one of the same element.
        if let (Type::Chan(0, ve), Type::Chan(_, te)) = (&vu, &tu)
            && ve == te
            && (!v.is_named() || !t.is_named())
        {
            return Ok(());
        }
        if t.is_interface() {
            return match self.missing_method(v, t) {
                None => Ok(()),
                Some(why) => Err(format!(": {}", self.not_implements(v, t, why))),
            };
        }
        if v.is_interface() && !t.is_interface() && self.missing_method(t, v).is_none() {
            return Err(": need type assertion".to_string());
        }
        Err(String::new())
    }

    /// Is `x` (any mode) convertible to `t` (`convertibleTo`, non-constant part)?
    pub(crate) fn convertible(&self, x: &Operand, t: &Type) -> bool {
        if self.assignable_cause(x, t).is_ok() {
            return true;
        }
        let (v, tu) = (x.ty.underlying(), t.underlying());
        if v == tu {
            return true;
        }
        if let (Type::Pointer(a), Type::Pointer(b)) = (&v, &tu)
            && a.underlying() == b.underlying()
        {
            return true;
        }
        let (vk, tk) = (v.basic(), tu.basic());
        if let (Some(a), Some(b)) = (vk, tk) {
            return (a.is_numeric() && b.is_numeric())
                || (a.is_string() && b.is_string())
                || (a.is_integer() && b.is_string());
        }
        let byte_or_rune_slice = |t: &Type| match t {
            Type::Slice(e) => matches!(e.basic(), Some(BasicKind::Uint8 | BasicKind::Int32)),
            _ => false,
        };
        if tk.is_some_and(BasicKind::is_string) && byte_or_rune_slice(&v) {
            return true;
        }
        if vk.is_some_and(BasicKind::is_string) && byte_or_rune_slice(&tu) {
            return true;
        }
        false
    }
}

/// `func() string`: the signature of `Error`.
pub(crate) fn error_sig() -> Signature {
    Signature {
        params: vec![],
        results: vec![(None, Type::STRING)],
        variadic: false,
    }
}

/// Signatures are identical when their parameter and result types are (names do not matter).
pub(crate) fn sig_identical(a: &Signature, b: &Signature) -> bool {
    a.variadic == b.variadic
        && a.params.len() == b.params.len()
        && a.results.len() == b.results.len()
        && a.params.iter().zip(&b.params).all(|(x, y)| x.1 == y.1)
        && a.results.iter().zip(&b.results).all(|(x, y)| x.1 == y.1)
}

/// The name of an embedded field: the type name without `*`.
fn embedded_name(e: &Expr) -> String {
    match &e.kind {
        ExprKind::Name(n) => n.clone(),
        ExprKind::Star(x) | ExprKind::Paren(x) => embedded_name(x),
        ExprKind::Selector(_, sel) => sel.name.clone(),
        _ => "_".into(),
    }
}
