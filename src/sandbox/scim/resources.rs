//! `/Users` and `/Groups`: create, read, replace, patch, delete and search (RFC 7644 §3.3-3.6),
//! with ETags (§3.14), userName uniqueness and member integrity.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::{json, Map, Value};

use super::dialect::{Answer, Dialect};
use super::error::{answer, ScimError, ScimResult};
use super::list::{self, Query};
use super::patch;
use super::render::{etag, render, shown, Links, Projection};
use super::schema::{ResourceType, SEARCH_REQUEST};
use super::state::{new_id, Resource, State};
use super::write;
use crate::sandbox::{ApiRequest, VendorCtx};

/// What every handler needs to know about the request it answers.
pub(crate) struct Call<'a> {
    pub(crate) ctx: &'a VendorCtx<'a>,
    pub(crate) req: &'a ApiRequest,
    pub(crate) links: Links,
    pub(crate) dialect: Dialect,
    /// The media type answers carry (RFC 7644 §3.8).
    pub(crate) media: &'static str,
}

impl Call<'_> {
    fn json(&self, status: StatusCode, body: &Value) -> Response {
        answer(status, body, self.media)
    }

    fn projection(&self) -> ScimResult<Projection> {
        Projection::parse(
            self.req.query("attributes"),
            self.req.query("excludedAttributes"),
        )
    }

    /// One resource, with its ETag and (for a new one) its Location.
    fn resource(
        &self,
        status: StatusCode,
        state: &State,
        rt: ResourceType,
        resource: &Resource,
    ) -> ScimResult<Response> {
        let full = render(state, rt, resource, &self.links, self.dialect);
        let body = Value::Object(self.projection()?.apply(rt, shown(self.dialect, rt, full)));
        let mut response = self.json(status, &body);
        self.tag(&mut response, resource);
        if status == StatusCode::CREATED {
            if let Ok(location) = HeaderValue::from_str(&self.links.location(rt, &resource.id)) {
                response.headers_mut().insert(header::LOCATION, location);
            }
        }
        Ok(response)
    }

    fn tag(&self, response: &mut Response, resource: &Resource) {
        if self.dialect.etags() {
            if let Ok(value) = HeaderValue::from_str(&etag(resource)) {
                response.headers_mut().insert(header::ETAG, value);
            }
        }
    }

    /// RFC 7644 §3.14: a write with `If-Match` goes ahead only on the version it names.
    fn check_if_match(&self, resource: &Resource) -> ScimResult<()> {
        if !self.dialect.etags() {
            return Ok(());
        }
        let Some(given) = self.req.headers.get(header::IF_MATCH) else {
            return Ok(());
        };
        let given = String::from_utf8_lossy(given.as_bytes());
        if tag_matches(&given, &etag(resource)) {
            return Ok(());
        }
        Err(ScimError::new(
            StatusCode::PRECONDITION_FAILED,
            format!(
                "the resource changed: its version is {}, not {given}; read it again and retry",
                etag(resource)
            ),
        ))
    }

    /// The request body as JSON: `application/scim+json`, or `application/json` (RFC 7644 §3.8).
    fn body(&self) -> ScimResult<Value> {
        if self.req.body.is_empty() {
            return Err(ScimError::invalid_syntax("a JSON body is required"));
        }
        let content_type = self
            .req
            .headers
            .get(header::CONTENT_TYPE)
            .map(|v| String::from_utf8_lossy(v.as_bytes()).to_string());
        let essence = content_type
            .as_deref()
            .and_then(|ct| ct.split(';').next())
            .map(|e| e.trim().to_ascii_lowercase());
        if !matches!(
            essence.as_deref(),
            Some("application/scim+json" | "application/json")
        ) {
            return Err(ScimError::new(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                format!(
                    "send the body as application/scim+json (got {})",
                    content_type.as_deref().unwrap_or("no Content-Type")
                ),
            ));
        }
        serde_json::from_slice(&self.req.body)
            .map_err(|e| ScimError::invalid_syntax(format!("the body is not valid JSON: {e}")))
    }
}

