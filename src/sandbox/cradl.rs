//! Cradl's API (`/users`, `/roles`, `/profiles`) and its OAuth2 token endpoint, as documented.

mod jwt;
mod seed;
#[cfg(test)]
mod tests;
mod token;
mod users;

use std::sync::LazyLock;
use std::time::Duration;

use axum::http::{header, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use chrono::{DateTime, SecondsFormat, Utc};
use regex_lite::Regex;
use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value};

use super::{ApiRequest, Limit, Vendor, VendorCtx, CRADL_TEST_CLIENT_ID, CRADL_TEST_CLIENT_SECRET};

/// The audience the documentation names, and the only one the sandbox's token endpoint accepts
/// unless a test sets `State::audience`.
pub const DOCUMENTED_AUDIENCE: &str = "https://api.cradl.ai/v1";
/// `maxResults` when the client gives none; the documented maximum is 100.
const DEFAULT_MAX_RESULTS: usize = 25;
const MAX_RESULTS: usize = 100;

static ROLE_ID: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(cradl|las):role:[0-9A-Za-z_-]{1,32}$").expect("valid role id pattern")
});
static USER_ID: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(cradl|las):user:[0-9A-Za-z_-]+$").expect("valid user id pattern")
});
static PROFILE_ID: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(cradl|las):profile:[a-f0-9]{32}$").expect("valid profile id pattern")
});

/// Cradl's data for the one organization the test client belongs to. Fields missing from an
/// older state file take the seed's values.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(default)]
pub struct State {
    pub users: Vec<User>,
    /// People's profiles (they hold the emails); they outlive a deleted user.
    pub(crate) profiles: Vec<Profile>,
    pub(crate) roles: Vec<Role>,
    /// The key access tokens are signed with (hex). Changing it refuses every token issued.
    pub(crate) signing_key: String,
    /// The one audience the token endpoint issues tokens for.
    pub audience: String,
    /// Lifetime of new tokens, in seconds. Tests shorten it, or call [`State::expire_tokens`].
    pub(crate) token_lifetime_secs: i64,
    /// Decided quota: creating a user past this many is a 400.
    pub max_users: usize,
    /// The organization's monthly cap on API requests (`sandbox serve --monthly-limit`): past
    /// it, every API request answers 429 `Limit Exceeded`. `None`: no cap.
    pub monthly_limit: Option<u64>,
    /// API requests counted against `monthly_limit`.
    pub(crate) monthly_requests: u64,
    /// No published limit: this many API requests per `rate_window_secs`, per client.
    pub(crate) rate_limit: u32,
    pub(crate) rate_window_secs: u64,
    /// Creation order; user pages and their `nextToken` follow it.
    pub(crate) next_seq: u64,
}

