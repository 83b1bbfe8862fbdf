//! Deeply nested or very long inputs must not overflow the Rust stack (wasm32 has ~1 MB).

fn run(src: &str) -> runtime::RunOutput {
    runtime::run(
        "prog.go",
        src,
        &runtime::RunConfig {
            seed: 1,
            max_steps: 100_000,
            ..Default::default()
        },
    )
}

#[test]
fn deep_parentheses() {
    for n in [10, 100, 1000, 100_000] {
        let src = format!(
            "package main\n\nfunc main() {{\n\tx := {}1{}\n\tprintln(x)\n}}\n",
            "(".repeat(n),
            ")".repeat(n)
        );
        let out = run(&src);
        assert!(out.exit_code == 0 || out.exit_code == 1, "{n}: {out:?}");
    }
}

#[test]
fn long_operator_chains() {
    for n in [10, 100, 1000, 100_000] {
        let src = format!(
            "package main\n\nfunc main() {{\n\tx := 1{}\n\tprintln(x)\n}}\n",
            " + 1".repeat(n)
        );
        let out = run(&src);
        assert!(
            out.exit_code == 0 || out.exit_code == 1,
            "{n}: {}",
            out.stderr
        );
    }
}

#[test]
fn deep_blocks_and_unary() {
    for n in [10, 100, 1000, 100_000] {
        let src = format!(
            "package main\n\nfunc main() {{\n{}\n{}\n}}\n",
            "{".repeat(n),
            "}".repeat(n)
        );
        let out = run(&src);
        assert!(
            out.exit_code == 0 || out.exit_code == 1,
            "{n}: {}",
            out.stderr
        );
        let src = format!(
            "package main\n\nfunc main() {{\n\tx := {}1\n\tprintln(x)\n}}\n",
            "-".repeat(n)
        );
        let out = run(&src);
        assert!(
            out.exit_code == 0 || out.exit_code == 1,
            "{n}: {}",
            out.stderr
        );
        let src = format!(
            "package main\n\nfunc main() {{\n{}\n}}\n",
            "if true {".repeat(n) + &"}".repeat(n)
        );
        let out = run(&src);
        assert!(
            out.exit_code == 0 || out.exit_code == 1,
            "{n}: {}",
            out.stderr
        );
    }
}

#[test]
fn just_below_the_limit_works() {
    let n = lang::parser::MAX_NESTING as usize - 10;
    let chain = format!(
        "package main\n\nfunc main() {{\n\tx := 1{}\n\tprintln(x)\n}}\n",
        " + 1".repeat(n)
    );
    assert_eq!(run(&chain).stderr, format!("{}\n", n + 1));
    let parens = format!(
        "package main\n\nfunc main() {{\n\tx := {}1{}\n\tprintln(x)\n}}\n",
        "(".repeat(n),
        ")".repeat(n)
    );
    assert_eq!(run(&parens).stderr, "1\n");
    let ifs = format!(
        "package main\n\nfunc main() {{\n{}println(2){}\n}}\n",
        "if true {".repeat(n / 2 - 5),
        "}".repeat(n / 2 - 5)
    );
    assert_eq!(run(&ifs).stderr, "2\n");
}
