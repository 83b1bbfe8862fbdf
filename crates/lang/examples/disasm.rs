//! Prints the bytecode of a Go file: `cargo run -p lang --example disasm FILE.go`.
fn main() {
    let path = std::env::args().nth(1).unwrap_or_default();
    let src = std::fs::read_to_string(&path).unwrap_or_default();
    match lang::compile(&src) {
        Ok(p) => print!("{p}"),
        Err(ds) => ds.iter().for_each(|d| eprintln!("{d:?}")),
    }
}
