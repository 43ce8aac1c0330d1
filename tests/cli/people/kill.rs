//! SIGKILL mid-apply, then apply again: exactly the planned end state, each account once.

use std::time::{Duration, Instant};

use super::{apply, names, plan, user, write};
use crate::common::code;
use crate::import::{count, env_with_rates};

fn people(n: usize) -> String {
    let mut text = String::from("[defaults]\nprofiles = [\"paradigm\"]\n");
    for i in 0..n {
        text.push_str(&format!(
            "\n[[person]]\nemail = \"kill{i}@example.com\"\nfirst_name = \"Kill\"\n\
             last_name = \"Number{i}\"\nparadigm = {{ groups = [\"Support\"] }}\n"
        ));
    }
    // And one removal in the same run.
    text.push_str("\n[[person]]\nemail = \"linus@sandbox.example\"\nstate = \"absent\"\n");
    text
}

#[test]
fn sigkill_mid_apply_then_apply_again_reaches_exactly_the_planned_state() {
    let env = env_with_rates(500.0, "200/s", 40);
    let file = write(&env, "people.toml", &people(30));
    let (_, p) = plan(&env, &file, &[]);
    assert_eq!(p["summary"]["create"], 30);
    let mut child = env
        .std_command()
        .args(["-o", "json", "--yes", "apply", &file, "--concurrency", "2"])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(30);
    while env.sandbox.stats().writes < 8 && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(20));
    }
    child.kill().unwrap();
    let _ = child.wait();
    let done = (0..30)
        .filter(|i| count(&env, &format!("kill{i}@example.com")) == 1)
        .count();
    assert!(done < 30, "killed mid-run ({done} done)");

    // Another apply holding no lock: the killed one's lock went with its process.
    let rows = apply(&env, &file, &[]);
    assert!(rows.iter().all(|r| r["error"].is_null()), "{rows:?}");
    for i in 0..30 {
        let email = format!("kill{i}@example.com");
        assert_eq!(count(&env, &email), 1, "{email} exactly once");
    }
    let u = user(&env, "paradigm", "kill7@example.com").unwrap();
    assert_eq!(names(&u, "groups"), ["Support"]);
    assert!(user(&env, "paradigm", "linus@sandbox.example").is_none());
    let (exit, p) = plan(&env, &file, &[]);
    assert_eq!(exit, 0, "converged: {p}");
    // And a run without --yes off a terminal asks for it.
    let out = env.run(&["apply", &file]);
    assert_eq!(code(&out), 0, "nothing to apply needs no confirmation");
}

#[test]
fn ctrl_c_mid_apply_exits_130_and_the_next_apply_finishes() {
    let env = env_with_rates(500.0, "200/s", 40);
    let file = write(&env, "people.toml", &people(30));
    let child = env
        .std_command()
        .args(["-o", "json", "--yes", "apply", &file, "--concurrency", "2"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(30);
    while env.sandbox.stats().writes < 8 && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(20));
    }
    let status = std::process::Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let out = child.wait_with_output().unwrap();
    assert_eq!(code(&out), 130, "{}", crate::common::stderr(&out));
    let rows = super::parse(&out);
    let rows = rows.as_array().unwrap();
    assert!(
        rows.iter().any(|r| r["action"] == "not-run"),
        "stopped early"
    );
    assert!(
        rows.iter().any(|r| r["action"] == "created"),
        "finished what was in flight"
    );
    apply(&env, &file, &[]);
    for i in 0..30 {
        assert_eq!(count(&env, &format!("kill{i}@example.com")), 1);
    }
    assert_eq!(plan(&env, &file, &[]).0, 0);
}

#[test]
fn one_apply_of_a_journal_at_a_time() {
    let env = env_with_rates(500.0, "200/s", 0);
    let file = write(&env, "people.toml", &people(2));
    let journal = env.home().join("held.jsonl");
    // Another apply holds the journal's lock (the same advisory lock roster takes).
    let lock = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(env.home().join("held.jsonl.lock"))
        .unwrap();
    lock.try_lock().unwrap();
    std::fs::write(env.home().join("held.jsonl.lock"), "4242\n").unwrap();
    let out = env.run(&[
        "--yes",
        "apply",
        &file,
        "--journal",
        journal.to_str().unwrap(),
    ]);
    assert_eq!(code(&out), 75, "{}", crate::common::stderr(&out));
    assert!(crate::common::stderr(&out).contains("process 4242"));
    assert_eq!(
        env.sandbox.stats().requests,
        0,
        "refused before anything is read"
    );
    drop(lock);
    apply(&env, &file, &["--journal", journal.to_str().unwrap()]);
    assert_eq!(count(&env, "kill0@example.com"), 1);
}
