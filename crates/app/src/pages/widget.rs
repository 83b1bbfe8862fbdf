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

#[component(WidgetPage)]
pub fn widget_page(props: &WidgetProps) -> Html {
    let lang = use_lang().lang;
    let view = props.view;
    let state = use_memo((), |_| fragment_state());
    let body = match (view.source(), &*state) {
        (_, Err(e)) => notice(lang, "embed-error", e.message(lang)),
        (Source::NotInBuild, _) if view == EmbedView::Unknown => notice(
            lang,
            "embed-unavailable",
            lang.t(Msg::EmbedUnknownView).to_owned(),
        ),
        (Source::NotInBuild, _) => notice(
            lang,
            "embed-unavailable",
            lang.fill(Msg::EmbedNotInBuild, view.name()),
        ),
        (Source::Runtime, Ok(Some(s))) => match crate::examples::program_of(&s.subject) {
            Some(source) => html! {
                <RuntimeWidget {view} share={Rc::new(s.clone())} source={AttrValue::from(source)} />
            },
            None => notice(lang, "embed-error", lang.t(Msg::EmbedNoProgram).to_owned()),
        },
        (Source::Lab("saga"), Ok(Some(s))) if matches!(&s.subject, Subject::Lab { id, .. } if id == "saga") =>
        {
            html! { <SagaWidget share={Rc::new(s.clone())} /> }
        }
        (_, _) => notice(lang, "embed-error", lang.t(Msg::EmbedNoProgram).to_owned()),
    };
    html! {
        <div class="embed" data-testid="embed" data-view={view.name()}>{ body }</div>
    }
}

/// A notice in place of the view (bad link, view not in this build), with the bar and a
/// height report so the host page still sizes the frame.
fn notice(lang: Lang, testid: &'static str, text: String) -> Html {
    html! { <Notice {lang} {testid} {text} /> }
}

#[derive(Properties, PartialEq)]
struct NoticeProps {
    lang: Lang,
    testid: &'static str,
    text: String,
}

#[component(Notice)]
fn notice_box(p: &NoticeProps) -> Html {
    let root = use_node_ref();
    use_bridge(root.clone(), Callback::noop());
    html! {
        <div ref={root} class="embed-frame">
            { bar(p.lang, None, "./#/embed".into()) }
            <p class="notice embed-notice" role="status" data-testid={p.testid}>{ p.text.clone() }</p>
        </div>
    }
}

