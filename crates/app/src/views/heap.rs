//! The heap view: the object graph of the simulated heap, coloured by the tri-colour
//! invariant — white (not yet reached this cycle), grey (reached, fields not scanned: on the
//! grey work queue), black (reached and scanned) — as `runtime::gc::GcView` reports it at the
//! player's step. It models what `runtime/mgcmark.go` does: roots (globals, goroutine stacks)
//! shade what they point to, `gcDrain` takes grey objects off the queue and blackens them by
//! shading their referents, and the write barrier (`mbarrier.go`, Go's hybrid Yuasa-deletion +
//! Dijkstra-insertion barrier) shades both the overwritten and the new pointer while marking.
//!
//! Layout is deterministic and needs no physics: roots on the left, then one column per BFS
//! layer of reachability from the roots (objects in BFS order, roots and edges in the order
//! the model lists them), and a last column for what no root reaches — the garbage the
//! sweeper frees. Invariant: the same `GcView` always draws the same picture; no hash-map
//! order reaches the output.
//!
//! This step's shades (`GcView::shades`) are ringed and labelled with their cause (root scan,
//! drain, barrier old/new value, allocate-black, assist), and listed in words under the graph.
//! Beyond [`GRAPH_MAX`] objects the graph would be unreadable and slow, so the view draws the
//! heap aggregated instead: one bar per size class with its white/grey/black counts, which
//! costs the same for 100,000 objects as for 1,000.

use runtime::gc::view::{Colour, GcPhase, GcView, ObjKind, ObjectView, RootKind, ShadeCause};
use yew::prelude::*;
use yew::virtual_dom::Key;

use super::svg::{el, num, st, txt};
use crate::i18n::{Lang, Msg, group_digits};

/// Objects drawn one by one up to this many; beyond, the heap is aggregated by size class.
pub const GRAPH_MAX: usize = 300;
/// Objects asked of `Machine::gc_view`: the aggregated view's colour counts come from at most
/// this many (its per-class totals come from the spans, which are always complete), so a
/// step costs the same on a 100,000-object heap as on a 5,000-object one.
pub const GC_SAMPLE: usize = 4096;
/// Entries of the grey queue listed before `+N`.
const QUEUE_MAX: usize = 24;
/// Columns of reachability layers before the deepest are folded into the last one.
const MAX_LAYERS: usize = 8;
/// Nodes drawn per column before `+N`.
const MAX_ROWS: usize = 40;

const R: u32 = 9;
const ROW_H: u32 = 26;
const COL_W: u32 = 72;
const ROOT_W: u32 = 104;
const TOP: u32 = 22;

/// Objects of the focus subgraph drawn beside the aggregate of a big heap.
pub const FOCUS_MAX: usize = 80;

/// What the heap view draws at one step: `Machine::gc_view`, and on a heap too big for the
/// graph, `Machine::gc_focus` — the subgraph around this step's shades and the roots.
#[derive(Clone, Debug, PartialEq)]
pub struct HeapAtStep {
    pub view: GcView,
    pub focus: Vec<ObjectView>,
}

impl HeapAtStep {
    pub fn of(m: &runtime::Machine) -> HeapAtStep {
        let view = m.gc_view(GC_SAMPLE);
        let focus = if is_aggregated(&view) {
            m.gc_focus(FOCUS_MAX)
        } else {
            Vec::new()
        };
        HeapAtStep { view, focus }
    }
}

fn is_aggregated(gc: &GcView) -> bool {
    gc.total_objects > GRAPH_MAX || gc.objects.len() > GRAPH_MAX
}

