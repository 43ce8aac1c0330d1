//! From nothing to the file's accounts in all four vendors, then an edit, a group moved,
//! `inactive` and `absent`; every step followed by a plan that is empty.

use super::{apply, changes, env, names, plan, user, write};
use crate::common::{code, stderr, stdout};

const EVERYWHERE: &str = r#"
[defaults]
profiles = ["paradigm", "bleemeo", "amani", "cradl"]

[[person]]
email = "Rosa.Parks@example.com"
first_name = "Rosa"
last_name = "Parks"
paradigm = { groups = ["Engineering"], language = "fr" }
bleemeo = { roles = ["manager"] }
amani = { roles = ["Operator"], phone = "+15551234567" }
cradl = { roles = ["Developer"] }
"#;

#[test]
fn create_from_empty_in_every_vendor_then_the_second_plan_is_empty() {
    let env = env();
    let file = write(&env, "people.toml", EVERYWHERE);
    let (exit, p) = plan(&env, &file, &[]);
    assert_eq!(exit, 8, "changes pending");
    assert_eq!(super::account_writes(&env), 0, "plan sends no write");
    let want: Vec<(String, String, String)> = ["paradigm", "bleemeo", "amani", "cradl"]
        .iter()
        .map(|p| {
            (
                p.to_string(),
                "create".into(),
                "Rosa.Parks@example.com".into(),
            )
        })
        .collect();
    assert_eq!(changes(&p), want);
    assert_eq!(p["summary"]["create"], 4);

    // Off a terminal and without --yes nothing is sent.
    let out = env.run(&["apply", &file, "--generate-password"]);
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    assert!(stderr(&out).contains("--yes"), "{}", stderr(&out));
    // Amani needs a password for a new user: only generated, and only when asked.
    let out = env.run(&["--yes", "apply", &file]);
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    assert!(
        stderr(&out).contains("--generate-password"),
        "{}",
        stderr(&out)
    );
    assert_eq!(super::account_writes(&env), 0);

    let journal = env.home().join("people.jsonl");
    let journal = journal.to_str().unwrap();
    let rows = apply(&env, &file, &["--journal", journal]);
    assert_eq!(rows.len(), 4, "one row per change: {rows:?}");
    assert!(rows.iter().all(|r| r["action"] == "created"), "{rows:?}");
    let amani = rows.iter().find(|r| r["profile"] == "amani").unwrap();
    let password = amani["password"].as_str().unwrap();
    assert!(password.len() >= 12);
    let journaled = std::fs::read_to_string(journal).unwrap();
    assert_eq!(
        journaled.lines().count(),
        8,
        "start and done per create: {journaled}"
    );
    assert!(
        !journaled.contains(password),
        "never a password in the journal"
    );

    let u = user(&env, "paradigm", "rosa.parks@example.com").expect("created");
    assert_eq!(names(&u, "groups"), ["Engineering"]);
    assert_eq!(u["extra"]["language"], "fr");
    assert_eq!(
        names(
            &user(&env, "bleemeo", "rosa.parks@example.com").unwrap(),
            "roles"
        ),
        ["manager"]
    );
    assert_eq!(
        names(
            &user(&env, "amani", "rosa.parks@example.com").unwrap(),
            "roles"
        ),
        ["Operator"]
    );
    let c = user(&env, "cradl", "rosa.parks@example.com").unwrap();
    assert_eq!(names(&c, "roles"), ["Developer"]);
    assert_eq!(c["display_name"], "Rosa Parks");

    let writes = super::account_writes(&env);
    let (exit, p) = plan(&env, &file, &[]);
    assert_eq!(exit, 0, "idempotent: {p}");
    assert!(changes(&p).is_empty());
    assert!(
        apply(&env, &file, &[]).is_empty(),
        "a second apply plans nothing"
    );
    assert_eq!(super::account_writes(&env), writes, "and sends nothing");
}

