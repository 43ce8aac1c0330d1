//! Amani's user-admin API (`/api/v2/user`, `/api/v2/group`, JWT login and refresh), as the vendors README says.

mod auth;
mod fields;
mod seed;
#[cfg(test)]
mod tests;
mod users;

use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::{retry_after_secs, ApiRequest, Limit, Vendor, VendorCtx};
use super::{AMANI_TEST_PASSWORD, AMANI_TEST_USERNAME};
use crate::sandbox::drf::detail;

pub use seed::{VIEWER_EMAIL, VIEWER_PASSWORD};

/// Amani's data, and the knobs tests turn (token lifetimes, the rate limit).
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct State {
    #[serde(default)]
    pub settings: Settings,
    /// The one company every user belongs to (a uuid).
    pub(crate) company: String,
    /// Permission groups, which Amani's UI calls roles.
    pub(crate) groups: Vec<Group>,
    pub(crate) users: Vec<User>,
    /// Tokens handed out and not yet expired; kept in the state so that `roster --sandbox` runs
    /// can reuse a cached token.
    #[serde(default)]
    pub(crate) tokens: Vec<IssuedToken>,
}

/// How long tokens live and how many requests a minute each caller gets. Amani publishes
/// neither a rate limit nor token lifetimes; these are the project's decisions.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Settings {
    /// Decided: 5 minutes. A test sets it lower (under roster's 30 s expiry margin, the client
    /// treats a new token as stale and refreshes it) or calls [`State::expire_access_tokens`].
    pub access_lifetime_secs: i64,
    /// SimpleJWT's default: one day.
    pub(crate) refresh_lifetime_secs: i64,
    /// Per authenticated user, and for logins and refreshes together; 0 turns the limit off.
    /// `SandboxOptions::rate_limit_per_sec` overrides it.
    pub(crate) requests_per_minute: u32,
}

impl Default for Settings {
    fn default() -> Settings {
        Settings {
            access_lifetime_secs: 300,
            refresh_lifetime_secs: 86_400,
            requests_per_minute: 600,
        }
    }
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub(crate) struct Group {
    pub(crate) id: u64,
    pub(crate) name: String,
    pub(crate) permissions: Vec<String>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct User {
    /// A lowercase uuid.
    pub(crate) id: String,
    /// Also the username.
    pub(crate) email: String,
    pub(crate) first_name: String,
    pub(crate) last_name: String,
    pub(crate) phone: String,
    pub is_active: bool,
    pub(crate) group_ids: Vec<u64>,
    /// See `auth::hash_password`: never the password itself.
    pub(crate) password_hash: String,
    pub(crate) mfa: bool,
    pub(crate) reset_pw: bool,
    pub(crate) reset_2fa: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum TokenKind {
    Access,
    Refresh,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub(crate) struct IssuedToken {
    /// The whole JWT, compared exactly: a forged or altered token is simply unknown.
    pub(crate) token: String,
    pub(crate) kind: TokenKind,
    pub(crate) user_id: String,
    /// Unix seconds.
    pub(crate) expires_at: i64,
}

impl State {
    /// Add an active user with no groups and a random password; returns its id. For tests that
    /// need many users: nothing is validated.
    pub fn add_user(&mut self, email: &str) -> String {
        let id = auth::new_uuid();
        let password = auth::random_hex(16);
        self.users.push(User {
            id: id.clone(),
            email: email.into(),
            first_name: String::new(),
            last_name: String::new(),
            phone: String::new(),
            is_active: true,
            group_ids: Vec::new(),
            password_hash: auth::hash_password(&password),
            mfa: false,
            reset_pw: false,
            reset_2fa: false,
        });
        id
    }

    /// Make every access token handed out so far expired, as if its lifetime had passed.
    /// Refresh tokens stay valid.
    pub fn expire_access_tokens(&mut self) {
        let past = chrono::Utc::now().timestamp() - 1;
        for t in &mut self.tokens {
            if t.kind == TokenKind::Access {
                t.expires_at = past;
            }
        }
    }

    pub fn user_by_email(&self, email: &str) -> Option<&User> {
        self.users
            .iter()
            .find(|u| u.email.eq_ignore_ascii_case(email))
    }

    /// The union of the user's groups' permissions, sorted.
    fn permissions(&self, user: &User) -> Vec<String> {
        let mut all: Vec<String> = self
            .groups
            .iter()
            .filter(|g| user.group_ids.contains(&g.id))
            .flat_map(|g| g.permissions.iter().cloned())
            .collect();
        all.sort();
        all.dedup();
        all
    }
}

/// The sandbox's Amani, mounted under `/amani`.
pub(crate) struct Amani;

/// The routes Amani knows. User ids are Django `uuid` path converters.
#[derive(Clone)]
enum Route {
    Login,
    Refresh,
    Users,
    User(String),
    Groups,
}

impl Route {
    fn parse(segments: &[&str]) -> Option<Route> {
        match segments {
            ["api", "v2", "user", "login"] => Some(Route::Login),
            // SimpleJWT's view keeps Django's trailing slash; without it the path is unknown.
            ["api", "v2", "token", "refresh", ""] => Some(Route::Refresh),
            ["api", "v2", "user"] => Some(Route::Users),
            ["api", "v2", "user", id] if is_uuid(id) => Some(Route::User(id.to_lowercase())),
            ["api", "v2", "group"] => Some(Route::Groups),
            _ => None,
        }
    }

    fn allowed(&self) -> &'static [Method] {
        match self {
            Route::Login | Route::Refresh => &[Method::POST],
            Route::Users => &[Method::GET, Method::POST],
            // Decided: no DELETE; the product blocks users instead (PATCH is_active).
            Route::User(_) => &[Method::GET, Method::PATCH],
            Route::Groups => &[Method::GET],
        }
    }

    /// The Django permission a method on this route needs.
    fn permission(&self, method: &Method) -> &'static str {
        match (self, method) {
            (Route::Groups, _) => "view_group",
            (Route::Users, &Method::POST) => "add_user",
            (Route::User(_), &Method::PATCH) => "change_user",
            _ => "view_user",
        }
    }
}

fn is_uuid(s: &str) -> bool {
    s.len() == 36
        && s.bytes().enumerate().all(|(i, b)| match i {
            8 | 13 | 18 | 23 => b == b'-',
            _ => b.is_ascii_hexdigit(),
        })
}

impl Vendor for Amani {
    fn name(&self) -> &'static str {
        "amani"
    }

    fn routes(&self) -> &'static [&'static str] {
        &[
            "/api/v2/user/login",
            "/api/v2/token/refresh/",
            "/api/v2/user",
            "/api/v2/user/{id}",
            "/api/v2/group",
        ]
    }

