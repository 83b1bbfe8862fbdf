//! The simulated kube-apiserver: a store of objects with optimistic concurrency, a status
//! subresource, CRD registration and validation, and the watch events every write emits.
//!
//! Modelled on `k8s.io/apiserver/pkg/registry/generic/registry/store.go` and etcd's revision:
//! one cluster-wide counter, copied into an object's `resourceVersion` at each write. An
//! update carrying a stale `resourceVersion` is refused with 409 Conflict — the whole of
//! Kubernetes' concurrency control. `generation` counts changes of the desired state (not of
//! status or metadata). A delete of an object with finalizers only sets
//! `deletionTimestamp`; the object goes when the last finalizer is removed. Owned objects
//! are collected by the garbage collector (`kube.rs`), not here.
//!
//! Invariants: `revision` only grows and every emitted [`WatchEvent`] carries a distinct
//! resourceVersion in increasing order; a write that changes nothing is not a write (no new
//! revision, no event), as on a real API server; a request never panics, whatever the input.

use std::collections::BTreeMap;
use std::fmt;

use super::object::{Object, ObjectKey};
use super::schema::{Crd, FieldError};
use super::yaml::{Value, quote};

pub use super::status::ApiError;

/// A resource type the server knows: built in, or from a CRD.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Resource {
    pub kind: String,
    pub group: String,
    pub version: String,
    pub plural: String,
    pub singular: String,
    pub short_names: Vec<String>,
    pub namespaced: bool,
}

impl Resource {
    fn builtin(
        kind: &str,
        group: &str,
        plural: &str,
        short: &[&str],
        namespaced: bool,
    ) -> Resource {
        Resource {
            kind: kind.into(),
            group: group.into(),
            version: "v1".into(),
            plural: plural.into(),
            singular: kind.to_lowercase(),
            short_names: short.iter().map(|s| s.to_string()).collect(),
            namespaced,
        }
    }

    /// `databases.example.com`, `statefulsets.apps`, `pods`: how messages name the resource.
    pub fn qualified(&self) -> String {
        if self.group.is_empty() {
            self.plural.clone()
        } else {
            format!("{}.{}", self.plural, self.group)
        }
    }

    /// `database.example.com`, `statefulset.apps`, `pod`: how kubectl prints `TYPE/name`.
    pub fn kubectl_type(&self) -> String {
        if self.group.is_empty() {
            self.singular.clone()
        } else {
            format!("{}.{}", self.singular, self.group)
        }
    }

    pub fn api_version(&self) -> String {
        if self.group.is_empty() {
            self.version.clone()
        } else {
            format!("{}/{}", self.group, self.version)
        }
    }

    /// Whether `name` (as typed after `kubectl get`) means this resource.
    pub fn matches(&self, name: &str) -> bool {
        let name = name.to_lowercase();
        name == self.plural
            || name == self.singular
            || name == self.qualified()
            || name == self.kind.to_lowercase()
            || self.short_names.contains(&name)
    }
}

/// The kinds built into this cluster.
pub fn builtin_resources() -> Vec<Resource> {
    vec![
        Resource::builtin("Pod", "", "pods", &["po"], true),
        Resource::builtin("Service", "", "services", &["svc"], true),
        Resource::builtin("Secret", "", "secrets", &[], true),
        Resource::builtin("StatefulSet", "apps", "statefulsets", &["sts"], true),
        Resource::builtin(
            "CustomResourceDefinition",
            "apiextensions.k8s.io",
            "customresourcedefinitions",
            &["crd", "crds"],
            false,
        ),
    ]
}

/// What a watch stream says.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WatchType {
    Added,
    Modified,
    Deleted,
}

impl fmt::Display for WatchType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            WatchType::Added => "ADDED",
            WatchType::Modified => "MODIFIED",
            WatchType::Deleted => "DELETED",
        })
    }
}

/// One event of a watch stream: the object as it is after the write.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WatchEvent {
    pub ty: WatchType,
    pub object: Object,
}

