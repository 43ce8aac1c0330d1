//! `roster profiles add` and `remove` in scripts: what they write, keep and refuse.

use roster::sandbox::{CRADL_TEST_CLIENT_ID, CRADL_TEST_CLIENT_SECRET, PARADIGM_TEST_KEY};

use crate::common::{assert_success, code, stderr, Env};

fn mode(path: &std::path::Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

/// A hand-written config: a comment, a profile with an inline note, readable by others.
fn hand_written(env: &Env) -> String {
    let text = format!(
        "# team profiles, edited by hand\n\n[profiles.keep]\nprovider = \"paradigm\"\nbase_url = \"{}\"\ntoken = \"{PARADIGM_TEST_KEY}\" # sandbox key\n",
        env.base_url("paradigm")
    );
    std::fs::write(&env.config, &text).unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&env.config, std::fs::Permissions::from_mode(0o644)).unwrap();
    text
}

#[test]
fn add_writes_a_private_file_that_later_commands_use_and_keeps_the_rest() {
    let env = Env::new();
    let before = hand_written(&env);
    let url = env.base_url("paradigm");
    let out = env
        .roster()
        .env("ACME_KEY", PARADIGM_TEST_KEY)
        .args([
            "profiles",
            "add",
            "acme",
            "--provider",
            "paradigm",
            "--base-url",
            &url,
        ])
        .args(["--token-env", "ACME_KEY", "--default"])
        .output()
        .unwrap();
    assert_success(&out, &["profiles", "add"]);
    assert!(
        stderr(&out).contains("credentials accepted"),
        "{}",
        stderr(&out)
    );

    let text = std::fs::read_to_string(&env.config).unwrap();
    assert!(text.starts_with("default_profile = \"acme\"\n"), "{text}");
    assert!(
        text.contains(before.trim_end()),
        "the file as it was is kept:\n{text}"
    );
    assert!(text.ends_with(&format!(
        "[profiles.acme]\nprovider = \"paradigm\"\nbase_url = \"{url}\"\ntoken_env = \"ACME_KEY\"\n"
    )));
    assert_eq!(mode(&env.config), 0o600);

    // The default is now acme: its key comes from the variable named in the file.
    let listed = env
        .roster()
        .env("ACME_KEY", PARADIGM_TEST_KEY)
        .args(["-o", "json", "users", "list"])
        .output()
        .unwrap();
    assert_success(&listed, &["users", "list"]);
    let users: serde_json::Value = serde_json::from_slice(&listed.stdout).unwrap();
    assert!(users
        .as_array()
        .unwrap()
        .iter()
        .all(|u| u["profile"] == "acme"));
    assert!(!users.as_array().unwrap().is_empty());
    assert!(
        !env.emails("keep").is_empty(),
        "the old profile still works"
    );
}

#[test]
fn a_failed_check_writes_nothing_and_exits_4_unless_skipped() {
    let env = Env::new();
    let dir = env.home().join("fresh/roster");
    let config = dir.join("config.toml");
    let add = |extra: &[&str]| {
        env.roster()
            .env("ROSTER_CONFIG", &config)
            .env("ACME_KEY", "wrong-key")
            .args(["profiles", "add", "acme", "--provider", "paradigm"])
            .args([
                "--base-url",
                &env.base_url("paradigm"),
                "--token-env",
                "ACME_KEY",
            ])
            .args(extra)
            .output()
            .unwrap()
    };
    let out = add(&[]);
    assert_eq!(code(&out), 4, "{}", stderr(&out));
    assert!(
        stderr(&out).contains("nothing was written"),
        "{}",
        stderr(&out)
    );
    assert!(!config.exists());

    let out = add(&["--skip-check"]);
    assert_success(&out, &["--skip-check"]);
    assert!(!stderr(&out).contains("credentials accepted"));
    assert_eq!(mode(&config), 0o600, "directory created, file private");
}

#[test]
fn an_existing_profile_is_replaced_only_with_yes() {
    let env = Env::new();
    let before = hand_written(&env);
    let add = |extra: &[&str]| {
        env.roster()
            .args(["profiles", "add", "keep", "--provider", "paradigm"])
            .args(["--token-command", "echo other", "--skip-check"])
            .args(extra)
            .output()
            .unwrap()
    };
    let out = add(&[]);
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    assert!(stderr(&out).contains("profile `keep` already exists"));
    assert!(stderr(&out).contains("--yes"));
    assert_eq!(std::fs::read_to_string(&env.config).unwrap(), before);

    assert_success(&add(&["--yes"]), &["--yes"]);
    let text = std::fs::read_to_string(&env.config).unwrap();
    assert!(
        text.starts_with("# team profiles, edited by hand\n\n[profiles.keep]\n"),
        "{text}"
    );
    assert!(text.contains("token_command = \"echo other\"") && !text.contains("sandbox key"));
}

