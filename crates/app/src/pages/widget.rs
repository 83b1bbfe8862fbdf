//! An embedded widget (`#/embed/VIEW?...`): one view, no site chrome, a minimal player, an
//! "Open in goscope" link, and the postMessage bridge to the host page (`embed::bridge`).
//!
//! The state comes only from the fragment (`crate::share::from_fragment`): nothing is read
//! from or needed in storage, so a widget works where third-party cookies and storage are
//! blocked. Language and theme come from the link (`lang=`, `theme=`; see `app.rs`).
//!
//! A runtime view reuses the Playground's reducer ([`PlaygroundState`]): the program is
//! recorded in slices exactly as on the Playground, then opened at the link's step. The Saga
//! widget reuses the lab's reducer the same way. A documented view this build does not have
//! renders the "not available in this build" notice (see `embed/mod.rs`).
//!
//! One component for every kind of widget, on purpose: each yew component costs several KB
//! of generic code and the site has a size budget. Both reducers are created (empty ones
//! cost nothing); only the one the link asks for is started.

use std::rc::Rc;

use gloo::timers::callback::Timeout;
use wasm_bindgen::JsValue;
use yew::prelude::*;

use super::saga_state::{SagaAction, SagaLab};
use super::saga_views::{InvariantPanel, SequenceDiagram, Snapshot, outcome_msg};
use crate::embed::bridge::{Command, post, use_bridge};
use crate::embed::{EmbedView, Source};
use crate::i18n::{Lang, Msg, use_lang};
use crate::player::{Player, PlayerAction, PlayerState};
use crate::share::{self, ShareState, Subject};
use crate::state::{Action, Phase, PlaygroundState};
use crate::views::{channel_view, explanation, scheduler_view, timeline_view};

#[derive(Properties, PartialEq)]
pub struct WidgetProps {
    pub view: EmbedView,
}

/// Reads the widget's state from the page's fragment.
fn fragment_state() -> Result<Option<ShareState>, share::ShareError> {
    let hash = web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default();
    share::from_fragment(&hash)
}

