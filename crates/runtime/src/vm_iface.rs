//! Interface instructions (`runtime/iface.go`; the compiler's lowering in
//! `cmd/compile/internal/walk/convert.go`, `walk/switch.go`, `ssagen`): conversions to an
//! interface, method calls through an itab, type assertions and type-switch cases.
//!
//! - `ToIface { t, inter }`: a concrete value becomes an eface (`inter` empty) or an iface
//!   whose tab word is the itab (inter, t). Go's compiler emits that itab as a static symbol
//!   and `itabsinit` adds it to `itabTable`; here the first conversion builds it (a miss).
//! - `CallIface`: the itab's `fun[i]`, `i` the method's index in the interface's sorted method
//!   list. Go loads the tab word, no lookup happens; here the tab word is (inter, dynamic
//!   type) and the itab is normally already in the table — a miss means the value became this
//!   interface by an interface-to-interface conversion (`convI2I` → `getitab`), which the
//!   bytecode does not mark.
//! - `Assert`: to a concrete type, one comparison of the type word with `T` (the itab's
//!   `_type` for an iface); to an interface, `typeAssert` → `getitab`, which may fail with Go's
//!   `interface conversion` texts (checked against the real toolchain in `tests/go/`).
//! - `IsType { case }`: one case of a type switch, in source order. Go's compiler loads the
//!   dynamic type's hash once (`tab.hash` or `_type.hash`), compares it with each concrete
//!   case's hash (binary search over runs of ≥ 4 cases; linear here) and compares the type
//!   pointer only when the hashes are equal; interface cases go through `getitab`
//!   (`interfaceSwitch` and its cache in Go 1.22+).
//!
//! The itab table is updated whether or not the trace is recorded; events are built only when
//! it is (`Sink::record`), so a plain run does the same work and prints the same output.

use crate::goroutine::GoId;
use crate::iface_event::IfaceEvent;
use crate::itab::{ItabFun, type_hash};
use crate::machine::Machine;
use crate::value::Value;
use crate::vm::Sink;
use crate::vm_data::zero_of;
use lang::bytecode::{Op, Program, RKind, TypeId};
use std::rc::Rc;

/// What a `CallIface` resolved to.
pub(crate) enum Target {
    Method {
        func: lang::bytecode::FuncId,
        deref: bool,
    },
    NativeError,
    /// The dynamic type has no such method (malformed program): a nil-dereference panic.
    None,
}

/// The runtime's name of `t` (`_type.String()`): as `%T`, but `any` is `interface {}`.
pub fn go_type_string(p: &Program, t: TypeId) -> &str {
    match &p.rtype(t).kind {
        RKind::Interface(ms) if ms.is_empty() && !p.rtype(t).named => "interface {}",
        _ => p.rtype(t).name.as_str(),
    }
}

impl Machine {
    fn rtype_name(&self, t: TypeId) -> Rc<str> {
        Rc::from(go_type_string(&self.program, t))
    }

    fn dynamic(v: &Value) -> Option<TypeId> {
        match v {
            Value::Iface(b) => Some(b.0),
            _ => None,
        }
    }

    /// `getitab(inter, typ)` with its event; whether `typ` implements `inter`.
    fn getitab(
        &mut self,
        program: &Program,
        inter: TypeId,
        typ: TypeId,
        gid: GoId,
        events: &mut Sink<'_>,
    ) -> bool {
        let (tab, hit) = self.itabs.get(program, inter, typ);
        if events.record {
            events.push(crate::Event::Iface(IfaceEvent::Itab {
                g: gid,
                inter: self.rtype_name(inter),
                typ: self.rtype_name(typ),
                hit,
                fun: tab.fun.len() as u32,
                missing: tab.missing.as_deref().map(Rc::from),
            }));
        }
        tab.ok()
    }

