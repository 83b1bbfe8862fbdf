//! The Playground page: editor, Run/Stop/Reset, output — wired to [`PlaygroundState`].
//!
//! The page itself holds no logic. It owns the reducer and does the three things only a
//! component can do, all with timers:
//! - **slices**: while a session runs, each new `tick` of the state schedules the next
//!   `Action::Tick` with `Timeout(0)`, so the browser paints and handles input between
//!   slices. Dropping the timeout (Stop, unmount) is what stops the loop.
//! - **autosave**: the program is saved to local storage 400 ms after the last edit, and
//!   at once when the page goes away (route change, tab closed), so nothing typed is lost.
//! - **focus**: nothing else; caret moves go through the reducer as `CaretRequest`s.
//!
//! After a run, the recording is shown under the editor: run settings (GOMAXPROCS, seed,
//! another seed), the shared [`Player`], the explanation of the current step, and the
//! scheduler, timeline and channel views — all rendering the reducer's `Replay`. A
//! `#/?step=N` fragment at load runs the program and opens it at step N.

use std::cell::RefCell;
use std::rc::Rc;

use gloo::events::EventListener;
use gloo::timers::callback::Timeout;
use yew::prelude::*;

use crate::components::{Editor, Output, SharePanel, icons};
use crate::embed::EmbedView;
use crate::examples::DEFAULT_PROGRAM;
use crate::i18n::{Msg, use_lang};
use crate::player::{Player, PlayerAction, step_from_fragment};
use crate::share;
use crate::state::{Action, PlaygroundState, VIEWS};
use crate::storage;
use crate::views::{
    channel_view, clocks_view, explanation, explorer_view, gc_compare_view, gc_settings,
    gc_timeline_view, hb_graph_view, heap_view, profile_view, race_panel, scheduler_view,
    span_view, timeline_view, values_view,
};

/// Quiet time after the last keystroke before the program is saved.
const AUTOSAVE_DELAY_MS: u32 = 400;

