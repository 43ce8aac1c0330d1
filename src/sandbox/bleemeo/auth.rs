//! Bleemeo's OAuth2 endpoints (password and refresh grants, revocation) and bearer
//! authentication.

// Decided, after what Bleemeo's own client reads on an authentication failure (bleemeo 0.10.0
// exceptions.py:187-212: OAuth's `error`/`error_description` first, then `messages[0].message`,
// then `detail`): the token and revocation endpoints (django-oauth-toolkit) answer OAuth's
// `{"error", "error_description"}`; a bearer token the API cannot accept (unknown, expired,
// revoked) gets djangorestframework-simplejwt's `token_not_valid` body, whose `messages` list is
// the "API response" that client looks for, beside its `detail`; no credentials at all is DRF's
// plain `{"detail"}`. Revocation and these three bodies are recorded in
// ../shared/vendors/README.md, "Bleemeo", Auth.

use std::collections::HashMap;

use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use chrono::Duration;
use serde_json::json;

use super::{
    detail, method_not_allowed, now, Bleemeo, Grant, State, DEFAULT_TOKEN_LIFETIME_SECS,
    PUBLIC_CLIENT_ID,
};
use crate::sandbox::{ApiRequest, VendorCtx};

/// Older grants are forgotten past this many, so the persisted state stays small.
const MAX_GRANTS: usize = 100;

/// Who a valid bearer token belongs to.
pub(super) struct Caller {
    pub(crate) email: String,
    /// The caller's own membership id.
    pub(crate) user_id: String,
    pub(crate) is_admin: bool,
}

/// `POST /o/token/`, form-encoded, as django-oauth-toolkit answers it.
pub(super) fn token(vendor: &Bleemeo, ctx: &VendorCtx<'_>, req: &ApiRequest) -> Response {
    if req.method != Method::POST {
        return method_not_allowed(&req.method, &[Method::POST]);
    }
    let Some(form) = form(req) else {
        return oauth_error(
            StatusCode::BAD_REQUEST,
            "invalid_request",
            "The token request must be form-encoded (application/x-www-form-urlencoded).",
        );
    };
    let field = |name: &str| form.get(name).map(String::as_str).filter(|v| !v.is_empty());
    // A public client authenticates with its id alone; oauthlib checks it before the grant.
    let client_id = match field("client_id") {
        Some(id) if id == PUBLIC_CLIENT_ID => id.to_string(),
        _ => {
            return oauth_error(
                StatusCode::UNAUTHORIZED,
                "invalid_client",
                "Unknown client.",
            )
        }
    };
    if let Some(answer) = vendor.throttle(ctx, &format!("client {client_id}")) {
        return answer;
    }
    let mut guard = ctx.state();
    let state = &mut guard.bleemeo;
    let email = match field("grant_type") {
        Some("password") => {
            let (Some(username), Some(password)) = (field("username"), field("password")) else {
                return oauth_error(
                    StatusCode::BAD_REQUEST,
                    "invalid_request",
                    "Request is missing username or password parameter.",
                );
            };
            let known = state
                .logins
                .iter()
                .find(|l| l.email.eq_ignore_ascii_case(username) && l.password == password);
            let Some(login) = known else {
                return invalid_grant("Invalid credentials given.");
            };
            let email = login.email.clone();
            state.grant_counts.password += 1;
            email
        }
        Some("refresh_token") => {
            let Some(refresh) = field("refresh_token") else {
                return oauth_error(
                    StatusCode::BAD_REQUEST,
                    "invalid_request",
                    "Missing refresh token parameter.",
                );
            };
            let found = state
                .grants
                .iter()
                .position(|g| g.refresh_token == refresh && g.client_id == client_id);
            let Some(index) = found else {
                return invalid_grant("Invalid refresh token.");
            };
            // Rotation: the old access and refresh tokens stop working.
            let old = state.grants.remove(index);
            if !state.logins.iter().any(|l| l.email == old.email) {
                return invalid_grant("The login no longer exists.");
            }
            state.grant_counts.refresh_token += 1;
            old.email
        }
        Some(_) => {
            return oauth_error(
                StatusCode::BAD_REQUEST,
                "unsupported_grant_type",
                "The grant type is not supported.",
            )
        }
        None => {
            return oauth_error(
                StatusCode::BAD_REQUEST,
                "invalid_request",
                "Missing grant_type parameter.",
            )
        }
    };
    issue(state, email, client_id)
}

/// `POST /o/revoke_token/` (RFC 7009, as django-oauth-toolkit serves it): form `token`,
/// `token_type_hint` and `client_id`, as Bleemeo's client's logout sends them (bleemeo 0.10.0
/// _authenticator.py:123-151), answered 200 with an empty body. Revoking a refresh token ends
/// its grant (the access token issued with it too); revoking an access token ends only that
/// token. An unknown token is answered 200 as well (RFC 7009 section 2.2).
pub(super) fn revoke(vendor: &Bleemeo, ctx: &VendorCtx<'_>, req: &ApiRequest) -> Response {
    if req.method != Method::POST {
        return method_not_allowed(&req.method, &[Method::POST]);
    }
    let Some(form) = form(req) else {
        return oauth_error(
            StatusCode::BAD_REQUEST,
            "invalid_request",
            "The revocation request must be form-encoded (application/x-www-form-urlencoded).",
        );
    };
    let field = |name: &str| form.get(name).map(String::as_str).filter(|v| !v.is_empty());
    let client_id = match field("client_id") {
        Some(id) if id == PUBLIC_CLIENT_ID => id.to_string(),
        _ => {
            return oauth_error(
                StatusCode::UNAUTHORIZED,
                "invalid_client",
                "Unknown client.",
            )
        }
    };
    if let Some(answer) = vendor.throttle(ctx, &format!("client {client_id}")) {
        return answer;
    }
    let Some(token) = field("token") else {
        return oauth_error(
            StatusCode::BAD_REQUEST,
            "invalid_request",
            "Missing token parameter.",
        );
    };
    let hint = field("token_type_hint");
    if hint.is_some_and(|h| h != "refresh_token" && h != "access_token") {
        return oauth_error(
            StatusCode::BAD_REQUEST,
            "unsupported_token_type",
            "The token type hint is not supported.",
        );
    }
    let mut guard = ctx.state();
    let grants = &mut guard.bleemeo.grants;
    // The hint is only a hint: either kind of token is looked for.
    let ours = |g: &Grant| g.client_id == client_id;
    if let Some(i) = grants
        .iter()
        .position(|g| ours(g) && g.refresh_token == token)
    {
        grants.remove(i);
    } else if let Some(g) = grants
        .iter_mut()
        .find(|g| ours(g) && g.access_token == token)
    {
        g.access_token = String::new();
    }
    no_store(StatusCode::OK.into_response())
}

