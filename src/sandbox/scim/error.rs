//! SCIM's error answer (RFC 7644 §3.12) and the media type every answer carries (§3.8, §8.1).

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::{json, Value};

pub(crate) const ERROR_SCHEMA: &str = "urn:ietf:params:scim:api:messages:2.0:Error";
pub(crate) const SCIM_JSON: &str = "application/scim+json";

/// A failed request: the HTTP status, RFC 7644 Table 9's `scimType` where one applies, and a
/// detail that says what to change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ScimError {
    pub(crate) status: StatusCode,
    pub(crate) scim_type: Option<&'static str>,
    pub(crate) detail: String,
}

pub(crate) type ScimResult<T> = Result<T, ScimError>;

impl ScimError {
    pub(crate) fn new(status: StatusCode, detail: impl Into<String>) -> ScimError {
        ScimError {
            status,
            scim_type: None,
            detail: detail.into(),
        }
    }

    fn bad(scim_type: &'static str, detail: impl Into<String>) -> ScimError {
        ScimError {
            status: StatusCode::BAD_REQUEST,
            scim_type: Some(scim_type),
            detail: detail.into(),
        }
    }

    pub(crate) fn invalid_filter(detail: impl Into<String>) -> ScimError {
        ScimError::bad("invalidFilter", detail)
    }
    pub(crate) fn invalid_syntax(detail: impl Into<String>) -> ScimError {
        ScimError::bad("invalidSyntax", detail)
    }
    pub(crate) fn invalid_value(detail: impl Into<String>) -> ScimError {
        ScimError::bad("invalidValue", detail)
    }
    pub(crate) fn invalid_path(detail: impl Into<String>) -> ScimError {
        ScimError::bad("invalidPath", detail)
    }
    pub(crate) fn no_target(detail: impl Into<String>) -> ScimError {
        ScimError::bad("noTarget", detail)
    }
    pub(crate) fn mutability(detail: impl Into<String>) -> ScimError {
        ScimError::bad("mutability", detail)
    }
    pub(crate) fn too_many(detail: impl Into<String>) -> ScimError {
        ScimError::bad("tooMany", detail)
    }
    /// RFC 9865 §2.1
    pub(crate) fn invalid_cursor(detail: impl Into<String>) -> ScimError {
        ScimError::bad("invalidCursor", detail)
    }
    pub(crate) fn expired_cursor(detail: impl Into<String>) -> ScimError {
        ScimError::bad("expiredCursor", detail)
    }
    pub(crate) fn invalid_count(detail: impl Into<String>) -> ScimError {
        ScimError::bad("invalidCount", detail)
    }

    pub(crate) fn uniqueness(detail: impl Into<String>) -> ScimError {
        ScimError {
            status: StatusCode::CONFLICT,
            scim_type: Some("uniqueness"),
            detail: detail.into(),
        }
    }

    pub(crate) fn not_found(detail: impl Into<String>) -> ScimError {
        ScimError::new(StatusCode::NOT_FOUND, detail)
    }

    pub(crate) fn body(&self) -> Value {
        let mut body = json!({
            "schemas": [ERROR_SCHEMA],
            // RFC 7644 §3.12: the status is a string.
            "status": self.status.as_u16().to_string(),
            "detail": self.detail,
        });
        if let Some(scim_type) = self.scim_type {
            body["scimType"] = json!(scim_type);
        }
        body
    }

    pub(crate) fn into_response(self) -> Response {
        let mut response = answer(self.status, &self.body(), SCIM_JSON);
        if self.status == StatusCode::UNAUTHORIZED {
            response.headers_mut().insert(
                header::WWW_AUTHENTICATE,
                HeaderValue::from_static("Bearer realm=\"SCIM\""),
            );
        }
        response
    }
}

/// A JSON answer with the given media type.
pub(crate) fn answer(status: StatusCode, body: &Value, media_type: &'static str) -> Response {
    let bytes = serde_json::to_vec(body).unwrap_or_default();
    (status, [(header::CONTENT_TYPE, media_type)], bytes).into_response()
}
