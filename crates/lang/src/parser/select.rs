//! `select` statements: port of `syntax/parser.go`'s `selectStmt` and `commClause`.
//!
//! As in Go's parser, a `case` takes any simple statement; that it is a send, a receive or an
//! assignment of a receive is checked by the type checker (`select case must be receive,
//! send or assign recv`), so a malformed case still yields a tree to report against.

use super::Parser;
use crate::ast::*;
use crate::token::TokenKind;

impl Parser<'_, '_> {
    /// `select { case ...: ... default: ... }`.
    pub(super) fn select_stmt(&mut self) -> Stmt {
        let start = self.pos();
        self.next();
        if !self.got(TokenKind::LBrace) {
            self.syntax_error("missing { after select clause");
            self.advance(&[TokenKind::Case, TokenKind::Default, TokenKind::RBrace]);
        }
        let mut clauses = Vec::new();
        while matches!(self.kind(), TokenKind::Case | TokenKind::Default) {
            let cstart = self.pos();
            let default = self.kind() == TokenKind::Default;
            self.next();
            let comm = if default {
                None
            } else {
                Some(Box::new(self.simple_stmt(false).into_stmt(self)))
            };
            self.want(TokenKind::Colon);
            let body = self.stmt_list();
            clauses.push(CommClause {
                comm,
                body,
                span: Span::new(cstart, self.prev_end()),
            });
        }
        let rbrace = self.pos();
        self.want(TokenKind::RBrace);
        Stmt {
            kind: StmtKind::Select { clauses, rbrace },
            span: Span::new(start, self.prev_end()),
        }
    }
}
