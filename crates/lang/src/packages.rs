//! The standard-library packages goscope knows, and their members.
//!
//! The import table: `import "fmt"` looks the path up in [`std_package`]; an unknown path is
//! Go's `package foo is not in std`. Each member is a native function implemented by the runtime
//! (identified by [`Native`]) with a Go signature for the checker. Adding a package means adding
//! a row here, its natives to [`Native`], and their implementation in the runtime.

use crate::types::{BasicKind, Signature, Type};
use std::rc::Rc;

/// Functions implemented natively by the runtime.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Native {
    FmtPrint,
    FmtPrintln,
    FmtPrintf,
    FmtSprint,
    FmtSprintln,
    FmtSprintf,
    FmtErrorf,
    OsExit,
    ErrorsNew,
    ErrorsIs,
    ErrorsAs,
    ErrorsUnwrap,
    ErrorsJoin,
    StringsContains,
    StringsHasPrefix,
    StringsHasSuffix,
    StringsIndex,
    StringsSplit,
    StringsJoin,
    StringsRepeat,
    StringsToUpper,
    StringsToLower,
    StringsTrimSpace,
    StringsTrim,
    StringsFields,
    StringsReplace,
    StringsReplaceAll,
    StringsTrimPrefix,
    StringsTrimSuffix,
    StringsCount,
    StringsLastIndex,
    StrconvItoa,
    StrconvAtoi,
    StrconvFormatInt,
    StrconvParseInt,
    StrconvQuote,
    StrconvParseBool,
    StrconvFormatBool,
    SortInts,
    SortStrings,
    SortSlice,
    /// The built-in `close` as a deferred call's function (`defer close(ch)`); the VM runs
    /// it as the channel close instruction. Not a package member.
    BuiltinClose,
    RuntimeGosched,
    RuntimeNumGoroutine,
    RuntimeNumCPU,
    RuntimeGC,
    RuntimeReadMemStats,
    DebugSetGCPercent,
    DebugSetMemoryLimit,
    RuntimeGOMAXPROCS,
    // Methods of package types (see `pkgtypes`); the receiver is a pointer, passed first.
    SyncWaitGroupAdd,
    SyncWaitGroupDone,
    SyncWaitGroupWait,
    /// `wg.Go(f)` (Go 1.25): `Add(1)`, then `f` in a new goroutine that calls `Done` when it
    /// returns.
    SyncWaitGroupGo,
    SyncMutexLock,
    SyncMutexUnlock,
    SyncMutexTryLock,
    SyncRWMutexLock,
    SyncRWMutexUnlock,
    SyncRWMutexRLock,
    SyncRWMutexRUnlock,
    SyncOnceDo,
    TimeSleep,
    TimeAfter,
    TimeNow,
    TimeSince,
    TimeNewTimer,
    TimeNewTicker,
    TimeTick,
    TimeTimerStop,
    TimeTimerReset,
    TimeTickerStop,
    TimeTickerReset,
    TimeUntil,
    /// `time.AfterFunc(d, f)`: a `*Timer` whose firing runs `f` in its own goroutine.
    TimeAfterFunc,
    // Methods of time.Duration (value receiver first).
    DurationAbs,
    DurationHours,
    DurationMicroseconds,
    DurationMilliseconds,
    DurationMinutes,
    DurationNanoseconds,
    DurationRound,
    DurationSeconds,
    DurationString,
    DurationTruncate,
    // Methods of time.Time (value receiver first).
    TimeTimeAdd,
    TimeTimeAfter,
    TimeTimeBefore,
    TimeTimeEqual,
    TimeTimeSub,
    TimeTimeString,
    TimeTimeIsZero,
    TimeTimeUnix,
    TimeTimeUnixMilli,
    TimeTimeUnixNano,
    AtomicAddInt64,
    AtomicAddInt32,
    AtomicLoadInt64,
    AtomicLoadInt32,
    AtomicStoreInt64,
    AtomicStoreInt32,
    AtomicSwapInt64,
    AtomicCompareAndSwapInt64,
    AtomicCompareAndSwapInt32,
    // Methods of atomic.Int64 / Int32 / Bool (receiver pointer first).
    AtomicInt64Add,
    AtomicInt64Load,
    AtomicInt64Store,
    AtomicInt64Swap,
    AtomicInt64CompareAndSwap,
    AtomicInt32Add,
    AtomicInt32Load,
    AtomicInt32Store,
    AtomicBoolLoad,
    AtomicBoolStore,
    AtomicBoolSwap,
    AtomicBoolCompareAndSwap,
    // Package context (`context/context.go`); Done/Err/Value are methods of `Context`.
    ContextBackground,
    ContextTODO,
    ContextWithCancel,
    ContextWithTimeout,
    ContextWithDeadline,
    ContextWithValue,
    ContextWithCancelCause,
    ContextWithTimeoutCause,
    ContextWithDeadlineCause,
    ContextCause,
    ContextDeadline,
    ContextDone,
    ContextErr,
    ContextValue,
    /// The body of every `CancelFunc` (and `CancelCauseFunc`, with the cause); the runtime
    /// calls it with the context's handle.
    ContextCancel,
    /// The package variables `context.Canceled` / `DeadlineExceeded`, read by a call.
    ContextCanceled,
    ContextDeadlineExceeded,
    /// `syscall.Nanosleep`: a blocking system call (`entersyscall`/`exitsyscall`) lasting the
    /// requested virtual time.
    SyscallNanosleep,
    SyscallNsecToTimespec,
    /// `(syscall.Timespec).Nano`.
    SyscallTimespecNano,
}

