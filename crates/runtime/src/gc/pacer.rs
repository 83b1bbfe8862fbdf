//! The pacer (`runtime/mgcpacer.go`): after each cycle the heap goal is the marked (live) heap
//! grown by GOGC percent — `goal = marked · (1 + GOGC/100)`, never below
//! `heapMinimum = 4 MB · GOGC/100` — capped by GOMEMLIMIT when one is set; GOGC=off (-1)
//! leaves only the memory limit. The next cycle triggers when the heap reaches
//! `marked + 7/8 · (goal − marked)`: Go computes the trigger from its cons/mark estimate and
//! bounds it to 0.7–0.95 of the runway; goscope takes a fixed point inside those bounds, so
//! the mark phase has headroom and assists show up when a goroutine allocates fast.

/// `defaultHeapMinimum`.
pub const HEAP_MINIMUM: u64 = 4 << 20;

#[derive(Clone, Debug, PartialEq)]
pub struct Pacer {
    /// GOGC; -1 is off.
    pub gogc: i32,
    /// GOMEMLIMIT in bytes, if set (`math.MaxInt64` means none in Go).
    pub memory_limit: Option<u64>,
    /// Marked heap at the last mark termination (`heapMarked`).
    pub heap_marked: u64,
    pub goal: u64,
    pub trigger: u64,
}

impl Default for Pacer {
    fn default() -> Self {
        let mut p = Pacer {
            gogc: 100,
            memory_limit: None,
            heap_marked: 0,
            goal: 0,
            trigger: 0,
        };
        p.commit();
        p
    }
}

impl Pacer {
    /// Recomputes goal and trigger (`gcControllerState.commit`).
    pub fn commit(&mut self) {
        let gogc_goal = if self.gogc < 0 {
            u64::MAX
        } else {
            let g = self.gogc as u64;
            let goal = self
                .heap_marked
                .saturating_add(self.heap_marked.saturating_mul(g) / 100);
            goal.max(HEAP_MINIMUM.saturating_mul(g) / 100)
        };
        let goal = match self.memory_limit {
            // The limit's goal leaves no runway below what is live.
            Some(limit) => gogc_goal.min(limit.max(self.heap_marked + (64 << 10))),
            None => gogc_goal,
        };
        self.goal = goal;
        self.trigger = if goal == u64::MAX {
            u64::MAX
        } else {
            let runway = goal.saturating_sub(self.heap_marked);
            self.heap_marked + runway / 8 * 7
        };
    }

    /// `debug.SetGCPercent`: returns the previous setting.
    pub fn set_gogc(&mut self, gogc: i32) -> i32 {
        let old = self.gogc;
        self.gogc = if gogc < 0 { -1 } else { gogc };
        self.commit();
        old
    }

    /// `debug.SetMemoryLimit` (negative: just read): returns the previous limit
    /// (`math.MaxInt64` for none).
    pub fn set_memory_limit(&mut self, limit: i64) -> i64 {
        let old = self.memory_limit.map_or(i64::MAX, |l| l as i64);
        if limit >= 0 {
            self.memory_limit = if limit == i64::MAX {
                None
            } else {
                Some(limit as u64)
            };
            self.commit();
        }
        old
    }
}
