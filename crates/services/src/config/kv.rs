//! A mock of Consul's KV store and its HTTP API (`/v1/kv/<key>`), with Consul's semantics as
//! `agent/kvs_endpoint.go` and `agent/consul/state/kvs.go` give them:
//!
//! - One Raft index for the whole store: every write (PUT, DELETE, even a PUT of the same
//!   value) takes the next index. An entry keeps `CreateIndex` (the write that created it),
//!   `ModifyIndex` (the last write to it) and `LockIndex` (how many times a session acquired
//!   it; always 0 here: no sessions). A DELETE leaves a *tombstone* with its index, so a
//!   prefix whose last key was deleted still reports a newer index (tombstones are never
//!   reaped here).
//! - Responses carry `X-Consul-Index`. For a prefix listing (`?recurse`, `?keys`) it is the
//!   highest `ModifyIndex` or tombstone under the prefix, else the table's index; for a single
//!   key it is the *table's* index — which is why Consul's docs warn that a blocking query
//!   can return with no change to what you asked for. Never below 1 (the blocking loop in
//!   `agent/consul/rpc.go` raises 0 to 1).
//! - Values are bytes, base64 in JSON (`"Value": "NTA="`), `null` when empty; `?raw` returns
//!   the bytes themselves; `?keys` returns the key names (rolled up at `?separator=`).
//! - `PUT ?cas=0` creates only if absent, `?cas=N` writes only if `ModifyIndex == N`; the body
//!   is `true` or `false`. `DELETE` takes `?recurse` and `?cas` too.
//! - Blocking queries: `?index=N&wait=5s`. If the query's index is already above N the answer
//!   is immediate; otherwise the request is held until a write touches what it reads (the key,
//!   or a key under the prefix) or until `wait` — at most 10 minutes, default 5, plus up to
//!   `wait/16` of random jitter (drawn from the [`Chooser`], label `consul-wait`) — and then
//!   answered with the index as it stands: the *same* index on a timeout.
//!
//! This file is the store and the request semantics; holding a request over virtual time is
//! the config centre's agenda (`mod.rs`): [`KvStore::begin`] says "answer now" or "wait until".
//!
//! Invariants: the store's index only grows; every entry's `CreateIndex ≤ ModifyIndex ≤ index`;
//! keys iterate in byte order (a `BTreeMap`), so listings are deterministic.

use std::collections::BTreeMap;

use base64::Engine as _;
use sim::Chooser;

use crate::api::json::Json;

/// Consul's default and maximum blocking wait (`agent/consul/rpc.go`).
pub const DEFAULT_WAIT_US: u64 = 5 * 60 * 1_000_000;
pub const MAX_WAIT_US: u64 = 10 * 60 * 1_000_000;

/// One key.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    pub key: String,
    pub value: Vec<u8>,
    pub flags: u64,
    pub create_index: u64,
    pub modify_index: u64,
    pub lock_index: u64,
}

impl Entry {
    /// The value as text (config values are UTF-8; anything else is shown lossily).
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.value).into_owned()
    }

    /// The entry as Consul's JSON object.
    pub fn to_json(&self) -> Json {
        let value = if self.value.is_empty() {
            Json::Null
        } else {
            Json::str(base64::engine::general_purpose::STANDARD.encode(&self.value))
        };
        Json::Object(vec![
            ("LockIndex".into(), Json::num(self.lock_index)),
            ("Key".into(), Json::str(self.key.clone())),
            ("Flags".into(), Json::num(self.flags)),
            ("Value".into(), value),
            ("CreateIndex".into(), Json::num(self.create_index)),
            ("ModifyIndex".into(), Json::num(self.modify_index)),
        ])
    }
}

/// The store.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct KvStore {
    /// The last Raft index used by a write.
    pub index: u64,
    pub entries: BTreeMap<String, Entry>,
    /// Deleted keys and the index of their deletion.
    pub tombstones: BTreeMap<String, u64>,
}

/// HTTP method of a KV request.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Method {
    Get,
    Put,
    Delete,
}

/// A parsed `/v1/kv/` request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KvRequest {
    pub method: Method,
    pub key: String,
    pub recurse: bool,
    pub keys: bool,
    pub separator: Option<String>,
    pub raw: bool,
    pub cas: Option<u64>,
    pub flags: u64,
    /// `?index=`: a blocking query (0 does not block).
    pub index: Option<u64>,
    pub wait_us: u64,
    pub body: Vec<u8>,
}

/// An HTTP answer: status, `X-Consul-Index` (reads only), body text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KvReply {
    pub status: u16,
    pub index: Option<u64>,
    pub body: String,
}

