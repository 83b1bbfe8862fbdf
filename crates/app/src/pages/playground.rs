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

use std::cell::RefCell;
use std::rc::Rc;

use gloo::events::EventListener;
use gloo::timers::callback::Timeout;
use yew::prelude::*;

use crate::components::{Editor, Output, icons};
use crate::examples::DEFAULT_PROGRAM;
use crate::i18n::{Msg, use_lang};
use crate::state::{Action, PlaygroundState};
use crate::storage;

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
                        {on_input}
                        {on_run}
                    />
                </section>
                <Output run={state.run.clone()} {on_jump} />
            </div>
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
