//! Bleemeo's official client (`bleemeo` 0.10.0) and roster run one session each against the
//! same `sandbox serve --vendor-ports`: the same users, ids, emails, names and roles, and both
//! logouts revoke at the vendor.

use std::collections::BTreeMap;

use serde_json::{json, Value};

use super::{by_id, pages, profile, python, requests, run_script, serve, state, PAGE_SIZE};
use crate::common::{assert_success, code, stderr, Env};
use crate::sandbox_server::Served;

const LIST_ROUTE: &str = "GET /bleemeo/v1/user/";
const REVOKE_ROUTE: &str = "POST /bleemeo/o/revoke_token/";
/// What the script asks for with `fields=` on its listing.
const FIELDS: [&str; 6] = [
    "email",
    "first_name",
    "id",
    "is_admin",
    "is_manager",
    "last_name",
];
/// A generated user on the listing's third page.
const GET_EMAIL: &str = "user250@bench.example";
const SDK_EMAIL: &str = "sdk.session@example.com";
const ROSTER_EMAIL: &str = "roster.session@example.com";
const ROLES: [&str; 2] = ["admin", "manager"];

fn roster(env: &Env, args: &[&str]) -> Value {
    env.json(&[&["--profile", "bleemeo"][..], args].concat())
}

fn run(env: &Env, args: &[&str]) -> std::process::Output {
    env.run(&[&["--profile", "bleemeo"][..], args].concat())
}

/// A name as roster shows it: Bleemeo's empty string is no name.
fn name(value: &Value) -> Value {
    match value.as_str() {
        Some("") => Value::Null,
        _ => value.clone(),
    }
}

#[test]
fn bleemeo_sdk_and_roster_run_one_session_each_and_see_the_same_users() {
    let Some(python) = python("bleemeo", "0.10.0") else {
        return;
    };
    let env = Env::new();
    let served = serve(&env, &[]);
    let input = json!({
        "mode": "session",
        "profile": profile(&served, "bleemeo"),
        "page_size": PAGE_SIZE,
        "fields": FIELDS,
        "get_email": GET_EMAIL,
        "new_user": {"email": SDK_EMAIL, "first_name": "Sdk", "last_name": "Session"},
        "renamed": {"first_name": "Renamed"},
    });
    let seen = run_script(&python, "bleemeo_session.py", &input);
    check_the_sdk_session(&served, &seen);
    roster_sees_what_the_sdk_saw(&env, &served, &seen);
    roster_runs_the_session(&env, &served);
}

/// Each step of the SDK's session, as it saw it.
fn check_the_sdk_session(served: &Served, seen: &Value) {
    let listed = by_id(&seen["listed"], "id", &FIELDS);
    assert!(listed.len() > 300, "{} users", listed.len());
    assert_eq!(seen["count"], listed.len());
    let list_requests = requests(served, LIST_ROUTE);
    assert!(
        list_requests >= pages(listed.len(), PAGE_SIZE) && list_requests > 3,
        "{list_requests} list requests"
    );
    for user in seen["listed"].as_array().into_iter().flatten() {
        let keys: Vec<&String> = user
            .as_object()
            .into_iter()
            .flat_map(|u| u.keys())
            .collect();
        assert_eq!(keys, FIELDS, "every page keeps `fields`: {user}");
    }
    let got = &seen["got"];
    assert_eq!(got["email"], GET_EMAIL);
    assert_eq!(
        listed[got["id"].as_str().expect("an id")]["email"],
        GET_EMAIL
    );
    // The revoked access token was renewed through the refresh grant.
    assert_eq!(
        seen["renewed"],
        json!({"same_user": true, "new_tokens": true})
    );
    assert_eq!(state(served)["bleemeo"]["grant_counts"]["refresh_token"], 1);

    let created = &seen["created"];
    assert_eq!(created["status"], 201);
    assert_eq!(created["user"]["email"], SDK_EMAIL);
    assert_eq!(created["user"]["first_name"], "Sdk");
    assert_eq!(seen["duplicate"]["status"], 400);
    assert!(seen["duplicate"]["fields"]["email"].is_array(), "{seen}");
    assert_eq!(seen["updated"]["status"], 200);
    assert_eq!(seen["updated"]["user"]["first_name"], "Renamed");
    assert_eq!(seen["updated"]["user"]["last_name"], "Session");
    assert_eq!(seen["deleted"]["status"], 204);
    assert_eq!(
        seen["deleted"]["then_get"]["error"],
        "ResourceNotFoundError"
    );
    let admins = seen["roles"]["admin"].as_array().expect("admins");
    assert!(!admins.is_empty(), "{seen}");

    let logout = &seen["logout"];
    let after = |token: &str| {
        let outcome = &logout[format!("{token}_after")];
        assert_eq!(outcome["error"], "AuthenticationError", "{logout}");
        outcome["message"].as_str().unwrap_or_default().to_string()
    };
    // The OAuth `error_description` of the refused refresh grant.
    assert!(
        after("refresh").contains("Invalid refresh token"),
        "{logout}"
    );
    // The 401 body's `messages[0].message`, as the SDK reads it (exceptions.py:200-207).
    assert!(after("access").contains("Token is invalid"), "{logout}");
    assert_eq!(logout["access_after"]["status"], 401);
    // The renewal's revocation of the access token, then the logout's of the refresh token.
    assert_eq!(requests(served, REVOKE_ROUTE), 2);
}

