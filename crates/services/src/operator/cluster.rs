//! The [`Cluster`]: API server, the operator (informer, work queue, reconciler), the
//! kube-controller-manager's StatefulSet controller and garbage collector, the kubelet, the
//! learner's console script and the armed chaos — one [`sim::Simulation`] on a virtual clock.
//!
//! One step handles the earliest item of the agenda (a vector kept sorted by `(time, seq)`):
//! a console command, a watch event reaching the operator, the operator's worker taking a key
//! and reconciling it (all its API calls happen in that step), a key's backoff ending, a
//! StatefulSet sync, a pod becoming Ready, a garbage-collection sweep, or a resync. Items
//! that change nothing are skipped, so every step of the player shows something happen.
//! The run ends at `horizon`; the console's commands are part of the state (`script`), so
//! a recorded run replays exactly from any checkpoint.
//!
//! Invariants: the clock never goes back; every nondeterministic choice (pod start-up times,
//! generated passwords, random faults) is a labelled [`Chooser`] draw; after every step the
//! convergence verdict is recomputed and a change of verdict is an event.

use sim::{Chooser, Simulation, Status};

use super::apiserver::{ApiError, ApiServer, WatchEvent};
use super::console::Command;
use super::event::{Actor, Delivery, Event, Verb};
use super::informer::Informer;
use super::object::{Object, ObjectKey};
use super::queue::WorkQueue;

/// Delay of a watch event from the API server to the operator's informer.
pub const WATCH_LATENCY_MS: u64 = 2;
/// Delay before the kube-controller-manager reacts to a change.
pub const KUBE_LATENCY_MS: u64 = 5;
/// Delay of a garbage-collection sweep after a delete.
pub const GC_LATENCY_MS: u64 = 20;
/// Delay before the operator's worker takes a ready key.
pub const WORK_LATENCY_MS: u64 = 1;
/// The informer's resync period.
pub const RESYNC_MS: u64 = 20_000;
/// How long the cluster runs after the last console command.
pub const RUN_WINDOW_MS: u64 = 45_000;
/// Steps after which a run stops whatever happens.
pub const MAX_STEPS: u64 = 20_000;

/// A console command at a virtual time.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Input {
    pub at: u64,
    pub line: String,
    pub command: Command,
}

/// Faults armed from the console.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Chaos {
    /// The operator's next N writes are refused with 409 Conflict.
    pub conflicts: u32,
    /// The operator's next N requests fail with 500.
    pub errors: u32,
    /// The next N watch events to the operator are lost.
    pub lose_events: u32,
    /// Every operator write fails, and every watch event is lost, with this chance in percent
    /// (drawn through the chooser); for property tests.
    pub flaky_percent: u32,
}

impl Chaos {
    pub fn is_quiet(&self) -> bool {
        *self == Chaos::default()
    }
}

/// Something due at a time.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Task {
    Input(usize),
    Watch(Box<WatchEvent>),
    Work,
    Due,
    StsSync(ObjectKey),
    PodStarted {
        pod: ObjectKey,
        uid: String,
    },
    Gc,
    /// A resync of the operator started in `epoch` (stale after a restart).
    Resync(u32),
}

/// A point of the desired-vs-actual timeline of the first Database.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Sample {
    pub t: u64,
    /// `spec.replicas` of the Database (0 when there is none).
    pub desired: i64,
    /// `spec.replicas` of its StatefulSet.
    pub statefulset: i64,
    /// Pods that exist / are Ready.
    pub pods: i64,
    pub ready: i64,
}

/// The whole cluster; see the module docs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cluster {
    pub now: u64,
    pub steps: u64,
    pub horizon: u64,
    pub api: ApiServer,
    pub informer: Informer,
    pub queue: WorkQueue,
    pub running: bool,
    /// Bumped at every start of the operator.
    pub epoch: u32,
    pub chaos: Chaos,
    pub script: Vec<Input>,
    pub agenda: Vec<(u64, u64, Task)>,
    seq: u64,
    pub converged: Option<bool>,
    pub samples: Vec<Sample>,
    /// The key being reconciled in the current step (for the views).
    pub reconciling: Option<String>,
}

