//! The modules lab (`#/labs/modules`, issue 12, chapter 2.5): go.mod files of a small proxy
//! of modules, a console of go commands, and Minimal Version Selection stepped through.
//! Loaded lazily as its own wasm module (`src/bin/lab_modules.rs`).
//!
//! Holds no logic: [`state::ModulesLab`] is the reducer over `services::modules`; this
//! component lays out the registry and the go.mod editor (errors at line:col under it), the
//! console with quick commands, the player (the operator lab's: first/back/play/forward/last and
//! a scrubber over the walk's steps) and the views of `views.rs`.

pub mod msg;
pub mod state;
pub mod views;

use gloo::timers::callback::Timeout;
use services::modules::walk::WalkState;
use yew::prelude::*;

use crate::i18n::{Msg, use_lang};
use crate::labs::console;
use msg::ModMsg;
use state::{File, ModulesAction, ModulesLab as LabState};

/// One step per this many ms while playing.
pub const PLAY_INTERVAL_MS: u32 = 400;

/// The lab's root component (no props): mounted by the lazily loaded module.
#[component(ModulesLab)]
pub fn modules_lab() -> Html {
    let lang = use_lang().lang;
    let lab = use_reducer(LabState::default);
    let input = use_node_ref();

    {
        let dispatcher = lab.dispatcher();
        use_effect_with((lab.playing, lab.step), move |&(playing, _)| {
            let timer = playing.then(|| {
                Timeout::new(PLAY_INTERVAL_MS, move || {
                    dispatcher.dispatch(ModulesAction::Tick)
                })
            });
            move || drop(timer)
        });
    }

    let send = |action: ModulesAction| {
        let d = lab.dispatcher();
        Callback::from(move |_: MouseEvent| d.dispatch(action.clone()))
    };
    let select = {
        let d = lab.dispatcher();
        Callback::from(move |f: File| d.dispatch(ModulesAction::Select(f)))
    };
    let (on_key, on_run) = {
        let d = lab.dispatcher();
        console::command_line(
            &input,
            Callback::from(move |line| d.dispatch(ModulesAction::Command(line))),
        )
    };
    let on_edit = {
        let d = lab.dispatcher();
        console::text_edits(Callback::from(move |text| {
            d.dispatch(ModulesAction::Edit(text))
        }))
    };
    let on_seek = {
        let d = lab.dispatcher();
        console::range_value(Callback::from(move |step: usize| {
            d.dispatch(ModulesAction::Seek(step))
        }))
    };

    let last = lab.last_step();
    let file_name = match &lab.file {
        File::Main => match lab.project.main_mod() {
            Ok(m) => format!("go.mod ({})", m.module),
            Err(_) => "go.mod".to_string(),
        },
        File::Module { path, version } if version.is_empty() => format!("{path}/go.mod"),
        File::Module { path, version } => format!("{path}@{version} go.mod"),
    };
    let errors = lab.errors();

    html! {
        <div class="page saga-lab op-lab mod-lab">
            <h1 class="page-title">{ lang.t(ModMsg::ModTitle) }</h1>
            <p class="page-lead">{ lang.t(ModMsg::ModIntro) }</p>
            <p class="lab-hint">{ lang.t(ModMsg::ModPruning) }</p>

            <div class="op-top">
                <section class="panel lab-panel">
                    <h2 class="lab-subtitle">{ lang.t(ModMsg::ModRegistry) }</h2>
                    <p class="lab-hint">{ lang.t(ModMsg::ModRegistryHint) }</p>
                    { views::registry_view(lang, &lab.project, &lab.file, &select) }
                    <h3 class="op-h3" data-testid="mod-file-name">{ file_name }</h3>
                    <textarea class="op-yaml mod-editor" spellcheck="false" data-testid="mod-editor"
                        aria-label={lang.t(ModMsg::ModEditor)} value={lab.text()} oninput={on_edit} />
                    if errors.is_empty() {
                        <p class="lab-hint">{ lang.t(ModMsg::ModEditorHint) }</p>
                    } else {
                        <pre class="op-output op-output-error" data-testid="mod-errors" role="alert">
                            { errors.join("\n") }
                        </pre>
                    }
                </section>

                <section class="panel lab-panel op-console-panel">
                    <h2 class="lab-subtitle">{ lang.t(ModMsg::ModConsole) }</h2>
                    <div class="op-console" data-testid="mod-console" aria-live="polite">
                        { for lab.console.iter().map(|e| html! {
                            <div class="op-entry">
                                <div class="op-prompt">{ "$ " }{ e.line.clone() }</div>
                                if !e.output.is_empty() {
                                    <pre class={classes!("op-output", e.failed.then_some("op-output-error"))}>{ e.output.clone() }</pre>
                                }
                            </div>
                        }) }
                    </div>
                    <div class="op-input-row">
                        <input ref={input} class="op-input" type="text" spellcheck="false" autocomplete="off"
                            data-testid="mod-console-input" placeholder="go get golang.org/x/net@v0.15.0"
                            aria-label={lang.t(ModMsg::ModConsole)} onkeydown={on_key} />
                        <button type="button" class="button button-primary" data-testid="mod-run" onclick={on_run}>
                            { lang.t(ModMsg::ModRun) }
                        </button>
                    </div>
                    <p class="lab-hint">{ lang.t(ModMsg::ModConsoleHint) }</p>
                    <h3 class="op-h3">{ lang.t(ModMsg::ModQuick) }</h3>
                    <div class="op-buttons">
                        { for views::quick_commands().into_iter().map(|(msg, line, id)| html! {
                            <button type="button" class="button" data-testid={id} title={line}
                                onclick={send(views::command(line))}>{ lang.t(msg) }</button>
                        }) }
                        <button type="button" class="button op-chaos" data-testid="mod-reset"
                            onclick={send(ModulesAction::Reset)}>{ lang.t(ModMsg::ModReset) }</button>
                    </div>
                </section>
            </div>

            <section class="panel lab-player" data-testid="player">
                <div class="lab-row player-buttons">
                    <button type="button" class="button" data-testid="step-first" title={lang.t(Msg::StepFirst)}
                        aria-label={lang.t(Msg::StepFirst)} onclick={send(ModulesAction::Seek(0))}>{ "|◀" }</button>
                    <button type="button" class="button" data-testid="step-back" title={lang.t(Msg::StepBack)}
                        aria-label={lang.t(Msg::StepBack)} onclick={send(ModulesAction::StepBy(-1))}>{ "◀" }</button>
                    <button type="button" class="button" data-testid="play" onclick={send(ModulesAction::TogglePlay)}>
                        { lang.t(if lab.playing { Msg::Pause } else { Msg::Play }) }
                    </button>
                    <button type="button" class="button" data-testid="step-forward" title={lang.t(Msg::StepForward)}
                        aria-label={lang.t(Msg::StepForward)} onclick={send(ModulesAction::StepBy(1))}>{ "▶" }</button>
                    <button type="button" class="button" data-testid="step-last" title={lang.t(Msg::StepLast)}
                        aria-label={lang.t(Msg::StepLast)} onclick={send(ModulesAction::SeekEnd)}>{ "▶|" }</button>
                    <span class="player-pos" data-testid="step-pos">
                        { format!("{} / {}", lang.fill(Msg::StepOf, &lab.step.to_string()), last) }
                    </span>
                </div>
                <input class="player-scrubber" type="range" min="0" max={last.to_string()}
                    value={lab.step.to_string()} data-testid="scrubber" oninput={on_seek}
                    aria-label={lang.t(Msg::Scrubber)} />
                { match &lab.walk {
                    Ok(bl) => html! { <p class="op-why mod-why" data-testid="mod-why">{ views::explain(lang, bl, lab.step) }</p> },
                    Err(e) => html! { <pre class="op-output op-output-error" data-testid="mod-walk-error">{ e.clone() }</pre> },
                } }
            </section>

            <div class="lab-grid">
                { match &lab.walk {
                    Ok(bl) => {
                        let st = WalkState::at(&bl.steps, lab.step);
                        html! {
                            <>
                                { views::graph_view(lang, bl, &st) }
                                { views::build_list_view(lang, &lab.project, bl, &st) }
                            </>
                        }
                    }
                    Err(_) => html! {},
                } }
                { views::diff_view(lang, lab.change.as_ref()) }
            </div>
        </div>
    }
}
