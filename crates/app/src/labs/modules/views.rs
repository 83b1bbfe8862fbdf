//! The modules lab's panels, as plain functions of the state: the registry, the module graph
//! (SVG built as VNodes), the step's explanation, the build list and the go.mod diff.

use services::modules::walk::{self, DiffLine, WalkState};
use services::modules::{BuildList, ModuleVersion, Project, Step, mvs};
use yew::prelude::*;

use super::msg::ModMsg;
use super::state::{Change, File, ModulesAction};
use crate::i18n::Lang;

/// The proxy's modules, one row per path, each version a button that opens its go.mod.
pub fn registry_view(lang: Lang, project: &Project, file: &File, select: &Callback<File>) -> Html {
    let chip = |f: File, label: String, id: String| {
        let on = *file == f;
        let select = select.clone();
        html! {
            <button type="button" class={classes!("op-tab", on.then_some("op-tab-on"))}
                aria-pressed={on.to_string()} data-testid={id}
                onclick={Callback::from(move |_: MouseEvent| select.emit(f.clone()))}>{ label }</button>
        }
    };
    html! {
        <div class="mod-registry" data-testid="mod-registry">
            <div class="mod-reg-row">
                <span class="mod-reg-path">{ lang.t(ModMsg::ModMainFile) }</span>
                { chip(File::Main, "go.mod".into(), "mod-file-main".into()) }
            </div>
            { for project.registry.modules.iter().map(|(path, entries)| html! {
                <div class="mod-reg-row">
                    <span class="mod-reg-path">{ path.clone() }</span>
                    { for entries.iter().map(|e| {
                        let label = if e.version.is_empty() { "dir".to_string() } else { e.version.clone() };
                        chip(
                            File::Module { path: path.clone(), version: e.version.clone() },
                            label,
                            format!("mod-file-{path}@{}", e.version),
                        )
                    }) }
                </div>
            }) }
        </div>
    }
}

const LABEL_W: f64 = 230.0;
const NODE_W: f64 = 66.0;
const NODE_GAP: f64 = 8.0;
const ROW_H: f64 = 30.0;
const NODE_H: f64 = 20.0;

fn node_x(col: usize) -> f64 {
    LABEL_W + col as f64 * (NODE_W + NODE_GAP)
}

