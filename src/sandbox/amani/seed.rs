//! Amani's demo data: one company, three permission groups, the test admin and three users.

use super::{auth, Group, Settings, State, User};
use crate::sandbox::{AMANI_TEST_PASSWORD, AMANI_TEST_USERNAME};

/// A seeded user who may sign in but not administer users (a 403 for every user route).
pub const VIEWER_EMAIL: &str = "omar.haddad@amani.sandbox.example";
pub const VIEWER_PASSWORD: &str = "roster-sandbox-amani-viewer";

impl State {
    /// Groups Admin (1), Operator (2) and Viewer (3); the test admin, an operator, a viewer who
    /// can sign in with [`VIEWER_PASSWORD`], and a blocked (inactive) operator.
    pub(crate) fn seed() -> State {
        let perms = |names: &[&str]| names.iter().map(|p| p.to_string()).collect();
        let groups = vec![
            Group {
                id: 1,
                name: "Admin".into(),
                permissions: perms(&[
                    "add_user",
                    "approve_document",
                    "change_profile",
                    "change_user",
                    "view_document",
                    "view_group",
                    "view_profile",
                    "view_user",
                ]),
            },
            Group {
                id: 2,
                name: "Operator".into(),
                permissions: perms(&[
                    "approve_document",
                    "change_profile",
                    "view_document",
                    "view_profile",
                ]),
            },
            Group {
                id: 3,
                name: "Viewer".into(),
                permissions: perms(&["view_document", "view_profile"]),
            },
        ];
        let user = |id: &str, email: &str, name: (&str, &str), group: u64, password: &str| User {
            id: id.into(),
            email: email.into(),
            first_name: name.0.into(),
            last_name: name.1.into(),
            phone: String::new(),
            is_active: true,
            group_ids: vec![group],
            password_hash: auth::hash_password(password),
            mfa: false,
            reset_pw: false,
            reset_2fa: false,
        };
        // Nobody signs in as these two; their passwords are random.
        let unknown = auth::random_hex(16);
        let mut blocked = user(
            "d4f6a1c2-7b3e-4e59-8a1d-2c9b5e7f3a60",
            "lena.weber@amani.sandbox.example",
            ("Lena", "Weber"),
            2,
            &unknown,
        );
        blocked.is_active = false;
        let mut admin = user(
            "0f8e2d4c-1a3b-4c5d-9e6f-7a8b9c0d1e2f",
            AMANI_TEST_USERNAME,
            ("Sandbox", "Admin"),
            1,
            AMANI_TEST_PASSWORD,
        );
        admin.mfa = true;
        let mut operator = user(
            "3b7c9e1f-5d2a-4f8b-b6c4-1e9d7a5f3c28",
            "ayse.yilmaz@amani.sandbox.example",
            ("Ayşe", "Yılmaz"),
            2,
            &unknown,
        );
        operator.phone = "+905551234567".into();
        State {
            settings: Settings::default(),
            company: "5c1b6a2e-8f47-4d3a-9b2e-0c6f1d7a9e34".into(),
            groups,
            users: vec![
                admin,
                operator,
                user(
                    "8a2e4c6d-9f1b-4d3e-a5c7-6b8d0f2e4a19",
                    VIEWER_EMAIL,
                    ("Omar", "Haddad"),
                    3,
                    VIEWER_PASSWORD,
                ),
                blocked,
            ],
            tokens: Vec::new(),
        }
    }
}
