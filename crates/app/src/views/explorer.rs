//! The interleaving explorer's panel (`crate::explorer_run`): its bounds, Start/Stop, the
//! progress of the search (runs made out of the bound; exhaustive, bounded or stopped) and
//! the outcome table — each distinct outcome (output, exit status, first stderr line, race
//! verdict) with how many runs ended so and a "replay" button that loads its schedule into
//! the Playground and runs it.

use yew::prelude::*;

use crate::explorer_run::ExplorerRun;
use crate::i18n::{Lang, Msg, group_digits};

/// Output shown per outcome before `…`.
const MAX_OUT: usize = 300;

fn short(s: &str) -> String {
    if s.len() <= MAX_OUT {
        return s.to_owned();
    }
    let mut end = MAX_OUT;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    format!("{}…", &s[..end])
}

pub fn explorer_view(
    lang: Lang,
    run: Option<&ExplorerRun>,
    on_start: Callback<MouseEvent>,
    on_stop: Callback<MouseEvent>,
    on_replay: &Callback<usize>,
) -> Html {
    let config = run.map_or_else(|| crate::explorer_run::page_config(4), |r| r.config.clone());
    let bounds = lang
        .t(Msg::InterleaveBounds)
        .replace("{s}", &group_digits(config.max_schedules as u64))
        .replace("{d}", &config.max_deviations.to_string())
        .replace("{t}", &group_digits(config.max_steps));
    let running = run.is_some_and(ExplorerRun::running);
    let status = run.map(|r| {
        let p = r.progress;
        let state = if r.stopped {
            Some(Msg::InterleaveStopped)
        } else if p.done && p.exhaustive {
            Some(Msg::InterleaveExhaustive)
        } else if p.done {
            Some(Msg::InterleaveBounded)
        } else {
            None
        };
        html! {
            <div class="explorer-progress" data-testid="explorer-progress">
                <progress max={p.bound.to_string()} value={p.explored.to_string()}></progress>
                <span>{ lang.fill(Msg::InterleaveProgress, &group_digits(p.explored as u64)) }</span>
                if let Some(m) = state {
                    <span data-testid="explorer-status">{ lang.t(m) }</span>
                }
            </div>
        }
    });
    let rows = run.into_iter().flat_map(|r| r.outcomes.iter().enumerate()).map(|(i, f)| {
        let o = &f.outcome;
        let onclick = on_replay.reform(move |_: MouseEvent| i);
        let out = if o.stdout.is_empty() {
            lang.t(Msg::InterleaveNoOutput).to_owned()
        } else {
            short(&o.stdout)
        };
        html! {
            <tr data-testid="outcome-row">
                <td>
                    <pre class="outcome-out" data-testid="outcome-stdout">{ out }</pre>
                    <div class="outcome-meta">
                        { lang.fill(Msg::InterleaveExit, &o.exit_code.to_string()) }
                        if !o.stderr_line.is_empty() {
                            <span class="stderr">{ format!(" · {}", short(&o.stderr_line)) }</span>
                        }
                    </div>
                </td>
                <td class="num">{ group_digits(f.count) }</td>
                <td class={if o.race { "outcome-race" } else { "" }}>
                    { lang.t(if o.race { Msg::InterleaveRaceYes } else { Msg::InterleaveRaceNo }) }
                </td>
                <td>
                    <button type="button" class="button" data-testid="outcome-replay" title={f.schedule.to_string()} {onclick}>
                        { lang.t(Msg::InterleaveReplay) }
                    </button>
                </td>
            </tr>
        }
    });
    html! {
        <section class="panel explorer" data-testid="explorer" aria-label={lang.t(Msg::InterleaveTitle)}>
            <h2 class="panel-title">{ lang.t(Msg::InterleaveTitle) }</h2>
            <p class="panel-note">{ lang.t(Msg::InterleaveNote) }</p>
            <div class="explorer-bar">
                if running {
                    <button type="button" class="button button-stop" data-testid="explore-stop" onclick={on_stop}>{ lang.t(Msg::Stop) }</button>
                } else {
                    <button type="button" class="button button-primary" data-testid="explore-start" onclick={on_start}>{ lang.t(Msg::InterleaveStart) }</button>
                }
                <span class="panel-note" data-testid="explorer-bounds">{ bounds }</span>
            </div>
            { for status }
            if run.is_some_and(|r| !r.outcomes.is_empty()) {
                <div class="explorer-scroll">
                    <table class="explorer-table" data-testid="outcomes">
                        <thead>
                            <tr>
                                <th scope="col">{ lang.t(Msg::InterleaveOutcome) }</th>
                                <th scope="col">{ lang.t(Msg::InterleaveCount) }</th>
                                <th scope="col">{ lang.t(Msg::InterleaveRace) }</th>
                                <th scope="col">{ lang.t(Msg::InterleaveSchedule) }</th>
                            </tr>
                        </thead>
                        <tbody>{ for rows }</tbody>
                    </table>
                </div>
            }
        </section>
    }
}