#[test]
fn flags_that_do_not_fit_the_vendor_are_refused() {
    let env = Env::new();
    let before = std::fs::read_to_string(&env.config).unwrap();
    let out = env.run(&[
        "profiles",
        "add",
        "x",
        "--provider",
        "cradl",
        "--token-env",
        "K",
        "--skip-check",
    ]);
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    assert!(stderr(&out).contains("--token-env does not apply to cradl"));
    let out = env.run(&[
        "profiles",
        "add",
        "x",
        "--provider",
        "amani",
        "--username",
        "a@b.io",
    ]);
    assert_eq!(code(&out), 2);
    assert!(stderr(&out).contains("missing --base-url and --password-env or --password-command"));
    assert_eq!(std::fs::read_to_string(&env.config).unwrap(), before);
}

#[test]
fn a_cradl_profile_from_flags_checks_and_lists_users() {
    let env = Env::new();
    let url = env.base_url("cradl");
    let out = env
        .roster()
        .env("DOCS_SECRET", CRADL_TEST_CLIENT_SECRET)
        .args([
            "profiles",
            "add",
            "docs",
            "--provider",
            "cradl",
            "--base-url",
            &url,
        ])
        .args([
            "--client-id",
            CRADL_TEST_CLIENT_ID,
            "--client-secret-env",
            "DOCS_SECRET",
        ])
        .args(["--auth-url", &format!("{url}/oauth2/token")])
        .output()
        .unwrap();
    assert_success(&out, &["profiles", "add", "docs"]);
    let listed = env
        .roster()
        .env("DOCS_SECRET", CRADL_TEST_CLIENT_SECRET)
        .args(["--profile", "docs", "-o", "json", "users", "list"])
        .output()
        .unwrap();
    assert_success(&listed, &["users", "list"]);
}

#[test]
fn remove_asks_for_yes_in_scripts_and_clears_the_default() {
    let env = Env::new();
    let before = std::fs::read_to_string(&env.config).unwrap();
    let out = env.run(&["profiles", "remove", "paradigm"]);
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    assert_eq!(std::fs::read_to_string(&env.config).unwrap(), before);

    let out = env.run(&["profiles", "remove", "nope", "--yes"]);
    assert_eq!(code(&out), 3);
    assert!(stderr(&out).contains("profile `nope` not found; known: amani"));

    let out = env.run(&["profiles", "remove", "paradigm", "--yes"]);
    assert_success(&out, &["profiles", "remove"]);
    assert!(stderr(&out).contains("default_profile named `paradigm`; it is now unset"));
    let text = std::fs::read_to_string(&env.config).unwrap();
    assert!(!text.contains("paradigm"), "{text}");
    assert!(text.contains("[profiles.bleemeo]"));
    let names: Vec<String> = env
        .json(&["profiles", "list"])
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|p| p["name"].as_str().map(str::to_string))
        .collect();
    assert_eq!(names, ["amani", "bleemeo", "cradl", "scim"]);
}

#[test]
fn refusals_without_a_prompt_say_why_nobody_was_asked() {
    let env = Env::new();
    for (vars, flags, why) in [
        (&[][..], &["--no-input"][..], "--no-input is set"),
        (
            &[("ROSTER_NO_INPUT", "1")][..],
            &[][..],
            "ROSTER_NO_INPUT is set",
        ),
        (&[][..], &[][..], "stdin is not a terminal"),
    ] {
        for args in [
            &["profiles", "remove", "paradigm"][..],
            &["users", "delete", "ada@sandbox.example"][..],
            &["profiles", "add"][..],
        ] {
            let mut cmd = env.roster();
            for (k, v) in vars {
                cmd.env(k, v);
            }
            let out = cmd.args(flags).args(args).output().unwrap();
            assert_eq!(code(&out), 2, "{args:?}: {}", stderr(&out));
            assert!(
                stderr(&out).contains(why),
                "{why}: {args:?}: {}",
                stderr(&out)
            );
            assert!(
                !stderr(&out).contains("no terminal to ask on"),
                "{}",
                stderr(&out)
            );
        }
    }
    assert_eq!(env.sandbox.stats().writes, 0);
}
