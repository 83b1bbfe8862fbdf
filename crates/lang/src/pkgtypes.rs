//! Named types of standard packages with native methods: `sync.WaitGroup`, `sync.Mutex`,
//! `sync.RWMutex`, `sync.Once` (`sync/waitgroup.go`, `sync/mutex.go`, `sync/rwmutex.go`,
//! `sync/once.go`), `time.Timer` and `time.Ticker` (`time/sleep.go`, `time/tick.go`),
//! `time.Duration` and `time.Time` (`time/time.go`), `syscall.Timespec`, `runtime.MemStats`.
//!
//! Each row declares a type and its pointer-receiver methods; the methods are [`Native`]s
//! whose first argument is the receiver pointer. The type is a struct with one hidden field
//! (its name is not a Go identifier, so programs cannot name it) holding a handle into the
//! runtime's table of synchronisation objects: the zero value (handle 0) is a ready-to-use
//! object, created on first use, so `var wg sync.WaitGroup` and struct fields of these types
//! work as in Go. Type identity is the row's fixed `Named` id, so every mention of
//! `sync.Mutex` denotes the same type.
//!
//! Two kinds are not handles: `time.Duration` is a named `int64`, and `syscall.Timespec` a
//! plain struct of visible `int64` fields. Their methods (and `time.Time`'s) take the receiver
//! by value ([`takes_value`]), as they only read it.

use crate::packages::Native;
use crate::types::{BasicKind, FieldType, Named, Type};
use std::cell::RefCell;
use std::rc::Rc;

/// The hidden handle field of every package type.
pub const HANDLE_FIELD: &str = "·handle";

/// Named-type ids of package types start here, far above the checker's own.
const ID_BASE: u32 = 0xF000_0000;

/// One package type: `pkg.name` with its (pointer-receiver) methods.
pub struct PkgType {
    pub pkg: &'static str,
    pub name: &'static str,
    pub methods: &'static [(&'static str, Native)],
    /// `int64` (`time.Duration`) instead of the handle struct.
    pub int64: bool,
    /// A second field `C <-chan time.Time` after the handle (`time.Timer`, `time.Ticker`).
    pub chan_c: bool,
    /// Methods take the receiver by value, not its address (`time.Duration.Seconds`,
    /// `time.Time.Sub`, `syscall.Timespec.Nano`): they only read it.
    pub value_recv: bool,
    /// A plain struct of these visible `int64` fields instead of the handle struct
    /// (`syscall.Timespec{Sec, Nsec}`): programs build and read it like their own structs.
    pub fields: &'static [&'static str],
}

/// Typed constants of packages: `time.Second` is `Duration(1e9)`.
const CONSTANTS: &[(&str, &str, &str, i64)] = &[
    ("time", "Nanosecond", "Duration", 1),
    ("time", "Microsecond", "Duration", 1_000),
    ("time", "Millisecond", "Duration", 1_000_000),
    ("time", "Second", "Duration", 1_000_000_000),
    ("time", "Minute", "Duration", 60_000_000_000),
    ("time", "Hour", "Duration", 3_600_000_000_000),
];

/// Constant `pkg.name`: its type and value.
pub fn constant(pkg: &str, name: &str) -> Option<(Type, i64)> {
    let &(p, _, t, v) = CONSTANTS.iter().find(|c| c.0 == pkg && c.1 == name)?;
    Some((lookup(p, t)?, v))
}

