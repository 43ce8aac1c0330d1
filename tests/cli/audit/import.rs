//! Imports: exactly one line per create, with the vendors' ids, and whole lines when two
//! imports run at once.

use std::collections::BTreeSet;

use super::{default_log, lines, profile_secrets};
use crate::common::{assert_success, stderr, Env};
use crate::import::{env_with_rates, outcomes, write};

const EVERY: &str = "paradigm,bleemeo,amani,cradl";

/// A sandbox fast enough for hundreds of creates, and room for them in Cradl's organisation.
fn roomy() -> Env {
    let env = env_with_rates(2000.0, "400/s", 0);
    env.sandbox.with_state(|s| s.cradl.max_users = 1000);
    env
}

fn people(prefix: &str, n: usize) -> String {
    let mut csv = String::from("email,first_name,last_name\n");
    for i in 0..n {
        csv.push_str(&format!("{prefix}{i}@example.com,{prefix},Person{i}\n"));
    }
    csv
}

#[test]
fn a_four_by_hundred_import_leaves_one_private_line_per_create_and_no_secret() {
    let env = roomy();
    let file = write(&env, "people.csv", &people("aud", 100));
    let out = env.run(&[
        "-o",
        "json",
        "--profile",
        EVERY,
        "users",
        "import",
        &file,
        "--generate-password",
        "--concurrency",
        "16",
    ]);
    assert_success(&out, &["import 4 x 100"]);
    let results = outcomes(&out);
    assert_eq!(results.len(), 400);
    assert!(results.iter().all(|r| r["action"] == "created"));

    let path = default_log(&env);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600, "the audit log is private");
    }
    let log = lines(&path);
    assert_eq!(log.len(), 400, "one line per write");
    let run = log[0]["run"].as_str().unwrap().to_string();
    assert_eq!(run.len(), 32);
    for line in &log {
        assert_eq!(line["operation"], "create", "{line}");
        assert_eq!(line["command"], "users import", "{line}");
        assert_eq!(line["outcome"], "ok", "{line}");
        assert_eq!(line["run"], run.as_str(), "one run id for the command");
        assert!(
            line["status"]
                .as_u64()
                .is_some_and(|s| (200..300).contains(&s)),
            "{line}"
        );
        assert!(
            line["time"].as_str().is_some_and(|t| t.ends_with('Z')),
            "{line}"
        );
        assert_eq!(line["version"], env!("CARGO_PKG_VERSION"));
        assert!(line["user"].is_string() && line["host"].is_string());
        assert_eq!(line["changes"]["email"], line["target"]["email"]);
    }
    // The ids the vendors gave, per profile, are the ones the log names.
    let key = |v: &serde_json::Value, profile: &str, id: &str, email: &str| {
        (
            v[profile].as_str().unwrap().to_string(),
            v[id].as_str().unwrap().to_string(),
            v[email].as_str().unwrap().to_ascii_lowercase(),
        )
    };
    let given: BTreeSet<_> = results
        .iter()
        .map(|r| key(r, "profile", "id", "email"))
        .collect();
    let logged: BTreeSet<_> = log
        .iter()
        .map(|l| {
            (
                l["profile"].as_str().unwrap().to_string(),
                l["target"]["id"].as_str().unwrap().to_string(),
                l["target"]["email"].as_str().unwrap().to_ascii_lowercase(),
            )
        })
        .collect();
    assert_eq!(given.len(), 400);
    assert_eq!(logged, given);

    // Amani's new users got generated passwords: the log says a password was set, never which.
    let text = std::fs::read_to_string(&path).unwrap();
    let mut canaries = profile_secrets(&env);
    canaries.extend(
        results
            .iter()
            .filter_map(|r| r["password"].as_str().map(String::from)),
    );
    assert!(canaries.len() >= 104, "{}", canaries.len());
    for secret in &canaries {
        assert!(!text.contains(secret.as_str()), "the log holds a secret");
    }
    let amani: Vec<_> = log.iter().filter(|l| l["profile"] == "amani").collect();
    assert_eq!(amani.len(), 100);
    assert!(amani
        .iter()
        .all(|l| l["changes"]["password"] == "[redacted]"));
}

#[test]
fn two_imports_at_once_interleave_whole_lines() {
    let env = roomy();
    let a = write(&env, "a.csv", &people("left", 60));
    let b = write(&env, "b.csv", &people("right", 60));
    let spawn = |file: &str| {
        env.std_command()
            .args([
                "--profile",
                "paradigm,cradl",
                "-o",
                "json",
                "users",
                "import",
                file,
            ])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap()
    };
    let (left, right) = (spawn(&a), spawn(&b));
    for child in [left, right] {
        let out = child.wait_with_output().unwrap();
        assert!(out.status.success(), "{}", stderr(&out));
    }
    let log = lines(&default_log(&env));
    assert_eq!(log.len(), 240, "two runs of 120 creates");
    let runs: BTreeSet<&str> = log.iter().map(|l| l["run"].as_str().unwrap()).collect();
    assert_eq!(runs.len(), 2, "each run has its own id");
}

#[test]
fn a_dry_run_or_a_disabled_log_writes_nothing() {
    let env = Env::new();
    let file = write(&env, "few.csv", &people("dry", 3));
    let out = env.run(&[
        "--profile",
        EVERY,
        "--dry-run",
        "users",
        "import",
        &file,
        "--generate-password",
    ]);
    assert_success(&out, &["dry-run import"]);
    let out = env.run(&[
        "--dry-run",
        "users",
        "create",
        "--email",
        "d@example.com",
        "--username",
        "d",
    ]);
    assert_success(&out, &["dry-run create"]);
    assert!(!default_log(&env).exists(), "--dry-run creates no log");

    let config = std::fs::read_to_string(&env.config).unwrap();
    env.write_config(&format!("audit_log = false\n{config}"));
    let out = env.run(&[
        "--profile",
        EVERY,
        "users",
        "import",
        &file,
        "--generate-password",
    ]);
    assert_success(&out, &["import without a log"]);
    let out = env.run(&["users", "delete", "dry0@example.com", "--yes"]);
    assert_success(&out, &["delete without a log"]);
    assert!(
        !default_log(&env).exists(),
        "audit_log = false keeps none: {:?}",
        crate::common::files_under(env.home())
    );
}
