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
    let lang = use_state(i18n::detect);
    let theme = use_state(theme::detect);

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

/// Header, the routed page and footer.
#[component(Shell)]
fn shell() -> Html {
    let lang = use_lang().lang;
    let route = use_route::<Route>().unwrap_or(Route::NotFound);
    if !route.has_chrome() {
        return html! { <Switch<Route> render={switch} /> };
    }
    html! {
        <div class="shell">
            <Header />
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
