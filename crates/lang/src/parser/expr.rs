//! Expressions: binary/unary operators by precedence, primary expressions (selectors, index,
//! slices, calls, composite literals), operands. Port of `syntax/parser.go` (`binaryExpr`,
//! `unaryExpr`, `operand`, `pexpr`, `argList`, `complitexpr`).

use super::Parser;
use crate::ast::*;
use crate::token::{Op, TokenKind};

impl Parser<'_, '_> {
    pub(crate) fn expr(&mut self) -> Expr {
        let x = self.unary_expr();
        self.binary_expr(x, 0)
    }

    fn binary_op(&self) -> Option<Op> {
        match self.kind() {
            TokenKind::Operator(op) if op.precedence() > 0 => Some(op),
            TokenKind::Star => Some(Op::Mul),
            _ => None,
        }
    }

    pub(crate) fn binary_expr(&mut self, mut x: Expr, prec: u8) -> Expr {
        let mut chain = 0;
        while let Some(op) = self.binary_op() {
            chain += 1;
            if !self.enter(chain) {
                self.leave();
                break;
            }
            self.leave();
            let oprec = op.precedence();
            if oprec <= prec {
                break;
            }
            let op_pos = self.pos();
            self.next();
            let y0 = self.unary_expr();
            let y = self.binary_expr(y0, oprec);
            let span = x.span.to(y.span);
            x = self.mk(
                span,
                ExprKind::Binary {
                    op,
                    x: Box::new(x),
                    y: Box::new(y),
                    op_pos,
                },
            );
        }
        x
    }

    pub(crate) fn unary_expr(&mut self) -> Expr {
        if !self.enter(0) {
            self.leave();
            return self.bad_expr();
        }
        let x = self.unary_expr_inner();
        self.leave();
        x
    }

    fn unary_expr_inner(&mut self) -> Expr {
        let start = self.pos();
        match self.kind() {
            TokenKind::Operator(
                op @ (Op::Add | Op::Sub | Op::Not | Op::Xor | Op::Tilde | Op::And),
            ) => {
                self.next();
                let x = self.unary_expr();
                let span = Span::new(start, x.span.end);
                let x = if op == Op::And { strip_parens(x) } else { x };
                self.mk(span, ExprKind::Unary { op, x: Box::new(x) })
            }
            TokenKind::Star => {
                self.next();
                let x = self.unary_expr();
                let span = Span::new(start, x.span.end);
                self.mk(span, ExprKind::Star(Box::new(x)))
            }
            TokenKind::Arrow => {
                self.next();
                let x = self.unary_expr();
                let span = Span::new(start, x.span.end);
                if let ExprKind::ChanType { dir, elem } = x.kind {
                    // <-chan T: a receive-only channel type.
                    if dir == 2 {
                        self.syntax_error("unexpected <-, expected chan");
                    }
                    return self.mk(span, ExprKind::ChanType { dir: 2, elem });
                }
                self.mk(
                    span,
                    ExprKind::Unary {
                        op: Op::Recv,
                        x: Box::new(x),
                    },
                )
            }
            _ => self.pexpr(true),
        }
    }

    fn operand(&mut self, keep_parens: bool) -> Expr {
        let start = self.pos();
        match self.kind() {
            TokenKind::Name => {
                let n = self.name();
                self.mk(n.span, ExprKind::Name(n.name))
            }
            TokenKind::Literal(_) => self.literal(),
            TokenKind::LParen => {
                self.next();
                self.xnest += 1;
                let x = self.expr();
                self.xnest -= 1;
                self.want(TokenKind::RParen);
                let span = Span::new(start, self.prev_end());
                if keep_parens || self.kind() == TokenKind::LBrace {
                    self.mk(span, ExprKind::Paren(Box::new(x)))
                } else {
                    x
                }
            }
            TokenKind::Func => {
                self.next();
                let ft = self.func_type();
                if self.kind() == TokenKind::LBrace {
                    self.xnest += 1;
                    let body = self.func_body();
                    self.xnest -= 1;
                    let span = Span::new(start, body.rbrace + 1);
                    return self.mk(span, ExprKind::FuncLit(Box::new(ft), Box::new(body)));
                }
                let span = Span::new(start, ft.span.end);
                self.mk(span, ExprKind::FuncType(Box::new(ft)))
            }
            TokenKind::LBrack
            | TokenKind::Chan
            | TokenKind::Map
            | TokenKind::Struct
            | TokenKind::Interface => self.type_(),
            _ => {
                let x = self.bad_expr();
                self.syntax_error("expected expression");
                self.advance(&[TokenKind::RParen, TokenKind::RBrack, TokenKind::RBrace]);
                x
            }
        }
    }

