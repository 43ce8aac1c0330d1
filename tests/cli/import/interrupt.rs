//! Ctrl-C during an import, as a real SIGINT to the process: the first stops every new request
//! (creates, listing pages, Cradl profile look-ups), the second exits at once.

use std::io::{BufRead, BufReader};
use std::process::{Child, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use roster::sandbox::SandboxOptions;
use serde_json::Value;

use super::{count, hires, pace_every_profile, write};
use crate::common::{assert_success, Env};

/// A running import whose stderr is read line by line as it comes.
struct Running {
    child: Child,
    lines: mpsc::Receiver<String>,
    seen: Vec<String>,
}

impl Running {
    fn start(env: &Env, args: &[&str]) -> Running {
        let mut child = env
            .std_command()
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let stderr = child.stderr.take().unwrap();
        let (tx, lines) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        Running {
            child,
            lines,
            seen: Vec::new(),
        }
    }

    fn interrupt(&self) {
        let status = std::process::Command::new("kill")
            .args(["-INT", &self.child.id().to_string()])
            .status()
            .unwrap();
        assert!(status.success());
    }

    /// The first stderr line containing `text` (waiting for it).
    fn line_with(&mut self, text: &str) -> String {
        if let Some(l) = self.seen.iter().find(|l| l.contains(text)) {
            return l.clone();
        }
        loop {
            let line = self
                .lines
                .recv_timeout(Duration::from_secs(60))
                .unwrap_or_else(|_| panic!("no `{text}` on stderr; saw: {:?}", self.seen));
            self.seen.push(line.clone());
            if line.contains(text) {
                return line;
            }
        }
    }

    /// Exit code, stdout, and all of stderr.
    fn finish(mut self) -> (i32, Vec<u8>, String) {
        let mut stdout = Vec::new();
        std::io::Read::read_to_end(self.child.stdout.as_mut().unwrap(), &mut stdout).unwrap();
        let status = self.child.wait().unwrap();
        self.seen.extend(self.lines.iter());
        (status.code().unwrap_or(-1), stdout, self.seen.join("\n"))
    }
}

/// `stopping: N requests in flight` -> N.
fn in_flight(line: &str) -> u64 {
    line.split("stopping: ")
        .nth(1)
        .and_then(|rest| rest.split_whitespace().next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no count in `{line}`"))
}

fn route_count(env: &Env, route: &str) -> u64 {
    env.sandbox
        .stats()
        .by_route
        .get(route)
        .copied()
        .unwrap_or(0)
}

fn wait_for(what: &str, mut done: impl FnMut() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(60);
    while !done() {
        assert!(Instant::now() < deadline, "never saw {what}");
        std::thread::sleep(Duration::from_millis(10));
    }
}

/// Every journal line is whole JSON.
fn journal_entries(path: &std::path::Path) -> Vec<Value> {
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("torn line `{l}`: {e}")))
        .collect()
}

const CREATES: &str = "POST /paradigm/api/v3/users";

#[test]
fn after_the_first_ctrl_c_no_new_create_starts() {
    // Slow answers and a pacer: most of the 8 slots wait for their turn, which is exactly what
    // must not go out after Ctrl-C.
    let env = Env::with_options(SandboxOptions {
        latency: Duration::from_millis(400),
        ..SandboxOptions::default()
    });
    pace_every_profile(&env, "5/s");
    let file = write(&env, "stop.csv", &hires(40, 600));
    let journal = env.home().join("stop.jsonl");
    let args = ["-o", "json", "users", "import", &file, "--concurrency", "8"];
    let mut run = Running::start(
        &env,
        &[&args[..], &["--journal", journal.to_str().unwrap()]].concat(),
    );
    wait_for("three creates", || route_count(&env, CREATES) >= 3);
    let before = route_count(&env, CREATES);
    run.interrupt();
    let n = in_flight(&run.line_with("stopping: "));
    let (code, stdout, stderr) = run.finish();
    assert_eq!(code, 130, "{stderr}");
    let after = route_count(&env, CREATES);
    assert!(
        after - before <= n,
        "{} creates reached the vendor after Ctrl-C with {n} in flight",
        after - before
    );
    assert!(n <= 8, "{n}");
    let rows: Vec<Value> = serde_json::from_slice(&stdout).unwrap();
    assert!(rows.iter().any(|r| r["action"] == "not-run"), "{rows:?}");
    assert!(!stderr.contains("[===="), "no bar when piped");
    for e in journal_entries(&journal) {
        assert!(e["line"].is_u64() && e["event"].is_string(), "{e}");
    }

    let again = env.run(&[
        "users",
        "import",
        &file,
        "--journal",
        journal.to_str().unwrap(),
    ]);
    assert_success(&again, &["resume"]);
    for i in 600..640 {
        assert_eq!(count(&env, &format!("hire{i}@example.com")), 1, "hire{i}");
    }
}

