//! `roster people`: the access review, its filters and its review files.

use std::collections::BTreeMap;

use serde_json::Value;

use super::with_down_profile;
use crate::common::{assert_success, code, stderr, stdout, Env};

/// email -> profile -> status, from `people -o json`.
type Review = BTreeMap<String, BTreeMap<String, String>>;

fn review(env: &Env, args: &[&str]) -> Review {
    let mut all = vec!["people"];
    all.extend_from_slice(args);
    parse(&env.json(&all))
}

fn parse(rows: &Value) -> Review {
    rows.as_array()
        .expect("array")
        .iter()
        .map(|p| {
            let accounts = p["accounts"]
                .as_object()
                .expect("accounts")
                .iter()
                .map(|(k, v)| (k.clone(), v.as_str().unwrap_or_default().to_string()))
                .collect();
            (
                p["email"].as_str().unwrap_or_default().to_string(),
                accounts,
            )
        })
        .collect()
}

fn statuses<'a>(r: &'a Review, email: &str) -> Vec<&'a str> {
    r.get(email)
        .map(|a| a.values().map(String::as_str).collect())
        .unwrap_or_default()
}

#[test]
fn one_row_per_person_with_each_profiles_status() {
    let env = Env::new();
    let r = review(&env, &[]);
    // Columns by profile name: amani, bleemeo, cradl, paradigm, scim.
    assert_eq!(
        statuses(&r, "margaret@sandbox.example"),
        ["-", "invited", "invited", "invited", "-"]
    );
    assert_eq!(
        statuses(&r, "linus@sandbox.example"),
        ["-", "-", "inactive", "inactive", "-"]
    );
    assert_eq!(
        statuses(&r, "lena.weber@amani.sandbox.example"),
        ["inactive", "-", "-", "-", "-"]
    );
    assert_eq!(
        statuses(&r, "ada@sandbox.example"),
        ["-", "active", "active", "active", "-"]
    );
    assert_eq!(r.len(), 15, "{r:?}");
    // The account without an email is counted on stderr, not lost silently.
    let out = env.run(&["people"]);
    assert_success(&out, &["people"]);
    assert!(
        stderr(&out).contains("cradl: 1 account(s) without an email"),
        "{}",
        stderr(&out)
    );
    // The table: a header with a column per profile, then a line per person.
    let table = stdout(&out);
    let lines: Vec<Vec<&str>> = table
        .lines()
        .map(|l| {
            l.split('|')
                .map(str::trim)
                .filter(|c| !c.is_empty())
                .collect()
        })
        .collect();
    assert_eq!(
        lines[0],
        ["EMAIL", "amani", "bleemeo", "cradl", "paradigm", "scim"]
    );
    let linus = [
        "linus@sandbox.example",
        "-",
        "-",
        "inactive",
        "inactive",
        "-",
    ];
    assert!(lines.iter().any(|l| l[..] == linus[..]), "{table}");
}

#[test]
fn the_csv_review_file_parses_back_to_the_same_review() {
    let env = Env::new();
    let out = env.run(&["people", "-o", "csv"]);
    assert_success(&out, &["people", "-o", "csv"]);
    let mut reader = csv::Reader::from_reader(out.stdout.as_slice());
    let headers: Vec<String> = reader
        .headers()
        .expect("header")
        .iter()
        .map(String::from)
        .collect();
    assert_eq!(
        headers,
        ["email", "amani", "bleemeo", "cradl", "paradigm", "scim"]
    );
    let mut from_csv = Review::new();
    for record in reader.records() {
        let record = record.expect("record");
        let accounts = headers[1..]
            .iter()
            .zip(record.iter().skip(1))
            .map(|(h, v)| (h.clone(), v.to_string()))
            .collect();
        from_csv.insert(record[0].to_string(), accounts);
    }
    assert_eq!(from_csv, review(&env, &[]));
    // NDJSON: the same people, one per line.
    let out = env.run(&["people", "-o", "ndjson"]);
    assert_success(&out, &["people", "-o", "ndjson"]);
    let lines: Vec<Value> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("ndjson"))
        .collect();
    assert_eq!(parse(&Value::Array(lines)), from_csv);
}

