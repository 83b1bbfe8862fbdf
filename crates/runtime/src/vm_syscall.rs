//! Blocking system calls made by the program: `syscall.Nanosleep` (`syscall/zsyscall_linux_
//! amd64.go` → `syscall.Syscall` → `runtime.entersyscall` … `exitsyscall`).
//!
//! **Why Nanosleep.** The scheduler's syscall model (`sched/syscall.rs`: the P left in
//! `_Psyscall`, sysmon's retake after 20 µs, `handoffp` to another M, `exitsyscall`
//! reacquiring the old P, an idle one, or queueing the goroutine globally) needs a call that
//! a learner can write, that real Go compiles and runs as a *blocking* syscall, and whose
//! duration is known so that the virtual clock can model it and the output can be checked
//! against the real toolchain. `syscall.Nanosleep(&syscall.Timespec{...}, nil)` is exactly
//! that: on Linux it goes through `syscall.Syscall`, which calls `entersyscall`, and the
//! thread sleeps in the kernel for the requested time — unlike `time.Sleep`, which parks only
//! the goroutine on a timer and keeps the M and P. Other candidates were rejected: `os.Getpid`
//! is a raw syscall (no `entersyscall`) with an unpredictable result, and `os.Stdout.Write`
//! blocks for an unknowable time; `fmt.Println` is a `write(2)` in Go too, but modelling it as
//! a syscall would put three scheduler events around every line of every trace.
//!
//! The modelled duration is the requested `Sec·10⁹ + Nsec` of virtual time. A `Timespec`
//! Linux rejects (`Nsec` outside `0..10⁹`, negative `Sec`) returns `invalid argument`
//! (EINVAL) and a nil pointer `bad address` (EFAULT), each after a syscall of no duration,
//! as the kernel answers at once. The error is an `errors.New`-like value (its text is
//! `Errno.Error()`'s; its type is not `syscall.Errno`). `leftover` is only written on EINTR,
//! which never happens here: there are no signals.
//!
//! While the goroutine is in the syscall its M holds it without a P (status `syscall`); the
//! result is already on its stack, so when `exitsyscall` puts it back on a P (or the global
//! queue) it simply carries on with the next instruction.

use crate::machine::Machine;
use crate::natives::time_values::timespec_fields;
use crate::value::Value;
use lang::bytecode::well_known;
use lang::packages::Native;

/// Linux's limit on `tv_nsec`.
const NSEC_PER_SEC: i64 = 1_000_000_000;

/// Is `n` a syscall run by the VM (it talks to the scheduler)?
pub(crate) fn is_syscall_native(n: Native) -> bool {
    matches!(n, Native::SyscallNanosleep)
}

/// What `nanosleep(2)` does with `req`: sleep this long, or fail with this `Errno` text.
pub(crate) fn nanosleep_duration(req: Option<(i64, i64)>) -> Result<u64, &'static str> {
    match req {
        None => Err("bad address"),
        Some((sec, nsec)) if sec < 0 || !(0..NSEC_PER_SEC).contains(&nsec) => {
            Err("invalid argument")
        }
        Some((sec, nsec)) => Ok((sec as u64)
            .saturating_mul(NSEC_PER_SEC as u64)
            .saturating_add(nsec as u64)),
    }
}

impl Machine {
    /// Runs syscall `n`: its result goes on the stack (unless `deferred`), then the goroutine
    /// enters the syscall and its P is left to sysmon.
    pub(crate) fn syscall_native(&mut self, n: Native, args: &[Value], deferred: bool) {
        if n != Native::SyscallNanosleep {
            return;
        }
        let req = args
            .first()
            .and_then(|p| self.load_ptr(p).ok())
            .map(|ts| timespec_fields(&ts));
        let (ns, err) = match nanosleep_duration(req) {
            Ok(ns) => (ns, Value::Nil),
            Err(text) => {
                let e = self.std_error(
                    well_known::ERROR_STRING,
                    text.as_bytes(),
                    Value::Nil,
                    vec![],
                );
                (0, e)
            }
        };
        if !deferred {
            let gi = self.current;
            self.goroutines[gi].push(err);
        }
        self.burst_left = 0;
        let p = self.p();
        self.sched.entersyscall(p, ns, &mut self.sched_events);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nanosleep_validates_like_linux() {
        assert_eq!(nanosleep_duration(Some((0, 1_000_000))), Ok(1_000_000));
        assert_eq!(nanosleep_duration(Some((2, 5))), Ok(2_000_000_005));
        assert_eq!(nanosleep_duration(Some((0, 0))), Ok(0));
        assert_eq!(nanosleep_duration(Some((0, -1))), Err("invalid argument"));
        assert_eq!(
            nanosleep_duration(Some((0, 1_000_000_000))),
            Err("invalid argument")
        );
        assert_eq!(nanosleep_duration(Some((-1, 0))), Err("invalid argument"));
        assert_eq!(nanosleep_duration(None), Err("bad address"));
    }
}
