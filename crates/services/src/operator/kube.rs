//! The cluster's own machinery the operator relies on: the StatefulSet controller, the
//! kubelet and the garbage collector.
//!
//! Modelled on `pkg/controller/statefulset` (OrderedReady pod management: pods are created
//! one at a time in ordinal order, each only when every lower ordinal is Ready, and removed
//! from the highest ordinal down; a deleted pod is recreated under the same name), the
//! kubelet's readiness (a pod is Pending, then Running and Ready after a start-up time drawn
//! from the chooser), and `pkg/controller/garbagecollector` (background cascading deletion:
//! an object whose owners are all gone is deleted).
//!
//! These controllers read the API server directly: the lab's chaos targets the operator,
//! not Kubernetes itself. Invariant: each sync makes at most one pod change, so the step
//! view shows the StatefulSet's ordered, one-at-a-time behaviour.

use sim::Chooser;

use super::apiserver::condition;
use super::cluster::{Cluster, Task};
use super::event::{Actor, Event, Verb};
use super::object::{Object, ObjectKey, OwnerRef};
use super::yaml::Value;

/// Whether a pod's Ready condition is True.
pub fn pod_ready(pod: &Object) -> bool {
    pod.status
        .get("conditions")
        .map(Value::as_list)
        .unwrap_or_default()
        .iter()
        .any(|c| {
            c.get("type").and_then(Value::as_str) == Some("Ready")
                && c.get("status").and_then(Value::as_str) == Some("True")
        })
}

/// The ordinal of `pod` in StatefulSet `sts` (`my-db-2` → 2).
fn ordinal(sts: &str, pod: &str) -> Option<i64> {
    pod.strip_prefix(sts)?.strip_prefix('-')?.parse().ok()
}

impl Cluster {
    /// The pods `sts` controls, by ordinal.
    pub fn pods_of(&self, sts: &Object) -> Vec<(i64, Object)> {
        let mut pods: Vec<(i64, Object)> = self
            .api
            .list("Pod", &sts.meta.namespace)
            .into_iter()
            .filter(|p| p.meta.controller().is_some_and(|o| o.uid == sts.meta.uid))
            .filter_map(|p| Some((ordinal(&sts.meta.name, &p.meta.name)?, p.clone())))
            .collect();
        pods.sort_by_key(|(i, _)| *i);
        pods
    }

    pub(crate) fn sync_statefulset(
        &mut self,
        chooser: &mut Chooser,
        events: &mut Vec<Event>,
        key: &ObjectKey,
    ) {
        let Ok(sts) = self.api.get(key).cloned() else {
            return; // gone: its pods are the garbage collector's
        };
        let desired = sts.spec_i64(&["replicas"]).unwrap_or(1).max(0);
        let pods = self.pods_of(&sts);
        let actor = Actor::StatefulSetController;
        if let Some((_, extra)) = pods.iter().rev().find(|(i, _)| *i >= desired) {
            // Scale down from the highest ordinal, one pod per sync.
            let pod = extra.key();
            events.push(Event::Note {
                t: self.now,
                actor,
                text: format!(
                    "{key}: {} pods for {desired} replicas, delete {}",
                    pods.len(),
                    pod.name
                ),
            });
            let _ = self.call(chooser, events, actor, Verb::Delete, &pod, |api, now| {
                api.delete(&pod, now)
            });
        } else if let Some(missing) = (0..desired).find(|i| !pods.iter().any(|(j, _)| j == i)) {
            let lower_ready = pods
                .iter()
                .filter(|(i, _)| *i < missing)
                .all(|(_, p)| pod_ready(p));
            if lower_ready {
                let pod = new_pod(&sts, missing);
                let pod_key = pod.key();
                events.push(Event::Note {
                    t: self.now,
                    actor,
                    text: format!(
                        "{key}: create {} ({} of {desired})",
                        pod_key.name,
                        missing + 1
                    ),
                });
                if let Ok(created) = self.call(
                    chooser,
                    events,
                    actor,
                    Verb::Create,
                    &pod_key,
                    |api, now| api.create(pod, now),
                ) {
                    let startup = 600 + 200 * chooser.choose("kubelet.startup", 4) as u64;
                    self.schedule(
                        self.now + startup,
                        Task::PodStarted {
                            pod: pod_key,
                            uid: created.meta.uid,
                        },
                    );
                }
            }
        }
        // Status: what exists and what is Ready.
        let Ok(sts) = self.api.get(key).cloned() else {
            return;
        };
        let pods = self.pods_of(&sts);
        let mut status = sts.status.clone();
        status.set("observedGeneration", Value::Int(sts.meta.generation as i64));
        status.set("replicas", Value::Int(pods.len() as i64));
        status.set(
            "readyReplicas",
            Value::Int(pods.iter().filter(|(_, p)| pod_ready(p)).count() as i64),
        );
        if status != sts.status {
            let mut next = sts.clone();
            next.status = status;
            let _ = self.call(chooser, events, actor, Verb::UpdateStatus, key, |api, _| {
                api.update_status(next)
            });
        }
    }

