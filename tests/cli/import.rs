//! `roster users import`: validation before writing, pacing, faults, journal and resume.

use std::time::Duration;

use roster::sandbox::{Fault, FaultRule, SandboxOptions};
use serde_json::Value;

use crate::common::{assert_success, code, stderr, stdout, Env};

/// A sandbox whose Paradigm allows `sandbox_rate` requests a second, and a config whose
/// paradigm profile keeps to `roster_rate`.
fn env_with_rates(sandbox_rate: f64, roster_rate: &str, latency_ms: u64) -> Env {
    let env = Env::with_options(SandboxOptions {
        latency: Duration::from_millis(latency_ms),
        rate_limit_per_sec: Some(sandbox_rate),
        ..SandboxOptions::default()
    });
    pace_every_profile(&env, roster_rate);
    env
}

/// Give every sandbox profile `rate_limit = RATE`.
fn pace_every_profile(env: &Env, rate: &str) {
    let text = std::fs::read_to_string(&env.config).unwrap();
    let paced: String = text
        .lines()
        .map(|l| {
            if l.starts_with("[profiles.") {
                format!("{l}\nrate_limit = \"{rate}\"\n")
            } else {
                format!("{l}\n")
            }
        })
        .collect();
    env.write_config(&paced);
}

fn hires(n: usize, first: usize) -> String {
    let mut csv = String::from("email,username,first_name,last_name,groups\n");
    for i in first..first + n {
        csv.push_str(&format!(
            "hire{i}@example.com,hire{i},Hire,Number{i},Engineering\n"
        ));
    }
    csv
}

fn write(env: &Env, name: &str, text: &str) -> String {
    let path = env.home().join(name);
    std::fs::write(&path, text).unwrap();
    path.display().to_string()
}

/// How many sandbox users have this email (exactly-once checks read the vendor's truth).
fn count(env: &Env, email: &str) -> usize {
    env.sandbox.with_state(|s| {
        s.paradigm
            .users
            .iter()
            .filter(|u| u.email.eq_ignore_ascii_case(email))
            .count()
    })
}

fn outcomes(out: &std::process::Output) -> Vec<Value> {
    serde_json::from_slice::<Value>(&out.stdout)
        .unwrap_or_else(|e| panic!("json results ({e}): {}\n{}", stdout(out), stderr(out)))
        .as_array()
        .cloned()
        .unwrap_or_default()
}

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
    assert_success(&out, &["--skip-invalid"]);
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
fn faults_and_lost_answers_create_each_user_exactly_once() {
    let env = env_with_rates(500.0, "200/s", 0);
    let post = |fault: Fault, times: u32| FaultRule {
        vendor: Some("paradigm".into()),
        method: Some("POST".into()),
        path_contains: Some("/api/v3/users".into()),
        fault,
        times,
    };
    env.sandbox.inject(post(Fault::CommitThenDrop, 3));
    env.sandbox
        .inject(post(Fault::ServerError { status: 502 }, 2));
    env.sandbox.inject(post(Fault::Drop, 2));
    env.sandbox.inject(post(Fault::MalformedJson, 2));
    env.sandbox.inject(post(
        Fault::TooManyRequests {
            retry_after_secs: 1,
        },
        2,
    ));
    let file = write(&env, "faulty.csv", &hires(20, 200));
    let out = env.run(&["-o", "json", "users", "import", &file, "--concurrency", "4"]);
    // Each row survives several faults in a row; should one row still meet more than its
    // retries allow, it is reported failed (exit 7) and the re-run finishes it.
    if code(&out) == 7 {
        assert!(outcomes(&out)
            .iter()
            .filter(|r| r["action"] == "failed")
            .all(|r| r["error"].is_string()));
        let again = env.run(&["-o", "json", "users", "import", &file]);
        assert_success(&again, &["re-run after faults"]);
    } else {
        assert_success(&out, &["import under faults"]);
        assert!(
            outcomes(&out).iter().all(|r| r["action"] == "created"),
            "{}",
            stdout(&out)
        );
    }
    assert_eq!(
        env.sandbox.stats().faults,
        11,
        "every injected fault met a request"
    );
    for i in 200..220 {
        assert_eq!(
            count(&env, &format!("hire{i}@example.com")),
            1,
            "hire{i} exactly once"
        );
    }
}

