//! Amani over real HTTP: login, token expiry and refresh, permissions, routing and throttling.

mod users;

use reqwest::Method;
use serde_json::{json, Value};

use super::{TokenKind, VIEWER_EMAIL, VIEWER_PASSWORD};
use crate::sandbox::testing::{read, Answer, Harness};
use crate::sandbox::{Fault, FaultRule, AMANI_TEST_PASSWORD, AMANI_TEST_USERNAME};

fn url(h: &Harness, path: &str) -> String {
    format!("{}{path}", h.server.base_url("amani"))
}

/// POST a JSON body without a token (login, refresh).
async fn post(h: &Harness, path: &str, body: Value) -> Answer {
    read(h.http.post(url(h, path)).json(&body)).await
}

async fn login_as(h: &Harness, username: &str, password: &str) -> Answer {
    let body = json!({"username": username, "password": password});
    post(h, "/api/v2/user/login", body).await
}

/// The admin's access and refresh tokens.
async fn tokens(h: &Harness) -> (String, String) {
    let answer = login_as(h, AMANI_TEST_USERNAME, AMANI_TEST_PASSWORD).await;
    assert_eq!(answer.status, 200, "{answer:?}");
    let token = |k: &str| answer.body[k].as_str().unwrap_or_default().to_string();
    (token("access"), token("refresh"))
}

/// A request with a bearer token and, unless `Null`, a JSON body.
async fn call(h: &Harness, method: Method, path: &str, token: &str, body: Value) -> Answer {
    let mut request = h.http.request(method, url(h, path)).bearer_auth(token);
    if !body.is_null() {
        request = request.json(&body);
    }
    read(request).await
}

async fn get(h: &Harness, path: &str, token: &str) -> Answer {
    call(h, Method::GET, path, token, Value::Null).await
}

#[tokio::test]
async fn login_answers_the_user_and_a_jwt_pair() {
    let h = Harness::seeded().await;
    let answer = login_as(&h, "ADMIN@amani.sandbox.example", AMANI_TEST_PASSWORD).await;
    assert_eq!(answer.status, 200, "{answer:?}");
    let body = &answer.body;
    for key in [
        "id",
        "username",
        "first_name",
        "last_name",
        "phone",
        "access",
        "refresh",
        "groups",
        "company_id",
        "permissions",
    ] {
        assert!(!body[key].is_null(), "missing {key}: {body}");
    }
    assert_eq!(body["username"], AMANI_TEST_USERNAME);
    assert_eq!(body["groups"][0]["name"], "Admin");
    let access = body["access"].as_str().unwrap();
    assert_eq!(access.split('.').count(), 3, "a JWT: {access}");
    // Decided: access tokens live 5 minutes.
    let expires = h.sandbox.with_state(|s| {
        let t = s.amani.tokens.iter().find(|t| t.token == access).unwrap();
        (t.kind, t.expires_at - chrono::Utc::now().timestamp())
    });
    assert_eq!(expires.0, TokenKind::Access);
    assert!((298..=300).contains(&expires.1), "{expires:?}");

    for (user, password) in [
        (AMANI_TEST_USERNAME, "wrong-password"),
        ("nobody@example.com", AMANI_TEST_PASSWORD),
        // Blocked users cannot sign in, whatever their password.
        ("lena.weber@amani.sandbox.example", "anything-at-all"),
    ] {
        let answer = login_as(&h, user, password).await;
        assert_eq!(answer.status, 401, "{answer:?}");
        assert!(answer.body["detail"]
            .as_str()
            .unwrap()
            .contains("credentials"));
        assert!(!answer.body.to_string().contains(password));
    }
    let answer = post(&h, "/api/v2/user/login", json!({"username": ""})).await;
    assert_eq!(answer.status, 400);
    assert_eq!(answer.body["username"][0], "This field may not be blank.");
    assert_eq!(answer.body["password"][0], "This field is required.");
    let answer = read(h.http.get(url(&h, "/api/v2/user/login"))).await;
    assert_eq!(answer.status, 405);
}

#[tokio::test]
async fn expired_access_tokens_are_401_and_refresh_gives_a_new_one() {
    let h = Harness::seeded().await;
    let (access, refresh) = tokens(&h).await;
    assert_eq!(get(&h, "/api/v2/user", &access).await.status, 200);
    h.sandbox.with_state(|s| s.amani.expire_access_tokens());
    let answer = get(&h, "/api/v2/user", &access).await;
    assert_eq!(answer.status, 401);
    assert_eq!(answer.body["code"], "token_not_valid");
    assert_eq!(
        answer.header("www-authenticate"),
        Some("Bearer realm=\"api\"")
    );

    let answer = post(&h, "/api/v2/token/refresh/", json!({"refresh": refresh})).await;
    assert_eq!(answer.status, 200, "{answer:?}");
    assert!(answer.body.get("refresh").is_none(), "not rotated");
    let fresh = answer.body["access"].as_str().unwrap().to_string();
    assert_eq!(get(&h, "/api/v2/user", &fresh).await.status, 200);

    // An access token is no refresh token, and the other way round.
    let answer = post(&h, "/api/v2/token/refresh/", json!({"refresh": fresh})).await;
    assert_eq!(
        (answer.status, &answer.body["code"]),
        (401, &json!("token_not_valid"))
    );
    assert_eq!(get(&h, "/api/v2/user", &refresh).await.status, 401);
    // The path keeps its trailing slash; the field is required.
    let answer = post(&h, "/api/v2/token/refresh", json!({"refresh": refresh})).await;
    assert_eq!(answer.status, 404);
    let answer = post(&h, "/api/v2/token/refresh/", json!({})).await;
    assert_eq!(answer.status, 400);
    assert_eq!(answer.body["refresh"][0], "This field is required.");

    // The lifetime is a setting, so that a test can make tokens expire at once.
    h.sandbox
        .with_state(|s| s.amani.settings.access_lifetime_secs = 1);
    let (short, _) = tokens(&h).await;
    let left = h.sandbox.with_state(|s| {
        let t = s.amani.tokens.iter().find(|t| t.token == short).unwrap();
        t.expires_at - chrono::Utc::now().timestamp()
    });
    assert!(left <= 1, "{left}");
}