/// The heap at one step (`heap.view` is `Machine::gc_view` at the player's step); `lost` is
/// the run's checker report, `(cycle, object)` pairs found reachable but white.
pub fn heap_view(lang: Lang, heap: &HeapAtStep, lost: &[(u32, u32)]) -> Html {
    let gc = &heap.view;
    let aggregated = is_aggregated(gc);
    html! {
        <section class="panel heap-view" data-testid="heap-view" aria-label={lang.t(Msg::HeapTitle)}>
            <h2 class="panel-title">{ lang.t(Msg::HeapTitle) }</h2>
            { status_line(lang, gc) }
            if !lost.is_empty() {
                <p class="notice notice-error gc-lost" role="alert" data-testid="gc-lost">
                    { lang.fill(Msg::GcLostReport, &lost.iter().take(6).map(|(c, o)| format!("o{o} (GC {c})")).collect::<Vec<_>>().join(", ")) }
                </p>
            }
            { shade_lines(lang, gc) }
            if aggregated {
                { aggregate(lang, gc) }
                if !heap.focus.is_empty() {
                    <h3 class="timeline-sub">{ lang.fill(Msg::GcFocus, &heap.focus.len().to_string()) }</h3>
                    { graph(lang, gc, &heap.focus) }
                }
            } else {
                { graph(lang, gc, &gc.objects) }
            }
            { grey_queue(lang, gc) }
            { legend(lang) }
        </section>
    }
}

/// Phase, cycle, heap live against goal, GOGC, GOMEMLIMIT and the write barrier's state.
pub fn status_line(lang: Lang, gc: &GcView) -> Html {
    let gogc = if gc.gogc < 0 {
        "off".to_owned()
    } else {
        gc.gogc.to_string()
    };
    let wb = match (gc.barrier_enabled, gc.write_barrier_on) {
        (false, _) => Msg::GcBarrierDisabled,
        (true, true) => Msg::GcBarrierOn,
        (true, false) => Msg::GcBarrierOff,
    };
    html! {
        <p class="gc-status" data-testid="gc-status" data-phase={phase_code(gc.phase)}>
            <span class={classes!("gc-phase", phase_class(gc.phase))}>{ lang.t(phase_msg(gc.phase)) }</span>
            <span class="qchip">{ lang.fill(Msg::GcCycle, &gc.cycle.to_string()) }</span>
            <span class="qchip" data-testid="gc-heap">
                { format!("{} / {}", bytes(gc.heap_live), bytes(gc.heap_goal)) }
            </span>
            <span class="qchip">{ format!("GOGC={gogc}") }</span>
            if let Some(limit) = gc.memory_limit {
                <span class="qchip">{ format!("GOMEMLIMIT={}", bytes(limit)) }</span>
            }
            <span class={if gc.barrier_enabled { "qchip" } else { "qchip gc-bug" }} data-testid="gc-barrier">
                { lang.t(wb) }
            </span>
            { for gc.assists.iter().take(6).map(|&(g, credit)| {
                let amount = if credit < 0 {
                    format!("−{}", bytes(credit.unsigned_abs()))
                } else {
                    bytes(credit as u64)
                };
                html! {
                    <span class={if credit < 0 { "qchip gc-debt" } else { "qchip" }} data-testid="gc-assist">
                        { format!("g{g} ") }{ lang.fill(Msg::GcCredit, &amount) }
                    </span>
                }
            }) }
        </p>
    }
}

/// This step's shades, in words: `o12 → grey: write barrier (new pointer), g3`.
fn shade_lines(lang: Lang, gc: &GcView) -> Html {
    if gc.shades.is_empty() {
        return html! {};
    }
    html! {
        <ul class="gc-shades" data-testid="gc-shades">
            { for gc.shades.iter().take(8).map(|s| {
                let mut text = lang
                    .t(Msg::GcShadeLine)
                    .replace("{o}", &format!("o{}", s.object))
                    .replace("{x}", lang.t(cause_msg(s.cause)));
                if let Some(g) = s.goroutine {
                    text.push_str(&format!(" · g{g}"));
                }
                html! {
                    <li class="gc-shade" data-testid="gc-shade" data-obj={s.object.to_string()}
                        data-cause={cause_code(s.cause)}>{ text }</li>
                }
            }) }
            if gc.shades.len() > 8 {
                <li class="muted">{ format!("+{}", gc.shades.len() - 8) }</li>
            }
        </ul>
    }
}

