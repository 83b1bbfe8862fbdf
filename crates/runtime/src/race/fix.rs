//! Fix variants of a racy program: the three ways go.dev/ref/mem offers to order two accesses —
//! a mutex around them, `sync/atomic` for the variable, or a channel that communicates "the
//! value is ready" — applied to the program's own text, so a learner can load one, run it
//! again and see the race gone.
//!
//! Scope, on purpose: the raced locations must be package-level variables declared with a
//! type (`var done bool`), and each use a simple statement (`x = e`, `x++`, `x += e`, a
//! statement reading `x`) or a read in a `for`/`if`/`return` header. Anything else — a race
//! on a heap cell, a map, `&x`, a shadowing local — gives no variant, and the UI says so.
//!
//! Rewrites work on the lexer's tokens and the parser's declaration spans, never on regexes.
//! *Invariant*: a variant is offered only if it compiles and runs race-free (no report, no
//! panic, deadlock or budget stop) under several seeds and GOMAXPROCS values — checked here,
//! by running it, so a transformation that does not fit a program is dropped, not shown.

use super::view::HbRace;
use crate::execution::{RunConfig, run};
use lang::ast::Decl;
use lang::token::TokenKind as T;

/// Which synchronisation a variant adds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FixKind {
    Mutex,
    Atomic,
    Channel,
}

/// A rewritten program.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Variant {
    pub kind: FixKind,
    pub source: String,
}

/// One use of a raced variable.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Use {
    Read,
    /// `x = e`, with the end offset of `e`.
    Write(usize),
    /// `x++` (true) / `x--`.
    Inc(bool),
    /// `x += e` (true) / `x -= e`, with the end offset of `e`.
    Add(bool, usize),
}

struct Site {
    start: usize,
    end: usize,
    line: usize,
    use_: Use,
}

struct Target {
    name: String,
    ty: String,
    /// 0-based line of its declaration.
    decl_line: usize,
    /// The declaration is `var a, b T` alone on its line, with no values.
    plain_decl: bool,
    decl_names: Vec<String>,
    sites: Vec<Site>,
}

/// The verified fix variants for the races of a run (every raced variable at once), in the
/// order mutex, atomic, channel; empty when no automatic variant exists.
/// `max_steps` bounds each checking run.
pub fn variants(source: &str, races: &[HbRace], max_steps: u64) -> Vec<Variant> {
    let mut names: Vec<&str> = races.iter().map(|r| r.name.as_str()).collect();
    names.sort_unstable();
    names.dedup();
    let Some(targets) = targets(source, &names) else {
        return Vec::new();
    };
    let candidates = [
        (FixKind::Mutex, mutex(source, &targets)),
        (FixKind::Atomic, atomic(source, &targets)),
        (FixKind::Channel, channel(source, &targets, races)),
    ];
    candidates
        .into_iter()
        .filter_map(|(kind, s)| s.map(|source| Variant { kind, source }))
        .filter(|v| race_free(&v.source, max_steps))
        .collect()
}

/// Compiles and runs `source` with `-race` under a few seeds and GOMAXPROCS values.
pub fn race_free(source: &str, max_steps: u64) -> bool {
    [(1, 4), (2, 2), (3, 1), (7, 4)]
        .into_iter()
        .all(|(seed, gomaxprocs)| {
            let out = run(
                "prog.go",
                source,
                &RunConfig {
                    seed,
                    gomaxprocs,
                    race: true,
                    max_steps,
                    ..RunConfig::default()
                },
            );
            out.diagnostics.is_empty()
                && !out.stderr.contains("WARNING: DATA RACE")
                && out.exit_code != 2
                && out.exit_code != super::report::RACE_EXIT_CODE
        })
}

fn line_of(source: &str, offset: usize) -> usize {
    source.as_bytes()[..offset.min(source.len())]
        .iter()
        .filter(|b| **b == b'\n')
        .count()
}

