//! Finding users by email on a service that refuses some filter forms: the next form is tried,
//! the one that worked is remembered in the cache, and status is filtered where the service
//! cannot.

use roster::sandbox::scim::Dialect;
use roster::sandbox::SandboxOptions;

use crate::common::Env;

const USERS_ROUTE: &str = "GET /scim/v2/Users";

fn lookups(env: &Env) -> u64 {
    env.sandbox
        .stats()
        .by_route
        .get(USERS_ROUTE)
        .copied()
        .unwrap_or(0)
}

#[test]
fn a_refused_email_filter_moves_on_and_the_working_form_is_remembered() {
    // An Entra-like server reached through a profile that names no dialect (127.0.0.1 is no
    // known host): roster starts with the RFC's `emails[value eq ...]`.
    let env = Env::with_options(SandboxOptions {
        scim_dialect: Dialect::Entra,
        ..SandboxOptions::default()
    });
    let email = "Ada.Lovelace@SCIM.sandbox.example";
    let first = env.json(&["--profile", "scim", "users", "get", email]);
    assert_eq!(first["first_name"], "Ada");
    let tried = lookups(&env);
    assert_eq!(
        tried, 3,
        "emails[...] and emails.value refused, userName taken"
    );
    let again = env.json(&["--profile", "scim", "users", "get", email]);
    assert_eq!(again["id"], first["id"]);
    assert_eq!(lookups(&env) - tried, 1, "the remembered form first");
    let cached = || {
        let cache = env.home().join("xdg-cache/roster/scim");
        let files: Vec<_> = std::fs::read_dir(&cache)
            .expect("the discovery cache")
            .flatten()
            .collect();
        assert_eq!(files.len(), 1, "{cache:?}");
        let text = std::fs::read(files[0].path()).expect("read");
        serde_json::from_slice::<serde_json::Value>(&text).expect("json")
    };
    assert_eq!(cached()["email_form"], 2, "{}", cached());
    // A listing reads the service's configuration once and caches it beside the form.
    let discovery = "GET /scim/v2/ServiceProviderConfig";
    env.json(&["--profile", "scim", "users", "list", "--limit", "1"]);
    env.json(&["--profile", "scim", "users", "list", "--limit", "1"]);
    assert_eq!(
        env.sandbox.stats().by_route[discovery],
        1,
        "cached for a day"
    );
    assert_eq!(cached()["config"]["cursor"], true, "{}", cached());
    assert_eq!(cached()["email_form"], 2, "{}", cached());
}

#[test]
fn status_is_filtered_by_the_server_or_else_here() {
    for dialect in [Dialect::Rfc, Dialect::Aws] {
        let env = Env::with_options(SandboxOptions {
            scim_dialect: dialect,
            ..SandboxOptions::default()
        });
        let all = env.json(&["--profile", "scim", "users", "list"]);
        let all = all.as_array().expect("array").len();
        let inactive_before = env.json(&["--profile", "scim", "users", "list", "--inactive"]);
        let inactive_before = inactive_before.as_array().expect("array").len();
        let id = env.json(&["--profile", "scim", "users", "list", "--limit", "1"])[0]["id"]
            .as_str()
            .expect("an id")
            .to_string();
        let out = env.run(&["--profile", "scim", "users", "deactivate", &id, "--yes"]);
        assert!(out.status.success(), "{}", crate::common::stderr(&out));
        let inactive = env.json(&["--profile", "scim", "users", "list", "--inactive"]);
        let inactive = inactive.as_array().expect("array");
        assert_eq!(inactive.len(), inactive_before + 1, "{dialect:?}");
        assert!(inactive.iter().any(|u| u["id"] == id.as_str()));
        assert!(inactive.iter().all(|u| u["status"] == "inactive"));
        let active = env.json(&["--profile", "scim", "users", "list", "--active"]);
        let active = active.as_array().expect("array").len();
        assert_eq!(active + inactive.len(), all, "{dialect:?}");
    }
}