impl KvReply {
    fn error(status: u16, text: &str) -> KvReply {
        KvReply {
            status,
            index: None,
            body: text.to_string(),
        }
    }

    /// Status line, the index header and the body, as the page shows them.
    pub fn text(&self) -> String {
        let mut s = format!("HTTP {}\n", self.status);
        if let Some(i) = self.index {
            s.push_str(&format!("X-Consul-Index: {i}\n"));
        }
        s.push('\n');
        s.push_str(&self.body);
        s
    }
}

/// What a read does now: answer, or hold until a write or the deadline.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Begin {
    Now(KvReply),
    Wait { deadline: u64 },
}

/// Parses Consul's duration form for `wait` (`10s`, `5m`, `250ms`, a bare number is seconds).
pub fn parse_wait(s: &str) -> Option<u64> {
    let (num, unit) = match s.find(|c: char| !c.is_ascii_digit()) {
        Some(i) => s.split_at(i),
        None => (s, "s"),
    };
    let n: u64 = num.parse().ok()?;
    let us = match unit {
        "ms" => n.checked_mul(1_000)?,
        "s" => n.checked_mul(1_000_000)?,
        "m" => n.checked_mul(60_000_000)?,
        "h" => n.checked_mul(3_600_000_000)?,
        _ => return None,
    };
    Some(us)
}

/// Parses a request: `method` and `target` (`/v1/kv/config/a?recurse`), the PUT body.
pub fn parse(method: &str, target: &str, body: &[u8]) -> Result<KvRequest, KvReply> {
    let method = match method.to_ascii_uppercase().as_str() {
        "GET" => Method::Get,
        "PUT" => Method::Put,
        "DELETE" => Method::Delete,
        _ => return Err(KvReply::error(405, "Method not allowed")),
    };
    let (path, query) = target.split_once('?').unwrap_or((target, ""));
    let Some(key) = path.strip_prefix("/v1/kv/").or(path.strip_prefix("v1/kv/")) else {
        return Err(KvReply::error(404, "not a KV path: expected /v1/kv/<key>"));
    };
    let mut r = KvRequest {
        method,
        key: key.to_string(),
        recurse: false,
        keys: false,
        separator: None,
        raw: false,
        cas: None,
        flags: 0,
        index: None,
        wait_us: DEFAULT_WAIT_US,
        body: body.to_vec(),
    };
    for pair in query.split('&').filter(|p| !p.is_empty()) {
        let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
        let number = |what: &str| {
            v.parse::<u64>()
                .map_err(|_| KvReply::error(400, &format!("Invalid {what}: {v:?}")))
        };
        match k {
            "recurse" => r.recurse = true,
            "keys" => r.keys = true,
            "raw" => r.raw = true,
            "separator" => r.separator = Some(v.to_string()),
            "cas" => r.cas = Some(number("CAS index")?),
            "flags" => r.flags = number("flags")?,
            "index" => r.index = Some(number("index")?),
            "wait" => {
                r.wait_us = parse_wait(v)
                    .ok_or_else(|| KvReply::error(400, &format!("Invalid wait time: {v:?}")))?
                    .min(MAX_WAIT_US)
            }
            _ => {}
        }
    }
    if r.method == Method::Put && r.key.is_empty() {
        return Err(KvReply::error(400, "Missing key name"));
    }
    if r.method == Method::Put && r.key.starts_with('/') {
        return Err(KvReply::error(400, "Invalid key name, starts with '/'"));
    }
    Ok(r)
}

impl KvStore {
    /// Writes `value` at `key` unless a `cas` check fails; returns whether it wrote.
    pub fn put(&mut self, key: &str, value: &[u8], flags: u64, cas: Option<u64>) -> bool {
        let existing = self.entries.get(key);
        match (cas, existing) {
            (Some(0), Some(_)) => return false,
            (Some(n), Some(e)) if n != 0 && e.modify_index != n => return false,
            (Some(n), None) if n != 0 => return false,
            _ => {}
        }
        self.index += 1;
        let index = self.index;
        let create_index = existing.map_or(index, |e| e.create_index);
        self.tombstones.remove(key);
        self.entries.insert(
            key.to_string(),
            Entry {
                key: key.to_string(),
                value: value.to_vec(),
                flags,
                create_index,
                modify_index: index,
                lock_index: 0,
            },
        );
        true
    }

