//! The page side of a lazy lab: fetch the lab's module when its route is shown, mount it,
//! keep its language in step with the page, and unmount it when the route leaves.
//!
//! The module's address comes from a `<meta name="goscope-lab" data-lab="<slug>"
//! content="labs/<slug>-<hash>/lab.js">` tag that `cargo xtask labs` writes into
//! `index.html`; it is resolved against the document's base URL, so the site keeps working
//! under any sub-path. Only the dynamic `import()` itself needs JavaScript (Rust cannot
//! express it): a two-line snippet that wasm-bindgen emits as a module file, so the page stays
//! free of inline scripts and `eval` (the strict CSP of issue 10).
//!
//! States: loading (a status line), mounted (the lab renders into its own element, which this
//! component never re-renders children into), failed (the reason and a retry button; a build
//! without the lab, e.g. the browser tests, says so instead of spinning forever).

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::prelude::*;
use yew::prelude::*;

use super::LabId;
use crate::i18n::{Msg, use_lang};

#[wasm_bindgen(inline_js = "
export async function goscope_import_lab(url) {
  const module = await import(url);
  await module.default();
  return module;
}
")]
extern "C" {
    /// Imports the wasm-bindgen module at `url` and instantiates its wasm.
    fn goscope_import_lab(url: &str) -> js_sys::Promise;
}

/// The absolute URL of the lab's module, from its `<meta>` tag, if this build has it.
pub fn module_url(lab: LabId) -> Option<String> {
    let document = web_sys::window()?.document()?;
    let metas = document
        .query_selector_all("meta[name=\"goscope-lab\"]")
        .ok()?;
    let base = document.base_uri().ok().flatten()?;
    (0..metas.length())
        .filter_map(|i| metas.item(i))
        .filter_map(|node| node.dyn_into::<web_sys::Element>().ok())
        .find(|meta| meta.get_attribute("data-lab").as_deref() == Some(lab.slug()))
        .and_then(|meta| meta.get_attribute("content"))
        .and_then(|path| web_sys::Url::new_with_base(&path, &base).ok())
        .map(|url| url.href())
}

#[derive(Clone, PartialEq)]
enum Status {
    Loading,
    Mounted,
    /// This build has no module for the lab.
    Missing,
    /// The import or the mount failed (offline, a stale cache, a bug): the reason.
    Failed(String),
}

#[derive(Properties, PartialEq)]
pub struct LazyLabProps {
    pub lab: LabId,
    /// Mount the lab's embedded widget (its module's `mount_widget`) instead of its page:
    /// the widget page of embed mode (`pages/widget.rs`).
    #[prop_or_default]
    pub widget: bool,
}

/// Loads and shows a lab built as its own module; see the module docs.
#[component(LazyLab)]
pub fn lazy_lab(props: &LazyLabProps) -> Html {
    let lang = use_lang().lang;
    let status = use_state(|| Status::Loading);
    let attempt = use_state(|| 0u32);
    let container = use_node_ref();
    // The lab's `LabHandle` (a JS object) once mounted; read by the language effect.
    let handle: Rc<RefCell<Option<JsValue>>> = use_mut_ref(|| None);

    {
        let status = status.clone();
        let container = container.clone();
        let handle = handle.clone();
        let entry = if props.widget {
            "mount_widget"
        } else {
            "mount"
        };
        use_effect_with((props.lab, *attempt), move |&(lab, _)| {
            let cancelled = Rc::new(RefCell::new(false));
            status.set(Status::Loading);
            match module_url(lab) {
                None => status.set(Status::Missing),
                Some(url) => {
                    let cancelled = cancelled.clone();
                    let handle = handle.clone();
                    yew::platform::spawn_local(async move {
                        let result = load(&url, &container, lang_code_now(), entry).await;
                        if *cancelled.borrow() {
                            if let Ok(h) = result {
                                destroy(&h);
                            }
                            return;
                        }
                        match result {
                            Ok(h) => {
                                *handle.borrow_mut() = Some(h);
                                status.set(Status::Mounted);
                            }
                            Err(reason) => status.set(Status::Failed(reason)),
                        }
                    });
                }
            }
            move || {
                *cancelled.borrow_mut() = true;
                if let Some(h) = handle.borrow_mut().take() {
                    destroy(&h);
                }
            }
        });
    }

    {
        let handle = handle.clone();
        use_effect_with(lang, move |lang| {
            if let Some(h) = handle.borrow().as_ref() {
                let _ = call(h, "set_lang", &[JsValue::from_str(lang.code())]);
            }
        });
    }

    let retry = {
        let attempt = attempt.clone();
        Callback::from(move |_: MouseEvent| attempt.set(*attempt + 1))
    };
    let notice = match &*status {
        Status::Mounted => Html::default(),
        Status::Loading => html! {
            <p class="lab-status" role="status" data-testid="lab-loading">{ lang.t(Msg::LabLoading) }</p>
        },
        Status::Missing => html! {
            <p class="lab-status lab-status-error" role="alert" data-testid="lab-missing">
                { lang.t(Msg::LabMissing) }
            </p>
        },
        Status::Failed(reason) => html! {
            <div class="lab-status lab-status-error" role="alert" data-testid="lab-failed">
                <p>{ lang.t(Msg::LabLoadFailed) }</p>
                <p class="lab-status-reason">{ reason.clone() }</p>
                <button type="button" class="button" onclick={retry}>{ lang.t(Msg::Retry) }</button>
            </div>
        },
    };
    html! {
        <>
            { notice }
            <div class="lazy-lab" data-lab={props.lab.slug()} ref={container}></div>
        </>
    }
}

/// The page's language code at the moment of mounting (the effect's captured value may be
/// a render old by the time the import resolves).
fn lang_code_now() -> String {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
        .and_then(|e| e.get_attribute("lang"))
        .unwrap_or_else(|| "en".into())
}

async fn load(
    url: &str,
    container: &NodeRef,
    lang: String,
    entry: &str,
) -> Result<JsValue, String> {
    let module = wasm_bindgen_futures::JsFuture::from(goscope_import_lab(url))
        .await
        .map_err(|e| describe(&e))?;
    let root = container
        .cast::<web_sys::Element>()
        .ok_or_else(|| "the lab's element is gone".to_string())?;
    call(&module, entry, &[root.into(), JsValue::from_str(&lang)])
}

fn destroy(handle: &JsValue) {
    let _ = call(handle, "destroy", &[]);
    let _ = call(handle, "free", &[]);
}

/// Calls `target[name](...args)`, turning a missing method or a throw into a message.
fn call(target: &JsValue, name: &str, args: &[JsValue]) -> Result<JsValue, String> {
    let f = js_sys::Reflect::get(target, &JsValue::from_str(name)).map_err(|e| describe(&e))?;
    let f: js_sys::Function = f
        .dyn_into()
        .map_err(|_| format!("the lab module has no `{name}`"))?;
    let args: js_sys::Array = args.iter().collect();
    f.apply(target, &args).map_err(|e| describe(&e))
}

fn describe(error: &JsValue) -> String {
    error
        .dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| error.as_string())
        .unwrap_or_else(|| "unknown error".into())
}
