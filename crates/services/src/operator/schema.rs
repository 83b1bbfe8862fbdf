//! CustomResourceDefinitions and the openAPIV3Schema subset the API server enforces.
//!
//! Modelled on `k8s.io/apiextensions-apiserver` (CRD validation, structural schemas,
//! defaulting) and `k8s.io/kube-openapi/pkg/validation` (the messages). Supported keywords:
//! `type` (object, array, string, integer, number, boolean), `properties`, `required`,
//! `items`, `minimum`/`maximum`, `enum`, `default`, `x-kubernetes-preserve-unknown-fields`;
//! a CRD's `names` (plural, singular, kind, shortNames), `scope`, `versions` (served, storage),
//! `subresources.status`, `subresources.scale` and `additionalPrinterColumns`.
//!
//! Messages are the API server's own, so a learner who meets them on a real cluster
//! recognises them: `spec.replicas: Invalid value: 11: spec.replicas in body should be less
//! than or equal to 10`, `spec.version: Unsupported value: "13": supported values: "14",
//! "15", "16"`, `spec.replicas: Required value`.
//!
//! Deviation, said out loud: a real API server prunes unknown fields of a structural schema
//! (and kubectl's strict field validation then rejects them); here unknown fields are
//! rejected the same way, but a root `status` that the schema does not describe is kept,
//! so that the seed's CRD — which declares no status — can still show its controller's
//! status.

use super::object::Object;
use super::yaml::{Value, quote};

/// One node of an openAPIV3Schema.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Schema {
    pub ty: Option<String>,
    pub properties: Vec<(String, Schema)>,
    pub required: Vec<String>,
    pub items: Option<Box<Schema>>,
    pub minimum: Option<i64>,
    pub maximum: Option<i64>,
    pub enumeration: Vec<Value>,
    pub default: Option<Value>,
    pub preserve_unknown: bool,
}

/// `additionalPrinterColumns[]` with a simple `.a.b` JSONPath.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PrinterColumn {
    pub name: String,
    pub path: Vec<String>,
}

/// One `spec.versions[]` entry.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CrdVersion {
    pub name: String,
    pub served: bool,
    pub storage: bool,
    pub schema: Schema,
    pub status_subresource: bool,
    /// `subresources.scale.specReplicasPath`, as a path of keys.
    pub scale_path: Option<Vec<String>>,
    pub columns: Vec<PrinterColumn>,
}

/// A registered CRD.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Crd {
    pub name: String,
    pub group: String,
    pub kind: String,
    pub plural: String,
    pub singular: String,
    pub short_names: Vec<String>,
    pub namespaced: bool,
    pub versions: Vec<CrdVersion>,
}

/// A validation failure of one field.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldError(pub String);

const TYPES: [&str; 6] = ["array", "boolean", "integer", "number", "object", "string"];

