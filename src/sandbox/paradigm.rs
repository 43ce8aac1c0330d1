//! LightOn Paradigm's user-admin API (`/api/v3/users`, `/api/v3/groups`), per the vendors README.

mod fields;
mod groups;
mod seed;
#[cfg(test)]
mod tests;
mod users;

use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use chrono::{DateTime, SubsecRound, Utc};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

use super::{
    retry_after_secs, ApiRequest, Limit, NumberedPage, Vendor, VendorCtx, PARADIGM_TEST_KEY,
};
use fields::FieldErrors;

/// The user the test key belongs to; a key cannot delete its own user.
pub(crate) const KEY_OWNER_ID: u64 = 1;

const DOC_URL: &str = "https://docs.lighton.ai/api-reference/errors";
/// Documented: list users 100 requests a minute; create, update and delete 60 a minute.
const LIST_LIMIT: Limit = Limit::per_minute(100);
const WRITE_LIMIT: Limit = Limit::per_minute(60);
const DEFAULT_PAGE_SIZE: u64 = 20;
const MAX_PAGE_SIZE: u64 = 100;

/// Paradigm's data. Group membership lives only in `Group::user_ids`; user objects derive their
/// `groups` from it, so the two can never disagree.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct State {
    pub(crate) company: Company,
    pub(crate) roles: Vec<Role>,
    pub groups: Vec<Group>,
    pub users: Vec<User>,
    /// Ids are never reused, even after a delete.
    pub(crate) next_user_id: u64,
}

#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub(crate) struct Company {
    pub(crate) id: u64,
    pub(crate) name: String,
}

#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub(crate) struct Role {
    pub(crate) id: u64,
    pub(crate) name: String,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Group {
    pub(crate) id: u64,
    pub(crate) company_id: u64,
    pub(crate) category: String,
    pub name: String,
    pub(crate) description: String,
    /// Shown in a user's `groups` entries.
    pub(crate) role: String,
    /// Sorted, no duplicates.
    pub user_ids: Vec<u64>,
    pub(crate) created_at: DateTime<Utc>,
    pub(crate) updated_at: DateTime<Utc>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct User {
    pub id: u64,
    pub username: String,
    pub first_name: String,
    pub(crate) last_name: String,
    pub email: String,
    pub(crate) is_active: bool,
    pub(crate) date_joined: DateTime<Utc>,
    pub(crate) account_expiration_date: Option<DateTime<Utc>>,
    pub last_login: Option<DateTime<Utc>>,
    pub(crate) invitation_status: InvitationStatus,
    pub language: String,
    pub(crate) role_ids: Vec<u64>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum InvitationStatus {
    Pending,
    Accepted,
}

impl State {
    /// Add an active user with no groups or roles, as if just invited; returns its id. For tests
    /// that need many users: nothing is validated.
    pub fn add_user(&mut self, email: &str, username: &str) -> u64 {
        let id = self.allocate_user_id();
        self.users.push(User {
            id,
            username: username.into(),
            first_name: String::new(),
            last_name: String::new(),
            email: email.into(),
            is_active: true,
            date_joined: now(),
            account_expiration_date: None,
            last_login: None,
            invitation_status: InvitationStatus::Pending,
            language: "en".into(),
            role_ids: Vec::new(),
        });
        id
    }

    /// The next free id; also past every existing one, in case a state file was edited by hand.
    fn allocate_user_id(&mut self) -> u64 {
        let past_existing = self.users.iter().map(|u| u.id.saturating_add(1)).max();
        let id = self.next_user_id.max(past_existing.unwrap_or(1)).max(1);
        self.next_user_id = id.saturating_add(1);
        id
    }
}

/// The sandbox's Paradigm, mounted under `/paradigm`.
pub(crate) struct Paradigm;

/// The routes Paradigm knows. Ids are Django `int` path converters: digits only.
#[derive(Clone, Copy)]
enum Route {
    Users,
    User(u64),
    Groups,
    Group(u64),
}

impl Route {
    fn parse(segments: &[&str]) -> Option<Route> {
        let id = |s: &str| {
            let digits = !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
            digits.then(|| s.parse::<u64>().ok()).flatten()
        };
        match segments {
            ["api", "v3", "users"] => Some(Route::Users),
            ["api", "v3", "users", user] => id(user).map(Route::User),
            ["api", "v3", "groups"] => Some(Route::Groups),
            ["api", "v3", "groups", group] => id(group).map(Route::Group),
            _ => None,
        }
    }

    fn allowed(self) -> &'static [Method] {
        match self {
            Route::Users => &[Method::GET, Method::POST],
            Route::User(_) => &[Method::PUT, Method::PATCH, Method::DELETE],
            Route::Groups => &[Method::GET],
            Route::Group(_) => &[Method::PUT, Method::PATCH],
        }
    }
}

impl Vendor for Paradigm {
    fn name(&self) -> &'static str {
        "paradigm"
    }

    fn routes(&self) -> &'static [&'static str] {
        &[
            "/api/v3/users",
            "/api/v3/users/{id}",
            "/api/v3/groups",
            "/api/v3/groups/{id}",
        ]
    }

    // Django resolves the URL first (404), then DRF authenticates (401), throttles (429) and only
    // then looks for a handler for the method (405); this keeps that order.
    fn handle(&self, ctx: &VendorCtx<'_>, req: &ApiRequest) -> Response {
        let Some(route) = Route::parse(&req.segments()) else {
            return error(StatusCode::NOT_FOUND, "not_found", "Not found.");
        };
        let key = match req.bearer_token() {
            Some(PARADIGM_TEST_KEY) => PARADIGM_TEST_KEY,
            Some(_) => return unauthorized("authentication_failed", "Invalid token."),
            None => {
                return unauthorized(
                    "not_authenticated",
                    "Authentication credentials were not provided.",
                )
            }
        };
        let allowed = route.allowed();
        if allowed.contains(&req.method) {
            let (class, limit) = match req.method {
                Method::GET => ("list", LIST_LIMIT),
                _ => ("write", WRITE_LIMIT),
            };
            if let Err(wait) = ctx.throttle(key, class, limit) {
                return self.throttled(retry_after_secs(wait));
            }
        }
        match (route, &req.method) {
            (Route::Users, &Method::GET) => users::list(ctx, req),
            (Route::Users, &Method::POST) => users::create(ctx, req),
            (Route::User(id), &Method::PUT) => users::update(ctx, req, id, true),
            (Route::User(id), &Method::PATCH) => users::update(ctx, req, id, false),
            (Route::User(id), &Method::DELETE) => users::delete(ctx, id),
            (Route::Groups, &Method::GET) => groups::list(ctx, req),
            (Route::Group(id), &Method::PUT) => groups::update(ctx, req, id, true),
            (Route::Group(id), &Method::PATCH) => groups::update(ctx, req, id, false),
            _ => method_not_allowed(&req.method, allowed),
        }
    }

    fn throttled(&self, secs: u64) -> Response {
        let detail = format!("Request was throttled. Expected available in {secs} seconds.");
        let mut response = error(StatusCode::TOO_MANY_REQUESTS, "throttled", &detail);
        response
            .headers_mut()
            .insert(header::RETRY_AFTER, HeaderValue::from(secs));
        response
    }

    fn server_error(&self, status: StatusCode) -> Response {
        error(status, "server_error", "A server error occurred.")
    }

    fn profile_toml(&self, base_url: &str) -> String {
        format!(
            "provider = \"paradigm\"\nbase_url = \"{base_url}\"\ntoken = \"{PARADIGM_TEST_KEY}\"\n"
        )
    }
}

