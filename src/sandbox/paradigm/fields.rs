//! Reading and checking Paradigm's JSON fields, collecting every field error of a request.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use chrono::{DateTime, Utc};
use regex_lite::Regex;
use serde_json::{json, Map, Value};

use super::{error, DOC_URL};
use crate::sandbox::{ApiRequest, BodyError};

pub(super) type Body = Map<String, Value>;

pub(super) const LANGUAGES: [&str; 4] = ["ar", "en", "fr", "de"];
pub(super) const NAME_MAX: usize = 150;

/// Django's `EmailValidator`, near enough: a dot-atom local part and a dotted domain.
static EMAIL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*",
        r"@([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}$",
    ))
    .expect("the email pattern is a valid regex")
});

#[derive(Clone, Copy)]
pub(super) enum Code {
    Required,
    Invalid,
    Unique,
}

/// The field errors of one request; they are all reported together.
#[derive(Default)]
pub(super) struct FieldErrors(BTreeMap<String, Vec<Value>>);

impl FieldErrors {
    pub(super) fn add(&mut self, field: &str, code: Code, detail: impl Into<String>) {
        let code = match code {
            Code::Required => "required",
            Code::Invalid => "invalid",
            Code::Unique => "unique",
        };
        self.0
            .entry(field.to_string())
            .or_default()
            .push(json!({"error": code, "detail": detail.into()}));
    }

    pub(super) fn has(&self, field: &str) -> bool {
        self.0.contains_key(field)
    }

    /// The 422 answer listing every field, unless nothing was wrong.
    pub(super) fn answer(self) -> Option<Response> {
        (!self.0.is_empty()).then(|| self.into_response())
    }

    fn into_response(self) -> Response {
        let body = json!({
            "id": null,
            "code": 422,
            "error": "validation_error",
            "detail": "Invalid input.",
            "doc_url": DOC_URL,
            "fields": self.0,
        });
        (StatusCode::UNPROCESSABLE_ENTITY, Json(body)).into_response()
    }
}

/// The body as a JSON object; no body at all reads as an empty one, as in DRF. The error is the
/// answer to give instead (boxed: it is large and rare).
pub(super) fn object(req: &ApiRequest) -> Result<Body, Box<Response>> {
    let answer = match req.json_body() {
        Ok(None) => return Ok(Body::new()),
        Ok(Some(Value::Object(body))) => return Ok(body),
        Ok(Some(other)) => {
            let mut errors = FieldErrors::default();
            let detail = format!(
                "Invalid data. Expected a dictionary, but got {}.",
                kind(&other)
            );
            errors.add("non_field_errors", Code::Invalid, detail);
            errors.into_response()
        }
        Err(BodyError::UnsupportedMediaType(given)) => error(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "unsupported_media_type",
            &format!(
                "Unsupported media type \"{}\" in request.",
                given.unwrap_or_default()
            ),
        ),
        Err(BodyError::Malformed(why)) => error(
            StatusCode::BAD_REQUEST,
            "parse_error",
            &format!("JSON parse error - {why}"),
        ),
    };
    Err(Box::new(answer))
}

/// Add a `required` error for each of `fields` missing from the body (PUT needs them all).
pub(super) fn require(body: &Body, fields: &[&str], errors: &mut FieldErrors) {
    for field in fields {
        if !body.contains_key(*field) {
            errors.add(field, Code::Required, "This field is required.");
        }
    }
}

/// Fields this endpoint must not be given; a client that tries learns where they change.
pub(super) fn refuse(body: &Body, fields: &[(&str, &str)], errors: &mut FieldErrors) {
    for (field, detail) in fields {
        if body.contains_key(*field) {
            errors.add(field, Code::Invalid, *detail);
        }
    }
}

/// A string field when present and valid. `blank_ok`: whether "" is accepted.
pub(super) fn string(
    body: &Body,
    field: &str,
    max: usize,
    blank_ok: bool,
    errors: &mut FieldErrors,
) -> Option<String> {
    let value = body.get(field)?;
    let Some(text) = value.as_str() else {
        errors.add(field, Code::Invalid, type_detail(value, "a valid string"));
        return None;
    };
    if text.is_empty() && !blank_ok {
        // Django says "may not be blank"; a value is required, so the code says so.
        errors.add(field, Code::Required, "This field may not be blank.");
        return None;
    }
    if text.chars().count() > max {
        let detail = format!("Ensure this field has no more than {max} characters.");
        errors.add(field, Code::Invalid, detail);
        return None;
    }
    Some(text.to_string())
}

pub(super) fn email(body: &Body, errors: &mut FieldErrors) -> Option<String> {
    let email = string(body, "email", 254, false, errors)?;
    if !EMAIL.is_match(&email) {
        errors.add("email", Code::Invalid, "Enter a valid email address.");
        return None;
    }
    Some(email)
}

