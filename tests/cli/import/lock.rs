//! Two imports of the same journal at once: the second says who holds it and exits 75, or
//! waits for it with `--wait`; every user is still created exactly once.

use std::process::Stdio;
use std::time::{Duration, Instant};

use roster::sandbox::SandboxOptions;
use serde_json::Value;

use super::{count, hires, outcomes, pace_every_profile, write};
use crate::common::{assert_success, code, stderr, Env};

#[test]
fn a_second_import_of_the_same_journal_waits_or_exits_75() {
    let env = Env::with_options(SandboxOptions {
        latency: Duration::from_millis(200),
        ..SandboxOptions::default()
    });
    pace_every_profile(&env, "100/s");
    let file = write(&env, "shared.csv", &hires(40, 800));
    let first = env
        .std_command()
        .args(["-o", "json", "users", "import", &file, "--concurrency", "2"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // The first run holds the journal once it sends its first create.
    let deadline = Instant::now() + Duration::from_secs(60);
    while env.sandbox.stats().writes == 0 {
        assert!(Instant::now() < deadline, "the first import never started");
        std::thread::sleep(Duration::from_millis(10));
    }

    let second = env.run(&["-o", "json", "users", "import", &file]);
    assert_eq!(code(&second), 75, "{}", stderr(&second));
    assert!(
        stderr(&second).contains(&format!("in use by process {}", first.id())),
        "{}",
        stderr(&second)
    );
    assert!(stderr(&second).contains("--wait"), "{}", stderr(&second));

    let waited = env.run(&["-o", "json", "users", "import", &file, "--wait"]);
    let first = first.wait_with_output().unwrap();
    assert_success(&first, &["first import"]);
    assert_success(&waited, &["the import that waited"]);
    // It ran after the first finished: every row was done by then.
    assert!(
        outcomes(&waited)
            .iter()
            .all(|r| r["resumed"] == Value::Bool(true)),
        "{}",
        String::from_utf8_lossy(&waited.stdout)
    );
    for i in 800..840 {
        assert_eq!(count(&env, &format!("hire{i}@example.com")), 1, "hire{i}");
    }
    assert_eq!(
        env.sandbox.stats().writes,
        40,
        "one create per user, none from the others"
    );
}
