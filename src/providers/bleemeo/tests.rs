//! Bleemeo's decoding and mapping, without HTTP.

use std::collections::BTreeMap;

use serde_json::{json, Map, Value};

use super::login::{decode_token_error, read_token};
use super::wire::{decode_error, settable, to_user};
use super::*;
use crate::model::Status;

fn resp(status: u16, body: &str) -> Response {
    Response {
        status,
        body: body.as_bytes().to_vec(),
        ..Response::default()
    }
}

fn map(v: Value) -> Map<String, Value> {
    v.as_object().cloned().unwrap_or_default()
}

fn provider(base_url: Option<&str>, extra: &[(&str, &str)]) -> Bleemeo {
    let mut values = vec![("username", "me@example.com"), ("password", "pw")];
    values.extend_from_slice(extra);
    let profile = Profile::for_tests(ProviderKind::Bleemeo, base_url, &values);
    Bleemeo::new(&profile, HttpClient::new(false, false).unwrap()).unwrap()
}

#[test]
fn users_map_roles_status_and_extra() {
    let u = to_user(
        "p",
        map(json!({
            "id": "5b2d7e14-8c3a-4f6b-9d0e-1a2b3c4d5e6f",
            "email": "ada@example.com",
            "first_name": "Ada",
            "last_name": "Lovelace",
            "is_admin": false,
            "is_manager": true,
            "activated_at": "2024-02-02T10:00:00Z",
            "date_joined": null,
            "created_at": "2024-02-02T10:00:00+01:00",
            "last_login": null,
            "timezone": "Europe/London",
        })),
    )
    .unwrap();
    assert_eq!(u.id, "5b2d7e14-8c3a-4f6b-9d0e-1a2b3c4d5e6f");
    assert_eq!(u.status, Status::Active);
    assert_eq!(u.display_name.as_deref(), Some("Ada Lovelace"));
    assert_eq!(u.created_at.as_deref(), Some("2024-02-02T09:00:00Z"));
    let roles: Vec<&str> = u.roles.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(roles, ["manager"]);
    assert_eq!(u.extra["timezone"], "Europe/London");
    assert_eq!(u.extra["is_manager"], true);
    assert!(!u.extra.contains_key("email") && !u.extra.contains_key("id"));

    // Invited: neither activated nor joined; a trimmed answer without them reads the same.
    let invited = to_user(
        "p",
        map(json!({"id": "x", "activated_at": null, "date_joined": null, "is_admin": "true"})),
    )
    .unwrap();
    assert_eq!(invited.status, Status::Invited);
    assert_eq!(invited.roles[0].id, "admin");
    assert_eq!(
        to_user("p", map(json!({"id": "x"}))).unwrap().status,
        Status::Invited
    );
    let joined = to_user(
        "p",
        map(json!({"id": "x", "date_joined": "2024-01-01T00:00:00Z"})),
    );
    assert_eq!(joined.unwrap().status, Status::Active);
    assert!(to_user("p", map(json!({"email": "a@b.c"}))).is_err());
}

