//! Declarations and types: `const`, `var`, `type`, `func`, parameter lists, type syntax.
//! Port of the corresponding parts of `cmd/compile/internal/syntax/parser.go`.

use super::Parser;
use crate::ast::*;
use crate::token::{SemiKind, TokenKind};

const SEMI: TokenKind = TokenKind::Semi(SemiKind::Explicit);

impl Parser<'_, '_> {
    /// `const` spec or group; specs without values repeat the previous spec's type and values.
    pub(crate) fn const_group(&mut self, out: &mut dyn FnMut(ValueSpec)) {
        let mut prev: Option<(Option<Expr>, Vec<Expr>)> = None;
        self.group(|p, iota| {
            let mut s = p.const_spec(iota);
            if s.values.is_empty() && s.ty.is_none() {
                if let Some((ty, values)) = &prev {
                    s.ty = ty.clone();
                    s.values = values.clone();
                    s.implicit = true;
                }
            } else {
                prev = Some((s.ty.clone(), s.values.clone()));
            }
            out(s);
        });
    }

    fn const_spec(&mut self, iota: u32) -> ValueSpec {
        let start = self.pos();
        let first = self.name();
        let names = self.name_list(first);
        let mut ty = None;
        let mut values = Vec::new();
        if !matches!(
            self.kind(),
            TokenKind::Eof | TokenKind::Semi(_) | TokenKind::RParen
        ) {
            ty = self.type_or_nil();
            if self.got_assign() {
                values = self.expr_list();
            }
        }
        let end = values
            .last()
            .map(|v| v.span.end)
            .or(ty.as_ref().map(|t| t.span.end))
            .unwrap_or(self.pos());
        ValueSpec {
            names,
            ty,
            values,
            iota,
            implicit: false,
            span: Span::new(start, end),
        }
    }

    pub(crate) fn var_spec(&mut self) -> ValueSpec {
        let start = self.pos();
        let first = self.name();
        let names = self.name_list(first);
        let mut ty = None;
        let mut values = Vec::new();
        if self.got_assign() {
            values = self.expr_list();
        } else {
            ty = Some(self.type_());
            if self.got_assign() {
                values = self.expr_list();
            }
        }
        let end = values
            .last()
            .map(|v| v.span.end)
            .or(ty.as_ref().map(|t| t.span.end))
            .unwrap_or(self.pos());
        ValueSpec {
            names,
            ty,
            values,
            iota: 0,
            implicit: false,
            span: Span::new(start, end),
        }
    }

    pub(crate) fn type_spec(&mut self) -> TypeSpec {
        let start = self.pos();
        let name = self.name();
        let alias = self.got_assign();
        let ty = match self.type_or_nil() {
            Some(t) => t,
            None => {
                let b = self.bad_expr();
                self.syntax_error("in type declaration");
                self.advance(&[SEMI, TokenKind::RParen]);
                b
            }
        };
        let end = ty.span.end;
        TypeSpec {
            name,
            alias,
            ty,
            span: Span::new(start, end),
        }
    }

    pub(crate) fn name_list(&mut self, first: Ident) -> Vec<Ident> {
        let mut l = vec![first];
        while self.got(TokenKind::Comma) {
            l.push(self.name());
        }
        l
    }

    /// After `func`.
    pub(crate) fn func_decl(&mut self, start: u32) -> Option<FuncDecl> {
        let mut recv = None;
        let mut has_recv = false;
        if self.got(TokenKind::LParen) {
            has_recv = true;
            let rpos = self.pos();
            let mut list = self.param_list(TokenKind::RParen, false);
            match list.len() {
                0 => self.error_at(rpos, "method has no receiver"),
                1 => recv = list.pop(),
                _ => {
                    self.error_at(rpos, "method has multiple receivers");
                    recv = Some(list.swap_remove(0));
                }
            }
        }
        let name;
        let sig;
        if self.kind() == TokenKind::Name {
            name = self.name();
            sig = self.func_type();
        } else {
            let id = self.new_id();
            let p = self.pos();
            name = Ident {
                id,
                name: "_".into(),
                span: Span::new(p, p),
            };
            sig = FuncType {
                span: Span::new(p, p),
                ..FuncType::default()
            };
            self.syntax_error(if has_recv {
                "expected name"
            } else {
                "expected name or ("
            });
            self.advance(&[TokenKind::LBrace, SEMI]);
        }
        let body = if self.kind() == TokenKind::LBrace {
            Some(self.func_body())
        } else {
            None
        };
        let end = body.as_ref().map_or(sig.span.end, |b| b.rbrace + 1);
        Some(FuncDecl {
            name,
            recv,
            sig,
            body,
            span: Span::new(start, end),
        })
    }

    pub(crate) fn func_body(&mut self) -> Block {
        self.fnest += 1;
        let b = self.block("");
        self.fnest -= 1;
        b
    }

