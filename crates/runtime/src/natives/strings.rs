//! Package `strings` (`strings/strings.go`), on Go strings as bytes.
//!
//! Go strings need not be UTF-8, so every function works on bytes and decodes runes only where
//! Go does (`Fields`, `TrimSpace`, `Trim`, `ToUpper`/`ToLower`, `Split` with an empty separator);
//! an invalid byte decodes as U+FFFD of width 1, as `utf8.DecodeRuneInString` does.

use lang::constant::decode_utf8;

/// One rune (or invalid byte, as U+FFFD) and its width in bytes.
fn rune_at(s: &[u8]) -> (char, usize) {
    match decode_utf8(s) {
        (Some(c), w) => (c, w.max(1)),
        (None, _) => ('\u{FFFD}', 1),
    }
}

/// `unicode.IsSpace`: the White_Space property (Rust's `char::is_whitespace` is the same set).
fn is_space(c: char) -> bool {
    c.is_whitespace()
}

/// `strings.Index`: byte offset of the first `sub` in `s`, or -1 (0 for an empty `sub`).
pub fn index(s: &[u8], sub: &[u8]) -> i64 {
    if sub.is_empty() {
        return 0;
    }
    s.windows(sub.len())
        .position(|w| w == sub)
        .map_or(-1, |i| i as i64)
}

/// `strings.LastIndex`.
pub fn last_index(s: &[u8], sub: &[u8]) -> i64 {
    if sub.is_empty() {
        return s.len() as i64;
    }
    s.windows(sub.len())
        .rposition(|w| w == sub)
        .map_or(-1, |i| i as i64)
}

/// `strings.Count`: non-overlapping occurrences; an empty `sub` counts runes + 1.
pub fn count(s: &[u8], sub: &[u8]) -> i64 {
    if sub.is_empty() {
        return rune_count(s) as i64 + 1;
    }
    let mut n = 0;
    let mut i = 0;
    while let Some(k) = find(&s[i..], sub) {
        n += 1;
        i += k + sub.len();
    }
    n
}

fn find(s: &[u8], sub: &[u8]) -> Option<usize> {
    usize::try_from(index(s, sub)).ok()
}

fn rune_count(s: &[u8]) -> usize {
    let mut i = 0;
    let mut n = 0;
    while i < s.len() {
        i += rune_at(&s[i..]).1;
        n += 1;
    }
    n
}

/// `strings.Split(s, sep)` (`genSplit` with n = -1; `explode` for an empty separator).
pub fn split(s: &[u8], sep: &[u8]) -> Vec<Vec<u8>> {
    if sep.is_empty() {
        let mut out = Vec::new();
        let mut i = 0;
        while i < s.len() {
            let w = rune_at(&s[i..]).1;
            out.push(s[i..i + w].to_vec());
            i += w;
        }
        return out;
    }
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(k) = find(&s[i..], sep) {
        out.push(s[i..i + k].to_vec());
        i += k + sep.len();
    }
    out.push(s[i..].to_vec());
    out
}

/// `strings.Join`.
pub fn join(elems: &[Vec<u8>], sep: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    for (i, e) in elems.iter().enumerate() {
        if i > 0 {
            out.extend_from_slice(sep);
        }
        out.extend_from_slice(e);
    }
    out
}

