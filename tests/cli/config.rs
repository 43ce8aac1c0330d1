//! Config errors: each is exit 3 and names the file (and the profile and key where there is one).

use crate::common::{code, stderr, Env};

fn config_error(env: &Env, args: &[&str]) -> String {
    let out = env.run(args);
    assert_eq!(code(&out), 3, "{args:?}: {}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains(&env.config.display().to_string()),
        "names the file: {err}"
    );
    err
}

#[test]
fn missing_file() {
    let env = Env::new();
    std::fs::remove_file(&env.config).unwrap();
    let err = config_error(&env, &["users", "list"]);
    assert!(err.contains("not found"), "{err}");
    assert!(err.contains("--sandbox"), "suggests the sandbox: {err}");
}

#[test]
fn bad_toml_names_the_line() {
    let env = Env::new();
    env.write_config("[profiles.a]\nprovider = \"paradigm\"\ntoken = \n");
    let err = config_error(&env, &["users", "list"]);
    assert!(err.contains("line 3"), "{err}");
}

#[test]
fn unknown_key() {
    let env = Env::new();
    env.write_config("[profiles.a]\nprovider = \"paradigm\"\ntoken_env = \"K\"\ntokn = \"x\"\n");
    let err = config_error(&env, &["users", "list"]);
    assert!(
        err.contains("profile `a`") && err.contains("key `tokn`"),
        "{err}"
    );
}

#[test]
fn unknown_provider() {
    let env = Env::new();
    env.write_config("[profiles.a]\nprovider = \"okta\"\n");
    let err = config_error(&env, &["users", "list"]);
    assert!(err.contains("okta") && err.contains("paradigm"), "{err}");
}

#[test]
fn unknown_profile_lists_the_known_ones() {
    let env = Env::new();
    let err = config_error(&env, &["--profile", "nope", "users", "list"]);
    // Every vendor's sandbox profile is known; the list is sorted.
    assert!(err.contains("known: ") && err.contains("paradigm"), "{err}");
}

#[test]
fn unset_environment_variable() {
    let env = Env::new();
    env.write_config(&format!(
        "[profiles.a]\nprovider = \"paradigm\"\nbase_url = \"{}\"\ntoken_env = \"ROSTER_TEST_UNSET\"\n",
        env.base_url("paradigm")
    ));
    let err = config_error(&env, &["users", "list"]);
    assert!(
        err.contains("ROSTER_TEST_UNSET") && err.contains("token_env"),
        "{err}"
    );
}

#[test]
fn failing_secret_command() {
    let env = Env::new();
    env.write_config(&format!(
        "[profiles.a]\nprovider = \"paradigm\"\nbase_url = \"{}\"\ntoken_command = \"echo nope >&2; exit 4\"\n",
        env.base_url("paradigm")
    ));
    let err = config_error(&env, &["users", "list"]);
    assert!(
        err.contains("token_command") && err.contains("nope"),
        "{err}"
    );
}

#[test]
fn plain_http_to_another_host_is_refused() {
    let env = Env::new();
    env.write_config(
        "[profiles.a]\nprovider = \"paradigm\"\nbase_url = \"http://paradigm.example.com\"\ntoken = \"x\"\n",
    );
    let err = config_error(&env, &["users", "list"]);
    assert!(err.contains("allow_insecure_http"), "{err}");
}

#[test]
fn several_profiles_without_a_default_is_a_usage_question() {
    let env = Env::new();
    let base = env.base_url("paradigm");
    env.write_config(&format!(
        "[profiles.a]\nprovider = \"paradigm\"\nbase_url = \"{base}\"\ntoken = \"roster-sandbox-paradigm-key\"\n\
         [profiles.b]\nprovider = \"paradigm\"\nbase_url = \"{base}\"\ntoken = \"roster-sandbox-paradigm-key\"\n"
    ));
    let err = config_error(&env, &["users", "list"]);
    assert!(err.contains("--profile") && err.contains("a, b"), "{err}");
    // A write acts on one profile; reads take several (see across/).
    let out = env.run(&[
        "--profile",
        "a,b",
        "users",
        "deactivate",
        "ada@sandbox.example",
    ]);
    assert_eq!(code(&out), 2, "one command, one profile: {}", stderr(&out));
    let out = env.run(&["--profile", "a,b", "users", "list", "-o", "json"]);
    assert_eq!(code(&out), 0, "a read of both: {}", stderr(&out));
}

#[test]
fn a_failing_secret_command_shows_its_stderr_and_never_its_stdout() {
    let env = Env::new();
    env.write_config(&format!(
        "[profiles.a]\nprovider = \"paradigm\"\nbase_url = \"{}\"\n\
         token_command = \"printf '%s%s' half- secret; echo 'vault: locked' >&2; printf 'run%s\\\\n' ': vault-unlock' >&2; exit 4\"\n",
        env.base_url("paradigm")
    ));
    let err = config_error(&env, &["users", "list"]);
    assert!(
        // The command itself is quoted: these are split in it so only its stderr holds them.
        err.contains("vault: locked") && err.contains("run: vault-unlock"),
        "every line of stderr, not only the first: {err}"
    );
    assert!(!err.contains("half-secret"), "never stdout: {err}");
}

/// A file with one good profile and three broken ones, the default among them.
pub(crate) fn half_broken(env: &Env) {
    env.write_config(&format!(
        "default_profile = \"insecure\"\n\
         [profiles.good]\nprovider = \"paradigm\"\nbase_url = \"{}\"\ntoken = \"roster-sandbox-paradigm-key\"\n\
         [profiles.insecure]\nprovider = \"paradigm\"\nbase_url = \"http://paradigm.example.com\"\ntoken = \"x\"\n\
         [profiles.typo]\nprovider = \"paradigm\"\ntokn = \"x\"\n\
         [profiles.rate]\nprovider = \"paradigm\"\ntoken = \"x\"\nrate_limit = \"1e-300/s\"\n",
        env.base_url("paradigm")
    ));
}

#[test]
fn one_broken_profile_does_not_poison_the_file() {
    let env = Env::new();
    half_broken(&env);
    let users = env.json(&["--profile", "good", "users", "list"]);
    assert!(!users.as_array().unwrap().is_empty());

    // Used, each is exit 3 naming file, profile and key; the default too.
    for (args, profile, key) in [
        (&["users", "list"][..], "insecure", "base_url"),
        (&["--profile", "typo", "users", "list"][..], "typo", "tokn"),
        (
            &["--profile", "rate", "users", "list"][..],
            "rate",
            "rate_limit",
        ),
        (&["profiles", "show", "rate"][..], "rate", "rate_limit"),
    ] {
        let err = config_error(&env, args);
        assert!(
            err.contains(&format!("profile `{profile}`")) && err.contains(&format!("key `{key}`")),
            "{args:?}: {err}"
        );
    }
}

#[test]
fn toml_that_does_not_parse_still_stops_every_profile() {
    let env = Env::new();
    env.write_config(&format!(
        "[profiles.good]\nprovider = \"paradigm\"\nbase_url = \"{}\"\ntoken = \"roster-sandbox-paradigm-key\"\n[profiles.bad\n",
        env.base_url("paradigm")
    ));
    let err = config_error(&env, &["--profile", "good", "users", "list"]);
    assert!(err.contains("invalid TOML"), "{err}");
}
