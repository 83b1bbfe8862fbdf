//! Tokens of the Go language, as produced by the [lexer](crate::lexer).
//!
//! Models `cmd/compile/internal/syntax/tokens.go`: operators carry their [`Op`] and binary
//! precedence; assignment operators (`+=`) and `++`/`--` are distinct token kinds; an automatically
//! inserted semicolon remembers whether it stood for a newline or the end of the file, because the
//! parser's messages say `unexpected newline` / `unexpected EOF`.

use std::fmt;

/// Kind of a token.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum TokenKind {
    Eof,
    /// Identifier.
    Name,
    /// Basic literal (see [`LitKind`]).
    Literal(LitKind),
    /// Binary or unary operator, including `*` (kept apart as [`TokenKind::Star`] in Go's parser).
    Operator(Op),
    /// `op=`, e.g. `+=`.
    AssignOp(Op),
    /// `++` (Op::Add) or `--` (Op::Sub).
    IncOp(Op),
    /// `*`: both multiplication and pointer indirection.
    Star,
    /// `=`
    Assign,
    /// `:=`
    Define,
    /// `<-`
    Arrow,
    LParen,
    LBrack,
    LBrace,
    RParen,
    RBrack,
    RBrace,
    Comma,
    Semi(SemiKind),
    Colon,
    Dot,
    /// `...`
    DotDotDot,
    /// A character the lexer could not make sense of (tolerant mode only; skipped by the parser).
    Invalid,
    /// A comment (tolerant mode only; the parser never sees comments).
    Comment,
    // Keywords.
    Break,
    Case,
    Chan,
    Const,
    Continue,
    Default,
    Defer,
    Else,
    Fallthrough,
    For,
    Func,
    Go,
    Goto,
    If,
    Import,
    Interface,
    Map,
    Package,
    Range,
    Return,
    Select,
    Struct,
    Switch,
    Type,
    Var,
}

/// Kinds of basic literals.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum LitKind {
    Int,
    Float,
    Imag,
    Rune,
    String,
}

/// Why a semicolon token is there.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum SemiKind {
    /// Written in the source.
    Explicit,
    /// Inserted at a newline (or a multi-line comment standing for one).
    Newline,
    /// Inserted at the end of the file.
    Eof,
}

/// Operators, with Go's spelling.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Op {
    /// `!`
    Not,
    /// `<-`
    Recv,
    /// `~`
    Tilde,
    /// `||`
    OrOr,
    /// `&&`
    AndAnd,
    /// `==`
    Eql,
    /// `!=`
    Neq,
    /// `<`
    Lss,
    /// `<=`
    Leq,
    /// `>`
    Gtr,
    /// `>=`
    Geq,
    /// `+`
    Add,
    /// `-`
    Sub,
    /// `|`
    Or,
    /// `^`
    Xor,
    /// `*`
    Mul,
    /// `/`
    Div,
    /// `%`
    Rem,
    /// `&`
    And,
    /// `&^`
    AndNot,
    /// `<<`
    Shl,
    /// `>>`
    Shr,
}

impl Op {
    /// Go's spelling of the operator.
    pub fn as_str(self) -> &'static str {
        match self {
            Op::Not => "!",
            Op::Recv => "<-",
            Op::Tilde => "~",
            Op::OrOr => "||",
            Op::AndAnd => "&&",
            Op::Eql => "==",
            Op::Neq => "!=",
            Op::Lss => "<",
            Op::Leq => "<=",
            Op::Gtr => ">",
            Op::Geq => ">=",
            Op::Add => "+",
            Op::Sub => "-",
            Op::Or => "|",
            Op::Xor => "^",
            Op::Mul => "*",
            Op::Div => "/",
            Op::Rem => "%",
            Op::And => "&",
            Op::AndNot => "&^",
            Op::Shl => "<<",
            Op::Shr => ">>",
        }
    }

    /// Binary precedence (0: not a binary operator), as in the Go spec.
    pub fn precedence(self) -> u8 {
        match self {
            Op::OrOr => 1,
            Op::AndAnd => 2,
            Op::Eql | Op::Neq | Op::Lss | Op::Leq | Op::Gtr | Op::Geq => 3,
            Op::Add | Op::Sub | Op::Or | Op::Xor => 4,
            Op::Mul | Op::Div | Op::Rem | Op::And | Op::AndNot | Op::Shl | Op::Shr => 5,
            Op::Not | Op::Recv | Op::Tilde => 0,
        }
    }

    /// Is this a comparison operator?
    pub fn is_comparison(self) -> bool {
        matches!(
            self,
            Op::Eql | Op::Neq | Op::Lss | Op::Leq | Op::Gtr | Op::Geq
        )
    }
}

