//! Cradl over real HTTP: the token endpoint, API Gateway's 403s, 415, throttling.

mod users;

use reqwest::Method;
use serde_json::{json, Value};

use super::DOCUMENTED_AUDIENCE;
use crate::sandbox::testing::{read, Answer, Harness};
use crate::sandbox::{Fault, FaultRule, CRADL_TEST_CLIENT_ID, CRADL_TEST_CLIENT_SECRET};

fn base(h: &Harness) -> String {
    h.server.base_url("cradl")
}

/// A token request with these form fields.
async fn token_answer(h: &Harness, form: &[(&str, &str)]) -> Answer {
    read(h.http.post(format!("{}/oauth2/token", base(h))).form(form)).await
}

/// A valid access token for the test client.
async fn token(h: &Harness) -> String {
    let answer = token_answer(
        h,
        &[
            ("grant_type", "client_credentials"),
            ("client_id", CRADL_TEST_CLIENT_ID),
            ("client_secret", CRADL_TEST_CLIENT_SECRET),
            ("audience", DOCUMENTED_AUDIENCE),
        ],
    )
    .await;
    assert_eq!(answer.status, 200, "{answer:?}");
    answer.body["access_token"]
        .as_str()
        .expect("a token")
        .to_string()
}

/// An API request with a bearer token; `path` is below `/cradl`.
fn api(h: &Harness, method: Method, path: &str, token: &str) -> reqwest::RequestBuilder {
    h.http
        .request(method, format!("{}{path}", base(h)))
        .bearer_auth(token)
}

async fn get(h: &Harness, path: &str, token: &str) -> Answer {
    read(api(h, Method::GET, path, token)).await
}

async fn send(h: &Harness, method: Method, path: &str, token: &str, body: Value) -> Answer {
    read(api(h, method, path, token).json(&body)).await
}

/// Cradl's `{"message": ...}` with this status; returns the message.
fn message(answer: &Answer, status: u16) -> String {
    assert_eq!(answer.status, status, "{answer:?}");
    let text = answer.body["message"].as_str().unwrap_or_default();
    assert!(!text.is_empty(), "{answer:?}");
    text.to_string()
}

#[tokio::test]
async fn the_token_endpoint_wants_client_credentials_and_an_audience() {
    let h = Harness::seeded().await;
    let own = base(&h);
    let good = [
        ("grant_type", "client_credentials"),
        ("client_id", CRADL_TEST_CLIENT_ID),
        ("client_secret", CRADL_TEST_CLIENT_SECRET),
    ];
    let mut form = good.to_vec();
    form.push(("audience", DOCUMENTED_AUDIENCE));
    let answer = token_answer(&h, &form).await;
    assert_eq!(answer.status, 200, "{answer:?}");
    assert_eq!(answer.body["token_type"], "Bearer");
    assert_eq!(answer.body["expires_in"], 300);
    assert_eq!(answer.header("cache-control"), Some("no-store"));
    type Form<'a> = &'a [(&'a str, &'a str)];
    // The audience is the documented constant whatever host the API is reached at (cradl
    // 0.6.8 credentials.py:103): the sandbox's own URL is refused as Kinde refuses an API the
    // client is not authorized for.
    let own_audience = [
        ("grant_type", "client_credentials"),
        ("client_id", CRADL_TEST_CLIENT_ID),
        ("client_secret", CRADL_TEST_CLIENT_SECRET),
        ("audience", own.as_str()),
    ];
    let cases: [(Form, u16, &str); 5] = [
        (&good, 400, "invalid_request"),
        (
            &[
                ("grant_type", "client_credentials"),
                ("client_id", CRADL_TEST_CLIENT_ID),
                ("client_secret", "wrong"),
                ("audience", DOCUMENTED_AUDIENCE),
            ],
            401,
            "invalid_client",
        ),
        (
            &[
                ("grant_type", "password"),
                ("audience", DOCUMENTED_AUDIENCE),
            ],
            400,
            "unsupported_grant_type",
        ),
        (
            &[
                ("grant_type", "client_credentials"),
                ("client_id", CRADL_TEST_CLIENT_ID),
                ("client_secret", CRADL_TEST_CLIENT_SECRET),
                ("audience", "https://elsewhere.example"),
            ],
            400,
            "unauthorized_client",
        ),
        (&own_audience, 400, "unauthorized_client"),
    ];
    for (form, status, code) in cases {
        let answer = token_answer(&h, form).await;
        assert_eq!(answer.status, status, "{form:?}: {answer:?}");
        assert_eq!(answer.body["error"], code, "{form:?}");
        assert!(answer.body["error_description"].is_string());
    }
    // HTTP Basic client authentication works as well; JSON bodies do not.
    let basic = h
        .http
        .post(format!("{own}/oauth2/token"))
        .basic_auth(CRADL_TEST_CLIENT_ID, Some(CRADL_TEST_CLIENT_SECRET))
        .form(&[
            ("grant_type", "client_credentials"),
            ("audience", DOCUMENTED_AUDIENCE),
        ]);
    assert_eq!(read(basic).await.status, 200);
    let json_body = h
        .http
        .post(format!("{own}/oauth2/token"))
        .json(&json!({"grant_type": "client_credentials"}));
    assert_eq!(read(json_body).await.status, 400);
    h.sandbox.with_state(|s| s.cradl.token_lifetime_secs = 7);
    assert_eq!(token_answer(&h, &form).await.body["expires_in"], 7);
    // A test can configure another audience; then only that one is accepted.
    h.sandbox
        .with_state(|s| s.cradl.audience = "https://tenant.example/v1".into());
    assert_eq!(token_answer(&h, &form).await.status, 400);
    let mut other = good.to_vec();
    other.push(("audience", "https://tenant.example/v1"));
    assert_eq!(token_answer(&h, &other).await.status, 200);
}

