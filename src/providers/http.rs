//! The process's one HTTP client: retries, `Retry-After`, timeouts, dry-run and redacted logging.

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use reqwest::Method;
use serde_json::Value;

use crate::providers::ProviderError;
use crate::secret::Secret;

mod pacer;
mod plan;

pub use pacer::Pacer;
use plan::plan;
pub use plan::PlannedRequest;

/// How many times one request is tried before its failure is reported.
const MAX_ATTEMPTS: u32 = 4;
/// A `Retry-After` longer than this is not waited out: the request fails as rate limited.
const MAX_RETRY_AFTER: Duration = Duration::from_secs(60);

/// Cheap to clone: clones share the connection pool. A clone made by [`HttpClient::paced`]
/// also spaces its requests out to a rate.
#[derive(Clone)]
pub struct HttpClient {
    inner: Arc<Inner>,
    pacer: Option<Arc<Pacer>>,
}

struct Inner {
    client: reqwest::Client,
    verbose: bool,
    dry_run: bool,
    planned: Mutex<Vec<PlannedRequest>>,
    backoff_base: Duration,
    /// Set on Ctrl-C by bulk work: no request starts after it (see [`HttpClient::stop`]).
    stopped: AtomicBool,
    /// Requests sent and not yet answered, for "stopping: N requests in flight".
    in_flight: AtomicUsize,
}

/// A request body.
#[derive(Debug, Clone)]
pub enum Body {
    None,
    Json(Value),
    /// `application/x-www-form-urlencoded`; values may be secrets.
    Form(Vec<(String, FormValue)>),
}

#[derive(Debug, Clone)]
pub enum FormValue {
    Plain(String),
    Secret(Secret),
}

/// One request, described before it is sent, so it can be logged, retried or shown by
/// `--dry-run` without its secrets.
#[derive(Debug, Clone)]
pub struct Request {
    pub method: Method,
    pub url: String,
    pub query: Vec<(String, String)>,
    pub headers: Vec<(&'static str, String)>,
    pub bearer: Option<Secret>,
    pub body: Body,
    pub timeout: Duration,
    /// A change on the vendor's side: not sent under `--dry-run`.
    pub write: bool,
}

impl Request {
    pub fn new(method: Method, url: impl Into<String>, timeout: Duration) -> Self {
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
        }
    }

    pub fn query(mut self, key: &str, value: impl ToString) -> Self {
        self.query.push((key.to_string(), value.to_string()));
        self
    }

    pub fn header(mut self, name: &'static str, value: impl Into<String>) -> Self {
        self.headers.push((name, value.into()));
        self
    }

    pub fn bearer(mut self, token: &Secret) -> Self {
        self.bearer = Some(token.clone());
        self
    }

    pub fn json(mut self, body: Value) -> Self {
        self.body = Body::Json(body);
        self
    }

    pub fn form(mut self, fields: Vec<(String, FormValue)>) -> Self {
        self.body = Body::Form(fields);
        self
    }

    /// The URL with its query, as a `next`-style cursor a client can follow later.
    pub fn full_url(&self) -> Option<String> {
        let mut url = url::Url::parse(&self.url).ok()?;
        if !self.query.is_empty() {
            url.query_pairs_mut().extend_pairs(&self.query);
        }
        Some(url.to_string())
    }

    /// Mark a POST that changes nothing (a token request) as safe to send under `--dry-run`.
    pub fn not_a_write(mut self) -> Self {
        self.write = false;
        self
    }

    /// Safe to send again after a timeout or a 5xx: the vendor ends in the same state. A POST
    /// that changes nothing (a token request) is as safe as a GET.
    fn idempotent(&self) -> bool {
        !self.write || !matches!(self.method, Method::POST)
    }
}

/// An answer, read whole.
#[derive(Debug, Clone)]
pub struct Response {
    pub status: u16,
    pub body: Vec<u8>,
    pub retry_after: Option<Duration>,
}

impl Response {
    pub fn is_success(&self) -> bool {
        (200..300).contains(&self.status)
    }

    /// The body as JSON of type `T`, or a protocol error naming what was expected.
    pub fn json<T: serde::de::DeserializeOwned>(&self, what: &str) -> Result<T, ProviderError> {
        serde_json::from_slice(&self.body).map_err(|e| {
            ProviderError::protocol(format!("cannot read {what} (HTTP {}): {e}", self.status))
        })
    }

    /// The body as text, shortened for messages.
    pub fn text_snippet(&self) -> String {
        let text = String::from_utf8_lossy(&self.body);
        let text = text.trim();
        if text.chars().count() > 300 {
            let cut: String = text.chars().take(300).collect();
            format!("{cut}...")
        } else {
            text.to_string()
        }
    }
}

impl HttpClient {
    pub fn new(verbose: bool, dry_run: bool) -> Result<Self, ProviderError> {
        let client = reqwest::Client::builder()
            .user_agent(concat!("roster/", env!("CARGO_PKG_VERSION")))
            .connect_timeout(Duration::from_secs(10))
            .build()
            .map_err(|e| ProviderError::Network {
                message: format!("cannot build the HTTP client: {e}"),
            })?;
        Ok(HttpClient {
            pacer: None,
            inner: Arc::new(Inner {
                client,
                verbose,
                dry_run,
                planned: Mutex::new(Vec::new()),
                backoff_base: Duration::from_millis(500),
                stopped: AtomicBool::new(false),
                in_flight: AtomicUsize::new(0),
            }),
        })
    }

