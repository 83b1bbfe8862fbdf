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
    /// How the Playground opens it: a share link's plain parameters (`procs=2&race=1&views=
    /// scheduler,timeline`, see `share.rs`), so each example starts with the settings and views
    /// that show what it is about. Empty: the defaults.
    pub open: &'static str,
    /// The seed chapter it belongs to (the Gallery's sections; explanations link there).
    pub chapter: Chapter,
}

/// The seed's chapters the Gallery is organised by, plus the classic patterns and the basics.
/// An explanation of a runtime event links to its chapter's section (`#/gallery?chapter=2.2`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Chapter {
    /// Chapter 1: the memory model (happens-before, the done flag).
    MemoryModel,
    /// 2.1: the heap and the GC.
    Gc,
    /// 2.2: the G-M-P scheduler and pprof.
    Scheduler,
    /// 2.3: channels.
    Channels,
    /// 2.4: interfaces.
    Interfaces,
    /// Classic concurrency patterns built from the chapters' pieces.
    Patterns,
    /// A first program.
    Basics,
}

impl Chapter {
    /// The Gallery's order.
    pub const ALL: [Chapter; 7] = [
        Chapter::MemoryModel,
        Chapter::Gc,
        Chapter::Scheduler,
        Chapter::Channels,
        Chapter::Interfaces,
        Chapter::Patterns,
        Chapter::Basics,
    ];

