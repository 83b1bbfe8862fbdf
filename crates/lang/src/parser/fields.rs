//! Struct field declarations and interface elements, embedded ones included
//! (`syntax/parser.go` `fieldDecl`, `methodDecl`; spec "Struct types", "Interface types").
//!
//! A struct field is either `a, b T [tag]` or an embedded field `T`, `*T`, `pkg.T`, `*pkg.T`
//! `[tag]`: a name directly followed by `.`, a tag, `;` or `}` is an embedded type, as in Go's
//! parser. An interface element is a method `M(...)` or an embedded interface `I` / `pkg.I`
//! (type-set unions belong to generics, which goscope leaves out).
//!
//! Embedded fields are recorded as a [`Field`] with no name; the checker names them after their
//! type (`types2` `embeddedFieldIdent`). Tags are parsed and dropped: nothing in the subset
//! reads them (no reflection).

use super::Parser;
use crate::ast::*;
use crate::token::{LitKind, SemiKind, TokenKind};

impl Parser<'_, '_> {
    /// One line of a struct type's field list, appended to `fields`.
    pub(crate) fn struct_field_decl(&mut self, fields: &mut Vec<Field>) {
        match self.kind() {
            TokenKind::Name => {
                let name = self.name();
                if matches!(
                    self.kind(),
                    TokenKind::Dot
                        | TokenKind::Literal(LitKind::String)
                        | TokenKind::Semi(_)
                        | TokenKind::RBrace
                ) {
                    let ty = self.qualified_name(name);
                    self.opt_tag();
                    fields.push(embedded(ty));
                    return;
                }
                let names = self.name_list(name);
                let ty = self.type_();
                self.opt_tag();
                for n in names {
                    fields.push(Field {
                        name: Some(n),
                        ty: ty.clone(),
                        dots: false,
                    });
                }
            }
            TokenKind::Star => {
                let start = self.pos();
                self.next();
                if self.kind() == TokenKind::LParen {
                    self.syntax_error("cannot parenthesize embedded type");
                    self.advance(&[TokenKind::Semi(SemiKind::Explicit), TokenKind::RBrace]);
                    return;
                }
                if self.kind() != TokenKind::Name {
                    // `qualifiedName(nil)`: stop before `}` so the struct still closes.
                    self.syntax_error("expected name");
                    self.advance(&[
                        TokenKind::Dot,
                        TokenKind::Semi(SemiKind::Explicit),
                        TokenKind::RBrace,
                    ]);
                    return;
                }
                let first = self.name();
                let base = self.qualified_name(first);
                let span = Span::new(start, base.span.end);
                let ty = self.mk(span, ExprKind::Star(Box::new(base)));
                self.opt_tag();
                fields.push(embedded(ty));
            }
            TokenKind::LParen => {
                self.syntax_error("cannot parenthesize embedded type");
                self.advance(&[TokenKind::Semi(SemiKind::Explicit), TokenKind::RBrace]);
            }
            _ => {
                self.syntax_error("expected field name or embedded type");
                self.advance(&[TokenKind::Semi(SemiKind::Explicit), TokenKind::RBrace]);
            }
        }
    }

    /// One element of an interface type: a method or an embedded interface.
    pub(crate) fn interface_elem(&mut self, fields: &mut Vec<Field>) {
        let first = self.name();
        if self.kind() == TokenKind::LParen {
            let ft = self.func_type();
            let span = ft.span;
            let ty = self.mk(span, ExprKind::FuncType(Box::new(ft)));
            fields.push(Field {
                name: Some(first),
                ty,
                dots: false,
            });
            return;
        }
        let ty = self.qualified_name(first);
        fields.push(embedded(ty));
    }

    /// `name` or `name.Sel`, as a type expression.
    fn qualified_name(&mut self, name: Ident) -> Expr {
        let x = self.mk(name.span, ExprKind::Name(name.name));
        if self.got(TokenKind::Dot) {
            let sel = self.name();
            let span = x.span.to(sel.span);
            return self.mk(span, ExprKind::Selector(Box::new(x), sel));
        }
        x
    }

    /// An optional field tag (a string literal), skipped.
    fn opt_tag(&mut self) {
        if self.kind() == TokenKind::Literal(LitKind::String) {
            self.next();
        }
    }
}

fn embedded(ty: Expr) -> Field {
    Field {
        name: None,
        ty,
        dots: false,
    }
}
