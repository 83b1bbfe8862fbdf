//! Package `sync/atomic` (`sync/atomic/doc.go`, `type.go`): the functions on `&x` and the
//! methods of `atomic.Int64`, `Int32` and `Bool`, whose value lives in the hidden field of
//! their `lang::pkgtypes` struct. Nothing runs between two instructions, so each operation
//! is trivially atomic; what matters is that it is a synchronisation point, so the burst
//! ends and another P may be picked next (see `vm_sched`'s BURST rule).

use crate::goroutine::GoId;
use crate::machine::Machine;
use crate::value::Value;
use crate::vm::Sink;
use lang::packages::Native;

/// Is `n` an atomic operation?
pub(crate) fn is_atomic_native(n: Native) -> bool {
    use Native::*;
    matches!(
        n,
        AtomicAddInt64
            | AtomicAddInt32
            | AtomicLoadInt64
            | AtomicLoadInt32
            | AtomicStoreInt64
            | AtomicStoreInt32
            | AtomicSwapInt64
            | AtomicCompareAndSwapInt64
            | AtomicCompareAndSwapInt32
            | AtomicInt64Add
            | AtomicInt64Load
            | AtomicInt64Store
            | AtomicInt64Swap
            | AtomicInt64CompareAndSwap
            | AtomicInt32Add
            | AtomicInt32Load
            | AtomicInt32Store
            | AtomicBoolLoad
            | AtomicBoolStore
            | AtomicBoolSwap
            | AtomicBoolCompareAndSwap
    )
}

/// Wraps to int32 for the 32-bit operations.
fn wrap(n: Native, v: i64) -> i64 {
    use Native::*;
    match n {
        AtomicAddInt32
        | AtomicLoadInt32
        | AtomicStoreInt32
        | AtomicCompareAndSwapInt32
        | AtomicInt32Add
        | AtomicInt32Load
        | AtomicInt32Store => v as i32 as i64,
        _ => v,
    }
}

impl Machine {
    /// Reads the integer at `p`: a plain `*int64`, or the hidden field of an atomic type.
    fn atomic_load(&self, p: &Value, field: bool) -> Result<i64, String> {
        let v = self.load_ptr(p)?;
        Ok(match (&v, field) {
            (Value::Agg(fs), true) => fs.first().map_or(0, Value::as_int),
            (Value::Bool(b), _) => *b as i64,
            _ => v.as_int(),
        })
    }

    fn atomic_store(&mut self, p: &Value, field: bool, v: i64) -> Result<(), String> {
        let v = if field {
            Value::Agg(vec![Value::Int(v)].into())
        } else {
            Value::Int(v)
        };
        self.store_ptr(p, v)
    }

    /// Runs atomic operation `n`; its result is pushed unless `deferred`.
    pub(crate) fn atomic_native(
        &mut self,
        n: Native,
        args: &[Value],
        deferred: bool,
        gid: GoId,
        events: &mut Sink<'_>,
    ) {
        use Native::*;
        self.burst_left = 0;
        let p = args.first().cloned().unwrap_or(Value::Nil);
        let field = !matches!(
            n,
            AtomicAddInt64
                | AtomicAddInt32
                | AtomicLoadInt64
                | AtomicLoadInt32
                | AtomicStoreInt64
                | AtomicStoreInt32
                | AtomicSwapInt64
                | AtomicCompareAndSwapInt64
                | AtomicCompareAndSwapInt32
        );
        let is_bool = matches!(
            n,
            AtomicBoolLoad | AtomicBoolStore | AtomicBoolSwap | AtomicBoolCompareAndSwap
        );
        let arg = |i: usize| match args.get(i) {
            Some(Value::Bool(b)) => *b as i64,
            Some(v) => v.as_int(),
            None => 0,
        };
        let result = (|| -> Result<Option<i64>, String> {
            let old = self.atomic_load(&p, field)?;
            Ok(match n {
                AtomicAddInt64 | AtomicAddInt32 | AtomicInt64Add | AtomicInt32Add => {
                    let new = wrap(n, old.wrapping_add(arg(1)));
                    self.atomic_store(&p, field, new)?;
                    Some(new)
                }
                AtomicLoadInt64 | AtomicLoadInt32 | AtomicInt64Load | AtomicInt32Load
                | AtomicBoolLoad => Some(old),
                AtomicStoreInt64 | AtomicStoreInt32 | AtomicInt64Store | AtomicInt32Store
                | AtomicBoolStore => {
                    self.atomic_store(&p, field, wrap(n, arg(1)))?;
                    None
                }
                AtomicSwapInt64 | AtomicInt64Swap | AtomicBoolSwap => {
                    self.atomic_store(&p, field, arg(1))?;
                    Some(old)
                }
                _ => {
                    // CompareAndSwap.
                    let swapped = old == wrap(n, arg(1));
                    if swapped {
                        self.atomic_store(&p, field, wrap(n, arg(2)))?;
                    }
                    return Ok(Some(-(swapped as i64) - 1));
                }
            })
        })();
        match result {
            Err(msg) => self.start_panic(gid, Value::Nil, msg, events),
            Ok(Some(v)) if !deferred => {
                let gi = self.current;
                // CompareAndSwap results are encoded as -1 (false) / -2 (true).
                let cas = !matches!(
                    n,
                    AtomicAddInt64
                        | AtomicAddInt32
                        | AtomicInt64Add
                        | AtomicInt32Add
                        | AtomicLoadInt64
                        | AtomicLoadInt32
                        | AtomicInt64Load
                        | AtomicInt32Load
                        | AtomicBoolLoad
                        | AtomicSwapInt64
                        | AtomicInt64Swap
                        | AtomicBoolSwap
                );
                let out = if cas {
                    Value::Bool(v == -2)
                } else if is_bool {
                    Value::Bool(v != 0)
                } else {
                    Value::Int(v)
                };
                self.goroutines[gi].push(out);
            }
            Ok(_) => {}
        }
    }
}
