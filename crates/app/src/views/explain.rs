//! One line per event of the current step, in the UI language: the core gives each event's
//! kind and actors (`runtime::inspect::EventFacts`), the i18n table gives the sentence with
//! `{g}`, `{p}`, `{x}` holes. (The raw trace line is not repeated here: its formatter alone
//! would cost the site's size budget several KB; `goscope trace` prints it.) Each line ends
//! with a link to the seed chapter that teaches it — its section of the Gallery.

use runtime::Event;
use runtime::gc::event::GcEvent;
use runtime::gc::view::{GcPhase, ShadeCause};
use runtime::iface_event::IfaceEvent;
use runtime::inspect::{EventFacts, EventKind};
use yew::prelude::*;

use super::heap::{bytes, cause_msg, phase_msg};
use crate::examples::Chapter;
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
        EventKind::GcPhase => Msg::KindGc,
        EventKind::WriteBarrier => Msg::KindBarrier,
        EventKind::GcAssist => Msg::KindAssist,
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
        EventKind::Output
        | EventKind::Other
        | EventKind::Iface
        | EventKind::GcPhase
        | EventKind::WriteBarrier
        | EventKind::GcAssist => return None,
    })
}

/// The sentence for `e`, or `None` for events without one (calls, returns, output).
pub fn explain(lang: Lang, e: &Event) -> Option<String> {
    if let Event::Gc(g) = e {
        return Some(explain_gc(lang, g));
    }
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

/// The collector's events: their numbers are bytes, phases and causes, not actors.
fn explain_gc(lang: Lang, e: &GcEvent) -> String {
    let fill = |msg: Msg, g: &str, p: &str, x: &str| {
        lang.t(msg)
            .replace("{g}", g)
            .replace("{p}", p)
            .replace("{x}", x)
    };
    let phase = |p: GcPhase| lang.t(phase_msg(p));
    match e {
        GcEvent::CycleStart { n, heap_live, .. } => {
            fill(Msg::ExplainGcStart, &n.to_string(), "", &bytes(*heap_live))
        }
        GcEvent::Phase { n, phase: p, .. } => {
            fill(Msg::ExplainGcPhase, &n.to_string(), "", phase(*p))
        }
        GcEvent::StwStart { n, phase: p, .. } => {
            fill(Msg::ExplainStwStart, &n.to_string(), "", phase(*p))
        }
        GcEvent::StwEnd { n, phase: p, .. } => {
            fill(Msg::ExplainStwEnd, &n.to_string(), "", phase(*p))
        }
        GcEvent::BarrierShade { g, obj, old } => {
            let cause = if *old {
                ShadeCause::BarrierOld
            } else {
                ShadeCause::BarrierNew
            };
            fill(
                Msg::ExplainBarrier,
                &format!("g{g}"),
                &format!("o{obj}"),
                lang.t(cause_msg(cause)),
            )
        }
        GcEvent::Assist { g, work, .. } => {
            fill(Msg::ExplainAssist, &format!("g{g}"), "", &work.to_string())
        }
        GcEvent::SweepSpan { span, freed, .. } => {
            fill(Msg::ExplainSweep, "", &span.to_string(), &freed.to_string())
        }
    }
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

/// The seed chapter that teaches an event: parking, readying and running goroutines are
/// the scheduler's (2.2), channel operations and `select` are 2.3, the collector's phases,
/// barrier shades and assists 2.1, itab lookups, dispatch and assertions 2.4.
pub fn chapter_of(k: EventKind) -> Option<Chapter> {
    Some(match k {
        EventKind::GoCreate
        | EventKind::Run
        | EventKind::Steal
        | EventKind::Block
        | EventKind::Ready
        | EventKind::Handoff
        | EventKind::Preempt
        | EventKind::GoExit
        | EventKind::Idle => Chapter::Scheduler,
        EventKind::ChanSend | EventKind::ChanRecv | EventKind::ChanClose | EventKind::Select => {
            Chapter::Channels
        }
        EventKind::GcPhase | EventKind::WriteBarrier | EventKind::GcAssist => Chapter::Gc,
        EventKind::Iface => Chapter::Interfaces,
        EventKind::Output | EventKind::Other => return None,
    })
}

fn chapter_link(lang: Lang, chapter: Chapter) -> Html {
    let title = lang.t(chapter.title());
    // Inside a course page's iframe the link opens the site in a new tab, not in the widget.
    let framed = web_sys::window()
        .and_then(|w| w.parent().ok().flatten().map(|p| p != w))
        .unwrap_or(false);
    html! {
        <a class="chapter-link" href={chapter.link()} title={lang.fill(Msg::ChapterLinkTitle, title)}
            target={framed.then_some("_blank")} rel={framed.then_some("noopener")}>
            { format!("§{}", chapter.id()) }
        </a>
    }
}

pub fn explanation(lang: Lang, events: &[Event]) -> Html {
    let lines: Vec<(String, Option<Chapter>)> = events
        .iter()
        .filter_map(|e| explain(lang, e).map(|text| (text, chapter_of(EventFacts::of(e).kind))))
        .take(6)
        .collect();
    html! {
        <div class="explain" data-testid="explain" aria-live="polite">
            if lines.is_empty() {
                <p class="explain-none">{ lang.t(Msg::NothingScheduled) }</p>
            }
            { for lines.into_iter().map(|(text, chapter)| html! {
                <p class="explain-line">
                    { text }
                    if let Some(chapter) = chapter { { " " }{ chapter_link(lang, chapter) } }
                </p>
            }) }
        </div>
    }
}
