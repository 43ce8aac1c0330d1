//! The invite questions for every vendor, answered by a scripted prompter.

use super::*;
use crate::error::ErrorKind;
use crate::prompt::ScriptedPrompter;

fn group(id: &str, name: &str, kind: GroupKind) -> Group {
    Group {
        profile: "p".into(),
        provider: "x".into(),
        id: id.into(),
        name: name.into(),
        kind,
        description: None,
    }
}

fn run(
    kind: ProviderKind,
    args: Args,
    offered: &[Group],
    answers: &[&str],
) -> (Result<Completed>, ScriptedPrompter) {
    let prompter = ScriptedPrompter::new(answers);
    let invite = Invite {
        kind,
        profile: "acme",
        offered,
        interactive: true,
        no_prompt: None,
    };
    (complete(args, &invite, &prompter), prompter)
}

/// The questions asked, each cut to its last line (the summary sits above the confirmation).
fn asked(p: &ScriptedPrompter) -> Vec<String> {
    p.questions()
        .iter()
        .map(|q| q.lines().last().unwrap_or_default().to_string())
        .collect()
}

#[test]
fn paradigm_asks_every_field_and_re_asks_a_bad_email() {
    let offered = [
        group("1", "Engineering", GroupKind::Group),
        group("2", "Sales", GroupKind::Group),
    ];
    let (done, p) = run(
        ProviderKind::Paradigm,
        Args::default(),
        &offered,
        &[
            "ada at example",
            "Ada.Lovelace+x@example.com",
            "",
            "Ada",
            "",
            "2",
            "1",
            "",
        ],
    );
    let done = done.unwrap();
    assert_eq!(
        asked(&p),
        [
            "Email",
            "Email",
            "Username",
            "First name (optional)",
            "Last name (optional)",
            "Language",
            "Groups",
            "Create this user in acme?"
        ]
    );
    let a = &done.args;
    assert_eq!(a.email.as_deref(), Some("Ada.Lovelace+x@example.com"));
    assert_eq!(a.username.as_deref(), Some("Ada.Lovelace+x"));
    assert_eq!(a.first_name.as_deref(), Some("Ada"));
    assert_eq!(a.last_name, None);
    assert_eq!(a.language.as_deref(), Some("en"));
    assert_eq!(a.group, ["2"]);
    assert!(done.memberships_are_ids);
    assert_eq!(done.password, PasswordChoice::None);
    let summary = p.questions().last().cloned().unwrap_or_default();
    assert!(summary.contains("username     Ada.Lovelace+x"), "{summary}");
    assert!(summary.contains("groups       Sales (id 2)"), "{summary}");
    assert!(!summary.contains("last name"), "{summary}");
}

#[test]
fn paradigm_language_can_stay_the_vendor_default() {
    let args = Args {
        email: Some("a@example.com".into()),
        ..Args::default()
    };
    let (done, _) = run(ProviderKind::Paradigm, args, &[], &["", "", "", "", ""]);
    let done = done.unwrap();
    assert_eq!(done.args.language, None);
    assert_eq!(done.args.username.as_deref(), Some("a"));
    assert!(!done.memberships_are_ids, "no list, nothing picked");
}

#[test]
fn flags_given_are_not_asked_again() {
    let args = Args {
        email: Some("grace@example.com".into()),
        first_name: Some("Grace".into()),
        language: Some("fr".into()),
        group: vec!["Engineering".into()],
        ..Args::default()
    };
    let (done, p) = run(ProviderKind::Paradigm, args, &[], &["gh", "Hopper", "y"]);
    let done = done.unwrap();
    assert_eq!(
        asked(&p),
        [
            "Username",
            "Last name (optional)",
            "Create this user in acme?"
        ]
    );
    assert_eq!(done.args.username.as_deref(), Some("gh"));
    assert_eq!(
        done.args.group,
        ["Engineering"],
        "names go on to be resolved"
    );
    assert!(!done.memberships_are_ids);
    assert_eq!(p.left(), 0);
}