#[component(PlaygroundPage)]
pub fn playground_page() -> Html {
    let lang = use_lang().lang;
    let state = use_reducer(|| {
        PlaygroundState::new(storage::load_program().unwrap_or_else(|| DEFAULT_PROGRAM.to_owned()))
    });

    // Slices: one timer per (session, tick); the cleanup cancels it.
    {
        let dispatcher = state.dispatcher();
        use_effect_with((state.session_id(), state.tick), move |&(session, _)| {
            let timer =
                session.map(|id| Timeout::new(0, move || dispatcher.dispatch(Action::Tick(id))));
            move || drop(timer)
        });
    }

    // The explorer's slices, the same way.
    {
        let dispatcher = state.dispatcher();
        let explorer = state
            .explorer
            .as_ref()
            .filter(|e| e.running())
            .map(|e| (e.id, e.ticks));
        use_effect_with(explorer, move |explorer| {
            let timer = explorer.map(|(id, _)| {
                Timeout::new(0, move || dispatcher.dispatch(Action::ExploreTick(id)))
            });
            move || drop(timer)
        });
    }

    // Autosave, debounced; `pending` is what has not reached storage yet.
    let pending: Rc<RefCell<Option<AttrValue>>> = use_mut_ref(|| None);
    {
        let pending = pending.clone();
        use_effect_with(state.source.clone(), move |source| {
            *pending.borrow_mut() = Some(source.clone());
            let timer = Timeout::new(AUTOSAVE_DELAY_MS, move || flush(&pending));
            move || drop(timer)
        });
    }
    {
        // Flush on unmount and when the tab is hidden or closed (`pagehide` also fires on
        // mobile, where `beforeunload` often does not).
        let pending = pending.clone();
        use_effect_with((), move |_| {
            let listener = web_sys::window().map(|window| {
                let pending = pending.clone();
                EventListener::new(&window, "pagehide", move |_| flush(&pending))
            });
            move || {
                drop(listener);
                flush(&pending);
            }
        });
    }

    // A share link (`#/?s=1.…`, see `crate::share`): load its program and settings, run,
    // and open at its step; a link that cannot be read says so above the editor. A bare
    // `#/?step=42` runs the editor's program and opens at that step.
    let link_error = use_state(|| None::<share::ShareError>);
    {
        let dispatcher = state.dispatcher();
        let link_error = link_error.clone();
        use_effect_with((), move |_| {
            let hash = crate::share::page_fragment();
            match share::from_fragment(&hash) {
                Ok(Some(link)) => match crate::examples::program_of(&link.subject) {
                    Some(source) => {
                        dispatcher.dispatch(Action::Open(Box::new(link), source.into()))
                    }
                    None => link_error.set(Some(share::ShareError::Malformed("program"))),
                },
                Err(e) => link_error.set(Some(e)),
                Ok(None) => {
                    if let Some(step) = step_from_fragment(&hash) {
                        dispatcher.dispatch(Action::ShowStep(step));
                        dispatcher.dispatch(Action::Run);
                    }
                }
            }
        });
    }

    let on_input = {
        let dispatcher = state.dispatcher();
        Callback::from(move |source: String| dispatcher.dispatch(Action::Edit(source)))
    };
    let on_run = {
        let dispatcher = state.dispatcher();
        Callback::from(move |()| dispatcher.dispatch(Action::Run))
    };
    let on_jump = {
        let dispatcher = state.dispatcher();
        Callback::from(move |index: usize| dispatcher.dispatch(Action::JumpTo(index)))
    };
    let on_run_click = on_run.reform(|_: MouseEvent| ());
    let on_stop_click = {
        let dispatcher = state.dispatcher();
        Callback::from(move |_: MouseEvent| dispatcher.dispatch(Action::Stop))
    };
    let on_reset_click = {
        let dispatcher = state.dispatcher();
        Callback::from(move |_: MouseEvent| dispatcher.dispatch(Action::Reset))
    };

    html! {
        <div class="page playground">
            <p class="page-lead">{ lang.t(Msg::PlaygroundIntro) }</p>
            if let Some(e) = &*link_error {
                <p class="notice notice-error" role="alert" data-testid="link-error">{ e.message(lang) }</p>
            }
            <div class="workbench">
                <section class="panel editor-panel" aria-label={lang.t(Msg::EditorLabel)}>
                    <div class="toolbar">
                        if state.is_running() {
                            <button type="button" class="button button-stop" data-testid="stop" onclick={on_stop_click}>
                                { icons::stop() }<span>{ lang.t(Msg::Stop) }</span>
                            </button>
                        } else {
                            <button type="button" class="button button-primary" data-testid="run" onclick={on_run_click}>
                                { icons::play() }<span>{ lang.t(Msg::Run) }</span>
                            </button>
                        }
                        <button type="button" class="button" data-testid="reset" title={lang.t(Msg::ResetTitle)} onclick={on_reset_click}>
                            { icons::reset() }<span>{ lang.t(Msg::Reset) }</span>
                        </button>
                        <span class="toolbar-hint">{ lang.t(Msg::RunShortcut) }</span>
                    </div>
                    <Editor
                        value={state.source.clone()}
                        diagnostics={state.inline_diagnostics()}
                        caret={state.caret}
                        marks={goroutine_marks(&state)}
                        {on_input}
                        {on_run}
                    />
                </section>
                <Output run={state.run.clone()} {on_jump} />
            </div>
            { settings(&state, lang) }
            if state.view_open("heap") {
                { gc_settings(lang, state.gc, &{ let d = state.dispatcher(); Callback::from(move |g| d.dispatch(Action::SetGc(g))) },
                    &{ let d = state.dispatcher(); Callback::from(move |()| d.dispatch(Action::CompareGogc)) }) }
            }
            <SharePanel state={Rc::new(state.share())} page="" views={&EmbedView::RUNTIME[..]} />
            if let Some(replay) = &state.replay {
                <div class="runtime-views">
                    <Player state={replay.player} last={replay.trace.recorder.steps()}
                        markers={replay.markers.clone()} on_action={player_action(&state)} />
                    { explanation(lang, replay.events()) }
                    if let Some(g) = state.followed {
                        <p class="follow-note" data-testid="following">{ lang.fill(Msg::Following, &g.to_string()) }</p>
                    }
                    if state.views[0] {
                        { scheduler_view(lang, &replay.view, replay.events(), state.followed, &follow(&state)) }
                    }
                    if state.views[1] {
                        { timeline_view(lang, &replay.timeline, &replay.trace.goroutines, replay.player.step, &player_action(&state).reform(PlayerAction::Seek)) }
                    }
                    if state.views[2] {
                        { channel_view(lang, &replay.view, replay.events()) }
                    }
                    { memory_views(&state, replay, lang) }
                    if state.view_open("heap") {
                        { heap_view(lang, &replay.gc(), &replay.trace.gc_lost) }
                        { gc_timeline_view(lang, &replay.trace.gc, replay.view.procs.len(), replay.player.step, &player_action(&state).reform(PlayerAction::Seek)) }
                        { span_view(lang, &replay.gc().view, replay.view.procs.len()) }
                        if state.gc_runs.comparable().len() > 1 {
                            { gc_compare_view(lang, &state.gc_runs.comparable()) }
                        }
                    }
                    if state.view_open("profile") {
                        { profile_view(lang, replay.trace.profile.as_deref(), &state.run.source, state.profile_ui, &profile_action(&state)) }
                    }
                    if state.view_open("values") {
                        { values_view(lang, &replay.view, replay.events(), replay.trace.recorder.events(), replay.event_range.end) }
                    }
                </div>
            }
            if state.view_open("explorer") {
                { explorer_panel(&state, lang) }
            }
        </div>
    }
}

