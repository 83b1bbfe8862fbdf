//! "Share" and "Copy embed code": the link to this exact state, and the iframe and
//! loader-script snippets for one of the page's views (`crate::share`, `crate::embed`).
//!
//! Copying selects the text field and uses `execCommand("copy")`: synchronous, allowed in
//! a click handler, and with no promise to reject where the Clipboard API is denied (an
//! iframe, a headless browser). When it fails, the text stays selected with a hint to press
//! Ctrl+C — the link is always visible, so nothing depends on the clipboard.

use std::rc::Rc;

use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::embed::{EmbedView, iframe_snippet, loader_snippet, site_base};
use crate::i18n::{Msg, use_lang};
use crate::share::{self, ShareState};
use crate::theme::use_theme;

#[derive(Properties, PartialEq)]
pub struct SharePanelProps {
    /// The page's state (language and theme are added here, from the context).
    pub state: Rc<ShareState>,
    /// The route the link opens, without `#/` (`""` for the Playground, `"labs/saga"`).
    pub page: &'static str,
    /// The views "Copy embed code" offers; the first is the default.
    pub views: &'static [EmbedView],
}

#[derive(Clone, Copy, PartialEq)]
enum Open {
    Link,
    Embed,
}

/// Selects the text of `field` and copies it; returns the status message to show.
fn copy(field: &NodeRef) -> Msg {
    if let Some(input) = field.cast::<web_sys::HtmlInputElement>() {
        input.select();
    } else if let Some(area) = field.cast::<web_sys::HtmlTextAreaElement>() {
        area.select();
    }
    let copied = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.dyn_into::<web_sys::HtmlDocument>().ok())
        .is_some_and(|d| d.exec_command("copy") == Ok(true));
    if copied {
        Msg::Copied
    } else {
        Msg::CopyManually
    }
}

#[component(SharePanel)]
pub fn share_panel(props: &SharePanelProps) -> Html {
    let lang = use_lang().lang;
    let theme = use_theme().theme;
    let open = use_state(|| None::<Open>);
    let view = use_state(|| props.views.first().copied().unwrap_or(EmbedView::Player));
    let status = use_state(|| None::<Msg>);
    let link_field = use_node_ref();
    let iframe_field = use_node_ref();
    let loader_field = use_node_ref();

    let mut state = (*props.state).clone();
    state.lang = Some(lang);
    state.theme = Some(theme);
    let href = web_sys::window()
        .and_then(|w| w.location().href().ok())
        .unwrap_or_default();
    let base = site_base(&href).to_owned();
    let link = format!("{base}#/{}?s={}", props.page, share::encode(&state));
    state.view = Some(view.name().to_owned());
    let payload = share::encode(&state);

    // The Share button copies as soon as the link field exists.
    {
        let status = status.clone();
        let field = link_field.clone();
        use_effect_with(*open, move |open| {
            if *open == Some(Open::Link) {
                status.set(Some(copy(&field)));
            }
        });
    }
    let toggle = |which: Open| {
        let open = open.clone();
        let status = status.clone();
        Callback::from(move |_: MouseEvent| {
            status.set(None);
            open.set(if *open == Some(which) {
                None
            } else {
                Some(which)
            });
        })
    };
    let copy_button = |field: &NodeRef, testid: &'static str| {
        let field = field.clone();
        let status = status.clone();
        let onclick = Callback::from(move |_: MouseEvent| status.set(Some(copy(&field))));
        html! { <button type="button" class="button" data-testid={testid} {onclick}>{ lang.t(Msg::Copy) }</button> }
    };
    let on_view = {
        let view = view.clone();
        Callback::from(move |e: Event| {
            let s: web_sys::HtmlSelectElement = e.target_unchecked_into();
            view.set(s.value().parse().unwrap_or(EmbedView::Player));
        })
    };
    html! {
        <div class="share">
            <div class="share-buttons">
                <button type="button" class="button" data-testid="share" title={lang.t(Msg::ShareTitle)}
                    onclick={toggle(Open::Link)}>{ lang.t(Msg::Share) }</button>
                <button type="button" class="button" data-testid="embed-code"
                    onclick={toggle(Open::Embed)}>{ lang.t(Msg::CopyEmbedCode) }</button>
            </div>
            if *open == Some(Open::Link) {
                <div class="panel share-panel">
                    <label class="share-field">
                        <span>{ lang.t(Msg::ShareLinkLabel) }</span>
                        <input ref={link_field.clone()} type="text" readonly=true value={link} data-testid="share-link" />
                    </label>
                    { copy_button(&link_field, "copy-link") }
                </div>
            }
            if *open == Some(Open::Embed) {
                <div class="panel share-panel">
                    <label class="player-field">
                        <span>{ lang.t(Msg::EmbedViewLabel) }</span>
                        <select data-testid="embed-view" onchange={on_view}>
                            { for props.views.iter().map(|v| html! {
                                <option value={v.name()} selected={*v == *view}>{ lang.t(v.title()) }</option>
                            }) }
                        </select>
                    </label>
                    <label class="share-field">
                        <span>{ lang.t(Msg::EmbedIframeLabel) }</span>
                        <textarea ref={iframe_field.clone()} readonly=true rows="3" data-testid="iframe-snippet"
                            value={iframe_snippet(&base, *view, &payload, 420)} />
                    </label>
                    { copy_button(&iframe_field, "copy-iframe") }
                    <label class="share-field">
                        <span>{ lang.t(Msg::EmbedLoaderLabel) }</span>
                        <textarea ref={loader_field.clone()} readonly=true rows="3" data-testid="loader-snippet"
                            value={loader_snippet(&base, *view, &payload)} />
                    </label>
                    { copy_button(&loader_field, "copy-loader") }
                </div>
            }
            if let Some(msg) = *status {
                <p class="share-status" role="status" data-testid="share-status">{ lang.t(msg) }</p>
            }
        </div>
    }
}
