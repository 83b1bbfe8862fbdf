//! JSON text: a parser that says where it failed (`1:14: expected ',' or '}'`) and printers.
//!
//! Written here rather than taken from serde_json so that (a) objects keep their members in
//! order in a plain `Vec` — no hash map ever decides what a response looks like — and (b) the
//! lab's wasm module carries no serde machinery. Numbers keep their lexeme, so `int64` values
//! round-trip exactly and the proto3 mapping (`json_map.rs`) decides what a number may be.
//!
//! Invariants: `parse` never panics, nests at most [`MAX_DEPTH`] deep, and reports 1-based
//! line:col in characters; `to_compact(parse(s))` is RFC 8259 JSON.

use std::fmt::Write as _;

/// Deeper nesting is refused (a request body must not exhaust the stack).
pub const MAX_DEPTH: usize = 64;

/// A JSON value. Objects are ordered lists of members.
#[derive(Clone, Debug, PartialEq)]
pub enum Json {
    Null,
    Bool(bool),
    /// The number's text as written (validated against the JSON grammar).
    Number(String),
    String(String),
    Array(Vec<Json>),
    Object(Vec<(String, Json)>),
}

/// Where and why parsing failed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct JsonError {
    pub line: usize,
    pub col: usize,
    pub message: String,
}

impl std::fmt::Display for JsonError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}: {}", self.line, self.col, self.message)
    }
}

impl Json {
    pub fn str(s: impl Into<String>) -> Json {
        Json::String(s.into())
    }

    pub fn num(n: impl std::fmt::Display) -> Json {
        Json::Number(n.to_string())
    }

    /// A member of an object.
    pub fn get(&self, key: &str) -> Option<&Json> {
        match self {
            Json::Object(m) => m.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    /// What kind of value this is, for messages (`expected a string, got an object`).
    pub fn kind(&self) -> &'static str {
        match self {
            Json::Null => "null",
            Json::Bool(_) => "a boolean",
            Json::Number(_) => "a number",
            Json::String(_) => "a string",
            Json::Array(_) => "an array",
            Json::Object(_) => "an object",
        }
    }

    /// One line, no spaces.
    pub fn to_compact(&self) -> String {
        let mut out = String::new();
        write_value(&mut out, self, None, 0);
        out
    }

    /// Indented by two spaces, as `json.MarshalIndent(v, "", "  ")` prints.
    pub fn to_pretty(&self) -> String {
        let mut out = String::new();
        write_value(&mut out, self, Some(2), 0);
        out
    }
}

fn write_value(out: &mut String, v: &Json, indent: Option<usize>, depth: usize) {
    let newline = |out: &mut String, d: usize| {
        if let Some(n) = indent {
            out.push('\n');
            out.extend(std::iter::repeat_n(' ', n * d));
        }
    };
    match v {
        Json::Null => out.push_str("null"),
        Json::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Json::Number(n) => out.push_str(n),
        Json::String(s) => write_string(out, s),
        Json::Array(items) if items.is_empty() => out.push_str("[]"),
        Json::Object(items) if items.is_empty() => out.push_str("{}"),
        Json::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                newline(out, depth + 1);
                write_value(out, item, indent, depth + 1);
            }
            newline(out, depth);
            out.push(']');
        }
        Json::Object(members) => {
            out.push('{');
            for (i, (k, item)) in members.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                newline(out, depth + 1);
                write_string(out, k);
                out.push(':');
                if indent.is_some() {
                    out.push(' ');
                }
                write_value(out, item, indent, depth + 1);
            }
            newline(out, depth);
            out.push('}');
        }
    }
}

