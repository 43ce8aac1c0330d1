//! How Cradl requests go out: tokens, the 403 renewal, patient reads, the monthly cap, roles.

use std::collections::BTreeSet;
use std::sync::Arc;
use std::time::Duration;

use async_trait::async_trait;
use reqwest::Method;
use tokio::sync::OnceCell;

use super::profiles::{unread_warning, ProfileCache};
use super::wire::{
    decode_error, decode_token_error, is_monthly_cap, is_profile_id, seconds, token_refused,
    vendor_message, WireProfile, WireRole, WireRoles, WireToken, WireUser,
};
use super::{DEFAULT_AUDIENCE, PAGE_SIZE};
use crate::model::User;
use crate::providers::auth::{AccessToken, Flow, TokenCache, TokenManager};
use crate::providers::http::{FormValue, Request, Response};
use crate::providers::Profile;
use crate::providers::{HttpClient, ProviderError};
use crate::secret::Secret;

/// Tries of a read and the longest wait between two: a listing of N users is N + 1 reads
/// (emails live on profiles), so one read given up fails or blanks far more than a write.
/// Cradl's 429 carries no `Retry-After`, so these waits are all roster has to go on.
const READ_ATTEMPTS: u32 = 8;
const READ_BACKOFF_CAP: Duration = Duration::from_secs(30);

/// Everything a request needs, shared with the concurrent profile look-ups.
pub(super) struct Inner {
    pub(crate) profile: String,
    pub(crate) base: String,
    pub(crate) auth_url: String,
    /// The API tokens are asked for.
    pub(crate) audience: String,
    pub(crate) client_id: String,
    timeout: Duration,
    http: HttpClient,
    tokens: TokenManager<ClientCredentials>,
    /// Profiles read so far; they live as long as the process.
    pub(super) profile_cache: ProfileCache,
    roles: OnceCell<Vec<WireRole>>,
}

/// The client-credentials grant against Cradl's token endpoint.
struct ClientCredentials {
    http: HttpClient,
    url: String,
    client_id: Secret,
    client_secret: Secret,
    audience: String,
    timeout: Duration,
}

#[async_trait]
impl Flow for ClientCredentials {
    async fn login(&self) -> Result<AccessToken, ProviderError> {
        let plain = |s: &str| FormValue::Plain(s.to_string());
        let req = Request::new(Method::POST, &self.url, self.timeout)
            .form(vec![
                ("grant_type".into(), plain("client_credentials")),
                (
                    "client_id".into(),
                    FormValue::Secret(self.client_id.clone()),
                ),
                (
                    "client_secret".into(),
                    FormValue::Secret(self.client_secret.clone()),
                ),
                ("audience".into(), plain(&self.audience)),
            ])
            .not_a_write()
            // Every request waits on it: as patient as a read.
            .patient(READ_ATTEMPTS, READ_BACKOFF_CAP);
        let resp = self
            .http
            .send_ok(&req, |r| decode_token_error(r, &self.client_secret))
            .await?;
        let token: WireToken = resp.json("the token answer")?;
        let expires_in = token.expires_in.as_ref().and_then(seconds);
        Ok(AccessToken::new(token.access_token, None, expires_in))
    }
}

impl Inner {
    pub(crate) fn new(
        profile: &Profile,
        http: HttpClient,
        auth_url: &str,
    ) -> Result<Inner, ProviderError> {
        let secret = |key: &str| {
            profile
                .secret(key)
                .cloned()
                .ok_or_else(|| ProviderError::bad_input(format!("the profile has no {key}")))
        };
        let client_id = secret("client_id")?;
        // The documented constant whatever host the API is reached at, as the official client
        // sends it (cradl 0.6.8 credentials.py:103); `audience` for a tenant given another.
        // Recorded as decided in ../shared/vendors/README.md, "Cradl", Auth.
        let audience = profile
            .setting("audience")
            .unwrap_or(DEFAULT_AUDIENCE)
            .to_string();
        let flow = ClientCredentials {
            http: http.clone(),
            url: auth_url.to_string(),
            client_id: client_id.clone(),
            client_secret: secret("client_secret")?,
            audience: audience.clone(),
            timeout: profile.timeout,
        };
        Ok(Inner {
            profile: profile.name.clone(),
            base: profile.base_url.clone(),
            auth_url: auth_url.to_string(),
            audience,
            client_id: client_id.expose().to_string(),
            timeout: profile.timeout,
            http,
            tokens: TokenManager::new(flow, TokenCache::for_profile(profile)),
            profile_cache: ProfileCache::default(),
            roles: OnceCell::new(),
        })
    }

