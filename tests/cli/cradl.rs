//! Cradl end to end: emails through profiles, cached and renewed tokens, ids checked locally.
//! The audience and JWTs are in `auth.rs`, listings under load and the monthly cap in
//! `load.rs`, profiles without an email in `null_email.rs`.

mod auth;
mod load;
mod null_email;

use roster::sandbox::{Fault, FaultRule, CRADL_TEST_CLIENT_SECRET};
use serde_json::Value;

use crate::common::{assert_success, code, stderr, Env};

const TOKEN_ROUTE: &str = "POST /cradl/oauth2/token";
const LIST_ROUTE: &str = "GET /cradl/users";
const PROFILE_ROUTE: &str = "GET /cradl/profiles/{id}";
/// Users in the seed: five with an email, one whose profile has none.
const SEEDED: usize = 6;

fn cradl(env: &Env, args: &[&str]) -> Value {
    let mut all = vec!["--profile", "cradl"];
    all.extend_from_slice(args);
    env.json(&all)
}

fn run(env: &Env, args: &[&str]) -> std::process::Output {
    let mut all = vec!["--profile", "cradl"];
    all.extend_from_slice(args);
    env.run(&all)
}

fn route(env: &Env, key: &str) -> u64 {
    env.sandbox.stats().by_route.get(key).copied().unwrap_or(0)
}

#[test]
fn emails_come_from_profiles_in_lists_and_lookups() {
    let env = Env::new();
    let emails = env.emails("cradl");
    assert_eq!(
        emails.len(),
        5,
        "every seeded user whose profile has an email: {emails:?}"
    );
    assert!(
        emails.contains(&"alan@sandbox.example".to_string()),
        "las: ids too"
    );
    assert_eq!(
        route(&env, PROFILE_ROUTE),
        SEEDED as u64,
        "one look-up per profile"
    );

    let grace = cradl(&env, &["users", "get", "Grace@Sandbox.Example"]);
    assert_eq!(grace["email"], "grace@sandbox.example");
    assert_eq!(grace["display_name"], "Grace Hopper");
    assert_eq!(grace["first_name"], "Grace");
    assert_eq!(grace["roles"][0]["name"], "Developer");
    assert_eq!(grace["extra"]["metadata"]["team"], "platform");
    let margaret = cradl(&env, &["users", "get", "margaret@sandbox.example"]);
    assert_eq!(margaret["status"], "invited");
    let id = grace["id"].as_str().unwrap_or_default();
    assert!(id.starts_with("cradl:user:"), "{id}");
    assert_eq!(
        cradl(&env, &["users", "get", id])["email"],
        "grace@sandbox.example"
    );

    let missing = run(&env, &["users", "get", "nobody@example.com"]);
    assert_eq!(code(&missing), 5, "{}", stderr(&missing));
    let roles = cradl(&env, &["groups", "list"]);
    let roles = roles.as_array().unwrap();
    assert_eq!(roles.len(), 4);
    assert!(roles.iter().all(|r| r["kind"] == "role"));
}

#[test]
fn lists_of_more_than_three_pages_are_complete() {
    let env = Env::new();
    env.sandbox.with_state(|s| {
        for i in 0..320 {
            s.cradl.add_user(&format!("bulk{i}@example.com"));
        }
    });
    let out = run(&env, &["users", "list", "-o", "ndjson"]);
    assert_success(&out, &["users", "list"]);
    let users: Vec<Value> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is JSON"))
        .collect();
    assert_eq!(users.len(), SEEDED + 320);
    let mut ids: Vec<&str> = users.iter().filter_map(|u| u["id"].as_str()).collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), SEEDED + 320, "no user twice");
    let with_email = users.iter().filter(|u| u["email"].is_string()).count();
    assert_eq!(with_email, SEEDED + 320 - 1, "every email there is, filled");
    assert_eq!(route(&env, LIST_ROUTE), 4, "pages of 100");
    assert_eq!(route(&env, PROFILE_ROUTE), SEEDED as u64 + 320);
}