/// The grey work queue, head first.
fn grey_queue(lang: Lang, gc: &GcView) -> Html {
    let hidden = gc.grey_queue.len().saturating_sub(QUEUE_MAX);
    html! {
        <div class="gc-queue sched-legend" data-testid="gc-queue">
            <span class="legend-title">{ lang.t(Msg::GcGreyQueue) }</span>
            if gc.grey_queue.is_empty() {
                <span class="muted">{ lang.t(Msg::GcQueueEmpty) }</span>
            }
            { for gc.grey_queue.iter().take(QUEUE_MAX).map(|o| html! {
                <span class="qchip gc-q">{ format!("o{o}") }</span>
            }) }
            if hidden > 0 {
                <span class="muted">{ format!("+{hidden}") }</span>
            }
        </div>
    }
}

fn legend(lang: Lang) -> Html {
    html! {
        <p class="sched-legend gc-legend">
            <span class="gc-dot c-white">{ lang.t(Msg::GcWhite) }</span>
            <span class="gc-dot c-grey">{ lang.t(Msg::GcGrey) }</span>
            <span class="gc-dot c-black">{ lang.t(Msg::GcBlack) }</span>
            <span class="gc-dot gc-dot-shaded">{ lang.t(Msg::GcShadedNow) }</span>
        </p>
    }
}

/// Where each object goes: its column (reachability layer, or the unreachable column) and
/// row. Deterministic: BFS from the rooted objects in (first root, id) order, edges in the
/// order listed.
pub struct Layout {
    /// `(column, row)` per object, in `GcView::objects` order; `None` past a column's cap.
    pub place: Vec<Option<(usize, usize)>>,
    /// Objects per column (drawn or not).
    pub counts: Vec<usize>,
    /// The roots in drawing order, each with the objects it points to (indices).
    pub roots: Vec<(String, Vec<usize>)>,
    /// The column of unreachable objects, if any.
    pub unreachable: Option<usize>,
}

pub fn layout(objects: &[ObjectView]) -> Layout {
    // Objects by id, for edges: a sorted index, not a hash map.
    let mut by_id: Vec<(u32, usize)> = objects.iter().enumerate().map(|(i, o)| (o.id, i)).collect();
    by_id.sort_unstable();
    let index = |id: u32| {
        by_id
            .binary_search_by_key(&id, |&(k, _)| k)
            .ok()
            .map(|at| by_id[at].1)
    };
    let mut roots: Vec<(String, Vec<usize>)> = Vec::new();
    for (i, o) in objects.iter().enumerate() {
        for r in &o.roots {
            let name = root_name(r);
            match roots.iter_mut().find(|(n, _)| *n == name) {
                Some((_, v)) => v.push(i),
                None => roots.push((name, vec![i])),
            }
        }
    }
    // Globals first (by name), then stacks (by goroutine), as the roots are scanned.
    roots.sort_by(|a, b| root_order(&a.0).cmp(&root_order(&b.0)));
    let mut depth: Vec<Option<usize>> = vec![None; objects.len()];
    let mut queue: Vec<usize> = Vec::new();
    for (_, objs) in &roots {
        for &i in objs {
            if depth[i].is_none() {
                depth[i] = Some(0);
                queue.push(i);
            }
        }
    }
    let mut head = 0;
    while head < queue.len() {
        let i = queue[head];
        head += 1;
        let d = depth[i].unwrap_or(0);
        for &e in &objects[i].edges {
            if let Some(j) = index(e)
                && depth[j].is_none()
            {
                depth[j] = Some(d + 1);
                queue.push(j);
            }
        }
    }
    let layers = depth
        .iter()
        .flatten()
        .max()
        .map_or(0, |d| d + 1)
        .min(MAX_LAYERS);
    let unreachable = depth.iter().any(Option::is_none).then_some(layers);
    let mut counts = vec![0usize; layers + usize::from(unreachable.is_some())];
    let mut place = vec![None; objects.len()];
    let order = queue
        .iter()
        .copied()
        .chain((0..objects.len()).filter(|&i| depth[i].is_none()));
    for i in order {
        let col = depth[i].map_or(layers, |d| d.min(MAX_LAYERS - 1));
        let row = counts[col];
        counts[col] += 1;
        if row < MAX_ROWS {
            place[i] = Some((col, row));
        }
    }
    Layout {
        place,
        counts,
        roots,
        unreachable,
    }
}

