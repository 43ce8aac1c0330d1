//! `roster log`: the audit log read back, filtered by time, profile, user and run, in JSON and
//! CSV that parse back; a torn last line is skipped with a warning.

use std::io::Write;

use serde_json::Value;

use super::{default_log, lines};
use crate::common::{assert_success, code, stderr, stdout, Env};

fn filtered(env: &Env, args: &[&str]) -> Vec<Value> {
    let value = env.json(&[&["log"], args].concat());
    value.as_array().cloned().unwrap_or_default()
}

#[test]
fn log_filters_by_time_profile_user_and_run() {
    let env = Env::new();
    let before = env.json(&["log"]);
    assert_eq!(before, serde_json::json!([]), "no log yet is an empty list");
    for args in [
        &[
            "users",
            "create",
            "--email",
            "one@example.com",
            "--username",
            "one",
        ][..],
        &[
            "--profile",
            "cradl",
            "users",
            "update",
            "ada@sandbox.example",
            "--set",
            "metadata.team=ops",
        ],
        &["users", "delete", "ada@sandbox.example", "--yes"],
    ] {
        let out = env.run(args);
        assert_success(&out, args);
    }
    // An old line, from before this test, to filter out by time.
    let path = default_log(&env);
    let mut old = lines(&path)[0].clone();
    old["time"] = "2020-01-01T00:00:00.000Z".into();
    old["run"] = "0ld0000000000000".into();
    let mut file = std::fs::OpenOptions::new()
        .append(true)
        .open(&path)
        .unwrap();
    writeln!(file, "{old}").unwrap();

    let all = filtered(&env, &[]);
    assert_eq!(all.len(), 4);
    assert_eq!(filtered(&env, &["--since", "1d"]).len(), 3);
    assert_eq!(
        filtered(&env, &["--since", "2019-06-01T00:00:00Z"]).len(),
        4
    );
    let cradl = filtered(&env, &["--profile", "cradl"]);
    assert_eq!(cradl.len(), 1);
    assert_eq!(cradl[0]["operation"], "update");
    let ada = filtered(&env, &["--user", "ADA@sandbox.example"]);
    assert_eq!(
        ada.len(),
        2,
        "the update in cradl and the delete in paradigm"
    );
    let run = all[2]["run"].as_str().unwrap();
    let by_run = filtered(&env, &["--run", &run[..8]]);
    assert_eq!(by_run.len(), 1);
    assert_eq!(by_run[0]["operation"], "delete");

    // CSV reads back with the same lines.
    let out = env.run(&["log", "-o", "csv", "--since", "1d"]);
    assert_success(&out, &["log csv"]);
    let mut reader = csv::Reader::from_reader(out.stdout.as_slice());
    let headers = reader.headers().unwrap().clone();
    assert_eq!(&headers[0], "time");
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
    assert_eq!(rows.len(), 3);
    let op = headers.iter().position(|h| h == "operation").unwrap();
    let changes = headers.iter().position(|h| h == "changes").unwrap();
    assert_eq!(&rows[1][op], "update");
    let set: Value = serde_json::from_str(&rows[1][changes]).unwrap();
    assert_eq!(set["metadata.team"], "ops");
    let out = env.run(&["log", "-o", "ndjson"]);
    assert_eq!(stdout(&out).lines().count(), 4);
    let table = env.run(&["log"]);
    assert!(
        stdout(&table).contains("one@example.com"),
        "{}",
        stdout(&table)
    );
}

#[test]
fn a_torn_last_line_is_skipped_with_a_warning_and_bad_since_is_refused() {
    let env = Env::new();
    let out = env.run(&[
        "users",
        "create",
        "--email",
        "two@example.com",
        "--username",
        "two",
    ]);
    assert_success(&out, &["create"]);
    let path = default_log(&env);
    let mut file = std::fs::OpenOptions::new()
        .append(true)
        .open(&path)
        .unwrap();
    write!(file, "{{\"time\":\"2026-12-02T1").unwrap();
    let out = env.run(&["log", "-o", "json"]);
    assert_success(&out, &["log"]);
    let shown: Vec<Value> = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(shown.len(), 1);
    assert!(stderr(&out).contains("cut short"), "{}", stderr(&out));
    for bad in ["7y", "99999999999d", "yesterday", "3651d"] {
        let out = env.run(&["log", "--since", bad]);
        assert_eq!(code(&out), 2, "{bad}: {}", stderr(&out));
        assert!(stderr(&out).contains("--since"), "{}", stderr(&out));
    }
    let out = env.run(&["log", "--path"]);
    assert_eq!(stdout(&out).trim(), path.display().to_string());
}
