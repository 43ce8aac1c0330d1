//! Cradl's `/users`, `/roles` and `/profiles` endpoints and the JSON they answer with.

use std::sync::LazyLock;

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use chrono::Utc;
use regex_lite::Regex;
use serde_json::{json, Map, Value};

use super::{
    bad_request, message, new_id, page, paging, time, Profile, Role, State, User, UserStatus,
    PROFILE_ID, ROLE_ID, USER_ID,
};
use crate::sandbox::{ApiRequest, VendorCtx};

/// The email pattern of Cradl's `POST /users` (seed 003).
static EMAIL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[A-Za-z0-9][-+._A-Za-z0-9]*@([-_.A-Za-z0-9]+\.)+[A-Za-z]{2,}$")
        .expect("valid email pattern")
});
static APP_CLIENT_ID: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(cradl|las):app-client:[a-z0-9_-]+$").expect("valid app client id pattern")
});

const TEXT_MAX: usize = 4096;
const CREATE_KEYS: [&str; 6] = [
    "email",
    "roleIds",
    "metadata",
    "name",
    "description",
    "appClientId",
];
const PATCH_KEYS: [&str; 4] = ["roleIds", "metadata", "name", "description"];

type Body = Map<String, Value>;

pub(super) fn list(ctx: &VendorCtx<'_>, req: &ApiRequest) -> Response {
    let (max, after) = match paging(req) {
        Ok(p) => p,
        Err(answer) => return *answer,
    };
    let guard = ctx.state();
    let state = &guard.cradl;
    let mut users: Vec<(u64, &User)> = state.users.iter().map(|u| (u.seq, u)).collect();
    users.sort_by_key(|(seq, _)| *seq);
    let (users, next) = page(users, max, after);
    let users: Vec<Value> = users.into_iter().map(user_json).collect();
    Json(json!({"users": users, "nextToken": next})).into_response()
}

pub(super) fn get(ctx: &VendorCtx<'_>, id: &str) -> Response {
    let guard = ctx.state();
    match find(&guard.cradl, id) {
        Ok(i) => Json(user_json(&guard.cradl.users[i])).into_response(),
        Err(answer) => *answer,
    }
}

pub(super) fn create(ctx: &VendorCtx<'_>, req: &ApiRequest, client: &str) -> Response {
    let body = match object(req) {
        Ok(body) => body,
        Err(answer) => return *answer,
    };
    if let Some(key) = body.keys().find(|k| !CREATE_KEYS.contains(&k.as_str())) {
        return bad_request(format!("Invalid request body: unknown field {key}"));
    }
    let mut guard = ctx.state();
    let state = &mut guard.cradl;
    let fields = match Fields::read(&body, state) {
        Ok(fields) => fields,
        Err(text) => return bad_request(text),
    };
    let email = match body.get("email") {
        None => return bad_request("Invalid request body: email is required"),
        Some(Value::String(e)) if EMAIL.is_match(e) => e.clone(),
        Some(_) => return bad_request("Invalid request body: email does not match the pattern"),
    };
    if let Some(app) = body.get("appClientId") {
        if !app.as_str().is_some_and(|a| APP_CLIENT_ID.is_match(a)) {
            return bad_request("Invalid request body: appClientId does not match the pattern");
        }
    }
    if state.users.iter().any(|u| {
        state
            .email_of(u)
            .is_some_and(|e| e.eq_ignore_ascii_case(&email))
    }) {
        return bad_request(format!("User with email {email} already exists"));
    }
    if state.users.len() >= state.max_users {
        return bad_request(format!(
            "Maximum number of users ({}) reached for this organization",
            state.max_users
        ));
    }
    let profile_id = state.profile_for(&email);
    let seq = state.take_seq();
    let user = User {
        user_id: new_id("user"),
        profile_id,
        name: fields.name.flatten(),
        description: fields.description.flatten(),
        metadata: fields.metadata.unwrap_or_default(),
        role_ids: fields.role_ids.unwrap_or_default(),
        status: UserStatus::InvitePending,
        created_by: client.to_string(),
        created_time: Utc::now(),
        updated_by: None,
        updated_time: None,
        seq,
    };
    let answer = user_json(&user);
    state.users.push(user);
    Json(answer).into_response()
}

