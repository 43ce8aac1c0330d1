//! SCIM resources on the wire (RFC 7643): reading users, groups and list answers with attribute
//! names compared case-insensitively, and building the body of a new user.

use serde_json::{json, Map, Value};

use crate::model::{rfc3339, Group, GroupKind, NewUser, Ref, Status, User};
use crate::providers::ProviderError;

pub(crate) const USER_SCHEMA: &str = "urn:ietf:params:scim:schemas:core:2.0:User";
pub(crate) const PATCH_OP: &str = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
pub(crate) const MEDIA_TYPE: &str = "application/scim+json";

/// The attributes a user's model fields come from; the rest go to `extra` as the server named
/// them.
const MAPPED: &[&str] = &[
    "schemas",
    "id",
    "userName",
    "name",
    "displayName",
    "emails",
    "active",
    "groups",
    "meta",
];

/// `map[name]`, the name compared case-insensitively (RFC 7643 §2.1).
pub(crate) fn get_ci<'a>(map: &'a Map<String, Value>, name: &str) -> Option<&'a Value> {
    map.get(name).or_else(|| {
        map.iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v)
    })
}

fn str_ci<'a>(map: &'a Map<String, Value>, name: &str) -> Option<&'a str> {
    get_ci(map, name).and_then(Value::as_str)
}

