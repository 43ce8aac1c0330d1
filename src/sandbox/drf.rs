//! Django REST Framework's validation answer, shared by the DRF-based vendors (Bleemeo, Amani).

use std::collections::BTreeMap;

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::{json, Map, Value};

use super::{ApiRequest, BodyError};

/// A request body as DRF sees it.
pub(crate) type Body = Map<String, Value>;

/// The field errors of one request: DRF reports them all together as a 400
/// `{"field": ["message", ...]}`.
#[derive(Default)]
pub(crate) struct FieldErrors(BTreeMap<String, Vec<String>>);

impl FieldErrors {
    pub(crate) fn add(&mut self, field: &str, message: impl Into<String>) {
        self.0
            .entry(field.to_string())
            .or_default()
            .push(message.into());
    }

    pub(crate) fn has(&self, field: &str) -> bool {
        self.0.contains_key(field)
    }

    /// The 400 answer, unless nothing was wrong.
    pub(crate) fn answer(self) -> Option<Response> {
        (!self.0.is_empty()).then(|| (StatusCode::BAD_REQUEST, Json(self.0)).into_response())
    }
}

/// DRF's envelope for everything but field errors: `{"detail": "..."}`.
pub(crate) fn detail(status: StatusCode, text: &str) -> Response {
    (status, Json(json!({ "detail": text }))).into_response()
}

/// The body as a JSON object; no body reads as an empty one, as in DRF. The error is the answer
/// to give instead (boxed: it is large and rare).
pub(crate) fn object(req: &ApiRequest) -> Result<Body, Box<Response>> {
    let answer = match req.json_body() {
        Ok(None) => return Ok(Body::new()),
        Ok(Some(Value::Object(body))) => return Ok(body),
        Ok(Some(other)) => {
            let mut errors = FieldErrors::default();
            let text = format!(
                "Invalid data. Expected a dictionary, but got {}.",
                kind(&other)
            );
            errors.add("non_field_errors", text);
            errors
                .answer()
                .unwrap_or_else(|| StatusCode::BAD_REQUEST.into_response())
        }
        Err(BodyError::UnsupportedMediaType(given)) => detail(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            &format!(
                "Unsupported media type \"{}\" in request.",
                given.unwrap_or_default()
            ),
        ),
        Err(BodyError::Malformed(why)) => detail(
            StatusCode::BAD_REQUEST,
            &format!("JSON parse error - {why}"),
        ),
    };
    Err(Box::new(answer))
}

/// A JSON value's type as Python names it, for DRF's messages.
pub(crate) fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "bool",
        Value::Number(_) => "int",
        Value::String(_) => "str",
        Value::Array(_) => "list",
        Value::Object(_) => "dict",
    }
}
