//! Bleemeo's user-admin API (`/o/token/`, `/o/revoke_token/`, `/v1/user/`), as the vendors
//! README, seed 001 and Bleemeo's own `bleemeo` 0.10.0 client say.

mod auth;
mod fields;
mod seed;
#[cfg(test)]
mod tests;
mod users;

use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::response::Response;
use chrono::{DateTime, SubsecRound, Utc};
use serde::{Deserialize, Serialize};

use super::{
    retry_after_secs, ApiRequest, Limit, Vendor, VendorCtx, BLEEMEO_TEST_ACCOUNT,
    BLEEMEO_TEST_PASSWORD, BLEEMEO_TEST_USERNAME,
};
use crate::sandbox::drf::detail;

/// The public OAuth2 client id of Bleemeo's own tools; the only client the sandbox knows.
pub(crate) const PUBLIC_CLIENT_ID: &str = "1fc6de3e-8750-472e-baea-3ba22bb4eb56";

/// Access tokens live this long unless a test sets `State::token_lifetime_secs`.
const DEFAULT_TOKEN_LIFETIME_SECS: i64 = 300;
/// Bleemeo publishes no limit; this default is generous and `State::requests_per_minute` changes it.
const DEFAULT_REQUESTS_PER_MINUTE: u32 = 600;

/// Bleemeo's data: one account, its users, the logins that may ask for tokens, and the tokens.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct State {
    pub(crate) account: Account,
    pub(crate) users: Vec<User>,
    /// Who may log in with the password grant. Invited users never can: they set a password
    /// through the emailed link, which the sandbox does not emulate.
    pub(crate) logins: Vec<Login>,
    /// Issued tokens, newest last. A refresh replaces its grant (the old pair stops working).
    pub grants: Vec<Grant>,
    /// Seconds an access token is valid. Tests lower it to see a client refresh.
    pub token_lifetime_secs: i64,
    /// Requests a minute each login may make (token requests included).
    pub(crate) requests_per_minute: u32,
    /// How many tokens each grant type issued, so tests can tell a login from a refresh.
    pub grant_counts: GrantCounts,
}

