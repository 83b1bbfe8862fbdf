//! The bytecode compiler: a checked [`ast::File`](crate::ast::File) to a [`Program`].
//!
//! Relies on the checker's [`Info`]: constant expressions are folded to their recorded value (in
//! their final type), operators are selected by the recorded operand types, identifiers by the
//! objects they denote. Local variables get frame slots (parameters first, then results, then the
//! others in order of declaration; slots are not reused). Package-level variables are globals,
//! initialised by a synthesised `main.init` in dependency order.
//!
//! Invariant: only called on files that checked without errors, but it still never panics on an
//! unexpected tree (it emits something harmless instead) — robustness over assertions.

mod composite;
mod concurrency;
mod defer_builtin;
mod expr;
mod method_value;
mod place;
mod promoted;
mod select;
mod stmt;

use crate::ast::*;
use crate::bytecode::*;
use crate::check::{Builtin, Info, ObjId, ObjKind};
use crate::constant::ConstValue;
use crate::diagnostic::LineIndex;
use crate::token::Op as TOp;
use crate::types::{BasicKind, Type};
use std::collections::BTreeMap;

/// Compiles a checked file.
pub fn compile(file: &File, info: &Info, src: &str) -> Program {
    let mut c = Compiler {
        file,
        info,
        lines: LineIndex::new(src),
        program: Program::default(),
        strings: BTreeMap::new(),
        f: FuncState::default(),
        type_ids: BTreeMap::new(),
        boxed_globals: std::collections::BTreeSet::new(),
        f_name: String::new(),
        lit_count: 0,
    };
    c.well_known_types();
    // Declared functions keep their checker index as FuncId; literals are appended after.
    c.program.functions = vec![Function::default(); info.funcs.len()];
    for (g, obj) in info.globals.iter().enumerate() {
        let t = &info.object(*obj).ty;
        if matches!(t.underlying(), Type::Struct(_) | Type::Array(..)) {
            c.boxed_globals.insert(g as u32);
        }
    }
    // A package-level variable whose address is taken anywhere (`&g`, `atomic.AddInt64(&g,
    // 1)`, a pointer-method call) lives in a heap cell too: this must be known before any
    // function is compiled, since every access to it then goes through the cell.
    c.escaping_globals(file);
    c.program.globals = info
        .globals
        .iter()
        .map(|g| info.object(*g).name.clone())
        .collect();
    c.program.global_zero = info
        .globals
        .iter()
        .map(|g| zero_value(&info.object(*g).ty))
        .collect();
    for (i, fi) in info.funcs.iter().enumerate() {
        let Decl::Func(decl) = &file.decls[fi.decl] else {
            continue;
        };
        c.function(i, fi, decl);
    }
    c.program.entry = FuncId(
        info.funcs
            .iter()
            .position(|f| f.name == "main")
            .unwrap_or(0) as u32,
    );
    c.init();
    c.program
}

#[derive(Default)]
pub(crate) struct FuncState {
    code: Vec<Op>,
    pos: Vec<Pos>,
    slots: BTreeMap<ObjId, u32>,
    slot_names: Vec<String>,
    slot_types: Vec<Option<SlotType>>,
    cur: Pos,
    targets: Vec<BranchTarget>,
    result_slots: Vec<u32>,
    /// Code position of each label, for `goto`.
    labels: BTreeMap<String, u32>,
    /// `goto` jumps to patch at the end of the function.
    gotos: Vec<(usize, String)>,
    /// Variables kept in heap cells (see `place`).
    pub(crate) boxed: std::collections::BTreeSet<ObjId>,
    /// For a function literal: its captured variables, by capture index.
    pub(crate) captures: Vec<ObjId>,
    /// The objects of the result slots (for `return`).
    pub(crate) result_objs: Vec<ObjId>,
}

/// An enclosing statement that `break`/`continue` may target.
pub(crate) struct BranchTarget {
    label: Option<String>,
    is_loop: bool,
    breaks: Vec<usize>,
    continues: Vec<usize>,
}

