//! The VM on generated programs: `arbitrary` turns the fuzzer's bytes into a well-typed Go
//! program over shared globals, goroutines, channels (unbuffered and buffered), select,
//! a mutex, a WaitGroup, atomics, slices, maps, defer/recover and panics. Oracles:
//! - the program must compile (the generator only writes valid Go, so a diagnostic is a
//!   checker bug);
//! - running it must not panic the VM, under any GOMAXPROCS and with or without -race;
//! - the same seed must give the same output twice (determinism).
//!
//! Runtime failures of the *Go program* (index out of range, division by zero, deadlock,
//! close of closed channel, budgets) are expected outcomes, not findings.
#![no_main]

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use runtime::RunConfig;
use std::fmt::Write;

#[derive(Arbitrary, Debug)]
struct Program {
    seed: u16,
    procs: u8,
    race: bool,
    main: Vec<Stmt>,
}

#[derive(Arbitrary, Debug, Clone, Copy)]
enum Var {
    V0,
    V1,
    V2,
}

#[derive(Arbitrary, Debug, Clone, Copy)]
enum Chan {
    Unbuffered,
    Buffered,
}

#[derive(Arbitrary, Debug)]
enum Expr {
    Lit(i8),
    Var(Var),
    Add(Box<Expr>, Box<Expr>),
    Sub(Box<Expr>, Box<Expr>),
    Mul(Box<Expr>, Box<Expr>),
    Div(Box<Expr>, Box<Expr>),
    Rem(Box<Expr>, Box<Expr>),
    Len,
    Index(Box<Expr>),
    MapGet(Box<Expr>),
    LenChan(Chan),
    Atomic,
}

#[derive(Arbitrary, Debug)]
enum Stmt {
    Assign(Var, Expr),
    Print(Expr),
    If(Expr, Vec<Stmt>, Vec<Stmt>),
    Loop(u8, Vec<Stmt>),
    Append(Expr),
    Reslice(u8),
    MapSet(Expr, Expr),
    MapDelete(Expr),
    RangeMap(Vec<Stmt>),
    Go(Vec<Stmt>),
    WgGo(Vec<Stmt>),
    WgWait,
    Send(Chan, Expr),
    Recv(Chan, Var),
    RecvOk(Chan, Var),
    Close(Chan),
    RangeChan(Chan, Vec<Stmt>),
    Select(Option<(Chan, Expr)>, Option<(Chan, Var)>, bool),
    Locked(Vec<Stmt>),
    AtomicAdd(Expr),
    Recover(Vec<Stmt>),
    Panic(Expr),
    Sleep(u8),
    Gosched,
}

const MAX_DEPTH: usize = 4;

fn var(v: Var) -> &'static str {
    match v {
        Var::V0 => "v0",
        Var::V1 => "v1",
        Var::V2 => "v2",
    }
}

fn chan(c: Chan) -> &'static str {
    match c {
        Chan::Unbuffered => "cu",
        Chan::Buffered => "cb",
    }
}

fn expr(e: &Expr, depth: usize) -> String {
    if depth > MAX_DEPTH {
        return "1".into();
    }
    let d = depth + 1;
    match e {
        Expr::Lit(n) => format!("({n})"),
        Expr::Var(v) => var(*v).into(),
        Expr::Add(a, b) => format!("({} + {})", expr(a, d), expr(b, d)),
        Expr::Sub(a, b) => format!("({} - {})", expr(a, d), expr(b, d)),
        Expr::Mul(a, b) => format!("({} * {})", expr(a, d), expr(b, d)),
        // `+ zero` keeps the divisor and the index non-constant: a constant zero divisor or
        // negative index is a compile error in Go, and we want the runtime panics.
        Expr::Div(a, b) => format!("({} / ({} + zero))", expr(a, d), expr(b, d)),
        Expr::Rem(a, b) => format!("({} % ({} + zero))", expr(a, d), expr(b, d)),
        Expr::Len => "len(s)".into(),
        Expr::Index(i) => format!("s[{} + zero]", expr(i, d)),
        Expr::MapGet(k) => format!("m[{}]", expr(k, d)),
        Expr::LenChan(c) => format!("len({})", chan(*c)),
        Expr::Atomic => "int(atomic.LoadInt64(&counter))".into(),
    }
}

