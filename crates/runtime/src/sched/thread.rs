//! M, the machine: an OS thread as the Go runtime sees it (`runtime/runtime2.go`'s `m`;
//! `proc.go`'s `startm`, `stopm`, `mget`, `mput`, `newm`).
//!
//! The type is called [`Thread`] (doc alias `m`) so it does not clash with
//! [`crate::Machine`], the whole simulated program.
//!
//! An M runs goroutines only while it holds a P. It is in one of four states, derived from its
//! fields: running a goroutine on a P, *spinning* (holding a P, looking for work to steal —
//! `m.spinning`, counted in `sched.nmspinning`), in a system call (holding its goroutine but
//! no P; `oldp` remembers the P it had, to try to get it back), or idle (parked on
//! `sched.midle`). Ms are created on demand by `startm` when no idle M exists, and never
//! destroyed, as in Go.
//!
//! Invariants: `p.is_some()` ⇔ the P's `m` names this M; a spinning M holds a P and no
//! goroutine; an M in a syscall holds a goroutine and no P; an idle M holds neither and is in
//! `sched.midle` exactly once.

use super::processor::PId;
use crate::goroutine::GoId;
use std::fmt;

/// An M's index in `allm`, printed `M0`, `M1`, ...
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct MId(pub u32);

impl fmt::Display for MId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "M{}", self.0)
    }
}

impl MId {
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

/// What an M is doing, for the views.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum MState {
    /// Holds a P and runs `curg`.
    Running,
    /// Holds a P, runs nothing, looks for work (`m.spinning`).
    Spinning,
    /// Holds a P, runs nothing, looks for work without spinning (between a goroutine blocking
    /// and the next `schedule`); transient inside one scheduler call.
    Scheduling,
    /// In a system call with `curg`, no P.
    Syscall,
    /// Parked on the idle list.
    Idle,
}

impl fmt::Display for MState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            MState::Running => "running",
            MState::Spinning => "spinning",
            MState::Scheduling => "scheduling",
            MState::Syscall => "syscall",
            MState::Idle => "idle",
        })
    }
}

/// An M (`m`).
#[derive(Clone, Debug, PartialEq, Eq)]
#[doc(alias = "m")]
pub struct Thread {
    pub id: MId,
    /// The attached P (`m.p`).
    pub p: Option<PId>,
    /// The goroutine this M runs or is in a syscall for (`m.curg`).
    pub curg: Option<GoId>,
    /// Looking for work to steal (`m.spinning`).
    pub spinning: bool,
    /// The P this M had when it entered a syscall (`m.oldp`).
    pub oldp: Option<PId>,
}

impl Thread {
    pub fn new(id: MId) -> Thread {
        Thread {
            id,
            p: None,
            curg: None,
            spinning: false,
            oldp: None,
        }
    }

    pub fn state(&self) -> MState {
        match (self.p, self.curg) {
            (Some(_), Some(_)) => MState::Running,
            (Some(_), None) if self.spinning => MState::Spinning,
            (Some(_), None) => MState::Scheduling,
            (None, Some(_)) => MState::Syscall,
            (None, None) => MState::Idle,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn states_follow_from_fields() {
        let mut m = Thread::new(MId(3));
        assert_eq!(m.state(), MState::Idle);
        m.p = Some(PId(1));
        m.spinning = true;
        assert_eq!(m.state(), MState::Spinning);
        m.spinning = false;
        m.curg = Some(GoId(4));
        assert_eq!(m.state(), MState::Running);
        m.p = None;
        assert_eq!(m.state(), MState::Syscall);
        assert_eq!(format!("{} {}", m.id, m.state()), "M3 syscall");
    }
}