/// Weak comparison of entity tags (the RFC's own examples send `If-Match: W/"..."`).
fn tag_matches(header: &str, current: &str) -> bool {
    let opaque = |t: &str| t.trim().trim_start_matches("W/").to_string();
    header
        .split(',')
        .any(|t| t.trim() == "*" || opaque(t) == opaque(current))
}

fn not_found(rt: ResourceType, id: &str) -> ScimError {
    ScimError::not_found(format!("no {} with id {id:?}", rt.name()))
}

pub(crate) fn create(call: &Call<'_>, rt: ResourceType) -> ScimResult<Response> {
    let body = call.body()?;
    let mut attrs = write::resource_body(rt, &body)?;
    let mut guard = call.ctx.state();
    let state = &mut guard.scim;
    let id = new_id();
    check_unique(state, rt, &attrs, None)?;
    if rt == ResourceType::Group {
        resolve_members(state, &mut attrs, &id)?;
    }
    state.collection_mut(rt).push(Resource::new(id, attrs));
    let state = &*state;
    let Some(created) = state.collection(rt).last() else {
        return Err(ScimError::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "the new resource vanished",
        ));
    };
    call.resource(StatusCode::CREATED, state, rt, created)
}

pub(crate) fn get(call: &Call<'_>, rt: ResourceType, id: &str) -> ScimResult<Response> {
    let guard = call.ctx.state();
    let state = &guard.scim;
    let resource = state.find(rt, id).ok_or_else(|| not_found(rt, id))?;
    if call.dialect.etags() {
        if let Some(given) = call.req.headers.get(header::IF_NONE_MATCH) {
            if tag_matches(&String::from_utf8_lossy(given.as_bytes()), &etag(resource)) {
                let mut response = StatusCode::NOT_MODIFIED.into_response();
                call.tag(&mut response, resource);
                return Ok(response);
            }
        }
    }
    call.resource(StatusCode::OK, state, rt, resource)
}

/// PUT (RFC 7644 §3.5.1): the body replaces every writable attribute; read-only ones are
/// ignored, and attributes left out are cleared, unknown extensions included.
pub(crate) fn replace(call: &Call<'_>, rt: ResourceType, id: &str) -> ScimResult<Response> {
    let body = call.body()?;
    let mut guard = call.ctx.state();
    let state = &mut guard.scim;
    let current = state.find(rt, id).ok_or_else(|| not_found(rt, id))?;
    call.check_if_match(current)?;
    let mut attrs = write::resource_body(rt, &body)?;
    check_unique(state, rt, &attrs, Some(id))?;
    if rt == ResourceType::Group {
        resolve_members(state, &mut attrs, id)?;
    }
    let resource = find_mut(state, rt, id)?;
    resource.set_attributes(attrs);
    let state = &*state;
    let resource = state.find(rt, id).ok_or_else(|| not_found(rt, id))?;
    call.resource(StatusCode::OK, state, rt, resource)
}

pub(crate) fn patch(call: &Call<'_>, rt: ResourceType, id: &str) -> ScimResult<Response> {
    let body = call.body()?;
    let projection = call.projection()?;
    let mut guard = call.ctx.state();
    let state = &mut guard.scim;
    let current = state.find(rt, id).ok_or_else(|| not_found(rt, id))?;
    call.check_if_match(current)?;
    let before = current.member_ids();
    let mut attrs = patch::apply(rt, &current.attributes, &body, call.dialect)?;
    check_unique(state, rt, &attrs, Some(id))?;
    if rt == ResourceType::Group {
        resolve_members(state, &mut attrs, id)?;
        check_member_limits(call.dialect, &before, &attrs)?;
    }
    find_mut(state, rt, id)?.set_attributes(attrs);
    let state = &*state;
    let resource = state.find(rt, id).ok_or_else(|| not_found(rt, id))?;
    // "The server MUST return a 200 OK if the attributes parameter is specified" (§3.5.2).
    match call.dialect.patch_answer() {
        Answer::NoContent if !projection.is_set() => {
            let mut response = StatusCode::NO_CONTENT.into_response();
            call.tag(&mut response, resource);
            Ok(response)
        }
        Answer::EmptyObject if !projection.is_set() => Ok(call.json(StatusCode::OK, &json!({}))),
        _ => call.resource(StatusCode::OK, state, rt, resource),
    }
}