#[test]
fn ctrl_c_during_a_cradl_listing_stops_its_profile_look_ups() {
    let env = Env::with_options(SandboxOptions {
        latency: Duration::from_millis(50),
        ..SandboxOptions::default()
    });
    env.sandbox.with_state(|s| {
        s.cradl.max_users = 10_000;
        for i in 0..400 {
            s.cradl.add_user(&format!("listed{i}@example.com"));
        }
    });
    pace_every_profile(&env, "1000/s");
    let file = write(&env, "cradl.csv", "email,name\nnew@example.com,New One\n");
    let mut run = Running::start(
        &env,
        &["-o", "json", "--profile", "cradl", "users", "import", &file],
    );
    let lookups = "GET /cradl/profiles/{id}";
    wait_for("profile look-ups", || route_count(&env, lookups) >= 10);
    let before = route_count(&env, lookups);
    run.interrupt();
    let n = in_flight(&run.line_with("stopping: "));
    let (code, stdout, stderr) = run.finish();
    assert_eq!(code, 130, "{stderr}");
    let after = route_count(&env, lookups);
    assert!(
        after - before <= n,
        "{} look-ups after Ctrl-C with {n} in flight",
        after - before
    );
    assert_eq!(route_count(&env, "POST /cradl/users"), 0, "nothing created");
    // The listing stops at once: the look-ups Ctrl-C cut short are not users to warn about.
    assert!(!stderr.contains("without an email"), "{stderr}");
    let rows: Vec<Value> = serde_json::from_slice(&stdout).unwrap();
    assert_eq!(rows[0]["action"], "not-run", "{rows:?}");
}

#[test]
fn a_second_ctrl_c_exits_at_once_and_leaves_the_journal_whole() {
    // Answers slow enough that the creates are still in flight at the second Ctrl-C.
    let env = Env::with_options(SandboxOptions {
        latency: Duration::from_secs(4),
        ..SandboxOptions::default()
    });
    pace_every_profile(&env, "100/s");
    let file = write(&env, "twice.csv", &hires(6, 700));
    let journal = env.home().join("twice.jsonl");
    let mut run = Running::start(
        &env,
        &[
            "-o",
            "json",
            "users",
            "import",
            &file,
            "--concurrency",
            "2",
            "--journal",
            journal.to_str().unwrap(),
        ],
    );
    wait_for("a create in flight", || route_count(&env, CREATES) >= 1);
    run.interrupt();
    run.line_with("stopping: ");
    run.interrupt();
    run.line_with("exiting now");
    let (code, _, stderr) = run.finish();
    assert_eq!(code, 130, "{stderr}");
    let entries = journal_entries(&journal);
    let started = entries.iter().filter(|e| e["event"] == "start").count();
    let done = entries.iter().filter(|e| e["event"] == "done").count();
    assert!(
        started > done,
        "it did not wait for the creates in flight: {entries:?}"
    );

    // The next run looks the unanswered creates up: each user exists exactly once.
    let again = env.run(&[
        "users",
        "import",
        &file,
        "--journal",
        journal.to_str().unwrap(),
    ]);
    assert_success(&again, &["resume after two Ctrl-C"]);
    for i in 700..706 {
        assert_eq!(count(&env, &format!("hire{i}@example.com")), 1, "hire{i}");
    }
}
