//! The controller's work queue: de-duplicating, with delayed and rate-limited adds.
//!
//! Modelled on client-go's `util/workqueue`: `Type` (a FIFO of keys where a key already
//! waiting is not added twice — ten events about one Database cause one reconcile, which
//! reads the latest state anyway), `DelayingQueue` (`AddAfter`) and
//! `ItemExponentialFailureRateLimiter` (`AddRateLimited`: 5 ms · 2^failures, capped at
//! 1000 s; `Forget` resets the count after a success). controller-runtime's default limiter
//! also has a 10 qps bucket; with a handful of keys it never binds, so it is left out.
//!
//! Invariants: a key is at most once in `ready`; `waiting` is sorted by due time (then by
//! insertion), so the next due key is the first; times are virtual milliseconds.

/// First backoff of a failing key.
pub const BASE_DELAY_MS: u64 = 5;
/// Backoff cap.
pub const MAX_DELAY_MS: u64 = 1_000_000;

/// What `add` did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Added {
    Queued,
    /// Already waiting in the queue: nothing to do.
    Deduplicated,
}

/// The queue; see the module docs.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct WorkQueue {
    /// Keys ready to be processed, in order.
    pub ready: Vec<String>,
    /// Keys to add at a later time: `(due_ms, key)`.
    pub waiting: Vec<(u64, String)>,
    /// Consecutive failures per key.
    pub failures: Vec<(String, u32)>,
}

impl WorkQueue {
    pub fn add(&mut self, key: &str) -> Added {
        if self.ready.iter().any(|k| k == key) {
            return Added::Deduplicated;
        }
        self.ready.push(key.to_string());
        Added::Queued
    }

    /// Adds `key` at `due` (a later request for the same key keeps the earlier time, as
    /// client-go's waitingForQueue does).
    pub fn add_after(&mut self, key: &str, due: u64) {
        if let Some(i) = self.waiting.iter().position(|(_, k)| k == key) {
            if self.waiting[i].0 <= due {
                return;
            }
            self.waiting.remove(i);
        }
        let at = self.waiting.partition_point(|(t, _)| *t <= due);
        self.waiting.insert(at, (due, key.to_string()));
    }

    /// The backoff the next failure of `key` gets, without counting it.
    pub fn next_backoff(&self, key: &str) -> u64 {
        backoff(self.failures_of(key))
    }

    /// Counts a failure of `key` and re-adds it after the backoff; returns the delay.
    pub fn add_rate_limited(&mut self, key: &str, now: u64) -> u64 {
        let n = self.failures_of(key);
        let delay = backoff(n);
        match self.failures.iter_mut().find(|(k, _)| k == key) {
            Some(slot) => slot.1 += 1,
            None => self.failures.push((key.to_string(), 1)),
        }
        self.add_after(key, now + delay);
        delay
    }

    pub fn failures_of(&self, key: &str) -> u32 {
        self.failures
            .iter()
            .find(|(k, _)| k == key)
            .map_or(0, |(_, n)| *n)
    }

    /// Resets `key`'s failure count (after a successful reconcile).
    pub fn forget(&mut self, key: &str) {
        self.failures.retain(|(k, _)| k != key);
    }

    /// Takes the first ready key.
    pub fn pop(&mut self) -> Option<String> {
        if self.ready.is_empty() {
            None
        } else {
            Some(self.ready.remove(0))
        }
    }

    /// The earliest waiting time.
    pub fn next_due(&self) -> Option<u64> {
        self.waiting.first().map(|(t, _)| *t)
    }

    /// Moves every key due at or before `now` into the ready queue; returns them.
    pub fn promote(&mut self, now: u64) -> Vec<String> {
        let n = self.waiting.partition_point(|(t, _)| *t <= now);
        let due: Vec<String> = self.waiting.drain(..n).map(|(_, k)| k).collect();
        for k in &due {
            self.add(k);
        }
        due
    }
}

/// `BASE_DELAY_MS · 2^failures`, capped.
pub fn backoff(failures: u32) -> u64 {
    BASE_DELAY_MS
        .checked_shl(failures.min(40))
        .unwrap_or(MAX_DELAY_MS)
        .min(MAX_DELAY_MS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_deduplicated() {
        let mut q = WorkQueue::default();
        assert_eq!(q.add("default/a"), Added::Queued);
        assert_eq!(q.add("default/b"), Added::Queued);
        assert_eq!(q.add("default/a"), Added::Deduplicated);
        assert_eq!(q.pop().as_deref(), Some("default/a"));
        assert_eq!(
            q.add("default/a"),
            Added::Queued,
            "processing ends the dedup"
        );
        assert_eq!(q.ready, ["default/b", "default/a"]);
    }

    #[test]
    fn failures_back_off_exponentially_until_forgotten() {
        let mut q = WorkQueue::default();
        let delays: Vec<u64> = (0..5).map(|_| q.add_rate_limited("k", 100)).collect();
        assert_eq!(delays, [5, 10, 20, 40, 80]);
        assert_eq!(
            q.waiting,
            [(105, "k".to_string())],
            "the earliest due time wins"
        );
        assert_eq!(q.promote(104), Vec::<String>::new());
        assert_eq!(q.promote(105), ["k"]);
        q.forget("k");
        assert_eq!(q.add_rate_limited("k", 0), 5);
        assert_eq!(backoff(60), MAX_DELAY_MS);
    }
}
