//! The HTTP front: control routes, and the stats, latency and faults every vendor request meets.

use axum::body::{Body, Bytes};
use axum::extract::{ConnectInfo, Request, State};
use axum::http::{header, HeaderMap, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};

use super::faults::{self, Fault};
use super::request::{route_key, ApiRequest};
use super::server::Connection;
use super::{find_vendor, lock, FaultRule, Sandbox, Vendor, VendorCtx};

/// Request bodies beyond this are refused; the vendors' user payloads are a few hundred bytes.
const MAX_BODY_BYTES: usize = 1 << 20;

pub(super) fn router(sandbox: Sandbox) -> Router {
    Router::new()
        .route("/_sandbox/stats", get(stats))
        .route("/_sandbox/faults", post(add_fault))
        .route("/_sandbox/state", get(state))
        .fallback(vendor_request)
        .with_state(sandbox)
}

async fn stats(State(sandbox): State<Sandbox>) -> Response {
    Json(sandbox.stats()).into_response()
}

async fn add_fault(State(sandbox): State<Sandbox>, Json(rule): Json<FaultRule>) -> StatusCode {
    sandbox.inject(rule);
    StatusCode::NO_CONTENT
}

async fn state(State(sandbox): State<Sandbox>) -> Response {
    Json(sandbox.snapshot()).into_response()
}

async fn vendor_request(
    State(sandbox): State<Sandbox>,
    ConnectInfo(connection): ConnectInfo<Connection>,
    request: Request,
) -> Response {
    let path = request.uri().path().to_string();
    let (prefix, rest) = split_prefix(&path);
    let Some(vendor) = find_vendor(prefix) else {
        return (StatusCode::NOT_FOUND, "no such sandbox route\n").into_response();
    };
    let (parts, body) = request.into_parts();
    count_request(&sandbox, &parts.method, &path);

    let latency = sandbox.inner.options.latency;
    if !latency.is_zero() {
        tokio::time::sleep(latency).await;
    }
    let body = match axum::body::to_bytes(body, MAX_BODY_BYTES).await {
        Ok(body) => body,
        Err(_) => return (StatusCode::PAYLOAD_TOO_LARGE, "body too large\n").into_response(),
    };
    let target = parts
        .uri
        .path_and_query()
        .map_or(path.as_str(), |pq| pq.as_str());
    let fault = faults::take(
        &mut lock(&sandbox.inner.faults),
        vendor.name(),
        parts.method.as_str(),
        target,
    )
    .or_else(|| random_fault(&sandbox, &parts.method));
    if fault.is_some() {
        lock(&sandbox.inner.stats).faults += 1;
    }
    let base_url = format!("http://{}/{prefix}", host(&parts.headers, &connection));
    let req = ApiRequest::new(
        parts.method,
        rest.to_string(),
        parts.uri.query(),
        parts.headers,
        body,
        base_url,
    );
    let ctx = VendorCtx {
        inner: &sandbox.inner,
        vendor: vendor.name(),
    };
    let response = match fault {
        None => vendor.handle(&ctx, &req),
        Some(Fault::Stall { secs }) => {
            tokio::time::sleep(std::time::Duration::from_secs(secs)).await;
            vendor.handle(&ctx, &req)
        }
        Some(fault) => apply_fault(vendor, &ctx, &req, &connection, fault),
    };
    if response.status() == StatusCode::TOO_MANY_REQUESTS {
        lock(&sandbox.inner.stats).rate_limited += 1;
    }
    response
}

/// A fault for `SandboxOptions::fault_rate`, or none.
fn random_fault(sandbox: &Sandbox, method: &Method) -> Option<Fault> {
    let options = &sandbox.inner.options;
    if options.fault_rate.is_nan() || options.fault_rate <= 0.0 {
        return None;
    }
    let mut rng = lock(&sandbox.inner.rng);
    if rng.f64() >= options.fault_rate {
        return None;
    }
    let write = matches!(
        *method,
        Method::POST | Method::PUT | Method::PATCH | Method::DELETE
    );
    Some(faults::random(&mut rng, write, options.stall_secs))
}

fn apply_fault(
    vendor: &dyn Vendor,
    ctx: &VendorCtx<'_>,
    req: &ApiRequest,
    connection: &Connection,
    fault: Fault,
) -> Response {
    match fault {
        Fault::TooManyRequests { retry_after_secs } => vendor.throttled(retry_after_secs),
        Fault::ServerError { status } => vendor.server_error(
            StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR),
        ),
        Fault::Drop => {
            connection.cut();
            // Never sent: the cut connection fails the write and hyper closes it instead.
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
        Fault::CommitThenDrop => {
            let answer = vendor.handle(ctx, req);
            connection.cut();
            answer
        }
        // Handled where the request can wait; kept here so every fault has one meaning.
        Fault::Stall { .. } => vendor.handle(ctx, req),
        Fault::MalformedJson => (
            [(header::CONTENT_TYPE, "application/json")],
            Body::from(Bytes::from_static(b"{\"results\": [")),
        )
            .into_response(),
    }
}

/// `/paradigm/api/v3/users` -> (`paradigm`, `/api/v3/users`).
fn split_prefix(path: &str) -> (&str, &str) {
    let path = path.strip_prefix('/').unwrap_or(path);
    match path.find('/') {
        Some(i) => (&path[..i], &path[i..]),
        None => (path, ""),
    }
}

fn count_request(sandbox: &Sandbox, method: &Method, path: &str) {
    let mut stats = lock(&sandbox.inner.stats);
    stats.requests += 1;
    if matches!(
        *method,
        Method::POST | Method::PUT | Method::PATCH | Method::DELETE
    ) {
        stats.writes += 1;
    }
    *stats.by_route.entry(route_key(method, path)).or_default() += 1;
}

/// The host the client addressed, for absolute links; the listening address when the `Host`
/// header is missing or is not a plain `host[:port]`.
fn host(headers: &HeaderMap, connection: &Connection) -> String {
    headers
        .get(header::HOST)
        .and_then(|v| v.to_str().ok())
        .and_then(plain_host)
        .unwrap_or_else(|| connection.local.to_string())
}

fn plain_host(given: &str) -> Option<String> {
    let url = url::Url::parse(&format!("http://{given}/")).ok()?;
    let plain = url.path() == "/"
        && url.query().is_none()
        && url.fragment().is_none()
        && url.username().is_empty()
        && url.password().is_none();
    let host = url.host_str().filter(|_| plain)?;
    Some(match url.port() {
        Some(port) => format!("{host}:{port}"),
        None => host.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefixes_split_at_the_first_segment() {
        assert_eq!(
            split_prefix("/paradigm/api/v3/users"),
            ("paradigm", "/api/v3/users")
        );
        assert_eq!(split_prefix("/paradigm"), ("paradigm", ""));
        assert_eq!(split_prefix("/"), ("", ""));
    }

    #[test]
    fn only_plain_hosts_make_links() {
        assert_eq!(
            plain_host("127.0.0.1:8080").as_deref(),
            Some("127.0.0.1:8080")
        );
        assert_eq!(plain_host("[::1]:80").as_deref(), Some("[::1]"));
        for bad in ["a/b", "a?x", "a#x", "u@a", ""] {
            assert_eq!(plain_host(bad), None, "{bad}");
        }
    }
}