impl Cluster {
    /// A cluster with the operator running and `script` to play.
    pub fn new(script: Vec<Input>) -> Cluster {
        let horizon = script.last().map_or(0, |i| i.at) + RUN_WINDOW_MS;
        let mut cluster = Cluster {
            now: 0,
            steps: 0,
            horizon,
            api: ApiServer::default(),
            informer: Informer::default(),
            queue: WorkQueue::default(),
            running: true,
            epoch: 1,
            chaos: Chaos::default(),
            script,
            agenda: Vec::new(),
            seq: 0,
            converged: None,
            samples: Vec::new(),
            reconciling: None,
        };
        for i in 0..cluster.script.len() {
            let at = cluster.script[i].at;
            cluster.schedule(at, Task::Input(i));
        }
        cluster.schedule(RESYNC_MS, Task::Resync(1));
        cluster
    }

    pub fn schedule(&mut self, at: u64, task: Task) {
        self.seq += 1;
        let i = self
            .agenda
            .partition_point(|(t, s, _)| (*t, *s) <= (at, self.seq));
        self.agenda.insert(i, (at, self.seq, task));
    }

    fn pending(&self, task: &Task) -> bool {
        self.agenda.iter().any(|(_, _, t)| t == task)
    }

    /// Sends one API request as `actor`: the operator's requests meet the armed chaos first.
    /// Logs the request, then hands the watch events of the write to their watchers.
    pub(crate) fn call(
        &mut self,
        chooser: &mut Chooser,
        events: &mut Vec<Event>,
        actor: Actor,
        verb: Verb,
        key: &ObjectKey,
        request: impl FnOnce(&mut ApiServer, u64) -> Result<Object, ApiError>,
    ) -> Result<Object, ApiError> {
        let injected = if actor == Actor::Operator {
            self.inject(chooser, verb, key)
        } else {
            None
        };
        let result = match injected.clone() {
            Some(err) => Err(err),
            None => request(&mut self.api, self.now),
        };
        events.push(Event::Api {
            t: self.now,
            actor,
            verb,
            key: key.clone(),
            result: match &result {
                Ok(o) => Ok(o.meta.resource_version),
                Err(e) => Err((e.code(), e.reason().to_string())),
            },
            injected: injected.is_some(),
        });
        self.dispatch();
        result
    }

    /// The fault (if any) chaos puts on the operator's next request.
    fn inject(&mut self, chooser: &mut Chooser, verb: Verb, key: &ObjectKey) -> Option<ApiError> {
        let resource = self
            .api
            .resource_of_kind(&key.kind)
            .map_or_else(|| key.kind.clone(), |r| r.qualified());
        let conflict = ApiError::Conflict {
            resource,
            name: key.name.clone(),
        };
        let error = ApiError::Internal("etcdserver: request timed out".into());
        let write = verb != Verb::Delete;
        if self.chaos.errors > 0 {
            self.chaos.errors -= 1;
            return Some(error);
        }
        if write && self.chaos.conflicts > 0 {
            self.chaos.conflicts -= 1;
            return Some(conflict);
        }
        if self.chaos.flaky_percent > 0
            && chooser.choose("chaos.api", 100) < self.chaos.flaky_percent as usize
        {
            return Some(if write && chooser.choose("chaos.api.kind", 2) == 0 {
                conflict
            } else {
                error
            });
        }
        None
    }

    /// Routes the watch events of the last write: to the operator's informer, to the
    /// StatefulSet controller, to the garbage collector.
    fn dispatch(&mut self) {
        let emitted = std::mem::take(&mut self.api.emitted);
        for ev in emitted {
            let obj = &ev.object;
            match obj.kind.as_str() {
                "StatefulSet" => self.sync_later(obj.key()),
                "Pod" => {
                    if let Some(owner) = obj.meta.controller().filter(|o| o.kind == "StatefulSet") {
                        self.sync_later(ObjectKey::new(
                            "StatefulSet",
                            &obj.meta.namespace,
                            &owner.name,
                        ));
                    }
                }
                _ => {}
            }
            if ev.ty == super::apiserver::WatchType::Deleted && !self.pending(&Task::Gc) {
                self.schedule(self.now + GC_LATENCY_MS, Task::Gc);
            }
            if Informer::watches(&obj.kind) {
                self.schedule(self.now + WATCH_LATENCY_MS, Task::Watch(Box::new(ev)));
            }
        }
    }

