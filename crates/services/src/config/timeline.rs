//! The config centre's typed trace: what the learner wrote, what Consul's index did, what the
//! watcher sent and got back, and when the running service started using a new value — each
//! event on the virtual clock (µs) with a stable one-line `Display`
//! (`[   1.002s] watch returned index 8 (changed)`), which the tests snapshot and the page
//! draws as the watch/poll timeline.

use std::fmt;

/// One event.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ConfigEvent {
    /// A PUT through the KV API (the learner's editor); `ok` false when a `cas` check failed.
    Put {
        t: u64,
        key: String,
        value: String,
        index: u64,
        ok: bool,
    },
    Delete {
        t: u64,
        key: String,
        index: u64,
    },
    /// The watcher sent a blocking query (`?index=N&wait=..`) or, polling, a plain GET.
    WatchSent {
        t: u64,
        index: u64,
        blocking: bool,
    },
    /// Consul answered: a newer index (something under the prefix changed) or the same one.
    WatchReturned {
        t: u64,
        index: u64,
        changed: bool,
    },
    /// A blocking query's wait ran out: Consul answered with the same index.
    WatchTimeout {
        t: u64,
        index: u64,
    },
    /// The index went backwards (a restored snapshot): the loop starts again from 0.
    IndexReset {
        t: u64,
        from: u64,
        to: u64,
    },
    /// The request failed (Consul unreachable): retry after a back-off.
    WatchError {
        t: u64,
        reason: String,
        retry_us: u64,
    },
    DecodeOk {
        t: u64,
        index: u64,
    },
    /// A key's value did not decode or validate: the old config stays.
    DecodeFailed {
        t: u64,
        key: String,
        reason: String,
    },
    /// The new config replaced the old one in one store (an `atomic.Pointer` swap).
    Swapped {
        t: u64,
        version: u64,
        changes: Vec<String>,
    },
    /// The service's first request under the new config.
    ServiceUsing {
        t: u64,
        what: String,
    },
}

impl ConfigEvent {
    pub fn t(&self) -> u64 {
        match self {
            ConfigEvent::Put { t, .. }
            | ConfigEvent::Delete { t, .. }
            | ConfigEvent::WatchSent { t, .. }
            | ConfigEvent::WatchReturned { t, .. }
            | ConfigEvent::WatchTimeout { t, .. }
            | ConfigEvent::IndexReset { t, .. }
            | ConfigEvent::WatchError { t, .. }
            | ConfigEvent::DecodeOk { t, .. }
            | ConfigEvent::DecodeFailed { t, .. }
            | ConfigEvent::Swapped { t, .. }
            | ConfigEvent::ServiceUsing { t, .. } => *t,
        }
    }

    /// A stable short name for the kind (the page's lane and colour; link parameters).
    pub fn kind(&self) -> &'static str {
        match self {
            ConfigEvent::Put { .. } | ConfigEvent::Delete { .. } => "write",
            ConfigEvent::WatchSent { .. } => "sent",
            ConfigEvent::WatchReturned { changed: true, .. } => "changed",
            ConfigEvent::WatchReturned { .. } | ConfigEvent::WatchTimeout { .. } => "same",
            ConfigEvent::IndexReset { .. } | ConfigEvent::WatchError { .. } => "error",
            ConfigEvent::DecodeFailed { .. } => "bad",
            ConfigEvent::DecodeOk { .. } => "ok",
            ConfigEvent::Swapped { .. } | ConfigEvent::ServiceUsing { .. } => "swap",
        }
    }
}

/// `s.mmm` seconds of virtual time.
pub fn seconds(us: u64) -> String {
    format!("{}.{:03}s", us / 1_000_000, us / 1000 % 1000)
}

impl fmt::Display for ConfigEvent {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "[{:>9}] ", seconds(self.t()))?;
        match self {
            ConfigEvent::Put {
                key,
                value,
                index,
                ok: true,
                ..
            } => write!(f, "PUT {key} = {value:?} -> ModifyIndex {index}"),
            ConfigEvent::Put { key, .. } => write!(f, "PUT {key} refused: cas check failed"),
            ConfigEvent::Delete { key, index, .. } => write!(f, "DELETE {key} -> index {index}"),
            ConfigEvent::WatchSent {
                index,
                blocking: true,
                ..
            } => write!(f, "watch sent ?index={index}"),
            ConfigEvent::WatchSent { .. } => f.write_str("poll sent"),
            ConfigEvent::WatchReturned { index, changed, .. } => write!(
                f,
                "returned X-Consul-Index {index} ({})",
                if *changed { "changed" } else { "unchanged" }
            ),
            ConfigEvent::WatchTimeout { index, .. } => {
                write!(f, "wait elapsed: same X-Consul-Index {index}")
            }
            ConfigEvent::IndexReset { from, to, .. } => {
                write!(f, "index went backwards ({from} -> {to}): reset to 0")
            }
            ConfigEvent::WatchError {
                reason, retry_us, ..
            } => write!(f, "watch failed: {reason}; retry in {}", seconds(*retry_us)),
            ConfigEvent::DecodeOk { index, .. } => write!(f, "decoded config at index {index}"),
            ConfigEvent::DecodeFailed { key, reason, .. } => {
                write!(f, "decode failed: {key}: {reason}; old config kept")
            }
            ConfigEvent::Swapped {
                version, changes, ..
            } => write!(f, "config v{version} swapped in: {}", changes.join(", ")),
            ConfigEvent::ServiceUsing { what, .. } => write!(f, "service now using {what}"),
        }
    }
}
