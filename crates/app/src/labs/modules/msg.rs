//! The modules lab's strings, zh/en: its own table (see `crate::i18n`), linked only by the
//! `goscope-lab-modules` module, so neither the main page nor the other labs carry them.

use crate::i18n::messages;

messages! {
    ModMsg;
    ModTitle => ("Go Modules：最小版本选择", "Go modules: Minimal Version Selection"),
    ModIntro => (
        "左边是一个模块代理：每个模块的每个版本都有自己的 go.mod。主模块沿用教程 2.5 节的 go.mod。在控制台运行 go 命令，再用播放器一步步看 MVS 如何遍历依赖图：每个模块路径取图中见到的最高版本，结果就是构建列表。",
        "On the left is a module proxy: every version of every module has its own go.mod. The main module is the go.mod of the course's section 2.5. Run go commands in the console, then step through how MVS walks the requirement graph: each module path keeps the highest version seen in the graph, and those versions are the build list."
    ),
    ModPruning => (
        "所有模块的 go.mod 都写着 go 1.16，因此 Go 1.17 引入的模块图裁剪（懒加载）不生效，MVS 遍历完整的依赖图。控制台的输出与真实 go 命令（go1.27.3）在同一组模块上的输出逐字核对过。",
        "Every go.mod here says go 1.16, so Go 1.17's module graph pruning (lazy loading) does not apply and MVS walks the whole requirement graph. The console's output was checked line by line against the real go command (go1.27.3) on the same modules."
    ),
    ModRegistry => ("模块代理（模块@版本）", "Module proxy (module@version)"),
    ModRegistryHint => ("点一个版本，在下面编辑它的 go.mod；每次修改都会重新计算构建列表。", "Click a version to edit its go.mod below; every edit recomputes the build list."),
    ModMainFile => ("主模块", "Main module"),
    ModEditor => ("go.mod 编辑器", "go.mod editor"),
    ModEditorHint => ("go.mod 有错时，这里会按 go 命令的措辞给出 行:列 位置。", "A mistake in the go.mod shows here with its line:col, in the go command's words."),
    ModConsole => ("控制台", "Console"),
    ModRun => ("运行", "Run"),
    ModConsoleHint => (
        "支持：go list -m all、go mod graph、go get [-u | -u=patch] 模块[@版本|@latest|@none]、go mod edit -require/-droprequire/-exclude/-dropexclude/-replace/-dropreplace、cat go.mod。注意：go 没有 -u=minor 参数（教程表格里的写法会被拒绝），-u 本身就是升级到最新的次版本或补丁版本。",
        "Knows: go list -m all, go mod graph, go get [-u | -u=patch] module[@version|@latest|@none], go mod edit -require/-droprequire/-exclude/-dropexclude/-replace/-dropreplace, cat go.mod. Note: go has no -u=minor flag (the course's table uses it; the go command refuses it): -u itself upgrades to the latest minor or patch release."
    ),
    ModQuick => ("常用命令", "Quick commands"),
    ModQuickList => ("列出构建列表", "List the build list"),
    ModQuickGraph => ("打印模块图", "Print the module graph"),
    ModQuickPatch => ("cobra 升级补丁版（-u=patch）", "Patch-upgrade cobra (-u=patch)"),
    ModQuickMinor => ("cobra 及其依赖升级（-u）", "Upgrade cobra and its deps (-u)"),
    ModQuickDown => ("把 x/sys 降到 v0.5.0", "Downgrade x/sys to v0.5.0"),
    ModQuickNone => ("移除 fsnotify（@none）", "Remove fsnotify (@none)"),
    ModQuickExclude => ("排除 x/sys v0.11.0（exclude）", "Exclude x/sys v0.11.0"),
    ModQuickReplace => ("用分叉替换 fsnotify", "Replace fsnotify with a fork"),
    ModReset => ("恢复初始模块", "Reset the modules"),
    ModGraph => ("模块依赖图", "Module graph"),
    ModLegendCurrent => ("正在访问", "being visited"),
    ModLegendMax => ("该路径目前的最高版本", "highest version so far"),
    ModLegendVisited => ("已访问", "visited"),
    ModLegendExcluded => ("被 exclude", "excluded"),
    ModLegendReplaced => ("被 replace（⇒）", "replaced (⇒)"),
    ModWhyStart => ("从主模块开始，按广度优先遍历依赖图。", "The walk starts at the main module and goes breadth-first through the graph."),
    ModWhyVisit => ("访问 {n}：读取它的 go.mod 中的 require。", "Visit {n}: read the requirements in its go.mod."),
    ModWhyReplaced => ("{n}：主模块的 replace 生效，读取替换后模块的 go.mod。", "{n}: the main module's replace applies, so the replacement's go.mod is read."),
    ModWhyRaise => ("{n}：这是该路径目前见到的最高版本，成为新的最大值。", "{n}: the highest version of this path seen so far, so it becomes the maximum."),
    ModWhyKeep => ("{n}：不高于已见到的最大版本，最大值不变。", "{n}: not above the maximum already seen, so the maximum stays."),
    ModWhyExcluded => ("{n}：主模块 exclude 了这个版本，这条要求被忽略（Go 1.16 起的规则）。", "{n}: the main module excludes this version, so the requirement is ignored (the rule since Go 1.16)."),
    ModWhyDone => ("遍历结束：每个模块路径取见到的最高版本，这就是构建列表（go list -m all）。", "The walk is over: each module path keeps the highest version seen, and that is the build list (go list -m all)."),
    ModBuildList => ("构建列表（go list -m all）", "Build list (go list -m all)"),
    ModMaxSoFar => ("目前每个路径的最高版本", "Highest version of each path so far"),
    ModDiff => ("go.mod 的变化", "go.mod changes"),
    ModNoDiff => ("运行 go get 或 go mod edit 后，这里显示 go.mod 被改写的行。", "After go get or go mod edit, the rewritten lines of go.mod show here."),
}
