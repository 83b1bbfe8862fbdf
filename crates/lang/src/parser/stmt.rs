//! Statements: simple statements, blocks, `if`, `for`, `switch`, branches, labels.
//! Port of `syntax/parser.go` (`simpleStmt`, `stmtOrNil`, `stmtList`, `header`, `ifStmt`, ...).

use super::Parser;
use crate::ast::*;
use crate::token::{Op, SemiKind, TokenKind};

const SEMI: TokenKind = TokenKind::Semi(SemiKind::Explicit);

/// Result of `simple_stmt` in a `for` header: a statement or a range clause.
pub(super) enum Simple {
    Stmt(Stmt),
    Range {
        key: Option<Expr>,
        value: Option<Expr>,
        define: bool,
        x: Expr,
        start: u32,
    },
}

impl Parser<'_, '_> {
    /// A block counts as two nesting levels: statements recurse deeper than expressions.
    pub(crate) fn block(&mut self, context: &str) -> Block {
        let ok = self.enter(1);
        self.depth += 1;
        if !ok {
            self.depth = self.depth.saturating_sub(2);
            let p = self.pos();
            return Block {
                stmts: Vec::new(),
                lbrace: p,
                rbrace: p,
            };
        }
        let b = self.block_inner(context);
        self.depth = self.depth.saturating_sub(2);
        b
    }

    fn block_inner(&mut self, context: &str) -> Block {
        let lbrace = self.pos();
        if !self.got(TokenKind::LBrace) {
            self.syntax_error(&format!("expected {{ after {context}"));
            self.advance(&[TokenKind::Name, TokenKind::RBrace]);
            let rbrace = self.pos();
            if self.got(TokenKind::RBrace) {
                return Block {
                    stmts: Vec::new(),
                    lbrace,
                    rbrace,
                };
            }
        }
        let stmts = self.stmt_list();
        let rbrace = self.pos();
        self.want(TokenKind::RBrace);
        Block {
            stmts,
            lbrace,
            rbrace,
        }
    }

    pub(crate) fn stmt_list(&mut self) -> Vec<Stmt> {
        let mut l = Vec::new();
        while !matches!(
            self.kind(),
            TokenKind::Eof | TokenKind::RBrace | TokenKind::Case | TokenKind::Default
        ) {
            let Some(s) = self.stmt_or_nil() else { break };
            l.push(s);
            if !self.got(SEMI) && self.kind() != TokenKind::RBrace {
                self.syntax_error("at end of statement");
                self.advance(&[SEMI, TokenKind::RBrace, TokenKind::Case, TokenKind::Default]);
                self.got(SEMI);
            }
        }
        l
    }