pub(super) fn username(body: &Body, errors: &mut FieldErrors) -> Option<String> {
    let username = string(body, "username", NAME_MAX, false, errors)?;
    let allowed = |c: char| c.is_alphanumeric() || "@.+-_".contains(c);
    if !username.chars().all(allowed) {
        let detail = "Enter a valid username. This value may contain only letters, numbers, \
                      and @/./+/-/_ characters.";
        errors.add("username", Code::Invalid, detail);
        return None;
    }
    Some(username)
}

pub(super) fn language(body: &Body, errors: &mut FieldErrors) -> Option<String> {
    let value = body.get("language")?;
    match value.as_str() {
        Some(lang) if LANGUAGES.contains(&lang) => Some(lang.to_string()),
        _ => {
            let shown = value
                .as_str()
                .map_or_else(|| value.to_string(), str::to_string);
            let detail = format!(
                "\"{shown}\" is not a valid choice; choose one of {}.",
                LANGUAGES.join(", ")
            );
            errors.add("language", Code::Invalid, detail);
            None
        }
    }
}

/// `Some(None)` when explicitly null (no expiry), `None` when absent or invalid. A time without
/// a zone is refused: the API documents "date and time with timezone".
pub(super) fn expiration(body: &Body, errors: &mut FieldErrors) -> Option<Option<DateTime<Utc>>> {
    const FIELD: &str = "account_expiration_date";
    match body.get(FIELD)? {
        Value::Null => Some(None),
        Value::String(text) => match DateTime::parse_from_rfc3339(text) {
            Ok(time) => Some(Some(time.with_timezone(&Utc))),
            Err(_) => {
                let detail = "Datetime has wrong format. Use RFC 3339 with a time zone, \
                              e.g. 2030-01-31T23:59:59Z.";
                errors.add(FIELD, Code::Invalid, detail);
                None
            }
        },
        other => {
            errors.add(
                FIELD,
                Code::Invalid,
                type_detail(other, "a datetime string"),
            );
            None
        }
    }
}

pub(super) fn boolean(body: &Body, field: &str, errors: &mut FieldErrors) -> Option<bool> {
    let value = body.get(field)?;
    let flag = value.as_bool();
    if flag.is_none() {
        errors.add(field, Code::Invalid, "Must be a valid boolean.");
    }
    flag
}

/// A list of ids that must each be one of `known`; sorted, without duplicates.
pub(super) fn id_list(
    body: &Body,
    field: &str,
    known: &[u64],
    errors: &mut FieldErrors,
) -> Option<Vec<u64>> {
    let value = body.get(field)?;
    let Some(items) = value.as_array() else {
        let detail = format!("Expected a list of items but got type \"{}\".", kind(value));
        errors.add(field, Code::Invalid, detail);
        return None;
    };
    let mut ids = Vec::new();
    for item in items {
        match item.as_u64() {
            Some(id) if known.contains(&id) => ids.push(id),
            Some(id) => {
                let detail = format!("Invalid pk \"{id}\" - object does not exist.");
                errors.add(field, Code::Invalid, detail);
            }
            None => {
                let detail = format!(
                    "Incorrect type. Expected pk value, received {}.",
                    kind(item)
                );
                errors.add(field, Code::Invalid, detail);
            }
        }
    }
    ids.sort_unstable();
    ids.dedup();
    (!errors.has(field)).then_some(ids)
}

/// A query parameter that must be a positive integer; `default` when absent.
pub(super) fn positive_query(
    req: &ApiRequest,
    name: &str,
    default: u64,
    errors: &mut FieldErrors,
) -> u64 {
    match req.query(name) {
        None => default,
        Some(text) => match text.parse::<u64>() {
            Ok(n) if n > 0 => n,
            _ => {
                errors.add(name, Code::Invalid, "A positive integer is required.");
                default
            }
        },
    }
}

/// An id query filter: `None` when absent or invalid (with an error).
pub(super) fn id_query(req: &ApiRequest, name: &str, errors: &mut FieldErrors) -> Option<u64> {
    let text = req.query(name)?;
    let id = text.parse::<u64>().ok();
    if id.is_none() {
        errors.add(name, Code::Invalid, "A valid integer is required.");
    }
    id
}

/// `is_active=true|false` (also `1`/`0`, any case, as django-filter reads booleans).
pub(super) fn bool_query(req: &ApiRequest, name: &str, errors: &mut FieldErrors) -> Option<bool> {
    let text = req.query(name)?;
    match text.to_ascii_lowercase().as_str() {
        "true" | "1" => Some(true),
        "false" | "0" => Some(false),
        _ => {
            errors.add(name, Code::Invalid, "Must be true or false.");
            None
        }
    }
}

fn type_detail(value: &Value, expected: &str) -> String {
    match value {
        Value::Null => "This field may not be null.".to_string(),
        other => format!("Not {expected}: got {}.", kind(other)),
    }
}

fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "bool",
        Value::Number(_) => "number",
        Value::String(_) => "str",
        Value::Array(_) => "list",
        Value::Object(_) => "dict",
    }
}
