//! Small inline SVG icons (no icon font, no extra requests). Decorative: every icon sits
//! next to text or inside a button with an `aria-label`, so all are `aria-hidden`.
//! They draw with `currentColor`, so they follow the theme through CSS.

use yew::prelude::*;

/// The goscope mark: a lens over a goroutine lane.
pub fn logo() -> Html {
    html! {
        <svg class="icon logo-mark" viewBox="0 0 32 32" width="28" height="28" aria-hidden="true" focusable="false">
            <circle cx="14" cy="14" r="9.5" fill="none" stroke="currentColor" stroke-width="2.5" />
            <path d="M21 21 L28 28" stroke="currentColor" stroke-width="3" stroke-linecap="round" />
            <path d="M8.5 14 h3 l1.5 -3.5 l2.5 7 l1.5 -3.5 h2.5" fill="none" stroke="var(--accent)" stroke-width="2" stroke-linecap="round" stroke-linejoin="round" />
        </svg>
    }
}

pub fn sun() -> Html {
    html! {
        <svg class="icon" viewBox="0 0 24 24" width="18" height="18" aria-hidden="true" focusable="false">
            <circle cx="12" cy="12" r="4.5" fill="none" stroke="currentColor" stroke-width="2" />
            <path d="M12 2v2.5M12 19.5V22M2 12h2.5M19.5 12H22M4.9 4.9l1.8 1.8M17.3 17.3l1.8 1.8M4.9 19.1l1.8-1.8M17.3 6.7l1.8-1.8"
                stroke="currentColor" stroke-width="2" stroke-linecap="round" />
        </svg>
    }
}

pub fn moon() -> Html {
    html! {
        <svg class="icon" viewBox="0 0 24 24" width="18" height="18" aria-hidden="true" focusable="false">
            <path d="M20 14.5A8.5 8.5 0 0 1 9.5 4a8.5 8.5 0 1 0 10.5 10.5z" fill="none" stroke="currentColor" stroke-width="2" stroke-linejoin="round" />
        </svg>
    }
}

pub fn globe() -> Html {
    html! {
        <svg class="icon" viewBox="0 0 24 24" width="18" height="18" aria-hidden="true" focusable="false">
            <circle cx="12" cy="12" r="9" fill="none" stroke="currentColor" stroke-width="1.8" />
            <path d="M3 12h18M12 3c2.5 2.7 3.5 5.7 3.5 9s-1 6.3-3.5 9c-2.5-2.7-3.5-5.7-3.5-9s1-6.3 3.5-9z" fill="none" stroke="currentColor" stroke-width="1.8" />
        </svg>
    }
}

pub fn play() -> Html {
    html! {
        <svg class="icon" viewBox="0 0 24 24" width="16" height="16" aria-hidden="true" focusable="false">
            <path d="M7 4.5v15l12-7.5z" fill="currentColor" />
        </svg>
    }
}

pub fn stop() -> Html {
    html! {
        <svg class="icon" viewBox="0 0 24 24" width="16" height="16" aria-hidden="true" focusable="false">
            <rect x="6" y="6" width="12" height="12" rx="1.5" fill="currentColor" />
        </svg>
    }
}

pub fn reset() -> Html {
    html! {
        <svg class="icon" viewBox="0 0 24 24" width="16" height="16" aria-hidden="true" focusable="false">
            <path d="M4 12a8 8 0 1 0 2.4-5.7M4 4v4.5h4.5" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round" />
        </svg>
    }
}