#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub(crate) struct Account {
    pub(crate) id: String,
    pub(crate) name: String,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub(crate) struct Login {
    pub(crate) email: String,
    pub(crate) password: String,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Grant {
    pub(crate) access_token: String,
    pub refresh_token: String,
    /// The login's email.
    pub(crate) email: String,
    pub(crate) client_id: String,
    pub(crate) expires_at: DateTime<Utc>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct GrantCounts {
    pub password: u64,
    pub refresh_token: u64,
}

/// A member of the account, with the writable fields of seed 001 and the read-only ones the
/// sandbox keeps (the rest are derived when the user is shown).
#[derive(Clone, Debug, Serialize, Deserialize)]
pub(crate) struct User {
    pub(crate) id: String,
    pub(crate) email: String,
    pub(crate) first_name: String,
    pub(crate) last_name: String,
    pub(crate) is_admin: bool,
    pub(crate) is_manager: bool,
    pub(crate) timezone: Option<String>,
    pub(crate) mobile_notification_enable: bool,
    pub(crate) notification_web_critical: bool,
    pub(crate) notification_web_ok: bool,
    pub(crate) notification_web_warning: bool,
    pub(crate) toggle_newsletter: bool,
    pub(crate) toggle_weekly: Option<bool>,
    pub(crate) created_at: DateTime<Utc>,
    pub(crate) created_by: Option<String>,
    pub(crate) modified_at: Option<DateTime<Utc>>,
    /// Null until the invited person sets a password: the user is still an invitation.
    pub(crate) activated_at: Option<DateTime<Utc>>,
    pub(crate) date_joined: Option<DateTime<Utc>>,
    pub(crate) last_login: Option<DateTime<Utc>>,
    /// The Bleemeo login behind the membership; null while invited.
    pub(crate) user: Option<String>,
}

impl User {
    /// A freshly invited user: every optional field at the API's default.
    pub(crate) fn invited(id: String, email: &str, created_by: Option<String>) -> User {
        let at = now();
        User {
            id,
            email: email.to_string(),
            first_name: String::new(),
            last_name: String::new(),
            is_admin: false,
            is_manager: false,
            timezone: None,
            mobile_notification_enable: false,
            notification_web_critical: true,
            notification_web_ok: true,
            notification_web_warning: true,
            toggle_newsletter: false,
            toggle_weekly: None,
            created_at: at,
            created_by,
            modified_at: Some(at),
            activated_at: None,
            date_joined: None,
            last_login: None,
            user: None,
        }
    }
}

impl State {
    /// Add an invited user with a fresh id; returns the id. For tests that need many users:
    /// nothing is validated.
    pub fn add_user(&mut self, email: &str) -> String {
        let id = new_uuid();
        self.users.push(User::invited(id.clone(), email, None));
        id
    }
}

/// The sandbox's Bleemeo, mounted under `/bleemeo`.
pub(crate) struct Bleemeo;

/// The routes Bleemeo knows. Every path ends with a slash, and a path without one is a 404
/// (decided: strict, so a client that drops the slash fails here rather than only in production,
/// where Django would redirect some methods and break others).
#[derive(Clone, Debug, PartialEq)]
enum Route {
    Token,
    Revoke,
    Users,
    User(String),
}

impl Route {
    fn parse(segments: &[&str]) -> Option<Route> {
        match segments {
            ["o", "token", ""] => Some(Route::Token),
            ["o", "revoke_token", ""] => Some(Route::Revoke),
            ["v1", "user", ""] => Some(Route::Users),
            // Django's `<uuid:pk>` converter: lowercase hex only.
            ["v1", "user", id, ""] if is_uuid(id) => Some(Route::User(id.to_string())),
            _ => None,
        }
    }

    fn allowed(&self) -> &'static [Method] {
        match self {
            Route::Token | Route::Revoke => &[Method::POST],
            Route::Users => &[Method::GET, Method::POST],
            Route::User(_) => &[Method::GET, Method::PATCH, Method::DELETE],
        }
    }
}

impl Vendor for Bleemeo {
    fn name(&self) -> &'static str {
        "bleemeo"
    }

    fn routes(&self) -> &'static [&'static str] {
        &[
            "/o/token/",
            "/o/revoke_token/",
            "/v1/user/",
            "/v1/user/{id}/",
        ]
    }

    // Django resolves the URL (404), DRF authenticates (401), checks permissions (403), throttles
    // (429) and only then looks for the method's handler (405).
    fn handle(&self, ctx: &VendorCtx<'_>, req: &ApiRequest) -> Response {
        let Some(route) = Route::parse(&req.segments()) else {
            return detail(StatusCode::NOT_FOUND, "Not found.");
        };
        match route {
            Route::Token => return auth::token(self, ctx, req),
            Route::Revoke => return auth::revoke(self, ctx, req),
            _ => {}
        }
        let login = match auth::authenticate(ctx, req) {
            Ok(login) => login,
            Err(answer) => return *answer,
        };
        let allowed = route.allowed();
        if allowed.contains(&req.method) {
            if let Some(answer) = self.throttle(ctx, &login.email) {
                return answer;
            }
        }
        match (route, &req.method) {
            (Route::Users, &Method::GET) => users::list(ctx, req),
            (Route::Users, &Method::POST) => users::create(ctx, req, &login),
            (Route::User(id), &Method::GET) => users::get(ctx, req, &id),
            (Route::User(id), &Method::PATCH) => users::update(ctx, req, &login, &id),
            (Route::User(id), &Method::DELETE) => users::delete(ctx, &login, &id),
            _ => method_not_allowed(&req.method, allowed),
        }
    }

    fn throttled(&self, secs: u64) -> Response {
        let text = format!("Request was throttled. Expected available in {secs} seconds.");
        let mut response = detail(StatusCode::TOO_MANY_REQUESTS, &text);
        response
            .headers_mut()
            .insert(header::RETRY_AFTER, HeaderValue::from(secs));
        response
    }

    fn server_error(&self, status: StatusCode) -> Response {
        detail(status, "A server error occurred.")
    }

    fn profile_toml(&self, base_url: &str) -> String {
        format!(
            "provider = \"bleemeo\"\nbase_url = \"{base_url}\"\nusername = \"{BLEEMEO_TEST_USERNAME}\"\n\
             password = \"{BLEEMEO_TEST_PASSWORD}\"\naccount_id = \"{BLEEMEO_TEST_ACCOUNT}\"\n"
        )
    }
}

impl Bleemeo {
    /// Take one request from the login's window; the 429 to answer when it is full.
    fn throttle(&self, ctx: &VendorCtx<'_>, login: &str) -> Option<Response> {
        let per_minute = ctx.state().bleemeo.requests_per_minute;
        ctx.throttle(login, "api", Limit::per_minute(per_minute))
            .err()
            .map(|wait| self.throttled(retry_after_secs(wait)))
    }
}

fn method_not_allowed(method: &Method, allowed: &[Method]) -> Response {
    let text = format!("Method \"{method}\" not allowed.");
    let mut response = detail(StatusCode::METHOD_NOT_ALLOWED, &text);
    let allow: Vec<&str> = allowed.iter().map(Method::as_str).collect();
    if let Ok(value) = HeaderValue::from_str(&allow.join(", ")) {
        response.headers_mut().insert(header::ALLOW, value);
    }
    response
}

fn is_uuid(text: &str) -> bool {
    text.len() == 36
        && text.bytes().enumerate().all(|(i, b)| match i {
            8 | 13 | 18 | 23 => b == b'-',
            _ => b.is_ascii_digit() || (b'a'..=b'f').contains(&b),
        })
}

/// A random version-4 UUID, lowercase as the API prints them.
fn new_uuid() -> String {
    let mut bytes = [0u8; 16];
    for b in &mut bytes {
        *b = fastrand::u8(..);
    }
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    format!(
        "{}-{}-{}-{}-{}",
        &hex[0..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..32]
    )
}

/// Whole seconds, as stored.
fn now() -> DateTime<Utc> {
    Utc::now().trunc_subsecs(0)
}

fn rfc3339(time: &DateTime<Utc>) -> String {
    time.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true)
}
