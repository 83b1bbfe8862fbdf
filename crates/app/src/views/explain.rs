//! One line per event of the current step, in the UI language: the core gives each event's
//! kind and actors (`runtime::inspect::EventFacts`), the i18n table gives the sentence with
//! `{g}`, `{p}`, `{x}` holes. (The raw trace line is not repeated here: its formatter alone
//! would cost the site's size budget several KB; `goscope trace` prints it.)

use runtime::Event;
use runtime::iface_event::IfaceEvent;
use runtime::inspect::{EventFacts, EventKind};
use yew::prelude::*;

use crate::i18n::{Lang, Msg};

/// The name of a kind, for the "jump to" menu.
pub fn kind_msg(k: EventKind) -> Msg {
    match k {
        EventKind::GoCreate => Msg::KindGo,
        EventKind::Run => Msg::KindRun,
        EventKind::Steal => Msg::KindSteal,
        EventKind::Block => Msg::KindBlock,
        EventKind::Ready => Msg::KindReady,
        EventKind::Handoff => Msg::KindHandoff,
        EventKind::Preempt => Msg::KindPreempt,
        EventKind::GoExit => Msg::KindExit,
        EventKind::Idle => Msg::KindIdle,
        EventKind::ChanSend => Msg::KindSend,
        EventKind::ChanRecv => Msg::KindRecv,
        EventKind::ChanClose => Msg::KindClose,
        EventKind::Select => Msg::KindSelect,
        EventKind::Output => Msg::KindOutput,
        EventKind::Iface => Msg::KindIface,
        EventKind::Other => Msg::KindOther,
    }
}

fn explain_msg(k: EventKind) -> Option<Msg> {
    Some(match k {
        EventKind::GoCreate => Msg::ExplainGo,
        EventKind::Run => Msg::ExplainRun,
        EventKind::Steal => Msg::ExplainSteal,
        EventKind::Block => Msg::ExplainBlock,
        EventKind::Ready => Msg::ExplainReady,
        EventKind::Handoff => Msg::ExplainHandoff,
        EventKind::Preempt => Msg::ExplainPreempt,
        EventKind::GoExit => Msg::ExplainExit,
        EventKind::Idle => Msg::ExplainIdle,
        EventKind::ChanSend => Msg::ExplainSend,
        EventKind::ChanRecv => Msg::ExplainRecv,
        EventKind::ChanClose => Msg::ExplainClose,
        EventKind::Select => Msg::ExplainSelect,
        EventKind::Output | EventKind::Iface | EventKind::Other => return None,
    })
}

/// The sentence for `e`, or `None` for events without one (calls, returns, output).
pub fn explain(lang: Lang, e: &Event) -> Option<String> {
    if let Event::Iface(e) = e {
        return Some(iface_sentence(lang, e));
    }
    let f = EventFacts::of(e);
    let msg = explain_msg(f.kind)?;
    let x = match f.kind {
        EventKind::Run => run_source(f.x.as_str()).map_or(f.x.clone(), |m| lang.t(m).to_string()),
        _ => f.x.clone(),
    };
    Some(
        lang.t(msg)
            .replace("{g}", &f.g)
            .replace("{p}", &f.p)
            .replace("{x}", &x),
    )
}

/// The sentence for an interface event: which words were compared, which `fun[i]` called.
pub fn iface_sentence(lang: Lang, e: &IfaceEvent) -> String {
    let g = e.g().to_string();
    let (msg, holes): (Msg, Vec<(&str, String)>) = match e {
        IfaceEvent::Itab {
            inter,
            typ,
            hit,
            missing,
            ..
        } => match (missing, hit) {
            (Some(m), _) => (
                Msg::ExplainItabMissing,
                vec![
                    ("{t}", typ.to_string()),
                    ("{m}", m.to_string()),
                    ("{i}", inter.to_string()),
                ],
            ),
            (None, true) => (Msg::ExplainItabHit, vec![("{x}", format!("{inter},{typ}"))]),
            (None, false) => (
                Msg::ExplainItabMiss,
                vec![("{x}", format!("{inter},{typ}"))],
            ),
        },
        IfaceEvent::Dispatch {
            inter,
            method,
            index,
            func,
            ..
        } => (
            Msg::ExplainDispatch,
            vec![
                ("{m}", format!("{inter}.{method}")),
                ("{n}", index.to_string()),
                ("{f}", func.to_string()),
            ],
        ),
        IfaceEvent::Assert {
            target,
            have,
            to_iface,
            ok,
            ..
        } => {
            let msg = match (to_iface, ok) {
                (false, true) => Msg::ExplainAssertEq,
                (false, false) => Msg::ExplainAssertNe,
                (true, true) => Msg::ExplainAssertImpl,
                (true, false) => Msg::ExplainAssertNotImpl,
            };
            let h = have.as_deref().unwrap_or("nil").to_string();
            (msg, vec![("{t}", target.to_string()), ("{h}", h)])
        }
        IfaceEvent::Case { case, target, .. } => (
            Msg::ExplainCase,
            vec![
                ("{n}", case.to_string()),
                ("{t}", target.to_string()),
                ("{r}", lang.t(case_result(e)).to_string()),
            ],
        ),
    };
    let mut out = lang.t(msg).replace("{g}", &g);
    for (k, v) in holes {
        out = out.replace(k, &v);
    }
    out
}

/// What a type-switch case's comparison found, in words.
pub fn case_result(e: &IfaceEvent) -> Msg {
    match e {
        IfaceEvent::Case { have: None, .. } => Msg::CmpNil,
        IfaceEvent::Case {
            to_iface: true,
            matched,
            ..
        } => {
            if *matched {
                Msg::CmpImpl
            } else {
                Msg::CmpNotImpl
            }
        }
        IfaceEvent::Case {
            hashes: Some((a, b)),
            matched,
            ..
        } if a == b => {
            if *matched {
                Msg::CmpMatched
            } else {
                Msg::CmpHashEqTypeNe
            }
        }
        _ => Msg::CmpHashNe,
    }
}

/// Where a P took the goroutine it runs, in words (the core names it with `RunSource`'s
/// stable trace text).
fn run_source(x: &str) -> Option<Msg> {
    Some(match x {
        "runnext" => Msg::RunFromRunnext,
        "local runq" => Msg::RunFromLocal,
        "global runq, 61st tick" => Msg::RunFromGlobalFairness,
        "global runq" => Msg::RunFromGlobal,
        "stolen" => Msg::RunFromSteal,
        _ => return None,
    })
}

pub fn explanation(lang: Lang, events: &[Event]) -> Html {
    let lines: Vec<String> = events
        .iter()
        .filter_map(|e| explain(lang, e))
        .take(6)
        .collect();
    html! {
        <div class="explain" data-testid="explain" aria-live="polite">
            if lines.is_empty() {
                <p class="explain-none">{ lang.t(Msg::NothingScheduled) }</p>
            }
            { for lines.into_iter().map(|text| html! { <p class="explain-line">{ text }</p> }) }
        </div>
    }
}
