//! gRPC over HTTP/2 as the wire sees it (grpc.github.io/grpc/core/md_doc_PROTOCOL-HTTP2):
//! request headers (`:method POST`, `:path /pkg.Service/Method`, `content-type:
//! application/grpc`, `te: trailers`, `grpc-timeout`), each message in a 5-byte-prefixed
//! frame (1 byte compressed flag, 4 bytes big-endian length), and the status in trailers
//! (`grpc-status`, `grpc-message` percent-encoded).
//!
//! Also the status code table both ways: [`Code::http_status`] is grpc-gateway's
//! `HTTPStatusFromCode` (what a REST client of a transcoded service sees: NOT_FOUND → 404,
//! UNAUTHENTICATED → 401, ...), and [`Code::from_http`] is the gRPC spec's mapping for a
//! gRPC client that receives a plain HTTP error from a proxy (404 → UNIMPLEMENTED, 503 →
//! UNAVAILABLE).

use std::fmt;

/// gRPC status codes (google.rpc.Code).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Code {
    Ok = 0,
    Cancelled = 1,
    Unknown = 2,
    InvalidArgument = 3,
    DeadlineExceeded = 4,
    NotFound = 5,
    AlreadyExists = 6,
    PermissionDenied = 7,
    ResourceExhausted = 8,
    FailedPrecondition = 9,
    Aborted = 10,
    OutOfRange = 11,
    Unimplemented = 12,
    Internal = 13,
    Unavailable = 14,
    DataLoss = 15,
    Unauthenticated = 16,
}

impl Code {
    pub const ALL: [Code; 17] = [
        Code::Ok,
        Code::Cancelled,
        Code::Unknown,
        Code::InvalidArgument,
        Code::DeadlineExceeded,
        Code::NotFound,
        Code::AlreadyExists,
        Code::PermissionDenied,
        Code::ResourceExhausted,
        Code::FailedPrecondition,
        Code::Aborted,
        Code::OutOfRange,
        Code::Unimplemented,
        Code::Internal,
        Code::Unavailable,
        Code::DataLoss,
        Code::Unauthenticated,
    ];

    pub fn number(self) -> u32 {
        self as u32
    }

    pub fn from_number(n: u32) -> Code {
        Code::ALL.get(n as usize).copied().unwrap_or(Code::Unknown)
    }

    /// The canonical name (`NOT_FOUND`).
    pub fn name(self) -> &'static str {
        match self {
            Code::Ok => "OK",
            Code::Cancelled => "CANCELLED",
            Code::Unknown => "UNKNOWN",
            Code::InvalidArgument => "INVALID_ARGUMENT",
            Code::DeadlineExceeded => "DEADLINE_EXCEEDED",
            Code::NotFound => "NOT_FOUND",
            Code::AlreadyExists => "ALREADY_EXISTS",
            Code::PermissionDenied => "PERMISSION_DENIED",
            Code::ResourceExhausted => "RESOURCE_EXHAUSTED",
            Code::FailedPrecondition => "FAILED_PRECONDITION",
            Code::Aborted => "ABORTED",
            Code::OutOfRange => "OUT_OF_RANGE",
            Code::Unimplemented => "UNIMPLEMENTED",
            Code::Internal => "INTERNAL",
            Code::Unavailable => "UNAVAILABLE",
            Code::DataLoss => "DATA_LOSS",
            Code::Unauthenticated => "UNAUTHENTICATED",
        }
    }

    pub fn from_name(name: &str) -> Option<Code> {
        Code::ALL.into_iter().find(|c| c.name() == name)
    }

    /// grpc-gateway's `runtime.HTTPStatusFromCode`.
    pub fn http_status(self) -> u16 {
        match self {
            Code::Ok => 200,
            Code::Cancelled => 499,
            Code::Unknown => 500,
            Code::InvalidArgument => 400,
            Code::DeadlineExceeded => 504,
            Code::NotFound => 404,
            Code::AlreadyExists => 409,
            Code::PermissionDenied => 403,
            Code::Unauthenticated => 401,
            Code::ResourceExhausted => 429,
            Code::FailedPrecondition => 400,
            Code::Aborted => 409,
            Code::OutOfRange => 400,
            Code::Unimplemented => 501,
            Code::Internal => 500,
            Code::Unavailable => 503,
            Code::DataLoss => 500,
        }
    }

    /// The gRPC spec's "HTTP to gRPC Status Code Mapping" (a non-gRPC HTTP answer).
    pub fn from_http(status: u16) -> Code {
        match status {
            400 => Code::Internal,
            401 => Code::Unauthenticated,
            403 => Code::PermissionDenied,
            404 => Code::Unimplemented,
            429 | 502 | 503 | 504 => Code::Unavailable,
            _ => Code::Unknown,
        }
    }

    /// Whether a client may retry this code (idempotent calls): the transient ones.
    pub fn is_retryable(self) -> bool {
        matches!(
            self,
            Code::Unavailable | Code::DeadlineExceeded | Code::ResourceExhausted | Code::Aborted
        )
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The reason phrase of an HTTP status, for `HTTP/1.1 404 Not Found`.
pub fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        204 => "No Content",
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        409 => "Conflict",
        413 => "Payload Too Large",
        415 => "Unsupported Media Type",
        429 => "Too Many Requests",
        499 => "Client Closed Request",
        500 => "Internal Server Error",
        501 => "Not Implemented",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        _ => "",
    }
}

