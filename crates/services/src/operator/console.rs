//! The lab's console: a kubectl-style command language over the simulated API server, and
//! the chaos commands.
//!
//! `kubectl apply -f FILE` (the page's editor tabs are the files), `get TYPE [NAME] [-o
//! yaml]`, `describe TYPE NAME`, `delete TYPE NAME` / `delete -f FILE`, `scale TYPE NAME
//! --replicas=N`, `patch TYPE NAME -p '{"spec":{...}}'` (a JSON merge patch, how `kubectl
//! edit` saves); `chaos conflict|error|lose-events [N]`, `chaos flaky [PERCENT]`, `chaos calm`, `operator stop|start`.
//! Types are matched as kubectl matches them (plural, singular, kind, short name, `db`).
//! Output follows kubectl's wording (`database.example.com/my-db created`, `Error from
//! server (NotFound): ...`, `No resources found in default namespace.`); tables are padded
//! by three spaces, as kubectl's tabwriter does.
//!
//! Invariants: parsing is separate from running, so a typo never reaches the simulation;
//! every command yields text and never panics.

use sim::Chooser;

use super::apiserver::Resource;
use super::cluster::Cluster;
use super::event::{Actor, Event, Verb};
use super::object::{Object, ObjectKey};
use super::yaml::{Value, parse_documents};

/// A parsed console command.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Command {
    Apply {
        file: String,
        text: String,
    },
    DeleteFile {
        file: String,
        text: String,
    },
    Get {
        ty: String,
        name: Option<String>,
        namespace: String,
        yaml: bool,
    },
    Describe {
        ty: String,
        name: String,
        namespace: String,
    },
    Delete {
        ty: String,
        name: String,
        namespace: String,
    },
    Scale {
        ty: String,
        name: String,
        namespace: String,
        replicas: i64,
    },
    Patch {
        ty: String,
        name: String,
        namespace: String,
        patch: String,
    },
    Chaos(ChaosCommand),
    Help,
}

/// What the chaos commands arm.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ChaosCommand {
    Conflicts(u32),
    Errors(u32),
    LoseEvents(u32),
    /// Every operator request and watch event fails with this chance in percent.
    Flaky(u32),
    Calm,
    StopOperator,
    StartOperator,
}

pub const HELP: &str = "kubectl apply -f FILE | get TYPE [NAME] [-o yaml] | describe TYPE NAME | delete TYPE NAME | delete -f FILE
kubectl scale TYPE NAME --replicas=N | patch TYPE NAME -p '{\"spec\":{\"replicas\":4}}'
chaos conflict [N] | chaos error [N] | chaos lose-events [N] | chaos flaky [PERCENT] | chaos calm | operator stop | operator start";

/// Splits a command line like a shell: spaces separate, quotes group.
fn words(line: &str) -> Result<Vec<String>, String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut quote: Option<char> = None;
    let mut any = false;
    for c in line.chars() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), c) => cur.push(c),
            (None, '\'' | '"') => {
                quote = Some(c);
                any = true;
            }
            (None, c) if c.is_whitespace() => {
                if any || !cur.is_empty() {
                    out.push(std::mem::take(&mut cur));
                    any = false;
                }
            }
            (None, c) => cur.push(c),
        }
    }
    if quote.is_some() {
        return Err("error: unterminated quote".into());
    }
    if any || !cur.is_empty() {
        out.push(cur);
    }
    Ok(out)
}

