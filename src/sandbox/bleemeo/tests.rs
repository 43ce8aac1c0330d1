//! Bleemeo over real HTTP: the token endpoint, bearer authentication, routing and rate limits.

mod users;

use reqwest::Method;
use serde_json::{json, Value};

use super::PUBLIC_CLIENT_ID;
use crate::sandbox::testing::{read, Answer, Harness};
use crate::sandbox::{BLEEMEO_TEST_ACCOUNT, BLEEMEO_TEST_PASSWORD, BLEEMEO_TEST_USERNAME};

fn url(h: &Harness, path: &str) -> String {
    format!("{}{path}", h.server.base_url("bleemeo"))
}

async fn token_request(h: &Harness, form: &[(&str, &str)]) -> Answer {
    read(h.http.post(url(h, "/o/token/")).form(form)).await
}

async fn password_grant(h: &Harness, password: &str) -> Answer {
    let form = [
        ("grant_type", "password"),
        ("username", BLEEMEO_TEST_USERNAME),
        ("password", password),
        ("client_id", PUBLIC_CLIENT_ID),
    ];
    token_request(h, &form).await
}

/// A fresh access token of the test login.
async fn login(h: &Harness) -> String {
    let answer = password_grant(h, BLEEMEO_TEST_PASSWORD).await;
    assert_eq!(answer.status, 200, "{answer:?}");
    answer.body["access_token"]
        .as_str()
        .unwrap_or_default()
        .to_string()
}

async fn call(h: &Harness, token: &str, method: Method, path: &str, body: Option<Value>) -> Answer {
    let mut request = h.http.request(method, url(h, path)).bearer_auth(token);
    if let Some(body) = body {
        request = request.json(&body);
    }
    read(request).await
}

async fn get(h: &Harness, token: &str, path: &str) -> Answer {
    call(h, token, Method::GET, path, None).await
}

fn oauth_error(answer: &Answer, status: u16, error: &str) {
    assert_eq!(answer.status, status, "{answer:?}");
    assert_eq!(answer.body["error"], error, "{answer:?}");
    assert!(answer.body["error_description"].is_string(), "{answer:?}");
}

#[tokio::test]
async fn the_password_grant_answers_a_bearer_token_pair() {
    let h = Harness::seeded().await;
    let answer = password_grant(&h, BLEEMEO_TEST_PASSWORD).await;
    assert_eq!(answer.status, 200, "{answer:?}");
    assert_eq!(answer.body["token_type"], "Bearer");
    assert_eq!(answer.body["expires_in"], 300);
    assert!(answer.body["refresh_token"]
        .as_str()
        .is_some_and(|r| r.len() >= 20));
    assert_eq!(answer.header("cache-control"), Some("no-store"));
    let token = answer.body["access_token"].as_str().unwrap_or_default();
    assert_eq!(get(&h, token, "/v1/user/").await.status, 200);
    let counts = h.sandbox.with_state(|s| s.bleemeo.grant_counts.clone());
    assert_eq!((counts.password, counts.refresh_token), (1, 0));
}

#[tokio::test]
async fn bad_token_requests_answer_oauth_errors() {
    let h = Harness::seeded().await;
    oauth_error(&password_grant(&h, "wrong").await, 400, "invalid_grant");
    let no_client = [
        ("grant_type", "password"),
        ("username", BLEEMEO_TEST_USERNAME),
        ("password", BLEEMEO_TEST_PASSWORD),
    ];
    oauth_error(&token_request(&h, &no_client).await, 401, "invalid_client");
    let other_client = [("grant_type", "password"), ("client_id", "someone-else")];
    oauth_error(
        &token_request(&h, &other_client).await,
        401,
        "invalid_client",
    );
    let no_password = [("grant_type", "password"), ("client_id", PUBLIC_CLIENT_ID)];
    oauth_error(
        &token_request(&h, &no_password).await,
        400,
        "invalid_request",
    );
    let other_grant = [
        ("grant_type", "client_credentials"),
        ("client_id", PUBLIC_CLIENT_ID),
    ];
    oauth_error(
        &token_request(&h, &other_grant).await,
        400,
        "unsupported_grant_type",
    );
    // JSON is not what the token endpoint reads.
    let json_body = json!({"grant_type": "password", "client_id": PUBLIC_CLIENT_ID});
    let answer = read(h.http.post(url(&h, "/o/token/")).json(&json_body)).await;
    oauth_error(&answer, 400, "invalid_request");
    let answer = read(h.http.get(url(&h, "/o/token/"))).await;
    assert_eq!(answer.status, 405);
    assert_eq!(h.sandbox.with_state(|s| s.bleemeo.grants.len()), 0);
}

