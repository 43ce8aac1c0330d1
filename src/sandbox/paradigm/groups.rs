//! Paradigm's `/api/v3/groups` endpoints and its group object; membership changes only here.

use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::{json, Value};

use super::fields::{self, FieldErrors};
use super::{list_answer, not_found, now, paging, rfc3339, Group};
use crate::sandbox::{ApiRequest, VendorCtx};

const GROUP_NAME_MAX: usize = 255;
const DESCRIPTION_MAX: usize = 1000;

pub(super) fn list(ctx: &VendorCtx<'_>, req: &ApiRequest) -> Response {
    let mut errors = FieldErrors::default();
    let (page, per_page) = paging(req, "per_page", &mut errors);
    let user_id = fields::id_query(req, "user_id", &mut errors);
    if let Some(answer) = errors.answer() {
        return answer;
    }
    let guard = ctx.state();
    let mut groups: Vec<&Group> = guard
        .paradigm
        .groups
        .iter()
        .filter(|g| user_id.is_none_or(|u| g.user_ids.contains(&u)))
        .collect();
    groups.sort_by_key(|g| g.id);
    let mut params = vec![("per_page", per_page.to_string())];
    params.extend(user_id.map(|u| ("user_id", u.to_string())));
    list_answer(req, groups, page, per_page, &params, group_json)
}

/// PUT (`replace`: `name` required, `user_ids` replaces the members) or PATCH (name and
/// description only) of the group `id`.
pub(super) fn update(ctx: &VendorCtx<'_>, req: &ApiRequest, id: u64, replace: bool) -> Response {
    let mut guard = ctx.state();
    let state = &mut guard.paradigm;
    let Some(index) = state.groups.iter().position(|g| g.id == id) else {
        return not_found("group");
    };
    let body = match fields::object(req) {
        Ok(body) => body,
        Err(answer) => return *answer,
    };
    let mut errors = FieldErrors::default();
    let user_ids = if replace {
        fields::require(&body, &["name"], &mut errors);
        let known: Vec<u64> = state.users.iter().map(|u| u.id).collect();
        fields::id_list(&body, "user_ids", &known, &mut errors)
    } else {
        let detail = "Members cannot be changed with PATCH; use PUT with the full user_ids list.";
        fields::refuse(&body, &[("user_ids", detail)], &mut errors);
        None
    };
    let name = fields::string(&body, "name", GROUP_NAME_MAX, false, &mut errors);
    let description = fields::string(&body, "description", DESCRIPTION_MAX, true, &mut errors);
    if let Some(answer) = errors.answer() {
        return answer;
    }
    let group = &mut state.groups[index];
    if let Some(name) = name {
        group.name = name;
    }
    if let Some(description) = description {
        group.description = description;
    }
    if let Some(user_ids) = user_ids {
        group.user_ids = user_ids;
    }
    group.updated_at = now();
    Json(group_json(group)).into_response()
}

fn group_json(group: &Group) -> Value {
    json!({
        "id": group.id,
        "company_id": group.company_id,
        "category": group.category,
        "name": group.name,
        "description": group.description,
        "user_ids": group.user_ids,
        "created_at": rfc3339(&group.created_at),
        "updated_at": rfc3339(&group.updated_at),
    })
}