fn root_name(r: &RootKind) -> String {
    match r {
        RootKind::Global(name) => name.clone(),
        RootKind::Stack(g) => format!("g{g} stack"),
    }
}

/// Globals before stacks; stacks by goroutine number (g10 after g9).
fn root_order(name: &str) -> (u8, u64, &str) {
    match name
        .strip_suffix(" stack")
        .and_then(|g| g.strip_prefix('g'))
    {
        Some(g) => (1, g.parse().unwrap_or(u64::MAX), name),
        None => (0, 0, name),
    }
}

fn node_xy(col: usize, row: usize) -> (u32, u32) {
    (
        ROOT_W + col as u32 * COL_W + COL_W / 2,
        TOP + row as u32 * ROW_H + ROW_H / 2,
    )
}

/// `objects` as a graph, coloured and shaded from `gc`.
fn graph(lang: Lang, gc: &GcView, objects: &[ObjectView]) -> Html {
    if objects.is_empty() {
        return html! { <p class="muted">{ lang.t(Msg::GcNoObjects) }</p> };
    }
    let l = layout(objects);
    let shaded = |id: u32| gc.shades.iter().find(|s| s.object == id);
    let stack_colour = |name: &str| {
        let g: u64 = name
            .strip_suffix(" stack")?
            .strip_prefix('g')?
            .parse()
            .ok()?;
        gc.stacks.iter().find(|(sg, _)| *sg == g).map(|(_, c)| *c)
    };
    let rows = l
        .counts
        .iter()
        .map(|&n| n.min(MAX_ROWS + 1))
        .chain([l.roots.len().min(MAX_ROWS + 1)])
        .max()
        .unwrap_or(1) as u32;
    let cols = l.counts.len() as u32;
    let width = ROOT_W + cols * COL_W + 8;
    let height = TOP + rows * ROW_H + 4;

    let mut edges: Vec<Html> = Vec::new();
    let mut by_id: Vec<(u32, usize)> = objects.iter().enumerate().map(|(i, o)| (o.id, i)).collect();
    by_id.sort_unstable();
    for (i, o) in objects.iter().enumerate() {
        let Some((c1, r1)) = l.place[i] else { continue };
        let (x1, y1) = node_xy(c1, r1);
        for e in &o.edges {
            let Ok(at) = by_id.binary_search_by_key(e, |&(k, _)| k) else {
                continue;
            };
            let Some((c2, r2)) = l.place[by_id[at].1] else {
                continue;
            };
            let (x2, y2) = node_xy(c2, r2);
            // Back and same-column edges bow out to the right so they stay visible.
            let d = if c2 > c1 {
                format!("M{} {y1} L{} {y2}", x1 + R, x2 - R)
            } else {
                let bow = x1.max(x2) + R + 14;
                format!("M{} {y1} Q{bow} {} {} {y2}", x1 + R, (y1 + y2) / 2, x2 + R)
            };
            edges.push(el(
                "path",
                &[("class", st("gc-edge")), ("d", AttrValue::from(d))],
                vec![],
                None,
            ));
        }
    }
    let mut labels: Vec<Html> = Vec::new();
    if l.roots.len() > MAX_ROWS {
        let y = TOP + MAX_ROWS as u32 * ROW_H + ROW_H / 2 + 4;
        labels.push(el(
            "text",
            &[
                ("class", st("gc-root more")),
                ("x", num(ROOT_W - 10)),
                ("y", num(y)),
            ],
            vec![txt(format!("+{}", l.roots.len() - MAX_ROWS))],
            None,
        ));
    }
    for (k, (name, objs)) in l.roots.iter().enumerate().take(MAX_ROWS) {
        let y = TOP + k as u32 * ROW_H + ROW_H / 2;
        let class = match stack_colour(name) {
            Some(c) => AttrValue::from(format!("gc-root {}", colour_class(c))),
            None => st("gc-root"),
        };
        labels.push(el(
            "text",
            &[("class", class), ("x", num(ROOT_W - 10)), ("y", num(y + 4))],
            vec![txt(name.clone())],
            None,
        ));
        for &i in objs {
            if let Some((c, r)) = l.place[i] {
                let (x2, y2) = node_xy(c, r);
                edges.push(el(
                    "path",
                    &[
                        ("class", st("gc-edge gc-root-edge")),
                        (
                            "d",
                            AttrValue::from(format!("M{} {} L{} {y2}", ROOT_W - 6, y, x2 - R)),
                        ),
                    ],
                    vec![],
                    None,
                ));
            }
        }
    }
    for (col, &n) in l.counts.iter().enumerate() {
        let x = ROOT_W + col as u32 * COL_W + COL_W / 2;
        let head = if Some(col) == l.unreachable {
            lang.t(Msg::GcUnreachable).to_owned()
        } else if col + 1 == MAX_LAYERS {
            format!("{col}+")
        } else {
            col.to_string()
        };
        labels.push(el(
            "text",
            &[
                ("class", st("col-name gc-col")),
                ("x", num(x)),
                ("y", num(12)),
            ],
            vec![txt(head)],
            None,
        ));
        if n > MAX_ROWS {
            let y = TOP + MAX_ROWS as u32 * ROW_H + ROW_H / 2 + 4;
            labels.push(el(
                "text",
                &[("class", st("more gc-col")), ("x", num(x)), ("y", num(y))],
                vec![txt(format!("+{}", n - MAX_ROWS))],
                None,
            ));
        }
    }
    let nodes = objects.iter().enumerate().filter_map(|(i, o)| {
        let (c, r) = l.place[i]?;
        let (x, y) = node_xy(c, r);
        let shade = shaded(o.id);
        let mut class = format!("gc-obj {}", colour_class(o.colour));
        if shade.is_some() {
            class.push_str(" gc-shaded");
        }
        if o.noscan {
            class.push_str(" gc-noscan");
        }
        let mut title = format!(
            "o{} · {} · {} B · {} · span {}",
            o.id,
            kind_name(o.kind),
            o.size,
            if o.class == 0 {
                lang.t(Msg::GcLarge).to_owned()
            } else {
                lang.fill(Msg::GcClass, &o.class.to_string())
            },
            o.span
        );
        if !o.site.is_empty() {
            title.push_str(" · ");
            title.push_str(&o.site);
        }
        let mut children = vec![
            el("title", &[], vec![txt(title)], None),
            el(
                "circle",
                &[("cx", num(x)), ("cy", num(y)), ("r", num(R))],
                vec![],
                None,
            ),
            el(
                "text",
                &[
                    ("class", st("gc-id")),
                    ("x", num(x + R + 3)),
                    ("y", num(y + R + 2)),
                ],
                vec![txt(o.id.to_string())],
                None,
            ),
        ];
        if let Some(s) = shade {
            children.push(el(
                "circle",
                &[
                    ("class", st("gc-ring")),
                    ("cx", num(x)),
                    ("cy", num(y)),
                    ("r", num(R + 4)),
                ],
                vec![],
                None,
            ));
            children.push(el(
                "text",
                &[
                    ("class", st("gc-cause")),
                    ("x", num(x + R + 4)),
                    ("y", num(y - R - 1)),
                ],
                vec![txt(lang.t(cause_short(s.cause)))],
                None,
            ));
        }
        Some(el(
            "g",
            &[
                ("class", AttrValue::from(class)),
                ("data-obj", AttrValue::from(o.id.to_string())),
                ("data-colour", st(colour_code(o.colour))),
            ],
            children,
            Some(Key::from(o.id.to_string())),
        ))
    });
    let nodes: Vec<Html> = nodes.collect();
    html! {
        <div class="lanes-scroll">
            <svg class="gc-graph" data-testid="heap-graph" width={width.to_string()} height={height.to_string()}
                viewBox={format!("0 0 {width} {height}")} role="img" aria-label={lang.t(Msg::HeapTitle)}>
                { for edges }
                { for labels }
                { for nodes }
            </svg>
        </div>
    }
}