pub(crate) fn delete(call: &Call<'_>, rt: ResourceType, id: &str) -> ScimResult<Response> {
    let mut guard = call.ctx.state();
    let state = &mut guard.scim;
    let current = state.find(rt, id).ok_or_else(|| not_found(rt, id))?;
    call.check_if_match(current)?;
    if rt == ResourceType::User && call.dialect.delete_deactivates() {
        // Slack: the user stays, deactivated, and keeps showing in lists.
        let resource = find_mut(state, rt, id)?;
        let mut attrs = resource.attributes.clone();
        attrs.insert("active".into(), Value::Bool(false));
        resource.set_attributes(attrs);
    } else {
        state.collection_mut(rt).retain(|r| r.id != id);
        // Referential integrity: nothing may keep pointing at what is gone.
        for group in state.groups.iter_mut() {
            let Some(Value::Array(members)) = group.attributes.get_mut("members") else {
                continue;
            };
            let before = members.len();
            members.retain(|m| m.get("value").and_then(Value::as_str) != Some(id));
            if members.len() != before {
                if members.is_empty() {
                    group.attributes.remove("members");
                }
                group.touch();
            }
        }
    }
    Ok(match call.dialect.delete_answer() {
        Answer::EmptyObject => call.json(StatusCode::OK, &json!({})),
        _ => StatusCode::NO_CONTENT.into_response(),
    })
}

/// POST `/Users/.search`, or `/.search` over every type (RFC 7644 §3.4.3): the query in a
/// SearchRequest body.
pub(crate) fn search(call: &Call<'_>, types: &[ResourceType]) -> ScimResult<Response> {
    let body = call.body()?;
    let Value::Object(fields) = &body else {
        return Err(ScimError::invalid_syntax(
            "the body must be a SearchRequest object",
        ));
    };
    let listed = super::filter::get_ci(fields, "schemas")
        .and_then(Value::as_array)
        .is_some_and(|s| {
            s.iter().any(|u| {
                u.as_str()
                    .is_some_and(|u| u.eq_ignore_ascii_case(SEARCH_REQUEST))
            })
        });
    if !listed {
        return Err(ScimError::invalid_syntax(format!(
            "`schemas` must be [\"{SEARCH_REQUEST}\"]"
        )));
    }
    let text = |name: &str| -> Option<String> {
        match super::filter::get_ci(fields, name)? {
            Value::String(s) => Some(s.clone()),
            Value::Number(n) => Some(n.to_string()),
            Value::Array(items) => Some(
                items
                    .iter()
                    .filter_map(Value::as_str)
                    .collect::<Vec<_>>()
                    .join(","),
            ),
            _ => None,
        }
    };
    let query = Query {
        filter: text("filter"),
        sort_by: text("sortBy"),
        sort_order: text("sortOrder"),
        start_index: text("startIndex"),
        count: text("count"),
        cursor: text("cursor"),
        attributes: text("attributes"),
        excluded_attributes: text("excludedAttributes"),
    };
    let mut guard = call.ctx.state();
    let body = list::run(&mut guard.scim, types, &query, &call.links, call.dialect)?;
    Ok(call.json(StatusCode::OK, &body))
}

pub(crate) fn list(call: &Call<'_>, rt: ResourceType) -> ScimResult<Response> {
    let types = &[rt];
    let q = |name: &str| call.req.query(name).map(str::to_string);
    let query = Query {
        filter: q("filter"),
        sort_by: q("sortBy"),
        sort_order: q("sortOrder"),
        start_index: q("startIndex"),
        count: q("count"),
        cursor: q("cursor"),
        attributes: q("attributes"),
        excluded_attributes: q("excludedAttributes"),
    };
    let mut guard = call.ctx.state();
    let body = list::run(&mut guard.scim, types, &query, &call.links, call.dialect)?;
    Ok(call.json(StatusCode::OK, &body))
}

