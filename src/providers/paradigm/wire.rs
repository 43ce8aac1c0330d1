//! Paradigm's JSON on the wire: tolerant of missing fields and of ids as strings.

use serde::Deserialize;
use serde_json::{Map, Value};

use crate::providers::http::{decode, ErrorDialect, Response};
use crate::providers::ProviderError;

#[derive(Deserialize)]
pub(super) struct WirePage<T> {
    #[serde(default)]
    pub(super) count: Option<u64>,
    #[serde(default)]
    pub(super) next: Option<String>,
    #[serde(default = "Vec::new")]
    pub(super) results: Vec<T>,
}

#[derive(Deserialize)]
pub(super) struct WireUser {
    pub(super) id: Value,
    #[serde(default)]
    pub(super) username: Option<String>,
    #[serde(default)]
    pub(super) first_name: Option<String>,
    #[serde(default)]
    pub(super) last_name: Option<String>,
    #[serde(default)]
    pub(super) email: Option<String>,
    #[serde(default)]
    pub(super) is_active: Option<bool>,
    #[serde(default)]
    pub(super) date_joined: Option<String>,
    #[serde(default)]
    pub(super) last_login: Option<String>,
    #[serde(default)]
    pub(super) invitation_status: Option<String>,
    #[serde(default)]
    pub(super) roles: Vec<WireRef>,
    #[serde(default)]
    pub(super) groups: Vec<WireRef>,
    /// language, company, account_expiration_date and anything newer: kept in `extra`.
    #[serde(flatten)]
    pub(super) rest: Map<String, Value>,
}

#[derive(Deserialize)]
pub(super) struct WireRef {
    pub(super) id: Value,
    #[serde(default)]
    pub(super) name: Option<String>,
}

#[derive(Deserialize)]
pub(super) struct WireGroup {
    pub(super) id: Value,
    #[serde(default)]
    pub(super) name: Option<String>,
    #[serde(default)]
    pub(super) description: Option<String>,
    #[serde(default)]
    pub(super) user_ids: Vec<Value>,
}

pub(super) fn id_string(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// A 403 whose text says the key's own user cannot be deleted (the documented rule).
pub(super) fn refuses_own_user(message: &str) -> bool {
    let m = message.to_ascii_lowercase();
    ["own user", "belongs to", "itself"]
        .iter()
        .any(|phrase| m.contains(phrase))
}

/// Paradigm's error conventions: a duplicate email or username is a 422 `unique` field error
/// (400 tolerated); the user and group lists exist on every instance.
const ERRORS: ErrorDialect = ErrorDialect {
    vendor: "paradigm",
    duplicate_statuses: &[400, 422],
    duplicate_fields: &["email", "username"],
    duplicate_words: &[],
    routes_that_exist: &["/api/v3/users", "/api/v3/groups"],
    setting: "base_url",
    api_gateway: false,
};

/// Paradigm's error envelope `{error, detail, fields}` -> a typed error.
pub(super) fn decode_error(resp: &Response) -> ProviderError {
    decode::decode(resp, &ERRORS)
}