/// The store.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ApiServer {
    pub objects: BTreeMap<ObjectKey, Object>,
    pub crds: Vec<Crd>,
    /// The last revision handed out (etcd's).
    pub revision: u64,
    uids: u64,
    /// Watch events of the writes since the owner last drained them.
    pub emitted: Vec<WatchEvent>,
}

impl ApiServer {
    /// Every resource type, built-in first, then CRDs in registration order.
    pub fn resources(&self) -> Vec<Resource> {
        let mut all = builtin_resources();
        for crd in &self.crds {
            all.push(Resource {
                kind: crd.kind.clone(),
                group: crd.group.clone(),
                version: crd
                    .storage_version()
                    .map(|v| v.name.clone())
                    .unwrap_or_default(),
                plural: crd.plural.clone(),
                singular: crd.singular.clone(),
                short_names: crd.short_names.clone(),
                namespaced: crd.namespaced,
            });
        }
        all
    }

    /// The resource for a kind name as kubectl takes it (`db`, `pods`, `statefulset.apps`).
    pub fn resource_named(&self, name: &str) -> Option<Resource> {
        self.resources().into_iter().find(|r| r.matches(name))
    }

    pub fn resource_of_kind(&self, kind: &str) -> Option<Resource> {
        self.resources().into_iter().find(|r| r.kind == kind)
    }

    fn qualified(&self, kind: &str) -> String {
        self.resource_of_kind(kind)
            .map_or_else(|| kind.to_lowercase(), |r| r.qualified())
    }

    pub fn crd_for_kind(&self, kind: &str) -> Option<&Crd> {
        self.crds.iter().find(|c| c.kind == kind)
    }

    pub fn get(&self, key: &ObjectKey) -> Result<&Object, ApiError> {
        self.objects.get(key).ok_or_else(|| ApiError::NotFound {
            resource: self.qualified(&key.kind),
            name: key.name.clone(),
        })
    }

    /// The objects of `kind` in `namespace` ("" = all), in key order.
    pub fn list(&self, kind: &str, namespace: &str) -> Vec<&Object> {
        self.objects
            .values()
            .filter(|o| o.kind == kind && (namespace.is_empty() || o.meta.namespace == namespace))
            .collect()
    }

    fn next_revision(&mut self) -> u64 {
        self.revision += 1;
        self.revision
    }

    fn emit(&mut self, ty: WatchType, object: Object) {
        self.emitted.push(WatchEvent { ty, object });
    }

    /// Defaults and validates a custom resource's content against its CRD.
    fn admit(&self, obj: &mut Object) -> Result<(), ApiError> {
        let resource = self
            .resource_of_kind(&obj.kind)
            .ok_or_else(|| ApiError::NoKind {
                kind: obj.kind.clone(),
                api_version: obj.api_version.clone(),
            })?;
        if resource.namespaced && obj.meta.namespace.is_empty() {
            obj.meta.namespace = "default".into();
        }
        if !resource.namespaced {
            obj.meta.namespace.clear();
        }
        let Some(crd) = self.crd_for_kind(&obj.kind) else {
            if obj.api_version != resource.api_version() {
                return Err(ApiError::NoKind {
                    kind: obj.kind.clone(),
                    api_version: obj.api_version.clone(),
                });
            }
            return Ok(());
        };
        let version = crd
            .version(&obj.api_version)
            .ok_or_else(|| ApiError::NoKind {
                kind: obj.kind.clone(),
                api_version: obj.api_version.clone(),
            })?;
        version.schema.apply_defaults(&mut obj.body);
        let mut unknown = Vec::new();
        version.schema.unknown_fields(&obj.body, "", &mut unknown);
        if !unknown.is_empty() {
            let list: Vec<String> = unknown
                .iter()
                .map(|u| format!("unknown field {}", quote(u)))
                .collect();
            return Err(ApiError::BadRequest(format!(
                "{} in version {} cannot be handled as a {}: strict decoding error: {}",
                obj.kind,
                quote(&version.name),
                obj.kind,
                list.join(", ")
            )));
        }
        let mut errs: Vec<FieldError> = Vec::new();
        version.schema.validate(&obj.body, "", &mut errs);
        if !errs.is_empty() {
            return Err(ApiError::Invalid {
                kind: obj.kind.clone(),
                group: crd.group.clone(),
                name: obj.meta.name.clone(),
                causes: errs.into_iter().map(|e| e.0).collect(),
            });
        }
        Ok(())
    }

