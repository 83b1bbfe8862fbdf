//! `values`: the view model of a goroutine's frames and their named locals, with every
//! interface value drawn as Go lays it out — two words (`runtime/runtime2.go`):
//!
//! - an *eface* (`any`): `_type` (the dynamic type's descriptor: name, kind, size, hash) and
//!   `data`;
//! - an *iface* (any other interface): `tab` (the itab of the slot's static interface type and
//!   the dynamic type: `inter`, `_type`, `hash`, `fun[]`) and `data`.
//!
//! The data word is the value itself when the dynamic type is pointer-shaped (a pointer, map,
//! channel or func: Go's `isdirectiface`), otherwise a pointer to a copy made by the
//! conversion (`convT`, `convTstring`, ...), shown here as that copy's `%v`. Addresses are
//! fmt's fake ones (`0xc000010000 + 16·ObjRef`, see `natives::render`).
//!
//! The static type of each local comes from the compiler's debug table
//! (`Function::slot_types`); the itab is the machine's (see [`crate::itab`]) or, if this value
//! never needed it, built on the spot for display (`cached` false). Plain `PartialEq` data,
//! like [`crate::inspect::Inspection`], which carries the frames of the goroutine that ran the
//! step.

use crate::event::Event;
use crate::goroutine::GoId;
use crate::iface_event::IfaceEvent;
use crate::itab::{Itab, ItabFun, type_hash};
use crate::machine::Machine;
use crate::value::Value;
use lang::bytecode::{RKind, TypeId};

/// At most this many frames (innermost first) are described.
pub const MAX_FRAMES: usize = 8;

/// One frame and its named locals.
#[derive(Clone, Debug, PartialEq)]
pub struct FrameValues {
    pub func: String,
    /// 1-based line of the frame's current instruction (0 if unknown).
    pub line: u32,
    pub locals: Vec<LocalValue>,
}

/// A named local variable.
#[derive(Clone, Debug, PartialEq)]
pub struct LocalValue {
    pub name: String,
    /// Its slot in the frame (names repeat: each loop's `i` has its own slot).
    pub slot: u32,
    /// Its static type (`%T` spelling; `any` is `interface {}`).
    pub ty: String,
    /// Its value as `%v`.
    pub text: String,
    /// Its two words, if it is of interface type.
    pub iface: Option<IfaceWords>,
}

/// A type descriptor (`abi.Type`).
#[derive(Clone, Debug, PartialEq)]
pub struct TypeDesc {
    pub name: String,
    /// `int`, `struct`, `ptr`, ... (`reflect.Kind` names).
    pub kind: &'static str,
    pub size: u32,
    pub hash: u32,
}

/// One `fun[i]` slot: the interface method and the concrete function implementing it.
#[derive(Clone, Debug, PartialEq)]
pub struct FunSlot {
    pub method: String,
    pub func: String,
}

/// An itab (`abi.ITab`).
#[derive(Clone, Debug, PartialEq)]
pub struct ItabView {
    pub inter: String,
    pub typ: String,
    pub hash: u32,
    pub fun: Vec<FunSlot>,
    /// Found in the machine's itab table (else built for display).
    pub cached: bool,
}

/// The data word.
#[derive(Clone, Debug, PartialEq)]
pub enum DataWord {
    /// A pointer-shaped value stored in the word itself (its fake address).
    Direct(String),
    /// A pointer to a copy of the value, which is shown (`%v`).
    Boxed(String),
}

/// An interface value's two words. `dynamic` and `data` are `None` for a nil interface.
#[derive(Clone, Debug, PartialEq)]
pub struct IfaceWords {
    /// An eface (`any`) rather than an iface.
    pub eface: bool,
    /// The static interface type.
    pub inter: String,
    pub dynamic: Option<TypeDesc>,
    /// The itab (ifaces only).
    pub itab: Option<ItabView>,
    pub data: Option<DataWord>,
}

fn kind_name(k: &RKind) -> &'static str {
    match k {
        RKind::Bool => "bool",
        RKind::Int(_) => "int",
        RKind::Uint(_) => "uint",
        RKind::Float => "float64",
        RKind::String => "string",
        RKind::Pointer(_) | RKind::NativeError => "ptr",
        RKind::Slice(_) => "slice",
        RKind::Array(..) => "array",
        RKind::Map(..) => "map",
        RKind::Struct(_) => "struct",
        RKind::Interface(_) => "interface",
        RKind::Func => "func",
    }
}

/// Can a value of this kind be nil (so a nil slot may be its value)?
fn nilable(k: &RKind) -> bool {
    matches!(
        k,
        RKind::Pointer(_)
            | RKind::Slice(_)
            | RKind::Map(..)
            | RKind::Interface(_)
            | RKind::Func
            | RKind::NativeError
    )
}

/// A value's text cut to 80 characters (a view shows one line per local).
fn clip(mut s: String) -> String {
    if let Some((i, _)) = s.char_indices().nth(80) {
        s.truncate(i);
        s.push('…');
    }
    s
}

impl Machine {
    fn type_desc(&self, t: TypeId) -> TypeDesc {
        let r = self.program.rtype(t);
        TypeDesc {
            name: r.name.clone(),
            kind: kind_name(&r.kind),
            size: r.size,
            hash: type_hash(&r.name),
        }
    }

