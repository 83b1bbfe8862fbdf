//! The course author's guide (`#/embed`): share links, the iframe and loader-script
//! snippets, the attributes, the view names (with what this build has), the programs a
//! widget can name, the postMessage API and hosting. The snippets are code, not translated;
//! everything else is in `i18n.rs`. The live version of all this is `demo-course.html`.

use yew::prelude::*;

use crate::embed::{EmbedView, Source};
use crate::examples::EXAMPLES;
use crate::i18n::{Lang, Msg, use_lang};

const LOADER_EXAMPLE: &str = r#"<script src="https://YOUR-HOST/goscope/goscope-embed.js" defer></script>

<div data-goscope="scheduler" data-program="seed-worker-pool"
     data-procs="2" data-step="120"></div>

<goscope-widget view="channels" program="seed-producer-consumer"
                step="40" lang="en" theme="dark"></goscope-widget>"#;

const IFRAME_EXAMPLE: &str = r#"<iframe src="https://YOUR-HOST/goscope/#/embed/player?program=seed-done-flag-race&race=1&step=200"
        title="goscope" width="100%" height="360" loading="lazy"></iframe>"#;

const API_EXAMPLE: &str = r#"const w = document.querySelector('[data-goscope]');
w.addEventListener('goscope:step', (e) => console.log(e.detail.step, e.detail.last));
w.addEventListener('goscope:finished', () => showNextQuestion());
w.goto(42); w.play(); w.pause();

// Without the loader: the iframe's window
frame.contentWindow.postMessage({ goscope: 1, type: 'goto', step: 42 }, '*');
// ... and it posts {goscope: 1, type: 'ready' | 'step' | 'finished' | 'resize', ...}"#;

const ATTRS: [(&str, Msg); 8] = [
    ("data-goscope / view", Msg::AttrView),
    ("data-state / state", Msg::AttrState),
    ("data-program / program", Msg::AttrProgram),
    ("data-step / step", Msg::AttrStep),
    ("data-seed, data-procs", Msg::AttrSeed),
    ("data-race", Msg::AttrRace),
    ("data-lang, data-theme", Msg::AttrLangTheme),
    ("data-height", Msg::AttrHeight),
];

#[component(EmbedPage)]
pub fn embed_page() -> Html {
    let lang = use_lang().lang;
    let section = |title: Msg, text: Msg, code: &'static str| {
        html! {
            <section class="guide-section">
                <h2>{ lang.t(title) }</h2>
                <p>{ lang.t(text) }</p>
                if !code.is_empty() {
                    <pre class="guide-code"><code>{ code }</code></pre>
                }
            </section>
        }
    };
    html! {
        <div class="page prose-page guide" data-testid="guide">
            <h1 class="page-title">{ lang.t(Msg::EmbedTitle) }</h1>
            <p class="page-lead">{ lang.t(Msg::EmbedIntro) }</p>
            <p><a class="button" href="demo-course.html" data-testid="demo-link">{ lang.t(Msg::GuideDemo) }</a></p>
            { section(Msg::GuideShareTitle, Msg::GuideShareText, "") }
            { section(Msg::GuideIframeTitle, Msg::GuideIframeText, IFRAME_EXAMPLE) }
            { section(Msg::GuideLoaderTitle, Msg::GuideLoaderText, LOADER_EXAMPLE) }
            <section class="guide-section">
                <h2>{ lang.t(Msg::GuideAttrsTitle) }</h2>
                <table class="guide-table">
                    { for ATTRS.iter().map(|(attr, msg)| html! {
                        <tr><td><code>{ *attr }</code></td><td>{ lang.t(*msg) }</td></tr>
                    }) }
                </table>
            </section>
            <section class="guide-section">
                <h2>{ lang.t(Msg::GuideViewsTitle) }</h2>
                <table class="guide-table" data-testid="guide-views">
                    { for EmbedView::ALL.iter().map(|v| view_row(lang, *v)) }
                </table>
            </section>
            <section class="guide-section">
                <h2>{ lang.t(Msg::GuideProgramsTitle) }</h2>
                <table class="guide-table">
                    { for EXAMPLES.iter().map(|e| html! {
                        <tr><td><code>{ e.id }</code></td><td>{ if lang == Lang::Zh { e.title.0 } else { e.title.1 } }</td></tr>
                    }) }
                </table>
            </section>
            { section(Msg::GuideApiTitle, Msg::GuideApiText, API_EXAMPLE) }
            { section(Msg::GuideHostingTitle, Msg::GuideHostingText, "") }
        </div>
    }
}

fn view_row(lang: Lang, v: EmbedView) -> Html {
    let available = v.source() != Source::NotInBuild;
    html! {
        <tr>
            <td><code>{ v.name() }</code></td>
            <td>{ lang.t(v.title()) }</td>
            <td class={if available { "ok" } else { "muted" }}>
                { lang.t(if available { Msg::ViewAvailable } else { Msg::ViewNotInBuild }) }
            </td>
        </tr>
    }
}
