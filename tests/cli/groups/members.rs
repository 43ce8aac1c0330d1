//! `groups members`: by name (any case) or id, in every output format, unknown groups.

use serde_json::Value;

use super::{member_emails, CASES};
use crate::common::{assert_success, code, stderr, stdout, Env};

#[test]
fn members_are_found_by_name_in_any_case_and_by_id() {
    let env = Env::new();
    for case in &CASES {
        let by_name = member_emails(&env, case.profile, case.group);
        assert!(
            by_name.contains(&case.member.to_string()),
            "{}: {by_name:?}",
            case.profile
        );
        for outsider in case.outsiders {
            assert!(!by_name.contains(&outsider.to_string()), "{outsider}");
        }
        let lower = case.group.to_lowercase();
        assert_eq!(member_emails(&env, case.profile, &lower), by_name);
        assert_eq!(member_emails(&env, case.profile, case.group_id), by_name);
    }
    // Paradigm's seed: Engineering holds users 1, 2 and 3.
    assert_eq!(
        member_emails(&env, "paradigm", "Engineering"),
        [
            "ada@sandbox.example",
            "admin@sandbox.example",
            "grace@sandbox.example"
        ]
    );
}

#[test]
fn members_come_in_every_output_format() {
    let env = Env::new();
    for case in &CASES {
        let args = |format: &'static str| {
            vec![
                "--profile",
                case.profile,
                "-o",
                format,
                "groups",
                "members",
                case.group,
            ]
        };
        let out = env.run(&args("csv"));
        assert_success(&out, &args("csv"));
        let csv = stdout(&out);
        let mut lines = csv.lines();
        assert!(
            lines
                .next()
                .unwrap_or_default()
                .starts_with("profile,provider,id,email"),
            "{csv}"
        );
        assert!(lines.any(|l| l.contains(case.member)), "{csv}");
        let out = env.run(&args("ndjson"));
        assert_success(&out, &args("ndjson"));
        let rows: Vec<Value> = stdout(&out)
            .lines()
            .map(|l| serde_json::from_str(l).expect("a JSON line"))
            .collect();
        assert!(rows.iter().any(|r| r["email"] == case.member), "{rows:?}");
        assert!(rows.iter().all(|r| r["profile"] == case.profile));
        let out = env.run(&args("table"));
        assert_success(&out, &args("table"));
        assert!(stdout(&out).contains(case.member), "{}", stdout(&out));
    }
}

#[test]
fn an_unknown_group_is_exit_5_naming_the_known_ones() {
    let env = Env::new();
    for case in &CASES {
        for verb in [
            vec!["groups", "members", "Nope"],
            vec!["groups", "add", "Nope", case.outsiders[0]],
            vec!["groups", "remove", "Nope", case.member],
        ] {
            let mut args = vec!["--profile", case.profile];
            args.extend(verb);
            let out = env.run(&args);
            assert_eq!(code(&out), 5, "{args:?}: {}", stderr(&out));
            let err = stderr(&out);
            assert!(err.contains("no group or role named `Nope`"), "{err}");
            assert!(err.contains(case.group), "the hint lists it: {err}");
        }
    }
    assert_eq!(super::count(&env, CASES[0].write_route), 0);
    assert_eq!(super::count(&env, CASES[1].write_route), 0);
}
