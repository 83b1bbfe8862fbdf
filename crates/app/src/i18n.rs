//! Bilingual text: every visible string of the UI, in 简体中文 and English.
//!
//! The table below is the only place UI text lives. Components never spell out a visible
//! word themselves; they ask `lang.t(Msg::...)`. A key with a `{n}` placeholder is filled
//! by [`Lang::fill`]. The `messages!` macro builds the `Msg` enum, the list of every key
//! and the table from one list, so a key cannot exist without both translations — and a
//! test checks that none of them is empty.
//!
//! What is *not* translated, on purpose: Go's own output (`panic: ...`, `exit status 2`,
//! compiler diagnostics) stays exactly as Go prints it, because learners search for it.
//!
//! The chosen language is remembered in local storage and defaults to the browser's
//! language (`zh*` → 中文, anything else → English). [`LangContext`] carries it down the
//! component tree; [`apply`] mirrors it onto `<html lang>` and the document title.

use yew::prelude::*;

use crate::storage;

/// The two languages of the UI.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Lang {
    /// 简体中文 — the curriculum's language.
    Zh,
    En,
}

const STORAGE_KEY: &str = "goscope.lang";

impl Lang {
    /// Both languages, in the order the switch offers them.
    pub const ALL: [Lang; 2] = [Lang::Zh, Lang::En];

    /// The translation of `msg` in this language.
    pub fn t(self, msg: Msg) -> &'static str {
        let (zh, en) = msg.pair();
        match self {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }

    /// The translation of `msg` with its `{n}` placeholder replaced by `n`.
    pub fn fill(self, msg: Msg, n: &str) -> String {
        self.t(msg).replace("{n}", n)
    }

    /// The other language: what the switch button offers.
    pub fn other(self) -> Lang {
        match self {
            Lang::Zh => Lang::En,
            Lang::En => Lang::Zh,
        }
    }

    /// BCP 47 tag for `<html lang>`; `zh-CN` makes browsers pick Simplified Chinese glyphs.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::Zh => "zh-CN",
            Lang::En => "en",
        }
    }

    /// Stable code used in storage (and, later, in share links).
    pub fn code(self) -> &'static str {
        match self {
            Lang::Zh => "zh",
            Lang::En => "en",
        }
    }

    /// Parses a stored code or a browser language tag (`zh-TW`, `en-US`, ...).
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let tag = tag.trim().to_ascii_lowercase();
        if tag.starts_with("zh") {
            Some(Lang::Zh)
        } else if tag.starts_with("en") {
            Some(Lang::En)
        } else {
            None
        }
    }

    /// The language's own name, shown on the switch.
    pub fn native_name(self) -> &'static str {
        match self {
            Lang::Zh => "简体中文",
            Lang::En => "English",
        }
    }
}

/// The remembered language, else the browser's, else English.
pub fn detect() -> Lang {
    if let Some(lang) = storage::get(STORAGE_KEY).and_then(|s| Lang::from_tag(&s)) {
        return lang;
    }
    let browser = web_sys::window()
        .and_then(|w| w.navigator().language())
        .unwrap_or_default();
    // Any language other than Chinese gets English: it is the lingua franca of Go docs.
    Lang::from_tag(&browser).unwrap_or(Lang::En)
}

/// Remembers the choice for the next visit.
pub fn remember(lang: Lang) {
    storage::set(STORAGE_KEY, lang.code());
}

/// Mirrors the language onto the document: `<html lang>` (fonts, screen readers) and title.
pub fn apply(lang: Lang) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    if let Some(root) = document.document_element() {
        let _ = root.set_attribute("lang", lang.tag());
    }
    document.set_title(lang.t(Msg::DocumentTitle));
}

/// The language in effect and the way to change it, provided by the App.
#[derive(Clone, PartialEq)]
pub struct LangContext {
    pub lang: Lang,
    pub set: Callback<Lang>,
}

/// The current language; English with a no-op setter if no provider is mounted (a
/// component rendered alone in a test must still render, not panic).
#[hook]
pub fn use_lang() -> LangContext {
    use_context::<LangContext>().unwrap_or_else(|| LangContext {
        lang: Lang::En,
        set: Callback::noop(),
    })
}

