//! The lexer: source text to [`Token`]s, with Go's automatic semicolon insertion.
//!
//! Models `cmd/compile/internal/syntax/scanner.go`. Semicolon rule (Go spec, "Semicolons"): a newline
//! (or the end of the file, or a `/* */` comment spanning lines) becomes a `;` when the line's last
//! token is an identifier, a basic literal, one of the keywords `break continue fallthrough return`,
//! `++ -- ) ] }`.
//!
//! Invariants: the lexer never fails and never panics; every byte of the input is either whitespace,
//! inside a token, or reported as an error (`invalid character U+0040 '@'`). Error messages and
//! positions are the scanner's (errors are *not* prefixed with `syntax error:`). In tolerant mode
//! (used by the highlighter) comments and invalid characters are returned as tokens too.

use crate::token::{LitKind, Op, SemiKind, Token, TokenKind};

/// A scanner error at a byte offset.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LexError {
    pub offset: u32,
    pub message: String,
    /// Index of the token being scanned when the error was found (for chronological reporting).
    pub token: usize,
}

/// The output of [`lex`].
#[derive(Clone, Debug, Default)]
pub struct Lexed {
    pub tokens: Vec<Token>,
    pub errors: Vec<LexError>,
}

/// Scans `source`. With `tolerant`, comments and invalid characters become tokens.
pub fn lex(source: &str, tolerant: bool) -> Lexed {
    let mut l = Lexer {
        src: source.as_bytes(),
        text: source,
        pos: 0,
        out: Lexed::default(),
        tolerant,
        nlsemi: false,
    };
    l.run();
    l.out
}

struct Lexer<'s> {
    src: &'s [u8],
    text: &'s str,
    pos: usize,
    out: Lexed,
    tolerant: bool,
    nlsemi: bool,
}

fn is_letter(c: char) -> bool {
    c == '_' || c.is_alphabetic()
}

/// Go's `%#U` formatting of a rune: `U+0040 '@'`.
pub fn format_u(c: char) -> String {
    if !c.is_control() && !c.is_whitespace() {
        format!("U+{:04X} '{}'", c as u32, c)
    } else {
        format!("U+{:04X}", c as u32)
    }
}

impl<'s> Lexer<'s> {
    fn peek(&self) -> u8 {
        self.src.get(self.pos).copied().unwrap_or(0)
    }
    fn peek_at(&self, n: usize) -> u8 {
        self.src.get(self.pos + n).copied().unwrap_or(0)
    }
    fn at_end(&self) -> bool {
        self.pos >= self.src.len()
    }
    /// The char at `pos` (the source is valid UTF-8 as a &str).
    fn ch(&self) -> Option<char> {
        self.text.get(self.pos..).and_then(|s| s.chars().next())
    }
    fn error(&mut self, offset: usize, message: impl Into<String>) {
        let token = self.out.tokens.len();
        self.out.errors.push(LexError {
            offset: offset as u32,
            message: message.into(),
            token,
        });
    }
    fn push(&mut self, kind: TokenKind, start: usize) {
        self.out.tokens.push(Token {
            kind,
            start: start as u32,
            end: self.pos as u32,
        });
    }

