//! Unit tests of `auth`: the token manager and the cache.

use super::cache::file_name;
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

fn cache_at(dir: &std::path::Path, identity: u8) -> TokenCache {
    TokenCache {
        path: Some(dir.join("tokens/p.json")),
        identity: [identity; 32],
        skip_load: false,
    }
}

#[test]
fn cache_round_trips_with_private_mode() {
    let dir = tempfile::tempdir().unwrap();
    let cache = cache_at(dir.path(), 1);
    let t = AccessToken::new(Secret::new("a"), None, Some(60));
    cache.store(&t);
    assert_eq!(cache.load().unwrap().access.expose(), "a");
    #[cfg(unix)]
    {
        assert_eq!(
            crate::fsutil::mode_of(&dir.path().join("tokens/p.json")),
            Some(0o600)
        );
        assert_eq!(
            crate::fsutil::mode_of(&dir.path().join("tokens")),
            Some(0o700)
        );
    }
    assert!(
        cache_at(dir.path(), 2).load().is_none(),
        "other credentials"
    );
    let skipping = TokenCache {
        skip_load: true,
        ..cache.clone()
    };
    assert!(skipping.load().is_none());
    assert!(cache.clear());
    assert!(cache.load().is_none());
}

#[test]
fn a_corrupt_or_unsendable_cache_entry_is_discarded() {
    let dir = tempfile::tempdir().unwrap();
    let cache = cache_at(dir.path(), 1);
    let path = dir.path().join("tokens/p.json");
    cache.store(&AccessToken::new(Secret::new("a\r\nb"), None, Some(60)));
    assert!(cache.load().is_none());
    assert!(!path.exists(), "removed, so the next login replaces it");
    std::fs::write(&path, "{not json").unwrap();
    assert!(cache.load().is_none());
    assert!(!path.exists());
}

#[test]
fn the_fingerprint_changes_with_any_secret() {
    let profile = |pw: &str| {
        crate::providers::Profile::for_tests(
            crate::providers::ProviderKind::Bleemeo,
            None,
            &[("username", "u"), ("password", pw)],
        )
    };
    let a = TokenCache::for_profile(&profile("one"));
    let b = TokenCache::for_profile(&profile("two"));
    assert_ne!(a.identity, b.identity);
    assert_eq!(
        a.identity,
        TokenCache::for_profile(&profile("one")).identity
    );
    assert_ne!(a.fingerprint("s1"), a.fingerprint("s2"), "salted");
}

#[test]
fn profile_names_become_distinct_file_names() {
    assert_eq!(file_name("bleemeo"), "bleemeo");
    assert_eq!(file_name("x_y"), "x_y");
    assert_eq!(file_name("x.y"), "x%2Ey");
    assert_eq!(file_name("Acme"), "%41cme");
    assert_eq!(file_name("a/b ü"), "a%2Fb%20%C3%BC");
    assert_eq!(file_name(""), "%");
    let names = ["x.y", "x_y", "x%2Ey", "X_y", "x-y", "xy", "", "%"];
    let mut files: Vec<String> = names.iter().map(|n| file_name(n).to_lowercase()).collect();
    files.sort();
    files.dedup();
    assert_eq!(files.len(), names.len(), "{files:?}");
    let long = "a".repeat(500);
    let f = file_name(&long);
    assert!(f.len() < 120 && f.contains('~'), "{f}");
    assert_ne!(f, file_name(&"a".repeat(501)));
}
