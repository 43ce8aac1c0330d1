//! PATCH (RFC 7644 §3.5.2): add, remove and replace operations, applied all or nothing.

use serde_json::{Map, Value};

mod values;

use super::dialect::Dialect;
use super::error::{ScimError, ScimResult};
use super::filter::get_ci;
use super::path::{self, AttrTarget, Target};
use super::schema::{Mutability, ResourceType, PATCH_OP};
use super::write::{check_required, normalize};
use values::{filtered, remove_listed, sub_of_single, whole};

/// PATCH requests with more operations than this are refused outright.
const MAX_OPERATIONS: usize = 1000;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Op {
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
