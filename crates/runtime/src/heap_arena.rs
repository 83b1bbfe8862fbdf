//! `ObjArena`: the heap's objects in copy-on-write chunks, so that checkpoints share the
//! parts of the heap not written since.
//!
//! Objects are addressed by index ([`ObjRef`](crate::heap::ObjRef)); object `i` lives in
//! chunk `i / CHUNK` at `i % CHUNK`, each chunk a [`Shared`] vector. A machine's clone copies
//! one pointer per chunk; the first write to a chunk after a clone copies that chunk alone. A
//! worker pool's closure environments, written once when each worker starts, then stay shared
//! by every checkpoint of the run.
//!
//! Why chunks rather than one `Shared` per object: a per-object `Rc` costs one more allocation
//! per Go object and a pointer chase per object marked or swept — measured 20% slower on the
//! 700,000-object `tests/bench/gc/heap.go` — while chunks keep the arena mostly contiguous.
//!
//! Invariants: every chunk but the last is full (`CHUNK` objects), so indexing is a division;
//! reads ([`get`](ObjArena::get), `[i]` in a read position, [`iter`](ObjArena::iter)) never
//! copy a chunk, and [`get_mut`](ObjArena::get_mut) copies one only if the index exists. A GC
//! cycle writes every live object's colour, so a program that collects often shares little of
//! its heap between checkpoints (and the footprint counts it so).

use std::ops::{Index, IndexMut};

use crate::heap::Object;
use crate::shared::Shared;

/// Objects per chunk (~20 KB). Smaller chunks copy less per write, but each new chunk is an
/// allocation past glibc's fast bins, which consolidates them: 64 measured ~25% slower than one
/// flat vector on `gc/heap.go`, 256 ~10% (best of 9 runs).
pub const CHUNK: usize = 256;

/// The heap's objects, by index; see the module docs.
#[derive(Clone, Default)]
pub struct ObjArena {
    chunks: Vec<Shared<Vec<Object>>>,
    len: usize,
}

impl ObjArena {
    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    pub fn get(&self, i: usize) -> Option<&Object> {
        self.chunks.get(i / CHUNK)?.get(i % CHUNK)
    }

    /// Object `i` for writing: copies its chunk first if a clone shares it.
    pub fn get_mut(&mut self, i: usize) -> Option<&mut Object> {
        if i >= self.len {
            return None;
        }
        self.chunks.get_mut(i / CHUNK)?.get_mut(i % CHUNK)
    }

    pub fn push(&mut self, object: Object) {
        match self.chunks.last_mut() {
            Some(chunk) if chunk.len() < CHUNK => chunk.push(object),
            _ => {
                let mut chunk = Vec::with_capacity(CHUNK);
                chunk.push(object);
                self.chunks.push(Shared::new(chunk));
            }
        }
        self.len += 1;
    }

    /// Every object, in index order.
    pub fn iter(&self) -> impl Iterator<Item = &Object> + '_ {
        self.chunks.iter().flat_map(|c| c.iter())
    }

    /// The chunks, for the footprint (which counts the ones a previous state does not share).
    pub(crate) fn chunks(&self) -> &[Shared<Vec<Object>>] {
        &self.chunks
    }

    /// How many objects `self` holds in the same chunk allocations as `other`.
    pub fn shared_with(&self, other: &ObjArena) -> usize {
        self.chunks
            .iter()
            .zip(&other.chunks)
            .filter(|(a, b)| Shared::ptr_eq(a, b))
            .map(|(a, _)| a.len())
            .sum()
    }
}

impl Index<usize> for ObjArena {
    type Output = Object;

    fn index(&self, i: usize) -> &Object {
        &self.chunks[i / CHUNK][i % CHUNK]
    }
}

impl IndexMut<usize> for ObjArena {
    /// Copies the chunk first if a clone shares it.
    fn index_mut(&mut self, i: usize) -> &mut Object {
        &mut self.chunks[i / CHUNK][i % CHUNK]
    }
}

/// As the list of objects: the chunking is invisible.
impl std::fmt::Debug for ObjArena {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gc::view::{Colour, ObjKind};
    use crate::heap::{ObjData, ObjMeta};
    use lang::bytecode::FuncId;

    fn object(size: u64) -> Object {
        Object {
            data: ObjData::Cells(Vec::new()),
            size,
            site: (FuncId(0), 0),
            gc: ObjMeta {
                kind: ObjKind::Cell,
                class: 0,
                span: 0,
                slot: 0,
                next: 0,
                colour: Colour::White,
                noscan: true,
                tiny: false,
                free: false,
            },
        }
    }

    #[test]
    fn indexes_across_chunks_and_copies_only_the_written_chunk() {
        let mut a = ObjArena::default();
        let n = 3 * CHUNK + 5;
        for i in 0..n {
            a.push(object(i as u64));
        }
        assert_eq!(a.len(), n);
        assert!(a.iter().enumerate().all(|(i, o)| o.size == i as u64));
        assert_eq!(a[2 * CHUNK + 1].size, (2 * CHUNK + 1) as u64);
        assert!(a.get(n).is_none());
        let mut b = a.clone();
        assert_eq!(b.shared_with(&a), n);
        assert!(b.get_mut(n).is_none(), "out of range copies nothing");
        assert_eq!(b.shared_with(&a), n);
        b[CHUNK + 3].size = 0;
        assert_eq!(b.shared_with(&a), n - CHUNK, "one chunk copied");
        assert_eq!(
            a[CHUNK + 3].size,
            (CHUNK + 3) as u64,
            "the original is a snapshot"
        );
        b.push(object(7));
        assert_eq!(b.shared_with(&a), n - CHUNK - 5, "the last chunk copied");
        assert_eq!(a.len(), n);
    }
}
