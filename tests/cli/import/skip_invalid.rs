//! `--skip-invalid`: the rows it leaves out are results (`skipped-invalid`, with the reason)
//! and make the exit 7; a header no row can be read past stops everything.

use super::{outcomes, write};
use crate::common::{assert_success, code, stderr, Env};

#[test]
fn skipped_rows_are_results_and_make_the_exit_7() {
    let env = Env::new();
    let csv = "email,username,groups\nok@example.com,ok,Engineering\nnot-an-email,x,\n\
               also@example.com,also,Nope\n";
    let file = write(&env, "mixed.csv", csv);
    let report = env.home().join("mixed-report.csv");
    let out = env.run(&[
        "-o",
        "json",
        "users",
        "import",
        &file,
        "--skip-invalid",
        "--report",
        report.to_str().unwrap(),
    ]);
    assert_eq!(code(&out), 7, "{}", stderr(&out));
    let rows = outcomes(&out);
    let actions: Vec<(u64, &str)> = rows
        .iter()
        .map(|r| (r["line"].as_u64().unwrap(), r["action"].as_str().unwrap()))
        .collect();
    assert_eq!(
        actions,
        [
            (2, "created"),
            (3, "skipped-invalid"),
            (4, "skipped-invalid")
        ]
    );
    assert!(rows[1]["error"]
        .as_str()
        .unwrap()
        .contains("not an email address"));
    assert!(rows[2]["error"].as_str().unwrap().contains("`Nope`"));
    assert_eq!(rows[2]["email"], "also@example.com");

    let mut reader = csv::Reader::from_path(&report).unwrap();
    let records: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
    assert_eq!(records.len(), 3);
    assert_eq!(&records[1][3], "skipped-invalid");
    assert!(records[1][5].contains("not an email address"));
    assert!(
        stderr(&out).contains("import: 1 created, 2 skipped-invalid"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn an_all_invalid_file_names_its_counts_and_sends_nothing() {
    let env = Env::new();
    let file = write(&env, "bad.csv", "email,username\nnope,a\nalso-nope,b\n");
    let out = env.run(&["-o", "json", "users", "import", &file, "--skip-invalid"]);
    assert_eq!(code(&out), 7, "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("import: 2 skipped-invalid"), "{err}");
    assert!(!err.contains("import: ;"), "{err}");
    assert_eq!(outcomes(&out).len(), 2);
    assert_eq!(env.sandbox.stats().writes, 0);
}

#[test]
fn a_duplicate_column_is_an_error_naming_it_even_with_skip_invalid() {
    let env = Env::new();
    let file = write(
        &env,
        "dup.csv",
        "email,Email,username\na@example.com,b@example.com,a\n",
    );
    for extra in [&[][..], &["--skip-invalid"][..]] {
        let out = env.run(&[&["users", "import", &file][..], extra].concat());
        assert_eq!(code(&out), 2, "{}", stderr(&out));
        assert!(
            stderr(&out).contains("dup.csv:1: column `email`: the column appears twice"),
            "{}",
            stderr(&out)
        );
    }
    assert_eq!(env.sandbox.stats().requests, 0, "nothing sent");
    // With one email column it imports.
    let file = write(&env, "one.csv", "email,username\na@example.com,a\n");
    assert_success(&env.run(&["users", "import", &file]), &["one email column"]);
}
