//! Go's `fmt` formatting: `Print`, `Println`, `Printf` verbs with flags, width and precision,
//! and Go's error forms (`%!d(string=hi)`, `%!v(MISSING)`, `%!(EXTRA int=1)`).
//!
//! Models `fmt/print.go`, `fmt/format.go` and `strconv/ftoa.go` for the values of this slice.
//! Output is bytes: Go strings need not be UTF-8, and widths count runes as Go does.

use crate::value::Value;
use lang::constant::{decode_utf8, quote_bytes};

/// `%v` of a value.
pub fn format_value(v: &Value) -> Vec<u8> {
    let mut out = Vec::new();
    print_value(&mut out, v, 'v', &Flags::default());
    out
}

/// `fmt.Sprint`: spaces between operands when neither side is a string.
pub fn sprint(args: &[Value]) -> Vec<u8> {
    let mut out = Vec::new();
    for (i, a) in args.iter().enumerate() {
        let is_str = matches!(a, Value::Str(_));
        if i > 0 && !is_str && !matches!(args[i - 1], Value::Str(_)) {
            out.push(b' ');
        }
        print_value(&mut out, a, 'v', &Flags::default());
    }
    out
}

/// `fmt.Sprintln`: spaces between all operands, newline at the end.
pub fn sprintln(args: &[Value]) -> Vec<u8> {
    let mut out = Vec::new();
    for (i, a) in args.iter().enumerate() {
        if i > 0 {
            out.push(b' ');
        }
        print_value(&mut out, a, 'v', &Flags::default());
    }
    out.push(b'\n');
    out
}

/// Printf flags.
#[derive(Clone, Debug, Default)]
struct Flags {
    minus: bool,
    plus: bool,
    sharp: bool,
    space: bool,
    zero: bool,
    width: Option<usize>,
    prec: Option<usize>,
}

/// `fmt.Sprintf`.
pub fn sprintf(format: &[u8], args: &[Value]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut argi = 0;
    let mut i = 0;
    let n = format.len();
    while i < n {
        let c = format[i];
        if c != b'%' {
            out.push(c);
            i += 1;
            continue;
        }
        i += 1;
        let mut fl = Flags::default();
        // Flags.
        while i < n {
            match format[i] {
                b'-' => {
                    fl.minus = true;
                    fl.zero = false;
                }
                b'+' => fl.plus = true,
                b'#' => fl.sharp = true,
                b' ' => fl.space = true,
                b'0' => fl.zero = !fl.minus,
                _ => break,
            }
            i += 1;
        }
        // Width.
        if i < n && format[i] == b'*' {
            i += 1;
            match args.get(argi) {
                Some(Value::Int(w)) => {
                    let w = *w;
                    if w < 0 {
                        fl.minus = true;
                        fl.zero = false;
                    }
                    fl.width = Some(w.unsigned_abs().min(1 << 20) as usize);
                }
                _ => out.extend_from_slice(b"%!(BADWIDTH)"),
            }
            argi += 1;
        } else {
            let (w, ni) = parse_num(format, i);
            fl.width = w;
            i = ni;
        }
        // Precision.
        if i < n && format[i] == b'.' {
            i += 1;
            if i < n && format[i] == b'*' {
                i += 1;
                match args.get(argi) {
                    Some(Value::Int(p)) if *p >= 0 => fl.prec = Some((*p as usize).min(1 << 20)),
                    _ => out.extend_from_slice(b"%!(BADPREC)"),
                }
                argi += 1;
            } else {
                let (p, ni) = parse_num(format, i);
                fl.prec = Some(p.unwrap_or(0));
                i = ni;
            }
        }
        if i >= n {
            out.extend_from_slice(b"%!(NOVERB)");
            break;
        }
        let (verb, w) = match decode_utf8(&format[i..]) {
            (Some(ch), w) => (ch, w),
            (None, _) => ('\u{FFFD}', 1),
        };
        i += w;
        if verb == '%' {
            out.push(b'%');
            continue;
        }
        let Some(arg) = args.get(argi) else {
            out.extend_from_slice(format!("%!{verb}(MISSING)").as_bytes());
            continue;
        };
        argi += 1;
        print_value(&mut out, arg, verb, &fl);
    }
    if argi < args.len() {
        out.extend_from_slice(b"%!(EXTRA ");
        for (k, a) in args[argi..].iter().enumerate() {
            if k > 0 {
                out.extend_from_slice(b", ");
            }
            out.extend_from_slice(a.type_name().as_bytes());
            if !matches!(a, Value::Nil) {
                out.push(b'=');
                print_value(&mut out, a, 'v', &Flags::default());
            }
        }
        out.push(b')');
    }
    out
}