    fn run(&mut self) {
        loop {
            let nlsemi = self.nlsemi;
            self.nlsemi = false;
            // Skip white space.
            while !self.at_end() {
                match self.peek() {
                    b' ' | b'\t' | b'\r' => self.pos += 1,
                    b'\n' if !nlsemi => self.pos += 1,
                    _ => break,
                }
            }
            let start = self.pos;
            if self.at_end() {
                if nlsemi {
                    self.push(TokenKind::Semi(SemiKind::Eof), start);
                }
                self.push(TokenKind::Eof, start);
                return;
            }
            let c = self.peek();
            if c == b'\n' {
                self.pos += 1;
                self.out.tokens.push(Token {
                    kind: TokenKind::Semi(SemiKind::Newline),
                    start: start as u32,
                    end: start as u32 + 1,
                });
                continue;
            }
            let ch = self.ch().unwrap_or('\u{FFFD}');
            if is_letter(ch) {
                self.ident(start);
                continue;
            }
            if c.is_ascii_digit() || (c == b'.' && self.peek_at(1).is_ascii_digit()) {
                self.number(start);
                continue;
            }
            self.pos += 1;
            use TokenKind as T;
            let kind = match c {
                b'"' => {
                    self.string(start);
                    T::Literal(LitKind::String)
                }
                b'`' => {
                    self.raw_string(start);
                    T::Literal(LitKind::String)
                }
                b'\'' => {
                    self.rune(start);
                    T::Literal(LitKind::Rune)
                }
                b'(' => T::LParen,
                b'[' => T::LBrack,
                b'{' => T::LBrace,
                b',' => T::Comma,
                b';' => T::Semi(SemiKind::Explicit),
                b')' => {
                    self.nlsemi = true;
                    T::RParen
                }
                b']' => {
                    self.nlsemi = true;
                    T::RBrack
                }
                b'}' => {
                    self.nlsemi = true;
                    T::RBrace
                }
                b':' => {
                    if self.eat(b'=') {
                        T::Define
                    } else {
                        T::Colon
                    }
                }
                b'.' => {
                    if self.peek() == b'.' && self.peek_at(1) == b'.' {
                        self.pos += 2;
                        T::DotDotDot
                    } else {
                        T::Dot
                    }
                }
                b'+' | b'-' => {
                    let op = if c == b'+' { Op::Add } else { Op::Sub };
                    if self.eat(c) {
                        self.nlsemi = true;
                        T::IncOp(op)
                    } else {
                        self.assign_op(op)
                    }
                }
                b'*' => {
                    if self.eat(b'=') {
                        T::AssignOp(Op::Mul)
                    } else {
                        T::Star
                    }
                }
                b'/' => {
                    if self.peek() == b'/' {
                        self.line_comment(start);
                        if self.tolerant {
                            self.push(T::Comment, start);
                        }
                        self.nlsemi = nlsemi;
                        continue;
                    }
                    if self.peek() == b'*' {
                        self.pos += 1;
                        self.full_comment(start);
                        if self.tolerant {
                            self.push(T::Comment, start);
                        }
                        let multiline = self.src[start..self.pos].contains(&b'\n');
                        if multiline && nlsemi {
                            self.out.tokens.push(Token {
                                kind: T::Semi(SemiKind::Newline),
                                start: start as u32,
                                end: start as u32,
                            });
                        } else {
                            self.nlsemi = nlsemi;
                        }
                        continue;
                    }
                    self.assign_op(Op::Div)
                }
                b'%' => self.assign_op(Op::Rem),
                b'^' => self.assign_op(Op::Xor),
                b'<' => {
                    if self.eat(b'-') {
                        T::Arrow
                    } else if self.eat(b'<') {
                        self.assign_op(Op::Shl)
                    } else if self.eat(b'=') {
                        T::Operator(Op::Leq)
                    } else {
                        T::Operator(Op::Lss)
                    }
                }
                b'>' => {
                    if self.eat(b'>') {
                        self.assign_op(Op::Shr)
                    } else if self.eat(b'=') {
                        T::Operator(Op::Geq)
                    } else {
                        T::Operator(Op::Gtr)
                    }
                }
                b'=' => {
                    if self.eat(b'=') {
                        T::Operator(Op::Eql)
                    } else {
                        T::Assign
                    }
                }
                b'!' => {
                    if self.eat(b'=') {
                        T::Operator(Op::Neq)
                    } else {
                        T::Operator(Op::Not)
                    }
                }
                b'&' => {
                    if self.eat(b'^') {
                        self.assign_op(Op::AndNot)
                    } else if self.eat(b'&') {
                        T::Operator(Op::AndAnd)
                    } else {
                        self.assign_op(Op::And)
                    }
                }
                b'|' => {
                    if self.eat(b'|') {
                        T::Operator(Op::OrOr)
                    } else {
                        self.assign_op(Op::Or)
                    }
                }
                b'~' => T::Operator(Op::Tilde),
                _ => {
                    // Invalid character: report and skip it (whole UTF-8 sequence).
                    self.pos = start + ch.len_utf8().max(1);
                    self.error(start, format!("invalid character {}", format_u(ch)));
                    if self.tolerant {
                        self.push(T::Invalid, start);
                    }
                    self.nlsemi = nlsemi;
                    continue;
                }
            };
            self.push(kind, start);
            if matches!(kind, T::Literal(_)) {
                self.nlsemi = true;
            }
        }
    }

