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
    /// string → []byte (a new backing array).
    StringToBytes,
    /// []byte → string.
    BytesToString,
    /// string → []rune.
    StringToRunes,
    /// []rune → string.
    RunesToString,
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
    /// Return from the current function: first run its deferred calls (LIFO), then drop the
    /// frame and push the values of its result slots for the caller.
    Return,
    /// Call a native (standard library) function with `argc` arguments on the stack; pushes its
    /// results (as the native's signature says), e.g. `fmt.Println` pushes n and err.
    CallNative { native: Native, argc: u32 },
    /// Like `CallNative`, the last of the `argc` arguments being a slice whose elements are
    /// the remaining variadic arguments (`fmt.Println(xs...)`).
    CallNativeSpread { native: Native, argc: u32 },
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
    /// Push `nil` (a nil interface, pointer, slice, map or function).
    Nil,
    /// Pop b, a (any comparable values: structs, arrays, interfaces, pointers); push a == b.
    /// Panics `comparing uncomparable type T` for interfaces holding slices, maps or funcs.
    EqDeep,

    // ---- Composite values and the heap (see `runtime::heap`) ----
    /// Push the zero value of type `t` (structs and arrays are aggregates of zeros).
    Zero(TypeId),
    /// Pop n values; push the struct or array value made of them (in order).
    Agg(u32),
    /// Pop a struct (or array) value; push its field (element) `i`.
    Field(u32),
    /// Pop a pointer to a struct; push a pointer to its field `i`. Nil: panics with the
    /// `invalid memory address or nil pointer dereference` runtime error.
    FieldAddr(u32),
    /// Pop a value; allocate a heap cell holding it (its type `t` gives the Go size); push a
    /// pointer to the cell. Used by `new(T)`, `&T{...}` and escaping variables.
    Box(TypeId),
    /// Pop a pointer; push a copy of the value it points to (nil: panics).
    Deref,
    /// Pop a pointer p, then v; store v at *p (nil: panics).
    StoreDeref,
    /// Pop i, then an array value; push element i (index out of range panics).
    IndexArray,
    /// Pop i, then an addressable sequence (a slice, or a pointer to an array); push a pointer
    /// to element i (index out of range panics).
    IndexAddr,
    /// Pop i, then a slice; push element i (index out of range panics).
    IndexSlice,
    /// Pop n element values; allocate a backing array; push the slice of them (len = cap = n).
    SliceLit { elem: TypeId, n: u32 },
    /// Pop cap, len; push a slice of `len` zero values with capacity `cap` (`make([]T, len, cap)`);
    /// panics `makeslice: len out of range` / `cap out of range`.
    MakeSlice(TypeId),
    /// Pop n values, then a slice; push the slice with the values appended, growing the backing
    /// array with Go's `nextslicecap` + `roundupsize` when the capacity is exceeded.
    Append { elem: TypeId, n: u32 },
    /// Pop a slice (or a string, for `append(bytes, s...)`), then a slice; push the appended slice.
    AppendSlice(TypeId),
    /// Pop a value; push its length (string bytes, slice/array elements, map entries; nil → 0).
    Len,
    /// Pop a slice or array; push its capacity.
    Cap,
    /// Pop max, hi, lo (those present), then a string, slice or pointer to array; push `x[lo:hi:max]`
    /// (out of range panics `slice bounds out of range [...]`).
    SliceExpr { lo: bool, hi: bool, max: bool },
    /// Pop src, dst; copy min(len) elements; push the count. `src` may be a string.
    Copy,
    /// Push a new empty map (`make(map[K]V)` / literals).
    MakeMap(TypeId),
    /// Pop k, m; push m[k], or the zero value of `zero` if absent (and `ok` if `comma_ok`).
    MapIndex { zero: TypeId, comma_ok: bool },
    /// Pop k, m, then v; set m[k] = v. Nil map: panics `assignment to entry in nil map`.
    MapStore,
    /// Pop k, m; delete m[k].
    MapDelete,
    /// Pop m; push an iterator over a snapshot of its keys starting at a point drawn from the
    /// chooser (label `mapiter`), as Go randomizes map iteration.
    MapIter,
    /// Pop an iterator; if exhausted jump to `end`, else push the iterator, key and value.
    MapNext { end: u32 },
    /// Pop i, s (a string); push the rune at byte offset i and its width (`for range` on strings).
    DecodeRune,
    /// Pop a concrete value; push it as an interface value of static interface type `inter`
    /// with dynamic type `t` (`convT` + the itab `inter,t`; `any` makes an eface).
    ToIface { t: TypeId, inter: TypeId },
    /// Pop an interface value; push its dynamic value if its dynamic type is `t` (concrete) or
    /// implements `t` (an interface type), else panic `interface conversion: ...`; with
    /// `comma_ok`, push the value (or zero) and a bool instead of panicking. `src` is the static
    /// interface type of the operand (Go's panic text names it: `main.Shape is nil, not T`).
    /// `bind`: a type-switch clause taking the value its case already matched (Go reuses the
    /// data word; no comparison happens, so no event is reported).
    Assert {
        t: TypeId,
        comma_ok: bool,
        src: TypeId,
        bind: bool,
    },
    /// Pop an interface value; push whether its dynamic type is `t` (nil: `t` is the nil slot).
    /// Only type switches emit it: `case` numbers the case expressions from 0 in source order.
    IsType { t: TypeId, case: u32 },
    /// Push the function value of a declared function.
    FuncValue(FuncId),
    /// Pop n captured-variable pointers; push a closure of `func` over them.
    Closure { func: FuncId, n: u32 },
    /// Push captured variable `i` (a pointer) of the running closure.
    LoadCapture(u32),
    /// Pop argc arguments, then a function value; call it (nil: panics).
    CallValue { argc: u32 },
    /// Call method `name` (a string index) of the interface value below the argc arguments,
    /// dispatching on its dynamic type through the itab `inter,dynamic` (nil interface: panics).
    /// `inter` is the receiver's static interface type.
    CallIface { name: u32, argc: u32, inter: TypeId },
    /// Pop argc arguments, then a function value; push them on the frame's defer list.
    Defer { argc: u32 },
    /// Push the current panic's value if called by a deferred function while panicking (and stop
    /// the panic), else nil.
    Recover,
    /// Push the function value of a native.
    NativeValue(Native),
    // Goroutines and channels (runtime/proc.go, chan.go). Each ends the goroutine's burst:
    // the scheduler may switch to another P after it.
    /// Pop argc arguments, then a function value; start a goroutine calling it (`newproc`).
    Go { argc: u32 },
    /// Pop cap, then the element's zero value; push a new channel (`makechan`; negative cap
    /// panics `makechan: size out of range`).
    MakeChan,
    /// Pop v, then a channel; send (may block; closed: panics `send on closed channel`).
    ChanSend,
    /// Pop a channel; receive and push the value (and `ok` if `comma_ok`); may block.
    ChanRecv { comma_ok: bool },
    /// Pop a channel; close it (nil/closed: panics).
    ChanClose,
    /// Pop a channel; push its buffered count.
    ChanLen,
    /// Pop a channel; push its capacity.
    ChanCap,
    /// `select` over `n` cases (`runtime/select.go`'s `selectgo`). Each case pushed, in source
    /// order, its channel, then (a send) its value, then its kind (`Int` 1: send, 0: receive).
    /// Pops them; pushes the chosen case's index (-1: `default`, present if `has_default`),
    /// then the received value (a send case: nil) and `ok`. May block.
    Select { n: u32, has_default: bool },
}

