//! The operator lab's state and its one reducer: the only place the page talks to
//! `services::operator`.
//!
//! The learner's session is a script of console commands at virtual times. A command runs at
//! the virtual time of the player's current step (one millisecond later, so it follows what
//! that step did); commands the script held after that time are dropped — the learner
//! rewrote history from there. Every command rebuilds a `sim::Recorder<Cluster>` from the
//! script and runs it to the end of its window (a few hundred steps: one frame), then the
//! player goes to the command's step and plays on, so the learner watches the loop react.
//! A line that does not parse never reaches the simulation: its error is kept beside the
//! script and shown in the console.
//!
//! Invariant: `step <= run.steps()`.

use std::rc::Rc;

use services::operator::{self, Cluster, Event, Input, LAB_CRD, SAMPLE_DB, SEED_CRD};
use services::sim::Recorder;
use yew::prelude::*;

/// The editor's files, as `kubectl apply -f NAME` finds them.
pub const CRD_FILE: &str = "database-crd.yaml";
pub const DB_FILE: &str = "my-db.yaml";

/// A console line that did not parse, shown after the command before it.
#[derive(Clone, Debug, PartialEq)]
pub struct Rejected {
    /// How many script entries came before it.
    pub after: usize,
    pub line: String,
    pub error: String,
}

/// Everything the lab shows.
#[derive(Clone)]
pub struct OperatorLab {
    pub files: Vec<(String, String)>,
    /// The file shown in the editor.
    pub file: usize,
    pub script: Vec<Input>,
    pub rejected: Vec<Rejected>,
    pub seed: u64,
    pub run: Rc<Recorder<Cluster>>,
    pub step: u64,
    pub playing: bool,
}

impl Default for OperatorLab {
    fn default() -> Self {
        let seed = 1;
        OperatorLab {
            files: vec![
                (CRD_FILE.into(), LAB_CRD.into()),
                (DB_FILE.into(), SAMPLE_DB.into()),
            ],
            file: 0,
            script: Vec::new(),
            rejected: Vec::new(),
            seed,
            run: Rc::new(operator::run_to_end(Vec::new(), seed)),
            step: 0,
            playing: false,
        }
    }
}

/// Autosaves an edited file (restored by [`OperatorLab::restored`]).
fn save_file(name: &str, text: &str) {
    crate::storage::set(
        &format!("{}{name}", crate::storage::OPERATOR_FILE_KEY_PREFIX),
        text,
    );
}

impl OperatorLab {
    /// The lab with the files as the learner left them (autosaved on every edit).
    pub fn restored() -> OperatorLab {
        let mut lab = OperatorLab::default();
        for (name, text) in &mut lab.files {
            let key = format!("{}{name}", crate::storage::OPERATOR_FILE_KEY_PREFIX);
            if let Some(saved) = crate::storage::get(&key) {
                *text = saved;
            }
        }
        lab
    }
}

impl PartialEq for OperatorLab {
    fn eq(&self, other: &Self) -> bool {
        self.files == other.files
            && self.file == other.file
            && self.script == other.script
            && self.rejected == other.rejected
            && self.step == other.step
            && self.playing == other.playing
            && Rc::ptr_eq(&self.run, &other.run)
    }
}

/// What the page can ask for.
#[derive(Clone, Debug, PartialEq)]
pub enum OperatorAction {
    /// Run a console line at the current step's time.
    Command(String),
    SelectFile(usize),
    EditFile(String),
    /// Replace the CRD file with the seed's original (`true`) or the lab's.
    UseSeedCrd(bool),
    StepBy(i64),
    Seek(u64),
    /// To the last step (read when handled, not when the button was drawn).
    SeekEnd,
    TogglePlay,
    /// Play or pause (a widget's host page asks by postMessage).
    SetPlaying(bool),
    Tick,
}

impl OperatorLab {
    pub fn last_step(&self) -> u64 {
        self.run.steps()
    }

    /// The cluster as it is after `step` steps.
    pub fn cluster(&self) -> Cluster {
        self.run.state_at(self.step)
    }

    /// The virtual time a command typed now runs at.
    pub fn command_time(&self) -> u64 {
        if self.step == 0 {
            0
        } else {
            self.cluster().now + 1
        }
    }