    fn stmt_or_nil(&mut self) -> Option<Stmt> {
        let start = self.pos();
        let k = self.kind();
        if k == TokenKind::Name {
            let lhs = self.expr_list();
            if lhs.len() == 1
                && let ExprKind::Name(n) = &lhs[0].kind
                && self.kind() == TokenKind::Colon
            {
                let label = Ident {
                    id: lhs[0].id,
                    name: n.clone(),
                    span: lhs[0].span,
                };
                return self.labeled_stmt(label);
            }
            return Some(self.simple_stmt_from(lhs, false).into_stmt(self));
        }
        let stmt = |kind, p: &Self| Stmt {
            kind,
            span: Span::new(start, p.prev_end()),
        };
        match k {
            TokenKind::Var => {
                self.next();
                let mut specs = Vec::new();
                self.group(|p, _| specs.push(p.var_spec()));
                Some(self.decl_stmt(start, specs, StmtKind::Var))
            }
            TokenKind::Const => {
                self.next();
                let mut specs = Vec::new();
                self.const_group(&mut |s| specs.push(s));
                Some(self.decl_stmt(start, specs, StmtKind::Const))
            }
            TokenKind::Type => {
                self.next();
                let mut specs = Vec::new();
                self.group(|p, _| specs.push(p.type_spec()));
                let mut stmts: Vec<Stmt> = specs
                    .into_iter()
                    .map(|s| Stmt {
                        span: s.span,
                        kind: StmtKind::Type(s),
                    })
                    .collect();
                Some(if stmts.len() == 1 {
                    stmts.pop().unwrap_or(Stmt {
                        kind: StmtKind::Empty,
                        span: Span::new(start, start),
                    })
                } else {
                    stmt(
                        StmtKind::Block(Block {
                            stmts,
                            lbrace: start,
                            rbrace: start,
                        }),
                        self,
                    )
                })
            }
            TokenKind::LBrace => {
                let b = self.block("");
                Some(stmt(StmtKind::Block(b), self))
            }
            TokenKind::Operator(Op::Add | Op::Sub | Op::And | Op::Xor | Op::Not)
            | TokenKind::Star
            | TokenKind::Literal(_)
            | TokenKind::Func
            | TokenKind::LParen
            | TokenKind::LBrack
            | TokenKind::Struct
            | TokenKind::Map
            | TokenKind::Chan
            | TokenKind::Interface
            | TokenKind::Arrow => {
                let lhs = self.expr_list();
                Some(self.simple_stmt_from(lhs, false).into_stmt(self))
            }
            TokenKind::For => Some(self.for_stmt()),
            TokenKind::If => Some(self.if_stmt()),
            TokenKind::Switch => Some(self.switch_stmt()),
            TokenKind::Select => Some(self.select_stmt()),
            TokenKind::Fallthrough => {
                self.next();
                Some(stmt(
                    StmtKind::Branch {
                        kind: BranchKind::Fallthrough,
                        label: None,
                    },
                    self,
                ))
            }
            TokenKind::Break | TokenKind::Continue => {
                let kind = if k == TokenKind::Break {
                    BranchKind::Break
                } else {
                    BranchKind::Continue
                };
                self.next();
                let label = if self.kind() == TokenKind::Name {
                    Some(self.name())
                } else {
                    None
                };
                Some(stmt(StmtKind::Branch { kind, label }, self))
            }
            TokenKind::Goto => {
                self.next();
                let label = Some(self.name());
                Some(stmt(
                    StmtKind::Branch {
                        kind: BranchKind::Goto,
                        label,
                    },
                    self,
                ))
            }
            TokenKind::Go | TokenKind::Defer => {
                self.next();
                let call = self.pexpr(true);
                if let ExprKind::Paren(_) = call.kind {
                    let what = if k == TokenKind::Go { "go" } else { "defer" };
                    self.error_at(
                        call.span.start,
                        format!("expression in {what} must not be parenthesized"),
                    );
                }
                Some(stmt(
                    StmtKind::GoDefer {
                        go: k == TokenKind::Go,
                        call,
                    },
                    self,
                ))
            }
            TokenKind::Return => {
                self.next();
                let results = if !matches!(self.kind(), TokenKind::Semi(_) | TokenKind::RBrace) {
                    self.expr_list()
                } else {
                    Vec::new()
                };
                Some(stmt(StmtKind::Return { results }, self))
            }
            TokenKind::Semi(_) => Some(Stmt {
                kind: StmtKind::Empty,
                span: Span::new(start, start),
            }),
            _ => None,
        }
    }

    fn decl_stmt(
        &mut self,
        start: u32,
        specs: Vec<ValueSpec>,
        f: fn(ValueSpec) -> StmtKind,
    ) -> Stmt {
        let mut stmts: Vec<Stmt> = specs
            .into_iter()
            .map(|s| Stmt {
                span: s.span,
                kind: f(s),
            })
            .collect();
        if stmts.len() == 1 {
            return stmts.pop().unwrap_or(Stmt {
                kind: StmtKind::Empty,
                span: Span::new(start, start),
            });
        }
        // A group: a block-less sequence is modelled as a Block that does not open a scope.
        // (The checker treats `StmtKind::Block` with lbrace == rbrace == start as a group.)
        Stmt {
            kind: StmtKind::Block(Block {
                stmts,
                lbrace: start,
                rbrace: start,
            }),
            span: Span::new(start, self.prev_end()),
        }
    }

