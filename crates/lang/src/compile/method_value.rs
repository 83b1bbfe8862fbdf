//! Method values `x.M` and method expressions `T.M` as function values (spec "Method values",
//! "Method expressions"; the compiler's `methodValueWrapper` (`T.M-fm`) and
//! `methodExprWrapper`).
//!
//! A method value evaluates its receiver when the selector is evaluated — a copy of a value
//! receiver, `&x` for a pointer method on an addressable `x`, the interface value for an
//! interface method — and binds it into a closure over a small wrapper `main.T.M-fm` that
//! forwards its arguments. Later changes to `x` are therefore not seen by a value method.
//!
//! A method expression is the method itself when its receiver is already the first parameter
//! (`T.M` of a value method, `(*T).M` of a pointer method); otherwise (`(*T).M` of a value
//! method, promoted methods, `I.M` of an interface) it is a wrapper that walks to the real
//! receiver, exactly like the wrappers of promoted methods.

use super::Compiler;
use super::promoted::{Promoted, Target};
use crate::ast::*;
use crate::bytecode::*;
use crate::check::{Mode, Selection};
use crate::types::{Signature, Type};

/// What a bound method wrapper (`-fm`) calls.
#[derive(Clone, Copy)]
enum Bound<'a> {
    /// A declared or interface method.
    Target(&'a Target),
    /// A package type's native method (`sync.(*WaitGroup).Done`).
    Native(crate::packages::Native),
}

impl Compiler<'_> {
    /// Pushes the function value denoted by a method value or method expression `e`.
    pub(crate) fn method_value(&mut self, e: &Expr) {
        let ExprKind::Selector(base, _) = &e.kind else {
            self.emit(Op::Nil);
            return;
        };
        if let Some(native) = self.info.native_methods.get(&e.id).copied() {
            // A package type's method (`wg.Done`): its receiver (address, or value for the
            // read-only ones) bound into a closure over a wrapper calling the native.
            let path = self.native_receiver_path(e);
            self.receiver(base, &path, !crate::pkgtypes::takes_value(native));
            let name = format!("{}-fm", native.name());
            let id = self.bound_wrapper(
                &name,
                Bound::Native(native),
                &native.signature(),
                TypeId::default(),
            );
            self.at(e.span.start);
            self.emit(Op::Closure { func: id, n: 1 });
            return;
        }
        let is_expr = self
            .info
            .type_of(base.id)
            .is_some_and(|tv| tv.mode == Mode::TypeExpr);
        let bt = self.ty(base);
        let (path, target, sig, name) = match self.info.selections.get(&e.id).cloned() {
            Some(Selection::Method { path, method, .. }) => {
                let sig = method.sig.clone();
                let name = method.name.clone();
                (path, Target::Method(method), sig, name)
            }
            Some(Selection::IfaceMethod { path, name, sig }) => {
                (path, Target::Iface(name.clone(), sig.clone()), sig, name)
            }
            _ => {
                self.emit(Op::Nil);
                return;
            }
        };
        self.at(e.span.start);
        if is_expr {
            let direct = match &target {
                Target::Method(m) if path.is_empty() => {
                    (m.ptr_recv == matches!(bt, Type::Pointer(_))).then_some(FuncId(m.func))
                }
                _ => None,
            };
            let id = direct.unwrap_or_else(|| {
                let p = Promoted {
                    name,
                    path,
                    indirect: false,
                    target,
                };
                self.method_wrapper(&bt, &p)
            });
            self.emit(Op::FuncValue(id));
            return;
        }
        let mut inter = TypeId::default();
        match &target {
            Target::Method(m) => self.receiver(base, &path, m.ptr_recv),
            Target::Iface(..) => {
                self.expr(base);
                let it = self.walk_path(&bt, &path, false);
                inter = self.rtype(&it);
                self.nil_iface_check();
            }
        }
        let id = self.bound_wrapper(
            &format!("{}.{name}-fm", bt.runtime_name()),
            Bound::Target(&target),
            &sig,
            inter,
        );
        self.at(e.span.start);
        self.emit(Op::Closure { func: id, n: 1 });
    }

    /// Go evaluates `i.M` of a nil interface to a nil-dereference panic right away, not at
    /// the later call: leaves the interface on the stack, or panics.
    fn nil_iface_check(&mut self) {
        let tmp = self.temp_slot();
        self.emit(Op::Store(tmp));
        self.emit(Op::Load(tmp));
        self.emit(Op::Nil);
        self.emit(Op::Eq);
        let skip = self.emit(Op::JumpIfFalse(0));
        self.emit(Op::Nil);
        self.emit(Op::Deref);
        let here = self.here();
        self.patch(skip, here);
        self.emit(Op::Load(tmp));
    }

    /// `func(params) results { return recv.M(params) }` with `recv` the closure's capture 0.
    /// `inter`: the receiver's static interface type when `target` is an interface method.
    fn bound_wrapper(
        &mut self,
        name: &str,
        target: Bound<'_>,
        sig: &Signature,
        inter: TypeId,
    ) -> FuncId {
        let saved = std::mem::take(&mut self.f);
        let np = sig.params.len() as u32;
        let nr = sig.results.len() as u32;
        for _ in 0..np + nr {
            self.temp_slot();
        }
        self.emit(Op::LoadCapture(0));
        for i in 0..np {
            self.emit(Op::Load(i));
        }
        match target {
            Bound::Target(Target::Method(m)) => {
                self.emit(Op::Call(FuncId(m.func)));
            }
            Bound::Target(Target::Iface(name, _)) => {
                let name = self.intern(name.as_bytes());
                self.emit(Op::CallIface {
                    name,
                    argc: np,
                    inter,
                });
            }
            Bound::Native(native) => {
                self.emit(Op::CallNative {
                    native,
                    argc: np + 1,
                });
            }
        }
        for i in (0..nr).rev() {
            self.emit(Op::Store(np + i));
        }
        let ret_pc = self.emit(Op::Return) as u32;
        let f = std::mem::replace(&mut self.f, saved);
        let id = FuncId(self.program.functions.len() as u32);
        self.program.functions.push(Function {
            name: name.to_string(),
            num_params: np,
            num_results: nr,
            num_slots: f.slot_names.len() as u32,
            slot_names: f.slot_names,
            slot_types: f.slot_types,
            code: f.code,
            pos: f.pos,
            decl: Pos { line: 1, col: 1 },
            ret_pc,
            result_boxed: vec![false; nr as usize],
        });
        id
    }
}
