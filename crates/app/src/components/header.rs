//! The site header: wordmark, page navigation, language switch and theme toggle.
//!
//! On a phone the navigation wraps onto its own row under the wordmark and buttons (CSS),
//! so four labels in either language fit a 375 px screen without scrolling.

use yew::prelude::*;
use yew_router::prelude::*;

use crate::components::icons;
use crate::i18n::{Msg, use_lang};
use crate::router::Route;
use crate::theme::{Theme, use_theme};

#[component(Header)]
pub fn header() -> Html {
    let i18n = use_lang();
    let lang = i18n.lang;

    let on_skip = Callback::from(|_: MouseEvent| focus_main());

    html! {
        <header class="site-header">
            // A button, not `<a href="#main">`: a bare fragment would be read as a route.
            <button type="button" class="skip-link" onclick={on_skip}>{ lang.t(Msg::SkipToContent) }</button>
            <NavLink route={Route::Playground} class="brand" testid="brand" aria_label={lang.t(Msg::HomeLink)}>
                { icons::logo() }
                <span class="wordmark">{ "goscope" }</span>
            </NavLink>
            <nav class="site-nav" aria-label={lang.t(Msg::MainNav)}>
                { for Route::NAV.iter().map(|&(route, label, testid)| html! {
                    <NavLink {route} class="nav-link" {testid}>{ lang.t(label) }</NavLink>
                }) }
            </nav>
            <div class="header-actions">
                <LangSwitch />
                <ThemeToggle />
            </div>
        </header>
    }
}

#[derive(Properties, PartialEq)]
pub struct NavLinkProps {
    pub route: Route,
    pub class: &'static str,
    pub testid: &'static str,
    #[prop_or_default]
    pub aria_label: Option<&'static str>,
    pub children: Html,
}

/// A link to a route: a real `<a href="#/...">` (so it can be opened in a new tab and is
/// announced as a link), navigated through the router on a plain click. Marks the current
/// page with `aria-current`.
#[component(NavLink)]
pub fn nav_link(props: &NavLinkProps) -> Html {
    let navigator = use_navigator();
    let current = use_route::<Route>();
    let route = props.route;
    let onclick = Callback::from(move |e: MouseEvent| {
        // Let the browser handle new-tab/new-window clicks.
        if e.button() != 0 || e.ctrl_key() || e.meta_key() || e.shift_key() || e.alt_key() {
            return;
        }
        if let Some(navigator) = &navigator {
            e.prevent_default();
            navigator.push(&route);
        }
    });
    let is_current = current == Some(route);
    html! {
        <a
            class={classes!(props.class, is_current.then_some("current"))}
            href={route.href()}
            aria-current={is_current.then_some("page")}
            aria-label={props.aria_label}
            data-testid={props.testid}
            {onclick}
        >
            { props.children.clone() }
        </a>
    }
}

/// One button that switches to the other language; its text is that language's own name
/// (so a learner who cannot read the current language still finds it).
#[component(LangSwitch)]
fn lang_switch() -> Html {
    let i18n = use_lang();
    let other = i18n.lang.other();
    let onclick = {
        let set = i18n.set.clone();
        Callback::from(move |_: MouseEvent| set.emit(other))
    };
    html! {
        <button
            type="button"
            class="header-button"
            data-testid="lang-switch"
            // No aria-label: the accessible name is the visible language name ("label in name").
            title={i18n.lang.t(Msg::SwitchLanguage)}
            {onclick}
        >
            { icons::globe() }
            <span lang={other.tag()}>{ other.native_name() }</span>
        </button>
    }
}

/// Flips between light and dark; the icon shows the theme you would switch to.
#[component(ThemeToggle)]
fn theme_toggle() -> Html {
    let lang = use_lang().lang;
    let theme = use_theme();
    let next = theme.theme.toggled();
    let label = match next {
        Theme::Dark => lang.t(Msg::ThemeToDark),
        Theme::Light => lang.t(Msg::ThemeToLight),
    };
    let onclick = {
        let set = theme.set.clone();
        Callback::from(move |_: MouseEvent| set.emit(next))
    };
    html! {
        <button
            type="button"
            class="header-button icon-button"
            data-testid="theme-toggle"
            title={label}
            aria-label={label}
            {onclick}
        >
            { if next == Theme::Dark { icons::moon() } else { icons::sun() } }
        </button>
    }
}

/// Moves keyboard focus to the page content (target of the skip link).
fn focus_main() {
    use wasm_bindgen::JsCast;
    let main = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("main"))
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
    if let Some(main) = main {
        let _ = main.focus();
    }
}
