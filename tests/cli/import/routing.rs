//! A `profile` column without `--profile`: each row goes to the profile it names, rows without
//! one to the default profile, and an unknown name is a problem of its line.

use super::{outcomes, write};
use crate::common::{assert_success, code, stderr, Env};

#[test]
fn without_profile_the_column_chooses_the_profiles() {
    let env = Env::new();
    let csv = "email,username,name,profile\n\
               routed-p@example.com,routedp,,paradigm\n\
               routed-c@example.com,,Routed C,cradl\n\
               routed-d@example.com,routedd,,\n";
    let file = write(&env, "routed.csv", csv);
    let out = env.run(&["-o", "json", "users", "import", &file]);
    assert_success(&out, &["routed import"]);
    let rows = outcomes(&out);
    let placed: Vec<(&str, &str, &str)> = rows
        .iter()
        .map(|r| {
            (
                r["email"].as_str().unwrap(),
                r["profile"].as_str().unwrap(),
                r["action"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        placed,
        [
            ("routed-p@example.com", "paradigm", "created"),
            ("routed-c@example.com", "cradl", "created"),
            // The sandbox config's default profile.
            ("routed-d@example.com", "paradigm", "created"),
        ]
    );
    assert!(env
        .emails("cradl")
        .contains(&"routed-c@example.com".to_string()));
    assert!(!env
        .emails("paradigm")
        .contains(&"routed-c@example.com".to_string()));
}

#[test]
fn an_unknown_profile_in_the_column_is_a_problem_of_its_line() {
    let env = Env::new();
    let csv = "email,username,profile\nfine@example.com,fine,paradigm\n\
               lost@example.com,lost,nowhere\n";
    let file = write(&env, "unknown.csv", csv);
    let out = env.run(&["users", "import", &file]);
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains("unknown.csv:3: column `profile`: no profile `nowhere`"),
        "{err}"
    );
    assert_eq!(env.sandbox.stats().writes, 0);

    let out = env.run(&["-o", "json", "users", "import", &file, "--skip-invalid"]);
    assert_eq!(code(&out), 7, "{}", stderr(&out));
    let rows = outcomes(&out);
    assert_eq!(rows[0]["action"], "created");
    assert_eq!(rows[1]["action"], "skipped-invalid");
    assert_eq!(rows[1]["profile"], "nowhere");
}