/// Finds each variable's declaration and classifies its uses; `None` if one does not fit.
fn targets(source: &str, names: &[&str]) -> Option<Vec<Target>> {
    let (file, diags) = lang::parse(source);
    if !diags.is_empty() || names.is_empty() {
        return None;
    }
    let toks: Vec<lang::token::Token> = lang::lexer::lex(source, false).tokens;
    let mut out = Vec::new();
    for name in names {
        let spec = file.decls.iter().find_map(|d| match d {
            Decl::Var(s) if s.names.iter().any(|n| n.name == *name) => Some(s),
            _ => None,
        })?;
        let ty = spec.ty.as_ref()?.span;
        let ty = source.get(ty.start as usize..ty.end as usize)?.to_string();
        let decl_line = line_of(source, spec.span.start as usize);
        let line_text = source.lines().nth(decl_line).unwrap_or("");
        let plain_decl = spec.values.is_empty()
            && line_text.trim_start().starts_with("var ")
            && line_of(source, spec.span.end as usize) == decl_line;
        let in_decl = |o: u32| o >= spec.span.start && o < spec.span.end;
        let mut sites = Vec::new();
        for (i, t) in toks.iter().enumerate() {
            if t.kind != T::Name || t.text(source) != *name || in_decl(t.start) {
                continue;
            }
            let prev = i.checked_sub(1).map(|p| toks[p].kind);
            let next = toks.get(i + 1).map(|t| t.kind);
            match prev {
                Some(T::Dot) => continue,
                // `&x`, a local `var x`, `x` among several assigned names: not handled.
                Some(T::Operator(lang::token::Op::And) | T::Var | T::Comma) => return None,
                _ => {}
            }
            let stmt_start = matches!(
                prev,
                None | Some(T::Semi(_) | T::LBrace | T::RBrace | T::Colon)
            );
            let use_ = match next {
                Some(T::Define | T::Comma) => return None,
                Some(T::Assign) if stmt_start => Use::Write(expr_end(&toks, i + 2, source)),
                Some(T::IncOp(op)) => Use::Inc(op == lang::token::Op::Add),
                Some(T::AssignOp(lang::token::Op::Add)) => {
                    Use::Add(true, expr_end(&toks, i + 2, source))
                }
                Some(T::AssignOp(lang::token::Op::Sub)) => {
                    Use::Add(false, expr_end(&toks, i + 2, source))
                }
                Some(T::Assign | T::AssignOp(_)) => return None,
                _ => Use::Read,
            };
            sites.push(Site {
                start: t.start as usize,
                end: t.end as usize,
                line: line_of(source, t.start as usize),
                use_,
            });
        }
        out.push(Target {
            name: name.to_string(),
            ty,
            decl_line,
            plain_decl,
            decl_names: spec.names.iter().map(|n| n.name.clone()).collect(),
            sites,
        });
    }
    Some(out)
}

/// The end offset of the expression starting at token `from`: the next `;`/newline or closing
/// brace at nesting depth 0.
fn expr_end(toks: &[lang::token::Token], from: usize, source: &str) -> usize {
    let mut depth = 0i32;
    for t in toks.iter().skip(from) {
        match t.kind {
            T::LParen | T::LBrack | T::LBrace => depth += 1,
            T::RParen | T::RBrack | T::RBrace if depth > 0 => depth -= 1,
            T::Semi(_) | T::RBrace | T::RParen | T::Comma if depth == 0 => {
                return t.start as usize;
            }
            T::Eof => return t.start as usize,
            _ => {}
        }
    }
    source.len()
}

/// Applies byte-range edits (non-overlapping) to `source`.
fn apply(source: &str, mut edits: Vec<(usize, usize, String)>) -> Option<String> {
    edits.sort_by_key(|e| e.0);
    let mut out = String::with_capacity(source.len() + 64);
    let mut at = 0;
    for (start, end, text) in edits {
        if start < at {
            return None;
        }
        out.push_str(source.get(at..start)?);
        out.push_str(&text);
        at = end;
    }
    out.push_str(source.get(at..)?);
    Some(out)
}

fn indent(line: &str) -> &str {
    &line[..line.len() - line.trim_start().len()]
}

