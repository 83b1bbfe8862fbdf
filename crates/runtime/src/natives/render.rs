//! fmt's `printValue` (`fmt/print.go`) for composite values, `%T` names, and the conversion
//! of interface operands to the basic values `crate::fmt` formats.

use super::nested_methods::Nested;
use super::print::Mode;
use crate::machine::Machine;
use crate::value::Value;
use lang::bytecode::{RKind, TypeId};
use lang::constant::quote_bytes;

/// Base of the deterministic fake addresses (see `natives::print`).
const ADDR_BASE: u64 = 0xc000010000;

impl Machine {
    /// Is `v` an operand `crate::fmt` can format itself (a basic value, nil, or a basic value
    /// in an interface)?
    pub(crate) fn is_basic(&self, v: &Value) -> bool {
        match v {
            Value::Iface(b) => matches!(
                self.program.rtype(b.0).kind,
                RKind::Bool | RKind::Int(_) | RKind::Uint(_) | RKind::Float | RKind::String
            ),
            Value::Nil | Value::Int(_) | Value::Float(_) | Value::Bool(_) | Value::Str(_) => true,
            _ => false,
        }
    }

    /// The operand for `crate::fmt`: basic values unwrapped, errors as their message,
    /// composites pre-rendered with `%v`.
    pub(crate) fn basic_operand(&self, v: &Value) -> Value {
        match v {
            Value::Iface(b) => match self.program.rtype(b.0).kind {
                RKind::Bool | RKind::Int(_) | RKind::Float | RKind::String => b.1.clone(),
                RKind::Uint(64) if b.1.as_int() < 0 => {
                    Value::string(&(b.1.as_int() as u64).to_string())
                }
                RKind::Uint(_) => b.1.clone(),
                RKind::NativeError => Value::string(&crate::vm::native_error_text(&b.1)),
                _ => Value::Str(self.value_text(v, Mode::Plain).into()),
            },
            v => v.clone(),
        }
    }

    /// `%T` of an operand.
    pub(crate) fn type_name(&self, v: &Value) -> String {
        match v {
            Value::Iface(b) => self.program.rtype(b.0).name.clone(),
            Value::Nil => "<nil>".into(),
            v => v.type_name().into(),
        }
    }

    /// `%v` / `%+v` / `%#v` of an operand.
    pub(crate) fn value_text(&self, v: &Value, mode: Mode) -> Vec<u8> {
        match v {
            Value::Iface(b) => self.render(b.0, &b.1, mode, 0),
            Value::Nil if mode == Mode::Sharp => b"<nil>".to_vec(),
            v => crate::fmt::format_value(v),
        }
    }

    /// `%v` of `v` with static type `t` (the values view; no `String()` calls).
    pub(crate) fn plain_text(&self, t: TypeId, v: &Value) -> String {
        // The two package types whose String method fmt would call (as `print.rs` does).
        match self.program.rtype(t).name.as_str() {
            "time.Duration" => return crate::clock::duration_string(v.as_int()),
            "time.Time" => return super::time_values::time_string(super::time_values::time_ns(v)),
            _ => {}
        }
        let b = match v {
            Value::Iface(_) => self.value_text(v, Mode::Plain),
            v => self.render(t, v, Mode::Plain, 0),
        };
        String::from_utf8_lossy(&b).into_owned()
    }

    pub(crate) fn fake_addr(obj: u32, index: u32) -> String {
        format!("0x{:x}", ADDR_BASE + 16 * obj as u64 + 8 * index as u64)
    }

    /// `printValue` of `v` with static type `t`.
    pub(crate) fn render(&self, t: TypeId, v: &Value, mode: Mode, depth: u32) -> Vec<u8> {
        let mut out = Vec::new();
        self.render_into(&mut out, t, v, mode, depth, &mut Nested::Off);
        out
    }