    fn eat(&mut self, b: u8) -> bool {
        if self.peek() == b {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    fn assign_op(&mut self, op: Op) -> TokenKind {
        if self.eat(b'=') {
            TokenKind::AssignOp(op)
        } else {
            TokenKind::Operator(op)
        }
    }

    fn ident(&mut self, start: usize) {
        while let Some(c) = self.ch() {
            if is_letter(c) || c.is_numeric() {
                self.pos += c.len_utf8();
            } else if !c.is_ascii() && !c.is_whitespace() && !c.is_control() && !is_punct_like(c) {
                self.error(
                    self.pos,
                    format!("invalid character {} in identifier", format_u(c)),
                );
                self.pos += c.len_utf8();
            } else {
                break;
            }
        }
        let text = &self.text[start..self.pos];
        match TokenKind::keyword(text) {
            Some(kw) => {
                self.nlsemi = matches!(
                    kw,
                    TokenKind::Break
                        | TokenKind::Continue
                        | TokenKind::Fallthrough
                        | TokenKind::Return
                );
                self.push(kw, start);
            }
            None => {
                self.nlsemi = true;
                self.push(TokenKind::Name, start);
            }
        }
    }

    fn number(&mut self, start: usize) {
        let mut kind = LitKind::Int;
        let mut base = 10;
        if self.peek() == b'0' {
            match self.peek_at(1) | 0x20 {
                b'x' => base = 16,
                b'b' => base = 2,
                b'o' => base = 8,
                _ => {}
            }
            if base != 10 {
                self.pos += 2;
            }
        }
        let mut digits = 0;
        let mut seen_dot = false;
        let mut invalid: Option<(usize, char)> = None;
        loop {
            let c = self.peek();
            let ok = match c {
                b'_' => true,
                b'0'..=b'9' => {
                    digits += 1;
                    if base < 10 && (c - b'0') as u32 >= base && invalid.is_none() {
                        invalid = Some((self.pos, c as char));
                    }
                    true
                }
                b'a'..=b'f' | b'A'..=b'F' if base == 16 => {
                    digits += 1;
                    true
                }
                b'.' if !seen_dot && base == 10 || b'.' == c && base == 16 && !seen_dot => {
                    seen_dot = true;
                    kind = LitKind::Float;
                    true
                }
                b'e' | b'E' if base == 10 => {
                    kind = LitKind::Float;
                    self.pos += 1;
                    if matches!(self.peek(), b'+' | b'-') {
                        self.pos += 1;
                    }
                    if !self.peek().is_ascii_digit() {
                        self.error(self.pos, "exponent has no digits");
                    }
                    while self.peek().is_ascii_digit() || self.peek() == b'_' {
                        self.pos += 1;
                    }
                    false
                }
                b'p' | b'P' if base == 16 => {
                    kind = LitKind::Float;
                    self.pos += 1;
                    if matches!(self.peek(), b'+' | b'-') {
                        self.pos += 1;
                    }
                    while self.peek().is_ascii_digit() || self.peek() == b'_' {
                        self.pos += 1;
                    }
                    false
                }
                _ => false,
            };
            if !ok {
                break;
            }
            self.pos += 1;
        }
        if self.peek() == b'i' {
            self.pos += 1;
            kind = LitKind::Imag;
        }
        let names = |b: u32| match b {
            16 => "hexadecimal",
            8 => "octal",
            2 => "binary",
            _ => "decimal",
        };
        if digits == 0 && base != 10 {
            self.error(self.pos, format!("{} literal has no digits", names(base)));
        } else if let Some((at, c)) = invalid {
            self.error(
                at,
                format!("invalid digit '{}' in {} literal", c, names(base)),
            );
        }
        self.nlsemi = true;
        self.push(TokenKind::Literal(kind), start);
    }

    /// Validates an escape after `\` (already consumed). Returns false if invalid.
    fn escape(&mut self, quote: u8) -> bool {
        let c = self.peek();
        let (n, base, max): (usize, u32, u32) = match c {
            b'a' | b'b' | b'f' | b'n' | b'r' | b't' | b'v' | b'\\' => {
                self.pos += 1;
                return true;
            }
            _ if c == quote => {
                self.pos += 1;
                return true;
            }
            b'0'..=b'7' => (3, 8, 255),
            b'x' => {
                self.pos += 1;
                (2, 16, 255)
            }
            b'u' => {
                self.pos += 1;
                (4, 16, 0x10FFFF)
            }
            b'U' => {
                self.pos += 1;
                (8, 16, 0x10FFFF)
            }
            _ => {
                if self.at_end() {
                    return true; // the caller reports the unterminated literal
                }
                self.error(self.pos, "unknown escape");
                return false;
            }
        };
        let mut x: u32 = 0;
        for _ in 0..n {
            let c = self.peek();
            let d = (c as char).to_digit(base);
            match d {
                Some(d) => {
                    x = x.wrapping_mul(base).wrapping_add(d);
                    self.pos += 1;
                }
                None => {
                    if self.at_end() {
                        return true;
                    }
                    let kind = if base == 8 { "octal" } else { "hexadecimal" };
                    let shown = self.ch().unwrap_or('?');
                    self.error(
                        self.pos,
                        format!("invalid character {shown:?} in {kind} escape"),
                    );
                    return false;
                }
            }
        }
        if x > max && base == 8 {
            self.error(self.pos, format!("octal escape value {x} > 255"));
            return false;
        }
        if x > max || (0xD800..0xE000).contains(&x) {
            self.error(
                self.pos,
                format!(
                    "escape is invalid Unicode code point {}",
                    format_u(char::from_u32(x).unwrap_or('\u{FFFD}'))
                ),
            );
            return false;
        }
        true
    }

    fn string(&mut self, start: usize) {
        loop {
            if self.at_end() {
                self.error(start, "string not terminated");
                return;
            }
            match self.peek() {
                b'"' => {
                    self.pos += 1;
                    return;
                }
                b'\\' => {
                    self.pos += 1;
                    self.escape(b'"');
                }
                b'\n' => {
                    self.error(self.pos, "newline in string");
                    return;
                }
                _ => self.pos += 1,
            }
        }
    }

    fn raw_string(&mut self, start: usize) {
        loop {
            if self.at_end() {
                self.error(start, "string not terminated");
                return;
            }
            let c = self.peek();
            self.pos += 1;
            if c == b'`' {
                return;
            }
        }
    }

    fn rune(&mut self, start: usize) {
        let mut n = 0;
        let mut ok = true;
        loop {
            if self.at_end() {
                if ok {
                    self.error(start, "rune literal not terminated");
                }
                return;
            }
            match self.peek() {
                b'\'' => {
                    if ok {
                        if n == 0 {
                            self.error(self.pos, "empty rune literal or unescaped '");
                        } else if n != 1 {
                            self.error(start, "more than one character in rune literal");
                        }
                    }
                    self.pos += 1;
                    return;
                }
                b'\\' => {
                    self.pos += 1;
                    if !self.escape(b'\'') {
                        ok = false;
                    }
                    n += 1;
                }
                b'\n' => {
                    if ok {
                        self.error(self.pos, "newline in rune literal");
                    }
                    return;
                }
                _ => {
                    let w = self.ch().map(char::len_utf8).unwrap_or(1);
                    self.pos += w;
                    n += 1;
                }
            }
        }
    }

    fn line_comment(&mut self, _start: usize) {
        while !self.at_end() && self.peek() != b'\n' {
            self.pos += 1;
        }
    }

    fn full_comment(&mut self, start: usize) {
        loop {
            if self.at_end() {
                self.error(start, "comment not terminated");
                return;
            }
            if self.peek() == b'*' && self.peek_at(1) == b'/' {
                self.pos += 2;
                return;
            }
            self.pos += 1;
        }
    }
}

/// Non-ASCII characters that end an identifier rather than being reported inside it.
fn is_punct_like(c: char) -> bool {
    matches!(c, '\u{00A0}' | '\u{FEFF}') || (c as u32) < 0x80
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(src: &str) -> String {
        let l = lex(src, false);
        let mut out: Vec<String> = l.tokens.iter().map(|t| format!("{:?}", t.kind)).collect();
        for e in &l.errors {
            out.push(format!("error@{}: {}", e.offset, e.message));
        }
        out.join(" ")
    }

    #[test]
    fn semicolons_are_inserted() {
        assert_eq!(
            kinds("x++\nreturn\n}"),
            "Name IncOp(Add) Semi(Newline) Return Semi(Newline) RBrace Semi(Eof) Eof"
        );
        assert_eq!(
            kinds("a /* x\n */ b"),
            "Name Semi(Newline) Name Semi(Eof) Eof"
        );
        assert_eq!(kinds("a // c\nb"), "Name Semi(Newline) Name Semi(Eof) Eof");
    }

    #[test]
    fn errors() {
        assert_eq!(kinds("@"), "Eof error@0: invalid character U+0040 '@'");
        assert_eq!(
            kinds("\"ab\n"),
            "Literal(String) Semi(Newline) Eof error@3: newline in string"
        );
        assert_eq!(
            kinds("'ab'"),
            "Literal(Rune) Semi(Eof) Eof error@0: more than one character in rune literal"
        );
        assert_eq!(
            kinds("0x"),
            "Literal(Int) Semi(Eof) Eof error@2: hexadecimal literal has no digits"
        );
    }
}
