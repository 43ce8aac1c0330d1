//! Single-user verbs that never surprise: passwords shown, own accounts kept, no-ops said so.

use serde_json::Value;

use crate::common::{assert_success, code, stderr, stdout, Env};

const AMANI_ADMIN: &str = "admin@amani.sandbox.example";
const AMANI_BLOCKED: &str = "lena.weber@amani.sandbox.example";
const AMANI_OPERATOR: &str = "ayse.yilmaz@amani.sandbox.example";

/// Requests that change users (not sign-ins or token grants), so a test can say "nothing was
/// sent" even when a command had to log in.
pub fn user_changes(env: &Env) -> u64 {
    env.sandbox
        .stats()
        .by_route
        .iter()
        .filter(|(route, _)| {
            let sign_in = ["login", "token", "oauth2"]
                .iter()
                .any(|w| route.contains(w));
            let write = ["POST ", "PUT ", "PATCH ", "DELETE "]
                .iter()
                .any(|m| route.starts_with(m));
            write && !sign_in
        })
        .map(|(_, n)| n)
        .sum()
}

fn json_of(out: &std::process::Output) -> Value {
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("stdout is not JSON ({e}): {}", stdout(out)))
}

/// The config plus an Amani profile signing in as `username` with `password`.
fn add_amani_login(env: &Env, name: &str, username: &str, password: &str) {
    let text = std::fs::read_to_string(&env.config).unwrap();
    env.write_config(&format!(
        "{text}\n[profiles.{name}]\nprovider = \"amani\"\nbase_url = \"{}\"\nusername = \"{username}\"\npassword = \"{password}\"\n",
        env.base_url("amani")
    ));
}

#[test]
fn a_generated_password_is_shown_in_every_output_format() {
    let env = Env::new();
    let create = |email: &str, format: &str| {
        env.run(&[
            "--profile",
            "amani",
            "-o",
            format,
            "users",
            "create",
            "--email",
            email,
            "--generate-password",
        ])
    };

    let out = create("csv@example.com", "csv");
    assert_success(&out, &["create -o csv"]);
    let mut reader = csv::Reader::from_reader(out.stdout.as_slice());
    let headers = reader.headers().unwrap().clone();
    let column = headers
        .iter()
        .position(|h| h == "generated_password")
        .unwrap_or_else(|| panic!("no password column: {headers:?}"));
    let record = reader.records().next().unwrap().unwrap();
    let password = record.get(column).unwrap().to_string();
    assert_eq!(password.chars().count(), 20, "{password}");
    // It is the password the account really has.
    add_amani_login(&env, "csvuser", "csv@example.com", &password);
    let who = env.run(&["profiles", "check", "csvuser"]);
    assert_success(&who, &["profiles check csvuser"]);

    let out = create("table@example.com", "table");
    assert_success(&out, &["create -o table"]);
    let table = stdout(&out);
    let row = table
        .lines()
        .find(|l| l.contains("PASSWORD"))
        .unwrap_or_else(|| panic!("no PASSWORD row: {table}"));
    let shown = row.replace(['|', ' '], "").replace("PASSWORD", "");
    assert_eq!(shown.chars().count(), 20, "{row}");

    for format in ["json", "ndjson"] {
        let out = create(&format!("{format}@example.com"), format);
        assert_success(&out, &[format]);
        let user = json_of(&out);
        let pw = user["extra"]["generated_password"].as_str().unwrap_or("");
        assert_eq!(pw.chars().count(), 20, "{format}: {user}");
    }
}

#[test]
fn the_account_an_amani_profile_signs_in_as_is_not_deactivated() {
    let env = Env::new();
    let out = env.run(&[
        "--profile",
        "amani",
        "users",
        "deactivate",
        AMANI_ADMIN,
        "--yes",
    ]);
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    let text = stderr(&out);
    assert!(text.contains("profile `amani` signs in as"), "{text}");
    assert!(text.contains("--allow-self"), "{text}");
    assert_eq!(user_changes(&env), 0, "refused before sending");

    // Offboarding the admin is refused the same way, everywhere at once.
    let out = env.run(&["users", "offboard", AMANI_ADMIN, "--yes"]);
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    assert!(stderr(&out).contains("`amani`"), "{}", stderr(&out));
    assert_eq!(user_changes(&env), 0);

    // The flag says "I mean it".
    let out = env.run(&[
        "--profile",
        "amani",
        "-o",
        "json",
        "users",
        "deactivate",
        AMANI_ADMIN,
        "--yes",
        "--allow-self",
    ]);
    assert_success(&out, &["deactivate --allow-self"]);
    assert_eq!(json_of(&out)["status"], "inactive");
}

