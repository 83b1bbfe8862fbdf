//! Package `context` (`context/context.go`): a tree of contexts in the machine, each named
//! by the hidden handle of a `context.Context` value (handle 0 is `Background()`, whose
//! `Done` is the nil channel, as in Go). A cancellable context owns an ordinary unbuffered
//! channel that cancelling closes, so `<-ctx.Done()`, `select` and the race detector see a
//! plain channel close. Cancelling walks the children first-registered order, as
//! `cancelCtx.cancel` does over its `children` set. `WithTimeout`/`WithDeadline` arm a
//! program timer on the virtual clock whose effect is the cancel with `DeadlineExceeded`.
//! A `CancelFunc` is [`Value::Cancel`]: the `ContextCancel` native bound to a handle.

use crate::chan::ChanId;
use crate::goroutine::GoId;
use crate::machine::Machine;
use crate::natives::time_values::{time_value, zero_time};
use crate::sched::{PId, Waker};
use crate::value::Value;
use lang::bytecode::well_known;
use lang::packages::Native;

/// One context: its parent, the nearest cancellable ancestor's children, its value pair.
#[derive(Clone, Debug, Default)]
pub(crate) struct Ctx {
    parent: usize,
    /// The Done channel of a cancellable context (`WithCancel`/`WithTimeout`/`WithDeadline`).
    done: Option<ChanId>,
    /// 0 while live, 1 canceled, 2 deadline exceeded.
    err: u8,
    children: Vec<usize>,
    kv: Option<(Value, Value)>,
    /// The program timer of a deadline (`WithTimeout`/`WithDeadline`), stopped on cancel.
    timer: Option<usize>,
    /// A `timerCtx`'s deadline, in virtual nanoseconds (a `time.Time`'s handle).
    deadline: Option<i64>,
    /// Why it was cancelled (`context.Cause`): nil while live.
    cause: Value,
    /// The cause its deadline cancels it with (`WithTimeoutCause`/`WithDeadlineCause`).
    deadline_cause: Value,
}

impl Ctx {
    /// The values this context holds (collector roots).
    pub(crate) fn for_each_value(&self, f: &mut dyn FnMut(&Value)) {
        if let Some((k, v)) = &self.kv {
            f(k);
            f(v);
        }
        f(&self.cause);
        f(&self.deadline_cause);
    }
}

/// Is `n` a `context` function run by the VM (it closes channels and arms timers)?
pub(crate) fn is_context_native(n: Native) -> bool {
    use Native::*;
    matches!(
        n,
        ContextBackground
            | ContextTODO
            | ContextWithCancel
            | ContextWithTimeout
            | ContextWithDeadline
            | ContextWithValue
            | ContextWithCancelCause
            | ContextWithTimeoutCause
            | ContextWithDeadlineCause
            | ContextCause
            | ContextDeadline
            | ContextDone
            | ContextErr
            | ContextValue
            | ContextCancel
            | ContextCanceled
            | ContextDeadlineExceeded
    )
}

fn ctx_value(h: usize) -> Value {
    Value::Agg(vec![Value::Int(h as i64)].into())
}

fn handle_of(v: &Value) -> usize {
    match v {
        Value::Agg(fs) => fs.first().map_or(0, Value::as_int).max(0) as usize,
        _ => 0,
    }
}