    /// Whether writes of `kind` keep status apart (built-in kinds always do).
    fn has_status_subresource(&self, kind: &str) -> bool {
        match self.crd_for_kind(kind) {
            Some(crd) => crd.storage_version().is_some_and(|v| v.status_subresource),
            None => true,
        }
    }

    /// POST: creates `obj` (uid, resourceVersion, generation 1, creationTimestamp).
    pub fn create(&mut self, mut obj: Object, now: u64) -> Result<Object, ApiError> {
        self.admit(&mut obj)?;
        let key = obj.key();
        if self.objects.contains_key(&key) {
            return Err(ApiError::AlreadyExists {
                resource: self.qualified(&key.kind),
                name: key.name,
            });
        }
        if obj.kind == "CustomResourceDefinition" {
            let crd = Crd::from_object(&obj).map_err(|errs| ApiError::Invalid {
                kind: obj.kind.clone(),
                group: "apiextensions.k8s.io".into(),
                name: obj.meta.name.clone(),
                causes: errs.into_iter().map(|e| e.0).collect(),
            })?;
            if self.resources().iter().any(|r| r.kind == crd.kind) {
                return Err(ApiError::Invalid {
                    kind: obj.kind.clone(),
                    group: "apiextensions.k8s.io".into(),
                    name: obj.meta.name.clone(),
                    causes: vec![format!(
                        "spec.names.kind: Invalid value: {}: kind is already in use",
                        quote(&crd.kind)
                    )],
                });
            }
            self.crds.push(crd);
            let mut status = Value::Map(Vec::new());
            status.set(
                "conditions",
                Value::List(vec![condition(
                    "Established",
                    "True",
                    "InitialNamesAccepted",
                )]),
            );
            obj.status = status;
        } else if self.has_status_subresource(&obj.kind) && self.crd_for_kind(&obj.kind).is_some() {
            obj.status = Value::Null;
        }
        self.uids += 1;
        obj.meta.uid = uid(self.uids);
        obj.meta.resource_version = self.next_revision();
        obj.meta.generation = 1;
        obj.meta.created_ms = now;
        obj.meta.deletion_ms = None;
        self.objects.insert(key, obj.clone());
        self.emit(WatchType::Added, obj.clone());
        Ok(obj)
    }

    fn check_version(&self, current: &Object, sent: &Object) -> Result<(), ApiError> {
        if sent.meta.resource_version != 0
            && sent.meta.resource_version != current.meta.resource_version
        {
            return Err(ApiError::Conflict {
                resource: self.qualified(&current.kind),
                name: current.meta.name.clone(),
            });
        }
        Ok(())
    }

    /// Stores `next` in place of `key`'s object when it differs: new revision, MODIFIED — or
    /// removal and DELETED when it is being deleted and has no finalizers left.
    fn commit(&mut self, key: &ObjectKey, mut next: Object) -> Object {
        let Some(current) = self.objects.get(key) else {
            return next;
        };
        if next == *current {
            return next;
        }
        if next.body != current.body {
            next.meta.generation = current.meta.generation + 1;
        }
        next.meta.resource_version = self.next_revision();
        if next.meta.deletion_ms.is_some() && next.meta.finalizers.is_empty() {
            self.objects.remove(key);
            self.forget_crd(&next);
            self.emit(WatchType::Deleted, next.clone());
        } else {
            self.objects.insert(key.clone(), next.clone());
            self.emit(WatchType::Modified, next.clone());
        }
        next
    }

    /// PUT: replaces the object's desired state and metadata (labels, owners, finalizers);
    /// status is kept when the kind has a status subresource. 409 on a stale resourceVersion.
    pub fn update(&mut self, mut obj: Object) -> Result<Object, ApiError> {
        self.admit(&mut obj)?;
        let key = obj.key();
        let current = self.get(&key)?.clone();
        self.check_version(&current, &obj)?;
        let mut next = current.clone();
        next.body = obj.body;
        next.meta.labels = obj.meta.labels;
        next.meta.owners = obj.meta.owners;
        next.meta.finalizers = obj.meta.finalizers;
        if !self.has_status_subresource(&key.kind) {
            next.status = obj.status;
        }
        Ok(self.commit(&key, next))
    }

