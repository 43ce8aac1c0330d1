//! A Cradl profile whose email is null (`email: string | null` in the Node client's types,
//! `@lucidtech/las-sdk-core` 14.0.1 lib/types/profile.d.ts:5): shown without one, never matched.

use serde_json::Value;

use super::{cradl, run, SEEDED};
use crate::common::{assert_success, code, stderr, stdout, Env};

/// The seeded user whose profile has no email.
fn robot_id(env: &Env) -> String {
    env.sandbox.with_state(|s| {
        let robot = s
            .cradl
            .users
            .iter()
            .find(|u| s.cradl.email_of(u).is_none())
            .expect("the seed has a user without an email");
        robot.user_id.clone()
    })
}

fn users_count(env: &Env) -> usize {
    env.sandbox.with_state(|s| s.cradl.users.len())
}

#[test]
fn lists_and_get_show_no_email_in_every_format() {
    let env = Env::new();
    let id = robot_id(&env);
    let users = cradl(&env, &["users", "list"]);
    let robot = users
        .as_array()
        .and_then(|a| a.iter().find(|u| u["id"] == id.as_str()))
        .cloned()
        .expect("the robot is listed");
    assert!(robot["email"].is_null(), "{robot}");
    assert_eq!(robot["display_name"], "Scanner robot");
    for format in ["table", "csv", "ndjson"] {
        let out = run(&env, &["-o", format, "users", "list"]);
        assert_success(&out, &["users", "list", "-o", format]);
        assert!(stdout(&out).contains("Scanner robot"), "{format}");
    }
    let got = cradl(&env, &["users", "get", &id]);
    assert!(got["email"].is_null(), "{got}");
    assert_eq!(got["roles"][0]["name"], "Annotator");
}

#[test]
fn an_email_never_matches_a_user_without_one() {
    let env = Env::new();
    let out = run(&env, &["users", "get", "nobody@example.com"]);
    assert_eq!(code(&out), 5, "{}", stderr(&out));
    let out = run(&env, &["users", "delete", "nobody@example.com", "--yes"]);
    assert_eq!(code(&out), 5, "{}", stderr(&out));
    assert_eq!(users_count(&env), SEEDED, "nothing deleted");
}

#[test]
fn import_creates_rows_beside_a_user_without_an_email() {
    let env = Env::new();
    let path = env.home().join("hires.csv");
    std::fs::write(
        &path,
        "email,name\nrow1@example.com,Row One\nrow2@example.com,Row Two\n",
    )
    .unwrap();
    let file = path.display().to_string();
    for if_exists in ["skip", "update"] {
        let out = run(
            &env,
            &[
                "-o",
                "json",
                "users",
                "import",
                &file,
                "--if-exists",
                if_exists,
            ],
        );
        assert_success(&out, &["users", "import", "--if-exists", if_exists]);
        let rows: Value = serde_json::from_slice(&out.stdout).expect("json results");
        let rows = rows.as_array().cloned().unwrap_or_default();
        assert_eq!(rows.len(), 2, "{rows:?}");
        let robot = robot_id(&env);
        assert!(rows.iter().all(|r| r["id"] != robot.as_str()), "{rows:?}");
    }
    assert_eq!(users_count(&env), SEEDED + 2, "each row created once");
    let robot = robot_id(&env);
    let untouched = cradl(&env, &["users", "get", &robot]);
    assert_eq!(untouched["display_name"], "Scanner robot");
}

#[test]
fn offboarding_leaves_a_user_without_an_email_alone() {
    let env = Env::new();
    let out = run(
        &env,
        &[
            "-o",
            "json",
            "users",
            "offboard",
            "gone@example.com",
            "--yes",
        ],
    );
    // Found nowhere: exit 5, and the user without an email is not taken for the person.
    assert_eq!(
        out.status.code(),
        Some(5),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(users_count(&env), SEEDED);

    let out = run(
        &env,
        &[
            "-o",
            "json",
            "users",
            "offboard",
            "linus@sandbox.example",
            "--yes",
        ],
    );
    assert_success(&out, &["users", "offboard"]);
    let rows: Value = serde_json::from_slice(&out.stdout).expect("json results");
    assert_eq!(rows[0]["action"], "deleted", "{rows}");
    assert_eq!(users_count(&env), SEEDED - 1);
    let robot = robot_id(&env);
    assert!(cradl(&env, &["users", "get", &robot])["email"].is_null());
}
