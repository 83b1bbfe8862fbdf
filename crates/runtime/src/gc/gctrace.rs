//! `GODEBUG=gctrace=1` (`runtime/mgc.go`'s `gcMarkTermination`): one line per cycle on
//! standard error, in Go's exact format:
//!
//! `gc 1 @0.012s 2%: 0.011+0.23+0.002 ms clock, 0.045+0.10/0.20/0.31+0.011 ms cpu,
//! 4->4->0 MB, 4 MB goal, 0 MB stacks, 0 MB globals, 4 P` (one line), then ` (forced)` for
//! `runtime.GC()`. The fields: cycle number, time since start, GC's share of CPU since start;
//! wall time of sweep termination (STW), concurrent mark, mark termination (STW); CPU time of
//! sweep termination, assists / background / idle marking, mark termination; heap at the
//! start, at the end of mark and marked live; the goal; scannable stacks and globals; Ps.
//! Times come from the virtual clock.

/// One cycle's figures (virtual nanoseconds, bytes).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CycleTimes {
    pub t_sweep_term: u64,
    pub t_mark: u64,
    pub t_mark_term: u64,
    pub t_end: u64,
    pub assist_ns: u64,
    pub background_ns: u64,
    pub idle_ns: u64,
    pub heap0: u64,
    pub heap1: u64,
    pub heap2: u64,
    pub goal: u64,
    pub stacks: u64,
    pub globals: u64,
    pub procs: u64,
    pub forced: bool,
}

/// `itoaDiv`: `val / 10^dec` with `dec` decimals.
fn itoa_div(val: u64, dec: u32) -> String {
    let s = val.to_string();
    if dec == 0 {
        return s;
    }
    let dec = dec as usize;
    let s = format!("{:0>width$}", s, width = dec + 1);
    let (a, b) = s.split_at(s.len() - dec);
    format!("{a}.{b}")
}

/// `fmtNSAsMS`: milliseconds with two significant digits, at most three decimals; whole
/// milliseconds from 10 ms.
pub fn ns_as_ms(ns: u64) -> String {
    if ns >= 10_000_000 {
        return itoa_div(ns / 1_000_000, 0);
    }
    let mut x = ns / 1000;
    if x == 0 {
        return "0".into();
    }
    let mut dec = 3;
    while x >= 100 {
        x /= 10;
        dec -= 1;
    }
    itoa_div(x, dec)
}

/// The gctrace line of cycle `n` (with its newline). `util` is GC's CPU share in percent.
pub fn line(n: u32, t: &CycleTimes, util: u64) -> String {
    let sweep_term_cpu = (t.t_mark - t.t_sweep_term) * t.procs;
    let mark_term_cpu = (t.t_end - t.t_mark_term) * t.procs;
    let mut s = format!(
        "gc {n} @{}s {util}%: {}+{}+{} ms clock, {}+{}/{}/{}+{} ms cpu, {}->{}->{} MB, {} MB goal, {} MB stacks, {} MB globals, {} P",
        itoa_div(t.t_sweep_term / 1_000_000, 3),
        ns_as_ms(t.t_mark - t.t_sweep_term),
        ns_as_ms(t.t_mark_term - t.t_mark),
        ns_as_ms(t.t_end - t.t_mark_term),
        ns_as_ms(sweep_term_cpu),
        ns_as_ms(t.assist_ns),
        ns_as_ms(t.background_ns),
        ns_as_ms(t.idle_ns),
        ns_as_ms(mark_term_cpu),
        t.heap0 >> 20,
        t.heap1 >> 20,
        t.heap2 >> 20,
        t.goal >> 20,
        t.stacks >> 20,
        t.globals >> 20,
        t.procs,
    );
    if t.forced {
        s.push_str(" (forced)");
    }
    s.push('\n');
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn go_number_formats() {
        assert_eq!(itoa_div(12, 3), "0.012");
        assert_eq!(itoa_div(1234, 3), "1.234");
        assert_eq!(ns_as_ms(11_000), "0.011");
        assert_eq!(ns_as_ms(230_000), "0.23");
        assert_eq!(ns_as_ms(2_000), "0.002");
        assert_eq!(ns_as_ms(999), "0");
        assert_eq!(ns_as_ms(1_500_000), "1.5");
        assert_eq!(ns_as_ms(12_345_678), "12");
    }
}
