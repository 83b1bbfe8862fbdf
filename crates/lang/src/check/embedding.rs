//! Embedded fields in selectors and method sets (spec "Struct types", "Selectors",
//! "Method sets"; `types2/lookup.go` `lookupFieldOrMethod`, its `indirect` result, and the
//! `ambiguous selector` error of `selector` in `call.go`).
//!
//! A selector `x.f` denotes the field or method `f` at the shallowest depth of embedding; two
//! candidates at that depth make the selector ambiguous (an error only when it is used: the
//! struct type itself is fine). A promoted method with a pointer receiver is in the method set
//! of the embedding struct value only when the embedding goes through a pointer field (`*E`),
//! since only then is the embedded receiver addressable from a copy of the struct.
//!
//! Package types with native methods (`sync.Mutex`, see `crate::pkgtypes`) can be embedded
//! too (`type Counter struct { sync.Mutex; n int }`, then `c.Lock()`): their methods are
//! promoted for calls, recorded as the native plus the path to the embedded field (as a
//! `Selection::Field`), and the compiler passes that field's address.

use super::Checker;
use super::operand::Operand;
use super::typexpr::Selection;
use crate::ast::{Expr, Ident};
use crate::pkgtypes;
use crate::types::Type;

/// A selector whose name occurs more than once at the shallowest embedding depth.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Ambiguous;

impl Checker<'_> {
    /// Does the embedded-field `path` of a method selected from a value of type `t` go through
    /// an embedded pointer field (`lookupFieldOrMethod`'s `indirect`)? Every index of the path
    /// names an embedded field.
    pub(crate) fn embeds_pointer(&self, t: &Type, path: &[u32]) -> bool {
        let mut cur = match t.underlying() {
            Type::Pointer(e) => (*e).clone(),
            _ => t.clone(),
        };
        for idx in path {
            let st = match cur.underlying() {
                Type::Pointer(e) => e.underlying(),
                u => u,
            };
            let Type::Struct(fs) = st else { return false };
            let Some(f) = fs.get(*idx as usize) else {
                return false;
            };
            if matches!(f.ty.underlying(), Type::Pointer(_)) {
                return true;
            }
            cur = f.ty.clone();
        }
        false
    }

    /// `x.M` where `M` is a native method of an embedded package type (shallowest first).
    /// Returns false when there is none.
    pub(crate) fn promoted_pkg_method(
        &mut self,
        e: &Expr,
        b: &Operand,
        sel: &Ident,
        x: &mut Operand,
    ) -> bool {
        let start = match b.ty.underlying() {
            Type::Pointer(t) => (*t).clone(),
            _ => b.ty.clone(),
        };
        let mut level: Vec<(Type, Vec<u32>)> = vec![(start, Vec::new())];
        for _depth in 0..8 {
            let mut next = Vec::new();
            for (t, path) in &level {
                let st = match t.underlying() {
                    Type::Pointer(p) => p.underlying(),
                    u => u,
                };
                let Type::Struct(fs) = st else { continue };
                for (i, f) in fs.iter().enumerate().filter(|(_, f)| f.embedded) {
                    let mut p = path.clone();
                    p.push(i as u32);
                    if let Some(native) = pkgtypes::method(&f.ty, &sel.name) {
                        self.native_method_operand(e, native, x);
                        let ty = f.ty.clone();
                        self.info
                            .selections
                            .insert(e.id, Selection::Field { path: p, ty });
                        return true;
                    }
                    if !pkgtypes::is_pkg_type(&f.ty) {
                        next.push((f.ty.clone(), p));
                    }
                }
            }
            if next.is_empty() {
                return false;
            }
            level = next;
        }
        false
    }
}
