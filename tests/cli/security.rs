//! Secrets never leak: a canary token in no output, log or written file.

use crate::common::{stderr, stdout, Env};

const CANARY: &str = "canary-7f3a9c-secret-token";

fn assert_no_canary(text: &str, what: &str) {
    assert!(!text.contains(CANARY), "{what} leaked the canary: {text}");
}

#[test]
fn a_canary_token_never_appears_in_any_output() {
    let env = Env::new();
    let base = env.base_url("paradigm");
    env.write_config(&format!(
        "[profiles.canary]\nprovider = \"paradigm\"\nbase_url = \"{base}\"\ntoken_env = \"CANARY_KEY\"\n"
    ));
    let runs: &[&[&str]] = &[
        &["-vv", "users", "list"],
        &["-v", "profiles", "check"],
        &["-v", "profiles", "show", "canary"],
        &[
            "-v",
            "--dry-run",
            "users",
            "create",
            "--email",
            "c@example.com",
            "--username",
            "c",
        ],
        &[
            "-v",
            "-o",
            "json",
            "--dry-run",
            "users",
            "create",
            "--email",
            "c@example.com",
            "--username",
            "c",
        ],
        &["-v", "users", "get", "nobody@example.com"],
    ];
    for args in runs {
        let out = env
            .roster()
            .env("CANARY_KEY", CANARY)
            .args(*args)
            .output()
            .unwrap();
        assert_no_canary(&stdout(&out), "stdout");
        assert_no_canary(&stderr(&out), "stderr");
    }
    // A literal token in a world-readable file: warned about, never echoed.
    env.write_config(&format!(
        "[profiles.canary]\nprovider = \"paradigm\"\nbase_url = \"{base}\"\ntoken = \"{CANARY}\"\n"
    ));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&env.config, std::fs::Permissions::from_mode(0o644)).unwrap();
    }
    let out = env.run(&["-v", "users", "list"]);
    assert_no_canary(&stdout(&out), "stdout");
    assert_no_canary(&stderr(&out), "stderr");
    #[cfg(unix)]
    assert!(
        stderr(&out).contains("readable by other users"),
        "{}",
        stderr(&out)
    );

    // Nothing roster wrote under HOME holds it either.
    for entry in crate::common::files_under(env.home()) {
        if entry == env.config {
            continue;
        }
        if let Ok(text) = std::fs::read_to_string(&entry) {
            assert_no_canary(&text, &entry.display().to_string());
        }
    }
}

#[test]
fn the_valid_key_is_not_echoed_by_verbose_or_dry_run() {
    let env = Env::new();
    let key = "roster-sandbox-paradigm-key";
    for args in [
        &["-vv", "users", "list"][..],
        &["-v", "--dry-run", "users", "delete", "ada@sandbox.example"][..],
    ] {
        let out = env.run(args);
        assert!(out.status.success(), "{}", stderr(&out));
        assert!(!stdout(&out).contains(key) && !stderr(&out).contains(key));
    }
}
