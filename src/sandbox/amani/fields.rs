//! Reading and checking Amani's JSON fields, with DRF's `{field: [messages]}` 400 answers.

use std::sync::LazyLock;

use regex_lite::Regex;
use serde_json::Value;

/// Django's `EmailValidator`, near enough: a dot-atom local part and a dotted domain.
static EMAIL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*@([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}$",
    )
    .expect("the email pattern is a valid regex")
});

pub(super) use crate::sandbox::drf::{kind, object, Body, FieldErrors};

pub(super) fn require(body: &Body, fields: &[&str], errors: &mut FieldErrors) {
    for field in fields {
        if !body.contains_key(*field) {
            errors.add(field, "This field is required.");
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
    let text = match value {
        Value::String(text) => text.clone(),
        Value::Null => {
            errors.add(field, "This field may not be null.");
            return None;
        }
        // DRF's CharField turns numbers into strings; anything else is refused.
        Value::Number(n) => n.to_string(),
        _ => {
            errors.add(field, "Not a valid string.");
            return None;
        }
    };
    if text.is_empty() && !blank_ok {
        errors.add(field, "This field may not be blank.");
        return None;
    }
    if text.chars().count() > max {
        errors.add(
            field,
            format!("Ensure this field has no more than {max} characters."),
        );
        return None;
    }
    Some(text)
}

pub(super) fn email(body: &Body, errors: &mut FieldErrors) -> Option<String> {
    let email = string(body, "email", 254, false, errors)?;
    if !EMAIL.is_match(&email) {
        errors.add("email", "Enter a valid email address.");
        return None;
    }
    Some(email)
}

/// Decided: at least 8 characters (Django's `MinimumLengthValidator`).
pub(super) fn password(body: &Body, errors: &mut FieldErrors) -> Option<String> {
    let password = string(body, "password", 128, false, errors)?;
    if password.chars().count() < 8 {
        errors.add(
            "password",
            "This password is too short. It must contain at least 8 characters.",
        );
        return None;
    }
    Some(password)
}

pub(super) fn boolean(body: &Body, field: &str, errors: &mut FieldErrors) -> Option<bool> {
    let value = body.get(field)?;
    let flag = value.as_bool();
    if flag.is_none() {
        errors.add(field, "Must be a valid boolean.");
    }
    flag
}

/// A list of group ids that must each exist; sorted, without duplicates.
pub(super) fn id_list(
    body: &Body,
    field: &str,
    known: &[u64],
    errors: &mut FieldErrors,
) -> Option<Vec<u64>> {
    let value = body.get(field)?;
    let Some(items) = value.as_array() else {
        let text = format!("Expected a list of items but got type \"{}\".", kind(value));
        errors.add(field, text);
        return None;
    };
    let mut ids = Vec::new();
    for item in items {
        match item.as_u64() {
            Some(id) if known.contains(&id) => ids.push(id),
            Some(id) => errors.add(
                field,
                format!("Invalid pk \"{id}\" - object does not exist."),
            ),
            None => errors.add(
                field,
                format!(
                    "Incorrect type. Expected pk value, received {}.",
                    kind(item)
                ),
            ),
        }
    }
    ids.sort_unstable();
    ids.dedup();
    (!errors.has(field)).then_some(ids)
}
