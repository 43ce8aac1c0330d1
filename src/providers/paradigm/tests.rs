//! Unit tests of `paradigm`.

use super::*;

fn resp(status: u16, body: &str) -> Response {
    Response {
        status,
        body: body.as_bytes().to_vec(),
        ..Response::default()
    }
}

#[test]
fn a_unique_field_error_is_a_conflict_at_422_and_400() {
    let body = r#"{"fields":{"username":[{"error":"unique","detail":"taken"}]}}"#;
    for status in [400, 422] {
        assert!(matches!(
            decode_error(&resp(status, body)),
            ProviderError::Conflict { .. }
        ));
    }
    // Only the identity fields count: a unique error elsewhere is a plain refusal.
    let other = r#"{"fields":{"phone":[{"error":"unique","detail":"taken"}]}}"#;
    assert!(matches!(
        decode_error(&resp(422, other)),
        ProviderError::Invalid { .. }
    ));
}

#[test]
fn unique_field_errors_are_conflicts() {
    let e = decode_error(&resp(
        422,
        r#"{"id":null,"code":422,"error":"validation_error","detail":"Invalid input.","fields":{"email":[{"error":"unique","detail":"already used"}]}}"#,
    ));
    assert!(
        matches!(e, ProviderError::Conflict { ref message } if message.contains("email: already used"))
    );
    let e = decode_error(&resp(
        422,
        r#"{"code":422,"fields":{"language":[{"error":"invalid","detail":"bad"}]}}"#,
    ));
    assert!(matches!(e, ProviderError::Invalid { .. }));
}

#[test]
fn statuses_map_to_kinds_even_without_an_envelope() {
    assert!(
        matches!(decode_error(&resp(401, "nope")), ProviderError::Unauthorized { ref message } if message == "nope")
    );
    assert!(matches!(
        decode_error(&resp(
            404,
            r#"{"error": "not_found", "detail": "Not found."}"#
        )),
        ProviderError::NotFound { .. }
    ));
    // Without Paradigm's envelope, a 404 may come from whatever answers at a wrong base_url.
    assert!(matches!(
        decode_error(&resp(404, "{}")),
        ProviderError::WrongUrl { certain: false, .. }
    ));
    assert!(matches!(
        decode_error(&resp(503, "")),
        ProviderError::Unavailable { .. }
    ));
}

#[test]
fn local_checks() {
    assert!(check_username("a.b+c@d-e_f").is_ok());
    assert!(check_username("a b").is_err());
    assert!(check_username("").is_err());
    assert!(check_language(&Some("fr".into())).is_ok());
    assert!(check_language(&Some("es".into())).is_err());
    assert!(int_ids("group", &["1".into(), "x".into()]).is_err());
}

#[test]
fn tolerant_user_mapping() {
    let profile = Profile::for_tests(ProviderKind::Paradigm, None, &[("token", "k")]);
    let p = Paradigm::new(&profile, HttpClient::new(false, false).unwrap()).unwrap();
    let w: WireUser = serde_json::from_str(
        r#"{"id":"7","email":"a@b.c","is_active":true,"invitation_status":"pending","language":"fr","groups":[{"id":2,"name":"Sales","category":"x"}]}"#,
    )
    .unwrap();
    let u = p.to_user(w);
    assert_eq!(u.id, "7");
    assert_eq!(u.status, Status::Invited);
    assert_eq!(u.groups[0].id, "2");
    assert_eq!(u.extra["language"], "fr");
    assert!(p
        .follow("https://evil.example/api/v3/users?page=2")
        .is_err());
    assert!(p
        .follow("https://paradigm.lighton.ai/api/v3/users?page=2")
        .is_ok());
}
