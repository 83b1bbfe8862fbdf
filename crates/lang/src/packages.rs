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
    OsExit,
}

impl Native {
    /// Qualified Go name, e.g. `fmt.Println`.
    pub fn name(self) -> &'static str {
        match self {
            Native::FmtPrint => "fmt.Print",
            Native::FmtPrintln => "fmt.Println",
            Native::FmtPrintf => "fmt.Printf",
            Native::FmtSprint => "fmt.Sprint",
            Native::FmtSprintln => "fmt.Sprintln",
            Native::FmtSprintf => "fmt.Sprintf",
            Native::OsExit => "os.Exit",
        }
    }

    /// The Go signature.
    pub fn signature(self) -> Signature {
        let any = |n: &str| (Some(n.to_string()), Type::Interface);
        let string = |n: &str| (Some(n.to_string()), Type::STRING);
        let print_results = vec![
            (Some("n".to_string()), Type::INT),
            (Some("err".to_string()), Type::Error),
        ];
        match self {
            Native::FmtPrint | Native::FmtPrintln => Signature {
                params: vec![any("a")],
                results: print_results,
                variadic: true,
            },
            Native::FmtPrintf => Signature {
                params: vec![string("format"), any("a")],
                results: print_results,
                variadic: true,
            },
            Native::FmtSprint | Native::FmtSprintln => Signature {
                params: vec![any("a")],
                results: vec![(None, Type::STRING)],
                variadic: true,
            },
            Native::FmtSprintf => Signature {
                params: vec![string("format"), any("a")],
                results: vec![(None, Type::STRING)],
                variadic: true,
            },
            Native::OsExit => Signature {
                params: vec![(Some("code".into()), Type::Basic(BasicKind::Int))],
                results: vec![],
                variadic: false,
            },
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
}

impl Package {
    pub fn member(&self, name: &str) -> Option<Native> {
        self.members
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, m)| *m)
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
        ],
    },
    Package {
        path: "os",
        name: "os",
        members: &[("Exit", Native::OsExit)],
    },
];

/// Looks up an import path.
pub fn std_package(path: &str) -> Option<&'static Package> {
    PACKAGES.iter().find(|p| p.path == path)
}
