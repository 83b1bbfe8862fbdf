//! The profile view (chapter 2.2, "pprof first, not more machines"): what `go tool pprof`
//! shows of a run — a flame graph (icicle: callers above callees, width ∝ samples, click to
//! zoom), the top table (flat, flat%, sum%, cum, cum%, in pprof's own units), the program
//! annotated with each line's samples, CPU or allocated bytes (`alloc_space`) — plus the
//! scheduler latency histogram (`sched.latency`: runnable → running on the virtual clock) and
//! a download of the profile as `.pb.gz` for the real `go tool pprof`.
//!
//! Plain functions over [`RunProfile`] (computed once per run in `run_profile.rs`); clicks go
//! to the reducer as [`ProfileAction`]s. Colours: the flame bars use the `fl-*` classes of
//! `web/style.css` (one per name hash, both themes), the latency bars `--g-runnable` (the
//! state the delay is spent in).

use yew::prelude::*;

use super::svg::{el, num, st, txt};
use crate::i18n::{Lang, Msg, group_digits};
use crate::run_profile::{ProfileAction, ProfileKind, ProfileTable, ProfileUi, RunProfile};
use runtime::clock::duration_string;
use runtime::profile::Histogram;
use runtime::profile::report::{Scale, label, percentage, scale};

/// Width of the flame graph's coordinate system, and one row's height.
const W: u64 = 1000;
const ROW: u32 = 20;
/// Rows of the top table shown.
pub const TOP_ROWS: usize = 20;
/// Goroutines listed under the latency histogram (the longest waits first).
const LATENCY_ROWS: usize = 8;

/// The whole view. `profile` is `None` when the run was not profiled (the view was opened
/// after it): then it asks for another run.
pub fn profile_view(
    lang: Lang,
    profile: Option<&RunProfile>,
    source: &str,
    ui: ProfileUi,
    on: &Callback<ProfileAction>,
) -> Html {
    let body = match profile {
        None => {
            html! { <p class="muted" data-testid="profile-run-again">{ lang.t(Msg::ProfileRunAgain) }</p> }
        }
        Some(p) => {
            let table = p.table(ui.kind);
            let sc = scale(table.unit, &table.rows, table.total);
            html! {
                <>
                    { header(lang, p, table, ui, on) }
                    if table.total == 0 {
                        <p class="muted">{ lang.t(Msg::ProfileEmpty) }</p>
                    } else {
                        { flame(lang, table, ui.focus, sc, on) }
                        { top_table(lang, table, sc) }
                        { annotated(lang, table, source, sc) }
                    }
                    { latency(lang, &p.latency) }
                </>
            }
        }
    };
    html! {
        <section class="panel profile-view" data-testid="profile-view" aria-label={lang.t(Msg::ProfileTitle)}>
            <h2 class="panel-title">{ lang.t(Msg::ProfileTitle) }</h2>
            { body }
        </section>
    }
}

fn header(
    lang: Lang,
    p: &RunProfile,
    table: &ProfileTable,
    ui: ProfileUi,
    on: &Callback<ProfileAction>,
) -> Html {
    let button = |kind: ProfileKind, msg: Msg, id: &'static str| {
        let on = on.clone();
        let onclick = Callback::from(move |_: MouseEvent| on.emit(ProfileAction::Kind(kind)));
        let pressed = if ui.kind == kind { "true" } else { "false" };
        html! { <button type="button" class="button" aria-pressed={pressed} data-testid={id} {onclick}>{ lang.t(msg) }</button> }
    };
    let (summary, file) = match ui.kind {
        ProfileKind::Cpu => (
            format!(
                "{} · {}",
                lang.fill(Msg::ProfileSamples, &group_digits(table.count)),
                lang.fill(Msg::ProfilePeriod, &duration_string(p.period_ns as i64))
            ),
            "cpu.pb.gz",
        ),
        ProfileKind::Alloc => (
            format!(
                "{} · {}",
                lang.fill(Msg::ProfileObjects, &group_digits(table.count)),
                lang.fill(Msg::ProfileBytes, &group_digits(table.total))
            ),
            "mem.pb.gz",
        ),
    };
    html! {
        <div class="profile-head">
            <div class="profile-kinds" role="group">
                { button(ProfileKind::Cpu, Msg::ProfileCpu, "profile-cpu") }
                { button(ProfileKind::Alloc, Msg::ProfileAlloc, "profile-alloc") }
            </div>
            <span class="muted" data-testid="profile-summary">{ summary }</span>
            <a class="button" href={table.download.clone()} download={file} data-testid="profile-download">{ lang.t(Msg::ProfileDownload) }</a>
        </div>
    }
}

