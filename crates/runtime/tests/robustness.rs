//! "No Rust panic escapes for any input": random byte strings, token soups and mutated corpus
//! programs go through highlight, parse, compile and run (with a small step budget). A panic
//! anywhere fails the test; the failing input is printed for reproduction.

use std::path::Path;

/// xorshift64*: deterministic, dependency-free.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

const TOKENS: &[&str] = &[
    "package",
    "main",
    "import",
    "\"fmt\"",
    "\"os\"",
    "func",
    "(",
    ")",
    "{",
    "}",
    "[",
    "]",
    "\n",
    ";",
    ",",
    ".",
    ":=",
    "=",
    "+=",
    "++",
    "--",
    "+",
    "-",
    "*",
    "/",
    "%",
    "<<",
    ">>",
    "&^",
    "&&",
    "||",
    "!",
    "<",
    "==",
    "x",
    "y",
    "f",
    "fmt",
    "Println",
    "Printf",
    "Sprint",
    "int",
    "string",
    "bool",
    "float64",
    "rune",
    "byte",
    "var",
    "const",
    "if",
    "else",
    "for",
    "switch",
    "case",
    "default",
    "break",
    "continue",
    "return",
    "fallthrough",
    "goto",
    "go",
    "defer",
    "range",
    "1",
    "0",
    "1<<62",
    "9223372036854775807",
    "2.5",
    "'a'",
    "\"s\"",
    "`raw`",
    "\"%d %s %v\"",
    "len",
    "println",
    "panic",
    "nil",
    "true",
    "iota",
    "L:",
    "...",
    "/* c */",
    "// c\n",
    "@",
    "\"unterminated",
    "'",
    "0x",
    "1e",
    "struct",
    "map",
    "chan",
    "interface",
    "type",
    "T",
    "<-",
    "&",
    "^",
];

fn exercise(src: &str) {
    let _ = lang::highlight(src);
    let _ = lang::parse(src);
    let _ = runtime::run(
        "prog.go",
        src,
        &runtime::RunConfig {
            seed: 1,
            max_steps: 20_000,
            ..Default::default()
        },
    );
}

fn check(src: &str) {
    let result = std::panic::catch_unwind(|| exercise(src));
    if result.is_err() {
        panic!("panicked on input:\n{src:?}");
    }
}

fn corpus() -> Vec<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/go");
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .map(|d| {
            d.filter_map(|e| e.ok())
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|x| x == "go"))
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    files
        .iter()
        .filter_map(|p| std::fs::read_to_string(p).ok())
        .collect()
}

#[test]
fn random_bytes_never_panic() {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    for _ in 0..300 {
        let n = rng.below(200);
        let bytes: Vec<u8> = (0..n).map(|_| rng.next() as u8).collect();
        check(&String::from_utf8_lossy(&bytes));
        let prefixed = format!(
            "package main\nfunc main() {{\n{}\n}}\n",
            String::from_utf8_lossy(&bytes)
        );
        check(&prefixed);
    }
}

#[test]
fn token_soup_never_panics() {
    let mut rng = Rng(42);
    for _ in 0..1500 {
        let n = rng.below(60);
        let mut s = String::from("package main\nimport \"fmt\"\nfunc main() {\n");
        for _ in 0..n {
            s.push_str(TOKENS[rng.below(TOKENS.len())]);
            s.push(' ');
        }
        s.push_str("\n}\n");
        check(&s);
    }
}

#[test]
fn mutated_corpus_never_panics() {
    let programs = corpus();
    assert!(!programs.is_empty());
    let mut rng = Rng(7);
    for round in 0..3000 {
        let base = &programs[round % programs.len()];
        let mut b: Vec<u8> = base.as_bytes().to_vec();
        for _ in 0..1 + rng.below(4) {
            if b.is_empty() {
                break;
            }
            let i = rng.below(b.len());
            match rng.below(5) {
                0 => {
                    let j = (i + rng.below(20)).min(b.len());
                    b.drain(i..j);
                }
                1 => {
                    let t = TOKENS[rng.below(TOKENS.len())].as_bytes();
                    b.splice(i..i, t.iter().copied());
                }
                2 => {
                    let j = (i + rng.below(40)).min(b.len());
                    let chunk: Vec<u8> = b[i..j].to_vec();
                    let k = rng.below(b.len());
                    b.splice(k..k, chunk);
                }
                3 => b[i] = rng.next() as u8,
                _ => {
                    let j = rng.below(b.len());
                    b.swap(i, j);
                }
            }
        }
        check(&String::from_utf8_lossy(&b));
    }
}