/// The middle part of a JWT, decoded as the official client does it.
fn claims(token: &str) -> Value {
    use base64::Engine;
    let parts: Vec<&str> = token.split('.').collect();
    assert_eq!(parts.len(), 3, "header.payload.signature: {token}");
    let payload = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(parts[1])
        .expect("base64url");
    serde_json::from_slice(&payload).expect("JSON claims")
}

#[tokio::test]
async fn tokens_are_jwts_with_the_claims_the_official_client_requires() {
    let h = Harness::seeded().await;
    let t = token(&h).await;
    let c = claims(&t);
    // cradl 0.6.8 credentials.py:120 requires these three to be truthy, and :66 reads `exp`.
    for key in [
        "external_app_client_id",
        "external_organization_id",
        "scope",
    ] {
        assert!(c[key].as_str().is_some_and(|v| !v.is_empty()), "{key}: {c}");
    }
    let now = chrono::Utc::now().timestamp();
    let exp = c["exp"].as_i64().expect("a numeric exp");
    assert!(exp > now && exp <= now + 301, "{exp} vs {now}");
    assert_eq!(c["aud"][0], DOCUMENTED_AUDIENCE);
    assert_eq!(c["azp"], CRADL_TEST_CLIENT_ID);
    assert_eq!(get(&h, "/users", &t).await.status, 200);
}

#[tokio::test]
async fn forged_and_expired_jwts_are_403_forbidden() {
    let h = Harness::seeded().await;
    let key = h.sandbox.with_state(|s| s.cradl.signing_key.clone());
    let t = token(&h).await;
    let good = super::jwt::verify(&t, key.as_bytes(), 0).expect("the sandbox's own token");
    let expired = super::jwt::Claims {
        exp: chrono::Utc::now().timestamp() - 1,
        ..good.clone()
    };
    let expired = super::jwt::sign(&expired, key.as_bytes());
    assert_eq!(
        message(&get(&h, "/users", &expired).await, 403),
        "Forbidden"
    );
    let forged = super::jwt::sign(&good, b"not the sandbox's key");
    assert_eq!(message(&get(&h, "/users", &forged).await, 403), "Forbidden");
    let elsewhere = super::jwt::Claims {
        aud: vec!["https://elsewhere.example".into()],
        ..good
    };
    let elsewhere = super::jwt::sign(&elsewhere, key.as_bytes());
    assert_eq!(
        message(&get(&h, "/users", &elsewhere).await, 403),
        "Forbidden"
    );
    assert_eq!(get(&h, "/users", &t).await.status, 200);
}

#[tokio::test]
async fn past_the_monthly_cap_every_api_request_is_429_limit_exceeded() {
    let h = Harness::seeded().await;
    let t = token(&h).await;
    h.sandbox.with_state(|s| s.cradl.monthly_limit = Some(2));
    assert_eq!(get(&h, "/users", &t).await.status, 200);
    assert_eq!(get(&h, "/roles", &t).await.status, 200);
    // The official client's LimitExceededException, not its TooManyRequestsException
    // (cradl 0.6.8 response.py:36-40).
    for path in ["/users", "/roles"] {
        let answer = get(&h, path, &t).await;
        assert_eq!(message(&answer, 429), "Limit Exceeded");
        assert_eq!(answer.header("retry-after"), None);
    }
    // Token requests are not API requests, and an unauthenticated one is refused first.
    assert!(!token(&h).await.is_empty());
    let anonymous = read(h.http.get(format!("{}/users", base(&h)))).await;
    assert_eq!(message(&anonymous, 403), "Forbidden");
}

#[tokio::test]
async fn missing_bad_and_expired_tokens_are_403_forbidden() {
    let h = Harness::seeded().await;
    let url = format!("{}/users", base(&h));
    let answer = read(h.http.get(&url)).await;
    assert_eq!(message(&answer, 403), "Forbidden");
    let answer = read(h.http.get(&url).bearer_auth("made-up")).await;
    assert_eq!(message(&answer, 403), "Forbidden");
    let t = token(&h).await;
    assert_eq!(get(&h, "/users", &t).await.status, 200);
    h.sandbox.with_state(|s| s.cradl.expire_tokens());
    assert_eq!(message(&get(&h, "/users", &t).await, 403), "Forbidden");
    let fresh = token(&h).await;
    assert_eq!(get(&h, "/users", &fresh).await.status, 200);
}

