//! Writes whose answer is lost: roster looks the user up and reports only what the vendor shows.

use roster::sandbox::{Fault, FaultRule};
use serde_json::Value;

use crate::common::{assert_success, code, stderr, stdout, Env};

/// `fault` on the next `times` requests of `method` to `vendor` whose path holds `path`.
fn inject(env: &Env, vendor: &str, method: &str, path: &str, fault: Fault, times: u32) {
    env.sandbox.inject(FaultRule {
        vendor: Some(vendor.into()),
        method: Some(method.into()),
        path_contains: Some(path.into()),
        fault,
        times,
    });
}

/// One user per vendor that `users delete` may remove, and the path its DELETE takes.
const DELETABLE: [(&str, &str, &str); 3] = [
    ("paradigm", "grace@sandbox.example", "/api/v3/users/"),
    ("cradl", "grace@sandbox.example", "/users/"),
    ("bleemeo", "grace@sandbox.example", "/v1/user/"),
];

fn exists(env: &Env, profile: &str, email: &str) -> bool {
    env.emails(profile).contains(&email.to_string())
}

#[test]
fn a_garbled_answer_to_a_delete_is_not_reported_as_deleted() {
    let env = Env::new();
    for (profile, email, path) in DELETABLE {
        // 200 with a body that is not JSON, and the user left in place.
        inject(&env, profile, "DELETE", path, Fault::MalformedJson, 1);
        let out = env.run(&["--profile", profile, "users", "delete", email, "--yes"]);
        assert_eq!(code(&out), 1, "{profile}: {}", stderr(&out));
        assert!(
            stderr(&out).contains("the user is still there: not deleted"),
            "{profile}: {}",
            stderr(&out)
        );
        assert!(exists(&env, profile, email), "{profile}: still there");
    }
}

#[test]
fn a_delete_whose_answer_was_dropped_is_deleted_not_not_found() {
    let env = Env::new();
    for (profile, email, path) in DELETABLE {
        // Applied, then the connection cut: the retried DELETE meets a 404.
        inject(&env, profile, "DELETE", path, Fault::CommitThenDrop, 1);
        let out = env.run(&[
            "--profile",
            profile,
            "-o",
            "json",
            "users",
            "delete",
            email,
            "--yes",
        ]);
        assert_success(&out, &[profile, "delete"]);
        let user: Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(user["email"], email, "{profile}");
        assert!(
            stderr(&out).contains("the user is gone"),
            "{}",
            stderr(&out)
        );
        assert!(!exists(&env, profile, email), "{profile}: gone");
    }
}

#[test]
fn a_deactivation_is_read_back_when_its_answer_is_lost() {
    let env = Env::new();
    let operator = "ayse.yilmaz@amani.sandbox.example";
    let deactivate = [
        "--profile",
        "amani",
        "-o",
        "json",
        "users",
        "deactivate",
        operator,
        "--yes",
    ];
    // Not applied, and a garbled 200: failed, and the user still active.
    inject(
        &env,
        "amani",
        "PATCH",
        "/api/v2/user/",
        Fault::MalformedJson,
        1,
    );
    let out = env.run(&deactivate);
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    assert!(stderr(&out).contains("still active"), "{}", stderr(&out));
    let user = env.json(&["--profile", "amani", "users", "get", operator]);
    assert_eq!(user["status"], "active");
    // Applied every time, the answer never arriving: the look-up shows it done.
    inject(
        &env,
        "amani",
        "PATCH",
        "/api/v2/user/",
        Fault::CommitThenDrop,
        8,
    );
    let out = env.run(&deactivate);
    assert_success(&out, &["deactivate through dropped answers"]);
    let user: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(user["status"], "inactive");
}

#[test]
fn a_create_whose_answer_was_lost_is_looked_up() {
    let env = Env::new();
    let cases: [(&str, &str, &[&str]); 4] = [
        ("paradigm", "/api/v3/users", &["--username", "lost"]),
        ("cradl", "/users", &[]),
        ("bleemeo", "/v1/user/", &[]),
        ("amani", "/api/v2/user", &["--generate-password"]),
    ];
    for (profile, path, extra) in cases {
        // Signed in first, so the faults meet the creates and not a login.
        assert_success(
            &env.run(&["--profile", profile, "users", "list"]),
            &[profile],
        );
        let create = |email: &str| {
            let mut args = vec!["--profile", profile, "-o", "json", "users", "create"];
            args.extend(["--email", email]);
            args.extend_from_slice(extra);
            env.run(&args)
        };
        inject(&env, profile, "POST", path, Fault::CommitThenDrop, 1);
        let out = create("lost@example.com");
        assert_success(&out, &[profile, "create"]);
        let user: Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(user["email"], "lost@example.com", "{profile}");
        assert!(
            stderr(&out).contains("it may have been applied"),
            "{profile}: {}",
            stderr(&out)
        );
        if profile == "amani" {
            let pw = user["extra"]["generated_password"].as_str().unwrap_or("");
            assert_eq!(
                pw.chars().count(),
                20,
                "the password is not lost with the answer"
            );
        }

        // A garbled answer to a create that did not happen: failed, and said so.
        inject(&env, profile, "POST", path, Fault::MalformedJson, 1);
        let out = create("never@example.com");
        assert_eq!(code(&out), 1, "{profile}: {}", stderr(&out));
        assert!(
            stderr(&out).contains("no such user, so it was not created"),
            "{profile}: {}",
            stderr(&out)
        );
        assert!(stdout(&out).is_empty());
    }
}

#[test]
fn offboarding_reports_what_each_vendor_shows_after_lost_answers() {
    let env = Env::new();
    let email = "grace@sandbox.example";
    // Paradigm's answer is garbled and nothing happens; Cradl's is cut after deleting, every
    // retry meeting 404.
    inject(
        &env,
        "paradigm",
        "DELETE",
        "/api/v3/users/",
        Fault::MalformedJson,
        1,
    );
    inject(&env, "cradl", "DELETE", "/users/", Fault::CommitThenDrop, 1);
    let out = env.run(&[
        "--profile",
        "paradigm,cradl",
        "-o",
        "json",
        "users",
        "offboard",
        email,
        "--yes",
    ]);
    assert_eq!(code(&out), 7, "{}", stderr(&out));
    let rows: Vec<Value> = serde_json::from_slice(&out.stdout).unwrap();
    let action = |p: &str| {
        rows.iter()
            .find(|r| r["profile"] == p)
            .and_then(|r| r["action"].as_str())
            .unwrap_or("missing")
            .to_string()
    };
    assert_eq!(action("paradigm"), "failed", "{rows:?}");
    assert_eq!(action("cradl"), "deleted", "{rows:?}");
    assert!(
        exists(&env, "paradigm", email),
        "the leaver is still in paradigm"
    );
    assert!(!exists(&env, "cradl", email));

    // Run again: Paradigm is done, Cradl has nothing left to do.
    let out = env.run(&[
        "--profile",
        "paradigm,cradl",
        "-o",
        "json",
        "users",
        "offboard",
        email,
        "--yes",
    ]);
    assert_success(&out, &["offboard again"]);
    assert!(!exists(&env, "paradigm", email));
}
