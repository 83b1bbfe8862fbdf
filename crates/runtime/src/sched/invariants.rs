//! The scheduler's invariants as one executable check, used by the property tests after
//! every operation (and available to the Machine's debug assertions).
//!
//! - Every goroutine is in exactly one place, and the place matches its status: `Running` —
//!   the `curg` of exactly one M that holds a running P; `Syscall` — the `curg` of exactly one
//!   M without a P; `Runnable` — in exactly one run queue slot (a runnext, a local queue, the
//!   global queue); `Waiting`, `Dead`, `Idle` — in none of these.
//! - A wait reason is set exactly when the goroutine is waiting.
//! - P ↔ M links agree; idle Ps are exactly the Ps on the idle list, once each; idle Ms are
//!   exactly the Ms on the idle list, once each; `nmspinning` counts the spinning Ms, and a
//!   spinning M holds a P and runs nothing.
//! - Local queues hold at most 256 goroutines.

use super::gstatus::GStatus;
use super::processor::{PId, PStatus};
use super::runqueue::LOCAL_RUNQ_SIZE;
use super::scheduler::Scheduler;
use super::thread::MState;
use std::collections::BTreeMap;

impl Scheduler {
    /// Checks every invariant of the module docs; the error says which one broke.
    pub fn check_invariants(&self) -> Result<(), String> {
        #[derive(Default)]
        struct Seen {
            running: usize,
            syscall: usize,
            queued: usize,
        }
        let mut seen: BTreeMap<u64, Seen> = BTreeMap::new();
        for t in &self.allm {
            if let Some(g) = t.curg {
                let s = seen.entry(g.0).or_default();
                match t.p {
                    Some(p) => {
                        let pp = self
                            .allp
                            .get(p.index())
                            .ok_or(format!("{} holds missing {p}", t.id))?;
                        if pp.status != PStatus::Running || pp.m != Some(t.id) {
                            return Err(format!("{} runs {g} on {p} which is not its", t.id));
                        }
                        s.running += 1;
                    }
                    None => s.syscall += 1,
                }
            }
        }
        for pp in &self.allp {
            if pp.runq.len() > LOCAL_RUNQ_SIZE {
                return Err(format!("{} runq holds {}", pp.id, pp.runq.len()));
            }
            for g in pp.runnable() {
                seen.entry(g.0).or_default().queued += 1;
            }
        }
        for g in self.runq.iter() {
            seen.entry(g.0).or_default().queued += 1;
        }
        for r in &self.allg {
            let s = seen.remove(&r.id.0).unwrap_or_default();
            let want = match r.status {
                GStatus::Running => (1, 0, 0),
                GStatus::Syscall => (0, 1, 0),
                GStatus::Runnable => (0, 0, 1),
                GStatus::Waiting | GStatus::Dead | GStatus::Idle => (0, 0, 0),
            };
            if (s.running, s.syscall, s.queued) != want {
                return Err(format!(
                    "{} is {} but running on {} Ms, in syscall on {}, in {} queues",
                    r.id, r.status, s.running, s.syscall, s.queued
                ));
            }
            if r.wait_reason.is_some() != (r.status == GStatus::Waiting) {
                return Err(format!(
                    "{} is {} with reason {:?}",
                    r.id, r.status, r.wait_reason
                ));
            }
        }
        if let Some((g, _)) = seen.into_iter().next() {
            return Err(format!("unknown goroutine g{g} is scheduled"));
        }
        // Ps and Ms.
        let mut idle_ps: Vec<PId> = self.pidle.clone();
        idle_ps.sort();
        idle_ps.dedup();
        if idle_ps.len() != self.pidle.len() {
            return Err("a P is twice on the idle list".into());
        }
        for pp in &self.allp {
            let listed = idle_ps.binary_search(&pp.id).is_ok();
            if listed != (pp.status == PStatus::Idle) {
                return Err(format!(
                    "{} is {} but listed idle: {listed}",
                    pp.id, pp.status
                ));
            }
            match (pp.status, pp.m) {
                (PStatus::Running, Some(m)) if self.allm[m.index()].p == Some(pp.id) => {}
                (PStatus::Idle | PStatus::Syscall, None) => {}
                (s, m) => return Err(format!("{} is {s} with M {m:?}", pp.id)),
            }
        }
        let mut spinning = 0;
        for t in &self.allm {
            let listed = self.midle.iter().filter(|&&m| m == t.id).count();
            let idle = t.state() == MState::Idle;
            if listed != usize::from(idle) {
                return Err(format!(
                    "{} is {} but listed idle {listed} times",
                    t.id,
                    t.state()
                ));
            }
            if t.spinning {
                if t.state() != MState::Spinning {
                    return Err(format!("{} spins while {}", t.id, t.state()));
                }
                spinning += 1;
            }
        }
        if spinning != self.nmspinning {
            return Err(format!(
                "nmspinning {} but {spinning} Ms spin",
                self.nmspinning
            ));
        }
        Ok(())
    }
}
