//! The Go subset: lexer → parser → type checker → bytecode compiler.
//!
//! Pipeline (each stage models a part of the Go toolchain):
//! - [`lexer`] (`cmd/compile/internal/syntax/scanner.go`): bytes to tokens, semicolon insertion;
//! - [`parser`] (`syntax/parser.go`): tokens to an [`ast::File`], never failing, Go's syntax errors;
//! - [`check`] (`cmd/compile/internal/types2`): scopes, types, untyped constants, Go's messages;
//! - [`compile`](mod@compile): the checked tree to [`bytecode::Program`] for the runtime's VM.
//!
//! Architecture invariant: this crate is pure and deterministic. It knows nothing of the runtime
//! (which depends on it), the DOM, clocks, threads or randomness, and no input makes it panic.

//! Growth path (issue 3): the parser already accepts the whole Go grammar except generics
//! (composite literals, function literals, `switch`, `go`/`defer`, sends, `range`, all type
//! syntax), so new features are checker + compiler + VM work. The checker reports
//! `goscope does not support X yet` for the parts not implemented; new types are new
//! [`types::Type`] variants (named types compared by identity), new standard packages are rows in
//! [`packages`], new instructions are [`bytecode::Op`] variants.
//!
#![forbid(unsafe_code)]

pub mod ast;
pub mod bytecode;
pub mod check;
pub mod compile;
pub mod constant;
pub mod diagnostic;
pub mod highlight;
pub mod lexer;
pub mod packages;
pub mod parser;
pub mod pkgtypes;
pub mod printer;
pub mod token;
pub mod types;

pub use diagnostic::Diagnostic;
pub use highlight::{Highlight, HighlightClass, highlight};

use diagnostic::Reporter;

/// Parses `source`. Never fails, never panics: the file is complete even after errors.
/// The diagnostics are syntax (and scanner) errors, sorted by position.
pub fn parse(source: &str) -> (ast::File, Vec<Diagnostic>) {
    let mut rep = Reporter::new(source);
    let file = parser::parse_file(source, &mut rep);
    (file, rep.finish())
}

/// Parses, type-checks and compiles `source`. Diagnostics are sorted by position; at most 10,
/// then `too many errors`, as Go reports them. Type errors are only reported when there were no
/// syntax errors.
pub fn compile(source: &str) -> Result<bytecode::Program, Vec<Diagnostic>> {
    let mut rep = Reporter::new(source);
    let file = parser::parse_file(source, &mut rep);
    if rep.error_count() > 0 {
        return Err(rep.finish());
    }
    let info = check::check(&file, source, &mut rep);
    if rep.error_count() > 0 {
        return Err(rep.finish());
    }
    Ok(compile::compile(&file, &info, source))
}
