//! The Saga & TCC lab (`#/labs/saga`): controls, a simple player, and the views.
//!
//! Holds no logic: the [`SagaLab`] reducer calls `services`; this page renders it and
//! dispatches. The player is deliberately small (first/back/forward/last, scrubber, play);
//! the shared player of issue 4 will replace it. Play advances one step per
//! [`PLAY_INTERVAL_MS`] with a `Timeout`, dropped when paused or unmounted.

use gloo::timers::callback::Timeout;
use services::{GuardKind, Service, StepFault, Strategy};
use wasm_bindgen::JsCast;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use super::saga_msg::SagaMsg;
use super::saga_state::{SagaAction, SagaLab};
use super::saga_views::{
    ExplorerView, InvariantPanel, MachineView, SequenceDiagram, Snapshot, StateTables, TccTable,
    TraceView, outcome_msg, service_msg,
};
use crate::components::SharePanel;
use crate::embed::EmbedView;
use crate::i18n::{Lang, Msg, use_lang};
use crate::share::{self, ShareState, Subject};
use std::rc::Rc;

/// One step per this many ms while playing.
pub const PLAY_INTERVAL_MS: u32 = 350;

fn strategy_msg(s: Strategy) -> SagaMsg {
    match s {
        Strategy::SagaOrchestrated => SagaMsg::StrategyOrchestrated,
        Strategy::SagaChoreographed => SagaMsg::StrategyChoreographed,
        Strategy::Tcc => SagaMsg::StrategyTcc,
    }
}

fn fault_msg(f: StepFault) -> SagaMsg {
    match f {
        StepFault::None => SagaMsg::FaultNone,
        StepFault::Fail => SagaMsg::FaultFail,
        StepFault::Timeout => SagaMsg::FaultTimeout,
        StepFault::Duplicate => SagaMsg::FaultDuplicate,
    }
}

/// The name of step `i` of `strategy` (an identifier from the code, not translated).
pub fn step_name(strategy: Strategy, i: usize) -> String {
    match strategy {
        Strategy::Tcc => services::tcc::BRANCHES
            .get(i)
            .map_or_else(String::new, |s| format!("{s}.try")),
        _ => services::saga::STEPS
            .get(i)
            .map_or_else(String::new, |s| s.forward.name().to_owned()),
    }
}

fn select_value(e: &Event) -> String {
    e.target()
        .and_then(|t| t.dyn_into::<HtmlSelectElement>().ok())
        .map(|s| s.value())
        .unwrap_or_default()
}

fn input_value(e: &Event) -> String {
    e.target()
        .and_then(|t| t.dyn_into::<HtmlInputElement>().ok())
        .map(|s| s.value())
        .unwrap_or_default()
}

