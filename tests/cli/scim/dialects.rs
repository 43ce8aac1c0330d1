//! The scenario against the sandbox's SCIM server, once per dialect it reproduces.

use roster::sandbox::scim::Dialect;
use roster::sandbox::SandboxOptions;

use super::scenario::{run, Service};
use crate::common::Env;

/// Users added before the scenario, so every listing spans several pages.
const EXTRA_USERS: usize = 230;

fn scenario(name: &str) {
    let dialect = Dialect::from_name(name).expect("a sandbox dialect");
    let env = Env::with_options(SandboxOptions {
        scim_dialect: dialect,
        ..SandboxOptions::default()
    });
    env.sandbox.with_state(|s| {
        for i in 0..EXTRA_USERS {
            s.scim.add_user(&format!("bulk{i}@example.com"));
        }
    });
    // The sandbox serves every dialect on 127.0.0.1: the profile names the dialect.
    let text = std::fs::read_to_string(&env.config).expect("config");
    env.write_config(&text.replace(
        "provider = \"scim\"\n",
        &format!("provider = \"scim\"\ndialect = \"{name}\"\n"),
    ));
    let count = || env.sandbox.with_state(|s| s.scim.users.len());
    let service = Service {
        env: &env,
        profile: "scim",
        lists: dialect != Dialect::Google,
        delete_removes: dialect != Dialect::Slack,
        delete_warning: match dialect {
            Dialect::Slack => Some("deactivates"),
            Dialect::Github => Some("irreversible"),
            _ => None,
        },
        group: "Engineering",
        count: &count,
    };
    run(&service, EXTRA_USERS);
}

#[test]
fn rfc() {
    scenario("rfc");
}

#[test]
fn entra() {
    scenario("entra");
}

#[test]
fn aws() {
    scenario("aws");
}

#[test]
fn google() {
    scenario("google");
}

#[test]
fn slack() {
    scenario("slack");
}

#[test]
fn github() {
    scenario("github");
}

#[test]
fn every_sandbox_dialect_has_a_test() {
    assert_eq!(
        Dialect::NAMES,
        &["rfc", "entra", "aws", "google", "slack", "github"],
        "a new sandbox dialect needs its scenario here"
    );
}
