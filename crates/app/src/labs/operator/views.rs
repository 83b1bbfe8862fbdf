//! The operator lab's views, as plain functions of the cluster at a step (not components:
//! each yew component costs several KB of generic code): the reconcile loop's step-through,
//! the object tree by ownerReference, the work queue with its backoff timers, the
//! desired-vs-actual timeline and the trace.
//!
//! Invariants: views only read; user-controlled text (names, YAML, command output) reaches the
//! DOM as text nodes; every colour comes from `web/style.css`'s variables.

use services::operator::{Actor, Cluster, Delivery, Event, Object, Sample};
use yew::prelude::*;

use super::msg::OpMsg;
use crate::i18n::Lang;

/// Where an event sits in the loop.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stage {
    You,
    Event,
    Queue,
    Reconcile,
    Api,
    Cluster,
}

impl Stage {
    pub fn of(event: &Event) -> Stage {
        match event {
            Event::Console { .. }
            | Event::Chaos { .. }
            | Event::ControllerStopped { .. }
            | Event::ControllerStarted { .. } => Stage::You,
            Event::Watch { .. } | Event::Resync { .. } => Stage::Event,
            Event::Enqueued { .. } | Event::Due { .. } => Stage::Queue,
            Event::ReconcileStart { .. } | Event::ReconcileEnd { .. } => Stage::Reconcile,
            Event::Note {
                actor: Actor::Operator,
                ..
            } => Stage::Reconcile,
            Event::Api {
                actor: Actor::Operator,
                ..
            } => Stage::Api,
            Event::Api {
                actor: Actor::Kubectl,
                ..
            } => Stage::You,
            Event::Api { .. } | Event::Note { .. } | Event::Converged { .. } => Stage::Cluster,
        }
    }

    fn msg(self) -> OpMsg {
        match self {
            Stage::You => OpMsg::OpStageYou,
            Stage::Event => OpMsg::OpStageEvent,
            Stage::Queue => OpMsg::OpStageQueue,
            Stage::Reconcile => OpMsg::OpStageReconcile,
            Stage::Api => OpMsg::OpStageApi,
            Stage::Cluster => OpMsg::OpStageCluster,
        }
    }

    fn class(self) -> &'static str {
        match self {
            Stage::You => "op-stage-you",
            Stage::Event => "op-stage-event",
            Stage::Queue => "op-stage-queue",
            Stage::Reconcile => "op-stage-reconcile",
            Stage::Api => "op-stage-api",
            Stage::Cluster => "op-stage-cluster",
        }
    }
}

/// A test on one event, and the sentence it earns the step.
type Rule = (fn(&Event) -> bool, OpMsg);

/// In priority order: the first rule any of the step's events meets explains the step.
const RULES: [Rule; 12] = [
    (
        |e| matches!(e, Event::ReconcileEnd { result: Err(_), .. }),
        OpMsg::OpWhyFailed,
    ),
    (
        |e| matches!(e, Event::Converged { yes: true, .. }),
        OpMsg::OpWhyConverged,
    ),
    (
        |e| matches!(e, Event::ControllerStopped { .. }),
        OpMsg::OpWhyStopped,
    ),
    (|e| matches!(e, Event::Console { .. }), OpMsg::OpWhyYou),
    (|e| matches!(e, Event::Resync { .. }), OpMsg::OpWhyResync),
    (
        |e| {
            matches!(
                e,
                Event::Watch {
                    delivery: Delivery::Lost,
                    ..
                }
            )
        },
        OpMsg::OpWhyLost,
    ),
    (
        |e| matches!(e, Event::ReconcileStart { .. }),
        OpMsg::OpWhyReconcile,
    ),
    (|e| matches!(e, Event::Watch { .. }), OpMsg::OpWhyWatch),
    (|e| matches!(e, Event::Due { .. }), OpMsg::OpWhyDue),
    (
        |e| {
            matches!(
                e,
                Event::Api {
                    actor: Actor::StatefulSetController,
                    ..
                }
            )
        },
        OpMsg::OpWhySts,
    ),
    (
        |e| {
            matches!(
                e,
                Event::Api {
                    actor: Actor::Kubelet,
                    ..
                }
            )
        },
        OpMsg::OpWhyKubelet,
    ),
    (
        |e| {
            matches!(
                e,
                Event::Api {
                    actor: Actor::GarbageCollector,
                    ..
                }
            )
        },
        OpMsg::OpWhyGc,
    ),
];

/// One sentence on what this step shows, from its most telling event.
pub fn explain(events: &[Event]) -> Option<OpMsg> {
    RULES
        .iter()
        .find(|(rule, _)| events.iter().any(rule))
        .map(|&(_, msg)| msg)
}

