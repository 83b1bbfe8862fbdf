//! Pure text arithmetic the editor and output need, kept out of components so it is tested.
//!
//! Three ways of counting positions meet in the Playground, and mixing them up is the
//! classic bug of web code editors:
//! - the core (`lang::Diagnostic`, `lang::Highlight`) counts **bytes** of UTF-8;
//! - a `<textarea>`'s `selectionStart` counts **UTF-16 code units** (JavaScript strings);
//! - people count **lines and columns**, 1-based (Go's `prog.go:5:2` columns are bytes).
//!
//! Every conversion here clamps instead of panicking: a stale offset (the text changed since
//! the diagnostic was made) lands at the nearest sensible place.

/// Number of lines as an editor shows them: a trailing newline starts one more (empty) line.
pub fn line_count(source: &str) -> usize {
    source.bytes().filter(|&b| b == b'\n').count() + 1
}

/// Byte offset where each line starts; `line_starts(s)[0] == 0`.
pub fn line_starts(source: &str) -> Vec<usize> {
    std::iter::once(0)
        .chain(
            source
                .bytes()
                .enumerate()
                .filter(|&(_, b)| b == b'\n')
                .map(|(i, _)| i + 1),
        )
        .collect()
}

/// The largest char boundary `<= byte`, clamped to the text.
pub fn floor_char_boundary(source: &str, byte: usize) -> usize {
    let mut byte = byte.min(source.len());
    while !source.is_char_boundary(byte) {
        byte -= 1;
    }
    byte
}

/// Byte offset → UTF-16 offset (for `setSelectionRange`).
pub fn byte_to_utf16(source: &str, byte: usize) -> u32 {
    let byte = floor_char_boundary(source, byte);
    source[..byte].encode_utf16().count() as u32
}

/// UTF-16 offset (from `selectionStart`) → byte offset; an offset inside a surrogate pair
/// or past the end is clamped to the enclosing character / the end.
pub fn utf16_to_byte(source: &str, utf16: u32) -> usize {
    let mut units = 0u32;
    for (byte, ch) in source.char_indices() {
        let next = units + ch.len_utf16() as u32;
        if next > utf16 {
            return byte;
        }
        units = next;
    }
    source.len()
}

/// 1-based line and byte column (Go's `prog.go:L:C`) → byte offset, clamped to the line.
pub fn line_col_to_byte(source: &str, line: u32, col: u32) -> usize {
    let starts = line_starts(source);
    let index = (line.max(1) as usize - 1).min(starts.len() - 1);
    let start = starts[index];
    let end = starts.get(index + 1).map_or(source.len(), |&next| next - 1);
    floor_char_boundary(source, (start + col.max(1) as usize - 1).min(end))
}

/// Index (0-based) of the line containing `byte`.
pub fn line_of_byte(source: &str, byte: usize) -> usize {
    let byte = byte.min(source.len());
    source.as_bytes()[..byte]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
}

/// What Enter inserts after `before_caret`: a newline, the current line's indentation, and
/// one more tab after an opening `{` or `(` — so a learner typing Go gets gofmt-like
/// indentation without thinking about it.
pub fn newline_with_indent(before_caret: &str) -> String {
    let line = before_caret.rsplit('\n').next().unwrap_or("");
    let indent: String = line
        .chars()
        .take_while(|c| *c == ' ' || *c == '\t')
        .collect();
    let opens = matches!(line.trim_end().chars().last(), Some('{' | '('));
    let mut out = String::with_capacity(indent.len() + 2);
    out.push('\n');
    out.push_str(&indent);
    if opens {
        out.push('\t');
    }
    out
}

/// The last at most `max_bytes` of `text` (cut at a line start when possible) and whether
/// anything was cut. Rendering megabytes of output into the DOM would freeze the page;
/// the end of the output is what a learner needs (the panic, the final result).
pub fn tail_for_display(text: &str, max_bytes: usize) -> (&str, bool) {
    if text.len() <= max_bytes {
        return (text, false);
    }
    let mut cut = text.len() - max_bytes;
    while !text.is_char_boundary(cut) {
        cut += 1;
    }
    // Prefer to start at a whole line if one begins soon after the cut.
    if let Some(nl) = text[cut..].find('\n')
        && nl < 200
    {
        cut += nl + 1;
    }
    (&text[cut..], true)
}

