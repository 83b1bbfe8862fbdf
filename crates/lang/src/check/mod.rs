//! The type checker: resolves identifiers, computes types and constant values, and reports Go's
//! errors with Go's texts.
//!
//! Models `cmd/compile/internal/types2` (`check.go`, `resolver.go`, `decl.go`, `expr.go`,
//! `stmt.go`, `assignments.go`, `call.go`, `operand.go`) plus the branch checks that the syntax
//! package does (`syntax/branches.go`).
//!
//! Order of work, as in types2 (it decides which errors come first when there are more than 10):
//! 1. branch/label errors of every function body (the parser's `checkBranches`);
//! 2. package-level objects are collected (imports in the file scope, the rest in the package
//!    scope) and their declarations checked in source order, lazily following references;
//! 3. function bodies in source order, each followed by `missing return` and its unused
//!    variables (sorted by position);
//! 4. unused imports.
//!
//! Output: [`Info`], side tables indexed by [`NodeId`]: the type and constant value of every
//! expression (untyped constants get their final, contextual type) and the object every
//! identifier denotes. Invariant: the compiler only runs on files that checked without errors,
//! so every expression it meets has a recorded type.

mod assign;
mod branches;
mod call;
mod composite;
mod concurrency;
mod decl;
mod embedding;
mod expr;
mod method_value;
mod operand;
mod operators;
mod pkgtypes;
mod select;
mod stmt;
mod typexpr;

use crate::ast::*;
use crate::constant::ConstValue;
use crate::diagnostic::Reporter;
use crate::packages::{Package, std_package};
use crate::types::{BasicKind, Signature, Type};
use std::collections::BTreeMap;
use std::rc::Rc;

pub use operand::{Mode, Operand};
pub use typexpr::Selection;

/// Index into [`Info::objects`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ObjId(pub u32);

/// Predeclared functions.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Builtin {
    Append,
    Cap,
    Clear,
    Close,
    Complex,
    Copy,
    Delete,
    Imag,
    Len,
    Make,
    Max,
    Min,
    New,
    Panic,
    Print,
    Println,
    Real,
    Recover,
}

impl Builtin {
    pub fn name(self) -> &'static str {
        use Builtin::*;
        match self {
            Append => "append",
            Cap => "cap",
            Clear => "clear",
            Close => "close",
            Complex => "complex",
            Copy => "copy",
            Delete => "delete",
            Imag => "imag",
            Len => "len",
            Make => "make",
            Max => "max",
            Min => "min",
            New => "new",
            Panic => "panic",
            Print => "print",
            Println => "println",
            Real => "real",
            Recover => "recover",
        }
    }
}

/// What an object is.
#[derive(Clone, Debug)]
pub enum ObjKind {
    /// A variable; `global` for package-level ones (with their index in [`Info::globals`]).
    Var {
        global: Option<u32>,
        param: bool,
    },
    Const(ConstValue),
    TypeName,
    /// A declared function (index in [`Info::funcs`]).
    Func(u32),
    Builtin(Builtin),
    PkgName(&'static Package),
    Nil,
}

/// A named language entity (`types2.Object`).
#[derive(Clone, Debug)]
pub struct Object {
    pub name: String,
    pub kind: ObjKind,
    pub ty: Type,
    /// Declaration offset (0 for predeclared objects).
    pub pos: u32,
    pub used: bool,
}

/// The type (and constant value) of an expression.
#[derive(Clone, Debug, PartialEq)]
pub struct TypeAndValue {
    pub mode: Mode,
    pub ty: Type,
    pub val: Option<ConstValue>,
}

/// A function declared in the file.
#[derive(Clone, Debug)]
pub struct FuncInfo {
    pub name: String,
    pub obj: ObjId,
    pub sig: Rc<Signature>,
    /// Index of the declaration in `File::decls`.
    pub decl: usize,
    /// Objects of the parameters then the results, in order (a method's receiver is the
    /// first parameter).
    pub params: Vec<ObjId>,
    pub results: Vec<ObjId>,
    /// For methods: the receiver's defined type and whether the receiver is a pointer.
    pub recv: Option<(Rc<crate::types::Named>, bool)>,
}

/// A function literal's parameter and result objects.
#[derive(Clone, Debug, Default)]
pub struct LitInfo {
    pub sig: Rc<Signature>,
    pub params: Vec<ObjId>,
    pub results: Vec<ObjId>,
}

/// The checker's results.
#[derive(Clone, Debug, Default)]
pub struct Info {
    /// Type and value of each expression, by [`NodeId`].
    pub types: Vec<Option<TypeAndValue>>,
    /// Object defined or used by each identifier, by [`NodeId`].
    pub objs: Vec<Option<ObjId>>,
    pub objects: Vec<Object>,
    pub funcs: Vec<FuncInfo>,
    /// Package-level variables, by global index.
    pub globals: Vec<ObjId>,
    /// Package-level `var` specs (indices into `File::decls`) in initialization order.
    pub init_order: Vec<usize>,
    /// What each selector expression `x.f` denotes, by the selector's [`NodeId`].
    pub selections: BTreeMap<NodeId, Selection>,
    /// Calls of package types' methods (`wg.Add`), by the selector's [`NodeId`].
    pub native_methods: BTreeMap<NodeId, crate::packages::Native>,
    /// Function literals, by [`NodeId`].
    pub lits: BTreeMap<NodeId, LitInfo>,
    /// The implicitly declared variable of each type-switch clause, by the clause's offset.
    pub implicits: BTreeMap<u32, ObjId>,
    /// Map index and type assertion expressions used in `v, ok` form.
    pub comma_ok: std::collections::BTreeSet<NodeId>,
}

impl Info {
    pub fn type_of(&self, id: NodeId) -> Option<&TypeAndValue> {
        self.types.get(id.0 as usize).and_then(Option::as_ref)
    }
    pub fn obj_of(&self, id: NodeId) -> Option<ObjId> {
        self.objs.get(id.0 as usize).copied().flatten()
    }
    pub fn object(&self, id: ObjId) -> &Object {
        &self.objects[id.0 as usize]
    }
}

/// A lexical scope.
#[derive(Clone, Debug, Default)]
pub(crate) struct Scope {
    names: BTreeMap<String, ObjId>,
    /// Variables declared in this scope, for the unused check.
    pub(crate) vars: Vec<ObjId>,
}

/// Lazy checking state of package-level objects.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum DeclState {
    Unchecked,
    InProgress,
    Done,
}