#[test]
fn bad_credentials_are_exit_4_naming_the_profile() {
    let env = Env::new();
    let base = env.base_url("cradl");
    env.write_config(&format!(
        "[profiles.acme]\nprovider = \"cradl\"\nbase_url = \"{base}\"\nauth_url = \"{base}/oauth2/token\"\n\
         client_id = \"roster-sandbox-cradl-client\"\nclient_secret_env = \"ACME_SECRET\"\n"
    ));
    for args in [&["profiles", "check"][..], &["users", "list"][..]] {
        let out = env
            .roster()
            .env("ACME_SECRET", "wrong-secret")
            .args(args)
            .output()
            .unwrap();
        assert_eq!(code(&out), 4, "{args:?}: {}", stderr(&out));
        assert!(stderr(&out).contains("profile `acme`"), "{}", stderr(&out));
        assert!(!stderr(&out).contains("wrong-secret"));
    }
}

#[test]
fn profiles_check_names_the_client() {
    let env = Env::new();
    let checked = env.json(&["profiles", "check", "cradl"]);
    assert_eq!(checked["principal"], "client roster-sandbox-cradl-client");
}

#[test]
fn a_token_is_cached_between_commands_and_the_cache_holds_no_secret() {
    let env = Env::new();
    cradl(&env, &["users", "list"]);
    cradl(&env, &["groups", "list"]);
    assert_eq!(
        route(&env, TOKEN_ROUTE),
        1,
        "the second command reused the token"
    );
    let file = env.home().join("xdg-cache/roster/tokens/cradl.json");
    let text = std::fs::read_to_string(&file).expect("a token cache file");
    assert!(text.contains("access"), "{text}");
    assert!(!text.contains(CRADL_TEST_CLIENT_SECRET), "{text}");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&file).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    let out = env.run(&["profiles", "logout", "cradl"]);
    assert_success(&out, &["profiles", "logout"]);
    cradl(&env, &["users", "list"]);
    assert_eq!(route(&env, TOKEN_ROUTE), 2, "logged out: a new token");
}

#[test]
fn an_expired_token_is_renewed_once_after_the_403() {
    let env = Env::new();
    cradl(&env, &["users", "list"]);
    // The cached token still looks valid to roster, but Cradl now answers 403 Forbidden.
    env.sandbox.with_state(|s| s.cradl.expire_tokens());
    assert_eq!(
        cradl(&env, &["users", "list"]).as_array().unwrap().len(),
        SEEDED
    );
    assert_eq!(route(&env, TOKEN_ROUTE), 2);
    assert_eq!(route(&env, LIST_ROUTE), 3, "one refused list, retried once");
}

#[test]
fn a_cached_token_past_its_expiry_is_replaced_before_it_is_sent() {
    let env = Env::new();
    cradl(&env, &["users", "list"]);
    // Age the cached token as if its lifetime had passed since the first command.
    let file = env.home().join("xdg-cache/roster/tokens/cradl.json");
    let mut cache: Value = serde_json::from_slice(&std::fs::read(&file).unwrap()).unwrap();
    let expires_at = cache["token"]["expires_at"].as_i64().expect("an expiry");
    cache["token"]["expires_at"] = Value::from(expires_at - 3600);
    std::fs::write(&file, serde_json::to_vec(&cache).unwrap()).unwrap();
    cradl(&env, &["users", "list"]);
    assert_eq!(route(&env, TOKEN_ROUTE), 2);
    assert_eq!(route(&env, LIST_ROUTE), 2, "no request was refused");
}

#[test]
fn a_429_without_retry_after_is_retried_with_backoff() {
    let env = Env::new();
    env.sandbox.inject(FaultRule {
        vendor: Some("cradl".into()),
        method: Some("GET".into()),
        path_contains: Some("/cradl/users".into()),
        fault: Fault::TooManyRequests {
            retry_after_secs: 0,
        },
        times: 2,
    });
    let users = cradl(&env, &["users", "list"]);
    assert_eq!(users.as_array().unwrap().len(), SEEDED);
    assert_eq!(env.sandbox.stats().rate_limited, 2);
}

#[test]
fn malformed_ids_and_emails_are_refused_before_sending() {
    let env = Env::new();
    for args in [
        &["users", "get", "12345"][..],
        &["users", "get", "cradl:user:"][..],
        &["users", "update", "las:role:viewer", "--name", "X"][..],
        &["users", "delete", "paradigm-7", "--yes"][..],
        &["users", "create", "--email", "a@example.c"][..],
        &[
            "users",
            "create",
            "--email",
            "x@example.com",
            "--first-name",
            "X",
            "--name",
            "Y",
        ][..],
        &[
            "users",
            "create",
            "--email",
            "x@example.com",
            "--set",
            "tz=UTC",
        ][..],
    ] {
        let out = run(&env, args);
        assert_eq!(code(&out), 2, "{args:?}: {}", stderr(&out));
    }
    assert_eq!(env.sandbox.stats().requests, 0, "nothing was sent");
}

