//! Cradl's demo data: four roles, six users (one with a legacy `las:` id, one whose profile has
//! no email) and their profiles.

use chrono::{TimeZone, Utc};
use serde_json::{json, Map};

use super::{new_signing_key, Profile, Role, State, User, UserStatus, DOCUMENTED_AUDIENCE};

impl State {
    /// Roles Admin, Developer, Annotator and Viewer (a legacy `las:` role); users Ada (active
    /// admin), Grace (active developer, metadata team=platform), Linus (inactive), Margaret
    /// (invite pending), Alan (legacy `las:` ids) and a scanner robot whose profile has a null
    /// email; tokens live 5 minutes; at most 20 users; 1000 API requests per 10 seconds per
    /// client; no monthly cap.
    pub(crate) fn seed() -> State {
        let at = |day: u32| {
            Utc.with_ymd_and_hms(2024, 3, day, 9, 30, 0)
                .single()
                .unwrap_or_default()
        };
        let role = |id: &str, name: &str, description: &str, perms: &[(&str, &str)]| Role {
            role_id: id.into(),
            name: name.into(),
            description: description.into(),
            permissions: perms
                .iter()
                .map(|(resource, action)| {
                    (resource.to_string(), action.to_string(), "allow".into())
                })
                .collect(),
        };
        let roles = vec![
            role(
                "cradl:role:admin",
                "Admin",
                "Everything in the organization",
                &[("*", "*")],
            ),
            role(
                "cradl:role:developer",
                "Developer",
                "Models, workflows and documents",
                &[
                    ("cradl:model:*", "*"),
                    ("cradl:workflow:*", "*"),
                    ("cradl:document:*", "*"),
                ],
            ),
            role(
                "cradl:role:annotator",
                "Annotator",
                "Reviews documents",
                &[("cradl:document:*", "write")],
            ),
            role(
                "las:role:viewer",
                "Viewer",
                "Reads everything",
                &[("*", "read")],
            ),
        ];
        let mut users = Vec::new();
        let mut profiles = Vec::new();
        // One person: an id prefix (`las` for legacy ids), the email's local part (none for a
        // profile without an email), a given and a family name (empty for none), a status and
        // role ids. Ids follow the order.
        let mut person =
            |prefix: &str, login: Option<&str>, names: (&str, &str), status, roles: &[&str]| {
                let n = users.len() as u64 + 1;
                let (given, family) = names;
                let profile_id = format!("{prefix}:profile:{:032x}", 0x00c0_ffee_0000 + n);
                let name = (!given.is_empty()).then(|| format!("{given} {family}"));
                profiles.push(Profile {
                    profile_id: profile_id.clone(),
                    email: login.map(|l| format!("{l}@sandbox.example")),
                    name: name.clone(),
                    given_name: (!given.is_empty()).then(|| given.to_string()),
                    family_name: (!family.is_empty()).then(|| family.to_string()),
                    created_time: at(1),
                });
                users.push(User {
                    user_id: format!("{prefix}:user:{:032x}", 0x0ace_0000 + n),
                    profile_id,
                    name,
                    description: None,
                    metadata: Map::new(),
                    role_ids: roles.iter().map(|r| r.to_string()).collect(),
                    status,
                    created_by: "cradl:user:setup".into(),
                    created_time: at(1 + n as u32),
                    updated_by: None,
                    updated_time: None,
                    seq: n,
                });
            };
        let active = UserStatus::Active;
        person(
            "cradl",
            Some("ada"),
            ("Ada", "Lovelace"),
            active,
            &["cradl:role:admin"],
        );
        person(
            "cradl",
            Some("grace"),
            ("Grace", "Hopper"),
            active,
            &["cradl:role:developer"],
        );
        person(
            "cradl",
            Some("linus"),
            ("Linus", "Torvalds"),
            UserStatus::Inactive,
            &["cradl:role:annotator"],
        );
        person(
            "cradl",
            Some("margaret"),
            ("", ""),
            UserStatus::InvitePending,
            &[],
        );
        person(
            "las",
            Some("alan"),
            ("Alan", "Turing"),
            active,
            &["las:role:viewer"],
        );
        // A profile from an identity provider that shares no email (the Node client types the
        // field `string | null`, las-sdk-core lib/types/profile.d.ts:5).
        person("cradl", None, ("", ""), active, &["cradl:role:annotator"]);
        if let Some(grace) = users.get_mut(1) {
            grace.metadata.insert("team".into(), json!("platform"));
        }
        if let Some(robot) = users.get_mut(5) {
            robot.name = Some("Scanner robot".into());
        }
        State {
            users,
            profiles,
            roles,
            signing_key: new_signing_key(),
            audience: DOCUMENTED_AUDIENCE.into(),
            token_lifetime_secs: 300,
            max_users: 20,
            monthly_limit: None,
            monthly_requests: 0,
            rate_limit: 1000,
            rate_window_secs: 10,
            next_seq: 7,
        }
    }
}
