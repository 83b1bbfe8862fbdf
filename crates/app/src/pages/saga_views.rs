//! The Saga & TCC lab's views of the world at one step: sequence diagram (SVG built as yew
//! nodes), service state tables, state machine, TCC transaction-status table, invariant
//! panel, trace, and the explorer's table. Props in, callbacks out; the numbers come from
//! `services`, which also builds the diagram's model (`services::sequence`).

use std::rc::Rc;

use services::event::Event as TraceEvent;
use services::explore::{ExploreReport, RunSummary};
use services::sequence::{Fate, MarkKind, sequence};
use services::tcc::{SecondPhase, TryStatus};
use services::world::TxState;
use services::{Invariant, Outcome, Service, Strategy, World};
use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::saga_msg::SagaMsg;
use crate::i18n::use_lang;

pub fn service_msg(s: Service) -> SagaMsg {
    match s {
        Service::Order => SagaMsg::ServiceOrder,
        Service::Inventory => SagaMsg::ServiceInventory,
        Service::Payment => SagaMsg::ServicePayment,
        Service::Points => SagaMsg::ServicePoints,
    }
}

pub fn outcome_msg(o: Outcome) -> SagaMsg {
    match o {
        Outcome::Committed => SagaMsg::OutcomeCommitted,
        Outcome::Compensated => SagaMsg::OutcomeCompensated,
        Outcome::Stuck => SagaMsg::OutcomeStuck,
        Outcome::Inconsistent => SagaMsg::OutcomeInconsistent,
    }
}

fn invariant_msg(i: Invariant) -> SagaMsg {
    match i {
        Invariant::StockConserved => SagaMsg::InvStock,
        Invariant::MoneyConserved => SagaMsg::InvMoney,
        Invariant::ChargedOnce => SagaMsg::InvChargedOnce,
        Invariant::PaidXorCancelled => SagaMsg::InvPaidXorCancelled,
        Invariant::NothingHanging => SagaMsg::InvNothingHanging,
    }
}

/// A world at one step, shared by the views; equal when it is the same snapshot (a new
/// snapshot is made for every step, so comparing pointers is both cheap and enough).
#[derive(Clone)]
pub struct Snapshot(pub Rc<World>);