#[tokio::test]
async fn a_refresh_rotates_the_pair() {
    let h = Harness::seeded().await;
    let first = password_grant(&h, BLEEMEO_TEST_PASSWORD).await;
    let old_access = first.body["access_token"].as_str().unwrap_or_default();
    let old_refresh = first.body["refresh_token"].as_str().unwrap_or_default();
    let refresh = [
        ("grant_type", "refresh_token"),
        ("refresh_token", old_refresh),
        ("client_id", PUBLIC_CLIENT_ID),
    ];
    let second = token_request(&h, &refresh).await;
    assert_eq!(second.status, 200, "{second:?}");
    let new_access = second.body["access_token"].as_str().unwrap_or_default();
    assert_ne!(new_access, old_access);
    assert_eq!(get(&h, new_access, "/v1/user/").await.status, 200);
    assert_eq!(get(&h, old_access, "/v1/user/").await.status, 401);
    oauth_error(&token_request(&h, &refresh).await, 400, "invalid_grant");
    let counts = h.sandbox.with_state(|s| s.bleemeo.grant_counts.clone());
    assert_eq!((counts.password, counts.refresh_token), (1, 1));
}

#[tokio::test]
async fn expired_unknown_and_missing_tokens_are_401() {
    let h = Harness::seeded().await;
    h.sandbox.with_state(|s| s.bleemeo.token_lifetime_secs = 20);
    let answer = password_grant(&h, BLEEMEO_TEST_PASSWORD).await;
    assert_eq!(answer.body["expires_in"], 20, "the lifetime is the state's");
    let token = answer.body["access_token"].as_str().unwrap_or_default();
    assert_eq!(get(&h, token, "/v1/user/").await.status, 200);
    h.sandbox.with_state(|s| {
        for grant in &mut s.bleemeo.grants {
            grant.expires_at = chrono::Utc::now() - chrono::Duration::seconds(1);
        }
    });
    let expired = get(&h, token, "/v1/user/").await;
    assert_eq!(expired.status, 401);
    // simplejwt's token_not_valid body: Bleemeo's client reads `messages[0].message` first
    // (bleemeo 0.10.0 exceptions.py:200-207), `detail` after (:209-210).
    assert_eq!(expired.body["code"], "token_not_valid");
    assert_eq!(expired.body["messages"][0]["message"], "Token is expired");
    assert!(expired.body["detail"].is_string());
    assert_eq!(
        expired.header("www-authenticate"),
        Some("Bearer realm=\"api\"")
    );
    let unknown = get(&h, "made-up", "/v1/user/").await;
    assert_eq!(unknown.status, 401);
    assert_eq!(unknown.body["messages"][0]["message"], "Token is invalid");
    // No credentials at all: DRF's plain detail, no messages.
    let anonymous = read(h.http.get(url(&h, "/v1/user/"))).await;
    assert_eq!(anonymous.status, 401);
    assert_eq!(
        anonymous.body["detail"],
        "Authentication credentials were not provided."
    );
    assert!(anonymous.body.get("messages").is_none(), "{anonymous:?}");
}

async fn revoke(h: &Harness, form: &[(&str, &str)]) -> Answer {
    read(h.http.post(url(h, "/o/revoke_token/")).form(form)).await
}

#[tokio::test]
async fn a_revoked_refresh_token_no_longer_refreshes_nor_its_access_token_works() {
    let h = Harness::seeded().await;
    let pair = password_grant(&h, BLEEMEO_TEST_PASSWORD).await;
    let access = pair.body["access_token"].as_str().unwrap_or_default();
    let refresh = pair.body["refresh_token"].as_str().unwrap_or_default();
    // The form Bleemeo's client's logout posts (bleemeo 0.10.0 _authenticator.py:128-146).
    let answer = revoke(
        &h,
        &[
            ("token", refresh),
            ("client_id", PUBLIC_CLIENT_ID),
            ("token_type_hint", "refresh_token"),
        ],
    )
    .await;
    assert_eq!(answer.status, 200, "{answer:?}");
    assert_eq!(answer.body, Value::Null, "an empty body");
    let again = [
        ("grant_type", "refresh_token"),
        ("refresh_token", refresh),
        ("client_id", PUBLIC_CLIENT_ID),
    ];
    oauth_error(&token_request(&h, &again).await, 400, "invalid_grant");
    let refused = get(&h, access, "/v1/user/").await;
    assert_eq!(refused.status, 401);
    assert_eq!(refused.body["code"], "token_not_valid");
    // Revoking what is already gone, or was never issued, is still 200 (RFC 7009 2.2).
    for token in [refresh, "never-issued"] {
        let form = [("token", token), ("client_id", PUBLIC_CLIENT_ID)];
        assert_eq!(revoke(&h, &form).await.status, 200);
    }
}

#[tokio::test]
async fn revoking_an_access_token_leaves_its_refresh_token_usable() {
    let h = Harness::seeded().await;
    let pair = password_grant(&h, BLEEMEO_TEST_PASSWORD).await;
    let access = pair.body["access_token"].as_str().unwrap_or_default();
    let refresh = pair.body["refresh_token"].as_str().unwrap_or_default();
    let form = [
        ("token", access),
        ("client_id", PUBLIC_CLIENT_ID),
        ("token_type_hint", "access_token"),
    ];
    assert_eq!(revoke(&h, &form).await.status, 200);
    assert_eq!(get(&h, access, "/v1/user/").await.status, 401);
    let renewed = [
        ("grant_type", "refresh_token"),
        ("refresh_token", refresh),
        ("client_id", PUBLIC_CLIENT_ID),
    ];
    assert_eq!(token_request(&h, &renewed).await.status, 200);
}