/// A message in its length-prefixed frame.
pub fn frame(message: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(message.len() + 5);
    out.push(0);
    out.extend_from_slice(&(message.len() as u32).to_be_bytes());
    out.extend_from_slice(message);
    out
}

/// Why a frame could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FrameError {
    /// Fewer than 5 bytes, or fewer than the prefix announces.
    Truncated { have: usize, want: usize },
    /// The compressed flag is set but no `grpc-encoding` was negotiated.
    Compressed,
    /// Bigger than the server accepts.
    TooLarge { len: usize, max: usize },
}

impl fmt::Display for FrameError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FrameError::Truncated { have, want } => {
                write!(
                    f,
                    "grpc: truncated frame: {have} bytes, the prefix wants {want}"
                )
            }
            FrameError::Compressed => f.write_str(
                "grpc: compressed flag set with no grpc-encoding (compression is not negotiated)",
            ),
            // grpc-go's own wording.
            FrameError::TooLarge { len, max } => {
                write!(
                    f,
                    "grpc: received message larger than max ({len} vs. {max})"
                )
            }
        }
    }
}

impl FrameError {
    pub fn code(&self) -> Code {
        match self {
            FrameError::TooLarge { .. } => Code::ResourceExhausted,
            FrameError::Compressed => Code::Unimplemented,
            FrameError::Truncated { .. } => Code::Internal,
        }
    }
}

/// The message inside one frame.
pub fn unframe(bytes: &[u8], max: usize) -> Result<&[u8], FrameError> {
    if bytes.len() < 5 {
        return Err(FrameError::Truncated {
            have: bytes.len(),
            want: 5,
        });
    }
    if bytes[0] != 0 {
        return Err(FrameError::Compressed);
    }
    let len = u32::from_be_bytes([bytes[1], bytes[2], bytes[3], bytes[4]]) as usize;
    if len > max {
        return Err(FrameError::TooLarge { len, max });
    }
    let body = &bytes[5..];
    if body.len() < len {
        return Err(FrameError::Truncated {
            have: body.len(),
            want: len,
        });
    }
    Ok(&body[..len])
}

/// `grpc-message` is percent-encoded (space stays, non-ASCII and `%` escape).
pub fn encode_grpc_message(message: &str) -> String {
    let mut out = String::new();
    for b in message.bytes() {
        if (0x20..0x7f).contains(&b) && b != b'%' {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// `grpc-timeout` header value: at most 8 digits and a unit (`250m`, `2S`).
pub fn timeout_header(micros: u64) -> String {
    if micros.is_multiple_of(1_000_000) && micros / 1_000_000 < 100_000_000 {
        format!("{}S", micros / 1_000_000)
    } else if micros.is_multiple_of(1_000) && micros / 1_000 < 100_000_000 {
        format!("{}m", micros / 1_000)
    } else {
        format!("{}u", micros.min(99_999_999))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frames_have_a_five_byte_prefix() {
        let f = frame(&[0x0a, 0x01, 0x31]);
        assert_eq!(f, [0, 0, 0, 0, 3, 0x0a, 0x01, 0x31]);
        assert_eq!(unframe(&f, 100), Ok(&[0x0a, 0x01, 0x31][..]));
        assert_eq!(
            unframe(&f[..6], 100).unwrap_err().to_string(),
            "grpc: truncated frame: 1 bytes, the prefix wants 3"
        );
        assert_eq!(
            unframe(&f, 2).unwrap_err().to_string(),
            "grpc: received message larger than max (3 vs. 2)"
        );
        assert_eq!(unframe(&[1, 0, 0, 0, 0], 9), Err(FrameError::Compressed));
    }

    #[test]
    fn the_status_tables() {
        let table: Vec<String> = Code::ALL
            .iter()
            .map(|c| format!("{:>2} {c} {}", c.number(), c.http_status()))
            .collect();
        expect_test::expect![[r#"
             0 OK 200
             1 CANCELLED 499
             2 UNKNOWN 500
             3 INVALID_ARGUMENT 400
             4 DEADLINE_EXCEEDED 504
             5 NOT_FOUND 404
             6 ALREADY_EXISTS 409
             7 PERMISSION_DENIED 403
             8 RESOURCE_EXHAUSTED 429
             9 FAILED_PRECONDITION 400
            10 ABORTED 409
            11 OUT_OF_RANGE 400
            12 UNIMPLEMENTED 501
            13 INTERNAL 500
            14 UNAVAILABLE 503
            15 DATA_LOSS 500
            16 UNAUTHENTICATED 401"#]]
        .assert_eq(&table.join("\n"));
        assert_eq!(Code::from_http(404), Code::Unimplemented);
        assert_eq!(Code::from_http(503), Code::Unavailable);
        assert_eq!(Code::from_number(99), Code::Unknown);
        assert_eq!(
            encode_grpc_message("user \"7\" 100% gone é"),
            "user \"7\" 100%25 gone %C3%A9"
        );
        assert_eq!(timeout_header(2_000_000), "2S");
        assert_eq!(timeout_header(250_000), "250m");
        assert_eq!(timeout_header(1_500), "1500u");
    }
}
