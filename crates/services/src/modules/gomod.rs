//! go.mod files: the parser and the writer, after `golang.org/x/mod/modfile`.
//!
//! A go.mod is a list of directives, one per line, each a verb followed by arguments, or a
//! verb followed by a parenthesised block of argument lines (`require ( ... )`). `//` starts a
//! comment; a requirement whose line comment begins with `indirect` is an indirect one. The
//! verbs modelled: `module`, `go`, `toolchain`, `require`, `exclude`, `replace`
//! (`old [v] => new v` or `old [v] => ./local/dir`) and `retract` (a version or `[lo, hi]`).
//!
//! Errors carry `line:col` (1-based, bytes) and the go command's wording (`unknown directive:
//! requre`, `usage: require module/path v1.2.3`, `version "1.0" invalid: must be of the form
//! v1.2.3`). Parsing never panics and reports every error it finds, in order.
//!
//! The writer ([`GoMod::format`]) prints what `go get` leaves in a go 1.16 module: the module
//! and go lines, the requirements as one line or one sorted block, then exclude and replace
//! directives in the same shapes; comments other than `// indirect` are not kept.

use super::semver;
use std::fmt;

/// A module path at a version (`module.Version`); `version` is `"none"` for "not in the build".
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ModuleVersion {
    pub path: String,
    pub version: String,
}

impl ModuleVersion {
    pub fn new(path: &str, version: &str) -> Self {
        ModuleVersion {
            path: path.to_string(),
            version: version.to_string(),
        }
    }
}

impl fmt::Display for ModuleVersion {
    /// `path@version`, as `go mod graph` prints it (the main module has no version).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.version.is_empty() {
            f.write_str(&self.path)
        } else {
            write!(f, "{}@{}", self.path, self.version)
        }
    }
}

/// One `require` line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Require {
    pub module: ModuleVersion,
    pub indirect: bool,
    pub line: usize,
}

/// Where a replacement points: another module version, or a directory on disk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReplaceTarget {
    Module(ModuleVersion),
    Dir(String),
}

impl fmt::Display for ReplaceTarget {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReplaceTarget::Module(m) => write!(f, "{} {}", m.path, m.version),
            ReplaceTarget::Dir(d) => f.write_str(d),
        }
    }
}

/// One `replace` line; `old.version` empty replaces every version.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Replace {
    pub old: ModuleVersion,
    pub new: ReplaceTarget,
}

/// A `retract` line: the range `[lo, hi]` (one version is `lo == hi`) and the rationale
/// (the line's comment), which `go get` prints when a retracted version is selected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Retract {
    pub lo: String,
    pub hi: String,
    pub rationale: String,
}

/// A parsed go.mod.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct GoMod {
    pub module: String,
    pub go: Option<String>,
    pub toolchain: Option<String>,
    pub require: Vec<Require>,
    pub exclude: Vec<ModuleVersion>,
    pub replace: Vec<Replace>,
    /// Retracted versions.
    pub retract: Vec<Retract>,
}

/// A go.mod error at `line:col`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ModError {
    pub line: usize,
    pub col: usize,
    pub message: String,
}

impl fmt::Display for ModError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "go.mod:{}:{}: {}", self.line, self.col, self.message)
    }
}

/// A token with its 1-based column.
#[derive(Debug, Clone, Copy)]
struct Tok<'a> {
    text: &'a str,
    col: usize,
}

