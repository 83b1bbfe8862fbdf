//! Types of the Go subset, modelled on `cmd/compile/internal/types2` (`basic.go`, `tuple.go`,
//! `signature.go`, `typestring.go`).
//!
//! Invariants: untyped kinds only describe constants and untyped expression results before they
//! are converted to a typed context; `Display` prints types exactly as Go's messages do
//! (`untyped int`, `func(n int) int`, `(int, string)`). Composite types (pointers, slices, maps,
//! channels, structs, named types with methods) are added as further variants; type identity is
//! structural `==`, except for named types which will compare by identity.

use std::fmt;
use std::rc::Rc;

/// Predeclared basic types and the untyped kinds of constants.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum BasicKind {
    Bool,
    Int,
    Int8,
    Int16,
    Int32,
    Int64,
    Uint,
    Uint8,
    Uint16,
    Uint32,
    Uint64,
    Uintptr,
    Float32,
    Float64,
    String,
    UntypedBool,
    UntypedInt,
    UntypedRune,
    UntypedFloat,
    UntypedString,
    UntypedNil,
}

impl BasicKind {
    pub fn name(self) -> &'static str {
        use BasicKind::*;
        match self {
            Bool => "bool",
            Int => "int",
            Int8 => "int8",
            Int16 => "int16",
            Int32 => "int32",
            Int64 => "int64",
            Uint => "uint",
            Uint8 => "uint8",
            Uint16 => "uint16",
            Uint32 => "uint32",
            Uint64 => "uint64",
            Uintptr => "uintptr",
            Float32 => "float32",
            Float64 => "float64",
            String => "string",
            UntypedBool => "untyped bool",
            UntypedInt => "untyped int",
            UntypedRune => "untyped rune",
            UntypedFloat => "untyped float",
            UntypedString => "untyped string",
            UntypedNil => "untyped nil",
        }
    }
    pub fn is_untyped(self) -> bool {
        self >= BasicKind::UntypedBool
    }
    pub fn is_integer(self) -> bool {
        use BasicKind::*;
        matches!(
            self,
            Int | Int8
                | Int16
                | Int32
                | Int64
                | Uint
                | Uint8
                | Uint16
                | Uint32
                | Uint64
                | Uintptr
                | UntypedInt
                | UntypedRune
        )
    }
    pub fn is_unsigned(self) -> bool {
        use BasicKind::*;
        matches!(self, Uint | Uint8 | Uint16 | Uint32 | Uint64 | Uintptr)
    }
    pub fn is_float(self) -> bool {
        matches!(
            self,
            BasicKind::Float32 | BasicKind::Float64 | BasicKind::UntypedFloat
        )
    }
    pub fn is_numeric(self) -> bool {
        self.is_integer() || self.is_float()
    }
    pub fn is_string(self) -> bool {
        matches!(self, BasicKind::String | BasicKind::UntypedString)
    }
    pub fn is_boolean(self) -> bool {
        matches!(self, BasicKind::Bool | BasicKind::UntypedBool)
    }
    pub fn is_ordered(self) -> bool {
        self.is_numeric() || self.is_string()
    }
    /// Size in bits of integer kinds (int and uint are 64-bit, like GOARCH=amd64/wasm).
    pub fn bits(self) -> u32 {
        use BasicKind::*;
        match self {
            Int8 | Uint8 => 8,
            Int16 | Uint16 => 16,
            Int32 | Uint32 | Float32 => 32,
            _ => 64,
        }
    }
    /// The default type of an untyped kind (`untyped rune` → `int32` a.k.a. rune).
    pub fn default_kind(self) -> BasicKind {
        use BasicKind::*;
        match self {
            UntypedBool => Bool,
            UntypedInt => Int,
            UntypedRune => Int32,
            UntypedFloat => Float64,
            UntypedString => String,
            k => k,
        }
    }
}

/// A function signature. Parameter names are kept for messages (`func(n int) int`).
#[derive(Clone, Debug, PartialEq)]
pub struct Signature {
    pub params: Vec<(Option<String>, Type)>,
    pub results: Vec<(Option<String>, Type)>,
    /// The last parameter is `...T` (its type is stored as `T`).
    pub variadic: bool,
}

