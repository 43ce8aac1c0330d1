//! Where the results and generated passwords go: a report that never replaces an earlier one,
//! paths checked before anything is sent, private directories, and a journal without passwords.

use std::path::Path;

use super::{outcomes, write};
use crate::common::{assert_success, code, stderr, Env};

fn amani_hires(first: usize) -> String {
    let mut csv = String::from("email,first_name\n");
    for i in first..first + 3 {
        csv.push_str(&format!("kyc{i}@example.com,Kyc{i}\n"));
    }
    csv
}

#[cfg(unix)]
fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

#[test]
fn a_report_is_never_replaced_silently_and_passwords_are_accounted_for() {
    let env = Env::new();
    let file = write(&env, "kyc.csv", &amani_hires(0));
    let report = env.home().join("reports/first.csv");
    let report_arg = report.to_str().unwrap();
    let journal = env.home().join("kyc.jsonl");
    let journal_arg = journal.to_str().unwrap();
    let import = |extra: &[&str]| {
        let base = ["-o", "json", "--profile", "amani", "users", "import", &file];
        let common = ["--generate-password", "--journal", journal_arg];
        env.run(&[&base[..], &common[..], extra].concat())
    };
    let out = import(&["--report", report_arg]);
    assert_success(&out, &["first run"]);
    let passwords: Vec<String> = outcomes(&out)
        .iter()
        .filter_map(|r| r["password"].as_str().map(str::to_string))
        .collect();
    assert_eq!(passwords.len(), 3);
    assert!(
        stderr(&out).contains(&format!("in the report {report_arg}")),
        "{}",
        stderr(&out)
    );
    let first_report = std::fs::read_to_string(&report).unwrap();
    for p in &passwords {
        assert!(first_report.contains(p.as_str()), "the report keeps {p}");
    }
    // The journal, read as bytes, never holds a password.
    let journaled = std::fs::read_to_string(&journal).unwrap();
    assert!(!journaled.is_empty());
    for p in &passwords {
        assert!(
            !journaled.contains(p.as_str()),
            "a password reached the journal"
        );
    }

    // A re-run (a resume) with the same report path is refused before anything is sent.
    let writes = env.sandbox.stats().writes;
    let out = import(&["--report", report_arg]);
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    assert!(stderr(&out).contains(report_arg), "names the path");
    assert!(stderr(&out).contains("--force"), "{}", stderr(&out));
    assert_eq!(env.sandbox.stats().writes, writes, "nothing sent");
    assert_eq!(std::fs::read_to_string(&report).unwrap(), first_report);

    // --force replaces it on purpose.
    let out = import(&["--report", report_arg, "--force"]);
    assert_success(&out, &["--force"]);
    assert_ne!(std::fs::read_to_string(&report).unwrap(), first_report);

    // Without a report, the passwords are said to be only on screen.
    let other = write(&env, "kyc2.csv", &amani_hires(10));
    let out = env.run(&[
        "-o",
        "json",
        "--profile",
        "amani",
        "users",
        "import",
        &other,
        "--generate-password",
    ]);
    assert_success(&out, &["no report"]);
    assert!(
        stderr(&out).contains("only in the results above"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn unwritable_report_or_journal_paths_stop_the_run_before_any_write() {
    let env = Env::new();
    let file = write(&env, "one.csv", "email,username\nfresh@example.com,fresh\n");
    let plain = env.home().join("plain-file");
    std::fs::write(&plain, "not a directory").unwrap();
    let under_file = plain.join("report.csv");
    let out = env.run(&[
        "users",
        "import",
        &file,
        "--report",
        under_file.to_str().unwrap(),
    ]);
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    assert!(
        stderr(&out).contains(under_file.to_str().unwrap()),
        "{}",
        stderr(&out)
    );
    assert_eq!(env.sandbox.stats().writes, 0, "nothing sent");

    let journal = plain.join("journal.jsonl");
    let out = env.run(&[
        "users",
        "import",
        &file,
        "--journal",
        journal.to_str().unwrap(),
    ]);
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    assert!(
        stderr(&out).contains(journal.to_str().unwrap()),
        "{}",
        stderr(&out)
    );
    assert_eq!(env.sandbox.stats().writes, 0, "nothing sent");

    // A directory given as the report is refused too.
    let out = env.run(&[
        "users",
        "import",
        &file,
        "--report",
        env.home().to_str().unwrap(),
    ]);
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    assert_eq!(env.sandbox.stats().writes, 0);
}

#[cfg(unix)]
#[test]
fn directories_made_for_journals_and_reports_are_private() {
    let env = Env::new();
    let file = write(&env, "dirs.csv", "email,username\ndirs@example.com,dirs\n");
    let report = env.home().join("reports/2026/run.csv");
    let out = env.run(&[
        "users",
        "import",
        &file,
        "--report",
        report.to_str().unwrap(),
    ]);
    assert_success(&out, &["import"]);
    assert_eq!(mode(&env.home().join("reports")), 0o700);
    assert_eq!(mode(&env.home().join("reports/2026")), 0o700);
    assert_eq!(mode(&report), 0o600);
    // The default journal lives under the data dir, in directories roster made.
    let data = env.home().join("xdg-data/roster");
    assert_eq!(mode(&data), 0o700);
    assert_eq!(mode(&data.join("imports")), 0o700);
    let journals: Vec<_> = std::fs::read_dir(data.join("imports"))
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .collect();
    assert!(journals.iter().all(|j| mode(j) == 0o600), "{journals:?}");
}
