//! The highlighted picture of the source that sits under the editor's transparent textarea.
//!
//! [`build_lines`] merges three inputs into lines of styled segments:
//! - the text itself, split at every `\n` (the picture is one block per line so a line
//!   with an error can be tinted across its whole width);
//! - `lang::highlight` spans (byte ranges → CSS classes such as `tok-kw`), which may cross
//!   lines (block comments, raw strings) and are split there;
//! - error spans from compile diagnostics, drawn as a squiggle. An empty span (the error is
//!   "at" a position, e.g. an unexpected end of file) is widened to the next character, or
//!   marked at the end of its line when it sits on a newline; so is a span that covers only
//!   a line break ("unexpected newline").
//!
//! Spans come from another crate; this module does not trust them. Anything out of range,
//! not on a char boundary, or overlapping an earlier span is dropped, so a bug in the
//! highlighter loses colour — it never loses text or panics.

use std::ops::Range;

/// A run of text with one style.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment {
    /// Byte range into the source.
    pub range: Range<usize>,
    /// Highlight class (`tok-kw`, ...), if any.
    pub class: Option<&'static str>,
    /// Inside a diagnostic's span: drawn with a squiggle.
    pub error: bool,
}

/// One line of the picture.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct LineView {
    /// The line's text, excluding its `\n`, as styled segments (empty for an empty line).
    pub segments: Vec<Segment>,
    /// An empty error span points at this line's end (e.g. "unexpected newline").
    pub error_at_end: bool,
}