/// The loop as four boxes (event → queue → reconcile → API calls → back to events), the
/// stages this step touched lit, then the step's events with their stage.
pub fn loop_view(lang: Lang, events: &[Event]) -> Html {
    let lit = |s: Stage| events.iter().any(|e| Stage::of(e) == s);
    let boxes = [Stage::Event, Stage::Queue, Stage::Reconcile, Stage::Api];
    html! {
        <section class="panel lab-panel lab-wide op-loop" data-testid="op-loop">
            <h2 class="lab-subtitle">{ lang.t(OpMsg::OpLoop) }</h2>
            <ol class="op-loop-ring" aria-hidden="true">
                { for boxes.iter().map(|&s| html! {
                    <li class={classes!("op-loop-box", s.class(), lit(s).then_some("op-lit"))}>{ lang.t(s.msg()) }</li>
                }) }
            </ol>
            if let Some(why) = explain(events) {
                <p class="op-why" data-testid="op-why">{ lang.t(why) }</p>
            }
            if events.is_empty() {
                <p class="lab-hint">{ lang.t(OpMsg::OpNothing) }</p>
            } else {
                <ul class="op-step-events">
                    { for events.iter().map(|e| {
                        let s = Stage::of(e);
                        html! {
                            <li>
                                <span class={classes!("op-badge", s.class())}>{ lang.t(s.msg()) }</span>
                                <code>{ e.to_string() }</code>
                            </li>
                        }
                    }) }
                </ul>
            }
            <p class="lab-hint">{ lang.t(OpMsg::OpLevel) }</p>
        </section>
    }
}

fn detail(o: &Object) -> String {
    let int = |v: Option<i64>| v.map_or_else(|| "-".to_string(), |n| n.to_string());
    match o.kind.as_str() {
        "Database" => format!(
            "replicas {} · {}",
            int(o.spec_i64(&["replicas"])),
            o.status
                .get("phase")
                .and_then(|p| p.as_str())
                .unwrap_or("-")
        ),
        "StatefulSet" => format!(
            "{}/{} ready",
            int(o.status_i64("readyReplicas")),
            int(o.spec_i64(&["replicas"]))
        ),
        "Pod" => format!(
            "{}{}",
            o.status
                .get("phase")
                .and_then(|p| p.as_str())
                .unwrap_or("-"),
            if services::operator::kube::pod_ready(o) {
                " · Ready"
            } else {
                ""
            }
        ),
        "Service" => "clusterIP None · 5432".to_string(),
        "Secret" => format!(
            "data: {}",
            o.body.get("data").map_or(0, |d| d.entries().len())
        ),
        _ => String::new(),
    }
}

fn node(lang: Lang, cluster: &Cluster, o: &Object, touched: &[String], depth: usize) -> Html {
    let children: Vec<&Object> = if depth > 4 {
        Vec::new()
    } else {
        cluster
            .api
            .objects
            .values()
            .filter(|c| c.meta.owners.iter().any(|r| r.uid == o.meta.uid))
            .collect()
    };
    let key = o.key().to_string();
    let hot = touched.contains(&key);
    html! {
        <li>
            <div class={classes!("op-node", hot.then_some("op-touched"), o.meta.deletion_ms.is_some().then_some("op-deleting"))}>
                <span class="op-kind">{ o.kind.clone() }</span>
                <span class="op-name">{ o.meta.name.clone() }</span>
                <span class="op-detail">{ detail(o) }</span>
                <span class="op-rv">{ format!("rv {}", o.meta.resource_version) }</span>
                { for o.meta.finalizers.iter().map(|f| html! { <span class="op-chip" title={f.clone()}>{ "finalizer" }</span> }) }
                if o.meta.deletion_ms.is_some() {
                    <span class="op-chip op-chip-bad">{ lang.t(OpMsg::OpDeleting) }</span>
                }
            </div>
            if !children.is_empty() {
                <ul>{ for children.iter().map(|c| node(lang, cluster, c, touched, depth + 1)) }</ul>
            }
        </li>
    }
}

/// Objects with their owned objects nested under them; objects the step wrote are lit.
pub fn tree_view(lang: Lang, cluster: &Cluster, events: &[Event]) -> Html {
    let touched: Vec<String> = events
        .iter()
        .filter_map(|e| match e {
            Event::Api {
                key, result: Ok(_), ..
            } => Some(key.to_string()),
            _ => None,
        })
        .collect();
    let roots: Vec<&Object> = cluster
        .api
        .objects
        .values()
        .filter(|o| {
            o.meta
                .owners
                .iter()
                .all(|r| !cluster.api.objects.values().any(|x| x.meta.uid == r.uid))
        })
        .collect();
    html! {
        <section class="panel lab-panel op-tree" data-testid="op-tree">
            <h2 class="lab-subtitle">{ lang.t(OpMsg::OpTree) }</h2>
            if roots.is_empty() {
                <p class="lab-hint">{ lang.t(OpMsg::OpNoObjects) }</p>
            } else {
                <ul class="op-tree-list">{ for roots.iter().map(|o| node(lang, cluster, o, &touched, 0)) }</ul>
            }
        </section>
    }
}

