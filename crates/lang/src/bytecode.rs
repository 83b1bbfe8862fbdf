//! The bytecode executed by the runtime's VM: a stack machine with one operand stack per
//! goroutine, shared by its frames (loxcraft / clox style).
//!
//! Calling convention: the caller pushes the arguments and executes [`Op::Call`]; the callee's
//! frame starts at the first argument (`base`), its locals are slots `base..base+num_slots`
//! (parameters first, then results, then other locals), and its operand stack lies above them.
//! [`Op::Return`] pops the function's results, discards the frame and pushes the results for the
//! caller.
//!
//! Invariants: every jump target is within the function's code; the stack effect of every
//! instruction is fixed (except calls, whose effect follows the callee's signature); every
//! instruction has a source position in the function's line table (`pos[pc]`), so runtime errors
//! and views map a pc to `line:col`.

use crate::packages::Native;
use std::fmt;
use std::rc::Rc;

/// A Go string's bytes (need not be UTF-8). Cheap to clone.
pub type Bytes = Rc<[u8]>;

/// Index into [`Program::functions`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct FuncId(pub u32);

/// Integer kinds narrower than 64 bits, whose arithmetic results must be truncated.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum IntKind {
    Int8,
    Int16,
    Int32,
    Uint8,
    Uint16,
    Uint32,
}

/// How a value is converted by [`Op::Convert`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Conversion {
    /// int → float64.
    IntToFloat,
    /// float64 → int (truncation toward zero; out of range is implementation-defined in Go).
    FloatToInt,
    /// Integer (a rune) → its UTF-8 string; invalid code points become U+FFFD.
    RuneToString,
}

/// One instruction. The comment of each says what it pops and pushes.
#[derive(Clone, Debug, PartialEq)]
pub enum Op {
    /// Push an integer constant.
    Int(i64),
    /// Push a float64 constant.
    Float(f64),
    /// Push a bool constant.
    Bool(bool),
    /// Push the string constant `Program::strings[i]`.
    Str(u32),
    /// Discard the top of the stack.
    Pop,
    /// Push a copy of local slot `i` of the current frame.
    Load(u32),
    /// Pop into local slot `i` of the current frame.
    Store(u32),
    /// Push a copy of package-level variable `i`.
    LoadGlobal(u32),
    /// Pop into package-level variable `i`.
    StoreGlobal(u32),
    /// Pop b, a (ints); push a + b (wrapping, 64-bit).
    Add,
    /// Pop b, a; push a - b (wrapping).
    Sub,
    /// Pop b, a; push a * b (wrapping).
    Mul,
    /// Pop b, a; push a / b truncated toward zero; panics `integer divide by zero` if b == 0.
    Div,
    /// Pop b, a; push a % b (sign of a); panics `integer divide by zero` if b == 0.
    Rem,
    /// Pop b, a; push a & b.
    And,
    /// Pop b, a; push a | b.
    Or,
    /// Pop b, a; push a ^ b.
    Xor,
    /// Pop b, a; push a &^ b.
    AndNot,
    /// Pop b, a; push a << b (0 when b ≥ 64); panics `negative shift amount` if b < 0.
    Shl,
    /// Pop b, a; push a >> b (arithmetic); panics `negative shift amount` if b < 0.
    Shr,
    /// Pop a; push -a (wrapping).
    Neg,
    /// Pop a; push ^a (bitwise complement).
    Compl,
    /// Pop a; push a truncated to the given narrower integer kind (sign- or zero-extended).
    Wrap(IntKind),
    /// Pop b, a (float64); push a + b.
    FAdd,
    /// Pop b, a; push a - b.
    FSub,
    /// Pop b, a; push a * b.
    FMul,
    /// Pop b, a; push a / b (IEEE: ±Inf or NaN on zero).
    FDiv,
    /// Pop a; push -a.
    FNeg,
    /// Pop b, a (strings); push a + b.
    Concat,
    /// Pop b, a; push a == b (ints, floats, bools, strings).
    Eq,
    /// Pop b, a; push a != b.
    Ne,
    /// Pop b, a; push a < b (ints, floats, strings by bytes).
    Lt,
    /// Pop b, a; push a <= b.
    Le,
    /// Pop b, a; push a > b.
    Gt,
    /// Pop b, a; push a >= b.
    Ge,
    /// Pop a (bool); push !a.
    Not,
    /// Continue at `target`.
    Jump(u32),
    /// Pop a bool; continue at `target` if it is false.
    JumpIfFalse(u32),
    /// Pop a bool; continue at `target` if it is true.
    JumpIfTrue(u32),
    /// Call a declared function: its `num_params` arguments are on the stack.
    Call(FuncId),
    /// Return from the current function: pop its `num_results` results, drop the frame, push them.
    Return,
    /// Call a native (standard library) function with `argc` arguments on the stack; pushes its
    /// results (as the native's signature says), e.g. `fmt.Println` pushes n and err.
    CallNative { native: Native, argc: u32 },
    /// Built-in `print`/`println`: pop `argc` values and write them to standard error.
    Print { argc: u32, newline: bool },
    /// Built-in `panic`: pop the value and start panicking.
    Panic,
    /// Pop a string; push its length in bytes.
    LenString,
    /// Pop i, s; push the byte `s[i]`; panics `index out of range [i] with length n`.
    IndexString,
    /// Pop a value; push it converted.
    Convert(Conversion),
    /// Push the interface value `nil` (for `error` results of natives).
    Nil,
}