/// Splits a line into tokens and its line comment. Quoted strings are one token (unquoted).
fn tokenize(line: &str) -> (Vec<Tok<'_>>, &str) {
    let mut toks = Vec::new();
    let bytes = line.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b == b' ' || b == b'\t' || b == b'\r' {
            i += 1;
        } else if bytes[i..].starts_with(b"//") {
            return (toks, line[i + 2..].trim());
        } else if b == b'"' {
            let end = line[i + 1..]
                .find('"')
                .map(|e| i + 1 + e)
                .unwrap_or(bytes.len());
            toks.push(Tok {
                text: &line[i + 1..end],
                col: i + 1,
            });
            i = end + 1;
        } else if b == b'(' || b == b')' {
            toks.push(Tok {
                text: &line[i..i + 1],
                col: i + 1,
            });
            i += 1;
        } else {
            let start = i;
            while i < bytes.len()
                && !matches!(bytes[i], b' ' | b'\t' | b'\r' | b'(' | b')')
                && !bytes[i..].starts_with(b"//")
            {
                i += 1;
            }
            toks.push(Tok {
                text: &line[start..i],
                col: start + 1,
            });
        }
    }
    (toks, "")
}

/// Checks a module path's shape (module.CheckPath, simplified): non-empty, no spaces,
/// slash-separated elements, a dot in the first element.
fn check_path(path: &str) -> Result<(), String> {
    if path.is_empty() {
        return Err("malformed module path \"\": empty string".into());
    }
    if path
        .split('/')
        .any(|e| e.is_empty() || e == "." || e == "..")
    {
        return Err(format!(
            "malformed module path {path:?}: invalid path element"
        ));
    }
    if let Some(c) = path
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || "-._~/+".contains(*c)))
    {
        return Err(format!(
            "malformed module path {path:?}: invalid char {c:?}"
        ));
    }
    if !path.split('/').next().unwrap_or("").contains('.') {
        return Err(format!(
            "malformed module path {path:?}: missing dot in first path element"
        ));
    }
    Ok(())
}

struct Parser {
    line: usize,
    errors: Vec<ModError>,
}

impl Parser {
    fn err(&mut self, col: usize, message: impl Into<String>) {
        self.errors.push(ModError {
            line: self.line,
            col,
            message: message.into(),
        });
    }

    /// A `path version` pair, checked (`require`, `exclude`).
    fn module_version(&mut self, verb: &str, args: &[Tok]) -> Option<ModuleVersion> {
        if args.len() != 2 {
            let col = args.first().map_or(1, |t| t.col);
            self.err(col, format!("usage: {verb} module/path v1.2.3"));
            return None;
        }
        if let Err(e) = check_path(args[0].text) {
            self.err(args[0].col, format!("{verb} {}: {e}", args[0].text));
            return None;
        }
        if let Err(e) = semver::check_path_version(args[0].text, args[1].text) {
            self.err(args[1].col, format!("{verb} {}: {e}", args[0].text));
            return None;
        }
        Some(ModuleVersion::new(args[0].text, args[1].text))
    }

    fn replace(&mut self, args: &[Tok]) -> Option<Replace> {
        let usage = "usage: replace module/path [v1.2.3] => other/module v1.4\n\t or replace module/path [v1.2.3] => ../local/directory";
        let Some(arrow) = args.iter().position(|t| t.text == "=>") else {
            self.err(args.first().map_or(1, |t| t.col), usage);
            return None;
        };
        let (lhs, rhs) = (&args[..arrow], &args[arrow + 1..]);
        if lhs.is_empty() || lhs.len() > 2 || rhs.is_empty() || rhs.len() > 2 {
            self.err(args[0].col, usage);
            return None;
        }
        if let Err(e) = check_path(lhs[0].text) {
            self.err(lhs[0].col, format!("replace {}: {e}", lhs[0].text));
            return None;
        }
        let mut old = ModuleVersion::new(lhs[0].text, "");
        if let Some(v) = lhs.get(1) {
            if let Err(e) = semver::check_path_version(lhs[0].text, v.text) {
                self.err(v.col, format!("replace {}: {e}", lhs[0].text));
                return None;
            }
            old.version = v.text.to_string();
        }
        let local = rhs[0].text.starts_with("./")
            || rhs[0].text.starts_with("../")
            || rhs[0].text.starts_with('/');
        if local {
            if rhs.len() != 1 {
                self.err(
                    rhs[1].col,
                    "replacement module directory path must not have version",
                );
                return None;
            }
            return Some(Replace {
                old,
                new: ReplaceTarget::Dir(rhs[0].text.to_string()),
            });
        }
        if rhs.len() != 2 {
            self.err(rhs[0].col, "replacement module without version must be directory path (rooted or starting with ./ or ../)");
            return None;
        }
        if let Err(e) = check_path(rhs[0].text) {
            self.err(rhs[0].col, format!("replace {}: {e}", rhs[0].text));
            return None;
        }
        if let Err(e) = semver::check_path_version(rhs[0].text, rhs[1].text) {
            self.err(rhs[1].col, format!("replace {}: {e}", rhs[0].text));
            return None;
        }
        Some(Replace {
            old,
            new: ReplaceTarget::Module(ModuleVersion::new(rhs[0].text, rhs[1].text)),
        })
    }

