//! A SCIM profile beside the four vendors: created from empty, a field edited and a group
//! moved (SCIM groups), `inactive` deactivates (SCIM can), `absent` then deletes, and each
//! step ends with a plan that is empty.

use super::{apply, changes, env, names, plan, user, write};

const FIVE: &str = r#"
[defaults]
profiles = ["paradigm", "bleemeo", "amani", "cradl", "scim"]

[[person]]
email = "Rosa.Parks@example.com"
first_name = "Rosa"
last_name = "Parks"
paradigm = { groups = ["Engineering"], language = "fr" }
bleemeo = { roles = ["manager"] }
amani = { roles = ["Operator"], phone = "+15551234567" }
cradl = { roles = ["Developer"] }
scim = { groups = ["Engineering"] }
"#;

const EMAIL: &str = "Rosa.Parks@example.com";

/// The one change a plan holds for the scim profile.
fn scim_change(p: &serde_json::Value) -> serde_json::Value {
    p["changes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["profile"] == "scim")
        .cloned()
        .unwrap_or_else(|| panic!("no scim change: {p}"))
}

#[test]
fn scim_beside_the_four_vendors_from_empty_to_absent_with_an_empty_plan_after_each_step() {
    let env = env();
    assert!(user(&env, "scim", EMAIL).is_none(), "starts empty");
    let file = write(&env, "people.toml", FIVE);
    let (exit, p) = plan(&env, &file, &[]);
    assert_eq!(exit, 8);
    let profiles: Vec<String> = changes(&p).into_iter().map(|c| c.0).collect();
    assert_eq!(profiles, ["paradigm", "bleemeo", "amani", "cradl", "scim"]);
    let c = scim_change(&p);
    assert_eq!(c["action"], "create");
    assert_eq!(c["add_groups"], serde_json::json!(["Engineering"]));
    assert_eq!(p["summary"]["create"], 5);

    let rows = apply(&env, &file, &[]);
    assert_eq!(rows.len(), 5, "{rows:?}");
    assert!(rows.iter().all(|r| r["action"] == "created"), "{rows:?}");
    let u = user(&env, "scim", EMAIL).expect("created in scim");
    assert_eq!(u["first_name"], "Rosa");
    assert_eq!(u["last_name"], "Parks");
    assert_eq!(u["status"], "active");
    assert_eq!(names(&u, "groups"), ["Engineering"]);
    let (exit, p) = plan(&env, &file, &[]);
    assert_eq!(exit, 0, "idempotent: {p}");
    assert!(changes(&p).is_empty(), "{p}");
    let writes = super::account_writes(&env);
    assert!(
        apply(&env, &file, &[]).is_empty(),
        "a second apply plans nothing"
    );
    assert_eq!(super::account_writes(&env), writes, "and sends nothing");

    // A field edited and the SCIM group moved: one update, old and new.
    let edited = FIVE
        .replace("first_name = \"Rosa\"", "first_name = \"Rosalind\"")
        .replace(
            "scim = { groups = [\"Engineering\"] }",
            "scim = { groups = [\"Admins\"] }",
        );
    let file = write(&env, "people.toml", &edited);
    let (exit, p) = plan(&env, &file, &[]);
    assert_eq!(exit, 8);
    let c = scim_change(&p);
    assert_eq!(c["action"], "update", "{c}");
    assert_eq!(c["fields"][0]["field"], "first_name", "{c}");
    assert_eq!(c["fields"][0]["old"], "Rosa");
    assert_eq!(c["fields"][0]["new"], "Rosalind");
    assert_eq!(c["add_groups"], serde_json::json!(["Admins"]));
    assert_eq!(c["remove_groups"], serde_json::json!(["Engineering"]));
    let rows = apply(&env, &file, &[]);
    assert!(rows.iter().all(|r| r["action"] == "updated"), "{rows:?}");
    let u = user(&env, "scim", EMAIL).unwrap();
    assert_eq!(u["first_name"], "Rosalind");
    assert_eq!(names(&u, "groups"), ["Admins"]);
    assert_eq!(plan(&env, &file, &[]).0, 0, "the move holds");

    // Inactive: SCIM deactivates (active = false), it does not delete.
    let inactive = edited.replace(
        "last_name = \"Parks\"",
        "last_name = \"Parks\"\nstate = \"inactive\"",
    );
    let file = write(&env, "people.toml", &inactive);
    let (_, p) = plan(&env, &file, &[]);
    assert_eq!(scim_change(&p)["action"], "deactivate", "{p}");
    apply(&env, &file, &[]);
    let u = user(&env, "scim", EMAIL).expect("kept, inactive");
    assert_eq!(u["status"], "inactive");
    assert_eq!(plan(&env, &file, &[]).0, 0, "inactive stays inactive");

    // Absent: SCIM can delete, so the inactive account goes.
    let absent = edited.replace(
        "last_name = \"Parks\"",
        "last_name = \"Parks\"\nstate = \"absent\"",
    );
    let file = write(&env, "people.toml", &absent);
    let (exit, p) = plan(&env, &file, &[]);
    assert_eq!(exit, 8);
    assert_eq!(
        changes(&p),
        [("scim".to_string(), "delete".to_string(), EMAIL.to_string())],
        "only scim has something left to do"
    );
    apply(&env, &file, &[]);
    assert!(user(&env, "scim", EMAIL).is_none(), "deleted");
    assert_eq!(plan(&env, &file, &[]).0, 0);
}

#[test]
fn prune_on_scim_deactivates_the_unnamed_and_leaves_the_logins_the_providers_know() {
    let env = env();
    let text = r#"
[defaults]
profiles = ["scim", "bleemeo"]
prune = ["scim", "bleemeo"]

[[person]]
email = "Grace.Hopper@scim.sandbox.example"
profiles = ["scim"]
"#;
    let file = write(&env, "people.toml", text);
    let out = env.run(&["-o", "json", "plan", &file]);
    assert_eq!(
        crate::common::code(&out),
        8,
        "{}",
        crate::common::stderr(&out)
    );
    let got = changes(&super::parse(&out));
    let mut scim: Vec<(String, String)> = got
        .iter()
        .filter(|c| c.0 == "scim")
        .map(|c| (c.1.clone(), c.2.clone()))
        .collect();
    scim.sort();
    let d = |e: &str| ("deactivate".to_string(), e.to_string());
    // SCIM deactivates rather than deletes; the one already inactive and the named one stay.
    assert_eq!(
        scim,
        [
            d("ada.lovelace@scim.sandbox.example"),
            d("edsger.dijkstra@scim.sandbox.example"),
            d("katherine.johnson@scim.sandbox.example"),
        ],
        "{got:?}"
    );
    // Bleemeo knows its login and leaves it alone; the others go.
    assert!(
        got.iter()
            .any(|(p, a, e)| p == "bleemeo" && a == "delete" && e == "grace@sandbox.example"),
        "{got:?}"
    );
    assert!(
        !got.iter().any(|(_, _, e)| e.starts_with("admin@")),
        "{got:?}"
    );

    let rows = apply(&env, &file, &[]);
    assert!(rows.iter().all(|r| r["error"].is_null()), "{rows:?}");
    assert!(user(&env, "bleemeo", "admin@sandbox.example").is_some());
    let ada = user(&env, "scim", "ada.lovelace@scim.sandbox.example").expect("kept");
    assert_eq!(ada["status"], "inactive");
    let grace = user(&env, "scim", "grace.hopper@scim.sandbox.example").unwrap();
    assert_eq!(grace["status"], "active", "named in the file");
    assert_eq!(plan(&env, &file, &[]).0, 0, "pruned for good");
}
