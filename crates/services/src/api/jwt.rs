//! JSON Web Tokens signed with HS256 (RFC 7519, RFC 7515): the token tool signs them, the
//! auth middleware verifies them.
//!
//! A token is `base64url(header) . base64url(claims) . base64url(HMAC-SHA256(key, first two))`.
//! HMAC-SHA256 is RustCrypto's `hmac` + `sha2`, and the signature is compared in constant time
//! (`verify_slice`). Verification follows golang-jwt/jwt v5, whose error texts the messages
//! reuse: the algorithm must be the one the server expects — a token whose header says
//! `"alg": "none"` is refused however it is signed (the classic forgery) — then the signature,
//! then `exp` and `nbf` against the virtual clock (seconds since the Unix epoch).
//!
//! Status codes: a request with no usable credentials is 401 Unauthenticated (with
//! `WWW-Authenticate: Bearer`); a valid token whose claims do not allow the call is 403
//! Permission Denied — the middleware decides that part.

use std::fmt;

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use hmac::{KeyInit, Mac};

use super::json::{self, Json};

type HmacSha256 = hmac::Hmac<sha2::Sha256>;

/// Why a token was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum JwtError {
    /// No `Authorization` header.
    Missing,
    /// The header is not `Bearer <token>`.
    NotBearer,
    Malformed(String),
    /// `"alg": "none"`.
    AlgNone,
    /// Another algorithm than HS256.
    WrongAlg(String),
    BadSignature,
    Expired {
        exp: i64,
        now: i64,
    },
    NotYetValid {
        nbf: i64,
        now: i64,
    },
}

impl fmt::Display for JwtError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            JwtError::Missing => f.write_str("missing Authorization header"),
            JwtError::NotBearer => f.write_str("Authorization header is not \"Bearer <token>\""),
            JwtError::Malformed(why) => write!(f, "token is malformed: {why}"),
            JwtError::AlgNone => {
                f.write_str("token is unverifiable: 'none' signature type is not allowed")
            }
            JwtError::WrongAlg(alg) => {
                write!(
                    f,
                    "token is unverifiable: signing method {alg} is invalid (want HS256)"
                )
            }
            JwtError::BadSignature => {
                f.write_str("token signature is invalid: signature is invalid")
            }
            JwtError::Expired { exp, now } => write!(
                f,
                "token has invalid claims: token is expired (exp {exp}, now {now}, {}s ago)",
                now - exp
            ),
            JwtError::NotYetValid { nbf, now } => write!(
                f,
                "token has invalid claims: token is not valid yet (nbf {nbf}, now {now})"
            ),
        }
    }
}

fn b64(bytes: &[u8]) -> String {
    URL_SAFE_NO_PAD.encode(bytes)
}

fn mac(secret: &[u8], signing_input: &str) -> HmacSha256 {
    // HMAC takes keys of any length, so this cannot fail.
    let mut m = match HmacSha256::new_from_slice(secret) {
        Ok(m) => m,
        Err(_) => unreachable!("HMAC accepts any key length"),
    };
    m.update(signing_input.as_bytes());
    m
}

/// Signs `claims` (a JSON object) with HS256.
pub fn sign(claims: &Json, secret: &[u8]) -> String {
    let header = r#"{"alg":"HS256","typ":"JWT"}"#;
    let input = format!(
        "{}.{}",
        b64(header.as_bytes()),
        b64(claims.to_compact().as_bytes())
    );
    let sig = mac(secret, &input).finalize().into_bytes();
    format!("{input}.{}", b64(&sig))
}

/// An unsigned token (`"alg": "none"`, empty signature), as an attacker would forge it.
pub fn forge_unsigned(claims: &Json) -> String {
    let header = r#"{"alg":"none","typ":"JWT"}"#;
    format!(
        "{}.{}.",
        b64(header.as_bytes()),
        b64(claims.to_compact().as_bytes())
    )
}

/// The three parts of a token, decoded: header JSON, claims JSON, signature bytes.
pub fn decode_parts(token: &str) -> Result<(Json, Json, Vec<u8>), JwtError> {
    let parts: Vec<&str> = token.split('.').collect();
    if parts.len() != 3 {
        return Err(JwtError::Malformed(format!(
            "token contains an invalid number of segments ({}, want 3)",
            parts.len()
        )));
    }
    let part = |i: usize, what: &str| -> Result<Vec<u8>, JwtError> {
        URL_SAFE_NO_PAD
            .decode(parts[i].trim_end_matches('='))
            .map_err(|_| JwtError::Malformed(format!("could not base64-decode {what}")))
    };
    let json_part = |i: usize, what: &str| -> Result<Json, JwtError> {
        let bytes = part(i, what)?;
        let text = String::from_utf8(bytes)
            .map_err(|_| JwtError::Malformed(format!("{what} is not UTF-8")))?;
        let v = json::parse(&text)
            .map_err(|e| JwtError::Malformed(format!("{what} is not JSON: {e}")))?;
        match v {
            Json::Object(_) => Ok(v),
            _ => Err(JwtError::Malformed(format!("{what} is not a JSON object"))),
        }
    };
    Ok((
        json_part(0, "header")?,
        json_part(1, "claims")?,
        part(2, "signature")?,
    ))
}

