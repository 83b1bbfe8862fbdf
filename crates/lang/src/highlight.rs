//! Syntax highlighting for the editor, from the real lexer in tolerant mode.
//!
//! Invariants: never fails or panics on any input; spans are sorted, non-overlapping, on char
//! boundaries, and cover every non-whitespace byte of the source.

use crate::lexer::lex;
use crate::token::{Token, TokenKind};
use std::ops::Range;

/// A classified span of source.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Highlight {
    pub span: Range<usize>,
    pub class: HighlightClass,
}

/// Token classes for the editor.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HighlightClass {
    Keyword,
    Type,
    Builtin,
    Function,
    Ident,
    Number,
    String,
    Comment,
    Operator,
    Punctuation,
    Invalid,
}

impl HighlightClass {
    /// The CSS class: `tok-kw`, `tok-type`, ...
    pub fn css_class(self) -> &'static str {
        match self {
            HighlightClass::Keyword => "tok-kw",
            HighlightClass::Type => "tok-type",
            HighlightClass::Builtin => "tok-builtin",
            HighlightClass::Function => "tok-fn",
            HighlightClass::Ident => "tok-ident",
            HighlightClass::Number => "tok-num",
            HighlightClass::String => "tok-str",
            HighlightClass::Comment => "tok-comment",
            HighlightClass::Operator => "tok-op",
            HighlightClass::Punctuation => "tok-punct",
            HighlightClass::Invalid => "tok-invalid",
        }
    }
}

const TYPES: &[&str] = &[
    "bool",
    "byte",
    "complex64",
    "complex128",
    "error",
    "float32",
    "float64",
    "int",
    "int8",
    "int16",
    "int32",
    "int64",
    "rune",
    "string",
    "uint",
    "uint8",
    "uint16",
    "uint32",
    "uint64",
    "uintptr",
    "any",
    "comparable",
];
const BUILTINS: &[&str] = &[
    "append", "cap", "clear", "close", "complex", "copy", "delete", "imag", "len", "make", "max",
    "min", "new", "panic", "print", "println", "real", "recover", "true", "false", "nil", "iota",
];

/// Classifies every token of `source`.
pub fn highlight(source: &str) -> Vec<Highlight> {
    let lexed = lex(source, true);
    let toks: Vec<Token> = lexed
        .tokens
        .into_iter()
        .filter(|t| !matches!(t.kind, TokenKind::Eof) && t.end > t.start)
        .filter(|t| {
            !matches!(
                t.kind,
                TokenKind::Semi(crate::token::SemiKind::Newline)
                    | TokenKind::Semi(crate::token::SemiKind::Eof)
            )
        })
        .collect();
    let mut out: Vec<Highlight> = Vec::with_capacity(toks.len());
    let mut covered = 0usize;
    for (i, t) in toks.iter().enumerate() {
        let (start, end) = (t.start as usize, t.end as usize);
        if start < covered
            || end > source.len()
            || !source.is_char_boundary(start)
            || !source.is_char_boundary(end)
        {
            continue;
        }
        // Anything the lexer skipped that is not whitespace is invalid.
        push_gap(source, covered, start, &mut out);
        let text = &source[start..end];
        let class = match t.kind {
            TokenKind::Name => {
                let next_is_call = toks.get(i + 1).is_some_and(|n| n.kind == TokenKind::LParen);
                if TYPES.contains(&text) {
                    HighlightClass::Type
                } else if BUILTINS.contains(&text) {
                    HighlightClass::Builtin
                } else if next_is_call {
                    HighlightClass::Function
                } else {
                    HighlightClass::Ident
                }
            }
            TokenKind::Literal(crate::token::LitKind::String | crate::token::LitKind::Rune) => {
                HighlightClass::String
            }
            TokenKind::Literal(_) => HighlightClass::Number,
            TokenKind::Comment => HighlightClass::Comment,
            TokenKind::Invalid => HighlightClass::Invalid,
            TokenKind::Operator(_)
            | TokenKind::AssignOp(_)
            | TokenKind::IncOp(_)
            | TokenKind::Star
            | TokenKind::Assign
            | TokenKind::Define
            | TokenKind::Arrow
            | TokenKind::DotDotDot => HighlightClass::Operator,
            k if k.is_keyword() => HighlightClass::Keyword,
            _ => HighlightClass::Punctuation,
        };
        out.push(Highlight {
            span: start..end,
            class,
        });
        covered = end;
    }
    push_gap(source, covered, source.len(), &mut out);
    out
}

fn push_gap(source: &str, from: usize, to: usize, out: &mut Vec<Highlight>) {
    let Some(gap) = source.get(from..to) else {
        return;
    };
    let mut run: Option<usize> = None;
    for (i, c) in gap.char_indices() {
        if c.is_whitespace() {
            if let Some(s) = run.take() {
                out.push(Highlight {
                    span: from + s..from + i,
                    class: HighlightClass::Invalid,
                });
            }
        } else if run.is_none() {
            run = Some(i);
        }
    }
    if let Some(s) = run {
        out.push(Highlight {
            span: from + s..to,
            class: HighlightClass::Invalid,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies_tokens() {
        let src = "package main\n// hi\nfunc f(x int) { println(\"a\", 1) }";
        let h = highlight(src);
        let got: Vec<String> = h
            .iter()
            .map(|h| format!("{}:{}", &src[h.span.clone()], h.class.css_class()))
            .collect();
        assert_eq!(
            got.join(" "),
            "package:tok-kw main:tok-ident // hi:tok-comment func:tok-kw f:tok-fn (:tok-punct x:tok-ident int:tok-type ):tok-punct {:tok-punct println:tok-builtin (:tok-punct \"a\":tok-str ,:tok-punct 1:tok-num ):tok-punct }:tok-punct"
        );
    }

    #[test]
    fn covers_everything_on_garbage() {
        for src in [
            "@@ \"abc",
            "/* open",
            "'x",
            "x := `raw",
            "\u{0}\u{1}é☃",
            "0x 1e 0b2",
        ] {
            let h = highlight(src);
            let mut last = 0;
            for x in &h {
                assert!(x.span.start >= last, "{src:?}");
                last = x.span.end;
            }
            for (i, c) in src.char_indices() {
                if !c.is_whitespace() {
                    assert!(h.iter().any(|x| x.span.contains(&i)), "{src:?} byte {i}");
                }
            }
        }
    }
}
