//! `goscope explore` lists a program's distinct outcomes, each with a schedule that
//! `goscope run --schedule` replays to that very outcome.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn goscope(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_goscope"))
        .args(args)
        .current_dir(repo())
        .output()
        .expect("the goscope binary runs")
}

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// One `outcome ...` block of the listing: its stdout (newlines as spaces, as in the litmus
/// `.allowed` files), the header line and the schedule line.
struct Block {
    header: String,
    stdout: String,
    schedule: String,
}

fn blocks(listing: &str) -> Vec<Block> {
    let mut out: Vec<Block> = Vec::new();
    let mut in_stdout = false;
    for line in listing.lines() {
        if line.starts_with("outcome ") {
            out.push(Block {
                header: line.to_string(),
                stdout: String::new(),
                schedule: String::new(),
            });
            in_stdout = false;
        } else if let Some(b) = out.last_mut() {
            if line == "  stdout:" {
                in_stdout = true;
            } else if let Some(l) = line.strip_prefix("    ").filter(|_| in_stdout) {
                if !b.stdout.is_empty() {
                    b.stdout.push(' ');
                }
                b.stdout.push_str(l);
            } else if let Some(s) = line.strip_prefix("  schedule: ") {
                in_stdout = false;
                b.schedule = s.to_string();
            } else {
                in_stdout = false;
            }
        }
    }
    out
}

#[test]
fn store_buffering_has_four_outcomes_and_each_replays() {
    let file = "tests/litmus/store_buffer.go";
    let out = goscope(&["explore", "--max-schedules", "300", file]);
    let listing = text(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let found = blocks(&listing);
    let got: BTreeSet<String> = found.iter().map(|b| b.stdout.clone()).collect();
    let allowed = std::fs::read_to_string(repo().join("tests/litmus/store_buffer.allowed"))
        .expect("store_buffer.allowed");
    let want: BTreeSet<String> = allowed.lines().map(str::to_string).collect();
    assert_eq!(got, want, "{listing}");
    for want in ["0 0", "0 1", "1 0", "1 1"] {
        assert!(got.contains(want), "{want} missing:\n{listing}");
    }
    assert!(
        listing.contains("300 runs, 4 distinct outcomes"),
        "{listing}"
    );
    assert!(
        listing.contains("bounded, not exhaustive") && listing.contains("--max-schedules 300"),
        "{listing}"
    );
    let total: u64 = found
        .iter()
        .map(|b| {
            assert!(
                b.header.contains("exit status 66, data race"),
                "{}",
                b.header
            );
            let runs = b
                .header
                .split(": ")
                .nth(1)
                .and_then(|r| r.split(' ').next());
            runs.and_then(|r| r.parse::<u64>().ok())
                .expect("a run count")
        })
        .sum();
    assert_eq!(total, 300);
    for b in &found {
        assert!(
            listing.contains(&format!(
                "  replay: goscope run --schedule '{}' {file}",
                b.schedule
            )),
            "{listing}"
        );
        let replay = goscope(&["run", "--schedule", &b.schedule, file]);
        let stderr = text(&replay.stderr);
        assert_eq!(
            text(&replay.stdout).trim_end().replace('\n', " "),
            b.stdout,
            "{}",
            b.schedule
        );
        assert_eq!(replay.status.code(), Some(66), "{stderr}");
        assert!(stderr.contains("WARNING: DATA RACE"), "{stderr}");
        assert!(!stderr.contains("did not follow the schedule"), "{stderr}");
    }
}

#[test]
fn a_sequential_program_is_searched_exhaustively_and_long_output_truncated() {
    let dir = std::env::temp_dir().join(format!("goscope-explore-seq-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("lines.go"),
        "package main\n\nimport \"fmt\"\n\nfunc main() {\n\tfor i := 0; i < 20; i++ {\n\t\tfmt.Println(\"line\", i)\n\t}\n}\n",
    )
    .unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_goscope"))
        .args(["explore", "--gomaxprocs", "2", "lines.go"])
        .current_dir(&dir)
        .output()
        .unwrap();
    let listing = text(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(
        listing.starts_with("./lines.go: 1 run, 1 distinct outcome (GOMAXPROCS 2"),
        "{listing}"
    );
    assert!(
        listing.contains("outcome 1 of 1: 1 run, exit status 0, no race"),
        "{listing}"
    );
    assert!(
        listing.contains("    line 11\n    … (8 more lines)\n"),
        "{listing}"
    );
    assert!(!listing.contains("line 12"), "{listing}");
    // A non-default GOMAXPROCS is part of the replay command.
    assert!(
        listing.contains("  replay: goscope run --schedule 'goscope-schedule v1 seed=0' --gomaxprocs 2 lines.go\n"),
        "{listing}"
    );
    assert!(
        listing.ends_with(
            "exhaustive: every schedule was run (1 in all), so these are all the outcomes.\n"
        ),
        "{listing}"
    );
}

#[test]
fn a_schedule_for_another_gomaxprocs_warns_on_replay() {
    let file = "tests/litmus/store_buffer.go";
    let listing = text(&goscope(&["explore", "--max-schedules", "50", file]).stdout);
    let schedule = blocks(&listing)
        .into_iter()
        .map(|b| b.schedule)
        .find(|s| s.contains("sched:"))
        .expect("a schedule with sched choices");
    let out = goscope(&["run", "--schedule", &schedule, "--gomaxprocs", "1", file]);
    let stderr = text(&out.stderr);
    assert!(stderr.contains("did not follow the schedule"), "{stderr}");
}

#[test]
fn bad_flags_are_explained() {
    let file = "tests/litmus/store_buffer.go";
    for (args, want) in [
        (
            vec!["explore", "--max-schedules", "0", file],
            "--max-schedules: must be at least 1",
        ),
        (
            vec!["explore", "--max-schedules", "many", file],
            "--max-schedules: not a number: \"many\"",
        ),
        (
            vec!["explore", "--max-schedules"],
            "--max-schedules needs a value",
        ),
        (
            vec!["explore", "--gomaxprocs", "0", file],
            "--gomaxprocs: must be 1..=",
        ),
        (
            vec!["explore", "--trace", "t.json", file],
            "explore: unknown flag --trace",
        ),
        (vec!["explore"], "no .go file given"),
        (
            vec!["run", "--schedule", "sched:0/2", file],
            "--schedule: not a schedule line",
        ),
        (
            vec!["run", "--schedule"],
            "--schedule needs a schedule line",
        ),
        (
            vec![
                "run",
                "--seed",
                "3",
                "--schedule",
                "goscope-schedule v1 seed=0",
                file,
            ],
            "contradicts the schedule's seed=0",
        ),
    ] {
        let out = goscope(&args);
        let stderr = text(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(stderr.contains(want), "{args:?}: {stderr}");
        assert!(stderr.contains("usage: goscope"), "{args:?}: {stderr}");
        assert_eq!(text(&out.stdout), "", "{args:?}");
    }
}

#[test]
fn a_compile_error_is_reported_like_go_run() {
    let dir = std::env::temp_dir().join(format!("goscope-explore-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("bad.go"), "package main\n\nfunc main() { x }\n").unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_goscope"))
        .args(["explore", "bad.go"])
        .current_dir(&dir)
        .output()
        .unwrap();
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.starts_with("# command-line-arguments\n./bad.go:3:"),
        "{stderr}"
    );
    assert_eq!(text(&out.stdout), "");
}