/// A stable colour class per function name.
fn colour(name: &str) -> &'static str {
    const CLASSES: [&str; 6] = ["fl-0", "fl-1", "fl-2", "fl-3", "fl-4", "fl-5"];
    let h = name
        .bytes()
        .fold(0u32, |h, b| h.wrapping_mul(31).wrapping_add(u32::from(b)));
    CLASSES[(h % 6) as usize]
}

fn flame(
    lang: Lang,
    table: &ProfileTable,
    focus: usize,
    sc: Scale,
    on: &Callback<ProfileAction>,
) -> Html {
    let f = &table.flame;
    let focus = if focus < f.nodes.len() { focus } else { 0 };
    let total = f.nodes[focus].total.max(1);
    let bars = f.layout(focus, total / W);
    let depth = bars.iter().map(|b| b.depth).max().unwrap_or(0) as u32 + 1;
    let height = depth * ROW;
    let drawn = bars.iter().map(|b| {
        let node = &f.nodes[b.node];
        let x = b.start * W / total;
        let w = (b.width * W / total).max(1);
        let y = b.depth as u32 * ROW;
        let name = if b.node == 0 { lang.t(Msg::ProfileAll).to_owned() } else { node.name.clone() };
        let title = format!("{name} · {} ({})", label(node.total, sc), percentage(node.total, table.total).trim());
        // Names fit at about 8 units a character (13-unit monospace); cut with an ellipsis.
        let chars = (w / 8) as usize;
        let shown: String = if name.chars().count() <= chars {
            name.clone()
        } else if chars > 2 {
            name.chars().take(chars - 1).chain(['…']).collect()
        } else {
            String::new()
        };
        let on = on.clone();
        let target = b.node;
        let onclick = Callback::from(move |_: MouseEvent| on.emit(ProfileAction::Focus(target)));
        let class = if b.node == focus { "flame-bar focus" } else { "flame-bar" };
        html! {
            <g class={classes!(class, colour(&name))} data-testid="flame-bar" data-name={name.clone()} {onclick}>
                <title>{ title }</title>
                { el("rect", &[("x", num(x as u32)), ("y", num(y)), ("width", num(w as u32)), ("height", num(ROW - 1))], vec![], None) }
                if !shown.is_empty() {
                    { el("text", &[("x", num(x as u32 + 3)), ("y", num(y + ROW - 6))], vec![txt(shown)], None) }
                }
            </g>
        }
    });
    let reset = {
        let on = on.clone();
        Callback::from(move |_: MouseEvent| on.emit(ProfileAction::Focus(0)))
    };
    html! {
        <div class="profile-flame">
            <h3 class="profile-sub">{ lang.t(Msg::ProfileFlame) }
                if focus != 0 {
                    <button type="button" class="button" data-testid="flame-reset" onclick={reset}>{ lang.t(Msg::ProfileResetZoom) }</button>
                }
            </h3>
            // Scaled as a whole (text keeps its shape); narrow screens scroll sideways.
            <div class="prof-scroll">
                <svg class="flame" data-testid="flame" viewBox={format!("0 0 {W} {height}")} role="img" aria-label={lang.t(Msg::ProfileFlame)}>
                    { for drawn }
                </svg>
            </div>
            <p class="muted">{ lang.t(Msg::ProfileFlameHint) }</p>
        </div>
    }
}

/// A table cell (`td`/`th`) with a class and text: one non-generic builder for the many
/// cells of the tables below (see `svg::el`).
fn cell(tag: &'static str, class: &'static str, text: impl Into<AttrValue>) -> Html {
    el(tag, &[("class", st(class))], vec![txt(text)], None)
}

/// A table with a header row and body rows, scrolling sideways when narrow.
fn table(class: &'static str, testid: &'static str, head: Vec<Html>, rows: Vec<Html>) -> Html {
    el(
        "div",
        &[("class", st("prof-scroll"))],
        vec![el(
            "table",
            &[("class", st(class)), ("data-testid", st(testid))],
            vec![
                el("thead", &[], vec![el("tr", &[], head, None)], None),
                el("tbody", &[], rows, None),
            ],
            None,
        )],
        None,
    )
}

fn pct(v: u64, total: u64) -> String {
    percentage(v, total).trim().to_owned()
}

