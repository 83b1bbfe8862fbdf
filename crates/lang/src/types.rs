//! Types of the Go subset, modelled on `cmd/compile/internal/types2` (`basic.go`, `tuple.go`,
//! `signature.go`, `typestring.go`).
//!
//! Invariants: untyped kinds only describe constants and untyped expression results before they
//! are converted to a typed context; `Display` prints types exactly as Go's messages do
//! (`untyped int`, `func(n int) int`, `(int, string)`). Composite types (pointers, slices, maps,
//! structs, named types with methods) are variants; type identity is structural `==`, except for
//! named types which compare by identity (their `id`).

use std::cell::RefCell;
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

/// A function signature. Parameter names are kept for messages (`func(n int) int`); they do
/// not take part in type identity.
#[derive(Clone, Debug, Default)]
pub struct Signature {
    pub params: Vec<(Option<String>, Type)>,
    pub results: Vec<(Option<String>, Type)>,
    /// The last parameter is `...T` (its type is stored as `T`).
    pub variadic: bool,
}

impl PartialEq for Signature {
    fn eq(&self, b: &Signature) -> bool {
        self.variadic == b.variadic
            && self.params.len() == b.params.len()
            && self.results.len() == b.results.len()
            && self.params.iter().zip(&b.params).all(|(x, y)| x.1 == y.1)
            && self.results.iter().zip(&b.results).all(|(x, y)| x.1 == y.1)
    }
}

impl Signature {
    pub fn result_tuple(&self) -> Type {
        match self.results.len() {
            1 => self.results[0].1.clone(),
            _ => Type::Tuple(self.results.iter().map(|r| r.1.clone()).collect()),
        }
    }
}

/// A method declared on a named type (`types2.Func` of a method).
#[derive(Clone, Debug, PartialEq)]
pub struct Method {
    pub name: String,
    pub sig: Rc<Signature>,
    /// Declared with a pointer receiver `(p *T)`.
    pub ptr_recv: bool,
    /// Index of the method's declaration in the checker's `Info::funcs`.
    pub func: u32,
}

/// A defined (named) type `type Name Underlying`. Identity is by `id`; the underlying type and
/// the methods are filled in after creation (recursive types refer to themselves), hence the
/// `RefCell`s — types live only in the compiler, never in the machine's state.
pub struct Named {
    pub id: u32,
    pub name: String,
    pub underlying: RefCell<Type>,
    pub methods: RefCell<Vec<Method>>,
}

impl PartialEq for Named {
    fn eq(&self, other: &Named) -> bool {
        self.id == other.id
    }
}

impl fmt::Debug for Named {
    /// Only the name: the underlying type may refer back to this type.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Named({})", self.name)
    }
}

/// A struct field. `embedded` fields are named after their type.
#[derive(Clone, Debug, PartialEq)]
pub struct FieldType {
    pub name: String,
    pub ty: Type,
    pub embedded: bool,
}

/// A method of an interface type (explicit or from an embedded interface), sorted by name.
#[derive(Clone, Debug, PartialEq)]
pub struct IfaceMethod {
    pub name: String,
    pub sig: Rc<Signature>,
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
    /// The empty interface `any` / `interface{}`.
    Interface,
    /// The predeclared `error` interface (`interface{ Error() string }`).
    Error,
    /// An interface type literal with methods (sorted by name, embedded ones flattened).
    Iface(Rc<[IfaceMethod]>),
    Named(Rc<Named>),
    Pointer(Rc<Type>),
    Slice(Rc<Type>),
    Array(u64, Rc<Type>),
    Map(Rc<Type>, Rc<Type>),
    Struct(Rc<[FieldType]>),
    /// `chan T` (dir 0), `chan<- T` (1: send only), `<-chan T` (2: receive only).
    Chan(u8, Rc<Type>),
}

impl Type {
    pub const INT: Type = Type::Basic(BasicKind::Int);
    pub const BOOL: Type = Type::Basic(BasicKind::Bool);
    pub const STRING: Type = Type::Basic(BasicKind::String);
    pub const FLOAT64: Type = Type::Basic(BasicKind::Float64);

