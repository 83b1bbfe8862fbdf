//! The site's pages and their addresses.
//!
//! Routing uses the URL *fragment* (`index.html#/gallery`): a static host serves the same
//! `index.html` whatever follows the `#`, so the site works from any host, under any
//! sub-path, from a CDN or a course's own server, with no rewrite rules.
//!
//! The router's hash history (gloo `HashHistory`) throws a JavaScript exception — which
//! would leave the app dead — whenever the fragment does not start with `#/`: an empty `#`,
//! a hand-typed `#gallery`, an in-page anchor. [`install_fragment_guard`] prevents that by
//! rewriting such fragments (`#gallery` → `#/gallery`) before the router sees them.
//!
//! Share links carry their state in the fragment's query (`#/?s=...`, see `crate::share`);
//! a widget (`#/embed/VIEW?...`) renders one view without the header and footer —
//! [`Route::has_chrome`] is where a route opts out of the chrome.

use yew::prelude::*;
use yew_router::prelude::*;

use crate::embed::EmbedView;
use crate::i18n::Msg;
use crate::labs::{LabId, LazyLab};
use crate::pages::{EmbedPage, GalleryPage, LabsPage, NotFoundPage, PlaygroundPage, WidgetPage};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Routable)]
pub enum Route {
    /// The default page.
    #[at("/")]
    Playground,
    #[at("/gallery")]
    Gallery,
    #[at("/labs")]
    Labs,
    /// The Saga & TCC lab (issue 8).
    #[at("/labs/saga")]
    SagaLab,
    /// The API lab (issue 7).
    #[at("/labs/api")]
    LabApi,
    /// The operator lab (issue 9).
    #[at("/labs/operator")]
    LabOperator,
    /// The Go modules / MVS lab (issue 12).
    #[at("/labs/modules")]
    LabModules,
    /// The course author's guide to widgets and share links.
    #[at("/embed")]
    Embed,
    /// An embedded widget: one view, no chrome (`crate::embed`).
    #[at("/embed/:view")]
    Widget { view: EmbedView },
    #[not_found]
    #[at("/404")]
    NotFound,
}

impl Route {
    /// The pages listed in the header, in order, with their label and test id.
    pub const NAV: [(Route, Msg, &'static str); 4] = [
        (Route::Playground, Msg::NavPlayground, "nav-playground"),
        (Route::Labs, Msg::NavLabs, "nav-labs"),
        (Route::Gallery, Msg::NavGallery, "nav-gallery"),
        (Route::Embed, Msg::NavEmbed, "nav-embed"),
    ];

    /// The `href` of a link to this route: relative, fragment only, so it keeps whatever
    /// path the site is served under.
    pub fn href(self) -> String {
        format!("#{}", self.to_path())
    }

    /// Whether the page is shown with the site header and footer (every page but a widget).
    pub fn has_chrome(self) -> bool {
        !matches!(self, Route::Widget { .. })
    }
}

/// The fragment to use instead of `hash` (as `location.hash` spells it, with its `#`), or
/// `None` if the router can read it as it is.
pub fn normalize_fragment(hash: &str) -> Option<String> {
    let path = hash.strip_prefix('#').unwrap_or(hash);
    if path.starts_with('/') {
        None
    } else {
        Some(format!("#/{path}"))
    }
}

/// Keeps the fragment readable by the router; see the module docs. Must run before the
/// router's history is first created, so that its `popstate` listener runs after ours.
pub fn install_fragment_guard() {
    static INSTALL: std::sync::Once = std::sync::Once::new();
    INSTALL.call_once(|| {
        let Some(window) = web_sys::window() else {
            return;
        };
        fix_fragment();
        // popstate comes before hashchange on fragment navigation; the router listens to
        // popstate. Both are kept for the page's lifetime.
        for event in ["popstate", "hashchange"] {
            gloo::events::EventListener::new(&window, event, |_| fix_fragment()).forget();
        }
    });
}

fn fix_fragment() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let Ok(hash) = window.location().hash() else {
        return;
    };
    if let Some(fixed) = normalize_fragment(&hash)
        && let Ok(history) = window.history()
    {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&fixed));
    }
}

/// Renders the page for a route.
pub fn switch(route: Route) -> Html {
    match route {
        Route::Playground => html! { <PlaygroundPage /> },
        Route::Gallery => html! { <GalleryPage /> },
        Route::Labs => html! { <LabsPage /> },
        // A lab is its own wasm module, fetched when the route opens (see `labs`).
        Route::SagaLab => html! { <LazyLab lab={LabId::Saga} /> },
        Route::LabApi => html! { <LazyLab lab={LabId::Api} /> },
        Route::LabOperator => html! { <LazyLab lab={LabId::Operator} /> },
        Route::LabModules => html! { <LazyLab lab={LabId::Modules} /> },
        Route::Embed => html! { <EmbedPage /> },
        Route::Widget { view } => html! { <WidgetPage {view} /> },
        Route::NotFound => html! { <NotFoundPage /> },
    }
}

#[cfg(test)]
mod tests {
    use wasm_bindgen_test::wasm_bindgen_test;

    use super::*;

    #[wasm_bindgen_test(unsupported = test)]
    fn routes_have_fragment_hrefs() {
        assert_eq!(Route::Playground.href(), "#/");
        assert_eq!(Route::Gallery.href(), "#/gallery");
        assert_eq!(Route::recognize("/labs"), Some(Route::Labs));
        assert_eq!(Route::recognize("/labs/saga"), Some(Route::SagaLab));
        assert_eq!(Route::SagaLab.href(), "#/labs/saga");
        assert_eq!(Route::recognize("/labs/api"), Some(Route::LabApi));
        assert_eq!(Route::recognize("/labs/operator"), Some(Route::LabOperator));
        assert_eq!(Route::recognize("/labs/modules"), Some(Route::LabModules));
        assert_eq!(Route::recognize("/nope"), Some(Route::NotFound));
        let widget = Route::recognize("/embed/scheduler");
        assert_eq!(
            widget,
            Some(Route::Widget {
                view: EmbedView::Scheduler
            })
        );
        assert!(!widget.unwrap().has_chrome());
        assert!(Route::Embed.has_chrome());
        assert_eq!(
            Route::recognize("/embed/whatever"),
            Some(Route::Widget {
                view: EmbedView::Unknown
            })
        );
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn fragments_are_made_router_safe() {
        assert_eq!(normalize_fragment("#/gallery"), None);
        assert_eq!(normalize_fragment("#/"), None);
        assert_eq!(normalize_fragment(""), Some("#/".into()));
        assert_eq!(normalize_fragment("#"), Some("#/".into()));
        assert_eq!(normalize_fragment("#gallery"), Some("#/gallery".into()));
    }
}
