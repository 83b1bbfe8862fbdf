//! The player shared by every view: where we are in a recorded run, and how to move.
//!
//! [`PlayerState`] + [`PlayerAction`] are plain Rust; a page keeps the state inside its own
//! reducer and hands [`PlayerState::apply`] something that implements [`Track`] (a recorded
//! run's event log). The [`Player`] component only renders the controls and dispatches.
//!
//! Positions are *steps* of the recorder (the state after `step` instructions). "One event
//! forward" means: to the step of the first event after the current step, so steps that
//! produced nothing are skipped and every press shows something happen. "Next steal" is the
//! same, restricted to events of one [`EventKind`].

mod controls;

pub use controls::{Player, PlayerProps};

use runtime::inspect::EventKind;

/// A recorded run's event log, as the player sees it.
pub trait Track {
    /// The last step.
    fn last(&self) -> u64;
    /// How many events were produced by steps `1..=step`.
    fn events_upto(&self, step: u64) -> usize;
    fn event_count(&self) -> usize;
    /// The step that produced event `index`.
    fn event_step(&self, index: usize) -> u64;
    fn kind(&self, index: usize) -> EventKind;
}

/// The playback speeds offered, in events per second.
pub const SPEEDS: [u32; 5] = [2, 5, 10, 30, 100];

/// Where the player is and how it plays.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PlayerState {
    pub step: u64,
    pub playing: bool,
    /// Index into [`SPEEDS`].
    pub speed: usize,
    /// The kind "previous/next of kind" jumps to.
    pub kind: EventKind,
}

impl Default for PlayerState {
    fn default() -> Self {
        PlayerState {
            step: 0,
            playing: false,
            speed: 2,
            kind: EventKind::Steal,
        }
    }
}

/// What the controls (buttons, keys, scrubber, timer) ask for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PlayerAction {
    TogglePlay,
    /// Play or pause (the host page of an embedded widget asks for one, not a toggle).
    SetPlaying(bool),
    /// One event forwards (+1) or backwards (-1).
    StepEvent(i8),
    /// To the next (+1) or previous (-1) event of the chosen kind.
    StepKind(i8),
    Seek(u64),
    First,
    Last,
    SetSpeed(usize),
    SetKind(EventKind),
    /// The play timer fired: one event forwards, pausing at the end.
    Tick,
}

impl PlayerState {
    /// Applies `action` over `track`; returns whether anything changed.
    pub fn apply(&mut self, action: PlayerAction, track: &impl Track) -> bool {
        let before = *self;
        let last = track.last();
        match action {
            PlayerAction::TogglePlay => {
                // Playing from the end starts over, as media players do.
                if !self.playing && self.step >= last {
                    self.step = 0;
                }
                self.playing = !self.playing;
            }
            PlayerAction::SetPlaying(on) => {
                if on != self.playing {
                    return self.apply(PlayerAction::TogglePlay, track);
                }
            }
            PlayerAction::StepEvent(d) => {
                self.playing = false;
                self.step = step_event(track, self.step, d, None);
            }
            PlayerAction::StepKind(d) => {
                self.playing = false;
                self.step = step_event(track, self.step, d, Some(self.kind));
            }
            PlayerAction::Seek(s) => self.step = s.min(last),
            PlayerAction::First => {
                self.playing = false;
                self.step = 0;
            }
            PlayerAction::Last => {
                self.playing = false;
                self.step = last;
            }
            PlayerAction::SetSpeed(i) => self.speed = i.min(SPEEDS.len() - 1),
            PlayerAction::SetKind(k) => self.kind = k,
            PlayerAction::Tick => {
                if self.playing {
                    self.step = step_event(track, self.step, 1, None);
                    if self.step >= last {
                        self.playing = false;
                    }
                }
            }
        }
        *self != before
    }
}

/// The step of the next (`d > 0`) or previous event from `step`, of `kind` if given; the
/// ends of the run when there is none (so "next" at the last event goes to the end).
pub fn step_event(track: &impl Track, step: u64, d: i8, kind: Option<EventKind>) -> u64 {
    let matches = |i: usize| kind.is_none_or(|k| track.kind(i) == k);
    if d >= 0 {
        let from = track.events_upto(step);
        (from..track.event_count())
            .find(|&i| matches(i))
            .map_or(if kind.is_some() { step } else { track.last() }, |i| {
                track.event_step(i)
            })
    } else {
        let before = track.events_upto(step.saturating_sub(1));
        if step == 0 {
            return 0;
        }
        (0..before)
            .rev()
            .find(|&i| matches(i))
            .map_or(if kind.is_some() { step } else { 0 }, |i| {
                track.event_step(i)
            })
    }
}

