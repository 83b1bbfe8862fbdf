//! YAML text → [`Value`], the JSON-like tree every Kubernetes object is made of.
//!
//! The API server speaks JSON; kubectl reads YAML and converts it (`sigs.k8s.io/yaml`, which
//! goes through YAML → JSON). This module does the same with the event stream of
//! `saphyr-parser` (a maintained, `no_std`, pure-Rust YAML 1.2 parser): scalars are resolved
//! by the YAML 1.2 core schema (`null`, `true`, `42`, `1.5`, anything else a string; quoted
//! scalars are always strings), anchors and aliases are expanded, and a stream of documents
//! separated by `---` yields one value per non-empty document.
//!
//! Invariants: a map keeps its keys in source order (so printing an object back shows the
//! learner's order) and never holds a key twice (a duplicate is an error, as in kubectl);
//! every error carries the 1-based `line:col` of the offending character.

use std::borrow::Cow;
use std::fmt;

use saphyr_parser::{Event as YamlEvent, Parser, ScalarStyle, Span, Tag};

/// A JSON value, as the API server stores it. Floats keep their source text so that the tree
/// is `Eq` and prints back unchanged.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Value {
    Null,
    Bool(bool),
    Int(i64),
    Float(String),
    Str(String),
    List(Vec<Value>),
    Map(Vec<(String, Value)>),
}

/// A YAML syntax error at `line:col` (both 1-based).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct YamlError {
    pub line: usize,
    pub col: usize,
    pub message: String,
}

impl fmt::Display for YamlError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "yaml: line {}:{}: {}", self.line, self.col, self.message)
    }
}

impl Value {
    /// The JSON type name, as the API server's validation messages spell it.
    pub fn type_name(&self) -> &'static str {
        match self {
            Value::Null => "null",
            Value::Bool(_) => "boolean",
            Value::Int(_) => "integer",
            Value::Float(_) => "number",
            Value::Str(_) => "string",
            Value::List(_) => "array",
            Value::Map(_) => "object",
        }
    }

    pub fn get(&self, key: &str) -> Option<&Value> {
        match self {
            Value::Map(entries) => entries.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    /// The value at a path of keys (`["spec", "replicas"]`).
    pub fn at(&self, path: &[&str]) -> Option<&Value> {
        path.iter().try_fold(self, |v, key| v.get(key))
    }

    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::Str(s) => Some(s),
            _ => None,
        }
    }

    pub fn as_i64(&self) -> Option<i64> {
        match self {
            Value::Int(i) => Some(*i),
            _ => None,
        }
    }

    pub fn as_bool(&self) -> Option<bool> {
        match self {
            Value::Bool(b) => Some(*b),
            _ => None,
        }
    }

    pub fn as_list(&self) -> &[Value] {
        match self {
            Value::List(items) => items,
            _ => &[],
        }
    }

    pub fn entries(&self) -> &[(String, Value)] {
        match self {
            Value::Map(entries) => entries,
            _ => &[],
        }
    }

    /// Sets `key` in a map (a non-map becomes an empty map first), keeping the key's place.
    pub fn set(&mut self, key: &str, value: Value) {
        if !matches!(self, Value::Map(_)) {
            *self = Value::Map(Vec::new());
        }
        if let Value::Map(entries) = self {
            match entries.iter_mut().find(|(k, _)| k == key) {
                Some(slot) => slot.1 = value,
                None => entries.push((key.to_string(), value)),
            }
        }
    }

    /// Removes `key` from a map.
    pub fn remove(&mut self, key: &str) -> Option<Value> {
        let Value::Map(entries) = self else {
            return None;
        };
        let i = entries.iter().position(|(k, _)| k == key)?;
        Some(entries.remove(i).1)
    }

    /// Sets the value at a path, creating maps on the way.
    pub fn set_at(&mut self, path: &[&str], value: Value) {
        match path {
            [] => *self = value,
            [key] => self.set(key, value),
            [key, rest @ ..] => {
                if self.get(key).is_none_or(|v| !matches!(v, Value::Map(_))) {
                    self.set(key, Value::Map(Vec::new()));
                }
                if let Value::Map(entries) = self
                    && let Some((_, child)) = entries.iter_mut().find(|(k, _)| k == key)
                {
                    child.set_at(rest, value);
                }
            }
        }
    }

    /// JSON merge patch (RFC 7386), what `kubectl patch --type=merge` sends: maps merge key by
    /// key, `null` deletes, anything else replaces.
    pub fn merge_patch(&mut self, patch: &Value) {
        let Value::Map(patch_entries) = patch else {
            *self = patch.clone();
            return;
        };
        if !matches!(self, Value::Map(_)) {
            *self = Value::Map(Vec::new());
        }
        for (key, value) in patch_entries {
            if *value == Value::Null {
                self.remove(key);
                continue;
            }
            let mut merged = self.get(key).cloned().unwrap_or(Value::Null);
            merged.merge_patch(value);
            self.set(key, merged);
        }
    }

    /// The value in JSON's inline form, as validation messages quote it (`"abc"`, `11`).
    pub fn inline(&self) -> String {
        let mut out = String::new();
        self.write_inline(&mut out);
        out
    }

    fn write_inline(&self, out: &mut String) {
        match self {
            Value::Null => out.push_str("null"),
            Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
            Value::Int(i) => out.push_str(&i.to_string()),
            Value::Float(s) => out.push_str(s),
            Value::Str(s) => out.push_str(&quote(s)),
            Value::List(items) => {
                out.push('[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    item.write_inline(out);
                }
                out.push(']');
            }
            Value::Map(entries) => {
                out.push('{');
                for (i, (k, v)) in entries.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    out.push_str(&quote(k));
                    out.push(':');
                    v.write_inline(out);
                }
                out.push('}');
            }
        }
    }

    /// Block-style YAML, as `kubectl get -o yaml` prints it (two-space indent, `- ` items).
    pub fn to_yaml(&self) -> String {
        let mut out = String::new();
        match self {
            Value::Map(entries) if !entries.is_empty() => write_map(entries, 0, &mut out),
            Value::List(items) if !items.is_empty() => write_list(items, 0, &mut out),
            other => {
                out.push_str(&scalar_yaml(other));
                out.push('\n');
            }
        }
        out
    }
}