fn parse_num(s: &[u8], mut i: usize) -> (Option<usize>, usize) {
    let start = i;
    let mut v: usize = 0;
    while i < s.len() && s[i].is_ascii_digit() {
        v = v
            .saturating_mul(10)
            .saturating_add((s[i] - b'0') as usize)
            .min(1 << 20);
        i += 1;
    }
    if i == start { (None, i) } else { (Some(v), i) }
}

/// `%!verb(type=value)`.
fn bad_verb(out: &mut Vec<u8>, v: &Value, verb: char) {
    out.extend_from_slice(format!("%!{verb}(").as_bytes());
    match v {
        Value::Nil => out.extend_from_slice(b"<nil>"),
        _ => {
            out.extend_from_slice(v.type_name().as_bytes());
            out.push(b'=');
            print_value(out, v, 'v', &Flags::default());
        }
    }
    out.push(b')');
}

fn print_value(out: &mut Vec<u8>, v: &Value, verb: char, fl: &Flags) {
    if verb == 'T' {
        pad(out, v.type_name().as_bytes(), fl);
        return;
    }
    match v {
        Value::Nil => match verb {
            'v' => pad(out, b"<nil>", fl),
            _ => bad_verb(out, v, verb),
        },
        Value::Bool(b) => match verb {
            'v' | 't' => pad(out, if *b { b"true" } else { b"false" }, fl),
            _ => bad_verb(out, v, verb),
        },
        Value::Int(i) => fmt_int(out, *i, verb, fl, v),
        Value::Float(f) => fmt_float(out, *f, verb, fl, v),
        Value::Str(s) => match verb {
            'v' | 's' => {
                let s = truncate_runes(s, fl.prec);
                pad(out, s, fl);
            }
            'q' => {
                let s = truncate_runes(s, fl.prec);
                let q = if fl.sharp
                    && !s.contains(&b'`')
                    && std::str::from_utf8(s)
                        .is_ok_and(|t| !t.chars().any(|c| c.is_control() && c != '\t'))
                {
                    format!("`{}`", String::from_utf8_lossy(s))
                } else if fl.plus {
                    ascii_quote(s)
                } else {
                    quote_bytes(s)
                };
                pad(out, q.as_bytes(), fl);
            }
            'x' | 'X' => {
                let s = truncate_bytes(s, fl.prec);
                let mut h = String::new();
                for (k, b) in s.iter().enumerate() {
                    if fl.space && k > 0 {
                        h.push(' ');
                    }
                    if fl.sharp && (fl.space || k == 0) {
                        h.push_str(if verb == 'x' { "0x" } else { "0X" });
                    }
                    if verb == 'x' {
                        h.push_str(&format!("{b:02x}"));
                    } else {
                        h.push_str(&format!("{b:02X}"));
                    }
                }
                pad(out, h.as_bytes(), fl);
            }
            _ => bad_verb(out, v, verb),
        },
        _ => pad(out, b"?", fl),
    }
}

fn truncate_runes(s: &[u8], prec: Option<usize>) -> &[u8] {
    let Some(p) = prec else { return s };
    let mut i = 0;
    for _ in 0..p {
        if i >= s.len() {
            break;
        }
        i += decode_utf8(&s[i..]).1;
    }
    &s[..i.min(s.len())]
}

fn truncate_bytes(s: &[u8], prec: Option<usize>) -> &[u8] {
    match prec {
        Some(p) if p < s.len() => &s[..p],
        _ => s,
    }
}

fn rune_count(s: &[u8]) -> usize {
    let mut i = 0;
    let mut n = 0;
    while i < s.len() {
        i += decode_utf8(&s[i..]).1;
        n += 1;
    }
    n
}

/// Pads to the width with spaces (left or right).
fn pad(out: &mut Vec<u8>, s: &[u8], fl: &Flags) {
    let w = fl.width.unwrap_or(0);
    let n = rune_count(s);
    if n >= w {
        out.extend_from_slice(s);
        return;
    }
    let fill = w - n;
    if fl.minus {
        out.extend_from_slice(s);
        out.extend(std::iter::repeat_n(b' ', fill));
    } else {
        let c = if fl.zero { b'0' } else { b' ' };
        out.extend(std::iter::repeat_n(c, fill));
        out.extend_from_slice(s);
    }
}

