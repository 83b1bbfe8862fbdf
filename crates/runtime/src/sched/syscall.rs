//! Blocking system calls and sysmon's retake (`runtime/proc.go`: `entersyscall`,
//! `exitsyscall`, `exitsyscallfast`, `exitsyscall0`, `retake`, `handoffp`, `sysmon`).
//!
//! A goroutine entering a syscall keeps its M (the thread is blocked in the kernel) but
//! leaves its P in `_Psyscall`, unowned. If the syscall is short, the M takes the same P back
//! on return and nothing else happened. If it is long, **sysmon retakes the P** — after at
//! least one sysmon tick (20 µs) — and hands it off (`handoffp`) to another M, so the P's other
//! goroutines keep running: that is why a blocking syscall does not stall a Go program. When
//! the syscall finally returns, the M looks for an idle P; without one, the goroutine goes to
//! the global queue and the M parks.
//!
//! Sysmon itself (Go's background M without a P) is not an M here: it is a periodic check
//! every `sysmon_tick_ns` of virtual time. Go's sysmon sleeps 20 µs, doubling up to 10 ms when
//! idle; goscope keeps the 20 µs tick, so retakes happen 20–40 µs into a syscall as in a busy
//! Go program. Its other job, preempting long-running goroutines, is done exactly at the end
//! of the time slice by `Scheduler::account`.
//!
//! Invariant: a goroutine in `_Gsyscall` is the `curg` of exactly one M, which holds no P.

use super::Wakeup;
use super::event::{SchedEvent, SyscallExit};
use super::gstatus::GStatus;
use super::processor::{PId, PStatus};
use super::scheduler::Scheduler;
use crate::goroutine::GoId;

/// How long a P may sit in a syscall with nothing queued, while other Ps are idle or spinning,
/// before sysmon retakes it anyway (`retake`'s 10 ms).
pub const RETAKE_IDLE_NS: u64 = 10_000_000;

impl Scheduler {
    /// `entersyscall`: the goroutine on `p` enters a blocking syscall lasting `duration_ns`
    /// of virtual time (after which it leaves through [`exitsyscall`](Self::exitsyscall),
    /// fired by the clock). Returns the goroutine.
    pub fn entersyscall(
        &mut self,
        p: PId,
        duration_ns: u64,
        events: &mut Vec<SchedEvent>,
    ) -> Option<GoId> {
        let m = self.m_of(p)?;
        let g = self.allm[m.index()].curg?;
        let now = self.clock.now();
        let t = &mut self.allm[m.index()];
        t.p = None;
        t.oldp = Some(p);
        let pp = &mut self.allp[p.index()];
        pp.m = None;
        pp.status = PStatus::Syscall;
        pp.syscalltick += 1;
        pp.syscall_when = now;
        self.g_mut(g).status = GStatus::Syscall;
        self.clock
            .timers
            .add(now.after(duration_ns), Wakeup::SyscallExit { g });
        events.push(SchedEvent::EnterSyscall { p, m, g });
        Some(g)
    }

    /// `exitsyscall`: `g`'s syscall returned. Returns the P it now runs on, or `None` if it was
    /// queued globally (or was not in a syscall).
    pub fn exitsyscall(&mut self, g: GoId, events: &mut Vec<SchedEvent>) -> Option<PId> {
        if self.status(g) != Some(GStatus::Syscall) {
            return None;
        }
        let m = self
            .allm
            .iter()
            .find(|t| t.curg == Some(g) && t.p.is_none())?
            .id;
        let oldp = self.allm[m.index()].oldp.take();
        // exitsyscallfast: the old P, if nobody retook it; else any idle P.
        let fast = match oldp {
            Some(p)
                if self
                    .allp
                    .get(p.index())
                    .is_some_and(|pp| pp.status == PStatus::Syscall && pp.m.is_none())
                    // ...and is not another M's syscall P since (retaken, reused, in a syscall
                    // again): Go's CAS on the status would take it; this keeps it with its
                    // own syscall.
                    && !self.allm.iter().any(|t| t.oldp == Some(p)) =>
            {
                Some(SyscallExit::Reacquired(p))
            }
            _ => self.pidle.pop().map(SyscallExit::IdleP),
        };
        match fast {
            Some(how @ (SyscallExit::Reacquired(p) | SyscallExit::IdleP(p))) => {
                let t = &mut self.allm[m.index()];
                t.p = Some(p);
                let pp = &mut self.allp[p.index()];
                pp.m = Some(m);
                pp.status = PStatus::Running;
                self.g_mut(g).status = GStatus::Running;
                events.push(SchedEvent::ExitSyscall { g, m, how });
                Some(p)
            }
            _ => {
                // exitsyscall0: no P anywhere.
                let t = &mut self.allm[m.index()];
                t.curg = None;
                self.midle.push(m);
                self.g_mut(g).status = GStatus::Runnable;
                self.runq.push_back(g);
                events.push(SchedEvent::ExitSyscall {
                    g,
                    m,
                    how: SyscallExit::NoP,
                });
                None
            }
        }
    }

    /// Sysmon's `retake` of Ps stuck in syscalls, if a sysmon tick is due.
    pub(super) fn sysmon(&mut self, events: &mut Vec<SchedEvent>) {
        let now = self.clock.now();
        if now < self.next_sysmon {
            return;
        }
        self.next_sysmon = now.after(self.config.sysmon_tick_ns);
        for i in 0..self.allp.len() {
            let p = PId(i as u32);
            if self.retake_due(p) {
                self.handoffp(p, events);
            }
        }
    }

    /// Whether sysmon would retake `p` now: in a syscall for at least one tick, unless it has
    /// nothing queued, other Ps are idle or spinning, and it has been less than 10 ms.
    fn retake_due(&self, p: PId) -> bool {
        self.retake_deadline(p)
            .is_some_and(|when| self.clock.now() >= when)
    }

    /// When `p` becomes retakable, if it is in a syscall.
    pub(super) fn retake_deadline(&self, p: PId) -> Option<crate::clock::VirtualTime> {
        let pp = self.allp.get(p.index())?;
        if pp.status != PStatus::Syscall {
            return None;
        }
        let help_exists = self.nmspinning as usize + self.pidle.len() > 0;
        let wait = if pp.runq_is_empty() && help_exists {
            RETAKE_IDLE_NS
        } else {
            self.config.sysmon_tick_ns
        };
        Some(pp.syscall_when.after(wait))
    }

    /// `handoffp`: give a retaken P to a new M if there is work for it (or nobody else is
    /// looking for work), else put it on the idle list.
    fn handoffp(&mut self, p: PId, events: &mut Vec<SchedEvent>) {
        let g = self
            .allm
            .iter()
            .find(|t| t.oldp == Some(p) && t.p.is_none())
            .and_then(|t| t.curg)
            .unwrap_or(GoId(0));
        let pp = &mut self.allp[p.index()];
        pp.status = PStatus::Idle;
        let has_work = !pp.runq_is_empty() || !self.runq.is_empty();
        let to = if has_work {
            Some(self.startm(p, false))
        } else if self.nmspinning as usize + self.pidle.len() == 0 {
            Some(self.startm(p, true))
        } else {
            self.pidle.push(p);
            None
        };
        events.push(SchedEvent::Handoff { p, g, to });
    }
}