/// A JSON string literal with the escapes Go's encoding/json uses (minus HTML escaping).
pub fn write_string(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// Parses one JSON value (surrounding whitespace allowed).
pub fn parse(text: &str) -> Result<Json, JsonError> {
    let mut p = Parser {
        chars: text.chars().collect(),
        at: 0,
    };
    p.ws();
    if p.peek().is_none() {
        return Err(p.error("empty JSON: expected a value"));
    }
    let v = p.value(0)?;
    p.ws();
    if p.peek().is_some() {
        return Err(p.error("unexpected text after the JSON value"));
    }
    Ok(v)
}

struct Parser {
    chars: Vec<char>,
    at: usize,
}

impl Parser {
    fn peek(&self) -> Option<char> {
        self.chars.get(self.at).copied()
    }

    fn error(&self, message: &str) -> JsonError {
        let mut line = 1;
        let mut col = 1;
        for &c in &self.chars[..self.at.min(self.chars.len())] {
            if c == '\n' {
                line += 1;
                col = 1;
            } else {
                col += 1;
            }
        }
        JsonError {
            line,
            col,
            message: message.to_string(),
        }
    }

    fn ws(&mut self) {
        while matches!(self.peek(), Some(' ' | '\t' | '\n' | '\r')) {
            self.at += 1;
        }
    }

    fn expect_word(&mut self, word: &str, v: Json) -> Result<Json, JsonError> {
        for w in word.chars() {
            if self.peek() != Some(w) {
                return Err(self.error(&format!("invalid literal: expected {word}")));
            }
            self.at += 1;
        }
        Ok(v)
    }

    fn value(&mut self, depth: usize) -> Result<Json, JsonError> {
        if depth > MAX_DEPTH {
            return Err(self.error("JSON nested too deeply"));
        }
        match self.peek() {
            None => Err(self.error("unexpected end of JSON: expected a value")),
            Some('n') => self.expect_word("null", Json::Null),
            Some('t') => self.expect_word("true", Json::Bool(true)),
            Some('f') => self.expect_word("false", Json::Bool(false)),
            Some('"') => Ok(Json::String(self.string()?)),
            Some('-' | '0'..='9') => self.number(),
            Some('[') => {
                self.at += 1;
                let mut items = Vec::new();
                self.ws();
                if self.peek() == Some(']') {
                    self.at += 1;
                    return Ok(Json::Array(items));
                }
                loop {
                    self.ws();
                    items.push(self.value(depth + 1)?);
                    self.ws();
                    match self.peek() {
                        Some(',') => self.at += 1,
                        Some(']') => {
                            self.at += 1;
                            return Ok(Json::Array(items));
                        }
                        _ => return Err(self.error("expected ',' or ']'")),
                    }
                }
            }
            Some('{') => {
                self.at += 1;
                let mut members: Vec<(String, Json)> = Vec::new();
                self.ws();
                if self.peek() == Some('}') {
                    self.at += 1;
                    return Ok(Json::Object(members));
                }
                loop {
                    self.ws();
                    if self.peek() != Some('"') {
                        return Err(self.error("expected a string key"));
                    }
                    let key_at = self.at;
                    let key = self.string()?;
                    if members.iter().any(|(k, _)| *k == key) {
                        self.at = key_at;
                        return Err(self.error(&format!("duplicate key \"{key}\"")));
                    }
                    self.ws();
                    if self.peek() != Some(':') {
                        return Err(self.error("expected ':' after a key"));
                    }
                    self.at += 1;
                    self.ws();
                    let v = self.value(depth + 1)?;
                    members.push((key, v));
                    self.ws();
                    match self.peek() {
                        Some(',') => self.at += 1,
                        Some('}') => {
                            self.at += 1;
                            return Ok(Json::Object(members));
                        }
                        _ => return Err(self.error("expected ',' or '}'")),
                    }
                }
            }
            Some(c) => Err(self.error(&format!("unexpected character '{c}'"))),
        }
    }

    fn number(&mut self) -> Result<Json, JsonError> {
        let start = self.at;
        let digits = |p: &mut Parser| {
            let s = p.at;
            while matches!(p.peek(), Some('0'..='9')) {
                p.at += 1;
            }
            p.at > s
        };
        if self.peek() == Some('-') {
            self.at += 1;
        }
        if self.peek() == Some('0') {
            self.at += 1;
        } else if !digits(self) {
            return Err(self.error("invalid number"));
        }
        if self.peek() == Some('.') {
            self.at += 1;
            if !digits(self) {
                return Err(self.error("invalid number: digits expected after '.'"));
            }
        }
        if matches!(self.peek(), Some('e' | 'E')) {
            self.at += 1;
            if matches!(self.peek(), Some('+' | '-')) {
                self.at += 1;
            }
            if !digits(self) {
                return Err(self.error("invalid number: digits expected in the exponent"));
            }
        }
        Ok(Json::Number(self.chars[start..self.at].iter().collect()))
    }

    fn string(&mut self) -> Result<String, JsonError> {
        self.at += 1;
        let mut s = String::new();
        loop {
            match self.peek() {
                None => return Err(self.error("unterminated string")),
                Some('"') => {
                    self.at += 1;
                    return Ok(s);
                }
                Some('\\') => {
                    self.at += 1;
                    let c = match self.peek() {
                        Some('"') => '"',
                        Some('\\') => '\\',
                        Some('/') => '/',
                        Some('b') => '\u{8}',
                        Some('f') => '\u{c}',
                        Some('n') => '\n',
                        Some('r') => '\r',
                        Some('t') => '\t',
                        Some('u') => {
                            let hi = self.hex4()?;
                            let code = if (0xD800..0xDC00).contains(&hi) {
                                if self.chars.get(self.at + 1) != Some(&'\\')
                                    || self.chars.get(self.at + 2) != Some(&'u')
                                {
                                    return Err(self.error("unpaired surrogate in \\u escape"));
                                }
                                self.at += 2;
                                let lo = self.hex4()?;
                                0x10000 + ((hi - 0xD800) << 10) + (lo.wrapping_sub(0xDC00) & 0x3FF)
                            } else {
                                hi
                            };
                            char::from_u32(code).ok_or_else(|| self.error("invalid \\u escape"))?
                        }
                        _ => return Err(self.error("invalid escape in string")),
                    };
                    s.push(c);
                    self.at += 1;
                }
                Some(c) if (c as u32) < 0x20 => {
                    return Err(self.error("control character in string"));
                }
                Some(c) => {
                    s.push(c);
                    self.at += 1;
                }
            }
        }
    }

    /// Reads the 4 hex digits after `\u`, leaving `at` on the last one.
    fn hex4(&mut self) -> Result<u32, JsonError> {
        let text: String = self.chars.iter().skip(self.at + 1).take(4).collect();
        if text.len() != 4 {
            return Err(self.error("invalid \\u escape"));
        }
        let v = u32::from_str_radix(&text, 16).map_err(|_| self.error("invalid \\u escape"))?;
        self.at += 4;
        Ok(v)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_in_order() {
        let text = r#"{"b": [1, -2.5e3, true, null], "a": {"x": "q\"\n\u00e9"}}"#;
        let v = parse(text).unwrap();
        assert_eq!(
            v.to_compact(),
            r#"{"b":[1,-2.5e3,true,null],"a":{"x":"q\"\né"}}"#
        );
        assert_eq!(
            v.to_pretty(),
            "{\n  \"b\": [\n    1,\n    -2.5e3,\n    true,\n    null\n  ],\n  \"a\": {\n    \"x\": \"q\\\"\\né\"\n  }\n}"
        );
    }

    #[test]
    fn errors_have_line_and_column() {
        let e = |t: &str| parse(t).unwrap_err().to_string();
        assert_eq!(
            e(r#"{"name": "Ada" "age": 3}"#),
            "1:16: expected ',' or '}'"
        );
        assert_eq!(
            e("{\n  \"a\": tru\n}"),
            "2:11: invalid literal: expected true"
        );
        assert_eq!(e(""), "1:1: empty JSON: expected a value");
        assert_eq!(e("{\"a\":1,\"a\":2}"), "1:8: duplicate key \"a\"");
        assert_eq!(e("[1,]"), "1:4: unexpected character ']'");
        assert_eq!(e("01"), "1:2: unexpected text after the JSON value");
        assert_eq!(e("\"abc"), "1:5: unterminated string");
        let deep = "[".repeat(100);
        assert_eq!(e(&deep), "1:66: JSON nested too deeply");
    }
}
