//! The filters roster sends (RFC 7644 §3.4.2.2): finding a user by email in the forms servers
//! understand, and the status filter.

/// The ways to ask for a user by email, tried in order until the server takes one: the value
/// path of RFC 7644, the dotted sub-attribute many servers want instead, and `userName` for
/// services that cannot filter on emails at all.
pub(crate) const EMAIL_FORMS: usize = 3;

/// Form `form` (0 to `EMAIL_FORMS - 1`) of the filter for `email`.
pub(crate) fn email_filter(form: usize, email: &str) -> String {
    let value = quoted(email);
    match form {
        0 => format!("emails[value eq {value}]"),
        1 => format!("emails.value eq {value}"),
        _ => format!("userName eq {value}"),
    }
}

/// `active eq true` or `active eq false`.
pub(crate) fn active_filter(active: bool) -> String {
    format!("active eq {active}")
}

/// A filter string literal: JSON string rules (RFC 7644 §3.4.2.2 takes JSON values).
pub(crate) fn quoted(value: &str) -> String {
    serde_json::Value::String(value.to_string()).to_string()
}
