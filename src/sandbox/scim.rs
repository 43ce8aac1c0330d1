//! A strict SCIM 2.0 service provider (RFC 7643, RFC 7644, RFC 9865) under `/scim/v2`.
//!
//! The vendor prefix is `scim` and the SCIM root is `/v2` below it, so a client's base URL is
//! `http://127.0.0.1:PORT/scim/v2` (`/Users`, `/Groups`, `/ServiceProviderConfig`,
//! `/ResourceTypes`, `/Schemas` live under it; endpoint names match case-insensitively).
//! Every request needs `Authorization: Bearer` [`SCIM_TEST_TOKEN`], discovery included.
//! Written from the RFCs, never from a client; where a choice was left open, the comment at
//! the code cites the section and says which way it goes.
//!
//! `sandbox serve --scim-dialect NAME` switches on one service's known deviations:
//!
//! | dialect | paging | list key | PATCH answers | DELETE | other deviations |
//! |---|---|---|---|---|---|
//! | `rfc` (default) | index (default) and cursor; 100 a page, at most 200 | `Resources` | 200 + resource | 204, gone | none |
//! | `entra` | cursor only (`startIndex` is a 400); at most 100 | `resources` | 204 | 204, gone | no filter on `emails`; at most 20 member adds and 1 member removal per PATCH; `remove` of `members` with a value removes just those |
//! | `aws` | cursor only, no `totalResults`; at most 100 | `Resources` | 200 + resource | 204, gone | no `ne` or `or` in filters; at most 100 member changes per PATCH; groups are shown without `members` (filter `members eq "id"` instead); no sorting |
//! | `google` | none: every match in one answer | `resources` | 200 + `{}` | 200 + `{}` | users listed only with a filter (else 400 `tooMany`); filters only `userName eq` (users) and `displayName eq` (groups); at most 20 operations per PATCH; no ETags, no sorting |
//! | `slack` | index only; 10 a page, at most 1000 | `Resources` | 200 + resource | 204, the user stays with `active: false` | none |
//! | `github` | as `rfc` | `Resources` | 200 + resource | 204, gone for good | requests without `User-Agent` get a plain-text 403 |

mod dialect;
mod discovery;
mod error;
mod filter;
mod list;
mod patch;
mod path;
mod render;
mod resources;
mod schema;
mod seed;
mod state;
#[cfg(test)]
mod tests;
mod write;

use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Response};

pub use dialect::Dialect;
pub use seed::ADA_ID;
#[cfg(test)]
pub(crate) use seed::{ALAN_ID, ENGINEERING_ID, EVERYONE_ID, GRACE_ID, KATHERINE_ID};
pub(crate) use state::State;

use super::{retry_after_secs, ApiRequest, Limit, Vendor, VendorCtx};
use error::{answer, ScimError, SCIM_JSON};
use render::Links;
use resources::Call;
use schema::ResourceType;

/// The bearer token the sandbox's SCIM server accepts.
pub const SCIM_TEST_TOKEN: &str = "roster-sandbox-scim-token";

/// SCIM publishes no rate limit; these keep the shared limiter meaningful without slowing
/// imports of a few hundred users.
const READ_LIMIT: Limit = Limit::per_minute(6000);
const WRITE_LIMIT: Limit = Limit::per_minute(6000);

/// The sandbox's SCIM service provider, mounted under `/scim`.
pub(crate) struct Scim;

