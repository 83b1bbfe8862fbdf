//! HTTP path templates of `google.api.HttpRule` (`/v1/{name=users/*}/files/{path=**}:get`).
//!
//! The grammar is the one documented in `google/api/http.proto` (and in `proto/` here):
//!
//! ```text
//! Template = "/" Segments [ Verb ] ;   Segments = Segment { "/" Segment } ;
//! Segment  = "*" | "**" | LITERAL | Variable ;
//! Variable = "{" FieldPath [ "=" Segments ] "}" ;   Verb = ":" LITERAL ;
//! ```
//!
//! `{id}` is short for `{id=*}`: one segment, percent-decoded completely. A variable over
//! several segments (`{path=**}`, `{name=users/*}`) keeps `%2F` encoded — grpc-gateway's
//! "reserved expansion" — so the bound value still splits the way the client meant. `**`
//! matches zero or more segments and may only be last (before the verb).
//!
//! Invariants: parsing never panics and reports the byte column of the problem; matching is a
//! pure function of the template and the path.

use std::fmt;

/// One segment of a template.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Segment {
    Literal(String),
    /// `*`: exactly one segment.
    Any,
    /// `**`: zero or more segments; last only.
    Rest,
    /// `{field.path=segments}`; the inner segments are literals, `*` and `**` only.
    Variable {
        field: Vec<String>,
        segments: Vec<Segment>,
    },
}

/// A parsed template.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PathTemplate {
    pub text: String,
    pub segments: Vec<Segment>,
    pub verb: Option<String>,
}

/// A template that does not parse: the message and the 0-based byte offset in the template.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TemplateError {
    pub offset: usize,
    pub message: String,
}

/// What a path bound: `(field path, value)` per variable, in template order.
pub type Bindings = Vec<(String, String)>;

impl PathTemplate {
    /// Parses a template.
    pub fn parse(text: &str) -> Result<PathTemplate, TemplateError> {
        let err = |offset: usize, message: &str| TemplateError {
            offset,
            message: message.to_string(),
        };
        if !text.starts_with('/') {
            return Err(err(0, "a path template must start with '/'"));
        }
        // The verb is a ':' after the last '/' that is not inside a variable.
        let mut depth = 0i32;
        let mut verb_at = None;
        for (i, c) in text.char_indices() {
            match c {
                '{' => depth += 1,
                '}' => depth -= 1,
                '/' if depth == 0 => verb_at = None,
                ':' if depth == 0 && verb_at.is_none() => verb_at = Some(i),
                _ => {}
            }
        }
        let (body, verb) = match verb_at {
            Some(i) => {
                let verb = &text[i + 1..];
                if verb.is_empty() || !verb.chars().all(is_literal_char) {
                    return Err(err(i + 1, "the verb after ':' must be a literal"));
                }
                (&text[1..i], Some(verb.to_string()))
            }
            None => (&text[1..], None),
        };
        let mut segments = Vec::new();
        let pos = 1;
        let bytes = body.as_bytes();
        let mut i = 0;
        loop {
            if bytes.get(i) == Some(&b'{') {
                let Some(close) = body[i..].find('}').map(|c| c + i) else {
                    return Err(err(pos + i, "unclosed '{' in path template"));
                };
                let inner = &body[i + 1..close];
                let (field, pattern) = match inner.split_once('=') {
                    Some((f, p)) => (f, Some(p)),
                    None => (inner, None),
                };
                let path: Vec<String> = field.split('.').map(str::to_string).collect();
                if path.iter().any(|p| !is_ident(p)) {
                    return Err(err(
                        pos + i + 1,
                        "a variable must name a field: {field} or {a.b}",
                    ));
                }
                let inner_segments = match pattern {
                    None => vec![Segment::Any],
                    Some(p) => {
                        let mut v = Vec::new();
                        for part in p.split('/') {
                            v.push(match part {
                                "*" => Segment::Any,
                                "**" => Segment::Rest,
                                lit if !lit.is_empty() && lit.chars().all(is_literal_char) => {
                                    Segment::Literal(lit.to_string())
                                }
                                _ => {
                                    return Err(err(
                                        pos + i + 1 + field.len() + 1,
                                        "a variable's pattern may hold literals, '*' and '**' only",
                                    ));
                                }
                            });
                        }
                        v
                    }
                };
                segments.push(Segment::Variable {
                    field: path,
                    segments: inner_segments,
                });
                i = close + 1;
            } else {
                let end = body[i..].find('/').map_or(body.len(), |e| e + i);
                let part = &body[i..end];
                segments.push(match part {
                    "*" => Segment::Any,
                    "**" => Segment::Rest,
                    "" => return Err(err(pos + i, "empty segment in path template")),
                    lit if lit.chars().all(is_literal_char) => Segment::Literal(lit.to_string()),
                    _ => return Err(err(pos + i, "unexpected character in path template")),
                });
                i = end;
            }
            match bytes.get(i) {
                None => break,
                Some(b'/') => i += 1,
                Some(_) => return Err(err(pos + i, "expected '/' after a variable")),
            }
        }
        // `**` only last: flatten to see the order.
        let flat: Vec<&Segment> = segments
            .iter()
            .flat_map(|s| match s {
                Segment::Variable { segments, .. } => segments.iter().collect::<Vec<_>>(),
                other => vec![other],
            })
            .collect();
        if let Some(k) = flat.iter().position(|s| **s == Segment::Rest)
            && k + 1 != flat.len()
        {
            return Err(err(1, "'**' must be the last segment of a path template"));
        }
        let mut seen: Vec<&Vec<String>> = Vec::new();
        for s in &segments {
            if let Segment::Variable { field, .. } = s {
                if seen.contains(&field) {
                    return Err(err(1, "a field is bound twice in one path template"));
                }
                seen.push(field);
            }
        }
        Ok(PathTemplate {
            text: text.to_string(),
            segments,
            verb,
        })
    }

