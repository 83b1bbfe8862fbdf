//! Methods of time values, pure arithmetic on their representation (`time/time.go`):
//! `time.Duration` (an `int64` of nanoseconds: `Seconds`, `Milliseconds`, `Round`,
//! `Truncate`, `String`, ...), `time.Time` (nanoseconds on the virtual clock since the program
//! started, in the handle field: `Sub`, `Add`, `Before`, `After`, `Equal`, `String`, `Unix`...)
//! and
//! `syscall.Timespec` (`Nano`, `syscall.NsecToTimespec`, `syscall/timestruct.go`).
//!
//! Each follows Go's code, including its integer/float split (`Seconds` adds the whole
//! seconds and the fraction separately, so large durations keep their precision) and its
//! overflow rules (`Round` saturates at the extreme durations, `Abs` of the minimum is the
//! maximum, `Time.Sub` saturates). None of them touches the scheduler or the heap.
//!
//! **The wall clock.** The virtual clock starts at the Go playground's fixed instant,
//! 2009-11-10 23:00:00 UTC, so `fmt.Println(time.Now())` prints
//! `2009-11-10 23:00:00 +0000 UTC m=+0.000000000` as the playground does (the `m=` part is the
//! monotonic reading since the program started). A `Time`'s handle holds its nanoseconds plus
//! one, so that the zero handle is the zero `Time` (`0001-01-01 00:00:00 +0000 UTC`,
//! `IsZero`, before every other time); arithmetic on the zero time itself (`Add`) stays
//! near it rather than at year 1 — a known simplification.

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

/// The Unix time of virtual instant 0 (the Go playground's 2009-11-10 23:00:00 UTC).
const EPOCH_UNIX_SEC: i64 = 1_257_894_000;

/// The nanoseconds of a `time.Time` value on the virtual clock; the zero `Time` is
/// `i64::MIN`, before everything (see the module docs).
pub(crate) fn time_ns(v: &Value) -> i64 {
    match v {
        Value::Agg(fs) => match fs.first().map_or(0, Value::as_int) {
            0 => i64::MIN,
            raw => raw - 1,
        },
        _ => i64::MIN,
    }
}

/// A `time.Time` value at `ns` on the virtual clock.
pub(crate) fn time_value(ns: i64) -> Value {
    Value::Agg(vec![Value::Int(ns.saturating_add(1).max(i64::MIN + 1))].into())
}

/// The zero `time.Time` (`time.Time{}`, `Deadline()` without a deadline).
pub(crate) fn zero_time() -> Value {
    Value::Agg(vec![Value::Int(0)].into())
}

/// `(year, month, day)` of a day count since 1970-01-01 (Howard Hinnant's `civil_from_days`).
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

/// `Time.String()`: `2006-01-02 15:04:05.999999999 -0700 MST` in UTC, then the monotonic
/// reading ` m=±s.nnnnnnnnn` (every `Time` here comes from the clock, so it has one).
pub(crate) fn time_string(ns: i64) -> String {
    if ns == i64::MIN {
        return "0001-01-01 00:00:00 +0000 UTC".to_string();
    }
    let unix = EPOCH_UNIX_SEC as i128 * 1_000_000_000 + ns as i128;
    let secs = unix.div_euclid(1_000_000_000) as i64;
    let frac = unix.rem_euclid(1_000_000_000) as u64;
    let (y, mo, d) = civil_from_days(secs.div_euclid(86_400));
    let sod = secs.rem_euclid(86_400);
    let mut s = format!(
        "{y:04}-{mo:02}-{d:02} {:02}:{:02}:{:02}",
        sod / 3600,
        sod / 60 % 60,
        sod % 60
    );
    if frac != 0 {
        let digits = format!("{frac:09}");
        s.push('.');
        s.push_str(digits.trim_end_matches('0'));
    }
    let sign = if ns < 0 { '-' } else { '+' };
    let m = ns.unsigned_abs();
    s.push_str(&format!(
        " +0000 UTC m={sign}{}.{:09}",
        m / 1_000_000_000,
        m % 1_000_000_000
    ));
    s
}

/// Unix nanoseconds of virtual instant `ns` (saturating, as the zero time is far before).
fn unix_nanos(ns: i64) -> i64 {
    (EPOCH_UNIX_SEC as i128 * 1_000_000_000 + ns as i128).clamp(i64::MIN as i128, i64::MAX as i128)
        as i64
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
        TimeTimeString => Value::string(&time_string(t)),
        TimeTimeIsZero => Value::Bool(t == i64::MIN),
        TimeTimeUnix => Value::Int(if t == i64::MIN {
            // January 1, year 1, in Unix seconds (time.go's zero time).
            -62_135_596_800
        } else {
            unix_nanos(t).div_euclid(1_000_000_000)
        }),
        TimeTimeUnixMilli => Value::Int(if t == i64::MIN {
            -62_135_596_800_000
        } else {
            unix_nanos(t).div_euclid(1_000_000)
        }),
        TimeTimeUnixNano => Value::Int(unix_nanos(t)),
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
    fn times_print_like_the_playground() {
        assert_eq!(
            time_string(0),
            "2009-11-10 23:00:00 +0000 UTC m=+0.000000000"
        );
        assert_eq!(
            time_string(1_500_000_000),
            "2009-11-10 23:00:01.5 +0000 UTC m=+1.500000000"
        );
        // An hour and a day later: the date rolls over.
        assert_eq!(
            time_string(3_600_000_000_000 + 86_400_000_000_000 + 7),
            "2009-11-12 00:00:00.000000007 +0000 UTC m=+90000.000000007"
        );
        assert_eq!(
            time_string(-1_000_000_000),
            "2009-11-10 22:59:59 +0000 UTC m=-1.000000000"
        );
        assert_eq!(time_string(i64::MIN), "0001-01-01 00:00:00 +0000 UTC");
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(11_017), (2000, 3, 1));
        assert_eq!(time_ns(&zero_time()), i64::MIN);
        assert_eq!(time_ns(&time_value(0)), 0);
        assert_eq!(time_ns(&time_value(-5)), -5);
    }

    #[test]
    fn nsec_to_timespec_keeps_nsec_non_negative() {
        assert_eq!(nsec_to_timespec(1_500_000_000), (1, 500_000_000));
        assert_eq!(nsec_to_timespec(-1), (-1, 999_999_999));
        assert_eq!(nsec_to_timespec(0), (0, 0));
    }
}
