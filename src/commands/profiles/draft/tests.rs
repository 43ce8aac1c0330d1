//! `profiles add` questions and flag rules, answered by a scripted prompter.

use super::*;
use crate::error::ErrorKind;
use crate::prompt::ScriptedPrompter;

fn situation<'a>(existing: &'a [String], interactive: bool, yes: bool) -> Situation<'a> {
    Situation {
        file: "/tmp/roster/config.toml",
        existing,
        has_default: false,
        interactive,
        no_prompt: (!interactive).then_some("stdin is not a terminal"),
        yes,
    }
}

fn pairs(d: &Draft) -> Vec<(&str, &str)> {
    d.entries
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect()
}

#[test]
fn a_person_is_walked_through_a_paradigm_profile() {
    let p = ScriptedPrompter::new(&["paradigm", "", "", "0", "ROSTER_TEST_SURELY_UNSET_KEY"]);
    let d = draft(&Args::default(), &situation(&[], true, false), &p).unwrap();
    assert_eq!(
        p.questions(),
        [
            "Provider",
            "Profile name",
            "Base URL",
            "Where roster reads the API key from",
            "Environment variable"
        ]
    );
    assert_eq!(d.name, "paradigm");
    assert_eq!(
        pairs(&d),
        [
            ("provider", "paradigm"),
            ("token_env", "ROSTER_TEST_SURELY_UNSET_KEY")
        ],
        "the vendor's default base URL is left out of the file"
    );
    assert!(!d.make_default);
    assert!(d.warnings[0].contains("ROSTER_TEST_SURELY_UNSET_KEY is not set"));
}

#[test]
fn bleemeo_asks_login_account_and_a_command_and_offers_the_default() {
    let args = Args {
        name: Some("mon".into()),
        provider: Some(ProviderKind::Bleemeo),
        ..Args::default()
    };
    let existing = vec!["other".to_string()];
    let p = ScriptedPrompter::new(&[
        "http://127.0.0.1:9/bleemeo/",
        "ops@example.com",
        "1",
        "  pass show bleemeo  ",
        "",
        "y",
    ]);
    let d = draft(&args, &situation(&existing, true, false), &p).unwrap();
    assert_eq!(
        p.questions(),
        [
            "Base URL",
            "Username (the login email)",
            "Where roster reads the password from",
            "Command",
            "Account id (optional; when your login reaches several accounts)",
            "Make `mon` the default profile?"
        ]
    );
    assert_eq!(
        pairs(&d),
        [
            ("provider", "bleemeo"),
            ("base_url", "http://127.0.0.1:9/bleemeo/"),
            ("username", "ops@example.com"),
            ("password_command", "pass show bleemeo")
        ]
    );
    assert!(d.make_default);
}

#[test]
fn amani_needs_a_base_url_and_a_literal_secret_is_warned_about() {
    let args = Args {
        provider: Some(ProviderKind::Amani),
        username: Some("admin@example.com".into()),
        ..Args::default()
    };
    let p = ScriptedPrompter::new(&[
        "kyc",
        "",
        "http://example.com",
        "https://eu.amani.ai",
        "2",
        "s3cret-pw",
    ]);
    let d = draft(&args, &situation(&[], true, false), &p).unwrap();
    assert_eq!(
        p.questions(),
        [
            "Profile name",
            "Base URL (amani has no default; e.g. https://eu.amani.ai)",
            "Base URL (amani has no default; e.g. https://eu.amani.ai)",
            "Base URL (amani has no default; e.g. https://eu.amani.ai)",
            "Where roster reads the password from",
            "The password (hidden)"
        ],
        "an empty and an http:// URL are asked again"
    );
    assert_eq!(
        pairs(&d),
        [
            ("provider", "amani"),
            ("base_url", "https://eu.amani.ai"),
            ("username", "admin@example.com"),
            ("password", "s3cret-pw")
        ]
    );
    assert!(d.warnings[0].contains("stored in clear"));
}

#[test]
fn cradl_asks_its_client_and_the_secret_variable() {
    let args = Args {
        name: Some("docs".into()),
        provider: Some(ProviderKind::Cradl),
        client_secret_env: Some("PATH".into()),
        ..Args::default()
    };
    let p = ScriptedPrompter::new(&["", "my-client", "http://127.0.0.1:9/cradl/oauth2/token"]);
    let d = draft(&args, &situation(&[], true, false), &p).unwrap();
    assert_eq!(p.questions(), ["Base URL", "Client id", "Token URL"]);
    assert_eq!(
        pairs(&d),
        [
            ("provider", "cradl"),
            ("client_id", "my-client"),
            ("client_secret_env", "PATH"),
            ("auth_url", "http://127.0.0.1:9/cradl/oauth2/token")
        ]
    );
    let p = ScriptedPrompter::new(&["", "my-client", ""]);
    let d = draft(&args, &situation(&[], true, false), &p).unwrap();
    assert!(
        !pairs(&d).iter().any(|(k, _)| *k == "auth_url"),
        "the default is left out"
    );
    assert!(d.warnings.is_empty(), "PATH is set");
}

