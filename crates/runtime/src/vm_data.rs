//! The data instructions: composite values, pointers, slices (`runtime/slice.go`: growth by
//! `nextslicecap` + `roundupsize`), maps (`runtime/map.go`: nil-map write panic, randomized
//! iteration start), interfaces (`runtime/iface.go`: `ToIface`, assertions with Go's
//! `interface conversion` messages) and conversions that allocate.
//!
//! Each returns `Err(message)` for a Go run-time panic (the caller starts panicking).

use crate::gc::view::ObjKind;
use crate::heap::{ObjData, ObjRef, key_bytes};
use crate::machine::Machine;
use crate::value::{Ptr, SliceRef, Value};
use lang::bytecode::{Conversion, FuncId, Op, Program, RKind, TypeId};
use std::rc::Rc;

pub(crate) const NIL_DEREF: &str =
    "runtime error: invalid memory address or nil pointer dereference";

/// Size classes of `runtime/sizeclasses.go` (bytes), for `roundupsize`.
const SIZE_CLASSES: [u64; 68] = [
    0, 8, 16, 24, 32, 48, 64, 80, 96, 112, 128, 144, 160, 176, 192, 208, 224, 240, 256, 288, 320,
    352, 384, 416, 448, 480, 512, 576, 640, 704, 768, 896, 1024, 1152, 1280, 1408, 1536, 1792,
    2048, 2304, 2688, 3072, 3200, 3456, 4096, 4864, 5376, 6144, 6528, 6784, 6912, 8192, 9472, 9728,
    10240, 10880, 12288, 13568, 14336, 16384, 18432, 19072, 20480, 21760, 24576, 27264, 28672,
    32768,
];

/// `roundupsize`: the size the allocator really hands out.
pub(crate) fn roundupsize(size: u64) -> u64 {
    if size <= 32768 {
        SIZE_CLASSES
            .iter()
            .copied()
            .find(|c| *c >= size)
            .unwrap_or(size)
    } else {
        size.div_ceil(8192) * 8192
    }
}

/// `nextslicecap` then `roundupsize` (runtime/slice.go `growslice`).
pub(crate) fn grow_cap(old_len: u64, old_cap: u64, new_len: u64, elem_size: u64) -> u64 {
    let mut newcap = old_cap;
    let doublecap = newcap + newcap;
    if new_len > doublecap {
        newcap = new_len;
    } else {
        let threshold = 256;
        if old_cap < threshold {
            newcap = doublecap;
        } else {
            while newcap < new_len {
                newcap += (newcap + 3 * threshold) >> 2;
            }
        }
    }
    let _ = old_len;
    if elem_size == 0 {
        return newcap;
    }
    let mem = roundupsize(newcap.saturating_mul(elem_size));
    mem / elem_size
}

/// The zero value of a type.
pub(crate) fn zero_of(program: &Program, t: TypeId, depth: u32) -> Value {
    if depth > 16 {
        return Value::Nil;
    }
    match &program.rtype(t).kind {
        RKind::Bool => Value::Bool(false),
        RKind::Int(_) | RKind::Uint(_) => Value::Int(0),
        RKind::Float => Value::Float(0.0),
        RKind::String => Value::Str(Rc::from(&b""[..])),
        RKind::Struct(fs) => Value::Agg(
            fs.iter()
                .map(|f| zero_of(program, f.ty, depth + 1))
                .collect(),
        ),
        RKind::Array(n, e) => {
            let z = zero_of(program, *e, depth + 1);
            Value::Agg(vec![z; (*n).min(1 << 20) as usize].into())
        }
        _ => Value::Nil,
    }
}

fn get_path<'v>(mut v: &'v Value, path: &[u32]) -> Option<&'v Value> {
    for i in path {
        match v {
            Value::Agg(vs) => v = vs.get(*i as usize)?,
            _ => return None,
        }
    }
    Some(v)
}