impl Crd {
    /// Reads and validates a CustomResourceDefinition object; errors are field errors as the
    /// API server reports them for an invalid CRD.
    pub fn from_object(obj: &Object) -> Result<Crd, Vec<FieldError>> {
        let mut errs = Vec::new();
        let spec = obj.body.get("spec").cloned().unwrap_or(Value::Null);
        let text = |v: Option<&Value>| v.and_then(Value::as_str).unwrap_or("").to_string();
        let names = spec.get("names").cloned().unwrap_or(Value::Null);
        let group = text(spec.get("group"));
        let plural = text(names.get("plural"));
        let kind = text(names.get("kind"));
        let singular = match text(names.get("singular")) {
            s if s.is_empty() => kind.to_lowercase(),
            s => s,
        };
        if group.is_empty() {
            errs.push(FieldError("spec.group: Required value".into()));
        }
        if plural.is_empty() {
            errs.push(FieldError("spec.names.plural: Required value".into()));
        }
        if kind.is_empty() {
            errs.push(FieldError("spec.names.kind: Required value".into()));
        }
        if !group.is_empty() && !plural.is_empty() && obj.meta.name != format!("{plural}.{group}") {
            errs.push(FieldError(format!(
                "metadata.name: Invalid value: {}: must be spec.names.plural+\".\"+spec.group",
                quote(&obj.meta.name)
            )));
        }
        let scope = text(spec.get("scope"));
        if scope != "Namespaced" && scope != "Cluster" {
            errs.push(FieldError(if scope.is_empty() {
                "spec.scope: Required value".into()
            } else {
                format!(
                    "spec.scope: Unsupported value: {}: supported values: \"Cluster\", \"Namespaced\"",
                    quote(&scope)
                )
            }));
        }
        let mut versions = Vec::new();
        for (i, v) in spec
            .get("versions")
            .map(Value::as_list)
            .unwrap_or_default()
            .iter()
            .enumerate()
        {
            let at = format!("spec.versions[{i}]");
            let schema = match v.at(&["schema", "openAPIV3Schema"]) {
                Some(s) => {
                    Schema::from_value(s, &format!("{at}.schema.openAPIV3Schema"), &mut errs)
                }
                None => {
                    errs.push(FieldError(format!(
                        "{at}.schema.openAPIV3Schema: Required value: schemas are required"
                    )));
                    Schema::default()
                }
            };
            let sub = v.get("subresources");
            let columns = v
                .get("additionalPrinterColumns")
                .map(Value::as_list)
                .unwrap_or_default()
                .iter()
                .map(|c| PrinterColumn {
                    name: text(c.get("name")),
                    path: json_path(&text(c.get("jsonPath"))),
                })
                .collect();
            versions.push(CrdVersion {
                name: text(v.get("name")),
                served: v.get("served").and_then(Value::as_bool).unwrap_or(false),
                storage: v.get("storage").and_then(Value::as_bool).unwrap_or(false),
                schema,
                status_subresource: sub.and_then(|s| s.get("status")).is_some(),
                scale_path: sub
                    .and_then(|s| s.at(&["scale", "specReplicasPath"]))
                    .and_then(Value::as_str)
                    .map(json_path),
                columns,
            });
        }
        if versions.is_empty() {
            errs.push(FieldError("spec.versions: Invalid value: null: must have exactly one version marked as storage version".into()));
        } else if versions.iter().filter(|v| v.storage).count() != 1 {
            errs.push(FieldError(format!(
                "spec.versions: Invalid value: {}: must have exactly one version marked as storage version",
                versions.iter().filter(|v| v.storage).count()
            )));
        }
        if !errs.is_empty() {
            return Err(errs);
        }
        Ok(Crd {
            name: obj.meta.name.clone(),
            short_names: names
                .get("shortNames")
                .map(Value::as_list)
                .unwrap_or_default()
                .iter()
                .filter_map(|s| s.as_str().map(str::to_string))
                .collect(),
            group,
            kind,
            plural,
            singular,
            namespaced: scope == "Namespaced",
            versions,
        })
    }

    /// The served version named by an object's `apiVersion` (`example.com/v1`).
    pub fn version(&self, api_version: &str) -> Option<&CrdVersion> {
        let (group, version) = api_version.split_once('/')?;
        if group != self.group {
            return None;
        }
        self.versions.iter().find(|v| v.name == version && v.served)
    }

    pub fn storage_version(&self) -> Option<&CrdVersion> {
        self.versions.iter().find(|v| v.storage)
    }
}