#[derive(Clone, Copy, Debug)]
enum Route<'a> {
    ServiceProviderConfig,
    ResourceTypes(Option<&'a str>),
    Schemas(Option<&'a str>),
    Collection(ResourceType),
    /// `/Users/.search`, or `/.search` at the root (every type).
    Search(Option<ResourceType>),
    One(ResourceType, &'a str),
    /// `/Me` and `/Bulk`: defined by RFC 7644 (§3.11, §3.7), not offered here.
    NotImplemented(&'static str),
}

impl<'a> Route<'a> {
    fn parse(segments: &[&'a str]) -> Option<Route<'a>> {
        let is = |s: &str, name: &str| s.eq_ignore_ascii_case(name);
        let kind = |s: &str| {
            [ResourceType::User, ResourceType::Group]
                .into_iter()
                .find(|rt| is(s, rt.endpoint()))
        };
        match segments {
            ["v2", s] if is(s, "ServiceProviderConfig") => Some(Route::ServiceProviderConfig),
            ["v2", s] if is(s, "ResourceTypes") => Some(Route::ResourceTypes(None)),
            ["v2", s, name] if is(s, "ResourceTypes") => Some(Route::ResourceTypes(Some(name))),
            ["v2", s] if is(s, "Schemas") => Some(Route::Schemas(None)),
            ["v2", s, urn] if is(s, "Schemas") => Some(Route::Schemas(Some(urn))),
            ["v2", s] if is(s, "Me") => Some(Route::NotImplemented("/Me")),
            ["v2", s] if is(s, "Bulk") => Some(Route::NotImplemented("/Bulk")),
            ["v2", ".search"] => Some(Route::Search(None)),
            ["v2", s] => kind(s).map(Route::Collection),
            ["v2", s, ".search"] => kind(s).map(|rt| Route::Search(Some(rt))),
            ["v2", s, id] if !id.is_empty() => kind(s).map(|rt| Route::One(rt, id)),
            _ => None,
        }
    }

    fn allowed(self) -> &'static [Method] {
        match self {
            Route::Collection(_) => &[Method::GET, Method::POST],
            Route::Search(_) => &[Method::POST],
            Route::One(..) => &[Method::GET, Method::PUT, Method::PATCH, Method::DELETE],
            Route::NotImplemented(_) => &[],
            _ => &[Method::GET],
        }
    }
}

impl Vendor for Scim {
    fn name(&self) -> &'static str {
        "scim"
    }

    fn handle(&self, ctx: &VendorCtx<'_>, req: &ApiRequest) -> Response {
        let dialect = ctx.options().scim_dialect;
        if dialect.requires_user_agent() && !has_user_agent(req) {
            return forbidden_without_user_agent();
        }
        match serve(ctx, req, dialect) {
            Ok(response) => response,
            Err(error) => error.into_response(),
        }
    }

    fn throttled(&self, secs: u64) -> Response {
        let detail = format!("too many requests; retry in {secs} seconds");
        let mut response = ScimError::new(StatusCode::TOO_MANY_REQUESTS, detail).into_response();
        response
            .headers_mut()
            .insert(header::RETRY_AFTER, HeaderValue::from(secs));
        response
    }

    fn server_error(&self, status: StatusCode) -> Response {
        ScimError::new(status, "the service provider failed; retry later").into_response()
    }

    fn routes(&self) -> &'static [&'static str] {
        &[
            "/v2/ServiceProviderConfig",
            "/v2/ResourceTypes",
            "/v2/ResourceTypes/{id}",
            "/v2/Schemas",
            "/v2/Schemas/{id}",
            "/v2/.search",
            "/v2/Users",
            "/v2/Users/.search",
            "/v2/Users/{id}",
            "/v2/Groups",
            "/v2/Groups/.search",
            "/v2/Groups/{id}",
            "/v2/Me",
            "/v2/Bulk",
        ]
    }

    fn profile_toml(&self, base_url: &str) -> String {
        format!(
            "provider = \"scim\"\nbase_url = \"{base_url}/v2\"\ntoken = \"{SCIM_TEST_TOKEN}\"\n"
        )
    }
}

fn serve(ctx: &VendorCtx<'_>, req: &ApiRequest, dialect: Dialect) -> Result<Response, ScimError> {
    let segments = req.segments();
    let route = Route::parse(&segments)
        .ok_or_else(|| ScimError::not_found(format!("no SCIM endpoint at {}", req.path)))?;
    match req.bearer_token() {
        Some(SCIM_TEST_TOKEN) => {}
        Some(_) => {
            return Err(ScimError::new(
                StatusCode::UNAUTHORIZED,
                "the bearer token is not valid",
            ))
        }
        None => {
            return Err(ScimError::new(
                StatusCode::UNAUTHORIZED,
                "authentication required: send Authorization: Bearer <token>",
            ))
        }
    }
    if let Route::NotImplemented(what) = route {
        return Err(ScimError::new(
            StatusCode::NOT_IMPLEMENTED,
            format!("{what} is not offered by this service provider"),
        ));
    }
    let allowed = route.allowed();
    if !allowed.contains(&req.method) {
        return Err(method_not_allowed(&req.method, allowed));
    }
    let (class, limit) = match req.method {
        Method::GET => ("read", READ_LIMIT),
        _ => ("write", WRITE_LIMIT),
    };
    if let Err(wait) = ctx.throttle(SCIM_TEST_TOKEN, class, limit) {
        return Ok(Scim.throttled(retry_after_secs(wait)));
    }
    let media = media_type(req)?;
    let call = Call {
        ctx,
        req,
        links: Links {
            root: req.link("/v2", &[]),
        },
        dialect,
        media,
    };
    let ok = |body: serde_json::Value| answer(StatusCode::OK, &body, media);
    match (route, &req.method) {
        (Route::ServiceProviderConfig, _) => {
            discovery::service_provider_config(&call.links, dialect, req.query("filter").is_some())
                .map(ok)
        }
        (Route::ResourceTypes(one), _) => {
            discovery::resource_types(&call.links, dialect, one).map(ok)
        }
        (Route::Schemas(one), _) => discovery::schemas(&call.links, dialect, one).map(ok),
        (Route::Collection(rt), &Method::GET) => resources::list(&call, rt),
        (Route::Collection(rt), _) => resources::create(&call, rt),
        (Route::Search(Some(rt)), _) => resources::search(&call, &[rt]),
        (Route::Search(None), _) => {
            resources::search(&call, &[ResourceType::User, ResourceType::Group])
        }
        (Route::One(rt, id), &Method::GET) => resources::get(&call, rt, id),
        (Route::One(rt, id), &Method::PUT) => resources::replace(&call, rt, id),
        (Route::One(rt, id), &Method::PATCH) => resources::patch(&call, rt, id),
        (Route::One(rt, id), _) => resources::delete(&call, rt, id),
        (Route::NotImplemented(_), _) => Err(method_not_allowed(&req.method, allowed)),
    }
}

/// RFC 7644 §3.8: answer `application/scim+json`, or `application/json` to a client that asks
/// only for that; 406 to one that accepts neither.
fn media_type(req: &ApiRequest) -> Result<&'static str, ScimError> {
    let Some(accept) = req.headers.get(header::ACCEPT) else {
        return Ok(SCIM_JSON);
    };
    let accept = String::from_utf8_lossy(accept.as_bytes()).to_ascii_lowercase();
    let ranges: Vec<&str> = accept
        .split(',')
        .map(|r| r.split(';').next().unwrap_or("").trim())
        .collect();
    if ranges
        .iter()
        .any(|r| matches!(*r, "application/scim+json" | "*/*" | "application/*" | ""))
    {
        Ok(SCIM_JSON)
    } else if ranges.contains(&"application/json") {
        Ok("application/json")
    } else {
        Err(ScimError::new(
            StatusCode::NOT_ACCEPTABLE,
            "this service answers application/scim+json (or application/json)",
        ))
    }
}

fn method_not_allowed(method: &Method, allowed: &[Method]) -> ScimError {
    let names: Vec<&str> = allowed.iter().map(Method::as_str).collect();
    ScimError::new(
        StatusCode::METHOD_NOT_ALLOWED,
        format!("{method} is not allowed here; use {}", names.join(", ")),
    )
}

fn has_user_agent(req: &ApiRequest) -> bool {
    req.headers
        .get(header::USER_AGENT)
        .is_some_and(|v| !v.as_bytes().iter().all(u8::is_ascii_whitespace))
}

/// GitHub's answer to a request without a User-Agent: a plain-text 403, not a SCIM error.
fn forbidden_without_user_agent() -> Response {
    (
        StatusCode::FORBIDDEN,
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        "Request forbidden by administrative rules. Please make sure your request has a User-Agent header.\n",
    )
        .into_response()
}
