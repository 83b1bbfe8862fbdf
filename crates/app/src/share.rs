//! Share links: the whole state of a view, carried in the URL fragment.
//!
//! A link must reproduce the exact view with nothing but static files — no server to store
//! a program, no cookies (goplay.tools loses its state in iframes when third-party storage
//! is blocked). So the state travels in the fragment, which browsers never send to a server:
//!
//! ```text
//! index.html#/?s=1.<base64url(raw deflate(body))>          the Playground
//! index.html#/labs/saga?s=1.<...>                          a lab scenario
//! index.html#/embed/scheduler?s=1.<...>&lang=en&theme=dark an embedded view
//! ```
//!
//! The payload is `VERSION.DATA`. `DATA` is the body, raw-deflated and base64url-encoded
//! without padding (`share/pack.rs`, tested against `miniz_oxide` and `base64`), so it needs
//! no escaping in a URL. The v1 body is text:
//! `key value` lines (`seed 7`, `procs 2`, `slice 20000`, `race 1`, `views scheduler,channels`, `step 42`,
//! `lang en`, `theme dark`, `view scheduler`, `example seed-worker-pool`, `lab saga`,
//! `p.strategy tcc` for a lab's own parameters), then — for a program — a line `--` and
//! the source verbatim. Unknown keys are skipped, so v1 may gain keys; a change of meaning
//! bumps the version.
//!
//! Invariants: decoding never panics and never trusts sizes (inflating stops at
//! [`MAX_BODY`]); a malformed or newer-version payload is a [`ShareError`] the page shows as
//! a visible message. Old versions keep decoding forever: `tests` holds a v1 fixture string
//! that must decode to the same state after any change of format.
//!
//! Plain parameters (`program=`, `step=`, `seed=`, `procs=`, `race=`, `lang=`, `theme=`,
//! `view=`, `gogc=`, `memlimit=`, `wb=off`, `slice=` in ns) may stand beside or instead of `s=`; they override the payload. They are what the
//! loader script (`web/goscope-embed.js`) writes from `data-*` attributes, so a course author
//! can write `data-program="seed-worker-pool" data-step="42"` by hand.

pub(crate) mod pack;

use crate::i18n::{Lang, Msg};
use crate::theme::Theme;

/// The format this build writes (and the newest it reads).
pub const VERSION: u32 = 1;
/// Largest decompressed body accepted: a program of this size is far beyond any lesson.
pub const MAX_BODY: usize = 256 * 1024;

/// What a link shows: a program (its text or a Gallery example) or a lab scenario.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Subject {
    /// A program, by its full text.
    Source(String),
    /// A Gallery example, by id (`crate::examples`): short links for course pages.
    Example(String),
    /// A lab (`saga`, later `api`, `operator`) with the lab's own `key value` parameters,
    /// which only the lab interprets (see `pages::saga_state::SagaLab::to_params`).
    Lab {
        id: String,
        params: Vec<(String, String)>,
    },
}

/// Everything a link carries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShareState {
    pub subject: Subject,
    pub seed: u64,
    pub gomaxprocs: usize,
    /// Run with the race detector (`go run -race`).
    pub race: bool,
    /// The views open on the page, by name (`scheduler`, `timeline`, `channels`).
    pub views: Vec<String>,
    /// The single view an embed shows (`scheduler`, `player`, `saga`, ...), if any.
    pub view: Option<String>,
    pub step: u64,
    pub lang: Option<Lang>,
    pub theme: Option<Theme>,
    /// The collector's settings (`GOGC`, `GOMEMLIMIT`, the write-barrier toggle).
    pub gc: GcSettings,
    /// The scheduler's time slice in virtual ns (`slice 100000`, plain `slice=100000`),
    /// written only when not Go's 10 ms, so older links decode to it.
    pub slice_ns: u64,
}

/// The run's GC settings as a link carries them: `gogc 50`, `memlimit 8MiB`, `wb off` lines
/// (plain parameters `gogc=50&memlimit=8MiB&wb=off`), each written only when not the default,
/// so links made before they existed decode to the defaults.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GcSettings {
    /// `GOGC`: 100 by default, -1 for `off`.
    pub gogc: i32,
    /// `GOMEMLIMIT` in bytes, if set.
    pub memlimit: Option<u64>,
    /// The write barrier (off only to show the lost-object bug).
    pub barrier: bool,
}