    /// `retract v1.2.3` or `retract [lo, hi]` (the interval arrives split at spaces).
    fn retract(&mut self, args: &[Tok]) -> Option<(String, String)> {
        let col = args.first().map_or(1, |t| t.col);
        let joined: String = args.iter().map(|t| t.text).collect();
        match joined.strip_prefix('[').and_then(|j| j.strip_suffix(']')) {
            Some(inner) => {
                let (lo, hi) = inner.split_once(',').unwrap_or(("", ""));
                self.retract_range(lo.trim(), hi.trim(), col)
            }
            None if args.len() == 1 => self.retract_range(&joined, &joined, col),
            None => self.retract_range("", "", col),
        }
    }

    fn retract_range(&mut self, lo: &str, hi: &str, col: usize) -> Option<(String, String)> {
        if lo.is_empty() || !semver::is_canonical(lo) || !semver::is_canonical(hi) {
            self.err(col, "usage: retract version\n\t or retract [low, high]");
            return None;
        }
        if semver::compare(lo, hi) == std::cmp::Ordering::Greater {
            self.err(
                col,
                format!(
                    "version interval lower bound {lo:?} must be lower than upper bound {hi:?}"
                ),
            );
            return None;
        }
        Some((lo.to_string(), hi.to_string()))
    }
}