fn top_table(lang: Lang, t: &ProfileTable, sc: Scale) -> Html {
    let mut sum = 0;
    let rows = t
        .rows
        .iter()
        .take(TOP_ROWS)
        .map(|r| {
            sum += r.flat;
            let cells = vec![
                cell("td", "num", label(r.flat, sc)),
                cell("td", "num", pct(r.flat, t.total)),
                cell("td", "num", pct(sum, t.total)),
                cell("td", "num", label(r.cum, sc)),
                cell("td", "num", pct(r.cum, t.total)),
                el(
                    "td",
                    &[("class", st("fn"))],
                    vec![el("code", &[], vec![txt(r.name.clone())], None)],
                    None,
                ),
            ];
            el("tr", &[("data-testid", st("top-row"))], cells, None)
        })
        .collect();
    let head = [
        Msg::ProfileFlat,
        Msg::ProfileFlatPct,
        Msg::ProfileSumPct,
        Msg::ProfileCum,
        Msg::ProfileCumPct,
    ]
    .into_iter()
    .map(|m| cell("th", "num", lang.t(m)))
    .chain([cell("th", "", lang.t(Msg::ProfileFunction))])
    .collect();
    el(
        "div",
        &[("class", st("profile-top"))],
        vec![
            cell("h3", "profile-sub", lang.t(Msg::ProfileTop)),
            table("prof-table", "profile-top", head, rows),
        ],
        None,
    )
}

/// The program with each line's flat and cum beside it (`pprof -list`); lines with no
/// samples are dimmed, hot ones shaded by their share of the total.
fn annotated(lang: Lang, t: &ProfileTable, source: &str, sc: Scale) -> Html {
    let rows = source
        .lines()
        .enumerate()
        .map(|(i, text)| {
            let n = i as u32 + 1;
            let (flat, cum) = t.lines.get(n as usize).copied().unwrap_or((0, 0));
            let class = match (flat * 100 / t.total.max(1), cum) {
                (_, 0) => "cold",
                (0, _) if flat == 0 => "",
                (0..=4, _) => "heat-1",
                (5..=19, _) => "heat-2",
                (20..=49, _) => "heat-3",
                _ => "heat-4",
            };
            let value = |v: u64| if v == 0 { String::new() } else { label(v, sc) };
            let cells = vec![
                cell("td", "num", value(flat)),
                cell("td", "num", value(cum)),
                cell("td", "ln", n.to_string()),
                el(
                    "td",
                    &[("class", st("src"))],
                    vec![el("code", &[], vec![txt(text.replace('\t', "    "))], None)],
                    None,
                ),
            ];
            el(
                "tr",
                &[("class", st(class)), ("data-line", num(n))],
                cells,
                None,
            )
        })
        .collect();
    let head = vec![
        cell("th", "num", lang.t(Msg::ProfileFlat)),
        cell("th", "num", lang.t(Msg::ProfileCum)),
        cell("th", "", ""),
        cell("th", "", ""),
    ];
    el(
        "div",
        &[("class", st("profile-source"))],
        vec![
            cell("h3", "profile-sub", lang.t(Msg::ProfileSource)),
            table("prof-list", "profile-source", head, rows),
        ],
        None,
    )
}

/// `0`, `1ns`, `512ns`, `1µs`, `66µs`: a bucket's lower bound, rounded to whole units so
/// that labels fit under their bars (the exact bounds are in each bar's tooltip).
fn bucket_label(i: usize) -> String {
    let lo = Histogram::bounds(i).0;
    let (unit, scale) = match lo {
        0 => return "0".into(),
        1..=999 => ("ns", 1),
        1_000..=999_999 => ("µs", 1_000),
        1_000_000..=999_999_999 => ("ms", 1_000_000),
        _ => ("s", 1_000_000_000),
    };
    format!("{}{unit}", (lo + scale / 2) / scale)
}

