//! The output panel: what the program printed, how it ended, and its compile errors.
//!
//! Modelled on the Go Playground: stdout, then stderr in a distinct colour, then an exit
//! line ("Program exited." / "Program exited: exit status 2."). Compile errors are listed
//! as `prog.go:L:C: message`, exactly as `go run` prints them, and each is a button that
//! puts the editor's caret on the error. Program output is rendered as text nodes only.

use yew::prelude::*;

use crate::i18n::{Lang, Msg, group_digits, use_lang};
use crate::state::{Phase, RunView};

#[derive(Properties, PartialEq)]
pub struct OutputProps {
    pub run: RunView,
    /// Called with the index of a clicked diagnostic.
    pub on_jump: Callback<usize>,
}

#[component(Output)]
pub fn output(props: &OutputProps) -> Html {
    let lang = use_lang().lang;
    let run = &props.run;

    // With compile errors, stderr repeats the diagnostics we list as buttons; keep only
    // what it says beyond them.
    let stderr = if run.diagnostics.is_empty() {
        run.stderr.to_string()
    } else {
        // A rendered diagnostic may span lines (`prog.go:8:6: x redeclared\n\tprog.go:5:6: ...`).
        let rendered: Vec<&str> = run
            .diagnostics
            .iter()
            .flat_map(|d| d.rendered.lines())
            .collect();
        stderr_without(&run.stderr, &rendered)
    };

    html! {
        <section class="panel output-panel" aria-labelledby="output-title">
            <div class="panel-head">
                <h2 id="output-title" class="panel-title">{ lang.t(Msg::Output) }</h2>
                <span
                    class={classes!("run-status", (run.phase == Phase::Running).then_some("running"))}
                    data-testid="run-status"
                    aria-live="polite"
                >{ status_text(lang, run) }</span>
            </div>
            <div class="output" data-testid="output">
                if run.phase == Phase::Idle {
                    <p class="output-placeholder">{ lang.t(Msg::OutputEmpty) }</p>
                } else {
                    <pre class="output-text">
                        if run.stdout_cut {
                            <span class="output-note">{ lang.t(Msg::OutputTruncated) }{ "\n" }</span>
                        }
                        <span class="stdout" data-testid="stdout">{ run.stdout.clone() }</span>
                        <span class="stderr" data-testid="stderr">{ stderr }</span>
                    </pre>
                    if !run.diagnostics.is_empty() {
                        <ul class="diagnostics" aria-label={lang.fill(Msg::ErrorCount, &run.diagnostics.len().to_string())}>
                            { for run.diagnostics.iter().enumerate().map(|(i, d)| {
                                let on_jump = props.on_jump.clone();
                                html! {
                                    <li>
                                        <button
                                            type="button"
                                            class="diagnostic"
                                            data-testid="diagnostic"
                                            title={lang.t(Msg::JumpToError)}
                                            onclick={Callback::from(move |_: MouseEvent| on_jump.emit(i))}
                                        >{ d.rendered.clone() }</button>
                                    </li>
                                }
                            }) }
                        </ul>
                    }
                    { exit_line(lang, run) }
                }
            </div>
        </section>
    }
}

/// The short status beside the panel title: progress while running, step count after.
fn status_text(lang: Lang, run: &RunView) -> String {
    match run.phase {
        Phase::Idle | Phase::BuildFailed => String::new(),
        Phase::Running => lang.fill(Msg::Running, &group_digits(run.steps)),
        Phase::Exited(_) | Phase::Stopped if run.events > 0 => format!(
            "{} · {}",
            lang.fill(Msg::StepCount, &group_digits(run.steps)),
            lang.fill(Msg::EventCount, &group_digits(run.events as u64)),
        ),
        Phase::Exited(_) | Phase::Stopped => lang.fill(Msg::StepCount, &group_digits(run.steps)),
    }
}

/// How the run ended, in the Go Playground's words.
fn exit_line(lang: Lang, run: &RunView) -> Html {
    let (class, text) = match run.phase {
        Phase::Idle | Phase::Running => return Html::default(),
        Phase::Exited(0) => ("exit-ok", lang.t(Msg::ExitOk).to_owned()),
        Phase::Exited(code) => ("exit-error", lang.fill(Msg::ExitStatus, &code.to_string())),
        Phase::BuildFailed => ("exit-error", lang.t(Msg::BuildFailed).to_owned()),
        Phase::Stopped => (
            "exit-stopped",
            lang.fill(Msg::StoppedByYou, &group_digits(run.steps)),
        ),
    };
    html! { <p class={classes!("exit-line", class)} data-testid="exit-line">{ text }</p> }
}

/// `stderr` of a failed build minus what the diagnostic list already shows: the lines of
/// the rendered diagnostics (`go build` prints them as `./prog.go:...`, we list them as
/// `prog.go:...`, so a leading `./` is ignored), the `# command-line-arguments` header and
/// blank lines.
pub fn stderr_without(stderr: &str, rendered: &[&str]) -> String {
    stderr
        .lines()
        .filter(|line| {
            let line = line.trim_end();
            let plain = line.replacen("./", "", 1);
            !line.is_empty()
                && line != "# command-line-arguments"
                && !rendered.contains(&line)
                && !rendered.contains(&plain.as_str())
        })
        .map(|line| format!("{line}\n"))
        .collect()
}

#[cfg(test)]
mod tests {
    use wasm_bindgen_test::wasm_bindgen_test;

    use super::*;

    #[wasm_bindgen_test(unsupported = test)]
    fn stderr_loses_only_the_listed_diagnostics() {
        let stderr = "# command-line-arguments\n./prog.go:3:1: bad\nprog.go:4:2: worse\n\t./prog.go:1:6: other declaration\nnote\n";
        let rendered = [
            "prog.go:3:1: bad",
            "prog.go:4:2: worse",
            "\tprog.go:1:6: other declaration",
        ];
        assert_eq!(stderr_without(stderr, &rendered), "note\n");
        assert_eq!(
            stderr_without("prog.go:3:1: bad\n", &["prog.go:3:1: bad"]),
            ""
        );
        assert_eq!(stderr_without("other\n", &[]), "other\n");
    }
}
