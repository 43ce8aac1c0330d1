//! How Cradl requests go out: tokens, the 403 renewal, bounded profile look-ups, the role list.

use std::collections::{BTreeSet, HashMap};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use async_trait::async_trait;
use reqwest::Method;
use tokio::sync::OnceCell;
use tokio::task::JoinSet;

use super::wire::{
    decode_error, decode_token_error, is_profile_id, seconds, token_refused, WireProfile, WireRole,
    WireRoles, WireToken, WireUser,
};
use super::PAGE_SIZE;
use crate::config::Profile;
use crate::model::User;
use crate::providers::auth::{AccessToken, Flow, TokenCache, TokenManager};
use crate::providers::http::{FormValue, Request, Response};
use crate::providers::{HttpClient, ProviderError};
use crate::secret::Secret;

/// Profile look-ups in flight at once: enough to hide latency, few enough not to trip the
/// vendor's rate limit.
const PROFILE_LOOKUPS: usize = 8;

/// Everything a request needs, shared with the concurrent profile look-ups.
pub(super) struct Inner {
    pub profile: String,
    pub base: String,
    pub auth_url: String,
    pub client_id: String,
    timeout: Duration,
    http: HttpClient,
    tokens: TokenManager<ClientCredentials>,
    /// profileId -> profile (`None`: the vendor has no such profile). Lives for one command.
    profiles: Mutex<HashMap<String, Option<WireProfile>>>,
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
            .not_a_write();
        let resp = self
            .http
            .send_ok(&req, |r| decode_token_error(r, &self.client_secret))
            .await?;
        let token: WireToken = resp.json("the token answer")?;
        let expires_in = token.expires_in.as_ref().and_then(seconds);
        Ok(AccessToken::new(token.access_token, None, expires_in))
    }
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

impl Inner {
    pub fn new(
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
        let flow = ClientCredentials {
            http: http.clone(),
            url: auth_url.to_string(),
            client_id: client_id.clone(),
            client_secret: secret("client_secret")?,
            // Decided: the audience is the API base URL, `https://api.cradl.ai/v1` by default.
            audience: profile.base_url.clone(),
            timeout: profile.timeout,
        };
        Ok(Inner {
            profile: profile.name.clone(),
            base: profile.base_url.clone(),
            auth_url: auth_url.to_string(),
            client_id: client_id.expose().to_string(),
            timeout: profile.timeout,
            http,
            tokens: TokenManager::new(flow, TokenCache::for_profile(profile)),
            profiles: Mutex::new(HashMap::new()),
            roles: OnceCell::new(),
        })
    }

    /// A profile's email known without asking the vendor (a user just created with it).
    pub fn remember_email(&self, profile_id: String, email: &str) {
        lock(&self.profiles)
            .entry(profile_id)
            .or_insert_with(|| Some(WireProfile::with_email(email)));
    }

    pub fn request(&self, method: Method, path: &str) -> Request {
        Request::new(method, format!("{}{path}", self.base), self.timeout)
    }

    /// Send with the current token. Cradl answers an expired token with 403 `Forbidden` (not
    /// 401), so either renews the token once and retries once.
    pub async fn send(&self, req: Request) -> Result<Response, ProviderError> {
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
        } else {
            Err(decode_error(&resp))
        }
    }

    pub async fn fetch_user(&self, id: &str) -> Result<WireUser, ProviderError> {
        let resp = self.send(self.request(Method::GET, &user_path(id))).await?;
        resp.json("the user")
    }

    /// One profile, `None` if the vendor has none by that id.
    async fn fetch_profile(&self, id: &str) -> Result<Option<WireProfile>, ProviderError> {
        let req = self.request(Method::GET, &format!("/profiles/{id}"));
        match self.send(req).await {
            Ok(resp) => resp.json("the profile").map(Some),
            Err(ProviderError::NotFound { .. }) => Ok(None),
            Err(e) => Err(e),
        }
    }

    /// Look up every profile not yet known, at most `PROFILE_LOOKUPS` at a time. The user
    /// object has no email; its profile does.
    async fn load_profiles(self: &Arc<Self>, ids: BTreeSet<String>) -> Result<(), ProviderError> {
        let missing: Vec<String> = {
            let known = lock(&self.profiles);
            ids.into_iter()
                .filter(|id| !known.contains_key(id))
                .collect()
        };
        let mut queue = missing.into_iter();
        let mut running = JoinSet::new();
        loop {
            while running.len() < PROFILE_LOOKUPS {
                let Some(id) = queue.next() else { break };
                let inner = Arc::clone(self);
                running.spawn(async move {
                    let found = inner.fetch_profile(&id).await;
                    (id, found)
                });
            }
            // Returning early drops the set, which aborts the look-ups still running.
            let Some(done) = running.join_next().await else {
                return Ok(());
            };
            let (id, found) = done
                .map_err(|e| ProviderError::protocol(format!("a profile look-up stopped: {e}")))?;
            lock(&self.profiles).insert(id, found?);
        }
    }

    /// Every role, listed once per command.
    pub async fn roles(&self) -> Result<&Vec<WireRole>, ProviderError> {
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

    /// Wire users -> model users, with emails from their profiles and role names.
    pub async fn to_users(
        self: &Arc<Self>,
        users: Vec<WireUser>,
    ) -> Result<Vec<User>, ProviderError> {
        let ids: BTreeSet<String> = users
            .iter()
            .filter_map(|u| u.profile_id.clone())
            .filter(|id| is_profile_id(id))
            .collect();
        self.load_profiles(ids).await?;
        let roles = self.roles().await?;
        let profiles = lock(&self.profiles);
        Ok(users
            .into_iter()
            .map(|w| {
                let profile = w
                    .profile_id
                    .as_ref()
                    .and_then(|id| profiles.get(id))
                    .and_then(Option::as_ref);
                w.into_user(&self.profile, profile, roles)
            })
            .collect())
    }

    pub async fn to_user(self: &Arc<Self>, user: WireUser) -> Result<User, ProviderError> {
        self.to_users(vec![user])
            .await?
            .pop()
            .ok_or_else(|| ProviderError::protocol("a user went missing while mapping it"))
    }
}

pub(super) fn user_path(id: &str) -> String {
    format!("/users/{id}")
}
