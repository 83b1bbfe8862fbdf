//! Embedded fields in selectors and method sets (spec "Struct types", "Selectors",
//! "Method sets"; `types2/lookup.go` `lookupFieldOrMethod`, its `indirect` result, and the
//! `ambiguous selector` error of `selector` in `call.go`).
//!
//! A selector `x.f` denotes the field or method `f` at the shallowest depth of embedding; two
//! candidates at that depth make the selector ambiguous (an error only when it is used: the
//! struct type itself is fine). A promoted method with a pointer receiver is in the method set
//! of the embedding struct value only when the embedding goes through a pointer field (`*E`),
//! since only then is the embedded receiver addressable from a copy of the struct.

use super::Checker;
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
}
