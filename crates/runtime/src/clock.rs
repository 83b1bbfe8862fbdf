//! Virtual time: the clock of the simulated program and its timer heap (`runtime/time.go`).
//!
//! goscope never reads a wall clock. Time is a counter of virtual nanoseconds that moves for two
//! reasons only:
//! - **work**: every VM instruction costs `SchedConfig::instruction_ns` (1 ns by default), so a
//!   goroutine that runs ten million instructions has used its 10 ms time slice;
//! - **idleness**: when no P has anything to run, the scheduler jumps the clock straight to the
//!   next deadline (the earliest timer, the end of a syscall, the next sysmon retake). That is
//!   why `time.Sleep(time.Second)` costs nothing real: a second of nothing happening is one
//!   jump. Real Go gets the same effect by parking its last M in `netpoll` with a timeout.
//!
//! Go keeps one timer heap per P (`p.timers`, a 4-ary heap ordered by `when`). goscope keeps
//! one [`TimerHeap`] for the whole program, remembers in the payload which P set the timer
//! (so the woken goroutine lands on that P, as Go's per-P timers do), and breaks ties between
//! equal deadlines by creation order: two `time.Sleep(d)` started in the same instant wake in
//! the order they slept, on every platform, forever.
//!
//! Invariants: `now` never goes backwards; a timer is either pending (in the heap, exactly
//! once) or gone; [`TimerHeap::pop_due`] yields timers in `(when, sequence)` order.

use std::collections::BTreeMap;
use std::fmt;

/// A point in virtual time: nanoseconds since the program started (`nanotime()`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct VirtualTime(pub u64);

impl VirtualTime {
    /// The instant the program starts.
    pub const ZERO: VirtualTime = VirtualTime(0);

    /// Nanoseconds since the start.
    pub fn nanos(self) -> u64 {
        self.0
    }

    /// `self + ns`, saturating (a `time.Sleep(math.MaxInt64)` must not wrap around).
    pub fn after(self, ns: u64) -> VirtualTime {
        VirtualTime(self.0.saturating_add(ns))
    }

    /// `self - earlier` in nanoseconds, or 0 if `earlier` is later.
    pub fn since(self, earlier: VirtualTime) -> u64 {
        self.0.saturating_sub(earlier.0)
    }
}

/// Printed like Go's `time.Duration.String` of the time since start: `0s`, `20µs`, `1.5ms`.
impl fmt::Display for VirtualTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&duration_string(self.0 as i64))
    }
}

/// Go's `time.Duration.String`: `1h2m3.5s`, `1.5ms`, `20µs`, `7ns`, `0s`, `-2s`.
///
/// Kept here because event lines print virtual times with it and `time.Duration` printing in
/// `fmt` must match Go byte for byte.
pub fn duration_string(d: i64) -> String {
    let neg = d < 0;
    let u = d.unsigned_abs();
    let mut s = String::new();
    if u < 1_000_000_000 {
        // Sub-second: one unit (ns, µs, ms) with a fraction, as Go does.
        let (unit, scale) = match u {
            0 => return "0s".to_string(),
            1..=999 => ("ns", 1),
            1_000..=999_999 => ("µs", 1_000),
            _ => ("ms", 1_000_000),
        };
        s.push_str(&fraction(u, scale));
        s.push_str(unit);
    } else {
        let secs = u / 1_000_000_000;
        let nanos = u % 1_000_000_000;
        let (h, m, sec) = (secs / 3600, (secs / 60) % 60, secs % 60);
        if h > 0 {
            s.push_str(&format!("{h}h"));
        }
        if h > 0 || m > 0 {
            s.push_str(&format!("{m}m"));
        }
        s.push_str(&fraction(sec * 1_000_000_000 + nanos, 1_000_000_000));
        s.push('s');
    }
    if neg {
        s.insert(0, '-');
    }
    s
}

/// `v / scale` with the remainder as a decimal fraction without trailing zeros.
fn fraction(v: u64, scale: u64) -> String {
    let whole = v / scale;
    let rem = v % scale;
    if rem == 0 {
        return whole.to_string();
    }
    let digits = scale.ilog10() as usize;
    let frac = format!("{rem:0digits$}");
    format!("{whole}.{}", frac.trim_end_matches('0'))
}

/// Identity of a pending timer, for cancelling it (`Timer.Stop`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TimerId(pub u64);

/// Pending timers ordered by deadline, ties broken by creation order (see the module docs).
#[derive(Clone, Debug)]
#[doc(alias = "timers")]
pub struct TimerHeap<T> {
    /// Keyed by `(when, sequence)`: iteration order is firing order.
    pending: BTreeMap<(VirtualTime, u64), T>,
    /// Sequence number → deadline, so a timer can be cancelled by id.
    deadline_of: BTreeMap<u64, VirtualTime>,
    next_seq: u64,
}

impl<T> Default for TimerHeap<T> {
    fn default() -> Self {
        TimerHeap {
            pending: BTreeMap::new(),
            deadline_of: BTreeMap::new(),
            next_seq: 0,
        }
    }
}

impl<T> TimerHeap<T> {
    pub fn new() -> TimerHeap<T> {
        TimerHeap::default()
    }

