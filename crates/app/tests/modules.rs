//! Browser tests of the Go modules lab (`#/labs/modules`, issue 12), mounted as its lazily
//! loaded module mounts it: edit a dependency's go.mod, step the MVS walk to the end and find
//! the native model's build list; `go get m@v` in the console rewrites go.mod; a mistake in a
//! go.mod is reported at its line:col.
//! Run: `CHROMEDRIVER=/usr/bin/chromedriver cargo test -p app --target wasm32-unknown-unknown --test modules`.

mod common;

use common::Mounted;
use services::modules::{Project, fixture};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

async fn lab() -> Mounted {
    let m = Mounted::lab::<app::labs::modules::ModulesLab>().await;
    m.wait_until("the lab", |m| m.find("mod-console-input").is_some())
        .await;
    m
}

fn editor(m: &Mounted) -> String {
    let t: web_sys::HtmlTextAreaElement = m.get("mod-editor").dyn_into().unwrap();
    t.value()
}

fn run(m: &Mounted, line: &str) {
    m.input("mod-console-input", line);
    m.click("mod-run");
}

#[wasm_bindgen_test]
async fn an_edited_requirement_changes_the_build_list_the_walk_ends_on() {
    let m = lab().await;
    // cobra v1.7.0 now asks for a newer x/sys than anything else in the graph.
    m.click("mod-file-github.com/spf13/cobra@v1.7.0");
    m.wait_until("cobra's go.mod in the editor", |m| {
        editor(m).contains("module github.com/spf13/cobra")
    })
    .await;
    let edited = editor(&m).replace(
        "github.com/spf13/pflag v1.0.5",
        "github.com/spf13/pflag v1.0.5\n\tgolang.org/x/sys v0.13.0",
    );
    assert_ne!(edited, editor(&m));
    m.input("mod-editor", &edited);

    // The native model, given the same edit.
    let mut registry = fixture::registry();
    registry.insert("github.com/spf13/cobra", "v1.7.0", &edited);
    let want = Project::new(registry, fixture::MAIN)
        .run("go list -m all")
        .stdout;
    assert!(want.contains("golang.org/x/sys v0.13.0"), "{want}");

    // The walk restarts at step 0; stepping forward shows maxima so far, the end the list.
    m.wait_until("the walk back at step 0", |m| {
        m.text_of("step-pos").starts_with("Step 0 /")
    })
    .await;
    m.click("step-forward");
    m.click("step-forward");
    m.wait_until("a partial list", |m| {
        m.get("mod-build-list")
            .get_attribute("data-done")
            .as_deref()
            == Some("false")
            && m.text_of("mod-build-list")
                .contains("github.com/spf13/cobra v1.7.0")
    })
    .await;
    assert!(m.count("[data-testid=mod-graph] .mod-node-current") == 1);
    m.click("step-last");
    m.wait_until("the whole build list", |m| {
        m.get("mod-build-list")
            .get_attribute("data-done")
            .as_deref()
            == Some("true")
    })
    .await;
    assert_eq!(m.text_of("mod-build-list"), want);
    assert!(m.text_of("mod-why").contains("build list"));
    // The selected versions are highlighted in the graph; v0.11.0 of x/sys is not among them.
    // (SVG elements: counted, since `query` returns HTML elements only.)
    assert_eq!(
        m.count("[data-module='golang.org/x/sys@v0.13.0'].mod-node-max"),
        1
    );
    assert_eq!(
        m.count("[data-module='golang.org/x/sys@v0.11.0'].mod-node-visited"),
        1
    );
}

#[wasm_bindgen_test]
async fn go_get_in_the_console_rewrites_go_mod() {
    let m = lab().await;
    run(&m, "go get golang.org/x/net@v0.15.0");
    m.wait_until("go get's report", |m| {
        m.text_of("mod-console")
            .contains("go: upgraded golang.org/x/net v0.14.0 => v0.15.0")
    })
    .await;
    m.wait_until("the diff", |m| {
        m.text_of("mod-diff")
            .contains("+ \tgolang.org/x/net v0.15.0 // indirect")
    })
    .await;
    assert!(
        m.text_of("mod-diff")
            .contains("- \tgolang.org/x/net v0.14.0 // indirect")
    );
    m.click("mod-file-main");
    m.wait_until("the new go.mod in the editor", |m| {
        editor(m).contains("golang.org/x/net v0.15.0 // indirect")
    })
    .await;
    // The console prints what the go command prints.
    run(&m, "go list -m all");
    m.wait_until("the list", |m| {
        m.text_of("mod-console")
            .contains("golang.org/x/text v0.13.0")
    })
    .await;
    run(&m, "go get -u=minor github.com/spf13/cobra");
    m.wait_until("the go command's refusal", |m| {
        m.text_of("mod-console")
            .contains("go: unknown upgrade flag -u=minor")
    })
    .await;
}

#[wasm_bindgen_test]
async fn a_go_mod_mistake_shows_line_and_column() {
    let m = lab().await;
    m.click("mod-file-main");
    let broken = editor(&m).replace("require (", "requre (");
    m.input("mod-editor", &broken);
    m.wait_until("the error", |m| m.find("mod-errors").is_some())
        .await;
    assert_eq!(
        m.text_of("mod-errors"),
        "go.mod:5:1: unknown block type: requre"
    );
    // The walk cannot run on a broken main go.mod and says why.
    assert!(
        m.text_of("mod-walk-error")
            .contains("go: errors parsing go.mod:")
    );
    let bad_version = editor(&m)
        .replace("requre (", "require (")
        .replace("cobra v1.7.0", "cobra 1.7");
    m.input("mod-editor", &bad_version);
    m.wait_until("the version error", |m| {
        m.text_of("mod-errors").contains("go.mod:6:25:")
    })
    .await;
    assert!(
        m.text_of("mod-errors")
            .contains("version \"1.7\" invalid: must be of the form v1.2.3")
    );
}