/// The widget's top bar: the view's title and the link to the full site at the same state.
fn bar(lang: Lang, view: Option<EmbedView>, open: String) -> Html {
    html! {
        <div class="embed-bar">
            <span class="embed-brand">{ "goscope" }</span>
            if let Some(v) = view {
                <span class="embed-title">{ lang.t(v.title()) }</span>
            }
            <a class="embed-open" href={open} target="_blank" rel="noopener" data-testid="embed-open">
                { lang.t(Msg::OpenInGoscope) }{ " ↗" }
            </a>
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

/// Reports the step to the host page, and the end once reached.
fn report_step(step: u64, last: u64) {
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

fn command_action(c: Command) -> PlayerAction {
    match c {
        Command::Goto(step) => PlayerAction::Seek(step),
        Command::Play => PlayerAction::SetPlaying(true),
        Command::Pause => PlayerAction::SetPlaying(false),
    }
}

#[derive(Properties, PartialEq)]
struct RuntimeProps {
    view: EmbedView,
    share: Rc<ShareState>,
    source: AttrValue,
}

#[component(RuntimeWidget)]
fn runtime_widget(p: &RuntimeProps) -> Html {
    let lang = use_lang().lang;
    let share = p.share.clone();
    let state = use_reducer(|| PlaygroundState::new(p.source.clone()));
    {
        let dispatcher = state.dispatcher();
        let source = p.source.clone();
        use_effect_with((), move |_| {
            dispatcher.dispatch(Action::Open(Box::new((*share).clone()), source))
        });
    }
    {
        let dispatcher = state.dispatcher();
        use_effect_with((state.session_id(), state.tick), move |&(session, _)| {
            let timer =
                session.map(|id| Timeout::new(0, move || dispatcher.dispatch(Action::Tick(id))));
            move || drop(timer)
        });
    }
    let root = use_node_ref();
    {
        let dispatcher = state.dispatcher();
        use_bridge(
            root.clone(),
            Callback::from(move |c| dispatcher.dispatch(Action::Player(command_action(c)))),
        );
    }
    let position = state
        .replay
        .as_ref()
        .map(|r| (r.player.step, r.trace.recorder.steps()));
    let name = p.view.name();
    use_effect_with(position.map(|(_, last)| last), move |last| {
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
    use_effect_with(position, |pos| {
        if let Some((step, last)) = *pos {
            report_step(step, last);
        }
    });

    let on_action = {
        let dispatcher = state.dispatcher();
        Callback::from(move |a| dispatcher.dispatch(Action::Player(a)))
    };
    let content = match &state.replay {
        Some(r) => {
            let events = r.events();
            let view = match p.view {
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
            };
            html! {
                <>
                    <Player state={r.player} last={r.trace.recorder.steps()} markers={Rc::from(Vec::new())}
                        on_action={on_action.clone()} compact=true />
                    { view }
                </>
            }
        }
        None => match state.run.phase {
            Phase::BuildFailed => html! {
                <pre class="embed-output stderr" data-testid="embed-error">
                    { for state.run.diagnostics.iter().map(|d| format!("{}\n", d.rendered)) }
                </pre>
            },
            _ => html! {
                <p class="embed-status" role="status">{ lang.fill(Msg::Running, &crate::i18n::group_digits(state.run.steps)) }</p>
            },
        },
    };
    html! {
        <div ref={root} class="embed-frame">
            { bar(lang, Some(p.view), open_href(&p.share)) }
            { content }
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct SagaProps {
    share: Rc<ShareState>,
}

#[component(SagaWidget)]
fn saga_widget(p: &SagaProps) -> Html {
    let lang = use_lang().lang;
    let lab = use_reducer(|| {
        let mut lab = SagaLab::default();
        if let Subject::Lab { params, .. } = &p.share.subject {
            lab.set_params(params);
        }
        lab
    });
    {
        let dispatcher = lab.dispatcher();
        let step = p.share.step;
        use_effect_with((), move |_| {
            dispatcher.dispatch(SagaAction::Run);
            dispatcher.dispatch(SagaAction::Seek(step));
        });
    }
    let root = use_node_ref();
    {
        let dispatcher = lab.dispatcher();
        use_bridge(
            root.clone(),
            Callback::from(move |c| {
                dispatcher.dispatch(match c {
                    Command::Goto(s) => SagaAction::Seek(s),
                    Command::Play => SagaAction::SetPlaying(true),
                    Command::Pause => SagaAction::SetPlaying(false),
                })
            }),
        );
    }
    let last = lab.last_step();
    let ran = lab.run.is_some();
    use_effect_with((ran, lab.step, last), |&(ran, step, last)| {
        if ran {
            report_step(step, last);
        }
    });
    let on_action = {
        let dispatcher = lab.dispatcher();
        Callback::from(move |a: PlayerAction| {
            dispatcher.dispatch(match a {
                PlayerAction::First => SagaAction::Seek(0),
                PlayerAction::Last => SagaAction::Seek(u64::MAX),
                PlayerAction::StepEvent(d) | PlayerAction::StepKind(d) => {
                    SagaAction::StepBy(d.into())
                }
                PlayerAction::Seek(s) => SagaAction::Seek(s),
                PlayerAction::TogglePlay => SagaAction::TogglePlay,
                PlayerAction::SetPlaying(on) => SagaAction::SetPlaying(on),
                PlayerAction::Tick => SagaAction::Tick,
                PlayerAction::SetSpeed(_) | PlayerAction::SetKind(_) => return,
            })
        })
    };
    let player = PlayerState {
        step: lab.step,
        playing: lab.playing,
        ..PlayerState::default()
    };
    let content = match (&lab.run, lab.world()) {
        (Some(run), Some(world)) => {
            let outcome = match world.outcome {
                Some(o) => lang.t(outcome_msg(o)),
                None => lang.t(Msg::OutcomePending),
            };
            let world = Snapshot(Rc::new(world));
            html! {
                <>
                    <Player state={player} {last} markers={Rc::from(Vec::new())} {on_action} compact=true />
                    <p class="lab-outcome" data-testid="outcome">{ lang.t(Msg::OutcomeLabel) }{ ": " }<strong>{ outcome }</strong></p>
                    <section class="panel lab-panel">
                        <SequenceDiagram events={run.events_between(0, lab.step).to_vec()} />
                    </section>
                    <InvariantPanel world={world} step={lab.step} />
                </>
            }
        }
        _ => html! {},
    };
    html! {
        <div ref={root} class="embed-frame">
            { bar(lang, Some(EmbedView::Saga), open_href(&p.share)) }
            { content }
        </div>
    }
}
