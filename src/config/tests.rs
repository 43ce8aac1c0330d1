//! Unit tests of `config`.

use super::*;

fn parse(text: &str) -> Result<Config, ConfigError> {
    Config::parse(text, "/tmp/c.toml")
}

#[test]
fn a_paradigm_profile_parses_with_defaults() {
    let c = parse(
        "default_profile = \"acme\"\n[profiles.acme]\nprovider = \"paradigm\"\ntoken_env = \"K\"\n",
    )
    .unwrap();
    let p = &c.profiles["acme"];
    assert_eq!(p.kind, ProviderKind::Paradigm);
    assert_eq!(p.base_url, "https://paradigm.lighton.ai");
    assert_eq!(p.timeout, Duration::from_secs(30));
    assert_eq!(p.secrets["token"], SecretSource::Env("K".into()));
}

/// The error of the one profile `acme`, which must be broken.
fn broken(text: &str) -> ConfigError {
    let c = parse(text).unwrap();
    assert!(c.profiles.is_empty(), "{:?}", c.profiles.keys());
    c.select(&[]).unwrap_err()
}

#[test]
fn unknown_key_names_file_profile_and_key() {
    let e = broken("[profiles.acme]\nprovider = \"paradigm\"\ntoken = \"x\"\ncolour = 1\n");
    assert_eq!(e.profile.as_deref(), Some("acme"));
    assert_eq!(e.key.as_deref(), Some("colour"));
    assert!(e.to_string().contains("/tmp/c.toml"));
}

#[test]
fn unknown_provider_lists_the_known_ones() {
    let e = broken("[profiles.acme]\nprovider = \"okta\"\n");
    assert!(e.hint().unwrap().contains("paradigm"));
}

#[test]
fn http_is_refused_unless_loopback_or_opted_in() {
    let base = "[profiles.acme]\nprovider = \"paradigm\"\ntoken = \"x\"\n";
    broken(&format!("{base}base_url = \"http://example.com\"\n"));
    for ok in [
        "http://127.0.0.1:8787/paradigm",
        "http://127.8.9.10",
        "http://localhost:1",
        "http://[::1]:80",
    ] {
        assert!(
            parse(&format!("{base}base_url = \"{ok}\"\n"))
                .unwrap()
                .profiles
                .len()
                == 1,
            "{ok}"
        );
    }
    assert!(
        parse(&format!(
            "{base}base_url = \"http://example.com\"\nallow_insecure_http = true\n"
        ))
        .unwrap()
        .profiles
        .len()
            == 1
    );
}

#[test]
fn two_sources_for_one_secret_are_refused() {
    let e = broken("[profiles.acme]\nprovider = \"paradigm\"\ntoken = \"x\"\ntoken_env = \"Y\"\n");
    assert_eq!(e.key.as_deref(), Some("token"));
}

#[test]
fn selection_rules() {
    let c = parse(
        "[profiles.a]\nprovider = \"paradigm\"\ntoken = \"x\"\n[profiles.b]\nprovider = \"paradigm\"\ntoken = \"y\"\n",
    )
    .unwrap();
    assert!(c.select(&[]).unwrap_err().message.contains("a, b"));
    assert_eq!(c.select(&["b".into()]).unwrap()[0].name, "b");
    assert!(c
        .select(&["zz".into()])
        .unwrap_err()
        .message
        .contains("known: a, b"));
}

#[test]
fn secret_command_and_env_resolve() {
    let c = parse("[profiles.a]\nprovider = \"paradigm\"\ntoken_command = \"echo ' s3cret '\"\n")
        .unwrap();
    let p = c.profiles["a"].resolve("f").unwrap();
    assert_eq!(p.secret("token").unwrap().expose(), "s3cret");
    let c = parse("[profiles.a]\nprovider = \"paradigm\"\ntoken_command = \"exit 3\"\n").unwrap();
    assert!(c.profiles["a"].resolve("f").is_err());
    let c = parse(
        "[profiles.a]\nprovider = \"paradigm\"\ntoken_env = \"ROSTER_TEST_SURELY_UNSET_VAR\"\n",
    )
    .unwrap();
    let e = c.profiles["a"].resolve("f").unwrap_err();
    assert_eq!(e.key.as_deref(), Some("token_env"));
}

