//! The modules lab's state and its one reducer: the only place the page talks to
//! `services::modules`.
//!
//! The lab holds a [`Project`] (the proxy's go.mod files and the main module's go.mod), the
//! console's history and the build-list walk of the current go.mod with the player's step.
//! Every edit of a go.mod and every console command recomputes the walk (a few dozen steps,
//! well under a frame) and puts the player back at step 0, so the learner can step through
//! the new walk; a command that rewrote go.mod also keeps the before/after pair for the diff.
//!
//! Invariant: `step <= walk.steps.len()` when the walk exists.

use std::rc::Rc;

use services::modules::{BuildList, Project, fixture, gomod};
use yew::prelude::*;

/// Which go.mod the editor shows: the main module's, or a registry entry's.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum File {
    Main,
    Module { path: String, version: String },
}

/// One console entry: the line, what it printed, whether it failed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    pub line: String,
    pub output: String,
    pub failed: bool,
}

/// A go.mod rewrite by a command, for the diff panel.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Change {
    pub command: String,
    pub before: String,
    pub after: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ModulesLab {
    pub project: Project,
    pub file: File,
    pub console: Vec<Entry>,
    pub change: Option<Change>,
    /// The walk of the current main go.mod, or why it failed (the go command's message).
    pub walk: Result<Rc<BuildList>, String>,
    pub step: usize,
    pub playing: bool,
}

#[derive(Clone, Debug)]
pub enum ModulesAction {
    Select(File),
    /// The editor's text for the selected file.
    Edit(String),
    Command(String),
    Seek(usize),
    StepBy(i64),
    SeekEnd,
    TogglePlay,
    Tick,
    Reset,
}

impl Default for ModulesLab {
    fn default() -> Self {
        let mut lab = ModulesLab {
            project: Project::new(fixture::registry(), fixture::MAIN),
            file: File::Main,
            console: Vec::new(),
            change: None,
            walk: Err(String::new()),
            step: 0,
            playing: false,
        };
        lab.recompute();
        lab
    }
}

impl ModulesLab {
    fn recompute(&mut self) {
        self.walk = self.project.build_list().map(|(_, bl)| Rc::new(bl));
        self.step = 0;
        self.playing = false;
    }

    /// The number of steps in the walk (0 when it failed).
    pub fn last_step(&self) -> usize {
        self.walk.as_ref().map_or(0, |bl| bl.steps.len())
    }

    /// The selected file's text.
    pub fn text(&self) -> String {
        match &self.file {
            File::Main => self.project.main.clone(),
            File::Module { path, version } => self
                .project
                .registry
                .entry(path, version)
                .map(|e| e.text.clone())
                .unwrap_or_default(),
        }
    }

    /// The selected file's parse errors, `go.mod:line:col: message`.
    pub fn errors(&self) -> Vec<String> {
        match gomod::parse(&self.text()) {
            Ok(_) => Vec::new(),
            Err(errs) => errs.iter().map(|e| e.to_string()).collect(),
        }
    }
}

impl Reducible for ModulesLab {
    type Action = ModulesAction;

    fn reduce(self: Rc<Self>, action: ModulesAction) -> Rc<Self> {
        let mut lab = (*self).clone();
        let last = lab.last_step();
        match action {
            ModulesAction::Select(file) => lab.file = file,
            ModulesAction::Edit(text) => {
                match lab.file.clone() {
                    File::Main => lab.project.main = text,
                    File::Module { path, version } => {
                        lab.project.registry.insert(&path, &version, &text)
                    }
                }
                lab.recompute();
            }
            ModulesAction::Command(line) => {
                let line = line.trim().to_string();
                if line.is_empty() {
                    return self;
                }
                let before = lab.project.main.clone();
                let out = lab.project.run(&line);
                let mut output = out.stdout;
                output.push_str(&out.stderr);
                lab.console.push(Entry {
                    line: line.clone(),
                    output,
                    failed: out.exit != 0,
                });
                if lab.project.main != before {
                    lab.change = Some(Change {
                        command: line,
                        before,
                        after: lab.project.main.clone(),
                    });
                }
                lab.recompute();
            }
            ModulesAction::Seek(step) => {
                lab.step = step.min(last);
                lab.playing = false;
            }
            ModulesAction::StepBy(d) => {
                lab.step = (lab.step as i64 + d).clamp(0, last as i64) as usize;
                lab.playing = false;
            }
            ModulesAction::SeekEnd => {
                lab.step = last;
                lab.playing = false;
            }
            ModulesAction::TogglePlay => {
                if lab.step >= last {
                    lab.step = 0;
                }
                lab.playing = !lab.playing;
            }
            ModulesAction::Tick => {
                if !lab.playing {
                    return self;
                }
                lab.step = (lab.step + 1).min(last);
                lab.playing = lab.step < last;
            }
            ModulesAction::Reset => return Rc::new(ModulesLab::default()),
        }
        Rc::new(lab)
    }
}
