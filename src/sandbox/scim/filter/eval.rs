//! Checking a filter against the schema, then matching resources with it (RFC 7644 §3.4.2.2).

use std::cmp::Ordering;

use chrono::{DateTime, FixedOffset};
use serde_json::{Map, Value};

use super::{AttrPath, CompValue, CompareOp, Filter};
use crate::sandbox::scim::error::{ScimError, ScimResult};
use crate::sandbox::scim::schema::{foreign_schema, Attr, ResourceType, Returned, Type};

/// What attribute names in a filter refer to.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Scope {
    /// A resource's attributes (core, common and extensions).
    Resource(ResourceType),
    /// The sub-attributes of one complex attribute, inside `attr[...]`.
    Within(&'static Attr),
    /// Attributes of an extension the server has no schema for: typed by their values.
    Untyped,
}

/// Where a path lands: the container, the attribute (if known) and its sub-attribute.
struct Resolved<'p> {
    extension: Option<&'p str>,
    name: &'p str,
    attr: Option<&'static Attr>,
    sub: Option<(&'p str, Option<&'static Attr>)>,
    /// The scope of a value filter on this attribute.
    inner: Scope,
}

fn resolve(scope: Scope, path: &AttrPath) -> ScimResult<Resolved<'_>> {
    let unknown = |what: &str| ScimError::invalid_filter(format!("unknown attribute `{what}`"));
    let (extension, attr) = match scope {
        Scope::Resource(rt) => match path.urn.as_deref() {
            None => (
                None,
                Some(
                    rt.core_attr(&path.name)
                        .ok_or_else(|| unknown(&path.name))?,
                ),
            ),
            Some(urn) if urn.eq_ignore_ascii_case(rt.core_schema()) => (
                None,
                Some(
                    rt.core_attr(&path.name)
                        .ok_or_else(|| unknown(&path.name))?,
                ),
            ),
            Some(urn) => match rt.extension(urn) {
                Some((_, attrs)) => {
                    let attr = attrs
                        .iter()
                        .find(|a| a.name.eq_ignore_ascii_case(&path.name))
                        .ok_or_else(|| unknown(&format!("{urn}:{}", path.name)))?;
                    (Some(urn), Some(attr))
                }
                None if foreign_schema(rt, urn) => {
                    return Err(ScimError::invalid_filter(format!(
                        "{urn} does not apply to {} resources",
                        rt.name()
                    )))
                }
                None => (Some(urn), None),
            },
        },
        Scope::Within(parent) => {
            let attr = parent
                .sub_attr(&path.name)
                .ok_or_else(|| unknown(&format!("{}.{}", parent.name, path.name)))?;
            (None, Some(attr))
        }
        Scope::Untyped => (None, None),
    };
    if attr.is_some_and(|a| a.returned == Returned::Never) {
        return Err(ScimError::invalid_filter(format!(
            "`{}` is never returned, so it cannot be filtered on",
            path.name
        )));
    }
    let sub = match (&path.sub, attr) {
        (None, _) => None,
        (Some(sub), Some(attr)) => {
            if attr.ty != Type::Complex {
                return Err(ScimError::invalid_filter(format!(
                    "`{}` has no sub-attributes",
                    attr.name
                )));
            }
            let def = attr
                .sub_attr(sub)
                .ok_or_else(|| unknown(&format!("{}.{sub}", attr.name)))?;
            Some((sub.as_str(), Some(def)))
        }
        (Some(sub), None) => Some((sub.as_str(), None)),
    };
    let inner = match attr {
        Some(a) => Scope::Within(a),
        None => Scope::Untyped,
    };
    Ok(Resolved {
        extension,
        name: &path.name,
        attr,
        sub,
        inner,
    })
}

