//! The call tree every profile is kept in: one node per distinct call path (a trie of
//! frames, outermost at the root, each node's callees in a linked list), each node carrying the values of the samples whose stack
//! ends there — pprof's `Sample { location_id[], value[] }` with the stacks shared.
//!
//! Why a tree and not a list of samples: a CPU profile of a 10⁷-instruction program has
//! ~10⁴ samples but only a handful of distinct stacks, and the Playground's recorder clones
//! the machine (profile included) into every checkpoint, so the profile must stay as small
//! as its distinct stacks. The flame graph is this tree; the pprof export walks it back into
//! samples (one per node with a value).
//!
//! Invariants: node 0 is the root (no frame, no parent, never a sample); a node's parent has
//! a smaller index; `(parent, frame)` is unique, so adding the same stack twice adds to one
//! node; values only grow.

use lang::bytecode::FuncId;

/// One stack frame as a profile sees it: the function and the source line executing in it
/// (for an outer frame, the line of its call).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ProfFrame {
    pub func: FuncId,
    pub line: u32,
}

/// A node of the [`CallTree`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Node {
    /// Index of the caller's node (0, the root, for an outermost frame; the root's own is 0).
    pub parent: u32,
    pub frame: ProfFrame,
    /// Values of the samples whose innermost frame is this node (pprof's *flat*):
    /// `[samples, cpu ns]` for CPU, `[objects, bytes]` for allocations.
    pub flat: [u64; 2],
    /// First callee and next sibling (0: none) — a node has few callees, so a list is
    /// enough, and no map code goes into the site's wasm.
    first_child: u32,
    next_sibling: u32,
}

/// Distinct call paths with their values. See the module docs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CallTree {
    nodes: Vec<Node>,
}

impl Default for CallTree {
    fn default() -> Self {
        CallTree {
            nodes: vec![Node {
                parent: 0,
                frame: ProfFrame {
                    func: FuncId(u32::MAX),
                    line: 0,
                },
                flat: [0, 0],
                first_child: 0,
                next_sibling: 0,
            }],
        }
    }
}

impl CallTree {
    /// Adds `value` to the stack `outermost_first` (an empty stack adds nothing).
    pub fn add(&mut self, outermost_first: impl IntoIterator<Item = ProfFrame>, value: [u64; 2]) {
        let mut at = 0u32;
        for frame in outermost_first {
            let mut child = self.nodes[at as usize].first_child;
            while child != 0 && self.nodes[child as usize].frame != frame {
                child = self.nodes[child as usize].next_sibling;
            }
            if child == 0 {
                child = self.nodes.len() as u32;
                let next_sibling = self.nodes[at as usize].first_child;
                self.nodes.push(Node {
                    parent: at,
                    frame,
                    flat: [0, 0],
                    first_child: 0,
                    next_sibling,
                });
                self.nodes[at as usize].first_child = child;
            }
            at = child;
        }
        if at != 0 {
            let flat = &mut self.nodes[at as usize].flat;
            flat[0] += value[0];
            flat[1] += value[1];
        }
    }

    /// Every node, the root first; a parent comes before its children.
    pub fn nodes(&self) -> &[Node] {
        &self.nodes
    }

    /// The stack ending at `node`, innermost first (pprof's order), without the root.
    pub fn stack(&self, node: u32) -> Vec<ProfFrame> {
        let mut out = Vec::new();
        let mut at = node;
        while at != 0 {
            let n = &self.nodes[at as usize];
            out.push(n.frame);
            at = n.parent;
        }
        out
    }

    /// Each node's *cum* value (its own plus its descendants'), by node index.
    pub fn cumulative(&self) -> Vec<[u64; 2]> {
        let mut cum: Vec<[u64; 2]> = self.nodes.iter().map(|n| n.flat).collect();
        // Children have larger indices than their parents: one backwards pass suffices.
        for i in (1..self.nodes.len()).rev() {
            let p = self.nodes[i].parent as usize;
            let c = cum[i];
            cum[p][0] += c[0];
            cum[p][1] += c[1];
        }
        cum
    }

    /// The sum of every sample's values.
    pub fn total(&self) -> [u64; 2] {
        self.nodes
            .iter()
            .fold([0, 0], |a, n| [a[0] + n.flat[0], a[1] + n.flat[1]])
    }

    /// No samples yet.
    pub fn is_empty(&self) -> bool {
        self.total() == [0, 0]
    }

    /// Rough heap bytes (for `Machine::approx_bytes`).
    pub fn approx_bytes(&self) -> usize {
        self.nodes.capacity() * size_of::<Node>()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn f(func: u32, line: u32) -> ProfFrame {
        ProfFrame {
            func: FuncId(func),
            line,
        }
    }

    #[test]
    fn equal_stacks_share_a_node_and_cum_adds_up() {
        let mut t = CallTree::default();
        t.add([f(0, 3), f(1, 7)], [1, 10]);
        t.add([f(0, 3), f(1, 7)], [2, 20]);
        t.add([f(0, 3), f(2, 9)], [1, 10]);
        t.add([f(0, 4)], [5, 50]);
        t.add([], [9, 9]);
        assert_eq!(t.nodes().len(), 5, "root, main:3, spin:7, other:9, main:4");
        assert_eq!(t.total(), [9, 90]);
        let cum = t.cumulative();
        assert_eq!(cum[0], [9, 90]);
        assert_eq!(cum[1], [4, 40], "main at line 3 called both");
        assert_eq!(t.stack(2), vec![f(1, 7), f(0, 3)], "innermost first");
    }
}