/// A resource's `id`, a string in the RFC and sometimes a number in the wild.
pub(crate) fn id_of(map: &Map<String, Value>) -> Option<String> {
    match get_ci(map, "id")? {
        Value::String(s) if !s.is_empty() => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// `meta.version`, the resource's ETag.
pub(crate) fn version_of(map: &Map<String, Value>) -> Option<String> {
    get_ci(map, "meta")
        .and_then(Value::as_object)
        .and_then(|m| str_ci(m, "version"))
        .map(str::to_string)
}

/// The email a user is known by: the primary one, else the first work one, else the first.
pub(crate) fn email_of(map: &Map<String, Value>) -> Option<String> {
    let emails: Vec<&Map<String, Value>> = get_ci(map, "emails")
        .and_then(Value::as_array)
        .map(|a| a.iter().filter_map(Value::as_object).collect())
        .unwrap_or_default();
    let value = |e: &&Map<String, Value>| str_ci(e, "value").map(str::to_string);
    let primary = |e: &&Map<String, Value>| get_ci(e, "primary") == Some(&Value::Bool(true));
    let work = |e: &&Map<String, Value>| str_ci(e, "type").is_some_and(|t| t == "work");
    emails
        .iter()
        .find(|e| primary(e))
        .or_else(|| emails.iter().find(|e| work(e)))
        .or_else(|| emails.first())
        .and_then(value)
}

/// True when the user has `email` among its emails, or as its userName (any case).
pub(crate) fn has_email(map: &Map<String, Value>, email: &str) -> bool {
    let in_emails = get_ci(map, "emails")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(Value::as_object)
        .filter_map(|e| str_ci(e, "value"))
        .any(|v| v.trim().eq_ignore_ascii_case(email.trim()));
    in_emails || str_ci(map, "userName").is_some_and(|u| u.eq_ignore_ascii_case(email.trim()))
}

/// A SCIM user -> the model user.
pub(crate) fn to_user(profile: &str, map: Map<String, Value>) -> Result<User, ProviderError> {
    let id = id_of(&map).ok_or_else(|| ProviderError::protocol("a user without an id"))?;
    let mut u = User::blank(profile, "scim", id);
    let name = get_ci(&map, "name").and_then(Value::as_object);
    u.first_name = name
        .and_then(|n| str_ci(n, "givenName"))
        .map(str::to_string);
    u.last_name = name
        .and_then(|n| str_ci(n, "familyName"))
        .map(str::to_string);
    u.display_name = str_ci(&map, "displayName")
        .map(str::to_string)
        .or_else(|| {
            name.and_then(|n| str_ci(n, "formatted"))
                .map(str::to_string)
        })
        .or_else(|| User::joined_name(u.first_name.as_deref(), u.last_name.as_deref()));
    u.username = str_ci(&map, "userName").map(str::to_string);
    u.email = email_of(&map);
    u.status = match get_ci(&map, "active") {
        Some(Value::Bool(false)) => Status::Inactive,
        // Some services send booleans as strings.
        Some(Value::String(s)) if s.eq_ignore_ascii_case("false") => Status::Inactive,
        _ => Status::Active,
    };
    u.groups = get_ci(&map, "groups")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(Value::as_object)
        .filter_map(|g| {
            Some(Ref {
                id: str_ci(g, "value")?.to_string(),
                name: str_ci(g, "display").map(str::to_string),
            })
        })
        .collect();
    let meta = get_ci(&map, "meta").and_then(Value::as_object);
    u.created_at = meta.and_then(|m| str_ci(m, "created")).map(rfc3339);
    for (k, v) in map {
        if !MAPPED.iter().any(|m| m.eq_ignore_ascii_case(&k)) {
            u.extra.insert(k, v);
        }
    }
    Ok(u)
}

/// A SCIM group -> the model group; its description says how many members it shows.
pub(crate) fn to_group(profile: &str, map: &Map<String, Value>) -> Option<Group> {
    let id = id_of(map)?;
    let members = get_ci(map, "members")
        .and_then(Value::as_array)
        .map(Vec::len);
    Some(Group {
        profile: profile.to_string(),
        provider: "scim".into(),
        name: str_ci(map, "displayName").unwrap_or(&id).to_string(),
        id,
        kind: GroupKind::Group,
        description: members.map(|n| format!("{n} member{}", if n == 1 { "" } else { "s" })),
    })
}

/// A group as a user's membership.
pub(crate) fn group_ref(map: &Map<String, Value>) -> Option<Ref> {
    Some(Ref {
        id: id_of(map)?,
        name: str_ci(map, "displayName").map(str::to_string),
    })
}

/// The resources of a ListResponse (`Resources`, or `resources` as some services spell it),
/// `totalResults` and `nextCursor`.
pub(crate) struct ListAnswer {
    pub(crate) resources: Vec<Map<String, Value>>,
    pub(crate) total: Option<u64>,
    pub(crate) next_cursor: Option<String>,
}

pub(crate) fn list_answer(body: Value) -> Result<ListAnswer, ProviderError> {
    let Value::Object(map) = body else {
        return Err(ProviderError::protocol(
            "a list answer that is not an object",
        ));
    };
    let resources = match get_ci(&map, "Resources") {
        Some(Value::Array(items)) => items.iter().filter_map(Value::as_object).cloned().collect(),
        None | Some(Value::Null) => Vec::new(),
        Some(_) => return Err(ProviderError::protocol("`Resources` is not a list")),
    };
    let total = get_ci(&map, "totalResults").and_then(|t| match t {
        Value::Number(n) => n.as_u64(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    });
    let next_cursor = str_ci(&map, "nextCursor").map(str::to_string);
    Ok(ListAnswer {
        resources,
        total,
        next_cursor,
    })
}

/// Set `path` (`a`, `a.b`, or `urn:...:Resource:a.b`) to `value` in a resource body; `null`
/// removes it.
pub(crate) fn set_path(body: &mut Map<String, Value>, path: &str, value: Value) {
    let (target, rest) = match split_urn(path) {
        Some((urn, rest)) => {
            let ext = body
                .entry(urn.to_string())
                .or_insert_with(|| Value::Object(Map::new()));
            if !ext.is_object() {
                *ext = Value::Object(Map::new());
            }
            match ext.as_object_mut() {
                Some(m) => (m, rest),
                None => return,
            }
        }
        None => (body, path),
    };
    set_dotted(target, rest, value);
}

fn set_dotted(map: &mut Map<String, Value>, path: &str, value: Value) {
    let (head, tail) = match path.split_once('.') {
        Some((h, t)) => (h, Some(t)),
        None => (path, None),
    };
    // An attribute already there keeps its spelling.
    let key = map
        .keys()
        .find(|k| k.eq_ignore_ascii_case(head))
        .cloned()
        .unwrap_or_else(|| head.to_string());
    match tail {
        None if value.is_null() => {
            map.remove(&key);
        }
        None => {
            map.insert(key, value);
        }
        Some(tail) => {
            let inner = map.entry(key).or_insert_with(|| Value::Object(Map::new()));
            if !inner.is_object() {
                *inner = Value::Object(Map::new());
            }
            if let Some(m) = inner.as_object_mut() {
                set_dotted(m, tail, value);
            }
        }
    }
}

/// `urn:...:User:attr.sub` -> (`urn:...:User`, `attr.sub`). Attribute names hold no `:`.
pub(crate) fn split_urn(path: &str) -> Option<(&str, &str)> {
    if !path
        .get(..4)
        .is_some_and(|p| p.eq_ignore_ascii_case("urn:"))
    {
        return None;
    }
    path.rsplit_once(':').filter(|(_, a)| !a.is_empty())
}

/// The extension schemas a body uses, to list in `schemas`.
fn extension_schemas(body: &Map<String, Value>) -> Vec<String> {
    body.iter()
        .filter(|(k, v)| {
            v.is_object() && k.get(..4).is_some_and(|p| p.eq_ignore_ascii_case("urn:"))
        })
        .map(|(k, _)| k.clone())
        .collect()
}

/// The body of `POST /Users`: userName (the email unless given), names, displayName, one
/// primary work email, active, and every `--set` path.
pub(crate) fn new_user_body(user: &NewUser) -> Value {
    let mut body = Map::new();
    let username = user.username.clone().unwrap_or_else(|| user.email.clone());
    body.insert("userName".into(), json!(username));
    let mut name = Map::new();
    if let Some(g) = &user.first_name {
        name.insert("givenName".into(), json!(g));
    }
    if let Some(f) = &user.last_name {
        name.insert("familyName".into(), json!(f));
    }
    if !name.is_empty() {
        body.insert("name".into(), Value::Object(name));
    }
    if let Some(d) = &user.name {
        body.insert("displayName".into(), json!(d));
    }
    body.insert(
        "emails".into(),
        json!([{"value": user.email, "type": "work", "primary": true}]),
    );
    if let Some(p) = &user.phone {
        body.insert("phoneNumbers".into(), json!([{"value": p, "type": "work"}]));
    }
    if let Some(l) = &user.language {
        body.insert("preferredLanguage".into(), json!(l));
    }
    if let Some(pw) = &user.password {
        body.insert("password".into(), json!(pw.expose()));
    }
    body.insert("active".into(), json!(user.active.unwrap_or(true)));
    for (path, value) in &user.extra {
        set_path(&mut body, path, value.clone());
    }
    let mut schemas = vec![USER_SCHEMA.to_string()];
    schemas.extend(extension_schemas(&body));
    body.insert("schemas".into(), json!(schemas));
    Value::Object(body)
}

/// A resource read back, made fit to PUT: server-owned `meta` dropped, `schemas` listing every
/// extension it carries.
pub(crate) fn for_put(mut map: Map<String, Value>) -> Map<String, Value> {
    map.retain(|k, _| !k.eq_ignore_ascii_case("meta"));
    let mut schemas: Vec<String> = get_ci(&map, "schemas")
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(Value::as_str)
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_else(|| vec![USER_SCHEMA.to_string()]);
    for ext in extension_schemas(&map) {
        if !schemas.iter().any(|s| s.eq_ignore_ascii_case(&ext)) {
            schemas.push(ext);
        }
    }
    map.retain(|k, _| !k.eq_ignore_ascii_case("schemas"));
    map.insert("schemas".into(), json!(schemas));
    map
}