/// The module graph at this point of the walk: one row per path, one box per version;
/// requirement edges appear once their source has been visited.
pub fn graph_view(lang: Lang, bl: &BuildList, st: &WalkState) -> Html {
    let rows = walk::rows(bl);
    let pos = |m: &ModuleVersion| -> Option<(f64, f64)> {
        let (r, (_, vs)) = rows
            .iter()
            .enumerate()
            .find(|(i, (p, _))| *p == m.path || (*i == 0 && m.version.is_empty()))?;
        let c = vs.iter().position(|v| *v == m.version)?;
        Some((node_x(c), 8.0 + r as f64 * ROW_H))
    };
    let cols = rows.iter().map(|(_, vs)| vs.len()).max().unwrap_or(1);
    let width = node_x(cols) + 8.0;
    let height = 16.0 + rows.len() as f64 * ROW_H;
    let mut edges = Vec::new();
    for (from, reqs) in &bl.edges {
        if !st.visited.contains(from) {
            continue;
        }
        for to in reqs {
            edges.push((from.clone(), to.clone(), false));
        }
    }
    for s in &bl.steps {
        if let Step::Excluded { from, to } = s
            && st.excluded.contains(to)
            && st.visited.contains(from)
        {
            edges.push((from.clone(), to.clone(), true));
        }
    }
    let edge_html = edges.into_iter().filter_map(|(from, to, excluded)| {
        let (x1, y1) = pos(&from)?;
        let (x2, y2) = pos(&to)?;
        let hot = st.edge.as_ref() == Some(&(from.clone(), to.clone()));
        let class = classes!(
            "mod-edge",
            excluded.then_some("mod-edge-excluded"),
            hot.then_some("mod-edge-hot")
        );
        Some(html! {
            <line class={class} x1={(x1 + NODE_W / 2.0).to_string()} y1={(y1 + NODE_H).to_string()}
                x2={(x2 + NODE_W / 2.0).to_string()} y2={y2.to_string()} />
        })
    });
    let node_html = rows.iter().enumerate().flat_map(|(r, (path, vs))| {
        let y = 8.0 + r as f64 * ROW_H;
        let label = html! {
            <text class="mod-row-label" x="4" y={(y + 14.0).to_string()}>{ path.clone() }</text>
        };
        let nodes = vs.iter().enumerate().map(move |(c, v)| {
            let m = ModuleVersion::new(path, v);
            let x = node_x(c);
            let main = r == 0;
            let state = if st.current.as_ref() == Some(&m) {
                "mod-node-current"
            } else if st.excluded.contains(&m) {
                "mod-node-excluded"
            } else if main || st.is_max(&m) {
                "mod-node-max"
            } else if st.visited.contains(&m) {
                "mod-node-visited"
            } else {
                "mod-node-pending"
            };
            let replaced = st.replaced.get(&m);
            let title = match replaced {
                Some(with) => format!("{m} => {with}"),
                None => m.to_string(),
            };
            let text = if main { "main".to_string() } else { v.clone() };
            html! {
                <g class={classes!("mod-node", state, replaced.is_some().then_some("mod-node-replaced"))}
                    data-module={m.to_string()}>
                    <title>{ title }</title>
                    <rect x={x.to_string()} y={y.to_string()} width={NODE_W.to_string()}
                        height={NODE_H.to_string()} rx="4" />
                    <text x={(x + NODE_W / 2.0).to_string()} y={(y + 14.0).to_string()}
                        text-anchor="middle">{ if replaced.is_some() { format!("{text}⇒") } else { text } }</text>
                </g>
            }
        });
        std::iter::once(label).chain(nodes).collect::<Vec<_>>()
    });
    html! {
        <section class="panel lab-panel lab-wide" data-testid="mod-graph-panel">
            <h2 class="lab-subtitle">{ lang.t(ModMsg::ModGraph) }</h2>
            <div class="mod-legend">
                <span class="mod-key mod-key-current">{ lang.t(ModMsg::ModLegendCurrent) }</span>
                <span class="mod-key mod-key-max">{ lang.t(ModMsg::ModLegendMax) }</span>
                <span class="mod-key mod-key-visited">{ lang.t(ModMsg::ModLegendVisited) }</span>
                <span class="mod-key mod-key-excluded">{ lang.t(ModMsg::ModLegendExcluded) }</span>
                <span class="mod-key mod-key-replaced">{ lang.t(ModMsg::ModLegendReplaced) }</span>
            </div>
            <div class="mod-graph-scroll">
                <svg class="mod-graph" data-testid="mod-graph" role="img" aria-label={lang.t(ModMsg::ModGraph)}
                    viewBox={format!("0 0 {width} {height}")} width={width.to_string()} height={height.to_string()}>
                    { for edge_html }
                    { for node_html }
                </svg>
            </div>
        </section>
    }
}

/// What the current step did, in words.
pub fn explain(lang: Lang, bl: &BuildList, step: usize) -> String {
    let Some(s) = step.checked_sub(1).and_then(|i| bl.steps.get(i)) else {
        return lang.t(ModMsg::ModWhyStart).to_string();
    };
    match s {
        Step::Visit { module } => lang.fill(ModMsg::ModWhyVisit, &module.to_string()),
        Step::Replaced { module, with } => {
            lang.fill(ModMsg::ModWhyReplaced, &format!("{module} => {with}"))
        }
        Step::Raise { from, to, previous } => lang.fill(
            ModMsg::ModWhyRaise,
            &format!("{from} → {to} ({} {previous} → {})", to.path, to.version),
        ),
        Step::Keep { from, to, max } => lang.fill(
            ModMsg::ModWhyKeep,
            &format!("{from} → {to} ({} {max})", to.path),
        ),
        Step::Excluded { from, to } => lang.fill(ModMsg::ModWhyExcluded, &format!("{from} → {to}")),
        Step::Done => lang.t(ModMsg::ModWhyDone).to_string(),
    }
}