/// Groups digits by thousands: `1234567` → `1,234,567` (both languages use commas here).
pub fn group_digits(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

/// Declares the message keys and their translations in one list.
macro_rules! messages {
    ($($key:ident => ($zh:expr, $en:expr),)*) => {
        /// A key of the translation table; see the module docs.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Msg { $($key,)* }

        impl Msg {
            /// Every key, for the completeness test.
            pub const ALL: &'static [Msg] = &[$(Msg::$key,)*];

            /// `(简体中文, English)`.
            pub fn pair(self) -> (&'static str, &'static str) {
                match self { $(Msg::$key => ($zh, $en),)* }
            }
        }
    };
}

messages! {
    // Document and shell.
    DocumentTitle => ("goscope · 看见 Go 运行时在做什么", "goscope · See what the Go runtime does"),
    Tagline => ("看见 Go 运行时在做什么", "See what the Go runtime does"),
    SkipToContent => ("跳到主要内容", "Skip to main content"),
    HomeLink => ("goscope 首页", "goscope home"),
    MainNav => ("主导航", "Main navigation"),
    NavPlayground => ("演练场", "Playground"),
    NavLabs => ("实验室", "Labs"),
    NavGallery => ("示例库", "Gallery"),
    NavEmbed => ("嵌入", "Embed"),
    SwitchLanguage => ("切换到英文界面", "Switch to the Chinese interface"),
    ThemeToDark => ("切换到深色主题", "Switch to the dark theme"),
    ThemeToLight => ("切换到浅色主题", "Switch to the light theme"),
    Footer => (
        "goscope 在你的浏览器里运行 Go 的一个子集：没有服务器，程序不会离开你的设备。",
        "goscope runs a subset of Go inside your browser: no server, your program never leaves your device."
    ),
    StorageDamaged => (
        "本地保存的部分数据已损坏，已忽略：{n}",
        "Some saved data was damaged and has been ignored: {n}"
    ),
    Dismiss => ("知道了", "Dismiss"),
    CrashReopen => (
        "在新页面中重新打开这段程序（分享链接）",
        "Reopen this program in a fresh page (share link)"
    ),
    CrashNotice => (
        "goscope 遇到内部错误，请刷新页面。",
        "goscope hit an internal error. Please reload the page."
    ),

    // Playground.
    PlaygroundIntro => (
        "写一段 Go 程序并运行，然后逐个事件前进或后退，看调度器和通道做了什么。",
        "Write a Go program, run it, then step forwards and backwards through what the scheduler and channels did."
    ),
    EditorLabel => ("Go 源代码", "Go source code"),
    Run => ("运行", "Run"),
    Stop => ("停止", "Stop"),
    Reset => ("重置", "Reset"),
    ResetTitle => ("恢复默认的示例程序", "Restore the default program"),
    RunShortcut => ("Ctrl/⌘ + Enter 运行", "Ctrl/⌘ + Enter to run"),
    Output => ("输出", "Output"),
    OutputEmpty => ("点击“运行”，程序的输出会显示在这里。", "Press Run and the program's output appears here."),
    Running => ("正在运行…已执行 {n} 步", "Running… {n} steps"),
    StepCount => ("共 {n} 步", "{n} steps"),
    ExitOk => ("程序已退出。", "Program exited."),
    ExitStatus => ("程序已退出：exit status {n}。", "Program exited: exit status {n}."),
    BuildFailed => ("编译失败。", "Go build failed."),
    StoppedByYou => ("已被你停止（执行了 {n} 步）。", "Stopped by you after {n} steps."),
    OutputTruncated => ("…前面的输出过长，已省略…", "…earlier output omitted, it was too long…"),
    JumpToError => ("跳到出错的位置", "Jump to this error in the editor"),
    ErrorCount => ("{n} 个编译错误", "{n} compile error(s)"),

    // Gallery.
    GalleryTitle => ("示例库", "Gallery"),
    GalleryIntro => (
        "挑一个示例程序，在演练场中打开。打开会替换编辑器里当前的程序。",
        "Pick an example to open it in the Playground. Opening one replaces the program in the editor."
    ),
    OpenInPlayground => ("在演练场中打开", "Open in Playground"),

    // Labs.
    LabsTitle => ("实验室", "Labs"),
    LabsIntro => (
        "这些实验正在建设中。每一个都会把课程里的一章变成可以单步观察的模拟。",
        "These labs are being built. Each turns a chapter of the course into a simulation you can step through."
    ),
    ComingSoon => ("即将推出", "Coming soon"),
    LabSchedulerTitle => ("调度器与通道播放器", "Scheduler & channels player"),
    LabSchedulerDesc => (
        "逐步前进或后退，看每个 P 运行哪个 G、本地队列与全局队列、work stealing，以及通道缓冲区和等待队列。",
        "Step forwards and back through which P runs which G, local and global run queues, work stealing, and each channel's buffer and wait queues."
    ),
    LabMemoryTitle => ("内存模型与数据竞争", "Memory model & data races"),
    LabMemoryDesc => (
        "看 happens-before 关系如何建立，竞态检测器如何报告数据竞争，并枚举小程序的所有可能结果。",
        "See how happens-before edges form, how the race detector reports a data race, and every possible outcome of a small program."
    ),
    LabGcTitle => ("垃圾回收", "Garbage collector"),
    LabGcDesc => (
        "观察三色标记、混合写屏障、标记辅助与清扫，以及 GOGC 和 GOMEMLIMIT 如何影响节奏。",
        "Watch tri-colour marking, the hybrid write barrier, mark assists and sweeping, and how GOGC and GOMEMLIMIT pace them."
    ),
    LabApiTitle => ("API 实验室", "API lab"),
    LabApiDesc => (
        "由同一份 .proto 生成 REST 与 gRPC 接口，在浏览器里发送请求，逐层查看 JWT、追踪等中间件链。",
        "REST and gRPC from one .proto, requests sent in the browser, and the middleware chain (JWT, tracing) layer by layer."
    ),
    LabSagaTitle => ("Saga 与 TCC 分布式事务", "Saga & TCC transactions"),
    LabSagaDesc => (
        "注入故障，看 Saga 的补偿步骤与 TCC 的 Try/Confirm/Cancel 如何让数据回到一致。",
        "Inject faults and watch Saga compensations and TCC's Try/Confirm/Cancel bring the data back to a consistent state."
    ),
    LabOperatorTitle => ("Kubernetes Operator", "Kubernetes operator"),
    LabOperatorDesc => (
        "一步步运行控制器的调谐循环：期望状态、实际状态，以及每一次调谐做了什么。",
        "Run a controller's reconcile loop step by step: desired state, actual state, and what each reconcile did."
    ),

    OpenLab => ("打开实验", "Open the lab"),
    LabLoading => ("正在加载实验…", "Loading the lab…"),
    LabMissing => (
        "这个版本的 goscope 没有包含这个实验。",
        "This build of goscope does not include this lab."
    ),
    LabLoadFailed => (
        "实验没能加载（可能是离线或缓存过期）。",
        "The lab could not be loaded (offline, or a stale cache?)."
    ),
    Retry => ("重试", "Try again"),

    // API lab (issue 7).
    ApiTitle => ("API 实验室：一份 .proto，REST 与 gRPC", "API lab: one .proto, REST and gRPC"),
    ApiIntro => (
        "编辑契约，生成路由与 OpenAPI；用 REST 或 gRPC 发送请求，逐步查看转码、protobuf 编码、gRPC 帧、中间件洋葱、指标、日志与链路；再注入混沌，看延迟分位数和错误率如何变化。全部在浏览器里模拟，时间是虚拟时钟。",
        "Edit the contract to get routes and an OpenAPI document; send a request as REST or gRPC and follow it step by step — transcoding, protobuf bytes, gRPC frames, the middleware onion, metrics, logs and traces; then inject chaos and watch the latency percentiles and error rate. Everything is simulated in the browser, on a virtual clock."
    ),
    ApiContract => ("契约（.proto）", "Contract (.proto)"),
    ApiContractHint => (
        "proto3 与 google.api.http 注解，用 protox 在浏览器里编译；错误给出行:列。",
        "proto3 with google.api.http annotations, compiled in the browser by protox; errors give line:col."
    ),
    ApiCompiled => ("编译通过：{n} 个 RPC", "Compiled: {n} RPCs"),
    ApiResetContract => ("恢复默认契约", "Reset to the default contract"),
    ApiRoutes => ("REST 路由表", "REST routes"),
    ApiTry => ("试试", "Try"),
    ApiGrpcOnly => ("仅 gRPC（没有 HTTP 规则）", "gRPC only (no HTTP rule)"),
    ApiDownloadOpenapi => ("下载 OpenAPI 3 文档", "Download the OpenAPI 3 document"),
    ApiConsole => ("请求控制台", "Request console"),
    ApiProtocol => ("协议", "Protocol"),
    ApiMethod => ("方法", "Method"),
    ApiPath => ("路径与查询", "Path and query"),
    ApiBody => ("请求体（JSON）", "Body (JSON)"),
    ApiMessage => ("请求消息（JSON，客户端编码为 protobuf）", "Request message (JSON, encoded to protobuf by the client)"),
    ApiAttachToken => ("附带令牌（Authorization: Bearer）", "Attach the token (Authorization: Bearer)"),
    ApiSend => ("发送", "Send"),
    ApiForm => ("表单：{n}", "Form: {n}"),
    ApiExchange => ("请求的一生", "A request's life"),
    ApiExchangeN => ("请求 #{n} 的一生", "The life of request #{n}"),
    ApiNothingYet => ("还没有请求：在控制台点“发送”。", "No request yet: press Send in the console."),
    ApiRequest => ("请求", "Request"),
    ApiResponse => ("响应", "Response"),
    ApiTranscoding => ("转码步骤", "Transcoding steps"),
    ApiProtobuf => ("protobuf 编码（{n} 字节）", "Protobuf encoding ({n} bytes)"),
    ApiChainPath => ("穿过中间件链的路径（虚拟时间）", "Path through the middleware chain (virtual time)"),
    ApiDropped => ("没有响应：连接被关闭（panic 未被 recovery 捕获）", "No response: the connection was closed (a panic no recovery caught)"),
    ApiMiddleware => ("中间件链（洋葱）", "Middleware chain (onion)"),
    ApiMiddlewareHint => (
        "从外到内排列；每个中间件只能看到外层放进上下文的东西。试试把 logging 移到 auth 里面，或去掉 recovery。",
        "Outermost first; each middleware sees only what outer ones put in the context. Try moving logging inside auth, or removing recovery."
    ),
    ApiMoveUp => ("向外移", "Move outwards"),
    ApiMoveDown => ("向内移", "Move inwards"),
    ApiRemove => ("移除", "Remove"),
    ApiAdd => ("添加中间件", "Add a middleware"),
    ApiHandler => ("处理函数", "Handler"),
    ApiToken => ("令牌工具（JWT HS256）", "Token tool (JWT HS256)"),
    ApiExpiry => ("有效期", "Expiry"),
    ApiSign => ("用 HS256 签名", "Sign with HS256"),
    ApiForgeNone => ("伪造 alg: none", "Forge alg: none"),
    ApiTamper => ("篡改签名", "Tamper with the signature"),
    ApiRules => ("Mock 规则", "Mock rules"),
    ApiRulesHint => (
        "给某个方法加延迟、按比例返回错误，或用固定的 JSON 响应代替内存存储。",
        "Give a method extra latency, fail a share of its calls, or answer canned JSON instead of the in-memory store."
    ),
    ApiCanned => ("固定响应（JSON，可留空）", "Canned response (JSON, optional)"),
    ApiApplyRule => ("应用规则", "Apply the rule"),
    ApiClearRules => ("清除全部规则", "Clear all rules"),
    ApiStore => ("内存存储", "In-memory store"),
    ApiObservability => ("可观测性", "Observability"),
    ApiMetrics => ("Prometheus 指标", "Prometheus metrics"),
    ApiLogs => ("结构化日志（slog JSON）", "Structured logs (slog JSON)"),
    ApiLogsHint => ("点一行带 trace_id 的日志，打开它的链路。", "Click a line with a trace_id to open its trace."),
    ApiTrace => ("链路瀑布图", "Trace waterfall"),
    ApiNoTrace => (
        "没有选中的链路：链里没有 tracing 中间件时不会记录 span。",
        "No trace selected: without the tracing middleware no spans are recorded."
    ),
    ApiChaos => ("混沌实验与压测", "Chaos and load"),
    ApiChaosHint => (
        "在窗口内向处理函数或下游调用注入故障，同时以固定速率发送控制台里的请求；客户端带超时、重试与熔断。",
        "Inject a fault into the handler or its downstream call during a window while the console's request is sent at a fixed rate; the client has a timeout, retries and a circuit breaker."
    ),
    ApiTarget => ("注入位置", "Target"),
    ApiDownstream => ("下游调用", "Downstream call"),
    ApiFault => ("故障", "Fault"),
    ApiFaultLatency => ("延迟", "Latency"),
    ApiFaultError => ("错误码", "Error"),
    ApiFaultAbort => ("中断（503）", "Abort (503)"),
    ApiFaultPanic => ("panic（崩溃）", "Panic"),
    ApiDelay => ("延迟（毫秒）", "Delay (ms)"),
    ApiJitter => ("抖动（毫秒）", "Jitter (ms)"),
    ApiCorrelation => ("相关性（%）", "Correlation (%)"),
    ApiPercent => ("比例（%）", "Share (%)"),
    ApiCode => ("gRPC 状态码", "gRPC code"),
    ApiFrom => ("窗口开始（毫秒）", "Window from (ms)"),
    ApiUntil => ("窗口结束（毫秒）", "Window until (ms)"),
    ApiCount => ("只注入接下来 N 个请求（0 = 用时间窗口）", "Only the next N requests (0 = use the window)"),
    ApiStatusTable => ("gRPC 状态码 → HTTP 状态码（grpc-gateway）", "gRPC code → HTTP status (grpc-gateway)"),
    ApiRequests => ("请求数", "Requests"),
    ApiRate => ("每秒请求", "Per second"),
    ApiTimeout => ("客户端超时（毫秒）", "Client timeout (ms)"),
    ApiAttempts => ("最多尝试次数", "Max attempts"),
    ApiBreaker => ("熔断器", "Circuit breaker"),
    ApiRunLoad => ("运行实验", "Run the experiment"),
    ApiCalls => ("调用", "Calls"),
    ApiErrorRate => ("错误率", "Error rate"),
    ApiBefore => ("注入前", "Before"),
    ApiDuring => ("注入中", "During"),
    ApiAfter => ("注入后", "After"),
    ApiAttemptsMade => ("到达服务端的尝试：{n}", "Attempts that reached the server: {n}"),
    ApiLatencyPlot => ("每个调用的延迟", "Latency of each call"),
    ApiBreakerLog => ("熔断器状态变化", "Circuit breaker transitions"),
    // Saga & TCC lab.
    SagaTitle => ("Saga 与 TCC：可以故意弄坏的订单", "Saga & TCC: an order you can break on purpose"),
    SagaIntro => (
        "一个订单要经过库存、支付和积分三个服务，网络会延迟、丢失、重复和乱序消息。选择一种策略，注入故障，运行，然后一步步看它如何恢复到一致——或者在关掉某个防护后如何出错。",
        "An order goes through three services — inventory, payment and points — over a network that delays, loses, duplicates and reorders messages. Pick a strategy, inject faults, run, and step through how it heals back to consistency, or how it breaks once a guard is off."
    ),
    SagaStrategy => ("策略", "Strategy"),
    StrategyOrchestrated => ("Saga（编排式）", "Saga (orchestrated)"),
    StrategyChoreographed => ("Saga（协同式）", "Saga (choreographed)"),
    StrategyTcc => ("TCC（尝试 / 确认 / 取消）", "TCC (Try/Confirm/Cancel)"),
    SagaSeed => ("随机种子", "Seed"),
    AnotherSeed => ("换一个种子", "Another seed"),
    FaultsTitle => ("故障注入", "Fault injection"),
    FaultStep => ("步骤 {n}", "Step {n}"),
    FaultNone => ("无", "none"),
    FaultFail => ("失败", "fail"),
    FaultTimeout => ("超时", "timeout"),
    FaultDuplicate => ("重复投递", "deliver twice"),
    CrashAfter => ("协调者崩溃", "Crash the coordinator"),
    CrashNever => ("不崩溃", "never"),
    CrashAfterStep => ("第 {n} 步之后", "after step {n}"),
    PartitionLabel => ("网络分区（20–420 ms）", "Partition (20–420 ms)"),
    FlakyNetwork => ("不可靠网络（5% 丢包，5% 重复）", "Flaky network (5% loss, 5% duplicates)"),
    GuardsTitle => ("TCC 防护（关掉一个看看会发生什么）", "TCC guards (switch one off to see what breaks)"),
    GuardEmptyRollback => ("空回滚防护", "Empty-rollback guard"),
    GuardSuspension => ("防悬挂", "Suspension guard"),
    GuardIdempotency => ("幂等防护", "Idempotency guard"),
    RunLab => ("运行", "Run"),
    RunFirst => ("设置好故障后点击“运行”。", "Set the faults, then press Run."),
    StepFirst => ("第一步", "First step"),
    StepBack => ("后退一步", "Step back"),
    StepForward => ("前进一步", "Step forward"),
    StepLast => ("最后一步", "Last step"),
    Play => ("播放", "Play"),
    Pause => ("暂停", "Pause"),
    StepOf => ("第 {n} 步", "Step {n}"),
    VirtualTime => ("虚拟时间 {n} ms", "virtual time {n} ms"),

    // Operator lab (issue 9).
    OperatorTitle => ("Operator：一个会自己收敛的控制循环", "Operator: a control loop that converges by itself"),
    OperatorIntro => (
        "应用第 4.3 节的 Database CRD 和一个 Database，看控制器把 spec.replicas 变成 StatefulSet、Service 和 Secret。然后动手破坏：删 Pod、手改对象、让 API Server 返回 409/500、停掉控制器、丢掉 watch 事件——再一步步看调谐循环如何把世界拉回 spec。",
        "Apply chapter 4.3's Database CRD and a Database, and watch the controller turn spec.replicas into a StatefulSet, a Service and a Secret. Then break things — delete a pod, edit an owned object by hand, make the API server answer 409/500, stop the controller, lose watch events — and step through the reconcile loop as it pulls the world back to the spec."
    ),
    OpFiles => ("YAML 文件", "YAML files"),
    OpFilesHint => ("在这里编辑，然后用 kubectl apply -f 文件名 应用。", "Edit here, then apply with kubectl apply -f FILE."),
    OpUseSeedCrd => ("换成教程原版 CRD（无 status 子资源）", "Use the course's original CRD (no status subresource)"),
    OpUseLabCrd => ("换成实验版 CRD（status、scale、打印列）", "Use the lab's CRD (status, scale, printer columns)"),
    OpConsole => ("控制台", "Console"),
    OpConsoleHint => (
        "命令在当前这一步的虚拟时间执行；之后的命令会被丢弃（你改写了历史）。输入 help 查看命令。",
        "A command runs at the current step's virtual time; later commands are dropped (you rewrote history). Type help for the commands."
    ),
    OpRunCommand => ("执行", "Run"),
    OpQuick => ("常用操作", "Quick actions"),
    OpApplyCrd => ("应用 CRD", "Apply the CRD"),
    OpApplyDb => ("创建 Database", "Create the Database"),
    OpScale5 => ("扩容到 5", "Scale to 5"),
    OpDeletePod => ("删除 Pod my-db-1", "Delete pod my-db-1"),
    OpDrift => ("手动把 StatefulSet 改成 1 副本", "Scale the StatefulSet to 1 by hand"),
    OpDeleteDb => ("删除 Database", "Delete the Database"),
    OpChaos => ("混沌", "Chaos"),
    OpConflicts => ("接下来 3 次写入返回 409", "Next 3 writes get 409"),
    OpErrors => ("接下来 3 次请求返回 500", "Next 3 requests get 500"),
    OpLoseEvents => ("丢掉接下来 5 个 watch 事件", "Lose the next 5 watch events"),
    OpStop => ("停止控制器", "Stop the controller"),
    OpStart => ("启动控制器", "Start the controller"),
    OpCalm => ("清除所有故障", "Clear all faults"),
    OpLoop => ("调谐循环：这一步发生了什么", "The reconcile loop: what this step did"),
    OpStageEvent => ("事件", "Event"),
    OpStageQueue => ("队列", "Queue"),
    OpStageReconcile => ("调谐", "Reconcile"),
    OpStageApi => ("API 调用", "API calls"),
    OpStageCluster => ("集群", "Cluster"),
    OpStageYou => ("你", "You"),
    OpNothing => ("还没有发生任何事：先应用 CRD 和 Database。", "Nothing has happened yet: apply the CRD and a Database first."),
    OpTree => ("对象树（按 ownerReference）", "Object tree (by ownerReference)"),
    OpNoObjects => ("集群里还没有对象。", "The cluster has no objects yet."),
    OpDeleting => ("删除中", "deleting"),
    OpQueue => ("工作队列", "Work queue"),
    OpQueueReady => ("就绪", "Ready"),
    OpQueueWaiting => ("退避等待", "Backing off"),
    OpQueueEmpty => ("空", "empty"),
    OpDueIn => ("{n} ms 后重试", "retry in {n} ms"),
    OpFailures => ("连续失败", "failures"),
    OpRunning => ("控制器运行中", "Controller running"),
    OpStopped => ("控制器已停止", "Controller stopped"),
    OpArmed => ("已布置的故障", "Armed faults"),
    OpTimeline => ("期望 vs 实际", "Desired vs actual"),
    OpTimelineHint => (
        "虚线是 spec.replicas（期望），实线是 StatefulSet 的副本数和就绪的 Pod 数（实际）。",
        "Dashed: spec.replicas (desired). Solid: the StatefulSet's replicas and the Ready pods (actual)."
    ),
    OpDesired => ("期望副本", "desired"),
    OpStsReplicas => ("StatefulSet 副本", "StatefulSet"),
    OpReady => ("就绪 Pod", "ready pods"),
    OpConverged => ("已收敛", "Converged"),
    OpDiverged => ("未收敛", "Not converged"),
    OpTrace => ("事件流", "Trace"),
    OpWhyYou => ("你的命令改变了期望状态或实际状态：接下来看控制循环怎么反应。", "Your command changed the desired or the actual state: now watch the loop react."),
    OpWhyWatch => ("API Server 推送了 watch 事件：informer 更新本地缓存，处理器把相关 Database 的键放进工作队列（不是把变化本身放进去）。", "The API server pushed a watch event: the informer updates its cache and the handler queues the Database's key (the key, not the change)."),
    OpWhyLost => ("这个 watch 事件丢了，缓存没更新。别急：控制器是水平触发的，下一个事件或下一次 resync 会让它看到真实状态。", "This watch event was lost and the cache missed it. No matter: the controller is level-triggered, and the next event or resync shows it the real state."),
    OpWhyResync => ("resync：informer 重新 list 全部对象，修好缓存，并把每个 Database 放进队列——丢失的事件就在这里被补上。", "Resync: the informer lists everything again, repairs its cache and queues every Database — this is where lost events are made good."),
    OpWhyReconcile => ("worker 从队列取出一个键并调谐：读缓存中的期望状态和实际状态，只做还缺的那部分 API 调用。", "A worker takes a key from the queue and reconciles: it reads desired and actual state from the cache and makes only the API calls still needed."),
    OpWhyFailed => ("调谐失败（409 冲突或 500）：键按指数退避重新入队（5 ms · 2ⁿ），下次从头再来——调谐是幂等的。", "The reconcile failed (a 409 or a 500): the key goes back with exponential backoff (5 ms · 2ⁿ) and the next attempt starts from the top — reconciling is idempotent."),
    OpWhyDue => ("退避时间到了：键回到就绪队列。", "The backoff is over: the key is ready again."),
    OpWhySts => ("StatefulSet 控制器按序号逐个创建或删除 Pod（OrderedReady：前一个就绪后才创建下一个）。", "The StatefulSet controller creates or deletes pods one ordinal at a time (OrderedReady: the next only once the previous is Ready)."),
    OpWhyKubelet => ("kubelet：容器启动，就绪探针通过，Pod 变为 Ready。", "The kubelet: the container started, the readiness probe passed, the pod is Ready."),
    OpWhyGc => ("垃圾回收器删除 owner 已经不存在的对象（按 ownerReference 级联）。", "The garbage collector deletes objects whose owner is gone (cascading by ownerReference)."),
    OpWhyConverged => ("实际状态与 spec 一致了：控制循环收敛。", "The actual state matches the spec: the loop has converged."),
    OpWhyStopped => ("控制器停止了：它的缓存和队列都没了；没人接收 watch 事件。", "The controller stopped: its cache and queue are gone, and nobody receives watch events."),
    OpLevel => (
        "水平触发：处理器只把 Database 的键放进队列，调谐读取完整的当前状态。所以丢失的事件只会耽误时间——下一次 resync 重新 list，一切照样收敛。",
        "Level-triggered: handlers only queue a Database's key, and a reconcile reads the whole current state. So a lost event only costs time: the next resync lists again and everything still converges."
    ),

    // Playground player and runtime views (issue 4).
    PlayerLabel => ("播放器", "Player"),
    EventBack => ("上一个事件（←）", "Previous event (←)"),
    EventForward => ("下一个事件（→）", "Next event (→)"),
    Scrubber => ("时间轴：拖动到任意一步", "Timeline: drag to any step"),
    PrevOfKind => ("上一个所选事件（Shift+←）", "Previous event of this kind (Shift+←)"),
    NextOfKind => ("下一个所选事件（Shift+→）", "Next event of this kind (Shift+→)"),
    JumpTo => ("跳到", "Jump to"),
    Speed => ("速度", "Speed"),
    PerSecond => ("每秒 {n} 个事件", "{n} events/s"),
    KindGo => ("go 语句", "go statement"),
    KindRun => ("开始运行", "run"),
    KindSteal => ("工作窃取", "steal"),
    KindBlock => ("阻塞", "block"),
    KindReady => ("唤醒", "wake-up"),
    KindHandoff => ("系统调用与 P 移交", "syscall hand-off"),
    KindPreempt => ("抢占/让出", "preempt / yield"),
    KindExit => ("goroutine 结束", "goroutine exit"),
    KindIdle => ("P 空闲/M 自旋", "idle P / spinning M"),
    KindSend => ("通道发送", "channel send"),
    KindRecv => ("通道接收", "channel receive"),
    KindClose => ("关闭通道", "channel close"),
    KindSelect => ("select 选择", "select"),
    KindOutput => ("输出", "output"),
    KindOther => ("其他", "other"),
    ExplainGo => ("{x} 在 {p} 上执行 go：{g} 进入 {p} 的 runnext。", "{x} ran go on {p}: {g} goes to {p}'s runnext."),
    ExplainRun => ("{p} 运行 {g}，取自{x}。", "{p} runs {g}, taken from {x}."),
    RunFromRunnext => ("它的 runnext 槽位", "its runnext slot"),
    RunFromLocal => ("它的本地运行队列", "its local run queue"),
    RunFromGlobalFairness => ("全局运行队列（每第 61 次调度先查全局队列，保证公平）", "the global run queue (every 61st tick checks it first, for fairness)"),
    RunFromGlobal => ("全局运行队列", "the global run queue"),
    RunFromSteal => ("从其他 P 偷来的一批", "a batch stolen from another P"),
    ExplainSteal => ("{p} 没活干，从 {x} 偷走一半：{g}。", "{p} had no work and stole half of {x}'s queue: {g}."),
    ExplainBlock => ("{g} 阻塞（{x}），{p} 另找 goroutine。", "{g} blocks ({x}); {p} looks for other work."),
    ExplainReady => ("{x} 唤醒 {g}，放进 {p} 的 runnext。", "{x} readies {g} into {p}'s runnext."),
    ExplainHandoff => ("{g} 进出系统调用，P 可被移交。", "{g} enters or leaves a syscall; its P can be handed off."),
    ExplainPreempt => ("{g} 被抢占或让出，进入全局队列。", "{g} is preempted or yields to the global queue."),
    ExplainExit => ("{g} 在 {p} 上结束。", "{g} finished on {p}."),
    ExplainIdle => ("{p} 空闲、自旋或与全局队列交换 G。", "{p} idles, spins or trades Gs with the global queue."),
    ExplainSend => ("{g} 向 {p} 发送 {x}。", "{g} sends {x} on {p}."),
    ExplainRecv => ("{g} 从 {p} 接收。", "{g} receives from {p}."),
    ExplainClose => ("{g} 关闭 {p}，唤醒所有等待者。", "{g} closes {p}, waking every waiter."),
    ExplainSelect => ("{g} 的 select 选中分支 {x}（轮询顺序随机）。", "{g}'s select chose case {x} (random poll order)."),
    NothingScheduled => ("这一步没有调度或通道事件。", "No scheduler or channel event at this step."),
    GRunning => ("运行中", "running"),
    GRunnable => ("可运行", "runnable"),
    GWaiting => ("等待中", "waiting"),
    GBlocked => ("阻塞", "blocked"),
    GSyscall => ("系统调用", "syscall"),
    GDead => ("已结束", "dead"),
    MRunning => ("运行", "running"),
    MSpinning => ("自旋", "spinning"),
    MIdle => ("空闲", "idle"),
    SchedulerTitle => ("调度器（G-M-P）", "Scheduler (G-M-P)"),
    GlobalQueue => ("全局队列", "global runq"),
    Parked => ("等待中", "parked"),
    Threads => ("线程 M：", "Threads (M):"),
    SpinningCount => ("自旋 M：{n}", "spinning Ms: {n}"),
    IdlePs => ("空闲 P", "idle Ps"),
    RunnextHint => ("P 泳道：运行中的 G、虚线 runnext、本地队列。点 G 跟随。", "P lane: running G, dashed runnext, local queue. Click a G to follow."),
    TimelineTitle => ("时间线：每个 P 运行了哪个 G，每个 G 的状态", "Timeline: which G each P ran, and each G's state"),
    GTimelineTitle => ("每个 goroutine 的状态（共 {n} 个，按运行时间排序）", "Each goroutine's state ({n} in all, busiest first)"),
    ShowMoreGs => ("再显示一些（还有 {n} 个）", "Show more ({n} not shown)"),
    TimelineNote => ("横轴为指令步数（每步 1 ns 虚拟时间）。点击跳转。", "x: instruction steps (1 ns of virtual time each). Click to seek."),
    SelectOrder => ("按随机轮询顺序（由种子决定）检查各 case：", "Cases polled in the seeded random order:"),
    SelectNotReady => ("未就绪", "not ready"),
    SelectChosen => ("就绪 → 选中", "ready → chosen"),
    SelectNotPolled => ("未检查", "not polled"),
    SelectNoneReady => ("都未就绪 → default", "none ready → default"),
    ChannelsTitle => ("通道", "Channels"),
    NoChannels => ("这一步还没有通道。", "No channels at this step."),
    Unbuffered => ("无缓冲：值直接在 goroutine 之间传递", "unbuffered: values pass directly between goroutines"),
    Closed => ("已关闭", "closed"),
    Gomaxprocs => ("GOMAXPROCS（P 的个数）", "GOMAXPROCS"),
    Seed => ("随机种子", "seed"),
    RerunAnotherSeed => ("换个种子再运行", "Re-run with another seed"),
    Following => ("跟随 g{n}（源码中高亮）", "following g{n} (highlighted in the source)"),
    SequenceTitle => ("消息时序图", "Sequence diagram"),
    SequenceHint => (
        "每条竖线是一个服务，箭头是一条消息（纵轴是虚拟时钟，只画出发生过事情的时刻）。红色叉号是丢失的消息，虚线是重复的副本。",
        "One lifeline per service, one arrow per message (the vertical axis is the virtual clock, showing only moments when something happened). A red cross is a dropped message; dashed arrows are duplicate copies."
    ),
    StateTitle => ("各服务的状态", "Each service's state"),
    BarrierRows => ("屏障表", "Barrier rows"),
    MachineTitle => ("状态机", "State machine"),
    TccTableTitle => ("TCC 事务状态表", "TCC transaction-status table"),
    TccBranch => ("分支", "Branch"),
    TccTry => ("Try 阶段", "Try"),
    TccPhase2 => ("第二阶段", "Phase two"),
    InvariantsTitle => ("不变量", "Invariants"),
    InvariantsOk => ("到这一步为止，所有不变量都成立。", "Every invariant holds up to this step."),
    InvariantBrokenAt => ("在第 {n} 步被打破：", "Broken at step {n}:"),
    InvStock => ("库存守恒：stock + reserved + sold 不变，且都不为负", "Stock conserved: stock + reserved + sold constant, none negative"),
    InvMoney => ("资金守恒：余额 + 冻结 + 已扣 − 已退 不变", "Money conserved: balance + frozen + charged − refunded constant"),
    InvChargedOnce => ("至多扣款一次", "Charged at most once"),
    InvPaidXorCancelled => ("订单不会既已付款又已取消", "No order both paid and cancelled"),
    InvNothingHanging => ("结束后没有悬挂的预留资源", "Nothing left hanging after the end"),
    OutcomeLabel => ("结果", "Outcome"),
    OutcomeCommitted => ("已提交", "committed"),
    OutcomeCompensated => ("已补偿", "compensated"),
    OutcomeStuck => ("卡住", "stuck"),
    OutcomeInconsistent => ("不一致", "inconsistent"),
    OutcomePending => ("进行中", "in progress"),
    TraceTitle => ("事件记录（到当前步）", "Trace (up to this step)"),
    ScheduleLabel => ("回放用的调度", "Schedule for replay"),
    ServiceOrder => ("订单", "order"),
    ServiceInventory => ("库存", "inventory"),
    ServicePayment => ("支付", "payment"),
    ServicePoints => ("积分", "points"),
    StateStarted => ("开始", "started"),
    StateCompensating => ("补偿中", "compensating"),
    StateTrying => ("Try 阶段", "trying"),
    StateConfirming => ("确认中", "confirming"),
    StateCancelling => ("取消中", "cancelling"),
    StatePending => ("等待", "pending"),
    StateOk => ("成功", "ok"),
    StateFailed => ("失败", "failed"),
    StateDone => ("完成", "done"),
    StateNone => ("无", "—"),
    ExplorerTitle => ("“会出什么错”探索器", "What could go wrong: the explorer"),
    ExplorerIntro => (
        "用许多种子运行三种策略，每次随机注入故障，统计结果。点击一个种子，把它载入上面的播放器重放。",
        "Run all three strategies over many seeds, each with random faults, and count the outcomes. Click a seed to load it into the player above."
    ),
    ExplorerSeeds => ("种子数", "Seeds"),
    ExplorerRun => ("开始探索", "Explore"),
    ExplorerStrategy => ("策略", "Strategy"),
    ExplorerReplay => ("非提交的运行（点击重放）", "Runs that did not commit (click to replay)"),

    // Embedded widgets and the course author's guide (issue 10).
    OpenInGoscope => ("在 goscope 中打开", "Open in goscope"),
    EmbedNotInBuild => (
        "这个视图（{n}）在这个版本的 goscope 中还不可用。课程页面可以先写上它，等视图发布后会自动显示。",
        "This view ({n}) is not available in this build of goscope. A course page may name it already; it shows up once the view ships."
    ),
    EmbedUnknownView => ("goscope 没有这个名字的视图。", "goscope has no view by this name."),
    EmbedNoProgram => (
        "这个组件没有指定程序或实验场景（data-program、data-state 或 s=），或者指定的示例不存在。",
        "This widget names no program or lab scenario (data-program, data-state or s=), or the example it names does not exist."
    ),
    Share => ("分享", "Share"),
    ShareTitle => ("复制一个链接：程序、设置、打开的视图和当前步骤都在链接里", "Copy a link that carries the program, settings, open views and current step"),
    CopyEmbedCode => ("复制嵌入代码", "Copy embed code"),
    ShareLinkLabel => ("分享链接", "Share link"),
    EmbedViewLabel => ("嵌入的视图", "View to embed"),
    EmbedIframeLabel => ("iframe 代码", "iframe snippet"),
    EmbedLoaderLabel => ("加载脚本代码", "Loader-script snippet"),
    Copy => ("复制", "Copy"),
    Copied => ("已复制到剪贴板。", "Copied to the clipboard."),
    CopyManually => ("无法自动复制：请选中文本后按 Ctrl+C。", "Could not copy automatically: select the text and press Ctrl+C."),
    ViewsLabel => ("视图", "Views"),
    RaceDetector => ("竞态检测（-race）", "race detector (-race)"),
    EmbedTitle => ("把 goscope 嵌入课程页面", "Embed goscope in your course pages"),
    EmbedIntro => (
        "任何视图都可以停在选定的一步，嵌入到你的课程页面里。整个状态都在链接中：不需要服务器、Cookie 或存储，站点是纯静态文件，访问过一次后离线也能用。",
        "Any view, stopped at a chosen step, can live in your course pages. The whole state is in the link: no server, cookies or storage; the site is static files and works offline once visited."
    ),
    GuideDemo => ("看一个嵌入了六个组件的示例课程页面", "See a demo course page with six widgets"),
    GuideShareTitle => ("1. 分享链接", "1. Share links"),
    GuideShareText => (
        "在演练场运行程序或在实验室运行场景后，点击“分享”：程序（或场景）、随机种子、GOMAXPROCS、打开的视图、当前步骤、语言和主题被压缩进链接的 # 片段。打开链接就是同一个画面。",
        "After a run on the Playground or in a lab, press Share: the program (or scenario), seed, GOMAXPROCS, open views, current step, language and theme are compressed into the link's # fragment. Opening the link shows the same picture."
    ),
    GuideIframeTitle => ("2. 用 iframe 嵌入", "2. An iframe"),
    GuideIframeText => (
        "点击“复制嵌入代码”，选一个视图，把 iframe 代码贴进课程页面。组件没有站点的页眉，只有一个精简的播放器和“在 goscope 中打开”的链接。",
        "Press Copy embed code, pick a view and paste the iframe snippet into your page. The widget has no site header, only a minimal player and an “Open in goscope” link."
    ),
    GuideLoaderTitle => ("3. 加载脚本", "3. The loader script"),
    GuideLoaderText => (
        "在页面中引入一次 goscope-embed.js，然后用 data-goscope 元素或 <goscope-widget> 标签放置组件。脚本把它们变成指向同一站点的 iframe：滚动到附近时才加载，高度随内容变化，一页可以放很多个。",
        "Include goscope-embed.js once, then place widgets as data-goscope elements or <goscope-widget> tags. The script turns them into iframes to the same site: loaded when scrolled near, as tall as their content, as many per page as you like."
    ),
    GuideAttrsTitle => ("属性", "Attributes"),
    AttrView => ("视图名称（见下表）", "the view's name (see the table below)"),
    AttrState => ("“复制嵌入代码”给出的完整状态（s= 的值）", "the whole state from Copy embed code (the value of s=)"),
    AttrProgram => ("示例库中的程序 id（见下）", "a Gallery program by id (see below)"),
    AttrStep => ("打开时停在第几步", "the step to open at"),
    AttrSeed => ("随机种子与 GOMAXPROCS", "seed and GOMAXPROCS"),
    AttrRace => ("为 1 时打开竞态检测运行", "1 runs with the race detector"),
    AttrLangTheme => ("界面语言 zh/en 与主题 light/dark", "UI language zh/en and theme light/dark"),
    AttrHeight => ("加载前的初始高度（像素）", "the height before it loads (pixels)"),
    GuideViewsTitle => ("视图名称", "View names"),
    ViewAvailable => ("可用", "available"),
    ViewNotInBuild => ("本版本尚不可用", "not in this build yet"),
    GuideProgramsTitle => ("可以直接引用的程序", "Programs you can name"),
    GuideApiTitle => ("与页面通信（postMessage）", "Talking to the page (postMessage)"),
    GuideApiText => (
        "课程页面可以控制组件并响应学习者的操作。加载脚本在组件元素上提供 goto(step)、play()、pause() 方法，并派发 goscope:ready、goscope:step、goscope:finished 事件；不用加载脚本时，也可以直接向 iframe 发送消息。",
        "A course page can drive a widget and react to the learner. The loader gives each widget element goto(step), play() and pause(), and dispatches goscope:ready, goscope:step and goscope:finished events; without the loader, post the messages to the iframe yourself."
    ),
    GuideHostingTitle => ("部署", "Hosting"),
    GuideHostingText => (
        "dist/ 目录可以放在任何静态主机的任何子路径下。资源文件名带有内容哈希，Service Worker 让访问过的站点离线可用；站点在严格的内容安全策略下运行（没有内联脚本，没有 eval）。",
        "dist/ works from any static host under any sub-path. Asset names carry content hashes, a service worker keeps a visited site working offline, and the site runs under a strict Content-Security-Policy (no inline scripts, no eval)."
    ),

    // Share links and embedding (issue 10).
    ShareMalformed => ("无法读取这个分享链接（{n}）：它可能被截断或改动过。", "This share link cannot be read ({n}): it may have been cut or edited."),
    ShareFutureVersion => (
        "这个分享链接来自更新版本的 goscope（格式 v{n}），本站点还读不了。",
        "This share link was made by a newer goscope (format v{n}); this site cannot read it yet."
    ),
    ShareTooLarge => ("这个分享链接解压后太大，已拒绝。", "This share link unpacks to too much data and was refused."),

    // Not found.
    NotFoundTitle => ("找不到这个页面", "Page not found"),
    NotFoundText => ("这个地址没有对应的页面。", "There is no page at this address."),
    BackToPlayground => ("返回演练场", "Back to the Playground"),

    // Interfaces: the values view (issue 12, 2.4).
    ViewValues => ("变量与接口值", "Values"),
    ValuesTitle => ("变量与接口值（eface / iface）", "Values and interfaces (eface / iface)"),
    ValuesNoFrames => ("这个 goroutine 没有栈帧。", "This goroutine has no frames."),
    ValuesGoroutine => ("g{n} 的栈帧（最内层在上）", "Frames of g{n} (innermost first)"),
    ValuesLine => ("第 {n} 行", "line {n}"),
    ValuesName => ("变量", "name"),
    ValuesType => ("静态类型", "static type"),
    ValuesValue => ("值", "value"),
    ValuesNoLocals => ("没有具名局部变量。", "No named locals."),
    ValuesNil => ("nil 接口：两个字都是 nil", "nil interface: both words are nil"),
    ValuesDirect => ("指针形值，直接存在 data 字里", "pointer-shaped: stored in the data word itself"),
    ValuesBoxed => ("指向转换时复制的值", "points to a copy made by the conversion"),
    ValuesBuilt => ("（尚未进入 itab 表，为显示而构造）", "(not in the itab table yet: built for display)"),
    ValuesCases => ("类型比较", "Type comparisons"),
    KindIface => ("接口操作", "interface op"),
    ExplainItabHit => ("{g} 在 itab 表中找到了 itab({x})（命中）。", "{g} found itab({x}) in the itab table (hit)."),
    ExplainItabMiss => (
        "{g} 的 itab 表中没有 itab({x})：按接口方法的排序填好 fun[] 后加入表中（未命中）。",
        "itab({x}) was not in {g}'s itab table: built with fun[] in the interface's method order and added (miss)."
    ),
    ExplainItabMissing => (
        "{g}：{t} 缺少方法 {m}，所以不实现 {i}（失败的结果同样被缓存）。",
        "{g}: {t} lacks method {m}, so it does not implement {i} (the negative result is cached too)."
    ),
    ExplainDispatch => (
        "{g} 通过接口调用 {m}：读取 itab.fun[{n}]，间接调用 {f}。",
        "{g} calls {m} through the interface: loads itab.fun[{n}] and calls {f} indirectly."
    ),
    ExplainAssertEq => (
        "{g} 断言 x.({t})：类型字 {h} 与 {t} 相同，结果就是 data 字里的值。",
        "{g} asserts x.({t}): the type word {h} is {t}, so the result is the value in the data word."
    ),
    ExplainAssertNe => (
        "{g} 断言 x.({t})：类型字 {h} 不是 {t}，断言失败。",
        "{g} asserts x.({t}): the type word {h} is not {t}, so the assertion fails."
    ),
    ExplainAssertImpl => (
        "{g} 断言 x.({t})：getitab({t}, {h}) 成功，结果是一个新的 iface。",
        "{g} asserts x.({t}): getitab({t}, {h}) succeeds; the result is a new iface."
    ),
    ExplainAssertNotImpl => (
        "{g} 断言 x.({t})：{h} 不实现 {t}，断言失败。",
        "{g} asserts x.({t}): {h} does not implement {t}, so the assertion fails."
    ),
    ExplainCase => ("{g} 的类型 switch 比较 case {n}（{t}）：{r}", "{g}'s type switch compares case {n} ({t}): {r}"),
    CmpHashNe => ("哈希不等，跳过", "hashes differ, skip"),
    CmpHashEqTypeNe => ("哈希相等但类型不同，跳过", "hashes equal but types differ, skip"),
    CmpMatched => ("哈希相等，类型相等 → 命中", "hashes equal, types equal → matched"),
    CmpImpl => ("getitab 成功 → 命中", "getitab succeeds → matched"),
    CmpNotImpl => ("getitab 失败，跳过", "getitab fails, skip"),
    CmpNil => ("值是 nil，跳过", "the value is nil, skip"),
}

#[cfg(test)]
mod tests {
    use wasm_bindgen_test::wasm_bindgen_test;

    use super::*;

    /// Every key has non-empty text in both languages, without stray whitespace.
    #[wasm_bindgen_test(unsupported = test)]
    fn every_key_has_both_languages() {
        assert!(Msg::ALL.len() > 40, "table looks truncated");
        for &msg in Msg::ALL {
            for lang in Lang::ALL {
                let text = lang.t(msg);
                assert!(!text.trim().is_empty(), "{msg:?} is empty in {lang:?}");
                assert_eq!(
                    text,
                    text.trim(),
                    "{msg:?} has stray whitespace in {lang:?}"
                );
            }
        }
    }

    /// A placeholder is either in both translations or in neither.
    #[wasm_bindgen_test(unsupported = test)]
    fn placeholders_match() {
        for &msg in Msg::ALL {
            let (zh, en) = msg.pair();
            assert_eq!(zh.contains("{n}"), en.contains("{n}"), "{msg:?}");
        }
        assert_eq!(Lang::En.fill(Msg::StepCount, "12"), "12 steps");
        assert_eq!(Lang::Zh.fill(Msg::StepCount, "12"), "共 12 步");
    }

    /// Chinese text is Chinese: catches a pair written in the wrong order.
    #[wasm_bindgen_test(unsupported = test)]
    fn chinese_column_is_chinese() {
        let cjk = |s: &str| s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c));
        for &msg in Msg::ALL {
            let (zh, en) = msg.pair();
            assert!(!cjk(en), "{msg:?}: English text contains CJK");
            // Brand-only strings may be ASCII in both; everything else must be translated.
            if msg != Msg::LabOperatorTitle {
                assert!(cjk(zh), "{msg:?}: Chinese text has no CJK characters");
            }
        }
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn browser_tags_map_to_languages() {
        assert_eq!(Lang::from_tag("zh-CN"), Some(Lang::Zh));
        assert_eq!(Lang::from_tag("zh-TW"), Some(Lang::Zh));
        assert_eq!(Lang::from_tag("ZH"), Some(Lang::Zh));
        assert_eq!(Lang::from_tag("en-US"), Some(Lang::En));
        assert_eq!(Lang::from_tag("fr"), None);
        for lang in Lang::ALL {
            assert_eq!(Lang::from_tag(lang.code()), Some(lang));
            assert_eq!(lang.other().other(), lang);
        }
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn digits_are_grouped() {
        assert_eq!(group_digits(0), "0");
        assert_eq!(group_digits(999), "999");
        assert_eq!(group_digits(1000), "1,000");
        assert_eq!(group_digits(1234567), "1,234,567");
        assert_eq!(group_digits(u64::MAX), "18,446,744,073,709,551,615");
    }
}