/// A JSON string literal.
pub fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn scalar_yaml(v: &Value) -> String {
    match v {
        Value::Map(_) => "{}".into(),
        Value::List(_) => "[]".into(),
        Value::Str(s) => {
            // Quote what would otherwise read back as another type or break the syntax.
            let plain = !s.is_empty()
                && resolve_plain(s) == Value::Str(s.clone())
                && !s.starts_with([' ', '-', '?', ':', '[', ']', '{', '}', '#', '&', '*', '!'])
                && !s.starts_with(['|', '>', '\'', '"', '%', '@', '`'])
                && !s.contains(": ")
                && !s.contains(" #")
                && !s.ends_with([' ', ':'])
                && !s.contains('\n');
            if plain { s.clone() } else { quote(s) }
        }
        other => other.inline(),
    }
}

fn write_map(entries: &[(String, Value)], indent: usize, out: &mut String) {
    for (k, v) in entries {
        out.push_str(&" ".repeat(indent));
        out.push_str(&scalar_yaml(&Value::Str(k.clone())));
        out.push(':');
        write_child(v, indent, out);
    }
}

fn write_list(items: &[Value], indent: usize, out: &mut String) {
    for item in items {
        out.push_str(&" ".repeat(indent));
        out.push('-');
        match item {
            Value::Map(entries) if !entries.is_empty() => {
                // The first key sits on the dash's line, the rest align under it.
                let mut nested = String::new();
                write_map(entries, indent + 2, &mut nested);
                out.push(' ');
                out.push_str(nested.trim_start());
            }
            other => write_child(other, indent, out),
        }
    }
}

fn write_child(v: &Value, indent: usize, out: &mut String) {
    match v {
        Value::Map(entries) if !entries.is_empty() => {
            out.push('\n');
            write_map(entries, indent + 2, out);
        }
        Value::List(items) if !items.is_empty() => {
            out.push('\n');
            write_list(items, indent, out);
        }
        other => {
            out.push(' ');
            out.push_str(&scalar_yaml(other));
            out.push('\n');
        }
    }
}

