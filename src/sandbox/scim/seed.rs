//! The SCIM server's demo data: five users with enterprise attributes (one inactive) and three
//! groups, one of them nested.

use chrono::{TimeZone, Utc};
use serde_json::{json, Value};

use super::schema::ENTERPRISE_SCHEMA;
use super::state::{Resource, State};

/// Fixed ids, so that docs and tests can name seeded resources.
pub const ADA_ID: &str = "2819c223-7f76-453a-919d-413861904646";
pub(crate) const GRACE_ID: &str = "902c246b-6245-4190-8e05-00816be7344a";
pub(crate) const ALAN_ID: &str = "c3a26dd3-27a0-4dec-a2ac-ce211e105f97";
pub(crate) const KATHERINE_ID: &str = "d6a1b8a2-3f4e-4c5d-9e8f-7a6b5c4d3e2f";
pub(crate) const EDSGER_ID: &str = "e0b1c2d3-e4f5-4a6b-8c7d-9e0f1a2b3c4d";
pub(crate) const ENGINEERING_ID: &str = "e9e30dba-f08f-4109-8486-d5c6a331660a";
pub(crate) const ADMINS_ID: &str = "fc348aa8-3835-40eb-a20b-c726e15c55b5";
pub(crate) const EVERYONE_ID: &str = "a1b2c3d4-e5f6-4a7b-9c8d-0e1f2a3b4c5d";

impl State {
    pub(crate) fn seed() -> State {
        let at = |day: u32| {
            Utc.with_ymd_and_hms(2024, 2, day, 9, 0, 0)
                .single()
                .unwrap_or_default()
        };
        let resource = |id: &str, day: u32, attributes: Value| Resource {
            id: id.to_string(),
            created: at(day),
            last_modified: at(day),
            version: 1,
            attributes: attributes.as_object().cloned().unwrap_or_default(),
        };
        let user = |id: &str, day: u32, given: &str, family: &str, extra: Value| {
            let login = format!("{}.{}@scim.sandbox.example", given, family).to_lowercase();
            let mut attrs = json!({
                "userName": login,
                "name": {"givenName": given, "familyName": family, "formatted": format!("{given} {family}")},
                "displayName": format!("{given} {family}"),
                "emails": [{"value": login, "type": "work", "primary": true}],
                "active": true,
                "locale": "en-US",
            });
            if let (Some(attrs), Some(extra)) = (attrs.as_object_mut(), extra.as_object()) {
                attrs.extend(extra.clone());
            }
            resource(id, day, attrs)
        };
        let enterprise = |number: &str, department: &str, manager: Option<&str>| {
            let mut ext = json!({
                "employeeNumber": number,
                "costCenter": "CC-100",
                "organization": "Acme Sandbox",
                "division": "Product",
                "department": department,
            });
            if let Some(manager) = manager {
                ext["manager"] = json!({"value": manager});
            }
            ext
        };
        let users = vec![
            user(
                ADA_ID,
                1,
                "Ada",
                "Lovelace",
                json!({
                    "title": "Chief Engineer",
                    "externalId": "hr-1001",
                    ENTERPRISE_SCHEMA: enterprise("1001", "Engineering", None),
                }),
            ),
            user(
                GRACE_ID,
                2,
                "Grace",
                "Hopper",
                json!({
                    "title": "Compiler Lead",
                    "externalId": "hr-1002",
                    "emails": [
                        {"value": "grace.hopper@scim.sandbox.example", "type": "work", "primary": true},
                        {"value": "grace@home.example", "type": "home"},
                    ],
                    "phoneNumbers": [{"value": "+1 555 0102", "type": "work"}],
                    ENTERPRISE_SCHEMA: enterprise("1002", "Engineering", Some(ADA_ID)),
                }),
            ),
            user(
                ALAN_ID,
                3,
                "Alan",
                "Turing",
                json!({
                    "active": false,
                    "externalId": "hr-1003",
                    ENTERPRISE_SCHEMA: enterprise("1003", "Research", Some(ADA_ID)),
                }),
            ),
            user(
                KATHERINE_ID,
                4,
                "Katherine",
                "Johnson",
                json!({
                    "title": "Analyst",
                    ENTERPRISE_SCHEMA: enterprise("1004", "Flight Research", Some(GRACE_ID)),
                }),
            ),
            user(
                EDSGER_ID,
                5,
                "Edsger",
                "Dijkstra",
                json!({"userType": "Contractor"}),
            ),
        ];
        let member = |id: &str, kind: &str| json!({"value": id, "type": kind});
        let groups = vec![
            resource(
                ENGINEERING_ID,
                6,
                json!({
                    "displayName": "Engineering",
                    "members": [member(ADA_ID, "User"), member(GRACE_ID, "User"), member(KATHERINE_ID, "User")],
                }),
            ),
            resource(
                ADMINS_ID,
                6,
                json!({
                    "displayName": "Admins",
                    "members": [member(ADA_ID, "User")],
                }),
            ),
            resource(
                EVERYONE_ID,
                7,
                json!({
                    "displayName": "Everyone",
                    "externalId": "all-staff",
                    "members": [member(ENGINEERING_ID, "Group"), member(ALAN_ID, "User"), member(EDSGER_ID, "User")],
                }),
            ),
        ];
        State {
            users,
            groups,
            cursors: Default::default(),
            uneven_pages: 0,
        }
    }
}