#[component(SagaLabPage)]
pub fn saga_lab_page() -> Html {
    let lang = use_lang().lang;
    let lab = use_reducer(SagaLab::default);

    {
        let dispatcher = lab.dispatcher();
        use_effect_with((lab.playing, lab.step), move |&(playing, _)| {
            let timer = playing.then(|| {
                Timeout::new(PLAY_INTERVAL_MS, move || {
                    dispatcher.dispatch(SagaAction::Tick)
                })
            });
            move || drop(timer)
        });
    }

    // A share link (`#/labs/saga?s=…`): its scenario, run, at its step.
    let link_error = use_state(|| None::<share::ShareError>);
    {
        let dispatcher = lab.dispatcher();
        let link_error = link_error.clone();
        use_effect_with((), move |_| {
            let hash = crate::share::page_fragment();
            match share::from_fragment(&hash) {
                Ok(Some(ShareState {
                    subject: Subject::Lab { id, params },
                    step,
                    ..
                })) if id == "saga" => {
                    dispatcher.dispatch(SagaAction::Open(params, step));
                }
                Ok(_) => {}
                Err(e) => link_error.set(Some(e)),
            }
        });
    }
    let share_state = Rc::new(ShareState {
        step: lab.step,
        ..ShareState::new(Subject::Lab {
            id: "saga".into(),
            params: lab.to_params(),
        })
    });

    let send = |action: SagaAction| {
        let d = lab.dispatcher();
        Callback::from(move |_: MouseEvent| d.dispatch(action.clone()))
    };

    let on_strategy = {
        let d = lab.dispatcher();
        Callback::from(move |e: Event| {
            if let Some(s) = Strategy::from_code(&select_value(&e)) {
                d.dispatch(SagaAction::SetStrategy(s));
            }
        })
    };
    let on_seed = {
        let d = lab.dispatcher();
        Callback::from(move |e: Event| {
            if let Ok(seed) = input_value(&e).trim().parse::<u64>() {
                d.dispatch(SagaAction::SetSeed(seed));
            }
        })
    };
    let on_crash = {
        let d = lab.dispatcher();
        Callback::from(move |e: Event| {
            d.dispatch(SagaAction::SetCrash(select_value(&e).parse::<u8>().ok()))
        })
    };
    let on_partition = {
        let d = lab.dispatcher();
        Callback::from(move |e: Event| {
            let v = select_value(&e);
            let service = Service::ALL.into_iter().find(|s| s.to_string() == v);
            d.dispatch(SagaAction::SetPartition(service))
        })
    };
    let on_seek = {
        let d = lab.dispatcher();
        Callback::from(move |e: InputEvent| {
            let v = e
                .target()
                .and_then(|t| t.dyn_into::<HtmlInputElement>().ok())
                .and_then(|i| i.value().parse::<u64>().ok());
            if let Some(step) = v {
                d.dispatch(SagaAction::Seek(step));
            }
        })
    };

    let n = lab.strategy.step_count();
    let fault_rows = (0..n).map(|i| {
        let d = lab.dispatcher();
        let current = lab.plan.steps[i];
        let onchange = Callback::from(move |e: Event| {
            let v = select_value(&e);
            if let Some(f) = StepFault::ALL.into_iter().find(|f| f.to_string() == v) {
                d.dispatch(SagaAction::SetFault(i, f));
            }
        });
        html! {
            <label class="lab-field">
                <span class="lab-field-label">
                    { lang.fill(SagaMsg::FaultStep, &(i + 1).to_string()) }
                    <code>{ step_name(lab.strategy, i) }</code>
                </span>
                <select data-testid={format!("fault-{}", i + 1)} {onchange}>
                    { for StepFault::ALL.into_iter().map(|f| html! {
                        <option value={f.to_string()} selected={f == current}>{ lang.t(fault_msg(f)) }</option>
                    }) }
                </select>
            </label>
        }
    });

    let guard_box = |kind: GuardKind, on: bool, msg: SagaMsg, id: &'static str| {
        let d = lab.dispatcher();
        let onchange = Callback::from(move |_: Event| d.dispatch(SagaAction::ToggleGuard(kind)));
        html! {
            <label class="lab-check">
                <input type="checkbox" checked={on} data-testid={id} {onchange} />
                <span>{ lang.t(msg) }</span>
            </label>
        }
    };

    let last = lab.last_step();
    let world = lab.world().map(|w| Snapshot(std::rc::Rc::new(w)));
    let run = lab.run.clone();

    html! {
        <div class="page saga-lab">
            <h1 class="page-title">{ lang.t(SagaMsg::SagaTitle) }</h1>
            <p class="page-lead">{ lang.t(SagaMsg::SagaIntro) }</p>
            if let Some(e) = &*link_error {
                <p class="notice notice-error" role="alert" data-testid="link-error">{ e.message(lang) }</p>
            }

            <section class="panel lab-controls" aria-label={lang.t(SagaMsg::FaultsTitle)}>
                <div class="lab-row">
                    <label class="lab-field">
                        <span class="lab-field-label">{ lang.t(SagaMsg::SagaStrategy) }</span>
                        <select data-testid="strategy" onchange={on_strategy}>
                            { for Strategy::ALL.into_iter().map(|s| html! {
                                <option value={s.code()} selected={s == lab.strategy}>{ lang.t(strategy_msg(s)) }</option>
                            }) }
                        </select>
                    </label>
                    <label class="lab-field">
                        <span class="lab-field-label">{ lang.t(SagaMsg::SagaSeed) }</span>
                        <input class="lab-seed" type="number" min="0" data-testid="seed"
                            value={lab.seed.to_string()} onchange={on_seed} />
                    </label>
                    <button type="button" class="button" data-testid="another-seed"
                        onclick={send(SagaAction::AnotherSeed)}>{ lang.t(SagaMsg::AnotherSeed) }</button>
                </div>
                <h2 class="lab-subtitle">{ lang.t(SagaMsg::FaultsTitle) }</h2>
                <div class="lab-row">
                    { for fault_rows }
                </div>
                <div class="lab-row">
                    <label class="lab-field">
                        <span class="lab-field-label">{ lang.t(SagaMsg::CrashAfter) }</span>
                        <select data-testid="crash" onchange={on_crash}>
                            <option value="" selected={lab.plan.crash_after.is_none()}>{ lang.t(SagaMsg::CrashNever) }</option>
                            { for (0..=n as u8).map(|k| html! {
                                <option value={k.to_string()} selected={lab.plan.crash_after == Some(k)}>
                                    { lang.fill(SagaMsg::CrashAfterStep, &k.to_string()) }
                                </option>
                            }) }
                        </select>
                    </label>
                    <label class="lab-field">
                        <span class="lab-field-label">{ lang.t(SagaMsg::PartitionLabel) }</span>
                        <select data-testid="partition" onchange={on_partition}>
                            <option value="" selected={lab.plan.partition.is_none()}>{ lang.t(SagaMsg::FaultNone) }</option>
                            { for Service::ALL.into_iter().map(|s| html! {
                                <option value={s.to_string()} selected={lab.plan.partition.is_some_and(|p| p.service == s)}>
                                    { lang.t(service_msg(s)) }
                                </option>
                            }) }
                        </select>
                    </label>
                    <label class="lab-check">
                        <input type="checkbox" checked={lab.flaky} data-testid="flaky"
                            onchange={let d = lab.dispatcher(); Callback::from(move |_: Event| d.dispatch(SagaAction::ToggleFlaky))} />
                        <span>{ lang.t(SagaMsg::FlakyNetwork) }</span>
                    </label>
                </div>
                if lab.strategy == Strategy::Tcc {
                    <h2 class="lab-subtitle">{ lang.t(SagaMsg::GuardsTitle) }</h2>
                    <div class="lab-row">
                        { guard_box(GuardKind::EmptyRollback, lab.guards.empty_rollback, SagaMsg::GuardEmptyRollback, "guard-empty-rollback") }
                        { guard_box(GuardKind::Suspension, lab.guards.suspension, SagaMsg::GuardSuspension, "guard-suspension") }
                        { guard_box(GuardKind::Idempotency, lab.guards.idempotency, SagaMsg::GuardIdempotency, "guard-idempotency") }
                    </div>
                }
                <div class="lab-row">
                    <button type="button" class="button button-primary" data-testid="saga-run"
                        onclick={send(SagaAction::Run)}>{ lang.t(SagaMsg::RunLab) }</button>
                </div>
                <SharePanel state={share_state} page="labs/saga" views={&[EmbedView::Saga][..]} />
            </section>

            if let (Some(run), Some(world)) = (run, world) {
                <section class="panel lab-player" data-testid="player">
                    <div class="lab-row player-buttons">
                        <button type="button" class="button" data-testid="step-first" title={lang.t(Msg::StepFirst)}
                            aria-label={lang.t(Msg::StepFirst)} onclick={send(SagaAction::Seek(0))}>{ "|◀" }</button>
                        <button type="button" class="button" data-testid="step-back" title={lang.t(Msg::StepBack)}
                            aria-label={lang.t(Msg::StepBack)} onclick={send(SagaAction::StepBy(-1))}>{ "◀" }</button>
                        <button type="button" class="button" data-testid="play" onclick={send(SagaAction::TogglePlay)}>
                            { lang.t(if lab.playing { Msg::Pause } else { Msg::Play }) }
                        </button>
                        <button type="button" class="button" data-testid="step-forward" title={lang.t(Msg::StepForward)}
                            aria-label={lang.t(Msg::StepForward)} onclick={send(SagaAction::StepBy(1))}>{ "▶" }</button>
                        <button type="button" class="button" data-testid="step-last" title={lang.t(Msg::StepLast)}
                            aria-label={lang.t(Msg::StepLast)} onclick={send(SagaAction::Seek(last))}>{ "▶|" }</button>
                        <span class="player-pos" data-testid="step-pos">
                            { format!("{} / {}", lang.fill(Msg::StepOf, &lab.step.to_string()), last) }
                            { " · " }{ lang.fill(Msg::VirtualTime, &world.now.to_string()) }
                        </span>
                    </div>
                    <input class="player-scrubber" type="range" min="0" max={last.to_string()}
                        value={lab.step.to_string()} data-testid="scrubber" oninput={on_seek}
                        aria-label={lang.t(Msg::StepOf).replace("{n}", "")} />
                    <p class="lab-outcome" data-testid="outcome">
                        { lang.t(SagaMsg::OutcomeLabel) }{ ": " }
                        <strong>{ outcome_label(lang, &world) }</strong>
                    </p>
                </section>
                <div class="lab-grid">
                    <InvariantPanel world={world.clone()} step={lab.step} />
                    <MachineView world={world.clone()} />
                    <StateTables world={world.clone()} />
                    <section class="panel lab-panel lab-wide">
                        <h2 class="lab-subtitle">{ lang.t(SagaMsg::SequenceTitle) }</h2>
                        <p class="lab-hint">{ lang.t(SagaMsg::SequenceHint) }</p>
                        <SequenceDiagram events={run.events_between(0, lab.step).to_vec()} />
                    </section>
                    if lab.strategy == Strategy::Tcc {
                        <TccTable world={world.clone()} />
                    }
                    <TraceView trace={trace_lines(&run, lab.step)} schedule={run.schedule().to_string()} />
                </div>
            } else {
                <p class="lab-hint" data-testid="run-first">{ lang.t(SagaMsg::RunFirst) }</p>
            }

            <ExplorerView
                seeds={lab.explore_seeds}
                report={lab.report.clone()}
                on_seeds={let d = lab.dispatcher(); Callback::from(move |n: u64| d.dispatch(SagaAction::SetExploreSeeds(n)))}
                on_explore={send(SagaAction::Explore)}
                on_load={let d = lab.dispatcher(); Callback::from(move |r| d.dispatch(SagaAction::Load(Box::new(r))))}
            />
        </div>
    }
}

fn outcome_label(lang: Lang, world: &services::World) -> &'static str {
    match world.outcome {
        Some(o) => lang.t(outcome_msg(o)),
        None => lang.t(SagaMsg::OutcomePending),
    }
}

/// The trace lines up to `step`, newest last (at most the last 40).
fn trace_lines(
    run: &services::sim::Recorder<services::World>,
    step: u64,
) -> Vec<(u64, String, bool)> {
    let range = run.event_range(0, step);
    let start = range.end.saturating_sub(40).max(range.start);
    (start..range.end)
        .map(|i| {
            let s = run.event_step(i);
            (s, run.events()[i].to_string(), s == step)
        })
        .collect()
}