/// One row per size class: its slots in use (from the spans, exact) and its objects'
/// white/grey/black shares (from the listed objects: all of them up to [`GC_SAMPLE`]).
fn aggregate(lang: Lang, gc: &GcView) -> Html {
    // (class, elem size, slots in use, [white, grey, black]) in class order.
    let mut rows: Vec<(u8, u64, u64, [u64; 3])> = Vec::new();
    for s in &gc.spans {
        let at = row_at(&mut rows, s.class);
        rows[at].1 = rows[at].1.max(s.elem_size);
        rows[at].2 += u64::from(s.allocated);
    }
    for o in &gc.objects {
        let at = row_at(&mut rows, o.class);
        rows[at].1 = rows[at].1.max(o.size);
        rows[at].3[colour_index(o.colour)] += 1;
    }
    let bar_w = 300.0;
    let sampled = gc.objects.len() < gc.total_objects;
    html! {
        <div class="gc-aggregate lanes-scroll" data-testid="heap-aggregate">
            <p class="muted">
                { lang.fill(Msg::GcAggregated, &group_digits(gc.total_objects as u64)) }
                if sampled {
                    { " " }{ lang.fill(Msg::GcSampled, &group_digits(gc.objects.len() as u64)) }
                }
            </p>
            <table class="gc-classes">
                <thead><tr>
                    <th>{ lang.t(Msg::GcSizeClass) }</th>
                    <th>{ lang.t(Msg::GcObjects) }</th>
                    <th>{ lang.t(Msg::GcColours) }</th>
                </tr></thead>
                <tbody>
                    { for rows.iter().map(|(class, size, slots, counts)| {
                        let seen: u64 = counts.iter().sum();
                        let mut x = 0.0;
                        let segs: Vec<Html> = counts.iter().enumerate().filter(|(_, n)| **n > 0).map(|(c, n)| {
                            let w = *n as f64 * bar_w / seen.max(1) as f64;
                            let seg = el("rect", &[
                                ("class", st(["c-white", "c-grey", "c-black"][c])),
                                ("x", AttrValue::from(format!("{x:.1}"))),
                                ("y", st("1")),
                                ("width", AttrValue::from(format!("{w:.1}"))),
                                ("height", st("12")),
                            ], vec![el("title", &[], vec![txt(group_digits(*n))], None)], None);
                            x += w;
                            seg
                        }).collect();
                        let name = if *class == 0 {
                            lang.t(Msg::GcLarge).to_owned()
                        } else {
                            format!("{} · {}", lang.fill(Msg::GcClass, &class.to_string()), bytes(*size))
                        };
                        let white = counts[0].to_string();
                        html! {
                            <tr data-class={class.to_string()} data-white={white}>
                                <td>{ name }</td>
                                <td class="num">{ group_digits((*slots).max(seen)) }</td>
                                <td><svg class="gc-bar" viewBox={format!("0 0 {bar_w} 14")} preserveAspectRatio="none">{ for segs }</svg></td>
                            </tr>
                        }
                    }) }
                </tbody>
            </table>
        </div>
    }
}

