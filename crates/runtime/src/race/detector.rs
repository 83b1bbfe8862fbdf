//! The happens-before detector: one vector clock per goroutine, one per synchronisation
//! object, and the FastTrack checks on every shadowed access.
//!
//! Edges, after go.dev/ref/mem and where `runtime/race.go` / `chan.go` call the race runtime:
//! - `go` statement → the new goroutine's first step ([`Detector::go_start`]);
//! - channels: a buffered channel's slot `k mod C` is a sync object that the k-th send and
//!   the k-th receive both acquire and release (`racenotify(c, idx)`), which gives both "the
//!   k-th send → the k-th receive completes" and "the k-th receive → the (k+C)-th send
//!   completes"; an unbuffered send and its receive join both ways (`racesync`); `close`
//!   releases into the channel's close clock, acquired by receives that return because closed;
//! - `sync` objects: Unlock/RUnlock/Done/Add release, Lock/RLock/Wait/Do acquire;
//! - atomics: every operation on an atomic location acquires and releases that location's
//!   clock (sequentially consistent, as the memory model specifies for sync/atomic);
//! - goroutine exit: nothing.

use super::shadow::{Access, Loc, Shadow, Stack};
use super::vclock::{Epoch, VClock};
use crate::value::Value;
use std::collections::BTreeMap;

/// A synchronisation object's clock key.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum SyncKey {
    /// A `sync` object by handle index.
    Sync(usize),
    /// An atomic location.
    Atomic(Loc),
    /// Slot `k mod C` of a buffered channel.
    ChanSlot(u32, u64),
    /// A channel's close.
    ChanClose(u32),
    /// A program timer (`time.AfterFunc`): arming it happens before its function runs.
    Timer(usize),
}

/// A race found by an access: the current access's kind and the earlier conflicting one.
#[derive(Clone, Debug)]
pub struct Race {
    pub loc: Loc,
    pub write: bool,
    pub prev: Access,
    pub prev_write: bool,
}

/// A buffered channel operation's slot, the releases its acquire learned, its release clock.
pub type ChanSync = (SyncKey, Vec<(usize, u32)>, u32);

/// Send/receive counters of a channel (the k of the k-th send / receive).
#[derive(Clone, Copy, Debug, Default)]
struct ChanCount {
    sends: u64,
    recvs: u64,
}

/// The detector's whole state (cloned with the machine for checkpoints).
#[derive(Clone, Debug, Default)]
pub struct Detector {
    clocks: Vec<VClock>,
    shadow: BTreeMap<Loc, Shadow>,
    syncs: BTreeMap<SyncKey, VClock>,
    /// Per sync object, each goroutine's own clock at its latest release into it: the direct
    /// releases an acquire may learn from (for the happens-before log's edges).
    releasers: BTreeMap<SyncKey, BTreeMap<usize, u32>>,
    chans: BTreeMap<u32, ChanCount>,
    /// Per (goroutine, location): the newest store seq when it last chose a racy value, and
    /// the seq it chose. Re-reading with no newer store returns the same value (the compiler
    /// may hoist the load out of a loop; that is why `for !done {}` can spin forever), and a
    /// later choice never goes back before it (coherence).
    observed: BTreeMap<(usize, Loc), (u64, u64)>,
    /// The sync object of the `sync` call being run, whose clock goroutines it wakes acquire.
    pub(crate) current_sync: Option<usize>,
}

impl Detector {
    pub fn new() -> Detector {
        let mut d = Detector::default();
        d.clock_mut(0).set(0, 1);
        d
    }

    fn clock_mut(&mut self, g: usize) -> &mut VClock {
        if self.clocks.len() <= g {
            self.clocks.resize(g + 1, VClock::default());
        }
        &mut self.clocks[g]
    }

    /// Goroutine `g`'s clock (for views).
    pub fn clock(&self, g: usize) -> VClock {
        self.clocks.get(g).cloned().unwrap_or_default()
    }

    /// Goroutine `g`'s own clock component (its current epoch's clock).
    pub fn clock_of(&self, g: usize) -> u32 {
        self.clocks.get(g).map_or(0, |c| c.get(g))
    }

    fn epoch(&mut self, g: usize) -> Epoch {
        let clock = self.clock_mut(g).get(g);
        Epoch { g, clock }
    }

