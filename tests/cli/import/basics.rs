//! The everyday import: create, report, resume from the journal, validation, --if-exists,
//! dry runs, pacing, and one file into every vendor.

use super::{count, env_with_rates, hires, outcomes, write};
use crate::common::{assert_success, code, stderr, stdout};

#[test]
fn import_creates_every_row_once_and_reports_it() {
    let env = env_with_rates(200.0, "100/s", 0);
    let file = write(&env, "hires.csv", &hires(25, 0));
    let report = env.home().join("report.csv");
    let out = env.run(&[
        "-o",
        "json",
        "users",
        "import",
        &file,
        "--report",
        report.to_str().unwrap(),
    ]);
    assert_success(&out, &["import"]);
    let rows = outcomes(&out);
    assert_eq!(rows.len(), 25);
    assert!(rows
        .iter()
        .all(|r| r["action"] == "created" && r["id"].is_string()));
    for i in 0..25 {
        assert_eq!(count(&env, &format!("hire{i}@example.com")), 1);
    }
    let group_members = env.json(&["users", "list", "--group", "Engineering"]);
    assert!(group_members.to_string().contains("hire24@example.com"));

    let mut reader = csv::Reader::from_path(&report).unwrap();
    let records: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
    assert_eq!(records.len(), 25);
    assert_eq!(&records[0][0], "2", "line of the first data row");
    assert_eq!(&records[0][3], "created");

    // The same import again: every row is finished per the journal, no write is sent.
    let writes = env.sandbox.stats().writes;
    let again = env.run(&["-o", "json", "users", "import", &file]);
    assert_success(&again, &["import again"]);
    assert_eq!(
        env.sandbox.stats().writes,
        writes,
        "journal reuse sends nothing"
    );
    assert!(outcomes(&again).iter().all(|r| r["resumed"] == true));

    // A user removed since is not trusted to the journal: it is created again.
    let out = env.run(&["users", "delete", "hire3@example.com", "--yes"]);
    assert_success(&out, &["delete one"]);
    let third = env.run(&["-o", "json", "users", "import", &file]);
    assert_success(&third, &["import after a delete"]);
    let rows = outcomes(&third);
    assert_eq!(
        rows.iter()
            .filter(|r| r["action"] == "created" && r["resumed"] == false)
            .count(),
        1
    );
    assert_eq!(count(&env, "hire3@example.com"), 1);
}

