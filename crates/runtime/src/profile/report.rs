//! What `go tool pprof` shows, computed from a [`CallTree`]: the top table (`-top`: flat,
//! flat%, sum%, cum, cum% per function), per-line counts for annotated source (`-list`),
//! and the flame graph's function tree (pprof's web UI merges frames by function).
//!
//! Plain data for the views and the CLI, so that the UI holds no logic and tests can check
//! the numbers. `flat` is what a function itself was doing (its samples' innermost frame),
//! `cum` what it and its callees were doing; a recursive function counts once per sample in
//! `cum`, as pprof does.

use super::tree::CallTree;
use lang::bytecode::{FuncId, Program};

/// One row of the top table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TopRow {
    pub func: FuncId,
    pub name: String,
    pub flat: u64,
    pub cum: u64,
}

/// The top table for value index `v` (0: samples/objects, 1: ns/bytes), sorted as pprof's
/// `-top` does: by flat, then name, then cum. Functions with neither flat nor cum are left
/// out.
pub fn top(tree: &CallTree, program: &Program, v: usize) -> Vec<TopRow> {
    let n = program.functions.len();
    let (mut flat, mut cum) = (vec![0u64; n], vec![0u64; n]);
    // `seen[f] == i`: function f is already counted in sample i's cum (recursion).
    let mut seen = vec![usize::MAX; n];
    for (i, node) in tree.nodes().iter().enumerate().skip(1) {
        let value = node.flat[v];
        if value == 0 {
            continue;
        }
        flat[node.frame.func.0 as usize] += value;
        for f in tree.stack(i as u32) {
            let f = f.func.0 as usize;
            if seen[f] != i {
                seen[f] = i;
                cum[f] += value;
            }
        }
    }
    let mut rows: Vec<TopRow> = (0..n)
        .filter(|&f| cum[f] > 0)
        .map(|f| TopRow {
            func: FuncId(f as u32),
            name: program.functions[f].name.clone(),
            flat: flat[f],
            cum: cum[f],
        })
        .collect();
    rows.sort_by(|a, b| {
        b.flat
            .cmp(&a.flat)
            .then_with(|| a.name.cmp(&b.name))
            .then_with(|| b.cum.cmp(&a.cum))
    });
    rows
}

/// Per source line `(flat, cum)` for value index `v` (`pprof -list`), indexed by line number
/// (the program is one file; index 0 is unused).
pub fn lines(tree: &CallTree, v: usize) -> Vec<(u64, u64)> {
    let mut out: Vec<(u64, u64)> = Vec::new();
    let mut seen: Vec<usize> = Vec::new();
    for (i, node) in tree.nodes().iter().enumerate().skip(1) {
        let value = node.flat[v];
        if value == 0 {
            continue;
        }
        for (k, f) in tree.stack(i as u32).iter().enumerate() {
            let l = f.line as usize;
            if out.len() <= l {
                out.resize(l + 1, (0, 0));
                seen.resize(l + 1, usize::MAX);
            }
            if k == 0 {
                out[l].0 += value;
            }
            if seen[l] != i {
                seen[l] = i;
                out[l].1 += value;
            }
        }
    }
    out
}

/// A node of the flame graph: a call path merged by function.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FlameNode {
    /// Index of the parent (the root, 0, is its own parent and has no function).
    pub parent: usize,
    pub func: Option<FuncId>,
    pub name: String,
    /// The node's value with its callees' (the bar's width).
    pub total: u64,
    /// Children, ordered by name (as pprof's flame graph).
    pub children: Vec<usize>,
    /// Distance from the root.
    pub depth: usize,
}

/// One bar to draw: a node at a depth, `start..start + width` in value units of the focus.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FlameBar {
    pub node: usize,
    pub depth: usize,
    pub start: u64,
    pub width: u64,
}

/// The flame graph's tree. See the module docs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Flame {
    pub nodes: Vec<FlameNode>,
}

impl Flame {
    /// Merges `tree`'s call paths by function, with value index `v`.
    pub fn of(tree: &CallTree, program: &Program, v: usize) -> Flame {
        let mut nodes = vec![FlameNode {
            parent: 0,
            func: None,
            name: "root".into(),
            total: 0,
            children: Vec::new(),
            depth: 0,
        }];
        // Each call-tree node maps to a flame node; parents come first.
        let mut map = vec![0usize; tree.nodes().len()];
        let cum = tree.cumulative();
        for (i, node) in tree.nodes().iter().enumerate().skip(1) {
            let parent = map[node.parent as usize];
            let func = Some(node.frame.func);
            let known = nodes[parent]
                .children
                .iter()
                .copied()
                .find(|&c| nodes[c].func == func);
            let at = match known {
                Some(c) => c,
                None => {
                    nodes.push(FlameNode {
                        parent,
                        func,
                        name: program.function(node.frame.func).name.clone(),
                        total: 0,
                        children: Vec::new(),
                        depth: nodes[parent].depth + 1,
                    });
                    let n = nodes.len() - 1;
                    nodes[parent].children.push(n);
                    n
                }
            };
            map[i] = at;
            // A call-tree node's cum counts once into the flame node of its function, but a
            // flame node merges several call-tree nodes only when they are siblings (same
            // parent path), whose cums are disjoint: summing is exact.
            nodes[at].total += cum[i][v];
        }
        nodes[0].total = cum.first().map_or(0, |c| c[v]);
        let names: Vec<String> = nodes.iter().map(|n| n.name.clone()).collect();
        for n in &mut nodes {
            n.children.sort_by(|a, b| names[*a].cmp(&names[*b]));
        }
        let totals: Vec<u64> = nodes.iter().map(|n| n.total).collect();
        for n in &mut nodes {
            n.children.retain(|c| totals[*c] > 0);
        }
        Flame { nodes }
    }

