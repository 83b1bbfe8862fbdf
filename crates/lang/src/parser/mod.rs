//! The parser: tokens to an [`ast::File`](crate::ast::File), never failing.
//!
//! A recursive-descent port of `cmd/compile/internal/syntax/parser.go` for the subset goscope
//! supports (generics excluded). It keeps Go's error texts (`syntax error: unexpected newline in
//! argument list; possibly missing comma or )`) and Go's recovery strategy: `advance` skips to a
//! follow token, or to a statement keyword inside function bodies.
//!
//! Invariants: parsing terminates and never panics on any input (every loop consumes a token or
//! stops at EOF); the tree is complete (missing parts are `ExprKind::Bad`); once the error limit
//! is reached the parser sees only EOF. Scanner errors are reported when the parser reaches the
//! token being scanned, so the chronological order of errors matches Go's.

mod decl;
mod expr;
mod fields;
mod select;
mod stmt;

use crate::ast::*;
use crate::diagnostic::Reporter;
use crate::lexer::{LexError, lex};
use crate::token::{LitKind, SemiKind, Token, TokenKind};

/// Keywords that start a statement: synchronisation points inside function bodies.
const STOPSET: &[TokenKind] = &[
    TokenKind::Break,
    TokenKind::Const,
    TokenKind::Continue,
    TokenKind::Defer,
    TokenKind::Fallthrough,
    TokenKind::For,
    TokenKind::Go,
    TokenKind::Goto,
    TokenKind::If,
    TokenKind::Return,
    TokenKind::Select,
    TokenKind::Switch,
    TokenKind::Type,
    TokenKind::Var,
];

/// How deeply expressions, statements and types may nest (and how long an operator chain may
/// be). Go has no such limit, but goscope's checker and compiler recurse over the tree and wasm32
/// has a small stack, so deeper input is a syntax error instead of a crash.
pub const MAX_NESTING: u32 = 200;

/// Do two token kinds belong to the same class (ignoring operator / semicolon payloads)?
fn same_class(a: TokenKind, b: TokenKind) -> bool {
    std::mem::discriminant(&a) == std::mem::discriminant(&b)
}

/// Parses a whole file, reporting errors to `rep`.
pub fn parse_file(source: &str, rep: &mut Reporter) -> File {
    let lexed = lex(source, false);
    let mut p = Parser {
        src: source,
        toks: lexed.tokens,
        lex_errors: lexed.errors,
        next_lex_error: 0,
        i: 0,
        tok: Token {
            kind: TokenKind::Eof,
            start: 0,
            end: 0,
        },
        rep,
        fnest: 0,
        xnest: 0,
        had_error: false,
        next_id: 0,
        depth: 0,
        too_deep: false,
    };
    p.set_current();
    let mut f = p.file();
    f.node_count = p.next_id;
    f.eof = source.len() as u32;
    f
}

pub(crate) struct Parser<'s, 'r> {
    pub(crate) src: &'s str,
    toks: Vec<Token>,
    lex_errors: Vec<LexError>,
    next_lex_error: usize,
    i: usize,
    /// The current token.
    pub(crate) tok: Token,
    rep: &'r mut Reporter,
    /// Function nesting depth.
    fnest: u32,
    /// Expression nesting: < 0 in control clauses (where `T{` is not a composite literal).
    xnest: i32,
    had_error: bool,
    next_id: u32,
    /// Current nesting depth (see [`MAX_NESTING`]).
    depth: u32,
    /// Set once the nesting limit was exceeded: the parser then sees only EOF.
    too_deep: bool,
}

impl<'s, 'r> Parser<'s, 'r> {
    pub(crate) fn kind(&self) -> TokenKind {
        self.tok.kind
    }

    pub(crate) fn pos(&self) -> u32 {
        self.tok.start
    }