/// Index into [`Program::types`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TypeId(pub u32);

/// The run-time descriptor of a type (`runtime._type`, `abi.Type`): what `%T`, `%v`, type
/// assertions, interface method dispatch, zero values and the heap's size accounting need.
#[derive(Clone, Debug, PartialEq)]
pub struct RType {
    /// As `%T` prints it: `int`, `main.Point`, `[]int`, `*main.T`, `map[string]int`.
    pub name: String,
    pub kind: RKind,
    /// Methods of the type's method set, sorted by name.
    pub methods: Vec<RMethod>,
    /// A defined type (`main.T`): `%v` of a nil pointer etc. is unaffected, `%#v` uses the name.
    pub named: bool,
    /// Size in bytes of a value of this type (Go's layout on 64-bit).
    pub size: u32,
}

/// A method in a type's method set.
#[derive(Clone, Debug, PartialEq)]
pub struct RMethod {
    pub name: String,
    pub func: FuncId,
    /// The receiver is a pointer but the method takes a value: dereference it first.
    pub deref: bool,
}

/// The shape of a run-time type.
#[derive(Clone, Debug, PartialEq)]
pub enum RKind {
    Bool,
    /// Signed integer of the given bits.
    Int(u32),
    /// Unsigned integer of the given bits.
    Uint(u32),
    Float,
    String,
    Pointer(TypeId),
    Slice(TypeId),
    Array(u64, TypeId),
    Map(TypeId, TypeId),
    Struct(Vec<RField>),
    /// An interface type: its method names, sorted.
    Interface(Vec<String>),
    Func,
    /// A standard-library error whose value is `Agg[message, wrapped error or nil, ...]`:
    /// `*errors.errorString`, `*fmt.wrapError`, `*strconv.NumError`, runtime errors.
    NativeError,
}