fn latency(lang: Lang, l: &runtime::profile::SchedLatency) -> Html {
    let h = &l.overall;
    if h.total == 0 {
        return el(
            "div",
            &[("class", st("profile-latency"))],
            vec![
                cell("h3", "profile-sub", lang.t(Msg::ProfileLatency)),
                cell("p", "muted", lang.t(Msg::ProfileLatencyEmpty)),
            ],
            None,
        );
    }
    let first = h.counts.iter().position(|&c| c > 0).unwrap_or(0);
    let buckets = &h.counts[first..];
    let max = buckets.iter().copied().max().unwrap_or(1).max(1);
    // Bar width, plot height, and a margin above for the tallest bar's count.
    let (bw, ph, top) = (40u32, 120u32, 14u32);
    let width = bw * buckets.len() as u32;
    let bars: Vec<Html> = buckets
        .iter()
        .enumerate()
        .map(|(i, &c)| {
            let hgt = (c * u64::from(ph) / max) as u32;
            let hgt = if c > 0 { hgt.max(2) } else { 0 };
            let x = i as u32 * bw;
            let (lo, hi) = Histogram::bounds(first + i);
            let title = format!(
                "[{}, {}) · {}",
                duration_string(lo as i64),
                duration_string(hi as i64),
                c
            );
            el(
                "g",
                &[
                    ("class", st("lat-bucket")),
                    (
                        "data-testid",
                        st(if c > 0 {
                            "latency-bar"
                        } else {
                            "latency-empty"
                        }),
                    ),
                ],
                vec![
                    el("title", &[], vec![txt(title)], None),
                    el(
                        "rect",
                        &[
                            ("x", num(x + 2)),
                            ("y", num(top + ph - hgt)),
                            ("width", num(bw - 4)),
                            ("height", num(hgt)),
                        ],
                        vec![],
                        None,
                    ),
                    el(
                        "text",
                        &[
                            ("x", num(x + bw / 2)),
                            ("y", num(top + ph + 14)),
                            ("class", st("lat-label")),
                        ],
                        vec![txt(bucket_label(first + i))],
                        None,
                    ),
                    el(
                        "text",
                        &[
                            ("x", num(x + bw / 2)),
                            ("y", num(top + ph - hgt - 3)),
                            ("class", st("lat-count")),
                        ],
                        vec![txt(if c > 0 { c.to_string() } else { String::new() })],
                        None,
                    ),
                ],
                None,
            )
        })
        .collect();
    let d = |ns: u64| duration_string(ns as i64);
    let summary = format!(
        "{} · {} {} · p50 ≤ {} · p99 ≤ {} · {} {}",
        lang.fill(Msg::ProfileWaits, &group_digits(h.total)),
        lang.t(Msg::ProfileMean),
        d(h.mean_ns()),
        d(h.quantile_ns(0.5)),
        d(h.quantile_ns(0.99)),
        lang.t(Msg::ProfileMax),
        d(h.max_ns)
    );
    let mut gs: Vec<(usize, &Histogram)> = l
        .per_goroutine
        .iter()
        .enumerate()
        .filter(|(_, h)| h.total > 0)
        .collect();
    gs.sort_by(|a, b| b.1.sum_ns.cmp(&a.1.sum_ns).then(a.0.cmp(&b.0)));
    let rows = gs
        .iter()
        .take(LATENCY_ROWS)
        .map(|(i, h)| {
            let cells = vec![
                el(
                    "td",
                    &[],
                    vec![el("code", &[], vec![txt(format!("g{}", i + 1))], None)],
                    None,
                ),
                cell("td", "num", h.total.to_string()),
                cell("td", "num", d(h.mean_ns())),
                cell("td", "num", d(h.max_ns)),
                cell("td", "num", d(h.sum_ns)),
            ];
            el("tr", &[("data-testid", st("latency-row"))], cells, None)
        })
        .collect();
    let head = vec![
        cell("th", "", lang.t(Msg::ProfileGoroutine)),
        cell("th", "num", lang.t(Msg::ProfileCount)),
        cell("th", "num", lang.t(Msg::ProfileMean)),
        cell("th", "num", lang.t(Msg::ProfileMax)),
        cell("th", "num", lang.t(Msg::ProfileTotalWait)),
    ];
    let chart = el(
        "svg",
        &[
            ("class", st("latency")),
            ("data-testid", st("latency")),
            (
                "viewBox",
                AttrValue::from(format!("0 0 {width} {}", top + ph + 20)),
            ),
            ("role", st("img")),
            ("aria-label", st(lang.t(Msg::ProfileLatency))),
        ],
        bars,
        None,
    );
    el(
        "div",
        &[("class", st("profile-latency"))],
        vec![
            cell("h3", "profile-sub", lang.t(Msg::ProfileLatency)),
            el(
                "p",
                &[
                    ("class", st("muted")),
                    ("data-testid", st("latency-summary")),
                ],
                vec![txt(summary)],
                None,
            ),
            el("div", &[("class", st("prof-scroll"))], vec![chart], None),
            cell("p", "muted", lang.t(Msg::ProfileLatencyNote)),
            table("prof-table", "latency-table", head, rows),
        ],
        None,
    )
}