impl Machine {
    /// Runs `context` function `n`; results are pushed unless `deferred`.
    pub(crate) fn context_native(&mut self, n: Native, args: &[Value], deferred: bool, gid: GoId) {
        use Native::*;
        if self.contexts.is_empty() {
            // Slot 0 is Background: never cancelled, no values.
            self.contexts.push(Ctx::default());
        }
        let arg = args.first().cloned().unwrap_or(Value::Nil);
        let results = match n {
            ContextBackground | ContextTODO => vec![ctx_value(0)],
            ContextWithCancel
            | ContextWithCancelCause
            | ContextWithTimeout
            | ContextWithDeadline
            | ContextWithTimeoutCause
            | ContextWithDeadlineCause => {
                let parent = handle_of(&arg);
                let now = self.sched.now().0 as i64;
                let mut deadline = match (n, args.get(1)) {
                    (ContextWithTimeout | ContextWithTimeoutCause, Some(d)) => {
                        Some(now.saturating_add(d.as_int()))
                    }
                    (ContextWithDeadline | ContextWithDeadlineCause, Some(t)) => {
                        Some(crate::natives::time_values::time_ns(t))
                    }
                    _ => None,
                };
                if let (Some(d), Some(cur)) = (deadline, self.context_deadline(parent))
                    && cur < d
                {
                    // The parent's deadline is sooner: WithDeadline returns WithCancel(parent).
                    deadline = None;
                }
                let h = self.new_cancel_ctx(parent);
                if let Some(d) = deadline {
                    self.contexts[h].deadline = Some(d);
                    if matches!(n, ContextWithTimeoutCause | ContextWithDeadlineCause) {
                        self.contexts[h].deadline_cause = args.get(2).cloned().unwrap_or_default();
                    }
                    if self.contexts[h].err == 0 {
                        let p = self.p();
                        if d <= now {
                            self.cancel_ctx(h, 2, Err(p));
                        } else {
                            let t = self.arm_context_timer(p, d - now, h);
                            self.contexts[h].timer = Some(t);
                        }
                    }
                }
                vec![ctx_value(h), Value::Cancel(h as u32)]
            }
            ContextWithValue => {
                let parent = handle_of(&arg);
                let kv = (
                    args.get(1).cloned().unwrap_or_default(),
                    args.get(2).cloned().unwrap_or_default(),
                );
                self.contexts.push(Ctx {
                    parent,
                    kv: Some(kv),
                    ..Ctx::default()
                });
                vec![ctx_value(self.contexts.len() - 1)]
            }
            ContextDone | ContextErr | ContextValue | ContextDeadline => {
                let h = self.load_ptr(&arg).map_or(0, |v| handle_of(&v));
                match n {
                    ContextDeadline => match self.context_deadline(h) {
                        Some(d) => vec![time_value(d), Value::Bool(true)],
                        None => vec![zero_time(), Value::Bool(false)],
                    },
                    ContextDone => vec![match self.cancellable(h) {
                        Some(c) => Value::Chan(self.contexts[c].done.expect("cancellable")),
                        None => Value::Nil,
                    }],
                    ContextErr => {
                        let err = self.cancellable(h).map_or(0, |c| self.contexts[c].err);
                        vec![self.context_err(err)]
                    }
                    _ => vec![self.context_lookup(h, args.get(1).cloned().unwrap_or_default())],
                }
            }
            ContextCancel => {
                // A CancelCauseFunc passes the cause; a CancelFunc none (nil: Canceled).
                let h = arg.as_int().max(0) as usize;
                let cause = args.get(1).cloned().unwrap_or_default();
                self.cancel_with_cause(h, 1, cause, Ok(gid));
                vec![]
            }
            ContextCause => {
                // The nearest cancelCtx's cause, else Err() (nil: not cancelled).
                let c = self.cancellable(handle_of(&arg));
                match c.map(|c| &self.contexts[c]) {
                    Some(x) if x.cause != Value::Nil => vec![x.cause.clone()],
                    Some(x) => {
                        let err = x.err;
                        vec![self.context_err(err)]
                    }
                    None => vec![Value::Nil],
                }
            }
            ContextCanceled => vec![self.context_err(1)],
            ContextDeadlineExceeded => vec![self.context_err(2)],
            _ => vec![],
        };
        if !deferred {
            let gi = self.current;
            for v in results {
                self.goroutines[gi].push(v);
            }
        }
    }

    /// A new cancellable child of `parent`, registered with its nearest cancellable
    /// ancestor (`propagateCancel`); born cancelled if that ancestor already is.
    fn new_cancel_ctx(&mut self, parent: usize) -> usize {
        self.burst_left = 0;
        let done = self
            .chans
            .make(0, Value::Agg(Vec::new().into()), &mut self.sched_events);
        let h = self.contexts.len();
        self.contexts.push(Ctx {
            parent,
            done: Some(done),
            ..Ctx::default()
        });
        if let Some(a) = self.cancellable(parent) {
            let err = self.contexts[a].err;
            if err != 0 {
                // No one can wait on the new channel yet, so the waker does not matter.
                let p = self.p();
                let cause = self.contexts[a].cause.clone();
                self.cancel_with_cause(h, err, cause, Err(p));
            } else {
                self.contexts[a].children.push(h);
            }
        }
        h
    }