fn player_action(state: &UseReducerHandle<PlaygroundState>) -> Callback<PlayerAction> {
    let dispatcher = state.dispatcher();
    Callback::from(move |a| dispatcher.dispatch(Action::Player(a)))
}

fn profile_action(
    state: &UseReducerHandle<PlaygroundState>,
) -> Callback<crate::run_profile::ProfileAction> {
    let dispatcher = state.dispatcher();
    Callback::from(move |a| dispatcher.dispatch(Action::Profile(a)))
}

fn follow(state: &UseReducerHandle<PlaygroundState>) -> Callback<u64> {
    let dispatcher = state.dispatcher();
    Callback::from(move |g| dispatcher.dispatch(Action::Follow(g)))
}

/// Goroutine ids named per editor line before `+N`.
const MARK_IDS: usize = 6;

/// Each live goroutine's current line, grouped: `(line, "g1 g3", followed)`.
fn goroutine_marks(state: &PlaygroundState) -> Rc<[(u32, AttrValue, bool)]> {
    let Some(replay) = state
        .replay
        .as_ref()
        .filter(|_| state.run.source == state.source)
    else {
        return Rc::from(Vec::new());
    };
    // (line, text, followed, goroutines on the line): past MARK_IDS names a line says `+N`,
    // so a thousand workers parked on one line do not make a five-kilobyte label.
    let mut marks: Vec<(u32, String, bool, usize)> = Vec::new();
    for g in replay.view.goroutines.iter().filter(|g| g.line > 0) {
        let followed = state.followed == Some(g.id);
        match marks.iter_mut().find(|m| m.0 == g.line) {
            Some(m) => {
                m.3 += 1;
                if m.3 <= MARK_IDS || followed {
                    m.1.push_str(" g");
                    m.1.push_str(&g.id.to_string());
                }
                m.2 |= followed;
            }
            None => marks.push((g.line, format!("← g{}", g.id), followed, 1)),
        }
    }
    marks
        .into_iter()
        .map(|(l, mut t, f, n)| {
            if n > MARK_IDS {
                t.push_str(&format!(" +{}", n - MARK_IDS));
            }
            (l, AttrValue::from(t), f)
        })
        .collect()
}

/// GOMAXPROCS, seed and "another seed": how the next run is scheduled.
/// The time slices offered: Go's 10 ms (`forcePreemptNS`) and shorter ones, which show
/// preemption in programs that run for less than 10 ms of virtual time.
const TIME_SLICES: [(u64, &str); 4] = [
    (10_000_000, "10 ms"),
    (1_000_000, "1 ms"),
    (100_000, "100 µs"),
    (20_000, "20 µs"),
];

