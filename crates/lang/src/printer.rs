//! Prints expressions the way Go's compiler quotes them in messages (`syntax.String`):
//! `a + b`, `f(x, y)`, `T{…}`, `func() {…}`.

use crate::ast::*;

/// The Go source form of `e` (normalised spacing).
pub fn expr_string(e: &Expr, src: &str) -> String {
    let mut s = String::new();
    write_expr(&mut s, e, src);
    s
}

fn write_list(out: &mut String, list: &[Expr], src: &str) {
    for (i, e) in list.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        write_expr(out, e, src);
    }
}

fn write_fields(out: &mut String, fields: &[Field], src: &str) {
    for (i, f) in fields.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        if let Some(n) = &f.name {
            out.push_str(&n.name);
            out.push(' ');
        }
        if f.dots {
            out.push_str("...");
        }
        write_expr(out, &f.ty, src);
    }
}

fn write_sig(out: &mut String, sig: &FuncType, src: &str) {
    out.push('(');
    write_fields(out, &sig.params, src);
    out.push(')');
    match sig.results.len() {
        0 => {}
        1 if sig.results[0].name.is_none() => {
            out.push(' ');
            write_expr(out, &sig.results[0].ty, src);
        }
        _ => {
            out.push_str(" (");
            write_fields(out, &sig.results, src);
            out.push(')');
        }
    }
}

fn write_expr(out: &mut String, e: &Expr, src: &str) {
    match &e.kind {
        ExprKind::Bad => out.push('_'),
        ExprKind::Name(n) => out.push_str(n),
        ExprKind::Lit { raw, .. } => out.push_str(raw),
        ExprKind::Paren(x) => {
            out.push('(');
            write_expr(out, x, src);
            out.push(')');
        }
        ExprKind::Selector(x, sel) => {
            write_expr(out, x, src);
            out.push('.');
            out.push_str(&sel.name);
        }
        ExprKind::Index(x, i) => {
            write_expr(out, x, src);
            out.push('[');
            write_expr(out, i, src);
            out.push(']');
        }
        ExprKind::Slice { x, lo, hi, max } => {
            write_expr(out, x, src);
            out.push('[');
            if let Some(lo) = lo {
                write_expr(out, lo, src);
            }
            out.push(':');
            if let Some(hi) = hi {
                write_expr(out, hi, src);
            }
            if let Some(max) = max {
                out.push(':');
                write_expr(out, max, src);
            }
            out.push(']');
        }
        ExprKind::Call {
            fun, args, dots, ..
        } => {
            write_expr(out, fun, src);
            out.push('(');
            write_list(out, args, src);
            if *dots {
                out.push_str("...");
            }
            out.push(')');
        }
        ExprKind::Unary { op, x } => {
            out.push_str(op.as_str());
            write_expr(out, x, src);
        }
        ExprKind::Binary { op, x, y, .. } => {
            write_expr(out, x, src);
            out.push(' ');
            out.push_str(op.as_str());
            out.push(' ');
            write_expr(out, y, src);
        }
        ExprKind::Star(x) => {
            out.push('*');
            write_expr(out, x, src);
        }
        ExprKind::CompositeLit { ty, elems, .. } => {
            if let Some(t) = ty {
                write_expr(out, t, src);
            }
            // Go's short form elides only a non-empty element list.
            out.push_str(if elems.is_empty() { "{}" } else { "{…}" });
        }
        ExprKind::KeyValue(k, v) => {
            write_expr(out, k, src);
            out.push_str(": ");
            write_expr(out, v, src);
        }
        ExprKind::FuncLit(sig, _) => {
            out.push_str("func");
            write_sig(out, sig, src);
            out.push_str(" {…}");
        }
        ExprKind::Assert(x, t) => {
            write_expr(out, x, src);
            out.push_str(".(");
            match t {
                Some(t) => write_expr(out, t, src),
                None => out.push_str("type"),
            }
            out.push(')');
        }
        ExprKind::ArrayType { len, elem } => {
            out.push('[');
            if let Some(l) = len {
                write_expr(out, l, src);
            }
            out.push(']');
            write_expr(out, elem, src);
        }
        ExprKind::MapType(k, v) => {
            out.push_str("map[");
            write_expr(out, k, src);
            out.push(']');
            write_expr(out, v, src);
        }
        ExprKind::ChanType { dir, elem } => {
            out.push_str(match dir {
                1 => "chan<- ",
                2 => "<-chan ",
                _ => "chan ",
            });
            write_expr(out, elem, src);
        }
        ExprKind::FuncType(sig) => {
            out.push_str("func");
            write_sig(out, sig, src);
        }
        ExprKind::StructType(fields) => {
            out.push_str("struct{");
            for (i, f) in fields.iter().enumerate() {
                if i > 0 {
                    out.push_str("; ");
                }
                if let Some(n) = &f.name {
                    out.push_str(&n.name);
                    out.push(' ');
                }
                write_expr(out, &f.ty, src);
            }
            out.push('}');
        }
        ExprKind::InterfaceType(fields) => {
            out.push_str("interface{");
            for (i, f) in fields.iter().enumerate() {
                if i > 0 {
                    out.push_str("; ");
                }
                if let Some(n) = &f.name {
                    out.push_str(&n.name);
                }
                if let ExprKind::FuncType(sig) = &f.ty.kind {
                    write_sig(out, sig, src);
                }
            }
            out.push('}');
        }
        ExprKind::Dots(x) => {
            out.push_str("...");
            write_expr(out, x, src);
        }
    }
}
