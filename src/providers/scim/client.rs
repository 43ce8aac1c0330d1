//! How SCIM requests go out: the profile's settings, the bearer token (static, or OAuth2 client
//! credentials through the shared token flow), SCIM headers, discovery once per command.

use std::sync::atomic::{AtomicBool, AtomicU32, AtomicUsize, Ordering};
use std::time::Duration;

use async_trait::async_trait;
use reqwest::Method;
use serde::Deserialize;
use serde_json::{Map, Value};
use tokio::sync::OnceCell;

use super::dialect::Dialect;
use super::discovery::{now, DiscoveryCache, ServiceConfig};
use super::error::{decode_error, ERRORS};
use super::paging::Mode;
use super::wire::MEDIA_TYPE;
use crate::providers::auth::{AccessToken, Flow, TokenCache, TokenManager};
use crate::providers::http::decode::decode_token_error;
use crate::providers::http::{FormValue, Request, Response};
use crate::providers::Profile;
use crate::providers::{HttpClient, ProviderError};
use crate::secret::Secret;

/// Users asked per page unless the profile or the service says otherwise.
const DEFAULT_PAGE_SIZE: u32 = 100;
/// The largest `page_size` a profile may set.
pub(crate) const MAX_PAGE_SIZE: u32 = 1000;

enum Auth {
    Token(Secret),
    Client(Box<TokenManager<ClientCredentials>>),
}

/// The OAuth2 client-credentials grant (RFC 6749 §4.4) some services need (Entra, Zoom).
struct ClientCredentials {
    http: HttpClient,
    url: String,
    client_id: Secret,
    client_secret: Secret,
    scope: Option<String>,
    timeout: Duration,
}

#[derive(Deserialize)]
struct WireToken {
    access_token: Secret,
    expires_in: Option<Value>,
}

#[async_trait]
impl Flow for ClientCredentials {
    async fn login(&self) -> Result<AccessToken, ProviderError> {
        let mut form = vec![
            (
                "grant_type".to_string(),
                FormValue::Plain("client_credentials".into()),
            ),
            (
                "client_id".into(),
                FormValue::Secret(self.client_id.clone()),
            ),
            (
                "client_secret".into(),
                FormValue::Secret(self.client_secret.clone()),
            ),
        ];
        if let Some(s) = &self.scope {
            form.push(("scope".into(), FormValue::Plain(s.clone())));
        }
        let req = Request::new(Method::POST, &self.url, self.timeout)
            .form(form)
            .not_a_write();
        let resp = self
            .http
            .send_ok(&req, |r| decode_token_error(r, &ERRORS))
            .await?;
        let token: WireToken = resp.json("the token answer")?;
        let expires_in = token.expires_in.and_then(|v| match v {
            Value::Number(n) => n.as_i64(),
            Value::String(s) => s.trim().parse().ok(),
            _ => None,
        });
        Ok(AccessToken::new(token.access_token, None, expires_in))
    }
}

/// Everything a request needs.
pub(super) struct Client {
    pub(crate) profile: String,
    pub(crate) base: String,
    pub(crate) dialect: Dialect,
    /// Where the dialect came from, for `profiles check`.
    pub(crate) dialect_source: &'static str,
    pagination: Option<Mode>,
    page_size: Option<u32>,
    timeout: Duration,
    pub(crate) http: HttpClient,
    auth: Auth,
    cache: DiscoveryCache,
    config: OnceCell<ServiceConfig>,
    /// The email filter form the service took, once known (`filter::EMAIL_FORMS`).
    email_form: AtomicUsize,
    /// The service refused `active eq ...`: status is filtered on this side.
    pub(super) status_refused: AtomicBool,
    /// A page size the service took after a `tooMany` (0: none yet).
    pub(super) narrowed: AtomicU32,
}

/// A plain setting parsed, or the error naming the key.
fn setting<T>(
    profile: &Profile,
    key: &str,
    parse: impl Fn(&str) -> Option<T>,
    expected: &str,
) -> Result<Option<T>, ProviderError> {
    match profile.setting(key) {
        None => Ok(None),
        Some(v) => parse(v).map(Some).ok_or_else(|| {
            ProviderError::bad_input(format!(
                "profile `{}`: {key} `{v}` is not {expected}",
                profile.name
            ))
        }),
    }
}

