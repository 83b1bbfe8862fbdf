//! The syntax tree produced by the [parser](crate::parser).
//!
//! Models `cmd/compile/internal/syntax/nodes.go`, simplified. Every expression and every
//! identifier carries a [`NodeId`], dense from 0, so the checker can record types, constant values
//! and resolved objects in side tables (`Vec`s indexed by id) instead of mutating the tree.
//!
//! Invariants: positions are byte offsets into the source; `Expr::span` covers the whole
//! expression (`syntax.StartPos` .. `EndPos`), while operator nodes also keep the operator's
//! position. The tree is complete even after syntax errors: missing pieces are [`ExprKind::Bad`].
//! Type syntax is parsed as expressions (Go's grammar does the same) so `[]int`, `map[K]V`,
//! `chan T`, `*T`, `func(...)` and `struct{...}` can be added without a second grammar.

use crate::token::Op;
use std::ops::Range;

/// Dense id of an expression or identifier node.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct NodeId(pub u32);

/// Byte range in the source.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct Span {
    pub start: u32,
    pub end: u32,
}

impl Span {
    pub fn new(start: u32, end: u32) -> Span {
        Span {
            start,
            end: end.max(start),
        }
    }
    pub fn range(self) -> Range<usize> {
        self.start as usize..self.end as usize
    }
    pub fn to(self, other: Span) -> Span {
        Span::new(self.start, other.end)
    }
}

/// A source file.
#[derive(Clone, Debug, Default)]
pub struct File {
    /// The package name (`main`); `None` if the package clause is missing.
    pub package: Option<Ident>,
    pub imports: Vec<ImportSpec>,
    pub decls: Vec<Decl>,
    /// Number of [`NodeId`]s allocated.
    pub node_count: u32,
    /// Offset of the end of the file.
    pub eof: u32,
}

/// An identifier occurrence.
#[derive(Clone, Debug, PartialEq)]
pub struct Ident {
    pub id: NodeId,
    pub name: String,
    pub span: Span,
}

/// `import name "path"`.
#[derive(Clone, Debug)]
pub struct ImportSpec {
    pub name: Option<Ident>,
    /// The path literal as written (with quotes); `None` if missing.
    pub path: Option<Expr>,
    pub span: Span,
}

/// A top-level declaration.
#[derive(Clone, Debug)]
pub enum Decl {
    Func(FuncDecl),
    Var(ValueSpec),
    Const(ValueSpec),
    Type(TypeSpec),
}

/// `func name(params) results { body }`.
#[derive(Clone, Debug)]
pub struct FuncDecl {
    pub name: Ident,
    pub recv: Option<Field>,
    pub sig: FuncType,
    pub body: Option<Block>,
    pub span: Span,
}

/// A function signature.
#[derive(Clone, Debug, Default)]
pub struct FuncType {
    pub params: Vec<Field>,
    pub results: Vec<Field>,
    pub span: Span,
}

/// One parameter or result: `name T`, or just `T`. Grouped names (`a, b int`) become one
/// `Field` per name sharing a clone of the type expression.
#[derive(Clone, Debug)]
pub struct Field {
    pub name: Option<Ident>,
    pub ty: Expr,
    /// `...T` (variadic).
    pub dots: bool,
}

/// `var`/`const` spec: `a, b T = x, y`. For consts with omitted values, `implicit` is true
/// and `values`/`ty` are copied from the previous spec of the group (iota is the spec index).
#[derive(Clone, Debug)]
pub struct ValueSpec {
    pub names: Vec<Ident>,
    pub ty: Option<Expr>,
    pub values: Vec<Expr>,
    pub iota: u32,
    pub implicit: bool,
    pub span: Span,
}

/// `type Name T` / `type Name = T`.
#[derive(Clone, Debug)]
pub struct TypeSpec {
    pub name: Ident,
    pub alias: bool,
    pub ty: Expr,
    pub span: Span,
}

/// `{ stmts }`.
#[derive(Clone, Debug, Default)]
pub struct Block {
    pub stmts: Vec<Stmt>,
    pub lbrace: u32,
    pub rbrace: u32,
}

/// Kinds of branch statements.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BranchKind {
    Break,
    Continue,
    Goto,
    Fallthrough,
}

impl BranchKind {
    pub fn as_str(self) -> &'static str {
        match self {
            BranchKind::Break => "break",
            BranchKind::Continue => "continue",
            BranchKind::Goto => "goto",
            BranchKind::Fallthrough => "fallthrough",
        }
    }
}

/// A statement.
#[derive(Clone, Debug)]
pub struct Stmt {
    pub kind: StmtKind,
    pub span: Span,
}

