//! Bleemeo's demo data: one account, its admin login and three more members, one still invited.

use chrono::{TimeZone, Utc};

use super::{
    Account, GrantCounts, Login, State, User, DEFAULT_REQUESTS_PER_MINUTE,
    DEFAULT_TOKEN_LIFETIME_SECS,
};
use crate::sandbox::{BLEEMEO_TEST_ACCOUNT, BLEEMEO_TEST_PASSWORD, BLEEMEO_TEST_USERNAME};

/// The membership id of the test login.
pub(crate) const ADMIN_ID: &str = "3f1c9a52-0b6e-4d8a-9c21-5e7f0a4b8d11";

impl State {
    /// The "Acme Monitoring" account: the test login (admin), Ada (manager), Grace (a plain
    /// user in Europe/Paris) and Margaret, invited and not yet activated.
    pub(crate) fn seed() -> State {
        let at = |day: u32, hour: u32| {
            Utc.with_ymd_and_hms(2024, 2, day, hour, 0, 0)
                .single()
                .unwrap_or_default()
        };
        let member = |id: &str, login: &str, first: &str, last: &str, day: u32| User {
            first_name: first.into(),
            last_name: last.into(),
            created_at: at(day, 9),
            created_by: Some(ADMIN_ID.into()),
            modified_at: Some(at(day, 9)),
            activated_at: Some(at(day, 10)),
            date_joined: Some(at(day, 10)),
            last_login: Some(at(20, 8)),
            user: Some(login.into()),
            timezone: Some("UTC".into()),
            ..User::invited(
                id.into(),
                &format!("{}@sandbox.example", first.to_lowercase()),
                None,
            )
        };
        let admin = User {
            email: BLEEMEO_TEST_USERNAME.into(),
            is_admin: true,
            created_by: None,
            ..member(
                ADMIN_ID,
                "a0e8c0d4-1b2f-4c3d-8e5f-6a7b8c9d0e1f",
                "Sandbox",
                "Admin",
                1,
            )
        };
        let ada = User {
            is_manager: true,
            timezone: Some("Europe/London".into()),
            toggle_weekly: Some(true),
            ..member(
                "5b2d7e14-8c3a-4f6b-9d0e-1a2b3c4d5e6f",
                "b1f9d1e5-2c3a-4d4e-9f6a-7b8c9d0e1f2a",
                "Ada",
                "Lovelace",
                2,
            )
        };
        let grace = User {
            timezone: Some("Europe/Paris".into()),
            mobile_notification_enable: true,
            ..member(
                "7c4e9a36-1d5b-4e8c-a2f3-4b5c6d7e8f90",
                "c2a0e2f6-3d4b-4e5f-8a7b-8c9d0e1f2a3b",
                "Grace",
                "Hopper",
                3,
            )
        };
        let margaret = User {
            first_name: "Margaret".into(),
            last_name: "Hamilton".into(),
            created_at: at(5, 9),
            modified_at: Some(at(5, 9)),
            ..User::invited(
                "9e6a1b58-3f7d-4a2e-b4c5-6d7e8f9a0b1c".into(),
                "margaret@sandbox.example",
                Some(ADMIN_ID.into()),
            )
        };
        State {
            account: Account {
                id: BLEEMEO_TEST_ACCOUNT.into(),
                name: "Acme Monitoring".into(),
            },
            users: vec![admin, ada, grace, margaret],
            logins: vec![Login {
                email: BLEEMEO_TEST_USERNAME.into(),
                password: BLEEMEO_TEST_PASSWORD.into(),
            }],
            grants: Vec::new(),
            token_lifetime_secs: DEFAULT_TOKEN_LIFETIME_SECS,
            requests_per_minute: DEFAULT_REQUESTS_PER_MINUTE,
            grant_counts: GrantCounts::default(),
        }
    }
}