/// Where a package-level object is declared.
#[derive(Clone, Copy, Debug)]
struct PkgDecl {
    decl: usize,
    state: DeclState,
}

/// The function whose body is being checked.
#[derive(Clone, Debug)]
pub(crate) struct FuncContext {
    pub(crate) sig: Rc<Signature>,
    pub(crate) results: Vec<ObjId>,
}

pub(crate) struct Checker<'a> {
    pub(crate) file: &'a File,
    pub(crate) src: &'a str,
    pub(crate) rep: &'a mut Reporter,
    pub(crate) info: Info,
    /// Scope stack: universe, package, file, then blocks.
    pub(crate) scopes: Vec<Scope>,
    pkg_decls: BTreeMap<ObjId, PkgDecl>,
    pub(crate) func: Option<FuncContext>,
    imports: Vec<(ObjId, Span, &'static str)>,
    /// Span of each evaluated expression, by [`NodeId`] (for operand positions in messages).
    pub(crate) spans: Vec<Span>,
    /// The value of `iota` inside a constant declaration.
    pub(crate) iota: Option<u32>,
    /// Defined types created so far (their ids).
    pub(crate) named_count: u32,
}

/// Type-checks `file`, reporting errors to `rep`.
pub fn check(file: &File, src: &str, rep: &mut Reporter) -> Info {
    let n = file.node_count as usize;
    let mut c = Checker {
        file,
        src,
        rep,
        info: Info {
            types: vec![None; n],
            objs: vec![None; n],
            ..Info::default()
        },
        scopes: Vec::new(),
        pkg_decls: BTreeMap::new(),
        func: None,
        imports: Vec::new(),
        spans: vec![Span::default(); n],
        iota: None,
        named_count: 0,
    };
    c.universe();
    branches::check_file(&mut c);
    c.collect_objects();
    c.package_objects();
    c.function_bodies();
    c.unused_imports();
    c.info
}

impl<'a> Checker<'a> {
    pub(crate) fn error(&mut self, span: Span, msg: impl Into<String>) {
        let _ = self.rep.error(span.range(), msg);
    }

    pub(crate) fn error_at(&mut self, pos: u32, msg: impl Into<String>) {
        self.error(Span::new(pos, pos + 1), msg)
    }

    pub(crate) fn new_object(&mut self, name: &str, kind: ObjKind, ty: Type, pos: u32) -> ObjId {
        let id = ObjId(self.info.objects.len() as u32);
        self.info.objects.push(Object {
            name: name.to_string(),
            kind,
            ty,
            pos,
            used: false,
        });
        id
    }

    pub(crate) fn obj(&self, id: ObjId) -> &Object {
        &self.info.objects[id.0 as usize]
    }

    pub(crate) fn obj_mut(&mut self, id: ObjId) -> &mut Object {
        &mut self.info.objects[id.0 as usize]
    }

    pub(crate) fn record_obj(&mut self, node: NodeId, obj: ObjId) {
        if let Some(slot) = self.info.objs.get_mut(node.0 as usize) {
            *slot = Some(obj);
        }
    }

    pub(crate) fn record(&mut self, node: NodeId, tv: TypeAndValue) {
        if let Some(slot) = self.info.types.get_mut(node.0 as usize) {
            *slot = Some(tv);
        }
    }

    pub(crate) fn lookup(&self, name: &str) -> Option<ObjId> {
        self.scopes
            .iter()
            .rev()
            .find_map(|s| s.names.get(name).copied())
    }

    pub(crate) fn open_scope(&mut self, _func_body: bool) {
        self.scopes.push(Scope::default());
    }

    /// Closes a block scope, collecting its variables for the unused check of the function.
    pub(crate) fn close_scope(&mut self, pending: &mut Vec<ObjId>) {
        if let Some(s) = self.scopes.pop() {
            pending.extend(s.vars);
        }
    }

    /// Declares `name` in the innermost scope, reporting a redeclaration. `_` is never declared.
    pub(crate) fn declare(&mut self, ident: &Ident, obj: ObjId) {
        self.record_obj(ident.id, obj);
        if ident.name == "_" {
            return;
        }
        let prev = self
            .scopes
            .last()
            .and_then(|s| s.names.get(&ident.name).copied());
        if let Some(prev) = prev {
            let other = self.obj(prev).pos as usize;
            let (line, col) = self.rep.line_index().line_col(other);
            self.error(
                ident.span,
                format!(
                    "{} redeclared in this block\n\t{line}:{col}: other declaration of {}",
                    ident.name, ident.name
                ),
            );
            return;
        }
        if let Some(s) = self.scopes.last_mut() {
            s.names.insert(ident.name.clone(), obj);
            if matches!(
                self.info.objects[obj.0 as usize].kind,
                ObjKind::Var {
                    global: None,
                    param: false
                }
            ) {
                s.vars.push(obj);
            }
        }
    }
}
