//! An apply's writes reach the audit log through the audited provider: one line per change,
//! `command` = apply, one run id that `roster log --run` finds; a plan writes no line.

use serde_json::Value;

use super::{apply, env, plan, write};
use crate::audit::{default_log, lines};
use crate::common::Env;

const THREE: &str = r#"
[defaults]
profiles = ["paradigm", "amani", "scim"]

[[person]]
email = "ada.audit@example.com"
first_name = "Ada"
last_name = "Lovelace"
paradigm = { groups = ["Engineering"] }
amani = { roles = ["Operator"] }
scim = { groups = ["Engineering"] }

[[person]]
email = "alan.audit@example.com"
first_name = "Alan"
last_name = "Turing"
profiles = ["scim"]
"#;

/// The log's lines, none when the file does not exist yet.
fn logged(env: &Env) -> Vec<Value> {
    let path = default_log(env);
    if path.exists() {
        lines(&path)
    } else {
        Vec::new()
    }
}

/// `(profile, operation, email)` of lines, sorted.
fn ops(lines: &[Value]) -> Vec<(String, String, String)> {
    let mut v: Vec<_> = lines
        .iter()
        .map(|l| {
            (
                l["profile"].as_str().unwrap_or_default().to_string(),
                l["operation"].as_str().unwrap_or_default().to_string(),
                l["target"]["email"]
                    .as_str()
                    .unwrap_or_default()
                    .to_lowercase(),
            )
        })
        .collect();
    v.sort();
    v
}

fn one_run(lines: &[Value]) -> String {
    let run = lines[0]["run"].as_str().expect("a run id").to_string();
    assert!(lines.iter().all(|l| l["run"] == run.as_str()), "{lines:?}");
    run
}

#[test]
fn apply_logs_one_line_per_change_under_one_run_and_plan_logs_nothing() {
    let env = env();
    let file = write(&env, "people.toml", THREE);
    assert_eq!(plan(&env, &file, &[]).0, 8);
    assert!(logged(&env).is_empty(), "a plan writes no line");

    let rows = apply(&env, &file, &[]);
    assert_eq!(rows.len(), 4, "{rows:?}");
    let first = logged(&env);
    let t = |p: &str, o: &str, e: &str| (p.to_string(), o.to_string(), e.to_string());
    assert_eq!(
        ops(&first),
        [
            t("amani", "create", "ada.audit@example.com"),
            t("paradigm", "create", "ada.audit@example.com"),
            t("scim", "create", "ada.audit@example.com"),
            t("scim", "create", "alan.audit@example.com"),
        ],
        "one line per change: {first:?}"
    );
    for l in &first {
        assert_eq!(l["command"], "apply", "{l}");
        assert_eq!(l["outcome"], "ok", "{l}");
    }
    let amani = rows.iter().find(|r| r["profile"] == "amani").unwrap();
    let password = amani["password"].as_str().expect("generated");
    let text = std::fs::read_to_string(default_log(&env)).unwrap();
    assert!(!text.contains(password), "no generated password in the log");

    // `roster log --run` lists exactly that apply's lines.
    let run = one_run(&first);
    let listed = env.json(&["log", "--run", &run]);
    let listed = listed.as_array().expect("array");
    assert_eq!(ops(listed), ops(&first), "{listed:?}");

    // An update is its own run; the second plan and an empty apply add nothing.
    let moved = THREE.replace(
        "scim = { groups = [\"Engineering\"] }",
        "scim = { groups = [\"Admins\"] }",
    );
    let file = write(&env, "people.toml", &moved);
    apply(&env, &file, &[]);
    let all = logged(&env);
    let second = &all[first.len()..];
    assert_eq!(
        ops(second),
        [t("scim", "update", "ada.audit@example.com")],
        "{second:?}"
    );
    assert_eq!(second[0]["command"], "apply");
    assert_eq!(second[0]["outcome"], "ok");
    let run2 = one_run(second);
    assert_ne!(run2, run, "each apply is its own run");
    let listed = env.json(&["log", "--run", &run2]);
    assert_eq!(listed.as_array().map(Vec::len), Some(1), "{listed}");

    assert_eq!(plan(&env, &file, &[]).0, 0);
    assert!(apply(&env, &file, &[]).is_empty());
    assert_eq!(
        logged(&env).len(),
        all.len(),
        "nothing planned, nothing logged"
    );
}
