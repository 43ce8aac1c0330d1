//! Amani's `/api/v2/user` and `/api/v2/group` endpoints and their JSON objects.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::{json, Value};

use super::fields::{self, Body, FieldErrors};
use super::{auth, detail, State, User};
use crate::sandbox::{ApiRequest, NumberedPage, VendorCtx};

/// Decided: DRF page-number pagination, 20 a page by default, at most 100 (larger is clamped).
const DEFAULT_PAGE_SIZE: u64 = 20;
const MAX_PAGE_SIZE: u64 = 100;
const NAME_MAX: usize = 150;
const PHONE_MAX: usize = 32;

/// `GET /api/v2/user?page=&page_size=&email=`: `{count, next, previous, results}`.
pub(super) fn list(ctx: &VendorCtx<'_>, req: &ApiRequest) -> Response {
    // DRF answers a page that is not a positive number like one past the end.
    let page = match req.query("page").map(str::parse::<u64>) {
        None => 1,
        Some(Ok(n)) if n > 0 => n,
        Some(_) => return detail(StatusCode::NOT_FOUND, "Invalid page."),
    };
    // ...and ignores a page size it cannot read.
    let size = req
        .query("page_size")
        .and_then(|s| s.parse::<u64>().ok())
        .filter(|n| *n > 0)
        .map_or(DEFAULT_PAGE_SIZE, |n| n.min(MAX_PAGE_SIZE));
    // Decided: the email filter is exact but case-insensitive (`iexact`).
    let email = req.query("email").filter(|e| !e.is_empty());
    let guard = ctx.state();
    let state = &guard.amani;
    let users: Vec<&User> = state
        .users
        .iter()
        .filter(|u| email.is_none_or(|e| u.email.eq_ignore_ascii_case(e)))
        .collect();
    let mut params = vec![("page_size", size.to_string())];
    params.extend(email.map(|e| ("email", e.to_string())));
    let Some(page) = NumberedPage::of(req, users, page, size, &params) else {
        return detail(StatusCode::NOT_FOUND, "Invalid page.");
    };
    let results: Vec<Value> = page
        .results
        .into_iter()
        .map(|u| user_json(state, u))
        .collect();
    Json(json!({
        "count": page.count,
        "next": page.next,
        "previous": page.previous,
        "results": results,
    }))
    .into_response()
}

/// `GET /api/v2/user/{uuid}` (decided).
pub(super) fn get(ctx: &VendorCtx<'_>, id: &str) -> Response {
    let guard = ctx.state();
    let state = &guard.amani;
    match state.users.iter().find(|u| u.id == id) {
        Some(user) => Json(user_json(state, user)).into_response(),
        None => not_found(),
    }
}

/// `POST /api/v2/user`: `email` and `password` required; 201 and the user.
pub(super) fn create(ctx: &VendorCtx<'_>, req: &ApiRequest) -> Response {
    let body = match fields::object(req) {
        Ok(body) => body,
        Err(answer) => return *answer,
    };
    let mut guard = ctx.state();
    let state = &mut guard.amani;
    let mut errors = FieldErrors::default();
    fields::require(&body, &["email", "password"], &mut errors);
    let changes = read_changes(state, &body, None, &mut errors);
    if let Some(answer) = errors.answer() {
        return answer;
    }
    let (Some(email), Some(password)) = (changes.email.clone(), changes.password.clone()) else {
        // Missing or invalid ones were reported above.
        return detail(StatusCode::BAD_REQUEST, "email and password are required.");
    };
    let mut user = User {
        id: auth::new_uuid(),
        email,
        first_name: String::new(),
        last_name: String::new(),
        phone: String::new(),
        is_active: true,
        group_ids: Vec::new(),
        password_hash: auth::hash_password(&password),
        mfa: false,
        reset_pw: false,
        reset_2fa: false,
    };
    changes.apply(&mut user);
    let answer = user_json(state, &user);
    state.users.push(user);
    (StatusCode::CREATED, Json(answer)).into_response()
}

