//! The one error decoder: a vendor's status and body -> a typed `ProviderError`.
//!
//! It reads every envelope the vendors use: Paradigm's `{error, detail, fields}`, DRF field maps
//! and `{detail}` (Bleemeo, Amani), OAuth's `{error, error_description}`, Bleemeo's
//! `{"messages": [{"message"}]}`, Cradl's `{message}`, bare lists of messages, and HTML or text
//! from whatever stands in front of the API. A vendor keeps only what is truly its own, as an
//! [`ErrorDialect`]: which statuses and words mean "already exists", and which routes every
//! tenant has (a 404 there is a wrong `base_url`, never "user not found").

use serde_json::{Map, Value};

use super::Response;
use crate::providers::ProviderError;
use crate::redact;

/// Characters of a vendor's error text kept in a message.
const MAX_VENDOR_MESSAGE: usize = 2000;

/// A vendor's own error conventions, as data for [`decode`].
#[derive(Debug, Clone, Copy)]
pub(crate) struct ErrorDialect {
    /// Shown in messages about answers that are not this vendor's.
    pub(crate) vendor: &'static str,
    /// Statuses at which a duplicate hint means "already exists" (409 always does).
    pub(crate) duplicate_statuses: &'static [u16],
    /// The fields of a field-error map whose duplicate hint counts: the ones that make a user
    /// unique. A top-level message counts whatever the field.
    pub(crate) duplicate_fields: &'static [&'static str],
    /// Lower-case words in a message that say the thing already exists. A field error coded
    /// `unique` (Paradigm, DRF) always does.
    pub(crate) duplicate_words: &'static [&'static str],
    /// Path endings of routes every tenant has (the user list, the login): a 404 on their first
    /// page means the profile's URL does not reach the API, whatever the body says.
    pub(crate) routes_that_exist: &'static [&'static str],
    /// The profile key the request URLs are built from, for the hint.
    pub(crate) setting: &'static str,
    /// The API sits behind AWS API Gateway (Cradl), whose 403s are not the vendor's verdict: a
    /// bare `{"message": "Forbidden"}` (or no message) is a refused or expired token, and
    /// "Missing Authentication Token" is a route it does not have (a wrong URL).
    pub(crate) api_gateway: bool,
}

/// What an error body says, from whichever envelope it uses.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Said {
    /// The vendor's words, joined; scrubbed of secrets and cut when huge. Empty when it said
    /// nothing readable.
    pub(crate) message: String,
    /// A machine code (`error` of OAuth and Paradigm, `code` of SimpleJWT), if any.
    pub(crate) code: Option<String>,
    /// A field or message says the thing already exists.
    pub(crate) duplicate: bool,
    /// The body is a JSON error envelope (rather than HTML, text, nothing or `{}`): it came from
    /// the vendor's API, not from whatever answered at that URL.
    pub(crate) envelope: bool,
}

/// Read an error body in any vendor's envelope.
pub(crate) fn read(body: &[u8], dialect: &ErrorDialect) -> Said {
    let mut said = match serde_json::from_slice::<Value>(body) {
        Ok(Value::Object(map)) => from_object(&map, dialect),
        Ok(Value::Array(items)) => {
            let parts: Vec<String> = items.iter().flat_map(texts).collect();
            let duplicate = parts.iter().any(|t| says_duplicate(t, dialect));
            Said {
                envelope: !parts.is_empty(),
                message: parts.join("; "),
                duplicate,
                code: None,
            }
        }
        Ok(Value::String(s)) => Said {
            message: s,
            ..Said::default()
        },
        _ => Said {
            message: plain_text(body),
            ..Said::default()
        },
    };
    // A vendor's words are one message, however many lines they span.
    said.message = redact::cut_to(
        &redact::cut(&redact::scrub(said.message.trim())),
        MAX_VENDOR_MESSAGE,
    );
    said
}

