//! Light and dark themes.
//!
//! The colours themselves live in `web/style.css` as custom properties, defined once per
//! theme under `html[data-theme=...]`. This module only decides *which* theme applies —
//! the remembered choice, else the system's `prefers-color-scheme` — and writes it to
//! `<html data-theme>`. Until the wasm has loaded there is no attribute, and the CSS falls
//! back to the system preference by itself, so the page does not flash the wrong colours.

use yew::prelude::*;

use crate::storage;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Theme {
    Light,
    Dark,
}

const STORAGE_KEY: &str = "goscope.theme";

impl Theme {
    /// The value of `<html data-theme>` and of the stored preference.
    pub fn code(self) -> &'static str {
        match self {
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }

    pub fn from_code(code: &str) -> Option<Theme> {
        match code.trim() {
            "light" => Some(Theme::Light),
            "dark" => Some(Theme::Dark),
            _ => None,
        }
    }

    pub fn toggled(self) -> Theme {
        match self {
            Theme::Light => Theme::Dark,
            Theme::Dark => Theme::Light,
        }
    }

    /// The browser chrome colour (`<meta name="theme-color">`), matching `--bg` in the CSS.
    fn chrome_colour(self) -> &'static str {
        match self {
            Theme::Light => "#f7f8fa",
            Theme::Dark => "#15181e",
        }
    }
}

/// The remembered theme, else the system preference, else light.
pub fn detect() -> Theme {
    if let Some(theme) = storage::get(STORAGE_KEY).and_then(|s| Theme::from_code(&s)) {
        return theme;
    }
    let prefers_dark = web_sys::window()
        .and_then(|w| w.match_media("(prefers-color-scheme: dark)").ok().flatten())
        .is_some_and(|query| query.matches());
    if prefers_dark {
        Theme::Dark
    } else {
        Theme::Light
    }
}

/// Remembers an explicit choice for the next visit.
pub fn remember(theme: Theme) {
    storage::set(STORAGE_KEY, theme.code());
}

/// Writes the theme to `<html data-theme>` and the browser chrome colour.
pub fn apply(theme: Theme) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    if let Some(root) = document.document_element() {
        let _ = root.set_attribute("data-theme", theme.code());
    }
    // index.html carries two theme-color metas (one per system scheme); once the learner
    // has picked a theme both must follow it.
    if let Ok(metas) = document.query_selector_all("meta[name=theme-color]") {
        for i in 0..metas.length() {
            if let Some(meta) = metas.item(i)
                && let Ok(meta) = wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(meta)
            {
                let _ = meta.set_attribute("content", theme.chrome_colour());
            }
        }
    }
}

/// The theme in effect and the way to change it, provided by the App.
#[derive(Clone, PartialEq)]
pub struct ThemeContext {
    pub theme: Theme,
    pub set: Callback<Theme>,
}

/// The current theme; light with a no-op setter outside a provider.
#[hook]
pub fn use_theme() -> ThemeContext {
    use_context::<ThemeContext>().unwrap_or_else(|| ThemeContext {
        theme: Theme::Light,
        set: Callback::noop(),
    })
}

#[cfg(test)]
mod tests {
    use wasm_bindgen_test::wasm_bindgen_test;

    use super::*;

    #[wasm_bindgen_test(unsupported = test)]
    fn codes_round_trip() {
        for theme in [Theme::Light, Theme::Dark] {
            assert_eq!(Theme::from_code(theme.code()), Some(theme));
            assert_eq!(theme.toggled().toggled(), theme);
            assert_ne!(theme.toggled(), theme);
        }
        assert_eq!(Theme::from_code("sepia"), None);
    }
}
