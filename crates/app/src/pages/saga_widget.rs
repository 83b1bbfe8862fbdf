//! The Saga lab's embedded widget (`#/embed/saga?lab=saga&p.faults=…&step=6`): the outcome,
//! the sequence diagram and the invariants at the link's step, with the minimal player.
//!
//! It lives in the Saga lab's lazily loaded module (`src/bin/lab_saga.rs` exports it as
//! `mount_widget`), so the main page never links the lab: the widget page renders
//! `LazyLab { widget: true }` inside its frame (bar, "Open in goscope", height reports) and
//! this component reads the link itself from the fragment (`crate::share`), talks to the
//! host page (`embed::bridge`: commands in, step events out) and renders the lab's views.

use std::rc::Rc;

use wasm_bindgen::JsValue;
use yew::prelude::*;

use super::saga_msg::SagaMsg;
use super::saga_state::{SagaAction, SagaLab};
use super::saga_views::{InvariantPanel, SequenceDiagram, Snapshot, outcome_msg};
use crate::embed::bridge::{Command, post, report_step, use_commands};
use crate::i18n::use_lang;
use crate::player::{Player, PlayerAction, PlayerState};
use crate::share::{self, Subject};

#[component(SagaWidget)]
pub fn saga_widget() -> Html {
    let lang = use_lang().lang;
    let lab = use_reducer(SagaLab::default);
    {
        let dispatcher = lab.dispatcher();
        use_effect_with((), move |_| {
            let hash = crate::share::page_fragment();
            if let Ok(Some(link)) = share::from_fragment(&hash)
                && let Subject::Lab { params, .. } = link.subject
            {
                dispatcher.dispatch(SagaAction::Open(params, link.step));
            }
        });
    }
    {
        let dispatcher = lab.dispatcher();
        use_commands(Callback::from(move |c| {
            dispatcher.dispatch(match c {
                Command::Goto(s) => SagaAction::Seek(s),
                Command::Play => SagaAction::SetPlaying(true),
                Command::Pause => SagaAction::SetPlaying(false),
            })
        }));
    }
    let last = lab.last_step();
    let ran = lab.run.is_some();
    use_effect_with((ran, last), |&(ran, last)| {
        if ran {
            let last = JsValue::from(last as f64);
            post(
                "ready",
                &[("view", JsValue::from_str("saga")), ("last", last)],
            );
        }
    });
    use_effect_with((ran, lab.step, last), |&(ran, step, last)| {
        if ran {
            report_step(step, last);
        }
    });
    let on_action = {
        let d = lab.dispatcher();
        Callback::from(move |a: PlayerAction| {
            d.dispatch(match a {
                PlayerAction::First => SagaAction::Seek(0),
                PlayerAction::Last => SagaAction::Seek(u64::MAX),
                PlayerAction::StepEvent(d) | PlayerAction::StepKind(d) => {
                    SagaAction::StepBy(d.into())
                }
                PlayerAction::Seek(s) => SagaAction::Seek(s),
                PlayerAction::TogglePlay => SagaAction::TogglePlay,
                // The player's own timer plays the lab.
                PlayerAction::Tick => SagaAction::Tick,
                PlayerAction::SetPlaying(on) => SagaAction::SetPlaying(on),
                PlayerAction::SetSpeed(_) | PlayerAction::SetKind(_) => return,
            })
        })
    };
    let (Some(run), Some(world)) = (&lab.run, lab.world()) else {
        return html! {};
    };
    let outcome = match world.outcome {
        Some(o) => lang.t(outcome_msg(o)),
        None => lang.t(SagaMsg::OutcomePending),
    };
    let world = Snapshot(Rc::new(world));
    let player = PlayerState {
        step: lab.step,
        playing: lab.playing,
        ..PlayerState::default()
    };
    html! {
        <div class="embed-lab">
            <Player state={player} {last} markers={Rc::from(Vec::new())} {on_action} compact=true />
            <p class="lab-outcome" data-testid="outcome">{ lang.t(SagaMsg::OutcomeLabel) }{ ": " }<strong>{ outcome }</strong></p>
            <section class="panel lab-panel">
                <SequenceDiagram events={run.events_between(0, lab.step).to_vec()} />
            </section>
            <InvariantPanel {world} step={lab.step} />
        </div>
    }
}