/// Splits `source` into styled lines; see the module docs.
pub fn build_lines(
    source: &str,
    highlights: &[(Range<usize>, &'static str)],
    errors: &[Range<usize>],
) -> Vec<LineView> {
    let len = source.len();
    let valid = |r: &Range<usize>| {
        r.start <= r.end
            && r.end <= len
            && source.is_char_boundary(r.start)
            && source.is_char_boundary(r.end)
    };

    // Highlights: keep the valid, non-empty, non-overlapping ones in order.
    let mut spans: Vec<(Range<usize>, &'static str)> = Vec::with_capacity(highlights.len());
    let mut sorted: Vec<&(Range<usize>, &'static str)> = highlights
        .iter()
        .filter(|(r, _)| valid(r) && r.start < r.end)
        .collect();
    sorted.sort_by_key(|(r, _)| r.start);
    for (range, class) in sorted {
        if spans.last().is_none_or(|(last, _)| last.end <= range.start) {
            spans.push((range.clone(), class));
        }
    }

    // Errors: widen empty spans to one character; those on a newline or at the end of the
    // text become end-of-line markers instead.
    let mut error_spans: Vec<Range<usize>> = Vec::new();
    let mut end_markers: Vec<usize> = Vec::new();
    for range in errors.iter().filter(|r| valid(r)) {
        // A span over nothing but line breaks ("unexpected newline") has nothing to underline.
        if source[range.clone()]
            .bytes()
            .any(|b| b != b'\n' && b != b'\r')
        {
            error_spans.push(range.clone());
            continue;
        }
        match source[range.start..].chars().next() {
            Some(ch) if ch != '\n' => error_spans.push(range.start..range.start + ch.len_utf8()),
            _ => end_markers.push(range.start),
        }
    }

    // Every place where the style may change.
    let mut cuts: Vec<usize> = vec![0, len];
    for (range, _) in &spans {
        cuts.extend([range.start, range.end]);
    }
    for range in &error_spans {
        cuts.extend([range.start, range.end]);
    }
    for (i, byte) in source.bytes().enumerate() {
        if byte == b'\n' {
            cuts.extend([i, i + 1]);
        }
    }
    cuts.sort_unstable();
    cuts.dedup();

    let mut lines = vec![LineView::default()];
    let mut next_span = 0;
    for window in cuts.windows(2) {
        let piece = window[0]..window[1];
        if piece.is_empty() {
            continue;
        }
        if &source[piece.clone()] == "\n" {
            lines.push(LineView::default());
            continue;
        }
        while next_span < spans.len() && spans[next_span].0.end <= piece.start {
            next_span += 1;
        }
        let class = spans
            .get(next_span)
            .filter(|(range, _)| range.start <= piece.start)
            .map(|(_, class)| *class);
        let error = error_spans
            .iter()
            .any(|r| r.start <= piece.start && piece.end <= r.end);
        let Some(line) = lines.last_mut() else {
            continue;
        };
        match line.segments.last_mut() {
            // Merge with the previous segment when the style is the same.
            Some(last)
                if last.class == class && last.error == error && last.range.end == piece.start =>
            {
                last.range.end = piece.end;
            }
            _ => line.segments.push(Segment {
                range: piece,
                class,
                error,
            }),
        }
    }

    for at in end_markers {
        let index = crate::text::line_of_byte(source, at);
        if let Some(line) = lines.get_mut(index) {
            line.error_at_end = true;
        }
    }
    lines
}

#[cfg(test)]
mod tests {
    use wasm_bindgen_test::wasm_bindgen_test;

    use super::*;

    /// Renders lines as text: `[class:text]`, `~text~` for errors, `$` for an end marker.
    fn show(source: &str, lines: &[LineView]) -> String {
        let mut out = String::new();
        for line in lines {
            for seg in &line.segments {
                let text = &source[seg.range.clone()];
                let text = if seg.error {
                    format!("~{text}~")
                } else {
                    text.to_owned()
                };
                match seg.class {
                    Some(class) => out.push_str(&format!("[{class}:{text}]")),
                    None => out.push_str(&text),
                }
            }
            if line.error_at_end {
                out.push('$');
            }
            out.push('\n');
        }
        out
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn plain_text_keeps_every_line() {
        let src = "a\n\nb\n";
        let lines = build_lines(src, &[], &[]);
        assert_eq!(lines.len(), crate::text::line_count(src));
        assert_eq!(show(src, &lines), "a\n\nb\n\n");
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn highlights_split_at_newlines_and_merge_nothing_else() {
        let src = "func f() {\n/* a\nb */ x\n}";
        let hl = [(0..4, "tok-kw"), (11..20, "tok-com")];
        let lines = build_lines(src, &hl, &[]);
        assert_eq!(
            show(src, &lines),
            "[tok-kw:func] f() {\n[tok-com:/* a]\n[tok-com:b */] x\n}\n"
        );
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn errors_squiggle_inside_and_across_highlights() {
        let src = "x := \"世界\"\n";
        let hl = [(5..13, "tok-str")];
        let lines = build_lines(src, &hl, &[(0..1), (6..9)]);
        assert_eq!(
            show(src, &lines),
            "~x~ := [tok-str:\"][tok-str:~世~][tok-str:界\"]\n\n"
        );
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn empty_error_spans_are_widened_or_marked_at_line_end() {
        let src = "ab\ncd";
        let lines = build_lines(src, &[], &[(1..1), (2..2), (5..5)]);
        assert_eq!(show(src, &lines), "a~b~$\ncd$\n");
        let newline_only = 2..3;
        let lines = build_lines(src, &[], &[newline_only]);
        assert_eq!(show(src, &lines), "ab$\ncd\n");
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn bad_spans_are_dropped_not_panicked_on() {
        let src = "世界 ok";
        // Out of range, inside a character, reversed, overlapping: all ignored.
        #[allow(clippy::reversed_empty_ranges)]
        let reversed = 5..3;
        let hl = [
            (0..99, "tok-a"),
            (1..3, "tok-b"),
            (3..6, "tok-c"),
            (4..5, "tok-d"),
            (reversed, "tok-e"),
            (3..7, "tok-f"),
        ];
        let lines = build_lines(src, &hl, &[(2..2), (50..60)]);
        assert_eq!(show(src, &lines), "世[tok-c:界] ok\n");
    }
}
