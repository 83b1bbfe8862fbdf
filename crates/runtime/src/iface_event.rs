//! Trace events of interface values (`runtime/iface.go`, the compiler's lowering of method
//! calls, type assertions and type switches), with a stable one-line `Display`:
//!
//! - `g1 itab main.Shape,main.Circle miss: built fun[2]` — `getitab` found or built an itab;
//! - `g1 dispatch main.Shape.Area: itab(main.Shape,main.Circle).fun[0] = main.Circle.Area` —
//!   a `CallIface` calling through `tab.fun[i]`;
//! - `g1 assert main.Shape.(*main.Square): main.Circle != *main.Square` — `x.(T)` compares
//!   the type word (`tab._type`, or `_type` of an eface) with `T`; `x.(I)` is a `getitab`;
//! - `g1 case 1 main.Square: hash 0x1a2b3c4d = 0x1a2b3c4d, type = -> matched` — a type switch
//!   compares each case in order, the hash word first and the type pointer only on equal hashes.
//!
//! Built only while recording (`Machine::set_recording`): a plain run never formats them.

use crate::goroutine::GoId;
use std::fmt;
use std::rc::Rc;

#[derive(Clone, Debug, PartialEq)]
pub enum IfaceEvent {
    /// `getitab(inter, typ)`: found in the itab table (`hit`) or built; `missing` is the first
    /// method `typ` lacks (then it does not implement `inter`).
    Itab {
        g: GoId,
        inter: Rc<str>,
        typ: Rc<str>,
        hit: bool,
        fun: u32,
        missing: Option<Rc<str>>,
    },
    /// A method call through an interface: `itab.fun[index]` is `func`.
    Dispatch {
        g: GoId,
        inter: Rc<str>,
        typ: Rc<str>,
        method: Rc<str>,
        index: u32,
        func: Rc<str>,
    },
    /// `x.(target)` with `x` of static type `src`: the dynamic type `have` (none: nil) compared
    /// with a concrete `target`, or checked through `getitab` for an interface `target`.
    Assert {
        g: GoId,
        src: Rc<str>,
        target: Rc<str>,
        have: Option<Rc<str>>,
        to_iface: bool,
        ok: bool,
    },
    /// Case `case` (0-based, source order) of a type switch: its type `target` against the
    /// dynamic type `have` — hashes first (`hashes`: have's, target's), then the types.
    Case {
        g: GoId,
        case: u32,
        target: Rc<str>,
        have: Option<Rc<str>>,
        hashes: Option<(u32, u32)>,
        to_iface: bool,
        matched: bool,
    },
}

impl IfaceEvent {
    /// The goroutine the event is about.
    pub fn g(&self) -> GoId {
        match self {
            IfaceEvent::Itab { g, .. }
            | IfaceEvent::Dispatch { g, .. }
            | IfaceEvent::Assert { g, .. }
            | IfaceEvent::Case { g, .. } => *g,
        }
    }
}

impl fmt::Display for IfaceEvent {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            IfaceEvent::Itab {
                g,
                inter,
                typ,
                hit,
                fun,
                missing,
            } => {
                write!(f, "{g} itab {inter},{typ} ")?;
                f.write_str(if *hit { "hit" } else { "miss: built" })?;
                match missing {
                    Some(m) => write!(f, ", missing method {m}"),
                    None => write!(f, " fun[{fun}]"),
                }
            }
            IfaceEvent::Dispatch {
                g,
                inter,
                typ,
                method,
                index,
                func,
            } => write!(
                f,
                "{g} dispatch {inter}.{method}: itab({inter},{typ}).fun[{index}] = {func}"
            ),
            IfaceEvent::Assert {
                g,
                src,
                target,
                have,
                to_iface,
                ok,
            } => {
                write!(f, "{g} assert {src}.({target}): ")?;
                let have = have.as_deref().unwrap_or("nil");
                match (to_iface, ok) {
                    (true, true) => write!(f, "{have} implements {target}"),
                    (true, false) => write!(f, "{have} does not implement {target}"),
                    (false, true) => write!(f, "{have} == {target}"),
                    (false, false) => write!(f, "{have} != {target}"),
                }
            }
            IfaceEvent::Case {
                g,
                case,
                target,
                have,
                hashes,
                to_iface,
                matched,
            } => {
                write!(f, "{g} case {case} {target}: ")?;
                match (have, hashes) {
                    (None, _) => f.write_str("nil")?,
                    (Some(_), Some((a, b))) if !to_iface => {
                        let rel = if a == b { "=" } else { "!=" };
                        write!(f, "hash {a:#010x} {rel} {b:#010x}")?;
                        if a == b {
                            let rel = if *matched { "=" } else { "!=" };
                            write!(f, ", type {rel}")?;
                        }
                    }
                    (Some(h), _) => {
                        let rel = if *matched {
                            "implements"
                        } else {
                            "does not implement"
                        };
                        write!(f, "{h} {rel} {target}")?;
                    }
                }
                f.write_str(if *matched { " -> matched" } else { "" })
            }
        }
    }
}
