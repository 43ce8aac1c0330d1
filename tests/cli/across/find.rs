//! `roster users find`: every profile at once, exact by email, substring otherwise.

use serde_json::Value;

use super::{profile_emails, with_down_profile};
use crate::common::{code, stderr, stdout, Env};

fn found(env: &Env, args: &[&str]) -> Vec<(String, String)> {
    profile_emails(&env.json(args))
}

#[test]
fn an_email_is_found_in_every_profile_that_has_it_whatever_its_case() {
    let env = Env::new();
    let rows = env.json(&["users", "find", "Grace@Sandbox.Example"]);
    let got = profile_emails(&rows);
    let profiles: Vec<&str> = got.iter().map(|(p, _)| p.as_str()).collect();
    assert_eq!(profiles, ["bleemeo", "cradl", "paradigm"]);
    assert!(got.iter().all(|(_, e)| e == "grace@sandbox.example"));
    // The row says where and in what state, with the last login where the vendor reports it.
    let paradigm = &rows.as_array().unwrap()[2];
    assert_eq!(paradigm["provider"], "paradigm");
    assert_eq!(paradigm["id"], "3");
    assert_eq!(paradigm["status"], "active");
    assert!(paradigm["last_login"].as_str().is_some(), "{paradigm}");
    assert_eq!(rows.as_array().unwrap()[1]["last_login"], Value::Null);
}

#[test]
fn found_nowhere_is_exit_5_and_prints_no_rows() {
    let env = Env::new();
    let out = env.run(&["users", "find", "nobody@sandbox.example", "-o", "json"]);
    assert_eq!(code(&out), 5, "{}", stderr(&out));
    assert!(
        stderr(&out).contains("in any of the 5 profiles"),
        "{}",
        stderr(&out)
    );
    let rows: Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(rows, Value::Array(vec![]));
    let out = env.run(&["users", "find", "zzz-no-such-text"]);
    assert_eq!(code(&out), 5, "{}", stderr(&out));
}

#[test]
fn other_text_matches_part_of_emails_and_names() {
    let env = Env::new();
    // Part of a name: Amani's Lena Weber only.
    let got = found(&env, &["users", "find", "WEBER"]);
    assert_eq!(
        got,
        [(
            "amani".to_string(),
            "lena.weber@amani.sandbox.example".to_string()
        )]
    );
    // Part of an email, in several profiles; --profile narrows the search.
    let got = found(
        &env,
        &["--profile", "paradigm,cradl", "users", "find", "margaret@"],
    );
    let profiles: Vec<&str> = got.iter().map(|(p, _)| p.as_str()).collect();
    assert_eq!(profiles, ["paradigm", "cradl"]);
}

#[test]
fn found_nowhere_while_a_profile_is_down_is_not_not_found() {
    let env = with_down_profile();
    let out = env.run(&["users", "find", "nobody@sandbox.example"]);
    assert_eq!(code(&out), 7, "{}", stderr(&out));
    assert!(stderr(&out).contains("down"), "{}", stderr(&out));
    // Found elsewhere: the rows, and still 7: the answer may be incomplete.
    let out = env.run(&["users", "find", "ada@sandbox.example", "-o", "csv"]);
    assert_eq!(code(&out), 7, "{}", stderr(&out));
    let text = stdout(&out);
    assert_eq!(
        text.lines()
            .filter(|l| l.contains("ada@sandbox.example"))
            .count(),
        3,
        "{text}"
    );
}