#[tokio::test]
async fn unknown_routes_are_api_gateways_missing_authentication_token() {
    let h = Harness::seeded().await;
    let t = token(&h).await;
    for (method, path) in [
        (Method::GET, "/nothing"),
        (Method::GET, "/users/"),
        (Method::PUT, "/users/cradl:user:abc"),
        (Method::DELETE, "/users"),
        (Method::POST, "/roles"),
        (Method::GET, ""),
    ] {
        let answer = read(api(&h, method.clone(), path, &t)).await;
        assert_eq!(
            message(&answer, 403),
            "Missing Authentication Token",
            "{method} {path}"
        );
    }
}

#[tokio::test]
async fn writes_without_a_json_content_type_are_415() {
    let h = Harness::seeded().await;
    let t = token(&h).await;
    let body = r#"{"email": "new@example.com"}"#;
    let plain = api(&h, Method::POST, "/users", &t)
        .header("content-type", "text/plain")
        .body(body);
    assert_eq!(message(&read(plain).await, 415), "Unsupported Media Type");
    let none = api(&h, Method::POST, "/users", &t).body(body);
    assert_eq!(read(none).await.status, 415);
    let patch = api(&h, Method::PATCH, "/users/cradl:user:x", &t).body(r#"{"name": "x"}"#);
    assert_eq!(read(patch).await.status, 415);
    let users = h.sandbox.with_state(|s| s.cradl.users.len());
    assert_eq!(users, 6, "nothing was created");
    let with_charset = api(&h, Method::POST, "/users", &t)
        .header("content-type", "application/json; charset=utf-8")
        .body(body);
    assert_eq!(read(with_charset).await.status, 200);
}

#[tokio::test]
async fn throttling_answers_429_without_retry_after() {
    let h = Harness::seeded().await;
    let t = token(&h).await;
    h.sandbox.with_state(|s| {
        s.cradl.rate_limit = 2;
        s.cradl.rate_window_secs = 60;
    });
    assert_eq!(get(&h, "/users", &t).await.status, 200);
    assert_eq!(get(&h, "/roles", &t).await.status, 200);
    let answer = get(&h, "/users", &t).await;
    assert_eq!(message(&answer, 429), "Too Many Requests");
    assert_eq!(answer.header("retry-after"), None);
    // Token requests are not API requests: still answered.
    assert_eq!(
        token_answer(
            &h,
            &[
                ("grant_type", "client_credentials"),
                ("client_id", CRADL_TEST_CLIENT_ID),
                ("client_secret", CRADL_TEST_CLIENT_SECRET),
                ("audience", DOCUMENTED_AUDIENCE),
            ]
        )
        .await
        .status,
        200
    );

    // An injected 429 has the same shape, even when asked for a Retry-After.
    let h = Harness::seeded().await;
    let t = token(&h).await;
    h.sandbox.inject(FaultRule {
        vendor: Some("cradl".into()),
        ..FaultRule::new(Fault::TooManyRequests {
            retry_after_secs: 3,
        })
    });
    let answer = get(&h, "/users", &t).await;
    assert_eq!(message(&answer, 429), "Too Many Requests");
    assert_eq!(answer.header("retry-after"), None);
    assert_eq!(get(&h, "/users", &t).await.status, 200);
}

#[tokio::test]
async fn server_errors_use_the_message_envelope() {
    let h = Harness::seeded().await;
    let t = token(&h).await;
    h.sandbox.inject(FaultRule {
        vendor: Some("cradl".into()),
        ..FaultRule::new(Fault::ServerError { status: 502 })
    });
    let answer = get(&h, "/users", &t).await;
    assert_eq!(message(&answer, 502), "Internal server error");
}

#[tokio::test]
async fn the_profile_block_is_a_working_config() {
    let h = Harness::seeded().await;
    let text = h.server.profiles_toml();
    let parsed: toml::Value = toml::from_str(&text).expect("valid TOML");
    let cradl = &parsed["profiles"]["cradl"];
    assert_eq!(cradl["provider"].as_str(), Some("cradl"));
    assert_eq!(cradl["base_url"].as_str(), Some(base(&h).as_str()));
    let auth_url = format!("{}/oauth2/token", base(&h));
    assert_eq!(cradl["auth_url"].as_str(), Some(auth_url.as_str()));
    assert_eq!(cradl["client_id"].as_str(), Some(CRADL_TEST_CLIENT_ID));
    assert_eq!(
        cradl["client_secret"].as_str(),
        Some(CRADL_TEST_CLIENT_SECRET)
    );
}