    fn itab_view(&self, inter: TypeId, typ: TypeId) -> ItabView {
        let (tab, cached) = match self.itabs.find(inter, typ) {
            Some(t) => (t.clone(), true),
            None => (Itab::build(&self.program, inter, typ), false),
        };
        let fun = tab
            .methods
            .iter()
            .zip(&tab.fun)
            .map(|(m, f)| FunSlot {
                method: m.clone(),
                func: match f {
                    ItabFun::Method { func, .. } => self.names[func.0 as usize].to_string(),
                    ItabFun::NativeError => format!("{}.{m}", self.program.rtype(typ).name),
                },
            })
            .collect();
        ItabView {
            inter: crate::vm_iface::go_type_string(&self.program, inter).to_string(),
            typ: self.program.rtype(typ).name.clone(),
            hash: tab.hash,
            fun,
            cached,
        }
    }

    /// The two words of `v`, a value of interface type `inter`.
    fn iface_words(&self, inter: TypeId, v: &Value) -> IfaceWords {
        let eface = !crate::itab::is_nonempty_iface(&self.program, inter);
        let inter_name = crate::vm_iface::go_type_string(&self.program, inter).to_string();
        let Value::Iface(b) = v else {
            return IfaceWords {
                eface,
                inter: inter_name,
                dynamic: None,
                itab: None,
                data: None,
            };
        };
        let (dt, x) = (b.0, &b.1);
        let addr =
            |obj: u32, i: u32| format!("0x{:x}", 0xc000010000u64 + 16 * obj as u64 + 8 * i as u64);
        let data = match x {
            Value::Ptr(p) => DataWord::Direct(addr(p.obj.0, p.path.first().copied().unwrap_or(0))),
            Value::Map(m) => DataWord::Direct(addr(m.0, 0)),
            Value::Chan(c) => DataWord::Direct(format!("{c}")),
            Value::Func(..) | Value::Native(_) | Value::Cancel(_) => {
                DataWord::Direct("func".into())
            }
            _ => DataWord::Boxed(clip(self.plain_text(dt, x))),
        };
        IfaceWords {
            eface,
            inter: inter_name,
            dynamic: Some(self.type_desc(dt)),
            itab: (!eface).then(|| self.itab_view(inter, dt)),
            data: Some(data),
        }
    }

    /// The frames of goroutine `g`, innermost first (at most [`MAX_FRAMES`]).
    pub fn frame_values(&self, g: GoId) -> Vec<FrameValues> {
        let Some(gr) = self.goroutines.get((g.0 as usize).wrapping_sub(1)) else {
            return Vec::new();
        };
        let p = &self.program;
        gr.frames
            .iter()
            .rev()
            .take(MAX_FRAMES)
            .map(|f| {
                let func = p.function(f.func);
                let at = (f.pc as usize)
                    .saturating_sub(1)
                    .min(func.pos.len().saturating_sub(1));
                let line = func.pos.get(at).map_or(0, |p| p.line);
                let locals = func
                    .slot_names
                    .iter()
                    .enumerate()
                    .filter(|(_, n)| !n.is_empty() && *n != "_")
                    .filter_map(|(i, n)| {
                        let st = func.slot_types.get(i)?.as_ref()?;
                        // Out of scope at this pc (a finished loop's `i`, another clause's `v`).
                        if !st.scope.contains(&f.pc.saturating_sub(1)) {
                            return None;
                        }
                        let raw = gr.stack.get(f.base as usize + i)?;
                        let v = match (st.boxed, raw) {
                            (true, Value::Ptr(_)) => self.load_ptr(raw).ok()?,
                            // A parameter before the prologue moved it into its heap cell.
                            (true, Value::Nil) => return None,
                            (true, v) => v.clone(),
                            // A fresh slot is nil: a variable of a type that cannot be nil
                            // has not been declared yet at this pc.
                            (false, Value::Nil) if !nilable(&p.rtype(st.ty).kind) => {
                                return None;
                            }
                            (false, v) => v.clone(),
                        };
                        let iface = matches!(p.rtype(st.ty).kind, RKind::Interface(_))
                            .then(|| self.iface_words(st.ty, &v));
                        Some(LocalValue {
                            name: n.clone(),
                            slot: i as u32,
                            ty: crate::vm_iface::go_type_string(p, st.ty).to_string(),
                            text: clip(self.plain_text(st.ty, &v)),
                            iface,
                        })
                    })
                    .collect();
                FrameValues {
                    func: func.name.clone(),
                    line,
                    locals,
                }
            })
            .collect()
    }
}

/// The cases of the type switch that goroutine `g` is running or just ran, in order: the
/// `Case` events ending at `events[..end]` (an interface case's `getitab` in between is
/// skipped; a case number that does not decrease going back starts another switch).
pub fn switch_cases(events: &[Event], end: usize, g: GoId) -> Vec<IfaceEvent> {
    let mut out: Vec<IfaceEvent> = Vec::new();
    for e in events[..end.min(events.len())].iter().rev().take(64) {
        match e {
            Event::Iface(c @ IfaceEvent::Case { case, .. }) if c.g() == g => {
                if let Some(IfaceEvent::Case { case: next, .. }) = out.last()
                    && next <= case
                {
                    break;
                }
                out.push(c.clone());
            }
            Event::Iface(IfaceEvent::Itab { .. }) => {}
            _ if out.is_empty() => return out,
            _ => break,
        }
    }
    out.reverse();
    out
}
