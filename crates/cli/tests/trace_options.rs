//! `goscope run --trace FILE.json` writes the events as JSON (schema version 1), and
//! `GODEBUG=schedtrace=X` prints Go 1.27-shaped `SCHED` lines every X ms of virtual time.

use std::process::{Command, Output};

const TICKER: &str = r#"package main

import (
	"fmt"
	"time"
)

func main() {
	t := time.NewTicker(100 * time.Millisecond)
	for i := 0; i < 3; i++ {
		<-t.C
	}
	t.Stop()
	fmt.Println("done")
}
"#;

fn run(args: &[&str], godebug: Option<&str>, name: &str) -> (Output, std::path::PathBuf) {
    let dir = std::env::temp_dir().join(format!("goscope-trace-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("prog.go"), TICKER).unwrap();
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_goscope"));
    cmd.args(args).current_dir(&dir).env_remove("GODEBUG");
    if let Some(g) = godebug {
        cmd.env("GODEBUG", g);
    }
    (cmd.output().expect("goscope runs"), dir)
}

#[test]
fn json_trace_has_header_and_events() {
    let (out, dir) = run(
        &[
            "run",
            "--seed",
            "3",
            "--gomaxprocs",
            "2",
            "--trace",
            "t.json",
            "prog.go",
        ],
        None,
        "json",
    );
    assert_eq!(String::from_utf8_lossy(&out.stdout), "done\n");
    assert!(out.status.success());
    let doc = std::fs::read_to_string(dir.join("t.json")).unwrap();
    assert!(doc.starts_with(
        "{\"version\":1,\"file\":\"./prog.go\",\"seed\":3,\"gomaxprocs\":2,\"exit_code\":0,"
    ));
    assert!(doc.contains(r#""kind":"GoStart","g":"","p":"","x":"","text":"g1 start main.main"}"#));
    assert!(doc.contains(r#""kind":"Sched.ChanSend""#));
    assert!(doc.contains(r#""kind":"Stdout""#));
    assert!(doc.trim_end().ends_with("]}"));
    // The same seed gives the same document.
    let (_, dir2) = run(
        &[
            "run",
            "--seed",
            "3",
            "--gomaxprocs",
            "2",
            "--trace",
            "t.json",
            "prog.go",
        ],
        None,
        "json2",
    );
    assert_eq!(doc, std::fs::read_to_string(dir2.join("t.json")).unwrap());
}

#[test]
fn godebug_schedtrace_prints_a_line_per_period_of_virtual_time() {
    let (out, _) = run(
        &["run", "--gomaxprocs", "2", "prog.go"],
        Some("schedtrace=100"),
        "sched",
    );
    assert_eq!(String::from_utf8_lossy(&out.stdout), "done\n");
    let err = String::from_utf8_lossy(&out.stderr);
    let lines: Vec<&str> = err.lines().filter(|l| l.starts_with("SCHED ")).collect();
    let times: Vec<&str> = lines
        .iter()
        .map(|l| l.split(':').next().unwrap_or(""))
        .collect();
    assert_eq!(
        times,
        ["SCHED 0ms", "SCHED 100ms", "SCHED 200ms", "SCHED 300ms"]
    );
    // Go 1.27's field order and list form.
    assert!(lines[0].starts_with(
        "SCHED 0ms: gomaxprocs=2 idleprocs=1 threads=1 spinningthreads=0 needspinning=0 \
         idlethreads=0 runqueue=0 [ 0 0 ] schedticks=[ "
    ));
}