/// `strings.Fields`: the runs of non-space runes.
pub fn fields(s: &[u8]) -> Vec<Vec<u8>> {
    let mut out = Vec::new();
    let mut start = None;
    let mut i = 0;
    while i < s.len() {
        let (c, w) = rune_at(&s[i..]);
        let space = is_space(c);
        match (space, start) {
            (true, Some(st)) => {
                out.push(s[st..i].to_vec());
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
        i += w;
    }
    if let Some(st) = start {
        out.push(s[st..].to_vec());
    }
    out
}

/// `strings.TrimFunc`-style trimming of both ends while `pred` holds.
fn trim_by(s: &[u8], pred: impl Fn(char) -> bool) -> &[u8] {
    let mut lo = 0;
    while lo < s.len() {
        let (c, w) = rune_at(&s[lo..]);
        if !pred(c) {
            break;
        }
        lo += w;
    }
    let mut hi = s.len();
    while hi > lo {
        // Step back to the start of the last rune (at most 4 bytes).
        let mut st = hi - 1;
        while st > lo && hi - st < 4 && (s[st] & 0xC0) == 0x80 {
            st -= 1;
        }
        let (c, w) = rune_at(&s[st..hi]);
        let (c, st) = if st + w == hi {
            (c, st)
        } else {
            ('\u{FFFD}', hi - 1)
        };
        if !pred(c) {
            break;
        }
        hi = st;
    }
    &s[lo..hi]
}

/// `strings.TrimSpace`.
pub fn trim_space(s: &[u8]) -> &[u8] {
    trim_by(s, is_space)
}

/// `strings.Trim(s, cutset)`: strips leading and trailing runes contained in `cutset`.
pub fn trim(s: &[u8], cutset: &[u8]) -> Vec<u8> {
    if s.is_empty() || cutset.is_empty() {
        return s.to_vec();
    }
    let cut: Vec<char> = {
        let mut v = Vec::new();
        let mut i = 0;
        while i < cutset.len() {
            let (c, w) = rune_at(&cutset[i..]);
            v.push(c);
            i += w;
        }
        v
    };
    trim_by(s, |c| cut.contains(&c)).to_vec()
}

/// `strings.Repeat`; the caller checks `count` (negative counts panic in Go).
pub fn repeat(s: &[u8], count: usize) -> Vec<u8> {
    s.repeat(count)
}

/// `strings.Replace(s, old, new, n)`; n < 0 replaces all. An empty `old` matches at the start
/// and after each rune, as in Go.
pub fn replace(s: &[u8], old: &[u8], new: &[u8], n: i64) -> Vec<u8> {
    if old == new || n == 0 {
        return s.to_vec();
    }
    let m = count(s, old);
    if m == 0 {
        return s.to_vec();
    }
    let n = if n < 0 || m < n { m } else { n };
    let mut out = Vec::with_capacity(s.len());
    let mut start = 0;
    for i in 0..n {
        let mut j = start;
        if old.is_empty() {
            if i > 0 {
                j += rune_at(&s[start..]).1;
            }
        } else {
            j += find(&s[start..], old).unwrap_or(0);
        }
        out.extend_from_slice(&s[start..j.min(s.len())]);
        out.extend_from_slice(new);
        start = (j + old.len()).min(s.len());
    }
    out.extend_from_slice(&s[start..]);
    out
}

/// `strings.ToUpper` / `ToLower` (`unicode.ToUpper` per rune: one-to-one mappings only, so
/// `ß` stays `ß` as in Go; invalid bytes become U+FFFD as `strings.Map` makes them).
pub fn map_case(s: &[u8], upper: bool) -> Vec<u8> {
    if s.is_ascii() {
        return if upper {
            s.to_ascii_uppercase()
        } else {
            s.to_ascii_lowercase()
        };
    }
    let mut out = Vec::with_capacity(s.len());
    let mut i = 0;
    while i < s.len() {
        let (c, w) = rune_at(&s[i..]);
        let mapped: Vec<char> = if upper {
            c.to_uppercase().collect()
        } else {
            c.to_lowercase().collect()
        };
        let c = if mapped.len() == 1 { mapped[0] } else { c };
        out.extend_from_slice(c.encode_utf8(&mut [0; 4]).as_bytes());
        i += w;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strs(v: Vec<Vec<u8>>) -> Vec<String> {
        v.into_iter()
            .map(|b| String::from_utf8_lossy(&b).into_owned())
            .collect()
    }

    #[test]
    fn split_and_fields_follow_go() {
        assert_eq!(strs(split(b"a,b,,c", b",")), ["a", "b", "", "c"]);
        assert_eq!(strs(split(b"", b",")), [""]);
        assert_eq!(strs(split("hé".as_bytes(), b"")), ["h", "é"]);
        assert_eq!(strs(fields(b"  a b\t\nc  ")), ["a", "b", "c"]);
        assert_eq!(trim_space(b" \t x y \n"), b"x y");
        assert_eq!(trim(b"xxhixx", b"x"), b"hi");
    }

    #[test]
    fn replace_follows_go() {
        assert_eq!(
            replace(b"oink oink oink", b"k", b"ky", 2),
            b"oinky oinky oink"
        );
        assert_eq!(
            replace(b"oink oink oink", b"oink", b"moo", -1),
            b"moo moo moo"
        );
        assert_eq!(replace(b"abc", b"", b"-", -1), b"-a-b-c-");
        assert_eq!(count(b"cheese", b"e"), 3);
        assert_eq!(count(b"five", b""), 5);
    }
}
