//! Embed mode: one view of goscope, without the site's chrome, inside a course page.
//!
//! A widget is the site itself at `#/embed/VIEW?s=PAYLOAD&lang=..&theme=..` (see
//! [`crate::share`] for the state in the fragment), loaded in an iframe — written by hand or
//! by the loader script `web/goscope-embed.js`. This module is the registry of view names
//! and the snippets a course author copies; `bridge.rs` talks to the host page
//! (postMessage); `pages/widget.rs` renders a widget.
//!
//! The view names are a public, documented interface (course pages spell them): they never
//! change meaning. A name goscope documents but this build does not have renders a clear
//! "not available in this build"
//! notice rather than an error, so a course page written today keeps working and lights up
//! when the view lands.
//!
//! *Labs that load later.* A lab's widget is `Source::Lab(id)`: the widget page hands the
//! link's lab parameters (`Subject::Lab { params }`) to that lab's embed component, exactly
//! as the Saga, API and operator labs do: the widget page asks the lab loader for the
//! module and mounts its `mount_widget` export — the URL, the parameters and the bridge are
//! the same for every lab.

pub mod bridge;

use std::fmt;
use std::str::FromStr;

use crate::i18n::Msg;

/// A view a widget can show, by its documented name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EmbedView {
    Scheduler,
    Timeline,
    Channels,
    /// The player alone: what happened at this step and the program's output so far.
    Player,
    Race,
    Gc,
    Api,
    Saga,
    Operator,
    /// A name goscope does not know.
    Unknown,
}

/// Where a view's content comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// A recorded run of a program (`runtime::inspect` views).
    Runtime,
    /// A lab, by id, given the link's lab parameters.
    Lab(&'static str),
    /// Documented, but not in this build (yet).
    NotInBuild,
}

impl EmbedView {
    /// Every documented view, in the order the guide lists them.
    pub const ALL: [EmbedView; 9] = [
        EmbedView::Scheduler,
        EmbedView::Timeline,
        EmbedView::Channels,
        EmbedView::Player,
        EmbedView::Race,
        EmbedView::Gc,
        EmbedView::Api,
        EmbedView::Saga,
        EmbedView::Operator,
    ];

    /// Views of a Playground run, offered by its "Copy embed code".
    pub const RUNTIME: [EmbedView; 6] = [
        EmbedView::Scheduler,
        EmbedView::Timeline,
        EmbedView::Channels,
        EmbedView::Player,
        EmbedView::Race,
        EmbedView::Gc,
    ];

    pub fn name(self) -> &'static str {
        match self {
            EmbedView::Scheduler => "scheduler",
            EmbedView::Timeline => "timeline",
            EmbedView::Channels => "channels",
            EmbedView::Player => "player",
            EmbedView::Race => "race",
            EmbedView::Gc => "gc",
            EmbedView::Api => "api",
            EmbedView::Saga => "saga",
            EmbedView::Operator => "operator",
            EmbedView::Unknown => "unknown",
        }
    }

    pub fn source(self) -> Source {
        match self {
            EmbedView::Scheduler
            | EmbedView::Timeline
            | EmbedView::Channels
            | EmbedView::Player
            | EmbedView::Race
            | EmbedView::Gc => Source::Runtime,
            EmbedView::Saga => Source::Lab("saga"),
            EmbedView::Api => Source::Lab("api"),
            EmbedView::Operator => Source::Lab("operator"),
            EmbedView::Unknown => Source::NotInBuild,
        }
    }

    /// Its title in the widget's bar and the guide.
    pub fn title(self) -> Msg {
        match self {
            EmbedView::Scheduler => Msg::SchedulerTitle,
            EmbedView::Timeline => Msg::TimelineTitle,
            EmbedView::Channels => Msg::ChannelsTitle,
            EmbedView::Player => Msg::PlayerLabel,
            EmbedView::Race => Msg::LabMemoryTitle,
            EmbedView::Gc => Msg::LabGcTitle,
            EmbedView::Api => Msg::LabApiTitle,
            EmbedView::Saga => Msg::LabSagaTitle,
            EmbedView::Operator => Msg::LabOperatorTitle,
            EmbedView::Unknown => Msg::EmbedUnknownView,
        }
    }
}

impl FromStr for EmbedView {
    type Err = std::convert::Infallible;

    /// Never fails: an unknown name is [`EmbedView::Unknown`], which renders a notice.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Ok(EmbedView::ALL
            .into_iter()
            .find(|v| v.name() == s)
            .unwrap_or(EmbedView::Unknown))
    }
}

impl fmt::Display for EmbedView {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The site's base for links out of the page: `href` without its fragment and file name
/// (`https://host/course/goscope/index.html#/x` → `https://host/course/goscope/`).
pub fn site_base(href: &str) -> &str {
    let page = href.split('#').next().unwrap_or(href);
    let page = page.split('?').next().unwrap_or(page);
    match page.rfind('/') {
        Some(i) => &page[..=i],
        None => page,
    }
}

/// The iframe snippet for a widget of `view` at `payload` (see `crate::share`).
pub fn iframe_snippet(base: &str, view: EmbedView, payload: &str, height: u32) -> String {
    format!(
        "<iframe src=\"{base}#/embed/{view}?s={payload}\" title=\"goscope: {view}\" \
         width=\"100%\" height=\"{height}\" loading=\"lazy\" style=\"border:0\"></iframe>"
    )
}

/// The loader-script snippet for the same widget (the script once per page).
pub fn loader_snippet(base: &str, view: EmbedView, payload: &str) -> String {
    format!(
        "<script src=\"{base}goscope-embed.js\" defer></script>\n\
         <div data-goscope=\"{view}\" data-state=\"{payload}\"></div>"
    )
}

#[cfg(test)]
mod tests {
    use wasm_bindgen_test::wasm_bindgen_test;

    use super::*;

    #[wasm_bindgen_test(unsupported = test)]
    fn names_round_trip_and_unknown_names_are_kept_out() {
        for v in EmbedView::ALL {
            assert_eq!(v.name().parse::<EmbedView>(), Ok(v));
            assert_eq!(v.to_string(), v.name());
        }
        assert_eq!("nope".parse::<EmbedView>(), Ok(EmbedView::Unknown));
        assert_eq!(EmbedView::Gc.source(), Source::Runtime);
        assert_eq!(EmbedView::Api.source(), Source::Lab("api"));
        assert_eq!(EmbedView::Operator.source(), Source::Lab("operator"));
        assert_eq!(EmbedView::Saga.source(), Source::Lab("saga"));
        for v in EmbedView::RUNTIME {
            assert_eq!(v.source(), Source::Runtime);
        }
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn snippets_point_at_the_site_they_were_copied_from() {
        assert_eq!(
            site_base("https://h/c/g/index.html#/embed?x=1"),
            "https://h/c/g/"
        );
        assert_eq!(site_base("https://h/c/g/#/"), "https://h/c/g/");
        assert_eq!(site_base("https://h/c/g/?a=b#/"), "https://h/c/g/");
        let s = iframe_snippet("https://h/g/", EmbedView::Scheduler, "1.abc", 420);
        assert!(
            s.starts_with("<iframe src=\"https://h/g/#/embed/scheduler?s=1.abc\""),
            "{s}"
        );
        let l = loader_snippet("https://h/g/", EmbedView::Channels, "1.abc");
        assert!(l.contains("src=\"https://h/g/goscope-embed.js\""), "{l}");
        assert!(
            l.contains("<div data-goscope=\"channels\" data-state=\"1.abc\"></div>"),
            "{l}"
        );
    }
}