fn get_path_mut<'v>(mut v: &'v mut Value, path: &[u32]) -> Option<&'v mut Value> {
    for i in path {
        match v {
            Value::Agg(vs) => v = vs.get_mut(*i as usize)?,
            _ => return None,
        }
    }
    Some(v)
}

impl Machine {
    pub(crate) fn site(&self) -> (FuncId, u32) {
        let g = &self.goroutines[self.current];
        g.frames
            .last()
            .map_or((FuncId(0), 0), |f| (f.func, f.pc.saturating_sub(1)))
    }

    pub(crate) fn load_ptr(&self, p: &Value) -> Result<Value, String> {
        let Value::Ptr(p) = p else {
            return Err(NIL_DEREF.into());
        };
        let cells = self.heap.cells(p.obj);
        // The empty path denotes a whole array object (see `Op::Box`).
        let Some(&first) = p.path.first() else {
            return Ok(Value::Agg(cells.to_vec().into()));
        };
        let first = first as usize;
        cells
            .get(first)
            .and_then(|v| get_path(v, &p.path[1..]))
            .cloned()
            .ok_or_else(|| NIL_DEREF.to_string())
    }

    pub(crate) fn store_ptr(&mut self, p: &Value, v: Value) -> Result<(), String> {
        if self.heap.gc.write_barrier_on()
            && let Ok(old) = self.load_ptr(p)
        {
            self.write_barrier(&old, &v);
        }
        let Value::Ptr(p) = p else {
            return Err(NIL_DEREF.into());
        };
        let Some(&first) = p.path.first() else {
            // A whole array object: assign element-wise.
            let cells = self
                .heap
                .cells_mut(p.obj)
                .ok_or_else(|| NIL_DEREF.to_string())?;
            if let Value::Agg(vs) = v {
                *cells = vs.to_vec();
            }
            return Ok(());
        };
        let first = first as usize;
        let slot = self
            .heap
            .cells_mut(p.obj)
            .and_then(|c| c.get_mut(first))
            .and_then(|c| get_path_mut(c, &p.path[1..]))
            .ok_or_else(|| NIL_DEREF.to_string())?;
        *slot = v;
        Ok(())
    }

    pub(crate) fn new_slice(&mut self, elems: Vec<Value>, cap: usize, elem_size: u64) -> Value {
        let len = elems.len();
        let size = elem_size.saturating_mul(cap as u64);
        let site = self.site();
        let obj = self.gc_alloc(ObjData::Cells(elems), size, site, ObjKind::Slice);
        Value::Slice(SliceRef {
            obj,
            off: 0,
            len: len as u32,
            cap: cap as u32,
        })
    }

    /// The elements of a slice value (empty for nil).
    pub(crate) fn slice_elems(&self, s: &Value) -> Vec<Value> {
        match s {
            Value::Slice(s) => {
                let cells = self.heap.cells(s.obj);
                let a = (s.off as usize).min(cells.len());
                let b = (s.off as usize + s.len as usize).min(cells.len());
                cells[a..b].to_vec()
            }
            _ => Vec::new(),
        }
    }

