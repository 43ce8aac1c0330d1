//! What `--dry-run` shows of a write it holds back: the request with every secret redacted.

use std::collections::BTreeMap;

use serde_json::Value;

use super::request::{Body, FormValue, Request};
use crate::redact::REDACTED;

pub(crate) use crate::model::PlannedRequest;

/// Keys whose values are never shown, in plans, logs and forms.
pub(super) fn is_secret_key(key: &str) -> bool {
    let k = key.to_ascii_lowercase();
    [
        "password",
        "secret",
        "token",
        "refresh",
        "access",
        "authorization",
        "cookie",
        "api_key",
        "apikey",
    ]
    .iter()
    .any(|s| k.contains(s))
}

/// `value` with the value of every secret-looking key replaced, at any depth.
pub(super) fn redact_json(value: &Value) -> Value {
    match value {
        Value::Object(map) => Value::Object(
            map.iter()
                .map(|(k, v)| {
                    let v = if is_secret_key(k) {
                        Value::String(REDACTED.into())
                    } else {
                        redact_json(v)
                    };
                    (k.clone(), v)
                })
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.iter().map(redact_json).collect()),
        other => other.clone(),
    }
}

pub(super) fn plan(req: &Request) -> PlannedRequest {
    let mut headers: BTreeMap<String, String> = req
        .headers
        .iter()
        .map(|(k, v)| (k.to_string(), v.clone()))
        .collect();
    if req.bearer.is_some() {
        headers.insert("Authorization".into(), format!("Bearer {REDACTED}"));
    }
    let body = match &req.body {
        Body::None => None,
        Body::Json(v) => {
            headers.insert("Content-Type".into(), "application/json".into());
            Some(redact_json(v))
        }
        Body::Form(fields) => Some(Value::Object(
            fields
                .iter()
                .map(|(k, v)| {
                    let shown = match v {
                        FormValue::Secret(_) => REDACTED.to_string(),
                        FormValue::Plain(_) if is_secret_key(k) => REDACTED.to_string(),
                        FormValue::Plain(s) => s.clone(),
                    };
                    (k.clone(), Value::String(shown))
                })
                .collect(),
        )),
    };
    PlannedRequest {
        method: req.method.to_string(),
        url: req.display_url(),
        headers,
        body,
    }
}
