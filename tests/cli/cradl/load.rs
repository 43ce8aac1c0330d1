//! Cradl under load: patient, paced, cached email look-ups; one unread profile costs one email;
//! the monthly cap is not a rate limit.

use roster::sandbox::{Fault, FaultRule, SandboxOptions};
use serde_json::Value;

use super::{cradl, route, run, LIST_ROUTE, PROFILE_ROUTE, SEEDED};
use crate::common::{assert_success, code, stderr, stdout, Env};

/// The profile id and user id of a seeded user, by the email's local part.
fn seeded(env: &Env, login: &str) -> (String, String) {
    let email = format!("{login}@sandbox.example");
    env.sandbox.with_state(|s| {
        let user = s
            .cradl
            .users
            .iter()
            .find(|u| s.cradl.email_of(u) == Some(email.as_str()))
            .expect("a seeded user");
        (user.profile_id.clone(), user.user_id.clone())
    })
}

fn fault_on_profile(profile_id: &str, fault: Fault, times: u32) -> FaultRule {
    FaultRule {
        vendor: Some("cradl".into()),
        method: Some("GET".into()),
        path_contains: Some(format!("/cradl/profiles/{profile_id}")),
        fault,
        times,
    }
}

fn email_of<'a>(users: &'a Value, id: &str) -> &'a Value {
    users
        .as_array()
        .and_then(|a| a.iter().find(|u| u["id"] == id))
        .map_or(&Value::Null, |u| &u["email"])
}

#[test]
fn the_monthly_cap_is_exit_1_with_the_vendors_words_and_never_retried() {
    let env = Env::new();
    env.sandbox.with_state(|s| s.cradl.monthly_limit = Some(0));
    let out = run(&env, &["users", "list"]);
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    assert!(stderr(&out).contains("Limit Exceeded"), "{}", stderr(&out));
    assert!(stderr(&out).contains("monthly"), "{}", stderr(&out));
    // cradl 0.6.8 response.py:39-40: LimitExceededException, no backoff on it.
    assert_eq!(route(&env, LIST_ROUTE), 1, "sent once, not retried");
    assert_eq!(env.sandbox.stats().rate_limited, 1);
}

#[test]
fn an_import_over_the_monthly_cap_sends_each_create_once() {
    let env = Env::new();
    // Room for the import's listing (the list, six profiles, the roles), none for its writes.
    env.sandbox.with_state(|s| s.cradl.monthly_limit = Some(8));
    let path = env.home().join("hires.csv");
    std::fs::write(
        &path,
        "email,name\ncap1@example.com,One\ncap2@example.com,Two\ncap3@example.com,Three\n",
    )
    .unwrap();
    let file = path.display().to_string();
    let out = run(&env, &["-o", "json", "users", "import", &file]);
    assert_eq!(code(&out), 7, "{}", stderr(&out));
    let rows: Value = serde_json::from_slice(&out.stdout).expect("json results");
    let rows = rows.as_array().cloned().unwrap_or_default();
    assert_eq!(rows.len(), 3);
    for row in &rows {
        assert_eq!(row["action"], "failed", "{row}");
        let error = row["error"].as_str().unwrap_or_default();
        assert!(error.contains("Limit Exceeded"), "{row}");
    }
    assert_eq!(route(&env, "POST /cradl/users"), 3, "one try per row");
}

#[test]
fn too_many_requests_on_a_profile_is_waited_out_longer_than_a_write_would_be() {
    let env = Env::new();
    let (profile, user) = seeded(&env, "grace");
    // Four 429s without Retry-After: one more than a write's four tries could outlast.
    let fault = Fault::TooManyRequests {
        retry_after_secs: 0,
    };
    env.sandbox.inject(fault_on_profile(&profile, fault, 4));
    let out = run(&env, &["-o", "json", "users", "list"]);
    assert_success(&out, &["users", "list"]);
    let users: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(email_of(&users, &user), "grace@sandbox.example");
    assert!(!stderr(&out).contains("warning"), "{}", stderr(&out));
    assert_eq!(env.sandbox.stats().rate_limited, 4);
}