/// Verifies a token at `now` (Unix seconds) and returns its claims.
pub fn verify(token: &str, secret: &[u8], now: i64) -> Result<Json, JwtError> {
    let (header, claims, sig) = decode_parts(token)?;
    match header.get("alg") {
        Some(Json::String(a)) if a.eq_ignore_ascii_case("none") => return Err(JwtError::AlgNone),
        Some(Json::String(a)) if a == "HS256" => {}
        Some(Json::String(a)) => return Err(JwtError::WrongAlg(a.clone())),
        _ => return Err(JwtError::Malformed("header has no \"alg\"".into())),
    }
    let input = token.rsplit_once('.').map_or("", |(i, _)| i);
    if mac(secret, input).verify_slice(&sig).is_err() {
        return Err(JwtError::BadSignature);
    }
    let number = |name: &str| -> Result<Option<i64>, JwtError> {
        match claims.get(name) {
            None => Ok(None),
            Some(Json::Number(n)) => n
                .parse::<f64>()
                .map(|f| Some(f as i64))
                .map_err(|_| JwtError::Malformed(format!("claim {name} is not a number"))),
            Some(_) => Err(JwtError::Malformed(format!("claim {name} is not a number"))),
        }
    };
    if let Some(exp) = number("exp")?
        && now >= exp
    {
        return Err(JwtError::Expired { exp, now });
    }
    if let Some(nbf) = number("nbf")?
        && now < nbf
    {
        return Err(JwtError::NotYetValid { nbf, now });
    }
    Ok(claims)
}

/// Claims for the token tool: subject, role, issued now, expiring after `ttl` seconds.
pub fn claims(sub: &str, role: &str, now: i64, ttl: i64) -> Json {
    Json::Object(vec![
        ("sub".into(), Json::str(sub)),
        ("role".into(), Json::str(role)),
        ("iat".into(), Json::num(now)),
        ("exp".into(), Json::num(now + ttl)),
    ])
}

#[cfg(test)]
mod tests {
    use super::*;

    const KEY: &[u8] = b"goscope-secret";
    const NOW: i64 = 1_767_225_600;

    #[test]
    fn hs256_matches_the_rfc_7515_example() {
        // RFC 7515 appendix A.1: the signing input and key of the spec's example JWS.
        let key = URL_SAFE_NO_PAD
            .decode("AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow")
            .unwrap();
        let input = "eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9.eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ";
        let sig = mac(&key, input).finalize().into_bytes();
        assert_eq!(b64(&sig), "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk");
    }

    #[test]
    fn accept_and_reject() {
        let good = sign(&claims("ada", "admin", NOW, 3600), KEY);
        assert_eq!(
            verify(&good, KEY, NOW + 10).unwrap().get("sub"),
            Some(&Json::str("ada"))
        );
        let check = |token: &str, now: i64| match verify(token, KEY, now) {
            Ok(_) => "ok".to_string(),
            Err(e) => e.to_string(),
        };
        // Expired: exactly at exp already counts (golang-jwt: now >= exp).
        assert_eq!(
            check(&good, NOW + 3600),
            "token has invalid claims: token is expired (exp 1767229200, now 1767229200, 0s ago)"
        );
        // Signed with another key.
        assert_eq!(
            check(&sign(&claims("ada", "admin", NOW, 60), b"other"), NOW),
            "token signature is invalid: signature is invalid"
        );
        // Claims edited after signing (role escalated): the signature no longer matches.
        let (h, _, s) = {
            let p: Vec<&str> = good.split('.').collect();
            (p[0].to_string(), p[1].to_string(), p[2].to_string())
        };
        let evil = b64(claims("ada", "root", NOW, 3600).to_compact().as_bytes());
        assert_eq!(
            check(&format!("{h}.{evil}.{s}"), NOW),
            "token signature is invalid: signature is invalid"
        );
        // alg none, even with a "valid" claims set.
        assert_eq!(
            check(&forge_unsigned(&claims("ada", "admin", NOW, 60)), NOW),
            "token is unverifiable: 'none' signature type is not allowed"
        );
        assert_eq!(
            check("abc", NOW),
            "token is malformed: token contains an invalid number of segments (1, want 3)"
        );
        assert_eq!(
            check("e30.!!.x", NOW),
            "token is malformed: could not base64-decode claims"
        );
        let nbf = Json::Object(vec![("nbf".into(), Json::num(NOW + 5))]);
        assert_eq!(
            check(&sign(&nbf, KEY), NOW),
            "token has invalid claims: token is not valid yet (nbf 1767225605, now 1767225600)"
        );
    }
}
