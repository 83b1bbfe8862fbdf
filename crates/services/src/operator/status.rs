//! Failed requests as the API server reports them (`metav1.Status`: code, reason, message)
//! and as kubectl prints them.
//!
//! Modelled on `k8s.io/apimachinery/pkg/api/errors` (`NewNotFound`, `NewConflict`,
//! `NewInvalid` — `Database.example.com "my-db" is invalid: ...`) and kubectl's
//! `cmdutil.CheckErr` (`The Database "my-db" is invalid: ...`, one cause inline, several as a
//! `* ` list; `Error from server (Conflict): error when creating "db.yaml": ...`).

use std::fmt;

use super::yaml::quote;

/// A failed request, with the API server's status reason.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ApiError {
    NotFound {
        resource: String,
        name: String,
    },
    AlreadyExists {
        resource: String,
        name: String,
    },
    Conflict {
        resource: String,
        name: String,
    },
    Invalid {
        kind: String,
        group: String,
        name: String,
        causes: Vec<String>,
    },
    BadRequest(String),
    Internal(String),
    /// No resource for this kind and apiVersion (a CR applied before its CRD).
    NoKind {
        kind: String,
        api_version: String,
    },
    /// The resource has no such subresource (status of a CRD without `subresources.status`).
    NoSubresource,
}

impl ApiError {
    pub fn code(&self) -> u16 {
        match self {
            ApiError::NotFound { .. } | ApiError::NoKind { .. } | ApiError::NoSubresource => 404,
            ApiError::AlreadyExists { .. } | ApiError::Conflict { .. } => 409,
            ApiError::Invalid { .. } => 422,
            ApiError::BadRequest(_) => 400,
            ApiError::Internal(_) => 500,
        }
    }

    /// The `reason` of the Status, as kubectl shows it in `Error from server (Reason)`.
    pub fn reason(&self) -> &'static str {
        match self {
            ApiError::NotFound { .. } | ApiError::NoKind { .. } | ApiError::NoSubresource => {
                "NotFound"
            }
            ApiError::AlreadyExists { .. } => "AlreadyExists",
            ApiError::Conflict { .. } => "Conflict",
            ApiError::Invalid { .. } => "Invalid",
            ApiError::BadRequest(_) => "BadRequest",
            ApiError::Internal(_) => "InternalError",
        }
    }

    /// How kubectl reports the error; `context` is e.g. `error when creating "db.yaml": `.
    pub fn kubectl(&self, context: &str) -> String {
        match self {
            ApiError::Invalid {
                kind, name, causes, ..
            } => {
                let head = format!("The {kind} {} is invalid: ", quote(name));
                if causes.len() == 1 {
                    format!("{head}{}", causes[0])
                } else {
                    let mut s = head;
                    for c in causes {
                        s.push_str("\n* ");
                        s.push_str(c);
                    }
                    s
                }
            }
            ApiError::NoKind { .. } => {
                format!("error: {context}{self}\nensure CRDs are installed first")
            }
            _ => format!("Error from server ({}): {context}{self}", self.reason()),
        }
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ApiError::NotFound { resource, name } => {
                write!(f, "{resource} {} not found", quote(name))
            }
            ApiError::AlreadyExists { resource, name } => {
                write!(f, "{resource} {} already exists", quote(name))
            }
            ApiError::Conflict { resource, name } => write!(
                f,
                "Operation cannot be fulfilled on {resource} {}: the object has been modified; please apply your changes to the latest version and try again",
                quote(name)
            ),
            ApiError::Invalid {
                kind,
                group,
                name,
                causes,
            } => {
                let qualified = if group.is_empty() {
                    kind.clone()
                } else {
                    format!("{kind}.{group}")
                };
                write!(f, "{qualified} {} is invalid: ", quote(name))?;
                if causes.len() == 1 {
                    f.write_str(&causes[0])
                } else {
                    write!(f, "[{}]", causes.join(", "))
                }
            }
            ApiError::BadRequest(m) => f.write_str(m),
            ApiError::Internal(m) => write!(f, "Internal error occurred: {m}"),
            ApiError::NoKind { kind, api_version } => {
                write!(
                    f,
                    "no matches for kind {} in version {}",
                    quote(kind),
                    quote(api_version)
                )
            }
            ApiError::NoSubresource => {
                f.write_str("the server could not find the requested resource")
            }
        }
    }
}
