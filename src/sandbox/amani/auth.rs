//! Amani's login (`POST /api/v2/user/login`), SimpleJWT's refresh, and bearer-token checks.

use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::{json, Value};

use super::fields::{self, FieldErrors};
use super::{unauthorized, users, IssuedToken, State, TokenKind, User};
use crate::sandbox::{ApiRequest, VendorCtx};

/// `POST /api/v2/user/login` `{"username": <email>, "password"}`: the user and a token pair.
pub(super) fn login(ctx: &VendorCtx<'_>, req: &ApiRequest) -> Response {
    let body = match fields::object(req) {
        Ok(body) => body,
        Err(answer) => return *answer,
    };
    let mut errors = FieldErrors::default();
    fields::require(&body, &["username", "password"], &mut errors);
    let username = fields::string(&body, "username", 254, false, &mut errors);
    let password = fields::string(&body, "password", 4096, false, &mut errors);
    if let Some(answer) = errors.answer() {
        return answer;
    }
    let (Some(username), Some(password)) = (username, password) else {
        return refused_login();
    };
    let mut guard = ctx.state();
    let state = &mut guard.amani;
    let Some(user) = state
        .user_by_email(&username)
        .filter(|u| u.is_active && check_password(&u.password_hash, &password))
        .cloned()
    else {
        return refused_login();
    };
    let access = issue(state, &user.id, TokenKind::Access);
    let refresh = issue(state, &user.id, TokenKind::Refresh);
    let body = json!({
        "id": user.id,
        "username": user.email,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "phone": user.phone,
        "access": access,
        "refresh": refresh,
        "groups": users::groups_json(state, &user),
        "company_id": state.company,
        "permissions": state.permissions(&user),
    });
    Json(body).into_response()
}

/// `POST /api/v2/token/refresh/` `{"refresh"}` -> `{"access"}`. Refresh tokens are not rotated
/// (SimpleJWT's default).
pub(super) fn refresh(ctx: &VendorCtx<'_>, req: &ApiRequest) -> Response {
    let body = match fields::object(req) {
        Ok(body) => body,
        Err(answer) => return *answer,
    };
    let mut errors = FieldErrors::default();
    fields::require(&body, &["refresh"], &mut errors);
    let token = fields::string(&body, "refresh", 4096, false, &mut errors);
    if let Some(answer) = errors.answer() {
        return answer;
    }
    let mut guard = ctx.state();
    let state = &mut guard.amani;
    let Some(user_id) = token.and_then(|t| valid(state, &t, TokenKind::Refresh)) else {
        return unauthorized(json!({
            "detail": "Token is invalid or expired",
            "code": "token_not_valid",
        }));
    };
    if !state.users.iter().any(|u| u.id == user_id && u.is_active) {
        return unauthorized(json!({
            "detail": "No active account found for the given token.",
            "code": "no_active_account",
        }));
    }
    let access = issue(state, &user_id, TokenKind::Access);
    Json(json!({ "access": access })).into_response()
}

/// The id of the active user whose access token the request bears, or the 401 to answer.
pub(super) fn authenticate(ctx: &VendorCtx<'_>, req: &ApiRequest) -> Result<String, Box<Response>> {
    let Some(token) = req.bearer_token() else {
        // JWTAuthentication ignores other schemes, so they read as no credentials at all.
        return Err(Box::new(unauthorized(json!({
            "detail": "Authentication credentials were not provided.",
        }))));
    };
    let state = &ctx.state().amani;
    let Some(user_id) = valid(state, token, TokenKind::Access) else {
        return Err(Box::new(unauthorized(json!({
            "detail": "Given token not valid for any token type",
            "code": "token_not_valid",
            "messages": [{
                "token_class": "AccessToken",
                "token_type": "access",
                "message": "Token is invalid or expired",
            }],
        }))));
    };
    match state.users.iter().find(|u| u.id == user_id) {
        Some(User {
            is_active: true, ..
        }) => Ok(user_id),
        Some(_) => Err(Box::new(unauthorized(json!({
            "detail": "User is inactive",
            "code": "user_inactive",
        })))),
        None => Err(Box::new(unauthorized(json!({
            "detail": "User not found",
            "code": "user_not_found",
        })))),
    }
}

fn refused_login() -> Response {
    let text = "No active account found with the given credentials";
    unauthorized(json!({ "detail": text }))
}

