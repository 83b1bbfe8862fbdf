//! Go's semantic versions, as `golang.org/x/mod/semver` and `module.Check` define them.
//!
//! A version is `vMAJOR[.MINOR[.PATCH]][-PRERELEASE][+BUILD]`. The shorthands `v1` and `v1.2`
//! are valid and mean `v1.0.0` and `v1.2.0` ([`canonical`]); they may not carry a prerelease
//! or build suffix. Ordering ([`compare`]) is semver 2.0's: numeric fields by value, a version
//! with a prerelease below the same version without one, prerelease identifiers compared
//! dot by dot (numeric below alphanumeric, numbers by value, a shorter list below a longer one
//! with the same prefix); build metadata is ignored. Pseudo-versions
//! (`v0.0.0-20230101000000-abcdefabcdef`) are ordinary prereleases, so they sort below the
//! release they precede — that is why Go chose their shape.
//!
//! Module rules ([`check_path_version`]): a path ending in `/vN` (N ≥ 2) holds only vN.x.y;
//! any other path holds v0 and v1, or vN.x.y`+incompatible` for a pre-modules repository.
//!
//! Invariant: every function is total — malformed input compares as the lowest version and
//! is reported by [`check`], never a panic.

use std::cmp::Ordering;

/// The parts of a valid version.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Parsed<'a> {
    major: &'a str,
    minor: &'a str,
    patch: &'a str,
    /// Whether minor/patch were omitted (`v1`, `v1.2`).
    short: bool,
    prerelease: &'a str,
    build: &'a str,
}

fn number(s: &str) -> Option<(&str, &str)> {
    let end = s
        .bytes()
        .position(|b| !b.is_ascii_digit())
        .unwrap_or(s.len());
    if end == 0 || (end > 1 && s.starts_with('0')) {
        return None;
    }
    Some((&s[..end], &s[end..]))
}

fn ident_list(s: &str) -> bool {
    !s.is_empty()
        && s.split('.').all(|id| {
            !id.is_empty()
                && id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
                && !(id.len() > 1 && id.bytes().all(|b| b.is_ascii_digit()) && id.starts_with('0'))
        })
}

fn parse(v: &str) -> Option<Parsed<'_>> {
    let rest = v.strip_prefix('v')?;
    let (major, mut rest) = number(rest)?;
    let (mut minor, mut patch, mut short) = ("0", "0", true);
    if let Some(r) = rest.strip_prefix('.') {
        let (m, r) = number(r)?;
        minor = m;
        rest = r;
        if let Some(r) = rest.strip_prefix('.') {
            let (p, r) = number(r)?;
            patch = p;
            rest = r;
            short = false;
        }
    }
    let (mut prerelease, mut build) = ("", "");
    if let Some(r) = rest.strip_prefix('-') {
        let end = r.find('+').unwrap_or(r.len());
        prerelease = &r[..end];
        if !ident_list(prerelease) {
            return None;
        }
        rest = &r[end..];
    }
    if let Some(r) = rest.strip_prefix('+') {
        if !ident_list(r) {
            return None;
        }
        build = r;
        rest = "";
    }
    if !rest.is_empty() || (short && (!prerelease.is_empty() || !build.is_empty())) {
        return None;
    }
    Some(Parsed {
        major,
        minor,
        patch,
        short,
        prerelease,
        build,
    })
}

/// Whether `v` is a valid semantic version (shorthands included).
pub fn is_valid(v: &str) -> bool {
    parse(v).is_some()
}

/// The canonical form: `v1` → `v1.0.0`, build metadata dropped except `+incompatible`
/// (as `module.CanonicalVersion` keeps it). Empty for an invalid version.
pub fn canonical(v: &str) -> String {
    let Some(p) = parse(v) else {
        return String::new();
    };
    let mut out = format!("v{}.{}.{}", p.major, p.minor, p.patch);
    if !p.prerelease.is_empty() {
        out.push('-');
        out.push_str(p.prerelease);
    }
    if p.build == "incompatible" {
        out.push_str("+incompatible");
    }
    out
}

/// Whether `v` is already canonical (what go.mod files must hold).
pub fn is_canonical(v: &str) -> bool {
    parse(v).is_some_and(|p| !p.short) && canonical(v) == v
}

