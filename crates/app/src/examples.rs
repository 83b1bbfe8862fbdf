//! The example programs the Gallery offers, with zh/en titles and one-line descriptions.
//!
//! A stand-in until the `gallery` crate exists (it will own the seed's examples and lab
//! scenarios, in the core, so that the CLI and tests can run them too). Keep these to the
//! slice of Go the runtime runs today: `fmt`, integers, strings, `if`/`for`, functions.

/// One example program.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Example {
    /// Stable id (for links, later).
    pub id: &'static str,
    /// `(简体中文, English)`.
    pub title: (&'static str, &'static str),
    /// `(简体中文, English)`, one sentence.
    pub description: (&'static str, &'static str),
    pub source: &'static str,
}

/// The program a first visit (or "Reset") shows.
pub const DEFAULT_PROGRAM: &str =
    "package main\n\nimport \"fmt\"\n\nfunc main() {\n\tfmt.Println(\"hello, 世界\")\n}\n";

pub const EXAMPLES: &[Example] = &[
    Example {
        id: "hello",
        title: ("你好，世界", "Hello, 世界"),
        description: (
            "最小的 Go 程序：main 包、导入 fmt、打印一行。",
            "The smallest Go program: package main, import fmt, print a line.",
        ),
        source: DEFAULT_PROGRAM,
    },
    Example {
        id: "fib",
        title: ("斐波那契数列", "Fibonacci"),
        description: (
            "递归函数调用：每一次调用都会在 goroutine 的栈上压入一个新的栈帧。",
            "Recursive calls: every call pushes a new frame on the goroutine's stack.",
        ),
        source: "package main\n\nimport \"fmt\"\n\n// fib returns the n-th Fibonacci number.\nfunc fib(n int) int {\n\tif n < 2 {\n\t\treturn n\n\t}\n\treturn fib(n-1) + fib(n-2)\n}\n\nfunc main() {\n\tfor i := 0; i < 10; i++ {\n\t\tfmt.Println(i, fib(i))\n\t}\n}\n",
    },
    Example {
        id: "printf-loop",
        title: ("循环与 Printf", "A loop with Printf"),
        description: (
            "for 循环累加，并用 fmt.Printf 的 %d 动词格式化输出。",
            "A for loop that accumulates a sum, printed with fmt.Printf's %d verb.",
        ),
        source: "package main\n\nimport \"fmt\"\n\nfunc main() {\n\tsum := 0\n\tfor i := 1; i <= 5; i++ {\n\t\tsum += i\n\t\tfmt.Printf(\"i = %d, sum = %d\\n\", i, sum)\n\t}\n}\n",
    },
];

#[cfg(test)]
mod tests {
    use wasm_bindgen_test::wasm_bindgen_test;

    use super::*;

    #[wasm_bindgen_test(unsupported = test)]
    fn examples_are_complete_and_unique() {
        let mut ids: Vec<&str> = EXAMPLES.iter().map(|e| e.id).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), EXAMPLES.len(), "duplicate id");
        for e in EXAMPLES {
            for text in [e.title.0, e.title.1, e.description.0, e.description.1] {
                assert!(!text.trim().is_empty(), "{}: empty text", e.id);
            }
            assert!(e.source.starts_with("package main\n"), "{}", e.id);
            assert!(e.source.ends_with("}\n"), "{}", e.id);
        }
    }
}
