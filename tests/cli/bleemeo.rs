//! Bleemeo end to end: pages, rate limits, roles, `--set` fields, refusals. Tokens are in
//! `tokens.rs`, logout and revocation in `logout.rs`.

mod logout;
mod tokens;

use std::time::{Duration, Instant};

use roster::sandbox::{Fault, FaultRule};
use serde_json::Value;

use crate::common::{assert_success, code, stderr, stdout, Env};

const B: [&str; 2] = ["--profile", "bleemeo"];

pub(crate) fn args<'a>(rest: &[&'a str]) -> Vec<&'a str> {
    let mut all = B.to_vec();
    all.extend_from_slice(rest);
    all
}

/// (password grants, refresh grants) the sandbox issued.
pub(crate) fn grants(env: &Env) -> (u64, u64) {
    let counts = env.sandbox.with_state(|s| s.bleemeo.grant_counts.clone());
    (counts.password, counts.refresh_token)
}

pub(crate) fn route(env: &Env, key: &str) -> u64 {
    env.sandbox
        .stats()
        .by_route
        .get(key)
        .copied()
        .unwrap_or_default()
}

fn role_ids(user: &Value) -> Vec<String> {
    let roles = user["roles"].as_array().cloned().unwrap_or_default();
    roles
        .iter()
        .filter_map(|r| r["id"].as_str().map(str::to_string))
        .collect()
}

#[test]
fn lists_of_more_than_three_pages_are_complete() {
    let env = Env::new();
    env.sandbox.with_state(|s| {
        for i in 0..320 {
            s.bleemeo.add_user(&format!("bulk{i}@example.com"));
        }
    });
    let out = env.run(&args(&["users", "list", "-o", "ndjson"]));
    assert_success(&out, &["users", "list"]);
    let lines: Vec<Value> = stdout(&out)
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is JSON"))
        .collect();
    assert_eq!(lines.len(), 324);
    let mut ids: Vec<&str> = lines.iter().filter_map(|u| u["id"].as_str()).collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), 324, "no user twice");
    assert!(
        route(&env, "GET /bleemeo/v1/user/") >= 4,
        "fetched 4+ pages"
    );
    let statuses: Vec<&str> = lines.iter().filter_map(|u| u["status"].as_str()).collect();
    assert_eq!(
        statuses.iter().filter(|s| **s == "active").count(),
        3,
        "the seeded members"
    );
    let margaret = lines
        .iter()
        .find(|u| u["email"] == "margaret@sandbox.example");
    assert_eq!(
        margaret.map(|u| &u["status"]),
        Some(&Value::from("invited"))
    );
}

#[test]
fn a_429_is_waited_out_with_retry_after() {
    let env = Env::new();
    env.sandbox.inject(FaultRule {
        vendor: Some("bleemeo".into()),
        method: Some("GET".into()),
        path_contains: Some("/v1/user/".into()),
        fault: Fault::TooManyRequests {
            retry_after_secs: 1,
        },
        times: 1,
    });
    let started = Instant::now();
    let users = env.json(&args(&["users", "list"]));
    assert_eq!(users.as_array().map(Vec::len), Some(4));
    assert!(
        started.elapsed() >= Duration::from_secs(1),
        "waited for Retry-After"
    );
    assert_eq!(env.sandbox.stats().rate_limited, 1);
    assert_eq!(route(&env, "GET /bleemeo/v1/user/"), 2);
}

