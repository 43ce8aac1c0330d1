//! The Amani client against a small stand-in server: the bare-array list, 401 renewal, local checks.

use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, Mutex};

use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde_json::json;

use super::*;
use crate::secret::Secret;

/// A vendor that answers the user list as a bare array (the shape the README says clients must
/// also accept) and accepts only the latest access token it handed out.
#[derive(Default)]
struct Mock {
    logins: AtomicU32,
    refreshes: AtomicU32,
    requests: AtomicU32,
    valid: Mutex<String>,
}

async fn login(State(m): State<Arc<Mock>>) -> Json<Value> {
    let n = m.logins.fetch_add(1, Ordering::SeqCst);
    let access = format!("access-{n}");
    *m.valid.lock().unwrap() = access.clone();
    Json(json!({
        "id": "0f8e2d4c-1a3b-4c5d-9e6f-7a8b9c0d1e2f",
        "username": "admin@example.com",
        "first_name": "Ada",
        "last_name": "Admin",
        "access": access,
        "refresh": "refresh-token",
        "company_id": "c-1",
    }))
}

async fn refresh(State(m): State<Arc<Mock>>) -> Json<Value> {
    let n = m.refreshes.fetch_add(1, Ordering::SeqCst);
    let access = format!("refreshed-{n}");
    *m.valid.lock().unwrap() = access.clone();
    Json(json!({ "access": access }))
}

async fn users(State(m): State<Arc<Mock>>, headers: HeaderMap) -> Response {
    m.requests.fetch_add(1, Ordering::SeqCst);
    let valid = format!("Bearer {}", m.valid.lock().unwrap());
    let given = headers.get("authorization").and_then(|v| v.to_str().ok());
    if given != Some(valid.as_str()) {
        let body = json!({"detail": "Given token not valid for any token type", "code": "token_not_valid"});
        return (StatusCode::UNAUTHORIZED, Json(body)).into_response();
    }
    Json(json!([
        {"id": "3b7c9e1f-5d2a-4f8b-b6c4-1e9d7a5f3c28", "email": "a@example.com", "username": "a@example.com",
         "is_active": true, "groups": [{"id": 2, "name": "Operator", "permissions": []}], "phone": "+90"},
        {"id": "8a2e4c6d-9f1b-4d3e-a5c7-6b8d0f2e4a19", "username": "b@example.com", "is_active": false, "groups": [3]},
    ]))
    .into_response()
}

struct Stand {
    mock: Arc<Mock>,
    amani: Amani,
    _server: tokio::task::JoinHandle<()>,
}

async fn stand() -> Stand {
    let mock = Arc::new(Mock::default());
    let app = Router::new()
        .route("/api/v2/user/login", post(login))
        .route("/api/v2/token/refresh/", post(refresh))
        .route("/api/v2/user", get(users))
        .with_state(mock.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let server = tokio::spawn(async move {
        let _ = axum::serve(listener, app).await;
    });
    let profile = Profile::for_tests(
        ProviderKind::Amani,
        Some(&format!("http://{addr}")),
        &[
            ("username", "admin@example.com"),
            ("password", "pw-12345678"),
        ],
    );
    let http = HttpClient::new(false, false).unwrap();
    let amani = Amani::with_cache(&profile, http, TokenCache::in_memory()).unwrap();
    Stand {
        mock,
        amani,
        _server: server,
    }
}

#[tokio::test]
async fn a_bare_array_is_one_whole_page() {
    let s = stand().await;
    let page = s
        .amani
        .list_users(&UserQuery::default(), None)
        .await
        .unwrap();
    assert_eq!(
        (page.items.len(), page.next, page.total),
        (2, None, Some(2))
    );
    let a = &page.items[0];
    assert_eq!(a.status, Status::Active);
    assert_eq!(a.roles[0].id, "2");
    assert_eq!(a.roles[0].name.as_deref(), Some("Operator"));
    assert_eq!(a.extra["phone"], "+90");
    let b = &page.items[1];
    assert_eq!(b.status, Status::Inactive);
    assert_eq!(
        b.email.as_deref(),
        Some("b@example.com"),
        "the username is the email"
    );
    assert_eq!(b.roles[0].id, "3");
    let found = s.amani.find_user_by_email("B@EXAMPLE.COM").await.unwrap();
    assert_eq!(found.map(|u| u.id), Some(b.id.clone()));
}

#[tokio::test]
async fn a_rejected_token_is_refreshed_once_and_the_request_retried() {
    let s = stand().await;
    let query = UserQuery::default();
    s.amani.list_users(&query, None).await.unwrap();
    assert_eq!(s.mock.logins.load(Ordering::SeqCst), 1);
    // The vendor forgets the token (it expired): one 401, one refresh, one retry.
    *s.mock.valid.lock().unwrap() = "something-else".into();
    s.amani.list_users(&query, None).await.unwrap();
    assert_eq!(s.mock.refreshes.load(Ordering::SeqCst), 1);
    assert_eq!(s.mock.logins.load(Ordering::SeqCst), 1);
    assert_eq!(s.mock.requests.load(Ordering::SeqCst), 3);
}

#[tokio::test]
async fn whoami_signs_in_and_names_the_user() {
    let s = stand().await;
    let who = s.amani.whoami().await.unwrap();
    assert_eq!(who.principal.as_deref(), Some("admin@example.com"));
    let detail = who.detail.unwrap();
    assert!(
        detail.contains("Ada Admin") && detail.contains("0f8e2d4c"),
        "{detail}"
    );
    assert!(!detail.contains("pw-12345678"));
}

#[tokio::test]
async fn local_checks_send_nothing() {
    let s = stand().await;
    let mut new = NewUser {
        email: "n@example.com".into(),
        ..NewUser::default()
    };
    let e = s.amani.create_user(&new).await.unwrap_err();
    let text = e.to_string();
    assert!(matches!(e, ProviderError::BadInput { .. }));
    assert!(
        text.contains("--password-stdin") && text.contains("--generate-password"),
        "{text}"
    );
    new.password = Some(Secret::new("short"));
    let e = s.amani.create_user(&new).await.unwrap_err();
    assert!(matches!(e, ProviderError::BadInput { .. }) && !e.to_string().contains("short"));
    new.password = Some(Secret::new("long-enough"));
    new.language = Some("fr".into());
    assert!(s.amani.create_user(&new).await.is_err());
    new.language = None;
    new.roles = vec!["Admin".into()];
    assert!(
        s.amani.create_user(&new).await.is_err(),
        "role ids are numbers"
    );
    let e = s.amani.get_user("42").await.unwrap_err();
    assert!(matches!(e, ProviderError::NotFound { .. }));
    let e = s.amani.delete_user("42").await.unwrap_err();
    assert!(
        e.to_string().contains("use `roster users deactivate`"),
        "{e}"
    );
    assert_eq!(s.mock.logins.load(Ordering::SeqCst), 0, "nothing was sent");
    let caps = s.amani.capabilities();
    assert!(caps.deactivate && caps.reactivate && caps.roles && !caps.delete && !caps.groups);
}

#[tokio::test]
async fn next_links_stay_on_the_profile_host() {
    let s = stand().await;
    assert!(s
        .amani
        .follow("https://evil.example/api/v2/user?page=2")
        .is_err());
    let relative = s.amani.follow("/api/v2/user?page=2").unwrap();
    assert!(
        relative.url.starts_with("http://127.0.0.1:"),
        "{}",
        relative.url
    );
    let absolute = format!("{}/api/v2/user?page=3", s.amani.base);
    assert_eq!(s.amani.follow(&absolute).unwrap().url, absolute);
}