/// The rows of the native table: name, parameters, results, variadic.
struct Row {
    name: &'static str,
    params: &'static [(&'static str, T)],
    results: &'static [(&'static str, T)],
    variadic: bool,
}

/// Parameter and result types of natives, in a `const`-friendly form.
#[derive(Clone, Copy)]
enum T {
    Int,
    Int64,
    Bool,
    Str,
    Any,
    Err,
    Strs,
    Ints,
    Less,
    Func0,
    Duration,
    Time,
    TimeChan,
    PTimer,
    PTicker,
    Int32,
    PInt64,
    PInt32,
    Ctx,
    CancelFunc,
    CancelCauseFunc,
    /// `<-chan struct{}` (`Context.Done`).
    DoneChan,
    Float64,
    Timespec,
    PTimespec,
    PMemStats,
}

impl T {
    fn ty(self) -> Type {
        match self {
            T::Int => Type::INT,
            T::Int64 => Type::Basic(BasicKind::Int64),
            T::Bool => Type::BOOL,
            T::Str => Type::STRING,
            T::Any => Type::Interface,
            T::Err => Type::Error,
            T::Strs => Type::Slice(Rc::new(Type::STRING)),
            T::Ints => Type::Slice(Rc::new(Type::INT)),
            T::Int32 => Type::Basic(BasicKind::Int32),
            T::PInt64 => Type::Pointer(Rc::new(Type::Basic(BasicKind::Int64))),
            T::PInt32 => Type::Pointer(Rc::new(Type::Basic(BasicKind::Int32))),
            T::Duration => pkg_type("time", "Duration"),
            T::Time => pkg_type("time", "Time"),
            T::TimeChan => Type::Chan(2, Rc::new(pkg_type("time", "Time"))),
            T::PTimer => Type::Pointer(Rc::new(pkg_type("time", "Timer"))),
            T::PTicker => Type::Pointer(Rc::new(pkg_type("time", "Ticker"))),
            T::Ctx => pkg_type("context", "Context"),
            T::CancelFunc => pkg_type("context", "CancelFunc"),
            T::CancelCauseFunc => pkg_type("context", "CancelCauseFunc"),
            T::DoneChan => Type::Chan(2, Rc::new(Type::Struct(Vec::new().into()))),
            T::Float64 => Type::Basic(BasicKind::Float64),
            T::Timespec => pkg_type("syscall", "Timespec"),
            T::PTimespec => Type::Pointer(Rc::new(pkg_type("syscall", "Timespec"))),
            T::PMemStats => Type::Pointer(Rc::new(pkg_type("runtime", "MemStats"))),
            T::Func0 => Type::Func(Rc::new(Signature {
                params: vec![],
                results: vec![],
                variadic: false,
            })),
            T::Less => Type::Func(Rc::new(Signature {
                params: vec![(Some("i".into()), Type::INT), (Some("j".into()), Type::INT)],
                results: vec![(None, Type::BOOL)],
                variadic: false,
            })),
        }
    }
}

/// A package type (see `pkgtypes`); `Invalid` if the table lacks it.
fn pkg_type(pkg: &str, name: &str) -> Type {
    crate::pkgtypes::lookup(pkg, name).unwrap_or(Type::Invalid)
}

const fn row(
    name: &'static str,
    params: &'static [(&'static str, T)],
    results: &'static [(&'static str, T)],
) -> Row {
    Row {
        name,
        params,
        results,
        variadic: false,
    }
}

const fn vrow(
    name: &'static str,
    params: &'static [(&'static str, T)],
    results: &'static [(&'static str, T)],
) -> Row {
    Row {
        name,
        params,
        results,
        variadic: true,
    }
}

const PRINT_RESULTS: &[(&str, T)] = &[("n", T::Int), ("err", T::Err)];

