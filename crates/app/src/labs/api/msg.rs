//! The API lab's strings, zh/en: its own table (see `crate::i18n`), linked only by the
//! `goscope-lab-api` module, so neither the main page nor the other labs carry them.

use crate::i18n::messages;

messages! {
    ApiMsg;
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

    // Config centre (issue 12).
    ApiCfgTitle => ("配置中心：Consul KV 与热加载", "Config centre: Consul KV and hot reload"),
    ApiCfgIntro => (
        "服务按 ENV 读取 config/service-a/<env>/ 下的键（Viper + Consul），用阻塞查询或轮询监听变更，把值解码成带类型的配置结构体，校验通过才整体替换；服务端的限流和超时直接读这份配置，无需重启。写入一个坏值：旧配置保留，错误会显示出来。",
        "The service reads the keys under config/service-a/<env>/ for its ENV (Viper + Consul), watches them with blocking queries or polling, decodes them into a typed config struct and swaps it in only when it validates; the server's rate limit and timeout read that config, with no restart. PUT a bad value: the old config stays and the error is shown."
    ),
    ApiCfgEditor => ("Consul KV 编辑器", "Consul KV editor"),
    ApiCfgEnv => ("环境", "Environment"),
    ApiCfgKey => ("键", "Key"),
    ApiCfgValue => ("值", "Value"),
    ApiCfgPut => ("写入（PUT）", "PUT"),
    ApiCfgDelete => ("删除（DELETE）", "DELETE"),
    ApiCfgGet => ("读取前缀（GET ?recurse）", "GET the prefix (?recurse)"),
    ApiCfgWatcher => ("服务里的 watcher", "The service's watcher"),
    ApiCfgServiceEnv => ("服务运行的环境（ENV）", "The service's environment (ENV)"),
    ApiCfgMode => ("监听方式", "Watch mode"),
    ApiCfgBlocking => ("阻塞查询（?index=N&wait=5s）", "Blocking query (?index=N&wait=5s)"),
    ApiCfgPolling => ("轮询（每 2 秒一次）", "Polling (every 2 s)"),
    ApiCfgWait => ("让虚拟时间流逝 5 秒", "Let 5 s of virtual time pass"),
    ApiCfgConsulDown => ("停止 Consul", "Stop Consul"),
    ApiCfgConsulUp => ("启动 Consul", "Start Consul"),
    ApiCfgCurrent => ("服务当前的配置（第 {n} 次替换）", "The service's config now (swap {n})"),
    ApiCfgLastError => ("上一次更新被拒绝，旧配置保留：{n}", "The last update was refused and the old config kept: {n}"),
    ApiCfgServerUses => ("服务端正在使用：{n}", "The server is using: {n}"),
    ApiCfgNoRateLimit => (
        "中间件链里没有 rate-limit，限流配置暂时不起作用。",
        "The chain has no rate-limit middleware: the rate settings have no effect."
    ),
    ApiCfgTree => ("KV 树（Consul 索引 {n}）", "KV tree (Consul index {n})"),
    ApiCfgTimeline => ("监听时间线（虚拟时间）", "Watch timeline (virtual time)"),
    ApiCfgTimelineHint => (
        "每条横条是 watcher 的一次请求：阻塞查询会被 Consul 挂起，直到前缀下有写入或等待超时（返回同一个索引）；轮询按固定间隔发出，写入要等到下一次轮询才会被看到。",
        "Each bar is one of the watcher's requests: Consul holds a blocking query until a write under the prefix or until the wait elapses (same index back); polling asks at a fixed interval, so a write is seen only at the next poll."
    ),
    ApiCfgLaneWrites => ("写入", "Writes"),
    ApiCfgLaneWatch => ("请求", "Requests"),
    ApiCfgLaneReload => ("解码", "Decode"),
    ApiCfgLaneService => ("服务", "Service"),

    // The API lab's embedded widget (issue 10).
    ApiWidgetBack => ("上一步", "Step back"),
    ApiWidgetForward => ("下一步", "Step forward"),
    ApiWidgetPlay => ("播放 / 暂停", "Play / pause"),
    ApiWidgetStep => ("第几步", "Step"),
    ApiWidgetPending => ("请求还在链路中：走到最后一步就能看到响应。", "The request is still on its way: step to the end to see the response."),
}
