//! Package types in the checker (`sync.WaitGroup`, `sync.Mutex`, ...; see `crate::pkgtypes`):
//! `sync.Mutex` as a type, and calls of their methods, recorded in
//! `Info::native_methods` for the compiler, which passes the receiver's address.

use super::Checker;
use super::ObjKind;
use super::operand::{Mode, Operand};
use crate::ast::{Expr, ExprKind, Ident};
use crate::pkgtypes;

impl Checker<'_> {
    /// `pkg.T` in a type context, if `pkg` is an imported package and `T` one of its types.
    pub(crate) fn pkg_type_expr(&mut self, e: &Expr) -> Option<crate::types::Type> {
        let ExprKind::Selector(base, sel) = &e.kind else {
            return None;
        };
        let ExprKind::Name(name) = &base.kind else {
            return None;
        };
        let obj = self.lookup(name)?;
        let ObjKind::PkgName(pkg) = self.obj(obj).kind else {
            return None;
        };
        let t = pkgtypes::lookup(pkg.path, &sel.name)?;
        self.obj_mut(obj).used = true;
        self.record_obj(base.id, obj);
        Some(t)
    }

    /// `x.M` where `x` has a package type (or points to one): the method's signature, for a
    /// call or a method value (`time.AfterFunc(d, wg.Done)`).
    pub(crate) fn pkg_method_selector(
        &mut self,
        e: &Expr,
        b: &Operand,
        sel: &Ident,
        x: &mut Operand,
    ) -> bool {
        if !pkgtypes::is_pkg_type(&b.ty) {
            return false;
        }
        let Some(native) = pkgtypes::method(&b.ty, &sel.name) else {
            if pkgtypes::has_field(&b.ty, &sel.name) {
                // `t.C` of a Timer/Ticker: an ordinary field selection.
                return false;
            }
            self.error(
                sel.span,
                format!(
                    "{}.{} undefined (type {} has no field or method {})",
                    b.expr, sel.name, b.ty, sel.name
                ),
            );
            return true;
        };
        self.native_method_operand(e, native, x);
        true
    }

    /// Makes `x` the native method `native` selected by `e` (`b.sel`): called, or a method
    /// value binding the receiver (the compiler wraps it in `pkg.(*T).M-fm`).
    pub(crate) fn native_method_operand(
        &mut self,
        e: &Expr,
        native: crate::packages::Native,
        x: &mut Operand,
    ) {
        x.mode = Mode::Value;
        x.ty = native.func_type();
        self.info.native_methods.insert(e.id, native);
    }
}
