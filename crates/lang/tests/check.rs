//! Type-checker messages: `check(input, expect![[...]])`; update with `UPDATE_EXPECT=1`.
//! Every expectation was compared with `go build` (Go 1.27) on the same program.

use expect_test::{Expect, expect};

fn check(src: &str, expect: Expect) {
    let text = match lang::compile(src) {
        Ok(_) => "ok".to_string(),
        Err(diags) => diags
            .iter()
            .map(|d| d.to_string())
            .collect::<Vec<_>>()
            .join("\n"),
    };
    expect.assert_eq(&text);
}

/// Wraps statements in `func main`.
fn body(stmts: &str) -> String {
    format!("package main\n\nfunc main() {{\n{stmts}\n}}\n")
}

#[test]
fn declared_and_not_used() {
    check(
        &body("\tx := 1\n\ty := 2\n\ty++\n\tvar z int\n\tz = 3\n\ta, b := 1, 2\n\t_ = b"),
        expect![[r#"
            4:2: declared and not used: x
            7:6: declared and not used: z
            9:2: declared and not used: a"#]],
    );
}

#[test]
fn imported_and_not_used() {
    check(
        "package main\n\nimport (\n\t\"fmt\"\n\t\"os\"\n)\n\nfunc main() {\n\tfmt.Println()\n}\n",
        expect![[r#"5:2: "os" imported and not used"#]],
    );
    check(
        "package main\n\nimport \"foo\"\n\nfunc main() {}\n",
        expect![["3:8: package foo is not in std"]],
    );
}

#[test]
fn undefined() {
    check(
        "package main\n\nimport \"fmt\"\n\nfunc main() {\n\tfmt.Println(a)\n\tb = 2\n\tfmt.Printn(1)\n\tx := 1\n\tx.y()\n}\n",
        expect![[r#"
            6:14: undefined: a
            7:2: undefined: b
            8:6: undefined: fmt.Printn
            10:4: x.y undefined (type int has no field or method y)"#]],
    );
}

#[test]
fn mismatched_types() {
    check(
        &body(
            "\ta, b := 1, \"s\"\n\tprintln(a + b, 1 + \"a\", a == b, -b, !a, a + 1.5)\n\ta += \"x\"",
        ),
        expect![[r#"
            5:10: invalid operation: a + b (mismatched types int and string)
            5:17: invalid operation: 1 + "a" (mismatched types untyped int and untyped string)
            5:31: invalid operation: a == b (mismatched types int and string)
            5:35: invalid operation: operator - not defined on b (variable of type string)
            5:39: invalid operation: operator ! not defined on a (variable of type int)
            5:46: 1.5 (untyped float constant) truncated to int
            6:2: invalid operation: a += "x" (mismatched types int and untyped string)"#]],
    );
}

#[test]
fn assignment_mismatch() {
    check(
        "package main\n\nfunc two() (int, int) { return 1, 2 }\n\nfunc main() {\n\tvar s string = 5\n\tx := 1\n\tx = \"s\"\n\ta, b := 1\n\tc := two()\n\tvar d int = two()\n\tprintln(s, x, a, b, c, d)\n}\n",
        expect![[r#"
            6:17: cannot use 5 (untyped int constant) as string value in variable declaration
            8:6: cannot use "s" (untyped string constant) as int value in assignment
            9:10: assignment mismatch: 2 variables but 1 value
            10:7: assignment mismatch: 1 variable but two returns 2 values
            11:14: multiple-value two() (value of type (int, int)) in single-value context"#]],
    );
}

#[test]
fn argument_count() {
    check(
        "package main\n\nimport \"fmt\"\n\nfunc f(a int, b string) {}\n\nfunc main() {\n\tf(1)\n\tf(1, \"a\", 3)\n\tf()\n\tfmt.Printf()\n}\n",
        expect![[r#"
            8:4: not enough arguments in call to f
            	have (number)
            	want (int, string)
            9:12: too many arguments in call to f
            	have (number, string, number)
            	want (int, string)
            10:2: not enough arguments in call to f
            	have ()
            	want (int, string)
            11:2: not enough arguments in call to fmt.Printf
            	have ()
            	want (string, ...any)"#]],
    );
}

#[test]
fn missing_return_and_return_counts() {
    check(
        "package main\n\nfunc a() int {\n\tfor {\n\t\tbreak\n\t}\n}\n\nfunc b() int {\n\tfor {\n\t}\n}\n\nfunc c() (int, string) {\n\treturn 1\n}\n\nfunc d() {\n\treturn 5\n}\n\nfunc main() {}\n",
        expect![[r#"
            7:1: missing return
            15:9: not enough return values
            	have (number)
            	want (int, string)
            19:9: too many return values
            	have (number)
            	want ()"#]],
    );
}

#[test]
fn redeclarations_conditions_and_calls() {
    check(
        &body(
            "\tx := 1\n\tx := 2\n\tvar y int\n\tvar y string\n\tif x {\n\t}\n\tfor 5 {\n\t}\n\tx()\n\tprintln(x, y)",
        ),
        expect![[r#"
            5:4: no new variables on left side of :=
            7:6: y redeclared in this block
            	6:6: other declaration of y
            8:5: non-boolean condition in if statement
            10:6: non-boolean condition in for statement
            12:2: invalid operation: cannot call x (variable of type int): int is not a function"#]],
    );
}

#[test]
fn constant_overflow() {
    check(
        &body(
            "\tconst big = 1 << 70\n\tvar x int = big\n\tz := 9223372036854775808\n\tprintln(x, z, 1<<62*4)",
        ),
        expect![[r#"
            5:14: cannot use big (untyped int constant 1180591620717411303424) as int value in variable declaration (overflows)
            6:7: cannot use 9223372036854775808 (untyped int constant) as int value in assignment (overflows)
            7:16: cannot use 1 << 62 * 4 (untyped int constant 18446744073709551616) as int value in argument to built-in println (overflows)"#]],
    );
}

#[test]
fn division_by_zero_and_shifts() {
    check(
        &body("\ti := 1 / 0\n\tj := 1 << -1\n\tk := 1.5 << 2\n\tprintln(i, j, k)"),
        expect![[r#"
            4:11: invalid operation: division by zero
            5:12: invalid operation: negative shift count -1 (untyped int constant)
            6:7: invalid operation: shifted operand 1.5 (untyped float constant) must be integer"#]],
    );
}

#[test]
fn branches() {
    check(
        &body("\tfor {\n\t\tbreak foo\n\t}\n\tcontinue\nL:\n\tprintln()"),
        expect![[r#"
            5:9: break label not defined: foo
            7:2: continue is not in a loop
            8:1: label L defined and not used"#]],
    );
}

#[test]
fn too_many_errors() {
    let mut stmts = String::new();
    for i in 0..12 {
        stmts.push_str(&format!("\tvar v{i} int = \"s\"\n\tprintln(v{i})\n"));
    }
    let out = match lang::compile(&body(&stmts)) {
        Ok(_) => Vec::new(),
        Err(d) => d,
    };
    assert_eq!(out.len(), 11);
    assert_eq!(out[10].to_string(), "22:15: too many errors");
}

#[test]
fn type_errors_wait_for_syntax_errors() {
    check(
        &body("\tx := 1\n\ty := ("),
        expect![["6:1: syntax error: unexpected }, expected expression"]],
    );
}

#[test]
fn valid_programs_compile() {
    check(
        "package main\n\nimport \"fmt\"\n\nconst k = 1 << 10\n\nvar g = k / 2\n\nfunc f(a, b int) (q, r int) {\n\tq, r = a/b, a%b\n\treturn\n}\n\nfunc main() {\n\tq, r := f(7, 2)\n\tvar s string = \"x\"\n\ts += fmt.Sprint(q, r, g)\n\tfmt.Println(s, len(s), 'a', 2.5*2, s[0])\n}\n",
        expect![["ok"]],
    );
}