    /// `"(" params ")" [results]`, positioned at `(`.
    pub(crate) fn func_type(&mut self) -> FuncType {
        let start = self.pos();
        if self.kind() == TokenKind::LBrack {
            self.syntax_error("generic functions are not supported by goscope");
            self.advance(&[TokenKind::LParen]);
        }
        self.want(TokenKind::LParen);
        let params = self.param_list(TokenKind::RParen, true);
        let results = self.func_result();
        let end = self.toks_prev_end();
        FuncType {
            params,
            results,
            span: Span::new(start, end),
        }
    }

    /// End offset of the previous token.
    pub(crate) fn toks_prev_end(&self) -> u32 {
        self.prev_end()
    }

    fn func_result(&mut self) -> Vec<Field> {
        if self.got(TokenKind::LParen) {
            return self.param_list(TokenKind::RParen, false);
        }
        match self.type_or_nil() {
            Some(ty) => vec![Field {
                name: None,
                ty,
                dots: false,
            }],
            None => Vec::new(),
        }
    }

    /// A parameter list after `(`, up to and including `close`.
    fn param_list(&mut self, close: TokenKind, dddok: bool) -> Vec<Field> {
        // Each entry: (name, type).
        let mut list: Vec<(Option<Ident>, Option<Expr>)> = Vec::new();
        let mut named = 0;
        let mut typed = 0;
        let end = self.list("parameter list", TokenKind::Comma, close, |p| {
            let (name, ty) = p.param_decl(close);
            if name.is_some() && ty.is_some() {
                named += 1;
            }
            if ty.is_some() {
                typed += 1;
            }
            if name.is_some() || ty.is_some() {
                list.push((name, ty));
            }
            false
        });
        if list.is_empty() {
            return Vec::new();
        }
        let mut fields: Vec<Field> = Vec::new();
        if named == 0 {
            // All unnamed: found names are type names.
            for (name, ty) in list {
                let ty = match (name, ty) {
                    (_, Some(t)) => t,
                    (Some(n), None) => self.mk(n.span, ExprKind::Name(n.name)),
                    (None, None) => self.bad_expr(),
                };
                fields.push(Field {
                    name: None,
                    ty,
                    dots: false,
                });
            }
        } else {
            let mut err_pos = None;
            let mut cur: Option<Expr> = None;
            let mut rev = Vec::new();
            for (name, ty) in list.into_iter().rev() {
                match (name, ty) {
                    (name, Some(t)) => {
                        let name = match name {
                            Some(n) => n,
                            None => {
                                err_pos = Some(t.span.start);
                                let id = self.new_id();
                                Ident {
                                    id,
                                    name: "_".into(),
                                    span: Span::new(t.span.start, t.span.start),
                                }
                            }
                        };
                        cur = Some(t.clone());
                        rev.push(Field {
                            name: Some(name),
                            ty: t,
                            dots: false,
                        });
                    }
                    (Some(n), None) => {
                        let ty = match &cur {
                            Some(t) => {
                                let mut t = t.clone();
                                t.id = self.new_id();
                                t
                            }
                            None => {
                                err_pos = Some(n.span.start);
                                self.mk(Span::new(n.span.start, n.span.start), ExprKind::Bad)
                            }
                        };
                        rev.push(Field {
                            name: Some(n),
                            ty,
                            dots: false,
                        });
                    }
                    (None, None) => {}
                }
            }
            rev.reverse();
            fields = rev;
            if let Some(pos) = err_pos {
                if named == typed {
                    self.syntax_error_at(end, "missing parameter type");
                } else {
                    self.syntax_error_at(pos, "missing parameter name");
                }
            }
        }
        // Check the use of `...`.
        let n = fields.len();
        let mut first = true;
        for (i, f) in fields.iter_mut().enumerate() {
            if let ExprKind::Dots(elem) = &f.ty.kind {
                let elem = (**elem).clone();
                if !dddok || i + 1 < n {
                    if first {
                        first = false;
                        let msg = if dddok {
                            "can only use ... with final parameter"
                        } else {
                            "invalid use of ..."
                        };
                        self.error_at(f.ty.span.start, msg);
                    }
                } else {
                    f.dots = true;
                }
                f.ty = elem;
            }
        }
        fields
    }

    /// `[name] [...] Type`: returns (name, type); a lone name is returned as (Some(name), None).
    fn param_decl(&mut self, close: TokenKind) -> (Option<Ident>, Option<Expr>) {
        match self.kind() {
            TokenKind::Name => {
                let name = self.name();
                if self.kind() == TokenKind::Dot {
                    // Qualified type name p.T.
                    let x = self.mk(name.span, ExprKind::Name(name.name.clone()));
                    self.next();
                    let sel = self.name();
                    let span = x.span.to(sel.span);
                    let t = self.mk(span, ExprKind::Selector(Box::new(x), sel));
                    return (None, Some(t));
                }
                if self.kind() == TokenKind::DotDotDot {
                    return (Some(name), Some(self.dots_type()));
                }
                match self.type_or_nil() {
                    Some(t) => (Some(name), Some(t)),
                    None => (Some(name), None),
                }
            }
            TokenKind::DotDotDot => (None, Some(self.dots_type())),
            _ => match self.type_or_nil() {
                Some(t) => (None, Some(t)),
                None => {
                    self.syntax_error(&format!("expected {}", close.describe()));
                    self.advance(&[TokenKind::Comma, close]);
                    (None, None)
                }
            },
        }
    }