/// A source position: 1-based line and byte column.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Pos {
    pub line: u32,
    pub col: u32,
}

/// A compiled function.
#[derive(Clone, Debug, Default)]
pub struct Function {
    /// Qualified name, e.g. `main.fib`.
    pub name: String,
    pub num_params: u32,
    pub num_results: u32,
    /// All local slots, parameters and results included.
    pub num_slots: u32,
    /// Names of the slots (for views and debugging); `""` for temporaries.
    pub slot_names: Vec<String>,
    pub code: Vec<Op>,
    /// Source position of each instruction (`pos.len() == code.len()`).
    pub pos: Vec<Pos>,
    /// Position of the declaration.
    pub decl: Pos,
}

/// A compiled program.
#[derive(Clone, Debug, Default)]
pub struct Program {
    pub functions: Vec<Function>,
    /// Interned string constants.
    pub strings: Vec<Bytes>,
    /// Names of the package-level variables.
    pub globals: Vec<String>,
    /// Zero values of the package-level variables (as `Op` constants: Int, Float, Bool or Str).
    pub global_zero: Vec<Op>,
    /// `main.main`.
    pub entry: FuncId,
    /// Package initialisation (`main.init` of the globals), if there is anything to initialise.
    pub init: Option<FuncId>,
}

impl Program {
    pub fn function(&self, id: FuncId) -> &Function {
        &self.functions[id.0 as usize]
    }
}

impl fmt::Display for Program {
    /// A disassembly, one instruction a line: `  3 12:5 Load(0)`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, func) in self.functions.iter().enumerate() {
            writeln!(
                f,
                "func #{i} {} params={} results={} slots={}",
                func.name, func.num_params, func.num_results, func.num_slots
            )?;
            for (pc, op) in func.code.iter().enumerate() {
                let p = func.pos.get(pc).copied().unwrap_or_default();
                match op {
                    Op::Str(s) => {
                        let text = self
                            .strings
                            .get(*s as usize)
                            .map(|b| String::from_utf8_lossy(b).into_owned());
                        writeln!(
                            f,
                            "{pc:4} {}:{} Str({:?})",
                            p.line,
                            p.col,
                            text.unwrap_or_default()
                        )?
                    }
                    Op::Call(id) => {
                        let name = self
                            .functions
                            .get(id.0 as usize)
                            .map_or("?", |g| g.name.as_str());
                        writeln!(f, "{pc:4} {}:{} Call({name})", p.line, p.col)?
                    }
                    _ => writeln!(f, "{pc:4} {}:{} {op:?}", p.line, p.col)?,
                }
            }
        }
        Ok(())
    }
}