    /// A profile's email known without asking the vendor (a user just created with it).
    pub(crate) fn remember_email(&self, profile_id: &str, email: &str) {
        self.profile_cache
            .remember(profile_id, WireProfile::with_email(email));
    }

    /// A request to the API. Reads are patient; a 429 that is the monthly cap is never retried.
    pub(crate) fn request(&self, method: Method, path: &str) -> Request {
        let read = method == Method::GET;
        let req = Request::new(method, format!("{}{path}", self.base), self.timeout)
            .retry_429_if(|resp| !is_monthly_cap(resp));
        if read {
            req.patient(READ_ATTEMPTS, READ_BACKOFF_CAP)
        } else {
            req
        }
    }

    /// Send with the current token. Cradl answers an expired token with 403 `Forbidden` (not
    /// 401), so either renews the token once and retries once.
    pub(crate) async fn send(&self, req: Request) -> Result<Response, ProviderError> {
        if req.write && self.http.dry_run() {
            // Shown, not sent: no reason to log in for it. The plan redacts the header anyway.
            return self.http.send(&req.bearer(&Secret::new(""))).await;
        }
        let token = self.tokens.token().await?;
        let mut resp = self.http.send(&req.clone().bearer(&token)).await?;
        if token_refused(&resp) {
            let fresh = self.tokens.renew(&token).await?;
            resp = self.http.send(&req.bearer(&fresh)).await?;
        }
        if resp.is_success() {
            Ok(resp)
        } else if is_monthly_cap(&resp) {
            // A refusal, not a rate limit: exit 1, and bulk work does not send it again.
            Err(ProviderError::Invalid {
                message: format!(
                    "{} (the organization's monthly request limit is reached; retrying does not \
                     help until Cradl resets it or the plan is raised)",
                    vendor_message(&resp)
                ),
            })
        } else {
            Err(decode_error(&resp))
        }
    }

    pub(crate) async fn fetch_user(&self, id: &str) -> Result<WireUser, ProviderError> {
        let resp = self.send(self.request(Method::GET, &user_path(id))).await?;
        resp.json("the user")
    }

    /// Every role, listed once per command.
    pub(crate) async fn roles(&self) -> Result<&Vec<WireRole>, ProviderError> {
        self.roles
            .get_or_try_init(|| async {
                let mut all = Vec::new();
                let mut cursor: Option<String> = None;
                loop {
                    let mut req = self
                        .request(Method::GET, "/roles")
                        .query("maxResults", PAGE_SIZE);
                    if let Some(c) = &cursor {
                        req = req.query("nextToken", c);
                    }
                    let page: WireRoles = self.send(req).await?.json("the role list")?;
                    all.extend(page.roles);
                    match page.next_token.filter(|t| !t.is_empty()) {
                        Some(next) => cursor = Some(next),
                        None => return Ok(all),
                    }
                }
            })
            .await
    }

    /// Wire users -> model users, with emails from their profiles and role names. A profile
    /// that cannot be read costs only its user's email, with a warning on stderr.
    pub(crate) async fn to_users(
        self: &Arc<Self>,
        users: Vec<WireUser>,
    ) -> Result<Vec<User>, ProviderError> {
        let ids: BTreeSet<String> = users
            .iter()
            .filter_map(|u| u.profile_id.clone())
            .filter(|id| is_profile_id(id))
            .collect();
        let profiles = self.profiles(ids).await?;
        let roles = self.roles().await?;
        let mut unread = Vec::new();
        let users = users
            .into_iter()
            .map(|w| {
                let lookup = w.profile_id.as_ref().and_then(|id| {
                    // A malformed profile id names no profile: the user has no email.
                    is_profile_id(id).then(|| profiles.get(id))
                });
                let profile = match lookup {
                    Some(Some(Ok(p))) => p.as_ref(),
                    Some(Some(Err(e))) => {
                        unread.push((w.user_id.clone(), e.to_string()));
                        None
                    }
                    Some(None) => {
                        unread.push((w.user_id.clone(), "the look-up stopped".into()));
                        None
                    }
                    None => None,
                };
                w.into_user(&self.profile, profile, roles)
            })
            .collect();
        if let Some(warning) = unread_warning(&self.profile, &unread) {
            self.http.warn(&warning);
        }
        Ok(users)
    }

    pub(crate) async fn to_user(self: &Arc<Self>, user: WireUser) -> Result<User, ProviderError> {
        self.to_users(vec![user])
            .await?
            .pop()
            .ok_or_else(|| ProviderError::protocol("a user went missing while mapping it"))
    }
}

pub(super) fn user_path(id: &str) -> String {
    format!("/users/{id}")
}