pub(super) fn update(ctx: &VendorCtx<'_>, req: &ApiRequest, id: &str, client: &str) -> Response {
    let body = match object(req) {
        Ok(body) => body,
        Err(answer) => return *answer,
    };
    if body.contains_key("email") {
        return bad_request("Invalid request body: email cannot be changed");
    }
    if let Some(key) = body.keys().find(|k| !PATCH_KEYS.contains(&k.as_str())) {
        return bad_request(format!("Invalid request body: unknown field {key}"));
    }
    if body.is_empty() {
        return bad_request(
            "Invalid request body: give at least one of roleIds, metadata, name, description",
        );
    }
    let mut guard = ctx.state();
    let state = &mut guard.cradl;
    let fields = match Fields::read(&body, state) {
        Ok(fields) => fields,
        Err(text) => return bad_request(text),
    };
    let index = match find(state, id) {
        Ok(i) => i,
        Err(answer) => return *answer,
    };
    let user = &mut state.users[index];
    // Each given field replaces the old value whole, metadata and roleIds included.
    if let Some(name) = fields.name {
        user.name = name;
    }
    if let Some(description) = fields.description {
        user.description = description;
    }
    if let Some(metadata) = fields.metadata {
        user.metadata = metadata;
    }
    if let Some(role_ids) = fields.role_ids {
        user.role_ids = role_ids;
    }
    user.updated_by = Some(client.to_string());
    user.updated_time = Some(Utc::now());
    Json(user_json(user)).into_response()
}

/// Answers 200 with the user as it was.
pub(super) fn delete(ctx: &VendorCtx<'_>, id: &str) -> Response {
    let mut guard = ctx.state();
    let state = &mut guard.cradl;
    match find(state, id) {
        Ok(i) => Json(user_json(&state.users.remove(i))).into_response(),
        Err(answer) => *answer,
    }
}

pub(super) fn list_roles(ctx: &VendorCtx<'_>, req: &ApiRequest) -> Response {
    let (max, after) = match paging(req) {
        Ok(p) => p,
        Err(answer) => return *answer,
    };
    let guard = ctx.state();
    let roles: Vec<(u64, &Role)> = guard
        .cradl
        .roles
        .iter()
        .zip(0..)
        .map(|(r, i)| (i, r))
        .collect();
    let (roles, next) = page(roles, max, after);
    let roles: Vec<Value> = roles.into_iter().map(role_json).collect();
    Json(json!({"roles": roles, "nextToken": next})).into_response()
}

pub(super) fn get_role(ctx: &VendorCtx<'_>, id: &str) -> Response {
    if !ROLE_ID.is_match(id) {
        return bad_request("Invalid roleId");
    }
    let guard = ctx.state();
    match guard.cradl.roles.iter().find(|r| r.role_id == id) {
        Some(role) => Json(role_json(role)).into_response(),
        None => message(StatusCode::NOT_FOUND, &format!("Role {id} not found")),
    }
}

pub(super) fn get_profile(ctx: &VendorCtx<'_>, id: &str) -> Response {
    if !PROFILE_ID.is_match(id) {
        return bad_request("Invalid profileId");
    }
    let guard = ctx.state();
    match guard.cradl.profiles.iter().find(|p| p.profile_id == id) {
        Some(profile) => Json(profile_json(profile)).into_response(),
        None => message(StatusCode::NOT_FOUND, &format!("Profile {id} not found")),
    }
}

/// The optional fields shared by create and patch, each checked. `Some(None)`: given as null.
struct Fields {
    name: Option<Option<String>>,
    description: Option<Option<String>>,
    metadata: Option<Map<String, Value>>,
    role_ids: Option<Vec<String>>,
}