/// Parses a go.mod. On errors, returns all of them (in line order).
pub fn parse(text: &str) -> Result<GoMod, Vec<ModError>> {
    let mut p = Parser {
        line: 0,
        errors: Vec::new(),
    };
    let mut m = GoMod::default();
    let mut block: Option<(String, usize)> = None;
    let mut saw_module = false;
    for (i, raw) in text.lines().enumerate() {
        p.line = i + 1;
        let (toks, comment) = tokenize(raw);
        if toks.is_empty() {
            continue;
        }
        let (verb, args): (String, Vec<Tok>) = match &block {
            Some((verb, _)) => {
                if toks[0].text == ")" {
                    block = None;
                    continue;
                }
                if !matches!(verb.as_str(), "require" | "exclude" | "replace" | "retract") {
                    continue; // reported once, at the block's start
                }
                (verb.clone(), toks.clone())
            }
            None => {
                let verb = toks[0].text.to_string();
                if toks.len() == 2 && toks[1].text == "(" {
                    if !matches!(verb.as_str(), "require" | "exclude" | "replace" | "retract") {
                        p.err(toks[0].col, format!("unknown block type: {verb}"));
                    }
                    block = Some((verb, p.line));
                    continue;
                }
                (verb, toks[1..].to_vec())
            }
        };
        let col0 = toks[0].col;
        match verb.as_str() {
            "module" => {
                if saw_module {
                    p.err(col0, "repeated module statement");
                } else if args.len() != 1 {
                    p.err(col0, "usage: module module/path");
                } else if let Err(e) = check_path(args[0].text) {
                    p.err(args[0].col, e);
                } else {
                    m.module = args[0].text.to_string();
                }
                saw_module = true;
            }
            "go" => {
                let ok = args.len() == 1
                    && args[0].text.split('.').count() <= 3
                    && args[0]
                        .text
                        .split('.')
                        .all(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()));
                if m.go.is_some() {
                    p.err(col0, "repeated go statement");
                } else if !ok {
                    let col = args.first().map_or(col0, |t| t.col);
                    let v = args.first().map_or("", |t| t.text);
                    p.err(
                        col,
                        format!("invalid go version '{v}': must match format 1.23.0"),
                    );
                } else {
                    m.go = Some(args[0].text.to_string());
                }
            }
            "toolchain" => {
                if args.len() != 1 {
                    p.err(col0, "usage: toolchain name");
                } else {
                    m.toolchain = Some(args[0].text.to_string());
                }
            }
            "require" => {
                if let Some(mv) = p.module_version("require", &args) {
                    m.require.push(Require {
                        module: mv,
                        indirect: comment.starts_with("indirect"),
                        line: p.line,
                    });
                }
            }
            "exclude" => {
                if let Some(mv) = p.module_version("exclude", &args) {
                    m.exclude.push(mv);
                }
            }
            "replace" => {
                if let Some(r) = p.replace(&args) {
                    m.replace.push(r);
                }
            }
            "retract" => {
                if let Some((lo, hi)) = p.retract(&args) {
                    m.retract.push(Retract {
                        lo,
                        hi,
                        rationale: comment.to_string(),
                    });
                }
            }
            _ => p.err(col0, format!("unknown directive: {verb}")),
        }
    }
    if let Some((_, line)) = block {
        p.line = line;
        p.err(1, "syntax error: unterminated block started here");
    }
    if !saw_module && p.errors.is_empty() {
        p.line = 1;
        p.err(1, "no module declaration in go.mod. To specify the module path:\n\tgo mod edit -module=example.com/mod");
    }
    if p.errors.is_empty() {
        Ok(m)
    } else {
        Err(p.errors)
    }
}

impl GoMod {
    /// The requirement on `path`, if any.
    pub fn required(&self, path: &str) -> Option<&Require> {
        self.require.iter().find(|r| r.module.path == path)
    }

    /// The go.mod's text in the go command's layout.
    pub fn format(&self) -> String {
        let mut out = format!("module {}\n", self.module);
        if let Some(go) = &self.go {
            out.push_str(&format!("\ngo {go}\n"));
        }
        if let Some(t) = &self.toolchain {
            out.push_str(&format!("\ntoolchain {t}\n"));
        }
        let reqs: Vec<String> = self
            .require
            .iter()
            .map(|r| {
                format!(
                    "{} {}{}",
                    r.module.path,
                    r.module.version,
                    if r.indirect { " // indirect" } else { "" }
                )
            })
            .collect();
        section(&mut out, "require", &reqs);
        let excl: Vec<String> = self
            .exclude
            .iter()
            .map(|m| format!("{} {}", m.path, m.version))
            .collect();
        section(&mut out, "exclude", &excl);
        let repl: Vec<String> = self
            .replace
            .iter()
            .map(|r| {
                let old = if r.old.version.is_empty() {
                    r.old.path.clone()
                } else {
                    format!("{} {}", r.old.path, r.old.version)
                };
                format!("{old} => {}", r.new)
            })
            .collect();
        section(&mut out, "replace", &repl);
        let retr: Vec<String> = self
            .retract
            .iter()
            .map(|r| {
                let range = if r.lo == r.hi {
                    r.lo.clone()
                } else {
                    format!("[{}, {}]", r.lo, r.hi)
                };
                if r.rationale.is_empty() {
                    range
                } else {
                    format!("{range} // {}", r.rationale)
                }
            })
            .collect();
        section(&mut out, "retract", &retr);
        out
    }
}

