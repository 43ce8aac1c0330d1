//! What a service says it supports (`/ServiceProviderConfig`, RFC 7643 §5 and RFC 9865 §4),
//! with RFC defaults where it says nothing, and the per-profile cache that keeps it (and the
//! email filter form that worked) for a day next to the token cache.

use std::path::PathBuf;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use sha2::{Digest, Sha256};

use super::paging::Mode;
use super::wire::get_ci;

/// How long a cached configuration is trusted.
const CACHE_SECS: i64 = 24 * 3600;

/// The parts of a ServiceProviderConfig roster acts on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct ServiceConfig {
    pub(crate) patch: bool,
    pub(crate) etag: bool,
    pub(crate) filter: bool,
    pub(crate) index: bool,
    pub(crate) cursor: bool,
    pub(crate) cursor_by_default: bool,
    pub(crate) max_page_size: Option<u32>,
}

impl Default for ServiceConfig {
    /// What RFC 7644 lets a client assume of a service that says nothing: index paging,
    /// filters and PATCH (both MUST-level in practice), no ETags.
    fn default() -> Self {
        ServiceConfig {
            patch: true,
            etag: false,
            filter: true,
            index: true,
            cursor: false,
            cursor_by_default: false,
            max_page_size: None,
        }
    }
}

impl ServiceConfig {
    /// Read a ServiceProviderConfig; what it leaves out keeps the default.
    pub(crate) fn from_json(map: &Map<String, Value>) -> ServiceConfig {
        let d = ServiceConfig::default();
        let supported = |name: &str, default: bool| {
            get_ci(map, name)
                .and_then(Value::as_object)
                .and_then(|o| get_ci(o, "supported"))
                .and_then(as_bool)
                .unwrap_or(default)
        };
        let pagination = get_ci(map, "pagination").and_then(Value::as_object);
        let flag = |name: &str| pagination.and_then(|p| get_ci(p, name)).and_then(as_bool);
        let cursor = flag("cursor").unwrap_or(false);
        // A service announcing pagination without `index` still pages by index unless it
        // names cursors as its only way.
        let index = flag("index").unwrap_or(!cursor || pagination.is_none());
        let default_method = pagination
            .and_then(|p| get_ci(p, "defaultPaginationMethod"))
            .and_then(Value::as_str)
            .map(str::to_ascii_lowercase);
        let max = |o: Option<&Map<String, Value>>, name: &str| {
            o.and_then(|o| get_ci(o, name))
                .and_then(Value::as_u64)
                .filter(|n| *n > 0)
                .map(|n| n.min(u64::from(u32::MAX)) as u32)
        };
        let filter = get_ci(map, "filter").and_then(Value::as_object);
        let max_page_size = max(pagination, "maxPageSize").or(max(filter, "maxResults"));
        ServiceConfig {
            patch: supported("patch", d.patch),
            etag: supported("etag", d.etag),
            filter: supported("filter", d.filter),
            index,
            cursor,
            cursor_by_default: cursor && (!index || default_method.as_deref() == Some("cursor")),
            max_page_size,
        }
    }

    /// The paging this service announces.
    pub(crate) fn mode(&self) -> Mode {
        if self.cursor_by_default || (self.cursor && !self.index) {
            Mode::Cursor
        } else {
            Mode::Index
        }
    }
}

fn as_bool(v: &Value) -> Option<bool> {
    match v {
        Value::Bool(b) => Some(*b),
        Value::String(s) if s.eq_ignore_ascii_case("true") => Some(true),
        Value::String(s) if s.eq_ignore_ascii_case("false") => Some(false),
        _ => None,
    }
}

/// What the cache file holds for one profile.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub(crate) struct Cached {
    pub(crate) fetched_at: i64,
    pub(crate) config: Option<ServiceConfig>,
    /// The index into `filter::EMAIL_FORMS` that the service took last.
    pub(crate) email_form: Option<usize>,
}

/// One profile's discovery cache: `<cache dir>/scim/<hash of profile and base URL>.json`.
#[derive(Debug, Clone)]
pub(crate) struct DiscoveryCache {
    path: Option<PathBuf>,
}

impl DiscoveryCache {
    pub(crate) fn for_profile(profile: &str, base_url: &str) -> DiscoveryCache {
        let mut h = Sha256::new();
        for part in ["roster-scim-discovery-v1", profile, base_url] {
            h.update((part.len() as u64).to_le_bytes());
            h.update(part.as_bytes());
        }
        let name: String = h.finalize()[..16]
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        let dir = crate::providers::auth::cache_dir()
            .and_then(|tokens| tokens.parent().map(|p| p.join("scim")));
        DiscoveryCache {
            path: dir.map(|d| d.join(format!("{name}.json"))),
        }
    }

    /// The cached entry, if younger than a day.
    pub(crate) fn load(&self) -> Cached {
        let Some(path) = &self.path else {
            return Cached::default();
        };
        let read = std::fs::read_to_string(path)
            .ok()
            .and_then(|t| serde_json::from_str::<Cached>(&t).ok());
        match read {
            Some(c) if fresh(c.fetched_at) => c,
            _ => Cached::default(),
        }
    }

    /// Best effort: a cache that cannot be written costs one request next time.
    pub(crate) fn store(&self, cached: &Cached) {
        let Some(path) = &self.path else { return };
        let Ok(text) = serde_json::to_string(cached) else {
            return;
        };
        if let Some(dir) = path.parent() {
            if crate::fsutil::create_private_dir(dir).is_err() {
                return;
            }
        }
        let _ = crate::fsutil::write_private(path, text.as_bytes());
    }
}

fn fresh(fetched_at: i64) -> bool {
    let age = chrono::Utc::now().timestamp() - fetched_at;
    (0..CACHE_SECS).contains(&age)
}

pub(crate) fn now() -> i64 {
    chrono::Utc::now().timestamp()
}