    /// The console's lines up to the current step: `(line, output, is_error)`, oldest first.
    pub fn console(&self) -> Vec<(String, String, bool)> {
        let mut out = Vec::new();
        let mut ran = 0;
        let push_rejected = |out: &mut Vec<(String, String, bool)>, ran: usize| {
            for r in self.rejected.iter().filter(|r| r.after == ran) {
                out.push((r.line.clone(), r.error.clone(), true));
            }
        };
        push_rejected(&mut out, 0);
        for event in self.run.events_between(0, self.step) {
            if let Event::Console { line, output, .. } = event {
                let failed = output.starts_with("error")
                    || output.starts_with("Error")
                    || output.starts_with("The ");
                out.push((line.clone(), output.clone(), failed));
                ran += 1;
                push_rejected(&mut out, ran);
            }
        }
        out
    }

    fn rerun(&mut self) {
        self.run = Rc::new(operator::run_to_end(self.script.clone(), self.seed));
    }

    fn command(&mut self, line: &str) {
        let line = line.trim();
        if line.is_empty() {
            return;
        }
        let at = self.command_time();
        // Rewriting history: what came after this moment is gone.
        self.script.retain(|i| i.at < at);
        let kept = self.script.len();
        self.rejected.retain(|r| r.after <= kept);
        match operator::input(at, line, &self.files) {
            Ok(input) => {
                self.script.push(input);
                self.rerun();
                // Go to the step that ran the command, and play on from there.
                let n = self.script.len();
                let index = self
                    .run
                    .events()
                    .iter()
                    .enumerate()
                    .filter(|(_, e)| matches!(e, Event::Console { .. }))
                    .nth(n - 1)
                    .map(|(i, _)| i);
                self.step = index.map_or(self.run.steps(), |i| self.run.event_step(i));
                self.playing = self.step < self.run.steps();
            }
            Err(error) => {
                self.rejected.push(Rejected {
                    after: kept,
                    line: line.to_string(),
                    error: if error.is_empty() {
                        operator::console::HELP.to_string()
                    } else {
                        error
                    },
                });
                if kept < self.run.current().script.len() {
                    self.rerun();
                    self.step = self.step.min(self.run.steps());
                }
            }
        }
    }
}

impl Reducible for OperatorLab {
    type Action = OperatorAction;

    fn reduce(self: Rc<Self>, action: OperatorAction) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            OperatorAction::Command(line) => next.command(&line),
            OperatorAction::SelectFile(i) => next.file = i.min(next.files.len().saturating_sub(1)),
            OperatorAction::EditFile(text) => {
                if let Some(f) = next.files.get_mut(next.file) {
                    f.1 = text;
                    save_file(&f.0, &f.1);
                }
            }
            OperatorAction::UseSeedCrd(seed) => {
                next.files[0].1 = if seed { SEED_CRD } else { LAB_CRD }.to_string();
                next.file = 0;
                save_file(&next.files[0].0, &next.files[0].1);
            }
            OperatorAction::StepBy(d) => {
                next.step = next.step.saturating_add_signed(d).min(next.last_step());
                next.playing = false;
            }
            OperatorAction::Seek(s) => {
                next.step = s.min(next.last_step());
                next.playing = false;
            }
            OperatorAction::SeekEnd => {
                next.step = next.last_step();
                next.playing = false;
            }
            OperatorAction::TogglePlay => {
                if next.step >= next.last_step() {
                    next.step = 0;
                }
                next.playing = !next.playing;
            }
            OperatorAction::SetPlaying(on) => {
                if on && next.step >= next.last_step() {
                    next.step = 0;
                }
                next.playing = on;
            }
            OperatorAction::Tick => {
                if next.playing {
                    next.step = (next.step + 1).min(next.last_step());
                    next.playing = next.step < next.last_step();
                }
            }
        }
        Rc::new(next)
    }
}

#[cfg(test)]
mod autosave_keys {
    use wasm_bindgen_test::wasm_bindgen_test;

    /// The keys tests clear are the keys the lab writes.
    #[wasm_bindgen_test(unsupported = test)]
    fn operator_file_keys_name_the_lab_files() {
        for (key, file) in crate::storage::OPERATOR_FILE_KEYS
            .iter()
            .zip([super::CRD_FILE, super::DB_FILE])
        {
            assert_eq!(
                *key,
                format!("{}{file}", crate::storage::OPERATOR_FILE_KEY_PREFIX)
            );
        }
    }
}
