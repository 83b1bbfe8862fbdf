//! The Gallery: example programs with zh/en titles and descriptions; one click opens an
//! example in the Playground.
//!
//! Opening is a link to the Playground with the example's plain share parameters
//! (`#/?program=ID&procs=4&views=scheduler,timeline`, see `crate::share`): the Playground
//! loads the example, applies its settings, opens its views and runs it, exactly as a shared
//! link does — so a course page can link to the same state, and the fragment is relative,
//! which works under any sub-path.

use yew::prelude::*;

use crate::components::CodeBlock;
use crate::examples::{EXAMPLES, Example};
use crate::i18n::{Lang, Msg, use_lang};

#[component(GalleryPage)]
pub fn gallery_page() -> Html {
    let lang = use_lang().lang;
    html! {
        <div class="page prose-page">
            <h1 class="page-title">{ lang.t(Msg::GalleryTitle) }</h1>
            <p class="page-lead">{ lang.t(Msg::GalleryIntro) }</p>
            <ul class="card-grid">
                { for EXAMPLES.iter().map(|example| example_card(lang, example)) }
            </ul>
        </div>
    }
}

fn example_card(lang: Lang, example: &'static Example) -> Html {
    let pick = |(zh, en): (&'static str, &'static str)| if lang == Lang::Zh { zh } else { en };
    html! {
        <li class="card" data-testid={format!("example-{}", example.id)}>
            <h2 class="card-title">{ pick(example.title) }</h2>
            <p class="card-text">{ pick(example.description) }</p>
            <CodeBlock class="card-code" source={preview(example.source)} />
            <a class="button button-primary card-action" href={example.link()}
                data-testid={format!("open-{}", example.id)}>
                { lang.t(Msg::OpenInPlayground) }
            </a>
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