/// `.spec.replicas` → `["spec", "replicas"]`.
fn json_path(path: &str) -> Vec<String> {
    path.trim_start_matches('.')
        .split('.')
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

impl Schema {
    fn from_value(v: &Value, at: &str, errs: &mut Vec<FieldError>) -> Schema {
        let ty = v.get("type").and_then(Value::as_str).map(str::to_string);
        if let Some(t) = &ty
            && !TYPES.contains(&t.as_str())
        {
            errs.push(FieldError(format!(
                "{at}.type: Unsupported value: {}: supported values: {}",
                quote(t),
                TYPES
                    .iter()
                    .map(|t| quote(t))
                    .collect::<Vec<_>>()
                    .join(", ")
            )));
        }
        let int = |key: &str| match v.get(key) {
            Some(Value::Int(i)) => Some(*i),
            _ => None,
        };
        Schema {
            ty,
            properties: v
                .get("properties")
                .map(Value::entries)
                .unwrap_or_default()
                .iter()
                .map(|(k, s)| {
                    (
                        k.clone(),
                        Schema::from_value(s, &format!("{at}.properties[{k}]"), errs),
                    )
                })
                .collect(),
            required: v
                .get("required")
                .map(Value::as_list)
                .unwrap_or_default()
                .iter()
                .filter_map(|s| s.as_str().map(str::to_string))
                .collect(),
            items: v
                .get("items")
                .map(|s| Box::new(Schema::from_value(s, &format!("{at}.items"), errs))),
            minimum: int("minimum"),
            maximum: int("maximum"),
            enumeration: v
                .get("enum")
                .map(Value::as_list)
                .unwrap_or_default()
                .to_vec(),
            default: v.get("default").cloned(),
            preserve_unknown: v
                .get("x-kubernetes-preserve-unknown-fields")
                .and_then(Value::as_bool)
                .unwrap_or(false),
        }
    }

    fn property(&self, name: &str) -> Option<&Schema> {
        self.properties
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, s)| s)
    }

    /// Fills in `default`s of absent properties, recursively (apiextensions defaulting, which
    /// runs before validation).
    pub fn apply_defaults(&self, value: &mut Value) {
        if let Value::Map(_) = value {
            for (name, prop) in &self.properties {
                if value.get(name).is_none()
                    && let Some(d) = &prop.default
                {
                    value.set(name, d.clone());
                }
                if let Value::Map(entries) = value
                    && let Some((_, child)) = entries.iter_mut().find(|(k, _)| k == name)
                {
                    prop.apply_defaults(child);
                }
            }
        }
        if let (Value::List(items), Some(schema)) = (value, &self.items) {
            for item in items {
                schema.apply_defaults(item);
            }
        }
    }

    /// Fields the schema does not know (`spec.foo`), for strict field validation. The root
    /// `status` is exempt when undeclared (see the module docs).
    pub fn unknown_fields(&self, value: &Value, path: &str, out: &mut Vec<String>) {
        if self.preserve_unknown {
            return;
        }
        match value {
            Value::Map(entries)
                if !self.properties.is_empty() || self.ty.as_deref() == Some("object") =>
            {
                for (k, v) in entries {
                    let child = if path.is_empty() {
                        k.clone()
                    } else {
                        format!("{path}.{k}")
                    };
                    match self.property(k) {
                        Some(s) => s.unknown_fields(v, &child, out),
                        None if path.is_empty()
                            && matches!(
                                k.as_str(),
                                "apiVersion" | "kind" | "metadata" | "status"
                            ) => {}
                        None => out.push(child),
                    }
                }
            }
            Value::List(items) => {
                if let Some(s) = &self.items {
                    for (i, item) in items.iter().enumerate() {
                        s.unknown_fields(item, &format!("{path}[{i}]"), out);
                    }
                }
            }
            _ => {}
        }
    }

    /// Validates `value` at `path`, appending the API server's field errors.
    pub fn validate(&self, value: &Value, path: &str, errs: &mut Vec<FieldError>) {
        if let Some(ty) = &self.ty {
            let ok = match (ty.as_str(), value) {
                ("object", Value::Map(_))
                | ("array", Value::List(_))
                | ("string", Value::Str(_))
                | ("integer", Value::Int(_))
                | ("number", Value::Int(_) | Value::Float(_))
                | ("boolean", Value::Bool(_)) => true,
                (_, _) => false,
            };
            if !ok {
                let found = value.type_name();
                errs.push(FieldError(format!(
                    "{path}: Invalid value: {}: {path} in body must be of type {ty}: {}",
                    quote(found),
                    quote(found)
                )));
                return;
            }
        }
        if !self.enumeration.is_empty() && !self.enumeration.contains(value) {
            errs.push(FieldError(format!(
                "{path}: Unsupported value: {}: supported values: {}",
                value.inline(),
                self.enumeration
                    .iter()
                    .map(Value::inline)
                    .collect::<Vec<_>>()
                    .join(", ")
            )));
        }
        if let Value::Int(n) = value {
            if let Some(max) = self.maximum
                && *n > max
            {
                errs.push(FieldError(format!(
                    "{path}: Invalid value: {n}: {path} in body should be less than or equal to {max}"
                )));
            }
            if let Some(min) = self.minimum
                && *n < min
            {
                errs.push(FieldError(format!(
                    "{path}: Invalid value: {n}: {path} in body should be greater than or equal to {min}"
                )));
            }
        }
        if let Value::Map(_) = value {
            for name in &self.required {
                if value.get(name).is_none() {
                    let at = if path.is_empty() {
                        name.clone()
                    } else {
                        format!("{path}.{name}")
                    };
                    errs.push(FieldError(format!("{at}: Required value")));
                }
            }
            for (name, prop) in &self.properties {
                if let Some(v) = value.get(name) {
                    let at = if path.is_empty() {
                        name.clone()
                    } else {
                        format!("{path}.{name}")
                    };
                    prop.validate(v, &at, errs);
                }
            }
        }
        if let (Value::List(items), Some(schema)) = (value, &self.items) {
            for (i, item) in items.iter().enumerate() {
                schema.validate(item, &format!("{path}[{i}]"), errs);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::manifests::{LAB_CRD, SEED_CRD};
    use super::super::yaml::parse_documents;
    use super::*;

    fn crd(text: &str) -> Result<Crd, Vec<FieldError>> {
        let doc = &parse_documents(text).unwrap()[0];
        Crd::from_object(&Object::from_value(doc).unwrap())
    }

    fn check(schema_src: &str, value: &str) -> Vec<String> {
        let schema = crd(schema_src).unwrap().versions[0].schema.clone();
        let mut v = parse_documents(value).unwrap().remove(0);
        schema.apply_defaults(&mut v);
        let mut errs = Vec::new();
        schema.validate(&v, "", &mut errs);
        errs.into_iter().map(|e| e.0).collect()
    }

    #[test]
    fn the_seed_crd_reads() {
        let c = crd(SEED_CRD).unwrap();
        assert_eq!(
            (c.kind.as_str(), c.plural.as_str()),
            ("Database", "databases")
        );
        assert_eq!(c.short_names, ["db"]);
        assert!(c.namespaced);
        assert!(c.version("example.com/v1").is_some());
        assert!(c.version("example.com/v2").is_none());
        assert!(!c.versions[0].status_subresource);
        let lab = crd(LAB_CRD).unwrap();
        assert!(lab.versions[0].status_subresource);
        assert_eq!(
            lab.versions[0].scale_path.as_deref(),
            Some(&["spec".to_string(), "replicas".to_string()][..])
        );
        assert_eq!(lab.versions[0].columns.len(), 3);
    }

    #[test]
    fn schema_messages_are_the_api_servers() {
        let body = |s: &str| format!("spec: {s}\n");
        assert_eq!(
            check(SEED_CRD, &body("{replicas: 3}")),
            Vec::<String>::new()
        );
        assert_eq!(
            check(SEED_CRD, &body("{replicas: 11}")),
            [
                "spec.replicas: Invalid value: 11: spec.replicas in body should be less than or equal to 10"
            ]
        );
        assert_eq!(
            check(SEED_CRD, &body("{replicas: 0}")),
            [
                "spec.replicas: Invalid value: 0: spec.replicas in body should be greater than or equal to 1"
            ]
        );
        assert_eq!(
            check(SEED_CRD, &body("{replicas: three}")),
            [
                "spec.replicas: Invalid value: \"string\": spec.replicas in body must be of type integer: \"string\""
            ]
        );
        assert_eq!(
            check(SEED_CRD, &body("{replicas: 2.5}")),
            [
                "spec.replicas: Invalid value: \"number\": spec.replicas in body must be of type integer: \"number\""
            ]
        );
        assert_eq!(
            check(LAB_CRD, &body("{version: '13'}")),
            [
                "spec.replicas: Required value",
                "spec.version: Unsupported value: \"13\": supported values: \"14\", \"15\", \"16\""
            ]
        );
        assert_eq!(
            check(SEED_CRD, "spec: [1]\n"),
            ["spec: Invalid value: \"array\": spec in body must be of type object: \"array\""]
        );
    }

    #[test]
    fn defaults_fill_absent_fields() {
        let schema = crd(LAB_CRD).unwrap().versions[0].schema.clone();
        let mut v = parse_documents("spec: {replicas: 2}\n").unwrap().remove(0);
        schema.apply_defaults(&mut v);
        assert_eq!(v.inline(), r#"{"spec":{"replicas":2,"version":"16"}}"#);
        let mut unknown = Vec::new();
        let v = parse_documents("spec: {replicas: 2, size: 3}\nstatus: {x: 1}\nextra: 1\n")
            .unwrap()
            .remove(0);
        crd(SEED_CRD).unwrap().versions[0]
            .schema
            .unknown_fields(&v, "", &mut unknown);
        assert_eq!(unknown, ["spec.size", "extra"]);
    }

    #[test]
    fn invalid_crds_are_rejected_with_field_errors() {
        let bad = SEED_CRD
            .replace("name: databases.example.com", "name: dbs.example.com")
            .replace("type: integer", "type: int")
            .replace("scope: Namespaced", "scope: Global");
        let errs: Vec<String> = crd(&bad).unwrap_err().into_iter().map(|e| e.0).collect();
        assert_eq!(
            errs,
            [
                "metadata.name: Invalid value: \"dbs.example.com\": must be spec.names.plural+\".\"+spec.group",
                "spec.scope: Unsupported value: \"Global\": supported values: \"Cluster\", \"Namespaced\"",
                "spec.versions[0].schema.openAPIV3Schema.properties[spec].properties[replicas].type: Unsupported value: \"int\": supported values: \"array\", \"boolean\", \"integer\", \"number\", \"object\", \"string\"",
            ]
        );
    }
}
