//! Every output format parsed back; a closed pipe; an empty list.

use std::io::{BufRead, BufReader};
use std::process::Stdio;

use serde_json::Value;

use crate::common::{assert_success, code, stdout, Env};

#[test]
fn every_format_parses_back_to_the_same_users() {
    let env = Env::new();
    let json = env.json(&["users", "list"]);
    let users = json.as_array().expect("json is an array");
    assert!(users.len() >= 3);
    for u in users {
        assert!(u["id"].is_string());
        assert!(matches!(
            u["status"].as_str(),
            Some("active" | "inactive" | "invited")
        ));
        for key in [
            "username",
            "first_name",
            "last_name",
            "display_name",
            "created_at",
            "last_login",
            "extra",
            "groups",
            "roles",
        ] {
            assert!(u.get(key).is_some(), "{key} present (null if absent)");
        }
    }

    let out = env.run(&["users", "list", "-o", "ndjson"]);
    assert_success(&out, &["ndjson"]);
    let nd: Vec<Value> = stdout(&out)
        .lines()
        .map(|l| serde_json::from_str(l).expect("line is JSON"))
        .collect();
    assert_eq!(&nd, users);

    let out = env.run(&["users", "list", "-o", "csv"]);
    assert_success(&out, &["csv"]);
    let mut reader = csv::Reader::from_reader(out.stdout.as_slice());
    let headers = reader.headers().expect("header row").clone();
    assert_eq!(&headers[2], "id");
    assert_eq!(&headers[3], "email");
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("record")).collect();
    assert_eq!(rows.len(), users.len());
    for (row, u) in rows.iter().zip(users) {
        assert_eq!(&row[2], u["id"].as_str().unwrap());
        assert_eq!(Some(&row[3]), u["email"].as_str());
    }

    let out = env.run(&["users", "list"]);
    assert_success(&out, &["table"]);
    let table = stdout(&out);
    for u in users {
        assert!(
            table.contains(u["email"].as_str().unwrap()),
            "piped table is not truncated"
        );
    }
    assert!(!table.contains('\u{1b}'), "no colour when piped");
    let out = env.run(&["--color", "always", "users", "list"]);
    assert!(
        stdout(&out).contains("\u{1b}[1m"),
        "--color always styles the header"
    );

    let one = env.json(&["users", "get", users[0]["id"].as_str().unwrap()]);
    assert!(one.is_object(), "one item is an object");

    let groups = env.json(&["groups", "list"]);
    let g = &groups[0];
    for key in ["profile", "provider", "id", "name", "kind", "description"] {
        assert!(g.get(key).is_some(), "group has {key}");
    }
    assert_eq!(g["kind"], "group");
}

#[test]
fn an_empty_list_exits_zero() {
    let env = Env::new();
    let out = env.run(&[
        "users",
        "list",
        "--group",
        "Support",
        "--inactive",
        "-o",
        "json",
    ]);
    assert_success(&out, &["empty list"]);
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(v.as_array().is_some());
    let out = env.run(&["users", "list", "--limit", "0", "-o", "csv"]);
    assert_success(&out, &["empty csv"]);
    assert_eq!(stdout(&out).lines().count(), 1, "header only");
}

#[test]
fn a_closed_pipe_exits_zero() {
    let env = Env::new();
    env.sandbox.with_state(|s| {
        for i in 0..2000 {
            s.paradigm
                .add_user(&format!("pipe{i}@example.com"), &format!("pipe{i}"));
        }
    });
    let mut child = env
        .std_command()
        .args(["users", "list", "-o", "ndjson"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    {
        let stdout = child.stdout.take().expect("stdout");
        let mut first = String::new();
        BufReader::new(stdout)
            .read_line(&mut first)
            .expect("a line");
        assert!(first.starts_with('{'));
        // Dropping the reader closes the pipe while roster is still writing.
    }
    let out = child.wait_with_output().expect("exits");
    assert_eq!(code(&out), 0, "{}", String::from_utf8_lossy(&out.stderr));
    assert!(
        out.stderr.is_empty(),
        "quietly: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn control_characters_from_the_vendor_never_reach_the_terminal() {
    let env = Env::new();
    let evil = "\u{1b}[31mEve\u{1b}]0;pwned\u{7}\u{9b}2J";
    let out = env.run(&[
        "--profile",
        "paradigm",
        "-o",
        "json",
        "users",
        "create",
        "--email",
        "eve@example.com",
        "--username",
        "eve",
        "--first-name",
        evil,
    ]);
    assert_success(&out, &["create eve"]);
    let created: Value = serde_json::from_slice(&out.stdout).unwrap();
    let id = created["id"].as_str().unwrap().to_string();

    // Tables (a list and one item) show the characters escaped, never raw.
    for args in [
        &["--profile", "paradigm", "users", "list"][..],
        &["--profile", "paradigm", "users", "get", &id][..],
    ] {
        let out = env.run(args);
        assert_success(&out, args);
        let table = stdout(&out);
        assert!(
            !table.contains('\u{1b}') && !table.contains('\u{7}') && !table.contains('\u{9b}'),
            "{table:?}"
        );
        assert!(table.contains("\\u{1b}[31mEve"), "{table}");
    }
    // JSON escapes them as JSON does, and parses back to the vendor's value.
    let out = env.run(&["--profile", "paradigm", "-o", "json", "users", "get", &id]);
    assert!(!stdout(&out).contains('\u{1b}'), "{}", stdout(&out));
    assert!(stdout(&out).contains("\\u001b[31mEve"), "{}", stdout(&out));
    let back: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(back["first_name"], evil);
    // CSV is data: the raw value, as the vendor holds it.
    let out = env.run(&["--profile", "paradigm", "-o", "csv", "users", "list"]);
    let mut reader = csv::Reader::from_reader(out.stdout.as_slice());
    assert!(reader
        .records()
        .any(|r| r.is_ok_and(|r| r.iter().any(|c| c == evil))));
    // An error quoting what the user typed is escaped on stderr too.
    let out = env.run(&[
        "--profile",
        "paradigm",
        "users",
        "get",
        "\u{1b}[2Jnobody@example.com",
    ]);
    assert_ne!(code(&out), 0);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        !err.contains('\u{1b}') && err.contains("\\u{1b}[2J"),
        "{err:?}"
    );
}