    pub(crate) fn pod_started(
        &mut self,
        chooser: &mut Chooser,
        events: &mut Vec<Event>,
        key: &ObjectKey,
        uid: &str,
    ) {
        let Ok(pod) = self.api.get(key).cloned() else {
            return;
        };
        if pod.meta.uid != uid || pod.meta.deletion_ms.is_some() {
            return; // a newer pod of the same name has its own timer
        }
        let mut next = pod;
        next.status = pod_status("Running", true);
        events.push(Event::Note {
            t: self.now,
            actor: Actor::Kubelet,
            text: format!("{key}: container started, readiness probe passed"),
        });
        let _ = self.call(
            chooser,
            events,
            Actor::Kubelet,
            Verb::UpdateStatus,
            key,
            |api, _| api.update_status(next),
        );
    }

    /// One sweep: delete every object whose owners are all gone.
    pub(crate) fn collect_garbage(&mut self, chooser: &mut Chooser, events: &mut Vec<Event>) {
        let orphans: Vec<(ObjectKey, String)> = self
            .api
            .objects
            .values()
            .filter(|o| !o.meta.owners.is_empty() && o.meta.deletion_ms.is_none())
            .filter(|o| {
                o.meta
                    .owners
                    .iter()
                    .all(|r| !self.api.objects.values().any(|x| x.meta.uid == r.uid))
            })
            .map(|o| {
                (
                    o.key(),
                    o.meta.owners[0].kind.clone() + " " + &o.meta.owners[0].name,
                )
            })
            .collect();
        for (key, owner) in orphans {
            events.push(Event::Note {
                t: self.now,
                actor: Actor::GarbageCollector,
                text: format!("{key}: owner {owner} is gone"),
            });
            let _ = self.call(
                chooser,
                events,
                Actor::GarbageCollector,
                Verb::Delete,
                &key,
                |api, now| api.delete(&key, now),
            );
        }
    }
}

fn pod_status(phase: &str, ready: bool) -> Value {
    let mut status = Value::Map(Vec::new());
    status.set("phase", Value::Str(phase.into()));
    let flag = if ready { "True" } else { "False" };
    let reason = if ready {
        "PodReady"
    } else {
        "ContainersNotReady"
    };
    status.set(
        "conditions",
        Value::List(vec![condition("Ready", flag, reason)]),
    );
    status
}

/// Pod `ordinal` of `sts`, from its template.
fn new_pod(sts: &Object, ordinal: i64) -> Object {
    let name = format!("{}-{ordinal}", sts.meta.name);
    let mut pod = Object::new("v1", "Pod", &sts.meta.namespace, &name);
    if let Some(labels) = sts.spec(&["template", "metadata", "labels"]) {
        pod.meta.labels = labels
            .entries()
            .iter()
            .map(|(k, v)| (k.clone(), v.as_str().unwrap_or("").to_string()))
            .collect();
    }
    pod.meta.owners = vec![OwnerRef {
        api_version: "apps/v1".into(),
        kind: "StatefulSet".into(),
        name: sts.meta.name.clone(),
        uid: sts.meta.uid.clone(),
        controller: true,
    }];
    if let Some(spec) = sts.spec(&["template", "spec"]) {
        pod.body.set("spec", spec.clone());
    }
    pod.status = pod_status("Pending", false);
    pod
}
