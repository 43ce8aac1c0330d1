//! Credentials are checked, not assumed: fresh logins, secret-keyed caches, hostile values.

use std::path::{Path, PathBuf};

use roster::sandbox::{
    AMANI_TEST_PASSWORD, AMANI_TEST_USERNAME, BLEEMEO_TEST_PASSWORD, BLEEMEO_TEST_USERNAME,
    CRADL_TEST_CLIENT_ID, CRADL_TEST_CLIENT_SECRET, PARADIGM_TEST_KEY,
};
use serde_json::Value;

use crate::common::{assert_success, code, files_under, stderr, stdout, Env};

/// Password grants the Bleemeo sandbox issued.
fn bleemeo_logins(env: &Env) -> u64 {
    env.sandbox.with_state(|s| s.bleemeo.grant_counts.password)
}

fn tokens_dir(env: &Env) -> PathBuf {
    env.home().join("xdg-cache/roster/tokens")
}

fn bleemeo_profile(env: &Env, name: &str) -> String {
    format!(
        "[profiles.\"{name}\"]\nprovider = \"bleemeo\"\nbase_url = \"{}\"\nusername = \"{BLEEMEO_TEST_USERNAME}\"\npassword_env = \"PW\"\n",
        env.base_url("bleemeo")
    )
}

/// `roster` with `$PW` (and `$SECRET`) set to `secret`.
fn run_with(env: &Env, secret: &str, args: &[&str]) -> std::process::Output {
    env.roster()
        .env("PW", secret)
        .env("SECRET", secret)
        .args(args)
        .output()
        .unwrap()
}

#[test]
fn profiles_check_never_trusts_a_cached_token() {
    let env = Env::new();
    env.json(&["--profile", "bleemeo", "users", "list"]);
    assert_eq!(bleemeo_logins(&env), 1);
    env.json(&["profiles", "check", "bleemeo"]);
    assert_eq!(bleemeo_logins(&env), 2, "check NAME logged in afresh");
    env.json(&["profiles", "check"]);
    assert_eq!(bleemeo_logins(&env), 3, "check of every profile too");
    // Its fresh token is kept for the next command.
    env.json(&["--profile", "bleemeo", "users", "list"]);
    assert_eq!(bleemeo_logins(&env), 3);
}

#[test]
fn a_wrong_secret_fails_at_once_even_with_a_valid_cached_token() {
    let env = Env::new();
    let bleemeo = env.base_url("bleemeo");
    let amani = env.base_url("amani");
    let cradl = env.base_url("cradl");
    env.write_config(&format!(
        "[profiles.b]\nprovider = \"bleemeo\"\nbase_url = \"{bleemeo}\"\nusername = \"{BLEEMEO_TEST_USERNAME}\"\npassword_env = \"PW\"\n\
         [profiles.a]\nprovider = \"amani\"\nbase_url = \"{amani}\"\nusername = \"{AMANI_TEST_USERNAME}\"\npassword_env = \"PW\"\n\
         [profiles.c]\nprovider = \"cradl\"\nbase_url = \"{cradl}\"\nauth_url = \"{cradl}/oauth2/token\"\n\
         client_id = \"{CRADL_TEST_CLIENT_ID}\"\nclient_secret_env = \"SECRET\"\n"
    ));
    for (profile, good) in [
        ("b", BLEEMEO_TEST_PASSWORD),
        ("a", AMANI_TEST_PASSWORD),
        ("c", CRADL_TEST_CLIENT_SECRET),
    ] {
        let args = ["--profile", profile, "users", "list"];
        assert_success(&run_with(&env, good, &args), &args);
        let wrong = "mistyped-secret-31f9";
        let out = run_with(&env, wrong, &args);
        assert_eq!(code(&out), 4, "{profile}: {}", stderr(&out));
        assert!(!stderr(&out).contains(wrong) && !stdout(&out).contains(wrong));
        // And the right one still works, from a fresh login or the cache.
        assert_success(&run_with(&env, good, &args), &args);
    }
    // The cache holds tokens and a salted hash, never a secret.
    for file in files_under(&tokens_dir(&env)) {
        let text = std::fs::read_to_string(&file).unwrap();
        for secret in [
            BLEEMEO_TEST_PASSWORD,
            AMANI_TEST_PASSWORD,
            CRADL_TEST_CLIENT_SECRET,
        ] {
            assert!(!text.contains(secret), "{}", file.display());
        }
    }
}

