//! Vendor-neutral users and groups: the JSON shapes users see, and the requests commands build.

use std::collections::BTreeMap;

use serde::Serialize;
use serde_json::{Map, Value};

use crate::secret::Secret;

/// A user as every vendor's client returns it. Field order is the JSON contract.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub(crate) struct User {
    pub(crate) profile: String,
    pub(crate) provider: String,
    pub(crate) id: String,
    pub(crate) email: Option<String>,
    pub(crate) username: Option<String>,
    pub(crate) first_name: Option<String>,
    pub(crate) last_name: Option<String>,
    pub(crate) display_name: Option<String>,
    pub(crate) status: Status,
    pub(crate) groups: Vec<Ref>,
    pub(crate) roles: Vec<Ref>,
    /// RFC 3339.
    pub(crate) created_at: Option<String>,
    /// RFC 3339.
    pub(crate) last_login: Option<String>,
    /// Vendor-only fields, as the vendor named them.
    pub(crate) extra: Map<String, Value>,
}

impl User {
    /// An empty user of `profile`, for a provider to fill in.
    pub(crate) fn blank(profile: &str, provider: &str, id: String) -> Self {
        User {
            profile: profile.to_string(),
            provider: provider.to_string(),
            id,
            email: None,
            username: None,
            first_name: None,
            last_name: None,
            display_name: None,
            status: Status::Active,
            groups: Vec::new(),
            roles: Vec::new(),
            created_at: None,
            last_login: None,
            extra: Map::new(),
        }
    }

    /// "First Last" where either is known.
    pub(crate) fn joined_name(first: Option<&str>, last: Option<&str>) -> Option<String> {
        let parts: Vec<&str> = [first, last]
            .into_iter()
            .flatten()
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .collect();
        (!parts.is_empty()).then(|| parts.join(" "))
    }
}

#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub(crate) enum Status {
    Active,
    Inactive,
    Invited,
}

impl Status {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Status::Active => "active",
            Status::Inactive => "inactive",
            Status::Invited => "invited",
        }
    }
}

/// A group or role a user belongs to.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub(crate) struct Ref {
    pub(crate) id: String,
    pub(crate) name: Option<String>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub(crate) struct Group {
    pub(crate) profile: String,
    pub(crate) provider: String,
    pub(crate) id: String,
    pub(crate) name: String,
    pub(crate) kind: GroupKind,
    pub(crate) description: Option<String>,
}

#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub(crate) enum GroupKind {
    Group,
    Role,
}

impl GroupKind {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            GroupKind::Group => "group",
            GroupKind::Role => "role",
        }
    }
}

/// What `users list` asks for. Providers filter on the server where the vendor can, and the
/// command filters the rest.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct UserQuery {
    pub(crate) status: Option<Status>,
    /// A resolved group id.
    pub(crate) group_id: Option<String>,
    /// Exact email, for lookups.
    pub(crate) email: Option<String>,
}

/// A user to create. Group and role names are already resolved to ids.
#[derive(Debug, Clone, Default)]
pub(crate) struct NewUser {
    pub(crate) email: String,
    pub(crate) username: Option<String>,
    pub(crate) first_name: Option<String>,
    pub(crate) last_name: Option<String>,
    /// Display name, for vendors that have one (Cradl).
    pub(crate) name: Option<String>,
    pub(crate) description: Option<String>,
    pub(crate) phone: Option<String>,
    /// The new user's password, for vendors that need one (Amani).
    pub(crate) password: Option<Secret>,
    pub(crate) groups: Vec<String>,
    pub(crate) roles: Vec<String>,
    pub(crate) language: Option<String>,
    /// RFC 3339 with zone.
    pub(crate) expires: Option<String>,
    pub(crate) active: Option<bool>,
    /// Vendor-only fields from `--set KEY=VALUE`, checked by the provider.
    pub(crate) extra: BTreeMap<String, Value>,
}

/// Changes to an existing user. `None` leaves a field as it is. Group and role ids are resolved.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct UserPatch {
    pub(crate) first_name: Option<String>,
    pub(crate) last_name: Option<String>,
    pub(crate) name: Option<String>,
    pub(crate) description: Option<String>,
    pub(crate) phone: Option<String>,
    pub(crate) language: Option<String>,
    pub(crate) expires: Option<String>,
    pub(crate) add_groups: Vec<String>,
    pub(crate) remove_groups: Vec<String>,
    pub(crate) add_roles: Vec<String>,
    pub(crate) remove_roles: Vec<String>,
    pub(crate) active: Option<bool>,
    pub(crate) extra: BTreeMap<String, Value>,
}

impl UserPatch {
    pub(crate) fn is_empty(&self) -> bool {
        *self == UserPatch::default()
    }
}

/// Who a profile's credentials belong to (`profiles check`).
#[derive(Debug, Clone, Serialize, PartialEq)]
pub(crate) struct Identity {
    pub(crate) profile: String,
    pub(crate) provider: String,
    pub(crate) base_url: String,
    /// The user or client the credentials belong to, where the vendor can tell.
    pub(crate) principal: Option<String>,
    pub(crate) detail: Option<String>,
}

/// A normalised RFC 3339 time (UTC, seconds), or the vendor's text unchanged if it is not one.
pub(crate) fn rfc3339(value: &str) -> String {
    chrono::DateTime::parse_from_rfc3339(value)
        .map(|t| {
            t.with_timezone(&chrono::Utc)
                .to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
        })
        .unwrap_or_else(|_| value.to_string())
}

/// A write that `--dry-run` showed instead of sending. Secrets are already redacted.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub(crate) struct PlannedRequest {
    pub(crate) method: String,
    pub(crate) url: String,
    pub(crate) headers: BTreeMap<String, String>,
    pub(crate) body: Option<Value>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_json_has_the_contract_keys_in_order() {
        let u = User::blank("acme", "paradigm", "7".into());
        let v = serde_json::to_value(&u).unwrap();
        let keys: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
        // serde_json without preserve_order sorts keys; check the set.
        for k in [
            "profile",
            "provider",
            "id",
            "email",
            "username",
            "first_name",
            "last_name",
            "display_name",
            "status",
            "groups",
            "roles",
            "created_at",
            "last_login",
            "extra",
        ] {
            assert!(keys.contains(&k), "missing {k}");
        }
        assert_eq!(keys.len(), 14);
        assert_eq!(v["email"], Value::Null);
        assert_eq!(v["status"], "active");
    }

    #[test]
    fn times_are_normalised_to_utc() {
        assert_eq!(rfc3339("2023-11-07T06:31:56+01:00"), "2023-11-07T05:31:56Z");
        assert_eq!(rfc3339("not a time"), "not a time");
        assert_eq!(
            User::joined_name(Some("Ada"), Some("Lovelace")).as_deref(),
            Some("Ada Lovelace")
        );
        assert_eq!(User::joined_name(Some(" "), None), None);
    }
}
