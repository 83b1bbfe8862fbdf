//! The text of a panic whose value has an `Error()` or `String()` method
//! (`runtime/panic.go` `preprintpanics`, `printpanicval`).
//!
//! Before printing a panic, Go replaces a value implementing `error` by `v.Error()` and one
//! implementing `fmt.Stringer` by `v.String()`, so `panic(err)` prints `panic: ` followed by
//! the error's message. Those are Go methods: goscope calls them through the native
//! continuation when `panic` is called ([`Cont::Panic`] holds the value meanwhile) and starts
//! panicking with the result as the message. `recover()` still returns the original value.
//! Values of other types keep `printpanicval`'s forms (`main.T(5)`, `(main.T) {...}`).

use super::{Cont, Step};
use crate::goroutine::GoId;
use crate::machine::Machine;
use crate::value::Value;
use crate::vm::Sink;
use lang::bytecode::{Program, RKind};

impl Machine {
    /// `panic(v)`: starts panicking, after calling `v.Error()` / `v.String()` if it has one.
    pub(crate) fn panic_value(
        &mut self,
        program: &Program,
        v: Value,
        gid: GoId,
        events: &mut Sink<'_>,
    ) {
        if let Value::Iface(b) = &v
            && !matches!(program.rtype(b.0).kind, RKind::NativeError)
        {
            for name in ["Error", "String"] {
                let Some(found) = self.method_of(&v, name) else {
                    continue;
                };
                let Ok((callee, recv)) = found else {
                    // A value method through a nil pointer: Go's preprintpanics panics too.
                    break;
                };
                if !self.is_nullary_method(&callee) {
                    break;
                }
                let step = Step::Call {
                    callee,
                    args: vec![recv],
                    then: Cont::Panic(v),
                };
                self.apply_step(program, step, false, gid, events);
                return;
            }
        }
        let text = self.panic_text(&v);
        self.start_panic(gid, v, text, events);
    }

    /// `printpanicval` of a value that is neither basic nor an error/Stringer prints its type
    /// and the address of its data (`(*main.T) 0xc000012345`, `(main.T) 0xc000010000`); real
    /// Go's differs from run to run, goscope's is a deterministic fake in the same form.
    pub(crate) fn panic_addr(v: &Value) -> String {
        match v {
            Value::Ptr(p) => Self::fake_addr(p.obj.0, p.path.first().copied().unwrap_or(0)),
            Value::Slice(s) => Self::fake_addr(s.obj.0, s.off),
            Value::Map(m) => Self::fake_addr(m.0, 0),
            _ => Self::fake_addr(0, 0),
        }
    }

    /// The method returned the panic's text.
    pub(super) fn panic_resume(&mut self, v: Value, results: Vec<Value>) -> Step {
        let text = results
            .first()
            .map(|r| String::from_utf8_lossy(r.as_bytes()).into_owned())
            .unwrap_or_default();
        Step::PanicWith(v, text)
    }
}