    /// PUT .../status: replaces status only.
    pub fn update_status(&mut self, obj: Object) -> Result<Object, ApiError> {
        let key = obj.key();
        let current = self.get(&key)?.clone();
        if !self.has_status_subresource(&key.kind) {
            return Err(ApiError::NoSubresource);
        }
        self.check_version(&current, &obj)?;
        let mut next = current;
        next.status = obj.status;
        Ok(self.commit(&key, next))
    }

    /// PATCH (JSON merge patch) of the object's body and metadata, with no version check —
    /// what `kubectl patch --type=merge`, `scale` and `apply` of an existing object send.
    pub fn patch(&mut self, key: &ObjectKey, patch: &Value) -> Result<Object, ApiError> {
        let current = self.get(key)?.clone();
        let mut whole = current.to_value();
        whole.merge_patch(patch);
        let mut patched = Object::from_value(&whole).map_err(ApiError::BadRequest)?;
        patched.meta.resource_version = 0;
        if patched.key() != *key {
            return Err(ApiError::BadRequest(
                "the name of the object does not match the name on the URL".into(),
            ));
        }
        self.admit(&mut patched)?;
        let mut next = current.clone();
        next.body = patched.body;
        next.meta.labels = patched.meta.labels;
        next.meta.finalizers = patched.meta.finalizers;
        if !self.has_status_subresource(&key.kind) {
            next.status = patched.status;
        }
        Ok(self.commit(key, next))
    }

    /// DELETE: with finalizers, marks the object (deletionTimestamp) and leaves it; without,
    /// removes it. Deleting a CRD removes its custom resources too.
    pub fn delete(&mut self, key: &ObjectKey, now: u64) -> Result<Object, ApiError> {
        let current = self.get(key)?.clone();
        if !current.meta.finalizers.is_empty() {
            if current.meta.deletion_ms.is_some() {
                return Ok(current);
            }
            let mut next = current;
            next.meta.deletion_ms = Some(now);
            next.meta.resource_version = self.next_revision();
            self.objects.insert(key.clone(), next.clone());
            self.emit(WatchType::Modified, next.clone());
            return Ok(next);
        }
        let mut gone = current;
        gone.meta.deletion_ms = Some(now);
        gone.meta.resource_version = self.next_revision();
        self.objects.remove(key);
        self.forget_crd(&gone);
        self.emit(WatchType::Deleted, gone.clone());
        Ok(gone)
    }

    /// When a CRD goes, its resources go with it (a real server deletes them first).
    fn forget_crd(&mut self, gone: &Object) {
        if gone.kind != "CustomResourceDefinition" {
            return;
        }
        let Some(i) = self.crds.iter().position(|c| c.name == gone.meta.name) else {
            return;
        };
        let crd = self.crds.remove(i);
        let keys: Vec<ObjectKey> = self
            .objects
            .keys()
            .filter(|k| k.kind == crd.kind)
            .cloned()
            .collect();
        for key in keys {
            if let Some(mut obj) = self.objects.remove(&key) {
                obj.meta.resource_version = self.next_revision();
                self.emit(WatchType::Deleted, obj);
            }
        }
    }
}

/// A uid: deterministic, shaped like the real ones.
fn uid(n: u64) -> String {
    format!(
        "7f3c{n:04x}-0000-4000-8000-{:012x}",
        n.wrapping_mul(0x9e37_79b9)
    )
}

/// A status condition `{type, status, reason}`.
pub fn condition(ty: &str, status: &str, reason: &str) -> Value {
    let mut c = Value::Map(Vec::new());
    c.set("type", Value::Str(ty.into()));
    c.set("status", Value::Str(status.into()));
    c.set("reason", Value::Str(reason.into()));
    c
}