/// `PATCH /api/v2/user/{uuid}`: any create field, and `is_active` (decided).
pub(super) fn update(ctx: &VendorCtx<'_>, req: &ApiRequest, id: &str) -> Response {
    let mut guard = ctx.state();
    let state = &mut guard.amani;
    let Some(index) = state.users.iter().position(|u| u.id == id) else {
        return not_found();
    };
    let body = match fields::object(req) {
        Ok(body) => body,
        Err(answer) => return *answer,
    };
    let mut errors = FieldErrors::default();
    let changes = read_changes(state, &body, Some(id), &mut errors);
    let is_active = fields::boolean(&body, "is_active", &mut errors);
    if let Some(answer) = errors.answer() {
        return answer;
    }
    let user = &mut state.users[index];
    changes.apply(user);
    if let Some(active) = is_active {
        user.is_active = active;
    }
    Json(user_json(state, &state.users[index])).into_response()
}

/// `GET /api/v2/group`: a bare array of every permission group.
pub(super) fn groups(ctx: &VendorCtx<'_>) -> Response {
    let guard = ctx.state();
    let groups: Vec<Value> = guard
        .amani
        .groups
        .iter()
        .map(|g| json!({"id": g.id, "name": g.name, "permissions": g.permissions}))
        .collect();
    Json(groups).into_response()
}

/// The writable fields of a create or a PATCH, checked.
struct Changes {
    email: Option<String>,
    password: Option<String>,
    first_name: Option<String>,
    last_name: Option<String>,
    phone: Option<String>,
    groups: Option<Vec<u64>>,
}

impl Changes {
    fn apply(self, user: &mut User) {
        if let Some(email) = self.email {
            user.email = email;
        }
        if let Some(password) = self.password {
            user.password_hash = auth::hash_password(&password);
        }
        for (field, value) in [
            (&mut user.first_name, self.first_name),
            (&mut user.last_name, self.last_name),
            (&mut user.phone, self.phone),
        ] {
            if let Some(value) = value {
                *field = value;
            }
        }
        if let Some(groups) = self.groups {
            user.group_ids = groups;
        }
    }
}

/// Read the create fields present in `body`. `own_id`: the user being changed, whose own email
/// is no duplicate.
fn read_changes(
    state: &State,
    body: &Body,
    own_id: Option<&str>,
    errors: &mut FieldErrors,
) -> Changes {
    let email = fields::email(body, errors);
    if let Some(email) = &email {
        let taken = state
            .users
            .iter()
            .any(|u| u.email.eq_ignore_ascii_case(email) && Some(u.id.as_str()) != own_id);
        if taken {
            errors.add("email", "user with this email already exists.");
        }
    }
    let known: Vec<u64> = state.groups.iter().map(|g| g.id).collect();
    Changes {
        email,
        password: fields::password(body, errors),
        first_name: fields::string(body, "first_name", NAME_MAX, true, errors),
        last_name: fields::string(body, "last_name", NAME_MAX, true, errors),
        phone: fields::string(body, "phone", PHONE_MAX, true, errors),
        groups: fields::id_list(body, "groups", &known, errors),
    }
}

fn not_found() -> Response {
    detail(StatusCode::NOT_FOUND, "No User matches the given query.")
}

/// A user's groups as the API nests them: `[{id, name, permissions}]`.
pub(super) fn groups_json(state: &State, user: &User) -> Vec<Value> {
    state
        .groups
        .iter()
        .filter(|g| user.group_ids.contains(&g.id))
        .map(|g| json!({"id": g.id, "name": g.name, "permissions": g.permissions}))
        .collect()
}

/// The user as the seed page shows it.
fn user_json(state: &State, user: &User) -> Value {
    json!({
        "id": user.id,
        "first_name": user.first_name,
        "username": user.email,
        "last_name": user.last_name,
        "phone": user.phone,
        "email": user.email,
        "company": state.company,
        "groups": groups_json(state, user),
        "mfa": user.mfa,
        "reset_pw": user.reset_pw,
        "reset_2fa": user.reset_2fa,
        "is_active": user.is_active,
        "permissions": state.permissions(user),
    })
}