/// Resolves a plain (unquoted) scalar by the YAML 1.2 core schema.
fn resolve_plain(s: &str) -> Value {
    match s {
        "" | "~" | "null" | "Null" | "NULL" => return Value::Null,
        "true" | "True" | "TRUE" => return Value::Bool(true),
        "false" | "False" | "FALSE" => return Value::Bool(false),
        ".inf" | "+.inf" | "-.inf" | ".nan" | ".NaN" | ".Inf" | "-.Inf" => {
            return Value::Float(s.to_string());
        }
        _ => {}
    }
    let digits = s.strip_prefix(['-', '+']).unwrap_or(s);
    if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
        return match s.parse::<i64>() {
            Ok(i) => Value::Int(i),
            Err(_) => Value::Float(s.to_string()),
        };
    }
    for (prefix, radix) in [("0x", 16), ("0o", 8)] {
        if let Some(rest) = s.strip_prefix(prefix)
            && let Ok(i) = i64::from_str_radix(rest, radix)
        {
            return Value::Int(i);
        }
    }
    if is_float(digits) {
        return Value::Float(s.to_string());
    }
    Value::Str(s.to_string())
}

/// `(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?`, written out by hand (no regex crate).
fn is_float(s: &str) -> bool {
    let (mantissa, exponent) = match s.find(['e', 'E']) {
        Some(i) => (&s[..i], Some(&s[i + 1..])),
        None => (s, None),
    };
    let (int, frac) = match mantissa.split_once('.') {
        Some((a, b)) => (a, Some(b)),
        None => (mantissa, None),
    };
    let all_digits = |t: &str| t.bytes().all(|b| b.is_ascii_digit());
    let mantissa_ok = match frac {
        Some(frac) => all_digits(int) && all_digits(frac) && !(int.is_empty() && frac.is_empty()),
        None => !int.is_empty() && all_digits(int),
    };
    let exponent_ok = exponent.is_none_or(|e| {
        let e = e.strip_prefix(['-', '+']).unwrap_or(e);
        !e.is_empty() && all_digits(e)
    });
    mantissa_ok && exponent_ok && (frac.is_some() || exponent.is_some())
}

/// A container being built.
enum Frame {
    List {
        items: Vec<Value>,
        anchor: usize,
    },
    Map {
        entries: Vec<(String, Value)>,
        key: Option<(String, Span)>,
        anchor: usize,
    },
}

fn error_at(span: Span, message: impl Into<String>) -> YamlError {
    YamlError {
        line: span.start.line(),
        col: span.start.col() + 1,
        message: message.into(),
    }
}

/// Parses a stream of YAML documents; empty documents (only comments) are skipped.
pub fn parse_documents(text: &str) -> Result<Vec<Value>, YamlError> {
    let mut docs = Vec::new();
    let mut stack: Vec<Frame> = Vec::new();
    let mut anchors: Vec<(usize, Value)> = Vec::new();
    let mut root: Option<Value> = None;
    for item in Parser::new_from_str(text) {
        let (event, span) = item.map_err(|e| YamlError {
            line: e.marker().line(),
            col: e.marker().col() + 1,
            message: e.info().to_string(),
        })?;
        let (value, anchor) = match event {
            YamlEvent::DocumentStart(_) => {
                root = None;
                continue;
            }
            YamlEvent::DocumentEnd => {
                if let Some(doc) = root.take()
                    && doc != Value::Null
                {
                    docs.push(doc);
                }
                continue;
            }
            YamlEvent::SequenceStart(anchor, _) => {
                stack.push(Frame::List {
                    items: Vec::new(),
                    anchor,
                });
                continue;
            }
            YamlEvent::MappingStart(anchor, _) => {
                stack.push(Frame::Map {
                    entries: Vec::new(),
                    key: None,
                    anchor,
                });
                continue;
            }
            YamlEvent::SequenceEnd | YamlEvent::MappingEnd => match stack.pop() {
                Some(Frame::List { items, anchor }) => (Value::List(items), anchor),
                Some(Frame::Map {
                    entries, anchor, ..
                }) => (Value::Map(entries), anchor),
                None => continue,
            },
            YamlEvent::Scalar(text, style, anchor, tag) => (scalar(text, style, tag), anchor),
            YamlEvent::Alias(id) => match anchors.iter().rev().find(|(a, _)| *a == id) {
                Some((_, v)) => (v.clone(), 0),
                None => return Err(error_at(span, "unknown anchor")),
            },
            _ => continue,
        };
        if anchor != 0 {
            anchors.push((anchor, value.clone()));
        }
        match stack.last_mut() {
            None => root = Some(value),
            Some(Frame::List { items, .. }) => items.push(value),
            Some(Frame::Map { entries, key, .. }) => match key.take() {
                None => {
                    let name = match value {
                        Value::Str(s) => s,
                        Value::Int(_) | Value::Bool(_) | Value::Float(_) | Value::Null => {
                            value.inline()
                        }
                        _ => return Err(error_at(span, "a mapping key must be a scalar")),
                    };
                    if entries.iter().any(|(k, _)| *k == name) {
                        return Err(error_at(
                            span,
                            format!("mapping key {} already defined", quote(&name)),
                        ));
                    }
                    *key = Some((name, span));
                }
                Some((name, _)) => entries.push((name, value)),
            },
        }
    }
    Ok(docs)
}