    /// `printValue`; `nested` handles the `String()`/`Error()` methods of nested values.
    pub(super) fn render_into(
        &self,
        out: &mut Vec<u8>,
        t: TypeId,
        v: &Value,
        mode: Mode,
        depth: u32,
        nested: &mut Nested,
    ) {
        if depth > 16 {
            out.extend_from_slice(b"...");
            return;
        }
        let sharp = mode == Mode::Sharp;
        if depth > 0
            && !sharp
            && let Some(text) = self.nested_method(t, v, nested)
        {
            out.extend_from_slice(&text);
            return;
        }
        let rt = self.program.rtype(t);
        let name = rt.name.as_str();
        match (&rt.kind, v) {
            (RKind::Interface(_), Value::Iface(b)) => {
                self.render_into(out, b.0, &b.1, mode, depth, nested)
            }
            (RKind::Interface(_), _) => out.extend_from_slice(&if sharp && depth > 0 {
                format!("{name}(nil)").into_bytes()
            } else {
                b"<nil>".to_vec()
            }),
            (RKind::NativeError, v) => {
                let msg = crate::vm::native_error_text(v);
                if sharp {
                    out.extend_from_slice(
                        format!("&errors.errorString{{s:{}}}", quote_bytes(msg.as_bytes()))
                            .as_bytes(),
                    );
                } else {
                    out.extend_from_slice(msg.as_bytes());
                }
            }
            (RKind::String, v) => {
                if sharp {
                    out.extend_from_slice(quote_bytes(v.as_bytes()).as_bytes());
                } else {
                    out.extend_from_slice(v.as_bytes());
                }
            }
            (RKind::Uint(64), Value::Int(i)) => {
                out.extend_from_slice((*i as u64).to_string().as_bytes())
            }
            (RKind::Bool | RKind::Int(_) | RKind::Uint(_) | RKind::Float, v) => {
                out.extend_from_slice(&crate::fmt::format_value(v))
            }
            (RKind::Struct(fs), Value::Agg(vs)) => {
                if sharp {
                    out.extend_from_slice(name.as_bytes());
                }
                out.push(b'{');
                for (i, (f, x)) in fs.iter().zip(vs.iter()).enumerate() {
                    if i > 0 {
                        out.extend_from_slice(if sharp { b", " } else { b" " });
                    }
                    if mode != Mode::Plain {
                        out.extend_from_slice(f.name.as_bytes());
                        out.push(b':');
                    }
                    // Values reached through unexported fields cannot be interfaces in
                    // reflect (`CanInterface`): fmt calls no methods below them.
                    if f.name.starts_with(|c: char| c.is_ascii_uppercase()) {
                        self.render_into(out, f.ty, x, mode, depth + 1, nested);
                    } else {
                        self.render_into(out, f.ty, x, mode, depth + 1, &mut Nested::Off);
                    }
                }
                out.push(b'}');
            }
            (RKind::Array(_, e), Value::Agg(vs)) => {
                self.render_seq(out, (name, *e), vs, mode, depth, nested)
            }
            (RKind::Slice(_), Value::Nil) if sharp => {
                out.extend_from_slice(format!("{name}(nil)").as_bytes())
            }
            (RKind::Slice(e), v) => {
                let vs = self.slice_elems(v);
                self.render_seq(out, (name, *e), &vs, mode, depth, nested)
            }
            (RKind::Map(..), Value::Nil) if sharp => {
                out.extend_from_slice(format!("{name}(nil)").as_bytes())
            }
            (RKind::Map(k, e), v) => {
                if sharp {
                    out.extend_from_slice(name.as_bytes());
                    out.push(b'{');
                } else {
                    out.extend_from_slice(b"map[");
                }
                if let Value::Map(r) = v
                    && let Some(m) = self.heap.map(*r)
                {
                    for (i, (kv, vv)) in m.values().enumerate() {
                        if i > 0 {
                            out.extend_from_slice(if sharp { b", " } else { b" " });
                        }
                        self.render_into(out, *k, kv, mode, depth + 1, nested);
                        out.push(b':');
                        self.render_into(out, *e, vv, mode, depth + 1, nested);
                    }
                }
                out.push(if sharp { b'}' } else { b']' });
            }
            (RKind::Pointer(_), Value::Nil) => out.extend_from_slice(&if sharp {
                format!("({name})(nil)").into_bytes()
            } else {
                b"<nil>".to_vec()
            }),
            (RKind::Pointer(e), Value::Ptr(p)) => {
                let inner_kind = &self.program.rtype(*e).kind;
                let aggregate = matches!(
                    inner_kind,
                    RKind::Struct(_) | RKind::Array(..) | RKind::Slice(_) | RKind::Map(..)
                );
                if depth == 0 && aggregate {
                    out.push(b'&');
                    let inner = self.load_ptr(v).unwrap_or_default();
                    self.render_into(out, *e, &inner, mode, depth + 1, nested);
                } else {
                    let addr = Self::fake_addr(p.obj.0, p.path.first().copied().unwrap_or(0));
                    if sharp {
                        out.extend_from_slice(format!("({name})({addr})").as_bytes());
                    } else {
                        out.extend_from_slice(addr.as_bytes());
                    }
                }
            }
            (RKind::Func, Value::Nil) => out.extend_from_slice(&if sharp {
                format!("({name})(nil)").into_bytes()
            } else {
                b"<nil>".to_vec()
            }),
            (RKind::Func, v) => {
                let id = match v {
                    Value::Func(f, _) => f.0,
                    _ => 0,
                };
                let addr = format!("0x{:x}", 0x47b0e0 + 0x20 * id as u64);
                if sharp {
                    out.extend_from_slice(format!("({name})({addr})").as_bytes());
                } else {
                    out.extend_from_slice(addr.as_bytes());
                }
            }
            (_, v) => out.extend_from_slice(&crate::fmt::format_value(v)),
        }
    }

    fn render_seq(
        &self,
        out: &mut Vec<u8>,
        (name, elem): (&str, TypeId),
        vs: &[Value],
        mode: Mode,
        depth: u32,
        nested: &mut Nested,
    ) {
        let sharp = mode == Mode::Sharp;
        if sharp {
            out.extend_from_slice(name.as_bytes());
            out.push(b'{');
        } else {
            out.push(b'[');
        }
        for (i, x) in vs.iter().enumerate() {
            if i > 0 {
                out.extend_from_slice(if sharp { b", " } else { b" " });
            }
            self.render_into(out, elem, x, mode, depth + 1, nested);
        }
        out.push(if sharp { b'}' } else { b']' });
    }
}