    /// `go f()` by `parent` created `child`.
    /// Returns the parent's clock at the `go` statement.
    pub fn go_start(&mut self, parent: usize, child: usize) -> u32 {
        let mut vc = self.clock_mut(parent).clone();
        let clock = vc.get(parent);
        vc.tick(child);
        *self.clock_mut(child) = vc;
        self.clock_mut(parent).tick(parent);
        clock
    }

    /// A goroutine `child` started by a timer (no parent goroutine): a fresh clock that
    /// acquires `key`, as Go's timer code does (`raceacquirectx` on the timer).
    pub fn timer_start(&mut self, key: &SyncKey, child: usize) -> Vec<(usize, u32)> {
        self.clock_mut(child).tick(child);
        self.acquire(key, child)
    }

    /// `g` acquires `key` (its clock joins the object's). Returns the direct releases into
    /// `key` by other goroutines that `g` learns of: `(goroutine, its clock at the release)`.
    pub fn acquire(&mut self, key: &SyncKey, g: usize) -> Vec<(usize, u32)> {
        let known = self.clock(g);
        let from = self.releasers.get(key).map_or_else(Vec::new, |r| {
            r.iter()
                .filter(|(h, c)| **h != g && known.get(**h) < **c)
                .map(|(h, c)| (*h, *c))
                .collect()
        });
        if let Some(vc) = self.syncs.get(key).cloned() {
            self.clock_mut(g).join(&vc);
        }
        from
    }

    /// `g` releases into `key` (the object's clock joins `g`'s; `g` moves on). Returns `g`'s
    /// clock at the release (the epoch acquirers learn).
    pub fn release(&mut self, key: SyncKey, g: usize) -> u32 {
        let vc = self.clock_mut(g).clone();
        let clock = vc.get(g);
        self.syncs.entry(key.clone()).or_default().join(&vc);
        self.releasers.entry(key).or_default().insert(g, clock);
        self.clock_mut(g).tick(g);
        clock
    }

    /// Both directions between `a` and `b` (an unbuffered channel's rendezvous). Returns the
    /// clocks of `a` and `b` at the exchange.
    pub fn pair(&mut self, a: usize, b: usize) -> (u32, u32) {
        let mut vc = self.clock_mut(a).clone();
        vc.join(&self.clock_mut(b).clone());
        let clocks = (vc.get(a), vc.get(b));
        self.clock_mut(a).join(&vc);
        self.clock_mut(b).join(&vc);
        self.clock_mut(a).tick(a);
        self.clock_mut(b).tick(b);
        clocks
    }

    /// The k-th send on buffered channel `c` of capacity `cap` completed, by `g`. Returns the
    /// slot, what the acquire learned and the release's clock.
    pub fn chan_send(&mut self, c: u32, cap: u64, g: usize) -> ChanSync {
        let n = self.chans.entry(c).or_default();
        let key = SyncKey::ChanSlot(c, n.sends % cap.max(1));
        n.sends += 1;
        let from = self.acquire(&key, g);
        let clock = self.release(key.clone(), g);
        (key, from, clock)
    }

    /// The k-th receive (of a sent value) on buffered channel `c` completed, by `g`.
    pub fn chan_recv(&mut self, c: u32, cap: u64, g: usize) -> ChanSync {
        let n = self.chans.entry(c).or_default();
        let key = SyncKey::ChanSlot(c, n.recvs % cap.max(1));
        n.recvs += 1;
        let from = self.acquire(&key, g);
        let clock = self.release(key.clone(), g);
        (key, from, clock)
    }

    /// Every goroutine's clock, by index (for views).
    pub fn clocks(&self) -> &[VClock] {
        &self.clocks
    }

    /// Every sync object's clock, in key order (for views).
    pub fn sync_clocks(&self) -> impl Iterator<Item = (&SyncKey, &VClock)> {
        self.syncs.iter()
    }

    /// FastTrack's read rule. Returns the race, if the last write is concurrent, and whether
    /// the read is racy at all (reports are deduplicated elsewhere; racy value choice is not).
    pub fn read(&mut self, loc: &Loc, g: usize, stack: &Stack) -> (bool, Option<Race>) {
        let epoch = self.epoch(g);
        let vc = self.clock_mut(g).clone();
        let sh = self.shadow.entry(loc.clone()).or_default();
        let race = sh
            .write
            .as_ref()
            .filter(|w| w.epoch.g != g && !w.epoch.before(&vc))
            .map(|w| Race {
                loc: loc.clone(),
                write: false,
                prev: w.clone(),
                prev_write: true,
            });
        // Keep only reads not ordered before this one, then this one (replacing g's own).
        sh.reads.retain(|r| r.epoch.g != g && !r.epoch.before(&vc));
        sh.reads.push(Access {
            epoch,
            stack: stack.clone(),
        });
        (race.is_some(), race)
    }