impl Default for GcSettings {
    fn default() -> Self {
        GcSettings {
            gogc: 100,
            memlimit: None,
            barrier: true,
        }
    }
}

/// `GOMEMLIMIT`'s syntax (`runtime/debug`'s `parseByteCount`): a number of bytes with an
/// optional `B`, `KiB`, `MiB`, `GiB` suffix.
pub fn parse_bytes(s: &str) -> Option<u64> {
    let s = s.trim();
    let (digits, unit) = s.split_at(s.find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len()));
    let shift = match unit {
        "" | "B" => 0,
        "KiB" => 10,
        "MiB" => 20,
        "GiB" => 30,
        _ => return None,
    };
    digits.parse::<u64>().ok()?.checked_mul(1 << shift)
}

/// The shortest exact [`parse_bytes`] spelling of `n`.
pub fn format_bytes(n: u64) -> String {
    match n {
        0 => "0".to_owned(),
        _ if n.is_multiple_of(1 << 30) => format!("{}GiB", n >> 30),
        _ if n.is_multiple_of(1 << 20) => format!("{}MiB", n >> 20),
        _ if n.is_multiple_of(1 << 10) => format!("{}KiB", n >> 10),
        _ => n.to_string(),
    }
}

impl ShareState {
    /// A program with the Playground's defaults (seed 1, GOMAXPROCS 4, step 0).
    pub fn new(subject: Subject) -> ShareState {
        ShareState {
            subject,
            seed: 1,
            gomaxprocs: 4,
            race: false,
            views: Vec::new(),
            view: None,
            step: 0,
            lang: None,
            theme: None,
            gc: GcSettings::default(),
            slice_ns: runtime::sched::DEFAULT_TIME_SLICE_NS,
        }
    }
}

/// Why a link could not be read; shown on the page, never a crash.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ShareError {
    /// Not base64url, not deflate, not the v1 body, or a bad value: the link was cut or edited.
    Malformed(&'static str),
    /// Made by a newer goscope than this one.
    FutureVersion(u32),
    /// Decompresses to more than [`MAX_BODY`].
    TooLarge,
}

impl ShareError {
    /// The message the page shows, in the UI language.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            ShareError::Malformed(why) => lang.fill(Msg::ShareMalformed, why),
            ShareError::FutureVersion(v) => lang.fill(Msg::ShareFutureVersion, &v.to_string()),
            ShareError::TooLarge => lang.t(Msg::ShareTooLarge).to_owned(),
        }
    }
}

/// The `VERSION.DATA` payload for `state`.
pub fn encode(state: &ShareState) -> String {
    let body = body_v1(state);
    format!(
        "{VERSION}.{}",
        pack::base64url(&pack::deflate(body.as_bytes()))
    )
}

/// Reads a payload made by [`encode`] of this or any older version.
pub fn decode(payload: &str) -> Result<ShareState, ShareError> {
    let (version, data) = payload
        .split_once('.')
        .ok_or(ShareError::Malformed("no version"))?;
    let version: u32 = version
        .parse()
        .map_err(|_| ShareError::Malformed("no version"))?;
    if version > VERSION {
        return Err(ShareError::FutureVersion(version));
    }
    if version == 0 {
        return Err(ShareError::Malformed("no version"));
    }
    let packed =
        pack::from_base64url(data.trim_end_matches('=')).ok_or(ShareError::Malformed("base64"))?;
    let body = pack::inflate(&packed, MAX_BODY).map_err(|e| match e {
        pack::InflateError::TooLarge => ShareError::TooLarge,
        pack::InflateError::Invalid => ShareError::Malformed("deflate"),
    })?;
    let body = String::from_utf8(body).map_err(|_| ShareError::Malformed("utf-8"))?;
    // Only v1 exists; a v2 adds its arm here and v1 keeps its own.
    parse_v1(&body)
}

