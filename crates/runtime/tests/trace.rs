//! Snapshot tests of event traces (`UPDATE_EXPECT=1 cargo test -p runtime` to update).

use expect_test::{Expect, expect};
use runtime::{Execution, RunConfig};

fn check_trace(src: &str, expect: Expect) {
    let mut e = match Execution::start("prog.go", src, &RunConfig::default()) {
        Ok(e) => e,
        Err(out) => panic!("does not compile:\n{}", out.stderr),
    };
    while !e.advance(1000) {}
    expect.assert_eq(&e.trace());
}

#[test]
fn hello_trace() {
    check_trace(
        "package main\n\nimport \"fmt\"\n\nfunc main() {\n\tfmt.Println(\"hello, 世界\")\n}\n",
        expect![[r#"
            1      g1 start main.main
            3      g1 stdout "hello, 世界\n"
            6      g1 return main.main
            6      g1 exit 0
        "#]],
    );
}

#[test]
fn calls_and_returns() {
    check_trace(
        "package main\n\nfunc fib(n int) int {\n\tif n < 2 {\n\t\treturn n\n\t}\n\treturn fib(n-1) + fib(n-2)\n}\n\nfunc main() {\n\tprintln(fib(3))\n}\n",
        expect![[r#"
            1      g1 start main.main
            2      g1 call main.fib(3)
            12     g1 call main.fib(2)
            22     g1 call main.fib(1)
            31     g1 return main.fib 1
            35     g1 call main.fib(0)
            44     g1 return main.fib 0
            47     g1 return main.fib 1
            51     g1 call main.fib(1)
            60     g1 return main.fib 1
            63     g1 return main.fib 2
            64     g1 stderr "2\n"
            65     g1 return main.main
            65     g1 exit 0
        "#]],
    );
}

#[test]
fn panic_trace() {
    check_trace(
        "package main\n\nfunc div(a, b int) int {\n\treturn a / b\n}\n\nfunc main() {\n\tdiv(1, 0)\n}\n",
        expect![[r#"
            1      g1 start main.main
            3      g1 call main.div(1, 0)
            8      g1 panic "runtime error: integer divide by zero"
            8      g1 stderr "panic: runtime error: integer divide by zero\n\ngoroutine 1 [running]:\nmain.div(...)\n\tprog.go:4\nmain.main()\n\tprog.go:8\n"
            8      g1 exit 2
        "#]],
    );
}

#[test]
fn globals_are_initialised_before_main() {
    check_trace(
        "package main\n\nvar x = f()\n\nfunc f() int { return 7 }\n\nfunc main() {\n\tprint(x)\n}\n",
        expect![[r#"
            1      g1 start main.main
            1      g1 call main.f()
            6      g1 return main.f 7
            10     g1 stderr "7"
            11     g1 return main.main
            11     g1 exit 0
        "#]],
    );
}

#[test]
fn steps_are_instructions_and_slices_do_not_matter() {
    let src = "package main\n\nimport \"fmt\"\n\nfunc main() {\n\ts := 0\n\tfor i := 0; i < 100; i++ {\n\t\ts += i\n\t}\n\tfmt.Println(s)\n}\n";
    let whole = runtime::run("prog.go", src, &RunConfig::default());
    let mut e = Execution::start("prog.go", src, &RunConfig::default()).expect("compiles");
    let mut slices = 0;
    while !e.advance(7) {
        slices += 1;
    }
    assert!(slices > 10);
    assert_eq!(e.steps(), whole.steps);
    assert_eq!(e.finish(), whole);
}

#[test]
fn budget_and_stack_overflow() {
    let out = runtime::run(
        "prog.go",
        "package main\n\nfunc main() {\n\tfor {\n\t}\n}\n",
        &RunConfig {
            seed: 1,
            max_steps: 1000,
            ..Default::default()
        },
    );
    assert_eq!(out.exit_code, 2);
    assert_eq!(out.steps, 1000);
    assert_eq!(
        out.stderr,
        "goscope: program exceeded its budget of 1000 steps (infinite loop?)\n"
    );
    let out = runtime::run(
        "prog.go",
        "package main\n\nfunc f(n int) int {\n\treturn f(n+1) + 1\n}\n\nfunc main() {\n\tf(0)\n}\n",
        &RunConfig::default(),
    );
    assert_eq!(out.exit_code, 2);
    let head: Vec<&str> = out.stderr.lines().take(5).collect();
    expect![[r#"
        [
            "runtime: goroutine stack exceeds 1000000000-byte limit",
            "fatal error: stack overflow",
            "",
            "goroutine 1 [running]:",
            "main.f(...)",
        ]
    "#]]
    .assert_debug_eq(&head);
}

#[test]
fn compile_errors_look_like_go_build() {
    let out = runtime::run(
        "prog.go",
        "package main\n\nfunc main() {\n\tx := 1\n}\n",
        &RunConfig::default(),
    );
    assert_eq!(out.exit_code, 1);
    assert_eq!(
        out.stderr,
        "# command-line-arguments\n./prog.go:4:2: declared and not used: x\n"
    );
    assert_eq!(out.diagnostics.len(), 1);
    assert_eq!(
        out.diagnostics[0].render("prog.go"),
        "prog.go:4:2: declared and not used: x"
    );
}

#[test]
fn machine_is_a_simulation() {
    use sim::{Chooser, Recorder, Status};
    let program = lang::compile("package main\n\nimport \"fmt\"\n\nfunc main() {\n\tfor i := 0; i < 3; i++ {\n\t\tfmt.Println(i)\n\t}\n}\n")
    .expect("compiles");
    let machine = runtime::Machine::new(std::rc::Rc::new(program), "prog.go");
    let mut rec = Recorder::new(machine, Chooser::new(1), 5);
    assert_eq!(rec.run(10_000), Status::Finished);
    let steps = rec.steps();
    // Seeking back reproduces the same state.
    let mid = rec.state_at(steps / 2);
    assert_eq!(mid.steps(), steps / 2);
    let text: Vec<String> = rec.events().iter().map(|e| e.to_string()).collect();
    expect![[r#"
        g1 start main.main
        g1 stdout "0\n"
        g1 stdout "1\n"
        g1 stdout "2\n"
        g1 return main.main
        g1 exit 0"#]]
    .assert_eq(&text.join("\n"));
}

#[test]
fn output_is_decoded_incrementally_and_budgeted() {
    // A multi-byte character split across two writes, then an invalid byte.
    let src = "package main\n\nimport \"fmt\"\n\nfunc main() {\n\tfmt.Print(\"\\xe4\\xb8\")\n\tfmt.Print(\"\\x96|\\xff|\")\n}\n";
    let mut e = Execution::start("prog.go", src, &RunConfig::default()).expect("compiles");
    while !e.advance(1) {}
    assert_eq!(e.stdout(), "世|\u{FFFD}|");
    let out = runtime::run(
        "prog.go",
        "package main\n\nimport \"fmt\"\n\nfunc main() {\n\tfor {\n\t\tfmt.Println(\"spam spam spam spam spam spam spam\")\n\t}\n}\n",
        &RunConfig::default(),
    );
    assert_eq!(out.exit_code, 2);
    assert!(
        out.stderr
            .ends_with("goscope: program output exceeded 16777216 bytes\n"),
        "{}",
        &out.stderr
    );
}
