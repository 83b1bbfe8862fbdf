//! Runs a Go file like `go build` + running the binary: `cargo run -p runtime --example gorun -- FILE.go [--trace]`.
fn main() {
    let args: Vec<String> = std::env::args().collect();
    let Some(path) = args.get(1) else {
        eprintln!("usage: gorun FILE.go [--trace]");
        std::process::exit(2);
    };
    let src = std::fs::read_to_string(path).unwrap_or_default();
    let name = std::path::Path::new(path)
        .file_name()
        .and_then(|s| s.to_str())
        .unwrap_or("prog.go");
    if args.iter().any(|a| a == "--trace") {
        match runtime::Execution::start(name, &src, &runtime::RunConfig::default()) {
            Ok(mut e) => {
                while !e.advance(1 << 20) {}
                print!("{}", e.trace());
            }
            Err(out) => print!("{}", out.stderr),
        }
        return;
    }
    let out = runtime::run(name, &src, &runtime::RunConfig::default());
    print!("{}", out.stdout);
    eprint!("{}", out.stderr);
    std::process::exit(out.exit_code);
}
