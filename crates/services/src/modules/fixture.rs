//! The fixture graph — the seed's chapter 2.5 example (myapp → cobra v1.7.0 → fsnotify, and
//! golang.org/x/net // indirect) grown to eight modules with several versions each, a `/v2`
//! module beside its v1, a fork for `replace` and a self-retracted version — and the cases
//! checked against the real go command (`crates/services/tests/modules/*.txt`).
//!
//! Every module's go.mod says `go 1.16`, and so does the main module's: Go 1.17's graph pruning
//! (lazy loading) never applies, and the full requirement graph is what MVS walks. The module
//! paths are the real projects' names but the versions' requirements are invented for the lab.

use super::graph::Registry;

/// The proxy's go.mod files, `-- path@version --` sections.
pub const REGISTRY: &str = include_str!("fixture.txt");

/// The seed's go.mod fragment as the main module.
pub const MAIN: &str = "module example.com/myapp

go 1.16

require (
\tgithub.com/spf13/cobra v1.7.0
\tgolang.org/x/net v0.14.0 // indirect
)
";

/// The fixture registry.
pub fn registry() -> Registry {
    Registry::parse(REGISTRY).unwrap_or_default()
}

/// One comparison case: a name, the main module's go.mod, console commands run in order.
#[derive(Debug, Clone, Copy)]
pub struct Case {
    pub name: &'static str,
    pub main: &'static str,
    pub commands: &'static [&'static str],
}

/// The cases recorded with the real go command.
pub const CASES: &[Case] = &[
    Case {
        name: "seed",
        main: MAIN,
        commands: &[],
    },
    Case {
        name: "get_patch",
        main: MAIN,
        commands: &["go get -u=patch github.com/spf13/cobra"],
    },
    Case {
        name: "get_u",
        main: MAIN,
        commands: &["go get -u github.com/spf13/cobra"],
    },
    Case {
        name: "get_u_minor_flag",
        main: MAIN,
        commands: &["go get -u=minor github.com/spf13/cobra"],
    },
    Case {
        name: "get_one",
        main: MAIN,
        commands: &["go get golang.org/x/net@v0.15.0"],
    },
    Case {
        name: "get_latest",
        main: MAIN,
        commands: &["go get github.com/spf13/pflag@latest"],
    },
    Case {
        name: "downgrade_sys",
        main: MAIN,
        commands: &["go get golang.org/x/sys@v0.5.0"],
    },
    Case {
        name: "downgrade_cobra",
        main: MAIN,
        commands: &["go get github.com/spf13/cobra@v1.6.0"],
    },
    Case {
        name: "remove_fsnotify",
        main: MAIN,
        commands: &["go get github.com/fsnotify/fsnotify@none"],
    },
    Case {
        name: "exclude_sys",
        main: MAIN,
        commands: &[
            "go mod edit -exclude=golang.org/x/sys@v0.11.0",
            "go list -m all",
        ],
    },
    Case {
        name: "exclude_then_upgrade",
        main: MAIN,
        commands: &[
            "go mod edit -exclude=github.com/spf13/cobra@v1.8.0",
            "go get -u github.com/spf13/cobra",
        ],
    },
    Case {
        name: "replace_fork",
        main: MAIN,
        commands: &[
            "go mod edit -replace=github.com/fsnotify/fsnotify@v1.6.0=github.com/fork/fsnotify@v1.6.2",
        ],
    },
    Case {
        name: "major_v2",
        main: MAIN,
        commands: &[
            "go get github.com/pelletier/go-toml@v1.9.5",
            "go get github.com/pelletier/go-toml/v2@v2.0.8",
        ],
    },
    Case {
        name: "upgrade_v2",
        main: MAIN,
        commands: &[
            "go get github.com/pelletier/go-toml/v2@v2.0.8",
            "go get github.com/pelletier/go-toml/v2",
        ],
    },
    Case {
        name: "patch_net",
        main: MAIN,
        commands: &["go get -u=patch golang.org/x/net"],
    },
    Case {
        name: "retracted",
        main: MAIN,
        commands: &["go get github.com/spf13/pflag@v1.0.7"],
    },
    Case {
        name: "replace_local",
        main: MAIN,
        commands: &["go mod edit -replace=github.com/fsnotify/fsnotify=./fsnotify-local"],
    },
    Case {
        name: "prefix_query",
        main: MAIN,
        commands: &["go get github.com/spf13/cobra@v1.7"],
    },
    Case {
        name: "remove_cobra",
        main: MAIN,
        commands: &["go get github.com/spf13/cobra@none"],
    },
    Case {
        name: "patch_two",
        main: MAIN,
        commands: &["go get -u=patch github.com/fsnotify/fsnotify golang.org/x/net"],
    },
    Case {
        name: "downgrade_two",
        main: MAIN,
        commands: &[
            "go get -u github.com/spf13/cobra",
            "go get golang.org/x/sys@v0.12.0 golang.org/x/text@v0.12.0",
        ],
    },
    Case {
        name: "conflict",
        main: MAIN,
        commands: &["go get github.com/spf13/cobra@v1.8.0 golang.org/x/net@v0.15.0"],
    },
];
