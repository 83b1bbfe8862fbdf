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

mod expr;
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
    };
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
    for fi in &info.funcs {
        let Decl::Func(decl) = &file.decls[fi.decl] else {
            continue;
        };
        c.function(fi, decl);
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
    cur: Pos,
    targets: Vec<BranchTarget>,
    result_slots: Vec<u32>,
    /// Code position of each label, for `goto`.
    labels: BTreeMap<String, u32>,
    /// `goto` jumps to patch at the end of the function.
    gotos: Vec<(usize, String)>,
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
}

pub(crate) fn zero_value(t: &Type) -> Op {
    match t {
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
        self.f.slots.insert(obj, s);
        s
    }

    pub(crate) fn temp_slot(&mut self) -> u32 {
        let s = self.f.slot_names.len() as u32;
        self.f.slot_names.push(String::new());
        s
    }

    pub(crate) fn function(&mut self, fi: &crate::check::FuncInfo, decl: &FuncDecl) {
        self.f = FuncState::default();
        self.at(decl.span.start);
        let declpos = self.f.cur;
        for p in &fi.params {
            self.slot_for(*p);
        }
        for r in &fi.results {
            let s = self.slot_for(*r);
            self.f.result_slots.push(s);
        }
        // Named results start as zero values.
        let named = decl.sig.results.iter().any(|r| r.name.is_some());
        if named {
            for (r, s) in fi.results.clone().iter().zip(self.f.result_slots.clone()) {
                let z = zero_value(&self.info.object(*r).ty);
                let z = self.zero_op(z);
                self.emit(z);
                self.emit(Op::Store(s));
            }
        }
        if let Some(body) = &decl.body {
            self.stmts(&body.stmts);
            self.at(body.rbrace);
        }
        // Falling off the end (only possible without results, or after a terminating statement).
        if fi.results.is_empty() || !matches!(self.f.code.last(), Some(Op::Return)) {
            for s in self.f.result_slots.clone() {
                self.emit(Op::Load(s));
            }
            self.emit(Op::Return);
        }
        self.patch_gotos();
        let f = std::mem::take(&mut self.f);
        self.program.functions.push(Function {
            name: format!("main.{}", fi.name),
            num_params: fi.params.len() as u32,
            num_results: fi.results.len() as u32,
            num_slots: f.slot_names.len() as u32,
            slot_names: f.slot_names,
            code: f.code,
            pos: f.pos,
            decl: declpos,
        });
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
        for &d in &self.info.init_order {
            let Decl::Var(spec) = &file.decls[d] else {
                continue;
            };
            self.var_spec(spec);
        }
        self.emit(Op::Return);
        self.patch_gotos();
        let f = std::mem::take(&mut self.f);
        let id = FuncId(self.program.functions.len() as u32);
        self.program.functions.push(Function {
            name: "main.init".into(),
            num_params: 0,
            num_results: 0,
            num_slots: f.slot_names.len() as u32,
            slot_names: f.slot_names,
            code: f.code,
            pos: f.pos,
            decl: Pos { line: 1, col: 1 },
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