/// Status and body -> the typed error, by the shared rules: 401 Unauthorized, 403 Forbidden,
/// 404 NotFound (or WrongUrl), 409 and duplicate hints Conflict, other 4xx Invalid, 5xx
/// Unavailable.
pub(crate) fn decode(resp: &Response, dialect: &ErrorDialect) -> ProviderError {
    let said = read(&resp.body, dialect);
    if dialect.api_gateway && resp.status == 403 {
        if let Some(e) = gateway_forbidden(resp, &said, dialect) {
            return e;
        }
    }
    let message = if said.message.is_empty() {
        format!("HTTP {}", resp.status)
    } else {
        said.message.clone()
    };
    match resp.status {
        401 => ProviderError::Unauthorized { message },
        403 => ProviderError::Forbidden { message },
        404 => not_found(resp, &said, dialect, message),
        409 => ProviderError::Conflict { message },
        s if said.duplicate && dialect.duplicate_statuses.contains(&s) => {
            ProviderError::Conflict { message }
        }
        400 | 422 => ProviderError::Invalid { message },
        413 => ProviderError::Invalid {
            message: format!("the request is too large for the vendor (HTTP 413): {message}"),
        },
        s if s >= 500 && said.message.is_empty() => ProviderError::Unavailable { message },
        s if s >= 500 => ProviderError::Unavailable {
            message: format!("HTTP {s}: {message}"),
        },
        s => ProviderError::Http { status: s, message },
    }
}

/// An OAuth2 token endpoint's answer (RFC 6749 section 5.2) -> a typed error. Refused
/// credentials are `Unauthorized` whatever status carries them; a request the endpoint could
/// not use is `Invalid` (a value we sent) or `Protocol` (a grant it does not speak).
pub(crate) fn decode_token_error(resp: &Response, dialect: &ErrorDialect) -> ProviderError {
    let said = read(&resp.body, dialect);
    let code = said.code.clone().unwrap_or_default();
    let text = match (&said.code, said.message.as_str()) {
        (Some(c), m) if m.is_empty() || m == c => c.clone(),
        (Some(c), m) => format!("{c} ({m})"),
        (None, "") => format!("HTTP {}", resp.status),
        (None, m) => m.to_string(),
    };
    let message = format!("the token endpoint refused the login: {text}");
    let refused = matches!(
        code.as_str(),
        "invalid_client" | "invalid_grant" | "unauthorized_client" | "access_denied"
    );
    match resp.status {
        401 | 403 => ProviderError::Unauthorized { message },
        400 if refused => ProviderError::Unauthorized { message },
        400 if matches!(code.as_str(), "invalid_request" | "invalid_scope") => {
            ProviderError::Invalid { message }
        }
        400 => ProviderError::Protocol { message },
        // The token endpoint exists on every tenant: a 404 is the URL's fault.
        404 => wrong_url(resp, text, dialect, true),
        s if s >= 500 => ProviderError::Unavailable {
            message: format!("the token endpoint answered HTTP {s}: {text}"),
        },
        s => ProviderError::Http {
            status: s,
            message: text,
        },
    }
}

/// API Gateway's 403 that is a refused token: `{"message": "Forbidden"}` or no message at all.
/// A 403 with the vendor's own words is a real permission refusal.
pub(crate) fn gateway_refused_token(resp: &Response) -> bool {
    let message = serde_json::from_slice::<Value>(&resp.body)
        .ok()
        .and_then(|v| v.get("message").and_then(Value::as_str).map(str::to_string));
    resp.status == 403 && message.is_none_or(|m| m.trim().eq_ignore_ascii_case("forbidden"))
}

/// API Gateway's own 403s (see [`ErrorDialect::api_gateway`]); `None` for the vendor's.
fn gateway_forbidden(
    resp: &Response,
    said: &Said,
    dialect: &ErrorDialect,
) -> Option<ProviderError> {
    if gateway_refused_token(resp) {
        return Some(ProviderError::Unauthorized {
            message: format!(
                "{} (the client credentials were refused or have expired)",
                said.message
            ),
        });
    }
    let no_route = said
        .message
        .to_ascii_lowercase()
        .contains("missing authentication token");
    no_route.then(|| wrong_url(resp, said.message.clone(), dialect, true))
}

fn not_found(
    resp: &Response,
    said: &Said,
    dialect: &ErrorDialect,
    message: String,
) -> ProviderError {
    if must_exist(&resp.url, dialect) {
        wrong_url(resp, message, dialect, true)
    } else if !said.envelope {
        wrong_url(resp, message, dialect, false)
    } else {
        ProviderError::NotFound { message }
    }
}

fn wrong_url(
    resp: &Response,
    message: String,
    dialect: &ErrorDialect,
    certain: bool,
) -> ProviderError {
    let message = if certain {
        message
    } else {
        format!("{message}; not an error from {}", dialect.vendor)
    };
    ProviderError::WrongUrl {
        url: format!("{} {}", resp.method, redact::cut(&redact::scrub(&resp.url))),
        status: resp.status,
        message,
        setting: dialect.setting,
        certain,
    }
}