    /// The variables' field paths, dotted (`user.id`).
    pub fn variables(&self) -> Vec<String> {
        self.segments
            .iter()
            .filter_map(|s| match s {
                Segment::Variable { field, .. } => Some(field.join(".")),
                _ => None,
            })
            .collect()
    }

    /// How many literal segments: the more, the more specific the route.
    pub fn literals(&self) -> usize {
        self.segments
            .iter()
            .map(|s| match s {
                Segment::Literal(_) => 2,
                Segment::Variable { segments, .. } => segments
                    .iter()
                    .filter(|s| matches!(s, Segment::Literal(_)))
                    .count(),
                _ => 0,
            })
            .sum::<usize>()
            + usize::from(self.verb.is_some())
    }

    /// Matches a request path (no query string). `None` if it does not match.
    pub fn matches(&self, path: &str) -> Option<Bindings> {
        let rest = path.strip_prefix('/')?;
        let rest = match &self.verb {
            Some(verb) => {
                let (head, v) = rest.rsplit_once(':')?;
                if v != verb || v.contains('/') {
                    return None;
                }
                head
            }
            None => rest,
        };
        let parts: Vec<&str> = if rest.is_empty() {
            Vec::new()
        } else {
            rest.split('/').collect()
        };
        let mut bindings = Vec::new();
        let mut at = 0;
        for seg in &self.segments {
            match seg {
                Segment::Variable { field, segments } => {
                    let from = at;
                    at = match_segments(segments, &parts, at)?;
                    let multi = segments.len() > 1 || segments.contains(&Segment::Rest);
                    let raw = parts[from..at].join("/");
                    let value = percent_decode(&raw, multi)?;
                    bindings.push((field.join("."), value));
                }
                other => at = match_segments(std::slice::from_ref(other), &parts, at)?,
            }
        }
        (at == parts.len()).then_some(bindings)
    }
}

fn match_segments(segments: &[Segment], parts: &[&str], mut at: usize) -> Option<usize> {
    for seg in segments {
        match seg {
            Segment::Literal(lit) => {
                if parts.get(at)? != lit {
                    return None;
                }
                at += 1;
            }
            Segment::Any => {
                if parts.get(at)?.is_empty() {
                    return None;
                }
                at += 1;
            }
            Segment::Rest => at = parts.len(),
            Segment::Variable { .. } => return None,
        }
    }
    Some(at)
}

/// Percent-decoding of a bound value; `keep_slash` keeps `%2F` as is (reserved expansion).
/// `None` for a malformed escape or a value that is not UTF-8.
pub fn percent_decode(raw: &str, keep_slash: bool) -> Option<String> {
    let b = raw.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' {
            let hex = raw.get(i + 1..i + 3)?;
            let v = u8::from_str_radix(hex, 16).ok()?;
            if keep_slash && v == b'/' {
                out.extend_from_slice(&b[i..i + 3]);
            } else {
                out.push(v);
            }
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

fn is_ident(s: &str) -> bool {
    let mut c = s.chars();
    c.next()
        .is_some_and(|f| f.is_ascii_alphabetic() || f == '_')
        && c.all(|x| x.is_ascii_alphanumeric() || x == '_')
}

fn is_literal_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || "-_.~!$&'()+,;=@%".contains(c)
}

impl fmt::Display for PathTemplate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(t: &str, p: &str) -> String {
        match PathTemplate::parse(t).unwrap().matches(p) {
            None => "no match".into(),
            Some(b) => b
                .iter()
                .map(|(k, v)| format!("{k}={v}"))
                .collect::<Vec<_>>()
                .join(" "),
        }
    }

    #[test]
    fn templates_match_and_bind() {
        assert_eq!(m("/v1/users/{id}", "/v1/users/42"), "id=42");
        assert_eq!(m("/v1/users/{id}", "/v1/users/a%20b"), "id=a b");
        assert_eq!(m("/v1/users/{id}", "/v1/users/"), "no match");
        assert_eq!(m("/v1/users/{id}", "/v1/users/1/x"), "no match");
        assert_eq!(m("/v1/users:search", "/v1/users:search"), "");
        assert_eq!(m("/v1/users:search", "/v1/users"), "no match");
        assert_eq!(
            m(
                "/v1/{name=users/*}/files/{path=**}",
                "/v1/users/7/files/a/b%2Fc.txt"
            ),
            "name=users/7 path=a/b%2Fc.txt"
        );
        assert_eq!(m("/v1/files/{path=**}", "/v1/files"), "path=");
        assert_eq!(m("/v1/{user.id}:activate", "/v1/9:activate"), "user.id=9");
        assert_eq!(m("/v1/*/x", "/v1/anything/x"), "");
    }

    #[test]
    fn bad_templates_say_where() {
        let e = |t: &str| PathTemplate::parse(t).unwrap_err();
        assert_eq!(e("v1/users").offset, 0);
        assert_eq!(e("/v1/{id").message, "unclosed '{' in path template");
        assert_eq!(
            e("/v1/**/x").message,
            "'**' must be the last segment of a path template"
        );
        assert_eq!(e("/v1//x").offset, 4);
        assert_eq!(
            e("/v1/{1x}").message,
            "a variable must name a field: {field} or {a.b}"
        );
        assert_eq!(e("/v1/x:").message, "the verb after ':' must be a literal");
    }
}