    /// The id in links and element ids: the seed's section number, or a word.
    pub fn id(self) -> &'static str {
        match self {
            Chapter::MemoryModel => "1",
            Chapter::Gc => "2.1",
            Chapter::Scheduler => "2.2",
            Chapter::Channels => "2.3",
            Chapter::Interfaces => "2.4",
            Chapter::Patterns => "patterns",
            Chapter::Basics => "basics",
        }
    }

    pub fn from_id(id: &str) -> Option<Chapter> {
        Chapter::ALL.into_iter().find(|c| c.id() == id)
    }

    pub fn title(self) -> crate::i18n::Msg {
        use crate::i18n::Msg;
        match self {
            Chapter::MemoryModel => Msg::ChapterMemoryModel,
            Chapter::Gc => Msg::ChapterGc,
            Chapter::Scheduler => Msg::ChapterScheduler,
            Chapter::Channels => Msg::ChapterChannels,
            Chapter::Interfaces => Msg::ChapterInterfaces,
            Chapter::Patterns => Msg::ChapterPatterns,
            Chapter::Basics => Msg::ChapterBasics,
        }
    }

    /// The Gallery section of this chapter.
    pub fn link(self) -> String {
        format!("#/gallery?chapter={}", self.id())
    }
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
        open: "",
        chapter: Chapter::Basics,
    },
    Example {
        id: "fib",
        title: ("斐波那契数列", "Fibonacci"),
        description: (
            "递归函数调用：每一次调用都会在 goroutine 的栈上压入一个新的栈帧。",
            "Recursive calls: every call pushes a new frame on the goroutine's stack.",
        ),
        source: "package main\n\nimport \"fmt\"\n\n// fib returns the n-th Fibonacci number.\nfunc fib(n int) int {\n\tif n < 2 {\n\t\treturn n\n\t}\n\treturn fib(n-1) + fib(n-2)\n}\n\nfunc main() {\n\tfor i := 0; i < 10; i++ {\n\t\tfmt.Println(i, fib(i))\n\t}\n}\n",
        open: "",
        chapter: Chapter::Basics,
    },
    Example {
        id: "printf-loop",
        title: ("循环与 Printf", "A loop with Printf"),
        description: (
            "for 循环累加，并用 fmt.Printf 的 %d 动词格式化输出。",
            "A for loop that accumulates a sum, printed with fmt.Printf's %d verb.",
        ),
        source: "package main\n\nimport \"fmt\"\n\nfunc main() {\n\tsum := 0\n\tfor i := 1; i <= 5; i++ {\n\t\tsum += i\n\t\tfmt.Printf(\"i = %d, sum = %d\\n\", i, sum)\n\t}\n}\n",
        open: "",
        chapter: Chapter::Basics,
    },
    Example {
        id: "seed-producer-consumer",
        title: ("生产者-消费者（2.3 节）", "Producer/consumer (seed 2.3)"),
        description: (
            "带缓冲通道解耦生产者与消费者：单步查看缓冲区的 sendx/recvx，以及 close 之后 range 如何结束。",
            "A buffered channel decouples producer and consumer: step through the buffer's sendx/recvx and see range end after close.",
        ),
        source: include_str!("examples/producer_consumer.go"),
        open: "views=scheduler,channels",
        chapter: Chapter::Channels,
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
        open: "race=1&views=scheduler,hb,timeline",
        chapter: Chapter::MemoryModel,
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
        open: "views=scheduler,timeline",
        chapter: Chapter::MemoryModel,
    },
    Example {
        id: "seed-worker-pool",
        title: ("工作池与工作窃取", "A worker pool and work stealing"),
        description: (
            "三个 worker 从同一个通道取任务；GOMAXPROCS ≥ 2 时跳到“工作窃取”，看空闲的 P 如何从忙碌的 P 偷走一半。",
            "Three workers take jobs from one channel; with GOMAXPROCS ≥ 2, jump to a steal and watch an idle P take half of a busy P's queue.",
        ),
        source: include_str!("examples/worker_pool.go"),
        open: "procs=4&views=scheduler,timeline,channels",
        chapter: Chapter::Scheduler,
    },
    Example {
        id: "syscall-handoff",
        title: ("系统调用与 P 的移交", "A syscall hands its P off"),
        description: (
            "阻塞的系统调用占住线程 M，却不占住 P：跳到“系统调用与 P 移交”，看 sysmon 把唯一的 P 交给另一个 M 去运行 worker；调用返回时没有空闲的 P，main 进入全局队列。",
            "A blocking syscall holds its thread (M) but not its P: jump to a syscall hand-off and watch sysmon give the only P to another M that runs the worker; on return there is no idle P, so main waits in the global queue.",
        ),
        source: include_str!("examples/syscall_handoff.go"),
        open: "views=scheduler,timeline",
        chapter: Chapter::Scheduler,
    },
    Example {
        id: "seed-gosched",
        title: (
            "runtime.Gosched 让出 P（第 1 章）",
            "runtime.Gosched yields the P (seed ch. 1)",
        ),
        description: (
            "第 1 章的自旋循环里调用了 runtime.Gosched。只有一个 P 时，两个 goroutine 每打印一行就让出 P：看它们进入全局队列、轮流运行。",
            "Chapter 1's spin loop calls runtime.Gosched. With one P, two goroutines give up the P after every line: watch each go to the global run queue and take turns.",
        ),
        source: include_str!("examples/gosched.go"),
        open: "views=scheduler,timeline",
        chapter: Chapter::MemoryModel,
    },
    Example {
        id: "seed-sched-latency",
        title: (
            "调度延迟 sched.latency（2.2 节）",
            "Scheduler latency, sched.latency (seed 2.2)",
        ),
        description: (
            "6 个只吃 CPU 的 goroutine 争 2 个 P：每个 goroutine 记下从 go 语句到真正开始运行等了多久（pprof 的调度延迟）。在时间线里看可运行（等待 P）的时段。",
            "Six CPU-bound goroutines share two Ps: each records how long it waited from its go statement to running (pprof's scheduler latency). See the runnable spans — waiting for a P — on the timeline.",
        ),
        source: include_str!("examples/sched_latency.go"),
        open: "views=timeline,scheduler",
        chapter: Chapter::Scheduler,
    },
    Example {
        id: "pattern-pipeline",
        title: ("流水线", "A pipeline"),
        description: (
            "gen → sq → sq，每一级是一个 goroutine，用无缓冲通道相连、用 close 通知结束：看值在通道间直接交接（sendDirect）。",
            "gen → sq → sq, each stage a goroutine joined by unbuffered channels and ended by close: watch values handed over directly between goroutines (sendDirect).",
        ),
        source: include_str!("examples/pipeline.go"),
        open: "views=channels,scheduler",
        chapter: Chapter::Patterns,
    },
    Example {
        id: "pattern-fan-in",
        title: (
            "扇入：select 合并两个通道",
            "Fan-in: select merges two channels",
        ),
        description: (
            "一个 select 循环合并快慢两个生产者；输入关闭后置为 nil 通道，nil 通道永远不会就绪。单步看每次 select 的轮询顺序。",
            "One select loop merges a fast and a slow producer; a closed input is set to nil, and a nil channel is never ready. Step through each select's poll order.",
        ),
        source: include_str!("examples/fan_in.go"),
        open: "views=channels,timeline",
        chapter: Chapter::Patterns,
    },
    Example {
        id: "pattern-select-timeout",
        title: ("select 超时", "Timeout with select"),
        description: (
            "select 在结果和 time.After 之间二选一：第一次结果先到，第二次计时器先到。缓冲为 1 的结果通道让迟到的发送者不会泄漏。",
            "select between the answer and time.After: the first answer wins, the second loses to the timer. A result channel of capacity 1 keeps the late sender from leaking.",
        ),
        source: include_str!("examples/select_timeout.go"),
        open: "views=channels,timeline",
        chapter: Chapter::Patterns,
    },
    Example {
        id: "pattern-semaphore",
        title: ("用带缓冲通道做信号量", "A buffered channel as a semaphore"),
        description: (
            "容量为 2 的通道限制同时工作的 goroutine 数：第三个在发送时阻塞，排进 sendq，直到有人归还名额。",
            "A channel of capacity 2 bounds how many goroutines work at once: the third blocks on its send, queued in sendq, until a slot is released.",
        ),
        source: include_str!("examples/semaphore.go"),
        open: "views=channels,scheduler",
        chapter: Chapter::Patterns,
    },
    Example {
        id: "pattern-context-cancel",
        title: ("context 超时取消", "Cancelling with a context deadline"),
        description: (
            "WithTimeout 到期时关闭 Done 通道：两个 worker 的 select 同时醒来，各自报告 context deadline exceeded。",
            "When WithTimeout's deadline passes it closes the Done channel: both workers' selects wake and report context deadline exceeded.",
        ),
        source: include_str!("examples/context_cancel.go"),
        open: "views=channels,scheduler",
        chapter: Chapter::Patterns,
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
        open: "views=scheduler,heap",
        chapter: Chapter::Gc,
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
        open: "views=timeline,heap",
        chapter: Chapter::Gc,
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
        open: "views=heap",
        chapter: Chapter::Gc,
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
        open: "views=scheduler,heap",
        chapter: Chapter::Gc,
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
        open: "views=profile,timeline",
        chapter: Chapter::Scheduler,
    },
    Example {
        id: "seed-interface-costs",
        title: (
            "接口的底层与代价（2.4 节）",
            "Interfaces and their cost (seed 2.4)",
        ),
        description: (
            "同一个值用四种方式读取：直接访问字段、通过接口调用（itab.fun[i]）、每次按名字查找（goscope 没有 reflect 包，用按名字扫描字段表代替 FieldByName）、查找一次后缓存；每个循环用虚拟时钟计时（每条指令 1 ns）。打开“变量与接口值”视图，单步到 s.Area() 看 iface 的两个字和被调用的 fun 槽。",
            "One value read four ways: a direct field access, a call through an interface (itab.fun[i]), a lookup by name every time (goscope has no reflect package: a scan of a field table by name stands in for FieldByName) and the same lookup cached; each loop is timed on the virtual clock (1 ns per instruction). In the Values view, step to s.Area() to see the iface's two words and the fun slot it calls.",
        ),
        source: include_str!("examples/interface_costs.go"),
        open: "views=values",
        chapter: Chapter::Interfaces,
    },
    Example {
        id: "type-switch",
        title: ("类型 switch 与类型断言", "Type switches and assertions"),
        description: (
            "类型 switch 按顺序比较每个 case：具体类型先比哈希、再比类型；接口类型通过 getitab 判断是否实现。在“变量与接口值”视图里逐步查看比较过程和 itab 表的命中与未命中。",
            "A type switch compares its cases in order: a concrete type by hash, then by type; an interface type through getitab. Step through the comparisons and the itab table's hits and misses in the Values view.",
        ),
        source: include_str!("examples/type_switch.go"),
        open: "views=values",
        chapter: Chapter::Interfaces,
    },
];

impl Example {
    /// The Playground link that opens this example with its settings and views.
    pub fn link(&self) -> String {
        if self.open.is_empty() {
            format!("#/?program={}", self.id)
        } else {
            format!("#/?program={}&{}", self.id, self.open)
        }
    }
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

    /// Each example's link is a share link the Playground reads: its own program, and only
    /// settings and view names the Playground knows.
    #[wasm_bindgen_test(unsupported = test)]
    fn every_example_link_opens_its_program_with_known_views() {
        for e in EXAMPLES {
            let link = crate::share::from_fragment(&e.link())
                .unwrap_or_else(|err| panic!("{}: {err:?}", e.id))
                .expect("a link");
            assert_eq!(
                program_of(&link.subject).as_deref(),
                Some(e.source),
                "{}",
                e.id
            );
            for v in &link.views {
                assert!(
                    crate::state::VIEWS.contains(&v.as_str()),
                    "{}: view {v}",
                    e.id
                );
            }
            assert_eq!(
                link.views.is_empty(),
                !e.open.contains("views="),
                "{}",
                e.id
            );
        }
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn chapter_ids_round_trip() {
        for c in Chapter::ALL {
            assert_eq!(Chapter::from_id(c.id()), Some(c));
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
