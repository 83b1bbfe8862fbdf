//! Resource budgets: a runaway program ends with a `goscope: ...` message and exit status 2.

use runtime::{RunConfig, run};

fn stopped(source: &str, expect: &str) {
    let out = run("prog.go", source, &RunConfig::default());
    assert_eq!(out.exit_code, 2, "stderr: {}", out.stderr);
    assert!(out.stderr.contains(expect), "stderr: {}", out.stderr);
}

#[test]
fn goroutine_budget() {
    stopped(
        "package main\n\nfunc main() {\n\tfor {\n\t\tgo func() { select {} }()\n\t}\n}\n",
        "goscope: program has more than 100000 live goroutines",
    );
}

#[test]
fn heap_budget() {
    stopped(
        "package main\n\nfunc main() {\n\tvar s [][]byte\n\tfor {\n\t\ts = append(s, make([]byte, 1<<20))\n\t}\n}\n",
        "goscope: program allocated more than 32 MiB",
    );
}

#[test]
fn ordinary_program_is_not_stopped() {
    let src = "package main\n\nimport \"fmt\"\n\nfunc main() {\n\tdone := make(chan int)\n\tfor i := 0; i < 1000; i++ {\n\t\tgo func() { done <- i }()\n\t}\n\ts := 0\n\tfor i := 0; i < 1000; i++ {\n\t\ts += <-done\n\t}\n\tfmt.Println(s)\n}\n";
    let out = run("prog.go", src, &RunConfig::default());
    assert_eq!((out.stdout.as_str(), out.exit_code), ("499500\n", 0));
}
