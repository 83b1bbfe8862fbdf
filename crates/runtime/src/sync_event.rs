//! Trace events of package `sync` (`sync/mutex.go`, `sync/rwmutex.go`, `sync/waitgroup.go`,
//! `sync/once.go`): what each method call did to its object, with a stable one-line
//! `Display` (`g3 mutex s1 lock blocked (2 waiting)`), so a trace shows who held a lock, who
//! queued behind it and who was handed it, next to the scheduler's park/ready events.
//!
//! Objects are named `s<handle>`: the handle the runtime gave the value on first use.

use crate::goroutine::GoId;
use std::fmt;

/// A lock operation on a `Mutex` or `RWMutex`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LockOp {
    Lock,
    RLock,
    Unlock,
    RUnlock,
    /// `TryLock` and whether it got the lock.
    TryLock(bool),
}

/// What a `Once.Do` call found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OnceHow {
    /// First call: runs `f`.
    Run,
    /// `f` already returned: Do returns at once.
    Done,
    /// `f` is running in another goroutine: wait until it returns (once.go's doSlow mutex).
    Wait,
}

#[derive(Clone, Debug, PartialEq)]
pub enum SyncEvent {
    /// `g` performed `op` on mutex `obj`; `blocked` if it had to park, with the queue length.
    Mutex {
        g: GoId,
        obj: u32,
        op: LockOp,
        blocked: Option<usize>,
    },
    /// An unlock handed the lock to parked goroutines (one writer or a batch of readers).
    Handoff { obj: u32, to: Vec<GoId> },
    /// `wg.Add(delta)` (Done is `delta == -1`); `counter` after it; `woken` waiters if it
    /// reached zero.
    WaitGroupAdd {
        g: GoId,
        obj: u32,
        delta: i64,
        counter: i64,
        woken: Vec<GoId>,
    },
    /// `wg.Wait()` with the counter it saw (parks unless 0).
    WaitGroupWait { g: GoId, obj: u32, counter: i64 },
    /// `once.Do(f)`.
    Once { g: GoId, obj: u32, how: OnceHow },
    /// `f` of a `Once` returned; waiting callers continue.
    OnceDone { g: GoId, obj: u32, woken: Vec<GoId> },
}

fn gs(f: &mut fmt::Formatter<'_>, list: &[GoId]) -> fmt::Result {
    for (i, g) in list.iter().enumerate() {
        write!(f, "{}{g}", if i == 0 { "" } else { " " })?;
    }
    Ok(())
}

impl fmt::Display for SyncEvent {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SyncEvent::Mutex {
                g,
                obj,
                op,
                blocked,
            } => {
                let op = match op {
                    LockOp::Lock => "lock",
                    LockOp::RLock => "rlock",
                    LockOp::Unlock => "unlock",
                    LockOp::RUnlock => "runlock",
                    LockOp::TryLock(true) => "trylock ok",
                    LockOp::TryLock(false) => "trylock failed",
                };
                write!(f, "{g} mutex s{obj} {op}")?;
                match blocked {
                    Some(n) => write!(f, " blocked ({n} waiting)"),
                    None => Ok(()),
                }
            }
            SyncEvent::Handoff { obj, to } => {
                write!(f, "mutex s{obj} handoff -> ")?;
                gs(f, to)
            }
            SyncEvent::WaitGroupAdd {
                g,
                obj,
                delta,
                counter,
                woken,
            } => {
                write!(f, "{g} waitgroup s{obj} add {delta} = {counter}")?;
                if !woken.is_empty() {
                    f.write_str(" wakes ")?;
                    gs(f, woken)?;
                }
                Ok(())
            }
            SyncEvent::WaitGroupWait { g, obj, counter } => {
                let how = if *counter > 0 { "blocks" } else { "returns" };
                write!(f, "{g} waitgroup s{obj} wait {how} (counter {counter})")
            }
            SyncEvent::Once { g, obj, how } => {
                let how = match how {
                    OnceHow::Run => "runs f",
                    OnceHow::Done => "already done",
                    OnceHow::Wait => "waits for f",
                };
                write!(f, "{g} once s{obj} {how}")
            }
            SyncEvent::OnceDone { g, obj, woken } => {
                write!(f, "{g} once s{obj} done")?;
                if !woken.is_empty() {
                    f.write_str(" wakes ")?;
                    gs(f, woken)?;
                }
                Ok(())
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_is_one_stable_line() {
        let e = SyncEvent::Mutex {
            g: GoId(3),
            obj: 1,
            op: LockOp::Lock,
            blocked: Some(2),
        };
        assert_eq!(e.to_string(), "g3 mutex s1 lock blocked (2 waiting)");
        let e = SyncEvent::WaitGroupAdd {
            g: GoId(1),
            obj: 2,
            delta: -1,
            counter: 0,
            woken: vec![GoId(1)],
        };
        assert_eq!(e.to_string(), "g1 waitgroup s2 add -1 = 0 wakes g1");
        let e = SyncEvent::Once {
            g: GoId(4),
            obj: 3,
            how: OnceHow::Wait,
        };
        assert_eq!(e.to_string(), "g4 once s3 waits for f");
    }
}
