//! One PATCH operation on its target: the attribute, a sub-attribute, or the values a filter
//! selects (RFC 7644 §3.5.2.1-3).

use serde_json::{Map, Value};

use super::Op;
use crate::sandbox::scim::error::{ScimError, ScimResult};
use crate::sandbox::scim::filter::{self, Scope};
use crate::sandbox::scim::path::AttrTarget;
use crate::sandbox::scim::schema::{Attr, Mutability, Type};
use crate::sandbox::scim::write::{check_primary, normalize, single};

/// The attribute itself: no filter, no sub-attribute.
pub(super) fn whole(
    container: &mut Map<String, Value>,
    t: &AttrTarget,
    op: Op,
    value: Option<&Value>,
) -> ScimResult<()> {
    let Some(attr) = t.attr else {
        // An unknown extension's attribute: stored as given.
        match (op, value) {
            (Op::Remove, _) | (_, Some(Value::Null)) | (_, None) => {
                container.remove(&t.name);
            }
            (_, Some(v)) => {
                container.insert(t.name.clone(), v.clone());
            }
        }
        return Ok(());
    };
    let value = value.unwrap_or(&Value::Null);
    match op {
        Op::Remove => {
            if attr.required {
                return Err(ScimError::invalid_value(format!(
                    "`{}` is required and cannot be removed",
                    attr.name
                )));
            }
            container.remove(attr.name);
        }
        Op::Add if attr.multi => {
            let items: Vec<&Value> = match value {
                Value::Array(items) => items.iter().collect(),
                other => vec![other],
            };
            let mut list = take_list(container, attr.name);
            for item in items {
                let Some(item) = single(attr, item)? else {
                    continue;
                };
                let duplicate = list.iter().any(|old| same_item(old, &item));
                if !duplicate {
                    push_item(&mut list, item);
                }
            }
            put_list(container, attr, list)?;
        }
        Op::Replace if attr.multi => {
            let normalized = match value {
                Value::Array(_) | Value::Null => normalize(attr, value)?,
                other => normalize(attr, &Value::Array(vec![other.clone()]))?,
            };
            match normalized {
                Some(v) => container.insert(attr.name.to_string(), v),
                None => container.remove(attr.name),
            };
        }
        // A complex attribute takes the sub-attributes given, the others are left unchanged
        // (RFC 7644 §3.5.2.1 and §3.5.2.3).
        Op::Add | Op::Replace if attr.ty == Type::Complex => {
            let Some(Value::Object(new)) = single(attr, value)? else {
                if value.is_null() {
                    container.remove(attr.name);
                }
                return Ok(());
            };
            let slot = container
                .entry(attr.name.to_string())
                .or_insert_with(|| Value::Object(Map::new()));
            if let Some(old) = slot.as_object_mut() {
                old.extend(new);
            } else {
                *slot = Value::Object(new);
            }
        }
        Op::Add | Op::Replace => match single(attr, value)? {
            Some(v) => {
                container.insert(attr.name.to_string(), v);
            }
            None => {
                if attr.required {
                    return Err(ScimError::invalid_value(format!(
                        "`{}` is required",
                        attr.name
                    )));
                }
                container.remove(attr.name);
            }
        },
    }
    Ok(())
}

/// `name.givenName`: a sub-attribute of a single-valued complex attribute.
pub(super) fn sub_of_single(
    container: &mut Map<String, Value>,
    t: &AttrTarget,
    op: Op,
    value: Option<&Value>,
) -> ScimResult<()> {
    let Some(sub) = &t.sub else { return Ok(()) };
    if t.attr.is_some_and(|a| a.multi) {
        return Err(ScimError::invalid_path(format!(
            "`{}` is multi-valued: select values with a filter, e.g. {}[type eq \"work\"].{}",
            t.name, t.name, sub.name
        )));
    }
    let new = match (op, value, sub.attr) {
        (Op::Remove, _, _) | (_, None, _) => None,
        (_, Some(v), Some(def)) => single(def, v)?,
        (_, Some(v), None) => (!v.is_null()).then(|| v.clone()),
    };
    let slot = container
        .entry(t.name.clone())
        .or_insert_with(|| Value::Object(Map::new()));
    let Some(parent) = slot.as_object_mut() else {
        return Err(ScimError::invalid_path(format!(
            "`{}` has no sub-attributes",
            t.name
        )));
    };
    match new {
        Some(v) => {
            parent.insert(sub.name.clone(), v);
        }
        None => {
            parent.remove(&sub.name);
        }
    }
    if parent.is_empty() {
        container.remove(&t.name);
    }
    Ok(())
}

