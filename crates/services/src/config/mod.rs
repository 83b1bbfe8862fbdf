//! The config centre (chapter 3.3, 配置中心): a mock Consul KV store, a Viper-like watcher in
//! the running service, and the timeline between them — on a virtual clock in µs.
//!
//! ```text
//!  learner ──PUT /v1/kv/config/service-a/dev/rate_limit_rps──▶ KvStore (index 7 → 8)
//!                                                                 │ wakes the held query
//!  service's watcher ──GET ?recurse&index=7&wait=5000ms──▶ held ──┘──▶ 200, X-Consul-Index 8
//!        │ decode every key into a new ServiceConfig, validate
//!        ├─ ok: swap it in (one store) ──▶ the API lab's server uses it on its next request
//!        └─ bad value: keep the old config, record the key and the reason
//! ```
//!
//! Codemap: `kv.rs` (the store and Consul's HTTP semantics), `watch.rs` (the typed config,
//! decoding, the watcher's modes), `timeline.rs` (the typed events). [`ConfigCentre`] here is
//! the agenda that moves requests through time: a vector of items sorted by `(time, seq)` —
//! the watcher sends, the request arrives at Consul `RTT/2` later, Consul answers or holds it,
//! a write or the deadline releases it, the answer reaches the watcher `RTT/2` later.
//!
//! Invariants: deterministic (the only draw is Consul's wait jitter, through the
//! [`sim::Chooser`]); the service's config changes only by a whole swap of a validated struct;
//! `history` is sorted by time and starts with the compiled-in defaults at 0.

pub mod kv;
pub mod timeline;
pub mod watch;

use sim::Chooser;

use crate::api::json::{self, Json};
use crate::api::server::{Live, Server};
use kv::{Begin, KvReply, KvRequest, KvStore};
pub use timeline::ConfigEvent;
pub use watch::{Env, Mode, ServiceConfig, Watcher};

/// Half a round trip between the service and its Consul agent.
pub const HALF_RTT_US: u64 = 1_000;
/// The lab's service name, as in the chapter.
pub const SERVICE: &str = "service-a";
/// What a request to a stopped agent gets.
pub const REFUSED: &str = "dial tcp 127.0.0.1:8500: connect: connection refused";

#[derive(Clone, Debug)]
enum Item {
    Send {
        generation: u64,
    },
    Arrive {
        id: u64,
        req: KvRequest,
    },
    Deadline {
        id: u64,
    },
    Answer {
        generation: u64,
        reply: Result<KvReply, String>,
    },
}

/// The mock Consul, the service's watcher and their timeline.
#[derive(Clone, Debug)]
pub struct ConfigCentre {
    pub kv: KvStore,
    pub watcher: Watcher,
    /// Whether the agent answers (off: every request is refused and the watcher backs off).
    pub available: bool,
    pub now: u64,
    pub timeline: Vec<ConfigEvent>,
    /// Every config the service ran with, from the time it was swapped in.
    pub history: Vec<(u64, ServiceConfig)>,
    agenda: Vec<(u64, u64, Item)>,
    seq: u64,
    /// The blocking query Consul is holding: its id and request.
    held: Option<(u64, KvRequest)>,
    next_id: u64,
    /// Bumped when the watcher restarts (mode or environment): older answers are dropped.
    generation: u64,
    /// The last swap the service has reported using.
    used_version: u64,
    chooser: Chooser,
}

impl ConfigCentre {
    /// A store seeded with the three environments' keys and a watcher for `env`, about to make
    /// its first read at time 0.
    pub fn new(env: Env, mode: Mode, seed: u64) -> ConfigCentre {
        let mut kv = KvStore::default();
        for (e, values) in [
            (Env::Dev, ["2000", "100", "20", "new-ui", "debug"]),
            (Env::Staging, ["1000", "50", "10", "new-ui", "info"]),
            (Env::Prod, ["500", "100", "20", "", "warn"]),
        ] {
            for (k, v) in watch::KEYS.iter().zip(values) {
                kv.put(
                    &format!("{}{k}", watch::prefix(SERVICE, e)),
                    v.as_bytes(),
                    0,
                    None,
                );
            }
        }
        let mut c = ConfigCentre {
            kv,
            watcher: Watcher::new(SERVICE, env, mode),
            available: true,
            now: 0,
            timeline: Vec::new(),
            history: vec![(0, ServiceConfig::default())],
            agenda: Vec::new(),
            seq: 0,
            held: None,
            next_id: 1,
            generation: 0,
            used_version: 0,
            chooser: Chooser::unlogged(seed),
        };
        c.push(0, Item::Send { generation: 0 });
        c
    }