impl fmt::Display for Op {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl TokenKind {
    /// The keyword for an identifier spelling, if any.
    pub fn keyword(s: &str) -> Option<TokenKind> {
        use TokenKind::*;
        Some(match s {
            "break" => Break,
            "case" => Case,
            "chan" => Chan,
            "const" => Const,
            "continue" => Continue,
            "default" => Default,
            "defer" => Defer,
            "else" => Else,
            "fallthrough" => Fallthrough,
            "for" => For,
            "func" => Func,
            "go" => Go,
            "goto" => Goto,
            "if" => If,
            "import" => Import,
            "interface" => Interface,
            "map" => Map,
            "package" => Package,
            "range" => Range,
            "return" => Return,
            "select" => Select,
            "struct" => Struct,
            "switch" => Switch,
            "type" => Type,
            "var" => Var,
            _ => return None,
        })
    }

    pub fn is_keyword(self) -> bool {
        self >= TokenKind::Break
    }

    /// The spelling used in Go's error messages for tokens without a literal
    /// (`tokstring` in the syntax package).
    pub fn describe(self) -> String {
        use TokenKind::*;
        match self {
            Eof => "EOF".into(),
            Name => "name".into(),
            Literal(_) => "literal".into(),
            Operator(op) => op.as_str().into(),
            AssignOp(op) => format!("{op}="),
            IncOp(op) => format!("{op}{op}"),
            Star => "*".into(),
            Assign => "=".into(),
            Define => ":=".into(),
            Arrow => "<-".into(),
            LParen => "(".into(),
            LBrack => "[".into(),
            LBrace => "{".into(),
            RParen => ")".into(),
            RBrack => "]".into(),
            RBrace => "}".into(),
            Comma => "comma".into(),
            Semi(_) => "semicolon or newline".into(),
            Colon => ":".into(),
            Dot => ".".into(),
            DotDotDot => "...".into(),
            Invalid => "invalid character".into(),
            Comment => "comment".into(),
            kw => format!("keyword {}", kw.keyword_str()),
        }
    }

    /// The spelling of a keyword token (empty for others).
    pub fn keyword_str(self) -> &'static str {
        use TokenKind::*;
        match self {
            Break => "break",
            Case => "case",
            Chan => "chan",
            Const => "const",
            Continue => "continue",
            Default => "default",
            Defer => "defer",
            Else => "else",
            Fallthrough => "fallthrough",
            For => "for",
            Func => "func",
            Go => "go",
            Goto => "goto",
            If => "if",
            Import => "import",
            Interface => "interface",
            Map => "map",
            Package => "package",
            Range => "range",
            Return => "return",
            Select => "select",
            Struct => "struct",
            Switch => "switch",
            Type => "type",
            Var => "var",
            _ => "",
        }
    }
}

/// A token: its kind and byte range in the source.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    pub kind: TokenKind,
    pub start: u32,
    pub end: u32,
}

impl Token {
    /// The token's text in `source`.
    pub fn text<'s>(&self, source: &'s str) -> &'s str {
        source
            .get(self.start as usize..self.end as usize)
            .unwrap_or("")
    }
}