fn find_mut<'s>(state: &'s mut State, rt: ResourceType, id: &str) -> ScimResult<&'s mut Resource> {
    state
        .collection_mut(rt)
        .iter_mut()
        .find(|r| r.id == id)
        .ok_or_else(|| not_found(rt, id))
}

/// `userName` is unique, case-insensitively (RFC 7643 §4.1.1: caseExact false, uniqueness
/// server), across every user but `own_id`.
fn check_unique(
    state: &State,
    rt: ResourceType,
    attrs: &Map<String, Value>,
    own_id: Option<&str>,
) -> ScimResult<()> {
    if rt != ResourceType::User {
        return Ok(());
    }
    let Some(name) = attrs.get("userName").and_then(Value::as_str) else {
        return Ok(());
    };
    let name = name.to_lowercase();
    let taken = state.users.iter().any(|u| {
        Some(u.id.as_str()) != own_id
            && u.attributes
                .get("userName")
                .and_then(Value::as_str)
                .is_some_and(|n| n.to_lowercase() == name)
    });
    if taken {
        return Err(ScimError::uniqueness(format!(
            "userName {name:?} is already taken (userNames compare case-insensitively)"
        )));
    }
    Ok(())
}

/// Every member must be an existing user or group (not the group itself); members are stored
/// as `{value, type}`, and shown with their `display` and `$ref`.
fn resolve_members(
    state: &State,
    attrs: &mut Map<String, Value>,
    group_id: &str,
) -> ScimResult<()> {
    let Some(Value::Array(members)) = attrs.remove("members") else {
        return Ok(());
    };
    let mut resolved: Vec<Value> = Vec::new();
    for member in members {
        let id = member.get("value").and_then(Value::as_str).ok_or_else(|| {
            ScimError::invalid_value("each member needs a `value`: the id of a User or Group")
        })?;
        let actual = if state.find(ResourceType::User, id).is_some() {
            ResourceType::User
        } else if id != group_id && state.find(ResourceType::Group, id).is_some() {
            ResourceType::Group
        } else if id == group_id {
            return Err(ScimError::invalid_value(
                "a group cannot be a member of itself",
            ));
        } else {
            return Err(ScimError::invalid_value(format!(
                "member {id:?} is neither a User nor a Group here"
            )));
        };
        if let Some(given) = member.get("type").and_then(Value::as_str) {
            if !given.eq_ignore_ascii_case(actual.name()) {
                return Err(ScimError::invalid_value(format!(
                    "member {id:?} is a {}, not a {given}",
                    actual.name()
                )));
            }
        }
        if !resolved
            .iter()
            .any(|m| m.get("value").and_then(Value::as_str) == Some(id))
        {
            resolved.push(json!({"value": id, "type": actual.name()}));
        }
    }
    if !resolved.is_empty() {
        attrs.insert("members".into(), Value::Array(resolved));
    }
    Ok(())
}

fn check_member_limits(
    dialect: Dialect,
    before: &[String],
    after: &Map<String, Value>,
) -> ScimResult<()> {
    let now: Vec<&str> = after
        .get("members")
        .and_then(Value::as_array)
        .map(|m| m.iter().filter_map(|m| m.get("value")?.as_str()).collect())
        .unwrap_or_default();
    let adds = now
        .iter()
        .filter(|id| !before.iter().any(|b| b == *id))
        .count();
    let removes = before.iter().filter(|b| !now.contains(&b.as_str())).count();
    let limits = dialect.member_limits();
    let over = |what: &str, n: usize, max: Option<usize>| {
        match max {
        Some(max) if n > max => Err(ScimError::invalid_value(format!(
            "this service takes at most {max} member {what} per request ({n} sent); split the change"
        ))),
        _ => Ok(()),
    }
    };
    over("additions", adds, limits.adds)?;
    over("removals", removes, limits.removes)?;
    over("changes", adds + removes, limits.changes)
}
