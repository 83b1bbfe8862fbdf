//! Helpers for the browser tests: mount the real App into a fresh element, find things by
//! `data-testid`, type into the editor the way a browser does, and wait for renders.
//!
//! Each test starts from a clean slate: storage keys cleared (then optionally preset),
//! location fragment reset to `#/`, a new root element. Yew renders asynchronously, so
//! assertions about the DOM go through [`Mounted::wait_until`], which polls and fails with a
//! description and the current page text if the condition never holds.

#![allow(dead_code)] // each test binary uses a different subset

use gloo::timers::future::TimeoutFuture;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, HtmlTextAreaElement};
use yew::AppHandle;

use app::App;

/// How long a condition may take to become true.
const WAIT_MS: u32 = 8_000;
const POLL_MS: u32 = 15;

pub async fn sleep(ms: u32) {
    TimeoutFuture::new(ms).await;
}

pub fn document() -> web_sys::Document {
    web_sys::window()
        .expect("window")
        .document()
        .expect("document")
}

/// `<html>`'s attribute, e.g. `lang` or `data-theme`.
pub fn html_attr(name: &str) -> Option<String> {
    document()
        .document_element()
        .and_then(|e| e.get_attribute(name))
}

/// The value stored under `key`, read from local storage itself and unsealed (see
/// `app::storage::seal`).
pub fn stored(key: &str) -> Option<String> {
    let raw = web_sys::window()
        .unwrap()
        .local_storage()
        .unwrap()
        .unwrap()
        .get_item(key)
        .unwrap()?;
    Some(app::storage::unseal(&raw).expect("intact stored value"))
}

pub struct Mounted {
    pub root: Element,
    handle: Option<AppHandle<App>>,
    lab: Option<app::labs::host::LabHandle>,
}

impl Mounted {
    /// Mounts the App at `#{fragment}` with these storage values preset.
    pub async fn at(fragment: &str, preset: &[(&str, &str)]) -> Mounted {
        let mounted = Mounted::mount_at(fragment, preset).await;
        mounted
            .wait_until("the header to render", |m| m.find("lang-switch").is_some())
            .await;
        mounted
    }

    /// Mounts an embedded widget (no header) at `#{fragment}`.
    pub async fn widget(fragment: &str) -> Mounted {
        let mounted = Mounted::mount_at(fragment, &[]).await;
        mounted
            .wait_until("the widget to render", |m| m.find("embed").is_some())
            .await;
        mounted
    }

    async fn mount_at(fragment: &str, preset: &[(&str, &str)]) -> Mounted {
        // A previous test's App is destroyed asynchronously and saves its program as it
        // goes: let that finish before clearing storage.
        sleep(4 * POLL_MS).await;
        let storage = web_sys::window().unwrap().local_storage().unwrap().unwrap();
        for key in app::storage::ALL_KEYS {
            storage.remove_item(key).unwrap();
        }
        for (key, value) in preset {
            storage.set_item(key, value).unwrap();
        }
        web_sys::window()
            .unwrap()
            .location()
            .set_hash(fragment)
            .unwrap();
        sleep(POLL_MS).await; // let the hashchange settle before the router reads it
        let root = document().create_element("div").unwrap();
        document().body().unwrap().append_child(&root).unwrap();
        let handle = app::mount(root.clone());
        Mounted {
            root,
            handle: Some(handle),
            lab: None,
        }
    }

    /// Mounts a lab's root component `C` the way its lazily loaded module does
    /// (`app::labs::host::mount`), in English. (The browser tests run without `dist/`, so
    /// the page's `LazyLab` has no module to fetch; the built site's e2e check covers that.)
    pub async fn lab<C: yew::BaseComponent<Properties = ()>>() -> Mounted {
        Mounted::lab_at::<C>("#/").await
    }

    /// Mounts a lab's root component `C` with storage cleared and the page at `fragment` (a
    /// lab link, as a widget's "Open in goscope" writes it).
    pub async fn lab_at<C: yew::BaseComponent<Properties = ()>>(fragment: &str) -> Mounted {
        sleep(4 * POLL_MS).await;
        let storage = web_sys::window().unwrap().local_storage().unwrap().unwrap();
        for key in app::storage::ALL_KEYS {
            storage.remove_item(key).unwrap();
        }
        web_sys::window()
            .unwrap()
            .location()
            .set_hash(fragment)
            .unwrap();
        Mounted::lab_keeping_storage::<C>().await
    }

