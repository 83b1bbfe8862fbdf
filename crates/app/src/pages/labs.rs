//! The Labs page: an honest list of the labs being built, each marked "coming soon".
//! No fake functionality: each card only says what the lab will let a learner see.

use yew::prelude::*;

use crate::i18n::{Msg, use_lang};

/// `(title, description)` of each planned lab, in the order of the course.
const LABS: &[(Msg, Msg)] = &[
    (Msg::LabSchedulerTitle, Msg::LabSchedulerDesc),
    (Msg::LabMemoryTitle, Msg::LabMemoryDesc),
    (Msg::LabGcTitle, Msg::LabGcDesc),
    (Msg::LabApiTitle, Msg::LabApiDesc),
    (Msg::LabSagaTitle, Msg::LabSagaDesc),
    (Msg::LabOperatorTitle, Msg::LabOperatorDesc),
];

#[component(LabsPage)]
pub fn labs_page() -> Html {
    let lang = use_lang().lang;
    html! {
        <div class="page prose-page">
            <h1 class="page-title">{ lang.t(Msg::LabsTitle) }</h1>
            <p class="page-lead">{ lang.t(Msg::LabsIntro) }</p>
            <ul class="card-grid">
                { for LABS.iter().map(|&(title, desc)| html! {
                    <li class="card card-muted">
                        <span class="badge">{ lang.t(Msg::ComingSoon) }</span>
                        <h2 class="card-title">{ lang.t(title) }</h2>
                        <p class="card-text">{ lang.t(desc) }</p>
                    </li>
                }) }
            </ul>
        </div>
    }
}