    /// `append(s, vals...)`.
    pub(crate) fn append(&mut self, s: Value, vals: Vec<Value>, elem: TypeId) -> Value {
        let esize = self.program.rtype(elem).size as u64;
        let (obj, off, len, cap) = match &s {
            Value::Slice(s) => (Some(s.obj), s.off, s.len as u64, s.cap as u64),
            _ => (None, 0, 0, 0),
        };
        let new_len = len + vals.len() as u64;
        if vals.is_empty() {
            return s;
        }
        if let Some(obj) = obj
            && new_len <= cap
        {
            if self.heap.gc.write_barrier_on() {
                let at = off as usize + len as usize;
                let old: Vec<Value> = self
                    .heap
                    .cells(obj)
                    .iter()
                    .skip(at)
                    .take(vals.len())
                    .cloned()
                    .collect();
                for (i, v) in vals.iter().enumerate() {
                    match old.get(i) {
                        Some(o) => self.write_barrier(o, v),
                        None => self.write_barrier_new(v),
                    }
                }
            }
            if let Some(cells) = self.heap.cells_mut(obj) {
                for (i, v) in vals.into_iter().enumerate() {
                    let at = off as usize + len as usize + i;
                    if at < cells.len() {
                        cells[at] = v;
                    } else {
                        cells.push(v);
                    }
                }
            }
            return Value::Slice(SliceRef {
                obj,
                off,
                len: new_len as u32,
                cap: cap as u32,
            });
        }
        let new_cap = grow_cap(len, cap, new_len, esize).max(new_len);
        let mut elems = self.slice_elems(&s);
        elems.extend(vals);
        let z = zero_of(&self.program, elem, 0);
        elems.resize(new_cap as usize, z);
        let site = self.site();
        let obj = self.gc_alloc(
            ObjData::Cells(elems),
            esize.saturating_mul(new_cap),
            site,
            ObjKind::Slice,
        );
        Value::Slice(SliceRef {
            obj,
            off: 0,
            len: new_len as u32,
            cap: new_cap as u32,
        })
    }