/// The build list: the maxima so far while walking, `go list -m all` once done.
pub fn build_list_view(lang: Lang, project: &Project, bl: &BuildList, st: &WalkState) -> Html {
    let text = if st.done {
        project
            .main_mod()
            .map(|main| {
                mvs::list_m_all(&services::modules::Graph::new(&project.registry, &main), bl)
            })
            .unwrap_or_default()
    } else {
        st.max
            .iter()
            .map(|(p, v)| format!("{p} {v}\n"))
            .collect::<String>()
    };
    html! {
        <section class="panel lab-panel" data-testid="mod-build-list-panel">
            <h2 class="lab-subtitle">
                { lang.t(if st.done { ModMsg::ModBuildList } else { ModMsg::ModMaxSoFar }) }
            </h2>
            <pre class="op-output mod-list" data-testid="mod-build-list" data-done={st.done.to_string()}>{ text }</pre>
        </section>
    }
}

/// The last command's go.mod rewrite, line by line.
pub fn diff_view(lang: Lang, change: Option<&Change>) -> Html {
    html! {
        <section class="panel lab-panel" data-testid="mod-diff-panel">
            <h2 class="lab-subtitle">{ lang.t(ModMsg::ModDiff) }</h2>
            { match change {
                None => html! { <p class="lab-hint">{ lang.t(ModMsg::ModNoDiff) }</p> },
                Some(c) => html! {
                    <>
                        <p class="lab-hint mod-command"><code>{ c.command.clone() }</code></p>
                        <pre class="op-output mod-diff" data-testid="mod-diff">
                            { for walk::diff(&c.before, &c.after).into_iter().map(|d| match d {
                                DiffLine::Same(l) => html! { <div class="mod-diff-same">{ format!("  {l}") }</div> },
                                DiffLine::Added(l) => html! { <div class="mod-diff-add">{ format!("+ {l}") }</div> },
                                DiffLine::Removed(l) => html! { <div class="mod-diff-del">{ format!("- {l}") }</div> },
                            }) }
                        </pre>
                    </>
                },
            } }
        </section>
    }
}

/// The quick commands: `(label, line, test id)`.
pub fn quick_commands() -> [(ModMsg, &'static str, &'static str); 8] {
    [
        (ModMsg::ModQuickList, "go list -m all", "mod-q-list"),
        (ModMsg::ModQuickGraph, "go mod graph", "mod-q-graph"),
        (
            ModMsg::ModQuickPatch,
            "go get -u=patch github.com/spf13/cobra",
            "mod-q-patch",
        ),
        (
            ModMsg::ModQuickMinor,
            "go get -u github.com/spf13/cobra",
            "mod-q-minor",
        ),
        (
            ModMsg::ModQuickDown,
            "go get golang.org/x/sys@v0.5.0",
            "mod-q-down",
        ),
        (
            ModMsg::ModQuickNone,
            "go get github.com/fsnotify/fsnotify@none",
            "mod-q-none",
        ),
        (
            ModMsg::ModQuickExclude,
            "go mod edit -exclude=golang.org/x/sys@v0.11.0",
            "mod-q-exclude",
        ),
        (
            ModMsg::ModQuickReplace,
            "go mod edit -replace=github.com/fsnotify/fsnotify@v1.6.0=github.com/fork/fsnotify@v1.6.2",
            "mod-q-replace",
        ),
    ]
}

/// A console action for a quick command.
pub fn command(line: &str) -> ModulesAction {
    ModulesAction::Command(line.to_string())
}