    /// The bars with `focus` spanning the full width: its ancestors above it (full width
    /// too, as pprof's zoom shows where the focus sits) and its descendants below, each
    /// child placed after its elder siblings. Bars narrower than `min_width` are left out.
    pub fn layout(&self, focus: usize, min_width: u64) -> Vec<FlameBar> {
        let focus = focus.min(self.nodes.len().saturating_sub(1));
        let total = self.nodes[focus].total;
        let mut bars = Vec::new();
        let mut chain = vec![focus];
        while let Some(&n) = chain.last() {
            if n == 0 {
                break;
            }
            chain.push(self.nodes[n].parent);
        }
        for &n in chain.iter().rev() {
            bars.push(FlameBar {
                node: n,
                depth: self.nodes[n].depth,
                start: 0,
                width: total,
            });
        }
        bars.pop(); // the focus is pushed again below with its subtree
        let mut stack = vec![(focus, 0u64)];
        while let Some((n, start)) = stack.pop() {
            let node = &self.nodes[n];
            if node.total < min_width.max(1) {
                continue;
            }
            bars.push(FlameBar {
                node: n,
                depth: node.depth,
                start,
                width: node.total,
            });
            let mut at = start;
            for &c in &node.children {
                stack.push((c, at));
                at += self.nodes[c].total;
            }
        }
        bars.sort_by_key(|b| (b.depth, b.start));
        bars
    }
}

/// A sample type's unit, as pprof scales it for display.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unit {
    /// Samples or objects: printed as plain numbers.
    Count,
    Nanoseconds,
    Bytes,
}

/// How a report prints values: divide by `factor`, append `suffix`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Scale {
    pub factor: f64,
    pub suffix: &'static str,
}