/// `v2` for `v2.1.0`; empty for an invalid version.
pub fn major(v: &str) -> String {
    parse(v)
        .map(|p| format!("v{}", p.major))
        .unwrap_or_default()
}

/// `v1.7` for `v1.7.3`: the prefix `-u=patch` keeps.
pub fn major_minor(v: &str) -> String {
    parse(v)
        .map(|p| format!("v{}.{}", p.major, p.minor))
        .unwrap_or_default()
}

/// The prerelease suffix with its dash (`-rc.1`), or empty.
pub fn prerelease(v: &str) -> &str {
    match parse(v) {
        Some(p) if !p.prerelease.is_empty() => {
            &v[v.find('-').unwrap_or(v.len())..][..p.prerelease.len() + 1]
        }
        _ => "",
    }
}

/// Whether `v` is a pseudo-version: a prerelease ending in `yyyymmddhhmmss-<12 hex>`, after
/// `vX.0.0-`, `vX.Y.Z-pre.0.` or `vX.Y.Z-0.` (module/pseudo.go).
pub fn is_pseudo(v: &str) -> bool {
    let Some(p) = parse(v) else { return false };
    let parts: Vec<&str> = p.prerelease.rsplitn(2, '-').collect();
    if parts.len() != 2 {
        return false;
    }
    let (rev, head) = (parts[0], parts[1]);
    let time = head.rsplit('.').next().unwrap_or("");
    rev.len() == 12
        && rev
            .bytes()
            .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase())
        && time.len() == 14
        && time.bytes().all(|b| b.is_ascii_digit())
}

fn cmp_num(a: &str, b: &str) -> Ordering {
    a.len().cmp(&b.len()).then_with(|| a.cmp(b))
}

fn cmp_prerelease(a: &str, b: &str) -> Ordering {
    match (a.is_empty(), b.is_empty()) {
        (true, true) => return Ordering::Equal,
        (true, false) => return Ordering::Greater,
        (false, true) => return Ordering::Less,
        _ => {}
    }
    let (mut xs, mut ys) = (a.split('.'), b.split('.'));
    loop {
        match (xs.next(), ys.next()) {
            (None, None) => return Ordering::Equal,
            (None, Some(_)) => return Ordering::Less,
            (Some(_), None) => return Ordering::Greater,
            (Some(x), Some(y)) => {
                let xn = x.bytes().all(|c| c.is_ascii_digit());
                let yn = y.bytes().all(|c| c.is_ascii_digit());
                let o = match (xn, yn) {
                    (true, true) => cmp_num(x, y),
                    (true, false) => Ordering::Less,
                    (false, true) => Ordering::Greater,
                    (false, false) => x.cmp(y),
                };
                if o != Ordering::Equal {
                    return o;
                }
            }
        }
    }
}

/// Semver order. An invalid version is below every valid one and equal to other invalid ones,
/// as `semver.Compare` has it.
pub fn compare(a: &str, b: &str) -> Ordering {
    match (parse(a), parse(b)) {
        (None, None) => Ordering::Equal,
        (None, Some(_)) => Ordering::Less,
        (Some(_), None) => Ordering::Greater,
        (Some(x), Some(y)) => cmp_num(x.major, y.major)
            .then_with(|| cmp_num(x.minor, y.minor))
            .then_with(|| cmp_num(x.patch, y.patch))
            .then_with(|| cmp_prerelease(x.prerelease, y.prerelease)),
    }
}

/// The greater of two versions where `"none"` is below everything (MVS's `Max`).
pub fn max<'a>(a: &'a str, b: &'a str) -> &'a str {
    if a == "none" {
        return b;
    }
    if b == "none" {
        return a;
    }
    if compare(a, b) == Ordering::Less {
        b
    } else {
        a
    }
}

/// `/v2` → `Some(2)` for a path ending in a major-version suffix.
pub fn path_major(path: &str) -> Option<u64> {
    let last = path.rsplit('/').next()?;
    let n = last.strip_prefix('v')?;
    if n.is_empty()
        || n.starts_with('0')
        || !n.bytes().all(|b| b.is_ascii_digit())
        || !path.contains('/')
    {
        return None;
    }
    n.parse().ok().filter(|&n| n >= 2)
}