/// The work queue: ready keys, keys in backoff with their timers, failure counts; whether the
/// controller runs and what chaos is armed.
pub fn queue_view(lang: Lang, cluster: &Cluster) -> Html {
    let q = &cluster.queue;
    let chaos = cluster.chaos;
    let armed: Vec<String> = [
        (chaos.conflicts, "409"),
        (chaos.errors, "500"),
        (chaos.lose_events, "lost events"),
    ]
    .iter()
    .filter(|(n, _)| *n > 0)
    .map(|(n, what)| format!("{what} ×{n}"))
    .chain((chaos.flaky_percent > 0).then(|| format!("flaky {}%", chaos.flaky_percent)))
    .collect();
    html! {
        <section class="panel lab-panel op-queue" data-testid="op-queue">
            <h2 class="lab-subtitle">{ lang.t(OpMsg::OpQueue) }</h2>
            <p class={classes!("op-status", if cluster.running { "op-ok" } else { "op-bad" })} data-testid="op-running">
                { lang.t(if cluster.running { OpMsg::OpRunning } else { OpMsg::OpStopped }) }
            </p>
            <h3 class="op-h3">{ lang.t(OpMsg::OpQueueReady) }</h3>
            <ul class="op-keys" data-testid="op-ready">
                if q.ready.is_empty() {
                    <li class="op-empty">{ lang.t(OpMsg::OpQueueEmpty) }</li>
                }
                { for q.ready.iter().map(|k| html! { <li><code>{ k.clone() }</code></li> }) }
            </ul>
            <h3 class="op-h3">{ lang.t(OpMsg::OpQueueWaiting) }</h3>
            <ul class="op-keys" data-testid="op-waiting">
                if q.waiting.is_empty() {
                    <li class="op-empty">{ lang.t(OpMsg::OpQueueEmpty) }</li>
                }
                { for q.waiting.iter().map(|(due, k)| html! {
                    <li>
                        <code>{ k.clone() }</code>
                        { " · " }{ lang.fill(OpMsg::OpDueIn, &due.saturating_sub(cluster.now).to_string()) }
                        { " · " }{ lang.t(OpMsg::OpFailures) }{ format!(" {}", q.failures_of(k)) }
                    </li>
                }) }
            </ul>
            if !armed.is_empty() {
                <p class="op-armed" data-testid="op-armed">{ lang.t(OpMsg::OpArmed) }{ ": " }{ armed.join(", ") }</p>
            }
        </section>
    }
}

fn polyline(
    samples: &[Sample],
    pick: impl Fn(&Sample) -> i64,
    x: impl Fn(u64) -> f64,
    y: impl Fn(i64) -> f64,
    end: u64,
) -> String {
    let mut points = Vec::new();
    let mut last: Option<i64> = None;
    for s in samples {
        let v = pick(s);
        if let Some(prev) = last {
            points.push(format!("{:.1},{:.1}", x(s.t), y(prev)));
        }
        points.push(format!("{:.1},{:.1}", x(s.t), y(v)));
        last = Some(v);
    }
    if let Some(v) = last {
        points.push(format!("{:.1},{:.1}", x(end), y(v)));
    }
    points.join(" ")
}

/// The longest idle stretch the timeline draws at its true length.
const IDLE_MS: u64 = 1500;

