//! The collector's knobs under the Playground's run settings: a GOGC slider, a GOMEMLIMIT
//! slider and the write-barrier toggle. They are the environment variables `GOGC` and
//! `GOMEMLIMIT` of `runtime/mgcpacer.go` (the heap goal is the marked heap × (1 + GOGC/100),
//! capped by the memory limit) and a switch Go does not have: turning the hybrid write
//! barrier off shows the object it exists to save being freed while still in use.
//!
//! Each change is one `GcSettings` handed to `on_change` when the learner lets go of a slider
//! (`change`, not `input`), and the page re-runs the program with it, so a drag does not start
//! a dozen runs.

use yew::prelude::*;

use crate::i18n::{Lang, Msg};
use crate::share::GcSettings;

/// GOGC's slider: 25…400 in steps of 25; one more notch past 400 is `off`.
const GOGC_MAX: i32 = 400;
const GOGC_STEP: i32 = 25;
/// GOMEMLIMIT's slider in MiB: 0 is "no limit".
const MEMLIMIT_MAX_MIB: u64 = 32;

/// The knobs showing `gc`; `on_compare` asks for the GOGC 50/100/200 comparison.
pub fn gc_settings(
    lang: Lang,
    gc: GcSettings,
    on_change: &Callback<GcSettings>,
    on_compare: &Callback<()>,
) -> Html {
    let on_gogc = {
        let on_change = on_change.clone();
        Callback::from(move |e: Event| {
            let s: web_sys::HtmlInputElement = e.target_unchecked_into();
            let v: i32 = s.value().parse().unwrap_or(100);
            let gogc = if v > GOGC_MAX { -1 } else { v };
            on_change.emit(GcSettings { gogc, ..gc });
        })
    };
    let on_limit = {
        let on_change = on_change.clone();
        Callback::from(move |e: Event| {
            let s: web_sys::HtmlInputElement = e.target_unchecked_into();
            let mib: u64 = s.value().parse().unwrap_or(0);
            let memlimit = (mib > 0).then_some(mib << 20);
            on_change.emit(GcSettings { memlimit, ..gc });
        })
    };
    let on_barrier = {
        let on_change = on_change.clone();
        Callback::from(move |e: Event| {
            let s: web_sys::HtmlInputElement = e.target_unchecked_into();
            on_change.emit(GcSettings {
                barrier: s.checked(),
                ..gc
            });
        })
    };
    let gogc_pos = if gc.gogc < 0 {
        GOGC_MAX + GOGC_STEP
    } else {
        gc.gogc
    };
    let gogc_text = if gc.gogc < 0 {
        "off".to_owned()
    } else {
        gc.gogc.to_string()
    };
    let limit_mib = gc.memlimit.map_or(0, |b| (b >> 20).min(MEMLIMIT_MAX_MIB));
    let limit_text = match gc.memlimit {
        Some(b) => super::heap::bytes(b),
        None => lang.t(Msg::GcNoLimit).to_owned(),
    };
    html! {
        <div class="run-settings gc-settings" data-testid="gc-settings">
            <label class="player-field">
                <span>{ lang.t(Msg::GcGogc) }</span>
                <input type="range" data-testid="gogc" min={GOGC_STEP.to_string()}
                    max={(GOGC_MAX + GOGC_STEP).to_string()} step={GOGC_STEP.to_string()}
                    value={gogc_pos.to_string()} onchange={on_gogc} />
                <output class="gc-knob" data-testid="gogc-value">{ gogc_text }</output>
            </label>
            <label class="player-field">
                <span>{ lang.t(Msg::GcMemLimit) }</span>
                <input type="range" data-testid="memlimit" min="0" max={MEMLIMIT_MAX_MIB.to_string()} step="1"
                    value={limit_mib.to_string()} onchange={on_limit} />
                <output class="gc-knob" data-testid="memlimit-value">{ limit_text }</output>
            </label>
            <label class="lab-check">
                <input type="checkbox" checked={gc.barrier} data-testid="write-barrier" onchange={on_barrier} />
                <span>{ lang.t(Msg::GcWriteBarrier) }</span>
            </label>
            <button type="button" class="button" data-testid="gc-compare"
                onclick={on_compare.reform(|_: MouseEvent| ())}>{ lang.t(Msg::GcCompare) }</button>
        </div>
    }
}