    /// PrimaryExpr.
    pub(crate) fn pexpr(&mut self, keep_parens: bool) -> Expr {
        let mut x = self.operand(keep_parens);
        loop {
            let pos = self.pos();
            match self.kind() {
                TokenKind::Dot => {
                    self.next();
                    match self.kind() {
                        TokenKind::Name => {
                            let sel = self.name();
                            let span = x.span.to(sel.span);
                            x = self.mk(span, ExprKind::Selector(Box::new(x), sel));
                        }
                        TokenKind::LParen => {
                            self.next();
                            let ty = if self.got(TokenKind::Type) {
                                None
                            } else {
                                Some(Box::new(self.type_()))
                            };
                            self.want(TokenKind::RParen);
                            let span = Span::new(x.span.start, self.prev_end());
                            x = self.mk(span, ExprKind::Assert(Box::new(x), ty));
                        }
                        _ => {
                            self.syntax_error("expected name or (");
                            self.advance(&[
                                TokenKind::Semi(crate::token::SemiKind::Explicit),
                                TokenKind::RParen,
                            ]);
                        }
                    }
                }
                TokenKind::LBrack => {
                    self.next();
                    let mut lo = None;
                    if self.kind() != TokenKind::Colon {
                        let i = if self.kind() == TokenKind::RBrack {
                            self.syntax_error("expected operand");
                            self.bad_expr()
                        } else {
                            self.xnest += 1;
                            let i = self.expr();
                            self.xnest -= 1;
                            i
                        };
                        if self.kind() == TokenKind::RBrack || self.kind() == TokenKind::Comma {
                            self.want(TokenKind::RBrack);
                            let span = Span::new(x.span.start, self.prev_end());
                            x = self.mk(span, ExprKind::Index(Box::new(x), Box::new(i)));
                            continue;
                        }
                        lo = Some(Box::new(i));
                    }
                    if !self.got(TokenKind::Colon) {
                        self.syntax_error("expected comma, : or ]");
                        self.advance(&[TokenKind::Comma, TokenKind::Colon, TokenKind::RBrack]);
                    }
                    self.xnest += 1;
                    let mut hi = None;
                    let mut max = None;
                    if self.kind() != TokenKind::Colon && self.kind() != TokenKind::RBrack {
                        hi = Some(Box::new(self.expr()));
                    }
                    if self.kind() == TokenKind::Colon {
                        if hi.is_none() {
                            let p = self.pos();
                            self.error_at(p, "middle index required in 3-index slice");
                            hi = Some(Box::new(self.bad_expr()));
                        }
                        self.next();
                        if self.kind() != TokenKind::RBrack {
                            max = Some(Box::new(self.expr()));
                        } else {
                            let p = self.pos();
                            self.error_at(p, "final index required in 3-index slice");
                            max = Some(Box::new(self.bad_expr()));
                        }
                    }
                    self.xnest -= 1;
                    self.want(TokenKind::RBrack);
                    let span = Span::new(x.span.start, self.prev_end());
                    x = self.mk(
                        span,
                        ExprKind::Slice {
                            x: Box::new(x),
                            lo,
                            hi,
                            max,
                        },
                    );
                }
                TokenKind::LParen => {
                    self.next();
                    let (args, dots, rparen) = self.arg_list();
                    let span = Span::new(x.span.start, rparen + 1);
                    x = self.mk(
                        span,
                        ExprKind::Call {
                            fun: Box::new(x),
                            args,
                            dots,
                            rparen,
                        },
                    );
                }
                TokenKind::LBrace => {
                    let t = x.unparen();
                    let complit_ok = match &t.kind {
                        ExprKind::Name(_) | ExprKind::Selector(..) => self.xnest >= 0,
                        ExprKind::Index(..) => self.xnest >= 0,
                        ExprKind::ArrayType { .. }
                        | ExprKind::StructType(_)
                        | ExprKind::MapType(..) => true,
                        _ => false,
                    };
                    if !complit_ok {
                        break;
                    }
                    if matches!(x.kind, ExprKind::Paren(_)) {
                        self.syntax_error("cannot parenthesize type in composite literal");
                    }
                    x = self.complit(Some(x));
                }
                _ => break,
            }
            let _ = pos;
        }
        x
    }

    /// Arguments after `(`: returns (args, has `...`, offset of `)`).
    pub(crate) fn arg_list(&mut self) -> (Vec<Expr>, bool, u32) {
        let mut args = Vec::new();
        let mut dots = false;
        self.xnest += 1;
        let rparen = self.list("argument list", TokenKind::Comma, TokenKind::RParen, |p| {
            args.push(p.expr());
            dots = p.got(TokenKind::DotDotDot);
            dots
        });
        self.xnest -= 1;
        (args, dots, rparen)
    }

    fn bare_complit_expr(&mut self) -> Expr {
        if self.kind() == TokenKind::LBrace {
            self.complit(None)
        } else {
            self.expr()
        }
    }

    /// `{ elems }` with an optional type.
    fn complit(&mut self, ty: Option<Expr>) -> Expr {
        let start = ty.as_ref().map_or(self.pos(), |t| t.span.start);
        self.xnest += 1;
        self.want(TokenKind::LBrace);
        let mut elems = Vec::new();
        let rbrace = self.list(
            "composite literal",
            TokenKind::Comma,
            TokenKind::RBrace,
            |p| {
                let e = p.bare_complit_expr();
                if p.kind() == TokenKind::Colon {
                    p.next();
                    let v = p.bare_complit_expr();
                    let span = e.span.to(v.span);
                    let kv = p.mk(span, ExprKind::KeyValue(Box::new(e), Box::new(v)));
                    elems.push(kv);
                } else {
                    elems.push(e);
                }
                false
            },
        );
        self.xnest -= 1;
        let span = Span::new(start, rbrace + 1);
        self.mk(
            span,
            ExprKind::CompositeLit {
                ty: ty.map(Box::new),
                elems,
                rbrace,
            },
        )
    }

    pub(crate) fn expr_list(&mut self) -> Vec<Expr> {
        let mut l = vec![self.expr()];
        while self.got(TokenKind::Comma) {
            l.push(self.expr());
        }
        l
    }
}

fn strip_parens(mut x: Expr) -> Expr {
    while let ExprKind::Paren(inner) = x.kind {
        x = *inner;
    }
    x
}
