//! What kubectl prints: `get`'s tables (per kind, and a CRD's `additionalPrinterColumns`),
//! `get -o yaml`, and `describe`.
//!
//! Modelled on kubectl's printers (`pkg/printers/internalversion`): the columns of each
//! built-in kind, `AGE` in `HumanDuration` form, cells padded by three spaces as Go's
//! tabwriter does, `No resources found in default namespace.` for an empty list.
//! Invariant: printing reads the cluster and never changes it.

use super::cluster::Cluster;
use super::kube::pod_ready;
use super::object::{Object, age, timestamp};
use super::yaml::Value;

/// Rows padded into columns, three spaces apart.
pub fn table(rows: &[Vec<String>]) -> String {
    let cols = rows.iter().map(Vec::len).max().unwrap_or(0);
    let widths: Vec<usize> = (0..cols)
        .map(|c| {
            rows.iter()
                .filter_map(|r| r.get(c))
                .map(|s| s.chars().count())
                .max()
                .unwrap_or(0)
        })
        .collect();
    let mut out = String::new();
    for row in rows {
        let mut line = String::new();
        for (c, cell) in row.iter().enumerate() {
            line.push_str(cell);
            if c + 1 < row.len() {
                line.push_str(&" ".repeat(widths[c] - cell.chars().count() + 3));
            }
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

pub(crate) fn cell(v: Option<&Value>) -> String {
    match v {
        None | Some(Value::Null) => String::new(),
        Some(Value::Str(s)) => s.clone(),
        Some(other) => other.inline(),
    }
}

impl Cluster {
    pub(crate) fn get(
        &self,
        ty: &str,
        name: Option<&str>,
        namespace: &str,
        yaml: bool,
    ) -> Result<String, String> {
        let r = self.resource(ty)?;
        let objects: Vec<&Object> = match name {
            Some(name) => vec![
                self.api
                    .get(&Cluster::key_of(&r, namespace, name))
                    .map_err(|e| e.kubectl(""))?,
            ],
            None => self
                .api
                .list(&r.kind, if r.namespaced { namespace } else { "" }),
        };
        if objects.is_empty() {
            return Ok(if r.namespaced {
                format!("No resources found in {namespace} namespace.")
            } else {
                "No resources found".into()
            });
        }
        if yaml {
            if let [one] = objects.as_slice() {
                return Ok(one.to_value().to_yaml());
            }
            let mut list = Value::Map(Vec::new());
            list.set("apiVersion", Value::Str("v1".into()));
            list.set(
                "items",
                Value::List(objects.iter().map(|o| o.to_value()).collect()),
            );
            list.set("kind", Value::Str("List".into()));
            return Ok(list.to_yaml());
        }
        let now = self.now;
        let age_of = |o: &Object| age(now.saturating_sub(o.meta.created_ms));
        let mut rows: Vec<Vec<String>> = Vec::new();
        let head = |cols: &[&str]| cols.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        match r.kind.as_str() {
            "Pod" => {
                rows.push(head(&["NAME", "READY", "STATUS", "RESTARTS", "AGE"]));
                for o in &objects {
                    let phase = if o.meta.deletion_ms.is_some() {
                        "Terminating".into()
                    } else {
                        cell(o.status.get("phase"))
                    };
                    rows.push(vec![
                        o.meta.name.clone(),
                        if pod_ready(o) { "1/1" } else { "0/1" }.into(),
                        phase,
                        "0".into(),
                        age_of(o),
                    ]);
                }
            }
            "StatefulSet" => {
                rows.push(head(&["NAME", "READY", "AGE"]));
                for o in &objects {
                    let ready = o.status_i64("readyReplicas").unwrap_or(0);
                    rows.push(vec![
                        o.meta.name.clone(),
                        format!("{ready}/{}", o.spec_i64(&["replicas"]).unwrap_or(0)),
                        age_of(o),
                    ]);
                }
            }
            "Service" => {
                rows.push(head(&[
                    "NAME",
                    "TYPE",
                    "CLUSTER-IP",
                    "EXTERNAL-IP",
                    "PORT(S)",
                    "AGE",
                ]));
                for o in &objects {
                    let ports: Vec<String> = o
                        .spec(&["ports"])
                        .map(Value::as_list)
                        .unwrap_or_default()
                        .iter()
                        .map(|p| format!("{}/TCP", cell(p.get("port"))))
                        .collect();
                    let ip = cell(o.spec(&["clusterIP"]));
                    rows.push(vec![
                        o.meta.name.clone(),
                        "ClusterIP".into(),
                        if ip.is_empty() {
                            "10.96.0.10".into()
                        } else {
                            ip
                        },
                        "<none>".into(),
                        ports.join(","),
                        age_of(o),
                    ]);
                }
            }
            "Secret" => {
                rows.push(head(&["NAME", "TYPE", "DATA", "AGE"]));
                for o in &objects {
                    let data = o.body.get("data").map_or(0, |d| d.entries().len());
                    rows.push(vec![
                        o.meta.name.clone(),
                        cell(o.body.get("type")),
                        data.to_string(),
                        age_of(o),
                    ]);
                }
            }
            "CustomResourceDefinition" => {
                rows.push(head(&["NAME", "CREATED AT"]));
                for o in &objects {
                    rows.push(vec![o.meta.name.clone(), timestamp(o.meta.created_ms)]);
                }
            }
            kind => {
                let columns = self
                    .api
                    .crd_for_kind(kind)
                    .and_then(|c| c.storage_version())
                    .map(|v| v.columns.clone())
                    .unwrap_or_default();
                let mut h = vec!["NAME".to_string()];
                h.extend(columns.iter().map(|c| c.name.to_uppercase()));
                h.push("AGE".into());
                rows.push(h);
                for o in &objects {
                    let whole = o.to_value();
                    let mut row = vec![o.meta.name.clone()];
                    for c in &columns {
                        row.push(cell(
                            whole.at(&c.path.iter().map(String::as_str).collect::<Vec<_>>()),
                        ));
                    }
                    row.push(age_of(o));
                    rows.push(row);
                }
            }
        }
        Ok(table(&rows))
    }

    pub(crate) fn describe(&self, ty: &str, name: &str, namespace: &str) -> Result<String, String> {
        let r = self.resource(ty)?;
        let o = self
            .api
            .get(&Cluster::key_of(&r, namespace, name))
            .map_err(|e| e.kubectl(""))?;
        let labels = if o.meta.labels.is_empty() {
            "<none>".to_string()
        } else {
            o.meta
                .labels
                .iter()
                .map(|(k, v)| format!("{k}={v}"))
                .collect::<Vec<_>>()
                .join(",")
        };
        let mut out = format!(
            "Name:         {}\nNamespace:    {}\nLabels:       {labels}\nAPI Version:  {}\nKind:         {}\n",
            o.meta.name, o.meta.namespace, o.api_version, o.kind
        );
        let whole = o.to_value();
        for (k, v) in whole.entries() {
            if matches!(k.as_str(), "apiVersion" | "kind") {
                continue;
            }
            let title: String = k
                .chars()
                .next()
                .map(|c| c.to_ascii_uppercase())
                .into_iter()
                .chain(k.chars().skip(1))
                .collect();
            out.push_str(&title);
            out.push_str(":\n");
            for line in v.to_yaml().lines() {
                out.push_str("  ");
                out.push_str(line);
                out.push('\n');
            }
        }
        out.push_str("Events:       <none>\n");
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_pad_by_three() {
        let rows = vec![
            vec!["NAME".to_string(), "AGE".to_string()],
            vec!["my-db-0".to_string(), "5s".to_string()],
        ];
        assert_eq!(table(&rows), "NAME      AGE\nmy-db-0   5s\n");
    }
}
