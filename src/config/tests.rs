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

#[test]
fn unknown_key_names_file_profile_and_key() {
    let e =
        parse("[profiles.acme]\nprovider = \"paradigm\"\ntoken = \"x\"\ncolour = 1\n").unwrap_err();
    assert_eq!(e.profile.as_deref(), Some("acme"));
    assert_eq!(e.key.as_deref(), Some("colour"));
    assert!(e.to_string().contains("/tmp/c.toml"));
}

#[test]
fn unknown_provider_lists_the_known_ones() {
    let e = parse("[profiles.a]\nprovider = \"okta\"\n").unwrap_err();
    assert!(e.hint().unwrap().contains("paradigm"));
}

#[test]
fn http_is_refused_unless_loopback_or_opted_in() {
    let base = "[profiles.a]\nprovider = \"paradigm\"\ntoken = \"x\"\n";
    assert!(parse(&format!("{base}base_url = \"http://example.com\"\n")).is_err());
    for ok in [
        "http://127.0.0.1:8787/paradigm",
        "http://127.8.9.10",
        "http://localhost:1",
        "http://[::1]:80",
    ] {
        assert!(
            parse(&format!("{base}base_url = \"{ok}\"\n")).is_ok(),
            "{ok}"
        );
    }
    assert!(parse(&format!(
        "{base}base_url = \"http://example.com\"\nallow_insecure_http = true\n"
    ))
    .is_ok());
}

#[test]
fn two_sources_for_one_secret_are_refused() {
    let e = parse("[profiles.a]\nprovider = \"paradigm\"\ntoken = \"x\"\ntoken_env = \"Y\"\n")
        .unwrap_err();
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
fn rate_limits_parse() {
    assert_eq!(RateLimit::parse("10/s").unwrap().per_second, 10.0);
    assert_eq!(RateLimit::parse("120/min").unwrap().per_second, 2.0);
    assert!(RateLimit::parse("fast").is_none());
    assert!(RateLimit::parse("0/s").is_none());
}

#[test]
fn bad_toml_reports_the_line() {
    let e = parse("[profiles.a\nprovider = 1\n").unwrap_err();
    assert!(e.message.contains("line 1"), "{}", e.message);
}
