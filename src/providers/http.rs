//! The process's one HTTP client: retries, `Retry-After`, timeouts, dry-run and redacted logging.

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::providers::ProviderError;

pub(crate) mod decode;
pub(crate) mod drf;
mod log;
mod pacer;
mod plan;
mod request;
pub(crate) mod status;
mod transport;

pub(crate) use decode::ErrorDialect;
pub(crate) use pacer::Pacer;
use plan::plan;
pub(crate) use plan::PlannedRequest;
pub(crate) use request::{Body, FormValue, Request, Response};
use transport::{Failure, CONNECT_TIMEOUT};

const USER_AGENT: &str = concat!("roster/", env!("CARGO_PKG_VERSION"));

/// How many times one request is tried before its failure is reported.
const MAX_ATTEMPTS: u32 = 4;
/// A `Retry-After` longer than this is not waited out: the request fails as rate limited.
const MAX_RETRY_AFTER: Duration = Duration::from_secs(60);
/// The longest backoff between two tries, unless a request is made `patient`.
const MAX_BACKOFF: Duration = Duration::from_secs(8);

/// Cheap to clone: clones share the connection pool. A clone made by [`HttpClient::paced`]
/// also spaces its requests out to a rate.
#[derive(Clone)]
pub(crate) struct HttpClient {
    inner: Arc<Inner>,
    pacer: Option<Arc<Pacer>>,
}

struct Inner {
    client: reqwest::Client,
    /// `-v` count: 1 logs each request, 2 adds headers and bodies.
    verbosity: u8,
    dry_run: bool,
    planned: Mutex<Vec<PlannedRequest>>,
    backoff_base: Duration,
    /// Set on Ctrl-C by bulk work: no request starts after it (see [`HttpClient::stop`]).
    stopped: AtomicBool,
    /// Requests sent and not yet answered, for "stopping: N requests in flight".
    in_flight: AtomicUsize,
    /// A write has gone out (see [`HttpClient::sent_a_write`]).
    sent_a_write: AtomicBool,
    /// `--quiet`: a vendor client's warnings are not printed (see [`HttpClient::warn`]).
    quiet: AtomicBool,
}

impl HttpClient {
    /// A client that logs each request when `verbose` (`-v`).
    #[cfg(test)]
    pub(crate) fn new(verbose: bool, dry_run: bool) -> Result<Self, ProviderError> {
        HttpClient::with_verbosity(u8::from(verbose), dry_run)
    }

    /// A client that logs at `-v` level `verbosity`: 1 each request's method, URL, status and
    /// time; 2 also their headers and bodies, redacted.
    pub(crate) fn with_verbosity(verbosity: u8, dry_run: bool) -> Result<Self, ProviderError> {
        let client = reqwest::Client::builder()
            .user_agent(USER_AGENT)
            .connect_timeout(CONNECT_TIMEOUT)
            .build()
            .map_err(|e| ProviderError::Network {
                message: format!("cannot build the HTTP client: {e}"),
                hint: None,
            })?;
        Ok(HttpClient {
            pacer: None,
            inner: Arc::new(Inner {
                client,
                verbosity,
                dry_run,
                planned: Mutex::new(Vec::new()),
                backoff_base: Duration::from_millis(500),
                stopped: AtomicBool::new(false),
                in_flight: AtomicUsize::new(0),
                sent_a_write: AtomicBool::new(false),
                quiet: AtomicBool::new(false),
            }),
        })
    }

    /// A client sharing this one's connections whose requests keep to `per_second`.
    pub(crate) fn paced(&self, per_second: f64) -> HttpClient {
        HttpClient {
            inner: self.inner.clone(),
            pacer: Some(Arc::new(Pacer::new(per_second))),
        }
    }

    pub(crate) fn dry_run(&self) -> bool {
        self.inner.dry_run
    }

    /// `--quiet` silences the warnings vendor clients print (see [`HttpClient::warn`]).
    pub(crate) fn set_quiet(&self, quiet: bool) {
        self.inner.quiet.store(quiet, Ordering::Relaxed);
    }

    /// A vendor client's warning on stderr, unless `--quiet`: no terminal object reaches the
    /// clients, so the one shared client carries the setting to them.
    pub(crate) fn warn(&self, message: &str) {
        if !self.inner.quiet.load(Ordering::Relaxed) {
            eprintln!("warning: {}", crate::redact::message(message));
        }
    }

    /// From now on no request starts, in this client or any clone of it: a request waiting for
    /// its pacer slot or a retry fails with `ProviderError::Interrupted`. Requests already sent
    /// still get their answer.
    pub(crate) fn stop(&self) {
        self.inner.stopped.store(true, Ordering::SeqCst);
    }

