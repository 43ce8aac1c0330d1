//! Amani end to end: sign-in, the token cache, expiry and refresh, paging and rate limits.

mod users;

use std::time::{Duration, Instant};

use roster::sandbox::amani::{VIEWER_EMAIL, VIEWER_PASSWORD};
use roster::sandbox::{Fault, FaultRule, AMANI_TEST_PASSWORD};
use serde_json::Value;

use crate::common::{assert_success, code, stderr, stdout, Env};

const LOGIN: &str = "POST /amani/api/v2/user/login";
const REFRESH: &str = "POST /amani/api/v2/token/refresh/";
const LIST: &str = "GET /amani/api/v2/user";
const PATCH: &str = "PATCH /amani/api/v2/user/{id}";
const CREATE: &str = "POST /amani/api/v2/user";
const OPERATOR: &str = "ayse.yilmaz@amani.sandbox.example";

fn count(env: &Env, route: &str) -> u64 {
    env.sandbox
        .stats()
        .by_route
        .get(route)
        .copied()
        .unwrap_or(0)
}

/// The config with one more profile, `name`, signing in to the sandbox's Amani as `username`
/// with the password in `$AMANI_PW`.
fn add_login_profile(env: &Env, name: &str, username: &str) {
    let text = std::fs::read_to_string(&env.config).unwrap();
    env.write_config(&format!(
        "{text}\n[profiles.{name}]\nprovider = \"amani\"\nbase_url = \"{}\"\nusername = \"{username}\"\npassword_env = \"AMANI_PW\"\n",
        env.base_url("amani")
    ));
}

/// `roster profiles check NAME` with `$AMANI_PW` set.
fn check(env: &Env, name: &str, password: &str) -> std::process::Output {
    env.roster()
        .env("AMANI_PW", password)
        .args(["-o", "json", "profiles", "check", name])
        .output()
        .unwrap()
}

#[test]
fn amani_lists_of_more_than_three_pages_are_complete() {
    let env = Env::new();
    env.sandbox.with_state(|s| {
        for i in 0..320 {
            s.amani.add_user(&format!("bulk{i}@example.com"));
        }
    });
    let out = env.run(&["--profile", "amani", "users", "list", "-o", "ndjson"]);
    assert_success(&out, &["users", "list"]);
    let users: Vec<Value> = stdout(&out)
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is JSON"))
        .collect();
    assert_eq!(users.len(), 324);
    let mut ids: Vec<&str> = users.iter().filter_map(|u| u["id"].as_str()).collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), 324, "no user twice");
    assert!(count(&env, LIST) >= 4, "fetched 4+ pages");
    assert_eq!(count(&env, LOGIN), 1, "one login for every page");
}

#[test]
fn amani_bad_credentials_are_exit_4_naming_the_profile() {
    let env = Env::new();
    add_login_profile(&env, "acme", "admin@amani.sandbox.example");
    let wrong = "not-the-password-41";
    let out = check(&env, "acme", wrong);
    assert_eq!(code(&out), 4, "{}", stderr(&out));
    assert!(stderr(&out).contains("profile `acme`"), "{}", stderr(&out));
    let out = env
        .roster()
        .env("AMANI_PW", wrong)
        .args(["--profile", "acme", "-v", "users", "list"])
        .output()
        .unwrap();
    assert_eq!(code(&out), 4, "{}", stderr(&out));
    assert!(stderr(&out).contains("hint:"), "{}", stderr(&out));
    assert!(!stderr(&out).contains(wrong) && !stdout(&out).contains(wrong));
}

#[test]
fn amani_a_429_is_retried_after_retry_after() {
    let env = Env::new();
    env.sandbox.inject(FaultRule {
        vendor: Some("amani".into()),
        method: Some("GET".into()),
        path_contains: Some("/api/v2/user".into()),
        fault: Fault::TooManyRequests {
            retry_after_secs: 1,
        },
        times: 1,
    });
    let started = Instant::now();
    let users = env.json(&["--profile", "amani", "users", "list"]);
    assert_eq!(users.as_array().unwrap().len(), 4);
    assert!(
        started.elapsed() >= Duration::from_secs(1),
        "waited for Retry-After"
    );
    assert_eq!(env.sandbox.stats().rate_limited, 1);
}

#[test]
fn amani_profiles_check_names_the_signed_in_user() {
    let env = Env::new();
    let who = env.json(&["profiles", "check", "amani"]);
    assert_eq!(who["provider"], "amani");
    assert_eq!(who["principal"], "admin@amani.sandbox.example");
    assert!(who["detail"].as_str().unwrap().contains("user id"), "{who}");
    assert!(!who.to_string().contains(AMANI_TEST_PASSWORD));
}

#[test]
fn amani_tokens_are_cached_between_commands_without_the_password() {
    let env = Env::new();
    env.json(&["--profile", "amani", "users", "list"]);
    env.json(&["--profile", "amani", "groups", "list"]);
    assert_eq!(
        count(&env, LOGIN),
        1,
        "the second command used the cached token"
    );
    let file = env.home().join("xdg-cache/roster/tokens/amani.json");
    let text = std::fs::read_to_string(&file).expect("a cache file");
    assert!(text.contains("refresh"), "{text}");
    assert!(
        !text.contains(AMANI_TEST_PASSWORD),
        "no password in the cache"
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&file).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    let out = env.run(&["profiles", "logout", "amani"]);
    assert_success(&out, &["profiles", "logout"]);
    assert!(!file.exists());
    env.json(&["--profile", "amani", "users", "list"]);
    assert_eq!(count(&env, LOGIN), 2, "logged in again after logout");
}

#[test]
fn amani_an_expired_token_is_refreshed_and_the_request_retried() {
    let env = Env::new();
    env.json(&["--profile", "amani", "users", "list"]);
    // The cached token still looks fresh to roster, but the vendor has let it expire.
    env.sandbox.with_state(|s| s.amani.expire_access_tokens());
    let users = env.json(&["--profile", "amani", "users", "list"]);
    assert_eq!(users.as_array().unwrap().len(), 4);
    assert_eq!(count(&env, REFRESH), 1, "one refresh");
    assert_eq!(count(&env, LOGIN), 1, "no second login");
    assert_eq!(
        count(&env, LIST),
        3,
        "the rejected request was retried once"
    );
}

#[test]
fn amani_a_token_near_its_expiry_is_refreshed_before_use() {
    let env = Env::new();
    // Shorter than roster's safety margin: the cached token is stale when next read.
    env.sandbox
        .with_state(|s| s.amani.settings.access_lifetime_secs = 2);
    env.json(&["--profile", "amani", "users", "list"]);
    let refreshes = count(&env, REFRESH);
    env.json(&["--profile", "amani", "groups", "list"]);
    assert!(count(&env, REFRESH) > refreshes, "refreshed, not logged in");
    assert_eq!(count(&env, LOGIN), 1);
}

#[test]
fn amani_a_user_without_admin_permissions_is_exit_4() {
    let env = Env::new();
    add_login_profile(&env, "viewer", VIEWER_EMAIL);
    let out = env
        .roster()
        .env("AMANI_PW", VIEWER_PASSWORD)
        .args(["--profile", "viewer", "users", "list"])
        .output()
        .unwrap();
    assert_eq!(code(&out), 4, "{}", stderr(&out));
    assert!(stderr(&out).contains("permission"), "{}", stderr(&out));
}
