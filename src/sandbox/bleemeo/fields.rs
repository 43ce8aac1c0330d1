//! Reading and checking Bleemeo's JSON fields the DRF way: every field error of a request at once.

use std::sync::LazyLock;

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use regex_lite::Regex;
use serde_json::{Map, Value};

use super::detail;
use crate::sandbox::{ApiRequest, BodyError};

pub(super) type Body = Map<String, Value>;

pub(super) const NAME_MAX: usize = 150;

/// Django's `EmailValidator`, near enough: a dot-atom local part and a dotted domain.
static EMAIL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*@([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}$",
    )
    .expect("the email pattern is a valid regex")
});

/// IANA zone names as pytz lists them (`Europe/Paris`, `America/Argentina/Buenos_Aires`,
/// `Etc/GMT+1`, `UTC`); the sandbox has no zone database, so the shape stands in for the list.
static TIMEZONE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(UTC|GMT|[A-Z][A-Za-z]+(/[A-Za-z0-9][A-Za-z0-9_+-]*){1,2})$")
        .expect("the timezone pattern is a valid regex")
});

pub(super) use crate::sandbox::drf::FieldErrors;

/// The JSON object body; no body reads as an empty one, as in DRF. The error is the answer to
/// give instead (boxed: it is large and rare).
pub(super) fn object(req: &ApiRequest) -> Result<Body, Box<Response>> {
    let answer = match req.json_body() {
        Ok(None) => return Ok(Body::new()),
        Ok(Some(Value::Object(body))) => return Ok(body),
        Ok(Some(other)) => {
            let mut errors = FieldErrors::default();
            let text = format!(
                "Invalid data. Expected a dictionary, but got {}.",
                kind(&other)
            );
            errors.add("non_field_errors", text);
            errors
                .answer()
                .unwrap_or_else(|| StatusCode::BAD_REQUEST.into_response())
        }
        Err(BodyError::UnsupportedMediaType(given)) => detail(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            &format!(
                "Unsupported media type \"{}\" in request.",
                given.unwrap_or_default()
            ),
        ),
        Err(BodyError::Malformed(why)) => detail(
            StatusCode::BAD_REQUEST,
            &format!("JSON parse error - {why}"),
        ),
    };
    Err(Box::new(answer))
}

/// A string field when present and valid; "" is allowed (names may be blank).
pub(super) fn string(
    body: &Body,
    field: &str,
    max: usize,
    errors: &mut FieldErrors,
) -> Option<String> {
    let value = body.get(field)?;
    let Some(text) = value.as_str() else {
        errors.add(field, type_message(value, "a valid string"));
        return None;
    };
    if text.chars().count() > max {
        errors.add(
            field,
            format!("Ensure this field has no more than {max} characters."),
        );
        return None;
    }
    Some(text.to_string())
}

pub(super) fn email(body: &Body, errors: &mut FieldErrors) -> Option<String> {
    let email = string(body, "email", 254, errors)?;
    if email.is_empty() {
        errors.add("email", "This field may not be blank.");
        return None;
    }
    if !EMAIL.is_match(&email) {
        errors.add("email", "Enter a valid email address.");
        return None;
    }
    Some(email)
}

/// A boolean field. `Some(None)` only for a null where `nullable`.
pub(super) fn boolean(
    body: &Body,
    field: &str,
    nullable: bool,
    errors: &mut FieldErrors,
) -> Option<Option<bool>> {
    match body.get(field)? {
        Value::Bool(flag) => Some(Some(*flag)),
        Value::Null if nullable => Some(None),
        Value::Null => {
            errors.add(field, "This field may not be null.");
            None
        }
        _ => {
            errors.add(field, "Must be a valid boolean.");
            None
        }
    }
}

/// `timezone`: a zone name, or null to clear it.
pub(super) fn timezone(body: &Body, errors: &mut FieldErrors) -> Option<Option<String>> {
    match body.get("timezone")? {
        Value::Null => Some(None),
        Value::String(zone) if TIMEZONE.is_match(zone) && zone.len() <= 64 => {
            Some(Some(zone.clone()))
        }
        other => {
            let shown = other
                .as_str()
                .map_or_else(|| other.to_string(), str::to_string);
            errors.add("timezone", format!("\"{shown}\" is not a valid choice."));
            None
        }
    }
}

fn type_message(value: &Value, expected: &str) -> String {
    match value {
        Value::Null => "This field may not be null.".to_string(),
        _ => format!("Not {expected}."),
    }
}

fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "bool",
        Value::Number(_) => "int",
        Value::String(_) => "str",
        Value::Array(_) => "list",
        Value::Object(_) => "dict",
    }
}