impl Fields {
    fn read(body: &Body, state: &State) -> Result<Fields, String> {
        let text = |key: &str| match body.get(key) {
            None => Ok(None),
            Some(Value::Null) => Ok(Some(None)),
            Some(Value::String(s)) if s.chars().count() <= TEXT_MAX => Ok(Some(Some(s.clone()))),
            Some(Value::String(_)) => Err(format!(
                "Invalid request body: {key} is longer than {TEXT_MAX} characters"
            )),
            Some(_) => Err(format!("Invalid request body: {key} must be a string")),
        };
        let metadata = match body.get("metadata") {
            None => None,
            Some(Value::Object(m)) => Some(m.clone()),
            Some(_) => return Err("Invalid request body: metadata must be an object".into()),
        };
        let role_ids = match body.get("roleIds") {
            None => None,
            Some(Value::Array(items)) => Some(role_ids(items, state)?),
            Some(_) => return Err("Invalid request body: roleIds must be an array".into()),
        };
        Ok(Fields {
            name: text("name")?,
            description: text("description")?,
            metadata,
            role_ids,
        })
    }
}

fn role_ids(items: &[Value], state: &State) -> Result<Vec<String>, String> {
    let mut ids: Vec<String> = Vec::new();
    for item in items {
        let Some(id) = item.as_str().filter(|id| ROLE_ID.is_match(id)) else {
            return Err(format!(
                "Invalid request body: roleIds item {item} does not match the pattern"
            ));
        };
        if !state.roles.iter().any(|r| r.role_id == id) {
            return Err(format!("Role {id} does not exist"));
        }
        if !ids.iter().any(|i| i == id) {
            ids.push(id.to_string());
        }
    }
    Ok(ids)
}

/// The body as a JSON object.
fn object(req: &ApiRequest) -> Result<Body, Box<Response>> {
    match serde_json::from_slice::<Value>(&req.body) {
        Ok(Value::Object(body)) => Ok(body),
        _ => Err(Box::new(bad_request("Invalid request body"))),
    }
}

/// The index of the user `id`: 400 for a malformed id, 404 for an unknown one.
fn find(state: &State, id: &str) -> Result<usize, Box<Response>> {
    if !USER_ID.is_match(id) {
        return Err(Box::new(bad_request("Invalid userId")));
    }
    state
        .users
        .iter()
        .position(|u| u.user_id == id)
        .ok_or_else(|| {
            Box::new(message(
                StatusCode::NOT_FOUND,
                &format!("User {id} not found"),
            ))
        })
}

fn user_json(user: &User) -> Value {
    json!({
        "userId": user.user_id,
        "profileId": user.profile_id,
        "name": user.name,
        "description": user.description,
        "metadata": user.metadata,
        "roleIds": user.role_ids,
        "status": user.status,
        "createdBy": user.created_by,
        "createdTime": time(&user.created_time),
        "updatedBy": user.updated_by,
        "updatedTime": user.updated_time.as_ref().map(time),
    })
}

fn role_json(role: &Role) -> Value {
    let permissions: Vec<Value> = role
        .permissions
        .iter()
        .map(|(resource, action, effect)| {
            json!({"resourceId": resource, "action": action, "effect": effect})
        })
        .collect();
    json!({
        "roleId": role.role_id,
        "name": role.name,
        "description": role.description,
        "permissions": permissions,
        "createdBy": null,
        "createdTime": null,
        "updatedBy": null,
        "updatedTime": null,
    })
}

fn profile_json(profile: &Profile) -> Value {
    json!({
        "profileId": profile.profile_id,
        "email": profile.email,
        "name": profile.name,
        "givenName": profile.given_name,
        "familyName": profile.family_name,
        "locale": null,
        "picture": null,
        "metadata": null,
        "numberOfOrganizationsAllowed": 1,
        "numberOfOrganizationsCreated": 1,
        "createdTime": time(&profile.created_time),
        "updatedTime": null,
    })
}
