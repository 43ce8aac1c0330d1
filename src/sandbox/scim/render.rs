//! A resource as clients see it: schemas, id, meta, derived groups and member details, and the
//! `attributes` / `excludedAttributes` projection (RFC 7644 §3.9, §3.4.2.5).

use serde_json::{json, Map, Value};

use super::dialect::Dialect;
use super::error::{ScimError, ScimResult};
use super::filter::{get_ci_key, parse_attr_path, AttrPath};
use super::schema::{ResourceType, ENTERPRISE_SCHEMA};
use super::state::{Resource, State};

/// Where the answers' links point: `http://<host>/scim/v2`.
pub(crate) struct Links {
    pub(crate) root: String,
}

impl Links {
    pub(crate) fn location(&self, rt: ResourceType, id: &str) -> String {
        format!("{}/{}/{id}", self.root, rt.endpoint())
    }
}

/// The weak ETag of a version (RFC 7644 §3.14).
pub(crate) fn etag(resource: &Resource) -> String {
    format!("W/\"{}\"", resource.version)
}

/// The full representation of `resource`.
pub(crate) fn render(
    state: &State,
    rt: ResourceType,
    resource: &Resource,
    links: &Links,
    dialect: Dialect,
) -> Map<String, Value> {
    let mut out = resource.attributes.clone();
    let mut schemas = vec![json!(rt.core_schema())];
    let mut extensions: Vec<&String> = out.keys().filter(|k| is_urn(k)).collect();
    extensions.sort();
    schemas.extend(extensions.into_iter().map(|k| json!(k)));
    out.insert("schemas".into(), Value::Array(schemas));
    out.insert("id".into(), json!(resource.id));
    match rt {
        ResourceType::User => {
            let groups = groups_of(state, &resource.id, links);
            if !groups.is_empty() {
                out.insert("groups".into(), Value::Array(groups));
            }
            name_manager(state, &mut out);
        }
        ResourceType::Group => {
            if let Some(Value::Array(members)) = out.get_mut("members") {
                for member in members.iter_mut() {
                    describe_member(state, member, links);
                }
            }
        }
    }
    let mut meta = json!({
        "resourceType": rt.name(),
        "created": time(&resource.created),
        "lastModified": time(&resource.last_modified),
        "location": links.location(rt, &resource.id),
    });
    if dialect.etags() {
        meta["version"] = json!(etag(resource));
    }
    out.insert("meta".into(), meta);
    out
}

/// What the dialect shows of a rendered resource: AWS keeps members out of groups (filters still
/// see them, so `members eq "id"` works).
pub(crate) fn shown(
    dialect: Dialect,
    rt: ResourceType,
    mut full: Map<String, Value>,
) -> Map<String, Value> {
    if rt == ResourceType::Group && !dialect.shows_members() {
        full.remove("members");
    }
    full
}

pub(crate) fn is_urn(key: &str) -> bool {
    key.len() > 4 && key.get(..4).is_some_and(|p| p.eq_ignore_ascii_case("urn:"))
}

pub(crate) fn time(at: &chrono::DateTime<chrono::Utc>) -> String {
    at.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true)
}

/// The groups that list `user_id` as a member, as the read-only `groups` attribute shows them.
fn groups_of(state: &State, user_id: &str, links: &Links) -> Vec<Value> {
    state
        .groups
        .iter()
        .filter(|g| g.member_ids().iter().any(|m| m == user_id))
        .map(|g| {
            json!({
                "value": g.id,
                "$ref": links.location(ResourceType::Group, &g.id),
                "display": g.attributes.get("displayName").cloned().unwrap_or(Value::Null),
                "type": "direct",
            })
        })
        .collect()
}

/// `members` entries get the `$ref` and `type` of what they point at. No `display`: RFC 7643
/// §8.7.1 gives members only value, $ref and type (a given `display` is accepted and ignored).
fn describe_member(state: &State, member: &mut Value, links: &Links) {
    let Some(obj) = member.as_object_mut() else {
        return;
    };
    let Some(id) = obj.get("value").and_then(Value::as_str).map(str::to_string) else {
        return;
    };
    let rt = if state.find(ResourceType::User, &id).is_some() {
        ResourceType::User
    } else if state.find(ResourceType::Group, &id).is_some() {
        ResourceType::Group
    } else {
        return;
    };
    obj.insert("type".into(), json!(rt.name()));
    obj.insert("$ref".into(), json!(links.location(rt, &id)));
}

/// The enterprise `manager.displayName` is read-only: the manager's own displayName.
fn name_manager(state: &State, out: &mut Map<String, Value>) {
    let Some(Value::Object(ext)) = out.get_mut(ENTERPRISE_SCHEMA) else {
        return;
    };
    let Some(Value::Object(manager)) = ext.get_mut("manager") else {
        return;
    };
    let display = manager
        .get("value")
        .and_then(Value::as_str)
        .and_then(|id| state.find(ResourceType::User, id))
        .and_then(|u| u.attributes.get("displayName").cloned());
    if let Some(display) = display {
        manager.insert("displayName".into(), display);
    }
}

/// The `attributes` and `excludedAttributes` of a request.
#[derive(Debug, Default)]
pub(crate) struct Projection {
    only: Vec<AttrPath>,
    excluded: Vec<AttrPath>,
}

