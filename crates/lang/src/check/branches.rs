//! Branch statements and labels: `break`/`continue` outside loops, undefined or unused labels,
//! misplaced `fallthrough`. Go does these checks in the parser (`syntax/branches.go`), before
//! type checking; they are reported first.

use super::Checker;
use crate::ast::*;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Target {
    Loop,
    Switch,
    Select,
}

struct Ctx<'a> {
    /// Enclosing breakable statements: (label, kind).
    stack: Vec<(Option<&'a str>, Target)>,
    /// Declared labels in the function: (name, span, used).
    labels: Vec<(&'a str, Span, bool)>,
    errors: Vec<(Span, String)>,
}

pub(crate) fn check_file(c: &mut Checker<'_>) {
    let file = c.file;
    for d in &file.decls {
        if let Decl::Func(f) = d
            && let Some(body) = &f.body
        {
            for (span, msg) in check_body(body) {
                c.error(span, msg);
            }
        }
    }
}

fn check_body(body: &Block) -> Vec<(Span, String)> {
    let mut ctx = Ctx {
        stack: Vec::new(),
        labels: Vec::new(),
        errors: Vec::new(),
    };
    collect_labels(&body.stmts, &mut ctx);
    walk_list(&body.stmts, &mut ctx);
    for (name, span, used) in &ctx.labels {
        if !used {
            ctx.errors
                .push((*span, format!("label {name} defined and not used")));
        }
    }
    ctx.errors.sort_by_key(|(s, _)| s.start);
    ctx.errors
}

fn collect_labels<'a>(stmts: &'a [Stmt], ctx: &mut Ctx<'a>) {
    for s in stmts {
        collect_stmt(s, ctx);
    }
}

fn collect_stmt<'a>(s: &'a Stmt, ctx: &mut Ctx<'a>) {
    match &s.kind {
        StmtKind::Labeled { label, stmt } => {
            if label.name != "_" {
                if let Some(prev) = ctx.labels.iter().find(|l| l.0 == label.name) {
                    let prev_span = prev.1;
                    ctx.errors.push((
                        label.span,
                        format!(
                            "label {} already defined at {}",
                            label.name, prev_span.start
                        ),
                    ));
                } else {
                    ctx.labels.push((&label.name, label.span, false));
                }
            }
            collect_stmt(stmt, ctx);
        }
        StmtKind::Block(b) => collect_labels(&b.stmts, ctx),
        StmtKind::If { then, els, .. } => {
            collect_labels(&then.stmts, ctx);
            if let Some(e) = els {
                collect_stmt(e, ctx);
            }
        }
        StmtKind::For { body, .. } | StmtKind::Range { body, .. } => {
            collect_labels(&body.stmts, ctx)
        }
        StmtKind::Switch { clauses, .. } => {
            for c in clauses {
                collect_labels(&c.body, ctx);
            }
        }
        StmtKind::Select { clauses, .. } => {
            for c in clauses {
                collect_labels(&c.body, ctx);
            }
        }
        _ => {}
    }
}

fn walk_list<'a>(stmts: &'a [Stmt], ctx: &mut Ctx<'a>) {
    for (i, s) in stmts.iter().enumerate() {
        let last = i + 1 == stmts.len();
        walk(s, None, ctx, last);
    }
}

fn walk<'a>(s: &'a Stmt, label: Option<&'a str>, ctx: &mut Ctx<'a>, last_in_case: bool) {
    match &s.kind {
        StmtKind::Labeled { label, stmt } => walk(stmt, Some(&label.name), ctx, last_in_case),
        StmtKind::Block(b) => walk_list(&b.stmts, ctx),
        StmtKind::If { then, els, .. } => {
            walk_list(&then.stmts, ctx);
            if let Some(e) = els {
                walk(e, None, ctx, false);
            }
        }
        StmtKind::For { body, .. } | StmtKind::Range { body, .. } => {
            ctx.stack.push((label, Target::Loop));
            walk_list(&body.stmts, ctx);
            ctx.stack.pop();
        }
        StmtKind::Switch { clauses, .. } => {
            ctx.stack.push((label, Target::Switch));
            for (ci, c) in clauses.iter().enumerate() {
                for (i, st) in c.body.iter().enumerate() {
                    let is_last = i + 1 == c.body.len() && ci + 1 < clauses.len();
                    walk(st, None, ctx, is_last);
                }
            }
            ctx.stack.pop();
        }
        StmtKind::Select { clauses, .. } => {
            ctx.stack.push((label, Target::Select));
            for c in clauses {
                walk_list(&c.body, ctx);
            }
            ctx.stack.pop();
        }
        StmtKind::Branch {
            kind,
            label: target,
        } => match (kind, target) {
            (BranchKind::Break, None) => {
                if ctx.stack.is_empty() {
                    ctx.errors
                        .push((s.span, "break is not in a loop, switch, or select".into()));
                }
            }
            (BranchKind::Continue, None) => {
                if !ctx.stack.iter().any(|(_, t)| *t == Target::Loop) {
                    ctx.errors
                        .push((s.span, "continue is not in a loop".into()));
                }
            }
            (BranchKind::Break | BranchKind::Continue, Some(l)) => {
                let name = kind.as_str();
                mark_used(ctx, &l.name);
                match ctx
                    .stack
                    .iter()
                    .rev()
                    .find(|(lab, _)| *lab == Some(l.name.as_str()))
                {
                    Some((_, t)) => {
                        if *kind == BranchKind::Continue && *t != Target::Loop {
                            ctx.errors
                                .push((l.span, format!("invalid continue label {}", l.name)));
                        }
                    }
                    None => {
                        if ctx.labels.iter().any(|x| x.0 == l.name) {
                            ctx.errors
                                .push((l.span, format!("invalid {name} label {}", l.name)));
                        } else {
                            ctx.errors
                                .push((l.span, format!("{name} label not defined: {}", l.name)));
                        }
                    }
                }
            }
            (BranchKind::Goto, Some(l)) => {
                if !ctx.labels.iter().any(|x| x.0 == l.name) {
                    ctx.errors
                        .push((l.span, format!("label {} not defined", l.name)));
                }
                mark_used(ctx, &l.name);
            }
            (BranchKind::Fallthrough, _) => {
                let in_switch = matches!(ctx.stack.last(), Some((_, Target::Switch)));
                if !in_switch || !last_in_case {
                    ctx.errors
                        .push((s.span, "fallthrough statement out of place".into()));
                }
            }
            (BranchKind::Goto, None) => {}
        },
        _ => {}
    }
}

fn mark_used(ctx: &mut Ctx<'_>, name: &str) {
    for l in ctx.labels.iter_mut() {
        if l.0 == name {
            l.2 = true;
        }
    }
}
