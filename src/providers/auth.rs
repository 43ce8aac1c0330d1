//! Token flows shared by the vendors that log in, and the on-disk token cache.
//!
//! Static bearer keys (Paradigm) need none of this. Password grants, client credentials and
//! JWT logins implement [`Flow`]; [`TokenManager`] caches their tokens in memory and in
//! `<cache dir>/tokens/<profile>.json` (mode 0600, in a 0700 directory), refreshes them before
//! they expire, and renews them once after a 401. The cache holds access and refresh tokens,
//! never a password or a client secret: only a salted, iterated hash of the profile's settings
//! and secrets, so that a changed secret never rides on a token the old one earned.

use async_trait::async_trait;
use serde::{Deserialize, Serialize};

use crate::providers::ProviderError;
use crate::secret::Secret;

mod cache;

pub(crate) use cache::{cache_dir, TokenCache};

/// Seconds before expiry at which a token counts as stale.
const EXPIRY_MARGIN_SECS: i64 = 30;

/// A bearer token from a login, with what is needed to renew it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct AccessToken {
    #[serde(serialize_with = "crate::secret::serialize_exposed")]
    pub(crate) access: Secret,
    #[serde(serialize_with = "crate::secret::serialize_exposed_opt")]
    pub(crate) refresh: Option<Secret>,
    /// Unix seconds; `None` when the vendor did not say.
    pub(crate) expires_at: Option<i64>,
}

impl AccessToken {
    /// A token valid for `expires_in` seconds from now.
    pub(crate) fn new(access: Secret, refresh: Option<Secret>, expires_in: Option<i64>) -> Self {
        AccessToken {
            access,
            refresh,
            expires_at: expires_in.map(|s| now() + s),
        }
    }

    /// A token whose expiry is known as a time (a JWT's `exp`).
    pub(crate) fn expiring_at(
        access: Secret,
        refresh: Option<Secret>,
        expires_at: Option<i64>,
    ) -> Self {
        AccessToken {
            access,
            refresh,
            expires_at,
        }
    }

    /// Why this token cannot be sent in an `Authorization` header, if it cannot: a corrupt
    /// cache entry or an odd vendor answer must not turn into "failed to parse header value".
    pub(super) fn unsendable(&self) -> Option<&'static str> {
        let bad = |s: &Secret| !s.expose().chars().all(|c| ('!'..='~').contains(&c));
        if self.access.expose().is_empty() || bad(&self.access) {
            Some("the access token")
        } else if self.refresh.as_ref().is_some_and(bad) {
            Some("the refresh token")
        } else {
            None
        }
    }

    pub(crate) fn is_fresh(&self) -> bool {
        self.expires_at
            .is_none_or(|at| at - EXPIRY_MARGIN_SECS > now())
    }
}

fn now() -> i64 {
    chrono::Utc::now().timestamp()
}

/// How a vendor turns configured credentials into an access token.
#[async_trait]
pub(crate) trait Flow: Send + Sync {
    /// Log in from the configured credentials.
    async fn login(&self) -> Result<AccessToken, ProviderError>;
    /// Renew with a refresh token. The default logs in again.
    async fn refresh(&self, _refresh: &Secret) -> Result<AccessToken, ProviderError> {
        self.login().await
    }
}

/// One profile's current token: from memory, else the cache file, else a login.
pub(crate) struct TokenManager<F: Flow> {
    flow: F,
    cache: TokenCache,
    current: tokio::sync::Mutex<Option<AccessToken>>,
}

impl<F: Flow> TokenManager<F> {
    pub(crate) fn new(flow: F, cache: TokenCache) -> Self {
        TokenManager {
            flow,
            cache,
            current: tokio::sync::Mutex::new(None),
        }
    }

    /// A token believed valid.
    pub(crate) async fn token(&self) -> Result<Secret, ProviderError> {
        let mut current = self.current.lock().await;
        if let Some(t) = current.as_ref().filter(|t| t.is_fresh()) {
            return Ok(t.access.clone());
        }
        let stale = match current.take() {
            Some(t) => Some(t),
            None => self.cache.load(),
        };
        let token = match stale {
            Some(t) if t.is_fresh() => t,
            Some(t) => self.renew_from(&t).await?,
            None => self.login().await?,
        };
        let access = token.access.clone();
        *current = Some(token);
        Ok(access)
    }

    /// After a 401 with `rejected`: renew once (unless another task already did) and return the
    /// new token to retry with.
    pub(crate) async fn renew(&self, rejected: &Secret) -> Result<Secret, ProviderError> {
        let mut current = self.current.lock().await;
        if let Some(t) = current.as_ref() {
            if &t.access != rejected && t.is_fresh() {
                return Ok(t.access.clone());
            }
        }
        let token = match current.take() {
            Some(t) => self.renew_from(&t).await?,
            None => self.login().await?,
        };
        let access = token.access.clone();
        *current = Some(token);
        Ok(access)
    }

    /// Refresh if there is a refresh token; if that is refused, log in again.
    async fn renew_from(&self, old: &AccessToken) -> Result<AccessToken, ProviderError> {
        if let Some(r) = &old.refresh {
            if let Ok(t) = self.flow.refresh(r).await {
                if t.unsendable().is_none() {
                    self.cache.store(&t);
                    return Ok(t);
                }
            }
        }
        self.login().await
    }

    async fn login(&self) -> Result<AccessToken, ProviderError> {
        let t = self.flow.login().await?;
        if let Some(what) = t.unsendable() {
            return Err(ProviderError::protocol(format!(
                "{what} the vendor issued holds characters an HTTP header cannot carry"
            )));
        }
        self.cache.store(&t);
        Ok(t)
    }
}

#[cfg(test)]
mod tests;