/// A new access and refresh token for `email`.
fn issue(state: &mut State, email: String, client_id: String) -> Response {
    let lifetime = match state.token_lifetime_secs {
        secs if secs > 0 => secs,
        _ => DEFAULT_TOKEN_LIFETIME_SECS,
    };
    let grant = Grant {
        access_token: random_token(),
        refresh_token: random_token(),
        email,
        client_id,
        expires_at: now() + Duration::seconds(lifetime),
    };
    let body = json!({
        "access_token": grant.access_token,
        "expires_in": lifetime,
        "token_type": "Bearer",
        "scope": "read write",
        "refresh_token": grant.refresh_token,
    });
    state.grants.push(grant);
    if state.grants.len() > MAX_GRANTS {
        let extra = state.grants.len() - MAX_GRANTS;
        state.grants.drain(..extra);
    }
    no_store((StatusCode::OK, Json(body)).into_response())
}

/// 30 random letters and digits, like django-oauth-toolkit's tokens.
fn random_token() -> String {
    (0..30).map(|_| fastrand::alphanumeric()).collect()
}

/// The caller behind `Authorization: Bearer <token>`, or the 401/403 to answer (boxed: it is
/// large and rare).
pub(super) fn authenticate(ctx: &VendorCtx<'_>, req: &ApiRequest) -> Result<Caller, Box<Response>> {
    let Some(token) = req.bearer_token() else {
        return Err(unauthorized(
            "Authentication credentials were not provided.",
        ));
    };
    let guard = ctx.state();
    let state = &guard.bleemeo;
    let at = now();
    let grant = state
        .grants
        .iter()
        .find(|g| !g.access_token.is_empty() && g.access_token == token)
        .ok_or_else(|| token_not_valid("Token is invalid"))?;
    if grant.expires_at <= at {
        return Err(token_not_valid("Token is expired"));
    }
    let forbidden = || {
        Box::new(detail(
            StatusCode::FORBIDDEN,
            "You do not have permission to perform this action.",
        ))
    };
    // The header picks one of the login's accounts; the sandbox's logins reach only one.
    if let Some(account) = req.headers.get("x-bleemeo-account") {
        if account.as_bytes() != state.account.id.as_bytes() {
            return Err(forbidden());
        }
    }
    let member = state
        .users
        .iter()
        .find(|u| u.email.eq_ignore_ascii_case(&grant.email))
        .ok_or_else(forbidden)?;
    Ok(Caller {
        email: grant.email.clone(),
        user_id: member.id.clone(),
        is_admin: member.is_admin,
    })
}

/// The form body, or `None` when the request is not form-encoded.
fn form(req: &ApiRequest) -> Option<HashMap<String, String>> {
    let content_type = req.headers.get(header::CONTENT_TYPE)?.to_str().ok()?;
    let essence = content_type.split(';').next().unwrap_or("").trim();
    if !essence.eq_ignore_ascii_case("application/x-www-form-urlencoded") {
        return None;
    }
    Some(
        url::form_urlencoded::parse(&req.body)
            .into_owned()
            .collect(),
    )
}

fn oauth_error(status: StatusCode, error: &str, description: &str) -> Response {
    let body = json!({ "error": error, "error_description": description });
    no_store((status, Json(body)).into_response())
}

fn invalid_grant(description: &str) -> Response {
    oauth_error(StatusCode::BAD_REQUEST, "invalid_grant", description)
}

/// Token answers must not be cached (RFC 6749 section 5.1).
fn no_store(mut response: Response) -> Response {
    let headers = response.headers_mut();
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.insert(header::PRAGMA, HeaderValue::from_static("no-cache"));
    response
}

fn unauthorized(text: &str) -> Box<Response> {
    with_challenge(detail(StatusCode::UNAUTHORIZED, text))
}

/// simplejwt's answer to a token it cannot accept: `detail` and `code`, and the reason per token
/// class in `messages` (see the note at the top).
fn token_not_valid(reason: &str) -> Box<Response> {
    let body = json!({
        "detail": "Given token not valid for any token type",
        "code": "token_not_valid",
        "messages": [{"token_class": "AccessToken", "token_type": "access", "message": reason}],
    });
    with_challenge((StatusCode::UNAUTHORIZED, Json(body)).into_response())
}

fn with_challenge(mut response: Response) -> Box<Response> {
    response.headers_mut().insert(
        header::WWW_AUTHENTICATE,
        HeaderValue::from_static("Bearer realm=\"api\""),
    );
    Box::new(response)
}
