//! Incoming resources and values checked against the schema and put in schema spelling
//! (RFC 7643 §2 characteristics, RFC 7644 §3.3 and §3.5.1).

use serde_json::{Map, Value};

use super::error::{ScimError, ScimResult};
use super::filter::get_ci;
use super::render::is_urn;
use super::schema::{foreign_schema, Attr, Mutability, ResourceType, Type};

/// The attributes of a POST or PUT body, as stored: read-only ones dropped (RFC 7644 §3.5.1
/// "Any values provided SHALL be ignored"), names in schema case, unknown extensions kept.
pub(crate) fn resource_body(rt: ResourceType, body: &Value) -> ScimResult<Map<String, Value>> {
    let Value::Object(body) = body else {
        return Err(ScimError::invalid_syntax("the body must be a JSON object"));
    };
    let schemas = schemas_of(rt, body)?;
    let mut out = Map::new();
    for (key, value) in body {
        if key.eq_ignore_ascii_case("schemas") {
            continue;
        }
        if is_urn(key) {
            let listed = schemas.iter().any(|s| s.eq_ignore_ascii_case(key));
            if !listed {
                return Err(ScimError::invalid_syntax(format!(
                    "`{key}` is not listed in `schemas` (RFC 7643 §3): add it there"
                )));
            }
            if let Some((urn, attrs)) = rt.extension(key) {
                if let Some(ext) = extension_value(urn, attrs, value)? {
                    out.insert(urn.to_string(), ext);
                }
            } else {
                match value {
                    Value::Object(ext) if !ext.is_empty() => {
                        out.insert(key.clone(), value.clone());
                    }
                    Value::Object(_) | Value::Null => {}
                    _ => {
                        return Err(ScimError::invalid_syntax(format!(
                            "the extension `{key}` must be a JSON object"
                        )))
                    }
                }
            }
            continue;
        }
        let Some(attr) = rt.core_attr(key) else {
            return Err(ScimError::invalid_syntax(format!(
                "unknown attribute `{key}` for {} resources",
                rt.name()
            )));
        };
        if let Some(value) = writable(attr, value)? {
            out.insert(attr.name.to_string(), value);
        }
    }
    check_required(rt, &out)?;
    Ok(out)
}

/// `schemas` must be a list of URNs that holds the resource type's core schema.
fn schemas_of(rt: ResourceType, body: &Map<String, Value>) -> ScimResult<Vec<String>> {
    let missing = || {
        ScimError::invalid_syntax(format!(
            "`schemas` must list \"{}\" (RFC 7643 §3)",
            rt.core_schema()
        ))
    };
    let list = get_ci(body, "schemas")
        .and_then(Value::as_array)
        .ok_or_else(missing)?;
    let mut schemas = Vec::new();
    for item in list {
        let urn = item.as_str().ok_or_else(missing)?;
        if foreign_schema(rt, urn) {
            return Err(ScimError::invalid_syntax(format!(
                "{urn} does not apply to {} resources",
                rt.name()
            )));
        }
        schemas.push(urn.to_string());
    }
    if !schemas
        .iter()
        .any(|s| s.eq_ignore_ascii_case(rt.core_schema()))
    {
        return Err(missing());
    }
    Ok(schemas)
}

fn extension_value(urn: &str, attrs: &'static [Attr], value: &Value) -> ScimResult<Option<Value>> {
    let fields = match value {
        Value::Null => return Ok(None),
        Value::Object(fields) => fields,
        _ => {
            return Err(ScimError::invalid_syntax(format!(
                "the extension `{urn}` must be a JSON object"
            )))
        }
    };
    let mut out = Map::new();
    for (key, value) in fields {
        let attr = attrs
            .iter()
            .find(|a| a.name.eq_ignore_ascii_case(key))
            .ok_or_else(|| ScimError::invalid_syntax(format!("unknown attribute `{urn}:{key}`")))?;
        if let Some(value) = writable(attr, value)? {
            out.insert(attr.name.to_string(), value);
        }
    }
    Ok((!out.is_empty()).then_some(Value::Object(out)))
}

