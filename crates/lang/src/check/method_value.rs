//! Method expressions `T.M` / `(*T).M` / `I.M` (spec "Method expressions"; `types2/call.go`
//! `selector`, the `TypeExpr` case). Method values `x.M` are checked with ordinary selectors:
//! they have the method's signature, and `x` must be addressable for a pointer method just as
//! for a call.
//!
//! A method expression is a function whose first parameter is the receiver: `T.M` has type
//! `func(T, params) results`. It exists for every method in the method set of `T`, so
//! `T.M` of a pointer method is an error that suggests `(*T).M`.

use super::Checker;
use super::operand::{Mode, Operand};
use super::typexpr::Selection;
use crate::ast::*;
use crate::types::{Signature, Type};
use std::rc::Rc;

impl Checker<'_> {
    /// `T.M` where `b` is the type expression `T`.
    pub(crate) fn method_expr(&mut self, e: &Expr, b: Operand, sel: &Ident, x: &mut Operand) {
        let found = match self.lookup_selection(&b.ty, &sel.name) {
            Ok(found) => found,
            Err(_) => {
                self.error(
                    sel.span,
                    format!("ambiguous selector {}.{}", b.expr, sel.name),
                );
                return;
            }
        };
        let sig = match &found {
            Some(Selection::Method { method, path, .. }) => {
                let is_ptr = matches!(b.ty, Type::Pointer(_)) || self.embeds_pointer(&b.ty, path);
                if method.ptr_recv && !is_ptr {
                    self.error(
                        sel.span,
                        format!(
                            "invalid method expression {}.{} (needs pointer receiver (*{}).{})",
                            b.expr, sel.name, b.expr, sel.name
                        ),
                    );
                    return;
                }
                method.sig.clone()
            }
            Some(Selection::IfaceMethod { sig, .. }) => sig.clone(),
            _ => {
                self.error(
                    sel.span,
                    format!(
                        "{}.{} undefined (type {} has no method {})",
                        b.expr, sel.name, b.ty, sel.name
                    ),
                );
                return;
            }
        };
        let mut params = vec![(None, b.ty.clone())];
        params.extend(sig.params.iter().cloned());
        x.mode = Mode::Value;
        x.ty = Type::Func(Rc::new(Signature {
            params,
            results: sig.results.clone(),
            variadic: sig.variadic,
        }));
        if let Some(found) = found {
            self.info.selections.insert(e.id, found);
        }
    }
}