/// Pads a number: zero padding goes after the sign.
fn pad_number(out: &mut Vec<u8>, sign: &str, digits: &str, fl: &Flags, zero_ok: bool) {
    let w = fl.width.unwrap_or(0);
    let len = sign.len() + digits.chars().count();
    if fl.zero && zero_ok && !fl.minus && len < w {
        out.extend_from_slice(sign.as_bytes());
        out.extend(std::iter::repeat_n(b'0', w - len));
        out.extend_from_slice(digits.as_bytes());
        return;
    }
    let s = format!("{sign}{digits}");
    let plain = Flags {
        zero: false,
        ..fl.clone()
    };
    pad(out, s.as_bytes(), &plain);
}

fn ascii_quote(s: &[u8]) -> String {
    let q = quote_bytes(s);
    let mut out = String::new();
    for c in q.chars() {
        if c.is_ascii() {
            out.push(c);
        } else if (c as u32) < 0x10000 {
            out.push_str(&format!("\\u{:04x}", c as u32));
        } else {
            out.push_str(&format!("\\U{:08x}", c as u32));
        }
    }
    out
}

fn quote_rune(r: i64, ascii: bool) -> String {
    let c = u32::try_from(r)
        .ok()
        .and_then(char::from_u32)
        .unwrap_or('\u{FFFD}');
    let mut buf = [0u8; 4];
    let q = if ascii {
        ascii_quote(c.encode_utf8(&mut buf).as_bytes())
    } else {
        quote_bytes(c.encode_utf8(&mut buf).as_bytes())
    };
    let inner = &q[1..q.len() - 1];
    let inner = match inner {
        "\\\"" => "\"".to_string(),
        "'" => "\\'".to_string(),
        s => s.to_string(),
    };
    format!("'{inner}'")
}

fn fmt_int(out: &mut Vec<u8>, i: i64, verb: char, fl: &Flags, v: &Value) {
    let neg = i < 0;
    let u = i.unsigned_abs();
    let (mut digits, prefix) = match verb {
        'v' | 'd' => (u.to_string(), ""),
        'b' => (format!("{u:b}"), if fl.sharp { "0b" } else { "" }),
        'o' => (format!("{u:o}"), if fl.sharp { "0" } else { "" }),
        'O' => (format!("{u:o}"), "0o"),
        'x' => (format!("{u:x}"), if fl.sharp { "0x" } else { "" }),
        'X' => (format!("{u:X}"), if fl.sharp { "0X" } else { "" }),
        'c' => {
            let c = u32::try_from(i)
                .ok()
                .and_then(char::from_u32)
                .unwrap_or('\u{FFFD}');
            pad(out, c.to_string().as_bytes(), fl);
            return;
        }
        'q' => {
            pad(out, quote_rune(i, fl.plus).as_bytes(), fl);
            return;
        }
        'U' => {
            let mut s = format!("U+{:04X}", u);
            if fl.sharp
                && let Some(c) = u32::try_from(i).ok().and_then(char::from_u32)
            {
                s.push_str(&format!(" '{c}'"));
            }
            pad(out, s.as_bytes(), fl);
            return;
        }
        _ => {
            bad_verb(out, v, verb);
            return;
        }
    };
    if let Some(p) = fl.prec {
        if p == 0 && u == 0 {
            digits.clear();
        }
        while digits.len() < p {
            digits.insert(0, '0');
        }
    }
    let sign = if neg {
        "-"
    } else if fl.plus {
        "+"
    } else if fl.space {
        " "
    } else {
        ""
    };
    let sign = format!("{sign}{prefix}");
    pad_number(out, &sign, &digits, fl, fl.prec.is_none());
}

/// Decimal digits of a float: value = 0.d1d2...dn × 10^dp.
struct Digits {
    d: Vec<u8>,
    dp: i32,
}

