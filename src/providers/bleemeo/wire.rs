//! Bleemeo's JSON: list pages, users mapped to the model, `--set` fields, and DRF errors.

use std::collections::BTreeMap;

use serde::Deserialize;
use serde_json::{Map, Value};

use crate::model::{rfc3339, Ref, Status, User};
use crate::providers::http::Response;
use crate::providers::ProviderError;

/// The two fixed roles: (role id and name, the boolean that holds it).
pub(super) const ROLES: [(&str, &str); 2] = [("admin", "is_admin"), ("manager", "is_manager")];

/// Vendor-only writable fields `--set` accepts (the decided writable list, less the fields
/// that have their own flags).
pub(super) const SETTABLE: [&str; 7] = [
    "timezone",
    "mobile_notification_enable",
    "notification_web_critical",
    "notification_web_ok",
    "notification_web_warning",
    "toggle_newsletter",
    "toggle_weekly",
];

#[derive(Deserialize)]
pub(super) struct WirePage {
    #[serde(default)]
    pub count: Option<u64>,
    #[serde(default)]
    pub next: Option<String>,
    #[serde(default)]
    pub results: Vec<Map<String, Value>>,
}

/// A Bleemeo user as a model user. Read from a plain map so that any field the vendor adds, or
/// trims away with `fields=`, is kept in `extra` or simply absent.
pub(super) fn to_user(profile: &str, mut w: Map<String, Value>) -> Result<User, ProviderError> {
    let id = match w.remove("id") {
        Some(Value::String(s)) if !s.is_empty() => s,
        Some(Value::Number(n)) => n.to_string(),
        _ => return Err(ProviderError::protocol("a user without an id")),
    };
    let mut take = |key: &str| match w.remove(key) {
        Some(Value::String(s)) => Some(s),
        _ => None,
    };
    let mut u = User::blank(profile, "bleemeo", id);
    u.email = take("email");
    // Bleemeo answers "" for a name never given; the model says "unknown" with null.
    u.first_name = take("first_name").filter(|n| !n.is_empty());
    u.last_name = take("last_name").filter(|n| !n.is_empty());
    u.created_at = take("created_at").as_deref().map(rfc3339);
    u.last_login = take("last_login").as_deref().map(rfc3339);
    u.display_name = User::joined_name(u.first_name.as_deref(), u.last_name.as_deref());
    // Bleemeo has no deactivation. An invited person gets a password-setup link; until it is
    // used the membership has neither `activated_at` nor `date_joined`, so: both null (or
    // absent) -> invited, either set -> active. A user is never "inactive".
    let set = |key: &str| w.get(key).is_some_and(|v| !v.is_null());
    u.status = if set("activated_at") || set("date_joined") {
        Status::Active
    } else {
        Status::Invited
    };
    u.roles = ROLES
        .iter()
        .filter(|(_, flag)| w.get(*flag).is_some_and(truthy))
        .map(|(role, _)| Ref {
            id: role.to_string(),
            name: Some(role.to_string()),
        })
        .collect();
    u.extra = w;
    Ok(u)
}

/// A boolean as JSON, tolerating `"true"` and `1`.
fn truthy(v: &Value) -> bool {
    match v {
        Value::Bool(b) => *b,
        Value::String(s) => s.eq_ignore_ascii_case("true"),
        Value::Number(n) => n.as_i64() == Some(1),
        _ => false,
    }
}

/// `--set` pairs checked against the writable list before anything is sent. `email` is
/// writable but only on update (create has `--email`).
pub(super) fn settable(
    extra: &BTreeMap<String, Value>,
    email_ok: bool,
) -> Result<Map<String, Value>, ProviderError> {
    let mut out = Map::new();
    for (key, value) in extra {
        let flag_for = match key.as_str() {
            "first_name" => Some("--first-name"),
            "last_name" => Some("--last-name"),
            "is_admin" | "is_manager" => Some("--role/--add-role/--remove-role admin|manager"),
            "email" if !email_ok => Some("--email"),
            _ => None,
        };
        if let Some(flag) = flag_for {
            return Err(ProviderError::bad_input(format!(
                "set {key} with {flag}, not --set"
            )));
        }
        let ok = match key.as_str() {
            "email" => value.as_str().is_some_and(|e| e.contains('@')),
            "timezone" => value.is_null() || value.as_str().is_some_and(|z| !z.trim().is_empty()),
            "toggle_weekly" => value.is_boolean() || value.is_null(),
            k if SETTABLE.contains(&k) => value.is_boolean(),
            _ => {
                return Err(ProviderError::bad_input(format!(
                    "`{key}` is not a writable bleemeo field; --set takes {}{}",
                    SETTABLE.join(", "),
                    if email_ok { ", email" } else { "" }
                )))
            }
        };
        if !ok {
            let expected = match key.as_str() {
                "email" => "an email address",
                "timezone" => "a zone name such as Europe/Paris (or null)",
                "toggle_weekly" => "true, false or null",
                _ => "true or false",
            };
            return Err(ProviderError::bad_input(format!(
                "--set {key} takes {expected}"
            )));
        }
        out.insert(key.clone(), value.clone());
    }
    Ok(out)
}

/// A DRF error body -> a typed error: `{"detail": ...}`, or `{field: [messages]}` for a 400,
/// where a duplicate email is a 400 on `email` (decided) saying it already exists.
pub(super) fn decode_error(resp: &Response) -> ProviderError {
    let body: Value = serde_json::from_slice(&resp.body).unwrap_or(Value::Null);
    let mut duplicate = false;
    let message = match &body {
        Value::Object(map) if map.get("detail").is_some_and(Value::is_string) => map
            .get("detail")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string(),
        Value::Object(map) if !map.is_empty() => {
            let mut parts = Vec::new();
            for (field, errors) in map {
                for (text, unique) in messages(errors) {
                    duplicate |= unique || text.to_lowercase().contains("already exist");
                    parts.push(format!("{field}: {text}"));
                }
            }
            parts.join("; ")
        }
        _ => resp.text_snippet(),
    };
    let message = if message.is_empty() {
        format!("HTTP {}", resp.status)
    } else {
        message
    };
    match resp.status {
        401 => ProviderError::Unauthorized { message },
        403 => ProviderError::Forbidden { message },
        404 => ProviderError::NotFound { message },
        409 => ProviderError::Conflict { message },
        400 | 422 if duplicate => ProviderError::Conflict { message },
        400 | 422 => ProviderError::Invalid { message },
        s if s >= 500 => ProviderError::Unavailable {
            message: format!("HTTP {s}: {message}"),
        },
        s => ProviderError::Http { status: s, message },
    }
}

/// A field's messages: a string, a list of strings, or DRF's `{"message", "code"}` objects;
/// each with whether its code says "unique".
fn messages(errors: &Value) -> Vec<(String, bool)> {
    match errors {
        Value::String(s) => vec![(s.clone(), false)],
        Value::Array(items) => items.iter().flat_map(messages).collect(),
        Value::Object(o) => {
            let code = o.get("code").and_then(Value::as_str);
            let text = ["message", "detail"]
                .iter()
                .find_map(|k| o.get(*k).and_then(Value::as_str))
                .or(code)
                .unwrap_or("invalid");
            vec![(text.to_string(), code == Some("unique"))]
        }
        other => vec![(other.to_string(), false)],
    }
}
