//! Discovery: `/ServiceProviderConfig`, `/ResourceTypes`, `/Schemas` (RFC 7644 §4, RFC 7643
//! §5-7), each as the dialect describes itself.

use axum::http::StatusCode;
use serde_json::{json, Value};

use super::dialect::Dialect;
use super::error::{ScimError, ScimResult};
use super::list::CURSOR_TIMEOUT;
use super::render::Links;
use super::schema::{schema_documents, ResourceType, LIST_RESPONSE};

/// RFC 7643 §5, with RFC 9865 §4's `pagination`.
pub(crate) fn service_provider_config(
    links: &Links,
    dialect: Dialect,
    has_filter: bool,
) -> ScimResult<Value> {
    if has_filter {
        // RFC 7644 §4: a filter here gets 403, so that no client believes it was applied.
        return Err(ScimError::new(
            StatusCode::FORBIDDEN,
            "/ServiceProviderConfig takes no filter",
        ));
    }
    let max_results = dialect.paging().map_or(10_000, |p| p.max_page_size);
    let mut config = json!({
        "schemas": ["urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig"],
        "documentationUri": "https://www.rfc-editor.org/rfc/rfc7644",
        "patch": {"supported": true},
        "bulk": {"supported": false, "maxOperations": 0, "maxPayloadSize": 0},
        "filter": {"supported": true, "maxResults": max_results},
        "changePassword": {"supported": false},
        "sort": {"supported": dialect.sorting()},
        "etag": {"supported": dialect.etags()},
        "authenticationSchemes": [{
            "type": "oauthbearertoken",
            "name": "OAuth Bearer Token",
            "description": "Authentication with a bearer token (RFC 6750)",
            "specUri": "https://www.rfc-editor.org/rfc/rfc6750",
            "primary": true,
        }],
        "meta": {
            "resourceType": "ServiceProviderConfig",
            "location": format!("{}/ServiceProviderConfig", links.root),
        },
    });
    config["pagination"] = match dialect.paging() {
        Some(p) => json!({
            "cursor": p.cursor,
            "index": p.index,
            "defaultPaginationMethod": if p.cursor_by_default { "cursor" } else { "index" },
            "defaultPageSize": p.default_page_size,
            "maxPageSize": p.max_page_size,
            "cursorTimeout": CURSOR_TIMEOUT.as_secs(),
        }),
        None => json!({"cursor": false, "index": false}),
    };
    Ok(config)
}

fn resource_type(rt: ResourceType, links: &Links) -> Value {
    let extensions: Vec<Value> = rt
        .extensions()
        .iter()
        .map(|(urn, _)| json!({"schema": urn, "required": false}))
        .collect();
    let mut doc = json!({
        "schemas": ["urn:ietf:params:scim:schemas:core:2.0:ResourceType"],
        "id": rt.name(),
        "name": rt.name(),
        "endpoint": format!("/{}", rt.endpoint()),
        "description": match rt {
            ResourceType::User => "User Account",
            ResourceType::Group => "Group",
        },
        "schema": rt.core_schema(),
        "meta": {
            "resourceType": "ResourceType",
            "location": format!("{}/ResourceTypes/{}", links.root, rt.name()),
        },
    });
    if !extensions.is_empty() {
        doc["schemaExtensions"] = Value::Array(extensions);
    }
    doc
}

pub(crate) fn resource_types(
    links: &Links,
    dialect: Dialect,
    one: Option<&str>,
) -> ScimResult<Value> {
    let all = [ResourceType::User, ResourceType::Group];
    match one {
        Some(name) => all
            .into_iter()
            .find(|rt| rt.name().eq_ignore_ascii_case(name))
            .map(|rt| resource_type(rt, links))
            .ok_or_else(|| {
                ScimError::not_found(format!(
                    "no resource type {name:?}; there are User and Group"
                ))
            }),
        None => {
            let docs: Vec<Value> = all.into_iter().map(|rt| resource_type(rt, links)).collect();
            Ok(list(dialect, docs))
        }
    }
}

pub(crate) fn schemas(links: &Links, dialect: Dialect, one: Option<&str>) -> ScimResult<Value> {
    let docs: Vec<(&str, Value)> = schema_documents()
        .into_iter()
        .map(|(id, mut doc)| {
            doc["meta"] = json!({
                "resourceType": "Schema",
                "location": format!("{}/Schemas/{id}", links.root),
            });
            (id, doc)
        })
        .collect();
    match one {
        Some(urn) => docs
            .into_iter()
            .find(|(id, _)| id.eq_ignore_ascii_case(urn))
            .map(|(_, doc)| doc)
            .ok_or_else(|| ScimError::not_found(format!("no schema {urn:?}"))),
        None => Ok(list(dialect, docs.into_iter().map(|(_, d)| d).collect())),
    }
}

fn list(dialect: Dialect, docs: Vec<Value>) -> Value {
    let mut body = json!({
        "schemas": [LIST_RESPONSE],
        "totalResults": docs.len(),
        "itemsPerPage": docs.len(),
        "startIndex": 1,
    });
    body[dialect.resources_key()] = Value::Array(docs);
    body
}