    fn push(&mut self, t: u64, item: Item) {
        self.seq += 1;
        let at = self
            .agenda
            .partition_point(|(tt, s, _)| (*tt, *s) <= (t, self.seq));
        self.agenda.insert(at, (t, self.seq, item));
    }

    /// When the next agenda item is due.
    pub fn next_due(&self) -> Option<u64> {
        self.agenda.first().map(|(t, _, _)| *t)
    }

    /// Runs everything due up to and including `t`.
    pub fn advance_to(&mut self, t: u64) {
        while let Some(&(due, _, _)) = self.agenda.first() {
            if due > t {
                break;
            }
            let (due, _, item) = self.agenda.remove(0);
            self.now = self.now.max(due);
            self.run(due, item);
        }
        self.now = self.now.max(t);
    }

    /// Runs the agenda until the watcher has reacted to what happened so far (decoded,
    /// refused, or found nothing new) or until `limit`; returns the time reached. The lab
    /// moves its clock there after a PUT, so the next request sees what the service sees.
    pub fn settle(&mut self, limit: u64) -> u64 {
        let mark = self.timeline.len();
        while let Some(due) = self.next_due() {
            if due > limit {
                break;
            }
            self.advance_to(due);
            let reacted = self.timeline[mark..].iter().any(|e| {
                matches!(
                    e,
                    ConfigEvent::DecodeOk { .. }
                        | ConfigEvent::DecodeFailed { .. }
                        | ConfigEvent::WatchReturned { changed: false, .. }
                        | ConfigEvent::WatchError { .. }
                )
            });
            if reacted {
                return self.now;
            }
        }
        self.advance_to(limit);
        self.now
    }

    /// The config the service runs with now.
    pub fn config(&self) -> &ServiceConfig {
        &self.watcher.config
    }

    /// A request to the KV API from the learner at `at` (reads never block: they answer as the
    /// store stands; writes wake the held blocking query if they touch what it reads).
    pub fn http(&mut self, method: &str, target: &str, body: &str, at: u64) -> KvReply {
        self.advance_to(at);
        let req = match kv::parse(method, target, body.as_bytes()) {
            Ok(r) => r,
            Err(reply) => return reply,
        };
        let reply = self.kv.serve(&req);
        let index = self.kv.index;
        match req.method {
            kv::Method::Put => self.timeline.push(ConfigEvent::Put {
                t: at,
                key: req.key.clone(),
                value: body.to_string(),
                index,
                ok: reply.body == "true",
            }),
            kv::Method::Delete if reply.body == "true" => self.timeline.push(ConfigEvent::Delete {
                t: at,
                key: req.key.clone(),
                index,
            }),
            _ => {}
        }
        if req.method != kv::Method::Get && reply.body == "true" {
            self.wake(&req.key, req.recurse, at);
        }
        reply
    }

    /// PUT `value` at `key`.
    pub fn put(&mut self, key: &str, value: &str, at: u64) -> KvReply {
        self.http("PUT", &format!("/v1/kv/{key}"), value, at)
    }

    /// A write to `key` (every key under it when `recursive`) releases the held query if it
    /// touches what the query reads.
    fn wake(&mut self, key: &str, recursive: bool, at: u64) {
        let hit = match &self.held {
            Some((_, req)) => KvStore::watches(req, key) || (recursive && req.key.starts_with(key)),
            None => false,
        };
        if hit && let Some((_, req)) = self.held.take() {
            let reply = self.kv.read(&req);
            let generation = self.generation;
            self.push(
                at + HALF_RTT_US,
                Item::Answer {
                    generation,
                    reply: Ok(reply),
                },
            );
        }
    }

    /// Restarts the watcher in another mode at `at` (the in-flight request is abandoned).
    pub fn set_mode(&mut self, mode: Mode, at: u64) {
        self.advance_to(at);
        self.watcher.mode = mode;
        self.restart(at);
    }

    /// Restarts the service in another environment at `at`: it reads the new prefix.
    pub fn set_env(&mut self, env: Env, at: u64) {
        self.advance_to(at);
        self.watcher.env = env;
        self.restart(at);
    }