    /// Deletes `key` (or every key under it with `recurse`); `cas` as for PUT. Returns whether
    /// it succeeded (deleting an absent key succeeds, as in Consul, and still takes an index).
    pub fn delete(&mut self, key: &str, recurse: bool, cas: Option<u64>) -> bool {
        if let Some(n) = cas
            && !recurse
            && self.entries.get(key).is_none_or(|e| e.modify_index != n)
        {
            return false;
        }
        let doomed: Vec<String> = if recurse {
            self.under(key).map(|e| e.key.clone()).collect()
        } else {
            self.entries
                .get(key)
                .map(|e| e.key.clone())
                .into_iter()
                .collect()
        };
        self.index += 1;
        for k in doomed {
            self.entries.remove(&k);
            self.tombstones.insert(k, self.index);
        }
        true
    }

    /// The entries whose key starts with `prefix`, in key order.
    pub fn under<'a>(&'a self, prefix: &'a str) -> impl Iterator<Item = &'a Entry> + 'a {
        self.entries
            .range(prefix.to_string()..)
            .take_while(move |(k, _)| k.starts_with(prefix))
            .map(|(_, e)| e)
    }

    /// `X-Consul-Index` of a read (see the module docs), never below 1.
    pub fn query_index(&self, req: &KvRequest) -> u64 {
        let idx = if req.recurse || req.keys {
            let live = self.under(&req.key).map(|e| e.modify_index).max();
            let dead = self
                .tombstones
                .iter()
                .filter(|(k, _)| k.starts_with(&req.key))
                .map(|(_, i)| *i)
                .max();
            match live.max(dead) {
                Some(i) if !req.key.is_empty() && i > 0 => i,
                _ => self.index,
            }
        } else {
            self.index
        };
        idx.max(1)
    }

    /// Whether a write to `key` wakes a blocking read (it watches the key, or the prefix).
    pub fn watches(req: &KvRequest, key: &str) -> bool {
        if req.recurse || req.keys {
            key.starts_with(&req.key)
        } else {
            key == req.key
        }
    }

    /// Starts a read at `now`: answer at once, or hold it (a blocking query whose index is not
    /// stale) until a watched write or the deadline, `wait` plus jitter.
    pub fn begin(&self, req: &KvRequest, now: u64, chooser: &mut Chooser) -> Begin {
        match req.index {
            Some(min) if req.method == Method::Get && min > 0 && self.query_index(req) <= min => {
                // agent/consul/rpc.go: MaxQueryTime += RandomStagger(MaxQueryTime / 16).
                let spread = req.wait_us / 16;
                let jitter = if spread == 0 {
                    0
                } else {
                    spread * chooser.choose("consul-wait", 17) as u64 / 16
                };
                Begin::Wait {
                    deadline: now + req.wait_us + jitter,
                }
            }
            _ => Begin::Now(self.read(req)),
        }
    }

    /// Answers a request as the store stands (writes apply; reads never block here).
    pub fn serve(&mut self, req: &KvRequest) -> KvReply {
        match req.method {
            Method::Put => {
                let ok = self.put(&req.key, &req.body, req.flags, req.cas);
                KvReply {
                    status: 200,
                    index: None,
                    body: ok.to_string(),
                }
            }
            Method::Delete => {
                let ok = self.delete(&req.key, req.recurse, req.cas);
                KvReply {
                    status: 200,
                    index: None,
                    body: ok.to_string(),
                }
            }
            Method::Get => self.read(req),
        }
    }

    /// A read, without blocking.
    pub fn read(&self, req: &KvRequest) -> KvReply {
        let index = Some(self.query_index(req));
        let not_found = KvReply {
            status: 404,
            index,
            body: String::new(),
        };
        if req.keys {
            let mut names: Vec<String> = Vec::new();
            for e in self.under(&req.key) {
                let name = match &req.separator {
                    Some(sep) if !sep.is_empty() => {
                        let rest = &e.key[req.key.len()..];
                        match rest.find(sep.as_str()) {
                            Some(i) => e.key[..req.key.len() + i + sep.len()].to_string(),
                            None => e.key.clone(),
                        }
                    }
                    _ => e.key.clone(),
                };
                if names.last() != Some(&name) {
                    names.push(name);
                }
            }
            if names.is_empty() {
                return not_found;
            }
            let body = Json::Array(names.into_iter().map(Json::str).collect()).to_pretty();
            return KvReply {
                status: 200,
                index,
                body,
            };
        }
        let found: Vec<&Entry> = if req.recurse {
            self.under(&req.key).collect()
        } else {
            self.entries.get(&req.key).into_iter().collect()
        };
        if found.is_empty() {
            return not_found;
        }
        if req.raw && !req.recurse {
            return KvReply {
                status: 200,
                index,
                body: found[0].text(),
            };
        }
        KvReply {
            status: 200,
            index,
            body: Json::Array(found.iter().map(|e| e.to_json()).collect()).to_pretty(),
        }
    }
}

#[cfg(test)]
mod tests;
