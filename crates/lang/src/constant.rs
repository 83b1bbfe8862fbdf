//! Constant values and constant arithmetic, modelled on `go/constant` as used by types2.
//!
//! Go evaluates constant expressions exactly (at least 256 bits for integers). goscope keeps
//! integers in `i128` (enough for every constant a 64-bit program can use, and for messages like
//! `untyped int constant 1180591620717411303424`); results outside `i128` are reported as
//! overflow. Floats are `f64`. Strings are byte strings (Go strings need not be UTF-8).

use crate::types::BasicKind;
use std::fmt;

#[derive(Clone, Debug, PartialEq)]
pub enum ConstValue {
    Bool(bool),
    Int(i128),
    Float(f64),
    /// An exact untyped float constant `num/den` (den > 0, reduced), as long as it fits;
    /// Go's constant arithmetic is exact, so `0.1 + 0.2 == 0.3` holds for constants.
    Rat(i128, i128),
    String(Vec<u8>),
}

fn gcd(mut a: i128, mut b: i128) -> i128 {
    a = a.abs();
    b = b.abs();
    while b != 0 {
        let t = a % b;
        a = b;
        b = t;
    }
    a
}

/// A reduced rational, or None if it does not fit.
pub fn rat(num: i128, den: i128) -> Option<ConstValue> {
    if den == 0 {
        return None;
    }
    let g = gcd(num, den).max(1);
    let (mut n, mut d) = (num / g, den / g);
    if d < 0 {
        n = n.checked_neg()?;
        d = d.checked_neg()?;
    }
    Some(ConstValue::Rat(n, d))
}

impl ConstValue {
    /// Numerator and denominator of an exact numeric constant.
    pub fn as_rat(&self) -> Option<(i128, i128)> {
        match self {
            ConstValue::Int(i) => Some((*i, 1)),
            ConstValue::Rat(n, d) => Some((*n, *d)),
            _ => None,
        }
    }
}

impl ConstValue {
    pub fn as_int(&self) -> Option<i128> {
        match self {
            ConstValue::Int(i) => Some(*i),
            ConstValue::Float(f) if f.fract() == 0.0 && f.abs() < 1e38 => Some(*f as i128),
            ConstValue::Rat(n, 1) => Some(*n),
            _ => None,
        }
    }
    pub fn as_f64(&self) -> Option<f64> {
        match self {
            ConstValue::Int(i) => Some(*i as f64),
            ConstValue::Rat(n, d) => Some(*n as f64 / *d as f64),
            ConstValue::Float(f) => Some(*f),
            _ => None,
        }
    }
    pub fn as_bool(&self) -> Option<bool> {
        match self {
            ConstValue::Bool(b) => Some(*b),
            _ => None,
        }
    }
}

/// Why a constant cannot be represented by a type.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NotRepresentable {
    /// Integer out of range: `(overflows)`.
    Overflows,
    /// Non-integral float to integer: `(truncated)`.
    Truncated,
    /// Wrong kind entirely (e.g. string as int).
    Mismatch,
}

/// Checks that `v` is representable as a value of basic kind `k`, returning the converted value
/// (`representableConst` in types2).
pub fn representable(v: &ConstValue, k: BasicKind) -> Result<ConstValue, NotRepresentable> {
    use BasicKind::*;
    match k {
        Bool | UntypedBool => match v {
            ConstValue::Bool(_) => Ok(v.clone()),
            _ => Err(NotRepresentable::Mismatch),
        },
        String | UntypedString => match v {
            ConstValue::String(_) => Ok(v.clone()),
            _ => Err(NotRepresentable::Mismatch),
        },
        UntypedFloat if matches!(v, ConstValue::Rat(..) | ConstValue::Int(_)) => match v {
            ConstValue::Int(i) => Ok(ConstValue::Rat(*i, 1)),
            v => Ok(v.clone()),
        },
        Float32 | Float64 | UntypedFloat => match v {
            ConstValue::Int(i) => Ok(ConstValue::Float(*i as f64)),
            ConstValue::Rat(..) => representable(&ConstValue::Float(v.as_f64().unwrap_or(0.0)), k),
            ConstValue::Float(f) => {
                if f.is_finite() {
                    Ok(ConstValue::Float(if k == Float32 {
                        *f as f32 as f64
                    } else {
                        *f
                    }))
                } else {
                    Err(NotRepresentable::Overflows)
                }
            }
            _ => Err(NotRepresentable::Mismatch),
        },
        _ if k.is_integer() => {
            let i = match v {
                ConstValue::Int(i) => *i,
                ConstValue::Rat(n, 1) => *n,
                ConstValue::Rat(..) => return Err(NotRepresentable::Truncated),
                ConstValue::Float(f) => {
                    if f.fract() != 0.0 {
                        return Err(NotRepresentable::Truncated);
                    }
                    if f.abs() >= 1.7e38 {
                        return Err(NotRepresentable::Overflows);
                    }
                    *f as i128
                }
                _ => return Err(NotRepresentable::Mismatch),
            };
            if k.is_untyped() {
                return Ok(ConstValue::Int(i));
            }
            let bits = k.bits();
            let (min, max) = if k.is_unsigned() {
                (0i128, (1i128 << bits) - 1)
            } else {
                (-(1i128 << (bits - 1)), (1i128 << (bits - 1)) - 1)
            };
            if i < min || i > max {
                Err(NotRepresentable::Overflows)
            } else {
                Ok(ConstValue::Int(i))
            }
        }
        _ => Err(NotRepresentable::Mismatch),
    }
}