#[test]
fn an_edited_field_and_a_moved_group_are_updates_with_old_and_new() {
    let env = env();
    let file = write(&env, "people.toml", EVERYWHERE);
    apply(&env, &file, &[]);
    let edited = EVERYWHERE
        .replace("first_name = \"Rosa\"", "first_name = \"Rosalind\"")
        .replace("groups = [\"Engineering\"]", "groups = [\"Sales\"]")
        .replace(
            "roles = [\"Developer\"]",
            "roles = [\"Annotator\", \"Viewer\"]",
        );
    let file = write(&env, "people.toml", &edited);
    let (exit, p) = plan(&env, &file, &[]);
    assert_eq!(exit, 8);
    let by = |profile: &str| {
        p["changes"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["profile"] == profile)
            .cloned()
            .unwrap_or_else(|| panic!("no change in {profile}: {p}"))
    };
    let para = by("paradigm");
    assert_eq!(para["action"], "update");
    assert_eq!(para["fields"][0]["field"], "first_name");
    assert_eq!(para["fields"][0]["old"], "Rosa");
    assert_eq!(para["fields"][0]["new"], "Rosalind");
    assert_eq!(para["add_groups"], serde_json::json!(["Sales"]));
    assert_eq!(para["remove_groups"], serde_json::json!(["Engineering"]));
    let cradl = by("cradl");
    assert_eq!(cradl["fields"][0]["old"], "Rosa Parks");
    assert_eq!(cradl["fields"][0]["new"], "Rosalind Parks");
    assert_eq!(cradl["remove_roles"], serde_json::json!(["Developer"]));

    // The text form, as a person reads it.
    let out = env.run(&["plan", &file]);
    assert_eq!(code(&out), 8);
    let text = stdout(&out);
    assert!(text.contains("~ update Rosa.Parks@example.com"), "{text}");
    assert!(
        text.contains("first_name: \"Rosa\" -> \"Rosalind\""),
        "{text}"
    );
    assert!(
        text.contains("+ group Sales") && text.contains("- group Engineering"),
        "{text}"
    );
    assert!(text.contains("Plan: 0 to create, 4 to update"), "{text}");
    assert!(!text.contains('\x1b'), "no colour off a terminal");
    assert!(stderr(&out).contains("pending"), "{}", stderr(&out));

    let rows = apply(&env, &file, &[]);
    assert!(rows.iter().all(|r| r["action"] == "updated"), "{rows:?}");
    let u = user(&env, "paradigm", "rosa.parks@example.com").unwrap();
    assert_eq!(u["first_name"], "Rosalind");
    assert_eq!(names(&u, "groups"), ["Sales"]);
    let c = user(&env, "cradl", "rosa.parks@example.com").unwrap();
    assert_eq!(names(&c, "roles"), ["Annotator", "Viewer"]);
    assert_eq!(plan(&env, &file, &[]).0, 0);
}

#[test]
fn inactive_deactivates_or_deletes_and_absent_deletes_or_deactivates() {
    let env = env();
    let file = write(&env, "people.toml", EVERYWHERE);
    apply(&env, &file, &[]);
    let inactive = EVERYWHERE.replace(
        "last_name = \"Parks\"",
        "last_name = \"Parks\"\nstate = \"inactive\"",
    );
    let file = write(&env, "people.toml", &inactive);
    let (_, p) = plan(&env, &file, &[]);
    let mut got = changes(&p);
    got.sort();
    let email = "Rosa.Parks@example.com".to_string();
    // Amani deactivates; the others cannot, and delete.
    assert_eq!(
        got,
        [
            ("amani".to_string(), "deactivate".to_string(), email.clone()),
            ("bleemeo".into(), "delete".into(), email.clone()),
            ("cradl".into(), "delete".into(), email.clone()),
            ("paradigm".into(), "delete".into(), email.clone()),
        ]
    );
    let rows = apply(&env, &file, &[]);
    assert_eq!(rows.len(), 4);
    let amani = user(&env, "amani", &email).expect("kept");
    assert_eq!(amani["status"], "inactive");
    assert!(user(&env, "paradigm", &email).is_none());
    assert_eq!(plan(&env, &file, &[]).0, 0, "inactive stays inactive");

    // Absent: Amani cannot delete, and the account is already inactive: nothing left to do.
    let absent = EVERYWHERE.replace(
        "last_name = \"Parks\"",
        "last_name = \"Parks\"\nstate = \"absent\"",
    );
    let file = write(&env, "people.toml", &absent);
    assert_eq!(plan(&env, &file, &[]).0, 0);
}
