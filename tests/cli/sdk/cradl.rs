//! Cradl's official client (`cradl` 0.6.8) and roster run one session each against the same
//! `sandbox serve --vendor-ports`: the same users, ids, emails (through profiles), names and
//! roles; and both read the sandbox's monthly cap as that, not as a rate limit.
//!
//! The client reaches the token endpoint through the one shim in `tests/sdk/cradl_session.py`
//! (its flow is picked by the host name `auth.cradl.ai`, over TLS, cradl credentials.py:95-110);
//! everything else is the client's own requests to the sandbox's printed URLs.

use std::collections::BTreeMap;

use serde_json::{json, Value};

use super::{by_id, pages, profile, python, requests, run_script, serve, PAGE_SIZE};
use crate::common::{assert_success, code, stderr, Env};
use crate::sandbox_server::Served;

const LIST_ROUTE: &str = "GET /cradl/users";
const TOKEN_ROUTE: &str = "POST /cradl/oauth2/token";
/// A generated user on the listing's third page.
const GET_EMAIL: &str = "user250@bench.example";
const SDK_EMAIL: &str = "sdk.session@example.com";
const ROSTER_EMAIL: &str = "roster.session@example.com";
/// Room for the generated users and the sessions' own (the seed's quota is 20).
const QUOTA: [&str; 2] = ["--user-quota", "1000"];

fn roster(env: &Env, args: &[&str]) -> Value {
    env.json(&[&["--profile", "cradl"][..], args].concat())
}

fn run(env: &Env, args: &[&str]) -> std::process::Output {
    env.run(&[&["--profile", "cradl"][..], args].concat())
}

#[test]
fn cradl_sdk_and_roster_run_one_session_each_and_see_the_same_users() {
    let Some(python) = python("cradl", "0.6.8") else {
        return;
    };
    let env = Env::new();
    let served = serve(&env, &QUOTA);
    let input = json!({
        "mode": "session",
        "profile": profile(&served, "cradl"),
        "page_size": PAGE_SIZE,
        "get_email": GET_EMAIL,
        "new_user": {"email": SDK_EMAIL, "name": "Sdk Session"},
        "renamed": {"name": "Renamed Session"},
    });
    let seen = run_script(&python, "cradl_session.py", &input);
    check_the_sdk_session(&served, &seen);
    roster_sees_what_the_sdk_saw(&env, &served, &seen);
    roster_runs_the_session(&env);
}

/// Each step of the SDK's session, as it saw it.
fn check_the_sdk_session(served: &Served, seen: &Value) {
    // Its token is a JWT it accepted (three parts, the claims it requires), issued for the
    // audience it always sends.
    assert_eq!(seen["token_parts"], 3);
    assert!(requests(served, TOKEN_ROUTE) >= 1);
    let listed = by_id(&seen["listed"], "userId", &["profileId"]);
    assert!(listed.len() > 300, "{} users", listed.len());
    let list_requests = requests(served, LIST_ROUTE);
    assert!(
        list_requests >= pages(listed.len(), PAGE_SIZE) && list_requests > 3,
        "{list_requests} list requests"
    );
    let emails = seen["emails"].as_object().expect("emails by user id");
    assert_eq!(emails.len(), listed.len());
    assert!(
        emails.values().any(Value::is_null),
        "the seed's profile without an email"
    );
    let got = &seen["got"];
    let got_id = got["userId"].as_str().expect("an id");
    assert_eq!(emails[got_id], GET_EMAIL);
    assert_eq!(got["profileId"], listed[got_id]["profileId"]);

    let created = &seen["created"];
    assert_eq!(created["status"], "invite_pending");
    assert_eq!(created["name"], "Sdk Session");
    assert_eq!(seen["created_email"], SDK_EMAIL);
    let duplicate = seen["duplicate"].as_str().unwrap_or_default();
    assert!(duplicate.contains("already exists"), "{seen}");
    assert_eq!(seen["updated"]["name"], "Renamed Session");
    // DELETE answers the user as it was (vendors README).
    assert_eq!(seen["deleted"]["userId"], created["userId"]);
    assert_eq!(seen["deleted"]["name"], "Renamed Session");
    assert_eq!(seen["then_get"], "NotFound");
    assert!(
        seen["roles"].as_array().is_some_and(|r| !r.is_empty()),
        "{seen}"
    );
    // The client has no logout (client credentials, nothing to revoke).
    assert_eq!(seen["logout"], Value::Null);
}

