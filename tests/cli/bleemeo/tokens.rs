//! Bleemeo's tokens end to end: login, the on-disk cache, refresh, renewal after a 401.

use roster::sandbox::BLEEMEO_TEST_PASSWORD;
use serde_json::Value;

use super::{args, grants, route};
use crate::common::{assert_success, code, stderr, stdout, Env};

fn cache_file(env: &Env) -> std::path::PathBuf {
    env.home().join("xdg-cache/roster/tokens/bleemeo.json")
}

#[test]
fn a_wrong_password_is_exit_4_naming_the_profile_and_never_shown() {
    let env = Env::new();
    let wrong = "wrong-password-5d1e9c";
    env.write_config(&format!(
        "[profiles.acme]\nprovider = \"bleemeo\"\nbase_url = \"{}\"\nusername = \"admin@sandbox.example\"\npassword_env = \"BLEEMEO_PASSWORD\"\n",
        env.base_url("bleemeo")
    ));
    for command in [&["profiles", "check"][..], &["-vv", "users", "list"][..]] {
        let out = env
            .roster()
            .env("BLEEMEO_PASSWORD", wrong)
            .args(command)
            .output()
            .unwrap();
        assert_eq!(code(&out), 4, "{}", stderr(&out));
        assert!(stderr(&out).contains("profile `acme`"), "{}", stderr(&out));
        assert!(stderr(&out).contains("invalid_grant"), "{}", stderr(&out));
        assert!(!stderr(&out).contains(wrong) && !stdout(&out).contains(wrong));
    }
    assert_eq!(
        route(&env, "GET /bleemeo/v1/user/"),
        0,
        "no API call without a token"
    );
}

#[test]
fn the_token_is_cached_between_commands_without_the_password() {
    let env = Env::new();
    env.json(&args(&["users", "list"]));
    env.json(&args(&["users", "get", "ada@sandbox.example"]));
    // Not `profiles check`: that always logs in afresh (tests/cli/hardening/credentials.rs).
    env.json(&args(&["groups", "list"]));
    assert_eq!(grants(&env), (1, 0), "one login for three commands");
    assert_eq!(route(&env, "POST /bleemeo/o/token/"), 1);
    let path = cache_file(&env);
    let text = std::fs::read_to_string(&path).expect("a cache file");
    assert!(text.contains("access"), "{text}");
    assert!(
        !text.contains(BLEEMEO_TEST_PASSWORD) && !text.contains("password"),
        "{text}"
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&path).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    for file in crate::common::files_under(env.home()) {
        if file != env.config {
            let text = std::fs::read_to_string(&file).unwrap_or_default();
            assert!(!text.contains(BLEEMEO_TEST_PASSWORD), "{}", file.display());
        }
    }
    assert_success(&env.run(&["profiles", "logout", "bleemeo"]), &["logout"]);
    assert!(!path.exists());
    env.json(&args(&["users", "list"]));
    assert_eq!(grants(&env), (2, 0), "logged in again after logout");
}

#[test]
fn an_expiring_token_is_refreshed_not_logged_in_again() {
    let env = Env::new();
    // Inside roster's 30 s margin: a cached token is stale at once, yet the sandbox still takes it.
    env.sandbox
        .with_state(|s| s.bleemeo.token_lifetime_secs = 20);
    env.json(&args(&["users", "list"]));
    assert_eq!(grants(&env), (1, 0));
    let user = env.json(&args(&["users", "get", "grace@sandbox.example"]));
    assert_eq!(user["first_name"], "Grace");
    let (logins, refreshes) = grants(&env);
    assert_eq!(logins, 1, "the refresh grant was used instead");
    assert!(refreshes >= 1);
    let text = std::fs::read_to_string(cache_file(&env)).expect("a cache file");
    assert!(!text.contains(BLEEMEO_TEST_PASSWORD));
}

#[test]
fn a_revoked_token_is_renewed_once_and_the_request_retried() {
    let env = Env::new();
    env.json(&args(&["users", "list"]));
    // The server forgets every token: the cached one is refused and so is its refresh token.
    env.sandbox.with_state(|s| s.bleemeo.grants.clear());
    let users = env.json(&args(&["users", "list"]));
    assert_eq!(users.as_array().map(Vec::len), Some(4));
    assert_eq!(grants(&env), (2, 0), "refresh refused, so a new login");
    assert_eq!(
        route(&env, "GET /bleemeo/v1/user/"),
        3,
        "one 401, one retry"
    );
}

#[test]
fn dry_run_logs_in_but_sends_no_change() {
    let env = Env::new();
    let out = env.run(&args(&[
        "--dry-run",
        "-o",
        "json",
        "users",
        "create",
        "--email",
        "dry@example.com",
        "--role",
        "manager",
    ]));
    assert_success(&out, &["--dry-run create"]);
    let planned: Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(planned[0]["method"], "POST");
    assert_eq!(planned[0]["body"]["is_manager"], true);
    assert_eq!(planned[0]["headers"]["Authorization"], "Bearer [redacted]");
    assert!(planned[0]["url"]
        .as_str()
        .unwrap()
        .ends_with("/bleemeo/v1/user/"));
    let out = env.run(&args(&[
        "--dry-run",
        "users",
        "delete",
        "ada@sandbox.example",
    ]));
    assert_success(&out, &["--dry-run delete"]);
    assert!(!stdout(&out).contains(BLEEMEO_TEST_PASSWORD));
    assert_eq!(grants(&env).0, 1, "the token request is not a write");
    assert_eq!(route(&env, "POST /bleemeo/v1/user/"), 0);
    assert_eq!(route(&env, "DELETE /bleemeo/v1/user/{id}/"), 0);
}

#[test]
fn profiles_check_names_the_login() {
    let env = Env::new();
    let checked = env.json(&["profiles", "check", "bleemeo"]);
    assert_eq!(checked["principal"], "admin@sandbox.example");
    let detail = checked["detail"].as_str().unwrap_or_default();
    assert!(detail.contains("roles: admin"), "{detail}");
}
