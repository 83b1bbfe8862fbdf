//! Interface tables: the `itab` a non-empty interface value points to, and the per-machine table
//! that finds or builds them (Go's `runtime/iface.go`: `getitab`, `itabTable`, `itabInit`;
//! `runtime/runtime2.go` / `internal/abi`: `iface{tab, data}`, `eface{_type, data}`,
//! `ITab{Inter, Type, Hash, Fun}`).
//!
//! Go represents an interface value as two words. `any` (an empty interface) is an *eface*:
//! the dynamic type's descriptor and a data word. Any other interface is an *iface*: a pointer
//! to the itab of (static interface type, dynamic type) and the data word; the itab caches the
//! type's hash (for type switches) and `fun[]`, the concrete methods in the interface's method
//! order, so a method call through the interface is one indirect call through `fun[i]`.
//!
//! Representation here. A [`crate::value::Value::Iface`] holds the dynamic [`TypeId`] and the
//! value — the eface — and nothing else, so values stay cheap to clone (a checkpoint clones
//! the machine). The *static* interface type is known to the compiler at every place Go would
//! use the tab word, and the bytecode carries it there (`ToIface { inter }`, `CallIface {
//! inter }`, `Assert { src }`): the pair (inter, dynamic type) names exactly the itab that Go's
//! tab word would point to, and [`ItabTable::get`] finds it. The views derive a local's tab
//! word the same way, from the slot's static type.
//!
//! Invariants: an itab is built once per (inter, type) pair and never changes; `fun` follows
//! the interface's methods sorted as Go sorts them (exported names first, then by name — for
//! the ASCII names of a Go program this is byte order); a pair whose type lacks a method is
//! kept too, with `fun` empty and the first missing method (Go caches negative results, with
//! `fun[0] == 0`). Hits and misses are counted for the views; they never affect a decision
//! that output depends on.
//!
//! Type hashes: Go's compiler stores in each `_type` a 32-bit hash of the type's link string
//! (`types.TypeHash`, an MD5 prefix). Here it is FNV-1a of the `%T` name ([`type_hash`]):
//! stable across runs and builds, different for different names, and what a type switch
//! compares first.

use lang::bytecode::{FuncId, Program, RKind, TypeId};
use std::collections::BTreeMap;
use std::rc::Rc;

/// FNV-1a (32 bits) of a type's `%T` name: the `hash` of its descriptor.
pub fn type_hash(name: &str) -> u32 {
    let mut h: u32 = 0x811c_9dc5;
    for b in name.bytes() {
        h ^= b as u32;
        h = h.wrapping_mul(0x0100_0193);
    }
    h
}

/// One slot of `itab.fun`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ItabFun {
    /// A compiled method (`deref`: the value is a pointer, the method takes the value).
    Method { func: FuncId, deref: bool },
    /// `Error` of a standard-library error (`*errors.errorString`), implemented natively.
    NativeError,
}

/// An interface table (`abi.ITab`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Itab {
    /// The static interface type (`Inter`).
    pub inter: TypeId,
    /// The dynamic, concrete type (`Type`).
    pub typ: TypeId,
    /// `Type.Hash`, copied for type switches.
    pub hash: u32,
    /// The interface's method names, in `fun` order.
    pub methods: Rc<[String]>,
    /// The concrete methods, `fun[i]` implementing `methods[i]`; empty if `typ` does not
    /// implement `inter`.
    pub fun: Vec<ItabFun>,
    /// The first method of `inter` that `typ` lacks (a negative entry).
    pub missing: Option<String>,
}

impl Itab {
    /// Builds the itab of (`inter`, `typ`) from the program's descriptors (`itabInit`).
    pub fn build(program: &Program, inter: TypeId, typ: TypeId) -> Itab {
        let mut names: Vec<String> = match &program.rtype(inter).kind {
            RKind::Interface(ms) => ms.clone(),
            _ => Vec::new(),
        };
        // Exported before unexported, then by name (`types.Sym.Less`).
        names.sort_by(|a, b| {
            let exported = |s: &str| s.starts_with(|c: char| c.is_ascii_uppercase());
            exported(b).cmp(&exported(a)).then_with(|| a.cmp(b))
        });
        let dynamic = program.rtype(typ);
        let mut fun = Vec::with_capacity(names.len());
        let mut missing = None;
        for m in &names {
            if let Some(x) = dynamic.methods.iter().find(|x| &x.name == m) {
                fun.push(ItabFun::Method {
                    func: x.func,
                    deref: x.deref,
                });
            } else if m == "Error" && matches!(dynamic.kind, RKind::NativeError) {
                fun.push(ItabFun::NativeError);
            } else {
                missing = Some(m.clone());
                fun.clear();
                break;
            }
        }
        Itab {
            inter,
            typ,
            hash: type_hash(&dynamic.name),
            methods: names.into(),
            fun,
            missing,
        }
    }

    /// Does the dynamic type implement the interface?
    pub fn ok(&self) -> bool {
        self.missing.is_none()
    }

    /// The index in `fun` of method `name`.
    pub fn index_of(&self, name: &[u8]) -> Option<usize> {
        self.methods.iter().position(|m| m.as_bytes() == name)
    }
}

/// The machine's itab table (`itabTable`): every itab built so far, found by (inter, type).
#[derive(Clone, Debug, Default)]
pub struct ItabTable {
    entries: Vec<Rc<Itab>>,
    index: BTreeMap<(TypeId, TypeId), u32>,
    /// Lookups that found an existing itab.
    pub hits: u64,
    /// Lookups that had to build one.
    pub misses: u64,
}

impl ItabTable {
    /// `getitab`: the itab of (`inter`, `typ`), built and added on a miss; `true` on a hit.
    pub fn get(&mut self, program: &Program, inter: TypeId, typ: TypeId) -> (Rc<Itab>, bool) {
        if let Some(&i) = self.index.get(&(inter, typ)) {
            self.hits += 1;
            return (Rc::clone(&self.entries[i as usize]), true);
        }
        self.misses += 1;
        let tab = Rc::new(Itab::build(program, inter, typ));
        self.index.insert((inter, typ), self.entries.len() as u32);
        self.entries.push(Rc::clone(&tab));
        (tab, false)
    }

    /// The itab of (`inter`, `typ`) if it was built (no counting: for the views).
    pub fn find(&self, inter: TypeId, typ: TypeId) -> Option<&Itab> {
        let i = *self.index.get(&(inter, typ))?;
        self.entries.get(i as usize).map(|t| &**t)
    }

    /// Every itab, in the order they were built.
    pub fn entries(&self) -> impl Iterator<Item = &Itab> {
        self.entries.iter().map(|t| &**t)
    }
}

/// Is `t` an interface type with at least one method (its values are ifaces, not efaces)?
pub fn is_nonempty_iface(program: &Program, t: TypeId) -> bool {
    matches!(&program.rtype(t).kind, RKind::Interface(ms) if !ms.is_empty())
}
