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
        id: "gc-lost-object",
        title: (
            "丢失的对象：为什么需要写屏障",
            "The lost object: why GC needs a write barrier",
        ),
        description: (
            "并发标记时，main 把唯一指向节点的指针从堆里挪到已扫描的栈上。跳到“写屏障着色”，看混合写屏障把它染灰；再关掉写屏障重新运行，看检查器报告一个仍可达却被回收的对象。",
            "While marking runs concurrently, main moves the only pointer to a node from the heap onto its already-scanned stack. Jump to a write-barrier shade and watch the hybrid barrier grey it; then turn the barrier off and re-run to see the checker report a reachable object freed.",
        ),
        source: include_str!("examples/gc_lost_object.go"),
    },
    Example {
        id: "gc-mark-assist",
        title: (
            "标记辅助：给快速分配者踩刹车",
            "Mark assist throttles a fast allocator",
        ),
        description: (
            "标记进行时，分配垃圾的 goroutine 要先替回收器做标记工作。跳到“标记辅助”，看它的辅助额度变成负数、着色原因是“辅助”，时间线上它的分配被拉长。",
            "While marking runs, a goroutine that allocates must first do marking work for the collector. Jump to a mark assist: its assist credit goes negative, its shades say “assist”, and its allocation stretches on the timeline.",
        ),
        source: include_str!("examples/gc_mark_assist.go"),
    },
    Example {
        id: "gc-gogc",
        title: (
            "GOGC 50 / 100 / 200 并排对比",
            "GOGC 50 / 100 / 200 side by side",
        ),
        description: (
            "GOGC 用内存换 CPU。运行后把 SetGCPercent(100) 改成 50 再运行，再改成 200 运行：三次运行的堆曲线并排显示——50 回收次数约为两倍、堆更小，200 正好相反。",
            "GOGC trades memory for CPU. Run it, change SetGCPercent(100) to 50 and run, then to 200 and run: the three heap curves appear side by side — 50 collects about twice as often with a smaller heap, 200 the other way round.",
        ),
        source: include_str!("examples/gc_gogc.go"),
    },
    Example {
        id: "gc-leak",
        title: (
            "永远阻塞的 goroutine 造成内存泄漏",
            "A leak from goroutines blocked forever",
        ),
        description: (
            "每个 worker 都在一个没人发送的通道上永远阻塞，它的栈让 64 KB 缓冲区一直可达。阻塞的 goroutine 是根：一轮又一轮 GC 之后，这些缓冲区依然是黑色，堆只增不减。",
            "Each worker blocks forever on a channel nobody sends on, and its stack keeps a 64 KB buffer reachable. Blocked goroutines are roots: cycle after cycle the buffers stay black and the heap only grows.",
        ),
        source: include_str!("examples/gc_leak.go"),
    },
];

/// Examples that open with more than their program: the views and settings of their link, as
/// share-link plain parameters (`crate::share`). The GC scenarios open the heap views.
pub const OPENS_WITH: &[(&str, &str)] = &[
    ("gc-lost-object", "views=scheduler,heap"),
    ("gc-mark-assist", "views=timeline,heap"),
    ("gc-gogc", "views=heap"),
    ("gc-leak", "views=scheduler,heap"),
];

/// The link query an example opens with, if it has one (see [`OPENS_WITH`]).
pub fn opens_with(id: &str) -> Option<String> {
    OPENS_WITH
        .iter()
        .find(|(e, _)| *e == id)
        .map(|(e, q)| format!("#/?program={e}&{q}"))
}

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
            // A leading comment (what the program shows) may come before the clause.
            assert!(
                e.source.starts_with("package main\n") || e.source.contains("\npackage main\n"),
                "{}",
                e.id
            );
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