#[test]
fn roles_are_set_on_create_and_added_and_removed_on_update() {
    let env = Env::new();
    let groups = env.json(&args(&["groups", "list"]));
    let listed: Vec<(String, String)> = groups
        .as_array()
        .unwrap()
        .iter()
        .map(|g| {
            (
                g["id"].as_str().unwrap().into(),
                g["kind"].as_str().unwrap().into(),
            )
        })
        .collect();
    assert_eq!(
        listed,
        [
            ("admin".into(), "role".into()),
            ("manager".into(), "role".into())
        ]
    );
    let created = env.json(&args(&[
        "users",
        "create",
        "--email",
        "boss@example.com",
        "--role",
        "Admin",
    ]));
    assert_eq!(role_ids(&created), ["admin"]);
    assert_eq!(created["extra"]["is_admin"], true);
    assert_eq!(created["status"], "invited");
    let id = created["id"].as_str().unwrap();
    let added = env.json(&args(&["users", "update", id, "--add-role", "manager"]));
    assert_eq!(role_ids(&added), ["admin", "manager"]);
    let removed = env.json(&args(&[
        "users",
        "update",
        id,
        "--remove-role",
        "manager",
        "--remove-role",
        "admin",
    ]));
    assert!(role_ids(&removed).is_empty(), "{removed}");
    let managers = env.json(&args(&["users", "list", "--group", "manager"]));
    let emails: Vec<&str> = managers
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|u| u["email"].as_str())
        .collect();
    assert_eq!(emails, ["ada@sandbox.example"]);
    let out = env.run(&args(&[
        "users",
        "create",
        "--email",
        "g@example.com",
        "--group",
        "admin",
    ]));
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    assert!(stderr(&out).contains("no groups"), "{}", stderr(&out));
    assert_eq!(
        route(&env, "POST /bleemeo/v1/user/"),
        1,
        "only the first create was sent"
    );
}

#[test]
fn vendor_fields_round_trip_through_set_and_others_are_refused() {
    let env = Env::new();
    let updated = env.json(&args(&[
        "users",
        "update",
        "grace@sandbox.example",
        "--set",
        "timezone=Asia/Tokyo",
        "--set",
        "toggle_newsletter=true",
    ]));
    assert_eq!(updated["extra"]["timezone"], "Asia/Tokyo");
    assert_eq!(updated["extra"]["toggle_newsletter"], true);
    let again = env.json(&args(&["users", "get", updated["id"].as_str().unwrap()]));
    assert_eq!(again["extra"]["timezone"], "Asia/Tokyo");
    for refused in [
        "failed_login_count=0",
        "is_admin=true",
        "toggle_weekly=soon",
    ] {
        let out = env.run(&args(&[
            "users",
            "update",
            "grace@sandbox.example",
            "--set",
            refused,
        ]));
        assert_eq!(code(&out), 2, "{refused}: {}", stderr(&out));
    }
    let out = env.run(&args(&[
        "users",
        "update",
        "grace@sandbox.example",
        "--set",
        "last_access=x",
    ]));
    assert!(
        stderr(&out).contains("timezone, mobile_notification_enable"),
        "{}",
        stderr(&out)
    );
    // Local checks pass; the vendor's own check still answers, as a 400 (exit 1).
    let out = env.run(&args(&[
        "users",
        "update",
        "grace@sandbox.example",
        "--set",
        "timezone=Nowhere",
    ]));
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    assert!(stderr(&out).contains("timezone:"), "{}", stderr(&out));
    assert_eq!(route(&env, "PATCH /bleemeo/v1/user/{id}/"), 2);
}

#[test]
fn deactivate_is_refused_before_anything_is_sent() {
    let env = Env::new();
    for verb in ["deactivate", "reactivate"] {
        let out = env.run(&args(&["users", verb, "ada@sandbox.example", "--yes"]));
        assert_eq!(code(&out), 1, "{}", stderr(&out));
        assert!(
            stderr(&out).contains("not supported by bleemeo"),
            "{}",
            stderr(&out)
        );
    }
    let out = env.run(&args(&[
        "users",
        "deactivate",
        "ada@sandbox.example",
        "--yes",
    ]));
    assert!(
        stderr(&out).contains("use `roster users delete`"),
        "{}",
        stderr(&out)
    );
    assert_eq!(env.sandbox.stats().requests, 0, "nothing was sent");
}
