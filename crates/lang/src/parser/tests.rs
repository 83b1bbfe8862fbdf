//! Parser diagnostics: `check(input, expect![[...]])`; update with `UPDATE_EXPECT=1`.
//! Expectations were compared with `go build` (Go 1.27).

use expect_test::{Expect, expect};

fn check(src: &str, expect: Expect) {
    let (_, diags) = crate::parse(src);
    let text: Vec<String> = diags.iter().map(|d| d.to_string()).collect();
    expect.assert_eq(&text.join("\n"));
}

#[test]
fn valid_program_has_no_errors() {
    check(
        "package main\n\nimport \"fmt\"\n\nfunc main() {\n\tfmt.Println(\"hi\")\n}\n",
        expect![[""]],
    );
}

#[test]
fn missing_comma_in_arguments() {
    check(
        "package main\nfunc main() {\n\tfmt.Println(\"a\" \"b\")\n\tx :=\n}\n",
        expect![[r#"
            3:18: syntax error: unexpected literal "b" in argument list; possibly missing comma or )
            5:1: syntax error: unexpected }, expected expression"#]],
    );
}

#[test]
fn newline_in_argument_list() {
    check(
        "package main\nfunc main() {\n\tfmt.Println(\"hi\"\n\tif x := 1; x > 0 {\n\t}\n}\n",
        expect![[r#"
            3:18: syntax error: unexpected newline in argument list; possibly missing comma or )
            4:2: syntax error: unexpected keyword if at end of statement"#]],
    );
}

#[test]
fn package_clause() {
    check(
        "func main() {}",
        expect![["1:1: expected 'package', found 'func'"]],
    );
    check(
        "package main\nx := 1\n",
        expect![["2:1: syntax error: non-declaration statement outside function body"]],
    );
}

#[test]
fn if_and_for_headers() {
    check(
        "package main\nfunc main() {\n\tif x = 1 {\n\t}\n\tif {\n\t}\n\tfor i := 0; i < 3; j := 1 {\n\t}\n}\n",
        expect![[r#"
            3:7: syntax error: cannot use assignment x = 1 as value
            5:5: syntax error: missing condition in if statement
            7:23: syntax error: cannot declare in post statement of for loop"#]],
    );
}

#[test]
fn else_and_brace_errors() {
    check(
        "package main\nfunc main()\n{\n}\n",
        expect![["3:1: syntax error: unexpected semicolon or newline before {"]],
    );
    check(
        "package main\nfunc main() {\n\tif true {\n\t} else return\n}\n",
        expect![["4:9: syntax error: else must be followed by if or statement block"]],
    );
}

#[test]
fn scanner_errors() {
    check(
        "package main\nfunc main() {\n\ts := \"abc\n\tx := 'ab'\n\ty := 3 @ 4\n}\n",
        expect![[r#"
            3:11: newline in string
            4:7: more than one character in rune literal
            5:9: invalid character U+0040 '@'
            5:11: syntax error: unexpected literal 4 at end of statement"#]],
    );
}

#[test]
fn one_syntax_error_per_line() {
    check(
        "package main\nfunc main() { a b c d }\n",
        expect![["2:17: syntax error: unexpected name b at end of statement"]],
    );
}

#[test]
fn parse_never_fails_on_truncated_input() {
    let src = "package main\n\nimport \"fmt\"\n\nfunc f(a, b int) (int, string) {\n\tfor i := 0; i < 10; i++ {\n\t\tif a > b { return a, \"x\" } else { b-- }\n\t}\n\treturn 0, \"\"\n}\n";
    for i in 0..src.len() {
        if src.is_char_boundary(i) {
            let _ = crate::parse(&src[..i]);
        }
    }
}

#[test]
fn embedded_fields_and_interfaces() {
    check(
        "package main\n\ntype T struct {\n\tA\n\t*B\n\tfmt.Stringer\n\tX, Y int \"tag\"\n\t(C)\n}\n\ntype I interface {\n\tJ\n\tM()\n}\n",
        expect!["8:2: syntax error: cannot parenthesize embedded type"],
    );
}

#[test]
fn embedded_pointer_without_name() {
    check(
        "package main\n\ntype T struct {\n\t*\n}\n\ntype U struct { (X) }\n",
        expect![[r#"
            5:1: syntax error: unexpected }, expected name
            7:17: syntax error: cannot parenthesize embedded type"#]],
    );
}
