//! `users list`, `users get` and `groups list` with `--profile all` and `--profile a,b`.

use std::collections::BTreeSet;

use serde_json::Value;

use super::{profile_emails, profiles_in_order, with_down_profile, VENDORS};
use crate::common::{assert_success, code, stderr, stdout, Env};

#[test]
fn users_list_all_has_rows_from_every_vendor_in_profile_order() {
    let env = Env::new();
    let rows = env.json(&["--profile", "all", "users", "list"]);
    assert_eq!(profiles_in_order(&rows), VENDORS);
    // The same rows as each profile alone, nothing lost or doubled.
    let mut expected = Vec::new();
    for vendor in VENDORS {
        for email in env.emails(vendor) {
            expected.push((vendor.to_string(), email));
        }
    }
    let got: Vec<(String, String)> = profile_emails(&rows)
        .into_iter()
        .filter(|(_, e)| !e.is_empty())
        .collect();
    assert_eq!(got, expected);
    // A table gathers the rows as profiles answer and prints them in the same order.
    let out = env.run(&["--profile", "all", "users", "list"]);
    assert_success(&out, &["users", "list"]);
    let mut in_table: Vec<String> = Vec::new();
    for line in stdout(&out).lines().skip(2) {
        let profile = line
            .trim_end_matches('|')
            .rsplit('|')
            .next()
            .unwrap_or("")
            .trim();
        if in_table.last().map(String::as_str) != Some(profile) {
            in_table.push(profile.to_string());
        }
    }
    assert_eq!(in_table, VENDORS);
}

#[test]
fn a_comma_list_reads_those_profiles_in_the_order_given() {
    let env = Env::new();
    let rows = env.json(&["--profile", "paradigm,bleemeo", "users", "list", "--active"]);
    assert_eq!(profiles_in_order(&rows), ["paradigm", "bleemeo"]);
    assert!(rows
        .as_array()
        .unwrap()
        .iter()
        .all(|u| u["status"] != "inactive"));
    // CSV parses back, PROFILE column included, same order.
    let out = env.run(&[
        "--profile",
        "paradigm,bleemeo",
        "users",
        "list",
        "-o",
        "csv",
    ]);
    assert_success(&out, &["users", "list", "-o", "csv"]);
    let mut reader = csv::Reader::from_reader(out.stdout.as_slice());
    let profiles: Vec<String> = reader
        .records()
        .map(|r| r.expect("csv record")[0].to_string())
        .collect();
    assert_eq!(profiles.first().map(String::as_str), Some("paradigm"));
    assert_eq!(profiles.last().map(String::as_str), Some("bleemeo"));
}

#[test]
fn the_limit_counts_rows_over_every_profile() {
    let env = Env::new();
    let rows = env.json(&["--profile", "all", "users", "list", "--limit", "6"]);
    let got = profile_emails(&rows);
    assert_eq!(got.len(), 6);
    // Profile order: amani's four, then bleemeo's first two.
    assert!(got[..4].iter().all(|(p, _)| p == "amani"), "{got:?}");
    assert!(got[4..].iter().all(|(p, _)| p == "bleemeo"), "{got:?}");
}

#[test]
fn a_profile_that_is_down_is_named_and_the_others_rows_stay() {
    let env = with_down_profile();
    for format in ["json", "ndjson", "table"] {
        let out = env.run(&["--profile", "all", "users", "list", "-o", format]);
        assert_eq!(code(&out), 7, "{format}: {}", stderr(&out));
        let err = stderr(&out);
        assert!(err.contains("down:"), "{format}: {err}");
        assert!(
            err.contains("1 of 6 profiles could not be read: down"),
            "{err}"
        );
        let text = stdout(&out);
        for email in ["ayse.yilmaz@amani.sandbox.example", "alan@sandbox.example"] {
            assert!(text.contains(email), "{format}: {text}");
        }
        if format == "ndjson" {
            let profiles: BTreeSet<String> = text
                .lines()
                .map(|l| serde_json::from_str::<Value>(l).expect("ndjson line"))
                .map(|v| v["profile"].as_str().unwrap_or_default().to_string())
                .collect();
            assert_eq!(profiles, VENDORS.iter().map(|v| v.to_string()).collect());
        }
    }
}