/// Desired (`spec.replicas`) against actual (StatefulSet replicas, Ready pods) over virtual
/// time, up to the current step; idle stretches longer than [`IDLE_MS`] are drawn at that length.
pub fn timeline_view(
    lang: Lang,
    all: &[Sample],
    now: u64,
    end: u64,
    converged: Option<bool>,
) -> Html {
    let (w, h, pad) = (640.0_f64, 170.0_f64, 24.0_f64);
    let shown: Vec<Sample> = all.iter().copied().filter(|s| s.t <= now).collect();
    let top = all
        .iter()
        .map(|s| s.desired.max(s.statefulset).max(s.pods))
        .max()
        .unwrap_or(0)
        .max(3);
    // Idle stretches (resyncs 20 s apart) would squeeze every change into a sliver: between
    // two changes at most IDLE_MS of time is drawn.
    let breaks: Vec<u64> = all.iter().map(|s| s.t).chain([now, end]).collect();
    let squeeze = |t: u64| -> f64 {
        let mut pos = 0.0;
        let mut prev = 0;
        for &b in breaks.iter().filter(|&&b| b <= t) {
            pos += b.saturating_sub(prev).min(IDLE_MS) as f64;
            prev = prev.max(b);
        }
        pos + t.saturating_sub(prev).min(IDLE_MS) as f64
    };
    let span = squeeze(end).max(4000.0);
    let x = |t: u64| pad + (w - 2.0 * pad) * (squeeze(t) / span);
    let y = |v: i64| h - pad - (h - 2.0 * pad) * (v as f64 / top as f64);
    let desired = polyline(&shown, |s| s.desired, x, y, now);
    let sts = polyline(&shown, |s| s.statefulset, x, y, now);
    let ready = polyline(&shown, |s| s.ready, x, y, now);
    let verdict = match converged {
        Some(true) => Some((OpMsg::OpConverged, "op-ok")),
        Some(false) => Some((OpMsg::OpDiverged, "op-bad")),
        None => None,
    };
    html! {
        <section class="panel lab-panel lab-wide op-timeline" data-testid="op-timeline">
            <h2 class="lab-subtitle">
                { lang.t(OpMsg::OpTimeline) }
                if let Some((msg, class)) = verdict {
                    { " · " }
                    <span class={classes!("op-status", class)} data-testid="op-converged" data-ok={converged.unwrap_or(false).to_string()}>{ lang.t(msg) }</span>
                }
            </h2>
            <svg class="op-chart" viewBox={format!("0 0 {w} {h}")} role="img" aria-label={lang.t(OpMsg::OpTimeline)}>
                { for (0..=top).map(|v| html! {
                    <g>
                        <line class="op-grid" x1={pad.to_string()} x2={(w - pad).to_string()} y1={format!("{:.1}", y(v))} y2={format!("{:.1}", y(v))} />
                        <text class="op-axis" x="4" y={format!("{:.1}", y(v) + 4.0)}>{ v.to_string() }</text>
                    </g>
                }) }
                <polyline class="op-line-ready" points={ready} />
                <polyline class="op-line-sts" points={sts} />
                <polyline class="op-line-desired" points={desired} />
                <line class="op-now" x1={format!("{:.1}", x(now))} x2={format!("{:.1}", x(now))} y1={pad.to_string()} y2={(h - pad).to_string()} />
                <text class="op-axis" x={format!("{:.1}", (x(now) + 4.0).min(w - 60.0))} y="14">{ format!("{:.1} s", now as f64 / 1000.0) }</text>
            </svg>
            <p class="op-legend">
                <span class="op-key op-key-desired">{ lang.t(OpMsg::OpDesired) }</span>
                <span class="op-key op-key-sts">{ lang.t(OpMsg::OpStsReplicas) }</span>
                <span class="op-key op-key-ready">{ lang.t(OpMsg::OpReady) }</span>
            </p>
            <p class="lab-hint">{ lang.t(OpMsg::OpTimelineHint) }</p>
        </section>
    }
}

/// The last 40 trace lines up to the current step; the current step's lines lit.
pub fn trace_view(lang: Lang, lines: Vec<(u64, String, bool)>) -> Html {
    html! {
        <section class="panel lab-panel lab-wide">
            <h2 class="lab-subtitle">{ lang.t(OpMsg::OpTrace) }</h2>
            <ol class="trace-list" data-testid="op-trace">
                { for lines.into_iter().map(|(step, text, current)| html! {
                    <li class={classes!(current.then_some("trace-current"))}>
                        <span class="trace-step">{ step.to_string() }</span>{ text }
                    </li>
                }) }
            </ol>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use services::operator::{ObjectKey, WatchType};
    use wasm_bindgen_test::wasm_bindgen_test;

    use super::*;

    #[wasm_bindgen_test(unsupported = test)]
    fn a_step_is_explained_by_its_most_telling_event() {
        let watch = |delivery| Event::Watch {
            t: 1,
            ty: WatchType::Modified,
            key: ObjectKey::new("StatefulSet", "default", "my-db"),
            rv: 7,
            delivery,
        };
        assert_eq!(explain(&[]), None);
        assert_eq!(
            explain(&[watch(Delivery::Delivered)]),
            Some(OpMsg::OpWhyWatch)
        );
        assert_eq!(explain(&[watch(Delivery::Lost)]), Some(OpMsg::OpWhyLost));
        let failed = Event::ReconcileEnd {
            t: 2,
            key: "default/my-db".into(),
            result: Err(("409".into(), 5)),
        };
        let start = Event::ReconcileStart {
            t: 2,
            key: "default/my-db".into(),
            failures: 0,
        };
        assert_eq!(
            explain(std::slice::from_ref(&start)),
            Some(OpMsg::OpWhyReconcile)
        );
        assert_eq!(explain(&[start, failed]), Some(OpMsg::OpWhyFailed));
        assert_eq!(Stage::of(&watch(Delivery::Lost)), Stage::Event);
    }
}
