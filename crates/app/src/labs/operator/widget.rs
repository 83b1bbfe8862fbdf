//! The operator lab's embedded widget (`#/embed/operator?lab=operator&p.commands=…&step=N`):
//! the reconcile loop at the link's step — which stages the step touched and why, and the
//! object tree by ownerReference — with the compact player.
//!
//! `p.commands` is the console script, lines separated by `|` (default: apply the CRD, then
//! the sample Database). Each line runs as the lab runs it, after the previous one played
//! out. Exported by the lab's module as `mount_widget` (`src/bin/lab_operator.rs`), so the
//! main page links none of it.

use std::rc::Rc;

use wasm_bindgen::JsValue;
use yew::prelude::*;

use super::state::{CRD_FILE, DB_FILE, OperatorAction, OperatorLab};
use super::views::{loop_view, tree_view};
use crate::embed::bridge::{Command, post, report_step, use_commands};
use crate::i18n::use_lang;
use crate::player::{Player, PlayerAction, PlayerState};
use crate::share::{self, Subject};

/// The lab after the link's script, at its step.
pub fn scenario(params: &[(String, String)], step: u64) -> OperatorLab {
    let default = format!("kubectl apply -f {CRD_FILE}|kubectl apply -f {DB_FILE}");
    let script = params
        .iter()
        .find(|(k, _)| k == "commands")
        .map_or(default, |(_, v)| v.clone());
    let mut lab = Rc::new(OperatorLab::default());
    for line in script.split('|').map(str::trim).filter(|l| !l.is_empty()) {
        lab = lab.reduce(OperatorAction::SeekEnd);
        lab = lab.reduce(OperatorAction::Command(line.to_string()));
    }
    let mut lab = (*lab).clone();
    lab.step = step.min(lab.last_step());
    lab.playing = false;
    lab
}

#[component(OperatorWidget)]
pub fn operator_widget() -> Html {
    let lang = use_lang().lang;
    let lab = use_reducer(|| {
        let hash = crate::share::page_fragment();
        match share::from_fragment(&hash) {
            Ok(Some(link)) => match link.subject {
                Subject::Lab { params, .. } => scenario(&params, link.step),
                _ => scenario(&[], link.step),
            },
            _ => scenario(&[], 0),
        }
    });
    let last = lab.last_step();
    {
        let d = lab.dispatcher();
        use_commands(Callback::from(move |c| {
            d.dispatch(match c {
                Command::Goto(s) => OperatorAction::Seek(s),
                Command::Play => OperatorAction::SetPlaying(true),
                Command::Pause => OperatorAction::SetPlaying(false),
            })
        }));
    }
    use_effect_with((), move |_| {
        post(
            "ready",
            &[
                ("view", JsValue::from_str("operator")),
                ("last", JsValue::from(last as f64)),
            ],
        );
    });
    use_effect_with(lab.step, move |&s| report_step(s, last));
    let on_action = {
        let d = lab.dispatcher();
        Callback::from(move |a: PlayerAction| {
            d.dispatch(match a {
                PlayerAction::First => OperatorAction::Seek(0),
                PlayerAction::Last => OperatorAction::SeekEnd,
                PlayerAction::StepEvent(d) | PlayerAction::StepKind(d) => {
                    OperatorAction::StepBy(d.into())
                }
                PlayerAction::Seek(s) => OperatorAction::Seek(s),
                PlayerAction::TogglePlay => OperatorAction::TogglePlay,
                PlayerAction::Tick => OperatorAction::Tick,
                PlayerAction::SetPlaying(on) => OperatorAction::SetPlaying(on),
                PlayerAction::SetSpeed(_) | PlayerAction::SetKind(_) => return,
            })
        })
    };
    let cluster = lab.cluster();
    let events = lab
        .run
        .events_between(lab.step.saturating_sub(1), lab.step)
        .to_vec();
    let player = PlayerState {
        step: lab.step,
        playing: lab.playing,
        ..PlayerState::default()
    };
    html! {
        <div class="embed-lab op-lab" data-testid="op-widget">
            <Player state={player} {last} markers={Rc::from(Vec::new())} {on_action} compact=true />
            { loop_view(lang, &events) }
            { tree_view(lang, &cluster, &events) }
        </div>
    }
}
