//! The `-v` log of each request (method, URL, status, time) and, at `-vv`, its headers and
//! bodies, with every secret redacted: by header name, by JSON key, by form field, and every
//! registered secret value wherever it appears.

use std::time::Duration;

use reqwest::header::HeaderMap;
use serde_json::Value;

use super::plan::{is_secret_key, redact_json};
use super::request::{Body, FormValue, Request};
use crate::redact::{self, REDACTED};

/// A body longer than this (in characters) is cut in the log.
const MAX_LOGGED_BODY: usize = 4000;

/// `roster: GET https://host/path?q -> 200 in 12 ms`
pub(super) fn line(req: &Request, outcome: &str, elapsed: Duration) -> String {
    safe(&format!(
        "roster: {} {} -> {outcome} in {} ms",
        req.method,
        req.display_url(),
        elapsed.as_millis()
    ))
}

/// The request as sent, for `-vv`: the headers roster sets and the body, redacted.
pub(super) fn request_detail(req: &Request, user_agent: &str) -> Vec<String> {
    let mut lines = vec![format!("> user-agent: {user_agent}")];
    for (name, value) in &req.headers {
        lines.push(format!(
            "> {}: {}",
            name.to_ascii_lowercase(),
            header_value(name, value)
        ));
    }
    if req.bearer.is_some() {
        lines.push(format!("> authorization: Bearer {REDACTED}"));
    }
    let body = match &req.body {
        Body::None => None,
        Body::Json(v) => {
            lines.push("> content-type: application/json".into());
            Some(compact(&redact_json(v)))
        }
        Body::Form(fields) => {
            lines.push("> content-type: application/x-www-form-urlencoded".into());
            let pairs: Vec<String> = fields
                .iter()
                .map(|(k, v)| {
                    let shown = match v {
                        FormValue::Secret(_) => REDACTED.to_string(),
                        FormValue::Plain(_) if is_secret_key(k) => REDACTED.to_string(),
                        FormValue::Plain(s) => {
                            url::form_urlencoded::byte_serialize(s.as_bytes()).collect()
                        }
                    };
                    format!("{k}={shown}")
                })
                .collect();
            Some(pairs.join("&"))
        }
    };
    if let Some(body) = body {
        lines.push(">".into());
        lines.push(format!("> {}", body_text(&body)));
    }
    lines
        .into_iter()
        .map(|l| format!("  {}", safe(&l)))
        .collect()
}

/// The answer, for `-vv`: every header (secret ones redacted) and the body.
pub(super) fn response_detail(headers: &HeaderMap, body: &[u8]) -> Vec<String> {
    let mut lines: Vec<String> = headers
        .iter()
        .map(|(name, value)| {
            let value = String::from_utf8_lossy(value.as_bytes());
            format!(
                "< {}: {}",
                name.as_str(),
                header_value(name.as_str(), &value)
            )
        })
        .collect();
    if !body.is_empty() {
        let text = match serde_json::from_slice::<Value>(body) {
            Ok(v) => compact(&redact_json(&v)),
            Err(_) => String::from_utf8_lossy(body).trim().to_string(),
        };
        lines.push("<".into());
        lines.push(format!("< {}", body_text(&text)));
    }
    lines
        .into_iter()
        .map(|l| format!("  {}", safe(&l)))
        .collect()
}

/// Headers that carry credentials show no value.
fn header_value(name: &str, value: &str) -> String {
    let lower = name.to_ascii_lowercase();
    let secret = matches!(
        lower.as_str(),
        "authorization" | "proxy-authorization" | "cookie" | "set-cookie" | "www-authenticate"
    ) || is_secret_key(&lower.replace('-', "_"));
    if secret {
        REDACTED.to_string()
    } else {
        value.to_string()
    }
}

fn compact(v: &Value) -> String {
    serde_json::to_string(v).unwrap_or_default()
}

fn body_text(text: &str) -> String {
    redact::cut_to(&redact::scrub(text), MAX_LOGGED_BODY)
}

/// Scrubbed and with control characters escaped: the log goes to a terminal.
fn safe(text: &str) -> String {
    redact::escape_controls(&redact::scrub(text), false)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::secret::Secret;
    use reqwest::header::HeaderValue;
    use reqwest::Method;

    #[test]
    fn every_secret_is_redacted() {
        crate::redact::register(&Secret::new("canary-in-the-log"));
        let req = Request::new(Method::POST, "http://h/o/token/", Duration::from_secs(1))
            .header("X-Api-Key", "canary-in-the-log")
            .bearer(&Secret::new("tok"))
            .form(vec![
                ("grant_type".into(), FormValue::Plain("password".into())),
                (
                    "username".into(),
                    FormValue::Plain("ada@example.com".into()),
                ),
                ("password".into(), FormValue::Secret(Secret::new("hunter2"))),
                ("refresh_token".into(), FormValue::Plain("r1".into())),
            ]);
        let sent = request_detail(&req, "roster/test").join("\n");
        assert!(sent.contains("username=ada%40example.com"), "{sent}");
        assert!(sent.contains("authorization: Bearer [redacted]"), "{sent}");
        for leak in ["canary-in-the-log", "hunter2", "r1", "tok"] {
            assert!(
                !sent.contains(&format!("={leak}")) && !sent.contains(&format!(" {leak}")),
                "{leak}: {sent}"
            );
        }
        let mut headers = HeaderMap::new();
        headers.insert("set-cookie", HeaderValue::from_static("session=abc"));
        headers.insert("content-type", HeaderValue::from_static("application/json"));
        let body = br#"{"access_token": "at-1", "echo": "password=canary-in-the-log", "user": {"refresh": "rt"}}"#;
        let got = response_detail(&headers, body).join("\n");
        assert!(got.contains("content-type: application/json"), "{got}");
        for leak in ["abc", "at-1", "canary-in-the-log", "\"rt\""] {
            assert!(!got.contains(leak), "{leak}: {got}");
        }
        let garbled = response_detail(&HeaderMap::new(), "\u{1b}]0;title\u{7}".as_bytes()).join("");
        assert!(!garbled.contains('\u{1b}'), "{garbled}");
    }
}
