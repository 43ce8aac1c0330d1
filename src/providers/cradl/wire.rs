//! Cradl's JSON (tolerant of nulls, missing keys and `las:` ids), local checks, error decoding.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use regex_lite::Regex;
use serde::Deserialize;
use serde_json::{Map, Value};

use crate::model::{rfc3339, Ref, Status, User};
use crate::providers::http::{decode, ErrorDialect, Response};
use crate::providers::ProviderError;
use crate::secret::Secret;

/// Most characters `name` and `description` may have.
const TEXT_MAX: usize = 4096;

// The patterns of Cradl's OpenAPI spec, with `cradl:` as well as the older `las:` prefix.
static USER_ID: LazyLock<Regex> = LazyLock::new(|| pattern(r"^(cradl|las):user:[0-9A-Za-z_-]+$"));
static ROLE_ID: LazyLock<Regex> =
    LazyLock::new(|| pattern(r"^(cradl|las):role:[0-9A-Za-z_-]{1,32}$"));
static PROFILE_ID: LazyLock<Regex> =
    LazyLock::new(|| pattern(r"^(cradl|las):profile:[a-f0-9]{32}$"));
static EMAIL: LazyLock<Regex> =
    LazyLock::new(|| pattern(r"^[A-Za-z0-9][-+._A-Za-z0-9]*@([-_.A-Za-z0-9]+\.)+[A-Za-z]{2,}$"));

/// The patterns above are constants; a test compiles every one of them.
fn pattern(text: &str) -> Regex {
    Regex::new(text).unwrap_or_else(|e| panic!("bad built-in pattern {text}: {e}"))
}

