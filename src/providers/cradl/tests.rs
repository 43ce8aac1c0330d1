//! Cradl's client without HTTP: decoding, error mapping, local checks and merges.

use std::collections::BTreeMap;

use serde_json::{json, Value};

use crate::model::Status;
use crate::providers::http::Response;
use crate::secret::Secret;

use super::wire::*;
use super::*;

fn resp(status: u16, body: &str) -> Response {
    Response {
        status,
        body: body.as_bytes().to_vec(),
        ..Response::default()
    }
}

fn profile(extra: &[(&str, &str)]) -> Profile {
    let mut values = vec![("client_id", "id-1"), ("client_secret", "s3cr3t")];
    values.extend_from_slice(extra);
    Profile::for_tests(crate::providers::ProviderKind::Cradl, None, &values)
}

#[test]
fn forbidden_means_refused_credentials_and_is_worth_a_new_token() {
    let forbidden = resp(403, r#"{"message": "Forbidden"}"#);
    assert!(token_refused(&forbidden));
    assert!(matches!(
        decode_error(&forbidden),
        ProviderError::Unauthorized { .. }
    ));
    assert!(token_refused(&resp(401, "{}")));
    assert!(token_refused(&resp(403, "")));
    let denied = resp(403, r#"{"message": "User is not authorized"}"#);
    assert!(!token_refused(&denied));
    assert!(matches!(
        decode_error(&denied),
        ProviderError::Forbidden { .. }
    ));
    let no_route = resp(403, r#"{"message": "Missing Authentication Token"}"#);
    assert!(matches!(
        decode_error(&no_route),
        ProviderError::WrongUrl {
            certain: true,
            setting: "base_url",
            ..
        }
    ));
}

#[test]
fn statuses_and_messages_map_to_kinds() {
    let dup = resp(
        400,
        r#"{"message": "User with email a@b.co already exists"}"#,
    );
    assert!(matches!(decode_error(&dup), ProviderError::Conflict { .. }));
    assert!(matches!(
        decode_error(&resp(409, "{}")),
        ProviderError::Conflict { .. }
    ));
    let quota = resp(400, r#"{"message": "Maximum number of users reached"}"#);
    assert!(
        matches!(decode_error(&quota), ProviderError::Invalid { ref message } if message.contains("Maximum"))
    );
    assert!(matches!(
        decode_error(&resp(404, r#"{"message": "Not Found"}"#)),
        ProviderError::NotFound { .. }
    ));
    assert!(matches!(
        decode_error(&resp(502, "bad gateway")),
        ProviderError::Unavailable { ref message } if message.contains("bad gateway")
    ));
    assert!(matches!(
        decode_error(&resp(415, r#"{"message": "Unsupported Media Type"}"#)),
        ProviderError::Http { status: 415, .. }
    ));
}

#[test]
fn token_errors_are_refusals_and_never_echo_the_secret() {
    let secret = Secret::new("s3cr3t");
    let e = decode_token_error(
        &resp(
            400,
            r#"{"error": "invalid_client", "error_description": "bad secret s3cr3t"}"#,
        ),
        &secret,
    );
    assert!(matches!(e, ProviderError::Unauthorized { .. }));
    assert!(!e.to_string().contains("s3cr3t"), "{e}");
    let e = decode_token_error(&resp(401, r#"{"message": "Forbidden"}"#), &secret);
    assert!(matches!(e, ProviderError::Unauthorized { .. }));
    let e = decode_token_error(
        &resp(
            400,
            r#"{"error": "invalid_request", "error_description": "audience is required"}"#,
        ),
        &secret,
    );
    assert!(matches!(e, ProviderError::Invalid { ref message } if message.contains("audience")));
    assert!(matches!(
        decode_token_error(&resp(503, ""), &secret),
        ProviderError::Unavailable { .. }
    ));
}

#[test]
fn users_decode_tolerantly_with_emails_and_role_names() {
    let w: WireUser = serde_json::from_value(json!({
        "userId": "las:user:abc",
        "name": "Ada",
        "metadata": null,
        "roleIds": ["cradl:role:dev", "cradl:role:gone"],
        "profileId": "las:profile:0123456789abcdef0123456789abcdef",
        "status": "invite_pending",
        "createdTime": "2024-01-02T10:00:00.123+01:00",
        "createdBy": "someone",
        "updatedTime": null
    }))
    .unwrap();
    let roles = [WireRole {
        role_id: "cradl:role:dev".into(),
        name: Some("Developer".into()),
        description: None,
    }];
    let p = WireProfile {
        email: Some("ada@example.com".into()),
        given_name: Some("Ada".into()),
        family_name: None,
    };
    let u = w.into_user("c", Some(&p), &roles);
    assert_eq!(u.id, "las:user:abc");
    assert_eq!(u.status, Status::Invited);
    assert_eq!(u.email.as_deref(), Some("ada@example.com"));
    assert_eq!(u.display_name.as_deref(), Some("Ada"));
    assert_eq!(u.created_at.as_deref(), Some("2024-01-02T09:00:00Z"));
    assert_eq!(u.roles[0].name.as_deref(), Some("Developer"));
    assert_eq!(u.roles[1].name, None);
    assert_eq!(u.extra["createdBy"], "someone");
    assert_eq!(u.extra["metadata"], Value::Null);
    assert_eq!(
        u.extra["profileId"],
        "las:profile:0123456789abcdef0123456789abcdef"
    );

    // The bare minimum: only the id.
    let w: WireUser = serde_json::from_value(json!({"userId": "cradl:user:x"})).unwrap();
    let u = w.into_user("c", None, &[]);
    assert_eq!(
        (u.status, u.email, u.roles.len()),
        (Status::Active, None, 0)
    );
    let page: WireUsers = serde_json::from_value(json!({"users": []})).unwrap();
    assert!(page.next_token.is_none());
    let t: WireToken =
        serde_json::from_value(json!({"access_token": "a", "expires_in": "300"})).unwrap();
    assert_eq!(t.expires_in.as_ref().and_then(seconds), Some(300));
}

#[test]
fn ids_and_emails_are_checked_locally() {
    assert!(check_user_id("cradl:user:abc-DEF_1").is_ok());
    assert!(check_user_id("las:user:0f").is_ok());
    for bad in [
        "42",
        "cradl:user:",
        "cradl:role:x",
        "cradl:user:a/b",
        "x:user:a",
    ] {
        let e = check_user_id(bad).unwrap_err();
        assert!(matches!(e, ProviderError::BadInput { .. }), "{bad}");
    }
    assert!(check_role_id("cradl:role:dev").is_ok());
    assert!(check_role_id(&format!("cradl:role:{}", "a".repeat(33))).is_err());
    assert!(is_profile_id(
        "cradl:profile:0123456789abcdef0123456789abcdef"
    ));
    assert!(!is_profile_id("cradl:profile:XYZ"));
    assert!(check_email("new.hire+x@example.com").is_ok());
    for bad in ["a@b.c", ".a@b.com", "a@b", "a b@c.com", "a@b.c0m"] {
        assert!(check_email(bad).is_err(), "{bad}");
    }
    assert!(check_text("name", &"x".repeat(4096)).is_ok());
    assert!(check_text("name", &"x".repeat(4097)).is_err());
}

#[test]
fn metadata_and_roles_merge_into_full_values() {
    let mut extra = BTreeMap::new();
    extra.insert("metadata.team".to_string(), json!("ops"));
    extra.insert("metadata.old".to_string(), Value::Null);
    let changes = metadata_changes(&extra).unwrap();
    let merged = merge_metadata(Some(&json!({"old": 1, "keep": true})), &changes);
    assert_eq!(merged, json!({"keep": true, "team": "ops"}));
    assert_eq!(merge_metadata(None, &changes), json!({"team": "ops"}));
    extra.insert("timezone".to_string(), json!("UTC"));
    assert!(metadata_changes(&extra).is_err());
    let mut bare = BTreeMap::new();
    bare.insert("metadata.".to_string(), json!(1));
    assert!(metadata_changes(&bare).is_err());

    let current = ["a".to_string(), "b".to_string()];
    assert_eq!(
        merged_roles(&current, &["c".into(), "a".into()], &["b".into()]),
        ["a", "c"]
    );
}

#[test]
fn auth_url_follows_the_config_rule_only() {
    let http = || HttpClient::new(false, false).unwrap();
    let mut local = profile(&[("auth_url", "http://127.0.0.1:9/cradl/oauth2/token")]);
    local.base_url = "http://127.0.0.1:9/cradl".into();
    assert!(Cradl::new(&local, http()).is_ok());
    // Opted in, plain http to another host is the profile's choice, as for its base_url; the
    // client no longer refuses what the config allowed (nor allows what it refused).
    let opted = [("auth_url", "http://auth.example.com/t")];
    let c = Cradl::new(&profile(&opted), http()).unwrap();
    assert_eq!(c.inner.auth_url, "http://auth.example.com/t");
    let c = Cradl::new(&profile(&[]), http()).unwrap();
    assert_eq!(c.inner.auth_url, DEFAULT_AUTH_URL);
    assert_eq!(c.inner.base, "https://api.cradl.ai/v1");
    let caps = c.capabilities();
    assert!(caps.roles && caps.delete && !caps.groups && !caps.deactivate);
    // The config already refuses it, as it refuses such a base_url: see config's
    // `cradl_auth_url_over_http_is_refused_like_base_url`.
}

#[tokio::test]
async fn unsupported_and_bad_input_fail_before_sending() {
    // Nothing listens on the default URLs in tests: any request would fail as Network instead.
    let c = Cradl::new(&profile(&[]), HttpClient::new(false, false).unwrap()).unwrap();
    let e = c.set_active("cradl:user:a", false).await.unwrap_err();
    assert!(e.to_string().contains("roster users delete"), "{e}");
    let e = c.get_user("12").await.unwrap_err();
    assert!(matches!(e, ProviderError::BadInput { .. }));
    let new = NewUser {
        email: "x@example.com".into(),
        first_name: Some("X".into()),
        ..NewUser::default()
    };
    assert!(matches!(
        c.create_user(&new).await.unwrap_err(),
        ProviderError::BadInput { .. }
    ));
    let patch = UserPatch {
        extra: [("timezone".to_string(), json!("UTC"))].into(),
        ..UserPatch::default()
    };
    assert!(matches!(
        c.update_user("cradl:user:a", &patch).await.unwrap_err(),
        ProviderError::BadInput { .. }
    ));
}

#[test]
fn a_null_or_blank_profile_email_is_no_email() {
    for email in [None, Some(""), Some("  ")] {
        let w: WireUser = serde_json::from_value(json!({"userId": "cradl:user:x"})).unwrap();
        let p = WireProfile {
            email: email.map(str::to_string),
            given_name: Some("Robot".into()),
            family_name: None,
        };
        let u = w.into_user("c", Some(&p), &[]);
        assert_eq!(u.email, None, "{email:?}");
        assert_eq!(u.first_name.as_deref(), Some("Robot"));
    }
    let p: WireProfile = serde_json::from_value(json!({"email": null})).unwrap();
    assert_eq!(p.email, None);
}

#[test]
fn the_monthly_cap_is_told_from_the_rate_limit_by_its_words() {
    // cradl 0.6.8 response.py:36-40.
    assert!(is_monthly_cap(&resp(
        429,
        r#"{"message": "Limit Exceeded"}"#
    )));
    assert!(!is_monthly_cap(&resp(
        429,
        r#"{"message": "Too Many Requests"}"#
    )));
    assert!(!is_monthly_cap(&resp(429, "")));
    assert!(!is_monthly_cap(&resp(
        400,
        r#"{"message": "Limit Exceeded"}"#
    )));
}

#[test]
fn the_audience_is_the_documented_constant_unless_the_profile_names_one() {
    let c = Cradl::new(&profile(&[]), HttpClient::new(false, false).unwrap()).unwrap();
    assert_eq!(c.inner.audience, DEFAULT_AUDIENCE);
    let other = profile(&[("audience", "https://tenant.example/v1")]);
    let c = Cradl::new(&other, HttpClient::new(false, false).unwrap()).unwrap();
    assert_eq!(c.inner.audience, "https://tenant.example/v1");
}

#[test]
fn the_unread_profiles_warning_names_a_few_users_and_counts_the_rest() {
    use super::profiles::unread_warning;
    assert_eq!(unread_warning("docs", &[]), None);
    let unread: Vec<(String, String)> = (0..7)
        .map(|i| (format!("cradl:user:{i}"), "HTTP 503".to_string()))
        .collect();
    let text = unread_warning("docs", &unread).unwrap();
    assert!(text.starts_with("docs: 7 user(s)"), "{text}");
    assert!(text.contains("cradl:user:0, cradl:user:1"), "{text}");
    assert!(text.contains("and 2 more"), "{text}");
    assert!(!text.contains("cradl:user:5"), "{text}");
    assert!(text.contains("HTTP 503"), "{text}");
}