pub(crate) struct Compiler<'a> {
    file: &'a File,
    info: &'a Info,
    lines: LineIndex,
    program: Program,
    strings: BTreeMap<Vec<u8>, u32>,
    f: FuncState,
    /// Run-time type ids by type name.
    type_ids: BTreeMap<String, crate::bytecode::TypeId>,
    /// Package-level variables kept in heap cells (structs and arrays).
    boxed_globals: std::collections::BTreeSet<u32>,
    /// Name of the declared function being compiled (closures are `NAME.funcN`).
    f_name: String,
    /// Function literals compiled so far inside `f_name`.
    lit_count: u32,
}

pub(crate) fn zero_value(t: &Type) -> Op {
    match &t.underlying() {
        Type::Basic(k) if k.is_boolean() => Op::Bool(false),
        Type::Basic(k) if k.is_string() => Op::Str(0),
        Type::Basic(k) if k.is_float() => Op::Float(0.0),
        Type::Basic(_) => Op::Int(0),
        _ => Op::Nil,
    }
}

pub(crate) fn int_kind(t: &Type) -> Option<IntKind> {
    match t.basic()? {
        BasicKind::Int8 => Some(IntKind::Int8),
        BasicKind::Int16 => Some(IntKind::Int16),
        BasicKind::Int32 | BasicKind::UntypedRune => Some(IntKind::Int32),
        BasicKind::Uint8 => Some(IntKind::Uint8),
        BasicKind::Uint16 => Some(IntKind::Uint16),
        BasicKind::Uint32 => Some(IntKind::Uint32),
        _ => None,
    }
}

impl<'a> Compiler<'a> {
    pub(crate) fn intern(&mut self, s: &[u8]) -> u32 {
        if let Some(i) = self.strings.get(s) {
            return *i;
        }
        let i = self.program.strings.len() as u32;
        self.program.strings.push(s.into());
        self.strings.insert(s.to_vec(), i);
        i
    }

    pub(crate) fn at(&mut self, offset: u32) {
        let (line, col) = self.lines.line_col(offset as usize);
        self.f.cur = Pos { line, col };
    }

    pub(crate) fn emit(&mut self, op: Op) -> usize {
        self.f.code.push(op);
        self.f.pos.push(self.f.cur);
        self.f.code.len() - 1
    }

    pub(crate) fn here(&self) -> u32 {
        self.f.code.len() as u32
    }

    pub(crate) fn patch(&mut self, at: usize, target: u32) {
        if let Some(Op::Jump(t) | Op::JumpIfFalse(t) | Op::JumpIfTrue(t)) = self.f.code.get_mut(at)
        {
            *t = target;
        }
    }

    pub(crate) fn ty(&self, e: &Expr) -> Type {
        self.info
            .type_of(e.id)
            .map(|t| t.ty.clone())
            .unwrap_or_default()
    }

    pub(crate) fn slot_for(&mut self, obj: ObjId) -> u32 {
        if let Some(s) = self.f.slots.get(&obj) {
            return *s;
        }
        let s = self.f.slot_names.len() as u32;
        self.f.slot_names.push(self.info.object(obj).name.clone());
        let ty = self.info.object(obj).ty.clone();
        let slot_type = SlotType {
            ty: self.rtype(&ty),
            boxed: self.is_boxed(obj),
            scope: self.here()..u32::MAX,
        };
        self.f.slot_types.push(Some(slot_type));
        self.f.slots.insert(obj, s);
        s
    }

    /// Ends the scope of the named slots from `first` on that are still open, at this pc.
    pub(crate) fn close_scope(&mut self, first: usize) {
        let end = self.here();
        for st in self.f.slot_types.iter_mut().skip(first).flatten() {
            if st.scope.end == u32::MAX {
                st.scope.end = end;
            }
        }
    }

    pub(crate) fn temp_slot(&mut self) -> u32 {
        let s = self.f.slot_names.len() as u32;
        self.f.slot_names.push(String::new());
        self.f.slot_types.push(None);
        s
    }

    pub(crate) fn function(&mut self, index: usize, fi: &crate::check::FuncInfo, decl: &FuncDecl) {
        self.f = FuncState::default();
        self.f_name = format!("main.{}", fi.name);
        self.lit_count = 0;
        let body = decl.body.as_ref().map_or(&[][..], |b| &b.stmts[..]);
        self.escape_analysis(body, &fi.params);
        let f = self.function_body(
            format!("main.{}", fi.name),
            decl.span.start,
            &fi.params,
            &fi.results,
            decl.sig.results.iter().any(|r| r.name.is_some()),
            decl.body.as_ref(),
        );
        if let Some(slot) = self.program.functions.get_mut(index) {
            *slot = f;
        }
    }