#[test]
fn stale_keeps_old_and_never_used_accounts_where_vendors_report_logins() {
    let env = Env::new();
    // Ada logged in to Paradigm just now; everyone else's last login is from 2024, or never.
    env.sandbox.with_state(|s| {
        for u in s.paradigm.users.iter_mut().filter(|u| u.username == "ada") {
            u.last_login = Some(chrono::Utc::now());
        }
    });
    let out = env.run(&["people", "--stale", "90", "-o", "json"]);
    assert_success(&out, &["people", "--stale", "90"]);
    assert!(
        stderr(&out).contains("--stale: amani, cradl, scim report no logins"),
        "{}",
        stderr(&out)
    );
    let r = parse(&serde_json::from_slice(&out.stdout).expect("json"));
    // Only the profiles that report logins are columns.
    assert_eq!(
        statuses(&r, "margaret@sandbox.example"),
        ["invited", "invited"]
    );
    // Ada's Paradigm account is recent and left out; her Bleemeo one is stale.
    assert_eq!(statuses(&r, "ada@sandbox.example"), ["active", "-"]);
    assert!(!r.contains_key("lena.weber@amani.sandbox.example"));
    // Nothing stale for someone who logged in today everywhere that counts.
    let out = env.run(&["people", "--stale", "36500", "-o", "json"]);
    assert_success(&out, &["people", "--stale", "36500"]);
    let r = parse(&serde_json::from_slice(&out.stdout).expect("json"));
    assert!(r.keys().all(|e| e.starts_with("margaret")), "{r:?}");
    // Bounded like every number a user types.
    assert_eq!(code(&env.run(&["people", "--stale", "0"])), 2);
    assert_eq!(code(&env.run(&["people", "--stale", "99999999999"])), 2);
    let out = env.run(&["people", "--stale", "90", "--only-in", "cradl"]);
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    assert!(
        stderr(&out).contains("does not report logins"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn only_in_and_missing_in_pick_people_by_profile() {
    let env = Env::new();
    let only = review(&env, &["--only-in", "cradl"]);
    assert_eq!(only.keys().collect::<Vec<_>>(), ["alan@sandbox.example"]);
    let missing = review(&env, &["--missing-in", "bleemeo"]);
    assert!(missing.contains_key("linus@sandbox.example"));
    assert!(missing.contains_key("lena.weber@amani.sandbox.example"));
    assert!(!missing.contains_key("ada@sandbox.example"));
    assert!(missing.values().all(|a| a["bleemeo"] == "-"));
    let both = review(
        &env,
        &["--profile", "paradigm,cradl", "--missing-in", "paradigm"],
    );
    assert_eq!(both.keys().collect::<Vec<_>>(), ["alan@sandbox.example"]);
    let out = env.run(&[
        "--profile",
        "paradigm,cradl",
        "people",
        "--only-in",
        "amani",
    ]);
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    assert!(
        stderr(&out).contains("not one of the profiles read"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_profile_that_is_down_shows_unknown_never_no_account() {
    let env = with_down_profile();
    let out = env.run(&["people", "-o", "json"]);
    assert_eq!(code(&out), 7, "{}", stderr(&out));
    assert!(stderr(&out).contains("down"), "{}", stderr(&out));
    let r = parse(&serde_json::from_slice(&out.stdout).expect("json"));
    assert_eq!(r["ada@sandbox.example"]["down"], "?");
    assert_eq!(r["ada@sandbox.example"]["paradigm"], "active");
    // Nobody is certainly missing in a profile that could not be read.
    let out = env.run(&["people", "--missing-in", "down", "-o", "json"]);
    assert_eq!(code(&out), 7, "{}", stderr(&out));
    let r = parse(&serde_json::from_slice(&out.stdout).expect("json"));
    assert!(r.is_empty(), "{r:?}");
}