/// Checks a module path against a version as `module.Check` does; the error text is the go
/// command's (`version "v1.0.0" invalid: should be v2, not v1`).
pub fn check_path_version(path: &str, version: &str) -> Result<(), String> {
    if !is_valid(version) {
        return Err(format!(
            "version {version:?} invalid: must be of the form v1.2.3"
        ));
    }
    if !is_canonical(version) {
        return Err(format!(
            "version {version:?} invalid: must be of the form v1.2.3 (canonical: {})",
            canonical(version)
        ));
    }
    let m = major(version);
    let incompatible = version.ends_with("+incompatible");
    match path_major(path) {
        Some(n) => {
            if incompatible {
                return Err(format!(
                    "version {version:?} invalid: +incompatible suffix not allowed: module path includes a major version suffix, so major version must match"
                ));
            }
            if m != format!("v{n}") {
                return Err(format!(
                    "version {version:?} invalid: should be v{n}, not {m}"
                ));
            }
        }
        None => {
            if m != "v0" && m != "v1" && !incompatible {
                return Err(format!(
                    "version {version:?} invalid: should be v0 or v1, not {m}"
                ));
            }
            if incompatible && (m == "v0" || m == "v1") {
                return Err(format!(
                    "version {version:?} invalid: +incompatible suffix not allowed: major version {m} is compatible"
                ));
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn order_follows_semver() {
        let sorted = [
            "v0.0.0-20230101000000-abcdefabcdef",
            "v0.1.0",
            "v1.0.0-alpha",
            "v1.0.0-alpha.1",
            "v1.0.0-alpha.beta",
            "v1.0.0-beta.2",
            "v1.0.0-beta.11",
            "v1.0.0-rc.1",
            "v1.0.0",
            "v1.0.1-0.20230101000000-abcdefabcdef",
            "v1.0.1",
            "v1.2.0",
            "v1.10.0",
            "v2.0.0+incompatible",
        ];
        for w in sorted.windows(2) {
            assert_eq!(compare(w[0], w[1]), Ordering::Less, "{} < {}", w[0], w[1]);
            assert_eq!(compare(w[1], w[0]), Ordering::Greater);
        }
        assert_eq!(compare("v1.2", "v1.2.0"), Ordering::Equal);
        assert_eq!(compare("bad", "v0.0.1"), Ordering::Less);
        assert_eq!(max("none", "v1.0.0"), "v1.0.0");
    }

    #[test]
    fn canonical_and_validity() {
        assert_eq!(canonical("v1"), "v1.0.0");
        assert_eq!(canonical("v1.2"), "v1.2.0");
        assert_eq!(canonical("v1.2.3+meta"), "v1.2.3");
        assert_eq!(canonical("v2.0.0+incompatible"), "v2.0.0+incompatible");
        assert!(!is_valid("1.2.3"));
        assert!(!is_valid("v01.2.3"));
        assert!(!is_valid("v1.2-pre"));
        assert!(is_canonical("v1.2.3-pre.1"));
        assert!(!is_canonical("v1.2"));
        assert!(is_pseudo("v0.0.0-20230101000000-abcdefabcdef"));
        assert!(is_pseudo("v1.2.4-0.20230101000000-abcdefabcdef"));
        assert!(!is_pseudo("v1.2.4-rc.1"));
        assert_eq!(prerelease("v1.2.3-rc.1+x"), "-rc.1");
        assert_eq!(major_minor("v1.7.3"), "v1.7");
    }

    #[test]
    fn major_version_suffixes() {
        assert_eq!(path_major("github.com/pelletier/go-toml/v2"), Some(2));
        assert_eq!(path_major("github.com/pelletier/go-toml"), None);
        assert!(check_path_version("github.com/pelletier/go-toml/v2", "v2.1.0").is_ok());
        assert_eq!(
            check_path_version("github.com/pelletier/go-toml/v2", "v1.9.5").unwrap_err(),
            "version \"v1.9.5\" invalid: should be v2, not v1"
        );
        assert_eq!(
            check_path_version("example.com/a", "v2.0.0").unwrap_err(),
            "version \"v2.0.0\" invalid: should be v0 or v1, not v2"
        );
        assert!(check_path_version("example.com/a", "v2.0.0+incompatible").is_ok());
        assert!(check_path_version("example.com/a", "v1.2").is_err());
    }
}