    /// End offset of the previous token.
    pub(crate) fn prev_end(&self) -> u32 {
        match self.i.checked_sub(1).and_then(|i| self.toks.get(i)) {
            Some(t) => t.end,
            None => 0,
        }
    }

    pub(crate) fn text(&self) -> &'s str {
        self.tok.text(self.src)
    }

    fn set_current(&mut self) {
        self.tok = if self.rep.stopped || self.too_deep {
            Token {
                kind: TokenKind::Eof,
                start: self.src.len() as u32,
                end: self.src.len() as u32,
            }
        } else {
            self.toks.get(self.i).copied().unwrap_or(Token {
                kind: TokenKind::Eof,
                start: self.src.len() as u32,
                end: self.src.len() as u32,
            })
        };
        // Report scanner errors found while scanning tokens up to the current one.
        while let Some(e) = self.lex_errors.get(self.next_lex_error) {
            if e.token > self.i {
                break;
            }
            let (offset, message) = (e.offset as usize, e.message.clone());
            self.next_lex_error += 1;
            self.error_at(offset as u32, message);
        }
    }

    /// Enters one nesting level; false (after reporting, once) when the limit is exceeded.
    pub(crate) fn enter(&mut self, extra: u32) -> bool {
        self.depth += 1;
        if self.depth + extra > MAX_NESTING {
            if !self.too_deep {
                let p = self.pos();
                self.error_at(
                    p,
                    format!("syntax error: nesting too deep (goscope allows {MAX_NESTING} levels)"),
                );
                self.too_deep = true;
                self.set_current();
            }
            return false;
        }
        true
    }

    pub(crate) fn leave(&mut self) {
        self.depth = self.depth.saturating_sub(1);
    }

    /// Advances to the next token.
    pub(crate) fn next(&mut self) {
        if self.i < self.toks.len() {
            self.i += 1;
        }
        self.set_current();
    }

    pub(crate) fn got(&mut self, kind: TokenKind) -> bool {
        if same_class(self.kind(), kind) {
            self.next();
            true
        } else {
            false
        }
    }

    pub(crate) fn want(&mut self, kind: TokenKind) {
        if !self.got(kind) {
            self.syntax_error(&format!("expected {}", kind.describe()));
            self.advance(&[]);
        }
    }

    /// Like `got(Assign)` but also accepts (and reports) `:=`.
    pub(crate) fn got_assign(&mut self) -> bool {
        match self.kind() {
            TokenKind::Define => {
                self.syntax_error("expected =");
                self.next();
                true
            }
            TokenKind::Assign => {
                self.next();
                true
            }
            _ => false,
        }
    }

    pub(crate) fn new_id(&mut self) -> NodeId {
        let id = NodeId(self.next_id);
        self.next_id += 1;
        id
    }

    pub(crate) fn mk(&mut self, span: Span, kind: ExprKind) -> Expr {
        Expr {
            id: self.new_id(),
            span,
            kind,
        }
    }

    pub(crate) fn bad_expr(&mut self) -> Expr {
        let p = self.pos();
        self.mk(Span::new(p, p), ExprKind::Bad)
    }

    /// Reports a plain (non-syntax or already prefixed) error.
    pub(crate) fn error_at(&mut self, pos: u32, msg: impl Into<String>) {
        self.had_error = true;
        let end = (pos as usize + 1).min(self.src.len()).max(pos as usize);
        let _ = self.rep.error(pos as usize..end, msg);
        if self.rep.stopped {
            self.tok = Token {
                kind: TokenKind::Eof,
                start: self.src.len() as u32,
                end: self.src.len() as u32,
            };
        }
    }

    pub(crate) fn syntax_error(&mut self, msg: &str) {
        self.syntax_error_at(self.pos(), msg)
    }

    /// `syntaxErrorAt`: adds `unexpected <current token>` unless `msg` is a plain message.
    pub(crate) fn syntax_error_at(&mut self, pos: u32, msg: &str) {
        if self.kind() == TokenKind::Eof && self.had_error {
            return;
        }
        let suffix = if msg.is_empty() {
            String::new()
        } else if msg.starts_with("in ") || msg.starts_with("at ") || msg.starts_with("after ") {
            format!(" {msg}")
        } else if msg.starts_with("expected ") {
            format!(", {msg}")
        } else {
            self.error_at(pos, format!("syntax error: {msg}"));
            return;
        };
        let tok = match self.kind() {
            TokenKind::Name => format!("name {}", self.text()),
            TokenKind::Semi(SemiKind::Explicit) => "semicolon".into(),
            TokenKind::Semi(SemiKind::Newline) => "newline".into(),
            TokenKind::Semi(SemiKind::Eof) => "EOF".into(),
            TokenKind::Literal(_) => format!("literal {}", self.text()),
            k => k.describe(),
        };
        self.error_at(pos, format!("syntax error: unexpected {tok}{suffix}"));
    }

    /// Skips tokens until one in `follow` (or the statement stopset inside functions, or EOF).
    /// With an empty `follow`, exactly one token is consumed.
    pub(crate) fn advance(&mut self, follow: &[TokenKind]) {
        let in_follow = |p: &Self| {
            let k = p.kind();
            k == TokenKind::Eof
                || (!follow.is_empty()
                    && (follow.iter().any(|f| same_class(*f, k))
                        || (p.fnest > 0 && STOPSET.contains(&k))))
        };
        while !in_follow(self) {
            self.next();
            if follow.is_empty() {
                break;
            }
        }
    }

    /// `list`: `[ f { sep f } [sep] ] close`. `f` returns true to stop accepting elements.
    /// Returns the position of the closing token.
    pub(crate) fn list(
        &mut self,
        context: &str,
        sep: TokenKind,
        close: TokenKind,
        mut f: impl FnMut(&mut Self) -> bool,
    ) -> u32 {
        let mut done = false;
        while self.kind() != TokenKind::Eof && !same_class(self.kind(), close) && !done {
            done = f(self);
            if !self.got(sep) && !same_class(self.kind(), close) {
                self.syntax_error(&format!(
                    "in {context}; possibly missing {} or {}",
                    sep.describe(),
                    close.describe()
                ));
                self.advance(&[TokenKind::RParen, TokenKind::RBrack, TokenKind::RBrace]);
                if !same_class(self.kind(), close) {
                    return self.pos();
                }
            }
        }
        let pos = self.pos();
        self.want(close);
        pos
    }

    pub(crate) fn name(&mut self) -> Ident {
        if self.kind() == TokenKind::Name {
            let id = self.new_id();
            let ident = Ident {
                id,
                name: self.text().to_string(),
                span: Span::new(self.tok.start, self.tok.end),
            };
            self.next();
            return ident;
        }
        let id = self.new_id();
        let p = self.pos();
        self.syntax_error("expected name");
        self.advance(&[]);
        Ident {
            id,
            name: "_".into(),
            span: Span::new(p, p),
        }
    }

    fn file(&mut self) -> File {
        let mut f = File::default();
        if !self.got(TokenKind::Package) {
            // The go command (go/parser) rejects the file before the compiler sees it.
            let found = match self.kind() {
                TokenKind::Name | TokenKind::Literal(_) => self.text().to_string(),
                TokenKind::Eof | TokenKind::Semi(SemiKind::Eof) => "'EOF'".to_string(),
                TokenKind::Semi(_) => "';'".to_string(),
                k if k.is_keyword() => format!("'{}'", k.keyword_str()),
                _ => format!("'{}'", self.text()),
            };
            let p = self.pos();
            self.error_at(p, format!("expected 'package', found {found}"));
            return f;
        }
        f.package = Some(self.name());
        self.want(TokenKind::Semi(SemiKind::Explicit));
        if self.had_error {
            return f;
        }
        let mut prev_import = true;
        while self.kind() != TokenKind::Eof {
            let k = self.kind();
            if k == TokenKind::Import && !prev_import {
                self.syntax_error("imports must appear before other declarations");
            }
            prev_import = k == TokenKind::Import;
            match k {
                TokenKind::Import => {
                    self.next();
                    self.group(|p, _| {
                        let spec = p.import_spec();
                        f.imports.push(spec);
                    });
                }
                TokenKind::Const => {
                    self.next();
                    let mut decls = Vec::new();
                    self.const_group(&mut |s| decls.push(Decl::Const(s)));
                    f.decls.extend(decls);
                }
                TokenKind::Var => {
                    self.next();
                    self.group(|p, _| {
                        let s = p.var_spec();
                        f.decls.push(Decl::Var(s));
                    });
                }
                TokenKind::Type => {
                    self.next();
                    self.group(|p, _| {
                        let s = p.type_spec();
                        f.decls.push(Decl::Type(s));
                    });
                }
                TokenKind::Func => {
                    let start = self.pos();
                    self.next();
                    if let Some(d) = self.func_decl(start) {
                        f.decls.push(Decl::Func(d));
                    }
                }
                _ => {
                    let empty_func =
                        matches!(f.decls.last(), Some(Decl::Func(d)) if d.body.is_none());
                    if k == TokenKind::LBrace && empty_func {
                        self.syntax_error("unexpected semicolon or newline before {");
                    } else {
                        self.syntax_error("non-declaration statement outside function body");
                    }
                    self.advance(&[
                        TokenKind::Import,
                        TokenKind::Const,
                        TokenKind::Type,
                        TokenKind::Var,
                        TokenKind::Func,
                    ]);
                    continue;
                }
            }
            if self.kind() != TokenKind::Eof && !self.got(TokenKind::Semi(SemiKind::Explicit)) {
                self.syntax_error("after top level declaration");
                self.advance(&[
                    TokenKind::Import,
                    TokenKind::Const,
                    TokenKind::Type,
                    TokenKind::Var,
                    TokenKind::Func,
                ]);
            }
        }
        f
    }

    /// `f | "(" { f ";" } ")"`; `f` gets the index within the group.
    pub(crate) fn group(&mut self, mut f: impl FnMut(&mut Self, u32)) {
        if self.kind() == TokenKind::LParen {
            self.next();
            let mut i = 0;
            self.list(
                "grouped declaration",
                TokenKind::Semi(SemiKind::Explicit),
                TokenKind::RParen,
                |p| {
                    f(p, i);
                    i += 1;
                    false
                },
            );
        } else {
            f(self, 0);
        }
    }

    fn import_spec(&mut self) -> ImportSpec {
        let start = self.pos();
        let name = match self.kind() {
            TokenKind::Name => Some(self.name()),
            TokenKind::Dot => {
                let id = self.new_id();
                let span = Span::new(self.tok.start, self.tok.end);
                self.next();
                Some(Ident {
                    id,
                    name: ".".into(),
                    span,
                })
            }
            _ => None,
        };
        let path = if let TokenKind::Literal(kind) = self.kind() {
            let lit = self.literal();
            if kind != LitKind::String {
                self.syntax_error_at(lit.span.start, "import path must be a string");
            }
            Some(lit)
        } else {
            self.syntax_error("missing import path");
            self.advance(&[TokenKind::Semi(SemiKind::Explicit), TokenKind::RParen]);
            None
        };
        let end = path.as_ref().map_or(self.pos(), |p| p.span.end);
        ImportSpec {
            name,
            path,
            span: Span::new(start, end),
        }
    }

    pub(crate) fn literal(&mut self) -> Expr {
        let TokenKind::Literal(kind) = self.kind() else {
            return self.bad_expr();
        };
        let span = Span::new(self.tok.start, self.tok.end);
        let raw = self.text().to_string();
        self.next();
        self.mk(span, ExprKind::Lit { kind, raw })
    }
}

#[cfg(test)]
mod tests;
