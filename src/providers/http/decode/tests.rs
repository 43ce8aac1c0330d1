//! Unit tests of the shared decoder: one per envelope, then the status rules.

use super::*;
use reqwest::Method;

const DIALECT: ErrorDialect = ErrorDialect {
    vendor: "acme",
    duplicate_statuses: &[400, 422],
    duplicate_fields: &["email", "username"],
    duplicate_words: &["already exist"],
    routes_that_exist: &["/api/users", "/o/token/"],
    setting: "base_url",
    api_gateway: false,
};

fn resp(status: u16, url: &str, body: &str) -> Response {
    Response {
        status,
        body: body.as_bytes().to_vec(),
        method: Method::GET,
        url: url.to_string(),
        ..Response::default()
    }
}

fn said(body: &str) -> Said {
    read(body.as_bytes(), &DIALECT)
}

#[test]
fn paradigm_envelope_with_fields() {
    let s = said(
        r#"{"id": null, "code": 422, "error": "validation_error", "detail": "Invalid input.",
            "fields": {"email": [{"error": "unique", "detail": "already used"}],
                       "language": [{"error": "invalid", "detail": "bad"}]}}"#,
    );
    assert_eq!(s.message, "email: already used; language: bad");
    assert_eq!(s.code.as_deref(), Some("validation_error"));
    assert!(s.duplicate && s.envelope);
    let s = said(r#"{"id": null, "code": 403, "error": "forbidden", "detail": "Not allowed."}"#);
    assert_eq!((s.message.as_str(), s.duplicate), ("Not allowed.", false));
    // A `unique` on a field that does not make a user unique is not a duplicate user.
    assert!(!said(r#"{"fields": {"group": [{"error": "unique"}]}}"#).duplicate);
}

#[test]
fn drf_field_maps_and_detail() {
    let s =
        said(r#"{"email": ["user with this email already exists."], "first_name": ["Too long."]}"#);
    assert_eq!(
        s.message,
        "email: user with this email already exists.; first_name: Too long."
    );
    assert!(s.duplicate && s.envelope);
    let s = said(r#"{"email": [{"message": "taken", "code": "unique"}]}"#);
    assert_eq!((s.message.as_str(), s.duplicate), ("email: taken", true));
    let s = said(
        r#"{"non_field_errors": ["Passwords differ."], "groups": {"0": ["Invalid pk \"9\"."]}}"#,
    );
    assert_eq!(s.message, "groups: 0: Invalid pk \"9\".; Passwords differ.");
    let s = said(r#"{"detail": "Not found."}"#);
    assert_eq!((s.message.as_str(), s.envelope), ("Not found.", true));
    let s = said(r#"["Something is wrong."]"#);
    assert_eq!(
        (s.message.as_str(), s.envelope),
        ("Something is wrong.", true)
    );
}

#[test]
fn simplejwt_prefers_detail_and_keeps_its_code() {
    let s = said(
        r#"{"detail": "Given token not valid for any token type", "code": "token_not_valid",
            "messages": [{"token_class": "AccessToken", "message": "Token is expired"}]}"#,
    );
    assert_eq!(s.message, "Given token not valid for any token type");
    assert_eq!(s.code.as_deref(), Some("token_not_valid"));
}

#[test]
fn oauth_and_bleemeo_messages() {
    let s =
        said(r#"{"error": "invalid_grant", "error_description": "Invalid credentials given."}"#);
    assert_eq!(s.message, "Invalid credentials given.");
    assert_eq!(s.code.as_deref(), Some("invalid_grant"));
    let s = said(r#"{"error": "invalid_client"}"#);
    assert_eq!(
        (s.message.as_str(), s.code.as_deref()),
        ("invalid_client", Some("invalid_client"))
    );
    let s = said(r#"{"messages": [{"message": "Account locked."}, "Call support."]}"#);
    assert_eq!(s.message, "Account locked.; Call support.");
    assert!(s.envelope);
}

#[test]
fn cradl_message() {
    let s = said(r#"{"message": "User with email a@b.co already exists"}"#);
    assert_eq!(s.message, "User with email a@b.co already exists");
    assert!(s.duplicate && s.envelope);
}

#[test]
fn bodies_that_are_no_envelope() {
    for body in [
        "",
        "{}",
        "<html><h1>404 Not Found</h1></html>",
        "no such sandbox route\n",
        "\"x\"",
    ] {
        assert!(!said(body).envelope, "{body:?}");
    }
    assert_eq!(
        said("<h1>Server Error (500)</h1>").message,
        "Server Error (500)"
    );
}

#[test]
fn huge_and_secret_text_is_cut_and_scrubbed() {
    crate::redact::register(&crate::secret::Secret::new("decoder-canary-pw"));
    let big = "y".repeat(1 << 20);
    let s = said(&format!(
        r#"{{"detail": "bad value {big} for password=decoder-canary-pw"}}"#
    ));
    assert!(s.message.len() < 500, "{}", s.message.len());
    assert!(s.message.contains("(1048576 bytes, cut)"), "{}", s.message);
    assert!(s.message.ends_with("password=[redacted]"), "{}", s.message);
}

#[test]
fn statuses_map_to_kinds() {
    let url = "https://h/api/users/7";
    let d = |status, body| decode(&resp(status, url, body), &DIALECT);
    assert!(
        matches!(d(401, "nope"), ProviderError::Unauthorized { ref message } if message == "nope")
    );
    assert!(matches!(
        d(403, r#"{"detail": "no"}"#),
        ProviderError::Forbidden { .. }
    ));
    assert!(matches!(
        d(404, r#"{"detail": "Not found."}"#),
        ProviderError::NotFound { .. }
    ));
    assert!(matches!(d(409, "{}"), ProviderError::Conflict { .. }));
    assert!(matches!(
        d(400, r#"{"email": ["already exists"]}"#),
        ProviderError::Conflict { .. }
    ));
    assert!(matches!(
        d(422, r#"{"email": ["already exists"]}"#),
        ProviderError::Conflict { .. }
    ));
    assert!(matches!(
        d(400, r#"{"email": ["Enter a valid email."]}"#),
        ProviderError::Invalid { .. }
    ));
    assert!(
        matches!(d(413, "body too large"), ProviderError::Invalid { ref message } if message.contains("too large"))
    );
    assert!(matches!(
        d(415, r#"{"message": "Unsupported"}"#),
        ProviderError::Http { status: 415, .. }
    ));
    assert!(
        matches!(d(503, ""), ProviderError::Unavailable { ref message } if message == "HTTP 503")
    );
    // Where the vendor's duplicates are 400s only, a 422 saying so is just invalid.
    let only_400 = ErrorDialect {
        duplicate_statuses: &[400],
        ..DIALECT
    };
    let e = decode(
        &resp(422, url, r#"{"email": ["already exists"]}"#),
        &only_400,
    );
    assert!(matches!(e, ProviderError::Invalid { .. }));
}

#[test]
fn a_404_that_is_not_the_vendor_says_where() {
    // A list route every tenant has: the URL is wrong, whatever the body.
    let e = decode(
        &resp(
            404,
            "http://127.0.0.1:9/x/api/users?page=1",
            r#"{"detail": "Not found."}"#,
        ),
        &DIALECT,
    );
    assert!(
        matches!(e, ProviderError::WrongUrl { certain: true, ref url, setting: "base_url", .. } if url == "GET http://127.0.0.1:9/x/api/users?page=1"),
        "{e:?}"
    );
    assert_eq!(e.kind(), crate::error::ErrorKind::Config);
    // A later page may really be gone.
    let e = decode(
        &resp(
            404,
            "http://h/api/users?page=3",
            r#"{"detail": "Invalid page."}"#,
        ),
        &DIALECT,
    );
    assert!(matches!(e, ProviderError::NotFound { .. }), "{e:?}");
    // An item route answered by something else than the vendor: said, but not certain.
    let e = decode(
        &resp(404, "http://h/api/users/7", "<html>Not Found</html>"),
        &DIALECT,
    );
    assert!(
        matches!(e, ProviderError::WrongUrl { certain: false, .. }),
        "{e:?}"
    );
    assert_eq!(e.kind(), crate::error::ErrorKind::Failure);
    assert!(
        e.to_string()
            .contains("GET http://h/api/users/7 answered 404"),
        "{e}"
    );
}

#[test]
fn token_endpoint_errors() {
    let t = |status, body| decode_token_error(&resp(status, "https://h/o/token/", body), &DIALECT);
    let e = t(
        400,
        r#"{"error": "invalid_grant", "error_description": "Invalid credentials given."}"#,
    );
    assert!(
        matches!(e, ProviderError::Unauthorized { ref message } if message.contains("invalid_grant (Invalid credentials given.)")),
        "{e}"
    );
    assert!(matches!(
        t(401, r#"{"error": "invalid_client"}"#),
        ProviderError::Unauthorized { .. }
    ));
    assert!(matches!(
        t(403, r#"{"message": "Forbidden"}"#),
        ProviderError::Unauthorized { .. }
    ));
    assert!(matches!(
        t(
            400,
            r#"{"error": "invalid_request", "error_description": "audience"}"#
        ),
        ProviderError::Invalid { .. }
    ));
    assert!(matches!(
        t(400, r#"{"error": "unsupported_grant_type"}"#),
        ProviderError::Protocol { .. }
    ));
    assert!(matches!(
        t(404, "not here"),
        ProviderError::WrongUrl { certain: true, .. }
    ));
    assert!(matches!(t(503, ""), ProviderError::Unavailable { .. }));
}

#[test]
fn api_gateway_403s_are_read_only_for_a_gateway_dialect() {
    let gateway = ErrorDialect {
        api_gateway: true,
        ..DIALECT
    };
    let url = "https://api.example.com/api/users/u1";
    let bare = resp(403, url, r#"{"message": "Forbidden"}"#);
    assert!(gateway_refused_token(&bare));
    assert!(matches!(
        decode(&bare, &gateway),
        ProviderError::Unauthorized { ref message } if message.contains("refused or have expired")
    ));
    // Without the flag a 403 is the vendor's refusal, whatever it says.
    assert!(matches!(
        decode(&bare, &DIALECT),
        ProviderError::Forbidden { .. }
    ));
    let no_route = resp(403, url, r#"{"message": "Missing Authentication Token"}"#);
    assert!(matches!(
        decode(&no_route, &gateway),
        ProviderError::WrongUrl {
            certain: true,
            setting: "base_url",
            ..
        }
    ));
    assert!(matches!(
        decode(&no_route, &DIALECT),
        ProviderError::Forbidden { .. }
    ));
    let denied = resp(403, url, r#"{"message": "User is not authorized"}"#);
    assert!(!gateway_refused_token(&denied));
    assert!(matches!(
        decode(&denied, &gateway),
        ProviderError::Forbidden { .. }
    ));
}