#[test]
fn drf_errors_map_to_kinds() {
    let dup = decode_error(&resp(
        400,
        r#"{"email": ["user with this email already exists."]}"#,
    ));
    assert!(
        matches!(dup, ProviderError::Conflict { ref message } if message.contains("email: user with this email"))
    );
    let invalid = decode_error(&resp(
        400,
        r#"{"email": ["Enter a valid email address."], "timezone": ["\"x\" is not a valid choice."]}"#,
    ));
    assert!(
        matches!(invalid, ProviderError::Invalid { ref message } if message.contains("timezone:"))
    );
    let coded = decode_error(&resp(
        400,
        r#"{"email": [{"message": "taken", "code": "unique"}]}"#,
    ));
    assert!(matches!(coded, ProviderError::Conflict { ref message } if message == "email: taken"));
    let coded = decode_error(&resp(400, r#"{"email": [{"code": "unique"}]}"#));
    assert!(matches!(coded, ProviderError::Conflict { .. }));
    let cases = [
        (
            401,
            ProviderError::Unauthorized {
                message: String::new(),
            },
        ),
        (
            403,
            ProviderError::Forbidden {
                message: String::new(),
            },
        ),
        (
            404,
            ProviderError::NotFound {
                message: String::new(),
            },
        ),
        (
            503,
            ProviderError::Unavailable {
                message: String::new(),
            },
        ),
    ];
    for (status, expected) in cases {
        let got = decode_error(&resp(status, r#"{"detail": "Nope."}"#));
        assert_eq!(
            std::mem::discriminant(&got),
            std::mem::discriminant(&expected),
            "{status}"
        );
    }
    let not_json = decode_error(&resp(502, "<html>bad gateway</html>"));
    assert!(not_json.to_string().contains("bad gateway"));
    assert!(matches!(
        decode_error(&resp(405, "")),
        ProviderError::Http { status: 405, .. }
    ));
}

#[test]
fn token_answers_and_refusals() {
    let t = read_token(&resp(
        200,
        r#"{"access_token": "a", "refresh_token": "r", "expires_in": "60", "token_type": "bearer"}"#,
    ))
    .unwrap();
    assert_eq!(t.access.expose(), "a");
    assert_eq!(t.refresh.as_ref().map(|r| r.expose()), Some("r"));
    assert!(t.expires_at.is_some());
    let t = read_token(&resp(200, r#"{"access_token": "a"}"#)).unwrap();
    assert!(t.refresh.is_none() && t.expires_at.is_none());
    let leak = read_token(&resp(200, r#"{"access_token": 12345678, "x": "zzz"}"#)).unwrap_err();
    assert!(!leak.to_string().contains("12345678"));
    assert!(read_token(&resp(200, r#"{"access_token": "a", "token_type": "mac"}"#)).is_err());

    let refused = decode_token_error(&resp(
        400,
        r#"{"error": "invalid_grant", "error_description": "Invalid credentials given."}"#,
    ));
    assert!(
        matches!(refused, ProviderError::Unauthorized { ref message } if message.contains("Invalid credentials"))
    );
    let client = decode_token_error(&resp(401, r#"{"error": "invalid_client"}"#));
    assert!(matches!(client, ProviderError::Unauthorized { .. }));
    let odd = decode_token_error(&resp(400, r#"{"error": "unsupported_grant_type"}"#));
    assert!(matches!(odd, ProviderError::Protocol { .. }));
    let down = decode_token_error(&resp(503, ""));
    assert!(matches!(down, ProviderError::Unavailable { .. }));
}

#[test]
fn set_keys_are_checked_against_the_writable_list() {
    let set = |pairs: &[(&str, Value)]| -> BTreeMap<String, Value> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.clone()))
            .collect()
    };
    let ok = settable(
        &set(&[
            ("timezone", json!("Europe/Paris")),
            ("toggle_weekly", Value::Null),
            ("notification_web_ok", json!(false)),
        ]),
        false,
    )
    .unwrap();
    assert_eq!(ok.len(), 3);
    let e = settable(&set(&[("failed_login_count", json!(0))]), false).unwrap_err();
    assert!(
        matches!(e, ProviderError::BadInput { ref message } if message.contains("timezone, mobile_notification_enable"))
    );
    assert!(settable(&set(&[("toggle_newsletter", json!("yes"))]), false).is_err());
    assert!(settable(&set(&[("timezone", json!(true))]), false).is_err());
    assert!(settable(&set(&[("is_admin", json!(true))]), true).is_err());
    assert!(settable(&set(&[("first_name", json!("A"))]), true).is_err());
    assert!(settable(&set(&[("email", json!("a@b.co"))]), false).is_err());
    assert!(settable(&set(&[("email", json!("a@b.co"))]), true).is_ok());
}

#[test]
fn roles_ids_links_and_profile_settings() {
    assert_eq!(role_flag("Admin").unwrap(), "is_admin");
    assert_eq!(role_flag("manager").unwrap(), "is_manager");
    assert!(role_flag("owner").is_err());
    assert!(Bleemeo::user_path("../x").is_err());
    assert_eq!(Bleemeo::user_path("ab-12").unwrap(), "/v1/user/ab-12/");
    let p = provider(None, &[]);
    assert!(p.follow("https://evil.example/v1/user/?page=2").is_err());
    assert!(p.follow("https://api.bleemeo.com/v1/user/?page=2").is_ok());
    let p = provider(Some("https://bleemeo.example/"), &[("account_id", "acc")]);
    let req = p.request(Method::GET, "/v1/user/");
    assert_eq!(req.url, "https://bleemeo.example/v1/user/");
    assert!(req
        .headers
        .contains(&("X-Bleemeo-Account", "acc".to_string())));
}