    /// The underlying type (`under`): named types resolved, others unchanged.
    pub fn underlying(&self) -> Type {
        let mut t = self.clone();
        for _ in 0..100 {
            match t {
                Type::Named(n) => t = n.underlying.borrow().clone(),
                t => return t,
            }
        }
        Type::Invalid
    }
    pub fn basic(&self) -> Option<BasicKind> {
        match self {
            Type::Basic(k) => Some(*k),
            Type::Named(_) => self.underlying().basic(),
            _ => None,
        }
    }
    pub fn is_invalid(&self) -> bool {
        matches!(self, Type::Invalid)
    }
    pub fn is_untyped(&self) -> bool {
        matches!(self, Type::Basic(k) if k.is_untyped())
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
        matches!(
            self.underlying(),
            Type::Interface | Type::Error | Type::Iface(_)
        )
    }
    pub fn is_named(&self) -> bool {
        matches!(self, Type::Named(_))
    }
    /// Types whose zero value is `nil` (pointers, slices, maps, functions, interfaces).
    pub fn is_nillable(&self) -> bool {
        matches!(
            self.underlying(),
            Type::Pointer(_)
                | Type::Slice(_)
                | Type::Map(..)
                | Type::Chan(..)
                | Type::Func(_)
                | Type::Interface
                | Type::Error
                | Type::Iface(_)
        )
    }
    /// The methods of an interface type, sorted by name (`error` has `Error() string`).
    pub fn iface_methods(&self) -> Vec<IfaceMethod> {
        match self.underlying() {
            Type::Error => vec![IfaceMethod {
                name: "Error".into(),
                sig: Rc::new(Signature {
                    params: vec![],
                    results: vec![(None, Type::STRING)],
                    variadic: false,
                }),
            }],
            Type::Iface(ms) => ms.to_vec(),
            _ => vec![],
        }
    }
    /// Default type for untyped values; identity otherwise.
    pub fn default_type(&self) -> Type {
        match self {
            Type::Basic(k) => Type::Basic(k.default_kind()),
            t => t.clone(),
        }
    }
    /// Comparable with `==`: not functions, slices, maps, nor structs/arrays containing them.
    pub fn is_comparable(&self) -> bool {
        match self.underlying() {
            Type::Func(_) | Type::Slice(_) | Type::Map(..) | Type::Tuple(_) => false,
            Type::Struct(fs) => fs.iter().all(|f| f.ty.is_comparable()),
            Type::Array(_, e) => e.is_comparable(),
            _ => true,
        }
    }
    /// The name Go's runtime prints for `%T` and in panics: `main.Point`, `[]int`, `*main.T`.
    pub fn runtime_name(&self) -> String {
        match self {
            // Package types (`lang::pkgtypes`) are already qualified: `sync.Mutex`.
            Type::Named(n) if n.name.contains('.') => n.name.clone(),
            Type::Named(n) => format!("main.{}", n.name),
            Type::Pointer(e) => format!("*{}", e.runtime_name()),
            Type::Slice(e) => format!("[]{}", e.runtime_name()),
            Type::Array(n, e) => format!("[{n}]{}", e.runtime_name()),
            Type::Map(k, v) => format!("map[{}]{}", k.runtime_name(), v.runtime_name()),
            Type::Chan(d, e) => format!("{}{}", chan_prefix(*d), e.runtime_name()),
            Type::Struct(fs) => {
                let mut s = String::from("struct {");
                for (i, f) in fs.iter().enumerate() {
                    s.push_str(if i > 0 { "; " } else { " " });
                    if !f.embedded {
                        s.push_str(&f.name);
                        s.push(' ');
                    }
                    s.push_str(&f.ty.runtime_name());
                }
                if !fs.is_empty() {
                    s.push(' ');
                }
                s.push('}');
                s
            }
            Type::Basic(k) if *k == BasicKind::Uint8 => "uint8".into(),
            // reflect's func names: no parameter names, package-qualified types.
            Type::Func(sig) => {
                let n = sig.params.len();
                let params: Vec<String> = sig
                    .params
                    .iter()
                    .enumerate()
                    .map(|(i, (_, t))| {
                        let dots = if sig.variadic && i + 1 == n {
                            "..."
                        } else {
                            ""
                        };
                        format!("{dots}{}", t.runtime_name())
                    })
                    .collect();
                let results: Vec<String> =
                    sig.results.iter().map(|(_, t)| t.runtime_name()).collect();
                let res = match results.len() {
                    0 => String::new(),
                    1 => format!(" {}", results[0]),
                    _ => format!(" ({})", results.join(", ")),
                };
                format!("func({}){res}", params.join(", "))
            }
            t => t.to_string(),
        }
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
            Type::Iface(ms) => {
                f.write_str("interface{")?;
                for (i, m) in ms.iter().enumerate() {
                    if i > 0 {
                        f.write_str("; ")?;
                    }
                    f.write_str(&m.name)?;
                    write_signature(f, &m.sig)?;
                }
                f.write_str("}")
            }
            Type::Named(n) => f.write_str(&n.name),
            Type::Pointer(e) => write!(f, "*{e}"),
            Type::Slice(e) => write!(f, "[]{e}"),
            Type::Array(n, e) => write!(f, "[{n}]{e}"),
            Type::Map(k, v) => write!(f, "map[{k}]{v}"),
            Type::Chan(d, e) => write!(f, "{}{e}", chan_prefix(*d)),
            Type::Struct(fs) => {
                f.write_str("struct{")?;
                for (i, fl) in fs.iter().enumerate() {
                    if i > 0 {
                        f.write_str("; ")?;
                    }
                    if fl.embedded {
                        write!(f, "{}", fl.ty)?;
                    } else {
                        write!(f, "{} {}", fl.name, fl.ty)?;
                    }
                }
                f.write_str("}")
            }
        }
    }
}

/// `chan `, `chan<- `, `<-chan ` by direction.
pub fn chan_prefix(dir: u8) -> &'static str {
    match dir {
        1 => "chan<- ",
        2 => "<-chan ",
        _ => "chan ",
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

/// [`write_signature`] into a `String`.
pub fn write_signature_to(out: &mut String, sig: &Signature) -> fmt::Result {
    struct S<'a>(&'a Signature);
    impl fmt::Display for S<'_> {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            write_signature(f, self.0)
        }
    }
    use std::fmt::Write;
    write!(out, "{}", S(sig))
}
