//! A vendor request as handlers see it: query, bearer token, JSON body, absolute links, pages.

use axum::body::Bytes;
use axum::http::{header, HeaderMap, Method};
use serde_json::Value;

use super::Vendor;

pub(crate) struct ApiRequest {
    pub(crate) method: Method,
    /// The path below the vendor prefix: `/api/v3/users`.
    pub(crate) path: String,
    pub(crate) headers: HeaderMap,
    pub(crate) body: Bytes,
    query: Vec<(String, String)>,
    /// `http://<host>/<vendor>`: where absolute links in answers point.
    base_url: String,
}

/// Why a request body is not usable JSON.
#[derive(Debug)]
pub(crate) enum BodyError {
    /// A body came with a `Content-Type` other than JSON (the text given, or `None` if absent).
    UnsupportedMediaType(Option<String>),
    /// The body claims JSON but does not parse.
    Malformed(String),
}

impl ApiRequest {
    pub(crate) fn new(
        method: Method,
        path: String,
        query: Option<&str>,
        headers: HeaderMap,
        body: Bytes,
        base_url: String,
    ) -> ApiRequest {
        let query = url::form_urlencoded::parse(query.unwrap_or("").as_bytes())
            .into_owned()
            .collect();
        ApiRequest {
            method,
            path,
            headers,
            body,
            query,
            base_url,
        }
    }

    /// The path's segments: `/api/v3/users/5` -> `["api", "v3", "users", "5"]`. A trailing slash
    /// gives a last empty segment, so vendors without trailing slashes reject it as unknown.
    pub(crate) fn segments(&self) -> Vec<&str> {
        let path = self.path.strip_prefix('/').unwrap_or(&self.path);
        path.split('/').collect()
    }

    /// A query parameter's value; the last one wins when repeated, as with Django's `QueryDict`.
    pub(crate) fn query(&self, name: &str) -> Option<&str> {
        self.query
            .iter()
            .rev()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// The token of an `Authorization: Bearer <token>` header (scheme case-insensitive).
    pub(crate) fn bearer_token(&self) -> Option<&str> {
        let value = self.headers.get(header::AUTHORIZATION)?.to_str().ok()?;
        let (scheme, token) = value.trim().split_once(' ')?;
        scheme
            .eq_ignore_ascii_case("bearer")
            .then_some(token.trim())
    }

    /// The JSON body, or `None` when there is none: like DRF, an empty body reads as no data
    /// whatever its content type.
    pub(crate) fn json_body(&self) -> Result<Option<Value>, BodyError> {
        if self.body.is_empty() {
            return Ok(None);
        }
        let content_type = self
            .headers
            .get(header::CONTENT_TYPE)
            .map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned());
        let is_json = content_type.as_deref().is_some_and(|ct| {
            let essence = ct.split(';').next().unwrap_or("").trim();
            essence.eq_ignore_ascii_case("application/json")
        });
        if !is_json {
            return Err(BodyError::UnsupportedMediaType(content_type));
        }
        serde_json::from_slice(&self.body)
            .map(Some)
            .map_err(|e| BodyError::Malformed(e.to_string()))
    }

    /// An absolute URL to `path` (below the vendor prefix) with these query parameters.
    pub(crate) fn link(&self, path: &str, params: &[(&str, String)]) -> String {
        let mut url = format!("{}{path}", self.base_url);
        if !params.is_empty() {
            let query = url::form_urlencoded::Serializer::new(String::new())
                .extend_pairs(params)
                .finish();
            url.push('?');
            url.push_str(&query);
        }
        url
    }
}

/// One page of a page-numbered list, as Django REST Framework's `PageNumberPagination` answers it.
#[derive(Debug)]
pub(crate) struct NumberedPage<T> {
    pub(crate) count: usize,
    pub(crate) next: Option<String>,
    pub(crate) previous: Option<String>,
    pub(crate) results: Vec<T>,
}

impl<T> NumberedPage<T> {
    /// Page `page` (1-based) of `items`, `size` per page, or `None` past the end. The first page
    /// exists even when there are no items. Links go to the request's own path and carry `params`
    /// (page size and filters) after `page`.
    pub(crate) fn of(
        req: &ApiRequest,
        items: Vec<T>,
        page: u64,
        size: u64,
        params: &[(&str, String)],
    ) -> Option<NumberedPage<T>> {
        let count = items.len();
        let size = size.max(1);
        let pages = (count as u64).div_ceil(size).max(1);
        if page == 0 || page > pages {
            return None;
        }
        let link_to = |n: u64| {
            let mut all = vec![("page", n.to_string())];
            all.extend(params.iter().cloned());
            req.link(&req.path, &all)
        };
        // `page <= pages` bounds both numbers by the item count, so they fit in usize.
        let skip = usize::try_from((page - 1) * size).unwrap_or(usize::MAX);
        let take = usize::try_from(size).unwrap_or(usize::MAX);
        Some(NumberedPage {
            count,
            next: (page < pages).then(|| link_to(page + 1)),
            previous: (page > 1).then(|| link_to(page - 1)),
            results: items.into_iter().skip(skip).take(take).collect(),
        })
    }
}

/// The key of a request in `Stats::by_route`: `POST /paradigm/api/v3/users/{id}` for a path
/// (below the vendor's prefix) that matches one of `vendor`'s route templates, else `other`.
pub(super) fn route_key(method: &Method, vendor: &dyn Vendor, path: &str) -> String {
    let usual = [
        Method::GET,
        Method::POST,
        Method::PUT,
        Method::PATCH,
        Method::DELETE,
        Method::HEAD,
        Method::OPTIONS,
    ];
    // Methods are as open-ended as paths: an invented one would make a key of its own.
    if !usual.contains(method) {
        return OTHER_ROUTE.to_string();
    }
    match vendor.routes().iter().find(|t| matches_template(t, path)) {
        Some(template) => format!("{method} /{}{template}", vendor.name()),
        None => OTHER_ROUTE.to_string(),
    }
}

/// The one `Stats::by_route` key for every request that matches no route.
pub(super) const OTHER_ROUTE: &str = "other";

/// `/users/{id}` matches `/users/42` and `/users/x`, not `/users`, `/users/` or `/users/1/2`.
fn matches_template(template: &str, path: &str) -> bool {
    let mut wanted = template.split('/');
    let mut given = path.split('/');
    loop {
        match (wanted.next(), given.next()) {
            (None, None) => return true,
            (Some("{id}"), Some(segment)) if !segment.is_empty() => {}
            (Some(w), Some(g)) if w == g => {}
            _ => return false,
        }
    }
}

#[cfg(test)]
mod tests;
