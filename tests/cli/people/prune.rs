//! `--prune` and `[defaults] prune`: accounts the file does not name are removed, never the
//! profile's own login; `state = "absent"` removes a named one.

use super::{apply, changes, env, plan, user, write};
use crate::common::code;

const ONLY_ADA: &str = r#"
[defaults]
profiles = ["bleemeo", "amani"]
prune = true

[[person]]
email = "ada@sandbox.example"
first_name = "Ada"
last_name = "Lovelace"
amani = { roles = ["Viewer"] }
"#;

#[test]
fn prune_removes_the_accounts_not_in_the_file_but_never_the_login() {
    let env = env();
    let file = write(&env, "people.toml", ONLY_ADA);
    let (exit, p) = plan(&env, &file, &[]);
    assert_eq!(exit, 8);
    let got = changes(&p);
    let has = |profile: &str, action: &str, email: &str| {
        got.iter()
            .any(|(p, a, e)| p == profile && a == action && e == email)
    };
    assert!(has("bleemeo", "delete", "grace@sandbox.example"), "{got:?}");
    assert!(
        has("bleemeo", "delete", "margaret@sandbox.example"),
        "{got:?}"
    );
    assert!(has("amani", "create", "ada@sandbox.example"), "{got:?}");
    assert!(
        has("amani", "deactivate", "ayse.yilmaz@amani.sandbox.example"),
        "{got:?}"
    );
    // Already inactive: nothing to do.
    assert!(
        !got.iter()
            .any(|(_, _, e)| e == "lena.weber@amani.sandbox.example"),
        "{got:?}"
    );
    // The logins of both profiles stay, in the plan and after the apply.
    assert!(
        !got.iter().any(|(_, _, e)| e.starts_with("admin@")),
        "{got:?}"
    );
    let rows = apply(&env, &file, &[]);
    assert!(rows.iter().all(|r| r["error"].is_null()), "{rows:?}");
    assert!(user(&env, "bleemeo", "admin@sandbox.example").is_some());
    assert_eq!(
        user(&env, "amani", "admin@amani.sandbox.example").unwrap()["status"],
        "active"
    );
    assert!(user(&env, "bleemeo", "grace@sandbox.example").is_none());
    assert_eq!(
        user(&env, "amani", "omar.haddad@amani.sandbox.example").unwrap()["status"],
        "inactive"
    );
    assert_eq!(plan(&env, &file, &[]).0, 0, "pruned for good");
}

#[test]
fn without_prune_only_people_in_the_file_are_managed() {
    let env = env();
    let text = ONLY_ADA.replace("prune = true\n", "");
    let file = write(&env, "people.toml", &text);
    let (_, p) = plan(&env, &file, &[]);
    assert_eq!(
        changes(&p),
        [(
            "amani".to_string(),
            "create".to_string(),
            "ada@sandbox.example".to_string()
        )]
    );
    // The flag does what the file's key does.
    let (_, p) = plan(&env, &file, &["--prune"]);
    assert!(changes(&p).len() > 1, "{p}");
}

#[test]
fn absent_deletes_a_named_account_and_never_the_login() {
    let env = env();
    let text = r#"
[defaults]
profiles = ["paradigm", "cradl", "bleemeo"]

[[person]]
email = "LINUS@sandbox.example"
state = "absent"
profiles = ["paradigm", "cradl"]

[[person]]
email = "admin@sandbox.example"
state = "absent"
profiles = ["bleemeo"]
"#;
    let file = write(&env, "people.toml", text);
    let out = env.run(&["-o", "json", "plan", &file]);
    assert_eq!(code(&out), 8);
    let p = super::parse(&out);
    assert_eq!(
        changes(&p),
        [
            (
                "paradigm".to_string(),
                "delete".to_string(),
                "LINUS@sandbox.example".to_string()
            ),
            (
                "cradl".into(),
                "delete".into(),
                "LINUS@sandbox.example".into()
            ),
        ]
    );
    assert!(
        crate::common::stderr(&out)
            .contains("admin@sandbox.example is the account profile `bleemeo` signs in as"),
        "{}",
        crate::common::stderr(&out)
    );
    apply(&env, &file, &[]);
    assert!(user(&env, "paradigm", "linus@sandbox.example").is_none());
    assert!(user(&env, "cradl", "linus@sandbox.example").is_none());
    assert_eq!(plan(&env, &file, &[]).0, 0);
}
