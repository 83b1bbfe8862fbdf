//! The release post-processing of `dist/`, after `trunk build --release`: what makes the
//! site strict-CSP clean and offline-capable on any static host.
//!
//! 1. **No inline scripts.** Trunk 0.21 bootstraps the wasm with an inline
//!    `<script type="module">` (and has no option to emit it as a file). Each inline script
//!    of `index.html` moves into `boot-<hash>.js` (a content hash, like trunk's own names, so
//!    it is cache-busted and the service worker may cache it first) referenced by `src`.
//! 2. **A Content-Security-Policy** meta tag ([`CSP`]): no inline script or style, no eval
//!    beyond `'wasm-unsafe-eval'` (which instantiating wasm needs). A host that can send
//!    headers may send the same policy (the end-to-end test does, with `frame-ancestors`
//!    left open because widgets live in other sites' pages).
//! 3. **The service worker's precache list**: `sw.js` gets every file of `dist/` and a build
//!    id hashed from their contents (see `web/sw.js`).
//!
//! 4. **Comments out of the copied files**: HTML comments and the JS files' comment lines
//!    (`web/` keeps them; they are documentation, not something every visitor downloads —
//!    they were 2 KB gzipped of a size-budgeted site).
//!
//! Then every HTML file of `dist/` is checked: an inline `<script>`, a `<style>` element or
//! a `style=` attribute fails the build, since the policy would refuse it in the browser.
//! `trunk serve` never runs this: development keeps trunk's inline bootstrap and live reload.

use std::path::Path;

use crate::util::Result;

/// The policy the site is built for (also the header `tests/e2e/e2e.mjs` serves it with).
pub const CSP: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; \
    style-src 'self'; object-src 'none'; base-uri 'self'";

/// Files of `dist/` for course pages, not for the site's visitors: the widget loader and the
/// demo course page. The main page never loads them, so they have their own budget instead
/// of counting against the main page's (`build.rs`).
pub const COURSE_FILES: &[&str] = &[
    "goscope-embed.js",
    "demo-course.html",
    "demo-course.css",
    "demo-course.js",
];

/// Budget for [`COURSE_FILES`], gzipped (measured 4.5 KB).
pub const COURSE_BUDGET_GZIP: u64 = 8 * 1024;

pub fn post_process(dist: &Path) -> Result {
    let index_path = dist.join("index.html");
    let index = read(&index_path)?;
    let (index, scripts) = externalize_scripts(&index);
    for (name, body) in &scripts {
        write(&dist.join(name), body)?;
    }
    let index = add_csp(&index);
    write(&index_path, &index)?;
    for file in files(dist)? {
        let path = dist.join(&file);
        if file.ends_with(".html") {
            let html = strip_html_comments(&read(&path)?);
            check_strict(&file, &html)?;
            write(&path, &html)?;
        } else if file.ends_with(".js") && !file.contains('/') && !is_hashed(&file) {
            // Only our copied scripts at the top (labs/ and snippets/ are generated code).
            write(&path, &strip_js_comments(&read(&path)?))?;
        }
    }
    write_service_worker(dist)?;
    eprintln!(
        "xtask: dist/ post-processed: {} inline script(s) moved to files, CSP meta, sw.js precache",
        scripts.len()
    );
    Ok(())
}

fn read(path: &Path) -> Result<String> {
    std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))
}

fn write(path: &Path, text: &str) -> Result {
    std::fs::write(path, text).map_err(|e| format!("{}: {e}", path.display()))
}

