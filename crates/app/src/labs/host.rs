//! The lab side of a lazy lab: mounting a lab's root component into an element the page
//! gives it.
//!
//! A lab module is a separate yew app in the same document: it shares the page's CSS (and so
//! the theme, which lives in `<html data-theme>`), but not its Rust state. The language is
//! the one thing a lab renders differently, so the page passes it at mount and again on every
//! change ([`LabHandle::set_lang`]); the lab's components read it through the usual
//! [`use_lang`](crate::i18n::use_lang) context. Nothing else crosses the module boundary, which
//! keeps it a two-function contract: `mount(element, lang) -> LabHandle`, then
//! `set_lang`/`destroy`.

use std::marker::PhantomData;

use wasm_bindgen::prelude::*;
use yew::prelude::*;

use crate::i18n::{Lang, LangContext};

/// Properties of [`LabRoot`]: the language in effect on the page.
#[derive(Properties, PartialEq, Clone)]
pub struct LabRootProps {
    pub lang: Lang,
}

/// Provides the language context and renders the lab `C`.
pub struct LabRoot<C: BaseComponent<Properties = ()>>(PhantomData<C>);

impl<C: BaseComponent<Properties = ()>> Component for LabRoot<C> {
    type Message = ();
    type Properties = LabRootProps;

    fn create(_: &Context<Self>) -> Self {
        LabRoot(PhantomData)
    }

    fn view(&self, ctx: &Context<Self>) -> Html {
        let context = LangContext {
            lang: ctx.props().lang,
            // The page's header owns the switch; a lab never changes the language itself.
            set: Callback::noop(),
        };
        html! {
            <ContextProvider<LangContext> {context}>
                <C />
            </ContextProvider<LangContext>>
        }
    }
}

/// What the page holds of a mounted lab.
trait MountedLab {
    fn set_lang(&mut self, lang: Lang);
    fn destroy(self: Box<Self>);
}

impl<C: BaseComponent<Properties = ()>> MountedLab for yew::AppHandle<LabRoot<C>> {
    fn set_lang(&mut self, lang: Lang) {
        self.update(LabRootProps { lang });
    }

    fn destroy(self: Box<Self>) {
        (*self).destroy();
    }
}

/// A mounted lab, as the page sees it across the module boundary.
#[wasm_bindgen]
pub struct LabHandle {
    inner: Option<Box<dyn MountedLab>>,
}

#[wasm_bindgen]
impl LabHandle {
    /// Re-renders the lab in the language with this code (`zh`/`en`); unknown codes are
    /// ignored rather than guessed.
    pub fn set_lang(&mut self, code: &str) {
        if let (Some(inner), Some(lang)) = (self.inner.as_mut(), Lang::from_tag(code)) {
            inner.set_lang(lang);
        }
    }

    /// Unmounts the lab (the page is leaving its route). Safe to call twice.
    pub fn destroy(&mut self) {
        if let Some(inner) = self.inner.take() {
            inner.destroy();
        }
    }
}

/// Renders the lab `C` into `root` in the language with this code (English if unknown),
/// with the crash notice installed. Called by each lab bin's exported `mount`, and by tests.
pub fn mount<C: BaseComponent<Properties = ()>>(root: web_sys::Element, lang: &str) -> LabHandle {
    crate::panic::install_hook();
    skip_the_pages_subtree_id();
    let lang = Lang::from_tag(lang).unwrap_or(Lang::En);
    let props = LabRootProps { lang };
    let handle = yew::Renderer::<LabRoot<C>>::with_root_and_props(root, props).render();
    LabHandle {
        inner: Some(Box::new(handle)),
    }
}

/// An empty component, mounted once to use up a subtree id (see below).
#[function_component(Spacer)]
fn spacer() -> Html {
    html! {}
}

/// Keeps this module's yew subtree ids apart from the page's.
///
/// The page and a lab are two yew runtimes in one document, and each numbers its app roots
/// from 1 and brands the root element with that number (`__yew_subtree_id`). yew handles
/// events in the capture phase at every app root and lets the *closest branded* ancestor's
/// tree handle an event: with both roots numbered 1, the page took a click inside the lab
/// for its own and ran whichever page listener has the lab element's listener id (a click
/// on the lab's Play button switched the theme or opened #/embed). The page has exactly one
/// root (no portals), number 1; a lab module uses up number 1 on a detached element before
/// its first mount, so its roots are 2, 3, ... and the page's handler leaves them alone.
fn skip_the_pages_subtree_id() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        if let Some(el) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.create_element("div").ok())
        {
            yew::Renderer::<Spacer>::with_root(el).render().destroy();
        }
    });
}
