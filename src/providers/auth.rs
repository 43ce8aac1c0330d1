//! Token flows shared by the vendors that log in, and the on-disk token cache.
//!
//! Static bearer keys (Paradigm) need none of this. Password grants, client credentials and
//! JWT logins implement [`Flow`]; [`TokenManager`] caches their tokens in memory and in
//! `<cache dir>/tokens/<profile>.json` (mode 0600), refreshes them before they expire, and
//! renews them once after a 401. The cache holds access and refresh tokens, never a password
//! or a client secret.

use std::hash::{Hash, Hasher};
use std::path::PathBuf;

use async_trait::async_trait;
use serde::{Deserialize, Serialize};

use crate::config::Profile;
use crate::providers::ProviderError;
use crate::secret::Secret;

/// Seconds before expiry at which a token counts as stale.
const EXPIRY_MARGIN_SECS: i64 = 30;

/// A bearer token from a login, with what is needed to renew it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct AccessToken {
    pub access: Secret,
    pub refresh: Option<Secret>,
    /// Unix seconds; `None` when the vendor did not say.
    pub expires_at: Option<i64>,
}

impl AccessToken {
    /// A token valid for `expires_in` seconds from now.
    pub fn new(access: Secret, refresh: Option<Secret>, expires_in: Option<i64>) -> Self {
        AccessToken {
            access,
            refresh,
            expires_at: expires_in.map(|s| now() + s),
        }
    }

    /// A token whose expiry is known as a time (a JWT's `exp`).
    pub fn expiring_at(access: Secret, refresh: Option<Secret>, expires_at: Option<i64>) -> Self {
        AccessToken {
            access,
            refresh,
            expires_at,
        }
    }

    pub fn is_fresh(&self) -> bool {
        self.expires_at
            .is_none_or(|at| at - EXPIRY_MARGIN_SECS > now())
    }
}

fn now() -> i64 {
    chrono::Utc::now().timestamp()
}

/// How a vendor turns configured credentials into an access token.
#[async_trait]
pub trait Flow: Send + Sync {
    /// Log in from the configured credentials.
    async fn login(&self) -> Result<AccessToken, ProviderError>;
    /// Renew with a refresh token. The default logs in again.
    async fn refresh(&self, _refresh: &Secret) -> Result<AccessToken, ProviderError> {
        self.login().await
    }
}

/// Where a profile's token is cached between invocations.
#[derive(Debug, Clone)]
pub struct TokenCache {
    path: Option<PathBuf>,
    /// Changes when the profile's provider, URL or login name changes, so a stale token from a
    /// different tenant is never reused.
    fingerprint: String,
}

#[derive(Serialize, Deserialize)]
struct CacheFile {
    fingerprint: String,
    token: AccessToken,
}

impl TokenCache {
    pub fn for_profile(profile: &Profile) -> TokenCache {
        let mut h = std::collections::hash_map::DefaultHasher::new();
        profile.kind.name().hash(&mut h);
        profile.base_url.hash(&mut h);
        profile.settings.hash(&mut h);
        for key in ["client_id", "username"] {
            if let Some(s) = profile.secret(key) {
                s.expose().hash(&mut h);
            }
        }
        TokenCache {
            fingerprint: format!("{:016x}", h.finish()),
            ..TokenCache::for_name(&profile.name)
        }
    }

    /// The cache of the profile called `name`, for removing it without resolving secrets.
    pub fn for_name(name: &str) -> TokenCache {
        TokenCache {
            path: cache_dir().map(|d| d.join(format!("{}.json", file_name(name)))),
            fingerprint: String::new(),
        }
    }

    /// A cache that never touches the disk (tests, or no home directory).
    pub fn in_memory() -> TokenCache {
        TokenCache {
            path: None,
            fingerprint: String::new(),
        }
    }

    pub fn load(&self) -> Option<AccessToken> {
        let path = self.path.as_ref()?;
        let text = std::fs::read_to_string(path).ok()?;
        let file: CacheFile = serde_json::from_str(&text).ok()?;
        (file.fingerprint == self.fingerprint).then_some(file.token)
    }

    /// Best effort: a cache that cannot be written only costs a login next time.
    pub fn store(&self, token: &AccessToken) {
        let Some(path) = &self.path else { return };
        let file = CacheFile {
            fingerprint: self.fingerprint.clone(),
            token: token.clone(),
        };
        let Ok(text) = serde_json::to_string(&file) else {
            return;
        };
        let _ = write_private(path, text.as_bytes());
    }

    /// Whether a cache file is there, whatever login it holds.
    pub fn exists(&self) -> bool {
        self.path.as_ref().is_some_and(|p| p.exists())
    }

    /// Forget the token (`roster profiles logout`). True if a file was removed.
    pub fn clear(&self) -> bool {
        self.path
            .as_ref()
            .is_some_and(|p| std::fs::remove_file(p).is_ok())
    }
}

