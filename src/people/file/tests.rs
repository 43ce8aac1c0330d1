use super::*;

fn known() -> BTreeMap<String, ProfileInfo> {
    let mut k = BTreeMap::new();
    k.insert(
        "paradigm".to_string(),
        ProfileInfo {
            fields: &["username", "first_name", "last_name", "language"],
            groups: true,
            roles: false,
        },
    );
    k.insert(
        "cradl".to_string(),
        ProfileInfo {
            fields: &["name", "description"],
            groups: false,
            roles: true,
        },
    );
    k
}

fn lines(problems: &[Problem]) -> Vec<(u64, String)> {
    problems
        .iter()
        .map(|p| (p.line, p.message.clone()))
        .collect()
}

#[test]
fn a_person_gets_the_default_profiles_and_their_own_tables() {
    let text = r#"[defaults]
profiles = ["paradigm"]

[[person]]
email = " ada@example.com "
first_name = "Ada"
cradl = { roles = ["Admin"], name = "Countess" }

[[person]]
email = "leaver@example.com"
state = "absent"
profiles = ["cradl"]
"#;
    let f = parse(text, &known()).unwrap();
    assert_eq!(f.profiles(), ["paradigm", "cradl"]);
    let ada = &f.people[0];
    assert_eq!((ada.line, ada.email.as_str()), (4, "ada@example.com"));
    let names: Vec<&str> = ada.accounts.iter().map(|a| a.profile.as_str()).collect();
    assert_eq!(names, ["cradl", "paradigm"]);
    let cradl = &ada.accounts[0];
    assert_eq!(cradl.fields["name"], "Countess");
    assert_eq!(cradl.roles.as_ref().unwrap()[0].name, "Admin");
    assert_eq!(cradl.roles.as_ref().unwrap()[0].line, 7);
    assert_eq!(ada.accounts[1].groups, None, "memberships left alone");
    let leaver = &f.people[1];
    assert_eq!(leaver.state, State::Absent);
    assert_eq!(
        leaver.accounts.len(),
        1,
        "its own profiles replace the defaults"
    );
    assert!(f.prune.is_empty());
}

#[test]
fn prune_is_true_for_every_default_profile_or_a_list() {
    let f = parse(
        "[defaults]\nprune = true\nprofiles = [\"paradigm\", \"cradl\"]\n",
        &known(),
    )
    .unwrap();
    assert_eq!(f.prune, ["paradigm", "cradl"]);
    let f = parse(
        "[defaults]\nprofiles = [\"paradigm\", \"cradl\"]\nprune = [\"cradl\"]\n",
        &known(),
    )
    .unwrap();
    assert_eq!(f.prune, ["cradl"]);
    let e = parse("[defaults]\nprune = [\"nope\"]\n", &known()).unwrap_err();
    assert_eq!(e[0].line, 2);
    assert!(e[0].message.contains("no profile `nope`"), "{:?}", e);
}

#[test]
fn every_problem_is_found_at_once_with_its_line() {
    let text = r#"[defaults]
profiles = ["paradigm"]

[[person]]
first_name = "No email"

[[person]]
email = "not-an-email"

[[person]]
email = "a@x.io"
paradigm = { groups = "Research", roles = ["r"] }
cradl = "Admin"

[[person]]
email = "A@X.IO"
first_name = 3
"#;
    let got = lines(&parse(text, &known()).unwrap_err());
    let want_lines: Vec<u64> = got.iter().map(|(l, _)| *l).collect();
    assert_eq!(want_lines, [4, 8, 12, 12, 13, 15, 17], "{got:?}");
    assert!(got[0].1.contains("needs an email"));
    assert!(got[1].1.contains("not an email address"));
    assert!(got[2].1.contains("`groups` must be an array"));
    assert!(got[3].1.contains("has no user field `roles`"), "{got:?}");
    assert!(got[4].1.contains("`cradl` must be a table"));
    assert!(got[5].1.contains("already on line 10"));
    assert!(got[6].1.contains("`first_name` must be a string"));
}

#[test]
fn a_person_without_any_profile_is_a_problem() {
    let e = parse("[[person]]\nemail = \"a@x.io\"\n", &known()).unwrap_err();
    assert_eq!(e[0].line, 1);
    assert!(e[0].message.contains("has no profile"), "{e:?}");
    let e = parse("[people]\n", &known()).unwrap_err();
    assert!(e[0].message.contains("unknown key `people`"), "{e:?}");
}

#[test]
fn lines_count_from_one() {
    assert_eq!(line_of("a\nb\nc", 0), 1);
    assert_eq!(line_of("a\nb\nc", 2), 2);
    assert_eq!(line_of("a\nb\nc", 99), 3);
}
