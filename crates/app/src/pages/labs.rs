//! The Labs page: the labs, each either open (a link) or honestly marked "coming soon".
//! No fake functionality: a card without a route only says what the lab will let a learner
//! see.

use yew::prelude::*;

use crate::i18n::{Msg, use_lang};
use crate::router::Route;

/// `(title, description, route once built)` of each lab, in the order of the course.
const LABS: &[(Msg, Msg, Option<Route>)] = &[
    (Msg::LabSchedulerTitle, Msg::LabSchedulerDesc, None),
    (Msg::LabMemoryTitle, Msg::LabMemoryDesc, None),
    (Msg::LabGcTitle, Msg::LabGcDesc, None),
    (
        Msg::LabModulesTitle,
        Msg::LabModulesDesc,
        Some(Route::LabModules),
    ),
    (Msg::LabApiTitle, Msg::LabApiDesc, Some(Route::LabApi)),
    (Msg::LabSagaTitle, Msg::LabSagaDesc, Some(Route::SagaLab)),
    (
        Msg::LabOperatorTitle,
        Msg::LabOperatorDesc,
        Some(Route::LabOperator),
    ),
];

/// The test id of a lab card's link (`open-saga-lab`).
fn lab_testid(route: Route) -> &'static str {
    match route {
        Route::LabApi => "open-api-lab",
        Route::LabOperator => "open-operator-lab",
        Route::LabModules => "open-modules-lab",
        _ => "open-saga-lab",
    }
}

#[component(LabsPage)]
pub fn labs_page() -> Html {
    let lang = use_lang().lang;
    html! {
        <div class="page prose-page">
            <h1 class="page-title">{ lang.t(Msg::LabsTitle) }</h1>
            <p class="page-lead">{ lang.t(Msg::LabsIntro) }</p>
            <ul class="card-grid">
                { for LABS.iter().map(|&(title, desc, route)| match route {
                    Some(route) => html! {
                        <li class="card">
                            <h2 class="card-title">{ lang.t(title) }</h2>
                            <p class="card-text">{ lang.t(desc) }</p>
                            <a class="button button-primary card-action" href={route.href()}
                                data-testid={lab_testid(route)}>{ lang.t(Msg::OpenLab) }</a>
                        </li>
                    },
                    None => html! {
                        <li class="card card-muted">
                            <span class="badge">{ lang.t(Msg::ComingSoon) }</span>
                            <h2 class="card-title">{ lang.t(title) }</h2>
                            <p class="card-text">{ lang.t(desc) }</p>
                        </li>
                    },
                }) }
            </ul>
        </div>
    }
}
