//! Membership changes whose answer is lost or refused: each user's row says what the vendor
//! shows, and some failing is exit 7.

use roster::sandbox::{Fault, FaultRule};
use serde_json::Value;

use super::{actions, member_emails, CASES};
use crate::common::{assert_success, code, stderr, Env};

/// `fault` on the next `times` requests of `method` to `vendor` whose path holds `path`. Writes
/// other than POST are retried (4 attempts in all), so a fault that must outlast the retries
/// comes 4 times.
fn inject(env: &Env, vendor: &str, method: &str, path: &str, fault: Fault, times: u32) {
    env.sandbox.inject(FaultRule {
        vendor: Some(vendor.into()),
        method: Some(method.into()),
        path_contains: Some(path.into()),
        fault,
        times,
    });
}

/// The id of `email` in `profile`.
fn id_of(env: &Env, profile: &str, email: &str) -> String {
    let user = env.json(&["--profile", profile, "users", "get", email]);
    user["id"].as_str().expect("an id").to_string()
}

#[test]
fn a_garbled_answer_is_not_reported_as_added() {
    let env = Env::new();
    let case = &CASES[0];
    // 200 with a body that is not JSON, and the group left as it was.
    inject(
        &env,
        "paradigm",
        "PUT",
        "/api/v3/groups/",
        Fault::MalformedJson,
        1,
    );
    let [one, two] = case.outsiders;
    let out = env.run(&["-o", "json", "groups", "add", case.group, one, two]);
    assert_eq!(code(&out), 7, "{}", stderr(&out));
    let rows: Value = serde_json::from_slice(&out.stdout).expect("rows on stdout");
    assert_eq!(
        actions(&rows),
        [
            (one.to_string(), "failed".to_string()),
            (two.to_string(), "failed".to_string())
        ]
    );
    let error = rows[0]["error"].as_str().unwrap_or_default();
    assert!(
        error.contains("still out of the group: not changed"),
        "{error}"
    );
    assert!(stderr(&out).contains("2 of 2 membership change(s) failed"));
    let now = member_emails(&env, "paradigm", case.group);
    assert!(!now.contains(&one.to_string()), "{now:?}");
}

#[test]
fn a_change_applied_and_then_dropped_is_looked_up_and_reported_added() {
    let env = Env::new();
    let case = &CASES[1];
    let [one, two] = case.outsiders;
    let path = format!("/api/v2/user/{}", id_of(&env, "amani", one));
    inject(&env, "amani", "PATCH", &path, Fault::CommitThenDrop, 4);
    let out = env.run(&[
        "--profile",
        "amani",
        "-o",
        "json",
        "groups",
        "add",
        case.group,
        one,
        two,
    ]);
    assert_success(&out, &["amani add, one answer lost"]);
    let rows: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        actions(&rows),
        [
            (one.to_string(), "added".to_string()),
            (two.to_string(), "added".to_string())
        ]
    );
    assert!(
        stderr(&out).contains("looked up afterwards, the change is there"),
        "{}",
        stderr(&out)
    );
    let now = member_emails(&env, "amani", case.group);
    assert!(now.contains(&one.to_string()) && now.contains(&two.to_string()));
}

#[test]
fn one_user_refused_is_exit_7_and_the_others_are_done() {
    let env = Env::new();
    let case = &CASES[1];
    let [one, two] = case.outsiders;
    let path = format!("/api/v2/user/{}", id_of(&env, "amani", two));
    inject(
        &env,
        "amani",
        "PATCH",
        &path,
        Fault::ServerError { status: 500 },
        4,
    );
    let out = env.run(&[
        "--profile",
        "amani",
        "-o",
        "json",
        "groups",
        "add",
        case.group,
        one,
        two,
    ]);
    assert_eq!(code(&out), 7, "{}", stderr(&out));
    let rows: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        actions(&rows),
        [
            (one.to_string(), "added".to_string()),
            (two.to_string(), "failed".to_string())
        ]
    );
    assert!(
        rows[1]["error"].as_str().is_some_and(|e| e.contains("500")),
        "{rows}"
    );
    let err = stderr(&out);
    assert!(err.contains("1 of 2 membership change(s) failed"), "{err}");
    assert!(err.contains("run the same command again"), "{err}");
    // Run again: the one done is `unchanged`, the other is added now.
    let rows = env.json(&["--profile", "amani", "groups", "add", case.group, one, two]);
    assert_eq!(
        actions(&rows),
        [
            (one.to_string(), "unchanged".to_string()),
            (two.to_string(), "added".to_string())
        ]
    );
}