/// A struct field.
#[derive(Clone, Debug, PartialEq)]
pub struct RField {
    pub name: String,
    pub ty: TypeId,
    pub embedded: bool,
}

/// Type ids the compiler always reserves, so the runtime can make these values itself.
pub mod well_known {
    use super::TypeId;
    /// `*errors.errorString` (errors.New).
    pub const ERROR_STRING: TypeId = TypeId(0);
    /// `*fmt.wrapError` (fmt.Errorf with %w).
    pub const WRAP_ERROR: TypeId = TypeId(1);
    /// `runtime.Error` values (`runtime.boundsError` etc., recovered runtime panics).
    pub const RUNTIME_ERROR: TypeId = TypeId(2);
    /// `*strconv.NumError`.
    pub const NUM_ERROR: TypeId = TypeId(3);
    /// `*errors.joinError`.
    pub const JOIN_ERROR: TypeId = TypeId(4);
    pub const INT: TypeId = TypeId(5);
    pub const STRING: TypeId = TypeId(6);
    pub const BOOL: TypeId = TypeId(7);
    pub const FLOAT64: TypeId = TypeId(8);
    /// `*fmt.fmtError`: fmt.Errorf without %w (Go's `*errors.errorString`).
    pub const FMT_ERROR: TypeId = TypeId(0);
    pub const COUNT: u32 = 9;
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
    /// The debug table of the named slots (`None` for temporaries): each variable's static
    /// type, so a view can tell an eface from an iface and find its itab.
    pub slot_types: Vec<Option<SlotType>>,
    pub code: Vec<Op>,
    /// Source position of each instruction (`pos.len() == code.len()`).
    pub pos: Vec<Pos>,
    /// Position of the declaration.
    pub decl: Pos,
    /// The function's final `Return` (a recovered panic resumes there).
    pub ret_pc: u32,
    /// Which result slots hold pointers to heap cells (results captured by closures).
    pub result_boxed: Vec<bool>,
}

/// A named slot's static type and scope, and whether the slot holds a pointer to the variable's heap
/// cell (a captured or address-taken variable, a struct or array) rather than its value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SlotType {
    pub ty: TypeId,
    pub boxed: bool,
    /// The pcs where the variable is in scope (from its declaration to the end of the
    /// enclosing compound statement; `u32::MAX`: to the end of the function).
    pub scope: std::ops::Range<u32>,
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
    /// Run-time type descriptors, by [`TypeId`] (the first [`well_known::COUNT`] are fixed).
    pub types: Vec<RType>,
    /// `main.main`.
    pub entry: FuncId,
    /// Package initialisation (`main.init` of the globals), if there is anything to initialise.
    pub init: Option<FuncId>,
}

impl Program {
    pub fn function(&self, id: FuncId) -> &Function {
        &self.functions[id.0 as usize]
    }
    /// The descriptor of `t` (a harmless `invalid` one for an unknown id).
    pub fn rtype(&self, t: TypeId) -> &RType {
        static INVALID: RType = RType {
            name: String::new(),
            kind: RKind::Bool,
            methods: Vec::new(),
            named: false,
            size: 0,
        };
        self.types.get(t.0 as usize).unwrap_or(&INVALID)
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