fn block(out: &mut String, stmts: &[Stmt], depth: usize) {
    for s in stmts.iter().take(12) {
        stmt(out, s, depth);
    }
}

fn stmt(out: &mut String, s: &Stmt, depth: usize) {
    let pad = "\t".repeat(depth + 1);
    let d = depth + 1;
    if depth > MAX_DEPTH {
        let _ = writeln!(out, "{pad}v0++");
        return;
    }
    match s {
        Stmt::Assign(v, e) => {
            let _ = writeln!(out, "{pad}{} = {}", var(*v), expr(e, d));
        }
        Stmt::Print(e) => {
            let _ = writeln!(out, "{pad}fmt.Println({})", expr(e, d));
        }
        Stmt::If(c, a, b) => {
            let _ = writeln!(out, "{pad}if {} > 0 {{", expr(c, d));
            block(out, a, d);
            let _ = writeln!(out, "{pad}}} else {{");
            block(out, b, d);
            let _ = writeln!(out, "{pad}}}");
        }
        Stmt::Loop(n, body) => {
            let _ = writeln!(out, "{pad}for i := 0; i < {}; i++ {{", n % 6);
            let _ = writeln!(out, "{pad}\tv2 += i");
            block(out, body, d);
            let _ = writeln!(out, "{pad}}}");
        }
        Stmt::Append(e) => {
            let _ = writeln!(out, "{pad}s = append(s, {})", expr(e, d));
        }
        Stmt::Reslice(n) => {
            let _ = writeln!(out, "{pad}s = s[{}:]", n % 3);
        }
        Stmt::MapSet(k, e) => {
            let _ = writeln!(out, "{pad}m[{}] = {}", expr(k, d), expr(e, d));
        }
        Stmt::MapDelete(k) => {
            let _ = writeln!(out, "{pad}delete(m, {})", expr(k, d));
        }
        Stmt::RangeMap(body) => {
            let _ = writeln!(out, "{pad}for k, v := range m {{");
            let _ = writeln!(out, "{pad}\tv1 += k * v");
            block(out, body, d);
            let _ = writeln!(out, "{pad}}}");
        }
        Stmt::Go(body) => {
            let _ = writeln!(out, "{pad}go func() {{");
            block(out, body, d);
            let _ = writeln!(out, "{pad}}}()");
        }
        Stmt::WgGo(body) => {
            let _ = writeln!(out, "{pad}wg.Add(1)");
            let _ = writeln!(out, "{pad}go func() {{");
            let _ = writeln!(out, "{pad}\tdefer wg.Done()");
            block(out, body, d);
            let _ = writeln!(out, "{pad}}}()");
        }
        Stmt::WgWait => {
            let _ = writeln!(out, "{pad}wg.Wait()");
        }
        Stmt::Send(c, e) => {
            let _ = writeln!(out, "{pad}{} <- {}", chan(*c), expr(e, d));
        }
        Stmt::Recv(c, v) => {
            let _ = writeln!(out, "{pad}{} = <-{}", var(*v), chan(*c));
        }
        Stmt::RecvOk(c, v) => {
            let _ = writeln!(out, "{pad}if x, ok := <-{}; ok {{", chan(*c));
            let _ = writeln!(out, "{pad}\t{} = x", var(*v));
            let _ = writeln!(out, "{pad}}}");
        }
        Stmt::Close(c) => {
            let _ = writeln!(out, "{pad}close({})", chan(*c));
        }
        Stmt::RangeChan(c, body) => {
            let _ = writeln!(out, "{pad}for x := range {} {{", chan(*c));
            let _ = writeln!(out, "{pad}\tv0 += x");
            block(out, body, d);
            let _ = writeln!(out, "{pad}}}");
        }
        Stmt::Select(send, recv, default) => {
            let _ = writeln!(out, "{pad}select {{");
            if let Some((c, e)) = send {
                let _ = writeln!(out, "{pad}case {} <- {}:", chan(*c), expr(e, d));
                let _ = writeln!(out, "{pad}\tv1++");
            }
            if let Some((c, v)) = recv {
                let _ = writeln!(out, "{pad}case {} = <-{}:", var(*v), chan(*c));
            }
            if *default {
                let _ = writeln!(out, "{pad}default:");
            }
            let _ = writeln!(out, "{pad}}}");
        }
        Stmt::Locked(body) => {
            let _ = writeln!(out, "{pad}mu.Lock()");
            block(out, body, d);
            let _ = writeln!(out, "{pad}mu.Unlock()");
        }
        Stmt::AtomicAdd(e) => {
            let _ = writeln!(out, "{pad}atomic.AddInt64(&counter, int64({}))", expr(e, d));
        }
        Stmt::Recover(body) => {
            let _ = writeln!(out, "{pad}func() {{");
            let _ = writeln!(out, "{pad}\tdefer func() {{");
            let _ = writeln!(out, "{pad}\t\tif r := recover(); r != nil {{");
            let _ = writeln!(out, "{pad}\t\t\tfmt.Println(\"recovered:\", r)");
            let _ = writeln!(out, "{pad}\t\t}}");
            let _ = writeln!(out, "{pad}\t}}()");
            block(out, body, d);
            let _ = writeln!(out, "{pad}}}()");
        }
        Stmt::Panic(e) => {
            let _ = writeln!(out, "{pad}panic({})", expr(e, d));
        }
        Stmt::Sleep(n) => {
            let _ = writeln!(out, "{pad}time.Sleep({} * time.Millisecond)", n % 8);
        }
        Stmt::Gosched => {
            let _ = writeln!(out, "{pad}runtime.Gosched()");
        }
    }
}