    /// Executes a data instruction.
    pub(crate) fn data_op(
        &mut self,
        op: &Op,
        args: &mut Vec<Value>,
    ) -> Result<Option<Value>, String> {
        let program = Rc::clone(&self.program);
        let mut pop = || args.pop().unwrap_or_default();
        Ok(Some(match op {
            Op::Zero(t) => zero_of(&program, *t, 0),
            Op::Agg(_) => Value::Agg(std::mem::take(args).into()),
            Op::Field(i) => match pop() {
                Value::Agg(vs) => vs.get(*i as usize).cloned().unwrap_or_default(),
                _ => Value::Nil,
            },
            Op::FieldAddr(i) => match pop() {
                Value::Ptr(p) => {
                    let mut path = p.path.to_vec();
                    path.push(*i);
                    Value::Ptr(Ptr {
                        obj: p.obj,
                        path: path.into(),
                    })
                }
                _ => return Err(NIL_DEREF.into()),
            },
            Op::Box(t) => {
                let v = pop();
                let size = program.rtype(*t).size as u64;
                let site = self.site();
                // An array gets an object of its own elements, addressed by the empty path, so
                // that slicing it (`arr[lo:hi]`, `p[:]`) shares its storage as in Go.
                if let (RKind::Array(..), Value::Agg(vs)) = (&program.rtype(*t).kind, &v) {
                    let obj =
                        self.gc_alloc(ObjData::Cells(vs.to_vec()), size, site, ObjKind::Array);
                    return Ok(Some(Value::Ptr(Ptr {
                        obj,
                        path: Rc::from(&[][..]),
                    })));
                }
                let kind = if matches!(v, Value::Agg(_)) {
                    ObjKind::Struct
                } else {
                    ObjKind::Cell
                };
                let obj = self.gc_alloc(ObjData::Cells(vec![v]), size, site, kind);
                Value::Ptr(Ptr {
                    obj,
                    path: Rc::from(&[0u32][..]),
                })
            }
            Op::Deref => {
                let p = pop();
                self.load_ptr(&p)?
            }
            Op::StoreDeref => {
                let p = pop();
                let v = pop();
                self.store_ptr(&p, v)?;
                return Ok(None);
            }
            Op::IndexArray => {
                let i = pop().as_int();
                let a = pop();
                let Value::Agg(vs) = a else {
                    return Ok(Some(Value::Nil));
                };
                if i < 0 || i as usize >= vs.len() {
                    return Err(format!(
                        "runtime error: index out of range [{i}] with length {}",
                        vs.len()
                    ));
                }
                vs[i as usize].clone()
            }
            Op::IndexSlice => {
                let i = pop().as_int();
                let s = pop();
                let (obj, off, len) = match &s {
                    Value::Slice(s) => (Some(s.obj), s.off, s.len),
                    _ => (None, 0, 0),
                };
                if i < 0 || i >= len as i64 {
                    return Err(format!(
                        "runtime error: index out of range [{i}] with length {len}"
                    ));
                }
                let obj = obj.unwrap_or(ObjRef(0));
                self.heap
                    .cells(obj)
                    .get(off as usize + i as usize)
                    .cloned()
                    .unwrap_or_default()
            }
            Op::IndexAddr => {
                let i = pop().as_int();
                let s = pop();
                match s {
                    Value::Slice(s) => {
                        if i < 0 || i >= s.len as i64 {
                            return Err(format!(
                                "runtime error: index out of range [{i}] with length {}",
                                s.len
                            ));
                        }
                        Value::Ptr(Ptr {
                            obj: s.obj,
                            path: Rc::from(&[s.off + i as u32][..]),
                        })
                    }
                    Value::Ptr(p) => {
                        let arr = self.load_ptr(&Value::Ptr(p.clone()))?;
                        let n = match &arr {
                            Value::Agg(vs) => vs.len(),
                            _ => 0,
                        };
                        if i < 0 || i as usize >= n {
                            return Err(format!(
                                "runtime error: index out of range [{i}] with length {n}"
                            ));
                        }
                        let mut path = p.path.to_vec();
                        path.push(i as u32);
                        Value::Ptr(Ptr {
                            obj: p.obj,
                            path: path.into(),
                        })
                    }
                    Value::Nil => {
                        return Err(format!(
                            "runtime error: index out of range [{i}] with length 0"
                        ));
                    }
                    _ => return Err(NIL_DEREF.into()),
                }
            }
            Op::SliceLit { elem, .. } => {
                let vals = std::mem::take(args);
                let n = vals.len();
                let es = program.rtype(*elem).size as u64;
                self.new_slice(vals, n, es)
            }
            Op::MakeSlice(elem) => {
                let cap = pop().as_int();
                let len = pop().as_int();
                if !(0..=1 << 24).contains(&len) {
                    return Err("runtime error: makeslice: len out of range".into());
                }
                if cap < len || cap > 1 << 24 {
                    return Err("runtime error: makeslice: cap out of range".into());
                }
                let z = zero_of(&program, *elem, 0);
                let es = program.rtype(*elem).size as u64;
                let v = self.new_slice(vec![z; cap as usize], cap as usize, es);
                match v {
                    Value::Slice(mut s) => {
                        s.len = len as u32;
                        Value::Slice(s)
                    }
                    v => v,
                }
            }
            Op::Append { elem, .. } => {
                let vals = std::mem::take(args);
                let mut vals = vals;
                let s = if vals.is_empty() {
                    Value::Nil
                } else {
                    vals.remove(0)
                };
                self.append(s, vals, *elem)
            }
            Op::AppendSlice(elem) => {
                let src = pop();
                let s = pop();
                let vals = match &src {
                    Value::Str(b) => b.iter().map(|c| Value::Int(*c as i64)).collect(),
                    v => self.slice_elems(v),
                };
                self.append(s, vals, *elem)
            }
            Op::Len => Value::Int(self.len_of(&pop())),
            Op::Cap => Value::Int(match pop() {
                Value::Slice(s) => s.cap as i64,
                v @ Value::Ptr(_) => self.len_of(&v),
                Value::Agg(vs) => vs.len() as i64,
                _ => 0,
            }),
            Op::SliceExpr { lo, hi, max } => {
                let mx = if *max { Some(pop().as_int()) } else { None };
                let h = if *hi { Some(pop().as_int()) } else { None };
                let l = if *lo { pop().as_int() } else { 0 };
                let x = pop();
                return self.slice_expr(x, l, h, mx).map(Some);
            }
            Op::Copy => {
                let src = pop();
                let dst = pop();
                let vals: Vec<Value> = match &src {
                    Value::Str(b) => b.iter().map(|c| Value::Int(*c as i64)).collect(),
                    v => self.slice_elems(v),
                };
                let Value::Slice(d) = dst else {
                    return Ok(Some(Value::Int(0)));
                };
                let n = vals.len().min(d.len as usize);
                if self.heap.gc.write_barrier_on() {
                    let old: Vec<Value> = self
                        .heap
                        .cells(d.obj)
                        .iter()
                        .skip(d.off as usize)
                        .take(n)
                        .cloned()
                        .collect();
                    for (o, v) in old.iter().zip(&vals) {
                        self.write_barrier(o, v);
                    }
                }
                if let Some(cells) = self.heap.cells_mut(d.obj) {
                    for (i, v) in vals.into_iter().take(n).enumerate() {
                        if let Some(c) = cells.get_mut(d.off as usize + i) {
                            *c = v;
                        }
                    }
                }
                Value::Int(n as i64)
            }
            Op::MakeMap(_) => {
                let site = self.site();
                Value::Map(self.gc_alloc(ObjData::Map(Default::default()), 48, site, ObjKind::Map))
            }
            Op::MapIndex { zero, comma_ok } => {
                let k = pop();
                let m = pop();
                let mut kb = Vec::new();
                key_bytes(&k, &mut kb);
                let found = match m {
                    Value::Map(r) => self
                        .heap
                        .map(r)
                        .and_then(|m| m.get(&kb))
                        .map(|e| e.1.clone()),
                    _ => None,
                };
                let ok = found.is_some();
                let v = found.unwrap_or_else(|| zero_of(&program, *zero, 0));
                if *comma_ok {
                    args.push(v);
                    args.push(Value::Bool(ok));
                    return Ok(None);
                }
                v
            }
            Op::MapStore => {
                let k = pop();
                let m = pop();
                let v = pop();
                let Value::Map(r) = m else {
                    return Err("assignment to entry in nil map".into());
                };
                let mut kb = Vec::new();
                key_bytes(&k, &mut kb);
                if self.heap.gc.write_barrier_on() {
                    let old = self.heap.map(r).and_then(|m| m.get(&kb)).cloned();
                    let new = Value::Agg(vec![k.clone(), v.clone()].into());
                    match old {
                        Some((ok, ov)) => {
                            self.write_barrier(&Value::Agg(vec![ok, ov].into()), &new)
                        }
                        None => self.write_barrier_new(&new),
                    }
                }
                if let Some(mm) = self.heap.map_mut(r) {
                    mm.insert(kb, (k, v));
                }
                return Ok(None);
            }
            Op::MapDelete => {
                let k = pop();
                let m = pop();
                if let Value::Map(r) = m {
                    let mut kb = Vec::new();
                    key_bytes(&k, &mut kb);
                    if self.heap.gc.write_barrier_on()
                        && let Some((ok, ov)) = self.heap.map(r).and_then(|m| m.get(&kb)).cloned()
                    {
                        self.write_barrier(&Value::Agg(vec![ok, ov].into()), &Value::Nil);
                    }
                    if let Some(mm) = self.heap.map_mut(r) {
                        mm.remove(&kb);
                    }
                }
                return Ok(None);
            }
            Op::DecodeRune => {
                let i = pop().as_int().max(0) as usize;
                let s = pop();
                let b = s.as_bytes();
                let (r, w) = lang::constant::decode_utf8(b.get(i..).unwrap_or(&[]));
                args.push(Value::Int(r.map_or(0xFFFD, |c| c as i64)));
                args.push(Value::Int(w.max(1) as i64));
                return Ok(None);
            }
            Op::EqDeep => {
                let b = pop();
                let a = pop();
                Value::Bool(self.deep_eq(&a, &b)?)
            }
            Op::Convert(c) => {
                let v = pop();
                match c {
                    Conversion::StringToBytes => {
                        let vals: Vec<Value> =
                            v.as_bytes().iter().map(|c| Value::Int(*c as i64)).collect();
                        let n = vals.len();
                        self.new_slice(vals, n, 1)
                    }
                    Conversion::StringToRunes => {
                        let s = String::from_utf8_lossy(v.as_bytes()).into_owned();
                        let vals: Vec<Value> = s.chars().map(|c| Value::Int(c as i64)).collect();
                        let n = vals.len();
                        self.new_slice(vals, n, 4)
                    }
                    Conversion::BytesToString => {
                        let b: Vec<u8> = self
                            .slice_elems(&v)
                            .iter()
                            .map(|x| x.as_int() as u8)
                            .collect();
                        Value::Str(b.into())
                    }
                    Conversion::RunesToString => {
                        let s: String = self
                            .slice_elems(&v)
                            .iter()
                            .map(|x| {
                                u32::try_from(x.as_int())
                                    .ok()
                                    .and_then(char::from_u32)
                                    .unwrap_or('\u{FFFD}')
                            })
                            .collect();
                        Value::string(&s)
                    }
                    _ => v,
                }
            }
            _ => return Ok(None),
        }))
    }

