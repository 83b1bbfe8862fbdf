//! Methods of time values, pure arithmetic on their representation (`time/time.go`):
//! `time.Duration` (an `int64` of nanoseconds: `Seconds`, `Milliseconds`, `Round`,
//! `Truncate`, `String`, ...), `time.Time` (nanoseconds on the virtual clock since the program
//! started, in the handle field: `Sub`, `Add`, `Before`, `After`, `Equal`) and
//! `syscall.Timespec` (`Nano`, `syscall.NsecToTimespec`, `syscall/timestruct.go`).
//!
//! Each follows Go's code, including its integer/float split (`Seconds` adds the whole
//! seconds and the fraction separately, so large durations keep their precision) and its
//! overflow rules (`Round` saturates at the extreme durations, `Abs` of the minimum is the
//! maximum, `Time.Sub` saturates). None of them touches the scheduler or the heap.

use crate::clock::duration_string;
use crate::value::Value;
use lang::packages::Native;

const SECOND: i64 = 1_000_000_000;
const MINUTE: i64 = 60 * SECOND;
const HOUR: i64 = 60 * MINUTE;

/// `x < y/2` without overflow, for unsigned halves (`lessThanHalf`).
fn less_than_half(x: i64, y: i64) -> bool {
    (x as u64).wrapping_add(x as u64) < y as u64
}

/// `Duration.Round(m)`.
pub(crate) fn round(d: i64, m: i64) -> i64 {
    if m <= 0 {
        return d;
    }
    // Go computes `d ± m ∓ r` in wrapping int64 and detects the wrap; i128 says the same.
    let mut r = d % m;
    if d < 0 {
        r = -r;
        if less_than_half(r, m) {
            return d + r;
        }
        let d1 = d as i128 - m as i128 + r as i128;
        return if d1 >= i64::MIN as i128 {
            d1 as i64
        } else {
            i64::MIN
        };
    }
    if less_than_half(r, m) {
        return d - r;
    }
    let d1 = d as i128 + m as i128 - r as i128;
    if d1 <= i64::MAX as i128 {
        d1 as i64
    } else {
        i64::MAX
    }
}

/// `Duration.Truncate(m)`.
pub(crate) fn truncate(d: i64, m: i64) -> i64 {
    if m <= 0 { d } else { d - d % m }
}

/// Whole units plus the fraction, as `Seconds`/`Minutes`/`Hours` compute them.
fn in_units(d: i64, unit: i64) -> f64 {
    let whole = d / unit;
    let rest = d % unit;
    whole as f64 + rest as f64 / unit as f64
}

/// The nanoseconds of a `time.Time` value.
pub(crate) fn time_ns(v: &Value) -> i64 {
    match v {
        Value::Agg(fs) => fs.first().map_or(0, Value::as_int),
        _ => 0,
    }
}

/// A `time.Time` value at `ns` on the virtual clock.
pub(crate) fn time_value(ns: i64) -> Value {
    Value::Agg(vec![Value::Int(ns)].into())
}

/// `syscall.NsecToTimespec`: the seconds and a non-negative nanosecond part.
pub(crate) fn nsec_to_timespec(nsec: i64) -> (i64, i64) {
    let mut sec = nsec / SECOND;
    let mut ns = nsec % SECOND;
    if ns < 0 {
        ns += SECOND;
        sec -= 1;
    }
    (sec, ns)
}

/// The `(Sec, Nsec)` fields of a `syscall.Timespec` value.
pub(crate) fn timespec_fields(v: &Value) -> (i64, i64) {
    match v {
        Value::Agg(fs) => (
            fs.first().map_or(0, Value::as_int),
            fs.get(1).map_or(0, Value::as_int),
        ),
        _ => (0, 0),
    }
}

/// Runs a time-value method (receiver first in `args`), or `None` if `n` is not one.
pub(crate) fn call(n: Native, args: &[Value]) -> Option<Vec<Value>> {
    use Native::*;
    let d = args.first().map_or(0, Value::as_int);
    let arg = args.get(1).map_or(0, Value::as_int);
    let t = args.first().map_or(0, time_ns);
    let u = args.get(1).map_or(0, time_ns);
    let v = match n {
        DurationAbs => Value::Int(match d {
            i64::MIN => i64::MAX,
            d => d.abs(),
        }),
        DurationHours => Value::Float(in_units(d, HOUR)),
        DurationMinutes => Value::Float(in_units(d, MINUTE)),
        DurationSeconds => Value::Float(in_units(d, SECOND)),
        DurationMilliseconds => Value::Int(d / 1_000_000),
        DurationMicroseconds => Value::Int(d / 1_000),
        DurationNanoseconds => Value::Int(d),
        DurationRound => Value::Int(round(d, arg)),
        DurationTruncate => Value::Int(truncate(d, arg)),
        DurationString => Value::string(&duration_string(d)),
        TimeTimeAdd => time_value(t.saturating_add(arg)),
        TimeTimeSub => Value::Int(t.saturating_sub(u)),
        TimeTimeAfter => Value::Bool(t > u),
        TimeTimeBefore => Value::Bool(t < u),
        TimeTimeEqual => Value::Bool(t == u),
        SyscallTimespecNano => {
            let (sec, ns) = args.first().map_or((0, 0), timespec_fields);
            Value::Int(sec.wrapping_mul(SECOND).wrapping_add(ns))
        }
        SyscallNsecToTimespec => {
            let (sec, ns) = nsec_to_timespec(d);
            Value::Agg(vec![Value::Int(sec), Value::Int(ns)].into())
        }
        _ => return None,
    };
    Some(vec![v])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_and_truncate_follow_go() {
        // Values from time.Duration's documented examples (example_test.go).
        let d = HOUR + 15 * MINUTE + 30 * SECOND + 918_273_645;
        let cases = [
            (1, d),
            (1_000, HOUR + 15 * MINUTE + 30 * SECOND + 918_274_000),
            (SECOND, HOUR + 15 * MINUTE + 31 * SECOND),
            (2 * SECOND, HOUR + 15 * MINUTE + 30 * SECOND),
            (MINUTE, HOUR + 16 * MINUTE),
            (15 * MINUTE, HOUR + 15 * MINUTE),
            (HOUR, HOUR),
        ];
        for (m, want) in cases {
            assert_eq!(round(d, m), want, "Round({m})");
        }
        assert_eq!(truncate(d, SECOND), HOUR + 15 * MINUTE + 30 * SECOND);
        assert_eq!(truncate(d, HOUR), HOUR);
        assert_eq!(round(-1_500_000_000, SECOND), -2 * SECOND);
        assert_eq!(round(i64::MAX - 10, SECOND), i64::MAX);
        assert_eq!(round(i64::MIN + 10, SECOND), i64::MIN);
        assert_eq!(round(7, 0), 7);
        assert_eq!(truncate(-1_500_000_000, SECOND), -SECOND);
    }

    #[test]
    fn units_keep_whole_and_fraction_apart() {
        assert_eq!(in_units(1_500_000_000, SECOND), 1.5);
        assert_eq!(in_units(90 * MINUTE, HOUR), 1.5);
        assert_eq!(in_units(-30 * SECOND, MINUTE), -0.5);
    }

    #[test]
    fn nsec_to_timespec_keeps_nsec_non_negative() {
        assert_eq!(nsec_to_timespec(1_500_000_000), (1, 500_000_000));
        assert_eq!(nsec_to_timespec(-1), (-1, 999_999_999));
        assert_eq!(nsec_to_timespec(0), (0, 0));
    }
}