/// The largest unit in which `v` is at least 1 (pprof's `autoScale`).
fn auto_scale(unit: Unit, v: u64) -> Scale {
    let units: &[(&'static str, f64)] = match unit {
        Unit::Count => &[("", 1.0)],
        Unit::Nanoseconds => &[
            ("ns", 1.0),
            ("us", 1e3),
            ("ms", 1e6),
            ("s", 1e9),
            ("hrs", 3.6e12),
        ],
        Unit::Bytes => &[
            ("B", 1.0),
            ("kB", 1024.0),
            ("MB", 1_048_576.0),
            ("GB", 1_073_741_824.0),
            ("TB", 1_099_511_627_776.0),
        ],
    };
    let mut best = units[0];
    for &u in units {
        if v as f64 / u.1 >= 1.0 {
            best = u;
        }
    }
    Scale {
        factor: best.1,
        suffix: best.0,
    }
}

/// The unit a report uses for all its values: that of the smallest row (its flat, or its cum
/// when flat is 0), or — when it is far smaller than the total — of a hundred times it, so
/// small values may show as 0.01 of a larger unit (what `go tool pprof` does).
pub fn scale(unit: Unit, rows: &[TopRow], total: u64) -> Scale {
    let min = rows
        .iter()
        .map(|r| if r.flat > 0 { r.flat } else { r.cum })
        .filter(|&v| v > 0)
        .min()
        .unwrap_or(total);
    let (lo, hi) = (auto_scale(unit, min), auto_scale(unit, total));
    if lo.suffix != hi.suffix && min.saturating_mul(100) < total {
        auto_scale(unit, min.saturating_mul(100))
    } else {
        lo
    }
}

/// `4.50ms`, `72800B`, `0`: a value in the report's unit, two decimals unless whole.
pub fn label(v: u64, scale: Scale) -> String {
    let text = format!("{:.2}", v as f64 / scale.factor);
    let text = text.strip_suffix(".00").unwrap_or(&text);
    if text == "0" {
        return "0".into();
    }
    format!("{text}{}", scale.suffix)
}

/// `75.00%`, `  100%`, ` 0.5%`: a share as pprof prints it (five characters and `%`).
pub fn percentage(v: u64, total: u64) -> String {
    let ratio = if total == 0 {
        0.0
    } else {
        v as f64 / total as f64 * 100.0
    };
    if (99.95..=100.05).contains(&ratio) {
        "  100%".into()
    } else if ratio >= 1.0 {
        format!("{ratio:5.2}%")
    } else {
        // Go's `%5.2g`: two significant digits, no trailing zeros.
        let digits = if ratio == 0.0 {
            "0".to_string()
        } else {
            let exp = ratio.log10().floor() as i32;
            let decimals = (1 - exp).max(0) as usize;
            let s = format!("{ratio:.decimals$}");
            if s.contains('.') {
                s.trim_end_matches('0').trim_end_matches('.').to_string()
            } else {
                s
            }
        };
        format!("{digits:>5}%")
    }
}

/// The rows of `go tool pprof -top` (header line included), with its default node fraction:
/// functions whose cum is at most 0.5 % of the total are dropped, as pprof does.
pub fn top_text(rows: &[TopRow], total: u64, unit: Unit) -> String {
    let cut = total as f64 * 0.005;
    let shown: Vec<&TopRow> = rows.iter().filter(|r| r.cum as f64 > cut).collect();
    let owned: Vec<TopRow> = shown.iter().map(|r| (*r).clone()).collect();
    let sc = scale(unit, &owned, total);
    let mut out = String::from("      flat  flat%   sum%        cum   cum%\n");
    let mut sum = 0;
    for r in shown {
        sum += r.flat;
        out.push_str(&format!(
            "{:>10} {} {} {:>10} {}  {}\n",
            label(r.flat, sc),
            percentage(r.flat, total),
            percentage(sum, total),
            label(r.cum, sc),
            percentage(r.cum, total),
            r.name
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::tree::ProfFrame;
    use super::*;
    use expect_test::expect;

    fn program() -> Program {
        lang::compile(
            "package main\n\nfunc spin(n int) int {\n\ts := 0\n\tfor i := 0; i < n; i++ {\n\t\ts += i\n\t}\n\treturn s\n}\n\nfunc main() {\n\tspin(10)\n\tspin(20)\n}\n",
        )
        .expect("compiles")
    }

    fn id(p: &Program, name: &str) -> FuncId {
        FuncId(p.functions.iter().position(|f| f.name == name).unwrap() as u32)
    }

    #[test]
    fn top_lines_and_flame_agree_with_the_samples() {
        let p = program();
        let (main, spin) = (id(&p, "main.main"), id(&p, "main.spin"));
        let f = |func, line| ProfFrame { func, line };
        let mut t = CallTree::default();
        t.add([f(main, 12), f(spin, 6)], [6, 6000]);
        t.add([f(main, 13), f(spin, 6)], [3, 3000]);
        t.add([f(main, 13), f(spin, 5)], [1, 1000]);
        t.add([f(main, 12)], [2, 2000]);
        let rows = top(&t, &p, 0);
        let text: Vec<String> = rows
            .iter()
            .map(|r| format!("{} flat {} cum {}", r.name, r.flat, r.cum))
            .collect();
        expect![[r#"
            [
                "main.spin flat 10 cum 10",
                "main.main flat 2 cum 12",
            ]
        "#]]
        .assert_debug_eq(&text);
        let l = lines(&t, 0);
        assert_eq!(l[6], (9, 9));
        assert_eq!(l[12], (2, 8));
        assert_eq!(l[13], (0, 4));
        let flame = Flame::of(&t, &p, 0);
        let bars: Vec<String> = flame
            .layout(0, 0)
            .iter()
            .map(|b| {
                format!(
                    "{} d{} {}+{}",
                    flame.nodes[b.node].name, b.depth, b.start, b.width
                )
            })
            .collect();
        expect![[r#"
            [
                "root d0 0+12",
                "main.main d1 0+12",
                "main.spin d2 0+10",
            ]
        "#]]
        .assert_debug_eq(&bars);
        // Zooming into spin keeps its ancestors above it at full width.
        let spin_node = flame
            .nodes
            .iter()
            .position(|n| n.func == Some(spin))
            .unwrap();
        assert_eq!(percentage(3, 4), "75.00%");
        assert_eq!(percentage(4, 4), "  100%");
        assert_eq!(percentage(0, 4), "    0%");
        assert_eq!(percentage(1, 200), "  0.5%");
        let ns = Scale {
            factor: 1e6,
            suffix: "ms",
        };
        assert_eq!(label(4_500_000, ns), "4.50ms");
        assert_eq!(label(6_000_000, ns), "6ms");
        assert_eq!(label(0, ns), "0");
        let zoom: Vec<(usize, u64)> = flame
            .layout(spin_node, 0)
            .iter()
            .map(|b| (b.depth, b.width))
            .collect();
        assert_eq!(zoom, vec![(0, 10), (1, 10), (2, 10)]);
    }
}