#[derive(Clone, Debug)]
pub enum StmtKind {
    /// `;` alone.
    Empty,
    /// Expression statement (a call, in valid programs).
    Expr(Expr),
    /// `x++` / `x--` (op is Add or Sub).
    IncDec {
        x: Expr,
        op: Op,
    },
    /// `lhs = rhs`, `lhs op= rhs` (`op` set), or `lhs := rhs` (`define`). `pos` is the
    /// operator's offset.
    Assign {
        lhs: Vec<Expr>,
        rhs: Vec<Expr>,
        op: Option<Op>,
        define: bool,
        pos: u32,
    },
    Var(ValueSpec),
    Const(ValueSpec),
    Type(TypeSpec),
    Block(Block),
    If {
        init: Option<Box<Stmt>>,
        cond: Option<Expr>,
        then: Block,
        els: Option<Box<Stmt>>,
    },
    /// `for init; cond; post { body }` (all optional).
    For {
        init: Option<Box<Stmt>>,
        cond: Option<Expr>,
        post: Option<Box<Stmt>>,
        body: Block,
    },
    /// `for key, value := range x { body }` (`define` for `:=`).
    Range {
        key: Option<Expr>,
        value: Option<Expr>,
        define: bool,
        x: Expr,
        body: Block,
    },
    /// `switch init; tag { clauses }`. A type switch has `tag` `x.(type)` and, for
    /// `switch v := x.(type)`, `bind` `v`.
    Switch {
        init: Option<Box<Stmt>>,
        tag: Option<Expr>,
        bind: Option<Ident>,
        clauses: Vec<CaseClause>,
        rbrace: u32,
    },
    /// `x <- v`
    Send {
        ch: Expr,
        value: Expr,
    },
    Return {
        results: Vec<Expr>,
    },
    Branch {
        kind: BranchKind,
        label: Option<Ident>,
    },
    Labeled {
        label: Ident,
        stmt: Box<Stmt>,
    },
    /// `go f(x)` / `defer f(x)` (`go` is true for go statements).
    GoDefer {
        go: bool,
        call: Expr,
    },
    /// `select { clauses }`.
    Select {
        clauses: Vec<CommClause>,
        rbrace: u32,
    },
}

/// A `select` clause: `case comm: body`, or `default: body` (`comm` is `None`). `comm` is a
/// send statement, a receive expression statement, or an assignment/definition whose single
/// right-hand side is a receive.
#[derive(Clone, Debug)]
pub struct CommClause {
    pub comm: Option<Box<Stmt>>,
    pub body: Vec<Stmt>,
    pub span: Span,
}

/// `case a, b: stmts` (`exprs` empty for `default`).
#[derive(Clone, Debug)]
pub struct CaseClause {
    pub exprs: Vec<Expr>,
    pub default: bool,
    pub body: Vec<Stmt>,
    pub span: Span,
}

/// An expression (or a type, which Go parses as an expression).
#[derive(Clone, Debug)]
pub struct Expr {
    pub id: NodeId,
    pub span: Span,
    pub kind: ExprKind,
}

#[derive(Clone, Debug)]
pub enum ExprKind {
    /// Placeholder after a syntax error.
    Bad,
    Name(String),
    /// Basic literal as written.
    Lit {
        kind: crate::token::LitKind,
        raw: String,
    },
    Paren(Box<Expr>),
    /// `x.sel`
    Selector(Box<Expr>, Ident),
    /// `x[i]`
    Index(Box<Expr>, Box<Expr>),
    /// `x[lo:hi:max]`
    Slice {
        x: Box<Expr>,
        lo: Option<Box<Expr>>,
        hi: Option<Box<Expr>>,
        max: Option<Box<Expr>>,
    },
    /// `f(args)`; `rparen` is the offset of `)`.
    Call {
        fun: Box<Expr>,
        args: Vec<Expr>,
        dots: bool,
        rparen: u32,
    },
    /// Unary `op x` (`*x` is [`ExprKind::Star`]); `Op::Recv` for `<-x`.
    Unary {
        op: Op,
        x: Box<Expr>,
    },
    /// `x op y`; `op_pos` is the operator's offset.
    Binary {
        op: Op,
        x: Box<Expr>,
        y: Box<Expr>,
        op_pos: u32,
    },
    /// `*x`: dereference or pointer type.
    Star(Box<Expr>),
    /// `T{elems}`
    CompositeLit {
        ty: Option<Box<Expr>>,
        elems: Vec<Expr>,
        rbrace: u32,
    },
    /// `key: value` inside a composite literal.
    KeyValue(Box<Expr>, Box<Expr>),
    /// `func(...) ... { body }`
    FuncLit(Box<FuncType>, Box<Block>),
    /// `x.(T)` (`ty` None for `x.(type)`).
    Assert(Box<Expr>, Option<Box<Expr>>),
    // Types.
    /// `[len]T`, or `[]T` when `len` is None.
    ArrayType {
        len: Option<Box<Expr>>,
        elem: Box<Expr>,
    },
    MapType(Box<Expr>, Box<Expr>),
    /// `chan T` (dir 0), `chan<- T` (1: send only), `<-chan T` (2: receive only).
    ChanType {
        dir: u8,
        elem: Box<Expr>,
    },
    FuncType(Box<FuncType>),
    StructType(Vec<Field>),
    InterfaceType(Vec<Field>),
    /// `...T` in a parameter list.
    Dots(Box<Expr>),
}

impl Expr {
    /// Strips parentheses.
    pub fn unparen(&self) -> &Expr {
        let mut e = self;
        while let ExprKind::Paren(x) = &e.kind {
            e = x;
        }
        e
    }
}