/// The first page of a route every tenant has. A later page may really be gone (Paradigm
/// answers 404 "Invalid page." past the end).
fn must_exist(url: &str, dialect: &ErrorDialect) -> bool {
    let Ok(url) = url::Url::parse(url) else {
        return false;
    };
    let path = url.path();
    let later_page = url.query_pairs().any(|(k, v)| match k.as_ref() {
        "page" => v != "1",
        "nextToken" | "cursor" | "offset" => true,
        _ => false,
    });
    !later_page && dialect.routes_that_exist.iter().any(|r| path.ends_with(r))
}

fn from_object(map: &Map<String, Value>, dialect: &ErrorDialect) -> Said {
    let string = |key: &str| map.get(key).and_then(Value::as_str).map(str::to_string);
    let code = string("error").or_else(|| string("code"));
    // Paradigm: `fields: {name: [{error, detail}]}` says more than its `detail`.
    if let Some(Value::Object(fields)) = map.get("fields") {
        let said = field_errors(fields, dialect);
        if !said.message.is_empty() {
            return Said { code, ..said };
        }
    }
    let text = string("error_description")
        .or_else(|| string("detail"))
        .or_else(|| string("message"))
        .or_else(|| match map.get("messages") {
            Some(list @ Value::Array(_)) => Some(texts(list).join("; ")).filter(|t| !t.is_empty()),
            _ => None,
        })
        .or_else(|| string("error"));
    if let Some(text) = text {
        return Said {
            duplicate: says_duplicate(&text, dialect),
            message: text,
            code,
            envelope: true,
        };
    }
    // DRF: `{field: [messages]}`.
    field_errors(map, dialect)
}

/// A field-error map: `field: message(s)` per field; `non_field_errors` without its name.
fn field_errors(map: &Map<String, Value>, dialect: &ErrorDialect) -> Said {
    let mut parts = Vec::new();
    let mut duplicate = false;
    for (field, errors) in map {
        for (text, unique) in field_messages(errors) {
            let identity = dialect.duplicate_fields.contains(&field.as_str());
            duplicate |= identity && (unique || says_duplicate(&text, dialect));
            if matches!(field.as_str(), "non_field_errors" | "__all__") {
                parts.push(text);
            } else {
                parts.push(format!("{field}: {text}"));
            }
        }
    }
    Said {
        envelope: !parts.is_empty(),
        message: parts.join("; "),
        duplicate,
        code: None,
    }
}

/// One field's messages: a string, a list, `{message|detail, code}` (DRF) or `{error, detail}`
/// (Paradigm) objects, or nested maps; each with whether its code says "unique".
fn field_messages(v: &Value) -> Vec<(String, bool)> {
    match v {
        Value::String(s) => vec![(s.clone(), false)],
        Value::Array(items) => items.iter().flat_map(field_messages).collect(),
        Value::Object(o)
            if ["message", "detail", "code", "error"]
                .iter()
                .any(|k| o.contains_key(*k)) =>
        {
            let code = ["code", "error"]
                .iter()
                .find_map(|k| o.get(*k).and_then(Value::as_str));
            let text = ["message", "detail"]
                .iter()
                .find_map(|k| o.get(*k).and_then(Value::as_str))
                .or(code)
                .unwrap_or("invalid");
            vec![(text.to_string(), code == Some("unique"))]
        }
        // Nested serializers: `{"groups": {"0": ["Invalid pk"]}}`.
        Value::Object(o) => o
            .iter()
            .flat_map(|(k, v)| {
                field_messages(v)
                    .into_iter()
                    .map(move |(m, u)| (format!("{k}: {m}"), u))
            })
            .collect(),
        Value::Null => Vec::new(),
        other => vec![(other.to_string(), false)],
    }
}

/// The texts of a message list: strings, or objects with a `message` or `detail`.
fn texts(v: &Value) -> Vec<String> {
    match v {
        Value::String(s) => vec![s.clone()],
        Value::Array(items) => items.iter().flat_map(texts).collect(),
        Value::Object(o) => ["message", "detail"]
            .iter()
            .find_map(|k| o.get(*k).and_then(Value::as_str))
            .map(|s| vec![s.to_string()])
            .unwrap_or_default(),
        _ => Vec::new(),
    }
}

fn says_duplicate(text: &str, dialect: &ErrorDialect) -> bool {
    let text = text.to_lowercase();
    dialect.duplicate_words.iter().any(|w| text.contains(w))
}

/// A body that is not JSON (an HTML error page, a proxy's text): its text without tags and
/// with whitespace collapsed.
fn plain_text(body: &[u8]) -> String {
    let raw = String::from_utf8_lossy(body);
    let mut text = String::new();
    let mut in_tag = false;
    for c in raw.chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                text.push(' ');
            }
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests;
