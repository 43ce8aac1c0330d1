//! What a vendor client is built from: a profile with its secrets resolved (made by `config`).

use std::collections::BTreeMap;
use std::time::Duration;

use super::ProviderKind;
use crate::secret::Secret;

/// A requests-per-time budget, from `rate_limit = "10/s"`, `"600/min"` or `"30/h"` (parsed and
/// bounded by `config`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RateLimit {
    pub(crate) per_second: f64,
}

/// A profile ready to use: secrets resolved.
#[derive(Debug, Clone)]
pub(crate) struct Profile {
    pub(crate) name: String,
    pub(crate) kind: ProviderKind,
    pub(crate) base_url: String,
    pub(crate) timeout: Duration,
    pub(crate) rate_limit: Option<RateLimit>,
    pub(crate) settings: BTreeMap<String, String>,
    pub(crate) secrets: BTreeMap<String, Secret>,
    /// Log in afresh, ignoring any cached token (`profiles check`, `profiles add`): the point
    /// is to test the credentials, not a token they once earned.
    pub(crate) fresh_login: bool,
}

impl Profile {
    pub(crate) fn setting(&self, key: &str) -> Option<&str> {
        self.settings.get(key).map(String::as_str)
    }

    pub(crate) fn secret(&self, key: &str) -> Option<&Secret> {
        self.secrets.get(key)
    }
}

#[cfg(test)]
impl Profile {
    /// A profile as the config would resolve it, for the vendors' unit tests: `base_url` or the
    /// vendor's default, the 30 s timeout, and `values` split into secrets and settings by the
    /// vendor's descriptor.
    pub(crate) fn for_tests(
        kind: ProviderKind,
        base_url: Option<&str>,
        values: &[(&str, &str)],
    ) -> Profile {
        let fields = kind.fields();
        let secret = |k: &str| fields.iter().any(|f| f.name == k && f.secret);
        let url = base_url
            .or(kind.default_base_url())
            .unwrap_or("https://example.invalid");
        Profile {
            name: "t".into(),
            kind,
            base_url: url.trim_end_matches('/').to_string(),
            timeout: Duration::from_secs(30),
            rate_limit: None,
            settings: values
                .iter()
                .filter(|(k, _)| !secret(k))
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
            secrets: values
                .iter()
                .filter(|(k, _)| secret(k))
                .map(|(k, v)| (k.to_string(), Secret::new(*v)))
                .collect(),
            fresh_login: false,
        }
    }
}
