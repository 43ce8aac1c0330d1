//! Django REST Framework's validation answer, shared by the DRF-based vendors (Bleemeo, Amani).

use std::collections::BTreeMap;

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;

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