fn render(p: &Program) -> String {
    let mut out = String::from(
        "package main\n\nimport (\n\t\"fmt\"\n\t\"runtime\"\n\t\"sync\"\n\t\"sync/atomic\"\n\t\"time\"\n)\n\n\
         var (\n\tv0, v1, v2 int\n\ts        = []int{1, 2, 3}\n\tm        = map[int]int{1: 10}\n\
         \tcu       = make(chan int)\n\tcb       = make(chan int, 2)\n\tmu       sync.Mutex\n\
         \twg       sync.WaitGroup\n\tcounter  int64\n\tzero     int\n)\n\nfunc main() {\n",
    );
    block(&mut out, &p.main, 0);
    // Every import used whatever was generated; the final line makes the state observable.
    out.push_str(
        "\truntime.Gosched()\n\ttime.Sleep(time.Millisecond)\n\twg.Wait()\n\
         \tfmt.Println(v0, v1, v2, len(s), len(m), atomic.LoadInt64(&counter))\n}\n",
    );
    out
}

fuzz_target!(|p: Program| {
    let source = render(&p);
    if let Err(diagnostics) = lang::compile(&source) {
        let shown: Vec<String> = diagnostics.iter().map(|d| d.render("prog.go")).collect();
        panic!(
            "a generated program does not compile:\n{source}\n{}",
            shown.join("\n")
        );
    }
    let config = RunConfig {
        seed: u64::from(p.seed),
        max_steps: 300_000,
        gomaxprocs: 1 + usize::from(p.procs % 8),
        race: p.race,
        profile: None,
    };
    let first = runtime::run("prog.go", &source, &config);
    let second = runtime::run("prog.go", &source, &config);
    assert_eq!(
        first, second,
        "same program and seed, different runs:\n{source}"
    );
});