/// Reads `step=N` from a fragment like `#/?step=42`.
pub fn step_from_fragment(hash: &str) -> Option<u64> {
    let query = hash.split_once('?')?.1;
    query
        .split('&')
        .find_map(|kv| kv.strip_prefix("step="))
        .and_then(|v| v.parse().ok())
}

/// The fragment `hash` with its `step` parameter set to `step` (other parameters kept).
pub fn fragment_with_step(hash: &str, step: u64) -> String {
    let (path, query) = hash.split_once('?').unwrap_or((hash, ""));
    let path = if path.is_empty() || path == "#" {
        "#/"
    } else {
        path
    };
    let mut out = String::from(path);
    out.push_str("?step=");
    out.push_str(&step.to_string());
    for kv in query
        .split('&')
        .filter(|kv| !kv.is_empty() && !kv.starts_with("step="))
    {
        out.push('&');
        out.push_str(kv);
    }
    out
}

#[cfg(test)]
mod tests {
    use wasm_bindgen_test::wasm_bindgen_test;

    use super::*;

    /// Events at steps 3, 3, 7, 12 of kinds Run, Steal, Block, Steal; 20 steps.
    struct Fake;
    const STEPS: [u64; 4] = [3, 3, 7, 12];
    const KINDS: [EventKind; 4] = [
        EventKind::Run,
        EventKind::Steal,
        EventKind::Block,
        EventKind::Steal,
    ];
    impl Track for Fake {
        fn last(&self) -> u64 {
            20
        }
        fn events_upto(&self, step: u64) -> usize {
            STEPS.partition_point(|&s| s <= step)
        }
        fn event_count(&self) -> usize {
            4
        }
        fn event_step(&self, i: usize) -> u64 {
            STEPS[i]
        }
        fn kind(&self, i: usize) -> EventKind {
            KINDS[i]
        }
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn steps_go_event_to_event_and_kind_to_kind() {
        assert_eq!(step_event(&Fake, 0, 1, None), 3);
        assert_eq!(step_event(&Fake, 3, 1, None), 7);
        assert_eq!(
            step_event(&Fake, 12, 1, None),
            20,
            "past the last event: the end"
        );
        assert_eq!(step_event(&Fake, 20, -1, None), 12);
        assert_eq!(step_event(&Fake, 7, -1, None), 3);
        assert_eq!(step_event(&Fake, 3, -1, None), 0);
        let steal = Some(EventKind::Steal);
        assert_eq!(step_event(&Fake, 0, 1, steal), 3);
        assert_eq!(step_event(&Fake, 3, 1, steal), 12);
        assert_eq!(step_event(&Fake, 12, 1, steal), 12, "no next steal: stay");
        assert_eq!(step_event(&Fake, 20, -1, steal), 12);
        assert_eq!(step_event(&Fake, 12, -1, steal), 3);
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn play_pauses_at_the_end_and_restarts_from_it() {
        let mut p = PlayerState::default();
        assert!(p.apply(PlayerAction::TogglePlay, &Fake));
        for _ in 0..4 {
            p.apply(PlayerAction::Tick, &Fake);
        }
        assert_eq!(p.step, 20);
        assert!(!p.playing);
        p.apply(PlayerAction::TogglePlay, &Fake);
        assert_eq!((p.step, p.playing), (0, true));
        assert!(!p.apply(PlayerAction::Seek(0), &Fake));
        p.apply(PlayerAction::Seek(99), &Fake);
        assert_eq!(p.step, 20);
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn the_step_lives_in_the_fragment_query() {
        assert_eq!(step_from_fragment("#/?step=42"), Some(42));
        assert_eq!(step_from_fragment("#/?a=1&step=7"), Some(7));
        assert_eq!(step_from_fragment("#/"), None);
        assert_eq!(fragment_with_step("#/", 5), "#/?step=5");
        assert_eq!(fragment_with_step("", 5), "#/?step=5");
        assert_eq!(fragment_with_step("#/?step=1&x=2", 9), "#/?step=9&x=2");
    }
}
