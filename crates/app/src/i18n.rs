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

    /// The translation of `msg` (a key of any table: [`Msg`] or a lab's own) in this language.
    pub fn t<M: Text>(self, msg: M) -> &'static str {
        let (zh, en) = msg.pair();
        match self {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }

    /// The translation of `msg` with its `{n}` placeholder replaced by `n`.
    pub fn fill<M: Text>(self, msg: M, n: &str) -> String {
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

/// A key of a translation table: its `(简体中文, English)` pair.
pub trait Text: Copy + std::fmt::Debug + PartialEq + 'static {
    fn pair(self) -> (&'static str, &'static str);
}

/// Declares a table: the key enum `$name`, the list of every key and the translations, from
/// one list. Each lab declares its own table in its own module (`labs/api/msg.rs`), so a lab's
/// wasm carries its strings and not the whole site's: a `match` over all keys is linked as one
/// function, with every string it returns.
macro_rules! messages {
    ($name:ident; $($key:ident => ($zh:expr, $en:expr),)*) => {
        /// A key of a translation table; see the `i18n` module docs.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum $name { $($key,)* }

        impl $name {
            /// Every key, for the completeness test.
            pub const ALL: &'static [$name] = &[$($name::$key,)*];
        }

        impl $crate::i18n::Text for $name {
            /// `(简体中文, English)`.
            fn pair(self) -> (&'static str, &'static str) {
                match self { $($name::$key => ($zh, $en),)* }
            }
        }
    };
}
pub(crate) use messages;