#[tokio::test]
async fn bad_revocation_requests_answer_oauth_errors() {
    let h = Harness::seeded().await;
    let token = login(&h).await;
    let unknown_client = [("token", token.as_str()), ("client_id", "someone-else")];
    oauth_error(&revoke(&h, &unknown_client).await, 401, "invalid_client");
    let no_token = [("client_id", PUBLIC_CLIENT_ID)];
    oauth_error(&revoke(&h, &no_token).await, 400, "invalid_request");
    let bad_hint = [
        ("token", token.as_str()),
        ("client_id", PUBLIC_CLIENT_ID),
        ("token_type_hint", "id_token"),
    ];
    oauth_error(&revoke(&h, &bad_hint).await, 400, "unsupported_token_type");
    let json_body = h
        .http
        .post(url(&h, "/o/revoke_token/"))
        .json(&json!({"token": token, "client_id": PUBLIC_CLIENT_ID}));
    oauth_error(&read(json_body).await, 400, "invalid_request");
    let listed = read(h.http.get(url(&h, "/o/revoke_token/"))).await;
    assert_eq!(listed.status, 405);
    assert_eq!(listed.header("allow"), Some("POST"));
    // Nothing of that revoked the token.
    assert_eq!(get(&h, &token, "/v1/user/").await.status, 200);
}

#[tokio::test]
async fn the_account_header_must_name_the_logins_account() {
    let h = Harness::seeded().await;
    let token = login(&h).await;
    let with = |account: &str| {
        h.http
            .get(url(&h, "/v1/user/"))
            .bearer_auth(&token)
            .header("X-Bleemeo-Account", account.to_string())
    };
    assert_eq!(read(with(BLEEMEO_TEST_ACCOUNT)).await.status, 200);
    let other = read(with("00000000-0000-4000-8000-000000000000")).await;
    assert_eq!(other.status, 403);
    assert!(other.body["detail"].is_string());
}

#[tokio::test]
async fn paths_need_their_trailing_slash_and_known_methods() {
    let h = Harness::seeded().await;
    let token = login(&h).await;
    let id = super::seed::ADMIN_ID;
    for path in [
        "/v1/user".to_string(),
        format!("/v1/user/{id}"),
        format!("/v1/user/{}/", id.to_uppercase()),
        "/v1/user/not-a-uuid/".to_string(),
        "/v1/users/".to_string(),
        "/o/token".to_string(),
        String::new(),
    ] {
        let answer = get(&h, &token, &path).await;
        assert_eq!(answer.status, 404, "{path}: {answer:?}");
        assert_eq!(answer.body["detail"], "Not found.");
    }
    let answer = call(
        &h,
        &token,
        Method::PUT,
        &format!("/v1/user/{id}/"),
        Some(json!({})),
    )
    .await;
    assert_eq!(answer.status, 405);
    assert_eq!(answer.header("allow"), Some("GET, PATCH, DELETE"));
    let answer = call(&h, &token, Method::DELETE, "/v1/user/", None).await;
    assert_eq!(answer.header("allow"), Some("GET, POST"));
}

#[tokio::test]
async fn the_configurable_limit_answers_429_with_retry_after() {
    let h = Harness::seeded().await;
    h.sandbox.with_state(|s| s.bleemeo.requests_per_minute = 2);
    let token = login(&h).await;
    assert_eq!(get(&h, &token, "/v1/user/").await.status, 200);
    assert_eq!(get(&h, &token, "/v1/user/").await.status, 200);
    let limited = get(&h, &token, "/v1/user/").await;
    assert_eq!(limited.status, 429);
    let wait: u64 = limited
        .header("retry-after")
        .and_then(|s| s.parse().ok())
        .unwrap_or_default();
    assert!((1..=60).contains(&wait), "{limited:?}");
    assert!(limited.body["detail"]
        .as_str()
        .is_some_and(|d| d.contains("throttled")));
    assert_eq!(h.sandbox.stats().rate_limited, 1);
}

#[tokio::test]
async fn only_admins_change_users() {
    let h = Harness::seeded().await;
    h.sandbox.with_state(|s| {
        s.bleemeo.logins.push(super::Login {
            email: "grace@sandbox.example".into(),
            password: "grace-password".into(),
        })
    });
    let form = [
        ("grant_type", "password"),
        ("username", "GRACE@sandbox.example"),
        ("password", "grace-password"),
        ("client_id", PUBLIC_CLIENT_ID),
    ];
    let answer = token_request(&h, &form).await;
    let token = answer.body["access_token"].as_str().unwrap_or_default();
    assert_eq!(
        get(&h, token, "/v1/user/").await.status,
        200,
        "members read"
    );
    let body = json!({"email": "x@example.com"});
    let answer = call(&h, token, Method::POST, "/v1/user/", Some(body)).await;
    assert_eq!(answer.status, 403, "{answer:?}");
    let path = format!("/v1/user/{}/", super::seed::ADMIN_ID);
    let answer = call(&h, token, Method::DELETE, &path, None).await;
    assert_eq!(answer.status, 403);
}