/// roster, through the printed host-root profile, lists the same users with the same ids,
/// emails (the SDK's from its profile look-ups, a null one included), names and roles, and no
/// longer finds the one the SDK deleted.
fn roster_sees_what_the_sdk_saw(env: &Env, served: &Served, seen: &Value) {
    let list_requests = requests(served, LIST_ROUTE);
    let listed = roster(env, &["users", "list"]);
    assert!(
        requests(served, LIST_ROUTE) > list_requests + 3,
        "roster pages too"
    );
    let emails = &seen["emails"];
    let theirs: BTreeMap<String, Value> = by_id(&seen["listed"], "userId", &["name", "roleIds"])
        .into_iter()
        .map(|(id, u)| {
            let shown = json!({
                "email": emails[&id],
                "display_name": u["name"],
                "roles": u["roleIds"],
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
                "display_name": u["display_name"],
                "roles": roles,
            });
            (u["id"].as_str().expect("an id").to_string(), shown)
        })
        .collect();
    assert_eq!(ours, theirs, "the same users, ids, emails, names and roles");
    let roles = by_id(&seen["roles"], "roleId", &["name"]);
    let groups = by_id(&roster(env, &["groups", "list"]), "id", &["name"]);
    assert_eq!(groups, roles, "the same roles");

    let got = &seen["got"];
    let one = roster(
        env,
        &["users", "get", got["userId"].as_str().expect("an id")],
    );
    assert_eq!(one["email"], GET_EMAIL);
    assert_eq!(one["extra"]["profileId"], got["profileId"]);
    let deleted = seen["created"]["userId"].as_str().expect("an id");
    assert_eq!(code(&run(env, &["users", "get", deleted])), 5);
}

/// roster's own session: create, update a name, delete, logout (forgotten locally).
fn roster_runs_the_session(env: &Env) {
    let create = [
        "users",
        "create",
        "--email",
        ROSTER_EMAIL,
        "--name",
        "Roster Session",
    ];
    let created = roster(env, &create);
    assert_eq!(created["email"], ROSTER_EMAIL);
    assert_eq!(created["status"], "invited");
    let id = created["id"].as_str().expect("an id").to_string();
    let duplicate = run(env, &create);
    assert_eq!(code(&duplicate), 6, "{}", stderr(&duplicate));
    let updated = roster(env, &["users", "update", &id, "--name", "Renamed Session"]);
    assert_eq!(updated["display_name"], "Renamed Session");
    let deleted = run(env, &["-y", "users", "delete", &id]);
    assert_success(&deleted, &["users", "delete"]);
    assert_eq!(code(&run(env, &["users", "get", &id])), 5);

    // Client credentials have no refresh token and Cradl no revocation: roster forgets its
    // cached token, as the SDK drops its in-memory one.
    let logout = env.run(&["profiles", "logout", "cradl"]);
    assert_success(&logout, &["profiles", "logout"]);
    let said = stderr(&logout);
    assert!(said.contains("cached token removed"), "{said}");
}

#[test]
fn cradl_sdk_and_roster_both_read_the_sandboxs_monthly_cap_as_final() {
    let Some(python) = python("cradl", "0.6.8") else {
        return;
    };
    let env = Env::new();
    let served = serve(&env, &["--monthly-limit", "3"]);
    let input = json!({"mode": "until_refused", "profile": profile(&served, "cradl")});
    let seen = run_script(&python, "cradl_session.py", &input);
    // response.py:39-40: a 429 saying `Limit Exceeded` is LimitExceededException, which the
    // client does not back off on.
    assert_eq!(seen["served"], 3);
    assert_eq!(seen["refused"], "LimitExceededException");
    assert_eq!(requests(&served, LIST_ROUTE), 4, "the SDK sent it once");

    let out = run(&env, &["users", "list"]);
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    assert!(stderr(&out).contains("Limit Exceeded"), "{}", stderr(&out));
    assert_eq!(requests(&served, LIST_ROUTE), 5, "roster sent it once too");
}

#[test]
fn cradl_sdk_backs_off_the_sandboxs_throttle_as_a_rate_limit() {
    let Some(python) = python("cradl", "0.6.8") else {
        return;
    };
    let env = Env::new();
    // One request an hour: the SDK's back-off (1, 2 then 4 seconds) never outlasts it.
    let served = serve(&env, &["--rate-limit", "1/h"]);
    let input = json!({"mode": "until_refused", "profile": profile(&served, "cradl")});
    let seen = run_script(&python, "cradl_session.py", &input);
    // response.py:36-37: `Too Many Requests` is TooManyRequestsException, tried four times in
    // all (client.py:43).
    assert_eq!(seen["served"], 1);
    assert_eq!(seen["refused"], "TooManyRequestsException");
    assert_eq!(requests(&served, LIST_ROUTE), 1 + 4);
}