    /// Adds a timer firing at `when` (`addtimer`).
    pub fn add(&mut self, when: VirtualTime, payload: T) -> TimerId {
        let seq = self.next_seq;
        self.next_seq += 1;
        self.pending.insert((when, seq), payload);
        self.deadline_of.insert(seq, when);
        TimerId(seq)
    }

    /// Cancels a pending timer (`deltimer`); `None` if it already fired or was cancelled.
    pub fn cancel(&mut self, id: TimerId) -> Option<T> {
        let when = self.deadline_of.remove(&id.0)?;
        self.pending.remove(&(when, id.0))
    }

    /// The earliest deadline, if any timer is pending.
    pub fn next_deadline(&self) -> Option<VirtualTime> {
        self.pending.keys().next().map(|&(when, _)| when)
    }

    /// Removes and returns the earliest timer whose deadline is `<= now`.
    pub fn pop_due(&mut self, now: VirtualTime) -> Option<(VirtualTime, TimerId, T)> {
        let &(when, seq) = self.pending.keys().next()?;
        if when > now {
            return None;
        }
        let payload = self.pending.remove(&(when, seq))?;
        self.deadline_of.remove(&seq);
        Some((when, TimerId(seq), payload))
    }

    /// Removes every pending timer whose payload matches (used when a P is destroyed or a
    /// goroutine dies).
    pub fn retain(&mut self, mut keep: impl FnMut(&T) -> bool) {
        let deadline_of = &mut self.deadline_of;
        self.pending.retain(|&(_, seq), t| {
            let k = keep(t);
            if !k {
                deadline_of.remove(&seq);
            }
            k
        });
    }

    pub fn len(&self) -> usize {
        self.pending.len()
    }

    pub fn is_empty(&self) -> bool {
        self.pending.is_empty()
    }

    /// Pending timers in firing order, for the views.
    pub fn iter(&self) -> impl Iterator<Item = (VirtualTime, TimerId, &T)> {
        self.pending
            .iter()
            .map(|(&(when, seq), t)| (when, TimerId(seq), t))
    }
}

/// The clock: the current virtual time plus the pending timers.
#[derive(Clone, Debug)]
pub struct Clock<T> {
    now: VirtualTime,
    pub timers: TimerHeap<T>,
}

impl<T> Default for Clock<T> {
    fn default() -> Self {
        Clock {
            now: VirtualTime::ZERO,
            timers: TimerHeap::new(),
        }
    }
}

impl<T> Clock<T> {
    pub fn new() -> Clock<T> {
        Clock::default()
    }

    pub fn now(&self) -> VirtualTime {
        self.now
    }

    /// Moves time forward by `ns` (work done).
    pub fn advance(&mut self, ns: u64) {
        self.now = self.now.after(ns);
    }

    /// Moves time forward to `t`; never backwards (an earlier `t` is ignored).
    pub fn advance_to(&mut self, t: VirtualTime) {
        self.now = self.now.max(t);
    }

    /// Removes and returns the next timer that is due at the current time.
    pub fn pop_due(&mut self) -> Option<(VirtualTime, TimerId, T)> {
        self.timers.pop_due(self.now)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_print_like_go() {
        let cases: [(i64, &str); 12] = [
            (0, "0s"),
            (7, "7ns"),
            (1_500, "1.5µs"),
            (20_000, "20µs"),
            (1_500_000, "1.5ms"),
            (10_000_000, "10ms"),
            (1_000_000_000, "1s"),
            (1_500_000_000, "1.5s"),
            (61_000_000_000, "1m1s"),
            (3_600_000_000_000, "1h0m0s"),
            (3_723_000_000_001, "1h2m3.000000001s"),
            (-2_000_000_000, "-2s"),
        ];
        for (d, want) in cases {
            assert_eq!(duration_string(d), want, "{d}");
        }
    }

    #[test]
    fn timers_fire_in_deadline_then_creation_order() {
        let mut heap = TimerHeap::new();
        heap.add(VirtualTime(30), "c");
        let b = heap.add(VirtualTime(10), "b1");
        heap.add(VirtualTime(10), "b2");
        heap.add(VirtualTime(5), "a");
        assert_eq!(heap.next_deadline(), Some(VirtualTime(5)));
        assert_eq!(heap.cancel(b), Some("b1"));
        assert_eq!(heap.cancel(b), None);
        let mut fired = Vec::new();
        while let Some((_, _, t)) = heap.pop_due(VirtualTime(10)) {
            fired.push(t);
        }
        assert_eq!(fired, ["a", "b2"]);
        assert_eq!(heap.len(), 1);
        heap.retain(|t| *t != "c");
        assert!(heap.is_empty());
    }

    #[test]
    fn the_clock_never_goes_back() {
        let mut clock: Clock<()> = Clock::new();
        clock.advance(10);
        clock.advance_to(VirtualTime(5));
        assert_eq!(clock.now(), VirtualTime(10));
        clock.advance_to(VirtualTime(u64::MAX));
        clock.advance(1);
        assert_eq!(clock.now(), VirtualTime(u64::MAX));
    }
}