#[test]
fn an_unreadable_profile_costs_only_its_users_email() {
    let env = Env::new();
    let (profile, user) = seeded(&env, "ada");
    // 501 is never retried: the look-up fails at once, every time.
    let fault = Fault::ServerError { status: 501 };
    env.sandbox.inject(fault_on_profile(&profile, fault, 100));
    let out = run(&env, &["-o", "json", "users", "list"]);
    assert_success(&out, &["users", "list"]);
    let users: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(users.as_array().map(Vec::len), Some(SEEDED));
    assert!(email_of(&users, &user).is_null(), "{users}");
    let others = users
        .as_array()
        .unwrap()
        .iter()
        .filter(|u| u["email"].is_string());
    assert_eq!(others.count(), SEEDED - 2, "all but Ada and the robot");
    let err = stderr(&out);
    assert!(err.contains("warning") && err.contains(&user), "{err}");
    assert!(!stdout(&out).contains("warning"), "stdout is data only");
    // `--quiet` silences the vendor client's warning too, and keeps the data.
    let out = run(&env, &["-q", "-o", "json", "users", "list"]);
    assert_success(&out, &["users", "list"]);
    assert!(!stderr(&out).contains("warning"), "{}", stderr(&out));
    // `users get` by email cannot see Ada's email either: not found, not a crash.
    let out = run(&env, &["users", "get", "ada@sandbox.example"]);
    assert_eq!(code(&out), 5, "{}", stderr(&out));
}

#[test]
fn each_profile_is_read_once_per_process() {
    let env = Env::new();
    // Find by email (a listing), then the PATCH answer's user: its profile is known by then.
    let updated = cradl(
        &env,
        &["users", "update", "grace@sandbox.example", "--name", "G"],
    );
    assert_eq!(updated["email"], "grace@sandbox.example");
    assert_eq!(route(&env, PROFILE_ROUTE), SEEDED as u64);
}

#[test]
fn profile_look_ups_keep_to_the_profiles_rate_limit() {
    // The sandbox takes 40 requests a second; the profile asks for 20. Eight look-ups at a
    // time with no pacing would pass 40 in well under a second.
    let env = Env::with_options(SandboxOptions {
        rate_limit_per_sec: Some(40.0),
        ..SandboxOptions::default()
    });
    env.sandbox.with_state(|s| {
        for i in 0..60 {
            s.cradl.add_user(&format!("paced{i}@example.com"));
        }
    });
    let text = std::fs::read_to_string(&env.config).unwrap();
    let table = "[profiles.cradl]\n";
    assert!(text.contains(table), "{text}");
    env.write_config(&text.replacen(table, &format!("{table}rate_limit = \"20/s\"\n"), 1));
    let users = cradl(&env, &["users", "list"]);
    let with_email = users
        .as_array()
        .unwrap()
        .iter()
        .filter(|u| u["email"].is_string());
    assert_eq!(with_email.count(), SEEDED - 1 + 60);
    assert_eq!(
        env.sandbox.stats().rate_limited,
        0,
        "never over the vendor's rate"
    );
}

#[test]
fn a_listing_through_random_faults_is_complete() {
    let env = Env::with_options(SandboxOptions {
        fault_rate: 0.3,
        fault_seed: 9,
        ..SandboxOptions::default()
    });
    env.sandbox.with_state(|s| {
        for i in 0..40 {
            s.cradl.add_user(&format!("faulty{i}@example.com"));
        }
    });
    let users = cradl(&env, &["users", "list"]);
    assert_eq!(users.as_array().map(Vec::len), Some(SEEDED + 40));
    assert!(env.sandbox.stats().faults > 0, "faults were met");
}

#[test]
fn sandbox_serve_can_set_the_monthly_cap() {
    let env = Env::new();
    let mut child = env
        .std_command()
        .args(["sandbox", "serve", "--listen", "127.0.0.1:0"])
        // One listing's worth: the list, the six profiles, the roles.
        .args(["--monthly-limit", "8"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("spawn");
    let stdout = child.stdout.take().expect("stdout");
    let mut text = String::new();
    for line in std::io::BufRead::lines(std::io::BufReader::new(stdout)) {
        let line = line.expect("line");
        // Cradl's block is printed last and ends with its secret.
        let done = line.starts_with("client_secret");
        text.push_str(&line);
        text.push('\n');
        if done {
            break;
        }
    }
    env.write_config(&text);
    let first = env.run(&["--profile", "cradl", "-o", "json", "users", "list"]);
    let second = env.run(&["--profile", "cradl", "users", "list"]);
    let _ = child.kill();
    let _ = child.wait();
    assert_success(&first, &["users", "list"]);
    assert_eq!(code(&second), 1, "{}", stderr(&second));
    assert!(
        stderr(&second).contains("Limit Exceeded"),
        "{}",
        stderr(&second)
    );
}