/// Paradigm's error envelope.
fn error(status: StatusCode, code: &str, detail: &str) -> Response {
    let body = json!({
        "id": null,
        "code": status.as_u16(),
        "error": code,
        "detail": detail,
        "doc_url": DOC_URL,
    });
    (status, Json(body)).into_response()
}

fn unauthorized(code: &str, detail: &str) -> Response {
    let mut response = error(StatusCode::UNAUTHORIZED, code, detail);
    response
        .headers_mut()
        .insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
    response
}

fn method_not_allowed(method: &Method, allowed: &[Method]) -> Response {
    let detail = format!("Method \"{method}\" not allowed.");
    let mut response = error(
        StatusCode::METHOD_NOT_ALLOWED,
        "method_not_allowed",
        &detail,
    );
    let allow: Vec<&str> = allowed.iter().map(Method::as_str).collect();
    if let Ok(value) = HeaderValue::from_str(&allow.join(", ")) {
        response.headers_mut().insert(header::ALLOW, value);
    }
    response
}

fn not_found(what: &str) -> Response {
    error(
        StatusCode::NOT_FOUND,
        "not_found",
        &format!("No {what} matches the given query."),
    )
}

/// `page` and the page size from the query. Like DRF, a size over the maximum is clamped rather
/// than refused.
fn paging(req: &ApiRequest, size_param: &str, errors: &mut FieldErrors) -> (u64, u64) {
    let page = fields::positive_query(req, "page", 1, errors);
    let size = fields::positive_query(req, size_param, DEFAULT_PAGE_SIZE, errors);
    (page, size.min(MAX_PAGE_SIZE))
}

/// A `{count, next, previous, results}` answer, or 404 past the last page.
fn list_answer<T>(
    req: &ApiRequest,
    items: Vec<T>,
    page: u64,
    size: u64,
    params: &[(&str, String)],
    to_json: impl Fn(T) -> Value,
) -> Response {
    let Some(page) = NumberedPage::of(req, items, page, size, params) else {
        return error(StatusCode::NOT_FOUND, "not_found", "Invalid page.");
    };
    let results: Vec<Value> = page.results.into_iter().map(to_json).collect();
    let body = json!({
        "count": page.count,
        "next": page.next,
        "previous": page.previous,
        "results": results,
    });
    Json(body).into_response()
}

/// Whole seconds, as the API prints times.
fn now() -> DateTime<Utc> {
    Utc::now().trunc_subsecs(0)
}

/// RFC 3339 with `Z`, fractions only when there are some.
fn rfc3339(time: &DateTime<Utc>) -> String {
    time.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true)
}
