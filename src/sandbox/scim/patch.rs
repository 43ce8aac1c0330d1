//! PATCH (RFC 7644 §3.5.2): add, remove and replace operations, applied all or nothing.

use serde_json::{Map, Value};

use super::dialect::Dialect;
use super::error::{ScimError, ScimResult};
use super::filter::{self, get_ci, Scope};
use super::path::{self, AttrTarget, Target};
use super::schema::{Attr, Mutability, ResourceType, Type, PATCH_OP};
use super::write::{check_primary, check_required, normalize, single};

/// PATCH requests with more operations than this are refused outright.
const MAX_OPERATIONS: usize = 1000;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Op {
    Add,
    Remove,
    Replace,
}

/// The attributes `current` becomes under the PatchOp `body`, or why none of it applies.
pub(crate) fn apply(
    rt: ResourceType,
    current: &Map<String, Value>,
    body: &Value,
    dialect: Dialect,
) -> ScimResult<Map<String, Value>> {
    let Value::Object(body) = body else {
        return Err(ScimError::invalid_syntax("the body must be a JSON object"));
    };
    let is_patch = get_ci(body, "schemas")
        .and_then(Value::as_array)
        .is_some_and(|s| {
            s.iter()
                .any(|u| u.as_str().is_some_and(|u| u.eq_ignore_ascii_case(PATCH_OP)))
        });
    if !is_patch {
        return Err(ScimError::invalid_syntax(format!(
            "`schemas` must be [\"{PATCH_OP}\"] (RFC 7644 §3.5.2)"
        )));
    }
    let operations = get_ci(body, "Operations")
        .and_then(Value::as_array)
        .filter(|ops| !ops.is_empty())
        .ok_or_else(|| ScimError::invalid_syntax("`Operations` must be a non-empty list"))?;
    let limit = dialect.max_patch_operations().unwrap_or(MAX_OPERATIONS);
    if operations.len() > limit {
        return Err(ScimError::invalid_value(format!(
            "at most {limit} operations per PATCH request; send the rest in another request"
        )));
    }
    let mut attrs = current.clone();
    for (n, operation) in operations.iter().enumerate() {
        apply_operation(rt, &mut attrs, operation, dialect).map_err(|mut e| {
            e.detail = format!("operation {}: {}", n + 1, e.detail);
            e
        })?;
    }
    check_required(rt, &attrs)?;
    Ok(attrs)
}

fn apply_operation(
    rt: ResourceType,
    attrs: &mut Map<String, Value>,
    operation: &Value,
    dialect: Dialect,
) -> ScimResult<()> {
    let Value::Object(operation) = operation else {
        return Err(ScimError::invalid_syntax(
            "each operation must be a JSON object",
        ));
    };
    let op_name = get_ci(operation, "op")
        .and_then(Value::as_str)
        .unwrap_or("");
    // Entra sends `Add`, `Replace`, `Remove`; the RFC's values are lowercase.
    let op = match op_name.to_ascii_lowercase().as_str() {
        "add" => Op::Add,
        "remove" => Op::Remove,
        "replace" => Op::Replace,
        _ => {
            return Err(ScimError::invalid_syntax(format!(
                "`op` must be add, remove or replace, not {op_name:?}"
            )))
        }
    };
    let value = get_ci(operation, "value");
    let path = match get_ci(operation, "path") {
        None | Some(Value::Null) => None,
        Some(Value::String(p)) => Some(p.as_str()),
        Some(_) => return Err(ScimError::invalid_path("`path` must be a string")),
    };
    let Some(path) = path else {
        if op == Op::Remove {
            // RFC 7644 §3.5.2.2: "If "path" is unspecified, the operation fails".
            return Err(ScimError::no_target("`remove` needs a path"));
        }
        // Without a path the value is a set of attributes, each applied as if it were the path.
        let Some(Value::Object(fields)) = value else {
            return Err(ScimError::invalid_syntax(format!(
                "`{op_name}` without a path needs an object of attributes as its value"
            )));
        };
        for (key, value) in fields {
            if key.eq_ignore_ascii_case("schemas") {
                continue;
            }
            let target = path::parse(rt, attrs, key)?;
            apply_target(rt, attrs, op, target, Some(value), dialect)?;
        }
        return Ok(());
    };
    if op != Op::Remove && value.is_none() {
        return Err(ScimError::invalid_syntax(format!(
            "`{op_name}` needs a value"
        )));
    }
    let target = path::parse(rt, attrs, path)?;
    apply_target(rt, attrs, op, target, value, dialect)
}

