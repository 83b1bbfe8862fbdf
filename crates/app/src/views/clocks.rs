//! The vector clocks of a race-mode run at the player's step (go.dev/ref/mem's happens-before
//! as FastTrack tracks it, see `runtime::race::vclock`): one row per goroutine, one column per
//! goroutine's component, the row's own component being its epoch; below, the clocks of the
//! sync objects (channel slots and closes, mutexes, WaitGroups, Onces, atomics, timers).
//!
//! The cells that changed *at this step* are highlighted. They are read from the step's own
//! happens-before events (an acquire changes the acquirer's components of the goroutines it
//! learned from; a release ticks the releaser's own component and changes the object's clock),
//! not by diffing against whatever was drawn before — so going back and forward to a step
//! always shows the same table.

use runtime::Event;
use runtime::inspect::MemoryView;
use runtime::race::hb_log::HbEvent;
use yew::prelude::*;

use crate::i18n::{Lang, Msg};

/// Goroutine rows and columns drawn; the rest are counted.
pub const MAX_CLOCK_GS: usize = 16;
/// Sync-object rows drawn.
const MAX_SYNC_ROWS: usize = 24;

/// What this step changed: (goroutine index, component) cells and sync objects by name.
fn changed(events: &[Event]) -> (Vec<(usize, usize)>, Vec<String>) {
    let (mut cells, mut objs) = (Vec::new(), Vec::new());
    for e in events {
        match e {
            Event::Race(HbEvent::Acquire { g, from, .. }) => {
                cells.extend(from.iter().map(|(h, _)| (*g, *h)));
            }
            Event::Race(HbEvent::Release { g, obj, .. }) => {
                cells.push((*g, *g));
                objs.push(obj.to_string());
            }
            _ => {}
        }
    }
    (cells, objs)
}

fn cell(v: u32, hot: bool, own: bool) -> Html {
    let class = match (hot, own) {
        (true, _) => "vc-cell vc-hot",
        (false, true) => "vc-cell vc-own",
        _ => "vc-cell",
    };
    html! { <td class={class}>{ v }</td> }
}

/// The clocks table at a step (`events`: the step's events, for the highlights).
pub fn clocks_view(lang: Lang, memory: &MemoryView, events: &[Event]) -> Html {
    let body = if !memory.race {
        html! { <p class="panel-note" data-testid="race-hint">{ lang.t(Msg::RaceViewsHint) }</p> }
    } else {
        let n = memory.goroutines.len().min(MAX_CLOCK_GS);
        let (cells, objs) = changed(events);
        let head = html! {
            <tr>
                <th></th>
                { for (0..n).map(|i| html! { <th scope="col">{ format!("g{}", i + 1) }</th> }) }
                <th scope="col">{ lang.t(Msg::ClocksEpoch) }</th>
            </tr>
        };
        let rows = memory.goroutines.iter().take(n).enumerate().map(|(g, r)| {
            html! {
                <tr data-testid="clock-row">
                    <th scope="row">{ format!("g{}", r.id) }</th>
                    { for (0..n).map(|i| cell(r.clock.get(i).copied().unwrap_or(0), cells.contains(&(g, i)), i == g)) }
                    <td class="vc-cell vc-epoch">{ format!("{}@g{}", r.epoch, r.id) }</td>
                </tr>
            }
        });
        let syncs = memory.syncs.iter().take(MAX_SYNC_ROWS).map(|s| {
            let hot = objs.contains(&s.name);
            html! {
                <tr class={if hot { "vc-sync vc-hot-row" } else { "vc-sync" }} data-testid="clock-sync">
                    <th scope="row">{ s.name.clone() }</th>
                    { for (0..n).map(|i| cell(s.clock.get(i).copied().unwrap_or(0), hot, false)) }
                    <td></td>
                </tr>
            }
        });
        let more = memory.goroutines.len().saturating_sub(n);
        html! {
            <>
                <div class="vc-scroll">
                    <table class="vc-table" data-testid="clocks-table">
                        <thead>{ head }</thead>
                        <tbody>{ for rows }</tbody>
                        if !memory.syncs.is_empty() {
                            <tbody>
                                <tr><th class="vc-sub" colspan={(n + 2).to_string()}>{ lang.t(Msg::ClocksSyncs) }</th></tr>
                                { for syncs }
                            </tbody>
                        }
                    </table>
                </div>
                if memory.syncs.is_empty() {
                    <p class="panel-note">{ lang.t(Msg::ClocksNoSyncs) }</p>
                }
                if more > 0 {
                    <p class="panel-note">{ format!("+{more}") }</p>
                }
                <p class="panel-note">{ lang.t(Msg::ClocksNote) }</p>
            </>
        }
    };
    html! {
        <section class="panel clocks" data-testid="clocks" aria-label={lang.t(Msg::ClocksTitle)}>
            <h2 class="panel-title">{ lang.t(Msg::ClocksTitle) }</h2>
            { body }
        </section>
    }
}
