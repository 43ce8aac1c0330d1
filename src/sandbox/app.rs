//! The HTTP front: control routes, and the stats, latency and faults every vendor request meets.

use std::time::Duration;

use axum::body::{Body, Bytes};
use axum::extract::{ConnectInfo, DefaultBodyLimit, Request, State};
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

/// A fault rule is a few short fields; a bigger body is not one.
const MAX_FAULT_RULE_BYTES: usize = 16 << 10;

/// How a listener's paths reach the vendors.
#[derive(Clone, Copy)]
pub(super) enum Mount {
    /// Every vendor under its name (`/paradigm/api/v3/users`), and the control routes.
    Prefixed,
    /// One vendor at the root (`/api/v3/users`), as its SDKs and scripts expect.
    Root(&'static dyn Vendor),
}

pub(super) fn router(sandbox: Sandbox, mount: Mount) -> Router {
    match mount {
        Mount::Prefixed => Router::new()
            .route("/_sandbox/stats", get(stats))
            .route(
                "/_sandbox/faults",
                post(add_fault).layer(DefaultBodyLimit::max(MAX_FAULT_RULE_BYTES)),
            )
            .route("/_sandbox/state", get(state))
            .fallback(prefixed_request)
            .with_state(sandbox),
        Mount::Root(vendor) => Router::new()
            .fallback(
                move |State(sandbox): State<Sandbox>,
                      ConnectInfo(connection): ConnectInfo<Connection>,
                      request: Request| async move {
                    let path = request.uri().path().to_string();
                    vendor_request(sandbox, connection, request, vendor, "", path).await
                },
            )
            .with_state(sandbox),
    }
}

async fn stats(State(sandbox): State<Sandbox>) -> Response {
    Json(sandbox.stats()).into_response()
}

async fn add_fault(State(sandbox): State<Sandbox>, Json(rule): Json<FaultRule>) -> Response {
    if sandbox.inject(rule) {
        return StatusCode::NO_CONTENT.into_response();
    }
    let message = format!(
        "the sandbox already holds {} queued faults; let some apply first\n",
        faults::MAX_QUEUED
    );
    (StatusCode::TOO_MANY_REQUESTS, message).into_response()
}

async fn state(State(sandbox): State<Sandbox>) -> Response {
    Json(sandbox.snapshot()).into_response()
}

async fn prefixed_request(
    State(sandbox): State<Sandbox>,
    ConnectInfo(connection): ConnectInfo<Connection>,
    request: Request,
) -> Response {
    let path = request.uri().path();
    let (prefix, rest) = split_prefix(path);
    let Some(vendor) = find_vendor(prefix) else {
        return (StatusCode::NOT_FOUND, "no such sandbox route\n").into_response();
    };
    let rest = rest.to_string();
    let mount_path = format!("/{}", vendor.name());
    vendor_request(sandbox, connection, request, vendor, &mount_path, rest).await
}

/// One request to `vendor`, whose API sits at `mount_path` (`/paradigm`, or `` at the root);
/// `path` is the part below it.
async fn vendor_request(
    sandbox: Sandbox,
    connection: Connection,
    request: Request,
    vendor: &'static dyn Vendor,
    mount_path: &str,
    path: String,
) -> Response {
    let (parts, body) = request.into_parts();
    count_request(&sandbox, &parts.method, vendor, &path);

    // The client's own time to send the body is bounded like its head, so a slow sender cannot
    // hold a connection forever.
    let read = axum::body::to_bytes(body, MAX_BODY_BYTES);
    let body = match tokio::time::timeout(sandbox.inner.options.read_timeout, read).await {
        Ok(Ok(body)) => body,
        Ok(Err(_)) => return (StatusCode::PAYLOAD_TOO_LARGE, "body too large\n").into_response(),
        Err(_) => return request_timeout(),
    };
    let latency = sandbox.inner.options.latency;
    if !latency.is_zero() {
        tokio::time::sleep(latency).await;
    }
    // Fault rules name the vendor prefix whatever the layout, so one rule serves both.
    let target = match parts.uri.query() {
        Some(query) => format!("/{}{path}?{query}", vendor.name()),
        None => format!("/{}{path}", vendor.name()),
    };
    let fault = faults::take(
        &mut lock(&sandbox.inner.faults),
        vendor.name(),
        parts.method.as_str(),
        &target,
    )
    .or_else(|| random_fault(&sandbox, &parts.method));
    if fault.is_some() {
        lock(&sandbox.inner.stats).faults += 1;
    }
    let base_url = format!("http://{}{mount_path}", host(&parts.headers, &connection));
    let req = ApiRequest::new(
        parts.method,
        path,
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
            tokio::time::sleep(Duration::from_secs(secs)).await;
            vendor.handle(&ctx, &req)
        }
        Some(fault) => apply_fault(vendor, &ctx, &req, &connection, fault),
    };
    if response.status() == StatusCode::TOO_MANY_REQUESTS {
        lock(&sandbox.inner.stats).rate_limited += 1;
    }
    response
}

/// 408, and the connection closed: the rest of a late body must not be read as a request.
fn request_timeout() -> Response {
    (
        StatusCode::REQUEST_TIMEOUT,
        [(header::CONNECTION, "close")],
        "request body not received in time\n",
    )
        .into_response()
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

fn count_request(sandbox: &Sandbox, method: &Method, vendor: &dyn Vendor, path: &str) {
    let mut stats = lock(&sandbox.inner.stats);
    stats.requests += 1;
    if matches!(
        *method,
        Method::POST | Method::PUT | Method::PATCH | Method::DELETE
    ) {
        stats.writes += 1;
    }
    *stats
        .by_route
        .entry(route_key(method, vendor, path))
        .or_default() += 1;
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
