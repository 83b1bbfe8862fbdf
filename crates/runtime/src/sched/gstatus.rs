//! Goroutine states and wait reasons (`runtime/runtime2.go`: `_Gidle`..`_Gdead`,
//! `waitReason` and `waitReasonStrings`).
//!
//! The strings are Go's own, byte for byte, because they appear in tracebacks
//! (`goroutine 5 [chan receive]:`) and in the deadlock report, and the conformance corpus
//! compares those with what real Go prints.
//!
//! Invariant: a goroutine has a wait reason exactly when its status is [`GStatus::Waiting`].

use crate::goroutine::GoId;
use std::fmt;

/// A goroutine's scheduling state (`g.atomicstatus`).
///
/// Go's transient states (`_Gcopystack`, `_Gpreempted`, the `_Gscan` bit) do not exist here:
/// stacks are not copied and preemption is instantaneous between two instructions.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum GStatus {
    /// Just allocated, not yet initialised (`_Gidle`).
    #[doc(alias = "_Gidle")]
    Idle,
    /// On a run queue, not executing (`_Grunnable`).
    #[doc(alias = "_Grunnable")]
    Runnable,
    /// Executing on an M that holds a P (`_Grunning`).
    #[doc(alias = "_Grunning")]
    Running,
    /// In a system call on an M, without a P (`_Gsyscall`).
    #[doc(alias = "_Gsyscall")]
    Syscall,
    /// Parked (`gopark`), on no run queue; see its [`WaitReason`] (`_Gwaiting`).
    #[doc(alias = "_Gwaiting")]
    Waiting,
    /// Exited (`_Gdead`).
    #[doc(alias = "_Gdead")]
    Dead,
}

impl GStatus {
    /// Go's `gStatusStrings`.
    pub fn as_str(self) -> &'static str {
        match self {
            GStatus::Idle => "idle",
            GStatus::Runnable => "runnable",
            GStatus::Running => "running",
            GStatus::Syscall => "syscall",
            GStatus::Waiting => "waiting",
            GStatus::Dead => "dead",
        }
    }
}

impl fmt::Display for GStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Why a goroutine is parked (`waitReason`). Only the reasons a user program can reach, plus
/// the GC ones the GC model will use.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[doc(alias = "waitReason")]
pub enum WaitReason {
    ChanReceive,
    ChanSend,
    ChanReceiveNilChan,
    ChanSendNilChan,
    Select,
    SelectNoCases,
    Sleep,
    Semacquire,
    SyncCondWait,
    SyncMutexLock,
    SyncRWMutexRLock,
    SyncRWMutexLock,
    SyncWaitGroupWait,
    GCAssistWait,
    GCAssistMarking,
    GCSweepWait,
    GCWorkerIdle,
    Preempted,
    IOWait,
}

impl WaitReason {
    /// Go's `waitReasonStrings`, as printed in `goroutine N [...]:`.
    pub fn as_str(self) -> &'static str {
        match self {
            WaitReason::ChanReceive => "chan receive",
            WaitReason::ChanSend => "chan send",
            WaitReason::ChanReceiveNilChan => "chan receive (nil chan)",
            WaitReason::ChanSendNilChan => "chan send (nil chan)",
            WaitReason::Select => "select",
            WaitReason::SelectNoCases => "select (no cases)",
            WaitReason::Sleep => "sleep",
            WaitReason::Semacquire => "semacquire",
            WaitReason::SyncCondWait => "sync.Cond.Wait",
            WaitReason::SyncMutexLock => "sync.Mutex.Lock",
            WaitReason::SyncRWMutexRLock => "sync.RWMutex.RLock",
            WaitReason::SyncRWMutexLock => "sync.RWMutex.Lock",
            WaitReason::SyncWaitGroupWait => "sync.WaitGroup.Wait",
            WaitReason::GCAssistWait => "GC assist wait",
            WaitReason::GCAssistMarking => "GC assist marking",
            WaitReason::GCSweepWait => "GC sweep wait",
            WaitReason::GCWorkerIdle => "GC worker (idle)",
            WaitReason::Preempted => "preempted",
            WaitReason::IOWait => "IO wait",
        }
    }

    /// Whether the goroutine is blocked on a channel wait queue (for the views and the
    /// invariant checks).
    pub fn is_channel(self) -> bool {
        matches!(
            self,
            WaitReason::ChanReceive | WaitReason::ChanSend | WaitReason::Select
        )
    }
}

impl fmt::Display for WaitReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What goes between the brackets of a traceback header, `goroutine 5 [chan receive]:`:
/// the wait reason of a waiting goroutine, else the status (`goroutine 1 [running]:`), as
/// `runtime/traceback.go`'s `goroutineheader` does.
pub fn traceback_status(status: GStatus, reason: Option<WaitReason>) -> &'static str {
    match (status, reason) {
        (GStatus::Waiting, Some(r)) => r.as_str(),
        (s, _) => s.as_str(),
    }
}

/// The scheduler's record of one goroutine (the scheduling fields of Go's `g`).
#[derive(Clone, Debug, PartialEq, Eq)]
#[doc(alias = "g")]
pub struct GoroutineRecord {
    pub id: GoId,
    pub status: GStatus,
    /// Set exactly while `status == Waiting` (`g.waitreason`).
    pub wait_reason: Option<WaitReason>,
    /// The goroutine whose `go` statement created this one (`g.parentGoid`); `None` for main.
    pub created_by: Option<GoId>,
    /// Times this goroutine was put on a P (`execute` calls): the views' "ran N times".
    pub runs: u64,
}

impl GoroutineRecord {
    /// The bracketed part of its traceback header.
    pub fn traceback_status(&self) -> &'static str {
        traceback_status(self.status, self.wait_reason)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_are_gos() {
        assert_eq!(
            WaitReason::ChanReceiveNilChan.to_string(),
            "chan receive (nil chan)"
        );
        assert_eq!(WaitReason::SelectNoCases.to_string(), "select (no cases)");
        assert_eq!(
            WaitReason::SyncWaitGroupWait.to_string(),
            "sync.WaitGroup.Wait"
        );
        assert_eq!(traceback_status(GStatus::Running, None), "running");
        assert_eq!(
            traceback_status(GStatus::Waiting, Some(WaitReason::Sleep)),
            "sleep"
        );
        assert_eq!(GStatus::Syscall.to_string(), "syscall");
    }
}
