//! Reading and checking Bleemeo's JSON fields the DRF way: every field error of a request at once.

use std::sync::LazyLock;

use regex_lite::Regex;
use serde_json::Value;

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

pub(super) use crate::sandbox::drf::{object, Body, FieldErrors};

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