#[tokio::test]
async fn missing_or_foreign_credentials_are_401_without_a_code() {
    let h = Harness::seeded().await;
    for request in [
        h.http.get(url(&h, "/api/v2/user")),
        h.http
            .get(url(&h, "/api/v2/user"))
            .header("Authorization", "Token abc"),
    ] {
        let answer = read(request).await;
        assert_eq!(answer.status, 401);
        assert_eq!(
            answer.body,
            json!({"detail": "Authentication credentials were not provided."})
        );
    }
    let answer = get(&h, "/api/v2/user", "not.a.token").await;
    assert_eq!(answer.body["code"], "token_not_valid");
}

#[tokio::test]
async fn a_user_without_user_permissions_is_403() {
    let h = Harness::seeded().await;
    let answer = login_as(&h, VIEWER_EMAIL, VIEWER_PASSWORD).await;
    let token = answer.body["access"].as_str().unwrap().to_string();
    for path in ["/api/v2/user", "/api/v2/group"] {
        let answer = get(&h, path, &token).await;
        assert_eq!(answer.status, 403, "{path}");
        assert!(answer.body["detail"]
            .as_str()
            .unwrap()
            .contains("permission"));
    }
    let answer = call(&h, Method::POST, "/api/v2/user", &token, json!({})).await;
    assert_eq!(answer.status, 403);
    // A deactivated user's live token stops working at once.
    let (admin, _) = tokens(&h).await;
    let viewer_id = h
        .sandbox
        .with_state(|s| s.amani.user_by_email(VIEWER_EMAIL).unwrap().id.clone());
    let path = format!("/api/v2/user/{viewer_id}");
    let body = json!({"is_active": false});
    assert_eq!(
        call(&h, Method::PATCH, &path, &admin, body).await.status,
        200
    );
    let answer = get(&h, "/api/v2/user", &token).await;
    assert_eq!(answer.body["code"], "user_inactive");
}

#[tokio::test]
async fn routes_are_exact_and_delete_is_405() {
    let h = Harness::seeded().await;
    let (token, _) = tokens(&h).await;
    let admin = "0f8e2d4c-1a3b-4c5d-9e6f-7a8b9c0d1e2f";
    for path in [
        "/api/v2/user/",
        "/api/v2/user/42",
        "/api/v2/users",
        "/api/v3/user",
        "",
    ] {
        assert_eq!(get(&h, path, &token).await.status, 404, "{path}");
    }
    let answer = get(
        &h,
        "/api/v2/user/00000000-0000-4000-8000-000000000000",
        &token,
    )
    .await;
    assert_eq!(answer.status, 404);
    assert!(answer.body["detail"].is_string());
    let path = format!("/api/v2/user/{admin}");
    let answer = call(&h, Method::DELETE, &path, &token, Value::Null).await;
    assert_eq!(answer.status, 405);
    assert_eq!(answer.header("allow"), Some("GET, PATCH"));
    let answer = call(&h, Method::PUT, &path, &token, json!({})).await;
    assert_eq!(answer.status, 405);
    let answer = call(&h, Method::POST, "/api/v2/group", &token, json!({})).await;
    assert_eq!(answer.status, 405);
    let count = h.sandbox.with_state(|s| s.amani.users.len());
    assert_eq!(count, 4, "nothing was deleted");
}

#[tokio::test]
async fn groups_are_a_bare_array_of_permission_groups() {
    let h = Harness::seeded().await;
    let (token, _) = tokens(&h).await;
    let answer = get(&h, "/api/v2/group", &token).await;
    assert_eq!(answer.status, 200);
    let groups = answer.body.as_array().expect("a bare array");
    let names: Vec<&str> = groups.iter().filter_map(|g| g["name"].as_str()).collect();
    assert_eq!(names, ["Admin", "Operator", "Viewer"]);
    assert!(groups
        .iter()
        .all(|g| g["id"].is_u64() && g["permissions"].is_array()));
}

#[tokio::test]
async fn the_configurable_rate_limit_answers_429_with_retry_after() {
    let h = Harness::seeded().await;
    let (token, _) = tokens(&h).await;
    h.sandbox
        .with_state(|s| s.amani.settings.requests_per_minute = 2);
    assert_eq!(get(&h, "/api/v2/group", &token).await.status, 200);
    assert_eq!(get(&h, "/api/v2/group", &token).await.status, 200);
    let answer = get(&h, "/api/v2/group", &token).await;
    assert_eq!(answer.status, 429);
    let wait: u64 = answer.header("retry-after").unwrap().parse().unwrap();
    assert!((1..=60).contains(&wait), "{wait}");
    assert!(answer.body["detail"]
        .as_str()
        .unwrap()
        .contains("throttled"));
    assert_eq!(h.sandbox.stats().rate_limited, 1);
}

#[tokio::test]
async fn injected_server_errors_are_django_html_pages() {
    let h = Harness::seeded().await;
    let (token, _) = tokens(&h).await;
    h.sandbox.inject(FaultRule {
        vendor: Some("amani".into()),
        ..FaultRule::new(Fault::ServerError { status: 500 })
    });
    let response = h
        .http
        .get(url(&h, "/api/v2/user"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 500);
    assert!(response
        .text()
        .await
        .unwrap()
        .contains("Server Error (500)"));
}
