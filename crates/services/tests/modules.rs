//! Minimal Version Selection checked against the real go command.
//!
//! `tests/modules/<case>.txt` is what go1.27.3 printed for each `fixture::CASES` entry: every
//! command's stderr and exit status, then the final go.mod, `go list -m all` and
//! `go mod graph`. `model_matches_real_go` (always runs) replays the cases through goscope's
//! console and requires the same transcript. `real_go_still_agrees` rebuilds the fixture as a
//! `file://` GOPROXY tree (`<escaped path>/@v/list`, `.info`, `.mod`, `.zip` with the
//! `path@version/` layout, one package per module importing the packages of its requirements),
//! runs the real go command, and requires the checked-in files; it prints a notice and passes
//! when `go` is not on PATH (CI machines have no Go). `UPDATE_GO=1` rewrites the files.

use services::modules::{Project, fixture};
use std::path::{Path, PathBuf};
use std::process::Command;

fn data_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/modules")
}

const HEADER: &str = "# go1.27.3, GOPROXY=file:// tree of crates/services/src/modules/fixture.txt, GOFLAGS=-mod=mod\n";

/// The transcript layout shared by both sides.
struct Transcript(String);

impl Transcript {
    fn new() -> Self {
        Transcript(HEADER.to_string())
    }
    fn command(&mut self, line: &str, stderr: &str, exit: i32) {
        self.0.push_str(&format!("$ {line}\n{stderr}"));
        if exit != 0 {
            self.0.push_str(&format!("[exit {exit}]\n"));
        }
    }
    fn section(&mut self, name: &str, body: &str) {
        self.0.push_str(&format!("-- {name} --\n{body}"));
    }
}

fn model_transcript(case: &fixture::Case) -> String {
    let mut project = Project::new(fixture::registry(), case.main);
    let mut t = Transcript::new();
    for line in case.commands {
        let out = project.run(line);
        t.command(line, &format!("{}{}", out.stdout, out.stderr), out.exit);
    }
    t.section("go.mod", &project.main);
    for cmd in ["go list -m all", "go mod graph"] {
        let out = project.run(cmd);
        let mut body = out.stdout + &out.stderr;
        if out.exit != 0 {
            body.push_str(&format!("[exit {}]\n", out.exit));
        }
        t.section(&cmd[3..], &body);
    }
    t.0
}