#[test]
fn token_cache_files_never_collide_and_logout_removes_only_its_own() {
    let env = Env::new();
    env.write_config(&format!(
        "{}{}",
        bleemeo_profile(&env, "x.y"),
        bleemeo_profile(&env, "x_y")
    ));
    for p in ["x.y", "x_y"] {
        assert_success(
            &run_with(
                &env,
                BLEEMEO_TEST_PASSWORD,
                &["--profile", p, "users", "list"],
            ),
            &[p],
        );
    }
    assert_eq!(bleemeo_logins(&env), 2);
    assert_eq!(files_under(&tokens_dir(&env)).len(), 2, "one file each");
    assert_success(&env.run(&["profiles", "logout", "x_y"]), &["logout"]);
    assert_eq!(files_under(&tokens_dir(&env)).len(), 1);
    let args = ["--profile", "x.y", "users", "list"];
    assert_success(&run_with(&env, BLEEMEO_TEST_PASSWORD, &args), &args);
    assert_eq!(bleemeo_logins(&env), 2, "x.y kept its token");
}

#[cfg(unix)]
#[test]
fn cache_directories_roster_creates_are_private() {
    use std::os::unix::fs::PermissionsExt;
    let env = Env::new();
    env.json(&["--profile", "bleemeo", "users", "list"]);
    let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    let dir = tokens_dir(&env);
    assert_eq!(mode(&dir), 0o700);
    assert_eq!(mode(dir.parent().unwrap()), 0o700, "{}", dir.display());
    for file in files_under(&dir) {
        assert_eq!(mode(&file), 0o600);
    }
}

#[test]
fn a_corrupt_cached_token_is_discarded_and_a_fresh_login_done() {
    let env = Env::new();
    let args = ["--profile", "bleemeo", "-o", "json", "users", "list"];
    assert_success(&env.run(&args), &args);
    let path = tokens_dir(&env).join("bleemeo.json");
    for corrupt in ["tok\r\nX-Injected: 1", "tok\u{7}", "", "tök"] {
        let text = std::fs::read_to_string(&path).unwrap();
        let mut file: Value = serde_json::from_str(&text).unwrap();
        file["token"]["access"] = Value::String(corrupt.into());
        std::fs::write(&path, file.to_string()).unwrap();
        let before = bleemeo_logins(&env);
        let out = env.run(&args);
        assert_success(&out, &args);
        assert!(!stderr(&out).contains("builder error"), "{}", stderr(&out));
        assert_eq!(
            bleemeo_logins(&env),
            before + 1,
            "{corrupt:?}: logged in again"
        );
    }
    std::fs::write(&path, "{ not json").unwrap();
    assert_success(&env.run(&args), &args);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(
        serde_json::from_str::<Value>(&text).is_ok(),
        "replaced: {text}"
    );
}

/// Expect exit 3 naming `key`, and never reqwest's "builder error".
fn refused(env: &Env, out: &std::process::Output, key: &str) {
    let err = stderr(out);
    assert_eq!(code(out), 3, "{err}");
    assert!(err.contains(&format!("key `{key}`")), "{key}: {err}");
    assert!(err.contains(&env.config.display().to_string()), "{err}");
    assert!(!err.contains("builder error"), "{err}");
}