impl Client {
    pub(crate) fn new(profile: &Profile, http: HttpClient) -> Result<Client, ProviderError> {
        let (dialect, dialect_source) =
            Dialect::for_profile(profile.setting("dialect"), &profile.base_url).map_err(|m| {
                ProviderError::bad_input(format!("profile `{}`: {m}", profile.name))
            })?;
        let pagination = setting(profile, "pagination", Mode::from_name, "index or cursor")?;
        let page_size = setting(
            profile,
            "page_size",
            |v| {
                v.trim()
                    .parse::<u32>()
                    .ok()
                    .filter(|n| (1..=MAX_PAGE_SIZE).contains(n))
            },
            "a whole number from 1 to 1000",
        )?;
        let auth = match (
            profile.secret("token"),
            profile.secret("client_id"),
            profile.secret("client_secret"),
        ) {
            (Some(t), None, None) => Auth::Token(t.clone()),
            (None, Some(id), Some(secret)) => {
                let url = profile.setting("auth_url").ok_or_else(|| {
                    ProviderError::bad_input(format!(
                        "profile `{}`: client credentials need auth_url, the token endpoint",
                        profile.name
                    ))
                })?;
                let flow = ClientCredentials {
                    http: http.clone(),
                    url: url.to_string(),
                    client_id: id.clone(),
                    client_secret: secret.clone(),
                    scope: profile.setting("scope").map(str::to_string),
                    timeout: profile.timeout,
                };
                Auth::Client(Box::new(TokenManager::new(
                    flow,
                    TokenCache::for_profile(profile),
                )))
            }
            _ => {
                return Err(ProviderError::bad_input(format!(
                    "profile `{}`: a scim profile takes a bearer token (token_env, token_command \
                     or token) or OAuth2 client credentials (client_id, client_secret and \
                     auth_url), not both and not neither",
                    profile.name
                )))
            }
        };
        let cache = DiscoveryCache::for_profile(&profile.name, &profile.base_url);
        let remembered = cache.load().email_form;
        Ok(Client {
            profile: profile.name.clone(),
            base: profile.base_url.trim_end_matches('/').to_string(),
            dialect,
            dialect_source,
            pagination,
            page_size,
            timeout: profile.timeout,
            http,
            auth,
            cache,
            config: OnceCell::new(),
            email_form: AtomicUsize::new(remembered.unwrap_or(dialect.first_email_form())),
            status_refused: AtomicBool::new(false),
            narrowed: AtomicU32::new(0),
        })
    }

    /// A request to `path` below the SCIM root, with SCIM's media type.
    pub(crate) fn request(&self, method: Method, path: &str) -> Request {
        Request::new(method, format!("{}{path}", self.base), self.timeout)
            .header("accept", MEDIA_TYPE)
    }

    /// A request with a JSON body sent as `application/scim+json`.
    pub(crate) fn with_body(&self, method: Method, path: &str, body: Value) -> Request {
        self.request(method, path)
            .header("content-type", MEDIA_TYPE)
            .json(body)
    }

    /// Send with the token; any status comes back. An OAuth token refused with 401 is renewed
    /// once and the request sent again.
    pub(crate) async fn send_raw(&self, req: Request) -> Result<Response, ProviderError> {
        if req.write && self.http.dry_run() {
            return self.http.send(&req.bearer(&Secret::new(""))).await;
        }
        match &self.auth {
            Auth::Token(t) => self.http.send(&req.bearer(t)).await,
            Auth::Client(tokens) => {
                let token = tokens.token().await?;
                let resp = self.http.send(&req.clone().bearer(&token)).await?;
                if resp.status != 401 {
                    return Ok(resp);
                }
                let fresh = tokens.renew(&token).await?;
                self.http.send(&req.bearer(&fresh)).await
            }
        }
    }

    /// Send and keep a 2xx; anything else is the service's error.
    pub(crate) async fn send(&self, req: Request) -> Result<Response, ProviderError> {
        let resp = self.send_raw(req).await?;
        if resp.is_success() {
            Ok(resp)
        } else {
            Err(decode_error(&resp))
        }
    }