impl PartialEq for Snapshot {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl std::ops::Deref for Snapshot {
    type Target = World;
    fn deref(&self) -> &World {
        &self.0
    }
}

#[derive(Properties, PartialEq)]
pub struct WorldProps {
    pub world: Snapshot,
}

#[derive(Properties, PartialEq)]
pub struct InvariantProps {
    pub world: Snapshot,
    pub step: u64,
}

/// Green while every invariant holds; red from the step one breaks, with that step.
#[component(InvariantPanel)]
pub fn invariant_panel(props: &InvariantProps) -> Html {
    let lang = use_lang().lang;
    let violation = props.world.violation.clone();
    let ok = violation.is_none();
    html! {
        <section class={classes!("panel", "lab-panel", "inv-panel", if ok { "inv-ok" } else { "inv-bad" })}
            data-testid="invariants" data-ok={ok.to_string()}>
            <h2 class="lab-subtitle">{ lang.t(SagaMsg::InvariantsTitle) }</h2>
            if let Some(v) = &violation {
                <p class="inv-status" data-testid="invariant-broken">
                    <strong>{ lang.fill(SagaMsg::InvariantBrokenAt, &v.step.to_string()) }</strong>{ " " }
                    { lang.t(invariant_msg(v.invariant)) }
                    <br /><code>{ v.detail.clone() }</code>
                </p>
            } else {
                <p class="inv-status">{ lang.t(SagaMsg::InvariantsOk) }</p>
            }
            <ul class="inv-list">
                { for Invariant::ALL.into_iter().map(|i| {
                    let holds = i.check(&props.world.services).is_ok();
                    html! {
                        <li class={if holds { "inv-holds" } else { "inv-fails" }}>
                            <span class="inv-mark" aria-hidden="true">{ if holds { "✓" } else { "✗" } }</span>
                            { lang.t(invariant_msg(i)) }
                        </li>
                    }
                }) }
            </ul>
        </section>
    }
}

/// The strategy's state machine as a row of states, the current one highlighted.
#[component(MachineView)]
pub fn machine_view(props: &WorldProps) -> Html {
    let lang = use_lang().lang;
    let w = &props.world;
    let state = w.state;
    let node = |label: String, active: bool, tone: &'static str| {
        html! {
            <li class={classes!("sm-node", tone, active.then_some("sm-active"))}
                aria-current={active.then_some("step")}>{ label }</li>
        }
    };
    let arrow = || html! { <li class="sm-arrow" aria-hidden="true">{ "→" }</li> };
    let (forward, backward): (Vec<Html>, Vec<Html>) = match w.config.strategy {
        Strategy::Tcc => (
            vec![
                node(
                    lang.t(SagaMsg::StateTrying).into(),
                    state == TxState::Trying,
                    "sm-fwd",
                ),
                arrow(),
                node(
                    lang.t(SagaMsg::StateConfirming).into(),
                    state == TxState::Confirming,
                    "sm-fwd",
                ),
                arrow(),
                node(
                    lang.t(SagaMsg::OutcomeCommitted).into(),
                    state == TxState::Committed,
                    "sm-end",
                ),
            ],
            vec![
                node(
                    lang.t(SagaMsg::StateCancelling).into(),
                    state == TxState::Cancelling,
                    "sm-back",
                ),
                arrow(),
                node(
                    lang.t(SagaMsg::OutcomeCompensated).into(),
                    state == TxState::Compensated,
                    "sm-end",
                ),
            ],
        ),
        _ => {
            let mut f = vec![node(
                lang.t(SagaMsg::StateStarted).into(),
                state == TxState::Started,
                "sm-fwd",
            )];
            for (i, def) in services::saga::STEPS.iter().enumerate() {
                f.push(arrow());
                f.push(node(
                    def.forward.name().into(),
                    state == TxState::Running(i as u8),
                    "sm-fwd",
                ));
            }
            f.push(arrow());
            f.push(node(
                lang.t(SagaMsg::OutcomeCommitted).into(),
                state == TxState::Committed,
                "sm-end",
            ));
            let comp = match state {
                TxState::Compensating(i) => format!(
                    "{} {}",
                    lang.t(SagaMsg::StateCompensating),
                    services::saga::STEPS[usize::from(i)].forward.name()
                ),
                _ => lang.t(SagaMsg::StateCompensating).into(),
            };
            (
                f,
                vec![
                    node(comp, matches!(state, TxState::Compensating(_)), "sm-back"),
                    arrow(),
                    node(
                        lang.t(SagaMsg::OutcomeCompensated).into(),
                        state == TxState::Compensated,
                        "sm-end",
                    ),
                ],
            )
        }
    };
    html! {
        <section class="panel lab-panel" data-testid="machine">
            <h2 class="lab-subtitle">{ lang.t(SagaMsg::MachineTitle) }</h2>
            <ol class="sm-row">{ for forward }</ol>
            <ol class="sm-row">
                { for backward }
                { node(lang.t(SagaMsg::OutcomeStuck).into(), state == TxState::Stuck, "sm-stuck") }
            </ol>
            if !w.down.is_empty() {
                <p class="sm-crash">{ "✕ " }{ for w.down.iter().map(|s| lang.t(service_msg(*s))) }{ " ⏻" }</p>
            }
        </section>
    }
}

/// Each service's columns and barrier rows.
#[component(StateTables)]
pub fn state_tables(props: &WorldProps) -> Html {
    let lang = use_lang().lang;
    let s = &props.world.services;
    html! {
        <section class="panel lab-panel" data-testid="state-tables">
            <h2 class="lab-subtitle">{ lang.t(SagaMsg::StateTitle) }</h2>
            <div class="svc-tables">
                <table class="svc-table">
                    <caption>{ lang.t(SagaMsg::ServiceOrder) }</caption>
                    <tbody><tr><th scope="row"><code>{ "status" }</code></th>
                        <td data-testid="order-status"><code>{ s.order.to_string() }</code></td></tr></tbody>
                </table>
                { for [Service::Inventory, Service::Payment, Service::Points].into_iter().map(|svc| {
                    let barrier = s.barrier(svc).map(|b| {
                        b.rows().into_iter().map(|(phase, ok)| format!("{phase}{}", if ok { "✓" } else { "✗" }))
                            .collect::<Vec<_>>().join(" ")
                    }).unwrap_or_default();
                    html! {
                        <table class="svc-table">
                            <caption>{ lang.t(service_msg(svc)) }</caption>
                            <tbody>
                                { for s.columns(svc).into_iter().map(|(name, value)| html! {
                                    <tr class={(value < 0).then_some("svc-negative")}>
                                        <th scope="row"><code>{ name }</code></th>
                                        <td><code>{ value }</code></td>
                                    </tr>
                                }) }
                                <tr><th scope="row">{ lang.t(SagaMsg::BarrierRows) }</th><td><code>{ barrier }</code></td></tr>
                            </tbody>
                        </table>
                    }
                }) }
            </div>
        </section>
    }
}

