//! Under the happens-before graph: each reported race with both accesses' stacks (the same
//! frames as the `WARNING: DATA RACE` report, at `prog.go:LINE`), a plain zh/en paragraph —
//! what raced, why no happens-before edge orders the two accesses, what can go wrong — and
//! the fix variants of the program (`runtime::race::fix`: mutex, atomic, channel) as buttons
//! that load the variant into the editor and run it; or a sentence saying there is none.

use runtime::inspect::{HbGraph, HbRaceSide};
use runtime::race::fix::{FixKind, Variant};
use yew::prelude::*;

use crate::i18n::{Lang, Msg};

/// Races listed at most (Go reports each pair of sites once; a program has few).
const MAX_RACES: usize = 8;

fn who(s: &HbRaceSide) -> String {
    format!("g{}", s.g + 1)
}

/// `prog.go:13` for the program's own frames, the function otherwise.
fn place(file: &str, s: &HbRaceSide) -> String {
    match s.stack.first() {
        Some(f) if f.func.starts_with("main.") => format!("{file}:{}", f.line),
        Some(f) => f.func.to_string(),
        None => "?".to_owned(),
    }
}

fn side(lang: Lang, file: &str, s: &HbRaceSide) -> Html {
    let kind = lang.t(if s.write {
        Msg::RaceWrote
    } else {
        Msg::RaceRead
    });
    html! {
        <div class="race-side" data-testid="race-side">
            <div class="race-who">{ format!("{} {kind} · {}", who(s), place(file, s)) }</div>
            <pre class="race-stack">
                { for s.stack.iter().map(|f| {
                    let at = if f.func.starts_with("main.") { format!("{file}:{}", f.line) } else { String::new() };
                    format!("{}()  {at}\n", f.func)
                }) }
            </pre>
        </div>
    }
}

/// The paragraph for one race: `a` is the earlier access, `b` the one that found the race.
fn explain(lang: Lang, file: &str, name: &str, a: &HbRaceSide, b: &HbRaceSide) -> String {
    let kind = |s: &HbRaceSide| {
        lang.t(if s.write {
            Msg::RaceWrote
        } else {
            Msg::RaceRead
        })
    };
    lang.t(Msg::RaceExplain)
        .replace("{a}", &who(a))
        .replace("{b}", &who(b))
        .replace("{ka}", kind(a))
        .replace("{kb}", kind(b))
        .replace("{la}", &place(file, a))
        .replace("{lb}", &place(file, b))
        .replace("{x}", name)
}

fn fix_label(k: FixKind) -> Msg {
    match k {
        FixKind::Mutex => Msg::FixMutex,
        FixKind::Atomic => Msg::FixAtomic,
        FixKind::Channel => Msg::FixChannel,
    }
}

fn fix_id(k: FixKind) -> &'static str {
    match k {
        FixKind::Mutex => "fix-mutex",
        FixKind::Atomic => "fix-atomic",
        FixKind::Channel => "fix-channel",
    }
}

/// The races of the run with explanations and fixes (`None`: no fix section, as in a
/// widget), or a sentence when the run had no race. `on_back` is offered when the editor
/// holds a fix variant.
pub fn race_panel(
    lang: Lang,
    file: &str,
    g: &HbGraph,
    fixes: Option<&[Variant]>,
    on_seek: &Callback<u64>,
    on_fix: &Callback<usize>,
    on_back: Option<Callback<MouseEvent>>,
) -> Html {
    let back = on_back.map(|onclick| {
        html! {
            <button type="button" class="button" data-testid="fix-back" {onclick}>{ lang.t(Msg::FixBack) }</button>
        }
    });
    if g.races.is_empty() {
        return html! {
            <div class="race-panel" data-testid="race-panel">
                <p class="panel-note" data-testid="no-race">{ lang.t(Msg::HbNoRace) }</p>
                { for back }
            </div>
        };
    }
    let races = g.races.iter().take(MAX_RACES).map(|r| {
        let onclick = {
            let on_seek = on_seek.clone();
            let step = r.step;
            Callback::from(move |_: MouseEvent| on_seek.emit(step))
        };
        html! {
            <div class="race-item" data-testid="race-item">
                <h3 class="race-title">{ lang.fill(Msg::HbRaceOn, &r.name) }</h3>
                <div class="race-sides">
                    { side(lang, file, &r.prev) }
                    { side(lang, file, &r.now) }
                </div>
                <p class="race-explain" data-testid="race-explain">{ explain(lang, file, &r.name, &r.prev, &r.now) }</p>
                <button type="button" class="button" data-testid="jump-race" {onclick}>{ lang.t(Msg::HbJumpRace) }</button>
            </div>
        }
    });
    let Some(fixes) = fixes else {
        return html! { <div class="race-panel" data-testid="race-panel">{ for races }</div> };
    };
    let fix_buttons = fixes.iter().enumerate().map(|(i, v)| {
        let onclick = on_fix.reform(move |_: MouseEvent| i);
        html! {
            <button type="button" class="button" data-testid={fix_id(v.kind)} {onclick}>{ lang.t(fix_label(v.kind)) }</button>
        }
    });
    html! {
        <div class="race-panel" data-testid="race-panel">
            { for races }
            <h3 class="race-title">{ lang.t(Msg::FixTitle) }</h3>
            if fixes.is_empty() {
                <p class="panel-note" data-testid="fix-none">{ lang.t(Msg::FixNone) }</p>
            } else {
                <div class="fix-buttons">{ for fix_buttons }</div>
                <p class="panel-note">{ lang.t(Msg::FixNote) }</p>
            }
            { for back }
        </div>
    }
}
