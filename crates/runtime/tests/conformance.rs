//! The Go conformance corpus: every `tests/go/NAME.go` runs through `runtime::run`, and its
//! stdout, exit status and first line of stderr must equal what the program built by the real
//! Go toolchain printed (`tests/go/regen.sh` records those). For programs that do not compile,
//! the whole `go build` output (`NAME.compile`) must match. Each program that compiles also
//! runs under seeds 2, 3, 7 × GOMAXPROCS 1, 2, 8 and must print exactly the same every time
//! (corpus programs are written so that their output does not depend on the schedule).

use std::fs;
use std::path::{Path, PathBuf};

fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/go")
}

fn read(path: &Path) -> String {
    fs::read_to_string(path).unwrap_or_default()
}

#[test]
fn corpus_matches_real_go() {
    let dir = corpus_dir();
    let mut names: Vec<String> = fs::read_dir(&dir)
        .expect("tests/go exists")
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            e.file_name()
                .to_str()
                .and_then(|n| n.strip_suffix(".go"))
                .map(str::to_string)
        })
        .collect();
    names.sort();
    assert!(names.len() >= 15, "corpus too small: {}", names.len());
    let mut failures = Vec::new();
    for name in &names {
        let src = read(&dir.join(format!("{name}.go")));
        // Every program must print the same under every schedule: several seeds, and
        // GOMAXPROCS 1, 2 and 8 (the default, 4, is the first run).
        let mut runs = vec![(1, runtime::SIMULATED_NUM_CPU)];
        if !dir.join(format!("{name}.compile")).exists() {
            for seed in [2, 3, 7] {
                for procs in [1, 2, 8] {
                    runs.push((seed, procs));
                }
            }
        }
        let mut outs = runs.iter().map(|&(seed, gomaxprocs)| {
            let config = runtime::RunConfig {
                seed,
                max_steps: 50_000_000,
                gomaxprocs,
                ..Default::default()
            };
            (seed, gomaxprocs, runtime::run("prog.go", &src, &config))
        });
        let Some((_, _, out)) = outs.next() else {
            continue;
        };
        for (seed, procs, other) in outs {
            if (&other.stdout, other.exit_code, other.stderr.lines().next())
                != (&out.stdout, out.exit_code, out.stderr.lines().next())
            {
                failures.push(format!(
                    "== {name}: seed {seed} GOMAXPROCS {procs} differs from seed 1:\n{}{}",
                    other.stdout, other.stderr
                ));
            }
        }
        let want_exit: i32 = read(&dir.join(format!("{name}.exit")))
            .trim()
            .parse()
            .unwrap_or(-1);
        let want_stdout = read(&dir.join(format!("{name}.stdout")));
        let want_head = read(&dir.join(format!("{name}.stderr_head")));
        let got_head = out.stderr.lines().next().unwrap_or("");
        let mut problems = Vec::new();
        if out.exit_code != want_exit {
            problems.push(format!("exit: got {} want {want_exit}", out.exit_code));
        }
        if out.stdout != want_stdout {
            problems.push(format!(
                "stdout:\n--- got\n{}--- want\n{}",
                out.stdout, want_stdout
            ));
        }
        if got_head != want_head.trim_end_matches('\n') {
            problems.push(format!(
                "stderr head: got {got_head:?} want {:?}",
                want_head.trim_end()
            ));
        }
        let compile = dir.join(format!("{name}.compile"));
        if compile.exists() {
            let want = read(&compile);
            if out.stderr != want {
                problems.push(format!(
                    "compile output:\n--- got\n{}--- want\n{}",
                    out.stderr, want
                ));
            }
        }
        if !problems.is_empty() {
            failures.push(format!("== {name}\n{}", problems.join("\n")));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} corpus programs differ from Go:\n{}",
        failures.len(),
        names.len(),
        failures.join("\n")
    );
}