    /// A 2xx answer's body as a JSON object; an empty body is `None` (204, or `{}`).
    pub(crate) fn object(
        resp: &Response,
        what: &str,
    ) -> Result<Option<Map<String, Value>>, ProviderError> {
        if resp.body.iter().all(u8::is_ascii_whitespace) {
            return Ok(None);
        }
        match resp.json::<Value>(what)? {
            Value::Object(m) if m.is_empty() => Ok(None),
            Value::Object(m) => Ok(Some(m)),
            _ => Err(ProviderError::protocol(format!(
                "{what} is not a JSON object"
            ))),
        }
    }

    /// What the service supports: from the cache when younger than a day, else
    /// `/ServiceProviderConfig`, else `/ServiceProviderConfigs` (SCIM 1.1 spelling), else the RFC
    /// defaults. The dialect's known settings win over what the service announces.
    pub(crate) async fn config(&self) -> Result<ServiceConfig, ProviderError> {
        self.config
            .get_or_try_init(|| async {
                let mut cached = self.cache.load();
                let config = match cached.config {
                    Some(c) => c,
                    None => {
                        let c = self.discover().await?;
                        cached.config = Some(c);
                        cached.fetched_at = now();
                        cached.email_form = Some(self.email_form.load(Ordering::SeqCst));
                        self.cache.store(&cached);
                        c
                    }
                };
                Ok(self.overridden(config))
            })
            .await
            .copied()
    }

    async fn discover(&self) -> Result<ServiceConfig, ProviderError> {
        for path in ["/ServiceProviderConfig", "/ServiceProviderConfigs"] {
            let resp = self.send_raw(self.request(Method::GET, path)).await?;
            match resp.status {
                s if (200..300).contains(&s) => {
                    if let Ok(Value::Object(map)) = resp.json::<Value>("the service configuration")
                    {
                        return Ok(ServiceConfig::from_json(&map));
                    }
                }
                401 => return Err(decode_error(&resp)),
                _ => {}
            }
        }
        Ok(ServiceConfig::default())
    }

    fn overridden(&self, mut c: ServiceConfig) -> ServiceConfig {
        if let Some(e) = self.dialect.etags() {
            c.etag = e;
        }
        if let Some(max) = self.dialect.max_page_size() {
            c.max_page_size = Some(c.max_page_size.map_or(max, |m| m.min(max)));
        }
        c
    }

    /// How lists page: the profile's `pagination`, else the dialect's, else the announced way.
    pub(crate) async fn mode(&self) -> Result<Mode, ProviderError> {
        if let Some(m) = self.pagination {
            return Ok(m);
        }
        if let Some(m) = self.dialect.paging() {
            return Ok(m);
        }
        Ok(self.config().await?.mode())
    }

    /// Resources asked per page: the profile's `page_size`, else 100, never past what the
    /// service serves.
    pub(crate) async fn page_size(&self) -> Result<u32, ProviderError> {
        let max = self.config().await?.max_page_size.unwrap_or(MAX_PAGE_SIZE);
        let narrowed = match self.narrowed.load(Ordering::SeqCst) {
            0 => u32::MAX,
            n => n,
        };
        Ok(self
            .page_size
            .unwrap_or(DEFAULT_PAGE_SIZE)
            .min(max)
            .min(narrowed)
            .max(1))
    }

    /// The mode, once the configuration is read (after a listing's first page).
    pub(crate) fn mode_now(&self) -> Option<Mode> {
        self.pagination
            .or(self.dialect.paging())
            .or_else(|| self.config.get().map(ServiceConfig::mode))
    }

    pub(crate) fn email_form(&self) -> usize {
        self.email_form.load(Ordering::SeqCst)
    }

    /// Remember the email filter form the service took, here and in the cache.
    pub(crate) fn remember_email_form(&self, form: usize) {
        if self.email_form.swap(form, Ordering::SeqCst) == form {
            return;
        }
        let mut cached = self.cache.load();
        if cached.config.is_none() {
            cached.config = self.config.get().copied();
            cached.fetched_at = now();
        }
        cached.email_form = Some(form);
        self.cache.store(&cached);
    }
}