    /// Executes `ToIface`, `IsType` or `Assert` (same contract as `data_op`).
    pub(crate) fn iface_op(
        &mut self,
        op: &Op,
        args: &mut Vec<Value>,
        gid: GoId,
        events: &mut Sink<'_>,
    ) -> Result<Option<Value>, String> {
        let program = Rc::clone(&self.program);
        let v = args.pop().unwrap_or_default();
        let is_iface = |t: TypeId| match &program.rtype(t).kind {
            RKind::Interface(ms) => Some(!ms.is_empty()),
            _ => None,
        };
        match *op {
            Op::ToIface { t, inter } => {
                let v = match v {
                    v @ Value::Iface(_) => v,
                    v => Value::Iface(Box::new((t, v))),
                };
                if is_iface(inter) == Some(true)
                    && let Some(dt) = Self::dynamic(&v)
                {
                    self.getitab(&program, inter, dt, gid, events);
                }
                Ok(Some(v))
            }
            Op::IsType { t, case } => {
                let have = Self::dynamic(&v);
                let to_iface = is_iface(t);
                let matched = match (have, to_iface) {
                    (None, _) => false,
                    (Some(_), Some(false)) => true,
                    (Some(dt), Some(true)) => self.getitab(&program, t, dt, gid, events),
                    (Some(dt), None) => dt == t,
                };
                if events.record {
                    let hashes = have.map(|dt| {
                        let h = |t| type_hash(&program.rtype(t).name);
                        (h(dt), h(t))
                    });
                    events.push(crate::Event::Iface(IfaceEvent::Case {
                        g: gid,
                        case,
                        target: self.rtype_name(t),
                        have: have.map(|dt| self.rtype_name(dt)),
                        hashes,
                        to_iface: to_iface.is_some(),
                        matched,
                    }));
                }
                Ok(Some(Value::Bool(matched)))
            }
            Op::Assert {
                t,
                comma_ok,
                src,
                bind,
            } => {
                let have = Self::dynamic(&v);
                let to_iface = is_iface(t);
                let ok = match (have, to_iface) {
                    (None, _) => false,
                    (Some(_), Some(false)) => true,
                    (Some(dt), Some(true)) => self.getitab(&program, t, dt, gid, events),
                    (Some(dt), None) => dt == t,
                };
                if events.record && !bind {
                    events.push(crate::Event::Iface(IfaceEvent::Assert {
                        g: gid,
                        src: self.rtype_name(src),
                        target: self.rtype_name(t),
                        have: have.map(|dt| self.rtype_name(dt)),
                        to_iface: to_iface.is_some(),
                        ok,
                    }));
                }
                let out = match (ok, to_iface) {
                    (false, _) if comma_ok => zero_of(&program, t, 0),
                    (false, _) => return Err(self.assert_message(have, t, src)),
                    (true, Some(_)) => v,
                    (true, None) => match v {
                        Value::Iface(b) => b.1,
                        v => v,
                    },
                };
                if comma_ok {
                    args.push(out);
                    args.push(Value::Bool(ok));
                    return Ok(None);
                }
                Ok(Some(out))
            }
            _ => Ok(None),
        }
    }

    /// Does interface value `v` hold type `t`, or implement interface `t` (`errors.As`)?
    /// Builds no itab: a native's check leaves the table as the program's own steps made it.
    pub(crate) fn has_type(&self, v: &Value, t: TypeId) -> bool {
        let Some(dt) = Self::dynamic(v) else {
            return false;
        };
        match &self.program.rtype(t).kind {
            RKind::Interface(_) => crate::itab::Itab::build(&self.program, t, dt).ok(),
            _ => dt == t,
        }
    }

    /// Go's `*runtime.TypeAssertionError` text for `x.(t)`, `x` of static type `src` holding
    /// dynamic type `have`.
    fn assert_message(&self, have: Option<TypeId>, t: TypeId, src: TypeId) -> String {
        let p = &self.program;
        let want = &p.rtype(t).name;
        let to_iface = matches!(p.rtype(t).kind, RKind::Interface(_));
        let src = go_type_string(p, src);
        match have {
            None if to_iface => format!("interface conversion: interface is nil, not {want}"),
            None => format!("interface conversion: {src} is nil, not {want}"),
            Some(dt) if to_iface => {
                let missing = self
                    .itabs
                    .find(t, dt)
                    .and_then(|tab| tab.missing.clone())
                    .unwrap_or_default();
                format!(
                    "interface conversion: {} is not {want}: missing method {missing}",
                    p.rtype(dt).name
                )
            }
            Some(dt) => format!(
                "interface conversion: {src} is {}, not {want}",
                p.rtype(dt).name
            ),
        }
    }

    /// The method `CallIface` calls on a receiver of dynamic type `typ` through the itab
    /// (`inter`, `typ`): `fun[i]` for the method's index `i`, with a `dispatch` event.
    pub(crate) fn iface_target(
        &mut self,
        inter: TypeId,
        typ: TypeId,
        name: &[u8],
        gid: GoId,
        events: &mut Sink<'_>,
    ) -> Target {
        let program = Rc::clone(&self.program);
        if !matches!(program.rtype(inter).kind, RKind::Interface(_)) {
            // No static interface type (a hand-built wrapper): find the method by name.
            let rt = program.rtype(typ);
            if matches!(rt.kind, RKind::NativeError) {
                return Target::NativeError;
            }
            return rt
                .methods
                .iter()
                .find(|m| m.name.as_bytes() == name)
                .map_or(Target::None, |m| Target::Method {
                    func: m.func,
                    deref: m.deref,
                });
        }
        if self.itabs.find(inter, typ).is_none() {
            // The value became `inter` by an interface-to-interface conversion (`convI2I`).
            self.getitab(&program, inter, typ, gid, events);
        }
        let Some(tab) = self.itabs.find(inter, typ) else {
            return Target::None;
        };
        let Some(i) = tab.index_of(name) else {
            return Target::None;
        };
        let target = match tab.fun.get(i) {
            Some(ItabFun::Method { func, deref }) => Target::Method {
                func: *func,
                deref: *deref,
            },
            Some(ItabFun::NativeError) => Target::NativeError,
            None => Target::None,
        };
        if events.record {
            let func: Rc<str> = match target {
                Target::Method { func, .. } => self.names[func.0 as usize].clone(),
                _ => Rc::from(format!("{}.{}", program.rtype(typ).name, tab.methods[i])),
            };
            let method = Rc::from(tab.methods[i].as_str());
            events.push(crate::Event::Iface(IfaceEvent::Dispatch {
                g: gid,
                inter: self.rtype_name(inter),
                typ: self.rtype_name(typ),
                method,
                index: i as u32,
                func,
            }));
        }
        target
    }
}
