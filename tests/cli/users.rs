//! `roster users ...` end to end: the scenario every vendor runs, and Paradigm's specifics.

use std::time::{Duration, Instant};

use roster::sandbox::{Fault, FaultRule};
use serde_json::Value;

use crate::common::{assert_success, code, stderr, Env};

/// What differs between vendors in the shared scenario.
pub struct Case {
    pub profile: &'static str,
    /// Flags create needs besides --email.
    pub create_extra: &'static [&'static str],
    /// An update and the JSON field and value it must produce.
    pub update: &'static [&'static str],
    pub updated: (&'static str, &'static str),
    /// A group or role name the seed has, and the flags that add and remove it.
    pub group: &'static str,
    pub add_flag: &'static str,
    pub remove_flag: &'static str,
    /// How the user goes away: `delete` or `deactivate`.
    pub removal: &'static str,
}

pub const PARADIGM: Case = Case {
    profile: "paradigm",
    create_extra: &["--username", "newhire", "--first-name", "New"],
    update: &["--last-name", "Person"],
    updated: ("last_name", "Person"),
    group: "Engineering",
    add_flag: "--add-group",
    remove_flag: "--remove-group",
    removal: "delete",
};

pub const BLEEMEO: Case = Case {
    profile: "bleemeo",
    create_extra: &["--first-name", "New", "--set", "timezone=Europe/Paris"],
    update: &["--last-name", "Person"],
    updated: ("last_name", "Person"),
    group: "manager",
    add_flag: "--add-role",
    remove_flag: "--remove-role",
    removal: "delete",
};

pub const AMANI: Case = Case {
    profile: "amani",
    create_extra: &["--generate-password", "--first-name", "New"],
    update: &["--last-name", "Person"],
    updated: ("last_name", "Person"),
    group: "Operator",
    add_flag: "--add-role",
    remove_flag: "--remove-role",
    removal: "deactivate",
};

pub const CRADL: Case = Case {
    profile: "cradl",
    create_extra: &["--name", "New Hire"],
    update: &["--name", "New Person"],
    updated: ("display_name", "New Person"),
    group: "Developer",
    add_flag: "--add-role",
    remove_flag: "--remove-role",
    removal: "delete",
};

/// create -> list shows it -> get by id and email -> update -> group add/remove -> duplicate ->
/// removal -> gone.
pub fn scenario(env: &Env, case: &Case) {
    let p = case.profile;
    let email = "new.hire@example.com";
    let mut create = vec!["--profile", p, "users", "create", "--email", email];
    create.extend_from_slice(case.create_extra);
    let created = env.json(&create);
    let id = created["id"].as_str().expect("id is a string").to_string();
    assert_eq!(created["email"], email);
    assert_eq!(created["profile"], p);
    assert_eq!(created["provider"], p);

    assert!(
        env.emails(p).contains(&email.to_string()),
        "list shows the new user"
    );

    let by_id = env.json(&["--profile", p, "users", "get", &id]);
    assert_eq!(by_id["email"], email);
    let by_email = env.json(&["--profile", p, "users", "get", "NEW.HIRE@example.com"]);
    assert_eq!(by_email["id"], id.as_str());

    let mut update = vec!["--profile", p, "users", "update", &id];
    update.extend_from_slice(case.update);
    let (key, value) = case.updated;
    assert_eq!(env.json(&update)[key], value);
    assert_eq!(env.json(&["--profile", p, "users", "get", &id])[key], value);

    let added = env.json(&[
        "--profile",
        p,
        "users",
        "update",
        email,
        case.add_flag,
        case.group,
    ]);
    assert!(in_group(&added, case.group), "{added}");
    let listed = env.json(&["--profile", p, "users", "list", "--group", case.group]);
    assert!(listed
        .as_array()
        .unwrap()
        .iter()
        .any(|u| u["id"] == id.as_str()));
    let removed = env.json(&[
        "--profile",
        p,
        "users",
        "update",
        &id,
        case.remove_flag,
        case.group,
    ]);
    assert!(!in_group(&removed, case.group), "{removed}");

    let dup = env.run(&create);
    assert_eq!(code(&dup), 6, "duplicate create: {}", stderr(&dup));

    let out = env.run(&["--profile", p, "users", case.removal, &id, "--yes"]);
    assert_success(&out, &[case.removal]);
    if case.removal == "delete" {
        let gone = env.run(&["--profile", p, "users", "get", &id]);
        assert_eq!(code(&gone), 5, "get after delete: {}", stderr(&gone));
        let gone = env.run(&["--profile", p, "users", "get", email]);
        assert_eq!(code(&gone), 5);
    } else {
        let user = env.json(&["--profile", p, "users", "get", &id]);
        assert_eq!(user["status"], "inactive");
    }
}

fn in_group(user: &Value, name: &str) -> bool {
    user["groups"]
        .as_array()
        .into_iter()
        .chain(user["roles"].as_array())
        .flatten()
        .any(|g| {
            g["name"]
                .as_str()
                .is_some_and(|n| n.eq_ignore_ascii_case(name))
        })
}

#[test]
fn paradigm_scenario() {
    let env = Env::new();
    scenario(&env, &PARADIGM);
}

#[test]
fn amani_scenario() {
    let env = Env::new();
    scenario(&env, &AMANI);
}

#[test]
fn bleemeo_scenario() {
    let env = Env::new();
    scenario(&env, &BLEEMEO);
}

#[test]
fn cradl_scenario() {
    let env = Env::new();
    scenario(&env, &CRADL);
}