/// Parses one console line; `files` are the editor's files for `-f`.
pub fn parse(line: &str, files: &[(String, String)]) -> Result<Command, String> {
    let mut args = words(line)?;
    if args.first().map(String::as_str) == Some("kubectl") {
        args.remove(0);
    }
    let Some(verb) = args.first().cloned() else {
        return Err(String::new());
    };
    let mut rest: Vec<String> = args[1..].to_vec();
    // Flags anywhere, kubectl style.
    let mut flag = |names: &[&str]| -> Option<String> {
        let i = rest.iter().position(|a| {
            names
                .iter()
                .any(|n| a == n || a.starts_with(&format!("{n}=")))
        })?;
        let a = rest.remove(i);
        match a.split_once('=') {
            Some((_, v)) => Some(v.to_string()),
            None if i < rest.len() => Some(rest.remove(i)),
            None => Some(String::new()),
        }
    };
    let namespace = flag(&["-n", "--namespace"]).unwrap_or_else(|| "default".into());
    let file = flag(&["-f", "--filename"]);
    let output = flag(&["-o", "--output"]);
    let replicas = flag(&["--replicas"]);
    let patch = flag(&["-p", "--patch"]);
    let _ = flag(&["--type"]);
    let read_file = |name: &str| -> Result<String, String> {
        files
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, t)| t.clone())
            .ok_or_else(|| format!("error: the path {:?} does not exist", name))
    };
    // `TYPE NAME` or `TYPE/NAME`.
    let target = |rest: &[String]| -> (Option<String>, Option<String>) {
        match rest {
            [one] if one.contains('/') => {
                let (t, n) = one.split_once('/').unwrap_or((one, ""));
                (Some(t.to_string()), Some(n.to_string()))
            }
            [t] => (Some(t.clone()), None),
            [t, n, ..] => (Some(t.clone()), Some(n.clone())),
            [] => (None, None),
        }
    };
    let (ty, name) = target(&rest);
    let need = |what: Option<String>, msg: &str| what.ok_or_else(|| format!("error: {msg}"));
    match verb.as_str() {
        "apply" | "create" => {
            let file = file.ok_or("error: must specify one of -f and -k")?;
            Ok(Command::Apply {
                text: read_file(&file)?,
                file,
            })
        }
        "get" => Ok(Command::Get {
            ty: need(ty, "You must specify the type of resource to get.")?,
            name,
            namespace,
            yaml: match output.as_deref() {
                None | Some("wide") => false,
                Some("yaml") => true,
                Some(o) => {
                    return Err(format!(
                        "error: unable to match a printer suitable for the output format {o:?}, allowed formats are: wide,yaml"
                    ));
                }
            },
        }),
        "describe" => Ok(Command::Describe {
            ty: need(ty, "You must specify the type of resource to describe.")?,
            name: need(
                name,
                "you must specify the name of the resource to describe",
            )?,
            namespace,
        }),
        "delete" => match file {
            Some(file) => Ok(Command::DeleteFile {
                text: read_file(&file)?,
                file,
            }),
            None => Ok(Command::Delete {
                ty: need(
                    ty,
                    "You must provide one or more resources by argument or filename.",
                )?,
                name: need(name, "resource(s) were provided, but no name was specified")?,
                namespace,
            }),
        },
        "scale" => Ok(Command::Scale {
            ty: need(
                ty,
                "You must provide one or more resources by argument or filename.",
            )?,
            name: need(name, "resource(s) were provided, but no name was specified")?,
            namespace,
            replicas: replicas
                .and_then(|r| r.parse().ok())
                .ok_or("error: required flag(s) \"replicas\" not set")?,
        }),
        "patch" => Ok(Command::Patch {
            ty: need(
                ty,
                "You must provide one or more resources by argument or filename.",
            )?,
            name: need(name, "resource(s) were provided, but no name was specified")?,
            namespace,
            patch: patch.ok_or("error: must specify -p to patch")?,
        }),
        "chaos" | "operator" => {
            let what = if verb == "operator" {
                format!("operator-{}", rest.first().map_or("", String::as_str))
            } else {
                rest.first().cloned().unwrap_or_default()
            };
            let n = rest.get(1).and_then(|n| n.parse::<u32>().ok()).unwrap_or(1);
            Ok(Command::Chaos(match what.as_str() {
                "conflict" | "conflicts" => ChaosCommand::Conflicts(n),
                "error" | "errors" => ChaosCommand::Errors(n),
                "lose-events" | "lose" => ChaosCommand::LoseEvents(n),
                "flaky" => ChaosCommand::Flaky(
                    rest.get(1)
                        .and_then(|n| n.parse::<u32>().ok())
                        .unwrap_or(30)
                        .min(100),
                ),
                "calm" => ChaosCommand::Calm,
                "stop" | "operator-stop" => ChaosCommand::StopOperator,
                "start" | "operator-start" => ChaosCommand::StartOperator,
                _ => return Err(format!("error: unknown chaos {what:?}\n{HELP}")),
            }))
        }
        "help" | "--help" | "-h" => Ok(Command::Help),
        _ => Err(format!(
            "error: unknown command {verb:?} for \"kubectl\"\n{HELP}"
        )),
    }
}