    // DRF's order: resolve the URL (404), authenticate (401), check permissions (403), throttle
    // (429), then find the method's handler (405).
    fn handle(&self, ctx: &VendorCtx<'_>, req: &ApiRequest) -> Response {
        let Some(route) = Route::parse(&req.segments()) else {
            return detail(StatusCode::NOT_FOUND, "Not found.");
        };
        let allowed = route.allowed();
        let limit = {
            let state = ctx.state();
            state.amani.settings.requests_per_minute
        };
        if matches!(route, Route::Login | Route::Refresh) {
            if let Some(answer) = throttle(self, ctx, "anonymous", limit) {
                return answer;
            }
            return match (&route, allowed.contains(&req.method)) {
                (Route::Login, true) => auth::login(ctx, req),
                (Route::Refresh, true) => auth::refresh(ctx, req),
                _ => method_not_allowed(&req.method, allowed),
            };
        }
        let user_id = match auth::authenticate(ctx, req) {
            Ok(id) => id,
            Err(answer) => return *answer,
        };
        if allowed.contains(&req.method) {
            let needed = route.permission(&req.method);
            let permitted = {
                let state = ctx.state();
                let amani = &state.amani;
                let user = amani.users.iter().find(|u| u.id == user_id);
                user.is_some_and(|u| amani.permissions(u).iter().any(|p| p == needed))
            };
            if !permitted {
                let text = "You do not have permission to perform this action.";
                return detail(StatusCode::FORBIDDEN, text);
            }
        }
        if let Some(answer) = throttle(self, ctx, &user_id, limit) {
            return answer;
        }
        match (route, &req.method) {
            (Route::Users, &Method::GET) => users::list(ctx, req),
            (Route::Users, &Method::POST) => users::create(ctx, req),
            (Route::User(id), &Method::GET) => users::get(ctx, &id),
            (Route::User(id), &Method::PATCH) => users::update(ctx, req, &id),
            (Route::Groups, &Method::GET) => users::groups(ctx),
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

    // Django with DEBUG off answers server errors with a bare HTML page, not JSON.
    fn server_error(&self, status: StatusCode) -> Response {
        let page = format!("<h1>Server Error ({})</h1>", status.as_u16());
        (status, [(header::CONTENT_TYPE, "text/html")], page).into_response()
    }

    fn profile_toml(&self, base_url: &str) -> String {
        format!(
            "provider = \"amani\"\nbase_url = \"{base_url}\"\nusername = \"{AMANI_TEST_USERNAME}\"\npassword = \"{AMANI_TEST_PASSWORD}\"\n"
        )
    }
}

/// Take a slot of `key`'s window, or the vendor's 429.
fn throttle(vendor: &Amani, ctx: &VendorCtx<'_>, key: &str, per_minute: u32) -> Option<Response> {
    if per_minute == 0 {
        return None;
    }
    let wait = ctx
        .throttle(key, "requests", Limit::per_minute(per_minute))
        .err()?;
    Some(vendor.throttled(retry_after_secs(wait)))
}

/// SimpleJWT's 401: `{"detail", "code"}`, with the header DRF adds.
fn unauthorized(body: Value) -> Response {
    let mut response = (StatusCode::UNAUTHORIZED, Json(body)).into_response();
    response.headers_mut().insert(
        header::WWW_AUTHENTICATE,
        HeaderValue::from_static("Bearer realm=\"api\""),
    );
    response
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
