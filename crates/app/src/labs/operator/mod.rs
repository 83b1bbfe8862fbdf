//! The operator lab (`#/labs/operator`, issue 9): a CRD, an API server, an informer and a
//! reconcile loop, stepped through in the browser. Loaded lazily as its own wasm module
//! (`src/bin/lab_operator.rs`).
//!
//! Holds no logic: [`state::OperatorLab`] is the reducer that calls `services::operator`;
//! this component lays out the YAML files, the console with its quick actions and chaos
//! buttons, the player (the Saga lab's pattern: first/back/play/forward/last, a scrubber;
//! play advances one step per [`PLAY_INTERVAL_MS`]) and the views of `views.rs`.

pub mod msg;
pub mod state;
pub mod views;
mod widget;

pub use widget::{OperatorWidget, scenario as widget_scenario};

use gloo::timers::callback::Timeout;
use yew::prelude::*;

use crate::i18n::{Msg, use_lang};
use crate::labs::console;
use msg::OpMsg;
use state::{CRD_FILE, DB_FILE, OperatorAction, OperatorLab as LabState};

/// One step per this many ms while playing.
pub const PLAY_INTERVAL_MS: u32 = 350;

/// The lab's root component (no props): mounted by the lazily loaded module.
#[component(OperatorLab)]
pub fn operator_lab() -> Html {
    let lang = use_lang().lang;
    // Opened from a link (the widget's "Open in goscope"): the link's script at its step;
    // otherwise the learner's own lab as they left it.
    let lab = use_reducer(|| {
        let hash = crate::share::page_fragment();
        match crate::share::lab_params(&hash) {
            Some((params, step)) => widget::scenario(&params, step),
            None => LabState::restored(),
        }
    });
    let input = use_node_ref();

    {
        let dispatcher = lab.dispatcher();
        use_effect_with((lab.playing, lab.step), move |&(playing, _)| {
            let timer = playing.then(|| {
                Timeout::new(PLAY_INTERVAL_MS, move || {
                    dispatcher.dispatch(OperatorAction::Tick)
                })
            });
            move || drop(timer)
        });
    }

    let send = |action: OperatorAction| {
        let d = lab.dispatcher();
        Callback::from(move |_: MouseEvent| d.dispatch(action.clone()))
    };
    let command = |line: String| send(OperatorAction::Command(line));
    let (on_key, on_run) = {
        let d = lab.dispatcher();
        console::command_line(
            &input,
            Callback::from(move |line| d.dispatch(OperatorAction::Command(line))),
        )
    };
    let on_edit = {
        let d = lab.dispatcher();
        console::text_edits(Callback::from(move |text| {
            d.dispatch(OperatorAction::EditFile(text))
        }))
    };
    let on_seek = {
        let d = lab.dispatcher();
        console::range_value(Callback::from(move |step: u64| {
            d.dispatch(OperatorAction::Seek(step))
        }))
    };

    let cluster = lab.cluster();
    let last = lab.last_step();
    let step_events = lab
        .run
        .events_between(lab.step.saturating_sub(1), lab.step)
        .to_vec();
    let trace = {
        let range = lab.run.event_range(0, lab.step);
        let start = range.end.saturating_sub(40).max(range.start);
        (start..range.end)
            .map(|i| {
                let s = lab.run.event_step(i);
                (s, lab.run.events()[i].to_string(), s == lab.step)
            })
            .collect::<Vec<_>>()
    };
    let end_time = lab.run.current().now.max(cluster.now);
    let seed_crd = lab.files[0].1 == services::operator::SEED_CRD;

    let quick = [
        (
            OpMsg::OpApplyCrd,
            format!("kubectl apply -f {CRD_FILE}"),
            "op-apply-crd",
        ),
        (
            OpMsg::OpApplyDb,
            format!("kubectl apply -f {DB_FILE}"),
            "op-apply-db",
        ),
        (
            OpMsg::OpScale5,
            r#"kubectl patch db my-db --type=merge -p '{"spec":{"replicas":5}}'"#.to_string(),
            "op-scale-5",
        ),
        (
            OpMsg::OpDeletePod,
            "kubectl delete pod my-db-1".to_string(),
            "op-delete-pod",
        ),
        (
            OpMsg::OpDrift,
            "kubectl scale statefulset my-db --replicas=1".to_string(),
            "op-drift",
        ),
        (
            OpMsg::OpDeleteDb,
            "kubectl delete db my-db".to_string(),
            "op-delete-db",
        ),
    ];
    let chaos = [
        (OpMsg::OpConflicts, "chaos conflict 3", "op-conflicts"),
        (OpMsg::OpErrors, "chaos error 3", "op-errors"),
        (OpMsg::OpLoseEvents, "chaos lose-events 5", "op-lose"),
        (
            if cluster.running {
                OpMsg::OpStop
            } else {
                OpMsg::OpStart
            },
            if cluster.running {
                "operator stop"
            } else {
                "operator start"
            },
            "op-toggle-operator",
        ),
        (OpMsg::OpCalm, "chaos calm", "op-calm"),
    ];

    html! {
        <div class="page saga-lab op-lab">
            <h1 class="page-title">{ lang.t(OpMsg::OperatorTitle) }</h1>
            <p class="page-lead">{ lang.t(OpMsg::OperatorIntro) }</p>

            <div class="op-top">
                <section class="panel lab-panel op-files">
                    <h2 class="lab-subtitle">{ lang.t(OpMsg::OpFiles) }</h2>
                    <div class="op-tabs" role="tablist">
                        { for lab.files.iter().enumerate().map(|(i, (name, _))| html! {
                            <button type="button" role="tab" aria-selected={(i == lab.file).to_string()}
                                class={classes!("op-tab", (i == lab.file).then_some("op-tab-on"))}
                                data-testid={format!("op-file-{i}")}
                                onclick={send(OperatorAction::SelectFile(i))}>{ name.clone() }</button>
                        }) }
                    </div>
                    <textarea class="op-yaml" spellcheck="false" data-testid="op-yaml" aria-label={lang.t(OpMsg::OpFiles)}
                        value={lab.files[lab.file].1.clone()} oninput={on_edit} />
                    <p class="lab-hint">
                        { lang.t(OpMsg::OpFilesHint) }{ " " }
                        <button type="button" class="button op-link" data-testid="op-crd-variant"
                            onclick={send(OperatorAction::UseSeedCrd(!seed_crd))}>
                            { lang.t(if seed_crd { OpMsg::OpUseLabCrd } else { OpMsg::OpUseSeedCrd }) }
                        </button>
                    </p>
                </section>

                <section class="panel lab-panel op-console-panel">
                    <h2 class="lab-subtitle">{ lang.t(OpMsg::OpConsole) }</h2>
                    <div class="op-console" data-testid="op-console" aria-live="polite">
                        { for lab.console().into_iter().map(|(line, output, failed)| html! {
                            <div class="op-entry">
                                <div class="op-prompt">{ "$ " }{ line }</div>
                                if !output.is_empty() {
                                    <pre class={classes!("op-output", failed.then_some("op-output-error"))}>{ output }</pre>
                                }
                            </div>
                        }) }
                    </div>
                    <div class="op-input-row">
                        <input ref={input} class="op-input" type="text" spellcheck="false" autocomplete="off"
                            data-testid="op-console-input" placeholder="kubectl get pods" aria-label={lang.t(OpMsg::OpConsole)}
                            onkeydown={on_key} />
                        <button type="button" class="button button-primary" data-testid="op-run" onclick={on_run}>{ lang.t(OpMsg::OpRunCommand) }</button>
                    </div>
                    <p class="lab-hint">{ lang.t(OpMsg::OpConsoleHint) }</p>
                    <h3 class="op-h3">{ lang.t(OpMsg::OpQuick) }</h3>
                    <div class="op-buttons">
                        { for quick.into_iter().map(|(msg, line, id)| html! {
                            <button type="button" class="button" data-testid={id} title={line.clone()} onclick={command(line)}>{ lang.t(msg) }</button>
                        }) }
                    </div>
                    <h3 class="op-h3">{ lang.t(OpMsg::OpChaos) }</h3>
                    <div class="op-buttons">
                        { for chaos.into_iter().map(|(msg, line, id)| html! {
                            <button type="button" class="button op-chaos" data-testid={id} title={line} onclick={command(line.to_string())}>{ lang.t(msg) }</button>
                        }) }
                    </div>
                </section>
            </div>

            <section class="panel lab-player" data-testid="player">
                <div class="lab-row player-buttons">
                    <button type="button" class="button" data-testid="step-first" title={lang.t(Msg::StepFirst)}
                        aria-label={lang.t(Msg::StepFirst)} onclick={send(OperatorAction::Seek(0))}>{ "|◀" }</button>
                    <button type="button" class="button" data-testid="step-back" title={lang.t(Msg::StepBack)}
                        aria-label={lang.t(Msg::StepBack)} onclick={send(OperatorAction::StepBy(-1))}>{ "◀" }</button>
                    <button type="button" class="button" data-testid="play" onclick={send(OperatorAction::TogglePlay)}>
                        { lang.t(if lab.playing { Msg::Pause } else { Msg::Play }) }
                    </button>
                    <button type="button" class="button" data-testid="step-forward" title={lang.t(Msg::StepForward)}
                        aria-label={lang.t(Msg::StepForward)} onclick={send(OperatorAction::StepBy(1))}>{ "▶" }</button>
                    <button type="button" class="button" data-testid="step-last" title={lang.t(Msg::StepLast)}
                        aria-label={lang.t(Msg::StepLast)} onclick={send(OperatorAction::SeekEnd)}>{ "▶|" }</button>
                    <span class="player-pos" data-testid="step-pos">
                        { format!("{} / {}", lang.fill(Msg::StepOf, &lab.step.to_string()), last) }
                        { " · " }{ lang.fill(Msg::VirtualTime, &cluster.now.to_string()) }
                    </span>
                </div>
                <input class="player-scrubber" type="range" min="0" max={last.to_string()}
                    value={lab.step.to_string()} data-testid="scrubber" oninput={on_seek}
                    aria-label={lang.t(Msg::Scrubber)} />
            </section>

            <div class="lab-grid">
                { views::loop_view(lang, &step_events) }
                { views::timeline_view(lang, &lab.run.current().samples, cluster.now, end_time, cluster.converged) }
                { views::tree_view(lang, &cluster, &step_events) }
                { views::queue_view(lang, &cluster) }
                { views::trace_view(lang, trace) }
            </div>
        </div>
    }
}