/// What a body's value for `attr` stores: `None` for read-only attributes (ignored) and for the
/// password (write-only, and a state file must hold no secret: it is checked, then dropped).
fn writable(attr: &'static Attr, value: &Value) -> ScimResult<Option<Value>> {
    match attr.mutability {
        Mutability::ReadOnly => Ok(None),
        Mutability::WriteOnly => normalize(attr, value).map(|_| None),
        _ => normalize(attr, value),
    }
}

/// `value` checked against `attr` and put in schema spelling; `None` when it is unassigned
/// (null, or an empty list: RFC 7643 §2.5). Read-only sub-attributes are dropped.
pub(crate) fn normalize(attr: &'static Attr, value: &Value) -> ScimResult<Option<Value>> {
    if value.is_null() {
        return Ok(None);
    }
    if !attr.multi {
        return single(attr, value);
    }
    let Value::Array(items) = value else {
        return Err(ScimError::invalid_value(format!(
            "`{}` is multi-valued: send a JSON array",
            attr.name
        )));
    };
    let mut out = Vec::new();
    for item in items {
        if let Some(item) = single(attr, item)? {
            out.push(item);
        }
    }
    check_primary(attr, &out)?;
    Ok((!out.is_empty()).then_some(Value::Array(out)))
}

/// One value of `attr` (one item, for a multi-valued attribute).
pub(crate) fn single(attr: &'static Attr, value: &Value) -> ScimResult<Option<Value>> {
    let wrong = |what: &str| {
        Err(ScimError::invalid_value(format!(
            "`{}` must be {what}",
            attr.name
        )))
    };
    match (attr.ty, value) {
        (_, Value::Null) => Ok(None),
        (Type::Complex, Value::Object(fields)) => {
            let mut out = Map::new();
            for (key, value) in fields {
                let sub = attr.sub_attr(key).ok_or_else(|| {
                    ScimError::invalid_syntax(format!("unknown attribute `{}.{key}`", attr.name))
                })?;
                if sub.mutability == Mutability::ReadOnly {
                    continue;
                }
                if let Some(value) = single(sub, value)? {
                    out.insert(sub.name.to_string(), value);
                }
            }
            Ok((!out.is_empty()).then_some(Value::Object(out)))
        }
        (Type::Complex, _) => wrong("a JSON object"),
        (Type::Boolean, Value::Bool(_)) => Ok(Some(value.clone())),
        (Type::Boolean, _) => wrong("a JSON boolean (true or false, unquoted)"),
        (Type::DateTime, Value::String(s)) => {
            if chrono::DateTime::parse_from_rfc3339(s).is_err() {
                return wrong("an xsd:dateTime such as \"2024-01-31T12:00:00Z\"");
            }
            Ok(Some(value.clone()))
        }
        (Type::String | Type::Reference | Type::Binary, Value::String(_)) => {
            Ok(Some(value.clone()))
        }
        (_, _) => wrong("a string"),
    }
}

/// "The primary attribute value "true" MUST appear no more than once" (RFC 7643 §2.4).
pub(crate) fn check_primary(attr: &Attr, items: &[Value]) -> ScimResult<()> {
    let primaries = items
        .iter()
        .filter(|i| i.get("primary") == Some(&Value::Bool(true)))
        .count();
    if primaries > 1 {
        return Err(ScimError::invalid_value(format!(
            "only one `{}` value may be primary",
            attr.name
        )));
    }
    Ok(())
}

/// Required attributes (userName, displayName) must hold a non-empty value.
pub(crate) fn check_required(rt: ResourceType, attrs: &Map<String, Value>) -> ScimResult<()> {
    for attr in rt.attrs().iter().filter(|a| a.required) {
        let present = match attrs.get(attr.name) {
            Some(Value::String(s)) => !s.trim().is_empty(),
            Some(Value::Null) | None => false,
            Some(_) => true,
        };
        if !present {
            return Err(ScimError::invalid_value(format!(
                "`{}` is required for {} resources",
                attr.name,
                rt.name()
            )));
        }
    }
    Ok(())
}
