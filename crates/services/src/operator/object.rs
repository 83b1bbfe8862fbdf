//! Kubernetes objects as the API server stores them: `apiVersion`, `kind`, `metadata`, the
//! kind's own fields (`spec`, or a Secret's `data`) and `status`.
//!
//! Modelled on `k8s.io/apimachinery/pkg/apis/meta/v1` (`ObjectMeta`, `OwnerReference`).
//! `metadata` is typed — it is what the machinery reads (names, uid, resourceVersion,
//! generation, ownerReferences, finalizers, deletionTimestamp) — and everything else is a
//! [`Value`] tree, validated by the kind's schema.
//!
//! Invariants: `body` never contains `apiVersion`, `kind`, `metadata` or `status` (they live
//! in their own fields); an object's [`ObjectKey`] never changes; times are virtual
//! milliseconds since the cluster started (there is no wall clock).

use std::fmt;

use super::yaml::Value;

/// Which object: kind, namespace ("" for cluster-scoped), name. Ordered, so stores and caches
/// list in a stable order.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ObjectKey {
    pub kind: String,
    pub namespace: String,
    pub name: String,
}

impl ObjectKey {
    pub fn new(kind: &str, namespace: &str, name: &str) -> ObjectKey {
        ObjectKey {
            kind: kind.to_string(),
            namespace: namespace.to_string(),
            name: name.to_string(),
        }
    }

    /// `namespace/name` (or `name` when cluster-scoped): a work-queue key, as client-go's
    /// `MetaNamespaceKeyFunc` makes it.
    pub fn short(&self) -> String {
        if self.namespace.is_empty() {
            self.name.clone()
        } else {
            format!("{}/{}", self.namespace, self.name)
        }
    }
}

impl fmt::Display for ObjectKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.kind, self.short())
    }
}

/// `metadata.ownerReferences[]`: who owns this object; the garbage collector deletes it when
/// its owner is gone.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OwnerRef {
    pub api_version: String,
    pub kind: String,
    pub name: String,
    pub uid: String,
    /// The managing controller (at most one per object).
    pub controller: bool,
}

/// `metadata`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Meta {
    pub name: String,
    pub namespace: String,
    pub uid: String,
    /// The store's revision at the last write (etcd's modRevision).
    pub resource_version: u64,
    /// Bumped when the desired state (`body`) changes, never for status or metadata.
    pub generation: u64,
    pub created_ms: u64,
    /// Set by a delete while finalizers remain; the object goes once they are all removed.
    pub deletion_ms: Option<u64>,
    pub labels: Vec<(String, String)>,
    pub owners: Vec<OwnerRef>,
    pub finalizers: Vec<String>,
}

impl Meta {
    pub fn label(&self, key: &str) -> Option<&str> {
        self.labels
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    /// The owner with `controller: true`.
    pub fn controller(&self) -> Option<&OwnerRef> {
        self.owners.iter().find(|o| o.controller)
    }
}

/// One object.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Object {
    pub api_version: String,
    pub kind: String,
    pub meta: Meta,
    /// Top-level fields other than apiVersion, kind, metadata and status (`spec`, `data`, ...).
    pub body: Value,
    pub status: Value,
}

impl Object {
    pub fn new(api_version: &str, kind: &str, namespace: &str, name: &str) -> Object {
        Object {
            api_version: api_version.to_string(),
            kind: kind.to_string(),
            meta: Meta {
                name: name.to_string(),
                namespace: namespace.to_string(),
                ..Meta::default()
            },
            body: Value::Map(Vec::new()),
            status: Value::Null,
        }
    }

    pub fn key(&self) -> ObjectKey {
        ObjectKey::new(&self.kind, &self.meta.namespace, &self.meta.name)
    }

    /// `spec.<path>`.
    pub fn spec(&self, path: &[&str]) -> Option<&Value> {
        self.body.get("spec").and_then(|s| s.at(path))
    }

    pub fn spec_i64(&self, path: &[&str]) -> Option<i64> {
        self.spec(path).and_then(Value::as_i64)
    }