/// Go's `constant.Value.String()`: strings quoted and shortened to 72 characters.
impl fmt::Display for ConstValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ConstValue::Bool(b) => write!(f, "{b}"),
            ConstValue::Int(i) => write!(f, "{i}"),
            ConstValue::Float(x) => write!(f, "{}", format_float_const(*x)),
            ConstValue::Rat(n, d) => write!(f, "{}", format_float_const(*n as f64 / *d as f64)),
            ConstValue::String(s) => {
                let q = quote_bytes(s);
                // Shorten like go/constant: at most 72 chars, with "..." in the middle of the quote.
                const MAX: usize = 72;
                if q.chars().count() > MAX {
                    let head: String = q.chars().take(MAX - 4).collect();
                    write!(f, "{head}...\"")
                } else {
                    f.write_str(&q)
                }
            }
        }
    }
}

/// `%.6g`, as go/constant prints float values in messages.
fn format_float_const(x: f64) -> String {
    if x == 0.0 {
        return "0".into();
    }
    let s = format!("{:.5e}", x);
    let (m, e) = s.split_once('e').unwrap_or((&s, "0"));
    let exp: i32 = e.parse().unwrap_or(0);
    let m = if m.contains('.') {
        m.trim_end_matches('0').trim_end_matches('.')
    } else {
        m
    };
    if !(-4..6).contains(&exp) {
        let sign = if exp < 0 { '-' } else { '+' };
        return format!("{m}e{sign}{:02}", exp.unsigned_abs());
    }
    // Fixed notation with the same significant digits.
    let neg = m.starts_with('-');
    let digits: String = m.chars().filter(char::is_ascii_digit).collect();
    let mut out = String::new();
    if neg {
        out.push('-');
    }
    if exp >= 0 {
        let int_len = exp as usize + 1;
        let padded = format!("{digits:0<int_len$}");
        out.push_str(&padded[..int_len]);
        if padded.len() > int_len {
            out.push('.');
            out.push_str(&padded[int_len..]);
        }
    } else {
        out.push_str("0.");
        for _ in 0..(-exp - 1) {
            out.push('0');
        }
        out.push_str(&digits);
    }
    out
}

/// Go's `strconv.Quote` for a byte string.
pub fn quote_bytes(s: &[u8]) -> String {
    let mut out = String::from("\"");
    let mut i = 0;
    while i < s.len() {
        let (c, w) = decode_utf8(&s[i..]);
        if c.is_none() {
            out.push_str(&format!("\\x{:02x}", s[i]));
            i += 1;
            continue;
        }
        let c = c.unwrap_or('\u{FFFD}');
        i += w;
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\x07' => out.push_str("\\a"),
            '\x08' => out.push_str("\\b"),
            '\x0c' => out.push_str("\\f"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\x0b' => out.push_str("\\v"),
            c if (c as u32) < 0x20 || c == '\x7f' => out.push_str(&format!("\\x{:02x}", c as u32)),
            c if is_print(c) => out.push(c),
            c if (c as u32) < 0x10000 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push_str(&format!("\\U{:08x}", c as u32)),
        }
    }
    out.push('"');
    out
}

/// Approximates Go's `strconv.IsPrint`.
pub fn is_print(c: char) -> bool {
    if c.is_control() {
        return false;
    }
    let u = c as u32;
    // Unassigned / format / private-use / separators that Go does not consider printable.
    !matches!(u, 0x00AD | 0x200B..=0x200F | 0x2028..=0x202E | 0x2060..=0x206F | 0xFEFF | 0xFFF9..=0xFFFB | 0xE000..=0xF8FF | 0xFFFE | 0xFFFF)
        && !(0xF0000..=0x10FFFF).contains(&u)
        && (c == ' ' || !c.is_whitespace())
}

/// Decodes one UTF-8 sequence: (char, width), or (None, 1) for an invalid byte.
pub fn decode_utf8(b: &[u8]) -> (Option<char>, usize) {
    let n = match b.first() {
        None => return (None, 1),
        Some(&x) if x < 0x80 => 1,
        Some(&x) if x >> 5 == 0b110 => 2,
        Some(&x) if x >> 4 == 0b1110 => 3,
        Some(&x) if x >> 3 == 0b11110 => 4,
        _ => return (None, 1),
    };
    match b
        .get(..n)
        .and_then(|s| std::str::from_utf8(s).ok())
        .and_then(|s| s.chars().next())
    {
        Some(c) => (Some(c), n),
        None => (None, 1),
    }
}

