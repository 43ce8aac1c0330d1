//! `groups add` and `groups remove`: results per user, idempotence, unknown users, dry runs.

use serde_json::Value;

use super::{actions, count, member_emails, CASES};
use crate::common::{assert_success, code, stderr, stdout, Env};

fn owned(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs
        .iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect()
}

#[test]
fn add_then_remove_round_trips_and_a_repeat_sends_nothing() {
    let env = Env::new();
    for case in &CASES {
        let [one, two] = case.outsiders;
        let p = case.profile;
        // A member already there is `unchanged` next to the two added.
        let rows = env.json(&[
            "--profile",
            p,
            "groups",
            "add",
            case.group,
            one,
            two,
            case.member,
        ]);
        assert_eq!(
            actions(&rows),
            owned(&[(one, "added"), (two, "added"), (case.member, "unchanged")]),
            "{p}"
        );
        assert!(rows
            .as_array()
            .unwrap()
            .iter()
            .all(|r| r["group_id"] == case.group_id && r["error"].is_null()));
        let now = member_emails(&env, p, case.group);
        for email in [one, two, case.member] {
            assert!(now.contains(&email.to_string()), "{p}: {email} in {now:?}");
        }
        // The user record shows it too.
        let user = env.json(&["--profile", p, "users", "get", one]);
        let refs = [&user["groups"], &user["roles"]];
        assert!(
            refs.iter().any(|r| r
                .as_array()
                .is_some_and(|a| a.iter().any(|g| g["id"] == case.group_id))),
            "{p}: {user}"
        );

        // Again: every user is `unchanged` and nothing is written.
        let writes = count(&env, case.write_route);
        let out = env.run(&[
            "--profile",
            p,
            "-o",
            "json",
            "groups",
            "add",
            case.group,
            one,
            two,
        ]);
        assert_success(&out, &[p, "add again"]);
        let rows: Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(
            actions(&rows),
            owned(&[(one, "unchanged"), (two, "unchanged")])
        );
        assert!(
            stderr(&out).contains("nothing was sent"),
            "{}",
            stderr(&out)
        );
        assert_eq!(count(&env, case.write_route), writes, "{p}: no write");

        // Remove, by id for one of them (the id the add reported).
        let rows_before = env.json(&["--profile", p, "groups", "add", case.group, one]);
        let id = rows_before[0]["user_id"].as_str().unwrap().to_string();
        let rows = env.json(&["--profile", p, "groups", "remove", case.group_id, &id, two]);
        assert_eq!(
            actions(&rows),
            owned(&[(one, "removed"), (two, "removed")]),
            "{p}"
        );
        let now = member_emails(&env, p, case.group);
        assert!(!now.contains(&one.to_string()) && !now.contains(&two.to_string()));
        assert!(
            now.contains(&case.member.to_string()),
            "others stay: {now:?}"
        );
        let writes = count(&env, case.write_route);
        let rows = env.json(&["--profile", p, "groups", "remove", case.group, one]);
        assert_eq!(actions(&rows), owned(&[(one, "unchanged")]));
        assert_eq!(count(&env, case.write_route), writes, "{p}: no write");
    }
}

#[test]
fn the_same_user_named_twice_is_one_row() {
    let env = Env::new();
    for case in &CASES {
        let p = case.profile;
        let one = case.outsiders[0];
        let upper = one.to_uppercase();
        let rows = env.json(&["--profile", p, "groups", "add", case.group, one, &upper]);
        assert_eq!(actions(&rows), owned(&[(one, "added")]), "{p}");
    }
}

#[test]
fn an_unknown_user_stops_the_command_before_anything_is_sent() {
    let env = Env::new();
    for case in &CASES {
        let p = case.profile;
        let out = env.run(&[
            "--profile",
            p,
            "groups",
            "add",
            case.group,
            case.outsiders[0],
            "nobody@nowhere.example",
        ]);
        assert_eq!(code(&out), 5, "{p}: {}", stderr(&out));
        let err = stderr(&out);
        assert!(err.contains("nobody@nowhere.example"), "{err}");
        assert!(err.contains("nothing was sent"), "{err}");
        assert!(stdout(&out).is_empty(), "{}", stdout(&out));
        assert_eq!(count(&env, case.write_route), 0, "{p}");
        let now = member_emails(&env, p, case.group);
        assert!(!now.contains(&case.outsiders[0].to_string()), "{p}");
    }
}

#[test]
fn a_dry_run_shows_the_write_and_sends_none() {
    let env = Env::new();
    for case in &CASES {
        let p = case.profile;
        for verb in ["add", "remove"] {
            let user = if verb == "add" {
                case.outsiders[0]
            } else {
                case.member
            };
            let out = env.run(&[
                "--profile",
                p,
                "--dry-run",
                "-o",
                "json",
                "groups",
                verb,
                case.group,
                user,
            ]);
            assert_success(&out, &[p, verb, "--dry-run"]);
            let planned: Value = serde_json::from_slice(&out.stdout).expect("JSON");
            let method = case.write_route.split(' ').next().unwrap();
            assert_eq!(planned[0]["method"], method, "{p} {verb}: {planned}");
            assert!(stderr(&out).contains("not sent"), "{}", stderr(&out));
        }
        assert_eq!(count(&env, case.write_route), 0, "{p}: nothing sent");
        let now = member_emails(&env, p, case.group);
        assert!(now.contains(&case.member.to_string()), "{p}");
        assert!(!now.contains(&case.outsiders[0].to_string()), "{p}");
    }
}

#[test]
fn results_come_as_csv_and_tables_too() {
    let env = Env::new();
    let case = &CASES[0];
    let out = env.run(&[
        "-o",
        "csv",
        "groups",
        "add",
        case.group,
        case.outsiders[0],
        case.member,
    ]);
    assert_success(&out, &["add -o csv"]);
    let csv = stdout(&out);
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(
        lines[0],
        "profile,provider,group_id,group,user_id,email,action,error"
    );
    assert!(
        lines[1].ends_with(&format!("{},added,", case.outsiders[0])),
        "{csv}"
    );
    assert!(
        lines[2].ends_with(&format!("{},unchanged,", case.member)),
        "{csv}"
    );
    let out = env.run(&["groups", "remove", case.group, case.outsiders[0]]);
    assert_success(&out, &["remove"]);
    let table = stdout(&out);
    assert!(
        table.contains("ACTION") && table.contains("removed"),
        "{table}"
    );
}