/// The TCC coordinator's transaction-status table.
#[component(TccTable)]
pub fn tcc_table(props: &WorldProps) -> Html {
    let lang = use_lang().lang;
    let try_msg = |t: TryStatus| match t {
        TryStatus::Pending => SagaMsg::StatePending,
        TryStatus::Ok => SagaMsg::StateOk,
        TryStatus::Failed => SagaMsg::StateFailed,
    };
    let second_msg = |p: SecondPhase| match p {
        SecondPhase::Undecided => SagaMsg::StateNone,
        SecondPhase::Confirming => SagaMsg::StateConfirming,
        SecondPhase::Confirmed => SagaMsg::OutcomeCommitted,
        SecondPhase::Cancelling => SagaMsg::StateCancelling,
        SecondPhase::Cancelled => SagaMsg::OutcomeCompensated,
    };
    html! {
        <section class="panel lab-panel" data-testid="tcc-table">
            <h2 class="lab-subtitle">{ lang.t(SagaMsg::TccTableTitle) }</h2>
            <table class="svc-table tcc-table">
                <thead><tr>
                    <th scope="col">{ lang.t(SagaMsg::TccBranch) }</th>
                    <th scope="col">{ lang.t(SagaMsg::TccTry) }</th>
                    <th scope="col">{ lang.t(SagaMsg::TccPhase2) }</th>
                </tr></thead>
                <tbody>
                    { for props.world.tcc_table().into_iter().map(|row| html! {
                        <tr>
                            <th scope="row">{ lang.t(service_msg(row.service)) }</th>
                            <td class={match row.try_status { TryStatus::Ok => "tcc-ok", TryStatus::Failed => "tcc-failed", TryStatus::Pending => "tcc-pending" }}>{ lang.t(try_msg(row.try_status)) }</td>
                            <td>{ lang.t(second_msg(row.second)) }</td>
                        </tr>
                    }) }
                </tbody>
            </table>
        </section>
    }
}

#[derive(Properties, PartialEq)]
pub struct TraceProps {
    /// `(step, line, is the current step)`.
    pub trace: Vec<(u64, String, bool)>,
    pub schedule: String,
}

#[component(TraceView)]
pub fn trace_view(props: &TraceProps) -> Html {
    let lang = use_lang().lang;
    html! {
        <section class="panel lab-panel lab-wide" data-testid="trace">
            <h2 class="lab-subtitle">{ lang.t(SagaMsg::TraceTitle) }</h2>
            <ol class="trace-list">
                { for props.trace.iter().map(|(step, line, current)| html! {
                    <li class={current.then_some("trace-current")}>
                        <span class="trace-step">{ step }</span>{ line.clone() }
                    </li>
                }) }
            </ol>
            <details class="trace-schedule">
                <summary>{ lang.t(SagaMsg::ScheduleLabel) }</summary>
                <code>{ props.schedule.clone() }</code>
            </details>
        </section>
    }
}

#[derive(Properties, PartialEq)]
pub struct SequenceProps {
    pub events: Vec<TraceEvent>,
}

const LEFT: f64 = 58.0;
const COL: f64 = 124.0;
const TOP: f64 = 34.0;
const ROW: f64 = 26.0;