    /// The nearest cancellable context at or above `h` (none for Background).
    fn cancellable(&self, mut h: usize) -> Option<usize> {
        while h != 0 {
            let c = self.contexts.get(h)?;
            if c.done.is_some() {
                return Some(h);
            }
            h = c.parent;
        }
        None
    }

    /// `Deadline()`: the deadline of the nearest `timerCtx` at or above `h` (every other
    /// context delegates to its parent; Background has none).
    fn context_deadline(&self, mut h: usize) -> Option<i64> {
        while h != 0 {
            let c = self.contexts.get(h)?;
            if c.deadline.is_some() {
                return c.deadline;
            }
            h = c.parent;
        }
        None
    }

    /// `Value(key)`: the innermost `WithValue` pair with an equal key, else nil.
    fn context_lookup(&self, mut h: usize, key: Value) -> Value {
        while h != 0 {
            let Some(c) = self.contexts.get(h) else { break };
            if let Some((k, v)) = &c.kv
                && *k == key
            {
                return v.clone();
            }
            h = c.parent;
        }
        Value::Nil
    }

    /// The error `Err` returns for state `err`: nil, or the one `Canceled` /
    /// `DeadlineExceeded` value (made on first use, so identities compare equal).
    fn context_err(&mut self, err: u8) -> Value {
        if err == 0 {
            return Value::Nil;
        }
        let i = err as usize - 1;
        if let Some(v) = &self.context_errs[i] {
            return v.clone();
        }
        let msg: &[u8] = if err == 1 {
            b"context canceled"
        } else {
            b"context deadline exceeded"
        };
        let v = self.std_error(well_known::ERROR_STRING, msg, Value::Nil, Vec::new());
        self.context_errs[i] = Some(v.clone());
        v
    }

    /// Cancels `h` and its descendants with `err`, closing their Done channels; `by` is the
    /// goroutine that called cancel, or the P of the deadline timer that fired. Cancelling again
    /// does nothing, as in Go.
    pub(crate) fn cancel_ctx(&mut self, h: usize, err: u8, by: Result<GoId, PId>) {
        self.cancel_with_cause(h, err, Value::Nil, by);
    }

    /// [`Self::cancel_ctx`] with a cause (`context.Cause`) for `h` and every descendant it
    /// cancels; nil means the deadline's own cause (`WithTimeoutCause`) or the error itself,
    /// as `cancelCtx.cancel` defaults it.
    pub(crate) fn cancel_with_cause(
        &mut self,
        h: usize,
        err: u8,
        cause: Value,
        by: Result<GoId, PId>,
    ) {
        let mut cause = cause;
        if cause == Value::Nil && err == 2 {
            cause = self
                .contexts
                .get(h)
                .map_or(Value::Nil, |c| c.deadline_cause.clone());
        }
        if cause == Value::Nil {
            cause = self.context_err(err);
        }
        self.burst_left = 0;
        let mut todo = vec![h];
        while let Some(h) = todo.pop() {
            let Some(c) = self.contexts.get_mut(h) else {
                continue;
            };
            if c.err != 0 || c.done.is_none() {
                continue;
            }
            c.err = err;
            c.cause = cause.clone();
            let done = c.done;
            let children = std::mem::take(&mut c.children);
            // Children are cancelled in registration order (pushed reversed onto the stack).
            todo.extend(children.into_iter().rev());
            if let Some(t) = c.timer.take() {
                self.stop_context_timer(t);
            }
            let gi = self.current;
            let closer = by.unwrap_or(GoId(0));
            if let Ok(woken) = self.chans.close(done, closer, &mut self.sched_events) {
                match by {
                    Ok(g) => {
                        if self.race.is_some() {
                            self.race_close(done, gi, &woken);
                        }
                        for w in woken {
                            self.wake(w, g);
                        }
                    }
                    Err(p) => {
                        for w in woken {
                            self.wake_by(w, Waker::Timer { p });
                        }
                    }
                }
            }
        }
    }
}