    /// Stops or starts the agent at `at`.
    pub fn set_available(&mut self, on: bool, at: u64) {
        self.advance_to(at);
        self.available = on;
        if !on && self.held.take().is_some() {
            let generation = self.generation;
            self.push(
                at + HALF_RTT_US,
                Item::Answer {
                    generation,
                    reply: Err("unexpected EOF".into()),
                },
            );
        }
    }

    fn restart(&mut self, at: u64) {
        self.generation += 1;
        self.held = None;
        self.watcher.index = 0;
        self.watcher.failures = 0;
        self.watcher.last_values = None;
        let generation = self.generation;
        self.push(at, Item::Send { generation });
    }

    /// The service handles a request at `at`: the first one after a swap is on the timeline.
    pub fn note_use(&mut self, at: u64) {
        if self.watcher.version > self.used_version {
            self.used_version = self.watcher.version;
            let what = self
                .timeline
                .iter()
                .rev()
                .find_map(|e| match e {
                    ConfigEvent::Swapped { changes, .. } => Some(changes.join(", ")),
                    _ => None,
                })
                .unwrap_or_default();
            self.timeline
                .push(ConfigEvent::ServiceUsing { t: at, what });
        }
    }

    /// Hands the config history to the server: each request reads the config in effect at
    /// its arrival, as a handler loading an `atomic.Pointer` would.
    pub fn apply(&self, server: &mut Server) {
        server.live = self.history.iter().map(|(t, c)| live(*t, c)).collect();
    }

    fn run(&mut self, t: u64, item: Item) {
        match item {
            Item::Send { generation } if generation == self.generation => {
                let blocking = matches!(self.watcher.mode, Mode::Blocking { .. });
                self.timeline.push(ConfigEvent::WatchSent {
                    t,
                    index: self.watcher.index,
                    blocking,
                });
                if !self.available {
                    self.push(
                        t + 2 * HALF_RTT_US,
                        Item::Answer {
                            generation,
                            reply: Err(REFUSED.into()),
                        },
                    );
                    return;
                }
                let target = self.watcher.target();
                match kv::parse("GET", &target, b"") {
                    Ok(req) => {
                        let id = self.next_id;
                        self.next_id += 1;
                        self.push(t + HALF_RTT_US, Item::Arrive { id, req });
                    }
                    Err(reply) => self.push(
                        t + 2 * HALF_RTT_US,
                        Item::Answer {
                            generation,
                            reply: Ok(reply),
                        },
                    ),
                }
            }
            Item::Send { .. } => {}
            Item::Arrive { id, req } => {
                if !self.available {
                    let generation = self.generation;
                    self.push(
                        t + HALF_RTT_US,
                        Item::Answer {
                            generation,
                            reply: Err(REFUSED.into()),
                        },
                    );
                    return;
                }
                match self.kv.begin(&req, t, &mut self.chooser) {
                    Begin::Now(reply) => {
                        let generation = self.generation;
                        self.push(
                            t + HALF_RTT_US,
                            Item::Answer {
                                generation,
                                reply: Ok(reply),
                            },
                        );
                    }
                    Begin::Wait { deadline } => {
                        self.held = Some((id, req));
                        self.push(deadline, Item::Deadline { id });
                    }
                }
            }
            Item::Deadline { id } => {
                if self.held.as_ref().is_some_and(|(h, _)| *h == id)
                    && let Some((_, req)) = self.held.take()
                {
                    let reply = self.kv.read(&req);
                    let generation = self.generation;
                    self.push(
                        t + HALF_RTT_US,
                        Item::Answer {
                            generation,
                            reply: Ok(reply),
                        },
                    );
                }
            }
            Item::Answer { generation, reply } if generation == self.generation => {
                self.answer(t, reply)
            }
            Item::Answer { .. } => {}
        }
    }

