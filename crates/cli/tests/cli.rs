//! The `goscope` binary behaves like `go run` where it matters to scripts and learners:
//! output streams, `FILE:LINE:COL: message` compile errors with exit status 1, panics with 2.

use std::path::PathBuf;
use std::process::{Command, Output};

fn goscope(args: &[&str], dir: &std::path::Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_goscope"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("the goscope binary runs")
}

/// A fresh directory holding `name` with `source`.
fn program(name: &str, source: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "goscope-cli-{}-{}",
        std::process::id(),
        name.replace('.', "_")
    ));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join(name), source).unwrap();
    dir
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn hello_prints_and_exits_zero() {
    let dir = program(
        "hello.go",
        "package main\n\nimport \"fmt\"\n\nfunc main() {\n\tfmt.Println(\"hello, 世界\")\n}\n",
    );
    let out = goscope(&["run", "hello.go"], &dir);
    assert_eq!(text(&out.stdout), "hello, 世界\n");
    assert_eq!(text(&out.stderr), "");
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn syntax_error_prints_file_line_col_and_exits_one() {
    let dir = program(
        "bad.go",
        "package main\n\nimport \"fmt\"\n\nfunc main() {\n\tfmt.Println(\"hi\"\n}\n",
    );
    let out = goscope(&["run", "bad.go"], &dir);
    let stderr = text(&out.stderr);
    // Exactly what `go run bad.go` prints (go1.27.3).
    assert_eq!(
        stderr,
        "# command-line-arguments\n./bad.go:6:18: syntax error: unexpected newline in argument list; possibly missing comma or )\n"
    );
    assert_eq!(text(&out.stdout), "");
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn type_error_is_reported_like_go_build() {
    let dir = program("unused.go", "package main\n\nfunc main() {\n\tx := 1\n}\n");
    let out = goscope(&["run", "unused.go"], &dir);
    assert_eq!(
        text(&out.stderr),
        "# command-line-arguments\n./unused.go:4:2: declared and not used: x\n"
    );
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn panic_exits_two_with_go_report() {
    let dir = program(
        "dz.go",
        "package main\n\nimport \"fmt\"\n\nfunc main() {\n\tx := 0\n\tfmt.Println(1 / x)\n}\n",
    );
    let out = goscope(&["run", "dz.go"], &dir);
    let stderr = text(&out.stderr);
    assert!(
        stderr.starts_with(
            "panic: runtime error: integer divide by zero\n\ngoroutine 1 [running]:\nmain.main()\n"
        ),
        "{stderr}"
    );
    assert!(stderr.ends_with("exit status 2\n"), "{stderr}");
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn missing_file_and_bad_flags_are_clear_errors() {
    let dir = std::env::temp_dir();
    let out = goscope(&["run", "no-such-file.go"], &dir);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("no-such-file.go"));
    let out = goscope(&["run", "--seed"], &dir);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("--seed needs a value"));
}

#[test]
fn trace_prints_the_event_log() {
    let dir = program(
        "tr.go",
        "package main\n\nimport \"fmt\"\n\nfunc main() {\n\tfmt.Println(\"hi\")\n}\n",
    );
    let out = goscope(&["trace", "tr.go"], &dir);
    let trace = text(&out.stdout);
    assert!(trace.lines().count() >= 2, "{trace}");
    assert!(trace.contains("hi"), "{trace}");
    assert_eq!(out.status.code(), Some(0));
}