#[test]
fn bleemeo_asks_names_and_roles() {
    let offered = [
        group("admin", "admin", GroupKind::Role),
        group("manager", "manager", GroupKind::Role),
    ];
    let (done, p) = run(
        ProviderKind::Bleemeo,
        Args::default(),
        &offered,
        &["ops@example.com", "Op", "Erator", "manager", "yes"],
    );
    let done = done.unwrap();
    assert_eq!(
        asked(&p),
        [
            "Email",
            "First name (optional)",
            "Last name (optional)",
            "Roles",
            "Create this user in acme?"
        ]
    );
    assert_eq!(done.args.role, ["manager"]);
    assert!(done.args.group.is_empty());
    assert_eq!(done.args.last_name.as_deref(), Some("Erator"));
}

#[test]
fn amani_asks_phone_and_a_hidden_password_of_eight_characters() {
    let offered = [group("3", "Operator", GroupKind::Role)];
    let (done, p) = run(
        ProviderKind::Amani,
        Args::default(),
        &offered,
        &[
            "kyc@example.com",
            "",
            "",
            "+90 555 123",
            "1",
            "short",
            "long-enough-secret",
            "long-enough-secreT",
            "long-enough-secret",
            "long-enough-secret",
            "",
            "",
        ],
    );
    let done = done.unwrap();
    assert_eq!(
        asked(&p),
        [
            "Email",
            "First name (optional)",
            "Last name (optional)",
            "Phone (optional)",
            "Password for the new user",
            "Password (at least 8 characters)",
            "Too short; password (at least 8 characters)",
            "Password (again)",
            "The two entries differ; password (at least 8 characters)",
            "Password (again)",
            "Roles",
            "Create this user in acme?"
        ]
    );
    assert_eq!(
        done.password,
        PasswordChoice::Typed(Secret::new("long-enough-secret"))
    );
    assert_eq!(done.args.phone.as_deref(), Some("+90 555 123"));
    assert!(done.args.role.is_empty());
    let summary = p.questions().join("\n");
    assert!(
        summary.contains("password     (as typed, hidden)"),
        "{summary}"
    );
    assert!(!summary.contains("long-enough-secret"));
    assert!(
        summary.contains("About to create an amani user in profile acme:"),
        "{summary}"
    );
}

#[test]
fn amani_can_generate_the_password_and_skips_it_when_a_flag_gives_it() {
    let (done, _) = run(
        ProviderKind::Amani,
        Args::default(),
        &[],
        &["kyc@example.com", "", "", "", "0", ""],
    );
    assert_eq!(done.unwrap().password, PasswordChoice::Generate);

    let args = Args {
        generate_password: true,
        ..Args::default()
    };
    let (done, p) = run(
        ProviderKind::Amani,
        args,
        &[],
        &["kyc@example.com", "", "", "", ""],
    );
    assert_eq!(done.unwrap().password, PasswordChoice::Generate);
    assert!(!asked(&p).iter().any(|q| q.contains("assword")));
    assert!(p
        .questions()
        .join("\n")
        .contains("(generated, shown once after creation)"));
}

#[test]
fn cradl_checks_its_published_email_pattern_and_asks_name_and_description() {
    let offered = [
        group("cradl:role:dev", "Developer", GroupKind::Role),
        group("cradl:role:adm", "Admin", GroupKind::Role),
    ];
    let (done, p) = run(
        ProviderKind::Cradl,
        Args::default(),
        &offered,
        &[
            "_under@example.com",
            "doc.ai@example.io",
            "Doc Reader",
            "",
            "0,1",
            "",
        ],
    );
    let done = done.unwrap();
    assert_eq!(
        asked(&p),
        [
            "Email",
            "Email",
            "Display name (optional)",
            "Description (optional)",
            "Roles",
            "Create this user in acme?"
        ]
    );
    assert_eq!(done.args.name.as_deref(), Some("Doc Reader"));
    assert_eq!(done.args.description, None);
    assert_eq!(done.args.role, ["cradl:role:dev", "cradl:role:adm"]);
    assert!(done.args.first_name.is_none(), "cradl has no first name");
}

#[test]
fn cradl_pattern_is_the_published_one() {
    for ok in ["a@b.io", "a.b-c+d_e@sub.example.com", "9x@x-y.org"] {
        assert!(check_email(ProviderKind::Cradl, ok).is_ok(), "{ok}");
    }
    for bad in ["_a@b.io", "a@b.c", "a@b", "a b@c.io", "@b.io"] {
        assert!(check_email(ProviderKind::Cradl, bad).is_err(), "{bad}");
    }
}

