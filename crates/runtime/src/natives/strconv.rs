//! Package `strconv` (`strconv/atoi.go`, `itoa.go`, `quote.go`, `atob.go`).
//!
//! Failures are `*strconv.NumError` values whose `Error()` is Go's text,
//! `strconv.Atoi: parsing "x": invalid syntax` / `value out of range` (the caller wraps the
//! message into an error value).

use lang::constant::quote_bytes;

/// Why a parse failed (`strconv.ErrSyntax`, `strconv.ErrRange`, or a bad argument).
#[derive(Debug, PartialEq)]
pub enum NumErr {
    Syntax,
    Range,
    Base(i64),
    BitSize(i64),
}

impl NumErr {
    /// The wrapped error's text (`NumError.Err.Error()`).
    pub fn reason(&self) -> String {
        match self {
            NumErr::Syntax => "invalid syntax".into(),
            NumErr::Range => "value out of range".into(),
            NumErr::Base(b) => format!("invalid base {b}"),
            NumErr::BitSize(b) => format!("invalid bit size {b}"),
        }
    }

    /// `NumError.Error()`: `strconv.FUNC: parsing "NUM": REASON`.
    pub fn message(&self, func: &str, num: &[u8]) -> String {
        format!(
            "strconv.{func}: parsing {}: {}",
            quote_bytes(num),
            self.reason()
        )
    }
}

/// `strconv.FormatInt(i, base)`; the caller rejects bases outside 2..=36.
pub fn format_int(i: i64, base: u32) -> String {
    if base == 10 {
        return i.to_string();
    }
    let digits = b"0123456789abcdefghijklmnopqrstuvwxyz";
    let mut u = i.unsigned_abs();
    let mut out = Vec::new();
    loop {
        out.push(digits[(u % base as u64) as usize]);
        u /= base as u64;
        if u == 0 {
            break;
        }
    }
    if i < 0 {
        out.push(b'-');
    }
    out.reverse();
    String::from_utf8_lossy(&out).into_owned()
}

/// `strconv.ParseInt(s, base, bitSize)`: the value (clamped on overflow, as Go returns it)
/// and the failure, if any.
pub fn parse_int(s: &[u8], base: i64, bit_size: i64) -> (i64, Option<NumErr>) {
    if s.is_empty() {
        return (0, Some(NumErr::Syntax));
    }
    let (neg, body) = match s[0] {
        b'+' => (false, &s[1..]),
        b'-' => (true, &s[1..]),
        _ => (false, s),
    };
    let bit_size = if bit_size == 0 { 64 } else { bit_size };
    if !(1..=64).contains(&bit_size) {
        return (0, Some(NumErr::BitSize(bit_size)));
    }
    let (un, err) = parse_uint(body, base);
    if let Some(e) = err.as_ref()
        && *e != NumErr::Range
    {
        return (0, err);
    }
    let cutoff: u64 = 1u64 << (bit_size - 1);
    if err == Some(NumErr::Range) || (!neg && un >= cutoff) || (neg && un > cutoff) {
        let v = if neg {
            (cutoff as i128).wrapping_neg() as i64
        } else {
            (cutoff - 1) as i64
        };
        return (v, Some(NumErr::Range));
    }
    let v = if neg {
        (un as i64).wrapping_neg()
    } else {
        un as i64
    };
    (v, None)
}

/// `strconv.ParseUint` without the sign: base prefixes and underscores only with base 0.
fn parse_uint(s: &[u8], base: i64) -> (u64, Option<NumErr>) {
    if s.is_empty() {
        return (0, Some(NumErr::Syntax));
    }
    let base0 = base == 0;
    let (base, s) = match base {
        0 => {
            if s.len() >= 3 && s[0] == b'0' {
                match s[1].to_ascii_lowercase() {
                    b'b' => (2, &s[2..]),
                    b'o' => (8, &s[2..]),
                    b'x' => (16, &s[2..]),
                    _ => (8, &s[1..]),
                }
            } else if s[0] == b'0' && s.len() > 1 {
                (8, &s[1..])
            } else {
                (10, s)
            }
        }
        2..=36 => (base, s),
        b => return (0, Some(NumErr::Base(b))),
    };
    let mut n: u64 = 0;
    let mut range = false;
    for &c in s {
        if c == b'_' && base0 {
            continue;
        }
        let d = match c {
            b'0'..=b'9' => c - b'0',
            b'a'..=b'z' => c - b'a' + 10,
            b'A'..=b'Z' => c - b'A' + 10,
            _ => return (0, Some(NumErr::Syntax)),
        } as i64;
        if d >= base {
            return (0, Some(NumErr::Syntax));
        }
        match n
            .checked_mul(base as u64)
            .and_then(|x| x.checked_add(d as u64))
        {
            Some(x) => n = x,
            None => {
                range = true;
                n = u64::MAX;
            }
        }
    }
    (n, range.then_some(NumErr::Range))
}

/// `strconv.ParseBool`.
pub fn parse_bool(s: &[u8]) -> Option<bool> {
    match s {
        b"1" | b"t" | b"T" | b"TRUE" | b"true" | b"True" => Some(true),
        b"0" | b"f" | b"F" | b"FALSE" | b"false" | b"False" => Some(false),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_int_matches_go() {
        assert_eq!(parse_int(b"-42", 10, 64), (-42, None));
        assert_eq!(parse_int(b"0x1f", 0, 64), (31, None));
        assert_eq!(parse_int(b"1_000", 0, 64), (1000, None));
        assert_eq!(parse_int(b"1_000", 10, 64), (0, Some(NumErr::Syntax)));
        assert_eq!(parse_int(b"128", 10, 8), (127, Some(NumErr::Range)));
        assert_eq!(parse_int(b"-129", 10, 8), (-128, Some(NumErr::Range)));
        assert_eq!(
            parse_int(b"99999999999999999999", 10, 0),
            (i64::MAX, Some(NumErr::Range))
        );
        assert_eq!(
            NumErr::Syntax.message("Atoi", b"x"),
            "strconv.Atoi: parsing \"x\": invalid syntax"
        );
        assert_eq!(format_int(-255, 16), "-ff");
    }
}
