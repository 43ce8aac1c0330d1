//! A request described before it is sent, and its answer read whole.

use std::time::Duration;

use reqwest::Method;
use serde_json::Value;

use crate::providers::ProviderError;
use crate::redact;
use crate::secret::Secret;

/// A request body.
#[derive(Debug, Clone)]
pub(crate) enum Body {
    None,
    Json(Value),
    /// `application/x-www-form-urlencoded`; values may be secrets.
    Form(Vec<(String, FormValue)>),
}

#[derive(Debug, Clone)]
pub(crate) enum FormValue {
    Plain(String),
    Secret(Secret),
}

/// One request, described before it is sent, so it can be logged, retried or shown by
/// `--dry-run` without its secrets.
#[derive(Debug, Clone)]
pub(crate) struct Request {
    pub(crate) method: Method,
    pub(crate) url: String,
    pub(crate) query: Vec<(String, String)>,
    pub(crate) headers: Vec<(&'static str, String)>,
    pub(crate) bearer: Option<Secret>,
    pub(crate) body: Body,
    pub(crate) timeout: Duration,
    /// A change on the vendor's side: not sent under `--dry-run`.
    pub(crate) write: bool,
    /// Tries before a retryable failure is reported, and the longest backoff between two.
    pub(crate) attempts: u32,
    pub(crate) backoff_cap: Duration,
    /// Whether a 429 is a rate limit worth waiting out. Every one is, unless the vendor's 429
    /// can also mean a quota no wait cures (Cradl's monthly cap).
    pub(crate) retry_429: fn(&Response) -> bool,
}

impl Request {
    pub(crate) fn new(method: Method, url: impl Into<String>, timeout: Duration) -> Self {
        let write = !matches!(method, Method::GET | Method::HEAD);
        Request {
            method,
            url: url.into(),
            query: Vec::new(),
            headers: Vec::new(),
            bearer: None,
            body: Body::None,
            timeout,
            write,
            attempts: super::MAX_ATTEMPTS,
            backoff_cap: super::MAX_BACKOFF,
            retry_429: |_| true,
        }
    }

    /// For reads many answers depend on: up to `attempts` tries (1 to 16) with backoffs of up
    /// to `backoff_cap` (at most 60 s).
    pub(crate) fn patient(mut self, attempts: u32, backoff_cap: Duration) -> Self {
        self.attempts = attempts.clamp(1, 16);
        self.backoff_cap = backoff_cap.min(super::MAX_RETRY_AFTER);
        self
    }

    /// Retry a 429 only when `is_rate_limit` says so; any other 429 comes back as an answer.
    pub(crate) fn retry_429_if(mut self, is_rate_limit: fn(&Response) -> bool) -> Self {
        self.retry_429 = is_rate_limit;
        self
    }

    pub(crate) fn query(mut self, key: &str, value: impl ToString) -> Self {
        self.query.push((key.to_string(), value.to_string()));
        self
    }

    pub(crate) fn header(mut self, name: &'static str, value: impl Into<String>) -> Self {
        self.headers.push((name, value.into()));
        self
    }

    pub(crate) fn bearer(mut self, token: &Secret) -> Self {
        self.bearer = Some(token.clone());
        self
    }

    pub(crate) fn json(mut self, body: Value) -> Self {
        self.body = Body::Json(body);
        self
    }

    pub(crate) fn form(mut self, fields: Vec<(String, FormValue)>) -> Self {
        self.body = Body::Form(fields);
        self
    }

    /// The URL with its query, as a `next`-style cursor a client can follow later.
    pub(crate) fn full_url(&self) -> Option<String> {
        let mut url = url::Url::parse(&self.url).ok()?;
        if !self.query.is_empty() {
            url.query_pairs_mut().extend_pairs(&self.query);
        }
        Some(url.to_string())
    }

    /// The URL with its query, as logged and as named in errors. Queries never hold secrets
    /// in roster.
    pub(crate) fn display_url(&self) -> String {
        if self.query.is_empty() {
            return self.url.clone();
        }
        let q: Vec<String> = self.query.iter().map(|(k, v)| format!("{k}={v}")).collect();
        format!("{}?{}", self.url, q.join("&"))
    }

    /// Mark a POST that changes nothing (a token request) as safe to send under `--dry-run`.
    pub(crate) fn not_a_write(mut self) -> Self {
        self.write = false;
        self
    }

    /// Safe to send again after a timeout or a 5xx: the vendor ends in the same state. A POST
    /// that changes nothing (a token request) is as safe as a GET.
    pub(super) fn idempotent(&self) -> bool {
        !self.write || !matches!(self.method, Method::POST)
    }
}

/// An answer, read whole, with the request it answers (for messages that say where).
#[derive(Debug, Clone, Default)]
pub(crate) struct Response {
    pub(crate) status: u16,
    pub(crate) body: Vec<u8>,
    pub(crate) retry_after: Option<Duration>,
    pub(crate) method: Method,
    /// The URL asked, query included.
    pub(crate) url: String,
}

impl Response {
    pub(crate) fn is_success(&self) -> bool {
        (200..300).contains(&self.status)
    }

    /// The body as JSON of type `T`, or a protocol error naming what was expected. serde's
    /// message can quote the body, so it is scrubbed and cut like any vendor text.
    pub(crate) fn json<T: serde::de::DeserializeOwned>(
        &self,
        what: &str,
    ) -> Result<T, ProviderError> {
        serde_json::from_slice(&self.body).map_err(|e| {
            ProviderError::protocol(format!(
                "cannot read {what} (HTTP {}): {}",
                self.status,
                redact::cut(&redact::scrub(&e.to_string()))
            ))
        })
    }

    /// The body as text, shortened for messages, scrubbed of secrets.
    pub(crate) fn text_snippet(&self) -> String {
        let text = String::from_utf8_lossy(&self.body);
        redact::cut_to(&redact::scrub(text.trim()), 300)
    }
}