impl Cluster {
    pub(crate) fn resource(&self, ty: &str) -> Result<Resource, String> {
        self.api
            .resource_named(ty)
            .ok_or_else(|| format!("error: the server doesn't have a resource type {ty:?}"))
    }

    pub(crate) fn key_of(r: &Resource, namespace: &str, name: &str) -> ObjectKey {
        ObjectKey::new(&r.kind, if r.namespaced { namespace } else { "" }, name)
    }

    /// Runs a command at the current time; returns what kubectl would print.
    pub(crate) fn execute(
        &mut self,
        chooser: &mut Chooser,
        events: &mut Vec<Event>,
        command: &Command,
    ) -> String {
        let result = match command {
            Command::Apply { file, text } => Ok(self.apply(chooser, events, file, text)),
            Command::DeleteFile { file, text } => Ok(self.delete_file(chooser, events, file, text)),
            Command::Get { ty, name, namespace, yaml } => {
                // `get db,pods`: one table per type, a blank line between.
                let parts: Result<Vec<String>, String> =
                    ty.split(',').map(|t| self.get(t, name.as_deref(), namespace, *yaml)).collect();
                parts.map(|p| p.join("\n"))
            }
            Command::Describe { ty, name, namespace } => self.describe(ty, name, namespace),
            Command::Delete { ty, name, namespace } => self.resource(ty).map(|r| {
                let key = Cluster::key_of(&r, namespace, name);
                match self.call(chooser, events, Actor::Kubectl, Verb::Delete, &key, |api, now| api.delete(&key, now)) {
                    Ok(_) => format!("{} {:?} deleted", r.kubectl_type(), name),
                    Err(e) => e.kubectl(""),
                }
            }),
            Command::Scale { ty, name, namespace, replicas } => self.resource(ty).map(|r| {
                let path: Vec<String> = match r.kind.as_str() {
                    "StatefulSet" => vec!["spec".into(), "replicas".into()],
                    _ => match self.api.crd_for_kind(&r.kind).and_then(|c| c.storage_version()).and_then(|v| v.scale_path.clone()) {
                        Some(p) => p,
                        None => return "Error from server (NotFound): the server could not find the requested resource".into(),
                    },
                };
                let mut patch = Value::Map(Vec::new());
                patch.set_at(&path.iter().map(String::as_str).collect::<Vec<_>>(), Value::Int(*replicas));
                let key = Cluster::key_of(&r, namespace, name);
                match self.call(chooser, events, Actor::Kubectl, Verb::Patch, &key, |api, _| api.patch(&key, &patch)) {
                    Ok(_) => format!("{}/{name} scaled", r.kubectl_type()),
                    Err(e) => e.kubectl(""),
                }
            }),
            Command::Patch { ty, name, namespace, patch } => self.resource(ty).map(|r| {
                let patch = match parse_documents(patch) {
                    Ok(mut docs) if docs.len() == 1 => docs.remove(0),
                    Ok(_) => return "error: unable to parse the patch: expected one JSON object".into(),
                    Err(e) => return format!("error: unable to parse {patch:?}: {e}"),
                };
                let key = Cluster::key_of(&r, namespace, name);
                let before = self.api.get(&key).map(|o| o.meta.resource_version).ok();
                match self.call(chooser, events, Actor::Kubectl, Verb::Patch, &key, |api, _| api.patch(&key, &patch)) {
                    Ok(o) if Some(o.meta.resource_version) == before => format!("{}/{name} patched (no change)", r.kubectl_type()),
                    Ok(_) => format!("{}/{name} patched", r.kubectl_type()),
                    Err(e) => e.kubectl(""),
                }
            }),
            Command::Chaos(c) => Ok(self.chaos_command(events, *c)),
            Command::Help => Ok(HELP.to_string()),
        };
        let mut out = result.unwrap_or_else(|e| e);
        while out.ends_with('\n') {
            out.pop();
        }
        out
    }