fn settings(state: &UseReducerHandle<PlaygroundState>, lang: crate::i18n::Lang) -> Html {
    let dispatcher = state.dispatcher();
    let on_procs = Callback::from(move |e: Event| {
        let s: web_sys::HtmlSelectElement = e.target_unchecked_into();
        dispatcher.dispatch(Action::SetGomaxprocs(s.value().parse().unwrap_or(4)));
    });
    let dispatcher = state.dispatcher();
    let on_slice = Callback::from(move |e: Event| {
        let s: web_sys::HtmlSelectElement = e.target_unchecked_into();
        if let Ok(ns) = s.value().parse() {
            dispatcher.dispatch(Action::SetTimeSlice(ns));
        }
    });
    let dispatcher = state.dispatcher();
    let on_seed = Callback::from(move |e: Event| {
        let s: web_sys::HtmlInputElement = e.target_unchecked_into();
        dispatcher.dispatch(Action::SetSeed(s.value().parse().unwrap_or(1)));
    });
    let dispatcher = state.dispatcher();
    let on_race = Callback::from(move |e: Event| {
        let s: web_sys::HtmlInputElement = e.target_unchecked_into();
        dispatcher.dispatch(Action::SetRace(s.checked()));
    });
    let dispatcher = state.dispatcher();
    let on_another = Callback::from(move |_: MouseEvent| dispatcher.dispatch(Action::AnotherSeed));
    html! {
        <div class="run-settings" data-testid="settings">
            <label class="player-field">
                <span>{ lang.t(Msg::Gomaxprocs) }</span>
                <select data-testid="gomaxprocs" onchange={on_procs}>
                    { for (1..=8usize).map(|n| html! {
                        <option value={n.to_string()} selected={n == state.config.gomaxprocs}>{ n }</option>
                    }) }
                </select>
            </label>
            <label class="player-field" title={lang.t(Msg::TimeSliceTitle)}>
                <span>{ lang.t(Msg::TimeSlice) }</span>
                <select data-testid="time-slice" onchange={on_slice}>
                    { for TIME_SLICES.iter().map(|&(ns, label)| html! {
                        <option value={ns.to_string()} selected={ns == state.config.time_slice_ns}>{ label }</option>
                    }) }
                    // A link may carry any slice: show it rather than a wrong one.
                    if !TIME_SLICES.iter().any(|&(ns, _)| ns == state.config.time_slice_ns) {
                        <option value={state.config.time_slice_ns.to_string()} selected=true>
                            { format!("{} ns", state.config.time_slice_ns) }
                        </option>
                    }
                </select>
            </label>
            <label class="player-field">
                <span>{ lang.t(Msg::Seed) }</span>
                <input type="number" min="0" class="seed-input" data-testid="seed"
                    value={state.config.seed.to_string()} onchange={on_seed} />
            </label>
            <button type="button" class="button" data-testid="another-seed" onclick={on_another}
                disabled={state.is_running()}>{ lang.t(Msg::RerunAnotherSeed) }</button>
            <label class="lab-check">
                <input type="checkbox" checked={state.config.race} data-testid="race" onchange={on_race} />
                <span>{ lang.t(Msg::RaceDetector) }</span>
            </label>
            <span class="player-field">{ lang.t(Msg::ViewsLabel) }</span>
            { for VIEWS.iter().enumerate().map(|(i, name)| {
                let dispatcher = state.dispatcher();
                let onchange = Callback::from(move |_: Event| dispatcher.dispatch(Action::ToggleView(i)));
                let title = match *name {
                    "clocks" => Msg::ClocksTitle,
                    "hb" => Msg::HbTitle,
                    "explorer" => Msg::InterleaveTitle,
                    "heap" => Msg::HeapTitle,
                    "profile" => Msg::ProfileTitle,
                    "values" => Msg::ViewValues,
                    _ => name.parse::<EmbedView>().map_or(Msg::ViewsLabel, |v| v.title()),
                };
                html! {
                    <label class="lab-check">
                        <input type="checkbox" checked={state.views[i]} data-testid={format!("view-{name}")} {onchange} />
                        <span>{ lang.t(title) }</span>
                    </label>
                }
            }) }
        </div>
    }
}

/// Writes the pending program, if any, to storage.
fn flush(pending: &RefCell<Option<AttrValue>>) {
    let source = pending.try_borrow_mut().ok().and_then(|mut p| p.take());
    if let Some(source) = source {
        storage::save_program(&source);
    }
}

/// The vector clocks and the happens-before graph with its races and fixes (race mode only).
fn memory_views(
    state: &UseReducerHandle<PlaygroundState>,
    replay: &crate::state::Replay,
    lang: crate::i18n::Lang,
) -> Html {
    if !replay.trace.race {
        return if state.view_open("clocks") || state.view_open("hb") {
            html! { <p class="panel-note" data-testid="race-hint">{ lang.t(Msg::RaceViewsHint) }</p> }
        } else {
            html! {}
        };
    }
    let seek = player_action(state).reform(PlayerAction::Seek);
    let on_fix = {
        let dispatcher = state.dispatcher();
        Callback::from(move |i| dispatcher.dispatch(Action::ApplyFix(i)))
    };
    let on_back = state.original.is_some().then(|| {
        let dispatcher = state.dispatcher();
        Callback::from(move |_: MouseEvent| dispatcher.dispatch(Action::BackToOriginal))
    });
    html! {
        <>
            if let Some(s) = &state.replaying {
                <p class="panel-note" data-testid="replaying">{ lang.fill(Msg::ReplayingNote, &s.to_string()) }</p>
            }
            if state.view_open("clocks") {
                { clocks_view(lang, &replay.memory(), replay.events()) }
            }
            if state.view_open("hb") {
                { hb_graph_view(lang, &replay.trace.hb, replay.player.step, &seek) }
                { race_panel(lang, crate::state::FILENAME, &replay.trace.hb, Some(&replay.trace.fixes), &seek, &on_fix, on_back) }
            }
        </>
    }
}

/// The explorer's panel over the editor's program.
fn explorer_panel(state: &UseReducerHandle<PlaygroundState>, lang: crate::i18n::Lang) -> Html {
    let dispatcher = state.dispatcher();
    let on_start = Callback::from(move |_: MouseEvent| dispatcher.dispatch(Action::ExploreStart));
    let dispatcher = state.dispatcher();
    let on_stop = Callback::from(move |_: MouseEvent| dispatcher.dispatch(Action::ExploreStop));
    let dispatcher = state.dispatcher();
    let on_replay = Callback::from(move |i| dispatcher.dispatch(Action::ExploreReplay(i)));
    explorer_view(lang, state.explorer.as_ref(), on_start, on_stop, &on_replay)
}