const TYPES: &[PkgType] = &[
    PkgType {
        pkg: "sync",
        name: "WaitGroup",
        methods: &[
            ("Add", Native::SyncWaitGroupAdd),
            ("Done", Native::SyncWaitGroupDone),
            ("Go", Native::SyncWaitGroupGo),
            ("Wait", Native::SyncWaitGroupWait),
        ],
        int64: false,
        chan_c: false,
        value_recv: false,
        fields: &[],
    },
    PkgType {
        pkg: "sync",
        name: "Mutex",
        methods: &[
            ("Lock", Native::SyncMutexLock),
            ("TryLock", Native::SyncMutexTryLock),
            ("Unlock", Native::SyncMutexUnlock),
        ],
        int64: false,
        chan_c: false,
        value_recv: false,
        fields: &[],
    },
    PkgType {
        pkg: "sync",
        name: "RWMutex",
        methods: &[
            ("Lock", Native::SyncRWMutexLock),
            ("RLock", Native::SyncRWMutexRLock),
            ("RUnlock", Native::SyncRWMutexRUnlock),
            ("Unlock", Native::SyncRWMutexUnlock),
        ],
        int64: false,
        chan_c: false,
        value_recv: false,
        fields: &[],
    },
    PkgType {
        pkg: "sync",
        name: "Once",
        methods: &[("Do", Native::SyncOnceDo)],
        int64: false,
        chan_c: false,
        value_recv: false,
        fields: &[],
    },
    PkgType {
        pkg: "sync/atomic",
        name: "Int64",
        methods: &[
            ("Add", Native::AtomicInt64Add),
            ("CompareAndSwap", Native::AtomicInt64CompareAndSwap),
            ("Load", Native::AtomicInt64Load),
            ("Store", Native::AtomicInt64Store),
            ("Swap", Native::AtomicInt64Swap),
        ],
        int64: false,
        chan_c: false,
        value_recv: false,
        fields: &[],
    },
    PkgType {
        pkg: "sync/atomic",
        name: "Int32",
        methods: &[
            ("Add", Native::AtomicInt32Add),
            ("Load", Native::AtomicInt32Load),
            ("Store", Native::AtomicInt32Store),
        ],
        int64: false,
        chan_c: false,
        value_recv: false,
        fields: &[],
    },
    PkgType {
        pkg: "sync/atomic",
        name: "Bool",
        methods: &[
            ("CompareAndSwap", Native::AtomicBoolCompareAndSwap),
            ("Load", Native::AtomicBoolLoad),
            ("Store", Native::AtomicBoolStore),
            ("Swap", Native::AtomicBoolSwap),
        ],
        int64: false,
        chan_c: false,
        value_recv: false,
        fields: &[],
    },
    PkgType {
        pkg: "time",
        name: "Duration",
        methods: &[
            ("Abs", Native::DurationAbs),
            ("Hours", Native::DurationHours),
            ("Microseconds", Native::DurationMicroseconds),
            ("Milliseconds", Native::DurationMilliseconds),
            ("Minutes", Native::DurationMinutes),
            ("Nanoseconds", Native::DurationNanoseconds),
            ("Round", Native::DurationRound),
            ("Seconds", Native::DurationSeconds),
            ("String", Native::DurationString),
            ("Truncate", Native::DurationTruncate),
        ],
        int64: true,
        chan_c: false,
        value_recv: true,
        fields: &[],
    },
    // Nanoseconds on the virtual clock since the program started, in the handle field.
    PkgType {
        pkg: "time",
        name: "Time",
        methods: &[
            ("Add", Native::TimeTimeAdd),
            ("After", Native::TimeTimeAfter),
            ("Before", Native::TimeTimeBefore),
            ("Equal", Native::TimeTimeEqual),
            ("IsZero", Native::TimeTimeIsZero),
            ("String", Native::TimeTimeString),
            ("Sub", Native::TimeTimeSub),
            ("Unix", Native::TimeTimeUnix),
            ("UnixMilli", Native::TimeTimeUnixMilli),
            ("UnixNano", Native::TimeTimeUnixNano),
        ],
        int64: false,
        chan_c: false,
        value_recv: true,
        fields: &[],
    },
    PkgType {
        pkg: "time",
        name: "Timer",
        methods: &[
            ("Reset", Native::TimeTimerReset),
            ("Stop", Native::TimeTimerStop),
        ],
        int64: false,
        chan_c: true,
        value_recv: false,
        fields: &[],
    },
    PkgType {
        pkg: "time",
        name: "Ticker",
        methods: &[
            ("Reset", Native::TimeTickerReset),
            ("Stop", Native::TimeTickerStop),
        ],
        int64: false,
        chan_c: true,
        value_recv: false,
        fields: &[],
    },
    // An interface in Go; here a handle into the runtime's context tree, so user-written
    // Context implementations and `ctx == nil` are not supported. Its zero handle is
    // `Background()`.
    PkgType {
        pkg: "context",
        name: "Context",
        methods: &[
            ("Deadline", Native::ContextDeadline),
            ("Done", Native::ContextDone),
            ("Err", Native::ContextErr),
            ("Value", Native::ContextValue),
        ],
        int64: false,
        chan_c: false,
        value_recv: false,
        fields: &[],
    },
    // `func()`: the runtime's value is the `ContextCancel` native bound to a handle.
    PkgType {
        pkg: "context",
        name: "CancelFunc",
        methods: &[],
        int64: false,
        chan_c: false,
        value_recv: false,
        fields: &[],
    },
    // `func(cause error)`: the same native, bound to a handle with the cause bit set.
    PkgType {
        pkg: "context",
        name: "CancelCauseFunc",
        methods: &[],
        int64: false,
        chan_c: false,
        value_recv: false,
        fields: &[],
    },
    // `syscall/syscall_linux.go`'s `Timespec` (amd64: both fields int64).
    PkgType {
        pkg: "syscall",
        name: "Timespec",
        methods: &[("Nano", Native::SyscallTimespecNano)],
        int64: false,
        chan_c: false,
        value_recv: true,
        fields: &["Sec", "Nsec"],
    },
    // `runtime/mstats.go`'s `MemStats`: the fields goscope's collector keeps (Go's are
    // `uint64`/`uint32`; here `int64`, like `Timespec`'s), filled by `runtime.ReadMemStats`.
    PkgType {
        pkg: "runtime",
        name: "MemStats",
        methods: &[],
        int64: false,
        chan_c: false,
        value_recv: false,
        fields: MEMSTATS_FIELDS,
    },
];

