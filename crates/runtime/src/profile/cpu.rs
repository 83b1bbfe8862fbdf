//! The CPU profiler: a sample of the running goroutine's stack every `period` of a P's
//! virtual CPU time (`runtime/pprof`'s CPU profile, `runtime.SetCPUProfileRate`).
//!
//! Go arms a per-thread CPU timer (`timer_create`, Go 1.18+) that delivers SIGPROF every
//! 10 ms of the thread's CPU time (100 Hz); the handler (`sigprof`) walks the interrupted
//! goroutine's stack and adds one sample of value `[1, 10ms]`. goscope does the same on
//! virtual time: each P has a CPU clock that advances by `instruction_ns` per instruction
//! its goroutine executes (idle Ps and clock jumps add nothing), and whenever it crosses the
//! next multiple of the period the machine pauses *before* the instruction running at that
//! instant and records its goroutine's stack — the innermost frame at that instruction's
//! line, each caller at the line of its call. The machine splits its run loop at the sample
//! instant (`Machine::execute`), which changes nothing else: running in slices of any size
//! gives the same run.
//!
//! **Period.** [`DEFAULT_PERIOD_NS`] = 1 µs of virtual CPU, i.e. one sample per ~1000
//! instructions at the default 1 ns per instruction. Go's 100 Hz would give a program of
//! 10⁴–10⁷ instructions (10 µs–10 ms virtual) between zero and one sample; 1 µs gives 10 to
//! 10⁴, enough for percentages to mean something (a share *s* measured over *n* samples is
//! off by about √(s(1−s)/n): ±5 % at 100 samples, ±0.5 % at 10⁴), while a sample costs one
//! stack walk per thousand instructions, so profiling stays cheap. Being virtual, samples
//! are exact and reproducible: the same program and seed give the same profile, byte for
//! byte, every time.
//!
//! Invariant: `cpu_ns[p] <= next[p]` between instructions; every sample has weight
//! `period` ns, so a profile's total is `samples × period` (≈ the CPU time of all Ps).

use super::tree::{CallTree, ProfFrame};

/// Default sampling period: 1 µs of virtual CPU time (see the module docs for why).
pub const DEFAULT_PERIOD_NS: u64 = 1_000;

/// The per-P CPU clocks and the samples so far.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CpuProfiler {
    pub(crate) period_ns: u64,
    /// Virtual CPU time each P has spent running goroutines, by P index.
    cpu_ns: Vec<u64>,
    /// The instant of each P's next sample, on its CPU clock.
    next: Vec<u64>,
    /// `[samples, cpu ns]` by call path.
    pub(crate) tree: CallTree,
}

impl CpuProfiler {
    pub fn new(period_ns: u64) -> CpuProfiler {
        CpuProfiler {
            period_ns: period_ns.max(1),
            cpu_ns: Vec::new(),
            next: Vec::new(),
            tree: CallTree::default(),
        }
    }

    fn slot(&mut self, p: usize) {
        if self.cpu_ns.len() <= p {
            self.cpu_ns.resize(p + 1, 0);
            self.next.resize(p + 1, self.period_ns);
        }
    }

    /// How many samples fall inside the instruction P `p` is about to execute (each costs
    /// `instruction_ns`), moving its next sample past them; usually 0.
    pub(crate) fn due(&mut self, p: usize, instruction_ns: u64) -> u64 {
        self.slot(p);
        let end = self.cpu_ns[p] + instruction_ns.max(1);
        if self.next[p] >= end {
            return 0;
        }
        let n = (end - 1 - self.next[p]) / self.period_ns + 1;
        self.next[p] += n * self.period_ns;
        n
    }

    /// Instructions P `p` may run before the one its next sample falls in (at least 1 after
    /// [`due`](Self::due) returned).
    pub(crate) fn runway(&mut self, p: usize, instruction_ns: u64) -> u64 {
        self.slot(p);
        (self.next[p] - self.cpu_ns[p]) / instruction_ns.max(1)
    }

    /// P `p` ran `instructions` instructions.
    pub(crate) fn ran(&mut self, p: usize, instructions: u64, instruction_ns: u64) {
        self.slot(p);
        self.cpu_ns[p] += instructions * instruction_ns.max(1);
    }

    /// Records `n` samples of `stack` (outermost first).
    pub(crate) fn sample(&mut self, stack: impl IntoIterator<Item = ProfFrame>, n: u64) {
        self.tree.add(stack, [n, n * self.period_ns]);
    }

    /// `[samples, cpu ns]` by call path.
    pub fn tree(&self) -> &CallTree {
        &self.tree
    }

    /// The sampling period in virtual nanoseconds.
    pub fn period_ns(&self) -> u64 {
        self.period_ns
    }

    /// Total virtual CPU time of all Ps.
    pub fn cpu_ns(&self) -> u64 {
        self.cpu_ns.iter().sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn samples_fall_every_period_of_a_ps_cpu_time() {
        let mut c = CpuProfiler::new(1000);
        let mut samples = 0;
        let mut executed = 0;
        // Run 10_500 instructions of 1 ns in uneven slices, as the machine's loop does.
        while executed < 10_500 {
            samples += c.due(0, 1);
            let k = c.runway(0, 1).clamp(1, 333).min(10_500 - executed);
            c.ran(0, k, 1);
            executed += k;
        }
        assert_eq!(samples, 10, "at 1000, 2000, ... 10000 ns");
        // Another P has its own clock.
        assert_eq!(c.due(1, 1), 0);
        assert_eq!(c.runway(1, 1), 1000);
    }

    #[test]
    fn a_period_shorter_than_an_instruction_takes_several_samples() {
        let mut c = CpuProfiler::new(3);
        assert_eq!(c.due(0, 10), 3, "3, 6, 9 fall inside [0, 10)");
        c.ran(0, 1, 10);
        assert_eq!(c.due(0, 10), 3, "12, 15, 18 fall inside [10, 20)");
    }
}