    /// FastTrack's write rule; `store` is `(old value, new value)` for locations whose
    /// loads may be racy (globals and cells).
    pub fn write(
        &mut self,
        loc: &Loc,
        g: usize,
        stack: &Stack,
        store: Option<(Option<Value>, Value)>,
    ) -> Option<Race> {
        let epoch = self.epoch(g);
        let vc = self.clock_mut(g).clone();
        let sh = self.shadow.entry(loc.clone()).or_default();
        let race = if let Some(w) = sh
            .write
            .as_ref()
            .filter(|w| w.epoch.g != g && !w.epoch.before(&vc))
        {
            Some(Race {
                loc: loc.clone(),
                write: true,
                prev: w.clone(),
                prev_write: true,
            })
        } else {
            sh.reads
                .iter()
                .find(|r| r.epoch.g != g && !r.epoch.before(&vc))
                .map(|r| Race {
                    loc: loc.clone(),
                    write: true,
                    prev: r.clone(),
                    prev_write: false,
                })
        };
        sh.write = Some(Access {
            epoch,
            stack: stack.clone(),
        });
        sh.reads.clear();
        if let Some((old, new)) = store {
            sh.push_store(old, new, g, &vc);
        }
        race
    }

    /// Every value in the store histories — a racy load may still return one, so they are
    /// roots for the collector (`gc::roots`).
    pub fn for_each_value(&self, f: &mut dyn FnMut(&Value)) {
        for sh in self.shadow.values() {
            for s in &sh.history {
                f(&s.value);
            }
        }
    }

    /// Object `obj`'s index is reused by a new allocation: its shadow state goes, as Go's
    /// race runtime resets the shadow of reallocated memory (`racemalloc`), so the new object
    /// inherits no accesses (and no racy-load history) of the freed one.
    pub fn forget_object(&mut self, obj: u32) {
        let first = Loc::Cell {
            obj,
            path: std::rc::Rc::from(&[][..]),
        };
        let cells: Vec<Loc> = self
            .shadow
            .range(first..)
            .map(|(l, _)| l)
            .take_while(|l| matches!(l, Loc::Cell { obj: o, .. } if *o == obj))
            .cloned()
            .collect();
        for l in cells {
            self.shadow.remove(&l);
        }
        self.shadow.remove(&Loc::Map(obj));
        if !self.observed.is_empty() {
            self.observed.retain(|(_, l), _| match l {
                Loc::Cell { obj: o, .. } | Loc::Map(o) => *o != obj,
                Loc::Global(_) => true,
            });
        }
    }

    /// For a racy load by `g`: the visible stores' values and seqs, oldest first, narrowed by
    /// what `g` observed before; `Err(value)` when the choice is already made.
    pub fn load_candidates(&self, loc: &Loc, g: usize) -> Result<Vec<(u64, Value)>, Value> {
        let Some(sh) = self.shadow.get(loc) else {
            return Ok(Vec::new());
        };
        let newest = sh.next_seq;
        let seen = self.observed.get(&(g, loc.clone())).copied();
        if let Some((at, chosen)) = seen
            && at == newest
            && let Some(s) = sh.history.iter().find(|s| s.seq == chosen)
        {
            return Err(s.value.clone());
        }
        let floor = seen.map_or(0, |s| s.1);
        let vc = self.clocks.get(g).cloned().unwrap_or_default();
        Ok(sh
            .visible(&vc)
            .into_iter()
            .filter(|s| s.seq >= floor)
            .map(|s| (s.seq, s.value.clone()))
            .collect())
    }

    /// Records that `g` observed store `seq` of `loc`.
    pub fn observe(&mut self, loc: &Loc, g: usize, seq: u64) {
        let newest = self.shadow.get(loc).map_or(0, |s| s.next_seq);
        self.observed.insert((g, loc.clone()), (newest, seq));
    }
}
