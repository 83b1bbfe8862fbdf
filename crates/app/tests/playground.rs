//! Browser tests of the Playground: the editor, running programs through the real core,
//! compile errors shown inline and in the output, autosave, Stop, editor keys.
//! Run: `CHROMEDRIVER=/usr/bin/chromedriver cargo test -p app --target wasm32-unknown-unknown`.

mod common;

use app::examples::DEFAULT_PROGRAM;
use common::{Mounted, sleep, stored};
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

const HELLO: &str =
    "package main\n\nimport \"fmt\"\n\nfunc main() {\n\tfmt.Println(\"hello, 世界\")\n}\n";

/// Line 6 lacks its closing parenthesis: a syntax error reported on line 6 or 7.
const BROKEN: &str =
    "package main\n\nimport \"fmt\"\n\nfunc main() {\n\tfmt.Println(\"hello\"\n}\n";

fn output(m: &Mounted) -> String {
    m.text_of("output")
}

#[wasm_bindgen_test]
async fn default_program_is_shown_highlighted_with_line_numbers() {
    let m = Mounted::playground().await;
    assert_eq!(m.editor().value(), DEFAULT_PROGRAM);
    // 7 lines of text plus the empty line after the final newline.
    assert_eq!(m.count(".gutter .ln"), 8);
    assert_eq!(m.count(".code-layer .code-line"), 8);
    // The picture under the textarea shows the same text, with highlight spans.
    let picture = m.query(".code-layer").unwrap().text_content().unwrap();
    assert_eq!(picture, DEFAULT_PROGRAM.replace('\n', ""));
    assert!(
        m.count(".code-layer span[class^=\"tok-\"]") >= 5,
        "no highlight spans"
    );
    assert!(output(&m).contains("Press Run"));
}

#[wasm_bindgen_test]
async fn hello_program_runs_and_prints() {
    let m = Mounted::playground().await;
    m.type_program("package main\n\nfunc main() {}\n");
    m.type_program(HELLO);
    m.click("run");
    m.wait_until("the program's output", |m| {
        output(m).contains("hello, 世界")
    })
    .await;
    m.wait_until("the exit line", |m| {
        m.text_of("exit-line") == "Program exited."
    })
    .await;
    assert_eq!(m.text_of("stdout"), "hello, 世界\n");
    assert_eq!(m.text_of("stderr"), "");
    // "1,234 steps · 56 events": the recording's size in both units.
    let status = m.text_of("run-status");
    let (steps, events) = status
        .split_once(" steps · ")
        .and_then(|(s, e)| Some((s, e.strip_suffix(" events")?)))
        .unwrap_or_else(|| panic!("status: {status}"));
    let count = |t: &str| t.replace(',', "").parse::<u64>().unwrap_or(0);
    assert!(
        count(steps) > count(events) && count(events) > 0,
        "status: {status}"
    );
    assert!(
        m.find("run").is_some(),
        "Run is back after the program finished"
    );
}

#[wasm_bindgen_test]
async fn syntax_error_is_listed_marked_inline_and_jumps_to_the_caret() {
    let m = Mounted::playground().await;
    m.type_program(BROKEN);
    m.click("run");
    m.wait_until("a diagnostic", |m| m.find("diagnostic").is_some())
        .await;
    let diag = m.text_of("diagnostic");
    assert!(
        diag.starts_with("prog.go:6:") || diag.starts_with("prog.go:7:"),
        "diagnostic: {diag}"
    );
    assert_eq!(m.text_of("exit-line"), "Go build failed.");

    // Marked inline: the gutter number, the tinted line and the message after it.
    let line: u32 = diag.split(':').nth(1).unwrap().parse().unwrap();
    let marked = m.query(".ln-error").expect("a marked line number");
    assert_eq!(marked.get_attribute("data-line"), Some(line.to_string()));
    assert_eq!(m.count(".code-line.has-error"), 1);
    assert!(m.query(".code-line.has-error .inline-diagnostic").is_some());

    // Clicking the diagnostic puts the caret at its line:col.
    let col: usize = diag.split(':').nth(2).unwrap().parse().unwrap();
    m.click("diagnostic");
    sleep(50).await;
    let line_start: usize = BROKEN
        .split_inclusive('\n')
        .take(line as usize - 1)
        .map(|l| l.encode_utf16().count())
        .sum();
    let caret = m.editor().selection_start().unwrap().unwrap() as usize;
    assert_eq!(caret, line_start + col - 1);

    // Editing makes the inline marks go (they would point at moved code), the list stays.
    m.type_program(&format!("{BROKEN}\n"));
    m.wait_until("inline marks cleared", |m| m.count(".ln-error") == 0)
        .await;
    assert!(m.find("diagnostic").is_some());
}

