//! Bleemeo's JSON: list pages, users mapped to the model, `--set` fields, and DRF errors.

use std::collections::BTreeMap;

use serde_json::{Map, Value};

use crate::model::{rfc3339, Ref, Status, User};
use crate::providers::http::{decode, ErrorDialect, Response};
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

/// Bleemeo's error conventions (DRF): a duplicate email is a 400 on `email` saying it already
/// exists (decided); the user list and the token endpoint exist on every account.
pub(super) const ERRORS: ErrorDialect = ErrorDialect {
    vendor: "bleemeo",
    duplicate_statuses: &[400],
    duplicate_fields: &["email"],
    duplicate_words: &["already exist"],
    routes_that_exist: &["/v1/user/", "/o/token/"],
    setting: "base_url",
    api_gateway: false,
};

/// A DRF error body (`{"detail"}`, `{field: [messages]}`, `{"messages": [...]}`) -> a typed
/// error.
pub(super) fn decode_error(resp: &Response) -> ProviderError {
    decode::decode(resp, &ERRORS)
}
