//! Operands: the checker's view of an evaluated expression (`types2/operand.go`).
//!
//! The `Display` form is Go's operand description used in messages:
//! `x (variable of type int)`, `5 (untyped int constant)`, `c (untyped int constant 1024)`,
//! `f() (value of type (int, int))`, `f(1) (no value)`.

use crate::ast::NodeId;
use crate::constant::ConstValue;
use crate::types::Type;
use std::fmt;

/// Addressing mode of an operand.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    Invalid,
    /// A call without results.
    NoValue,
    Builtin,
    TypeExpr,
    Constant,
    /// Addressable variable.
    Variable,
    Value,
    /// A package name (only valid before a selector).
    Package,
    /// `m[k]` on a map: assignable but not addressable; may yield `v, ok`.
    MapIndex,
    /// `x.(T)`: may yield `v, ok`.
    CommaOk,
}

/// An evaluated expression.
#[derive(Clone, Debug)]
pub struct Operand {
    pub mode: Mode,
    pub ty: Type,
    pub val: Option<ConstValue>,
    /// The expression (for messages and for recording final types).
    pub id: NodeId,
    /// The expression's source form, as Go prints it.
    pub expr: String,
}

impl Operand {
    pub fn invalid(id: NodeId, expr: String) -> Operand {
        Operand {
            mode: Mode::Invalid,
            ty: Type::Invalid,
            val: None,
            id,
            expr,
        }
    }
    pub fn is_invalid(&self) -> bool {
        self.mode == Mode::Invalid
            || (self.ty.is_invalid()
                && !matches!(self.mode, Mode::NoValue | Mode::Builtin | Mode::Package))
    }
    pub fn is_const(&self) -> bool {
        self.mode == Mode::Constant
    }
}

impl fmt::Display for Operand {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} (", self.expr)?;
        let mut has_type = false;
        match self.mode {
            Mode::Invalid | Mode::NoValue | Mode::Builtin | Mode::TypeExpr | Mode::Package => {}
            _ => {
                if let Some(k) = self.ty.basic().filter(|k| k.is_untyped()) {
                    write!(f, "{} ", k.name())?;
                } else {
                    has_type = true;
                }
            }
        }
        f.write_str(match self.mode {
            Mode::Invalid => "invalid operand",
            Mode::NoValue => "no value",
            Mode::Builtin => "built-in",
            Mode::TypeExpr => "type",
            Mode::Constant => "constant",
            Mode::Variable => "variable",
            Mode::Value => "value",
            Mode::Package => "package",
            Mode::MapIndex => "map index expression",
            Mode::CommaOk => "comma, ok expression",
        })?;
        if self.mode == Mode::Constant
            && let Some(v) = &self.val
        {
            let s = v.to_string();
            if s != self.expr {
                write!(f, " {s}")?;
            }
        }
        if has_type {
            if self.ty.is_invalid() {
                f.write_str(" with invalid type")?;
            } else {
                write!(f, " of {}type {}", type_structure(&self.ty), self.ty)?;
            }
        }
        f.write_str(")")
    }
}

/// For a defined type, its structure before the word `type` (`value of struct type T`,
/// `variable of int type MyInt`, `variable of interface type error`), as `types2`'s
/// `operandString` describes `*Named` types with `compositeKind`; empty for other types.
fn type_structure(t: &Type) -> String {
    match t {
        Type::Named(_) | Type::Error => {}
        _ => return String::new(),
    }
    let what = match t.underlying() {
        Type::Basic(k) => k.name(),
        Type::Struct(_) => "struct",
        Type::Pointer(_) => "pointer",
        Type::Slice(_) => "slice",
        Type::Array(..) => "array",
        Type::Map(..) => "map",
        Type::Func(_) => "func",
        Type::Interface | Type::Error | Type::Iface(_) => "interface",
        _ => return String::new(),
    };
    format!("{what} ")
}