    pub(crate) fn len_of(&self, v: &Value) -> i64 {
        match v {
            Value::Str(s) => s.len() as i64,
            Value::Slice(s) => s.len as i64,
            Value::Agg(vs) => vs.len() as i64,
            Value::Map(r) => self.heap.map(*r).map_or(0, |m| m.len() as i64),
            Value::Ptr(_) => match self.load_ptr(v) {
                Ok(Value::Agg(vs)) => vs.len() as i64,
                _ => 0,
            },
            _ => 0,
        }
    }

    fn slice_expr(
        &mut self,
        x: Value,
        lo: i64,
        hi: Option<i64>,
        max: Option<i64>,
    ) -> Result<Value, String> {
        match x {
            Value::Str(s) => {
                let len = s.len() as i64;
                let h = hi.unwrap_or(len);
                if h < 0 || h > len {
                    return Err(format!(
                        "runtime error: slice bounds out of range [:{h}] with length {len}"
                    ));
                }
                if lo < 0 || lo > h {
                    return Err(format!(
                        "runtime error: slice bounds out of range [{lo}:{h}]"
                    ));
                }
                Ok(Value::Str(s[lo as usize..h as usize].into()))
            }
            Value::Ptr(p) if p.path.is_empty() => {
                // A whole array object: the slice shares its elements.
                let n = self.heap.cells(p.obj).len() as u32;
                let whole = SliceRef {
                    obj: p.obj,
                    off: 0,
                    len: n,
                    cap: n,
                };
                self.slice_slice(Some(whole), lo, hi, max)
            }
            Value::Ptr(p) => {
                // A pointer to an array: slice its elements in place (they live in a cell).
                let arr = self.load_ptr(&Value::Ptr(p.clone()))?;
                let n = match &arr {
                    Value::Agg(vs) => vs.len(),
                    _ => 0,
                };
                // An array nested in a struct or another array is part of an aggregate, so
                // slicing it copies the elements into a backing array (known gap: writes
                // through the slice are not seen by the array). Whole array variables are
                // array objects (the case above) and alias as in Go.
                let elems = match arr {
                    Value::Agg(vs) => vs.to_vec(),
                    _ => Vec::new(),
                };
                let s = self.new_slice(elems, n, 8);
                self.slice_expr(s, lo, hi, max)
            }
            Value::Slice(s) => self.slice_slice(Some(s), lo, hi, max),
            Value::Nil => self.slice_slice(None, lo, hi, max),
            _ => Ok(Value::Nil),
        }
    }