#[test]
fn the_account_a_bleemeo_profile_signs_in_as_is_not_deleted() {
    let env = Env::new();
    let login = roster::sandbox::BLEEMEO_TEST_USERNAME;
    let out = env.run(&["--profile", "bleemeo", "users", "delete", login, "--yes"]);
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    assert!(stderr(&out).contains("profile `bleemeo` signs in as"));
    assert_eq!(user_changes(&env), 0, "refused before sending");
    assert!(env.emails("bleemeo").contains(&login.to_string()));
}

#[test]
fn paradigm_refusing_to_delete_its_key_owner_is_said_as_such() {
    let env = Env::new();
    // Paradigm tells no key its owner; the vendor itself refuses, and roster says why.
    let out = env.run(&["users", "delete", "admin@sandbox.example", "--yes"]);
    assert_eq!(code(&out), 4, "{}", stderr(&out));
    let text = stderr(&out);
    assert!(text.contains("own account"), "{text}");
    assert!(text.contains("profile `paradigm` signs in as"), "{text}");
    assert!(!text.contains("an admin key is needed"), "{text}");
}

#[test]
fn deactivating_an_inactive_user_or_reactivating_an_active_one_sends_nothing() {
    let env = Env::new();
    let p = ["--profile", "amani", "-o", "json", "users"];
    for (verb, who, status) in [
        ("deactivate", AMANI_BLOCKED, "inactive"),
        ("reactivate", AMANI_OPERATOR, "active"),
    ] {
        let out = env.run(&[&p[..], &[verb, who, "--yes"]].concat());
        assert_success(&out, &[verb]);
        assert_eq!(json_of(&out)["status"], status, "{verb}");
        assert!(stderr(&out).contains("unchanged"), "{}", stderr(&out));
    }
    assert_eq!(user_changes(&env), 0, "nothing was sent");
}

#[test]
fn an_update_with_nothing_different_sends_nothing() {
    let env = Env::new();
    // Ada is in Engineering and is called Ada.
    let out = env.run(&[
        "-o",
        "json",
        "users",
        "update",
        "ada@sandbox.example",
        "--first-name",
        "Ada",
        "--add-group",
        "engineering",
        "--remove-group",
        "Sales",
    ]);
    assert_success(&out, &["update paradigm"]);
    assert_eq!(json_of(&out)["first_name"], "Ada");
    assert!(stderr(&out).contains("unchanged"), "{}", stderr(&out));
    // Grace's metadata already says team=platform.
    let out = env.run(&[
        "--profile",
        "cradl",
        "users",
        "update",
        "grace@sandbox.example",
        "--set",
        "metadata.team=platform",
    ]);
    assert_success(&out, &["update cradl"]);
    assert!(stderr(&out).contains("unchanged"), "{}", stderr(&out));
    assert_eq!(user_changes(&env), 0, "nothing was sent");

    // Something different is sent.
    let out = env.run(&[
        "-o",
        "json",
        "users",
        "update",
        "ada@sandbox.example",
        "--last-name",
        "Byron",
    ]);
    assert_success(&out, &["update paradigm"]);
    assert_eq!(json_of(&out)["last_name"], "Byron");
    assert_eq!(user_changes(&env), 1);
}

#[test]
fn paradigm_create_active_that_comes_back_invited_says_so() {
    let env = Env::new();
    let out = env.run(&[
        "-o",
        "json",
        "users",
        "create",
        "--email",
        "keen@example.com",
        "--username",
        "keen",
        "--active",
    ]);
    assert_success(&out, &["create --active"]);
    assert_eq!(json_of(&out)["status"], "invited");
    let text = stderr(&out);
    assert!(
        text.contains("created the user as `invited`, not active"),
        "{text}"
    );
}

#[test]
fn ctrl_c_after_a_write_was_sent_says_it_may_have_been_applied() {
    use roster::sandbox::{Fault, FaultRule};
    let env = Env::new();
    // The delete reaches the vendor, whose answer takes long to come.
    env.sandbox.inject(FaultRule {
        vendor: Some("paradigm".into()),
        method: Some("DELETE".into()),
        path_contains: None,
        fault: Fault::Stall { secs: 30 },
        times: 1,
    });
    let mut child = env
        .std_command()
        .args(["users", "delete", "grace@sandbox.example", "--yes"])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("spawns");
    // Waits for the DELETE to arrive, however long the machine takes (no timed assertion).
    while env.sandbox.stats().writes == 0 {
        assert!(child.try_wait().expect("waits").is_none(), "ended early");
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    let sent = std::process::Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .expect("kill");
    assert!(sent.success());
    let out = child.wait_with_output().expect("ends");
    assert_eq!(code(&out), 130, "{}", stderr(&out));
    assert!(
        stderr(&out).contains("may or may not have been applied"),
        "{}",
        stderr(&out)
    );
    assert!(
        !stderr(&out).contains("nothing was sent"),
        "{}",
        stderr(&out)
    );
}