fn apply_target(
    rt: ResourceType,
    attrs: &mut Map<String, Value>,
    op: Op,
    target: Target,
    value: Option<&Value>,
    dialect: Dialect,
) -> ScimResult<()> {
    let target = match target {
        Target::Extension(key) => {
            if op == Op::Remove {
                attrs.remove(&key);
                return Ok(());
            }
            let Some(Value::Object(fields)) = value else {
                return Err(ScimError::invalid_value(format!(
                    "the value of `{key}` must be an object of its attributes"
                )));
            };
            for (name, value) in fields {
                // A whole-extension value may carry its own `schemas`: not an attribute.
                if name.eq_ignore_ascii_case("schemas") {
                    continue;
                }
                let target = path::parse(rt, attrs, &format!("{key}:{name}"))?;
                apply_target(rt, attrs, op, target, Some(value), dialect)?;
            }
            return Ok(());
        }
        Target::Attribute(t) => t,
    };
    check_mutability(&target, op, attrs)?;
    if target
        .attr
        .is_some_and(|a| a.mutability == Mutability::WriteOnly)
    {
        // The password: checked, never stored (a state file must hold no secret).
        if let (Some(attr), Some(value)) = (target.attr, value) {
            normalize(attr, value)?;
        }
        return Ok(());
    }
    let container = match &target.extension {
        None => &mut *attrs,
        Some(ext) => {
            if op == Op::Remove && !attrs.contains_key(ext) {
                return Ok(());
            }
            let slot = attrs
                .entry(ext.clone())
                .or_insert_with(|| Value::Object(Map::new()));
            match slot.as_object_mut() {
                Some(c) => c,
                None => {
                    return Err(ScimError::invalid_value(format!(
                        "`{ext}` is not an object"
                    )))
                }
            }
        }
    };
    let removes_listed = dialect.removes_listed_members()
        && op == Op::Remove
        && target.name == "members"
        && target.filter.is_none()
        && value.is_some();
    if removes_listed {
        remove_listed(container, value.unwrap_or(&Value::Null))?;
    } else {
        match (&target.filter, &target.sub) {
            (None, None) => whole(container, &target, op, value)?,
            (None, Some(_)) => sub_of_single(container, &target, op, value)?,
            (Some(_), _) => filtered(container, &target, op, value)?,
        }
    }
    if let Some(ext) = &target.extension {
        if attrs
            .get(ext)
            .and_then(Value::as_object)
            .is_some_and(Map::is_empty)
        {
            attrs.remove(ext);
        }
    }
    Ok(())
}

/// RFC 7644 §3.5.2: a client "MUST NOT modify an attribute that has mutability readOnly or
/// immutable. However, a client MAY add a value to an immutable attribute if the attribute
/// had no previous value."
fn check_mutability(target: &AttrTarget, op: Op, attrs: &Map<String, Value>) -> ScimResult<()> {
    let refuse = |what: &str| {
        Err(ScimError::mutability(format!(
            "`{}` is {what}",
            target.describe()
        )))
    };
    let defs = [
        (target.attr, false),
        (target.sub.as_ref().and_then(|s| s.attr), true),
    ];
    for (def, is_sub) in defs {
        let Some(def) = def else { continue };
        match def.mutability {
            Mutability::ReadOnly => return refuse("read-only"),
            Mutability::Immutable => {
                let has_value = match &target.extension {
                    None => attrs.get(&target.name),
                    Some(ext) => attrs.get(ext).and_then(|e| e.get(&target.name)),
                }
                .is_some();
                // Items with immutable sub-attributes (members) are added and removed whole;
                // a path to the sub-attribute itself changes one in place.
                if is_sub || op != Op::Add || has_value {
                    return refuse("immutable");
                }
            }
            _ => {}
        }
    }
    Ok(())
}

/// The attribute itself: no filter, no sub-attribute.
fn whole(
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
fn sub_of_single(
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
fn filtered(
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
fn remove_listed(container: &mut Map<String, Value>, value: &Value) -> ScimResult<()> {
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
