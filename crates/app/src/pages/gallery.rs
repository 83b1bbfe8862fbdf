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
use crate::examples::{Chapter, EXAMPLES, Example};
use crate::i18n::{Lang, Msg, use_lang};

#[component(GalleryPage)]
pub fn gallery_page() -> Html {
    let lang = use_lang().lang;
    // `#/gallery?chapter=2.2` (an explanation's chapter link) scrolls to that section — after
    // this render has been laid out (a timeout), not in the middle of the route change.
    use_effect_with((), |_| {
        let timer = gloo::timers::callback::Timeout::new(0, scroll_to_chapter);
        move || drop(timer)
    });
    let sections = Chapter::ALL.into_iter().filter_map(|chapter| {
        let examples: Vec<&'static Example> =
            EXAMPLES.iter().filter(|e| e.chapter == chapter).collect();
        (!examples.is_empty()).then(|| {
            html! {
                <section class="gallery-chapter" id={section_id(chapter)}
                    data-testid={format!("chapter-{}", chapter.id())}>
                    <h2 class="gallery-chapter-title">{ lang.t(chapter.title()) }</h2>
                    <ul class="card-grid">
                        { for examples.into_iter().map(|example| example_card(lang, example)) }
                    </ul>
                </section>
            }
        })
    });
    html! {
        <div class="page prose-page">
            <h1 class="page-title">{ lang.t(Msg::GalleryTitle) }</h1>
            <p class="page-lead">{ lang.t(Msg::GalleryIntro) }</p>
            { for sections }
        </div>
    }
}

/// Scrolls to the section the fragment's `chapter=` names, if any.
fn scroll_to_chapter() {
    let window = web_sys::window();
    let hash = window
        .as_ref()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default();
    let wanted = hash
        .split_once("chapter=")
        .and_then(|(_, rest)| Chapter::from_id(rest.split('&').next().unwrap_or("")));
    if let Some(chapter) = wanted
        && let Some(section) = window
            .and_then(|w| w.document())
            .and_then(|d| d.get_element_by_id(&section_id(chapter)))
    {
        section.scroll_into_view();
    }
}

/// The element id of a chapter's section (`ch-2-2`: ids with dots need escaping in CSS).
fn section_id(chapter: Chapter) -> String {
    format!("ch-{}", chapter.id().replace('.', "-"))
}

fn example_card(lang: Lang, example: &'static Example) -> Html {
    let pick = |(zh, en): (&'static str, &'static str)| if lang == Lang::Zh { zh } else { en };
    html! {
        <li class="card" data-testid={format!("example-{}", example.id)}>
            <h3 class="card-title">{ pick(example.title) }</h3>
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