#[test]
fn control_characters_in_secrets_and_headers_are_config_errors() {
    let env = Env::new();
    let paradigm = env.base_url("paradigm");
    env.write_config(&format!(
        "[profiles.p]\nprovider = \"paradigm\"\nbase_url = \"{paradigm}\"\ntoken_env = \"SECRET\"\n"
    ));
    for bad in [
        format!("{PARADIGM_TEST_KEY}\r\nX-Injected: 1"),
        format!("{PARADIGM_TEST_KEY}\u{1b}[31m"),
        format!("{PARADIGM_TEST_KEY}\u{7f}"),
        format!("{PARADIGM_TEST_KEY}é"),
    ] {
        let out = run_with(&env, &bad, &["users", "list"]);
        refused(&env, &out, "token_env");
        assert!(
            !stderr(&out).contains(PARADIGM_TEST_KEY),
            "{}",
            stderr(&out)
        );
    }
    env.write_config(&format!(
        "[profiles.p]\nprovider = \"paradigm\"\nbase_url = \"{paradigm}\"\ntoken_command = \"printf 'abc\\\\ndef'\"\n"
    ));
    refused(&env, &env.run(&["users", "list"]), "token_command");
    env.write_config(&format!(
        "[profiles.p]\nprovider = \"paradigm\"\nbase_url = \"{paradigm}\"\ntoken = \"abc\\r\\n\"\n"
    ));
    refused(&env, &env.run(&["users", "list"]), "token");
    env.write_config(&format!(
        "{}account_id = \"9b3f\\r\\nX-Injected: 1\"\n",
        bleemeo_profile(&env, "b")
    ));
    refused(
        &env,
        &run_with(&env, BLEEMEO_TEST_PASSWORD, &["users", "list"]),
        "account_id",
    );
    assert_eq!(env.sandbox.stats().requests, 0, "nothing was sent");
}

#[test]
fn urls_follow_one_rule_and_never_carry_credentials() {
    let env = Env::new();
    let cradl = env.base_url("cradl");
    let profile = |extra: &str| {
        format!(
            "[profiles.c]\nprovider = \"cradl\"\nclient_id = \"{CRADL_TEST_CLIENT_ID}\"\nclient_secret_env = \"SECRET\"\n{extra}"
        )
    };
    // A loopback base_url no longer lets the client secret go in clear to another host.
    env.write_config(&profile(&format!(
        "base_url = \"{cradl}\"\nauth_url = \"http://auth.example.com/oauth2/token\"\n"
    )));
    let out = run_with(&env, CRADL_TEST_CLIENT_SECRET, &["users", "list"]);
    refused(&env, &out, "auth_url");
    assert!(
        stderr(&out).contains("allow_insecure_http"),
        "{}",
        stderr(&out)
    );

    for (key, url) in [
        ("base_url", "https://admin:hunter2-pw@api.cradl.example/v1"),
        ("auth_url", "https://admin:hunter2-pw@auth.cradl.example/t"),
    ] {
        env.write_config(&profile(&format!("{key} = \"{url}\"\n")));
        let out = run_with(&env, CRADL_TEST_CLIENT_SECRET, &["users", "list"]);
        refused(&env, &out, key);
        let err = stderr(&out);
        assert!(!err.contains("hunter2-pw"), "{err}");
        assert!(err.contains("secret field"), "{err}");
    }
    for url in [
        format!("{cradl}\\r\\nX-Injected: 1"),
        format!("{cradl}\\t"),
        format!("{cradl}/\\u0000"),
    ] {
        env.write_config(&profile(&format!("base_url = \"{url}\"\n")));
        refused(
            &env,
            &run_with(&env, CRADL_TEST_CLIENT_SECRET, &["users", "list"]),
            "base_url",
        );
    }
    // The sandbox's own profile (loopback both) still works.
    env.write_config(&profile(&format!(
        "base_url = \"{cradl}\"\nauth_url = \"{cradl}/oauth2/token\"\n"
    )));
    let args = ["users", "list"];
    assert_success(&run_with(&env, CRADL_TEST_CLIENT_SECRET, &args), &args);
}