impl Native {
    fn row(self) -> Row {
        use Native::*;
        match self {
            FmtPrint => vrow("fmt.Print", &[("a", T::Any)], PRINT_RESULTS),
            FmtPrintln => vrow("fmt.Println", &[("a", T::Any)], PRINT_RESULTS),
            FmtPrintf => vrow(
                "fmt.Printf",
                &[("format", T::Str), ("a", T::Any)],
                PRINT_RESULTS,
            ),
            FmtSprint => vrow("fmt.Sprint", &[("a", T::Any)], &[("", T::Str)]),
            FmtSprintln => vrow("fmt.Sprintln", &[("a", T::Any)], &[("", T::Str)]),
            FmtSprintf => vrow(
                "fmt.Sprintf",
                &[("format", T::Str), ("a", T::Any)],
                &[("", T::Str)],
            ),
            FmtErrorf => vrow(
                "fmt.Errorf",
                &[("format", T::Str), ("a", T::Any)],
                &[("", T::Err)],
            ),
            OsExit => row("os.Exit", &[("code", T::Int)], &[]),
            ErrorsNew => row("errors.New", &[("text", T::Str)], &[("", T::Err)]),
            ErrorsIs => row(
                "errors.Is",
                &[("err", T::Err), ("target", T::Err)],
                &[("", T::Bool)],
            ),
            ErrorsAs => row(
                "errors.As",
                &[("err", T::Err), ("target", T::Any)],
                &[("", T::Bool)],
            ),
            ErrorsUnwrap => row("errors.Unwrap", &[("err", T::Err)], &[("", T::Err)]),
            ErrorsJoin => vrow("errors.Join", &[("errs", T::Err)], &[("", T::Err)]),
            StringsContains => row(
                "strings.Contains",
                &[("s", T::Str), ("substr", T::Str)],
                &[("", T::Bool)],
            ),
            StringsHasPrefix => row(
                "strings.HasPrefix",
                &[("s", T::Str), ("prefix", T::Str)],
                &[("", T::Bool)],
            ),
            StringsHasSuffix => row(
                "strings.HasSuffix",
                &[("s", T::Str), ("suffix", T::Str)],
                &[("", T::Bool)],
            ),
            StringsIndex => row(
                "strings.Index",
                &[("s", T::Str), ("substr", T::Str)],
                &[("", T::Int)],
            ),
            StringsSplit => row(
                "strings.Split",
                &[("s", T::Str), ("sep", T::Str)],
                &[("", T::Strs)],
            ),
            StringsJoin => row(
                "strings.Join",
                &[("elems", T::Strs), ("sep", T::Str)],
                &[("", T::Str)],
            ),
            StringsRepeat => row(
                "strings.Repeat",
                &[("s", T::Str), ("count", T::Int)],
                &[("", T::Str)],
            ),
            StringsToUpper => row("strings.ToUpper", &[("s", T::Str)], &[("", T::Str)]),
            StringsToLower => row("strings.ToLower", &[("s", T::Str)], &[("", T::Str)]),
            StringsTrimSpace => row("strings.TrimSpace", &[("s", T::Str)], &[("", T::Str)]),
            StringsTrim => row(
                "strings.Trim",
                &[("s", T::Str), ("cutset", T::Str)],
                &[("", T::Str)],
            ),
            StringsFields => row("strings.Fields", &[("s", T::Str)], &[("", T::Strs)]),
            StringsReplace => row(
                "strings.Replace",
                &[
                    ("s", T::Str),
                    ("old", T::Str),
                    ("new", T::Str),
                    ("n", T::Int),
                ],
                &[("", T::Str)],
            ),
            StringsReplaceAll => row(
                "strings.ReplaceAll",
                &[("s", T::Str), ("old", T::Str), ("new", T::Str)],
                &[("", T::Str)],
            ),
            StringsTrimPrefix => row(
                "strings.TrimPrefix",
                &[("s", T::Str), ("prefix", T::Str)],
                &[("", T::Str)],
            ),
            StringsTrimSuffix => row(
                "strings.TrimSuffix",
                &[("s", T::Str), ("suffix", T::Str)],
                &[("", T::Str)],
            ),
            StringsCount => row(
                "strings.Count",
                &[("s", T::Str), ("substr", T::Str)],
                &[("", T::Int)],
            ),
            StringsLastIndex => row(
                "strings.LastIndex",
                &[("s", T::Str), ("substr", T::Str)],
                &[("", T::Int)],
            ),
            StrconvParseBool => row(
                "strconv.ParseBool",
                &[("str", T::Str)],
                &[("", T::Bool), ("", T::Err)],
            ),
            StrconvFormatBool => row("strconv.FormatBool", &[("b", T::Bool)], &[("", T::Str)]),
            StrconvItoa => row("strconv.Itoa", &[("i", T::Int)], &[("", T::Str)]),
            StrconvAtoi => row(
                "strconv.Atoi",
                &[("s", T::Str)],
                &[("", T::Int), ("", T::Err)],
            ),
            StrconvFormatInt => row(
                "strconv.FormatInt",
                &[("i", T::Int64), ("base", T::Int)],
                &[("", T::Str)],
            ),
            StrconvParseInt => row(
                "strconv.ParseInt",
                &[("s", T::Str), ("base", T::Int), ("bitSize", T::Int)],
                &[("i", T::Int64), ("err", T::Err)],
            ),
            StrconvQuote => row("strconv.Quote", &[("s", T::Str)], &[("", T::Str)]),
            SortInts => row("sort.Ints", &[("x", T::Ints)], &[]),
            SortStrings => row("sort.Strings", &[("x", T::Strs)], &[]),
            SortSlice => row("sort.Slice", &[("x", T::Any), ("less", T::Less)], &[]),
            BuiltinClose => row("close", &[("c", T::Any)], &[]),
            RuntimeGosched => row("runtime.Gosched", &[], &[]),
            RuntimeNumGoroutine => row("runtime.NumGoroutine", &[], &[("", T::Int)]),
            RuntimeNumCPU => row("runtime.NumCPU", &[], &[("", T::Int)]),
            RuntimeGC => row("runtime.GC", &[], &[]),
            RuntimeReadMemStats => row("runtime.ReadMemStats", &[("m", T::PMemStats)], &[]),
            DebugSetGCPercent => row(
                "runtime/debug.SetGCPercent",
                &[("percent", T::Int)],
                &[("", T::Int)],
            ),
            DebugSetMemoryLimit => row(
                "runtime/debug.SetMemoryLimit",
                &[("limit", T::Int64)],
                &[("", T::Int64)],
            ),
            RuntimeGOMAXPROCS => row("runtime.GOMAXPROCS", &[("n", T::Int)], &[("", T::Int)]),
            SyncWaitGroupAdd => row("sync.(*WaitGroup).Add", &[("delta", T::Int)], &[]),
            SyncWaitGroupDone => row("sync.(*WaitGroup).Done", &[], &[]),
            SyncWaitGroupWait => row("sync.(*WaitGroup).Wait", &[], &[]),
            SyncWaitGroupGo => row("sync.(*WaitGroup).Go", &[("f", T::Func0)], &[]),
            SyncMutexLock => row("sync.(*Mutex).Lock", &[], &[]),
            SyncMutexUnlock => row("sync.(*Mutex).Unlock", &[], &[]),
            SyncMutexTryLock => row("sync.(*Mutex).TryLock", &[], &[("", T::Bool)]),
            SyncRWMutexLock => row("sync.(*RWMutex).Lock", &[], &[]),
            SyncRWMutexUnlock => row("sync.(*RWMutex).Unlock", &[], &[]),
            SyncRWMutexRLock => row("sync.(*RWMutex).RLock", &[], &[]),
            SyncRWMutexRUnlock => row("sync.(*RWMutex).RUnlock", &[], &[]),
            AtomicAddInt64 => row(
                "atomic.AddInt64",
                &[("addr", T::PInt64), ("delta", T::Int64)],
                &[("new", T::Int64)],
            ),
            AtomicAddInt32 => row(
                "atomic.AddInt32",
                &[("addr", T::PInt32), ("delta", T::Int32)],
                &[("new", T::Int32)],
            ),
            AtomicLoadInt64 => row(
                "atomic.LoadInt64",
                &[("addr", T::PInt64)],
                &[("val", T::Int64)],
            ),
            AtomicLoadInt32 => row(
                "atomic.LoadInt32",
                &[("addr", T::PInt32)],
                &[("val", T::Int32)],
            ),
            AtomicStoreInt64 => row(
                "atomic.StoreInt64",
                &[("addr", T::PInt64), ("val", T::Int64)],
                &[],
            ),
            AtomicStoreInt32 => row(
                "atomic.StoreInt32",
                &[("addr", T::PInt32), ("val", T::Int32)],
                &[],
            ),
            AtomicSwapInt64 => row(
                "atomic.SwapInt64",
                &[("addr", T::PInt64), ("new", T::Int64)],
                &[("old", T::Int64)],
            ),
            AtomicCompareAndSwapInt64 => row(
                "atomic.CompareAndSwapInt64",
                &[("addr", T::PInt64), ("old", T::Int64), ("new", T::Int64)],
                &[("swapped", T::Bool)],
            ),
            AtomicCompareAndSwapInt32 => row(
                "atomic.CompareAndSwapInt32",
                &[("addr", T::PInt32), ("old", T::Int32), ("new", T::Int32)],
                &[("swapped", T::Bool)],
            ),
            AtomicInt64Add => row(
                "atomic.(*Int64).Add",
                &[("delta", T::Int64)],
                &[("new", T::Int64)],
            ),
            AtomicInt64Load => row("atomic.(*Int64).Load", &[], &[("", T::Int64)]),
            AtomicInt64Store => row("atomic.(*Int64).Store", &[("val", T::Int64)], &[]),
            AtomicInt64Swap => row(
                "atomic.(*Int64).Swap",
                &[("new", T::Int64)],
                &[("old", T::Int64)],
            ),
            AtomicInt64CompareAndSwap => row(
                "atomic.(*Int64).CompareAndSwap",
                &[("old", T::Int64), ("new", T::Int64)],
                &[("swapped", T::Bool)],
            ),
            AtomicInt32Add => row(
                "atomic.(*Int32).Add",
                &[("delta", T::Int32)],
                &[("new", T::Int32)],
            ),
            AtomicInt32Load => row("atomic.(*Int32).Load", &[], &[("", T::Int32)]),
            AtomicInt32Store => row("atomic.(*Int32).Store", &[("val", T::Int32)], &[]),
            AtomicBoolLoad => row("atomic.(*Bool).Load", &[], &[("", T::Bool)]),
            AtomicBoolStore => row("atomic.(*Bool).Store", &[("val", T::Bool)], &[]),
            AtomicBoolSwap => row(
                "atomic.(*Bool).Swap",
                &[("new", T::Bool)],
                &[("old", T::Bool)],
            ),
            AtomicBoolCompareAndSwap => row(
                "atomic.(*Bool).CompareAndSwap",
                &[("old", T::Bool), ("new", T::Bool)],
                &[("swapped", T::Bool)],
            ),
            TimeSleep => row("time.Sleep", &[("d", T::Duration)], &[]),
            TimeAfter => row("time.After", &[("d", T::Duration)], &[("", T::TimeChan)]),
            TimeNow => row("time.Now", &[], &[("", T::Time)]),
            TimeSince => row("time.Since", &[("t", T::Time)], &[("", T::Duration)]),
            TimeNewTimer => row("time.NewTimer", &[("d", T::Duration)], &[("", T::PTimer)]),
            TimeNewTicker => row("time.NewTicker", &[("d", T::Duration)], &[("", T::PTicker)]),
            TimeTick => row("time.Tick", &[("d", T::Duration)], &[("", T::TimeChan)]),
            TimeTimerStop => row("time.(*Timer).Stop", &[], &[("", T::Bool)]),
            TimeTimerReset => row(
                "time.(*Timer).Reset",
                &[("d", T::Duration)],
                &[("", T::Bool)],
            ),
            TimeTickerStop => row("time.(*Ticker).Stop", &[], &[]),
            TimeTickerReset => row("time.(*Ticker).Reset", &[("d", T::Duration)], &[]),
            TimeUntil => row("time.Until", &[("t", T::Time)], &[("", T::Duration)]),
            TimeAfterFunc => row(
                "time.AfterFunc",
                &[("d", T::Duration), ("f", T::Func0)],
                &[("", T::PTimer)],
            ),
            DurationAbs => row("time.Duration.Abs", &[], &[("", T::Duration)]),
            DurationHours => row("time.Duration.Hours", &[], &[("", T::Float64)]),
            DurationMicroseconds => row("time.Duration.Microseconds", &[], &[("", T::Int64)]),
            DurationMilliseconds => row("time.Duration.Milliseconds", &[], &[("", T::Int64)]),
            DurationMinutes => row("time.Duration.Minutes", &[], &[("", T::Float64)]),
            DurationNanoseconds => row("time.Duration.Nanoseconds", &[], &[("", T::Int64)]),
            DurationRound => row(
                "time.Duration.Round",
                &[("m", T::Duration)],
                &[("", T::Duration)],
            ),
            DurationSeconds => row("time.Duration.Seconds", &[], &[("", T::Float64)]),
            DurationString => row("time.Duration.String", &[], &[("", T::Str)]),
            DurationTruncate => row(
                "time.Duration.Truncate",
                &[("m", T::Duration)],
                &[("", T::Duration)],
            ),
            TimeTimeAdd => row("time.Time.Add", &[("d", T::Duration)], &[("", T::Time)]),
            TimeTimeAfter => row("time.Time.After", &[("u", T::Time)], &[("", T::Bool)]),
            TimeTimeBefore => row("time.Time.Before", &[("u", T::Time)], &[("", T::Bool)]),
            TimeTimeEqual => row("time.Time.Equal", &[("u", T::Time)], &[("", T::Bool)]),
            TimeTimeSub => row("time.Time.Sub", &[("u", T::Time)], &[("", T::Duration)]),
            TimeTimeString => row("time.Time.String", &[], &[("", T::Str)]),
            TimeTimeIsZero => row("time.Time.IsZero", &[], &[("", T::Bool)]),
            TimeTimeUnix => row("time.Time.Unix", &[], &[("", T::Int64)]),
            TimeTimeUnixMilli => row("time.Time.UnixMilli", &[], &[("", T::Int64)]),
            TimeTimeUnixNano => row("time.Time.UnixNano", &[], &[("", T::Int64)]),
            SyncOnceDo => row("sync.(*Once).Do", &[("f", T::Func0)], &[]),
            ContextBackground => row("context.Background", &[], &[("", T::Ctx)]),
            ContextTODO => row("context.TODO", &[], &[("", T::Ctx)]),
            ContextWithCancel => row(
                "context.WithCancel",
                &[("parent", T::Ctx)],
                &[("ctx", T::Ctx), ("cancel", T::CancelFunc)],
            ),
            ContextWithTimeout => row(
                "context.WithTimeout",
                &[("parent", T::Ctx), ("timeout", T::Duration)],
                &[("", T::Ctx), ("", T::CancelFunc)],
            ),
            ContextWithDeadline => row(
                "context.WithDeadline",
                &[("parent", T::Ctx), ("d", T::Time)],
                &[("", T::Ctx), ("", T::CancelFunc)],
            ),
            ContextWithValue => row(
                "context.WithValue",
                &[("parent", T::Ctx), ("key", T::Any), ("val", T::Any)],
                &[("", T::Ctx)],
            ),
            ContextWithCancelCause => row(
                "context.WithCancelCause",
                &[("parent", T::Ctx)],
                &[("ctx", T::Ctx), ("cancel", T::CancelCauseFunc)],
            ),
            ContextWithTimeoutCause => row(
                "context.WithTimeoutCause",
                &[
                    ("parent", T::Ctx),
                    ("timeout", T::Duration),
                    ("cause", T::Err),
                ],
                &[("", T::Ctx), ("", T::CancelFunc)],
            ),
            ContextWithDeadlineCause => row(
                "context.WithDeadlineCause",
                &[("parent", T::Ctx), ("d", T::Time), ("cause", T::Err)],
                &[("", T::Ctx), ("", T::CancelFunc)],
            ),
            ContextCause => row("context.Cause", &[("c", T::Ctx)], &[("", T::Err)]),
            ContextDeadline => row(
                "context.Context.Deadline",
                &[],
                &[("deadline", T::Time), ("ok", T::Bool)],
            ),
            ContextDone => row("context.Context.Done", &[], &[("", T::DoneChan)]),
            ContextErr => row("context.Context.Err", &[], &[("", T::Err)]),
            ContextValue => row("context.Context.Value", &[("key", T::Any)], &[("", T::Any)]),
            ContextCancel => row("context.CancelFunc", &[], &[]),
            ContextCanceled => row("context.Canceled", &[], &[("", T::Err)]),
            ContextDeadlineExceeded => row("context.DeadlineExceeded", &[], &[("", T::Err)]),
            SyscallNanosleep => row(
                "syscall.Nanosleep",
                &[("time", T::PTimespec), ("leftover", T::PTimespec)],
                &[("err", T::Err)],
            ),
            SyscallNsecToTimespec => row(
                "syscall.NsecToTimespec",
                &[("nsec", T::Int64)],
                &[("", T::Timespec)],
            ),
            SyscallTimespecNano => row("syscall.Timespec.Nano", &[], &[("", T::Int64)]),
        }
    }