#[test]
fn full_flags_ask_nothing_even_on_a_terminal() {
    let args = Args {
        name: Some("acme".into()),
        provider: Some(ProviderKind::Paradigm),
        token_command: Some("echo k".into()),
        default: true,
        ..Args::default()
    };
    let p = ScriptedPrompter::new(&[]);
    let d = draft(&args, &situation(&[], true, false), &p).unwrap();
    assert!(p.questions().is_empty());
    assert_eq!(
        pairs(&d),
        [("provider", "paradigm"), ("token_command", "echo k")]
    );
    assert!(d.make_default);
}

#[test]
fn scripts_get_the_missing_flags_named() {
    let p = ScriptedPrompter::new(&["never"]);
    let e = draft(&Args::default(), &situation(&[], false, false), &p).unwrap_err();
    assert_eq!(e.exit_code(), 2);
    assert_eq!(
        e.to_string(),
        "missing NAME and --provider; pass them or run on a terminal (stdin is not a terminal)"
    );
    let args = Args {
        name: Some("m".into()),
        provider: Some(ProviderKind::Amani),
        ..Args::default()
    };
    let e = draft(&args, &situation(&[], false, false), &p).unwrap_err();
    assert_eq!(
        e.to_string(),
        "missing --base-url and --username and --password-env or --password-command for \
         amani; pass them or run on a terminal (stdin is not a terminal)"
    );
    assert!(p.questions().is_empty());
}

#[test]
fn another_vendors_flag_is_refused() {
    let args = Args {
        name: Some("m".into()),
        provider: Some(ProviderKind::Bleemeo),
        username: Some("u@example.com".into()),
        token_env: Some("K".into()),
        ..Args::default()
    };
    let e = draft(
        &args,
        &situation(&[], true, false),
        &ScriptedPrompter::new(&[]),
    )
    .unwrap_err();
    assert_eq!(e.exit_code(), 2);
    assert!(
        e.to_string()
            .contains("--token-env does not apply to bleemeo"),
        "{e}"
    );
    assert!(e
        .hint()
        .unwrap_or_default()
        .contains("--password-env|--password-command"));
}

#[test]
fn an_existing_profile_is_replaced_only_when_confirmed() {
    let existing = vec!["acme".to_string()];
    let args = Args {
        name: Some("acme".into()),
        provider: Some(ProviderKind::Paradigm),
        token_env: Some("K".into()),
        ..Args::default()
    };
    let p = ScriptedPrompter::new(&[]);
    let e = draft(&args, &situation(&existing, false, false), &p).unwrap_err();
    assert_eq!(e.exit_code(), 2);
    assert!(e.to_string().contains("pass --yes to replace it"), "{e}");
    assert!(draft(&args, &situation(&existing, false, true), &p).is_ok());

    let p = ScriptedPrompter::new(&["n"]);
    let e = draft(&args, &situation(&existing, true, false), &p).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Cancelled);
    assert!(p.questions()[0].contains("already exists"));
    let p = ScriptedPrompter::new(&["y"]);
    assert_eq!(
        draft(&args, &situation(&existing, true, false), &p)
            .unwrap()
            .name,
        "acme"
    );
}

#[test]
fn bad_names_are_refused_or_asked_again() {
    let args = Args {
        name: Some("a,b".into()),
        ..Args::default()
    };
    let e = draft(
        &args,
        &situation(&[], true, false),
        &ScriptedPrompter::new(&[]),
    )
    .unwrap_err();
    assert_eq!(e.exit_code(), 2);
    let existing = vec!["paradigm".to_string()];
    let p = ScriptedPrompter::new(&["0", "", "my tenant", "acme", "", "1", "echo k", ""]);
    let d = draft(&Args::default(), &situation(&existing, true, false), &p).unwrap();
    assert_eq!(
        d.name, "acme",
        "no default name when the provider's is taken"
    );
    assert_eq!(p.questions()[1..4], ["Profile name"; 3]);
    assert!(
        d.make_default,
        "with no default_profile yet, yes is the default answer"
    );
}

#[test]
fn the_base_url_question_gives_the_vendors_own_example() {
    let args = Args {
        provider: Some(ProviderKind::Scim),
        token_env: Some("SLACK_SCIM_TOKEN".into()),
        ..Args::default()
    };
    // The profile name, then the base URL; the draft may ask more (the dialect), or fail later
    // for lack of answers: only the base URL question matters here.
    let p = ScriptedPrompter::new(&["slack", "https://api.slack.com/scim/v2"]);
    let _ = draft(&args, &situation(&[], true, false), &p);
    let asked = p.questions();
    assert!(
        asked
            .iter()
            .any(|q| q == "Base URL (scim has no default; e.g. https://api.example.com/scim/v2)"),
        "{asked:?}"
    );
    assert!(!asked.iter().any(|q| q.contains("amani")), "{asked:?}");
}