impl Projection {
    pub(crate) fn parse(
        attributes: Option<&str>,
        excluded: Option<&str>,
    ) -> ScimResult<Projection> {
        let list = |text: Option<&str>| -> ScimResult<Vec<AttrPath>> {
            let Some(text) = text else {
                return Ok(Vec::new());
            };
            text.split(',')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(|item| {
                    parse_attr_path(item).ok_or_else(|| {
                        ScimError::invalid_value(format!("`{item}` is not an attribute path"))
                    })
                })
                .collect()
        };
        Ok(Projection {
            only: list(attributes)?,
            excluded: list(excluded)?,
        })
    }

    /// Whether the request names `attributes` (a PATCH must then answer 200, RFC 7644 §3.5.2).
    pub(crate) fn is_set(&self) -> bool {
        !self.only.is_empty()
    }

    pub(crate) fn apply(&self, rt: ResourceType, full: Map<String, Value>) -> Map<String, Value> {
        let mut out = if self.only.is_empty() {
            full.clone()
        } else {
            let mut kept = Map::new();
            for key in ["schemas", "id"] {
                if let Some(v) = full.get(key) {
                    kept.insert(key.into(), v.clone());
                }
            }
            for path in &self.only {
                copy(&full, &mut kept, rt, path);
            }
            kept
        };
        for path in &self.excluded {
            remove(&mut out, rt, path);
        }
        out
    }
}

/// The container of a selection in `obj` (the resource or an extension) and the key in it.
fn locate(
    obj: &Map<String, Value>,
    rt: ResourceType,
    path: &AttrPath,
) -> Option<(Option<String>, String)> {
    match &path.urn {
        Some(urn) if !urn.eq_ignore_ascii_case(rt.core_schema()) => {
            let ext = get_ci_key(obj, urn)?;
            let inner = obj.get(&ext)?.as_object()?;
            Some((Some(ext), get_ci_key(inner, &path.name)?))
        }
        _ => Some((None, get_ci_key(obj, &path.name)?)),
    }
}

/// A path that names a whole extension (`urn:...:enterprise:2.0:User` parses as attribute
/// `User` of `urn:...:2.0`): the extension's key in `obj`.
fn whole_extension(obj: &Map<String, Value>, path: &AttrPath) -> Option<String> {
    let urn = path.urn.as_ref().filter(|_| path.sub.is_none())?;
    get_ci_key(obj, &format!("{urn}:{}", path.name))
}

fn copy(
    full: &Map<String, Value>,
    out: &mut Map<String, Value>,
    rt: ResourceType,
    path: &AttrPath,
) {
    if let Some(key) = whole_extension(full, path) {
        out.insert(key.clone(), full[&key].clone());
        return;
    }
    let Some((ext, key)) = locate(full, rt, path) else {
        return;
    };
    let (src, dst) = match &ext {
        Some(ext) => {
            let Some(src) = full.get(ext).and_then(Value::as_object) else {
                return;
            };
            let dst = out
                .entry(ext.clone())
                .or_insert_with(|| Value::Object(Map::new()));
            let Some(dst) = dst.as_object_mut() else {
                return;
            };
            (src, dst)
        }
        None => (full, &mut *out),
    };
    let Some(value) = src.get(&key) else {
        return;
    };
    let Some(sub) = &path.sub else {
        dst.insert(key, value.clone());
        return;
    };
    let pick = |item: &Value| -> Option<(String, Value)> {
        let item = item.as_object()?;
        let sub_key = get_ci_key(item, sub)?;
        Some((sub_key.clone(), item[&sub_key].clone()))
    };
    match value {
        Value::Object(_) => {
            let slot = dst.entry(key).or_insert_with(|| Value::Object(Map::new()));
            if let (Some(slot), Some((k, v))) = (slot.as_object_mut(), pick(value)) {
                slot.insert(k, v);
            }
        }
        Value::Array(items) => {
            let slot = dst.entry(key).or_insert_with(|| {
                Value::Array(items.iter().map(|_| Value::Object(Map::new())).collect())
            });
            if let Some(slots) = slot.as_array_mut() {
                for (slot, item) in slots.iter_mut().zip(items) {
                    if let (Some(slot), Some((k, v))) = (slot.as_object_mut(), pick(item)) {
                        slot.insert(k, v);
                    }
                }
            }
        }
        _ => {}
    }
}

fn remove(out: &mut Map<String, Value>, rt: ResourceType, path: &AttrPath) {
    if let Some(key) = whole_extension(out, path) {
        out.remove(&key);
        return;
    }
    // `id` is returned always (RFC 7643 §3.1), whatever the request says.
    if path.urn.is_none() && path.name.eq_ignore_ascii_case("id") {
        return;
    }
    let Some((ext, key)) = locate(out, rt, path) else {
        return;
    };
    let container = match &ext {
        Some(ext) => match out.get_mut(ext).and_then(Value::as_object_mut) {
            Some(c) => c,
            None => return,
        },
        None => out,
    };
    match &path.sub {
        None => {
            container.remove(&key);
        }
        Some(sub) => match container.get_mut(&key) {
            Some(Value::Object(item)) => {
                if let Some(k) = get_ci_key(item, sub) {
                    item.remove(&k);
                }
            }
            Some(Value::Array(items)) => {
                for item in items.iter_mut().filter_map(Value::as_object_mut) {
                    if let Some(k) = get_ci_key(item, sub) {
                        item.remove(&k);
                    }
                }
            }
            _ => {}
        },
    }
}
