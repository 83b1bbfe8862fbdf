//! The operator's informer: a local cache of the kinds it watches, fed by the watch stream,
//! re-listed at every resync, and the event handlers that turn changes into queue keys.
//!
//! Modelled on client-go's `tools/cache` (Reflector: list, then watch; Indexer: the cache;
//! `ResourceEventHandler`) and controller-runtime's `handler.EnqueueRequestForOwner`: a
//! change of a Database queues that Database; a change of an object it owns (StatefulSet,
//! Service, Secret, through its controller ownerReference) queues the owner.
//!
//! Level-triggered, not edge-triggered: the handler queues a *key*, never the change, and the
//! reconciler reads the whole current state. So a lost event costs only time: the next event
//! about the same object, or the periodic resync, brings the cache and the world back
//! together. The resync here re-lists from the API server (what a Reflector does when its
//! watch is broken or too old); client-go's own resync replays the cache, which repairs
//! nothing the cache missed.
//!
//! Invariant: the cache holds only watched kinds, keyed by [`ObjectKey`], each object at the
//! newest resourceVersion the informer has seen.

use std::collections::BTreeMap;

use super::apiserver::{ApiServer, WatchEvent, WatchType};
use super::object::{Object, ObjectKey};

/// The kinds the operator watches: its own, and the ones it owns.
pub const WATCHED: [&str; 4] = ["Database", "StatefulSet", "Service", "Secret"];

/// The informer's state.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Informer {
    pub cache: BTreeMap<ObjectKey, Object>,
}

impl Informer {
    pub fn watches(kind: &str) -> bool {
        WATCHED.contains(&kind)
    }

    pub fn get(&self, key: &ObjectKey) -> Option<&Object> {
        self.cache.get(key)
    }

    /// Applies one watch event to the cache. An event older than what the cache holds is
    /// ignored (after a relist the stream may repeat).
    pub fn apply(&mut self, event: &WatchEvent) {
        let key = event.object.key();
        if self
            .cache
            .get(&key)
            .is_some_and(|o| o.meta.resource_version > event.object.meta.resource_version)
        {
            return;
        }
        match event.ty {
            WatchType::Added | WatchType::Modified => {
                self.cache.insert(key, event.object.clone());
            }
            WatchType::Deleted => {
                self.cache.remove(&key);
            }
        }
    }

    /// Replaces the cache with a fresh list; returns how many entries differed.
    pub fn relist(&mut self, api: &ApiServer) -> (usize, usize) {
        let fresh: BTreeMap<ObjectKey, Object> = api
            .objects
            .iter()
            .filter(|(k, _)| Informer::watches(&k.kind))
            .map(|(k, o)| (k.clone(), o.clone()))
            .collect();
        let mut differed = fresh
            .iter()
            .filter(|(k, o)| self.cache.get(k) != Some(o))
            .count();
        differed += self.cache.keys().filter(|k| !fresh.contains_key(k)).count();
        let listed = fresh.len();
        self.cache = fresh;
        (listed, differed)
    }

    /// The Database key (`namespace/name`) an event about `object` concerns, with the reason
    /// the handler gives: the Database itself, or the owner of an owned object.
    pub fn key_for(object: &Object) -> Option<(String, String)> {
        if object.kind == "Database" {
            return Some((object.key().short(), format!("{} changed", object.key())));
        }
        let owner = object.meta.controller().filter(|o| o.kind == "Database")?;
        let key = ObjectKey::new("Database", &object.meta.namespace, &owner.name);
        Some((key.short(), format!("owner of {}", object.key())))
    }

    /// Every Database in the cache, in key order.
    pub fn databases(&self) -> Vec<&Object> {
        self.cache
            .values()
            .filter(|o| o.kind == "Database")
            .collect()
    }
}