    /// Compiles a function (declared or literal) in the current (fresh) `FuncState`.
    pub(crate) fn function_body(
        &mut self,
        name: String,
        start: u32,
        params: &[ObjId],
        results: &[ObjId],
        named_results: bool,
        body: Option<&Block>,
    ) -> Function {
        self.at(start);
        let declpos = self.f.cur;
        for p in params {
            self.slot_for(*p);
        }
        for r in results {
            let s = self.slot_for(*r);
            self.f.result_slots.push(s);
        }
        self.f.result_objs = results.to_vec();
        // Escaping parameters move to heap cells.
        for p in params {
            if self.is_boxed(*p) {
                let s = self.slot_for(*p);
                let tid = self.rtype(&self.info.object(*p).ty.clone());
                self.emit(Op::Load(s));
                self.emit(Op::Box(tid));
                self.emit(Op::Store(s));
            }
        }
        // Results start as zero values.
        let _ = named_results;
        for &r in results {
            let t = self.info.object(r).ty.clone();
            self.zero(&t);
            self.define_var(r);
        }
        if let Some(body) = body {
            self.stmts(&body.stmts);
            self.at(body.rbrace);
        }
        // The final return (also where a recovered panic resumes).
        let ret_pc = self.emit(Op::Return) as u32;
        self.patch_gotos();
        let result_boxed = results.iter().map(|r| self.is_boxed(*r)).collect();
        let f = std::mem::take(&mut self.f);
        Function {
            name,
            num_params: params.len() as u32,
            num_results: results.len() as u32,
            num_slots: f.slot_names.len() as u32,
            slot_names: f.slot_names,
            slot_types: f.slot_types,
            code: f.code,
            pos: f.pos,
            decl: declpos,
            ret_pc,
            result_boxed,
        }
    }

    /// Pushes the zero value of `t`.
    pub(crate) fn zero(&mut self, t: &Type) {
        match zero_value(t) {
            Op::Nil if matches!(t.underlying(), Type::Struct(_) | Type::Array(..)) => {
                let tid = self.rtype(t);
                self.emit(Op::Zero(tid));
            }
            z => {
                let z = self.zero_op(z);
                self.emit(z);
            }
        }
    }

    /// Resolves the function's `goto`s (labels may follow the jump).
    pub(crate) fn patch_gotos(&mut self) {
        for (at, name) in std::mem::take(&mut self.f.gotos) {
            let target = self.f.labels.get(&name).copied().unwrap_or(at as u32 + 1);
            self.patch(at, target);
        }
    }

    pub(crate) fn zero_op(&mut self, z: Op) -> Op {
        match z {
            Op::Str(_) => Op::Str(self.intern(b"")),
            z => z,
        }
    }

    /// Synthesises `main.init` for package-level variables.
    pub(crate) fn init(&mut self) {
        if self.program.globals.is_empty() {
            return;
        }
        self.f = FuncState::default();
        let file = self.file;
        for g in self.boxed_globals.clone() {
            let t = self.info.object(self.info.globals[g as usize]).ty.clone();
            let tid = self.rtype(&t);
            self.emit(Op::Zero(tid));
            self.emit(Op::Box(tid));
            self.emit(Op::StoreGlobal(g));
        }
        for &d in &self.info.init_order {
            let Decl::Var(spec) = &file.decls[d] else {
                continue;
            };
            self.var_spec(spec);
        }
        let ret_pc = self.emit(Op::Return) as u32;
        self.patch_gotos();
        let f = std::mem::take(&mut self.f);
        let id = FuncId(self.program.functions.len() as u32);
        self.program.functions.push(Function {
            name: "main.init".into(),
            num_params: 0,
            num_results: 0,
            num_slots: f.slot_names.len() as u32,
            slot_names: f.slot_names,
            slot_types: f.slot_types,
            code: f.code,
            pos: f.pos,
            decl: Pos { line: 1, col: 1 },
            ret_pc,
            result_boxed: Vec::new(),
        });
        self.program.init = Some(id);
        // The empty string constant must exist for zero values.
        let empty = self.intern(b"");
        for z in self.program.global_zero.iter_mut() {
            if let Op::Str(s) = z {
                *s = empty;
            }
        }
    }
}