/// `<cache dir>/tokens`, e.g. `~/.cache/roster/tokens` on Linux.
pub fn cache_dir() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "roster").map(|d| d.cache_dir().join("tokens"))
}

/// A profile name as a file name: anything unusual becomes `_`.
fn file_name(profile: &str) -> String {
    profile
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect()
}

/// Write a file readable by its owner only, atomically (temp file + rename).
pub fn write_private(path: &std::path::Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let dir = path
        .parent()
        .ok_or_else(|| std::io::Error::other("no parent directory"))?;
    std::fs::create_dir_all(dir)?;
    let mut tmp = tempfile::NamedTempFile::new_in(dir)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        tmp.as_file()
            .set_permissions(std::fs::Permissions::from_mode(0o600))?;
    }
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// One profile's current token: from memory, else the cache file, else a login.
pub struct TokenManager<F: Flow> {
    flow: F,
    cache: TokenCache,
    current: tokio::sync::Mutex<Option<AccessToken>>,
}

impl<F: Flow> TokenManager<F> {
    pub fn new(flow: F, cache: TokenCache) -> Self {
        TokenManager {
            flow,
            cache,
            current: tokio::sync::Mutex::new(None),
        }
    }

    /// A token believed valid.
    pub async fn token(&self) -> Result<Secret, ProviderError> {
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
    pub async fn renew(&self, rejected: &Secret) -> Result<Secret, ProviderError> {
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
                self.cache.store(&t);
                return Ok(t);
            }
        }
        self.login().await
    }

    async fn login(&self) -> Result<AccessToken, ProviderError> {
        let t = self.flow.login().await?;
        self.cache.store(&t);
        Ok(t)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicU32, Ordering};

    struct Counting {
        logins: AtomicU32,
        refreshes: AtomicU32,
        lifetime: i64,
    }

    #[async_trait]
    impl Flow for Counting {
        async fn login(&self) -> Result<AccessToken, ProviderError> {
            let n = self.logins.fetch_add(1, Ordering::SeqCst);
            Ok(AccessToken::new(
                Secret::new(format!("login-{n}")),
                Some(Secret::new("r")),
                Some(self.lifetime),
            ))
        }
        async fn refresh(&self, _r: &Secret) -> Result<AccessToken, ProviderError> {
            let n = self.refreshes.fetch_add(1, Ordering::SeqCst);
            Ok(AccessToken::new(
                Secret::new(format!("refresh-{n}")),
                None,
                Some(self.lifetime),
            ))
        }
    }

    fn flow(lifetime: i64) -> Counting {
        Counting {
            logins: AtomicU32::new(0),
            refreshes: AtomicU32::new(0),
            lifetime,
        }
    }

    #[tokio::test]
    async fn logs_in_once_then_reuses() {
        let m = TokenManager::new(flow(3600), TokenCache::in_memory());
        assert_eq!(m.token().await.unwrap().expose(), "login-0");
        assert_eq!(m.token().await.unwrap().expose(), "login-0");
        assert_eq!(m.flow.logins.load(Ordering::SeqCst), 1);
    }

    #[tokio::test]
    async fn expired_tokens_are_refreshed_and_401_renews_once() {
        // A lifetime inside the margin is stale at once.
        let m = TokenManager::new(flow(1), TokenCache::in_memory());
        assert_eq!(m.token().await.unwrap().expose(), "login-0");
        assert_eq!(m.token().await.unwrap().expose(), "refresh-0");
        let m = TokenManager::new(flow(3600), TokenCache::in_memory());
        let first = m.token().await.unwrap();
        let second = m.renew(&first).await.unwrap();
        assert_eq!(second.expose(), "refresh-0");
        // A second task that saw the same rejected token gets the renewed one, no new request.
        assert_eq!(m.renew(&first).await.unwrap().expose(), "refresh-0");
        assert_eq!(m.flow.refreshes.load(Ordering::SeqCst), 1);
    }

    #[test]
    fn cache_round_trips_with_private_mode() {
        let dir = tempfile::tempdir().unwrap();
        let cache = TokenCache {
            path: Some(dir.path().join("tokens/p.json")),
            fingerprint: "f".into(),
        };
        let t = AccessToken::new(Secret::new("a"), None, Some(60));
        cache.store(&t);
        assert_eq!(cache.load().unwrap().access.expose(), "a");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(dir.path().join("tokens/p.json"))
                .unwrap()
                .permissions()
                .mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        let other = TokenCache {
            fingerprint: "g".into(),
            ..cache.clone()
        };
        assert!(other.load().is_none());
        assert!(cache.clear());
        assert!(cache.load().is_none());
    }

    #[test]
    fn profile_names_become_safe_file_names() {
        assert_eq!(file_name("acme/prod ü"), "acme_prod__");
    }
}