#[wasm_bindgen_test]
async fn program_autosaves_survives_remount_and_resets() {
    let program = "package main\n\nfunc main() {\n\t// 自动保存 autosave\n}\n";
    {
        let m = Mounted::playground().await;
        m.type_program(program);
        m.wait_until("the autosave", |_| {
            stored("goscope.program.v1").as_deref() == Some(program)
        })
        .await;
    }
    // A new mount (like a reload) must not clear storage first: mount by hand.
    let m = Mounted::at(
        "#/",
        &[("goscope.lang", "en"), ("goscope.program.v1", program)],
    )
    .await;
    assert_eq!(m.editor().value(), program);
    m.click("reset");
    m.wait_until("the default program", |m| {
        m.editor().value() == DEFAULT_PROGRAM
    })
    .await;
    m.wait_until("the default saved", |_| {
        stored("goscope.program.v1").as_deref() == Some(DEFAULT_PROGRAM)
    })
    .await;
}

#[wasm_bindgen_test]
async fn endless_program_keeps_the_page_alive_and_stops() {
    let m = Mounted::playground().await;
    m.type_program("package main\n\nfunc main() {\n\tx := 0\n\tfor {\n\t\tx++\n\t}\n}\n");
    m.click("run");
    m.wait_until("the Stop button", |m| m.find("stop").is_some())
        .await;
    m.wait_until("progress", |m| {
        m.text_of("run-status").starts_with("Running")
    })
    .await;
    // The page keeps rendering between slices: the step count grows.
    let before = m.text_of("run-status");
    m.wait_until("more steps", |m| m.text_of("run-status") != before)
        .await;
    m.click("stop");
    m.wait_until("the stopped line", |m| {
        m.text_of("exit-line").starts_with("Stopped by you after")
    })
    .await;
    assert!(m.find("run").is_some());
}

#[wasm_bindgen_test]
async fn tab_inserts_a_tab_and_ctrl_enter_runs() {
    let m = Mounted::playground().await;
    let editor = m.editor();
    editor.focus().unwrap();
    let end = DEFAULT_PROGRAM.encode_utf16().count() as u32;
    editor.set_selection_range(end, end).unwrap();
    assert!(m.key("Tab", false), "Tab was not handled");
    m.wait_until("the tab in the text", |m| {
        m.editor().value() == format!("{DEFAULT_PROGRAM}\t")
    })
    .await;

    assert!(m.key("Enter", true), "Ctrl+Enter was not handled");
    m.wait_until("the program's output", |m| {
        output(m).contains("hello, 世界")
    })
    .await;
}

/// Issue 11: `for {}` runs into the step budget with a clear message, and the page still
/// responds afterwards (the next program runs).
#[wasm_bindgen_test]
async fn for_ever_stops_at_the_budget_and_the_page_responds() {
    let m = Mounted::playground().await;
    m.type_program("package main\n\nfunc main() {\n\tfor {\n\t}\n}\n");
    m.click("run");
    // The budget is millions of steps; a debug wasm build needs a few seconds for them.
    let mut waited = 0;
    while !m.text_of("stderr").contains("exceeded its budget") {
        assert!(waited < 120_000, "no budget message; page: {:?}", m.text());
        sleep(50).await;
        waited += 50;
    }
    assert!(
        m.text_of("stderr").contains(&format!(
            "budget of {} steps",
            app::run_trace::RECORD_MAX_STEPS
        )),
        "{}",
        m.text_of("stderr")
    );
    m.wait_until("the run to end", |m| m.find("run").is_some())
        .await;
    assert!(
        m.text_of("exit-line").contains("exit status"),
        "{}",
        m.text_of("exit-line")
    );
    // Still alive: the next program runs and prints.
    m.type_program(HELLO);
    m.click("run");
    m.wait_until("hello after the budget stop", |m| {
        m.text_of("stdout") == "hello, 世界\n"
    })
    .await;
}
