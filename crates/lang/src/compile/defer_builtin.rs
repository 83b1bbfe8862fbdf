//! `defer` and `go` of built-in functions: `defer println(x)`, `defer delete(m, k)`,
//! `defer panic(v)`, `go println(x)` (spec "Defer statements": the function value and the
//! arguments are evaluated when the statement executes, the call happens later).
//!
//! A built-in is not a function value, so — like Go's compiler, which wraps such a call in a
//! `deferwrap` closure — goscope evaluates the arguments now and defers a small synthesised
//! function that takes them as parameters and performs the built-in operation. `defer
//! recover()` calls recover from the runtime rather than from a deferred function, so it never
//! stops a panic (Go 1.27 prints the panic and runs on); its thunk does nothing.

use super::Compiler;
use crate::ast::*;
use crate::bytecode::*;
use crate::check::Builtin;
use crate::types::Type;

impl Compiler<'_> {
    /// Emits `defer b(args)` (or `go b(args)` with `go`).
    pub(crate) fn defer_builtin(&mut self, call: &Expr, b: Builtin, args: &[Expr], go: bool) {
        // The thunk's id is needed before its parameter count is known: reserve it.
        let id = FuncId(self.program.functions.len() as u32);
        self.program.functions.push(Function::default());
        self.emit(Op::FuncValue(id));
        let n = match b {
            Builtin::Delete if args.len() == 2 => {
                let kt = match self.ty(&args[0]).underlying() {
                    Type::Map(k, _) => (*k).clone(),
                    _ => Type::Invalid,
                };
                self.expr(&args[0]);
                self.expr_to(&args[1], &kt);
                2
            }
            Builtin::Panic => {
                for a in args.iter().take(1) {
                    self.expr_to(a, &Type::Interface);
                }
                args.len().min(1)
            }
            Builtin::Print | Builtin::Println => self.args(args),
            _ => {
                for a in args {
                    self.expr(a);
                }
                args.len()
            }
        };
        self.at(call.span.start);
        let here = self.f.cur;
        let saved = std::mem::take(&mut self.f);
        self.f.cur = here;
        for _ in 0..n {
            self.temp_slot();
        }
        for i in 0..n as u32 {
            self.emit(Op::Load(i));
        }
        match b {
            Builtin::Delete => {
                self.emit(Op::MapDelete);
            }
            Builtin::Panic => {
                self.emit(Op::Panic);
            }
            Builtin::Print | Builtin::Println => {
                self.emit(Op::Print {
                    argc: n as u32,
                    newline: b == Builtin::Println,
                });
            }
            Builtin::Close => {
                self.emit(Op::ChanClose);
            }
            Builtin::Copy => {
                self.emit(Op::Copy);
                self.emit(Op::Pop);
            }
            _ => {
                // recover (see above) and the value built-ins (len, cap, append, ...), which
                // the checker rejects in statement context: nothing to do.
                for _ in 0..n {
                    self.emit(Op::Pop);
                }
            }
        }
        let ret_pc = self.emit(Op::Return) as u32;
        let f = std::mem::replace(&mut self.f, saved);
        if let Some(slot) = self.program.functions.get_mut(id.0 as usize) {
            *slot = Function {
                name: format!("{}.deferwrap", self.f_name),
                num_params: n as u32,
                num_results: 0,
                num_slots: f.slot_names.len() as u32,
                slot_names: f.slot_names,
                slot_types: f.slot_types,
                code: f.code,
                pos: f.pos,
                decl: here,
                ret_pc,
                result_boxed: Vec::new(),
            };
        }
        self.emit(if go {
            Op::Go { argc: n as u32 }
        } else {
            Op::Defer { argc: n as u32 }
        });
    }
}
