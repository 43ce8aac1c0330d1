//! Paradigm's JSON on the wire: tolerant of missing fields and of ids as strings.

use serde::Deserialize;
use serde_json::{Map, Value};

use crate::providers::http::Response;
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

#[derive(Deserialize, Default)]
pub(super) struct WireError {
    #[serde(default)]
    pub(super) error: Option<String>,
    #[serde(default)]
    pub(super) detail: Option<String>,
    #[serde(default)]
    pub(super) fields: Map<String, Value>,
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

/// Paradigm's error envelope -> a typed error. A duplicate is a 422 `unique` field error.
pub(super) fn decode_error(resp: &Response) -> ProviderError {
    let env: WireError = serde_json::from_slice(&resp.body).unwrap_or_default();
    let detail = env
        .detail
        .clone()
        .or(env.error.clone())
        .unwrap_or_else(|| resp.text_snippet());
    let mut unique = false;
    let mut parts = Vec::new();
    for (field, errors) in &env.fields {
        for e in errors.as_array().into_iter().flatten() {
            let code = e.get("error").and_then(Value::as_str).unwrap_or("invalid");
            let text = e.get("detail").and_then(Value::as_str).unwrap_or(code);
            unique |= code == "unique";
            parts.push(format!("{field}: {text}"));
        }
    }
    let message = if parts.is_empty() {
        detail
    } else {
        parts.join("; ")
    };
    match resp.status {
        401 => ProviderError::Unauthorized { message },
        403 => ProviderError::Forbidden { message },
        404 => ProviderError::NotFound { message },
        400 | 422 if unique => ProviderError::Conflict { message },
        409 => ProviderError::Conflict { message },
        400 | 422 => ProviderError::Invalid { message },
        s if s >= 500 => ProviderError::Unavailable {
            message: format!("HTTP {s}: {message}"),
        },
        s => ProviderError::Http { status: s, message },
    }
}