    fn sync_later(&mut self, key: ObjectKey) {
        let task = Task::StsSync(key);
        if !self.pending(&task) {
            self.schedule(self.now + KUBE_LATENCY_MS, task);
        }
    }

    /// Offers `key` to the work queue and wakes the worker.
    pub(crate) fn enqueue(&mut self, events: &mut Vec<Event>, key: String, why: String) {
        let added = self.queue.add(&key);
        events.push(Event::Enqueued {
            t: self.now,
            key,
            why,
            added,
        });
        self.wake_worker();
    }

    fn wake_worker(&mut self) {
        if self.running && !self.queue.ready.is_empty() && !self.pending(&Task::Work) {
            self.schedule(self.now + WORK_LATENCY_MS, Task::Work);
        }
    }

    /// Arms the timer for the earliest key in backoff.
    pub(crate) fn arm_due(&mut self) {
        if let Some(due) = self.queue.next_due()
            && !self
                .agenda
                .iter()
                .any(|(t, _, task)| *task == Task::Due && *t <= due)
        {
            self.schedule(due, Task::Due);
        }
    }

    fn deliver(&mut self, events: &mut Vec<Event>, chooser: &mut Chooser, ev: WatchEvent) {
        let key = ev.object.key();
        let rv = ev.object.meta.resource_version;
        let delivery = if !self.running {
            Delivery::NobodyWatching
        } else if self.chaos.lose_events > 0 {
            self.chaos.lose_events -= 1;
            Delivery::Lost
        } else if self.chaos.flaky_percent > 0
            && chooser.choose("chaos.watch", 100) < self.chaos.flaky_percent as usize
        {
            Delivery::Lost
        } else {
            Delivery::Delivered
        };
        events.push(Event::Watch {
            t: self.now,
            ty: ev.ty,
            key,
            rv,
            delivery,
        });
        if delivery != Delivery::Delivered {
            return;
        }
        self.informer.apply(&ev);
        if let Some((key, why)) = Informer::key_for(&ev.object) {
            self.enqueue(events, key, why);
        }
    }

    fn resync(&mut self, events: &mut Vec<Event>) {
        let (listed, repaired) = self.informer.relist(&self.api);
        events.push(Event::Resync {
            t: self.now,
            listed,
            repaired,
        });
        let keys: Vec<String> = self
            .informer
            .databases()
            .iter()
            .map(|d| d.key().short())
            .collect();
        for key in keys {
            self.enqueue(events, key, "resync".into());
        }
    }

    /// Stops the operator: its process dies, and with it the cache and the queue.
    pub(crate) fn stop_operator(&mut self, events: &mut Vec<Event>) {
        if !self.running {
            return;
        }
        self.running = false;
        self.informer = Informer::default();
        self.queue = WorkQueue::default();
        self.agenda
            .retain(|(_, _, t)| !matches!(t, Task::Work | Task::Due));
        events.push(Event::ControllerStopped { t: self.now });
    }

    /// Starts the operator: list everything (the informer's initial sync), queue every
    /// Database, arm the resync.
    pub(crate) fn start_operator(&mut self, events: &mut Vec<Event>) {
        if self.running {
            return;
        }
        self.running = true;
        self.epoch += 1;
        events.push(Event::ControllerStarted { t: self.now });
        self.resync(events);
        self.schedule(self.now + RESYNC_MS, Task::Resync(self.epoch));
    }

    fn work(&mut self, chooser: &mut Chooser, events: &mut Vec<Event>) {
        if !self.running {
            return;
        }
        let Some(key) = self.queue.pop() else {
            return;
        };
        self.reconciling = Some(key.clone());
        let failures = self.queue.failures_of(&key);
        events.push(Event::ReconcileStart {
            t: self.now,
            key: key.clone(),
            failures,
        });
        let result = self.reconcile(chooser, events, &key);
        let result = match result {
            Ok(()) => {
                self.queue.forget(&key);
                Ok(())
            }
            Err(e) => {
                let delay = self.queue.add_rate_limited(&key, self.now);
                self.arm_due();
                Err((e, delay))
            }
        };
        events.push(Event::ReconcileEnd {
            t: self.now,
            key,
            result,
        });
        self.wake_worker();
    }

