//! Bleemeo's `/v1/user/` endpoints and its user object (the fields of seed 001).

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::{json, Value};

use super::auth::Caller;
use super::fields::{self, FieldErrors, NAME_MAX};
use super::{detail, new_uuid, now, rfc3339, State, User};
use crate::sandbox::{ApiRequest, NumberedPage, VendorCtx};

const DEFAULT_PAGE_SIZE: u64 = 25;
/// Decided: larger sizes are clamped, as DRF's `max_page_size` does.
const MAX_PAGE_SIZE: u64 = 2500;

/// The plain boolean flags a client may write.
const FLAGS: [&str; 5] = [
    "mobile_notification_enable",
    "notification_web_critical",
    "notification_web_ok",
    "notification_web_warning",
    "toggle_newsletter",
];

pub(super) fn list(ctx: &VendorCtx<'_>, req: &ApiRequest) -> Response {
    // DRF: a page that is not a positive number is "Invalid page."; a bad size falls back.
    let page = match req.query("page").map(str::parse::<u64>) {
        None => 1,
        Some(Ok(n)) if n > 0 => n,
        Some(_) => return detail(StatusCode::NOT_FOUND, "Invalid page."),
    };
    let size = match req.query("page_size").map(str::parse::<u64>) {
        Some(Ok(n)) if n > 0 => n.min(MAX_PAGE_SIZE),
        _ => DEFAULT_PAGE_SIZE,
    };
    // Decided: `email` is an exact, case-sensitive match, like a Django `exact` lookup.
    let email = req.query("email").filter(|e| !e.is_empty());
    let guard = ctx.state();
    let state = &guard.bleemeo;
    let users: Vec<&User> = state
        .users
        .iter()
        .filter(|u| email.is_none_or(|e| u.email == e))
        .collect();
    let mut params = vec![("page_size", size.to_string())];
    params.extend(email.map(|e| ("email", e.to_string())));
    params.extend(req.query("fields").map(|f| ("fields", f.to_string())));
    let Some(page) = NumberedPage::of(req, users, page, size, &params) else {
        return detail(StatusCode::NOT_FOUND, "Invalid page.");
    };
    let results: Vec<Value> = page
        .results
        .into_iter()
        .map(|u| shown(req, state, u))
        .collect();
    let body = json!({
        "count": page.count,
        "next": page.next,
        "previous": page.previous,
        "results": results,
    });
    Json(body).into_response()
}

pub(super) fn get(ctx: &VendorCtx<'_>, req: &ApiRequest, id: &str) -> Response {
    let guard = ctx.state();
    let state = &guard.bleemeo;
    match state.users.iter().find(|u| u.id == id) {
        Some(user) => Json(shown(req, state, user)).into_response(),
        None => not_found(),
    }
}

pub(super) fn create(ctx: &VendorCtx<'_>, req: &ApiRequest, caller: &Caller) -> Response {
    if !caller.is_admin {
        return forbidden();
    }
    let body = match fields::object(req) {
        Ok(body) => body,
        Err(answer) => return *answer,
    };
    let mut guard = ctx.state();
    let state = &mut guard.bleemeo;
    let mut errors = FieldErrors::default();
    if !body.contains_key("email") {
        errors.add("email", "This field is required.");
    }
    let changes = Changes::read(&body, &mut errors);
    check_unique_email(state, changes.email.as_deref(), None, &mut errors);
    if let Some(answer) = errors.answer() {
        return answer;
    }
    let Some(email) = changes.email.clone() else {
        // A missing or invalid email was reported above; this only satisfies the types.
        return detail(
            StatusCode::INTERNAL_SERVER_ERROR,
            "A server error occurred.",
        );
    };
    let mut user = User::invited(new_uuid(), &email, Some(caller.user_id.clone()));
    changes.apply(&mut user);
    let shown = shown(req, state, &user);
    state.users.push(user);
    (StatusCode::CREATED, Json(shown)).into_response()
}

pub(super) fn update(ctx: &VendorCtx<'_>, req: &ApiRequest, caller: &Caller, id: &str) -> Response {
    if !caller.is_admin {
        return forbidden();
    }
    let mut guard = ctx.state();
    let state = &mut guard.bleemeo;
    let Some(index) = state.users.iter().position(|u| u.id == id) else {
        return not_found();
    };
    let body = match fields::object(req) {
        Ok(body) => body,
        Err(answer) => return *answer,
    };
    let mut errors = FieldErrors::default();
    let changes = Changes::read(&body, &mut errors);
    check_unique_email(state, changes.email.as_deref(), Some(id), &mut errors);
    if id == caller.user_id && changes.is_admin == Some(false) {
        // Otherwise an account could lock out its last admin.
        errors.add("is_admin", "You cannot remove your own admin rights.");
    }
    if let Some(answer) = errors.answer() {
        return answer;
    }
    let user = &mut state.users[index];
    changes.apply(user);
    user.modified_at = Some(now());
    Json(shown(req, state, &state.users[index])).into_response()
}

pub(super) fn delete(ctx: &VendorCtx<'_>, caller: &Caller, id: &str) -> Response {
    if !caller.is_admin {
        return forbidden();
    }
    let mut guard = ctx.state();
    let state = &mut guard.bleemeo;
    let Some(index) = state.users.iter().position(|u| u.id == id) else {
        return not_found();
    };
    if id == caller.user_id {
        return detail(
            StatusCode::FORBIDDEN,
            "You cannot remove yourself from the account.",
        );
    }
    state.users.remove(index);
    StatusCode::NO_CONTENT.into_response()
}