/// The fields of `runtime.MemStats`, in order (the runtime fills them in this order).
pub const MEMSTATS_FIELDS: &[&str] = &[
    "Alloc",
    "TotalAlloc",
    "Sys",
    "Mallocs",
    "Frees",
    "HeapAlloc",
    "HeapSys",
    "HeapIdle",
    "HeapInuse",
    "HeapObjects",
    "NextGC",
    "PauseTotalNs",
    "NumGC",
    "NumForcedGC",
];

/// Package variables, each read by calling a native without arguments (their values are
/// made once by the runtime, so `errors.Is` compares identities).
const VARS: &[(&str, &str, Native)] = &[
    ("context", "Canceled", Native::ContextCanceled),
    (
        "context",
        "DeadlineExceeded",
        Native::ContextDeadlineExceeded,
    ),
];

/// Variable `pkg.name`: the native that reads it.
pub fn var(pkg: &str, name: &str) -> Option<Native> {
    VARS.iter().find(|v| v.0 == pkg && v.1 == name).map(|v| v.2)
}

/// The type `pkg.name` of the package with path `pkg`, if it is a package type.
pub fn lookup(pkg: &str, name: &str) -> Option<Type> {
    let i = TYPES.iter().position(|t| t.pkg == pkg && t.name == name)?;
    let t = &TYPES[i];
    let handle = FieldType {
        name: HANDLE_FIELD.into(),
        ty: Type::Basic(BasicKind::Int),
        embedded: false,
    };
    Some(Type::Named(Rc::new(Named {
        id: ID_BASE + i as u32,
        name: format!("{}.{}", t.pkg.rsplit('/').next().unwrap_or(t.pkg), t.name),
        underlying: RefCell::new(if t.pkg == "context" && t.name == "CancelFunc" {
            Type::Func(Rc::new(crate::types::Signature {
                params: vec![],
                results: vec![],
                variadic: false,
            }))
        } else if t.pkg == "context" && t.name == "CancelCauseFunc" {
            Type::Func(Rc::new(crate::types::Signature {
                params: vec![(Some("cause".into()), Type::Error)],
                results: vec![],
                variadic: false,
            }))
        } else if t.int64 {
            Type::Basic(BasicKind::Int64)
        } else if !t.fields.is_empty() {
            let fields: Vec<FieldType> = t
                .fields
                .iter()
                .map(|&name| FieldType {
                    name: name.into(),
                    ty: Type::Basic(BasicKind::Int64),
                    embedded: false,
                })
                .collect();
            Type::Struct(fields.into())
        } else if t.chan_c {
            // `C` is the channel the timer sends on (`time/sleep.go`'s `Timer.C`).
            let time = lookup("time", "Time").unwrap_or(Type::Invalid);
            let c = FieldType {
                name: "C".into(),
                ty: Type::Chan(2, Rc::new(time)),
                embedded: false,
            };
            Type::Struct(vec![handle, c].into())
        } else {
            Type::Struct(vec![handle].into())
        }),
        methods: RefCell::new(Vec::new()),
    })))
}

/// The package type a value of type `t` (or `*t`) has, if any.
fn of(t: &Type) -> Option<&'static PkgType> {
    let named = match t {
        Type::Named(n) => n.clone(),
        Type::Pointer(p) => match &**p {
            Type::Named(n) => n.clone(),
            _ => return None,
        },
        _ => return None,
    };
    let i = named.id.checked_sub(ID_BASE)? as usize;
    TYPES.get(i)
}

/// Method `name` of a value of type `t` (a package type or a pointer to one).
pub fn method(t: &Type, name: &str) -> Option<Native> {
    of(t)?
        .methods
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, m)| *m)
}

/// Whether `t` (or what it points to) is a package type.
pub fn is_pkg_type(t: &Type) -> bool {
    of(t).is_some()
}

/// Whether package type `t` (or what it points to) has the visible field `name` (`Timer.C`).
pub fn has_field(t: &Type, name: &str) -> bool {
    of(t).is_some_and(|p| (p.chan_c && name == "C") || p.fields.contains(&name))
}

/// Whether native method `m` takes its receiver by value (see [`PkgType::value_recv`]).
pub fn takes_value(m: Native) -> bool {
    TYPES
        .iter()
        .any(|t| t.value_recv && t.methods.iter().any(|&(_, n)| n == m))
}