#[test]
fn a_profile_broken_in_the_config_is_reported_and_the_others_are_read() {
    let env = Env::new();
    let text = std::fs::read_to_string(&env.config).expect("config");
    env.write_config(&format!(
        "{text}\n[profiles.broken]\nprovider = \"paradigm\"\nbase_url = \"not a url\"\n"
    ));
    let out = env.run(&["--profile", "all", "groups", "list", "-o", "json"]);
    assert_eq!(code(&out), 7, "{}", stderr(&out));
    assert!(
        stderr(&out).contains("profile `broken`"),
        "{}",
        stderr(&out)
    );
    let rows: Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(profiles_in_order(&rows), VENDORS);
}

#[test]
fn an_unknown_profile_name_stops_before_anything_is_read() {
    let env = Env::new();
    let out = env.run(&["--profile", "paradigm,typo", "users", "list"]);
    assert_eq!(code(&out), 3, "{}", stderr(&out));
    assert!(
        stderr(&out).contains("`typo` not found"),
        "{}",
        stderr(&out)
    );
    assert!(out.stdout.is_empty());
}

#[test]
fn users_get_all_answers_one_row_per_profile_that_has_the_user() {
    let env = Env::new();
    let rows = env.json(&["--profile", "all", "users", "get", "LINUS@sandbox.example"]);
    let got = profile_emails(&rows);
    assert_eq!(
        got,
        [
            ("cradl".to_string(), "linus@sandbox.example".to_string()),
            ("paradigm".to_string(), "linus@sandbox.example".to_string())
        ]
    );
    assert!(rows
        .as_array()
        .unwrap()
        .iter()
        .all(|u| u["status"] == "inactive"));
    let out = env.run(&["--profile", "all", "users", "get", "nobody@sandbox.example"]);
    assert_eq!(code(&out), 5, "{}", stderr(&out));
    // One profile still answers with one object, as before.
    let one = env.json(&[
        "--profile",
        "paradigm",
        "users",
        "get",
        "linus@sandbox.example",
    ]);
    assert_eq!(one["profile"], "paradigm");
}

#[test]
fn users_get_all_with_a_profile_down_is_not_not_found() {
    let env = with_down_profile();
    let out = env.run(&["--profile", "all", "users", "get", "nobody@sandbox.example"]);
    assert_eq!(code(&out), 7, "{}", stderr(&out));
    assert!(stderr(&out).contains("down"), "{}", stderr(&out));
}

#[test]
fn groups_list_all_has_each_profiles_groups_and_roles() {
    let env = Env::new();
    let rows = env.json(&["--profile", "all", "groups", "list"]);
    assert_eq!(profiles_in_order(&rows), VENDORS);
    let kinds: BTreeSet<(String, String)> = rows
        .as_array()
        .unwrap()
        .iter()
        .map(|g| {
            (
                g["profile"].as_str().unwrap_or_default().to_string(),
                g["kind"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect();
    assert!(
        kinds.contains(&("paradigm".into(), "group".into())),
        "{kinds:?}"
    );
    assert!(
        kinds.contains(&("cradl".into(), "role".into())),
        "{kinds:?}"
    );
    let out = env.run(&["--profile", "all", "groups", "list"]);
    assert_success(&out, &["groups", "list"]);
    assert!(stdout(&out).contains("PROFILE"));
}

#[test]
fn a_write_refuses_all_before_sending_anything() {
    let env = Env::new();
    let out = env.run(&[
        "--profile",
        "all",
        "users",
        "deactivate",
        "ada@sandbox.example",
    ]);
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    assert!(
        stderr(&out).contains("acts on one profile"),
        "{}",
        stderr(&out)
    );
    assert_eq!(env.sandbox.stats().writes, 0);
}

#[test]
fn a_group_is_looked_up_in_each_profile_and_one_without_it_lists_nobody() {
    let env = Env::new();
    let out = env.run(&[
        "--profile",
        "all",
        "users",
        "list",
        "--group",
        "admin",
        "-o",
        "json",
    ]);
    assert_success(&out, &["users", "list", "--group", "admin"]);
    assert!(
        stderr(&out).contains("paradigm: no group or role named `admin`"),
        "{}",
        stderr(&out)
    );
    let rows: Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(profiles_in_order(&rows), ["amani", "bleemeo", "cradl"]);
    let emails: BTreeSet<String> = profile_emails(&rows).into_iter().map(|(_, e)| e).collect();
    assert!(emails.contains("admin@amani.sandbox.example"), "{emails:?}");
    assert!(emails.contains("ada@sandbox.example"), "{emails:?}");
    assert!(!emails.contains("grace@sandbox.example"), "{emails:?}");
}
