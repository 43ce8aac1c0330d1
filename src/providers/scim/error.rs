//! SCIM error answers (RFC 7644 §3.12) -> typed errors, through the shared decoder.

use serde_json::Value;

use super::wire::get_ci;
use crate::providers::http::decode::{self, ErrorDialect};
use crate::providers::http::Response;
use crate::providers::ProviderError;

pub(super) const ERRORS: ErrorDialect = ErrorDialect {
    vendor: "the SCIM service",
    duplicate_statuses: &[400, 409],
    duplicate_fields: &["userName", "emails", "externalId"],
    duplicate_words: &["already exists", "already in use", "must be unique"],
    routes_that_exist: &["/Users", "/Groups"],
    setting: "base_url",
    api_gateway: false,
};

/// What a SCIM error body says beyond its text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct ScimSaid {
    pub(crate) scim_type: Option<String>,
    /// `status`, a string or a number in the wild.
    pub(crate) status: Option<u16>,
}

pub(crate) fn read_scim(body: &[u8]) -> ScimSaid {
    let Ok(Value::Object(map)) = serde_json::from_slice::<Value>(body) else {
        return ScimSaid::default();
    };
    let scim_type = get_ci(&map, "scimType")
        .and_then(Value::as_str)
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty());
    let status = get_ci(&map, "status").and_then(|s| match s {
        Value::String(s) => s.trim().parse().ok(),
        Value::Number(n) => n.as_u64().and_then(|n| u16::try_from(n).ok()),
        _ => None,
    });
    ScimSaid { scim_type, status }
}

/// The scimType of an error answer, if it has one.
pub(crate) fn scim_type(resp: &Response) -> Option<String> {
    read_scim(&resp.body).scim_type
}

/// True for `400 invalidFilter`: the server does not take this filter form.
pub(crate) fn is_invalid_filter(resp: &Response) -> bool {
    resp.status == 400 && scim_type(resp).is_some_and(|t| t.eq_ignore_ascii_case("invalidFilter"))
}

/// True for `400 tooMany`: the query matches more than the server will answer.
pub(crate) fn is_too_many(resp: &Response) -> bool {
    resp.status == 400 && scim_type(resp).is_some_and(|t| t.eq_ignore_ascii_case("tooMany"))
}

/// Status and body -> the typed error. `uniqueness` is a duplicate (exit 6) whatever status
/// carries it; the other scimTypes keep the service's detail and name the type.
pub(crate) fn decode_error(resp: &Response) -> ProviderError {
    let said = read_scim(&resp.body);
    let err = decode::decode(resp, &ERRORS);
    let Some(kind) = said.scim_type else {
        return err;
    };
    let message = match &err {
        ProviderError::Invalid { message }
        | ProviderError::Conflict { message }
        | ProviderError::Http { message, .. }
        | ProviderError::Forbidden { message }
        | ProviderError::NotFound { message } => message.clone(),
        _ => return err,
    };
    match kind.to_ascii_lowercase().as_str() {
        "uniqueness" => ProviderError::Conflict { message },
        "invalidfilter" | "invalidvalue" | "invalidsyntax" | "invalidpath" | "notarget"
        | "mutability" | "invalidvers" | "sensitive" => ProviderError::Invalid {
            message: format!("{message} (scimType {kind})"),
        },
        "toomany" => ProviderError::Invalid {
            message: format!(
                "{message} (scimType tooMany: the service will not answer a query this broad)"
            ),
        },
        _ => err,
    }
}

/// A 412 after the one retry: somebody else keeps changing the resource.
pub(crate) fn precondition_failed(what: &str) -> ProviderError {
    ProviderError::Http {
        status: 412,
        message: format!(
            "{what} changed on the service while roster was changing it (If-Match failed twice); \
             nothing was changed: run the command again"
        ),
    }
}