    /// The watcher gets an answer (plan.go's loop body).
    fn answer(&mut self, t: u64, reply: Result<KvReply, String>) {
        let generation = self.generation;
        let reply = match reply {
            Ok(r) if r.status == 200 || r.status == 404 => r,
            Ok(r) => {
                let reason = format!("Unexpected response code: {} ({})", r.status, r.body);
                return self.failed(t, reason);
            }
            Err(reason) => return self.failed(t, reason),
        };
        self.watcher.failures = 0;
        let old = self.watcher.index;
        let index = reply.index.unwrap_or(0);
        let next_send = match self.watcher.mode {
            Mode::Blocking { .. } => t,
            Mode::Polling { interval_us } => t + interval_us,
        };
        if index < old {
            // WaitIndexVal.Next: a smaller index than the previous one resets to 0.
            self.timeline.push(ConfigEvent::IndexReset {
                t,
                from: old,
                to: index,
            });
            self.watcher.index = 0;
            self.push(t, Item::Send { generation });
            return;
        }
        let blocking = matches!(self.watcher.mode, Mode::Blocking { .. }) && old > 0;
        if blocking && index == old {
            self.timeline.push(ConfigEvent::WatchTimeout { t, index });
        } else {
            self.timeline.push(ConfigEvent::WatchReturned {
                t,
                index,
                changed: index != old,
            });
        }
        self.watcher.index = index;
        let values = match entries_of(&reply) {
            Ok(v) => v,
            Err(reason) => {
                self.timeline.push(ConfigEvent::DecodeFailed {
                    t,
                    key: self.watcher.prefix(),
                    reason: reason.clone(),
                });
                self.watcher.last_error = Some(watch::DecodeError {
                    key: self.watcher.prefix(),
                    reason,
                });
                self.push(next_send, Item::Send { generation });
                return;
            }
        };
        if self.watcher.last_values.as_ref() != Some(&values) {
            self.reload(t, index, &values);
            self.watcher.last_values = Some(values);
        }
        self.push(next_send, Item::Send { generation });
    }

    fn failed(&mut self, t: u64, reason: String) {
        self.watcher.failures += 1;
        let retry_us = watch::backoff_us(self.watcher.failures);
        self.timeline.push(ConfigEvent::WatchError {
            t,
            reason,
            retry_us,
        });
        let generation = self.generation;
        self.push(t + retry_us, Item::Send { generation });
    }

    /// `viper.Unmarshal` into a new struct, validate, swap or keep.
    fn reload(&mut self, t: u64, index: u64, values: &[(String, String)]) {
        match watch::decode(&self.watcher.prefix(), values) {
            Err(e) => {
                self.timeline.push(ConfigEvent::DecodeFailed {
                    t,
                    key: e.key.clone(),
                    reason: e.reason.clone(),
                });
                self.watcher.last_error = Some(e);
            }
            Ok(new) => {
                self.timeline.push(ConfigEvent::DecodeOk { t, index });
                self.watcher.last_error = None;
                if new != self.watcher.config {
                    let changes = new.changes_from(&self.watcher.config);
                    self.watcher.version += 1;
                    self.timeline.push(ConfigEvent::Swapped {
                        t,
                        version: self.watcher.version,
                        changes,
                    });
                    self.history.push((t, new.clone()));
                    self.watcher.config = new;
                }
            }
        }
    }
}

/// The server's view of one config.
pub fn live(since_us: u64, c: &ServiceConfig) -> Live {
    Live {
        since_us,
        timeout_us: c.timeout_ms * 1000,
        rate_per_second: c.rate_limit_rps,
        rate_burst: c.rate_limit_burst,
    }
}

/// The `(key, value)` pairs of a `?recurse` answer: its JSON, each `Value` base64-decoded, as
/// the Consul client does. 404 (no keys) is an empty list.
pub fn entries_of(reply: &KvReply) -> Result<Vec<(String, String)>, String> {
    use base64::Engine as _;
    if reply.status == 404 {
        return Ok(Vec::new());
    }
    let j = json::parse(&reply.body).map_err(|e| format!("response JSON at {e}"))?;
    let Json::Array(items) = j else {
        return Err("response is not a JSON array".into());
    };
    let mut out = Vec::new();
    for item in &items {
        let Some(Json::String(key)) = item.get("Key") else {
            return Err("an entry has no Key".into());
        };
        let value = match item.get("Value") {
            Some(Json::String(b64)) => {
                let bytes = base64::engine::general_purpose::STANDARD
                    .decode(b64)
                    .map_err(|e| format!("{key}: bad base64: {e}"))?;
                String::from_utf8_lossy(&bytes).into_owned()
            }
            _ => String::new(),
        };
        out.push((key.clone(), value));
    }
    Ok(out)
}

#[cfg(test)]
mod tests;