    /// A client sharing this one's connections whose requests keep to `per_second`.
    pub fn paced(&self, per_second: f64) -> HttpClient {
        HttpClient {
            inner: self.inner.clone(),
            pacer: Some(Arc::new(Pacer::new(per_second))),
        }
    }

    pub fn dry_run(&self) -> bool {
        self.inner.dry_run
    }

    /// From now on no request starts, in this client or any clone of it: a request waiting for
    /// its pacer slot or a retry fails with `ProviderError::Interrupted`. Requests already sent
    /// still get their answer.
    pub fn stop(&self) {
        self.inner.stopped.store(true, Ordering::SeqCst);
    }

    /// How many requests are sent and not yet answered, over every clone.
    pub fn in_flight(&self) -> usize {
        self.inner.in_flight.load(Ordering::SeqCst)
    }

    /// The writes `--dry-run` held back, in order.
    pub fn planned(&self) -> Vec<PlannedRequest> {
        self.inner
            .planned
            .lock()
            .map(|v| v.clone())
            .unwrap_or_default()
    }

    /// Send `req`, retrying a 429 (after `Retry-After`, else with backoff) and, for idempotent
    /// requests, a 5xx, a timeout or a dropped connection. Any status comes back as a
    /// `Response`; only transport failures and exhausted retries are errors.
    pub async fn send(&self, req: &Request) -> Result<Response, ProviderError> {
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
            let started = Instant::now();
            let outcome = {
                let _counted = InFlight::enter(&self.inner.in_flight);
                self.send_once(req).await
            };
            let elapsed = started.elapsed();
            match outcome {
                Ok(resp) => {
                    self.log(req, &resp.status.to_string(), elapsed);
                    let retryable = resp.status == 429
                        || (resp.status >= 500 && req.idempotent() && resp.status != 501);
                    // A read answered 2xx with a body that is not JSON was garbled on the way:
                    // reading again is safe, and every vendor here answers reads in JSON.
                    let garbled = !req.write && resp.is_success() && !is_json(&resp.body);
                    if garbled && attempt < MAX_ATTEMPTS {
                        tokio::time::sleep(self.backoff(attempt)).await;
                        continue;
                    }
                    if !retryable || attempt >= MAX_ATTEMPTS {
                        if resp.status == 429 && attempt >= MAX_ATTEMPTS {
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
                        None => self.backoff(attempt),
                    };
                    tokio::time::sleep(wait).await;
                }
                Err(e) => {
                    self.log(req, &describe(&e), elapsed);
                    // Any transport failure of an idempotent request is worth another try. A
                    // POST whose answer never came may have been applied: only one that never
                    // connected is sent again.
                    let may_retry = req.idempotent() || e.is_connect();
                    if !may_retry || attempt >= MAX_ATTEMPTS {
                        return Err(if e.is_timeout() {
                            ProviderError::Unavailable {
                                message: format!(
                                    "{} {} timed out after {attempt} attempt(s)",
                                    req.method, req.url
                                ),
                            }
                        } else {
                            ProviderError::Network {
                                message: format!("{} {}: {}", req.method, req.url, describe(&e)),
                            }
                        });
                    }
                    tokio::time::sleep(self.backoff(attempt)).await;
                }
            }
        }
    }

    /// Send and keep only a 2xx; anything else becomes the vendor's error via `decode`.
    pub async fn send_ok(
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

    async fn send_once(&self, req: &Request) -> Result<Response, reqwest::Error> {
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
        let resp = builder.send().await?;
        let status = resp.status().as_u16();
        let retry_after = resp
            .headers()
            .get(reqwest::header::RETRY_AFTER)
            .and_then(|v| v.to_str().ok())
            .and_then(parse_retry_after);
        let body = resp.bytes().await?.to_vec();
        Ok(Response {
            status,
            body,
            retry_after,
        })
    }

    /// Exponential backoff with full jitter: up to base * 2^(attempt-1), at most 8 s.
    fn backoff(&self, attempt: u32) -> Duration {
        let cap = self
            .inner
            .backoff_base
            .saturating_mul(1 << attempt.saturating_sub(1).min(4))
            .min(Duration::from_secs(8));
        let millis = cap.as_millis() as u64;
        Duration::from_millis(millis / 2 + fastrand::u64(0..=millis / 2))
    }

    fn log(&self, req: &Request, outcome: &str, elapsed: Duration) {
        if self.inner.verbose {
            eprintln!(
                "roster: {} {} -> {outcome} in {} ms",
                req.method,
                display_url(req),
                elapsed.as_millis()
            );
        }
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

/// The URL with its query, as logged. Queries never hold secrets in roster.
fn display_url(req: &Request) -> String {
    if req.query.is_empty() {
        return req.url.clone();
    }
    let q: Vec<String> = req.query.iter().map(|(k, v)| format!("{k}={v}")).collect();
    format!("{}?{}", req.url, q.join("&"))
}

fn describe(e: &reqwest::Error) -> String {
    if e.is_timeout() {
        "timed out".into()
    } else if e.is_connect() {
        "connection failed (is the host reachable?)".into()
    } else {
        // reqwest's Display can include the URL but never headers or bodies.
        let mut s = e.to_string();
        let mut cause = std::error::Error::source(e);
        while let Some(c) = cause {
            s.push_str(&format!(": {c}"));
            cause = c.source();
        }
        s
    }
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