/// FNV-1a 64: a stable content hash for file names (not security).
fn fnv(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

/// Moves every inline `<script>` into a `boot-<hash>.js` file: the new HTML and the files.
pub fn externalize_scripts(html: &str) -> (String, Vec<(String, String)>) {
    let mut out = String::with_capacity(html.len());
    let mut files = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find("<script") {
        let Some(open_end) = rest[start..].find('>').map(|i| start + i + 1) else {
            break;
        };
        let open = &rest[start..open_end];
        let Some(close) = rest[open_end..].find("</script>").map(|i| open_end + i) else {
            break;
        };
        out.push_str(&rest[..start]);
        let body = &rest[open_end..close];
        if open.contains(" src=") || body.trim().is_empty() {
            out.push_str(&rest[start..close + "</script>".len()]);
        } else {
            let name = format!("boot-{:016x}.js", fnv(body.as_bytes()));
            let module = if open.contains("type=\"module\"") {
                " type=\"module\""
            } else {
                ""
            };
            out.push_str(&format!("<script{module} src=\"./{name}\"></script>"));
            files.push((name, body.trim().to_owned() + "\n"));
        }
        rest = &rest[close + "</script>".len()..];
    }
    out.push_str(rest);
    (out, files)
}

/// Trunk's hashed names (`name-<hex>.js`, `_bg.wasm`; trunk prints its 64-bit hash without
/// leading zeros, so 16 hex digits or a few fewer) and ours (`boot-<hash>.js`): the
/// wasm-bindgen glue is left exactly as generated.
fn is_hashed(file: &str) -> bool {
    let stem = file.rsplit_once('.').map_or(file, |(s, _)| s);
    let stem = stem.strip_suffix("_bg").unwrap_or(stem);
    stem.rsplit_once('-').is_some_and(|(_, h)| {
        (12..=16).contains(&h.len()) && h.bytes().all(|b| b.is_ascii_hexdigit())
    })
}

/// Drops `<!-- ... -->` comments.
pub fn strip_html_comments(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(i) = rest.find("<!--") {
        out.push_str(&rest[..i]);
        match rest[i..].find("-->") {
            Some(j) => rest = rest[i + j + 3..].trim_start_matches([' ', '\n']),
            None => return out,
        }
    }
    out.push_str(rest);
    out
}

/// Drops the leading `/* ... */` block and every line that is only a `//` comment (our own
/// copied scripts have no strings or regular expressions that look like either).
pub fn strip_js_comments(js: &str) -> String {
    let body = match js.trim_start().strip_prefix("/*") {
        Some(rest) => rest.split_once("*/").map_or("", |(_, after)| after),
        None => js,
    };
    body.lines()
        .filter(|l| !l.trim_start().starts_with("//"))
        .map(|l| format!("{l}\n"))
        .collect::<String>()
        .trim_start()
        .to_owned()
}

/// Adds the [`CSP`] meta right after `<meta charset>` (once).
pub fn add_csp(html: &str) -> String {
    if html.contains("http-equiv=\"Content-Security-Policy\"") {
        return html.to_owned();
    }
    let meta = format!("\n    <meta http-equiv=\"Content-Security-Policy\" content=\"{CSP}\">");
    match html.find("<meta charset=\"utf-8\">") {
        Some(i) => {
            let at = i + "<meta charset=\"utf-8\">".len();
            format!("{}{meta}{}", &html[..at], &html[at..])
        }
        None => html.replacen("<head>", &format!("<head>{meta}"), 1),
    }
}

/// Fails on anything the policy would refuse: inline scripts, `<style>`, `style=`.
pub fn check_strict(name: &str, html: &str) -> Result {
    let (_, inline) = externalize_scripts(html);
    if !inline.is_empty() {
        return Err(format!(
            "dist/{name}: an inline <script> would be refused by the CSP"
        ));
    }
    let lower = html.to_ascii_lowercase();
    if lower.contains("<style") || lower.contains(" style=") {
        return Err(format!(
            "dist/{name}: inline styles would be refused by the CSP"
        ));
    }
    Ok(())
}

/// Every file under `dist`, as a relative path with `/`, sorted.
fn files(dist: &Path) -> Result<Vec<String>> {
    let mut out = Vec::new();
    let mut stack = vec![dist.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let entries = std::fs::read_dir(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if let Ok(rel) = path.strip_prefix(dist) {
                out.push(rel.to_string_lossy().replace('\\', "/"));
            }
        }
    }
    out.sort();
    Ok(out)
}

fn write_service_worker(dist: &Path) -> Result {
    let sw_path = dist.join("sw.js");
    let sw = read(&sw_path)?;
    let mut hash = 0u64;
    let mut list = Vec::new();
    for file in files(dist)?.into_iter().filter(|f| f != "sw.js") {
        let bytes = std::fs::read(dist.join(&file)).map_err(|e| format!("{file}: {e}"))?;
        hash = fnv(&[hash.to_le_bytes().as_slice(), file.as_bytes(), &bytes].concat());
        list.push(format!("'./{file}'"));
    }
    let filled = sw
        .replacen(
            "const BUILD = 'dev';",
            &format!("const BUILD = '{hash:016x}';"),
            1,
        )
        .replacen(
            "const PRECACHE = [];",
            &format!("const PRECACHE = [{}];", list.join(", ")),
            1,
        );
    if filled == sw {
        return Err("dist/sw.js: no BUILD/PRECACHE placeholders to fill".into());
    }
    write(&sw_path, &filled)
}

#[cfg(test)]
mod tests {
    use super::*;

    const TRUNK: &str = "<html><head><meta charset=\"utf-8\">\n<link rel=\"modulepreload\" href=\"./a-0123456789abcdef.js\">\n<script type=\"module\">\nimport init from './a.js';\nawait init();\n</script></head>\n<body><script src=\"x.js\" defer></script></body></html>";

    #[test]
    fn inline_bootstrap_moves_to_a_hashed_file() {
        let (html, files) = externalize_scripts(TRUNK);
        assert_eq!(files.len(), 1);
        let (name, body) = &files[0];
        assert!(
            name.starts_with("boot-") && name.ends_with(".js") && name.len() == 24,
            "{name}"
        );
        assert_eq!(body, "import init from './a.js';\nawait init();\n");
        assert!(html.contains(&format!(
            "<script type=\"module\" src=\"./{name}\"></script>"
        )));
        assert!(
            html.contains("<script src=\"x.js\" defer></script>"),
            "external scripts stay"
        );
        assert!(!html.contains("await init"));
        // Idempotent, and the same content gives the same name.
        assert_eq!(externalize_scripts(&html).1, vec![]);
        assert_eq!(externalize_scripts(TRUNK).1[0].0, *name);
    }

    #[test]
    fn comments_are_dropped_from_copied_files() {
        assert_eq!(
            strip_html_comments("<html>\n<!-- a\nb -->\n<p>x</p><!--c-->"),
            "<html>\n<p>x</p>"
        );
        let js =
            "/*\n * doc\n */\n(function () {\n  // why\n  var u = 'https://x/y'; // keep\n})();\n";
        assert_eq!(
            strip_js_comments(js),
            "(function () {\n  var u = 'https://x/y'; // keep\n})();\n"
        );
        assert_eq!(
            strip_js_comments("// head\n'use strict';\n"),
            "'use strict';\n"
        );
        assert!(is_hashed("goscope-web-0123456789abcdef_bg.wasm"));
        assert!(is_hashed("boot-0123456789abcdef.js"));
        assert!(
            is_hashed("goscope-web-654dc32161b9627.js"),
            "15 digits: a leading zero"
        );
        assert!(!is_hashed("goscope-embed.js"));
        assert!(!is_hashed("sw.js"));
    }

    #[test]
    fn csp_meta_goes_after_the_charset_once() {
        let html = add_csp(TRUNK);
        assert!(html.contains(&format!("<meta charset=\"utf-8\">\n    <meta http-equiv=\"Content-Security-Policy\" content=\"{CSP}\">")));
        assert_eq!(add_csp(&html), html);
    }

    #[test]
    fn strictness_check_catches_inline_code_and_styles() {
        assert!(check_strict("a.html", TRUNK).is_err());
        let (html, _) = externalize_scripts(TRUNK);
        assert!(check_strict("a.html", &html).is_ok());
        assert!(check_strict("a.html", "<p style=\"color:red\">x</p>").is_err());
        assert!(check_strict("a.html", "<style>p{}</style>").is_err());
    }
}