/// The row of `class` in rows sorted by class, inserted if missing.
fn row_at(rows: &mut Vec<(u8, u64, u64, [u64; 3])>, class: u8) -> usize {
    match rows.binary_search_by_key(&class, |r| r.0) {
        Ok(at) => at,
        Err(at) => {
            rows.insert(at, (class, 0, 0, [0; 3]));
            at
        }
    }
}

/// `1.5 KB`, `12 B`, `3.2 MB`: heap sizes as the runtime's own reports round them.
pub fn bytes(n: u64) -> String {
    match n {
        0..1024 => format!("{n} B"),
        1024..1_048_576 => format!("{:.1} KB", n as f64 / 1024.0),
        _ => format!("{:.1} MB", n as f64 / 1_048_576.0),
    }
}

pub fn colour_class(c: Colour) -> &'static str {
    match c {
        Colour::White => "c-white",
        Colour::Grey => "c-grey",
        Colour::Black => "c-black",
    }
}

fn colour_code(c: Colour) -> &'static str {
    match c {
        Colour::White => "white",
        Colour::Grey => "grey",
        Colour::Black => "black",
    }
}

fn colour_index(c: Colour) -> usize {
    match c {
        Colour::White => 0,
        Colour::Grey => 1,
        Colour::Black => 2,
    }
}