/// roster, through the printed host-root profile, lists the same users with the same ids,
/// emails, names and roles, and no longer finds the one the SDK deleted.
fn roster_sees_what_the_sdk_saw(env: &Env, served: &Served, seen: &Value) {
    let list_requests = requests(served, LIST_ROUTE);
    let listed = roster(env, &["users", "list"]);
    assert!(
        requests(served, LIST_ROUTE) > list_requests + 3,
        "roster pages too"
    );
    let theirs: BTreeMap<String, Value> = by_id(&seen["listed"], "id", &FIELDS)
        .into_iter()
        .map(|(id, u)| {
            let roles: Vec<&str> = ROLES
                .into_iter()
                .filter(|r| u[format!("is_{r}")] == true)
                .collect();
            let shown = json!({
                "email": u["email"],
                "first_name": name(&u["first_name"]),
                "last_name": name(&u["last_name"]),
                "roles": roles,
            });
            (id, shown)
        })
        .collect();
    let ours: BTreeMap<String, Value> = listed
        .as_array()
        .expect("a list")
        .iter()
        .map(|u| {
            let roles: Vec<&Value> = u["roles"]
                .as_array()
                .into_iter()
                .flatten()
                .map(|r| &r["id"])
                .collect();
            let shown = json!({
                "email": u["email"],
                "first_name": u["first_name"],
                "last_name": u["last_name"],
                "roles": roles,
            });
            (u["id"].as_str().expect("an id").to_string(), shown)
        })
        .collect();
    assert_eq!(ours, theirs, "the same users, ids, emails, names and roles");
    // The SDK reads roles off the users' flags; roster names the same two.
    let groups = roster(env, &["groups", "list"]);
    let role_ids: Vec<&Value> = groups
        .as_array()
        .into_iter()
        .flatten()
        .map(|g| &g["id"])
        .collect();
    assert_eq!(role_ids, ROLES);

    let got = &seen["got"];
    let one = roster(env, &["users", "get", got["id"].as_str().expect("an id")]);
    assert_eq!(one["email"], got["email"]);
    assert_eq!(one["first_name"], name(&got["first_name"]));
    let deleted = seen["created"]["user"]["id"].as_str().expect("an id");
    assert_eq!(code(&run(env, &["users", "get", deleted])), 5);
}

/// roster's own session: create, update a name, delete, logout (revoked at the vendor).
fn roster_runs_the_session(env: &Env, served: &Served) {
    let create = [
        "users",
        "create",
        "--email",
        ROSTER_EMAIL,
        "--first-name",
        "Roster",
        "--last-name",
        "Session",
    ];
    let created = roster(env, &create);
    assert_eq!(created["email"], ROSTER_EMAIL);
    assert_eq!(created["status"], "invited");
    let id = created["id"].as_str().expect("an id").to_string();
    let duplicate = run(env, &create);
    assert_eq!(code(&duplicate), 6, "{}", stderr(&duplicate));
    let updated = roster(env, &["users", "update", &id, "--first-name", "Renamed"]);
    assert_eq!(updated["first_name"], "Renamed");
    assert_eq!(updated["last_name"], "Session");
    let deleted = run(env, &["-y", "users", "delete", &id]);
    assert_success(&deleted, &["users", "delete"]);
    assert_eq!(code(&run(env, &["users", "get", &id])), 5);

    let logout = env.run(&["profiles", "logout", "bleemeo"]);
    assert_success(&logout, &["profiles", "logout"]);
    let said = stderr(&logout);
    assert!(said.contains("revoked at bleemeo"), "{said}");
    assert_eq!(requests(served, REVOKE_ROUTE), 3);
    // Both logouts revoked at the vendor: no grant is left, the SDK's or roster's.
    assert_eq!(state(served)["bleemeo"]["grants"], json!([]));
}

#[test]
fn bleemeo_sdk_reads_the_sandboxs_retry_after() {
    let Some(python) = python("bleemeo", "0.10.0") else {
        return;
    };
    let env = Env::new();
    let served = serve(&env, &["--rate-limit", "1/h"]);
    let input = json!({"mode": "until_throttled", "profile": profile(&served, "bleemeo")});
    let seen = run_script(&python, "bleemeo_session.py", &input);
    assert_eq!(seen["served"], 1, "{seen}");
    // Whole seconds, which the SDK parses as an int (exceptions.py:106-110), about the hour's
    // window: longer than it sleeps on its own, so it is raised at once.
    let retry_after: u64 = seen["retry_after"]
        .as_str()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("an integer Retry-After: {seen}"));
    assert_eq!(seen["delay_seconds"], retry_after);
    assert!((3_000..=3_600).contains(&retry_after), "{seen}");
}
