//! The example programs the Gallery offers, with zh/en titles and one-line descriptions.
//!
//! A stand-in until the `gallery` crate exists (it will own the seed's examples and lab
//! scenarios, in the core, so that the CLI and tests can run them too). The seed's own
//! examples live as `.go` files in `examples/`; every example must compile and exit 0
//! (tested below).

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
    Example {
        id: "seed-producer-consumer",
        title: ("生产者-消费者（2.3 节）", "Producer/consumer (seed 2.3)"),
        description: (
            "带缓冲通道解耦生产者与消费者：单步查看缓冲区的 sendx/recvx，以及 close 之后 range 如何结束。",
            "A buffered channel decouples producer and consumer: step through the buffer's sendx/recvx and see range end after close.",
        ),
        source: include_str!("examples/producer_consumer.go"),
    },
    Example {
        id: "seed-done-flag-race",
        title: (
            "有数据竞争的 done 标志（第 1 章）",
            "The racy done flag (seed ch. 1)",
        ),
        description: (
            "第 1 章原样的程序：done 是普通 bool，main 的写与 worker 的读构成数据竞争。打开竞态检测运行，看报告。",
            "Chapter 1's program as written: done is a plain bool, so main's write and the worker's read race. Run it with the race detector to see the report.",
        ),
        source: include_str!("examples/done_flag_race.go"),
    },
    Example {
        id: "seed-done-flag",
        title: (
            "done 标志的正确写法（第 1 章）",
            "The done flag, done right (seed ch. 1)",
        ),
        description: (
            "第 1 章的 done 标志改用 atomic.Bool：Store 先于看到它的 Load（happens-before），循环一定结束。",
            "Chapter 1's done flag as an atomic.Bool: the Store happens before the Load that sees it, so the loop ends.",
        ),
        source: include_str!("examples/done_flag.go"),
    },
    Example {
        id: "seed-worker-pool",
        title: ("工作池与工作窃取", "A worker pool and work stealing"),
        description: (
            "三个 worker 从同一个通道取任务；GOMAXPROCS ≥ 2 时跳到“工作窃取”，看空闲的 P 如何从忙碌的 P 偷走一半。",
            "Three workers take jobs from one channel; with GOMAXPROCS ≥ 2, jump to a steal and watch an idle P take half of a busy P's queue.",
        ),
        source: include_str!("examples/worker_pool.go"),
    },
    Example {
        id: "syscall-handoff",
        title: ("系统调用与 P 的移交", "A syscall hands its P off"),
        description: (
            "阻塞的系统调用占住线程 M，却不占住 P：跳到“系统调用与 P 移交”，看 sysmon 把唯一的 P 交给另一个 M 去运行 worker；调用返回时没有空闲的 P，main 进入全局队列。",
            "A blocking syscall holds its thread (M) but not its P: jump to a syscall hand-off and watch sysmon give the only P to another M that runs the worker; on return there is no idle P, so main waits in the global queue.",
        ),
        source: include_str!("examples/syscall_handoff.go"),
    },
    Example {
        id: "seed-pprof-hot",
        title: (
            "用 pprof 找热点（2.2 节）",
            "Find the hot spot with pprof (seed 2.2)",
        ),
        description: (
            "先分析，再加机器：spin 是热点函数，collect 负责分配内存。在“视图”中勾选“性能剖析”再运行，看 CPU 火焰图、top 表、逐行标注、分配与调度延迟（sched.latency），还可下载给 go tool pprof。",
            "pprof first, not more machines: spin is the hot function, collect the one that allocates. Tick the Profile view, run, and read the CPU flame graph, the top table, per-line samples, allocations and the scheduler latency (sched.latency); download it for go tool pprof.",
        ),
        source: include_str!("examples/pprof_hot.go"),
    },
];

/// An example by id.
pub fn by_id(id: &str) -> Option<&'static Example> {
    EXAMPLES.iter().find(|e| e.id == id)
}

/// The program a shared link names: its own text, or a Gallery example's.
pub fn program_of(subject: &crate::share::Subject) -> Option<String> {
    match subject {
        crate::share::Subject::Source(s) => Some(s.clone()),
        crate::share::Subject::Example(id) => by_id(id).map(|e| e.source.to_owned()),
        crate::share::Subject::Lab { .. } => None,
    }
}

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

    #[wasm_bindgen_test(unsupported = test)]
    fn every_example_compiles_and_exits_zero() {
        for e in EXAMPLES {
            let out = runtime::run("prog.go", e.source, &runtime::RunConfig::default());
            assert_eq!(out.diagnostics, vec![], "{}", e.id);
            assert_eq!(out.exit_code, 0, "{}: {}", e.id, out.stderr);
            assert!(!out.stdout.is_empty(), "{}", e.id);
        }
    }
}