    /// Mounts a lab's root component without clearing storage (a reload, as the learner sees it).
    pub async fn lab_keeping_storage<C: yew::BaseComponent<Properties = ()>>() -> Mounted {
        sleep(4 * POLL_MS).await;
        let root = document().create_element("div").unwrap();
        document().body().unwrap().append_child(&root).unwrap();
        let lab = app::labs::host::mount::<C>(root.clone(), "en");
        Mounted {
            root,
            handle: None,
            lab: Some(lab),
        }
    }

    /// Mounts the App on the Playground, in English.
    pub async fn playground() -> Mounted {
        Mounted::at("#/", &[("goscope.lang", "en"), ("goscope.theme", "light")]).await
    }

    /// The element with this `data-testid`, if rendered.
    pub fn find(&self, testid: &str) -> Option<HtmlElement> {
        self.query(&format!("[data-testid=\"{testid}\"]"))
    }

    pub fn get(&self, testid: &str) -> HtmlElement {
        self.find(testid).unwrap_or_else(|| {
            panic!(
                "no element with data-testid={testid}; page: {}",
                self.text()
            )
        })
    }

    pub fn query(&self, selector: &str) -> Option<HtmlElement> {
        self.root
            .query_selector(selector)
            .unwrap()
            .and_then(|e| e.dyn_into::<HtmlElement>().ok())
    }

    pub fn count(&self, selector: &str) -> u32 {
        self.root.query_selector_all(selector).unwrap().length()
    }

    /// All visible text of the app.
    pub fn text(&self) -> String {
        self.root.text_content().unwrap_or_default()
    }

    pub fn text_of(&self, testid: &str) -> String {
        self.find(testid)
            .and_then(|e| e.text_content())
            .unwrap_or_default()
    }

    pub fn editor(&self) -> HtmlTextAreaElement {
        self.get("editor").dyn_into().expect("editor is a textarea")
    }

    /// Replaces the editor's text as typing would: set the value, fire a bubbling `input`.
    pub fn type_program(&self, source: &str) {
        let editor = self.editor();
        editor.set_value(source);
        let init = web_sys::InputEventInit::new();
        init.set_bubbles(true);
        let event = web_sys::InputEvent::new_with_event_init_dict("input", &init).unwrap();
        editor.dispatch_event(&event).unwrap();
    }

    /// Sends a keydown to the editor; returns whether the app prevented the default.
    pub fn key(&self, key: &str, ctrl: bool) -> bool {
        let init = web_sys::KeyboardEventInit::new();
        init.set_key(key);
        init.set_ctrl_key(ctrl);
        init.set_bubbles(true);
        init.set_cancelable(true);
        let event =
            web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap();
        !self.editor().dispatch_event(&event).unwrap()
    }

    /// Sets the value of the text field (`<input>` or `<textarea>`) with this test id and
    /// fires `input`, as typing would.
    pub fn input(&self, testid: &str, value: &str) {
        let el = self.get(testid);
        if let Some(t) = el.dyn_ref::<HtmlTextAreaElement>() {
            t.set_value(value);
        } else if let Some(i) = el.dyn_ref::<web_sys::HtmlInputElement>() {
            i.set_value(value);
        }
        let init = web_sys::InputEventInit::new();
        init.set_bubbles(true);
        el.dispatch_event(&web_sys::InputEvent::new_with_event_init_dict("input", &init).unwrap())
            .unwrap();
    }

    /// Sets the value of the `<input>` or `<select>` with this test id and fires `change`, as
    /// picking an option or leaving the field would.
    pub fn change(&self, testid: &str, value: &str) {
        let el = self.get(testid);
        if let Some(i) = el.dyn_ref::<web_sys::HtmlInputElement>() {
            i.set_value(value);
        } else if let Some(s) = el.dyn_ref::<web_sys::HtmlSelectElement>() {
            s.set_value(value);
        }
        let init = web_sys::EventInit::new();
        init.set_bubbles(true);
        el.dispatch_event(&web_sys::Event::new_with_event_init_dict("change", &init).unwrap())
            .unwrap();
    }

    pub fn click(&self, testid: &str) {
        self.get(testid).click();
    }

    /// Polls `cond` until it holds; panics with `what` and the page text after [`WAIT_MS`].
    pub async fn wait_until(&self, what: &str, cond: impl Fn(&Mounted) -> bool) {
        let mut waited = 0;
        while !cond(self) {
            if waited >= WAIT_MS {
                panic!("timed out waiting for {what}; page text: {:?}", self.text());
            }
            sleep(POLL_MS).await;
            waited += POLL_MS;
        }
    }
}

impl Drop for Mounted {
    fn drop(&mut self) {
        if let Some(handle) = self.handle.take() {
            handle.destroy();
        }
        if let Some(mut lab) = self.lab.take() {
            lab.destroy();
        }
        self.root.remove();
    }
}
