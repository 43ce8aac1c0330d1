//! `roster groups members|add|remove|create|delete` on the sandbox: one scenario body for each
//! vendor with group membership (Paradigm, Amani), and the refusals of the others.

mod change;
mod members;
mod unclear;
mod unsupported;

use roster::sandbox::amani::VIEWER_EMAIL;
use serde_json::Value;

use crate::common::Env;

/// A vendor with group membership, and what its seed holds.
pub struct Case {
    pub profile: &'static str,
    /// A group's name as seeded, and its id.
    pub group: &'static str,
    pub group_id: &'static str,
    /// Two users outside the group.
    pub outsiders: [&'static str; 2],
    /// A user already in it.
    pub member: &'static str,
    /// The route a membership change writes to.
    pub write_route: &'static str,
}

pub const CASES: [Case; 2] = [
    Case {
        profile: "paradigm",
        group: "Sales",
        group_id: "2",
        outsiders: ["ada@sandbox.example", "grace@sandbox.example"],
        member: "margaret@sandbox.example",
        write_route: "PUT /paradigm/api/v3/groups/{id}",
    },
    Case {
        profile: "amani",
        group: "Viewer",
        group_id: "3",
        outsiders: [
            "ayse.yilmaz@amani.sandbox.example",
            "lena.weber@amani.sandbox.example",
        ],
        member: VIEWER_EMAIL,
        write_route: "PATCH /amani/api/v2/user/{id}",
    },
];

/// How many requests the sandbox saw on `route` (`PUT /paradigm/api/v3/groups/{id}`).
pub fn count(env: &Env, route: &str) -> u64 {
    env.sandbox
        .stats()
        .by_route
        .get(route)
        .copied()
        .unwrap_or(0)
}

/// The members' emails, sorted, as `groups members -o json` lists them.
pub fn member_emails(env: &Env, profile: &str, group: &str) -> Vec<String> {
    let members = env.json(&["--profile", profile, "groups", "members", group]);
    let mut emails: Vec<String> = members
        .as_array()
        .expect("an array")
        .iter()
        .filter_map(|u| u["email"].as_str().map(str::to_string))
        .collect();
    emails.sort();
    emails
}

/// (email, action) of each result row, in order.
pub fn actions(rows: &Value) -> Vec<(String, String)> {
    rows.as_array()
        .expect("an array of results")
        .iter()
        .map(|r| {
            (
                r["email"].as_str().unwrap_or_default().to_string(),
                r["action"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect()
}