#[test]
fn invalid_input_writes_nothing_and_names_every_problem() {
    let env = env_with_rates(200.0, "100/s", 0);
    let csv = "email,username,groups\nok@example.com,ok,Engineering\nnot-an-email,x,\n\
               dup@example.com,dup,\ndup@example.com,dup2,\nbad@example.com,bad name,Nope\n";
    let file = write(&env, "bad.csv", csv);
    let out = env.run(&["users", "import", &file]);
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("bad.csv:3: column `email`"), "{err}");
    assert!(
        err.contains("bad.csv:5:") && err.contains("already on line 4"),
        "{err}"
    );
    assert!(err.contains("bad.csv:6: column `groups`"), "{err}");
    assert!(err.contains("username"), "{err}");
    assert_eq!(
        env.sandbox.stats().writes,
        0,
        "validation failures write nothing"
    );

    let out = env.run(&["-o", "json", "users", "import", &file, "--skip-invalid"]);
    assert_eq!(
        code(&out),
        7,
        "skipped rows make a partial import: {}",
        stderr(&out)
    );
    let created: Vec<String> = outcomes(&out)
        .iter()
        .filter(|r| r["action"] == "created")
        .map(|r| r["email"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(created, ["ok@example.com", "dup@example.com"]);

    let out = env.run(&[
        "users",
        "import",
        &write(&env, "pw.csv", "email,password\na@example.com,x\n"),
    ]);
    assert_eq!(code(&out), 2);
    assert!(stderr(&out).contains("password column is refused"));
}

#[test]
fn if_exists_skip_update_and_fail() {
    let env = env_with_rates(200.0, "100/s", 0);
    let csv =
        "email,username,last_name\nada@sandbox.example,ada,Byron\nfresh@example.com,fresh,New\n";
    let file = write(&env, "mixed.csv", csv);
    let journal = |n: &str| env.home().join(n).display().to_string();

    let out = env.run(&[
        "-o",
        "json",
        "users",
        "import",
        &file,
        "--journal",
        &journal("j1"),
    ]);
    assert_success(&out, &["skip"]);
    let rows = outcomes(&out);
    assert_eq!(rows[0]["action"], "skipped");
    assert_eq!(rows[1]["action"], "created");

    let out = env.run(&[
        "-o",
        "json",
        "users",
        "import",
        &file,
        "--if-exists",
        "update",
        "--journal",
        &journal("j2"),
    ]);
    assert_success(&out, &["update"]);
    let rows = outcomes(&out);
    assert_eq!(rows[0]["action"], "updated");
    assert_eq!(rows[1]["action"], "skipped", "already as the file says");
    assert_eq!(
        env.json(&["users", "get", "ada@sandbox.example"])["last_name"],
        "Byron"
    );

    let out = env.run(&[
        "-o",
        "json",
        "users",
        "import",
        &file,
        "--if-exists",
        "fail",
        "--journal",
        &journal("j3"),
    ]);
    assert_eq!(code(&out), 7, "partial failure: {}", stderr(&out));
    assert!(outcomes(&out).iter().all(|r| r["action"] == "failed"));
}

#[test]
fn dry_run_plans_and_writes_nothing() {
    let env = env_with_rates(200.0, "100/s", 0);
    let file = write(
        &env,
        "plan.csv",
        "email,username\nada@sandbox.example,ada\nnew@example.com,new\n",
    );
    let out = env.run(&["--dry-run", "-o", "json", "users", "import", &file]);
    assert_success(&out, &["dry run"]);
    let rows = outcomes(&out);
    assert_eq!(rows[0]["action"], "skipped");
    assert_eq!(rows[1]["action"], "would-create");
    assert_eq!(env.sandbox.stats().writes, 0);
}

#[test]
fn pacing_below_the_vendor_limit_draws_no_429() {
    let env = env_with_rates(20.0, "15/s", 0);
    let file = write(&env, "paced.csv", &hires(30, 100));
    let out = env.run(&[
        "-o",
        "json",
        "users",
        "import",
        &file,
        "--concurrency",
        "16",
    ]);
    assert_success(&out, &["paced import"]);
    assert_eq!(
        env.sandbox.stats().rate_limited,
        0,
        "roster kept under the limit"
    );
    assert_eq!(outcomes(&out).len(), 30);
}

#[test]
fn one_file_feeds_every_vendor_at_once() {
    let env = env_with_rates(500.0, "100/s", 0);
    // Only columns every vendor takes: Paradigm makes usernames from the emails and Cradl its
    // display name from the first and last names, as `users create` does.
    let mut csv = String::from("email,first_name,last_name\n");
    for i in 0..5 {
        csv.push_str(&format!("multi{i}@example.com,Multi,Person{i}\n"));
    }
    let file = write(&env, "multi.csv", &csv);
    let out = env.run(&[
        "-o",
        "json",
        "--profile",
        "paradigm,bleemeo,amani,cradl",
        "users",
        "import",
        &file,
        "--generate-password",
    ]);
    assert_success(&out, &["import into four vendors"]);
    let rows = outcomes(&out);
    assert_eq!(rows.len(), 20, "one result per row and profile");
    assert!(
        rows.iter().all(|r| r["action"] == "created"),
        "{}",
        stdout(&out)
    );
    // A password is generated only where the vendor needs one, and shown only there.
    for r in &rows {
        assert_eq!(r["password"].is_string(), r["profile"] == "amani", "{r}");
    }
    assert!(
        stderr(&out)
            .contains("paradigm: username made from the email where blank: line 2 `multi0`"),
        "{}",
        stderr(&out)
    );
    for profile in ["paradigm", "bleemeo", "amani", "cradl"] {
        let emails = env.emails(profile);
        for i in 0..5 {
            assert!(
                emails.contains(&format!("multi{i}@example.com")),
                "{profile} has multi{i}"
            );
        }
    }
    let ada = env.json(&[
        "--profile",
        "paradigm",
        "users",
        "get",
        "multi0@example.com",
    ]);
    assert_eq!(ada["username"], "multi0");
    let cradl = env.json(&["--profile", "cradl", "users", "get", "multi1@example.com"]);
    assert_eq!(cradl["display_name"], "Multi Person1");
}