    fn labeled_stmt(&mut self, label: Ident) -> Option<Stmt> {
        let colon = self.pos();
        self.want(TokenKind::Colon);
        if self.kind() == TokenKind::RBrace {
            let p = self.pos();
            let empty = Stmt {
                kind: StmtKind::Empty,
                span: Span::new(p, p),
            };
            return Some(Stmt {
                span: label.span.to(empty.span),
                kind: StmtKind::Labeled {
                    label,
                    stmt: Box::new(empty),
                },
            });
        }
        match self.stmt_or_nil() {
            Some(s) => Some(Stmt {
                span: label.span.to(s.span),
                kind: StmtKind::Labeled {
                    label,
                    stmt: Box::new(s),
                },
            }),
            None => {
                self.syntax_error_at(colon, "missing statement after label");
                None
            }
        }
    }

    /// `simpleStmt` with the left-hand side already parsed.
    fn simple_stmt_from(&mut self, lhs: Vec<Expr>, range_ok: bool) -> Simple {
        let start = lhs.first().map_or(self.pos(), |e| e.span.start);
        let mk = |kind, p: &Self| {
            Simple::Stmt(Stmt {
                kind,
                span: Span::new(start, p.prev_end()),
            })
        };
        if lhs.len() == 1 && !matches!(self.kind(), TokenKind::Assign | TokenKind::Define) {
            let pos = self.pos();
            let x = match lhs.into_iter().next() {
                Some(x) => x,
                None => self.bad_expr(),
            };
            return match self.kind() {
                TokenKind::AssignOp(op) => {
                    self.next();
                    let y = self.expr();
                    mk(
                        StmtKind::Assign {
                            lhs: vec![x],
                            rhs: vec![y],
                            op: Some(op),
                            define: false,
                            pos,
                        },
                        self,
                    )
                }
                TokenKind::IncOp(op) => {
                    self.next();
                    mk(StmtKind::IncDec { x, op }, self)
                }
                TokenKind::Arrow => {
                    self.next();
                    let value = self.expr();
                    mk(StmtKind::Send { ch: x, value }, self)
                }
                _ => mk(StmtKind::Expr(x), self),
            };
        }
        match self.kind() {
            TokenKind::Assign | TokenKind::Define => {
                let pos = self.pos();
                let define = self.kind() == TokenKind::Define;
                self.next();
                if range_ok && self.kind() == TokenKind::Range {
                    let rstart = self.pos();
                    self.next();
                    let x = self.expr();
                    let mut it = lhs.into_iter();
                    let key = it.next();
                    let value = it.next();
                    return Simple::Range {
                        key,
                        value,
                        define,
                        x,
                        start: rstart.min(start),
                    };
                }
                let rhs = self.expr_list();
                mk(
                    StmtKind::Assign {
                        lhs,
                        rhs,
                        op: None,
                        define,
                        pos,
                    },
                    self,
                )
            }
            _ => {
                self.syntax_error("expected := or = or comma");
                self.advance(&[SEMI, TokenKind::RBrace]);
                let x = match lhs.into_iter().next() {
                    Some(x) => x,
                    None => self.bad_expr(),
                };
                mk(StmtKind::Expr(x), self)
            }
        }
    }

    pub(super) fn simple_stmt(&mut self, range_ok: bool) -> Simple {
        if range_ok && self.kind() == TokenKind::Range {
            let start = self.pos();
            self.next();
            let x = self.expr();
            return Simple::Range {
                key: None,
                value: None,
                define: false,
                x,
                start,
            };
        }
        let lhs = self.expr_list();
        self.simple_stmt_from(lhs, range_ok)
    }

