//! `users list -o csv` feeds back into `users import`: the columns an import does not take are
//! ignored with one warning, groups and roles as exported resolve, and `--delimiter`.

use super::write;
use crate::common::{assert_success, code, stderr, stdout, Env};

/// The profile's users as `users list -o csv` writes them, less accounts that have no email
/// (Cradl's seeded robot, whose profile email is null): an import row is keyed by its email.
fn export(env: &Env, profile: &str) -> String {
    let out = env.run(&["-o", "csv", "--profile", profile, "users", "list"]);
    assert_success(&out, &["export", profile]);
    let text = stdout(&out);
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let headers = reader.headers().expect("a header row").clone();
    let email = headers
        .iter()
        .position(|h| h == "email")
        .expect("an email column");
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer.write_record(&headers).expect("header");
    for record in reader.records() {
        let record = record.expect("a CSV row");
        if !record.get(email).unwrap_or_default().is_empty() {
            writer.write_record(&record).expect("row");
        }
    }
    String::from_utf8(writer.into_inner().expect("flushed")).expect("UTF-8")
}

#[test]
fn an_export_of_every_vendor_imports_back_with_one_warning() {
    let env = Env::new();
    for profile in ["paradigm", "bleemeo", "amani", "cradl"] {
        let file = write(
            &env,
            &format!("{profile}-export.csv"),
            &export(&env, profile),
        );
        let out = env.run(&[
            "-o",
            "json",
            "--profile",
            profile,
            "users",
            "import",
            &file,
            "--generate-password",
        ]);
        assert_success(&out, &["re-import", profile]);
        let rows: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
        assert!(!rows.is_empty());
        assert!(
            rows.iter().all(|r| r["action"] == "skipped"),
            "{profile}: everyone exists already: {rows:?}"
        );
        let err = stderr(&out);
        let warnings: Vec<&str> = err
            .lines()
            .filter(|l| l.starts_with("warning: ignoring column"))
            .collect();
        assert_eq!(
            warnings,
            [
                "warning: ignoring column(s) an import does not take: provider, id, display_name, \
              status, created_at, last_login"
            ],
            "{profile}: {err}"
        );
    }
}

#[test]
fn a_deleted_user_comes_back_from_the_export_with_its_groups() {
    let env = Env::new();
    let before = env.json(&["users", "get", "ada@sandbox.example"]);
    assert!(
        !before["groups"].as_array().unwrap().is_empty(),
        "the seed gives ada groups: {before}"
    );
    let file = write(&env, "export.csv", &export(&env, "paradigm"));
    assert_success(
        &env.run(&["users", "delete", "ada@sandbox.example", "--yes"]),
        &["delete ada"],
    );
    let out = env.run(&["-o", "json", "users", "import", &file]);
    assert_success(&out, &["import the export"]);
    let after = env.json(&["users", "get", "ada@sandbox.example"]);
    let ids = |u: &serde_json::Value, key: &str| -> Vec<String> {
        let mut v: Vec<String> = u[key]
            .as_array()
            .unwrap()
            .iter()
            .map(|g| g["id"].as_str().unwrap().to_string())
            .collect();
        v.sort();
        v
    };
    assert_eq!(ids(&after, "groups"), ids(&before, "groups"));
    assert_eq!(ids(&after, "roles"), ids(&before, "roles"));
    assert_eq!(after["username"], before["username"]);
    assert_eq!(after["last_name"], before["last_name"]);
}

#[test]
fn semicolon_and_tab_separated_files_import() {
    let env = Env::new();
    let semi = write(
        &env,
        "semi.csv",
        "email;username;groups\nsemi@example.com;semi;\"Engineering;Sales\"\n",
    );
    let out = env.run(&["users", "import", &semi, "--delimiter", ";"]);
    assert_success(&out, &["--delimiter ;"]);
    let tab = write(&env, "tab.tsv", "email\tusername\ntab@example.com\ttab\n");
    for (i, sep) in ["tab", "\\t"].into_iter().enumerate() {
        let journal = env.home().join(format!("tab{i}.jsonl"));
        let out = env.run(&[
            "users",
            "import",
            &tab,
            "--delimiter",
            sep,
            "--journal",
            journal.to_str().unwrap(),
        ]);
        assert_success(&out, &["--delimiter", sep]);
    }
    let semi_user = env.json(&["users", "get", "semi@example.com"]);
    assert_eq!(semi_user["groups"].as_array().unwrap().len(), 2);
    assert_eq!(
        env.json(&["users", "get", "tab@example.com"])["username"],
        "tab"
    );
    let out = env.run(&["users", "import", &tab, "--delimiter", "|"]);
    assert_eq!(code(&out), 2, "{}", stderr(&out));
}