fn kind_name(k: ObjKind) -> &'static str {
    match k {
        ObjKind::Cell => "cell",
        ObjKind::Struct => "struct",
        ObjKind::Array => "array",
        ObjKind::Slice => "slice",
        ObjKind::Map => "map",
        ObjKind::String => "string",
        ObjKind::Closure => "closure",
        ObjKind::Chan => "chan",
        ObjKind::Other => "object",
    }
}

pub fn phase_msg(p: GcPhase) -> Msg {
    match p {
        GcPhase::Off => Msg::GcPhaseOff,
        GcPhase::SweepTermination => Msg::GcPhaseSweepTerm,
        GcPhase::Mark => Msg::GcPhaseMark,
        GcPhase::MarkTermination => Msg::GcPhaseMarkTerm,
        GcPhase::Sweep => Msg::GcPhaseSweep,
    }
}

pub fn phase_class(p: GcPhase) -> &'static str {
    match p {
        GcPhase::Off => "ph-off",
        GcPhase::SweepTermination => "ph-stw",
        GcPhase::Mark => "ph-mark",
        GcPhase::MarkTermination => "ph-stw",
        GcPhase::Sweep => "ph-sweep",
    }
}

fn phase_code(p: GcPhase) -> &'static str {
    match p {
        GcPhase::Off => "off",
        GcPhase::SweepTermination => "sweep-termination",
        GcPhase::Mark => "mark",
        GcPhase::MarkTermination => "mark-termination",
        GcPhase::Sweep => "sweep",
    }
}

pub fn cause_msg(c: ShadeCause) -> Msg {
    match c {
        ShadeCause::Root => Msg::CauseRoot,
        ShadeCause::Scan => Msg::CauseScan,
        ShadeCause::BarrierOld => Msg::CauseBarrierOld,
        ShadeCause::BarrierNew => Msg::CauseBarrierNew,
        ShadeCause::AllocBlack => Msg::CauseAllocBlack,
        ShadeCause::Assist => Msg::CauseAssist,
    }
}

fn cause_short(c: ShadeCause) -> Msg {
    match c {
        ShadeCause::Root => Msg::CauseRootShort,
        ShadeCause::Scan => Msg::CauseScanShort,
        ShadeCause::BarrierOld | ShadeCause::BarrierNew => Msg::CauseBarrierShort,
        ShadeCause::AllocBlack => Msg::CauseAllocShort,
        ShadeCause::Assist => Msg::CauseAssistShort,
    }
}