messages! {
    Msg;
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
    EventCount => ("{n} 个事件", "{n} events"),
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
    ChapterMemoryModel => ("第 1 章 · 内存模型与 happens-before", "Chapter 1 · The memory model and happens-before"),
    ChapterGc => ("2.1 · 堆与垃圾回收", "2.1 · The heap and the GC"),
    ChapterScheduler => ("2.2 · Goroutine 调度器与 pprof", "2.2 · The goroutine scheduler and pprof"),
    ChapterChannels => ("2.3 · Channel 通信", "2.3 · Channels"),
    ChapterInterfaces => ("2.4 · Interface 的底层实现", "2.4 · How interfaces work"),
    ChapterPatterns => ("经典并发模式", "Classic concurrency patterns"),
    ChapterBasics => ("入门", "First programs"),
    TimeSlice => ("时间片", "Time slice"),
    TimeSliceTitle => (
        "goroutine 连续运行多久后被抢占（Go 的 forcePreemptNS 是 10 ms）。调短它，短程序里也能看到抢占。",
        "How long a goroutine runs before it is preempted (Go's forcePreemptNS is 10 ms). Shorten it to see preemption in a short program."
    ),
    ChapterLinkTitle => ("在示例库中查看本章的示例：{n}", "This chapter's examples in the Gallery: {n}"),

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

    // Saga & TCC lab: what its page shares with the others (the player's words); its own
    // strings are in `pages/saga_msg.rs` (`SagaMsg`).
    StepFirst => ("第一步", "First step"),
    StepBack => ("后退一步", "Step back"),
    StepForward => ("前进一步", "Step forward"),
    StepLast => ("最后一步", "Last step"),
    Play => ("播放", "Play"),
    Pause => ("暂停", "Pause"),
    StepOf => ("第 {n} 步", "Step {n}"),
    VirtualTime => ("虚拟时间 {n} ms", "virtual time {n} ms"),

    // The operator lab's own strings are in `labs/operator/msg.rs` (`OpMsg`).

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
    StateDone => ("完成", "done"),

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

    // Go modules / MVS lab (issue 12): its card on the Labs page; the lab's own strings are
    // in `labs/modules/msg.rs` (`ModMsg`).
    LabModulesTitle => ("Go Modules 与最小版本选择", "Go modules and Minimal Version Selection"),
    LabModulesDesc => (
        "编辑一组模块各个版本的 go.mod，运行 go get、go mod edit，一步步看最小版本选择（MVS）算出构建列表。",
        "Edit the go.mod of each version of a few modules, run go get and go mod edit, and watch Minimal Version Selection compute the build list step by step."
    ),

    // Memory-model views: vector clocks, happens-before graph, explorer, race fixes (issue 5).
    ClocksTitle => ("向量时钟", "Vector clocks"),
    ClocksNote => (
        "每行是一个 goroutine 的向量时钟：第 gj 列是它已经知道的 gj 的同步次数（happens-before）。本地时刻是它下一次访问的 epoch。高亮的格子在这一步变了。",
        "Each row is a goroutine's vector clock: column gj counts the synchronisations of gj it knows of (happens-before). Its epoch is its own entry, the time of its next access. Highlighted cells changed at this step."
    ),
    ClocksEpoch => ("本地时刻", "epoch"),
    ClocksSyncs => ("同步对象的时钟", "Clocks of sync objects"),
    ClocksNoSyncs => ("还没有同步对象。", "No sync object yet."),
    RaceViewsHint => (
        "打开竞态检测（-race）再运行，就能看到向量时钟和 happens-before 图。",
        "Run with the race detector (-race) on to see vector clocks and the happens-before graph."
    ),
    HbTitle => ("happens-before 图", "Happens-before graph"),
    HbNote => (
        "每条横线是一个 goroutine，横轴是步数。箭头从释放（发送、Unlock、Done……）指向获取（接收、Lock、Wait……）；圆点是共享变量的访问（实心写，空心读），红色是竞争的两次访问。点击圆点跳到那一步。",
        "One lane per goroutine, steps left to right. Arrows go from a release (send, Unlock, Done…) to the acquire it orders (receive, Lock, Wait…); dots are shared accesses (filled: write, hollow: read), red ones race. Click a dot to go to its step."
    ),
    HbNoEvents => ("这次运行没有同步，也没有共享访问。", "This run has no synchronisation and no shared access."),
    HbCut => ("只画了 {n} 个事件；跳到竞争会移到相应位置。", "Only {n} events are drawn; jumping to a race moves the window there."),
    HbNoRace => (
        "没有数据竞争：每一对冲突的访问都被 happens-before 边排好了顺序。",
        "No data race: every pair of conflicting accesses is ordered by happens-before edges."
    ),
    HbRaceOn => ("数据竞争：{n}", "Data race on {n}"),
    HbJumpRace => ("跳到这次竞争", "Go to this race"),
    RaceWrote => ("写", "wrote"),
    RaceRead => ("读", "read"),
    RaceExplain => (
        "{a} 在 {la} {ka}了 {x}，{b} 在 {lb} {kb}了它。没有 happens-before 边为这两次访问排序：{a} 访问之后没有释放过任何 {b} 在自己访问之前获取的东西（通道发送、Unlock、WaitGroup.Done、原子写……），所以它们是并发的。可能的后果：读可能看到旧值也可能看到新值；编译器可以把读提到循环外面，让循环永远看不到写；多字的值甚至可能被读到一半。",
        "{a} {ka} {x} at {la}, and {b} {kb} it at {lb}. No happens-before edge orders the two accesses: after its access {a} released nothing (a channel send, Unlock, WaitGroup.Done, an atomic store…) that {b} acquired before its own, so they are concurrent. What can go wrong: a read may see the old value or the new one; the compiler may hoist a read out of a loop so the loop never sees the write; a multi-word value may even be read half-written."
    ),
    FixTitle => ("修复方式", "Ways to fix it"),
    FixNote => (
        "载入修复会替换编辑器里的程序并重新运行（之后可以回到原来的程序）。每个修复都已在 goscope 里以多个种子运行、没有竞争。",
        "Loading a fix replaces the editor's program and runs it (you can go back to the original). Each fix was run in goscope under several seeds without a race."
    ),
    FixMutex => ("互斥锁：用 sync.Mutex 保护每次访问", "Mutex: guard every access with a sync.Mutex"),
    FixAtomic => ("原子操作：改用 sync/atomic 的类型", "Atomic: make the variable a sync/atomic type"),
    FixChannel => ("通道：写完后关闭通道，读之前先接收", "Channel: close a channel after the write, receive before the read"),
    FixNone => (
        "这里没有自动修复：竞争的位置不是带类型声明的包级变量，或者有的访问不是简单语句。可以手动用互斥锁、原子操作或通道来排序这两次访问。",
        "No automatic fix here: the raced location is not a package variable declared with a type, or an access is not a simple statement. Order the two accesses yourself with a mutex, an atomic or a channel."
    ),
    FixBack => ("回到原来的程序", "Back to the original program"),
    InterleaveTitle => ("交错探索", "Interleaving explorer"),
    InterleaveNote => (
        "在很多种交错下运行编辑器里的程序（深度优先、有界，每次共享访问都是调度点），列出每一种不同的结果和产生它的调度。",
        "Runs the editor's program under many interleavings (depth-first and bounded, with a scheduling point at every shared access) and lists every distinct outcome with a schedule that produces it."
    ),
    InterleaveStart => ("探索交错", "Explore interleavings"),
    InterleaveBounds => (
        "上限：最多 {s} 次运行，每个调度最多 {d} 次偏离默认选择，每次运行 {t} 步",
        "Bounds: at most {s} runs, {d} deviations from the default choice per schedule, {t} steps per run"
    ),
    InterleaveProgress => ("已运行 {n} 次", "{n} runs so far"),
    InterleaveExhaustive => ("穷尽：每个调度都试过了。", "Exhaustive: every schedule was tried."),
    InterleaveBounded => ("有界：达到上限，可能还有别的结果。", "Bounded: a bound was reached, other outcomes may exist."),
    InterleaveStopped => ("已停止。", "Stopped."),
    InterleaveOutcome => ("结果", "Outcome"),
    InterleaveCount => ("次数", "Runs"),
    InterleaveRace => ("竞争", "Race"),
    InterleaveSchedule => ("调度", "Schedule"),
    InterleaveRaceYes => ("有", "yes"),
    InterleaveRaceNo => ("无", "no"),
    InterleaveReplay => ("重放", "Replay"),
    InterleaveNoOutput => ("（无输出）", "(no output)"),
    InterleaveExit => ("退出码 {n}", "exit {n}"),
    ReplayingNote => ("这次运行重放了探索到的调度：{n}", "This run replayed an explored schedule: {n}"),
    // GC views (issue 6): heap graph, GC timeline, span grid, settings, explanations.
    HeapTitle => ("堆与垃圾回收", "Heap and GC"),
    GcBarrierOn => ("写屏障：开启", "write barrier: on"),
    GcBarrierOff => ("写屏障：关闭（未在标记）", "write barrier: off (not marking)"),
    GcBarrierDisabled => ("写屏障：已禁用（演示错误）", "write barrier: disabled (bug demo)"),
    GcCycle => ("第 {n} 轮 GC", "GC cycle {n}"),
    GcShadeLine => ("{o} 被着色：{x}", "{o} shaded: {x}"),
    GcGreyQueue => ("灰色工作队列", "Grey work queue"),
    GcQueueEmpty => ("（空）", "(empty)"),
    GcWhite => ("白色：未标记", "white: not marked"),
    GcGrey => ("灰色：已标记、待扫描", "grey: marked, to scan"),
    GcBlack => ("黑色：已扫描", "black: scanned"),
    GcShadedNow => ("本步被着色", "shaded this step"),
    GcUnreachable => ("不可达", "unreachable"),
    GcLarge => ("大对象", "large"),
    GcClass => ("规格 {n}", "class {n}"),
    GcNoObjects => ("堆上还没有对象。", "No objects on the heap yet."),
    GcAggregated => ("共 {n} 个对象，按大小规格汇总显示。", "{n} objects, shown aggregated by size class."),
    GcLostReport => ("三色不变式检查：{n} 仍可达却是白色，被当作垃圾回收了——关闭写屏障后程序在使用一个已释放的对象。", "Tri-colour check: {n} still reachable but left white, so it was freed as garbage — with the write barrier off the program now uses a freed object."),
    GcFocus => ("其中 {n} 个对象：本步被着色的对象、灰色队列的队首和根附近", "{n} of them: around this step's shades, the grey queue's head and the roots"),
    GcNoCycles => ("这次运行没有发生 GC：堆从未达到第一个堆目标（4 MB）。", "No GC cycle in this run: the heap never reached the first heap goal (4 MB)."),
    GcCompare => ("对比 GOGC 50 / 100 / 200", "Compare GOGC 50 / 100 / 200"),
    GcCompareTitle => ("同一程序在不同 GC 设置下的堆大小", "One program's heap under different GC settings"),
    GcPeak => ("峰值 {n}", "peak {n}"),
    GcCredit => ("辅助额度 {n}", "assist credit {n}"),
    GcSampled => ("颜色按前 {n} 个对象统计。", "Colours counted over the first {n}."),
    GcSizeClass => ("大小规格", "Size class"),
    GcObjects => ("对象数", "Objects"),
    GcColours => ("白 / 灰 / 黑", "white / grey / black"),
    GcPhaseOff => ("GC 关闭", "GC off"),
    GcPhaseSweepTerm => ("清扫终止（STW）", "sweep termination (STW)"),
    GcPhaseMark => ("并发标记", "concurrent mark"),
    GcPhaseMarkTerm => ("标记终止（STW）", "mark termination (STW)"),
    GcPhaseSweep => ("并发清扫", "concurrent sweep"),
    CauseRoot => ("根扫描（全局变量或栈）", "root scan (a global or a stack)"),
    CauseScan => ("扫描灰色对象时发现", "found scanning a grey object"),
    CauseBarrierOld => ("写屏障：被覆盖的旧指针（删除屏障）", "write barrier: the overwritten old pointer (deletion barrier)"),
    CauseBarrierNew => ("写屏障：新写入的指针（插入屏障）", "write barrier: the new pointer (insertion barrier)"),
    CauseAllocBlack => ("标记期间分配，直接为黑色", "allocated black during mark"),
    CauseAssist => ("分配者的标记辅助", "an allocator's mark assist"),
    CauseRootShort => ("根", "root"),
    CauseScanShort => ("扫描", "scan"),
    CauseBarrierShort => ("写屏障", "barrier"),
    CauseAllocShort => ("分配", "alloc"),
    CauseAssistShort => ("辅助", "assist"),
    SpansTitle => ("span 与大小规格", "Spans and size classes"),
    GcNoSpans => ("还没有在用的 span。", "No spans in use yet."),
    SpansNote => ("每个小方块是一个 span，填充高度为已用槽位比例；虚线框表示本轮尚未清扫。", "Each box is a span, filled to the share of its slots in use; a dashed box is not yet swept this cycle."),
    SpanTitle => ("span {id}：{a}/{n} 个槽位已用，{p} 页", "span {id}: {a}/{n} slots in use, {p} pages"),
    GcTimelineTitle => ("GC 阶段与堆大小", "GC phases and heap size"),
    GcHeapChart => ("存活堆与堆目标", "Live heap against the heap goal"),
    GcLiveKey => ("存活堆", "live heap"),
    GcGoalKey => ("堆目标", "heap goal"),
    GcStwKey => ("STW 暂停", "STW pause"),
    GcCycles => ("{n} 轮 GC", "{n} GC cycles"),
    GcGogc => ("GOGC（堆增长百分比）", "GOGC (heap growth %)"),
    GcMemLimit => ("GOMEMLIMIT（内存上限）", "GOMEMLIMIT (memory limit)"),
    GcNoLimit => ("不限", "none"),
    GcWriteBarrier => ("写屏障", "write barrier"),
    KindGc => ("GC 阶段", "GC phase"),
    KindBarrier => ("写屏障着色", "write-barrier shade"),
    KindAssist => ("标记辅助", "mark assist"),
    ExplainGcStart => ("存活堆 {x} 达到堆目标：第 {g} 轮 GC 开始。", "The live heap ({x}) reached the goal: GC cycle {g} starts."),
    ExplainGcPhase => ("第 {g} 轮 GC 进入{x}。", "GC cycle {g} enters {x}."),
    ExplainStwStart => ("第 {g} 轮 GC 停止世界（{x}）：所有 P 暂停。", "GC cycle {g} stops the world ({x}): every P pauses."),
    ExplainStwEnd => ("第 {g} 轮 GC 恢复世界（{x}）。", "GC cycle {g} restarts the world ({x})."),
    ExplainBarrier => ("{g} 写入指针，{p} 被着为灰色——{x}。", "{g} stored a pointer and {p} turned grey — {x}."),
    ExplainAssist => ("{g} 分配过快，先做 {x} 字节的标记辅助。", "{g} allocates fast and first does {x} bytes of mark assist."),
    ExplainSweep => ("清扫 span {p}，释放 {x} 个对象。", "Sweeping span {p} frees {x} objects."),
    // Profiles: pprof-style CPU/alloc profiles and scheduler latency (issue 12).
    ProfileTitle => ("性能剖析（pprof）", "Profile (pprof)"),
    ProfileRunAgain => ("这次运行没有采集剖析数据：勾选本视图后再运行一次。", "This run was not profiled: with this view open, run the program again."),
    ProfileCpu => ("CPU 时间", "CPU time"),
    ProfileAlloc => ("内存分配（alloc_space）", "Allocations (alloc_space)"),
    ProfileDownload => ("下载剖析文件（.pb.gz）", "Download profile (.pb.gz)"),
    ProfileSamples => ("{n} 个样本", "{n} samples"),
    ProfilePeriod => ("每 {n} 虚拟 CPU 时间采样一次", "one per {n} of virtual CPU time"),
    ProfileObjects => ("{n} 个对象（每次分配都记录）", "{n} objects (every allocation recorded)"),
    ProfileBytes => ("{n} 字节", "{n} bytes"),
    ProfileEmpty => ("没有样本：程序运行得太短。", "No samples: the run was too short."),
    ProfileFlame => ("火焰图", "Flame graph"),
    ProfileFlameHint => ("调用者在上、被调用者在下，宽度与样本数成正比；点击一个函数放大它。", "Callers above callees, width in proportion to samples; click a function to zoom in."),
    ProfileResetZoom => ("还原缩放", "Reset zoom"),
    ProfileAll => ("全部", "all"),
    ProfileTop => ("Top 表（go tool pprof -top）", "Top (go tool pprof -top)"),
    ProfileFlat => ("自身 flat", "flat"),
    ProfileFlatPct => ("自身 flat%", "flat%"),
    ProfileSumPct => ("累加 sum%", "sum%"),
    ProfileCum => ("累计 cum", "cum"),
    ProfileCumPct => ("累计 cum%", "cum%"),
    ProfileFunction => ("函数", "Function"),
    ProfileSource => ("逐行标注的源码（go tool pprof -list）", "Annotated source (go tool pprof -list)"),
    ProfileLatency => ("调度延迟（sched.latency）", "Scheduler latency (sched.latency)"),
    ProfileLatencyNote => ("goroutine 从就绪（runnable）到开始运行（running）等了多久，按虚拟时钟计；桶按 2 的幂划分。", "How long goroutines waited from runnable to running, on the virtual clock; buckets are powers of two."),
    ProfileLatencyEmpty => ("没有 goroutine 在运行队列里等待过。", "No goroutine ever waited in a run queue."),
    ProfileWaits => ("{n} 次等待", "{n} waits"),
    ProfileMean => ("平均", "mean"),
    ProfileMax => ("最大", "max"),
    ProfileGoroutine => ("Goroutine 编号", "Goroutine"),
    ProfileCount => ("次数", "Waits"),
    ProfileTotalWait => ("总等待", "Total wait"),
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

    /// A key's name and its pair.
    type Row = (String, &'static str, &'static str);

    /// Every table's keys: the site's and each lab's (a lab's table adds itself here).
    fn all_rows() -> Vec<Row> {
        fn rows<M: Text>(all: &[M]) -> Vec<Row> {
            all.iter()
                .map(|&m| (format!("{m:?}"), m.pair().0, m.pair().1))
                .collect()
        }
        let mut all = rows(Msg::ALL);
        all.extend(rows(crate::labs::api::msg::ApiMsg::ALL));
        all.extend(rows(crate::labs::operator::msg::OpMsg::ALL));
        all.extend(rows(crate::labs::modules::msg::ModMsg::ALL));
        all.extend(rows(crate::pages::saga_msg::SagaMsg::ALL));
        all.extend(rows(crate::panic::CrashMsg::ALL));
        all
    }

    /// Every key has non-empty text in both languages, without stray whitespace.
    #[wasm_bindgen_test(unsupported = test)]
    fn every_key_has_both_languages() {
        assert!(Msg::ALL.len() > 40, "table looks truncated");
        assert!(
            crate::labs::api::msg::ApiMsg::ALL.len() > 40,
            "table looks truncated"
        );
        for (msg, zh, en) in all_rows() {
            for text in [zh, en] {
                assert!(!text.trim().is_empty(), "{msg} is empty");
                assert_eq!(text, text.trim(), "{msg} has stray whitespace");
            }
        }
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
        for (msg, zh, en) in all_rows() {
            assert_eq!(zh.contains("{n}"), en.contains("{n}"), "{msg}");
        }
        assert_eq!(Lang::En.fill(Msg::StepCount, "12"), "12 steps");
        assert_eq!(Lang::Zh.fill(Msg::StepCount, "12"), "共 12 步");
    }

    /// Chinese text is Chinese: catches a pair written in the wrong order.
    #[wasm_bindgen_test(unsupported = test)]
    fn chinese_column_is_chinese() {
        let cjk = |s: &str| s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c));
        for (msg, zh, en) in all_rows() {
            assert!(!cjk(en), "{msg}: English text contains CJK");
            // Brand-only strings may be ASCII in both; everything else must be translated.
            if msg != "LabOperatorTitle" {
                assert!(cjk(zh), "{msg}: Chinese text has no CJK characters");
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