    /// Qualified Go name, e.g. `fmt.Println`.
    pub fn name(self) -> &'static str {
        self.row().name
    }

    /// The Go signature.
    pub fn signature(self) -> Signature {
        let r = self.row();
        let conv = |ps: &[(&str, T)]| {
            ps.iter()
                .map(|(n, t)| ((!n.is_empty()).then(|| n.to_string()), t.ty()))
                .collect()
        };
        Signature {
            params: conv(r.params),
            results: conv(r.results),
            variadic: r.variadic,
        }
    }

    pub fn func_type(self) -> Type {
        Type::Func(Rc::new(self.signature()))
    }
}

/// A standard package.
#[derive(Clone, Copy, Debug)]
pub struct Package {
    pub path: &'static str,
    /// The package name (last path element).
    pub name: &'static str,
    pub members: &'static [(&'static str, Native)],
    /// Real members goscope does not implement yet: the checker rejects them with
    /// `goscope does not support strings.Builder yet` rather than let them run wrongly.
    pub unsupported: &'static [&'static str],
}

impl Package {
    pub fn member(&self, name: &str) -> Option<Native> {
        self.members
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, m)| *m)
    }

    /// Whether `name` is a member of the real package that goscope does not support yet.
    pub fn is_unsupported(&self, name: &str) -> bool {
        self.unsupported.contains(&name)
    }
}