/// The messages on the virtual clock; see `services::sequence`.
#[component(SequenceDiagram)]
pub fn sequence_diagram(props: &SequenceProps) -> Html {
    let lang = use_lang().lang;
    let (arrows, marks) = sequence(&props.events);
    let mut times: Vec<u64> = arrows
        .iter()
        .flat_map(|a| [a.sent, a.arrive])
        .chain(marks.iter().map(|m| m.t))
        .collect();
    times.sort_unstable();
    times.dedup();
    let y = |t: u64| TOP + 14.0 + ROW * times.partition_point(|&x| x < t) as f64;
    let x = |s: Service| LEFT + COL * s.index() as f64 + COL / 2.0;
    let width = LEFT + COL * 4.0 + 8.0;
    let height = TOP + 28.0 + ROW * times.len().max(1) as f64;
    let f = |v: f64| format!("{v:.1}");
    html! {
        <div class="seq-box" data-testid="sequence">
            <svg class="seq" width={f(width)} height={f(height)} viewBox={format!("0 0 {} {}", f(width), f(height))}
                role="img" aria-label={lang.t(SagaMsg::SequenceTitle)}>
                { for Service::ALL.into_iter().map(|s| html! {
                    <g>
                        <line class="seq-lifeline" x1={f(x(s))} y1={f(TOP)} x2={f(x(s))} y2={f(height)} />
                        <text class="seq-head" x={f(x(s))} y="20" text-anchor="middle">{ lang.t(service_msg(s)) }</text>
                    </g>
                }) }
                { for times.iter().map(|&t| html! {
                    <text class="seq-time" x="4" y={f(y(t) + 4.0)}>{ format!("{t}ms") }</text>
                }) }
                { for arrows.iter().map(|a| {
                    let (x1, y1, x2, mut y2) = (x(a.from), y(a.sent), x(a.to), y(a.arrive));
                    if (y2 - y1).abs() < 1.0 { y2 = y1 + ROW * 0.6; }
                    let dropped = matches!(a.fate, Fate::Dropped(_));
                    let k = if dropped { 0.8 } else { 1.0 };
                    let (ex, ey) = (x1 + (x2 - x1) * k, y1 + (y2 - y1) * k);
                    let (dx, dy) = (ex - x1, ey - y1);
                    let len = (dx * dx + dy * dy).sqrt().max(1.0);
                    let (ux, uy) = (dx / len, dy / len);
                    let head = format!("{},{} {},{} {},{}", f(ex), f(ey),
                        f(ex - 8.0 * ux + 4.0 * uy), f(ey - 8.0 * uy - 4.0 * ux),
                        f(ex - 8.0 * ux - 4.0 * uy), f(ey - 8.0 * uy + 4.0 * ux));
                    let class = classes!("seq-msg",
                        match a.fate { Fate::Delivered => "seq-delivered", Fate::InFlight => "seq-inflight", Fate::Dropped(_) => "seq-dropped" },
                        a.duplicate.then_some("seq-dup"),
                        matches!(a.label.split('#').next(), Some(l) if l.contains("cancel") || l.contains("refund") || l.contains("revoke") || l.starts_with("Rollback")).then_some("seq-undo"));
                    let (mx, my) = ((x1 + ex) / 2.0, (y1 + ey) / 2.0 - 3.0);
                    html! {
                        <g class={class}>
                            <title>{ format!("#{} {} → {}: {} ({}–{}ms)", a.id, a.from, a.to, a.label, a.sent, a.arrive) }</title>
                            <line x1={f(x1)} y1={f(y1)} x2={f(ex)} y2={f(ey)} />
                            if dropped {
                                <path class="seq-cross" d={format!("M{} {}l8 8m0 -8l-8 8", f(ex - 4.0), f(ey - 4.0))} />
                            } else {
                                <polygon points={head} />
                            }
                            <text class="seq-label" x={f(mx)} y={f(my)} text-anchor="middle">{ a.label.clone() }</text>
                        </g>
                    }
                }) }
                { for marks.iter().map(|m| {
                    let (cx, cy) = (x(m.node), y(m.t));
                    match m.kind {
                        MarkKind::Crash => html! {
                            <g class="seq-crash"><rect x={f(cx - 30.0)} y={f(cy - 9.0)} width="60" height="18" rx="4" />
                                <text x={f(cx)} y={f(cy + 4.0)} text-anchor="middle">{ "CRASH" }</text></g>
                        },
                        MarkKind::Recover => html! {
                            <g class="seq-recover"><rect x={f(cx - 30.0)} y={f(cy - 9.0)} width="60" height="18" rx="4" />
                                <text x={f(cx)} y={f(cy + 4.0)} text-anchor="middle">{ "↻" }</text></g>
                        },
                        MarkKind::Broken => html! {
                            <line class="seq-broken" x1={f(LEFT)} y1={f(cy)} x2={f(width)} y2={f(cy)} />
                        },
                    }
                }) }
            </svg>
        </div>
    }
}

