//! `goscope`: the native command line, like `go run` but on goscope's simulated runtime.
//!
//! ```text
//! goscope run [--seed N] [--gomaxprocs N] [--max-steps N] FILE.go     run a program: its stdout, stderr, exit status
//! goscope trace [--seed N] [--gomaxprocs N] [--max-steps N] FILE.go   print the run's event log (the trace) instead
//! ```
//!
//! Exit status: a compile error exits 1 after printing `./FILE.go:LINE:COL: message` lines
//! (as `go build`/`go run` do); otherwise goscope exits with the program's own status (2 after a
//! panic or deadlock), and, like `go run`, says `exit status N` on stderr when that is not 0.
//! Unlike `go run`, which turns every failure into 1, the status is kept so scripts can tell
//! a panic (2) from a compile error (1).

use std::io::Write;
use std::process::ExitCode;

const USAGE: &str = "usage: goscope run [--seed N] [--gomaxprocs N] [--max-steps N] FILE.go
       goscope trace [--seed N] [--gomaxprocs N] [--max-steps N] FILE.go

  run    compile and run FILE.go on the simulated Go runtime, printing its output like `go run`
  trace  run it and print the event log (one event per line) instead of its output";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match parse(&args) {
        Ok(Command::Help) => {
            println!("{USAGE}");
            ExitCode::SUCCESS
        }
        Ok(Command::Run {
            file,
            config,
            trace,
        }) => run(&file, &config, trace),
        Err(msg) => {
            eprintln!("goscope: {msg}\n\n{USAGE}");
            ExitCode::from(2)
        }
    }
}

enum Command {
    Help,
    Run {
        file: String,
        config: runtime::RunConfig,
        trace: bool,
    },
}

fn parse(args: &[String]) -> Result<Command, String> {
    let Some((verb, rest)) = args.split_first() else {
        return Ok(Command::Help);
    };
    let trace = match verb.as_str() {
        "run" => false,
        "trace" => true,
        "help" | "-h" | "--help" => return Ok(Command::Help),
        other => return Err(format!("unknown command {other:?}")),
    };
    let mut config = runtime::RunConfig::default();
    let mut file = None;
    let mut it = rest.iter();
    while let Some(arg) = it.next() {
        let mut number = |name: &str| -> Result<u64, String> {
            let v = it.next().ok_or(format!("{name} needs a value"))?;
            v.parse()
                .map_err(|_| format!("{name}: not a number: {v:?}"))
        };
        match arg.as_str() {
            "--seed" => config.seed = number("--seed")?,
            "--max-steps" => config.max_steps = number("--max-steps")?,
            "--gomaxprocs" => {
                let n = number("--gomaxprocs")?;
                if n == 0 || n > runtime::sched::MAX_GOMAXPROCS as u64 {
                    return Err(format!(
                        "--gomaxprocs: must be 1..={}",
                        runtime::sched::MAX_GOMAXPROCS
                    ));
                }
                config.gomaxprocs = n as usize;
            }
            a if a.starts_with('-') => return Err(format!("unknown flag {a}")),
            a if file.is_none() => file = Some(a.to_string()),
            a => return Err(format!("only one file can be run, got {a:?} too")),
        }
    }
    let file = file.ok_or("no .go file given")?;
    Ok(Command::Run {
        file,
        config,
        trace,
    })
}

fn run(path: &str, config: &runtime::RunConfig, trace: bool) -> ExitCode {
    let source = match std::fs::read(path) {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(s) => s,
            Err(_) => {
                eprintln!("{path}: invalid UTF-8 encoding");
                return ExitCode::from(1);
            }
        },
        Err(e) => {
            eprintln!("goscope: open {path}: {e}");
            return ExitCode::from(1);
        }
    };
    let name = display_name(path);
    let out = if trace {
        match runtime::Execution::start(&name, &source, config) {
            Ok(mut exec) => {
                while !exec.advance(1_000_000) {}
                print!("{}", exec.trace());
                exec.finish()
            }
            Err(out) => out,
        }
    } else {
        runtime::run(&name, &source, config)
    };
    if !trace {
        let _ = std::io::stdout().write_all(out.stdout.as_bytes());
    }
    let _ = std::io::stdout().flush();
    let _ = std::io::stderr().write_all(out.stderr.as_bytes());
    let code = out.exit_code.clamp(0, 255) as u8;
    if code != 0 && out.diagnostics.is_empty() {
        eprintln!("exit status {code}");
    }
    ExitCode::from(code)
}

/// The name Go prints in positions: a relative path gets `./` in front, as the go command does.
fn display_name(path: &str) -> String {
    if path.starts_with('/') || path.starts_with("./") || path.starts_with("../") {
        path.to_string()
    } else {
        format!("./{path}")
    }
}
