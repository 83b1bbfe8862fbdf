//! Values of the simulated machine.
//!
//! A [`Value`] is what a local slot, a global or an operand-stack entry holds. It is small and
//! cheap to clone (strings share their bytes), so cloning a whole machine for a checkpoint is
//! cheap. Invariant: values never point back into mutable machine state; when pointers, slices,
//! maps and channels arrive they will be indices into a simulated heap (which the GC models),
//! not `Rc<RefCell<..>>`, so that a clone stays a snapshot.

use crate::heap::ObjRef;
use lang::bytecode::{Bytes, FuncId, TypeId};
use lang::packages::Native;
use std::fmt;
use std::rc::Rc;

/// A pointer: a heap object, the element inside it, then a field path into nested structs
/// and arrays.
#[derive(Clone, Debug, PartialEq)]
pub struct Ptr {
    pub obj: ObjRef,
    /// `path[0]` is the element index in the object; the rest index fields/elements.
    pub path: Rc<[u32]>,
}

/// A slice header: backing array, offset, length and capacity.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SliceRef {
    pub obj: ObjRef,
    pub off: u32,
    pub len: u32,
    pub cap: u32,
}

/// A runtime value.
#[derive(Debug, PartialEq, Default)]
pub enum Value {
    /// A nil interface (e.g. the `err` result of `fmt.Println`); also the filler of fresh slots.
    #[default]
    Nil,
    /// Any integer kind (narrower kinds are kept truncated by `Op::Wrap`).
    Int(i64),
    Float(f64),
    Bool(bool),
    /// A Go string: immutable bytes, not necessarily UTF-8.
    Str(Bytes),
    /// A struct or array value (copied on assignment, as Go values are).
    Agg(Box<[Value]>),
    /// A non-nil pointer.
    Ptr(Ptr),
    /// A non-nil slice.
    Slice(SliceRef),
    /// A non-nil map.
    Map(ObjRef),
    /// A non-nil interface value: dynamic type and value.
    Iface(Box<(TypeId, Value)>),
    /// A function value: a declared function or a closure over the captured-variable list.
    Func(FuncId, Option<ObjRef>),
    /// A standard-library function used as a value (`defer fmt.Println(...)`).
    Native(Native),
    /// A `context.CancelFunc`: the `ContextCancel` native bound to its context's handle.
    Cancel(u32),
    /// A non-nil channel (the nil channel is `Nil`): an index into the machine's `Channels`.
    Chan(crate::chan::ChanId),
}

/// Written out rather than derived: every `Load` of a local clones a value, and the derived
/// clone of this enum is an out-of-line call that builds its result byte-wise in memory (a
/// store-forwarding stall on every read). Scalars are copied inline; the rest keeps the
/// derived behaviour in a separate function.
impl Clone for Value {
    #[inline(always)]
    fn clone(&self) -> Value {
        match self {
            Value::Int(i) => Value::Int(*i),
            Value::Bool(b) => Value::Bool(*b),
            Value::Nil => Value::Nil,
            Value::Float(f) => Value::Float(*f),
            Value::Chan(c) => Value::Chan(*c),
            _ => self.clone_other(),
        }
    }
}

impl Value {
    #[inline(never)]
    fn clone_other(&self) -> Value {
        match self {
            Value::Nil => Value::Nil,
            Value::Int(i) => Value::Int(*i),
            Value::Float(f) => Value::Float(*f),
            Value::Bool(b) => Value::Bool(*b),
            Value::Str(s) => Value::Str(s.clone()),
            Value::Agg(vs) => Value::Agg(vs.clone()),
            Value::Ptr(p) => Value::Ptr(p.clone()),
            Value::Slice(s) => Value::Slice(*s),
            Value::Map(m) => Value::Map(*m),
            Value::Iface(b) => Value::Iface(b.clone()),
            Value::Func(f, env) => Value::Func(*f, *env),
            Value::Native(n) => Value::Native(*n),
            Value::Cancel(h) => Value::Cancel(*h),
            Value::Chan(c) => Value::Chan(*c),
        }
    }

    pub fn as_int(&self) -> i64 {
        match self {
            Value::Int(i) => *i,
            Value::Float(f) => *f as i64,
            Value::Bool(b) => *b as i64,
            _ => 0,
        }
    }
    pub fn as_float(&self) -> f64 {
        match self {
            Value::Float(f) => *f,
            Value::Int(i) => *i as f64,
            _ => 0.0,
        }
    }
    pub fn as_bool(&self) -> bool {
        matches!(self, Value::Bool(true))
    }
    pub fn as_bytes(&self) -> &[u8] {
        match self {
            Value::Str(s) => s,
            _ => &[],
        }
    }
    pub fn string(s: &str) -> Value {
        Value::Str(s.as_bytes().into())
    }
    /// The name of the value's dynamic type, as `%T` and fmt's error forms print it.
    pub fn type_name(&self) -> &'static str {
        match self {
            Value::Nil => "<nil>",
            Value::Int(_) => "int",
            Value::Float(_) => "float64",
            Value::Bool(_) => "bool",
            Value::Str(_) => "string",
            _ => "?",
        }
    }
}

/// `%v` formatting.
impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Every channel send formats its value for the trace: the common scalars skip fmt's
        // general path (and its buffers). Same text as `format_value` (a test checks).
        match self {
            Value::Int(i) => write!(f, "{i}"),
            Value::Bool(b) => f.write_str(if *b { "true" } else { "false" }),
            Value::Str(s) => f.write_str(&String::from_utf8_lossy(s)),
            v => f.write_str(&String::from_utf8_lossy(&crate::fmt::format_value(v))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Value;

    #[test]
    fn display_is_percent_v() {
        let cases = [
            Value::Int(0),
            Value::Int(-7),
            Value::Int(i64::MIN),
            Value::Int(i64::MAX),
            Value::Bool(true),
            Value::Bool(false),
            Value::string("héllo"),
            Value::Str(b"\xff\x00a".to_vec().into()),
            Value::Float(1.5),
            Value::Nil,
        ];
        for v in cases {
            let want = String::from_utf8_lossy(&crate::fmt::format_value(&v)).into_owned();
            assert_eq!(v.to_string(), want, "{v:?}");
        }
    }
}