fn scalar(text: Cow<'_, str>, style: ScalarStyle, tag: Option<Cow<'_, Tag>>) -> Value {
    let forced_string = tag.is_some_and(|t| t.suffix == "str");
    if style == ScalarStyle::Plain && !forced_string {
        resolve_plain(&text)
    } else {
        Value::Str(text.into_owned())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(text: &str) -> Value {
        let docs = parse_documents(text).unwrap();
        assert_eq!(docs.len(), 1, "{docs:?}");
        docs.into_iter().next().unwrap()
    }

    #[test]
    fn scalars_resolve_by_the_core_schema() {
        let v = one(
            "a: 1\nb: '1'\nc: true\nd: ~\ne: 1.5\nf: hello world\ng: [x, 2]\nh: 1e3\ni: 0x10\n",
        );
        assert_eq!(v.get("a"), Some(&Value::Int(1)));
        assert_eq!(v.get("b"), Some(&Value::Str("1".into())));
        assert_eq!(v.get("c"), Some(&Value::Bool(true)));
        assert_eq!(v.get("d"), Some(&Value::Null));
        assert_eq!(v.get("e"), Some(&Value::Float("1.5".into())));
        assert_eq!(v.get("f"), Some(&Value::Str("hello world".into())));
        assert_eq!(v.get("g").map(Value::inline).as_deref(), Some("[\"x\",2]"));
        assert_eq!(v.get("h"), Some(&Value::Float("1e3".into())));
        assert_eq!(v.get("i"), Some(&Value::Int(16)));
    }

    #[test]
    fn documents_anchors_and_flow_style() {
        let docs = parse_documents("# only a comment\n---\na: &x {k: v}\nb: *x\n---\n---\nc: 3\n")
            .unwrap();
        assert_eq!(docs.len(), 2);
        assert_eq!(docs[0].get("b"), docs[0].get("a"));
        assert_eq!(docs[1].at(&["c"]), Some(&Value::Int(3)));
    }

    #[test]
    fn errors_carry_line_and_column() {
        let e = parse_documents("a: 1\nb: [1, 2\n").unwrap_err();
        assert_eq!((e.line, e.col), (3, 1), "{e}");
        let e = parse_documents("a: 1\na: 2\n").unwrap_err();
        assert_eq!(
            e.to_string(),
            "yaml: line 2:1: mapping key \"a\" already defined"
        );
        let e = parse_documents("a: b: c\n").unwrap_err();
        assert_eq!((e.line, e.col), (1, 5), "{e}");
    }

    #[test]
    fn yaml_prints_back_and_reads_the_same() {
        let src = "metadata:\n  name: my-db\n  labels:\n    app: db\nspec:\n  replicas: 3\n  ports:\n  - port: 5432\n    name: pg\n  - 7\n  empty: {}\n  text: '42'\n  colon: 'a: b'\n";
        let v = one(src);
        let printed = v.to_yaml();
        assert_eq!(one(&printed), v, "{printed}");
        assert!(
            printed.contains("  - port: 5432\n    name: pg\n"),
            "{printed}"
        );
        assert!(printed.contains("text: \"42\""), "{printed}");
    }

    #[test]
    fn merge_patch_follows_rfc_7386() {
        let mut v = one("spec: {replicas: 3, version: '16'}\nkeep: 1\n");
        v.merge_patch(&one("spec: {replicas: 5, version: null}\nnew: x\n"));
        assert_eq!(v.inline(), r#"{"spec":{"replicas":5},"keep":1,"new":"x"}"#);
    }
}
