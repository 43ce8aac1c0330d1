//! `roster plan` and `roster apply`: people as code against every vendor of the sandbox,
//! grouped by scenario.

mod audit;
mod basics;
mod faults;
mod kill;
mod prune;
mod scim;
mod stale;
mod validate;

use std::process::Output;

use serde_json::Value;

use crate::common::{code, stderr, stdout, Env};
use crate::import::env_with_rates;

/// A sandbox fast enough for tests, every profile paced at 200 requests a second.
pub fn env() -> Env {
    env_with_rates(500.0, "200/s", 0)
}

pub fn write(env: &Env, name: &str, text: &str) -> String {
    let path = env.home().join(name);
    std::fs::write(&path, text).unwrap();
    path.display().to_string()
}

/// `roster plan FILE -o json`: the exit code and the plan.
pub fn plan(env: &Env, file: &str, extra: &[&str]) -> (i32, Value) {
    let out = env.run(&[&["-o", "json", "plan", file], extra].concat());
    assert!(
        [0, 8].contains(&code(&out)),
        "plan exit {}: {}",
        code(&out),
        stderr(&out)
    );
    (code(&out), parse(&out))
}

/// `roster apply FILE --yes --generate-password -o json`, expected to succeed: the result rows.
pub fn apply(env: &Env, file: &str, extra: &[&str]) -> Vec<Value> {
    let out = env.run(
        &[
            &["-o", "json", "--yes", "apply", file, "--generate-password"],
            extra,
        ]
        .concat(),
    );
    assert_eq!(code(&out), 0, "apply: {}\n{}", stderr(&out), stdout(&out));
    if out.stdout.is_empty() {
        return Vec::new();
    }
    parse(&out).as_array().cloned().unwrap_or_default()
}

pub fn parse(out: &Output) -> Value {
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("json ({e}): {}\n{}", stdout(out), stderr(out)))
}

/// The changes of a plan as `(profile, action, email)`, in plan order.
pub fn changes(plan: &Value) -> Vec<(String, String, String)> {
    plan["changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["profile"].as_str().unwrap().to_string(),
                c["action"].as_str().unwrap().to_string(),
                c["email"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

/// Writes to the vendors' users and groups (logins and token refreshes left out).
pub fn account_writes(env: &Env) -> u64 {
    env.sandbox
        .stats()
        .by_route
        .iter()
        .filter(|(route, _)| {
            ["POST", "PUT", "PATCH", "DELETE"]
                .iter()
                .any(|m| route.starts_with(m))
                && !route.contains("token")
                && !route.contains("login")
        })
        .map(|(_, n)| n)
        .sum()
}

/// The user with this email in a profile, as `users list -o json` shows it.
pub fn user(env: &Env, profile: &str, email: &str) -> Option<Value> {
    env.json(&["--profile", profile, "users", "list"])
        .as_array()
        .unwrap()
        .iter()
        .find(|u| {
            u["email"]
                .as_str()
                .is_some_and(|e| e.eq_ignore_ascii_case(email))
        })
        .cloned()
}

/// The names of a user's groups or roles.
pub fn names(user: &Value, key: &str) -> Vec<String> {
    let mut v: Vec<String> = user[key]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["name"].as_str().unwrap_or_default().to_string())
        .collect();
    v.sort();
    v
}