/// Shortest (prec None) or rounded to `sig` significant digits.
fn digits(x: f64, sig: Option<usize>) -> Digits {
    let s = match sig {
        None => format!("{:e}", x.abs()),
        Some(p) => format!("{:.*e}", p.saturating_sub(1).min(800), x.abs()),
    };
    let (mant, exp) = s.split_once('e').unwrap_or((&s, "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    let mut d: Vec<u8> = mant.bytes().filter(u8::is_ascii_digit).collect();
    if sig.is_none() {
        while d.len() > 1 && d.last() == Some(&b'0') {
            d.pop();
        }
    }
    if d.iter().all(|&c| c == b'0') {
        return Digits {
            d: vec![b'0'],
            dp: 1,
        };
    }
    Digits { d, dp: exp + 1 }
}

fn fmt_e(dg: &Digits, prec: usize, upper: bool) -> String {
    let mut s = String::new();
    s.push(dg.d.first().map_or('0', |&c| c as char));
    if prec > 0 {
        s.push('.');
        for k in 1..=prec {
            s.push(dg.d.get(k).map_or('0', |&c| c as char));
        }
    }
    let exp = if dg.d == [b'0'] { 0 } else { dg.dp - 1 };
    s.push(if upper { 'E' } else { 'e' });
    s.push(if exp < 0 { '-' } else { '+' });
    let a = exp.unsigned_abs();
    if a < 10 {
        s.push('0');
    }
    s.push_str(&a.to_string());
    s
}

fn fmt_f(dg: &Digits, prec: usize) -> String {
    let mut s = String::new();
    if dg.dp > 0 {
        for k in 0..dg.dp as usize {
            s.push(dg.d.get(k).map_or('0', |&c| c as char));
        }
    } else {
        s.push('0');
    }
    if prec > 0 {
        s.push('.');
        for k in 0..prec as i64 {
            let idx = dg.dp as i64 + k;
            s.push(if idx < 0 {
                '0'
            } else {
                dg.d.get(idx as usize).map_or('0', |&c| c as char)
            });
        }
    }
    s
}

/// `strconv.FormatFloat(x, 'g', prec, 64)` without the sign.
fn fmt_g(x: f64, prec: Option<usize>, upper: bool) -> String {
    let shortest = prec.is_none();
    let p = prec.map(|p| p.max(1));
    let dg = digits(x, p);
    let mut prec = p.unwrap_or(dg.d.len());
    let mut eprec = prec as i32;
    if eprec > dg.d.len() as i32 && dg.d.len() as i32 >= dg.dp {
        eprec = dg.d.len() as i32;
    }
    if shortest {
        eprec = 6;
    }
    let exp = dg.dp - 1;
    if exp < -4 || exp >= eprec {
        if prec > dg.d.len() {
            prec = dg.d.len();
        }
        return fmt_e(&dg, prec.saturating_sub(1), upper);
    }
    if prec as i32 > dg.dp {
        prec = dg.d.len();
    }
    fmt_f(&dg, (prec as i32 - dg.dp).max(0) as usize)
}

fn fmt_float(out: &mut Vec<u8>, x: f64, verb: char, fl: &Flags, v: &Value) {
    if !matches!(verb, 'v' | 'e' | 'E' | 'f' | 'F' | 'g' | 'G') {
        bad_verb(out, v, verb);
        return;
    }
    let neg = x.is_sign_negative() && !x.is_nan();
    let body = if x.is_nan() {
        "NaN".to_string()
    } else if x.is_infinite() {
        "Inf".to_string()
    } else {
        match verb {
            'v' | 'g' => fmt_g(x, fl.prec, false),
            'G' => fmt_g(x, fl.prec, true),
            'e' | 'E' => fmt_e(
                &digits(x, Some(fl.prec.unwrap_or(6) + 1)),
                fl.prec.unwrap_or(6),
                verb == 'E',
            ),
            _ => format!("{:.*}", fl.prec.unwrap_or(6).min(1000), x.abs()),
        }
    };
    let sign = if neg {
        "-"
    } else if fl.plus || x.is_infinite() {
        "+"
    } else if fl.space {
        " "
    } else {
        ""
    };
    let zero_ok = x.is_finite();
    pad_number(out, sign, &body, fl, zero_ok);
}

#[cfg(test)]
#[allow(clippy::approx_constant)]
mod tests {
    use super::*;

    fn f(format: &str, args: &[Value]) -> String {
        String::from_utf8_lossy(&sprintf(format.as_bytes(), args)).into_owned()
    }

    #[test]
    fn verbs() {
        use Value::*;
        assert_eq!(
            f(
                "%d %s %v %q %5d|%-4s|%x",
                &[
                    Int(42),
                    Value::string("go"),
                    Bool(true),
                    Value::string("hi"),
                    Int(7),
                    Value::string("ab"),
                    Int(255)
                ]
            ),
            "42 go true \"hi\"     7|ab  |ff"
        );
        assert_eq!(
            f(
                "%05d %+d %x %X %o %b %c %U",
                &[
                    Int(-42),
                    Int(3),
                    Int(-255),
                    Int(255),
                    Int(8),
                    Int(5),
                    Int(0x4e16),
                    Int(0x4e16)
                ]
            ),
            "-0042 +3 -ff FF 10 101 世 U+4E16"
        );
        assert_eq!(
            f("%d %!", &[Value::string("x")]),
            "%!d(string=x) %!!(MISSING)"
        );
        assert_eq!(f("%d", &[]), "%!d(MISSING)");
        assert_eq!(
            f("hi", &[Int(1), Value::string("a")]),
            "hi%!(EXTRA int=1, string=a)"
        );
        assert_eq!(f("%t %v %%", &[Bool(false), Nil]), "false <nil> %");
        assert_eq!(
            f(
                "%.2s|%6.3d|%x",
                &[Value::string("héllo"), Int(7), Value::string("hi")]
            ),
            "hé|   007|6869"
        );
    }

    #[test]
    fn floats() {
        use Value::*;
        let v = |x: f64| String::from_utf8_lossy(&format_value(&Float(x))).into_owned();
        assert_eq!(v(3.14), "3.14");
        assert_eq!(v(100.0), "100");
        assert_eq!(v(1e6), "1e+06");
        assert_eq!(v(123456789.0), "1.23456789e+08");
        assert_eq!(v(0.0001), "0.0001");
        assert_eq!(v(0.00001), "1e-05");
        assert_eq!(v(-2.5), "-2.5");
        assert_eq!(v(f64::INFINITY), "+Inf");
        assert_eq!(v(0.0), "0");
        assert_eq!(
            f(
                "%.2f %8.3f %e %g %.3g",
                &[
                    Float(3.14159),
                    Float(2.0),
                    Float(1234.5678),
                    Float(0.5),
                    Float(1234.5678)
                ]
            ),
            "3.14    2.000 1.234568e+03 0.5 1.23e+03"
        );
    }
}

/// One `%...` directive of a Printf format that consumes an operand (`%%` does not).
#[derive(Clone, Debug, PartialEq)]
pub struct Directive {
    /// Byte range of the directive in the format, from `%` through the verb.
    pub start: usize,
    pub end: usize,
    pub verb: char,
    pub plus: bool,
    pub sharp: bool,
    pub minus: bool,
    pub width: Option<usize>,
    /// Index of the operand the verb formats (`*` widths and precisions consume earlier ones).
    pub arg: usize,
}

/// The directives of `format`, scanned exactly as [`sprintf`] scans them, so the VM can tell
/// which verb each operand gets (fmt calls `String()`/`Error()` only for some verbs, and `%T`,
/// `%+v`, `%#v` need the operand's run-time type).
pub fn directives(format: &[u8]) -> Vec<Directive> {
    let mut out = Vec::new();
    let mut argi = 0;
    let mut i = 0;
    let n = format.len();
    while i < n {
        if format[i] != b'%' {
            i += 1;
            continue;
        }
        let start = i;
        i += 1;
        let (mut plus, mut sharp, mut minus) = (false, false, false);
        while i < n && matches!(format[i], b'-' | b'+' | b'#' | b' ' | b'0') {
            match format[i] {
                b'-' => minus = true,
                b'+' => plus = true,
                b'#' => sharp = true,
                _ => {}
            }
            i += 1;
        }
        let mut width = None;
        if i < n && format[i] == b'*' {
            i += 1;
            argi += 1;
        } else {
            let (w, ni) = parse_num(format, i);
            width = w;
            i = ni;
        }
        if i < n && format[i] == b'.' {
            i += 1;
            if i < n && format[i] == b'*' {
                i += 1;
                argi += 1;
            } else {
                i = parse_num(format, i).1;
            }
        }
        if i >= n {
            break;
        }
        let (verb, w) = match decode_utf8(&format[i..]) {
            (Some(ch), w) => (ch, w),
            (None, _) => ('\u{FFFD}', 1),
        };
        i += w;
        if verb == '%' {
            continue;
        }
        out.push(Directive {
            start,
            end: i,
            verb,
            plus,
            sharp,
            minus,
            width,
            arg: argi,
        });
        argi += 1;
    }
    out
}