#[cfg(test)]
mod tests {
    use wasm_bindgen_test::wasm_bindgen_test;

    use super::*;

    const HELLO: &str = "package main\n\nfunc main() {\n\tprintln(\"世界🙂\")\n}\n";

    #[wasm_bindgen_test(unsupported = test)]
    fn counts_lines_like_an_editor() {
        assert_eq!(line_count(""), 1);
        assert_eq!(line_count("a"), 1);
        assert_eq!(line_count("a\n"), 2);
        assert_eq!(line_count(HELLO), 6);
        assert_eq!(line_starts("ab\ncd\n"), vec![0, 3, 6]);
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn utf16_and_bytes_convert_both_ways() {
        let s = "a世🙂b";
        // bytes: a=0, 世=1..4, 🙂=4..8, b=8; utf16: a=0, 世=1, 🙂=2..4, b=4
        assert_eq!(byte_to_utf16(s, 0), 0);
        assert_eq!(byte_to_utf16(s, 1), 1);
        assert_eq!(byte_to_utf16(s, 4), 2);
        assert_eq!(byte_to_utf16(s, 8), 4);
        assert_eq!(byte_to_utf16(s, 9), 5);
        assert_eq!(byte_to_utf16(s, 2), 1, "inside 世 floors to its start");
        assert_eq!(byte_to_utf16(s, 100), 5, "past the end clamps");
        for (byte, _) in s.char_indices() {
            assert_eq!(utf16_to_byte(s, byte_to_utf16(s, byte)), byte);
        }
        assert_eq!(utf16_to_byte(s, 3), 4, "inside the surrogate pair");
        assert_eq!(utf16_to_byte(s, 99), s.len());
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn line_and_column_map_to_bytes() {
        assert_eq!(line_col_to_byte(HELLO, 1, 1), 0);
        assert_eq!(line_col_to_byte(HELLO, 3, 6), 19);
        assert_eq!(&HELLO[line_col_to_byte(HELLO, 4, 2)..][..7], "println");
        // Clamped: column past the line end stops before the newline; line past the end
        // goes to the last line; zero is treated as one.
        assert_eq!(line_col_to_byte(HELLO, 1, 99), 12);
        assert_eq!(line_col_to_byte(HELLO, 99, 1), HELLO.len());
        assert_eq!(line_col_to_byte(HELLO, 0, 0), 0);
        // A column inside a multi-byte character floors to its start.
        let s = "世界";
        assert_eq!(line_col_to_byte(s, 1, 2), 0);
        assert_eq!(line_of_byte(HELLO, 0), 0);
        assert_eq!(line_of_byte(HELLO, 19), 2);
        assert_eq!(line_of_byte(HELLO, 10_000), 5);
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn enter_keeps_and_opens_indentation() {
        assert_eq!(newline_with_indent("package main"), "\n");
        assert_eq!(newline_with_indent("func main() {"), "\n\t");
        assert_eq!(newline_with_indent("x\n\tif a {  "), "\n\t\t");
        assert_eq!(newline_with_indent("\t\tx := 1"), "\n\t\t");
        assert_eq!(newline_with_indent("import ("), "\n\t");
        assert_eq!(newline_with_indent(""), "\n");
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn long_output_keeps_its_tail() {
        assert_eq!(tail_for_display("short", 10), ("short", false));
        let long = "line 1\nline 2\nline 3\n";
        let (tail, cut) = tail_for_display(long, 10);
        assert!(cut);
        assert_eq!(tail, "line 3\n");
        let cjk = "世界世界世界";
        let (tail, cut) = tail_for_display(cjk, 4);
        assert!(cut);
        assert_eq!(tail, "界");
    }
}
