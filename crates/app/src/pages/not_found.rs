//! The page for an address that matches no route (a mistyped or outdated link).

use yew::prelude::*;

use crate::components::NavLink;
use crate::i18n::{Msg, use_lang};
use crate::router::Route;

#[component(NotFoundPage)]
pub fn not_found_page() -> Html {
    let lang = use_lang().lang;
    html! {
        <div class="page prose-page not-found">
            <h1 class="page-title">{ lang.t(Msg::NotFoundTitle) }</h1>
            <p class="page-lead">{ lang.t(Msg::NotFoundText) }</p>
            <NavLink route={Route::Playground} class="button button-primary" testid="back-home">
                { lang.t(Msg::BackToPlayground) }
            </NavLink>
        </div>
    }
}
