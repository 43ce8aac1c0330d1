//! Paradigm's `/api/v3/users` endpoints and its user object.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::{json, Value};

use super::fields::{self, Code, FieldErrors, NAME_MAX};
use super::{
    error, list_answer, not_found, now, paging, rfc3339, InvitationStatus, State, User,
    KEY_OWNER_ID,
};
use crate::sandbox::{ApiRequest, VendorCtx};

/// What PATCH and PUT may change; PUT needs all of them.
const EDITABLE: [&str; 4] = [
    "first_name",
    "last_name",
    "account_expiration_date",
    "language",
];

/// Fields PATCH and PUT refuse, rather than ignore, so that a client believing it changed them
/// finds out.
const NOT_EDITABLE: [(&str, &str); 6] = [
    ("email", "The email cannot be changed here."),
    ("username", "The username cannot be changed here."),
    ("is_active", "is_active cannot be changed here."),
    ("company_id", "The company cannot be changed here."),
    (
        "groups",
        concat!(
            "Group membership cannot be changed here; ",
            "PUT /api/v3/groups/{id} with the full user_ids list."
        ),
    ),
    ("roles", "Roles cannot be changed here."),
];

pub(super) fn list(ctx: &VendorCtx<'_>, req: &ApiRequest) -> Response {
    let mut errors = FieldErrors::default();
    let (page, page_size) = paging(req, "page_size", &mut errors);
    let is_active = fields::bool_query(req, "is_active", &mut errors);
    let group_id = fields::id_query(req, "group_id", &mut errors);
    let company_id = fields::id_query(req, "company_id", &mut errors);
    if let Some(answer) = errors.answer() {
        return answer;
    }
    let guard = ctx.state();
    let state = &guard.paradigm;
    let in_group = |user: &User, group_id: u64| {
        state
            .groups
            .iter()
            .any(|g| g.id == group_id && g.user_ids.contains(&user.id))
    };
    let mut users: Vec<&User> = state
        .users
        .iter()
        .filter(|u| is_active.is_none_or(|active| u.is_active == active))
        .filter(|u| group_id.is_none_or(|g| in_group(u, g)))
        .filter(|_| company_id.is_none_or(|c| c == state.company.id))
        .collect();
    users.sort_by_key(|u| u.id);
    let mut params = vec![("page_size", page_size.to_string())];
    params.extend(is_active.map(|a| ("is_active", a.to_string())));
    params.extend(group_id.map(|g| ("group_id", g.to_string())));
    params.extend(company_id.map(|c| ("company_id", c.to_string())));
    list_answer(req, users, page, page_size, &params, |u| {
        user_json(state, u)
    })
}

pub(super) fn create(ctx: &VendorCtx<'_>, req: &ApiRequest) -> Response {
    let body = match fields::object(req) {
        Ok(body) => body,
        Err(answer) => return *answer,
    };
    let mut guard = ctx.state();
    let state = &mut guard.paradigm;
    let mut errors = FieldErrors::default();
    fields::require(&body, &["email", "username"], &mut errors);
    let email = fields::email(&body, &mut errors);
    let username = fields::username(&body, &mut errors);
    let first_name = fields::string(&body, "first_name", NAME_MAX, true, &mut errors);
    let last_name = fields::string(&body, "last_name", NAME_MAX, true, &mut errors);
    check_company(&body, state.company.id, &mut errors);
    let known_groups: Vec<u64> = state.groups.iter().map(|g| g.id).collect();
    let groups = fields::id_list(&body, "groups", &known_groups, &mut errors);
    let known_roles: Vec<u64> = state.roles.iter().map(|r| r.id).collect();
    let roles = fields::id_list(&body, "roles", &known_roles, &mut errors);
    let expiration = fields::expiration(&body, &mut errors);
    let language = fields::language(&body, &mut errors);
    let is_active = fields::boolean(&body, "is_active", &mut errors);
    if let Some(email) = &email {
        let email = email.to_lowercase();
        if state.users.iter().any(|u| u.email.to_lowercase() == email) {
            errors.add(
                "email",
                Code::Unique,
                "A user with this email already exists.",
            );
        }
    }
    if let Some(username) = &username {
        if state.users.iter().any(|u| &u.username == username) {
            let detail = "A user with that username already exists.";
            errors.add("username", Code::Unique, detail);
        }
    }
    if let Some(answer) = errors.answer() {
        return answer;
    }
    let (Some(email), Some(username)) = (email, username) else {
        // Missing or invalid ones were reported above; this only satisfies the types.
        return error(
            StatusCode::INTERNAL_SERVER_ERROR,
            "server_error",
            "A server error occurred.",
        );
    };
    let id = state.allocate_user_id();
    state.users.push(User {
        id,
        username,
        first_name: first_name.unwrap_or_default(),
        last_name: last_name.unwrap_or_default(),
        email,
        is_active: is_active.unwrap_or(true),
        date_joined: now(),
        account_expiration_date: expiration.flatten(),
        last_login: None,
        invitation_status: InvitationStatus::Pending,
        language: language.unwrap_or_else(|| "en".into()),
        role_ids: roles.unwrap_or_default(),
    });
    for group in &mut state.groups {
        if groups.as_ref().is_some_and(|ids| ids.contains(&group.id)) {
            group.user_ids.push(id);
            group.user_ids.sort_unstable();
            group.user_ids.dedup();
        }
    }
    let user = state.users.last().map(|u| user_json(state, u));
    (StatusCode::CREATED, Json(user)).into_response()
}