/// What a widget shows, decided from its link.
enum Content {
    Notice(&'static str, String),
    Program(Box<ShareState>, String),
    Saga(Box<ShareState>),
}

fn content(
    lang: Lang,
    view: EmbedView,
    link: &Result<Option<ShareState>, share::ShareError>,
) -> Content {
    let missing = || Content::Notice("embed-error", lang.t(Msg::EmbedNoProgram).to_owned());
    match (view.source(), link) {
        (_, Err(e)) => Content::Notice("embed-error", e.message(lang)),
        (Source::NotInBuild, _) if view == EmbedView::Unknown => Content::Notice(
            "embed-unavailable",
            lang.t(Msg::EmbedUnknownView).to_owned(),
        ),
        (Source::NotInBuild, _) => Content::Notice(
            "embed-unavailable",
            lang.fill(Msg::EmbedNotInBuild, view.name()),
        ),
        (Source::Runtime, Ok(Some(s))) => match crate::examples::program_of(&s.subject) {
            Some(source) => Content::Program(Box::new(s.clone()), source),
            None => missing(),
        },
        (Source::Lab(id), Ok(Some(s))) if matches!(&s.subject, Subject::Lab { id: lab, .. } if lab == id) => {
            Content::Saga(Box::new(s.clone()))
        }
        _ => missing(),
    }
}

#[component(WidgetPage)]
pub fn widget_page(props: &WidgetProps) -> Html {
    let lang = use_lang().lang;
    let view = props.view;
    let link = use_memo((), |_| fragment_state());
    let content = content(lang, view, &link);
    let program = use_reducer(|| PlaygroundState::new(""));
    let lab = use_reducer(SagaLab::default);
    let root = use_node_ref();

    // Start what the link asks for, once.
    {
        let (program, lab) = (program.dispatcher(), lab.dispatcher());
        let start = match &content {
            Content::Program(s, source) => Some(Action::Open(s.clone(), source.clone().into())),
            _ => None,
        };
        let open_lab = match &content {
            Content::Saga(s) => match &s.subject {
                Subject::Lab { params, .. } => Some(SagaAction::Open(params.clone(), s.step)),
                _ => None,
            },
            _ => None,
        };
        use_effect_with((), move |_| {
            if let Some(a) = start {
                program.dispatch(a);
            }
            if let Some(a) = open_lab {
                lab.dispatch(a);
            }
        });
    }
    // The program's slices, as on the Playground.
    {
        let dispatcher = program.dispatcher();
        use_effect_with(
            (program.session_id(), program.tick),
            move |&(session, _)| {
                let timer = session
                    .map(|id| Timeout::new(0, move || dispatcher.dispatch(Action::Tick(id))));
                move || drop(timer)
            },
        );
    }
    let is_lab = matches!(content, Content::Saga(_));
    {
        let (program, lab) = (program.dispatcher(), lab.dispatcher());
        use_bridge(
            root.clone(),
            Callback::from(move |c| {
                if is_lab {
                    lab.dispatch(match c {
                        Command::Goto(s) => SagaAction::Seek(s),
                        Command::Play => SagaAction::SetPlaying(true),
                        Command::Pause => SagaAction::SetPlaying(false),
                    })
                } else {
                    program.dispatch(Action::Player(command_action(c)))
                }
            }),
        );
    }
    // Where the player is: (step, last, playing), once there is something to play.
    let position = match &content {
        Content::Program(..) => program
            .replay
            .as_ref()
            .map(|r| (r.player.step, r.trace.recorder.steps(), r.player.playing)),
        Content::Saga(_) => lab.run.as_ref().map(|r| (lab.step, r.steps(), lab.playing)),
        Content::Notice(..) => None,
    };
    {
        let name = view.name();
        use_effect_with(position.map(|p| p.1), move |last| {
            if let Some(last) = *last {
                post(
                    "ready",
                    &[
                        ("view", JsValue::from_str(name)),
                        ("last", JsValue::from(last as f64)),
                    ],
                );
            }
        });
    }
    use_effect_with(position.map(|p| (p.0, p.1)), |pos| {
        if let Some((step, last)) = *pos {
            post(
                "step",
                &[
                    ("step", JsValue::from(step as f64)),
                    ("last", JsValue::from(last as f64)),
                ],
            );
            if step >= last {
                post("finished", &[("step", JsValue::from(step as f64))]);
            }
        }
    });
    let player = |on_action: Callback<PlayerAction>| match position {
        Some((step, last, playing)) => html! {
            <Player state={PlayerState { step, playing, ..PlayerState::default() }} {last}
                markers={Rc::from(Vec::new())} {on_action} compact=true />
        },
        None => html! {},
    };
    let (open, body) = match &content {
        Content::Notice(testid, text) => (
            "./#/embed".to_owned(),
            html! { <p class="notice embed-notice" role="status" data-testid={*testid}>{ text.clone() }</p> },
        ),
        Content::Program(s, _) => {
            let on_action = {
                let d = program.dispatcher();
                Callback::from(move |a| d.dispatch(Action::Player(a)))
            };
            (
                open_href(s),
                html! { <>{ player(on_action.clone()) }{ program_view(lang, view, &program, &on_action) }</> },
            )
        }
        Content::Saga(s) => {
            let d = lab.dispatcher();
            let on_action = Callback::from(move |a: PlayerAction| {
                d.dispatch(match a {
                    PlayerAction::First => SagaAction::Seek(0),
                    PlayerAction::Last => SagaAction::Seek(u64::MAX),
                    PlayerAction::StepEvent(d) | PlayerAction::StepKind(d) => {
                        SagaAction::StepBy(d.into())
                    }
                    PlayerAction::Seek(s) => SagaAction::Seek(s),
                    PlayerAction::TogglePlay => SagaAction::TogglePlay,
                    // The player's own timer plays the lab too.
                    PlayerAction::Tick => SagaAction::Tick,
                    PlayerAction::SetPlaying(on) => SagaAction::SetPlaying(on),
                    PlayerAction::SetSpeed(_) | PlayerAction::SetKind(_) => return,
                })
            });
            (
                open_href(s),
                html! { <>{ player(on_action) }{ saga_view(lang, &lab) }</> },
            )
        }
    };
    let title = (!matches!(content, Content::Notice(..))).then(|| lang.t(view.title()));
    html! {
        <div class="embed" data-testid="embed" data-view={view.name()}>
            <div ref={root} class="embed-frame">
                <div class="embed-bar">
                    <span class="embed-brand">{ "goscope" }</span>
                    if let Some(title) = title {
                        <span class="embed-title">{ title }</span>
                    }
                    <a class="embed-open" href={open} target="_blank" rel="noopener" data-testid="embed-open">
                        { lang.t(Msg::OpenInGoscope) }{ " ↗" }
                    </a>
                </div>
                { body }
            </div>
        </div>
    }
}

/// The link to the full site showing `state` (its lab page, or the Playground).
fn open_href(state: &ShareState) -> String {
    let mut full = state.clone();
    full.view = None;
    let page = match &state.subject {
        Subject::Lab { id, .. } => format!("labs/{id}"),
        _ => String::new(),
    };
    format!("./#/{page}?s={}", share::encode(&full))
}

fn command_action(c: Command) -> PlayerAction {
    match c {
        Command::Goto(step) => PlayerAction::Seek(step),
        Command::Play => PlayerAction::SetPlaying(true),
        Command::Pause => PlayerAction::SetPlaying(false),
    }
}

/// A runtime view of the recorded program at the player's step (or the run's progress).
fn program_view(
    lang: Lang,
    view: EmbedView,
    state: &PlaygroundState,
    on_action: &Callback<PlayerAction>,
) -> Html {
    let Some(r) = &state.replay else {
        return match state.run.phase {
            Phase::BuildFailed => html! {
                <pre class="embed-output stderr" data-testid="embed-error">
                    { for state.run.diagnostics.iter().map(|d| format!("{}\n", d.rendered)) }
                </pre>
            },
            _ => html! {
                <p class="embed-status" role="status">{ lang.fill(Msg::Running, &crate::i18n::group_digits(state.run.steps)) }</p>
            },
        };
    };
    let events = r.events();
    match view {
        EmbedView::Scheduler => html! {
            <>{ explanation(lang, events) }{ scheduler_view(lang, &r.view, events, None, &Callback::noop()) }</>
        },
        EmbedView::Timeline => timeline_view(
            lang,
            &r.timeline,
            r.player.step,
            &on_action.reform(PlayerAction::Seek),
        ),
        EmbedView::Channels => html! {
            <>{ explanation(lang, events) }{ channel_view(lang, &r.view, events) }</>
        },
        _ => {
            let (out, err) = r.trace.printed_upto(r.player.step);
            html! {
                <>
                    { explanation(lang, events) }
                    <pre class="embed-output" data-testid="embed-output">
                        { out }<span class="stderr">{ err }</span>
                    </pre>
                </>
            }
        }
    }
}

/// The Saga lab's widget: outcome, sequence diagram and invariants at the step.
fn saga_view(lang: Lang, lab: &SagaLab) -> Html {
    let (Some(run), Some(world)) = (&lab.run, lab.world()) else {
        return html! {};
    };
    let outcome = match world.outcome {
        Some(o) => lang.t(outcome_msg(o)),
        None => lang.t(Msg::OutcomePending),
    };
    let world = Snapshot(Rc::new(world));
    html! {
        <>
            <p class="lab-outcome" data-testid="outcome">{ lang.t(Msg::OutcomeLabel) }{ ": " }<strong>{ outcome }</strong></p>
            <section class="panel lab-panel">
                <SequenceDiagram events={run.events_between(0, lab.step).to_vec()} />
            </section>
            <InvariantPanel {world} step={lab.step} />
        </>
    }
}
