//! `ProviderError`: a vendor call that failed, with the HTTP status kept as typed variants.

use crate::error::ErrorKind;

/// A vendor call that failed, keeping what a script needs to tell cases apart. `Clone`, so
/// one failed request can be each user's outcome of a batch it carried.
#[derive(Debug, Clone, thiserror::Error)]
pub(crate) enum ProviderError {
    #[error("authentication failed: {message}")]
    Unauthorized { message: String },
    #[error("permission denied: {message}")]
    Forbidden { message: String },
    #[error("{message}")]
    NotFound { message: String },
    #[error("already exists: {message}")]
    Conflict { message: String },
    #[error("rejected by the vendor: {message}")]
    Invalid { message: String },
    #[error("rate limited by the vendor, still after {attempts} attempts")]
    RateLimited { attempts: u32 },
    #[error("the vendor is unavailable: {message}")]
    Unavailable { message: String },
    #[error("{operation} is not supported by {provider}{}", alternative.map(|a| format!("; use `{a}`")).unwrap_or_default())]
    Unsupported {
        provider: &'static str,
        operation: &'static str,
        /// The command that does the nearest thing, if any.
        alternative: Option<&'static str>,
    },
    #[error("unexpected answer from the vendor: {message}")]
    Protocol { message: String },
    #[error("HTTP {status}: {message}")]
    Http { status: u16, message: String },
    /// No answer at all: refused, DNS, TLS, a dropped connection. `hint` says what to check.
    #[error("{message}")]
    Network {
        message: String,
        hint: Option<&'static str>,
    },
    /// A 404 (or API Gateway's 403 "Missing Authentication Token") that is not the vendor
    /// saying "no such user": the URL does not reach its API. `certain` when the route is one
    /// every tenant has (a list, the login): then it is plainly the profile's `setting`
    /// (`base_url`, `auth_url`) that is wrong.
    #[error("{url} answered {status} ({message}): {}", if *certain { "no such API route there" } else { "this may not be the vendor's API" })]
    WrongUrl {
        /// Method and URL: `GET https://host/path?query`.
        url: String,
        status: u16,
        message: String,
        setting: &'static str,
        certain: bool,
    },
    #[error("{message}")]
    BadInput { message: String },
    /// The vendor refused because the user is the one the credentials belong to.
    #[error("the vendor refuses to let credentials remove their own account: {message}")]
    OwnAccount { message: String },
    /// `--dry-run`: a write was shown and not sent.
    #[error("dry run: request not sent")]
    DryRun,
    /// Ctrl-C stopped the client before this request was sent (`HttpClient::stop`). `write`
    /// says whether the request not sent was itself a write.
    #[error("not sent: roster is stopping after Ctrl-C")]
    Interrupted { write: bool },
}

impl ProviderError {
    pub(crate) fn kind(&self) -> ErrorKind {
        match self {
            ProviderError::Unauthorized { .. }
            | ProviderError::Forbidden { .. }
            | ProviderError::OwnAccount { .. } => ErrorKind::Auth,
            ProviderError::NotFound { .. } => ErrorKind::NotFound,
            ProviderError::Conflict { .. } => ErrorKind::Conflict,
            ProviderError::RateLimited { .. } | ProviderError::Unavailable { .. } => {
                ErrorKind::Temporary
            }
            ProviderError::BadInput { .. } => ErrorKind::Usage,
            ProviderError::WrongUrl { certain: true, .. } => ErrorKind::Config,
            ProviderError::WrongUrl { certain: false, .. } => ErrorKind::Failure,
            ProviderError::Invalid { .. }
            | ProviderError::Unsupported { .. }
            | ProviderError::Protocol { .. }
            | ProviderError::Http { .. }
            | ProviderError::Network { .. } => ErrorKind::Failure,
            ProviderError::DryRun => ErrorKind::Failure,
            ProviderError::Interrupted { .. } => ErrorKind::Cancelled,
        }
    }

    /// True when a write met this error and the vendor may still have applied it: the answer
    /// was garbled, the connection dropped after sending, a 5xx or a timeout. Such an outcome
    /// is looked up before it is reported. A 404 is unclear only for a delete (a retried
    /// DELETE meets the 404 of its own first attempt), so the caller decides that one.
    pub(crate) fn outcome_unknown(&self) -> bool {
        matches!(
            self,
            ProviderError::Protocol { .. }
                | ProviderError::Network { .. }
                | ProviderError::Unavailable { .. }
        )
    }

    pub(crate) fn not_found(what: impl Into<String>) -> Self {
        ProviderError::NotFound {
            message: what.into(),
        }
    }

    pub(crate) fn protocol(message: impl Into<String>) -> Self {
        ProviderError::Protocol {
            message: message.into(),
        }
    }

    pub(crate) fn bad_input(message: impl Into<String>) -> Self {
        ProviderError::BadInput {
            message: message.into(),
        }
    }

    pub(crate) fn unsupported(
        provider: &'static str,
        operation: &'static str,
        alternative: Option<&'static str>,
    ) -> Self {
        ProviderError::Unsupported {
            provider,
            operation,
            alternative,
        }
    }
}