/// Stable names of the causes (in `data-cause`, for tests and readers of the DOM).
pub fn cause_code(c: ShadeCause) -> &'static str {
    match c {
        ShadeCause::Root => "root",
        ShadeCause::Scan => "scan",
        ShadeCause::BarrierOld => "barrier-old",
        ShadeCause::BarrierNew => "barrier-new",
        ShadeCause::AllocBlack => "alloc-black",
        ShadeCause::Assist => "assist",
    }
}

#[cfg(test)]
mod tests {
    use runtime::gc::view::{Colour, ObjKind, ObjectView, RootKind};
    use wasm_bindgen_test::wasm_bindgen_test;

    use super::*;

    fn obj(id: u32, edges: &[u32], roots: Vec<RootKind>) -> ObjectView {
        ObjectView {
            id,
            kind: ObjKind::Struct,
            size: 16,
            class: 2,
            span: 0,
            colour: Colour::White,
            site: String::new(),
            edges: edges.to_vec(),
            roots,
            noscan: false,
        }
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn roots_left_then_bfs_layers_then_the_unreachable() {
        let objects = vec![
            obj(1, &[3], vec![RootKind::Stack(10)]),
            obj(
                2,
                &[3],
                vec![RootKind::Stack(2), RootKind::Global("main.head".into())],
            ),
            obj(3, &[1, 4], vec![]),
            obj(4, &[], vec![]),
            obj(5, &[6], vec![]),
            obj(6, &[5], vec![]),
        ];
        let l = layout(&objects);
        let names: Vec<&str> = l.roots.iter().map(|r| r.0.as_str()).collect();
        // Globals first, then stacks by goroutine number (g10 after g2).
        assert_eq!(names, ["main.head", "g2 stack", "g10 stack"]);
        // o2 is reached first (through the global), o1 next; o3 one edge away, o4 two; the
        // cycle o5 <-> o6 is reachable from no root.
        assert_eq!(
            l.place,
            [
                Some((0, 1)),
                Some((0, 0)),
                Some((1, 0)),
                Some((2, 0)),
                Some((3, 0)),
                Some((3, 1))
            ]
        );
        assert_eq!(l.unreachable, Some(3));
        assert_eq!(l.counts, [2, 1, 1, 2]);
        // Same input, same picture.
        assert_eq!(layout(&objects).place, l.place);
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn deep_chains_fold_into_the_last_layer_and_tall_columns_are_capped() {
        // A linked list of 20 from one root: layers 0..MAX_LAYERS-1, the rest folded.
        let mut objects: Vec<ObjectView> = (0..20u32)
            .map(|i| obj(i, if i < 19 { &[0][..0] } else { &[] }, vec![]))
            .collect();
        for (i, o) in objects.iter_mut().enumerate().take(19) {
            o.edges = vec![i as u32 + 1];
        }
        objects[0].roots = vec![RootKind::Global("main.list".into())];
        let l = layout(&objects);
        assert_eq!(l.counts.len(), MAX_LAYERS);
        assert_eq!(l.counts[MAX_LAYERS - 1], 20 - (MAX_LAYERS - 1));
        assert_eq!(l.unreachable, None);
        // A root with many children: the column shows MAX_ROWS of them.
        let mut wide = vec![obj(0, &[], vec![RootKind::Global("main.m".into())])];
        wide[0].edges = (1..=60).collect();
        wide.extend((1..=60).map(|i| obj(i, &[], vec![])));
        let l = layout(&wide);
        assert_eq!(l.counts, [1, 60]);
        assert_eq!(l.place.iter().filter(|p| p.is_some()).count(), 1 + MAX_ROWS);
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn sizes_read_as_the_runtime_reports_them() {
        assert_eq!(bytes(12), "12 B");
        assert_eq!(bytes(1536), "1.5 KB");
        assert_eq!(bytes(4 << 20), "4.0 MB");
    }
}