    /// How many requests are sent and not yet answered, over every clone.
    pub(crate) fn in_flight(&self) -> usize {
        self.inner.in_flight.load(Ordering::SeqCst)
    }

    /// True once a write (a change on the vendor's side, not a token request) has been handed
    /// to the network by this client or a clone, answered or not: only then can a Ctrl-C leave
    /// a change whose outcome nobody knows.
    pub(crate) fn sent_a_write(&self) -> bool {
        self.inner.sent_a_write.load(Ordering::SeqCst)
    }

    /// The writes `--dry-run` held back, in order.
    pub(crate) fn planned(&self) -> Vec<PlannedRequest> {
        self.inner
            .planned
            .lock()
            .map(|v| v.clone())
            .unwrap_or_default()
    }

    /// Send `req`, retrying a 429 (after `Retry-After`, else with backoff) and, for idempotent
    /// requests, a 5xx, a timeout or a dropped connection. A definitive 4xx is never sent
    /// again. Any status comes back as a `Response`; only transport failures and exhausted
    /// retries are errors.
    pub(crate) async fn send(&self, req: &Request) -> Result<Response, ProviderError> {
        if req.write && self.inner.dry_run {
            let planned = plan(req);
            if let Ok(mut v) = self.inner.planned.lock() {
                v.push(planned);
            }
            return Err(ProviderError::DryRun);
        }
        let mut attempt = 0;
        loop {
            attempt += 1;
            if let Some(p) = &self.pacer {
                p.wait().await;
            }
            if self.inner.stopped.load(Ordering::SeqCst) {
                return Err(ProviderError::Interrupted { write: req.write });
            }
            if req.write {
                self.inner.sent_a_write.store(true, Ordering::SeqCst);
                status::sending();
            }
            let outcome = {
                let _counted = InFlight::enter(&self.inner.in_flight);
                self.send_once(req).await
            };
            match outcome {
                Ok(resp) => {
                    if req.write {
                        status::answered(resp.status);
                    }
                    let retryable = worth_retrying(resp.status, req.idempotent())
                        && (resp.status != 429 || (req.retry_429)(&resp));
                    // A read answered 2xx with a body that is not JSON was garbled on the way:
                    // reading again is safe, and every vendor here answers reads in JSON.
                    let garbled = !req.write && resp.is_success() && !is_json(&resp.body);
                    if garbled && attempt < req.attempts {
                        tokio::time::sleep(self.backoff_up_to(attempt, req.backoff_cap)).await;
                        continue;
                    }
                    if !retryable || attempt >= req.attempts {
                        if retryable && resp.status == 429 {
                            return Err(ProviderError::RateLimited { attempts: attempt });
                        }
                        if resp.status >= 500 && retryable {
                            return Err(ProviderError::Unavailable {
                                message: format!(
                                    "HTTP {} after {attempt} attempts: {}",
                                    resp.status,
                                    resp.text_snippet()
                                ),
                            });
                        }
                        return Ok(resp);
                    }
                    let wait = match resp.retry_after {
                        Some(w) if w > MAX_RETRY_AFTER => {
                            return Err(ProviderError::RateLimited { attempts: attempt })
                        }
                        Some(w) => w,
                        None => self.backoff_up_to(attempt, req.backoff_cap),
                    };
                    tokio::time::sleep(wait).await;
                }
                Err(failure) => {
                    // Any transport failure of an idempotent request is worth another try. A
                    // POST whose answer never came may have been applied: only one that never
                    // left this machine is sent again.
                    let may_retry = req.idempotent() || failure.never_sent();
                    if !may_retry || attempt >= req.attempts {
                        return Err(failure.into_error(req, attempt));
                    }
                    tokio::time::sleep(self.backoff_up_to(attempt, req.backoff_cap)).await;
                }
            }
        }
    }

    /// Send and keep only a 2xx; anything else becomes the vendor's error via `decode`.
    pub(crate) async fn send_ok(
        &self,
        req: &Request,
        decode: impl Fn(&Response) -> ProviderError,
    ) -> Result<Response, ProviderError> {
        let resp = self.send(req).await?;
        if resp.is_success() {
            Ok(resp)
        } else {
            Err(decode(&resp))
        }
    }