/// The type a comparison on this path compares, and whether case matters. A complex
/// attribute named alone compares its `value` sub-attribute.
fn leaf(resolved: &Resolved<'_>) -> ScimResult<Option<&'static Attr>> {
    match (resolved.sub, resolved.attr) {
        (Some((_, def)), _) => Ok(def),
        (None, Some(attr)) if attr.ty == Type::Complex => {
            attr.value_sub().map(Some).ok_or_else(|| {
                ScimError::invalid_filter(format!(
                    "`{}` is complex: name one of its sub-attributes, e.g. `{}.{}`",
                    attr.name,
                    attr.name,
                    attr.sub.first().map_or("value", |s| s.name)
                ))
            })
        }
        (None, attr) => Ok(attr),
    }
}

/// Refuse a filter that names unknown attributes or compares values of the wrong type, before
/// any resource is looked at: such a filter is an error whatever the data.
pub(crate) fn check(filter: &Filter, scope: Scope) -> ScimResult<()> {
    match filter {
        Filter::And(a, b) | Filter::Or(a, b) => {
            check(a, scope)?;
            check(b, scope)
        }
        Filter::Not(inner) => check(inner, scope),
        Filter::Present(path) => resolve(scope, path).map(|_| ()),
        Filter::ValuePath(path, inner) => {
            let resolved = resolve(scope, path)?;
            if resolved.attr.is_some_and(|a| a.ty != Type::Complex) {
                return Err(ScimError::invalid_filter(format!(
                    "`{}[...]`: only complex attributes take a value filter",
                    path.name
                )));
            }
            check(inner, resolved.inner)
        }
        Filter::Compare(path, op, value) => {
            let resolved = resolve(scope, path)?;
            let Some(def) = leaf(&resolved)? else {
                return Ok(());
            };
            check_comparison(def, *op, value)
        }
    }
}

fn check_comparison(def: &Attr, op: CompareOp, value: &CompValue) -> ScimResult<()> {
    let refuse = |why: String| Err(ScimError::invalid_filter(why));
    let name = def.name;
    if *value == CompValue::Null {
        return match op {
            CompareOp::Eq | CompareOp::Ne => Ok(()),
            _ => refuse(format!(
                "`{} null`: null compares only with eq or ne",
                op.name()
            )),
        };
    }
    let substring = matches!(op, CompareOp::Co | CompareOp::Sw | CompareOp::Ew);
    let ordering = matches!(
        op,
        CompareOp::Gt | CompareOp::Ge | CompareOp::Lt | CompareOp::Le
    );
    match def.ty {
        Type::Boolean | Type::Binary if substring || ordering => refuse(format!(
            "`{name} {}`: {} attributes compare only with eq, ne and pr",
            op.name(),
            if def.ty == Type::Boolean {
                "boolean"
            } else {
                "binary"
            }
        )),
        Type::Boolean if !matches!(value, CompValue::Bool(_)) => refuse(format!(
            "`{name}` is a boolean: compare it with true or false, unquoted"
        )),
        Type::String | Type::Reference | Type::Binary | Type::DateTime
            if !matches!(value, CompValue::Str(_)) =>
        {
            refuse(format!(
                "`{name}` is a {}: compare it with a quoted string",
                type_word(def.ty)
            ))
        }
        Type::DateTime if !substring => match value {
            CompValue::Str(s) if parse_time(s).is_none() => refuse(format!(
                "`{name}` is a dateTime: {s:?} is not one (use e.g. \"2024-01-31T12:00:00Z\")"
            )),
            _ => Ok(()),
        },
        Type::Complex => refuse(format!("`{name}` is complex: name a sub-attribute")),
        _ => Ok(()),
    }
}

fn type_word(ty: Type) -> &'static str {
    match ty {
        Type::DateTime => "dateTime",
        Type::Reference => "reference",
        Type::Binary => "binary value",
        _ => "string",
    }
}

fn parse_time(text: &str) -> Option<DateTime<FixedOffset>> {
    DateTime::parse_from_rfc3339(text).ok()
}

/// The values a path reaches in `obj`, with multi-valued attributes flattened. A complex
/// attribute named alone yields its `value` sub-attributes when `descend` is set.
pub(crate) fn values_at<'v>(
    obj: &'v Map<String, Value>,
    scope: Scope,
    path: &AttrPath,
    descend: bool,
) -> Vec<&'v Value> {
    let Ok(resolved) = resolve(scope, path) else {
        return Vec::new();
    };
    let container = match resolved.extension {
        Some(urn) => match get_ci(obj, urn) {
            Some(Value::Object(ext)) => ext,
            _ => return Vec::new(),
        },
        None => obj,
    };
    let Some(value) = get_ci(container, resolved.name) else {
        return Vec::new();
    };
    let items: Vec<&Value> = match value {
        Value::Array(items) => items.iter().collect(),
        Value::Null => Vec::new(),
        other => vec![other],
    };
    let sub = match resolved.sub {
        Some((sub, _)) => Some(sub),
        None if descend && resolved.attr.is_some_and(|a| a.ty == Type::Complex) => Some("value"),
        None => None,
    };
    match sub {
        None => items,
        Some(sub) => items
            .into_iter()
            .filter_map(|item| item.as_object().and_then(|o| get_ci(o, sub)))
            .flat_map(|v| match v {
                Value::Array(vs) => vs.iter().collect::<Vec<_>>(),
                other => vec![other],
            })
            .filter(|v| !v.is_null())
            .collect(),
    }
}

