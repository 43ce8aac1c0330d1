//! PATCH bodies (RFC 7644 §3.5.2): lowercase ops, real JSON booleans, member changes chunked to
//! what the service takes in one request, and the same changes applied to a resource for the
//! GET + PUT fallback.

use serde_json::{json, Map, Value};

use super::dialect::MemberLimits;
use super::filter::quoted;
use super::wire::{set_path, PATCH_OP};
use crate::model::UserPatch;

/// One attribute change: `path` set to `value`, or removed when `value` is null.
pub(crate) type Change = (String, Value);

/// The attribute changes of a user patch, in a stable order. Memberships are not among them:
/// they change on the group.
pub(crate) fn user_changes(patch: &UserPatch) -> Vec<Change> {
    let mut out = Vec::new();
    let text = |v: &Option<String>| v.as_ref().map(|s| json!(s));
    for (path, value) in [
        ("name.givenName", text(&patch.first_name)),
        ("name.familyName", text(&patch.last_name)),
        ("displayName", text(&patch.name)),
        ("preferredLanguage", text(&patch.language)),
        ("active", patch.active.map(Value::Bool)),
    ] {
        if let Some(v) = value {
            out.push((path.to_string(), v));
        }
    }
    if let Some(p) = &patch.phone {
        out.push(("phoneNumbers".into(), json!([{"value": p, "type": "work"}])));
    }
    for (path, value) in &patch.extra {
        out.push((path.clone(), value.clone()));
    }
    out
}

/// The PatchOp of `changes`: `replace` with a path, `remove` for a null.
pub(crate) fn patch_body(changes: &[Change]) -> Value {
    let ops: Vec<Value> = changes
        .iter()
        .map(|(path, value)| {
            if value.is_null() {
                json!({"op": "remove", "path": path})
            } else {
                json!({"op": "replace", "path": path, "value": value})
            }
        })
        .collect();
    json!({"schemas": [PATCH_OP], "Operations": ops})
}

/// `changes` applied to a resource read back, for a PUT that keeps every other attribute.
pub(crate) fn apply(resource: &mut Map<String, Value>, changes: &[Change]) {
    for (path, value) in changes {
        set_path(resource, path, value.clone());
    }
}

/// PATCH bodies for a group's member changes: adds as one `add` of `members` values, each
/// removal by the path `members[value eq "id"]`, split so no request passes `limits`.
pub(crate) fn member_patches(
    adds: &[String],
    removes: &[String],
    limits: MemberLimits,
) -> Vec<Value> {
    let cap = |own: Option<usize>| {
        own.into_iter()
            .chain(limits.changes)
            .min()
            .unwrap_or(usize::MAX)
            .max(1)
    };
    let mut bodies = Vec::new();
    for chunk in adds.chunks(cap(limits.adds)) {
        let members: Vec<Value> = chunk.iter().map(|id| json!({"value": id})).collect();
        let op = json!({"op": "add", "path": "members", "value": members});
        bodies.push(json!({"schemas": [PATCH_OP], "Operations": [op]}));
    }
    for chunk in removes.chunks(cap(limits.removes)) {
        let ops: Vec<Value> = chunk
            .iter()
            .map(|id| json!({"op": "remove", "path": format!("members[value eq {}]", quoted(id))}))
            .collect();
        bodies.push(json!({"schemas": [PATCH_OP], "Operations": ops}));
    }
    bodies
}