/// Unquotes a Go string or rune literal (validated by the lexer; invalid parts are skipped).
pub fn unquote(raw: &str) -> Vec<u8> {
    let b = raw.as_bytes();
    if b.first() == Some(&b'`') {
        let inner = &b[1..b.len().saturating_sub(1).max(1)];
        return inner.iter().copied().filter(|&c| c != b'\r').collect();
    }
    let quote = b.first().copied().unwrap_or(b'"');
    let end = if b.len() >= 2 && b[b.len() - 1] == quote {
        b.len() - 1
    } else {
        b.len()
    };
    let inner = b.get(1..end).unwrap_or(&[]);
    let mut out = Vec::new();
    let mut i = 0;
    while i < inner.len() {
        let c = inner[i];
        if c != b'\\' {
            out.push(c);
            i += 1;
            continue;
        }
        i += 1;
        let Some(&e) = inner.get(i) else { break };
        i += 1;
        let simple = match e {
            b'a' => Some(7),
            b'b' => Some(8),
            b'f' => Some(12),
            b'n' => Some(b'\n'),
            b'r' => Some(b'\r'),
            b't' => Some(b'\t'),
            b'v' => Some(11),
            b'\\' => Some(b'\\'),
            b'\'' => Some(b'\''),
            b'"' => Some(b'"'),
            _ => None,
        };
        if let Some(s) = simple {
            out.push(s);
            continue;
        }
        let (n, base, as_byte) = match e {
            b'0'..=b'7' => {
                i -= 1;
                (3, 8, true)
            }
            b'x' => (2, 16, true),
            b'u' => (4, 16, false),
            b'U' => (8, 16, false),
            _ => continue,
        };
        let mut v: u32 = 0;
        for _ in 0..n {
            let Some(d) = inner.get(i).and_then(|&c| (c as char).to_digit(base)) else {
                break;
            };
            v = v.wrapping_mul(base).wrapping_add(d);
            i += 1;
        }
        if as_byte {
            out.push(v as u8);
        } else {
            let ch = char::from_u32(v).unwrap_or('\u{FFFD}');
            let mut buf = [0; 4];
            out.extend_from_slice(ch.encode_utf8(&mut buf).as_bytes());
        }
    }
    out
}

/// The value of a rune literal.
pub fn rune_value(raw: &str) -> i128 {
    let inner = raw.get(1..raw.len().saturating_sub(1)).unwrap_or("");
    if inner.starts_with('\\') {
        let b = inner.as_bytes();
        if matches!(b.get(1), Some(b'x') | Some(b'0'..=b'7')) {
            return unquote(raw).first().copied().unwrap_or(0) as i128;
        }
        let bytes = unquote(raw);
        return match String::from_utf8(bytes) {
            Ok(s) => s.chars().next().map_or(0, |c| c as i128),
            Err(_) => 0xFFFD,
        };
    }
    inner.chars().next().map_or(0, |c| c as i128)
}

/// Parses an integer literal (with `0x`, `0o`, `0b`, legacy octal and `_`).
pub fn parse_int(raw: &str) -> Option<i128> {
    let s: String = raw.chars().filter(|&c| c != '_').collect();
    let lower = s.to_ascii_lowercase();
    let (digits, radix) = if let Some(r) = lower.strip_prefix("0x") {
        (r.to_string(), 16)
    } else if let Some(r) = lower.strip_prefix("0b") {
        (r.to_string(), 2)
    } else if let Some(r) = lower.strip_prefix("0o") {
        (r.to_string(), 8)
    } else if lower.len() > 1 && lower.starts_with('0') {
        (lower[1..].to_string(), 8)
    } else {
        (lower, 10)
    };
    i128::from_str_radix(&digits, radix).ok()
}

/// Parses a float literal (decimal; hex floats approximately).
pub fn parse_float(raw: &str) -> Option<f64> {
    let s: String = raw.chars().filter(|&c| c != '_').collect();
    s.parse::<f64>().ok()
}

/// Parses a decimal float literal exactly, if the fraction fits.
pub fn parse_float_exact(raw: &str) -> Option<ConstValue> {
    let s: String = raw
        .chars()
        .filter(|&c| c != '_')
        .collect::<String>()
        .to_ascii_lowercase();
    if s.starts_with("0x") {
        return None;
    }
    let (mant, exp) = match s.split_once('e') {
        Some((m, e)) => (m.to_string(), e.parse::<i32>().ok()?),
        None => (s.clone(), 0),
    };
    let (int, frac) = mant.split_once('.').unwrap_or((&mant, ""));
    let digits = format!("{int}{frac}");
    let mut num: i128 = if digits.is_empty() {
        0
    } else {
        digits.parse().ok()?
    };
    let mut scale = exp - frac.len() as i32;
    let mut den: i128 = 1;
    while scale > 0 {
        num = num.checked_mul(10)?;
        scale -= 1;
    }
    while scale < 0 {
        den = den.checked_mul(10)?;
        scale += 1;
    }
    rat(num, den)
}