#[test]
fn model_matches_real_go() {
    let mut failures = Vec::new();
    for case in fixture::CASES {
        let path = data_dir().join(format!("{}.txt", case.name));
        let want =
            std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let got = model_transcript(case);
        if got != want {
            failures.push(format!(
                "case {}:\n--- real go\n{want}\n+++ goscope\n{got}",
                case.name
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases differ:\n{}",
        failures.len(),
        fixture::CASES.len(),
        failures.join("\n")
    );
    assert!(fixture::CASES.len() >= 10);
}

// ---- the real go command ----

/// Case-encodes a module path for the proxy (`module.EscapePath`: `A` → `!a`).
fn escape(path: &str) -> String {
    path.chars()
        .map(|c| {
            if c.is_ascii_uppercase() {
                format!("!{}", c.to_ascii_lowercase())
            } else {
                c.to_string()
            }
        })
        .collect()
}

fn crc32(data: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &b in data {
        crc ^= b as u32;
        for _ in 0..8 {
            crc = if crc & 1 != 0 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

/// A zip archive of stored (uncompressed) files: all a module zip needs.
fn zip(files: &[(String, String)]) -> Vec<u8> {
    let (mut out, mut central) = (Vec::new(), Vec::new());
    for (name, body) in files {
        let (n, b) = (name.as_bytes(), body.as_bytes());
        let crc = crc32(b);
        let offset = out.len() as u32;
        let le16 = |v: u16| v.to_le_bytes();
        let le32 = |v: u32| v.to_le_bytes();
        let common = |buf: &mut Vec<u8>| {
            buf.extend(le16(20)); // version needed
            buf.extend(le16(0)); // flags
            buf.extend(le16(0)); // stored
            buf.extend(le16(0)); // time
            buf.extend(le16(0x21)); // date 1980-01-01
            buf.extend(le32(crc));
            buf.extend(le32(b.len() as u32));
            buf.extend(le32(b.len() as u32));
            buf.extend(le16(n.len() as u16));
            buf.extend(le16(0)); // extra
        };
        out.extend(le32(0x0403_4b50));
        common(&mut out);
        out.extend(n);
        out.extend(b);
        central.extend(le32(0x0201_4b50));
        central.extend(le16(20)); // made by
        common(&mut central);
        central.extend(le16(0)); // comment
        central.extend(le16(0)); // disk
        central.extend(le16(0)); // internal attrs
        central.extend(le32(0)); // external attrs
        central.extend(le32(offset));
        central.extend(n);
    }
    let cd_offset = out.len() as u32;
    let count = files.len() as u16;
    out.extend(&central);
    out.extend(0x0605_4b50u32.to_le_bytes());
    out.extend([0u8; 4]);
    out.extend(count.to_le_bytes());
    out.extend(count.to_le_bytes());
    out.extend((central.len() as u32).to_le_bytes());
    out.extend(cd_offset.to_le_bytes());
    out.extend(0u16.to_le_bytes());
    out
}

/// A package name for a module path (`go-toml/v2` → `gotoml`).
fn package_name(path: &str) -> String {
    let mut elems = path.rsplit('/');
    let mut last = elems.next().unwrap_or("m");
    if services::modules::semver::path_major(path).is_some() {
        last = elems.next().unwrap_or("m");
    }
    last.chars().filter(|c| c.is_ascii_alphanumeric()).collect()
}

/// Go source importing the packages of these module paths.
fn source(package: &str, imports: &[String], main: bool) -> String {
    let mut s = format!("package {package}\n\n");
    for i in imports {
        s.push_str(&format!("import _ \"{i}\"\n"));
    }
    if main {
        s.push_str("\nfunc main() {}\n");
    }
    s
}

fn write_proxy(root: &Path) {
    let reg = fixture::registry();
    for (path, entries) in &reg.modules {
        if path.starts_with('.') {
            continue; // a directory for `replace m => ./dir`: written beside each case
        }
        let dir = root.join(escape(path)).join("@v");
        std::fs::create_dir_all(&dir).unwrap();
        let mut list = String::new();
        for e in entries {
            let v = &e.version;
            list.push_str(&format!("{v}\n"));
            std::fs::write(
                dir.join(format!("{v}.info")),
                format!("{{\"Version\":\"{v}\",\"Time\":\"2023-01-01T00:00:00Z\"}}\n"),
            )
            .unwrap();
            std::fs::write(dir.join(format!("{v}.mod")), &e.text).unwrap();
            let gm = e.parsed.as_ref().expect("fixture go.mod parses");
            let imports: Vec<String> = gm.require.iter().map(|r| r.module.path.clone()).collect();
            let prefix = format!("{path}@{v}/");
            let files = vec![
                (format!("{prefix}go.mod"), e.text.clone()),
                (
                    format!("{prefix}{}.go", package_name(path)),
                    source(&package_name(path), &imports, false),
                ),
            ];
            std::fs::write(dir.join(format!("{v}.zip")), zip(&files)).unwrap();
        }
        std::fs::write(dir.join("list"), list).unwrap();
    }
}

fn go_available() -> bool {
    Command::new("go")
        .arg("version")
        .output()
        .is_ok_and(|o| o.status.success())
}

fn real_transcript(work: &Path, case: &fixture::Case) -> String {
    let dir = work.join("cases").join(case.name);
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("go.mod"), case.main).unwrap();
    let direct: Vec<String> = services::modules::gomod::parse(case.main)
        .unwrap()
        .require
        .iter()
        .filter(|r| !r.indirect)
        .map(|r| r.module.path.clone())
        .collect();
    std::fs::write(dir.join("main.go"), source("main", &direct, true)).unwrap();
    for (path, entries) in fixture::registry()
        .modules
        .iter()
        .filter(|(p, _)| p.starts_with('.'))
    {
        let local = dir.join(path);
        std::fs::create_dir_all(&local).unwrap();
        let text = &entries[0].text;
        let gm = services::modules::gomod::parse(text).expect("fixture go.mod parses");
        let imports: Vec<String> = gm.require.iter().map(|r| r.module.path.clone()).collect();
        std::fs::write(local.join("go.mod"), text).unwrap();
        let name = package_name(&gm.module);
        std::fs::write(
            local.join(format!("{name}.go")),
            source(&name, &imports, false),
        )
        .unwrap();
    }
    let run = |line: &str| -> (String, i32) {
        let words: Vec<&str> = line.split_whitespace().collect();
        let out = Command::new(words[0])
            .args(&words[1..])
            .current_dir(&dir)
            .env(
                "GOPROXY",
                format!("file://{}", work.join("proxy").display()),
            )
            .env("GOSUMDB", "off")
            .env("GONOSUMDB", "*")
            .env("GOFLAGS", "-mod=mod")
            .env("GOTOOLCHAIN", "local")
            .env("GOWORK", "off")
            .env("GO111MODULE", "on")
            .env("GOPATH", work.join("gopath"))
            .env("GOMODCACHE", work.join("gopath/pkg/mod"))
            .env("GOCACHE", work.join("gocache"))
            .output()
            .expect("run go");
        let mut text = String::from_utf8_lossy(&out.stdout).into_owned();
        for l in String::from_utf8_lossy(&out.stderr).lines() {
            if !l.starts_with("go: downloading ") {
                text.push_str(&l.replace(&work.display().to_string(), "$WORK"));
                text.push('\n');
            }
        }
        (text, out.status.code().unwrap_or(-1))
    };
    let mut t = Transcript::new();
    for line in case.commands {
        let (text, exit) = run(line);
        t.command(line, &text, exit);
    }
    t.section(
        "go.mod",
        &std::fs::read_to_string(dir.join("go.mod")).unwrap(),
    );
    for cmd in ["go list -m all", "go mod graph"] {
        let (mut text, exit) = run(cmd);
        if exit != 0 {
            text.push_str(&format!("[exit {exit}]\n"));
        }
        t.section(&cmd[3..], &text);
    }
    t.0
}

#[test]
fn real_go_still_agrees() {
    if !go_available() {
        eprintln!(
            "notice: `go` is not on PATH; the recorded tests/modules/*.txt were not re-checked against the real go command"
        );
        return;
    }
    let work = std::env::temp_dir().join(format!("goscope-mvs-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&work);
    write_proxy(&work.join("proxy"));
    let update = std::env::var_os("UPDATE_GO").is_some();
    let mut failures = Vec::new();
    for case in fixture::CASES {
        let got = real_transcript(&work, case);
        let path = data_dir().join(format!("{}.txt", case.name));
        if update {
            std::fs::create_dir_all(data_dir()).unwrap();
            std::fs::write(&path, &got).unwrap();
        } else if std::fs::read_to_string(&path).ok().as_deref() != Some(got.as_str()) {
            failures.push(format!("case {}: real go now prints\n{got}", case.name));
        }
    }
    // The module cache is read-only: let go remove it.
    let _ = Command::new("go")
        .args(["clean", "-modcache"])
        .env("GOMODCACHE", work.join("gopath/pkg/mod"))
        .env("GOPATH", work.join("gopath"))
        .output();
    let _ = std::fs::remove_dir_all(&work);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The build-list walk of the seed's go.mod, step by step, and with an exclusion and a
/// replacement in force.
#[test]
fn step_log_names_every_move() {
    use expect_test::expect;
    let log = |main: &str| -> String {
        let project = Project::new(fixture::registry(), main);
        let (_, bl) = project.build_list().unwrap();
        bl.steps.iter().map(|s| format!("{s}\n")).collect()
    };
    expect![[r#"
        visit example.com/myapp
        example.com/myapp requires github.com/spf13/cobra@v1.7.0: max github.com/spf13/cobra none -> v1.7.0
        example.com/myapp requires golang.org/x/net@v0.14.0: max golang.org/x/net none -> v0.14.0
        visit github.com/spf13/cobra@v1.7.0
        github.com/spf13/cobra@v1.7.0 requires github.com/fsnotify/fsnotify@v1.6.0: max github.com/fsnotify/fsnotify none -> v1.6.0
        github.com/spf13/cobra@v1.7.0 requires github.com/spf13/pflag@v1.0.5: max github.com/spf13/pflag none -> v1.0.5
        visit golang.org/x/net@v0.14.0
        golang.org/x/net@v0.14.0 requires golang.org/x/sys@v0.11.0: max golang.org/x/sys none -> v0.11.0
        golang.org/x/net@v0.14.0 requires golang.org/x/text@v0.12.0: max golang.org/x/text none -> v0.12.0
        visit github.com/fsnotify/fsnotify@v1.6.0
        github.com/fsnotify/fsnotify@v1.6.0 requires golang.org/x/sys@v0.11.0: keep max golang.org/x/sys v0.11.0
        visit github.com/spf13/pflag@v1.0.5
        visit golang.org/x/sys@v0.11.0
        visit golang.org/x/text@v0.12.0
        done
    "#]]
    .assert_eq(&log(fixture::MAIN));
    let edited = format!(
        "{}\nexclude golang.org/x/sys v0.11.0\n\nreplace github.com/fsnotify/fsnotify v1.6.0 => github.com/fork/fsnotify v1.6.2\n",
        fixture::MAIN
    );
    expect![[r#"
        visit example.com/myapp
        example.com/myapp requires github.com/spf13/cobra@v1.7.0: max github.com/spf13/cobra none -> v1.7.0
        example.com/myapp requires golang.org/x/net@v0.14.0: max golang.org/x/net none -> v0.14.0
        visit github.com/spf13/cobra@v1.7.0
        github.com/spf13/cobra@v1.7.0 requires github.com/fsnotify/fsnotify@v1.6.0: max github.com/fsnotify/fsnotify none -> v1.6.0
        github.com/spf13/cobra@v1.7.0 requires github.com/spf13/pflag@v1.0.5: max github.com/spf13/pflag none -> v1.0.5
        visit golang.org/x/net@v0.14.0
        golang.org/x/net@v0.14.0 requires golang.org/x/sys@v0.11.0: excluded, ignored
        golang.org/x/net@v0.14.0 requires golang.org/x/text@v0.12.0: max golang.org/x/text none -> v0.12.0
        visit github.com/fsnotify/fsnotify@v1.6.0
        replace github.com/fsnotify/fsnotify@v1.6.0 => github.com/fork/fsnotify v1.6.2
        github.com/fsnotify/fsnotify@v1.6.0 requires golang.org/x/sys@v0.12.0: max golang.org/x/sys none -> v0.12.0
        visit github.com/spf13/pflag@v1.0.5
        visit golang.org/x/text@v0.12.0
        visit golang.org/x/sys@v0.12.0
        done
    "#]]
    .assert_eq(&log(&edited));
}

/// A broken go.mod in the registry is reported with its position when the walk reaches it.
#[test]
fn broken_dependency_go_mod_is_an_error() {
    let mut reg = fixture::registry();
    reg.insert(
        "golang.org/x/text",
        "v0.12.0",
        "module golang.org/x/text\n\ngo 1.16\nrequire golang.org/x/sys 0.1\n",
    );
    let mut project = Project::new(reg, fixture::MAIN);
    let out = project.run("go list -m all");
    assert_eq!(out.exit, 1);
    assert_eq!(
        out.stderr,
        "go: golang.org/x/text@v0.12.0: parsing go.mod:4:26: require golang.org/x/sys: version \"0.1\" invalid: must be of the form v1.2.3\n"
    );
}

/// Mistakes at the console are the go command's errors and leave go.mod as it was.
#[test]
fn console_errors_leave_go_mod_alone() {
    let mut project = Project::new(fixture::registry(), fixture::MAIN);
    for (line, want) in [
        (
            "go get golang.org/x/net@v9.9.9",
            "go: golang.org/x/net@v9.9.9: invalid version: unknown revision v9.9.9\n",
        ),
        (
            "go get example.com/nowhere",
            "go: module example.com/nowhere: no matching versions for query \"upgrade\"\n",
        ),
        (
            "go get -x golang.org/x/net",
            "flag provided but not defined: -x\n",
        ),
        (
            "go mod edit -exclude=golang.org/x/net@1.0",
            "go: -exclude=golang.org/x/net@1.0: version \"1.0\" invalid: must be of the form v1.2.3\n",
        ),
        (
            "go build",
            "goscope: this console knows go list -m all, go mod graph, go get, go mod edit, cat go.mod (not \"go build\")\n",
        ),
    ] {
        let out = project.run(line);
        assert_eq!((out.exit, out.stderr.as_str()), (1, want), "{line}");
        assert_eq!(project.main, fixture::MAIN, "{line}");
    }
    // `go get` alone changes nothing; `cat go.mod` prints it.
    assert_eq!(project.run("go get"), services::modules::Output::default());
    assert_eq!(project.run("cat go.mod").stdout, fixture::MAIN);
    // -require/-droprequire/-dropexclude/-dropreplace round-trip.
    for line in [
        "go mod edit -require=github.com/pelletier/go-toml@v1.9.5",
        "go mod edit -exclude=golang.org/x/sys@v0.5.0",
        "go mod edit -replace=golang.org/x/text=golang.org/x/text@v0.13.0",
    ] {
        assert_eq!(project.run(line).exit, 0, "{line}");
    }
    assert!(
        project
            .main
            .contains("github.com/pelletier/go-toml v1.9.5\n")
    );
    assert!(
        project
            .run("go list -m all")
            .stdout
            .contains("golang.org/x/text v0.12.0 => golang.org/x/text v0.13.0\n")
    );
    for line in [
        "go mod edit -droprequire=github.com/pelletier/go-toml",
        "go mod edit -dropexclude=golang.org/x/sys@v0.5.0",
        "go mod edit -dropreplace=golang.org/x/text",
    ] {
        assert_eq!(project.run(line).exit, 0, "{line}");
    }
    assert_eq!(project.main, fixture::MAIN);
}

mod no_panics {
    use proptest::prelude::*;
    use services::modules::{Project, Registry, fixture, gomod};

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]

        /// Any text is a go.mod or a list of errors; any registry text parses or fails; any
        /// console line on an edited project prints something — never a panic.
        #[test]
        fn any_input_is_an_answer(text in "(module|require|exclude|replace|retract|go|\\(|\\)|=>|\\[|\\]|,|//|\"|é|v1|v2\\.0\\.0|v1\\.2\\.3|example\\.com/a|/v2| |\t|\n){0,40}",
                                  line in "(go |get |list |-m |all |mod |graph |edit |-u |-u=patch |-exclude=|-replace=|@|none|latest|v1\\.7|golang\\.org/x/net|=|é){0,8}") {
            let _ = gomod::parse(&text);
            let _ = Registry::parse(&format!("-- example.com/a@v1.0.0 --\n{text}"));
            let mut project = Project::new(fixture::registry(), &format!("{}{text}", fixture::MAIN));
            let _ = project.run(&line);
            let _ = project.run("go list -m all");
            let mut registry = fixture::registry();
            registry.insert("golang.org/x/net", "v0.14.0", &text);
            let mut project = Project::new(registry, fixture::MAIN);
            let _ = project.run(&line);
            let _ = project.run("go mod graph");
        }
    }
}