#[test]
fn a_broken_profile_is_an_error_only_when_used() {
    let text = "default_profile = \"bad\"\n\
        [profiles.good]\nprovider = \"paradigm\"\ntoken = \"x\"\n\
        [profiles.bad]\nprovider = \"paradigm\"\ntoken = \"x\"\nrate_limit = \"1e-300/s\"\n\
        [profiles.odd]\nprovider = \"okta\"\nbase_url = \"https://u:pw@okta.example\"\n";
    let c = parse(text).unwrap();
    assert_eq!(c.names(), ["bad", "good", "odd"]);
    assert_eq!(c.select(&["good".into()]).unwrap()[0].name, "good");
    let e = c.select(&[]).unwrap_err();
    assert_eq!(
        (e.profile.as_deref(), e.key.as_deref()),
        (Some("bad"), Some("rate_limit"))
    );
    assert!(e.hint().unwrap().contains("roster profiles remove bad"));
    let odd = &c.broken["odd"];
    assert_eq!(odd.provider.as_deref(), Some("okta"));
    assert_eq!(
        odd.base_url.as_deref(),
        Some("https://[redacted]@okta.example")
    );
    assert!(c
        .select(&["nope".into()])
        .unwrap_err()
        .message
        .contains("known: bad, good, odd"));
}

#[test]
fn a_profile_that_is_not_a_table_is_broken_alone() {
    let c =
        parse("[profiles]\nflat = 3\n[profiles.good]\nprovider = \"paradigm\"\ntoken = \"x\"\n")
            .unwrap();
    assert!(c.broken.contains_key("flat"));
    assert!(c.profiles.contains_key("good"));
}

#[test]
fn control_characters_are_refused_naming_the_key() {
    let base = "[profiles.acme]\nprovider = \"bleemeo\"\nusername = \"a@b.c\"\npassword = \"p\"\n";
    for (extra, key) in [
        ("account_id = \"abc\\r\\nX-Evil: 1\"\n", "account_id"),
        ("account_id = \"ab\\u00e9\"\n", "account_id"),
        ("client_id = \"a\\u0000\"\n", "client_id"),
        ("base_url = \"https://h.example/\\nx\"\n", "base_url"),
    ] {
        let e = broken(&format!("{base}{extra}"));
        assert_eq!(e.key.as_deref(), Some(key), "{extra}: {e}");
    }
    let e = broken("[profiles.acme]\nprovider = \"paradigm\"\ntoken = \"k\\n\"\n");
    assert_eq!(e.key.as_deref(), Some("token"));
    let c =
        parse("[profiles.acme]\nprovider = \"paradigm\"\ntoken_command = \"printf 'a\\\\rb'\"\n")
            .unwrap();
    let e = c.profiles["acme"].resolve("f").unwrap_err();
    assert_eq!(e.key.as_deref(), Some("token_command"), "{e}");
    assert!(e.message.contains("U+000D"), "{e}");
}

#[test]
fn cradl_auth_url_follows_the_base_url_rule() {
    let base = "[profiles.acme]\nprovider = \"cradl\"\nclient_id = \"c\"\nclient_secret = \"s\"\n";
    let e = broken(&format!(
        "{base}base_url = \"http://127.0.0.1:9/cradl\"\nauth_url = \"http://auth.example.com/t\"\n"
    ));
    assert_eq!(e.key.as_deref(), Some("auth_url"));
    let e = broken(&format!(
        "{base}auth_url = \"https://id:secret@auth.example.com/t\"\n"
    ));
    assert!(!e.to_string().contains("secret@"), "{e}");
    let ok = parse(&format!(
        "{base}base_url = \"http://127.0.0.1:9/cradl\"\nauth_url = \"http://127.0.0.1:9/cradl/oauth2/token\"\n"
    ))
    .unwrap();
    assert_eq!(ok.profiles.len(), 1);
    let opted = parse(&format!(
        "{base}allow_insecure_http = true\nauth_url = \"http://auth.example.com/t\"\n"
    ))
    .unwrap();
    assert_eq!(opted.profiles.len(), 1);
}

#[test]
fn bad_toml_reports_the_line() {
    let e = parse("[profiles.a\nprovider = 1\n").unwrap_err();
    assert!(e.message.contains("line 1"), "{}", e.message);
}

#[test]
fn cradl_auth_url_over_http_is_refused_like_base_url() {
    // Moved from the Cradl client's tests: the client trusts what the config allowed.
    let text = "[profiles.c]\nprovider = \"cradl\"\nclient_id = \"i\"\nclient_secret = \"s\"\n\
                auth_url = \"http://auth.example.com/t\"\n";
    let config = Config::parse(text, "t").unwrap();
    assert_eq!(config.broken["c"].error.key.as_deref(), Some("auth_url"));
}