/// The user a live token of `kind` belongs to.
fn valid(state: &State, token: &str, kind: TokenKind) -> Option<String> {
    let now = chrono::Utc::now().timestamp();
    state
        .tokens
        .iter()
        .find(|t| t.token == token && t.kind == kind && t.expires_at > now)
        .map(|t| t.user_id.clone())
}

/// A new JWT for `user_id`, remembered until it expires. Expired ones are forgotten here, so the
/// list stays small.
fn issue(state: &mut State, user_id: &str, kind: TokenKind) -> String {
    let now = chrono::Utc::now().timestamp();
    state.tokens.retain(|t| t.expires_at > now);
    let lifetime = match kind {
        TokenKind::Access => state.settings.access_lifetime_secs,
        TokenKind::Refresh => state.settings.refresh_lifetime_secs,
    };
    let expires_at = now.saturating_add(lifetime);
    let claims = json!({
        "token_type": match kind {
            TokenKind::Access => "access",
            TokenKind::Refresh => "refresh",
        },
        "exp": expires_at,
        "iat": now,
        "jti": random_hex(16),
        "user_id": user_id,
    });
    let token = jwt(&claims);
    state.tokens.push(IssuedToken {
        token: token.clone(),
        kind,
        user_id: user_id.to_string(),
        expires_at,
    });
    token
}

/// `header.claims.signature`, base64url without padding, as SimpleJWT's tokens look. The
/// signature is random: the sandbox recognises its tokens by remembering them.
fn jwt(claims: &Value) -> String {
    let header = base64url(br#"{"alg":"HS256","typ":"JWT"}"#);
    let body = base64url(claims.to_string().as_bytes());
    let signature: Vec<u8> = (0..32).map(|_| fastrand::u8(..)).collect();
    format!("{header}.{body}.{}", base64url(&signature))
}

fn base64url(bytes: &[u8]) -> String {
    use base64::Engine;
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

/// A random (version 4) uuid, lowercase.
pub(super) fn new_uuid() -> String {
    // The version nibble says 4 and the variant bits say RFC 4122.
    let n = (fastrand::u128(..) & !(0xf_u128 << 76)) | (0x4 << 76);
    let n = (n & !(0x3_u128 << 62)) | (0x2 << 62);
    let hex = format!("{n:032x}");
    format!(
        "{}-{}-{}-{}-{}",
        &hex[..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..]
    )
}

pub(super) fn random_hex(bytes: usize) -> String {
    (0..bytes)
        .map(|_| format!("{:02x}", fastrand::u8(..)))
        .collect()
}

/// A salted FNV-1a digest. Not a real password hash: it only keeps passwords out of the saved
/// sandbox state in plain text.
pub(super) fn hash_password(password: &str) -> String {
    let salt = random_hex(8);
    format!("fnv1a${salt}${:016x}", fnv1a(&salt, password))
}

fn check_password(stored: &str, password: &str) -> bool {
    let mut parts = stored.splitn(3, '$');
    match (parts.next(), parts.next(), parts.next()) {
        (Some("fnv1a"), Some(salt), Some(digest)) => {
            format!("{:016x}", fnv1a(salt, password)) == digest
        }
        _ => false,
    }
}

fn fnv1a(salt: &str, password: &str) -> u64 {
    let bytes = salt.bytes().chain([0]).chain(password.bytes());
    bytes.fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

#[cfg(test)]
mod unit {
    use super::*;

    #[test]
    fn base64url_has_no_padding() {
        assert_eq!(base64url(b""), "");
        assert_eq!(base64url(b"f"), "Zg");
        assert_eq!(base64url(b"fo"), "Zm8");
        assert_eq!(base64url(b"foo"), "Zm9v");
        assert_eq!(base64url(b"foob"), "Zm9vYg");
        assert_eq!(base64url(&[0xfb, 0xff]), "-_8");
    }

    #[test]
    fn uuids_are_version_4_and_passwords_check() {
        let id = new_uuid();
        assert!(super::super::is_uuid(&id), "{id}");
        assert_eq!(&id[14..15], "4");
        assert!(matches!(&id[19..20], "8" | "9" | "a" | "b"), "{id}");
        let hash = hash_password("correct horse");
        assert!(check_password(&hash, "correct horse"));
        assert!(!check_password(&hash, "correct horsE"));
        assert!(!hash.contains("correct"));
        assert!(!check_password("plain", "plain"));
    }
}