/// PUT (`replace`) or PATCH of the user `id`.
pub(super) fn update(ctx: &VendorCtx<'_>, req: &ApiRequest, id: u64, replace: bool) -> Response {
    let mut guard = ctx.state();
    let state = &mut guard.paradigm;
    let Some(index) = state.users.iter().position(|u| u.id == id) else {
        return not_found("user");
    };
    let body = match fields::object(req) {
        Ok(body) => body,
        Err(answer) => return *answer,
    };
    let mut errors = FieldErrors::default();
    fields::refuse(&body, &NOT_EDITABLE, &mut errors);
    if replace {
        fields::require(&body, &EDITABLE, &mut errors);
    }
    let first_name = fields::string(&body, "first_name", NAME_MAX, true, &mut errors);
    let last_name = fields::string(&body, "last_name", NAME_MAX, true, &mut errors);
    let expiration = fields::expiration(&body, &mut errors);
    let language = fields::language(&body, &mut errors);
    if let Some(answer) = errors.answer() {
        return answer;
    }
    let user = &mut state.users[index];
    if let Some(first_name) = first_name {
        user.first_name = first_name;
    }
    if let Some(last_name) = last_name {
        user.last_name = last_name;
    }
    if let Some(expiration) = expiration {
        user.account_expiration_date = expiration;
    }
    if let Some(language) = language {
        user.language = language;
    }
    Json(user_json(state, &state.users[index])).into_response()
}

pub(super) fn delete(ctx: &VendorCtx<'_>, id: u64) -> Response {
    let mut guard = ctx.state();
    let state = &mut guard.paradigm;
    let Some(index) = state.users.iter().position(|u| u.id == id) else {
        return not_found("user");
    };
    if id == KEY_OWNER_ID {
        let detail = "An API key cannot delete the user it belongs to.";
        return error(StatusCode::FORBIDDEN, "permission_denied", detail);
    }
    state.users.remove(index);
    for group in &mut state.groups {
        group.user_ids.retain(|member| *member != id);
    }
    StatusCode::NO_CONTENT.into_response()
}

/// `company_id` may be absent, null, or the sandbox's one company.
fn check_company(body: &fields::Body, company_id: u64, errors: &mut FieldErrors) {
    match body.get("company_id") {
        None | Some(Value::Null) => {}
        Some(value) => match value.as_u64() {
            Some(id) if id == company_id => {}
            Some(id) => {
                let detail = format!("Invalid pk \"{id}\" - object does not exist.");
                errors.add("company_id", Code::Invalid, detail);
            }
            None => {
                let detail = "Incorrect type. Expected pk value.";
                errors.add("company_id", Code::Invalid, detail);
            }
        },
    }
}

/// The user as the API shows it; `groups` comes from the groups' member lists.
fn user_json(state: &State, user: &User) -> Value {
    let roles: Vec<Value> = state
        .roles
        .iter()
        .filter(|r| user.role_ids.contains(&r.id))
        .map(|r| json!({"id": r.id, "name": r.name}))
        .collect();
    let groups: Vec<Value> = state
        .groups
        .iter()
        .filter(|g| g.user_ids.contains(&user.id))
        .map(|g| {
            json!({
                "id": g.id,
                "name": g.name,
                "description": g.description,
                "role": g.role,
                "category": g.category,
                "created_at": rfc3339(&g.created_at),
            })
        })
        .collect();
    json!({
        "id": user.id,
        "username": user.username,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": user.email,
        "is_active": user.is_active,
        "date_joined": rfc3339(&user.date_joined),
        "account_expiration_date": user.account_expiration_date.as_ref().map(rfc3339),
        "last_login": user.last_login.as_ref().map(rfc3339),
        "invitation_status": user.invitation_status,
        "language": user.language,
        "company": {"id": state.company.id, "name": state.company.name},
        "roles": roles,
        "groups": groups,
    })
}
