//! `roster users offboard`: one person out of every vendor at once.

use serde_json::Value;

use crate::common::{assert_success, code, stderr, Env};

fn results(out: &std::process::Output) -> Vec<Value> {
    serde_json::from_slice::<Value>(&out.stdout)
        .unwrap_or_else(|e| panic!("json ({e}): {}", stderr(out)))
        .as_array()
        .cloned()
        .unwrap_or_default()
}

fn action<'a>(rows: &'a [Value], profile: &str) -> &'a str {
    rows.iter()
        .find(|r| r["profile"] == profile)
        .and_then(|r| r["action"].as_str())
        .unwrap_or("missing")
}

#[test]
fn offboarding_acts_in_every_profile_as_each_vendor_allows() {
    let env = Env::new();
    let email = "leaver@example.com";
    env.json(&[
        "--profile",
        "paradigm",
        "users",
        "create",
        "--email",
        email,
        "--username",
        "leaver",
    ]);
    env.json(&[
        "--profile",
        "amani",
        "users",
        "create",
        "--email",
        email,
        "--generate-password",
    ]);
    env.json(&["--profile", "cradl", "users", "create", "--email", email]);
    // No Bleemeo account: that profile answers `absent`.

    let out = env.run(&["users", "offboard", email]);
    assert_eq!(code(&out), 2, "needs --yes in a script: {}", stderr(&out));

    let dry = env.run(&["--dry-run", "-o", "json", "users", "offboard", email]);
    assert_success(&dry, &["offboard --dry-run"]);
    let writes = env.sandbox.stats().writes;

    let out = env.run(&["-o", "json", "users", "offboard", email, "--yes"]);
    assert_success(&out, &["offboard"]);
    let rows = results(&out);
    assert_eq!(rows.len(), 5, "every profile of the config");
    assert_eq!(
        action(&rows, "paradigm"),
        "deleted",
        "paradigm cannot deactivate"
    );
    assert_eq!(action(&rows, "amani"), "deactivated", "amani cannot delete");
    assert_eq!(action(&rows, "cradl"), "deleted");
    assert_eq!(action(&rows, "bleemeo"), "absent");
    assert_eq!(action(&rows, "scim"), "absent");
    assert!(env.sandbox.stats().writes > writes);

    let gone = env.run(&["--profile", "paradigm", "users", "get", email]);
    assert_eq!(code(&gone), 5);
    let blocked = env.json(&["--profile", "amani", "users", "get", email]);
    assert_eq!(blocked["status"], "inactive");

    // Again: Amani's account is already inactive, and nothing is sent anywhere.
    let writes = env.sandbox.stats().writes;
    let again = env.run(&["-o", "json", "users", "offboard", email, "--yes"]);
    assert_success(&again, &["offboard again"]);
    let rows = results(&again);
    assert_eq!(action(&rows, "amani"), "already-inactive");
    for gone in ["paradigm", "cradl", "bleemeo"] {
        assert_eq!(action(&rows, gone), "absent");
    }
    assert_eq!(env.sandbox.stats().writes, writes, "nothing was sent");

    // Where the person has no account left at all, that is exit 5, and nothing is sent.
    let nowhere = env.run(&[
        "--profile",
        "paradigm,cradl",
        "users",
        "offboard",
        email,
        "--yes",
    ]);
    assert_eq!(code(&nowhere), 5, "{}", stderr(&nowhere));
    assert!(
        stderr(&nowhere).contains("no account in any of the 2 profile(s)"),
        "{}",
        stderr(&nowhere)
    );
    assert_eq!(env.sandbox.stats().writes, writes);
}

#[test]
fn a_dry_run_shows_the_writes_and_sends_none() {
    let env = Env::new();
    let email = "both@example.com";
    env.json(&[
        "--profile",
        "paradigm",
        "users",
        "create",
        "--email",
        email,
        "--username",
        "both",
    ]);
    env.json(&[
        "--profile",
        "amani",
        "users",
        "create",
        "--email",
        email,
        "--generate-password",
    ]);
    let out = env.run(&[
        "--dry-run",
        "-o",
        "json",
        "--profile",
        "paradigm,amani",
        "users",
        "offboard",
        email,
    ]);
    assert_success(&out, &["dry run"]);
    let rows = results(&out);
    assert_eq!(action(&rows, "paradigm"), "would-delete");
    assert_eq!(action(&rows, "amani"), "would-deactivate");
    // Logging in is a POST; no change (PATCH, DELETE) reached any vendor.
    let stats = env.sandbox.stats();
    assert!(
        stats
            .by_route
            .keys()
            .all(|r| !r.starts_with("PATCH") && !r.starts_with("DELETE")),
        "{:?}",
        stats.by_route
    );
}

#[test]
fn roster_profile_narrowing_every_profile_is_said_on_stderr() {
    let env = Env::new();
    let out = env
        .roster()
        .env("ROSTER_PROFILE", "paradigm")
        .args([
            "-o",
            "json",
            "users",
            "offboard",
            "grace@sandbox.example",
            "--yes",
        ])
        .output()
        .unwrap();
    assert_success(&out, &["offboard with ROSTER_PROFILE"]);
    let text = stderr(&out);
    assert!(
        text.contains("offboarding only in paradigm (chosen by ROSTER_PROFILE)"),
        "{text}"
    );
    assert!(
        text.contains("amani, bleemeo, cradl, scim left out"),
        "{text}"
    );
    let rows = results(&out);
    assert_eq!(rows.len(), 1);
    assert_eq!(action(&rows, "paradigm"), "deleted");
}

#[test]
fn a_profile_broken_in_the_config_is_named_and_counted_as_failed() {
    let env = Env::new();
    let text = std::fs::read_to_string(&env.config).unwrap();
    // Plain http to a host that is not this machine: the profile cannot be used.
    env.write_config(&format!(
        "{text}\n[profiles.old-crm]\nprovider = \"paradigm\"\nbase_url = \"http://crm.example.com\"\ntoken = \"t\"\n"
    ));
    let out = env.run(&[
        "-o",
        "json",
        "users",
        "offboard",
        "grace@sandbox.example",
        "--yes",
    ]);
    assert_eq!(code(&out), 7, "{}", stderr(&out));
    let warning = stderr(&out);
    assert!(
        warning.contains("profile `old-crm`") && warning.contains("base_url"),
        "names the profile and its problem: {warning}"
    );
    let rows = results(&out);
    assert_eq!(rows.len(), 6, "every profile, the broken one too");
    assert_eq!(action(&rows, "old-crm"), "failed");
    let row = rows.iter().find(|r| r["profile"] == "old-crm").unwrap();
    assert!(
        row["error"].as_str().unwrap_or_default().contains("broken"),
        "{row}"
    );
    // The usable profiles were still offboarded.
    assert_eq!(action(&rows, "paradigm"), "deleted");

    // Found nowhere else: still not "found nowhere" (exit 5), since one profile was not
    // looked in.
    let out = env.run(&[
        "-o",
        "json",
        "users",
        "offboard",
        "nobody@example.com",
        "--yes",
    ]);
    assert_eq!(code(&out), 7, "{}", stderr(&out));
    assert_eq!(action(&results(&out), "old-crm"), "failed");
}