impl Signature {
    pub fn result_tuple(&self) -> Type {
        match self.results.len() {
            1 => self.results[0].1.clone(),
            _ => Type::Tuple(self.results.iter().map(|r| r.1.clone()).collect()),
        }
    }
}

/// A type.
#[derive(Clone, Debug, PartialEq, Default)]
pub enum Type {
    /// The type of erroneous expressions; never reported twice.
    #[default]
    Invalid,
    Basic(BasicKind),
    /// Result list of a call with 0 or ≥ 2 results.
    Tuple(Rc<[Type]>),
    Func(Rc<Signature>),
    /// The empty interface `any` / `interface{}` (method sets come later).
    Interface,
    /// The predeclared `error` interface.
    Error,
}

impl Type {
    pub const INT: Type = Type::Basic(BasicKind::Int);
    pub const BOOL: Type = Type::Basic(BasicKind::Bool);
    pub const STRING: Type = Type::Basic(BasicKind::String);
    pub const FLOAT64: Type = Type::Basic(BasicKind::Float64);

    pub fn basic(&self) -> Option<BasicKind> {
        match self {
            Type::Basic(k) => Some(*k),
            _ => None,
        }
    }
    pub fn is_invalid(&self) -> bool {
        matches!(self, Type::Invalid)
    }
    pub fn is_untyped(&self) -> bool {
        self.basic().is_some_and(BasicKind::is_untyped)
    }
    pub fn is_integer(&self) -> bool {
        self.basic().is_some_and(BasicKind::is_integer)
    }
    pub fn is_numeric(&self) -> bool {
        self.basic().is_some_and(BasicKind::is_numeric)
    }
    pub fn is_string(&self) -> bool {
        self.basic().is_some_and(BasicKind::is_string)
    }
    pub fn is_boolean(&self) -> bool {
        self.basic().is_some_and(BasicKind::is_boolean)
    }
    pub fn is_float(&self) -> bool {
        self.basic().is_some_and(BasicKind::is_float)
    }
    pub fn is_interface(&self) -> bool {
        matches!(self, Type::Interface | Type::Error)
    }
    /// Default type for untyped values; identity otherwise.
    pub fn default_type(&self) -> Type {
        match self {
            Type::Basic(k) => Type::Basic(k.default_kind()),
            t => t.clone(),
        }
    }
    /// Comparable with `==` (all types of this slice except functions).
    pub fn is_comparable(&self) -> bool {
        matches!(self, Type::Basic(_) | Type::Interface | Type::Error)
    }
}

impl fmt::Display for Type {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Type::Invalid => f.write_str("invalid type"),
            Type::Basic(BasicKind::Int32) => f.write_str("int32"),
            Type::Basic(k) => f.write_str(k.name()),
            Type::Tuple(ts) => {
                f.write_str("(")?;
                for (i, t) in ts.iter().enumerate() {
                    if i > 0 {
                        f.write_str(", ")?;
                    }
                    write!(f, "{t}")?;
                }
                f.write_str(")")
            }
            Type::Func(sig) => {
                f.write_str("func")?;
                write_signature(f, sig)
            }
            Type::Interface => f.write_str("interface{}"),
            Type::Error => f.write_str("error"),
        }
    }
}

fn write_params(
    f: &mut fmt::Formatter<'_>,
    params: &[(Option<String>, Type)],
    variadic: bool,
) -> fmt::Result {
    f.write_str("(")?;
    for (i, (name, t)) in params.iter().enumerate() {
        if i > 0 {
            f.write_str(", ")?;
        }
        if let Some(n) = name {
            write!(f, "{n} ")?;
        }
        if variadic && i + 1 == params.len() {
            f.write_str("...")?;
            if *t == Type::Interface {
                return f.write_str("any)");
            }
        }
        write!(f, "{t}")?;
    }
    f.write_str(")")
}

/// `(params) results` as in `func(a ...any) (n int, err error)`.
pub fn write_signature(f: &mut fmt::Formatter<'_>, sig: &Signature) -> fmt::Result {
    write_params(f, &sig.params, sig.variadic)?;
    match sig.results.len() {
        0 => Ok(()),
        1 if sig.results[0].0.is_none() => write!(f, " {}", sig.results[0].1),
        _ => {
            f.write_str(" ")?;
            write_params(f, &sig.results, false)
        }
    }
}