    pub fn status_i64(&self, key: &str) -> Option<i64> {
        self.status.get(key).and_then(Value::as_i64)
    }

    /// Reads an object from a YAML/JSON document: `apiVersion`, `kind` and `metadata.name` are
    /// required (kubectl's own messages when they are not there).
    pub fn from_value(doc: &Value) -> Result<Object, String> {
        let Value::Map(entries) = doc else {
            return Err(format!(
                "error validating data: the object must be a mapping, not {}",
                doc.type_name()
            ));
        };
        let text = |key: &str| doc.get(key).and_then(Value::as_str).unwrap_or("");
        let api_version = text("apiVersion");
        let kind = text("kind");
        if api_version.is_empty() || kind.is_empty() {
            let missing = match (api_version.is_empty(), kind.is_empty()) {
                (true, true) => "[apiVersion not set, kind not set]",
                (true, false) => "apiVersion not set",
                _ => "kind not set",
            };
            return Err(format!("error validating data: {missing}"));
        }
        let metadata = doc.get("metadata").cloned().unwrap_or(Value::Null);
        let name = metadata.get("name").and_then(Value::as_str).unwrap_or("");
        if name.is_empty() {
            return Err("error: resource name may not be empty".into());
        }
        let mut object = Object::new(
            api_version,
            kind,
            metadata
                .get("namespace")
                .and_then(Value::as_str)
                .unwrap_or(""),
            name,
        );
        object.meta.labels = string_map(metadata.get("labels"));
        object.meta.finalizers = metadata
            .get("finalizers")
            .map(Value::as_list)
            .unwrap_or_default()
            .iter()
            .filter_map(|f| f.as_str().map(str::to_string))
            .collect();
        if let Some(Value::Int(rv)) = metadata.get("resourceVersion") {
            object.meta.resource_version = u64::try_from(*rv).unwrap_or(0);
        }
        if let Some(Value::Str(rv)) = metadata.get("resourceVersion") {
            object.meta.resource_version = rv.parse().unwrap_or(0);
        }
        let mut body = Vec::new();
        for (k, v) in entries {
            match k.as_str() {
                "apiVersion" | "kind" | "metadata" => {}
                "status" => object.status = v.clone(),
                _ => body.push((k.clone(), v.clone())),
            }
        }
        object.body = Value::Map(body);
        Ok(object)
    }

    /// The whole object as a value, in the order `kubectl get -o yaml` prints it.
    pub fn to_value(&self) -> Value {
        let mut meta = Value::Map(Vec::new());
        if !self.meta.finalizers.is_empty() {
            meta.set(
                "finalizers",
                Value::List(
                    self.meta
                        .finalizers
                        .iter()
                        .map(|f| Value::Str(f.clone()))
                        .collect(),
                ),
            );
        }
        meta.set(
            "creationTimestamp",
            Value::Str(timestamp(self.meta.created_ms)),
        );
        if let Some(at) = self.meta.deletion_ms {
            meta.set("deletionTimestamp", Value::Str(timestamp(at)));
        }
        meta.set("generation", Value::Int(self.meta.generation as i64));
        if !self.meta.labels.is_empty() {
            meta.set(
                "labels",
                Value::Map(
                    self.meta
                        .labels
                        .iter()
                        .map(|(k, v)| (k.clone(), Value::Str(v.clone())))
                        .collect(),
                ),
            );
        }
        meta.set("name", Value::Str(self.meta.name.clone()));
        if !self.meta.namespace.is_empty() {
            meta.set("namespace", Value::Str(self.meta.namespace.clone()));
        }
        if !self.meta.owners.is_empty() {
            let owners = self
                .meta
                .owners
                .iter()
                .map(|o| {
                    let mut v = Value::Map(Vec::new());
                    v.set("apiVersion", Value::Str(o.api_version.clone()));
                    if o.controller {
                        v.set("blockOwnerDeletion", Value::Bool(true));
                        v.set("controller", Value::Bool(true));
                    }
                    v.set("kind", Value::Str(o.kind.clone()));
                    v.set("name", Value::Str(o.name.clone()));
                    v.set("uid", Value::Str(o.uid.clone()));
                    v
                })
                .collect();
            meta.set("ownerReferences", Value::List(owners));
        }
        meta.set(
            "resourceVersion",
            Value::Str(self.meta.resource_version.to_string()),
        );
        meta.set("uid", Value::Str(self.meta.uid.clone()));
        let mut out = vec![
            (
                "apiVersion".to_string(),
                Value::Str(self.api_version.clone()),
            ),
            ("kind".to_string(), Value::Str(self.kind.clone())),
            ("metadata".to_string(), meta),
        ];
        out.extend(self.body.entries().iter().cloned());
        if self.status != Value::Null {
            out.push(("status".to_string(), self.status.clone()));
        }
        Value::Map(out)
    }
}