#[derive(Deserialize)]
pub(super) struct WireUsers {
    #[serde(default)]
    pub(crate) users: Vec<WireUser>,
    #[serde(default, rename = "nextToken")]
    pub(crate) next_token: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct WireUser {
    pub(crate) user_id: String,
    #[serde(default)]
    pub(crate) name: Option<String>,
    #[serde(default)]
    pub(crate) description: Option<String>,
    /// An object; `null` or anything else reads as none.
    #[serde(default)]
    pub(crate) metadata: Option<Value>,
    #[serde(default)]
    pub(crate) role_ids: Option<Vec<String>>,
    #[serde(default)]
    pub(crate) profile_id: Option<String>,
    #[serde(default)]
    pub(crate) status: Option<String>,
    #[serde(default)]
    pub(crate) created_time: Option<String>,
    /// createdBy, updatedBy, updatedTime and anything newer: kept in `extra`.
    #[serde(flatten)]
    pub(crate) rest: Map<String, Value>,
}

#[derive(Deserialize)]
pub(super) struct WireRoles {
    #[serde(default)]
    pub(crate) roles: Vec<WireRole>,
    #[serde(default, rename = "nextToken")]
    pub(crate) next_token: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct WireRole {
    pub(crate) role_id: String,
    #[serde(default)]
    pub(crate) name: Option<String>,
    #[serde(default)]
    pub(crate) description: Option<String>,
}

#[derive(Deserialize, Clone, Default)]
#[serde(rename_all = "camelCase")]
pub(super) struct WireProfile {
    #[serde(default)]
    pub(crate) email: Option<String>,
    #[serde(default)]
    pub(crate) given_name: Option<String>,
    #[serde(default)]
    pub(crate) family_name: Option<String>,
}

impl WireProfile {
    pub(crate) fn with_email(email: &str) -> Self {
        WireProfile {
            email: Some(email.to_string()),
            ..WireProfile::default()
        }
    }
}

#[derive(Deserialize)]
pub(super) struct WireToken {
    pub(crate) access_token: Secret,
    /// Seconds, as a number or a numeric string.
    #[serde(default)]
    pub(crate) expires_in: Option<Value>,
}

#[derive(Deserialize, Default)]
struct WireError {
    #[serde(default)]
    message: Option<String>,
}

impl WireUser {
    pub(crate) fn into_user(
        self,
        profile_name: &str,
        profile: Option<&WireProfile>,
        roles: &[WireRole],
    ) -> User {
        let mut u = User::blank(profile_name, "cradl", self.user_id);
        u.status = match self.status.as_deref() {
            Some("inactive") => Status::Inactive,
            Some("invite_pending") => Status::Invited,
            _ => Status::Active,
        };
        u.display_name = self.name.filter(|n| !n.trim().is_empty());
        if let Some(p) = profile {
            // Null or blank (the Node client types it `string | null`): no email, so never
            // one that two such users share.
            u.email = p.email.clone().filter(|e| !e.trim().is_empty());
            u.first_name = p.given_name.clone();
            u.last_name = p.family_name.clone();
        }
        u.created_at = self.created_time.as_deref().map(rfc3339);
        u.roles = self
            .role_ids
            .unwrap_or_default()
            .into_iter()
            .map(|id| Ref {
                name: roles
                    .iter()
                    .find(|r| r.role_id == id)
                    .and_then(|r| r.name.clone()),
                id,
            })
            .collect();
        u.extra = self.rest;
        for (key, value) in [
            ("description", self.description.map(Value::String)),
            ("metadata", self.metadata),
            ("profileId", self.profile_id.map(Value::String)),
        ] {
            u.extra.insert(key.into(), value.unwrap_or(Value::Null));
        }
        u
    }
}

/// `expires_in` as whole seconds.
pub(super) fn seconds(value: &Value) -> Option<i64> {
    match value {
        Value::Number(n) => n.as_i64().or_else(|| n.as_f64().map(|f| f as i64)),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

pub(super) fn is_profile_id(id: &str) -> bool {
    PROFILE_ID.is_match(id)
}

/// Checked before anything is sent: a malformed id can name no user (exit 2).
pub(super) fn check_user_id(id: &str) -> Result<(), ProviderError> {
    if USER_ID.is_match(id) {
        Ok(())
    } else {
        Err(ProviderError::bad_input(format!(
            "`{id}` is neither an email nor a cradl user id (cradl:user:... or las:user:...)"
        )))
    }
}

pub(super) fn check_role_id(id: &str) -> Result<(), ProviderError> {
    if ROLE_ID.is_match(id) {
        Ok(())
    } else {
        Err(ProviderError::bad_input(format!(
            "`{id}` is not a cradl role id (cradl:role:... with at most 32 letters, digits, - or _)"
        )))
    }
}

pub(super) fn check_email(email: &str) -> Result<(), ProviderError> {
    if EMAIL.is_match(email) {
        Ok(())
    } else {
        Err(ProviderError::bad_input(format!(
            "`{email}` is not an email address cradl accepts"
        )))
    }
}

pub(super) fn check_text(field: &str, text: &str) -> Result<(), ProviderError> {
    if text.chars().count() <= TEXT_MAX {
        Ok(())
    } else {
        Err(ProviderError::bad_input(format!(
            "--{field} has more than {TEXT_MAX} characters"
        )))
    }
}

/// `--set metadata.KEY=VALUE` pairs as (KEY, VALUE); any other key is a usage error.
pub(super) fn metadata_changes(
    extra: &BTreeMap<String, Value>,
) -> Result<Vec<(String, Value)>, ProviderError> {
    extra
        .iter()
        .map(|(key, value)| match key.strip_prefix("metadata.") {
            Some(k) if !k.is_empty() => Ok((k.to_string(), value.clone())),
            _ => Err(ProviderError::bad_input(format!(
                "--set {key}: cradl accepts only --set metadata.KEY=VALUE"
            ))),
        })
        .collect()
}

/// The metadata object after `changes`; a `null` value removes its key.
pub(super) fn merge_metadata(current: Option<&Value>, changes: &[(String, Value)]) -> Value {
    let mut map = current
        .and_then(Value::as_object)
        .cloned()
        .unwrap_or_default();
    for (key, value) in changes {
        if value.is_null() {
            map.remove(key);
        } else {
            map.insert(key.clone(), value.clone());
        }
    }
    Value::Object(map)
}

/// The full `roleIds` list after adding and removing, keeping the current order.
pub(super) fn merged_roles(current: &[String], add: &[String], remove: &[String]) -> Vec<String> {
    let mut ids: Vec<String> = current.to_vec();
    for r in add {
        if !ids.contains(r) {
            ids.push(r.clone());
        }
    }
    ids.retain(|r| !remove.contains(r));
    ids
}

fn envelope(resp: &Response) -> WireError {
    serde_json::from_slice(&resp.body).unwrap_or_default()
}

/// API Gateway's answer to a missing, bad or expired token: 403 `{"message": "Forbidden"}`
/// (a 401 too, to be safe). Either is worth one new token.
pub(super) fn token_refused(resp: &Response) -> bool {
    resp.status == 401 || decode::gateway_refused_token(resp)
}

/// A 429 that is the organization's monthly cap (`Limit Exceeded`), not the per-second
/// throttle (`Too Many Requests`): waiting does not cure it. The official client tells the two
/// apart by these words (cradl 0.6.8 response.py:36-40); decided in ../shared/vendors/README.md,
/// "Cradl", Errors.
pub(super) fn is_monthly_cap(resp: &Response) -> bool {
    resp.status == 429
        && envelope(resp)
            .message
            .is_some_and(|m| m.to_ascii_lowercase().contains("limit exceeded"))
}

/// The `message` Cradl answered with, else the body itself.
pub(super) fn vendor_message(resp: &Response) -> String {
    envelope(resp)
        .message
        .unwrap_or_else(|| resp.text_snippet())
}

/// Cradl's error conventions: always `{"message"}`; a duplicate email is a 400 saying it
/// already exists (decided; 409 is accepted too); the user and role lists exist for every
/// organization.
const ERRORS: ErrorDialect = ErrorDialect {
    vendor: "cradl",
    duplicate_statuses: &[400],
    duplicate_fields: &[],
    duplicate_words: &["already exists"],
    routes_that_exist: &["/users", "/roles"],
    setting: "base_url",
    api_gateway: true,
};

/// The token endpoint lives at the profile's `auth_url`.
const TOKEN_ERRORS: ErrorDialect = ErrorDialect {
    setting: "auth_url",
    ..ERRORS
};

/// Cradl's `{"message": ...}` -> a typed error; API Gateway's 403s are read by the shared
/// decoder (`ErrorDialect::api_gateway`).
pub(super) fn decode_error(resp: &Response) -> ProviderError {
    decode::decode(resp, &ERRORS)
}

/// The token endpoint's answer: OAuth2's `{"error", "error_description"}` or `{"message"}`.
/// Refused credentials are `Unauthorized` (exit 4). Every registered secret, the client
/// secret included, is scrubbed by the decoder in case a server echoes it back.
pub(super) fn decode_token_error(resp: &Response, secret: &Secret) -> ProviderError {
    crate::redact::register(secret);
    decode::decode_token_error(resp, &TOKEN_ERRORS)
}
