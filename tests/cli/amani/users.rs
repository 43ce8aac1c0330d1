//! Amani users end to end: passwords for new users, blocking instead of delete, roles, dry runs.

use serde_json::Value;

use super::{add_login_profile, check, count, CREATE, LOGIN, OPERATOR, PATCH};
use crate::common::{assert_success, code, stderr, stdout, Env};

#[test]
fn amani_password_stdin_sets_the_password_and_shows_it_nowhere() {
    let env = Env::new();
    let password = "Correct-Horse-Battery-9";
    let args = [
        "--profile",
        "amani",
        "-vv",
        "-o",
        "json",
        "users",
        "create",
        "--email",
        "pw@example.com",
        "--password-stdin",
    ];
    let dry = env
        .roster()
        .arg("--dry-run")
        .args(args)
        .write_stdin(format!("{password}\n"))
        .output()
        .unwrap();
    assert_success(&dry, &["--dry-run create"]);
    assert!(stdout(&dry).contains("[redacted]"), "{}", stdout(&dry));
    assert_eq!(count(&env, CREATE), 0, "the dry run sent no create");
    let out = env
        .roster()
        .args(args)
        .write_stdin(format!("{password}\n"))
        .output()
        .unwrap();
    assert_success(&out, &["create --password-stdin"]);
    let user: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(user["email"], "pw@example.com");
    assert!(user["extra"].get("generated_password").is_none());
    for text in [stdout(&dry), stderr(&dry), stdout(&out), stderr(&out)] {
        assert!(!text.contains(password), "the password leaked: {text}");
    }
    // The new user signs in with it.
    add_login_profile(&env, "newbie", "pw@example.com");
    let who = check(&env, "newbie", password);
    assert_success(&who, &["profiles check newbie"]);
    assert!(stdout(&who).contains("pw@example.com"));
    for file in crate::common::files_under(env.home()) {
        if let Ok(text) = std::fs::read_to_string(&file) {
            assert!(!text.contains(password), "{} holds it", file.display());
        }
    }
}

#[test]
fn amani_generate_password_shows_it_once_in_the_result() {
    let env = Env::new();
    let out = env.run(&[
        "--profile",
        "amani",
        "-o",
        "json",
        "users",
        "create",
        "--email",
        "gen@example.com",
        "--generate-password",
    ]);
    assert_success(&out, &["create --generate-password"]);
    let user: Value = serde_json::from_slice(&out.stdout).unwrap();
    let password = user["extra"]["generated_password"].as_str().unwrap();
    assert!(password.len() >= 16, "{password}");
    assert_eq!(stdout(&out).matches(password).count(), 1);
    assert!(!stderr(&out).contains(password));
    add_login_profile(&env, "gen", "gen@example.com");
    assert_success(&check(&env, "gen", password), &["check gen"]);
}

#[test]
fn amani_create_without_a_good_password_is_exit_2_before_sending() {
    let env = Env::new();
    let create = [
        "--profile",
        "amani",
        "users",
        "create",
        "--email",
        "x@example.com",
    ];
    let out = env.roster().args(create).write_stdin("").output().unwrap();
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    let text = stderr(&out);
    assert!(
        text.contains("--password-stdin") && text.contains("--generate-password"),
        "{text}"
    );
    let out = env
        .roster()
        .args(create)
        .arg("--password-stdin")
        .write_stdin("short\n")
        .output()
        .unwrap();
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    assert!(stderr(&out).contains("8 characters"), "{}", stderr(&out));
    assert!(!stderr(&out).contains("short\n"));
    assert_eq!(env.sandbox.stats().requests, 0, "nothing was sent");
}

#[test]
fn amani_deactivate_and_reactivate_round_trip() {
    let env = Env::new();
    let p = ["--profile", "amani"];
    let off = env.json(&[&p[..], &["users", "deactivate", OPERATOR, "--yes"]].concat());
    assert_eq!(off["status"], "inactive");
    let inactive = env.json(&[&p[..], &["users", "list", "--inactive"]].concat());
    let emails: Vec<&str> = inactive
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|u| u["email"].as_str())
        .collect();
    assert!(emails.contains(&OPERATOR), "{emails:?}");
    let id = off["id"].as_str().unwrap();
    let on = env.json(&[&p[..], &["users", "reactivate", id]].concat());
    assert_eq!(on["status"], "active");
    assert_eq!(count(&env, PATCH), 2);
    let active = env
        .sandbox
        .with_state(|s| s.amani.user_by_email(OPERATOR).unwrap().is_active);
    assert!(active);
}

#[test]
fn amani_delete_is_refused_with_exit_1_and_no_request() {
    let env = Env::new();
    let out = env.run(&["--profile", "amani", "users", "delete", OPERATOR, "--yes"]);
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    assert!(
        stderr(&out).contains("delete is not supported by amani; use `roster users deactivate`"),
        "{}",
        stderr(&out)
    );
    assert_eq!(env.sandbox.stats().requests, 0, "nothing was sent");
}

#[test]
fn amani_permission_groups_are_roles_resolved_by_name() {
    let env = Env::new();
    let groups = env.json(&["--profile", "amani", "groups", "list"]);
    let groups = groups.as_array().unwrap();
    let names: Vec<&str> = groups.iter().filter_map(|g| g["name"].as_str()).collect();
    assert_eq!(names, ["Admin", "Operator", "Viewer"]);
    assert!(groups
        .iter()
        .all(|g| g["kind"] == "role" && g["id"].is_string()));
    // --role and --group both name permission groups, case-insensitively.
    let user = env.json(&[
        "--profile",
        "amani",
        "users",
        "create",
        "--email",
        "r@example.com",
        "--generate-password",
        "--role",
        "operator",
        "--group",
        "Viewer",
        "--phone",
        "+33 1 23",
    ]);
    let roles: Vec<&str> = user["roles"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|r| r["name"].as_str())
        .collect();
    assert_eq!(roles, ["Operator", "Viewer"]);
    assert_eq!(user["extra"]["phone"], "+33 1 23");
}

#[test]
fn amani_dry_run_signs_in_but_changes_nothing() {
    let env = Env::new();
    let out = env.run(&[
        "--profile",
        "amani",
        "--dry-run",
        "-o",
        "json",
        "users",
        "deactivate",
        OPERATOR,
    ]);
    assert_success(&out, &["--dry-run deactivate"]);
    let planned: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(planned[0]["method"], "PATCH");
    assert_eq!(planned[0]["body"]["is_active"], false);
    assert_eq!(count(&env, LOGIN), 1, "signing in is no change");
    assert_eq!(count(&env, PATCH), 0);
}