#[test]
fn sigkill_mid_run_then_resume_creates_each_user_exactly_once() {
    let env = env_with_rates(500.0, "200/s", 40);
    let file = write(&env, "kill.csv", &hires(40, 300));
    let mut child = env
        .std_command()
        .args(["-o", "json", "users", "import", &file, "--concurrency", "2"])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let deadline = std::time::Instant::now() + Duration::from_secs(20);
    while env.sandbox.stats().writes < 8 && std::time::Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(20));
    }
    child.kill().unwrap();
    let _ = child.wait();
    let done_before = (300..340)
        .filter(|i| count(&env, &format!("hire{i}@example.com")) == 1)
        .count();
    assert!(done_before < 40, "killed mid-run");

    let out = env.run(&["-o", "json", "users", "import", &file]);
    assert_success(&out, &["resume"]);
    for i in 300..340 {
        assert_eq!(
            count(&env, &format!("hire{i}@example.com")),
            1,
            "hire{i} exactly once"
        );
    }
    assert!(outcomes(&out).iter().any(|r| r["resumed"] == true));
}

#[test]
fn ctrl_c_finishes_in_flight_work_and_exits_130() {
    let env = env_with_rates(500.0, "200/s", 60);
    let file = write(&env, "int.csv", &hires(40, 400));
    let journal = env.home().join("int.jsonl");
    let child = env
        .std_command()
        .args(["-o", "json", "users", "import", &file, "--concurrency", "2"])
        .args(["--journal", journal.to_str().unwrap()])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let deadline = std::time::Instant::now() + Duration::from_secs(20);
    while env.sandbox.stats().writes < 6 && std::time::Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(20));
    }
    let status = std::process::Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let out = child.wait_with_output().unwrap();
    assert_eq!(code(&out), 130, "{}", stderr(&out));
    // Every create that started was finished and recorded.
    let text = std::fs::read_to_string(&journal).unwrap();
    let entries: Vec<Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let started = entries.iter().filter(|e| e["event"] == "start").count();
    let done = entries.iter().filter(|e| e["event"] == "done").count();
    assert_eq!(started, done, "no create left in flight");
    assert!(done < 40, "stopped early");
    let out = env.run(&[
        "users",
        "import",
        &file,
        "--journal",
        journal.to_str().unwrap(),
    ]);
    assert_success(&out, &["resume after Ctrl-C"]);
    for i in 400..440 {
        assert_eq!(count(&env, &format!("hire{i}@example.com")), 1);
    }
}

#[test]
fn a_20_percent_fault_rate_still_ends_with_each_user_exactly_once() {
    let env = Env::with_options(SandboxOptions {
        rate_limit_per_sec: Some(500.0),
        fault_rate: 0.2,
        fault_seed: 42,
        ..SandboxOptions::default()
    });
    pace_every_profile(&env, "200/s");
    let file = write(&env, "chaos.csv", &hires(40, 500));
    let mut runs = 0;
    loop {
        runs += 1;
        let out = env.run(&["-o", "json", "users", "import", &file, "--concurrency", "4"]);
        // Failed rows are reported (exit 7) with the vendor's reason, and a re-run retries them.
        match code(&out) {
            0 => break,
            7 => {
                assert!(outcomes(&out)
                    .iter()
                    .filter(|r| r["action"] == "failed")
                    .all(|r| r["error"].is_string()));
            }
            other => assert!([1, 75].contains(&other), "{other}: {}", stderr(&out)),
        }
        assert!(runs < 8, "converges: {}", stderr(&out));
    }
    for i in 500..540 {
        assert_eq!(
            count(&env, &format!("hire{i}@example.com")),
            1,
            "hire{i} exactly once"
        );
    }
    assert!(env.sandbox.stats().faults > 0);
}

#[test]
fn one_file_feeds_every_vendor_at_once() {
    let env = env_with_rates(500.0, "100/s", 0);
    let mut csv = String::from("email,username,first_name,last_name,name\n");
    for i in 0..5 {
        csv.push_str(&format!(
            "multi{i}@example.com,multi{i},Multi,Person{i},Multi Person {i}\n"
        ));
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
    for profile in ["paradigm", "bleemeo", "amani", "cradl"] {
        let emails = env.emails(profile);
        for i in 0..5 {
            assert!(
                emails.contains(&format!("multi{i}@example.com")),
                "{profile} has multi{i}"
            );
        }
    }
}
