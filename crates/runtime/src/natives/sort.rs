//! Package `sort` (`sort/sort.go`, `zsortfunc.go`): `Ints`, `Strings`, `Slice`.
//!
//! `sort.Slice` calls the program's `less(i, j)` closure, so it is a state machine over the
//! native continuation (see `natives`): each comparison is an ordinary Go call, and swaps are
//! done on the slice's backing array in the heap between calls (`less` reads the slice through
//! its closure, so it must see every swap).
//!
//! Order of comparisons: Go's `pdqsort_func` sorts n ≤ 12 elements with
//! `insertionSortLessFunc`, which this reproduces call for call, so a `less` with side effects
//! (printing) and ties behave exactly as in Go. Longer slices use a binary insertion sort
//! (O(n log n) calls of `less`): the result is a correct sort, but unlike pdqsort it is stable,
//! so equal elements may end up in a different order than Go's, and the sequence of `less`
//! calls differs. `Ints` and `Strings` cannot show the difference (equal elements are
//! indistinguishable) and sort in Rust.

use super::{Cont, Step, unboxed};
use crate::machine::Machine;
use crate::value::{SliceRef, Value};
use lang::packages::Native;

/// Go's `insertionSortLessFunc` bound in `pdqsort_func`.
const INSERTION_MAX: u32 = 12;

/// A suspended `sort.Slice`: inserting element `i`; `j` is the insertion sort's cursor, or
/// `lo..hi` the binary search's window.
#[derive(Clone, Debug, PartialEq)]
pub struct SortState {
    slice: SliceRef,
    less: Value,
    i: u32,
    j: u32,
    lo: u32,
    hi: u32,
}

impl SortState {
    /// The values this suspended sort holds (collector roots).
    pub(crate) fn for_each_value(&self, f: &mut dyn FnMut(&Value)) {
        f(&Value::Slice(self.slice));
        f(&self.less);
    }
}

impl Machine {
    pub(super) fn sort_start(&mut self, native: Native, args: Vec<Value>) -> Step {
        let x = args.first().map(unboxed).cloned().unwrap_or_default();
        let Value::Slice(slice) = x else {
            return Step::Done(Vec::new());
        };
        if native != Native::SortSlice {
            let Some(cells) = self.heap.cells_mut(slice.obj) else {
                return Step::Done(Vec::new());
            };
            let a = (slice.off as usize).min(cells.len());
            let b = (a + slice.len as usize).min(cells.len());
            let part = &mut cells[a..b];
            if native == Native::SortInts {
                part.sort_by_key(Value::as_int);
            } else {
                part.sort_by(|p, q| p.as_bytes().cmp(q.as_bytes()));
            }
            return Step::Done(Vec::new());
        }
        let less = args.get(1).cloned().unwrap_or_default();
        self.sort_next(SortState {
            slice,
            less,
            i: 1,
            j: 1,
            lo: 0,
            hi: 1,
        })
    }

    pub(super) fn sort_resume(&mut self, mut s: SortState, results: Vec<Value>) -> Step {
        let less = results.first().is_some_and(Value::as_bool);
        if s.slice.len <= INSERTION_MAX {
            if less {
                self.swap(&s.slice, s.j, s.j - 1);
                s.j -= 1;
            } else {
                s.i += 1;
                s.j = s.i;
            }
        } else {
            let mid = s.lo + (s.hi - s.lo) / 2;
            if less {
                s.hi = mid;
            } else {
                s.lo = mid + 1;
            }
        }
        self.sort_next(s)
    }

    /// The next comparison, or Done.
    fn sort_next(&mut self, mut s: SortState) -> Step {
        let n = s.slice.len;
        if n <= INSERTION_MAX {
            // for i := 1; i < n; i++ { for j := i; j > 0 && less(j, j-1); j-- { swap(j, j-1) } }
            loop {
                if s.i >= n {
                    return Step::Done(Vec::new());
                }
                if s.j > 0 {
                    break;
                }
                s.i += 1;
                s.j = s.i;
            }
            let (a, b) = (s.j, s.j - 1);
            return self.call_less(s, a, b);
        }
        // Binary insertion: find where element i goes in the sorted prefix [0, i).
        loop {
            if s.i >= n {
                return Step::Done(Vec::new());
            }
            if s.lo < s.hi {
                let mid = s.lo + (s.hi - s.lo) / 2;
                let i = s.i;
                return self.call_less(s, i, mid);
            }
            self.rotate(&s.slice, s.lo, s.i);
            s.i += 1;
            s.lo = 0;
            s.hi = s.i;
        }
    }

    fn call_less(&self, s: SortState, a: u32, b: u32) -> Step {
        Step::Call {
            callee: s.less.clone(),
            args: vec![Value::Int(a as i64), Value::Int(b as i64)],
            then: Cont::Sort(s),
        }
    }

    fn swap(&mut self, s: &SliceRef, a: u32, b: u32) {
        if let Some(cells) = self.heap.cells_mut(s.obj) {
            let (a, b) = ((s.off + a) as usize, (s.off + b) as usize);
            if a < cells.len() && b < cells.len() {
                cells.swap(a, b);
            }
        }
    }

    /// Moves element `from` to position `to` (≤ from), shifting the ones between up.
    fn rotate(&mut self, s: &SliceRef, to: u32, from: u32) {
        if let Some(cells) = self.heap.cells_mut(s.obj) {
            let (a, b) = ((s.off + to) as usize, (s.off + from) as usize);
            if a <= b && b < cells.len() {
                cells[a..=b].rotate_right(1);
            }
        }
    }
}
