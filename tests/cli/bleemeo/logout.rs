//! `roster profiles logout` against Bleemeo: the refresh token is revoked at the vendor, as
//! Bleemeo's own client's logout does (bleemeo 0.10.0 _authenticator.py:123-154), then forgotten.

use roster::sandbox::{Fault, FaultRule, BLEEMEO_TEST_PASSWORD};
use serde_json::Value;

use super::{args, grants, route};
use crate::common::{assert_success, stderr, stdout, Env};

const REVOKE_ROUTE: &str = "POST /bleemeo/o/revoke_token/";

fn cache_file(env: &Env) -> std::path::PathBuf {
    env.home().join("xdg-cache/roster/tokens/bleemeo.json")
}

/// The refresh token roster cached for the bleemeo profile.
fn cached_refresh(env: &Env) -> String {
    let text = std::fs::read_to_string(cache_file(env)).expect("a cache file");
    let cache: Value = serde_json::from_str(&text).expect("JSON");
    let refresh = cache["token"]["refresh"].as_str().unwrap_or_default();
    assert!(!refresh.is_empty(), "{text}");
    refresh.to_string()
}

fn grant_exists(env: &Env, refresh: &str) -> bool {
    env.sandbox
        .with_state(|s| s.bleemeo.grants.iter().any(|g| g.refresh_token == refresh))
}

#[test]
fn logout_revokes_the_refresh_token_at_bleemeo_then_forgets_it() {
    let env = Env::new();
    env.json(&args(&["users", "list"]));
    let refresh = cached_refresh(&env);
    assert!(grant_exists(&env, &refresh));

    let out = env.run(&["profiles", "logout", "bleemeo"]);
    assert_success(&out, &["profiles", "logout"]);
    assert!(
        stderr(&out).contains("refresh token revoked at bleemeo"),
        "{}",
        stderr(&out)
    );
    assert!(stdout(&out).is_empty(), "notes go to stderr");
    assert_eq!(route(&env, REVOKE_ROUTE), 1);
    assert!(!cache_file(&env).exists(), "forgotten locally");
    // The revoked refresh token no longer refreshes: its grant is gone at the vendor.
    assert!(!grant_exists(&env, &refresh));
    assert!(!stderr(&out).contains(&refresh) && !stderr(&out).contains(BLEEMEO_TEST_PASSWORD));

    env.json(&args(&["users", "list"]));
    assert_eq!(grants(&env), (2, 0), "a new login after logout");
}

#[test]
fn logout_still_forgets_the_token_when_revocation_fails_and_says_so() {
    let env = Env::new();
    env.json(&args(&["users", "list"]));
    let refresh = cached_refresh(&env);
    env.sandbox.inject(FaultRule {
        vendor: Some("bleemeo".into()),
        path_contains: Some("/o/revoke_token/".into()),
        times: 10,
        ..FaultRule::new(Fault::ServerError { status: 503 })
    });
    let out = env.run(&["profiles", "logout", "bleemeo"]);
    assert_success(&out, &["profiles", "logout"]);
    let err = stderr(&out);
    assert!(err.contains("could not revoke"), "{err}");
    assert!(
        err.contains("removed the cached token locally anyway"),
        "{err}"
    );
    assert!(!err.contains(&refresh), "{err}");
    assert!(!cache_file(&env).exists());
    assert!(grant_exists(&env, &refresh), "still valid at the vendor");
}

#[test]
fn without_a_cached_token_logout_needs_no_secret_and_sends_nothing() {
    let env = Env::new();
    env.write_config(&format!(
        "[profiles.acme]\nprovider = \"bleemeo\"\nbase_url = \"{}\"\nusername = \"admin@sandbox.example\"\npassword_env = \"UNSET_BLEEMEO_PASSWORD\"\n",
        env.base_url("bleemeo")
    ));
    let out = env.run(&["profiles", "logout"]);
    assert_success(&out, &["profiles", "logout"]);
    assert!(
        stderr(&out).contains("acme: no cached token"),
        "{}",
        stderr(&out)
    );
    assert_eq!(env.sandbox.stats().requests, 0);
}

#[test]
fn dry_run_logout_shows_the_revocation_and_keeps_the_token() {
    let env = Env::new();
    env.json(&args(&["users", "list"]));
    let refresh = cached_refresh(&env);
    let out = env.run(&["--dry-run", "-o", "json", "profiles", "logout", "bleemeo"]);
    assert_success(&out, &["--dry-run", "profiles", "logout"]);
    let planned: Value = serde_json::from_slice(&out.stdout).expect("the plan as JSON");
    assert_eq!(planned[0]["method"], "POST");
    let url = planned[0]["url"].as_str().unwrap_or_default();
    assert!(url.ends_with("/bleemeo/o/revoke_token/"), "{url}");
    assert!(!stdout(&out).contains(&refresh), "the token is redacted");
    assert_eq!(route(&env, REVOKE_ROUTE), 0);
    assert!(cache_file(&env).exists());
}

#[test]
fn vendors_without_revocation_only_forget_the_token() {
    let env = Env::new();
    env.json(&["--profile", "cradl", "users", "list"]);
    let before = env.sandbox.stats().requests;
    let out = env.run(&["profiles", "logout", "cradl"]);
    assert_success(&out, &["profiles", "logout"]);
    assert!(
        stderr(&out).contains("cradl: cached token removed"),
        "{}",
        stderr(&out)
    );
    assert_eq!(env.sandbox.stats().requests, before, "nothing sent");
}

#[test]
fn a_broken_profile_is_logged_out_locally_and_says_why_nothing_was_revoked() {
    let env = Env::new();
    env.json(&args(&["users", "list"]));
    let refresh = cached_refresh(&env);
    // The profile breaks after it logged in: an unknown key.
    let text = std::fs::read_to_string(&env.config).unwrap();
    let broken = text.replacen(
        "[profiles.bleemeo]\n",
        "[profiles.bleemeo]\ncolour = \"blue\"\n",
        1,
    );
    assert_ne!(broken, text);
    env.write_config(&broken);
    let before = env.sandbox.stats().requests;

    let out = env.run(&["profiles", "logout", "bleemeo"]);
    assert_success(&out, &["profiles", "logout", "a broken profile"]);
    let err = stderr(&out);
    assert!(err.contains("bleemeo: cached token removed"), "{err}");
    assert!(
        err.contains("not revoked at bleemeo") && err.contains("colour"),
        "says it was skipped, and why: {err}"
    );
    assert!(!cache_file(&env).exists(), "forgotten locally");
    assert_eq!(env.sandbox.stats().requests, before, "nothing sent");
    assert!(grant_exists(&env, &refresh), "still valid at the vendor");

    // A name the file does not have is still an error naming the known ones.
    let out = env.run(&["profiles", "logout", "nosuch"]);
    assert_eq!(crate::common::code(&out), 3, "{}", stderr(&out));
    assert!(stderr(&out).contains("known:") && stderr(&out).contains("bleemeo"));
}