/// A key of a JSON object, case-insensitively (RFC 7643 §2.1: attribute names are).
pub(crate) fn get_ci<'v>(obj: &'v Map<String, Value>, name: &str) -> Option<&'v Value> {
    obj.get(name).or_else(|| {
        obj.iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v)
    })
}

/// The key of `obj` that spells `name` case-insensitively.
pub(crate) fn get_ci_key(obj: &Map<String, Value>, name: &str) -> Option<String> {
    if obj.contains_key(name) {
        return Some(name.to_string());
    }
    obj.keys().find(|k| k.eq_ignore_ascii_case(name)).cloned()
}

/// Whether the resource (or sub-object, within a value filter) `obj` matches. The filter must
/// have passed [`check`] for the same scope.
pub(crate) fn matches(filter: &Filter, obj: &Map<String, Value>, scope: Scope) -> bool {
    match filter {
        Filter::And(a, b) => matches(a, obj, scope) && matches(b, obj, scope),
        Filter::Or(a, b) => matches(a, obj, scope) || matches(b, obj, scope),
        Filter::Not(inner) => !matches(inner, obj, scope),
        Filter::Present(path) => values_at(obj, scope, path, false).into_iter().any(present),
        Filter::ValuePath(path, inner) => {
            let Ok(resolved) = resolve(scope, path) else {
                return false;
            };
            values_at(obj, scope, path, false)
                .into_iter()
                .filter_map(Value::as_object)
                .any(|item| matches(inner, item, resolved.inner))
        }
        Filter::Compare(path, op, expected) => {
            let Ok(resolved) = resolve(scope, path) else {
                return false;
            };
            let def = leaf(&resolved).ok().flatten();
            let (ty, case_exact) = def.map_or((None, false), |d| (Some(d.ty), d.case_exact));
            let values = values_at(obj, scope, path, true);
            match (op, expected) {
                (CompareOp::Eq, CompValue::Null) => !values.into_iter().any(present),
                (CompareOp::Ne, CompValue::Null) => values.into_iter().any(present),
                // "Not equal" holds when no value is equal, including when there is none.
                (CompareOp::Ne, _) => !values
                    .into_iter()
                    .any(|v| compare(v, CompareOp::Eq, expected, ty, case_exact)),
                _ => values
                    .into_iter()
                    .any(|v| compare(v, *op, expected, ty, case_exact)),
            }
        }
    }
}

/// "If the attribute has a non-empty value, or if it contains a non-empty node for complex
/// attributes, there is a match" (`pr`).
fn present(value: &Value) -> bool {
    match value {
        Value::Null => false,
        Value::String(s) => !s.is_empty(),
        Value::Array(items) => items.iter().any(present),
        Value::Object(fields) => fields.values().any(present),
        _ => true,
    }
}

fn compare(
    actual: &Value,
    op: CompareOp,
    expected: &CompValue,
    ty: Option<Type>,
    case_exact: bool,
) -> bool {
    match (actual, expected) {
        (Value::Bool(a), CompValue::Bool(b)) => op == CompareOp::Eq && a == b,
        (Value::Number(a), CompValue::Num(b)) => {
            let Some(a) = a.as_f64() else { return false };
            a.partial_cmp(b).is_some_and(|o| ordered(op, o))
        }
        (Value::String(a), CompValue::Str(b)) => {
            let substring = matches!(op, CompareOp::Co | CompareOp::Sw | CompareOp::Ew);
            if ty == Some(Type::DateTime) && !substring {
                // Chronological, whatever the offsets (RFC 7644 §3.4.2.2 `gt`).
                return match (parse_time(a), parse_time(b)) {
                    (Some(a), Some(b)) => ordered(op, a.cmp(&b)),
                    _ => false,
                };
            }
            let (a, b) = if case_exact {
                (a.clone(), b.clone())
            } else {
                (a.to_lowercase(), b.to_lowercase())
            };
            match op {
                CompareOp::Co => a.contains(&b),
                CompareOp::Sw => a.starts_with(&b),
                CompareOp::Ew => a.ends_with(&b),
                _ => ordered(op, a.cmp(&b)),
            }
        }
        _ => false,
    }
}

fn ordered(op: CompareOp, ordering: Ordering) -> bool {
    match op {
        CompareOp::Eq => ordering == Ordering::Equal,
        CompareOp::Ne => ordering != Ordering::Equal,
        CompareOp::Gt => ordering == Ordering::Greater,
        CompareOp::Ge => ordering != Ordering::Less,
        CompareOp::Lt => ordering == Ordering::Less,
        CompareOp::Le => ordering != Ordering::Greater,
        CompareOp::Co | CompareOp::Sw | CompareOp::Ew => false,
    }
}
