//! `String()` / `Error()` of values nested inside the composites fmt prints
//! (`fmt/print.go` `printValue`: "if depth > 0 && value.IsValid() && value.CanInterface()"
//! then `handleMethods`).
//!
//! `fmt.Println(Pair{A: red, B: []Color{green}})` prints `{red [green]}` when `Color` has a
//! `String()` method: fmt calls the method of every struct field, element, map key and map
//! value it reaches, except below unexported fields (reflect cannot turn those back into
//! interfaces). Those calls are Go code, so an operand is printed in two passes over the same
//! traversal: [`Nested::Collect`] gathers the method calls in printing order, the print
//! continuation makes them one by one, and [`Nested::Replay`] renders the operand with the
//! results in the same order. A value method reached through a nil pointer prints `<nil>`
//! (fmt's `catchPanic`). `%#v` calls no `String()` (it would use `GoString`, not supported).

use crate::machine::Machine;
use crate::value::Value;
use lang::bytecode::{RKind, TypeId};
use std::collections::VecDeque;

/// What rendering does with a nested value whose type has `Error()` / `String()`.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Nested {
    /// Print the value itself (no method calls: `%#v`, below unexported fields).
    Off,
    /// First pass: record (method, receiver) in printing order; print nothing for them.
    Collect(Vec<(Value, Value)>),
    /// Second pass: print the recorded calls' results, in the same order.
    Replay(VecDeque<Vec<u8>>),
}

impl Machine {
    /// The text to print instead of nested value `v` of static type `t`, if its method set has
    /// `Error() string` (first) or `String() string`.
    pub(super) fn nested_method(
        &self,
        t: TypeId,
        v: &Value,
        nested: &mut Nested,
    ) -> Option<Vec<u8>> {
        if matches!(nested, Nested::Off) {
            return None;
        }
        let rt = self.program.rtype(t);
        if matches!(rt.kind, RKind::Interface(_) | RKind::NativeError) || rt.methods.is_empty() {
            return None;
        }
        // fmt's catchPanic prints a nil pointer receiver as `<nil>` (render does too).
        if matches!(rt.kind, RKind::Pointer(_)) && matches!(v, Value::Nil) {
            return None;
        }
        let boxed = Value::Iface(Box::new((t, v.clone())));
        for name in ["Error", "String"] {
            let Some(found) = self.method_of(&boxed, name) else {
                continue;
            };
            let (callee, recv) = match found {
                Ok(call) => call,
                Err(_) => return Some(b"<nil>".to_vec()),
            };
            if !self.is_nullary_method(&callee) {
                continue;
            }
            return match nested {
                Nested::Off => None,
                Nested::Collect(calls) => {
                    calls.push((callee, recv));
                    Some(Vec::new())
                }
                Nested::Replay(texts) => Some(texts.pop_front().unwrap_or_default()),
            };
        }
        None
    }

    /// The nested method calls needed to print operand `v` (an interface value) in `mode`.
    pub(super) fn nested_calls(&self, v: &Value, mode: super::print::Mode) -> Vec<(Value, Value)> {
        let Value::Iface(b) = v else {
            return Vec::new();
        };
        let mut nested = Nested::Collect(Vec::new());
        let mut sink = Vec::new();
        self.render_into(&mut sink, b.0, &b.1, mode, 0, &mut nested);
        match nested {
            Nested::Collect(calls) => calls,
            _ => Vec::new(),
        }
    }

    /// Operand `v` rendered with the results of its nested method calls.
    pub(super) fn render_replay(
        &self,
        v: &Value,
        mode: super::print::Mode,
        texts: Vec<Vec<u8>>,
    ) -> Vec<u8> {
        let Value::Iface(b) = v else {
            return Vec::new();
        };
        let mut nested = Nested::Replay(texts.into());
        let mut out = Vec::new();
        self.render_into(&mut out, b.0, &b.1, mode, 0, &mut nested);
        out
    }
}