#[test]
fn cancel_anywhere_returns_before_anything_is_built() {
    let offered = [group("1", "Engineering", GroupKind::Group)];
    // Esc at the groups list (the scripted prompter runs out of answers there).
    let (done, p) = run(
        ProviderKind::Paradigm,
        Args::default(),
        &offered,
        &["a@example.com", "", "", "", ""],
    );
    assert_eq!(done.unwrap_err().kind(), ErrorKind::Cancelled);
    assert_eq!(asked(&p).last().map(String::as_str), Some("Groups"));
    // "no" at the summary.
    let (done, _) = run(
        ProviderKind::Bleemeo,
        Args::default(),
        &[],
        &["a@example.com", "", "", "n"],
    );
    assert_eq!(done.unwrap_err().exit_code(), 130);
}

#[test]
fn a_bad_email_flag_stops_before_the_questions() {
    // The password is missing, so the questions would start.
    let args = Args {
        email: Some("kyc.example.com".into()),
        ..Args::default()
    };
    let (done, p) = run(ProviderKind::Amani, args, &[], &["Name"]);
    let e = done.unwrap_err();
    assert_eq!(e.exit_code(), 2);
    assert!(
        e.to_string()
            .contains("--email `kyc.example.com`: not an email address"),
        "{e}"
    );
    assert!(p.questions().is_empty());
}

#[test]
fn nothing_is_asked_when_the_flags_have_everything() {
    let args = Args {
        email: Some("a@example.com".into()),
        username: Some("a".into()),
        ..Args::default()
    };
    let (done, p) = run(ProviderKind::Paradigm, args, &[], &[]);
    assert_eq!(done.unwrap().args.username.as_deref(), Some("a"));
    assert!(p.questions().is_empty());
}

#[test]
fn without_a_person_missing_flags_are_named() {
    let prompter = ScriptedPrompter::new(&["would hang"]);
    // A blank Paradigm username is made from the email: it is never "missing".
    let cases = [
        (
            ProviderKind::Paradigm,
            "missing --email for paradigm; pass it (--no-input is set)",
        ),
        (
            ProviderKind::Bleemeo,
            "missing --email for bleemeo; pass it (--no-input is set)",
        ),
        (
            ProviderKind::Amani,
            "missing --email and a password (--password-stdin or --generate-password) for \
             amani; pass them (--no-input is set)",
        ),
        (
            ProviderKind::Cradl,
            "missing --email for cradl; pass it (--no-input is set)",
        ),
    ];
    for (kind, message) in cases {
        let invite = Invite {
            kind,
            profile: "acme",
            offered: &[],
            interactive: false,
            no_prompt: Some("--no-input is set"),
        };
        let e = complete(Args::default(), &invite, &prompter).unwrap_err();
        assert_eq!(e.exit_code(), 2);
        assert!(e.to_string().contains(message), "{e}");
        assert!(!will_ask(&Args::default(), kind, false));
    }
    let piped = Invite {
        kind: ProviderKind::Paradigm,
        profile: "acme",
        offered: &[],
        interactive: false,
        no_prompt: Some("stdin is not a terminal"),
    };
    let e = complete(Args::default(), &piped, &prompter).unwrap_err();
    assert!(
        e.to_string().ends_with(
            "missing --email for paradigm; pass it or run on a terminal (stdin is not a terminal)"
        ),
        "{e}"
    );
    // With the email given, a script needs nothing more from Paradigm.
    let with_email = Args {
        email: Some("a@example.com".into()),
        ..Args::default()
    };
    let done = complete(with_email, &piped, &prompter).unwrap();
    assert!(done.args.username.is_none(), "made from the email later");
    assert!(prompter.questions().is_empty());
    assert!(asks_memberships(
        &Args::default(),
        ProviderKind::Cradl,
        true
    ));
    let with_role = Args {
        role: vec!["x".into()],
        ..Args::default()
    };
    assert!(!asks_memberships(&with_role, ProviderKind::Cradl, true));
}
