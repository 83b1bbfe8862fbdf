//! Vector clocks and epochs, the happens-before bookkeeping of FastTrack (Flanagan & Freund,
//! "FastTrack: Efficient and Precise Dynamic Race Detection", PLDI 2009) and of
//! ThreadSanitizer's `VectorClock`.
//!
//! Component `i` of a goroutine's clock counts the synchronisation operations (releases) of the
//! goroutine whose index is `i` (its id minus one) that happen before the goroutine's next
//! step. An access is an *epoch* `(g, c)`: goroutine `g` at its own component `c`; it happens
//! before goroutine `u`'s current step iff `c <= clock(u)[g]` — an O(1) test, which is why
//! FastTrack stores epochs rather than whole clocks wherever accesses are totally ordered.

/// A vector clock, indexed by goroutine index; missing components are 0.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct VClock(Vec<u32>);

impl VClock {
    /// Component `i`.
    pub fn get(&self, i: usize) -> u32 {
        self.0.get(i).copied().unwrap_or(0)
    }

    /// Sets component `i`, growing the clock as needed.
    pub fn set(&mut self, i: usize, v: u32) {
        if self.0.len() <= i {
            self.0.resize(i + 1, 0);
        }
        self.0[i] = v;
    }

    /// Advances component `i` (after a release, so later accesses are not covered by it).
    pub fn tick(&mut self, i: usize) {
        let v = self.get(i).saturating_add(1);
        self.set(i, v);
    }

    /// Pointwise maximum: `self` now knows everything `other` knew (an acquire).
    pub fn join(&mut self, other: &VClock) {
        if self.0.len() < other.0.len() {
            self.0.resize(other.0.len(), 0);
        }
        for (a, b) in self.0.iter_mut().zip(other.0.iter()) {
            *a = (*a).max(*b);
        }
    }

    /// `self <= other` pointwise: everything `self` saw happens before `other`.
    pub fn leq(&self, other: &VClock) -> bool {
        self.0.iter().enumerate().all(|(i, v)| *v <= other.get(i))
    }

    /// The components, for views (per-goroutine vector clocks).
    pub fn components(&self) -> &[u32] {
        &self.0
    }
}

/// An epoch: goroutine index and the value of its own clock component at the access.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Epoch {
    pub g: usize,
    pub clock: u32,
}

impl Epoch {
    /// Does the access at this epoch happen before the step of a goroutine whose clock is `vc`?
    pub fn before(&self, vc: &VClock) -> bool {
        self.clock <= vc.get(self.g)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn join_and_order() {
        let mut a = VClock::default();
        a.set(0, 2);
        let mut b = VClock::default();
        b.set(1, 3);
        assert!(!a.leq(&b));
        b.join(&a);
        assert!(a.leq(&b));
        assert_eq!(b.components(), &[2, 3]);
        assert!(Epoch { g: 0, clock: 2 }.before(&b));
        assert!(!Epoch { g: 0, clock: 3 }.before(&b));
        b.tick(5);
        assert_eq!(b.get(5), 1);
    }
}