impl Default for State {
    fn default() -> Self {
        State::seed()
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum UserStatus {
    Inactive,
    Active,
    InvitePending,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct User {
    pub user_id: String,
    pub profile_id: String,
    pub(crate) name: Option<String>,
    pub(crate) description: Option<String>,
    pub(crate) metadata: Map<String, Value>,
    pub(crate) role_ids: Vec<String>,
    pub(crate) status: UserStatus,
    pub(crate) created_by: String,
    pub(crate) created_time: DateTime<Utc>,
    pub(crate) updated_by: Option<String>,
    pub(crate) updated_time: Option<DateTime<Utc>>,
    pub(crate) seq: u64,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub(crate) struct Profile {
    pub(crate) profile_id: String,
    /// May be null: a profile from an identity provider that shares no email (the Node client's
    /// types, `@lucidtech/las-sdk-core` 14.0.1 lib/types/profile.d.ts:5; ../shared/vendors/README.md,
    /// "Cradl", Errors).
    pub(crate) email: Option<String>,
    pub(crate) name: Option<String>,
    pub(crate) given_name: Option<String>,
    pub(crate) family_name: Option<String>,
    pub(crate) created_time: DateTime<Utc>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub(crate) struct Role {
    pub(crate) role_id: String,
    pub(crate) name: String,
    pub(crate) description: String,
    /// `(resourceId, action, effect)`
    pub(crate) permissions: Vec<(String, String, String)>,
}

impl State {
    /// Add an active user with a new profile, bypassing validation and the quota (tests that
    /// need many users). Returns the user id.
    pub fn add_user(&mut self, email: &str) -> String {
        let profile_id = self.profile_for(email);
        let user_id = new_id("user");
        let seq = self.take_seq();
        self.users.push(User {
            user_id: user_id.clone(),
            profile_id,
            name: None,
            description: None,
            metadata: Map::new(),
            role_ids: Vec::new(),
            status: UserStatus::Active,
            created_by: CRADL_TEST_CLIENT_ID.into(),
            created_time: Utc::now(),
            updated_by: None,
            updated_time: None,
            seq,
        });
        user_id
    }

    /// Make every issued token unusable, as if its lifetime had passed: a new signing key, so
    /// the API refuses them with the same 403 `Forbidden` an expired one gets.
    pub fn expire_tokens(&mut self) {
        self.signing_key = new_signing_key();
    }

    /// The email of a user's profile, if the profile has one.
    pub fn email_of(&self, user: &User) -> Option<&str> {
        self.profiles
            .iter()
            .find(|p| p.profile_id == user.profile_id)
            .and_then(|p| p.email.as_deref())
    }

    /// The profile id for `email`: the existing profile (case-insensitive), else a new one.
    fn profile_for(&mut self, email: &str) -> String {
        if let Some(p) = self.profiles.iter().find(|p| {
            p.email
                .as_deref()
                .is_some_and(|e| e.eq_ignore_ascii_case(email))
        }) {
            return p.profile_id.clone();
        }
        let profile_id = format!("cradl:profile:{:032x}", fastrand::u128(..));
        self.profiles.push(Profile {
            profile_id: profile_id.clone(),
            email: Some(email.to_string()),
            name: None,
            given_name: None,
            family_name: None,
            created_time: Utc::now(),
        });
        profile_id
    }

    fn take_seq(&mut self) -> u64 {
        // Past every existing one too, in case a state file was edited by hand.
        let past_existing = self.users.iter().map(|u| u.seq.saturating_add(1)).max();
        let seq = self.next_seq.max(past_existing.unwrap_or(1));
        self.next_seq = seq.saturating_add(1);
        seq
    }

    /// The client a token belongs to, if it is signed with the current key, not expired, and
    /// for this API's audience.
    fn client_of(&self, token: &str) -> Option<String> {
        let claims =
            jwt::verify(token, self.signing_key.as_bytes(), Utc::now().timestamp()).ok()?;
        claims.aud.contains(&self.audience).then_some(claims.azp)
    }

    /// Count one API request against the monthly cap; false once the cap is reached.
    fn within_monthly_limit(&mut self) -> bool {
        match self.monthly_limit {
            None => true,
            Some(limit) if self.monthly_requests >= limit => false,
            Some(_) => {
                self.monthly_requests += 1;
                true
            }
        }
    }
}

/// 32 random bytes, hex.
fn new_signing_key() -> String {
    format!("{:032x}{:032x}", fastrand::u128(..), fastrand::u128(..))
}

/// `cradl:<kind>:<32 hex digits>`
fn new_id(kind: &str) -> String {
    format!("cradl:{kind}:{:032x}", fastrand::u128(..))
}

/// The sandbox's Cradl, mounted under `/cradl`.
pub(crate) struct Cradl;

#[derive(Clone, Copy)]
enum Route<'a> {
    ListUsers,
    CreateUser,
    GetUser(&'a str),
    UpdateUser(&'a str),
    DeleteUser(&'a str),
    ListRoles,
    GetRole(&'a str),
    GetProfile(&'a str),
}

impl<'a> Route<'a> {
    fn parse(method: &Method, segments: &[&'a str]) -> Option<Route<'a>> {
        let route = match (method, segments) {
            (&Method::GET, ["users"]) => Route::ListUsers,
            (&Method::POST, ["users"]) => Route::CreateUser,
            (&Method::GET, ["users", id]) => Route::GetUser(id),
            (&Method::PATCH, ["users", id]) => Route::UpdateUser(id),
            (&Method::DELETE, ["users", id]) => Route::DeleteUser(id),
            (&Method::GET, ["roles"]) => Route::ListRoles,
            (&Method::GET, ["roles", id]) => Route::GetRole(id),
            (&Method::GET, ["profiles", id]) => Route::GetProfile(id),
            _ => return None,
        };
        let empty_id = matches!(segments, [_, id] if id.is_empty());
        (!empty_id).then_some(route)
    }
}

impl Vendor for Cradl {
    fn name(&self) -> &'static str {
        "cradl"
    }

    fn routes(&self) -> &'static [&'static str] {
        &[
            "/oauth2/token",
            "/users",
            "/users/{id}",
            "/roles",
            "/roles/{id}",
            "/profiles/{id}",
        ]
    }

    // API Gateway order: no route (403 "Missing Authentication Token"), then the authorizer
    // (403 "Forbidden"), the monthly quota and throttling (429), the media type (415), and the
    // handler.
    fn handle(&self, ctx: &VendorCtx<'_>, req: &ApiRequest) -> Response {
        let segments = req.segments();
        if segments == ["oauth2", "token"] {
            return token::issue(ctx, req);
        }
        let Some(route) = Route::parse(&req.method, &segments) else {
            return message(StatusCode::FORBIDDEN, "Missing Authentication Token");
        };
        let client = req
            .bearer_token()
            .and_then(|t| ctx.state().cradl.client_of(t));
        let Some(client) = client else {
            return message(StatusCode::FORBIDDEN, "Forbidden");
        };
        // API Gateway's usage-plan quota: the organization's monthly cap. The official client
        // tells it from the per-second throttle by this message (cradl response.py:36-40).
        if !ctx.state().cradl.within_monthly_limit() {
            return message(StatusCode::TOO_MANY_REQUESTS, "Limit Exceeded");
        }
        let limit = {
            let state = ctx.state();
            Limit {
                max: state.cradl.rate_limit,
                per: Duration::from_secs(state.cradl.rate_window_secs.max(1)),
            }
        };
        if ctx.throttle(&client, "api", limit).is_err() {
            return self.throttled(0);
        }
        if matches!(req.method, Method::POST | Method::PATCH) && !is_json(req) {
            return message(StatusCode::UNSUPPORTED_MEDIA_TYPE, "Unsupported Media Type");
        }
        match route {
            Route::ListUsers => users::list(ctx, req),
            Route::CreateUser => users::create(ctx, req, &client),
            Route::GetUser(id) => users::get(ctx, id),
            Route::UpdateUser(id) => users::update(ctx, req, id, &client),
            Route::DeleteUser(id) => users::delete(ctx, id),
            Route::ListRoles => users::list_roles(ctx, req),
            Route::GetRole(id) => users::get_role(ctx, id),
            Route::GetProfile(id) => users::get_profile(ctx, id),
        }
    }

    /// Cradl sends no `Retry-After`: clients back off on their own.
    fn throttled(&self, _retry_after_secs: u64) -> Response {
        message(StatusCode::TOO_MANY_REQUESTS, "Too Many Requests")
    }

    fn server_error(&self, status: StatusCode) -> Response {
        message(status, "Internal server error")
    }

    fn profile_toml(&self, base_url: &str) -> String {
        format!(
            "provider = \"cradl\"\nbase_url = \"{base_url}\"\nauth_url = \"{base_url}/oauth2/token\"\n\
             client_id = \"{CRADL_TEST_CLIENT_ID}\"\nclient_secret = \"{CRADL_TEST_CLIENT_SECRET}\"\n"
        )
    }
}

/// Cradl's one error shape.
fn message(status: StatusCode, text: &str) -> Response {
    (status, Json(json!({ "message": text }))).into_response()
}

fn bad_request(text: impl AsRef<str>) -> Response {
    message(StatusCode::BAD_REQUEST, text.as_ref())
}

/// `Content-Type: application/json` (parameters such as `charset` allowed).
fn is_json(req: &ApiRequest) -> bool {
    req.headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .is_some_and(|essence| essence.trim().eq_ignore_ascii_case("application/json"))
}

/// Times as Cradl prints them: microseconds and a `+00:00` offset.
fn time(t: &DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Micros, false)
}

/// `maxResults` (1 to 100) and the position after which `nextToken` resumes.
fn paging(req: &ApiRequest) -> Result<(usize, Option<u64>), Box<Response>> {
    let max = match req.query("maxResults") {
        None => DEFAULT_MAX_RESULTS,
        Some(text) => match text.parse::<usize>() {
            Ok(n) if (1..=MAX_RESULTS).contains(&n) => n,
            _ => {
                let text =
                    format!("Invalid maxResults: must be an integer from 1 to {MAX_RESULTS}");
                return Err(Box::new(bad_request(text)));
            }
        },
    };
    let after = match req.query("nextToken") {
        None => None,
        Some(text) => match text
            .strip_prefix("nt-")
            .and_then(|hex| u64::from_str_radix(hex, 16).ok())
        {
            Some(seq) => Some(seq),
            None => return Err(Box::new(bad_request("Invalid nextToken"))),
        },
    };
    Ok((max, after))
}

/// One page of `items` (sorted by position) after `after`, and the token of the next one.
fn page<T>(items: Vec<(u64, T)>, max: usize, after: Option<u64>) -> (Vec<T>, Option<String>) {
    let mut rest: Vec<(u64, T)> = items
        .into_iter()
        .filter(|(seq, _)| after.is_none_or(|a| *seq > a))
        .collect();
    let more = rest.len() > max;
    rest.truncate(max);
    let next = more
        .then(|| rest.last().map(|(seq, _)| format!("nt-{seq:x}")))
        .flatten();
    (rest.into_iter().map(|(_, item)| item).collect(), next)
}
