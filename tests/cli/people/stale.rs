//! A saved plan (`plan --out`) runs only if what it touches is unchanged since.

use super::{env, parse, write};
use crate::common::{assert_success, code, stderr};

const GRACE: &str = r#"
[defaults]
profiles = ["paradigm"]

[[person]]
email = "grace@sandbox.example"
first_name = "Amazing Grace"
last_name = "Hopper"
"#;

#[test]
fn a_saved_plan_runs_when_nothing_changed_and_is_refused_when_stale() {
    let env = env();
    let file = write(&env, "people.toml", GRACE);
    let saved = env.home().join("plan.json");
    let saved = saved.to_str().unwrap();
    let out = env.run(&["plan", &file, "--out", saved]);
    assert_eq!(code(&out), 8, "{}", stderr(&out));
    // Never replaced silently.
    let again = env.run(&["plan", &file, "--out", saved]);
    assert_eq!(code(&again), 2);
    assert!(stderr(&again).contains("--force"), "{}", stderr(&again));

    // Someone changes the account the plan touches.
    let id = crate::people::user(&env, "paradigm", "grace@sandbox.example").unwrap()["id"]
        .as_str()
        .unwrap()
        .to_string();
    let out = env.run(&[
        "--profile",
        "paradigm",
        "users",
        "update",
        &id,
        "--first-name",
        "G.",
    ]);
    assert_success(&out, &["users update"]);
    let writes = super::account_writes(&env);
    let out = env.run(&["--yes", "apply", saved]);
    assert_eq!(code(&out), 6, "stale: {}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("stale"), "{err}");
    assert!(err.contains("grace@sandbox.example"), "{err}");
    assert!(err.contains("first_name Grace -> Amazing Grace"), "{err}");
    assert!(err.contains("first_name G. -> Amazing Grace"), "{err}");
    assert_eq!(super::account_writes(&env), writes, "nothing sent");

    // A fresh plan of the same file runs.
    let out = env.run(&["plan", &file, "--out", saved, "--force"]);
    assert_eq!(code(&out), 8);
    let out = env.run(&["-o", "json", "--yes", "apply", saved]);
    assert_success(&out, &["apply a fresh plan"]);
    let rows = parse(&out);
    assert_eq!(rows[0]["action"], "updated", "{rows}");
    assert_eq!(
        crate::people::user(&env, "paradigm", "grace@sandbox.example").unwrap()["first_name"],
        "Amazing Grace"
    );
}