fn body_v1(s: &ShareState) -> String {
    let mut out = String::new();
    let mut line = |k: &str, v: &str| {
        out.push_str(k);
        out.push(' ');
        // A value is one line; a stray newline would start a bogus key.
        out.push_str(&v.replace(['\n', '\r'], " "));
        out.push('\n');
    };
    line("seed", &s.seed.to_string());
    line("procs", &s.gomaxprocs.to_string());
    if s.race {
        line("race", "1");
    }
    if !s.views.is_empty() {
        line("views", &s.views.join(","));
    }
    if let Some(v) = &s.view {
        line("view", v);
    }
    line("step", &s.step.to_string());
    if let Some(l) = s.lang {
        line("lang", l.code());
    }
    if let Some(t) = s.theme {
        line("theme", t.code());
    }
    if s.slice_ns != runtime::sched::DEFAULT_TIME_SLICE_NS {
        line("slice", &s.slice_ns.to_string());
    }
    if s.gc.gogc != 100 {
        let gogc = s.gc.gogc.to_string();
        line("gogc", if s.gc.gogc < 0 { "off" } else { &gogc });
    }
    if let Some(limit) = s.gc.memlimit {
        line("memlimit", &format_bytes(limit));
    }
    if !s.gc.barrier {
        line("wb", "off");
    }
    match &s.subject {
        Subject::Example(id) => line("example", id),
        Subject::Lab { id, params } => {
            line("lab", id);
            for (k, v) in params {
                line(&format!("p.{}", k.replace(' ', "_")), v);
            }
        }
        Subject::Source(_) => {}
    }
    if let Subject::Source(src) = &s.subject {
        out.push_str("--\n");
        out.push_str(src);
    }
    out
}

fn parse_v1(body: &str) -> Result<ShareState, ShareError> {
    let mut state = ShareState::new(Subject::Source(String::new()));
    let mut subject = None;
    let mut params = Vec::new();
    let mut rest = body;
    while !rest.is_empty() {
        let (line, next) = rest.split_once('\n').unwrap_or((rest, ""));
        rest = next;
        if line == "--" {
            subject = Some(Subject::Source(rest.to_owned()));
            break;
        }
        let (key, value) = line.split_once(' ').unwrap_or((line, ""));
        if let Some(k) = key.strip_prefix("p.") {
            params.push((k.to_owned(), value.to_owned()));
        } else if key == "example" {
            subject = Some(Subject::Example(value.to_owned()));
        } else if key == "lab" {
            subject = Some(Subject::Lab {
                id: value.to_owned(),
                params: Vec::new(),
            });
        } else {
            set(&mut state, key, value)?;
        }
    }
    state.subject = match subject.ok_or(ShareError::Malformed("no program"))? {
        Subject::Lab { id, .. } => Subject::Lab { id, params },
        other => other,
    };
    Ok(state)
}

/// Sets one scalar field from its text; unknown keys are ignored (see the module docs).
fn set(state: &mut ShareState, key: &str, value: &str) -> Result<(), ShareError> {
    let number = |what| {
        value
            .trim()
            .parse::<u64>()
            .map_err(|_| ShareError::Malformed(what))
    };
    match key {
        "seed" => state.seed = number("seed")?,
        "procs" => match number("procs")? {
            n @ 1..=64 => state.gomaxprocs = n as usize,
            _ => return Err(ShareError::Malformed("procs")),
        },
        "race" => state.race = value == "1" || value == "true",
        "slice" => match number("slice")? {
            n @ 1_000..=1_000_000_000_000 => state.slice_ns = n,
            _ => return Err(ShareError::Malformed("slice")),
        },
        "step" => state.step = number("step")?,
        "views" => {
            state.views = value
                .split(',')
                .filter(|v| !v.is_empty())
                .map(str::to_owned)
                .collect()
        }
        "view" => state.view = Some(value.to_owned()).filter(|v| !v.is_empty()),
        "lang" => state.lang = Lang::from_tag(value),
        "theme" => state.theme = Theme::from_code(value),
        "gogc" => {
            state.gc.gogc = match value.trim() {
                "off" => -1,
                v => v
                    .parse::<i32>()
                    .ok()
                    .filter(|n| (0..=100_000).contains(n))
                    .ok_or(ShareError::Malformed("gogc"))?,
            }
        }
        "memlimit" => {
            state.gc.memlimit = match value.trim() {
                "" | "off" => None,
                v => Some(parse_bytes(v).ok_or(ShareError::Malformed("memlimit"))?),
            }
        }
        "wb" => state.gc.barrier = !matches!(value.trim(), "off" | "0" | "false"),
        _ => {}
    }
    Ok(())
}