    fn chaos_command(&mut self, events: &mut Vec<Event>, c: ChaosCommand) -> String {
        let text = match c {
            ChaosCommand::Conflicts(n) => {
                self.chaos.conflicts += n;
                format!(
                    "the operator's next {} writes get 409 Conflict",
                    self.chaos.conflicts
                )
            }
            ChaosCommand::Errors(n) => {
                self.chaos.errors += n;
                format!(
                    "the operator's next {} requests get 500 InternalError",
                    self.chaos.errors
                )
            }
            ChaosCommand::LoseEvents(n) => {
                self.chaos.lose_events += n;
                format!(
                    "the next {} watch events to the operator are lost",
                    self.chaos.lose_events
                )
            }
            ChaosCommand::Flaky(p) => {
                self.chaos.flaky_percent = p;
                format!(
                    "{p}% of the operator's requests fail and {p}% of its watch events are lost"
                )
            }
            ChaosCommand::Calm => {
                self.chaos = Default::default();
                "all faults cleared".to_string()
            }
            ChaosCommand::StopOperator => {
                self.stop_operator(events);
                return "operator stopped (its cache and queue are gone)".into();
            }
            ChaosCommand::StartOperator => {
                self.start_operator(events);
                return "operator started (initial list, every Database queued)".into();
            }
        };
        events.push(Event::Chaos {
            t: self.now,
            text: text.clone(),
        });
        text
    }

    fn apply(
        &mut self,
        chooser: &mut Chooser,
        events: &mut Vec<Event>,
        file: &str,
        text: &str,
    ) -> String {
        let docs = match parse_documents(text) {
            Ok(d) => d,
            Err(e) => return format!("error: error parsing {file}: {e}"),
        };
        if docs.is_empty() {
            return "error: no objects passed to apply".to_string();
        }
        let mut out = Vec::new();
        for doc in docs {
            let obj = match Object::from_value(&doc) {
                Ok(o) => o,
                Err(e) => {
                    out.push(format!("error: error validating {file:?}: {e}"));
                    continue;
                }
            };
            let Some(r) = self.api.resource_of_kind(&obj.kind) else {
                out.push(format!(
                    "error: resource mapping not found for name: {:?} namespace: {:?} from {file:?}: no matches for kind {:?} in version {:?}\nensure CRDs are installed first",
                    obj.meta.name, obj.meta.namespace, obj.kind, obj.api_version
                ));
                continue;
            };
            let key = Cluster::key_of(
                &r,
                if obj.meta.namespace.is_empty() {
                    "default"
                } else {
                    &obj.meta.namespace
                },
                &obj.meta.name,
            );
            let name = format!("{}/{}", r.kubectl_type(), obj.meta.name);
            if let Ok(current) = self.api.get(&key) {
                let before = current.meta.resource_version;
                // What apply sends for an existing object: its fields as a merge patch.
                let mut patch = obj.to_value();
                patch.remove("status");
                let mut meta = Value::Map(Vec::new());
                if let Some(l) = patch.at(&["metadata", "labels"]) {
                    meta.set("labels", l.clone());
                }
                patch.set("metadata", meta);
                match self.call(
                    chooser,
                    events,
                    Actor::Kubectl,
                    Verb::Patch,
                    &key,
                    |api, _| api.patch(&key, &patch),
                ) {
                    Ok(o) if o.meta.resource_version == before => {
                        out.push(format!("{name} unchanged"))
                    }
                    Ok(_) => out.push(format!("{name} configured")),
                    Err(e) => {
                        out.push(e.kubectl(&format!("error when applying patch to {file:?}: ")))
                    }
                }
            } else {
                match self.call(
                    chooser,
                    events,
                    Actor::Kubectl,
                    Verb::Create,
                    &key,
                    |api, now| api.create(obj, now),
                ) {
                    Ok(_) => out.push(format!("{name} created")),
                    Err(e) => out.push(e.kubectl(&format!("error when creating {file:?}: "))),
                }
            }
        }
        out.join("\n")
    }