#[derive(Properties)]
pub struct ExplorerProps {
    pub seeds: u64,
    pub report: Option<Rc<ExploreReport>>,
    pub on_seeds: Callback<u64>,
    pub on_explore: Callback<MouseEvent>,
    pub on_load: Callback<RunSummary>,
}

impl PartialEq for ExplorerProps {
    fn eq(&self, other: &Self) -> bool {
        self.seeds == other.seeds
            && match (&self.report, &other.report) {
                (Some(a), Some(b)) => Rc::ptr_eq(a, b),
                (None, None) => true,
                _ => false,
            }
    }
}

fn strategy_label(s: Strategy) -> SagaMsg {
    match s {
        Strategy::SagaOrchestrated => SagaMsg::StrategyOrchestrated,
        Strategy::SagaChoreographed => SagaMsg::StrategyChoreographed,
        Strategy::Tcc => SagaMsg::StrategyTcc,
    }
}

/// Many seeds with random faults: counts per strategy, and replay links.
#[component(ExplorerView)]
pub fn explorer_view(props: &ExplorerProps) -> Html {
    let lang = use_lang().lang;
    let on_seeds = {
        let cb = props.on_seeds.clone();
        Callback::from(move |e: Event| {
            let v = e
                .target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlSelectElement>().ok())
                .and_then(|s| s.value().parse::<u64>().ok());
            if let Some(n) = v {
                cb.emit(n);
            }
        })
    };
    html! {
        <section class="panel lab-panel explorer" data-testid="explorer">
            <h2 class="lab-subtitle">{ lang.t(SagaMsg::ExplorerTitle) }</h2>
            <p class="lab-hint">{ lang.t(SagaMsg::ExplorerIntro) }</p>
            <div class="lab-row">
                <label class="lab-field">
                    <span class="lab-field-label">{ lang.t(SagaMsg::ExplorerSeeds) }</span>
                    <select data-testid="explore-seeds" onchange={on_seeds}>
                        { for [20u64, 50, 100, 200].into_iter().map(|n| html! {
                            <option value={n.to_string()} selected={n == props.seeds}>{ n }</option>
                        }) }
                    </select>
                </label>
                <button type="button" class="button button-primary" data-testid="explore"
                    onclick={props.on_explore.clone()}>{ lang.t(SagaMsg::ExplorerRun) }</button>
            </div>
            if let Some(report) = &props.report {
                <div class="explore-scroll">
                    <table class="svc-table explore-table" data-testid="explore-table">
                        <thead><tr>
                            <th scope="col">{ lang.t(SagaMsg::ExplorerStrategy) }</th>
                            <th scope="col">{ lang.t(SagaMsg::OutcomeCommitted) }</th>
                            <th scope="col">{ lang.t(SagaMsg::OutcomeCompensated) }</th>
                            <th scope="col">{ lang.t(SagaMsg::OutcomeStuck) }</th>
                            <th scope="col">{ lang.t(SagaMsg::OutcomeInconsistent) }</th>
                        </tr></thead>
                        <tbody>
                            { for report.strategies.iter().map(|s| html! {
                                <tr>
                                    <th scope="row">{ lang.t(strategy_label(s.strategy)) }</th>
                                    <td>{ s.committed }</td><td>{ s.compensated }</td>
                                    <td>{ s.stuck }</td><td>{ s.inconsistent }</td>
                                </tr>
                            }) }
                        </tbody>
                    </table>
                </div>
                <h3 class="lab-subtitle">{ lang.t(SagaMsg::ExplorerReplay) }</h3>
                { for report.strategies.iter().map(|s| html! {
                    <div class="explore-runs">
                        <span class="explore-strategy">{ lang.t(strategy_label(s.strategy)) }</span>
                        { for s.runs.iter().filter(|r| r.outcome != Outcome::Committed).take(16).map(|r| {
                            let cb = props.on_load.clone();
                            let run = r.clone();
                            let tone = match r.outcome { Outcome::Compensated => "chip-comp", Outcome::Stuck => "chip-stuck", _ => "chip-bad" };
                            html! {
                                <button type="button" class={classes!("chip", tone)}
                                    data-testid={format!("load-{}-{}", s.strategy.code(), r.seed)}
                                    title={r.config.plan.to_string()}
                                    onclick={Callback::from(move |_| cb.emit(run.clone()))}>
                                    { format!("#{} {}", r.seed, lang.t(outcome_msg(r.outcome))) }
                                </button>
                            }
                        }) }
                    </div>
                }) }
            }
        </section>
    }
}
