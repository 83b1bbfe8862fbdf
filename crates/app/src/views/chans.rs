//! The channel view: each channel's ring buffer (its slots with their values, and where
//! `sendx` and `recvx` point), its sendq and recvq (which goroutines wait, senders with the
//! value they offer), and whether it is closed. When the current step is a `select`, the
//! chosen case and the poll order are shown above.

use runtime::Event;
use runtime::inspect::{ChanView, Inspection, WaiterView};
use runtime::sched::{CaseChan, SchedEvent};
use yew::prelude::*;

use crate::i18n::{Lang, Msg};

/// Every channel of `view`, and the `select` decisions among `events` (the step's).
pub fn channel_view(lang: Lang, view: &Inspection, events: &[Event]) -> Html {
    let selects = events.iter().filter_map(|e| match e {
        // Which case, of how many, and the random poll order that made it the one.
        Event::Sched(SchedEvent::SelectChoose {
            g,
            case,
            of,
            order,
            cases,
        }) => Some(select_line(
            lang,
            format!("select {g}: case {case} / {of}, poll order {order:?}"),
            order,
            cases,
            Some(*case),
        )),
        Event::Sched(SchedEvent::SelectDefault { g, order, cases }) => Some(select_line(
            lang,
            format!("select {g}: default, poll order {order:?}"),
            order,
            cases,
            None,
        )),
        _ => None,
    });
    let selects: Vec<Html> = selects.collect();
    html! {
        <section class="panel chan-view" data-testid="chan-view" aria-label={lang.t(Msg::ChannelsTitle)}>
            <h2 class="panel-title">{ lang.t(Msg::ChannelsTitle) }</h2>
            { for selects }
            if view.chans.is_empty() {
                <p class="muted">{ lang.t(Msg::NoChannels) }</p>
            }
            <div class="chans">
                { for view.chans.iter().map(|c| channel(lang, c)) }
            </div>
        </section>
    }
}

fn channel(lang: Lang, c: &ChanView) -> Html {
    let ring = if c.cap == 0 {
        html! { <p class="muted">{ lang.t(Msg::Unbuffered) }</p> }
    } else {
        html! {
            <div class={if c.slots.len() > RING_FADE_MAX { "ring ring-many" } else { "ring" }} role="list">
                { for c.slots.iter().enumerate().map(|(i, v)| {
                    let marks = match (i == c.sendx, i == c.recvx) {
                        (true, true) => "sendx recvx",
                        (true, false) => "sendx",
                        (false, true) => "recvx",
                        (false, false) => "",
                    };
                    html! {
                        <div class={if v.is_some() { "slot-cell full" } else { "slot-cell" }} role="listitem">
                            <span class="slot-value">{ v.clone().unwrap_or_default() }</span>
                            <span class="slot-marks">{ marks }</span>
                        </div>
                    }
                }) }
            </div>
        }
    };
    html! {
        <div class={classes!("chan", c.closed.then_some("chan-closed"))} data-testid={format!("chan-c{}", c.id)}>
            <div class="chan-head">
                <b>{ format!("c{}", c.id) }</b>
                <span class="muted">{ format!(" cap {} · len {}", c.cap, c.len) }</span>
                if c.closed { <span class="badge">{ lang.t(Msg::Closed) }</span> }
            </div>
            { ring }
            { queue("sendq", &c.sendq) }
            { queue("recvq", &c.recvq) }
        </div>
    }
}

/// Buffers up to this many slots fade a slot's colour when it fills or empties.
const RING_FADE_MAX: usize = 16;

/// Waiters drawn per queue before `+N`: a worker pool parks a thousand receivers on one
/// channel, and a thousand chips are both unreadable and slow to diff on every step.
pub const MAX_WAITERS: usize = 24;

fn queue(name: &'static str, q: &[WaiterView]) -> Html {
    let hidden = q.len().saturating_sub(MAX_WAITERS);
    html! {
        <div class="waitq" data-testid={name}>
            <span class="waitq-name">{ name }</span>
            if q.is_empty() { <span class="muted">{ "—" }</span> }
            { for q.iter().take(MAX_WAITERS).map(|w| html! {
                <span class="qchip st-blocked">
                    { format!("g{}", w.g) }
                    if let Some(v) = &w.value { { " ← " }{ v.clone() } }
                    if let Some(case) = w.select_case { { format!(" (select #{case})") } }
                </span>
            }) }
            if hidden > 0 { <span class="more" data-testid="more">{ format!("+{hidden}") }</span> }
        </div>
    }
}

/// The decision and why: every case in the seeded random poll order — the ones polled
/// before the chosen one were not ready, the chosen one was the first ready, the rest were
/// never looked at (`selectgo` stops at the first case that can proceed); with `default`,
/// none was ready.
fn select_line(
    lang: Lang,
    text: String,
    order: &[usize],
    cases: &[CaseChan],
    chosen: Option<usize>,
) -> Html {
    let mut polled = true;
    let cases = order.iter().map(|&i| {
        let (class, msg) = if !polled {
            ("select-case muted", Msg::SelectNotPolled)
        } else if chosen == Some(i) {
            polled = false;
            ("select-case select-chosen", Msg::SelectChosen)
        } else {
            ("select-case", Msg::SelectNotReady)
        };
        html! { <span class={class}>{ format!("case {i} {}: ", case_op(cases.get(i))) }{ lang.t(msg) }</span> }
    });
    html! {
        <div class="select-line" data-testid="select">
            <code>{ text }</code>
            <p class="select-why" data-testid="select-why">
                { lang.t(Msg::SelectOrder) }{ " " }
                { for cases }
                if chosen.is_none() { <span class="select-case select-chosen">{ lang.t(Msg::SelectNoneReady) }</span> }
            </p>
        </div>
    }
}

/// A case as Go spells its operation, naming the channel as the channel cards do: `<-c2`
/// receives, `c1<-` sends, `nil` is a nil channel (never ready).
fn case_op(case: Option<&CaseChan>) -> String {
    match case {
        Some(CaseChan {
            chan: Some(c),
            send: false,
        }) => format!("<-{c}"),
        Some(CaseChan {
            chan: Some(c),
            send: true,
        }) => format!("{c}<-"),
        _ => "nil".to_owned(),
    }
}
