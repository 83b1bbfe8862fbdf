//! The Gallery: example programs with zh/en titles and descriptions; one click opens an
//! example in the Playground.
//!
//! Opening writes the example into the Playground's saved program and navigates there;
//! the Playground always starts from the saved program, so there is one source of truth
//! and a reload keeps whatever the learner then edits.

use yew::prelude::*;
use yew_router::prelude::*;

use crate::components::CodeBlock;
use crate::examples::{EXAMPLES, Example};
use crate::i18n::{Lang, Msg, use_lang};
use crate::router::Route;
use crate::storage;

#[component(GalleryPage)]
pub fn gallery_page() -> Html {
    let lang = use_lang().lang;
    let navigator = use_navigator();
    html! {
        <div class="page prose-page">
            <h1 class="page-title">{ lang.t(Msg::GalleryTitle) }</h1>
            <p class="page-lead">{ lang.t(Msg::GalleryIntro) }</p>
            <ul class="card-grid">
                { for EXAMPLES.iter().map(|example| example_card(lang, example, navigator.clone())) }
            </ul>
        </div>
    }
}

fn example_card(lang: Lang, example: &'static Example, navigator: Option<Navigator>) -> Html {
    let pick = |(zh, en): (&'static str, &'static str)| if lang == Lang::Zh { zh } else { en };
    let onclick = Callback::from(move |_: MouseEvent| {
        storage::save_program(example.source);
        // An example with views or settings of its own opens through its link, which the
        // Playground reads when it mounts.
        if let Some(link) = crate::examples::opens_with(example.id) {
            if let Some(w) = web_sys::window() {
                let _ = w.location().set_hash(&link);
            }
        } else if let Some(navigator) = &navigator {
            navigator.push(&Route::Playground);
        }
    });
    html! {
        <li class="card" data-testid={format!("example-{}", example.id)}>
            <h2 class="card-title">{ pick(example.title) }</h2>
            <p class="card-text">{ pick(example.description) }</p>
            <CodeBlock class="card-code" source={preview(example.source)} />
            <button type="button" class="button button-primary card-action" {onclick}>
                { lang.t(Msg::OpenInPlayground) }
            </button>
        </li>
    }
}

/// The body of `main`, a few lines of it, as a taste of the program.
fn preview(source: &'static str) -> AttrValue {
    let body = source
        .find("func main() {")
        .map_or(source, |at| &source[at..]);
    AttrValue::from(body.lines().take(5).collect::<Vec<_>>().join("\n"))
}