    /// `header`: the clauses of `if`, `for` and `switch` (keyword already consumed).
    /// Returns (init, cond, post) where init may be a range clause (for `for` only).
    fn header(&mut self, keyword: TokenKind) -> (Option<Simple>, Option<Expr>, Option<Stmt>) {
        if self.kind() == TokenKind::LBrace {
            if keyword == TokenKind::If {
                self.syntax_error("missing condition in if statement");
                let b = self.bad_expr();
                return (None, Some(b), None);
            }
            return (None, None, None);
        }
        let outer = self.xnest;
        self.xnest = -1;
        let mut init = None;
        if !matches!(self.kind(), TokenKind::Semi(_)) {
            if self.got(TokenKind::Var) {
                self.syntax_error(&format!(
                    "var declaration not allowed in {} initializer",
                    keyword.keyword_str()
                ));
            }
            let s = self.simple_stmt(keyword == TokenKind::For);
            if matches!(s, Simple::Range { .. }) {
                self.xnest = outer;
                return (Some(s), None, None);
            }
            init = Some(s);
        }
        let mut cond_stmt: Option<Simple> = None;
        let mut post = None;
        let mut semi: Option<(u32, SemiKind)> = None;
        if self.kind() != TokenKind::LBrace {
            if let TokenKind::Semi(kind) = self.kind() {
                semi = Some((self.pos(), kind));
                self.next();
            } else {
                self.want(TokenKind::LBrace);
                if self.kind() != TokenKind::LBrace {
                    self.advance(&[TokenKind::LBrace, TokenKind::RBrace]);
                }
            }
            if keyword == TokenKind::For {
                if !matches!(self.kind(), TokenKind::Semi(_)) {
                    if self.kind() == TokenKind::LBrace {
                        self.syntax_error("expected for loop condition");
                        self.xnest = outer;
                        return (init, None, None);
                    }
                    cond_stmt = Some(self.simple_stmt(false));
                }
                self.want(SEMI);
                if self.kind() != TokenKind::LBrace {
                    let s = self.simple_stmt(false).into_stmt(self);
                    if let StmtKind::Assign {
                        define: true, pos, ..
                    } = s.kind
                    {
                        self.syntax_error_at(pos, "cannot declare in post statement of for loop");
                    }
                    post = Some(s);
                }
            } else if self.kind() != TokenKind::LBrace {
                cond_stmt = Some(self.simple_stmt(false));
            }
        } else {
            cond_stmt = init.take();
        }
        let mut cond = None;
        match cond_stmt {
            None => {
                if keyword == TokenKind::If
                    && let Some((pos, kind)) = semi
                {
                    if kind != SemiKind::Explicit {
                        let lit = if kind == SemiKind::Newline {
                            "newline"
                        } else {
                            "EOF"
                        };
                        self.syntax_error_at(
                            pos,
                            &format!("unexpected {lit}, expected {{ after if clause"),
                        );
                    } else {
                        self.syntax_error_at(pos, "missing condition in if statement");
                    }
                    cond = Some(self.mk(Span::new(pos, pos), ExprKind::Bad));
                }
            }
            Some(Simple::Stmt(Stmt {
                kind: StmtKind::Expr(x),
                ..
            })) => cond = Some(x),
            // `switch v := x.(type)`: the guard is returned as the condition, the binding as the
            // third element (the `post` slot, unused by switches).
            Some(Simple::Stmt(Stmt {
                kind:
                    StmtKind::Assign {
                        lhs,
                        rhs,
                        define: true,
                        op: None,
                        pos,
                    },
                span,
            })) if keyword == TokenKind::Switch
                && lhs.len() == 1
                && rhs.len() == 1
                && matches!(lhs[0].kind, ExprKind::Name(_))
                && matches!(rhs[0].kind, ExprKind::Assert(_, None)) =>
            {
                let mut rhs = rhs;
                cond = rhs.pop();
                post = Some(Stmt {
                    kind: StmtKind::Assign {
                        lhs,
                        rhs: Vec::new(),
                        define: true,
                        op: None,
                        pos,
                    },
                    span,
                });
            }
            Some(other) => {
                let s = other.into_stmt(self);
                let text = match &s.kind {
                    StmtKind::Assign {
                        lhs,
                        rhs,
                        op: None,
                        define: false,
                        ..
                    } => {
                        format!(
                            "assignment {} = {}",
                            emphasize(lhs, self.src),
                            emphasize(rhs, self.src)
                        )
                    }
                    _ => self.src.get(s.span.range()).unwrap_or("").to_string(),
                };
                let at = match &s.kind {
                    StmtKind::Assign { pos, .. } => *pos,
                    _ => s.span.start,
                };
                self.syntax_error_at(at, &format!("cannot use {text} as value"));
            }
        }
        self.xnest = outer;
        (init, cond, post)
    }