    fn dots_type(&mut self) -> Expr {
        let start = self.pos();
        self.next();
        let elem = match self.type_or_nil() {
            Some(t) => t,
            None => {
                let b = self.bad_expr();
                self.syntax_error("... is missing type");
                b
            }
        };
        let span = Span::new(start, elem.span.end);
        self.mk(span, ExprKind::Dots(Box::new(elem)))
    }

    pub(crate) fn type_(&mut self) -> Expr {
        match self.type_or_nil() {
            Some(t) => t,
            None => {
                let b = self.bad_expr();
                self.syntax_error("expected type");
                self.advance(&[
                    TokenKind::Comma,
                    TokenKind::Colon,
                    SEMI,
                    TokenKind::RParen,
                    TokenKind::RBrack,
                    TokenKind::RBrace,
                ]);
                b
            }
        }
    }

    pub(crate) fn type_or_nil(&mut self) -> Option<Expr> {
        if !self.enter(0) {
            self.leave();
            return Some(self.bad_expr());
        }
        let t = self.type_or_nil_inner();
        self.leave();
        t
    }

    fn type_or_nil_inner(&mut self) -> Option<Expr> {
        let start = self.pos();
        let t = match self.kind() {
            TokenKind::Star => {
                self.next();
                let elem = self.type_();
                let span = Span::new(start, elem.span.end);
                self.mk(span, ExprKind::Star(Box::new(elem)))
            }
            TokenKind::Arrow => {
                self.next();
                self.want(TokenKind::Chan);
                let elem = self.type_();
                let span = Span::new(start, elem.span.end);
                self.mk(
                    span,
                    ExprKind::ChanType {
                        dir: 2,
                        elem: Box::new(elem),
                    },
                )
            }
            TokenKind::Func => {
                self.next();
                let ft = self.func_type();
                let span = Span::new(start, ft.span.end);
                self.mk(span, ExprKind::FuncType(Box::new(ft)))
            }
            TokenKind::LBrack => {
                self.next();
                let len = if self.got(TokenKind::RBrack) {
                    None
                } else {
                    self.xnest += 1;
                    let l = if self.kind() == TokenKind::DotDotDot {
                        let b = self.bad_expr();
                        self.next();
                        b
                    } else {
                        self.expr()
                    };
                    self.xnest -= 1;
                    self.want(TokenKind::RBrack);
                    Some(Box::new(l))
                };
                let elem = self.type_();
                let span = Span::new(start, elem.span.end);
                self.mk(
                    span,
                    ExprKind::ArrayType {
                        len,
                        elem: Box::new(elem),
                    },
                )
            }
            TokenKind::Chan => {
                self.next();
                let dir = if self.got(TokenKind::Arrow) { 1 } else { 0 };
                let elem = self.type_();
                let span = Span::new(start, elem.span.end);
                self.mk(
                    span,
                    ExprKind::ChanType {
                        dir,
                        elem: Box::new(elem),
                    },
                )
            }
            TokenKind::Map => {
                self.next();
                self.want(TokenKind::LBrack);
                let k = self.type_();
                self.want(TokenKind::RBrack);
                let v = self.type_();
                let span = Span::new(start, v.span.end);
                self.mk(span, ExprKind::MapType(Box::new(k), Box::new(v)))
            }
            TokenKind::Struct | TokenKind::Interface => {
                let is_struct = self.kind() == TokenKind::Struct;
                self.next();
                self.want(TokenKind::LBrace);
                let mut fields = Vec::new();
                self.list(
                    if is_struct {
                        "struct type"
                    } else {
                        "interface type"
                    },
                    SEMI,
                    TokenKind::RBrace,
                    |p| {
                        if is_struct {
                            p.struct_field_decl(&mut fields);
                        } else {
                            p.interface_elem(&mut fields);
                        }
                        false
                    },
                );
                let span = Span::new(start, self.prev_end());
                let kind = if is_struct {
                    ExprKind::StructType(fields)
                } else {
                    ExprKind::InterfaceType(fields)
                };
                self.mk(span, kind)
            }
            TokenKind::Name => {
                let n = self.name();
                let mut x = self.mk(n.span, ExprKind::Name(n.name));
                if self.kind() == TokenKind::Dot {
                    self.next();
                    let sel = self.name();
                    let span = x.span.to(sel.span);
                    x = self.mk(span, ExprKind::Selector(Box::new(x), sel));
                }
                x
            }
            TokenKind::LParen => {
                self.next();
                let t = self.type_();
                self.want(TokenKind::RParen);
                t
            }
            _ => return None,
        };
        Some(t)
    }
}
