//! The sandbox's own profiles include a `scim` one: `sandbox serve` prints it, `--sandbox`
//! uses it, and `profiles show` says which dialect applies.

use crate::common::{assert_success, Env};
use crate::sandbox_server::Served;

#[test]
fn sandbox_serve_prints_a_scim_profile_that_works() {
    let env = Env::new();
    let served = Served::start(&env, &["--listen", "127.0.0.1:0", "--seed-users", "150"]);
    let profiles = served.profiles();
    let scim = &profiles["profiles"]["scim"];
    assert_eq!(scim["provider"].as_str(), Some("scim"), "{}", served.text);
    let base = scim["base_url"].as_str().expect("a base_url");
    assert!(base.ends_with("/scim/v2"), "{base}");
    env.write_config(&served.text);
    let users = env.json(&["--profile", "scim", "users", "list"]);
    assert!(users.as_array().expect("array").len() > 150, "{users}");
    let groups = env.json(&["--profile", "scim", "groups", "list"]);
    let names: Vec<&str> = groups
        .as_array()
        .expect("array")
        .iter()
        .filter_map(|g| g["name"].as_str())
        .collect();
    assert!(names.contains(&"Engineering"), "{groups}");
    assert!(
        groups.to_string().contains("member"),
        "a member count: {groups}"
    );
}

#[test]
fn sandbox_mode_reaches_scim_and_profiles_show_names_the_dialect() {
    let env = Env::new();
    std::fs::remove_file(&env.config).expect("no config: --sandbox needs none");
    let created = env.json(&[
        "--sandbox",
        "--profile",
        "scim",
        "users",
        "create",
        "--email",
        "zero@example.com",
    ]);
    assert_eq!(created["provider"], "scim");
    let found = env.json(&[
        "--sandbox",
        "--profile",
        "scim",
        "users",
        "get",
        "zero@example.com",
    ]);
    assert_eq!(found["id"], created["id"]);

    let env = Env::new();
    env.write_config(
        "[profiles.slack]\nprovider = \"scim\"\nbase_url = \"https://api.slack.com/scim/v2\"\n\
         token_env = \"SLACK_SCIM_TOKEN\"\n\n[profiles.okta]\nprovider = \"scim\"\n\
         base_url = \"https://acme.okta.com/scim/v2\"\ntoken_env = \"OKTA\"\ndialect = \"entra\"\n",
    );
    let slack = env.json(&["profiles", "show", "slack"]);
    assert_eq!(
        slack["settings"]["dialect"], "slack (from the base URL's host)",
        "{slack}"
    );
    let okta = env.json(&["profiles", "show", "okta"]);
    assert_eq!(okta["settings"]["dialect"], "entra", "{okta}");
    let out = env.run(&["profiles", "show", "slack"]);
    assert_success(&out, &["profiles show"]);
}

#[test]
fn offboarding_deactivates_in_scim_and_dry_run_sends_nothing() {
    let env = Env::new();
    let email = "leaver@example.com";
    let p = ["--profile", "scim"];
    let created = env.json(&[p[0], p[1], "users", "create", "--email", email]);
    let writes = env.sandbox.stats().writes;
    let dry = env.run(&[
        "--dry-run",
        "--profile",
        "scim",
        "users",
        "update",
        email,
        "--last-name",
        "X",
    ]);
    assert_success(&dry, &["update --dry-run"]);
    let shown = String::from_utf8_lossy(&dry.stdout).to_string() + &crate::common::stderr(&dry);
    assert!(
        shown.contains("PATCH"),
        "the planned PATCH is shown: {shown}"
    );
    assert_eq!(
        env.sandbox.stats().writes,
        writes,
        "a dry run sends no write"
    );

    let out = env.run(&[
        "-o",
        "json",
        "--profile",
        "scim",
        "users",
        "offboard",
        email,
        "--yes",
    ]);
    assert_success(&out, &["offboard"]);
    let rows: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(rows[0]["action"], "deactivated", "{rows}");
    let user = env.json(&[p[0], p[1], "users", "get", created["id"].as_str().unwrap()]);
    assert_eq!(user["status"], "inactive");
}

#[test]
fn profiles_add_writes_a_scim_profile_from_flags_and_it_works() {
    let env = Env::new();
    let base = format!("{}/v2", env.base_url("scim"));
    let out = env
        .roster()
        .env("SANDBOX_SCIM_TOKEN", roster::sandbox::scim::SCIM_TEST_TOKEN)
        .args([
            "profiles",
            "add",
            "tenant",
            "--provider",
            "scim",
            "--base-url",
            &base,
        ])
        .args(["--token-env", "SANDBOX_SCIM_TOKEN", "--dialect", "rfc"])
        .output()
        .expect("runs");
    assert_success(&out, &["profiles add"]);
    let text = std::fs::read_to_string(&env.config).expect("config");
    let (_, table) = text.split_once("[profiles.tenant]").expect("the new table");
    let table = table.split("\n[").next().unwrap_or_default();
    assert!(
        table.contains("token_env = \"SANDBOX_SCIM_TOKEN\""),
        "{table}"
    );
    assert!(table.contains("dialect = \"rfc\""), "{table}");
    let secret = roster::sandbox::scim::SCIM_TEST_TOKEN;
    assert!(!table.contains(secret), "no secret: {table}");
    let out = env
        .roster()
        .env("SANDBOX_SCIM_TOKEN", roster::sandbox::scim::SCIM_TEST_TOKEN)
        .args(["--profile", "tenant", "-o", "json", "users", "list"])
        .output()
        .expect("runs");
    assert_success(&out, &["users list"]);
    let users: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert!(!users.as_array().expect("array").is_empty());
}