    fn if_stmt(&mut self) -> Stmt {
        let start = self.pos();
        self.next();
        let (init, cond, _) = self.header(TokenKind::If);
        let init = init.map(|s| Box::new(s.into_stmt(self)));
        let then = self.block("if clause");
        let mut els = None;
        if self.got(TokenKind::Else) {
            match self.kind() {
                TokenKind::If => els = Some(Box::new(self.if_stmt())),
                TokenKind::LBrace => {
                    let bstart = self.pos();
                    let b = self.block("");
                    els = Some(Box::new(Stmt {
                        kind: StmtKind::Block(b),
                        span: Span::new(bstart, self.prev_end()),
                    }));
                }
                _ => {
                    self.syntax_error("else must be followed by if or statement block");
                    self.advance(&[TokenKind::Name, TokenKind::RBrace]);
                }
            }
        }
        Stmt {
            kind: StmtKind::If {
                init,
                cond,
                then,
                els,
            },
            span: Span::new(start, self.prev_end()),
        }
    }

    fn for_stmt(&mut self) -> Stmt {
        let start = self.pos();
        self.next();
        let (init, cond, post) = self.header(TokenKind::For);
        if let Some(Simple::Range {
            key,
            value,
            define,
            x,
            ..
        }) = init
        {
            let body = self.block("for clause");
            return Stmt {
                kind: StmtKind::Range {
                    key,
                    value,
                    define,
                    x,
                    body,
                },
                span: Span::new(start, self.prev_end()),
            };
        }
        let init = init.map(|s| Box::new(s.into_stmt(self)));
        let body = self.block("for clause");
        Stmt {
            kind: StmtKind::For {
                init,
                cond,
                post: post.map(Box::new),
                body,
            },
            span: Span::new(start, self.prev_end()),
        }
    }

    fn switch_stmt(&mut self) -> Stmt {
        let start = self.pos();
        self.next();
        let (init, tag, bind) = self.header(TokenKind::Switch);
        let init = init.map(|s| Box::new(s.into_stmt(self)));
        let bind = match bind.map(|b| b.kind) {
            Some(StmtKind::Assign { mut lhs, .. }) => {
                match lhs.pop().map(|e| (e.kind, e.id, e.span)) {
                    Some((ExprKind::Name(name), id, span)) => Some(Ident { id, name, span }),
                    _ => None,
                }
            }
            _ => None,
        };
        if !self.got(TokenKind::LBrace) {
            self.syntax_error("missing { after switch clause");
            self.advance(&[TokenKind::Case, TokenKind::Default, TokenKind::RBrace]);
        }
        let mut clauses = Vec::new();
        while matches!(self.kind(), TokenKind::Case | TokenKind::Default) {
            let cstart = self.pos();
            let default = self.kind() == TokenKind::Default;
            self.next();
            let exprs = if default {
                Vec::new()
            } else {
                self.expr_list()
            };
            self.want(TokenKind::Colon);
            let body = self.stmt_list();
            clauses.push(CaseClause {
                exprs,
                default,
                body,
                span: Span::new(cstart, self.prev_end()),
            });
        }
        let rbrace = self.pos();
        self.want(TokenKind::RBrace);
        Stmt {
            kind: StmtKind::Switch {
                init,
                tag,
                bind,
                clauses,
                rbrace,
            },
            span: Span::new(start, self.prev_end()),
        }
    }
}

impl Simple {
    pub(super) fn into_stmt(self, p: &mut Parser<'_, '_>) -> Stmt {
        match self {
            Simple::Stmt(s) => s,
            Simple::Range { x, start, .. } => {
                // A range clause where it is not allowed: keep the expression.
                p.syntax_error_at(start, "unexpected range");
                Stmt {
                    span: Span::new(start, x.span.end),
                    kind: StmtKind::Expr(x),
                }
            }
        }
    }
}

/// `emphasize` of the syntax package: parenthesize binary expressions.
fn emphasize(list: &[Expr], src: &str) -> String {
    let parts: Vec<String> = list
        .iter()
        .map(|e| {
            let s = crate::printer::expr_string(e, src);
            if matches!(e.kind, ExprKind::Binary { .. }) && list.len() == 1 {
                format!("({s})")
            } else {
                s
            }
        })
        .collect();
    parts.join(", ")
}
