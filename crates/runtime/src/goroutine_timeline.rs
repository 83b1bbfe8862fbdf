//! The per-goroutine timeline: for each goroutine, when it was runnable, running and
//! waiting over the run — `go tool trace`'s goroutine view, in steps (virtual time) instead
//! of wall-clock time. The per-P lanes ([`Timeline`](crate::inspect::Timeline)) say which
//! goroutine a P ran; these say what each goroutine went through, including the time it
//! spent in a run queue (the scheduling latency the seed's chapter 2 measures).
//!
//! Built from the recorded scheduler events alone, like the per-P lanes:
//! - `GoCreate`, `Ready`, `Preempt`, `Gosched`, a syscall exit without a P → runnable;
//! - `Run`, a syscall exit that keeps or gets a P → running;
//! - `Block`, `SelectBlock` → waiting (with the wait reason), `EnterSyscall` → in a syscall;
//! - `GoExit` → the lane ends.
//!
//! Invariants: each lane's spans are in time order, do not overlap, and are non-empty
//! (`from < to`); a state that does not change does not start a new span; goroutine 1 is
//! running from step 0 (`Scheduler::new` starts it on P0).

use crate::event::Event;
use crate::sched::{GStatus, SchedEvent, SyscallExit, WaitReason};

/// One stretch of a goroutine in one state: steps `from + 1 ..= to`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct GSpan {
    pub from: u64,
    pub to: u64,
    pub status: GStatus,
    /// Why it waits, when `status` is `Waiting`.
    pub wait: Option<WaitReason>,
}

/// One goroutine's row.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GoroutineLane {
    pub g: u64,
    pub spans: Vec<GSpan>,
    /// Steps spent running: what "busiest" sorts by.
    pub running: u64,
}

/// Every goroutine's row, by id (`lanes[i].g == i + 1`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct GoroutineTimeline {
    pub lanes: Vec<GoroutineLane>,
    /// The last step of the trace (the x-axis end).
    pub end: u64,
}

impl GoroutineTimeline {
    /// Builds the rows from `(step, event)` pairs in order; open spans close at `end`.
    pub fn of<'a>(
        events: impl IntoIterator<Item = (u64, &'a Event)>,
        end: u64,
    ) -> GoroutineTimeline {
        let mut t = Builder::default();
        t.enter(1, 0, GStatus::Running, None);
        for (step, e) in events {
            let Event::Sched(e) = e else { continue };
            // As for the per-P lanes: a start happens before step n, a stop after it.
            let before = step.saturating_sub(1);
            match e {
                SchedEvent::GoCreate { g, .. } => t.enter(g.0, step, GStatus::Runnable, None),
                SchedEvent::Ready { g, .. } | SchedEvent::TimerFire { g, .. } => {
                    t.enter(g.0, step, GStatus::Runnable, None);
                }
                SchedEvent::Run { g, .. } => t.enter(g.0, before, GStatus::Running, None),
                SchedEvent::Preempt { g, .. } | SchedEvent::Gosched { g, .. } => {
                    t.enter(g.0, step, GStatus::Runnable, None);
                }
                SchedEvent::Block { g, reason, .. } => {
                    t.enter(g.0, step, GStatus::Waiting, Some(*reason));
                }
                SchedEvent::SelectBlock { g, of } => {
                    let reason = if *of == 0 {
                        WaitReason::SelectNoCases
                    } else {
                        WaitReason::Select
                    };
                    t.enter(g.0, step, GStatus::Waiting, Some(reason));
                }
                SchedEvent::EnterSyscall { g, .. } => t.enter(g.0, step, GStatus::Syscall, None),
                SchedEvent::ExitSyscall { g, how, .. } => {
                    let status = match how {
                        SyscallExit::NoP => GStatus::Runnable,
                        SyscallExit::Reacquired(_) | SyscallExit::IdleP(_) => GStatus::Running,
                    };
                    t.enter(g.0, step, status, None);
                }
                SchedEvent::GoExit { g, .. } => t.enter(g.0, step, GStatus::Dead, None),
                _ => {}
            }
        }
        t.finish(end)
    }

    /// The `n` goroutines that ran longest (ties: lower id first), busiest first.
    pub fn busiest(&self, n: usize) -> Vec<&GoroutineLane> {
        let mut lanes: Vec<&GoroutineLane> = self.lanes.iter().collect();
        lanes.sort_by(|a, b| b.running.cmp(&a.running).then(a.g.cmp(&b.g)));
        lanes.truncate(n);
        lanes
    }
}

/// Lanes being built: each goroutine's finished spans and its open one.
#[derive(Default)]
struct Builder {
    lanes: Vec<GoroutineLane>,
    open: Vec<Option<(u64, GStatus, Option<WaitReason>)>>,
}

impl Builder {
    /// From `at` on, `g` is in `status` (`Dead`: its lane ends at `at`).
    fn enter(&mut self, g: u64, at: u64, status: GStatus, wait: Option<WaitReason>) {
        let Some(i) = (g as usize).checked_sub(1) else {
            return;
        };
        while self.lanes.len() <= i {
            let id = self.lanes.len() as u64 + 1;
            self.lanes.push(GoroutineLane {
                g: id,
                spans: Vec::new(),
                running: 0,
            });
            self.open.push(None);
        }
        if let Some((_, s, w)) = self.open[i]
            && s == status
            && w == wait
        {
            return;
        }
        self.close(i, at);
        if status != GStatus::Dead {
            self.open[i] = Some((at, status, wait));
        }
    }

    fn close(&mut self, i: usize, at: u64) {
        let Some((from, status, wait)) = self.open[i].take() else {
            return;
        };
        let lane = &mut self.lanes[i];
        // A span can start after a later-labelled stop of the same step (`Run` opens at
        // step - 1): clamp so spans stay ordered.
        let from = from.max(lane.spans.last().map_or(0, |s| s.to));
        if at > from {
            if status == GStatus::Running {
                lane.running += at - from;
            }
            lane.spans.push(GSpan {
                from,
                to: at,
                status,
                wait,
            });
        }
    }

    fn finish(mut self, end: u64) -> GoroutineTimeline {
        for i in 0..self.lanes.len() {
            self.close(i, end);
        }
        GoroutineTimeline {
            lanes: self.lanes,
            end,
        }
    }
}
