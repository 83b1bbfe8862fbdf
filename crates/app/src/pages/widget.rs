//! An embedded widget (`#/embed/VIEW?...`): one view, no site chrome, a minimal player, an
//! "Open in goscope" link, and the postMessage bridge to the host page (`embed::bridge`).
//!
//! The state comes only from the fragment (`crate::share::from_fragment`): nothing is read
//! from or needed in storage, so a widget works where third-party cookies and storage are
//! blocked. Language and theme come from the link (`lang=`, `theme=`; see `app.rs`).
//!
//! A runtime view reuses the Playground's reducer ([`PlaygroundState`]): the program is
//! recorded in slices exactly as on the Playground, then opened at the link's step. A lab's
//! widget is the lab's own lazily loaded module (`LazyLab { widget: true }`, e.g.
//! `pages/saga_widget.rs`) mounted inside this page's frame, which keeps the bar, the
//! "Open in goscope" link and the height reports; the lab's component reads the link and
//! talks to the host page itself. A documented view this build does not have renders the
//! "not available in this build" notice (see `embed/mod.rs`).

use std::rc::Rc;

use gloo::timers::callback::Timeout;
use wasm_bindgen::JsValue;
use yew::prelude::*;

use crate::embed::bridge::{Command, post, report_step, use_commands, use_height_report};
use crate::embed::{EmbedView, Source};
use crate::i18n::{Lang, Msg, use_lang};
use crate::labs::{LabId, LazyLab};
use crate::player::{Player, PlayerAction, PlayerState};
use crate::share::{self, ShareState, Subject};
use crate::state::{Action, Phase, PlaygroundState};
use crate::views::{
    channel_view, clocks_view, explanation, gc_timeline_view, hb_graph_view, heap_view, race_panel,
    scheduler_view, timeline_view,
};

#[derive(Properties, PartialEq)]
pub struct WidgetProps {
    pub view: EmbedView,
}

/// Reads the widget's state from the page's fragment.
fn fragment_state() -> Result<Option<ShareState>, share::ShareError> {
    let hash = crate::share::page_fragment();
    share::from_fragment(&hash)
}

/// What a widget shows, decided from its link.
enum Content {
    Notice(&'static str, String),
    Program(Box<ShareState>, String),
    Lab(LabId, Box<ShareState>),
}

fn content(
    lang: Lang,
    view: EmbedView,
    link: &Result<Option<ShareState>, share::ShareError>,
) -> Content {
    let missing = || Content::Notice("embed-error", lang.t(Msg::EmbedNoProgram).to_owned());
    let not_in_build = || {
        let text = match view {
            EmbedView::Unknown => lang.t(Msg::EmbedUnknownView).to_owned(),
            _ => lang.fill(Msg::EmbedNotInBuild, view.name()),
        };
        Content::Notice("embed-unavailable", text)
    };
    match (view.source(), link) {
        (_, Err(e)) => Content::Notice("embed-error", e.message(lang)),
        (Source::NotInBuild, _) => not_in_build(),
        (Source::Runtime, Ok(Some(s))) => match crate::examples::program_of(&s.subject) {
            Some(source) => {
                let mut s = s.clone();
                // The memory-model view exists only for a race-mode run.
                s.race |= view == EmbedView::Race;
                Content::Program(Box::new(s), source)
            }
            None => missing(),
        },
        (Source::Lab(id), Ok(Some(s))) => match (&s.subject, LabId::from_slug(id)) {
            (Subject::Lab { id: named, .. }, Some(lab)) if named == id => {
                Content::Lab(lab, Box::new(s.clone()))
            }
            (_, None) => not_in_build(),
            _ => missing(),
        },
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
    let root = use_node_ref();

    // Start the program the link asks for, once (a lab's module starts itself).
    {
        let program = program.dispatcher();
        let start = match &content {
            Content::Program(s, source) => Some(Action::Open(s.clone(), source.clone().into())),
            _ => None,
        };
        use_effect_with((), move |_| {
            if let Some(a) = start {
                program.dispatch(a);
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
    use_height_report(root.clone());
    let is_program = matches!(content, Content::Program(..));
    {
        let program = program.dispatcher();
        use_commands(Callback::from(move |c| {
            if is_program {
                program.dispatch(Action::Player(command_action(c)));
            }
        }));
    }
    // Where the program's player is: (step, last, playing), once recorded.
    let position = program
        .replay
        .as_ref()
        .filter(|_| is_program)
        .map(|r| (r.player.step, r.trace.recorder.steps(), r.player.playing));
    {
        let name = view.name();
        use_effect_with(position.map(|p| p.1), move |last| {
            if let Some(last) = *last {
                let last = JsValue::from(last as f64);
                post(
                    "ready",
                    &[("view", JsValue::from_str(name)), ("last", last)],
                );
            }
        });
    }
    use_effect_with(position.map(|p| (p.0, p.1)), |pos| {
        if let Some((step, last)) = *pos {
            report_step(step, last);
        }
    });
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
            let player = match position {
                Some((step, last, playing)) => html! {
                    <Player state={PlayerState { step, playing, ..PlayerState::default() }} {last}
                        markers={Rc::from(Vec::new())} on_action={on_action.clone()} compact=true />
                },
                None => html! {},
            };
            (
                open_href(s),
                html! { <>{ player }{ program_view(lang, view, &program, &on_action) }</> },
            )
        }
        Content::Lab(lab, s) => (open_href(s), html! { <LazyLab lab={*lab} widget=true /> }),
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

/// The link to the full site showing `state`: its lab page with the widget's scenario (plain
/// parameters, which every lab's page reads), or the Playground with the program, settings
/// and step.
fn open_href(state: &ShareState) -> String {
    if let Subject::Lab { id, params } = &state.subject {
        return format!("./{}", share::lab_link(id, params, state.step));
    }
    let mut full = state.clone();
    full.view = None;
    format!("./#/?s={}", share::encode(&full))
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
            &r.trace.goroutines,
            r.player.step,
            &on_action.reform(PlayerAction::Seek),
        ),
        EmbedView::Channels => html! {
            <>{ explanation(lang, events) }{ channel_view(lang, &r.view, events) }</>
        },
        EmbedView::Race => {
            let seek = on_action.reform(PlayerAction::Seek);
            let (_, err) = r.trace.printed_upto(r.player.step);
            html! {
                <>
                    { explanation(lang, events) }
                    { hb_graph_view(lang, &r.trace.hb, r.player.step, &seek) }
                    { race_panel(lang, crate::state::FILENAME, &r.trace.hb, None, &seek, &Callback::noop(), None) }
                    { clocks_view(lang, &r.memory(), events) }
                    <pre class="embed-output" data-testid="embed-output"><span class="stderr">{ err }</span></pre>
                </>
            }
        }
        EmbedView::Gc => html! {
            <>
                { explanation(lang, events) }
                { heap_view(lang, &r.gc(), &r.trace.gc_lost) }
                { gc_timeline_view(lang, &r.trace.gc, r.view.procs.len(), r.player.step, &on_action.reform(PlayerAction::Seek)) }
            </>
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