/// `emails[type eq "work"]` and `emails[type eq "work"].value`.
pub(super) fn filtered(
    container: &mut Map<String, Value>,
    t: &AttrTarget,
    op: Op,
    value: Option<&Value>,
) -> ScimResult<()> {
    let Some(filter) = &t.filter else {
        return Ok(());
    };
    let scope = t.attr.map_or(Scope::Untyped, Scope::Within);
    let mut list = take_list(container, &t.name);
    let hits: Vec<usize> = list
        .iter()
        .enumerate()
        .filter(|(_, item)| {
            item.as_object()
                .is_some_and(|o| filter::matches(filter, o, scope))
        })
        .map(|(i, _)| i)
        .collect();
    if hits.is_empty() {
        // Put the list back untouched before failing: the whole PATCH is dropped anyway.
        return Err(ScimError::no_target(format!(
            "no value of `{}` matches `{}`",
            t.name,
            t.describe()
        )));
    }
    match (&t.sub, op) {
        (Some(sub), _) => {
            let new = match (op, value, sub.attr) {
                (Op::Remove, _, _) | (_, None, _) => None,
                (_, Some(v), Some(def)) => single(def, v)?,
                (_, Some(v), None) => (!v.is_null()).then(|| v.clone()),
            };
            let makes_primary = sub.name == "primary" && new == Some(Value::Bool(true));
            for &i in &hits {
                if let Some(item) = list[i].as_object_mut() {
                    match &new {
                        Some(v) => item.insert(sub.name.clone(), v.clone()),
                        None => item.remove(&sub.name),
                    };
                }
            }
            if makes_primary {
                demote_others(&mut list, hits[hits.len() - 1]);
            }
        }
        (None, Op::Remove) => {
            let mut index = 0;
            list.retain(|_| {
                let keep = !hits.contains(&index);
                index += 1;
                keep
            });
        }
        (None, Op::Add | Op::Replace) => {
            let value = value.unwrap_or(&Value::Null);
            let new = match t.attr {
                Some(attr) => single(attr, value)?,
                None => (!value.is_null()).then(|| value.clone()),
            };
            let Some(Value::Object(new)) = new else {
                return Err(ScimError::invalid_value(format!(
                    "the value for `{}` must be an object",
                    t.describe()
                )));
            };
            for &i in &hits {
                if op == Op::Replace {
                    if let Some(attr) = t.attr {
                        check_immutable_subs(attr, &list[i], &new)?;
                    }
                    list[i] = Value::Object(new.clone());
                } else if let Some(item) = list[i].as_object_mut() {
                    item.extend(new.clone());
                }
            }
            if new.get("primary") == Some(&Value::Bool(true)) {
                demote_others(&mut list, hits[hits.len() - 1]);
            }
        }
    }
    match t.attr {
        Some(attr) => put_list(container, attr, list)?,
        None if list.is_empty() => {}
        None => {
            container.insert(t.name.clone(), Value::Array(list));
        }
    }
    Ok(())
}

/// Replacing a member entry must not change its immutable `value`, `type` or `$ref`.
fn check_immutable_subs(attr: &Attr, old: &Value, new: &Map<String, Value>) -> ScimResult<()> {
    for sub in attr
        .sub
        .iter()
        .filter(|s| s.mutability == Mutability::Immutable)
    {
        let before = old.get(sub.name);
        if before.is_some() && before != new.get(sub.name) {
            return Err(ScimError::mutability(format!(
                "`{}.{}` is immutable",
                attr.name, sub.name
            )));
        }
    }
    Ok(())
}

/// Entra's member removal: `{"op": "remove", "path": "members", "value": [{"value": id}]}`.
pub(super) fn remove_listed(container: &mut Map<String, Value>, value: &Value) -> ScimResult<()> {
    let ids: Vec<&str> = match value {
        Value::Array(items) => items
            .iter()
            .filter_map(|i| i.get("value")?.as_str())
            .collect(),
        other => other
            .get("value")
            .and_then(Value::as_str)
            .into_iter()
            .collect(),
    };
    let mut list = take_list(container, "members");
    list.retain(|m| {
        !m.get("value")
            .and_then(Value::as_str)
            .is_some_and(|id| ids.contains(&id))
    });
    if !list.is_empty() {
        container.insert("members".into(), Value::Array(list));
    }
    Ok(())
}

fn take_list(container: &mut Map<String, Value>, name: &str) -> Vec<Value> {
    match container.remove(name) {
        Some(Value::Array(items)) => items,
        Some(Value::Null) | None => Vec::new(),
        Some(other) => vec![other],
    }
}

fn put_list(container: &mut Map<String, Value>, attr: &Attr, list: Vec<Value>) -> ScimResult<()> {
    check_primary(attr, &list)?;
    if !list.is_empty() {
        container.insert(attr.name.to_string(), Value::Array(list));
    }
    Ok(())
}

/// Adding a value that is already there changes nothing (RFC 7644 §3.5.2.1); members are the
/// same when they point at the same resource.
fn same_item(old: &Value, new: &Value) -> bool {
    match (old.get("value"), new.get("value")) {
        (Some(a), Some(b)) if old.get("type").is_none() || new.get("type").is_none() => a == b,
        _ => old == new,
    }
}

/// A new primary value demotes the others (RFC 7644 §3.5.2: "the server SHALL automatically
/// set primary to false for any other values").
fn push_item(list: &mut Vec<Value>, item: Value) {
    let primary = item.get("primary") == Some(&Value::Bool(true));
    list.push(item);
    if primary {
        let last = list.len() - 1;
        demote_others(list, last);
    }
}

fn demote_others(list: &mut [Value], keep: usize) {
    for (i, item) in list.iter_mut().enumerate() {
        if i != keep {
            if let Some(obj) = item.as_object_mut() {
                if obj.get("primary") == Some(&Value::Bool(true)) {
                    obj.insert("primary".into(), Value::Bool(false));
                }
            }
        }
    }
}