    fn delete_file(
        &mut self,
        chooser: &mut Chooser,
        events: &mut Vec<Event>,
        file: &str,
        text: &str,
    ) -> String {
        let docs = match parse_documents(text) {
            Ok(d) => d,
            Err(e) => return format!("error: error parsing {file}: {e}"),
        };
        let mut out = Vec::new();
        for doc in docs.iter().rev() {
            let Ok(obj) = Object::from_value(doc) else {
                continue;
            };
            let Some(r) = self.api.resource_of_kind(&obj.kind) else {
                out.push(format!("error: resource mapping not found for name: {:?} from {file:?}: no matches for kind {:?}", obj.meta.name, obj.kind));
                continue;
            };
            let key = Cluster::key_of(
                &r,
                if obj.meta.namespace.is_empty() {
                    "default"
                } else {
                    &obj.meta.namespace
                },
                &obj.meta.name,
            );
            match self.call(
                chooser,
                events,
                Actor::Kubectl,
                Verb::Delete,
                &key,
                |api, now| api.delete(&key, now),
            ) {
                Ok(_) => out.push(format!("{} {:?} deleted", r.kubectl_type(), obj.meta.name)),
                Err(e) => out.push(e.kubectl(&format!("error when deleting {file:?}: "))),
            }
        }
        out.join("\n")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_parse_like_kubectl() {
        let files = vec![("db.yaml".to_string(), "x: 1".to_string())];
        assert_eq!(
            parse("kubectl scale db my-db --replicas=5", &files),
            Ok(Command::Scale {
                ty: "db".into(),
                name: "my-db".into(),
                namespace: "default".into(),
                replicas: 5
            })
        );
        assert_eq!(
            parse("delete pod/my-db-1 -n prod", &files),
            Ok(Command::Delete {
                ty: "pod".into(),
                name: "my-db-1".into(),
                namespace: "prod".into()
            })
        );
        assert_eq!(
            parse(
                r#"kubectl patch sts my-db --type=merge -p '{"spec": {"replicas": 1}}'"#,
                &files
            ),
            Ok(Command::Patch {
                ty: "sts".into(),
                name: "my-db".into(),
                namespace: "default".into(),
                patch: r#"{"spec": {"replicas": 1}}"#.into()
            })
        );
        assert_eq!(
            parse("kubectl apply -f db.yaml", &files),
            Ok(Command::Apply {
                file: "db.yaml".into(),
                text: "x: 1".into()
            })
        );
        assert_eq!(
            parse("kubectl apply -f nope.yaml", &files),
            Err("error: the path \"nope.yaml\" does not exist".into())
        );
        assert_eq!(
            parse("chaos conflict 3", &files),
            Ok(Command::Chaos(ChaosCommand::Conflicts(3)))
        );
        assert_eq!(
            parse("operator stop", &files),
            Ok(Command::Chaos(ChaosCommand::StopOperator))
        );
        assert!(
            parse("kubectl frob", &files)
                .unwrap_err()
                .starts_with("error: unknown command \"frob\"")
        );
        assert_eq!(
            parse("kubectl get pods -o 'json", &files),
            Err("error: unterminated quote".into())
        );
    }
}
