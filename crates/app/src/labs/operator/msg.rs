//! The operator lab's strings, zh/en: its own table (see `crate::i18n`), linked only by the
//! `goscope-lab-operator` module, so neither the main page nor the other labs carry them.

use crate::i18n::messages;

messages! {
    OpMsg;
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
}
