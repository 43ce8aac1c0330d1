//! Paradigm's demo data: the Acme Sandbox company, its roles, groups and users.

use chrono::{TimeZone, Utc};

use super::{Company, Group, InvitationStatus, Role, State, User, KEY_OWNER_ID};

impl State {
    /// The Acme Sandbox company: roles Admin and Member, groups Engineering, Sales and Support,
    /// the key's owner `admin` (id 1) and four demo users, one of them inactive.
    pub(crate) fn seed() -> State {
        let at = |day: u32, hour: u32| {
            Utc.with_ymd_and_hms(2024, 1, day, hour, 0, 0)
                .single()
                .unwrap_or_default()
        };
        let group = |id: u64, name: &str, description: &str, user_ids: Vec<u64>| Group {
            id,
            company_id: 1,
            category: "custom".into(),
            name: name.into(),
            description: description.into(),
            role: "member".into(),
            user_ids,
            created_at: at(2, 9),
            updated_at: at(2, 9),
        };
        let user = |id: u64, username: &str, first: &str, last: &str| User {
            id,
            username: username.into(),
            first_name: first.into(),
            last_name: last.into(),
            email: format!("{username}@sandbox.example"),
            is_active: true,
            date_joined: at(3, 8 + id as u32),
            account_expiration_date: None,
            last_login: Some(at(20, 8 + id as u32)),
            invitation_status: InvitationStatus::Accepted,
            language: "en".into(),
            role_ids: vec![2],
        };
        let mut grace = user(3, "grace", "Grace", "Hopper");
        grace.language = "fr".into();
        let mut linus = user(4, "linus", "Linus", "Torvalds");
        linus.is_active = false;
        let mut margaret = user(5, "margaret", "Margaret", "Hamilton");
        margaret.invitation_status = InvitationStatus::Pending;
        margaret.last_login = None;
        margaret.language = "de".into();
        margaret.account_expiration_date = Utc.with_ymd_and_hms(2030, 12, 31, 23, 59, 59).single();
        State {
            company: Company {
                id: 1,
                name: "Acme Sandbox".into(),
            },
            roles: vec![
                Role {
                    id: 1,
                    name: "Admin".into(),
                },
                Role {
                    id: 2,
                    name: "Member".into(),
                },
            ],
            groups: vec![
                group(
                    1,
                    "Engineering",
                    "Builds and runs the product",
                    vec![1, 2, 3],
                ),
                group(2, "Sales", "Finds and keeps customers", vec![5]),
                group(3, "Support", "Answers customers' questions", vec![3, 4]),
            ],
            users: vec![
                User {
                    role_ids: vec![1],
                    ..user(KEY_OWNER_ID, "admin", "Sandbox", "Admin")
                },
                user(2, "ada", "Ada", "Lovelace"),
                grace,
                linus,
                margaret,
            ],
            next_user_id: 6,
        }
    }
}