#[test]
fn lists_of_more_than_three_pages_are_complete() {
    let env = Env::new();
    let before = env.emails("paradigm").len();
    env.sandbox.with_state(|s| {
        for i in 0..320 {
            s.paradigm
                .add_user(&format!("bulk{i}@example.com"), &format!("bulk{i}"));
        }
    });
    let lists_before = env.sandbox.stats().requests;
    let out = env.run(&["users", "list", "-o", "ndjson"]);
    assert_success(&out, &["users", "list"]);
    let lines: Vec<Value> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is JSON"))
        .collect();
    assert_eq!(lines.len(), before + 320);
    // Later pages are fetched concurrently but written in the vendor's order.
    let numeric: Vec<u64> = lines
        .iter()
        .filter_map(|u| u["id"].as_str()?.parse().ok())
        .collect();
    assert!(numeric.windows(2).all(|w| w[0] < w[1]), "in order");
    let mut ids: Vec<&str> = lines.iter().filter_map(|u| u["id"].as_str()).collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), before + 320, "no user twice");
    assert!(
        env.sandbox.stats().requests - lists_before >= 4,
        "fetched 4+ pages"
    );

    let limited = env.json(&["users", "list", "--limit", "150"]);
    assert_eq!(limited.as_array().unwrap().len(), 150);
}

#[test]
fn a_429_on_a_read_is_retried_after_retry_after() {
    let env = Env::new();
    env.sandbox.inject(FaultRule {
        vendor: Some("paradigm".into()),
        method: Some("GET".into()),
        path_contains: Some("/api/v3/users".into()),
        fault: Fault::TooManyRequests {
            retry_after_secs: 1,
        },
        times: 1,
    });
    let started = Instant::now();
    let users = env.json(&["users", "list"]);
    assert!(!users.as_array().unwrap().is_empty());
    assert!(
        started.elapsed() >= Duration::from_secs(1),
        "waited for Retry-After"
    );
    assert_eq!(env.sandbox.stats().rate_limited, 1);
}

#[test]
fn a_server_error_that_persists_is_exit_75() {
    let env = Env::new();
    env.sandbox.inject(FaultRule {
        vendor: Some("paradigm".into()),
        method: Some("GET".into()),
        path_contains: None,
        fault: Fault::ServerError { status: 503 },
        times: 10,
    });
    let out = env.run(&["users", "list"]);
    assert_eq!(code(&out), 75, "{}", stderr(&out));
}

#[test]
fn deactivate_is_not_supported_by_paradigm() {
    let env = Env::new();
    let out = env.run(&["users", "deactivate", "ada@sandbox.example", "--yes"]);
    assert_eq!(code(&out), 1);
    assert!(
        stderr(&out).contains("not supported by paradigm; use `roster users delete`"),
        "{}",
        stderr(&out)
    );
    assert_eq!(env.sandbox.stats().requests, 0, "nothing was sent");
}

#[test]
fn destructive_commands_need_yes_without_a_terminal() {
    let env = Env::new();
    let out = env.run(&["users", "delete", "ada@sandbox.example"]);
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    assert!(stderr(&out).contains("--yes"));
    assert_eq!(env.sandbox.stats().writes, 0);
    assert!(env
        .emails("paradigm")
        .contains(&"ada@sandbox.example".to_string()));
}

#[test]
fn missing_required_flags_fail_fast_in_scripts() {
    let env = Env::new();
    let out = env
        .roster()
        .args(["users", "create", "--first-name", "X"])
        .write_stdin("")
        .output()
        .expect("runs");
    assert_eq!(code(&out), 2);
    assert!(
        stderr(&out).contains(
            "missing --email for paradigm; pass it or run on a terminal (stdin is not a terminal)"
        ),
        "{}",
        stderr(&out)
    );
}

#[test]
fn dry_run_sends_no_write() {
    let env = Env::new();
    let out = env.run(&[
        "--dry-run",
        "users",
        "create",
        "--email",
        "dry@example.com",
        "--username",
        "dry",
    ]);
    assert_success(&out, &["--dry-run"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("POST "), "{text}");
    assert!(text.contains("Bearer [redacted]"), "{text}");
    let out = env.run(&[
        "--dry-run",
        "users",
        "update",
        "ada@sandbox.example",
        "--last-name",
        "X",
        "--add-group",
        "Sales",
    ]);
    assert_success(&out, &["--dry-run update"]);
    let out = env.run(&[
        "--dry-run",
        "-o",
        "json",
        "users",
        "delete",
        "ada@sandbox.example",
    ]);
    assert_success(&out, &["--dry-run delete"]);
    let planned: Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(planned[0]["method"], "DELETE");
    assert_eq!(env.sandbox.stats().writes, 0, "the sandbox saw no write");
    assert!(!env
        .emails("paradigm")
        .contains(&"dry@example.com".to_string()));
}

#[test]
fn vendor_validation_and_local_validation() {
    let env = Env::new();
    let out = env.run(&[
        "users",
        "create",
        "--email",
        "x@example.com",
        "--username",
        "bad name",
    ]);
    assert_eq!(code(&out), 2, "checked before sending: {}", stderr(&out));
    let out = env.run(&[
        "users",
        "create",
        "--email",
        "x@example.com",
        "--username",
        "x",
        "--language",
        "es",
    ]);
    assert_eq!(code(&out), 2);
    let out = env.run(&[
        "users",
        "create",
        "--email",
        "x@example.com",
        "--username",
        "x",
        "--group",
        "Nope",
    ]);
    assert_eq!(code(&out), 5);
    assert!(stderr(&out).contains("Engineering"), "lists the candidates");
    assert_eq!(env.sandbox.stats().writes, 0);
}
