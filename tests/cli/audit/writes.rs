//! Single writes: each verb leaves its line with the fields it set, secrets redacted, in the
//! file the config or ROSTER_AUDIT_LOG names; a log that cannot be kept stops the write.

use super::{default_log, lines, profile_secrets};
use crate::common::{assert_success, code, stderr, Env};

const CANARY: &str = "canary-5be1d0-audit-secret";

#[test]
fn each_verb_leaves_one_line_and_no_secret() {
    let env = Env::new();
    let path = env.home().join("chosen/audit.jsonl");
    let run = |args: &[&str], stdin: Option<&str>| {
        let mut cmd = env.roster();
        cmd.env("ROSTER_AUDIT_LOG", &path).args(args);
        if let Some(text) = stdin {
            cmd.write_stdin(text);
        }
        let out = cmd.output().unwrap();
        assert_success(&out, args);
    };
    let amani_user = "ayse.yilmaz@amani.sandbox.example";
    run(
        &[
            "--profile",
            "amani",
            "users",
            "create",
            "--email",
            "new.kyc@example.com",
            "--password-stdin",
        ],
        Some(&format!("{CANARY}\n")),
    );
    run(
        &[
            "--profile",
            "cradl",
            "users",
            "update",
            "ada@sandbox.example",
            "--set",
            &format!("metadata.api_token={CANARY}"),
            "--set",
            "metadata.team=ops",
        ],
        None,
    );
    run(
        &[
            "--profile",
            "amani",
            "users",
            "deactivate",
            amani_user,
            "--yes",
        ],
        None,
    );
    run(
        &[
            "--profile",
            "amani",
            "users",
            "reactivate",
            amani_user,
            "--yes",
        ],
        None,
    );
    run(&["users", "delete", "ada@sandbox.example", "--yes"], None);
    // A read leaves nothing.
    run(&["users", "list"], None);

    assert!(!default_log(&env).exists(), "ROSTER_AUDIT_LOG moved it");
    let log = lines(&path);
    let ops: Vec<&str> = log
        .iter()
        .map(|l| l["operation"].as_str().unwrap())
        .collect();
    assert_eq!(
        ops,
        ["create", "update", "deactivate", "reactivate", "delete"]
    );
    let commands: Vec<&str> = log.iter().map(|l| l["command"].as_str().unwrap()).collect();
    assert_eq!(
        commands,
        [
            "users create",
            "users update",
            "users deactivate",
            "users reactivate",
            "users delete"
        ]
    );
    assert!(log
        .iter()
        .all(|l| l["outcome"] == "ok" && l["status"].is_u64()));
    assert_eq!(log[0]["changes"]["password"], "[redacted]");
    assert_eq!(log[1]["target"]["email"], "ada@sandbox.example");
    assert_eq!(log[1]["changes"]["metadata.api_token"], "[redacted]");
    assert_eq!(log[1]["changes"]["metadata.team"], "ops");
    let argv: Vec<&str> = log[1]["argv"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a.as_str().unwrap())
        .collect();
    assert!(argv.contains(&"metadata.api_token=[redacted]"), "{argv:?}");
    assert!(argv.contains(&"metadata.team=ops"), "{argv:?}");
    assert_eq!(log[2]["changes"]["active"], false);
    assert_eq!(log[2]["target"]["email"], amani_user);
    assert_eq!(log[3]["changes"]["active"], true);
    assert_eq!(log[4]["profile"], "paradigm");
    assert_eq!(
        log[4]["target"]["email"], "ada@sandbox.example",
        "named though delete returns nothing"
    );
    let runs: std::collections::BTreeSet<&str> =
        log.iter().map(|l| l["run"].as_str().unwrap()).collect();
    assert_eq!(runs.len(), 5, "a run id per command");

    let text = std::fs::read_to_string(&path).unwrap();
    for secret in profile_secrets(&env)
        .iter()
        .map(String::as_str)
        .chain([CANARY])
    {
        assert!(!text.contains(secret), "the log holds {secret}");
    }
}

#[test]
fn a_refused_write_is_failed_with_its_status() {
    let env = Env::new();
    let out = env.run(&[
        "users",
        "create",
        "--email",
        "ada@sandbox.example",
        "--username",
        "ada2",
    ]);
    assert_eq!(code(&out), 6, "{}", stderr(&out));
    let log = lines(&default_log(&env));
    assert_eq!(log.len(), 1);
    assert_eq!(log[0]["outcome"], "failed");
    let status = log[0]["status"].as_u64().unwrap_or(0);
    assert!(
        (400..500).contains(&status),
        "the vendor's refusal: {status}"
    );
    assert!(log[0]["error"].as_str().is_some_and(|e| !e.is_empty()));
    assert!(log[0]["target"]["id"].is_null());
}

#[test]
fn a_log_that_cannot_be_kept_stops_the_write_before_it_is_sent() {
    let env = Env::new();
    let blocker = env.home().join("not-a-dir");
    std::fs::write(&blocker, "x").unwrap();
    let config = std::fs::read_to_string(&env.config).unwrap();
    let path = blocker.join("audit.log");
    env.write_config(&format!("audit_log = \"{}\"\n{config}", path.display()));
    let writes = env.sandbox.stats().writes;
    let out = env.run(&["users", "delete", "ada@sandbox.example", "--yes"]);
    assert_eq!(code(&out), 3, "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains("cannot open the audit log") && err.contains("not-a-dir"),
        "{err}"
    );
    assert!(
        err.contains("audit_log = false"),
        "says how to run without: {err}"
    );
    assert_eq!(env.sandbox.stats().writes, writes, "nothing was sent");
    // Reads do not need it.
    let out = env.run(&["users", "list"]);
    assert_success(&out, &["list"]);
    // A bad value is a config error naming the key.
    env.write_config(&format!("audit_log = 3\n{config}"));
    let out = env.run(&["users", "list"]);
    assert_eq!(code(&out), 3);
    assert!(stderr(&out).contains("audit_log"), "{}", stderr(&out));
}

#[test]
fn group_membership_changes_leave_a_line_per_user() {
    let env = Env::new();
    let out = env.run(&[
        "groups",
        "add",
        "Sales",
        "ada@sandbox.example",
        "grace@sandbox.example",
    ]);
    assert_success(&out, &["groups add"]);
    let out = env.run(&["groups", "remove", "Sales", "grace@sandbox.example"]);
    assert_success(&out, &["groups remove"]);
    let out = env.run(&[
        "--dry-run",
        "groups",
        "add",
        "Sales",
        "grace@sandbox.example",
    ]);
    assert_success(&out, &["groups add --dry-run"]);
    let log = lines(&default_log(&env));
    let ops: Vec<(&str, &str)> = log
        .iter()
        .map(|l| {
            (
                l["operation"].as_str().unwrap(),
                l["target"]["email"].as_str().unwrap_or(""),
            )
        })
        .collect();
    assert_eq!(
        ops,
        [
            ("add_group_member", "ada@sandbox.example"),
            ("add_group_member", "grace@sandbox.example"),
            ("remove_group_member", "grace@sandbox.example"),
        ],
        "{log:?}"
    );
    assert!(log
        .iter()
        .all(|l| l["outcome"] == "ok" && l["changes"]["group"].is_string()));
    assert_eq!(log[0]["command"], "groups add");
    assert_eq!(log[2]["command"], "groups remove");
}