fn section(out: &mut String, verb: &str, lines: &[String]) {
    match lines {
        [] => {}
        [one] => out.push_str(&format!("\n{verb} {one}\n")),
        many => {
            out.push_str(&format!("\n{verb} (\n"));
            for l in many {
                out.push_str(&format!("\t{l}\n"));
            }
            out.push_str(")\n");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use expect_test::expect;

    fn errors(text: &str) -> String {
        parse(text)
            .unwrap_err()
            .iter()
            .map(|e| format!("{e}\n"))
            .collect()
    }

    #[test]
    fn parses_the_seed_fragment() {
        let m = parse(
            "module example.com/myapp\n\ngo 1.16\n\nrequire (\n\tgithub.com/spf13/cobra v1.7.0\n\tgolang.org/x/net v0.14.0 // indirect\n)\n\nexclude golang.org/x/net v0.15.0\nreplace github.com/fsnotify/fsnotify v1.6.0 => github.com/fork/fsnotify v1.6.1\nreplace example.com/local => ./local\nretract [v1.0.0, v1.0.1]\n",
        )
        .unwrap();
        assert_eq!(m.module, "example.com/myapp");
        assert_eq!(m.require.len(), 2);
        assert!(!m.require[0].indirect && m.require[1].indirect);
        assert_eq!(
            m.exclude,
            vec![ModuleVersion::new("golang.org/x/net", "v0.15.0")]
        );
        assert_eq!(m.replace[1].new, ReplaceTarget::Dir("./local".into()));
        assert_eq!(
            (m.retract[0].lo.as_str(), m.retract[0].hi.as_str()),
            ("v1.0.0", "v1.0.1")
        );
        expect![[r#"
            module example.com/myapp

            go 1.16

            require (
            	github.com/spf13/cobra v1.7.0
            	golang.org/x/net v0.14.0 // indirect
            )

            exclude golang.org/x/net v0.15.0

            replace (
            	github.com/fsnotify/fsnotify v1.6.0 => github.com/fork/fsnotify v1.6.1
            	example.com/local => ./local
            )

            retract [v1.0.0, v1.0.1]
        "#]]
        .assert_eq(&m.format());
    }

    #[test]
    fn errors_have_line_col_and_go_wording() {
        expect![[r#"
            go.mod:3:1: unknown directive: requre
            go.mod:5:2: usage: require module/path v1.2.3
            go.mod:6:26: require github.com/a/b: version "1.0" invalid: must be of the form v1.2.3
            go.mod:7:25: require github.com/a/b/v2: version "v1.0.0" invalid: should be v2, not v1
        "#]]
        .assert_eq(&errors(
            "module example.com/m\n\nrequre example.com/a v1.0.0\nrequire (\n\texample.com/a\n\tgithub.com/a/b          1.0\n\tgithub.com/a/b/v2      v1.0.0\n)\n",
        ));
        expect![[r#"
            go.mod:1:1: syntax error: unterminated block started here
        "#]]
        .assert_eq(&errors("require (\n"));
        assert!(errors("go 1.16\n").contains("no module declaration"));
        expect![[r#"
            go.mod:3:9: usage: retract version
            	 or retract [low, high]
            go.mod:4:9: version interval lower bound "v1.2.0" must be lower than upper bound "v1.1.0"
        "#]]
        .assert_eq(&errors("module example.com/m\n\nretract v1.0\nretract [v1.2.0, v1.1.0]\n"));
        let m =
            parse("module example.com/m\n\nretract (\n\tv1.0.0 // oops\n\t[v1.1.0,v1.1.5]\n)\n")
                .unwrap();
        assert_eq!(m.retract[0].rationale, "oops");
        assert_eq!(
            (m.retract[1].lo.as_str(), m.retract[1].hi.as_str()),
            ("v1.1.0", "v1.1.5")
        );
        expect![[r#"
            go.mod:3:1: unknown block type: requre
        "#]]
        .assert_eq(&errors(
            "module example.com/m\n\nrequre (\n\texample.com/a v1.0.0\n)\n",
        ));
    }
}