    fn slice_slice(
        &mut self,
        s: Option<SliceRef>,
        lo: i64,
        hi: Option<i64>,
        max: Option<i64>,
    ) -> Result<Value, String> {
        let (len, cap) = s.map_or((0, 0), |s| (s.len as i64, s.cap as i64));
        let m = max.unwrap_or(cap);
        if m < 0 || m > cap {
            return Err(format!(
                "runtime error: slice bounds out of range [::{m}] with capacity {cap}"
            ));
        }
        let h = hi.unwrap_or(len);
        if h < 0 || h > m {
            return if max.is_some() {
                Err(format!(
                    "runtime error: slice bounds out of range [:{h}:{m}]"
                ))
            } else {
                Err(format!(
                    "runtime error: slice bounds out of range [:{h}] with capacity {cap}"
                ))
            };
        }
        if lo < 0 || lo > h {
            return Err(format!(
                "runtime error: slice bounds out of range [{lo}:{h}]"
            ));
        }
        let Some(s) = s else { return Ok(Value::Nil) };
        Ok(Value::Slice(SliceRef {
            obj: s.obj,
            off: s.off + lo as u32,
            len: (h - lo) as u32,
            cap: (m - lo) as u32,
        }))
    }

    pub(crate) fn deep_eq(&self, a: &Value, b: &Value) -> Result<bool, String> {
        Ok(match (a, b) {
            (Value::Float(x), Value::Float(y)) => x == y,
            (Value::Agg(x), Value::Agg(y)) => {
                if x.len() != y.len() {
                    return Ok(false);
                }
                for (p, q) in x.iter().zip(y.iter()) {
                    if !self.deep_eq(p, q)? {
                        return Ok(false);
                    }
                }
                true
            }
            (Value::Iface(x), Value::Iface(y)) => {
                if x.0 != y.0 {
                    return Ok(false);
                }
                if matches!(
                    self.program.rtype(x.0).kind,
                    RKind::Slice(_) | RKind::Map(..) | RKind::Func
                ) {
                    return Err(format!(
                        "runtime error: comparing uncomparable type {}",
                        self.program.rtype(x.0).name
                    ));
                }
                self.deep_eq(&x.1, &y.1)?
            }
            _ => a == b,
        })
    }

