//! Diagnostics: positioned compiler messages, and the error-reporting policy of the Go compiler.
//!
//! Models `cmd/compile/internal/base/print.go` (`ErrorfAt`, `FlushErrors`):
//! - at most one *syntax* error per line (messages starting with `syntax error`);
//! - an error equal to the previous non-syntax error on the same line is dropped;
//! - when the 10th error is reported, the errors seen so far are sorted by position and printed,
//!   followed by `too many errors` at the position of that 10th error, and compilation stops.
//!
//! Invariant: a [`Diagnostic`]'s `line`/`col` are 1-based, `col` counts bytes (as Go does), and
//! `span` is a byte range into the source that starts at (`line`, `col`).

use std::fmt;
use std::ops::Range;

/// A compiler message at a source position, e.g. `5:2: declared and not used: x`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// 1-based line.
    pub line: u32,
    /// 1-based column, in bytes like Go.
    pub col: u32,
    /// Byte offsets into the source.
    pub span: Range<usize>,
    /// The message, exactly as Go prints it (may contain `\n\t` continuation lines).
    pub message: String,
}

impl Diagnostic {
    /// Renders as `go build` does, given the file name: `prog.go:5:2: message`.
    /// Continuation lines that start with a position (`\t8:5: other declaration of g`) get the
    /// file name too, as Go prints them.
    pub fn render(&self, file: &str) -> String {
        let mut out = format!("{}:{}:{}: ", file, self.line, self.col);
        for (i, line) in self.message.split('\n').enumerate() {
            if i > 0 {
                out.push('\n');
                if let Some(rest) = line.strip_prefix('\t')
                    && rest.starts_with(|c: char| c.is_ascii_digit())
                {
                    out.push('\t');
                    out.push_str(file);
                    out.push(':');
                    out.push_str(rest);
                    continue;
                }
            }
            out.push_str(line);
        }
        out
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.line, self.col, self.message)
    }
}

/// Maps byte offsets to 1-based (line, column) pairs.
#[derive(Clone, Debug)]
pub struct LineIndex {
    /// Byte offset at which each line starts.
    starts: Vec<usize>,
    len: usize,
}

impl LineIndex {
    pub fn new(source: &str) -> LineIndex {
        let mut starts = vec![0];
        for (i, b) in source.bytes().enumerate() {
            if b == b'\n' {
                starts.push(i + 1);
            }
        }
        LineIndex {
            starts,
            len: source.len(),
        }
    }

    /// 1-based (line, column) of a byte offset (clamped to the source length).
    pub fn line_col(&self, offset: usize) -> (u32, u32) {
        let offset = offset.min(self.len);
        let line = match self.starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i - 1,
        };
        (line as u32 + 1, (offset - self.starts[line]) as u32 + 1)
    }

    /// The line number (1-based) of an offset.
    pub fn line(&self, offset: usize) -> u32 {
        self.line_col(offset).0
    }
}

/// Signals that the error limit was reached: stop compiling.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TooManyErrors;

/// Collects errors with Go's per-line filtering and 10-error limit.
#[derive(Clone, Debug)]
pub struct Reporter {
    index: LineIndex,
    errors: Vec<Diagnostic>,
    syntax_errors: usize,
    last_syntax_line: Option<u32>,
    last_other: Option<(u32, String)>,
    /// Set once the limit was hit; later errors are ignored.
    pub stopped: bool,
}

/// How many errors Go reports before giving up.
pub const MAX_ERRORS: usize = 10;

impl Reporter {
    pub fn new(source: &str) -> Reporter {
        Reporter {
            index: LineIndex::new(source),
            errors: Vec::new(),
            syntax_errors: 0,
            last_syntax_line: None,
            last_other: None,
            stopped: false,
        }
    }

    pub fn line_index(&self) -> &LineIndex {
        &self.index
    }

    /// Number of syntax errors reported (filtered or not), like `base.SyntaxErrors`.
    pub fn syntax_errors(&self) -> usize {
        self.syntax_errors
    }

    pub fn error_count(&self) -> usize {
        self.errors.len()
    }

    /// Reports `message` for the byte range `span`. Returns `Err` when the error limit is reached.
    pub fn error(
        &mut self,
        span: Range<usize>,
        message: impl Into<String>,
    ) -> Result<(), TooManyErrors> {
        if self.stopped {
            return Err(TooManyErrors);
        }
        let message = message.into();
        let (line, col) = self.index.line_col(span.start);
        if message.starts_with("syntax error") {
            self.syntax_errors += 1;
            if self.last_syntax_line == Some(line) {
                return Ok(());
            }
            self.last_syntax_line = Some(line);
        } else {
            if let Some((l, m)) = &self.last_other
                && *l == line
                && *m == message
            {
                return Ok(());
            }
            self.last_other = Some((line, message.clone()));
        }
        self.errors.push(Diagnostic {
            line,
            col,
            span: span.clone(),
            message,
        });
        if self.errors.len() >= MAX_ERRORS {
            self.stopped = true;
            self.errors.sort_by_key(|d| (d.line, d.col));
            self.errors
                .dedup_by(|b, a| a.message == b.message && a.line == b.line && a.col == b.col);
            self.errors.push(Diagnostic {
                line,
                col,
                span,
                message: "too many errors".into(),
            });
            return Err(TooManyErrors);
        }
        Ok(())
    }

    /// The final list: sorted by position (stable), equal consecutive messages removed.
    pub fn finish(mut self) -> Vec<Diagnostic> {
        if !self.stopped {
            self.errors.sort_by_key(|d| (d.line, d.col));
            self.errors
                .dedup_by(|b, a| a.message == b.message && a.line == b.line && a.col == b.col);
        }
        self.errors
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_bytes() {
        let idx = LineIndex::new("ab\n\tç x\n");
        assert_eq!(idx.line_col(0), (1, 1));
        assert_eq!(idx.line_col(3), (2, 1));
        assert_eq!(idx.line_col(7), (2, 5));
        assert_eq!(idx.line_col(100), (3, 1));
    }

    #[test]
    fn one_syntax_error_per_line_and_limit() {
        let src = "a\nb\nc\nd\ne\nf\ng\nh\ni\nj\nk\nl\n";
        let mut r = Reporter::new(src);
        assert!(r.error(0..1, "syntax error: one").is_ok());
        assert!(r.error(0..1, "syntax error: two").is_ok());
        for i in 1..9 {
            assert!(r.error(i * 2..i * 2 + 1, format!("e{i}")).is_ok());
        }
        assert!(r.error(18..19, "last").is_err());
        let d = r.finish();
        assert_eq!(d.len(), 11);
        assert_eq!(d[10].to_string(), "10:1: too many errors");
    }
}
