//! Faults, lost answers, SIGKILL and Ctrl-C: each user still created exactly once.

use std::time::Duration;

use roster::sandbox::{Fault, FaultRule, SandboxOptions};
use serde_json::Value;

use super::{count, env_with_rates, hires, outcomes, pace_every_profile, write};
use crate::common::{assert_success, code, stderr, stdout, Env};

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
fn rows_the_journal_finished_stay_finished_when_a_later_listing_fails() {
    let env = env_with_rates(500.0, "200/s", 0);
    let journal = env.home().join("listing.jsonl");
    let journal = journal.to_str().unwrap();
    let first = write(&env, "five.csv", &hires(5, 900));
    let out = env.run(&["users", "import", &first, "--journal", journal]);
    assert_success(&out, &["first run"]);

    // The listing now fails whatever the retries do.
    env.sandbox.inject(FaultRule {
        vendor: Some("paradigm".into()),
        method: Some("GET".into()),
        path_contains: Some("/api/v3/users".into()),
        fault: Fault::ServerError { status: 503 },
        times: 1_000,
    });
    let more = write(&env, "six.csv", &hires(6, 900));
    let out = env.run(&["-o", "json", "users", "import", &more, "--journal", journal]);
    assert_eq!(code(&out), 7, "{}", stderr(&out));
    let rows = outcomes(&out);
    assert_eq!(rows.len(), 6);
    for r in &rows[..5] {
        assert_eq!(r["action"], "created", "{r}");
        assert_eq!(r["resumed"], true, "{r}");
    }
    assert_eq!(rows[5]["action"], "failed");
    assert!(rows[5]["error"]
        .as_str()
        .unwrap()
        .contains("cannot list the profile's users"));
}