fn string_map(v: Option<&Value>) -> Vec<(String, String)> {
    v.map(Value::entries)
        .unwrap_or_default()
        .iter()
        .map(|(k, v)| {
            let text = match v {
                Value::Str(s) => s.clone(),
                other => other.inline(),
            };
            (k.clone(), text)
        })
        .collect()
}

/// A virtual time as an RFC 3339 timestamp on a fixed day, so `-o yaml` looks like kubectl's
/// while staying deterministic: 0 ms is `2026-01-01T00:00:00Z`.
pub fn timestamp(ms: u64) -> String {
    let s = ms / 1000;
    format!(
        "2026-01-01T{:02}:{:02}:{:02}Z",
        (s / 3600) % 24,
        (s / 60) % 60,
        s % 60
    )
}

/// An age in kubectl's short form (`HumanDuration`): `5s`, `2m3s`, `12m`, `3h4m`.
pub fn age(ms: u64) -> String {
    let s = ms / 1000;
    if s < 120 {
        format!("{s}s")
    } else if s < 600 {
        let (m, r) = (s / 60, s % 60);
        if r == 0 {
            format!("{m}m")
        } else {
            format!("{m}m{r}s")
        }
    } else if s < 3 * 3600 {
        format!("{}m", s / 60)
    } else {
        let (h, m) = (s / 3600, (s / 60) % 60);
        if m == 0 {
            format!("{h}h")
        } else {
            format!("{h}h{m}m")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::yaml::parse_documents;
    use super::*;

    #[test]
    fn an_object_reads_and_prints_back() {
        let doc = &parse_documents(
            "apiVersion: example.com/v1\nkind: Database\nmetadata:\n  name: my-db\n  namespace: default\n  labels: {app: db}\nspec:\n  replicas: 3\n",
        )
        .unwrap()[0];
        let mut obj = Object::from_value(doc).unwrap();
        assert_eq!(obj.key().to_string(), "Database default/my-db");
        assert_eq!(obj.spec_i64(&["replicas"]), Some(3));
        assert_eq!(obj.meta.label("app"), Some("db"));
        obj.meta.uid = "u1".into();
        obj.meta.resource_version = 7;
        let back = Object::from_value(&obj.to_value()).unwrap();
        assert_eq!(back.body, obj.body);
        assert_eq!(back.meta.resource_version, 7);
    }

    #[test]
    fn missing_identity_is_kubectls_message() {
        let doc = &parse_documents("kind: Database\nmetadata: {name: x}\n").unwrap()[0];
        assert_eq!(
            Object::from_value(doc).unwrap_err(),
            "error validating data: apiVersion not set"
        );
        let doc = &parse_documents("apiVersion: v1\nkind: Pod\n").unwrap()[0];
        assert_eq!(
            Object::from_value(doc).unwrap_err(),
            "error: resource name may not be empty"
        );
    }

    #[test]
    fn ages_read_like_kubectl() {
        assert_eq!(age(5_400), "5s");
        assert_eq!(age(125_000), "2m5s");
        assert_eq!(age(720_000), "12m");
        assert_eq!(age(4 * 3_600_000 + 60_000), "4h1m");
        assert_eq!(timestamp(3_661_000), "2026-01-01T01:01:01Z");
    }
}
