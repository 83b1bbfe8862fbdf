//! Scheduler latency: how long each goroutine waited between becoming runnable and
//! running — the seed's `sched.latency` (chapter 2.2: "Goroutine就绪到执行延迟"), Go's
//! `/sched/latencies:seconds` runtime metric, and what `go tool trace`'s scheduler-latency
//! profile measures.
//!
//! Read from the scheduler's own decisions, the [`SchedEvent`]s the trace shows, as
//! `go tool trace` reads Go's trace events: a goroutine becomes runnable on `GoCreate`,
//! `Ready`, `Preempt`, `Gosched` and a syscall exit that finds no P; it starts running on
//! `Run`. The delay between the two on the virtual clock is one observation. A goroutine
//! leaving a syscall with a P never waited in a queue, so it adds none. The machine passes
//! the events over before the clock moves (`Machine::profile_sched`), so each transition is
//! timed at the instant it happened, to within the burst (≤ 64 instructions) it happened in.
//!
//! Buckets are powers of two of nanoseconds: bucket 0 holds delays of 0 ns (a goroutine
//! taken from `runnext` at once), bucket *i* ≥ 1 holds `[2^(i-1), 2^i)` ns; 48 buckets reach
//! 2^47 ns ≈ 39 hours. Go's own time histogram also splits by powers of two (with
//! sub-buckets).
//!
//! Invariants: the overall histogram is the sum of the per-goroutine ones; a goroutine has at
//! most one pending runnable instant.

use crate::clock::VirtualTime;
use crate::sched::{SchedEvent, SyscallExit};

/// Number of buckets: 0 ns, then `[2^(i-1), 2^i)` for i in 1..48.
pub const BUCKETS: usize = 48;

/// A log₂ histogram of delays in virtual nanoseconds.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Histogram {
    /// Counts by bucket, trimmed after the last non-empty one.
    pub counts: Vec<u64>,
    pub total: u64,
    pub sum_ns: u64,
    pub max_ns: u64,
}

impl Histogram {
    /// The bucket of a delay.
    pub fn bucket(ns: u64) -> usize {
        ((u64::BITS - ns.leading_zeros()) as usize).min(BUCKETS - 1)
    }

    /// `[lo, hi)` in ns of bucket `i` (bucket 0 is `[0, 1)`).
    pub fn bounds(i: usize) -> (u64, u64) {
        match i {
            0 => (0, 1),
            i => (1 << (i - 1), 1 << i),
        }
    }

    pub fn add(&mut self, ns: u64) {
        let b = Histogram::bucket(ns);
        if self.counts.len() <= b {
            self.counts.resize(b + 1, 0);
        }
        self.counts[b] += 1;
        self.total += 1;
        self.sum_ns += ns;
        self.max_ns = self.max_ns.max(ns);
    }

    /// Mean delay in ns (0 with no observation).
    pub fn mean_ns(&self) -> u64 {
        self.sum_ns.checked_div(self.total).unwrap_or(0)
    }

    /// An upper bound of the `q` quantile (0..=1): the end of the bucket it falls in.
    pub fn quantile_ns(&self, q: f64) -> u64 {
        let want = ((self.total as f64) * q).ceil().max(1.0) as u64;
        let mut seen = 0;
        for (i, c) in self.counts.iter().enumerate() {
            seen += c;
            if seen >= want {
                return Histogram::bounds(i).1.min(self.max_ns.max(1));
            }
        }
        self.max_ns
    }
}

/// Runnable → running delays per goroutine and overall.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SchedLatency {
    /// Since when each goroutine (by id − 1) has been runnable, if it is.
    runnable_since: Vec<Option<VirtualTime>>,
    /// Per goroutine, by id − 1.
    pub per_goroutine: Vec<Histogram>,
    pub overall: Histogram,
}

impl SchedLatency {
    fn slot(&mut self, g: u64) -> usize {
        let i = (g as usize).saturating_sub(1);
        if self.runnable_since.len() <= i {
            self.runnable_since.resize(i + 1, None);
            self.per_goroutine.resize(i + 1, Histogram::default());
        }
        i
    }

    fn runnable(&mut self, g: u64, now: VirtualTime) {
        let i = self.slot(g);
        // Moving between queues (kicked from runnext, stolen) keeps the first instant.
        self.runnable_since[i].get_or_insert(now);
    }

    fn running(&mut self, g: u64, now: VirtualTime) {
        let i = self.slot(g);
        if let Some(since) = self.runnable_since[i].take() {
            let ns = now.since(since);
            self.per_goroutine[i].add(ns);
            self.overall.add(ns);
        }
    }

    /// Reads scheduler decisions that happened at `now`.
    pub(crate) fn observe(&mut self, events: &[SchedEvent], now: VirtualTime) {
        for e in events {
            match e {
                SchedEvent::GoCreate { g, .. }
                | SchedEvent::Ready { g, .. }
                | SchedEvent::Preempt { g, .. }
                | SchedEvent::Gosched { g, .. }
                | SchedEvent::ExitSyscall {
                    g,
                    how: SyscallExit::NoP,
                    ..
                } => self.runnable(g.0, now),
                SchedEvent::Run { g, .. } => self.running(g.0, now),
                _ => {}
            }
        }
    }

    /// Rough heap bytes (for `Machine::approx_bytes`).
    pub fn approx_bytes(&self) -> usize {
        self.runnable_since.capacity() * 16
            + self
                .per_goroutine
                .iter()
                .map(|h| size_of::<Histogram>() + h.counts.capacity() * 8)
                .sum::<usize>()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::goroutine::GoId;
    use crate::sched::{MId, PId, RunSource};

    #[test]
    fn buckets_are_powers_of_two() {
        assert_eq!(Histogram::bucket(0), 0);
        assert_eq!(Histogram::bucket(1), 1);
        assert_eq!(Histogram::bucket(2), 2);
        assert_eq!(Histogram::bucket(3), 2);
        assert_eq!(Histogram::bucket(1024), 11);
        assert_eq!(Histogram::bounds(11), (1024, 2048));
        assert_eq!(Histogram::bucket(u64::MAX), BUCKETS - 1);
    }

    #[test]
    fn delay_from_first_runnable_instant_to_run() {
        let mut l = SchedLatency::default();
        let g = GoId(2);
        let p = PId(0);
        let run = SchedEvent::Run {
            p,
            m: MId(0),
            g,
            source: RunSource::Local,
            schedtick: 1,
        };
        l.observe(
            &[SchedEvent::GoCreate { g, by: GoId(1), p }],
            VirtualTime(100),
        );
        l.observe(&[SchedEvent::Kick { p, g }], VirtualTime(150));
        l.observe(std::slice::from_ref(&run), VirtualTime(1124));
        // Running again without becoming runnable adds nothing.
        l.observe(&[run], VirtualTime(5000));
        assert_eq!(l.overall.total, 1);
        assert_eq!(l.overall.max_ns, 1024);
        assert_eq!(l.per_goroutine[1].counts[11], 1);
        assert_eq!(l.overall.quantile_ns(0.5), 1024);
    }
}
