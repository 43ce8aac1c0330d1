//! What the SCIM server holds: users and groups as attribute maps, with their meta data.

use chrono::{DateTime, SubsecRound, Utc};
use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value};

use super::list::Cursors;
use super::schema::ResourceType;

/// The SCIM server's data. Group membership lives only in each group's `members`; a user's
/// `groups` attribute is derived from them when the user is shown.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct State {
    pub users: Vec<Resource>,
    pub(crate) groups: Vec<Resource>,
    /// Open cursors (RFC 9865); they live as long as the process, not in a state file.
    #[serde(skip)]
    pub(crate) cursors: Cursors,
    /// When set, an index-paged list answers at most `uneven_pages - (startIndex % 4)` resources
    /// (at least one), so pages come back shorter than asked, and unevenly: RFC 7644 §3.4.2.4
    /// makes `count` a maximum. Off (0) by default; tests set it.
    #[serde(skip)]
    pub uneven_pages: usize,
}

/// One user or group.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Resource {
    pub id: String,
    pub(crate) created: DateTime<Utc>,
    pub(crate) last_modified: DateTime<Utc>,
    /// Bumped by every change; shown as the weak ETag `W/"<version>"` (RFC 7644 §3.14).
    pub version: u64,
    /// The attributes a client wrote, under their schema spelling: no `id`, `meta`, `schemas`
    /// or derived `groups`. Extensions sit under their URN, as on the wire.
    pub(crate) attributes: Map<String, Value>,
}

impl Resource {
    pub(crate) fn new(id: String, attributes: Map<String, Value>) -> Resource {
        let now = now();
        Resource {
            id,
            created: now,
            last_modified: now,
            version: 1,
            attributes,
        }
    }

    /// Replace the attributes; a change bumps the version and `lastModified`, and no change
    /// leaves both alone (RFC 7644 §3.5.2.1: "SHALL NOT change the modify timestamp").
    pub(crate) fn set_attributes(&mut self, attributes: Map<String, Value>) -> bool {
        if attributes == self.attributes {
            return false;
        }
        self.attributes = attributes;
        self.touch();
        true
    }

    pub(crate) fn touch(&mut self) {
        self.version = self.version.saturating_add(1);
        self.last_modified = now().max(self.last_modified);
    }

    /// The `value`s of a group's members.
    pub(crate) fn member_ids(&self) -> Vec<String> {
        self.attributes
            .get("members")
            .and_then(Value::as_array)
            .map(|members| {
                members
                    .iter()
                    .filter_map(|m| m.get("value").and_then(Value::as_str))
                    .map(str::to_string)
                    .collect()
            })
            .unwrap_or_default()
    }
}

impl State {
    pub(crate) fn collection(&self, rt: ResourceType) -> &Vec<Resource> {
        match rt {
            ResourceType::User => &self.users,
            ResourceType::Group => &self.groups,
        }
    }

    pub(crate) fn collection_mut(&mut self, rt: ResourceType) -> &mut Vec<Resource> {
        match rt {
            ResourceType::User => &mut self.users,
            ResourceType::Group => &mut self.groups,
        }
    }

    pub(crate) fn find(&self, rt: ResourceType, id: &str) -> Option<&Resource> {
        self.collection(rt).iter().find(|r| r.id == id)
    }

    /// Add an active user whose userName and work email are `email`; returns its id. For
    /// seeding big tenants: nothing is validated.
    pub fn add_user(&mut self, email: &str) -> String {
        let id = new_id();
        let local = email.split('@').next().unwrap_or(email);
        let attributes = json!({
            "userName": email,
            "displayName": local,
            "name": {"givenName": local, "familyName": "Bench"},
            "emails": [{"value": email, "type": "work", "primary": true}],
            "active": true,
        });
        let attributes = attributes.as_object().cloned().unwrap_or_default();
        self.users.push(Resource::new(id.clone(), attributes));
        id
    }

    /// Make every open cursor expired, as if `cursorTimeout` had passed (for tests).
    #[cfg(test)]
    pub(crate) fn expire_cursors(&mut self) {
        self.cursors.expire_all();
    }
}

/// A random version-4 UUID: what most services use for SCIM ids.
pub(crate) fn new_id() -> String {
    let hex = format!("{:032x}", fastrand::u128(..));
    let variant = ['8', '9', 'a', 'b'][fastrand::usize(..4)];
    format!(
        "{}-{}-4{}-{variant}{}-{}",
        &hex[0..8],
        &hex[8..12],
        &hex[13..16],
        &hex[17..20],
        &hex[20..32]
    )
}

/// Whole seconds, as the answers print times.
pub(crate) fn now() -> DateTime<Utc> {
    Utc::now().trunc_subsecs(0)
}