/// The writable fields of one request; read-only and unknown keys are ignored, as in DRF.
struct Changes {
    email: Option<String>,
    first_name: Option<String>,
    last_name: Option<String>,
    is_admin: Option<bool>,
    is_manager: Option<bool>,
    timezone: Option<Option<String>>,
    flags: Vec<(&'static str, bool)>,
    toggle_weekly: Option<Option<bool>>,
}

impl Changes {
    fn read(body: &fields::Body, errors: &mut FieldErrors) -> Changes {
        let flag = |name: &str, errors: &mut FieldErrors| {
            fields::boolean(body, name, false, errors).flatten()
        };
        let mut flags = Vec::new();
        for name in FLAGS {
            if let Some(value) = flag(name, errors) {
                flags.push((name, value));
            }
        }
        Changes {
            email: fields::email(body, errors),
            first_name: fields::string(body, "first_name", NAME_MAX, errors),
            last_name: fields::string(body, "last_name", NAME_MAX, errors),
            is_admin: flag("is_admin", errors),
            is_manager: flag("is_manager", errors),
            timezone: fields::timezone(body, errors),
            flags,
            toggle_weekly: fields::boolean(body, "toggle_weekly", true, errors),
        }
    }

    fn apply(self, user: &mut User) {
        if let Some(email) = self.email {
            user.email = email;
        }
        if let Some(first_name) = self.first_name {
            user.first_name = first_name;
        }
        if let Some(last_name) = self.last_name {
            user.last_name = last_name;
        }
        if let Some(is_admin) = self.is_admin {
            user.is_admin = is_admin;
        }
        if let Some(is_manager) = self.is_manager {
            user.is_manager = is_manager;
        }
        if let Some(timezone) = self.timezone {
            user.timezone = timezone;
        }
        if let Some(weekly) = self.toggle_weekly {
            user.toggle_weekly = weekly;
        }
        for (name, value) in self.flags {
            let field = match name {
                "mobile_notification_enable" => &mut user.mobile_notification_enable,
                "notification_web_critical" => &mut user.notification_web_critical,
                "notification_web_ok" => &mut user.notification_web_ok,
                "notification_web_warning" => &mut user.notification_web_warning,
                _ => &mut user.toggle_newsletter,
            };
            *field = value;
        }
    }
}

/// Decided: a duplicate email is a 400 on `email`; emails compare case-insensitively.
fn check_unique_email(
    state: &State,
    email: Option<&str>,
    except: Option<&str>,
    errors: &mut FieldErrors,
) {
    let Some(email) = email else { return };
    let taken = state
        .users
        .iter()
        .any(|u| Some(u.id.as_str()) != except && u.email.eq_ignore_ascii_case(email));
    if taken && !errors.has("email") {
        errors.add("email", "user with this email already exists.");
    }
}

/// The user as the API shows it, trimmed to `fields=a,b` when the request names fields.
fn shown(req: &ApiRequest, state: &State, user: &User) -> Value {
    let full = user_json(state, user);
    let Some(wanted) = req.query("fields").filter(|f| !f.trim().is_empty()) else {
        return full;
    };
    let wanted: Vec<&str> = wanted.split(',').map(str::trim).collect();
    match full {
        Value::Object(map) => Value::Object(
            map.into_iter()
                .filter(|(k, _)| wanted.contains(&k.as_str()))
                .collect(),
        ),
        other => other,
    }
}

fn user_json(state: &State, user: &User) -> Value {
    let time = |t: &Option<chrono::DateTime<chrono::Utc>>| t.as_ref().map(rfc3339);
    let joined = user.activated_at.is_some();
    json!({
        "id": user.id,
        "account": state.account.id,
        "accounts": [state.account.id],
        "email": user.email,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "is_admin": user.is_admin,
        "is_manager": user.is_manager,
        "timezone": user.timezone,
        "mobile_notification_enable": user.mobile_notification_enable,
        "notification_web_critical": user.notification_web_critical,
        "notification_web_ok": user.notification_web_ok,
        "notification_web_warning": user.notification_web_warning,
        "toggle_newsletter": user.toggle_newsletter,
        "toggle_weekly": user.toggle_weekly,
        "activated_at": time(&user.activated_at),
        "date_joined": time(&user.date_joined),
        "created_at": rfc3339(&user.created_at),
        "created_by": user.created_by,
        "modified_at": time(&user.modified_at),
        "last_login": time(&user.last_login),
        "last_access": time(&user.last_login),
        "password_last_change": time(&user.date_joined),
        "failed_login_count": if joined { json!(0) } else { Value::Null },
        "has_two_factor_auth": false,
        "can_leave_account": !user.is_admin,
        "profile_picture": Value::Null,
        "default_profile_picture": true,
        "user": user.user,
    })
}

fn not_found() -> Response {
    detail(StatusCode::NOT_FOUND, "Not found.")
}

fn forbidden() -> Response {
    detail(
        StatusCode::FORBIDDEN,
        "You do not have permission to perform this action.",
    )
}