#[test]
fn metadata_round_trips_and_keeps_other_keys() {
    let env = Env::new();
    let set = |kv: &str| {
        cradl(
            &env,
            &["users", "update", "ada@sandbox.example", "--set", kv],
        )
    };
    assert_eq!(set("metadata.team=ops")["extra"]["metadata"]["team"], "ops");
    let both = set("metadata.shift=night");
    assert_eq!(both["extra"]["metadata"]["team"], "ops", "{both}");
    assert_eq!(both["extra"]["metadata"]["shift"], "night");
    let again = cradl(&env, &["users", "get", "ada@sandbox.example"]);
    assert_eq!(again["extra"]["metadata"]["team"], "ops");
    let created = cradl(
        &env,
        &[
            "users",
            "create",
            "--email",
            "meta@example.com",
            "--set",
            "metadata.team=ops",
            "--description",
            "Night shift",
            "--role",
            "annotator",
        ],
    );
    assert_eq!(created["extra"]["metadata"]["team"], "ops");
    assert_eq!(created["extra"]["description"], "Night shift");
    assert_eq!(created["status"], "invited");
    assert_eq!(created["roles"][0]["id"], "cradl:role:annotator");
}

#[test]
fn delete_shows_the_deleted_user_and_deactivate_points_to_it() {
    let env = Env::new();
    let deleted = cradl(&env, &["users", "delete", "linus@sandbox.example", "--yes"]);
    assert_eq!(deleted["email"], "linus@sandbox.example");
    assert_eq!(deleted["status"], "inactive");
    assert_eq!(route(&env, "DELETE /cradl/users/{id}"), 1);
    assert!(!env
        .emails("cradl")
        .contains(&"linus@sandbox.example".to_string()));

    let before = env.sandbox.stats().requests;
    let out = run(
        &env,
        &["users", "deactivate", "ada@sandbox.example", "--yes"],
    );
    assert_eq!(code(&out), 1);
    assert!(
        stderr(&out).contains("not supported by cradl; use `roster users delete`"),
        "{}",
        stderr(&out)
    );
    assert_eq!(env.sandbox.stats().requests, before, "nothing was sent");
}

#[test]
fn dry_run_create_shows_json_and_logs_in_for_nothing() {
    let env = Env::new();
    let out = run(
        &env,
        &[
            "--dry-run",
            "-o",
            "json",
            "users",
            "create",
            "--email",
            "dry@example.com",
        ],
    );
    assert_success(&out, &["--dry-run"]);
    let planned: Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(planned[0]["method"], "POST");
    assert_eq!(planned[0]["headers"]["Content-Type"], "application/json");
    assert_eq!(planned[0]["body"]["email"], "dry@example.com");
    assert_eq!(env.sandbox.stats().requests, 0);
}

#[test]
fn the_quota_is_a_vendor_refusal() {
    let env = Env::new();
    env.sandbox.with_state(|s| s.cradl.max_users = SEEDED);
    let out = run(
        &env,
        &["users", "create", "--email", "one.more@example.com"],
    );
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    assert!(
        stderr(&out).contains("Maximum number of users"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn the_client_secret_never_reaches_output_logs_or_files() {
    let env = Env::new();
    for args in [
        &["-vv", "users", "list"][..],
        &["-v", "profiles", "check"][..],
        &[
            "-v",
            "--dry-run",
            "users",
            "create",
            "--email",
            "c@example.com",
        ][..],
        &["-v", "users", "get", "nobody@example.com"][..],
    ] {
        let out = run(&env, args);
        let text = format!("{}{}", crate::common::stdout(&out), stderr(&out));
        assert!(!text.contains(CRADL_TEST_CLIENT_SECRET), "{args:?}: {text}");
    }
    let cache = env.home().join("xdg-cache");
    for entry in std::fs::read_dir(cache.join("roster/tokens")).unwrap() {
        let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        assert!(!text.contains(CRADL_TEST_CLIENT_SECRET), "{text}");
    }
}