fn capital(name: &str) -> String {
    let mut c = name.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

/// Is the line a header (`for`, `if`, `switch`, `return`, ...) rather than a simple statement?
fn is_header(line: &str) -> bool {
    let t = line.trim();
    let first = t.split(|c: char| !c.is_alphanumeric()).next().unwrap_or("");
    t.ends_with('{')
        || t.starts_with('}')
        || matches!(
            first,
            "for" | "if" | "switch" | "return" | "go" | "defer" | "case" | "select" | "func"
        )
}

/// Adds `path` to the imports unless present.
fn with_import(source: &str, path: &str) -> String {
    let quoted = format!("\"{path}\"");
    let mut lines: Vec<String> = source.lines().map(str::to_string).collect();
    if lines
        .iter()
        .any(|l| l.trim() == quoted || l.trim() == format!("import {quoted}"))
    {
        return join(&lines);
    }
    if let Some(i) = lines.iter().position(|l| l.trim() == "import (") {
        // In gofmt's order: before the first path that sorts after it.
        let mut at = i + 1;
        while at < lines.len() && lines[at].trim() != ")" && lines[at].trim() < quoted.as_str() {
            at += 1;
        }
        lines.insert(at, format!("\t{quoted}"));
    } else if let Some(i) = lines
        .iter()
        .position(|l| l.trim_start().starts_with("import \""))
    {
        let old = lines[i].trim().trim_start_matches("import ").to_string();
        lines[i] = format!("import (\n\t{old}\n\t{quoted}\n)");
    } else if let Some(i) = lines
        .iter()
        .position(|l| l.trim_start().starts_with("package "))
    {
        lines.insert(i + 1, format!("\nimport {quoted}"));
    }
    join(&lines)
}

fn join(lines: &[String]) -> String {
    let mut s = lines.join("\n");
    s.push('\n');
    s
}

/// A name not used in the program: `base`, else `base2`, ...
fn fresh(source: &str, base: &str) -> String {
    let toks = lang::lexer::lex(source, false).tokens;
    let used = |n: &str| {
        toks.iter()
            .any(|t| t.kind == T::Name && t.text(source) == n)
    };
    let mut name = base.to_string();
    let mut k = 2;
    while used(&name) {
        name = format!("{base}{k}");
        k += 1;
    }
    name
}

/// One mutex for all raced variables: simple statements are wrapped in Lock/Unlock; reads in
/// headers call a `loadX()` helper that takes the lock.
fn mutex(source: &str, targets: &[Target]) -> Option<String> {
    let mu = fresh(source, "mu");
    let lines: Vec<&str> = source.lines().collect();
    let mut edits = Vec::new();
    let mut wrapped: Vec<usize> = Vec::new();
    let mut helpers = String::new();
    for t in targets {
        let load = fresh(source, &format!("load{}", capital(&t.name)));
        let mut needs_helper = false;
        for s in &t.sites {
            let line = lines.get(s.line)?;
            if is_header(line) {
                if s.use_ != Use::Read {
                    return None;
                }
                edits.push((s.start, s.end, format!("{load}()")));
                needs_helper = true;
            } else if !wrapped.contains(&s.line) {
                wrapped.push(s.line);
            }
        }
        if needs_helper {
            helpers.push_str(&format!(
                "\nfunc {load}() {} {{\n\t{mu}.Lock()\n\tdefer {mu}.Unlock()\n\treturn {}\n}}\n",
                t.ty, t.name
            ));
        }
    }
    let out = apply(source, edits)?;
    // Header edits stay on their line, so line numbers still hold.
    let mut lines: Vec<String> = out.lines().map(str::to_string).collect();
    wrapped.sort_unstable();
    for &l in wrapped.iter().rev() {
        let ind = indent(lines.get(l)?).to_string();
        lines.insert(l + 1, format!("{ind}{mu}.Unlock()"));
        lines.insert(l, format!("{ind}{mu}.Lock()"));
    }
    let decl = targets.iter().map(|t| t.decl_line).max()?;
    let extra = wrapped.iter().filter(|l| **l < decl).count() * 2;
    lines.insert(decl + extra + 1, format!("var {mu} sync.Mutex"));
    let mut text = join(&lines);
    text.push_str(&helpers);
    Some(with_import(&text, "sync"))
}

/// The `sync/atomic` type for a variable of type `ty`, and whether values need converting
/// (`int` is stored as an `atomic.Int64`).
fn atomic_type(ty: &str) -> Option<(&'static str, bool)> {
    Some(match ty {
        "bool" => ("atomic.Bool", false),
        "int" => ("atomic.Int64", true),
        "int64" => ("atomic.Int64", false),
        "int32" => ("atomic.Int32", false),
        _ => return None,
    })
}

/// Each raced variable becomes a `sync/atomic` typed value; every use calls its methods.
fn atomic(source: &str, targets: &[Target]) -> Option<String> {
    let mut edits = Vec::new();
    let lines: Vec<&str> = source.lines().collect();
    for t in targets {
        let (_, conv) = atomic_type(&t.ty)?;
        if !t.plain_decl {
            return None;
        }
        let arg = |e: &str| {
            if conv {
                format!("int64({e})")
            } else {
                e.to_string()
            }
        };
        let x = &t.name;
        for s in &t.sites {
            let (end, text) = match s.use_ {
                Use::Read if conv => (s.end, format!("int({x}.Load())")),
                Use::Read => (s.end, format!("{x}.Load()")),
                Use::Write(end) => {
                    let e = source
                        .get(s.end..end)?
                        .trim()
                        .trim_start_matches('=')
                        .trim();
                    if e.contains(x.as_str()) {
                        return None;
                    }
                    (end, format!("{x}.Store({})", arg(e)))
                }
                Use::Inc(up) => (
                    s.end + 2,
                    format!("{x}.Add({})", if up { "1" } else { "-1" }),
                ),
                Use::Add(up, end) => {
                    let e = source.get(s.end..end)?.trim().get(2..)?.trim();
                    let e = if up { e.to_string() } else { format!("-({e})") };
                    (end, format!("{x}.Add({})", arg(&e)))
                }
            };
            edits.push((s.start, end, text));
        }
    }
    // `var a, x T` → one `var` per name, raced ones with their atomic type.
    let mut decl_lines: Vec<usize> = targets.iter().map(|t| t.decl_line).collect();
    decl_lines.sort_unstable();
    decl_lines.dedup();
    for l in decl_lines {
        let line = lines.get(l)?;
        let start: usize = lines[..l].iter().map(|l| l.len() + 1).sum();
        let t = targets.iter().find(|t| t.decl_line == l)?;
        let ind = indent(line);
        let mut decls = Vec::new();
        for n in &t.decl_names {
            let ty = match targets.iter().find(|o| &o.name == n) {
                Some(o) => atomic_type(&o.ty)?.0,
                None => t.ty.as_str(),
            };
            decls.push(format!("{ind}var {n} {ty}"));
        }
        edits.push((start, start + line.len(), decls.join("\n")));
    }
    Some(with_import(&apply(source, edits)?, "sync/atomic"))
}

/// "The value is ready" as a channel closed after the racing write and received before the
/// racing read (a close happens before a receive that returns because of it).
fn channel(source: &str, targets: &[Target], races: &[HbRace]) -> Option<String> {
    let mut lines: Vec<String> = source.lines().map(str::to_string).collect();
    // (line, text, before?) insertions, applied bottom-up.
    let mut inserts: Vec<(usize, String, bool)> = Vec::new();
    let mut decls = Vec::new();
    for t in targets {
        let ready = fresh(source, &format!("{}Ready", t.name));
        for r in races.iter().filter(|r| r.name == t.name) {
            let (w, rd) = match (r.now.write, r.prev.write) {
                (true, false) => (&r.now, &r.prev),
                (false, true) => (&r.prev, &r.now),
                _ => return None,
            };
            let line = |s: &super::view::HbRaceSide| s.stack.first().map(|f| f.line as usize);
            let (wl, rl) = (line(w)?.checked_sub(1)?, line(rd)?.checked_sub(1)?);
            if wl == rl || is_header(lines.get(wl)?) {
                return None;
            }
            let close = (wl, format!("close({ready})"), false);
            let recv = (rl, format!("<-{ready}"), true);
            for i in [close, recv] {
                if !inserts.contains(&i) {
                    inserts.push(i);
                }
            }
        }
        decls.push((t.decl_line, format!("var {ready} = make(chan bool)")));
    }
    inserts.sort_by_key(|a| (a.0, a.2));
    for (l, text, before) in inserts.into_iter().rev() {
        let ind = indent(lines.get(l)?).to_string();
        lines.insert(if before { l } else { l + 1 }, format!("{ind}{text}"));
    }
    // Declarations are above every use (package level, before `func`s): insert last.
    decls.sort();
    for (l, d) in decls.into_iter().rev() {
        lines.insert(l + 1, d);
    }
    Some(join(&lines))
}
