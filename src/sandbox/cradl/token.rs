//! Cradl's OAuth2 token endpoint (`POST /oauth2/token`, client credentials only).

// Decided: the token endpoint is an OAuth2 server, not the API, so its errors are RFC 6749's
// `{"error", "error_description"}` rather than the API's `{"message"}`.

use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use chrono::Utc;
use serde_json::json;

use super::{IssuedToken, DOCUMENTED_AUDIENCE};
use crate::sandbox::{ApiRequest, VendorCtx, CRADL_TEST_CLIENT_ID, CRADL_TEST_CLIENT_SECRET};

pub(super) fn issue(ctx: &VendorCtx<'_>, req: &ApiRequest) -> Response {
    if req.method != Method::POST {
        let mut answer = oauth_error(
            StatusCode::METHOD_NOT_ALLOWED,
            "invalid_request",
            "use POST",
        );
        answer
            .headers_mut()
            .insert(header::ALLOW, HeaderValue::from_static("POST"));
        return answer;
    }
    let is_form = req
        .headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .is_some_and(|e| {
            e.trim()
                .eq_ignore_ascii_case("application/x-www-form-urlencoded")
        });
    if !is_form {
        return oauth_error(
            StatusCode::BAD_REQUEST,
            "invalid_request",
            "the body must be application/x-www-form-urlencoded",
        );
    }
    let form: Vec<(String, String)> = url::form_urlencoded::parse(&req.body)
        .into_owned()
        .collect();
    let field = |name: &str| {
        form.iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    };
    match field("grant_type") {
        Some("client_credentials") => {}
        Some(_) => {
            return oauth_error(
                StatusCode::BAD_REQUEST,
                "unsupported_grant_type",
                "only client_credentials is supported",
            )
        }
        None => {
            return oauth_error(
                StatusCode::BAD_REQUEST,
                "invalid_request",
                "grant_type is required",
            )
        }
    }
    let (id, secret) = match (field("client_id"), field("client_secret")) {
        (Some(id), Some(secret)) => (id.to_string(), secret.to_string()),
        _ => match basic_credentials(req) {
            Some(pair) => pair,
            None => {
                return oauth_error(
                    StatusCode::UNAUTHORIZED,
                    "invalid_client",
                    "client authentication is required",
                )
            }
        },
    };
    if id != CRADL_TEST_CLIENT_ID || secret != CRADL_TEST_CLIENT_SECRET {
        return oauth_error(
            StatusCode::UNAUTHORIZED,
            "invalid_client",
            "client authentication failed",
        );
    }
    // The API base URL is the audience: the documented one, or this sandbox's own.
    let own = req.link("", &[]);
    match field("audience") {
        None => {
            return oauth_error(
                StatusCode::BAD_REQUEST,
                "invalid_request",
                "audience is required",
            )
        }
        Some(a) if a == DOCUMENTED_AUDIENCE || a.trim_end_matches('/') == own => {}
        Some(a) => {
            return oauth_error(
                StatusCode::BAD_REQUEST,
                "invalid_request",
                &format!("unknown audience {a}; expected {DOCUMENTED_AUDIENCE} or {own}"),
            )
        }
    }
    let mut guard = ctx.state();
    let state = &mut guard.cradl;
    let now = Utc::now();
    state.tokens.retain(|t| t.expires_at > now);
    let lifetime = state.token_lifetime_secs.max(1);
    let token = format!("{:032x}{:032x}", fastrand::u128(..), fastrand::u128(..));
    state.tokens.push(IssuedToken {
        token: token.clone(),
        client_id: id,
        expires_at: now + chrono::Duration::seconds(lifetime),
    });
    let body = json!({"access_token": token, "expires_in": lifetime, "token_type": "Bearer"});
    let mut answer = Json(body).into_response();
    // RFC 6749 §5.1: token answers must not be cached.
    answer
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    answer
}

/// `Authorization: Basic base64(id:secret)`, the other way RFC 6749 lets a client authenticate.
fn basic_credentials(req: &ApiRequest) -> Option<(String, String)> {
    let value = req.headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, encoded) = value.trim().split_once(' ')?;
    if !scheme.eq_ignore_ascii_case("basic") {
        return None;
    }
    let decoded = String::from_utf8(base64_decode(encoded.trim())?).ok()?;
    let (id, secret) = decoded.split_once(':')?;
    Some((id.to_string(), secret.to_string()))
}

/// Standard base64 with padding; `None` on anything else.
fn base64_decode(text: &str) -> Option<Vec<u8>> {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let text = text.trim_end_matches('=');
    let mut out = Vec::new();
    let mut buffer = 0u32;
    let mut bits = 0;
    for c in text.bytes() {
        let value = ALPHABET.iter().position(|&a| a == c)? as u32;
        buffer = (buffer << 6) | value;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((buffer >> bits) as u8);
            buffer &= (1 << bits) - 1;
        }
    }
    Some(out)
}

fn oauth_error(status: StatusCode, code: &str, description: &str) -> Response {
    let body = json!({"error": code, "error_description": description});
    (status, Json(body)).into_response()
}

#[cfg(test)]
mod tests {
    use super::base64_decode;

    #[test]
    fn base64_decodes_with_and_without_padding() {
        assert_eq!(
            base64_decode("aWQ6c2VjcmV0").as_deref(),
            Some(&b"id:secret"[..])
        );
        assert_eq!(base64_decode("YQ==").as_deref(), Some(&b"a"[..]));
        assert_eq!(base64_decode("a*b"), None);
    }
}