const PACKAGES: &[Package] = &[
    Package {
        path: "fmt",
        name: "fmt",
        members: &[
            ("Print", Native::FmtPrint),
            ("Printf", Native::FmtPrintf),
            ("Println", Native::FmtPrintln),
            ("Sprint", Native::FmtSprint),
            ("Sprintf", Native::FmtSprintf),
            ("Sprintln", Native::FmtSprintln),
            ("Errorf", Native::FmtErrorf),
        ],
        unsupported: &[
            "Fprint", "Fprintf", "Fprintln", "Sscan", "Sscanf", "Sscanln", "Scan", "Scanf",
            "Scanln", "Stringer", "Append", "Appendf", "Appendln",
        ],
    },
    Package {
        path: "errors",
        name: "errors",
        members: &[
            ("As", Native::ErrorsAs),
            ("Is", Native::ErrorsIs),
            ("Join", Native::ErrorsJoin),
            ("New", Native::ErrorsNew),
            ("Unwrap", Native::ErrorsUnwrap),
        ],
        unsupported: &["ErrUnsupported"],
    },
    Package {
        path: "strings",
        name: "strings",
        members: &[
            ("Contains", Native::StringsContains),
            ("Count", Native::StringsCount),
            ("Fields", Native::StringsFields),
            ("HasPrefix", Native::StringsHasPrefix),
            ("HasSuffix", Native::StringsHasSuffix),
            ("Index", Native::StringsIndex),
            ("Join", Native::StringsJoin),
            ("LastIndex", Native::StringsLastIndex),
            ("Repeat", Native::StringsRepeat),
            ("Replace", Native::StringsReplace),
            ("ReplaceAll", Native::StringsReplaceAll),
            ("Split", Native::StringsSplit),
            ("ToLower", Native::StringsToLower),
            ("ToUpper", Native::StringsToUpper),
            ("Trim", Native::StringsTrim),
            ("TrimPrefix", Native::StringsTrimPrefix),
            ("TrimSpace", Native::StringsTrimSpace),
            ("TrimSuffix", Native::StringsTrimSuffix),
        ],
        unsupported: &[
            "Builder",
            "Clone",
            "Compare",
            "ContainsAny",
            "ContainsFunc",
            "ContainsRune",
            "Cut",
            "CutPrefix",
            "CutSuffix",
            "EqualFold",
            "FieldsFunc",
            "IndexAny",
            "IndexByte",
            "IndexFunc",
            "IndexRune",
            "LastIndexAny",
            "LastIndexByte",
            "Map",
            "NewReader",
            "NewReplacer",
            "Reader",
            "Replacer",
            "SplitAfter",
            "SplitAfterN",
            "SplitN",
            "Title",
            "ToTitle",
            "TrimFunc",
            "TrimLeft",
            "TrimLeftFunc",
            "TrimRight",
            "TrimRightFunc",
        ],
    },
    Package {
        path: "strconv",
        name: "strconv",
        members: &[
            ("Atoi", Native::StrconvAtoi),
            ("FormatInt", Native::StrconvFormatInt),
            ("Itoa", Native::StrconvItoa),
            ("ParseInt", Native::StrconvParseInt),
            ("FormatBool", Native::StrconvFormatBool),
            ("ParseBool", Native::StrconvParseBool),
            ("Quote", Native::StrconvQuote),
        ],
        unsupported: &[
            "AppendInt",
            "AppendQuote",
            "ErrRange",
            "ErrSyntax",
            "FormatFloat",
            "FormatUint",
            "NumError",
            "ParseFloat",
            "ParseUint",
            "QuoteRune",
            "QuoteToASCII",
            "Unquote",
        ],
    },
    Package {
        path: "sort",
        name: "sort",
        members: &[
            ("Ints", Native::SortInts),
            ("Slice", Native::SortSlice),
            ("Strings", Native::SortStrings),
        ],
        unsupported: &[
            "Float64s",
            "Interface",
            "IntSlice",
            "IsSorted",
            "Search",
            "SearchInts",
            "Sort",
            "SliceStable",
            "Stable",
            "StringSlice",
            "Reverse",
            "SliceIsSorted",
        ],
    },
    Package {
        path: "runtime",
        name: "runtime",
        members: &[
            ("GC", Native::RuntimeGC),
            ("GOMAXPROCS", Native::RuntimeGOMAXPROCS),
            ("Gosched", Native::RuntimeGosched),
            ("NumCPU", Native::RuntimeNumCPU),
            ("NumGoroutine", Native::RuntimeNumGoroutine),
            ("ReadMemStats", Native::RuntimeReadMemStats),
        ],
        unsupported: &["Goexit", "LockOSThread", "Stack"],
    },
    Package {
        path: "sync",
        name: "sync",
        // Its types (WaitGroup, Mutex, RWMutex, Once) are in `pkgtypes`.
        members: &[],
        unsupported: &[
            "Cond",
            "Locker",
            "Map",
            "NewCond",
            "OnceFunc",
            "OnceValue",
            "OnceValues",
            "Pool",
        ],
    },
    Package {
        path: "runtime/debug",
        name: "debug",
        members: &[
            ("SetGCPercent", Native::DebugSetGCPercent),
            ("SetMemoryLimit", Native::DebugSetMemoryLimit),
        ],
        unsupported: &[
            "FreeOSMemory",
            "PrintStack",
            "ReadGCStats",
            "SetMaxStack",
            "Stack",
        ],
    },
    Package {
        path: "sync/atomic",
        name: "atomic",
        // Its types (Int64, Int32, Bool) are in `pkgtypes`.
        members: &[
            ("AddInt32", Native::AtomicAddInt32),
            ("AddInt64", Native::AtomicAddInt64),
            ("CompareAndSwapInt32", Native::AtomicCompareAndSwapInt32),
            ("CompareAndSwapInt64", Native::AtomicCompareAndSwapInt64),
            ("LoadInt32", Native::AtomicLoadInt32),
            ("LoadInt64", Native::AtomicLoadInt64),
            ("StoreInt32", Native::AtomicStoreInt32),
            ("StoreInt64", Native::AtomicStoreInt64),
            ("SwapInt64", Native::AtomicSwapInt64),
        ],
        unsupported: &[
            "Value",
            "Pointer",
            "Uint32",
            "Uint64",
            "Uintptr",
            "AddUint32",
            "AddUint64",
            "LoadUint32",
            "LoadUint64",
            "StoreUint32",
            "StoreUint64",
            "SwapInt32",
            "LoadPointer",
            "StorePointer",
        ],
    },
    Package {
        path: "time",
        name: "time",
        // Its types (Duration, Time, Timer, Ticker) and constants are in `pkgtypes`.
        members: &[
            ("After", Native::TimeAfter),
            ("NewTicker", Native::TimeNewTicker),
            ("NewTimer", Native::TimeNewTimer),
            ("Now", Native::TimeNow),
            ("AfterFunc", Native::TimeAfterFunc),
            ("Since", Native::TimeSince),
            ("Sleep", Native::TimeSleep),
            ("Tick", Native::TimeTick),
            ("Until", Native::TimeUntil),
        ],
        unsupported: &[
            "Date",
            "Parse",
            "ParseDuration",
            "Unix",
            "UnixMilli",
            "Month",
            "Weekday",
            "Location",
            "UTC",
            "Local",
            "RFC3339",
            "Kitchen",
        ],
    },
    Package {
        path: "context",
        name: "context",
        // Its types (Context, CancelFunc) and variables (Canceled, DeadlineExceeded) are in
        // `pkgtypes`.
        members: &[
            ("Background", Native::ContextBackground),
            ("Cause", Native::ContextCause),
            ("TODO", Native::ContextTODO),
            ("WithCancel", Native::ContextWithCancel),
            ("WithCancelCause", Native::ContextWithCancelCause),
            ("WithDeadline", Native::ContextWithDeadline),
            ("WithDeadlineCause", Native::ContextWithDeadlineCause),
            ("WithTimeout", Native::ContextWithTimeout),
            ("WithTimeoutCause", Native::ContextWithTimeoutCause),
            ("WithValue", Native::ContextWithValue),
        ],
        unsupported: &["AfterFunc", "WithoutCancel"],
    },
    // A blocking system call to watch the scheduler hand a P off (`runtime/proc.go`'s
    // entersyscall/exitsyscall and sysmon's retake): `Nanosleep` blocks the M in the kernel
    // for the requested (virtual) time, as on Linux.
    Package {
        path: "syscall",
        name: "syscall",
        // Its type (Timespec) is in `pkgtypes`.
        members: &[
            ("Nanosleep", Native::SyscallNanosleep),
            ("NsecToTimespec", Native::SyscallNsecToTimespec),
        ],
        unsupported: &[
            "Close", "EFAULT", "EINTR", "EINVAL", "Errno", "Exit", "Getpid", "Getppid", "Kill",
            "Open", "Read", "Signal", "Syscall", "Write",
        ],
    },
    Package {
        path: "os",
        name: "os",
        members: &[("Exit", Native::OsExit)],
        unsupported: &[
            "Args",
            "Getenv",
            "Stdout",
            "Stderr",
            "Stdin",
            "ReadFile",
            "WriteFile",
        ],
    },
];

/// Looks up an import path.
pub fn std_package(path: &str) -> Option<&'static Package> {
    PACKAGES.iter().find(|p| p.path == path)
}