    /// Starts a map iteration: a snapshot of the keys, rotated by a random start.
    pub(crate) fn map_iter(&mut self, m: Value, start: &mut dyn FnMut(usize) -> usize) -> Value {
        let Value::Map(r) = m else {
            let site = self.site();
            let obj = self.gc_alloc(
                ObjData::MapIter {
                    map: ObjRef(u32::MAX),
                    keys: Vec::new(),
                    pos: 0,
                },
                0,
                site,
                ObjKind::Other,
            );
            return Value::Map(obj);
        };
        let mut keys: Vec<Vec<u8>> = self
            .heap
            .map(r)
            .map(|m| m.keys().cloned().collect())
            .unwrap_or_default();
        if keys.len() > 1 {
            let s = start(keys.len());
            keys.rotate_left(s);
        }
        let site = self.site();
        let obj = self.gc_alloc(
            ObjData::MapIter {
                map: r,
                keys,
                pos: 0,
            },
            0,
            site,
            ObjKind::Other,
        );
        Value::Map(obj)
    }

    /// The next entry of a map iteration (skipping deleted keys).
    pub(crate) fn map_next(&mut self, it: ObjRef) -> Option<(Value, Value)> {
        loop {
            let (map, key) = match self
                .heap
                .objects
                .get_mut(it.0 as usize)
                .filter(|o| !o.gc.free)
                .map(|o| &mut o.data)
            {
                Some(ObjData::MapIter { map, keys, pos }) => {
                    let k = keys.get(*pos)?.clone();
                    *pos += 1;
                    (*map, k)
                }
                _ => return None,
            };
            if let Some(e) = self.heap.map(map).and_then(|m| m.get(&key)) {
                return Some(e.clone());
            }
        }
    }
}