    fn run(&mut self, chooser: &mut Chooser, events: &mut Vec<Event>, task: Task) {
        match task {
            Task::Input(i) => {
                if let Some(input) = self.script.get(i).cloned() {
                    let output = self.execute(chooser, events, &input.command);
                    events.push(Event::Console {
                        t: self.now,
                        line: input.line,
                        output,
                    });
                }
            }
            Task::Watch(ev) => self.deliver(events, chooser, *ev),
            Task::Work => self.work(chooser, events),
            Task::Due => {
                if self.running {
                    for key in self.queue.promote(self.now) {
                        events.push(Event::Due { t: self.now, key });
                    }
                    self.arm_due();
                    self.wake_worker();
                }
            }
            Task::StsSync(key) => self.sync_statefulset(chooser, events, &key),
            Task::PodStarted { pod, uid } => self.pod_started(chooser, events, &pod, &uid),
            Task::Gc => self.collect_garbage(chooser, events),
            Task::Resync(epoch) => {
                if self.running && epoch == self.epoch {
                    self.resync(events);
                    self.schedule(self.now + RESYNC_MS, Task::Resync(epoch));
                }
            }
        }
    }

    /// The first Database's desired and actual replica counts.
    pub fn sample(&self) -> Sample {
        let Some(db) = self.api.list("Database", "").into_iter().next() else {
            return Sample {
                t: self.now,
                ..Sample::default()
            };
        };
        let sts = self
            .api
            .get(&ObjectKey::new(
                "StatefulSet",
                &db.meta.namespace,
                &db.meta.name,
            ))
            .ok();
        let pods: Vec<&Object> = self
            .api
            .list("Pod", &db.meta.namespace)
            .into_iter()
            .filter(|p| {
                sts.is_some_and(|s| p.meta.controller().is_some_and(|o| o.uid == s.meta.uid))
            })
            .collect();
        Sample {
            t: self.now,
            desired: db.spec_i64(&["replicas"]).unwrap_or(1),
            statefulset: sts.and_then(|s| s.spec_i64(&["replicas"])).unwrap_or(0),
            pods: pods.len() as i64,
            ready: pods.iter().filter(|p| super::kube::pod_ready(p)).count() as i64,
        }
    }

    fn observe(&mut self, events: &mut Vec<Event>) {
        let verdict = super::reconciler::convergence(&self.api);
        let yes = verdict.is_ok();
        if self.converged != Some(yes) && (yes || self.converged.is_some()) {
            let detail = match verdict {
                Ok(summary) => summary,
                Err(diff) => diff,
            };
            events.push(Event::Converged {
                t: self.now,
                yes,
                detail,
            });
        }
        self.converged = Some(yes);
        let sample = self.sample();
        let changed = self.samples.last().is_none_or(|s| {
            (s.desired, s.statefulset, s.pods, s.ready)
                != (
                    sample.desired,
                    sample.statefulset,
                    sample.pods,
                    sample.ready,
                )
        });
        if changed {
            self.samples.push(sample);
        }
    }
}

impl Simulation for Cluster {
    type Event = Event;

    fn step(&mut self, chooser: &mut Chooser, events: &mut Vec<Event>) -> Status {
        self.steps += 1;
        self.reconciling = None;
        let before = events.len();
        while events.len() == before {
            let Some(&(at, _, _)) = self.agenda.first() else {
                break;
            };
            if at > self.horizon {
                break;
            }
            let (at, _, task) = self.agenda.remove(0);
            self.now = at;
            self.run(chooser, events, task);
        }
        self.observe(events);
        let more = self
            .agenda
            .first()
            .is_some_and(|(t, _, _)| *t <= self.horizon);
        if more && self.steps < MAX_STEPS {
            Status::Running
        } else {
            Status::Finished
        }
    }
}
