//! Amani's JSON as it comes off the wire (tolerant of both list shapes), and its errors.

use serde::Deserialize;
use serde_json::{Map, Value};

use crate::providers::http::{decode, ErrorDialect, Response};
use crate::providers::ProviderError;
use crate::secret::Secret;

#[derive(Deserialize)]
pub(super) struct WireUser {
    pub(crate) id: Value,
    #[serde(default)]
    pub(crate) email: Option<String>,
    #[serde(default)]
    pub(crate) username: Option<String>,
    #[serde(default)]
    pub(crate) first_name: Option<String>,
    #[serde(default)]
    pub(crate) last_name: Option<String>,
    #[serde(default)]
    pub(crate) is_active: Option<bool>,
    /// Permission groups, as objects `{id, name, permissions}` or bare ids.
    #[serde(default)]
    pub(crate) groups: Option<Vec<Value>>,
    /// phone, company, mfa, reset_pw, reset_2fa, permissions and anything newer.
    #[serde(flatten)]
    pub(crate) rest: Map<String, Value>,
}

#[derive(Deserialize)]
pub(super) struct WireGroup {
    pub(crate) id: Value,
    #[serde(default)]
    pub(crate) name: Option<String>,
    #[serde(default)]
    pub(crate) permissions: Option<Vec<Value>>,
}

/// The login answer: who signed in, and the token pair.
#[derive(Deserialize)]
pub(super) struct WireLogin {
    #[serde(default)]
    pub(crate) id: Option<Value>,
    #[serde(default)]
    pub(crate) username: Option<String>,
    #[serde(default)]
    pub(crate) email: Option<String>,
    #[serde(default)]
    pub(crate) first_name: Option<String>,
    #[serde(default)]
    pub(crate) last_name: Option<String>,
    #[serde(default)]
    pub(crate) company_id: Option<Value>,
    #[serde(default, alias = "access_token")]
    pub(crate) access: Option<Secret>,
    #[serde(default, alias = "refresh_token")]
    pub(crate) refresh: Option<Secret>,
}

/// SimpleJWT's refresh answer; `refresh` only when the vendor rotates refresh tokens.
#[derive(Deserialize)]
pub(super) struct WireRefresh {
    pub(crate) access: Secret,
    #[serde(default)]
    pub(crate) refresh: Option<Secret>,
}

/// An id as a string, whether the vendor sent a number or a string.
pub(super) fn id_string(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// A group reference: `{id, name, ...}` or a bare id.
pub(super) fn group_ref(v: &Value) -> (String, Option<String>) {
    match v {
        Value::Object(o) => (
            o.get("id").map(id_string).unwrap_or_default(),
            o.get("name").and_then(Value::as_str).map(str::to_string),
        ),
        other => (id_string(other), None),
    }
}

/// Amani's error conventions (DRF + SimpleJWT): a duplicate email is a 400 on `email` (or
/// `username`, the email again); the login and the user and group lists exist in every region.
const ERRORS: ErrorDialect = ErrorDialect {
    vendor: "amani",
    duplicate_statuses: &[400],
    duplicate_fields: &["email", "username"],
    duplicate_words: &["already exist", "unique", "taken", "in use"],
    routes_that_exist: &[
        "/api/v2/user",
        "/api/v2/group",
        "/api/v2/user/login",
        "/api/v2/token/refresh/",
    ],
    setting: "base_url",
    api_gateway: false,
};

/// A DRF error answer (`{field: [messages]}`, `{"detail", "code"}`, a list) -> a typed error.
pub(super) fn decode_error(resp: &Response) -> ProviderError {
    decode::decode(resp, &ERRORS)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn resp(status: u16, body: &str) -> Response {
        Response {
            status,
            body: body.as_bytes().to_vec(),
            ..Response::default()
        }
    }

    #[test]
    fn a_duplicate_is_a_conflict_only_at_400() {
        // Amani's dialect: DRF answers a duplicate with 400; a 422 saying so is not a conflict.
        let body = r#"{"email": ["user with this email already exists."]}"#;
        assert!(matches!(
            decode_error(&resp(400, body)),
            ProviderError::Conflict { .. }
        ));
        assert!(matches!(
            decode_error(&resp(422, body)),
            ProviderError::Invalid { .. }
        ));
    }

    #[test]
    fn drf_errors_map_to_kinds() {
        let dup = decode_error(&resp(
            400,
            r#"{"email": ["user with this email already exists."]}"#,
        ));
        assert!(
            matches!(dup, ProviderError::Conflict { ref message } if message == "email: user with this email already exists.")
        );
        let short = decode_error(&resp(
            400,
            r#"{"password": ["This password is too short."], "groups": ["Invalid pk \"9\" - object does not exist."]}"#,
        ));
        assert!(
            matches!(short, ProviderError::Invalid { ref message } if message.contains("password: This password is too short.") && message.contains("groups: "))
        );
        let expired = decode_error(&resp(
            401,
            r#"{"detail": "Given token not valid for any token type", "code": "token_not_valid", "messages": []}"#,
        ));
        assert!(
            matches!(expired, ProviderError::Unauthorized { ref message } if message.starts_with("Given token"))
        );
        assert!(matches!(
            decode_error(&resp(403, r#"{"detail": "no"}"#)),
            ProviderError::Forbidden { .. }
        ));
        assert!(matches!(
            decode_error(&resp(404, r#"{"detail": "Not found."}"#)),
            ProviderError::NotFound { .. }
        ));
        assert!(matches!(
            decode_error(&resp(405, "{}")),
            ProviderError::Http { status: 405, .. }
        ));
        let html = decode_error(&resp(500, "<h1>Server Error (500)</h1>"));
        assert!(
            matches!(html, ProviderError::Unavailable { ref message } if message == "HTTP 500: Server Error (500)")
        );
        let list = decode_error(&resp(400, r#"["Something is wrong."]"#));
        assert!(
            matches!(list, ProviderError::Invalid { ref message } if message == "Something is wrong.")
        );
    }

    #[test]
    fn lists_are_paged_envelopes_or_bare_arrays() {
        let paged: crate::providers::http::drf::DrfList<WireUser> = serde_json::from_str(
            r#"{"count": 3, "next": "https://eu.amani.ai/api/v2/user?page=2", "previous": null, "results": [{"id": "u1"}]}"#,
        )
        .unwrap();
        let (items, next, total) = paged.into_parts();
        assert_eq!(
            (items.len(), next.as_deref(), total),
            (1, Some("https://eu.amani.ai/api/v2/user?page=2"), Some(3))
        );
        let bare: crate::providers::http::drf::DrfList<WireUser> = serde_json::from_str(
            r#"[{"id": "u1", "email": "a@b.co"}, {"id": "u2", "groups": null}]"#,
        )
        .unwrap();
        let (items, next, total) = bare.into_parts();
        assert_eq!((items.len(), next, total), (2, None, Some(2)));
        let groups: crate::providers::http::drf::DrfList<WireGroup> =
            serde_json::from_str(r#"[{"id": 1, "name": "Admin", "permissions": ["view_user"]}]"#)
                .unwrap();
        assert_eq!(id_string(&groups.into_parts().0[0].id), "1");
    }

    #[test]
    fn group_references_are_objects_or_ids() {
        let (id, name) =
            group_ref(&serde_json::json!({"id": 2, "name": "Operator", "permissions": []}));
        assert_eq!((id.as_str(), name.as_deref()), ("2", Some("Operator")));
        assert_eq!(group_ref(&serde_json::json!(3)), ("3".to_string(), None));
    }
}