    /// One try, logged at `-v`; a failure below HTTP comes back classified.
    async fn send_once(&self, req: &Request) -> Result<Response, Failure> {
        let verbosity = self.inner.verbosity;
        let started = Instant::now();
        let outcome = self.exchange(req).await;
        if verbosity == 0 {
            return outcome.map(|(resp, _)| resp);
        }
        let elapsed = started.elapsed();
        let mut lines = Vec::new();
        match &outcome {
            Ok((resp, headers)) => {
                lines.push(log::line(req, &resp.status.to_string(), elapsed));
                if verbosity >= 2 {
                    lines.extend(log::request_detail(req, USER_AGENT));
                    lines.extend(log::response_detail(headers, &resp.body));
                }
            }
            Err(failure) => {
                lines.push(log::line(req, &failure.describe(req), elapsed));
                if verbosity >= 2 {
                    lines.extend(log::request_detail(req, USER_AGENT));
                }
            }
        }
        eprintln!("{}", lines.join("\n"));
        outcome.map(|(resp, _)| resp)
    }

    async fn exchange(
        &self,
        req: &Request,
    ) -> Result<(Response, reqwest::header::HeaderMap), Failure> {
        let mut builder = self
            .inner
            .client
            .request(req.method.clone(), &req.url)
            .timeout(req.timeout);
        if !req.query.is_empty() {
            builder = builder.query(&req.query);
        }
        for (name, value) in &req.headers {
            builder = builder.header(*name, value);
        }
        if let Some(token) = &req.bearer {
            builder = builder.bearer_auth(token.expose());
        }
        builder = match &req.body {
            Body::None => builder,
            Body::Json(v) => builder.json(v),
            Body::Form(fields) => {
                let pairs: Vec<(&str, &str)> = fields
                    .iter()
                    .map(|(k, v)| {
                        let v = match v {
                            FormValue::Plain(s) => s.as_str(),
                            FormValue::Secret(s) => s.expose(),
                        };
                        (k.as_str(), v)
                    })
                    .collect();
                builder.form(&pairs)
            }
        };
        let resp = builder.send().await.map_err(|e| Failure::of(&e))?;
        let status = resp.status().as_u16();
        let retry_after = resp
            .headers()
            .get(reqwest::header::RETRY_AFTER)
            .and_then(|v| v.to_str().ok())
            .and_then(parse_retry_after);
        let headers = if self.inner.verbosity >= 2 {
            resp.headers().clone()
        } else {
            reqwest::header::HeaderMap::new()
        };
        let url = resp.url().to_string();
        let body = resp.bytes().await.map_err(|e| Failure::of(&e))?.to_vec();
        Ok((
            Response {
                status,
                body,
                retry_after,
                method: req.method.clone(),
                url,
            },
            headers,
        ))
    }

    /// Exponential backoff with full jitter: up to base * 2^(attempt-1), at most 8 s.
    #[cfg(test)]
    fn backoff(&self, attempt: u32) -> Duration {
        self.backoff_up_to(attempt, MAX_BACKOFF)
    }

    /// The same, at most `cap`.
    fn backoff_up_to(&self, attempt: u32, cap: Duration) -> Duration {
        let cap = self
            .inner
            .backoff_base
            .saturating_mul(1 << attempt.saturating_sub(1).min(8))
            .min(cap);
        let millis = cap.as_millis() as u64;
        Duration::from_millis(millis / 2 + fastrand::u64(0..=millis / 2))
    }
}

/// Counts one request in flight for as long as it lives (also when its future is dropped).
struct InFlight<'a>(&'a AtomicUsize);

impl<'a> InFlight<'a> {
    fn enter(counter: &'a AtomicUsize) -> Self {
        counter.fetch_add(1, Ordering::SeqCst);
        InFlight(counter)
    }
}

impl Drop for InFlight<'_> {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::SeqCst);
    }
}

/// A status worth sending the same request again for: a 429 always (the vendor asked us to
/// wait), a 5xx other than 501 when repeating is safe. Never a definitive 4xx (400, 404, 409,
/// 413, 422, ...): the same request gets the same answer.
fn worth_retrying(status: u16, idempotent: bool) -> bool {
    status == 429 || (status >= 500 && status != 501 && idempotent)
}

/// An empty body, or one that parses as JSON.
fn is_json(body: &[u8]) -> bool {
    body.iter().all(u8::is_ascii_whitespace)
        || serde_json::from_slice::<serde::de::IgnoredAny>(body).is_ok()
}

/// `Retry-After` as seconds or an HTTP date.
fn parse_retry_after(text: &str) -> Option<Duration> {
    if let Ok(secs) = text.trim().parse::<u64>() {
        return Some(Duration::from_secs(secs));
    }
    let when = chrono::DateTime::parse_from_rfc2822(text.trim()).ok()?;
    let secs = (when.timestamp() - chrono::Utc::now().timestamp()).max(0) as u64;
    Some(Duration::from_secs(secs))
}

#[cfg(test)]
mod tests;
