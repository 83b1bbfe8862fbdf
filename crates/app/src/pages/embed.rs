//! The Embed page: what embedding goscope in course pages will offer, marked "coming soon".
//! (Embed mode itself — chrome-less widgets, share links, the loader script — is a later
//! issue; this page only explains it.)

use yew::prelude::*;

use crate::i18n::{Msg, use_lang};

#[component(EmbedPage)]
pub fn embed_page() -> Html {
    let lang = use_lang().lang;
    html! {
        <div class="page prose-page">
            <h1 class="page-title">
                { lang.t(Msg::EmbedTitle) }
                <span class="badge">{ lang.t(Msg::ComingSoon) }</span>
            </h1>
            <p class="page-lead">{ lang.t(Msg::EmbedIntro) }</p>
            <ul class="point-list">
                <li>{ lang.t(Msg::EmbedPointLink) }</li>
                <li>{ lang.t(Msg::EmbedPointIframe) }</li>
                <li>{ lang.t(Msg::EmbedPointStatic) }</li>
            </ul>
        </div>
    }
}
