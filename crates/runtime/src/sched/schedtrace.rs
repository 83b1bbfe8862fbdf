//! `GODEBUG=schedtrace=X` lines (`runtime/proc.go`'s `schedtrace(false)`), printed from the
//! simulated state:
//!
//! `SCHED 0ms: gomaxprocs=2 idleprocs=1 threads=1 spinningthreads=0 needspinning=0
//! idlethreads=0 runqueue=0 [ 0 0 ] schedticks=[ 0 2 ]` — time since start in whole
//! milliseconds, then per-P local run queue lengths and per-P `schedtick`s, each list in Go
//! 1.27's `[ a b ]` form (checked against a real Go 1.27 binary run with
//! `GODEBUG=schedtrace=1`).
//!
//! `threads` counts goscope's Ms only; real Go also counts sysmon's and the template thread,
//! so its numbers are a little higher. `needspinning` is always 0: there is no race between
//! spinning and parking Ms for it to record.

use super::scheduler::Scheduler;
use std::fmt::Write;

impl Scheduler {
    /// One `SCHED ...` line, without the newline.
    pub fn schedtrace_line(&self) -> String {
        let mut s = String::new();
        let _ = write!(
            s,
            "SCHED {}ms: gomaxprocs={} idleprocs={} threads={} spinningthreads={} \
             needspinning=0 idlethreads={} runqueue={} [ ",
            self.clock.now().nanos() / 1_000_000,
            self.allp.len(),
            self.pidle.len(),
            self.allm.len(),
            self.nmspinning,
            self.midle.len(),
            self.runq.len(),
        );
        for p in &self.allp {
            let _ = write!(s, "{} ", p.runq.len());
        }
        s.push_str("] schedticks=[ ");
        for p in &self.allp {
            let _ = write!(s, "{} ", p.schedtick);
        }
        s.push(']');
        s
    }
}

#[cfg(test)]
mod tests {
    use super::super::SchedConfig;
    use super::*;

    #[test]
    fn the_line_has_gos_shape() {
        let s = Scheduler::new(SchedConfig {
            gomaxprocs: 4,
            ..SchedConfig::default()
        });
        assert_eq!(
            s.schedtrace_line(),
            "SCHED 0ms: gomaxprocs=4 idleprocs=3 threads=1 spinningthreads=0 needspinning=0 \
             idlethreads=0 runqueue=0 [ 0 0 0 0 ] schedticks=[ 1 0 0 0 ]"
        );
    }
}