/// The `?a=b&c=d` part of a fragment as decoded pairs (`%xx` and `+` undone).
pub fn query_pairs(fragment: &str) -> Vec<(String, String)> {
    let Some((_, query)) = fragment.split_once('?') else {
        return Vec::new();
    };
    query
        .split('&')
        .filter(|kv| !kv.is_empty())
        .map(|kv| {
            let (k, v) = kv.split_once('=').unwrap_or((kv, ""));
            (percent_decode(k), percent_decode(v))
        })
        .collect()
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        match bytes[i] {
            b'%' if i + 2 < bytes.len() => match (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                (Some(h), Some(l)) => {
                    out.push((h * 16 + l) as u8);
                    i += 3;
                    continue;
                }
                _ => out.push(b'%'),
            },
            b'+' => out.push(b' '),
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The page's location fragment (`#/…?…`; empty outside a browser window).
pub fn page_fragment() -> String {
    web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default()
}

/// A lab's page with its parameters as plain fragment parameters
/// (`#/labs/ID?lab=ID&p.KEY=VALUE…&step=N`, what the embed loader writes from `data-*`):
/// every lab's page reads them with [`lab_params`], without the share-link inflater (which
/// the API lab's module must not carry: its size budget).
pub fn lab_link(id: &str, params: &[(String, String)], step: u64) -> String {
    let mut link = format!("#/labs/{id}?lab={}", percent_encode(id));
    for (k, v) in params {
        link.push_str("&p.");
        link.push_str(&percent_encode(k));
        link.push('=');
        link.push_str(&percent_encode(v));
    }
    if step > 0 {
        link.push_str(&format!("&step={step}"));
    }
    link
}

/// A lab link's plain parameters (`p.KEY=`) and its `step=` (see [`lab_link`]); `None` when
/// the fragment names no lab and carries no `p.` parameter (an ordinary visit).
pub fn lab_params(fragment: &str) -> Option<(Vec<(String, String)>, u64)> {
    let (mut params, mut step, mut lab) = (Vec::new(), 0, false);
    for (k, v) in query_pairs(fragment) {
        if let Some(key) = k.strip_prefix("p.") {
            params.push((key.to_owned(), v));
        } else if k == "step" {
            step = v.trim().parse().unwrap_or(0);
        } else if k == "lab" {
            lab = true;
        }
    }
    (lab || !params.is_empty()).then_some((params, step))
}

/// `s` with every byte but RFC 3986's unreserved characters as `%XX` (a space too: the
/// decoder reads `+` as a space, as forms write it).
fn percent_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The state a fragment asks for: its `s=` payload, then plain parameters over it.
/// `Ok(None)` when the fragment carries neither (an ordinary visit).
pub fn from_fragment(fragment: &str) -> Result<Option<ShareState>, ShareError> {
    let pairs = query_pairs(fragment);
    let get = |k: &str| {
        pairs
            .iter()
            .find(|(key, _)| key == k)
            .map(|(_, v)| v.as_str())
    };
    let mut state = match (get("s"), get("program"), get("lab")) {
        (Some(s), _, _) => decode(s)?,
        (None, Some(id), _) => ShareState::new(Subject::Example(id.to_owned())),
        (None, None, Some(id)) => ShareState::new(Subject::Lab {
            id: id.to_owned(),
            params: Vec::new(),
        }),
        (None, None, None) => return Ok(None),
    };
    for (k, v) in &pairs {
        if let Some(p) = k.strip_prefix("p.")
            && let Subject::Lab { params, .. } = &mut state.subject
        {
            params.retain(|(key, _)| key != p);
            params.push((p.to_owned(), v.clone()));
        } else if k != "s" && k != "program" && k != "lab" {
            set(&mut state, k, v)?;
        }
    }
    Ok(Some(state))
}

/// A lab parameter by key.
pub fn param<'a>(params: &'a [(String, String)], key: &str) -> Option<&'a str> {
    params
        .iter()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.as_str())
}

// Native only: proptest does not build for wasm32 (the browser tests cover the page's side).
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests;
