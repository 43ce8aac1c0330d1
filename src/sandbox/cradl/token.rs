//! Cradl's OAuth2 token endpoint (`POST /oauth2/token`, client credentials only).

// Decided: the token endpoint is an OAuth2 server (Kinde, per the official client's
// credentials.py:95-105), not the API, so its errors are RFC 6749's `{"error",
// "error_description"}` rather than the API's `{"message"}`. The audience is one constant whatever
// host the API is reached at (credentials.py:103); Kinde refuses an audience the client is not
// authorized for as `unauthorized_client` and a missing one as `invalid_request` (Kinde's
// "Troubleshoot M2M token errors" page).

use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use chrono::Utc;
use serde_json::json;

use super::jwt::{self, Claims};
use crate::sandbox::{ApiRequest, VendorCtx, CRADL_TEST_CLIENT_ID, CRADL_TEST_CLIENT_SECRET};

/// The Cradl app client and organization the test client's tokens name.
pub(crate) const APP_CLIENT_ID: &str = "cradl:app-client:5a4d0b0c0ffee0000000000000000001";
pub(crate) const ORGANIZATION_ID: &str = "cradl:organization:5a4d0b0c0ffee0000000000000000001";

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
    let guard = ctx.state();
    let state = &guard.cradl;
    match field("audience") {
        None => {
            return oauth_error(
                StatusCode::BAD_REQUEST,
                "invalid_request",
                "The request is missing the audience parameter",
            )
        }
        Some(a) if a == state.audience => {}
        Some(a) => {
            return oauth_error(
                StatusCode::BAD_REQUEST,
                "unauthorized_client",
                &format!(
                    "The client is not authorized for the audience {a}; the API's audience is {}",
                    state.audience
                ),
            )
        }
    }
    let lifetime = state.token_lifetime_secs.max(1);
    let now = Utc::now().timestamp();
    let claims = Claims {
        iss: req.link("", &[]),
        aud: vec![state.audience.clone()],
        azp: id,
        gty: vec!["client_credentials".into()],
        iat: now,
        exp: now.saturating_add(lifetime),
        jti: format!("{:032x}", fastrand::u128(..)),
        scope: "cradl:api".into(),
        external_app_client_id: APP_CLIENT_ID.into(),
        external_organization_id: ORGANIZATION_ID.into(),
    };
    let token = jwt::sign(&claims, state.signing_key.as_bytes());
    drop(guard);
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
    let decoded = String::from_utf8(STANDARD.decode(encoded.trim()).ok()?).ok()?;
    let (id, secret) = decoded.split_once(':')?;
    Some((id.to_string(), secret.to_string()))
}

fn oauth_error(status: StatusCode, code: &str, description: &str) -> Response {
    let body = json!({"error": code, "error_description": description});
    (status, Json(body)).into_response()
}
