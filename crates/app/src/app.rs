//! The root component: language and theme providers, the hash router, and the page chrome
//! (header, main, footer) around the routed page.

use yew::prelude::*;
use yew_router::prelude::*;

use crate::components::Header;
use crate::i18n::{self, Lang, LangContext, Msg, use_lang};
use crate::router::{Route, switch};
use crate::theme::{self, Theme, ThemeContext};

#[component(App)]
pub fn app() -> Html {
    // A link (share link or widget) may name the language and theme; it wins over the
    // remembered choice for this page only (nothing is stored).
    let lang =
        use_state(|| link_choice("lang", |s| s.lang, Lang::from_tag).unwrap_or_else(i18n::detect));
    let theme = use_state(|| {
        link_choice("theme", |s| s.theme, Theme::from_code).unwrap_or_else(theme::detect)
    });

    // Mirror both onto <html> whenever they change (and once at start).
    use_effect_with(*lang, |&lang| i18n::apply(lang));
    use_effect_with(*theme, |&theme| theme::apply(theme));

    let set_lang = {
        let lang = lang.clone();
        use_callback((), move |next: Lang, _| {
            i18n::remember(next);
            lang.set(next);
        })
    };
    let set_theme = {
        let theme = theme.clone();
        use_callback((), move |next: Theme, _| {
            theme::remember(next);
            theme.set(next);
        })
    };

    html! {
        <ContextProvider<LangContext> context={LangContext { lang: *lang, set: set_lang }}>
            <ContextProvider<ThemeContext> context={ThemeContext { theme: *theme, set: set_theme }}>
                <HashRouter>
                    <Shell />
                </HashRouter>
            </ContextProvider<ThemeContext>>
        </ContextProvider<LangContext>>
    }
}

/// `key=` of the fragment's query, else the share payload's field.
fn link_choice<T>(
    key: &str,
    of_share: impl Fn(&crate::share::ShareState) -> Option<T>,
    parse: impl Fn(&str) -> Option<T>,
) -> Option<T> {
    let hash = web_sys::window()?.location().hash().ok()?;
    let pairs = crate::share::query_pairs(&hash);
    if let Some(v) = pairs.iter().find(|(k, _)| k == key) {
        return parse(&v.1);
    }
    let payload = pairs.iter().find(|(k, _)| k == "s")?;
    crate::share::decode(&payload.1)
        .ok()
        .as_ref()
        .and_then(of_share)
}

/// Header, the routed page and footer.
#[component(Shell)]
fn shell() -> Html {
    let lang = use_lang().lang;
    let route = use_route::<Route>().unwrap_or(Route::NotFound);
    // Damaged saved data is found while the pages read it during their first render; the
    // effect runs after that and reports it once.
    let damaged = use_state(Vec::<String>::new);
    {
        let damaged = damaged.clone();
        use_effect_with((), move |_| {
            let keys = crate::storage::take_damaged();
            if !keys.is_empty() {
                damaged.set(keys);
            }
        });
    }
    let dismiss = {
        let damaged = damaged.clone();
        Callback::from(move |_: MouseEvent| damaged.set(Vec::new()))
    };
    let notice = (!damaged.is_empty()).then(|| {
        html! {
            <div class="storage-notice" role="status" data-testid="storage-notice">
                <span>{ lang.fill(Msg::StorageDamaged, &damaged.join(", ")) }</span>
                <button type="button" class="button" onclick={dismiss}>{ lang.t(Msg::Dismiss) }</button>
            </div>
        }
    });
    if !route.has_chrome() {
        return html! { <>{ notice }<Switch<Route> render={switch} /></> };
    }
    html! {
        <div class="shell">
            <Header />
            { notice }
            // tabindex=-1: the skip link can focus it without adding a tab stop.
            <main id="main" class="site-main" tabindex="-1">
                <Switch<Route> render={switch} />
            </main>
            <footer class="site-footer">
                <p>{ lang.t(Msg::Footer) }</p>
            </footer>
        </div>
    }
}
